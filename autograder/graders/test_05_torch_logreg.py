"""Hidden graders for assignment 05_torch_logreg (see assignments/05_torch_logreg.toml).

Each test is worth 0.5 points; per problem they add up to the catalogue's
points.  The first line of each docstring is shown to students.  Each test
names the Spec bullets it checks (``@spec``, the ids of the notebook's Spec
blocks); every batch function is also graded on a single example (m = 1).

Tensors and modules cross the sandbox only as numbers: the grader sends
tensors as ``wire.tensor(...)`` (real float32 tensors on the student's side),
builds models there (the student's ``LogisticRegression``, or a known-good
``logistic_model`` from ``sandbox/objects.py`` that logs each forward pass's
mode, so ``train`` and ``predict`` are graded apart from the student's own
model), sets their weights explicitly (never relying on torch's random
stream) and reads the parameters back.

Expected values come from the ``reference`` solutions run here on the same
float32 tensors (tested against torch's own BCE and SGD, and a float64 numpy
oracle, in tests/test_solutions_05_torch_logreg.py).  Float32 values are
compared with ``torch.testing.assert_close``'s float32 tolerances
(|got − expected| ≤ 1e-5 + 1.3e-6·|expected|), loosened to 1e-5 relative for
a few training steps and 1e-4 after hundreds (float32 rounding accumulates
differently in correct alternatives: a hand-written BCE, a manual update).
Mistakes are recognised by replaying them in float64 (``_replay``).  The data
is the shipped credit-default set (``source/05_torch_logreg/data/``); random
cases use fixed seeds and shapes with m ≠ n ≠ 1.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import pytest
import torch

from autograder import checks
from autograder.checks import Hint, call_text, like
from autograder.graders.datasets import load_credit_default
from autograder.grading.student_proxy import StudentRaised
from autograder.messages import say
from autograder.sandbox.wire import ModuleData, TensorData, tensor

ASSIGNMENT = "05_torch_logreg"
problem = pytest.mark.problem
spec = pytest.mark.spec
torch.set_num_threads(1)  # tiny tensors: threads only cost here, and the engine grades in parallel already

STEP_RTOL, STEP_ATOL = 1e-5, 1e-6        # a few float32 training steps
LONG_RTOL, LONG_ATOL = 1e-4, 1e-5        # hundreds of steps
LECTURE_W, LECTURE_B = [[0.6, 1.1]], [-2.7]  # close to what training reaches on the credit data


def _sigmoid(z):
    return np.exp(-np.logaddexp(0.0, -np.asarray(z, dtype=np.float64)))


@functools.cache
def _credit(split: str) -> tuple[np.ndarray, np.ndarray]:
    return load_credit_default(split)


def _rows(split: str, count: int) -> tuple[np.ndarray, np.ndarray]:
    X, y = _credit(split)
    return X[:count], y[:count]


def _random_case(seed: int, m: int, n: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(m, n))
    y = (rng.random(m) < _sigmoid(X @ rng.normal(size=n))).astype(float)
    return X, y


def _float32(a) -> np.ndarray:
    """What a value becomes as a float32 tensor, back in float64."""
    return np.asarray(a, dtype=np.float32).astype(np.float64)


LOSS_NAN_HINT = Hint("not_finite.log_zero", say("05_torch_logreg.loss_log_zero",
                                                "a probability reached exactly 0 or 1 (in float32, σ(z) is 1.0 for "
                                                "z > 17), and log(0) = −inf, 0·(−inf) = nan: use nn.BCELoss(), which "
                                                "clamps the logarithm at −100, or clamp p away from 0 and 1"))


def _at_row(index: tuple) -> str:
    """Where an (m, 1) result is wrong: at its example's row, not at (i, 0)."""
    return say("05_torch_logreg.at_row", "at row {row}", row=index[0])


def _check_batch_axis(text: str, got, expected_shape: tuple, code: str,
                      what: str = say("05_torch_logreg.a_tensor", "a tensor")) -> None:
    """A batch of one is still a batch: name a result that lost its example axis (m = 1) before the generic
    shape message (whose "extra axes" advice would suggest squeezing, the very mistake)."""
    expected_shape = tuple(expected_shape)
    if not isinstance(got, TensorData) or not expected_shape or expected_shape[0] != 1:
        return
    shape = tuple(got.shape)
    if len(shape) < len(expected_shape) and int(np.prod(shape)) == int(np.prod(expected_shape)):
        raise checks.WrongShape(say("05_torch_logreg.batch_axis_lost",
                                    "{call} returned {what} of shape {shape}; for a single example it must have shape "
                                    "{expected_shape}: the example axis was lost. A batch of one is still a batch: "
                                    ".squeeze() (and np.squeeze) drops every axis of length 1, the example axis too "
                                    "when m = 1; keep the shape, or reshape with the example count first, "
                                    ".reshape(m, -1).",
                                    call=text, what=what, shape=shape, expected_shape=expected_shape), code)


TENSOR_ITEM_HINT = Hint("type.tensor_items", say("05_torch_logreg.tensor_items",
                                                 "each loss is a tensor: append loss.item(), a Python float (a list "
                                                 "of tensors also keeps every epoch's computation graph alive)"))


# ================================================================ to_tensors

def _check_to_tensors(student, reference, X, y):
    text = call_text("to_tensors", X, y, names=("X", "y"))
    call = student.call("to_tensors", X, y)
    got = checks.check_tuple(text, call.value, ("X", "y"), "to_tensors.not_a_pair")
    want_X, want_y = (t.numpy().astype(np.float64) for t in reference.to_tensors(X, y))
    m = len(want_y)
    flat_hint = Hint("to_tensors.shape.flat", say("05_torch_logreg.y_column",
                                                  "y must be a column of shape ({m}, 1), the shape of the model's "
                                                  "output (BCELoss needs the two shapes equal): y.reshape(-1, 1)",
                                                  m=m))
    _check_batch_axis(say("05_torch_logreg.x_of", "X of {call}", call=text), got[0], want_X.shape,
                      "to_tensors.shape.batch_of_one", "X")
    flat_shapes = ((m,), (m, 1, 1), ()) if m == 1 else ((m,), (m, 1, 1))  # () : a squeezed single label
    if isinstance(got[1], TensorData) and tuple(got[1].shape) in flat_shapes:
        raise checks.WrongShape(say("05_torch_logreg.y_flat", "{call} returned y of shape {shape}; it must have "
                                    "shape ({m}, 1).", call=text, shape=tuple(got[1].shape), m=m)
                                + "\n" + flat_hint.text
                                + (say("05_torch_logreg.y_column_unsqueezed",
                                       " (reshape(-1, 1) works whether y comes as (m,) or (m, 1); unsqueeze(1) adds "
                                       "an axis to a column too)")
                                   if got[1].shape == (m, 1, 1) else ""), flat_hint.code)
    # float32 rounding is exact and unique: every correct conversion gives the same values
    checks.check_tensor(say("05_torch_logreg.x_of", "X of {call}", call=text), got[0], want_X, rtol=0, atol=0,
                        requires_grad=False)
    checks.check_tensor(say("05_torch_logreg.y_of", "y of {call}", call=text), got[1], want_y, rtol=0, atol=0,
                        requires_grad=False)
    checks.check_not_mutated(text, call, ["X", "y"])


@problem("to_tensors", points=0.5)
@spec("to_tensors.float32_pair", "to_tensors.inputs_unchanged")
def test_to_tensors_credit_data(student, reference):
    """to_tensors on the credit-default training data (float64 X of shape (200, 2), y of shape (200,)): float32 (200, 2) and (200, 1)"""
    _check_to_tensors(student, reference, *_credit("train"))


@problem("to_tensors", points=0.5)
@spec("to_tensors.any_numeric_dtype", "to_tensors.float32_pair")
def test_to_tensors_integer_inputs(student, reference):
    """to_tensors on integer arrays (int64 and int32 overdue counts, int labels) gives float32 tensors"""
    X, y = _rows("train", 6)
    _check_to_tensors(student, reference, X[:, :1].astype(np.int64), y.astype(np.int64))
    _check_to_tensors(student, reference, X.astype(np.int32), y.astype(np.int32))


@problem("to_tensors", points=0.5)
@spec("to_tensors.y_flat_or_column", "to_tensors.any_numeric_dtype", "to_tensors.float32_pair")
def test_to_tensors_column_and_bool_labels(student, reference):
    """to_tensors with y already a column of shape (m, 1), with bool labels, and for a single example (m = 1): y is float32 of shape (m, 1), X keeps its row"""
    X, y = _random_case(5101, 7, 3)
    _check_to_tensors(student, reference, X, y.reshape(-1, 1))
    _check_to_tensors(student, reference, X, y > 0.5)
    _check_to_tensors(student, reference, X[:1], y[:1])                    # one customer: X (1, 3), y (1,)
    _check_to_tensors(student, reference, X[1:2, :1], y[1:2].reshape(1, 1) > 0.5)   # X (1, 1), y (1, 1) bool


@problem("to_tensors", points=0.5)
@spec("to_tensors.inputs_unchanged", "to_tensors.any_numeric_dtype")
def test_to_tensors_float32_inputs_unchanged(student, reference):
    """to_tensors on float32 arrays of shape (9, 4) and (9,): the same values, inputs left unchanged"""
    X, y = _random_case(5102, 9, 4)
    _check_to_tensors(student, reference, X.astype(np.float32), y.astype(np.float32))


# ================================================================ LogisticRegression

@dataclass(frozen=True)
class Layer:
    """The names of the student's linear layer's parameters, as ``named_parameters`` gives them."""
    weight: str
    bias: str


def _make_model(student, n: int):
    """``LogisticRegression(n)`` in the sandbox, and its parameters as numbers."""
    with checks.explain_errors({"before Module.__init__() call": Hint(
            "LogisticRegression.no_super_init", say("05_torch_logreg.no_super_init",
                                                    "call super().__init__() as the first line of __init__: "
                                                    "nn.Module must set itself up before a layer can be stored on "
                                                    "self"))}):
        model = checks.check_object(f"LogisticRegression({n})", student.LogisticRegression(n), "LogisticRegression")
    try:
        data = model.read()
    except StudentRaised as err:
        if "cannot be read as data" in err.detail:
            raise checks.WrongType(say("05_torch_logreg.not_a_module",
                                       "LogisticRegression({n}) made a {type_name}, not a torch module: declare "
                                       "the class as `class LogisticRegression(nn.Module):`",
                                       n=n, type_name=model.type_name),
                                   "LogisticRegression.not_a_module") from None
        raise
    return model, data


def _layer(data: ModuleData, n: int) -> Layer:
    """The one nn.Linear(n, 1) the spec asks for, or a message naming what is different."""
    made = f"LogisticRegression({n})"
    params = data.parameters
    shapes = ", ".join(f"{name} {tuple(p.shape)}" for name, p in params.items()) or say(
        "05_torch_logreg.no_parameters", "none")
    weights = {name: p for name, p in params.items() if name.endswith("weight")}
    biases = {name: p for name, p in params.items() if name.endswith("bias")}
    if not weights:
        raise checks.WrongValue(say("05_torch_logreg.no_layer",
                                    "{made} has no weights (its parameters: {shapes}): create the layer in __init__, "
                                    "self.linear = nn.Linear(n_features, 1).", made=made, shapes=shapes),
                                "LogisticRegression.no_layer")
    if len(weights) > 1 or len(params) > 2:
        raise checks.WrongValue(say("05_torch_logreg.extra_parameters",
                                    "{made} has the parameters {shapes}: logistic regression is exactly one layer, "
                                    "self.linear = nn.Linear(n_features, 1), and nothing else with weights.",
                                    made=made, shapes=shapes),
                                "LogisticRegression.extra_parameters")
    (weight_name, weight), = weights.items()
    if not weight_name.startswith("linear."):
        raise checks.WrongValue(say("05_torch_logreg.not_named_linear",
                                    "{made} keeps its layer as `{layer}`: store it as self.linear (the spec's name; "
                                    "code that uses your model reads model.linear).",
                                    made=made, layer=weight_name.rsplit('.', 1)[0]),
                                "LogisticRegression.not_named_linear")
    rows, cols = weight.shape if len(weight.shape) == 2 else (None, None)
    if (rows, cols) != (1, n):
        if (rows, cols) == (n, 1) and n > 1:
            hint = ("LogisticRegression.linear_swapped", say("05_torch_logreg.linear_swapped",
                                                             "the arguments of nn.Linear are swapped: it is "
                                                             "nn.Linear(in_features, out_features), here "
                                                             "nn.Linear(n_features, 1)"))
        elif cols == n:
            hint = ("LogisticRegression.two_outputs", say("05_torch_logreg.two_outputs",
                                                          "{rows} outputs: logistic regression has one output, the "
                                                          "score z of the class 1: nn.Linear(n_features, 1)",
                                                          rows=rows))
        else:
            hint = ("LogisticRegression.wrong_in_features", say("05_torch_logreg.wrong_in_features",
                                                                "the layer must take n_features inputs: "
                                                                "nn.Linear(n_features, 1)"))
        raise checks.WrongShape(say("05_torch_logreg.weight_shape",
                                    "{made} has a weight of shape {shape}; nn.Linear({n}, 1) has shape (1, {n}): "
                                    "{hint}.", made=made, shape=tuple(weight.shape), n=n, hint=hint[1]), hint[0])
    if not biases:
        raise checks.WrongValue(say("05_torch_logreg.no_bias",
                                    "{made} has no bias: z = x·w + b needs b (without it every decision line passes "
                                    "through the origin); keep nn.Linear's default bias=True.", made=made),
                                "LogisticRegression.no_bias")
    (bias_name, bias), = biases.items()
    for name, p in params.items():
        if p.dtype != "torch.float32":
            raise checks.WrongDtype(say("05_torch_logreg.parameter_dtype",
                                        "{made} has a {dtype} parameter {name}: keep PyTorch's default float32 "
                                        "(no .double()); the data tensors are float32.",
                                        made=made, dtype=p.dtype[6:], name=name), "LogisticRegression.dtype.float64")
        if not p.requires_grad:
            raise checks.WrongValue(say("05_torch_logreg.frozen",
                                        "{made}'s parameter {name} has requires_grad=False: it could never be "
                                        "trained; leave nn.Linear's parameters as they are.", made=made, name=name),
                                    "LogisticRegression.frozen")
    return Layer(weight_name, bias_name)


def _forward_mistakes(X, w, b):
    z = _float32(X) @ np.asarray(w, dtype=np.float64).T + np.asarray(b, dtype=np.float64)
    return [like(z, say("05_torch_logreg.forward_no_sigmoid",
                        "forward returned the scores z = x·w + b (the logits): apply the sigmoid, "
                        "torch.sigmoid(self.linear(x)), so that forward returns probabilities"),
                 code="LogisticRegression.no_sigmoid"),
            like(_sigmoid(_sigmoid(z)), say("05_torch_logreg.forward_sigmoid_twice",
                                            "the sigmoid is applied twice: σ(σ(z)) lies between 0.5 and 0.73; apply "
                                            "it once, in forward"), code="LogisticRegression.sigmoid_twice"),
            like(_sigmoid(-z), say("05_torch_logreg.forward_sign",
                                   "this is σ(−z) = 1 − p, the probability of class 0: return σ(z)"),
                 code="LogisticRegression.sign")]


def _check_forward(model, layer: Layer, w, b, X, made: str, gradients: bool = True) -> None:
    """Set the weights, run model(X) and compare with σ(X wᵀ + b); then, unless the scores are extreme (where
    1 / (1 + exp(−z)), a right forward pass, has nan gradients), its gradients with σ's."""
    model.load_parameters({layer.weight: np.asarray(w, dtype=np.float32), layer.bias: np.asarray(b, dtype=np.float32)})
    text = say("05_torch_logreg.forward_call", "{made}(x) with weight {w}, bias {b} and x = {x}",
               made=made, w=np.asarray(w).tolist(), b=np.asarray(b).tolist(), x=checks.describe(tensor(X)))
    out = model.call_method("__call__", tensor(X)).value
    expected = _sigmoid(_float32(X) @ _float32(w).T + _float32(b))
    _check_batch_axis(text, out, expected.shape, "LogisticRegression.shape.batch_of_one")
    checks.check_tensor(text, out, expected, diagnoses=lambda: _forward_mistakes(X, w, b), where=_at_row)
    if not out.requires_grad:
        raise checks.GradientLeaked(say("05_torch_logreg.forward_detached",
                                        "{call} returned a tensor with requires_grad=False: it is cut off from the "
                                        "weights, so loss.backward() can never reach them. Do not use "
                                        "torch.no_grad(), .detach(), .item() or numpy inside forward.", call=text),
                                    "LogisticRegression.detached")
    if gradients:
        _check_gradients(model, layer, w, b, X, text)


def _check_gradients(model, layer: Layer, w, b, X, text) -> None:
    """Autograd through the student's forward pass gives the layer σ's gradients: d Σp / dw = Σ p(1 − p) x.

    A flag says only that the output claims a graph: a forward pass that detaches its output and sets
    requires_grad again, or hooks that change the gradients, claim one too; the gradients tell.
    """
    X32 = _float32(X)
    p = _sigmoid(X32 @ _float32(w).T + _float32(b))
    slope = p * (1 - p)
    wanted = {layer.weight: slope.T @ X32, layer.bias: slope.sum(axis=0)}
    got = model.gradients(tensor(X))
    atol = 1e-5 * max(1.0, float(np.abs(X32).sum()))
    for name, want in wanted.items():
        have = got.get(name)
        if have is None:
            raise checks.GradientLeaked(say("05_torch_logreg.forward_no_gradient",
                                            "{call}: loss.backward() through this output gives {name} no gradient: "
                                            "the output is cut off from the layer. Compute it from self.linear(x) "
                                            "with torch operations only (no .detach() or .requires_grad_() on the "
                                            "result).", call=text, name=name), "LogisticRegression.detached")
        have = np.asarray(have, dtype=np.float64).reshape(np.shape(want))
        if not np.allclose(have, want, rtol=1e-4, atol=atol):
            raise checks.WrongValue(say("05_torch_logreg.forward_wrong_gradients",
                                        "{call}: loss.backward() through this output gives {name} the gradient "
                                        "{got}, but σ(x·w + b) gives {want}: something between the layer and the "
                                        "output changes the gradients (a hook, a custom autograd.Function, a value "
                                        "detached and made to require grad again). Compute "
                                        "torch.sigmoid(self.linear(x)) and register no hooks.",
                                        call=text, name=name, got=np.round(have, 6).tolist(),
                                        want=np.round(want, 6).tolist()), "LogisticRegression.wrong_gradients")


def _check_model(student, n: int, w, b, X, gradients: bool = True) -> None:
    model, data = _make_model(student, n)
    _check_forward(model, _layer(data, n), w, b, X, f"LogisticRegression({n})", gradients)


@problem("LogisticRegression", points=0.5)
@spec("LogisticRegression.one_linear_layer", "LogisticRegression.only_linear_parameters")
def test_logreg_has_one_linear_layer(student, reference):
    """LogisticRegression(3) holds exactly one nn.Linear(3, 1) as self.linear: weight (1, 3), bias (1,)"""
    X, _ = _random_case(5201, 4, 3)
    _check_model(student, 3, [[0.5, -1.0, 2.0]], [0.25], X)


@problem("LogisticRegression", points=0.5)
@spec("LogisticRegression.forward_probabilities")
def test_logreg_forward_on_credit_data(student, reference):
    """LogisticRegression(2) with weight [[0.6, 1.1]] and bias [−2.7] on 10 customers of the credit data: p = σ(x·w + b)"""
    X, _ = _rows("train", 10)
    _check_model(student, 2, LECTURE_W, LECTURE_B, X)


@problem("LogisticRegression", points=0.5)
@spec("LogisticRegression.forward_probabilities")
def test_logreg_forward_random(student, reference):
    """LogisticRegression(5) with random weights on 7 examples: probabilities of shape (7, 1)"""
    rng = np.random.default_rng(5202)
    _check_model(student, 5, rng.normal(size=(1, 5)), rng.normal(size=1), rng.normal(size=(7, 5)))


@problem("LogisticRegression", points=0.5)
@spec("LogisticRegression.finite_large_scores")
def test_logreg_forward_extreme_scores(student, reference):
    """LogisticRegression(1) at scores z = −100, −20, 0, 20, 100: finite probabilities 0 … 0.5 … 1, never nan"""
    _check_model(student, 1, [[1.0]], [0.0], np.array([[-100.0], [-20.0], [0.0], [20.0], [100.0]]), gradients=False)


@problem("LogisticRegression", points=0.5)
@spec("LogisticRegression.forward_keeps_graph", "LogisticRegression.forward_probabilities")
def test_logreg_one_example_keeps_the_graph(student, reference):
    """LogisticRegression(4) and LogisticRegression(1) on a single example (m = 1) give shape (1, 1), attached to the graph (requires_grad=True)"""
    _check_model(student, 4, [[0.1, -0.2, 0.3, -0.4]], [0.5], np.array([[1.0, 2.0, 3.0, 4.0]]))
    _check_model(student, 1, [[-0.5]], [0.3], np.array([[2.0]]))


@problem("LogisticRegression", points=0.5)
@spec("LogisticRegression.random_start")
def test_logreg_initial_weights_come_from_torch_manual_seed(student, reference):
    """LogisticRegression(4) made twice after torch.manual_seed(0) has the same initial weights both times (nn.Linear's own initialisation), other weights after torch.manual_seed(1)"""
    weights = []
    for seed in (0, 0, 1):
        student.manual_seed(seed)
        _, data = _make_model(student, 4)
        layer = _layer(data, 4)
        weights.append(np.concatenate([data.parameters[layer.weight].array.ravel(),
                                       data.parameters[layer.bias].array.ravel()]))
    if not np.array_equal(weights[0], weights[1]):
        raise checks.WrongValue(say("05_torch_logreg.init_not_deterministic",
                                    "LogisticRegression(4) made twice after torch.manual_seed(0) got different "
                                    "initial weights ({first} and {second}): its weights must come from torch's "
                                    "random generator (keep nn.Linear's own initialisation; numpy's np.random is not "
                                    "seeded by torch.manual_seed).",
                                    first=np.round(weights[0], 4).tolist(), second=np.round(weights[1], 4).tolist()),
                                "LogisticRegression.not_deterministic")
    if np.array_equal(weights[0], weights[2]):
        raise checks.WrongValue(say("05_torch_logreg.fixed_initialisation",
                                    "LogisticRegression(4) has the same initial weights after torch.manual_seed(0) "
                                    "and torch.manual_seed(1) ({weights}): keep nn.Linear's own random "
                                    "initialisation instead of fixed starting values.",
                                    weights=np.round(weights[0], 4).tolist()),
                                "LogisticRegression.fixed_initialisation")
    X, _ = _random_case(5203, 3, 4)
    _check_model(student, 4, [[0.3, 0.2, -0.1, 0.0]], [-0.2], X)


# ================================================================ train

@dataclass(frozen=True, eq=False)
class Run:
    """One call of train(model, X, y, **options) from the weights (w, b)."""
    X: np.ndarray
    y: np.ndarray
    w: list
    b: list
    options: tuple[tuple[str, float], ...]   # the keyword arguments given, e.g. (("lr", 0.5), ("epochs", 3))

    @property
    def lr(self) -> float:
        return dict(self.options).get("lr", 0.1)

    @property
    def epochs(self) -> int:
        return int(dict(self.options).get("epochs", 100))

    @property
    def y_tensor(self) -> TensorData:
        return tensor(np.reshape(self.y, (-1, 1)))

    def key(self) -> tuple:
        return (self.X.shape, self.X.tobytes(), np.asarray(self.y).tobytes(), str(self.w), str(self.b), self.options)

    def text(self) -> str:
        shown = "".join(f", {k}={v}" for k, v in self.options)
        return say("05_torch_logreg.train_call", "train(model, X={X}, y={y}{options}) from weight {w}, bias {b}",
                   X=checks.describe(tensor(self.X)), y=checks.describe(self.y_tensor), options=shown,
                   w=np.round(np.asarray(self.w), 4).tolist(), b=np.round(np.asarray(self.b), 4).tolist())


def _replay(run: Run, mistake: str = "", lr: float | None = None):
    """Full-batch training in float64, the right way or with one ``mistake``: (losses, weight (1, n), bias (1,))."""
    X, y = _float32(run.X), _float32(run.y)
    w, b = np.array(run.w, dtype=np.float64).ravel(), float(np.ravel(run.b)[0])
    if mistake == "from_zero":
        w, b = np.zeros_like(w), 0.0
    lr = run.lr if lr is None else lr
    m = len(y)
    grads_w, grads_b = np.zeros_like(w), 0.0           # accumulated, without zero_grad
    moment = [np.zeros(w.size + 1), np.zeros(w.size + 1)]  # Adam's two moments

    def loss_and_dz(w, b):
        p = _sigmoid(X @ w + b)
        if mistake == "mse":
            return np.mean((p - y) ** 2), 2 * (p - y) * p * (1 - p) / m
        q = _sigmoid(p) if mistake == "sigmoid_twice" else p
        with np.errstate(divide="ignore"):  # log(0) = −inf, clamped at −100 as nn.BCELoss does
            bce = -np.mean(y * np.maximum(np.log(q), -100) + (1 - y) * np.maximum(np.log(1 - q), -100))
        dz = (q - y) / m * (p * (1 - p) if mistake == "sigmoid_twice" else 1)
        return (bce * m, dz * m) if mistake == "summed" else (bce, dz)

    losses = []
    for step in range(1, run.epochs + 1):
        loss, dz = loss_and_dz(w, b)
        g_w, g_b = X.T @ dz, float(dz.sum())
        if mistake == "no_zero_grad":
            grads_w, grads_b = grads_w + g_w, grads_b + g_b
            g_w, g_b = grads_w, grads_b
        if mistake == "adam":
            g = np.append(g_w, g_b)
            moment = [0.9 * moment[0] + 0.1 * g, 0.999 * moment[1] + 0.001 * g ** 2]
            update = lr * (moment[0] / (1 - 0.9 ** step)) / (np.sqrt(moment[1] / (1 - 0.999 ** step)) + 1e-8)
            w, b = w - update[:-1], b - update[-1]
        else:
            sign = -1 if mistake == "ascent" else 1
            w, b = w - sign * lr * g_w, b - sign * lr * g_b
        losses.append(loss_and_dz(w, b)[0] if mistake == "loss_after_step" else loss)
    return losses, w.reshape(1, -1), np.array([b])


def _train_mistakes(run: Run) -> list[tuple[str, tuple, str]]:
    """(code, replayed result, message) of each mistake that changes this run's result."""
    found = [
        ("train.no_zero_grad", _replay(run, "no_zero_grad"), say(
            "05_torch_logreg.train_no_zero_grad",
            "the gradients accumulate from epoch to epoch: call optimizer.zero_grad() at the start of every epoch "
            "(loss.backward() adds to .grad, it does not replace it)")),
        ("train.mse", _replay(run, "mse"), say(
            "05_torch_logreg.train_mse",
            "this is gradient descent on the mean squared error: train on the binary cross-entropy, nn.BCELoss() "
            "(or F.binary_cross_entropy), the loss for probabilities")),
        ("train.sigmoid_twice", _replay(run, "sigmoid_twice"), say(
            "05_torch_logreg.train_sigmoid_twice",
            "BCEWithLogitsLoss applies the sigmoid itself, and the model already returns probabilities: the sigmoid "
            "is applied twice; use nn.BCELoss()")),
        ("train.adam", _replay(run, "adam"), say(
            "05_torch_logreg.train_adam",
            "every weight moved by about lr in the first step, as Adam does: use plain gradient descent, "
            "torch.optim.SGD(model.parameters(), lr=lr)")),
        ("train.summed", _replay(run, "summed"), say(
            "05_torch_logreg.train_summed",
            "the loss is summed over the examples: average it (BCELoss's default reduction='mean'), so that lr means "
            "the same for any number of examples")),
        ("train.ascent", _replay(run, "ascent"), say(
            "05_torch_logreg.train_ascent",
            "the weights moved uphill: gradient descent subtracts the gradient, w ← w − lr·∂L/∂w (optimizer.step() "
            "does it)")),
        ("train.loss_after_step", _replay(run, "loss_after_step"), say(
            "05_torch_logreg.train_loss_after_step",
            "losses[k] is the loss after step k: append loss.item() of the forward pass before optimizer.step(), so "
            "that losses[0] is the loss of the weights train was given")),
        ("train.reinitialised", _replay(run, "from_zero"), say(
            "05_torch_logreg.train_reinitialised",
            "train started from other weights than the model's own: train the model you are given, from its weights "
            "as they are (do not re-create or re-initialise it)")),
    ]
    if run.lr != 0.1:
        found.append(("train.ignores_lr", _replay(run, lr=0.1), say(
            "05_torch_logreg.train_ignores_lr",
            "these are the steps of lr = 0.1, not of lr = {lr:g}: use the lr argument, "
            "torch.optim.SGD(model.parameters(), lr=lr)", lr=run.lr)))
    return found


_EXPECTED: dict[tuple, tuple] = {}  # the same for every student: computed once per grading run


def _expected(reference, run: Run) -> tuple[list[float], np.ndarray, np.ndarray]:
    """The reference's losses and final weights, on float32 tensors like the student's."""
    key = (id(reference), run.key())
    if key not in _EXPECTED:
        _EXPECTED[key] = _reference_training(reference, run)
    return _EXPECTED[key]


def _reference_training(reference, run: Run) -> tuple[list[float], np.ndarray, np.ndarray]:
    X, y = reference.to_tensors(run.X, run.y)
    model = reference.LogisticRegression(X.shape[1])
    with torch.no_grad():
        model.linear.weight.copy_(torch.tensor(run.w, dtype=torch.float32))
        model.linear.bias.copy_(torch.tensor(run.b, dtype=torch.float32))
    losses = reference.train(model, X, y, **dict(run.options))
    return losses, model.linear.weight.detach().numpy().astype(np.float64), model.linear.bias.detach().numpy().astype(np.float64)


def _train(student, run: Run):
    """Train a known-good model in the sandbox: the returned losses and the model after training.

    The known-good model keeps train's grading apart from the student's own ``LogisticRegression``; no
    other function of the student's is involved (the tensors are made here, not by their ``to_tensors``).
    """
    model = student.make("logistic_model", weight=np.asarray(run.w, dtype=float).tolist(),
                         bias=np.asarray(run.b, dtype=float).tolist())
    call = student.call("train", model, tensor(run.X), run.y_tensor, **dict(run.options))
    checks.check_not_mutated(run.text(), call, ["X", "y"])
    return call.value, model


def _check_train(student, reference, run: Run, rtol: float = STEP_RTOL, atol: float = STEP_ATOL):
    """Train a known-good model, check the losses and the weights train left in it; return both."""
    losses, model = _train(student, run)
    return _check_training(reference, run, losses, model.read(), rtol, atol)


def _check_training(reference, run: Run, losses, data: ModuleData, rtol: float, atol: float):
    """Check train's losses, then the model's weights after it (``data``); return both."""
    text = run.text()
    want_losses, want_w, want_b = _expected(reference, run)
    mistakes = functools.cache(lambda: _train_mistakes(run))
    checks.check_float_list(text, losses, want_losses, rtol=rtol, atol=atol, name="losses", item_hint=TENSOR_ITEM_HINT,
                            nonfinite_hint=LOSS_NAN_HINT,
                            diagnoses=lambda: [like(r[0], message, code=code) for code, r, message in mistakes()])
    for name, want, index in (("weight", want_w, 1), ("bias", want_b, 2)):
        checks.check_tensor(say("05_torch_logreg.parameter_after", "model.linear.{name} after {call}",
                                name=name, call=text), data.parameters[f"linear.{name}"], want,
                            rtol=rtol, atol=atol,
                            diagnoses=lambda index=index: [like(r[index], message, code=code)
                                                           for code, r, message in mistakes()])
    return losses, data


def _run(X, y, w, b, **options) -> Run:
    return Run(np.asarray(X), np.asarray(y), np.asarray(w, dtype=float).tolist(), np.asarray(b, dtype=float).tolist(),
               tuple(options.items()))


@problem("train", points=0.5)
@spec("train.epoch_steps", "train.returns_float_list", "train.any_model", "train.in_place_inputs_unchanged")
def test_train_one_step(student, reference):
    """train for one epoch on 8 customers, and for two on a single customer (m = 1): the loss of the given weights, and SGD steps on the mean BCE"""
    _check_train(student, reference, _run(*_rows("train", 8), [[0.2, -0.3]], [0.1], lr=0.1, epochs=1))
    X, y = _rows("test", 3)
    _check_train(student, reference, _run(X[2:3], y[2:3], [[0.4, 0.7]], [-1.0], lr=0.5, epochs=2))


@problem("train", points=0.5)
@spec("train.epoch_steps")
def test_train_three_steps_zero_grad(student, reference):
    """train for 3 epochs at lr = 0.5: every step uses only its own gradient (optimizer.zero_grad() each epoch)"""
    _check_train(student, reference, _run(*_rows("train", 12), [[0.5, 0.5]], [-1.0], lr=0.5, epochs=3))


@problem("train", points=0.5)
@spec("train.sgd_lr")
def test_train_uses_the_learning_rate(student, reference):
    """train for 2 epochs at lr = 0.05 and at lr = 1.0 on random data with 3 features: each step is lr · gradient"""
    X, y = _random_case(5301, 10, 3)
    _check_train(student, reference, _run(X, y, [[0.1, -0.2, 0.3]], [0.0], lr=0.05, epochs=2))
    _check_train(student, reference, _run(X, y, [[0.1, -0.2, 0.3]], [0.0], lr=1.0, epochs=2))


@problem("train", points=0.5)
@spec("train.loss_before_step", "train.returns_float_list")
def test_train_loss_before_each_step(student, reference):
    """train for 5 epochs on random data (9 examples, 4 features): losses[k] is the loss before step k"""
    X, y = _random_case(5302, 9, 4)
    _check_train(student, reference, _run(X, y, [[1.0, -1.0, 0.5, 0.0]], [0.3], lr=0.3, epochs=5))


@problem("train", points=0.5)
@spec("train.defaults")
def test_train_default_arguments(student, reference):
    """train(model, X, y) uses the defaults lr = 0.1 and epochs = 100: 100 losses"""
    X, y = _random_case(5303, 20, 2)
    _check_train(student, reference, _run(X, y, [[0.0, 0.0]], [0.0]), rtol=LONG_RTOL, atol=LONG_ATOL)


CREDIT_RUN = _run(*_credit("train"), [[0.0, 0.0]], [0.0], lr=1.0, epochs=100)


@problem("train", points=0.5)
@spec("train.epoch_steps", "train.in_place_inputs_unchanged")
def test_train_credit_data_from_zero(student, reference):
    """train on the credit data from zero weights (lr = 1.0, 100 epochs): the losses from ln 2 ≈ 0.693 down, and weights that predict the test data as the reference's do (84 of 100 customers)"""
    losses, model = _train(student, CREDIT_RUN)
    _, data = _check_training(reference, CREDIT_RUN, losses, model.read(), LONG_RTOL, LONG_ATOL)
    X_test, y_test = reference.to_tensors(*_credit("test"))

    def test_accuracy(weight, bias) -> float:
        model = reference.LogisticRegression(2)
        with torch.no_grad():
            model.linear.weight.copy_(torch.as_tensor(weight))
            model.linear.bias.copy_(torch.as_tensor(bias))
        return reference.accuracy(reference.predict(model, X_test), y_test)

    _, want_w, want_b = _expected(reference, CREDIT_RUN)
    got = test_accuracy(data.parameters["linear.weight"].array, data.parameters["linear.bias"].array)
    want = test_accuracy(want_w.astype(np.float32), want_b.astype(np.float32))
    if abs(got - want) > 0.011:
        raise checks.WrongValue(say("05_torch_logreg.train_test_accuracy",
                                    "the weights after {call} classify {got:.0%} of the test customers correctly; "
                                    "the reference's reach {want:.0%}.", call=CREDIT_RUN.text(), got=got, want=want),
                                "train.test_accuracy")


# A start at a minimum: p = 0.5 for every example and the gradient exactly 0 (each x comes with both labels).
AT_A_MINIMUM = _run([[1.0, 2.0], [1.0, 2.0], [-1.0, -2.0], [-1.0, -2.0]], [1.0, 0.0, 1.0, 0.0], [[0.0, 0.0]], [0.0],
                    lr=0.5, epochs=3)
# A gradient whose components cancel: swapping the two features swaps the labels, so every step has
# ∂J/∂w₁ = −∂J/∂w₂ and ∂J/∂b = 0 (their sum is 0), while the loss goes down.
CANCELLING = _run([[1.0, 0.0], [0.0, 1.0], [2.0, 0.0], [0.0, 2.0]], [1.0, 0.0, 1.0, 0.0], [[0.0, 0.0]], [0.0],
                  lr=0.5, epochs=3)
NO_EPOCHS = _run(*_rows("train", 5), [[0.3, -0.2]], [0.1], lr=0.1, epochs=0)


@problem("train", points=0.5)
@spec("train.exactly_epochs", "train.inputs")
def test_train_runs_every_epoch(student, reference):
    """train makes exactly `epochs` steps: none for epochs = 0, and all 3 where the gradient's components sum to 0 and from a minimum (zero gradient, a flat loss)"""
    for run, why in ((NO_EPOCHS, ""),
                     (CANCELLING, say("05_torch_logreg.why_cancelling",
                                      "here the gradient's components cancel: they sum to 0 at every step")),
                     (AT_A_MINIMUM, say("05_torch_logreg.why_minimum",
                                        "here the start is a minimum: the gradient is 0 and the loss stays at ln 2"))):
        losses, model = _train(student, run)
        if isinstance(losses, list) and len(losses) != run.epochs:
            if run.epochs == 0:
                raise checks.WrongShape(say("05_torch_logreg.train_steps_when_zero",
                                            "{call} returned {n} losses; with epochs=0 it makes no step and returns "
                                            "an empty list: loop `for _ in range(epochs):`, checking the count "
                                            "before each step.", call=run.text(), n=len(losses)),
                                        "train.steps_when_zero")
            if len(losses) < run.epochs:
                raise checks.WrongShape(say("05_torch_logreg.train_stops_early",
                                            "{call} stopped after {n} of {epochs} epochs ({why}): make exactly "
                                            "`epochs` steps, without stopping early on a small gradient, a gradient "
                                            "sum near 0 or a loss that stops changing.",
                                            call=run.text(), n=len(losses), epochs=run.epochs, why=why),
                                        "train.stops_early")
        _check_training(reference, run, losses, model.read(), STEP_RTOL, STEP_ATOL)


@problem("train", points=0.5)
@spec("train.deterministic", "train.in_place_inputs_unchanged")
def test_train_starts_from_the_model_and_is_deterministic(student, reference):
    """train trains the model it is given, from its weights, and gives the same losses twice after torch.manual_seed(0)"""
    run = _run(*_rows("test", 15), [[-0.4, 0.9]], [-1.5], lr=0.2, epochs=4)
    results = []
    for _ in range(2):
        student.manual_seed(0)
        losses, model = _train(student, run)
        results.append((losses, model.read()))
    floats = all(isinstance(r[0], list) and all(type(v) is float for v in r[0]) for r in results)
    if floats and results[0][0] != results[1][0]:
        raise checks.WrongValue(say("05_torch_logreg.train_not_deterministic",
                                    "{call} gave different losses in two runs after torch.manual_seed(0) ({first} … "
                                    "and {second} …): train must not draw random numbers from numpy or Python's "
                                    "random module, and uses all the examples in every epoch (full-batch gradient "
                                    "descent).", call=run.text(), first=results[0][0][:2], second=results[1][0][:2]),
                                "train.not_deterministic")
    want_losses, _, _ = _expected(reference, run)
    checks.check_float_list(run.text(), results[0][0], want_losses, rtol=STEP_RTOL, atol=STEP_ATOL, name="losses",
                            item_hint=TENSOR_ITEM_HINT, nonfinite_hint=LOSS_NAN_HINT, diagnoses=lambda: [
                                like(r[0], message, code=code) for code, r, message in _train_mistakes(run)])
    for data in (r[1] for r in results):
        checks.check_tensor(say("05_torch_logreg.parameter_after", "model.linear.{name} after {call}",
                                name="weight", call=run.text()), data.parameters["linear.weight"],
                            _expected(reference, run)[1], rtol=STEP_RTOL, atol=STEP_ATOL)


# ================================================================ predict

def _predict_mistakes(p, threshold):
    return [like(p, say("05_torch_logreg.predict_probabilities",
                        "predict returned the probabilities: turn them into labels, (p > threshold).float()"),
                 code="predict.probabilities"),
            like((p >= threshold).astype(float), say("05_torch_logreg.predict_greater_equal",
                                                     "a probability exactly at the threshold gives 1: the lecture "
                                                     "says above 0.5, so compare with >, not >="),
                 code="predict.greater_equal"),
            like((p > 0.5).astype(float), say("05_torch_logreg.predict_ignores_threshold",
                                              "these are the labels for threshold 0.5, not {threshold:g}: use the "
                                              "threshold argument", threshold=threshold),
                 code="predict.ignores_threshold")]


def _check_predict(student, w, b, X, *threshold: float, eval_first: bool = False):
    """predict(model, X[, threshold]) on a known-good model; returns the model's forward log and its mode after."""
    model = student.make("logistic_model", weight=w, bias=b)
    if eval_first:
        model.eval()
    text = call_text("predict", model, tensor(X), *threshold, names=("model", "X", "threshold"))
    call = student.call("predict", model, tensor(X), *threshold)
    checks.check_not_mutated(text, call, ["X"])
    got = call.value
    p = _sigmoid(_float32(X) @ _float32(w).T + _float32(b))
    t = threshold[0] if threshold else 0.5
    _check_batch_axis(text, got, p.shape, "predict.shape.batch_of_one")
    checks.check_tensor(text, got, (p > t).astype(float), rtol=0, atol=0, requires_grad=False, where=_at_row,
                        diagnoses=lambda: _predict_mistakes(p, t))
    data = model.read()
    for name, want in (("weight", w), ("bias", b)):
        have = data.parameters[f"linear.{name}"].array
        if not np.array_equal(have, _float32(want).reshape(have.shape)):
            raise checks.WrongValue(say("05_torch_logreg.predict_changes_model",
                                        "{call} changed the model's {name} from {before} to {after}: predict only "
                                        "reads the model; compare the probabilities with the threshold instead of "
                                        "moving the bias (or any parameter), and leave the parameters as they are.",
                                        call=text, name=name, before=_float32(want).tolist(),
                                        after=np.asarray(have, dtype=np.float64).tolist()), "predict.changes_model")
    return text, model.forward_log(), data.training


@problem("predict", points=0.5)
@spec("predict.threshold_default", "predict.float32_column", "predict.model_and_X_unchanged")
def test_predict_credit_customers(student, reference):
    """predict on 12 customers of the credit test data with weight [[0.6, 1.1]], bias [−2.7], and on one customer (m = 1): 1.0 (defaulter) where p > 0.5, else 0.0, shape (m, 1)"""
    X = _rows("test", 12)[0]
    _check_predict(student, LECTURE_W, LECTURE_B, X)
    defaulter = int(np.argmax(X @ np.ravel(LECTURE_W)))            # a single customer predicted 1.0
    _check_predict(student, LECTURE_W, LECTURE_B, X[defaulter:defaulter + 1])


@problem("predict", points=0.5)
@spec("predict.above_threshold", "predict.float32_column")
def test_predict_uses_the_threshold(student, reference):
    """predict with threshold 0.3 and 0.8 on random data, and with threshold 0.9 on one example with one feature (p = 0.75): 1.0 exactly where p > threshold"""
    rng = np.random.default_rng(5401)
    X, w = rng.normal(size=(11, 3)), rng.normal(size=(1, 3)).tolist()
    _check_predict(student, w, [0.2], X, 0.3)
    _check_predict(student, w, [0.2], X, 0.8)
    one = np.array([[np.log(3.0)]])                                 # z = ln 3: p = 0.75
    _check_predict(student, [[1.0]], [0.0], one, 0.9)


@problem("predict", points=0.5)
@spec("predict.above_threshold")
def test_predict_exactly_at_the_threshold(student, reference):
    """predict where p is exactly 0.5 (score z = 0) gives 0.0: strictly above the threshold is 1.0"""
    X = np.array([[2.0, 2.0], [3.0, 1.0], [1.0, 3.0], [-1.0, -1.0], [0.5, 0.5]])
    _check_predict(student, [[1.0, -1.0]], [0.0], X)
    _check_predict(student, [[1.0, 1.0]], [-4.0], X, 0.5)


@problem("predict", points=0.5)
@spec("predict.no_grad_eval_mode")
def test_predict_without_a_graph_in_eval_mode(student, reference):
    """predict runs the model under torch.no_grad() in eval mode, and leaves the model in the mode it found it in"""
    X = _rows("train", 6)[0]
    for eval_first in (False, True):
        text, log, training_after = _check_predict(student, LECTURE_W, LECTURE_B, X, eval_first=eval_first)
        if not log:
            raise checks.WrongValue(say("05_torch_logreg.predict_no_forward",
                                        "{call} never called the model: compute the probabilities with model(X).",
                                        call=text), "predict.no_forward")
        if any(entry["grad_enabled"] for entry in log):
            raise checks.GradientLeaked(say("05_torch_logreg.predict_builds_graph",
                                            "{call} called the model with autograd recording: the forward pass "
                                            "built a computation graph nobody needs. Run it inside "
                                            "`with torch.no_grad():`.", call=text), "predict.builds_graph")
        if any(entry["training"] for entry in log):
            raise checks.WrongValue(say("05_torch_logreg.predict_not_eval_mode",
                                        "{call} called the model in training mode: call model.eval() before the "
                                        "forward pass (layers such as dropout and batch norm behave differently in "
                                        "eval mode).", call=text), "predict.not_eval_mode")
        if training_after == eval_first:
            found, left = ("eval", "training") if eval_first else ("training", "eval")
            raise checks.WrongValue(say("05_torch_logreg.predict_mode_not_restored",
                                        "{call} found the model in {found} mode and left it in {left} mode: "
                                        "remember was_training = model.training before model.eval(), and restore it "
                                        "afterwards with model.train(was_training).",
                                        call=text, found=found, left=left), "predict.mode_not_restored")


# ================================================================ accuracy

def _labels(values) -> np.ndarray:
    return np.asarray(values, dtype=np.float32)


def _check_accuracy(student, y_pred, y_true):
    y_pred, y_true = _labels(y_pred), _labels(y_true)
    text = call_text("accuracy", tensor(y_pred), tensor(y_true), names=("y_pred", "y_true"))
    want = float(np.mean(y_pred.ravel() == y_true.ravel()))
    broadcast = float(np.mean(y_pred.reshape(-1, 1) == y_true.reshape(1, -1)))

    def mistakes():
        m = len(y_pred)
        return [like(broadcast, say("05_torch_logreg.accuracy_broadcast",
                                    "comparing a column of shape ({m}, 1) with a tensor of shape ({m},) broadcasts "
                                    "to a ({m}, {m}) table of every pair: flatten both first, "
                                    "y_pred.reshape(-1) == y_true.reshape(-1)", m=m), code="accuracy.broadcast"),
                like(100 * want, say("05_torch_logreg.accuracy_percentage",
                                     "a percentage: return the share in [0, 1], correct / m"),
                     code="accuracy.percentage"),
                like(float(np.sum(y_pred.ravel() == y_true.ravel())),
                     say("05_torch_logreg.accuracy_count",
                         "the number of correct predictions: divide by the number of examples"),
                     code="accuracy.count")]
    call = student.call("accuracy", tensor(y_pred), tensor(y_true))
    checks.check_not_mutated(text, call, ["y_pred", "y_true"])
    checks.check_scalar(text, call.value, want, diagnoses=mistakes)


@problem("accuracy", points=0.5)
@spec("accuracy.share_python_float", "accuracy.inputs_unchanged")
def test_accuracy_column_tensors(student, reference):
    """accuracy of (8, 1) predictions against (8, 1) labels with 6 right: 0.75, a Python float"""
    _check_accuracy(student, [[1], [0], [1], [1], [0], [0], [1], [0]], [[1], [0], [0], [1], [0], [1], [1], [0]])


@problem("accuracy", points=0.5)
@spec("accuracy.flat_or_column")
def test_accuracy_column_against_flat(student, reference):
    """accuracy of (6, 1) predictions against (6,) labels (as predict and the raw labels come): compared element by element, not broadcast to (6, 6)"""
    _check_accuracy(student, [[1], [1], [0], [1], [0], [0]], [1, 0, 0, 1, 1, 0])
    _check_accuracy(student, [0, 1, 1, 0, 1], [[0], [1], [0], [0], [1]])


@problem("accuracy", points=0.5)
@spec("accuracy.share_python_float", "accuracy.flat_or_column")
def test_accuracy_flat_all_and_none(student, reference):
    """accuracy of (5,) tensors: 0.4; every prediction right: 1.0; none right: 0.0; a single example (m = 1), right: 1.0, wrong: 0.0"""
    _check_accuracy(student, [1, 0, 1, 1, 0], [1, 1, 0, 1, 1])
    _check_accuracy(student, [[1], [0], [0]], [[1], [0], [0]])
    _check_accuracy(student, [1, 0, 1, 0], [0, 1, 0, 1])
    _check_accuracy(student, [[1]], [1])
    _check_accuracy(student, [0], [[1]])


@problem("accuracy", points=0.5)
@spec("accuracy.share_python_float", "accuracy.inputs_unchanged")
def test_accuracy_of_credit_predictions(student, reference):
    """accuracy of the predictions of weight [[0.6, 1.1]], bias [−2.7] on the 100 test customers"""
    X, y = _credit("test")
    p = _sigmoid(_float32(X) @ _float32(LECTURE_W).T + _float32(LECTURE_B))
    _check_accuracy(student, (p > 0.5).astype(float), y.reshape(-1, 1))
