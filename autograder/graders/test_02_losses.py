"""Hidden graders for assignment 02_losses (see assignments/02_losses.toml).

Each test is worth 0.5 points; per problem they add up to the catalogue's
points.  The first line of each docstring is shown to students.  Expected
values come from the ``reference`` solutions; the closeness rule and default
tolerances (|got − expected| ≤ 1e-12 + 1e-7·|expected|) are those of
``autograder.checks``.  Tests that use other tolerances say so:

* ``EDGE_ATOL`` (1e-6) where probabilities are exactly 0 or 1: clipping at
  any ε from 1e-15 to 1e-7 (or torch's clamp of the log at −100) changes a
  term where p equals its label by at most ~ε, and the spec allows any of them;
* ``LOGITS_RTOL`` (1e-12) for the loss from logits, as exact as
  ``torch.nn.functional.binary_cross_entropy_with_logits``; the test data keep
  every mean loss ≥ 0.01, so stable forms that lose absolute precision on a
  single tiny term (ln(1 + e^z) − y·z at z = 30) still pass.

Where a loss is only known to be "large and finite" (a probability of exactly 0
for the true class), the Spec asks for a finite number of at least ``LARGE_LOW``
(about −ln 1e-6 ≈ 13.8, what a probability of 1e-6 costs, which the Spec asks to
be exact): clipping at ε from 1e-15 to 1e-7 gives 16 to 35, torch's clamp 100, a
floor of 1e-300 on the true class's probability 690.8; no upper bound is stated,
so none is graded.

Random cases use fixed seeds and shapes whose dimensions differ (m ≠ n ≠ 1),
so transposes and broadcasts cannot pass by accident; every batch function is
also graded on a batch of one example (m = 1) and, where it means something, on
one class or one column (K = 1, n = 1); every test mixes cases so that a
constant answer (0, 1, 0.5) fails each of them.

Each test names the Spec bullets it checks with ``@spec("<problem>.<clause>")``:
the ids are the HTML comments at the end of the bullets of the notebook's Spec
blocks; every bullet is named by at least one test.
"""
from __future__ import annotations

import numpy as np
import pytest

from autograder import checks
from autograder.checks import Hint, call_text, like
from autograder.checks.describe import number
from autograder.checks.failures import WrongShape, WrongValue
from autograder.messages import say

ASSIGNMENT = "02_losses"
problem = pytest.mark.problem
spec = pytest.mark.spec

EDGE_ATOL = 1e-6
LOGITS_RTOL = 1e-12
LOGITS_ATOL = 1e-14
LARGE_LOW = 13.8  # just below −ln(1e-6) ≈ 13.8155: a certain, wrong answer costs at least what p = 1e-6 costs
CLIP_LEVELS = (1e-6, 1e-5, 1e-4, 1e-3, 1e-2)  # clipping this wide changes the loss visibly


def _quiet(f, *args):
    """Evaluate a mistaken formula (for recognising it) without warnings."""
    with np.errstate(all="ignore"):
        return f(*args)


def _f64(*arrays):
    return [np.asarray(a, dtype=np.float64) for a in arrays]


def _finite(found: list[checks.Like]) -> list[checks.Like]:
    """The mistakes whose value is finite here: a formula that happens to give nan on this input (0·log 0)
    must not explain a student's nan, which has a cause of its own."""
    return [d for d in found if np.all(np.isfinite(d.value))]


def _check_large_finite(text, got, *, why: str, nonfinite_hint: Hint, too_low: Hint, cheap: Hint) -> None:
    """A single finite float of at least LARGE_LOW: the loss of a certain, wrong answer. The Spec states no upper
    bound, so none is graded (a floor of 1e-300 giving 690.8 is as right as a clip at 1e-12 giving 27.6).

    ``too_low``: what a value that looks like −ln ε for a too wide ε (1e-6 < ε ≤ 0.1) means; ``cheap``: what any
    other low value means (a certain, wrong answer that costs next to nothing is not a clipping question)."""
    checks.check_scalar_between(text, got, -np.inf, np.inf, why=why, nonfinite_hint=nonfinite_hint,
                                too_low=too_low, too_high=too_low)
    value = float(got)
    if value < LARGE_LOW:
        hint = too_low if value >= -np.log(0.1) else cheap
        raise WrongValue(say("02_losses.large_finite_too_low",
                             "{call} returned {value}; it must be a large finite number, at least {low:g} ({why}).",
                             call=text, value=number(got), low=LARGE_LOW, why=why) + "\n" + hint.text, hint.code)


def _check_not_squeezed(text, got, expected, code: str, what: str) -> None:
    """A result that lost an axis of length 1 (a batch of one example, or one class) is named for what it is,
    before the generic shape check (whose advice for missing axes of length 1 would be to remove more)."""
    expected = np.asarray(expected)
    if (isinstance(got, np.ndarray) and got.shape != expected.shape and 1 in expected.shape
            and got.shape == np.squeeze(expected).shape):
        raise WrongShape(say("02_losses.squeezed",
                             "{call} returned shape {got_shape}; it must have shape {shape}.\n"
                             "An axis of length 1 is gone: {what} Don't np.squeeze, .ravel() or index the result "
                             "down; build it with its full shape (e.g. keepdims=True in sums and maxima).",
                             call=text, got_shape=got.shape, shape=expected.shape, what=what), code)


# ================================================================ mse

PAIR_NAMES = ("y_pred", "y_true")


def _mse_mistakes(y_pred, y_true) -> list[checks.Like]:
    d = np.subtract(*_f64(y_pred, y_true))
    found = [
        like(np.sum(d ** 2), say("02_losses.mse_summed",
                                 "looks like the sum of squared errors: MSE is the mean, divide by the number of "
                                 "elements (np.mean)"), code="mse.summed"),
        like(0.5 * np.mean(d ** 2), say("02_losses.mse_halved",
                                        "looks like ½·MSE: some textbooks halve it (J = 1/(2m) Σ ...), but this "
                                        "function is the plain mean of the squared errors"), code="mse.halved"),
        like(np.mean(np.abs(d)), say("02_losses.mse_absolute_value",
                                     "looks like the mean absolute error: MSE squares the errors instead of taking "
                                     "their absolute value"), code="mse.absolute_value"),
        like(np.mean(d) ** 2, say("02_losses.mse_square_of_mean",
                                  "looks like the square of the mean error: square each error first, then average"),
             code="mse.square_of_mean"),
        like(np.mean(d), say("02_losses.mse_not_squared",
                             "looks like the mean error without squaring: positive and negative errors cancel"),
             code="mse.not_squared"),
        like(np.sqrt(np.mean(d ** 2)), say("02_losses.mse_root",
                                           "looks like the root mean squared error (RMSE): drop the square root"),
             code="mse.root"),
    ]
    if d.ndim == 2:
        for axis in (0, 1):
            found.append(like(np.mean(d ** 2, axis=axis),
                              say("02_losses.mse_wrong_axis",
                                  "looks like the mean over axis {axis} only: MSE averages over all elements "
                                  "(np.mean with no axis)", axis=axis), code="mse.wrong_axis"))
    return found


def _check_mse(student, reference, y_pred, y_true):
    call = student.call("mse", y_pred, y_true)
    text = call_text("mse", y_pred, y_true, names=PAIR_NAMES)
    checks.check_scalar(text, call.value, reference.mse(y_pred, y_true), diagnoses=lambda: _mse_mistakes(y_pred, y_true))
    return call, text


@problem("mse", points=0.5)
@spec("mse.mean_all_elements_float", "mse.not_summed_not_halved")
def test_mse_lecture_examples(student, reference):
    """mse reproduces the lecture: credit scores [9, 7, 10] vs [10, 9, 8] give 3.0; heights [39.2, 19.7] vs [40.5, 21.3] give 2.125"""
    _check_mse(student, reference, np.array([9.0, 7.0, 10.0]), np.array([10.0, 9.0, 8.0]))
    _check_mse(student, reference, np.array([39.2, 19.7]), np.array([40.5, 21.3]))
    _check_mse(student, reference, np.array([40.1, 20.9]), np.array([40.5, 21.3]))


@problem("mse", points=0.5)
@spec("mse.same_shape_any_shape", "mse.mean_all_elements_float")
def test_mse_averages_over_every_element_of_a_2d_array(student, reference):
    """mse of random arrays of shape (4, 3), (5, 1) and (1, 6) is the mean over all elements, a single float"""
    rng = np.random.default_rng(1101)
    _check_mse(student, reference, rng.normal(size=(4, 3)), rng.normal(size=(4, 3)))
    _check_mse(student, reference, rng.normal(size=(5, 1)), rng.normal(size=(5, 1)))
    _check_mse(student, reference, rng.normal(size=(1, 6)), rng.normal(size=(1, 6)))


@problem("mse", points=0.5)
@spec("mse.integer_inputs")
def test_mse_integer_inputs(student, reference):
    """mse of integer arrays is a float: [1, 5, 2, 8] vs [4, 1, 2, 3] gives 12.5, one example [3] vs [5] gives 4.0"""
    _check_mse(student, reference, np.array([1, 5, 2, 8]), np.array([4, 1, 2, 3]))
    _check_mse(student, reference, np.array([3]), np.array([5]))


@problem("mse", points=0.5)
@spec("mse.inputs_unchanged")
def test_mse_leaves_inputs_unchanged(student, reference):
    """mse does not modify the caller's arrays"""
    rng = np.random.default_rng(1102)
    call, text = _check_mse(student, reference, rng.normal(size=(2, 5)), rng.normal(size=(2, 5)))
    checks.check_not_mutated(text, call, PAIR_NAMES)


# ================================================================ mae

def _mae_mistakes(y_pred, y_true) -> list[checks.Like]:
    d = np.subtract(*_f64(y_pred, y_true))
    return [
        like(np.mean(d), say("02_losses.mae_no_abs",
                             "looks like the mean error without the absolute value: positive and negative errors "
                             "cancel; use np.abs"), code="mae.no_abs"),
        like(np.abs(np.mean(d)), say("02_losses.mae_abs_of_mean",
                                     "looks like the absolute value of the mean error: take |error| of each element "
                                     "first, then average"), code="mae.abs_of_mean"),
        like(np.sum(np.abs(d)), say("02_losses.mae_summed",
                                    "looks like the sum of absolute errors: MAE is the mean, divide by the number of "
                                    "elements (np.mean)"), code="mae.summed"),
        like(np.mean(d ** 2), say("02_losses.mae_squared",
                                  "looks like the mean squared error: MAE takes absolute values, not squares"),
             code="mae.squared"),
    ]


def _check_mae(student, reference, y_pred, y_true):
    call = student.call("mae", y_pred, y_true)
    text = call_text("mae", y_pred, y_true, names=PAIR_NAMES)
    checks.check_scalar(text, call.value, reference.mae(y_pred, y_true), diagnoses=lambda: _mae_mistakes(y_pred, y_true))
    return call, text


@problem("mae", points=0.5)
@spec("mae.same_shape_any_shape", "mae.mean_all_elements_float", "mae.not_summed_not_squared")
def test_mae_lecture_example_and_a_2d_array(student, reference):
    """mae reproduces the lecture's heights ([39.2, 19.7] vs [40.5, 21.3] gives 1.45), averages a (3, 5) array and takes one example [2.5] vs [4.0] (1.5)"""
    _check_mae(student, reference, np.array([39.2, 19.7]), np.array([40.5, 21.3]))
    _check_mae(student, reference, np.array([9.0, 7.0, 10.0]), np.array([10.0, 9.0, 8.0]))
    rng = np.random.default_rng(1201)
    _check_mae(student, reference, rng.normal(size=(3, 5)), rng.normal(size=(3, 5)))
    _check_mae(student, reference, np.array([2.5]), np.array([4.0]))


@problem("mae", points=0.5)
@spec("mae.integer_inputs", "mae.inputs_unchanged")
def test_mae_integer_inputs_and_unchanged_inputs(student, reference):
    """mae of integer arrays is a float ([1, 5, 2, 8] vs [4, 1, 2, 3] gives 3.0) and the inputs stay unchanged"""
    call, text = _check_mae(student, reference, np.array([1, 5, 2, 8]), np.array([4, 1, 2, 3]))
    checks.check_not_mutated(text, call, PAIR_NAMES)
    rng = np.random.default_rng(1202)
    call, text = _check_mae(student, reference, rng.normal(size=6), rng.normal(size=6))
    checks.check_not_mutated(text, call, PAIR_NAMES)


# ================================================================ binary_cross_entropy

BCE_NAMES = ("p", "y")
LOG_ZERO = Hint("binary_cross_entropy.log_zero",
                say("02_losses.bce_log_zero",
                    "a probability of exactly 0 or 1 reached np.log: log(0) = −inf makes the loss inf, and nan where "
                    "it is multiplied by a label of 0 (0·(−inf) = nan). Clip p to [ε, 1 − ε] first (e.g. "
                    "p = np.clip(p, 1e-12, 1 - 1e-12))"))


def _bce_terms(p, y):
    """The exact per-element loss, computed without warnings (inf where p is exactly wrong)."""
    p, y = _f64(p, y)
    return _quiet(lambda: -(y * np.log(p) + (1 - y) * np.log(1 - p)))


def _bce_mistakes(reference, p, y) -> list[checks.Like]:
    p, y = _f64(p, y)
    exact = reference.binary_cross_entropy(p, y)
    found = [
        like(_quiet(lambda: -np.mean(y * np.log(1 - p) + (1 - y) * np.log(p))),
             say("02_losses.bce_swapped_terms",
                 "the two terms are swapped: y multiplies ln(p) and (1 − y) multiplies ln(1 − p)"),
             code="binary_cross_entropy.swapped_terms"),
        like(-exact, say("02_losses.bce_sign",
                         "the minus sign is missing: ln of a probability is ≤ 0, so BCE = −mean(y ln p + (1 − y) "
                         "ln(1 − p)) is ≥ 0"), code="binary_cross_entropy.sign"),
        like(exact / np.log(10), say("02_losses.log10",
                                     "off by a factor 1/ln(10): you used log10; use np.log (the natural logarithm)"),
             code="binary_cross_entropy.log10"),
        like(_quiet(lambda: -np.mean(y * np.log(p))),
             say("02_losses.bce_one_term",
                 "only the y·ln(p) term: add (1 − y)·ln(1 − p), the cost of the examples labelled 0"),
             code="binary_cross_entropy.one_term"),
        like(exact * p.size, say("02_losses.bce_summed",
                                 "looks like the sum over the examples: BCE is the mean (divide by the number of "
                                 "elements)"), code="binary_cross_entropy.summed"),
    ]
    for eps in CLIP_LEVELS:
        found.append(like(reference.binary_cross_entropy(np.clip(p, eps, 1 - eps), y),
                          say("02_losses.bce_clip_too_wide",
                              "looks like you clipped p to [{eps:g}, 1 − {eps:g}]: that changes the loss of ordinary "
                              "probabilities; clip with a tiny ε, between 1e-15 and 1e-7", eps=eps),
                          code="binary_cross_entropy.clip_too_wide"))
    return _finite(found)


def _check_bce(student, reference, p, y, **options):
    call = student.call("binary_cross_entropy", p, y)
    text = call_text("binary_cross_entropy", p, y, names=BCE_NAMES)
    checks.check_scalar(text, call.value, reference.binary_cross_entropy(p, y), nonfinite_hint=LOG_ZERO,
                        diagnoses=lambda: _bce_mistakes(reference, p, y), **options)
    return call, text


@problem("binary_cross_entropy", points=0.5)
@spec("binary_cross_entropy.mean_natural_log")
def test_bce_worked_examples(student, reference):
    """binary_cross_entropy gives ln 2 ≈ 0.693 for p = 0.5 and 0.415 for p = [0.9, 0.2, 0.6] with labels [1, 0, 0]"""
    _check_bce(student, reference, np.array([0.5]), np.array([1]))
    _check_bce(student, reference, np.array([0.9, 0.2, 0.6]), np.array([1, 0, 0]))


@problem("binary_cross_entropy", points=0.5)
@spec("binary_cross_entropy.any_shape", "binary_cross_entropy.mean_natural_log",
      "binary_cross_entropy.integer_or_float_labels")
def test_bce_random_batches(student, reference):
    """binary_cross_entropy averages over every element: random p of shape (9,), (3, 4) and (1, 5) with 0/1 labels"""
    rng = np.random.default_rng(1301)
    for shape in ((9,), (3, 4), (1, 5)):
        p = rng.uniform(0.02, 0.98, size=shape)
        y = (rng.uniform(size=shape) < 0.5).astype(np.int64)
        y.flat[:2] = (0, 1)  # both labels present
        _check_bce(student, reference, p, y)


@problem("binary_cross_entropy", points=0.5)
@spec("binary_cross_entropy.integer_or_float_labels", "binary_cross_entropy.inputs_unchanged")
def test_bce_float_labels_and_unchanged_inputs(student, reference):
    """binary_cross_entropy accepts float labels 0.0/1.0 and does not modify p or y"""
    rng = np.random.default_rng(1302)
    p = rng.uniform(0.05, 0.95, size=8)
    y = np.array([1.0, 0.0, 0.0, 1.0, 1.0, 0.0, 1.0, 0.0])
    call, text = _check_bce(student, reference, p, y)
    checks.check_not_mutated(text, call, BCE_NAMES)


@problem("binary_cross_entropy", points=0.5)
@spec("binary_cross_entropy.exact_away_from_0_and_1")
def test_bce_exact_near_0_and_1(student, reference):
    """binary_cross_entropy is exact (7 digits) for p from 1e-6 to 1 − 1e-6: clip only with a tiny ε (≤ 1e-7)"""
    p = np.array([1e-6, 1e-3, 0.3, 0.999, 1 - 1e-6, 0.5])
    y = np.array([0, 1, 1, 0, 1, 0])
    _check_bce(student, reference, p, y)
    _check_bce(student, reference, p, 1 - y)


@problem("binary_cross_entropy", points=0.5)
@spec("binary_cross_entropy.certain_and_right_costs_almost_nothing")
def test_bce_certain_and_right_costs_almost_nothing(student, reference):
    """binary_cross_entropy is finite when p is exactly 0 or 1: a term where p equals its label adds (almost) 0"""
    # Tolerance EDGE_ATOL: clipping at ε ≤ 1e-7 adds at most ~ε per such term.
    _check_bce(student, reference, np.array([1.0, 0.0, 1.0, 0.0]), np.array([1, 0, 1, 0]), atol=EDGE_ATOL)
    _check_bce(student, reference, np.array([1.0, 0.0, 0.7]), np.array([1, 0, 1]), atol=EDGE_ATOL)


@problem("binary_cross_entropy", points=0.5)
@spec("binary_cross_entropy.certain_and_wrong_costs_a_lot")
def test_bce_certain_and_wrong_costs_a_lot_but_stays_finite(student, reference):
    """binary_cross_entropy of p = 0 for label 1 (and p = 1 for label 0) is large and finite: at least 13.8 (what p = 1e-6 costs), never inf or nan"""
    for p, y in (([0.0], [1]), ([1.0], [0]), ([0.0, 1.0], [1, 0])):
        p, y = np.array(p), np.array(y)
        _check_large_finite(
            call_text("binary_cross_entropy", p, y, names=BCE_NAMES), student.binary_cross_entropy(p, y),
            why=say("02_losses.bce_large_why",
                    "a certain, wrong answer costs at least what p = 1e-6 costs, −ln 1e-6 ≈ 13.8; clipping p with ε "
                    "gives −ln ε, 16 to 35 for ε from 1e-15 to 1e-7"),
            nonfinite_hint=LOG_ZERO,
            too_low=Hint("binary_cross_entropy.clip_too_wide",
                         say("02_losses.confidently_wrong_clip",
                             "a confidently wrong answer must cost a lot: clip with a tiny ε, between 1e-15 and 1e-7")),
            cheap=Hint("binary_cross_entropy.certain_and_wrong_cheap",
                       say("02_losses.bce_certain_and_wrong_cheap",
                           "a certain, wrong answer must be the most expensive one, yet here it costs almost nothing: "
                           "check that y goes with ln p and (1 − y) with ln(1 − p), and that nothing replaces the log "
                           "of 0 by 0")))


# ================================================================ binary_cross_entropy_with_logits

LOGIT_NAMES = ("z", "y")
THROUGH_SIGMOID = Hint("binary_cross_entropy_with_logits.through_sigmoid",
                       say("02_losses.logits_through_sigmoid",
                           "looks like you formed σ(z) and took its log: σ(z) rounds to exactly 0 or 1 once |z| > ~37, "
                           "and log(0) = −inf. Use the stable form max(z, 0) − y·z + ln(1 + e^(−|z|)) (np.log1p, "
                           "np.exp of −|z|), or np.logaddexp(0, z) − y·z"))


def _stable_sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def _logits_mistakes(reference, z, y) -> list[checks.Like]:
    z, y = _f64(z, y)
    s = _stable_sigmoid(z)
    found = [
        # loss(−z, y) = loss(z, 1 − y): a flipped sign of z and swapped labels are the same mistake
        like(reference.binary_cross_entropy_with_logits(-z, y),
             say("02_losses.logits_sign_flipped",
                 "the sign of z is flipped (or, the same thing, the labels are swapped): a large positive z means "
                 "label 1 is likely, so it must make the loss small for y = 1; the loss is max(z, 0) − y·z + "
                 "ln(1 + e^(−|z|))"),
             code="binary_cross_entropy_with_logits.sign_flipped"),
        like(_quiet(lambda: np.mean(np.log1p(np.exp(z)) - y * z)),
             say("02_losses.logits_exp_overflow",
                 "ln(1 + e^z) overflows: np.exp(z) is inf for z > 709. Write ln(1 + e^z) = max(z, 0) + "
                 "ln(1 + e^(−|z|)), or use np.logaddexp(0, z)"),
             code="binary_cross_entropy_with_logits.exp_overflow"),
        like(_quiet(lambda: -np.mean(y * np.log(s) + (1 - y) * np.log(1 - s))), THROUGH_SIGMOID.text,
             code=THROUGH_SIGMOID.code),
    ]
    for eps in (1e-15, 1e-12, 1e-10, 1e-8, 1e-7, 1e-6):
        clipped = np.clip(s, eps, 1 - eps)
        found.append(like(-np.mean(y * np.log(clipped) + (1 - y) * np.log(1 - clipped)),
                          say("02_losses.logits_clipped_sigmoid",
                              "looks like σ(z) clipped to [{eps:g}, 1 − {eps:g}], then logs: that caps each term at "
                              "−ln ε ≈ {cap:.3g} while the true loss grows like |z|. Never form σ(z): use "
                              "max(z, 0) − y·z + ln(1 + e^(−|z|))", eps=eps, cap=-np.log(eps)),
                          code="binary_cross_entropy_with_logits.through_sigmoid"))
    return found


def _check_logits(student, reference, z, y):
    call = student.call("binary_cross_entropy_with_logits", z, y)
    text = call_text("binary_cross_entropy_with_logits", z, y, names=LOGIT_NAMES)
    checks.check_scalar(text, call.value, reference.binary_cross_entropy_with_logits(z, y), rtol=LOGITS_RTOL,
                        atol=LOGITS_ATOL, diagnoses=lambda: _logits_mistakes(reference, z, y), nonfinite_hint=THROUGH_SIGMOID)
    return call, text


@problem("binary_cross_entropy_with_logits", points=0.5)
@spec("binary_cross_entropy_with_logits.equals_bce_of_sigmoid", "binary_cross_entropy_with_logits.mean_all_elements",
      "binary_cross_entropy_with_logits.any_shape")
def test_logits_equal_the_loss_of_the_probabilities(student, reference):
    """binary_cross_entropy_with_logits(z, y) equals binary_cross_entropy(σ(z), y) (to 1e-12) for z = [3, −2, 0.5, 4] with y = [1, 1, 0, 0], and for random z of shape (3, 5) and (1, 4)"""
    rng = np.random.default_rng(1401)
    _check_logits(student, reference, np.array([0.0, 2.0, -2.0]), np.array([1, 1, 0]))
    _check_logits(student, reference, np.array([3.0, -2.0, 0.5, 4.0]), np.array([1, 1, 0, 0]))
    for shape in ((3, 5), (1, 4)):
        z = rng.normal(0.0, 2.0, size=shape)
        y = (rng.uniform(size=shape) < 0.5).astype(np.int64)
        y.flat[:2] = (0, 1)
        _check_logits(student, reference, z, y)


@problem("binary_cross_entropy_with_logits", points=0.5)
@spec("binary_cross_entropy_with_logits.finite_and_exact_for_every_z", "binary_cross_entropy_with_logits.no_overflow",
      "binary_cross_entropy_with_logits.never_forms_sigmoid")
def test_logits_large_negative_scores(student, reference):
    """binary_cross_entropy_with_logits is finite and exact for z down to −10000 (a confident wrong score costs |z|) without any overflow warning"""
    z = np.array([-1e4, -1000.0, -745.0, -40.0, -5.0, -800.0, -50.0, -710.0, -3.0])
    call, text = _check_logits(student, reference, z, np.array([1, 0, 1, 0, 1, 1, 1, 0, 0]))
    checks.check_no_warnings(text, call)


@problem("binary_cross_entropy_with_logits", points=0.5)
@spec("binary_cross_entropy_with_logits.finite_and_exact_for_every_z", "binary_cross_entropy_with_logits.no_overflow",
      "binary_cross_entropy_with_logits.never_forms_sigmoid")
def test_logits_large_positive_scores(student, reference):
    """binary_cross_entropy_with_logits is finite and exact for z up to +10000 (a confident wrong score costs z) without any overflow warning"""
    z = np.array([1e4, 1000.0, 745.0, 40.0, 5.0, 800.0, 50.0, 710.0, 3.0])
    call, text = _check_logits(student, reference, z, np.array([0, 1, 0, 1, 0, 0, 0, 1, 1]))
    checks.check_no_warnings(text, call)


@problem("binary_cross_entropy_with_logits", points=0.5)
@spec("binary_cross_entropy_with_logits.integer_or_float_labels", "binary_cross_entropy_with_logits.inputs_unchanged")
def test_logits_integer_inputs_and_unchanged_inputs(student, reference):
    """binary_cross_entropy_with_logits accepts integer z and labels, and float labels, and does not modify the caller's z or y"""
    _check_logits(student, reference, np.array([2, -1, 0, 5, -3]), np.array([1, 0, 0, 1, 1]))
    rng = np.random.default_rng(1402)
    z = rng.normal(0.0, 3.0, size=(4, 6))
    y = (rng.uniform(size=(4, 6)) < 0.5).astype(np.float64)
    call, text = _check_logits(student, reference, z, y)
    checks.check_not_mutated(text, call, LOGIT_NAMES)


# ================================================================ softmax

KEEPDIMS = Hint("softmax.broadcast_denominator",
                say("02_losses.softmax_broadcast_denominator",
                    "the row sums have shape (m,), which numpy lines up with the last axis, not with the rows: "
                    "sum with keepdims=True (shape (m, 1)) so each row is divided by its own sum"))
SOFTMAX_ERRORS = {
    "could not be broadcast": KEEPDIMS,
    "out of bounds for array of dimension 1": Hint("softmax.axis_1d",
                                                   say("02_losses.softmax_axis_1d",
                                                       "a 1-D input has only axis 0: use axis=-1 (the last axis), "
                                                       "which works for 1-D and 2-D input")),
}


def _softmax_mistakes(reference, z) -> list[checks.Like]:
    (z,) = _f64(z)
    e = _quiet(lambda: np.exp(z))
    found = [
        like(_quiet(lambda: e / e.sum(axis=-1, keepdims=True)),
             say("02_losses.softmax_no_max_shift",
                 "e^z overflows to inf for z > 709, and inf/inf = nan: subtract each row's max first "
                 "(z - z.max(axis=-1, keepdims=True)); softmax does not change when a constant is subtracted"),
             code="softmax.no_max_shift"),
    ]
    if z.ndim == 2:
        shifted = np.exp(z - z.max())
        found += [
            like(_quiet(lambda: e / e.sum(axis=0, keepdims=True)),
                 say("02_losses.softmax_wrong_axis",
                     "the columns sum to 1, not the rows: normalise along the last axis (axis=-1), one row per "
                     "example"),
                 code="softmax.wrong_axis"),
            like(_quiet(lambda: shifted / shifted.sum(axis=0, keepdims=True)),
                 say("02_losses.softmax_wrong_axis",
                     "the columns sum to 1, not the rows: normalise along the last axis (axis=-1), one row per "
                     "example"),
                 code="softmax.wrong_axis"),
            like(_quiet(lambda: e / e.sum()), say("02_losses.softmax_whole_array",
                                                  "the whole array sums to 1: normalise each row by its own sum "
                                                  "(axis=-1, keepdims=True)"), code="softmax.whole_array"),
            like(_quiet(lambda: shifted / shifted.sum()), say("02_losses.softmax_whole_array",
                                                              "the whole array sums to 1: normalise each row by its "
                                                              "own sum (axis=-1, keepdims=True)"),
                 code="softmax.whole_array"),
            like(_quiet(lambda: shifted / shifted.sum(axis=-1, keepdims=True)),
                 say("02_losses.softmax_global_max_shift",
                     "looks like you subtracted the max of the whole array: a row far below it underflows to 0/0 = "
                     "nan; subtract each row's own max (z.max(axis=-1, keepdims=True))"),
                 code="softmax.global_max_shift"),
        ]
        if z.shape[0] == z.shape[1]:
            found.append(like(_quiet(lambda: e / e.sum(axis=-1)), KEEPDIMS.text, code=KEEPDIMS.code))
            found.append(like(_quiet(lambda: shifted / shifted.sum(axis=-1)), KEEPDIMS.text, code=KEEPDIMS.code))
    return found


def _check_softmax(student, reference, z):
    text = call_text("softmax", z)
    with checks.explain_errors(SOFTMAX_ERRORS):
        call = student.call("softmax", z)
    _check_not_squeezed(text, call.value, reference.softmax(z), "softmax.squeezed",
                        say("02_losses.softmax_squeezed_what",
                            "a batch of one example, shape (1, K), gives probabilities of shape (1, K), and one "
                            "class, shape (m, 1), gives shape (m, 1) (all ones)."))
    checks.check_array(text, call.value, reference.softmax(z),
                       shape_means=say("02_losses.shape_means_input", "the input's shape"),
                       where=say("02_losses.where_index", "index"), diagnoses=lambda: _softmax_mistakes(reference, z))
    return call, text


@problem("softmax", points=0.5)
@spec("softmax.input_1d_or_2d", "softmax.same_shape_rows_sum_to_1")
def test_softmax_of_one_example(student, reference):
    """softmax([2, 1, 0.1]) ≈ [0.659, 0.242, 0.099]: a 1-D input gives probabilities of the same shape summing to 1"""
    _check_softmax(student, reference, np.array([2.0, 1.0, 0.1]))
    _check_softmax(student, reference, np.random.default_rng(1501).normal(0.0, 2.0, size=5))


@problem("softmax", points=0.5)
@spec("softmax.input_1d_or_2d", "softmax.same_shape_rows_sum_to_1")
def test_softmax_each_row_of_a_batch(student, reference):
    """softmax of a batch (4, 3), of a square batch (3, 3), of one example (1, 4) and of one class (3, 1) normalises each row (one example per row) and keeps the shape"""
    rng = np.random.default_rng(1502)
    _check_softmax(student, reference, rng.normal(0.0, 2.0, size=(4, 3)))
    _check_softmax(student, reference, rng.normal(0.0, 2.0, size=(3, 3)))
    _check_softmax(student, reference, rng.normal(0.0, 2.0, size=(1, 4)))
    _check_softmax(student, reference, rng.normal(0.0, 2.0, size=(3, 1)))


@problem("softmax", points=0.5)
@spec("softmax.shift_invariant_large_scores")
def test_softmax_large_scores(student, reference):
    """softmax(z + 1000) equals softmax(z) (no nan), also when rows differ hugely in scale ([[0, 1], [1000, 1001]])"""
    z = np.array([[1.0, 2.0, 3.0], [0.0, 0.5, -0.5]])
    _check_softmax(student, reference, z + 1000.0)
    _check_softmax(student, reference, np.array([1000.0, 1001.0, 1002.0]))
    _check_softmax(student, reference, np.array([[0.0, 1.0], [1000.0, 1001.0], [-1000.0, -1002.0]]))


@problem("softmax", points=0.5)
@spec("softmax.integer_input", "softmax.input_unchanged")
def test_softmax_integer_input_and_unchanged_input(student, reference):
    """softmax of an integer (2, 4) array returns float64, and softmax does not modify the caller's array"""
    _check_softmax(student, reference, np.array([[1, 2, 3, 4], [0, 0, 5, -5]]))
    z = np.random.default_rng(1503).normal(0.0, 3.0, size=(5, 2))
    call, text = _check_softmax(student, reference, z)
    checks.check_not_mutated(text, call, ["z"])


# ================================================================ one_hot

ONE_HOT_NAMES = ("labels", "num_classes")
ONE_HOT_INTEGERS = Hint("one_hot.integer_dtype",
                        say("02_losses.one_hot_integer_dtype",
                            "integer output: np.zeros((m, K)) and np.eye(K) are float64 by default; "
                            "np.zeros(..., dtype=int) or np.identity(K, dtype=int) are not. Return floats (1.0 and "
                            "0.0)"))


def _one_hot_mistakes(reference, labels, k) -> list[checks.Like]:
    labels = np.asarray(labels)
    right = reference.one_hot(labels, k)
    found = [  # numpy wraps a label −1 around to the last column, as a student's own indexing does
        like(np.eye(k)[labels - 1], say("02_losses.one_hot_off_by_one_left",
                                        "every 1 is one column to the left (label 0 wraps around to the last "
                                        "column): classes are numbered from 0, so label c goes in column c"),
             code="one_hot.off_by_one"),
        like(right.T, say("02_losses.one_hot_transposed",
                          "the result is transposed: one row per example, one column per class, shape (m, K)"),
             code="one_hot.transposed"),
        like(np.eye(k + 1)[labels], say("02_losses.one_hot_extra_column",
                                        "one column too many: classes are numbered 0 … K − 1, so K columns"),
             code="one_hot.extra_column"),
    ]
    if labels.size and labels.max() + 1 != k:
        found.append(like(np.eye(labels.max() + 1)[labels],
                          say("02_losses.one_hot_ignores_num_classes",
                              "the number of columns must be num_classes, not the largest label + 1: some classes "
                              "may not appear among the labels"), code="one_hot.ignores_num_classes"))
    if labels.size and labels.max() <= k - 2:
        found.append(like(np.eye(k)[labels + 1],
                          say("02_losses.one_hot_off_by_one_right",
                              "every 1 is one column to the right: classes are numbered from 0, so label c goes in "
                              "column c"), code="one_hot.off_by_one"))
    return found


def _check_one_hot(student, reference, labels, k):
    call = student.call("one_hot", labels, k)
    text = call_text("one_hot", labels, k, names=ONE_HOT_NAMES)
    _check_not_squeezed(text, call.value, reference.one_hot(labels, k), "one_hot.squeezed",
                        say("02_losses.one_hot_squeezed_what",
                            "one label gives one row, shape (1, num_classes), and one class gives one column, shape "
                            "(m, 1)."))
    checks.check_array(text, call.value, reference.one_hot(labels, k),
                       shape_means=say("02_losses.shape_means_one_hot", "shape (m, num_classes) ="),
                       where=say("02_losses.where_row", "row"), integer_hint=ONE_HOT_INTEGERS,
                       diagnoses=lambda: _one_hot_mistakes(reference, labels, k))
    return call, text


@problem("one_hot", points=0.5)
@spec("one_hot.float64_one_per_row", "one_hot.width_num_classes")
def test_one_hot_lecture_example_and_random_labels(student, reference):
    """one_hot([2, 0, 1], 3) is [[0, 0, 1], [1, 0, 0], [0, 1, 0]] as float64; 7 random labels with 5 classes give shape (7, 5), one label [2] gives (1, 3), labels [0, 1] with 4 classes give (2, 4), one class gives (m, 1)"""
    _check_one_hot(student, reference, np.array([2, 0, 1]), 3)
    _check_one_hot(student, reference, np.random.default_rng(1601).integers(0, 5, size=7), 5)
    _check_one_hot(student, reference, np.array([2]), 3)
    _check_one_hot(student, reference, np.array([0, 1]), 4)
    _check_one_hot(student, reference, np.array([0, 0, 0]), 1)


@problem("one_hot", points=0.5)
@spec("one_hot.integer_labels", "one_hot.empty_labels", "one_hot.input_unchanged")
def test_one_hot_edges(student, reference):
    """one_hot uses every column from 0 to K − 1, accepts int32 labels, leaves them unchanged, and maps no labels to shape (0, K)"""
    _check_one_hot(student, reference, np.array([3, 0, 3, 1], dtype=np.int32), 4)
    labels = np.array([1, 1, 2, 0, 2, 1])
    call, text = _check_one_hot(student, reference, labels, 3)
    checks.check_not_mutated(text, call, ["labels"])
    _check_one_hot(student, reference, np.array([], dtype=np.int64), 3)


# ================================================================ cross_entropy

CE_NAMES = ("probs", "y_onehot")
CE_LOG_ZERO = Hint("cross_entropy.log_zero",
                   say("02_losses.ce_log_zero",
                       "a probability of exactly 0 reached np.log: log(0) = −inf makes the loss inf, and nan where it "
                       "is multiplied by a label of 0 (0·(−inf) = nan). Clip the probabilities to [ε, 1] first (e.g. "
                       "np.clip(probs, 1e-12, 1.0)); taking logs only where y > 0 avoids the nan, but a true class "
                       "whose probability is 0 still needs a floor"))


def _onehot(labels, k):
    return np.eye(k)[labels]


def _ce_mistakes(reference, probs, y) -> list[checks.Like]:
    probs, y = _f64(probs, y)
    exact = reference.cross_entropy(probs, y)
    m, k = probs.shape
    rows = _quiet(lambda: -np.sum(y * np.log(probs), axis=-1))
    clipped = [like(reference.cross_entropy(np.clip(probs, eps, 1.0), y),
                    say("02_losses.ce_clip_too_wide",
                        "looks like you clipped the probabilities to [{eps:g}, 1]: that changes the loss of small but "
                        "honest probabilities (the Spec asks for the exact loss down to 1e-6); clip with a tiny ε, "
                        "between 1e-15 and 1e-7", eps=eps),
                    code="cross_entropy.clip_too_wide") for eps in CLIP_LEVELS]
    return _finite(clipped + [
        like(exact * m, say("02_losses.ce_summed",
                            "looks like the sum over the rows: cross-entropy is the mean over the m examples"),
             code="cross_entropy.summed"),
        like(exact / k, say("02_losses.ce_mean_over_elements",
                            "looks like the mean over all m·K elements: sum over the classes of each row first, then "
                            "average over the rows (np.mean(np.sum(..., axis=-1)))"),
             code="cross_entropy.mean_over_elements"),
        like(-exact, say("02_losses.ce_sign",
                         "the minus sign is missing: ln of a probability is ≤ 0, so the loss −Σ y ln p is ≥ 0"),
             code="cross_entropy.sign"),
        like(exact / np.log(10), say("02_losses.log10",
                                     "off by a factor 1/ln(10): you used log10; use np.log (the natural logarithm)"),
             code="cross_entropy.log10"),
        like(rows, say("02_losses.ce_per_row", "returned one loss per row: average them into a single number (np.mean)"),
             code="cross_entropy.per_row"),
    ])


def _check_ce(student, reference, probs, y, **options):
    call = student.call("cross_entropy", probs, y)
    text = call_text("cross_entropy", probs, y, names=CE_NAMES)
    checks.check_scalar(text, call.value, reference.cross_entropy(probs, y), nonfinite_hint=CE_LOG_ZERO,
                        diagnoses=lambda: _ce_mistakes(reference, probs, y), **options)
    return call, text


@problem("cross_entropy", points=0.5)
@spec("cross_entropy.mean_over_rows", "cross_entropy.shapes_m_by_k")
def test_ce_worked_example_and_a_random_batch(student, reference):
    """cross_entropy of p = [0.2, 0.7, 0.1] for class 1 is −ln 0.7 ≈ 0.357; two rows give the mean of their losses; a random batch of 6 examples and 4 classes is the mean over the 6 rows of −Σ y ln p"""
    _check_ce(student, reference, np.array([[0.2, 0.7, 0.1]]), _onehot([1], 3))
    _check_ce(student, reference, np.array([[0.2, 0.7, 0.1], [0.1, 0.25, 0.65]]), _onehot([1, 2], 3))
    rng = np.random.default_rng(1701)
    scores = rng.normal(0.0, 1.5, size=(6, 4))
    probs = np.exp(scores) / np.exp(scores).sum(axis=1, keepdims=True)
    _check_ce(student, reference, probs, _onehot(rng.integers(0, 4, size=6), 4))


@problem("cross_entropy", points=0.5)
@spec("cross_entropy.exact_for_small_probabilities")
def test_ce_exact_for_small_probabilities(student, reference):
    """cross_entropy is exact (7 digits) when the true class has a probability as small as 1e-6: clip only with a tiny ε (≤ 1e-7)"""
    probs = np.array([[1e-6, 0.5, 0.5 - 1e-6], [0.999, 1e-4, 0.001 - 1e-4], [0.3, 0.6, 0.1], [1e-3, 1e-6, 0.999 - 1e-6]])
    _check_ce(student, reference, probs, _onehot([0, 1, 2, 1], 3))


@problem("cross_entropy", points=0.5)
@spec("cross_entropy.zero_probability_of_other_class_adds_nothing",
      "cross_entropy.zero_probability_of_true_class_costs_a_lot")
def test_ce_zero_probabilities(student, reference):
    """cross_entropy is finite when a probability is exactly 0: 0 where the label is 0 adds nothing, where it is 1 it costs a lot (at least 13.8, what p = 1e-6 costs)"""
    # Tolerance EDGE_ATOL: clipping at ε ≤ 1e-7 adds at most ~ε where a probability is exactly 1.
    probs = np.array([[0.0, 1.0, 0.0], [0.25, 0.75, 0.0]])
    _check_ce(student, reference, probs, _onehot([1, 1], 3), atol=EDGE_ATOL)
    for probs, labels in (([[0.0, 1.0, 0.0]], [0]), ([[0.0, 1.0, 0.0], [0.5, 0.0, 0.5]], [0, 1])):
        probs, y = np.array(probs), _onehot(labels, 3)
        _check_large_finite(
            call_text("cross_entropy", probs, y, names=CE_NAMES), student.cross_entropy(probs, y),
            why=say("02_losses.ce_large_why",
                    "a certain, wrong answer costs at least what a probability of 1e-6 costs, −ln 1e-6 ≈ 13.8; "
                    "clipping at ε gives −ln ε, 27.6 for ε = 1e-12"),
            nonfinite_hint=CE_LOG_ZERO,
            too_low=Hint("cross_entropy.clip_too_wide",
                         say("02_losses.confidently_wrong_clip",
                             "a confidently wrong answer must cost a lot: clip with a tiny ε, between 1e-15 and 1e-7")),
            cheap=Hint("cross_entropy.certain_and_wrong_cheap",
                       say("02_losses.ce_certain_and_wrong_cheap",
                           "a certain, wrong answer must be the most expensive one, yet here it costs almost nothing: "
                           "the log of the true class's probability 0 must become a large number (−ln ε), not 0")))


@problem("cross_entropy", points=0.5)
@spec("cross_entropy.mean_over_rows", "cross_entropy.inputs_unchanged")
def test_ce_with_two_classes_is_the_binary_cross_entropy(student, reference):
    """cross_entropy with 2 classes, probs [1 − p, p], equals the binary cross-entropy of p, and leaves its inputs unchanged"""
    rng = np.random.default_rng(1702)
    p = rng.uniform(0.05, 0.95, size=5)
    labels = np.array([1, 0, 0, 1, 1])
    probs, y = np.column_stack([1 - p, p]), _onehot(labels, 2)
    call, text = _check_ce(student, reference, probs, y)
    checks.check_not_mutated(text, call, CE_NAMES)
