"""Blackboard Learn's Grade Center upload (Original: Work Offline > Upload; Blackboard Help, "Upload grades from
external sources").

``Last Name, First Name, Username`` as the roster download has them (Username is the key; a row without one
fails the upload, so such a row is refused), then one column per assignment, ``Title [Total Pts: N Score]
|<column id>``: the ``|<id>`` matches the existing Grade Center column, read from the roster download's own
header.  A header without it makes Blackboard create a **new text column worth 0 points**, so the command says
so.  Tab-delimited by default (a ``.xls`` file, Blackboard's own download format and its recommendation);
``--csv`` writes commas (a ``.csv`` file), where Blackboard requires every field in quotes.  Every field is quoted
either way, as Blackboard's download does, so a name with a tab, comma or quote stays one field.  A student with
no submission gets a blank cell (no grade).
"""
from __future__ import annotations

import re

from autograder.lms.export import Column, Export, ExportError, missing_notes, number, require_ids, rows_to_text, \
    score_cell
from autograder.lms.roster import Roster

INFO = ("Last Name", "First Name", "Username")
COLUMN = re.compile(r"(?P<title>.*) \[Total Pts: (?P<points>[\d.,]+) (?P<kind>[^\]]+)\] \|(?P<id>\d+)")


def column_header(column: Column, roster: Roster) -> tuple[str, bool]:
    """The Grade Center column for this assignment (from the roster's header), and whether it exists."""
    for header in roster.header:
        match = COLUMN.fullmatch(header.strip())
        if match and match["title"].strip() == column.title:
            return header.strip(), True
    return f"{column.title} [Total Pts: {number(column.max_score)} Score]", False


def gradebook(roster: Roster, columns: list[Column], *, comma_separated: bool = False,
              excel: bool = False) -> Export:
    if roster.kind != "blackboard":
        raise ExportError("a Blackboard gradebook needs Blackboard's Grade Center download (Last Name, First "
                          f"Name, Username, ...) as --roster, not a {roster.kind} one")
    info = [next(h for h in roster.header if h.strip().lower() == name.lower()) for name in INFO]
    entries = list(roster.entries)
    require_ids(roster, entries, ("login",), "Username")
    notes, headers = [], []
    for column in columns:
        header, known = column_header(column, roster)
        headers.append(header)
        if not known:
            notes.append(f"{column.title!r} has no Grade Center column id (|id) in the roster: Blackboard will "
                         "create a NEW TEXT column worth 0 points; create the column in Grade Center, download "
                         "it again and export with that file")
        else:
            points = float(COLUMN.fullmatch(header)["points"].replace(",", ""))
            if points != column.max_score:
                notes.append(f"{header!r} is worth {points:g} points in Blackboard; the scores are out of "
                             f"{column.max_score:g}")
    rows = [info + headers]
    rows += [[e.row.get(h, "") for h in info] + [score_cell(c, e) for c in columns] for e in entries]
    text = rows_to_text(rows, delimiter="," if comma_separated else "\t", quote_all=True, excel=excel)
    # Blackboard Help: "tab delimited with a file extension of .xls, or comma delimited with .csv".
    return Export(text, notes + missing_notes(columns, entries), ".csv" if comma_separated else ".xls")
