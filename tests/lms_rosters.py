"""Each LMS's gradebook export of a class, as the instructor downloads it (the --roster of `autograder export`):
Canvas's CSV, Moodle's CSV, Blackboard's tab-delimited UTF-16 download, Brightspace's CSV with '#' ids.  Each
takes one grade column's header or several (Canvas: with the Points Possible row's cell for each)."""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Person:
    """A student as every LMS knows them (Canvas ID, SIS id = ID number = OrgDefinedId, login = Username)."""
    last: str
    first: str
    canvas_id: str
    sis: str
    login: str
    section: str

    @property
    def email(self) -> str:
        return f"{self.login.strip()}@example.ac.kr"


def write(path: Path, header: list[str], rows: list[list[str]], delimiter: str = ",",
          encoding: str = "utf-8") -> Path:
    with open(path, "w", encoding=encoding, newline="") as f:
        writer = csv.writer(f, delimiter=delimiter)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _many(columns: str | list[str]) -> list[str]:
    return [columns] if isinstance(columns, str) else list(columns)


def canvas(path: Path, people: list[Person], columns: str | list[str], points: list[str] | None = None) -> Path:
    """Canvas's export: the info columns, the assignments, a Points Possible row (13 each unless ``points``)."""
    columns = _many(columns)
    points = points or ["13.00"] * len(columns)
    rows = [["    Points Possible", "", "", "", "", *points]]
    rows += [[f"{s.last}, {s.first}", s.canvas_id, s.sis, s.login, s.section, *[""] * len(columns)] for s in people]
    rows += [["Student, Test", "999", "", "test_student", "Section 01 (월)", *[""] * len(columns)]]
    return write(path, ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", *columns], rows)


def moodle(path: Path, people: list[Person], columns: str | list[str], username: bool = True,
           blank_id_for: str = "") -> Path:
    columns = _many(columns)
    header = ["First name", "Last name", "ID number", "Institution", "Department", "Email address"] + \
        (["Username"] if username else []) + columns
    rows = [[s.first, s.last, "" if s.canvas_id == blank_id_for else s.sis, "", "", s.email]
            + ([s.login.strip()] if username else []) + ["-"] * len(columns) for s in people]
    return write(path, header, rows)


def blackboard(path: Path, people: list[Person], columns: str | list[str], blank_username_for: str = "") -> Path:
    columns = _many(columns)
    header = ["Last Name", "First Name", "Username", "Student ID", "Last Access", "Availability", *columns]
    rows = [[s.last, s.first, "" if s.canvas_id == blank_username_for else s.login.strip(), s.sis,
             "2026-11-30 21:04:11", "Available", *[""] * len(columns)] for s in people]
    return write(path, header, rows, delimiter="\t", encoding="utf-16")  # as Blackboard downloads it


def brightspace(path: Path, people: list[Person], columns: str | list[str],
                ids: tuple[str, ...] = ("OrgDefinedId", "Username")) -> Path:
    columns = _many(columns)
    values = {"OrgDefinedId": lambda s: f"#{s.sis}", "Username": lambda s: f"#{s.login.strip()}"}
    header = [*ids, "Last Name", "First Name", "Email", *columns, "End-of-Line Indicator"]
    rows = [[values[c](s) for c in ids] + [s.last, s.first, s.email, *[""] * len(columns), "#"] for s in people]
    return write(path, header, rows)
