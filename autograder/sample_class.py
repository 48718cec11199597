"""A small, realistic class for ``autograder demo`` and the kit's tests.

Every student starts from the release notebook and fills its solution cells
(the reference code, or a mistake students really make); a few are hostile
or broken files.  Each entry says what the grader should find.
"""
from __future__ import annotations

import inspect
import json
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from autograder.catalogue import Assignment


@dataclass(frozen=True)
class SampleStudent:
    id: str
    story: str  # what this student did, in one line
    answers: dict[str, str] = field(default_factory=dict)  # problem id -> source of its solution cell
    extra_cells: tuple[str, ...] = ()  # code cells appended after the last cell
    raw: str | None = None  # the file's whole content, for broken files
    blank: bool = False  # hand in the release untouched


# ------------------------------------------------------------ 01_sigmoid: mistakes students make

NAIVE_SIGMOID = '''def sigmoid(z):
    return 1 / (1 + np.exp(-z))
'''
SIGN_ERROR = '''def sigmoid(z):
    z = np.asarray(z, dtype=float)
    return np.where(z >= 0, 1 / (1 + np.exp(z)), np.exp(-z) / (1 + np.exp(-z)))
'''
LOG10 = '''def log_odds(p):
    p = np.asarray(p, dtype=float)
    return np.log10(p / (1 - p))
'''
NO_BIAS = '''def predict_proba(X, w, b):
    return sigmoid(np.asarray(X, dtype=float) @ np.asarray(w, dtype=float))
'''
GREATER_EQUAL = '''def predict(X, w, b, threshold=0.5):
    return (predict_proba(X, w, b) >= threshold).astype(int)
'''
BOOL_PREDICT = '''def predict(X, w, b, threshold=0.5):
    return predict_proba(X, w, b) > threshold
'''
NO_LEGEND = '''def plot_sigmoid(ax, params):
    x = np.linspace(-10, 10, 100)
    for a, b in params:
        ax.plot(x, sigmoid(a * x + b))
    return ax
'''

# ------------------------------------------------------------ 02_losses: mistakes students make

MSE_SUMMED = '''def mse(y_pred, y_true):
    return float(np.sum((np.asarray(y_pred) - np.asarray(y_true)) ** 2))
'''
MAE_NO_ABS = '''def mae(y_pred, y_true):
    return float(np.mean(np.asarray(y_pred) - np.asarray(y_true)))
'''
BCE_UNCLIPPED = '''def binary_cross_entropy(p, y):
    p = np.asarray(p, dtype=float)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
'''
LOGITS_THROUGH_SIGMOID = '''def binary_cross_entropy_with_logits(z, y):
    p = 1 / (1 + np.exp(-np.asarray(z, dtype=float)))
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
'''
SOFTMAX_NO_SHIFT = '''def softmax(z):
    e = np.exp(np.asarray(z, dtype=float))
    return e / e.sum(axis=-1, keepdims=True)
'''
SOFTMAX_COLUMNS = '''def softmax(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(z - z.max(axis=0, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)
'''
ONE_HOT_INT = '''def one_hot(labels, num_classes):
    encoded = np.zeros((len(labels), num_classes), dtype=int)
    encoded[np.arange(len(labels)), labels] = 1
    return encoded
'''
CE_SUMMED = '''def cross_entropy(probs, y_onehot):
    p = np.clip(np.asarray(probs, dtype=float), 1e-12, 1.0)
    return float(-np.sum(y_onehot * np.log(p)))
'''

# ------------------------------------------------------------ 03_gradients: mistakes students make

FORWARD_DIFFERENCE = '''def numerical_gradient(f, x, h=1e-5):
    x = np.array(x, dtype=float)
    grad = np.zeros_like(x)
    fx = f(x)
    for i in np.ndindex(x.shape):
        step = np.zeros_like(x)
        step[i] = h
        grad[i] = (f(x + step) - fx) / h
    return grad
'''
MSE_GRADS_NO_2 = '''def mse_gradients(X, y, w, b):
    r = np.asarray(X) @ w + b - y
    return np.asarray(X).T @ r / len(y), float(np.mean(r))
'''
GD_ALIASED_ROWS = '''def gradient_descent(grad_fn, theta0, lr, steps):
    theta = np.array(theta0, dtype=float)
    path = [theta]
    for _ in range(steps):
        theta -= lr * grad_fn(theta)
        path.append(theta)
    return np.array(path)
'''
GD_ONE_STEP_SHORT = '''def gradient_descent(grad_fn, theta0, lr, steps):
    theta = np.array(theta0, dtype=float)
    path = [theta]
    for _ in range(steps - 1):
        theta = theta - lr * grad_fn(theta)
        path.append(theta)
    return np.array(path)
'''
NO_INTERCEPT = '''def normal_equation(X, y):
    X = np.asarray(X, dtype=float)
    return np.linalg.inv(X.T @ X) @ X.T @ y, 0.0
'''
INV_NORMAL_EQUATION = '''def normal_equation(X, y):
    A = np.column_stack([np.asarray(X, dtype=float), np.ones(len(X))])
    theta = np.linalg.inv(A.T @ A) @ A.T @ y
    return theta[:-1], float(theta[-1])
'''
LOGISTIC_Y_MINUS_A = '''def logistic_gradients(X, y, w, b):
    a = 1 / (1 + np.exp(-(np.asarray(X) @ w + b)))
    return np.asarray(X).T @ (y - a) / len(y), float(np.mean(y - a))
'''
TRAIN_FIXED_LR = '''def train_logistic_regression(X, y, lr, steps):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    w, b, costs = np.zeros(X.shape[1]), 0.0, []
    for _ in range(steps):
        a = 1 / (1 + np.exp(-(X @ w + b)))
        costs.append(float(-np.mean(y * np.log(a) + (1 - y) * np.log(1 - a))))
        w, b = w - 0.1 * X.T @ (a - y) / len(y), b - 0.1 * float(np.mean(a - y))
    return w, b, costs
'''
TRAIN_RANDOM_START = TRAIN_FIXED_LR.replace("np.zeros(X.shape[1]), 0.0", "np.random.default_rng(7).normal(size=X.shape[1]), 0.0")

# ------------------------------------------------------------ 04_backprop: mistakes students make

ADD_MUL_NO_SWAP = '''def add_mul_forward_backward(x, y, z):
    q = x + y
    return q * z, q, q, z
'''
SHOPPING_NO_UPSTREAM = '''def shopping_forward_backward(price, count, tax):
    return price * count * tax, count, price, price * count
'''
NEURON_ONE_PLUS_SIGMA = '''def sigmoid_neuron_forward_backward(w, x):
    z = w[0] * x[0] + w[1] * x[1] + w[2]
    f = 1 / (1 + np.exp(-z))
    dz = f * (1 + f)
    return float(f), np.array([x[0] * dz, x[1] * dz, dz]), np.array([w[0] * dz, w[1] * dz])
'''
NEURON_NO_BIAS_GRADIENT = '''def sigmoid_neuron_forward_backward(w, x):
    z = w[0] * x[0] + w[1] * x[1] + w[2]
    f = 1 / (1 + np.exp(-z))
    dz = f * (1 - f)
    return float(f), np.array([x[0] * dz, x[1] * dz]), np.array([w[0] * dz, w[1] * dz])
'''
MULTIPLY_GATE_NO_SWAP = '''class MultiplyGate:
    def forward(self, x, y):
        self.x, self.y = x, y
        return x * y

    def backward(self, dout):
        return self.x * dout, self.y * dout
'''
SIGMOID_GATE_STALE = '''class SigmoidGate:
    out = None

    def forward(self, z):
        s = 1 / (1 + np.exp(-np.asarray(z, dtype=float)))
        if self.out is None:
            self.out = s
        return s

    def backward(self, dout):
        return self.out * (1 - self.out) * dout
'''
TWO_LAYER_NO_SIGMA_PRIME = '''def two_layer_gradients(x, W1, w2, y):
    a1 = 1 / (1 + np.exp(-(W1 @ x)))
    a2 = w2 @ a1
    d_a2 = -2 * (y - a2)
    return float((y - a2) ** 2), np.outer(d_a2 * w2, x), d_a2 * a1
'''

# ------------------------------------------------------------ 05_torch_logreg: mistakes students make

TO_TENSORS_FROM_NUMPY = '''def to_tensors(X, y):
    return torch.from_numpy(X), torch.from_numpy(y).reshape(-1, 1)
'''
LOGREG_NO_SIGMOID = '''class LogisticRegression(nn.Module):
    def __init__(self, n_features):
        super().__init__()
        self.linear = nn.Linear(n_features, 1)

    def forward(self, x):
        return self.linear(x)
'''
TRAIN_NO_ZERO_GRAD = '''import sys

def train(model, X, y, lr=0.1, epochs=100):
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    loss_fn = nn.BCELoss()
    losses = []
    for epoch in range(epochs):
        loss = loss_fn(model(X), y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
        if epoch % 50 == 0:
            print(f"epoch {epoch}: loss {loss.item():.4f}", file=sys.stderr)
    return losses
'''
TRAIN_TENSOR_LOSSES = '''def train(model, X, y, lr=0.1, epochs=100):
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    losses = []
    for _ in range(epochs):
        optimizer.zero_grad()
        loss = nn.BCELoss()(model(X), y)
        loss.backward()
        optimizer.step()
        losses.append(loss)
    return losses
'''
PREDICT_PROBABILITIES = '''def predict(model, X, threshold=0.5):
    with torch.no_grad():
        return model(X)
'''
PREDICT_LEAVES_EVAL = '''def predict(model, X, threshold=0.5):
    model.eval()
    with torch.no_grad():
        return (model(X) > threshold).float()
'''
ACCURACY_BROADCAST = '''def accuracy(y_pred, y_true):
    return (y_pred == y_true.reshape(-1)).float().mean().item()
'''
PREDICT_GREATER_EQUAL = '''def predict(model, X, threshold=0.5):
    was_training = model.training
    model.eval()
    with torch.no_grad():
        labels = (model(X) >= threshold).float()
    model.train(was_training)
    return labels
'''

# ------------------------------------------------------------ hostile code, for any function

INFINITE_LOOP = "    while True:\n        pass\n"
MEMORY_BOMB = "    hoard = []\n    while True:\n        hoard.append(bytearray(100 * 1024 * 1024))\n"
HARD_EXIT = "    import os\n    os._exit(3)\n"
PRINT_FLOOD = "for _ in range(1_000_000):\n    print('x' * 100)\n"


def _hostile(signature: str, body: str) -> str:
    return f"def {signature}:\n{body}"


def _students_01() -> list[SampleStudent]:
    return [
        SampleStudent("chloe", "naive 1/(1+exp(-z)) sigmoid: overflows at z = -1000",
                      {"sigmoid": NAIVE_SIGMOID}),
        SampleStudent("dev", "sign error in sigmoid, log10 in log_odds", {"sigmoid": SIGN_ERROR, "log_odds": LOG10}),
        SampleStudent("emma", "forgot the bias in predict_proba; >= instead of > in predict",
                      {"predict_proba": NO_BIAS, "predict": GREATER_EQUAL}),
        SampleStudent("farid", "bool predictions; plot without legend or labels",
                      {"predict": BOOL_PREDICT, "plot_sigmoid": NO_LEGEND}),
        SampleStudent("grace", "infinite loop in sigmoid_derivative",
                      {"sigmoid_derivative": _hostile("sigmoid_derivative(z)", INFINITE_LOOP)}),
        SampleStudent("hugo", "memory bomb in log_odds, os._exit in predict",
                      {"log_odds": _hostile("log_odds(p)", MEMORY_BOMB),
                       "predict": _hostile("predict(X, w, b, threshold=0.5)", HARD_EXIT)}),
        SampleStudent("iris", "a syntax error in one cell, 100 MB of prints in another",
                      {"predict": "def predict(X, w, b, threshold=0.5)\n    return 0\n"},
                      extra_cells=(PRINT_FLOOD,)),
        SampleStudent("noah", "renamed sigmoid to Sigmoid (a missing function)",
                      {"sigmoid": "def Sigmoid(z):\n    return 1 / (1 + np.exp(-np.asarray(z, dtype=float)))\n"}),
        SampleStudent("olga", ">= instead of > in predict", {"predict": GREATER_EQUAL}),
    ]


def _students_02() -> list[SampleStudent]:
    return [
        SampleStudent("chloe", "summed squared errors in mse; mae without the absolute value",
                      {"mse": MSE_SUMMED, "mae": MAE_NO_ABS}),
        SampleStudent("dev", "binary cross-entropy without clipping: nan at p = 0 or 1",
                      {"binary_cross_entropy": BCE_UNCLIPPED}),
        SampleStudent("emma", "loss from logits through the sigmoid; softmax without the max shift",
                      {"binary_cross_entropy_with_logits": LOGITS_THROUGH_SIGMOID, "softmax": SOFTMAX_NO_SHIFT}),
        SampleStudent("farid", "softmax down the columns; integer one-hot labels",
                      {"softmax": SOFTMAX_COLUMNS, "one_hot": ONE_HOT_INT}),
        SampleStudent("grace", "infinite loop in mae", {"mae": _hostile("mae(y_pred, y_true)", INFINITE_LOOP)}),
        SampleStudent("hugo", "memory bomb in softmax, os._exit in one_hot",
                      {"softmax": _hostile("softmax(z)", MEMORY_BOMB),
                       "one_hot": _hostile("one_hot(labels, num_classes)", HARD_EXIT)}),
        SampleStudent("iris", "a syntax error in one cell, 100 MB of prints in another",
                      {"cross_entropy": "def cross_entropy(probs, y_onehot)\n    return 0\n"},
                      extra_cells=(PRINT_FLOOD,)),
        SampleStudent("noah", "renamed mse to MSE (a missing function)",
                      {"mse": "def MSE(y_pred, y_true):\n    return float(np.mean((y_pred - y_true) ** 2))\n"}),
        SampleStudent("olga", "cross-entropy summed over the rows instead of averaged", {"cross_entropy": CE_SUMMED}),
    ]


def _students_03() -> list[SampleStudent]:
    return [
        SampleStudent("chloe", "forward differences; mse gradients without the factor 2",
                      {"numerical_gradient": FORWARD_DIFFERENCE, "mse_gradients": MSE_GRADS_NO_2}),
        SampleStudent("dev", "trajectory rows alias one array; normal equation without the intercept",
                      {"gradient_descent": GD_ALIASED_ROWS, "normal_equation": NO_INTERCEPT}),
        SampleStudent("emma", "logistic gradient with y − a; training with a fixed learning rate",
                      {"logistic_gradients": LOGISTIC_Y_MINUS_A, "train_logistic_regression": TRAIN_FIXED_LR}),
        SampleStudent("farid", "np.linalg.inv on a singular XᵀX; training from random weights",
                      {"normal_equation": INV_NORMAL_EQUATION, "train_logistic_regression": TRAIN_RANDOM_START}),
        SampleStudent("grace", "infinite loop in gradient_descent",
                      {"gradient_descent": _hostile("gradient_descent(grad_fn, theta0, lr, steps)", INFINITE_LOOP)}),
        SampleStudent("hugo", "memory bomb in normal_equation, os._exit in logistic_gradients",
                      {"normal_equation": _hostile("normal_equation(X, y)", MEMORY_BOMB),
                       "logistic_gradients": _hostile("logistic_gradients(X, y, w, b)", HARD_EXIT)}),
        SampleStudent("iris", "a syntax error in one cell, 100 MB of prints in another",
                      {"train_logistic_regression": "def train_logistic_regression(X, y, lr, steps)\n    return 0\n"},
                      extra_cells=(PRINT_FLOOD,)),
        SampleStudent("noah", "renamed numerical_gradient to numeric_gradient (a missing function)",
                      {"numerical_gradient": FORWARD_DIFFERENCE.replace("def numerical_gradient", "def numeric_gradient")}),
        SampleStudent("olga", "gradient descent one step short", {"gradient_descent": GD_ONE_STEP_SHORT}),
    ]


def _students_04() -> list[SampleStudent]:
    return [
        SampleStudent("chloe", "the multiply node does not swap; the shopping gradients forget the tax",
                      {"add_mul_forward_backward": ADD_MUL_NO_SWAP, "shopping_forward_backward": SHOPPING_NO_UPSTREAM}),
        SampleStudent("dev", "σ(1 + σ) as the sigmoid's slope in the neuron", {
            "sigmoid_neuron_forward_backward": NEURON_ONE_PLUS_SIGMA}),
        SampleStudent("emma", "no bias gradient in the neuron; a multiply gate that does not swap",
                      {"sigmoid_neuron_forward_backward": NEURON_NO_BIAS_GRADIENT, "MultiplyGate": MULTIPLY_GATE_NO_SWAP}),
        SampleStudent("farid", "a sigmoid gate that keeps its first forward; no σ' in the two-layer gradient",
                      {"SigmoidGate": SIGMOID_GATE_STALE, "two_layer_gradients": TWO_LAYER_NO_SIGMA_PRIME}),
        SampleStudent("grace", "infinite loop in shopping_forward_backward",
                      {"shopping_forward_backward": _hostile("shopping_forward_backward(price, count, tax)",
                                                             INFINITE_LOOP)}),
        SampleStudent("hugo", "memory bomb in two_layer_gradients, os._exit in add_mul_forward_backward",
                      {"two_layer_gradients": _hostile("two_layer_gradients(x, W1, w2, y)", MEMORY_BOMB),
                       "add_mul_forward_backward": _hostile("add_mul_forward_backward(x, y, z)", HARD_EXIT)}),
        SampleStudent("iris", "a syntax error in one cell, 100 MB of prints in another",
                      {"AddGate": "class AddGate\n    pass\n"}, extra_cells=(PRINT_FLOOD,)),
        SampleStudent("noah", "renamed SigmoidGate to SigmoidLayer (a missing class)",
                      {"SigmoidGate": SIGMOID_GATE_STALE.replace("class SigmoidGate", "class SigmoidLayer")}),
        SampleStudent("olga", "the shopping gradients forget the tax",
                      {"shopping_forward_backward": SHOPPING_NO_UPSTREAM}),
    ]


def _students_05() -> list[SampleStudent]:
    return [
        SampleStudent("chloe", "torch.from_numpy keeps float64; the model returns logits (no sigmoid)",
                      {"to_tensors": TO_TENSORS_FROM_NUMPY, "LogisticRegression": LOGREG_NO_SIGMOID}),
        SampleStudent("dev", "no optimizer.zero_grad() (and a debugging print to stderr every 50 epochs)",
                      {"train": TRAIN_NO_ZERO_GRAD}),
        SampleStudent("emma", "train returns the loss tensors; predict returns probabilities",
                      {"train": TRAIN_TENSOR_LOSSES, "predict": PREDICT_PROBABILITIES}),
        SampleStudent("farid", "predict leaves the model in eval mode; accuracy broadcasts (m, 1) against (m,)",
                      {"predict": PREDICT_LEAVES_EVAL, "accuracy": ACCURACY_BROADCAST}),
        SampleStudent("grace", "infinite loop in train",
                      {"train": _hostile("train(model, X, y, lr=0.1, epochs=100)", INFINITE_LOOP)}),
        SampleStudent("hugo", "memory bomb in predict, os._exit in accuracy",
                      {"predict": _hostile("predict(model, X, threshold=0.5)", MEMORY_BOMB),
                       "accuracy": _hostile("accuracy(y_pred, y_true)", HARD_EXIT)}),
        SampleStudent("iris", "a syntax error in one cell, 100 MB of prints in another",
                      {"accuracy": "def accuracy(y_pred, y_true)\n    return 0\n"}, extra_cells=(PRINT_FLOOD,)),
        SampleStudent("noah", "renamed LogisticRegression to LogReg (a missing class)",
                      {"LogisticRegression": LOGREG_NO_SIGMOID.replace("class LogisticRegression", "class LogReg")}),
        SampleStudent("olga", ">= instead of > in predict", {"predict": PREDICT_GREATER_EQUAL}),
    ]


BUGGY = {"01_sigmoid": _students_01, "02_losses": _students_02, "03_gradients": _students_03,
         "04_backprop": _students_04, "05_torch_logreg": _students_05}


def sample_students(assignment_id: str) -> list[SampleStudent]:
    """The sample class of one assignment: the reference, the blank release, its realistic mistakes, and
    hostile or broken notebooks."""
    if assignment_id not in BUGGY:
        raise KeyError(f"no sample class for {assignment_id!r} (known: {', '.join(BUGGY)})")
    return [
        SampleStudent("ada", "the reference solution"),
        SampleStudent("ben", "handed in the blank release", blank=True),
        *BUGGY[assignment_id](),
        SampleStudent("jack", "infinite loop at top level", extra_cells=("while True:\n    pass\n",)),
        SampleStudent("mia", "imports a package that is not installed (an exception at import)",
                      extra_cells=("import tensorflow as tf\n",)),
        SampleStudent("kim", "the notebook's JSON is cut short", raw='{"cells": [{"cell_type": "code", "sou'),
        SampleStudent("leo", "a Python file renamed to .ipynb", raw="import numpy as np\n\ndef f(x):\n    return 0.5\n"),
    ]


def solution_cell_problem(cell: dict) -> str | None:
    """The problem a solution cell answers, from its grade_id ``<problem>_solution``."""
    meta = cell.get("metadata", {}).get("nbgrader", {})
    grade_id = meta.get("grade_id", "")
    if meta.get("solution") and grade_id.endswith("_solution"):
        return grade_id.removesuffix("_solution")
    return None


def notebook_for(student: SampleStudent, assignment: Assignment) -> str:
    """The text of the notebook this student hands in."""
    if student.raw is not None:
        return student.raw
    notebook = nbformat.read(assignment.release_notebook, as_version=4)
    if not student.blank:
        reference = assignment.reference()
        for cell in notebook.cells:
            problem = solution_cell_problem(cell)
            if problem is not None:
                cell.source = student.answers.get(problem) or inspect.getsource(getattr(reference, problem))
        notebook.cells.extend(nbformat.v4.new_code_cell(src) for src in student.extra_cells)
    return nbformat.writes(notebook)


def write_sample_class(assignment: Assignment, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    students = sample_students(assignment.id)
    paths = []
    for student in students:
        path = folder / f"{student.id}.ipynb"
        path.write_text(notebook_for(student, assignment), encoding="utf-8")
        paths.append(path)
    (folder / "stories.json").write_text(json.dumps({s.id: s.story for s in students}, indent=1, ensure_ascii=False))
    return paths
