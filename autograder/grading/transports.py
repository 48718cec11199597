"""How the grader talks to a ``Session``: over a sandboxed child's socket, or in this very process.

``SocketTransport`` keeps the grading side's own clock (one absolute deadline per exchange, whatever the child
sends) and its own reading of the wire; what goes wrong becomes one of the ``StudentProblem``s of
``student_proxy``.  ``LocalTransport`` makes the same JSON round trip in this process (nbgrader's hidden test
cells, the kit's tests).
"""
from __future__ import annotations

import json
import socket
import time
from typing import Callable

from autograder.grading.student_proxy import SandboxCrashed, StudentProblem, StudentTimeout
from autograder.messages import say
from autograder.sandbox import wire
from autograder.sandbox.student_side import Session


class LocalTransport:
    """Talks to a Session in this very process, through the same JSON round trip.

    Used by nbgrader's hidden test cells (which run in the student's kernel
    anyway) and by the kit's tests: identical values to the sandboxed path.
    """

    def __init__(self, session: Session):
        self.session = session

    def request(self, message: dict, on_callback: Callable[[dict], dict] | None = None) -> dict:
        self.session.callback = None if on_callback is None else (lambda m: _round_trip(on_callback(_round_trip(m))))
        try:
            return _round_trip(self.session.handle(_round_trip(message)))
        finally:
            self.session.callback = None


def _round_trip(message: dict) -> dict:
    return json.loads(json.dumps(message, allow_nan=False))


class SocketTransport:
    """Talks to a sandboxed child over its socket, with a per-call and a total time budget."""

    def __init__(self, sock: socket.socket, call_timeout: float, deadline: float,
                 cause: Callable[[], StudentProblem | None] = lambda: None):
        """``cause``: called when the child dies or never answers, names the cause when its host knows better
        than "it died" or "it timed out" (memory)."""
        self.sock, self.call_timeout, self.deadline = sock, call_timeout, deadline
        self.cause = cause
        self._pending = bytearray()
        self._ends = 0.0
        self.broken: StudentProblem | None = None

    def request(self, message: dict, on_callback: Callable[[dict], dict] | None = None) -> dict:
        """Send ``message``; answer the call-backs that come first (``on_callback``), return the reply."""
        if self.broken is not None:
            raise type(self.broken)(*self.broken.args)
        budget = min(self.call_timeout, self.deadline - time.monotonic())
        self._ends = time.monotonic() + budget  # one absolute deadline for the whole exchange, whatever comes in
        try:
            if budget <= 0:
                raise socket.timeout
            self.sock.settimeout(budget)
            self.sock.sendall(wire.dumps(message))  # sendall's timeout bounds the whole send
            while True:
                reply = wire.read_message(self._read_exactly)
                if reply.get("op") != "callback":
                    return reply
                answer = on_callback(reply) if on_callback is not None else {
                    "error": {"type": "RuntimeError", "message": "no call-back is possible here"}}
                self.sock.sendall(wire.dumps(answer))
        except socket.timeout:
            self.broken = self.cause() or StudentTimeout(
                say("grading.student_proxy.call_budget",
                    "a call did not finish within {seconds:.0f} s: is there an infinite loop?", seconds=budget)
                if budget == self.call_timeout else
                say("grading.student_proxy.total_budget", "the submission used up its total time budget"))
        except wire.WireError as err:  # the stream cannot be read on: nothing more can be asked of this child
            self.broken = SandboxCrashed(
                say("grading.student_proxy.reply_too_large", "your code sent back more than {mb} MB, the most the "
                    "grader reads: return only the values the spec asks for (not a huge array or a list that keeps "
                    "growing)", mb=wire.MAX_MESSAGE_BYTES // 2**20) if "larger than" in str(err) else
                say("grading.student_proxy.not_an_answer", "the process running your code sent the grader "
                    "something that is not an answer (did your code write to a socket it found?)"))
        except (EOFError, ConnectionError, OSError):
            self.broken = self.cause() or SandboxCrashed(say(
                "grading.student_proxy.process_died", "the process running your code died (it called exit, "
                "crashed, or ran out of memory)"))
        raise self.broken

    def _read_exactly(self, n: int) -> bytes:
        """``n`` bytes, reading ahead: a message's header and body (and a call-back) usually come in one recv."""
        while len(self._pending) < n:
            # Each recv waits only for what is left of the exchange's deadline: a child that trickles a byte now
            # and then cannot keep the grader waiting (a socket timeout alone bounds one recv, not the exchange).
            left = self._ends - time.monotonic()
            if left <= 0:
                raise socket.timeout
            self.sock.settimeout(left)
            chunk = self.sock.recv(max(n - len(self._pending), 1 << 16))
            if not chunk:
                raise EOFError
            self._pending += chunk
        data, self._pending = bytes(self._pending[:n]), self._pending[n:]
        return data
