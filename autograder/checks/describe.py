"""Short texts for values, as an argument or a result: ``array of shape (3, 4)``, ``-1000.0``, ``a Python list``."""
from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from autograder import messages
from autograder.checks.diagnoses import Hint
from autograder.messages import say
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
        if value.dtype == np.float64:
            return say("checks.describe.array_of_shape", "array of shape {shape}", shape=value.shape)
        return say("checks.describe.dtype_array_of_shape", "{dtype} array of shape {shape}", dtype=value.dtype,
                   shape=value.shape)
    if isinstance(value, (list, tuple)):
        text = repr(value)
        if len(text) <= 80:
            return text
        return say("checks.describe.sequence_of_items", "{type} of {n} items", type=type(value).__name__,
                   n=len(value))
    if isinstance(value, wire.TensorData):
        return say("checks.describe.tensor_of_shape", "{dtype} tensor of shape {shape}",
                   dtype=value.dtype.removeprefix('torch.'), shape=tuple(value.shape))
    if isinstance(value, wire.AxesData):
        return say("checks.describe.axes", "a matplotlib Axes")
    type_name = getattr(value, "type_name", None)
    if type_name:
        return say("checks.describe.an_object", "a {name}", name=type_name)
    return say("checks.describe.an_object", "a {name}", name=type(value).__name__)


def call_text(name: str, *args: Any, names: Sequence[str] = ()) -> str:
    """``sigmoid(array of shape (3, 4))``, or with names ``predict(X=array of shape (9, 4), w=..., b=0.5)``."""
    parts = []
    for i, a in enumerate(args):
        label = names[i] if i < len(names) else ""
        if hasattr(a, "_handle"):  # an object in the sandbox: an Axes, a model, ...
            parts.append(label or ("ax" if "Axes" in a.type_name else a.type_name))
        else:
            parts.append(label + "=" + describe(a) if label else describe(a))
    return name + "(" + messages.join(", ", parts) + ")"


def kind(value: Any) -> str:
    """What a wrongly typed value is, in words."""
    if value is None:
        return "None"
    if isinstance(value, bool):
        return say("checks.describe.a_bool", "a bool")
    if isinstance(value, list):
        return say("checks.describe.a_list", "a Python list")
    if isinstance(value, tuple):
        return say("checks.describe.a_tuple", "a tuple")
    if isinstance(value, wire.TensorData):
        return say("checks.describe.a_tensor", "a torch tensor")
    if isinstance(value, wire.AxesData):
        return say("checks.describe.axes", "a matplotlib Axes")
    if isinstance(value, (int, float, np.generic)):
        return say("checks.describe.a_single_number", "a single number ({value})", value=describe(value))
    if isinstance(value, np.ndarray):
        return say("checks.describe.a_numpy_array", "a numpy array of shape {shape}", shape=value.shape)
    name = getattr(value, "type_name", None) or type(value).__name__
    if name[:1].lower() in 'aeiou':
        return say("checks.describe.an_object_vowel", "an {name}", name=name)
    return say("checks.describe.an_object", "a {name}", name=name)


def type_advice(value: Any) -> Hint | None:
    """What to do about a result of the wrong type."""
    if value is None:
        return Hint("type.none", say("checks.describe.return_missing", "is a `return` statement missing?"))
    if isinstance(value, (list, tuple)):
        return Hint(f"type.{type(value).__name__}", say("checks.describe.sequence_returned",
                    "{type} returned: return a numpy array "
                    "(compute with numpy operations, or wrap it with np.array(...))", type=type(value).__name__))
    if isinstance(value, wire.TensorData):
        return Hint("type.tensor", say("checks.describe.tensor_returned",
                                       "compute with numpy and return a numpy array (a tensor t converts with "
                                       "t.detach().numpy())"))
    return None


def locate(index: tuple, where: Any) -> str:
    """``at z = 1000.0`` (where=("z", z)), ``at row 3`` (where="row") or ``at index (1, 2)``."""
    if callable(where):
        return where(index)
    if isinstance(where, tuple) and len(where) == 2:
        name, values = where
        values = np.asarray(values)
        if values.ndim == 0:
            return say("checks.describe.at_value", "at {name} = {value}", name=name, value=number(values[()]))
        try:
            return say("checks.describe.at_value", "at {name} = {value}", name=name, value=number(values[index]))
        except (IndexError, TypeError):
            pass
    if index == ():
        return ""
    label = where if isinstance(where, str) else "index"
    position = index[0] if len(index) == 1 else index
    if label == "index":
        return say("checks.describe.at_index", "at index {index}", index=position)
    if label == "row":
        return say("checks.describe.at_row", "at row {index}", index=position)
    return say("checks.describe.at_label", "at {label} {index}", label=label, index=position)
