"""The local executor with several jobs: each job a process of its own, forked from the grading process, on a CPU
of its own; results identical to one job's; a failure in a job reaches the grading process."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from autograder import catalogue
from autograder.classrun.executors import ExecutorFailed, local
from autograder.classrun.executors.local import LocalExecutor
from autograder.classrun.intake import discover
from autograder.grading.prepared import Grading
from autograder.grading.sandbox_worker import Limits
from autograder.samples.sample_class import notebook_for, sample_students

LIMITS = Limits(call_seconds=5, submission_seconds=30, load_seconds=10)
CALM = ("ada", "ben", "dev", "mia")


@pytest.fixture(scope="module")
def grading() -> Grading:
    return Grading.prepare(catalogue.load("01_sigmoid"))


@pytest.fixture(scope="module")
def submissions(grading, tmp_path_factory) -> list:
    folder = tmp_path_factory.mktemp("class")
    for student in sample_students(grading.assignment.id):
        if student.id in CALM:
            (folder / f"{student.id}.ipynb").write_text(notebook_for(student, grading.assignment), encoding="utf-8")
    return discover([folder], grading.assignment.id, grading.assignment.notebook)


def run(jobs: int, grading, submissions, scratch: Path) -> dict:
    results = {}
    LocalExecutor(jobs, LIMITS).grade(grading, submissions, scratch,
                                      lambda submission, result: results.setdefault(submission.student_id, result))
    return results


def outcome(result) -> tuple:
    return result.status, result.score, {p: [(t.name, t.passed, t.message) for t in v.tests]
                                         for p, v in result.problems.items()}


def test_two_jobs_grade_in_two_processes_of_their_own_each_on_one_cpu(grading, submissions, tmp_path, monkeypatch):
    seen = tmp_path / "seen"
    seen.mkdir()
    graded = local.graded

    def noting(slot, grading, path):  # runs in the job process: what it is, in a file the test reads
        (seen / f"{path.stem}").write_text(f"{os.getpid()} {sorted(os.sched_getaffinity(0))}")
        return graded(slot, grading, path)
    monkeypatch.setattr(local, "graded", noting)
    two = run(2, grading, submissions, tmp_path / "scratch")
    where = {p.read_text() for p in seen.iterdir()}
    pids = {w.split(" ", 1)[0] for w in where}
    assert len(pids) == 2 and str(os.getpid()) not in pids, where
    if len(os.sched_getaffinity(0)) > 1:  # each job (and its fork server) on a CPU of its own
        cpus = {w.split(" ", 1)[1] for w in where}
        assert len(cpus) == 2 and all(c.count(",") == 0 for c in cpus), where
    one = run(1, grading, submissions, tmp_path / "scratch1")
    assert {s: outcome(r) for s, r in two.items()} == {s: outcome(r) for s, r in one.items()}
    assert len(two) == len(CALM) and two["ada"].score == grading.assignment.max_score


def test_an_error_in_a_job_is_raised_by_the_grading_process(grading, submissions, tmp_path, monkeypatch):
    def failing(slot, grading, path):
        raise ValueError(f"no sandbox for {path.name}")
    monkeypatch.setattr(local, "graded", failing)
    with pytest.raises(ValueError, match="no sandbox for"):
        run(2, grading, submissions, tmp_path / "scratch")


def test_a_job_that_dies_stops_the_run_and_says_which_submission(grading, submissions, tmp_path, monkeypatch):
    monkeypatch.setattr(local, "graded", lambda slot, grading, path: os._exit(3))
    with pytest.raises(ExecutorFailed, match=r"a grading job ended unexpectedly while grading .*\.ipynb"):
        run(2, grading, submissions, tmp_path / "scratch")
