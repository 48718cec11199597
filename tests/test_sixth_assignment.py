"""A new assignment is its own files: a copy of 02_losses under the id 06_copy, in a course of its own, is released,
graded by ``autograder grade`` and by stock ``nbgrader autograde`` with equal scores, and has a sample class, with
no table anywhere naming it, and without touching a file of the repository.

The copy holds exactly the files named after an assignment (its catalogue entry, source notebook, solution,
grader and mistakes file, with the id replaced) and what any course has (``nbgrader_config.py``);
``AUTOGRADER_COURSE`` points the kit at it, as an instructor would for a course kept outside the repository.
"""
from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest

from autograder import catalogue, cli
from autograder.nbgrader import course as nbgrader_course
from autograder.samples.sample_class import notebook_for, sample_students

pytestmark = pytest.mark.slow

ORIGINAL, COPY = "02_losses", "06_copy"
# What an nbgrader run, a release or a leak of the copy would write in the repository.
COURSE_PARTS = ["assignments", "source", "release", "solutions", "autograder/graders", "autograder/samples",
                "nbgrader_config.py", "gradebook.db", "submitted", "autograded", "feedback"]


def copy_assignment(course: Path) -> None:
    """The files named after ``ORIGINAL``, renamed, its id replaced inside; and the course's nbgrader config."""
    original = catalogue.load(ORIGINAL)
    files = {original.catalogue_file: f"assignments/{COPY}.toml",
             original.solution: f"solutions/{COPY}.py",
             original.grader: f"autograder/graders/test_{COPY}.py",
             original.mistakes: f"autograder/samples/mistakes/{COPY}.py",
             original.source_notebook: f"source/{COPY}/{COPY}.ipynb"}
    files.update({original.source_notebook.parent / f: f"source/{COPY}/{f}" for f in original.data_files})
    for source, name in files.items():
        target = course / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(source.read_text(encoding="utf-8").replace(ORIGINAL, COPY), encoding="utf-8")
    shutil.copyfile(catalogue.ROOT / "nbgrader_config.py", course / "nbgrader_config.py")


def _not_ignored(root: Path, names: list[str]) -> list[str]:
    """The names git does not ignore: caches other test files write at the top level while this one runs
    (pytest's, lint-imports') are not the repository's."""
    ignored = subprocess.run(["git", "-C", str(root), "check-ignore", "--stdin"], input="\n".join(names),
                             capture_output=True, text=True)
    return [n for n in names if n not in set(ignored.stdout.split())]


def snapshot(root: Path) -> dict[str, str]:
    """A hash of every file of the repository an assignment's course is made of, and its top-level names."""
    hashes = {"top-level": " ".join(sorted(_not_ignored(root, [p.name for p in root.iterdir()])))}
    for part in COURSE_PARTS:
        path = root / part
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file()) if path.exists() else []
        for f in files:
            if "__pycache__" not in f.parts:
                hashes[f.relative_to(root).as_posix()] = hashlib.sha256(f.read_bytes()).hexdigest()
    return hashes


def test_a_copied_assignment_is_released_graded_and_autograded_in_its_own_course(tmp_path, monkeypatch):
    before = snapshot(catalogue.ROOT)
    course = tmp_path / "course"
    copy_assignment(course)
    monkeypatch.setenv(catalogue.COURSE_VARIABLE, str(course))

    assert catalogue.all_ids() == [COPY]
    assignment = catalogue.load(COPY)
    assert assignment.root == course.resolve()
    assert assignment.max_score == catalogue.load(ORIGINAL, catalogue.ROOT).max_score

    # release: nbgrader's generate_assignment, in the copied course
    assert cli.main(["release", COPY]) == 0
    released = nbformat.read(assignment.release_notebook, as_version=4)
    assert ORIGINAL not in assignment.release_notebook.read_text(encoding="utf-8")
    assert any("raise NotImplementedError()" in c.source for c in released.cells)

    # the sample class comes from the copy's mistakes file: no table names the new id
    by_id = {s.id: s for s in sample_students(COPY)}
    assert {"ada", "ben", "chloe", "dev"} <= set(by_id) and by_id["chloe"].mistakes
    folder = tmp_path / "notebooks"
    folder.mkdir()
    notebooks = {}
    for student in ["ada", "ben", "chloe", "dev"]:
        notebooks[student] = folder / f"{student}.ipynb"
        notebooks[student].write_text(notebook_for(by_id[student], assignment), encoding="utf-8")

    # autograder grade, through the command line
    out = tmp_path / "graded"
    assert cli.main(["grade", str(folder), "-a", COPY, "-o", str(out), "--jobs", "2"]) == 0
    results = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in (out / "results").glob("*.json")}
    assert sorted(results) == sorted(notebooks)
    assert results["ada"]["score"] == assignment.max_score
    assert results["ben"]["score"] == 0
    assert 0 < results["chloe"]["score"] < assignment.max_score

    # stock nbgrader autograde: the hidden test cells find the copy's catalogue entry in the kernel
    nb_scores = nbgrader_course.autograde(COPY, notebooks, tmp_path / "nbgrader")
    for student in notebooks:
        ours = {p.id: results[student]["problems"][p.id]["score"] for p in assignment.problems}
        theirs = {p.id: nb_scores[student]["grades"][f"test_{p.id}"] for p in assignment.problems}
        assert ours == theirs, student

    monkeypatch.delenv(catalogue.COURSE_VARIABLE)
    assert COPY not in catalogue.all_ids()
    after = snapshot(catalogue.ROOT)
    assert [k for k in sorted(before.keys() | after.keys()) if before.get(k) != after.get(k)] == []
