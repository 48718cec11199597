"""Moodle: its grades or participants export as the roster, its "Download all submissions" zip, its CSV grade
import.

**Roster**: ``First name, Last name, ID number, ..., Email address, ...``.  A student's key is the ID number, or
the email address when there is none.  Moodle's zip carries only the full name (and a participant id no export
contains), so Moodle submissions are matched by full name, cleaned as Moodle cleans it (``moodle_cleaned``); a
name that two rostered students share matches neither, and the submission is listed as unmatched with the reason.

**Download** (moodle ``mod/assign/classes/downloader.php``, ``get_student_prefix`` and
``load_submissionplugin_filelist``; before it ``assign::download_submissions`` in ``mod/assign/locallib.php``)
builds a prefix per student, ``clean_filename(str_replace('_', ' ', {Full Name}) . '_' . {participant id})``,
and writes the prefix
- in folders (the default since 3.1): today ``{prefix}_assignsubmission_file/{path in the submission}{file}``;
  from Moodle 3.1 until the ``downloader`` class (2022) the folder ended in an underscore,
  ``{prefix}_assignsubmission_file_/...``;
- flat ("download submissions in folders" off, and before 3.1): ``{prefix}_assignsubmission_file_{file}``.
Blind marking puts ``Participant`` (``get_string('participant', 'mod_assign')``) in place of the name; team
submissions use the group, ``{group}_{group id}`` today (``Default group`` without an id for students in no group)
and ``{group}-{Full Name}_{participant id}`` before it.  Online text goes under ``_assignsubmission_onlinetext``.
``clean_filename`` is ``clean_param(PARAM_FILE)`` (``lib/moodlelib.php``): it deletes control characters and
``& < > " ` | ' : \\ /`` and keeps everything else (Hangul, accents, commas, spaces); ``PARAM_PATH`` cleans each
folder of a path the same way.  As a name holds no ``_`` and the id is a number, the prefix splits exactly at its
last ``_``.  The participant id is the assignment's own number for the student, not a user id; a group's folder
carries the group's name, which matches no student.

**Grade import** (moodle ``grade/import/csv/classes/load_data.php``, ``lib/csvlib.class.php``).  One identifier
column, mapped in Moodle's import screen to ``useridnumber``, ``useremail`` or ``username`` (``--id
idnumber|email|username``), then one column per grade item and, with ``--feedback``, a ``<item> (Feedback)``
column of each student's short feedback (mapped to the item's feedback).  What Moodle does with a file, and so
what is refused before writing:

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

import csv
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Callable

from autograder.lms import columns
from autograder.lms.columns import LmsColumn, Wanted
from autograder.lms.filing import missing_notes, refuse_above, require_ids, score_cell
from autograder.lms.gradebook_file import Column, Export, ExportError, rows_to_text
from autograder.lms.plugin import (DownloadRule, Exporter, ExportOptions, Lms, Matcher, RosterFormat, SampleItem,
                                   SampleRoster, SampleStudent, option)
from autograder.lms.roster import Roster, RosterEntry, Table, fields, full_name, kinds, normalised, roster_of
from autograder.results import Result
from autograder.submission import Submission, safe_id

TITLE = "Moodle"
_PLUGIN = r"_assignsubmission_(?:file|onlinetext)"
FOLDER = re.compile(rf"^(?P<prefix>.+){_PLUGIN}_?$")            # today's folder, or 3.x's with its "_"
FLAT = re.compile(rf"^(?P<prefix>.+?){_PLUGIN}_(?P<display>.+)$")  # the prefix holds no "_assignsub..."
PREFIX = re.compile(r"^(?P<name>.+)_(?P<id>\d+)$")
BLIND = "Participant"
_UNSAFE = re.compile(r"[\x00-\x1f\x7f&<>\"`|':\\/]")

# --id: Moodle's mapping name, the roster's id kind, the column's header in Moodle's export.
IDENTIFIERS = {"idnumber": ("useridnumber", "institution_id", "ID number"),
               "email": ("useremail", "email", "Email address"),
               "username": ("username", "login", "Username")}
MOODLE_DEFAULT_MAXIMUM = 100.0
REAL, FEEDBACK = " (Real)", " (Feedback)"
# The modulename strings of Moodle's graded activities, the "<Module name>: " before an activity's item name.
MODULES = re.compile(r"(?:Assignment|Quiz|Workshop|Forum|Lesson|Glossary|Database|SCORM package|H5P|External tool"
                     r"|Attendance): ")


def moodle_cleaned(name: str) -> str:
    """A full name as Moodle writes it in a download (``_`` to a space, then ``clean_param(PARAM_FILE)``), so a
    roster's ``O'Brien`` can be compared with the folder's ``OBrien``."""
    return _UNSAFE.sub("", name.replace("_", " "))


# ------------------------------------------------------------------ the roster

def recognises(table: Table) -> bool:
    return bool(table.names & {"email address", "id number"})


def read_roster(table: Table) -> Roster:
    entries = []
    for r in table.records:
        get = fields(r)
        email, number, name = get("email address", ""), get("id number", ""), full_name(get)
        ids = tuple(v for v in (number, email, email.split("@")[0], get("username", "")) if v.strip())
        known = kinds(institution_id=number, login=get("username", ""), email=email)
        entries.append(RosterEntry(number or email, name, get("groups", ""), ids, r, known))
    return roster_of("moodle", entries, table.header)


# ------------------------------------------------------------------ the download

def submission(member: str) -> Submission | None:
    """The student's folder is the first that carries Moodle's marker (a re-zipped download may add one above it);
    without such a folder, the file's own name may carry it (the flat layout)."""
    parts = PurePosixPath(member).parts
    for depth, folder in enumerate(parts[:-1]):
        match = FOLDER.match(folder)
        if match:
            return _submission(member, match["prefix"], "/".join(parts[depth + 1:]))
    match = FLAT.match(parts[-1])
    return _submission(member, match["prefix"], match["display"]) if match else None


def _submission(member: str, prefix: str, display: str) -> Submission:
    match = PREFIX.match(prefix)
    name, number = (match["name"], match["id"]) if match else (prefix, "")  # "Default group" has no id
    if name == BLIND and number:  # blind marking: the number is all Moodle says
        return Submission(student_id=safe_id(f"{BLIND}_{number}"), path=Path(member), source="moodle",
                          original=display, lms_id=number)
    return Submission(student_id=safe_id(prefix), path=Path(member), name=name, source="moodle", original=display,
                      lms_id=number)


def matcher(roster: Roster) -> Matcher:
    """By full name, compared as Moodle's download writes it (cleaned); a name two students share matches neither."""
    by_name: dict[str, list[RosterEntry]] = {}
    for entry in roster.entries:
        by_name.setdefault(normalised(moodle_cleaned(entry.name)), []).append(entry)

    def student(s: Submission) -> tuple[RosterEntry | None, str]:
        if not s.name:
            return None, (f"blind marking: Moodle calls this student Participant {s.lms_id}; reveal student "
                          "identities in Moodle and download again, or match it by hand")
        candidates = by_name.get(normalised(moodle_cleaned(s.name)), [])
        if len(candidates) == 1:
            return candidates[0], ""
        if candidates:
            return None, f"{len(candidates)} rostered students are called {s.name}: match it by hand"
        return None, f"no rostered student is called {s.name}"
    return student


# ------------------------------------------------------------------ the grade import

@dataclass(frozen=True)
class MoodleOptions:
    identifier: str = option("idnumber", "--id", choices=tuple(IDENTIFIERS),
                             help="the user field Moodle matches (default: idnumber)",
                             plugin_help="idnumber, email or username: the user field Moodle matches")
    decimal: str = option(".", "--decimal", choices=(".", ","), help="the decimal separator (default: .)",
                          plugin_help="the decimal separator, . or ,")
    feedback: bool = option(False, "--feedback", help="add an '<item> (Feedback)' column per assignment",
                            plugin_help="add an '<item> (Feedback)' column: each problem's points")
    max_grade: float = option(MOODLE_DEFAULT_MAXIMUM, "--max-grade", metavar="N",
                              help="the grade items' maximum in Moodle; higher scores are refused (default: 100)",
                              plugin_help="the grade items' maximum in Moodle")


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


def choose_columns(roster: Roster, wanted: list[Wanted], options: ExportOptions) -> tuple[list[LmsColumn], list[str]]:
    """Each assignment's column (``columns.py``); the participants export lists none: Moodle maps them by hand."""
    available = roster_columns(roster)
    named = list(options.columns)
    if available:
        return columns.choose_all(wanted, available, named, options.new_column, TITLE, new_column)
    chosen = [LmsColumn(n, n) for n in (named[i] if i < len(named) and named[i] else w.title
                                        for i, w in enumerate(wanted))]
    return chosen, [f"the Moodle roster lists no grade columns: {', '.join(repr(c.header) for c in chosen)} "
                    "must be mapped to the grade items by hand in Moodle's import screen"]


def _feedback_header(header: str) -> str:
    return (header.strip().removesuffix(REAL) if header.strip().endswith(REAL) else header) + FEEDBACK


def gradebook(roster: Roster, columns: list[Column], *, identifier: str = "idnumber", decimal: str = ".",
              feedback: Callable[[Result], str] | None = None, max_grade: float = MOODLE_DEFAULT_MAXIMUM,
              excel: bool = False) -> Export:
    """Each column under its ``header`` (see ``columns.py``); with ``feedback`` (a result's feedback in one line),
    a feedback column after each."""
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
                cells.append(feedback(result) if result else "")
        rows.append(cells)
    by_hand = [c.header for c in columns if not c.header.strip().endswith(REAL)]
    notes = [f"in Moodle's CSV import, map {header!r} to {mapping!r}"
             + (f" and {', '.join(map(repr, by_hand))} to its grade item" if by_hand else
                "; the grade columns map themselves to their items")
             + (" (the (Feedback) columns to the item's feedback)" if feedback and by_hand else "")]
    notes += [f"{c.title!r} is out of {c.max_score:g}: set the Moodle grade item's maximum grade to {c.max_score:g}"
              for c in columns if c.max_score != max_grade]
    return Export(rows_to_text(rows, excel=excel), notes + missing_notes(columns, entries))


def _write(roster: Roster, columns: list[Column], options: ExportOptions) -> Export:
    own = options.own
    if own.feedback and options.feedback_text is None:
        raise ExportError("--feedback needs a result's feedback text: the caller passes feedback_text")
    return gradebook(roster, columns, identifier=own.identifier, decimal=own.decimal,
                     feedback=options.feedback_text if own.feedback else None, max_grade=own.max_grade,
                     excel=options.excel)


# ------------------------------------------------------------------ a sample of its grades export

def write_sample_roster(path: Path, students: list[SampleStudent], items: list[SampleItem]) -> None:
    """The grades export: the user fields, one ``Assignment: <item> (Real)`` per item, the course total."""
    header = (["First name", "Last name", "ID number", "Institution", "Department", "Email address"]
              + [f"Assignment: {i.title} (Real)" for i in items] + ["Course total (Real)", "Last downloaded from this course"])
    rows = [[s.last_first[1], s.last_first[0], s.sis_id, "", "", s.email] + ["-"] * (len(items) + 1) + ["1764633600"]
            for s in students]
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)


LMS = Lms(
    name="moodle", title=TITLE, order=2,
    roster=RosterFormat("Moodle (First name, Last name, Email address, ...)", recognises, read_roster, precedence=4),
    download=DownloadRule("{Full Name}_{participant id}_assignsubmission_file/{file}", submission, matcher,
                          precedence=1),
    exporter=Exporter(choose_columns, _write, MoodleOptions),
    sample_roster=SampleRoster("moodle-grades.csv", write_sample_roster))
