"""Who student code runs as, and what it sees: the sandbox account, the sandbox package, bubblewrap's command.

Three walls, each enough on its own to keep the kit unchanged:
- **an unprivileged account.** When the grader is root, student code runs as a uid of its own (one per
  worker, claimed with a lock file, never an account of ``/etc/passwd``) with no capabilities and
  ``no_new_privs``: it cannot remount, ptrace root's processes or write root's files;
- **read-only binds.** Under bubblewrap only the system, Python and a private copy of the sandbox package
  are in view, all bound read-only (no capability can undo that);
- **a private, checked copy of the sandbox package.** The fork server imports a root-owned copy made for
  each worker, never the repository's files, and a worker refuses to start when the package on disk is
  no longer what the grading process loaded (its digest is taken at import).

As root, bubblewrap sets up the mounts with only CAP_SETUID, CAP_SETGID and CAP_SETPCAP left, and the
fork server drops to the worker's uid before it imports anything else (``sandbox/privileges.py``); no
user namespace is needed.  As another user, bubblewrap runs unprivileged in a user namespace of its own,
with every capability dropped and no further user namespaces.
"""
from __future__ import annotations

import fcntl
import grp
import hashlib
import os
import pwd
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from functools import cache
from pathlib import Path

SANDBOX_PACKAGE = Path(__file__).parent.parent / "sandbox"
KIT_PACKAGE = Path(__file__).parent.parent  # the whole kit: never in the sandbox's view
INSIDE_ROOT = "/opt/kit"  # where the sandbox package appears inside bubblewrap
SYSTEM_PATHS = ["/usr", "/bin", "/lib", "/lib64", "/lib32", "/sbin",
                "/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/alternatives",
                "/etc/fonts", "/etc/localtime", "/etc/passwd", "/etc/group", "/etc/nsswitch.conf"]
# The uids student code may run as: below systemd's dynamic users (61184-65519), in Debian's range for
# accounts created on demand (60000-64999), skipping any that /etc/passwd or /etc/group names.
FIRST_SANDBOX_UID = int(os.environ.get("AUTOGRADER_SANDBOX_UID", "61000"))
SANDBOX_UIDS = 64
LOCK_FOLDER = Path(tempfile.gettempdir())


class SandboxChanged(RuntimeError):
    """The sandbox package on disk is not the one the grading process loaded."""


def package_digest(folder: Path = SANDBOX_PACKAGE) -> str:
    """SHA-256 over the package's Python files, names and bytes."""
    digest = hashlib.sha256()
    for path in sorted(folder.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


LOADED_DIGEST = package_digest()


def stage_sandbox_package(parent: Path) -> Path:
    """A read-only copy of the sandbox package in ``parent`` (made by the grader), checked against the loaded one.

    Raises ``SandboxChanged`` when the package's files changed since the grading process started: a
    submission graded earlier may have written them, and the fork server must never run what it wrote.
    """
    staged = parent / "kit" / "sandbox"
    staged.mkdir(parents=True)
    for path in sorted(SANDBOX_PACKAGE.glob("*.py")):
        (staged / path.name).write_bytes(path.read_bytes())
    if package_digest(staged) != LOADED_DIGEST:
        shutil.rmtree(parent / "kit", ignore_errors=True)
        raise SandboxChanged(f"the sandbox package in {SANDBOX_PACKAGE} changed since grading started; "
                             "refusing to start a sandbox with it (restore it, e.g. with git checkout, and rerun)")
    for path in staged.iterdir():
        path.chmod(0o444)
    for folder in (staged, staged.parent):
        folder.chmod(0o755)
    return staged


class SandboxAccount:
    """An unprivileged uid (and gid of the same number) held by one worker, released on ``close``."""

    def __init__(self, uid: int, lock: int):
        self.uid = self.gid = uid
        self._lock = lock

    @classmethod
    def claim(cls) -> SandboxAccount | None:
        """A free sandbox uid when the grader is root (None otherwise: student code runs as the grader)."""
        if os.getuid() != 0:
            return None
        for uid in range(FIRST_SANDBOX_UID, FIRST_SANDBOX_UID + SANDBOX_UIDS):
            if _named(uid):
                continue
            lock = os.open(LOCK_FOLDER / f"autograder-sandbox-uid-{uid}.lock",
                           os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:  # another worker, of this run or another, holds it
                os.close(lock)
                continue
            return cls(uid, lock)
        raise RuntimeError(f"all {SANDBOX_UIDS} sandbox uids from {FIRST_SANDBOX_UID} are in use")

    def close(self) -> None:
        if self._lock >= 0:
            os.close(self._lock)
            self._lock = -1


def _named(uid: int) -> bool:
    """Whether an account or group already has this number: student code must never act as someone."""
    for lookup in (pwd.getpwuid, grp.getgrgid):
        try:
            lookup(uid)
            return True
        except KeyError:
            pass
    return False


def bubblewrap() -> str | None:
    return shutil.which("bwrap")


@cache
def _bubblewrap_can(option: str) -> bool:
    found = bubblewrap()
    if found is None:
        return False
    shown = subprocess.run([found, "--help"], capture_output=True, text=True, check=False)
    return option in shown.stdout + shown.stderr


def _python_roots() -> list[str]:
    """Directories the interpreter and its packages live in, bound read-only."""
    roots = {sys.base_prefix, sys.prefix, sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    real = {str(Path(p).resolve()) for p in roots} | roots
    return sorted(p for p in real if Path(p).exists())


def python_hidden_from_others() -> list[str]:
    """Python's folders that another uid cannot reach (a folder above lacks o+x, as /root usually does).

    Without bubblewrap a child dropped to a sandbox uid can then import only what was imported before it
    dropped: bubblewrap instead shows such folders through directories anyone may enter.
    """
    def reachable(path: Path) -> bool:
        return all(os.stat(folder).st_mode & 0o001 for folder in [path, *path.parents])

    return [root for root in _python_roots() if not reachable(Path(root))]


def _open_parents(destinations: list[str]) -> list[str]:
    """Directories bubblewrap must create above the binds, made 0755: it would make them 0700, which a
    sandbox uid cannot enter (e.g. /root above a pyenv Python)."""
    def inside_a_bind(path: str) -> bool:
        return any(path == d or path.startswith(d.rstrip("/") + "/") for d in destinations)

    parents = {str(p) for d in destinations for p in Path(d).parents if str(p) != "/"}
    command: list[str] = []
    for parent in sorted((p for p in parents if not inside_a_bind(p)), key=lambda p: (p.count("/"), p)):
        command += ["--perms", "0755", "--dir", parent]
    return command


def bubblewrap_command(python: str, control_fd: int, staged: Path, account: SandboxAccount | None) -> list[str]:
    command = [bubblewrap(), "--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts",
               "--unshare-cgroup-try", "--die-with-parent", "--new-session",
               "--proc", "/proc", "--dev", "/dev", "--perms", "1777", "--tmpfs", "/tmp",
               "--perms", "0755", "--dir", "/var", "--symlink", "/tmp", "/var/tmp",  # emptied with /tmp
               "--clearenv", "--setenv", "HOME", "/tmp", "--setenv", "PATH", "/usr/bin:/bin",
               "--setenv", "PYTHONPATH", INSIDE_ROOT, "--setenv", "MPLBACKEND", "Agg",
               "--setenv", "MPLCONFIGDIR", "/tmp/matplotlib", "--setenv", "OMP_NUM_THREADS", "1",
               "--setenv", "PYTHONDONTWRITEBYTECODE", "1", "--setenv", "PYTHONNOUSERSITE", "1"]
    if account is None:  # bubblewrap runs unprivileged: a user namespace, no capabilities, no nested namespaces
        command += ["--unshare-user", "--cap-drop", "ALL"]
        if _bubblewrap_can("--disable-userns"):
            command += ["--disable-userns"]
    else:  # root sets up the mounts; the fork server keeps only what it needs to drop to the sandbox uid
        command += ["--cap-drop", "ALL", "--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID",
                    "--cap-add", "CAP_SETPCAP"]
    binds = [(path, path) for path in SYSTEM_PATHS + _python_roots() if Path(path).exists()]
    binds.append((str(staged), f"{INSIDE_ROOT}/sandbox"))
    command += _open_parents([inside for _, inside in binds])
    for outside, inside in binds:
        command += ["--ro-bind", outside, inside]
    # If the kit itself is installed inside site-packages, hide it: graders must stay unseen.
    for root in _python_roots():
        if KIT_PACKAGE.resolve().is_relative_to(Path(root).resolve()):
            command += ["--tmpfs", str(KIT_PACKAGE)]
    command += ["--chdir", "/tmp", python, "-s", "-m", "sandbox.zygote", "--control-fd", str(control_fd)]
    if account is not None:
        command += ["--drop-to", str(account.uid)]
    return command


def plain_command(python: str, control_fd: int, scratch: str) -> list[str]:
    return [python, "-m", "sandbox.zygote", "--control-fd", str(control_fd), "--scratch", scratch]
