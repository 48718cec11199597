"""The reference solutions of 03_gradients agree with independent oracles (PyTorch autograd and torch.optim.SGD
in float64, numpy's least squares, the closed form) and with the lecture's corrected table.

Tolerances: analytic gradients agree with autograd to a few ulps (rtol 1e-12); a central difference with
h = 1e-5 agrees with the exact gradient to ~1e-9 on these smooth functions (its error is ~h²·f''' plus the
rounding of f/h).
"""
from __future__ import annotations

import warnings

import numpy as np
import pytest
import torch

from autograder import catalogue
from autograder.grading import handed_functions

REF = catalogue.load("03_gradients").reference()
RNG = np.random.default_rng(3003)
LECTURE = {"x": [0.0, 1.0, 1.0], "y": [0.0, 1.0, 2.0]}


@pytest.fixture(autouse=True)
def warnings_are_errors():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


def t64(a, grad=False) -> torch.Tensor:
    return torch.tensor(np.asarray(a, dtype=np.float64), requires_grad=grad)


# ---------------------------------------------------------------- the lecture, corrected

def test_gradient_descent_reproduces_the_corrected_lecture_table():
    grad = handed_functions.build("linear_least_squares_gradient", LECTURE)
    path = REF.gradient_descent(grad, np.array([1.0, 1.0]), 0.1, 100)
    np.testing.assert_allclose(path[:5], [[1, 1], [0.6, 0.8], [0.52, 0.84], [0.472, 0.896], [0.4304, 0.9488]],
                               rtol=1e-12)
    np.testing.assert_allclose(path[100], [6.4202e-05, 1.4999178], rtol=1e-4)
    assert path[2, 0] != pytest.approx(0.54)  # the lecture's slip: 0.6 − 0.1·(4·0.8 + 6·0.6 − 6) is 0.52
    w, b = REF.normal_equation(np.array([[0.0], [1.0], [1.0]]), np.array([0.0, 1.0, 2.0]))
    assert w[0] == pytest.approx(1.5, rel=1e-12) and b == pytest.approx(0.0, abs=1e-12)


def test_the_lecture_loss_expands_as_the_lecture_says():
    loss = handed_functions.build("linear_least_squares", LECTURE)
    for w0, w1 in RNG.normal(size=(5, 2)):
        expanded = 3 * w0**2 + 2 * w1**2 + 4 * w0 * w1 - 6 * w0 - 6 * w1 + 5
        assert loss(np.array([w0, w1])) == pytest.approx(expanded, rel=1e-12)


# ---------------------------------------------------------------- gradients against autograd

def test_numerical_gradient_matches_autograd():
    A, b = RNG.normal(size=(6, 6)), RNG.normal(size=6)
    x = RNG.normal(size=(2, 3))
    f = handed_functions.build("quadratic_form", {"A": A.tolist(), "b": b.tolist()})
    xt = t64(x.ravel(), grad=True)
    (xt @ t64(A) @ xt + t64(b) @ xt).backward()
    got = REF.numerical_gradient(f, x)
    assert got.shape == (2, 3) and f.calls == 12
    np.testing.assert_allclose(got.ravel(), xt.grad.numpy(), rtol=1e-8, atol=1e-9)
    sines = handed_functions.build("sum_of_sines", {"amplitudes": [1.0, 2.0], "frequencies": [3.0, 0.5]})
    np.testing.assert_allclose(REF.numerical_gradient(sines, np.array([0.2, -1.0])),
                               [3 * np.cos(0.6), 1.0 * np.cos(-0.5)], rtol=1e-8)


def test_mse_gradients_match_autograd():
    X, y, w = RNG.normal(size=(9, 4)), RNG.normal(size=9), RNG.normal(size=4)
    wt, bt = t64(w, grad=True), t64(0.3, grad=True)
    torch.mean((t64(X) @ wt + bt - t64(y)) ** 2).backward()
    dw, db = REF.mse_gradients(X, y, w, 0.3)
    np.testing.assert_allclose(dw, wt.grad.numpy(), rtol=1e-12)
    assert type(db) is float and db == pytest.approx(bt.grad.item(), rel=1e-12)


def test_logistic_gradients_match_autograd_also_for_huge_scores():
    for scale in (1.0, 300.0):
        X, w = scale * RNG.normal(size=(8, 3)), RNG.normal(size=3)
        y = (RNG.uniform(size=8) < 0.5).astype(np.float64)
        wt, bt = t64(w, grad=True), t64(-0.4, grad=True)
        torch.nn.functional.binary_cross_entropy_with_logits(t64(X) @ wt + bt, t64(y)).backward()
        dw, db = REF.logistic_gradients(X, y, w, -0.4)
        np.testing.assert_allclose(dw, wt.grad.numpy(), rtol=1e-12, atol=1e-15)
        assert db == pytest.approx(bt.grad.item(), rel=1e-12, abs=1e-15)


# ---------------------------------------------------------------- the fits against other solvers

def test_normal_equation_matches_lstsq_and_pinv_even_when_singular():
    X = RNG.normal(size=(12, 3))
    y = X @ [1.0, -2.0, 0.5] + 2.5 + 0.1 * RNG.normal(size=12)
    w, b = REF.normal_equation(X, y)
    A = np.column_stack([X, np.ones(12)])
    np.testing.assert_allclose(np.append(w, b), np.linalg.solve(A.T @ A, A.T @ y), rtol=1e-10)
    repeated = np.column_stack([X, X[:, 0]])
    w, b = REF.normal_equation(repeated, y)
    theta = np.linalg.pinv(np.column_stack([repeated, np.ones(12)])) @ y
    np.testing.assert_allclose(np.append(w, b), theta, rtol=1e-8, atol=1e-10)   # the same minimum-norm solution


def test_training_matches_torch_sgd():
    X = RNG.normal(size=(30, 2))
    y = (X @ [1.0, -1.0] + 0.5 * RNG.normal(size=30) > 0).astype(np.float64)
    w, b, costs = REF.train_logistic_regression(X, y, 0.5, 40)
    model = torch.nn.Linear(2, 1, dtype=torch.float64)
    torch.nn.init.zeros_(model.weight)
    torch.nn.init.zeros_(model.bias)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.5)
    torch_costs = []
    for _ in range(40):
        optimizer.zero_grad()
        loss = torch.nn.functional.binary_cross_entropy_with_logits(model(t64(X)).squeeze(1), t64(y))
        torch_costs.append(loss.item())
        loss.backward()
        optimizer.step()
    np.testing.assert_allclose(costs, torch_costs, rtol=1e-12)
    np.testing.assert_allclose(w, model.weight.detach().numpy()[0], rtol=1e-11)
    assert b == pytest.approx(model.bias.item(), rel=1e-11)
    assert costs[0] == pytest.approx(np.log(2), rel=1e-15) and np.all(np.diff(costs) < 0)


def test_families_count_their_calls():
    f = handed_functions.build("quadratic", {"center": [1.0, 2.0]})
    assert (f(np.array([1.0, 2.0])), f([0.0, 0.0]), f.calls) == (0.0, 5.0, 2)
