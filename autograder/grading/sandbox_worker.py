"""Start the sandboxed fork server and hand each submission a fresh child.

One ``Worker`` is one zygote (see ``sandbox/zygote.py``), started once inside
bubblewrap: no network, a read-only view of the system and of Python only, a
private /tmp, its own PID namespace, and (when the grader is root) an
unprivileged uid of its own with no capabilities (``confinement.py``).  The
repository (solutions, graders, other submissions) and the home directory are
not in its view.  Without bubblewrap the zygote runs as a plain child process
with the same resource limits, each child as the worker's uid when the grader
is root, and ``sandbox_warning()`` says what is missing.  Either way the zygote
and all it starts live in a pids and a memory cgroup of the worker's own
(``cgroups``), where they can be made.
"""
from __future__ import annotations

import itertools
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, Sequence

from autograder.grading import cgroups
from autograder.grading.cgroups import MemoryCgroup, in_cgroup, make_pids_cgroup, remove_cgroup
from autograder.grading.confinement import (SandboxAccount, SandboxChanged, bubblewrap, bubblewrap_command, plain_command,
                                    python_hidden_from_others, stage_sandbox_package)
from autograder.grading.student_proxy import OutOfMemory, StudentProxy
from autograder.grading.transports import SocketTransport
from autograder.messages import say
from autograder.sandbox import wire
from autograder.sandbox.zygote import PRELOADABLE

BACKSTOP_SECONDS = 3.0  # grace after the child's own alarm before the grader gives up on it


@dataclass(frozen=True)
class Limits:
    """Per-submission resource limits, all enforced outside the student's reach."""
    call_seconds: float = 10.0  # the child interrupts a call after this; the grader waits BACKSTOP more
    submission_seconds: float = 60.0
    load_seconds: float = 30.0
    cpu_seconds: int = 90
    memory_bytes: int = 2 * 1024**3
    file_bytes: int = 16 * 1024**2
    processes: int = 256

    def for_child(self) -> dict:
        return {"cpu_seconds": self.cpu_seconds, "memory_bytes": self.memory_bytes,
                "file_bytes": self.file_bytes, "processes": self.processes, "call_seconds": self.call_seconds}


def sandbox_warning() -> str | None:
    """What the sandbox lacks on this machine, in one sentence per gap; None when nothing."""
    gaps = []
    if bubblewrap() is None:
        who = ("each submission as an unprivileged uid of its own" if os.getuid() == 0
               else "as your own user, WITH ACCESS TO YOUR FILES")
        gaps.append("bubblewrap (bwrap) is not installed: student code runs in separate processes with "
                    f"resource limits, {who}, but WITHOUT filesystem and network isolation. Install "
                    "bubblewrap (apt-get install bubblewrap) for the full sandbox.")
        hidden = python_hidden_from_others() if os.getuid() == 0 else []
        if hidden:
            gaps.append(f"Python lives in {hidden[0]}, which the sandbox uid cannot enter: student code can "
                        "import only the modules loaded before it starts (numpy, torch, matplotlib, ...).")
    if os.getuid() == 0 and not cgroups.can_make("pids"):
        gaps.append("no writable pids cgroup while running as root: the number of processes a submission "
                    "may start is not limited (RLIMIT_NPROC binds each sandbox uid, not the whole run).")
    if not cgroups.can_make("memory"):
        gaps.append("no writable memory cgroup: each process of a submission is held to the memory budget, "
                    "but one that starts several processes can use a multiple of it.")
    return " ".join(gaps) or None


_CPUS = itertools.cycle(sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else [None])
_CPUS_LOCK = threading.Lock()


def _next_cpu() -> int | None:
    """The CPU for the next worker: round robin, so that parallel workers spread over the machine."""
    with _CPUS_LOCK:
        return next(_CPUS)


@contextmanager
def _on_cpu(cpu: int | None) -> Iterator[None]:
    """Run the calling thread on ``cpu`` for the block (Linux: per thread), then as before."""
    if cpu is None:
        yield
        return
    before = os.sched_getaffinity(0)
    try:
        os.sched_setaffinity(0, {cpu})
    except OSError:  # a CPU taken away meanwhile: run anywhere
        yield
        return
    try:
        yield
    finally:
        os.sched_setaffinity(0, before)


class WorkerDied(RuntimeError):
    pass


class Worker:
    """One warmed-up zygote; grades one submission at a time."""

    def __init__(self, limits: Limits = Limits(), python: str = sys.executable,
                 use_bubblewrap: bool | None = None, scratch_parent: Path | None = None,
                 preload: Sequence[str] = PRELOADABLE, pin: bool = True):
        """``scratch_parent``: where the worker keeps its copy of the sandbox package and, without
        bubblewrap, gives student code a working dir.  ``preload``: the heavy modules the fork server imports
        and warms (an assignment's ``Assignment.sandbox_imports``).  ``pin``: run on one CPU, the next of this
        process's in turn; False where several processes of the machine start workers (dask workers), whose
        turns would all begin at the first CPU.  Raises ``WorkerDied`` when no sandbox starts."""
        self.limits = limits
        self.use_bubblewrap = bubblewrap() is not None if use_bubblewrap is None else use_bubblewrap
        if scratch_parent is not None:
            scratch_parent.mkdir(parents=True, exist_ok=True)
        # Absolute: bubblewrap binds the sandbox package from here while running in another directory.
        self.scratch = os.path.abspath(tempfile.mkdtemp(prefix="worker-", dir=scratch_parent))
        self.account = SandboxAccount.claim()
        self.cpu = _next_cpu() if pin else None
        self.pids_cgroup: Path | None = None
        self.memory: MemoryCgroup | None = None
        self.process = None
        try:
            staged = stage_sandbox_package(Path(self.scratch))
        except SandboxChanged as err:
            self.close()
            raise WorkerDied(str(err)) from None
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self.control = ours
        self.pids_cgroup, self.memory = make_pids_cgroup(limits.processes), MemoryCgroup.make()
        held = [self.pids_cgroup, self.memory and self.memory.path]
        if self.use_bubblewrap:
            command = bubblewrap_command(python, theirs.fileno(), staged, self.account)
        else:
            command = plain_command(python, theirs.fileno(), self.scratch)
            if any(held):  # no PID namespace to empty: the fork server kills what its cgroup holds
                command += ["--kill-cgroup", str(next(filter(None, held)) / "cgroup.procs")]
            if self.account is not None:  # each child drops to the account: it must reach its working dir
                command += ["--children-as", str(self.account.uid)]
                for folder in filter(None, (scratch_parent, self.scratch)):
                    os.chmod(folder, 0o711)
        if self.cpu is not None:
            command += ["--cpu", str(self.cpu)]
        command += ["--preload", ",".join(preload)]
        command = in_cgroup(held, command)
        env = {**os.environ, "PYTHONPATH": str(staged.parent), "MPLBACKEND": "Agg",
               "OMP_NUM_THREADS": "1", "MPLCONFIGDIR": os.path.join(self.scratch, "matplotlib"),
               "PYTHONDONTWRITEBYTECODE": "1"}
        self.process = subprocess.Popen(
            command, pass_fds=[theirs.fileno()], env=env,
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            cwd="/tmp" if self.use_bubblewrap else self.scratch)
        theirs.close()
        self.control.settimeout(120)
        try:
            ready = self._receive()
            if self.memory is not None:  # warm now: the fork server's own memory plus one submission's budget
                self.memory.cap(limits.memory_bytes)
        except (OSError, WorkerDied, wire.WireError) as err:
            reason = self._stderr_tail() or err  # before close(), which closes the pipe it reads
            self.close()
            raise WorkerDied(say("grading.sandbox_worker.did_not_start", "the sandbox did not start: {reason}",
                                 reason=str(reason))) from None
        self.warm_up_seconds = ready.get("warm_up_seconds", 0.0)

    def _receive(self) -> dict:
        data = self.control.recv(1 << 20)
        if not data:
            raise WorkerDied(say("grading.sandbox_worker.fork_server_exited", "the sandbox's fork server exited"))
        return wire.parse(data)

    def _stderr_tail(self) -> str:
        """What the fork server wrote before it exited; it may close its socket a moment before it is gone."""
        try:
            self.process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            return ""
        if self.process.stderr is None:
            return ""
        return self.process.stderr.read().decode(errors="replace")[-2000:]

    @contextmanager
    def submission(self, cells: list[str]) -> Iterator[tuple[dict, StudentProxy]]:
        """A fresh child with the notebook's cells loaded; killed on exit, whatever happened.

        While it runs, the calling thread shares the fork server's CPU: grader and child take turns (each
        call, each call-back), and a hand-over on one CPU costs a third of one between two.
        """
        with _on_cpu(self.cpu):
            with self._submission(cells) as opened:
                yield opened

    @contextmanager
    def _submission(self, cells: list[str]) -> Iterator[tuple[dict, StudentProxy]]:
        if self.memory is not None and self.memory.left_behind() > self.limits.memory_bytes // 2:
            raise WorkerDied(say("grading.sandbox_worker.memory_left_behind", "the sandbox still holds {mb} MB an "
                                 "earlier submission left in memory (files in /dev/shm?): a fresh one is needed",
                                 mb=self.memory.left_behind() // 2**20))
        memory_killed = self._memory_watch()
        ours, theirs = socket.socketpair()
        try:
            socket.send_fds(self.control, [wire.dumps({"op": "run", "limits": self.limits.for_child()})],
                            [theirs.fileno()])
            theirs.close()
            self._receive()  # {"pid": ...}
        except OSError as err:
            raise WorkerDied(say("grading.sandbox_worker.fork_server_gone",
                                 "the sandbox's fork server is gone: {error}", error=str(err))) from None
        started = time.monotonic()
        transport = SocketTransport(ours, call_timeout=self.limits.load_seconds,
                                    deadline=started + self.limits.submission_seconds,
                                    cause=memory_killed)
        try:
            loaded = transport.request({"op": "load", "cells": cells})
            transport.call_timeout = self.limits.call_seconds + BACKSTOP_SECONDS
            yield loaded, StudentProxy(transport)
        finally:
            ours.close()
            self._finish()

    def _memory_watch(self) -> Callable[[], OutOfMemory | None]:
        """As a submission starts: whether the kernel, by the time a request failed, had killed a process of the
        submission for memory (the child, or a process holding its socket or keeping it waiting).  Counted once
        per submission, not per call: reading the counter costs 15 µs, a call ~100 µs."""
        memory, before = self.memory, self.memory.kills() if self.memory is not None else 0

        def cause() -> OutOfMemory | None:
            if memory is None or memory.kills() <= before:
                return None
            return OutOfMemory(say("grading.sandbox_worker.out_of_memory", "your code used more than {mb} MB of "
                                   "memory (all its processes together), so the system stopped it",
                                   mb=self.limits.memory_bytes // 2**20))
        return cause

    def _finish(self) -> None:
        try:
            self.control.sendall(wire.dumps({"op": "finish"}))
            self._receive()
        except (OSError, wire.WireError) as err:
            raise WorkerDied(say("grading.sandbox_worker.fork_server_gone",
                                 "the sandbox's fork server is gone: {error}", error=str(err))) from None

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def close(self) -> None:
        if self.process is not None:
            self.control.close()
            if self.process.poll() is None:
                self.process.kill()
            self.process.wait()
            if self.process.stderr is not None:
                self.process.stderr.close()
        remove_cgroup(self.pids_cgroup)
        remove_cgroup(self.memory and self.memory.path)
        shutil.rmtree(self.scratch, ignore_errors=True)
        if self.account is not None:
            self.account.close()
