"""The reference solutions of 01_sigmoid agree with an independent oracle (PyTorch, float64) and the lecture.

Tolerances: float64 implementations of the same function agree to a few ulps, so we ask rtol 1e-14
(~45 ulps) wherever the result is a normal float, with an absolute floor only where the oracle itself
loses relative accuracy (stated at each test).
"""
from __future__ import annotations

import math
import warnings

import matplotlib
import numpy as np
import pytest
import torch

from autograder import catalogue

matplotlib.use("Agg")

REF = catalogue.load("01_sigmoid").reference()
RTOL = 1e-14
TINY = 1e-307   # below the smallest normal float64 (2.2e-308): denormals may round to 0 in either implementation

WIDE_Z = np.concatenate([np.linspace(-1e4, 1e4, 2001), np.linspace(-50, 50, 10001),
                         [-745.0, -710.0, -709.0, -1.0, 0.0, 1.0, 709.0, 710.0, 745.0]])


def t64(a) -> torch.Tensor:
    return torch.as_tensor(np.asarray(a, dtype=np.float64))


@pytest.fixture(autouse=True)
def warnings_are_errors():
    """The reference never warns (no overflow in exp, no log(0))."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


# ---------------------------------------------------------------- lecture numbers

def test_lecture_numbers():
    assert REF.sigmoid(0.0) == 0.5 and REF.sigmoid(0) == 0.5
    assert REF.sigmoid(1.0) == pytest.approx(1 / (1 + math.exp(-1)), rel=1e-15)
    assert round(float(REF.sigmoid(1.0)), 4) == 0.7311
    # the lecture's neuron: σ(2·(−1) + (−3)·(−2) + (−3)) = σ(1)
    p = REF.predict_proba(np.array([[-1.0, -2.0]]), np.array([2.0, -3.0]), -3.0)
    assert p.shape == (1,) and p[0] == pytest.approx(0.7310585786300049, rel=1e-15)
    assert REF.sigmoid_derivative(0.0) == 0.25
    assert REF.log_odds(0.5) == 0.0
    assert REF.predict(np.array([[-1.0, -2.0]]), np.array([2.0, -3.0]), -3.0).tolist() == [1]


# ---------------------------------------------------------------- sigmoid

def test_sigmoid_matches_torch_over_a_wide_range():
    got = REF.sigmoid(WIDE_Z)
    want = torch.sigmoid(t64(WIDE_Z)).numpy()
    assert got.dtype == np.float64 and got.shape == WIDE_Z.shape
    np.testing.assert_allclose(got, want, rtol=RTOL, atol=TINY)
    assert np.all((got >= 0) & (got <= 1))
    assert REF.sigmoid(np.array([-1e4]))[0] == 0.0 and REF.sigmoid(np.array([1e4]))[0] == 1.0


def test_sigmoid_keeps_shape_and_makes_floats_from_integers():
    z = np.arange(-6, 6).reshape(3, 4)
    got = REF.sigmoid(z)
    assert got.shape == (3, 4) and got.dtype == np.float64
    np.testing.assert_allclose(got, torch.sigmoid(t64(z)).numpy(), rtol=RTOL)
    assert np.ndim(REF.sigmoid(0.5)) == 0


# ---------------------------------------------------------------- sigmoid_derivative

def autograd_sigmoid_derivative(z: np.ndarray) -> np.ndarray:
    zt = t64(z).requires_grad_()
    (grad,) = torch.autograd.grad(torch.sigmoid(zt).sum(), zt)
    return grad.numpy()


def test_sigmoid_derivative_matches_autograd():
    # torch's backward is y·(1 − y): for z ≫ 0, 1 − y cancels, leaving absolute (not relative) accuracy
    # of ~1e-16, hence the absolute floor here.
    np.testing.assert_allclose(REF.sigmoid_derivative(WIDE_Z), autograd_sigmoid_derivative(WIDE_Z),
                               rtol=1e-13, atol=1e-15)


def test_sigmoid_derivative_is_relatively_accurate_in_both_tails():
    # σ' is even; at −|z| torch's y·(1 − y) has no cancellation, so it is a relative-accuracy oracle.
    np.testing.assert_allclose(REF.sigmoid_derivative(WIDE_Z), autograd_sigmoid_derivative(-np.abs(WIDE_Z)),
                               rtol=RTOL, atol=TINY)
    assert REF.sigmoid_derivative(np.array([-1e4, 1e4])).tolist() == [0.0, 0.0]


# ---------------------------------------------------------------- log_odds

def test_log_odds_matches_torch_logit():
    p = np.concatenate([REF.sigmoid(np.linspace(-30, 30, 1001)),
                        [1e-300, 1e-100, 1e-12, 1e-6, 0.5, 1 - 1e-6, 1 - 1e-10, 1 - 1e-12, 1 - 2.0**-52]])
    np.testing.assert_allclose(REF.log_odds(p), torch.logit(t64(p)).numpy(), rtol=RTOL, atol=1e-15)


def test_log_odds_inverts_sigmoid():
    # σ(z) is rounded to float64: the round trip recovers z to ≈ 1.1e-16·e^|z| (2.5e-12 at |z| = 10).
    z = np.linspace(-10, 10, 2001)
    np.testing.assert_allclose(REF.log_odds(REF.sigmoid(z)), z, rtol=0, atol=1e-11)
    np.testing.assert_allclose(REF.log_odds(REF.sigmoid(z)), torch.logit(torch.sigmoid(t64(z))).numpy(),
                               rtol=RTOL, atol=1e-15)


# ---------------------------------------------------------------- predict_proba and predict

def torch_proba(X, w, b) -> np.ndarray:
    return torch.sigmoid(torch.nn.functional.linear(t64(X), t64(w)[None, :], t64([b]))).numpy()[:, 0]


@pytest.mark.parametrize("seed, m, n", [(0, 7, 3), (1, 1, 5), (2, 40, 2)])
def test_predict_proba_matches_torch_linear(seed, m, n):
    rng = np.random.default_rng(seed)
    X, w, b = rng.normal(size=(m, n)), rng.normal(size=n), float(rng.normal())
    got = REF.predict_proba(X, w, b)
    assert got.shape == (m,) and got.dtype == np.float64
    np.testing.assert_allclose(got, torch_proba(X, w, b), rtol=1e-13)


def test_predict_proba_integer_inputs():
    X, w = np.arange(12).reshape(4, 3) - 5, np.array([1, -2, 1])
    got = REF.predict_proba(X, w, 1)
    assert got.dtype == np.float64
    np.testing.assert_allclose(got, torch_proba(X, w, 1.0), rtol=RTOL)


@pytest.mark.parametrize("threshold", [0.3, 0.5, 0.8])
def test_predict_is_strictly_above_threshold(threshold):
    rng = np.random.default_rng(7)
    X, w, b = rng.normal(size=(50, 4)), rng.normal(size=4), 0.1
    p = torch_proba(X, w, b)
    keep = np.abs(p - threshold) > 1e-9          # away from ties, where rounding could decide
    got = REF.predict(X[keep], w, b, threshold)
    assert got.dtype == np.int64
    assert np.array_equal(got, (p[keep] > threshold).astype(np.int64))


def test_predict_gives_zero_exactly_at_the_threshold():
    X, w, b = np.array([[1.0, 0.0], [2.0, 2.0], [3.0, 0.0]]), np.array([1.0, -0.5]), -1.0
    assert REF.predict_proba(X, w, b)[:2].tolist() == [0.5, 0.5]
    assert REF.predict(X, w, b).tolist() == [0, 0, 1]


# ---------------------------------------------------------------- plot_sigmoid

def test_plot_sigmoid_draws_the_curves():
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots()
    try:
        params = [(1.0, 0.0), (3.0, -2.0), (0.5, 1.0)]
        assert REF.plot_sigmoid(ax, params) is ax
        lines = ax.get_lines()
        assert len(lines) == len(params)
        for ln, (a, b) in zip(lines, params):
            x = np.asarray(ln.get_xdata(), dtype=float)
            want = torch.sigmoid(t64(a * x + b)).numpy()
            np.testing.assert_allclose(np.asarray(ln.get_ydata(), dtype=float), want, rtol=RTOL, atol=TINY)
        assert ax.get_xlabel() and ax.get_ylabel()
        assert len({t.get_text() for t in ax.get_legend().get_texts()}) == len(params)
    finally:
        plt.close(fig)
