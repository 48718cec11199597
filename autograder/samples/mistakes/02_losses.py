"""Typical mistakes in 02_losses (the losses), and the sample class that hands them in.

Each mistake is what a student writes in place of one reference function: the grader proof
(``tests/test_grader_02_losses.py``) checks that the hidden graders reject every one with a message containing its
phrase (and its mistake code, its visible check's message, when given); the sample class of ``autograder demo``
(``autograder.samples.sample_class``) is built from the same list, plus hostile and broken cells.
"""
from __future__ import annotations

from autograder.samples.records import (Mistake, SampleStudent, hostile, HARD_EXIT,
                                       INFINITE_LOOP, MEMORY_BOMB, PRINT_FLOOD)


MISTAKES = [
    # ---------------------------------------------------------------- mse
    Mistake("mse-summed", "mse", "looks like the sum of squared errors", """
        def mse(y_pred, y_true):
            return float(np.sum((np.asarray(y_pred) - np.asarray(y_true)) ** 2))
        """, code="mse.summed", visible="That is the sum of the squared errors"),
    Mistake("mse-halved", "mse", "looks like ½·MSE", """
        def mse(y_pred, y_true):
            return float(np.mean((np.asarray(y_pred) - np.asarray(y_true)) ** 2) / 2)
        """, code="mse.halved", visible="That is half the MSE"),
    Mistake("mse-mean-over-axis-0", "mse", "looks like the mean over axis 0 only", """
        def mse(y_pred, y_true):
            return np.mean((np.asarray(y_pred, dtype=float) - np.asarray(y_true, dtype=float)) ** 2, axis=0)
        """, code="mse.wrong_axis"),
    Mistake("mse-absolute-value", "mse", "MSE squares the errors instead of taking their absolute value", """
        def mse(y_pred, y_true):
            return float(np.mean(np.abs(np.asarray(y_pred) - np.asarray(y_true))))
        """, code="mse.absolute_value", visible="That is the mean absolute error"),
    Mistake("mse-square-of-mean", "mse", "square each error first", """
        def mse(y_pred, y_true):
            return float(np.mean(np.asarray(y_pred) - np.asarray(y_true)) ** 2)
        """, code="mse.square_of_mean"),
    Mistake("mse-integer-floor-division", "mse", "it must return a float", """
        def mse(y_pred, y_true):
            d = np.asarray(y_pred) - np.asarray(y_true)
            return (d ** 2).sum() // d.size
        """, code="mse.dtype.integer"),
    Mistake("mse-overwrites-y-pred", "mse", "changed its argument `y_pred` in place", """
        def mse(y_pred, y_true):
            y_pred -= y_true
            y_pred **= 2
            return float(np.mean(y_pred))
        """, code="mse.mutated_input"),
    Mistake("mse-returns-list", "mse", "it must return a single number", """
        def mse(y_pred, y_true):
            return [float(np.mean((np.asarray(y_pred) - np.asarray(y_true)) ** 2))]
        """, code="mse.type.list"),
    # ---------------------------------------------------------------- mae
    Mistake("mae-no-abs", "mae", "without the absolute value", """
        def mae(y_pred, y_true):
            return float(np.mean(np.asarray(y_pred) - np.asarray(y_true)))
        """, code="mae.no_abs", visible="take np.abs of each error"),
    Mistake("mae-summed", "mae", "looks like the sum of absolute errors", """
        def mae(y_pred, y_true):
            return float(np.sum(np.abs(np.asarray(y_pred) - np.asarray(y_true))))
        """, code="mae.summed", visible="That is the sum of the absolute errors"),
    Mistake("mae-squared", "mae", "MAE takes absolute values, not squares", """
        def mae(y_pred, y_true):
            return float(np.mean((np.asarray(y_pred) - np.asarray(y_true)) ** 2))
        """, code="mae.squared", visible="That is the MSE"),
    Mistake("mae-abs-of-mean", "mae", "take |error| of each element first", """
        def mae(y_pred, y_true):
            return float(abs(np.mean(np.asarray(y_pred) - np.asarray(y_true))))
        """, code="mae.abs_of_mean"),
    # ---------------------------------------------------------------- binary_cross_entropy
    Mistake("bce-swapped-terms", "binary_cross_entropy", "the two terms are swapped", """
        def binary_cross_entropy(p, y):
            p = np.clip(np.asarray(p, dtype=float), 1e-12, 1 - 1e-12)
            return float(-np.mean(y * np.log(1 - p) + (1 - y) * np.log(p)))
        """, code="binary_cross_entropy.swapped_terms", visible="The two terms are swapped"),
    Mistake("bce-minus-sign-missing", "binary_cross_entropy", "the minus sign is missing", """
        def binary_cross_entropy(p, y):
            p = np.clip(np.asarray(p, dtype=float), 1e-12, 1 - 1e-12)
            return float(np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
        """, code="binary_cross_entropy.sign", visible="The minus sign is missing"),
    Mistake("bce-log10", "binary_cross_entropy", "you used log10", """
        def binary_cross_entropy(p, y):
            p = np.clip(np.asarray(p, dtype=float), 1e-12, 1 - 1e-12)
            return float(-np.mean(y * np.log10(p) + (1 - y) * np.log10(1 - p)))
        """, code="binary_cross_entropy.log10", visible="That is log10"),
    Mistake("bce-only-the-y-equals-1-term", "binary_cross_entropy", "only the y·ln(p) term", """
        def binary_cross_entropy(p, y):
            p = np.clip(np.asarray(p, dtype=float), 1e-12, 1 - 1e-12)
            return float(-np.mean(y * np.log(p)))
        """, code="binary_cross_entropy.one_term", visible="Only the y·ln p term"),
    Mistake("bce-summed", "binary_cross_entropy", "looks like the sum over the examples", """
        def binary_cross_entropy(p, y):
            p = np.clip(np.asarray(p, dtype=float), 1e-12, 1 - 1e-12)
            return float(-np.sum(y * np.log(p) + (1 - y) * np.log(1 - p)))
        """, code="binary_cross_entropy.summed", visible="That is the sum over the examples"),
    Mistake("bce-log-of-zero-gives-nan", "binary_cross_entropy", "log(0) = −inf makes the loss inf", """
        def binary_cross_entropy(p, y):
            p = np.asarray(p, dtype=float)
            return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
        """, code="binary_cross_entropy.log_zero"),
    Mistake("bce-clips-too-wide", "binary_cross_entropy", "looks like you clipped p to [0.001, 1 − 0.001]", """
        def binary_cross_entropy(p, y):
            p = np.clip(np.asarray(p, dtype=float), 1e-3, 1 - 1e-3)
            return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
        """, code="binary_cross_entropy.clip_too_wide"),
    Mistake("bce-where-both-branches-log-zero", "binary_cross_entropy",
            "a probability of exactly 0 or 1 reached np.log", """
        def binary_cross_entropy(p, y):
            p = np.asarray(p, dtype=float)
            return float(np.mean(np.where(y == 1, -np.log(p), -np.log(1 - p))))
        """, code="binary_cross_entropy.log_zero"),
    # ---------------------------------------------------------------- binary_cross_entropy_with_logits
    Mistake("logits-through-the-sigmoid", "binary_cross_entropy_with_logits",
            "looks like you formed σ(z) and took its log", """
        def binary_cross_entropy_with_logits(z, y):
            s = 1 / (1 + np.exp(-np.asarray(z, dtype=float)))
            return float(-np.mean(y * np.log(s) + (1 - y) * np.log(1 - s)))
        """, code="binary_cross_entropy_with_logits.through_sigmoid"),
    Mistake("logits-through-a-clipped-sigmoid", "binary_cross_entropy_with_logits",
            "looks like σ(z) clipped to [1e-12", """
        def binary_cross_entropy_with_logits(z, y):
            z = np.asarray(z, dtype=float)
            e = np.exp(-np.abs(z))
            s = np.clip(np.where(z >= 0, 1 / (1 + e), e / (1 + e)), 1e-12, 1 - 1e-12)
            return float(-np.mean(y * np.log(s) + (1 - y) * np.log(1 - s)))
        """, code="binary_cross_entropy_with_logits.through_sigmoid"),
    Mistake("logits-exp-overflows", "binary_cross_entropy_with_logits", "ln(1 + e^z) overflows", """
        def binary_cross_entropy_with_logits(z, y):
            z = np.asarray(z, dtype=float)
            return float(np.mean(np.log(1 + np.exp(z)) - y * z))
        """, code="binary_cross_entropy_with_logits.exp_overflow"),
    Mistake("logits-sign-of-z-flipped", "binary_cross_entropy_with_logits", "the sign of z is flipped", """
        def binary_cross_entropy_with_logits(z, y):
            z = np.asarray(z, dtype=float)
            return float(np.mean(np.maximum(-z, 0) + y * z + np.log1p(np.exp(-np.abs(z)))))
        """, code="binary_cross_entropy_with_logits.sign_flipped"),
    # ---------------------------------------------------------------- softmax
    Mistake("softmax-no-max-shift", "softmax", "subtract each row's max first", """
        def softmax(z):
            e = np.exp(np.asarray(z, dtype=float))
            return e / e.sum(axis=-1, keepdims=True)
        """, code="softmax.no_max_shift"),
    Mistake("softmax-columns-sum-to-1", "softmax", "the columns sum to 1, not the rows", """
        def softmax(z):
            z = np.asarray(z, dtype=float)
            e = np.exp(z - z.max(axis=0, keepdims=True))
            return e / e.sum(axis=0, keepdims=True)
        """, code="softmax.wrong_axis"),
    Mistake("softmax-whole-array", "softmax", "the whole array sums to 1", """
        def softmax(z):
            z = np.asarray(z, dtype=float)
            e = np.exp(z - z.max())
            return e / e.sum()
        """, code="softmax.whole_array"),
    Mistake("softmax-denominator-without-keepdims", "softmax", "sum with keepdims=True", """
        def softmax(z):
            z = np.asarray(z, dtype=float)
            e = np.exp(z - z.max(axis=-1, keepdims=True))
            return e / e.sum(axis=-1)
        """, code="softmax.broadcast_denominator"),
    Mistake("softmax-global-max-shift", "softmax", "subtracted the max of the whole array", """
        def softmax(z):
            z = np.asarray(z, dtype=float)
            e = np.exp(z - z.max())
            return e / e.sum(axis=-1, keepdims=True)
        """, code="softmax.global_max_shift"),
    Mistake("softmax-axis-1", "softmax", "use axis=-1 (the last axis)", """
        def softmax(z):
            z = np.asarray(z, dtype=float)
            e = np.exp(z - z.max(axis=1, keepdims=True))
            return e / e.sum(axis=1, keepdims=True)
        """, code="softmax.axis_1d"),
    Mistake("softmax-shifts-in-place", "softmax", "changed its argument `z` in place", """
        def softmax(z):
            z -= z.max(axis=-1, keepdims=True)
            e = np.exp(z)
            return e / e.sum(axis=-1, keepdims=True)
        """, code="softmax.mutated_input"),
    # ---------------------------------------------------------------- one_hot
    Mistake("one-hot-integer-dtype", "one_hot", "np.zeros((m, K)) and np.eye(K) are float64 by default", """
        def one_hot(labels, num_classes):
            out = np.zeros((len(labels), num_classes), dtype=int)
            out[np.arange(len(labels)), labels] = 1
            return out
        """, code="one_hot.integer_dtype"),
    Mistake("one-hot-off-by-one", "one_hot", "every 1 is one column to the left", """
        def one_hot(labels, num_classes):
            return np.eye(num_classes)[np.asarray(labels) - 1]
        """, code="one_hot.off_by_one"),
    Mistake("one-hot-one-column-too-many", "one_hot", "one column too many", """
        def one_hot(labels, num_classes):
            return np.eye(num_classes + 1)[labels]
        """, code="one_hot.extra_column"),
    Mistake("one-hot-transposed", "one_hot", "the result is transposed", """
        def one_hot(labels, num_classes):
            return np.eye(num_classes)[labels].T
        """, code="one_hot.transposed"),
    Mistake("one-hot-bool", "one_hot", "returned bool values", """
        def one_hot(labels, num_classes):
            return np.asarray(labels)[:, None] == np.arange(num_classes)
        """, code="one_hot.dtype.bool"),
    # ---------------------------------------------------------------- cross_entropy
    Mistake("ce-summed", "cross_entropy", "looks like the sum over the rows", """
        def cross_entropy(probs, y_onehot):
            p = np.clip(np.asarray(probs, dtype=float), 1e-12, 1.0)
            return float(-np.sum(y_onehot * np.log(p)))
        """, code="cross_entropy.summed", visible="That is the sum over the rows"),
    Mistake("ce-mean-over-all-elements", "cross_entropy", "looks like the mean over all m·K elements", """
        def cross_entropy(probs, y_onehot):
            p = np.clip(np.asarray(probs, dtype=float), 1e-12, 1.0)
            return float(-np.mean(y_onehot * np.log(p)))
        """, code="cross_entropy.mean_over_elements", visible="That is the mean over all"),
    Mistake("ce-log-of-zero", "cross_entropy", "log(0) = −inf makes the loss inf", """
        def cross_entropy(probs, y_onehot):
            return float(-np.mean(np.sum(y_onehot * np.log(probs), axis=1)))
        """, code="cross_entropy.log_zero"),
    Mistake("ce-minus-sign-missing", "cross_entropy", "the minus sign is missing", """
        def cross_entropy(probs, y_onehot):
            p = np.clip(np.asarray(probs, dtype=float), 1e-12, 1.0)
            return float(np.mean(np.sum(y_onehot * np.log(p), axis=1)))
        """, code="cross_entropy.sign", visible="The minus sign is missing"),
    Mistake("ce-per-row", "cross_entropy", "returned one loss per row", """
        def cross_entropy(probs, y_onehot):
            p = np.clip(np.asarray(probs, dtype=float), 1e-12, 1.0)
            return -np.sum(y_onehot * np.log(p), axis=1)
        """, code="cross_entropy.per_row"),
    Mistake("ce-clips-too-wide", "cross_entropy", "looks like you clipped the probabilities to [0.001, 1]", """
        def cross_entropy(probs, y_onehot):
            p = np.clip(np.asarray(probs, dtype=float), 1e-3, 1.0)
            return float(-np.mean(np.sum(y_onehot * np.log(p), axis=1)))
        """, code="cross_entropy.clip_too_wide", visible="clip with a tiny ε"),
    Mistake("ce-clips-with-1e-5-too-wide", "cross_entropy", "it must be a large finite number, at least 13.8", """
        def cross_entropy(probs, y_onehot):
            p = np.clip(np.asarray(probs, dtype=float), 1e-5, 1.0)
            return float(-np.mean(np.sum(y_onehot * np.log(p), axis=1)))
        """, code="cross_entropy.clip_too_wide"),
    Mistake("ce-logs-only-where-labelled-without-a-floor", "cross_entropy", "still needs a floor", """
        def cross_entropy(probs, y_onehot):
            probs, y = np.asarray(probs, dtype=float), np.asarray(y_onehot, dtype=float)
            return float(-np.mean(np.log(np.sum(probs * y, axis=1))))
        """, code="cross_entropy.log_zero"),
    Mistake("ce-squeezes-its-inputs", "cross_entropy", "looks like the mean over all m·K elements", """
        def cross_entropy(probs, y_onehot):
            p = np.squeeze(np.clip(np.asarray(probs, dtype=float), 1e-12, 1.0))
            y = np.squeeze(np.asarray(y_onehot, dtype=float))
            return float(-np.sum(y * np.log(p)) / p.shape[0])
        """, code="cross_entropy.mean_over_elements"),
    Mistake("ce-log-of-zero-replaced-by-zero", "cross_entropy", "yet here it costs almost nothing", """
        def cross_entropy(probs, y_onehot):
            probs = np.asarray(probs, dtype=float)
            with np.errstate(divide="ignore"):
                logs = np.where(probs > 0, np.log(probs), 0.0)
            return float(-np.mean(np.sum(y_onehot * logs, axis=1)))
        """, code="cross_entropy.certain_and_wrong_cheap", visible="costs a lot"),
    Mistake("bce-log-of-zero-replaced-by-zero", "binary_cross_entropy", "yet here it costs almost nothing", """
        def binary_cross_entropy(p, y):
            p = np.asarray(p, dtype=float)
            with np.errstate(divide="ignore"):
                log_p = np.where(p > 0, np.log(p), 0.0)
                log_q = np.where(p < 1, np.log(1 - p), 0.0)
            return float(-np.mean(y * log_p + (1 - y) * log_q))
        """, code="binary_cross_entropy.certain_and_wrong_cheap", visible="costs a lot"),
    # ---------------------------------------------------------------- a batch of one (issue 18, item 1)
    Mistake("softmax-squeezes-its-result", "softmax", "An axis of length 1 is gone", """
        def softmax(z):
            z = np.asarray(z, dtype=float)
            e = np.exp(z - z.max(axis=-1, keepdims=True))
            return np.squeeze(e / e.sum(axis=-1, keepdims=True))
        """, code="softmax.squeezed", visible="keeps its shape (1, 3)"),
    Mistake("one-hot-squeezes-its-result", "one_hot", "An axis of length 1 is gone", """
        def one_hot(labels, num_classes):
            return np.squeeze(np.eye(num_classes)[labels])
        """, code="one_hot.squeezed", visible="gives one row, shape (1, 3)"),
    # ---------------------------------------------------------------- ignored parameters (issue 18, item 2)
    Mistake("one-hot-infers-num-classes-from-the-labels", "one_hot", "not the largest label + 1", """
        def one_hot(labels, num_classes):
            labels = np.asarray(labels)
            return np.eye(labels.max() + 1)[labels]
        """, code="one_hot.ignores_num_classes", visible="give 4 columns"),
    Mistake("one-hot-hard-codes-3-classes", "one_hot", "raised IndexError", """
        def one_hot(labels, num_classes):
            return np.eye(3)[np.asarray(labels)]
        """),
    # ---------------------------------------------------------------- one clause, one verdict (issue 18, item 5)
    Mistake("logits-np-where-overflows-in-the-unused-branch", "binary_cross_entropy_with_logits", "overflow", """
        def binary_cross_entropy_with_logits(z, y):
            z = np.asarray(z, dtype=float)
            per = np.where(z >= 0, z - y * z + np.log1p(np.exp(-z)), -y * z + np.log1p(np.exp(z)))
            return float(np.mean(per))
        """, code="binary_cross_entropy_with_logits.warning.exp_overflow", visible="NumPy reported"),
]

# The students of the sample class beyond the generic ones every assignment has (``autograder.samples.sample_class``).
STUDENTS = [
    SampleStudent("chloe", "summed squared errors in mse; mae without the absolute value",
                  mistakes=("mse-summed", "mae-no-abs")),
    SampleStudent("dev", "binary cross-entropy without clipping: nan at p = 0 or 1",
                  mistakes=("bce-log-of-zero-gives-nan",)),
    SampleStudent("emma", "loss from logits through the sigmoid; softmax without the max shift",
                  mistakes=("logits-through-the-sigmoid", "softmax-no-max-shift")),
    SampleStudent("farid", "softmax down the columns; integer one-hot labels",
                  mistakes=("softmax-columns-sum-to-1", "one-hot-integer-dtype")),
    SampleStudent("grace", "infinite loop in mae", {"mae": hostile("mae(y_pred, y_true)", INFINITE_LOOP)}),
    SampleStudent("hugo", "memory bomb in softmax, os._exit in one_hot",
                  {"softmax": hostile("softmax(z)", MEMORY_BOMB),
                   "one_hot": hostile("one_hot(labels, num_classes)", HARD_EXIT)}),
    SampleStudent("iris", "a syntax error in one cell, 100 MB of prints in another",
                  {"cross_entropy": "def cross_entropy(probs, y_onehot)\n    return 0\n"}, extra_cells=(PRINT_FLOOD,)),
    SampleStudent("noah", "renamed mse to MSE (a missing function)",
                  {"mse": "def MSE(y_pred, y_true):\n    return float(np.mean((y_pred - y_true) ** 2))\n"}),
    SampleStudent("olga", "cross-entropy summed over the rows instead of averaged", mistakes=("ce-summed",)),
]
