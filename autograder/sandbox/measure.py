"""What the child measures for the grader, with functions bound before any student code runs.

Student code shares the child's process and may rebind any name it reaches: ``np.array_equal`` (to hide
that it changed its inputs), ``np.seterr`` (to hide an overflow), ``torch.manual_seed``,
``torch.is_grad_enabled``, ``torch.Tensor.dtype``, a module's ``named_parameters``.  So a measurement here
never looks a public name up again: numpy's are bound when the fork server imports this module and torch's
when it warms torch (``bind_torch``), both before any fork; values are read through accessors student code
cannot replace (``ndarray.tobytes``, the getters of torch's C tensor type, a module's own registries
``_parameters`` and ``_modules`` read from its instance dict), and a tensor of a subclass is read as the plain
``torch.Tensor`` it holds, past any ``__torch_function__`` or property the subclass defines.

Limit: Python has no private memory; code that walks the garbage collector to these bound objects can still
reach them.  What it cannot do any more is change a measurement by rebinding a public name.
"""
from __future__ import annotations

import sys
import warnings
from builtins import bool, dict, id, isinstance, list, str, tuple, type  # rebinding builtins changes nothing
from contextlib import contextmanager
from typing import Any, Iterator

import numpy as np

from . import wire

_ndarray = np.ndarray
_tobytes = np.ndarray.tobytes
_seterr = np.seterr
_catch_warnings = warnings.catch_warnings
_simplefilter = warnings.simplefilter
_instance_dict = object.__getattribute__
_dict_items = dict.items

# numpy's own defaults: an overflow, a division by zero or an invalid operation warns; an underflow does not.
NUMPY_ERRORS = {"divide": "warn", "over": "warn", "invalid": "warn", "under": "ignore"}


@contextmanager
def graded_call() -> Iterator[list]:
    """Around one call of student code: numpy's error state, the warning filters and autograd's switch are ours,
    not what earlier student code left (``np.seterr(all="ignore")`` at load time hides nothing, and a rebound
    ``torch.is_grad_enabled`` that left autograd off inside torch's own ``no_grad`` blocks is undone); yields the
    warnings caught."""
    if _TORCH is not None:
        _TORCH.grad_enabled(True)
    with _catch_warnings(record=True) as caught:
        _simplefilter("always")
        _seterr(**NUMPY_ERRORS)
        yield caught


class _Torch:
    """torch's functions and its tensor type's C accessors, bound once."""

    def __init__(self, torch: Any):
        base = torch._C.TensorBase  # an immutable C type: its accessors cannot be replaced
        self.Tensor, self.Module, self.Linear = torch.Tensor, torch.nn.Module, torch.nn.Linear
        self.dtype, self.requires_grad, self.grad, self.is_leaf, self.shape = (
            base.__dict__[name].__get__ for name in ("dtype", "requires_grad", "grad", "is_leaf", "shape"))
        self.detach, self.numpy, self.clone, self.sum, self.copy = (
            base.detach, base.numpy, base.clone, base.sum, base.copy_)
        self.dtypes = {name: getattr(torch, name[6:]) for name in wire.TENSOR_DTYPES}
        self.as_subclass = base.as_subclass
        self.plain_functions = torch._C.DisableTorchFunctionSubclass
        self.manual_seed = torch.manual_seed
        self.is_grad_enabled = torch._C.is_grad_enabled
        self.tensor = torch.tensor
        self.grad_enabled = torch._C._set_grad_enabled
        self.equal = torch.equal
        self.nan_to_num = torch.nan_to_num
        self.autograd_grad = torch.autograd.grad
        self.sigmoid = torch.sigmoid
        self.linear = torch.nn.functional.linear

    @contextmanager
    def no_grad(self) -> Iterator[None]:
        """``torch.no_grad()`` from the C switches: the Python class asks ``torch.is_grad_enabled``, which student
        code may have rebound (to a lie that would leave autograd off for good after the block)."""
        previous = self.is_grad_enabled()
        self.grad_enabled(False)
        try:
            yield
        finally:
            self.grad_enabled(previous)


_TORCH: _Torch | None = None


def bind_torch() -> _Torch | None:
    """torch's accessors (bound at the first call: the fork server's warm-up, before any fork); None without torch.

    In an assignment whose sandbox does not preload torch, a notebook that imports torch itself binds it here at
    the first tensor, after its cells ran: those assignments grade no tensor.
    """
    global _TORCH
    if _TORCH is None and "torch" in sys.modules:
        _TORCH = _Torch(sys.modules["torch"])
    return _TORCH


def is_tensor(value: Any) -> bool:
    torch = bind_torch()
    return torch is not None and isinstance(value, torch.Tensor)


def plain_tensor(t: Any) -> Any:
    """``t`` as an exact ``torch.Tensor``: a subclass's overrides (a lying ``dtype``, ``__torch_function__``) are gone."""
    torch = bind_torch()
    if type(t) is torch.Tensor:
        return t
    with torch.plain_functions():
        return torch.as_subclass(t, torch.Tensor)


def tensor_facts(t: Any) -> dict:
    """A tensor's numbers (detached, as a NumPy array), dtype, requires_grad and, for a leaf, its gradient."""
    torch = bind_torch()
    t = plain_tensor(t)
    with torch.plain_functions():
        grad = torch.grad(t) if torch.is_leaf(t) else None
        return {"array": torch.numpy(torch.detach(t)), "dtype": str(torch.dtype(t)),
                "requires_grad": bool(torch.requires_grad(t)),
                "grad": None if grad is None else torch.numpy(torch.detach(plain_tensor(grad)))}


def snapshot(value: Any) -> Any:
    """What an array or tensor argument holds, to tell after the call whether student code changed it."""
    if isinstance(value, _ndarray):
        return (value.shape, value.dtype.str, _tobytes(value))
    torch = bind_torch()
    t = plain_tensor(value)
    with torch.plain_functions():
        return (tuple(torch.shape(t)), str(torch.dtype(t)), torch.clone(torch.detach(t)))


def changed(before: Any, value: Any) -> bool:
    """Whether ``value`` differs from its ``snapshot`` taken before the call (bytes compared: NaN is equal to NaN)."""
    after = snapshot(value)
    if before[:2] != after[:2]:
        return True
    if isinstance(before[2], bytes):
        return before[2] != after[2]
    torch = bind_torch()
    with torch.plain_functions():
        return not torch.equal(torch.nan_to_num(before[2]), torch.nan_to_num(after[2]))


def is_module(value: Any) -> bool:
    torch = bind_torch()
    return torch is not None and isinstance(value, torch.Module)


def module_parameters(module: Any, max_depth: int = 20) -> list[tuple[str, Any]]:
    """A module's parameters by dotted name, read from its own registries (``_parameters``, ``_modules``), as
    ``named_parameters()`` would list them, whatever the module's class defines that method to do."""
    found: list[tuple[str, Any]] = []
    seen: set[int] = set()

    def walk(owner: Any, prefix: str, depth: int) -> None:
        registries = _instance_dict(owner, "__dict__")
        parameters, modules = registries.get("_parameters"), registries.get("_modules")
        if not isinstance(parameters, dict) or not isinstance(modules, dict) or depth > max_depth:
            raise ValueError(f"a {type(owner).__name__} whose parameters cannot be read")
        for name, parameter in list(_dict_items(parameters)):
            if parameter is not None and id(parameter) not in seen:
                seen.add(id(parameter))
                found.append((prefix + str(name), parameter))
        for name, child in list(_dict_items(modules)):
            if child is not None:
                walk(child, f"{prefix}{name}.", depth + 1)

    walk(module, "", 0)
    return found


def module_training(module: Any) -> bool:
    """The module's own ``training`` flag, from its instance dict (a class-level property cannot stand in)."""
    return bool(_instance_dict(module, "__dict__").get("training", True))
