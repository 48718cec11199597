"""A class roster as an LMS exports it: its entries, each with the ids the student is known by, and the table
every LMS's roster reader starts from.

Each LMS's module (``lms/systems/``) says how its export is recognised and read, citing the LMS; the registry
(``registry.read_roster``) asks them in turn.  Each entry has its ids by kind (``ids``: canvas_id,
institution_id, login, email), so the gradebook export of one LMS can find a student graded with another LMS's
roster by an id both know (the SIS id is Moodle's ID number, Brightspace's OrgDefinedId and Blackboard's Student
ID; the SIS login is the others' Username).

Every row is kept exactly as it came (``row``), without trimming or Unicode normalisation, for the gradebook
export; only matching compares names in a normalised form (NFC, case-folded, single spaces).
"""
from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from autograder.submission import safe_id


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
    kind: str                     # the name of the LMS that exported it ("canvas", "moodle", ...)
    entries: tuple[RosterEntry, ...]
    header: tuple[str, ...]
    unidentified: tuple[str, ...] = ()   # names on student rows without the roster's key id (not in entries)
    points_row: dict = field(default_factory=dict, compare=False)   # Canvas's Points Possible row, by header


@dataclass(frozen=True)
class Table:
    """A roster file's header and its non-blank rows by header, as the file has them."""
    header: tuple[str, ...]
    records: list[dict]

    @property
    def names(self) -> set[str]:
        """The header's names, stripped and lower-cased, for recognising whose export it is."""
        return {h.strip().lower() for h in self.header}


def read_table(path: Path) -> Table:
    """The roster file as a table, whatever its encoding and delimiter."""
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
    return Table(header, [dict(zip(header, row)) for row in rows[1:] if any(cell.strip() for cell in row)])


def roster_of(kind: str, entries: list[RosterEntry], header: tuple[str, ...],
              points_row: dict | None = None) -> Roster:
    """The roster of these entries; those without a key id are listed as unidentified, not entered."""
    return Roster(kind, tuple(e for e in entries if e.key.strip()), header,
                  tuple(e.name or "(no name)" for e in entries if not e.key.strip()), points_row or {})


def normalised(name: str) -> str:
    """A name as matching compares it: NFC, case-folded, spaces collapsed (never written anywhere)."""
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def kinds(**ids: str) -> dict:
    """The ids the row has, by kind (blank ones left out)."""
    return {kind: value for kind, value in ids.items() if value.strip()}


def fields(record: dict) -> Callable[[str, str], str]:
    """The row's cells by header, case and spaces aside (Moodle writes "Email address", others "Email")."""
    return {k.strip().lower(): v for k, v in record.items()}.get


def full_name(get: Callable[[str, str], str]) -> str:
    """First name then last name, from a row's ``fields``."""
    return " ".join(p for p in (get("first name", ""), get("last name", "") or get("surname", "")) if p)


def by_identifier(roster: Roster) -> dict[str, RosterEntry]:
    """Each id a rostered student may appear under (case-folded) -> the first entry that has it."""
    index: dict[str, RosterEntry] = {}
    for entry in roster.entries:
        for identifier in entry.identifiers:
            index.setdefault(identifier.strip().casefold(), entry)
    return index
