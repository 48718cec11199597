"""A class roster as the LMS exports it, and which rostered student each submission belongs to.

Four exports are read, told apart by their header:

* Canvas's gradebook export (Grades > Export): ``Student, ID, SIS User ID, SIS Login ID, Section, <one column per
  assignment>``; a second row ``Points Possible`` and Canvas's own "Student, Test" are not students.  A student's
  key is the Canvas ``ID``, which the submissions zip carries as the user id.  The ``Points Possible`` row is kept
  (``points_row``, by header) so the export can compare each assignment's points with the catalogue's.
* Moodle's grades or participants export: ``First name, Last name, ID number, ..., Email address, ...``.  A
  student's key is the ID number, or the email address when there is none.  Moodle's zip carries only the full
  name (and a participant id no export contains), so Moodle submissions are matched by full name; a name that
  two rostered students share matches neither, and the submission is listed as unmatched with the reason.
* Blackboard's Grade Center download (Work Offline > Download): ``Last Name, First Name, Username, Student ID,
  ...``, tab-delimited and often UTF-16.  A student's key is the Username.
* Brightspace's grades export: ``OrgDefinedId, Username, Last Name, First Name, Email, <items>, End-of-Line
  Indicator``, the ids prefixed with ``#``.  A student's key is the OrgDefinedId, else the Username.

Each entry also has its ids by kind (``ids``: canvas_id, institution_id, login, email), so the gradebook export
of one LMS can find a student graded with another LMS's roster by an id both know (the SIS id is Moodle's ID
number, Brightspace's OrgDefinedId and Blackboard's Student ID; the SIS login is the others' Username).

Every row is kept exactly as it came (``row``), without trimming or Unicode normalisation, for the gradebook
export; only matching compares names in a normalised form (NFC, case-folded, single spaces).
"""
from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

from autograder.lms.downloads import moodle_cleaned
from autograder.submissions import Submission, safe_id

CANVAS_TEST_STUDENT = "Student, Test"


class RosterError(ValueError):
    """The roster cannot be read; the message says why."""


@dataclass(frozen=True)
class RosterEntry:
    key: str                      # the id results are filed under (Canvas ID; Moodle ID number or email)
    name: str
    section: str = ""
    identifiers: tuple[str, ...] = ()   # every id the student may appear under (ID, SIS ids, email, login)
    row: dict = field(default_factory=dict, compare=False)
    ids: dict = field(default_factory=dict, compare=False)   # {kind: id}, the kinds this roster has (see above)

    @property
    def student_id(self) -> str:
        return safe_id(self.key)


@dataclass(frozen=True)
class Roster:
    kind: str                     # "canvas", "moodle", "blackboard" or "brightspace"
    entries: tuple[RosterEntry, ...]
    header: tuple[str, ...]
    unidentified: tuple[str, ...] = ()   # names on student rows without the roster's key id (not in entries)
    points_row: dict = field(default_factory=dict, compare=False)   # Canvas's Points Possible row, by header


def _roster(kind: str, entries: list[RosterEntry], header: tuple[str, ...], points_row: dict | None = None) -> Roster:
    return Roster(kind, tuple(e for e in entries if e.key.strip()), header,
                  tuple(e.name or "(no name)" for e in entries if not e.key.strip()), points_row or {})


def normalised(name: str) -> str:
    """A name as matching compares it: NFC, case-folded, spaces collapsed (never written anywhere)."""
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def read_roster(path: Path) -> Roster:
    try:
        raw = Path(path).read_bytes()
        # Blackboard downloads UTF-16 with a BOM; Excel's UTF-8 BOM, if any, is not part of the first header.
        text = raw.decode("utf-16") if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else raw.decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise RosterError(f"the roster {path} cannot be read: {err}") from None
    # The header's commonest separator (a tie goes to the comma): tabs in Blackboard's download, semicolons in
    # Canvas's export for comma-decimal locales (canvas-lms lib/csv_with_i18n.rb, determine_column_separator).
    first = text.split("\n", 1)[0]
    delimiter = max((",", "\t", ";"), key=first.count)
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    if not rows:
        raise RosterError(f"the roster {path} is empty")
    header = tuple(rows[0])
    records = [dict(zip(header, row)) for row in rows[1:] if any(cell.strip() for cell in row)]
    names = {h.strip().lower() for h in header}
    if len(header) > 1 and "Student" in header[0] and header[1].strip() == "ID":
        points = next((r for r in records if r.get(header[0], "").strip() == "Points Possible"), {})
        return _roster("canvas", _canvas(records), header, points)
    if "orgdefinedid" in names or "end-of-line indicator" in names:
        return _roster("brightspace", _brightspace(records), header)
    if {"last name", "first name", "username"} <= names and "email address" not in names:
        return _roster("blackboard", _blackboard(records), header)
    if names & {"email address", "id number"}:
        return _roster("moodle", _moodle(records), header)
    raise RosterError(f"the roster {path} is not a gradebook export of Canvas (Student, ID, ...), Moodle (First "
                      "name, Last name, Email address, ...), Blackboard (Last Name, First Name, Username, ...) or "
                      f"Brightspace (OrgDefinedId, Username, ...): its header is {', '.join(header[:6])}")


def _kinds(**ids: str) -> dict:
    return {kind: value for kind, value in ids.items() if value.strip()}


def _fields(record: dict) -> Callable[[str, str], str]:
    """The row's cells by header, case and spaces aside (Moodle writes "Email address", others "Email")."""
    return {k.strip().lower(): v for k, v in record.items()}.get


def _full_name(get: Callable[[str, str], str]) -> str:
    return " ".join(p for p in (get("first name", ""), get("last name", "") or get("surname", "")) if p)


def _canvas(records: list[dict]) -> list[RosterEntry]:
    entries = []
    for r in records:
        name, canvas_id = r.get("Student", ""), r.get("ID", "")
        if name.strip() in ("Points Possible", CANVAS_TEST_STUDENT):
            continue
        ids = tuple(v for v in (canvas_id, r.get("SIS User ID", ""), r.get("SIS Login ID", "")) if v.strip())
        kinds = _kinds(canvas_id=canvas_id, institution_id=r.get("SIS User ID", ""),
                       login=r.get("SIS Login ID", ""))
        entries.append(RosterEntry(canvas_id, name, r.get("Section", ""), ids, r, kinds))
    return entries


def _moodle(records: list[dict]) -> list[RosterEntry]:
    entries = []
    for r in records:
        get = _fields(r)
        email, number, name = get("email address", ""), get("id number", ""), _full_name(get)
        key = number or email
        ids = tuple(v for v in (number, email, email.split("@")[0], get("username", "")) if v.strip())
        kinds = _kinds(institution_id=number, login=get("username", ""), email=email)
        entries.append(RosterEntry(key, name, get("groups", ""), ids, r, kinds))
    return entries


def _blackboard(records: list[dict]) -> list[RosterEntry]:
    entries = []
    for r in records:
        get = _fields(r)
        username, name = get("username", ""), _full_name(get)
        kinds = _kinds(institution_id=get("student id", ""), login=username, email=get("email", ""))
        entries.append(RosterEntry(username, name, "", tuple(kinds.values()), r, kinds))
    return entries


def _brightspace(records: list[dict]) -> list[RosterEntry]:
    entries = []
    for r in records:
        get = _fields(r)
        org_id, username, name = get("orgdefinedid", ""), get("username", ""), _full_name(get)
        # Brightspace's export writes "#" before each id (so Excel keeps leading zeros); the id is what follows.
        kinds = _kinds(institution_id=org_id.removeprefix("#"), login=username.removeprefix("#"),
                       email=get("email", ""))
        entries.append(RosterEntry(org_id or username, name, "", tuple(kinds.values()), r, kinds))
    return entries


@dataclass
class Matching:
    """Each submission filed under its rostered student, and who handed in nothing."""
    submissions: list[Submission]
    missing: list[RosterEntry]


def match(roster: Roster, submissions: list[Submission]) -> Matching:
    """File each submission under its rostered student (``roster="matched"``) or mark it ``unmatched`` with the
    reason; rostered students without a submission are ``missing``."""
    by_id: dict[str, RosterEntry] = {}
    by_name: dict[str, list[RosterEntry]] = {}
    for entry in roster.entries:
        for identifier in entry.identifiers:
            by_id.setdefault(identifier.strip().casefold(), entry)
        by_name.setdefault(normalised(moodle_cleaned(entry.name)), []).append(entry)
    filed, seen = [], set()
    for s in submissions:
        entry, reason = _entry_for(s, by_id, by_name)
        if entry is None or entry.key in seen:
            reason = reason or f"{entry.name} ({entry.key}) already has a submission"
            filed.append(replace(s, roster="unmatched", roster_note=reason))
            continue
        seen.add(entry.key)
        filed.append(replace(s, student_id=entry.student_id, name=entry.name, section=entry.section, roster="matched",
                             ids=tuple(entry.ids.items())))
    missing = [e for e in roster.entries if e.key not in seen]
    return Matching(filed, missing)


def _entry_for(s: Submission, by_id: dict, by_name: dict) -> tuple[RosterEntry | None, str]:
    if s.source == "canvas":
        if s.lms_id.startswith("anon_"):
            return None, "anonymous grading: Canvas does not say whose submission this is"
        return by_id.get(s.lms_id.casefold()), "" if s.lms_id.casefold() in by_id else \
            f"no rostered student has the Canvas ID {s.lms_id}"
    if s.source == "moodle":  # Moodle's download writes the name cleaned (lms/downloads.py): compare it so
        if not s.name:
            return None, (f"blind marking: Moodle calls this student Participant {s.lms_id}; reveal student "
                          "identities in Moodle and download again, or match it by hand")
        candidates = by_name.get(normalised(moodle_cleaned(s.name)), [])
        if len(candidates) == 1:
            return candidates[0], ""
        if candidates:
            return None, f"{len(candidates)} rostered students are called {s.name}: match it by hand"
        return None, f"no rostered student is called {s.name}"
    entry = by_id.get(s.student_id.casefold())
    return entry, "" if entry else f"no rostered student has the id {s.student_id}"
