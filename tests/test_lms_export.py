"""The gradebook files of every LMS, read back by an independent reader per format (tests/lms_readers.py): every
rostered student found by the id that LMS matches on, with the right score (blank when nothing was handed in),
identifier columns exactly as the roster had them, and each importer's traps refused before anything is
written.  One class of seven, as each LMS exports it: Hangul (one name decomposed, NFD), commas, quotes, a
semicolon, two students with the same name, one who handed in nothing; its results were graded with the
Canvas roster, so the other formats find the students by the ids both LMSs know.  Its LMS names the assignments
the way instructors do ("01 Sigmoid", "02 Losses"), never the catalogue's title: the scores go into the column
the instructor made, found or named, under the roster's own header (tests/lms_readers.py's ``target`` says
what each LMS's import fills with it)."""
from __future__ import annotations

import csv
import json
import unicodedata
from pathlib import Path

import pytest

import lms_readers
import lms_rosters
from autograder import catalogue, cli
from autograder.lms import columns
from autograder.lms.export import Assignment, gradebook
from autograder.lms.filing import file_results
from autograder.lms.gradebook_file import Column, Export, ExportError, number
from autograder.lms.plugin import ExportOptions
from autograder.lms.registry import all_lms, get, read_roster
from autograder.lms.systems import blackboard, brightspace, canvas, moodle, plain
from autograder.reports.feedback import short_feedback
from autograder.results import Result

ASSIGNMENT = catalogue.load("01_sigmoid")
TITLE = ASSIGNMENT.title
NFD_NAME = unicodedata.normalize("NFD", "서연")
LMS_TITLE, OTHER = "01 Sigmoid", "02 Losses"      # as the instructor named them in the LMS


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
    """The result file of `autograder grade ... --roster <Canvas roster>` for this student (its JSON)."""
    scores = {p.id: p.points for p in ASSIGNMENT.problems}
    left = ASSIGNMENT.max_score - (s.score or 0.0)
    for p in reversed(ASSIGNMENT.problems):   # the points lost come off the last problems
        lost = min(left, p.points)
        scores[p.id] -= lost
        left -= lost
    problems = {p.id: {"score": scores[p.id], "max_score": p.points, "tests": [
        {"name": f"test_{p.id}", "passed": scores[p.id] == p.points, "points": scores[p.id], "max_points": p.points,
         "message": ""}]} for p in ASSIGNMENT.problems}
    status = "missing" if s.score is None else "graded"
    return {"student_id": s.canvas_id, "assignment": ASSIGNMENT.id, "name": f"{s.last}, {s.first}",
            "section": s.section, "status": status, "message": "", "score": (s.score or 0.0) - s.penalty,
            "raw_score": s.score or 0.0, "max_score": ASSIGNMENT.max_score, "late_penalty": s.penalty,
            "problems": problems, "notebook_errors": [],
            "ids": {"canvas_id": s.canvas_id, "institution_id": s.sis, "login": s.login}}


def typed(results: list[dict]) -> list[Result]:
    """Result files as the exporters take them."""
    return [Result.from_json(r) for r in results]


RESULTS = [result(s) for s in CLASS] + [{**result(S("Park", "Dropped", "1099", "S1099", "pdrop", "", 3.0))}]


def canvas_roster(folder: Path, titles: tuple[str, ...] = (f"{LMS_TITLE} (40501)", f"{OTHER} (40502)"),
                  points: list[str] | None = None) -> Path:
    return lms_rosters.canvas(folder / "canvas.csv", CLASS, list(titles), points)


def moodle_roster(folder: Path, username: bool = True, blank_id: bool = False,
                  titles: tuple[str, ...] = (f"Assignment: {LMS_TITLE} (Real)", f"Assignment: {OTHER} (Real)",
                                             "Course total (Real)")) -> Path:
    return lms_rosters.moodle(folder / "moodle.csv", CLASS, list(titles), username, "1003" if blank_id else "")


def blackboard_roster(folder: Path, titles: tuple[str, ...] = (
        "Total [Total Pts: up to 26 Score] |1281891", f"{LMS_TITLE} [Total Pts: 13 Score] |1281892",
        f"{OTHER} [Total Pts: 13 Score] |1281893"), blank_username: bool = False) -> Path:
    return lms_rosters.blackboard(folder / "blackboard.xls", CLASS, list(titles), "1004" if blank_username else "")


def brightspace_roster(folder: Path, titles: tuple[str, ...] = (
        f"{LMS_TITLE} Points Grade <Numeric MaxPoints:13 Weight:20>", f"{OTHER} Points Grade <Numeric MaxPoints:13>"),
        columns: tuple[str, ...] = ("OrgDefinedId", "Username")) -> Path:
    return lms_rosters.brightspace(folder / "brightspace.csv", CLASS, list(titles), columns)


ROSTERS = {"canvas": canvas_roster, "moodle": moodle_roster, "blackboard": blackboard_roster,
           "brightspace": brightspace_roster}
# What the instructor's own column of 01_sigmoid is headed in each LMS's export.
OWN_HEADER = {"canvas": f"{LMS_TITLE} (40501)", "moodle": f"Assignment: {LMS_TITLE} (Real)",
              "blackboard": f"{LMS_TITLE} [Total Pts: 13 Score] |1281892",
              "brightspace": f"{LMS_TITLE} Points Grade <Numeric MaxPoints:13 Weight:20>"}


def decorated(fmt: str, title: str, n: int, points: str = "13") -> str:
    """A grade column titled ``title`` as ``fmt``'s export heads it (n: its id)."""
    return {"canvas": f"{title} ({40500 + n})", "moodle": f"Assignment: {title} (Real)",
            "blackboard": f"{title} [Total Pts: {points} Score] |{1281890 + n}",
            "brightspace": f"{title} Points Grade <Numeric MaxPoints:{points}>"}[fmt]


def roster_of(fmt: str, folder: Path, titles: list[str], points: str = "13") -> Path:
    """``fmt``'s export of the class with grade columns titled ``titles`` (each worth ``points``)."""
    headers = tuple(decorated(fmt, t, n, points) for n, t in enumerate(titles, 1))
    if fmt == "canvas":
        return canvas_roster(folder, headers, [points] * len(headers))
    return ROSTERS[fmt](folder, titles=headers)


READ = {"canvas": (lms_readers.canvas, 5, lambda s: s.canvas_id),
        "moodle": (lms_readers.moodle, 1, lambda s: s.sis),
        "blackboard": (lms_readers.blackboard, 3, lambda s: s.login.strip()),
        "brightspace": (lms_readers.brightspace, 2, lambda s: s.sis)}


def test_every_lms_that_reads_a_roster_is_tested_here():
    """The tables above are this file's own knowledge of each LMS's export: a new LMS brings its own."""
    assert set(ROSTERS) == set(OWN_HEADER) == set(READ) == {lms.name for lms in all_lms() if lms.roster}


def assignment(results=RESULTS, a=ASSIGNMENT) -> Assignment:
    return Assignment(a.id, a.title, a.max_score, [p.id for p in a.problems], typed(results), a.notebook)


def options_for(fmt: str, **chosen) -> ExportOptions:
    """The options of every export (excel, columns, new_column) and ``fmt``'s own, as the command line gives them."""
    common = {k: chosen.pop(k) for k in ("excel", "columns", "new_column") if k in chosen}
    exporter = get(fmt).exporter
    own = exporter.own_options(chosen)
    assert set(chosen) <= set(vars(own)), f"not options of {fmt}: {set(chosen) - set(vars(own))}"
    return ExportOptions(**common, own=own, feedback_text=short_feedback)


def export(fmt: str, roster_path: Path, **options) -> Export:
    return gradebook(fmt, read_roster(roster_path), [assignment()], options_for(fmt, **options))


def columns_for(roster, fmt: str = "", **options) -> tuple[list[Column], list[str]]:
    """01_sigmoid's column in the roster, chosen as the export chooses it, with the results filed on its rows."""
    fmt = fmt or roster.kind
    a = assignment()
    wanted = [columns.Wanted(a.id, a.title, a.notebook, a.max_score)]
    (chosen,), _ = get(fmt).exporter.columns(roster, wanted, options_for(fmt, **options))
    filed, notes = file_results(roster, typed(RESULTS), chosen.title)
    return [Column(ASSIGNMENT.id, chosen.title, ASSIGNMENT.max_score, filed, chosen.header, chosen.points,
                   tuple(a.problems))], notes


def missing_noted(notes: list[str]) -> bool:
    """Exactly one student is left blank, and the note names the one who handed in nothing."""
    blank = [n for n in notes if "left blank" in n]
    return len(blank) == 1 and any(k in blank[0] for k in ("(1005)", "(S1005)", "(mkim2)", "(#S1005)"))


# ------------------------------------------------------------------ the column the instructor made, in each LMS

@pytest.mark.parametrize("fmt", list(ROSTERS))
def test_the_instructors_column_is_found_and_its_own_header_written(tmp_path, fmt):
    """"01 Sigmoid" (not the catalogue's title) among two assignments: found by the forgiving comparison with the
    id 01_sigmoid, written under the roster's header byte for byte, which the LMS's import maps to that column."""
    roster_path = ROSTERS[fmt](tmp_path)
    roster_header = next(csv.reader([roster_path.read_text(encoding="utf-16" if fmt == "blackboard" else "utf-8")
                                     .splitlines()[0]], delimiter="\t" if fmt == "blackboard" else ","))
    assert OWN_HEADER[fmt] in roster_header
    out = export(fmt, roster_path)
    read, column, key = READ[fmt]
    header, rows = read(out.text)
    assert header[column] == OWN_HEADER[fmt] and TITLE not in out.text
    assert lms_readers.target(fmt, header[column]) == lms_readers.target(fmt, OWN_HEADER[fmt])
    assert lms_readers.target(fmt, header[column])[0] not in ("assignment named", "ignored", "new text column")
    assert {key(s): rows[key(s)][column] for s in CLASS} == {key(s): expected(s) for s in CLASS}
    assert any(f"01_sigmoid -> the " in n and repr(OWN_HEADER[fmt]) in n and "found" in n for n in out.notes)
    assert not any("NEW" in n for n in out.notes)


@pytest.mark.parametrize("fmt", list(ROSTERS))
def test_column_names_the_instructors_column_by_its_bare_title(tmp_path, fmt):
    """Titles nothing could match, with Hangul, a comma and quotes: --column names one without the LMS's
    decorations; the forgiving comparison and the whole header work too."""
    titles = ['과제 1, "시그모이드"', "Quiz A"]
    roster_path = roster_of(fmt, tmp_path, titles)
    read, column, key = READ[fmt]
    for named in (titles[0], "과제1 시그모이드", decorated(fmt, titles[0], 1)):
        out = export(fmt, roster_path, columns=(named,))
        header, rows = read(out.text)
        assert header[column] == decorated(fmt, titles[0], 1), named
        assert rows[key(CLASS[0])][column] == "13"
        assert any("named by --column" in n for n in out.notes)


@pytest.mark.parametrize("fmt", list(ROSTERS))
def test_two_columns_that_could_be_the_assignment_are_refused(tmp_path, fmt):
    roster_path = roster_of(fmt, tmp_path, ["01 Sigmoid", "01_sigmoid (old)", "01-SIGMOID"])
    with pytest.raises(ExportError) as refused:
        export(fmt, roster_path)
    message = str(refused.value)
    assert message.startswith("2 ") and "could be '01_sigmoid'" in message and "(old)" not in message
    assert "--column '01 Sigmoid'" in message and "--column '01-SIGMOID'" in message
    read, column, _ = READ[fmt]
    assert read(export(fmt, roster_path, columns=("01-SIGMOID",)).text)[0][column] == decorated(fmt, "01-SIGMOID", 3)


@pytest.mark.parametrize("fmt", list(ROSTERS))
def test_no_column_for_the_assignment_is_refused_before_anything_is_written(tmp_path, capsys, fmt):
    """The roster's gradable columns are listed with their points and the --column that picks each; the file is
    not written; the computed columns (Canvas's Current Score, Moodle's Course total, Blackboard's Total) are not
    offered."""
    roster_path = ROSTERS[fmt](tmp_path, titles=tuple(decorated(fmt, t, n) for n, t in
                                                      enumerate(["Homework 1", "Quiz A"], 1))
                               + {"canvas": ("Current Score",), "moodle": ("Course total (Real)",),
                                  "blackboard": ("Total [Total Pts: up to 26 Score] |1281891",),
                                  "brightspace": ()}[fmt])
    with pytest.raises(ExportError) as refused:
        export(fmt, roster_path)
    message = str(refused.value)
    assert "no column for '01_sigmoid'" in message and "--new-column" in message
    assert "--column 'Homework 1'" in message and "--column 'Quiz A'" in message
    assert ("'Homework 1' (13 points)" in message) == (fmt != "moodle"), "points where the roster states them"
    assert "Current" not in message and "total" not in message.lower().replace("--new-column", "")
    to = tmp_path / "upload"
    assert cli.main(["export", "--format", fmt, "--results", str(results_folder(tmp_path / "graded")),
                     "--roster", str(roster_path), "--to", str(to)]) == 1
    assert "--column 'Quiz A'" in capsys.readouterr().err and not to.exists()
    with pytest.raises(ExportError, match="no column named 'Quiz B'"):
        export(fmt, roster_path, columns=("Quiz B",))


NEW_HEADER = {"canvas": TITLE, "moodle": TITLE, "blackboard": f"{TITLE} [Total Pts: 13 Score]",
              "brightspace": f"{TITLE} Points Grade <Numeric MaxPoints:13>"}
WHAT_THE_LMS_DOES = {"canvas": "Canvas will create a NEW assignment", "moodle": "map it by hand",
                     "blackboard": "NEW TEXT column worth 0 points",
                     "brightspace": "only if 'Create new grade item when an unrecognized item is referenced'"}


@pytest.mark.parametrize("fmt", list(ROSTERS))
def test_new_column_writes_a_new_column_and_says_what_the_lms_does_with_it(tmp_path, fmt):
    roster_path = roster_of(fmt, tmp_path, ["Homework 1"])
    out = export(fmt, roster_path, new_column=True)
    read, column, key = READ[fmt]
    header, rows = read(out.text)
    assert header[column] == NEW_HEADER[fmt] and rows[key(CLASS[0])][column] == "13"
    assert lms_readers.target(fmt, header[column]) != lms_readers.target(fmt, decorated(fmt, "Homework 1", 1))
    assert any("NEW" in n and WHAT_THE_LMS_DOES[fmt] in n for n in out.notes)
    named = export(fmt, roster_path, new_column=True, columns=("Lab 1",))
    assert read(named.text)[0][column] == NEW_HEADER[fmt].replace(TITLE, "Lab 1")
    found = export(fmt, ROSTERS[fmt](tmp_path), new_column=True)
    assert read(found.text)[0][column] == OWN_HEADER[fmt], "a column found is filled, not made again"


@pytest.mark.parametrize("fmt, said", [("canvas", "is worth 20 points in Canvas"),
                                       ("blackboard", "is worth 20 points in Blackboard"),
                                       ("brightspace", "is worth 20 points in Brightspace")])
def test_points_that_disagree_with_the_catalogue_are_said(tmp_path, fmt, said):
    out = export(fmt, roster_of(fmt, tmp_path, [LMS_TITLE], points="20"))
    assert any(said in n and "out of 13" in n for n in out.notes)
    assert not any("points in" in n for n in export(fmt, roster_of(fmt, tmp_path, [LMS_TITLE])).notes)
    if fmt == "canvas":   # --points-possible would change Canvas's points: said too
        told = export(fmt, roster_of(fmt, tmp_path, [LMS_TITLE], points="20"), points_possible=True)
        assert any("Points Possible row sets '01 Sigmoid (40501)' to 13 points" in n for n in told.notes)


@pytest.mark.parametrize("fmt", ["brightspace", "moodle"])
def test_points_the_lms_would_cap_or_reject_are_refused(tmp_path, fmt):
    """Brightspace caps a score above the item's MaxPoints silently; Moodle aborts above --max-grade."""
    if fmt == "brightspace":
        roster_path, options = roster_of(fmt, tmp_path, [LMS_TITLE], points="10"), {}
    else:
        roster_path, options = ROSTERS[fmt](tmp_path), {"max_grade": 10.0}
    with pytest.raises(ExportError, match=r"above \w+'s maximum.*Jane Smith \((#S1001|S1001)\) 13 > 10"):
        export(fmt, roster_path, **options)


def test_the_canvas_roster_keeps_its_points_possible_row(tmp_path):
    roster = read_roster(canvas_roster(tmp_path, points=["12,5", "13.00"]))
    assert roster.points_row[f"{LMS_TITLE} (40501)"] == "12,5" and "Points Possible" not in \
        {e.name.strip() for e in roster.entries}
    assert [(c.title, c.points, c.column_id) for c in canvas.roster_columns(roster)] == \
        [(LMS_TITLE, 12.5, "40501"), (OTHER, 13.0, "40502")]


def test_canvas_assignment_id_supplies_or_overrides_the_id_never_contradicts_it(tmp_path):
    roster_path = canvas_roster(tmp_path)
    same = export("canvas", roster_path, canvas_assignment_ids=("40501",))
    assert lms_readers.canvas(same.text)[0][5] == f"{LMS_TITLE} (40501)"
    with pytest.raises(ExportError, match=r"--canvas-assignment-id 777 contradicts .*01 Sigmoid \(40501\)"):
        export("canvas", roster_path, canvas_assignment_ids=("777",))
    new = export("canvas", roster_of("canvas", tmp_path, ["Homework 1"]), new_column=True,
                 canvas_assignment_ids=("777",))
    assert lms_readers.canvas(new.text)[0][5] == f"{TITLE} (777)"
    assert any("Canvas fills the assignment 777 instead" in n for n in new.notes)
    assert lms_readers.target("canvas", f"{TITLE} (777)") == ("assignment id", "777")


def test_several_results_folders_each_find_their_own_column_and_never_share_one(tmp_path):
    losses = catalogue.load("02_losses")
    other = [{**r, "assignment": losses.id, "max_score": losses.max_score} for r in RESULTS]
    both = [assignment(), assignment(other, losses)]
    for fmt in ROSTERS:
        out = gradebook(fmt, read_roster(ROSTERS[fmt](tmp_path)), both)
        read, column, _ = READ[fmt]
        header = read(out.text)[0]
        assert header[column:column + 2] == [OWN_HEADER[fmt], OWN_HEADER[fmt].replace(LMS_TITLE, OTHER)
                                             .replace("1281892", "1281893").replace("40501", "40502")
                                             .replace(" Weight:20", "")], fmt
        with pytest.raises(ExportError, match="01_sigmoid and 02_losses would both go into"):
            gradebook(fmt, read_roster(ROSTERS[fmt](tmp_path)), both, ExportOptions(columns=(LMS_TITLE, LMS_TITLE)))
    with pytest.raises(ExportError, match="3 --column for 2 results folder"):
        gradebook("canvas", read_roster(canvas_roster(tmp_path)), both, ExportOptions(columns=("a", "b", "c")))


def test_the_forgiving_comparison():
    assert columns.comparable("01 Sigmoid") == columns.comparable("01_sigmoid") == columns.comparable("01-SIGMOID.")
    assert columns.comparable("과제 1, \"시그모이드\"") == "과제1시그모이드"
    assert columns.comparable("01 Sigmoid 2") != columns.comparable("01_sigmoid")


# ------------------------------------------------------------------ Canvas

def test_canvas_every_rostered_student_with_the_ids_as_they_came(tmp_path):
    roster = read_roster(canvas_roster(tmp_path))
    cols, notes = columns_for(roster)
    out = canvas.gradebook(roster, cols, points_possible=True)
    header, rows = lms_readers.canvas(out.text)
    assert header == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", f"{LMS_TITLE} (40501)"]
    assert out.text.splitlines()[1].startswith("Points Possible,") and out.text.splitlines()[1].endswith(",13")
    assert sorted(rows) == sorted(s.canvas_id for s in CLASS), "every rostered student, no test student"
    for s in CLASS:
        assert rows[s.canvas_id][:5] == [f"{s.last}, {s.first}", s.canvas_id, s.sis, s.login, s.section]
        assert rows[s.canvas_id][5] == expected(s), s.canvas_id
    assert NFD_NAME in out.text and unicodedata.normalize("NFC", NFD_NAME) not in out.text
    assert missing_noted(out.notes) and "EX" not in out.text
    assert any("1099" in n and "on no roster row" in n for n in notes)
    assert "Points Possible" not in canvas.gradebook(roster, cols).text, "only when asked: it overwrites points"


@pytest.mark.parametrize("title", ["Final Grade Project", "HW (Current Score)", "Override Status check"])
def test_canvas_titles_canvas_would_drop_are_refused(tmp_path, title):
    roster = read_roster(canvas_roster(tmp_path))
    with pytest.raises(ExportError, match="silently drops"):
        canvas.gradebook(roster, [Column("x", title, 13.0, {}, title)])
    with pytest.raises(ExportError, match="silently drops"):
        export("canvas", roster_of("canvas", tmp_path, ["Homework 1"]), new_column=True, columns=(title,))
    with pytest.raises(ExportError, match="silently drops"):   # an assignment Canvas itself exported so
        export("canvas", roster_of("canvas", tmp_path, [title]), columns=(title,))


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
    out = moodle.gradebook(roster, columns_for(roster)[0], identifier=identifier, feedback=short_feedback)
    head, rows = lms_readers.moodle(out.text)
    assert head == [header, f"Assignment: {LMS_TITLE} (Real)", f"Assignment: {LMS_TITLE} (Feedback)"]
    assert lms_readers.target("moodle", head[2]) == ("feedback of", f"Assignment: {LMS_TITLE}")
    assert sorted(rows) == sorted(getattr(s, key).strip() for s in CLASS)
    for s in CLASS:
        row = rows[getattr(s, key).strip()]
        assert row[1] == expected(s)
        if s.score is None:
            assert row[2] == "No submission was found."
        else:
            assert row[2].startswith(f"{number(s.score - s.penalty)}/13 points") and "\n" not in row[2]
    assert any(f"map {header!r} to" in n and "map themselves" in n for n in out.notes) and missing_noted(out.notes)
    assert any("maximum grade to 13" in n for n in out.notes)


def test_moodle_participants_export_has_no_grade_columns_so_they_are_mapped_by_hand(tmp_path):
    """Moodle's participants export: the column is --column or the catalogue title, and the note says to map it."""
    roster_path = moodle_roster(tmp_path, titles=())
    out = export("moodle", roster_path)
    assert lms_readers.moodle(out.text)[0][1] == TITLE
    assert any("lists no grade columns" in n and "by hand" in n for n in out.notes)
    assert lms_readers.moodle(export("moodle", roster_path, columns=("01 Sigmoid",)).text)[0][1] == "01 Sigmoid"


def test_moodle_comma_decimals_are_quoted_and_read_back(tmp_path):
    roster = read_roster(moodle_roster(tmp_path))
    out = moodle.gradebook(roster, columns_for(roster)[0], decimal=",", max_grade=13)
    _, rows = lms_readers.moodle(out.text, decimal=",", maximum=13)
    assert rows["0001002"][1] == "11,25" and '"11,25"' in out.text
    assert not any("maximum grade" in n for n in out.notes)


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
        export("moodle", canvas_roster(tmp_path))


# ------------------------------------------------------------------ Blackboard

def test_blackboard_tab_delimited_with_the_grade_center_column_id(tmp_path):
    roster = read_roster(blackboard_roster(tmp_path))
    assert roster.kind == "blackboard"
    out = blackboard.gradebook(roster, columns_for(roster)[0])
    head, rows = lms_readers.blackboard(out.text)
    assert head[3] == f"{LMS_TITLE} [Total Pts: 13 Score] |1281892" and len(head) == 4
    assert sorted(rows) == sorted(s.login.strip() for s in CLASS)
    for s in CLASS:
        assert rows[s.login.strip()] == [s.last, s.first, s.login.strip(), expected(s)]
    assert missing_noted(out.notes)


def test_blackboard_csv_quotes_every_field(tmp_path):
    out = export("blackboard", blackboard_roster(tmp_path), comma_separated=True)
    head, rows = lms_readers.blackboard(out.text, delimiter=",")
    assert head[3] == OWN_HEADER["blackboard"] and rows["wng"][3] == "6"


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
    out = brightspace.gradebook(roster, columns_for(roster)[0])
    head, rows = lms_readers.brightspace(out.text)
    assert head == ["OrgDefinedId", "Username", OWN_HEADER["brightspace"], "End-of-Line Indicator"]
    assert sorted(rows) == sorted(s.sis for s in CLASS)
    for s in CLASS:
        assert rows[s.sis] == [f"#{s.sis}", f"#{s.login.strip()}", expected(s), "#"]
    assert "Jane" not in out.text and "@" not in out.text, "no names or emails"


def test_brightspace_username_only(tmp_path):
    out = export("brightspace", brightspace_roster(tmp_path, columns=("Username",)))
    head, rows = lms_readers.brightspace(out.text)
    assert head == ["Username", OWN_HEADER["brightspace"], "End-of-Line Indicator"] and rows["jsmith"][1] == "13"


# ------------------------------------------------------------------ the plain CSV and the matching

def test_plain_csv_per_problem_with_and_without_a_roster(tmp_path):
    roster = read_roster(canvas_roster(tmp_path))
    problems = {ASSIGNMENT.id: [p.id for p in ASSIGNMENT.problems]}
    rows = list(csv.DictReader(plain.gradebook(roster, columns_for(roster, "csv")[0]).text.splitlines()))
    assert [r["student"] for r in rows] == [s.canvas_id for s in CLASS]
    by_id = {r["student"]: r for r in rows}
    assert by_id["1002"]["total"] == "11.25" and by_id["1002"]["late penalty"] == "1.75"
    assert by_id["1003"]["sigmoid"] == "0.5" and by_id["1005"]["status"] == "missing"
    for r in rows:
        if r["status"] == "graded":
            assert sum(float(r[p]) for p in problems[ASSIGNMENT.id]) - float(r["late penalty"]) == float(r["total"])
    alone = [Column(ASSIGNMENT.id, TITLE, 13.0, {r.student_id: r for r in typed(RESULTS)},
                    problems=tuple(problems[ASSIGNMENT.id]))]
    rows = list(csv.DictReader(plain.gradebook(None, alone).text.splitlines()))
    assert {r["student"] for r in rows} == {r["student_id"] for r in RESULTS}


def test_results_graded_without_a_roster_are_filed_by_their_student_id(tmp_path):
    roster = read_roster(moodle_roster(tmp_path))
    bare = [{**r, "student_id": r["ids"]["login"].strip(), "ids": {}} for r in RESULTS]  # notebooks named by login
    filed, notes = file_results(roster, typed(bare), TITLE)
    assert {k: r.score for k, r in filed.items()} == {s.sis: r["score"] for s, r in zip(CLASS, RESULTS)}
    assert [n for n in notes if "pdrop" in n]


def test_a_submission_the_grading_roster_could_not_match_is_never_filed(tmp_path):
    """An unmatched result keeps the LMS's own id (here a Canvas ID that is some other row's SIS id)."""
    roster = read_roster(moodle_roster(tmp_path))
    stray = {**result(S("Lee", "Withdrew", "S1001", "", "", "", 13.0)), "ids": {}, "roster": "unmatched"}
    filed, notes = file_results(roster, typed([stray]), TITLE)
    assert filed == {} and any("matched no rostered student" in n for n in notes)
    filed, _ = file_results(roster, typed([{**stray, "roster": ""}]), TITLE)
    assert list(filed) == ["S1001"], "without the unmatched mark the same id would have been filed"


def test_a_result_that_fits_two_rows_or_two_results_for_one_row_stop_the_export(tmp_path):
    roster = read_roster(moodle_roster(tmp_path))
    mixed = {**RESULTS[0], "ids": {"institution_id": "S1001", "login": "wng"}}  # Smith's number, Ng's login
    with pytest.raises(ExportError, match="fits several roster rows"):
        file_results(roster, typed([mixed]), TITLE)
    twice = [RESULTS[0], {**RESULTS[0], "student_id": "1001-copy"}]
    with pytest.raises(ExportError, match="two results .* belong to Jane Smith"):
        file_results(roster, typed(twice), TITLE)


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


def test_the_command_line_names_each_folders_column_in_order_and_makes_one_only_when_told(tmp_path, capsys):
    """Two results folders, --column once each (Hangul, a colon, a comma, quotes), in order; the notes (which
    column was chosen) come before the file; without --column nothing matches and nothing is written;
    --new-column writes new columns and says what Blackboard does with them."""
    losses = catalogue.load("02_losses")
    first = results_folder(tmp_path / "sigmoid")
    second = tmp_path / "losses"
    (second / "results").mkdir(parents=True)
    for r in RESULTS:
        (second / "results" / f"{r['student_id']}.json").write_text(
            json.dumps({**r, "assignment": losses.id, "max_score": losses.max_score}, ensure_ascii=False), "utf-8")
    titles = ["과제 1: 시그모이드", 'HW 2, "losses"']
    roster_path = roster_of("blackboard", tmp_path, titles)
    to = tmp_path / "upload.xls"
    command = ["export", "--format", "blackboard", "--results", str(first), str(second), "--roster",
               str(roster_path), "--to", str(to)]
    assert cli.main(command + ["--column", titles[0], "--column", titles[1]]) == 0
    header, rows = lms_readers.blackboard(to.read_text(encoding="utf-8"))
    assert header[3:] == [decorated("blackboard", t, n) for n, t in enumerate(titles, 1)]
    assert rows["sobrien"][3:] == ["0.5", "0.5"]
    printed = capsys.readouterr().out
    assert printed.index("01_sigmoid -> the Blackboard column") < printed.index("gradebook for blackboard")
    to.unlink()
    assert cli.main(command) == 1
    assert "--column '과제 1: 시그모이드'" in capsys.readouterr().err and not to.exists()
    assert cli.main(command + ["--new-column"]) == 0
    assert lms_readers.blackboard(to.read_text(encoding="utf-8"))[0][3:] == \
        [f"{TITLE} [Total Pts: 13 Score]", f"{losses.title} [Total Pts: {losses.max_score:g} Score]"]
    assert " ".join(capsys.readouterr().out.split()).count("NEW TEXT column worth 0 points") == 2


# ------------------------------------------------------------------ the nbgrader export plugins

@pytest.fixture
def nbgrader_gradebook(tmp_path, monkeypatch):
    """A real nbgrader gradebook of 01_sigmoid and 02_losses: every student of the class (nbgrader id = login)
    submitted 01_sigmoid with full marks on its first problem only; nobody submitted 02_losses."""
    import sys
    from nbgrader.api import Gradebook
    monkeypatch.setenv("PATH", f"{Path(sys.executable).parent}:{__import__('os').environ['PATH']}")  # alembic
    url = f"sqlite:///{tmp_path}/gradebook.db"
    with Gradebook(url) as gb:
        for a in (ASSIGNMENT, catalogue.load("02_losses")):
            gb.add_assignment(a.id)
            gb.add_notebook(a.id, a.id)
            for p in a.problems:
                gb.add_grade_cell(f"test_{p.id}", a.id, a.id, max_score=p.points, cell_type="code")
        for s in CLASS:
            gb.add_student(s.login.strip(), first_name=s.first, last_name=s.last)
            for notebook in gb.add_submission(ASSIGNMENT.id, s.login.strip()).notebooks:
                for grade in notebook.grades:
                    grade.auto_score = grade.max_score if grade.name == f"test_{ASSIGNMENT.problems[0].id}" else 0
        gb.db.commit()
    return url


@pytest.mark.filterwarnings("ignore::Warning:nbgrader.api")
def test_the_nbgrader_plugins_find_or_are_told_the_column(nbgrader_gradebook, tmp_path, caplog):
    """--<Format>Export.columns, one per assignment, and --<Format>Export.new_column: the same rules."""
    from nbgrader.api import Gradebook
    from autograder.nbgrader_export import BlackboardExport

    first = number(ASSIGNMENT.problems[0].points)
    to = tmp_path / "upload.xls"
    plugin = BlackboardExport(to=str(to), roster=str(blackboard_roster(tmp_path)), assignment=[ASSIGNMENT.id])
    with Gradebook(nbgrader_gradebook) as gb:
        plugin.export(gb)
    header, rows = lms_readers.blackboard(to.read_text(encoding="utf-8"))
    assert header[3:] == [OWN_HEADER["blackboard"]] and rows["jsmith"][3] == first
    titles = ["과제 1: 시그모이드", 'HW 2, "losses"']
    named = BlackboardExport(to=str(to), roster=str(roster_of("blackboard", tmp_path, titles)), columns=titles)
    with Gradebook(nbgrader_gradebook) as gb:
        named.export(gb)
    header, rows = lms_readers.blackboard(to.read_text(encoding="utf-8"))
    assert header[3:] == [decorated("blackboard", t, n) for n, t in enumerate(titles, 1)]
    assert rows["jsmith"][3:] == [first, ""], "nothing handed in for 02_losses: blank"
    to.unlink()
    unnamed = BlackboardExport(to=str(to), roster=str(roster_of("blackboard", tmp_path, titles)))
    with Gradebook(nbgrader_gradebook) as gb, pytest.raises(SystemExit):
        unnamed.export(gb)
    assert "--column '과제 1: 시그모이드'" in caplog.text and not to.exists()
    made = BlackboardExport(to=str(to), roster=str(roster_of("blackboard", tmp_path, titles)), new_column=True,
                            assignment=[ASSIGNMENT.id])
    with Gradebook(nbgrader_gradebook) as gb:
        made.export(gb)
    assert lms_readers.blackboard(to.read_text(encoding="utf-8"))[0][3:] == [f"{TITLE} [Total Pts: 13 Score]"]
    assert "NEW TEXT column worth 0 points" in caplog.text
