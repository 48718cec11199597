"""Hidden graders for assignment 04_backprop (see assignments/04_backprop.toml).

Each test is worth 0.5 points; per problem they add up to the catalogue's
points.  The first line of each docstring is shown to students.  Expected
values come from the ``reference`` solutions (themselves checked against
PyTorch autograd and central differences in tests/test_solutions_04_backprop.py);
the closeness rule and default tolerances (|got − expected| ≤ 1e-12 +
1e-7·|expected|) are those of ``autograder.checks``.

The gate classes are constructed inside the sandbox (``student.AddGate()``)
and driven through their methods with state kept between calls; only
numbers come back.  Random cases use fixed seeds and shapes whose dimensions
differ (h ≠ n ≠ 1); ``two_layer_gradients`` is also graded at h = 1 and n = 1.

Every test names the Spec bullets it checks (``@spec("<problem>.<clause>")``,
the ids in the notebook's ``<!-- spec: ... -->`` comments).  No problem calls
another graded function: the gates are driven directly, and
``sigmoid_neuron_forward_backward`` and ``two_layer_gradients`` compute their
own sigmoid, so no stand-in is involved.  "Stable for large |z|" is graded as
in 01's ``sigmoid``: two tests, z down to −10⁴ and up to +10⁴, values and no
RuntimeWarning.
"""
from __future__ import annotations

import functools
from typing import Callable, Sequence

import numpy as np
import pytest

from autograder import checks, messages
from autograder.checks import call_text, like
from autograder.messages import say

ASSIGNMENT = "04_backprop"
problem = pytest.mark.problem
spec = pytest.mark.spec

LECTURE_W, LECTURE_X = np.array([2.0, -3.0, -3.0]), np.array([-1.0, -2.0])  # lecture 004's sigmoid neuron


def _sigmoid(z):
    return np.exp(-np.logaddexp(0.0, -np.asarray(z, dtype=np.float64)))


def _is_integer_number(value) -> bool:
    return (isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_))) or (
        isinstance(value, np.ndarray) and value.ndim == 0 and value.dtype.kind in "iu")


def _check_float_number(call: str, got, expected) -> None:
    """A single number that must be a float: an integer one (``return 0`` for a gradient) is told so plainly.

    (The shared integer-output hint speaks of arrays made with np.empty_like, which is not this situation.)
    """
    if np.ndim(expected) == 0 and _is_integer_number(got):
        raise checks.WrongDtype(say(
            "04_backprop.integer_number",
            "{call} returned the integer {n}; it must be a float (expected {expected}).\n"
            "A result that happens to be a whole number still comes back as a float: write 0.0 rather than 0, or "
            "convert with float(...).", call=call, n=int(got), expected=checks.describe(float(expected))),
            "dtype.integer_number")


def _check_value(call: str, got, expected, **options) -> None:
    """``checks.check_value``, without its hint about integer arrays (np.empty_like) for a single number.

    A single float that equals the expected value's whole part (0.0 for 0.73) is a wrong number, not an
    array that kept an integer dtype: the hint would name a situation that is not the student's.
    """
    try:
        checks.check_value(call, got, expected, **options)
    except checks.WrongValue as err:
        if np.ndim(expected) == 0 and err.mistake == "value.truncated":
            raise checks.WrongValue(messages.first_line(err.args[0])) from None
        raise


def _check_items(call: str, got: tuple, expected: tuple, names: Sequence[str],
                 mistakes: Callable[[], list[tuple[tuple, str, str]]], **options) -> None:
    """Each item against the reference; ``mistakes()`` gives wrong results as (values, message, code)."""
    cached = functools.cache(mistakes)
    for index, (name, got_item, want) in enumerate(zip(names, got, expected)):
        item = say("04_backprop.item_of_call", "{name} of {call}", name=name, call=call)
        _check_float_number(item, got_item, want)
        _check_value(item, got_item, want, **options,
                           diagnoses=lambda index=index: [like(values[index], message, code=code)
                                                          for values, message, code in cached()])


# ================================================================ add_mul_forward_backward

ADD_MUL_NAMES = ("f", "dx", "dy", "dz")


def _add_mul_mistakes(x, y, z) -> list[tuple[tuple, str, str]]:
    q = x + y
    return [
        ((q * z, z * y, z * x, q), say("04_backprop.add_mul_add_multiplies",
                                       "the add node multiplied: an add gate passes its upstream gradient through "
                                       "unchanged, so dx = dy = ∂f/∂q = z"), "add_mul_forward_backward.add_multiplies"),
        ((q * z, z, z, z), say("04_backprop.add_mul_no_swap_dz",
                               "the multiply node did not swap: ∂f/∂z is the *other* input, q = x + y"),
         "add_mul_forward_backward.mul_no_swap"),
        ((q * z, q, q, z), say("04_backprop.add_mul_no_swap_dq",
                               "the multiply node did not swap: ∂f/∂q is the other input, z (and ∂f/∂z = q)"),
         "add_mul_forward_backward.mul_no_swap"),
        ((q * z, 1.0, 1.0, q), say("04_backprop.add_mul_no_upstream",
                                   "dx and dy are the add node's local gradients (1) without the upstream gradient: "
                                   "downstream = local × upstream = 1 · z"), "add_mul_forward_backward.no_upstream"),
        ((q * z, 1 + z, 1 + z, q), say("04_backprop.add_mul_chain_summed",
                                       "the chain rule multiplies local and upstream gradients; it does not add them"),
         "add_mul_forward_backward.chain_summed"),
    ]


def _check_add_mul(student, reference, x, y, z):
    text = call_text("add_mul_forward_backward", x, y, z)
    got = checks.check_tuple(text, student.add_mul_forward_backward(x, y, z), ADD_MUL_NAMES,
                             "add_mul_forward_backward.not_4")
    _check_items(text, got, reference.add_mul_forward_backward(x, y, z), ADD_MUL_NAMES,
                 lambda: _add_mul_mistakes(x, y, z))


@problem("add_mul_forward_backward", points=0.5)
@spec("add_mul_forward_backward.lecture_values", "add_mul_forward_backward.returns_f_and_gradients")
def test_add_mul_lecture_values(student, reference):
    """add_mul_forward_backward(−2, 5, −4) is the lecture's (f, dx, dy, dz) = (−12, −4, −4, 3)"""
    _check_add_mul(student, reference, -2.0, 5.0, -4.0)


@problem("add_mul_forward_backward", points=0.5)
@spec("add_mul_forward_backward.float_inputs", "add_mul_forward_backward.returns_f_and_gradients")
def test_add_mul_other_values(student, reference):
    """add_mul_forward_backward at (1.5, −0.5, 2) and (3, 4, 0.25): dx = dy = z and dz = x + y"""
    _check_add_mul(student, reference, 1.5, -0.5, 2.0)
    _check_add_mul(student, reference, 3.0, 4.0, 0.25)


@problem("add_mul_forward_backward", points=0.5)
@spec("add_mul_forward_backward.float_inputs", "add_mul_forward_backward.returns_f_and_gradients")
def test_add_mul_random_values(student, reference):
    """add_mul_forward_backward at 5 random points matches the chain rule"""
    for x, y, z in np.random.default_rng(4101).normal(0.0, 3.0, size=(5, 3)):
        _check_add_mul(student, reference, float(x), float(y), float(z))


@problem("add_mul_forward_backward", points=0.5)
@spec("add_mul_forward_backward.returns_f_and_gradients")
def test_add_mul_zero_upstream_branch(student, reference):
    """add_mul_forward_backward when x + y = 0 (dz = 0) and when z = 0 (dx = dy = 0)"""
    _check_add_mul(student, reference, 2.0, -2.0, 7.0)
    _check_add_mul(student, reference, 1.5, 2.5, 0.0)


# ================================================================ shopping_forward_backward

SHOPPING_NAMES = ("total", "d_price", "d_count", "d_tax")


def _shopping_mistakes(price, count, tax) -> list[tuple[tuple, str, str]]:
    total = price * count * tax
    return [
        ((total, count, price, price * count), say("04_backprop.shopping_no_upstream",
                                                   "d_price and d_count lack the upstream gradient tax: downstream = "
                                                   "local × upstream, d_price = count · tax"),
         "shopping_forward_backward.no_upstream"),
        ((total, price * tax, count * tax, price * count), say("04_backprop.shopping_mul_no_swap",
                                                               "the multiply node did not swap: ∂(price·count)/∂price "
                                                               "is count, the other input"),
         "shopping_forward_backward.mul_no_swap"),
    ]


def _check_shopping(student, reference, price, count, tax):
    text = call_text("shopping_forward_backward", price, count, tax)
    got = checks.check_tuple(text, student.shopping_forward_backward(price, count, tax), SHOPPING_NAMES,
                 "shopping_forward_backward.not_4")
    _check_items(text, got, reference.shopping_forward_backward(price, count, tax), SHOPPING_NAMES,
                 lambda: _shopping_mistakes(price, count, tax))


@problem("shopping_forward_backward", points=0.5)
@spec("shopping_forward_backward.lecture_values", "shopping_forward_backward.returns_total_and_gradients")
def test_shopping_lecture_values(student, reference):
    """shopping_forward_backward(1000, 3, 1.1) is the lecture's (3300, 3.3, 1100, 3000): one more item adds 1100"""
    _check_shopping(student, reference, 1000.0, 3.0, 1.1)


@problem("shopping_forward_backward", points=0.5)
@spec("shopping_forward_backward.total", "shopping_forward_backward.returns_total_and_gradients")
def test_shopping_other_values(student, reference):
    """shopping_forward_backward for 250 won × 4 items × tax 1.08, and for 2 items of 1500 won × tax 1.2"""
    _check_shopping(student, reference, 250.0, 4.0, 1.08)
    _check_shopping(student, reference, 1500.0, 2.0, 1.2)


# ================================================================ sigmoid_neuron_forward_backward

NEURON_NAMES = ("f", "dw", "dx")


def _neuron_mistakes(w, x) -> list[tuple[tuple, str, str]]:
    w, x = np.asarray(w, dtype=np.float64), np.asarray(x, dtype=np.float64)
    z = w[0] * x[0] + w[1] * x[1] + w[2]
    s = float(_sigmoid(z))

    def grads(dz):
        return (s, np.array([x[0] * dz, x[1] * dz, dz]), np.array([w[0] * dz, w[1] * dz]))
    return [
        (grads(s * (1 + s)), say("04_backprop.neuron_one_plus_sigma",
                                 "the sigmoid's local gradient is σ(1 − σ), not σ(1 + σ)"),
         "sigmoid_neuron_forward_backward.one_plus_sigma"),
        (grads(z * (1 - z)), say("04_backprop.neuron_derivative_at_z",
                                 "σ's local gradient evaluated at z: it is σ(z)(1 − σ(z)), with the sigmoid's output"),
         "sigmoid_neuron_forward_backward.derivative_at_z"),
        (grads(s), say("04_backprop.neuron_sigma_as_gradient",
                       "the gradients use σ(z) itself as the sigmoid's local gradient: it is σ(z)(1 − σ(z))"),
         "sigmoid_neuron_forward_backward.sigma_as_gradient"),
        ((s, np.array([w[0] * s * (1 - s), w[1] * s * (1 - s), s * (1 - s)]),
          np.array([x[0] * s * (1 - s), x[1] * s * (1 - s)])),
         say("04_backprop.neuron_mul_no_swap", "the multiply nodes did not swap: ∂(w₀x₀)/∂w₀ is x₀, the other input"),
         "sigmoid_neuron_forward_backward.mul_no_swap"),
    ]


def _check_neuron(student, reference, w, x):
    text = call_text("sigmoid_neuron_forward_backward", w, x, names=("w", "x"))
    call = student.call("sigmoid_neuron_forward_backward", w, x)
    got = checks.check_tuple(text, call.value, NEURON_NAMES, "sigmoid_neuron_forward_backward.not_3")
    shapes = tuple(np.shape(item) for item in got[1:])
    if shapes == ((2,), (3,)):
        raise checks.WrongShape(say("04_backprop.neuron_swapped",
                                    "{call} returned dw of shape (2,) and dx of shape (3,): dw and dx are swapped; "
                                    "return (f, dw, dx), dw with one entry per weight (w₀, w₁, w₂).", call=text),
                                "sigmoid_neuron_forward_backward.swapped")
    if shapes[0] == (2,):
        raise checks.WrongShape(say("04_backprop.neuron_no_bias_gradient",
                                    "{call} returned dw of shape (2,): the bias gradient is missing. w₂ is added to "
                                    "the sum, so its gradient is dz itself: dw = [x₀·dz, x₁·dz, dz].", call=text),
                                "sigmoid_neuron_forward_backward.no_bias_gradient")
    _check_items(text, got, reference.sigmoid_neuron_forward_backward(w, x), NEURON_NAMES,
                 lambda: _neuron_mistakes(w, x))
    return call, text


N = "sigmoid_neuron_forward_backward"


def _neuron_at(z: float) -> tuple[np.ndarray, np.ndarray]:
    """(w, x) whose score w₀x₀ + w₁x₁ + w₂ is exactly ``z``."""
    return np.array([0.25 * z, -0.25 * z, 0.25 * z]), np.array([2.0, -1.0])


def _check_neuron_quietly(student, reference, zs) -> None:
    """The neuron at each score in ``zs``: values, then no warning (as 01's sigmoid at large |z|)."""
    for z in zs:
        call, text = _check_neuron(student, reference, *_neuron_at(z))
        checks.check_no_warnings(text, call)


@problem(N, points=0.5)
@spec(f"{N}.lecture_values", f"{N}.returns_f_dw_dx")
def test_neuron_lecture_values(student, reference):
    """sigmoid_neuron_forward_backward at the lecture's w = [2, −3, −3], x = [−1, −2]: f ≈ 0.7311, dw ≈ [−0.20, −0.39, 0.20], dx ≈ [0.39, −0.59]"""
    _check_neuron(student, reference, LECTURE_W, LECTURE_X)


@problem(N, points=0.5)
@spec(f"{N}.input_shapes", f"{N}.returns_f_dw_dx")
def test_neuron_random_values(student, reference):
    """sigmoid_neuron_forward_backward at 5 other (w, x) matches the chain rule: dw with 3 entries (the bias gets dz), dx with 2"""
    _check_neuron(student, reference, np.array([0.5, -1.0, 2.0]), np.array([1.5, 0.25]))
    rng = np.random.default_rng(4301)
    for _ in range(4):
        _check_neuron(student, reference, rng.normal(size=3), rng.normal(size=2))


@problem(N, points=0.5)
@spec(f"{N}.returns_f_dw_dx")
def test_neuron_at_zero_score(student, reference):
    """sigmoid_neuron_forward_backward where z = 0 (f = 0.5, the steepest point: σ(1 − σ) = 0.25)"""
    _check_neuron(student, reference, np.array([1.0, 1.0, 0.0]), np.array([2.0, -2.0]))
    _check_neuron(student, reference, np.array([0.5, 2.0, -1.0]), np.array([4.0, -0.5]))


@problem(N, points=0.5)
@spec(f"{N}.stable_large_z")
def test_neuron_large_negative_z(student, reference):
    """sigmoid_neuron_forward_backward is correct for z down to −10000 (f ≈ 0, gradients ≈ 0) without any overflow warning"""
    _check_neuron_quietly(student, reference, [-1e4, -745.0, -5.0])


@problem(N, points=0.5)
@spec(f"{N}.stable_large_z")
def test_neuron_large_positive_z(student, reference):
    """sigmoid_neuron_forward_backward is correct for z up to +10000 (f = 1.0, never nan) without any overflow warning"""
    _check_neuron_quietly(student, reference, [30.0, 710.0, 1e4])


@problem(N, points=0.5)
@spec(f"{N}.integer_inputs", f"{N}.inputs_unchanged")
def test_neuron_integer_and_unchanged_inputs(student, reference):
    """sigmoid_neuron_forward_backward accepts integer w and x and leaves its inputs unchanged"""
    call, text = _check_neuron(student, reference, np.array([1, -2, 1]), np.array([2, 1]))
    checks.check_not_mutated(text, call, ["w", "x"])
    call, text = _check_neuron(student, reference, np.array([0.5, -1.5, 0.25]), np.array([-2.0, 0.75]))
    checks.check_not_mutated(text, call, ["w", "x"])


# ================================================================ the gates

def _gate(student, name: str):
    """A fresh gate object of the student's class, living in the sandbox."""
    return checks.check_object(f"{name}()", student.call(name).value, name)


def _check_pair(call: str, got, expected: tuple, mistakes: Callable[[], list[tuple[tuple, str, str]]],
                code: str) -> None:
    got = checks.check_tuple(call, got, ("dx", "dy"), code)
    _check_items(call, got, expected, ("dx", "dy"), mistakes)


def _check_one(call: str, got, expected, mistakes: Callable[[], list[tuple[tuple, str, str]]], where=None) -> None:
    _check_float_number(call, got, expected)
    _check_value(call, got, expected, shape_means=say("04_backprop.shape_means_input", "the input's shape"),
                 where=where,
                       diagnoses=lambda: [like(values, message, code=code) for values, message, code in mistakes()])


def _forward(gate, text: str, args: tuple, names: Sequence[str], unchanged: bool):
    """``gate.forward(*args)``'s value; with ``unchanged``, also that it left its array arguments as they were."""
    call = gate.call_method("forward", *args)
    if unchanged:
        checks.check_not_mutated(text, call, [n for n, a in zip(names, args) if isinstance(a, np.ndarray)])
    return call.value


# ---------------------------------------------------------------- AddGate

def _add_backward_mistakes(x, y, dout):
    return [((dout * y, dout * x), say("04_backprop.add_gate_multiplies",
                                       "the add gate multiplied: it passes the upstream gradient through unchanged, "
                                       "(dx, dy) = (dout, dout)"), "AddGate.multiplies"),
            ((np.ones_like(np.asarray(dout, dtype=float)), np.ones_like(np.asarray(dout, dtype=float))),
             say("04_backprop.add_gate_no_upstream",
                 "only the local gradient 1: multiply by the upstream gradient, (dout, dout)"), "AddGate.no_upstream")]


def _drive_add(student, reference, x, y, dout, unchanged=False):
    gate, ref = _gate(student, "AddGate"), reference.AddGate()
    text = "AddGate().forward(" + checks.describe(x) + ", " + checks.describe(y) + ")"
    _check_one(text, _forward(gate, text, (x, y), ("x", "y"), unchanged), ref.forward(x, y), lambda: [])
    back = say("04_backprop.backward_after", "{backward} after {forward}",
               backward="AddGate.backward(" + checks.describe(dout) + ")", forward=text)
    _check_pair(back, gate.backward(dout), ref.backward(dout), lambda: _add_backward_mistakes(x, y, dout),
                "AddGate.not_a_pair")


@problem("AddGate", points=0.5)
@spec("AddGate.forward_sum", "AddGate.backward_passes_through", "AddGate.created_without_arguments")
def test_add_gate_numbers(student, reference):
    """AddGate: forward(2, 3) = 5 and backward(1.5) = (1.5, 1.5): the gradient passes through to both inputs"""
    _drive_add(student, reference, 2.0, 3.0, 1.5)
    _drive_add(student, reference, -1.0, 4.0, -2.0)


@problem("AddGate", points=0.5)
@spec("AddGate.floats_or_arrays", "AddGate.inputs_unchanged")
def test_add_gate_arrays(student, reference):
    """AddGate works elementwise on arrays of shapes (2, 3) and (1,) and leaves forward's inputs unchanged"""
    rng = np.random.default_rng(4401)
    for shape in [(2, 3), (1,)]:
        _drive_add(student, reference, rng.normal(size=shape), rng.normal(size=shape), rng.normal(size=shape),
                   unchanged=True)


# ---------------------------------------------------------------- MultiplyGate

def _mul_backward_mistakes(x, y, dout):
    return [((x * dout, y * dout), say("04_backprop.mul_gate_no_swap",
                                       "the multiply gate did not swap: dx = y·dout (the other input), dy = x·dout"),
             "MultiplyGate.no_swap"),
            ((y, x), say("04_backprop.mul_gate_no_upstream", "the upstream gradient is missing: dx = y·dout, dy = x·dout"),
             "MultiplyGate.no_upstream"),
            ((x, y), say("04_backprop.mul_gate_neither", "neither swapped nor scaled by dout: dx = y·dout, dy = x·dout"),
             "MultiplyGate.no_swap")]


def _drive_mul(student, reference, pairs, dout, unchanged=False):
    """Forward every (x, y) in ``pairs`` on one gate, then backward once: it must use the last forward."""
    gate, ref = _gate(student, "MultiplyGate"), reference.MultiplyGate()
    for x, y in pairs:
        text = "MultiplyGate().forward(" + checks.describe(x) + ", " + checks.describe(y) + ")"
        _check_one(text, _forward(gate, text, (x, y), ("x", "y"), unchanged), ref.forward(x, y), lambda: [])
    x, y = pairs[-1]
    back = (say("04_backprop.backward_after_forwards", "{backward} after forwards ending with {forward}",
                backward="MultiplyGate.backward(" + checks.describe(dout) + ")", forward=text) if len(pairs) > 1 else
            say("04_backprop.backward_after", "{backward} after {forward}",
                backward="MultiplyGate.backward(" + checks.describe(dout) + ")", forward=text))

    def mistakes():
        found = _mul_backward_mistakes(x, y, dout)
        for old_x, old_y in pairs[:-1]:
            found.append(((old_y * dout, old_x * dout), say("04_backprop.mul_gate_stale_cache",
                                                            "these are the gradients for an earlier forward: backward "
                                                            "must use the x and y of the most recent forward (store "
                                                            "them in forward, every time)"),
                          "MultiplyGate.stale_cache"))
        return found
    _check_pair(back, gate.backward(dout), ref.backward(dout), mistakes, "MultiplyGate.not_a_pair")


@problem("MultiplyGate", points=0.5)
@spec("MultiplyGate.forward_product", "MultiplyGate.backward_swaps", "MultiplyGate.created_without_arguments")
def test_multiply_gate_lecture_values(student, reference):
    """MultiplyGate: forward(3, −4) = −12 and backward(2) = (−8, 6): each input gets the other input times dout"""
    _drive_mul(student, reference, [(3.0, -4.0)], 2.0)


@problem("MultiplyGate", points=0.5)
@spec("MultiplyGate.forward_product", "MultiplyGate.backward_swaps")
def test_multiply_gate_shopping(student, reference):
    """MultiplyGate on the shopping example: forward(1000, 3) then backward(1.1) = (3.3, 1100)"""
    _drive_mul(student, reference, [(1000.0, 3.0)], 1.1)


@problem("MultiplyGate", points=0.5)
@spec("MultiplyGate.backward_latest_forward")
def test_multiply_gate_uses_the_latest_forward(student, reference):
    """MultiplyGate: forward(1, 2), then forward(3, 5), then backward(1) = (5, 3): the latest forward's values"""
    _drive_mul(student, reference, [(1.0, 2.0), (3.0, 5.0)], 1.0)


@problem("MultiplyGate", points=0.5)
@spec("MultiplyGate.floats_or_arrays", "MultiplyGate.inputs_unchanged")
def test_multiply_gate_arrays(student, reference):
    """MultiplyGate works elementwise on arrays of shapes (3, 2) and (1,) and leaves forward's inputs unchanged"""
    rng = np.random.default_rng(4501)
    for shape in [(3, 2), (1,)]:
        _drive_mul(student, reference, [(rng.normal(size=shape), rng.normal(size=shape))], rng.normal(size=shape),
                   unchanged=True)


# ---------------------------------------------------------------- SigmoidGate

def _quiet(f):
    """Evaluate a mistaken formula (for recognising it) without warnings."""
    with np.errstate(all="ignore"):
        return f()


def _sig_forward_mistakes(z):
    z = np.asarray(z, dtype=np.float64)
    return [(_quiet(lambda: np.exp(z) / (1 + np.exp(z))),
             say("04_backprop.sig_gate_exp_ratio_nan",
                 "exp(z)/(1 + exp(z)) overflows to inf/inf = nan for z > 709; for z ≥ 0 use 1/(1 + exp(−z)), "
                 "whose exp never overflows there (or compute e = exp(−|z|) and use it in both cases)"),
             "SigmoidGate.exp_ratio_nan"),
            (_sigmoid(-z), say("04_backprop.sig_gate_sign", "looks like σ(−z) = 1/(1 + e^(+z)): check the sign in the "
                                                            "exponent; σ(z) = 1/(1 + e^(−z))"),
             "SigmoidGate.sign")]


def _sig_backward_mistakes(z, dout):
    s = _sigmoid(z)
    z = np.asarray(z, dtype=np.float64)
    return [((s * (1 + s) * dout,), say("04_backprop.sig_gate_one_plus_sigma",
                                        "σ(1 + σ): the sigmoid's local gradient is σ(1 − σ)"),
             "SigmoidGate.one_plus_sigma"),
            ((z * (1 - z) * dout,), say("04_backprop.sig_gate_derivative_at_z",
                                        "evaluated at z: the local gradient is σ(z)(1 − σ(z)), with the output σ(z)"),
             "SigmoidGate.derivative_at_z"),
            ((s * (1 - s),), say("04_backprop.sig_gate_no_upstream",
                                 "the upstream gradient is missing: multiply σ(1 − σ) by dout"),
             "SigmoidGate.no_upstream"),
            ((s * dout,), say("04_backprop.sig_gate_sigma_as_gradient",
                              "σ itself is not its own slope: the local gradient is σ(1 − σ)"),
             "SigmoidGate.sigma_as_gradient")]


def _drive_sigmoid(student, reference, zs, dout, unchanged=False, quiet=False):
    """Forward every z in ``zs`` on one gate, then backward once; ``quiet``: neither call may warn."""
    gate, ref = _gate(student, "SigmoidGate"), reference.SigmoidGate()
    for z in zs:
        text = "SigmoidGate().forward(" + checks.describe(z) + ")"
        call = gate.call_method("forward", z)
        if unchanged and isinstance(z, np.ndarray):
            checks.check_not_mutated(text, call, ["z"])
        _check_one(text, call.value, ref.forward(z), lambda z=z: _sig_forward_mistakes(z),
                   where=("z", z) if quiet else None)
        if quiet:
            checks.check_no_warnings(text, call)
    back = (say("04_backprop.backward_after_forwards", "{backward} after forwards ending with {forward}",
                backward="SigmoidGate.backward(" + checks.describe(dout) + ")", forward=text) if len(zs) > 1 else
            say("04_backprop.backward_after", "{backward} after {forward}",
                backward="SigmoidGate.backward(" + checks.describe(dout) + ")", forward=text))

    def mistakes():
        found = [(values[0], message, code) for values, message, code in _sig_backward_mistakes(zs[-1], dout)]
        for old in zs[:-1]:
            s = _sigmoid(old)
            found.append((s * (1 - s) * dout, say("04_backprop.sig_gate_stale_cache",
                                                  "these are the gradients for an earlier forward: backward must use "
                                                  "the σ(z) of the most recent forward"), "SigmoidGate.stale_cache"))
        return found
    call = gate.call_method("backward", dout)
    got = call.value
    if isinstance(got, tuple) and len(got) == 1:
        got = got[0]
    _check_one(back, got, ref.backward(dout), mistakes, where=("z", zs[-1]) if quiet else None)
    if quiet:
        checks.check_no_warnings(back, call)


@problem("SigmoidGate", points=0.5)
@spec("SigmoidGate.forward_sigmoid", "SigmoidGate.backward_value", "SigmoidGate.created_without_arguments")
def test_sigmoid_gate_values(student, reference):
    """SigmoidGate: forward(0) = 0.5 and backward(1) = 0.25; forward(1) ≈ 0.731 and backward(1) ≈ 0.197 (the lecture's 0.20)"""
    _drive_sigmoid(student, reference, [0.0], 1.0)
    _drive_sigmoid(student, reference, [1.0], 1.0)


@problem("SigmoidGate", points=0.5)
@spec("SigmoidGate.backward_value")
def test_sigmoid_gate_scales_by_dout(student, reference):
    """SigmoidGate.backward multiplies by the upstream gradient: forward(−0.5) then backward(3.0)"""
    _drive_sigmoid(student, reference, [-0.5], 3.0)


@problem("SigmoidGate", points=0.5)
@spec("SigmoidGate.backward_latest_forward")
def test_sigmoid_gate_uses_the_latest_forward(student, reference):
    """SigmoidGate: forward(2), then forward(−1), then backward(1) uses σ(−1)"""
    _drive_sigmoid(student, reference, [2.0, -1.0], 1.0)


@problem("SigmoidGate", points=0.5)
@spec("SigmoidGate.floats_or_arrays", "SigmoidGate.inputs_unchanged")
def test_sigmoid_gate_arrays(student, reference):
    """SigmoidGate works elementwise on arrays of shapes (2, 3) and (1,) and leaves forward's input unchanged"""
    rng = np.random.default_rng(4701)
    for shape in [(2, 3), (1,)]:
        _drive_sigmoid(student, reference, [rng.normal(0.0, 3.0, size=shape)], rng.normal(size=shape), unchanged=True)


@problem("SigmoidGate", points=0.5)
@spec("SigmoidGate.stable_large_z")
def test_sigmoid_gate_large_negative_z(student, reference):
    """SigmoidGate is correct for z down to −10000 (forward ≈ 0, backward ≈ 0) without any overflow warning"""
    z = np.array([-1e4, -1000.0, -745.0, -709.0, -100.0, -30.0, -5.0])
    _drive_sigmoid(student, reference, [z], np.linspace(0.5, 3.5, z.size), quiet=True)


@problem("SigmoidGate", points=0.5)
@spec("SigmoidGate.stable_large_z")
def test_sigmoid_gate_large_positive_z(student, reference):
    """SigmoidGate is correct for z up to +10000 (forward 1.0, never nan; backward ≈ 0) without any overflow warning"""
    z = np.array([5.0, 30.0, 100.0, 709.0, 710.0, 1000.0, 1e4])
    _drive_sigmoid(student, reference, [z], np.linspace(3.5, 0.5, z.size), quiet=True)


# ================================================================ two_layer_gradients

TWO_LAYER_NAMES = ("L", "dW1", "dw2")


def _two_layer_mistakes(reference, x, W1, w2, y) -> list[tuple[tuple, str, str]]:
    L, dW1, dw2 = reference.two_layer_gradients(x, W1, w2, y)
    x, W1, w2 = (np.asarray(a, dtype=np.float64) for a in (x, W1, w2))
    a1 = _sigmoid(W1 @ x)
    d_a2 = -2.0 * (y - w2 @ a1)
    return [
        ((L, dW1 / -2, dw2 / -2), say("04_backprop.two_layer_no_factor_minus_2",
                                      "the factor −2 of ∂(y − a₂)²/∂a₂ = −2(y − a₂) is missing"),
         "two_layer_gradients.no_factor_minus_2"),
        ((L, -dW1, -dw2), say("04_backprop.two_layer_sign", "the sign is flipped: ∂(y − a₂)²/∂a₂ = −2(y − a₂)"),
         "two_layer_gradients.sign"),
        ((L, np.outer(d_a2 * w2, x), dw2), say("04_backprop.two_layer_no_sigma_prime",
                                              "the σ' term is missing: multiply by σ'(z₁) = a₁(1 − a₁) on the way back "
                                              "through the sigmoid"), "two_layer_gradients.no_sigma_prime"),
    ]


def _check_two_layer(student, reference, x, W1, w2, y):
    text = call_text("two_layer_gradients", x, W1, w2, y, names=("x", "W1", "w2", "y"))
    call = student.call("two_layer_gradients", x, W1, w2, y)
    got = checks.check_tuple(text, call.value, TWO_LAYER_NAMES, "two_layer_gradients.not_3")
    W1_shape = np.shape(W1)
    if np.shape(got[1]) == W1_shape[::-1] and W1_shape[0] != W1_shape[1]:
        raise checks.WrongShape(say("04_backprop.two_layer_transposed",
                                    "{call} returned dW1 of shape {got_shape}: it is transposed. dW1 has W1's "
                                    "shape {shape}: dW1[i, j] = ∂L/∂z₁[i] · x[j], np.outer(dz1, x).",
                                    call=text, got_shape=np.shape(got[1]), shape=W1_shape),
                                "two_layer_gradients.transposed")
    _check_items(text, got, reference.two_layer_gradients(x, W1, w2, y), TWO_LAYER_NAMES,
                 lambda: _two_layer_mistakes(reference, x, W1, w2, y),
                 shape_means=say("04_backprop.shape_means_w1", "W1's shape"))
    return call, text


T = "two_layer_gradients"
WORKED_X, WORKED_Y = np.array([2.0, 1.0, -1.0, 0.5]), 1.0  # the notebook's worked example
WORKED_W1 = np.array([[0.5, -0.5, 0.0, -1.0], [0.25, 0.5, -1.0, 0.0], [-1.0, 0.0, 0.5, 0.5]])
WORKED_W2 = np.array([1.5, -2.0, 0.5])


def _check_two_layer_quietly(student, reference, zs, seed) -> None:
    """A network whose hidden scores z₁ = W1 x are exactly ``zs``: values, then no warning."""
    zs = np.asarray(zs, dtype=np.float64)
    W1 = np.column_stack([zs, 0.25 * zs])              # z₁ = 0.5·zs + 2·0.25·zs = zs
    w2 = np.random.default_rng(seed).normal(size=zs.size)
    call, text = _check_two_layer(student, reference, np.array([0.5, 2.0]), W1, w2, 0.5)
    checks.check_no_warnings(text, call)


@problem(T, points=0.5)
@spec(f"{T}.network", f"{T}.returns_L_dW1_dw2")
def test_two_layer_small_network(student, reference):
    """two_layer_gradients for x = [1, 2], W1 of shape (3, 2), w2 = [1, −1, 0.5], y = 1: L and dW1 of shape (3, 2)"""
    _check_two_layer(student, reference, np.array([1.0, 2.0]), np.array([[0.1, 0.2], [0.3, -0.4], [0.5, 0.6]]),
                     np.array([1.0, -1.0, 0.5]), 1.0)


@problem(T, points=0.5)
@spec(f"{T}.input_shapes", f"{T}.network", f"{T}.returns_L_dW1_dw2")
def test_two_layer_worked_example_and_random_network(student, reference):
    """two_layer_gradients for the worked example (4 → 3 → 1, L ≈ 3.8570) and a random network with 4 inputs and 3 hidden units"""
    _check_two_layer(student, reference, WORKED_X, WORKED_W1, WORKED_W2, WORKED_Y)
    rng = np.random.default_rng(4601)
    _check_two_layer(student, reference, rng.normal(size=4), rng.normal(size=(3, 4)), rng.normal(size=3), 0.7)


@problem(T, points=0.5)
@spec(f"{T}.any_n_and_h", f"{T}.returns_L_dW1_dw2")
def test_two_layer_one_hidden_unit_or_one_input(student, reference):
    """two_layer_gradients with one hidden unit (W1 of shape (1, 3)) and with one input (W1 of shape (4, 1))"""
    rng = np.random.default_rng(4602)
    for h, n in [(1, 3), (4, 1)]:
        _check_two_layer(student, reference, rng.uniform(-1, 1, size=n), rng.uniform(-1, 1, size=(h, n)),
                         rng.uniform(-1, 1, size=h), -0.5)


@problem(T, points=0.5)
@spec(f"{T}.inputs_unchanged")
def test_two_layer_leaves_inputs_unchanged(student, reference):
    """two_layer_gradients does not modify the caller's x, W1 or w2"""
    rng = np.random.default_rng(4603)
    call, text = _check_two_layer(student, reference, rng.normal(size=5), rng.normal(size=(2, 5)),
                                  rng.normal(size=2), 2.0)
    checks.check_not_mutated(text, call, ["x", "W1", "w2"])


@problem(T, points=0.5)
@spec(f"{T}.stable_large_z")
def test_two_layer_large_negative_z(student, reference):
    """two_layer_gradients is correct for hidden scores z₁ down to −10000 (a₁ ≈ 0) without any overflow warning"""
    _check_two_layer_quietly(student, reference, [-1e4, -1000.0, -745.0, -709.0, -100.0, -30.0, -5.0], 4604)


@problem(T, points=0.5)
@spec(f"{T}.stable_large_z")
def test_two_layer_large_positive_z(student, reference):
    """two_layer_gradients is correct for hidden scores z₁ up to +10000 (a₁ = 1.0, never nan) without any overflow warning"""
    _check_two_layer_quietly(student, reference, [5.0, 30.0, 100.0, 709.0, 710.0, 1000.0, 1e4], 4605)
