"""The hidden graders of 02_losses are honest: every mistake the assignment lists is rejected with a message that
names it (and its code), every correct alternative gets full marks, constant answers get nothing, the points add
up to the catalogue's, and the visible checks are never stricter than the graders.

Each wrong implementation is the reference solution with one function replaced (so the problem under test is
the only thing wrong); each correct alternative likewise.
"""
from __future__ import annotations

import inspect

from grader_proof import Case, GraderProof, Proof, report, right, wrong

PROOF = Proof("02_losses")
PROBLEMS = PROOF.problems

# ================================================================ wrong implementations

WRONG = [
    # ---------------------------------------------------------------- mse
    wrong("mse-summed", "mse", "looks like the sum of squared errors", """
        def mse(y_pred, y_true):
            return float(np.sum((np.asarray(y_pred) - np.asarray(y_true)) ** 2))
        """, code="mse.summed", visible="That is the sum of the squared errors"),
    wrong("mse-halved", "mse", "looks like ½·MSE", """
        def mse(y_pred, y_true):
            return float(np.mean((np.asarray(y_pred) - np.asarray(y_true)) ** 2) / 2)
        """, code="mse.halved", visible="That is half the MSE"),
    wrong("mse-mean-over-axis-0", "mse", "looks like the mean over axis 0 only", """
        def mse(y_pred, y_true):
            return np.mean((np.asarray(y_pred, dtype=float) - np.asarray(y_true, dtype=float)) ** 2, axis=0)
        """, code="mse.wrong_axis"),
    wrong("mse-absolute-value", "mse", "MSE squares the errors instead of taking their absolute value", """
        def mse(y_pred, y_true):
            return float(np.mean(np.abs(np.asarray(y_pred) - np.asarray(y_true))))
        """, code="mse.absolute_value", visible="That is the mean absolute error"),
    wrong("mse-square-of-mean", "mse", "square each error first", """
        def mse(y_pred, y_true):
            return float(np.mean(np.asarray(y_pred) - np.asarray(y_true)) ** 2)
        """, code="mse.square_of_mean"),
    wrong("mse-integer-floor-division", "mse", "it must return a float", """
        def mse(y_pred, y_true):
            d = np.asarray(y_pred) - np.asarray(y_true)
            return (d ** 2).sum() // d.size
        """, code="mse.dtype.integer"),
    wrong("mse-overwrites-y-pred", "mse", "changed its argument `y_pred` in place", """
        def mse(y_pred, y_true):
            y_pred -= y_true
            y_pred **= 2
            return float(np.mean(y_pred))
        """, code="mse.mutated_input"),
    wrong("mse-returns-list", "mse", "it must return a single number", """
        def mse(y_pred, y_true):
            return [float(np.mean((np.asarray(y_pred) - np.asarray(y_true)) ** 2))]
        """, code="mse.type.list"),
    # ---------------------------------------------------------------- mae
    wrong("mae-no-abs", "mae", "without the absolute value", """
        def mae(y_pred, y_true):
            return float(np.mean(np.asarray(y_pred) - np.asarray(y_true)))
        """, code="mae.no_abs", visible="take np.abs of each error"),
    wrong("mae-summed", "mae", "looks like the sum of absolute errors", """
        def mae(y_pred, y_true):
            return float(np.sum(np.abs(np.asarray(y_pred) - np.asarray(y_true))))
        """, code="mae.summed", visible="That is the sum of the absolute errors"),
    wrong("mae-squared", "mae", "MAE takes absolute values, not squares", """
        def mae(y_pred, y_true):
            return float(np.mean((np.asarray(y_pred) - np.asarray(y_true)) ** 2))
        """, code="mae.squared", visible="That is the MSE"),
    wrong("mae-abs-of-mean", "mae", "take |error| of each element first", """
        def mae(y_pred, y_true):
            return float(abs(np.mean(np.asarray(y_pred) - np.asarray(y_true))))
        """, code="mae.abs_of_mean"),
    # ---------------------------------------------------------------- binary_cross_entropy
    wrong("bce-swapped-terms", "binary_cross_entropy", "the two terms are swapped", """
        def binary_cross_entropy(p, y):
            p = np.clip(np.asarray(p, dtype=float), 1e-12, 1 - 1e-12)
            return float(-np.mean(y * np.log(1 - p) + (1 - y) * np.log(p)))
        """, code="binary_cross_entropy.swapped_terms", visible="The two terms are swapped"),
    wrong("bce-minus-sign-missing", "binary_cross_entropy", "the minus sign is missing", """
        def binary_cross_entropy(p, y):
            p = np.clip(np.asarray(p, dtype=float), 1e-12, 1 - 1e-12)
            return float(np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
        """, code="binary_cross_entropy.sign", visible="The minus sign is missing"),
    wrong("bce-log10", "binary_cross_entropy", "you used log10", """
        def binary_cross_entropy(p, y):
            p = np.clip(np.asarray(p, dtype=float), 1e-12, 1 - 1e-12)
            return float(-np.mean(y * np.log10(p) + (1 - y) * np.log10(1 - p)))
        """, code="binary_cross_entropy.log10", visible="That is log10"),
    wrong("bce-only-the-y-equals-1-term", "binary_cross_entropy", "only the y·ln(p) term", """
        def binary_cross_entropy(p, y):
            p = np.clip(np.asarray(p, dtype=float), 1e-12, 1 - 1e-12)
            return float(-np.mean(y * np.log(p)))
        """, code="binary_cross_entropy.one_term", visible="Only the y·ln p term"),
    wrong("bce-summed", "binary_cross_entropy", "looks like the sum over the examples", """
        def binary_cross_entropy(p, y):
            p = np.clip(np.asarray(p, dtype=float), 1e-12, 1 - 1e-12)
            return float(-np.sum(y * np.log(p) + (1 - y) * np.log(1 - p)))
        """, code="binary_cross_entropy.summed", visible="That is the sum over the examples"),
    wrong("bce-log-of-zero-gives-nan", "binary_cross_entropy", "log(0) = −inf makes the loss inf", """
        def binary_cross_entropy(p, y):
            p = np.asarray(p, dtype=float)
            return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
        """, code="binary_cross_entropy.log_zero"),
    wrong("bce-clips-too-wide", "binary_cross_entropy", "looks like you clipped p to [0.001, 1 − 0.001]", """
        def binary_cross_entropy(p, y):
            p = np.clip(np.asarray(p, dtype=float), 1e-3, 1 - 1e-3)
            return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
        """, code="binary_cross_entropy.clip_too_wide"),
    wrong("bce-where-both-branches-log-zero", "binary_cross_entropy", "a probability of exactly 0 or 1 reached np.log", """
        def binary_cross_entropy(p, y):
            p = np.asarray(p, dtype=float)
            return float(np.mean(np.where(y == 1, -np.log(p), -np.log(1 - p))))
        """, code="binary_cross_entropy.log_zero"),
    # ---------------------------------------------------------------- binary_cross_entropy_with_logits
    wrong("logits-through-the-sigmoid", "binary_cross_entropy_with_logits", "looks like you formed σ(z) and took its log", """
        def binary_cross_entropy_with_logits(z, y):
            s = 1 / (1 + np.exp(-np.asarray(z, dtype=float)))
            return float(-np.mean(y * np.log(s) + (1 - y) * np.log(1 - s)))
        """, code="binary_cross_entropy_with_logits.through_sigmoid"),
    wrong("logits-through-a-clipped-sigmoid", "binary_cross_entropy_with_logits", "looks like σ(z) clipped to [1e-12", """
        def binary_cross_entropy_with_logits(z, y):
            z = np.asarray(z, dtype=float)
            e = np.exp(-np.abs(z))
            s = np.clip(np.where(z >= 0, 1 / (1 + e), e / (1 + e)), 1e-12, 1 - 1e-12)
            return float(-np.mean(y * np.log(s) + (1 - y) * np.log(1 - s)))
        """, code="binary_cross_entropy_with_logits.through_sigmoid"),
    wrong("logits-exp-overflows", "binary_cross_entropy_with_logits", "ln(1 + e^z) overflows", """
        def binary_cross_entropy_with_logits(z, y):
            z = np.asarray(z, dtype=float)
            return float(np.mean(np.log(1 + np.exp(z)) - y * z))
        """, code="binary_cross_entropy_with_logits.exp_overflow"),
    wrong("logits-sign-of-z-flipped", "binary_cross_entropy_with_logits", "the sign of z is flipped", """
        def binary_cross_entropy_with_logits(z, y):
            z = np.asarray(z, dtype=float)
            return float(np.mean(np.maximum(-z, 0) + y * z + np.log1p(np.exp(-np.abs(z)))))
        """, code="binary_cross_entropy_with_logits.sign_flipped"),
    # ---------------------------------------------------------------- softmax
    wrong("softmax-no-max-shift", "softmax", "subtract each row's max first", """
        def softmax(z):
            e = np.exp(np.asarray(z, dtype=float))
            return e / e.sum(axis=-1, keepdims=True)
        """, code="softmax.no_max_shift"),
    wrong("softmax-columns-sum-to-1", "softmax", "the columns sum to 1, not the rows", """
        def softmax(z):
            z = np.asarray(z, dtype=float)
            e = np.exp(z - z.max(axis=0, keepdims=True))
            return e / e.sum(axis=0, keepdims=True)
        """, code="softmax.wrong_axis"),
    wrong("softmax-whole-array", "softmax", "the whole array sums to 1", """
        def softmax(z):
            z = np.asarray(z, dtype=float)
            e = np.exp(z - z.max())
            return e / e.sum()
        """, code="softmax.whole_array"),
    wrong("softmax-denominator-without-keepdims", "softmax", "sum with keepdims=True", """
        def softmax(z):
            z = np.asarray(z, dtype=float)
            e = np.exp(z - z.max(axis=-1, keepdims=True))
            return e / e.sum(axis=-1)
        """, code="softmax.broadcast_denominator"),
    wrong("softmax-global-max-shift", "softmax", "subtracted the max of the whole array", """
        def softmax(z):
            z = np.asarray(z, dtype=float)
            e = np.exp(z - z.max())
            return e / e.sum(axis=-1, keepdims=True)
        """, code="softmax.global_max_shift"),
    wrong("softmax-axis-1", "softmax", "use axis=-1 (the last axis)", """
        def softmax(z):
            z = np.asarray(z, dtype=float)
            e = np.exp(z - z.max(axis=1, keepdims=True))
            return e / e.sum(axis=1, keepdims=True)
        """, code="softmax.axis_1d"),
    wrong("softmax-shifts-in-place", "softmax", "changed its argument `z` in place", """
        def softmax(z):
            z -= z.max(axis=-1, keepdims=True)
            e = np.exp(z)
            return e / e.sum(axis=-1, keepdims=True)
        """, code="softmax.mutated_input"),
    # ---------------------------------------------------------------- one_hot
    wrong("one-hot-integer-dtype", "one_hot", "np.zeros((m, K)) and np.eye(K) are float64 by default", """
        def one_hot(labels, num_classes):
            out = np.zeros((len(labels), num_classes), dtype=int)
            out[np.arange(len(labels)), labels] = 1
            return out
        """, code="one_hot.integer_dtype"),
    wrong("one-hot-off-by-one", "one_hot", "every 1 is one column to the left", """
        def one_hot(labels, num_classes):
            return np.eye(num_classes)[np.asarray(labels) - 1]
        """, code="one_hot.off_by_one"),
    wrong("one-hot-one-column-too-many", "one_hot", "one column too many", """
        def one_hot(labels, num_classes):
            return np.eye(num_classes + 1)[labels]
        """, code="one_hot.extra_column"),
    wrong("one-hot-transposed", "one_hot", "the result is transposed", """
        def one_hot(labels, num_classes):
            return np.eye(num_classes)[labels].T
        """, code="one_hot.transposed"),
    wrong("one-hot-bool", "one_hot", "returned bool values", """
        def one_hot(labels, num_classes):
            return np.asarray(labels)[:, None] == np.arange(num_classes)
        """, code="one_hot.dtype.bool"),
    # ---------------------------------------------------------------- cross_entropy
    wrong("ce-summed", "cross_entropy", "looks like the sum over the rows", """
        def cross_entropy(probs, y_onehot):
            p = np.clip(np.asarray(probs, dtype=float), 1e-12, 1.0)
            return float(-np.sum(y_onehot * np.log(p)))
        """, code="cross_entropy.summed", visible="That is the sum over the rows"),
    wrong("ce-mean-over-all-elements", "cross_entropy", "looks like the mean over all m·K elements", """
        def cross_entropy(probs, y_onehot):
            p = np.clip(np.asarray(probs, dtype=float), 1e-12, 1.0)
            return float(-np.mean(y_onehot * np.log(p)))
        """, code="cross_entropy.mean_over_elements", visible="That is the mean over all"),
    wrong("ce-log-of-zero", "cross_entropy", "log(0) = −inf makes the loss inf", """
        def cross_entropy(probs, y_onehot):
            return float(-np.mean(np.sum(y_onehot * np.log(probs), axis=1)))
        """, code="cross_entropy.log_zero"),
    wrong("ce-minus-sign-missing", "cross_entropy", "the minus sign is missing", """
        def cross_entropy(probs, y_onehot):
            p = np.clip(np.asarray(probs, dtype=float), 1e-12, 1.0)
            return float(np.mean(np.sum(y_onehot * np.log(p), axis=1)))
        """, code="cross_entropy.sign", visible="The minus sign is missing"),
    wrong("ce-per-row", "cross_entropy", "returned one loss per row", """
        def cross_entropy(probs, y_onehot):
            p = np.clip(np.asarray(probs, dtype=float), 1e-12, 1.0)
            return -np.sum(y_onehot * np.log(p), axis=1)
        """, code="cross_entropy.per_row"),
    wrong("ce-clips-too-wide", "cross_entropy", "looks like you clipped the probabilities to [0.001, 1]", """
        def cross_entropy(probs, y_onehot):
            p = np.clip(np.asarray(probs, dtype=float), 1e-3, 1.0)
            return float(-np.mean(np.sum(y_onehot * np.log(p), axis=1)))
        """, code="cross_entropy.clip_too_wide", visible="clip with a tiny ε"),
    wrong("ce-clips-with-1e-5-too-wide", "cross_entropy", "it must be a large finite number, at least 13.8", """
        def cross_entropy(probs, y_onehot):
            p = np.clip(np.asarray(probs, dtype=float), 1e-5, 1.0)
            return float(-np.mean(np.sum(y_onehot * np.log(p), axis=1)))
        """, code="cross_entropy.clip_too_wide"),
    wrong("ce-logs-only-where-labelled-without-a-floor", "cross_entropy", "still needs a floor", """
        def cross_entropy(probs, y_onehot):
            probs, y = np.asarray(probs, dtype=float), np.asarray(y_onehot, dtype=float)
            return float(-np.mean(np.log(np.sum(probs * y, axis=1))))
        """, code="cross_entropy.log_zero"),
    wrong("ce-squeezes-its-inputs", "cross_entropy", "looks like the mean over all m·K elements", """
        def cross_entropy(probs, y_onehot):
            p = np.squeeze(np.clip(np.asarray(probs, dtype=float), 1e-12, 1.0))
            y = np.squeeze(np.asarray(y_onehot, dtype=float))
            return float(-np.sum(y * np.log(p)) / p.shape[0])
        """, code="cross_entropy.mean_over_elements"),
    wrong("ce-log-of-zero-replaced-by-zero", "cross_entropy", "yet here it costs almost nothing", """
        def cross_entropy(probs, y_onehot):
            probs = np.asarray(probs, dtype=float)
            with np.errstate(divide="ignore"):
                logs = np.where(probs > 0, np.log(probs), 0.0)
            return float(-np.mean(np.sum(y_onehot * logs, axis=1)))
        """, code="cross_entropy.certain_and_wrong_cheap", visible="costs a lot"),
    wrong("bce-log-of-zero-replaced-by-zero", "binary_cross_entropy", "yet here it costs almost nothing", """
        def binary_cross_entropy(p, y):
            p = np.asarray(p, dtype=float)
            with np.errstate(divide="ignore"):
                log_p = np.where(p > 0, np.log(p), 0.0)
                log_q = np.where(p < 1, np.log(1 - p), 0.0)
            return float(-np.mean(y * log_p + (1 - y) * log_q))
        """, code="binary_cross_entropy.certain_and_wrong_cheap", visible="costs a lot"),
    # ---------------------------------------------------------------- a batch of one (issue 18, item 1)
    wrong("softmax-squeezes-its-result", "softmax", "An axis of length 1 is gone", """
        def softmax(z):
            z = np.asarray(z, dtype=float)
            e = np.exp(z - z.max(axis=-1, keepdims=True))
            return np.squeeze(e / e.sum(axis=-1, keepdims=True))
        """, code="softmax.squeezed", visible="keeps its shape (1, 3)"),
    wrong("one-hot-squeezes-its-result", "one_hot", "An axis of length 1 is gone", """
        def one_hot(labels, num_classes):
            return np.squeeze(np.eye(num_classes)[labels])
        """, code="one_hot.squeezed", visible="gives one row, shape (1, 3)"),
    # ---------------------------------------------------------------- ignored parameters (issue 18, item 2)
    wrong("one-hot-infers-num-classes-from-the-labels", "one_hot", "not the largest label + 1", """
        def one_hot(labels, num_classes):
            labels = np.asarray(labels)
            return np.eye(labels.max() + 1)[labels]
        """, code="one_hot.ignores_num_classes", visible="give 4 columns"),
    wrong("one-hot-hard-codes-3-classes", "one_hot", "raised IndexError", """
        def one_hot(labels, num_classes):
            return np.eye(3)[np.asarray(labels)]
        """),
    # ---------------------------------------------------------------- one clause, one verdict (issue 18, item 5)
    wrong("logits-np-where-overflows-in-the-unused-branch", "binary_cross_entropy_with_logits", "overflow", """
        def binary_cross_entropy_with_logits(z, y):
            z = np.asarray(z, dtype=float)
            per = np.where(z >= 0, z - y * z + np.log1p(np.exp(-z)), -y * z + np.log1p(np.exp(z)))
            return float(np.mean(per))
        """, code="binary_cross_entropy_with_logits.warning.exp_overflow", visible="NumPy reported"),
]


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
