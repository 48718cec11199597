"""The assignment catalogue: one TOML file per assignment in ``assignments/``.

It is the single source of truth for an assignment's id, title, notebook,
problems and points; the notebooks, graders and exports are checked against it.
"""
from __future__ import annotations

import importlib.util
import sys
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE_DIR = ROOT / "assignments"


@dataclass(frozen=True)
class Problem:
    id: str
    title: str
    points: float


@dataclass(frozen=True)
class Assignment:
    id: str
    title: str
    notebook: str
    solution: Path
    grader: Path
    problems: tuple[Problem, ...]

    @property
    def max_score(self) -> float:
        return sum(p.points for p in self.problems)

    @property
    def source_notebook(self) -> Path:
        return ROOT / "source" / self.id / self.notebook

    @property
    def release_notebook(self) -> Path:
        return ROOT / "release" / self.id / self.notebook

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

    def reference(self) -> ModuleType:
        """The reference solutions, loaded from ``solutions/`` (grading side only)."""
        return _load_module(f"reference_{self.id}", self.solution)

    def grader_module(self) -> ModuleType:
        """The hidden pytest module that grades this assignment."""
        return _load_module(f"autograder.graders.{self.grader.stem}", self.grader)


def load(assignment_id: str) -> Assignment:
    path = CATALOGUE_DIR / f"{assignment_id}.toml"
    if not path.exists():
        known = ", ".join(all_ids()) or "none"
        raise KeyError(f"unknown assignment {assignment_id!r} (known: {known})")
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    if data["id"] != assignment_id:
        raise ValueError(f"{path.name} declares id {data['id']!r}")
    problems = tuple(Problem(p["id"], p["title"], float(p["points"])) for p in data["problems"])
    return Assignment(data["id"], data["title"], data["notebook"], ROOT / data["solution"],
                      ROOT / data["grader"], problems)


def all_ids() -> list[str]:
    return sorted(p.stem for p in CATALOGUE_DIR.glob("*.toml"))


@cache
def _load_module(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # as an import would: inspect.getsource finds a class's file through it
    spec.loader.exec_module(module)
    return module
