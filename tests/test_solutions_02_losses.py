"""The reference solutions of 02_losses agree with an independent oracle (PyTorch, float64) and the lecture.

Tolerances: float64 implementations of the same loss agree to a few ulps of the mean, so we ask rtol 1e-13
(means over up to ~100 terms) unless a test says otherwise.  Where the reference clips probabilities to
[1e-12, 1 − 1e-12] and torch clamps its logs at −100 instead, the two differ only in the clipped terms, which
the tests compare separately.
"""
from __future__ import annotations

import warnings

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from autograder import catalogue

REF = catalogue.load("02_losses").reference()
RTOL = 1e-13
RNG = np.random.default_rng(2002)


def t64(a) -> torch.Tensor:
    return torch.as_tensor(np.asarray(a, dtype=np.float64))


@pytest.fixture(autouse=True)
def warnings_are_errors():
    """The reference never warns (no overflow in exp, no log(0), no 0·inf)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


# ---------------------------------------------------------------- the lecture's numbers

def test_lecture_numbers():
    assert REF.mse([9, 7, 10], [10, 9, 8]) == 3.0                        # credit scores (001)
    assert REF.mse([39.2, 19.7], [40.5, 21.3]) == pytest.approx(2.125)   # heights (000): the sum 4.25 over n = 2
    assert REF.mse([40.1, 20.9], [40.5, 21.3]) == pytest.approx(0.16)    # the lecture's ŷ₂ (it prints 1.16)
    assert REF.mae([39.2, 19.7], [40.5, 21.3]) == pytest.approx(1.45)
    assert REF.binary_cross_entropy(np.array([0.5]), np.array([1])) == pytest.approx(np.log(2), rel=1e-15)
    np.testing.assert_allclose(REF.softmax(np.array([2.0, 1.0, 0.1])), [0.659, 0.242, 0.099], atol=5e-4)
    assert REF.one_hot(np.array([2, 0, 1]), 3).tolist() == [[0, 0, 1], [1, 0, 0], [0, 1, 0]]
    assert REF.cross_entropy(np.array([[0.2, 0.7, 0.1]]), np.array([[0, 1, 0]])) == pytest.approx(-np.log(0.7))


# ---------------------------------------------------------------- regression losses

@pytest.mark.parametrize("shape", [(1,), (7,), (4, 3), (2, 3, 5)])
def test_mse_and_mae_match_torch(shape):
    a, b = RNG.normal(size=shape), RNG.normal(size=shape)
    got_mse, got_mae = REF.mse(a, b), REF.mae(a, b)
    assert type(got_mse) is float and type(got_mae) is float
    assert got_mse == pytest.approx(F.mse_loss(t64(a), t64(b)).item(), rel=RTOL)
    assert got_mae == pytest.approx(F.l1_loss(t64(a), t64(b)).item(), rel=RTOL)


def test_integer_inputs_give_floats():
    assert REF.mse(np.array([1, 5, 2, 8]), np.array([4, 1, 2, 3])) == 12.5
    assert REF.mae(np.array([1, 5, 2, 8]), np.array([4, 1, 2, 3])) == 3.0


# ---------------------------------------------------------------- binary cross-entropy

@pytest.mark.parametrize("shape", [(1,), (9,), (3, 4)])
def test_bce_matches_torch_away_from_the_edges(shape):
    p = RNG.uniform(1e-6, 1 - 1e-6, size=shape)
    y = (RNG.uniform(size=shape) < 0.5).astype(np.float64)
    want = F.binary_cross_entropy(t64(p), t64(y)).item()
    assert REF.binary_cross_entropy(p, y) == pytest.approx(want, rel=RTOL)


def test_bce_at_the_edges_differs_from_torch_only_by_the_clipping():
    # right and certain: ~1e-12 here, exactly 0 in torch; wrong and certain: −ln(1e-12) here, 100 in torch
    assert REF.binary_cross_entropy(np.array([1.0, 0.0]), np.array([1, 0])) == pytest.approx(0.0, abs=2e-12)
    assert F.binary_cross_entropy(t64([1.0, 0.0]), t64([1.0, 0.0])).item() == 0.0
    assert REF.binary_cross_entropy(np.array([0.0]), np.array([1])) == pytest.approx(-np.log(1e-12), rel=1e-12)
    assert F.binary_cross_entropy(t64([0.0]), t64([1.0])).item() == 100.0


def test_bce_with_logits_matches_torch_to_1e_12_for_any_z():
    z = np.concatenate([RNG.normal(0, 3, size=50), [-1e4, -1000.0, -709.0, -40.0, 0.0, 40.0, 709.0, 1000.0, 1e4]])
    y = (RNG.uniform(size=z.size) < 0.5).astype(np.float64)
    want = F.binary_cross_entropy_with_logits(t64(z), t64(y)).item()
    assert REF.binary_cross_entropy_with_logits(z, y) == pytest.approx(want, rel=1e-12)


def test_bce_with_logits_equals_bce_of_the_sigmoid_for_moderate_z():
    z = RNG.normal(0, 2, size=(5, 4))
    y = (RNG.uniform(size=(5, 4)) < 0.5).astype(np.int64)
    p = torch.sigmoid(t64(z)).numpy()
    assert REF.binary_cross_entropy_with_logits(z, y) == pytest.approx(REF.binary_cross_entropy(p, y), rel=1e-12)


# ---------------------------------------------------------------- softmax, one-hot, cross-entropy

@pytest.mark.parametrize("shape", [(5,), (4, 3), (3, 3), (1, 7)])
def test_softmax_matches_torch(shape):
    z = RNG.normal(0, 3, size=shape)
    for shift in (0.0, 1000.0, -1000.0):
        got = REF.softmax(z + shift)
        assert got.dtype == np.float64 and got.shape == shape
        np.testing.assert_allclose(got, torch.softmax(t64(z + shift), dim=-1).numpy(), rtol=1e-12, atol=1e-300)
        np.testing.assert_allclose(got.sum(axis=-1), 1.0, rtol=1e-15)


def test_softmax_of_rows_far_apart_in_scale():
    z = np.array([[0.0, 1.0], [1000.0, 1001.0], [-1000.0, -1002.0]])
    np.testing.assert_allclose(REF.softmax(z), torch.softmax(t64(z), dim=-1).numpy(), rtol=1e-12)


def test_one_hot_matches_torch():
    labels = RNG.integers(0, 5, size=11)
    want = F.one_hot(torch.as_tensor(labels), num_classes=5).numpy().astype(np.float64)
    got = REF.one_hot(labels, 5)
    assert got.dtype == np.float64 and np.array_equal(got, want)
    assert REF.one_hot(np.array([], dtype=np.int64), 4).shape == (0, 4)


def test_cross_entropy_matches_torch_from_scores():
    scores = RNG.normal(0, 2, size=(6, 4))
    labels = RNG.integers(0, 4, size=6)
    probs = REF.softmax(scores)
    want = F.cross_entropy(t64(scores), torch.as_tensor(labels)).item()
    assert REF.cross_entropy(probs, REF.one_hot(labels, 4)) == pytest.approx(want, rel=1e-12)


def test_cross_entropy_with_two_classes_is_the_binary_cross_entropy():
    p = RNG.uniform(0.01, 0.99, size=8)
    labels = (RNG.uniform(size=8) < 0.5).astype(np.int64)
    got = REF.cross_entropy(np.column_stack([1 - p, p]), REF.one_hot(labels, 2))
    assert got == pytest.approx(REF.binary_cross_entropy(p, labels), rel=RTOL)


def test_cross_entropy_with_zero_probabilities_stays_finite():
    probs = np.array([[0.0, 1.0, 0.0], [0.25, 0.75, 0.0]])
    assert REF.cross_entropy(probs, REF.one_hot(np.array([1, 1]), 3)) == pytest.approx(-np.log(0.75) / 2)
    assert REF.cross_entropy(np.array([[0.0, 1.0, 0.0]]), np.array([[1.0, 0.0, 0.0]])) == pytest.approx(
        -np.log(1e-12))
