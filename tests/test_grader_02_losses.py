"""The hidden graders of 02_losses are honest: every mistake the assignment lists is rejected with a message that
names it (and its code), every correct alternative gets full marks, constant answers get nothing, the points add
up to the catalogue's, and the visible checks are never stricter than the graders.

Each wrong implementation (a typical mistake, from autograder/samples/mistakes/02_losses.py) is the reference
solution with one function replaced (so the problem under test is the only thing wrong); each correct alternative
likewise.
"""
from __future__ import annotations

import inspect

from grader_proof import Case, GraderProof, Proof, report, right

PROOF = Proof("02_losses")
PROBLEMS = PROOF.problems

# ================================================================ wrong implementations

WRONG = PROOF.wrong_cases()  # autograder/samples/mistakes/02_losses.py


def _hard_coded(problem: str) -> list[Case]:
    """For each parameter of ``problem``: the reference, but the parameter keeps the value of the first call it got
    while the problem is graded (a constant the student hard-coded); each must lose points."""
    cases = []
    parameters = list(inspect.signature(getattr(PROOF.assignment.reference(), problem)).parameters)
    args = ", ".join(parameters)
    for name in parameters:
        cases.append(Case(f"{problem}-hard-codes-{name}", problem, f"""
            _reference_{problem} = {problem}
            _first_{problem} = {{}}
            def {problem}({args}):
                {name} = _first_{problem}.setdefault("{name}", {name})
                return _reference_{problem}({args})
            """, phrase=""))
    return cases


WRONG += [case for problem in PROBLEMS for case in _hard_coded(problem)]

# ================================================================ correct alternatives

RIGHT = [
    right("mse-reference", "mse", ""),
    right("mse-loop-returns-np-float64", "mse", """
        def mse(y_pred, y_true):
            y_pred, y_true = np.ravel(y_pred), np.ravel(y_true)
            total = 0.0
            for a, b in zip(y_pred, y_true):
                total += (float(a) - float(b)) ** 2
            return np.float64(total / len(y_pred))
        """),
    right("mse-torch", "mse", """
        import torch
        def mse(y_pred, y_true):
            t = lambda a: torch.as_tensor(np.asarray(a, dtype=np.float64))
            return torch.nn.functional.mse_loss(t(y_pred), t(y_true)).item()
        """),
    right("mse-0d-array", "mse", """
        def mse(y_pred, y_true):
            return np.mean(np.square(np.subtract(y_pred, y_true, dtype=float)), keepdims=False)
        """),
    right("mse-array-methods", "mse", """
        def mse(y_pred, y_true):
            return ((y_pred - y_true) ** 2).mean()
        """),
    right("mae-reference", "mae", ""),
    right("mae-array-methods", "mae", """
        def mae(y_pred, y_true):
            return abs(y_pred - y_true).mean()
        """),
    right("mae-loop", "mae", """
        def mae(y_pred, y_true):
            pairs = list(zip(np.ravel(y_pred), np.ravel(y_true)))
            return sum(abs(float(a) - float(b)) for a, b in pairs) / len(pairs)
        """),
    right("bce-reference", "binary_cross_entropy", ""),
    right("bce-clip-1e-15", "binary_cross_entropy", """
        def binary_cross_entropy(p, y):
            p = np.clip(np.asarray(p, dtype=float), 1e-15, 1 - 1e-15)
            return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
        """),
    right("bce-clip-1e-7", "binary_cross_entropy", """
        def binary_cross_entropy(p, y):
            p = np.clip(np.asarray(p, dtype=float), 1e-7, 1 - 1e-7)
            return np.mean(-(y * np.log(p) + (1 - y) * np.log(1 - p)))
        """),
    right("bce-log-of-the-labelled-probability-with-a-1e-300-floor", "binary_cross_entropy", """
        def binary_cross_entropy(p, y):
            p, y = np.asarray(p, dtype=float), np.asarray(y, dtype=float)
            p_label = np.where(y == 1, p, 1 - p)
            return float(-np.mean(np.log(np.maximum(p_label, 1e-300))))
        """),
    right("bce-torch-converted-to-float", "binary_cross_entropy", """
        import torch
        def binary_cross_entropy(p, y):
            p = torch.as_tensor(np.asarray(p, dtype=np.float64))
            y = torch.as_tensor(np.asarray(y, dtype=np.float64))
            return float(torch.nn.functional.binary_cross_entropy(p, y))
        """),
    right("bce-loop-with-if", "binary_cross_entropy", """
        import math
        def binary_cross_entropy(p, y):
            eps = 1e-12
            total = 0.0
            for q, label in zip(np.ravel(p), np.ravel(y)):
                q = min(max(float(q), eps), 1 - eps)
                total += -math.log(q) if label == 1 else -math.log(1 - q)
            return total / np.size(p)
        """),
    right("logits-reference", "binary_cross_entropy_with_logits", ""),
    right("logits-logaddexp", "binary_cross_entropy_with_logits", """
        def binary_cross_entropy_with_logits(z, y):
            z = np.asarray(z, dtype=float)
            return float(np.mean(np.logaddexp(0, z) - y * z))
        """),
    right("logits-piecewise-np-where", "binary_cross_entropy_with_logits", """
        def binary_cross_entropy_with_logits(z, y):
            z = np.asarray(z, dtype=float)
            with np.errstate(over="ignore"):
                per = np.where(z >= 0, z - y * z + np.log1p(np.exp(-z)), -y * z + np.log1p(np.exp(z)))
            return float(np.mean(per))
        """),
    right("logits-log-sigmoid-form", "binary_cross_entropy_with_logits", """
        def binary_cross_entropy_with_logits(z, y):
            z = np.asarray(z, dtype=float)
            log_sig = -np.logaddexp(0, -z)          # ln σ(z)
            log_one_minus = -np.logaddexp(0, z)     # ln(1 − σ(z))
            return float(-np.mean(y * log_sig + (1 - y) * log_one_minus))
        """),
    right("logits-torch", "binary_cross_entropy_with_logits", """
        import torch
        def binary_cross_entropy_with_logits(z, y):
            z = torch.as_tensor(np.asarray(z, dtype=np.float64))
            y = torch.as_tensor(np.asarray(y, dtype=np.float64))
            return torch.nn.functional.binary_cross_entropy_with_logits(z, y).item()
        """),
    right("softmax-reference", "softmax", ""),
    right("softmax-scipy-logsumexp", "softmax", """
        from scipy.special import logsumexp
        def softmax(z):
            z = np.asarray(z, dtype=float)
            return np.exp(z - logsumexp(z, axis=-1, keepdims=True))
        """),
    right("softmax-scipy", "softmax", """
        import scipy.special
        def softmax(z):
            return scipy.special.softmax(np.asarray(z, dtype=float), axis=-1)
        """),
    right("softmax-loop-over-rows", "softmax", """
        def softmax(z):
            z = np.asarray(z, dtype=float)
            if z.ndim == 1:
                e = np.exp(z - z.max())
                return e / e.sum()
            out = np.empty_like(z)
            for i, row in enumerate(z):
                e = np.exp(row - row.max())
                out[i] = e / e.sum()
            return out
        """),
    right("one-hot-reference", "one_hot", ""),
    right("one-hot-np-eye", "one_hot", """
        def one_hot(labels, num_classes):
            return np.eye(num_classes)[labels]
        """),
    right("one-hot-loop", "one_hot", """
        def one_hot(labels, num_classes):
            out = np.zeros((len(labels), num_classes))
            for i, label in enumerate(labels):
                out[i, label] = 1.0
            return out
        """),
    right("one-hot-compare-with-arange", "one_hot", """
        def one_hot(labels, num_classes):
            return (np.asarray(labels)[:, None] == np.arange(num_classes)).astype(np.float64)
        """),
    right("ce-reference", "cross_entropy", ""),
    right("ce-logs-only-where-labelled", "cross_entropy", """
        def cross_entropy(probs, y_onehot):
            probs, y = np.asarray(probs, dtype=float), np.asarray(y_onehot, dtype=float)
            p_true = np.clip(np.sum(probs * y, axis=1), 1e-15, None)
            return float(-np.mean(np.log(p_true)))
        """),
    right("ce-logs-only-where-labelled-with-a-1e-300-floor", "cross_entropy", """
        def cross_entropy(probs, y_onehot):
            probs, y = np.asarray(probs, dtype=float), np.asarray(y_onehot, dtype=float)
            safe = np.where(y > 0, probs, 1.0)
            return float(-np.mean(np.sum(y * np.log(np.maximum(safe, 1e-300)), axis=-1)))
        """),
    right("ce-clip-both-ends", "cross_entropy", """
        def cross_entropy(probs, y_onehot):
            p = np.clip(probs, 1e-7, 1 - 1e-7)
            return np.mean(-np.sum(y_onehot * np.log(p), axis=-1))
        """),
    right("ce-torch-nll", "cross_entropy", """
        import torch
        def cross_entropy(probs, y_onehot):
            p = torch.as_tensor(np.clip(np.asarray(probs, dtype=np.float64), 1e-12, 1.0))
            labels = torch.as_tensor(np.argmax(y_onehot, axis=1))
            return float(torch.nn.functional.nll_loss(torch.log(p), labels))
        """),
]

CONSTANT = [c for p in PROBLEMS for c in PROOF.constant_cases(p)]


class TestGraders(GraderProof):
    PROOF, WRONG, RIGHT, CONSTANT = PROOF, WRONG, RIGHT, CONSTANT
    VISIBLE_CATCH_RATE = 0.8


def test_a_nan_from_log_zero_is_never_blamed_on_another_formula():
    """0·log(0) = nan also in some wrong formulas (only the y·ln p term, swapped terms); an unclipped BCE's
    nan must still be named for what it is, in every test it fails."""
    (case,) = [c for c in WRONG if c.id == "bce-log-of-zero-gives-nan"]
    result = PROOF.grade(PROOF.source(case), case.problem)
    assert {t.mistake for t in result.tests if not t.passed} == {"binary_cross_entropy.log_zero"}, report(result)
