"""Hidden graders for assignment 01_sigmoid (see assignments/01_sigmoid.toml).

Each test is worth 0.5 points; per problem they add up to the catalogue's
points.  The first line of each docstring is shown to students.  Expected
values come from the ``reference`` solutions; the closeness rule and default
tolerances (|got − expected| ≤ 1e-12 + 1e-7·|expected|) are those of
``autograder.checks``.  Tests that use other tolerances say so.

Random cases use fixed seeds and shapes whose dimensions differ (m ≠ n ≠ 1),
so transposes and broadcasts cannot pass by accident; the batch functions
(``predict_proba``, ``predict``) are also graded on one example (m = 1) and
one feature (n = 1), the elementwise ones on an array of one element, so a
result squeezed with np.squeeze loses points.  Every parameter has a test in
which a hard-coded value (its default, or the value of the first call) changes
the result: ``threshold`` takes 0.3 and 0.8, ``plot_sigmoid`` draws twice, on
two Axes with different ``params``.

While a problem is graded, the other graded functions it calls (``sigmoid``
in ``sigmoid_derivative``, ``predict_proba`` and ``plot_sigmoid``;
``predict_proba`` in ``predict``) are correct stand-ins served from the
grading side, so no test here depends on the student's other functions.

"The same wording, the same verdict": the Spec clause "no RuntimeWarning,
overflow or nan for any |z| up to 10^4" (``sigmoid.stable_large_z``,
``sigmoid_derivative.stable_large_z``) is graded by two 0.5-point tests per
problem, one per sign of z, each checking the values and that no warning was
raised (mistake code ``<problem>.warning.exp_overflow``).

Each test names the Spec bullets it checks with ``@spec("<problem>.<clause>")``:
the ids are the HTML comments at the end of the bullets of the notebook's Spec
blocks; every bullet is named by at least one test.
"""
from __future__ import annotations

import weakref

import numpy as np
import pytest

from autograder import checks
from autograder.checks import Curve, Hint, call_text, like
from autograder.messages import say

ASSIGNMENT = "01_sigmoid"
problem = pytest.mark.problem
spec = pytest.mark.spec


def _quiet(f, *args):
    """Evaluate a mistaken formula (for recognising it) without warnings."""
    with np.errstate(all="ignore"):
        return f(*args)


def _not_squeezed(text: str, got, shape: tuple, problem_id: str, what: str) -> None:
    """A single number where an array of one element belongs: the example axis was squeezed away."""
    if int(np.prod(shape)) == 1 and len(shape) >= 1 and not isinstance(got, (bool, np.bool_)) and (
            isinstance(got, (int, float, np.generic)) or (isinstance(got, np.ndarray) and got.ndim == 0)):
        raise checks.WrongShape(
            say("01_sigmoid.squeezed_number",
                "{call} returned a single number; it must return an array of shape {shape}, {what}.\n"
                "np.squeeze(...) (or .item(), float(...)) removed an axis of length 1: don't squeeze, an array of one "
                "element must stay an array (to flatten a column, use .ravel() or .reshape(-1)).",
                call=text, shape=shape, what=what),
            f"{problem_id}.squeezed")


# ================================================================ sigmoid

def _sigmoid_mistakes(reference, z) -> list[checks.Like]:
    z = np.asarray(z, dtype=np.float64)
    return [
        like(reference.sigmoid(-z), say("01_sigmoid.sigmoid_sign",
                                        "looks like σ(−z) = 1/(1 + e^(+z)): check the sign in the exponent; "
                                        "σ(z) = 1/(1 + e^(−z))"), code="sigmoid.sign"),
        like(_quiet(lambda: 1 + np.exp(-z)), say("01_sigmoid.sigmoid_parentheses",
                                                 "looks like 1/1 + e^(−z): parentheses are missing; "
                                                 "write 1 / (1 + np.exp(-z))"), code="sigmoid.parentheses"),
        like(_quiet(lambda: np.exp(z) / (1 + np.exp(z))),
             say("01_sigmoid.sigmoid_exp_ratio_nan",
                 "exp(z)/(1 + exp(z)) overflows to inf/inf = nan for z > 709; for z ≥ 0 use 1/(1 + exp(−z)), "
                 "whose exp never overflows there (or compute e = exp(−|z|) and use it in both cases)"),
             code="sigmoid.exp_ratio_nan"),
    ]


def _check_sigmoid(student, reference, z, **options):
    call = student.call("sigmoid", z)
    text = call_text("sigmoid", z)
    _not_squeezed(text, call.value, np.shape(z), "sigmoid", say("01_sigmoid.input_shape", "the input's shape"))
    checks.check_value(text, call.value, reference.sigmoid(z), where=("z", z),
                       shape_means=say("01_sigmoid.input_shape", "the input's shape"),
                       diagnoses=lambda: _sigmoid_mistakes(reference, z), **options)
    return call, text


@problem("sigmoid", points=0.5)
@spec("sigmoid.values", "sigmoid.any_shape_or_number", "sigmoid.float64_same_shape")
def test_sigmoid_lecture_values(student, reference):
    """sigmoid matches the lecture's values: σ(0) = 0.5 and σ(z) at z = −2, −1, 0, 1, 2 (σ(1) ≈ 0.7311)"""
    _check_sigmoid(student, reference, np.array([-2.0, -1.0, 0.0, 1.0, 2.0]))
    _check_sigmoid(student, reference, 0.0)
    _check_sigmoid(student, reference, np.float64(1.0))


@problem("sigmoid", points=0.5)
@spec("sigmoid.any_shape_or_number", "sigmoid.float64_same_shape", "sigmoid.values")
def test_sigmoid_array_shape_and_dtype(student, reference):
    """sigmoid works elementwise on arrays of shape (2, 3, 4) and (1,), keeps their shape, and σ(−z) = 1 − σ(z)"""
    z = np.random.default_rng(101).normal(0.0, 3.0, size=(2, 3, 4))
    _check_sigmoid(student, reference, z)
    _check_sigmoid(student, reference, -z)
    _check_sigmoid(student, reference, np.array([0.75]))


@problem("sigmoid", points=0.5)
@spec("sigmoid.integer_input", "sigmoid.float64_same_shape")
def test_sigmoid_integer_input(student, reference):
    """sigmoid of integer input (the int 0 and an int array of shape (3, 4)) returns floats, not integers"""
    _check_sigmoid(student, reference, 0)
    _check_sigmoid(student, reference, np.arange(-6, 6).reshape(3, 4))


@problem("sigmoid", points=0.5)
@spec("sigmoid.stable_large_z")
def test_sigmoid_large_negative_z(student, reference):
    """sigmoid is correct for z down to −10000 (values ≈ 0) without any overflow warning"""
    z = np.array([-1e4, -1000.0, -745.0, -709.0, -100.0, -30.0, -5.0])
    call, text = _check_sigmoid(student, reference, z)
    checks.check_no_warnings(text, call)


@problem("sigmoid", points=0.5)
@spec("sigmoid.stable_large_z")
def test_sigmoid_large_positive_z(student, reference):
    """sigmoid is correct for z up to +10000 (values 1.0, never nan) without any overflow warning"""
    z = np.array([5.0, 30.0, 100.0, 709.0, 710.0, 1000.0, 1e4])
    call, text = _check_sigmoid(student, reference, z)
    checks.check_no_warnings(text, call)


@problem("sigmoid", points=0.5)
@spec("sigmoid.input_unchanged")
def test_sigmoid_leaves_input_unchanged(student, reference):
    """sigmoid does not modify the caller's array"""
    z = np.random.default_rng(102).normal(0.0, 4.0, size=(4, 5))
    call, text = _check_sigmoid(student, reference, z)
    checks.check_not_mutated(text, call, ["z"])


# ================================================================ sigmoid_derivative

def _derivative_mistakes(reference, z) -> list[checks.Like]:
    z = np.asarray(z, dtype=np.float64)
    s = reference.sigmoid(z)
    return [
        like(s, say("01_sigmoid.derivative_returns_sigmoid",
                    "returned σ(z) itself; the derivative is σ'(z) = σ(z)·(1 − σ(z))"),
             code="sigmoid_derivative.returns_sigmoid"),
        like(1 - s, say("01_sigmoid.derivative_one_minus_sigmoid",
                        "returned 1 − σ(z); the derivative is the product σ(z)·(1 − σ(z))"),
             code="sigmoid_derivative.one_minus_sigmoid"),
        like(s * (1 - z), say("01_sigmoid.derivative_one_minus_z",
                              "looks like σ(z)·(1 − z): the second factor is 1 − σ(z), not 1 − z"),
             code="sigmoid_derivative.one_minus_z"),
        like(s * (1 + s), say("01_sigmoid.derivative_one_plus_sigmoid",
                              "looks like σ(z)·(1 + σ(z)): the second factor is 1 − σ(z)"),
             code="sigmoid_derivative.one_plus_sigmoid"),
        like(-s * (1 - s), say("01_sigmoid.derivative_sign",
                               "looks like −σ(z)(1 − σ(z)): check the sign; σ'(z) = σ(z)·(1 − σ(z)) ≥ 0"),
             code="sigmoid_derivative.sign"),
        like(_quiet(lambda: np.exp(-z) / (1 + np.exp(-z)) ** 2),
             say("01_sigmoid.derivative_exp_formula_nan_negative",
                 "e^(−z)/(1 + e^(−z))² is inf/inf = nan once e^(−z) overflows (z < −709): use σ(z)·(1 − σ(z)) "
                 "with a stable σ"), code="sigmoid_derivative.exp_formula_nan"),
        like(_quiet(lambda: np.exp(z) / (1 + np.exp(z)) ** 2),
             say("01_sigmoid.derivative_exp_formula_nan_positive",
                 "e^z/(1 + e^z)² is inf/inf = nan once e^z overflows (z > 709): use σ(z)·(1 − σ(z)) "
                 "with a stable σ"), code="sigmoid_derivative.exp_formula_nan"),
    ]


def _check_derivative(student, reference, z, **options):
    call = student.call("sigmoid_derivative", z)
    text = call_text("sigmoid_derivative", z)
    _not_squeezed(text, call.value, np.shape(z), "sigmoid_derivative",
                  say("01_sigmoid.input_shape", "the input's shape"))
    checks.check_value(text, call.value, reference.sigmoid_derivative(z), where=("z", z),
                       shape_means=say("01_sigmoid.input_shape", "the input's shape"),
                       diagnoses=lambda: _derivative_mistakes(reference, z), **options)
    return call, text


@problem("sigmoid_derivative", points=0.5)
@spec("sigmoid_derivative.values", "sigmoid_derivative.any_shape_or_number", "sigmoid_derivative.float64_same_shape")
def test_derivative_values(student, reference):
    """sigmoid_derivative gives σ'(0) = 0.25 and σ(z)(1 − σ(z)) at z = −2 … 2, on shapes (5, 2) and (1,)"""
    _check_derivative(student, reference, np.array([-2.0, -1.0, 0.0, 1.0, 2.0]))
    _check_derivative(student, reference, 0.0)
    _check_derivative(student, reference, np.random.default_rng(201).normal(0.0, 3.0, size=(5, 2)))
    _check_derivative(student, reference, np.array([-1.5]))


@problem("sigmoid_derivative", points=0.5)
@spec("sigmoid_derivative.stable_large_z")
def test_derivative_large_negative_z(student, reference):
    """sigmoid_derivative is correct for z down to −10000 (values ≈ 0, never nan) without any overflow warning"""
    z = np.array([-1e4, -1000.0, -745.0, -710.0, -50.0, -2.0, 0.0])
    call, text = _check_derivative(student, reference, z)
    checks.check_no_warnings(text, call)


@problem("sigmoid_derivative", points=0.5)
@spec("sigmoid_derivative.stable_large_z")
def test_derivative_large_positive_z(student, reference):
    """sigmoid_derivative is correct for z up to +10000 (values ≈ 0, never nan) without any overflow warning"""
    z = np.array([0.0, 1.5, 50.0, 710.0, 745.0, 1000.0, 1e4])
    call, text = _check_derivative(student, reference, z)
    checks.check_no_warnings(text, call)


@problem("sigmoid_derivative", points=0.5)
@spec("sigmoid_derivative.integer_input", "sigmoid_derivative.input_unchanged")
def test_derivative_integer_input_and_unchanged_input(student, reference):
    """sigmoid_derivative returns floats for integer input and does not modify the caller's array"""
    _check_derivative(student, reference, np.arange(-3, 3))
    _check_derivative(student, reference, 2)
    z = np.random.default_rng(202).normal(0.0, 2.0, size=(3, 4))
    call, text = _check_derivative(student, reference, z)
    checks.check_not_mutated(text, call, ["z"])


# ================================================================ log_odds

CLIP_LEVELS = (1e-15, 1e-12, 1e-10, 1e-9, 1e-8, 1e-7, 1e-6, 1e-5, 1e-4)


def _log_odds_mistakes(reference, p) -> list[checks.Like]:
    p = np.asarray(p, dtype=np.float64)
    found = [
        like(_quiet(lambda: np.log(p) / np.log(1 - p)),
             say("01_sigmoid.log_odds_quotient_of_logs",
                 "looks like ln(p) / ln(1 − p): it is a difference of logarithms, ln p − ln(1 − p) = ln(p / (1 − p))"),
             code="log_odds.quotient_of_logs"),
        like(_quiet(lambda: np.log(p) / (1 - p)),
             say("01_sigmoid.log_odds_division_outside_log",
                 "looks like ln(p) / (1 − p): the division belongs inside the log"),
             code="log_odds.division_outside_log"),
        like(_quiet(lambda: np.log(p / 1 - p)),
             say("01_sigmoid.log_odds_parentheses",
                 "np.log(p/1 - p) computes p/1 − p = 0: put parentheses around (1 − p)"),
             code="log_odds.parentheses"),
        like(_quiet(lambda: np.log(1 - p) - np.log(p)),
             say("01_sigmoid.log_odds_upside_down", "looks like ln((1 − p)/p): the ratio is upside down"),
             code="log_odds.upside_down"),
        like(np.log(p), say("01_sigmoid.log_odds_log_p", "returned ln(p); the log-odds is ln(p / (1 − p))"),
             code="log_odds.log_p"),
    ]
    for eps in CLIP_LEVELS:
        clipped = np.clip(p, eps, 1 - eps)
        found.append(like(reference.log_odds(clipped),
                          say("01_sigmoid.log_odds_clipped",
                              "looks like you clipped p to [{eps:g}, 1 − {eps:g}]: log_odds must be exact for every "
                              "0 < p < 1, so don't clip", eps=eps), code="log_odds.clipped"))
    for eps in CLIP_LEVELS:
        found.append(like(_quiet(lambda: np.log((p + eps) / (1 - p + eps))),
                          say("01_sigmoid.log_odds_epsilon",
                              "looks like you added ε = {eps:g} to p and 1 − p: log_odds must be exact for every "
                              "0 < p < 1, so don't add ε", eps=eps), code="log_odds.epsilon"))
    return found


def _check_log_odds(student, reference, p, expected=None, **options):
    call = student.call("log_odds", p)
    text = call_text("log_odds", p)
    _not_squeezed(text, call.value, np.shape(p), "log_odds", say("01_sigmoid.input_shape", "the input's shape"))
    checks.check_value(text, call.value, reference.log_odds(p) if expected is None else expected, where=("p", p),
                       shape_means=say("01_sigmoid.input_shape", "the input's shape"),
                       diagnoses=lambda: _log_odds_mistakes(reference, p), **options)
    return call, text


@problem("log_odds", points=0.5)
@spec("log_odds.any_shape_or_number", "log_odds.float64_same_shape")
def test_log_odds_known_values(student, reference):
    """log_odds(0.5) = 0 and log_odds(p) = ln(p / (1 − p)) at p = 0.1, 0.25, 0.5, 0.75, 0.9, and on shape (1,)"""
    _check_log_odds(student, reference, np.array([0.1, 0.25, 0.5, 0.75, 0.9]))
    _check_log_odds(student, reference, 0.5)
    _check_log_odds(student, reference, np.array([0.8]))


@problem("log_odds", points=0.5)
@spec("log_odds.inverts_sigmoid", "log_odds.float64_same_shape")
def test_log_odds_inverts_sigmoid(student, reference):
    """log_odds undoes the sigmoid: log_odds(σ(z)) ≈ z for random z in [−10, 10] of shape (4, 5)"""
    # σ(z) is rounded to float64, so even an exact log_odds recovers z only to ≈ 1.1e-16·e^|z| ≤ 2.5e-12:
    # we allow an absolute 1e-9.
    z = np.random.default_rng(301).uniform(-10.0, 10.0, size=(4, 5))
    p = reference.sigmoid(z)
    _check_log_odds(student, reference, p, expected=z, atol=1e-9)


@problem("log_odds", points=0.5)
@spec("log_odds.finite_accurate_near_0_and_1")
def test_log_odds_near_0_and_1(student, reference):
    """log_odds is finite and accurate (7 significant digits) for p near 0 and 1: 1e-300 … 1 − 1e-10"""
    # The Spec states this bound (7 significant digits from p = 1e-300 to 1 − 1e-10) and the visible check
    # tries both ends.  Every algebraically correct formula keeps 7 digits down to 1 − 1e-10 (1 − p is exact
    # in float64 for p ≥ 0.5); one that forms 1/p − 1 loses them beyond, so we stop there.
    p = np.array([1e-300, 1e-100, 1e-12, 1e-6, 0.5, 1 - 1e-6, 1 - 1e-10])
    _check_log_odds(student, reference, p)


@problem("log_odds", points=0.5)
@spec("log_odds.input_unchanged")
def test_log_odds_leaves_input_unchanged(student, reference):
    """log_odds does not modify the caller's array"""
    p = np.random.default_rng(302).uniform(0.01, 0.99, size=(3, 4))
    call, text = _check_log_odds(student, reference, p)
    checks.check_not_mutated(text, call, ["p"])


# ================================================================ predict_proba

PROBA_NAMES = ("X", "w", "b")


def _orientation_hints(X, w) -> dict[str, Hint]:
    hint = Hint("predict_proba.w_at_X", say("01_sigmoid.proba_orientation",
                                            "X has shape (m, n) = {x_shape}, one example per row, and w has shape "
                                            "(n,) = {w_shape}: compute X @ w (shape (m,)), not w @ X",
                                            x_shape=np.shape(X), w_shape=np.shape(w)))
    return {"matmul": hint, "not aligned": hint, "could not be broadcast": hint}


def _proba_mistakes(reference, X, w, b) -> list[checks.Like]:
    X, w = np.asarray(X, dtype=np.float64), np.asarray(w, dtype=np.float64)
    z = X @ w
    found = [
        like(reference.sigmoid(z),
             say("01_sigmoid.proba_no_bias", "matches σ(Xw) without + b: did you forget the bias?"),
             code="predict_proba.no_bias"),
        like(reference.sigmoid(z - b),
             say("01_sigmoid.proba_minus_bias", "matches σ(Xw − b): the bias is added, σ(Xw + b)"),
             code="predict_proba.minus_bias"),
        like(z + b, say("01_sigmoid.proba_scores", "returned the scores Xw + b themselves: apply the sigmoid to them"),
             code="predict_proba.scores"),
        like(reference.sigmoid(-(z + b)),
             say("01_sigmoid.proba_sign", "looks like σ(−(Xw + b)): check the sign in the sigmoid"),
             code="predict_proba.sign"),
        like(reference.sigmoid(z)[:, None] + 0 * z,
             say("01_sigmoid.proba_broadcast", "(m, m): σ(Xw) was broadcast against a row"),
             code="predict_proba.broadcast"),
    ]
    if X.shape[0] == X.shape[1]:
        found.append(like(reference.sigmoid(X.T @ w + b),
                          say("01_sigmoid.proba_w_at_X", "looks like σ(wX + b) = σ(Xᵀw + b): use X @ w"),
                          code="predict_proba.w_at_X"))
    return found


def _check_proba(student, reference, X, w, b, **options):
    text = call_text("predict_proba", X, w, b, names=PROBA_NAMES)
    with checks.explain_errors(_orientation_hints(X, w)):
        call = student.call("predict_proba", X, w, b)
    _not_squeezed(text, call.value, (len(X),), "predict_proba",
                  say("01_sigmoid.proba_one_per_example", "one probability per example (m = 1 here)"))
    checks.check_array(text, call.value, reference.predict_proba(X, w, b), where="row",
                       shape_means=say("01_sigmoid.shape_m", "shape (m,) ="),
                       diagnoses=lambda: _proba_mistakes(reference, X, w, b), **options)
    return call, text


@problem("predict_proba", points=0.5)
@spec("predict_proba.inputs", "predict_proba.float64_shape_m")
def test_proba_lecture_neuron(student, reference):
    """predict_proba reproduces the lecture's neuron x = (−1, −2), w = (2, −3), b = −3: σ(1) ≈ 0.7311 (m = 1, m = 3)"""
    w = np.array([2.0, -3.0])
    _check_proba(student, reference, np.array([[-1.0, -2.0]]), w, -3.0)
    _check_proba(student, reference, np.array([[-1.0, -2.0], [0.0, 0.0], [1.0, 1.0]]), w, -3.0)


@problem("predict_proba", points=0.5)
@spec("predict_proba.inputs", "predict_proba.float64_shape_m")
def test_proba_random_batch(student, reference):
    """predict_proba gives σ(Xw + b) for a random X of shape (7, 3) and a NumPy float b: shape (7,), one per row"""
    rng = np.random.default_rng(401)
    X, w = rng.normal(size=(7, 3)), rng.normal(size=3)
    _check_proba(student, reference, X, w, np.float64(0.4))


@problem("predict_proba", points=0.5)
@spec("predict_proba.integer_inputs", "predict_proba.inputs_unchanged")
def test_proba_integer_inputs_and_unchanged_inputs(student, reference):
    """predict_proba accepts integer X (shape (5, 4)) and w, returns float probabilities, and does not modify X or w"""
    rng = np.random.default_rng(402)
    X, w = rng.integers(-3, 4, size=(5, 4)), rng.integers(-2, 3, size=4)
    _check_proba(student, reference, X, w, 1.0)
    rng = np.random.default_rng(403)
    X, w = rng.normal(size=(6, 2)), rng.normal(size=2)
    call, text = _check_proba(student, reference, X, w, -0.3)
    checks.check_not_mutated(text, call, ["X", "w"])


@problem("predict_proba", points=0.5)
@spec("predict_proba.huge_scores")
def test_proba_huge_scores(student, reference):
    """predict_proba gives probabilities 0 and 1, never nan, for scores as large as ±15000 (one feature, n = 1)"""
    # The Spec asks for the values only ("never nan"), not for the absence of warnings: a naive
    # 1/(1 + e^(−z)) overflows with a warning but gives the right 0, and is accepted here.
    X = np.array([[1000.0], [-1000.0], [1e4], [-1e4], [2.0], [-0.5]])
    _check_proba(student, reference, X, np.array([1.5]), 0.25,
                 nonfinite_hint=Hint("predict_proba.huge_scores_nan",
                                     say("01_sigmoid.proba_huge_scores_nan",
                                         "σ of a huge score came out nan: e^z/(1 + e^z) is inf/inf once e^z overflows "
                                         "(z > 709); use your stable sigmoid from Problem 1")))


# ================================================================ predict

PREDICT_NAMES = ("X", "w", "b", "threshold")


def _batch_with_margin(seed: int, m: int, n: int, thresholds, margin: float = 1e-6):
    """A random batch whose probabilities are all at least ``margin`` away from each threshold."""
    rng = np.random.default_rng(seed)
    w, b = rng.normal(size=n), 0.25
    rows = []
    while len(rows) < m:
        x = rng.normal(0.0, 1.5, size=n)
        p = 1 / (1 + np.exp(-(x @ w + b)))
        if all(abs(p - t) > margin for t in thresholds):
            rows.append(x)
    return np.array(rows), w, b


def _predict_mistakes(reference, X, w, b, threshold) -> list[checks.Like]:
    p = reference.predict_proba(X, w, b)
    found = [
        like((p >= threshold).astype(int),
             say("01_sigmoid.predict_greater_or_equal",
                 ">= instead of >: where the probability is exactly {threshold:g} the answer must be 0 "
                 "(predict 1 only if p > threshold)", threshold=threshold), code="predict.greater_or_equal"),
        like(p, say("01_sigmoid.predict_probabilities",
                    "returned the probabilities σ(Xw + b); predict must turn them into 0/1 labels: p > threshold"),
             code="predict.probabilities"),
        like((p <= threshold).astype(int),
             say("01_sigmoid.predict_flipped", "the labels are flipped: 1 means probability > threshold"),
             code="predict.flipped"),
        like((p < threshold).astype(int),
             say("01_sigmoid.predict_flipped", "the labels are flipped: 1 means probability > threshold"),
             code="predict.flipped"),
    ]
    if threshold != 0.5:
        found.insert(0, like((p > 0.5).astype(int),
                             say("01_sigmoid.predict_ignores_threshold",
                                 "ignored the threshold argument: these are the predictions for 0.5, not {threshold:g}",
                                 threshold=threshold),
                             code="predict.ignores_threshold"))
    for fixed in (0.7, 0.3, 0.6, 0.4, 0.8, 0.2, 0.9, 0.1):   # a threshold typed in instead of the argument
        if fixed != threshold:
            found.append(like((p > fixed).astype(int),
                              say("01_sigmoid.predict_fixed_threshold",
                                  "ignored the threshold argument: these are the predictions "
                                  "for a fixed threshold of {fixed:g}, not {threshold:g}",
                                  fixed=fixed, threshold=threshold),
                              code="predict.ignores_threshold"))
    return found


def _check_predict(student, reference, X, w, b, *threshold):
    t = threshold[0] if threshold else 0.5
    text = call_text("predict", X, w, b, *threshold, names=PREDICT_NAMES)
    with checks.explain_errors(_orientation_hints(X, w)):
        call = student.call("predict", X, w, b, *threshold)
    _not_squeezed(text, call.value, (len(X),), "predict",
                  say("01_sigmoid.predict_one_per_example", "one label per example (m = 1 here)"))
    checks.check_array(text, call.value, reference.predict(X, w, b, t), dtype="integer", rtol=0, atol=0,
                       where="row", shape_means=say("01_sigmoid.shape_m", "shape (m,) ="),
                       diagnoses=lambda: _predict_mistakes(reference, X, w, b, t))
    return call, text


@problem("predict", points=0.5)
@spec("predict.threshold_strict", "predict.inputs")
def test_predict_probability_exactly_at_threshold(student, reference):
    """predict gives 0 where the probability is exactly 0.5 (Xw + b = 0): the rule is p > threshold"""
    # All numbers are small dyadic fractions, so Xw + b is exactly 0 in rows 1, 2 in any summation order.
    X = np.array([[1.0, 0.0], [2.0, 2.0], [3.0, 0.0], [0.0, 2.0], [1.0, 4.0], [4.0, 2.0]])
    w, b = np.array([1.0, -0.5]), -1.0
    _check_predict(student, reference, X, w, b)        # default threshold
    _check_predict(student, reference, X, w, b, 0.5)


@problem("predict", points=0.5)
@spec("predict.integer_labels_shape_m", "predict.inputs")
def test_predict_integer_labels(student, reference):
    """predict returns integer 0/1 labels (not bool, not float), one per row: shape (9,), and (1,) for one example"""
    X, w, b = _batch_with_margin(501, 9, 4, [0.5])
    _check_predict(student, reference, X, w, b, 0.5)
    _check_predict(student, reference, np.array([[-1.0, -2.0]]), np.array([2.0, -3.0]), -3.0)  # σ(1) ≈ 0.73: [1]
    _check_predict(student, reference, np.array([[1.0, 2.0]]), np.array([2.0, -3.0]), -3.0)    # σ(−7): [0]


@problem("predict", points=0.5)
@spec("predict.above_threshold", "predict.inputs")
def test_predict_uses_threshold(student, reference):
    """predict uses its threshold argument: thresholds 0.3 and 0.8 on a batch of shape (12, 3)"""
    X, w, b = _batch_with_margin(502, 12, 3, [0.3, 0.5, 0.8])
    p = reference.predict_proba(X, w, b)
    assert ((p > 0.3) & (p < 0.5)).any() and ((p > 0.5) & (p < 0.8)).any(), "grader data must separate thresholds"
    _check_predict(student, reference, X, w, b, 0.3)
    _check_predict(student, reference, X, w, b, 0.8)


@problem("predict", points=0.5)
@spec("predict.above_threshold", "predict.inputs")
def test_predict_random_integer_batch(student, reference):
    """predict agrees with σ(Xw + b) > 0.5 on an integer X of shape (8, 5)"""
    rng = np.random.default_rng(503)
    X = rng.integers(-4, 5, size=(8, 5))
    w = np.array([0.5, -1.0, 0.25, 2.0, -0.75])   # dyadic: Xw + b is exact, and never 0 here
    b = 0.125
    _check_predict(student, reference, X, w, b)


# ================================================================ plot_sigmoid

PLOT_PARAMS = [(1.0, 0.0), (3.0, -2.0), (0.5, 1.0)]
PLOT_CALL = f"plot_sigmoid(ax, {PLOT_PARAMS})"
SECOND_PARAMS = [(-2.0, 1.0)]   # one falling curve, on a second Axes: ax and params are used, not hard-coded
SECOND_CALL = f"plot_sigmoid(another_ax, {SECOND_PARAMS})"
MIN_POINTS = 10                 # the Spec's "at least 10 points"


def _affine(a: float, b: float, x: str = "x") -> str:
    """``3·x − 2`` for (a, b) = (3, −2)."""
    return f"{a:g}·{x} {'−' if b < 0 else '+'} {abs(b):g}"


def _curves(reference, params=PLOT_PARAMS) -> list[Curve]:
    s = reference.sigmoid
    curves = []
    for a, b in params:
        curves.append(Curve(
            f"σ({_affine(a, b)}) (a = {a:g}, b = {b:g})",
            lambda x, a=a, b=b: s(a * x + b),
            [(lambda x, a=a, b=b: s(b * x + a),
              Hint("plot_sigmoid.swapped_a_b", say("01_sigmoid.plot_swapped_a_b", "σ(b·x + a): a and b are swapped"))),
             (lambda x, a=a, b=b: s(a * (x + b)),
              Hint("plot_sigmoid.a_times_x_plus_b", say("01_sigmoid.plot_a_times_x_plus_b",
                                                        "σ(a·(x + b)): only x is multiplied by a, σ(a·x + b)"))),
             (lambda x, a=a, b=b: s(a * x - b),
              Hint("plot_sigmoid.minus_b", say("01_sigmoid.plot_minus_b", "σ(a·x − b): the sign of b is wrong"))),
             (lambda x, a=a, b=b: s(-(a * x + b)),
              Hint("plot_sigmoid.sign", say("01_sigmoid.plot_sign",
                                            "σ(−(a·x + b)): check the sign in the sigmoid"))),
             (lambda x: s(x), Hint("plot_sigmoid.ignores_a_b", say("01_sigmoid.plot_ignores_a_b",
                                                                   "σ(x): a and b were not used"))),
             (lambda x, a=a: s(a * x),
              Hint("plot_sigmoid.no_b", say("01_sigmoid.plot_no_b", "σ(a·x): b is missing")))]))
    return curves


_drawings: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def _plot(student):
    """The student's drawing of PLOT_PARAMS and what it returned.

    Drawn once per student: the four plot tests each read a different aspect
    of the same drawing, and a figure costs several ms in the sandbox.
    """
    if student not in _drawings:
        ax = student.make("axes")
        call = student.call("plot_sigmoid", ax, PLOT_PARAMS)
        _drawings[student] = (call, ax.read())
    return _drawings[student]


@problem("plot_sigmoid", points=0.5)
@spec("plot_sigmoid.one_line_per_pair", "plot_sigmoid.arguments")
def test_plot_one_curve_per_parameter_pair(student, reference):
    """plot_sigmoid draws one curve per (a, b), each equal to σ(a·x + b) at its own x values, on the Axes it is given"""
    _, data = _plot(student)
    checks.match_curves(PLOT_CALL, data, _curves(reference))
    # A second drawing, on another Axes with one other pair: a function that draws on an Axes of its own
    # or on fixed (a, b) pairs fails here.
    ax = student.make("axes")
    student.call("plot_sigmoid", ax, SECOND_PARAMS)
    second, wanted = ax.read(), _curves(reference, SECOND_PARAMS)
    lines = list(second.lines)
    if lines and not any(checks.line_matches(ln, c.f, checks.PLOT_ATOL) for ln in lines for c in wanted) and any(
            checks.line_matches(ln, c.f, checks.PLOT_ATOL) for ln in lines for c in _curves(reference)):
        raise checks.BadPlot(say("01_sigmoid.plot_ignores_params",
                                 "{call} drew the curves of the earlier call's pairs {pairs}, not of the "
                                 "pairs it was given: loop over the `params` argument of each call.",
                                 call=SECOND_CALL, pairs=PLOT_PARAMS),
                             "plot_sigmoid.ignores_params")
    checks.match_curves(SECOND_CALL, second, wanted)


@problem("plot_sigmoid", points=0.5)
@spec("plot_sigmoid.sorted_x_wide_range")
def test_plot_curves_show_the_s_shape(student, reference):
    """each curve has at least 10 sorted x values, over an x range where σ(a·x + b) goes from below 0.3 to above 0.7"""
    # The Spec states these bounds and the visible check tries them.  The criterion is on the student's x only:
    # over the plotted x range the true curve must pass through its steep middle part (a·x + b from below
    # −0.85 to above 0.85), so the S-shape is visible.  A curve is represented by the line that shows it, else
    # by the line at its position (its values are test 1's concern).
    _, data = _plot(student)
    checks.check_curves_drawn(PLOT_CALL, data, len(PLOT_PARAMS))
    lines = list(data.lines)
    for i, curve in enumerate(_curves(reference)):
        line = next((ln for ln in lines if checks.line_matches(ln, curve.f, checks.PLOT_ATOL)),
                    lines[i] if i < len(lines) else None)
        if line is not None:
            a, b = PLOT_PARAMS[i]
            checks.check_sampling(PLOT_CALL, curve.text, line, min_points=MIN_POINTS, f=curve.f, below=0.3,
                                  above=0.7, why=say("01_sigmoid.plot_why_midpoint",
                                                     "x around the midpoint −b/a = {midpoint:g}, e.g. x from −10 to 10",
                                                     midpoint=-b / a + 0.0))


@problem("plot_sigmoid", points=0.5)
@spec("plot_sigmoid.legend_and_axis_labels")
def test_plot_legend_and_axis_labels(student, reference):
    """the plot has a legend with one entry per curve, and labelled x and y axes"""
    _, data = _plot(student)
    checks.check_curves_drawn(PLOT_CALL, data, len(PLOT_PARAMS))
    checks.check_legend(PLOT_CALL, data, len(PLOT_PARAMS))
    checks.check_axis_labels(PLOT_CALL, data)


@problem("plot_sigmoid", points=0.5)
@spec("plot_sigmoid.returns_ax", "plot_sigmoid.one_line_per_pair")
def test_plot_returns_the_axes(student, reference):
    """plot_sigmoid returns the Axes it drew on"""
    call, data = _plot(student)
    returned = checks.check_returns_axes(PLOT_CALL, call)
    if not returned.lines:
        raise checks.BadPlot(say("01_sigmoid.plot_nothing_drawn",
                                 "{call} returned the Axes but drew nothing on it: plot the curves with ax.plot.",
                                 call=PLOT_CALL),
                             "plot_sigmoid.nothing_drawn")
    if len(returned.lines) != len(data.lines):
        raise checks.BadPlot(say("01_sigmoid.plot_other_axes",
                                 "{call} returned a different Axes from the one it was given: return that ax.",
                                 call=PLOT_CALL),
                             "plot_sigmoid.other_axes")
    checks.check_curves_drawn(PLOT_CALL, data, len(PLOT_PARAMS))
