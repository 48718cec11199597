"""D2L Brightspace: its grades export as the roster, its grade import.

**Roster**: ``OrgDefinedId, Username, Last Name, First Name, Email, <items>, End-of-Line Indicator``, the ids
prefixed with ``#``.  A student's key is the OrgDefinedId, else the Username.

**Import** (Brightspace help, "Importing grades"; D2L community article 3538).  ``OrgDefinedId`` and/or
``Username`` first, in that order, as the roster export has them (with the ``#`` its exports put before each id),
then one ``<Item> Points Grade`` column per assignment under the export's own header, byte for byte (the file the
export gave, filled in), and a last ``End-of-Line Indicator`` column of ``#`` on every row.  A new item, only
with ``--new-column``, is written ``<Item> Points Grade <Numeric MaxPoints:N>``, which Brightspace creates only
when the import is told to (D2L community, "Import grade items": "Create new grade item when an unrecognized
item is referenced"), and the command says so.  Nothing else: Brightspace's help says not to import names,
emails or weighted grades.  A value above the item's MaxPoints is silently capped, so such scores are refused.
A blank cell: no grade.
"""
from __future__ import annotations

import csv
import re
from pathlib import Path

from autograder.lms import columns
from autograder.lms.columns import LmsColumn, Wanted
from autograder.lms.filing import missing_notes, refuse_above, require_ids, score_cell
from autograder.lms.gradebook_file import Column, Export, ExportError, number, rows_to_text
from autograder.lms.plugin import Exporter, ExportOptions, Lms, RosterFormat, SampleItem, SampleRoster, SampleStudent
from autograder.lms.roster import Roster, RosterEntry, Table, fields, full_name, kinds, roster_of

TITLE = "Brightspace"
ID_COLUMNS = {"orgdefinedid": "institution_id", "username": "login"}
END_OF_LINE = "End-of-Line Indicator"
ITEM = re.compile(r"(?P<item>.*?) Points Grade(?: <(?P<spec>[^>]*)>)?")


# ------------------------------------------------------------------ the roster

def recognises(table: Table) -> bool:
    return "orgdefinedid" in table.names or "end-of-line indicator" in table.names


def read_roster(table: Table) -> Roster:
    entries = []
    for r in table.records:
        get = fields(r)
        org_id, username, name = get("orgdefinedid", ""), get("username", ""), full_name(get)
        # Brightspace's export writes "#" before each id (so Excel keeps leading zeros); the id is what follows.
        known = kinds(institution_id=org_id.removeprefix("#"), login=username.removeprefix("#"),
                      email=get("email", ""))
        entries.append(RosterEntry(org_id or username, name, "", tuple(known.values()), r, known))
    return roster_of("brightspace", entries, table.header)


# ------------------------------------------------------------------ the import

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


def choose_columns(roster: Roster, wanted: list[Wanted], options: ExportOptions) -> tuple[list[LmsColumn], list[str]]:
    return columns.choose_all(wanted, roster_columns(roster), list(options.columns), options.new_column, TITLE,
                              new_column)


def gradebook(roster: Roster, columns: list[Column], *, excel: bool = False) -> Export:
    """Each column under its ``header`` (see ``columns.py``); a column's MaxPoints is its ``points`` where the
    roster states them, else the assignment's maximum."""
    require_roster(roster)
    ids = [h for h in roster.header if h.strip().lower() in ID_COLUMNS]
    ids.sort(key=lambda h: list(ID_COLUMNS).index(h.strip().lower()))
    entries = list(roster.entries)
    require_ids(roster, entries, tuple(ID_COLUMNS[h.strip().lower()] for h in ids), "OrgDefinedId or Username")
    refuse_above(columns, entries, {c.title: c.max_score if c.points is None else c.points for c in columns},
                 "Brightspace", "Brightspace would silently cap them; raise the item's MaxPoints or allow it to be "
                 "exceeded")
    rows = [ids + [c.header for c in columns] + [END_OF_LINE]]
    rows += [[e.row.get(h, "") for h in ids] + [score_cell(c, e) for c in columns] + ["#"] for e in entries]
    return Export(rows_to_text(rows, excel=excel), missing_notes(columns, entries))


def _write(roster: Roster, columns: list[Column], options: ExportOptions) -> Export:
    return gradebook(roster, columns, excel=options.excel)


# ------------------------------------------------------------------ a sample of its grades export

def write_sample_roster(path: Path, students: list[SampleStudent], items: list[SampleItem]) -> None:
    """The grades export: ``#`` ids, names, email, one item per assignment, the calculated final grade, the
    End-of-Line Indicator."""
    header = (["OrgDefinedId", "Username", "Last Name", "First Name", "Email"]
              + [f"{i.title} Points Grade <Numeric MaxPoints:{i.points:g} Weight:20>" for i in items]
              + ["Calculated Final Grade Numerator", "Calculated Final Grade Denominator", END_OF_LINE])
    rows = [[f"#{s.sis_id}", f"#{s.login}", *s.last_first, s.email] + [""] * (len(items) + 2) + ["#"]
            for s in students]
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)


LMS = Lms(
    name="brightspace", title=TITLE, order=4,
    roster=RosterFormat("Brightspace (OrgDefinedId, Username, ...)", recognises, read_roster, precedence=2),
    exporter=Exporter(choose_columns, _write),
    sample_roster=SampleRoster("brightspace-grades.csv", write_sample_roster))
