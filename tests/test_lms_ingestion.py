"""LMS downloads and rosters, read as the LMS writes them: Canvas's and Moodle's zip names, nbgrader's timestamps,
Canvas's and Moodle's roster exports (commas, quotes, accents and Hangul in names, duplicate names), and which
submission counts when a student handed in several."""
from __future__ import annotations

import csv
import io
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import pytest

from autograder.lms.downloads import read_zip
from autograder.lms.roster import RosterError, match, read_roster
from autograder.submissions import discover

NB = '{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}'


def make_zip(path: Path, members: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return path


def canvas_roster(path: Path, rows: list[list[str]]) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "HW 5 (4321)"])
    writer.writerow(["    Points Possible", "", "", "", "", "13"])
    writer.writerows(rows)
    writer.writerow(["Student, Test", "999", "", "test_student", "Section A", ""])
    path.write_text("\ufeff" + buffer.getvalue(), encoding="utf-8")  # as Excel saves it: with a BOM
    return path


CANVAS_MEMBERS = {
    "smithjane_1001_5001_05_torch_logreg.ipynb": NB,
    "김민준_1002_5002_05_torch_logreg.ipynb": NB,
    "obrienseán_LATE_1003_5003_05_torch_logreg.ipynb": NB,
    "leejiwoo_1004_5004_05_torch_logreg.ipynb": NB,            # an earlier upload ...
    "leejiwoo_1004_5010_05_torch_logreg-1.ipynb": NB,          # ... and the resubmission: this one counts
    "leejiwoo_1004_5011_notes.pdf": "not a notebook",
    "anon_4Kx9p_5020_hw.ipynb": NB,
    "parkseoyeon_1099_5030_05_torch_logreg.ipynb": NB,         # not on the roster
    "../../escaped.ipynb": NB,
}


def test_canvas_names_late_markers_resubmissions_and_anonymous_work(tmp_path):
    found = {s.lms_id or s.student_id: s for s in
             discover([make_zip(tmp_path / "subs.zip", CANVAS_MEMBERS)], "05_torch_logreg", "05_torch_logreg.ipynb",
                      unpack_to=tmp_path / "out" / "submissions")}
    assert found["1001"].name == "smithjane" and found["1001"].source == "canvas" and not found["1001"].marked_late
    assert found["1002"].name == "김민준"
    assert found["1003"].marked_late and found["1003"].name == "obrienseán"
    assert found["1004"].handed_in == "05_torch_logreg-1.ipynb" and found["1004"].others == ("05_torch_logreg.ipynb",)
    assert found["anon_4Kx9p"].name == ""
    for s in found.values():
        assert (tmp_path / "out" / "submissions") in s.path.parents, "extracted inside the output folder only"
    assert not (tmp_path / "escaped.ipynb").exists() and not (tmp_path.parent / "escaped.ipynb").exists()


def test_moodle_folders_and_flat_prefixes(tmp_path):
    archive = make_zip(tmp_path / "moodle.zip", {
        "Jane Smith_301_assignsubmission_file_/05_torch_logreg.ipynb": NB,
        "김민준_302_assignsubmission_file_05_torch_logreg.ipynb": NB,
        "José Müller, Jr._303_assignsubmission_file_/work/05_torch_logreg.ipynb": NB,
        "Kim Lee_304_assignsubmission_file_/kim_123_456_hw.ipynb": NB})          # a file named like Canvas's
    found = {s.lms_id: s for s in read_zip(archive, tmp_path / "unpacked")}
    assert (found["301"].name, found["302"].name, found["303"].name) == ("Jane Smith", "김민준", "José Müller, Jr.")
    assert {s.source for s in found.values()} == {"moodle"} and found["304"].handed_in == "kim_123_456_hw.ipynb"


def test_a_canvas_zip_zipped_again_in_a_folder_is_still_canvas(tmp_path):
    archive = make_zip(tmp_path / "again.zip", {"submissions/smithjane_1001_5001_hw.ipynb": NB})
    (found,) = read_zip(archive, tmp_path / "unpacked")
    assert (found.source, found.lms_id, found.handed_in) == ("canvas", "1001", "hw.ipynb")


def test_nbgrader_timestamps(tmp_path):
    for student, stamp in [("alice", "2026-12-01 14:05:33.123456 UTC"), ("bob", "2026-12-02T01:00:00+09:00")]:
        folder = tmp_path / "submitted" / student / "01_sigmoid"
        folder.mkdir(parents=True)
        (folder / "01_sigmoid.ipynb").write_text(NB)
        (folder / "timestamp.txt").write_text(stamp)
    found = {s.student_id: s for s in discover([tmp_path / "submitted"], "01_sigmoid", "01_sigmoid.ipynb")}
    assert found["alice"].submitted_at == datetime(2026, 12, 1, 14, 5, 33, 123456, tzinfo=timezone.utc)
    assert found["bob"].submitted_at == datetime(2026, 12, 1, 16, 0, tzinfo=timezone.utc)


def test_a_canvas_roster_files_each_submission_and_lists_the_missing_and_unmatched(tmp_path):
    roster = read_roster(canvas_roster(tmp_path / "roster.csv", [
        ["Smith, Jane", "1001", "S1001", "jsmith", "Section A"],
        ["김, 민준", "1002", "S1002", "mkim", "Section B"],
        ["O'Brien, Seán \"Shaun\"", "1003", "S1003", "sobrien", "Section A"],
        ["Lee, Jiwoo", "1004", "S1004", "jlee", "Section C"],
        ["Kim, Minjun", "1005", "S1005", "mkim2", "Section C"],   # nobody's submission: missing
    ]))
    assert roster.kind == "canvas" and [e.key for e in roster.entries] == ["1001", "1002", "1003", "1004", "1005"]
    assert roster.entries[2].name == "O'Brien, Seán \"Shaun\"" and roster.entries[0].row["SIS Login ID"] == "jsmith"
    submissions = discover([make_zip(tmp_path / "subs.zip", CANVAS_MEMBERS)], "05_torch_logreg",
                           "05_torch_logreg.ipynb", unpack_to=tmp_path / "out")
    matching = match(roster, submissions)
    filed = {s.lms_id or s.student_id: s for s in matching.submissions}
    assert (filed["1002"].student_id, filed["1002"].name, filed["1002"].section) == ("1002", "김, 민준", "Section B")
    assert {k for k, s in filed.items() if s.roster == "matched"} == {"1001", "1002", "1003", "1004"}
    assert filed["1099"].roster == "unmatched" and "Canvas ID 1099" in filed["1099"].roster_note
    assert filed["anon_4Kx9p"].roster == "unmatched" and "anonymous" in filed["anon_4Kx9p"].roster_note
    assert [e.key for e in matching.missing] == ["1005"]


def test_a_moodle_roster_matches_by_full_name_and_refuses_to_guess_between_namesakes(tmp_path):
    path = tmp_path / "grades.csv"
    path.write_text('First name,Last name,ID number,Email address\n'
                    'Jane,Smith,20261001,jane@uni.example\n'
                    '민준,김,,minjun@uni.example\n'
                    'Alex,Park,20261003,alex1@uni.example\n'
                    'Alex,Park,20261004,alex2@uni.example\n', encoding="utf-8")
    roster = read_roster(path)
    assert roster.kind == "moodle" and [e.key for e in roster.entries][:2] == ["20261001", "minjun@uni.example"]
    archive = make_zip(tmp_path / "moodle.zip", {
        "jane  SMITH_301_assignsubmission_file_/hw.ipynb": NB,        # case and spacing differ: still Jane Smith
        "민준 김_302_assignsubmission_file_/hw.ipynb": NB,
        "Alex Park_303_assignsubmission_file_/hw.ipynb": NB})
    matching = match(roster, read_zip(archive, tmp_path / "unpacked"))
    filed = {s.lms_id: s for s in matching.submissions}
    assert filed["301"].student_id == "20261001" and filed["302"].student_id == "minjun@uni.example"
    assert filed["303"].roster == "unmatched" and "2 rostered students are called Alex Park" in filed["303"].roster_note
    assert sorted(e.key for e in matching.missing) == ["20261003", "20261004"]


def test_plain_files_match_any_of_the_roster_ids(tmp_path):
    roster = read_roster(canvas_roster(tmp_path / "roster.csv", [["Smith, Jane", "1001", "S1001", "jsmith", "A"]]))
    (tmp_path / "subs").mkdir()
    (tmp_path / "subs" / "jsmith.ipynb").write_text(NB)
    (filed,) = match(roster, discover([tmp_path / "subs"], "01_sigmoid", "01_sigmoid.ipynb")).submissions
    assert (filed.student_id, filed.roster) == ("1001", "matched")


def test_a_file_that_is_no_roster_is_refused_with_a_reason(tmp_path):
    (tmp_path / "r.csv").write_text("name,score\nJane,3\n")
    with pytest.raises(RosterError, match="not a gradebook export of Canvas .* Moodle .* Blackboard .* Brightspace"):
        read_roster(tmp_path / "r.csv")


def test_blackboard_and_brightspace_rosters_are_read_and_match_plain_files(tmp_path):
    """Blackboard's download is tab-delimited UTF-16 with a BOM; Brightspace's ids carry a '#'.  A notebook named
    by the student's username is filed under the roster's key (Username; OrgDefinedId)."""
    bb = tmp_path / "bb.xls"
    bb.write_text('"Last Name"\t"First Name"\t"Username"\t"Student ID"\n"김"\t"민준"\t"mkim"\t"2026001"\n'
                  '"Smith"\t""\t""\t"2026002"\n', encoding="utf-16")
    roster = read_roster(bb)
    assert (roster.kind, [e.key for e in roster.entries], roster.unidentified) == ("blackboard", ["mkim"], ("Smith",))
    assert roster.entries[0].ids == {"institution_id": "2026001", "login": "mkim"} and roster.entries[0].name == "민준 김"
    ds = tmp_path / "d2l.csv"
    ds.write_text("OrgDefinedId,Username,Last Name,First Name,Email,HW Points Grade,End-of-Line Indicator\n"
                  "#2026001,#mkim,김,민준,mkim@example.ac.kr,,#\n", encoding="utf-8")
    roster = read_roster(ds)
    assert (roster.kind, roster.entries[0].key, roster.entries[0].row["OrgDefinedId"]) == \
        ("brightspace", "#2026001", "#2026001")
    assert roster.entries[0].ids == {"institution_id": "2026001", "login": "mkim", "email": "mkim@example.ac.kr"}
    (tmp_path / "subs").mkdir()
    (tmp_path / "subs" / "mkim.ipynb").write_text(NB)
    (filed,) = match(roster, discover([tmp_path / "subs"], "01_sigmoid", "01_sigmoid.ipynb")).submissions
    assert (filed.roster, filed.name, dict(filed.ids)["institution_id"]) == ("matched", "민준 김", "2026001")


def test_a_canvas_export_with_semicolons_is_read(tmp_path):
    """Canvas exports with ';' for locales that write decimals with ','; names keep their commas."""
    path = tmp_path / "canvas.csv"
    path.write_text('Student;ID;SIS User ID;SIS Login ID;Section;HW (12)\n"Smith, Jane";1001;S1001;jsmith;A;"12,5"\n',
                    encoding="utf-8")
    roster = read_roster(path)
    assert (roster.kind, roster.header[-1]) == ("canvas", "HW (12)")
    assert [(e.key, e.name, e.ids["login"]) for e in roster.entries] == [("1001", "Smith, Jane", "jsmith")]
