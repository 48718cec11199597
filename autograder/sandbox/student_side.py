"""What runs next to the student's code: load a notebook's cells, answer calls.

A ``Session`` owns the student's namespace.  It executes the code cells, then
serves requests (``call`` a function, ``new`` an object, ``method`` on an
object) and answers with plain data only (see ``wire``).  The same class runs
in the sandboxed child (``zygote``) and, for nbgrader's hidden test cells, in
the notebook's own kernel, so both paths see identical values.
"""
from __future__ import annotations

import io
import signal
import sys
import traceback
import warnings
from contextlib import contextmanager
from typing import Any, Callable, Iterator

import numpy as np

from . import measure, objects, wire

MAX_CAPTURED_OUTPUT = 10_000
STUDENT_FILENAME_PREFIX = "<cell "


class CappedText(io.TextIOBase):
    """A stdout replacement that keeps the first few KB and counts the rest."""

    def __init__(self, limit: int = MAX_CAPTURED_OUTPUT):
        self.limit, self.parts, self.size = limit, [], 0

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        text = str(text)
        if self.size < self.limit:
            self.parts.append(text[: self.limit - self.size])
        self.size += len(text)
        if self.size >= self.limit:  # full: from now on only count (a flood of prints then costs half as much)
            self.write = self._count  # type: ignore[method-assign]
        return len(text)

    def _count(self, text: str) -> int:
        n = len(text) if type(text) is str else len(str(text))
        self.size += n
        return n

    def take(self) -> str:
        out = "".join(self.parts)
        if self.size > self.limit:
            out += f"\n[... {self.size - self.limit} more characters of output cut]"
        self.parts, self.size = [], 0
        return out


class TimeLimitExceeded(BaseException):
    """Raised inside student code when one call or cell runs past its time limit.

    A BaseException, so a student's ``except Exception`` does not swallow it.
    """


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Interrupt the block after ``seconds`` (only in the sandboxed child; the kernel has its own)."""
    if not seconds:
        yield
        return

    def on_alarm(signum, frame):
        raise TimeLimitExceeded(f"did not finish within {seconds:g} s")
    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def student_frames(err: BaseException) -> list[traceback.FrameSummary]:
    """The traceback's frames in the student's own code (cells), outermost first."""
    return [f for f in traceback.extract_tb(err.__traceback__) if f.filename.startswith(STUDENT_FILENAME_PREFIX)]


def shown(value: Any) -> str:
    """``str(value)``, or what it is when its own ``__str__`` fails (student code may define one that raises)."""
    try:
        return str(value)
    except BaseException:  # noqa: BLE001 - whatever its __str__ raises
        return f"<a {type(value).__name__} whose message cannot be shown>"


def describe_error(err: BaseException) -> dict:
    """The error as data: type, message, the student's frames, and the function it was raised in."""
    frames = student_frames(err)
    return {"type": type(err).__name__, "message": shown(err)[:2000],
            "traceback": "".join(traceback.format_list(frames))[-4000:],
            "raised_in": frames[-1].name if frames else ""}


def strip_magics(source: str) -> str:
    """Turn IPython-only lines (%magic, !shell) into comments; they mean nothing here."""
    return "\n".join("# " + line if line.lstrip().startswith(("%", "!")) else line
                     for line in source.splitlines())


# The exceptions a call-back's refusal may raise in student code: ordinary ones, never a type of ours.
CALLBACK_ERRORS = {"ValueError": ValueError, "TypeError": TypeError, "RuntimeError": RuntimeError}


class Session:
    def __init__(self, namespace: dict | None = None, time_limit: float | None = None):
        self.namespace = namespace if namespace is not None else {"__name__": "__main__"}
        self.handles: dict[int, Any] = {}
        self.time_limit = time_limit
        self.callback: Callable[[dict], dict] | None = None  # sends a call-back to the grader, returns its reply
        self._recipes = dict(objects.RECIPES)  # bound now, before student code runs: rebinding RECIPES changes nothing
        self._forward_logs: dict[int, list[dict]] = {}  # handle -> what its known-good model's forward passes saw
        measure.bind_torch()

    # -------------------------------------------------------------- loading
    def load(self, cells: list[str]) -> dict:
        """Run each cell in turn; an error stops that cell only, as in Jupyter with allow_errors."""
        errors, out = [], CappedText()
        for index, source in enumerate(cells):
            filename = f"{STUDENT_FILENAME_PREFIX}{index}>"
            try:
                code = compile(strip_magics(source), filename, "exec")
                with _captured(out), warnings.catch_warnings(), time_limit(self.time_limit):
                    warnings.simplefilter("ignore")
                    exec(code, self.namespace)
            except BaseException as err:  # noqa: BLE001 - student code may raise anything, even SystemExit
                errors.append({"cell": index, **describe_error(err)})
        return {"errors": errors, "stdout": out.take()}

    # -------------------------------------------------------------- calls
    def handle(self, request: dict) -> dict:
        """Answer one request; student exceptions become data, never propagate.

        The names in ``request["stand_ins"]`` are replaced by call-back stubs for this request only.
        """
        names = [str(n) for n in request.get("stand_ins", [])]
        missing = object()
        saved = {name: self.namespace.get(name, missing) for name in names}
        for name in names:
            self.namespace[name] = self._stub("stand_in", name, name)
        try:
            return self._handle(request)
        finally:
            for name, value in saved.items():
                if value is missing:
                    self.namespace.pop(name, None)
                else:
                    self.namespace[name] = value

    def _handle(self, request: dict) -> dict:
        kind = request.get("op")
        args = wire.decode(request.get("args", []), resolve=self._resolve)
        kwargs = wire.decode(request.get("kwargs", {"__dict__": []}), resolve=self._resolve)
        if kind == "call":
            target = self.namespace.get(request["name"])
            if target is None:
                return {"missing": request["name"]}
        elif kind == "method":
            obj = self.handles.get(int(request["handle"]))
            target = getattr(obj, request["name"], None)
            if target is None:
                return {"missing": f"{type(obj).__name__}.{request['name']}"}
        elif kind == "getattr":
            obj = self.handles.get(int(request["handle"]))
            return self._answer(lambda: getattr(obj, request["name"]), (), {})
        elif kind == "make":
            return self._make(str(request["name"]), wire.decode(request.get("params", {"__dict__": []})))
        elif kind == "forward_log":
            return {"value": wire.encode([dict(entry) for entry in self._forward_logs.get(int(request["handle"]), [])])}
        elif kind == "gradients":
            module = self.handles.get(int(request["handle"]))
            return self._answer(lambda: self._gradients(module, args[0]), (), {})
        elif kind == "read":
            obj = self.handles.get(int(request["handle"]))
            try:  # a module's named_parameters may be the student's own code
                return {"value": self.encode_special(obj, 0, as_handle=False)}
            except Exception as err:  # noqa: BLE001
                return {"error": describe_error(err)}
        elif kind == "load_parameters":
            return self._load_parameters(self.handles.get(int(request["handle"])), args[0])
        elif kind == "manual_seed":
            return self._manual_seed(int(request["seed"]))
        else:
            return {"protocol_error": f"unknown op {kind!r}"}
        return self._answer(target, args, kwargs)

    def _answer(self, target, args: tuple, kwargs: dict) -> dict:
        arrays = [a for a in args if isinstance(a, np.ndarray) or measure.is_tensor(a)]
        before = [measure.snapshot(a) for a in arrays]
        out = CappedText()
        with measure.graded_call() as caught, _captured(out):
            try:
                with time_limit(self.time_limit):
                    value = target(*args, **kwargs)
            except BaseException as err:  # noqa: BLE001
                return {"error": describe_error(err), "stdout": out.take()}
        mutated = [i for i, (b, a) in enumerate(zip(before, arrays)) if measure.changed(b, a)]
        try:
            encoded = wire.encode(value, handles=self)
        except wire.WireError:
            return {"unreadable": unreadable_part(value), "stdout": out.take()}
        return {"value": encoded, "stdout": out.take(), "mutated_args": mutated,
                "warnings": [f"{w.category.__name__}: {shown(w.message)}" for w in caught][:20]}

    # -------------------------------------------------------------- objects and torch modules
    def _make(self, name: str, params: dict) -> dict:
        """Build one of the grader's objects from the recipes bound when this session began."""
        if name not in self._recipes:
            raise ValueError(f"unknown object {name!r}")
        if name == "logistic_model":
            log: list[dict] = []
            reply = {"value": self._register(self._recipes[name](**params, forward_log=log))}
            self._forward_logs[reply["value"]["__handle__"]["id"]] = log
            return reply
        return {"value": self._register(self._recipes[name](**params))}

    def _load_parameters(self, module: Any, values: dict) -> dict:
        """Set a module's parameters by name (the grader's chosen weights), outside autograd."""
        def load() -> None:
            torch = measure.bind_torch()
            parameters = dict(measure.module_parameters(module))
            for name, value in values.items():
                target = parameters.get(name)
                if target is None or tuple(torch.shape(measure.plain_tensor(target))) != np.shape(value):
                    raise ValueError(f"the model has no parameter {name!r} of shape {np.shape(value)}")
                with torch.no_grad(), torch.plain_functions():
                    torch.copy(measure.plain_tensor(target), torch.tensor(np.asarray(value),
                                                                          dtype=torch.dtype(target)))
        return self._answer(load, (), {})

    @staticmethod
    def _gradients(module: Any, x: Any) -> dict:
        """d(sum of module(x))/d(each parameter), by autograd through the student's own forward pass and hooks.

        A forward pass that detaches its output and sets requires_grad again, or hooks that change the
        gradients, show here as gradients that differ from σ's: a flag on the output says neither.
        """
        torch = measure.bind_torch()
        parameters = measure.module_parameters(module)
        out = module(x)
        if not measure.is_tensor(out):
            raise TypeError(f"the model returned a {type(out).__name__}, not a tensor")
        out = measure.plain_tensor(out)
        with torch.plain_functions():
            wanted = [(name, p) for name, p in parameters if torch.requires_grad(measure.plain_tensor(p))]
            grads = (torch.autograd_grad(torch.sum(out), [p for _, p in wanted], allow_unused=True)
                     if wanted and torch.requires_grad(out) else [None] * len(wanted))
        found = {name: None for name, _ in parameters}
        found.update({name: None if g is None else measure.tensor_facts(g)["array"]
                      for (name, _), g in zip(wanted, grads)})
        return found

    def _manual_seed(self, seed: int) -> dict:
        """``torch.manual_seed(seed)``: only torch's generator, so code drawing from numpy's shows up as random."""
        measure.bind_torch().manual_seed(seed)
        return {"value": None}

    # -------------------------------------------------------------- special values
    def _resolve(self, tag: str, body: dict) -> Any:
        if tag == "__handle__":
            return self.handles[int(body["id"])]
        if tag == "__tensor__":
            torch = measure.bind_torch()
            dtype = str(body["dtype"])
            if dtype not in wire.TENSOR_DTYPES:
                raise wire.WireError(f"tensors of dtype {dtype} cannot be made")
            return torch.tensor(wire.decode({"__ndarray__": body["array"]}), dtype=torch.dtypes[dtype],
                                requires_grad=bool(body["requires_grad"]))
        return self._stub("function", int(body["id"]), str(body["name"]))

    # -------------------------------------------------------------- call-backs
    def _stub(self, kind: str, target: Any, label: str) -> Callable:
        """A plain function whose calls are answered by the grader (a stand-in, or a function it handed over)."""
        def stub(*args, **kwargs):
            return self._call_back({"op": "callback", "kind": kind, "target": target, "args": args,
                                    "kwargs": kwargs}, label)
        stub.__name__ = stub.__qualname__ = label
        return stub

    def _call_back(self, message: dict, label: str) -> Any:
        if self.callback is None:
            raise RuntimeError(f"`{label}` cannot be called here")
        try:
            message = {**message, "args": wire.encode(list(message["args"])),
                       "kwargs": wire.encode(dict(message["kwargs"]))}
        except wire.WireError as err:
            raise TypeError(f"`{label}` takes numbers and arrays: {err}") from None
        blocked = {signal.SIGALRM}  # the exchange is never cut in half by a time limit: it fires right after
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, blocked)
        try:
            reply = self.callback(message)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)
        if "error" in reply:
            error = reply["error"]
            raise CALLBACK_ERRORS.get(error.get("type"), RuntimeError)(str(error.get("message", "")))
        return wire.decode(reply.get("value"), resolve=self._resolve)

    def encode_special(self, value: Any, depth: int, as_handle: bool = True) -> Any:
        """Tensors and Axes as numbers; anything else stays here as a handle (a module reads as numbers)."""
        if measure.is_tensor(value):
            return {"__tensor__": _tensor_body(value)}
        if measure.is_module(value) and not as_handle:
            return {"__module__": {
                "class_name": type(value).__name__, "training": measure.module_training(value),
                "parameters": {name: {"__tensor__": _tensor_body(p)} for name, p in measure.module_parameters(value)}}}
        axes_module = sys.modules.get("matplotlib.axes")
        if axes_module is not None and isinstance(value, axes_module.Axes):
            return {"__axes__": _axes_body(value)}
        if not as_handle:
            raise wire.WireError(f"a {type(value).__name__} cannot be read as data")
        return self._register(value)

    def _register(self, value: Any) -> dict:
        """Keep ``value`` here; the grader gets a handle to call its methods by id."""
        handle_id = len(self.handles) + 1
        self.handles[handle_id] = value
        return {"__handle__": {"id": handle_id, "type": type(value).__name__}}


def unreadable_part(value: Any, depth: int = 0) -> str:
    """What in a returned value cannot be sent back as numbers, in a student's words."""
    if isinstance(value, (list, tuple)) and depth < wire.MAX_DEPTH:
        for item in value:
            try:
                wire.encode(item)
            except wire.WireError:
                return f"a {type(value).__name__} holding {unreadable_part(item, depth + 1)}"
    if isinstance(value, dict) and depth < wire.MAX_DEPTH:
        for item in value.values():
            try:
                wire.encode(item)
            except wire.WireError:
                return f"a dict holding {unreadable_part(item, depth + 1)}"
    if isinstance(value, (np.ndarray, np.generic)):
        return f"a NumPy {'array' if isinstance(value, np.ndarray) else 'scalar'} of dtype {value.dtype}"
    if depth > wire.MAX_DEPTH:
        return "values nested too deeply"
    return f"a {type(value).__name__}"


def _tensor_body(t) -> dict:
    """A tensor as wire data, read as the plain tensor it is (only a leaf, a parameter or an input, keeps a .grad)."""
    facts = measure.tensor_facts(t)
    return {"array": wire._encode_array(facts["array"]), "dtype": facts["dtype"],
            "requires_grad": facts["requires_grad"],
            "grad": None if facts["grad"] is None else wire._encode_array(facts["grad"])}


def _axes_body(ax) -> dict:
    legend = ax.get_legend()
    return {
        "title": ax.get_title(), "xlabel": ax.get_xlabel(), "ylabel": ax.get_ylabel(),
        "lines": [{"x": wire._encode_array(np.asarray(ln.get_xdata(), dtype=float)),
                   "y": wire._encode_array(np.asarray(ln.get_ydata(), dtype=float)),
                   "label": str(ln.get_label())} for ln in ax.get_lines()],
        "legend_labels": None if legend is None else [t.get_text() for t in legend.get_texts()],
    }


class _captured:
    """Send print() to a capped buffer for the duration of a block."""

    def __init__(self, buffer: CappedText):
        self.buffer = buffer

    def __enter__(self):
        self.saved = sys.stdout, sys.stderr
        sys.stdout = sys.stderr = self.buffer

    def __exit__(self, *exc):
        sys.stdout, sys.stderr = self.saved
