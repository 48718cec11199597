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
differ (h ≠ n ≠ 1).
"""
from __future__ import annotations

import functools
from typing import Callable, Sequence

import numpy as np
import pytest

from autograder import checks
from autograder.checks import Hint, call_text, like

ASSIGNMENT = "04_backprop"
problem = pytest.mark.problem

LECTURE_W, LECTURE_X = np.array([2.0, -3.0, -3.0]), np.array([-1.0, -2.0])  # lecture 004's sigmoid neuron


def _sigmoid(z):
    return np.exp(-np.logaddexp(0.0, -np.asarray(z, dtype=np.float64)))


def _check_items(call: str, got: tuple, expected: tuple, names: Sequence[str],
                 mistakes: Callable[[], list[tuple[tuple, str, str]]], **options) -> None:
    """Each item against the reference; ``mistakes()`` gives wrong results as (values, message, code)."""
    cached = functools.cache(mistakes)
    for index, (name, got_item, want) in enumerate(zip(names, got, expected)):
        checks.check_value(f"{name} of {call}", got_item, want, **options,
                           diagnoses=lambda index=index: [like(values[index], message, code=code)
                                                          for values, message, code in cached()])


# ================================================================ add_mul_forward_backward

ADD_MUL_NAMES = ("f", "dx", "dy", "dz")


def _add_mul_mistakes(x, y, z) -> list[tuple[tuple, str, str]]:
    q = x + y
    return [
        ((q * z, z * y, z * x, q), "the add node multiplied: an add gate passes its upstream gradient through "
                                   "unchanged, so dx = dy = ∂f/∂q = z", "add_mul_forward_backward.add_multiplies"),
        ((q * z, z, z, z), "the multiply node did not swap: ∂f/∂z is the *other* input, q = x + y",
         "add_mul_forward_backward.mul_no_swap"),
        ((q * z, q, q, z), "the multiply node did not swap: ∂f/∂q is the other input, z (and ∂f/∂z = q)",
         "add_mul_forward_backward.mul_no_swap"),
        ((q * z, 1.0, 1.0, q), "dx and dy are the add node's local gradients (1) without the upstream gradient: "
                               "downstream = local × upstream = 1 · z", "add_mul_forward_backward.no_upstream"),
        ((q * z, 1 + z, 1 + z, q), "the chain rule multiplies local and upstream gradients; it does not add them",
         "add_mul_forward_backward.chain_summed"),
    ]


def _check_add_mul(student, reference, x, y, z):
    text = call_text("add_mul_forward_backward", x, y, z)
    got = checks.check_tuple(text, student.add_mul_forward_backward(x, y, z), ADD_MUL_NAMES,
                             "add_mul_forward_backward.not_4")
    _check_items(text, got, reference.add_mul_forward_backward(x, y, z), ADD_MUL_NAMES,
                 lambda: _add_mul_mistakes(x, y, z))


@problem("add_mul_forward_backward", points=0.5)
def test_add_mul_lecture_values(student, reference):
    """add_mul_forward_backward(−2, 5, −4) is the lecture's (f, dx, dy, dz) = (−12, −4, −4, 3)"""
    _check_add_mul(student, reference, -2.0, 5.0, -4.0)


@problem("add_mul_forward_backward", points=0.5)
def test_add_mul_other_values(student, reference):
    """add_mul_forward_backward at (1.5, −0.5, 2) and (3, 4, 0.25): dx = dy = z and dz = x + y"""
    _check_add_mul(student, reference, 1.5, -0.5, 2.0)
    _check_add_mul(student, reference, 3.0, 4.0, 0.25)


@problem("add_mul_forward_backward", points=0.5)
def test_add_mul_random_values(student, reference):
    """add_mul_forward_backward at 5 random points matches the chain rule"""
    for x, y, z in np.random.default_rng(4101).normal(0.0, 3.0, size=(5, 3)):
        _check_add_mul(student, reference, float(x), float(y), float(z))


@problem("add_mul_forward_backward", points=0.5)
def test_add_mul_zero_upstream_branch(student, reference):
    """add_mul_forward_backward when x + y = 0 (dz = 0) and when z = 0 (dx = dy = 0)"""
    _check_add_mul(student, reference, 2.0, -2.0, 7.0)
    _check_add_mul(student, reference, 1.5, 2.5, 0.0)


# ================================================================ shopping_forward_backward

SHOPPING_NAMES = ("total", "d_price", "d_count", "d_tax")


def _shopping_mistakes(price, count, tax) -> list[tuple[tuple, str, str]]:
    total = price * count * tax
    return [
        ((total, count, price, price * count), "d_price and d_count lack the upstream gradient tax: downstream = "
                                               "local × upstream, d_price = count · tax",
         "shopping_forward_backward.no_upstream"),
        ((total, price * tax, count * tax, price * count), "the multiply node did not swap: ∂(price·count)/∂price "
                                                           "is count, the other input", "shopping_forward_backward.mul_no_swap"),
    ]


def _check_shopping(student, reference, price, count, tax):
    text = call_text("shopping_forward_backward", price, count, tax)
    got = checks.check_tuple(text, student.shopping_forward_backward(price, count, tax), SHOPPING_NAMES,
                 "shopping_forward_backward.not_4")
    _check_items(text, got, reference.shopping_forward_backward(price, count, tax), SHOPPING_NAMES,
                 lambda: _shopping_mistakes(price, count, tax))


@problem("shopping_forward_backward", points=0.5)
def test_shopping_lecture_values(student, reference):
    """shopping_forward_backward(1000, 3, 1.1) is the lecture's (3300, 3.3, 1100, 3000): one more item adds 1100"""
    _check_shopping(student, reference, 1000.0, 3.0, 1.1)


@problem("shopping_forward_backward", points=0.5)
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
        (grads(s * (1 + s)), "the sigmoid's local gradient is σ(1 − σ), not σ(1 + σ)",
         "sigmoid_neuron_forward_backward.one_plus_sigma"),
        (grads(z * (1 - z)), "σ's local gradient evaluated at z: it is σ(z)(1 − σ(z)), with the sigmoid's output",
         "sigmoid_neuron_forward_backward.derivative_at_z"),
        (grads(s), "the gradients use σ(z) itself as the sigmoid's local gradient: it is σ(z)(1 − σ(z))",
         "sigmoid_neuron_forward_backward.sigma_as_gradient"),
        ((s, np.array([w[0] * s * (1 - s), w[1] * s * (1 - s), s * (1 - s)]),
          np.array([x[0] * s * (1 - s), x[1] * s * (1 - s)])),
         "the multiply nodes did not swap: ∂(w₀x₀)/∂w₀ is x₀, the other input", "sigmoid_neuron_forward_backward.mul_no_swap"),
    ]


def _check_neuron(student, reference, w, x):
    text = call_text("sigmoid_neuron_forward_backward", w, x, names=("w", "x"))
    call = student.call("sigmoid_neuron_forward_backward", w, x)
    got = checks.check_tuple(text, call.value, NEURON_NAMES, "sigmoid_neuron_forward_backward.not_3")
    shapes = tuple(np.shape(item) for item in got[1:])
    if shapes == ((2,), (3,)):
        raise checks.WrongShape(f"{text} returned dw of shape (2,) and dx of shape (3,): dw and dx are swapped; "
                                "return (f, dw, dx), dw with one entry per weight (w₀, w₁, w₂).",
                                "sigmoid_neuron_forward_backward.swapped")
    if shapes[0] == (2,):
        raise checks.WrongShape(f"{text} returned dw of shape (2,): the bias gradient is missing. w₂ is added to "
                                "the sum, so its gradient is dz itself: dw = [x₀·dz, x₁·dz, dz].",
                                "sigmoid_neuron_forward_backward.no_bias_gradient")
    _check_items(text, got, reference.sigmoid_neuron_forward_backward(w, x), NEURON_NAMES,
                 lambda: _neuron_mistakes(w, x))
    return call, text


@problem("sigmoid_neuron_forward_backward", points=0.5)
def test_neuron_lecture_values(student, reference):
    """sigmoid_neuron_forward_backward at the lecture's w = [2, −3, −3], x = [−1, −2]: f ≈ 0.7311, dw ≈ [−0.20, −0.39, 0.20], dx ≈ [0.39, −0.59]"""
    _check_neuron(student, reference, LECTURE_W, LECTURE_X)


@problem("sigmoid_neuron_forward_backward", points=0.5)
def test_neuron_random_values(student, reference):
    """sigmoid_neuron_forward_backward at 4 random (w, x) matches the chain rule"""
    rng = np.random.default_rng(4301)
    for _ in range(4):
        _check_neuron(student, reference, rng.normal(size=3), rng.normal(size=2))


@problem("sigmoid_neuron_forward_backward", points=0.5)
def test_neuron_returns_three_gradients_for_w(student, reference):
    """sigmoid_neuron_forward_backward returns dw with 3 entries (the bias w₂ gets dz itself) and dx with 2"""
    _check_neuron(student, reference, np.array([0.5, -1.0, 2.0]), np.array([1.5, 0.25]))


@problem("sigmoid_neuron_forward_backward", points=0.5)
def test_neuron_at_zero_score(student, reference):
    """sigmoid_neuron_forward_backward where z = 0 (f = 0.5, the steepest point: σ(1 − σ) = 0.25)"""
    _check_neuron(student, reference, np.array([1.0, 1.0, 0.0]), np.array([2.0, -2.0]))
    _check_neuron(student, reference, np.array([0.5, 2.0, -1.0]), np.array([4.0, -0.5]))


@problem("sigmoid_neuron_forward_backward", points=0.5)
def test_neuron_huge_scores(student, reference):
    """sigmoid_neuron_forward_backward stays finite for z = ±2000 (f is 1 or 0 and every gradient 0)"""
    _check_neuron(student, reference, np.array([100.0, 100.0, 0.0]), np.array([10.0, 10.0]))
    _check_neuron(student, reference, np.array([100.0, 100.0, 0.0]), np.array([-10.0, -10.0]))


@problem("sigmoid_neuron_forward_backward", points=0.5)
def test_neuron_integer_and_unchanged_inputs(student, reference):
    """sigmoid_neuron_forward_backward accepts integer w and x and leaves them unchanged"""
    call, text = _check_neuron(student, reference, np.array([1, -2, 1]), np.array([2, 1]))
    checks.check_not_mutated(text, call, ["w", "x"])


# ================================================================ the gates

def _gate(student, name: str):
    """A fresh gate object of the student's class, living in the sandbox."""
    return student.call(name).value


def _check_pair(call: str, got, expected: tuple, mistakes: Callable[[], list[tuple[tuple, str, str]]],
                code: str) -> None:
    got = checks.check_tuple(call, got, ("dx", "dy"), code)
    _check_items(call, got, expected, ("dx", "dy"), mistakes)


def _check_one(call: str, got, expected, mistakes: Callable[[], list[tuple[tuple, str, str]]]) -> None:
    checks.check_value(call, got, expected, shape_means="the input's shape",
                       diagnoses=lambda: [like(values, message, code=code) for values, message, code in mistakes()])


# ---------------------------------------------------------------- AddGate

def _add_backward_mistakes(x, y, dout):
    return [((dout * y, dout * x), "the add gate multiplied: it passes the upstream gradient through unchanged, "
                                   "(dx, dy) = (dout, dout)", "AddGate.multiplies"),
            ((np.ones_like(np.asarray(dout, dtype=float)), np.ones_like(np.asarray(dout, dtype=float))),
             "only the local gradient 1: multiply by the upstream gradient, (dout, dout)", "AddGate.no_upstream")]


def _drive_add(student, reference, x, y, dout):
    gate, ref = _gate(student, "AddGate"), reference.AddGate()
    text = f"AddGate().forward({checks.describe(x)}, {checks.describe(y)})"
    _check_one(text, gate.forward(x, y), ref.forward(x, y), lambda: [])
    back = f"AddGate.backward({checks.describe(dout)}) after {text}"
    _check_pair(back, gate.backward(dout), ref.backward(dout), lambda: _add_backward_mistakes(x, y, dout),
                "AddGate.not_a_pair")


@problem("AddGate", points=0.5)
def test_add_gate_numbers(student, reference):
    """AddGate: forward(2, 3) = 5 and backward(1.5) = (1.5, 1.5): the gradient passes through to both inputs"""
    _drive_add(student, reference, 2.0, 3.0, 1.5)
    _drive_add(student, reference, -1.0, 4.0, -2.0)


@problem("AddGate", points=0.5)
def test_add_gate_arrays(student, reference):
    """AddGate works elementwise on arrays of shape (3,): backward(dout) = (dout, dout)"""
    rng = np.random.default_rng(4401)
    _drive_add(student, reference, rng.normal(size=3), rng.normal(size=3), rng.normal(size=3))


# ---------------------------------------------------------------- MultiplyGate

def _mul_backward_mistakes(x, y, dout):
    return [((x * dout, y * dout), "the multiply gate did not swap: dx = y·dout (the other input), dy = x·dout",
             "MultiplyGate.no_swap"),
            ((y, x), "the upstream gradient is missing: dx = y·dout, dy = x·dout", "MultiplyGate.no_upstream"),
            ((x, y), "neither swapped nor scaled by dout: dx = y·dout, dy = x·dout", "MultiplyGate.no_swap")]


def _drive_mul(student, reference, pairs, dout):
    """Forward every (x, y) in ``pairs`` on one gate, then backward once: it must use the last forward."""
    gate, ref = _gate(student, "MultiplyGate"), reference.MultiplyGate()
    for x, y in pairs:
        text = f"MultiplyGate().forward({checks.describe(x)}, {checks.describe(y)})"
        _check_one(text, gate.forward(x, y), ref.forward(x, y), lambda: [])
    x, y = pairs[-1]
    back = f"MultiplyGate.backward({checks.describe(dout)}) after {'forwards ending with ' if len(pairs) > 1 else ''}{text}"

    def mistakes():
        found = _mul_backward_mistakes(x, y, dout)
        for old_x, old_y in pairs[:-1]:
            found.append(((old_y * dout, old_x * dout), "these are the gradients for an earlier forward: backward "
                          "must use the x and y of the most recent forward (store them in forward, every time)",
                          "MultiplyGate.stale_cache"))
        return found
    _check_pair(back, gate.backward(dout), ref.backward(dout), mistakes, "MultiplyGate.not_a_pair")


@problem("MultiplyGate", points=0.5)
def test_multiply_gate_lecture_values(student, reference):
    """MultiplyGate: forward(3, −4) = −12 and backward(2) = (−8, 6): each input gets the other input times dout"""
    _drive_mul(student, reference, [(3.0, -4.0)], 2.0)


@problem("MultiplyGate", points=0.5)
def test_multiply_gate_shopping(student, reference):
    """MultiplyGate on the shopping example: forward(1000, 3) then backward(1.1) = (3.3, 1100)"""
    _drive_mul(student, reference, [(1000.0, 3.0)], 1.1)


@problem("MultiplyGate", points=0.5)
def test_multiply_gate_uses_the_latest_forward(student, reference):
    """MultiplyGate: forward(1, 2), then forward(3, 5), then backward(1) = (5, 3): the latest forward's values"""
    _drive_mul(student, reference, [(1.0, 2.0), (3.0, 5.0)], 1.0)


@problem("MultiplyGate", points=0.5)
def test_multiply_gate_arrays(student, reference):
    """MultiplyGate works elementwise on arrays of shape (4,)"""
    rng = np.random.default_rng(4501)
    _drive_mul(student, reference, [(rng.normal(size=4), rng.normal(size=4))], rng.normal(size=4))


# ---------------------------------------------------------------- SigmoidGate

def _sig_backward_mistakes(z, dout):
    s = _sigmoid(z)
    z = np.asarray(z, dtype=np.float64)
    return [((s * (1 + s) * dout,), "σ(1 + σ): the sigmoid's local gradient is σ(1 − σ)", "SigmoidGate.one_plus_sigma"),
            ((z * (1 - z) * dout,), "evaluated at z: the local gradient is σ(z)(1 − σ(z)), with the output σ(z)",
             "SigmoidGate.derivative_at_z"),
            ((s * (1 - s),), "the upstream gradient is missing: multiply σ(1 − σ) by dout", "SigmoidGate.no_upstream"),
            ((s * dout,), "σ itself is not its own slope: the local gradient is σ(1 − σ)", "SigmoidGate.sigma_as_gradient")]


def _drive_sigmoid(student, reference, zs, dout):
    gate, ref = _gate(student, "SigmoidGate"), reference.SigmoidGate()
    for z in zs:
        text = f"SigmoidGate().forward({checks.describe(z)})"
        _check_one(text, gate.forward(z), ref.forward(z), lambda: [])
    back = f"SigmoidGate.backward({checks.describe(dout)}) after {'forwards ending with ' if len(zs) > 1 else ''}{text}"

    def mistakes():
        found = [(values[0], message, code) for values, message, code in _sig_backward_mistakes(zs[-1], dout)]
        for old in zs[:-1]:
            s = _sigmoid(old)
            found.append((s * (1 - s) * dout, "these are the gradients for an earlier forward: backward must use the "
                                              "σ(z) of the most recent forward", "SigmoidGate.stale_cache"))
        return found
    got = gate.backward(dout)
    if isinstance(got, tuple) and len(got) == 1:
        got = got[0]
    _check_one(back, got, ref.backward(dout), mistakes)


@problem("SigmoidGate", points=0.5)
def test_sigmoid_gate_values(student, reference):
    """SigmoidGate: forward(0) = 0.5 and backward(1) = 0.25; forward(1) ≈ 0.731 and backward(1) ≈ 0.197 (the lecture's 0.20)"""
    _drive_sigmoid(student, reference, [0.0], 1.0)
    _drive_sigmoid(student, reference, [1.0], 1.0)


@problem("SigmoidGate", points=0.5)
def test_sigmoid_gate_scales_by_dout(student, reference):
    """SigmoidGate.backward multiplies by the upstream gradient: forward(−0.5) then backward(3.0)"""
    _drive_sigmoid(student, reference, [-0.5], 3.0)


@problem("SigmoidGate", points=0.5)
def test_sigmoid_gate_uses_the_latest_forward(student, reference):
    """SigmoidGate: forward(2), then forward(−1), then backward(1) uses σ(−1)"""
    _drive_sigmoid(student, reference, [2.0, -1.0], 1.0)


@problem("SigmoidGate", points=0.5)
def test_sigmoid_gate_arrays_and_huge_scores(student, reference):
    """SigmoidGate works elementwise on an array of shape (5,), finite for z = ±1000"""
    _drive_sigmoid(student, reference, [np.array([-1000.0, -2.0, 0.0, 2.0, 1000.0])], np.array([1.0, 2.0, 3.0, 4.0, 5.0]))


# ================================================================ two_layer_gradients

TWO_LAYER_NAMES = ("L", "dW1", "dw2")


def _two_layer_mistakes(reference, x, W1, w2, y) -> list[tuple[tuple, str, str]]:
    L, dW1, dw2 = reference.two_layer_gradients(x, W1, w2, y)
    x, W1, w2 = (np.asarray(a, dtype=np.float64) for a in (x, W1, w2))
    a1 = _sigmoid(W1 @ x)
    d_a2 = -2.0 * (y - w2 @ a1)
    return [
        ((L, dW1 / -2, dw2 / -2), "the factor −2 of ∂(y − a₂)²/∂a₂ = −2(y − a₂) is missing",
         "two_layer_gradients.no_factor_minus_2"),
        ((L, -dW1, -dw2), "the sign is flipped: ∂(y − a₂)²/∂a₂ = −2(y − a₂)", "two_layer_gradients.sign"),
        ((L, np.outer(d_a2 * w2, x), dw2), "the σ' term is missing: multiply by σ'(z₁) = a₁(1 − a₁) on the way back "
                                          "through the sigmoid", "two_layer_gradients.no_sigma_prime"),
    ]


def _check_two_layer(student, reference, x, W1, w2, y):
    text = call_text("two_layer_gradients", x, W1, w2, y, names=("x", "W1", "w2", "y"))
    call = student.call("two_layer_gradients", x, W1, w2, y)
    got = checks.check_tuple(text, call.value, TWO_LAYER_NAMES, "two_layer_gradients.not_3")
    W1_shape = np.shape(W1)
    if np.shape(got[1]) == W1_shape[::-1] and W1_shape[0] != W1_shape[1]:
        raise checks.WrongShape(f"{text} returned dW1 of shape {np.shape(got[1])}: it is transposed. dW1 has W1's "
                                f"shape {W1_shape}: dW1[i, j] = ∂L/∂z₁[i] · x[j], np.outer(dz1, x).",
                                "two_layer_gradients.transposed")
    _check_items(text, got, reference.two_layer_gradients(x, W1, w2, y), TWO_LAYER_NAMES,
                 lambda: _two_layer_mistakes(reference, x, W1, w2, y), shape_means="W1's shape")
    return call, text


@problem("two_layer_gradients", points=0.5)
def test_two_layer_small_network(student, reference):
    """two_layer_gradients for x = [1, 2], W1 of shape (3, 2), w2 = [1, −1, 0.5], y = 1: L and dW1 of shape (3, 2)"""
    _check_two_layer(student, reference, np.array([1.0, 2.0]), np.array([[0.1, 0.2], [0.3, -0.4], [0.5, 0.6]]),
                     np.array([1.0, -1.0, 0.5]), 1.0)


@problem("two_layer_gradients", points=0.5)
def test_two_layer_random_network(student, reference):
    """two_layer_gradients for a random network with 4 inputs and 3 hidden units"""
    rng = np.random.default_rng(4601)
    _check_two_layer(student, reference, rng.normal(size=4), rng.normal(size=(3, 4)), rng.normal(size=3), 0.7)


@problem("two_layer_gradients", points=0.5)
def test_two_layer_the_lecture_shape(student, reference):
    """two_layer_gradients for the lecture's 4 → 3 → 1 network: dW1 of shape (3, 4), dw2 of shape (3,)"""
    rng = np.random.default_rng(4602)
    _check_two_layer(student, reference, rng.uniform(-1, 1, size=4), rng.uniform(-1, 1, size=(3, 4)),
                     rng.uniform(-1, 1, size=3), -0.5)


@problem("two_layer_gradients", points=0.5)
def test_two_layer_leaves_inputs_unchanged(student, reference):
    """two_layer_gradients does not modify the caller's x, W1 or w2"""
    rng = np.random.default_rng(4603)
    call, text = _check_two_layer(student, reference, rng.normal(size=5), rng.normal(size=(2, 5)),
                                  rng.normal(size=2), 2.0)
    checks.check_not_mutated(text, call, ["x", "W1", "w2"])
