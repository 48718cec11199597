"""Grade one notebook in a warm sandbox worker: the one path every submission takes (a class run, Gradescope).

Its cells are loaded in a sandboxed child, then each problem's grader tests (``prepared.collect``) run against
them through the student proxy (``run_problem``, which nbgrader's hidden test cells use too).

The notebook comes as bytes, so whoever schedules the grading needs no shared file system.  Every failure
of the student's code becomes part of the result.  A child that times out or dies costs only the problem it
was on: a fresh child is forked for the problems left.  A worker that dies itself (the fork server) is
replaced once through its ``WorkerSlot``; this is the only place that retries.  The result names neither the
student nor their lateness: those are the next step (``autograder.classrun.identity``).
"""
from __future__ import annotations

import hashlib
import os
import stat
import traceback
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Mapping

from autograder.grading.notebook_code import InvalidNotebook, code_in, read_notebook
from autograder.grading.prepared import Grading, GraderTest, all_failed, failed_test
from autograder.grading.sandbox_worker import Worker, WorkerDied
from autograder.grading.student_proxy import (NotDefined, NotImplementedYet, SandboxCrashed, StudentProblem,
                                              StudentRaised, StudentTimeout)
from autograder import messages
from autograder.messages import message_of, say
from autograder.results.records import ProblemResult, Result, TestResult
from autograder.submission import MAX_NOTEBOOK_BYTES

MAX_CHILDREN_PER_SUBMISSION = 3  # the first, plus two fresh ones after a timeout or crash

# A problem whose function is missing, unfinished or whose process died fails
# its remaining tests with the same message instead of calling it again.
BLOCKING = (NotDefined, NotImplementedYet, StudentTimeout, SandboxCrashed)

# The mistake code of a failure that is not a check's Mismatch (which carries its own).
PROBLEM_CODES = {NotDefined: "not_defined", NotImplementedYet: "not_implemented", StudentTimeout: "timeout",
                 SandboxCrashed: "crashed"}


class WorkerSlot:
    """The warm worker one grader uses, and how to start a fresh one: at first use, and when one dies."""

    def __init__(self, start: Callable[[], Worker], warm: Worker | None = None) -> None:
        self._start = start
        self._worker = warm

    def warm(self) -> Worker:
        """The worker, started now if there is none or the last one died (so each submission has its retry)."""
        if self._worker is not None and not self._worker.alive():
            self.close()
        if self._worker is None:
            self._worker = self._start()
        return self._worker

    def restart(self) -> None:
        self.close()
        self._worker = self._start()

    def close(self) -> None:
        if self._worker is not None:
            self._worker.close()
            self._worker = None


def file_digest(path: Path) -> str:
    """The SHA-256 of a file, "" when it cannot be read or is no regular file: whether a finished result is of
    this notebook.  A file too large to be a notebook is never read whole: its first bytes and size stand for it."""
    try:
        with open(os.open(path, os.O_RDONLY | os.O_NONBLOCK), "rb") as f:  # a FIFO must not block the run
            if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
                return ""
            data = f.read(MAX_NOTEBOOK_BYTES + 1)
            if len(data) > MAX_NOTEBOOK_BYTES:
                data += b"size:%d" % os.fstat(f.fileno()).st_size
    except OSError:
        return ""
    return hashlib.sha256(data).hexdigest()


def grade_file(slot: WorkerSlot, grading: Grading, path: Path) -> Result:
    """``grade_one`` on a file; a file that cannot be read or is too large to be a notebook is a result too."""
    try:
        notebook = read_notebook(path)
    except InvalidNotebook as err:
        result = _stamped(grading.not_graded("invalid_notebook", message_of(err)), grading, file_digest(path))
    except OSError as err:
        result = _stamped(grading.not_graded("unreadable", say("grading.one.unreadable",
                                                               "the file could not be read: {reason}",
                                                               reason=err.strerror)), grading, "")
    else:
        result = grade_one(slot, grading, notebook)
    return replace(result, submission=str(path))


def refused(grading: Grading, path: Path, reason: str) -> Result:
    """The result of a submission refused before grading (a zip member that was not unpacked), as a result of
    ``path``: a rerun reuses it while nothing is unpacked there."""
    return replace(_stamped(grading.not_graded("refused", reason), grading, file_digest(path)), submission=str(path))


def grade_one(slot: WorkerSlot, grading: Grading, notebook: bytes) -> Result:
    """Grade one notebook's bytes with the slot's worker; when that worker dies, once more with a fresh one."""
    digest = hashlib.sha256(notebook).hexdigest()
    try:
        cells = code_in(notebook)
    except InvalidNotebook as err:
        return _stamped(grading.not_graded("invalid_notebook", message_of(err)), grading, digest)
    try:
        result = _graded(slot.warm(), grading, cells)
    except WorkerDied:  # the fork server itself is gone: start another, try once more
        slot.restart()
        try:
            result = _graded(slot.warm(), grading, cells)
        except WorkerDied as err:
            result = grading.not_graded("sandbox_error", say(
                "grading.one.sandbox_failed", "the grading sandbox died while it ran this notebook, and again in a "
                "fresh sandbox (does the code kill processes?); nothing could be graded: {detail}",
                detail=message_of(err)))
    return _stamped(result, grading, digest)


def _stamped(result: Result, grading: Grading, digest: str) -> Result:
    """Which notebook was graded, by which graders, when: what decides whether a later run may reuse it."""
    return replace(result, submission_sha256=digest, grader_version=grading.version,
                   graded_at=datetime.now(timezone.utc).isoformat(timespec="seconds"))


def _graded(worker: Worker, grading: Grading, cells: list[str]) -> Result:
    """Load the cells in a child of ``worker`` and run every problem's tests against them."""
    remaining = list(grading.assignment.problems)
    problems: dict[str, ProblemResult] = {}
    notebook_errors, output = [], ""
    for attempt in range(MAX_CHILDREN_PER_SUBMISSION):
        try:
            with worker.submission(cells) as (loaded, student):
                if attempt == 0:
                    notebook_errors = [_with_first_line(e, cells) for e in loaded["errors"]]
                    output = loaded["stdout"]
                fixtures = {"student": student, "reference": grading.reference}
                while remaining and student.usable:
                    problem = remaining.pop(0)
                    stand_ins = grading.assignment.stand_ins(problem.id, grading.reference,
                                                             grading.assignment.full_marks(problems))
                    problems[problem.id] = run_problem(problem.id, problem.points, grading.tests, fixtures,
                                                              stand_ins)
        except StudentTimeout:
            if attempt == 0:
                return grading.not_graded("timeout", say("grading.one.load_timeout",
                                                         "running the notebook's cells took too long (an infinite loop "
                                                         "outside a function?); nothing could be graded"))
        except SandboxCrashed as err:
            if attempt == 0:
                return grading.not_graded(mistake_code(err), say(
                    "grading.one.load_crashed", "the notebook crashed while its cells ran ({crash}); nothing could "
                    "be graded", crash=message_of(err)))
        if not remaining:
            break
    for problem in remaining:  # only when every fresh child broke again
        problems[problem.id] = all_failed(problem.id, problem.points, grading.tests,
                                          say("grading.one.kept_crashing", "not graded: the "
                                              "submission's process kept crashing or timing out"), "crashed")
    point_at_broken_cells(problems, notebook_errors)
    score = round(sum(p.score for p in problems.values()), 6)
    return Result("", grading.assignment.id, score, score, grading.assignment.max_score, "graded", "", problems,
                  notebook_errors, output)


def _with_first_line(error: dict, cells: list[str]) -> dict:
    """Name a failing cell by its first line: the student knows their cells by content, not index."""
    lines = [ln for ln in cells[error["cell"]].splitlines() if ln.strip()] if error["cell"] < len(cells) else []
    return {**error, "first_line": lines[0][:120] if lines else ""}


def point_at_broken_cells(problems: dict[str, ProblemResult], notebook_errors: list[dict]) -> None:
    """A function 'not defined' (or one it calls) because its cell failed: say which cell, and what it raised."""
    if not notebook_errors:
        return
    hint = messages.join("; ", [say("grading.one.cell_raised",
                                    "the cell starting `{first_line}` raised {type}: {message}",
                                    first_line=e['first_line'], type=e['type'], message=e['message'][:200])
                                for e in notebook_errors[:3]])
    for problem in problems.values():
        for test in problem.tests:
            if test.mistake.endswith((".not_defined", ".raised.NameError")):
                test.message += "\n" + say("grading.one.when_notebook_ran", "When your notebook ran, {hint}.",
                                           hint=hint)


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
            result.tests.append(failed_test(test, *blocked))
            continue
        try:
            try:
                test.function(**{name: fixtures[name] for name in test.fixtures})
            finally:
                if fixtures.get("student") is not None:
                    fixtures["student"].forget_functions()
        except BLOCKING as err:
            blocked = (message_of(err), mistake_code(err))
            result.tests.append(failed_test(test, *blocked))
        except (AssertionError, StudentProblem) as err:
            result.tests.append(failed_test(test, message_of(err) or say("grading.one.check_failed", "check failed"),
                                            mistake_code(err)))
        except Exception as err:  # noqa: BLE001 - a bug in a grader must not stop the class
            detail = "".join(traceback.format_exception_only(type(err), err)).strip()
            result.tests.append(failed_test(test, say("grading.one.grader_error",
                                                      "internal grader error (not your mistake; tell your instructor): "
                                                      "{detail}", detail=detail), "grader_error"))
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
