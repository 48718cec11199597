"""A small, realistic class for ``autograder demo`` and the kit's tests, for any assignment of the catalogue.

Every student starts from the release notebook and fills its solution cells
(the reference code, or a mistake students really make: the assignment's
mistakes file, ``autograder/samples/mistakes/<id>.py``, names them and its
grader proof rejects each); a few are hostile or broken files.  Each entry
says what the grader should find.
"""
from __future__ import annotations

import inspect
import json
from dataclasses import replace
from pathlib import Path

import nbformat

from autograder import catalogue
from autograder.catalogue import Assignment
from autograder.samples.records import Mistake, SampleStudent, find


def sample_students(assignment_id: str, root: Path | None = None) -> list[SampleStudent]:
    """The sample class of one assignment of the catalogue (in ``root``, else the course's): the reference, the blank
    release, the students of its mistakes file (who hand in its typical mistakes, or hostile cells), then notebooks
    broken in ways any assignment's can be."""
    mistakes = catalogue.load(assignment_id, root).mistakes_module()
    return [
        SampleStudent("ada", "the reference solution"),
        SampleStudent("ben", "handed in the blank release", blank=True),
        *(_with_mistakes(student, mistakes.MISTAKES) for student in mistakes.STUDENTS),
        SampleStudent("jack", "infinite loop at top level", extra_cells=("while True:\n    pass\n",)),
        SampleStudent("mia", "imports a package that is not installed (an exception at import)",
                      extra_cells=("import tensorflow as tf\n",)),
        SampleStudent("kim", "the notebook's JSON is cut short", raw='{"cells": [{"cell_type": "code", "sou'),
        SampleStudent("leo", "a Python file renamed to .ipynb",
                      raw="import numpy as np\n\ndef f(x):\n    return 0.5\n"),
    ]


def _with_mistakes(student: SampleStudent, mistakes: list[Mistake]) -> SampleStudent:
    """``student`` with the cell of each mistake it names among its answers."""
    cells = {}
    for mistake in (find(mistakes, mistake_id) for mistake_id in student.mistakes):
        if mistake.problem in cells or mistake.problem in student.answers:
            raise ValueError(f"{student.id} answers {mistake.problem} twice")
        cells[mistake.problem] = mistake.cell
    return replace(student, answers={**cells, **student.answers})


def solution_cell_problem(cell: dict) -> str | None:
    """The problem a solution cell answers, from its grade_id ``<problem>_solution``."""
    meta = cell.get("metadata", {}).get("nbgrader", {})
    grade_id = meta.get("grade_id", "")
    if meta.get("solution") and grade_id.endswith("_solution"):
        return grade_id.removesuffix("_solution")
    return None


def notebook_for(student: SampleStudent, assignment: Assignment, lang: str = "en") -> str:
    """The text of the notebook this student hands in (the release of the edition in ``lang``)."""
    if student.raw is not None:
        return student.raw
    notebook = nbformat.read(assignment.edition_notebook(lang), as_version=4)
    if not student.blank:
        reference = assignment.reference()
        for cell in notebook.cells:
            problem = solution_cell_problem(cell)
            if problem is not None:
                cell.source = student.answers.get(problem) or inspect.getsource(getattr(reference, problem))
        # ids from the student and position, not random: the same student hands in the same bytes every time
        notebook.cells.extend(nbformat.v4.new_code_cell(src, id=f"{student.id}-extra-{i}")
                              for i, src in enumerate(student.extra_cells))
    return nbformat.writes(notebook)


def partly_written(assignment: Assignment, answers: dict[str, str | None], lang: str = "en") -> str:
    """The release (of the edition in ``lang``) with only these solution cells written, the others still raising
    NotImplementedError (a student halfway through); an answer of None is the reference's code."""
    notebook = nbformat.read(assignment.edition_notebook(lang), as_version=4)
    reference = assignment.reference()
    for cell in notebook.cells:
        problem = solution_cell_problem(cell)
        if problem in answers:
            cell.source = answers[problem] or inspect.getsource(getattr(reference, problem))
    return nbformat.writes(notebook)


def write_sample_class(assignment: Assignment, folder: Path, lang: str = "en") -> list[Path]:
    """The sample class's notebooks (of the edition in ``lang``) in ``folder``, and their stories."""
    folder.mkdir(parents=True, exist_ok=True)
    students = sample_students(assignment.id, assignment.root)
    paths = []
    for student in students:
        path = folder / f"{student.id}.ipynb"
        path.write_text(notebook_for(student, assignment, lang), encoding="utf-8")
        paths.append(path)
    (folder / "stories.json").write_text(json.dumps({s.id: s.story for s in students}, indent=1, ensure_ascii=False))
    return paths
