"""Moodle's CSV grade import (moodle ``grade/import/csv/classes/load_data.php``, ``lib/csvlib.class.php``).

One identifier column, mapped in Moodle's import screen to ``useridnumber``, ``useremail`` or ``username``
(``--id idnumber|email|username``), then one column per grade item and, with ``--feedback``, a ``<item>
(Feedback)`` column of each student's short feedback (mapped to the item's feedback).  What Moodle does with a
file, and so what is refused before writing:

* one identifier no user has aborts the whole import (``check_user_exists``): every row comes from the roster;
* a row with a blank identifier is skipped by the lookup, so its grades land on the **previous row's student**
  (``map_user_data_with_value`` keeps ``$this->studentid``): a row without the identifier is refused;
* a grade above the maximum (100 unless the site allows more, ``insert_grade_record``) or not a number
  (``unformat_float``) aborts: scores above ``--max-grade`` are refused; values are numbers with ``.`` or the
  ``--decimal`` chosen (Moodle reads the decimal separator of the user's language);
* every row must have the header's column count (``csv_import_reader``): every row is written whole;
* empty or ``-`` means no grade: a student with no submission is left blank.

Moodle's grades export heads a grade item's column ``<Module name>: <item> (Real)`` (``grade/export/lib.php``,
``format_column_name``), and its import screen maps a header with ``(Real)`` to the grade item of that name by
itself, ``(Feedback)`` likewise to its feedback (``grade/import/grade_import_form.php``, "Auto-map matching grade
items"); course and category totals are never import targets.  So a roster with grade columns is written with
the chosen column's own header (and ``<module>: <item> (Feedback)``); Moodle's participants export has none,
and there the column is ``--column`` or the catalogue title, to be mapped by hand.
"""
from __future__ import annotations

import re

from autograder.lms.export import (Column, Export, ExportError, missing_notes, refuse_above, require_ids,
                                   rows_to_text, score_cell)
from autograder.lms.export.columns import LmsColumn
from autograder.lms.roster import Roster
from autograder.reports.feedback import short_feedback

# --id: Moodle's mapping name, the roster's id kind, the column's header in Moodle's export.
IDENTIFIERS = {"idnumber": ("useridnumber", "institution_id", "ID number"),
               "email": ("useremail", "email", "Email address"),
               "username": ("username", "login", "Username")}
MOODLE_DEFAULT_MAXIMUM = 100.0


REAL, FEEDBACK = " (Real)", " (Feedback)"
# The modulename strings of Moodle's graded activities, the "<Module name>: " before an activity's item name.
MODULES = re.compile(r"(?:Assignment|Quiz|Workshop|Forum|Lesson|Glossary|Database|SCORM package|H5P|External tool"
                     r"|Attendance): ")


def require_roster(roster: Roster) -> None:
    if roster.kind != "moodle":
        raise ExportError("a Moodle gradebook needs Moodle's own grades or participants export (First name, "
                          f"Last name, ID number, Email address, ...) as --roster, not a {roster.kind} one")


def roster_columns(roster: Roster) -> list[LmsColumn]:
    """The grade items of a grades export (``... (Real)``), without the course and category totals (a category's
    item is named "<category> total")."""
    require_roster(roster)
    found = []
    for header in roster.header:
        name = header.strip().removesuffix(REAL)
        if header.strip().endswith(REAL) and name != "Course total" and not name.endswith(" total"):
            found.append(LmsColumn(header, MODULES.sub("", name, count=1) if MODULES.match(name) else name))
    return found


def new_column(title: str, max_score: float) -> tuple[LmsColumn, str]:
    return LmsColumn(title, title, None, new=True), (
        "Moodle's import screen leaves it on 'Ignore': map it by hand to its grade item or to 'New grade item'")


def _feedback_header(header: str) -> str:
    return (header.strip().removesuffix(REAL) if header.strip().endswith(REAL) else header) + FEEDBACK


def gradebook(roster: Roster, columns: list[Column], *, identifier: str = "idnumber", decimal: str = ".",
              feedback: bool = False, max_grade: float = MOODLE_DEFAULT_MAXIMUM, excel: bool = False) -> Export:
    """Each column under its ``header`` (see ``columns.py``)."""
    require_roster(roster)
    if identifier not in IDENTIFIERS:
        raise ExportError(f"--id must be one of {', '.join(IDENTIFIERS)}, not {identifier!r}")
    if decimal not in (".", ","):
        raise ExportError(f"--decimal must be '.' or ',', not {decimal!r}")
    mapping, kind, label = IDENTIFIERS[identifier]
    header = next((h for h in roster.header if h.strip().lower() == label.lower()), None)
    if header is None:
        raise ExportError(f"the roster has no {label!r} column, which --id {identifier} needs: export it from "
                          "Moodle with that user field shown, or choose another --id")
    entries = list(roster.entries)
    require_ids(roster, entries, (kind,), f"{label!r}")
    refuse_above(columns, entries, {c.title: max_grade for c in columns}, "Moodle",
                 "Moodle would abort the whole import; raise the grade item's maximum and give --max-grade")
    titles = []
    for column in columns:
        titles += [column.header] + ([_feedback_header(column.header)] if feedback else [])
    rows = [[header] + titles]
    for entry in entries:
        cells = [entry.row[header]]
        for column in columns:
            cells.append(score_cell(column, entry, decimal))
            if feedback:
                result = column.results.get(entry.key)
                cells.append(short_feedback(result) if result else "")
        rows.append(cells)
    by_hand = [c.header for c in columns if not c.header.strip().endswith(REAL)]
    notes = [f"in Moodle's CSV import, map {header!r} to {mapping!r}"
             + (f" and {', '.join(map(repr, by_hand))} to its grade item" if by_hand else
                "; the grade columns map themselves to their items")
             + (" (the (Feedback) columns to the item's feedback)" if feedback and by_hand else "")]
    notes += [f"{c.title!r} is out of {c.max_score:g}: set the Moodle grade item's maximum grade to {c.max_score:g}"
              for c in columns if c.max_score != max_grade]
    return Export(rows_to_text(rows, excel=excel), notes + missing_notes(columns, entries))
