"""Which notebook of a Gradescope submission to grade.

Students upload files, a zip or a repository, so the folder may hold no notebook, one, or several (an old
copy, a checkpoint).  One is graded: the only one; else the one named like the assignment's notebook; else
the most recently modified.  The note says which and why, so the student is never left guessing.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

IGNORED_PARTS = (".ipynb_checkpoints", "__MACOSX", ".git")
LISTED = 10  # file names named in a note, at most


@dataclass(frozen=True)
class Choice:
    notebook: Path | None  # None: nothing to grade
    note: str              # what the student should know about the choice; "" for a single notebook


def handed_in(folder: Path) -> list[Path]:
    """Every file the student handed in, relative to ``folder``, without checkpoints and archive debris."""
    if not folder.is_dir():
        return []
    return sorted(p.relative_to(folder) for p in folder.rglob("*")
                  if p.is_file() and not p.name.startswith("._")
                  and not any(part in IGNORED_PARTS for part in p.relative_to(folder).parts))


def _names(paths: list[Path]) -> str:
    shown = ", ".join(str(p) for p in paths[:LISTED])
    return shown + (f" and {len(paths) - LISTED} more" if len(paths) > LISTED else "")


def choose_notebook(folder: Path, notebook_name: str) -> Choice:
    files = handed_in(folder)
    notebooks = [p for p in files if p.suffix.lower() == ".ipynb"]
    if not notebooks:
        found = f"it contains only {_names(files)}" if files else "it is empty"
        return Choice(None, f"No notebook (.ipynb) was found in your submission: {found}. "
                            f"Upload your {notebook_name} itself (File > Download in Jupyter or Colab).")
    if len(notebooks) == 1:
        return Choice(folder / notebooks[0], "")
    named = [p for p in notebooks if p.name == notebook_name]
    candidates = named or notebooks
    chosen = max(candidates, key=lambda p: ((folder / p).stat().st_mtime, str(p)))
    why = (f"the one named {notebook_name}" if len(named) == 1 else
           f"the most recently modified of those named {notebook_name}" if named else
           f"the most recently modified; none is named {notebook_name}")
    return Choice(folder / chosen, f"Your submission holds {len(notebooks)} notebooks ({_names(notebooks)}): "
                                   f"{chosen} was graded, {why}.")
