"""Due dates and the late policy: how many minutes late a submission came in, and what it costs.

``--due 2026-12-01T23:59+09:00 --late-penalty 10%/day --late-cap 50% --grace 15m``: a submission up to the
grace period after its due date is on time; after that, every started day (24 h from the due date) costs the
penalty, as a share of the assignment's maximum score (the way Canvas's late policy deducts "percent of points
possible"), never more than the cap, and never below 0 points.  ``--extensions FILE`` (a CSV with the columns
``student`` and ``due``) moves the due date of single students.  The time of a submission comes from nbgrader's
``timestamp.txt``; when it is unknown but Canvas marked the work LATE, one day's penalty applies and the result
says why.  The policy is applied after grading, so changing it never regrades anyone.
"""
from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from autograder import messages
from autograder.messages import say
from autograder.submission import Submission


class PolicyError(ValueError):
    """A due date, penalty or extensions file that cannot be read; the message says how to write it."""


def parse_time(text: str, what: str = "--due") -> datetime:
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise PolicyError(f"{what} {text!r} is not a date and time; write it as 2026-12-01T23:59+09:00") from None
    if moment.tzinfo is None:
        raise PolicyError(f"{what} {text!r} has no time zone; add one, e.g. 2026-12-01T23:59+09:00 (Seoul) or Z (UTC)")
    return moment


def parse_percent(text: str, what: str) -> float:
    """``10%/day`` or ``10%`` (for a penalty), ``50%`` (for a cap): a fraction, 0.1 or 0.5."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*%\s*(?:/\s*day)?\s*", text)
    if not match or float(match[1]) > 100:
        raise PolicyError(f"{what} {text!r} is not a percentage; write it as 10%/day (a penalty) or 50% (a cap)")
    return float(match[1]) / 100


def parse_duration(text: str) -> timedelta:
    """``15m``, ``2h``, ``1d``, ``30s`` or ``0``."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", text)
    if not match:
        raise PolicyError(f"--grace {text!r} is not a duration; write it as 15m, 2h or 1d")
    unit = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days", "": "minutes"}[match[2]]
    return timedelta(**{unit: float(match[1])})


def read_extensions(path: Path) -> dict[str, datetime]:
    """Student id -> their own due date, from a CSV with the columns ``student`` (or ``student_id``) and ``due``."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise PolicyError(f"the extensions file {path} cannot be read: {err}") from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    columns = {c.strip().lower(): c for c in reader.fieldnames or []}
    student = columns.get("student") or columns.get("student_id") or columns.get("id")
    due = columns.get("due")
    if not student or not due:
        raise PolicyError(f"the extensions file {path} needs the columns student and due (it has "
                          f"{', '.join(reader.fieldnames or []) or 'none'})")
    return {row[student].strip(): parse_time(row[due], f"{path.name}: due") for row in reader if row[student].strip()}


@dataclass(frozen=True)
class LatePolicy:
    due: datetime | None = None
    penalty_per_day: float = 0.0        # a share of the maximum score per started day late
    cap: float = 1.0                    # the most lateness can cost, as a share of the maximum score
    grace: timedelta = timedelta(0)
    extensions: dict[str, datetime] = field(default_factory=dict)

    def due_for(self, submission: Submission) -> datetime | None:
        for key in (submission.student_id, submission.lms_id, submission.name):
            if key and key in self.extensions:
                return self.extensions[key]
        return self.due

    def assess(self, submission: Submission, raw_score: float, max_score: float) -> dict:
        """The lateness of a submission and what it costs: the fields every result records."""
        due = self.due_for(submission)
        at = submission.submitted_at
        minutes = None if due is None or at is None else math.floor((at - due).total_seconds() / 60)
        if minutes is not None:
            late = (at - due) > self.grace
            days = math.ceil((at - due) / timedelta(days=1)) if late else 0
            note = (say("classrun.late.after_due", "{duration} after the due date", duration=_duration(at - due))
                    + (say("classrun.late.more_than_grace", " (more than the {grace} of grace)",
                           grace=_duration(self.grace)) if self.grace else "")) if late else ""
        else:
            late, days = submission.marked_late, 1 if submission.marked_late else 0
            note = say("classrun.late.marked_late", "Canvas marked it late, and when it came in is unknown: "
                       "one day's penalty") if late else ""
        share = min(self.cap, self.penalty_per_day * days)
        penalty = round(min(raw_score, share * max_score), 6)
        return {"due": due.isoformat() if due else None, "submitted_at": at.isoformat() if at else None,
                "late": late, "minutes_late": max(minutes, 0) if minutes is not None else None, "days_late": days,
                "raw_score": raw_score, "late_penalty": penalty, "score": round(raw_score - penalty, 6),
                "late_note": note + (say("classrun.late.penalty",
                                         ": −{penalty:g} points ({share:.0%} of {max_score:g})",
                                         penalty=penalty, share=share, max_score=max_score) if penalty else "")}


def _duration(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    days, minutes = divmod(minutes, 1440)
    hours, minutes = divmod(minutes, 60)
    parts = [say("classrun.late.days", "{days} d", days=days) if days else "",
             say("classrun.late.hours", "{hours} h", hours=hours) if hours else "",
             say("classrun.late.minutes", "{minutes} min", minutes=minutes) if minutes else ""]
    return messages.join(" ", [p for p in parts if p]) or say("classrun.late.less_than_a_minute", "less than a minute")
