"""``autograder gradescope ASSIGNMENT --to FILE.zip``: the zip Gradescope takes as an assignment's autograder.

At its root (https://gradescope-autograders.readthedocs.io/en/latest/specs/): ``setup.sh``, an executable
``run_autograder`` and ``gradescope.json`` (the assignment and the hidden tests' visibility); beside them what
grading needs and nothing more: the ``autograder`` package with only this assignment's grader,
``pyproject.toml``, the catalogue entry, the reference solution and the assignment's data files.  No other
assignment's graders or solutions (a bundle can be downloaded by every course staff member), no tests, no
``__pycache__``.  The bytes depend only on the files, not on when it was built.
"""
from __future__ import annotations

import os
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console

from autograder import catalogue
from autograder.gradescope import scripts
from autograder.gradescope.config import BundleConfig
from autograder.gradescope.layout import CONFIG_NAME
from autograder.grading.prepared import Grading

PACKAGE = catalogue.ROOT / "autograder"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest a zip can say: the same files give the same zip
EXECUTABLE = 0o755
SKIPPED_PARTS = {"__pycache__", ".ipynb_checkpoints", ".pytest_cache"}
# What the package is made of (pyproject.toml: the autograder packages and the reports' templates), so a stray
# file in a working tree (notes, an editor's backup) never travels in a bundle.
KIT_SUFFIXES = {".py", ".j2"}


@dataclass(frozen=True)
class Bundle:
    path: Path
    members: list[str]
    config: BundleConfig


def kit_files(assignment: catalogue.Assignment, lang: str = "en") -> dict[str, Path]:
    """Archive name -> file: the kit's source that grading this assignment needs, and the templates of ``lang``
    (the kit's and the assignment's own: messages, test descriptions, titles)."""
    others = {a for a in catalogue.all_ids() if a != assignment.id}
    files = {}
    for path in sorted(PACKAGE.rglob("*")):
        relative = path.relative_to(catalogue.ROOT)
        if not path.is_file() or SKIPPED_PARTS & set(relative.parts) or path.suffix not in KIT_SUFFIXES:
            continue
        if path.stem.removeprefix("test_") in others:
            continue  # another assignment's own file (its hidden tests, its sample mistakes)
        files[relative.as_posix()] = path
    folder = assignment.source_notebook.parent
    extra = [catalogue.ROOT / "pyproject.toml", assignment.catalogue_file,
             assignment.solution, assignment.grader, *(folder / f for f in assignment.data_files)]
    if lang != "en":
        extra += [*sorted((PACKAGE / "messages" / lang).glob("*.toml")),
                  catalogue.ROOT / "assignments" / lang / f"{assignment.id}.toml"]
    files.update({p.relative_to(catalogue.ROOT).as_posix(): p for p in extra})
    return dict(sorted(files.items()))


def _add(archive: zipfile.ZipFile, name: str, data: bytes, mode: int = 0o644) -> None:
    info = zipfile.ZipInfo(name, ZIP_TIME)
    info.external_attr = (stat.S_IFREG | mode) << 16  # Unix permissions: run_autograder must stay executable
    info.compress_type = zipfile.ZIP_DEFLATED
    archive.writestr(info, data)


def build(assignment_id: str, to: Path, visibility: str, lang: str | None = None) -> Bundle:
    """Write the bundle to ``to`` (atomically), its results in ``lang`` (default: the course's language); raises
    KeyError for an unknown assignment."""
    assignment = catalogue.load(assignment_id)
    grading = Grading.prepare(assignment)  # graders and catalogue agree, or no bundle
    config = BundleConfig(assignment.id, visibility, grading.version, lang or catalogue.course_language())
    to = Path(to)
    to.parent.mkdir(parents=True, exist_ok=True)
    partial = to.with_name(f".{to.name}.{os.getpid()}.tmp")
    try:
        with zipfile.ZipFile(partial, "w") as archive:
            _add(archive, "setup.sh", scripts.setup_sh(catalogue.ROOT / "pyproject.toml").encode(), EXECUTABLE)
            _add(archive, "run_autograder", scripts.run_autograder().encode(), EXECUTABLE)
            _add(archive, CONFIG_NAME, config.to_json().encode())
            for name, path in kit_files(assignment, config.lang).items():
                _add(archive, name, path.read_bytes())
            members = archive.namelist()
        os.replace(partial, to)
    finally:
        partial.unlink(missing_ok=True)
    return Bundle(to, members, config)


def build_command(console: Console, assignment_id: str, to: Path, visibility: str, lang: str | None = None) -> Bundle:
    """The CLI's ``gradescope`` subcommand: build, then say what to do with it."""
    bundle = build(assignment_id, to, visibility, lang)
    assignment = catalogue.load(assignment_id)
    console.print(f"Gradescope autograder for {assignment.id}: {bundle.path} ({len(bundle.members)} files, "
                  f"{bundle.path.stat().st_size / 1024:.0f} KiB); hidden tests visible: {visibility}.", markup=False)
    console.print(f"Upload it as the autograder of a programming assignment worth {assignment.max_score:g} points; "
                  f"students upload {assignment.notebook}.", markup=False)
    return bundle
