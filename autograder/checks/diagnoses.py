"""Recognising a wrong value by its signature, so the message can name the mistake.

A grader passes the values typical mistakes would produce, as
``like(candidate, message, code=...)`` (e.g. ``like(sigmoid(-z), "looks like
σ(−z) ...", code="sigmoid.sign")``); they are compared with the looser
``LOOSE_RTOL``/``LOOSE_ATOL``.  Generic signatures are recognised without help:
a constant factor (−1, ln 10, ln 2, 2, or grader-named ones such as m) and the
common wrong shapes.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Callable, Sequence

import numpy as np

from autograder.messages import say
from autograder.sandbox import wire

# Looser tolerances for recognising a mistake: a student's σ(−z) need not equal ours to 1e-7 to be σ(−z).
LOOSE_RTOL = 1e-5
LOOSE_ATOL = 1e-9


@dataclass(frozen=True)
class Hint:
    """Advice for one recognised mistake, with its stable code."""
    code: str
    text: str


@dataclass(frozen=True)
class Like:
    """A typical mistake, known by the value it produces: if the student's value is ``value``, say ``message``."""
    value: Any
    message: str
    code: str

    @property
    def hint(self) -> Hint:
        return Hint(self.code, self.message)


def like(value: Any, message: str, *, code: str) -> Like:
    return Like(value, message, code)


LN10, LN2 = math.log(10.0), math.log(2.0)
KNOWN_FACTORS: list[tuple[float, Hint]] = [
    (-1.0, Hint("value.sign", say("checks.diagnoses.sign", "every value has the wrong sign (off by a factor −1): "
                                  "check the sign in your formula"))),
    (1 / LN10, Hint("value.log10", say("checks.diagnoses.log10", "off by a factor 1/ln(10) ≈ 0.434: you used log10; "
                                       "use np.log (the natural logarithm)"))),
    (LN10, Hint("value.base10", say("checks.diagnoses.base10", "off by a factor ln(10) ≈ 2.303: a base-10 logarithm "
                                    "or exponential where the natural one belongs (np.log, np.exp)"))),
    (1 / LN2, Hint("value.log2", say("checks.diagnoses.log2", "off by a factor 1/ln(2) ≈ 1.443: you used log2; use "
                                     "np.log (the natural logarithm)"))),
    (LN2, Hint("value.base2", say("checks.diagnoses.base2", "off by a factor ln(2) ≈ 0.693: a base-2 logarithm or "
                                  "exponential where the natural one belongs"))),
    (2.0, Hint("value.factor_2", say("checks.diagnoses.factor_2", "every value is twice the expected one (off by a "
                                     "factor 2)"))),
    (0.5, Hint("value.factor_half", say("checks.diagnoses.factor_half", "every value is half the expected one (off "
                                        "by a factor 1/2)"))),
]


def as_numbers(value: Any) -> np.ndarray | None:
    """A numeric array for comparing with candidates, or None when the value is not numbers."""
    if isinstance(value, wire.TensorData):
        value = value.array
    if isinstance(value, (bool, int, float, np.generic)):
        value = np.asarray(value)
    elif isinstance(value, (list, tuple)):
        try:
            value = np.asarray(value)
        except (ValueError, TypeError):
            return None
    if not isinstance(value, np.ndarray) or value.dtype.kind not in "biuf":
        return None
    return value


def resembles(got: Any, candidate: Any, rtol: float = LOOSE_RTOL, atol: float = LOOSE_ATOL) -> bool:
    g, c = as_numbers(got), as_numbers(candidate)
    if g is None or c is None or g.shape != c.shape:
        return False
    with np.errstate(all="ignore"):
        return bool(np.allclose(g.astype(np.float64), c.astype(np.float64), rtol=rtol, atol=atol, equal_nan=True))


def distinct(diagnoses: Sequence[Like], expected: Any) -> list[Like]:
    """The mistakes that, on this input, give a value different from the right one."""
    return [d for d in diagnoses if not resembles(d.value, expected)]


class Candidates:
    """The mistakes a wrong value is compared with, built only when a check fails.

    Most checks pass, and computing a mistake's value (a whole wrong training run, say) can cost more
    than the check itself, so a grader may pass a function that returns them.
    """

    def __init__(self, source: "Sequence[Like] | Callable[[], Sequence[Like]]", expected: Any):
        self._source, self._expected, self._items = source, expected, None

    def items(self) -> list[Like]:
        """The candidates whose value differs from the right one on this input."""
        if self._items is None:
            source = self._source() if callable(self._source) else self._source
            self._items = distinct(source, self._expected)
        return self._items


def diagnose(got: Any, diagnoses: Sequence[Like]) -> Like | None:
    """The first mistake whose value ``got`` resembles, if any."""
    for d in diagnoses:
        if resembles(got, d.value):
            return d
    return None


def factor_hint(got: np.ndarray, expected: np.ndarray, factors: Sequence[tuple[float, Hint]] = ()) -> Hint | None:
    """Recognise ``got == c * expected`` for one constant c; name c if it is a known mistake.

    With a single usable value any c fits, so then only c = −1 is reported.
    """
    g, e = got.astype(np.float64), expected.astype(np.float64)
    with np.errstate(all="ignore"):
        scale = float(np.nanmax(np.abs(e[np.isfinite(e)]), initial=0.0))
        mask = np.isfinite(g) & np.isfinite(e) & (np.abs(e) > 1e-9 * max(1.0, scale))
        if not mask.any():
            return None
        c = float(np.median(g[mask] / e[mask]))
        if not math.isfinite(c) or c == 0 or math.isclose(c, 1.0, rel_tol=1e-6):
            return None
        if not np.allclose(g[mask], c * e[mask], rtol=1e-6, atol=0):
            return None
        rest = np.isfinite(e) & ~mask   # tiny expected values must stay tiny
        if not np.allclose(g[rest], c * e[rest], rtol=1e-6, atol=LOOSE_ATOL):
            return None
    if mask.sum() < 2 and not math.isclose(c, -1.0, rel_tol=1e-6):
        return None
    for value, hint in list(factors) + KNOWN_FACTORS:
        if math.isclose(c, value, rel_tol=1e-6):
            return hint
    if mask.sum() >= 3:
        return Hint("value.factor", say("checks.diagnoses.factor", "every value is off by the same factor {c:.6g}: a "
                                        "constant is missing or extra in your formula", c=c))
    return None


def shape_hint(got_shape: tuple, expected_shape: tuple) -> Hint | None:
    """Explain the common ways to get the wrong shape."""
    if len(expected_shape) == 1 and got_shape == (expected_shape[0], 1):
        return Hint("shape.column", say("checks.diagnoses.column", "you returned a column of shape (m, 1) instead of "
                                        "a 1-D array of shape (m,): keep w 1-D (shape (n,)), or flatten the result "
                                        "with .ravel()"))
    if len(expected_shape) == 1 and got_shape == (expected_shape[0], expected_shape[0]) and expected_shape[0] > 1:
        return Hint("shape.broadcast", say("checks.diagnoses.broadcast", "shape (m, m) is what broadcasting gives "
                                           "when an (m, 1) column meets an (m,) array (e.g. a column Xw plus a 1-D "
                                           "term): make every term 1-D, shape (m,)"))
    if len(got_shape) == 2 and got_shape == expected_shape[::-1] and got_shape[0] != got_shape[1]:
        return Hint("shape.transposed", say("checks.diagnoses.transposed", "the result looks transposed: check the "
                                            "order of the factors (X @ w, not w @ X) or drop a .T"))
    if tuple(s for s in got_shape if s != 1) == tuple(s for s in expected_shape if s != 1):
        if len(got_shape) < len(expected_shape):
            return Hint("shape.squeezed", say("checks.diagnoses.squeezed", "an axis of length 1 is missing (a batch "
                                              "of one example, or one class): don't np.squeeze, .ravel() or index "
                                              "the result down; keep its full shape"))
        return Hint("shape.extra_axes", say("checks.diagnoses.extra_axes", "it has extra (or missing) axes of length "
                                            "1: don't reshape; np.squeeze or .ravel() removes them"))
    if math.prod(got_shape) == math.prod(expected_shape):
        return Hint("shape.reshaped", say("checks.diagnoses.reshaped", "it has the right number of values in the "
                                          "wrong shape: don't flatten or reshape the result"))
    return None
