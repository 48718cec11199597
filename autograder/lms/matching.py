"""Which rostered student each submission belongs to: a submission from an LMS's download is matched by that
LMS's rule (its ``DownloadRule.matcher``: Canvas by user id, Moodle by full name), any other by one of the
roster's ids (ID, SIS ids, login, email); rostered students without a submission are missing."""
from __future__ import annotations

from dataclasses import dataclass, replace

from autograder.lms.plugin import Matcher
from autograder.lms.registry import all_lms
from autograder.lms.roster import Roster, RosterEntry, by_identifier
from autograder.submission import Submission


@dataclass
class Matching:
    """Each submission filed under its rostered student, and who handed in nothing."""
    submissions: list[Submission]
    missing: list[RosterEntry]


def match(roster: Roster, submissions: list[Submission]) -> Matching:
    """File each submission under its rostered student (``roster="matched"``) or mark it ``unmatched`` with the
    reason; rostered students without a submission are ``missing``."""
    matchers = {lms.name: lms.download.matcher(roster) for lms in all_lms() if lms.download}
    by_any_id = _by_any_id(roster)
    filed, seen = [], set()
    for s in submissions:
        entry, reason = matchers.get(s.source, by_any_id)(s)
        if entry is None or entry.key in seen:
            reason = reason or f"{entry.name} ({entry.key}) already has a submission"
            filed.append(replace(s, roster="unmatched", roster_note=reason))
            continue
        seen.add(entry.key)
        filed.append(replace(s, student_id=entry.student_id, name=entry.name, section=entry.section, roster="matched",
                             ids=tuple(entry.ids.items())))
    missing = [e for e in roster.entries if e.key not in seen]
    return Matching(filed, missing)


def _by_any_id(roster: Roster) -> Matcher:
    """A plain file's student id (its name, an nbgrader student) is one of the roster's ids."""
    by_id = by_identifier(roster)

    def student(s: Submission) -> tuple[RosterEntry | None, str]:
        entry = by_id.get(s.student_id.casefold())
        return entry, "" if entry else f"no rostered student has the id {s.student_id}"
    return student
