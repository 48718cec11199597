"""Read an LMS's "download all submissions" zip into one ``Submission`` per notebook.

Canvas (canvas-lms ``lib/content_zipper.rb``, ``get_filename`` and ``add_upload_submission``) names each file
``{sortable name}_[LATE_]{user id}_{attachment id}_{display name}``: the sortable name ("Smith, Jane") lower-cased
with every non-word character removed (``smithjane``; Hangul and accented letters are word characters and stay),
``LATE`` only for late work, ``anon_{id}`` in place of name and user id under anonymous grading, and ``-1``,
``-2`` before the extension when two files would get the same name.

Moodle (``mod/assign`` "Download all submissions") puts each student's files in a folder
``{Full Name}_{participant id}_assignsubmission_file_/{file}``, or, with "download submissions in folders" off,
prefixes each file with the same ``{Full Name}_{participant id}_assignsubmission_file_``.  The participant id
is the assignment's own number for the student, not a user id, so Moodle submissions are matched to a roster by
full name.

Notebooks are extracted into a folder of the output directory (never beside the zip), under names this module
makes, so a member called ``../../x.ipynb`` cannot write outside it; a member larger than a notebook may be is
cut at that size and then refused by the notebook reader with a message.
"""
from __future__ import annotations

import hashlib
import re
import zipfile
from dataclasses import replace
from pathlib import Path

from autograder.notebook import MAX_NOTEBOOK_BYTES
from autograder.submissions import Submission, safe_id

# The name's parts never start with a digit (Canvas turns "_12_" inside a name into "12") and are never the
# LATE or anon_ markers that may follow it.
CANVAS_NAME = re.compile(r"^(?:(?P<name>(?!LATE_|anon_)[^_]+(?:_(?!LATE_|anon_)[^_\d][^_]*)*)_)?(?P<late>LATE_)?"
                         r"(?P<user>anon_[^_]+|\d+)_(?P<attachment>\d+)_(?P<display>.+)$")
MOODLE_NAME = re.compile(r"^(?P<name>.+)_(?P<participant>\d+)_assignsubmission_file_/?(?P<display>.+)$")


def is_lms_zip(path: Path) -> bool:
    return path.suffix.lower() == ".zip" and zipfile.is_zipfile(path)


def read_zip(path: Path, unpack_to: Path) -> list[Submission]:
    """Every notebook in a Canvas or Moodle download, extracted under ``unpack_to``; other files are skipped."""
    submissions = []
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            member = info.filename
            if info.is_dir() or not member.lower().endswith(".ipynb") or "__MACOSX" in member:
                continue
            submission = _moodle(member) or _canvas(member)  # Moodle's marker is the more specific
            if submission is None:  # a plain zip of notebooks: the student id is the file name
                submission = Submission(safe_id(Path(member).stem), Path(member), source="zip", original=member)
            submissions.append(_extracted(archive, info, submission, unpack_to / safe_id(path.stem)))
    return submissions


def _canvas(member: str) -> Submission | None:
    match = CANVAS_NAME.match(Path(member).name)  # Canvas's zip is flat; a re-zipped one may add a folder
    if match is None:
        return None
    user = match["user"]
    return Submission(student_id=safe_id(user), path=Path(member), name=match["name"] or "",
                      marked_late=bool(match["late"]), source="canvas", original=match["display"],
                      lms_id=user, order=int(match["attachment"]))


def _moodle(member: str) -> Submission | None:
    match = MOODLE_NAME.match(member)
    if match is None:
        return None
    return Submission(student_id=safe_id(f"{match['name']}_{match['participant']}"), path=Path(member),
                      name=match["name"], source="moodle", original=match["display"], lms_id=match["participant"])


def _extracted(archive: zipfile.ZipFile, info: zipfile.ZipInfo, submission: Submission, folder: Path) -> Submission:
    """Write the member to ``folder`` under a name of our own (a hash of the member name); return the submission
    pointing at it."""
    folder.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(info.filename.encode("utf-8")).hexdigest()[:12]
    target = folder / f"{submission.student_id[:60]}-{digest}.ipynb"
    with archive.open(info) as source:
        data = source.read(MAX_NOTEBOOK_BYTES + 1)
    if not target.exists() or target.read_bytes() != data:
        target.write_bytes(data)
    return replace(submission, path=target)
