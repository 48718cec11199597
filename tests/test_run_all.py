"""Run All in a real kernel reaches the end of a half-finished notebook.

A student who wrote the first half of the functions presses Run All (JupyterLab, Notebook 7 and Colab stop at the
first cell that raises): nbclient runs every release notebook so, with errors not allowed, in the folder the
notebook is handed out in.  Every cell runs; an unwritten function's check cell says so in one line; a demo that
needs one says so in one line; nobody sees a traceback or a frame of the check helpers; the summary counts the
written half.  About 3 s per notebook (a kernel each; 05 trains its demos).
"""
from __future__ import annotations

import shutil

import nbformat
import pytest
from nbclient import NotebookClient

from autograder import catalogue
from autograder.samples.sample_class import partly_written

pytestmark = pytest.mark.slow


def half_solved(assignment: catalogue.Assignment) -> tuple[nbformat.NotebookNode, list[str]]:
    """The release notebook with the first half of its functions written (the reference's code)."""
    written = [p.id for p in assignment.problems][: (len(assignment.problems) + 1) // 2]
    return nbformat.reads(partly_written(assignment, dict.fromkeys(written)), as_version=4), written


def texts(cell: nbformat.NotebookNode) -> str:
    return "".join(o.get("text", "") for o in cell.get("outputs", []) if o.output_type == "stream")


@pytest.fixture(scope="module", params=catalogue.all_ids())
def run(request, tmp_path_factory):
    assignment = catalogue.load(request.param)
    notebook, written = half_solved(assignment)
    folder = tmp_path_factory.mktemp("student")
    shutil.copytree(assignment.release_notebook.parent, folder, dirs_exist_ok=True)
    NotebookClient(notebook, timeout=60, kernel_name="python3", allow_errors=False,
                   resources={"metadata": {"path": str(folder)}}).execute()
    return assignment, notebook, written


def test_every_cell_ran_without_an_error_or_a_traceback(run):
    _, notebook, _ = run
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert all(c.execution_count for c in code), "Run All stopped before the end"
    for cell in code:
        assert not [o for o in cell.outputs if o.output_type == "error"], cell.id
        assert "Traceback" not in texts(cell) and "check_helpers" not in texts(cell), cell.id
        assert all(o.get("name") != "stderr" for o in cell.outputs), (cell.id, texts(cell)[:300])


def test_an_unwritten_function_costs_one_line_per_cell(run):
    assignment, notebook, written = run
    for problem in assignment.problems:
        (check,) = [c for c in notebook.cells if c.get("metadata", {}).get("nbgrader", {}).get("grade_id")
                    == f"{problem.id}_check"]
        if problem.id in written:
            assert "✘" not in texts(check), (problem.id, texts(check))
        else:
            assert texts(check).strip().splitlines() == [
                f"✘ {problem.id} is not written yet: replace raise NotImplementedError() with your code"]
    for demo in [c for c in notebook.cells if "demo" in c.metadata.get("tags", [])]:
        said = texts(demo)
        if "not written yet" in said:
            assert [line for line in said.splitlines() if "not written yet" in line] == said.splitlines()[-1:], said


def test_the_summary_counts_the_written_half(run):
    assignment, notebook, written = run
    (summary,) = [c for c in notebook.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "summary"]
    said = texts(summary)
    assert f"{len(written)} of {len(assignment.problems)} functions pass their visible checks." in said
    for problem in assignment.problems:
        state = "✔ passes" if problem.id in written else "· not written yet"
        assert f"{state:18} {problem.id}" in said, said
