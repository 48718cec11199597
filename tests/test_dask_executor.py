"""The dask executor grades a class as the local one does, on one shared LocalCluster of two one-thread worker
processes: the same results folder, a worker killed mid-run loses nothing, a submission that kills every worker it
reaches is marked crashed, a stopped run resumes; a scheduler neither local nor TLS is refused."""
from __future__ import annotations

import json
import os
import shutil
import socket
from pathlib import Path
from types import SimpleNamespace

import pytest

distributed = pytest.importorskip("distributed")

import dask  # noqa: E402 - only once distributed is known to be installed

from autograder import catalogue  # noqa: E402
from autograder.classrun import schedule  # noqa: E402
from autograder.classrun.executors import ExecutorFailed  # noqa: E402
from autograder.classrun.executors import dask as dask_executor  # noqa: E402
from autograder.classrun.executors.dask import DaskExecutor  # noqa: E402
from autograder.classrun.executors.dask_worker import GradingPlugin, KitMismatch, grade_task  # noqa: E402
from autograder.classrun.intake import discover  # noqa: E402
from autograder.cli import main  # noqa: E402
from autograder.grading.prepared import Grading  # noqa: E402
from autograder.grading.sandbox_worker import Limits  # noqa: E402
from autograder.samples.sample_class import write_sample_class  # noqa: E402

# A small memory budget: hugo's memory bomb meets it in a fraction of a second, so it raises MemoryError in
# both runs (with 2 GiB, a loaded machine can make it a 2 s timeout in one run and not in the other).
FAST = Limits(call_seconds=2, submission_seconds=30, load_seconds=10, memory_bytes=512 * 1024**2)
TIMINGS = ("graded_at", "grading_seconds")


@pytest.fixture(scope="module")
def assignment() -> catalogue.Assignment:
    return catalogue.load("02_losses")


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """Two worker processes of one thread; a task is given up after it was on 3 workers that died."""
    with dask.config.set({"distributed.scheduler.allowed-failures": 2,
                          "distributed.scheduler.worker-saturation": 1.0}):
        cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                                           local_directory=tmp_path_factory.mktemp("dask"))
    yield cluster
    cluster.close()


@pytest.fixture(scope="module")
def sample_class(assignment, tmp_path_factory) -> list:
    folder = tmp_path_factory.mktemp("class")
    write_sample_class(assignment, folder)
    return discover([folder], assignment.id, assignment.notebook)


@pytest.fixture(scope="module")
def local_run(assignment, sample_class, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("local")
    schedule.grade_class(assignment, sample_class, out, jobs=2, limits=FAST)
    return out


def folder(out: Path) -> dict[str, dict]:
    """The results folder, file by file, without the moments and durations of grading."""
    return {p.name: {k: v for k, v in json.loads(p.read_text()).items() if k not in TIMINGS}
            for p in sorted((out / "results").iterdir())}


def differences(ours: dict, theirs: dict) -> list:
    """What differs between two result files: the keys, and each test whose outcome or message differs."""
    tests = {(pid, t["name"]): t for pid, p in theirs.get("problems", {}).items() for t in p["tests"]}
    return ([k for k in {*ours, *theirs} - {"problems"} if ours.get(k) != theirs.get(k)] +
            [(pid, t["name"], t["message"][:100], tests.get((pid, t["name"]), {}).get("message", "")[:100])
             for pid, p in ours.get("problems", {}).items() for t in p["tests"] if t != tests.get((pid, t["name"]))])


def through_dask(cluster, notes: list | None = None) -> DaskExecutor:
    return DaskExecutor(cluster.scheduler_address, limits=FAST,
                        on_note=(notes.append if notes is not None else lambda note: None))


def test_a_class_graded_through_dask_gives_the_local_results_folder(assignment, sample_class, local_run, cluster,
                                                                    tmp_path):
    notes: list[str] = []
    run = schedule.grade_class(assignment, sample_class, tmp_path, jobs=2, executor=through_dask(cluster, notes))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["results"]
    ours, theirs = folder(tmp_path), folder(local_run)
    assert sorted(ours) == sorted(theirs) == sorted(f"{s.student_id}.json" for s in sample_class)
    differing = {name: differences(ours[name], theirs[name]) for name in theirs if ours[name] != theirs[name]}
    assert differing == {}  # status, score, every problem's and test's points and message
    assert {r.status for r in run.results} == {"graded", "invalid_notebook"}
    assert "2 workers, 2 threads" in notes[0] and "after 3 workers died" in notes[0]
    assert sum("full sandbox (bubblewrap)" in n or "Reduced sandbox" in n for n in notes) == 2, notes


def test_a_killed_worker_loses_nothing_and_a_notebook_no_worker_survives_is_crashed(
        assignment, sample_class, local_run, cluster, tmp_path, monkeypatch):
    """The first task kills its dask worker once; killer.ipynb kills every worker that takes it (student code
    cannot: it runs in the sandbox, so the fault is the task's)."""
    once = tmp_path / "killed-once"

    def faulty(plugin, notebook, file_name, assignment_id, version):
        if file_name == "killer.ipynb":
            os._exit(1)
        try:
            os.close(os.open(once, os.O_CREAT | os.O_EXCL))
        except FileExistsError:
            return grade_task(plugin, notebook, file_name, assignment_id, version)
        os._exit(1)

    monkeypatch.setattr(dask_executor, "grade_task", faulty)
    picked = [s for s in sample_class if s.student_id in {"ada", "ben", "chloe", "dev", "emma", "kim"}]
    killer = tmp_path / "killer.ipynb"
    shutil.copy(picked[0].path, killer)
    submissions = picked + discover([killer], assignment.id, assignment.notebook)
    heard: list[str] = []
    schedule.grade_class(assignment, submissions, tmp_path / "out", jobs=2, executor=through_dask(cluster),
                         on_result=lambda result, reused: heard.append(result.student_id))
    assert once.exists()
    assert sorted(heard) == sorted(s.student_id for s in submissions), "every student once"
    ours, theirs = folder(tmp_path / "out"), folder(local_run)
    assert sorted(ours) == sorted(f"{s.student_id}.json" for s in submissions)
    for s in picked:
        assert ours[f"{s.student_id}.json"] == theirs[f"{s.student_id}.json"], s.student_id
    crashed = ours["killer.json"]
    assert crashed["status"] == "crashed" and crashed["score"] == 0
    assert "3 grading workers died" in crashed["message"] and "grader_version" not in crashed  # a rerun retries it


def test_a_stopped_run_resumed_through_dask_grades_only_the_rest(assignment, sample_class, local_run, cluster,
                                                                  tmp_path):
    out = tmp_path / "out"
    (out / "results").mkdir(parents=True)
    kept = [s.student_id for s in sample_class[:-3]]  # what a run stopped after 12 results left behind
    for student in kept:
        shutil.copy(local_run / "results" / f"{student}.json", out / "results")
    before = {p.name: p.read_text() for p in (out / "results").iterdir()}
    fresh: list[str] = []
    run = schedule.grade_class(assignment, sample_class, out, jobs=2, executor=through_dask(cluster),
                               on_result=lambda result, reused: fresh.append(result.student_id) if not reused else None)
    assert run.reused == len(kept)
    assert sorted(fresh) == sorted(s.student_id for s in sample_class[-3:])
    assert {name: (out / "results" / name).read_text() for name in before} == before
    assert folder(out) == folder(local_run)


@pytest.mark.parametrize("address", ["tcp://192.0.2.7:8786", "grading.example.edu:8786", "tls://192.0.2.7:8786",
                                     "ws://192.0.2.7:8786"])
def test_a_scheduler_neither_on_this_machine_nor_behind_tls_certificates_is_refused(address):
    with pytest.raises(ExecutorFailed, match="refusing the dask scheduler .* must run on this machine or be reached "
                                             "over TLS with certificates"):
        DaskExecutor(address)


def test_a_local_scheduler_or_one_behind_tls_certificates_is_taken():
    for address in ["tcp://127.0.0.1:8786", "localhost:8786", "tcp://[::1]:8786"]:
        assert DaskExecutor(address).address == address
    certificates = distributed.security.Security(tls_ca_file="ca.pem", tls_client_cert="me.pem",
                                                 tls_client_key="me.key")
    assert DaskExecutor("tls://192.0.2.7:8786", security=certificates).address == "tls://192.0.2.7:8786"


def test_the_command_line_refuses_an_open_scheduler_and_an_unreachable_one(sample_class, tmp_path, capsys):
    notebook = str(sample_class[0].path)
    grade = ["grade", notebook, "-a", "02_losses", "-o", str(tmp_path / "out"), "--executor", "dask"]
    assert main(grade + ["--scheduler", "tcp://192.0.2.7:8786"]) == 1
    assert "refusing the dask scheduler tcp://192.0.2.7:8786" in capsys.readouterr().err
    assert main(grade) == 1
    assert "needs --scheduler ADDRESS or --scheduler-file PATH" in capsys.readouterr().err
    with socket.socket() as free:  # a port nobody listens on
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    (tmp_path / "scheduler.json").write_text(json.dumps({"address": f"tcp://127.0.0.1:{port}"}))
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        assert main(grade + ["--scheduler-file", str(tmp_path / "scheduler.json")]) == 1
    assert f"cannot reach the dask scheduler tcp://127.0.0.1:{port}" in capsys.readouterr().err
    assert not list((tmp_path / "out" / "results").glob("*.json"))


def test_a_worker_whose_graders_differ_refuses_to_grade(assignment, tmp_path):
    """The task's fingerprint is the run's; a worker with another kit says so instead of grading."""
    plugin = GradingPlugin(assignment.id, "0123456789abcdef", FAST)
    worker = SimpleNamespace(address="tcp://10.0.0.9:4000", local_directory=str(tmp_path),
                             state=SimpleNamespace(nthreads=1))
    with pytest.raises(KitMismatch, match=f"tcp://10.0.0.9:4000 grades {assignment.id} with other graders .*"
                                          f"fingerprint {Grading.prepare(assignment).version}, this run's is "
                                          "0123456789abcdef"):
        plugin.setup(worker)


def test_the_scheduler_gone_stops_the_run_and_keeps_what_was_finished(assignment, sample_class, tmp_path):
    small = distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=":0",
                                     local_directory=tmp_path / "dask")
    with pytest.raises(ExecutorFailed, match="lost the dask scheduler .*: the finished results are kept; rerun"):
        schedule.grade_class(assignment, sample_class[:4], tmp_path, jobs=1,
                             executor=DaskExecutor(small.scheduler_address, limits=FAST),
                             on_result=lambda result, reused: small.close())
    assert len(list((tmp_path / "results").glob("*.json"))) == 1
