"""The gradebook files of every LMS, read back by an independent reader per format (tests/lms_readers.py): every
rostered student found by the id that LMS matches on, with the right score (blank when nothing was handed in),
identifier columns exactly as the roster had them, and each importer's traps refused before anything is
written.  One class of seven, as each LMS exports it: Hangul (one name decomposed, NFD), commas, quotes, a
semicolon, two students with the same name, one who handed in nothing; its results were graded with the
Canvas roster, so the other formats find the students by the ids both LMSs know."""
from __future__ import annotations

import csv
import json
import unicodedata
from pathlib import Path

import pytest

import lms_readers
import lms_rosters
from autograder import catalogue, cli
from autograder.lms.export import Column, ExportError, blackboard, brightspace, canvas, file_results, moodle, \
    number, plain
from autograder.lms.roster import read_roster

ASSIGNMENT = catalogue.load("01_sigmoid")
TITLE = ASSIGNMENT.title
NFD_NAME = unicodedata.normalize("NFD", "서연")


class S(lms_rosters.Person):
    """A rostered student and what they scored (None: handed in nothing) and lost to lateness."""
    def __init__(self, last, first, canvas_id, sis, login, section, score=None, penalty=0.0):
        super().__init__(last, first, canvas_id, sis, login, section)
        object.__setattr__(self, "score", score)
        object.__setattr__(self, "penalty", penalty)


CLASS = [S("Smith", "Jane", "1001", "S1001", "jsmith", "Section 01 (월)", 13.0),
         S("김", "민준", "1002", "0001002", "  kim.minjun ", "Section 02 (수)", 13.0, 1.75),   # late: 11.25
         S("O'Brien", "Seán \"Shaun\"", "1003", "S1003", "sobrien", "Section 01 (월)", 0.5),
         S("Ng; Wai", "Ken, Jr.", "1004", "S1004", "wng", "Section 03 (금)", 6.0),
         S("Kim", "Minjun", "1005", "S1005", "mkim2", "Section 03 (금)"),                     # hands in nothing
         S("Kim", "Minjun", "1006", "S1006", "mkim3", "Section 01 (월)", 9.5),                # a namesake
         S("이", NFD_NAME, "1007", "S1007", "slee", "Section 02 (수)", 0.0)]
HANDED_IN = [s for s in CLASS if s.score is not None]


def expected(s: S) -> str:
    return "" if s.score is None else number(s.score - s.penalty)


def result(s: S) -> dict:
    """The result of `autograder grade ... --roster <Canvas roster>` for this student."""
    problems = {p.id: {"score": p.points, "max_score": p.points, "tests": []} for p in ASSIGNMENT.problems}
    left = ASSIGNMENT.max_score - (s.score or 0.0)
    for p in reversed(ASSIGNMENT.problems):   # the points lost come off the last problems
        lost = min(left, p.points)
        problems[p.id]["score"] -= lost
        left -= lost
    status = "missing" if s.score is None else "graded"
    return {"student_id": s.canvas_id, "assignment": ASSIGNMENT.id, "name": f"{s.last}, {s.first}",
            "section": s.section, "status": status, "message": "", "score": (s.score or 0.0) - s.penalty,
            "raw_score": s.score or 0.0, "max_score": ASSIGNMENT.max_score, "late_penalty": s.penalty,
            "problems": problems, "notebook_errors": [],
            "ids": {"canvas_id": s.canvas_id, "institution_id": s.sis, "login": s.login}}


RESULTS = [result(s) for s in CLASS] + [{**result(S("Park", "Dropped", "1099", "S1099", "pdrop", "", 3.0))}]


def canvas_roster(folder: Path, title: str = f"{TITLE} (40501)") -> Path:
    return lms_rosters.canvas(folder / "canvas.csv", CLASS, title)


def moodle_roster(folder: Path, username: bool = True, blank_id: bool = False) -> Path:
    return lms_rosters.moodle(folder / "moodle.csv", CLASS, f"Assignment: {TITLE} (Real)", username,
                              "1003" if blank_id else "")


def blackboard_roster(folder: Path, column: str = f"{TITLE} [Total Pts: 13 Score] |1281892",
                      blank_username: bool = False) -> Path:
    return lms_rosters.blackboard(folder / "blackboard.xls", CLASS, column, "1004" if blank_username else "")


def brightspace_roster(folder: Path, item: str = f"{TITLE} Points Grade <Numeric MaxPoints:13 Weight:20>",
                       columns: tuple[str, ...] = ("OrgDefinedId", "Username")) -> Path:
    return lms_rosters.brightspace(folder / "brightspace.csv", CLASS, item, columns)


def columns_for(roster, results=RESULTS) -> tuple[list[Column], list[str]]:
    filed, notes = file_results(roster, results, TITLE)
    return [Column(ASSIGNMENT.id, TITLE, ASSIGNMENT.max_score, filed)], notes


def missing_noted(notes: list[str]) -> bool:
    """Exactly one student is left blank, and the note names the one who handed in nothing."""
    blank = [n for n in notes if "left blank" in n]
    return len(blank) == 1 and any(k in blank[0] for k in ("(1005)", "(S1005)", "(mkim2)", "(#S1005)"))


# ------------------------------------------------------------------ Canvas

def test_canvas_every_rostered_student_with_the_ids_as_they_came(tmp_path):
    roster = read_roster(canvas_roster(tmp_path))
    cols, notes = columns_for(roster)
    export = canvas.gradebook(roster, cols, points_possible=True)
    header, rows = lms_readers.canvas(export.text)
    assert header == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", f"{TITLE} (40501)"]
    assert export.text.splitlines()[1].startswith("Points Possible,") and export.text.splitlines()[1].endswith(",13")
    assert sorted(rows) == sorted(s.canvas_id for s in CLASS), "every rostered student, no test student"
    for s in CLASS:
        assert rows[s.canvas_id][:5] == [f"{s.last}, {s.first}", s.canvas_id, s.sis, s.login, s.section]
        assert rows[s.canvas_id][5] == expected(s), s.canvas_id
    assert NFD_NAME in export.text and unicodedata.normalize("NFC", NFD_NAME) not in export.text
    assert missing_noted(export.notes) and "EX" not in export.text
    assert any("1099" in n and "on no roster row" in n for n in notes)
    assert "Points Possible" not in canvas.gradebook(roster, cols).text, "only when asked: it overwrites points"


def test_canvas_a_plain_title_is_a_new_assignment_and_says_so(tmp_path):
    roster = read_roster(canvas_roster(tmp_path, title="Something else (1)"))
    cols, _ = columns_for(roster)
    export = canvas.gradebook(roster, cols)
    assert lms_readers.canvas(export.text)[0][-1] == TITLE
    assert any("NEW assignment" in n for n in export.notes)
    export = canvas.gradebook(roster, cols, assignment_ids={TITLE: "777"})
    assert lms_readers.canvas(export.text)[0][-1] == f"{TITLE} (777)" and not any("NEW" in n for n in export.notes)


@pytest.mark.parametrize("title", ["Final Grade Project", "HW (Current Score)", "Override Status check"])
def test_canvas_titles_canvas_would_drop_are_refused(tmp_path, title):
    roster = read_roster(canvas_roster(tmp_path))
    with pytest.raises(ExportError, match="silently drops"):
        canvas.gradebook(roster, [Column("x", title, 13.0, {})])


def test_numbers_and_the_excel_bom(tmp_path):
    assert [number(x) for x in (13.0, 11.25, 0.5, 1234.5, 2 / 3, 0.0)] == ["13", "11.25", "0.5", "1234.5", "0.67", "0"]
    assert number(11.25, ",") == "11,25" and number(1234.5, ",") == "1234,5"
    roster = read_roster(canvas_roster(tmp_path))
    text = canvas.gradebook(roster, columns_for(roster)[0], excel=True).text
    assert text.startswith("\ufeffStudent,") and lms_readers.canvas(text)[1]["1001"][5] == "13"


# ------------------------------------------------------------------ Moodle

@pytest.mark.parametrize("identifier, key, header", [("idnumber", "sis", "ID number"),
                                                     ("email", "email", "Email address"),
                                                     ("username", "login", "Username")])
def test_moodle_by_each_identifier(tmp_path, identifier, key, header):
    roster = read_roster(moodle_roster(tmp_path))
    export = moodle.gradebook(roster, columns_for(roster)[0], identifier=identifier, feedback=True)
    head, rows = lms_readers.moodle(export.text)
    assert head == [header, TITLE, f"{TITLE} (Feedback)"]
    assert sorted(rows) == sorted(getattr(s, key).strip() for s in CLASS)
    for s in CLASS:
        row = rows[getattr(s, key).strip()]
        assert row[1] == expected(s)
        if s.score is None:
            assert row[2] == "No submission was found."
        else:
            assert row[2].startswith(f"{number(s.score - s.penalty)}/13 points") and "\n" not in row[2]
    assert any(f"map {header!r}" in n for n in export.notes) and missing_noted(export.notes)
    assert any("maximum grade to 13" in n for n in export.notes)


def test_moodle_comma_decimals_are_quoted_and_read_back(tmp_path):
    roster = read_roster(moodle_roster(tmp_path))
    export = moodle.gradebook(roster, columns_for(roster)[0], decimal=",", max_grade=13)
    _, rows = lms_readers.moodle(export.text, decimal=",", maximum=13)
    assert rows["0001002"][1] == "11,25" and '"11,25"' in export.text
    assert not any("maximum grade" in n for n in export.notes)


def test_moodle_refuses_what_would_abort_or_misfile_the_import(tmp_path):
    roster = read_roster(moodle_roster(tmp_path, username=False))
    cols = columns_for(roster)[0]
    with pytest.raises(ExportError, match="no 'Username' column"):
        moodle.gradebook(roster, cols, identifier="username")
    with pytest.raises(ExportError, match=r"3 score\(s\) are above Moodle's maximum.*Jane Smith \(S1001\) 13 > 9.*"
                                          r"Minjun Kim \(S1006\) 9.5 > 9"):
        moodle.gradebook(roster, cols, max_grade=9)
    blank = read_roster(moodle_roster(tmp_path, blank_id=True))
    with pytest.raises(ExportError, match=r"1 roster row\(s\) have no 'ID number'.*O'Brien"):
        moodle.gradebook(blank, columns_for(blank)[0], identifier="idnumber")
    assert "S1003" not in moodle.gradebook(blank, columns_for(blank)[0], identifier="email").text
    with pytest.raises(ExportError, match="Moodle's own"):
        moodle.gradebook(read_roster(canvas_roster(tmp_path)), cols)


# ------------------------------------------------------------------ Blackboard

def test_blackboard_tab_delimited_with_the_grade_center_column_id(tmp_path):
    roster = read_roster(blackboard_roster(tmp_path))
    assert roster.kind == "blackboard"
    export = blackboard.gradebook(roster, columns_for(roster)[0])
    head, rows = lms_readers.blackboard(export.text)
    assert head[3] == f"{TITLE} [Total Pts: 13 Score] |1281892" and len(head) == 4
    assert sorted(rows) == sorted(s.login.strip() for s in CLASS)
    for s in CLASS:
        assert rows[s.login.strip()] == [s.last, s.first, s.login.strip(), expected(s)]
    assert not any("NEW" in n for n in export.notes)
    assert missing_noted(export.notes)


def test_blackboard_csv_quotes_every_field_and_a_new_column_is_said(tmp_path):
    roster = read_roster(blackboard_roster(tmp_path, column="Homework 0 [Total Pts: 5 Score] |99"))
    export = blackboard.gradebook(roster, columns_for(roster)[0], comma_separated=True)
    head, rows = lms_readers.blackboard(export.text, delimiter=",")
    assert head[3] == f"{TITLE} [Total Pts: 13 Score]" and rows["wng"][3] == "6"
    assert any("NEW TEXT column worth 0 points" in n for n in export.notes)


def test_blackboard_says_which_file_name_it_reads_the_file_by(tmp_path):
    roster = read_roster(blackboard_roster(tmp_path))
    tab = blackboard.gradebook(roster, columns_for(roster)[0])
    assert tab.name_note(tmp_path / "upload.xls") == []
    assert tab.name_note(tmp_path / "upload.csv") == ["upload.csv: the LMS reads this file as .xls; name it upload.xls"]
    comma = blackboard.gradebook(roster, columns_for(roster)[0], comma_separated=True)
    assert comma.name_note(tmp_path / "upload.csv") == [] and comma.name_note(tmp_path / "upload.xls")
    assert canvas.gradebook(read_roster(canvas_roster(tmp_path)), []).name_note(tmp_path / "x.txt") == []


def test_blackboard_refuses_rows_without_a_username(tmp_path):
    roster = read_roster(blackboard_roster(tmp_path, blank_username=True))
    with pytest.raises(ExportError, match=r"no Username.*Ng; Wai"):
        blackboard.gradebook(roster, columns_for(roster)[0])


# ------------------------------------------------------------------ Brightspace

def test_brightspace_ids_with_their_hash_and_the_end_of_line_indicator(tmp_path):
    roster = read_roster(brightspace_roster(tmp_path))
    assert roster.kind == "brightspace"
    export = brightspace.gradebook(roster, columns_for(roster)[0])
    head, rows = lms_readers.brightspace(export.text)
    assert head == ["OrgDefinedId", "Username", f"{TITLE} Points Grade", "End-of-Line Indicator"]
    assert sorted(rows) == sorted(s.sis for s in CLASS)
    for s in CLASS:
        assert rows[s.sis] == [f"#{s.sis}", f"#{s.login.strip()}", expected(s), "#"]
    assert "Jane" not in export.text and "@" not in export.text, "no names or emails"


def test_brightspace_a_new_item_and_username_only(tmp_path):
    roster = read_roster(brightspace_roster(tmp_path, item="Quiz 1 Points Grade <Numeric MaxPoints:5>",
                                            columns=("Username",)))
    export = brightspace.gradebook(roster, columns_for(roster)[0])
    head, rows = lms_readers.brightspace(export.text)
    assert head == ["Username", f"{TITLE} Points Grade <Numeric MaxPoints:13>", "End-of-Line Indicator"]
    assert rows["jsmith"][1] == "13" and any("NEW numeric item" in n for n in export.notes)


def test_brightspace_refuses_scores_above_max_points(tmp_path):
    roster = read_roster(brightspace_roster(tmp_path, item=f"{TITLE} Points Grade <Numeric MaxPoints:10>"))
    with pytest.raises(ExportError, match=r"above Brightspace's maximum.*silently cap.*Jane Smith \(#S1001\) 13 > 10"):
        brightspace.gradebook(roster, columns_for(roster)[0])


# ------------------------------------------------------------------ the plain CSV and the matching

def test_plain_csv_per_problem_with_and_without_a_roster(tmp_path):
    roster = read_roster(canvas_roster(tmp_path))
    problems = {ASSIGNMENT.id: [p.id for p in ASSIGNMENT.problems]}
    rows = list(csv.DictReader(plain.gradebook(roster, columns_for(roster)[0], problems).text.splitlines()))
    assert [r["student"] for r in rows] == [s.canvas_id for s in CLASS]
    by_id = {r["student"]: r for r in rows}
    assert by_id["1002"]["total"] == "11.25" and by_id["1002"]["late penalty"] == "1.75"
    assert by_id["1003"]["sigmoid"] == "0.5" and by_id["1005"]["status"] == "missing"
    for r in rows:
        if r["status"] == "graded":
            assert sum(float(r[p]) for p in problems[ASSIGNMENT.id]) - float(r["late penalty"]) == float(r["total"])
    alone = [Column(ASSIGNMENT.id, TITLE, 13.0, {r["student_id"]: r for r in RESULTS})]
    rows = list(csv.DictReader(plain.gradebook(None, alone, problems).text.splitlines()))
    assert {r["student"] for r in rows} == {r["student_id"] for r in RESULTS}


def test_results_graded_without_a_roster_are_filed_by_their_student_id(tmp_path):
    roster = read_roster(moodle_roster(tmp_path))
    bare = [{**r, "student_id": r["ids"]["login"].strip(), "ids": {}} for r in RESULTS]  # notebooks named by login
    filed, notes = file_results(roster, bare, TITLE)
    assert {k: r["score"] for k, r in filed.items()} == {s.sis: r["score"] for s, r in zip(CLASS, RESULTS)}
    assert [n for n in notes if "pdrop" in n]


def test_a_submission_the_grading_roster_could_not_match_is_never_filed(tmp_path):
    """An unmatched result keeps the LMS's own id (here a Canvas ID that is some other row's SIS id)."""
    roster = read_roster(moodle_roster(tmp_path))
    stray = {**result(S("Lee", "Withdrew", "S1001", "", "", "", 13.0)), "ids": {}, "roster": "unmatched"}
    filed, notes = file_results(roster, [stray], TITLE)
    assert filed == {} and any("matched no rostered student" in n for n in notes)
    filed, _ = file_results(roster, [{**stray, "roster": ""}], TITLE)
    assert list(filed) == ["S1001"], "without the unmatched mark the same id would have been filed"


def test_a_result_that_fits_two_rows_or_two_results_for_one_row_stop_the_export(tmp_path):
    roster = read_roster(moodle_roster(tmp_path))
    mixed = {**RESULTS[0], "ids": {"institution_id": "S1001", "login": "wng"}}  # Smith's number, Ng's login
    with pytest.raises(ExportError, match="fits several roster rows"):
        file_results(roster, [mixed], TITLE)
    twice = [RESULTS[0], {**RESULTS[0], "student_id": "1001-copy"}]
    with pytest.raises(ExportError, match="two results .* belong to Jane Smith"):
        file_results(roster, twice, TITLE)


# ------------------------------------------------------------------ the command line

def results_folder(folder: Path) -> Path:
    (folder / "results").mkdir(parents=True)
    for r in RESULTS:
        (folder / "results" / f"{r['student_id']}.json").write_text(json.dumps(r, ensure_ascii=False), "utf-8")
    return folder


@pytest.mark.parametrize("fmt, make_roster, read, key", [
    ("canvas", canvas_roster, lms_readers.canvas, lambda s: s.canvas_id),
    ("moodle", moodle_roster, lms_readers.moodle, lambda s: s.sis),
    ("blackboard", blackboard_roster, lms_readers.blackboard, lambda s: s.login.strip()),
    ("brightspace", brightspace_roster, lms_readers.brightspace, lambda s: s.sis)])
def test_the_command_line_writes_each_format(tmp_path, capsys, fmt, make_roster, read, key):
    to = tmp_path / f"{fmt}.out"
    assert cli.main(["export", "--format", fmt, "--results", str(results_folder(tmp_path / "graded")),
                     "--roster", str(make_roster(tmp_path)), "--to", str(to)]) == 0
    header, rows = read(to.read_text(encoding="utf-8"))
    score_column = 5 if fmt == "canvas" else 3 if fmt == "blackboard" else 2 if fmt == "brightspace" else 1
    assert {key(s): rows[key(s)][score_column] for s in CLASS} == {key(s): expected(s) for s in CLASS}
    printed = capsys.readouterr().out
    assert "1099" in printed and "on no roster row" in printed and f"gradebook for {fmt}" in printed


def test_the_command_line_refuses_with_one_clear_line(tmp_path, capsys):
    graded = results_folder(tmp_path / "graded")
    to = tmp_path / "out.csv"
    assert cli.main(["export", "--format", "moodle", "--results", str(graded), "--to", str(to)]) == 1
    assert "needs --roster" in capsys.readouterr().err
    assert cli.main(["export", "--format", "blackboard", "--results", str(graded), "--to", str(to),
                     "--roster", str(blackboard_roster(tmp_path, blank_username=True))]) == 1
    assert "no Username" in capsys.readouterr().err and not to.exists()
    assert cli.main(["export", "--format", "csv", "--results", str(graded), "--to", str(to)]) == 0
    assert len(list(csv.DictReader(to.open(encoding="utf-8", newline="")))) == len(RESULTS)


def test_the_command_line_offers_every_format_the_writer_has():
    from autograder.lms.export import write
    assert cli.EXPORT_FORMATS == list(write.FORMATS)
