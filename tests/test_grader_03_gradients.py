"""The hidden graders of 03_gradients are honest: every mistake the assignment lists is rejected with a message
that names it (and its code), every correct alternative gets full marks, constant answers get nothing, the points
add up to the catalogue's, and the visible checks are never stricter than the graders.

Each wrong implementation (a typical mistake, from autograder/samples/mistakes/03_gradients.py) is the reference
solution with one function replaced (so the problem under test is the only thing wrong); each correct alternative
likewise. Functions handed to the student's code are the sandbox's counted families, as in grading.
"""
from __future__ import annotations

from grader_proof import GraderProof, Proof, right

PROOF = Proof("03_gradients")
PROBLEMS = PROOF.problems

# ================================================================ wrong implementations

WRONG = PROOF.wrong_cases()  # autograder/samples/mistakes/03_gradients.py

# ================================================================ correct alternatives

RIGHT = [
    right("numgrad-reference", "numerical_gradient", ""),
    right("numgrad-np-eye", "numerical_gradient", """
        def numerical_gradient(f, x, h=1e-5):
            x = np.asarray(x, dtype=float)
            basis = np.eye(x.size)
            grad = [(f(x + h * e.reshape(x.shape)) - f(x - h * e.reshape(x.shape))) / (2 * h) for e in basis]
            return np.array(grad).reshape(x.shape)
        """),
    right("numgrad-copies-per-coordinate", "numerical_gradient", """
        def numerical_gradient(f, x, h=1e-5):
            grad = np.zeros(np.shape(x))
            for i in np.ndindex(grad.shape):
                plus, minus = np.array(x, dtype=float), np.array(x, dtype=float)
                plus[i] += h
                minus[i] -= h
                grad[i] = (f(plus) - f(minus)) / (2 * h)
            return grad
        """),
    right("numgrad-in-place-and-restored", "numerical_gradient", """
        def numerical_gradient(f, x, h=1e-5):
            grad = np.zeros(np.shape(x))
            it = np.nditer(x, flags=["multi_index"], op_flags=["readwrite"])
            for _ in it:
                i = it.multi_index
                old = x[i]
                x[i] = old + h
                fp = f(x)
                x[i] = old - h
                fm = f(x)
                x[i] = old
                grad[i] = (fp - fm) / (2 * h)
            return grad
        """),
    right("mse-grads-reference", "mse_gradients", ""),
    right("mse-grads-loop", "mse_gradients", """
        def mse_gradients(X, y, w, b):
            X, y, w = np.asarray(X, dtype=float), np.asarray(y, dtype=float), np.asarray(w, dtype=float)
            m, n = X.shape
            dw, db = np.zeros(n), 0.0
            for i in range(m):
                r = X[i] @ w + b - y[i]
                dw += 2 * r * X[i] / m
                db += 2 * r / m
            return dw, db
        """),
    right("mse-grads-list-result", "mse_gradients", """
        def mse_gradients(X, y, w, b):
            r = np.dot(X, w) + b - y
            return [np.mean(2 * r[:, None] * X, axis=0), np.float64(2 * r.mean())]
        """),
    right("gd-reference", "gradient_descent", ""),
    right("gd-list-of-arrays", "gradient_descent", """
        def gradient_descent(grad_fn, theta0, lr, steps):
            thetas = [np.array(theta0, dtype=float)]
            for _ in range(steps):
                thetas.append(thetas[-1] - lr * np.asarray(grad_fn(thetas[-1])))
            return np.array(thetas)
        """),
    right("gd-preallocated", "gradient_descent", """
        def gradient_descent(grad_fn, theta0, lr, steps):
            path = np.zeros((steps + 1, len(theta0)))
            path[0] = theta0
            for k in range(steps):
                path[k + 1] = path[k] - lr * grad_fn(path[k])
            return path
        """),
    right("normal-equation-reference", "normal_equation", ""),
    right("normal-equation-pinv-intercept-first", "normal_equation", """
        def normal_equation(X, y):
            A = np.column_stack([np.ones(len(X)), np.asarray(X, dtype=float)])
            theta = np.linalg.pinv(A) @ np.asarray(y, dtype=float)
            return theta[1:], float(theta[0])
        """),
    right("normal-equation-pinv-of-normal-matrix", "normal_equation", """
        def normal_equation(X, y):
            A = np.hstack([np.asarray(X, dtype=float), np.ones((len(X), 1))])
            theta = np.linalg.pinv(A.T @ A) @ (A.T @ np.asarray(y, dtype=float))
            return theta[:-1], theta[-1]
        """),
    right("logistic-reference", "logistic_gradients", ""),
    right("logistic-where-stable-sigmoid", "logistic_gradients", """
        def logistic_gradients(X, y, w, b):
            X = np.asarray(X, dtype=float)
            z = X @ w + b
            e = np.exp(-np.abs(z))
            a = np.where(z >= 0, 1 / (1 + e), e / (1 + e))
            return X.T @ (a - y) / len(y), float(np.mean(a - y))
        """),
    right("logistic-expit-loop", "logistic_gradients", """
        from scipy.special import expit
        def logistic_gradients(X, y, w, b):
            X = np.asarray(X, dtype=float)
            m, n = X.shape
            dw, db = np.zeros(n), 0.0
            for i in range(m):
                dz = expit(X[i] @ w + b) - y[i]
                dw += X[i] * dz / m
                db += dz / m
            return dw, db
        """),
    right("train-reference", "train_logistic_regression", ""),
    right("train-clipped-bce-list-of-costs", "train_logistic_regression", """
        from scipy.special import expit
        def train_logistic_regression(X, y, lr, steps):
            X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
            w, b = np.zeros(X.shape[1]), 0.0
            costs = []
            for _ in range(steps):
                a = expit(X @ w + b)
                p = np.clip(a, 1e-12, 1 - 1e-12)
                costs.append(float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))))
                dz = a - y
                w = w - lr * X.T @ dz / len(y)
                b = b - lr * dz.mean()
            return w, b, costs
        """),
    right("train-with-own-gradient-helper", "train_logistic_regression", """
        def train_logistic_regression(X, y, lr, steps):
            X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
            theta = np.zeros(X.shape[1] + 1)
            A = np.column_stack([X, np.ones(len(y))])
            costs = np.empty(steps)
            for k in range(steps):
                z = A @ theta
                costs[k] = np.mean(np.logaddexp(0, z) - y * z)
                theta -= lr * A.T @ (0.5 * (1 + np.tanh(z / 2)) - y) / len(y)
            return theta[:-1], float(theta[-1]), costs
        """),
]

RIGHT += [
    right("train-list-of-float32-costs", "train_logistic_regression", """
        _reference_train = train_logistic_regression
        def train_logistic_regression(X, y, lr, steps):
            w, b, costs = _reference_train(X, y, lr, steps)
            return w, b, [np.float32(c) for c in costs]
        """),
    right("train-list-of-0d-array-costs", "train_logistic_regression", """
        _reference_train = train_logistic_regression
        def train_logistic_regression(X, y, lr, steps):
            w, b, costs = _reference_train(X, y, lr, steps)
            return w, np.float64(b), [np.array(c) for c in costs]
        """),
    right("train-calls-logistic-gradients", "train_logistic_regression", """
        def train_logistic_regression(X, y, lr, steps):
            X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
            w, b = np.zeros(X.shape[1]), 0.0
            costs = []
            for _ in range(steps):
                z = X @ w + b
                costs.append(float(np.mean(np.logaddexp(0, z) - y * z)))
                dw, db = logistic_gradients(X, y, w, b)
                w, b = w - lr * dw, b - lr * db
            return w, float(b), np.array(costs)
        """),
    right("gd-numpy-loop-with-keyword-free-names", "gradient_descent", """
        def gradient_descent(grad_fn, theta0, lr, steps):
            out = np.empty((steps + 1,) + np.shape(theta0))
            out[0] = theta0
            for k in range(steps):
                out[k + 1] = out[k] - lr * np.asarray(grad_fn(out[k].copy()))
            return out
        """),
    right("numgrad-h-by-keyword-loop", "numerical_gradient", """
        def numerical_gradient(f, x, h=1e-5):
            x = np.asarray(x, dtype=float)
            grad = np.empty(x.shape)
            for i in range(x.size):
                e = np.zeros(x.size)
                e[i] = h
                e = e.reshape(x.shape)
                grad.flat[i] = (f(x + e) - f(x - e)) / (2 * h)
            return grad
        """),
]

CONSTANT = [c for p in PROBLEMS for c in PROOF.constant_cases(p)]


class TestGraders(GraderProof):
    PROOF, WRONG, RIGHT, CONSTANT = PROOF, WRONG, RIGHT, CONSTANT
    VISIBLE_CATCH_RATE = 0.7
