"""The cgroups a worker's fork server, and every process it starts, live in: one counts processes, one memory.

``RLIMIT_NPROC`` does not bind root and ``RLIMIT_AS`` binds one process at a time, so a submission that forks
can pass both; a cgroup holds every process the fork server starts, however it detaches (``setsid``, a double
fork).  The grading side cannot place a child itself (under bubblewrap the fork server reports pids of its own
PID namespace), so the fork server joins its cgroups before it execs (``in_cgroup``) and its children inherit
them.  A worker's cgroup is made below the grading process's own cgroup of that controller, so that every limit
above still applies; where that cgroup may not take children (cgroup v2 forbids controllers below a cgroup that
holds processes), at the hierarchy's root.  cgroup v1 (a hierarchy per controller) and v2 (one unified
hierarchy) both work.  Best effort: where none can be made, ``None`` (``sandbox_warning`` says so).
"""
from __future__ import annotations

import os
import time
import uuid
from pathlib import Path
from typing import Callable, Sequence

SELF = Path("/proc/self")


def _mounts() -> list[tuple[str, set[str], str, Path]]:
    """The cgroup file systems mounted here: (type, mount options, the hierarchy's path mounted, mount point)."""
    try:
        lines = (SELF / "mountinfo").read_text().splitlines()
    except OSError:
        return []
    found = []
    for line in lines:
        before, _, after = line.partition(" - ")
        fields, tail = before.split(), after.split()
        if len(fields) >= 5 and len(tail) >= 3 and tail[0] in ("cgroup", "cgroup2"):
            found.append((tail[0], set(tail[2].split(",")), fields[3], Path(fields[4])))
    return found


def places(controller: str) -> list[Path]:
    """Where a cgroup for ``controller`` may be made, best first: this process's own cgroup in the v1
    hierarchy of that controller, then in the v2 hierarchy; then those hierarchies' roots."""
    try:
        lines = (SELF / "cgroup").read_text().splitlines()
    except OSError:
        return []
    own = dict(line.split(":", 2)[1:] for line in lines if line.count(":") >= 2)  # controllers -> path ("" in v2)
    v1 = next((path for names, path in own.items() if controller in names.split(",")), None)
    hierarchies = [(v1, root, mount) for kind, options, root, mount in _mounts()
                   if kind == "cgroup" and controller in options]
    hierarchies += [(own.get(""), root, mount) for kind, _, root, mount in _mounts() if kind == "cgroup2"]
    mine = [Path(os.path.normpath(mount / os.path.relpath(path, root))) for path, root, mount in hierarchies
            if path is not None and not os.path.relpath(path, root).startswith("..")]
    roots = [mount for _, _, mount in hierarchies]
    return list(dict.fromkeys(p for p in mine + roots if (p / "cgroup.procs").exists()))


def make(controller: str, setup: Callable[[Path], None]) -> Path | None:
    """A fresh cgroup for ``controller``, set up by ``setup`` (which raises ``OSError`` where it cannot be)."""
    for parent in places(controller):
        _remove_stale_cgroups(parent)
        path = parent / f"autograder-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        try:
            subtree = parent / "cgroup.subtree_control"  # v2: a controller reaches children only when enabled
            if subtree.exists() and controller not in subtree.read_text().split():
                subtree.write_text(f"+{controller}")
            path.mkdir()
            setup(path)
            return path
        except OSError:
            remove_cgroup(path)
    return None


def make_pids_cgroup(limit: int) -> Path | None:
    """A cgroup that caps how many processes the sandbox may hold at once: a fork bomb stays one student's."""
    return make("pids", lambda path: (path / "pids.max").write_text(str(limit)))


def can_make(controller: str) -> bool:
    """Try the real thing: a cgroup v2 tree can look writable yet lack the controller."""
    probe = make_pids_cgroup(1) if controller == "pids" else MemoryCgroup.make()
    if isinstance(probe, MemoryCgroup):
        probe = probe.path
    remove_cgroup(probe)
    return probe is not None


class MemoryCgroup:
    """A worker's memory cgroup: the warm fork server plus one submission's budget, for all its processes at once.

    The kernel's OOM killer acts inside it when the processes together reach the limit; each child raised its
    own ``oom_score_adj`` to 1000, so a child dies, never the fork server.  ``kills()`` counts those deaths.
    """

    def __init__(self, path: Path):
        self.path = path
        self.v2 = (path / "memory.max").exists()
        self.warm = 0  # what the warmed fork server holds that no reclaim frees

    @classmethod
    def make(cls) -> MemoryCgroup | None:
        path = make("memory", lambda p: cls(p)._limit(None))
        return None if path is None else cls(path)

    def usage(self) -> int:
        return int((self.path / ("memory.current" if self.v2 else "memory.usage_in_bytes")).read_text())

    def cap(self, budget: int) -> None:
        """Limit the cgroup to what it holds now (the warmed fork server) plus ``budget`` bytes, swap included."""
        self.warm = self._pinned()
        self._limit(self.usage() + budget)

    def left_behind(self) -> int:
        """Bytes held beyond the warm fork server that no reclaim frees once a child is gone (files in a tmpfs
        such as /dev/shm): they would count against every later child's budget."""
        return self._pinned() - self.warm

    def _pinned(self) -> int:
        stat = self.path / "memory.stat"
        return sum(_field(stat, name) for name in (("anon", "shmem") if self.v2 else ("total_rss", "total_shmem")))

    def kills(self) -> int:
        """How many processes the OOM killer ended in this cgroup so far (v1 without that count: limit hits)."""
        try:
            if self.v2:
                return _field(self.path / "memory.events", "oom_kill")
            try:
                return _field(self.path / "memory.oom_control", "oom_kill")
            except KeyError:  # before Linux 4.13
                return int((self.path / "memory.failcnt").read_text())
        except (OSError, KeyError, ValueError):
            return 0

    def _limit(self, value: int | None) -> None:
        if self.v2:
            (self.path / "memory.max").write_text("max" if value is None else str(value))
            if (self.path / "memory.swap.max").exists():  # absent without swap accounting
                (self.path / "memory.swap.max").write_text("0")
            return
        (self.path / "memory.limit_in_bytes").write_text("-1" if value is None else str(value))
        if (self.path / "memory.memsw.limit_in_bytes").exists():  # memory plus swap: the same, so no swap
            (self.path / "memory.memsw.limit_in_bytes").write_text("-1" if value is None else str(value))


def _field(path: Path, name: str) -> int:
    """A counter from a flat-keyed cgroup file ("name value" per line)."""
    fields = dict(line.split(maxsplit=1) for line in path.read_text().splitlines() if " " in line)
    return int(fields[name])


def _remove_stale_cgroups(parent: Path) -> None:
    """Cgroups left by a grading run that was killed (it could not clean up): empty, their owner gone."""
    for path in parent.glob("autograder-*-*"):
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


def in_cgroup(cgroups: Sequence[Path | None], command: list[str]) -> list[str]:
    """Join the cgroups first, then exec the command: every process it starts is counted in each."""
    procs = [str(c / "cgroup.procs") for c in cgroups if c is not None]
    if not procs:
        return command
    join = 'n=$0; while [ "$n" -gt 0 ]; do echo $$ > "$1" || exit 1; shift; n=$((n - 1)); done; exec "$@"'
    return ["/bin/sh", "-c", join, str(len(procs)), *procs, *command]
