"""Hostile children: the grading side keeps its own clock and its own reading of the wire (issue 23's first class).

A child that writes a frame header and then trickles one byte at a time used to keep a grading thread waiting
for as long as it liked: the socket timeout bounds one ``recv``, not the exchange.  Every exchange (the load of
the cells, each call) now ends at one absolute deadline whatever the child sends; a reply over the wire's size
limit, or bytes that are no answer, are each said for what they are, not as a crash.
"""
from __future__ import annotations

import socket
import struct
import threading
import time

import pytest

from autograder import catalogue
from autograder.grading.sandbox_worker import BACKSTOP_SECONDS, Limits, Worker
from autograder.grading.student_proxy import SandboxCrashed, StudentTimeout
from autograder.grading.transports import SocketTransport
from autograder.sandbox import wire
from grader_proof import report
from test_grading_guards import INTERNAL_NAMES, grade

LIMITS = Limits(call_seconds=1, submission_seconds=20, load_seconds=3, memory_bytes=512 * 1024**2)

# Student code that finds its socket to the grader and trickles a frame into it, swallowing the child's alarm.
TRICKLE = '''
import os, socket, struct, time

def _grader_socket():
    for fd in sorted(int(n) for n in os.listdir("/proc/self/fd")):
        try:
            s = socket.socket(fileno=os.dup(fd))
        except OSError:
            continue
        if s.family == socket.AF_UNIX:
            return s
        s.close()

def trickle(seconds):
    s = _grader_socket()
    end = time.monotonic() + seconds
    sent_header = False
    while time.monotonic() < end:
        try:
            if not sent_header:
                s.sendall(struct.pack("!Q", 10_000))
                sent_header = True
            s.send(b" ")
            time.sleep(0.2)
        except BaseException:
            pass
    return 1
'''


def _child(behaviour, theirs: socket.socket) -> threading.Thread:
    thread = threading.Thread(target=behaviour, args=(theirs,), daemon=True)
    thread.start()
    return thread


def _exchange(behaviour, call_timeout: float = 1.0):
    ours, theirs = socket.socketpair()
    _child(behaviour, theirs)
    transport = SocketTransport(ours, call_timeout=call_timeout, deadline=time.monotonic() + 30)
    started = time.monotonic()
    try:
        transport.request({"op": "call", "name": "f", "args": [], "kwargs": {}})
    finally:
        ours.close()
    return time.monotonic() - started  # not reached when request raises


def test_a_trickling_reply_ends_at_the_call_s_deadline():
    def trickle(sock: socket.socket) -> None:
        sock.recv(1 << 16)
        sock.sendall(struct.pack("!Q", 1000))
        for _ in range(100):
            try:
                sock.send(b" ")
            except OSError:
                return
            time.sleep(0.1)

    started = time.monotonic()
    with pytest.raises(StudentTimeout, match="did not finish within 1 s"):
        _exchange(trickle)
    assert time.monotonic() - started < 1.5


def test_a_reply_over_the_size_limit_is_said_as_such_not_as_a_crash():
    def too_large(sock: socket.socket) -> None:
        sock.recv(1 << 16)
        sock.sendall(struct.pack("!Q", wire.MAX_MESSAGE_BYTES + 1))

    with pytest.raises(SandboxCrashed, match="sent back more than 64 MB"):
        _exchange(too_large)


def test_bytes_that_are_no_answer_are_said_as_such():
    def garbage(sock: socket.socket) -> None:
        sock.recv(1 << 16)
        sock.sendall(struct.pack("!Q", 5) + b"hello")

    with pytest.raises(SandboxCrashed, match="not an answer"):
        _exchange(garbage)


@pytest.fixture(scope="module")
def worker(tmp_path_factory):
    w = Worker(LIMITS, scratch_parent=tmp_path_factory.mktemp("scratch"))
    yield w
    w.close()


@pytest.mark.slow
def test_student_code_trickling_into_its_own_socket_is_cut_off_at_the_call_limit(worker):
    with worker.submission([TRICKLE]) as (loaded, student):
        assert not loaded["errors"], loaded["errors"]
        started = time.monotonic()
        with pytest.raises(StudentTimeout):
            student.trickle(30)
        assert time.monotonic() - started < LIMITS.call_seconds + BACKSTOP_SECONDS + 1
        assert not student.usable


@pytest.mark.slow
def test_student_code_trickling_while_its_cells_load_is_cut_off_at_the_load_limit(worker):
    started = time.monotonic()
    with pytest.raises(StudentTimeout):
        with worker.submission([TRICKLE + "\ntrickle(30)\n"]):
            pass
    assert time.monotonic() - started < LIMITS.load_seconds + 1.5


PLANT = '''
import os
def plant():
    folder = os.environ.get("MPLCONFIGDIR", "/tmp/matplotlib")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "matplotlibrc"), "w") as f:
        f.write("lines.linewidth: 99\\n")
    with open(os.path.join(folder, "planted.txt"), "w") as f:
        f.write("left for the next student")
    return sorted(os.listdir(folder))
def look():
    folder = os.environ.get("MPLCONFIGDIR", "/tmp/matplotlib")
    return sorted(os.listdir(folder)) if os.path.isdir(folder) else []
'''


@pytest.mark.slow
def test_nothing_a_child_writes_in_scratch_reaches_the_next_child(worker):
    """matplotlib's config dir was spared by the cleanup: a planted matplotlibrc reached the next student."""
    with worker.submission([PLANT]) as (_, student):
        before = student.look()
        assert "planted.txt" in student.plant()  # the plant took: the test is not vacuous
    with worker.submission([PLANT]) as (_, student):
        assert student.look() == before  # exactly what warm-up left, nothing more


# ================================================================ class 6: any value a student returns gets a message

HOSTILE_PRELUDE = '''
import numpy as _np_b
class _BadFloat(float):
    __hash__ = None
    def __repr__(self): raise RuntimeError("no repr")
    def __float__(self): raise RuntimeError("no float")
    def __eq__(self, other): raise RuntimeError("no eq")
class _BadList(list):
    __hash__ = None
    def __len__(self): raise RuntimeError("no len")
class _BadArray(_np_b.ndarray):
    def __array_finalize__(self, obj): pass
    def __eq__(self, other): raise RuntimeError("no eq")
    __hash__ = None
class _BadError(Exception):
    def __str__(self): raise RuntimeError("no str")
class _BadWarning(UserWarning):
    def __str__(self): raise RuntimeError("no str")
class _Unhashable:
    __hash__ = None
def _raise_bad(): raise _BadError()
def _warn_bad():
    import warnings; warnings.warn(_BadWarning()); return 0.5
'''
HOSTILE_VALUES = {"huge_int": "10**400", "ragged": "[[1.0, [2.0]], 3.0]", "dict": "{'a': [1]}", "set": "{1.0}",
          "none": "None", "str": "'0.5'", "object": "_Unhashable()", "bad_float": "_BadFloat(0.5)",
          "bad_list": "_BadList([0.5])", "bad_array": "_np_b.zeros(3).view(_BadArray)", "complex": "1+2j",
          "raise_bad": "_raise_bad()", "warn_bad": "_warn_bad()", "tuple_huge": "(10**400, 10**400)",
          "list_objs": "[_Unhashable(), _Unhashable()]", "nan_tuple": "(float('nan'),)*2", "bytes": "b'ab'",
          "inf_int_arr": "_np_b.array([2**63-1])", "empty": "()", "nested_dict_array": "{'dw': _np_b.ones(2), 'db': 0.0}"}


@pytest.mark.parametrize("assignment_id", catalogue.all_ids())
def test_whatever_a_function_returns_or_raises_is_told_to_the_student_never_as_our_error(assignment_id):
    """Every graded name of the assignment returning (or raising) each hostile value: every test fails with a
    message for the student; none says "internal grader error" or shows our internals (a huge int once made
    the graders overflow, a ragged list made them crash, a class made by a function had no methods to call)."""
    assignment = catalogue.load(assignment_id)
    for problem in assignment.problems:
        for name, expression in HOSTILE_VALUES.items():
            source = (assignment.solution.read_text(encoding="utf-8") + HOSTILE_PRELUDE
                      + f"\ndef {problem.id}(*args, **kwargs):\n    return {expression}\n")
            result, _ = grade(assignment, source, problem.id)
            assert result.score == 0, (name, report(result))
            for test in result.tests:
                assert test.message and "internal grader error" not in test.message, (name, report(result))
                assert not any(word in test.message for word in INTERNAL_NAMES), (name, report(result))


TAMPER = '''
import os
def _first_warm_file():
    folder = os.environ.get("MPLCONFIGDIR", "/tmp/matplotlib")
    for root, _, names in sorted(os.walk(folder)):
        for name in sorted(names):
            return os.path.join(root, name)
def tamper():
    path = _first_warm_file()
    status = os.stat(path)
    with open(path, "rb") as f:
        original = f.read()
    with open(path, "wb") as f:
        f.write(b"x" * len(original))  # same size ...
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))  # ... and the same mtime
    return path, original.decode("latin-1")
def read(path):
    with open(path, "rb") as f:
        return f.read().decode("latin-1")
'''


@pytest.mark.slow
def test_a_warm_up_file_changed_in_place_with_its_mtime_set_back_is_restored(worker):
    """Only changed warm-up files are written back after a child; a change hidden behind the old size and
    mtime still shows in the ctime, which no unprivileged process can set back."""
    with worker.submission([TAMPER]) as (_, student):
        path, original = student.tamper()
        assert student.read(path) != original  # the tamper took
    with worker.submission([TAMPER]) as (_, student):
        assert student.read(path) == original
