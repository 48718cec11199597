"""The result store: ``out/results/<student_id>.json``, one file per student, each written atomically.

Nothing else in the kit reads or writes result files.  A run killed mid-write leaves a hidden ``.tmp`` file,
never half a result; the next run cleans it up and, through ``finished``, reuses every result whose notebook
and graders have not changed.
"""
from __future__ import annotations

import json
import os
import threading
from pathlib import Path

from autograder.results.records import Result


def write_atomically(path: Path, text: str) -> None:
    """Write to a temporary file, then rename: a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


class ResultStore:
    """The results of one grading folder ``out``."""

    def __init__(self, out: Path) -> None:
        self.folder = Path(out) / "results"

    def path(self, student_id: str) -> Path:
        return self.folder / f"{student_id}.json"  # an id may hold dots: no with_suffix

    def write(self, result: Result) -> None:
        write_atomically(self.path(result.student_id), json.dumps(result.to_json(), indent=1, ensure_ascii=False))

    def read(self, student_id: str) -> Result | None:
        """The student's result, or None when there is none or it cannot be read."""
        try:
            return Result.from_json(json.loads(self.path(student_id).read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def read_all(self) -> list[Result]:
        """Every readable result, in student order."""
        return [r for p in sorted(self.folder.glob("*.json")) if (r := self.read(p.stem)) is not None]

    def finished(self, student_id: str, notebook_digest: str, grader_version: str) -> Result | None:
        """A result from an earlier run that still holds: the same notebook, graded by the same graders."""
        old = self.read(student_id)
        if old is not None and old.submission_sha256 == notebook_digest and old.grader_version == grader_version:
            return old
        return None

    def clean_leftovers(self) -> None:
        """Remove the temporary files of writes cut short by a killed run."""
        for leftover in self.folder.glob(".*.tmp"):
            leftover.unlink(missing_ok=True)
