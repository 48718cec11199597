"""Blackboard Learn: its Grade Center download as the roster, its Grade Center upload.

**Roster** (Work Offline > Download): ``Last Name, First Name, Username, Student ID, ...``, tab-delimited and
often UTF-16.  A student's key is the Username.

**Upload** (Original: Work Offline > Upload; Blackboard Help, "Upload grades from external sources").
``Last Name, First Name, Username`` as the roster download has them (Username is the key; a row without one
fails the upload, so such a row is refused), then one column per assignment under the download's own header,
``Title [Total Pts: N Score] |<column id>``: the ``|<id>`` matches the existing Grade Center column.  A header
without it makes Blackboard create a **new text column worth 0 points** (Blackboard Help, "Uploading or
Downloading Grade Center Items": "added as text columns with points possible equaling zero"), so it is written
only with ``--new-column``, and the command says so.  Tab-delimited by default (a ``.xls`` file, Blackboard's own
download format and its recommendation); ``--csv`` writes commas (a ``.csv`` file), where Blackboard requires
every field in quotes.  Every field is quoted either way, as Blackboard's download does, so a name with a tab,
comma or quote stays one field.  A student with no submission gets a blank cell (no grade).
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from autograder.lms import columns
from autograder.lms.columns import LmsColumn, Wanted
from autograder.lms.filing import missing_notes, require_ids, score_cell
from autograder.lms.gradebook_file import Column, Export, ExportError, number, rows_to_text
from autograder.lms.plugin import (Exporter, ExportOptions, Lms, RosterFormat, SampleItem, SampleRoster,
                                   SampleStudent, option)
from autograder.lms.roster import Roster, RosterEntry, Table, fields, full_name, kinds, roster_of

TITLE = "Blackboard"
INFO = ("Last Name", "First Name", "Username")
# A Grade Center column in the download: "Title [Total Pts: N <primary display>] |<column id>"; calculated
# columns read "[Total Pts: up to N ...]" and take no upload, so they do not match.
COLUMN = re.compile(r"(?P<title>.*) \[Total Pts: (?P<points>[\d.,]+) (?P<kind>[^\]]+)\] \|(?P<id>\d+)")


# ------------------------------------------------------------------ the roster

def recognises(table: Table) -> bool:
    return {"last name", "first name", "username"} <= table.names and "email address" not in table.names


def read_roster(table: Table) -> Roster:
    entries = []
    for r in table.records:
        get = fields(r)
        username, name = get("username", ""), full_name(get)
        known = kinds(institution_id=get("student id", ""), login=username, email=get("email", ""))
        entries.append(RosterEntry(username, name, "", tuple(known.values()), r, known))
    return roster_of("blackboard", entries, table.header)


# ------------------------------------------------------------------ the upload

@dataclass(frozen=True)
class BlackboardOptions:
    comma_separated: bool = option(
        False, "--csv", help="comma-separated, every field quoted (default: tab-delimited, Blackboard's own)",
        plugin_help="comma-separated instead of Blackboard's tab-delimited")


def require_roster(roster: Roster) -> list[str]:
    """The roster's Last Name, First Name and Username headers, as it writes them."""
    if roster.kind != "blackboard":
        raise ExportError("a Blackboard gradebook needs Blackboard's Grade Center download (Last Name, First "
                          f"Name, Username, ...) as --roster, not a {roster.kind} one")
    return [next(h for h in roster.header if h.strip().lower() == name.lower()) for name in INFO]


def roster_columns(roster: Roster) -> list[LmsColumn]:
    """The download's gradable columns, with their points and column ids."""
    require_roster(roster)
    found = []
    for header in roster.header:
        match = COLUMN.fullmatch(header.strip())
        if match:
            found.append(LmsColumn(header, match["title"].strip(), float(match["points"].replace(",", "")),
                                   match["id"]))
    return found


def new_column(title: str, max_score: float) -> tuple[LmsColumn, str]:
    """A header without ``|<column id>``: Blackboard creates the column."""
    return LmsColumn(f"{title} [Total Pts: {number(max_score)} Score]", title, None, new=True), (
        "Blackboard will create a NEW TEXT column worth 0 points, left out of every calculated column, unless you "
        f"edit it after the upload into a Score column worth {number(max_score)}")


def choose_columns(roster: Roster, wanted: list[Wanted], options: ExportOptions) -> tuple[list[LmsColumn], list[str]]:
    return columns.choose_all(wanted, roster_columns(roster), list(options.columns), options.new_column, TITLE,
                              new_column)


def gradebook(roster: Roster, columns: list[Column], *, comma_separated: bool = False,
              excel: bool = False) -> Export:
    """Each column under its ``header`` (see ``columns.py``)."""
    info = require_roster(roster)
    entries = list(roster.entries)
    require_ids(roster, entries, ("login",), "Username")
    rows = [info + [c.header for c in columns]]
    rows += [[e.row.get(h, "") for h in info] + [score_cell(c, e) for c in columns] for e in entries]
    text = rows_to_text(rows, delimiter="," if comma_separated else "\t", quote_all=True, excel=excel)
    # Blackboard Help: "tab delimited with a file extension of .xls, or comma delimited with .csv".
    return Export(text, missing_notes(columns, entries), ".csv" if comma_separated else ".xls")


def _write(roster: Roster, columns: list[Column], options: ExportOptions) -> Export:
    return gradebook(roster, columns, comma_separated=options.own.comma_separated, excel=options.excel)


# ------------------------------------------------------------------ a sample of its download

def write_sample_roster(path: Path, students: list[SampleStudent], items: list[SampleItem]) -> None:
    """The Grade Center download, UTF-16 with a BOM and every field quoted: the user columns, the calculated
    Weighted Total and Total, one Score column per item (column ids 1281892, 1281893, ...)."""
    total = f"{sum(i.points for i in items):g}"
    header = (["Last Name", "First Name", "Username", "Student ID", "Last Access", "Availability",
               "Weighted Total [Total Pts: up to 0 Percentage] |1281890", f"Total [Total Pts: up to {total} Score] |1281891"]
              + [f"{i.title} [Total Pts: {i.points:g} Score] |{1281892 + n}" for n, i in enumerate(items)])
    rows = [[*s.last_first, s.login, s.sis_id, "2026-11-30 21:04:11", "Available"] + [""] * (len(items) + 2)
            for s in students]
    with open(path, "w", encoding="utf-16", newline="") as f:
        writer = csv.writer(f, delimiter="\t", quoting=csv.QUOTE_ALL)
        writer.writerow(header)
        writer.writerows(rows)


LMS = Lms(
    name="blackboard", title=TITLE, order=3,
    roster=RosterFormat("Blackboard (Last Name, First Name, Username, ...)", recognises, read_roster, precedence=3),
    exporter=Exporter(choose_columns, _write, BlackboardOptions, upload_suffix=".xls"),
    sample_roster=SampleRoster("blackboard-gradecenter.xls", write_sample_roster))
