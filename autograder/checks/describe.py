"""Short texts for values, as an argument or a result: ``array of shape (3, 4)``, ``-1000.0``, ``a Python list``."""
from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from autograder.checks.diagnoses import Hint
from autograder.sandbox import wire


def number(x: Any) -> str:
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
        return number(value)
    if isinstance(value, np.ndarray):
        suffix = "" if value.dtype == np.float64 else f", dtype={value.dtype}"
        if value.ndim == 0:
            return f"array({number(value[()])}{suffix})"
        if value.ndim == 1 and value.size <= 6:
            text = "array([" + ", ".join(number(v) for v in value) + f"]{suffix})"
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
        return f"{value.dtype.removeprefix('torch.')} tensor of shape {tuple(value.shape)}"
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
        label = names[i] if i < len(names) else ""
        if hasattr(a, "_handle"):  # an object in the sandbox: an Axes, a model, ...
            parts.append(label or ("ax" if "Axes" in a.type_name else a.type_name))
        else:
            parts.append(f"{label}={describe(a)}" if label else describe(a))
    return f"{name}({', '.join(parts)})"


def kind(value: Any) -> str:
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


def type_advice(value: Any) -> Hint | None:
    """What to do about a result of the wrong type."""
    if value is None:
        return Hint("type.none", "is a `return` statement missing?")
    if isinstance(value, (list, tuple)):
        return Hint(f"type.{type(value).__name__}", f"{type(value).__name__} returned: return a numpy array "
                    "(compute with numpy operations, or wrap it with np.array(...))")
    if isinstance(value, wire.TensorData):
        return Hint("type.tensor", "compute with numpy and return a numpy array (a tensor t converts with "
                                   "t.detach().numpy())")
    return None


def locate(index: tuple, where: Any) -> str:
    """``at z = 1000.0`` (where=("z", z)), ``at row 3`` (where="row") or ``at index (1, 2)``."""
    if callable(where):
        return where(index)
    if isinstance(where, tuple) and len(where) == 2:
        name, values = where
        values = np.asarray(values)
        if values.ndim == 0:
            return f"at {name} = {number(values[()])}"
        try:
            return f"at {name} = {number(values[index])}"
        except (IndexError, TypeError):
            pass
    if index == ():
        return ""
    label = where if isinstance(where, str) else "index"
    return f"at {label} {index[0] if len(index) == 1 else index}"
