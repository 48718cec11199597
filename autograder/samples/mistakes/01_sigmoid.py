"""Typical mistakes in 01_sigmoid (the sigmoid), and the sample class that hands them in.

Each mistake is what a student writes in place of one reference function: the grader proof
(``tests/test_grader_01_sigmoid.py``) checks that the hidden graders reject every one with a message containing its
phrase (and its mistake code, its visible check's message, when given); the sample class of ``autograder demo``
(``autograder.samples.sample_class``) is built from the same list, plus hostile and broken cells.
"""
from __future__ import annotations

from autograder.samples.records import (Mistake, SampleStudent, hostile, HARD_EXIT,
                                       INFINITE_LOOP, MEMORY_BOMB, PRINT_FLOOD)


MISTAKES = [
    # ---------------------------------------------------------------- sigmoid
    Mistake("sigmoid-naive-overflows-at-minus-1000", "sigmoid", "overflow encountered in exp", """
        def sigmoid(z):
            return 1 / (1 + np.exp(-z))
        """, code="sigmoid.warning.exp_overflow"),
    Mistake("sigmoid-squeezes", "sigmoid", "np.squeeze(...) (or .item(), float(...)) removed an axis", """
        from scipy.special import expit
        def sigmoid(z):
            return np.squeeze(expit(np.asarray(z, dtype=float)))
        """, code="sigmoid.squeezed"),
    Mistake("sigmoid-np-where-evaluates-both-branches", "sigmoid", "computes both a and b for every element", """
        def sigmoid(z):
            z = np.asarray(z, dtype=float)
            return np.where(z >= 0, 1 / (1 + np.exp(-z)), np.exp(z) / (1 + np.exp(z)))
        """),
    Mistake("sigmoid-exp-ratio-nan-at-plus-1000", "sigmoid", "overflows to inf/inf = nan for z > 709", """
        def sigmoid(z):
            return np.exp(z) / (1 + np.exp(z))
        """),
    Mistake("sigmoid-sign-error", "sigmoid", "looks like σ(−z)", """
        def sigmoid(z):
            return 1 / (1 + np.exp(z))
        """, visible="check the sign in the exponent"),
    Mistake("sigmoid-missing-parentheses", "sigmoid", "parentheses are missing", """
        def sigmoid(z):
            return 1 / 1 + np.exp(-z)
        """),
    Mistake("sigmoid-returns-list", "sigmoid", "list returned: return a numpy array", """
        def sigmoid(z):
            z = np.asarray(z, dtype=float)
            e = np.exp(-np.abs(z))
            return np.where(z >= 0, 1 / (1 + e), e / (1 + e)).tolist()
        """),
    Mistake("sigmoid-flattens", "sigmoid", "it must have the input's shape (2, 3, 4)", """
        def sigmoid(z):
            z = np.asarray(z, dtype=float).ravel()
            e = np.exp(-np.abs(z))
            return np.where(z >= 0, 1 / (1 + e), e / (1 + e))
        """),
    Mistake("sigmoid-empty-like-keeps-int", "sigmoid", "np.empty_like(z) or np.zeros_like(z), it kept", """
        def sigmoid(z):
            z = np.asarray(z)
            out = np.empty_like(z)
            pos = z >= 0
            out[pos] = 1 / (1 + np.exp(-z[pos]))
            out[~pos] = np.exp(z[~pos]) / (1 + np.exp(z[~pos]))
            return out
        """),
    Mistake("sigmoid-empty-like-floored", "sigmoid", "values look truncated to whole numbers", """
        def sigmoid(z):
            z = np.asarray(z)
            out = np.empty_like(z)
            pos = z >= 0
            out[pos] = 1 / (1 + np.exp(-z[pos]))
            out[~pos] = np.exp(z[~pos]) / (1 + np.exp(z[~pos]))
            return out.astype(float)
        """),
    Mistake("sigmoid-overwrites-its-input", "sigmoid", "changed its argument `z` in place", """
        def sigmoid(z):
            z = np.asarray(z, dtype=float)
            e = np.exp(-np.abs(z))
            pos = z >= 0
            z[pos] = 1 / (1 + e[pos])
            z[~pos] = e[~pos] / (1 + e[~pos])
            return z
        """),
    Mistake("sigmoid-float32", "sigmoid", "compute in float64", """
        def sigmoid(z):
            z = np.asarray(z, dtype=np.float32)
            e = np.exp(-np.abs(z))
            return np.where(z >= 0, 1 / (1 + e), e / (1 + e))
        """),
    Mistake("sigmoid-torch-tensor", "sigmoid", "returned a torch tensor", """
        import torch
        def sigmoid(z):
            return torch.sigmoid(torch.as_tensor(np.asarray(z, dtype=float)))
        """),
    Mistake("sigmoid-forgets-return", "sigmoid", "is a `return` statement missing?", """
        def sigmoid(z):
            s = 1 / (1 + np.exp(-np.asarray(z, dtype=float)))
        """),
    # ---------------------------------------------------------------- sigmoid_derivative
    Mistake("derivative-returns-sigmoid", "sigmoid_derivative", "returned σ(z) itself", """
        def sigmoid_derivative(z):
            return sigmoid(z)
        """),
    Mistake("derivative-sign", "sigmoid_derivative", "check the sign", """
        def sigmoid_derivative(z):
            s = sigmoid(z)
            return s * (s - 1)
        """),
    Mistake("derivative-one-minus-z", "sigmoid_derivative", "not 1 − z", """
        def sigmoid_derivative(z):
            return sigmoid(z) * (1 - z)
        """),
    Mistake("derivative-exp-formula-nan", "sigmoid_derivative", "is inf/inf = nan once e^(−z) overflows", """
        def sigmoid_derivative(z):
            return np.exp(-z) / (1 + np.exp(-z)) ** 2
        """),
    Mistake("derivative-naive-sigmoid-overflows", "sigmoid_derivative", "overflow encountered in exp", """
        def sigmoid_derivative(z):
            s = 1 / (1 + np.exp(-z))
            return s * (1 - s)
        """, code="sigmoid_derivative.warning.exp_overflow"),
    Mistake("derivative-exp-z-formula-nan-at-plus-1000", "sigmoid_derivative", "e^z/(1 + e^z)² is inf/inf = nan", """
        def sigmoid_derivative(z):
            e = np.exp(z)
            return e / (1 + e) ** 2
        """, code="sigmoid_derivative.exp_formula_nan"),
    Mistake("derivative-cosh-form-overflows-both-ways", "sigmoid_derivative", "overflow encountered in exp", """
        def sigmoid_derivative(z):
            z = np.asarray(z, dtype=float)
            return 1 / (np.exp(z) + 2 + np.exp(-z))
        """, code="sigmoid_derivative.warning.exp_overflow"),
    Mistake("derivative-squeezes", "sigmoid_derivative", "removed an axis of length 1", """
        def sigmoid_derivative(z):
            s = sigmoid(z)
            return np.squeeze(s * (1 - s))
        """, code="sigmoid_derivative.squeezed"),
    Mistake("derivative-zeros-like-keeps-int", "sigmoid_derivative", "np.zeros_like(z), it kept", """
        def sigmoid_derivative(z):
            out = np.zeros_like(z)
            s = sigmoid(z)
            out[...] = s * (1 - s)
            return out
        """),
    Mistake("derivative-overwrites-its-input", "sigmoid_derivative", "changed its argument `z` in place", """
        def sigmoid_derivative(z):
            z = np.asarray(z, dtype=float)
            s = sigmoid(z)
            z *= 0
            z += s * (1 - s)
            return z
        """),
    Mistake("derivative-returns-list", "sigmoid_derivative", "list returned", """
        def sigmoid_derivative(z):
            s = sigmoid(z)
            return list(s * (1 - s)) if np.ndim(z) else s * (1 - s)
        """),
    # ---------------------------------------------------------------- log_odds
    Mistake("log-odds-log10", "log_odds", "you used log10; use np.log", """
        def log_odds(p):
            return np.log10(p / (1 - p))
        """),
    Mistake("log-odds-upside-down", "log_odds", "the ratio is upside down", """
        def log_odds(p):
            return np.log((1 - p) / p)
        """),
    Mistake("log-odds-clips-p", "log_odds", "looks like you clipped p to [1e-07, 1 − 1e-07]", """
        def log_odds(p):
            p = np.clip(p, 1e-7, 1 - 1e-7)
            return np.log(p / (1 - p))
        """),
    Mistake("log-odds-adds-epsilon", "log_odds", "looks like you added ε = 1e-10", """
        def log_odds(p):
            p = np.asarray(p, dtype=float)
            return np.log((p + 1e-10) / (1 - p + 1e-10))
        """, code="log_odds.epsilon", visible="looks like p was clipped (or a small ε added)"),
    Mistake("log-odds-missing-parentheses", "log_odds", "put parentheses around (1 − p)", """
        def log_odds(p):
            return np.log(p/1 - p)
        """),
    Mistake("log-odds-quotient-of-logs", "log_odds", "it is a difference of logarithms", """
        def log_odds(p):
            return np.log(p) / np.log(1 - p)
        """),
    Mistake("log-odds-overwrites-its-input", "log_odds", "changed its argument `p` in place", """
        def log_odds(p):
            p = np.asarray(p, dtype=float)
            p /= 1 - p
            return np.log(p)
        """),
    Mistake("log-odds-returns-list", "log_odds", "list returned", """
        import math
        def log_odds(p):
            if np.ndim(p) == 0:
                return math.log(p / (1 - p))
            return [log_odds(q) for q in p]
        """),
    # ---------------------------------------------------------------- predict_proba
    Mistake("proba-forgets-bias", "predict_proba", "matches σ(Xw) without + b: did you forget the bias?", """
        def predict_proba(X, w, b):
            return sigmoid(np.asarray(X) @ np.asarray(w))
        """),
    Mistake("proba-squeezes-a-single-example", "predict_proba", "np.squeeze(...) (or .item(), float(...))", """
        def predict_proba(X, w, b):
            z = np.asarray(X, dtype=float) @ np.asarray(w, dtype=float).reshape(-1, 1) + b
            return np.squeeze(sigmoid(z))
        """, code="predict_proba.squeezed"),
    Mistake("proba-exp-ratio-nan-for-huge-scores", "predict_proba", "σ of a huge score came out nan", """
        def predict_proba(X, w, b):
            z = np.asarray(X, dtype=float) @ np.asarray(w, dtype=float) + b
            return np.exp(z) / (1 + np.exp(z))
        """, code="predict_proba.huge_scores_nan"),
    Mistake("proba-column-m-by-1", "predict_proba", "a column of shape (m, 1) instead of a 1-D array", """
        def predict_proba(X, w, b):
            return sigmoid(np.asarray(X) @ np.asarray(w).reshape(-1, 1) + b)
        """),
    Mistake("proba-broadcast-m-by-m", "predict_proba", "shape (m, m) is what broadcasting gives", """
        def predict_proba(X, w, b):
            z = np.asarray(X) @ np.asarray(w).reshape(-1, 1)
            return sigmoid(z + b * np.ones(len(X)))
        """),
    Mistake("proba-w-at-X", "predict_proba", "compute X @ w (shape (m,)), not w @ X", """
        def predict_proba(X, w, b):
            return sigmoid(np.asarray(w) @ np.asarray(X) + b)
        """),
    Mistake("proba-returns-list", "predict_proba", "list returned", """
        def predict_proba(X, w, b):
            return [float(sigmoid(x @ w + b)) for x in np.asarray(X, dtype=float)]
        """),
    Mistake("proba-returns-scores", "predict_proba", "returned the scores Xw + b themselves", """
        def predict_proba(X, w, b):
            return np.asarray(X, dtype=float) @ np.asarray(w, dtype=float) + b
        """),
    Mistake("proba-zeros-like-keeps-int", "predict_proba", "np.zeros_like(z), it kept the input's integer dtype", """
        def predict_proba(X, w, b):
            X = np.asarray(X)
            p = np.zeros_like(X[:, 0])
            p[:] = sigmoid(X @ w + b)
            return p
        """),
    Mistake("proba-overwrites-X", "predict_proba", "changed its argument `X` in place", """
        def predict_proba(X, w, b):
            X = np.asarray(X, dtype=float)
            X *= w
            return sigmoid(X.sum(axis=1) + b)
        """),
    # ---------------------------------------------------------------- predict
    Mistake("predict-squeezes-a-single-example", "predict", "removed an axis of length 1", """
        def predict(X, w, b, threshold=0.5):
            return np.squeeze((predict_proba(X, w, b) > threshold).astype(int))
        """, code="predict.squeezed"),
    Mistake("predict-hard-coded-threshold-0.7", "predict", "ignored the threshold argument", """
        def predict(X, w, b, threshold=0.5):
            return (predict_proba(X, w, b) > 0.7).astype(int)
        """),
    Mistake("predict-greater-or-equal", "predict", ">= instead of >", """
        def predict(X, w, b, threshold=0.5):
            return (predict_proba(X, w, b) >= threshold).astype(int)
        """),
    Mistake("predict-bool", "predict", "returned bool; convert with .astype(int)", """
        def predict(X, w, b, threshold=0.5):
            return predict_proba(X, w, b) > threshold
        """),
    Mistake("predict-float-zero-one", "predict", "float 0./1. predictions", """
        def predict(X, w, b, threshold=0.5):
            return (predict_proba(X, w, b) > threshold).astype(float)
        """),
    Mistake("predict-ignores-threshold", "predict", "ignored the threshold argument", """
        def predict(X, w, b, threshold=0.5):
            return (predict_proba(X, w, b) > 0.5).astype(int)
        """),
    Mistake("predict-returns-probabilities", "predict", "returned the probabilities σ(Xw + b)", """
        def predict(X, w, b, threshold=0.5):
            return predict_proba(X, w, b)
        """),
    Mistake("predict-column", "predict", "a column of shape (m, 1)", """
        def predict(X, w, b, threshold=0.5):
            return (predict_proba(X, w, b) > threshold).astype(int).reshape(-1, 1)
        """),
    Mistake("predict-flipped-labels", "predict", "the labels are flipped", """
        def predict(X, w, b, threshold=0.5):
            return (predict_proba(X, w, b) < threshold).astype(int)
        """),
    # ---------------------------------------------------------------- plot_sigmoid
    Mistake("plot-a-and-b-swapped", "plot_sigmoid", "a and b are swapped", """
        def plot_sigmoid(ax, params):
            x = np.linspace(-10, 10, 201)
            for a, b in params:
                ax.plot(x, sigmoid(b * x + a), label=f"a={a}, b={b}")
            ax.set_xlabel("x")
            ax.set_ylabel("σ(ax + b)")
            ax.legend()
            return ax
        """),
    Mistake("plot-first-curve-only", "plot_sigmoid", "draw one line per curve", """
        def plot_sigmoid(ax, params):
            x = np.linspace(-10, 10, 201)
            a, b = params[0]
            ax.plot(x, sigmoid(a * x + b), label=f"a={a}, b={b}")
            ax.set_xlabel("x")
            ax.set_ylabel("σ(ax + b)")
            ax.legend()
            return ax
        """),
    Mistake("plot-narrow-x-range", "plot_sigmoid", "the x range must reach where it is below 0.3 and above 0.7", """
        def plot_sigmoid(ax, params):
            x = np.linspace(0, 1, 50)
            for a, b in params:
                ax.plot(x, sigmoid(a * x + b), label=f"a={a}, b={b}")
            ax.set_xlabel("x")
            ax.set_ylabel("σ(ax + b)")
            ax.legend()
            return ax
        """),
    Mistake("plot-too-few-points", "plot_sigmoid", "use at least 10", """
        def plot_sigmoid(ax, params):
            x = np.linspace(-6, 6, 5)
            for a, b in params:
                ax.plot(x, sigmoid(a * x + b), label=f"a={a}, b={b}")
            ax.set_xlabel("x")
            ax.set_ylabel("σ(ax + b)")
            ax.legend()
            return ax
        """),
    Mistake("plot-unsorted-x", "plot_sigmoid", "are not sorted", """
        def plot_sigmoid(ax, params):
            x = np.random.default_rng(0).uniform(-6, 6, 100)
            for a, b in params:
                ax.plot(x, sigmoid(a * x + b), label=f"a={a}, b={b}")
            ax.set_xlabel("x")
            ax.set_ylabel("σ(ax + b)")
            ax.legend()
            return ax
        """),
    Mistake("plot-keeps-the-first-params", "plot_sigmoid", "not of the pairs it was given", """
        _first_params = []
        def plot_sigmoid(ax, params):
            if not _first_params:
                _first_params.append(params)
            x = np.linspace(-10, 10, 201)
            for a, b in _first_params[0]:   # the pairs of the first call, whatever it is given later
                ax.plot(x, sigmoid(a * x + b), label=f"a={a}, b={b}")
            ax.set_xlabel("x")
            ax.set_ylabel("σ(ax + b)")
            ax.legend()
            return ax
        """, code="plot_sigmoid.ignores_params"),
    Mistake("plot-hard-coded-params-of-the-notebook", "plot_sigmoid", "no line shows σ(3·x − 2)", """
        def plot_sigmoid(ax, params):
            x = np.linspace(-10, 10, 201)
            for a, b in [(1, 0), (2, -1), (0.5, 1)]:
                ax.plot(x, sigmoid(a * x + b), label=f"a={a}, b={b}")
            ax.set_xlabel("x")
            ax.set_ylabel("σ(ax + b)")
            ax.legend()
            return ax
        """),
    Mistake("plot-keeps-the-first-axes", "plot_sigmoid", "drew no lines on the Axes it was given", """
        import matplotlib.pyplot as plt
        _first_axes = []
        def plot_sigmoid(ax, params):
            if not _first_axes:
                _first_axes.append(ax)
            ax = _first_axes[0]   # keeps drawing on the first Axes it ever got
            x = np.linspace(-10, 10, 201)
            for a, b in params:
                ax.plot(x, sigmoid(a * x + b), label=f"a={a}, b={b}")
            ax.set_xlabel("x")
            ax.set_ylabel("σ(ax + b)")
            ax.legend()
            return ax
        """),
    Mistake("plot-no-legend", "plot_sigmoid", "drew no legend", """
        def plot_sigmoid(ax, params):
            x = np.linspace(-10, 10, 201)
            for a, b in params:
                ax.plot(x, sigmoid(a * x + b), label=f"a={a}, b={b}")
            ax.set_xlabel("x")
            ax.set_ylabel("σ(ax + b)")
            return ax
        """),
    Mistake("plot-legend-before-plotting", "plot_sigmoid", "made a legend with 0 entries for 3 curves", """
        def plot_sigmoid(ax, params):
            ax.legend()
            x = np.linspace(-10, 10, 201)
            for a, b in params:
                ax.plot(x, sigmoid(a * x + b), label=f"a={a}, b={b}")
            ax.set_xlabel("x")
            ax.set_ylabel("σ(ax + b)")
            return ax
        """),
    Mistake("plot-identical-labels", "plot_sigmoid", "do not tell the 3 curves apart", """
        def plot_sigmoid(ax, params):
            x = np.linspace(-10, 10, 201)
            for a, b in params:
                ax.plot(x, sigmoid(a * x + b), label="sigmoid")
            ax.set_xlabel("x")
            ax.set_ylabel("σ(ax + b)")
            ax.legend()
            return ax
        """),
    Mistake("plot-no-axis-labels", "plot_sigmoid", "left the x and y axis without a label", """
        def plot_sigmoid(ax, params):
            x = np.linspace(-10, 10, 201)
            for a, b in params:
                ax.plot(x, sigmoid(a * x + b), label=f"a={a}, b={b}")
            ax.legend()
            return ax
        """),
    Mistake("plot-returns-none", "plot_sigmoid", "returned None; it must return the Axes it drew on", """
        def plot_sigmoid(ax, params):
            x = np.linspace(-10, 10, 201)
            for a, b in params:
                ax.plot(x, sigmoid(a * x + b), label=f"a={a}, b={b}")
            ax.set_xlabel("x")
            ax.set_ylabel("σ(ax + b)")
            ax.legend()
        """),
    Mistake("plot-stub-returns-ax-only", "plot_sigmoid", "returned the Axes but drew nothing on it", """
        def plot_sigmoid(ax, params):
            return ax
        """),
    Mistake("plot-on-a-new-figure", "plot_sigmoid", "drew no lines on the Axes it was given", """
        import matplotlib.pyplot as plt
        def plot_sigmoid(ax, params):
            fig, ax2 = plt.subplots()
            x = np.linspace(-10, 10, 201)
            for a, b in params:
                ax2.plot(x, sigmoid(a * x + b), label=f"a={a}, b={b}")
            ax2.set_xlabel("x")
            ax2.set_ylabel("σ(ax + b)")
            ax2.legend()
            return ax2
        """),
    Mistake("sigmoid-sign-error-in-both-branches", "sigmoid", "looks like σ(−z)", """
        def sigmoid(z):
            z = np.asarray(z, dtype=float)
            return np.where(z >= 0, 1 / (1 + np.exp(z)), np.exp(-z) / (1 + np.exp(-z)))
        """, code="sigmoid.sign", visible="check the sign in the exponent"),
]

# The students of the sample class beyond the generic ones every assignment has (``autograder.samples.sample_class``).
STUDENTS = [
    SampleStudent("chloe", "naive 1/(1+exp(-z)) sigmoid: overflows at z = -1000",
                  mistakes=("sigmoid-naive-overflows-at-minus-1000",)),
    SampleStudent("dev", "sign error in sigmoid, log10 in log_odds",
                  mistakes=("sigmoid-sign-error-in-both-branches", "log-odds-log10")),
    SampleStudent("emma", "forgot the bias in predict_proba; >= instead of > in predict",
                  mistakes=("proba-forgets-bias", "predict-greater-or-equal")),
    SampleStudent("farid", "bool predictions; plot without legend or labels",
                  mistakes=("predict-bool", "plot-no-legend")),
    SampleStudent("grace", "infinite loop in sigmoid_derivative",
                  {"sigmoid_derivative": hostile("sigmoid_derivative(z)", INFINITE_LOOP)}),
    SampleStudent("hugo", "memory bomb in log_odds, os._exit in predict",
                  {"log_odds": hostile("log_odds(p)", MEMORY_BOMB),
                   "predict": hostile("predict(X, w, b, threshold=0.5)", HARD_EXIT)}),
    SampleStudent("iris", "a syntax error in one cell, 100 MB of prints in another",
                  {"predict": "def predict(X, w, b, threshold=0.5)\n    return 0\n"}, extra_cells=(PRINT_FLOOD,)),
    SampleStudent("noah", "renamed sigmoid to Sigmoid (a missing function)",
                  {"sigmoid": "def Sigmoid(z):\n    return 1 / (1 + np.exp(-np.asarray(z, dtype=float)))\n"}),
    SampleStudent("olga", ">= instead of > in predict", mistakes=("predict-greater-or-equal",)),
]
