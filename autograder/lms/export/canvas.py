"""Canvas's gradebook import (canvas-lms ``lib/gradebook_importer.rb``).

The student-info columns come first, exactly as the roster export has them (``Student, ID, SIS User ID, SIS
Login ID, Section``: no trimming, no case change, no Unicode normalisation, since Canvas matches ids exactly),
then one column per assignment, ``Title (assignment id)`` when the id is known (a plain title makes Canvas
create a **new** assignment).  Canvas guesses the delimiter from the first three lines and its Ruby CSV parser
rejects the whole file on a stray quote, so every field with a comma, quote or newline is quoted (RFC 4180).
It drops any column whose header contains ``Current Score``, ``Final Grade``, ``Override Status`` and the like,
anywhere, so such a title is refused.  Numbers are written with ``.`` and no thousands separator (Canvas keeps
only the last ``,`` or ``.`` as the decimal point).  A ``Points Possible`` row is written only when asked (it
overwrites points in Canvas).  A blank cell means no score; ``EX`` is never written.
"""
from __future__ import annotations

import re

from autograder.lms.export import Column, Export, ExportError, missing_notes, number, rows_to_text, score_cell
from autograder.lms.roster import Roster

# canvas-lms lib/gradebook_importer.rb drops columns whose header matches these anywhere (unanchored).
CANVAS_DROPPED = re.compile(r"(Current|Final) (Score|Points|Grade)|Override (Score|Grade|Status)")


def canvas_column(title: str, roster: Roster, assignment_id: str | None) -> tuple[str, bool]:
    """The assignment's column header, and whether Canvas will match it to an existing assignment."""
    if CANVAS_DROPPED.search(title):
        raise ExportError(f"the assignment title {title!r} contains {CANVAS_DROPPED.search(title)[0]!r}: Canvas "
                          "silently drops such a column on import; rename the assignment")
    if assignment_id:
        return f"{title} ({assignment_id})", True
    for header in roster.header:
        match = re.fullmatch(rf"{re.escape(title)} \((\d+)\)", header.strip())
        if match:
            return header, True
    return title, False


def gradebook(roster: Roster, columns: list[Column], *, assignment_ids: dict[str, str] | None = None,
              points_possible: bool = False, excel: bool = False) -> Export:
    """``assignment_ids``: the Canvas id of some assignments, by title (else read from the roster's header)."""
    if roster.kind != "canvas":
        raise ExportError("a Canvas gradebook needs the Canvas gradebook export (Student, ID, ...) as --roster, "
                          f"not a {roster.kind} one")
    info = list(roster.header[:roster.header.index("Section") + 1]) if "Section" in roster.header else None
    if not info or info[:2] != ["Student", "ID"]:
        raise ExportError("the roster's first columns must be Student, ID, ... Section, as Canvas exports them")
    if roster.unidentified:
        raise ExportError(f"{len(roster.unidentified)} roster row(s) have no Canvas ID: "
                          f"{'; '.join(roster.unidentified)}. Export the gradebook from Canvas again")
    notes, headers = [], []
    for column in columns:
        header, known = canvas_column(column.title, roster, (assignment_ids or {}).get(column.title))
        headers.append(header)
        if not known:
            notes.append(f"{column.title!r} has no Canvas assignment id: Canvas will create a NEW assignment; give "
                         "--canvas-assignment-id or export the roster after creating the assignment")
    rows = [info + headers]
    if points_possible:
        rows.append(["Points Possible"] + [""] * (len(info) - 1) + [number(c.max_score) for c in columns])
    entries = list(roster.entries)
    rows += [[e.row.get(h, "") for h in info] + [score_cell(c, e) for c in columns] for e in entries]
    return Export(rows_to_text(rows, excel=excel), notes + missing_notes(columns, entries))
