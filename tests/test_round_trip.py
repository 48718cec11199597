"""A notebook that went through Colab or JupyterLab grades as it would have at home.

Colab drops nbgrader's metadata and the kit's tags, JupyterLab renews cell ids, a student may paste every cell
into a new notebook (``notebook_round_trip``).  For every assignment, the reference student and the first
student with typical mistakes are graded as handed out and after each round trip, in one class run: every
problem's tests, messages, the notes on broken cells and the captured output must be the same.  The last
catches a kit cell (check, demo, helpers) that grading failed to recognise without its tags: it would run in
the sandbox, print, and spend the submission's time.
"""
from __future__ import annotations

import pytest

from notebook_round_trip import ROUND_TRIPS

from autograder import catalogue
from autograder.classrun import schedule
from autograder.results import Result
from autograder.samples.sample_class import notebook_for, sample_students
from autograder.submission import Submission

pytestmark = pytest.mark.slow


def students(assignment_id: str) -> list[str]:
    return ["ada", next(s.id for s in sample_students(assignment_id) if s.mistakes)]


def what_counts(result: Result) -> dict:
    return {"status": result.status, "score": result.score, "output": result.output,
            "notebook_errors": result.notebook_errors,
            "tests": {p: [(t.name, t.passed, t.points, t.message, t.mistake) for t in problem.tests]
                      for p, problem in result.problems.items()}}


@pytest.fixture(scope="module", params=catalogue.all_ids())
def graded(request, tmp_path_factory) -> tuple[catalogue.Assignment, dict[str, Result]]:
    assignment = catalogue.load(request.param)
    folder = tmp_path_factory.mktemp("round-trips")
    by_id = {s.id: s for s in sample_students(assignment.id)}
    submissions = []
    for student in students(assignment.id):
        text = notebook_for(by_id[student], assignment)
        for trip, change in {"handed-out": lambda t: t, **ROUND_TRIPS}.items():
            path = folder / f"{student}-{trip}.ipynb"
            path.write_text(change(text), encoding="utf-8")
            submissions.append(Submission(f"{student}-{trip}", path))
    run = schedule.grade_class(assignment, submissions, tmp_path_factory.mktemp("out"), jobs=2)
    return assignment, {r.student_id: r for r in run.results}


@pytest.mark.parametrize("trip", sorted(ROUND_TRIPS))
def test_a_round_trip_changes_nothing_in_the_grade(graded, trip):
    assignment, results = graded
    for student in students(assignment.id):
        assert what_counts(results[f"{student}-{trip}"]) == what_counts(results[f"{student}-handed-out"]), student


def test_the_reference_is_graded_in_full_with_no_note(graded):
    assignment, results = graded
    for trip in ["handed-out", *ROUND_TRIPS]:
        result = results[f"ada-{trip}"]
        assert (result.score, result.notebook_errors, result.output) == (assignment.max_score, [], ""), trip
    buggy = results[f"{students(assignment.id)[1]}-handed-out"]
    assert 0 < buggy.score < assignment.max_score  # the comparison above is not between two blanks
