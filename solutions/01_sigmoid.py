"""Reference solutions for assignment 01_sigmoid.

Each function here is also the body of its solution cell in
source/01_sigmoid/01_sigmoid.ipynb (a test keeps the two identical).
Conventions: X has shape (m, n), one row per example; w has shape (n,);
b is a float.
"""
import numpy as np


def sigmoid(z):
    """σ(z) = 1 / (1 + e^(−z)), elementwise, without overflow for any z."""
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(-np.abs(z))  # never overflows: the exponent is <= 0
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_derivative(z):
    """σ'(z) = σ(z) · (1 − σ(z)) = σ(z) · σ(−z)."""
    return sigmoid(z) * sigmoid(-np.asarray(z, dtype=np.float64))


def log_odds(p):
    """ln(p / (1 − p)): turns a probability back into the score z with σ(z) = p."""
    p = np.asarray(p, dtype=np.float64)
    return np.log(p) - np.log1p(-p)


def predict_proba(X, w, b):
    """σ(Xw + b): the probability of class 1 for each of the m rows of X."""
    X = np.asarray(X, dtype=np.float64)
    w = np.asarray(w, dtype=np.float64)
    return sigmoid(X @ w + b)


def predict(X, w, b, threshold=0.5):
    """1 where the probability is strictly greater than threshold, else 0 (integers)."""
    return (predict_proba(X, w, b) > threshold).astype(np.int64)


def plot_sigmoid(ax, params):
    """Draw σ(a·x + b) for each (a, b) in params on ax, with a legend and axis labels."""
    x = np.linspace(-10, 10, 201)
    for a, b in params:
        ax.plot(x, sigmoid(a * x + b), label=f"a={a}, b={b}")
    ax.set_xlabel("x")
    ax.set_ylabel("σ(ax + b)")
    ax.legend()
    return ax
