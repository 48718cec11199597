"""The hidden graders of 04_backprop are honest: every mistake the assignment lists is rejected with a message
that names it (and its code), every correct alternative (a micrograd-style Value class, vectorised and
per-element forms, lists and tuples) gets full marks, constant answers get nothing, the points add up to the
catalogue's, and the visible checks are never stricter than the graders.

Each wrong implementation is the reference solution with one function or class replaced.
"""
from __future__ import annotations

from grader_proof import GraderProof, Proof, right, wrong

PROOF = Proof("04_backprop")
PROBLEMS = PROOF.problems

# A micrograd-style scalar Value: each operation carries its own backward (a correct alternative).
VALUE_CLASS = '''
import math

class Value:
    def __init__(self, data, parents=(), backward=lambda: None):
        self.data, self.grad, self._parents, self._backward = float(data), 0.0, parents, backward

    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other))
        def backward():
            self.grad += out.grad
            other.grad += out.grad
        out._backward = backward
        return out

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (self, other))
        def backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = backward
        return out

    def sigmoid(self):
        s = 1 / (1 + math.exp(-self.data)) if self.data >= 0 else math.exp(self.data) / (1 + math.exp(self.data))
        out = Value(s, (self,))
        def backward():
            self.grad += s * (1 - s) * out.grad
        out._backward = backward
        return out

    def backward(self):
        order, seen = [], set()
        def visit(v):
            if id(v) not in seen:
                seen.add(id(v))
                for p in v._parents:
                    visit(p)
                order.append(v)
        visit(self)
        self.grad = 1.0
        for v in reversed(order):
            v._backward()
'''

WRONG = [
    # ---------------------------------------------------------------- add_mul_forward_backward
    wrong("add-mul-add-node-multiplies", "add_mul_forward_backward", "the add node multiplied", """
        def add_mul_forward_backward(x, y, z):
            q = x + y
            return q * z, z * y, z * x, q
        """, code="add_mul_forward_backward.add_multiplies", visible="The add node multiplied"),
    wrong("add-mul-no-swap", "add_mul_forward_backward", "the multiply node did not swap", """
        def add_mul_forward_backward(x, y, z):
            q = x + y
            return q * z, q, q, z
        """, code="add_mul_forward_backward.mul_no_swap", visible="The multiply node did not swap"),
    wrong("add-mul-forgets-upstream", "add_mul_forward_backward", "without the upstream gradient", """
        def add_mul_forward_backward(x, y, z):
            q = x + y
            return q * z, 1.0, 1.0, q
        """, code="add_mul_forward_backward.no_upstream", visible="lack the upstream gradient"),
    wrong("add-mul-chain-rule-summed", "add_mul_forward_backward", "it does not add them", """
        def add_mul_forward_backward(x, y, z):
            q = x + y
            return q * z, 1 + z, 1 + z, q
        """, code="add_mul_forward_backward.chain_summed", visible="The chain rule multiplies"),
    wrong("add-mul-three-values", "add_mul_forward_backward", "it must return (f, dx, dy, dz)", """
        def add_mul_forward_backward(x, y, z):
            return (x + y) * z, z, x + y
        """, code="add_mul_forward_backward.not_4"),
    wrong("add-mul-z-hard-coded", "add_mul_forward_backward", "add_mul_forward_backward(1.5, -0.5, 2.0) returned", """
        def add_mul_forward_backward(x, y, z):
            z = -4.0                                   # the lecture's z, not the caller's
            q = x + y
            return q * z, z, z, q
        """),
    # ---------------------------------------------------------------- shopping_forward_backward
    wrong("shopping-forgets-upstream", "shopping_forward_backward", "lack the upstream gradient tax", """
        def shopping_forward_backward(price, count, tax):
            return price * count * tax, count, price, price * count
        """, code="shopping_forward_backward.no_upstream", visible="lack the upstream gradient"),
    wrong("shopping-no-swap", "shopping_forward_backward", "the multiply node did not swap", """
        def shopping_forward_backward(price, count, tax):
            return price * count * tax, price * tax, count * tax, price * count
        """, code="shopping_forward_backward.mul_no_swap", visible="did not swap"),
    wrong("shopping-tax-hard-coded", "shopping_forward_backward", "shopping_forward_backward(250.0, 4.0, 1.08) returned", """
        def shopping_forward_backward(price, count, tax):
            tax = 1.1                                  # the lecture's tax, not the caller's
            return price * count * tax, count * tax, price * tax, price * count
        """),
    # ---------------------------------------------------------------- sigmoid_neuron_forward_backward
    wrong("neuron-sigma-one-plus-sigma", "sigmoid_neuron_forward_backward", "not σ(1 + σ)", """
        def sigmoid_neuron_forward_backward(w, x):
            z = w[0] * x[0] + w[1] * x[1] + w[2]
            f = 1 / (1 + np.exp(-z))
            dz = f * (1 + f)
            return float(f), np.array([x[0] * dz, x[1] * dz, dz]), np.array([w[0] * dz, w[1] * dz])
        """, code="sigmoid_neuron_forward_backward.one_plus_sigma", visible="σ(1 + σ) is not σ's slope"),
    wrong("neuron-derivative-at-z", "sigmoid_neuron_forward_backward", "evaluated at z", """
        def sigmoid_neuron_forward_backward(w, x):
            z = w[0] * x[0] + w[1] * x[1] + w[2]
            f = 1 / (1 + np.exp(-z))
            dz = z * (1 - z)
            return float(f), np.array([x[0] * dz, x[1] * dz, dz]), np.array([w[0] * dz, w[1] * dz])
        """, code="sigmoid_neuron_forward_backward.derivative_at_z", visible="evaluated at z = 1"),
    wrong("neuron-bias-gradient-missing", "sigmoid_neuron_forward_backward", "the bias gradient is missing", """
        def sigmoid_neuron_forward_backward(w, x):
            z = w[0] * x[0] + w[1] * x[1] + w[2]
            f = 1 / (1 + np.exp(-z))
            dz = f * (1 - f)
            return float(f), np.array([x[0] * dz, x[1] * dz]), np.array([w[0] * dz, w[1] * dz])
        """, code="sigmoid_neuron_forward_backward.no_bias_gradient"),
    wrong("neuron-dw-and-dx-swapped", "sigmoid_neuron_forward_backward", "dw and dx are swapped", """
        def sigmoid_neuron_forward_backward(w, x):
            z = w[0] * x[0] + w[1] * x[1] + w[2]
            f = 1 / (1 + np.exp(-z))
            dz = f * (1 - f)
            return float(f), np.array([w[0] * dz, w[1] * dz]), np.array([x[0] * dz, x[1] * dz, dz])
        """, code="sigmoid_neuron_forward_backward.swapped"),
    wrong("neuron-exp-ratio-nan", "sigmoid_neuron_forward_backward", "returned nan", """
        def sigmoid_neuron_forward_backward(w, x):
            z = w[0] * x[0] + w[1] * x[1] + w[2]
            f = np.exp(z) / (1 + np.exp(z))
            dz = f * (1 - f)
            return float(f), np.array([x[0] * dz, x[1] * dz, dz]), np.array([w[0] * dz, w[1] * dz])
        """, code="sigmoid_neuron_forward_backward.not_finite.nan"),
    wrong("neuron-naive-sigmoid-overflows", "sigmoid_neuron_forward_backward", "overflow encountered in exp", """
        def sigmoid_neuron_forward_backward(w, x):
            w, x = np.asarray(w, dtype=float), np.asarray(x, dtype=float)
            z = w[0] * x[0] + w[1] * x[1] + w[2]
            f = 1 / (1 + np.exp(-z))
            dz = f * (1 - f)
            return float(f), np.array([x[0] * dz, x[1] * dz, dz]), np.array([w[0] * dz, w[1] * dz])
        """, code="sigmoid_neuron_forward_backward.warning.exp_overflow", visible="overflow"),
    wrong("neuron-changes-w-through-a-view", "sigmoid_neuron_forward_backward", "changed its argument `w` in place", """
        def sigmoid_neuron_forward_backward(w, x):
            w, x = np.asarray(w, dtype=float), np.asarray(x, dtype=float)
            z = w[0] * x[0] + w[1] * x[1] + w[2]
            f = np.exp(-np.logaddexp(0.0, -z))
            dz = f * (1 - f)
            dx = w[:2]                                 # a view of the caller's w
            dx *= dz
            return float(f), np.array([x[0] * dz, x[1] * dz, dz]), dx
        """, code="sigmoid_neuron_forward_backward.mutated_input"),
    wrong("neuron-integer-one-when-saturated", "sigmoid_neuron_forward_backward", "returned the integer 1; it must be a float", """
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
    wrong("add-gate-multiplies", "AddGate", "the add gate multiplied", """
        class AddGate:
            def forward(self, x, y):
                self.x, self.y = x, y
                return x + y
            def backward(self, dout):
                return dout * self.y, dout * self.x
        """, code="AddGate.multiplies", visible="The add gate multiplied"),
    wrong("add-gate-forgets-upstream", "AddGate", "only the local gradient 1", """
        class AddGate:
            def forward(self, x, y):
                return x + y
            def backward(self, dout):
                return np.ones_like(dout), np.ones_like(dout)
        """, code="AddGate.no_upstream", visible="Only the local gradient 1"),
    wrong("add-gate-adds-in-place", "AddGate", "changed its argument `x` in place", """
        class AddGate:
            def forward(self, x, y):
                x += y                                 # changes the caller's array x
                return x
            def backward(self, dout):
                return dout, dout
        """, code="AddGate.mutated_input", visible="changed"),
    wrong("add-gate-squeezes", "AddGate", "it must have the input's shape (1,)", """
        class AddGate:
            def forward(self, x, y):
                return np.squeeze(np.add(x, y))
            def backward(self, dout):
                return dout, dout
        """),
    # ---------------------------------------------------------------- MultiplyGate
    wrong("multiply-gate-no-swap", "MultiplyGate", "the multiply gate did not swap", """
        class MultiplyGate:
            def forward(self, x, y):
                self.x, self.y = x, y
                return x * y
            def backward(self, dout):
                return self.x * dout, self.y * dout
        """, code="MultiplyGate.no_swap", visible="did not swap"),
    wrong("multiply-gate-forgets-upstream", "MultiplyGate", "the upstream gradient is missing", """
        class MultiplyGate:
            def forward(self, x, y):
                self.x, self.y = x, y
                return x * y
            def backward(self, dout):
                return self.y, self.x
        """, code="MultiplyGate.no_upstream", visible="The upstream gradient is missing"),
    wrong("multiply-gate-keeps-the-first-forward", "MultiplyGate", "the gradients for an earlier forward", """
        class MultiplyGate:
            def forward(self, x, y):
                if not hasattr(self, "x"):
                    self.x, self.y = x, y
                return x * y
            def backward(self, dout):
                return self.y * dout, self.x * dout
        """, code="MultiplyGate.stale_cache", visible="gradients of the first forward"),
    wrong("multiply-gate-multiplies-in-place", "MultiplyGate", "changed its argument `x` in place", """
        class MultiplyGate:
            def forward(self, x, y):
                self.x, self.y = np.copy(x), np.copy(y)
                return np.multiply(x, y, out=x) if isinstance(x, np.ndarray) else x * y
            def backward(self, dout):
                return self.y * dout, self.x * dout
        """, code="MultiplyGate.mutated_input", visible="changed"),
    # ---------------------------------------------------------------- SigmoidGate
    wrong("sigmoid-gate-one-plus-sigma", "SigmoidGate", "σ(1 + σ)", """
        class SigmoidGate:
            def forward(self, z):
                self.out = 1 / (1 + np.exp(-np.asarray(z, dtype=float)))
                return self.out
            def backward(self, dout):
                return self.out * (1 + self.out) * dout
        """, code="SigmoidGate.one_plus_sigma", visible="σ(1 + σ) is not σ's slope"),
    wrong("sigmoid-gate-derivative-at-z", "SigmoidGate", "evaluated at z", """
        class SigmoidGate:
            def forward(self, z):
                self.z = np.asarray(z, dtype=float)
                return 1 / (1 + np.exp(-self.z))
            def backward(self, dout):
                return self.z * (1 - self.z) * dout
        """, code="SigmoidGate.derivative_at_z"),
    wrong("sigmoid-gate-forgets-upstream", "SigmoidGate", "multiply σ(1 − σ) by dout", """
        class SigmoidGate:
            def forward(self, z):
                self.out = 1 / (1 + np.exp(-np.asarray(z, dtype=float)))
                return self.out
            def backward(self, dout):
                return self.out * (1 - self.out)
        """, code="SigmoidGate.no_upstream", visible="Multiply σ(1 − σ) by dout"),
    wrong("sigmoid-gate-keeps-the-first-forward", "SigmoidGate", "the gradients for an earlier forward", """
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
    wrong("sigmoid-gate-naive-overflows", "SigmoidGate", "overflow encountered in exp", """
        class SigmoidGate:
            def forward(self, z):
                self.out = 1 / (1 + np.exp(-np.asarray(z, dtype=float)))
                return self.out
            def backward(self, dout):
                return self.out * (1 - self.out) * dout
        """, code="SigmoidGate.warning.exp_overflow", visible="overflow"),
    wrong("sigmoid-gate-exp-ratio-nan", "SigmoidGate", "inf/inf = nan", """
        class SigmoidGate:
            def forward(self, z):
                e = np.exp(np.asarray(z, dtype=float))
                self.out = e / (1 + e)
                return self.out
            def backward(self, dout):
                return self.out * (1 - self.out) * dout
        """, code="SigmoidGate.exp_ratio_nan", visible="overflow"),
    wrong("sigmoid-gate-backward-recomputes-naively", "SigmoidGate", "returned nan", """
        class SigmoidGate:
            def forward(self, z):
                self.z = np.asarray(z, dtype=float)
                return np.exp(-np.logaddexp(0.0, -self.z))
            def backward(self, dout):
                return np.exp(-self.z) / (1 + np.exp(-self.z)) ** 2 * dout
        """, code="SigmoidGate.not_finite.nan", visible="overflow"),
    wrong("sigmoid-gate-negates-in-place", "SigmoidGate", "changed its argument `z` in place", """
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
    wrong("two-layer-no-factor-minus-2", "two_layer_gradients", "the factor −2", """
        def two_layer_gradients(x, W1, w2, y):
            a1 = 1 / (1 + np.exp(-(W1 @ x)))
            a2 = w2 @ a1
            d_a2 = y - a2
            d_z1 = d_a2 * w2 * a1 * (1 - a1)
            return float((y - a2) ** 2), np.outer(d_z1, x), d_a2 * a1
        """, code="two_layer_gradients.no_factor_minus_2", visible="The factor −2"),
    wrong("two-layer-no-sigma-prime", "two_layer_gradients", "the σ' term is missing", """
        def two_layer_gradients(x, W1, w2, y):
            a1 = 1 / (1 + np.exp(-(W1 @ x)))
            a2 = w2 @ a1
            d_a2 = -2 * (y - a2)
            return float((y - a2) ** 2), np.outer(d_a2 * w2, x), d_a2 * a1
        """, code="two_layer_gradients.no_sigma_prime"),
    wrong("two-layer-transposed", "two_layer_gradients", "it is transposed", """
        def two_layer_gradients(x, W1, w2, y):
            a1 = 1 / (1 + np.exp(-(W1 @ x)))
            a2 = w2 @ a1
            d_a2 = -2 * (y - a2)
            d_z1 = d_a2 * w2 * a1 * (1 - a1)
            return float((y - a2) ** 2), np.outer(x, d_z1), d_a2 * a1
        """, code="two_layer_gradients.transposed"),
    wrong("two-layer-sign", "two_layer_gradients", "the sign is flipped", """
        def two_layer_gradients(x, W1, w2, y):
            a1 = 1 / (1 + np.exp(-(W1 @ x)))
            a2 = w2 @ a1
            d_a2 = 2 * (y - a2)
            d_z1 = d_a2 * w2 * a1 * (1 - a1)
            return float((y - a2) ** 2), np.outer(d_z1, x), d_a2 * a1
        """, code="two_layer_gradients.sign"),
    wrong("two-layer-naive-sigmoid-overflows", "two_layer_gradients", "overflow encountered in exp", """
        def two_layer_gradients(x, W1, w2, y):
            a1 = 1 / (1 + np.exp(-(W1 @ x)))
            a2 = w2 @ a1
            d_a2 = -2 * (y - a2)
            d_z1 = d_a2 * w2 * a1 * (1 - a1)
            return float((y - a2) ** 2), np.outer(d_z1, x), d_a2 * a1
        """, code="two_layer_gradients.warning.exp_overflow", visible="overflow"),
    wrong("two-layer-exp-ratio-nan", "two_layer_gradients", "returned nan", """
        def two_layer_gradients(x, W1, w2, y):
            e = np.exp(W1 @ x)
            a1 = e / (1 + e)
            a2 = w2 @ a1
            d_a2 = -2 * (y - a2)
            d_z1 = d_a2 * w2 * a1 * (1 - a1)
            return float((y - a2) ** 2), np.outer(d_z1, x), d_a2 * a1
        """, code="two_layer_gradients.not_finite.nan", visible="overflow"),
    wrong("two-layer-squeezes", "two_layer_gradients", "it must have W1's shape (1, 3)", """
        def two_layer_gradients(x, W1, w2, y):
            a1 = np.exp(-np.logaddexp(0.0, -(W1 @ x)))
            a2 = w2 @ a1
            d_a2 = -2 * (y - a2)
            d_z1 = d_a2 * w2 * a1 * (1 - a1)
            return float((y - a2) ** 2), np.squeeze(np.outer(d_z1, x)), d_a2 * a1
        """),
    wrong("two-layer-fills-W1-in-place", "two_layer_gradients", "changed its argument `W1` in place", """
        def two_layer_gradients(x, W1, w2, y):
            a1 = np.exp(-np.logaddexp(0.0, -(W1 @ x)))
            a2 = w2 @ a1
            d_a2 = -2 * (y - a2)
            d_z1 = d_a2 * w2 * a1 * (1 - a1)
            dW1 = W1                                   # not a copy: filling it changes the caller's W1
            dW1[...] = np.outer(d_z1, x)
            return float((y - a2) ** 2), dW1, d_a2 * a1
        """, code="two_layer_gradients.mutated_input"),
    wrong("two-layer-y-hard-coded", "two_layer_gradients", "two_layer_gradients(x=", """
        def two_layer_gradients(x, W1, w2, y):
            y = 1.0                                    # the first example's y, not the caller's
            a1 = np.exp(-np.logaddexp(0.0, -(W1 @ x)))
            a2 = w2 @ a1
            d_a2 = -2 * (y - a2)
            d_z1 = d_a2 * w2 * a1 * (1 - a1)
            return float((y - a2) ** 2), np.outer(d_z1, x), d_a2 * a1
        """),
]

RIGHT = [
    right("add-mul-reference", "add_mul_forward_backward", ""),
    right("add-mul-micrograd-value", "add_mul_forward_backward", VALUE_CLASS + """
def add_mul_forward_backward(x, y, z):
    x, y, z = Value(x), Value(y), Value(z)
    f = (x + y) * z
    f.backward()
    return f.data, x.grad, y.grad, z.grad
"""),
    right("add-mul-list-of-numpy-floats", "add_mul_forward_backward", """
        def add_mul_forward_backward(x, y, z):
            q = np.float64(x) + y
            return [q * z, z * np.float64(1), z * np.float64(1), q]
        """),
    right("add-mul-zero-d-arrays", "add_mul_forward_backward", """
        def add_mul_forward_backward(x, y, z):
            q = np.asarray(x, dtype=float) + y
            return q * z, np.asarray(z * 1.0), np.asarray(z * 1.0), q
        """),
    right("shopping-reference", "shopping_forward_backward", ""),
    right("shopping-micrograd-value", "shopping_forward_backward", VALUE_CLASS + """
def shopping_forward_backward(price, count, tax):
    price, count, tax = Value(price), Value(count), Value(tax)
    total = price * count * tax
    total.backward()
    return total.data, price.grad, count.grad, tax.grad
"""),
    right("neuron-reference", "sigmoid_neuron_forward_backward", ""),
    right("neuron-micrograd-value", "sigmoid_neuron_forward_backward", VALUE_CLASS + """
def sigmoid_neuron_forward_backward(w, x):
    w = [Value(v) for v in w]
    x = [Value(v) for v in x]
    f = (w[0] * x[0] + w[1] * x[1] + w[2]).sigmoid()
    f.backward()
    return f.data, np.array([v.grad for v in w]), np.array([v.grad for v in x])
"""),
    right("neuron-vectorised-expit", "sigmoid_neuron_forward_backward", """
        from scipy.special import expit
        def sigmoid_neuron_forward_backward(w, x):
            w, x = np.asarray(w, dtype=float), np.asarray(x, dtype=float)
            xb = np.append(x, 1.0)
            f = expit(w @ xb)
            dz = f * (1 - f)
            return f, dz * xb, dz * w[:2]
        """),
    right("add-gate-reference", "AddGate", ""),
    right("add-gate-copies", "AddGate", """
        class AddGate:
            def forward(self, x, y):
                return np.add(x, y)
            def backward(self, dout):
                return (np.copy(dout) if isinstance(dout, np.ndarray) else dout,
                        np.copy(dout) if isinstance(dout, np.ndarray) else dout)
        """),
    right("multiply-gate-reference", "MultiplyGate", ""),
    right("multiply-gate-list-result", "MultiplyGate", """
        class MultiplyGate:
            def forward(self, x, y):
                self.cache = (x, y)
                return x * y
            def backward(self, dout):
                x, y = self.cache
                return [dout * y, dout * x]
        """),
    right("sigmoid-gate-reference", "SigmoidGate", ""),
    right("sigmoid-gate-where-and-one-tuple", "SigmoidGate", """
        class SigmoidGate:
            def forward(self, z):
                z = np.asarray(z, dtype=float)
                e = np.exp(-np.abs(z))
                self.out = np.where(z >= 0, 1 / (1 + e), e / (1 + e))
                return self.out
            def backward(self, dout):
                return (self.out * (1 - self.out) * dout,)
        """),
    right("sigmoid-gate-tanh", "SigmoidGate", """
        class SigmoidGate:
            def forward(self, z):
                self.s = 0.5 * (1 + np.tanh(np.asarray(z, dtype=float) / 2))
                return self.s
            def backward(self, dout):
                return dout * self.s * (1 - self.s)
        """),
    right("two-layer-reference", "two_layer_gradients", ""),
    right("two-layer-per-element-loops", "two_layer_gradients", """
        import math
        def _sigma(t):
            return 1 / (1 + math.exp(-t)) if t >= 0 else math.exp(t) / (1 + math.exp(t))
        def two_layer_gradients(x, W1, w2, y):
            h, n = np.shape(W1)
            a1 = [_sigma(sum(W1[i][j] * x[j] for j in range(n))) for i in range(h)]
            a2 = sum(w2[i] * a1[i] for i in range(h))
            d_a2 = -2 * (y - a2)
            dW1 = np.zeros((h, n))
            for i in range(h):
                for j in range(n):
                    dW1[i, j] = d_a2 * w2[i] * a1[i] * (1 - a1[i]) * x[j]
            return (y - a2) ** 2, dW1, np.array([d_a2 * a for a in a1])
        """),
]

CONSTANT = [c for p in PROBLEMS for c in PROOF.constant_cases(p)]


class TestGraders(GraderProof):
    PROOF, WRONG, RIGHT, CONSTANT = PROOF, WRONG, RIGHT, CONSTANT
    VISIBLE_CATCH_RATE = 0.7
