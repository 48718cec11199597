"""Start the sandboxed fork server and hand each submission a fresh child.

One ``Worker`` is one zygote (see ``sandbox/zygote.py``), started once inside
bubblewrap: no network, a read-only view of the system and of Python only, a
private /tmp, its own PID namespace.  The repository (solutions, graders,
other submissions) and the home directory are not in its view.  Without
bubblewrap the zygote runs as a plain child process with the same resource
limits, and ``sandbox_warning()`` says so.
"""
from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import sys
import sysconfig
import tempfile
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from autograder.proxy import SocketTransport, StudentProxy
from autograder.sandbox import wire

SANDBOX_PACKAGE = Path(__file__).parent / "sandbox"
GRADING_PACKAGE = Path(__file__).parent
INSIDE_ROOT = "/opt/kit"  # where the sandbox package appears inside bubblewrap
SYSTEM_PATHS = ["/usr", "/bin", "/lib", "/lib64", "/lib32", "/sbin",
                "/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/alternatives",
                "/etc/fonts", "/etc/localtime", "/etc/passwd", "/etc/group", "/etc/nsswitch.conf"]


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
    # Run each student's child as this account (the grader must be root; "" = as the grader).  Without
    # bubblewrap it is the only wall between student code and files only root may read (Gradescope's bundle).
    user: str = ""

    def for_child(self) -> dict:
        limits = {"cpu_seconds": self.cpu_seconds, "memory_bytes": self.memory_bytes,
                  "file_bytes": self.file_bytes, "processes": self.processes, "call_seconds": self.call_seconds}
        if self.user:
            account = pwd.getpwnam(self.user)  # KeyError for an unknown account: refused before any child runs
            limits |= {"uid": account.pw_uid, "gid": account.pw_gid}
        return limits


def bubblewrap() -> str | None:
    return shutil.which("bwrap")


def sandbox_warning() -> str | None:
    """What the sandbox lacks on this machine, in one sentence per gap; None when nothing."""
    gaps = []
    if bubblewrap() is None:
        gaps.append("bubblewrap (bwrap) is not installed: student code runs in separate processes with "
                    "resource limits, but WITHOUT filesystem and network isolation. Install bubblewrap "
                    "(apt-get install bubblewrap) for the full sandbox.")
    if os.getuid() == 0 and not _can_make_pids_cgroup():
        gaps.append("no writable pids cgroup while running as root: the number of processes a submission "
                    "may start is not limited (RLIMIT_NPROC does not bind root).")
    return " ".join(gaps) or None


def _python_roots() -> list[str]:
    """Directories the interpreter and its packages live in, bound read-only."""
    roots = {sys.base_prefix, sys.prefix, sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    real = {str(Path(p).resolve()) for p in roots} | roots
    return sorted(p for p in real if Path(p).exists())


def bubblewrap_command(python: str, control_fd: int) -> list[str]:
    command = [bubblewrap(), "--unshare-all", "--die-with-parent", "--new-session",
               "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp", "--dir", "/var/tmp",
               "--clearenv", "--setenv", "HOME", "/tmp", "--setenv", "PATH", "/usr/bin:/bin",
               "--setenv", "PYTHONPATH", INSIDE_ROOT, "--setenv", "MPLBACKEND", "Agg",
               "--setenv", "MPLCONFIGDIR", "/tmp/matplotlib", "--setenv", "OMP_NUM_THREADS", "1",
               "--setenv", "PYTHONDONTWRITEBYTECODE", "1", "--setenv", "PYTHONNOUSERSITE", "1"]
    for path in SYSTEM_PATHS + _python_roots():
        if Path(path).exists():
            command += ["--ro-bind", path, path]
    # If the kit itself is installed inside site-packages, hide it: graders must stay unseen.
    for root in _python_roots():
        if GRADING_PACKAGE.resolve().is_relative_to(Path(root).resolve()):
            command += ["--tmpfs", str(GRADING_PACKAGE)]
    command += ["--ro-bind", str(SANDBOX_PACKAGE), f"{INSIDE_ROOT}/sandbox", "--chdir", "/tmp",
                python, "-s", "-m", "sandbox.zygote", "--control-fd", str(control_fd)]
    return command


def plain_command(python: str, control_fd: int, scratch: str) -> list[str]:
    return [python, "-m", "sandbox.zygote", "--control-fd", str(control_fd), "--scratch", scratch]


# Where a pids cgroup can be made: cgroup v1's pids hierarchy, or a cgroup v2 tree with pids enabled.
PIDS_CGROUP_ROOTS = [Path("/sys/fs/cgroup/pids"), Path("/sys/fs/cgroup/unified"), Path("/sys/fs/cgroup")]


def make_pids_cgroup(limit: int) -> Path | None:
    """A cgroup that caps how many processes the sandbox may hold at once.

    RLIMIT_NPROC does not bind root, and graders often run as root: without this
    a fork bomb could fill the machine's process table.  Best effort: None where
    no cgroup can be made (then ``sandbox_warning`` says so).
    """
    for root in PIDS_CGROUP_ROOTS:
        if not (root / "cgroup.procs").exists():
            continue
        _remove_stale_cgroups(root)
        path = root / f"autograder-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        try:
            path.mkdir()
            (path / "pids.max").write_text(str(limit))
            return path
        except OSError:
            remove_cgroup(path)
    return None


def _can_make_pids_cgroup() -> bool:
    """Try the real thing: a cgroup v2 tree can look writable yet lack the pids controller."""
    probe = make_pids_cgroup(1)
    remove_cgroup(probe)
    return probe is not None


def _remove_stale_cgroups(root: Path) -> None:
    """Cgroups left by a grading run that was killed (it could not clean up): empty, their owner gone."""
    for path in root.glob("autograder-*-*"):
        owner = path.name.split("-")[1]
        if owner.isdigit() and not Path(f"/proc/{owner}").exists():
            try:
                path.rmdir()  # fails, harmlessly, while any process is still inside
            except OSError:
                pass


def remove_cgroup(path: Path | None) -> None:
    """Remove a cgroup once its processes are gone (the kernel needs a moment to reap them)."""
    for _ in range(50):
        try:
            if path is not None and path.exists():
                path.rmdir()
            return
        except OSError:
            time.sleep(0.02)


def in_cgroup(cgroup: Path | None, command: list[str]) -> list[str]:
    """Join the cgroup first, then exec the command: every process it starts is counted."""
    if cgroup is None:
        return command
    return ["/bin/sh", "-c", 'echo $$ > "$0" && exec "$@"', str(cgroup / "cgroup.procs"), *command]


class WorkerDied(RuntimeError):
    pass


class Worker:
    """One warmed-up zygote; grades one submission at a time."""

    def __init__(self, limits: Limits = Limits(), python: str = sys.executable,
                 use_bubblewrap: bool | None = None, scratch_parent: Path | None = None):
        """``scratch_parent``: where the unsandboxed fallback gives student code a working dir."""
        self.limits = limits
        use_bubblewrap = bubblewrap() is not None if use_bubblewrap is None else use_bubblewrap
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        if scratch_parent is not None:
            scratch_parent.mkdir(parents=True, exist_ok=True)
        self.scratch = tempfile.mkdtemp(prefix="worker-", dir=scratch_parent)
        if limits.user:  # the child, running as another account, must reach its working dir inside
            pwd.getpwnam(limits.user)  # KeyError for an unknown account, before anything starts
            for folder in filter(None, (scratch_parent, self.scratch)):
                os.chmod(folder, 0o711)
        command = (bubblewrap_command(python, theirs.fileno()) if use_bubblewrap
                   else plain_command(python, theirs.fileno(), self.scratch))
        self.cgroup = make_pids_cgroup(limits.processes)
        command = in_cgroup(self.cgroup, command)
        env = {**os.environ, "PYTHONPATH": str(SANDBOX_PACKAGE.parent), "MPLBACKEND": "Agg",
               "OMP_NUM_THREADS": "1", "MPLCONFIGDIR": os.path.join(self.scratch, "matplotlib"),
               "PYTHONDONTWRITEBYTECODE": "1"}
        self.process = subprocess.Popen(
            command, pass_fds=[theirs.fileno()], env=env,
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            cwd="/tmp" if use_bubblewrap else self.scratch)
        theirs.close()
        self.control = ours
        self.control.settimeout(120)
        try:
            ready = self._receive()
        except (OSError, WorkerDied, wire.WireError) as err:
            reason = self._stderr_tail() or err  # before close(), which closes the pipe it reads
            self.close()
            raise WorkerDied(f"the sandbox did not start: {reason}") from None
        self.warm_up_seconds = ready.get("warm_up_seconds", 0.0)

    def _receive(self) -> dict:
        data = self.control.recv(1 << 20)
        if not data:
            raise WorkerDied("the sandbox's fork server exited")
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
        """A fresh child with the notebook's cells loaded; killed on exit, whatever happened."""
        ours, theirs = socket.socketpair()
        try:
            socket.send_fds(self.control, [wire.dumps({"op": "run", "limits": self.limits.for_child()})],
                            [theirs.fileno()])
            theirs.close()
            self._receive()  # {"pid": ...}
        except OSError as err:
            raise WorkerDied(f"the sandbox's fork server is gone: {err}") from None
        started = time.monotonic()
        transport = SocketTransport(ours, call_timeout=self.limits.load_seconds,
                                    deadline=started + self.limits.submission_seconds)
        try:
            loaded = transport.request({"op": "load", "cells": cells})
            transport.call_timeout = self.limits.call_seconds + BACKSTOP_SECONDS
            yield loaded, StudentProxy(transport)
        finally:
            ours.close()
            self._finish()

    def _finish(self) -> None:
        try:
            self.control.sendall(wire.dumps({"op": "finish"}))
            self._receive()
        except (OSError, wire.WireError) as err:
            raise WorkerDied(f"the sandbox's fork server is gone: {err}") from None

    def alive(self) -> bool:
        return self.process.poll() is None

    def close(self) -> None:
        self.control.close()
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        if self.process.stderr is not None:
            self.process.stderr.close()
        remove_cgroup(self.cgroup)
        shutil.rmtree(self.scratch, ignore_errors=True)
