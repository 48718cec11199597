"""Read an LMS's "download all submissions" zip into one ``Submission`` per notebook.

Canvas (canvas-lms ``lib/content_zipper.rb``, ``get_filename`` and ``add_upload_submission``) names each file
``{sortable name}_[LATE_]{user id}_{attachment id}_{display name}``: the sortable name ("Smith, Jane") lower-cased
with every non-word character removed (``smithjane``; Hangul and accented letters are word characters and stay),
``LATE`` only for late work, ``anon_{id}`` in place of name and user id under anonymous grading, and ``-1``,
``-2`` before the extension when two files would get the same name.

Moodle (moodle ``mod/assign/classes/downloader.php``, ``get_student_prefix`` and
``load_submissionplugin_filelist``; before it ``assign::download_submissions`` in ``mod/assign/locallib.php``)
builds a prefix per student, ``clean_filename(str_replace('_', ' ', {Full Name}) . '_' . {participant id})``,
and writes the prefix
- in folders (the default since 3.1): today ``{prefix}_assignsubmission_file/{path in the submission}{file}``;
  from Moodle 3.1 until the ``downloader`` class (2022) the folder ended in an underscore,
  ``{prefix}_assignsubmission_file_/...``;
- flat ("download submissions in folders" off, and before 3.1): ``{prefix}_assignsubmission_file_{file}``.
Blind marking puts ``Participant`` (``get_string('participant', 'mod_assign')``) in place of the name; team
submissions use the group, ``{group}_{group id}`` today (``Default group`` without an id for students in no group)
and ``{group}-{Full Name}_{participant id}`` before it.  Online text goes under ``_assignsubmission_onlinetext``.
``clean_filename`` is ``clean_param(PARAM_FILE)`` (``lib/moodlelib.php``): it deletes control characters and
``& < > " ` | ' : \\ /`` and keeps everything else (Hangul, accents, commas, spaces); ``PARAM_PATH`` cleans each
folder of a path the same way.  As a name holds no ``_`` and the id is a number, the prefix splits exactly at its
last ``_``.  The participant id is the assignment's own number for the student, not a user id, so Moodle
submissions are matched to a roster by full name, cleaned as Moodle cleans it (``moodle_cleaned``); a group's
folder carries the group's name, which matches no student.

Notebooks are extracted into a folder of the output directory (never beside the zip), under names this module
makes, so a member called ``../../x.ipynb`` cannot write outside it; a member larger than a notebook may be is
cut at that size and then refused by the notebook reader with a message.  A zip that is neither download and
whose notebooks share a file name (every one ``01_sigmoid.ipynb``) is refused: the name says whose none of them is.
"""
from __future__ import annotations

import hashlib
import re
import zipfile
from dataclasses import replace
from pathlib import Path, PurePosixPath

from autograder.notebook import MAX_NOTEBOOK_BYTES
from autograder.submissions import NoSubmissions, Submission, safe_id

# The name's parts never start with a digit (Canvas turns "_12_" inside a name into "12") and are never the
# LATE or anon_ markers that may follow it.
CANVAS_NAME = re.compile(r"^(?:(?P<name>(?!LATE_|anon_)[^_]+(?:_(?!LATE_|anon_)[^_\d][^_]*)*)_)?(?P<late>LATE_)?"
                         r"(?P<user>anon_[^_]+|\d+)_(?P<attachment>\d+)_(?P<display>.+)$")
_PLUGIN = r"_assignsubmission_(?:file|onlinetext)"
MOODLE_FOLDER = re.compile(rf"^(?P<prefix>.+){_PLUGIN}_?$")            # today's folder, or 3.x's with its "_"
MOODLE_FLAT = re.compile(rf"^(?P<prefix>.+?){_PLUGIN}_(?P<display>.+)$")  # the prefix holds no "_assignsub..."
MOODLE_PREFIX = re.compile(r"^(?P<name>.+)_(?P<id>\d+)$")
MOODLE_BLIND = "Participant"
_MOODLE_UNSAFE = re.compile(r"[\x00-\x1f\x7f&<>\"`|':\\/]")


class UnknownZipLayout(NoSubmissions):
    """The zip is no LMS download and its file names cannot tell the students apart."""


def is_lms_zip(path: Path) -> bool:
    return path.suffix.lower() == ".zip" and zipfile.is_zipfile(path)


def moodle_cleaned(name: str) -> str:
    """A full name as Moodle writes it in a download (``_`` to a space, then ``clean_param(PARAM_FILE)``), so a
    roster's ``O'Brien`` can be compared with the folder's ``OBrien``."""
    return _MOODLE_UNSAFE.sub("", name.replace("_", " "))


def read_zip(path: Path, unpack_to: Path) -> list[Submission]:
    """Every notebook in a Canvas or Moodle download, extracted under ``unpack_to``; other files are skipped."""
    found: list[tuple[zipfile.ZipInfo, Submission]] = []
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            member = info.filename
            if info.is_dir() or not member.lower().endswith(".ipynb") or "__MACOSX" in member:
                continue
            submission = _moodle(member) or _canvas(member)  # Moodle's marker is the more specific
            if submission is None:  # a plain zip of notebooks: the student id is the file name
                submission = Submission(safe_id(Path(member).stem), Path(member), source="zip", original=member)
            found.append((info, submission))
        _refuse_repeated_plain_names(path, [s for _, s in found])
        folder = unpack_to / safe_id(path.stem)
        return [_extracted(archive, info, s, folder) for info, s in found]


def _canvas(member: str) -> Submission | None:
    match = CANVAS_NAME.match(Path(member).name)  # Canvas's zip is flat; a re-zipped one may add a folder
    if match is None:
        return None
    user = match["user"]
    return Submission(student_id=safe_id(user), path=Path(member), name=match["name"] or "",
                      marked_late=bool(match["late"]), source="canvas", original=match["display"],
                      lms_id=user, order=int(match["attachment"]))


def _moodle(member: str) -> Submission | None:
    """The student's folder is the first that carries Moodle's marker (a re-zipped download may add one above it);
    without such a folder, the file's own name may carry it (the flat layout)."""
    parts = PurePosixPath(member).parts
    for depth, folder in enumerate(parts[:-1]):
        match = MOODLE_FOLDER.match(folder)
        if match:
            return _moodle_submission(member, match["prefix"], "/".join(parts[depth + 1:]))
    match = MOODLE_FLAT.match(parts[-1])
    return _moodle_submission(member, match["prefix"], match["display"]) if match else None


def _moodle_submission(member: str, prefix: str, display: str) -> Submission:
    match = MOODLE_PREFIX.match(prefix)
    name, number = (match["name"], match["id"]) if match else (prefix, "")  # "Default group" has no id
    if name == MOODLE_BLIND and number:  # blind marking: the number is all Moodle says
        return Submission(student_id=safe_id(f"{MOODLE_BLIND}_{number}"), path=Path(member), source="moodle",
                          original=display, lms_id=number)
    return Submission(student_id=safe_id(prefix), path=Path(member), name=name, source="moodle", original=display,
                      lms_id=number)


def _refuse_repeated_plain_names(path: Path, submissions: list[Submission]) -> None:
    """Two notebooks of no known layout with one file name would be graded as one student twice (or as
    ``01_sigmoid`` and ``01_sigmoid-2``): refuse, naming what was seen and how to go on."""
    by_id: dict[str, list[str]] = {}
    for s in submissions:
        if s.source == "zip":
            by_id.setdefault(s.student_id, []).append(s.original)
    repeated = {sid: members for sid, members in by_id.items() if len(members) > 1}
    if not repeated:
        return
    sid, members = max(repeated.items(), key=lambda item: len(item[1]))
    seen = ", ".join(members[:3]) + (", ..." if len(members) > 3 else "")
    raise UnknownZipLayout(
        f"{path.name}: {len(members)} notebooks are all called {PurePosixPath(members[0]).name} ({seen}) and the "
        f"zip is not laid out as a Canvas download ({{name}}_{{user id}}_{{attachment id}}_{{file}}) or a Moodle "
        f"one ({{Full Name}}_{{participant id}}_assignsubmission_file/{{file}}), so nothing says whose each is; "
        f"grade the LMS's download as it came, or unzip it and name each notebook <student id>.ipynb")


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
