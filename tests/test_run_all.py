"""Run All in a real kernel reaches the end of a half-finished notebook.

A student who wrote the first half of the functions presses Run All (JupyterLab, Notebook 7 and Colab stop at the
first cell that raises): nbclient runs every release notebook so, with errors not allowed, in the folder the
notebook is handed out in.  Every cell runs; an unwritten function's check cell says so in one line; a demo that
needs one says so in one line; nobody sees a traceback or a frame of the check helpers; the summary counts the
written half.  Both editions (English and Korean).  About 3 s per notebook (a kernel each; 05 trains its demos).
"""
from __future__ import annotations

import re
import shutil

import nbformat
import pytest
from nbclient import NotebookClient

from autograder import catalogue
from autograder.samples.sample_class import partly_written

pytestmark = pytest.mark.slow


# What the check helpers say, in each edition.
SAYS = {
    "en": {"unwritten": "✘ {name} is not written yet: replace raise NotImplementedError() with your code",
           "count": "{passed} of {total} functions pass their visible checks.",
           "passes": "✔ passes", "not written": "· not written yet", "demo needs": "not written yet"},
    "ko": {"unwritten": "✘ {name}: 아직 작성되지 않았습니다. raise NotImplementedError()를 여러분의 코드로 바꾸세요",
           "count": "함수 {total}개 중 {passed}개가 확인을 통과했습니다.",
           "passes": "✔ 통과함", "not written": "· 작성 전", "demo needs": "아직 작성되지 않았습니다"},
}
EDITIONS = [(a, lang) for lang in SAYS for a in catalogue.all_ids()]


def half_solved(assignment: catalogue.Assignment, lang: str) -> tuple[nbformat.NotebookNode, list[str]]:
    """The release notebook with the first half of its functions written (the reference's code)."""
    written = [p.id for p in assignment.problems][: (len(assignment.problems) + 1) // 2]
    return nbformat.reads(partly_written(assignment, dict.fromkeys(written), lang), as_version=4), written


def texts(cell: nbformat.NotebookNode) -> str:
    return "".join(o.get("text", "") for o in cell.get("outputs", []) if o.output_type == "stream")


@pytest.fixture(scope="module", params=EDITIONS, ids=lambda p: "-".join(p))
def run(request, tmp_path_factory):
    assignment, lang = catalogue.load(request.param[0]), request.param[1]
    notebook, written = half_solved(assignment, lang)
    folder = tmp_path_factory.mktemp("student")
    shutil.copytree(assignment.edition_notebook(lang).parent, folder, dirs_exist_ok=True)
    NotebookClient(notebook, timeout=60, kernel_name="python3", allow_errors=False,
                   resources={"metadata": {"path": str(folder)}}).execute()
    return assignment, notebook, written, SAYS[lang]


def test_every_cell_ran_without_an_error_or_a_traceback(run):
    _, notebook, _, _ = run
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert all(c.execution_count for c in code), "Run All stopped before the end"
    for cell in code:
        assert not [o for o in cell.outputs if o.output_type == "error"], cell.id
        assert "Traceback" not in texts(cell) and "check_helpers" not in texts(cell), cell.id
        assert all(o.get("name") != "stderr" for o in cell.outputs), (cell.id, texts(cell)[:300])


def test_an_unwritten_function_costs_one_line_per_cell(run):
    assignment, notebook, written, says = run
    for problem in assignment.problems:
        (check,) = [c for c in notebook.cells if c.get("metadata", {}).get("nbgrader", {}).get("grade_id")
                    == f"{problem.id}_check"]
        if problem.id in written:
            assert "✘" not in texts(check), (problem.id, texts(check))
        else:
            assert texts(check).strip().splitlines() == [says["unwritten"].format(name=problem.id)]
    for demo in [c for c in notebook.cells if "demo" in c.metadata.get("tags", [])]:
        said = texts(demo)
        if says["demo needs"] in said:
            assert [line for line in said.splitlines() if says["demo needs"] in line] == said.splitlines()[-1:], said


def test_the_summary_counts_the_written_half(run):
    assignment, notebook, written, says = run
    (summary,) = [c for c in notebook.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "summary"]
    said = texts(summary)
    assert says["count"].format(passed=len(written), total=len(assignment.problems)) in said
    for problem in assignment.problems:
        state = says["passes"] if problem.id in written else says["not written"]
        assert re.search(rf"{re.escape(state)} +{problem.id}\n", said), said
