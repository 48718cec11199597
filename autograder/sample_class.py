"""A small, realistic class for ``autograder demo`` and the kit's tests.

Every student starts from the release notebook and fills its solution cells
(the reference code, or a mistake students really make); a few are hostile
or broken files.  Each entry says what the grader should find.
"""
from __future__ import annotations

import inspect
import json
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from autograder.catalogue import Assignment


@dataclass(frozen=True)
class SampleStudent:
    id: str
    story: str  # what this student did, in one line
    answers: dict[str, str] = field(default_factory=dict)  # problem id -> source of its solution cell
    extra_cells: tuple[str, ...] = ()  # code cells appended after the last cell
    raw: str | None = None  # the file's whole content, for broken files
    blank: bool = False  # hand in the release untouched


NAIVE_SIGMOID = '''def sigmoid(z):
    return 1 / (1 + np.exp(-z))
'''
SIGN_ERROR = '''def sigmoid(z):
    z = np.asarray(z, dtype=float)
    return np.where(z >= 0, 1 / (1 + np.exp(z)), np.exp(-z) / (1 + np.exp(-z)))
'''
LOG10 = '''def log_odds(p):
    p = np.asarray(p, dtype=float)
    return np.log10(p / (1 - p))
'''
NO_BIAS = '''def predict_proba(X, w, b):
    return sigmoid(np.asarray(X, dtype=float) @ np.asarray(w, dtype=float))
'''
GREATER_EQUAL = '''def predict(X, w, b, threshold=0.5):
    return (predict_proba(X, w, b) >= threshold).astype(int)
'''
BOOL_PREDICT = '''def predict(X, w, b, threshold=0.5):
    return predict_proba(X, w, b) > threshold
'''
NO_LEGEND = '''def plot_sigmoid(ax, params):
    x = np.linspace(-10, 10, 100)
    for a, b in params:
        ax.plot(x, sigmoid(a * x + b))
    return ax
'''
INFINITE_LOOP = '''def sigmoid_derivative(z):
    while True:
        pass
'''
MEMORY_BOMB = '''def log_odds(p):
    hoard = []
    while True:
        hoard.append(bytearray(100 * 1024 * 1024))
'''
HARD_EXIT = '''def predict(X, w, b, threshold=0.5):
    import os
    os._exit(3)
'''


def sample_students() -> list[SampleStudent]:
    return [
        SampleStudent("ada", "the reference solution"),
        SampleStudent("ben", "handed in the blank release", blank=True),
        SampleStudent("chloe", "naive 1/(1+exp(-z)) sigmoid: overflows at z = -1000",
                      {"sigmoid": NAIVE_SIGMOID}),
        SampleStudent("dev", "sign error in sigmoid, log10 in log_odds", {"sigmoid": SIGN_ERROR, "log_odds": LOG10}),
        SampleStudent("emma", "forgot the bias, and >= instead of > (hidden behind the first bug)",
                      {"predict_proba": NO_BIAS, "predict": GREATER_EQUAL}),
        SampleStudent("farid", "bool predictions; plot without legend or labels",
                      {"predict": BOOL_PREDICT, "plot_sigmoid": NO_LEGEND}),
        SampleStudent("grace", "infinite loop in sigmoid_derivative", {"sigmoid_derivative": INFINITE_LOOP}),
        SampleStudent("hugo", "memory bomb in log_odds, os._exit in predict",
                      {"log_odds": MEMORY_BOMB, "predict": HARD_EXIT}),
        SampleStudent("iris", "a syntax error in one cell, 100 MB of prints in another",
                      {"predict": "def predict(X, w, b, threshold=0.5)\n    return 0\n"},
                      extra_cells=("for _ in range(1_000_000):\n    print('x' * 100)\n",)),
        SampleStudent("jack", "infinite loop at top level", extra_cells=("while True:\n    pass\n",)),
        SampleStudent("mia", "imports a package that is not installed (an exception at import)",
                      extra_cells=("import tensorflow as tf\n",)),
        SampleStudent("noah", "renamed sigmoid to Sigmoid (a missing function)",
                      {"sigmoid": "def Sigmoid(z):\n    return 1 / (1 + np.exp(-np.asarray(z, dtype=float)))\n"}),
        SampleStudent("olga", ">= instead of > in predict", {"predict": GREATER_EQUAL}),
        SampleStudent("kim", "the notebook's JSON is cut short", raw='{"cells": [{"cell_type": "code", "sou'),
        SampleStudent("leo", "a Python file renamed to .ipynb", raw="def sigmoid(z):\n    return 0.5\n"),
    ]


def solution_cell_problem(cell: dict) -> str | None:
    """The problem a solution cell answers, from its grade_id ``<problem>_solution``."""
    meta = cell.get("metadata", {}).get("nbgrader", {})
    grade_id = meta.get("grade_id", "")
    if meta.get("solution") and grade_id.endswith("_solution"):
        return grade_id.removesuffix("_solution")
    return None


def notebook_for(student: SampleStudent, assignment: Assignment) -> str:
    """The text of the notebook this student hands in."""
    if student.raw is not None:
        return student.raw
    notebook = nbformat.read(assignment.release_notebook, as_version=4)
    if not student.blank:
        reference = assignment.reference()
        for cell in notebook.cells:
            problem = solution_cell_problem(cell)
            if problem is not None:
                cell.source = student.answers.get(problem) or inspect.getsource(getattr(reference, problem))
        notebook.cells.extend(nbformat.v4.new_code_cell(src) for src in student.extra_cells)
    return nbformat.writes(notebook)


def write_sample_class(assignment: Assignment, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for student in sample_students():
        path = folder / f"{student.id}.ipynb"
        path.write_text(notebook_for(student, assignment), encoding="utf-8")
        paths.append(path)
    (folder / "stories.json").write_text(json.dumps({s.id: s.story for s in sample_students()}, indent=1))
    return paths
