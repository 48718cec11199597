"""Functions the graders hand to student code, living in the grading process (e.g. 03's numerical gradient).

``student.function("quadratic_form", A=..., b=...)`` gives a ``CountedFunction``; passed to the student's
code, it arrives there as a stub whose every call comes back here (``wire.Callback``), so its call count
is the grader's own and no code of it runs in the sandbox.  The graders compute expected values with the
same functions.
"""
from __future__ import annotations

from typing import Any, Callable

import numpy as np


class CountedFunction:
    """A function of one array, handed to student code; ``calls`` counts how often it was called."""

    def __init__(self, name: str, f: Callable[[np.ndarray], Any]):
        self.name, self._f, self.calls = name, f, 0

    def __call__(self, x: Any) -> Any:
        self.calls += 1
        return self._f(np.asarray(x, dtype=np.float64))


def _flat(x: np.ndarray) -> np.ndarray:
    return np.asarray(x, dtype=np.float64).ravel()


def _quadratic(center: list[float], scale: float = 1.0) -> Callable:
    """f(x) = scale * ||x - center||^2 (one minimum, at center)."""
    c = np.asarray(center, dtype=float)
    return lambda x: float(scale * np.sum((x - c) ** 2))


def _quadratic_gradient(center: list[float], scale: float = 1.0) -> Callable:
    """Gradient of ``_quadratic``: 2 * scale * (x - center)."""
    c = np.asarray(center, dtype=float)
    return lambda x: 2.0 * scale * (x - c)


def _quadratic_form(A: list[list[float]], b: list[float], c: float = 0.0) -> Callable:
    """f(x) = x·Ax + b·x + c over the elements of x (any shape with len(b) elements); gradient (A + Aᵀ)x + b."""
    A_, b_ = np.asarray(A, dtype=float), np.asarray(b, dtype=float)
    return lambda x: float(_flat(x) @ A_ @ _flat(x) + b_ @ _flat(x) + c)


def _sum_of_sines(amplitudes: list[float], frequencies: list[float]) -> Callable:
    """f(x) = Σ a_i sin(k_i x_i) over the elements of x; ∂f/∂x_i = a_i k_i cos(k_i x_i)."""
    a, k = np.asarray(amplitudes, dtype=float), np.asarray(frequencies, dtype=float)
    return lambda x: float(np.sum(a * np.sin(k * _flat(x))))


def _polynomial(coefficients: list[float]) -> Callable:
    """p(x) = sum_k coefficients[k] * x**k, elementwise."""
    return lambda x: np.polynomial.polynomial.polyval(x, coefficients)


def _residuals(x: list[float], y: list[float], theta: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    xs, ys = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    w0, w1 = _flat(theta)
    return ys - w1 * xs - w0, xs


def _linear_least_squares(x: list[float], y: list[float]) -> Callable:
    """L(w0, w1) = Σ (y - w1 x - w0)^2 with theta = (w0, w1): the lecture's loss."""
    return lambda theta: float(np.sum(_residuals(x, y, theta)[0] ** 2))


def _linear_least_squares_gradient(x: list[float], y: list[float]) -> Callable:
    """Gradient of ``_linear_least_squares``: (−2 Σ r, −2 Σ r x) with r = y − w1 x − w0."""
    def grad(theta):
        r, xs = _residuals(x, y, theta)
        return np.array([-2.0 * r.sum(), -2.0 * (r * xs).sum()])
    return grad


def _logistic_cost_gradient(X: list[list[float]], y: list[float]) -> Callable:
    """Gradient of the mean binary cross-entropy of σ(Xw + b) with theta = (w_1, …, w_n, b)."""
    X_, y_ = np.asarray(X, dtype=float), np.asarray(y, dtype=float)

    def grad(theta):
        theta = _flat(theta)
        a = np.exp(-np.logaddexp(0.0, -(X_ @ theta[:-1] + theta[-1])))
        return np.append(X_.T @ (a - y_), np.sum(a - y_)) / len(y_)
    return grad


FUNCTIONS: dict[str, Callable[..., Callable]] = {
    "quadratic": _quadratic,
    "quadratic_gradient": _quadratic_gradient,
    "quadratic_form": _quadratic_form,
    "sum_of_sines": _sum_of_sines,
    "polynomial": _polynomial,
    "linear_least_squares": _linear_least_squares,
    "linear_least_squares_gradient": _linear_least_squares_gradient,
    "logistic_cost_gradient": _logistic_cost_gradient,
}


def build(name: str, params: dict[str, Any]) -> CountedFunction:
    """The counted function named ``name``, made from ``params``."""
    if name not in FUNCTIONS:
        raise ValueError(f"unknown function family {name!r}")
    return CountedFunction(name, FUNCTIONS[name](**params))
