"""Checks of a drawing, read back from the sandbox as line data (``wire.AxesData``)."""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Callable, Sequence

import numpy as np

from autograder.checks.describe import kind, number
from autograder.checks.diagnoses import LOOSE_ATOL, Hint
from autograder.checks.failures import BadPlot, WrongType
from autograder.messages import say
from autograder.sandbox import wire

# Plotted curves: 1e-6 is far below a pixel and accepts curves computed in float32.
PLOT_ATOL = 1e-6


@dataclass(frozen=True)
class Curve:
    """A curve a plot must show: ``f(x)`` gives its y at the student's own x values.

    ``mistakes`` are ``(f_wrong, hint)`` pairs: a line equal to ``f_wrong(x)`` gets that hint.
    """
    text: str
    f: Callable[[np.ndarray], np.ndarray]
    mistakes: Sequence[tuple[Callable[[np.ndarray], np.ndarray], Hint]] = ()


def check_returns_axes(call: str, result: Any) -> wire.AxesData:
    """The call must return the Axes it drew on (read back as ``AxesData``)."""
    value = getattr(result, "value", result)
    if isinstance(value, wire.AxesData):
        return value
    if value is None:
        raise WrongType(say("checks.plots.returns_none", "{call} returned None; it must return the Axes it drew on: "
                            "end with `return ax`.", call=call),
                        "plot.returns_none")
    if getattr(value, "type_name", "") == "Figure":
        raise WrongType(say("checks.plots.returns_figure", "{call} returned {kind}; it must return the Axes it drew "
                            "on (`return ax`), not the Figure.", call=call, kind=kind(value)),
                        "plot.returns_other")
    raise WrongType(say("checks.plots.returns_other", "{call} returned {kind}; it must return the Axes it drew on "
                        "(`return ax`).", call=call, kind=kind(value)),
                    "plot.returns_other")


def line_matches(line: wire.LineData, f: Callable, atol: float) -> bool:
    x, y = np.asarray(line.x, dtype=np.float64), np.asarray(line.y, dtype=np.float64)
    if x.size == 0 or x.shape != y.shape:
        return False
    with np.errstate(all="ignore"):
        want = np.asarray(f(x), dtype=np.float64)
        return want.shape == y.shape and bool(np.allclose(y, want, rtol=0, atol=atol))


def _no_lines(call: str) -> BadPlot:
    return BadPlot(say("checks.plots.no_lines", "{call} drew no lines on the Axes it was given: draw each curve with "
                       "ax.plot(x, y, label=...) on that ax (not on a new figure from plt.figure()/plt.subplots(), "
                       "and as a line, not a scatter).", call=call),
                   "plot.no_lines")


def match_curves(call: str, data: wire.AxesData, curves: Sequence[Curve],
                 atol: float = PLOT_ATOL) -> list[wire.LineData]:
    """One line per curve, y equal to ``curve.f`` at the line's own x (within ``atol``).

    Line i is tried for curve i first, then any line not used yet, so order does not matter;
    lines that match no curve (guides such as ax.axhline(0.5)) are ignored.
    """
    lines = list(data.lines)
    if not lines:
        raise _no_lines(call)
    used: set[int] = set()
    matched = []
    for i, curve in enumerate(curves):
        order = ([i] if i < len(lines) else []) + [j for j in range(len(lines)) if j != i]
        found = next((j for j in order if j not in used and line_matches(lines[j], curve.f, atol)), None)
        if found is None:
            if len(lines) == 1:
                message = say("checks.plots.wrong_curve_one_line", "{call} drew 1 line for {curves} curves; no line "
                              "shows {curve} (within {atol:g}).", call=call, curves=len(curves), curve=curve.text,
                              atol=atol)
            else:
                message = say("checks.plots.wrong_curve", "{call} drew {lines} lines for {curves} curves; no line "
                              "shows {curve} (within {atol:g}).", call=call, lines=len(lines), curves=len(curves),
                              curve=curve.text, atol=atol)
            hint = None
            for j in order:
                if j in used:
                    continue
                hint = next((Hint(h.code, say("checks.plots.line_looks_like", "line {line} ({label!r}) looks like "
                                              "{mistake}", line=j + 1, label=lines[j].label, mistake=h.text))
                             for g, h in curve.mistakes if line_matches(lines[j], g, LOOSE_ATOL + atol)), None)
                if hint:
                    break
            if hint is None and len(lines) < len(curves):
                hint = Hint("plot.missing_curves", say("checks.plots.missing_curves",
                                                       "draw one line per curve (a loop over all of them, each with "
                                                       "its own ax.plot)"))
            raise BadPlot(message + ("\n" + hint.text if hint else ""), hint.code if hint else "plot.wrong_curve")
        used.add(found)
        matched.append(lines[found])
    return matched


def check_curves_drawn(call: str, data: wire.AxesData, count: int) -> None:
    """At least ``count`` lines whose y varies: flat lines (a constant answer) are not curves."""
    lines = list(data.lines)
    if not lines:
        raise _no_lines(call)
    varying = [ln for ln in lines if _height(ln) > 1e-3]
    if len(varying) < count:
        if len(varying) == 1:
            message = say("checks.plots.flat_lines_one", "{call} drew 1 line whose height changes, for {count} "
                          "curves; the other lines are flat, so they cannot show the curves asked for.",
                          call=call, count=count)
        else:
            message = say("checks.plots.flat_lines", "{call} drew {varying} lines whose height changes, for {count} "
                          "curves; the other lines are flat, so they cannot show the curves asked for.",
                          call=call, varying=len(varying), count=count)
        raise BadPlot(message, "plot.flat_lines")


def _height(line: wire.LineData) -> float:
    y = np.asarray(line.y, dtype=np.float64)
    y = y[np.isfinite(y)]
    return float(y.max() - y.min()) if y.size else 0.0


def check_sampling(call: str, curve_text: str, line: wire.LineData, *, min_points: int = 10,
                   f: Callable[[np.ndarray], np.ndarray] | None = None, below: float | None = None,
                   above: float | None = None, why: str = "") -> None:
    """A line is drawn as a visible curve: enough distinct x values, sorted x, and an x range over which
    the curve's values ``f(x)`` (the line's own y if ``f`` is None) go below ``below`` and above ``above``."""
    x = np.asarray(line.x, dtype=np.float64)
    distinct = np.unique(x[np.isfinite(x)]).size
    if distinct < min_points:
        if distinct == 1:
            message = say("checks.plots.too_few_points_one", "{call}: the line for {curve} has 1 distinct x value; "
                          "use at least {min_points} (e.g. x = np.linspace(-6, 6, 100)) so it shows as a smooth "
                          "curve.", call=call, curve=curve_text, min_points=min_points)
        else:
            message = say("checks.plots.too_few_points", "{call}: the line for {curve} has {distinct} distinct x "
                          "values; use at least {min_points} (e.g. x = np.linspace(-6, 6, 100)) so it shows as a "
                          "smooth curve.", call=call, curve=curve_text, distinct=distinct, min_points=min_points)
        raise BadPlot(message, "plot.too_few_points")
    steps = np.diff(x)
    if not (np.all(steps >= 0) or np.all(steps <= 0)):
        raise BadPlot(say("checks.plots.unsorted_x", "{call}: the x values of the line for {curve} are not sorted, "
                          "so the line zig-zags back and forth; use sorted x (np.linspace, or np.sort).", call=call,
                          curve=curve_text), "plot.unsorted_x")
    with np.errstate(all="ignore"):
        y = np.asarray(f(x) if f is not None else line.y, dtype=np.float64)
    finite = y[np.isfinite(y)]
    low = float(finite.min()) if finite.size else math.nan
    high = float(finite.max()) if finite.size else math.nan
    if (below is not None and not low < below) or (above is not None and not high > above):
        if why:
            message = say("checks.plots.narrow_range_why", "{call}: the line for {curve} covers x from {x_min} to "
                          "{x_max}, where the curve stays between {low:.3g} and {high:.3g}; the x range must reach "
                          "where it is below {below:g} and above {above:g} ({why}).", call=call, curve=curve_text,
                          x_min=number(np.nanmin(x)), x_max=number(np.nanmax(x)), low=low, high=high, below=below,
                          above=above, why=why)
        else:
            message = say("checks.plots.narrow_range", "{call}: the line for {curve} covers x from {x_min} to "
                          "{x_max}, where the curve stays between {low:.3g} and {high:.3g}; the x range must reach "
                          "where it is below {below:g} and above {above:g}.", call=call, curve=curve_text,
                          x_min=number(np.nanmin(x)), x_max=number(np.nanmax(x)), low=low, high=high, below=below,
                          above=above)
        raise BadPlot(message, "plot.narrow_range")


def check_axis_labels(call: str, data: wire.AxesData) -> None:
    missing = [name for name, text in (("x", data.xlabel), ("y", data.ylabel)) if not text.strip()]
    if len(missing) == 2:
        raise BadPlot(say("checks.plots.no_axis_labels", "{call} left the x and y axis without a label; add "
                          "ax.set_xlabel(...) and ax.set_ylabel(...).", call=call), "plot.no_axis_labels")
    if missing:
        raise BadPlot(say("checks.plots.no_axis_label", "{call} left the {axis} axis without a label; add "
                          "ax.set_{axis}label(...).", call=call, axis=missing[0]), "plot.no_axis_labels")


def check_legend(call: str, data: wire.AxesData, count: int) -> None:
    """A legend with at least ``count`` non-empty, distinct entries (one per curve)."""
    if data.legend_labels is None:
        raise BadPlot(say("checks.plots.no_legend", "{call} drew no legend; give each curve a label "
                          "(ax.plot(x, y, label=...)) and call ax.legend() after plotting.", call=call),
                      "plot.no_legend")
    entries = [s for s in data.legend_labels if s.strip()]
    if len(entries) < count:
        if len(entries) == 1:
            message = say("checks.plots.legend_incomplete_one", "{call} made a legend with 1 entry for {count} "
                          "curves; give every curve a label and call ax.legend() after plotting them.",
                          call=call, count=count)
        else:
            message = say("checks.plots.legend_incomplete", "{call} made a legend with {entries} entries for "
                          "{count} curves; give every curve a label and call ax.legend() after plotting them.",
                          call=call, entries=len(entries), count=count)
        raise BadPlot(message, "plot.legend_incomplete")
    if len(set(entries)) < count:
        raise BadPlot(say("checks.plots.legend_ambiguous", "{call} made a legend whose entries {entries} do not "
                          "tell the {count} curves apart; label each curve with its own parameters (e.g. "
                          "label=f\"a={{a}}, b={{b}}\").", call=call, entries=entries, count=count),
                      "plot.legend_ambiguous")
