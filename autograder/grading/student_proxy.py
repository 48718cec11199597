"""The grader's view of a student's code: a proxy that only ever sees plain data.

Graders write ``student.sigmoid(z)`` or ``gate = student.AddGate()`` and
``gate.forward(2.0, 3.0)``; each call becomes a request to a ``Session``
(in the sandboxed child, or in nbgrader's kernel) and comes back decoded by
``wire``.  Whatever went wrong on the student's side arrives as one of the
``StudentProblem`` exceptions below, each with a message a student can act on.

While a request runs, the student's code may call back (``{"op": "callback"}``): a
stand-in for another graded function (``stand_ins``, answered with the reference's
value only while the problem that set them is graded) or a function the grader
handed over (``function``, answered only during the test that made it).
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Protocol

import numpy as np

from autograder.grading.handed_functions import CountedFunction
from autograder.grading.handed_functions import build as build_function
from autograder.messages import message_of, say
from autograder.sandbox import wire


class StudentProblem(Exception):
    """Something about the student's code, not the grader, stopped a check."""


class NotDefined(StudentProblem):
    def __init__(self, name: str):
        super().__init__(say("grading.student_proxy.not_defined",
                             "`{name}` is not defined: did you run (and not rename) the cell that defines it?",
                             name=name))


class NotImplementedYet(StudentProblem):
    def __init__(self, name: str, raised_in: str = ""):
        if raised_in and raised_in != name.split(".")[-1] and raised_in != "<module>":
            super().__init__(say("grading.student_proxy.calls_not_implemented",
                                 "`{name}` calls `{raised_in}`, which is not implemented yet "
                                 "(it still raises NotImplementedError): finish that one first.",
                                 name=name, raised_in=raised_in))
        else:
            super().__init__(say("grading.student_proxy.not_implemented",
                                 "`{name}` is not implemented yet (it still raises NotImplementedError).", name=name))


# What an exception that carries no message of its own means, in a student's terms.
EXPLAIN_BARE = {
    "MemoryError": say("grading.student_proxy.bare_memory_error", "it tried to use more memory than a submission may "
                       "(a huge array, or a list that never stops growing?)"),
    "RecursionError": say("grading.student_proxy.bare_recursion_error", "the function calls itself without end"),
    "StopIteration": say("grading.student_proxy.bare_stop_iteration",
                         "an iterator ran out (next() on an exhausted iterator?)"),
}


class StudentRaised(StudentProblem):
    def __init__(self, name: str, error: dict):
        self.type, self.detail = error.get("type", "Exception"), error.get("message", "")
        detail = (relayed(self.detail) or EXPLAIN_BARE.get(self.type)
                  or say("grading.student_proxy.no_message", "(no message)"))
        trace = error.get("traceback", "").strip()
        super().__init__(say("grading.student_proxy.raised", "`{name}` raised {type}: {detail}",
                             name=name, type=self.type, detail=detail) + (f"\n{trace}" if trace else ""))


class UnreadableValue(StudentProblem):
    """The student's function returned something that is not numbers (an object array, a generator, ...)."""
    mistake = "type.unreadable"

    def __init__(self, name: str, what: str):
        advice = (say("grading.student_proxy.object_dtype_advice",
                      " An array of dtype object usually comes from np.vectorize without otypes=[float], or from "
                      "np.frompyfunc: compute with NumPy's own functions, or convert with np.asarray(result, "
                      "dtype=np.float64).") if "dtype object" in what else "")
        super().__init__(say("grading.student_proxy.unreadable",
                             "`{name}` returned {what}, which cannot be graded: return numbers (a float, a NumPy "
                             "array of numbers, or a tuple or list of them), as the spec says.", name=name,
                             what=unreadable_text(what)) + advice)


def relayed(detail: str) -> str:
    """The message of an error the grader's side raised in the student's code (a call-back refused), as the
    ``Text`` it was made from (it crossed the sandbox as plain text); any other message as it is."""
    if not isinstance(detail, str):
        return detail
    match = re.fullmatch(r"`(.*)` is a stand-in that answered only while another function was graded: call your "
                         r"own functions by their names", detail, re.DOTALL)
    if match:
        text = _stand_in_expired(match[1])
    elif detail == "a function handed to your code answers only during the call it was handed to":
        text = _function_expired()
    elif match := re.fullmatch(r"(the correct `(.*)` standing in for yours|the function handed to yours) could not "
                               r"take these arguments: (.*)", detail, re.DOTALL):
        label = _stand_in_label(match[2]) if match[2] is not None else _handed_label()
        text = _could_not_take(label, match[3])
    else:
        return detail
    return text if text == detail else detail


def _stand_in_expired(target: str) -> str:
    return say("grading.student_proxy.stand_in_expired",
               "`{target}` is a stand-in that answered only while another function was graded: "
               "call your own functions by their names", target=target)


def _function_expired() -> str:
    return say("grading.student_proxy.function_expired",
               "a function handed to your code answers only during the call it was handed to")


def _stand_in_label(target: str) -> str:
    return say("grading.student_proxy.stand_in_label", "the correct `{target}` standing in for yours", target=target)


def _handed_label() -> str:
    return say("grading.student_proxy.handed_label", "the function handed to yours")


def _could_not_take(label: str, error: str) -> str:
    return say("grading.student_proxy.could_not_take", "{label} could not take these arguments: {error}",
               label=label, error=error)


def unreadable_text(what: str) -> str:
    """What a returned value held that cannot be graded (the sandbox's words, ``unreadable_part``), as a ``Text``."""
    text = _unreadable_part(what)
    return text if text == what else what


def _unreadable_part(what: str) -> str:
    if what == "values nested too deeply":
        return say("grading.student_proxy.nested_too_deeply", "values nested too deeply")
    if match := re.fullmatch(r"a NumPy array of dtype (.*)", what, re.DOTALL):
        return say("grading.student_proxy.numpy_array_of_dtype", "a NumPy array of dtype {dtype}", dtype=match[1])
    if match := re.fullmatch(r"a NumPy scalar of dtype (.*)", what, re.DOTALL):
        return say("grading.student_proxy.numpy_scalar_of_dtype", "a NumPy scalar of dtype {dtype}", dtype=match[1])
    if match := re.fullmatch(r"a (\S+) holding (.*)", what, re.DOTALL):
        return say("grading.student_proxy.holding", "a {container} holding {inner}", container=match[1],
                   inner=_unreadable_part(match[2]))
    if match := re.fullmatch(r"a (\S+)", what):
        return say("grading.student_proxy.a_type", "a {type}", type=match[1])
    return what


class StudentTimeout(StudentProblem):
    pass


class SandboxCrashed(StudentProblem):
    pass


class OutOfMemory(SandboxCrashed):
    """The kernel killed the child: its processes together used more memory than a submission may."""
    mistake = "out_of_memory"


class Transport(Protocol):
    def request(self, message: dict, on_callback: Callable[[dict], dict] | None = None) -> dict: ...


@dataclass
class Call:
    """What one call returned, with everything the student's side noticed."""
    value: Any
    warnings: list[str] = field(default_factory=list)
    stdout: str = ""
    mutated_args: list[int] = field(default_factory=list)


class StudentProxy:
    """Attribute access gives callables for the student's top-level names."""

    def __init__(self, transport: Transport):
        self._transport = transport
        self.stand_ins: dict[str, Callable] = {}  # name -> the correct function answering for the student's
        self.stood_in: set[str] = set()  # the stand-ins the student's code called since the last reset
        self._functions: dict[int, CountedFunction] = {}
        self._function_ids = itertools.count(1)  # never reused: a stub kept from an earlier test stays refused

    def call(self, name: str, *args: Any, **kwargs: Any) -> Call:
        """Call the student's top-level ``name``; the ``Call`` has warnings, output and mutations too."""
        return self._send({"op": "call", "name": name}, name, args, kwargs)

    @property
    def usable(self) -> bool:
        """False once the student's process timed out or died; a fresh one is needed."""
        return getattr(self._transport, "broken", None) is None

    def manual_seed(self, seed: int) -> None:
        """``torch.manual_seed(seed)`` in the sandbox."""
        self._send({"op": "manual_seed", "seed": int(seed)}, "manual_seed", (), {})

    def make(self, recipe: str, **params: Any) -> "ObjectProxy":
        """Build a value inside the sandbox from a named recipe (see ``families``), e.g. ``make("axes")``."""
        return self._send({"op": "make", "name": recipe, "params": wire.encode(params)}, recipe, (), {}).value

    def function(self, family: str, **params: Any) -> CountedFunction:
        """A function for the student's code (see ``families``), answered from here; ``.calls`` counts its calls."""
        f = build_function(family, params)
        f.callback = wire.Callback(next(self._function_ids), family)
        self._functions[f.callback.id] = f
        return f

    def forget_functions(self) -> None:
        """After a test: the functions it handed over answer no more (a stub kept by student code is refused)."""
        self._functions.clear()

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        return lambda *args, **kwargs: self.call(name, *args, **kwargs).value

    def _send(self, header: dict, label: str, args: tuple, kwargs: dict) -> Call:
        message = {**header, "args": wire.encode(_handles(list(args))), "kwargs": wire.encode(_handles(dict(kwargs)))}
        if self.stand_ins:
            message["stand_ins"] = sorted(self.stand_ins)
        try:
            reply = self._transport.request(message, self._answer_callback)
        except SandboxCrashed as err:
            raise type(err)(say("grading.student_proxy.crashed_while", "while `{name}` ran, {problem}",
                                name=label, problem=message_of(err))) from None
        if "missing" in reply:
            raise NotDefined(reply["missing"])
        if "unreadable" in reply:
            raise UnreadableValue(label, str(reply["unreadable"]))
        if "protocol_error" in reply:
            raise SandboxCrashed(say("grading.student_proxy.protocol_error", "the sandbox could not answer: {error}",
                                     error=reply['protocol_error']))
        if "error" in reply:
            if reply["error"].get("type") == "NotImplementedError":
                raise NotImplementedYet(label, reply["error"].get("raised_in", ""))
            if reply["error"].get("type") == "TimeLimitExceeded":
                raise StudentTimeout(_timed_out(label, reply["error"].get("message")))
            raise StudentRaised(label, reply["error"])
        value = wire.decode(reply.get("value"))
        if isinstance(value, wire.Handle):
            value = ObjectProxy(self, value)
        return Call(value, list(reply.get("warnings", [])), str(reply.get("stdout", "")),
                    list(reply.get("mutated_args", [])))


    def _answer_callback(self, message: dict) -> dict:
        """The grader's answer to the student's call of a stand-in or of a function handed over."""
        kind, target = message.get("kind"), message.get("target")
        if kind == "stand_in" and target in self.stand_ins:
            function, label = self.stand_ins[target], _stand_in_label(target)
            self.stood_in.add(target)
        elif kind == "function" and target in self._functions:
            function, label = self._functions[target], _handed_label()
        else:
            return {"error": {"type": "RuntimeError", "message": (
                _stand_in_expired(target) if kind == "stand_in" else _function_expired())}}
        try:
            args, kwargs = wire.decode(message.get("args", [])), wire.decode(message.get("kwargs", {"__dict__": []}))
            if not isinstance(args, list) or not isinstance(kwargs, dict):
                raise wire.WireError("malformed call-back")
            with np.errstate(all="ignore"):  # the student's arguments may be extreme; the answer is still theirs
                value = function(*args, **kwargs)
            return {"value": wire.encode(_sendable(value))}
        except Exception as err:  # noqa: BLE001 - whatever the student passed, they get an ordinary error
            kind = "TypeError" if isinstance(err, TypeError) else "ValueError"
            return {"error": {"type": kind, "message": _could_not_take(label, str(err))}}


def _timed_out(label: str, message: Any) -> str:
    """The sandbox's "did not finish within 10 s" about the call of ``label``."""
    match = re.fullmatch(r"did not finish within (\S+) s", str(message))
    if match:
        return say("grading.student_proxy.call_time_limit",
                   "`{name}` did not finish within {seconds} s: is there an infinite loop?", name=label,
                   seconds=match[1])
    return say("grading.student_proxy.timed_out", "`{name}` {detail}: is there an infinite loop?", name=label,
               detail=str(message))


def _sendable(value: Any) -> Any:
    """A reference's value as wire data: a torch tensor travels as numbers (a real tensor again over there)."""
    if type(value).__module__.split(".")[0] == "torch" and hasattr(value, "detach"):
        array = value.detach().cpu().numpy()
        return wire.TensorData(array, str(value.dtype), False)
    if type(value) in (list, tuple):
        return type(value)(_sendable(v) for v in value)
    return value


class ObjectProxy:
    """A student object living in the sandbox; methods are called there, state stays there."""

    def __init__(self, owner: StudentProxy, handle: wire.Handle):
        self._owner, self._handle = owner, handle
        self.type_name = handle.type_name

    def call_method(self, name: str, *args: Any, **kwargs: Any) -> Call:
        return self._owner._send({"op": "method", "handle": self._handle.id, "name": name},
                                 f"{self.type_name}.{name}", args, kwargs)

    def attribute(self, name: str) -> Any:
        return self._owner._send({"op": "getattr", "handle": self._handle.id, "name": name},
                                 f"{self.type_name}.{name}", (), {}).value

    def read(self) -> Any:
        """The object itself as data (an Axes as ``AxesData``, a torch module as ``ModuleData``)."""
        return self._owner._send({"op": "read", "handle": self._handle.id}, self.type_name, (), {}).value

    def forward_log(self) -> list[dict]:
        """What each forward pass of a known-good model (``make("logistic_model")``) saw: its mode, autograd on."""
        return self._owner._send({"op": "forward_log", "handle": self._handle.id}, f"{self.type_name} forward log",
                                 (), {}).value

    def gradients(self, x: Any) -> dict[str, Any]:
        """A torch module's d(sum of model(x))/d(parameter) by name, computed by autograd through its own
        forward pass (None where no gradient reaches a parameter)."""
        return self._owner._send({"op": "gradients", "handle": self._handle.id}, f"{self.type_name}(x)",
                                 (x,), {}).value

    def load_parameters(self, values: dict[str, Any]) -> None:
        """Set a torch module's parameters by name, e.g. ``{"linear.weight": [[0.5, -1.0]], "linear.bias": [0.2]}``."""
        self._owner._send({"op": "load_parameters", "handle": self._handle.id}, f"{self.type_name} parameters",
                          (values,), {})

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        return lambda *args, **kwargs: self.call_method(name, *args, **kwargs).value


def _handles(value: Any) -> Any:
    """Replace object proxies by the handles the sandbox knows them by, functions by their call-backs."""
    if isinstance(value, ObjectProxy):
        return value._handle
    if isinstance(value, CountedFunction):
        return value.callback
    if type(value) in (list, tuple):
        return type(value)(_handles(v) for v in value)
    if type(value) is dict:
        return {k: _handles(v) for k, v in value.items()}
    return value
