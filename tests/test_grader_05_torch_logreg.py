"""The hidden graders of 05_torch_logreg are honest: every mistake the assignment lists is rejected with a message
that names it (and its code), every correct alternative (F.binary_cross_entropy, nn.Sigmoid, nn.Sequential under
`linear`, a manual update under torch.no_grad(), torch.where predictions, a numpy accuracy) gets full marks,
constant answers get nothing, the points add up to the catalogue's, and the visible checks are never stricter than
the graders.

Each wrong implementation (a typical mistake, from autograder/samples/mistakes/05_torch_logreg.py) is the reference
solution with one function or class replaced.
"""
from __future__ import annotations

from grader_proof import GraderProof, Proof, right

PROOF = Proof("05_torch_logreg")
PROBLEMS = PROOF.problems
train_loop = PROOF.mistakes.train_loop  # a student's training loop with one part changed

WRONG = PROOF.wrong_cases()  # autograder/samples/mistakes/05_torch_logreg.py

RIGHT = [
    # ---------------------------------------------------------------- to_tensors
    right("to-tensors-reference", "to_tensors", ""),
    right("to-tensors-from-numpy-then-float", "to_tensors", """
        def to_tensors(X, y):
            return torch.from_numpy(np.asarray(X)).float(), torch.from_numpy(np.asarray(y)).float().view(-1, 1)
        """),
    right("to-tensors-astype-float32", "to_tensors", """
        def to_tensors(X, y):
            return torch.tensor(X.astype(np.float32)), torch.tensor(y.astype(np.float32)).reshape(len(y), 1)
        """),
    right("to-tensors-as-tensor", "to_tensors", """
        def to_tensors(X, y):
            return torch.as_tensor(X, dtype=torch.float32), torch.as_tensor(y, dtype=torch.float32).reshape(-1, 1)
        """),
    # ---------------------------------------------------------------- LogisticRegression
    right("logreg-reference", "LogisticRegression", ""),
    right("logreg-nn-sigmoid", "LogisticRegression", """
        class LogisticRegression(nn.Module):
            def __init__(self, n_features):
                super().__init__()
                self.linear = nn.Linear(n_features, 1)
                self.sigmoid = nn.Sigmoid()
            def forward(self, x):
                return self.sigmoid(self.linear(x))
        """),
    right("logreg-sequential-under-linear", "LogisticRegression", """
        class LogisticRegression(nn.Module):
            def __init__(self, n_features):
                super().__init__()
                self.linear = nn.Sequential(nn.Linear(n_features, 1), nn.Sigmoid())
            def forward(self, x):
                return self.linear(x)
        """),
    right("logreg-one-over-one-plus-exp", "LogisticRegression", """
        class LogisticRegression(nn.Module):
            def __init__(self, n_features):
                super().__init__()
                self.linear = nn.Linear(n_features, 1)
            def forward(self, x):
                return 1 / (1 + torch.exp(-self.linear(x)))
        """),
    # ---------------------------------------------------------------- train
    right("train-reference", "train", ""),
    right("train-functional-bce", "train",
          train_loop(loss="F.binary_cross_entropy(model(X), y)", recorded="float(loss)")),
    right("train-manual-update-under-no-grad", "train", """
        def train(model, X, y, lr=0.1, epochs=100):
            losses = []
            for _ in range(epochs):
                model.zero_grad()
                p = model(X).clamp(1e-7, 1 - 1e-7)
                loss = -(y * torch.log(p) + (1 - y) * torch.log(1 - p)).mean()
                loss.backward()
                with torch.no_grad():
                    for parameter in model.parameters():
                        parameter -= lr * parameter.grad
                losses.append(loss.item())
            return losses
        """),
    right("train-while-loop-counting-steps", "train", """
        import torch.nn.functional as F
        def train(model, X, y, lr=0.1, epochs=100):
            optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.0)
            losses, step = [], 0
            while step < epochs:
                optimizer.zero_grad()
                loss = F.binary_cross_entropy(model(X).view(-1), y.view(-1))
                loss.backward()
                optimizer.step()
                losses.append(loss.item())
                step += 1
            return losses
        """),
    right("train-new-optimizer-each-epoch-zero-grad-last", "train", """
        def train(model, X, y, lr=0.1, epochs=100):
            losses = []
            for epoch in range(epochs):
                optimizer = torch.optim.SGD(model.parameters(), lr=lr)
                loss = nn.BCELoss()(model(X), y)
                loss.backward()
                optimizer.step()
                optimizer.zero_grad()
                losses.append(loss.item())
            return losses
        """),
    # ---------------------------------------------------------------- predict
    right("predict-reference", "predict", ""),
    right("predict-torch-where-try-finally", "predict", """
        def predict(model, X, threshold=0.5):
            mode = model.training
            model.eval()
            try:
                with torch.no_grad():
                    p = model(X)
                return torch.where(p > threshold, 1.0, 0.0)
            finally:
                model.train(mode)
        """),
    right("predict-inference-mode-decorator", "predict", """
        @torch.inference_mode()
        def predict(model, X, threshold=0.5):
            was_training = model.training
            model.eval()
            labels = (model(X) > threshold).to(torch.float32)
            model.train(was_training)
            return labels
        """),
    # ---------------------------------------------------------------- accuracy
    right("accuracy-reference", "accuracy", ""),
    right("accuracy-numpy", "accuracy", """
        def accuracy(y_pred, y_true):
            return float(np.mean(y_pred.numpy().ravel() == y_true.numpy().ravel()))
        """),
    right("accuracy-count-over-m", "accuracy", """
        def accuracy(y_pred, y_true):
            correct = (y_pred.view(-1) == y_true.view(-1)).sum().item()
            return correct / len(y_true)
        """),
    right("accuracy-squeeze-eq", "accuracy", """
        def accuracy(y_pred, y_true):
            return torch.eq(y_pred.squeeze(), y_true.squeeze()).float().mean().item()
        """),
]

CONSTANT = [c for p in PROBLEMS for c in PROOF.constant_cases(p)]


class TestGraders(GraderProof):
    PROOF, WRONG, RIGHT, CONSTANT = PROOF, WRONG, RIGHT, CONSTANT
    VISIBLE_CATCH_RATE = 0.6
