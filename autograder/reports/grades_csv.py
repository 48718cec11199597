"""grades.csv: one row per student, one column per problem, for the instructor's own spreadsheet."""
from __future__ import annotations

import csv
import io
from pathlib import Path

from autograder.catalogue import Assignment
from autograder.results import Result, write_atomically


def score_text(x: float) -> str:
    """A score as grades.csv and the terminal write it: 2, 1.5, 0.25."""
    return f"{x:g}"


def grades_csv(assignment: Assignment, results: list[Result]) -> str:
    """One row per student: id, name, section, one column per problem, the raw score, the late penalty, the
    total (after the penalty), the maximum and the status.  Written with Python's csv module (RFC 4180 quoting:
    a name with a comma or a quote is quoted), UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["student_id", "name", "section", *(p.id for p in assignment.problems), "raw", "late_penalty",
                     "total", "max", "status"])
    for r in sorted(results, key=lambda r: r.student_id):
        writer.writerow([r.student_id, r.name or "", r.section,
                         *(score_text(r.problems[p.id].score) for p in assignment.problems),
                         score_text(r.raw_score), score_text(r.late_penalty), score_text(r.score), score_text(r.max_score),
                         r.status])
    return buffer.getvalue()


def write_grades_csv(out: Path, assignment: Assignment, results: list[Result]) -> Path:
    path = out / "grades.csv"
    write_atomically(path, grades_csv(assignment, results))
    return path
