"""The Canvas gradebook file, read back as Canvas reads it (lib/gradebook_importer.rb): the delimiter guessed from
the first three lines, a strict CSV parser, identifier columns exactly as the roster had them, every rostered
student with the right score (blank when nothing was handed in), and titles Canvas would drop refused."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from autograder import catalogue, cli
from autograder.lms.export import ExportError, canvas_gradebook, number
from autograder.lms.roster import read_roster

ROWS = [["Smith, Jane", "1001", "S1001", "jsmith", "Section 01 (월)", ""],
        ["김, 민준", "1002", "0001002", "  kim.minjun ", "Section 02 (수)", ""],   # ids kept exactly, spaces too
        ["O'Brien, Seán \"Shaun\"", "1003", "S1003", "sobrien", "Section 01 (월)", ""],
        ["Ng; Wai", "1004", "S1004", "wng", "Section 03 (금)", ""],            # a semicolon, for the guess
        ["Kim, Minjun", "1005", "S1005", "mkim2", "Section 03 (금)", ""]]       # hands in nothing


def roster_file(path: Path, title: str = "The sigmoid: logistic regression's true/false machine (40501)") -> Path:
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["Student", "ID", "SIS User ID", "SIS Login ID", "Section", title])
        writer.writerow(["    Points Possible", "", "", "", "", "13"])
        writer.writerows(ROWS)
        writer.writerow(["Student, Test", "999", "", "test_student", "Section 01 (월)", ""])
    return path


def canvas_reads(text: str) -> list[list[str]]:
    """As canvas-lms does: `;` only if each of the first three lines has more `;` than `,`; then strict CSV."""
    text = text.removeprefix("\ufeff")
    first = text.splitlines()[:3]
    delimiter = ";" if all(line.count(";") > line.count(",") for line in first) else ","
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))


SCORES = {"1001": 13.0, "1002": 11.25, "1003": 0.5, "1004": 1234.5}


def results() -> dict[str, dict]:
    return {k: {"student_id": k, "status": "graded", "score": v} for k, v in SCORES.items()} | \
        {"1005": {"student_id": "1005", "status": "missing", "score": 0.0}}


def test_every_rostered_student_with_the_ids_as_they_came(tmp_path):
    roster = read_roster(roster_file(tmp_path / "roster.csv"))
    title = catalogue.load("01_sigmoid").title
    export = canvas_gradebook(roster, [(title, results())], points_possible={title: 13.0})
    rows = canvas_reads(export.text)
    assert rows[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", f"{title} (40501)"]
    assert rows[1][0] == "Points Possible" and rows[1][-1] == "13"
    by_id = {r[1]: r for r in rows[2:]}
    assert len(rows) == 2 + len(ROWS), "every rostered student, no test student"
    for row in ROWS:
        assert by_id[row[1]][:5] == row[:5], "identifier columns exactly as the roster has them"
    assert {k: by_id[k][-1] for k in SCORES} == {"1001": "13", "1002": "11.25", "1003": "0.5", "1004": "1234.5"}
    assert by_id["1005"][-1] == "" and any("1005" in n and "left blank" in n for n in export.notes)
    assert "EX" not in export.text


def test_a_plain_title_is_a_new_assignment_and_says_so(tmp_path):
    roster = read_roster(roster_file(tmp_path / "roster.csv", title="Something else (1)"))
    export = canvas_gradebook(roster, [("Homework 5", results())])
    assert canvas_reads(export.text)[0][-1] == "Homework 5"
    assert any("NEW assignment" in n for n in export.notes)
    export = canvas_gradebook(roster, [("Homework 5", results())], assignment_ids={"Homework 5": "777"})
    assert canvas_reads(export.text)[0][-1] == "Homework 5 (777)" and not any("NEW" in n for n in export.notes)


@pytest.mark.parametrize("title", ["Final Grade Project", "HW (Current Score)", "Override Status check"])
def test_titles_canvas_would_drop_are_refused(tmp_path, title):
    roster = read_roster(roster_file(tmp_path / "roster.csv"))
    with pytest.raises(ExportError, match="silently drops"):
        canvas_gradebook(roster, [(title, results())])


def test_numbers_and_the_excel_bom(tmp_path):
    assert [number(x) for x in (13.0, 11.25, 0.5, 1234.5, 2 / 3, 0.0)] == ["13", "11.25", "0.5", "1234.5", "0.67", "0"]
    roster = read_roster(roster_file(tmp_path / "roster.csv"))
    text = canvas_gradebook(roster, [("HW (1)", results())], excel=True).text
    assert text.startswith("\ufeffStudent,")


def test_the_command_line_fills_the_roster_from_a_results_folder(tmp_path, capsys):
    folder = tmp_path / "graded" / "results"
    folder.mkdir(parents=True)
    for k, r in {**results(), "1099": {"student_id": "1099", "status": "graded", "score": 3.0}}.items():
        (folder / f"{k}.json").write_text(json.dumps({**r, "assignment": "01_sigmoid", "name": ""}), encoding="utf-8")
    to = tmp_path / "canvas.csv"
    assert cli.main(["export", "--results", str(tmp_path / "graded"), "--roster", str(roster_file(tmp_path / "r.csv")),
                     "--to", str(to)]) == 0
    rows = canvas_reads(to.read_text(encoding="utf-8"))
    assert {r[1]: r[-1] for r in rows[1:]} == {"1001": "13", "1002": "11.25", "1003": "0.5", "1004": "1234.5",
                                               "1005": ""}
    printed = capsys.readouterr().out
    assert "1099" in printed and "on no roster row" in printed
