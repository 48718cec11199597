"""Reference solutions for assignment 04_backprop.

Each function or class here is also the body of its solution cell in
source/04_backprop/04_backprop.ipynb (a test keeps the two identical).
Conventions: forward computes values and caches what backward needs;
backward(dout) takes the upstream gradient and returns the gradients of the
inputs (local gradient × upstream gradient); every gradient has its input's shape.
"""
import numpy as np


def add_mul_forward_backward(x, y, z):
    """f = (x + y)·z and its gradients (f, dx, dy, dz), through q = x + y."""
    q = x + y                 # forward: the add node
    f = q * z                 # forward: the multiply node
    dz = q                    # multiply swaps: ∂f/∂z = q
    dq = z                    # ... and ∂f/∂q = z
    dx = dq * 1.0             # add passes the upstream gradient through
    dy = dq * 1.0
    return float(f), float(dx), float(dy), float(dz)


def shopping_forward_backward(price, count, tax):
    """total = price·count·tax and its gradients (total, d_price, d_count, d_tax), through subtotal = price·count."""
    subtotal = price * count
    total = subtotal * tax
    d_subtotal = tax          # multiply swaps: ∂total/∂subtotal = tax, ∂total/∂tax = subtotal
    d_tax = subtotal
    d_price = d_subtotal * count
    d_count = d_subtotal * price
    return float(total), float(d_price), float(d_count), float(d_tax)


def sigmoid_neuron_forward_backward(w, x):
    """f = σ(w₀x₀ + w₁x₁ + w₂) and its gradients (f, dw, dx), with σ's local gradient σ(1 − σ)."""
    w = np.asarray(w, dtype=np.float64)
    x = np.asarray(x, dtype=np.float64)
    z = w[0] * x[0] + w[1] * x[1] + w[2]
    f = np.exp(-np.logaddexp(0.0, -z))          # σ(z), stable for any z
    dz = f * (1.0 - f)                           # the whole sigmoid node at once
    dw = np.array([x[0] * dz, x[1] * dz, dz])    # multiply swaps; the bias is added, so it gets dz itself
    dx = np.array([w[0] * dz, w[1] * dz])
    return float(f), dw, dx


class AddGate:
    """z = x + y: backward passes the upstream gradient to both inputs unchanged."""

    def forward(self, x, y):
        """x + y (numbers or arrays, elementwise)."""
        return x + y

    def backward(self, dout):
        """(dx, dy) = (dout, dout)."""
        return dout, dout


class MultiplyGate:
    """z = x·y: backward swaps the inputs, each scaled by the upstream gradient."""

    def forward(self, x, y):
        """x·y (elementwise); remembers x and y for backward."""
        self.x, self.y = x, y
        return x * y

    def backward(self, dout):
        """(dx, dy) = (y·dout, x·dout), with the x and y of the most recent forward."""
        return self.y * dout, self.x * dout


class SigmoidGate:
    """a = σ(z): backward multiplies the upstream gradient by σ(z)(1 − σ(z))."""

    def forward(self, z):
        """σ(z) (elementwise, stable for any z); remembers it for backward."""
        self.out = np.exp(-np.logaddexp(0.0, -np.asarray(z, dtype=np.float64)))
        return self.out

    def backward(self, dout):
        """dz = σ(z)(1 − σ(z))·dout, with the σ(z) of the most recent forward."""
        return self.out * (1.0 - self.out) * dout


def two_layer_gradients(x, W1, w2, y):
    """L = (y − w2·σ(W1 x))² and its gradients (L, dW1, dw2), by the chain rule backwards."""
    x = np.asarray(x, dtype=np.float64)
    W1 = np.asarray(W1, dtype=np.float64)
    w2 = np.asarray(w2, dtype=np.float64)
    z1 = W1 @ x                                 # forward
    a1 = np.exp(-np.logaddexp(0.0, -z1))        # σ(z1)
    a2 = w2 @ a1
    L = (y - a2) ** 2
    d_a2 = -2.0 * (y - a2)                      # backward: ∂L/∂a2
    dw2 = d_a2 * a1
    d_a1 = d_a2 * w2
    d_z1 = d_a1 * a1 * (1.0 - a1)               # σ'(z1) = a1(1 − a1)
    dW1 = np.outer(d_z1, x)
    return float(L), dW1, dw2
