"""What stays the same while a class is graded: the grader tests, the reference, and their fingerprint.

The graders are ordinary pytest modules (``autograder/graders/test_*.py``): each test is marked
``@pytest.mark.problem("sigmoid", points=1)`` and takes the fixtures ``student`` (a ``StudentProxy``) and
``reference`` (the reference solutions).  The kit's own tests run them with pytest; grading collects them here
once (``collect``), so no submission pays pytest's start-up, and runs them for each submission (``one``).  The
fingerprint (``grader_version``) covers every file that can change a score, so a finished result is reused only
while none of them has changed.
"""
from __future__ import annotations

import hashlib
import inspect
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from types import ModuleType
from typing import Any, Callable

from autograder import catalogue
from autograder.results.records import ProblemResult, Result, TestResult

PACKAGE = Path(__file__).parent.parent
# What can change a score, and so decides whether a finished result still holds (besides the assignment's
# catalogue entry, reference, graders and data): the checks, the sandbox, how graders and notebooks are run,
# how results are recorded.  The scheduling, the reports, the feedback, the exporters and the late policy are
# not in it: editing them regrades no one.
SCORING_CODE = ["checks", "sandbox", "grading", "results", "catalogue.py", "graders/datasets.py"]


@dataclass(frozen=True)
class GraderTest:
    name: str
    problem: str
    points: float
    description: str
    function: Callable[..., Any]

    @cached_property
    def fixtures(self) -> tuple[str, ...]:
        """The fixtures the test asks for by name, read once (``inspect.signature`` per call cost 1 ms a student)."""
        return tuple(inspect.signature(self.function).parameters)


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


def all_failed(problem_id: str, max_score: float, tests: list[GraderTest], message: str,
               mistake: str) -> ProblemResult:
    """A problem none of whose tests could run: each fails with the same reason."""
    return ProblemResult(problem_id, max_score,
                         [failed_test(t, message, mistake) for t in tests if t.problem == problem_id])


def failed_test(test: GraderTest, message: str, mistake: str) -> TestResult:
    """A failed test; its mistake code is always ``<problem>.<what>`` so reports can count by problem."""
    if not mistake.startswith(f"{test.problem}."):
        mistake = f"{test.problem}.{mistake}"
    return TestResult(test.name, False, 0.0, test.points, message, test.description, mistake)


@dataclass(frozen=True)
class Grading:
    """Everything that stays the same for the whole class."""
    assignment: catalogue.Assignment
    tests: list[GraderTest]
    reference: object
    version: str  # changes whenever the catalogue, the graders or the references change

    @classmethod
    def prepare(cls, assignment: catalogue.Assignment) -> Grading:
        tests = collect(assignment.grader_module())
        expected = {p.id: p.points for p in assignment.problems}
        if points_by_problem(tests) != expected:
            raise ValueError(f"the graders' points {points_by_problem(tests)} disagree with the "
                             f"catalogue's {expected}: fix assignments/{assignment.id}.toml or the grader")
        return cls(assignment, tests, assignment.reference(), grader_version(assignment))

    def not_graded(self, status: str, message: str, reason: str | None = None) -> Result:
        """A result whose every test is at 0 for one reason (the notebook never ran, or never came).

        ``status`` is also each test's mistake code; ``reason``, each test's message (default: ``message``).
        """
        problems = {p.id: all_failed(p.id, p.points, self.tests, reason or message, status)
                    for p in self.assignment.problems}
        score = round(sum(p.score for p in problems.values()), 6)
        return Result("", self.assignment.id, score, score, self.assignment.max_score, status, message, problems)


def scoring_files(assignment: catalogue.Assignment) -> list[Path]:
    """Every file that can change this assignment's scores: its catalogue entry, reference, graders and data,
    and ``SCORING_CODE``."""
    code = sorted(p for name in SCORING_CODE for p in ([PACKAGE / name] if name.endswith(".py")
                                                        else (PACKAGE / name).rglob("*.py")))
    data = [assignment.source_notebook.parent / f for f in assignment.data_files]
    return [assignment.catalogue_file, assignment.solution, assignment.grader, *data, *code]


def grader_version(assignment: catalogue.Assignment) -> str:
    """A fingerprint of ``scoring_files``: a finished result is reused only while it is unchanged."""
    digest = hashlib.sha256()
    for path in scoring_files(assignment):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]
