"""Which notebook of a Gradescope submission to grade.

Students upload files, a zip or a repository, so the folder may hold no notebook, one, or several (an old
copy, a checkpoint).  One is graded: the only one; else the one named like the assignment's notebook; else
the most recently modified.  The note says which and why, so the student is never left guessing.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from autograder.messages import say

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
    more = len(paths) - LISTED
    return shown + say("gradescope.choose.more", " and {count} more", count=more) if more > 0 else shown


def choose_notebook(folder: Path, notebook_name: str) -> Choice:
    files = handed_in(folder)
    notebooks = [p for p in files if p.suffix.lower() == ".ipynb"]
    if not notebooks:
        found = (say("gradescope.choose.contains_only", "it contains only {files}", files=_names(files)) if files
                 else say("gradescope.choose.empty", "it is empty"))
        return Choice(None, say("gradescope.choose.no_notebook", "No notebook (.ipynb) was found in your submission: "
                                "{found}. Upload your {notebook} itself (File > Download in Jupyter or Colab).",
                                found=found, notebook=notebook_name))
    if len(notebooks) == 1:
        return Choice(folder / notebooks[0], "")
    named = [p for p in notebooks if p.name == notebook_name]
    candidates = named or notebooks
    chosen = max(candidates, key=lambda p: ((folder / p).stat().st_mtime, str(p)))
    why = (say("gradescope.choose.the_named", "the one named {notebook}", notebook=notebook_name) if len(named) == 1
           else say("gradescope.choose.latest_named", "the most recently modified of those named {notebook}",
                    notebook=notebook_name) if named
           else say("gradescope.choose.latest_unnamed", "the most recently modified; none is named {notebook}",
                    notebook=notebook_name))
    return Choice(folder / chosen, say("gradescope.choose.several", "Your submission holds {count} notebooks "
                                       "({names}): {chosen} was graded, {why}.", count=len(notebooks),
                                       names=_names(notebooks), chosen=str(chosen), why=why))
