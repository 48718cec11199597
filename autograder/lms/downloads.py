"""Read an LMS's "download all submissions" zip into one ``Submission`` per notebook.

Each LMS that has such a download says how it names each file (its ``DownloadRule``, in ``lms/systems/``, citing
the LMS's code); the rules are tried in their precedence, the more specific layout first.  A notebook that no
rule recognises is a plain zip's: its student id is its file name.

Notebooks are extracted into a folder of the output directory (never beside the zip), under names this module
makes, as plain files: nothing a member's name or attributes say is written anywhere else.  A member whose name
leads outside its folder (``../x.ipynb``, ``/x.ipynb``), that is a link or another special file, is encrypted,
would unpack to more than a notebook may be, or cannot be unpacked is not unpacked: its student's submission is
``refused``, with a message naming the member, and the rest of the zip is graded.  A zip that cannot be read, holds
more members than any class's download, or would unpack to more than ``MAX_ZIP_UNPACKED_BYTES`` (a compression
bomb) is refused as a whole; so is a zip that is no LMS's download and whose notebooks share a file name (every one
``01_sigmoid.ipynb``): the name says whose none of them is.
"""
from __future__ import annotations

import hashlib
import re
import stat
import zipfile
import zlib
from dataclasses import replace
from pathlib import Path, PurePosixPath

from autograder.lms.registry import all_lms
from autograder.messages import say
from autograder.submission import MAX_NOTEBOOK_BYTES, NoSubmissions, Submission, safe_id

MAX_ZIP_MEMBERS = 20_000  # a class's download holds a few files per student
MAX_ZIP_UNPACKED_BYTES = 4 * 1024**3  # every notebook of a zip together, unpacked
UNIX = 3  # ZipInfo.create_system of a zip made on Unix: its external_attr holds the file's mode


class UnknownZipLayout(NoSubmissions):
    """The zip is no LMS download and its file names cannot tell the students apart."""


class ZipRefused(NoSubmissions):
    """The zip as a whole is not unpacked: it cannot be read, or holds or unpacks to more than a download may."""


def is_lms_zip(path: Path) -> bool:
    return path.suffix.lower() == ".zip" and zipfile.is_zipfile(path)


def download_sources() -> frozenset[str]:
    """The ``Submission.source`` of submissions from an LMS's download (the LMSes that have one)."""
    return frozenset(lms.name for lms in all_lms() if lms.download)


def read_zip(path: Path, unpack_to: Path) -> list[Submission]:
    """Every notebook in an LMS's download, extracted under ``unpack_to``; other files are skipped."""
    rules = sorted((lms.download for lms in all_lms() if lms.download), key=lambda rule: rule.precedence)
    found: list[tuple[zipfile.ZipInfo, Submission]] = []
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as err:
        raise ZipRefused(f"{path.name} cannot be read as a zip ({err}); download it again from the LMS") from None
    with archive:
        members = archive.infolist()
        if len(members) > MAX_ZIP_MEMBERS:
            raise ZipRefused(f"{path.name} holds {len(members)} files, more than the {MAX_ZIP_MEMBERS} of any class's "
                             "download: it was not unpacked; is it the LMS's download of one assignment?")
        for info in members:
            member = info.filename
            if info.is_dir() or not member.lower().endswith(".ipynb") or "__MACOSX" in member:
                continue
            submission = next((s for rule in rules if (s := rule.submission(member)) is not None), None)
            if submission is None:  # a plain zip of notebooks: the student id is the file name
                submission = Submission(safe_id(Path(member).stem), Path(member), source="zip", original=member)
            found.append((info, replace(submission, refused=_refusal(info))))
        _refuse_repeated_plain_names(path, [s for _, s in found])
        unpacked = sum(info.file_size for info, s in found if not s.refused)
        if unpacked > MAX_ZIP_UNPACKED_BYTES:
            raise ZipRefused(f"{path.name} would unpack to {unpacked / 2**30:.1f} GB of notebooks, more than the "
                             f"{MAX_ZIP_UNPACKED_BYTES / 2**30:.0f} GB a class's download may (a compression bomb?): "
                             "it was not unpacked")
        folder = unpack_to / safe_id(path.stem)
        return [_extracted(archive, info, s, folder) for info, s in found]


def _refusal(info: zipfile.ZipInfo) -> str:
    """Why the member is not unpacked, or "" when it is."""
    member = info.filename
    if member.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", member) or ".." in re.split(r"[/\\]", member):
        return say("lms.downloads.outside", "the zip member {member} was not unpacked: its name leads outside the "
                   "folder it is unpacked into", member=member)
    kind = stat.S_IFMT(info.external_attr >> 16)
    if info.create_system == UNIX and kind and kind != stat.S_IFREG:
        return say("lms.downloads.not_a_file", "the zip member {member} was not unpacked: it is a symbolic link or "
                   "another special file, not a notebook file", member=member)
    if info.flag_bits & 0x1:
        return say("lms.downloads.encrypted", "the zip member {member} was not unpacked: it is encrypted",
                   member=member)
    if info.file_size > MAX_NOTEBOOK_BYTES:
        return say("lms.downloads.too_large", "the zip member {member} was not unpacked: it would be {mb:.0f} MB, "
                   "more than a notebook may be ({limit:.0f} MB); clear the outputs (Edit > Clear outputs) and "
                   "resubmit", member=member, mb=info.file_size / 2**20, limit=MAX_NOTEBOOK_BYTES / 2**20)
    return ""


def _layouts() -> str:
    """The downloads' layouts, as the refusal lists them: "a Canvas download (...) or a Moodle one (...)"."""
    described = [f"{lms.title} {'download' if n == 0 else 'one'} ({lms.download.layout})"
                 for n, lms in enumerate(lms for lms in all_lms() if lms.download)]
    return "a " + " or a ".join(described)


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
        f"zip is not laid out as {_layouts()}, so nothing says whose each is; "
        f"grade the LMS's download as it came, or unzip it and name each notebook <student id>.ipynb")


def _extracted(archive: zipfile.ZipFile, info: zipfile.ZipInfo, submission: Submission, folder: Path) -> Submission:
    """Write the member to ``folder`` under a name of our own (a hash of the member name); return the submission
    pointing at it.  A refused member, or one that cannot be unpacked, leaves nothing there."""
    folder.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(info.filename.encode("utf-8")).hexdigest()[:12]
    target = folder / f"{submission.student_id[:60]}-{digest}.ipynb"
    if not submission.refused:
        try:
            with archive.open(info) as source:
                data = source.read(MAX_NOTEBOOK_BYTES + 1)  # the declared size at most: zipfile stops there
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, OSError) as err:
            submission = replace(submission, refused=say(
                "lms.downloads.unreadable", "the zip member {member} could not be unpacked ({reason}); was the zip "
                "cut short or altered?", member=info.filename, reason=str(err)))
        else:
            if not target.exists() or target.read_bytes() != data:
                target.write_bytes(data)
            return replace(submission, path=target)
    target.unlink(missing_ok=True)  # unpacked by an earlier run: the refusal is of nothing on disk
    return replace(submission, path=target)
