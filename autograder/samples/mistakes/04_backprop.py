"""Typical mistakes in 04_backprop (backpropagation), and the sample class that hands them in.

Each mistake is what a student writes in place of one reference function: the grader proof
(``tests/test_grader_04_backprop.py``) checks that the hidden graders reject every one with a message containing its
phrase (and its mistake code, its visible check's message, when given); the sample class of ``autograder demo``
(``autograder.samples.sample_class``) is built from the same list, plus hostile and broken cells.
"""
from __future__ import annotations

from autograder.samples.records import (Mistake, SampleStudent, find, hostile,
                                       HARD_EXIT, INFINITE_LOOP, MEMORY_BOMB, PRINT_FLOOD)


MISTAKES = [
    # ---------------------------------------------------------------- add_mul_forward_backward
    Mistake("add-mul-add-node-multiplies", "add_mul_forward_backward", "the add node multiplied", """
        def add_mul_forward_backward(x, y, z):
            q = x + y
            return q * z, z * y, z * x, q
        """, code="add_mul_forward_backward.add_multiplies", visible="The add node multiplied"),
    Mistake("add-mul-no-swap", "add_mul_forward_backward", "the multiply node did not swap", """
        def add_mul_forward_backward(x, y, z):
            q = x + y
            return q * z, q, q, z
        """, code="add_mul_forward_backward.mul_no_swap", visible="The multiply node did not swap"),
    Mistake("add-mul-forgets-upstream", "add_mul_forward_backward", "without the upstream gradient", """
        def add_mul_forward_backward(x, y, z):
            q = x + y
            return q * z, 1.0, 1.0, q
        """, code="add_mul_forward_backward.no_upstream", visible="lack the upstream gradient"),
    Mistake("add-mul-chain-rule-summed", "add_mul_forward_backward", "it does not add them", """
        def add_mul_forward_backward(x, y, z):
            q = x + y
            return q * z, 1 + z, 1 + z, q
        """, code="add_mul_forward_backward.chain_summed", visible="The chain rule multiplies"),
    Mistake("add-mul-three-values", "add_mul_forward_backward", "it must return (f, dx, dy, dz)", """
        def add_mul_forward_backward(x, y, z):
            return (x + y) * z, z, x + y
        """, code="add_mul_forward_backward.not_4"),
    Mistake("add-mul-z-hard-coded", "add_mul_forward_backward", "add_mul_forward_backward(1.5, -0.5, 2.0) returned", """
        def add_mul_forward_backward(x, y, z):
            z = -4.0                                   # the lecture's z, not the caller's
            q = x + y
            return q * z, z, z, q
        """),
    # ---------------------------------------------------------------- shopping_forward_backward
    Mistake("shopping-forgets-upstream", "shopping_forward_backward", "lack the upstream gradient tax", """
        def shopping_forward_backward(price, count, tax):
            return price * count * tax, count, price, price * count
        """, code="shopping_forward_backward.no_upstream", visible="lack the upstream gradient"),
    Mistake("shopping-no-swap", "shopping_forward_backward", "the multiply node did not swap", """
        def shopping_forward_backward(price, count, tax):
            return price * count * tax, price * tax, count * tax, price * count
        """, code="shopping_forward_backward.mul_no_swap", visible="did not swap"),
    Mistake("shopping-tax-hard-coded", "shopping_forward_backward",
            "shopping_forward_backward(250.0, 4.0, 1.08) returned", """
        def shopping_forward_backward(price, count, tax):
            tax = 1.1                                  # the lecture's tax, not the caller's
            return price * count * tax, count * tax, price * tax, price * count
        """),
    # ---------------------------------------------------------------- sigmoid_neuron_forward_backward
    Mistake("neuron-sigma-one-plus-sigma", "sigmoid_neuron_forward_backward", "not σ(1 + σ)", """
        def sigmoid_neuron_forward_backward(w, x):
            z = w[0] * x[0] + w[1] * x[1] + w[2]
            f = 1 / (1 + np.exp(-z))
            dz = f * (1 + f)
            return float(f), np.array([x[0] * dz, x[1] * dz, dz]), np.array([w[0] * dz, w[1] * dz])
        """, code="sigmoid_neuron_forward_backward.one_plus_sigma", visible="σ(1 + σ) is not σ's slope"),
    Mistake("neuron-derivative-at-z", "sigmoid_neuron_forward_backward", "evaluated at z", """
        def sigmoid_neuron_forward_backward(w, x):
            z = w[0] * x[0] + w[1] * x[1] + w[2]
            f = 1 / (1 + np.exp(-z))
            dz = z * (1 - z)
            return float(f), np.array([x[0] * dz, x[1] * dz, dz]), np.array([w[0] * dz, w[1] * dz])
        """, code="sigmoid_neuron_forward_backward.derivative_at_z", visible="evaluated at z = 1"),
    Mistake("neuron-bias-gradient-missing", "sigmoid_neuron_forward_backward", "the bias gradient is missing", """
        def sigmoid_neuron_forward_backward(w, x):
            z = w[0] * x[0] + w[1] * x[1] + w[2]
            f = 1 / (1 + np.exp(-z))
            dz = f * (1 - f)
            return float(f), np.array([x[0] * dz, x[1] * dz]), np.array([w[0] * dz, w[1] * dz])
        """, code="sigmoid_neuron_forward_backward.no_bias_gradient"),
    Mistake("neuron-dw-and-dx-swapped", "sigmoid_neuron_forward_backward", "dw and dx are swapped", """
        def sigmoid_neuron_forward_backward(w, x):
            z = w[0] * x[0] + w[1] * x[1] + w[2]
            f = 1 / (1 + np.exp(-z))
            dz = f * (1 - f)
            return float(f), np.array([w[0] * dz, w[1] * dz]), np.array([x[0] * dz, x[1] * dz, dz])
        """, code="sigmoid_neuron_forward_backward.swapped"),
    Mistake("neuron-exp-ratio-nan", "sigmoid_neuron_forward_backward", "returned nan", """
        def sigmoid_neuron_forward_backward(w, x):
            z = w[0] * x[0] + w[1] * x[1] + w[2]
            f = np.exp(z) / (1 + np.exp(z))
            dz = f * (1 - f)
            return float(f), np.array([x[0] * dz, x[1] * dz, dz]), np.array([w[0] * dz, w[1] * dz])
        """, code="sigmoid_neuron_forward_backward.not_finite.nan"),
    Mistake("neuron-naive-sigmoid-overflows", "sigmoid_neuron_forward_backward", "overflow encountered in exp", """
        def sigmoid_neuron_forward_backward(w, x):
            w, x = np.asarray(w, dtype=float), np.asarray(x, dtype=float)
            z = w[0] * x[0] + w[1] * x[1] + w[2]
            f = 1 / (1 + np.exp(-z))
            dz = f * (1 - f)
            return float(f), np.array([x[0] * dz, x[1] * dz, dz]), np.array([w[0] * dz, w[1] * dz])
        """, code="sigmoid_neuron_forward_backward.warning.exp_overflow", visible="overflow"),
    Mistake("neuron-changes-w-through-a-view", "sigmoid_neuron_forward_backward",
            "changed its argument `w` in place", """
        def sigmoid_neuron_forward_backward(w, x):
            w, x = np.asarray(w, dtype=float), np.asarray(x, dtype=float)
            z = w[0] * x[0] + w[1] * x[1] + w[2]
            f = np.exp(-np.logaddexp(0.0, -z))
            dz = f * (1 - f)
            dx = w[:2]                                 # a view of the caller's w
            dx *= dz
            return float(f), np.array([x[0] * dz, x[1] * dz, dz]), dx
        """, code="sigmoid_neuron_forward_backward.mutated_input"),
    Mistake("neuron-integer-one-when-saturated", "sigmoid_neuron_forward_backward",
            "returned the integer 1; it must be a float", """
        def sigmoid_neuron_forward_backward(w, x):
            w, x = np.asarray(w, dtype=float), np.asarray(x, dtype=float)
            z = w[0] * x[0] + w[1] * x[1] + w[2]
            if z > 700:
                return 1, np.zeros(3), np.zeros(2)
            if z < -700:
                return 0, np.zeros(3), np.zeros(2)
            f = 1 / (1 + np.exp(-z))
            dz = f * (1 - f)
            return float(f), np.array([x[0] * dz, x[1] * dz, dz]), np.array([w[0] * dz, w[1] * dz])
        """, code="sigmoid_neuron_forward_backward.dtype.integer_number"),
    # ---------------------------------------------------------------- AddGate
    Mistake("add-gate-multiplies", "AddGate", "the add gate multiplied", """
        class AddGate:
            def forward(self, x, y):
                self.x, self.y = x, y
                return x + y
            def backward(self, dout):
                return dout * self.y, dout * self.x
        """, code="AddGate.multiplies", visible="The add gate multiplied"),
    Mistake("add-gate-forgets-upstream", "AddGate", "only the local gradient 1", """
        class AddGate:
            def forward(self, x, y):
                return x + y
            def backward(self, dout):
                return np.ones_like(dout), np.ones_like(dout)
        """, code="AddGate.no_upstream", visible="Only the local gradient 1"),
    Mistake("add-gate-adds-in-place", "AddGate", "changed its argument `x` in place", """
        class AddGate:
            def forward(self, x, y):
                x += y                                 # changes the caller's array x
                return x
            def backward(self, dout):
                return dout, dout
        """, code="AddGate.mutated_input", visible="changed"),
    Mistake("add-gate-squeezes", "AddGate", "it must have the input's shape (1,)", """
        class AddGate:
            def forward(self, x, y):
                return np.squeeze(np.add(x, y))
            def backward(self, dout):
                return dout, dout
        """),
    # ---------------------------------------------------------------- MultiplyGate
    Mistake("multiply-gate-no-swap", "MultiplyGate", "the multiply gate did not swap", """
        class MultiplyGate:
            def forward(self, x, y):
                self.x, self.y = x, y
                return x * y
            def backward(self, dout):
                return self.x * dout, self.y * dout
        """, code="MultiplyGate.no_swap", visible="did not swap"),
    Mistake("multiply-gate-forgets-upstream", "MultiplyGate", "the upstream gradient is missing", """
        class MultiplyGate:
            def forward(self, x, y):
                self.x, self.y = x, y
                return x * y
            def backward(self, dout):
                return self.y, self.x
        """, code="MultiplyGate.no_upstream", visible="The upstream gradient is missing"),
    Mistake("multiply-gate-keeps-the-first-forward", "MultiplyGate", "the gradients for an earlier forward", """
        class MultiplyGate:
            def forward(self, x, y):
                if not hasattr(self, "x"):
                    self.x, self.y = x, y
                return x * y
            def backward(self, dout):
                return self.y * dout, self.x * dout
        """, code="MultiplyGate.stale_cache", visible="gradients of the first forward"),
    Mistake("multiply-gate-multiplies-in-place", "MultiplyGate", "changed its argument `x` in place", """
        class MultiplyGate:
            def forward(self, x, y):
                self.x, self.y = np.copy(x), np.copy(y)
                return np.multiply(x, y, out=x) if isinstance(x, np.ndarray) else x * y
            def backward(self, dout):
                return self.y * dout, self.x * dout
        """, code="MultiplyGate.mutated_input", visible="changed"),
    # ---------------------------------------------------------------- SigmoidGate
    Mistake("sigmoid-gate-one-plus-sigma", "SigmoidGate", "σ(1 + σ)", """
        class SigmoidGate:
            def forward(self, z):
                self.out = 1 / (1 + np.exp(-np.asarray(z, dtype=float)))
                return self.out
            def backward(self, dout):
                return self.out * (1 + self.out) * dout
        """, code="SigmoidGate.one_plus_sigma", visible="σ(1 + σ) is not σ's slope"),
    Mistake("sigmoid-gate-derivative-at-z", "SigmoidGate", "evaluated at z", """
        class SigmoidGate:
            def forward(self, z):
                self.z = np.asarray(z, dtype=float)
                return 1 / (1 + np.exp(-self.z))
            def backward(self, dout):
                return self.z * (1 - self.z) * dout
        """, code="SigmoidGate.derivative_at_z"),
    Mistake("sigmoid-gate-forgets-upstream", "SigmoidGate", "multiply σ(1 − σ) by dout", """
        class SigmoidGate:
            def forward(self, z):
                self.out = 1 / (1 + np.exp(-np.asarray(z, dtype=float)))
                return self.out
            def backward(self, dout):
                return self.out * (1 - self.out)
        """, code="SigmoidGate.no_upstream", visible="Multiply σ(1 − σ) by dout"),
    Mistake("sigmoid-gate-keeps-the-first-forward", "SigmoidGate", "the gradients for an earlier forward", """
        class SigmoidGate:
            out = None
            def forward(self, z):
                s = 1 / (1 + np.exp(-np.asarray(z, dtype=float)))
                if self.out is None:
                    self.out = s
                return s
            def backward(self, dout):
                return self.out * (1 - self.out) * dout
        """, code="SigmoidGate.stale_cache", visible="values of the first forward"),
    Mistake("sigmoid-gate-naive-overflows", "SigmoidGate", "overflow encountered in exp", """
        class SigmoidGate:
            def forward(self, z):
                self.out = 1 / (1 + np.exp(-np.asarray(z, dtype=float)))
                return self.out
            def backward(self, dout):
                return self.out * (1 - self.out) * dout
        """, code="SigmoidGate.warning.exp_overflow", visible="overflow"),
    Mistake("sigmoid-gate-exp-ratio-nan", "SigmoidGate", "inf/inf = nan", """
        class SigmoidGate:
            def forward(self, z):
                e = np.exp(np.asarray(z, dtype=float))
                self.out = e / (1 + e)
                return self.out
            def backward(self, dout):
                return self.out * (1 - self.out) * dout
        """, code="SigmoidGate.exp_ratio_nan", visible="overflow"),
    Mistake("sigmoid-gate-backward-recomputes-naively", "SigmoidGate", "returned nan", """
        class SigmoidGate:
            def forward(self, z):
                self.z = np.asarray(z, dtype=float)
                return np.exp(-np.logaddexp(0.0, -self.z))
            def backward(self, dout):
                return np.exp(-self.z) / (1 + np.exp(-self.z)) ** 2 * dout
        """, code="SigmoidGate.not_finite.nan", visible="overflow"),
    Mistake("sigmoid-gate-negates-in-place", "SigmoidGate", "changed its argument `z` in place", """
        class SigmoidGate:
            def forward(self, z):
                z = np.asarray(z, dtype=float)
                np.negative(z, out=z)                  # changes the caller's array
                self.out = np.exp(-np.logaddexp(0.0, z))
                return self.out
            def backward(self, dout):
                return self.out * (1 - self.out) * dout
        """, code="SigmoidGate.mutated_input", visible="changed"),
    # ---------------------------------------------------------------- two_layer_gradients
    Mistake("two-layer-no-factor-minus-2", "two_layer_gradients", "the factor −2", """
        def two_layer_gradients(x, W1, w2, y):
            a1 = 1 / (1 + np.exp(-(W1 @ x)))
            a2 = w2 @ a1
            d_a2 = y - a2
            d_z1 = d_a2 * w2 * a1 * (1 - a1)
            return float((y - a2) ** 2), np.outer(d_z1, x), d_a2 * a1
        """, code="two_layer_gradients.no_factor_minus_2", visible="The factor −2"),
    Mistake("two-layer-no-sigma-prime", "two_layer_gradients", "the σ' term is missing", """
        def two_layer_gradients(x, W1, w2, y):
            a1 = 1 / (1 + np.exp(-(W1 @ x)))
            a2 = w2 @ a1
            d_a2 = -2 * (y - a2)
            return float((y - a2) ** 2), np.outer(d_a2 * w2, x), d_a2 * a1
        """, code="two_layer_gradients.no_sigma_prime"),
    Mistake("two-layer-transposed", "two_layer_gradients", "it is transposed", """
        def two_layer_gradients(x, W1, w2, y):
            a1 = 1 / (1 + np.exp(-(W1 @ x)))
            a2 = w2 @ a1
            d_a2 = -2 * (y - a2)
            d_z1 = d_a2 * w2 * a1 * (1 - a1)
            return float((y - a2) ** 2), np.outer(x, d_z1), d_a2 * a1
        """, code="two_layer_gradients.transposed"),
    Mistake("two-layer-sign", "two_layer_gradients", "the sign is flipped", """
        def two_layer_gradients(x, W1, w2, y):
            a1 = 1 / (1 + np.exp(-(W1 @ x)))
            a2 = w2 @ a1
            d_a2 = 2 * (y - a2)
            d_z1 = d_a2 * w2 * a1 * (1 - a1)
            return float((y - a2) ** 2), np.outer(d_z1, x), d_a2 * a1
        """, code="two_layer_gradients.sign"),
    Mistake("two-layer-naive-sigmoid-overflows", "two_layer_gradients", "overflow encountered in exp", """
        def two_layer_gradients(x, W1, w2, y):
            a1 = 1 / (1 + np.exp(-(W1 @ x)))
            a2 = w2 @ a1
            d_a2 = -2 * (y - a2)
            d_z1 = d_a2 * w2 * a1 * (1 - a1)
            return float((y - a2) ** 2), np.outer(d_z1, x), d_a2 * a1
        """, code="two_layer_gradients.warning.exp_overflow", visible="overflow"),
    Mistake("two-layer-exp-ratio-nan", "two_layer_gradients", "returned nan", """
        def two_layer_gradients(x, W1, w2, y):
            e = np.exp(W1 @ x)
            a1 = e / (1 + e)
            a2 = w2 @ a1
            d_a2 = -2 * (y - a2)
            d_z1 = d_a2 * w2 * a1 * (1 - a1)
            return float((y - a2) ** 2), np.outer(d_z1, x), d_a2 * a1
        """, code="two_layer_gradients.not_finite.nan", visible="overflow"),
    Mistake("two-layer-squeezes", "two_layer_gradients", "it must have W1's shape (1, 3)", """
        def two_layer_gradients(x, W1, w2, y):
            a1 = np.exp(-np.logaddexp(0.0, -(W1 @ x)))
            a2 = w2 @ a1
            d_a2 = -2 * (y - a2)
            d_z1 = d_a2 * w2 * a1 * (1 - a1)
            return float((y - a2) ** 2), np.squeeze(np.outer(d_z1, x)), d_a2 * a1
        """),
    Mistake("two-layer-fills-W1-in-place", "two_layer_gradients", "changed its argument `W1` in place", """
        def two_layer_gradients(x, W1, w2, y):
            a1 = np.exp(-np.logaddexp(0.0, -(W1 @ x)))
            a2 = w2 @ a1
            d_a2 = -2 * (y - a2)
            d_z1 = d_a2 * w2 * a1 * (1 - a1)
            dW1 = W1                                   # not a copy: filling it changes the caller's W1
            dW1[...] = np.outer(d_z1, x)
            return float((y - a2) ** 2), dW1, d_a2 * a1
        """, code="two_layer_gradients.mutated_input"),
    Mistake("two-layer-y-hard-coded", "two_layer_gradients", "two_layer_gradients(x=", """
        def two_layer_gradients(x, W1, w2, y):
            y = 1.0                                    # the first example's y, not the caller's
            a1 = np.exp(-np.logaddexp(0.0, -(W1 @ x)))
            a2 = w2 @ a1
            d_a2 = -2 * (y - a2)
            d_z1 = d_a2 * w2 * a1 * (1 - a1)
            return float((y - a2) ** 2), np.outer(d_z1, x), d_a2 * a1
        """),
]

# The students of the sample class beyond the generic ones every assignment has (``autograder.samples.sample_class``).
STUDENTS = [
    SampleStudent("chloe", "the multiply node does not swap; the shopping gradients forget the tax",
                  mistakes=("add-mul-no-swap", "shopping-forgets-upstream")),
    SampleStudent("dev", "σ(1 + σ) as the sigmoid's slope in the neuron", mistakes=("neuron-sigma-one-plus-sigma",)),
    SampleStudent("emma", "no bias gradient in the neuron; a multiply gate that does not swap",
                  mistakes=("neuron-bias-gradient-missing", "multiply-gate-no-swap")),
    SampleStudent("farid", "a sigmoid gate that keeps its first forward; no σ' in the two-layer gradient",
                  mistakes=("sigmoid-gate-keeps-the-first-forward", "two-layer-no-sigma-prime")),
    SampleStudent("grace", "infinite loop in shopping_forward_backward",
                  {"shopping_forward_backward": hostile("shopping_forward_backward(price, count, tax)",
                                                        INFINITE_LOOP)}),
    SampleStudent("hugo", "memory bomb in two_layer_gradients, os._exit in add_mul_forward_backward",
                  {"two_layer_gradients": hostile("two_layer_gradients(x, W1, w2, y)", MEMORY_BOMB),
                   "add_mul_forward_backward": hostile("add_mul_forward_backward(x, y, z)", HARD_EXIT)}),
    SampleStudent("iris", "a syntax error in one cell, 100 MB of prints in another",
                  {"AddGate": "class AddGate\n    pass\n"}, extra_cells=(PRINT_FLOOD,)),
    SampleStudent("noah", "renamed SigmoidGate to SigmoidLayer (a missing class)",
                  {"SigmoidGate": find(MISTAKES, "sigmoid-gate-keeps-the-first-forward").cell.replace(
                      "class SigmoidGate", "class SigmoidLayer")}),
    SampleStudent("olga", "the shopping gradients forget the tax", mistakes=("shopping-forgets-upstream",)),
]
