"""A plain per-problem spreadsheet (``--format csv``), for people and for an LMS without an importer of its own.

One row per student (the roster's, in its order, when one is given; else every graded student), and per
assignment its problems' points, the total, the maximum, the status and the late penalty.  RFC 4180 CSV, UTF-8,
``.`` decimals; a student with no result has blank cells and the status ``missing``.  Any LMS's roster will do;
it reads none of its own and takes no download.
"""
from __future__ import annotations

from dataclasses import dataclass

from autograder.lms.columns import LmsColumn, Wanted
from autograder.lms.filing import handed_in, missing_notes
from autograder.lms.gradebook_file import Column, Export, number, rows_to_text
from autograder.lms.plugin import Exporter, ExportOptions, Lms
from autograder.lms.roster import Roster


@dataclass(frozen=True)
class Student:
    key: str
    name: str
    section: str


def _students(roster: Roster | None, columns: list[Column]) -> list[Student]:
    if roster is not None:
        return [Student(e.key, e.name, e.section) for e in roster.entries]
    seen: dict[str, Student] = {}
    for column in columns:
        for key, r in column.results.items():
            seen.setdefault(key, Student(key, r.name or "", r.section))
    return list(seen.values())


def choose_columns(roster: Roster | None, wanted: list[Wanted], options: ExportOptions) \
        -> tuple[list[LmsColumn], list[str]]:
    """One block of columns per assignment, titled by the catalogue."""
    return [LmsColumn(w.title, w.title) for w in wanted], []


def gradebook(roster: Roster | None, columns: list[Column], *, excel: bool = False) -> Export:
    """Each column's problems (``Column.problems``), total, maximum, status and late penalty."""
    header = ["student", "name", "section"]
    for c in columns:
        prefix = f"{c.assignment_id}: " if len(columns) > 1 else ""
        header += [f"{prefix}{p}" for p in c.problems]
        header += [f"{prefix}{x}" for x in ("total", "max", "status", "late penalty")]
    rows = [header]
    students = _students(roster, columns)
    for s in students:
        cells = [s.key, s.name, s.section]
        for c in columns:
            r = handed_in(c, s.key)
            if r is None:
                cells += [""] * len(c.problems) + ["", number(c.max_score), "missing", ""]
                continue
            cells += [number(r.problems[p].score) for p in c.problems]
            cells += [number(r.score), number(r.max_score), r.status, number(r.late_penalty)]
        rows.append(cells)
    notes = missing_notes(columns, roster.entries) if roster is not None else []
    return Export(rows_to_text(rows, excel=excel), notes)


def _write(roster: Roster | None, columns: list[Column], options: ExportOptions) -> Export:
    return gradebook(roster, columns, excel=options.excel)


LMS = Lms(name="csv", title="CSV", order=5, exporter=Exporter(choose_columns, _write, needs_roster=False))
