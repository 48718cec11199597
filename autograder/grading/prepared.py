"""What stays the same while a class is graded: the graders, the reference, and their fingerprint.

The fingerprint (``grader_version``) covers every file that can change a score, so a finished result is
reused only while none of them has changed.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from autograder import catalogue, runner
from autograder.results.records import Result

PACKAGE = Path(__file__).parent.parent
# What can change a score, and so decides whether a finished result still holds (besides the assignment's
# catalogue entry, reference, graders and data): the checks, the sandbox, how graders and notebooks are run,
# how results are recorded.  The scheduling, the reports, the feedback, the exporters and the late policy are
# not in it: editing them regrades no one.
SCORING_CODE = ["checks", "sandbox", "grading", "results", "runner.py", "proxy.py", "notebook.py", "worker.py",
                "catalogue.py", "datasets.py"]


@dataclass(frozen=True)
class Grading:
    """Everything that stays the same for the whole class."""
    assignment: catalogue.Assignment
    tests: list[runner.GraderTest]
    reference: object
    version: str  # changes whenever the catalogue, the graders or the references change

    @classmethod
    def prepare(cls, assignment: catalogue.Assignment) -> Grading:
        tests = runner.collect(assignment.grader_module())
        expected = {p.id: p.points for p in assignment.problems}
        if runner.points_by_problem(tests) != expected:
            raise ValueError(f"the graders' points {runner.points_by_problem(tests)} disagree with the "
                             f"catalogue's {expected}: fix assignments/{assignment.id}.toml or the grader")
        return cls(assignment, tests, assignment.reference(), grader_version(assignment))

    def not_graded(self, status: str, message: str, reason: str | None = None) -> Result:
        """A result whose every test is at 0 for one reason (the notebook never ran, or never came).

        ``status`` is also each test's mistake code; ``reason``, each test's message (default: ``message``).
        """
        problems = {p.id: runner.all_failed(p.id, p.points, self.tests, reason or message, status)
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
