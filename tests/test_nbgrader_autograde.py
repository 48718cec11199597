"""Stock ``nbgrader autograde`` and ``autograder grade`` give the same scores.

For every assignment of the catalogue, the sample class's reference (ada), blank (ben) and first four buggy
students (those handing in typical mistakes: chloe, dev, emma, farid; and, for the first assignment, the first
with an infinite loop, grace) are graded both ways: by nbgrader in a throwaway course directory
(``autograder.nbgrader.course``: the hidden test cells call the graders in the
student's kernel) and by the sandboxed engine.  Every problem's score must be
equal, exactly: nbgrader's grade cell ``test_<problem>`` against the engine's
``problems[<problem>]``.  Equality also proves that no hidden test cell wrote
to stderr (nbgrader scores such a cell 0), which is checked directly as well,
for a clearer message.  For the first assignment, the reference notebook is also
handed in as Colab returns it (nbgrader's metadata and the tags dropped): stock
nbgrader finds no grade cell in it and scores it 0, which is recorded here; the
engine grades it in full.  nbgrader takes ~5 s per notebook: this module runs
in about 85 s.
"""
from __future__ import annotations

import csv
from pathlib import Path

import nbformat
import pytest

import lms_readers
import lms_rosters
from notebook_round_trip import stripped

from autograder import catalogue, nbgrader_export
from autograder.classrun import schedule
from autograder.nbgrader import course as nbgrader_course
from autograder.samples.records import INFINITE_LOOP
from autograder.samples.sample_class import notebook_for, sample_students
from autograder.submission import Submission

pytestmark = pytest.mark.slow

ASSIGNMENTS = catalogue.all_ids()
IN_PROCESS = ASSIGNMENTS[0]  # the assignment whose gradebook every exporter plugin also reads in-process
COLAB = "ada-colab"  # IN_PROCESS's reference notebook without its cell metadata, as Colab may return it


def buggy(assignment_id: str) -> list[str]:
    """The first four students of the sample class who hand in typical mistakes."""
    return [s.id for s in sample_students(assignment_id) if s.mistakes][:4]


def graded_students(assignment_id: str) -> list[str]:
    """Reference, blank, buggy; for the in-process assignment also a student whose function loops forever."""
    looping = [s.id for s in sample_students(assignment_id) if any(INFINITE_LOOP in a for a in s.answers.values())]
    return ["ada", "ben", *buggy(assignment_id), *(looping[:1] if assignment_id == IN_PROCESS else [])]


@pytest.fixture(scope="module", params=ASSIGNMENTS)
def graded(request, tmp_path_factory):
    """Both ways of grading, on the same notebooks: (nbgrader scores, engine results, course dir, assignment)."""
    assignment = catalogue.load(request.param)
    folder = tmp_path_factory.mktemp("notebooks")
    by_id = {s.id: s for s in sample_students(assignment.id)}
    notebooks = {}
    for student_id in graded_students(assignment.id):
        path = folder / f"{student_id}.ipynb"
        path.write_text(notebook_for(by_id[student_id], assignment), encoding="utf-8")
        notebooks[student_id] = path
    if assignment.id == IN_PROCESS:
        notebooks[COLAB] = folder / f"{COLAB}.ipynb"
        notebooks[COLAB].write_text(stripped(notebooks["ada"].read_text(encoding="utf-8")), encoding="utf-8")

    workdir = tmp_path_factory.mktemp("nbgrader")
    nb_scores = nbgrader_course.autograde(assignment.id, notebooks, workdir)

    run = schedule.grade_class(assignment, [Submission(s, p) for s, p in notebooks.items()],
                             tmp_path_factory.mktemp("engine-out"), jobs=2)
    engine_results = {r.student_id: r for r in run.results}
    return nb_scores, engine_results, workdir / nbgrader_course.COURSE_DIR, assignment


def test_every_notebook_was_autograded(graded):
    nb_scores, engine_results, _, assignment = graded
    students = graded_students(assignment.id)
    assert sorted(set(nb_scores) - {COLAB}) == sorted(students)
    assert [s for s in students if not nb_scores[s]["autograded"]] == []
    assert {s: engine_results[s].status for s in students} == {s: "graded" for s in students}


def test_reference_gets_full_marks_both_ways(graded):
    nb_scores, engine_results, _, assignment = graded
    assert nb_scores["ada"]["score"] == nb_scores["ada"]["max_score"] == assignment.max_score
    assert engine_results["ada"].score == engine_results["ada"].max_score == assignment.max_score


def test_stock_nbgrader_scores_a_notebook_without_its_metadata_zero_and_the_engine_in_full(graded):
    """What the README says of Colab round trips: nbgrader finds grade cells by their metadata only."""
    nb_scores, engine_results, _, assignment = graded
    if assignment.id != IN_PROCESS:
        pytest.skip(f"recorded once, on {IN_PROCESS}")
    assert (nb_scores[COLAB]["score"], nb_scores[COLAB]["max_score"]) == (0, assignment.max_score)
    assert engine_results[COLAB].score == assignment.max_score and engine_results[COLAB].notebook_errors == []


def test_blank_release_gets_zero_both_ways(graded):
    nb_scores, engine_results, _, _ = graded
    assert nb_scores["ben"]["score"] == 0
    assert engine_results["ben"].score == 0


def test_per_problem_scores_agree_exactly(graded):
    nb_scores, engine_results, _, assignment = graded
    problems = [p.id for p in assignment.problems]
    disagreements = {}
    students = graded_students(assignment.id)
    for student in students:
        ours = {p: engine_results[student].problems[p].score for p in problems}
        theirs = {p: nb_scores[student]["grades"][f"test_{p}"] for p in problems}
        if ours != theirs:
            disagreements[student] = {p: {"engine": ours[p], "nbgrader": theirs[p]}
                                      for p in problems if ours[p] != theirs[p]}
    assert disagreements == {}
    assert {s: nb_scores[s]["score"] for s in students} == {s: engine_results[s].score for s in students}


def test_buggy_students_lose_points(graded):
    """Not a vacuous agreement: the buggy students score strictly between blank and full marks."""
    nb_scores, _, _, assignment = graded
    assert len(buggy(assignment.id)) == 4
    for student in buggy(assignment.id):
        assert 0 < nb_scores[student]["score"] < assignment.max_score, student


def test_one_mistake_costs_only_its_own_problem_both_ways(graded):
    """A buggy student's untouched problems get full marks even when they call the broken functions: both ways,
    the hidden tests serve a correct stand-in for every other graded function (chloe's overflowing sigmoid costs
    sigmoid's points only, not those of sigmoid_derivative, predict_proba, predict and plot_sigmoid)."""
    nb_scores, engine_results, _, assignment = graded
    by_id = {s.id: s for s in sample_students(assignment.id)}
    for student in buggy(assignment.id):
        changed = set(by_id[student].answers)
        for problem in assignment.problems:
            if problem.id in changed or changed & set(problem.own):
                continue
            assert nb_scores[student]["grades"][f"test_{problem.id}"] == problem.points, (student, problem.id)
            assert engine_results[student].problems[problem.id].score == problem.points, (student, problem.id)


def test_no_hidden_test_cell_wrote_to_stderr(graded):
    _, _, course, assignment = graded
    offenders = []
    for student in graded_students(assignment.id):
        path = course / "autograded" / student / assignment.id / assignment.notebook
        for cell in nbformat.read(path, as_version=4).cells:
            grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
            if grade_id.startswith("test_"):
                stderr = [o for o in cell.get("outputs", []) if o.output_type == "stream" and o.name == "stderr"]
                errors = [o.ename for o in cell.get("outputs", []) if o.output_type == "error"]
                if stderr or errors:
                    offenders.append((student, grade_id, "".join(o.text for o in stderr)[:200], errors))
    assert offenders == []


def test_nbgrader_export_writes_every_student_and_score(graded):
    nb_scores, _, course, assignment = graded
    path = nbgrader_course.export_csv(course)
    rows = {row["student_id"]: row for row in csv.DictReader(path.open(encoding="utf-8"))}
    assert sorted(rows) == sorted(nb_scores)
    for student in rows:
        assert rows[student]["assignment"] == assignment.id
        assert float(rows[student]["score"]) == pytest.approx(nb_scores[student]["score"])
        assert float(rows[student]["max_score"]) == assignment.max_score



# The nbgrader export plugins (autograder/nbgrader_export.py) on the gradebook nbgrader autograde just made: the
# sample students as an LMS's roster knows them (their nbgrader id is their login), plus one who never submitted.
ROSTERED = [lms_rosters.Person(f"Student{n}", name.title(), str(2001 + n), f"S{2001 + n}", name, "Section 01 (월)")
            for n, name in enumerate([*graded_students(IN_PROCESS), "zoe"])]


def exporter_plugins() -> list[str]:
    """The names of the exporter plugins ``autograder.nbgrader_export`` offers (``CanvasExport``, ...), one per
    registered LMS."""
    return sorted(plugin.__name__ for plugin in nbgrader_export.PLUGINS.values())


def exporter(assignment_id: str) -> str:
    """Each assignment's run of `nbgrader export --exporter ...` tries one format, in turn (IN_PROCESS also tries
    every format in-process, below)."""
    plugins = exporter_plugins()
    return plugins[ASSIGNMENTS.index(assignment_id) % len(plugins)]


def lms_roster(fmt: str, folder: Path, assignment) -> tuple[Path, callable, callable]:
    """(roster, reader, the id a row is found by) for one format."""
    t = assignment.title
    return {"canvas": (lms_rosters.canvas(folder / "c.csv", ROSTERED, f"{t} (7001)"), lms_readers.canvas,
                       lambda p: p.canvas_id),
            "moodle": (lms_rosters.moodle(folder / "m.csv", ROSTERED, f"Assignment: {t} (Real)"),
                       lambda text: lms_readers.moodle(text, maximum=100.0), lambda p: p.sis),
            "blackboard": (lms_rosters.blackboard(folder / "b.xls", ROSTERED, f"{t} [Total Pts: 13 Score] |31"),
                           lms_readers.blackboard, lambda p: p.login),
            "brightspace": (lms_rosters.brightspace(folder / "d.csv", ROSTERED, f"{t} Points Grade"),
                            lms_readers.brightspace, lambda p: p.sis),
            "csv": (lms_rosters.canvas(folder / "c.csv", ROSTERED, f"{t} (7001)"),
                    lambda text: (None, {r[0]: r for r in csv.reader(text.splitlines()[1:])}),
                    lambda p: p.canvas_id)}[fmt]


def score_cells(fmt: str, rows: dict[str, list[str]], key, assignment) -> dict[str, str]:
    """The score column of each rostered student (Blackboard: after the three names; the plain CSV: total)."""
    column = {"canvas": 5, "moodle": 1, "blackboard": 3, "brightspace": 2,
              "csv": 3 + len(assignment.problems)}[fmt]
    return {p.login: rows[key(p)][column] for p in ROSTERED}


def expected_cells(nb_scores: dict) -> dict[str, str]:
    """nbgrader's own total for every submitted student; blank (not 0) for zoe, who never submitted."""
    from autograder.lms.gradebook_file import number
    return {p.login: number(nb_scores[p.login]["score"]) if p.login in nb_scores else "" for p in ROSTERED}


def test_the_nbgrader_exporter_plugin_writes_the_lms_file(graded, tmp_path):
    """`nbgrader export --exporter autograder.nbgrader_export.<Format>Export` on the autograded course."""
    nb_scores, _, course, assignment = graded
    plugin = exporter(assignment.id)
    fmt = plugin.removesuffix("Export").lower()
    roster, read, key = lms_roster(fmt, tmp_path, assignment)
    to = tmp_path / "upload.csv"
    proc = nbgrader_course.run_nbgrader(course, "export", f"--exporter=autograder.nbgrader_export.{plugin}",
                                        f"--to={to}", f"--{plugin}.roster={roster}", f"--assignment={assignment.id}")
    _, rows = read(to.read_text(encoding="utf-8"))
    assert score_cells(fmt, rows, key, assignment) == expected_cells(nb_scores)
    assert "Zoe" in proc.stderr and "left blank" in proc.stderr


@pytest.mark.parametrize("fmt", ["canvas", "moodle", "blackboard", "brightspace", "csv"])
def test_every_exporter_plugin_reads_the_gradebook_in_process(graded, tmp_path, fmt):
    nb_scores, _, course, assignment = graded
    if assignment.id != IN_PROCESS:
        pytest.skip("one assignment's gradebook is enough in-process; each assignment runs one exporter above")
    from nbgrader.api import Gradebook
    from autograder import nbgrader_export

    roster, read, key = lms_roster(fmt, tmp_path, assignment)
    plugin = getattr(nbgrader_export, f"{fmt.title() if fmt != 'csv' else 'Csv'}Export")(
        to=str(tmp_path / "upload.csv"), roster=str(roster))
    with Gradebook(nbgrader_course.db_url(course)) as gb:
        plugin.export(gb)
    _, rows = read((tmp_path / "upload.csv").read_text(encoding="utf-8"))
    assert score_cells(fmt, rows, key, assignment) == expected_cells(nb_scores)


def test_an_exporter_plugin_refuses_what_the_lms_would_misread(graded, tmp_path, caplog):
    """A Moodle maximum below the scores: nbgrader export fails with the students named, and writes nothing."""
    nb_scores, _, course, assignment = graded
    if assignment.id != IN_PROCESS:
        pytest.skip("one assignment is enough")
    from nbgrader.api import Gradebook
    from autograder.nbgrader_export import MoodleExport

    roster, _, _ = lms_roster("moodle", tmp_path, assignment)
    plugin = MoodleExport(to=str(tmp_path / "upload.csv"), roster=str(roster), max_grade=1.0)
    with Gradebook(nbgrader_course.db_url(course)) as gb, pytest.raises(SystemExit):
        plugin.export(gb)
    assert "above Moodle's maximum" in caplog.text and "Ada" in caplog.text
    assert not (tmp_path / "upload.csv").exists()


def test_the_korean_edition_scores_the_same_under_stock_nbgrader_and_the_engine(tmp_path):
    """A Korean course: nbgrader's gradebook holds the Korean cells (autograde restores them from it), and the
    Korean notebooks of the reference and of a buggy student score as the English ones, both ways."""
    assignment = catalogue.load(IN_PROCESS)
    by_id = {s.id: s for s in sample_students(assignment.id)}
    students = ["ada", buggy(assignment.id)[0]]
    notebooks = {}
    for student in students:
        notebooks[student] = tmp_path / f"{student}.ipynb"
        notebooks[student].write_text(notebook_for(by_id[student], assignment, "ko"), encoding="utf-8")
    nb_scores = nbgrader_course.autograde(assignment.id, notebooks, tmp_path / "nbgrader", lang="ko")
    run = schedule.grade_class(assignment, [Submission(s, p) for s, p in notebooks.items()], tmp_path / "engine",
                               jobs=2)
    engine = {r.student_id: r for r in run.results}
    for student in students:
        assert {p.id: nb_scores[student]["grades"][f"test_{p.id}"] for p in assignment.problems} == \
            {p.id: engine[student].problems[p.id].score for p in assignment.problems}, student
    assert nb_scores["ada"]["score"] == engine["ada"].score == assignment.max_score
    assert 0 < nb_scores[students[1]]["score"] < assignment.max_score
    autograded = tmp_path / "nbgrader" / nbgrader_course.COURSE_DIR / "autograded" / "ada" / assignment.id
    checks = [c for c in nbformat.read(autograded / assignment.notebook, as_version=4).cells
              if c.metadata.get("nbgrader", {}).get("grade_id", "").endswith("_check")]
    assert checks and all(c.source.startswith("# 확인 셀:") for c in checks)
