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
from autograder.sandbox import wire

# torch.testing.assert_close's defaults for float32 (https://pytorch.org/docs/stable/testing.html)
FLOAT32_RTOL = 1.3e-6
FLOAT32_ATOL = 1e-5


class GradientLeaked(Mismatch):
    default_code = "requires_grad"


def _type_hint(got: Any) -> Hint | None:
    if isinstance(got, np.ndarray):
        return Hint("type.ndarray", "a numpy array came back where a torch tensor belongs: make one with "
                                    "torch.tensor(a, dtype=torch.float32), or keep computing with torch operations")
    if isinstance(got, (list, tuple)):
        return Hint(f"type.{type(got).__name__}", "return one tensor, not a list of values or tensors "
                                                  "(torch.tensor(...) or torch.stack(...) makes one)")
    if got is None:
        return Hint("type.none", "is a `return` statement missing?")
    return None


def _shape_hint(got: tuple, expected: tuple) -> Hint | None:
    if len(expected) == 2 and expected[1] == 1 and got == (expected[0],):
        return Hint("shape.flat", f"a 1-D tensor of shape ({expected[0]},) where a column of shape "
                                  f"({expected[0]}, 1) belongs: reshape it with .reshape(-1, 1) (or .unsqueeze(1))")
    if len(expected) == 1 and len(got) == 2 and got == (expected[0], expected[0]):
        return Hint("shape.broadcast", "shape (m, m) is what broadcasting gives when an (m, 1) column meets an (m,) "
                                       "tensor: flatten both with .reshape(-1) before combining them")
    return shape_hint(got, expected)


DTYPE_HINTS = {
    "torch.float64": Hint("dtype.float64", "torch.from_numpy (and torch.tensor of a float64 array) keeps numpy's "
                                           "float64, but PyTorch's layers compute in float32: pass "
                                           "dtype=torch.float32, or call .float()"),
    "torch.int64": Hint("dtype.integer", "integers came back: torch.tensor of an integer array keeps its integer "
                                         "dtype; pass dtype=torch.float32, or call .float()"),
    "torch.int32": Hint("dtype.integer", "integers came back: pass dtype=torch.float32, or call .float()"),
    "torch.bool": Hint("dtype.bool", "True/False came back (a comparison's result): turn it into 0.0/1.0 with "
                                     ".float()"),
}


def check_tensor_form(call: str, got: Any, shape: tuple, *, dtype: str = "torch.float32", what: str = "",
                      diagnoses: Candidates | Diagnoses = (), requires_grad: bool | None = None) -> wire.TensorData:
    """Type, shape, dtype (and, when given, requires_grad) of a tensor result; returns it."""
    candidates = diagnoses if isinstance(diagnoses, Candidates) else Candidates(diagnoses, None)
    what = what or f"a {dtype.removeprefix('torch.')} tensor of shape {shape}"
    if not isinstance(got, wire.TensorData):
        fail(WrongType, f"{call} returned {kind(got)}; it must return {what}.", got, candidates, _type_hint(got))
    if tuple(got.shape) != tuple(shape):
        fail(WrongShape, f"{call} returned a tensor of shape {tuple(got.shape)}; it must have shape {tuple(shape)}.",
             got, candidates, _shape_hint(tuple(got.shape), tuple(shape)))
    if got.dtype != dtype:
        name = got.dtype.removeprefix("torch.")
        fail(WrongDtype, f"{call} returned {'an' if name[0] in 'aeiou' else 'a'} {name} tensor; it must be "
             f"{dtype.removeprefix('torch.')}.", got, candidates, DTYPE_HINTS.get(got.dtype))
    if requires_grad is False and got.requires_grad:
        raise GradientLeaked(f"{call} returned a tensor with requires_grad=True: it is still attached to the "
                             "computation graph. Compute it under `with torch.no_grad():` (or .detach() it).")
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
