"""Which of the roster's columns each assignment's scores go into: the one the instructor made in the LMS.

An instructor names the LMS's assignment their own way ("01 Sigmoid"), not the catalogue's.  A file whose header
the LMS does not know makes a new column (Canvas: a new assignment; Blackboard: a text column worth 0 points;
Brightspace: an unknown item; Moodle: "Ignore" in the import screen), and the real one stays empty.  So each
assignment's column is

* the one ``--column TITLE`` names (its bare title, as the LMS shows it, or its whole header), else
* the one column whose bare title matches the assignment by a forgiving comparison (case, spaces, punctuation and
  ``_`` ignored) with its catalogue id (``01_sigmoid``), its catalogue title or its notebook's name;

and the header written is that column's header exactly as the roster has it.  No column, or two: refused before
anything is written, listing the candidates and the ``--column`` that picks each; a new column is written only
with ``--new-column``, and the notes say what the LMS will do with it.  Each LMS's module reads its own
decorations (``roster_columns``) and writes its own new header (``new_column``).  Moodle's participants export
lists no grade columns (Moodle maps columns by hand in its import screen): there the column is ``--column`` or
the catalogue title, as before.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Callable

from autograder.lms.gradebook_file import ExportError

# A format's new column: (title, the assignment's maximum) -> the column, and what the LMS will do with it.
NewColumn = Callable[[str, float], tuple["LmsColumn", str]]


@dataclass(frozen=True)
class LmsColumn:
    """A gradable column of the roster (or a new one)."""
    header: str                  # exactly as the roster's header has it; what the file's header will be
    title: str                   # the bare title, as the LMS shows it (without the format's decorations)
    points: float | None = None  # the column's points, where the roster states them
    column_id: str = ""          # Canvas's assignment id, Blackboard's column id
    new: bool = False            # not in the roster: the LMS will create it


@dataclass(frozen=True)
class Wanted:
    """What an assignment can be recognised by."""
    id: str
    title: str
    notebook: str
    max_score: float


def comparable(text: str) -> str:
    """The forgiving form: NFKC, case-folded, without spaces, punctuation or ``_`` ("01 Sigmoid" = "01_sigmoid")."""
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", text).casefold())


def _names(wanted: Wanted) -> set[str]:
    names = {wanted.id, wanted.title, wanted.notebook, wanted.notebook.removesuffix(".ipynb")}
    return {comparable(n) for n in names if comparable(n)}


def _listing(available: list[LmsColumn]) -> str:
    return "; ".join(f"{c.title!r}" + (f" ({c.points:g} points)" if c.points is not None else "")
                     + f": --column {_quoted(c.title)}" for c in available)


def _quoted(title: str) -> str:
    return "'" + title.replace("'", "'\\''") + "'"


def find(wanted: Wanted, available: list[LmsColumn], named: str, lms: str) -> tuple[LmsColumn | None, str]:
    """The roster's column for ``wanted`` (None: there is none) and how it was found; refuses two candidates."""
    if named:
        exact = [c for c in available if named in (c.title, c.header)]
        candidates = exact or [c for c in available if comparable(c.title) == comparable(named)]
        how = f"named by --column {_quoted(named)}"
    else:
        names = _names(wanted)
        candidates = [c for c in available if comparable(c.title) in names]
        how = "found: its title matches the assignment's id, title or notebook"
    if len(candidates) > 1:
        raise ExportError(f"{len(candidates)} {lms} columns could be {wanted.id!r}: {_listing(candidates)}. "
                          "Name the one to fill with --column, one per results folder, in order")
    return (candidates[0], how) if candidates else (None, how)


def choose(wanted: Wanted, available: list[LmsColumn], named: str, new_column: bool, lms: str,
           new: NewColumn) -> tuple[LmsColumn, list[str]]:
    """The column ``wanted`` goes into, and what to tell the instructor; ``new`` makes the format's new column
    (titled ``--column`` or the catalogue title), used only with ``--new-column`` when the roster has none."""
    column, how = find(wanted, available, named, lms)
    if column is not None:
        notes = [f"{wanted.id} -> the {lms} column {column.header!r} ({how})"]
        if column.points is not None and column.points != wanted.max_score:
            notes.append(f"{column.header!r} is worth {column.points:g} points in {lms}; {wanted.id}'s scores are "
                         f"out of {wanted.max_score:g}")
        return column, notes
    if new_column:
        column, consequence = new(named or wanted.title, wanted.max_score)
        return column, [f"{wanted.id} -> a NEW {lms} column {column.header!r} (--new-column): {consequence}"]
    what = f"no column named {_quoted(named)}" if named else f"no column for {wanted.id!r} ({wanted.title!r})"
    gradable = (f"its gradable columns: {_listing(available)}" if available else "it has no gradable column")
    raise ExportError(f"the {lms} roster has {what}; {gradable}. Name the column with --column (one per results "
                      f"folder, in order), or create the assignment in {lms}, download the roster again and export "
                      "with it; --new-column writes a new column instead")


def choose_all(wanted: list[Wanted], available: list[LmsColumn], named: list[str], new_column: bool, lms: str,
               new: NewColumn) -> tuple[list[LmsColumn], list[str]]:
    """Each assignment's column, matched on its own; two assignments in one column are refused."""
    if len(named) > len(wanted):
        raise ExportError(f"{len(named)} --column for {len(wanted)} results folder(s): give one per folder, in order")
    chosen, notes = [], []
    for i, w in enumerate(wanted):
        column, said = choose(w, available, named[i] if i < len(named) else "", new_column, lms, new)
        for earlier, other in zip(wanted, chosen):
            if other.header == column.header:
                raise ExportError(f"{earlier.id} and {w.id} would both go into the {lms} column {column.header!r}: "
                                  "name each one's column with --column, in order")
        chosen.append(column)
        notes += said
    return chosen, notes

