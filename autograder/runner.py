"""Run an assignment's hidden grader tests against one student.

The graders are ordinary pytest modules (``autograder/graders/test_*.py``):
each test is marked ``@pytest.mark.problem("sigmoid", points=1)`` and takes the
fixtures ``student`` (a ``StudentProxy``) and ``reference`` (the reference
solutions).  The kit's own tests run them with pytest; the grading engine runs
them here instead, collected once, so no submission pays pytest's start-up.
"""
from __future__ import annotations

import inspect
import traceback
from dataclasses import dataclass
from types import ModuleType
from typing import Any, Callable, Mapping

from autograder.proxy import (NotDefined, NotImplementedYet, SandboxCrashed, StudentProblem, StudentRaised,
                              StudentTimeout)
from autograder.results.records import ProblemResult, TestResult

# A problem whose function is missing, unfinished or whose process died fails
# its remaining tests with the same message instead of calling it again.
BLOCKING = (NotDefined, NotImplementedYet, StudentTimeout, SandboxCrashed)

# The mistake code of a failure that is not a check's Mismatch (which carries its own).
PROBLEM_CODES = {NotDefined: "not_defined", NotImplementedYet: "not_implemented", StudentTimeout: "timeout",
                 SandboxCrashed: "crashed"}


@dataclass(frozen=True)
class GraderTest:
    name: str
    problem: str
    points: float
    description: str
    function: Callable[..., Any]


def collect(module: ModuleType) -> list[GraderTest]:
    """The module's ``test_*`` functions with their ``problem`` marks, in file order."""
    tests = []
    for name, function in vars(module).items():
        if not (name.startswith("test_") and inspect.isfunction(function)):
            continue
        marks = [m for m in getattr(function, "pytestmark", []) if m.name == "problem"]
        if len(marks) != 1:
            raise ValueError(f"{module.__name__}.{name} needs exactly one @pytest.mark.problem(id, points=...)")
        mark = marks[0]
        doc = inspect.getdoc(function) or ""
        tests.append(GraderTest(name, mark.args[0], float(mark.kwargs["points"]), doc.split("\n")[0], function))
    return tests


def points_by_problem(tests: list[GraderTest]) -> dict[str, float]:
    totals: dict[str, float] = {}
    for t in tests:
        totals[t.problem] = totals.get(t.problem, 0.0) + t.points
    return totals


def run_problem(problem_id: str, max_score: float, tests: list[GraderTest], fixtures: dict[str, Any],
                stand_ins: Mapping[str, Callable] | None = None) -> ProblemResult:
    """Run one problem's tests; every outcome becomes a ``TestResult`` with a message.

    ``stand_ins``: the notebook's other graded functions, by name, with the correct function that answers
    when the student's code calls them while these tests run (``catalogue.Assignment.stand_ins``).
    """
    result = ProblemResult(problem_id, max_score)
    student = fixtures.get("student")
    if student is not None:
        student.stand_ins, student.stood_in = dict(stand_ins or {}), set()
    try:
        _run_tests(problem_id, tests, fixtures, result)
    finally:
        if student is not None:
            result.stand_ins = sorted(student.stood_in)
            student.stand_ins, student.stood_in = {}, set()
    return result


def _run_tests(problem_id: str, tests: list[GraderTest], fixtures: dict[str, Any], result: ProblemResult) -> None:
    blocked: tuple[str, str] | None = None  # (message, mistake code) once the function cannot be called again
    for test in (t for t in tests if t.problem == problem_id):
        if blocked is not None:
            result.tests.append(_failed(test, *blocked))
            continue
        try:
            wanted = inspect.signature(test.function).parameters
            try:
                test.function(**{name: fixtures[name] for name in wanted})
            finally:
                if fixtures.get("student") is not None:
                    fixtures["student"].forget_functions()
        except BLOCKING as err:
            blocked = (str(err), mistake_code(err))
            result.tests.append(_failed(test, *blocked))
        except (AssertionError, StudentProblem) as err:
            result.tests.append(_failed(test, str(err) or "check failed", mistake_code(err)))
        except Exception as err:  # noqa: BLE001 - a bug in a grader must not stop the class
            detail = "".join(traceback.format_exception_only(type(err), err)).strip()
            result.tests.append(_failed(test, f"internal grader error (not your mistake; tell your instructor): "
                                              f"{detail}", "grader_error"))
        else:
            result.tests.append(TestResult(test.name, True, test.points, test.points, "", test.description))


def mistake_code(err: BaseException) -> str:
    """The stable code of a failed test: the check's own, or the kind of trouble the student's code ran into."""
    code = getattr(err, "mistake", None)
    if code:
        return code
    for kind, kind_code in PROBLEM_CODES.items():
        if isinstance(err, kind):
            return kind_code
    if isinstance(err, StudentRaised):
        return f"raised.{err.type}"
    return "failed"


def all_failed(problem_id: str, max_score: float, tests: list[GraderTest], message: str,
               mistake: str) -> ProblemResult:
    """A problem none of whose tests could run: each fails with the same reason."""
    return ProblemResult(problem_id, max_score,
                         [_failed(t, message, mistake) for t in tests if t.problem == problem_id])


def _failed(test: GraderTest, message: str, mistake: str) -> TestResult:
    """A failed test; its mistake code is always ``<problem>.<what>`` so reports can count by problem."""
    if not mistake.startswith(f"{test.problem}."):
        mistake = f"{test.problem}.{mistake}"
    return TestResult(test.name, False, 0.0, test.points, message, test.description, mistake)
