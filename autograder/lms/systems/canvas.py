"""Canvas: its gradebook export as the roster, its "Download Submissions" zip, its gradebook import.

**Roster** (Grades > Export): ``Student, ID, SIS User ID, SIS Login ID, Section, <one column per assignment>``; a
second row ``Points Possible`` and Canvas's own "Student, Test" are not students.  A student's key is the Canvas
``ID``, which the submissions zip carries as the user id.  The ``Points Possible`` row is kept (``points_row``,
by header) so the export can compare each assignment's points with the catalogue's.

**Download** (canvas-lms ``lib/content_zipper.rb``, ``get_filename`` and ``add_upload_submission``) names each
file ``{sortable name}_[LATE_]{user id}_{attachment id}_{display name}``: the sortable name ("Smith, Jane")
lower-cased with every non-word character removed (``smithjane``; Hangul and accented letters are word characters
and stay), ``LATE`` only for late work, ``anon_{id}`` in place of name and user id under anonymous grading, and
``-1``, ``-2`` before the extension when two files would get the same name.  Its submissions are matched to the
roster by the user id (the roster's Canvas ID).

**Gradebook import** (canvas-lms ``lib/gradebook_importer.rb``).  The student-info columns come first, exactly as
the roster export has them (``Student, ID, SIS User ID, SIS Login ID, Section``: no trimming, no case change, no
Unicode normalisation, since Canvas matches ids exactly), then one column per assignment under the roster's own
header, ``Title (assignment id)``, which Canvas matches by the id (a plain title matches an assignment of exactly
that name or makes Canvas create a **new** one, so it is written only with ``--new-column``).  The roster's
``Points Possible`` row gives each assignment's points.  Canvas guesses the delimiter from the first three lines
and its Ruby CSV parser rejects the whole file on a stray quote, so every field with a comma, quote or newline is
quoted (RFC 4180).  It drops any column whose header contains ``Current Score``, ``Final Grade``, ``Override
Status`` and the like, anywhere, so such a title is refused.  Numbers are written with ``.`` and no thousands
separator (Canvas keeps only the last ``,`` or ``.`` as the decimal point).  A ``Points Possible`` row is
written only when asked (it overwrites points in Canvas).  A blank cell means no score; ``EX`` is never written.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from autograder.lms import columns
from autograder.lms.columns import LmsColumn, Wanted
from autograder.lms.filing import missing_notes, score_cell
from autograder.lms.gradebook_file import Column, Export, ExportError, number, rows_to_text
from autograder.lms.plugin import DownloadRule, Exporter, ExportOptions, Lms, Matcher, RosterFormat, option
from autograder.lms.roster import Roster, RosterEntry, Table, by_identifier, kinds, roster_of
from autograder.submission import Submission, safe_id

TITLE = "Canvas"
TEST_STUDENT = "Student, Test"
# The name's parts never start with a digit (Canvas turns "_12_" inside a name into "12") and are never the
# LATE or anon_ markers that may follow it.
FILE_NAME = re.compile(r"^(?:(?P<name>(?!LATE_|anon_)[^_]+(?:_(?!LATE_|anon_)[^_\d][^_]*)*)_)?(?P<late>LATE_)?"
                       r"(?P<user>anon_[^_]+|\d+)_(?P<attachment>\d+)_(?P<display>.+)$")
# canvas-lms lib/gradebook_importer.rb drops columns whose header matches these anywhere (unanchored).
CANVAS_DROPPED = re.compile(r"(Current|Final) (Score|Points|Grade)|Override (Score|Grade|Status)")
# An assignment's header in Canvas's export (lib/gradebook_exporter.rb, "#{assignment.title} (#{assignment.id})"),
# which the importer matches by the id.
ASSIGNMENT = re.compile(r"(?P<title>.*) \((?P<id>\d+)\)")


# ------------------------------------------------------------------ the roster

def recognises(table: Table) -> bool:
    return len(table.header) > 1 and "Student" in table.header[0] and table.header[1].strip() == "ID"


def read_roster(table: Table) -> Roster:
    entries = []
    for r in table.records:
        name, canvas_id = r.get("Student", ""), r.get("ID", "")
        if name.strip() in ("Points Possible", TEST_STUDENT):
            continue
        ids = tuple(v for v in (canvas_id, r.get("SIS User ID", ""), r.get("SIS Login ID", "")) if v.strip())
        known = kinds(canvas_id=canvas_id, institution_id=r.get("SIS User ID", ""), login=r.get("SIS Login ID", ""))
        entries.append(RosterEntry(canvas_id, name, r.get("Section", ""), ids, r, known))
    first = table.header[0]
    points = next((r for r in table.records if r.get(first, "").strip() == "Points Possible"), {})
    return roster_of("canvas", entries, table.header, points)


# ------------------------------------------------------------------ the download

def submission(member: str) -> Submission | None:
    match = FILE_NAME.match(Path(member).name)  # Canvas's zip is flat; a re-zipped one may add a folder
    if match is None:
        return None
    user = match["user"]
    return Submission(student_id=safe_id(user), path=Path(member), name=match["name"] or "",
                      marked_late=bool(match["late"]), source="canvas", original=match["display"],
                      lms_id=user, order=int(match["attachment"]))


def matcher(roster: Roster) -> Matcher:
    """By the user id, which is the roster's Canvas ID."""
    by_id = by_identifier(roster)

    def student(s: Submission) -> tuple[RosterEntry | None, str]:
        if s.lms_id.startswith("anon_"):
            return None, "anonymous grading: Canvas does not say whose submission this is"
        entry = by_id.get(s.lms_id.casefold())
        return entry, "" if entry else f"no rostered student has the Canvas ID {s.lms_id}"
    return student


# ------------------------------------------------------------------ the gradebook import

@dataclass(frozen=True)
class CanvasOptions:
    canvas_assignment_ids: tuple[str, ...] = option(
        (), "--canvas-assignment-id", metavar="ID",
        help="the Canvas assignment id of each results folder, in order (else it is read from the roster's "
             "header; refused when it contradicts it)",
        plugin_help="the Canvas assignment id of each assignment, in order")
    points_possible: bool = option(False, "--points-possible", help="write Canvas's Points Possible row",
                                   plugin_help="write Canvas's Points Possible row")


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


def with_assignment_id(column: LmsColumn, canvas_id: str) -> LmsColumn:
    """``--canvas-assignment-id`` supplies or overrides the id: ``<the roster's title> (<id>)``; it may not
    contradict the id the roster's own header carries."""
    if not canvas_id:
        return column
    if column.column_id and column.column_id != canvas_id:
        raise ExportError(f"--canvas-assignment-id {canvas_id} contradicts the roster's column {column.header!r} "
                          f"(id {column.column_id}): drop it or name another column with --column")
    return replace(column, header=f"{column.title} ({canvas_id})", column_id=canvas_id)


def choose_columns(roster: Roster, wanted: list[Wanted], options: ExportOptions) -> tuple[list[LmsColumn], list[str]]:
    """Each assignment's column (``columns.py``), with its ``--canvas-assignment-id``."""
    chosen, notes = columns.choose_all(wanted, roster_columns(roster), list(options.columns), options.new_column,
                                       TITLE, new_column)
    ids = list(options.own.canvas_assignment_ids)
    if len(ids) > len(wanted):
        raise ExportError(f"{len(ids)} --canvas-assignment-id for {len(wanted)} results folder(s)")
    chosen = [with_assignment_id(c, ids[i] if i < len(ids) else "") for i, c in enumerate(chosen)]
    notes += [f"{c.header!r}: with --canvas-assignment-id Canvas fills the assignment {c.column_id} instead "
              "(not in the roster, so its points were not checked)" for c in chosen if c.new and c.column_id]
    if options.own.points_possible:
        notes += [f"the Points Possible row sets {c.header!r} to {w.max_score:g} points in Canvas"
                  for c, w in zip(chosen, wanted) if c.points != w.max_score]
    return chosen, notes


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


def _write(roster: Roster, columns: list[Column], options: ExportOptions) -> Export:
    return gradebook(roster, columns, points_possible=options.own.points_possible, excel=options.excel)


LMS = Lms(
    name="canvas", title=TITLE, order=1,
    roster=RosterFormat("Canvas (Student, ID, ...)", recognises, read_roster, precedence=1),
    download=DownloadRule("{name}_{user id}_{attachment id}_{file}", submission, matcher, precedence=2),
    exporter=Exporter(choose_columns, _write, CanvasOptions))
