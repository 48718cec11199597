"""nbgrader's Validate button tells the truth about the visible checks.

``nbgrader validate`` (what the button of nbgrader's Jupyter extension runs)
executes the student's notebook and fails on every grade cell that raises.
The line under each check cell raises unless that function's visible checks
all passed, so Validate fails on the blank release (naming each function as
"not written yet") and on a notebook with a failing check, and succeeds on a
correct notebook.  About 5 s per notebook.
"""
from __future__ import annotations

import pytest

from autograder import catalogue
from autograder.nbgrader import course as nbgrader_course
from autograder.samples.sample_class import notebook_for, sample_students

pytestmark = pytest.mark.slow

SUCCESS = "Success! Your notebook passes all the tests."


def validate(assignment_id: str, student_id: str, tmp_path) -> str:
    assignment = catalogue.load(assignment_id)
    (student,) = [s for s in sample_students(assignment_id) if s.id == student_id]
    path = tmp_path / assignment.notebook
    path.write_text(notebook_for(student, assignment), encoding="utf-8")
    assignment.copy_data_files(tmp_path)
    proc = nbgrader_course.validate(path, tmp_path / "validate")
    return proc.stdout + proc.stderr


@pytest.mark.parametrize("assignment_id", catalogue.all_ids())
def test_validate_fails_on_the_blank_release_naming_every_function(assignment_id, tmp_path):
    output = validate(assignment_id, "ben", tmp_path)
    problems = catalogue.load(assignment_id).problems
    assert SUCCESS not in output
    assert f"VALIDATION FAILED ON {len(problems)} CELL(S)" in output, output[-3000:]
    for problem in problems:
        assert f"✘ {problem.id} is not written yet" in output, problem.id


@pytest.mark.parametrize("assignment_id", catalogue.all_ids())
def test_validate_succeeds_on_a_correct_notebook(assignment_id, tmp_path):
    output = validate(assignment_id, "ada", tmp_path)
    assert SUCCESS in output, output[-3000:]


def test_validate_reports_a_failing_visible_check(tmp_path):
    """olga's predict says 1 at p = 0.5 exactly (>= instead of >): Validate names predict, and only predict."""
    output = validate("01_sigmoid", "olga", tmp_path)
    assert "VALIDATION FAILED ON 1 CELL(S)" in output, output[-3000:]
    assert "`predict` does not pass its visible checks yet." in output
    assert "✘ a probability of exactly 0.5 gives 0" in output
