"""Fixtures for running the hidden graders with plain pytest.

``pytest autograder/graders`` grades the reference solutions (everything must
pass).  A grader module names its assignment with ``ASSIGNMENT = "01_sigmoid"``;
``reference`` is that assignment's reference module (grading side), and
``student`` is a ``StudentProxy`` on a ``Session`` that ran the reference
solution's source, through the same wire round trip as the sandbox
(``LocalTransport``).  To try the graders on another source file, set
``AUTOGRADER_STUDENT=path/to/code.py``.

The grading engine and the nbgrader bridge do not use this file: they call
``autograder.grading.one`` with their own ``student`` and ``reference``.
"""
from __future__ import annotations

import os
from pathlib import Path
from types import ModuleType

import pytest

from autograder import catalogue
from autograder.grading.student_proxy import StudentProxy
from autograder.grading.transports import LocalTransport
from autograder.sandbox.student_side import Session


def _assignment(request: pytest.FixtureRequest) -> catalogue.Assignment:
    assignment_id = getattr(request.module, "ASSIGNMENT", None)
    if assignment_id is None:
        raise pytest.UsageError(f"{request.module.__name__} must declare ASSIGNMENT = \"<assignment id>\"")
    return catalogue.load(assignment_id)


@pytest.fixture
def reference(request: pytest.FixtureRequest) -> ModuleType:
    return _assignment(request).reference()


@pytest.fixture
def student(request: pytest.FixtureRequest) -> StudentProxy:
    path = os.environ.get("AUTOGRADER_STUDENT")
    source = Path(path).read_text(encoding="utf-8") if path else _assignment(request).solution.read_text(encoding="utf-8")
    session = Session()
    loaded = session.load([source])
    if not path:  # a student's file may have errors, as a notebook may; the reference may not
        assert not loaded["errors"], loaded["errors"]
    return StudentProxy(LocalTransport(session))
