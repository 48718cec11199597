"""Fork server that lives inside the sandbox.

It imports what the assignment needs (numpy and matplotlib, torch only where the
catalogue says so: a zygote holding torch takes 10 ms longer to fork a child and
to end it) once and warms them up, then forks one
fresh child per submission.  The grader passes each child its own socket
(SCM_RIGHTS over the control socket) and talks to it directly; the zygote only
forks, limits and finally kills.

Control protocol (framed JSON, see ``wire``), grader -> zygote:
  {"op": "run", "limits": {...}} + one fd   -> {"pid": int}
  {"op": "finish"}                          -> {"exit": int}   (child and everything it spawned are killed)
"""
from __future__ import annotations

import argparse
import ctypes
import gc
import os
import resource
import signal
import socket
import sys
import time
import types

from . import wire
from .privileges import PR_SET_DUMPABLE, DropFailed, drop_privileges, set_not_dumpable


PRELOADABLE = ("numpy", "matplotlib", "torch")


def warm_up(preload: tuple[str, ...] = PRELOADABLE) -> None:
    """Pay the import and first-step costs once, before any fork."""
    os.environ.setdefault("MPLBACKEND", "Agg")
    import numpy as np
    if "torch" in preload:
        import torch

        # One thread: forked children must not inherit a half-initialised pool,
        # and parallelism comes from grading several submissions at once.
        torch.set_num_threads(1)
        torch.set_num_interop_threads(1)
        model = torch.nn.Linear(2, 1)
        optimiser = torch.optim.SGD(model.parameters(), lr=0.1)
        x, y = torch.randn(8, 2), torch.rand(8, 1).round()
        for _ in range(2):
            optimiser.zero_grad()
            loss = torch.nn.functional.binary_cross_entropy_with_logits(model(x), y)
            loss.backward()
            optimiser.step()
        torch.sigmoid(torch.from_numpy(np.linspace(-5, 5, 11)))
    if "matplotlib" in preload:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        fig, ax = plt.subplots()
        ax.plot([0, 1], [0, 1], label="warm")
        ax.legend()
        ax.set_xlabel("x")
        plt.close(fig)
    from . import measure, objects, student_side  # noqa: F401 - before any fork: a child running as another user may not read us
    measure.bind_torch()  # torch's functions bound once, here, for every child
    if "matplotlib" in preload:
        objects.prepare_axes()
    gc.collect()
    gc.freeze()  # the warmed objects are never collected again: a child's collections leave their pages shared


def apply_limits(limits: dict) -> None:
    """Resource limits for one submission's child (values in seconds and bytes)."""
    def cap(kind: int, value: int) -> None:
        soft, hard = resource.getrlimit(kind)
        value = value if hard == resource.RLIM_INFINITY else min(value, hard)
        resource.setrlimit(kind, (value, value))

    cap(resource.RLIMIT_CPU, int(limits["cpu_seconds"]))
    # Address space: what the warmed-up process already maps plus the budget.
    with open("/proc/self/statm") as statm:
        mapped = int(statm.read().split()[0]) * resource.getpagesize()
    cap(resource.RLIMIT_AS, mapped + int(limits["memory_bytes"]))
    cap(resource.RLIMIT_FSIZE, int(limits["file_bytes"]))
    cap(resource.RLIMIT_CORE, 0)
    if os.getuid() != 0:  # the kernel does not apply NPROC to root
        cap(resource.RLIMIT_NPROC, int(limits["processes"]))


def serve_child(sock: socket.socket, call_seconds: float) -> None:
    """Run one submission: load its cells, then answer calls until EOF."""
    from .student_side import Session

    main = types.ModuleType("__main__")  # the student's namespace is __main__, as in a notebook's kernel
    session = Session(namespace=main.__dict__, time_limit=call_seconds)
    _hide_the_kit(main)
    stream = sock.makefile("rb")

    def read_exactly(n: int) -> bytes:
        data = stream.read(n)
        if data is None or len(data) < n:
            raise EOFError
        return data

    def call_back(message: dict) -> dict:
        sock.sendall(wire.dumps(message))
        return wire.read_message(read_exactly)

    session.callback = call_back
    while True:
        try:
            request = wire.read_message(read_exactly)
        except (EOFError, wire.WireError):
            return
        if request.get("op") == "load":
            reply = session.load([str(c) for c in request["cells"]])
        else:
            try:
                reply = session.handle(request)
            except (wire.WireError, KeyError, TypeError, ValueError) as err:
                reply = {"protocol_error": str(err)}
        sock.sendall(wire.dumps(reply))


def _kit_modules() -> tuple[str, ...]:
    """The sandbox package's modules, listed once before any fork: a child walking ``sys.modules`` itself would
    touch (and so copy) a page of memory for every module name, about 1.4 ms per child."""
    package = __package__ or __name__.rpartition(".")[0]
    return tuple(n for n in sys.modules if n == package or n.startswith(package + "."))


_KIT_MODULES: tuple[str, ...] = ()


def _hide_the_kit(main: types.ModuleType) -> None:
    """Before student code runs: it cannot import the sandbox package (the session's recipes and measurements,
    already bound, live only in our frames) nor reach this fork server as ``__main__``."""
    for name in _KIT_MODULES:
        sys.modules.pop(name, None)
    sys.modules["__main__"] = main
    kit = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != kit]


def _kill_everything_but_me(child: int, cgroup_procs: str | None = None) -> int:
    """Kill the child, its process group and every stray; return the child's exit code.

    The strays: in our own PID namespace every other process; outside one, every process of our cgroup
    (``cgroup_procs``, its ``cgroup.procs`` file) but us, which holds whatever a child started, however it
    detached (``setsid``, a double fork); without either, the process group is all we know.
    """
    for target in (lambda: os.killpg(child, signal.SIGKILL), lambda: os.kill(child, signal.SIGKILL)):
        try:
            target()
        except (ProcessLookupError, PermissionError):
            pass
    exit_code = _reap(child)
    if os.getpid() <= 3:  # (nearly) init of a private PID namespace
        def strays() -> list[int]:
            return [int(n) for n in os.listdir("/proc") if n.isdigit() and int(n) not in (1, os.getpid())]
    elif cgroup_procs is not None:
        def strays() -> list[int]:
            try:
                with open(cgroup_procs) as procs:
                    return [int(n) for n in procs.read().split() if int(n) != os.getpid()]
            except OSError:
                return []
    else:
        return exit_code
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:  # sweep until no stray is left: dying takes a while
        others = strays()
        if not others:
            break
        for pid in others:
            try:
                os.kill(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        _reap_orphans()
        time.sleep(0.005)
    return exit_code


def _first_for_the_oom_killer() -> None:
    """In a child, before student code runs: the kernel's OOM killer takes it (or what it starts) first, never
    the fork server.  Set while still root (plain, as root), the score cannot be lowered again.  Best effort.

    A process that is not dumpable has its /proc files owned by root: dumpable for the moment of the write.
    """
    ctypes.CDLL(None).prctl(PR_SET_DUMPABLE, 1, 0, 0, 0)
    try:
        with open("/proc/self/oom_score_adj", "w") as score:
            score.write("1000")
    except OSError:
        pass
    finally:
        set_not_dumpable()


SCRATCH = "/tmp"
# What warm-up left in the scratch dir (matplotlib's cache), by path: restored after every child, so each child
# starts from exactly this and nothing one child writes (a planted matplotlibrc, a poisoned cache) reaches the next.
_PRISTINE: dict[str, bytes] = {}


def _silence_output() -> None:
    """Point fds 1 and 2 at /dev/null: a flood written with os.write goes nowhere, blocks nothing."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    os.close(devnull)


def _become(uid: int, workdir: str) -> None:
    """Drop root for good: the child runs as ``uid``, owns only its working dir, and cannot come back."""
    os.chown(workdir, uid, uid)
    drop_privileges(uid, uid)


def _check_children_can_drop(uid: int) -> None:
    """Before the first submission: a child that cannot drop to ``uid`` would run student code as root."""
    trial = os.fork()
    if trial == 0:
        try:
            drop_privileges(uid, uid)
        except BaseException:  # noqa: BLE001 - the exit code says it
            os._exit(1)
        os._exit(0)
    if _reap(trial) != 0:
        raise DropFailed(f"a child could not drop to uid {uid}")


def _fresh_workdir() -> str:
    path = os.path.join(SCRATCH, "submission")
    os.makedirs(path, exist_ok=True)
    return path


def _remember_scratch() -> None:
    """After warm-up: the files warm-up wrote in the scratch dir, the state every child starts from.

    Only the scratch dir's own file system: under bubblewrap the scratch dir is /tmp, and what is mounted
    inside it (the kit and its virtualenv, when they live under /tmp) is not scratch.
    """
    device = os.stat(SCRATCH).st_dev
    for folder, folders, names in os.walk(SCRATCH):
        folders[:] = [d for d in folders if os.lstat(os.path.join(folder, d)).st_dev == device]
        for name in names:
            path = os.path.join(folder, name)
            if os.path.isfile(path) and not os.path.islink(path) and os.lstat(path).st_dev == device:
                with open(path, "rb") as f:
                    _PRISTINE[os.path.relpath(path, SCRATCH)] = f.read()
    _write_back()


def _stamp(status: os.stat_result) -> tuple[int, ...]:
    """What changes whenever a file's bytes do: its ctime too, which no unprivileged process can set back."""
    return status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns


def _clear_scratch() -> None:
    """Remove everything a submission left in the scratch dir and put back what it changed of warm-up's files.

    Unchanged warm-up files stay (rewriting them all cost each child about half a millisecond); the scratch
    dir's own file system only, never a mount inside it.
    """
    kept_folders = {os.path.dirname(relative) for relative in _PRISTINE}

    def clear(folder: str, relative: str, device: int) -> None:
        for entry in os.scandir(folder):
            inside = os.path.join(relative, entry.name) if relative else entry.name
            try:
                status = entry.stat(follow_symlinks=False)
                if status.st_dev != device:
                    continue
                if entry.is_dir(follow_symlinks=False):
                    clear(entry.path, inside, device)
                    if not any(k == inside or k.startswith(inside + os.sep) for k in kept_folders):
                        os.rmdir(entry.path)
                elif not (entry.is_file(follow_symlinks=False) and _STAMPS.get(inside) == _stamp(status)):
                    os.unlink(entry.path)
            except OSError:
                pass
    try:
        clear(SCRATCH, "", os.stat(SCRATCH).st_dev)
    except OSError:
        pass
    _write_back()


_STAMPS: dict[str, tuple[int, ...]] = {}  # warm-up's files as last written back


def _write_back() -> None:
    """Write each warm-up file that is missing, and remember how it looks now."""
    for relative, data in _PRISTINE.items():
        path = os.path.join(SCRATCH, relative)
        try:
            if relative not in _STAMPS or not os.path.exists(path):
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(path, "wb") as f:
                    f.write(data)
                _STAMPS[relative] = _stamp(os.lstat(path))
        except OSError:  # a cache file the next child lacks costs it time, never the fork server
            _STAMPS.pop(relative, None)


def _reap_orphans() -> None:
    """Collect any exited processes re-parented to us, without waiting."""
    while True:
        try:
            if os.waitpid(-1, os.WNOHANG) == (0, 0):
                return
        except ChildProcessError:
            return


def _reap(child: int) -> int:
    _, status = os.waitpid(child, 0)
    _reap_orphans()
    return os.waitstatus_to_exitcode(status)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--control-fd", type=int, required=True)
    parser.add_argument("--scratch", default="/tmp")
    parser.add_argument("--drop-to", type=int, help="become this uid at once (under bubblewrap, started as root)")
    parser.add_argument("--children-as", type=int, help="run each child as this uid (plain processes, as root)")
    parser.add_argument("--cpu", type=int, help="run (and let every child run) on this CPU only")
    parser.add_argument("--kill-cgroup", help="the cgroup.procs file of our cgroup: after each submission every "
                        "process listed there but us is killed (without a PID namespace of our own)")
    parser.add_argument("--preload", default=",".join(PRELOADABLE),
                        help="the heavy modules to import and warm before forking (comma-separated)")
    args = parser.parse_args()
    if args.cpu is not None:
        try:
            os.sched_setaffinity(0, {args.cpu})
        except OSError:  # not ours to use here (a CPU set changed): any CPU will do
            pass
    global SCRATCH
    SCRATCH = args.scratch
    control = socket.socket(fileno=args.control_fd)
    started = time.perf_counter()
    try:
        if args.drop_to is not None:
            drop_privileges(args.drop_to, args.drop_to)
        warm_up(tuple(filter(None, args.preload.split(","))))
        _remember_scratch()
        global _KIT_MODULES
        _KIT_MODULES = _kit_modules()
        set_not_dumpable()
        if args.children_as is not None:
            _check_children_can_drop(args.children_as)
    except DropFailed as err:
        sys.exit(f"the sandbox could not give up root: {err}")
    control.sendall(wire.dumps({"ready": True, "warm_up_seconds": time.perf_counter() - started}))
    child = None
    while True:
        message, fds, _, _ = socket.recv_fds(control, 1 << 20, 1)
        if not message:
            return
        request = wire.parse(message)
        if request["op"] == "run":
            (fd,) = fds
            child = os.fork()
            if child == 0:
                control.close()
                os.setsid()
                _first_for_the_oom_killer()
                _silence_output()
                workdir = _fresh_workdir()
                os.chdir(workdir)  # first: the account may not be allowed to walk the path to it
                if args.children_as is not None:
                    try:
                        _become(args.children_as, workdir)
                    except (OSError, DropFailed):
                        os._exit(70)  # never run student code as root
                apply_limits(request["limits"])
                sock = socket.socket(fileno=fd)
                try:
                    serve_child(sock, float(request["limits"]["call_seconds"]))
                finally:
                    os._exit(0)
            os.close(fd)
            control.sendall(wire.dumps({"pid": child}))
        elif request["op"] == "finish" and child is not None:
            exit_code = _kill_everything_but_me(child, args.kill_cgroup)
            _clear_scratch()
            control.sendall(wire.dumps({"exit": exit_code}))
            child = None


if __name__ == "__main__":
    main()
