"""`autograder grade` end to end on the sample class: statuses, messages, files, resume, exit codes."""
from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from autograder import catalogue
from autograder.classrun import schedule
from autograder.classrun.intake import discover
from autograder.cli import main
from autograder.grading.one import MAX_CHILDREN_PER_SUBMISSION
from autograder.grading.sandbox_worker import Limits
from autograder.results import Result
from autograder.samples.sample_class import sample_students, write_sample_class

pytestmark = pytest.mark.slow
FAST = Limits(call_seconds=2, submission_seconds=30, load_seconds=10)


@pytest.fixture(scope="module")
def assignment():
    return catalogue.load("01_sigmoid")


@pytest.fixture(scope="module")
def sample_class(assignment, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("class")
    write_sample_class(assignment, folder)
    return folder


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p): (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.rglob("*")}


@pytest.fixture(scope="module")
def graded(assignment, sample_class, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    before = snapshot(sample_class)
    submissions = discover([sample_class], assignment.id, assignment.notebook)
    run = schedule.grade_class(assignment, submissions, out, jobs=2, limits=FAST)
    assert snapshot(sample_class) == before, "grading must not touch the submissions"
    return out, {r.student_id: r for r in run.results}


def messages(result: Result, problem: str) -> str:
    return "\n".join(t.message for t in result.problems[problem].tests)


def test_every_student_gets_a_result(graded):
    out, results = graded
    assert sorted(results) == sorted(s.id for s in sample_students("01_sigmoid"))
    for student_id in results:
        saved = json.loads((out / "results" / f"{student_id}.json").read_text())
        assert saved["student_id"] == student_id and saved["assignment"] == "01_sigmoid"
        assert set(saved) >= {"student_id", "assignment", "score", "max_score", "status", "problems"}
        for problem in saved["problems"].values():
            for test in problem["tests"]:
                assert set(test) >= {"name", "passed", "points", "message"}


def test_reference_full_marks_blank_zero(graded, assignment):
    _, results = graded
    assert results["ada"].status == "graded"
    assert results["ada"].score == assignment.max_score, messages(results["ada"], "sigmoid")
    blank = results["ben"]
    assert blank.status == "graded" and blank.score == 0
    for p in assignment.problems:
        assert "not implemented" in messages(blank, p.id)


@pytest.mark.parametrize("student, problem, phrase", [
    ("chloe", "sigmoid", "overflow"),
    ("dev", "sigmoid", "sign"),
    ("dev", "log_odds", "log10"),
    ("emma", "predict_proba", "bias"),
    ("emma", "predict", ">= instead of >"),  # graded with a correct predict_proba: its own bug shows
    ("olga", "predict", ">= instead of >"),
    ("farid", "predict", "bool"),
    ("farid", "plot_sigmoid", "legend"),
    ("grace", "sigmoid_derivative", "infinite loop"),
    ("hugo", "predict", "died"),
    ("iris", "predict", "SyntaxError"),
])
def test_each_mistake_is_named(graded, assignment, student, problem, phrase):
    result = graded[1][student]
    assert result.problems[problem].score < assignment.problem(problem).points
    assert phrase.lower() in messages(result, problem).lower()


def test_a_crash_or_a_loop_costs_only_its_problem(graded, assignment):
    _, results = graded
    for student, untouched in [("grace", "sigmoid"), ("grace", "plot_sigmoid"), ("hugo", "plot_sigmoid"),
                               ("hugo", "sigmoid"), ("jack", "predict")]:
        assert results[student].problems[untouched].score == assignment.problem(untouched).points, \
            (student, messages(results[student], untouched))


def test_hostile_notebooks_are_contained(graded):
    _, results = graded
    assert results["iris"].status == "graded" and len(results["iris"].output) < 20_000
    assert any(e["type"] == "SyntaxError" for e in results["iris"].notebook_errors)
    assert any(e["type"] == "TimeLimitExceeded" for e in results["jack"].notebook_errors)
    assert any(e["type"] == "ModuleNotFoundError" for e in results["mia"].notebook_errors)
    assert results["mia"].score == results["ada"].score
    assert "`sigmoid` is not defined" in messages(results["noah"], "sigmoid")
    assert results["kim"].status == "invalid_notebook" and "JSON" in results["kim"].message
    assert results["leo"].status == "invalid_notebook"


def test_grades_csv_and_feedback(graded, assignment):
    out, results = graded
    from autograder.reports.feedback import write_feedback
    from autograder.reports.grades_csv import write_grades_csv
    write_grades_csv(out, assignment, list(results.values()))
    write_feedback(out, assignment, list(results.values()))
    rows = list(csv.DictReader((out / "grades.csv").open()))
    assert [r["student_id"] for r in rows] == sorted(results)
    assert list(rows[0]) == ["student_id", "name", "section", *(p.id for p in assignment.problems), "raw",
                             "late_penalty", "total", "max", "status"]
    ada = next(r for r in rows if r["student_id"] == "ada")
    assert float(ada["total"]) == float(ada["max"]) == assignment.max_score
    assert "overflow" in (out / "feedback" / "chloe.md").read_text().lower()
    assert sorted(p.name for p in out.iterdir()) == ["feedback", "grades.csv", "results"]


def test_a_rerun_grades_only_what_changed(assignment, sample_class, graded, tmp_path):
    out, results = graded
    submissions = discover([sample_class], assignment.id, assignment.notebook)
    again = schedule.grade_class(assignment, submissions, out, jobs=2, limits=FAST)
    assert again.reused == len(submissions)
    changed = tmp_path / "ada.ipynb"
    changed.write_text((sample_class / "ben.ipynb").read_text())  # ada now hands in a blank notebook
    mixed = [s for s in submissions if s.student_id != "ada"] + discover([changed], assignment.id, assignment.notebook)
    third = schedule.grade_class(assignment, mixed, out, jobs=2, limits=FAST)
    assert third.reused == len(submissions) - 1
    assert next(r for r in third.results if r.student_id == "ada").score == 0


def test_a_killed_run_keeps_its_results_and_resumes(assignment, sample_class, tmp_path):
    out = tmp_path / "out"
    command = [sys.executable, "-m", "autograder.cli", "grade", str(sample_class), "-a", assignment.id,
               "-o", str(out), "--jobs", "1", "--call-timeout", "2"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list((out / "results").glob("*.json"))) < 3:
        time.sleep(0.1)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    kept = {p.name: p.read_text() for p in (out / "results").glob("*.json")}
    assert len(kept) >= 3
    for text in kept.values():
        json.loads(text)  # every finished result is whole
    finished = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert finished.returncode == 0, finished.stderr
    assert f"{len(kept)} unchanged since the last run" in finished.stdout.replace("\n", " ")
    for name, text in kept.items():
        assert (out / "results" / name).read_text() == text
    assert not list((out / "results").glob(".*.tmp")), "temporary files of the killed run are cleared"


def test_exit_codes(tmp_path, capsys, sample_class):
    assert main(["grade", str(sample_class), "-a", "99_nope", "-o", str(tmp_path / "o")]) == 1
    assert "unknown assignment" in capsys.readouterr().err
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["grade", str(empty), "-a", "01_sigmoid", "-o", str(tmp_path / "o")]) == 1
    assert "no notebooks" in capsys.readouterr().err
    with pytest.raises(SystemExit) as usage:
        main(["grade"])
    assert usage.value.code == 2
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    assert main(["grade", str(sample_class / "ada.ipynb"), "-a", "01_sigmoid", "-o", str(blocked / "out")]) == 1
    assert "autograder: error: Not a directory" in capsys.readouterr().err.splitlines()[-1]


def test_without_bubblewrap_grading_still_works_and_says_so(assignment, sample_class, tmp_path, monkeypatch):
    """The reduced sandbox (no bwrap, e.g. macOS): separate processes with limits, and a loud warning."""
    picked = [s for s in discover([sample_class], assignment.id, assignment.notebook)
              if s.student_id in {"ada", "grace", "hugo", "kim"}]
    run = schedule.grade_class(assignment, picked, tmp_path / "out", jobs=2, limits=FAST, use_bubblewrap=False)
    results = {r.student_id: r for r in run.results}
    assert results["ada"].score == assignment.max_score
    assert "infinite loop" in messages(results["grace"], "sigmoid_derivative")
    assert results["hugo"].problems["plot_sigmoid"].score == assignment.problem("plot_sigmoid").points
    assert results["kim"].status == "invalid_notebook"
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["results"], "scratch dirs are removed"

    import autograder.grading.sandbox_worker
    monkeypatch.setattr(autograder.grading.sandbox_worker, "bubblewrap", lambda: None)
    assert "WITHOUT filesystem and network isolation" in autograder.grading.sandbox_worker.sandbox_warning()


def test_a_submission_that_keeps_crashing_gets_a_result_too(assignment, tmp_path):
    """Every function kills its process: three children die, the rest is marked not graded, nothing hangs."""
    from autograder.samples.sample_class import SampleStudent, notebook_for
    exit_now = {p.id: f"def {p.id}(*args, **kwargs):\n    import os\n    os._exit(1)\n" for p in assignment.problems}
    path = tmp_path / "crasher.ipynb"
    path.write_text(notebook_for(SampleStudent("crasher", "exits everywhere", exit_now), assignment))
    (result,) = schedule.grade_class(assignment, discover([path], assignment.id, assignment.notebook),
                                   tmp_path / "out", jobs=1, limits=FAST).results
    assert result.status == "graded" and result.score == 0
    for p in assignment.problems[:MAX_CHILDREN_PER_SUBMISSION]:
        assert "died" in messages(result, p.id), p.id
    for p in assignment.problems[MAX_CHILDREN_PER_SUBMISSION:]:
        assert "kept crashing" in messages(result, p.id), p.id
