"""Reference solutions for assignment 03_gradients.

Each function here is also the body of its solution cell in
source/03_gradients/03_gradients.ipynb (a test keeps the two identical).
Conventions: X has shape (m, n), one row per example; w has shape (n,);
b is a float; a parameter vector theta is 1-D; every gradient has the shape
of what it differentiates.
"""
import numpy as np


def numerical_gradient(f, x, h=1e-5):
    """Central differences: ∂f/∂x_i ≈ (f(x + h·e_i) − f(x − h·e_i)) / 2h, for x of any shape."""
    x = np.array(x, dtype=np.float64)  # a copy: the caller's array is never touched
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        original = x[i]
        x[i] = original + h
        f_plus = f(x)
        x[i] = original - h
        f_minus = f(x)
        x[i] = original
        grad[i] = (f_plus - f_minus) / (2 * h)
    return grad


def mse_gradients(X, y, w, b):
    """(dw, db) of J = mean((Xw + b − y)²): dw = (2/m) Xᵀr, db = (2/m) Σ r with r = Xw + b − y."""
    X = np.asarray(X, dtype=np.float64)
    r = X @ np.asarray(w, dtype=np.float64) + b - np.asarray(y, dtype=np.float64)
    return 2.0 * (X.T @ r) / X.shape[0], float(2.0 * np.mean(r))


def gradient_descent(grad_fn, theta0, lr, steps):
    """The trajectory θ_0, θ_1, …, θ_steps of θ ← θ − lr·grad_fn(θ), one row per step."""
    theta = np.array(theta0, dtype=np.float64)
    path = [theta.copy()]
    for _ in range(steps):
        theta = theta - lr * np.asarray(grad_fn(theta), dtype=np.float64)
        path.append(theta.copy())
    return np.array(path)


def normal_equation(X, y):
    """(w, b) minimising Σ(Xw + b − y)², by least squares on [X, 1]; the minimum-norm one if it is not unique."""
    X = np.asarray(X, dtype=np.float64)
    A = np.column_stack([X, np.ones(X.shape[0])])
    theta = np.linalg.lstsq(A, np.asarray(y, dtype=np.float64), rcond=None)[0]
    return theta[:-1], float(theta[-1])


def logistic_gradients(X, y, w, b):
    """(dw, db) of the mean binary cross-entropy of a = σ(Xw + b): dz = a − y, dw = Xᵀdz / m, db = mean(dz)."""
    X = np.asarray(X, dtype=np.float64)
    z = X @ np.asarray(w, dtype=np.float64) + b
    a = np.exp(-np.logaddexp(0.0, -z))  # σ(z), stable for any z
    dz = a - np.asarray(y, dtype=np.float64)
    return X.T @ dz / X.shape[0], float(np.mean(dz))


def train_logistic_regression(X, y, lr, steps):
    """Batch gradient descent from w = 0, b = 0; returns (w, b, costs), costs[k] the cost before update k."""
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    m, n = X.shape
    w, b = np.zeros(n), 0.0
    costs = []
    for _ in range(steps):
        z = X @ w + b
        costs.append(float(np.mean(np.maximum(z, 0) - y * z + np.log1p(np.exp(-np.abs(z))))))
        dz = np.exp(-np.logaddexp(0.0, -z)) - y  # σ(z) − y
        w = w - lr * (X.T @ dz) / m
        b = b - lr * float(np.mean(dz))
    return w, float(b), np.array(costs)
