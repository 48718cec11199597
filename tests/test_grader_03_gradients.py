"""The hidden graders of 03_gradients are honest: every mistake the assignment lists is rejected with a message
that names it (and its code), every correct alternative gets full marks, constant answers get nothing, the points
add up to the catalogue's, and the visible checks are never stricter than the graders.

Each wrong implementation is the reference solution with one function replaced (so the problem under test is
the only thing wrong); each correct alternative likewise.  Functions handed to the student's code are the
sandbox's counted families, as in grading.
"""
from __future__ import annotations

from grader_proof import GraderProof, Proof, right, wrong

PROOF = Proof("03_gradients")
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
PROBLEMS = PROOF.problems

# ================================================================ wrong implementations

WRONG = [
    # ---------------------------------------------------------------- numerical_gradient
    wrong("numgrad-forward-difference", "numerical_gradient", "looks like a forward difference", """
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
    wrong("numgrad-divides-by-h", "numerical_gradient", "divide by 2h, not h", """
        def numerical_gradient(f, x, h=1e-5):
            x = np.array(x, dtype=float)
            grad = np.zeros_like(x)
            for i in np.ndindex(x.shape):
                step = np.zeros_like(x)
                step[i] = h
                grad[i] = (f(x + step) - f(x - step)) / h
            return grad
        """, code="numerical_gradient.divided_by_h", visible="Twice the slope"),
    wrong("numgrad-changes-x-and-does-not-restore-it", "numerical_gradient", "changed its argument `x` in place", """
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
    wrong("numgrad-flattens", "numerical_gradient", "was flattened to 1-D", """
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
    wrong("numgrad-one-call-too-many", "numerical_gradient", "one call too many", """
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
    wrong("numgrad-fixed-h", "numerical_gradient", "not with the h you were given", """
        def numerical_gradient(f, x, h=1e-5):
            x = np.array(x, dtype=float)
            grad = np.zeros_like(x)
            for i in np.ndindex(x.shape):
                step = np.zeros_like(x)
                step[i] = 1e-5
                grad[i] = (f(x + step) - f(x - step)) / 2e-5
            return grad
        """, code="numerical_gradient.ignores_h", visible="use the h argument"),
    wrong("numgrad-squeezes", "numerical_gradient", "it must have x's shape (1,)", """
        _reference_numerical_gradient = numerical_gradient
        def numerical_gradient(f, x, h=1e-5):
            return np.squeeze(_reference_numerical_gradient(f, x, h))
        """, visible="expected shape (1,)"),
    # ---------------------------------------------------------------- mse_gradients
    wrong("mse-grads-no-factor-2", "mse_gradients", "keep the factor 2", """
        def mse_gradients(X, y, w, b):
            X = np.asarray(X, dtype=float)
            r = X @ w + b - y
            return X.T @ r / len(y), float(np.mean(r))
        """, code="mse_gradients.no_factor_2", visible="Half the gradient"),
    wrong("mse-grads-no-1-over-m", "mse_gradients", "divide the sum by m", """
        def mse_gradients(X, y, w, b):
            X = np.asarray(X, dtype=float)
            r = X @ w + b - y
            return 2 * X.T @ r, float(2 * np.mean(r))
        """, code="mse_gradients.no_mean", visible="divide by m = 3"),
    wrong("mse-grads-sign-flipped", "mse_gradients", "the sign is flipped", """
        def mse_gradients(X, y, w, b):
            X = np.asarray(X, dtype=float)
            r = y - (X @ w + b)
            return 2 * X.T @ r / len(y), float(2 * np.mean(r))
        """, code="mse_gradients.sign", visible="The sign is flipped"),
    wrong("mse-grads-db-summed", "mse_gradients", "db summed instead of averaged", """
        def mse_gradients(X, y, w, b):
            X = np.asarray(X, dtype=float)
            r = X @ w + b - y
            return 2 * X.T @ r / len(y), float(2 * np.sum(r))
        """, code="mse_gradients.db_summed"),
    wrong("mse-grads-dw-m-by-n", "mse_gradients", "one row per example, shape (m, n)", """
        def mse_gradients(X, y, w, b):
            X = np.asarray(X, dtype=float)
            r = X @ w + b - y
            return 2 * X * r[:, None] / len(y), float(2 * np.mean(r))
        """, code="mse_gradients.not_summed"),
    wrong("mse-grads-dw-length-m", "mse_gradients", "one value per example", """
        def mse_gradients(X, y, w, b):
            X = np.asarray(X, dtype=float)
            r = X @ w + b - y
            return 2 * np.mean(X.T * r, axis=0), float(2 * np.mean(r))
        """, code="mse_gradients.per_example"),
    wrong("mse-grads-swapped", "mse_gradients", "the pair is (dw, db), dw first", """
        def mse_gradients(X, y, w, b):
            X = np.asarray(X, dtype=float)
            r = X @ w + b - y
            return float(2 * np.mean(r)), 2 * X.T @ r / len(y)
        """, code="mse_gradients.swapped"),
    wrong("mse-grads-squeezes", "mse_gradients", "it must have w's shape (1,)", """
        _reference_mse_gradients = mse_gradients
        def mse_gradients(X, y, w, b):
            dw, db = _reference_mse_gradients(X, y, w, b)
            return np.squeeze(dw), db
        """, visible="expected shape (1,)"),
    wrong("mse-grads-db-in-a-list", "mse_gradients", "it must return a single number", """
        _reference_mse_gradients = mse_gradients
        def mse_gradients(X, y, w, b):
            dw, db = _reference_mse_gradients(X, y, w, b)
            return dw, [db]
        """, code="mse_gradients.type.list"),
    # ---------------------------------------------------------------- gradient_descent
    wrong("gd-without-theta0", "gradient_descent", "row 0 must be theta0 itself", """
        def gradient_descent(grad_fn, theta0, lr, steps):
            theta = np.array(theta0, dtype=float)
            path = []
            for _ in range(steps):
                theta = theta - lr * grad_fn(theta)
                path.append(theta)
            return np.array(path)
        """, code="gradient_descent.missing_theta0"),
    wrong("gd-one-step-short", "gradient_descent", "one step short", """
        def gradient_descent(grad_fn, theta0, lr, steps):
            theta = np.array(theta0, dtype=float)
            path = [theta]
            for _ in range(steps - 1):
                theta = theta - lr * grad_fn(theta)
                path.append(theta)
            return np.array(path)
        """, code="gradient_descent.one_step_short"),
    wrong("gd-ascent", "gradient_descent", "gradient ascent", """
        def gradient_descent(grad_fn, theta0, lr, steps):
            theta = np.array(theta0, dtype=float)
            path = [theta]
            for _ in range(steps):
                theta = theta + lr * grad_fn(theta)
                path.append(theta)
            return np.array(path)
        """, code="gradient_descent.ascent", visible="The parameters climb"),
    wrong("gd-modifies-theta0", "gradient_descent", "changed its argument `theta0` in place", """
        def gradient_descent(grad_fn, theta0, lr, steps):
            path = [theta0.copy()]
            for _ in range(steps):
                theta0 -= lr * grad_fn(theta0)
                path.append(theta0.copy())
            return np.array(path)
        """, code="gradient_descent.mutated_input", visible="changed the caller's theta0"),
    wrong("gd-rows-alias-one-array", "gradient_descent", "append a copy", """
        def gradient_descent(grad_fn, theta0, lr, steps):
            theta = np.array(theta0, dtype=float)
            path = [theta]
            for _ in range(steps):
                theta -= lr * grad_fn(theta)
                path.append(theta)
            return np.array(path)
        """, code="gradient_descent.aliased_rows", visible="Every row is the last θ"),
    wrong("gd-ignores-lr", "gradient_descent", "use the lr argument", """
        def gradient_descent(grad_fn, theta0, lr, steps):
            theta = np.array(theta0, dtype=float)
            path = [theta]
            for _ in range(steps):
                theta = theta - 0.1 * grad_fn(theta)
                path.append(theta)
            return np.array(path)
        """, code="gradient_descent.ignores_lr"),
    wrong("gd-stops-on-a-small-gradient", "gradient_descent", "no early exit", """
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
    wrong("gd-stops-when-the-gradient-sums-to-0", "gradient_descent", "no early exit", """
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
    wrong("gd-stops-when-theta-stops-moving", "gradient_descent", "no early exit", """
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
    wrong("gd-ignores-steps", "gradient_descent", "it must have shape (steps + 1, d) =", """
        _reference_gradient_descent = gradient_descent
        def gradient_descent(grad_fn, theta0, lr, steps):
            return _reference_gradient_descent(grad_fn, theta0, lr, 4)
        """),
    wrong("gd-squeezes", "gradient_descent", "don't np.squeeze", """
        _reference_gradient_descent = gradient_descent
        def gradient_descent(grad_fn, theta0, lr, steps):
            return np.squeeze(_reference_gradient_descent(grad_fn, theta0, lr, steps))
        """),
    # ---------------------------------------------------------------- normal_equation
    wrong("normal-equation-no-intercept", "normal_equation", "looks like a fit without the intercept", """
        def normal_equation(X, y):
            X = np.asarray(X, dtype=float)
            w = np.linalg.lstsq(X, np.asarray(y, dtype=float), rcond=None)[0]
            return w, 0.0
        """, code="normal_equation.no_intercept", visible="No intercept"),
    wrong("normal-equation-inv-fails-when-singular", "normal_equation", "it has no inverse", """
        def normal_equation(X, y):
            A = np.column_stack([np.asarray(X, dtype=float), np.ones(len(X))])
            theta = np.linalg.inv(A.T @ A) @ A.T @ np.asarray(y, dtype=float)
            return theta[:-1], float(theta[-1])
        """, code="normal_equation.inv_singular", visible="use np.linalg.lstsq or np.linalg.pinv"),
    wrong("normal-equation-w-and-b-swapped", "normal_equation", "the pair is (w, b), the weights first", """
        def normal_equation(X, y):
            A = np.column_stack([np.asarray(X, dtype=float), np.ones(len(X))])
            theta = np.linalg.lstsq(A, np.asarray(y, dtype=float), rcond=None)[0]
            return float(theta[-1]), theta[:-1]
        """, code="normal_equation.swapped"),
    wrong("normal-equation-squeezes", "normal_equation", "it must have shape (n,) = (1,)", """
        _reference_normal_equation = normal_equation
        def normal_equation(X, y):
            w, b = _reference_normal_equation(X, y)
            return np.squeeze(w), b
        """),
    wrong("normal-equation-integer-b", "normal_equation", "returned the integer 0", """
        _reference_normal_equation = normal_equation
        def normal_equation(X, y):
            w, b = _reference_normal_equation(X, y)
            return w, round(b) if abs(b) < 1e-9 else b
        """, code="normal_equation.integer_number"),
    # ---------------------------------------------------------------- logistic_gradients
    wrong("logistic-y-minus-a", "logistic_gradients", "dz = a − y (prediction minus label), not y − a", """
        def logistic_gradients(X, y, w, b):
            X = np.asarray(X, dtype=float)
            a = 1 / (1 + np.exp(-(X @ w + b)))
            dz = y - a
            return X.T @ dz / len(y), float(np.mean(dz))
        """, code="logistic_gradients.sign", visible="The sign is flipped"),
    wrong("logistic-no-1-over-m", "logistic_gradients", "so divide by m", """
        def logistic_gradients(X, y, w, b):
            X = np.asarray(X, dtype=float)
            dz = 1 / (1 + np.exp(-(X @ w + b))) - y
            return X.T @ dz, float(np.sum(dz))
        """, code="logistic_gradients.no_mean", visible="divide by m = 4"),
    wrong("logistic-mse-gradient", "logistic_gradients", "this is the gradient of the MSE of σ(z)", """
        def logistic_gradients(X, y, w, b):
            X = np.asarray(X, dtype=float)
            a = 1 / (1 + np.exp(-(X @ w + b)))
            dz = 2 * (a - y) * a * (1 - a)
            return X.T @ dz / len(y), float(np.mean(dz))
        """, code="logistic_gradients.mse_gradient"),
    wrong("logistic-linear-mse-gradient", "logistic_gradients", "this is the gradient of the MSE of a linear model", """
        def logistic_gradients(X, y, w, b):
            X = np.asarray(X, dtype=float)
            r = X @ w + b - y
            return 2 * X.T @ r / len(y), float(2 * np.mean(r))
        """, code="logistic_gradients.mse_gradient"),
    wrong("logistic-dw-per-example", "logistic_gradients", "one value per example", """
        def logistic_gradients(X, y, w, b):
            X = np.asarray(X, dtype=float)
            dz = 1 / (1 + np.exp(-(X @ w + b))) - y
            return dz * X.sum(axis=1) / len(y), float(np.mean(dz))
        """, code="logistic_gradients.per_example"),
    wrong("logistic-no-bias", "logistic_gradients", "the bias is missing", """
        def logistic_gradients(X, y, w, b):
            X = np.asarray(X, dtype=float)
            dz = 1 / (1 + np.exp(-(X @ w))) - y
            return X.T @ dz / len(y), float(np.mean(dz))
        """, code="logistic_gradients.no_bias"),
    wrong("logistic-naive-sigmoid-overflows", "logistic_gradients", "overflow", """
        def logistic_gradients(X, y, w, b):
            X = np.asarray(X, dtype=float)
            dz = 1 / (1 + np.exp(-(X @ w + b))) - y
            return X.T @ dz / len(y), float(np.mean(dz))
        """, code="logistic_gradients.warning.exp_overflow", visible="overflow encountered in exp"),
    wrong("logistic-exp-over-one-plus-exp", "logistic_gradients", "not finite", """
        def logistic_gradients(X, y, w, b):
            X = np.asarray(X, dtype=float)
            e = np.exp(X @ w + b)
            dz = e / (1 + e) - y
            return X.T @ dz / len(y), float(np.mean(dz))
        """),
    wrong("logistic-squeezes", "logistic_gradients", "it must have w's shape (1,)", """
        _reference_logistic_gradients = logistic_gradients
        def logistic_gradients(X, y, w, b):
            dw, db = _reference_logistic_gradients(X, y, w, b)
            return np.squeeze(dw), db
        """, visible="expected shape (1,)"),
    # ---------------------------------------------------------------- train_logistic_regression
    wrong("train-ascends", "train_logistic_regression", "gradient ascent", """
        _reference_train = train_logistic_regression
        def train_logistic_regression(X, y, lr, steps):
            return _reference_train(X, y, -lr, steps)
        """, code="train_logistic_regression.ascent"),
    wrong("train-ignores-lr", "train_logistic_regression", "use the lr argument", """
        _reference_train = train_logistic_regression
        def train_logistic_regression(X, y, lr, steps):
            return _reference_train(X, y, 0.1, steps)
        """, code="train_logistic_regression.ignores_lr"),
    wrong("train-ignores-steps", "train_logistic_regression", "use the steps argument", """
        _reference_train = train_logistic_regression
        def train_logistic_regression(X, y, lr, steps):
            return _reference_train(X, y, lr, 100)
        """, code="train_logistic_regression.ignores_steps"),
    wrong("train-random-start", "train_logistic_regression", "Start from zeros", """
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
    wrong("train-cost-after-update", "train_logistic_regression", "record the cost before each update", """
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
    wrong("train-stops-on-a-cost-plateau", "train_logistic_regression", "no early exit",
          TRAIN_LOOP % "if costs and abs(costs[-1] - cost) < 1e-12: break",
          code="train_logistic_regression.early_stop"),
    wrong("train-stops-on-a-small-gradient", "train_logistic_regression", "no early exit",
          TRAIN_LOOP % "if np.linalg.norm(dw) + abs(db) < 1e-8: break", code="train_logistic_regression.early_stop"),
    wrong("train-stops-when-the-gradient-sums-to-0", "train_logistic_regression", "no early exit",
          TRAIN_LOOP % "if abs(dw.sum() + db) < 1e-10: break", code="train_logistic_regression.early_stop"),
    wrong("train-log-of-probabilities", "train_logistic_regression", "not finite", """
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
    wrong("train-squeezes", "train_logistic_regression", "one cost per step, shape (1,)", """
        _reference_train = train_logistic_regression
        def train_logistic_regression(X, y, lr, steps):
            w, b, costs = _reference_train(X, y, lr, steps)
            return np.squeeze(w), b, np.squeeze(costs)
        """),
    wrong("train-integer-bias", "train_logistic_regression", "returned the integer 0", """
        _reference_train = train_logistic_regression
        def train_logistic_regression(X, y, lr, steps):
            w, b, costs = _reference_train(X, y, lr, steps)
            return w, (0 if steps == 0 else b), costs
        """, code="train_logistic_regression.integer_number"),
]

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
