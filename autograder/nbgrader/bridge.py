"""Run the hidden graders from an nbgrader test cell, inside the student's kernel.

A source notebook's grade cell for problem ``sigmoid`` holds only::

    ### BEGIN HIDDEN TESTS
    from autograder.nbgrader.bridge import grade_problem
    grade_problem("01_sigmoid", "sigmoid", globals())
    ### END HIDDEN TESTS

The value of that last expression is the cell's partial credit (nbgrader
reads the first numeric ``execute_result``).  Nothing reaches stderr: nbgrader
scores a test cell with any stderr output 0, so Python's ``sys.stderr`` and,
for what C/C++ code writes (torch's own warnings, a student's ``os.write(2,
...)``), file descriptor 2 are both turned to stdout while the graders run.
The catalogue entry is the course's
(``catalogue.course_root()``): the repository's, or that of the course
``AUTOGRADER_COURSE`` names, which ``nbgrader/course.py`` sets in the kernel it
starts, so the stored call ``grade_problem(assignment_id, ...)`` needs no path.
This path runs student code in
nbgrader's kernel, as nbgrader always does; ``autograder grade`` is the
sandboxed path, and a test checks that both give the same scores.
"""
from __future__ import annotations

import contextlib
import os
import sys
import tempfile
import warnings
from typing import Iterator

from autograder import catalogue
from autograder.grading import one, prepared
from autograder.grading.sandbox_worker import Limits
from autograder.grading.student_proxy import StudentProxy
from autograder.grading.transports import LocalTransport
from autograder.reports.feedback import problem_text
from autograder.results import ProblemResult
from autograder.sandbox.student_side import Session


# Per kernel and notebook, the problems graded so far: as in ``autograder grade``, a function whose problem got
# full marks needs no stand-in in the problems after it (the grade cells run in catalogue order).
_graded: dict[tuple[str, int], dict[str, ProblemResult]] = {}


def grade_problem(assignment_id: str, problem_id: str, namespace: dict) -> float:
    """Grade one problem against the names defined in ``namespace``; print feedback, return the score."""
    assignment = catalogue.load(assignment_id)
    # The same per-call limit as the sandbox: a looping function fails its problem, and nbgrader's own
    # cell timeout never fires (it would make nbgrader give up on the whole notebook).
    student = StudentProxy(LocalTransport(Session(namespace, time_limit=Limits().call_seconds)))
    fixtures = {"student": student, "reference": assignment.reference()}
    with warnings.catch_warnings(), contextlib.redirect_stderr(sys.stdout), _descriptor_2_to_stdout():
        warnings.simplefilter("ignore")
        tests = prepared.collect(assignment.grader_module())
        graded = _graded.setdefault((assignment_id, id(namespace)), {})
        stand_ins = assignment.stand_ins(problem_id, fixtures["reference"], assignment.full_marks(graded))
        result = one.run_problem(problem_id, assignment.problem(problem_id).points, tests, fixtures, stand_ins)
        graded[problem_id] = result
    print(problem_text(problem_id, result, catalogue.course_language(assignment.root), assignment_id))
    return result.score


@contextlib.contextmanager
def _descriptor_2_to_stdout() -> Iterator[None]:
    """Collect what is written to file descriptor 2 in a file, then print it (the kernel forwards fd 2 as stderr)."""
    sys.stderr.flush()
    saved = os.dup(2)
    with tempfile.TemporaryFile() as captured:
        os.dup2(captured.fileno(), 2)
        try:
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            captured.seek(0)
            text = captured.read().decode("utf-8", errors="replace")
            if text:
                print(text.rstrip("\n"))
