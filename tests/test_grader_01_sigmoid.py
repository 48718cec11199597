"""The hidden graders of 01_sigmoid are honest: they reject typical wrong answers with a message that names
the mistake (and its code), accept every correct way of writing the functions, give constant answers nothing,
and add up to the catalogue's points; the visible checks are never stricter than the graders.

Each wrong implementation (a typical mistake, from autograder/samples/mistakes/01_sigmoid.py) is the reference
solution with one function replaced (so the problem under test is the only thing wrong); each correct alternative
likewise.
"""
from __future__ import annotations

from grader_proof import Case, GraderProof, Proof, right

PROOF = Proof("01_sigmoid")
PROBLEMS = PROOF.problems

# ================================================================ wrong implementations

WRONG = PROOF.wrong_cases()  # autograder/samples/mistakes/01_sigmoid.py

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
