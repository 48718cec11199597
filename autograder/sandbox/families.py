"""Values the grader can hand to student code, built inside the sandbox.

A grader asks for ``Family("quadratic", {...})`` (a function) or
``student.make("axes")`` (a fresh matplotlib Axes to draw on); the sandbox
builds the value from this table.  No grader code ever crosses into the
sandbox, and the student cannot learn more than the function's values.
"""
from __future__ import annotations

from typing import Any, Callable

import numpy as np


def _quadratic(center: list[float], scale: float = 1.0) -> Callable:
    """f(x) = scale * ||x - center||^2 (one minimum, at center)."""
    c = np.asarray(center, dtype=float)
    return lambda x: float(scale * np.sum((np.asarray(x, dtype=float) - c) ** 2))


def _quadratic_gradient(center: list[float], scale: float = 1.0) -> Callable:
    """Gradient of ``_quadratic``: 2 * scale * (x - center)."""
    c = np.asarray(center, dtype=float)
    return lambda x: 2.0 * scale * (np.asarray(x, dtype=float) - c)


def _polynomial(coefficients: list[float]) -> Callable:
    """p(x) = sum_k coefficients[k] * x**k, elementwise."""
    return lambda x: np.polynomial.polynomial.polyval(np.asarray(x, dtype=float), coefficients)


def _linear_least_squares_gradient(x: list[float], y: list[float]) -> Callable:
    """Gradient of L(w0, w1) = sum (y - w1 x - w0)^2 with theta = (w0, w1)."""
    xs, ys = np.asarray(x, dtype=float), np.asarray(y, dtype=float)

    def grad(theta):
        w0, w1 = np.asarray(theta, dtype=float)
        r = ys - w1 * xs - w0
        return np.array([-2.0 * r.sum(), -2.0 * (r * xs).sum()])
    return grad


def _axes() -> Any:
    """A fresh matplotlib Axes on its own figure (Agg backend: nothing is shown)."""
    import matplotlib.pyplot as plt
    plt.close("all")
    return plt.subplots()[1]


FAMILIES: dict[str, Callable[..., Callable]] = {
    "quadratic": _quadratic,
    "quadratic_gradient": _quadratic_gradient,
    "polynomial": _polynomial,
    "linear_least_squares_gradient": _linear_least_squares_gradient,
    "axes": _axes,
}


def build(name: str, params: dict[str, Any]) -> Callable:
    if name not in FAMILIES:
        raise ValueError(f"unknown function family {name!r}")
    return FAMILIES[name](**params)
