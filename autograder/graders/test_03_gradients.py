"""Hidden graders for assignment 03_gradients (see assignments/03_gradients.toml).

Each test is worth 0.5 points; per problem they add up to the catalogue's
points.  The first line of each docstring is shown to students.  Expected
values come from the ``reference`` solutions, run here on the same functions
the student's code receives (``autograder/grading/handed_functions.py``); the closeness rule and
default tolerances (|got − expected| ≤ 1e-12 + 1e-7·|expected|) are those of
``autograder.checks``.  Tests that use other tolerances say so:

* ``NUMGRAD_ATOL`` (1e-8) for central differences: two correct programs
  evaluate the same f at the same points, so they agree to the rounding of
  f(x ± h)/2h (~1e-10 here), while a forward difference is off by ~h·f''/2
  (≥ 1e-5 on these functions);
* ``FIT_ATOL`` (1e-9) where the right answer is 0 (an intercept of 0 comes
  out of lstsq, pinv or inv as ±1e-16);
* ``TRAIN_RTOL`` (1e-6) for training: every correct loop does the same
  arithmetic in a different order, and a cost computed from clipped
  probabilities (ε ≤ 1e-7) agrees to ~1e-7 on these data, whose scores
  stay within |z| < 10.

* ``LARGE_SCORE_ATOL`` (1e-6) for the costs of a training whose scores grow
  to several hundred: there every example costs about e^(−|z|) ≈ 0, a cost
  from probabilities clipped at any ε ≤ 1e-7 (which the notebook allows)
  gives ~ε instead, and a cost of log(0) gives inf or nan.

Functions handed to student code are the grading side's (``student.function``):
the student's code gets a stub that calls back, and the grader counts the
calls.  Random cases use fixed seeds and shapes whose dimensions differ
(m ≠ n ≠ 1); every batch function (``batch`` in the catalogue) is also graded
on a single example (m = 1), with one feature (n = 1) where a squeezed result
would lose an axis.  Every parameter is used with values for which ignoring it
(a fixed h, lr or number of steps) changes the result; the loops that must
make exactly ``steps`` updates are graded from a minimum (zero gradient) and
with a gradient whose components add up to 0, so that no early exit passes.
``train_logistic_regression`` may call the student's ``logistic_gradients``:
while it is graded, a correct one stands in for it (one mistake, one penalty).

Each test names the Spec bullets it checks with ``@spec("<problem>.<clause>")``:
the ids are the HTML comments at the end of the bullets of the notebook's Spec
blocks; every bullet is named by at least one test.
"""
from __future__ import annotations

import functools
import math

import numpy as np
import pytest

from autograder import checks
from autograder.checks import Hint, call_text, like
from autograder.grading import handed_functions
from autograder.messages import say

ASSIGNMENT = "03_gradients"
problem = pytest.mark.problem
spec = pytest.mark.spec

NUMGRAD_ATOL = 1e-8
FIT_ATOL = 1e-9
TRAIN_RTOL = 1e-6
LARGE_SCORE_ATOL = 1e-6
LECTURE_POINTS = {"x": [0.0, 1.0, 1.0], "y": [0.0, 1.0, 2.0]}  # lecture 004: fit (0, 0), (1, 1), (1, 2)


def _quiet(f, *args):
    """Evaluate a mistaken formula (for recognising it) without warnings."""
    with np.errstate(all="ignore"):
        return f(*args)


def _f64(*arrays):
    return [np.asarray(a, dtype=np.float64) for a in arrays]


def _check_not_per_example(call: str, got_dw, X, problem_id: str) -> None:
    """dw with one value per example (shape (m,)) instead of one per weight (n,): a sum over examples is missing."""
    m, n = np.shape(X)
    if isinstance(got_dw, np.ndarray) and got_dw.shape == (m,) and m != n:
        raise checks.WrongShape(say("03_gradients.dw_per_example",
                                    "{call} returned dw of shape ({m},), one value per example; dw has one value per "
                                    "weight, shape ({n},): multiply by X and sum over the examples, Xᵀ(...) / m.",
                                    call=call, m=m, n=n), f"{problem_id}.per_example")


def _sigmoid(z):
    return np.exp(-np.logaddexp(0.0, -np.asarray(z, dtype=np.float64)))


def _is_integer_number(value) -> bool:
    return (isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_))) or (
        isinstance(value, np.ndarray) and value.ndim == 0 and value.dtype.kind in "iu")


def _check_float_number(call: str, got, expected, problem_id: str) -> None:
    """A single number that must be a float: an integer one (a bias left as ``b = 0``) is told so plainly.

    (The shared integer-output hint speaks of arrays made with np.empty_like, which is not this situation.)
    """
    if _is_integer_number(got):
        raise checks.WrongDtype(say(
            "03_gradients.integer_number",
            "{call} returned the integer {n}; it must be a float (expected {expected})."
            "\nA number that happens to be whole still comes back as a float: start from 0.0 rather than 0, or "
            "convert with float(...).", call=call, n=int(got), expected=checks.describe(float(expected))),
            f"{problem_id}.integer_number")


def _check_diagnosed(call: str, got, expected, diagnoses, problem_id: str, **options) -> None:
    """``checks.check_value``, where the mistakes in ``diagnoses`` are named only for a wrong value.

    A wrong type (a list, a tensor, an integer) is told as such, never as a wrong value that it resembles.
    """
    if np.ndim(expected) == 0:
        _check_float_number(call, got, expected, problem_id)
        if not (isinstance(got, (float, np.floating)) or isinstance(got, np.ndarray) and got.ndim == 0):
            checks.check_scalar(call, got, expected)  # not a single float: says so, with no value diagnosis
    elif not isinstance(got, np.ndarray) or got.dtype != np.float64:
        checks.check_array_form(call, got, np.shape(expected), shape_means=options.get("shape_means", "shape"))
    checks.check_value(call, got, expected, diagnoses=diagnoses, **options)


# ================================================================ numerical_gradient

def _function(student, family: str, **params):
    """The family's function twice: for the student (a stub there that calls it here, counted) and for the reference."""
    return student.function(family, **params), handed_functions.build(family, params)


def _numgrad_mistakes(f_local, x, expected, h=1e-5) -> list[checks.Like]:
    x = np.asarray(x, dtype=np.float64)
    forward, backward = np.zeros_like(x), np.zeros_like(x)
    f0 = f_local(x)
    for i in np.ndindex(x.shape):
        step = np.zeros_like(x)
        step[i] = h
        forward[i] = (f_local(x + step) - f0) / h
        backward[i] = (f0 - f_local(x - step)) / h
    return [
        like(forward, say("03_gradients.numgrad_forward_difference",
                          "looks like a forward difference (f(x + h) − f(x)) / h: its error grows like h; use the "
                          "central difference (f(x + h) − f(x − h)) / 2h, whose error grows like h²"),
             code="numerical_gradient.forward_difference"),
        like(backward, say("03_gradients.numgrad_backward_difference",
                           "looks like a backward difference (f(x) − f(x − h)) / h: its error grows like h; use the "
                           "central difference (f(x + h) − f(x − h)) / 2h"),
             code="numerical_gradient.forward_difference"),
        like(2 * expected, say("03_gradients.numgrad_divided_by_h",
                               "twice the gradient: the two points x ± h are 2h apart, so divide by 2h, not h"),
             code="numerical_gradient.divided_by_h"),
        like(expected.ravel(), say("03_gradients.numgrad_flattened",
                                   "the gradient has the right values but was flattened to 1-D: return it in x's "
                                   "shape (np.zeros_like(x), or .reshape(x.shape))"),
             code="numerical_gradient.flattened"),
    ]


def _check_numgrad(student, reference, family: str, at, params: dict, h=None):
    """Check numerical_gradient(f, at) (or (f, at, h)) for the family's function f with these parameters."""
    f, f_local = _function(student, family, **params)
    shown = "numerical_gradient(f, " + checks.describe(at) + (")" if h is None else f", h={h:g})")
    text = say("03_gradients.numgrad_call", "{shown} with f a {family} function", shown=shown,
               family=family.replace('_', ' '))
    if h is None:
        call = student.call("numerical_gradient", f, at)
        expected = reference.numerical_gradient(f_local, at)
    else:
        call = student.call("numerical_gradient", f, at, h)
        expected = reference.numerical_gradient(f_local, at, h)

    def mistakes():
        found = _numgrad_mistakes(f_local, at, expected, 1e-5 if h is None else h)
        if h is not None and h != 1e-5:
            found.insert(0, like(reference.numerical_gradient(f_local, at),
                                 say("03_gradients.numgrad_ignores_h", "these are the central differences with "
                                     "h = 1e-5, not with the h you were given (h = {h:g}): use the h argument", h=h),
                                 code="numerical_gradient.ignores_h"))
        return found
    _check_diagnosed(text, call.value, expected, mistakes, "numerical_gradient",
                     shape_means=say("03_gradients.shape_of_x", "x's shape"), atol=NUMGRAD_ATOL)
    return call, text, f


@problem("numerical_gradient", points=0.5)
@spec("numerical_gradient.central_difference", "numerical_gradient.f_of_an_array")
def test_numgrad_of_the_lecture_loss_and_a_quadratic_form(student, reference):
    """numerical_gradient of the lecture's L(w₀, w₁) at (1, 1) is (4, 2); of x·Ax + b·x it matches (A + Aᵀ)x + b (to 1e-8)"""
    _check_numgrad(student, reference, "linear_least_squares", np.array([1.0, 1.0]), LECTURE_POINTS)
    _check_numgrad(student, reference, "linear_least_squares", np.array([0.3, -0.8]), LECTURE_POINTS)
    rng = np.random.default_rng(3101)
    A, b = rng.normal(size=(4, 4)), rng.normal(size=4)
    _check_numgrad(student, reference, "quadratic_form", rng.normal(size=4), {"A": A.tolist(), "b": b.tolist()})


@problem("numerical_gradient", points=0.5)
@spec("numerical_gradient.uses_h", "numerical_gradient.central_difference")
def test_numgrad_uses_its_h(student, reference):
    """numerical_gradient uses the h it is given: for x³ at x = 1, h = 0.1 gives 3 + h² = 3.01; sines with h = 0.01"""
    _check_numgrad(student, reference, "polynomial", np.array(1.0), {"coefficients": [0.0, 0.0, 0.0, 1.0]}, h=0.1)
    rng = np.random.default_rng(3104)
    params = {"amplitudes": rng.uniform(0.5, 2.0, 3).tolist(), "frequencies": rng.uniform(1.0, 3.0, 3).tolist()}
    _check_numgrad(student, reference, "sum_of_sines", rng.normal(size=3), params, h=0.01)


@problem("numerical_gradient", points=0.5)
@spec("numerical_gradient.x_any_shape", "numerical_gradient.shape_of_x")
def test_numgrad_keeps_the_shape_of_x(student, reference):
    """numerical_gradient keeps x's shape: (2, 3) gives (2, 3), (1,) gives (1,), (1, 3) gives (1, 3), a 0-d x a 0-d gradient"""
    rng = np.random.default_rng(3102)
    params = {"amplitudes": rng.uniform(0.5, 2.0, 6).tolist(), "frequencies": rng.uniform(0.5, 3.0, 6).tolist()}
    _check_numgrad(student, reference, "sum_of_sines", rng.normal(size=(2, 3)), params)
    _check_numgrad(student, reference, "sum_of_sines", np.array(0.7), {"amplitudes": [1.5], "frequencies": [2.0]})
    _check_numgrad(student, reference, "sum_of_sines", np.array([-0.4]), {"amplitudes": [0.8], "frequencies": [1.5]})
    _check_numgrad(student, reference, "sum_of_sines", rng.normal(size=(1, 3)),
                   {"amplitudes": params["amplitudes"][:3], "frequencies": params["frequencies"][:3]})


@problem("numerical_gradient", points=0.5)
@spec("numerical_gradient.two_calls_per_element", "numerical_gradient.x_unchanged")
def test_numgrad_calls_f_twice_per_coordinate_and_leaves_x_unchanged(student, reference):
    """numerical_gradient calls f exactly 2 times per element of x (5 elements: 10 calls) and leaves x unchanged"""
    rng = np.random.default_rng(3103)
    x = rng.normal(size=5)
    call, text, f = _check_numgrad(student, reference, "quadratic", x, {"center": rng.normal(size=5).tolist(),
                                                                         "scale": 1.5})
    checks.check_not_mutated(text, call, ["x"])
    calls = f.calls
    if calls != 2 * x.size:
        hint = {x.size + 1: say("03_gradients.numgrad_calls_forward",
                                " (d + 1 calls: a forward difference, f(x) once plus f(x + h·e_i) per coordinate?)"),
                2 * x.size + 1: say("03_gradients.numgrad_calls_one_more",
                                    " (one call too many: is f(x) itself evaluated too?)")}.get(calls, "")
        raise checks.WrongValue(say("03_gradients.numgrad_call_count",
                                    "{call} called f {calls} times; a central difference calls it exactly 2 times per "
                                    "element of x, {expected} times here{hint}.",
                                    call=text, calls=calls, expected=2 * x.size, hint=hint),
                                "numerical_gradient.call_count")


# ================================================================ mse_gradients

GRADIENT_NAMES = ("X", "y", "w", "b")


def _mse_grad_mistakes(X, y, w, b) -> tuple[list[checks.Like], list[checks.Like]]:
    """The typical wrong (dw, db), as two lists of diagnoses."""
    X, y, w = _f64(X, y, w)
    m = X.shape[0]
    r = X @ w + b - y
    dw, db = 2 * X.T @ r / m, 2 * r.mean()
    on_dw = [
        like(dw / 2, say("03_gradients.mse_half_gradient",
                         "half the gradient: d/dŷ (ŷ − y)² = 2(ŷ − y); keep the factor 2"),
             code="mse_gradients.no_factor_2"),
        like(dw * m, say("03_gradients.mse_m_times", "m times the gradient: J is a mean, so divide the sum by m"),
             code="mse_gradients.no_mean"),
        like(-dw, say("03_gradients.mse_sign", "the sign is flipped: with r = Xw + b − y (prediction minus target) "
                                               "the gradient is +(2/m)Xᵀr"),
             code="mse_gradients.sign"),
        like(2 * X * r[:, None] / m, say("03_gradients.mse_not_summed",
                                         "one row per example, shape (m, n): sum over the examples, Xᵀr (np.sum(..., "
                                         "axis=0) of your array)"),
             code="mse_gradients.not_summed"),
    ]
    on_db = [
        like(db / 2, say("03_gradients.mse_half_db", "half db: keep the factor 2"), code="mse_gradients.no_factor_2"),
        like(db * m, say("03_gradients.mse_db_summed", "db summed instead of averaged: divide by m (2·mean(r))"),
             code="mse_gradients.db_summed"),
        like(-db, say("03_gradients.mse_db_sign", "the sign of db is flipped: db = (2/m) Σ (Xw + b − y)"),
             code="mse_gradients.sign"),
    ]
    return on_dw, on_db


def _check_gradient_pair(student, problem_id: str, expected: tuple, mistakes, X, y, w, b):
    """Check ``problem_id(X, y, w, b)`` = (dw, db): a pair, dw first, one value per weight, then the values.

    ``mistakes()`` gives the typical wrong (dw, db) as two lists of diagnoses; it runs only if a check fails.
    """
    text = call_text(problem_id, X, y, w, b, names=GRADIENT_NAMES)
    call = student.call(problem_id, X, y, w, b)
    got_dw, got_db = checks.check_tuple(text, call.value, ("dw", "db"), "type.not_a_pair")
    if np.ndim(got_dw) == 0 and np.ndim(got_db) == 1:
        raise checks.WrongType(say("03_gradients.gradients_swapped",
                                   "{call} returned (a number, an array): the pair is (dw, db), dw first.", call=text),
                               f"{problem_id}.swapped")
    _check_not_per_example(text, got_dw, X, problem_id)
    mistakes = functools.cache(mistakes)
    dw, db = expected
    _check_diagnosed(say("03_gradients.part_of", "{part} of {call}", part="dw", call=text), got_dw, dw,
                     lambda: mistakes()[0], problem_id, shape_means=say("03_gradients.shape_of_w", "w's shape"))
    _check_diagnosed(say("03_gradients.part_of", "{part} of {call}", part="db", call=text), got_db, db,
                     lambda: mistakes()[1], problem_id)
    return call, text


def _check_mse_grads(student, reference, X, y, w, b):
    return _check_gradient_pair(student, "mse_gradients", reference.mse_gradients(X, y, w, b),
                                lambda: _mse_grad_mistakes(X, y, w, b), X, y, w, b)


@problem("mse_gradients", points=0.5)
@spec("mse_gradients.returns_dw_db", "mse_gradients.factor_2_over_m")
def test_mse_gradients_worked_example(student, reference):
    """mse_gradients for the lecture's points (0, 0), (1, 1), (1, 2) at w = [1], b = 1 is dw = [2/3], db = 4/3"""
    _check_mse_grads(student, reference, np.array([[0.0], [1.0], [1.0]]), np.array([0.0, 1.0, 2.0]),
                     np.array([1.0]), 1.0)
    _check_mse_grads(student, reference, np.array([[0.0], [1.0], [1.0]]), np.array([0.0, 1.0, 2.0]),
                     np.array([1.0]), 0.0)


@problem("mse_gradients", points=0.5)
@spec("mse_gradients.shapes", "mse_gradients.returns_dw_db")
def test_mse_gradients_random_batch_and_single_example(student, reference):
    """mse_gradients of a random batch X (7, 3), and of a single example X (1, 3) and X (1, 1): dw has w's shape"""
    rng = np.random.default_rng(3201)
    X, y, w = rng.normal(size=(7, 3)), rng.normal(size=7), rng.normal(size=3)
    _check_mse_grads(student, reference, X, y, w, 0.7)
    _check_mse_grads(student, reference, X[:1], y[:1], w, -0.3)
    _check_mse_grads(student, reference, X[1:2, :1], y[1:2], w[:1], 1.2)


@problem("mse_gradients", points=0.5)
@spec("mse_gradients.integer_inputs")
def test_mse_gradients_integer_inputs(student, reference):
    """mse_gradients accepts integer X (5, 2), y, w and b and returns floats"""
    rng = np.random.default_rng(3202)
    X, y, w = rng.integers(-3, 4, size=(5, 2)), rng.integers(-2, 3, size=5), rng.integers(-1, 2, size=2)
    _check_mse_grads(student, reference, X, y, w, 2)


@problem("mse_gradients", points=0.5)
@spec("mse_gradients.inputs_unchanged")
def test_mse_gradients_leave_inputs_unchanged(student, reference):
    """mse_gradients does not modify the caller's X, y or w"""
    rng = np.random.default_rng(3203)
    X, y, w = rng.normal(size=(6, 4)), rng.normal(size=6), rng.normal(size=4)
    call, text = _check_mse_grads(student, reference, X, y, w, -0.4)
    checks.check_not_mutated(text, call, ["X", "y", "w"])


# ================================================================ gradient_descent

LECTURE_SLIP = np.array([[1.0, 1.0], [0.6, 0.8], [0.54, 0.84], [0.480, 0.888], [0.4368, 0.9408]])


def _gd_mistakes(reference, grad_local, theta0, lr, steps, expected) -> list[checks.Like]:
    theta0 = np.asarray(theta0, dtype=np.float64)
    found = [
        like(reference.gradient_descent(grad_local, theta0, -lr, steps),
             say("03_gradients.gd_ascent", "the parameters climb: θ ← θ − lr·gradient steps downhill, you added the "
                                           "gradient (gradient ascent)"),
             code="gradient_descent.ascent"),
        like(expected[1:], say("03_gradients.gd_missing_theta0",
                               "row 0 must be theta0 itself: the trajectory has steps + 1 rows, the start and one row "
                               "after each step"),
             code="gradient_descent.missing_theta0"),
        like(expected[:-1], say("03_gradients.gd_one_step_short",
                                "one step short: steps updates give steps + 1 rows (theta0 and one per step)"),
             code="gradient_descent.one_step_short"),
        like(np.tile(expected[-1], (len(expected), 1)),
             say("03_gradients.gd_aliased_rows", "every row is the final θ: you appended the same array each "
                 "time and then changed it in place (θ -= ...); append a copy (θ.copy()) or compute a new θ = θ − ..."),
             code="gradient_descent.aliased_rows"),
    ]
    if lr != 0.1:
        found.append(like(reference.gradient_descent(grad_local, theta0, 0.1, steps),
                          say("03_gradients.gd_ignores_lr",
                              "these are the steps for lr = 0.1, not lr = {lr:g}: use the lr argument", lr=lr),
                          code="gradient_descent.ignores_lr"))
    if steps == 4 and expected.shape == (5, 2):
        found.append(like(LECTURE_SLIP, say("03_gradients.gd_lecture_slip",
                                            "these are the lecture's printed numbers, which slip at step 2 "
                                            "(0.6 − 0.1·(4·0.8 + 6·0.6 − 6) is 0.52, not 0.54): compute the steps"),
                          code="gradient_descent.lecture_slip"))
    return found


def _check_gd(student, reference, family: str, theta0, lr, steps, params: dict):
    """Check gradient_descent(grad_fn, theta0, lr, steps) for the family's gradient with these parameters."""
    grad, grad_local = _function(student, family, **params)
    text = "gradient_descent(grad_fn, theta0=" + checks.describe(theta0) + f", lr={lr:g}, steps={steps})"
    call = student.call("gradient_descent", grad, theta0, lr, steps)
    expected = reference.gradient_descent(grad_local, theta0, lr, steps)
    got = call.value
    if isinstance(got, np.ndarray) and got.ndim == 2 and got.shape[1:] == expected.shape[1:] \
            and 1 <= got.shape[0] < expected.shape[0] - 1 and np.allclose(got, expected[:got.shape[0]]):
        rows = (say("03_gradients.n_rows", "{n} rows", n=got.shape[0]) if got.shape[0] > 1
                else say("03_gradients.one_row", "{n} row", n=got.shape[0]))
        raise checks.WrongShape(say(
            "03_gradients.gd_early_stop",
            "{call} returned {rows}, the start of the right trajectory, and then stopped; it must make exactly "
            "steps = {steps} updates ({rows_needed} rows): use the steps argument, `for _ in range(steps)`, with no "
            "early exit, even where the gradient is 0 (at a minimum) or its components add up to 0.",
            call=text, rows=rows, steps=steps, rows_needed=steps + 1),
            "gradient_descent.early_stop")
    _check_diagnosed(text, got, expected, lambda: _gd_mistakes(reference, grad_local, theta0, lr, steps, expected),
                     "gradient_descent", shape_means=say("03_gradients.shape_steps_plus_1", "shape (steps + 1, d) ="),
                     where=say("03_gradients.where_row", "row"))
    return call, text, grad


@problem("gradient_descent", points=0.5)
@spec("gradient_descent.trajectory", "gradient_descent.grad_fn")
def test_gd_reproduces_the_lecture_table(student, reference):
    """gradient_descent on the lecture's L from (1, 1) with lr 0.1: (0.6, 0.8), (0.52, 0.84), (0.472, 0.896), (0.4304, 0.9488)"""
    # Each step is a call-back to this process: the lecture's 4 steps here, its 100 in the visible check.
    _check_gd(student, reference, "linear_least_squares_gradient", np.array([1.0, 1.0]), 0.1, 4, LECTURE_POINTS)


@problem("gradient_descent", points=0.5)
@spec("gradient_descent.copies", "gradient_descent.theta0")
def test_gd_rows_are_copies_and_theta0_is_unchanged(student, reference):
    """gradient_descent on a quadratic in 3 parameters (lr 0.25, 3 steps): every row its own copy, theta0 unchanged"""
    rng = np.random.default_rng(3301)
    theta0 = rng.normal(size=3)
    call, text, _ = _check_gd(student, reference, "quadratic_gradient", theta0, 0.25, 3,
                              {"center": rng.normal(size=3).tolist(), "scale": 0.5})
    checks.check_not_mutated(text, call, ["theta0"])


@problem("gradient_descent", points=0.5)
@spec("gradient_descent.lr_steps", "gradient_descent.zero_steps", "gradient_descent.theta0")
def test_gd_uses_lr_and_steps(student, reference):
    """gradient_descent uses its lr (0.05 and 0.3) and its steps (6, 2, and 0: just theta0, shape (1, d)), with d = 3 and d = 1"""
    rng = np.random.default_rng(3302)
    X, y = rng.normal(size=(12, 2)), (rng.uniform(size=12) < 0.5).astype(float)
    params = {"X": X.tolist(), "y": y.tolist()}
    for lr in (0.05, 0.3):
        _check_gd(student, reference, "logistic_cost_gradient", np.array([0.5, -0.5, 0.1]), lr, 6, params)
    _check_gd(student, reference, "logistic_cost_gradient", np.array([0.5, -0.5, 0.1]), 0.3, 0, params)
    one = {"center": [0.4], "scale": 1.0}
    _check_gd(student, reference, "quadratic_gradient", np.array([2.0]), 0.2, 2, one)
    _check_gd(student, reference, "quadratic_gradient", np.array([2.0]), 0.2, 0, one)


@problem("gradient_descent", points=0.5)
@spec("gradient_descent.exactly_steps")
def test_gd_makes_every_step_from_a_minimum_and_with_a_cancelling_gradient(student, reference):
    """gradient_descent makes exactly `steps` updates from a minimum (gradient 0: 6 equal rows) and where the gradient's components add up to 0"""
    center = [0.5, -1.0, 2.0, 0.25]
    _check_gd(student, reference, "quadratic_gradient", np.array(center), 0.1, 5, {"center": center, "scale": 1.0})
    start = np.array(center) + np.array([1.0, -1.0, 0.5, -0.5])  # the gradient 2(θ − center) always sums to 0
    _check_gd(student, reference, "quadratic_gradient", start, 0.1, 5, {"center": center, "scale": 1.0})


# ================================================================ normal_equation

SINGULAR = Hint("normal_equation.inv_singular",
                say("03_gradients.inv_singular",
                    "XᵀX (with the column of ones) is singular here, so it has no inverse: use np.linalg.lstsq(A, y, "
                    "rcond=None) or np.linalg.pinv(A) @ y, which give the minimum-norm solution"))


def _fit_mistakes(X, y) -> list[checks.Like]:
    X, y = _f64(X, y)
    no_intercept = np.linalg.lstsq(X, y, rcond=None)[0]
    return [like(no_intercept, say("03_gradients.no_intercept",
                                   "looks like a fit without the intercept: append a column of ones to X, "
                                   "A = [X, 1], so the last coefficient is b"),
                 code="normal_equation.no_intercept")]


def _check_fit(student, reference, X, y, unique=True):
    text = call_text("normal_equation", X, y, names=("X", "y"))
    with checks.explain_errors({"Singular matrix": SINGULAR}):
        call = student.call("normal_equation", X, y)
    got_w, got_b = checks.check_tuple(text, call.value, ("w", "b"), "type.not_a_pair")
    w, b = reference.normal_equation(X, y)
    if np.ndim(got_w) == 0 and np.ndim(got_b) == 1:
        raise checks.WrongType(say("03_gradients.fit_swapped",
                                   "{call} returned (a number, an array): the pair is (w, b), the weights first.",
                                   call=text),
                               "normal_equation.swapped")
    w_of = say("03_gradients.part_of", "{part} of {call}", part="w", call=text)
    b_of = say("03_gradients.part_of", "{part} of {call}", part="b", call=text)
    if unique:
        _check_diagnosed(w_of, got_w, w, lambda: _fit_mistakes(X, y), "normal_equation",
                         shape_means=say("03_gradients.shape_n", "shape (n,) ="), atol=FIT_ATOL)
        _check_diagnosed(b_of, got_b, b, (), "normal_equation", atol=FIT_ATOL)
        return call, text
    # Many (w, b) minimise the error when AᵀA is singular; they all make the same predictions Xw + b.
    checks.check_array_form(w_of, got_w, w.shape, shape_means=say("03_gradients.shape_n", "shape (n,) ="))
    _check_float_number(b_of, got_b, b, "normal_equation")
    checks.check_scalar_between(b_of, got_b, -math.inf, math.inf,
                                why=say("03_gradients.any_finite_intercept", "any finite intercept"),
                                too_low=SINGULAR, too_high=SINGULAR, nonfinite_hint=SINGULAR)
    predictions = np.asarray(X, dtype=np.float64) @ got_w + float(got_b)
    X_, y_ = _f64(X, y)
    no_intercept = X_ @ np.linalg.lstsq(X_, y_, rcond=None)[0]
    # A wrong fit of a singular problem that is not a fit without intercept: most likely inv of a singular matrix.
    diagnoses = [like(no_intercept, _fit_mistakes(X, y)[0].message, code="normal_equation.no_intercept"),
                 like(predictions, SINGULAR.text, code=SINGULAR.code)]
    checks.check_array(say("03_gradients.predictions_of", "the predictions Xw + b of {call}", call=text),
                       predictions, X_ @ w + b, atol=FIT_ATOL,
                       nonfinite_hint=SINGULAR, diagnoses=diagnoses)
    return call, text


@problem("normal_equation", points=0.5)
@spec("normal_equation.least_squares_with_bias")
def test_normal_equation_lecture_points(student, reference):
    """normal_equation for the lecture's points (0, 0), (1, 1), (1, 2) gives w = [1.5], b = 0"""
    _check_fit(student, reference, np.array([[0.0], [1.0], [1.0]]), np.array([0.0, 1.0, 2.0]))
    _check_fit(student, reference, np.array([[0.0], [1.0], [2.0], [3.0]]), np.array([1.0, 3.0, 5.0, 7.5]))


@problem("normal_equation", points=0.5)
@spec("normal_equation.least_squares_with_bias", "normal_equation.shapes")
def test_normal_equation_random_data_with_an_intercept(student, reference):
    """normal_equation recovers w (3 features) and the intercept b ≈ 2.5 of noisy data with 20 examples"""
    rng = np.random.default_rng(3401)
    X = rng.normal(size=(20, 3))
    y = X @ np.array([1.0, -2.0, 0.5]) + 2.5 + 0.1 * rng.normal(size=20)
    _check_fit(student, reference, X, y)


@problem("normal_equation", points=0.5)
@spec("normal_equation.singular", "normal_equation.shapes")
def test_normal_equation_when_xtx_is_singular(student, reference):
    """normal_equation still fits when XᵀX is singular (a repeated feature; more unknowns than examples; one example)"""
    rng = np.random.default_rng(3402)
    base = rng.normal(size=(8, 2))
    repeated = np.column_stack([base, base[:, 1]])
    _check_fit(student, reference, repeated, base @ np.array([1.0, 2.0]) - 1.0 + 0.1 * rng.normal(size=8),
               unique=False)
    wide = rng.normal(size=(3, 5))
    _check_fit(student, reference, wide, rng.normal(size=3), unique=False)
    _check_fit(student, reference, np.array([[1.5, -0.5, 2.0]]), np.array([3.0]), unique=False)
    _check_fit(student, reference, np.array([[2.0]]), np.array([-1.0]), unique=False)


@problem("normal_equation", points=0.5)
@spec("normal_equation.integer_inputs", "normal_equation.inputs_unchanged")
def test_normal_equation_integer_inputs_and_unchanged_inputs(student, reference):
    """normal_equation accepts integer X (6, 2) and y, returns floats, and leaves X and y unchanged"""
    rng = np.random.default_rng(3403)
    X, y = rng.integers(-5, 6, size=(6, 2)), rng.integers(-3, 4, size=6)
    call, text = _check_fit(student, reference, X, y)
    checks.check_not_mutated(text, call, ["X", "y"])


# ================================================================ logistic_gradients

def _logistic_mistakes(X, y, w, b) -> tuple[list[checks.Like], list[checks.Like]]:
    X, y, w = _f64(X, y, w)
    m = X.shape[0]
    a, a_no_bias = _sigmoid(X @ w + b), _sigmoid(X @ w)
    dz = a - y
    mse_dz = 2 * (a - y) * a * (1 - a)
    linear_dz = 2 * (X @ w + b - y)
    on_dw = [
        like(-X.T @ dz / m, say("03_gradients.logistic_sign",
                                "the sign is flipped: dz = a − y (prediction minus label), not y − a"),
             code="logistic_gradients.sign"),
        like(X.T @ dz, say("03_gradients.logistic_m_times",
                           "m times the gradient: J is a mean over the m examples, so divide by m"),
             code="logistic_gradients.no_mean"),
        like(X.T @ mse_dz / m, say("03_gradients.logistic_mse_of_sigmoid",
                                   "this is the gradient of the MSE of σ(z), with its extra σ'(z) = a(1 − a) factor: "
                                   "the binary cross-entropy's is simply dz = a − y"),
             code="logistic_gradients.mse_gradient"),
        like(X.T @ linear_dz / m, say("03_gradients.logistic_mse_of_linear",
                                      "this is the gradient of the MSE of a linear model, (2/m)Xᵀ(Xw + b − y): "
                                      "logistic regression puts σ in front, and its BCE gives dz = σ(Xw + b) − y"),
             code="logistic_gradients.mse_gradient"),
        like(X.T @ (a_no_bias - y) / m, say("03_gradients.logistic_no_bias", "the bias is missing: a = σ(Xw + b)"),
             code="logistic_gradients.no_bias"),
    ]
    on_db = [
        like(-dz.mean(), say("03_gradients.logistic_db_sign", "the sign of db is flipped: db = mean(a − y)"),
             code="logistic_gradients.sign"),
        like(dz.sum(), say("03_gradients.logistic_db_summed", "db summed instead of averaged: db = mean(a − y)"),
             code="logistic_gradients.no_mean"),
        like(np.mean(a_no_bias - y), say("03_gradients.logistic_no_bias", "the bias is missing: a = σ(Xw + b)"),
             code="logistic_gradients.no_bias"),
    ]
    return on_dw, on_db


def _check_logistic(student, reference, X, y, w, b):
    return _check_gradient_pair(student, "logistic_gradients", reference.logistic_gradients(X, y, w, b),
                                lambda: _logistic_mistakes(X, y, w, b), X, y, w, b)


@problem("logistic_gradients", points=0.5)
@spec("logistic_gradients.returns_dw_db", "logistic_gradients.shapes")
def test_logistic_gradients_worked_examples_and_single_example(student, reference):
    """logistic_gradients for x = 0, 1, 2, 3 with labels 0, 0, 1, 1 at w = [0], b = 0 is dw = [−0.5], db = 0; also one example, X (1, 2) and (1, 1)"""
    X, y = np.array([[0.0], [1.0], [2.0], [3.0]]), np.array([0, 0, 1, 1])
    _check_logistic(student, reference, X, y, np.array([0.0]), 0.0)
    _check_logistic(student, reference, X, y, np.array([0.8]), -1.5)
    # lecture 004's sigmoid neuron, w = (2, −3), b = −3, and two people: dw ≈ (0.1435, 0.2779), db ≈ −0.1255
    _check_logistic(student, reference, np.array([[-1.0, -2.0], [1.0, 1.0]]), np.array([1, 0]),
                    np.array([2.0, -3.0]), -3.0)
    _check_logistic(student, reference, np.array([[-1.0, -2.0]]), np.array([1]), np.array([2.0, -3.0]), -3.0)
    _check_logistic(student, reference, np.array([[1.5]]), np.array([0]), np.array([0.4]), 0.2)


@problem("logistic_gradients", points=0.5)
@spec("logistic_gradients.returns_dw_db", "logistic_gradients.integer_inputs", "logistic_gradients.inputs_unchanged")
def test_logistic_gradients_random_batch_integer_and_unchanged_inputs(student, reference):
    """logistic_gradients of a random batch X (8, 3) and of integer X (6, 2): Xᵀ(σ(Xw + b) − y)/m; X, y and w stay unchanged"""
    rng = np.random.default_rng(3501)
    X, w = rng.normal(size=(8, 3)), rng.normal(size=3)
    y = np.array([0, 1, 1, 0, 1, 0, 0, 1])
    _check_logistic(student, reference, X, y, w, 0.3)
    rng = np.random.default_rng(3502)
    X, w = rng.integers(-3, 4, size=(6, 2)), rng.normal(size=2)
    y = np.array([1, 0, 1, 1, 0, 0])
    call, text = _check_logistic(student, reference, X, y, w, -0.2)
    checks.check_not_mutated(text, call, ["X", "y", "w"])


@problem("logistic_gradients", points=0.5)
@spec("logistic_gradients.stable_large_z")
def test_logistic_gradients_large_negative_scores(student, reference):
    """logistic_gradients is correct for scores down to −10000 (σ ≈ 0) without any overflow warning"""
    X = np.array([[-1e4, 0.0], [-1000.0, 0.0], [-745.0, 0.0], [-30.0, 1.0], [2.0, -1.0]])
    call, text = _check_logistic(student, reference, X, np.array([1, 0, 1, 0, 1]), np.array([1.0, 0.5]), 0.0)
    checks.check_no_warnings(text, call)


@problem("logistic_gradients", points=0.5)
@spec("logistic_gradients.stable_large_z")
def test_logistic_gradients_large_positive_scores(student, reference):
    """logistic_gradients is correct for scores up to +10000 (σ = 1, never nan) without any overflow warning"""
    X = np.array([[1e4, 0.0], [1000.0, 0.0], [710.0, 0.0], [30.0, 1.0], [-2.0, -1.0]])
    call, text = _check_logistic(student, reference, X, np.array([0, 1, 0, 1, 0]), np.array([1.0, 0.5]), 0.0)
    checks.check_no_warnings(text, call)


# ================================================================ train_logistic_regression

TRAIN_NAMES = ("X", "y", "lr", "steps")


def _training_data(seed: int, m: int = 30):
    """Two overlapping classes in 2 features: not separable, so every score stays moderate (|z| < 10)."""
    rng = np.random.default_rng(seed)
    y = (np.arange(m) % 2).astype(np.float64)
    X = rng.normal(size=(m, 2)) + np.outer(y - 0.5, [1.2, -0.8])
    return X, y


def _train_mistakes(reference, X, y, lr, steps) -> list[tuple[tuple, str, str]]:
    """Wrong trainings, as (w, b, costs) with a message and a code."""
    found = [(reference.train_logistic_regression(X, y, -lr, steps),
              say("03_gradients.train_ascent", "the cost goes up: θ ← θ − lr·gradient steps downhill, you added the "
                                               "gradient (gradient ascent)"),
              "train_logistic_regression.ascent")]
    if lr != 0.1:
        found.append((reference.train_logistic_regression(X, y, 0.1, steps),
                      say("03_gradients.train_ignores_lr",
                          "these are the results for lr = 0.1, not lr = {lr:g}: use the lr argument", lr=lr),
                      "train_logistic_regression.ignores_lr"))
    if steps != 100:
        found.append((reference.train_logistic_regression(X, y, lr, 100),
                      say("03_gradients.train_ignores_steps",
                          "these are the results of 100 steps, not {steps}: use the steps argument", steps=steps),
                      "train_logistic_regression.ignores_steps"))
    return found


def _as_costs(got):
    """The costs as a float64 array, as np.asarray(costs, dtype=float) would make them from a list of numbers.

    The Spec allows a float64 array or a list of floats: a list (or tuple) of Python floats, numpy floats of any
    precision or 0-d arrays is converted; anything else is returned as it is, for the type check to name.
    """
    if isinstance(got, (list, tuple)) and all(
            isinstance(c, (int, float, np.integer, np.floating)) and not isinstance(c, (bool, np.bool_))
            or isinstance(c, np.ndarray) and c.ndim == 0 and c.dtype.kind in "iuf" for c in got):
        return np.asarray([float(c) for c in got], dtype=np.float64)
    return got


def _check_training(student, reference, X, y, lr, steps, cost_atol=1e-9):
    text = call_text("train_logistic_regression", X, y, lr, steps, names=TRAIN_NAMES)
    call = student.call("train_logistic_regression", X, y, lr, steps)
    got_w, got_b, got_costs = checks.check_tuple(text, call.value, ("w", "b", "costs"), "type.not_a_triple")
    w, b, costs = reference.train_logistic_regression(X, y, lr, steps)
    mistakes = functools.cache(lambda: _train_mistakes(reference, X, y, lr, steps))  # built only if a check fails
    got_costs = _as_costs(got_costs)

    def cost_mistakes():
        return [like(wrong[2], message, code=code) for wrong, message, code in mistakes()]
    costs_of = say("03_gradients.part_of", "{part} of {call}", part="costs", call=text)
    one_cost_per_step = say("03_gradients.shape_one_cost_per_step", "one cost per step, shape")
    # The form first (a type problem is never told a value diagnosis), then the length, then the values.
    if not isinstance(got_costs, np.ndarray):
        checks.check_array_form(costs_of, got_costs, costs.shape,
                                shape_means=say("03_gradients.shape_costs_form",
                                                "one cost per step (a float64 array or a list of floats), shape"))
    count = got_costs.shape[0] if got_costs.ndim == 1 else steps
    if count < steps - 1 and got_costs.dtype.kind in "iuf" and np.allclose(
            got_costs, costs[:count], rtol=TRAIN_RTOL, atol=max(cost_atol, 1e-9)):
        first = say("03_gradients.first_right_costs", ", the first {n} of the right ones,", n=count) if count else ""
        raise checks.WrongShape(say(
            "03_gradients.train_early_stop",
            "{what} has {costs}{first} and then training stopped; it must "
            "make exactly steps = {steps} updates, with the cost before each: use the steps argument, "
            "`for _ in range(steps)`, with no early exit, even where the gradient is 0 (at a minimum), its "
            "components add up to 0 or the cost stops changing.",
            what=costs_of, steps=steps, first=first,
            costs=say("03_gradients.one_cost", "{n} cost", n=count) if count == 1
            else say("03_gradients.n_costs", "{n} costs", n=count)),
            "train_logistic_regression.early_stop")
    checks.check_array_form(costs_of, got_costs, costs.shape, shape_means=one_cost_per_step,
                            diagnoses=cost_mistakes)
    if steps and np.isfinite(got_costs[0]) and not math.isclose(got_costs[0], math.log(2), rel_tol=TRAIN_RTOL):
        raise checks.WrongValue(say("03_gradients.train_start",
                                    "{what} starts at {first!r}, not ln 2 ≈ 0.6931: from w = 0 and "
                                    "b = 0 every σ(z) is 0.5, so the first cost (before any update) is ln 2. Start "
                                    "from zeros, and record the cost before each update.",
                                    what=costs_of, first=got_costs[0]),
                                "train_logistic_regression.start")
    checks.check_array(costs_of, got_costs, costs, rtol=TRAIN_RTOL, atol=cost_atol,
                       where=say("03_gradients.where_index", "index"),
                       shape_means=one_cost_per_step, diagnoses=cost_mistakes,
                       nonfinite_hint=Hint("train_logistic_regression.cost_not_finite",
                                           say("03_gradients.cost_not_finite",
                                               "a cost of inf or nan: np.log(0) where σ(z) rounded to exactly 0 or 1 "
                                               "(or np.exp overflowed); compute the cost from the scores, "
                                               "max(z, 0) − y·z + ln(1 + e^(−|z|)), or clip a to [ε, 1 − ε]")))
    for name, got, want, index in (("w", got_w, w, 0), ("b", got_b, b, 1)):
        _check_diagnosed(say("03_gradients.part_of", "{part} of {call}", part=name, call=text), got, want,
                         lambda index=index: [like(wrong[index], message, code=code)
                                              for wrong, message, code in mistakes()],
                         "train_logistic_regression", rtol=TRAIN_RTOL, atol=1e-9,
                         shape_means=say("03_gradients.shape_n", "shape (n,) ="))
    return call, text, (got_w, got_b, got_costs)


@problem("train_logistic_regression", points=0.5)
@spec("train_logistic_regression.start_zeros", "train_logistic_regression.costs")
def test_train_starts_from_zeros(student, reference):
    """train_logistic_regression starts from w = 0, b = 0: its first cost is ln 2 ≈ 0.693 and one step matches the reference"""
    X, y = _training_data(3601)
    _check_training(student, reference, X, y, 0.5, 1)


@problem("train_logistic_regression", points=0.5)
@spec("train_logistic_regression.costs", "train_logistic_regression.returns", "train_logistic_regression.shapes")
def test_train_records_one_cost_per_step(student, reference):
    """train_logistic_regression returns (w, b, costs), len(costs) == steps (20 here), also for one example X (1, 2) and (1, 1)"""
    X, y = _training_data(3602)
    _check_training(student, reference, X, y, 0.3, 20)
    _check_training(student, reference, X[:1], y[:1], 0.5, 3)
    _check_training(student, reference, X[1:2, :1], y[1:2], 0.5, 1)


@problem("train_logistic_regression", points=0.5)
@spec("train_logistic_regression.updates", "train_logistic_regression.returns",
      "train_logistic_regression.inputs_unchanged")
def test_train_matches_batch_gradient_descent(student, reference):
    """train_logistic_regression with lr 0.5 for 100 steps on 30 examples ends where batch gradient descent ends (to 1e-6), X and y unchanged"""
    X, y = _training_data(3603)
    call, text, _ = _check_training(student, reference, X, y, 0.5, 100)
    checks.check_not_mutated(text, call, ["X", "y"])


@problem("train_logistic_regression", points=0.5)
@spec("train_logistic_regression.lr_steps")
def test_train_uses_lr_and_steps(student, reference):
    """train_logistic_regression uses its lr and steps: lr 0.05 for 7 steps, lr 1.0 for 15 steps, and 0 steps"""
    X, y = _training_data(3605, m=24)
    _check_training(student, reference, X, y, 0.05, 7)
    _check_training(student, reference, X, y, 1.0, 15)
    _check_training(student, reference, X, y, 0.5, 0)


@problem("train_logistic_regression", points=0.5)
@spec("train_logistic_regression.exactly_steps")
def test_train_makes_every_step_from_a_minimum_and_with_a_cancelling_gradient(student, reference):
    """train_logistic_regression makes exactly `steps` updates where w = 0, b = 0 is the minimum and where dw's components add up to 0"""
    # Each x twice, once with each label: at w = 0, b = 0 the gradient is 0 and every cost is ln 2.
    X = np.array([[1.0, 2.0], [1.0, 2.0], [-3.0, 0.5], [-3.0, 0.5], [0.4, -1.0], [0.4, -1.0]])
    _check_training(student, reference, X, np.array([1.0, 0.0, 1.0, 0.0, 1.0, 0.0]), 0.5, 6)
    # Mirror-image examples: dw = (−g, g) and db = 0 at every step, so the gradient always sums to 0.
    X = np.array([[1.0, -1.0], [-1.0, 1.0], [2.0, -2.0], [-2.0, 2.0]])
    _check_training(student, reference, X, np.array([1.0, 0.0, 1.0, 0.0]), 0.5, 6)


@problem("train_logistic_regression", points=0.5)
@spec("train_logistic_regression.finite_costs")
def test_train_costs_stay_finite_when_the_scores_get_large(student, reference):
    """train_logistic_regression's costs are never inf or nan when the scores reach several hundred (features of size 20 to 40, lr 1)"""
    X = np.array([[30.0, 1.0], [20.0, -1.0], [-25.0, 0.5], [-40.0, 2.0], [35.0, -0.5], [-30.0, 1.0]])
    _check_training(student, reference, X, np.array([1.0, 1.0, 0.0, 0.0, 1.0, 0.0]), 1.0, 5,
                    cost_atol=LARGE_SCORE_ATOL)
