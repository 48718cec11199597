"""Checks of a returned number or array: type, then shape, dtype, finiteness and values."""
from __future__ import annotations

from typing import Any, Callable, Sequence

import numpy as np

from autograder import messages
from autograder.checks.describe import describe, kind, locate, number, type_advice
from autograder.checks.diagnoses import Candidates, Hint, Like, diagnose, factor_hint, resembles, shape_hint
from autograder.checks.failures import NotFinite, WrongDtype, WrongShape, WrongType, WrongValue
from autograder.grading.student_proxy import ObjectProxy
from autograder.messages import say
from autograder.sandbox import wire

RTOL = 1e-7
ATOL = 1e-12

# The mistakes a check compares a wrong value with: a list, or a function that builds it (called on failure only).
Diagnoses = Sequence[Like] | Callable[[], Sequence[Like]]

INTEGER_OUTPUT = Hint("dtype.integer", say("checks.values.integer_output",
                      "integer output: if you filled an array made with np.empty_like(z) or "
                      "np.zeros_like(z), it kept the input's integer dtype; create it with dtype=float, or start "
                      "with z = np.asarray(z, dtype=float)."))

# How a message names the required shape, and the items of a list of floats, when a grader says nothing else.
SHAPE = say("checks.values.shape", "shape")
VALUES = say("checks.values.values", "values")

# A single integer may be a literal (`return 0`) or a 0-d array that kept an integer input's dtype: say both.
INTEGER_NUMBER = Hint("dtype.integer", say("checks.values.integer_number",
                      "a whole number must still be a float: write 0.0 rather than 0 (or "
                      "float(...)); if you filled an array made with np.empty_like(z) or np.zeros_like(z), it kept "
                      "the input's integer dtype: create it with dtype=float."))


def fail(cls: type, message: str, got: Any, diagnoses: Candidates | Sequence[Like], *hints: Hint | None) -> None:
    """Raise ``cls``: the message, then the recognised mistake (if any), then the other hints.

    The mistake code is the recognised mistake's, else the first hint's, else the failure kind's.
    """
    lines = [message]
    specific = diagnose(got, diagnoses.items() if isinstance(diagnoses, Candidates) else diagnoses)
    found = [specific.hint] if specific else []
    found += [h for h in hints if h is not None and (not specific or h.text != specific.message)]
    lines += [h.text for h in found]
    raise cls(messages.join("\n", lines), found[0].code if found else None)


def check_value(call: str, got: Any, expected: Any, **options: Any) -> None:
    """``check_scalar`` for a 0-d / scalar expected value, else ``check_array``."""
    if np.ndim(expected) == 0:
        check_scalar(call, got, expected, **{k: v for k, v in options.items() if k not in ("shape_means",)})
    else:
        check_array(call, got, expected, **options)


def _check_dtype(call: str, got: np.ndarray, dtype: str, diagnoses: Candidates,
                 integer_hint: Hint = INTEGER_OUTPUT) -> None:
    """``dtype``: "float64" (exactly float64) or "integer" (any integer dtype, not bool)."""
    dtype_kind = got.dtype.kind
    if dtype == "float64":
        if got.dtype == np.float64:
            return
        if dtype_kind in "iu":
            fail(WrongDtype, say("checks.values.integers_for_floats",
                                 "{call} returned {dtype} values; it must return floats (float64).",
                                 call=call, dtype=got.dtype), got, diagnoses, integer_hint)
        if dtype_kind == "b":
            fail(WrongDtype, say("checks.values.bools_for_floats",
                                 "{call} returned {dtype} values (True/False); it must return float64 numbers.",
                                 call=call, dtype=got.dtype), got, diagnoses,
                 Hint("dtype.bool", say("checks.values.bools_to_floats",
                                        "convert True/False to numbers with .astype(float)")))
        if dtype_kind == "f":
            fail(WrongDtype, say("checks.values.float32_for_float64",
                                 "{call} returned {dtype} values; compute in float64, numpy's default "
                                 "(no .astype(np.float32), no float32 torch tensors).", call=call, dtype=got.dtype),
                 got, diagnoses,
                 Hint("dtype.float32", say("checks.values.float32_digits", "float32 keeps only about 7 digits")))
        fail(WrongDtype, say("checks.values.not_float64", "{call} returned {dtype} values; it must return float64 "
                             "numbers.", call=call, dtype=got.dtype), got, diagnoses)
    elif dtype == "integer":
        if dtype_kind in "iu":
            return
        if dtype_kind == "b":
            fail(WrongDtype, say("checks.values.bools_for_integers",
                                 "{call} returned {dtype} values (True/False); it must return integers 0 and 1.",
                                 call=call, dtype=got.dtype), got, diagnoses,
                 Hint("dtype.bool", say("checks.values.bools_to_integers", "returned bool; convert with .astype(int)")))
        if dtype_kind == "f" and np.isin(got, (0.0, 1.0)).all():
            fail(WrongDtype, say("checks.values.float_labels",
                                 "{call} returned {dtype} values (0. and 1.); predictions must be integers, not "
                                 "floats.", call=call, dtype=got.dtype), got, diagnoses,
                 Hint("dtype.float_labels", say("checks.values.float_labels_to_integers",
                                                "float 0./1. predictions: convert with .astype(int)")))
        fail(WrongDtype, say("checks.values.not_integers", "{call} returned {dtype} values; it must return integers.",
                             call=call, dtype=got.dtype), got, diagnoses)
    else:
        raise ValueError(f"unknown dtype requirement {dtype!r}")


def _check_numbers(call: str, got: np.ndarray, expected: np.ndarray, *, rtol: float, atol: float,
                   diagnoses: Candidates, where: Any, factors: Sequence[tuple[float, Hint]],
                   nonfinite_hint: Hint | None) -> None:
    g, e = got.astype(np.float64), expected.astype(np.float64)
    # finiteness: nan/inf where the reference is finite
    bad = np.isfinite(e) & ~np.isfinite(g)
    if bad.any():
        index = tuple(int(i) for i in np.argwhere(bad)[0])
        count = int(bad.sum())
        place = locate(index, where)
        text = _not_finite_text(call, number(got[index]), place, number(expected[index]), count, g.size)
        default = (Hint("not_finite.nan", say("checks.values.nan_comes_from",
                                              "nan comes from inf/inf, inf − inf or 0·inf, typically after np.exp "
                                              "overflowed to inf (np.exp(x) is inf for x > 709)"))
                   if np.isnan(g[index]) else
                   Hint("not_finite.inf", say("checks.values.inf_comes_from",
                                              "inf comes from np.exp overflowing (x > 709), a division by zero or "
                                              "log(0)")))
        specific = diagnose(got, diagnoses.items())
        fail(NotFinite, text, got, (), specific.hint if specific else nonfinite_hint or default)
    # values
    with np.errstate(all="ignore"):
        ok = np.isclose(g, e, rtol=rtol, atol=atol, equal_nan=True)
    if ok.all():
        return
    index = tuple(int(i) for i in np.argwhere(~ok)[0])
    count = int((~ok).sum())
    place = locate(index, where)
    text = _wrong_value_text(call, number(got[index]), place, number(expected[index]), count, g.size, rtol, atol)
    specific = diagnose(got, diagnoses.items())
    if specific:
        fail(WrongValue, text, got, (), specific.hint)
    hints = [factor_hint(g, e, factors)]
    if g.ndim == 2 and g.shape[0] == g.shape[1] and g.shape[0] > 1 and resembles(g, e.T):
        hints.append(Hint("value.transposed", say("checks.values.transposed",
                                                  "the result looks transposed: check the order of the factors or "
                                                  "drop a .T")))
    finite = np.isfinite(e) & np.isfinite(g)
    if g.size > 1 and finite.all() and not g.any() and e.any():  # zeros alone cannot tell truncation from a constant
        hints.append(Hint("value.all_zero", say("checks.values.all_zero",
                                                "every value is 0: if the input was an integer array, the values "
                                                "look truncated to whole numbers (an intermediate array kept an "
                                                "integer dtype: create it with dtype=float); otherwise the result "
                                                "does not depend on the input")))
    elif (finite.any() and np.array_equal(g[finite], np.trunc(e[finite]))
            and not np.array_equal(e[finite], np.trunc(e[finite]))):
        hints.append(Hint("value.truncated", say("checks.values.truncated",
                                                 "values look truncated to whole numbers: an intermediate array kept "
                                                 "an integer dtype (np.empty_like/np.zeros_like on an integer input); "
                                                 "create it with dtype=float")))
    elif g.size > 2 and np.all(g == g.flat[0]) and not np.all(e == e.flat[0]):
        hints.append(Hint("value.constant", say("checks.values.constant",
                                                "every value is {value}: the result does not depend on the input",
                                                value=number(got.flat[0]))))
    fail(WrongValue, text, got, (), *hints)


def _not_finite_text(call: str, got: str, place: str, expected: str, count: int, size: int) -> str:
    """``f(z) returned nan at z = 1000.0 (expected 1.0); 2 of 5 values are not finite.``"""
    if size > 1:
        if place:
            return say("checks.values.not_finite_at_count", "{call} returned {got} {place} (expected {expected}); "
                       "{count} of {size} values are not finite.", call=call, got=got, place=place,
                       expected=expected, count=count, size=size)
        return say("checks.values.not_finite_count", "{call} returned {got} (expected {expected}); {count} of {size} "
                   "values are not finite.", call=call, got=got, expected=expected, count=count, size=size)
    if place:
        return say("checks.values.not_finite_at", "{call} returned {got} {place} (expected {expected}).",
                   call=call, got=got, place=place, expected=expected)
    return say("checks.values.not_finite", "{call} returned {got} (expected {expected}).",
               call=call, got=got, expected=expected)


def _wrong_value_text(call: str, got: str, place: str, expected: str, count: int, size: int, rtol: float,
                      atol: float) -> str:
    """``f(z) returned a wrong value at index 0: got 1.0, expected 0.5 (1 of 3 values differ).``"""
    if size > 1 and rtol == 0 and atol == 0:
        if place:
            return say("checks.values.wrong_value_at_differ", "{call} returned a wrong value {place}: got {got}, "
                       "expected {expected} ({count} of {size} values differ).", call=call, place=place, got=got,
                       expected=expected, count=count, size=size)
        return say("checks.values.wrong_value_differ", "{call} returned a wrong value: got {got}, expected "
                   "{expected} ({count} of {size} values differ).", call=call, got=got, expected=expected,
                   count=count, size=size)
    if size > 1:
        if place:
            return say("checks.values.wrong_value_at_off", "{call} returned a wrong value {place}: got {got}, "
                       "expected {expected} ({count} of {size} values are off by more than {atol:g} + "
                       "{rtol:g}·|expected|).", call=call, place=place, got=got, expected=expected, count=count,
                       size=size, atol=atol, rtol=rtol)
        return say("checks.values.wrong_value_off", "{call} returned a wrong value: got {got}, expected {expected} "
                   "({count} of {size} values are off by more than {atol:g} + {rtol:g}·|expected|).", call=call,
                   got=got, expected=expected, count=count, size=size, atol=atol, rtol=rtol)
    if place:
        return say("checks.values.wrong_value_at", "{call} returned a wrong value {place}: got {got}, expected "
                   "{expected}.", call=call, place=place, got=got, expected=expected)
    return say("checks.values.wrong_value", "{call} returned a wrong value: got {got}, expected {expected}.",
               call=call, got=got, expected=expected)


def check_array(call: str, got: Any, expected: Any, *, dtype: str = "float64", rtol: float = RTOL,
                atol: float = ATOL, diagnoses: Diagnoses = (), where: Any = None,
                factors: Sequence[tuple[float, Hint]] = (), nonfinite_hint: Hint | None = None,
                shape_means: str = SHAPE, integer_hint: Hint = INTEGER_OUTPUT) -> None:
    """Check an array result: type, then shape, dtype, finiteness and values.

    ``dtype``: "float64" or "integer" (any integer dtype; bool and float 0/1 are rejected).
    ``where``: names the failing element: ``("z", z)`` gives "at z = 1000.0", "row" gives "at row 3".
    ``factors``: extra named constant factors, e.g. ``[(m, Hint("mse.summed", "off by a factor m: ..."))]``.
    ``shape_means``: how to name the required shape, e.g. "the input's shape".
    ``integer_hint``: what to say when integers come back where float64 is required.
    """
    expected = np.asarray(expected)
    diagnoses = Candidates(diagnoses, expected)
    _check_array_form(call, got, expected, dtype, diagnoses, shape_means, integer_hint)
    _check_numbers(call, got, expected, rtol=rtol, atol=atol, diagnoses=diagnoses, where=where,
                   factors=factors, nonfinite_hint=nonfinite_hint)


def check_array_form(call: str, got: Any, shape: tuple, *, dtype: str = "float64", shape_means: str = SHAPE,
                     diagnoses: Diagnoses = ()) -> None:
    """Type, shape and dtype of an array result whose values are checked another way (e.g. only through
    the predictions they make, when many answers are right)."""
    _check_array_form(call, got, np.zeros(shape), dtype, Candidates(diagnoses, None), shape_means, INTEGER_OUTPUT)


def _check_array_form(call: str, got: Any, expected: np.ndarray, dtype: str, diagnoses: Candidates,
                      shape_means: str, integer_hint: Hint) -> None:
    if not isinstance(got, np.ndarray):
        if isinstance(got, (int, float, np.generic)) and not isinstance(got, bool):
            fail(WrongType, say("checks.values.number_for_array", "{call} returned {kind}; it must return an array "
                                "of {shape_means} {shape}, one value per element.", call=call, kind=kind(got),
                                shape_means=shape_means, shape=expected.shape), got, diagnoses,
                 Hint("type.number", say("checks.values.number_for_array_hint", "a single number came back where an "
                                         "array belongs: don't sum, average or index the result away")))
        fail(WrongType, say("checks.values.not_an_array", "{call} returned {kind}; it must return a numpy array of "
                            "{shape_means} {shape}.", call=call, kind=kind(got), shape_means=shape_means,
                            shape=expected.shape), got, diagnoses, type_advice(got))
    if got.shape != expected.shape:
        fail(WrongShape, say("checks.values.wrong_shape", "{call} returned shape {got}; it must have {shape_means} "
                             "{shape}.", call=call, got=got.shape, shape_means=shape_means, shape=expected.shape),
             got, diagnoses, shape_hint(got.shape, expected.shape))
    _check_dtype(call, got, dtype, diagnoses, integer_hint)


def _scalar(call: str, got: Any, dtype: str, diagnoses: Candidates, expected_text: str) -> np.ndarray:
    """``got`` as a 0-d array after the type checks of a single-number result."""
    if isinstance(got, np.ndarray) and got.ndim > 0:
        fail(WrongShape, say("checks.values.array_for_number", "{call} returned an array of shape {shape}; it must "
                             "return a single number (a float, np.float64 or a 0-d array).", call=call,
                             shape=got.shape), got, diagnoses,
             Hint("shape.not_reduced", say("checks.values.not_reduced", "one number sums up the whole input: take "
                                           "the mean over all elements (np.mean(...) with no axis)")))
    if isinstance(got, (bool, np.bool_)):
        fail(WrongType, say("checks.values.bool_for_number", "{call} returned the bool {value}; it must return a "
                            "number.", call=call, value=got), got, diagnoses,
             Hint("type.bool", say("checks.values.bool_to_int", "returned bool; convert with int(...)"))
             if dtype == "integer" else None)
    if isinstance(got, float):
        got_array = np.asarray(got, dtype=np.float64)
    elif isinstance(got, int) and -2**63 <= got < 2**63:
        got_array = np.asarray(got, dtype=np.int64)
    elif isinstance(got, int):
        fail(WrongValue, say("checks.values.int_too_large", "{call} returned an integer of {digits} digits, larger "
                             "than any number NumPy holds; it must return {expected}.", call=call,
                             digits=len(str(abs(got))), expected=expected_text), got, diagnoses)
    elif isinstance(got, (np.generic, np.ndarray)) and np.asarray(got).dtype.kind in "biufc":
        got_array = np.asarray(got)
    else:
        advice = type_advice(got) if got is None else (
            Hint("type.list", say("checks.values.list_for_number",
                                  "for a single number return a single number, not a list"))
            if isinstance(got, (list, tuple)) else None)
        if isinstance(got, wire.TensorData):
            advice = Hint("type.tensor", say("checks.values.tensor_for_number",
                                             "convert a one-element tensor with float(t) or t.item()"))
        fail(WrongType, say("checks.values.not_a_number", "{call} returned {kind}; it must return a single number.",
                            call=call, kind=kind(got)), got, diagnoses, advice)
    if dtype == "float64" and got_array.dtype.kind in "iu":
        fail(WrongDtype, say("checks.values.integer_for_float", "{call} returned the integer {value}; it must return "
                             "a float (expected {expected}).", call=call, value=number(got_array[()]),
                             expected=expected_text), got, diagnoses,
             INTEGER_NUMBER)
    _check_dtype(call, got_array, dtype, diagnoses)
    return got_array.reshape(())


def check_scalar(call: str, got: Any, expected: Any, *, dtype: str = "float64", rtol: float = RTOL,
                 atol: float = ATOL, diagnoses: Diagnoses = (), where: Any = None,
                 factors: Sequence[tuple[float, Hint]] = (), nonfinite_hint: Hint | None = None) -> None:
    """Check a single-number result.

    For ``dtype="float64"`` a Python float, an ``np.float64`` and a 0-d float64 array are all accepted;
    for ``dtype="integer"`` a Python int, a numpy integer or a 0-d integer array.
    """
    expected = np.asarray(expected)
    diagnoses = Candidates(diagnoses, expected)
    got_array = _scalar(call, got, dtype, diagnoses, number(expected[()]))
    _check_numbers(call, got_array, expected.reshape(()), rtol=rtol, atol=atol, diagnoses=diagnoses,
                   where=where, factors=factors, nonfinite_hint=nonfinite_hint)


def check_tuple(call: str, value: Any, names: Sequence[str], code: str = "type.not_a_tuple") -> tuple:
    """A result that must be a tuple (or list) of one item per name, e.g. ("dw", "db"); its items."""
    if isinstance(value, (tuple, list)) and len(value) == len(names):
        for name, item in zip(names, value):
            _check_numeric_item(call, name, item)
        return tuple(value)
    count = (say("checks.values.n_items", "{n} items", n=len(value)) if isinstance(value, (tuple, list))
             else describe(value))
    listed = ", ".join(names)
    raise WrongType(say("checks.values.not_a_tuple", "{call} returned {count}; it must return ({listed}), e.g. "
                        "`return {listed}`.", call=call, count=count, listed=listed), code)


def _check_numeric_item(call: str, name: str, item: Any) -> None:
    """An item of a returned tuple that is a list must at least be numbers in rows of one length (a ragged or
    non-numeric list would stop any check of its shape or values)."""
    if not isinstance(item, (list, tuple)):
        return
    try:
        np.asarray(item, dtype=np.float64)
    except (ValueError, TypeError, OverflowError):
        raise WrongType(say("checks.values.item_not_numbers", "{name} of {call} is {kind} that is not a block of "
                            "numbers (rows of different lengths, or items that are not numbers): return a NumPy "
                            "array.", name=name, call=call, kind=kind(item)), "type.not_numbers") from None


def check_object(call: str, value: Any, class_name: str) -> Any:
    """A result that must be an object of the student's class, living in the sandbox (e.g. a gate, a model)."""
    if isinstance(value, ObjectProxy):
        return value
    raise WrongType(say("checks.values.not_an_object", "{call} made {kind}, not an object: define {name} as a class "
                        "(`class {name}:` with its methods) and return nothing from its __init__.",
                        call=call, kind=kind(value), name=class_name), "type.not_an_object")


def check_scalar_between(call: str, got: Any, low: float, high: float, *, why: str, too_low: Hint,
                         too_high: Hint, nonfinite_hint: Hint | None = None) -> None:
    """Check a single float that is only known to lie in [low, high] (e.g. a loss after clipping at some ε)."""
    value = _scalar(call, got, "float64", Candidates((), None),
                    say("checks.values.a_value_between", "a value between {low:g} and {high:g}", low=low, high=high))
    if not np.isfinite(value):
        fail(NotFinite, say("checks.values.not_finite_number", "{call} returned {value}; it must be a finite number "
                            "({why}).", call=call, value=number(value[()]), why=why), got, (),
             nonfinite_hint)
    if not low <= float(value) <= high:
        fail(WrongValue, say("checks.values.out_of_range", "{call} returned {value}; it must be between {low:g} and "
                             "{high:g} ({why}).", call=call, value=number(value[()]), low=low, high=high, why=why),
             got, (), too_low if float(value) < low else too_high)


def check_float_list(call: str, got: Any, expected: Sequence[float], *, rtol: float = RTOL, atol: float = ATOL,
                     diagnoses: Diagnoses = (), name: str = VALUES, item_hint: Hint | None = None,
                     nonfinite_hint: Hint | None = None) -> None:
    """A list of Python floats, one per step (e.g. the loss of every epoch): type, length, the type of each
    item, then finiteness and values (``name[k]`` names a wrong one).

    ``item_hint``: what to say when an item is not a float (e.g. a tensor: "append loss.item()").
    """
    expected = np.asarray(expected, dtype=np.float64)
    candidates = Candidates(diagnoses, expected)
    count = len(expected)
    if not isinstance(got, (list, tuple)):
        fail(WrongType, say("checks.values.not_a_float_list", "{call} returned {kind}; it must return a list of "
                            "{count} Python floats.", call=call, kind=kind(got), count=count), got,
             candidates, item_hint if isinstance(got, wire.TensorData) else type_advice(got))
    if len(got) != count:
        fail(WrongShape, say("checks.values.wrong_length", "{call} returned {n} {name}; it must return {count}, one "
                             "per step.", call=call, n=len(got), name=name, count=count), got, candidates)
    for index, value in enumerate(got):
        if not isinstance(value, float):
            fail(WrongType, say("checks.values.item_not_float", "{call} returned a list whose {name}[{index}] is "
                                "{kind}; every item must be a Python float.", call=call, name=name, index=index,
                                kind=kind(value)), got, (), item_hint)
    _check_numbers(call, np.array(got, dtype=np.float64), expected, rtol=rtol, atol=atol, diagnoses=candidates,
                   where=lambda index: say("checks.values.at_item", "at {name}[{index}]", name=name, index=index[0]),
                   factors=(), nonfinite_hint=nonfinite_hint)
