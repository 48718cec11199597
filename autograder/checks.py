"""Checks that compare a student's value with the reference, each failing with a message a student can act on.

Graders call one check per kind of value (``check_array``, ``check_scalar``,
``check_no_warnings``, ``check_not_mutated``, the plot checks at the end);
a failed check raises a ``Mismatch`` (an ``AssertionError``), whose text the
runner shows to the student as it is.  Every message names the call
("sigmoid(array([-1.0, 0.0, 1.0])) returned ..."), says what was wrong and,
where the mistake is recognisable, what to change.

Order of the checks
-------------------
type -> shape -> dtype -> finiteness -> values.  A wrong shape is reported
as a wrong shape before any value is compared, and values are only compared
between arrays of identical shape: broadcasting never turns an (m, 1) or
(m, m) answer into a pass.

Closeness rule
--------------
Values are compared in float64, element by element, around the reference:

    |got - expected| <= atol + rtol * |expected|

(the rule of ``numpy.isclose(got, expected)``), with ``RTOL = 1e-7`` and
``ATOL = 1e-12`` unless a grader says otherwise.  Why these numbers:

* Every correct formula we accept (``1/(1+e^-z)``, ``expit``, ``np.where``
  piecewise forms, ``ln(p/(1-p))`` vs ``ln p - ln(1-p)``, ``X @ w`` vs
  ``(X * w).sum(1)``) agrees with the reference to a few ulps (~1e-15
  relative); rtol 1e-7 leaves eight orders of magnitude for summation order
  and algebraic rearrangements, while every mistake we look for (a sign, a
  missing bias, log10, clipping, float32, integer truncation) is off by far
  more than 1e-7.
* The absolute floor 1e-12 lets values that are mathematically tiny be
  computed with absolute rather than relative accuracy: ``s * (1 - s)`` at
  z = 30 has only ~3 correct digits of 9.4e-14 (1 - s cancels), yet it is off
  by ~1e-16, which no plot or later computation can notice.
* Non-finite reference values (nan, +-inf) must be matched exactly.

Predictions and other integer answers are compared exactly (``rtol=atol=0``).

Diagnoses
---------
When a check fails, the value is compared with the values typical mistakes
would produce: the grader passes them as ``like(candidate, message)``
(e.g. ``like(sigmoid(-z), "looks like σ(−z): check the sign in the
exponent")``), compared with the looser ``LOOSE_RTOL``/``LOOSE_ATOL``.
Generic signatures are recognised without help: a constant factor
(-1, ln 10, ln 2, 2, or grader-named ones such as m), a transposed result,
an (m, 1) column or an (m, m) broadcast, values truncated to integers, a bool
or float 0/1 answer where integers are required, a list or a torch tensor
instead of an array, overflow warnings from ``np.exp``.
"""
from __future__ import annotations

import math
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Callable, Iterator, Sequence

import numpy as np

from autograder.sandbox import wire

RTOL = 1e-7
ATOL = 1e-12
# Looser tolerances for recognising a mistake: a student's σ(−z) need not equal ours to 1e-7 to be σ(−z).
LOOSE_RTOL = 1e-5
LOOSE_ATOL = 1e-9
# Plotted curves: 1e-6 is far below a pixel and accepts curves computed in float32.
PLOT_ATOL = 1e-6


# ---------------------------------------------------------------- failures

class Mismatch(AssertionError):
    """A student's value is not what the problem asks for; the message says why."""


class WrongType(Mismatch):
    pass


class WrongShape(Mismatch):
    pass


class WrongDtype(Mismatch):
    pass


class NotFinite(Mismatch):
    pass


class WrongValue(Mismatch):
    pass


class WarningRaised(Mismatch):
    pass


class ArgumentMutated(Mismatch):
    pass


class BadPlot(Mismatch):
    pass


# ---------------------------------------------------------------- diagnoses

@dataclass(frozen=True)
class Like:
    """A typical mistake, known by the value it produces: if the student's value is ``value``, say ``message``."""
    value: Any
    message: str


def like(value: Any, message: str) -> Like:
    return Like(value, message)


LN10, LN2 = math.log(10.0), math.log(2.0)
KNOWN_FACTORS: list[tuple[float, str]] = [
    (-1.0, "every value has the wrong sign (off by a factor −1): check the sign in your formula"),
    (1 / LN10, "off by a factor 1/ln(10) ≈ 0.434: you used log10; use np.log (the natural logarithm)"),
    (LN10, "off by a factor ln(10) ≈ 2.303: a base-10 logarithm or exponential where the natural one belongs "
           "(np.log, np.exp)"),
    (1 / LN2, "off by a factor 1/ln(2) ≈ 1.443: you used log2; use np.log (the natural logarithm)"),
    (LN2, "off by a factor ln(2) ≈ 0.693: a base-2 logarithm or exponential where the natural one belongs"),
    (2.0, "every value is twice the expected one (off by a factor 2)"),
    (0.5, "every value is half the expected one (off by a factor 1/2)"),
]


def _as_array(value: Any) -> np.ndarray | None:
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


def _resembles(got: Any, candidate: Any, rtol: float = LOOSE_RTOL, atol: float = LOOSE_ATOL) -> bool:
    g, c = _as_array(got), _as_array(candidate)
    if g is None or c is None or g.shape != c.shape:
        return False
    with np.errstate(all="ignore"):
        return bool(np.allclose(g.astype(np.float64), c.astype(np.float64), rtol=rtol, atol=atol, equal_nan=True))


def _distinct(diagnoses: Sequence[Like], expected: Any) -> list[Like]:
    """The mistakes that, on this input, give a value different from the right one."""
    return [d for d in diagnoses if not _resembles(d.value, expected)]


def diagnose(got: Any, diagnoses: Sequence[Like]) -> str | None:
    """The message of the first mistake whose value ``got`` resembles, if any."""
    for d in diagnoses:
        if _resembles(got, d.value):
            return d.message
    return None


def factor_hint(got: np.ndarray, expected: np.ndarray,
                factors: Sequence[tuple[float, str]] = ()) -> str | None:
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
    for value, message in list(factors) + KNOWN_FACTORS:
        if math.isclose(c, value, rel_tol=1e-6):
            return message
    if mask.sum() >= 3:
        return f"every value is off by the same factor {c:.6g}: a constant is missing or extra in your formula"
    return None


def shape_hint(got_shape: tuple, expected_shape: tuple) -> str | None:
    """Explain the common ways to get the wrong shape."""
    if len(expected_shape) == 1 and got_shape == (expected_shape[0], 1):
        return ("you returned a column of shape (m, 1) instead of a 1-D array of shape (m,): "
                "keep w 1-D (shape (n,)), or flatten the result with .ravel()")
    if len(expected_shape) == 1 and got_shape == (expected_shape[0], expected_shape[0]) and expected_shape[0] > 1:
        return ("shape (m, m) is what broadcasting gives when an (m, 1) column meets an (m,) array "
                "(e.g. a column Xw plus a 1-D term): make every term 1-D, shape (m,)")
    if len(got_shape) == 2 and got_shape == expected_shape[::-1] and got_shape[0] != got_shape[1]:
        return "the result looks transposed: check the order of the factors (X @ w, not w @ X) or drop a .T"
    if tuple(s for s in got_shape if s != 1) == tuple(s for s in expected_shape if s != 1):
        return "it has extra (or missing) axes of length 1: don't reshape; np.squeeze or .ravel() removes them"
    if math.prod(got_shape) == math.prod(expected_shape):
        return "it has the right number of values in the wrong shape: don't flatten or reshape the result"
    return None


# ---------------------------------------------------------------- describing values

def _num(x: Any) -> str:
    if isinstance(x, (bool, np.bool_)):
        return str(bool(x))
    if isinstance(x, (int, np.integer)):
        return str(int(x))
    try:
        return repr(float(x))
    except (TypeError, ValueError):
        return repr(x)


def describe(value: Any) -> str:
    """A short text for a value, as an argument or a result: ``array of shape (3, 4)``, ``-1000.0``."""
    if value is None or isinstance(value, (bool, str)):
        return repr(value)
    if isinstance(value, (int, float, np.generic)):
        return _num(value)
    if isinstance(value, np.ndarray):
        suffix = "" if value.dtype == np.float64 else f", dtype={value.dtype}"
        if value.ndim == 0:
            return f"array({_num(value[()])}{suffix})"
        if value.ndim == 1 and value.size <= 6:
            text = "array([" + ", ".join(_num(v) for v in value) + f"]{suffix})"
            if len(text) <= 72:
                return text
        kind = "" if value.dtype == np.float64 else f"{value.dtype} "
        return f"{kind}array of shape {value.shape}"
    if isinstance(value, (list, tuple)):
        text = repr(value)
        if len(text) <= 80:
            return text
        return f"{type(value).__name__} of {len(value)} items"
    if isinstance(value, wire.TensorData):
        return f"torch tensor of shape {tuple(value.shape)}"
    if isinstance(value, wire.AxesData):
        return "a matplotlib Axes"
    type_name = getattr(value, "type_name", None)
    if type_name:
        return f"a {type_name}"
    return f"a {type(value).__name__}"


def call_text(name: str, *args: Any, names: Sequence[str] = ()) -> str:
    """``sigmoid(array of shape (3, 4))``, or with names ``predict(X=array of shape (9, 4), w=..., b=0.5)``."""
    parts = []
    for i, a in enumerate(args):
        text = describe(a) if not hasattr(a, "_handle") else "ax"
        parts.append(f"{names[i]}={text}" if i < len(names) and names[i] else text)
    return f"{name}({', '.join(parts)})"


def _kind(value: Any) -> str:
    """What a wrongly typed value is, in words."""
    if value is None:
        return "None"
    if isinstance(value, bool):
        return "a bool"
    if isinstance(value, list):
        return "a Python list"
    if isinstance(value, tuple):
        return "a tuple"
    if isinstance(value, wire.TensorData):
        return "a torch tensor"
    if isinstance(value, wire.AxesData):
        return "a matplotlib Axes"
    if isinstance(value, (int, float, np.generic)):
        return f"a single number ({describe(value)})"
    if isinstance(value, np.ndarray):
        return f"a numpy array of shape {value.shape}"
    name = getattr(value, "type_name", None) or type(value).__name__
    return f"{'an' if name[:1].lower() in 'aeiou' else 'a'} {name}"


def _type_advice(value: Any) -> str:
    if value is None:
        return "is a `return` statement missing?"
    if isinstance(value, (list, tuple)):
        return (f"{type(value).__name__} returned: return a numpy array "
                "(compute with numpy operations, or wrap it with np.array(...))")
    if isinstance(value, wire.TensorData):
        return "compute with numpy and return a numpy array (a tensor t converts with t.detach().numpy())"
    return ""


def _locate(index: tuple, where: Any) -> str:
    """``at z = 1000.0`` (where=("z", z)), ``at row 3`` (where="row") or ``at index (1, 2)``."""
    if callable(where):
        return where(index)
    if isinstance(where, tuple) and len(where) == 2:
        name, values = where
        values = np.asarray(values)
        if values.ndim == 0:
            return f"at {name} = {_num(values[()])}"
        try:
            return f"at {name} = {_num(values[index])}"
        except (IndexError, TypeError):
            pass
    if index == ():
        return ""
    label = where if isinstance(where, str) else "index"
    return f"at {label} {index[0] if len(index) == 1 else index}"


def _fail(cls: type, message: str, got: Any, diagnoses: Sequence[Like], *hints: str | None) -> None:
    lines = [message]
    specific = diagnose(got, diagnoses)
    if specific:
        lines.append(specific)
    lines.extend(h for h in hints if h and h != specific)
    raise cls("\n".join(lines))


def _tolerance_text(rtol: float, atol: float) -> str:
    if rtol == 0 and atol == 0:
        return "differ"
    return f"are off by more than {atol:g} + {rtol:g}·|expected|"


# ---------------------------------------------------------------- value checks

def check_value(call: str, got: Any, expected: Any, **options: Any) -> None:
    """``check_scalar`` for a 0-d / scalar expected value, else ``check_array``."""
    if np.ndim(expected) == 0:
        check_scalar(call, got, expected, **{k: v for k, v in options.items() if k not in ("shape_means",)})
    else:
        check_array(call, got, expected, **options)


def _check_dtype(call: str, got: np.ndarray, dtype: str, diagnoses: Sequence[Like], what: str = "") -> None:
    """``dtype``: "float64" (exactly float64) or "integer" (any integer dtype, not bool)."""
    kind = got.dtype.kind
    returned = f"{call} returned {what}{got.dtype} values"
    if dtype == "float64":
        if got.dtype == np.float64:
            return
        if kind in "iu":
            _fail(WrongDtype, f"{returned}; it must return floats (float64).", got, diagnoses,
                  "integer output: if you filled an array made with np.empty_like(z) or np.zeros_like(z), it kept "
                  "the input's integer dtype; create it with dtype=float, or start with z = np.asarray(z, dtype=float).")
        if kind == "b":
            _fail(WrongDtype, f"{returned} (True/False); it must return float64 numbers.", got, diagnoses)
        if kind == "f":
            _fail(WrongDtype, f"{returned}; compute in float64, numpy's default "
                  "(no .astype(np.float32), no float32 torch tensors).", got, diagnoses)
        _fail(WrongDtype, f"{returned}; it must return float64 numbers.", got, diagnoses)
    elif dtype == "integer":
        if kind in "iu":
            return
        if kind == "b":
            _fail(WrongDtype, f"{returned} (True/False); it must return integers 0 and 1.", got, diagnoses,
                  "returned bool; convert with .astype(int)")
        if kind == "f" and np.isin(got, (0.0, 1.0)).all():
            _fail(WrongDtype, f"{returned} (0. and 1.); predictions must be integers, not floats.", got, diagnoses,
                  "float 0./1. predictions: convert with .astype(int)")
        _fail(WrongDtype, f"{returned}; it must return integers.", got, diagnoses)
    else:
        raise ValueError(f"unknown dtype requirement {dtype!r}")


def _check_numbers(call: str, got: np.ndarray, expected: np.ndarray, *, rtol: float, atol: float,
                   diagnoses: Sequence[Like], where: Any, factors: Sequence[tuple[float, str]],
                   nonfinite_hint: str | None) -> None:
    g, e = got.astype(np.float64), expected.astype(np.float64)
    specific = diagnose(got, diagnoses)
    # finiteness: nan/inf where the reference is finite
    bad = np.isfinite(e) & ~np.isfinite(g)
    if bad.any():
        index = tuple(int(i) for i in np.argwhere(bad)[0])
        count = int(bad.sum())
        place = _locate(index, where)
        text = (f"{call} returned {_num(got[index])}{' ' + place if place else ''} "
                f"(expected {_num(expected[index])})"
                + (f"; {count} of {g.size} values are not finite." if g.size > 1 else "."))
        default = ("nan comes from inf/inf, inf − inf or 0·inf, typically after np.exp overflowed to inf "
                   "(np.exp(x) is inf for x > 709)" if np.isnan(g[index]) else
                   "inf comes from np.exp overflowing (x > 709), a division by zero or log(0)")
        _fail(NotFinite, text, got, (), specific or nonfinite_hint or default)
    # values
    with np.errstate(all="ignore"):
        ok = np.isclose(g, e, rtol=rtol, atol=atol, equal_nan=True)
    if ok.all():
        return
    index = tuple(int(i) for i in np.argwhere(~ok)[0])
    count = int((~ok).sum())
    place = _locate(index, where)
    text = (f"{call} returned a wrong value{' ' + place if place else ''}: got {_num(got[index])}, "
            f"expected {_num(expected[index])}")
    if g.size > 1:
        text += f" ({count} of {g.size} values {_tolerance_text(rtol, atol)})."
    else:
        text += "."
    if specific:
        _fail(WrongValue, text, got, (), specific)
    hints = [factor_hint(g, e, factors)]
    if g.ndim == 2 and g.shape[0] == g.shape[1] and g.shape[0] > 1 and _resembles(g, e.T):
        hints.append("the result looks transposed: check the order of the factors or drop a .T")
    finite = np.isfinite(e) & np.isfinite(g)
    if (finite.any() and np.array_equal(g[finite], np.trunc(e[finite]))
            and not np.array_equal(e[finite], np.trunc(e[finite]))):
        hints.append("values look truncated to whole numbers: an intermediate array kept an integer dtype "
                     "(np.empty_like/np.zeros_like on an integer input); create it with dtype=float")
    elif g.size > 2 and np.all(g == g.flat[0]) and not np.all(e == e.flat[0]):
        hints.append(f"every value is {_num(got.flat[0])}: the result does not depend on the input")
    _fail(WrongValue, text, got, (), *hints)


def check_array(call: str, got: Any, expected: Any, *, dtype: str = "float64", rtol: float = RTOL,
                atol: float = ATOL, diagnoses: Sequence[Like] = (), where: Any = None,
                factors: Sequence[tuple[float, str]] = (), nonfinite_hint: str | None = None,
                shape_means: str = "shape") -> None:
    """Check an array result: type, then shape, dtype, finiteness and values.

    ``dtype``: "float64" or "integer" (any integer dtype; bool and float 0/1 are rejected).
    ``where``: names the failing element: ``("z", z)`` gives "at z = 1000.0", "row" gives "at row 3".
    ``factors``: extra named constant factors, e.g. ``[(m, "off by a factor m: ...")]``.
    ``shape_means``: how to name the required shape, e.g. "the input's shape".
    """
    expected = np.asarray(expected)
    diagnoses = _distinct(diagnoses, expected)
    if not isinstance(got, np.ndarray):
        if isinstance(got, (int, float, np.generic)) and not isinstance(got, bool):
            _fail(WrongType, f"{call} returned {_kind(got)}; it must return an array of {shape_means} "
                  f"{expected.shape}, one value per element.", got, diagnoses)
        _fail(WrongType, f"{call} returned {_kind(got)}; it must return a numpy array of {shape_means} "
              f"{expected.shape}.", got, diagnoses, _type_advice(got))
    if got.shape != expected.shape:
        _fail(WrongShape, f"{call} returned shape {got.shape}; it must have {shape_means} {expected.shape}.",
              got, diagnoses, shape_hint(got.shape, expected.shape))
    _check_dtype(call, got, dtype, diagnoses)
    _check_numbers(call, got, expected, rtol=rtol, atol=atol, diagnoses=diagnoses, where=where,
                   factors=factors, nonfinite_hint=nonfinite_hint)


def check_scalar(call: str, got: Any, expected: Any, *, dtype: str = "float64", rtol: float = RTOL,
                 atol: float = ATOL, diagnoses: Sequence[Like] = (), where: Any = None,
                 factors: Sequence[tuple[float, str]] = (), nonfinite_hint: str | None = None) -> None:
    """Check a single-number result.

    For ``dtype="float64"`` a Python float, an ``np.float64`` and a 0-d float64 array are all accepted;
    for ``dtype="integer"`` a Python int, a numpy integer or a 0-d integer array.
    """
    expected = np.asarray(expected)
    diagnoses = _distinct(diagnoses, expected)
    if isinstance(got, np.ndarray) and got.ndim > 0:
        _fail(WrongShape, f"{call} returned an array of shape {got.shape}; for a single number it must return "
              "a single number (a float, np.float64 or a 0-d array).", got, diagnoses)
    if isinstance(got, (bool, np.bool_)):
        _fail(WrongType, f"{call} returned the bool {got}; it must return a number.", got, diagnoses,
              "returned bool; convert with int(...)" if dtype == "integer" else None)
    if isinstance(got, float):
        got_array = np.asarray(got, dtype=np.float64)
    elif isinstance(got, int):
        got_array = np.asarray(got, dtype=np.int64)
    elif isinstance(got, (np.generic, np.ndarray)) and np.asarray(got).dtype.kind in "biufc":
        got_array = np.asarray(got)
    else:
        _fail(WrongType, f"{call} returned {_kind(got)}; it must return a single number.", got, diagnoses,
              _type_advice(got) if got is None or isinstance(got, wire.TensorData) else
              ("for a single input return a single number, not a list" if isinstance(got, (list, tuple)) else None))
    if dtype == "float64" and got_array.dtype.kind in "iu":
        _fail(WrongDtype, f"{call} returned the integer {_num(got_array[()])}; it must return a float "
              f"(expected {_num(expected[()])}).", got, diagnoses,
              "integer output: if you filled an array made with np.empty_like(z) or np.zeros_like(z), it kept the "
              "input's integer dtype; create it with dtype=float, or start with z = np.asarray(z, dtype=float).")
    _check_dtype(call, got_array, dtype, diagnoses, what="")
    _check_numbers(call, got_array.reshape(()), expected.reshape(()), rtol=rtol, atol=atol, diagnoses=diagnoses,
                   where=where, factors=factors, nonfinite_hint=nonfinite_hint)


# ---------------------------------------------------------------- side effects

WARNING_HINTS: list[tuple[str, str]] = [
    ("overflow encountered in exp",
     "np.exp overflows to inf for arguments above ~709 (e.g. np.exp(-z) at z = −1000). Rearrange so np.exp only "
     "sees arguments ≤ 0, e.g. e = np.exp(-np.abs(z)). Note that np.where(cond, a, b) computes both a and b for "
     "every element, so the overflow also happens in the branch you throw away."),
    ("divide by zero encountered in log", "np.log(0) is −inf: a probability reached exactly 0 or 1"),
    ("divide by zero", "a division by zero: check for denominators that can be 0"),
    ("invalid value encountered", "an operation produced nan (0/0, inf/inf, inf − inf or 0·inf)"),
    ("overflow encountered", "a value overflowed to inf: rearrange the formula so intermediate values stay bounded"),
]


def check_no_warnings(call: str, result: Any, hint: str | None = None) -> None:
    """Fail if the call triggered a warning (e.g. RuntimeWarning: overflow encountered in exp)."""
    caught = list(getattr(result, "warnings", []) or [])
    if not caught:
        return
    first = caught[0]
    more = f" (and {len(caught) - 1} more)" if len(caught) > 1 else ""
    if hint is None:
        hint = next((h for key, h in WARNING_HINTS if key in first), None)
    raise WarningRaised(f"{call} triggered {first}{more}; a correct implementation gives no warning here."
                        + (f"\n{hint}" if hint else ""))


def check_not_mutated(call: str, result: Any, arg_names: Sequence[str]) -> None:
    """Fail if the call changed one of its array arguments in place.

    ``arg_names`` names the call's ndarray arguments in order: ``Call.mutated_args`` counts only those
    (for ``predict_proba(X, w, b)`` with arrays X, w: ``["X", "w"]``).
    """
    changed = list(getattr(result, "mutated_args", []) or [])
    if not changed:
        return
    names = [arg_names[i] if i < len(arg_names) else f"array argument {i + 1}" for i in changed]
    listed = ", ".join(f"`{n}`" for n in names)
    first = names[0]
    raise ArgumentMutated(
        f"{call} changed its argument{'s' if len(names) > 1 else ''} {listed} in place; a function must leave the "
        f"caller's arrays unchanged.\nWork on a copy ({first} = np.array({first}, dtype=float) copies; np.asarray does "
        f"not) or avoid in-place operations on it ({first} *= ..., {first}[...] = ..., out={first}).")


@contextmanager
def explain_errors(hints: dict[str, str]) -> Iterator[None]:
    """Add a hint to a student's exception whose message contains one of ``hints``' keys.

    ``with explain_errors({"matmul": "compute X @ w, not w @ X"}): student.predict_proba(X, w, b)``
    """
    from autograder.proxy import StudentRaised
    try:
        yield
    except StudentRaised as err:
        for key, hint in hints.items():
            if key.lower() in str(err.detail).lower():
                raise Mismatch(f"{err}\n{hint}") from None
        raise


# ---------------------------------------------------------------- plots

@dataclass(frozen=True)
class Curve:
    """A curve a plot must show: ``f(x)`` gives its y at the student's own x values.

    ``mistakes`` are ``(f_wrong, message)`` pairs: a line equal to ``f_wrong(x)`` gets that message.
    """
    text: str
    f: Callable[[np.ndarray], np.ndarray]
    mistakes: Sequence[tuple[Callable[[np.ndarray], np.ndarray], str]] = ()


def check_returns_axes(call: str, result: Any) -> wire.AxesData:
    """The call must return the Axes it drew on (read back as ``AxesData``)."""
    value = getattr(result, "value", result)
    if isinstance(value, wire.AxesData):
        return value
    if value is None:
        raise WrongType(f"{call} returned None; it must return the Axes it drew on: end with `return ax`.")
    raise WrongType(f"{call} returned {_kind(value)}; it must return the Axes it drew on (`return ax`)"
                    + (", not the Figure" if getattr(value, "type_name", "") == "Figure" else "") + ".")


def line_matches(line: wire.LineData, f: Callable, atol: float) -> bool:
    x, y = np.asarray(line.x, dtype=np.float64), np.asarray(line.y, dtype=np.float64)
    if x.size == 0 or x.shape != y.shape:
        return False
    with np.errstate(all="ignore"):
        want = np.asarray(f(x), dtype=np.float64)
        return want.shape == y.shape and bool(np.allclose(y, want, rtol=0, atol=atol))


def match_curves(call: str, data: wire.AxesData, curves: Sequence[Curve],
                 atol: float = PLOT_ATOL) -> list[wire.LineData]:
    """One line per curve, y equal to ``curve.f`` at the line's own x (within ``atol``).

    Line i is tried for curve i first, then any line not used yet, so order does not matter;
    lines that match no curve (guides such as ax.axhline(0.5)) are ignored.
    """
    lines = list(data.lines)
    if not lines:
        raise BadPlot(f"{call} drew no lines on the Axes it was given: draw each curve with ax.plot(x, y, label=...) "
                      "on that ax (not on a new figure from plt.figure()/plt.subplots(), and as a line, not a scatter).")
    used: set[int] = set()
    matched = []
    for i, curve in enumerate(curves):
        order = ([i] if i < len(lines) else []) + [j for j in range(len(lines)) if j != i]
        found = next((j for j in order if j not in used and line_matches(lines[j], curve.f, atol)), None)
        if found is None:
            count = f"{len(lines)} line{'s' if len(lines) != 1 else ''}"
            message = f"{call} drew {count} for {len(curves)} curves; no line shows {curve.text} (within {atol:g})."
            hint = None
            for j in order:
                if j in used:
                    continue
                hint = next((f"line {j + 1} ({lines[j].label!r}) looks like {m}" for g, m in curve.mistakes
                             if line_matches(lines[j], g, LOOSE_ATOL + atol)), None)
                if hint:
                    break
            if hint is None and len(lines) < len(curves):
                hint = "draw one line per curve (a loop over all of them, each with its own ax.plot)"
            raise BadPlot(message + (f"\n{hint}" if hint else ""))
        used.add(found)
        matched.append(lines[found])
    return matched


def check_sampling(call: str, curve_text: str, line: wire.LineData, *, min_points: int = 10,
                   f: Callable[[np.ndarray], np.ndarray] | None = None, below: float | None = None,
                   above: float | None = None, why: str = "") -> None:
    """A line is drawn as a visible curve: enough distinct x values, sorted x, and an x range over which
    the curve's values ``f(x)`` (the line's own y if ``f`` is None) go below ``below`` and above ``above``."""
    x = np.asarray(line.x, dtype=np.float64)
    distinct = np.unique(x[np.isfinite(x)]).size
    if distinct < min_points:
        raise BadPlot(f"{call}: the line for {curve_text} has {distinct} distinct x value{'s' if distinct != 1 else ''}; "
                      f"use at least {min_points} (e.g. x = np.linspace(-6, 6, 100)) so it shows as a smooth curve.")
    steps = np.diff(x)
    if not (np.all(steps >= 0) or np.all(steps <= 0)):
        raise BadPlot(f"{call}: the x values of the line for {curve_text} are not sorted, so the line zig-zags "
                      "back and forth; use sorted x (np.linspace, or np.sort).")
    with np.errstate(all="ignore"):
        y = np.asarray(f(x) if f is not None else line.y, dtype=np.float64)
    finite = y[np.isfinite(y)]
    low = float(finite.min()) if finite.size else math.nan
    high = float(finite.max()) if finite.size else math.nan
    if (below is not None and not low < below) or (above is not None and not high > above):
        raise BadPlot(f"{call}: the line for {curve_text} covers x from {_num(np.nanmin(x))} to {_num(np.nanmax(x))}, "
                      f"where the curve stays between {low:.3g} and {high:.3g}; the x range must reach where it is "
                      f"below {below:g} and above {above:g}{' (' + why + ')' if why else ''}.")


def check_axis_labels(call: str, data: wire.AxesData) -> None:
    missing = [name for name, text in (("x", data.xlabel), ("y", data.ylabel)) if not text.strip()]
    if missing:
        which = " and ".join(f"ax.set_{m}label(...)" for m in missing)
        raise BadPlot(f"{call} left the {' and '.join(missing)} axis without a label; add {which}.")


def check_legend(call: str, data: wire.AxesData, count: int) -> None:
    """A legend with at least ``count`` non-empty, distinct entries (one per curve)."""
    if data.legend_labels is None:
        raise BadPlot(f"{call} drew no legend; give each curve a label (ax.plot(x, y, label=...)) and call "
                      "ax.legend() after plotting.")
    entries = [s for s in data.legend_labels if s.strip()]
    if len(entries) < count:
        raise BadPlot(f"{call} made a legend with {len(entries)} entr{'y' if len(entries) == 1 else 'ies'} "
                      f"for {count} curves; give every curve a label and call ax.legend() after plotting them.")
    if len(set(entries)) < count:
        raise BadPlot(f"{call} made a legend whose entries {entries} do not tell the {count} curves apart; "
                      "label each curve with its own parameters (e.g. label=f\"a={a}, b={b}\").")
