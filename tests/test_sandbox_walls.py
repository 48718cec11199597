"""Student code cannot take over the grader: not root, no capabilities, nothing of the kit writable.

A hostile notebook (the reference answers plus a cell that tries every escape found so far: remounting
each mount read-write, directly and from a nested user namespace, writing into the sandbox package, the
repository and Python, opening the fork server's memory) is graded through the real worker, with and
without bubblewrap.  Its cell prints what it found; each test checks one wall.  The cell never tries the
destructive steps while it still holds a privilege: the identity test fails instead.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import sys
import sysconfig
from pathlib import Path

import pytest

from autograder import catalogue
from autograder.grading import confinement
from autograder.grading.one import WorkerSlot, grade_file
from autograder.grading.prepared import Grading
from autograder.grading.sandbox_worker import Limits, Worker, WorkerDied, bubblewrap
from autograder.samples.sample_class import notebook_for, sample_students

pytestmark = pytest.mark.slow
ROOT = catalogue.ROOT
AS_ROOT = os.getuid() == 0
SITE_PACKAGES = Path(sysconfig.get_paths()["purelib"])
MARKER = "WALLS:"

ESCAPE = r'''
import ctypes, json, os, subprocess, sys, uuid
import numpy
SANDBOX = os.path.join(os.environ["PYTHONPATH"].split(os.pathsep)[0], "sandbox")  # not importable: found as an attacker would

MS_REMOUNT, MS_BIND = 32, 4096
libc = ctypes.CDLL(None, use_errno=True)
status = dict(line.split(":", 1) for line in open("/proc/self/status"))
found = {"uid": os.getuid(), "euid": os.geteuid(), "gid": os.getgid(), "groups": os.getgroups(),
         "caps": {k: int(status[k], 16) for k in ("CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb")},
         "no_new_privs": int(status["NoNewPrivs"])}
privileged = found["uid"] == 0 or any(found["caps"][k] for k in ("CapPrm", "CapEff"))
found["privileged"] = privileged

def remount(path):
    if libc.mount(None, path.encode(), None, MS_REMOUNT | MS_BIND, None) == 0:
        return "remounted"
    return os.strerror(ctypes.get_errno())

def run(*command):
    try:
        done = subprocess.run(command, capture_output=True, timeout=10)
        return [done.returncode, done.stdout.decode()[-300:], done.stderr.decode()[-300:]]
    except Exception as err:
        return [type(err).__name__]

def write_into(folder):
    path = os.path.join(folder, f".escape-{uuid.uuid4().hex}.py")
    try:
        with open(path, "w") as f:
            f.write("ESCAPED = True\n")
    except OSError as err:
        return type(err).__name__
    os.unlink(path)  # leave nothing behind even when the wall failed: the finding says it
    return "written"

def open_for_writing(path):
    try:
        open(path, "r+b").close()  # writes nothing: being allowed to is the finding
        return "opened"
    except OSError as err:
        return type(err).__name__

mounts = [line.split()[4] for line in open("/proc/self/mountinfo")]
found["mounts"] = mounts
if not privileged:
    found["remount"] = {m: remount(m) for m in mounts}
    found["remount_command"] = {m: run("mount", "-o", "remount,rw,bind", m)[0] for m in ("/", "/usr", mounts[-1])}
    found["nested_userns"] = run("unshare", "-Urm", "sh", "-c",
                                 "mount -o remount,rw,bind /usr && echo REMOUNTED; touch /usr/.escape && echo WROTE")
    targets = TARGETS + [SANDBOX, os.path.dirname(numpy.__file__), sys.prefix,
                         os.path.join(sys.prefix, "bin"), os.path.dirname(os.__file__)] + mounts
    found["writes"] = {t: write_into(t) for t in targets}
    files = FILES + [os.path.join(SANDBOX, "zygote.py"), numpy.__file__, os.__file__, sys.executable]
    found["opened"] = {f: open_for_writing(f) for f in files}
found["fork_server"] = os.getppid()
try:
    open(f"/proc/{os.getppid()}/mem", "rb").close()
    found["fork_server_mem"] = "opened"
except OSError as err:
    found["fork_server_mem"] = type(err).__name__
print("WALLS:" + json.dumps(found))
'''


def _targets() -> list[str]:
    """Folders of the kit and of Python the cell tries to write into (absent ones are fine: out of view)."""
    return [str(p) for p in (ROOT, ROOT / "autograder", ROOT / "autograder" / "sandbox", ROOT / "solutions",
                             ROOT / "autograder" / "graders", SITE_PACKAGES, SITE_PACKAGES / "numpy",
                             Path(sys.base_prefix) / "lib")]


def _files() -> list[str]:
    """Files of the kit and of Python the cell tries to open for writing."""
    return [str(p) for p in (ROOT / "autograder" / "sandbox" / "zygote.py", ROOT / "autograder" / "classrun" / "schedule.py",
                             ROOT / "solutions" / "01_sigmoid.py", SITE_PACKAGES / "numpy" / "__init__.py")]


def tree_digest(folder: Path, content: bool) -> str:
    """Every file under ``folder``: its bytes (``content``) or its size, mode and mtime (large trees)."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if "__pycache__" in path.parts or ".git" in path.parts or not path.is_file() or path.is_symlink():
            continue
        digest.update(str(path).encode())
        if content:
            digest.update(path.read_bytes())
        else:
            stat = path.stat()
            digest.update(f"{stat.st_size} {stat.st_mode} {stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def kit_digests() -> dict[str, str]:
    kit = {name: tree_digest(ROOT / name, content=True)
           for name in ("autograder", "solutions", "assignments", "source", "release", "tests")}
    return kit | {"venv": tree_digest(Path(sys.prefix), content=False),
                  "python": tree_digest(Path(sys.base_prefix) / "lib", content=False)}


MODES = ["bubblewrap", "plain"]


@pytest.fixture(scope="module", params=MODES)
def graded(request, tmp_path_factory) -> dict:
    """The hostile notebook graded once per mode; what its cell found, the result, the digests around it."""
    mode = request.param
    if mode == "bubblewrap" and bubblewrap() is None:
        pytest.skip("bubblewrap is not installed")
    if mode == "plain" and not AS_ROOT:
        pytest.skip("without bubblewrap and root, student code runs as the grader: nothing is promised")
    assignment = catalogue.load("01_sigmoid")
    (ada,) = [s for s in sample_students(assignment.id) if s.id == "ada"]
    cell = f"TARGETS = {_targets()!r}\nFILES = {_files()!r}\n" + ESCAPE
    escaper = dataclasses.replace(ada, id="escaper", extra_cells=(cell,))
    folder = tmp_path_factory.mktemp(f"walls-{mode}")
    path = folder / "escaper.ipynb"
    path.write_text(notebook_for(escaper, assignment), encoding="utf-8")
    before = kit_digests()
    slot = WorkerSlot(lambda: Worker(Limits(), use_bubblewrap=mode == "bubblewrap",
                                     scratch_parent=folder / "scratch"))
    try:
        result = grade_file(slot, Grading.prepare(assignment), path)
        account = slot.warm().account
    finally:
        slot.close()
    (line,) = [ln for ln in result.output.splitlines() if ln.startswith(MARKER)]
    return {"mode": mode, "found": json.loads(line[len(MARKER):]), "result": result, "before": before,
            "after": kit_digests(), "account": account, "max_score": assignment.max_score}


def test_the_hostile_notebook_is_still_graded_in_full(graded):
    assert graded["result"].status == "graded"
    assert graded["result"].score == graded["max_score"]


def test_student_code_is_not_root_and_holds_no_capability(graded):
    found = graded["found"]
    assert found["caps"] == {"CapInh": 0, "CapPrm": 0, "CapEff": 0, "CapBnd": 0, "CapAmb": 0} or (
        not AS_ROOT and found["caps"]["CapEff"] == 0 == found["caps"]["CapPrm"]), found["caps"]
    assert found["no_new_privs"] == 1
    if AS_ROOT:
        uid = graded["account"].uid
        assert (found["uid"], found["euid"], found["gid"], found["groups"]) == (uid, uid, uid, [])
        assert uid != 0
    else:
        assert found["uid"] == os.getuid() != 0


def test_no_mount_can_be_made_writable(graded):
    found = graded["found"]
    assert not found["privileged"]
    assert len(found["remount"]) == len(set(found["mounts"])) >= 3
    assert {m: r for m, r in found["remount"].items() if r == "remounted"} == {}
    assert all(code != 0 for code in found["remount_command"].values()), found["remount_command"]
    nested = found["nested_userns"]
    assert "REMOUNTED" not in nested[1] and "WROTE" not in nested[1], nested


def test_the_kit_and_python_cannot_be_written(graded):
    writes = graded["found"]["writes"]
    assert {t: r for t, r in writes.items() if r == "written" and not t.startswith(("/tmp", "/var/tmp", "/dev"))} == {}
    assert writes[_targets()[2]] != "written"  # the repository's sandbox package, whether in view or not
    opened = graded["found"]["opened"]
    assert set(_files()) < set(opened) and set(opened.values()) <= {"PermissionError", "OSError",
                                                                          "FileNotFoundError"}, opened
    if graded["mode"] == "bubblewrap":
        assert writes["/opt/kit/sandbox"] != "written"


def test_the_fork_server_s_memory_is_out_of_reach(graded):
    assert graded["found"]["fork_server_mem"] in ("PermissionError", "FileNotFoundError")


def test_nothing_in_the_repository_or_python_changed(graded):
    changed = [name for name, digest in graded["before"].items() if graded["after"][name] != digest]
    assert changed == []


def test_a_changed_sandbox_package_stops_every_new_worker(monkeypatch, tmp_path):
    """A submission graded earlier might have rewritten it: the fork server must never import that."""
    copy = tmp_path / "sandbox"
    copy.mkdir()
    for source in confinement.SANDBOX_PACKAGE.glob("*.py"):
        (copy / source.name).write_bytes(source.read_bytes())
    monkeypatch.setattr(confinement, "SANDBOX_PACKAGE", copy)
    Worker(Limits(), scratch_parent=tmp_path / "ok").close()  # the same files: it starts
    with (copy / "zygote.py").open("a") as zygote:
        zygote.write("\nESCAPED = True\n")
    with pytest.raises(WorkerDied, match="changed since grading started; refusing"):
        Worker(Limits(), scratch_parent=tmp_path / "refused")


@pytest.mark.skipif(not AS_ROOT, reason="only root runs student code as another uid")
def test_each_worker_runs_as_its_own_uid_never_an_account(monkeypatch):
    named = {confinement.FIRST_SANDBOX_UID}
    monkeypatch.setattr(confinement, "_named", lambda uid: uid in named)
    first, second = confinement.SandboxAccount.claim(), confinement.SandboxAccount.claim()
    try:
        assert first.uid != second.uid and named.isdisjoint({first.uid, second.uid})
        assert 0 not in (first.uid, second.uid)
        uid = first.uid
        first.close()
        again = confinement.SandboxAccount.claim()
        assert again.uid == uid  # released with the worker
        again.close()
    finally:
        second.close()
