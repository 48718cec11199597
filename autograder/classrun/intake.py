"""Find the submissions to grade and the student each belongs to.

A SUBMISSION argument is a notebook (the student id is its file stem), a
folder of notebooks, an nbgrader ``submitted/`` tree
(``submitted/<student>/<assignment>/<notebook>.ipynb``: the student id is
the student folder, and ``timestamp.txt`` beside the notebook gives the
submission time), or an LMS download zip (see ``lms/downloads.py``).  When
a student handed in several notebooks, the latest counts (by submission
time, else by the LMS's upload order) and the others are named in the
result.  The record itself, ``Submission``, is ``submission.py``'s.
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

from autograder.lms.downloads import download_sources, is_lms_zip, read_zip
from autograder.submission import NoSubmissions, Submission, safe_id


def discover(paths: list[Path], assignment_id: str, notebook_name: str, unpack_to: Path | None = None) -> list[Submission]:
    """Every student's submission; ``unpack_to`` is where notebooks inside zips are extracted."""
    found: list[Submission] = []
    for path in paths:
        if path.is_file() and is_lms_zip(path):
            if unpack_to is None:
                raise NoSubmissions(f"{path} is a zip: give an output folder to unpack it into")
            found.extend(read_zip(path, unpack_to))
        elif path.is_file():
            found.append(Submission(safe_id(path.stem), path))
        elif path.is_dir():
            found.extend(_from_folder(path, assignment_id, notebook_name))
        else:
            raise NoSubmissions(f"{path} does not exist")
    if not found:
        raise NoSubmissions("no notebooks (*.ipynb) found in " + ", ".join(map(str, paths)))
    return _unique(_latest_per_student(found))


def _from_folder(folder: Path, assignment_id: str, notebook_name: str) -> list[Submission]:
    nbgrader_tree = sorted(folder.glob(f"*/{assignment_id}/{notebook_name}"))
    if nbgrader_tree:
        return [Submission(safe_id(nb.parent.parent.name), nb, submitted_at=nbgrader_timestamp(nb.parent),
                           source="nbgrader") for nb in nbgrader_tree]
    return [Submission(safe_id(nb.stem), nb) for nb in sorted(folder.glob("*.ipynb"))]


def nbgrader_timestamp(folder: Path) -> datetime | None:
    """The time in nbgrader's ``timestamp.txt`` ("2026-12-01 14:05:33.123456 UTC", or ISO 8601), as UTC."""
    try:
        text = (folder / "timestamp.txt").read_text(encoding="utf-8").strip()
    except OSError:
        return None
    text = re.sub(r"\s*(UTC|Z)$", "+00:00", text)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)


def _latest_per_student(submissions: list[Submission]) -> list[Submission]:
    """One submission per student of an LMS download: the latest; the rest are named in ``others``.

    Plain files keep one submission each (two alice.ipynb in two folders are two submissions, see ``_unique``).
    """
    groups: dict[tuple[str, str], list[Submission]] = {}
    for s in submissions:
        key = (s.source, s.lms_id or s.student_id) if s.source in download_sources() else (s.source, str(s.path))
        groups.setdefault(key, []).append(s)
    latest = []
    for group in groups.values():
        ordered = sorted(group, key=lambda s: (s.submitted_at or datetime.min.replace(tzinfo=timezone.utc), s.order,
                                               s.handed_in))
        newest = ordered[-1]
        latest.append(replace(newest, others=tuple(s.handed_in for s in ordered[:-1])) if len(ordered) > 1 else newest)
    return latest


def _unique(submissions: list[Submission]) -> list[Submission]:
    """Two files for one id (alice.ipynb in two folders) become alice and alice-2, never overwrite."""
    seen: dict[str, int] = {}
    unique = []
    for s in submissions:
        seen[s.student_id] = seen.get(s.student_id, 0) + 1
        n = seen[s.student_id]
        unique.append(s if n == 1 else replace(s, student_id=f"{s.student_id}-{n}"))
    return unique
