"""Read an LMS's "download all submissions" zip into one ``Submission`` per notebook.

Each LMS that has such a download says how it names each file (its ``DownloadRule``, in ``lms/systems/``, citing
the LMS's code); the rules are tried in their precedence, the more specific layout first.  A notebook that no
rule recognises is a plain zip's: its student id is its file name.

Notebooks are extracted into a folder of the output directory (never beside the zip), under names this module
makes, so a member called ``../../x.ipynb`` cannot write outside it; a member larger than a notebook may be is
cut at that size and then refused by the notebook reader with a message.  A zip that is no LMS's download and
whose notebooks share a file name (every one ``01_sigmoid.ipynb``) is refused: the name says whose none of them is.
"""
from __future__ import annotations

import hashlib
import zipfile
from dataclasses import replace
from pathlib import Path, PurePosixPath

from autograder.submission import MAX_NOTEBOOK_BYTES
from autograder.lms.registry import all_lms
from autograder.submission import NoSubmissions, Submission, safe_id


class UnknownZipLayout(NoSubmissions):
    """The zip is no LMS download and its file names cannot tell the students apart."""


def is_lms_zip(path: Path) -> bool:
    return path.suffix.lower() == ".zip" and zipfile.is_zipfile(path)


def download_sources() -> frozenset[str]:
    """The ``Submission.source`` of submissions from an LMS's download (the LMSes that have one)."""
    return frozenset(lms.name for lms in all_lms() if lms.download)


def read_zip(path: Path, unpack_to: Path) -> list[Submission]:
    """Every notebook in an LMS's download, extracted under ``unpack_to``; other files are skipped."""
    rules = sorted((lms.download for lms in all_lms() if lms.download), key=lambda rule: rule.precedence)
    found: list[tuple[zipfile.ZipInfo, Submission]] = []
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            member = info.filename
            if info.is_dir() or not member.lower().endswith(".ipynb") or "__MACOSX" in member:
                continue
            submission = next((s for rule in rules if (s := rule.submission(member)) is not None), None)
            if submission is None:  # a plain zip of notebooks: the student id is the file name
                submission = Submission(safe_id(Path(member).stem), Path(member), source="zip", original=member)
            found.append((info, submission))
        _refuse_repeated_plain_names(path, [s for _, s in found])
        folder = unpack_to / safe_id(path.stem)
        return [_extracted(archive, info, s, folder) for info, s in found]


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
    pointing at it."""
    folder.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(info.filename.encode("utf-8")).hexdigest()[:12]
    target = folder / f"{submission.student_id[:60]}-{digest}.ipynb"
    with archive.open(info) as source:
        data = source.read(MAX_NOTEBOOK_BYTES + 1)
    if not target.exists() or target.read_bytes() != data:
        target.write_bytes(data)
    return replace(submission, path=target)
