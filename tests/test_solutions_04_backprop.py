"""The reference solutions of 04_backprop agree with PyTorch autograd and with central differences
(CS231n's relative error |a − n| / max(|a|, |n|) ≤ 1e-7 in float64), and reproduce the lecture's numbers.
"""
from __future__ import annotations

import numpy as np
import pytest
import torch

from autograder import catalogue

REF = catalogue.load("04_backprop").reference()
RNG = np.random.default_rng(4004)


def t64(a, grad=True) -> torch.Tensor:
    return torch.tensor(np.asarray(a, dtype=np.float64), requires_grad=grad)


def central(f, x, h=1e-6):
    x = np.asarray(x, dtype=np.float64)
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        step = np.zeros_like(x)
        step[i] = h
        grad[i] = (f(x + step) - f(x - step)) / (2 * h)
    return grad


def relative_error(a, n):
    a, n = np.asarray(a, dtype=np.float64), np.asarray(n, dtype=np.float64)
    return float(np.max(np.abs(a - n) / np.maximum(np.maximum(np.abs(a), np.abs(n)), 1e-8)))


def test_lecture_numbers():
    assert REF.add_mul_forward_backward(-2.0, 5.0, -4.0) == (-12.0, -4.0, -4.0, 3.0)
    assert REF.shopping_forward_backward(1000.0, 3.0, 1.1) == pytest.approx((3300, 3.3, 1100, 3000), rel=1e-12)
    f, dw, dx = REF.sigmoid_neuron_forward_backward([2.0, -3.0, -3.0], [-1.0, -2.0])
    assert f == pytest.approx(0.7310585786, rel=1e-10)
    np.testing.assert_allclose(dw, [-0.19661193, -0.39322387, 0.19661193], rtol=1e-7)
    np.testing.assert_allclose(dx, [0.39322387, -0.58983580], rtol=1e-7)


def test_add_mul_and_shopping_match_autograd():
    for x, y, z in RNG.normal(0, 3, size=(5, 3)):
        xt, yt, zt = t64(x), t64(y), t64(z)
        ((xt + yt) * zt).backward()
        assert REF.add_mul_forward_backward(x, y, z)[1:] == pytest.approx(
            (xt.grad.item(), yt.grad.item(), zt.grad.item()), rel=1e-14)
    p, c, t = t64(250.0), t64(4.0), t64(1.08)
    (p * c * t).backward()
    assert REF.shopping_forward_backward(250.0, 4.0, 1.08)[1:] == pytest.approx(
        (p.grad.item(), c.grad.item(), t.grad.item()), rel=1e-14)


def test_sigmoid_neuron_matches_autograd_and_central_differences():
    for _ in range(5):
        w, x = RNG.normal(size=3), RNG.normal(size=2)
        wt, xt = t64(w), t64(x)
        torch.sigmoid(wt[0] * xt[0] + wt[1] * xt[1] + wt[2]).backward()
        f, dw, dx = REF.sigmoid_neuron_forward_backward(w, x)
        np.testing.assert_allclose(dw, wt.grad.numpy(), rtol=1e-12)
        np.testing.assert_allclose(dx, xt.grad.numpy(), rtol=1e-12)
        assert relative_error(dw, central(lambda v: REF.sigmoid_neuron_forward_backward(v, x)[0], w)) <= 1e-7
        assert relative_error(dx, central(lambda v: REF.sigmoid_neuron_forward_backward(w, v)[0], x)) <= 1e-7


def test_gates_compose_into_the_lecture_neuron():
    w, x = [2.0, -3.0, -3.0], [-1.0, -2.0]
    m0, m1, a0, a1, s = REF.MultiplyGate(), REF.MultiplyGate(), REF.AddGate(), REF.AddGate(), REF.SigmoidGate()
    f = s.forward(a1.forward(a0.forward(m0.forward(w[0], x[0]), m1.forward(w[1], x[1])), w[2]))
    d_sum, d_w2 = a1.backward(s.backward(1.0))
    d_p0, d_p1 = a0.backward(d_sum)
    (dw0, dx0), (dw1, dx1) = m0.backward(d_p0), m1.backward(d_p1)
    f_ref, dw, dx = REF.sigmoid_neuron_forward_backward(w, x)
    assert float(f) == pytest.approx(f_ref, rel=1e-15)
    np.testing.assert_allclose([dw0, dw1, d_w2], dw, rtol=1e-15)
    np.testing.assert_allclose([dx0, dx1], dx, rtol=1e-15)


def test_gates_on_arrays_match_autograd():
    x, y, dout = RNG.normal(size=4), RNG.normal(size=4), RNG.normal(size=4)
    xt, yt = t64(x), t64(y)
    (xt * yt).backward(torch.as_tensor(dout))
    gate = REF.MultiplyGate()
    gate.forward(x, y)
    dx, dy = gate.backward(dout)
    np.testing.assert_allclose(dx, xt.grad.numpy(), rtol=1e-15)
    np.testing.assert_allclose(dy, yt.grad.numpy(), rtol=1e-15)
    zt = t64(x)
    torch.sigmoid(zt).backward(torch.as_tensor(dout))
    sig = REF.SigmoidGate()
    sig.forward(x)
    np.testing.assert_allclose(sig.backward(dout), zt.grad.numpy(), rtol=1e-12)


def test_two_layer_gradients_match_autograd_and_central_differences():
    for h, n in ((3, 4), (2, 5), (3, 2)):
        x, W1, w2, y = RNG.normal(size=n), RNG.normal(size=(h, n)), RNG.normal(size=h), float(RNG.normal())
        W1t, w2t = t64(W1), t64(w2)
        loss = (y - w2t @ torch.sigmoid(W1t @ t64(x, grad=False))) ** 2
        loss.backward()
        L, dW1, dw2 = REF.two_layer_gradients(x, W1, w2, y)
        assert L == pytest.approx(loss.item(), rel=1e-13)
        np.testing.assert_allclose(dW1, W1t.grad.numpy(), rtol=1e-11, atol=1e-15)
        np.testing.assert_allclose(dw2, w2t.grad.numpy(), rtol=1e-11, atol=1e-15)
        assert relative_error(dW1, central(lambda v: REF.two_layer_gradients(x, v, w2, y)[0], W1)) <= 1e-7
