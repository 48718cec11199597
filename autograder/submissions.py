"""Find the submissions to grade and the student each belongs to.

A SUBMISSION argument is a notebook (the student id is its file stem), a
folder of notebooks, or an nbgrader ``submitted/`` tree
(``submitted/<student>/<assignment>/<notebook>.ipynb``: the student id is
the student folder).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Submission:
    student_id: str
    path: Path


class NoSubmissions(ValueError):
    pass


def safe_id(name: str) -> str:
    """A student id that is safe as a file name in the output folder."""
    cleaned = re.sub(r"[^\w.@-]+", "_", name).strip("._") or "student"  # \w keeps Korean names whole
    return cleaned[:120]


def discover(paths: list[Path], assignment_id: str, notebook_name: str) -> list[Submission]:
    found: list[Submission] = []
    for path in paths:
        if path.is_file():
            found.append(Submission(safe_id(path.stem), path))
        elif path.is_dir():
            found.extend(_from_folder(path, assignment_id, notebook_name))
        else:
            raise NoSubmissions(f"{path} does not exist")
    if not found:
        raise NoSubmissions("no notebooks (*.ipynb) found in " + ", ".join(map(str, paths)))
    return _unique(found)


def _from_folder(folder: Path, assignment_id: str, notebook_name: str) -> list[Submission]:
    nbgrader_tree = sorted(folder.glob(f"*/{assignment_id}/{notebook_name}"))
    if nbgrader_tree:
        return [Submission(safe_id(nb.parent.parent.name), nb) for nb in nbgrader_tree]
    return [Submission(safe_id(nb.stem), nb) for nb in sorted(folder.glob("*.ipynb"))]


def _unique(submissions: list[Submission]) -> list[Submission]:
    """Two files for one id (alice.ipynb in two folders) become alice and alice-2, never overwrite."""
    seen: dict[str, int] = {}
    unique = []
    for s in submissions:
        seen[s.student_id] = seen.get(s.student_id, 0) + 1
        n = seen[s.student_id]
        unique.append(s if n == 1 else Submission(f"{s.student_id}-{n}", s.path))
    return unique
