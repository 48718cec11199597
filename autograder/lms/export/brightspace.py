"""D2L Brightspace's grade import (Brightspace help, "Importing grades"; D2L community article 3538).

``OrgDefinedId`` and/or ``Username`` first, in that order, as the roster export has them (with the ``#`` its
exports put before each id), then one ``<Item> Points Grade`` column per assignment under the export's own header,
byte for byte (the file the export gave, filled in), and a last ``End-of-Line Indicator`` column of ``#`` on every
row.  A new item, only with ``--new-column``, is written ``<Item> Points Grade <Numeric MaxPoints:N>``, which
Brightspace creates only when the import is told to (D2L community, "Import grade items": "Create new grade item
when an unrecognized item is referenced"), and the command says so.  Nothing else: Brightspace's help says not
to import names, emails or weighted grades.  A value above the item's MaxPoints is silently capped, so such
scores are refused.  A blank cell: no grade.
"""
from __future__ import annotations

import re

from autograder.lms.export import Column, Export, ExportError, missing_notes, number, refuse_above, require_ids, \
    rows_to_text, score_cell
from autograder.lms.export.columns import LmsColumn
from autograder.lms.roster import Roster

ID_COLUMNS = {"orgdefinedid": "institution_id", "username": "login"}
END_OF_LINE = "End-of-Line Indicator"
ITEM = re.compile(r"(?P<item>.*?) Points Grade(?: <(?P<spec>[^>]*)>)?")


def require_roster(roster: Roster) -> None:
    if roster.kind != "brightspace":
        raise ExportError("a Brightspace gradebook needs Brightspace's grades export (OrgDefinedId, Username, ..., "
                          f"End-of-Line Indicator) as --roster, not a {roster.kind} one")


def roster_columns(roster: Roster) -> list[LmsColumn]:
    """The export's numeric items, ``<Item> Points Grade <Numeric MaxPoints:N ...>``, with their MaxPoints."""
    require_roster(roster)
    found = []
    for header in roster.header:
        match = ITEM.fullmatch(header.strip())
        if match:
            points = re.search(r"MaxPoints:\s*([\d.]+)", match["spec"] or "")
            found.append(LmsColumn(header, match["item"].strip(), float(points[1]) if points else None))
    return found


def new_column(title: str, max_score: float) -> tuple[LmsColumn, str]:
    return LmsColumn(f"{title} Points Grade <Numeric MaxPoints:{number(max_score)}>", title, max_score, new=True), (
        f"Brightspace creates a NEW numeric item worth {number(max_score)} points only if 'Create new grade item "
        "when an unrecognized item is referenced' is ticked in the import; otherwise it reports an unknown item")


def gradebook(roster: Roster, columns: list[Column], *, maximum: dict[str, float] | None = None,
              excel: bool = False) -> Export:
    """Each column under its ``header`` (see ``columns.py``); ``maximum``: each item's MaxPoints by title, where
    the roster states it (else the assignment's maximum)."""
    require_roster(roster)
    ids = [h for h in roster.header if h.strip().lower() in ID_COLUMNS]
    ids.sort(key=lambda h: list(ID_COLUMNS).index(h.strip().lower()))
    entries = list(roster.entries)
    require_ids(roster, entries, tuple(ID_COLUMNS[h.strip().lower()] for h in ids), "OrgDefinedId or Username")
    refuse_above(columns, entries, {c.title: (maximum or {}).get(c.title, c.max_score) for c in columns},
                 "Brightspace", "Brightspace would silently cap them; raise the item's MaxPoints or allow it to be "
                 "exceeded")
    rows = [ids + [c.header for c in columns] + [END_OF_LINE]]
    rows += [[e.row.get(h, "") for h in ids] + [score_cell(c, e) for c in columns] + ["#"] for e in entries]
    return Export(rows_to_text(rows, excel=excel), missing_notes(columns, entries))
