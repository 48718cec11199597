"""One submission to grade, and the student id it is filed under: the record that submission discovery
(``classrun/intake.py``), the LMS readers (``lms/``), the class run and the late policy all pass around, and
the size above which a file is no notebook the kit takes.

It sits below all of them (it imports nothing of the kit), so an LMS reader can build one and discovery can call
an LMS reader without either importing the other's caller.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

MAX_NOTEBOOK_BYTES = 50 * 1024 * 1024  # a notebook's outputs cleared, no student's is near this


@dataclass(frozen=True)
class Submission:
    student_id: str
    path: Path                         # the file the sandbox reads (extracted from a zip, if it came in one)
    name: str = ""                     # the student's name as the source gives it (Canvas: its sortable name)
    submitted_at: datetime | None = None
    marked_late: bool = False          # Canvas's LATE marker, when nothing else says when it came in
    source: str = "file"               # file, nbgrader, zip, or the LMS whose download it came in (canvas, moodle)
    original: str = ""                 # the file's own name, as the student handed it in
    lms_id: str = ""                   # the LMS's number for the student (Canvas user id, Moodle participant id)
    order: int = 0                     # the LMS's upload order (Canvas attachment id): later is larger
    others: tuple[str, ...] = ()       # other notebooks the student handed in, not graded
    section: str = ""                  # from the roster
    roster: str = ""                   # "matched" or "unmatched" when a roster was given
    roster_note: str = ""              # why an unmatched submission matched no one
    ids: tuple[tuple[str, str], ...] = ()   # the rostered student's ids by kind (lms/roster.py), for the export
    refused: str = ""                  # why the file was not taken (a zip member not unpacked): not graded

    @property
    def handed_in(self) -> str:
        """The file graded, as the student knows it."""
        return self.original or self.path.name


class NoSubmissions(ValueError):
    """Nothing to grade was found, or a submission cannot be read as given; the message says why."""


def safe_id(name: str) -> str:
    """A student id that is safe as a file name in the output folder."""
    cleaned = re.sub(r"[^\w.@-]+", "_", name).strip("._") or "student"  # \w keeps Korean names whole
    return cleaned[:120]
