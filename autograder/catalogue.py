"""The assignment catalogue: one TOML file per assignment in ``assignments/``.

It is the single source of truth for an assignment's id, title, notebook,
problems and points; the notebooks, graders and exports are checked against it.
"""
from __future__ import annotations

import importlib.util
import inspect
import os
import sys
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any, Callable, Collection, Mapping

ROOT = Path(__file__).resolve().parent.parent  # the default course: this repository
COURSE_VARIABLE = "AUTOGRADER_COURSE"  # names another course directory (its own assignments/, source/, ...)


def course_root() -> Path:
    """The course the kit works on: ``$AUTOGRADER_COURSE`` when set (also in workers and nbgrader's kernels, which
    inherit it), else this repository."""
    return Path(os.environ.get(COURSE_VARIABLE) or ROOT).resolve()


LANGUAGES = ("en", "ko")  # the editions the kit can make; a course's language is one of them


def course_language(root: Path | None = None) -> str:
    """The language the course is taught in (``course.toml``'s ``lang``; English when the file is absent)."""
    path = (Path(root) if root is not None else course_root()) / "course.toml"
    lang = tomllib.loads(path.read_text(encoding="utf-8")).get("lang", "en") if path.exists() else "en"
    if lang not in LANGUAGES:
        raise ValueError(f"{path}: lang = {lang!r}; the kit has the editions {', '.join(LANGUAGES)}")
    return lang


@dataclass(frozen=True)
class Problem:
    id: str
    title: str
    points: float
    # Graded functions this problem must call as the student wrote them (the composition is its point);
    # every other graded function is served correct while it is graded (``Assignment.stand_ins``).
    own: tuple[str, ...] = ()
    # Parameters with one row or entry per example (axis 0): graded at m = 1 too ("method.param" for classes).
    batch: tuple[str, ...] = ()
    # Graded classes this problem is graded with a known-good object of, never the student's (a class cannot
    # be stood in for by values: the grader builds the object, e.g. student.make("logistic_model")).
    known_good: tuple[str, ...] = ()


@dataclass(frozen=True)
class Assignment:
    id: str
    title: str
    notebook: str
    solution: Path
    grader: Path
    problems: tuple[Problem, ...]
    # The heavy modules the sandbox imports and warms before forking a child per submission (``Worker``):
    # what the notebook imports, no more (torch makes every fork and every cleanup 10 ms slower).
    sandbox_imports: tuple[str, ...]
    mistakes: Path  # its typical mistakes and sample class (``autograder/samples/mistakes/<id>.py``)
    root: Path = ROOT  # the course directory the entry was loaded from (a copy in a temporary course, in tests)

    @property
    def max_score(self) -> float:
        return sum(p.points for p in self.problems)

    @property
    def catalogue_file(self) -> Path:
        return self.root / "assignments" / f"{self.id}.toml"

    @property
    def source_notebook(self) -> Path:
        return self.root / "source" / self.id / self.notebook

    @property
    def release_notebook(self) -> Path:
        return self.root / "release" / self.id / self.notebook

    def edition_notebook(self, lang: str) -> Path:
        """The student notebook of the edition in ``lang``: ``release/<id>/`` for English, else ``release/<lang>/<id>/``."""
        return self.release_notebook if lang == "en" else self.root / "release" / lang / self.id / self.notebook

    @property
    def data_files(self) -> list[Path]:
        """Files shipped beside the notebook (e.g. ``data/credit_train.csv``), relative to its folder.

        nbgrader releases them with the notebook; a notebook that reads them runs next to a copy.
        """
        folder = self.source_notebook.parent
        return sorted(p.relative_to(folder) for p in folder.rglob("*")
                      if p.is_file() and p.name != self.notebook and ".ipynb_checkpoints" not in p.parts)

    def copy_data_files(self, dest: Path) -> None:
        """Put the assignment's data files into ``dest``, the folder a notebook of it runs in."""
        for relative in self.data_files:
            target = Path(dest) / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes((self.source_notebook.parent / relative).read_bytes())

    def problem(self, problem_id: str) -> Problem:
        for p in self.problems:
            if p.id == problem_id:
                return p
        raise KeyError(f"{self.id} has no problem {problem_id!r}")

    def stand_ins(self, problem_id: str, reference: ModuleType, trusted: Collection[str] = ()) -> dict[str, Callable]:
        """While ``problem_id`` is graded: the notebook's other graded functions, answered by the reference.

        One mistake, one penalty: a problem is graded as if the functions it calls were right.  Classes are
        not stood in for (a grader uses a known-good object where it needs one), nor what the problem owns,
        nor the ``trusted`` ones: functions whose own problem already got full marks in this grading, which
        are right as far as their tests can tell (each call-back costs a round trip to the sandbox).
        """
        skip = set(self.problem(problem_id).own) | set(trusted) | {problem_id}
        return {p.id: getattr(reference, p.id) for p in self.problems
                if p.id not in skip and inspect.isfunction(getattr(reference, p.id, None))}

    def full_marks(self, results: Mapping[str, Any]) -> set[str]:
        """The problems with full marks among ``results`` (problem id -> ``ProblemResult``)."""
        return {pid for pid, r in results.items() if r.score == r.max_score}

    def reference(self) -> ModuleType:
        """The reference solutions, loaded from ``solutions/`` (grading side only)."""
        return _load_module(f"reference_{self.id}", self.solution)

    def grader_module(self) -> ModuleType:
        """The hidden pytest module that grades this assignment."""
        return _load_module(f"autograder.graders.{self.grader.stem}", self.grader)

    def mistakes_module(self) -> ModuleType:
        """Its typical mistakes (``MISTAKES``) and the students of its sample class (``STUDENTS``)."""
        return _load_module(f"autograder.samples.mistakes.{self.mistakes.stem}", self.mistakes)


def load(assignment_id: str, root: Path | None = None) -> Assignment:
    """The catalogue entry ``assignments/<assignment_id>.toml`` of the course in ``root`` (``course_root()``)."""
    root = Path(root) if root is not None else course_root()
    path = root / "assignments" / f"{assignment_id}.toml"
    if not path.exists():
        known = ", ".join(all_ids(root)) or "none"
        raise KeyError(f"unknown assignment {assignment_id!r} (known: {known})")
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    if data["id"] != assignment_id:
        raise ValueError(f"{path.name} declares id {data['id']!r}")
    problems = tuple(Problem(p["id"], p["title"], float(p["points"]), tuple(p.get("own", ())),
                             tuple(p.get("batch", ())), tuple(p.get("known_good", ()))) for p in data["problems"])
    return Assignment(data["id"], data["title"], data["notebook"], root / data["solution"],
                      root / data["grader"], problems, tuple(data["sandbox_imports"]), root / data["mistakes"], root)


def all_ids(root: Path | None = None) -> list[str]:
    """The ids of the course's assignments (in ``root``, else ``course_root()``), in order."""
    root = Path(root) if root is not None else course_root()
    return sorted(p.stem for p in (root / "assignments").glob("*.toml"))


@cache
def _load_module(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # as an import would: inspect.getsource finds a class's file through it
    spec.loader.exec_module(module)
    return module
