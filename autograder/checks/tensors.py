"""Checks of a returned torch tensor (it crosses the sandbox as ``wire.TensorData``): type, shape, dtype,
requires_grad, then finiteness and values in float64.

A tensor is never compared by broadcasting: an (m,) answer where (m, 1) belongs fails on its shape first.
The values of a float32 tensor carry ~7 significant digits, so graders compare them with
``FLOAT32_RTOL``/``FLOAT32_ATOL`` (``torch.testing.assert_close``'s defaults for float32).
"""
from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from autograder.checks.describe import kind
from autograder.checks.diagnoses import Candidates, Hint, shape_hint
from autograder.checks.failures import Mismatch, WrongDtype, WrongShape, WrongType
from autograder.checks.values import Diagnoses, _check_numbers, fail
from autograder.messages import say
from autograder.sandbox import wire

# torch.testing.assert_close's defaults for float32 (https://pytorch.org/docs/stable/testing.html)
FLOAT32_RTOL = 1.3e-6
FLOAT32_ATOL = 1e-5


class GradientLeaked(Mismatch):
    default_code = "requires_grad"


def _type_hint(got: Any) -> Hint | None:
    if isinstance(got, np.ndarray):
        return Hint("type.ndarray", say("checks.tensors.array_for_tensor",
                                        "a numpy array came back where a torch tensor belongs: make one with "
                                        "torch.tensor(a, dtype=torch.float32), or keep computing with torch "
                                        "operations"))
    if isinstance(got, (list, tuple)):
        return Hint(f"type.{type(got).__name__}", say("checks.tensors.list_for_tensor",
                                                      "return one tensor, not a list of values or tensors "
                                                      "(torch.tensor(...) or torch.stack(...) makes one)"))
    if got is None:
        return Hint("type.none", say("checks.tensors.return_missing", "is a `return` statement missing?"))
    return None


def _shape_hint(got: tuple, expected: tuple) -> Hint | None:
    if len(expected) == 2 and expected[1] == 1 and got == (expected[0],):
        return Hint("shape.flat", say("checks.tensors.flat_for_column",
                                      "a 1-D tensor of shape ({m},) where a column of shape ({m}, 1) belongs: "
                                      "reshape it with .reshape(-1, 1) (or .unsqueeze(1))", m=expected[0]))
    if len(expected) == 1 and len(got) == 2 and got == (expected[0], expected[0]):
        return Hint("shape.broadcast", say("checks.tensors.broadcast",
                                           "shape (m, m) is what broadcasting gives when an (m, 1) column meets an "
                                           "(m,) tensor: flatten both with .reshape(-1) before combining them"))
    return shape_hint(got, expected)


DTYPE_HINTS = {
    "torch.float64": Hint("dtype.float64", say("checks.tensors.float64",
                                               "torch.from_numpy (and torch.tensor of a float64 array) keeps numpy's "
                                               "float64, but PyTorch's layers compute in float32: pass "
                                               "dtype=torch.float32, or call .float()")),
    "torch.int64": Hint("dtype.integer", say("checks.tensors.int64",
                                             "integers came back: torch.tensor of an integer array keeps its integer "
                                             "dtype; pass dtype=torch.float32, or call .float()")),
    "torch.int32": Hint("dtype.integer", say("checks.tensors.int32",
                                             "integers came back: pass dtype=torch.float32, or call .float()")),
    "torch.bool": Hint("dtype.bool", say("checks.tensors.bool",
                                         "True/False came back (a comparison's result): turn it into 0.0/1.0 with "
                                         ".float()")),
}


def check_tensor_form(call: str, got: Any, shape: tuple, *, dtype: str = "torch.float32", what: str = "",
                      diagnoses: Candidates | Diagnoses = (), requires_grad: bool | None = None) -> wire.TensorData:
    """Type, shape, dtype (and, when given, requires_grad) of a tensor result; returns it."""
    candidates = diagnoses if isinstance(diagnoses, Candidates) else Candidates(diagnoses, None)
    what = what or say("checks.tensors.a_tensor_of_shape", "a {dtype} tensor of shape {shape}",
                       dtype=dtype.removeprefix('torch.'), shape=shape)
    if not isinstance(got, wire.TensorData):
        fail(WrongType, say("checks.tensors.not_a_tensor", "{call} returned {kind}; it must return {what}.",
                            call=call, kind=kind(got), what=what), got, candidates, _type_hint(got))
    if tuple(got.shape) != tuple(shape):
        fail(WrongShape, say("checks.tensors.wrong_shape", "{call} returned a tensor of shape {got}; it must have "
                             "shape {shape}.", call=call, got=tuple(got.shape), shape=tuple(shape)),
             got, candidates, _shape_hint(tuple(got.shape), tuple(shape)))
    if got.dtype != dtype:
        name = got.dtype.removeprefix("torch.")
        if name[0] in 'aeiou':
            message = say("checks.tensors.wrong_dtype_vowel", "{call} returned an {got} tensor; it must be {dtype}.",
                          call=call, got=name, dtype=dtype.removeprefix('torch.'))
        else:
            message = say("checks.tensors.wrong_dtype", "{call} returned a {got} tensor; it must be {dtype}.",
                          call=call, got=name, dtype=dtype.removeprefix('torch.'))
        fail(WrongDtype, message, got, candidates, DTYPE_HINTS.get(got.dtype))
    if requires_grad is False and got.requires_grad:
        raise GradientLeaked(say("checks.tensors.requires_grad", "{call} returned a tensor with requires_grad=True: "
                                 "it is still attached to the computation graph. Compute it under "
                                 "`with torch.no_grad():` (or .detach() it).", call=call))
    return got


def check_tensor(call: str, got: Any, expected: Any, *, dtype: str = "torch.float32", rtol: float = FLOAT32_RTOL,
                 atol: float = FLOAT32_ATOL, diagnoses: Diagnoses = (), requires_grad: bool | None = None,
                 where: Any = None, factors: Sequence[tuple[float, Hint]] = ()) -> None:
    """A tensor result: ``check_tensor_form``, then finiteness and values against ``expected`` (compared in
    float64, |got − expected| ≤ atol + rtol·|expected|)."""
    expected = np.asarray(expected, dtype=np.float64)
    candidates = Candidates(diagnoses, expected)
    got = check_tensor_form(call, got, expected.shape, dtype=dtype, diagnoses=candidates, requires_grad=requires_grad)
    _check_numbers(call, got.array, expected, rtol=rtol, atol=atol, diagnoses=candidates, where=where,
                   factors=factors, nonfinite_hint=None)
