"""The instructor's grading night, end to end through the command line: a Canvas zip and its roster, the late
policy, missing and unmatched students, reruns that regrade nothing finished, --student and --regrade, and a
fingerprint that a report change does not move."""
from __future__ import annotations

import csv
import json
import zipfile
from pathlib import Path

import pytest

from autograder import catalogue, cli
from autograder.grading.prepared import scoring_files
from autograder.results import Result, ResultStore
from autograder.samples.sample_class import notebook_for, sample_students

pytestmark = pytest.mark.slow

ASSIGNMENT = catalogue.load("01_sigmoid")
ROSTER = [["Smith, Jane", "1001", "S1001", "jsmith", "Section A"],
          ["김, 민준", "1002", "S1002", "mkim", "Section B"],
          ["O'Brien, Seán \"Shaun\"", "1003", "S1003", "sobrien", "Section A"],
          ["Kim, Minjun", "1005", "S1005", "mkim2", "Section C"]]   # hands in nothing


def student(student_id: str) -> str:
    (s,) = [s for s in sample_students(ASSIGNMENT.id) if s.id == student_id]
    return notebook_for(s, ASSIGNMENT)


@pytest.fixture(scope="module")
def night(tmp_path_factory):
    folder = tmp_path_factory.mktemp("night")
    with zipfile.ZipFile(folder / "submissions.zip", "w") as archive:
        archive.writestr("smithjane_1001_5001_01_sigmoid.ipynb", student("ada"))
        archive.writestr("김민준_LATE_1002_5002_01_sigmoid.ipynb", student("ada"))
        archive.writestr("obrienseánshaun_1003_5003_01_sigmoid.ipynb", student("ada"))       # first upload ...
        archive.writestr("obrienseánshaun_1003_5009_01_sigmoid-1.ipynb", student("chloe"))   # ... the one that counts
        archive.writestr("parkseoyeon_1099_5010_01_sigmoid.ipynb", student("ben"))           # not on the roster
    with open(folder / "roster.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["Student", "ID", "SIS User ID", "SIS Login ID", "Section"])
        writer.writerow(["    Points Possible", "", "", "", ""])
        writer.writerows(ROSTER)
    return folder


def grade(night: Path, out: Path, *extra: str) -> int:
    return cli.main(["grade", str(night / "submissions.zip"), "-a", ASSIGNMENT.id, "-o", str(out), "--jobs", "2",
                     "--roster", str(night / "roster.csv"), "--late-penalty", "10%/day", *extra])


def results(out: Path) -> dict[str, Result]:
    return {r.student_id: r for r in ResultStore(out).read_all()}


def test_a_canvas_zip_with_its_roster(night, tmp_path):
    out = tmp_path / "graded"
    assert grade(night, out) == 0
    found = results(out)
    assert sorted(found) == ["1001", "1002", "1003", "1005", "1099"]
    assert found["1001"].score == ASSIGNMENT.max_score and found["1001"].name == "Smith, Jane"
    assert found["1002"].late and found["1002"].late_penalty == pytest.approx(1.3)
    assert found["1002"].score == pytest.approx(ASSIGNMENT.max_score - 1.3)
    assert found["1003"].submitted_file == "01_sigmoid-1.ipynb" and found["1003"].other_files == ["01_sigmoid.ipynb"]
    assert found["1003"].score < ASSIGNMENT.max_score, "chloe's resubmission is the one graded"
    assert found["1005"].status == "missing" and found["1005"].score == 0
    assert found["1099"].roster == "unmatched" and found["1099"].status == "graded"
    rows = {r["student_id"]: r for r in csv.DictReader((out / "grades.csv").open(encoding="utf-8", newline=""))}
    assert rows["1003"]["name"] == "O'Brien, Seán \"Shaun\"" and rows["1002"]["name"] == "김, 민준"
    assert float(rows["1002"]["late_penalty"]) == pytest.approx(1.3)
    feedback = (out / "feedback" / "1002.md").read_text(encoding="utf-8")
    assert "김민준" in feedback and "김, 민준" not in feedback and "Late" in feedback and "one day's penalty" in feedback
    assert "`01_sigmoid.ipynb`" in (out / "feedback" / "1003.md").read_text(encoding="utf-8")


def test_reruns_regrade_nothing_finished_but_apply_a_new_policy(night, tmp_path):
    out = tmp_path / "graded"
    assert grade(night, out) == 0
    before = {k: r.graded_at for k, r in results(out).items() if r.status != "missing"}
    versions = {r.grader_version for r in results(out).values()} - {None}
    assert grade(night, out, "--late-penalty", "20%/day") == 0    # a new policy: penalties change, grading does not
    again = results(out)
    assert {k: r.graded_at for k, r in again.items() if r.status != "missing"} == before
    assert again["1002"].late_penalty == pytest.approx(2.6)
    assert grade(night, out, "--student", "1001") == 0             # only this one is graded again
    third = results(out)
    assert third["1001"].graded_at >= before["1001"] and third["1002"].graded_at == before["1002"]
    assert sorted(third) == sorted(again), "the other results are kept"
    assert {r.grader_version for r in third.values()} - {None} == versions


def test_the_fingerprint_covers_what_can_change_a_score_only():
    files = {p.relative_to(catalogue.ROOT).as_posix() for p in scoring_files(catalogue.load("05_torch_logreg"))}
    for needed in ("assignments/05_torch_logreg.toml", "solutions/05_torch_logreg.py",
                   "autograder/graders/test_05_torch_logreg.py", "source/05_torch_logreg/data/credit_train.csv",
                   "autograder/checks/values.py", "autograder/sandbox/zygote.py", "autograder/grading/one.py",
                   "autograder/graders/datasets.py"):
        assert needed in files, needed
    for left_out in ("autograder/reports/grades_csv.py", "autograder/reports/feedback.py", "autograder/cli.py", "autograder/classrun/late.py",
                     "autograder/classrun/schedule.py", "autograder/classrun/identity.py",
                     "autograder/lms/roster.py", "autograder/graders/test_01_sigmoid.py"):
        assert left_out not in files, left_out


@pytest.mark.parametrize("how", ["SIGKILL of the process group", "SIGTERM"])
def test_killing_a_run_loses_no_finished_result_and_the_rerun_grades_only_the_rest(tmp_path, how):
    """Killed halfway: every result written is whole, and the same command again reuses each of them and grades
    only what is missing.  SIGTERM ends the run like Ctrl-C, with a message and exit code 130."""
    import os
    import signal
    import subprocess
    import sys
    import time

    folder = tmp_path / "class"
    folder.mkdir()
    notebooks = {name: student(name) for name in ("ada", "ben", "chloe", "dev")}
    for i in range(24):
        name = list(notebooks)[i % 4]
        (folder / f"{name}-{i:02d}.ipynb").write_text(notebooks[name], encoding="utf-8")
    out = tmp_path / "graded"
    command = [sys.executable, "-m", "autograder.cli", "grade", str(folder), "-a", ASSIGNMENT.id, "-o", str(out),
               "--jobs", "2"]
    run = subprocess.Popen(command, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                           text=True)
    deadline = time.monotonic() + 120
    while len(list((out / "results").glob("*.json"))) < 6 and time.monotonic() < deadline and run.poll() is None:
        time.sleep(0.05)
    if how == "SIGTERM":
        run.terminate()
        assert run.wait(timeout=60) == 130 and "finished results are kept" in run.stderr.read()
    else:
        os.killpg(run.pid, signal.SIGKILL)
        run.wait()
    finished = {p.stem: json.loads(p.read_text(encoding="utf-8"))["graded_at"] for p in (out / "results").glob("*.json")}
    assert 6 <= len(finished) < 24, f"the kill came too late to test anything: {len(finished)} results"

    assert cli.main(command[3:]) == 0
    after = results(out)
    assert len(after) == 24 and not list((out / "results").glob(".*.tmp"))
    assert {k: after[k].graded_at for k in finished} == finished, "a finished result was graded again"


def test_a_synthetic_canvas_course_graded_with_its_roster(tmp_path):
    """The course generator's zip and roster, as an instructor gets them: every rostered student has a result
    (graded, not gradable or missing), the two who dropped the course are unmatched, and grades.csv, the feedback
    and the report list them all."""
    from autograder.samples.synthetic_course import make_students, write_canvas_course

    archive, roster = write_canvas_course(ASSIGNMENT, tmp_path / "course", count=16)  # the first 8 cover every case
    students = make_students(ASSIGNMENT, 16)
    out = tmp_path / "graded"
    assert cli.main(["grade", str(archive), "-a", ASSIGNMENT.id, "--roster", str(roster), "-o", str(out),
                     "--jobs", "2", "--due", "2026-12-01T23:59+09:00", "--late-penalty", "10%/day"]) == 0
    found = results(out)
    rostered = {str(s.canvas_id): s for s in students}
    assert {"missing", "blank", "broken", "buggy"} <= {s.behaviour for s in students}
    assert any(s.late for s in students) and any(s.resubmits for s in students)
    assert set(found) == set(rostered) | {"900001", "900002"}
    assert {k for k, r in found.items() if r.status == "missing"} == \
        {k for k, s in rostered.items() if s.behaviour == "missing"}
    assert {k for k, r in found.items() if r.roster == "unmatched"} == {"900001", "900002"}
    assert {k for k, r in found.items() if r.late} == {k for k, s in rostered.items() if s.late}
    assert {k for k, r in found.items() if r.other_files} == {k for k, s in rostered.items() if s.resubmits}
    assert all(found[k].name == s.name for k, s in rostered.items())
    for k, s in rostered.items():  # a resubmission's second upload is the student's own notebook, so it counts
        if s.behaviour == "correct":
            assert found[k].raw_score == ASSIGNMENT.max_score, k
    rows = list(csv.DictReader((out / "grades.csv").open(encoding="utf-8", newline="")))
    assert len(rows) == len(found) and {r["name"] for r in rows} >= {s.name for s in students}
    report = (out / "report.html").read_text(encoding="utf-8")
    for k, s in rostered.items():
        assert (out / "feedback" / f"{k}.html").exists()
        if s.behaviour == "missing":
            assert k in report
    assert "no rostered student has the Canvas ID 900001" in report


def test_the_synthetic_course_exports_to_every_lms(tmp_path, capsys):
    """The night's last step, for each LMS: the course graded with its Canvas roster, exported with each LMS's own
    roster of the same students, read back by that LMS's reader: every rostered student with their score (blank
    for those who handed in nothing), the two who dropped listed, nothing else.  The course's LMS names its two
    assignments "01 Sigmoid" and "02 Losses": the scores go into the first, under the roster's own header."""
    import lms_readers
    from autograder.lms.gradebook_file import number
    from autograder.samples.synthetic_course import lms_title, make_students, write_canvas_course

    archive, roster = write_canvas_course(ASSIGNMENT, tmp_path / "course", count=12)
    students = make_students(ASSIGNMENT, 12)
    out = tmp_path / "graded"
    assert cli.main(["grade", str(archive), "-a", ASSIGNMENT.id, "--roster", str(roster), "-o", str(out),
                     "--jobs", "2"]) == 0
    found = results(out)
    want = {s.canvas_id: "" if s.behaviour == "missing" else number(found[str(s.canvas_id)].score)
            for s in students}
    assert "" in want.values() and len(set(want.values())) > 2
    title = lms_title(ASSIGNMENT)
    assert title == "01 Sigmoid" != ASSIGNMENT.title
    own = {"canvas": f"{title} (40501)", "moodle": f"Assignment: {title} (Real)",
           "blackboard": f"{title} [Total Pts: 13 Score] |1281892",
           "brightspace": f"{title} Points Grade <Numeric MaxPoints:13 Weight:20>", "csv": ""}
    formats = {"canvas": ("roster.csv", lms_readers.canvas, 5, lambda s: str(s.canvas_id)),
               "moodle": ("moodle-grades.csv", lms_readers.moodle, 1, lambda s: s.sis_id),
               "blackboard": ("blackboard-gradecenter.xls", lms_readers.blackboard, 3, lambda s: s.login),
               "brightspace": ("brightspace-grades.csv", lms_readers.brightspace, 2, lambda s: s.sis_id),
               "csv": ("roster.csv", lambda t: (None, {r[0]: r for r in csv.reader(t.splitlines()[1:])}),
                       3 + len(ASSIGNMENT.problems), lambda s: str(s.canvas_id))}
    for fmt, (roster_name, read, column, key) in formats.items():
        to = tmp_path / f"{fmt}-upload"
        assert cli.main(["export", "--format", fmt, "--results", str(out), "--roster",
                         str(tmp_path / "course" / roster_name), "--to", str(to)]) == 0, fmt
        header, rows = read(to.read_text(encoding="utf-8"))
        assert header is None or header[column] == own[fmt], fmt
        assert len(rows) == len(students), fmt
        assert {s.canvas_id: rows[key(s)][column] for s in students} == want, fmt
        printed = capsys.readouterr().out
        assert "900001" in printed and "900002" in printed and "matched no rostered student" in printed, fmt
        assert fmt == "csv" or "01_sigmoid -> the" in printed, fmt
