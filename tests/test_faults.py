"""Faults in the run itself (issue 23): a worker killed mid-submission, an output folder that is read-only or
full, notebooks built to choke the reader, LMS zips that try to write outside the output folder or to expand
without end.  Each gives a clear status or error; the run goes on, or stops keeping what it wrote.

One assignment (01_sigmoid) is enough: none of these paths depends on the assignment (the worker, the result
store, the notebook reader and the zip reader know nothing of its problems).
"""
from __future__ import annotations

import json
import os
import select
import stat
import subprocess
import threading
import time
import uuid
import zipfile
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import pytest

from autograder.classrun import schedule
from autograder.classrun.executors import local
from autograder.classrun.intake import discover
from autograder.cli import main
from autograder.grading.one import WorkerSlot, file_digest, grade_file
from autograder.grading.prepared import Grading
from autograder.grading.sandbox_worker import Limits, Worker
from autograder.lms.downloads import MAX_ZIP_MEMBERS, ZipRefused, read_zip
from autograder.results import ResultStore
from autograder.samples.records import SampleStudent
from autograder.samples.sample_class import notebook_for
from autograder.submission import MAX_NOTEBOOK_BYTES

FAST = Limits(call_seconds=2, submission_seconds=30, load_seconds=10)
KILL_MY_FORK_SERVER = "import os, signal\nos.kill(os.getppid(), signal.SIGKILL)\n"
SURROGATES = "raise ValueError('\ud800')  # \udcff"  # lone surrogates: valid in JSON, no valid UTF-8


@pytest.fixture(scope="module")
def reference(sigmoid_assignment) -> str:
    return notebook_for(SampleStudent("ada", "the reference solution"), sigmoid_assignment)


def notebook(reference: str, *extra_cells: str) -> str:
    """The reference notebook with code cells appended."""
    data = json.loads(reference)
    data["cells"] += [{"cell_type": "code", "source": src, "metadata": {}, "outputs": [], "execution_count": None}
                      for src in extra_cells]
    return json.dumps(data)


def results_in(out: Path) -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in (out / "results").glob("*.json")}


def snapshot(folder: Path, leave_out: Path) -> dict[str, int]:
    return {str(p): p.stat().st_size for p in folder.rglob("*") if leave_out not in (p, *p.parents)}


# 1. A worker killed mid-submission.

@pytest.mark.slow  # workers: ~3 s
def test_a_killed_worker_is_replaced_once_and_a_submission_that_kills_every_worker_is_marked(
        sigmoid_assignment, reference, tmp_path, monkeypatch):
    """The killer's cell SIGKILLs its fork server, in the first worker and in the fresh one: marked after one
    retry.  Then ada's worker is SIGKILLed from outside while she is graded: her retry is hers (a fresh worker
    for her, not the killer's dead one), and she gets full marks."""
    started: list[Worker] = []

    class Doomed(Worker):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            started.append(self)

        @contextmanager
        def submission(self, cells):
            with super().submission(cells) as opened:
                if len(started) > 2 and self is started[2]:  # the first worker ada gets
                    self.process.kill()
                    gone, _, _ = select.select([self.control], [], [], 30)  # its end of the socket closed
                    assert gone, "the fork server outlived its SIGKILL"
                yield opened

    monkeypatch.setattr(local, "Worker", Doomed)  # what the local executor starts
    (tmp_path / "killer.ipynb").write_text(notebook(reference, KILL_MY_FORK_SERVER))
    (tmp_path / "ada.ipynb").write_text(reference)
    workers_at: dict[str, int] = {}
    submissions = sorted(discover([tmp_path], sigmoid_assignment.id, sigmoid_assignment.notebook),
                         key=lambda s: s.student_id != "killer")
    run = schedule.grade_class(sigmoid_assignment, submissions, tmp_path / "out", jobs=1, limits=FAST,
                               on_result=lambda r, _: workers_at.setdefault(r.student_id, len(started)))
    killer, ada = run.results
    assert (killer.status, killer.score) == ("sandbox_error", 0)
    assert "died while it ran this notebook, and again in a fresh sandbox" in killer.message
    assert workers_at == {"killer": 2, "ada": 4}, "one retry each, each on a fresh worker"
    assert ada.status == "graded" and ada.score == sigmoid_assignment.max_score
    assert not any(w.alive() for w in started)


# 2. The output folder read-only or full.

@pytest.fixture
def tmpfs(tmp_path):
    """Mount a small tmpfs at a folder of ``tmp_path`` (``options``: mount's -o); unmounted at the end."""
    mounted: list[Path] = []

    def mount(options: str) -> Path:
        folder = tmp_path / f"mnt{len(mounted)}"
        folder.mkdir()
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True,
                              text=True)
        if done.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here (root and mount permission needed): {done.stderr.strip()}")
        mounted.append(folder)
        return folder

    yield mount
    for folder in mounted:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def fill(folder: Path) -> Path:
    """Write a file into ``folder`` until its disk is full."""
    filler = folder / "filler"
    with open(filler, "wb") as f:
        try:
            while True:
                f.write(bytes(64 * 1024))
                f.flush()
        except OSError:
            pass
    return filler


@pytest.mark.parametrize("fault, cause", [("read-only", "Read-only file system"), ("full", "No space left on device")])
def test_an_output_folder_that_cannot_be_written_is_said_before_grading(
        fault, cause, sigmoid_assignment, reference, tmpfs, tmp_path, capsys):
    """Said with the folder and the cause, exit 1, before any worker starts; the results already there stay."""
    disk = tmpfs("size=256k")
    out = disk / "out"
    earlier = Grading.prepare(sigmoid_assignment).not_graded("invalid_notebook", "an earlier result")
    ResultStore(out).write(replace(earlier, student_id="earlier"))
    kept = (out / "results" / "earlier.json").read_text()
    if fault == "read-only":
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
    else:
        fill(disk)
    (tmp_path / "ada.ipynb").write_text(reference)
    assert main(["grade", str(tmp_path / "ada.ipynb"), "-a", sigmoid_assignment.id, "-o", str(out)]) == 1
    error = capsys.readouterr().err
    assert f"autograder: error: {cause}: the output folder {out} cannot be written" in error, error
    assert "rerun" in error
    assert (out / "results" / "earlier.json").read_text() == kept
    assert sorted(p.name for p in (out / "results").iterdir()) == ["earlier.json"], "no half-written file"


def test_a_disk_that_fills_mid_run_stops_it_keeping_every_finished_result_and_a_rerun_finishes(
        sigmoid_assignment, reference, tmpfs, tmp_path):
    disk = tmpfs("size=4m")
    out = disk / "out"
    for student in ("ada", "bea", "cid"):
        (tmp_path / f"{student}.ipynb").write_text(reference)
    submissions = discover([tmp_path], sigmoid_assignment.id, sigmoid_assignment.notebook)
    filler: list[Path] = []

    def fill_after_the_first(result, reused) -> None:
        if not filler:
            filler.append(fill(disk))

    with pytest.raises(schedule.OutputUnwritable) as stopped:
        schedule.grade_class(sigmoid_assignment, submissions, out, jobs=1, limits=FAST, on_result=fill_after_the_first)
    assert f"No space left on device: the output folder {out} cannot be written" in str(stopped.value)
    assert list(results_in(out)) == ["ada"] and results_in(out)["ada"]["status"] == "graded"
    assert sorted(p.name for p in (out / "results").iterdir()) == ["ada.json"], "no half-written file"

    filler[0].unlink()  # room again: the rerun keeps ada's result and grades the rest
    run = schedule.grade_class(sigmoid_assignment, submissions, out, jobs=1, limits=FAST)
    assert run.reused == 1 and [r.status for r in run.results] == ["graded"] * 3
    assert sorted(results_in(out)) == ["ada", "bea", "cid"]


# 3 and 4, end to end: bad notebooks, and an LMS zip with hostile members, graded by `autograder grade` with a
# good notebook in each; the run goes on for everyone.

def declare_size(data: bytes, member: str, size: int) -> bytes:
    """The zip ``data`` with ``member``'s headers (local and central) saying it unpacks to ``size`` bytes."""
    name = member.encode()
    patched = bytearray(data)
    local, central = data.find(name) - 30, data.rfind(name) - 46
    assert data[local:local + 4] == b"PK\x03\x04" and data[central:central + 4] == b"PK\x01\x02"
    patched[local + 22:local + 26] = patched[central + 24:central + 28] = size.to_bytes(4, "little")
    return bytes(patched)


def hostile_zip(path: Path, good: str, absolute: str) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("zoe.ipynb", good)
        archive.writestr("../escape.ipynb", good)
        archive.writestr(absolute, good)
        link = zipfile.ZipInfo("link.ipynb")
        link.create_system, link.external_attr = 3, (stat.S_IFLNK | 0o777) << 16
        archive.writestr(link, "/etc/passwd")
        archive.writestr("bomb.ipynb", bytes(MAX_NOTEBOOK_BYTES + 1))  # 50 MB of zeros, 50 kB deflated
        archive.writestr("liar.ipynb", good)
    path.write_bytes(declare_size(path.read_bytes(), "liar.ipynb", 1000))  # unpacks to more than it says
    return path


@pytest.fixture(scope="module")
def hostile_class(sigmoid_assignment, reference, tmp_path_factory):
    """One `autograder grade` over a folder of bad notebooks and a zip of hostile members; each with a good one."""
    root = tmp_path_factory.mktemp("hostile")
    folder = root / "class"
    folder.mkdir()
    (folder / "ada.ipynb").write_text(reference)
    with open(folder / "huge.ipynb", "wb") as f:
        f.truncate(2**40)  # a sparse terabyte: nothing may read it whole
    (folder / "cells.ipynb").write_text(notebook(reference, *["1 / 0"] * 10_000))
    (folder / "deep.ipynb").write_text("[" * 100_000)
    (folder / "bytes.ipynb").write_bytes(reference.encode().replace(b"sigmoid", b"sigm\xff\xfeoid", 1))
    (folder / "surrogate.ipynb").write_text(notebook(reference, SURROGATES))
    absolute = f"/h23-{uuid.uuid4().hex}/absolute.ipynb"
    archive = hostile_zip(root / "download.zip", reference, absolute)
    before = snapshot(root, root / "out")
    started = time.monotonic()
    code = main(["grade", str(folder), str(archive), "-a", sigmoid_assignment.id, "-o", str(root / "out"), "-j", "1",
                 "--call-timeout", "2"])
    seconds = time.monotonic() - started
    return {"code": code, "out": root / "out", "seconds": seconds, "results": results_in(root / "out"),
            "outside": (before, snapshot(root, root / "out"), Path(absolute).parent.exists())}


@pytest.mark.slow  # shares the hostile class's run (~5 s)
def test_bad_notebooks_each_get_a_clear_status_and_the_run_goes_on(hostile_class, sigmoid_assignment):
    results = hostile_class["results"]
    assert hostile_class["code"] == 0
    assert results["ada"]["score"] == results["zoe"]["score"] == sigmoid_assignment.max_score
    for student, phrase in [("huge", "1048576 MB; clear the outputs"), ("deep", "nested far deeper"),
                            ("bytes", "not text")]:
        assert results[student]["status"] == "invalid_notebook", student
        assert phrase in results[student]["message"], (student, results[student]["message"])


@pytest.mark.slow  # shares the hostile class's run (~5 s)
def test_ten_thousand_cells_are_graded_quickly(hostile_class, sigmoid_assignment):
    """Measured on 2 cores: 1.6 s to grade, under 5 s for this whole run with its reports (the bounds leave room
    for load)."""
    cells = hostile_class["results"]["cells"]
    assert cells["status"] == "graded" and cells["score"] == sigmoid_assignment.max_score
    assert len(cells["notebook_errors"]) == 10_000 and cells["grading_seconds"] < 20
    assert hostile_class["seconds"] < 60


@pytest.mark.slow  # shares the hostile class's run (~5 s)
def test_text_that_is_no_unicode_is_kept_in_the_result_file(hostile_class):
    """A lone surrogate in a cell (valid JSON, no valid UTF-8) used to stop the run when its result was written."""
    (error,) = hostile_class["results"]["surrogate"]["notebook_errors"]
    assert error["first_line"] == SURROGATES
    assert (hostile_class["out"] / "feedback" / "surrogate.md").exists()


@pytest.mark.slow  # shares the hostile class's run (~5 s)
@pytest.mark.parametrize("student, member, phrase", [
    ("escape", "../escape.ipynb", "its name leads outside the folder"),
    ("absolute", "/absolute.ipynb", "its name leads outside the folder"),
    ("link", "link.ipynb", "symbolic link"),
    ("bomb", "bomb.ipynb", "it would be 50 MB, more than a notebook may be"),
    ("liar", "liar.ipynb", "could not be unpacked (Bad CRC-32"),
])
def test_a_hostile_zip_member_is_refused_naming_it(hostile_class, student, member, phrase):
    result = hostile_class["results"][student]
    assert result["status"] == "refused" and result["score"] == 0
    assert member in result["message"] and phrase in result["message"], result["message"]


@pytest.mark.slow  # shares the hostile class's run (~5 s)
def test_nothing_is_written_outside_the_output_folder(hostile_class):
    before, after, absolute_made = hostile_class["outside"]
    assert after == before and not absolute_made
    unpacked = hostile_class["out"] / "submissions" / "download"
    assert sorted(p.name.split("-")[0] for p in unpacked.iterdir()) == ["zoe"], "only the good member is unpacked"


# 4, whole zips refused, and special files in a folder.

def test_a_zip_of_very_many_members_or_that_unpacks_to_too_much_is_refused_whole(tmp_path, capsys):
    many = tmp_path / "many.zip"
    with zipfile.ZipFile(many, "w") as archive:
        for n in range(MAX_ZIP_MEMBERS + 1):
            archive.writestr(f"s{n}.ipynb", "{}")
    assert main(["grade", str(many), "-a", "01_sigmoid", "-o", str(tmp_path / "out")]) == 1
    assert f"holds {MAX_ZIP_MEMBERS + 1} files" in capsys.readouterr().err

    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w") as archive:
        for n in range(100):
            archive.writestr(f"s{n}.ipynb", "{}")
    data = bomb.read_bytes()
    for n in range(100):  # each under a notebook's limit, 4.4 GB together
        data = declare_size(data, f"s{n}.ipynb", 45 * 2**20)
    bomb.write_bytes(data)
    with pytest.raises(ZipRefused, match="would unpack to 4.4 GB"):
        read_zip(bomb, tmp_path / "unpacked")
    broken = tmp_path / "broken.zip"
    broken.write_bytes(data[:200] + data[-22:])  # a download cut short: only its end record is left
    with pytest.raises(ZipRefused, match="cannot be read as a zip"):
        read_zip(broken, tmp_path / "unpacked")
    assert not (tmp_path / "unpacked").exists()


def test_a_fifo_named_like_a_notebook_is_refused_without_blocking(sigmoid_assignment, tmp_path):
    fifo = tmp_path / "pipe.ipynb"
    os.mkfifo(fifo)
    done: list = []
    slot = WorkerSlot(lambda: pytest.fail("a FIFO needs no worker"))
    reader = threading.Thread(target=lambda: done.append((file_digest(fifo), grade_file(
        slot, Grading.prepare(sigmoid_assignment), fifo))), daemon=True)
    reader.start()
    reader.join(10)
    assert done, "reading a FIFO blocked"
    digest, result = done[0]
    assert digest == "" and result.status == "invalid_notebook" and "not a file" in result.message
