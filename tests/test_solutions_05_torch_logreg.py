"""The reference solutions of 05_torch_logreg agree with independent oracles: numpy in float64 (σ(Xwᵀ + b), the
hand-derived gradient dz = a − y of notebook 03), torch's own loss from logits and a float64 SGD run; and they reach
the test accuracy the notebook quotes on the shipped credit-default data.  The data files are what the seeded
generator makes.
"""
from __future__ import annotations

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from autograder import catalogue
from autograder.graders import datasets

REF = catalogue.load("05_torch_logreg").reference()
RNG = np.random.default_rng(5005)


def sigmoid64(z):
    return np.exp(-np.logaddexp(0.0, -np.asarray(z, dtype=np.float64)))


def model_with(weight, bias):
    model = REF.LogisticRegression(np.shape(weight)[1])
    with torch.no_grad():
        model.linear.weight.copy_(torch.tensor(weight, dtype=torch.float32))
        model.linear.bias.copy_(torch.tensor(bias, dtype=torch.float32))
    return model


def test_the_shipped_data_is_what_the_generator_makes():
    for name, text in datasets.credit_default_files().items():
        assert (datasets.CREDIT_DEFAULT_DIR / name).read_text(encoding="utf-8") == text, \
            f"{name} differs from the generator's output: run python -m autograder.graders.datasets"
    X, y = datasets.load_credit_default("train")
    assert X.shape == (200, 2) and y.shape == (200,)
    assert set(np.unique(y)) == {0.0, 1.0} and (X[:, 1][X[:, 0] == 0] == 0).all()  # no overdue payment, no amount


@pytest.mark.parametrize("dtype", [np.float64, np.float32, np.int64, np.int32])
def test_to_tensors_gives_float32_with_y_a_column(dtype):
    X = (RNG.normal(size=(7, 3)) * 10).astype(dtype)
    for y in (np.arange(7) % 2, (np.arange(7) % 2).reshape(-1, 1), np.arange(7) % 2 == 1):
        X_t, y_t = REF.to_tensors(X, y)
        assert X_t.dtype == y_t.dtype == torch.float32 and not X_t.requires_grad
        assert X_t.shape == (7, 3) and y_t.shape == (7, 1)
        np.testing.assert_array_equal(X_t.numpy(), X.astype(np.float32))
        np.testing.assert_array_equal(y_t.numpy().ravel(), np.ravel(y).astype(np.float32))


def test_forward_is_the_sigmoid_of_the_linear_score():
    X, w, b = RNG.normal(size=(9, 4)), RNG.normal(size=(1, 4)), RNG.normal(size=1)
    model = model_with(w, b)
    p = model(torch.tensor(X, dtype=torch.float32))
    assert p.shape == (9, 1) and p.dtype == torch.float32 and p.requires_grad
    expected = sigmoid64(X.astype(np.float32).astype(np.float64) @ w.astype(np.float32).T + b.astype(np.float32))
    np.testing.assert_allclose(p.detach().numpy(), expected, rtol=1.3e-6, atol=1e-5)
    torch.testing.assert_close(p, torch.sigmoid(F.linear(torch.tensor(X, dtype=torch.float32),
                                                         model.linear.weight, model.linear.bias)))


def test_autograd_gives_notebook_03s_gradient_dz_equals_a_minus_y():
    X, y = datasets.load_credit_default("train")
    w, b = np.array([[0.2, -0.3]]), np.array([0.1])
    model = model_with(w, b)
    X_t, y_t = REF.to_tensors(X, y)
    torch.nn.BCELoss()(model(X_t), y_t).backward()
    a = sigmoid64(X @ w.ravel() + b[0])
    np.testing.assert_allclose(model.linear.weight.grad.numpy().ravel(), X.T @ (a - y) / len(y), rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(model.linear.bias.grad.item(), np.mean(a - y), rtol=1e-5, atol=1e-6)


def test_train_is_sgd_on_the_loss_from_logits_in_float64():
    """An independent run: float64, nn.Linear, torch's BCE with logits, a fresh SGD; losses before each step."""
    X, y = RNG.normal(size=(15, 3)), (RNG.random(15) < 0.4).astype(float)
    w, b = RNG.normal(size=(1, 3)), RNG.normal(size=1)
    losses = REF.train(model := model_with(w, b), *REF.to_tensors(X, y), lr=0.3, epochs=25)

    oracle = torch.nn.Linear(3, 1).double()
    with torch.no_grad():
        oracle.weight.copy_(torch.tensor(w.astype(np.float32), dtype=torch.float64))
        oracle.bias.copy_(torch.tensor(b.astype(np.float32), dtype=torch.float64))
    optimizer = torch.optim.SGD(oracle.parameters(), lr=0.3)
    X64, y64 = torch.tensor(X.astype(np.float32), dtype=torch.float64), torch.tensor(y).reshape(-1, 1)
    expected = []
    for _ in range(25):
        optimizer.zero_grad()
        loss = F.binary_cross_entropy_with_logits(oracle(X64), y64)
        loss.backward()
        optimizer.step()
        expected.append(loss.item())
    assert all(type(v) is float for v in losses) and len(losses) == 25
    np.testing.assert_allclose(losses, expected, rtol=1e-5)
    np.testing.assert_allclose(model.linear.weight.detach().numpy(), oracle.weight.detach().numpy(), rtol=1e-5)
    assert model.training


def test_training_on_the_credit_data_reaches_the_notebooks_accuracy():
    """The numbers notebook 05 quotes: from zero weights, lr = 0.1, 1000 epochs: ln 2 first, 86% train, 84% test."""
    X_train, y_train = REF.to_tensors(*datasets.load_credit_default("train"))
    X_test, y_test = REF.to_tensors(*datasets.load_credit_default("test"))
    model = model_with([[0.0, 0.0]], [0.0])
    losses = REF.train(model, X_train, y_train, lr=0.1, epochs=1000)
    assert losses[0] == pytest.approx(np.log(2), rel=1e-6)
    assert all(later <= earlier + 1e-7 for earlier, later in zip(losses, losses[1:]))
    assert REF.accuracy(REF.predict(model, X_train), y_train) == pytest.approx(0.86)
    assert REF.accuracy(REF.predict(model, X_test), y_test) == pytest.approx(0.84)


def test_predict_is_strict_builds_no_graph_and_restores_the_mode():
    model = model_with([[1.0, -1.0]], [0.0])
    X = torch.tensor([[2.0, 2.0], [3.0, 1.0], [1.0, 3.0]])
    for training in (True, False):
        model.train(training)
        labels = REF.predict(model, X)
        assert model.training is training
        assert labels.dtype == torch.float32 and not labels.requires_grad and labels.grad_fn is None
        np.testing.assert_array_equal(labels.numpy(), [[0.0], [1.0], [0.0]])  # p = 0.5 exactly gives 0
    np.testing.assert_array_equal(REF.predict(model, X, threshold=0.2).numpy(), [[1.0], [1.0], [0.0]])


def test_accuracy_compares_element_by_element():
    y_pred = torch.tensor([[1.0], [0.0], [1.0], [1.0]])
    for y_true in (torch.tensor([1.0, 1.0, 1.0, 0.0]), torch.tensor([[1.0], [1.0], [1.0], [0.0]])):
        got = REF.accuracy(y_pred, y_true)
        assert type(got) is float and got == 0.5
        assert got == float(np.mean(y_pred.numpy().ravel() == y_true.numpy().ravel()))
