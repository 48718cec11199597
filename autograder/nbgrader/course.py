"""Grade notebooks with stock ``nbgrader autograde``, for comparison with ``autograder grade``.

The repository root is an nbgrader course directory, and the hidden test cells
call the same graders as the engine (``autograder/nbgrader/bridge.py``).  To
check that both paths give the same scores, and to time them against each
other, this module runs nbgrader exactly as an instructor would, but in a
*throwaway* course directory, so the repository's ``gradebook.db``,
``submitted/``, ``autograded/`` and ``feedback/`` are never touched::

    scores = autograde("01_sigmoid", {"ada": Path("ada.ipynb")}, workdir)
    scores["ada"]  # {"score": 13.0, "max_score": 13.0, "grades": {"test_sigmoid": 3.0, ...}}

Steps (each one a plain function, so a test can stop in between):

1. ``prepare_course``: copy ``source/<id>/`` and the course's (by default the
   repository's) ``nbgrader_config.py`` (with ``root`` and the sqlite gradebook
   pointed at the throwaway directory), then run ``nbgrader generate_assignment``: that is what
   puts the assignment and its cells, hidden tests included, in the gradebook,
   and ``autograde`` restores the hidden tests from there.
2. ``submit``: lay the notebooks out as ``submitted/<student>/<id>/<notebook>``.
3. ``run_autograde``: ``python -m nbgrader autograde <id>`` as a subprocess
   (the faithful path: nbgrader's own command line, its own kernels).
4. ``read_scores``: each student's total and per-grade-cell scores, read back
   from the gradebook with ``nbgrader.api.Gradebook``.
5. ``export_csv``: ``nbgrader export``, nbgrader's own grades table.

Every nbgrader subprocess gets an environment of its own:

* this interpreter's bin directory first on PATH: nbgrader stamps a new
  gradebook by running the ``alembic`` *executable found on PATH*; without it a
  half-made ``gradebook.db`` is left behind;
* ``JUPYTER_PATH`` pointing at a kernelspec ``python3`` written here that runs
  *this* interpreter, so ``import autograder`` works in the kernel whatever
  kernels the user has installed in ``~/.local/share/jupyter``, with
  ``AUTOGRADER_COURSE`` naming the assignment's course, so the hidden test cells
  (``nbgrader_bridge``) find its catalogue entry even outside the repository.  The kernel
  starts under an address-space cap (``kernel_memory_bytes``): stock nbgrader
  runs student code without any limit, and one memory bomb in a notebook would
  otherwise take the whole machine down.  A cap changes no score of a notebook
  that stays under it, nor the timing;
* ``JUPYTER_CONFIG_DIR`` and ``JUPYTER_RUNTIME_DIR`` inside the throwaway
  directory, so a ``~/.jupyter/nbgrader_config.py`` cannot change the result
  and no connection files are left in the home directory.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from autograder import catalogue
from autograder.editions.translation import edition, write_notebook

COURSE_DIR = "course"  # the nbgrader course root inside a workdir
DEFAULT_KERNEL_MEMORY = 4 * 1024**3
COMMAND_TIMEOUT = 3600.0  # seconds for one nbgrader command, a backstop only (cells time out after 30 s)

# The kernel: ipykernel under an address-space cap.  ``sys.argv`` is what
# ipykernel_launcher would have seen (``-f <connection file>``).
KERNEL_LAUNCHER = """\
import resource, runpy, sys
limit = int(sys.argv.pop(1))
if limit > 0:
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
sys.argv[0] = "ipykernel_launcher"
runpy.run_module("ipykernel_launcher", run_name="__main__", alter_sys=True)
"""


class NbgraderFailed(RuntimeError):
    """An nbgrader command could not run at all; the message carries its output."""


# ------------------------------------------------------------ the whole path

def autograde(assignment_id: str, notebooks: dict[str, Path], workdir: Path,
              kernel_memory_bytes: int | None = DEFAULT_KERNEL_MEMORY, lang: str = "en") -> dict[str, dict]:
    """Grade ``notebooks`` (student id -> notebook file) with ``nbgrader autograde``.

    ``workdir`` (created; must be empty) holds the throwaway course and stays
    behind for inspection: ``workdir/course/autograded/<student>/<id>/`` has
    the executed notebooks, ``workdir/course/gradebook.db`` the grades.

    Returns, per student, ``{"score", "max_score", "grades": {grade_id: score},
    "autograded": bool}``.  ``autograded`` is False when nbgrader gave up on the
    notebook (its kernel died, say): nbgrader then records no grades for it and
    its scores are 0 here.
    """
    course = prepare_course(assignment_id, workdir, kernel_memory_bytes, lang)
    submit(course, assignment_id, notebooks)
    run_autograde(course, assignment_id, check=False)
    return read_scores(course, assignment_id, list(notebooks))


# ------------------------------------------------------------ the steps

def prepare_course(assignment_id: str, workdir: Path,
                   kernel_memory_bytes: int | None = DEFAULT_KERNEL_MEMORY, lang: str = "en") -> Path:
    """Make a throwaway course for ``assignment_id`` (its edition in ``lang``) under ``workdir``; return its root.

    The gradebook gets the assignment and all its cells from ``nbgrader
    generate_assignment``, run in the new course exactly as from the repository root.
    """
    assignment = catalogue.load(assignment_id)
    workdir = Path(workdir).resolve()
    if workdir.exists() and any(workdir.iterdir()):
        raise ValueError(f"{workdir} is not empty: nbgrader needs a fresh course directory")
    course = workdir / COURSE_DIR
    shutil.copytree(assignment.source_notebook.parent, course / "source" / assignment.id,
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    if lang != "en":  # the edition's source: its cells (and so the gradebook's) are in that language
        write_notebook(edition(assignment, lang), course / "source" / assignment.id / assignment.notebook)
    _write_config(course, assignment.root)
    _write_kernelspec(workdir / "jupyter" / "kernels" / "python3", kernel_memory_bytes, assignment.root)
    for name in ("config", "runtime"):
        (workdir / "jupyter" / name).mkdir(parents=True, exist_ok=True)
    run_nbgrader(course, "generate_assignment", assignment.id, "--force")
    return course


def submit(course: Path, assignment_id: str, notebooks: dict[str, Path]) -> None:
    """Copy each student's notebook to ``submitted/<student>/<id>/<notebook>``, where nbgrader looks, with the
    assignment's data files beside it (a student hands in the whole folder)."""
    assignment = catalogue.load(assignment_id)
    for student_id, path in notebooks.items():
        dest = course / "submitted" / student_id / assignment.id / assignment.notebook
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, dest)
        assignment.copy_data_files(dest.parent)


def run_autograde(course: Path, assignment_id: str, check: bool = True) -> subprocess.CompletedProcess:
    """``nbgrader autograde <id>`` for every submitted student; students are created in the gradebook as needed.

    nbgrader exits 1 when it gave up on any notebook but still grades the
    others; with ``check=False`` that is not an error (``read_scores`` tells
    which ones are missing).
    """
    return run_nbgrader(course, "autograde", assignment_id, "--force", check=check)


def read_scores(course: Path, assignment_id: str, student_ids: list[str]) -> dict[str, dict]:
    """Each student's total and per-grade-cell scores, from the course's gradebook."""
    from nbgrader.api import Gradebook, MissingEntry  # heavy (sqlalchemy); only this module needs it

    assignment = catalogue.load(assignment_id)
    notebook_id = Path(assignment.notebook).stem
    scores: dict[str, dict] = {}
    with Gradebook(db_url(course)) as gb:
        grade_cells = [cell.name for cell in gb.find_notebook(notebook_id, assignment.id).grade_cells]
        for student_id in student_ids:
            autograded = (course / "autograded" / student_id / assignment.id / assignment.notebook).exists()
            try:
                notebook = gb.find_submission_notebook(notebook_id, assignment.id, student_id)
                grades = {g.name: float(g.score) for g in notebook.grades}
                max_score = float(notebook.max_score)
            except MissingEntry:
                grades, max_score, autograded = {}, assignment.max_score, False
            grades = {name: grades.get(name, 0.0) for name in grade_cells}
            scores[student_id] = {"score": round(sum(grades.values()), 6), "max_score": max_score,
                                  "grades": grades, "autograded": autograded}
    return scores


def export_csv(course: Path, dest: Path | None = None) -> Path:
    """``nbgrader export``: one row per student and assignment (``raw_score``, ``score``, ``max_score``, …)."""
    dest = Path(dest) if dest is not None else course / "grades.csv"
    run_nbgrader(course, "export", f"--to={dest}")
    return dest


def validate(notebook: Path, workdir: Path) -> subprocess.CompletedProcess:
    """``nbgrader validate NOTEBOOK``: what the Validate button of nbgrader's Jupyter extension runs.

    It executes the notebook and fails on every grade cell that raises or scores below its points;
    the output ends with "Success! ..." or "VALIDATION FAILED ON N CELL(S)! ...".
    """
    workdir = Path(workdir).resolve()
    _write_kernelspec(workdir / "jupyter" / "kernels" / "python3", DEFAULT_KERNEL_MEMORY, catalogue.course_root())
    for name in ("config", "runtime"):
        (workdir / "jupyter" / name).mkdir(parents=True, exist_ok=True)
    return run_nbgrader(workdir / COURSE_DIR, "validate", str(Path(notebook).resolve()), check=False)


# ------------------------------------------------------------ plumbing

def db_url(course: Path) -> str:
    return f"sqlite:///{course / 'gradebook.db'}"


def run_nbgrader(course: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    """``python -m nbgrader ARGS`` in ``course``, with this interpreter and this course's Jupyter dirs."""
    jupyter = course.parent / "jupyter"
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env["JUPYTER_PATH"] = str(jupyter)
    env["JUPYTER_CONFIG_DIR"] = str(jupyter / "config")
    env["JUPYTER_RUNTIME_DIR"] = str(jupyter / "runtime")
    env["PYTHONDONTWRITEBYTECODE"] = "1"  # no __pycache__ written into the repository by the kernels
    env.pop("PYTHONPATH", None)
    course.mkdir(parents=True, exist_ok=True)
    proc = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=course, env=env,
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=COMMAND_TIMEOUT)
    if check and proc.returncode != 0:
        log = (proc.stdout + proc.stderr)[-4000:]
        raise NbgraderFailed(f"nbgrader {' '.join(args)} exited with {proc.returncode}:\n{log}")
    return proc


def _write_config(course: Path, origin: Path) -> None:
    """The nbgrader_config.py of the course in ``origin``, then ``root`` and ``db_url`` pinned to this course.

    The repository's file already derives both from its own location (so the copy
    would point here anyway); the explicit lines make the override obvious and
    survive a future edit of that file.
    """
    text = (origin / "nbgrader_config.py").read_text(encoding="utf-8")
    text += ("\n\n# --- autograder.nbgrader.course: a throwaway copy of the course ---\n"
             f"c.CourseDirectory.root = {str(course)!r}\n"
             f"c.CourseDirectory.db_url = {db_url(course)!r}\n")
    course.mkdir(parents=True, exist_ok=True)
    (course / "nbgrader_config.py").write_text(text, encoding="utf-8")


def _write_kernelspec(folder: Path, kernel_memory_bytes: int | None, origin: Path) -> None:
    """A ``python3`` kernelspec that runs this interpreter (where ``autograder`` is installed), in the course of
    ``origin`` (``catalogue.course_root()`` in the kernel)."""
    folder.mkdir(parents=True, exist_ok=True)
    spec = {
        "argv": [sys.executable, "-c", KERNEL_LAUNCHER, str(kernel_memory_bytes or 0), "-f", "{connection_file}"],
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
        "metadata": {"debugger": False},
        "env": {catalogue.COURSE_VARIABLE: str(origin)},
    }
    (folder / "kernel.json").write_text(json.dumps(spec, indent=1), encoding="utf-8")
