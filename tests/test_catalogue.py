"""The catalogue is the single source of truth: notebook points, grader points and exports agree with it."""
from __future__ import annotations

import ast
import dataclasses
import sys

import nbformat
import pytest

from autograder import catalogue
from autograder.grading import prepared
from autograder.grading.prepared import Grading
from autograder.reports.grades_csv import grades_csv
from autograder.sandbox.zygote import PRELOADABLE

ASSIGNMENTS = catalogue.all_ids()


def test_there_is_a_catalogue():
    assert "01_sigmoid" in ASSIGNMENTS


@pytest.mark.parametrize("assignment_id", ASSIGNMENTS)
def test_catalogue_entry_is_complete(assignment_id):
    a = catalogue.load(assignment_id)
    assert a.problems and len({p.id for p in a.problems}) == len(a.problems), "problem ids must be unique"
    assert all(p.points > 0 for p in a.problems)
    for path in (a.source_notebook, a.release_notebook, a.solution, a.grader):
        assert path.exists(), path
    reference = a.reference()
    assert all(callable(getattr(reference, p.id, None)) for p in a.problems), "every problem has a reference"


@pytest.mark.parametrize("assignment_id", ASSIGNMENTS)
def test_the_sandbox_preloads_every_heavy_module_the_notebook_imports(assignment_id):
    """``sandbox_imports`` names what the release notebook imports beyond the standard library (a module left
    out would be imported by every child again; one too many makes every fork slower, torch by 10 ms)."""
    a = catalogue.load(assignment_id)
    notebook = nbformat.read(a.release_notebook, as_version=4)
    imported = set()
    for cell in notebook.cells:
        if cell.cell_type == "code":
            for node in ast.walk(ast.parse(cell.source)):
                if isinstance(node, ast.Import):
                    imported |= {alias.name.split(".")[0] for alias in node.names}
                elif isinstance(node, ast.ImportFrom) and node.level == 0:
                    imported.add(node.module.split(".")[0])
    assert set(a.sandbox_imports) <= set(PRELOADABLE), a.sandbox_imports
    assert imported - sys.stdlib_module_names == set(a.sandbox_imports)


@pytest.mark.parametrize("assignment_id", ASSIGNMENTS)
def test_notebook_grade_cells_match_the_catalogue(assignment_id):
    a = catalogue.load(assignment_id)
    points = {}
    for cell in nbformat.read(a.source_notebook, as_version=4).cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade"):
            points[meta["grade_id"]] = float(meta["points"])
    assert points == {f"test_{p.id}": p.points for p in a.problems}


@pytest.mark.parametrize("assignment_id", ASSIGNMENTS)
def test_grader_points_match_the_catalogue(assignment_id):
    a = catalogue.load(assignment_id)
    totals = prepared.points_by_problem(prepared.collect(a.grader_module()))
    assert totals == {p.id: p.points for p in a.problems}


@pytest.mark.parametrize("assignment_id", ASSIGNMENTS)
def test_exported_maximum_matches_the_catalogue(assignment_id):
    a = catalogue.load(assignment_id)
    result = Grading.prepare(a).not_graded("graded", "")
    tests_max = sum(t.max_points for p in result.problems.values() for t in p.tests)
    header, line = grades_csv(a, [result]).splitlines()
    exported = float(dict(zip(header.split(","), line.split(",")))["max"])
    assert result.max_score == tests_max == exported == sum(p.points for p in a.problems)


def test_the_engine_refuses_graders_that_disagree_with_the_catalogue():
    a = catalogue.load("01_sigmoid")
    shrunk = dataclasses.replace(a, problems=(dataclasses.replace(a.problems[0], points=a.problems[0].points + 1),
                                              *a.problems[1:]))
    with pytest.raises(ValueError, match="disagree"):
        Grading.prepare(shrunk)
