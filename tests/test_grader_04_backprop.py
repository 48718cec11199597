"""The hidden graders of 04_backprop are honest: every mistake the assignment lists is rejected with a message
that names it (and its code), every correct alternative (a micrograd-style Value class, vectorised and
per-element forms, lists and tuples) gets full marks, constant answers get nothing, the points add up to the
catalogue's, and the visible checks are never stricter than the graders.

Each wrong implementation (a typical mistake, from autograder/samples/mistakes/04_backprop.py) is the reference
solution with one function or class replaced.
"""
from __future__ import annotations

from grader_proof import GraderProof, Proof, right

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

WRONG = PROOF.wrong_cases()  # autograder/samples/mistakes/04_backprop.py

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
