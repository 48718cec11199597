"""A synthetic Canvas course to try the grading night on: a roster export and a "Download Submissions" zip.

``autograder course ASSIGNMENT --students 300 -o DIR`` writes ``DIR/roster.csv`` (Canvas's gradebook export:
``Student, ID, SIS User ID, SIS Login ID, Section``, the course's two assignments and Canvas's computed columns,
a ``Points Possible`` row and Canvas's test student) and ``DIR/submissions.zip`` (files named as canvas-lms
``lib/content_zipper.rb`` names them, see ``lms/downloads.py``).  The class has Korean, accented and comma
names, namesakes and three sections; its students hand in the sample class's notebooks (``sample_class.py``):
correct, buggy, blank, broken and a few hostile ones, some late (Canvas's ``LATE`` marker), some twice (the
second upload gets ``-1``), some nothing at all, and two who dropped the course (not on the roster).  The same seed gives the same course.

Beside them, the same students as the other LMSs export them, to try ``autograder export`` on every format:
``moodle-grades.csv`` (ID number = Canvas's SIS User ID, Email address), ``blackboard-gradecenter.xls``
(Blackboard's tab-delimited UTF-16 download; Username = the SIS Login ID) and ``brightspace-grades.csv``
(``#``-prefixed OrgDefinedId and Username, the End-of-Line Indicator).

The course has two assignments, named the way instructors name them in the LMS (``lms_title``: "01 Sigmoid",
not the catalogue's "The sigmoid: logistic regression's true/false machine"): the one graded and the catalogue's
next one, so that the export has to find its column among several.
"""
from __future__ import annotations

import csv
import random
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from autograder import catalogue
from autograder.catalogue import Assignment
from autograder.lms.plugin import SampleItem
from autograder.lms.registry import all_lms
from autograder.samples.sample_class import notebook_for, sample_students

FAMILY = ["김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오"]
GIVEN = ["민준", "서연", "도윤", "지우", "하준", "서윤", "시우", "하은", "주원", "지민", "예준", "수아"]
WORLD = [("Müller", "José"), ("Nguyễn", "Thị Lan"), ("O'Brien", "Seán"), ("García Márquez", "Gabriel"),
         ("Smith", "Jane"), ("Dubois", "Zoë"), ("Øster", "Åsa"), ("Kowalski", "Łukasz"), ("D'Angelo", "Chiara"),
         ("Smith, Jr.", "John"), ("Ng", "Wai \"Ken\""), ("Al-Sayed", "Layla")]
SECTIONS = ["Section 01 (월)", "Section 02 (수)", "Section 03 (금)"]
# What the students do, and how often (the rest hand in a correct notebook).
MIX = [("buggy", 0.30), ("blank", 0.05), ("broken", 0.03), ("hostile", 0.01), ("missing", 0.05)]
LATE_SHARE, RESUBMIT_SHARE = 0.08, 0.06
# The first students of every course, so that even a small one has each case: (behaviour, late, resubmits).
FIRST = [("correct", False, False), ("buggy", False, False), ("missing", False, False), ("blank", False, False),
         ("correct", True, False), ("broken", False, False), ("correct", False, True), ("buggy", True, True)]
HOSTILE = ("grace", "hugo")   # an infinite loop in a function; a memory bomb and os._exit (jack's 30 s loop is left out)
BROKEN = ("kim", "leo", "iris", "mia", "noah")


@dataclass(frozen=True)
class CourseStudent:
    canvas_id: int
    name: str            # Canvas's sortable name, "Last, First"
    section: str
    behaviour: str       # correct, buggy, blank, broken, hostile, missing
    sample: str          # the sample student whose notebook they hand in
    late: bool
    resubmits: bool

    @property
    def sis_id(self) -> str:
        return f"2026{self.canvas_id % 100000:05d}"

    @property
    def login(self) -> str:
        return f"s{self.canvas_id}"

    @property
    def email(self) -> str:
        return f"{self.login}@example.ac.kr"

    @property
    def last_first(self) -> tuple[str, str]:
        last, _, first = self.name.rpartition(", ")
        return last, first


CANVAS_IDS = (40501, 40502)              # the two assignments' Canvas ids


def lms_title(assignment: Assignment) -> str:
    """The assignment as an instructor names it in the LMS: "01 Sigmoid" for ``01_sigmoid``."""
    number, _, rest = assignment.id.partition("_")
    return f"{number} {rest.replace('_', ' ').title()}"


def course_assignments(assignment: Assignment) -> list[Assignment]:
    """The course's two assignments: ``assignment`` and the catalogue's next one (the previous, for the last)."""
    ids = catalogue.all_ids()
    at = ids.index(assignment.id)
    return [assignment, catalogue.load(ids[at + 1] if at + 1 < len(ids) else ids[at - 1])]


def canvas_file_name(student: CourseStudent, attachment_id: int, display_name: str) -> str:
    """``{sortable name}_[LATE_]{user id}_{attachment id}_{display name}``: the name lower-cased, every non-word
    character removed (content_zipper.rb's sanitize_user_name and sanitize_file_name)."""
    name = re.sub(r"_(\d+)_", r"\1", student.name.lower())
    prefix = re.sub(r"[^\w]", "", "_".join([name] + (["LATE"] if student.late else []) + [str(student.canvas_id)]))
    return f"{prefix}_{attachment_id}_{display_name}"


def make_students(assignment: Assignment, count: int, seed: int = 2026) -> list[CourseStudent]:
    rng = random.Random(seed)
    samples = {s.id: s for s in sample_students(assignment.id)}
    buggy = [s for s in samples if s not in ("ada", "ben", "jack", *HOSTILE, *BROKEN)]
    names = [f"{f}, {g}" for f in FAMILY for g in GIVEN] + [f"{last}, {first}" for last, first in WORLD]
    rng.shuffle(names)
    students = []
    for i in range(count):
        name = names[i % len(names)] if i % 37 else names[(i + 1) % len(names)]   # a few namesakes
        roll, behaviour = rng.random(), "correct"
        for kind, share in MIX:
            if roll < share:
                behaviour = kind
                break
            roll -= share
        late = behaviour != "missing" and rng.random() < LATE_SHARE
        resubmits = behaviour not in ("missing", "broken") and rng.random() < RESUBMIT_SHARE
        if i < len(FIRST):
            behaviour, late, resubmits = FIRST[i]
        sample = {"correct": "ada", "blank": "ben", "missing": "ada", "buggy": rng.choice(buggy),
                  "broken": rng.choice(BROKEN), "hostile": rng.choice(HOSTILE)}[behaviour]
        students.append(CourseStudent(100001 + i, name, SECTIONS[i % 3], behaviour, sample, late, resubmits))
    return students


def write_canvas_course(assignment: Assignment, folder: Path, count: int = 300,
                        seed: int = 2026) -> tuple[Path, Path]:
    """Write ``roster.csv`` and ``submissions.zip`` for ``count`` students (plus two who are not on the roster)."""
    folder.mkdir(parents=True, exist_ok=True)
    students = make_students(assignment, count, seed)
    samples = {s.id: s for s in sample_students(assignment.id)}
    roster = folder / "roster.csv"
    course = course_assignments(assignment)
    computed = ["Current Score", "Unposted Current Score", "Final Score"]   # Canvas's read-only columns
    with open(roster, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
                        + [f"{lms_title(a)} ({i})" for a, i in zip(course, CANVAS_IDS)] + computed)
        writer.writerow(["    Points Possible", "", "", "", ""] + [f"{a.max_score:.2f}" for a in course]
                        + ["(read only)"] * len(computed))
        for s in students:
            writer.writerow([s.name, s.canvas_id, s.sis_id, s.login, s.section] + [""] * (len(course) + len(computed)))
        writer.writerow(["Student, Test", "999999", "", "test_student", SECTIONS[0]]
                        + [""] * (len(course) + len(computed)))
    write_lms_rosters(assignment, folder, students)
    dropped = [CourseStudent(900001 + i, name, "", "correct", "ada", False, False)
               for i, name in enumerate(["Park, Dropped", "Lee, Withdrew"])]
    texts_by_sample = {name: notebook_for(sample, assignment) for name, sample in samples.items()}
    first_try = "chloe" if "chloe" in samples else "ben"   # a resubmission replaces a buggy first upload
    archive = folder / "submissions.zip"
    attachment = 7_000_000
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for s in students + dropped:
            if s.behaviour == "missing":
                continue
            texts = ([texts_by_sample[first_try]] if s.resubmits else []) + [texts_by_sample[s.sample]]
            for n, text in enumerate(texts):
                attachment += 1
                display = assignment.notebook if n == 0 else assignment.notebook.replace(".ipynb", f"-{n}.ipynb")
                zf.writestr(canvas_file_name(s, attachment, display), text)
    return archive, roster


def write_lms_rosters(assignment: Assignment, folder: Path, students: list[CourseStudent]) -> dict[str, Path]:
    """The course's gradebook as every other LMS exports it (each LMS's ``sample_roster``), by LMS name."""
    items = [SampleItem(lms_title(a), a.max_score) for a in course_assignments(assignment)]
    paths = {}
    for lms in all_lms():
        if lms.sample_roster:
            paths[lms.name] = folder / lms.sample_roster.file_name
            lms.sample_roster.write(paths[lms.name], students, items)
    return paths
