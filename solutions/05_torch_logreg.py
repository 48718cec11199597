"""Reference solutions for assignment 05_torch_logreg.

Each function or class here is also the body of its solution cell in
source/05_torch_logreg/05_torch_logreg.ipynb (a test keeps the two identical).
Conventions: X is a float32 tensor of shape (m, n), one row per example; y and
every prediction are float32 tensors of shape (m, 1); the model outputs
probabilities.
"""
import numpy as np
import torch
from torch import nn


def to_tensors(X, y):
    """float32 tensors X of shape (m, n) and y of shape (m, 1), from numpy arrays of any numeric dtype."""
    X_t = torch.tensor(np.asarray(X), dtype=torch.float32)
    y_t = torch.tensor(np.asarray(y), dtype=torch.float32).reshape(-1, 1)
    return X_t, y_t


class LogisticRegression(nn.Module):
    """p = σ(x·w + b): one linear layer, then the sigmoid; forward returns probabilities of shape (m, 1)."""

    def __init__(self, n_features):
        super().__init__()
        self.linear = nn.Linear(n_features, 1)

    def forward(self, x):
        return torch.sigmoid(self.linear(x))


def train(model, X, y, lr=0.1, epochs=100):
    """Full-batch gradient descent (SGD at rate lr) on the binary cross-entropy; the loss before each step."""
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    loss_fn = nn.BCELoss()
    losses = []
    model.train()
    for _ in range(epochs):
        optimizer.zero_grad()          # forget the previous step's gradients
        loss = loss_fn(model(X), y)    # forward, then the loss
        loss.backward()                # autograd: d loss / d parameter, into each .grad
        optimizer.step()               # w <- w - lr * w.grad, for every parameter
        losses.append(loss.item())
    return losses


def predict(model, X, threshold=0.5):
    """Labels 0.0/1.0 of shape (m, 1): 1.0 where the probability is above the threshold; no graph, eval mode."""
    was_training = model.training
    model.eval()
    with torch.no_grad():
        probabilities = model(X)
    model.train(was_training)
    return (probabilities > threshold).float()


def accuracy(y_pred, y_true):
    """The share of examples whose predicted label equals the true label, a Python float in [0, 1]."""
    return (y_pred.reshape(-1) == y_true.reshape(-1)).float().mean().item()
