"""The committed student release of every assignment is fresh, leaks nothing, and runs.

* stale: nbgrader, run again on today's source, must produce exactly the
  committed ``release/`` files (regenerate with ``autograder release``);
* leaks: no solution, no hidden test, no mention of the grading code or the
  reference solutions;
* runs (slow): the blank release runs to the end, each check saying its function
  is not written yet, and the source notebook, with the reference solutions,
  runs without any error.
"""
from __future__ import annotations

import inspect
import re
import shutil
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from autograder import catalogue
from autograder.nbgrader.release import generate_into

ASSIGNMENTS = [catalogue.load(i) for i in catalogue.all_ids()]
PROBLEMS = [(a, p.id) for a in ASSIGNMENTS for p in a.problems]


def regenerate(assignment) -> str:
    return f"regenerate it with `.venv/bin/autograder release {assignment.id}` and commit release/"


@pytest.fixture(scope="module", params=ASSIGNMENTS, ids=lambda a: a.id)
def assignment(request) -> catalogue.Assignment:
    return request.param


@pytest.fixture(scope="module")
def fresh(assignment, tmp_path_factory) -> Path:
    """The release directory nbgrader makes from the current source, in a temp dir."""
    dest = tmp_path_factory.mktemp("fresh-release") / assignment.id
    generate_into(assignment.id, dest)
    return dest


def release_text(assignment) -> str:
    assert assignment.release_notebook.exists(), f"no {assignment.release_notebook}; {regenerate(assignment)}"
    return assignment.release_notebook.read_text(encoding="utf-8")


def by_problem(test):
    return pytest.mark.parametrize("assignment_, problem", PROBLEMS, ids=[f"{a.id}-{p}" for a, p in PROBLEMS])(test)


def files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def cell_view(nb) -> list[tuple]:
    return [(c.cell_type, c.get("id"), c.source, c.metadata.get("nbgrader"), c.metadata.get("tags")) for c in nb.cells]


def test_release_is_not_stale(assignment, fresh):
    release_dir, again = assignment.release_notebook.parent, regenerate(assignment)
    assert files(release_dir) == files(fresh), f"release/ has other files than nbgrader makes; {again}"
    committed = nbformat.read(assignment.release_notebook, as_version=4)
    regenerated = nbformat.read(fresh / assignment.notebook, as_version=4)
    # cell by cell first, for a readable failure ...
    for old, new in zip(cell_view(committed), cell_view(regenerated)):
        assert old == new, f"release cell {old[1]} is stale; {again}"
    assert len(committed.cells) == len(regenerated.cells), f"release is stale; {again}"
    # ... then every byte of every file, since the release is what students download
    for name in files(fresh):
        assert (release_dir / name).read_bytes() == (fresh / name).read_bytes(), f"{name} is stale; {again}"


def test_release_has_no_solutions_and_no_hidden_tests(assignment):
    release_text_ = release_text(assignment)
    for marker in ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS", "grade_problem"):
        assert marker not in release_text_, f"the release contains {marker!r}"
    found = sorted(set(re.findall(r"autograder|solutions", release_text_, flags=re.I)))
    assert not found, f"the release mentions {found}"


def distinctive_lines(function) -> list[str]:
    """The code lines of a reference function's (or class's) body long enough to be telling: comments,
    docstrings and the `def` lines a stub keeps are left out."""
    source = inspect.getsource(function)
    body = source.split('"""', 2)[2]  # after the docstring
    lines = [line.split("#", 1)[0].strip() for line in body.splitlines()]
    return [line for line in lines if len(line) >= 12 and not line.startswith(('"""', "def "))]


def taught_text(assignment) -> str:
    """What the source notebook shows students on purpose: every cell but the solution cells (a training loop's
    `loss.backward()` is taught in the text; the reference's own code must not reach the release otherwise)."""
    nb = nbformat.read(assignment.source_notebook, as_version=4)
    return "\n".join(c.source for c in nb.cells if not c.metadata.get("nbgrader", {}).get("solution"))


@by_problem
def test_release_contains_no_reference_code(assignment_, problem):
    nb = nbformat.reads(release_text(assignment_), as_version=4)
    text = "\n".join(cell.source for cell in nb.cells)
    lines = distinctive_lines(getattr(assignment_.reference(), problem))
    assert lines, f"no distinctive line found in the reference {problem}"
    taught = taught_text(assignment_)
    leaked = [line for line in lines if line in text and line not in taught]
    assert not leaked, f"the release shows the reference {problem}: {leaked}"
    assert [line for line in lines if line not in taught], f"the text shows every line of the reference {problem}"


@by_problem
def test_release_solution_cells_are_stubs(assignment_, problem):
    nb = nbformat.reads(release_text(assignment_), as_version=4)
    (cell,) = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == f"{problem}_solution"]
    assert cell.source.startswith((f"def {problem}(", f"class {problem}"))
    assert re.search(r"# YOUR CODE HERE\n\s+raise NotImplementedError\(\)$", cell.source.rstrip())


def run_notebook(path: Path, cwd: Path) -> nbformat.NotebookNode:
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, kernel_name="python3", timeout=60, allow_errors=True,
                   resources={"metadata": {"path": str(cwd)}}).execute()
    return nb


def errors(nb) -> list[tuple[str, str, str]]:
    return [(cell.id, out.ename, out.evalue) for cell in nb.cells if cell.cell_type == "code"
            for out in cell.outputs if out.output_type == "error"]


@pytest.mark.slow
def test_blank_release_runs_to_the_end_saying_each_function_is_not_written(assignment, tmp_path):
    """A student who runs the untouched release sees, with no error and no traceback, one 'not written yet' line in
    every visible check cell and in the line under it; the summary counts 0 functions passing."""
    # run it away from the repository, like a student, with the files released beside it
    shutil.copytree(assignment.release_notebook.parent, tmp_path, dirs_exist_ok=True)
    nb = run_notebook(tmp_path / assignment.notebook, tmp_path)
    assert errors(nb) == [], "Run All would stop at the first of these cells"
    grade_id = lambda c: c.metadata.get("nbgrader", {}).get("grade_id", "")  # noqa: E731
    printed = lambda c: "".join(o.get("text", "") for o in c.outputs if o.output_type == "stream")  # noqa: E731
    checks = [c for c in nb.cells if grade_id(c).endswith("_check") or grade_id(c).startswith("test_")]
    assert len(checks) == 2 * len(assignment.problems)
    silent = [c.id for c in checks if "is not written yet" not in printed(c)]
    assert not silent, f"these cells do not say the function is not written yet: {silent}"
    (summary,) = [c for c in nb.cells if grade_id(c) == "summary"]
    assert f"0 of {len(assignment.problems)} functions pass" in printed(summary)


def source_without_hidden_tests(assignment) -> nbformat.NotebookNode:
    nb = nbformat.read(assignment.source_notebook, as_version=4)
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade"):
            cell.source = cell.source.split("### BEGIN HIDDEN TESTS")[0]
    return nb


@pytest.mark.slow
def test_reference_passes_every_visible_check(assignment, tmp_path):
    """With the reference solutions every visible check passes (the hidden-test cells are left out here)."""
    path = tmp_path / assignment.notebook
    nbformat.write(source_without_hidden_tests(assignment), path)
    assignment.copy_data_files(tmp_path)
    nb = run_notebook(path, tmp_path)
    assert errors(nb) == []
    printed = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code"
                      for o in c.outputs if o.output_type == "stream")
    assert printed.count("passes its visible checks") == len(assignment.problems), printed
    problems = len(assignment.problems)
    assert f"{problems} of {problems} functions pass their visible checks" in printed


@pytest.mark.slow
def test_source_notebook_runs_without_errors_and_scores_full_marks(assignment):
    """The source notebook as nbgrader would run it for the instructor: no error, every grade cell full marks."""
    nb = run_notebook(assignment.source_notebook, assignment.source_notebook.parent)
    assert errors(nb) == []
    for cell in nb.cells:
        m = cell.metadata.get("nbgrader", {})
        if not m.get("grade"):
            continue
        stderr = [o.text for o in cell.outputs if o.output_type == "stream" and o.name == "stderr"]
        assert not stderr, f"{m['grade_id']} writes to stderr, which nbgrader scores 0: {stderr}"
        results = [o for o in cell.outputs if o.output_type == "execute_result"]
        assert results, f"{m['grade_id']} returned no score"
        score = float(results[0].data["text/plain"])
        assert score == m["points"], f"the reference scores {score} of {m['points']} in {m['grade_id']}"
