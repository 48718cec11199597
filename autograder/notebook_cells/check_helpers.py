#@title Check helpers: run this cell once; you need not read it (it is the code behind the ✔/✘ checks)
# Helpers for the check cells below (read-only).  They need nothing but NumPy
# (check_tensor reads whatever PyTorch returns without importing it).
#
# Each check cell runs its checks inside `with checks_for("name"):`; a passing
# check prints a ✔ line, a failing one prints a ✘ message saying what to change,
# and the notebook goes on (Run All reaches the end).  The line under each check
# cell reports whether its checks passed (nbgrader's Validate reads it), and the
# summary at the end counts them.
import inspect
import linecache
import os
import sys
import textwrap
import traceback
import warnings
from contextlib import contextmanager

import numpy as np

_outcomes = {}  # function name -> "passed", "unwritten" or the ✘ text its check cell printed
_HELPERS = (lambda: None).__code__.co_filename  # this cell: its frames are never shown to you


@contextmanager
def checks_for(name):
    """Run the visible checks of `name`: a failure prints its ✘ lines, remembers them, and lets the notebook go on."""
    _outcomes[name] = None
    try:
        yield
    except Exception as err:  # your code's failure, said in a line or two; never a traceback of these helpers
        unwritten = _unwritten(name, err)
        _outcomes[name] = ("unwritten", unwritten) if unwritten else ("failed", _failure_text(name, err))
        print(_outcomes[name][1])
    else:
        _outcomes[name] = ("passed", "")


@contextmanager
def demo():
    """Run a demo cell; a function it needs that is not written yet (or fails) is said in one line."""
    try:
        yield
    except Exception as err:  # noqa: BLE001 - a demo never stops Run All
        frames = _your_frames(err.__traceback__)
        where = frames[-1][0] if frames else "your code"
        if isinstance(err, NotImplementedError):
            print(f"· This demo needs `{where}`, which is not written yet: it runs once `{where}` is.")
        else:
            print(f"✘ This demo stopped: `{where}` raised {type(err).__name__}: {err}. Its check cell above says more.")


def _your_frames(tb):
    """(function, line of its cell, source line) for each frame of your own code, innermost last.

    A method is named with its class (`MultiplyGate.forward`), so a class's own methods count as the class.
    """
    libraries = (sys.prefix, sys.base_prefix, sys.exec_prefix)
    frames = []
    for frame, line in list(traceback.walk_tb(tb))[1:]:  # the first is the cell that ran the check or demo: ours
        code = frame.f_code
        if code.co_filename == _HELPERS or code.co_filename.startswith(libraries) or "-packages" in code.co_filename:
            continue
        source = linecache.getline(code.co_filename, line, frame.f_globals).strip()
        frames.append((getattr(code, "co_qualname", code.co_name), line, source))
    return frames


def _where(err):
    """Where in your code the error happened: your own frames only, innermost last."""
    return "".join(f"\n    in `{function}`, line {line} of its cell: {source}" for function, line, source in
                   _your_frames(err.__traceback__)[-3:])


def _unwritten(name, err):
    """The one line for a function that still raises NotImplementedError (or calls one that does); else None."""
    if not isinstance(err, NotImplementedError):
        return None
    frames = _your_frames(err.__traceback__)
    raised_in = frames[-1][0] if frames else name
    if raised_in in (name, "<module>") or raised_in.startswith(f"{name}."):
        return f"✘ {name} is not written yet: replace raise NotImplementedError() with your code"
    return f"✘ {name} calls {raised_in}, which is not written yet: write {raised_in} first"


def _failure_text(name, err):
    """A check's own ✘ message as it is; any other error of your code with your frames and advice."""
    text = str(err).strip()
    if isinstance(err, AssertionError) and text.startswith("✘"):
        return text
    return f"✘ {name}: your code raised {type(err).__name__}: {text or '(no message)'}.{_where(err)}{_advice(text)}"


def _fail(name, message):
    raise AssertionError(f"✘ {name}: {message}")


def _describe(value):
    if hasattr(value, "shape") and type(value).__module__.split(".")[0] == "torch":
        return f"a tensor of shape {tuple(value.shape)}"
    if isinstance(value, np.ndarray):
        if value.ndim <= 1 and value.size <= 6:
            return np.array2string(value, separator=", ")
        return f"an array of shape {value.shape}"
    return repr(value) if len(repr(value)) <= 40 else f"a {type(value).__name__}"


_ONLY_SINGLE_NUMBERS = ("only length-1 arrays", "only size-1 arrays", "only 0-dimensional arrays",
                        "must be real number", "truth value of an array with more than one element is ambiguous",
                        "only integer scalar arrays")
_SHAPES_DO_NOT_FIT = ("could not be broadcast", "matmul", "not aligned", "shapes")
_NO_INVERSE = ("Singular matrix",)
_TORCH_ADVICE = [  # (part of PyTorch's message, what it usually means)
    ("must have the same dtype", " A float64 tensor met a float32 layer: PyTorch's layers are float32, so make tensors "
                                 "with dtype=torch.float32 (torch.from_numpy keeps numpy's float64)."),
    ("before Module.__init__() call", " Call super().__init__() as the first line of __init__."),
    ("target size", " The labels y must have the shape of the model's output, (m, 1): y.reshape(-1, 1)."),
    ("does not require grad", " The loss is cut off from the weights: no torch.no_grad(), .detach() or numpy between "
                              "the model's output and the loss."),
    ("Can't call numpy() on Tensor that requires grad", " Use .item() for one number, or .detach() first."),
]


def _name_of(function):
    """The name your notebook knows the function by."""
    for name, value in globals().items():
        if value is function and not name.startswith("_"):
            return name
    return getattr(function, "__name__", "your function")


def call(function, *args, **kwargs):
    """Call your function; if it raises (other than "not implemented yet"), say where and what that usually means."""
    try:
        return function(*args, **kwargs)
    except (NotImplementedError, FloatingPointError):
        raise
    except Exception as err:  # your function's error, turned into advice
        name = _name_of(function)
        shown = f"{name}({', '.join(_describe(a) for a in args)})"
        _fail(name, f"{shown} raised {type(err).__name__}: {err}.{_where(err)}{_advice(str(err))}")


def _advice(text):
    """What an error message of NumPy or PyTorch usually means in your code (empty when we do not know)."""
    if any(key in text for key in _ONLY_SINGLE_NUMBERS):
        return ("\nYour function only works on single numbers: use NumPy functions that work on whole arrays "
                "(np.exp, np.log, np.abs, np.maximum, np.where, np.clip), not math.exp / math.log or "
                "if/else on the values.")
    if any(key in text for key in _NO_INVERSE):
        return ("\nThe matrix has no inverse (a repeated feature, or more unknowns than examples): use "
                "np.linalg.lstsq or np.linalg.pinv, which work for every matrix.")
    for key, advice in _TORCH_ADVICE:
        if key in text:
            return "\n" + advice.strip()
    if any(key in text for key in _SHAPES_DO_NOT_FIT):
        return ("\nTwo arrays in your code have shapes that do not fit together: print their .shape and "
                "check the spec above (keepdims=True keeps a summed axis, X @ w needs X first).")
    return ""


def call_quietly(name, function, *args, **kwargs):
    """Call your function; fail if NumPy overflows, divides by zero or warns.

    Underflow (a tiny number rounding to 0) is fine.
    """
    trouble = None
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        with np.errstate(over="raise", divide="raise", invalid="raise", under="ignore"):
            try:
                return call(function, *args, **kwargs)
            except (FloatingPointError, RuntimeWarning) as err:
                trouble = err
    _fail(name, f"NumPy reported {trouble!r}. An intermediate value overflowed (e.g. np.exp of a large "
                "positive number) or was undefined (log(0), 0/0); see the notes on numerical stability.")


def check_true(name, condition, message):
    """Pass if `condition` is true; otherwise fail with `message`, which says what to fix."""
    if not condition:
        _fail(name, message)
    print(f"✔ {name}")


def _is_number(value):
    return (isinstance(value, (int, float, np.integer, np.floating))
            or (isinstance(value, np.ndarray) and value.ndim == 0)) and not isinstance(value, (bool, np.bool_))


def _numbers(name, got, expected):
    """`got` as float64 numbers shaped like `expected`, or a ✘ saying why it cannot be."""
    if got is None:
        _fail(name, "your function returned None. Did you forget the `return`?")
    if expected.ndim == 0:
        if not _is_number(got):
            _fail(name, f"expected a single number, got {_describe(got)} (a {type(got).__name__}). Return one "
                        "number, e.g. the mean over all elements (np.mean(...) with no axis).")
    elif not isinstance(got, np.ndarray):
        _fail(name, f"expected a NumPy array of shape {expected.shape}, got a {type(got).__name__}. Build the "
                    "result with NumPy operations (np.asarray, np.exp, @, ...), not lists, `math` or torch.")
    elif got.dtype.kind not in "biuf":
        _fail(name, f"expected numbers, got an array of dtype {got.dtype}.")
    got = np.asarray(got, dtype=np.float64)
    if got.shape != expected.shape:
        _fail(name, f"expected shape {expected.shape}, got shape {got.shape}. Return one value per input "
                    "value, in the same layout (no extra or missing dimensions).")
    return got


def check_close(name, got, expected, atol=1e-8, rtol=1e-7, mistakes=()):
    """Pass if `got` has the type and shape of `expected` and every value is within atol + rtol·|expected|.

    `mistakes`: (value, advice) pairs; when `got` is one of those values, the advice says what went wrong.
    """
    expected = np.asarray(expected, dtype=np.float64)
    got = _numbers(name, got, expected)
    if np.isnan(got).any() and not np.isnan(expected).any():
        _fail(name, f"the result contains nan (not a number): {_show(got)}. Somewhere inf/inf, 0·inf or "
                    "log(0)·0 was computed; see the notes on numerical stability.")
    wrong = ~np.isclose(got, expected, rtol=rtol, atol=atol, equal_nan=True)
    if wrong.any():
        message = f"expected {_show(expected)}, got {_show(got)}."
        if wrong.size > 1:
            first = tuple(int(i) for i in np.argwhere(wrong)[0])
            message += (f" {int(wrong.sum())} of {wrong.size} values are off; the first at index {first}: "
                        f"expected {expected[first]:.10g}, got {got[first]:.10g}.")
        for value, advice in mistakes:
            if np.allclose(got, np.asarray(value, dtype=np.float64), rtol=1e-6, atol=1e-9):
                message += f" {advice}"
                break
        _fail(name, message)
    print(f"✔ {name}")


def _show(values):
    return np.array2string(values, precision=8, threshold=10, separator=", ")


def check_array(name, got, shape, kind="float64", dtype_advice=None):
    """Pass if `got` is a NumPy array of this shape whose dtype is float64 (kind="float64") or an integer type."""
    if not isinstance(got, np.ndarray):
        _fail(name, f"expected a NumPy array, got a {type(got).__name__}. Build the result with NumPy "
                    "operations (np.asarray, np.exp, @, ...), not lists, `math` or torch.")
    if got.shape != tuple(shape):
        _fail(name, f"expected shape {tuple(shape)}, got shape {got.shape}.")
    if kind == "float64" and got.dtype != np.float64:
        _fail(name, f"expected dtype float64, got {got.dtype}. " + (dtype_advice or "Convert the input to float64 "
                    "first, e.g. with np.asarray(..., dtype=np.float64)."))
    if kind == "integer" and not np.issubdtype(got.dtype, np.integer):
        _fail(name, f"expected an integer dtype, got {got.dtype}. Convert 0/1 answers with .astype(int).")
    print(f"✔ {name}")


def check_tensor(name, got, shape, dtype="float32", requires_grad=None):
    """Pass if `got` is a torch tensor of this shape and dtype; return its values as a float64 NumPy array."""
    if type(got).__module__.split(".")[0] != "torch" or not hasattr(got, "detach"):
        _fail(name, f"expected a torch tensor of shape {tuple(shape)}, got {_describe(got)} (a {type(got).__name__}). "
                    "Make one with torch.tensor(..., dtype=torch.float32), or keep computing with torch operations.")
    if tuple(got.shape) != tuple(shape):
        advice = (" Make it a column with .reshape(-1, 1)." if len(shape) == 2 and tuple(got.shape) == (shape[0],)
                  else "")
        _fail(name, f"expected shape {tuple(shape)}, got shape {tuple(got.shape)}.{advice}")
    if str(got.dtype) != f"torch.{dtype}":
        _fail(name, f"expected dtype torch.{dtype}, got {got.dtype}. Pass dtype=torch.{dtype} when you make the "
                    f"tensor, or convert it (.float() gives float32).")
    if requires_grad is not None and bool(got.requires_grad) != requires_grad:
        _fail(name, "the result is still attached to the computation graph (requires_grad=True): compute it under "
                    "`with torch.no_grad():`." if got.requires_grad else
                    "the result is cut off from the computation graph (requires_grad=False), so no gradient can "
                    "reach the weights: no torch.no_grad(), .detach() or numpy inside it.")
    print(f"✔ {name}")
    return got.detach().numpy().astype(np.float64)


def check_tuple(name, got, names):
    """Pass if `got` is a tuple (or list) of len(names) items, e.g. names=("dw", "db"); return the items."""
    if not isinstance(got, (tuple, list)) or len(got) != len(names):
        _fail(name, f"expected {len(names)} results ({', '.join(names)}), got {_describe(got)}. "
                    f"End with `return {', '.join(names)}`.")
    print(f"✔ {name}")
    return tuple(got)


def check_float(name, got):
    """Pass if `got` is a single float64 number: a Python float, np.float64 or a 0-d float64 array."""
    if not (isinstance(got, float) or (isinstance(got, (np.floating, np.ndarray)) and got.dtype == np.float64
                                       and np.ndim(got) == 0)):
        _fail(name, f"expected a single float (a Python float or np.float64), got {_describe(got)} of type "
                    f"{type(got).__name__}{' ' + str(got.dtype) if hasattr(got, 'dtype') else ''}. "
                    "np.mean(...) of a float64 array gives one.")
    print(f"✔ {name}")


def check_between(name, got, low, high, advice):
    """Pass if `got` is a single finite number between `low` and `high`; otherwise fail with `advice`."""
    if not _is_number(got):
        _fail(name, f"expected a single number, got {_describe(got)} (a {type(got).__name__}).")
    if not (np.isfinite(got) and low <= got <= high):
        _fail(name, f"got {float(got)!r}, expected a finite number between {low:g} and {high:g}. {advice}")
    print(f"✔ {name}")


class VisibleChecksFailed(Exception):
    """Raised under nbgrader's Validate only, and shown as its ✘ lines alone (IPython's _render_traceback_)."""

    def _render_traceback_(self):
        return str(self).splitlines()


def report_visible_checks(name):
    """Below each check cell: whether the checks of `name` passed.

    In your own Jupyter or Colab it prints one line, so Run All goes on.  Under nbgrader's Validate it fails
    with the whole ✘ message, so Validate tells the truth.  While nbgrader grades the notebook it does nothing:
    the hidden tests decide.
    """
    mode = os.environ.get("NBGRADER_EXECUTION")
    if mode == "autograde":
        return
    kind, said = _outcomes.get(name) or (None, "")
    if kind == "passed":
        print(f"✔ `{name}` passes its visible checks. The hidden tests check more cases when your notebook "
              "is graded.")
        return
    if kind is None:
        said = f"✘ the visible checks of `{name}` have not run yet: run the check cell above."
    elif kind == "failed":
        said = f"✘ `{name}` does not pass its visible checks yet. The check cell above says:\n{said}"
    if mode == "validate":
        raise VisibleChecksFailed(_wrapped(said))
    print(said.splitlines()[0] if kind != "failed" else f"✘ `{name}` does not pass its visible checks yet (see above).")


# nbgrader 0.9.6's Validate cuts every line at 87 characters, its 4-space indent included (validator.py):
# each line of a ✘ message is wrapped to 83, so the whole message (a 2-D array, the advice) reaches it.
_LINE_WIDTH = 83


def _wrapped(text):
    lines = []
    for line in text.splitlines():
        indent = " " * (4 + len(line) - len(line.lstrip()))
        lines.append(textwrap.fill(line.strip(), _LINE_WIDTH, initial_indent=indent, subsequent_indent=indent,
                                   break_long_words=True, break_on_hyphens=False) if line.strip() else "")
    return "\n".join(lines)


@contextmanager
def standing_in(name, pairs, checking):
    """While the block runs, your `name` is replaced by a stand-in that knows only this check's values.

    `checking`: the function whose check this is; `pairs`: (arguments, result) for each call the check
    expects, `arguments` a tuple of positional arguments (a single one may be given bare).  A call with
    other arguments is a ✘ that says which.
    So a check of a function that calls `name` does not fail because of a mistake in your `name`: that
    one's own check cell tells you about it.
    """
    table = [(a if isinstance(a, tuple) else (a,), r) for a, r in pairs]

    def fits(got, want):
        got, want = np.asarray(got), np.asarray(want)
        if got.shape != want.shape or got.dtype.kind not in "biuf":
            return False
        return bool(np.allclose(got.astype(np.float64), want.astype(np.float64), rtol=1e-9, atol=1e-12))

    def stand_in(*args, **kwargs):
        if kwargs:  # e.g. predict_proba(X=X, w=w, b=b): in the order of your own function's parameters
            try:
                args = inspect.signature(saved).bind(*args, **kwargs).args
            except (TypeError, ValueError):
                args = args + tuple(kwargs.values())
        for arguments, result in table:
            if len(args) == len(arguments) and all(fits(g, w) for g, w in zip(args, arguments)):
                return tuple(_as_result(r) for r in result) if isinstance(result, tuple) else _as_result(result)
        shown = ", ".join(_describe(a) for a in args)
        _fail(checking, f"it called {name}({shown}), which this check did not expect: here {name} is replaced by "
                      f"a stand-in that only knows the values this check needs, so that a mistake in your {name} "
                      "does not fail this check too. Call it as the spec says, on the values it describes.")

    def _as_result(r):
        r = np.asarray(r, dtype=np.float64)
        return r.copy() if r.ndim else np.float64(r)

    saved = globals().get(name)
    globals()[name] = stand_in
    try:
        yield
    finally:
        globals()[name] = saved


def visible_checks_summary(names):
    """How many functions pass their visible checks (never a grade: the hidden tests check more)."""
    kinds = {n: (_outcomes.get(n) or (None, ""))[0] for n in names}
    print(f"{sum(k == 'passed' for k in kinds.values())} of {len(names)} functions pass their visible checks.")
    shown = {"passed": "✔ passes", None: "· not run yet", "unwritten": "· not written yet", "failed": "✘ fails"}
    for n in names:
        print(f"  {shown[kinds[n]]:18} {n}")
    print("The visible checks are a sanity test, not your grade: when your notebook is graded, hidden tests "
          "check each function on many more cases.")
