"""Reference solutions for assignment 02_losses.

Each function here is also the body of its solution cell in
source/02_losses/02_losses.ipynb (a test keeps the two identical).
Conventions: m examples; probabilities in [0, 1]; 0/1 labels; for K classes,
scores and probabilities of shape (m, K), one row per example.
"""
import numpy as np


def mse(y_pred, y_true):
    """Mean squared error: the mean of (ŷ − y)² over all elements, as a float."""
    diff = np.asarray(y_pred, dtype=np.float64) - np.asarray(y_true, dtype=np.float64)
    return float(np.mean(diff ** 2))


def mae(y_pred, y_true):
    """Mean absolute error: the mean of |ŷ − y| over all elements, as a float."""
    diff = np.asarray(y_pred, dtype=np.float64) - np.asarray(y_true, dtype=np.float64)
    return float(np.mean(np.abs(diff)))


def binary_cross_entropy(p, y):
    """Mean of −[y ln p + (1 − y) ln(1 − p)], with p clipped to [1e-12, 1 − 1e-12] so log(0) never happens."""
    p = np.clip(np.asarray(p, dtype=np.float64), 1e-12, 1 - 1e-12)
    y = np.asarray(y, dtype=np.float64)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log1p(-p)))


def binary_cross_entropy_with_logits(z, y):
    """The same loss from scores z = logit(p): mean of max(z, 0) − y·z + ln(1 + e^(−|z|)), never forming σ(z)."""
    z = np.asarray(z, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    return float(np.mean(np.maximum(z, 0) - y * z + np.log1p(np.exp(-np.abs(z)))))


def softmax(z):
    """e^z / Σ e^z along the last axis; each row's max is subtracted first, so e^(...) never overflows."""
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(z - np.max(z, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)


def one_hot(labels, num_classes):
    """A float64 (m, num_classes) array with a single 1.0 per row, at column labels[i]."""
    labels = np.asarray(labels, dtype=np.int64)
    encoded = np.zeros((labels.shape[0], num_classes), dtype=np.float64)
    encoded[np.arange(labels.shape[0]), labels] = 1.0
    return encoded


def cross_entropy(probs, y_onehot):
    """Mean over the m rows of −Σ_k y_k ln p_k; p is clipped to [1e-12, 1] so a 0 probability stays finite."""
    p = np.clip(np.asarray(probs, dtype=np.float64), 1e-12, 1.0)
    y = np.asarray(y_onehot, dtype=np.float64)
    return float(-np.mean(np.sum(y * np.log(p), axis=-1)))
