"""The result store: ``out/results/<student_id>.json``, one file per student, each written atomically.

Nothing else in the kit reads or writes result files.  A run killed mid-write leaves a hidden ``.tmp`` file,
never half a result; the next run cleans it up and, through ``finished``, reuses every result whose notebook
and graders have not changed.
"""
from __future__ import annotations

import contextlib
import json
import os
import threading
from pathlib import Path

from autograder.results.records import Result

PROBE_BYTES = 16 * 1024  # about one result file


def write_atomically(path: Path, text: str) -> None:
    """Write to a temporary file, then rename: a reader never sees half a file.

    A write that fails (a full disk) removes its temporary file and raises the ``OSError`` naming ``path``.
    Text that is no valid Unicode (a lone surrogate from a student's cell or a file name) is written as its
    escape (``\\udcff``), which a JSON reader reads back as it was.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8", errors="backslashreplace") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except OSError as err:  # (a run killed mid-write leaves its temporary file to ``clean_leftovers``)
        _discard(tmp)
        raise OSError(err.errno, err.strerror, str(path)) from err


def _discard(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)


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

    def check_writable(self) -> None:
        """Raise the ``OSError`` now, before anything is graded, when no result could be written (the folder is
        read-only or its disk full)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        probe = self.folder / f".probe.{os.getpid()}.tmp"  # a leftover of a killed run: ``clean_leftovers``
        try:
            with open(probe, "wb") as f:
                f.write(bytes(PROBE_BYTES))
                f.flush()
                os.fsync(f.fileno())
        except OSError as err:  # a failed write names no file: name the folder
            raise OSError(err.errno, err.strerror, str(self.folder)) from err
        finally:
            _discard(probe)

    def clean_leftovers(self) -> None:
        """Remove the temporary files of writes cut short by a killed run."""
        for leftover in self.folder.glob(".*.tmp"):
            leftover.unlink(missing_ok=True)
