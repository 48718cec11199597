"""From results to the upload file an LMS imports: shared by ``autograder export`` and the nbgrader plugins.

The roster the instructor downloaded from the LMS, with the scores filled in: each assignment's column chosen by
the LMS's exporter (``columns.py``), its results filed on the roster's rows (``filing.py``), the file written by
the LMS's module (``lms/systems/``).
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from autograder.lms.columns import Wanted
from autograder.lms.filing import file_results
from autograder.lms.gradebook_file import Column, Export, ExportError
from autograder.lms.plugin import ExportOptions
from autograder.lms.registry import get, names
from autograder.lms.roster import Roster
from autograder.results import Result


@dataclass
class Assignment:
    """One assignment's results, and what the columns need to know of it."""
    id: str
    title: str
    max_score: float
    problems: list[str]
    results: list[Result] = field(default_factory=list)
    notebook: str = ""


def gradebook(lms_name: str, roster: Roster | None, assignments: list[Assignment],
              options: ExportOptions = ExportOptions()) -> Export:
    """The file for ``lms_name``: each assignment's results filed on the roster's rows, in the column chosen for
    it; ``options.own`` are the LMS's own options (its defaults when None)."""
    if lms_name not in names():
        raise ExportError(f"unknown format {lms_name!r}: one of {', '.join(names())}")
    lms = get(lms_name)
    if roster is None and lms.exporter.needs_roster:
        raise ExportError(f"the {lms_name} format needs a roster: the gradebook file {lms_name} exported")
    if options.own is None:
        options = replace(options, own=lms.exporter.options())
    wanted = [Wanted(a.id, a.title, a.notebook, a.max_score) for a in assignments]
    chosen, notes = lms.exporter.columns(roster, wanted, options)
    cols = []
    for a, lms_column in zip(assignments, chosen):
        if roster is None:
            filed = {r.student_id: r for r in a.results}
        else:
            filed, unfiled = file_results(roster, a.results, lms_column.title)
            notes += unfiled
        cols.append(Column(a.id, lms_column.title, a.max_score, filed, lms_column.header, lms_column.points,
                           tuple(a.problems)))
    export = lms.exporter.write(roster, cols, options)
    return Export(export.text, notes + export.notes, export.suffix)
