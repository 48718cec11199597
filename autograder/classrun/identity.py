"""The step after grading: who handed the notebook in (the roster's match) and how late, on a ``Result``.

Applied to every result, fresh or reused, so a new roster or late policy never needs a regrade.
"""
from __future__ import annotations

from dataclasses import replace

from autograder.classrun.late import LatePolicy
from autograder.grading.prepared import Grading
from autograder.messages import say
from autograder.results.records import Result
from autograder.submission import Submission


def identify(result: Result, submission: Submission, policy: LatePolicy) -> Result:
    """``result`` with the fields that do not come from grading: the student, which file was graded, lateness."""
    identified = replace(result, student_id=submission.student_id, name=submission.name,
                         section=submission.section, roster=submission.roster, roster_note=submission.roster_note,
                         source=submission.source, submitted_file=submission.handed_in,
                         other_files=list(submission.others), ids=dict(submission.ids))
    if result.status == "missing":
        return identified
    return replace(identified, **policy.assess(submission, result.raw_score, result.max_score))


def missing_result(grading: Grading, student_id: str, name: str, section: str, ids: dict | None = None) -> Result:
    """A rostered student who handed in nothing: 0 points, status ``missing``."""
    nothing = grading.not_graded("missing",
                                 say("classrun.identity.no_submission", "no submission was found for this student"),
                                 say("classrun.identity.nothing_handed_in", "nothing was handed in"))
    return replace(nothing, student_id=student_id, name=name, section=section, roster="missing", ids=ids or {},
                   late=False)
