"""D2L Brightspace's grade import (Brightspace help, "Importing grades"; D2L community article 3538).

``OrgDefinedId`` and/or ``Username`` first, in that order, as the roster export has them (with the ``#`` its
exports put before each id), then one ``<Item> Points Grade`` column per assignment (an item the roster's
header does not have is written ``<Item> Points Grade <Numeric MaxPoints:N>``, which makes Brightspace create
it, and the command says so), and a last ``End-of-Line Indicator`` column of ``#`` on every row.  Nothing else:
Brightspace's help says not to import names, emails or weighted grades.  A value above the item's MaxPoints is
silently capped, so such scores are refused.  A blank cell: no grade.
"""
from __future__ import annotations

import re

from autograder.lms.export import Column, Export, ExportError, missing_notes, number, refuse_above, require_ids, \
    rows_to_text, score_cell
from autograder.lms.roster import Roster

ID_COLUMNS = {"orgdefinedid": "institution_id", "username": "login"}
END_OF_LINE = "End-of-Line Indicator"
ITEM = re.compile(r"(?P<item>.*?) Points Grade(?: <(?P<spec>[^>]*)>)?")


def item_column(column: Column, roster: Roster) -> tuple[str, float, bool]:
    """The item's header, its MaxPoints, and whether the roster's export already has the item."""
    for header in roster.header:
        match = ITEM.fullmatch(header.strip())
        if match and match["item"].strip() == column.title:
            points = re.search(r"MaxPoints:\s*([\d.]+)", match["spec"] or "")
            return f"{column.title} Points Grade", float(points[1]) if points else column.max_score, True
    return f"{column.title} Points Grade <Numeric MaxPoints:{number(column.max_score)}>", column.max_score, False


def gradebook(roster: Roster, columns: list[Column], *, excel: bool = False) -> Export:
    if roster.kind != "brightspace":
        raise ExportError("a Brightspace gradebook needs Brightspace's grades export (OrgDefinedId, Username, ..., "
                          f"End-of-Line Indicator) as --roster, not a {roster.kind} one")
    ids = [h for h in roster.header if h.strip().lower() in ID_COLUMNS]
    ids.sort(key=lambda h: list(ID_COLUMNS).index(h.strip().lower()))
    entries = list(roster.entries)
    require_ids(roster, entries, tuple(ID_COLUMNS[h.strip().lower()] for h in ids), "OrgDefinedId or Username")
    notes, headers, maximum = [], [], {}
    for column in columns:
        header, points, known = item_column(column, roster)
        headers.append(header)
        maximum[column.title] = points
        if not known:
            notes.append(f"{column.title!r} is not a grade item in the roster's export: Brightspace will create a "
                         f"NEW numeric item worth {number(column.max_score)} points")
        elif points != column.max_score:
            notes.append(f"{column.title!r} is worth {points:g} points in Brightspace; the scores are out of "
                         f"{column.max_score:g}")
    refuse_above(columns, entries, maximum, "Brightspace",
                 "Brightspace would silently cap them; raise the item's MaxPoints or allow it to be exceeded")
    rows = [ids + headers + [END_OF_LINE]]
    rows += [[e.row.get(h, "") for h in ids] + [score_cell(c, e) for c in columns] + ["#"] for e in entries]
    return Export(rows_to_text(rows, excel=excel), notes + missing_notes(columns, entries))
