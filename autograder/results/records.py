"""The records of grading: one test, one problem, one submission's ``Result``, and their JSON form.

A ``Result`` is what every part of the kit passes around (the class run, the reports, Gradescope, the LMS
exports); ``to_json`` is the one place that decides what a result file holds, ``from_json`` reads it back,
including files written before results carried a ``"schema"`` (version 1).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

from autograder import messages

# 1: the files written before the schema was recorded (no "schema" key); 2: the same keys, plus "schema";
# 3: a failed test's message also keeps its key and parameters ("text"), and so do the result's own messages
#    ("texts"), so they render in any language.
SCHEMA_VERSION = 3
TRANSLATABLE = ("message", "roster_note", "late_note")  # a Result's own messages (schema 3 keeps their keys)


@dataclass
class TestResult:
    __test__ = False  # a record, not a pytest test class
    name: str
    passed: bool
    points: float
    max_points: float
    message: str
    description: str = ""
    mistake: str = ""   # a stable code for the failure ("sigmoid.sign", "wrong_shape", ...); "" when passed

    def to_json(self) -> dict:
        data = asdict(self)
        if (text := messages.to_json(self.message)) is not None:
            data["text"] = text
        return data

    @classmethod
    def from_json(cls, data: dict) -> TestResult:
        data = dict(data)
        text = data.pop("text", None)
        return cls(**{**data, "message": messages.from_json(data["message"], text)})


@dataclass
class ProblemResult:
    id: str
    max_score: float
    tests: list[TestResult] = field(default_factory=list)
    stand_ins: list[str] = field(default_factory=list)  # graded functions the student's code called, served correct

    @property
    def score(self) -> float:
        return round(sum(t.points for t in self.tests), 6)

    def to_json(self) -> dict:
        return {"score": self.score, "max_score": self.max_score, "tests": [t.to_json() for t in self.tests],
                "stand_ins": list(self.stand_ins)}

    @classmethod
    def from_json(cls, problem_id: str, data: dict) -> ProblemResult:
        """The problem saved under ``problem_id`` (its score is recomputed from its tests)."""
        return cls(problem_id, data["max_score"], [TestResult.from_json(t) for t in data["tests"]],
                   list(data.get("stand_ins", [])))


@dataclass
class Result:
    """One submission's grading, then who handed it in and how late (the steps after grading fill those in).

    Three groups of fields stay out of the JSON until a step has filled them: the grading stamp
    (``grader_version`` is None for a student who handed in nothing), ``grading_seconds``, the identity
    (``name`` is None before the roster step) and the lateness (``late`` is None before the late policy).
    """
    student_id: str
    assignment: str
    score: float
    raw_score: float
    max_score: float
    status: str         # graded, missing, or why it could not be graded (invalid_notebook, timeout, ...)
    message: str
    problems: dict[str, ProblemResult]
    notebook_errors: list[dict] = field(default_factory=list)
    output: str = ""
    # the grading stamp: which notebook (its path and digest) was graded, by which graders, when
    submission: str = ""
    submission_sha256: str = ""
    grader_version: str | None = None
    graded_at: str = ""
    grading_seconds: float | None = None
    # who handed it in (``identity.identify``)
    name: str | None = None
    section: str = ""
    roster: str = ""
    roster_note: str = ""
    source: str = ""
    submitted_file: str = ""
    other_files: list[str] = field(default_factory=list)
    ids: dict[str, str] = field(default_factory=dict)
    # how late, and what it cost (``late.LatePolicy.assess``)
    due: str | None = None
    submitted_at: str | None = None
    late: bool | None = None
    minutes_late: int | None = None
    days_late: int = 0
    late_penalty: float = 0.0
    late_note: str = ""

    def to_json(self) -> dict:
        """The result file's content: its keys in the order the kit has always written them."""
        data: dict[str, Any] = {
            "schema": SCHEMA_VERSION, "student_id": self.student_id, "assignment": self.assignment,
            "score": self.score, "raw_score": self.raw_score, "max_score": self.max_score, "status": self.status,
            "message": self.message, "problems": {pid: p.to_json() for pid, p in self.problems.items()},
            "notebook_errors": list(self.notebook_errors), "output": self.output}
        if self.grader_version is not None:
            data |= {"submission": self.submission, "submission_sha256": self.submission_sha256,
                     "grader_version": self.grader_version, "graded_at": self.graded_at}
        if self.grading_seconds is not None:
            data["grading_seconds"] = self.grading_seconds
        if self.name is not None:
            data |= {"name": self.name, "section": self.section, "roster": self.roster,
                     "roster_note": self.roster_note, "source": self.source, "submitted_file": self.submitted_file,
                     "other_files": list(self.other_files), "ids": dict(self.ids)}
        if self.late is not None and self.status == "missing":  # nothing came in: no time to be late by
            data |= {"late": self.late, "late_penalty": self.late_penalty}
        elif self.late is not None:
            data |= {"due": self.due, "submitted_at": self.submitted_at, "late": self.late,
                     "minutes_late": self.minutes_late, "days_late": self.days_late,
                     "late_penalty": self.late_penalty, "late_note": self.late_note}
        if texts := {name: text for name in TRANSLATABLE if (text := messages.to_json(getattr(self, name)))}:
            data["texts"] = texts  # the key and parameters of each message above, to render it in any language
        return data

    @classmethod
    def from_json(cls, data: dict) -> Result:
        """A result from its file, of this schema or an older one; a newer one is refused (``ValueError``)."""
        schema = data.get("schema", 1)
        if not isinstance(schema, int) or schema > SCHEMA_VERSION:
            raise ValueError(f"result schema {schema!r} is newer than this kit's ({SCHEMA_VERSION}): update the kit")
        known = {f.name for f in fields(cls)} - {"problems"}
        values = {k: v for k, v in data.items() if k in known}
        for name, text in data.get("texts", {}).items():
            if name in TRANSLATABLE and name in values:
                values[name] = messages.from_json(values[name], text)
        return cls(**values, problems={pid: ProblemResult.from_json(pid, p) for pid, p in data["problems"].items()})

