"""LMS downloads and rosters, read as the LMS writes them: Canvas's and Moodle's zip names (every layout Moodle's
"Download all submissions" writes, built here as Moodle's PHP builds it), nbgrader's timestamps, Canvas's and
Moodle's roster exports (commas, quotes, accents and Hangul in names, duplicate names), which submission counts
when a student handed in several, and the zip whose file names say whose nothing is."""
from __future__ import annotations

import csv
import io
import re
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import pytest

from autograder import cli
from autograder.classrun.intake import discover
from autograder.lms.downloads import UnknownZipLayout, read_zip
from autograder.lms.matching import match
from autograder.lms.registry import read_roster
from autograder.lms.roster import RosterError
from autograder.lms.systems.moodle import moodle_cleaned

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


# --- Moodle's "Download all submissions", named as moodle's PHP names it -----------------------------------------
# clean_filename($s) = clean_param($s, PARAM_FILE) (lib/moodlelib.php): control characters and & < > " ` | ' : \ /
# are deleted, nothing else; PARAM_PATH applies it to each folder of a path, then collapses "//".

def php_clean_filename(text: str) -> str:
    text = re.sub(r"[\x00-\x1f\x7f]|[&<>\"`|':\\/]", "", text)
    return "" if text in (".", "..") else text


def php_clean_path(path: str) -> str:
    crumbs = [c if (c == "." and i == 0) else php_clean_filename(c)
              for i, c in enumerate(path.replace("\\", "/").split("/"))]
    return re.sub(r"/(\./)+", "/", re.sub(r"//+", "/", "/".join(crumbs)))


def moodle_prefix(who: str, number: int | None = None) -> str:
    """downloader::get_student_prefix (assign::download_submissions, before it, builds the same): ``_`` becomes a
    space, then ``_{participant id}`` (``_{group id}`` for a team; none for "Default group")."""
    return php_clean_filename(who.replace("_", " ") + ("" if number is None else f"_{number}"))


def moodle_member(prefix: str, filepath: str, filename: str, layout: str, plugin: str = "file") -> str:
    """downloader::load_submissionplugin_filelist ("folders"), locallib.php's download_submissions from 3.1 until
    the downloader class ("folders_3x"); "flat" is "download submissions in folders" off (and Moodle before 3.1)."""
    if layout == "flat":  # get_files(exportfullpath=false) gives the bare file name
        return php_clean_filename(f"{prefix}_assignsubmission_{plugin}_{filename}")
    folder = php_clean_filename(f"{prefix}_assignsubmission_{plugin}" + ("_" if layout == "folders_3x" else ""))
    return php_clean_path(folder + (filepath if plugin == "file" else "/") + filename)


# (participant id, first name, last name): Moodle's English fullname() is "{firstname} {lastname}"
MOODLE_CLASS = [(301, "Jane", "Smith"), (302, "민준", "김"), (303, 'Seán "Shaun"', "O'Brien"),
                (304, "José", "Müller, Jr."), (305, "Anne_Marie", "Dupont"), (306, "Alex", "Park"),
                (307, "Alex", "Park"), (308, "Tom", "Ng 2"), (309, "R&D <Lee>", "Kim: 3")]


def moodle_download(path: Path, layout: str) -> Path:
    members = {}
    for number, first, last in MOODLE_CLASS:
        prefix = moodle_prefix(f"{first} {last}", number)
        members[moodle_member(prefix, "/", "01_sigmoid.ipynb", layout)] = NB
        members[moodle_member(prefix, "/", "onlinetext.html", layout, plugin="onlinetext")] = "<p>see the notebook</p>"
        if number == 304 and layout != "flat":  # a file in a folder of the submission keeps its path
            members[moodle_member(prefix, "/work/", "draft.ipynb", layout)] = NB
    return make_zip(path, members)


@pytest.mark.parametrize("layout", ["folders", "folders_3x", "flat"])
def test_every_moodle_layout_keeps_every_student(tmp_path, layout):
    archive = moodle_download(tmp_path / "moodle.zip", layout)
    names = zipfile.ZipFile(archive).namelist()
    assert {"folders": "Jane Smith_301_assignsubmission_file/01_sigmoid.ipynb",
            "folders_3x": "Jane Smith_301_assignsubmission_file_/01_sigmoid.ipynb",
            "flat": "Jane Smith_301_assignsubmission_file_01_sigmoid.ipynb"}[layout] in names
    assert any(n.startswith("Seán Shaun OBrien_303_") for n in names)       # Moodle deleted the quotes
    found = discover([archive], "01_sigmoid", "01_sigmoid.ipynb", unpack_to=tmp_path / "out")
    kept = {(s.name, s.lms_id) for s in found}
    assert kept == {(php_clean_filename(f"{first} {last}".replace("_", " ")), str(number))
                    for number, first, last in MOODLE_CLASS}
    assert len({s.student_id for s in found}) == len(MOODLE_CLASS) == len(found)  # the two Alex Parks stay two
    assert {s.source for s in found} == {"moodle"} and "01_sigmoid" not in {s.student_id for s in found}
    by_id = {s.lms_id: s for s in found}
    assert (by_id["302"].name, by_id["303"].name, by_id["308"].name) == ("민준 김", "Seán Shaun OBrien", "Tom Ng 2")
    if layout != "flat":  # two notebooks for one student: one is graded, the other named
        assert {by_id["304"].handed_in, *by_id["304"].others} == {"01_sigmoid.ipynb", "work/draft.ipynb"}


def test_moodle_blind_marking_and_team_submissions(tmp_path):
    archive = make_zip(tmp_path / "moodle.zip", {
        moodle_member(moodle_prefix("Participant", 1201), "/", "01_sigmoid.ipynb", "folders"): NB,
        moodle_member(moodle_prefix("Participant", 1202), "/", "01_sigmoid.ipynb", "flat"): NB,
        moodle_member(moodle_prefix("팀_가", 17), "/", "01_sigmoid.ipynb", "folders"): NB,      # {group}_{id}
        moodle_member(moodle_prefix("Default group"), "/", "01_sigmoid.ipynb", "folders"): NB,
        moodle_member(moodle_prefix("Team B-Jane Smith", 301), "/", "01_sigmoid.ipynb", "folders_3x"): NB})
    found = {s.student_id: s for s in read_zip(archive, tmp_path / "out")}
    assert set(found) == {"Participant_1201", "Participant_1202", "팀_가_17", "Default_group",
                          "Team_B-Jane_Smith_301"}
    assert (found["Participant_1201"].name, found["Participant_1201"].lms_id) == ("", "1201")  # nobody's name
    assert (found["팀_가_17"].name, found["팀_가_17"].lms_id) == ("팀 가", "17")
    assert (found["Default_group"].name, found["Default_group"].lms_id) == ("Default group", "")
    assert {s.source for s in found.values()} == {"moodle"}


def test_moodle_cleans_names_as_moodle_does():
    assert moodle_cleaned("O'Brien, Seán \"Shaun\"") == "OBrien, Seán Shaun"
    assert moodle_cleaned("Anne_Marie R&D <Lee>: a/b\\c|d`e\t") == "Anne Marie RD Lee abcde"
    assert moodle_cleaned("김민준, 한예준") == "김민준, 한예준"


def test_a_moodle_roster_matches_names_moodle_cleaned(tmp_path):
    path = tmp_path / "participants.csv"
    path.write_text('First name,Last name,ID number,Email address\n'
                    '"Seán ""Shaun""",O\'Brien,20261003,sean@uni.example\n'
                    'Anne_Marie,Dupont,20261005,anne@uni.example\n', encoding="utf-8")
    matching = match(read_roster(path), discover([moodle_download(tmp_path / "m.zip", "folders")], "01_sigmoid",
                                                 "01_sigmoid.ipynb", unpack_to=tmp_path / "out"))
    filed = {s.lms_id: s for s in matching.submissions}
    assert (filed["303"].student_id, filed["305"].student_id) == ("20261003", "20261005")


def test_a_zip_whose_notebooks_share_one_name_is_refused(tmp_path, capsys):
    archive = make_zip(tmp_path / "renamed.zip", {f"{who}/01_sigmoid.ipynb": NB for who in ("a", "b", "c", "d")})
    with pytest.raises(UnknownZipLayout, match=r"4 notebooks are all called 01_sigmoid.ipynb \(a/01_sigmoid.ipynb, "
                                               r"b/01_sigmoid.ipynb, c/01_sigmoid.ipynb, \.\.\.\).*Moodle"):
        discover([archive], "01_sigmoid", "01_sigmoid.ipynb", unpack_to=tmp_path / "out")
    out = tmp_path / "graded"
    assert cli.main(["grade", str(archive), "-a", "01_sigmoid", "-o", str(out)]) == 1
    assert "are all called 01_sigmoid.ipynb" in capsys.readouterr().err
    assert not (out / "results").exists() or not any((out / "results").iterdir())
    plain = make_zip(tmp_path / "plain.zip", {"alice.ipynb": NB, "sub/bob.ipynb": NB})   # one name each: fine
    assert sorted(s.student_id for s in read_zip(plain, tmp_path / "out")) == ["alice", "bob"]


def test_a_blind_marked_moodle_submission_is_unmatched_and_says_why(tmp_path):
    from autograder.submission import Submission
    path = tmp_path / "participants.csv"
    path.write_text("First name,Last name,ID number,Email address\n예준,한,20261001,yejun@uni.example\n",
                    encoding="utf-8")
    hidden = Submission("Participant_1201", tmp_path / "x.ipynb", name="", source="moodle", lms_id="1201")
    (filed,) = match(read_roster(path), [hidden]).submissions
    assert filed.roster == "unmatched" and "blind marking: Moodle calls this student Participant 1201" in filed.roster_note
