"""Generate the student notebooks in ``release/`` from ``source/`` with nbgrader.

``release(id)`` is what ``autograder release`` runs; ``generate_into(id, dest)``
produces the same files in a directory of your choice, so a test can compare
them with the committed release and catch a stale one.

Both call nbgrader 0.9.6's own ``GenerateAssignment`` converter in-process,
which is exactly what ``nbgrader generate_assignment <id> --force`` does from
the repository root, minus the command line:

* the configuration is read from the course's ``nbgrader_config.py`` only (the
  repository's, or that of the course ``AUTOGRADER_COURSE`` names; never from
  ``~/.jupyter`` or the working directory), so every machine makes the same release;
* ``force`` replaces an existing ``release/<id>/`` instead of skipping it
  (without it nbgrader keeps a release whenever it already exists);
* ``create_assignment`` adds the assignment to the gradebook when it is not
  there yet (the default in 0.9.6; the old ``--create`` flag is a no-op), and
  nbgrader's SaveCells step records every grade/solution/locked cell in it,
  hidden tests included: ``nbgrader autograde`` later restores those cells
  from the gradebook, so the gradebook must be updated whenever the release is;
* a new gradebook is stamped with its schema version by running the
  ``alembic`` *executable found on PATH* (nbgrader.api.get_alembic_version):
  without it the tables are created, then the stamp fails and a half-made
  ``gradebook.db`` is left behind.  ``.venv/bin`` is not on PATH when you run
  ``.venv/bin/autograder``, so the interpreter's own bin directory is put in
  front of PATH for the duration of the call.

The output depends only on the source notebook and the configuration: nbgrader
strips outputs, replaces solutions with the code stub, removes hidden tests
and writes checksums computed from the cell contents; the source notebook's
cell ids are fixed strings, so nothing random or time-dependent is written.
"""
from __future__ import annotations

import contextlib
import io
import json
import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path

from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader

from autograder import catalogue
from autograder.editions.translation import edition, write_notebook
from autograder.notebook_cells import check_helpers_source


class ReleaseError(RuntimeError):
    """nbgrader could not generate the release; the message carries nbgrader's log."""


def load_config(course: Path) -> Config:
    """The nbgrader configuration of the course in ``course`` (its ``nbgrader_config.py``), and nothing else."""
    return PyFileConfigLoader("nbgrader_config.py", path=str(course)).load_config()


def release(assignment_id: str, lang: str = "en") -> Path:
    """Regenerate the release of ``assignment_id`` in ``lang`` from its source; return the release directory.

    English: ``source/<id>/`` -> ``release/<id>/``, and the assignment is created or updated in the course
    gradebook (``gradebook.db`` at the course root: the repository's, by default), which ``nbgrader
    autograde`` needs.  Another language: the edition of the source (``autograder.editions``) ->
    ``release/<lang>/<id>/``, with its own gradebook ``gradebook.<lang>.db`` (autograde restores the locked
    and test cells from the gradebook, and those differ between editions); the edition's source is kept in
    ``source/<lang>/<id>/`` for stock nbgrader.
    """
    assignment = catalogue.load(assignment_id)
    refresh_check_helpers(assignment.source_notebook)
    if lang == "en":
        _generate_assignment(assignment, course_root=assignment.root, db_path=assignment.root / "gradebook.db")
    else:
        generate_into(assignment_id, assignment.edition_notebook(lang).parent, lang,
                      db_path=assignment.root / f"gradebook.{lang}.db")
        write_edition_source(assignment, lang)
    return assignment.edition_notebook(lang).parent


def edition_source(assignment: catalogue.Assignment, lang: str) -> Path:
    """Where the edition's source notebook is kept for stock nbgrader: ``source/<lang>/<id>/``."""
    return assignment.root / "source" / lang / assignment.id / assignment.notebook


def write_edition_source(assignment: catalogue.Assignment, lang: str) -> Path:
    """The edition's source notebook (hidden tests and all) and the data files, in ``source/<lang>/<id>/``, so
    stock ``nbgrader generate_assignment`` works in a course taught in ``lang`` (``nbgrader_config.py``)."""
    path = edition_source(assignment, lang)
    if path.parent.exists():
        shutil.rmtree(path.parent)
    write_notebook(edition(assignment, lang), path)
    assignment.copy_data_files(path.parent)
    return path


def refresh_check_helpers(path: Path) -> bool:
    """Copy the shared check-helpers cell into a source notebook if it differs; True if it changed.

    The notebook is rewritten the way Jupyter and nbformat write it (indent 1, UTF-8, final newline).
    """
    notebook = json.loads(path.read_text(encoding="utf-8"))
    wanted = check_helpers_source()
    for cell in notebook["cells"]:
        if cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") == "check_helpers":
            if "".join(cell["source"]) == wanted:
                return False
            cell["source"] = wanted.splitlines(keepends=True)
            path.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
            return True
    raise ValueError(f"{path.name} has no check-helpers cell (grade id check_helpers)")


def generate_into(assignment_id: str, dest_dir: Path | str, lang: str = "en", db_path: Path | None = None) -> Path:
    """Generate the release of ``assignment_id`` in ``lang`` into ``dest_dir``; return the release notebook there.

    ``dest_dir`` receives what ``release/<assignment_id>/`` (or ``release/<lang>/<assignment_id>/``) would
    contain.  nbgrader runs in a throwaway course directory (a copy of ``source/<assignment_id>/``, its
    notebook in ``lang``), with its own gradebook unless ``db_path`` names one, so neither the repository nor
    its gradebook is touched.
    """
    assignment = catalogue.load(assignment_id)
    dest_dir = Path(dest_dir)
    with tempfile.TemporaryDirectory(prefix=f"release-{assignment.id}-") as tmp:
        course = Path(tmp)
        shutil.copytree(assignment.source_notebook.parent, course / "source" / assignment.id)
        if lang != "en":
            write_notebook(edition(assignment, lang), course / "source" / assignment.id / assignment.notebook)
        _generate_assignment(assignment, course_root=course, db_path=db_path or course / "gradebook.db")
        if dest_dir.exists():
            shutil.rmtree(dest_dir)  # a file the source no longer has must not linger
        shutil.copytree(course / "release" / assignment.id, dest_dir)
    return dest_dir / assignment.notebook


def _generate_assignment(assignment: catalogue.Assignment, course_root: Path, db_path: Path) -> None:
    """Run nbgrader's GenerateAssignment for ``assignment``, with its course's configuration, in ``course_root``."""
    # Imported here: nbgrader is heavy (jupyter_server, sqlalchemy) and only releasing needs it.
    from nbgrader.converters import GenerateAssignment
    from nbgrader.coursedir import CourseDirectory

    config = load_config(assignment.root)
    config.CourseDirectory.root = str(course_root)
    config.CourseDirectory.db_url = f"sqlite:///{db_path}"
    config.CourseDirectory.assignment_id = assignment.id
    # release/<id>/ of ``course_root``, whatever the course's language points nbgrader at: an edition is made
    # in a throwaway course and copied into release/<lang>/ (``generate_into``)
    config.CourseDirectory.release_directory = "release"

    # nbgrader logs what it does at INFO and the traceback of a failure at ERROR;
    # keep all of it for the error message instead of printing it.
    buffer = io.StringIO()
    log = logging.getLogger(f"autograder.nbgrader.release.{id(buffer)}")
    log.propagate = False
    log.setLevel(logging.INFO)
    handler = logging.StreamHandler(buffer)
    handler.setFormatter(logging.Formatter("[%(levelname)s] %(message)s"))
    log.addHandler(handler)
    try:
        coursedir = CourseDirectory(config=config, log=log)
        converter = GenerateAssignment(coursedir=coursedir, config=config, log=log)
        converter.force = True              # replace an existing release instead of skipping it
        converter.create_assignment = True  # add the assignment to the gradebook if it is new
        try:
            with _interpreter_bin_on_path():
                converter.start()           # chdirs to course_root and back
        except Exception as err:
            raise ReleaseError(f"nbgrader could not generate {assignment.id!r}: {err}\n{buffer.getvalue()}") from err
    finally:
        log.removeHandler(handler)
        logging.Logger.manager.loggerDict.pop(log.name, None)


@contextlib.contextmanager
def _interpreter_bin_on_path():
    """Put this interpreter's bin directory (where ``alembic`` is installed) first on PATH, then restore PATH."""
    old = os.environ.get("PATH")
    os.environ["PATH"] = os.pathsep.join([str(Path(sys.executable).parent)] + ([old] if old else []))
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("PATH", None)
        else:
            os.environ["PATH"] = old
