"""Every assignment's source notebook agrees with the catalogue, the reference solutions and the shared cells.

What nbgrader needs (schema-3 metadata, unique grade ids), what the catalogue
says (one solution cell and one grade cell per problem, the same points), and
what students must never see in a visible cell (an import of the grading code
or of the reference solutions).
"""
from __future__ import annotations

import inspect
import re

import nbformat
import pytest
from nbgrader.nbgraderformat import MetadataValidator

from autograder import catalogue
from autograder.grading.notebook_code import opens_like_kit_cell
from autograder.notebook_cells import check_helpers_source

ASSIGNMENTS = [catalogue.load(i) for i in catalogue.all_ids()]
PROBLEMS = [(a, p.id) for a in ASSIGNMENTS for p in a.problems]
BEGIN_SOLUTION, END_SOLUTION = "### BEGIN SOLUTION", "### END SOLUTION"
BEGIN_HIDDEN, END_HIDDEN = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"


_notebooks: dict[str, nbformat.NotebookNode] = {}


def notebook(assignment: catalogue.Assignment) -> nbformat.NotebookNode:
    if assignment.id not in _notebooks:
        _notebooks[assignment.id] = nbformat.read(assignment.source_notebook, as_version=4)
    return _notebooks[assignment.id]


@pytest.fixture(params=ASSIGNMENTS, ids=lambda a: a.id)
def assignment(request) -> catalogue.Assignment:
    return request.param


@pytest.fixture
def nb(assignment) -> nbformat.NotebookNode:
    return notebook(assignment)


def by_problem(test):
    """Parametrize ``test`` over every (assignment, problem) pair."""
    return pytest.mark.parametrize("assignment, problem", PROBLEMS, ids=[f"{a.id}-{p}" for a, p in PROBLEMS])(test)


def nbgrader_cells(nb):
    return [c for c in nb.cells if "nbgrader" in c.metadata]


def meta(cell) -> dict:
    return cell.metadata.get("nbgrader", {})


def solution_cells(nb, problem):
    return [c for c in nbgrader_cells(nb) if meta(c).get("solution") and meta(c)["grade_id"] == f"{problem}_solution"]


def grade_cells(nb):
    return [c for c in nbgrader_cells(nb) if meta(c).get("grade")]


def without_hidden_tests(source: str) -> str:
    """What a student sees of a cell: the source with the hidden-test region cut out."""
    return re.sub(rf"^[ \t]*{BEGIN_HIDDEN}.*?^[ \t]*{END_HIDDEN}[^\n]*\n?", "", source, flags=re.S | re.M)


def test_notebook_is_valid_nbformat_and_nbgrader(nb):
    nbformat.validate(nb)
    MetadataValidator().validate_nb(nb)  # nbgrader's own checks: grade ids present, points on grade cells, ...
    assert nb.metadata.kernelspec.name == "python3"
    assert nb.metadata.kernelspec.language == "python"
    assert nb.metadata.language_info.name == "python"


def test_nbgrader_metadata_is_schema_3_with_unique_grade_ids(nb):
    cells = nbgrader_cells(nb)
    assert cells, "no cell has nbgrader metadata"
    for cell in cells:
        m = meta(cell)
        assert m.get("schema_version") == 3, f"cell {cell.id}: schema_version {m.get('schema_version')}"
        assert re.fullmatch(r"[a-zA-Z0-9_\-]+", m.get("grade_id", "")), f"cell {cell.id}: bad grade_id {m!r}"
    ids = [meta(c)["grade_id"] for c in cells]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert not duplicates, f"duplicate grade ids: {duplicates}"


def test_grade_cells_match_the_catalogue(assignment, nb):
    points = {meta(c)["grade_id"]: meta(c)["points"] for c in grade_cells(nb)}
    expected = {f"test_{p.id}": p.points for p in assignment.problems}
    assert points == expected
    assert sum(points.values()) == assignment.max_score


@by_problem
def test_each_problem_has_one_solution_cell_then_a_check_cell_then_one_test_cell(assignment, problem):
    nb = notebook(assignment)
    solutions = solution_cells(nb, problem)
    tests = [c for c in grade_cells(nb) if meta(c)["grade_id"] == f"test_{problem}"]
    assert len(solutions) == 1 and len(tests) == 1, (len(solutions), len(tests))
    solution, test = solutions[0], tests[0]
    assert solution.cell_type == test.cell_type == "code"
    assert dict(meta(solution)) == {"grade": False, "grade_id": f"{problem}_solution", "locked": False,
                                 "schema_version": 3, "solution": True, "task": False}
    assert (meta(test)["solution"], meta(test)["locked"]) == (False, True)
    i, j = nb.cells.index(solution), nb.cells.index(test)
    checks = [c for c in nb.cells[i + 1:j] if "visible-check" in c.metadata.get("tags", [])]
    assert len(checks) == 1, f"{problem}: expected one visible-check cell between its solution and test cells"
    check = meta(checks[0])
    assert (check.get("locked"), check.get("grade"), check.get("solution")) == (True, False, False), \
        f"{problem}: the visible-check cell must be read-only nbgrader metadata, got {check}"
    assert meta(checks[0])["grade_id"] == f"{problem}_check"
    assert f'with checks_for("{problem}"):' in checks[0].source, f"the visible checks of {problem} must record " \
        "their outcome (nbgrader's Validate and the summary read it)"
    assert re.search(rf"\b(call|call_quietly)\(.*\b{problem}\b", checks[0].source), \
        f"the visible checks of {problem} never call it through call(...)"


def test_problems_appear_in_catalogue_order(assignment, nb):
    order = [meta(c)["grade_id"] for c in grade_cells(nb)]
    assert order == [f"test_{p.id}" for p in assignment.problems]


@by_problem
def test_solution_cell_is_the_reference_function(assignment, problem):
    nb = notebook(assignment)
    (cell,) = solution_cells(nb, problem)
    lines = cell.source.split("\n")
    begins = [line.strip() for line in lines].count(BEGIN_SOLUTION)
    assert begins == [line.strip() for line in lines].count(END_SOLUTION)
    # one solution region per function; a class has one per method, so its stub keeps the method lines
    assert begins == 1 or (begins > 1 and inspect.isclass(getattr(assignment.reference(), problem))), begins
    code = "\n".join(line for line in lines if line.strip() not in (BEGIN_SOLUTION, END_SOLUTION))
    reference = inspect.getsource(getattr(assignment.reference(), problem))
    assert code.rstrip("\n") == reference.rstrip("\n"), (
        f"the solution cell of {problem} differs from {assignment.solution.name}; regenerate the notebook")
    # the stub that replaces the solution keeps the def line and the docstring
    before_marker = lines[: [line.strip() for line in lines].index(BEGIN_SOLUTION)]
    assert before_marker[0].startswith((f"def {problem}(", f"class {problem}")) and '"""' in "\n".join(before_marker)


@by_problem
def test_test_cell_reports_the_visible_checks_then_calls_the_hidden_grader(assignment, problem):
    (cell,) = [c for c in grade_cells(notebook(assignment)) if meta(c)["grade_id"] == f"test_{problem}"]
    assert cell.source.rstrip("\n") == (
        f"# Hidden tests for `{problem}` run when your notebook is graded.\n"
        f'report_visible_checks("{problem}")\n'
        f"{BEGIN_HIDDEN}\n"
        "from autograder.nbgrader_bridge import grade_problem\n"
        f'grade_problem("{assignment.id}", "{problem}", globals())\n'
        f"{END_HIDDEN}")


def test_a_summary_cell_follows_the_last_problem(assignment, nb):
    (summary,) = [c for c in nb.cells if meta(c).get("grade_id") == "summary"]
    assert "visible-check" in summary.metadata.get("tags", [])
    assert (meta(summary)["locked"], meta(summary)["grade"], meta(summary)["solution"]) == (True, False, False)
    problems = ", ".join(f'"{p.id}"' for p in assignment.problems)
    assert f"visible_checks_summary([{problems}])" in summary.source
    last_test = max(i for i, c in enumerate(nb.cells) if meta(c).get("grade"))
    assert nb.cells.index(summary) > last_test


def test_no_visible_cell_mentions_the_grading_code_or_the_solutions(nb):
    for cell in nb.cells:
        visible = without_hidden_tests(cell.source)
        found = re.findall(r"autograder|solutions", visible, flags=re.I)
        assert not found, f"cell {cell.id} shows students {found}: {visible[:200]!r}"
        if cell.cell_type == "code":
            assert not re.search(r"^\s*(import|from)\s+(autograder|solutions)\b", visible, flags=re.M)


def test_code_cells_are_plain_python(nb):
    """No IPython magics or shell escapes: the notebook's code must also run as a script, and in Colab."""
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not re.search(r"^\s*[%!]", cell.source, flags=re.M), f"cell {cell.id} uses a magic"
            compile(cell.source, cell.id, "exec")


def test_first_code_cells_are_read_only_imports_and_the_shared_check_helpers(nb):
    code = [c for c in nb.cells if c.cell_type == "code"]
    imports, helpers = code[0], code[1]
    for cell in (imports, helpers):
        m = meta(cell)
        assert (m.get("locked"), m.get("grade"), m.get("solution")) == (True, False, False), cell.id
    assert "import numpy as np" in imports.source and "import matplotlib.pyplot as plt" in imports.source
    assert "visible-check" in helpers.metadata.get("tags", [])
    assert meta(helpers)["grade_id"] == "check_helpers"
    # Collapsed to its first line: JupyterLab and Notebook 7 read jupyter.source_hidden, Colab its form view.
    assert helpers.metadata.get("jupyter", {}).get("source_hidden") is True
    assert helpers.metadata.get("cellView") == "form"
    assert helpers.source.startswith("#@title "), "Colab's form view shows the #@title line"
    assert helpers.source == check_helpers_source(), \
        "the check-helpers cell differs from autograder/notebook_cells/check_helpers.py; run `autograder release`"


def test_cell_ids_are_fixed_names(nb):
    """Fixed, readable cell ids (not nbformat's random ones) keep the generated release byte-stable."""
    ids = [c.id for c in nb.cells]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"[a-z][a-z0-9-]*", i) for i in ids), ids


def test_notebook_has_no_outputs(nb):
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None, f"cell {cell.id} was saved with outputs"


def test_every_kit_cell_is_known_by_its_opening_line_and_no_student_cell_is(nb):
    """Colab and copying cells drop tags and nbgrader metadata: grading still skips the kit's cells by
    their first line, and must never mistake a cell a student writes in for one of them."""
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        kit = bool({"visible-check", "demo"} & set(cell.metadata.get("tags", []))) or (
            meta(cell).get("grade") and not meta(cell).get("solution"))
        assert opens_like_kit_cell(cell.source) == bool(kit), (
            f"cell {cell.id}: {'a kit cell' if kit else 'a cell students write or run'} that "
            f"{'does not open' if kit else 'opens'} like one of autograder.grading.notebook_code.KIT_CELL_OPENINGS")


def test_demo_cells_run_inside_demo_so_an_unfinished_function_costs_one_line(nb):
    demos = [c for c in nb.cells if "demo" in c.metadata.get("tags", [])]
    for cell in demos:
        assert cell.source.startswith("with demo():\n"), cell.id


@pytest.mark.parametrize("assignment", [a for a in ASSIGNMENTS if a.data_files], ids=lambda a: a.id)
def test_the_notebook_carries_its_data_and_writes_the_shipped_files_where_missing(assignment, tmp_path,
                                                                                  monkeypatch):
    """Colab has no data/ folder: the notebook writes it, and what it writes is exactly what the graders read."""
    code = [c for c in notebook(assignment).cells if c.cell_type == "code"]
    (carrier,) = [c for c in code if all(p.name in c.source for p in assignment.data_files)]
    monkeypatch.chdir(tmp_path)
    namespace: dict = {}
    for cell in (code[0], code[1], carrier):  # the imports, the check helpers (demo()), the data cell
        exec(compile(cell.source, cell.id, "exec"), namespace)
    for relative in assignment.data_files:
        shipped = (assignment.source_notebook.parent / relative).read_bytes()
        assert (tmp_path / relative).read_bytes() == shipped, f"{relative} written by the notebook differs"
