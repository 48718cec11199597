"""The wire format carries values exactly (shape, dtype, nan/inf) and refuses anything else."""
from __future__ import annotations

import json

import numpy as np
import pytest

from autograder.sandbox import wire


def roundtrip(value):
    return wire.decode(json.loads(json.dumps(wire.encode(value), allow_nan=False)))


@pytest.mark.parametrize("value", [
    np.array(0.5), np.float64(0.5), np.array([[1, 2], [3, 4]], dtype=np.int32), np.zeros((2, 0, 3)),
    np.arange(12.0).reshape(3, 4).T, np.array([True, False]), np.array([np.nan, np.inf, -np.inf]),
])
def test_arrays_and_numpy_scalars_keep_type_shape_and_dtype(value):
    back = roundtrip(value)
    assert type(back) is type(value)
    assert np.shape(back) == np.shape(value) and np.asarray(back).dtype == np.asarray(value).dtype
    np.testing.assert_array_equal(back, value)


@pytest.mark.parametrize("value", [0.5, 3, True, None, "s", [1, 2.5], (1, 2), {"a": [1.0]}, float("nan"), float("-inf")])
def test_python_values_keep_their_type(value):
    back = roundtrip(value)
    assert type(back) is type(value)
    assert back == value or (isinstance(value, float) and np.isnan(value) and np.isnan(back))


@pytest.mark.parametrize("value", [object(), np.array([object()], dtype=object), lambda: 1, {1, 2}])
def test_other_values_cannot_be_sent(value):
    with pytest.raises(wire.WireError):
        wire.encode(value)


@pytest.mark.parametrize("bad", [{"__pickle__": "x"}, {"__ndarray__": {"shape": [3], "dtype": "float64", "data": "AAAA"}},
                                 {"__ndarray__": {"shape": [1], "dtype": "object", "data": ""}},
                                 {"__float__": "1e400"}, {"a": 1, "b": 2}])
def test_malformed_messages_are_rejected(bad):
    with pytest.raises(wire.WireError):
        wire.decode(bad)


def test_a_tensor_for_the_sandbox_keeps_dtype_shape_and_flag():
    sent = wire.tensor([[1, 2], [3, 4]], dtype="torch.float32", requires_grad=True)
    back = roundtrip(sent)
    assert isinstance(back, wire.TensorData) and back.dtype == "torch.float32" and back.requires_grad
    assert back.array.dtype == np.float32 and back.shape == (2, 2)
    with pytest.raises(wire.WireError):
        wire.tensor([1.0], dtype="torch.complex32")


def test_the_sandbox_side_builds_a_real_tensor_and_refuses_unknown_dtypes():
    import torch
    from autograder.sandbox.student_side import Session

    session = Session()
    made = wire.decode(wire.encode(wire.tensor([1.5, 2.5], dtype="torch.float64")), resolve=session._resolve)
    assert isinstance(made, torch.Tensor) and made.dtype == torch.float64 and made.tolist() == [1.5, 2.5]
    body = wire.encode(wire.tensor([1.0]))
    body["__tensor__"]["dtype"] = "torch.nn.Module"
    with pytest.raises(wire.WireError):
        wire.decode(body, resolve=session._resolve)
