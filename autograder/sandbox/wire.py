"""Plain-data wire format between the sandbox and the grader.

Only JSON crosses the boundary: never pickle, so nothing a student returns can
run code in the grader or pretend to be equal to the reference.  Values that
JSON cannot hold (arrays, numpy scalars, tuples, tensors, modules, Axes,
student objects) are tagged dicts, turned back into inert grader-side records
by ``decode``.

This module is imported on both sides; it must not import torch or
matplotlib at module level (the grader never needs them).
"""
from __future__ import annotations

import base64
import json
import math
import struct
from dataclasses import dataclass
from typing import Any

import numpy as np

# dtypes allowed across the boundary: numbers and booleans, never objects.
ALLOWED_DTYPES = {
    "bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
    "float16", "float32", "float64", "complex64", "complex128",
}
MAX_MESSAGE_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 20


class WireError(ValueError):
    """A message that does not follow the wire format."""


@dataclass(frozen=True)
class TensorData:
    """A torch tensor as numbers: values, torch dtype name, requires_grad.

    Sent to the sandbox (as an argument), it becomes a real tensor there.
    """
    array: np.ndarray
    dtype: str
    requires_grad: bool
    grad: np.ndarray | None = None

    @property
    def shape(self) -> tuple[int, ...]:
        return self.array.shape


TENSOR_DTYPES = {"torch.float32": "float32", "torch.float64": "float64", "torch.float16": "float16",
                 "torch.int64": "int64", "torch.int32": "int32", "torch.int16": "int16", "torch.int8": "int8",
                 "torch.uint8": "uint8", "torch.bool": "bool"}


def tensor(values: Any, dtype: str = "torch.float32", requires_grad: bool = False) -> TensorData:
    """A tensor for the grader to hand to student code, e.g. ``tensor(X)`` (float32, like a PyTorch layer)."""
    if dtype not in TENSOR_DTYPES:
        raise WireError(f"tensors of dtype {dtype} cannot be sent")
    return TensorData(np.array(values, dtype=TENSOR_DTYPES[dtype]), dtype, requires_grad)


@dataclass(frozen=True)
class ModuleData:
    """A torch nn.Module as numbers: class name, parameters, training flag."""
    class_name: str
    parameters: dict[str, TensorData]
    training: bool


@dataclass(frozen=True)
class LineData:
    x: np.ndarray
    y: np.ndarray
    label: str


@dataclass(frozen=True)
class AxesData:
    """A matplotlib Axes read back as what a student drew on it."""
    title: str
    xlabel: str
    ylabel: str
    lines: list[LineData]
    legend_labels: list[str] | None


@dataclass(frozen=True)
class Handle:
    """A student object that stays in the sandbox; the grader calls it by id."""
    id: int
    type_name: str


@dataclass(frozen=True)
class Callback:
    """A function that lives in the grading process, handed to student code as a stub.

    Each call of the stub is a ``{"op": "callback"}`` message back to the grader, answered with a value
    only while the grader allows it; no grading code or data crosses into the sandbox.
    """
    id: int
    name: str


# ---------------------------------------------------------------- encoding

# numpy computes ``dtype.name`` in Python each time (several µs); every call and call-back encodes arrays.
_DTYPE_NAMES: dict[np.dtype, str] = {}


def _dtype_name(dtype: np.dtype) -> str:
    name = _DTYPE_NAMES.get(dtype)
    if name is None:
        name = _DTYPE_NAMES.setdefault(dtype, dtype.name)
    return name


def _encode_array(a: np.ndarray) -> dict:
    name = _dtype_name(a.dtype)
    if name not in ALLOWED_DTYPES:
        raise WireError(f"arrays of dtype {a.dtype} cannot be sent")
    a = np.require(a, requirements="C")  # not ascontiguousarray: that turns a 0-d array into shape (1,)
    return {"shape": list(a.shape), "dtype": name, "data": base64.b64encode(a.tobytes()).decode("ascii")}


def _encode_float(x: float) -> Any:
    # JSON has no nan/inf: tag them so they survive.
    if math.isfinite(x):
        return x
    return {"__float__": repr(x)}


def encode(value: Any, depth: int = 0, handles: Any = None) -> Any:
    """Turn a value into JSON-able plain data.

    ``handles`` (sandbox side only) registers objects that are not plain data
    and returns their id; without it such objects are an error.
    """
    if depth > MAX_DEPTH:
        raise WireError("value nested too deeply")
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int) and type(value) is int:
        return value
    if type(value) is float:
        return _encode_float(value)
    if isinstance(value, np.ndarray):
        return {"__ndarray__": _encode_array(value)}
    if isinstance(value, np.generic):
        if _dtype_name(value.dtype) not in ALLOWED_DTYPES:
            raise WireError(f"numpy scalars of dtype {value.dtype} cannot be sent")
        return {"__npscalar__": _encode_array(np.asarray(value))}
    if type(value) is list:
        return [encode(v, depth + 1, handles) for v in value]
    if type(value) is tuple:
        return {"__tuple__": [encode(v, depth + 1, handles) for v in value]}
    if type(value) is dict:
        return {"__dict__": [[encode(k, depth + 1, handles), encode(v, depth + 1, handles)]
                             for k, v in value.items()]}
    if isinstance(value, Callback):
        return {"__callback__": {"id": value.id, "name": value.name}}
    if isinstance(value, Handle):
        return {"__handle__": {"id": value.id, "type": value.type_name}}
    if isinstance(value, TensorData):
        return {"__tensor__": {"array": _encode_array(value.array), "dtype": value.dtype,
                               "requires_grad": value.requires_grad, "grad": None}}
    if handles is not None:
        return handles.encode_special(value, depth)
    raise WireError(f"values of type {type(value).__name__} cannot be sent")


# ---------------------------------------------------------------- decoding

def _decode_array(d: dict) -> np.ndarray:
    dtype = d.get("dtype")
    if dtype not in ALLOWED_DTYPES:
        raise WireError(f"unknown dtype {dtype!r}")
    shape = tuple(int(s) for s in d["shape"])
    if any(s < 0 for s in shape):
        raise WireError("negative dimension")
    raw = base64.b64decode(d["data"], validate=True)
    count = math.prod(shape)
    if len(raw) != count * np.dtype(dtype).itemsize:
        raise WireError("array data does not match its shape")
    return np.frombuffer(raw, dtype=dtype).reshape(shape).copy()


def decode(data: Any, depth: int = 0, resolve: Any = None) -> Any:
    """Inverse of ``encode``; builds only inert records, never student types.

    ``resolve`` (sandbox side only) turns handles, call-backs and tensors back
    into live objects.
    """
    if depth > MAX_DEPTH:
        raise WireError("value nested too deeply")
    if data is None or isinstance(data, (bool, str, int, float)):
        return data
    if isinstance(data, list):
        return [decode(v, depth + 1, resolve) for v in data]
    if not isinstance(data, dict) or len(data) != 1:
        raise WireError("malformed value")
    (tag, body), = data.items()
    if tag == "__float__":
        if body not in ("nan", "inf", "-inf"):
            raise WireError("malformed float")
        return float(body)
    if tag == "__ndarray__":
        return _decode_array(body)
    if tag == "__npscalar__":
        return _decode_array(body)[()]
    if tag == "__tuple__":
        return tuple(decode(v, depth + 1, resolve) for v in body)
    if tag == "__dict__":
        return {_hashable(decode(k, depth + 1, resolve)): decode(v, depth + 1, resolve) for k, v in body}
    if tag == "__tensor__":
        if resolve is not None:  # the sandbox side: a real tensor
            return resolve(tag, body)
        grad = body.get("grad")
        return TensorData(_decode_array(body["array"]), str(body["dtype"]),
                          bool(body["requires_grad"]), None if grad is None else _decode_array(grad))
    if tag == "__module__":
        params = {str(k): decode(v, depth + 1) for k, v in body["parameters"].items()}
        if not all(isinstance(p, TensorData) for p in params.values()):
            raise WireError("module parameters must be tensors")
        return ModuleData(str(body["class_name"]), params, bool(body["training"]))
    if tag == "__axes__":
        lines = [LineData(_decode_array(ln["x"]), _decode_array(ln["y"]), str(ln["label"]))
                 for ln in body["lines"]]
        legend = body["legend_labels"]
        return AxesData(str(body["title"]), str(body["xlabel"]), str(body["ylabel"]), lines,
                        None if legend is None else [str(s) for s in legend])
    if tag in ("__handle__", "__callback__"):
        if resolve is not None:
            return resolve(tag, body)
        if tag == "__handle__":
            return Handle(int(body["id"]), str(body["type"]))
        return Callback(int(body["id"]), str(body["name"]))
    raise WireError(f"unknown tag {tag!r}")


def _hashable(key: Any) -> Any:
    if isinstance(key, np.ndarray) or isinstance(key, list):
        raise WireError("dict keys must be plain scalars or strings")
    return key


# ---------------------------------------------------------------- framing

def dumps(message: dict) -> bytes:
    body = json.dumps(message, allow_nan=False, separators=(",", ":")).encode()
    return struct.pack("!Q", len(body)) + body


def parse(data: bytes) -> dict:
    """Read one framed message that arrived whole (one SOCK_SEQPACKET datagram)."""
    if len(data) < 8 or struct.unpack("!Q", data[:8])[0] != len(data) - 8:
        raise WireError("truncated message")
    return read_message(_slicer(data))


def _slicer(data: bytes):
    position = 0

    def read_exactly(n: int) -> bytes:
        nonlocal position
        chunk = data[position:position + n]
        if len(chunk) < n:
            raise EOFError
        position += n
        return chunk
    return read_exactly


def read_message(read_exactly) -> dict:
    """Read one framed message with ``read_exactly(n) -> bytes``."""
    (size,) = struct.unpack("!Q", read_exactly(8))
    if size > MAX_MESSAGE_BYTES:
        raise WireError(f"message of {size} bytes is larger than the {MAX_MESSAGE_BYTES} allowed")
    try:
        message = json.loads(read_exactly(size))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise WireError(f"message is not JSON: {err}") from None
    if not isinstance(message, dict):
        raise WireError("message is not an object")
    return message
