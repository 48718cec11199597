"""Stock ``nbgrader autograde`` and ``autograder grade`` give the same scores.

The sample class's reference (ada), blank (ben) and buggy students (chloe, dev,
emma, farid) are graded both ways: by nbgrader in a throwaway course directory
(``autograder.nbgrader_course``: the hidden test cells call the graders in the
student's kernel) and by the sandboxed engine.  Every problem's score must be
equal, exactly: nbgrader's grade cell ``test_<problem>`` against the engine's
``problems[<problem>]``.  Equality also proves that no hidden test cell wrote
to stderr (nbgrader scores such a cell 0), which is checked directly as well,
for a clearer message.  nbgrader takes ~5 s per notebook: this module runs in
about 40 s.
"""
from __future__ import annotations

import csv
import nbformat
import pytest

from autograder import catalogue, engine, nbgrader_course
from autograder.sample_class import notebook_for, sample_students
from autograder.submissions import Submission

pytestmark = pytest.mark.slow

ASSIGNMENT = "01_sigmoid"
STUDENTS = ["ada", "ben", "chloe", "dev", "emma", "farid", "grace"]  # reference, blank, buggy, a loop


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """Both ways of grading, on the same notebooks: (nbgrader scores, engine results, course dir)."""
    assignment = catalogue.load(ASSIGNMENT)
    folder = tmp_path_factory.mktemp("notebooks")
    by_id = {s.id: s for s in sample_students()}
    notebooks = {}
    for student_id in STUDENTS:
        path = folder / f"{student_id}.ipynb"
        path.write_text(notebook_for(by_id[student_id], assignment), encoding="utf-8")
        notebooks[student_id] = path

    workdir = tmp_path_factory.mktemp("nbgrader")
    nb_scores = nbgrader_course.autograde(ASSIGNMENT, notebooks, workdir)

    run = engine.grade_class(assignment, [Submission(s, p) for s, p in notebooks.items()],
                             tmp_path_factory.mktemp("engine-out"), jobs=2)
    engine_results = {r["student_id"]: r for r in run.results}
    return nb_scores, engine_results, workdir / nbgrader_course.COURSE_DIR


def test_every_notebook_was_autograded(graded):
    nb_scores, engine_results, _ = graded
    assert sorted(nb_scores) == sorted(STUDENTS)
    assert [s for s in STUDENTS if not nb_scores[s]["autograded"]] == []
    assert {s: engine_results[s]["status"] for s in STUDENTS} == {s: "graded" for s in STUDENTS}


def test_reference_gets_full_marks_both_ways(graded):
    nb_scores, engine_results, _ = graded
    assert nb_scores["ada"]["score"] == nb_scores["ada"]["max_score"] == 13
    assert engine_results["ada"]["score"] == engine_results["ada"]["max_score"] == 13


def test_blank_release_gets_zero_both_ways(graded):
    nb_scores, engine_results, _ = graded
    assert nb_scores["ben"]["score"] == 0
    assert engine_results["ben"]["score"] == 0


def test_per_problem_scores_agree_exactly(graded):
    nb_scores, engine_results, _ = graded
    problems = [p.id for p in catalogue.load(ASSIGNMENT).problems]
    disagreements = {}
    for student in STUDENTS:
        ours = {p: engine_results[student]["problems"][p]["score"] for p in problems}
        theirs = {p: nb_scores[student]["grades"][f"test_{p}"] for p in problems}
        if ours != theirs:
            disagreements[student] = {p: {"engine": ours[p], "nbgrader": theirs[p]}
                                      for p in problems if ours[p] != theirs[p]}
    assert disagreements == {}
    assert {s: nb_scores[s]["score"] for s in STUDENTS} == {s: engine_results[s]["score"] for s in STUDENTS}


def test_buggy_students_lose_points(graded):
    """Not a vacuous agreement: the buggy students score strictly between blank and full marks."""
    nb_scores, _, _ = graded
    for student in ["chloe", "dev", "emma", "farid"]:
        assert 0 < nb_scores[student]["score"] < 13, student


def test_no_hidden_test_cell_wrote_to_stderr(graded):
    _, _, course = graded
    assignment = catalogue.load(ASSIGNMENT)
    offenders = []
    for student in STUDENTS:
        path = course / "autograded" / student / ASSIGNMENT / assignment.notebook
        for cell in nbformat.read(path, as_version=4).cells:
            grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
            if grade_id.startswith("test_"):
                stderr = [o for o in cell.get("outputs", []) if o.output_type == "stream" and o.name == "stderr"]
                errors = [o.ename for o in cell.get("outputs", []) if o.output_type == "error"]
                if stderr or errors:
                    offenders.append((student, grade_id, "".join(o.text for o in stderr)[:200], errors))
    assert offenders == []


def test_nbgrader_export_writes_every_student_and_score(graded):
    nb_scores, _, course = graded
    path = nbgrader_course.export_csv(course)
    rows = {row["student_id"]: row for row in csv.DictReader(path.open(encoding="utf-8"))}
    assert sorted(rows) == sorted(STUDENTS)
    for student in STUDENTS:
        assert rows[student]["assignment"] == ASSIGNMENT
        assert float(rows[student]["score"]) == pytest.approx(nb_scores[student]["score"])
        assert float(rows[student]["max_score"]) == 13

