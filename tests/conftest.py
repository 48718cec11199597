"""Fixtures shared by the kit's own tests."""
from __future__ import annotations

import textwrap
from typing import Callable

import pytest

from autograder import catalogue
from autograder.grading.student_proxy import StudentProxy
from autograder.grading.transports import LocalTransport
from autograder.sandbox.student_side import Session


def student_from_source(source: str) -> StudentProxy:
    """A student whose notebook is ``source``, run in this process through the wire format."""
    session = Session()
    loaded = session.load([textwrap.dedent(source)])
    assert not loaded["errors"], loaded["errors"]
    return StudentProxy(LocalTransport(session))


@pytest.fixture(scope="session")
def sigmoid_assignment() -> catalogue.Assignment:
    return catalogue.load("01_sigmoid")


@pytest.fixture(scope="session")
def make_student() -> Callable[[str], StudentProxy]:
    return student_from_source


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Parametrize a ``GraderProof`` subclass's tests from its cases (see tests/grader_proof.py)."""
    cls = metafunc.cls
    if cls is None or not hasattr(cls, "PROOF"):
        return
    cases = {"wrong_case": cls.WRONG, "right_case": cls.RIGHT, "constant_case": cls.CONSTANT,
             "failing_case": cls.WRONG + cls.CONSTANT, "visible_case": [c for c in cls.WRONG if c.visible]}
    for name, values in cases.items():
        if name in metafunc.fixturenames:
            metafunc.parametrize(name, values, ids=[c.id for c in values])
    if "problem" in metafunc.fixturenames:
        metafunc.parametrize("problem", cls.PROOF.problems)
