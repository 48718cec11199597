"""Gradebook files for the LMS: the roster the instructor downloaded, with the scores filled in.

Canvas (canvas-lms ``lib/gradebook_importer.rb``): the student-info columns come first, exactly as the roster
export has them (``Student, ID, SIS User ID, SIS Login ID, Section``: no trimming, no case change, no Unicode
normalisation, since Canvas matches ids exactly), then one column per assignment, ``Title (assignment id)``
when the id is known (a plain title makes Canvas create a **new** assignment).  Canvas guesses the delimiter from
the first three lines and its Ruby CSV parser rejects the whole file on a stray quote, so every field with a
comma, quote or newline is quoted (RFC 4180).  It drops any column whose header contains ``Current Score``,
``Final Grade``, ``Override Status`` and the like, anywhere, so such a title is refused.  Numbers are written
with ``.`` and no thousands separator (Canvas keeps only the last ``,`` or ``.`` as the decimal point).  A
``Points Possible`` row is written only when asked (it overwrites points in Canvas).  A blank cell means no
score: a student with no submission gets a blank and is listed; ``EX`` is never written.

This is the first format of issue 11; Moodle, Blackboard and Brightspace follow.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from autograder.lms.roster import Roster

# canvas-lms lib/gradebook_importer.rb drops columns whose header matches these anywhere (unanchored).
CANVAS_DROPPED = re.compile(r"(Current|Final) (Score|Points|Grade)|Override (Score|Grade|Status)")
CANVAS_INFO = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")


class ExportError(ValueError):
    """The file cannot be written as the LMS would read it; the message says why and for whom."""


@dataclass
class Export:
    text: str
    notes: list[str]        # what the instructor must know: new assignments, missing and unmatched students


def number(score: float) -> str:
    """A score as Canvas reads it: ``.`` as the decimal point, no thousands separator, at most 2 decimals."""
    return f"{round(score, 2):.2f}".rstrip("0").rstrip(".")


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


def canvas_gradebook(roster: Roster, columns: list[tuple[str, dict[str, dict]]], *,
                     assignment_ids: dict[str, str] | None = None, points_possible: dict[str, float] | None = None,
                     excel: bool = False) -> Export:
    """``columns``: (assignment title, {roster key: result}) per assignment, in order."""
    if roster.kind != "canvas":
        raise ExportError("a Canvas gradebook needs the Canvas roster export (Student, ID, ...), not a "
                          f"{roster.kind} one")
    info = [h for h in roster.header[:roster.header.index("Section") + 1]] if "Section" in roster.header else None
    if not info or info[:2] != ["Student", "ID"]:
        raise ExportError("the roster's first columns must be Student, ID, ... Section, as Canvas exports them")
    notes, headers = [], []
    for title, _ in columns:
        header, known = canvas_column(title, roster, (assignment_ids or {}).get(title))
        headers.append(header)
        if not known:
            notes.append(f"{title!r} has no Canvas assignment id: Canvas will create a NEW assignment; give "
                         "--canvas-assignment-id or export the roster after creating the assignment")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")  # QUOTE_MINIMAL: quotes every field with , " or a newline
    writer.writerow(info + headers)
    if points_possible is not None:
        writer.writerow(["Points Possible"] + [""] * (len(info) - 1)
                        + [number(points_possible[title]) for title, _ in columns])
    for entry in roster.entries:
        cells = [entry.row.get(h, "") for h in info]
        for title, results in columns:
            result = results.get(entry.key)
            if result is None or result["status"] == "missing":
                cells.append("")
                notes.append(f"{entry.name} ({entry.key}): no submission for {title!r}, left blank")
            else:
                cells.append(number(result["score"]))
        writer.writerow(cells)
    return Export(("\ufeff" if excel else "") + out.getvalue(), notes)
