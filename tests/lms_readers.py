"""Each LMS's gradebook import, as an independent reader: Python's csv module configured as that importer reads
the file, plus the importer's own rules, asserted.  Each returns {student id: score cell} by the id the LMS
matches on, so a test can check that every rostered student has the right score.  Written from the importers'
rules (see the docstrings of autograder/lms/systems/*.py), not from the exporters' code.
"""
from __future__ import annotations

import csv
import io
import re

CANVAS_DROPPED = ("Current Score", "Current Points", "Current Grade", "Final Score", "Final Points",
                  "Final Grade", "Override Score", "Override Grade", "Override Status")


def _text(text: str) -> str:
    return text.removeprefix("\ufeff")


def canvas(text: str) -> tuple[list[str], dict[str, list[str]]]:
    """canvas-lms gradebook_importer.rb: `;` only if each of the first three lines has more `;` than `,`; a
    strict parser; the student-info columns end with `Section`; SIS User ID is followed by SIS Login ID.
    Returns the header and the rows by Canvas ID."""
    text = _text(text)
    delimiter = ";" if all(line.count(";") > line.count(",") for line in text.splitlines()[:3]) else ","
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    header = rows[0]
    assert "Student" in header[0] and "ID" in header[1] and "Section" in header
    if "SIS User ID" in header:
        assert header[header.index("SIS User ID") + 1] == "SIS Login ID"
    assert not any(dropped in h for h in header for dropped in CANVAS_DROPPED)
    students = [r for r in rows[1:] if r[0].strip() != "Points Possible"]
    assert all(len(r) == len(header) for r in rows)
    return header, {r[1]: r for r in students}


def moodle(text: str, decimal: str = ".", maximum: float = 100.0) -> tuple[list[str], dict[str, list[str]]]:
    """grade/import/csv: every row has the header's column count and a non-blank identifier (else its grades go
    to the previous row's student); every grade cell is blank, `-` or a number with the decimal separator, at
    most the maximum.  Returns the header and the rows by identifier."""
    rows = list(csv.reader(io.StringIO(_text(text), newline=""), strict=True))
    header = rows[0]
    by_id = {}
    for row in rows[1:]:
        assert len(row) == len(header), row
        assert row[0].strip(), f"a row without an identifier: {row}"
        assert row[0] not in by_id, f"two rows for {row[0]}"
        by_id[row[0]] = row
        for title, cell in zip(header[1:], row[1:]):
            if title.endswith("(Feedback)") or cell in ("", "-"):
                continue
            assert re.fullmatch(rf"\d+(\{decimal}\d+)?", cell), cell
            assert float(cell.replace(decimal, ".")) <= maximum
    return header, by_id


BLACKBOARD_HEADER = re.compile(r".+ \[Total Pts: [\d.]+ Score\]( \|\d+)?")


def blackboard(text: str, delimiter: str = "\t") -> tuple[list[str], dict[str, list[str]]]:
    """Grade Center upload: Username is the key and never blank; grade headers `Title [Total Pts: N Score]
    |id`; every field quoted (required for .csv, as Blackboard's download does for .xls).  Returns the header
    and the rows by Username."""
    text = _text(text)
    field = r'"(?:[^"]|"")*"'
    for line in text.splitlines():
        assert re.fullmatch(rf"{field}(?:{re.escape(delimiter)}{field})*", line), f"a field not quoted: {line}"
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    header = rows[0]
    assert header[:3] == ["Last Name", "First Name", "Username"]
    assert all(BLACKBOARD_HEADER.fullmatch(h) for h in header[3:]), header
    by_username = {}
    for row in rows[1:]:
        assert len(row) == len(header) and row[2].strip() and row[2] not in by_username
        by_username[row[2]] = row
    return header, by_username


def brightspace(text: str) -> tuple[list[str], dict[str, list[str]]]:
    """Brightspace grade import: OrgDefinedId and/or Username first (in that order), `<Item> Points Grade`
    columns, `End-of-Line Indicator` last with `#` on every row, no names or emails; a grade is at most the
    item's MaxPoints.  Returns the header and the rows by OrgDefinedId without its `#` (else Username)."""
    rows = list(csv.reader(io.StringIO(_text(text), newline=""), strict=True))
    header = rows[0]
    ids = [h for h in header if h in ("OrgDefinedId", "Username")]
    assert ids and header[:len(ids)] == ids and ids == sorted(ids, key=["OrgDefinedId", "Username"].index)
    assert header[-1] == "End-of-Line Indicator"
    items = header[len(ids):-1]
    assert all(re.fullmatch(r".+ Points Grade( <Numeric MaxPoints:[\d.]+( [^>]*)?>)?", h) for h in items), items
    by_id = {}
    for row in rows[1:]:
        assert len(row) == len(header) and row[-1] == "#"
        assert any(row[i].strip("# ") for i in range(len(ids))), f"a row without an id: {row}"
        by_id[row[0].removeprefix("#")] = row
    return header, by_id


def target(fmt: str, header: str) -> tuple[str, str]:
    """What the LMS's import does with a grade column's header, by its own rule: (what it fills, by which key).

    Canvas (gradebook_importer.rb): ``Title (id)`` fills the assignment with that id, a plain title the one of
    that exact name, else a new one.  Moodle (grade_import_form.php, "Auto-map matching grade items"): a header
    with ``(Real)`` is mapped to the grade item named like what comes before it, one with ``(Feedback)`` to that
    item's feedback, anything else is left on Ignore.  Blackboard: ``|<column id>`` fills that column, else a new
    text column.  Brightspace: ``<Item> Points Grade`` fills the item of that name."""
    if fmt == "canvas":
        match = re.fullmatch(r"(.*) \((\d+)\)", header)
        return ("assignment id", match[2]) if match else ("assignment named", header)
    if fmt == "moodle":
        for marker, kind in (("(Real)", "grade item"), ("(Feedback)", "feedback of")):
            if marker in header:
                return kind, header.split(marker)[0].strip()
        return "ignored", header
    if fmt == "blackboard":
        match = re.search(r" \|(\d+)$", header)
        return ("column id", match[1]) if match else ("new text column", header)
    match = re.fullmatch(r"(.*?) Points Grade(?: <.*>)?", header)
    return "item", match[1]
