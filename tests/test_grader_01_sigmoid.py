"""The hidden graders of 01_sigmoid are honest: they reject typical wrong answers with a message that names
the mistake (and its code), accept every correct way of writing the functions, give constant answers nothing,
and add up to the catalogue's points; the visible checks are never stricter than the graders.

Each wrong implementation is the reference solution with one function replaced (so the problem under test
is the only thing wrong); each correct alternative likewise.
"""
from __future__ import annotations

from grader_proof import Case, GraderProof, Proof, right, wrong

PROOF = Proof("01_sigmoid")
PROBLEMS = PROOF.problems


# ================================================================ wrong implementations

WRONG = [
    # ---------------------------------------------------------------- sigmoid
    wrong("sigmoid-naive-overflows-at-minus-1000", "sigmoid", "overflow encountered in exp", """
        def sigmoid(z):
            return 1 / (1 + np.exp(-z))
        """, code="sigmoid.warning.exp_overflow"),
    wrong("sigmoid-squeezes", "sigmoid", "np.squeeze(...) (or .item(), float(...)) removed an axis", """
        from scipy.special import expit
        def sigmoid(z):
            return np.squeeze(expit(np.asarray(z, dtype=float)))
        """, code="sigmoid.squeezed"),
    wrong("sigmoid-np-where-evaluates-both-branches", "sigmoid", "computes both a and b for every element", """
        def sigmoid(z):
            z = np.asarray(z, dtype=float)
            return np.where(z >= 0, 1 / (1 + np.exp(-z)), np.exp(z) / (1 + np.exp(z)))
        """),
    wrong("sigmoid-exp-ratio-nan-at-plus-1000", "sigmoid", "overflows to inf/inf = nan for z > 709", """
        def sigmoid(z):
            return np.exp(z) / (1 + np.exp(z))
        """),
    wrong("sigmoid-sign-error", "sigmoid", "looks like σ(−z)", """
        def sigmoid(z):
            return 1 / (1 + np.exp(z))
        """, visible="check the sign in the exponent"),
    wrong("sigmoid-missing-parentheses", "sigmoid", "parentheses are missing", """
        def sigmoid(z):
            return 1 / 1 + np.exp(-z)
        """),
    wrong("sigmoid-returns-list", "sigmoid", "list returned: return a numpy array", """
        def sigmoid(z):
            z = np.asarray(z, dtype=float)
            e = np.exp(-np.abs(z))
            return np.where(z >= 0, 1 / (1 + e), e / (1 + e)).tolist()
        """),
    wrong("sigmoid-flattens", "sigmoid", "it must have the input's shape (2, 3, 4)", """
        def sigmoid(z):
            z = np.asarray(z, dtype=float).ravel()
            e = np.exp(-np.abs(z))
            return np.where(z >= 0, 1 / (1 + e), e / (1 + e))
        """),
    wrong("sigmoid-empty-like-keeps-int", "sigmoid", "np.empty_like(z) or np.zeros_like(z), it kept", """
        def sigmoid(z):
            z = np.asarray(z)
            out = np.empty_like(z)
            pos = z >= 0
            out[pos] = 1 / (1 + np.exp(-z[pos]))
            out[~pos] = np.exp(z[~pos]) / (1 + np.exp(z[~pos]))
            return out
        """),
    wrong("sigmoid-empty-like-floored", "sigmoid", "values look truncated to whole numbers", """
        def sigmoid(z):
            z = np.asarray(z)
            out = np.empty_like(z)
            pos = z >= 0
            out[pos] = 1 / (1 + np.exp(-z[pos]))
            out[~pos] = np.exp(z[~pos]) / (1 + np.exp(z[~pos]))
            return out.astype(float)
        """),
    wrong("sigmoid-overwrites-its-input", "sigmoid", "changed its argument `z` in place", """
        def sigmoid(z):
            z = np.asarray(z, dtype=float)
            e = np.exp(-np.abs(z))
            pos = z >= 0
            z[pos] = 1 / (1 + e[pos])
            z[~pos] = e[~pos] / (1 + e[~pos])
            return z
        """),
    wrong("sigmoid-float32", "sigmoid", "compute in float64", """
        def sigmoid(z):
            z = np.asarray(z, dtype=np.float32)
            e = np.exp(-np.abs(z))
            return np.where(z >= 0, 1 / (1 + e), e / (1 + e))
        """),
    wrong("sigmoid-torch-tensor", "sigmoid", "returned a torch tensor", """
        import torch
        def sigmoid(z):
            return torch.sigmoid(torch.as_tensor(np.asarray(z, dtype=float)))
        """),
    wrong("sigmoid-forgets-return", "sigmoid", "is a `return` statement missing?", """
        def sigmoid(z):
            s = 1 / (1 + np.exp(-np.asarray(z, dtype=float)))
        """),
    # ---------------------------------------------------------------- sigmoid_derivative
    wrong("derivative-returns-sigmoid", "sigmoid_derivative", "returned σ(z) itself", """
        def sigmoid_derivative(z):
            return sigmoid(z)
        """),
    wrong("derivative-sign", "sigmoid_derivative", "check the sign", """
        def sigmoid_derivative(z):
            s = sigmoid(z)
            return s * (s - 1)
        """),
    wrong("derivative-one-minus-z", "sigmoid_derivative", "not 1 − z", """
        def sigmoid_derivative(z):
            return sigmoid(z) * (1 - z)
        """),
    wrong("derivative-exp-formula-nan", "sigmoid_derivative", "is inf/inf = nan once e^(−z) overflows", """
        def sigmoid_derivative(z):
            return np.exp(-z) / (1 + np.exp(-z)) ** 2
        """),
    wrong("derivative-naive-sigmoid-overflows", "sigmoid_derivative", "overflow encountered in exp", """
        def sigmoid_derivative(z):
            s = 1 / (1 + np.exp(-z))
            return s * (1 - s)
        """, code="sigmoid_derivative.warning.exp_overflow"),
    wrong("derivative-exp-z-formula-nan-at-plus-1000", "sigmoid_derivative", "e^z/(1 + e^z)² is inf/inf = nan", """
        def sigmoid_derivative(z):
            e = np.exp(z)
            return e / (1 + e) ** 2
        """, code="sigmoid_derivative.exp_formula_nan"),
    wrong("derivative-cosh-form-overflows-both-ways", "sigmoid_derivative", "overflow encountered in exp", """
        def sigmoid_derivative(z):
            z = np.asarray(z, dtype=float)
            return 1 / (np.exp(z) + 2 + np.exp(-z))
        """, code="sigmoid_derivative.warning.exp_overflow"),
    wrong("derivative-squeezes", "sigmoid_derivative", "removed an axis of length 1", """
        def sigmoid_derivative(z):
            s = sigmoid(z)
            return np.squeeze(s * (1 - s))
        """, code="sigmoid_derivative.squeezed"),
    wrong("derivative-zeros-like-keeps-int", "sigmoid_derivative", "np.zeros_like(z), it kept", """
        def sigmoid_derivative(z):
            out = np.zeros_like(z)
            s = sigmoid(z)
            out[...] = s * (1 - s)
            return out
        """),
    wrong("derivative-overwrites-its-input", "sigmoid_derivative", "changed its argument `z` in place", """
        def sigmoid_derivative(z):
            z = np.asarray(z, dtype=float)
            s = sigmoid(z)
            z *= 0
            z += s * (1 - s)
            return z
        """),
    wrong("derivative-returns-list", "sigmoid_derivative", "list returned", """
        def sigmoid_derivative(z):
            s = sigmoid(z)
            return list(s * (1 - s)) if np.ndim(z) else s * (1 - s)
        """),
    # ---------------------------------------------------------------- log_odds
    wrong("log-odds-log10", "log_odds", "you used log10; use np.log", """
        def log_odds(p):
            return np.log10(p / (1 - p))
        """),
    wrong("log-odds-upside-down", "log_odds", "the ratio is upside down", """
        def log_odds(p):
            return np.log((1 - p) / p)
        """),
    wrong("log-odds-clips-p", "log_odds", "looks like you clipped p to [1e-07, 1 − 1e-07]", """
        def log_odds(p):
            p = np.clip(p, 1e-7, 1 - 1e-7)
            return np.log(p / (1 - p))
        """),
    wrong("log-odds-adds-epsilon", "log_odds", "looks like you added ε = 1e-10", """
        def log_odds(p):
            p = np.asarray(p, dtype=float)
            return np.log((p + 1e-10) / (1 - p + 1e-10))
        """, code="log_odds.epsilon", visible="looks like p was clipped (or a small ε added)"),
    wrong("log-odds-missing-parentheses", "log_odds", "put parentheses around (1 − p)", """
        def log_odds(p):
            return np.log(p/1 - p)
        """),
    wrong("log-odds-quotient-of-logs", "log_odds", "it is a difference of logarithms", """
        def log_odds(p):
            return np.log(p) / np.log(1 - p)
        """),
    wrong("log-odds-overwrites-its-input", "log_odds", "changed its argument `p` in place", """
        def log_odds(p):
            p = np.asarray(p, dtype=float)
            p /= 1 - p
            return np.log(p)
        """),
    wrong("log-odds-returns-list", "log_odds", "list returned", """
        import math
        def log_odds(p):
            if np.ndim(p) == 0:
                return math.log(p / (1 - p))
            return [log_odds(q) for q in p]
        """),
    # ---------------------------------------------------------------- predict_proba
    wrong("proba-forgets-bias", "predict_proba", "matches σ(Xw) without + b: did you forget the bias?", """
        def predict_proba(X, w, b):
            return sigmoid(np.asarray(X) @ np.asarray(w))
        """),
    wrong("proba-squeezes-a-single-example", "predict_proba", "np.squeeze(...) (or .item(), float(...))", """
        def predict_proba(X, w, b):
            z = np.asarray(X, dtype=float) @ np.asarray(w, dtype=float).reshape(-1, 1) + b
            return np.squeeze(sigmoid(z))
        """, code="predict_proba.squeezed"),
    wrong("proba-exp-ratio-nan-for-huge-scores", "predict_proba", "σ of a huge score came out nan", """
        def predict_proba(X, w, b):
            z = np.asarray(X, dtype=float) @ np.asarray(w, dtype=float) + b
            return np.exp(z) / (1 + np.exp(z))
        """, code="predict_proba.huge_scores_nan"),
    wrong("proba-column-m-by-1", "predict_proba", "a column of shape (m, 1) instead of a 1-D array", """
        def predict_proba(X, w, b):
            return sigmoid(np.asarray(X) @ np.asarray(w).reshape(-1, 1) + b)
        """),
    wrong("proba-broadcast-m-by-m", "predict_proba", "shape (m, m) is what broadcasting gives", """
        def predict_proba(X, w, b):
            z = np.asarray(X) @ np.asarray(w).reshape(-1, 1)
            return sigmoid(z + b * np.ones(len(X)))
        """),
    wrong("proba-w-at-X", "predict_proba", "compute X @ w (shape (m,)), not w @ X", """
        def predict_proba(X, w, b):
            return sigmoid(np.asarray(w) @ np.asarray(X) + b)
        """),
    wrong("proba-returns-list", "predict_proba", "list returned", """
        def predict_proba(X, w, b):
            return [float(sigmoid(x @ w + b)) for x in np.asarray(X, dtype=float)]
        """),
    wrong("proba-returns-scores", "predict_proba", "returned the scores Xw + b themselves", """
        def predict_proba(X, w, b):
            return np.asarray(X, dtype=float) @ np.asarray(w, dtype=float) + b
        """),
    wrong("proba-zeros-like-keeps-int", "predict_proba", "np.zeros_like(z), it kept the input's integer dtype", """
        def predict_proba(X, w, b):
            X = np.asarray(X)
            p = np.zeros_like(X[:, 0])
            p[:] = sigmoid(X @ w + b)
            return p
        """),
    wrong("proba-overwrites-X", "predict_proba", "changed its argument `X` in place", """
        def predict_proba(X, w, b):
            X = np.asarray(X, dtype=float)
            X *= w
            return sigmoid(X.sum(axis=1) + b)
        """),
    # ---------------------------------------------------------------- predict
    wrong("predict-squeezes-a-single-example", "predict", "removed an axis of length 1", """
        def predict(X, w, b, threshold=0.5):
            return np.squeeze((predict_proba(X, w, b) > threshold).astype(int))
        """, code="predict.squeezed"),
    wrong("predict-hard-coded-threshold-0.7", "predict", "ignored the threshold argument", """
        def predict(X, w, b, threshold=0.5):
            return (predict_proba(X, w, b) > 0.7).astype(int)
        """),
    wrong("predict-greater-or-equal", "predict", ">= instead of >", """
        def predict(X, w, b, threshold=0.5):
            return (predict_proba(X, w, b) >= threshold).astype(int)
        """),
    wrong("predict-bool", "predict", "returned bool; convert with .astype(int)", """
        def predict(X, w, b, threshold=0.5):
            return predict_proba(X, w, b) > threshold
        """),
    wrong("predict-float-zero-one", "predict", "float 0./1. predictions", """
        def predict(X, w, b, threshold=0.5):
            return (predict_proba(X, w, b) > threshold).astype(float)
        """),
    wrong("predict-ignores-threshold", "predict", "ignored the threshold argument", """
        def predict(X, w, b, threshold=0.5):
            return (predict_proba(X, w, b) > 0.5).astype(int)
        """),
    wrong("predict-returns-probabilities", "predict", "returned the probabilities σ(Xw + b)", """
        def predict(X, w, b, threshold=0.5):
            return predict_proba(X, w, b)
        """),
    wrong("predict-column", "predict", "a column of shape (m, 1)", """
        def predict(X, w, b, threshold=0.5):
            return (predict_proba(X, w, b) > threshold).astype(int).reshape(-1, 1)
        """),
    wrong("predict-flipped-labels", "predict", "the labels are flipped", """
        def predict(X, w, b, threshold=0.5):
            return (predict_proba(X, w, b) < threshold).astype(int)
        """),
    # ---------------------------------------------------------------- plot_sigmoid
    wrong("plot-a-and-b-swapped", "plot_sigmoid", "a and b are swapped", """
        def plot_sigmoid(ax, params):
            x = np.linspace(-10, 10, 201)
            for a, b in params:
                ax.plot(x, sigmoid(b * x + a), label=f"a={a}, b={b}")
            ax.set_xlabel("x")
            ax.set_ylabel("σ(ax + b)")
            ax.legend()
            return ax
        """),
    wrong("plot-first-curve-only", "plot_sigmoid", "draw one line per curve", """
        def plot_sigmoid(ax, params):
            x = np.linspace(-10, 10, 201)
            a, b = params[0]
            ax.plot(x, sigmoid(a * x + b), label=f"a={a}, b={b}")
            ax.set_xlabel("x")
            ax.set_ylabel("σ(ax + b)")
            ax.legend()
            return ax
        """),
    wrong("plot-narrow-x-range", "plot_sigmoid", "the x range must reach where it is below 0.3 and above 0.7", """
        def plot_sigmoid(ax, params):
            x = np.linspace(0, 1, 50)
            for a, b in params:
                ax.plot(x, sigmoid(a * x + b), label=f"a={a}, b={b}")
            ax.set_xlabel("x")
            ax.set_ylabel("σ(ax + b)")
            ax.legend()
            return ax
        """),
    wrong("plot-too-few-points", "plot_sigmoid", "use at least 10", """
        def plot_sigmoid(ax, params):
            x = np.linspace(-6, 6, 5)
            for a, b in params:
                ax.plot(x, sigmoid(a * x + b), label=f"a={a}, b={b}")
            ax.set_xlabel("x")
            ax.set_ylabel("σ(ax + b)")
            ax.legend()
            return ax
        """),
    wrong("plot-unsorted-x", "plot_sigmoid", "are not sorted", """
        def plot_sigmoid(ax, params):
            x = np.random.default_rng(0).uniform(-6, 6, 100)
            for a, b in params:
                ax.plot(x, sigmoid(a * x + b), label=f"a={a}, b={b}")
            ax.set_xlabel("x")
            ax.set_ylabel("σ(ax + b)")
            ax.legend()
            return ax
        """),
    wrong("plot-keeps-the-first-params", "plot_sigmoid", "not of the pairs it was given", """
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
    wrong("plot-hard-coded-params-of-the-notebook", "plot_sigmoid", "no line shows σ(3·x − 2)", """
        def plot_sigmoid(ax, params):
            x = np.linspace(-10, 10, 201)
            for a, b in [(1, 0), (2, -1), (0.5, 1)]:
                ax.plot(x, sigmoid(a * x + b), label=f"a={a}, b={b}")
            ax.set_xlabel("x")
            ax.set_ylabel("σ(ax + b)")
            ax.legend()
            return ax
        """),
    wrong("plot-keeps-the-first-axes", "plot_sigmoid", "drew no lines on the Axes it was given", """
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
    wrong("plot-no-legend", "plot_sigmoid", "drew no legend", """
        def plot_sigmoid(ax, params):
            x = np.linspace(-10, 10, 201)
            for a, b in params:
                ax.plot(x, sigmoid(a * x + b), label=f"a={a}, b={b}")
            ax.set_xlabel("x")
            ax.set_ylabel("σ(ax + b)")
            return ax
        """),
    wrong("plot-legend-before-plotting", "plot_sigmoid", "made a legend with 0 entries for 3 curves", """
        def plot_sigmoid(ax, params):
            ax.legend()
            x = np.linspace(-10, 10, 201)
            for a, b in params:
                ax.plot(x, sigmoid(a * x + b), label=f"a={a}, b={b}")
            ax.set_xlabel("x")
            ax.set_ylabel("σ(ax + b)")
            return ax
        """),
    wrong("plot-identical-labels", "plot_sigmoid", "do not tell the 3 curves apart", """
        def plot_sigmoid(ax, params):
            x = np.linspace(-10, 10, 201)
            for a, b in params:
                ax.plot(x, sigmoid(a * x + b), label="sigmoid")
            ax.set_xlabel("x")
            ax.set_ylabel("σ(ax + b)")
            ax.legend()
            return ax
        """),
    wrong("plot-no-axis-labels", "plot_sigmoid", "left the x and y axis without a label", """
        def plot_sigmoid(ax, params):
            x = np.linspace(-10, 10, 201)
            for a, b in params:
                ax.plot(x, sigmoid(a * x + b), label=f"a={a}, b={b}")
            ax.legend()
            return ax
        """),
    wrong("plot-returns-none", "plot_sigmoid", "returned None; it must return the Axes it drew on", """
        def plot_sigmoid(ax, params):
            x = np.linspace(-10, 10, 201)
            for a, b in params:
                ax.plot(x, sigmoid(a * x + b), label=f"a={a}, b={b}")
            ax.set_xlabel("x")
            ax.set_ylabel("σ(ax + b)")
            ax.legend()
        """),
    wrong("plot-stub-returns-ax-only", "plot_sigmoid", "returned the Axes but drew nothing on it", """
        def plot_sigmoid(ax, params):
            return ax
        """),
    wrong("plot-on-a-new-figure", "plot_sigmoid", "drew no lines on the Axes it was given", """
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
]

# ================================================================ correct alternatives

RIGHT = [
    right("sigmoid-reference", "sigmoid", ""),
    right("sigmoid-scipy-expit", "sigmoid", """
        from scipy.special import expit
        def sigmoid(z):
            return expit(z)
        """),
    right("sigmoid-np-where-stable", "sigmoid", """
        def sigmoid(z):
            z = np.asarray(z, dtype=float)
            e = np.exp(-np.abs(z))
            return np.where(z >= 0, 1 / (1 + e), e / (1 + e))
        """),
    right("sigmoid-np-where-errstate", "sigmoid", """
        def sigmoid(z):
            z = np.asarray(z, dtype=float)
            with np.errstate(over="ignore", invalid="ignore"):
                return np.where(z >= 0, 1 / (1 + np.exp(-z)), np.exp(z) / (1 + np.exp(z)))
        """),
    right("sigmoid-boolean-mask-float-output", "sigmoid", """
        def sigmoid(z):
            z = np.asarray(z, dtype=float)
            out = np.empty_like(z)
            pos = z >= 0
            out[pos] = 1 / (1 + np.exp(-z[pos]))
            out[~pos] = np.exp(z[~pos]) / (1 + np.exp(z[~pos]))
            return out
        """),
    right("sigmoid-math-vectorize", "sigmoid", """
        import math
        def _one(v):
            if v >= 0:
                return 1 / (1 + math.exp(-v))
            e = math.exp(v)
            return e / (1 + e)
        sigmoid = np.vectorize(_one, otypes=[float])
        """),
    right("sigmoid-logaddexp", "sigmoid", """
        def sigmoid(z):
            return np.exp(-np.logaddexp(0, -np.asarray(z, dtype=float)))
        """),
    right("sigmoid-tanh", "sigmoid", """
        def sigmoid(z):
            return 0.5 * (1 + np.tanh(np.asarray(z, dtype=float) / 2))
        """),
    right("sigmoid-python-float-for-scalars", "sigmoid", """
        from scipy.special import expit
        def sigmoid(z):
            s = expit(np.asarray(z, dtype=float))
            return float(s) if np.ndim(z) == 0 else s
        """),
    right("derivative-reference", "sigmoid_derivative", ""),
    right("derivative-on-a-naive-sigmoid", "sigmoid_derivative", """
        def sigmoid(z):
            return 1 / (1 + np.exp(-z))
        """),
    right("derivative-on-a-sign-error-sigmoid-via-one-minus", "sigmoid_derivative", """
        def sigmoid(z):
            return 1 / (1 + np.exp(np.asarray(z, dtype=float)))
        def sigmoid_derivative(z):
            s = sigmoid(z)
            return s * (1 - s)
        """),
    right("derivative-s-times-one-minus-s", "sigmoid_derivative", """
        def sigmoid_derivative(z):
            s = sigmoid(z)
            return s * (1 - s)
        """),
    right("derivative-expit-product", "sigmoid_derivative", """
        from scipy.special import expit
        def sigmoid_derivative(z):
            z = np.asarray(z, dtype=float)
            return expit(z) * expit(-z)
        """),
    right("derivative-symmetric-exp", "sigmoid_derivative", """
        def sigmoid_derivative(z):
            e = np.exp(-np.abs(np.asarray(z, dtype=float)))
            return e / (1 + e) ** 2
        """),
    right("derivative-logaddexp", "sigmoid_derivative", """
        def sigmoid_derivative(z):
            z = np.asarray(z, dtype=float)
            return np.exp(-np.logaddexp(0, z) - np.logaddexp(0, -z))
        """),
    right("log-odds-reference", "log_odds", ""),
    right("log-odds-with-a-broken-sigmoid", "log_odds", """
        def sigmoid(z):
            raise NotImplementedError()
        """),
    right("log-odds-log-of-ratio", "log_odds", """
        def log_odds(p):
            return np.log(p / (1 - p))
        """),
    right("log-odds-difference-of-logs", "log_odds", """
        def log_odds(p):
            return np.log(p) - np.log(1 - p)
        """),
    right("log-odds-scipy-logit", "log_odds", """
        from scipy.special import logit
        def log_odds(p):
            return logit(p)
        """),
    right("log-odds-inverse-odds", "log_odds", """
        def log_odds(p):
            return -np.log(1 / np.asarray(p, dtype=float) - 1)
        """),
    right("log-odds-math-vectorize", "log_odds", """
        import math
        log_odds = np.vectorize(lambda p: math.log(p / (1 - p)), otypes=[float])
        """),
    right("proba-reference", "predict_proba", ""),
    right("proba-on-a-sign-error-sigmoid", "predict_proba", """
        def sigmoid(z):
            return 1 / (1 + np.exp(np.asarray(z, dtype=float)))
        """),
    right("proba-column-then-ravel", "predict_proba", """
        def predict_proba(X, w, b):
            X = np.asarray(X, dtype=float)
            return sigmoid(X @ np.asarray(w, dtype=float).reshape(-1, 1) + b).ravel()
        """),
    right("proba-lists-and-python-floats", "predict_proba", """
        def predict_proba(X, w, b):
            rows = np.asarray(X, dtype=float).tolist()
            return np.array([float(sigmoid(sum(x * v for x, v in zip(row, np.asarray(w, dtype=float))) + b))
                             for row in rows], dtype=float)
        """),
    right("proba-expit-dot", "predict_proba", """
        from scipy.special import expit
        def predict_proba(X, w, b):
            return expit(np.dot(X, w) + b)
        """),
    right("proba-row-sums", "predict_proba", """
        def predict_proba(X, w, b):
            return sigmoid((np.asarray(X) * np.asarray(w)).sum(axis=1) + b)
        """),
    right("proba-einsum-naive-sigmoid", "predict_proba", """
        def predict_proba(X, w, b):
            z = np.einsum("ij,j->i", np.asarray(X, dtype=float), np.asarray(w, dtype=float)) + b
            return 1 / (1 + np.exp(-z))
        """),
    right("proba-loop-over-rows", "predict_proba", """
        def predict_proba(X, w, b):
            X = np.asarray(X, dtype=float)
            out = np.zeros(X.shape[0])
            for i in range(X.shape[0]):
                out[i] = sigmoid(X[i].dot(w) + b)
            return out
        """),
    right("predict-reference", "predict", ""),
    right("predict-on-a-wrong-predict_proba", "predict", """
        def predict_proba(X, w, b):
            return sigmoid(np.asarray(X, dtype=float) @ np.asarray(w, dtype=float))
        """),
    right("predict-compares-a-column", "predict", """
        def predict(X, w, b, threshold=0.5):
            return (predict_proba(X, w, b).reshape(-1, 1) > threshold).astype(int).ravel()
        """),
    right("predict-astype-int", "predict", """
        def predict(X, w, b, threshold=0.5):
            return (predict_proba(X, w, b) > threshold).astype(int)
        """),
    right("predict-np-where", "predict", """
        def predict(X, w, b, threshold=0.5):
            return np.where(predict_proba(X, w, b) > threshold, 1, 0)
        """),
    right("predict-int32", "predict", """
        def predict(X, w, b, threshold=0.5):
            return (predict_proba(X, w, b) > threshold).astype(np.int32)
        """),
    right("predict-list-comprehension-array", "predict", """
        def predict(X, w, b, threshold=0.5):
            return np.array([1 if p > threshold else 0 for p in predict_proba(X, w, b)])
        """),
    right("predict-compare-scores-with-log-odds", "predict", """
        def predict(X, w, b, threshold=0.5):
            z = np.asarray(X, dtype=float) @ np.asarray(w, dtype=float) + b
            return (z > np.log(threshold / (1 - threshold))).astype(int)
        """),
    right("plot-reference", "plot_sigmoid", ""),
    right("plot-on-a-sign-error-sigmoid", "plot_sigmoid", """
        def sigmoid(z):
            return 1 / (1 + np.exp(np.asarray(z, dtype=float)))
        """),
    right("plot-inline-formula-with-an-unwritten-sigmoid", "plot_sigmoid", """
        def sigmoid(z):
            raise NotImplementedError()
        def plot_sigmoid(ax, params):
            x = np.linspace(-10, 10, 201)
            for a, b in params:
                ax.plot(x, 0.5 * (1 + np.tanh((a * x + b) / 2)), label=f"a={a}, b={b}")
            ax.set_xlabel("x")
            ax.set_ylabel("σ(ax + b)")
            ax.legend()
            return ax
        """),
    right("plot-decreasing-x", "plot_sigmoid", """
        def plot_sigmoid(ax, params):
            x = np.linspace(8, -8, 100)
            for a, b in params:
                ax.plot(x, sigmoid(a * x + b), label=f"a={a}, b={b}")
            ax.set_xlabel("x")
            ax.set_ylabel("σ(ax + b)")
            ax.legend()
            return ax
        """),
    right("plot-loop-linspace-6", "plot_sigmoid", """
        def plot_sigmoid(ax, params):
            x = np.linspace(-6, 6, 50)
            for a, b in params:
                y = [float(sigmoid(a * v + b)) for v in x]
                ax.plot(x, y, label="a = %s, b = %s" % (a, b))
            ax.set_xlabel("x")
            ax.set_ylabel("sigmoid")
            ax.legend()
            return ax
        """),
    right("plot-pyplot-interface-and-guide-line", "plot_sigmoid", """
        import matplotlib.pyplot as plt
        def plot_sigmoid(ax, params):
            x = np.arange(-10, 10.01, 0.25)
            for a, b in params:
                plt.plot(x, sigmoid(a * x + b), label=f"σ({a}x + {b})")
            plt.axhline(0.5, color="grey", linestyle="--")
            plt.xlabel("x")
            plt.ylabel("probability")
            plt.legend()
            return plt.gca()
        """),
    right("plot-reversed-order-float32-legend-list", "plot_sigmoid", """
        def plot_sigmoid(ax, params):
            x = np.linspace(-8, 8, 400, dtype=np.float32)
            for a, b in reversed(params):
                ax.plot(x, (1 / (1 + np.exp(-(a * x + b)))).astype(np.float32))
            ax.legend([f"a={a}, b={b}" for a, b in reversed(params)])
            ax.set(xlabel="x", ylabel="σ(ax+b)", title="sigmoids")
            return ax
        """),
]

# A plot's constant answers: flat lines at 0, 1 and 0.5, labelled, on labelled axes.
PLOT_CONSTANTS = [Case(f"plot_sigmoid-draws-flat-lines-at-{c}", "plot_sigmoid", f"""
    def plot_sigmoid(ax, params):
        x = np.linspace(-10, 10, 201)
        for a, b in params:
            ax.plot(x, np.full_like(x, {c}), label=f"a={{a}}, b={{b}}")
        ax.set_xlabel("x")
        ax.set_ylabel("σ(ax + b)")
        ax.legend()
        return ax
    """) for c in (0.0, 1.0, 0.5)] + [Case("plot_sigmoid-returns-its-first-argument", "plot_sigmoid", """
    def plot_sigmoid(ax, params):
        return ax
    """)]
CONSTANT = [c for p in PROBLEMS if p != "plot_sigmoid" for c in PROOF.constant_cases(p)] + PLOT_CONSTANTS


class TestGraders(GraderProof):
    PROOF, WRONG, RIGHT, CONSTANT = PROOF, WRONG, RIGHT, CONSTANT
