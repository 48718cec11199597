"""Typical mistakes in 03_gradients (the gradients), and the sample class that hands them in.

Each mistake is what a student writes in place of one reference function: the grader proof
(``tests/test_grader_03_gradients.py``) checks that the hidden graders reject every one with a message containing its
phrase (and its mistake code, its visible check's message, when given); the sample class of ``autograder demo``
(``autograder.samples.sample_class``) is built from the same list, plus hostile and broken cells.
"""
from __future__ import annotations

from autograder.samples.records import (Mistake, SampleStudent, find, hostile,
                                       HARD_EXIT, INFINITE_LOOP, MEMORY_BOMB, PRINT_FLOOD)


# A student's training loop with one line put in (``%s``) after the gradients are computed.
TRAIN_LOOP = """
        def train_logistic_regression(X, y, lr, steps):
            X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
            w, b = np.zeros(X.shape[1]), 0.0
            costs = []
            for _ in range(steps):
                z = X @ w + b
                cost = float(np.mean(np.logaddexp(0, z) - y * z))
                dz = np.exp(-np.logaddexp(0.0, -z)) - y
                dw, db = X.T @ dz / len(y), float(np.mean(dz))
                %s
                costs.append(cost)
                w, b = w - lr * dw, b - lr * db
            return w, b, costs
"""


MISTAKES = [
    # ---------------------------------------------------------------- numerical_gradient
    Mistake("numgrad-forward-difference", "numerical_gradient", "looks like a forward difference", """
        def numerical_gradient(f, x, h=1e-5):
            x = np.array(x, dtype=float)
            grad = np.zeros_like(x)
            fx = f(x)
            for i in np.ndindex(x.shape):
                step = np.zeros_like(x)
                step[i] = h
                grad[i] = (f(x + step) - fx) / h
            return grad
        """, code="numerical_gradient.forward_difference", visible="That is a forward difference"),
    Mistake("numgrad-divides-by-h", "numerical_gradient", "divide by 2h, not h", """
        def numerical_gradient(f, x, h=1e-5):
            x = np.array(x, dtype=float)
            grad = np.zeros_like(x)
            for i in np.ndindex(x.shape):
                step = np.zeros_like(x)
                step[i] = h
                grad[i] = (f(x + step) - f(x - step)) / h
            return grad
        """, code="numerical_gradient.divided_by_h", visible="Twice the slope"),
    Mistake("numgrad-changes-x-and-does-not-restore-it", "numerical_gradient", "changed its argument `x` in place", """
        def numerical_gradient(f, x, h=1e-5):
            grad = np.zeros_like(x, dtype=float)
            for i in np.ndindex(x.shape):
                x[i] += h
                f_plus = f(x)
                x[i] -= 2 * h
                f_minus = f(x)
                grad[i] = (f_plus - f_minus) / (2 * h)
                x[i] += h - h
            return grad
        """, code="numerical_gradient.mutated_input"),
    Mistake("numgrad-flattens", "numerical_gradient", "was flattened to 1-D", """
        def numerical_gradient(f, x, h=1e-5):
            x = np.array(x, dtype=float)
            flat = x.ravel()
            grad = np.zeros(flat.size)
            for i in range(flat.size):
                step = np.zeros(flat.size)
                step[i] = h
                grad[i] = (f((flat + step).reshape(x.shape)) - f((flat - step).reshape(x.shape))) / (2 * h)
            return grad
        """, code="numerical_gradient.flattened"),
    Mistake("numgrad-one-call-too-many", "numerical_gradient", "one call too many", """
        def numerical_gradient(f, x, h=1e-5):
            x = np.array(x, dtype=float)
            print("f at x:", f(x))
            grad = np.zeros_like(x)
            for i in np.ndindex(x.shape):
                step = np.zeros_like(x)
                step[i] = h
                grad[i] = (f(x + step) - f(x - step)) / (2 * h)
            return grad
        """, code="numerical_gradient.call_count", visible="f was called 9 times"),
    Mistake("numgrad-fixed-h", "numerical_gradient", "not with the h you were given", """
        def numerical_gradient(f, x, h=1e-5):
            x = np.array(x, dtype=float)
            grad = np.zeros_like(x)
            for i in np.ndindex(x.shape):
                step = np.zeros_like(x)
                step[i] = 1e-5
                grad[i] = (f(x + step) - f(x - step)) / 2e-5
            return grad
        """, code="numerical_gradient.ignores_h", visible="use the h argument"),
    Mistake("numgrad-squeezes", "numerical_gradient", "it must have x's shape (1,)", """
        _reference_numerical_gradient = numerical_gradient
        def numerical_gradient(f, x, h=1e-5):
            return np.squeeze(_reference_numerical_gradient(f, x, h))
        """, visible="expected shape (1,)"),
    # ---------------------------------------------------------------- mse_gradients
    Mistake("mse-grads-no-factor-2", "mse_gradients", "keep the factor 2", """
        def mse_gradients(X, y, w, b):
            X = np.asarray(X, dtype=float)
            r = X @ w + b - y
            return X.T @ r / len(y), float(np.mean(r))
        """, code="mse_gradients.no_factor_2", visible="Half the gradient"),
    Mistake("mse-grads-no-1-over-m", "mse_gradients", "divide the sum by m", """
        def mse_gradients(X, y, w, b):
            X = np.asarray(X, dtype=float)
            r = X @ w + b - y
            return 2 * X.T @ r, float(2 * np.mean(r))
        """, code="mse_gradients.no_mean", visible="divide by m = 3"),
    Mistake("mse-grads-sign-flipped", "mse_gradients", "the sign is flipped", """
        def mse_gradients(X, y, w, b):
            X = np.asarray(X, dtype=float)
            r = y - (X @ w + b)
            return 2 * X.T @ r / len(y), float(2 * np.mean(r))
        """, code="mse_gradients.sign", visible="The sign is flipped"),
    Mistake("mse-grads-db-summed", "mse_gradients", "db summed instead of averaged", """
        def mse_gradients(X, y, w, b):
            X = np.asarray(X, dtype=float)
            r = X @ w + b - y
            return 2 * X.T @ r / len(y), float(2 * np.sum(r))
        """, code="mse_gradients.db_summed"),
    Mistake("mse-grads-dw-m-by-n", "mse_gradients", "one row per example, shape (m, n)", """
        def mse_gradients(X, y, w, b):
            X = np.asarray(X, dtype=float)
            r = X @ w + b - y
            return 2 * X * r[:, None] / len(y), float(2 * np.mean(r))
        """, code="mse_gradients.not_summed"),
    Mistake("mse-grads-dw-length-m", "mse_gradients", "one value per example", """
        def mse_gradients(X, y, w, b):
            X = np.asarray(X, dtype=float)
            r = X @ w + b - y
            return 2 * np.mean(X.T * r, axis=0), float(2 * np.mean(r))
        """, code="mse_gradients.per_example"),
    Mistake("mse-grads-swapped", "mse_gradients", "the pair is (dw, db), dw first", """
        def mse_gradients(X, y, w, b):
            X = np.asarray(X, dtype=float)
            r = X @ w + b - y
            return float(2 * np.mean(r)), 2 * X.T @ r / len(y)
        """, code="mse_gradients.swapped"),
    Mistake("mse-grads-squeezes", "mse_gradients", "it must have w's shape (1,)", """
        _reference_mse_gradients = mse_gradients
        def mse_gradients(X, y, w, b):
            dw, db = _reference_mse_gradients(X, y, w, b)
            return np.squeeze(dw), db
        """, visible="expected shape (1,)"),
    Mistake("mse-grads-db-in-a-list", "mse_gradients", "it must return a single number", """
        _reference_mse_gradients = mse_gradients
        def mse_gradients(X, y, w, b):
            dw, db = _reference_mse_gradients(X, y, w, b)
            return dw, [db]
        """, code="mse_gradients.type.list"),
    # ---------------------------------------------------------------- gradient_descent
    Mistake("gd-without-theta0", "gradient_descent", "row 0 must be theta0 itself", """
        def gradient_descent(grad_fn, theta0, lr, steps):
            theta = np.array(theta0, dtype=float)
            path = []
            for _ in range(steps):
                theta = theta - lr * grad_fn(theta)
                path.append(theta)
            return np.array(path)
        """, code="gradient_descent.missing_theta0"),
    Mistake("gd-one-step-short", "gradient_descent", "one step short", """
        def gradient_descent(grad_fn, theta0, lr, steps):
            theta = np.array(theta0, dtype=float)
            path = [theta]
            for _ in range(steps - 1):
                theta = theta - lr * grad_fn(theta)
                path.append(theta)
            return np.array(path)
        """, code="gradient_descent.one_step_short"),
    Mistake("gd-ascent", "gradient_descent", "gradient ascent", """
        def gradient_descent(grad_fn, theta0, lr, steps):
            theta = np.array(theta0, dtype=float)
            path = [theta]
            for _ in range(steps):
                theta = theta + lr * grad_fn(theta)
                path.append(theta)
            return np.array(path)
        """, code="gradient_descent.ascent", visible="The parameters climb"),
    Mistake("gd-modifies-theta0", "gradient_descent", "changed its argument `theta0` in place", """
        def gradient_descent(grad_fn, theta0, lr, steps):
            path = [theta0.copy()]
            for _ in range(steps):
                theta0 -= lr * grad_fn(theta0)
                path.append(theta0.copy())
            return np.array(path)
        """, code="gradient_descent.mutated_input", visible="changed the caller's theta0"),
    Mistake("gd-rows-alias-one-array", "gradient_descent", "append a copy", """
        def gradient_descent(grad_fn, theta0, lr, steps):
            theta = np.array(theta0, dtype=float)
            path = [theta]
            for _ in range(steps):
                theta -= lr * grad_fn(theta)
                path.append(theta)
            return np.array(path)
        """, code="gradient_descent.aliased_rows", visible="Every row is the last θ"),
    Mistake("gd-ignores-lr", "gradient_descent", "use the lr argument", """
        def gradient_descent(grad_fn, theta0, lr, steps):
            theta = np.array(theta0, dtype=float)
            path = [theta]
            for _ in range(steps):
                theta = theta - 0.1 * grad_fn(theta)
                path.append(theta)
            return np.array(path)
        """, code="gradient_descent.ignores_lr"),
    Mistake("gd-stops-on-a-small-gradient", "gradient_descent", "no early exit", """
        def gradient_descent(grad_fn, theta0, lr, steps):
            theta = np.array(theta0, dtype=float)
            path = [theta.copy()]
            for _ in range(steps):
                g = np.asarray(grad_fn(theta), dtype=float)
                if np.linalg.norm(g) < 1e-8:
                    break
                theta = theta - lr * g
                path.append(theta.copy())
            return np.array(path)
        """, code="gradient_descent.early_stop", visible="no early exit"),
    Mistake("gd-stops-when-the-gradient-sums-to-0", "gradient_descent", "no early exit", """
        def gradient_descent(grad_fn, theta0, lr, steps):
            theta = np.array(theta0, dtype=float)
            path = [theta.copy()]
            for _ in range(steps):
                g = np.asarray(grad_fn(theta), dtype=float)
                if abs(g.sum()) < 1e-10:
                    break
                theta = theta - lr * g
                path.append(theta.copy())
            return np.array(path)
        """, code="gradient_descent.early_stop"),
    Mistake("gd-stops-when-theta-stops-moving", "gradient_descent", "no early exit", """
        def gradient_descent(grad_fn, theta0, lr, steps):
            theta = np.array(theta0, dtype=float)
            path = [theta.copy()]
            for _ in range(steps):
                new = theta - lr * np.asarray(grad_fn(theta), dtype=float)
                if np.allclose(new, theta, rtol=0, atol=1e-12):
                    break
                theta = new
                path.append(theta.copy())
            return np.array(path)
        """, code="gradient_descent.early_stop"),
    Mistake("gd-ignores-steps", "gradient_descent", "it must have shape (steps + 1, d) =", """
        _reference_gradient_descent = gradient_descent
        def gradient_descent(grad_fn, theta0, lr, steps):
            return _reference_gradient_descent(grad_fn, theta0, lr, 4)
        """),
    Mistake("gd-squeezes", "gradient_descent", "don't np.squeeze", """
        _reference_gradient_descent = gradient_descent
        def gradient_descent(grad_fn, theta0, lr, steps):
            return np.squeeze(_reference_gradient_descent(grad_fn, theta0, lr, steps))
        """),
    # ---------------------------------------------------------------- normal_equation
    Mistake("normal-equation-no-intercept", "normal_equation", "looks like a fit without the intercept", """
        def normal_equation(X, y):
            X = np.asarray(X, dtype=float)
            w = np.linalg.lstsq(X, np.asarray(y, dtype=float), rcond=None)[0]
            return w, 0.0
        """, code="normal_equation.no_intercept", visible="No intercept"),
    Mistake("normal-equation-inv-fails-when-singular", "normal_equation", "it has no inverse", """
        def normal_equation(X, y):
            A = np.column_stack([np.asarray(X, dtype=float), np.ones(len(X))])
            theta = np.linalg.inv(A.T @ A) @ A.T @ np.asarray(y, dtype=float)
            return theta[:-1], float(theta[-1])
        """, code="normal_equation.inv_singular", visible="use np.linalg.lstsq or np.linalg.pinv"),
    Mistake("normal-equation-w-and-b-swapped", "normal_equation", "the pair is (w, b), the weights first", """
        def normal_equation(X, y):
            A = np.column_stack([np.asarray(X, dtype=float), np.ones(len(X))])
            theta = np.linalg.lstsq(A, np.asarray(y, dtype=float), rcond=None)[0]
            return float(theta[-1]), theta[:-1]
        """, code="normal_equation.swapped"),
    Mistake("normal-equation-squeezes", "normal_equation", "it must have shape (n,) = (1,)", """
        _reference_normal_equation = normal_equation
        def normal_equation(X, y):
            w, b = _reference_normal_equation(X, y)
            return np.squeeze(w), b
        """),
    Mistake("normal-equation-integer-b", "normal_equation", "returned the integer 0", """
        _reference_normal_equation = normal_equation
        def normal_equation(X, y):
            w, b = _reference_normal_equation(X, y)
            return w, round(b) if abs(b) < 1e-9 else b
        """, code="normal_equation.integer_number"),
    # ---------------------------------------------------------------- logistic_gradients
    Mistake("logistic-y-minus-a", "logistic_gradients", "dz = a − y (prediction minus label), not y − a", """
        def logistic_gradients(X, y, w, b):
            X = np.asarray(X, dtype=float)
            a = 1 / (1 + np.exp(-(X @ w + b)))
            dz = y - a
            return X.T @ dz / len(y), float(np.mean(dz))
        """, code="logistic_gradients.sign", visible="The sign is flipped"),
    Mistake("logistic-no-1-over-m", "logistic_gradients", "so divide by m", """
        def logistic_gradients(X, y, w, b):
            X = np.asarray(X, dtype=float)
            dz = 1 / (1 + np.exp(-(X @ w + b))) - y
            return X.T @ dz, float(np.sum(dz))
        """, code="logistic_gradients.no_mean", visible="divide by m = 4"),
    Mistake("logistic-mse-gradient", "logistic_gradients", "this is the gradient of the MSE of σ(z)", """
        def logistic_gradients(X, y, w, b):
            X = np.asarray(X, dtype=float)
            a = 1 / (1 + np.exp(-(X @ w + b)))
            dz = 2 * (a - y) * a * (1 - a)
            return X.T @ dz / len(y), float(np.mean(dz))
        """, code="logistic_gradients.mse_gradient"),
    Mistake("logistic-linear-mse-gradient", "logistic_gradients",
            "this is the gradient of the MSE of a linear model", """
        def logistic_gradients(X, y, w, b):
            X = np.asarray(X, dtype=float)
            r = X @ w + b - y
            return 2 * X.T @ r / len(y), float(2 * np.mean(r))
        """, code="logistic_gradients.mse_gradient"),
    Mistake("logistic-dw-per-example", "logistic_gradients", "one value per example", """
        def logistic_gradients(X, y, w, b):
            X = np.asarray(X, dtype=float)
            dz = 1 / (1 + np.exp(-(X @ w + b))) - y
            return dz * X.sum(axis=1) / len(y), float(np.mean(dz))
        """, code="logistic_gradients.per_example"),
    Mistake("logistic-no-bias", "logistic_gradients", "the bias is missing", """
        def logistic_gradients(X, y, w, b):
            X = np.asarray(X, dtype=float)
            dz = 1 / (1 + np.exp(-(X @ w))) - y
            return X.T @ dz / len(y), float(np.mean(dz))
        """, code="logistic_gradients.no_bias"),
    Mistake("logistic-naive-sigmoid-overflows", "logistic_gradients", "overflow", """
        def logistic_gradients(X, y, w, b):
            X = np.asarray(X, dtype=float)
            dz = 1 / (1 + np.exp(-(X @ w + b))) - y
            return X.T @ dz / len(y), float(np.mean(dz))
        """, code="logistic_gradients.warning.exp_overflow", visible="overflow encountered in exp"),
    Mistake("logistic-exp-over-one-plus-exp", "logistic_gradients", "not finite", """
        def logistic_gradients(X, y, w, b):
            X = np.asarray(X, dtype=float)
            e = np.exp(X @ w + b)
            dz = e / (1 + e) - y
            return X.T @ dz / len(y), float(np.mean(dz))
        """),
    Mistake("logistic-squeezes", "logistic_gradients", "it must have w's shape (1,)", """
        _reference_logistic_gradients = logistic_gradients
        def logistic_gradients(X, y, w, b):
            dw, db = _reference_logistic_gradients(X, y, w, b)
            return np.squeeze(dw), db
        """, visible="expected shape (1,)"),
    # ---------------------------------------------------------------- train_logistic_regression
    Mistake("train-ascends", "train_logistic_regression", "gradient ascent", """
        _reference_train = train_logistic_regression
        def train_logistic_regression(X, y, lr, steps):
            return _reference_train(X, y, -lr, steps)
        """, code="train_logistic_regression.ascent"),
    Mistake("train-ignores-lr", "train_logistic_regression", "use the lr argument", """
        _reference_train = train_logistic_regression
        def train_logistic_regression(X, y, lr, steps):
            return _reference_train(X, y, 0.1, steps)
        """, code="train_logistic_regression.ignores_lr"),
    Mistake("train-ignores-steps", "train_logistic_regression", "use the steps argument", """
        _reference_train = train_logistic_regression
        def train_logistic_regression(X, y, lr, steps):
            return _reference_train(X, y, lr, 100)
        """, code="train_logistic_regression.ignores_steps"),
    Mistake("train-random-start", "train_logistic_regression", "Start from zeros", """
        def train_logistic_regression(X, y, lr, steps):
            X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
            w, b = np.random.default_rng(0).normal(size=X.shape[1]), 0.0
            costs = []
            for _ in range(steps):
                z = X @ w + b
                a = 1 / (1 + np.exp(-z))
                costs.append(float(-np.mean(y * np.log(a) + (1 - y) * np.log(1 - a))))
                w, b = w - lr * X.T @ (a - y) / len(y), b - lr * float(np.mean(a - y))
            return w, b, costs
        """, code="train_logistic_regression.start"),
    Mistake("train-cost-after-update", "train_logistic_regression", "record the cost before each update", """
        def train_logistic_regression(X, y, lr, steps):
            X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
            w, b = np.zeros(X.shape[1]), 0.0
            costs = []
            for _ in range(steps):
                a = 1 / (1 + np.exp(-(X @ w + b)))
                w, b = w - lr * X.T @ (a - y) / len(y), b - lr * float(np.mean(a - y))
                a = 1 / (1 + np.exp(-(X @ w + b)))
                costs.append(float(-np.mean(y * np.log(a) + (1 - y) * np.log(1 - a))))
            return w, b, costs
        """, code="train_logistic_regression.start", visible="That is the cost after the first update"),
    Mistake("train-stops-on-a-cost-plateau", "train_logistic_regression", "no early exit",
            TRAIN_LOOP % "if costs and abs(costs[-1] - cost) < 1e-12: break",
            code="train_logistic_regression.early_stop"),
    Mistake("train-stops-on-a-small-gradient", "train_logistic_regression", "no early exit",
            TRAIN_LOOP % "if np.linalg.norm(dw) + abs(db) < 1e-8: break", code="train_logistic_regression.early_stop"),
    Mistake("train-stops-when-the-gradient-sums-to-0", "train_logistic_regression", "no early exit",
            TRAIN_LOOP % "if abs(dw.sum() + db) < 1e-10: break", code="train_logistic_regression.early_stop"),
    Mistake("train-log-of-probabilities", "train_logistic_regression", "not finite", """
        def train_logistic_regression(X, y, lr, steps):
            X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
            w, b = np.zeros(X.shape[1]), 0.0
            costs = []
            for _ in range(steps):
                a = 1 / (1 + np.exp(-(X @ w + b)))
                costs.append(float(-np.mean(y * np.log(a) + (1 - y) * np.log(1 - a))))
                w, b = w - lr * X.T @ (a - y) / len(y), b - lr * float(np.mean(a - y))
            return w, b, np.array(costs)
        """, code="train_logistic_regression.cost_not_finite", visible="every cost is finite"),
    Mistake("train-squeezes", "train_logistic_regression", "one cost per step, shape (1,)", """
        _reference_train = train_logistic_regression
        def train_logistic_regression(X, y, lr, steps):
            w, b, costs = _reference_train(X, y, lr, steps)
            return np.squeeze(w), b, np.squeeze(costs)
        """),
    Mistake("train-integer-bias", "train_logistic_regression", "returned the integer 0", """
        _reference_train = train_logistic_regression
        def train_logistic_regression(X, y, lr, steps):
            w, b, costs = _reference_train(X, y, lr, steps)
            return w, (0 if steps == 0 else b), costs
        """, code="train_logistic_regression.integer_number"),
    Mistake("normal-equation-inv-without-intercept", "normal_equation", "looks like a fit without the intercept", """
        def normal_equation(X, y):
            X = np.asarray(X, dtype=float)
            return np.linalg.inv(X.T @ X) @ X.T @ y, 0.0
        """, code="normal_equation.no_intercept", visible="No intercept"),
    Mistake("train-fixed-lr-and-cost-from-probabilities", "train_logistic_regression", "use the lr argument", """
        def train_logistic_regression(X, y, lr, steps):
            X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
            w, b, costs = np.zeros(X.shape[1]), 0.0, []
            for _ in range(steps):
                a = 1 / (1 + np.exp(-(X @ w + b)))
                costs.append(float(-np.mean(y * np.log(a) + (1 - y) * np.log(1 - a))))
                w, b = w - 0.1 * X.T @ (a - y) / len(y), b - 0.1 * float(np.mean(a - y))
            return w, b, costs
        """, code="train_logistic_regression.ignores_lr"),
]

# The students of the sample class beyond the generic ones every assignment has (``autograder.samples.sample_class``).
STUDENTS = [
    SampleStudent("chloe", "forward differences; mse gradients without the factor 2",
                  mistakes=("numgrad-forward-difference", "mse-grads-no-factor-2")),
    SampleStudent("dev", "trajectory rows alias one array; normal equation without the intercept",
                  mistakes=("gd-rows-alias-one-array", "normal-equation-inv-without-intercept")),
    SampleStudent("emma", "logistic gradient with y − a; training with a fixed learning rate",
                  mistakes=("logistic-y-minus-a", "train-fixed-lr-and-cost-from-probabilities")),
    SampleStudent("farid", "np.linalg.inv on a singular XᵀX; training from random weights",
                  mistakes=("normal-equation-inv-fails-when-singular", "train-random-start")),
    SampleStudent("grace", "infinite loop in gradient_descent",
                  {"gradient_descent": hostile("gradient_descent(grad_fn, theta0, lr, steps)", INFINITE_LOOP)}),
    SampleStudent("hugo", "memory bomb in normal_equation, os._exit in logistic_gradients",
                  {"normal_equation": hostile("normal_equation(X, y)", MEMORY_BOMB),
                   "logistic_gradients": hostile("logistic_gradients(X, y, w, b)", HARD_EXIT)}),
    SampleStudent("iris", "a syntax error in one cell, 100 MB of prints in another",
                  {"train_logistic_regression": "def train_logistic_regression(X, y, lr, steps)\n    return 0\n"},
                  extra_cells=(PRINT_FLOOD,)),
    SampleStudent("noah", "renamed numerical_gradient to numeric_gradient (a missing function)",
                  {"numerical_gradient": find(MISTAKES, "numgrad-forward-difference").cell.replace(
                      "def numerical_gradient", "def numeric_gradient")}),
    SampleStudent("olga", "gradient descent one step short", mistakes=("gd-one-step-short",)),
]
