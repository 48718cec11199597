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
"""
from __future__ import annotations

from autograder.lms.export import (Column, Export, ExportError, missing_notes, refuse_above, require_ids,
                                   rows_to_text, score_cell)
from autograder.lms.roster import Roster
from autograder.reports.feedback import short_feedback

# --id: Moodle's mapping name, the roster's id kind, the column's header in Moodle's export.
IDENTIFIERS = {"idnumber": ("useridnumber", "institution_id", "ID number"),
               "email": ("useremail", "email", "Email address"),
               "username": ("username", "login", "Username")}
MOODLE_DEFAULT_MAXIMUM = 100.0


def gradebook(roster: Roster, columns: list[Column], *, identifier: str = "idnumber", decimal: str = ".",
              feedback: bool = False, max_grade: float = MOODLE_DEFAULT_MAXIMUM, excel: bool = False) -> Export:
    if roster.kind != "moodle":
        raise ExportError("a Moodle gradebook needs Moodle's own grades or participants export (First name, "
                          f"Last name, ID number, Email address, ...) as --roster, not a {roster.kind} one")
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
        titles += [column.title] + ([f"{column.title} (Feedback)"] if feedback else [])
    rows = [[header] + titles]
    for entry in entries:
        cells = [entry.row[header]]
        for column in columns:
            cells.append(score_cell(column, entry, decimal))
            if feedback:
                result = column.results.get(entry.key)
                cells.append(short_feedback(result) if result else "")
        rows.append(cells)
    notes = [f"in Moodle's CSV import, map {header!r} to {mapping!r} and each column to its grade item"
             + (" (the (Feedback) columns to the item's feedback)" if feedback else "")]
    notes += [f"{c.title!r} is out of {c.max_score:g}: set the Moodle grade item's maximum grade to {c.max_score:g}"
              for c in columns if c.max_score != max_grade]
    return Export(rows_to_text(rows, excel=excel), notes + missing_notes(columns, entries))
