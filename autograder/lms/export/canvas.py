"""Canvas's gradebook import (canvas-lms ``lib/gradebook_importer.rb``).

The student-info columns come first, exactly as the roster export has them (``Student, ID, SIS User ID, SIS
Login ID, Section``: no trimming, no case change, no Unicode normalisation, since Canvas matches ids exactly),
then one column per assignment under the roster's own header, ``Title (assignment id)``, which Canvas matches by
the id (a plain title matches an assignment of exactly that name or makes Canvas create a **new** one, so it is
written only with ``--new-column``).  The roster's ``Points Possible`` row gives each assignment's points.
Canvas guesses the delimiter from the first three lines and its Ruby CSV parser rejects the whole file on a stray
quote, so every field with a comma, quote or newline is quoted (RFC 4180).
It drops any column whose header contains ``Current Score``, ``Final Grade``, ``Override Status`` and the like,
anywhere, so such a title is refused.  Numbers are written with ``.`` and no thousands separator (Canvas keeps
only the last ``,`` or ``.`` as the decimal point).  A ``Points Possible`` row is written only when asked (it
overwrites points in Canvas).  A blank cell means no score; ``EX`` is never written.
"""
from __future__ import annotations

import re

from autograder.lms.export import Column, Export, ExportError, missing_notes, number, rows_to_text, score_cell
from autograder.lms.export.columns import LmsColumn
from autograder.lms.roster import Roster

# canvas-lms lib/gradebook_importer.rb drops columns whose header matches these anywhere (unanchored).
CANVAS_DROPPED = re.compile(r"(Current|Final) (Score|Points|Grade)|Override (Score|Grade|Status)")
# An assignment's header in Canvas's export (lib/gradebook_exporter.rb, "#{assignment.title} (#{assignment.id})"),
# which the importer matches by the id.
ASSIGNMENT = re.compile(r"(?P<title>.*) \((?P<id>\d+)\)")


def require_roster(roster: Roster) -> list[str]:
    """The student-info columns of Canvas's own export, or a refusal naming what the roster is instead."""
    if roster.kind != "canvas":
        raise ExportError("a Canvas gradebook needs the Canvas gradebook export (Student, ID, ...) as --roster, "
                          f"not a {roster.kind} one")
    info = list(roster.header[:roster.header.index("Section") + 1]) if "Section" in roster.header else None
    if not info or info[:2] != ["Student", "ID"]:
        raise ExportError("the roster's first columns must be Student, ID, ... Section, as Canvas exports them")
    return info


def points(cell: str) -> float | None:
    """A Points Possible cell as Canvas reads numbers (the last ``,`` or ``.`` is the decimal point); None for
    ``(read only)`` or blank."""
    cell = cell.strip()
    if not re.fullmatch(r"\d[\d.,]*", cell):
        return None
    whole, _, fraction = re.fullmatch(r"(.*?)(?:([.,])(\d*))?", cell).group(1, 2, 3)
    return float(re.sub(r"\D", "", whole) + "." + (fraction or "0"))


def roster_columns(roster: Roster) -> list[LmsColumn]:
    """The roster's assignments (``Title (id)`` after the student-info columns), with the Points Possible row's
    points; computed columns (Current Score, ...) and custom columns carry no id and are not gradable."""
    info = require_roster(roster)
    found = []
    for header in roster.header[len(info):]:
        match = ASSIGNMENT.fullmatch(header.strip())
        if match:
            found.append(LmsColumn(header, match["title"], points(roster.points_row.get(header, "")), match["id"]))
    return found


def new_column(title: str, max_score: float) -> tuple[LmsColumn, str]:
    """A plain title: Canvas matches it to an assignment of exactly that name, else creates a NEW assignment."""
    if CANVAS_DROPPED.search(title):
        raise ExportError(f"the assignment title {title!r} contains {CANVAS_DROPPED.search(title)[0]!r}: Canvas "
                          "silently drops such a column on import; give another title with --column")
    return LmsColumn(title, title, None, new=True), (
        f"Canvas will create a NEW assignment {title!r} on import; --points-possible sets its points to "
        f"{number(max_score)}")


def gradebook(roster: Roster, columns: list[Column], *, points_possible: bool = False, excel: bool = False) -> Export:
    """Each column under its ``header`` (see ``columns.py``)."""
    info = require_roster(roster)
    if roster.unidentified:
        raise ExportError(f"{len(roster.unidentified)} roster row(s) have no Canvas ID: "
                          f"{'; '.join(roster.unidentified)}. Export the gradebook from Canvas again")
    for column in columns:
        if CANVAS_DROPPED.search(column.header):
            raise ExportError(f"the column {column.header!r} contains {CANVAS_DROPPED.search(column.header)[0]!r}: "
                              "Canvas silently drops such a column on import")
    rows = [info + [c.header for c in columns]]
    if points_possible:
        rows.append(["Points Possible"] + [""] * (len(info) - 1) + [number(c.max_score) for c in columns])
    entries = list(roster.entries)
    rows += [[e.row.get(h, "") for h in info] + [score_cell(c, e) for c in columns] for e in entries]
    return Export(rows_to_text(rows, excel=excel), missing_notes(columns, entries))
