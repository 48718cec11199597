"""Blackboard Learn's Grade Center upload (Original: Work Offline > Upload; Blackboard Help, "Upload grades from
external sources").

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

import re

from autograder.lms.export import Column, Export, ExportError, missing_notes, number, require_ids, rows_to_text, \
    score_cell
from autograder.lms.export.columns import LmsColumn
from autograder.lms.roster import Roster

INFO = ("Last Name", "First Name", "Username")
# A Grade Center column in the download: "Title [Total Pts: N <primary display>] |<column id>"; calculated
# columns read "[Total Pts: up to N ...]" and take no upload, so they do not match.
COLUMN = re.compile(r"(?P<title>.*) \[Total Pts: (?P<points>[\d.,]+) (?P<kind>[^\]]+)\] \|(?P<id>\d+)")


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
