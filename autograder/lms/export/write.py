"""From results to a gradebook file of any format: shared by ``autograder export`` and the nbgrader plugins."""
from __future__ import annotations

from dataclasses import dataclass, field

from autograder.lms.export import Column, Export, ExportError, blackboard, brightspace, canvas, columns, \
    file_results, moodle, plain
from autograder.lms.roster import Roster

FORMATS = ("canvas", "moodle", "blackboard", "brightspace", "csv")
LMS = {"canvas": ("Canvas", canvas), "moodle": ("Moodle", moodle), "blackboard": ("Blackboard", blackboard),
       "brightspace": ("Brightspace", brightspace)}


@dataclass(frozen=True)
class Options:
    """Every format's options; each format reads its own (see its module)."""
    excel: bool = False
    columns: tuple[str, ...] = ()                  # --column: the roster's column of each assignment, in order
    new_column: bool = False                       # --new-column: write a new column where the roster has none
    canvas_assignment_ids: tuple[str, ...] = ()    # by assignment, in order
    points_possible: bool = False
    identifier: str = "idnumber"
    decimal: str = "."
    feedback: bool = False
    max_grade: float = moodle.MOODLE_DEFAULT_MAXIMUM
    comma_separated: bool = False


@dataclass
class Assignment:
    """One assignment's results, and what the columns need to know of it."""
    id: str
    title: str
    max_score: float
    problems: list[str]
    results: list[dict] = field(default_factory=list)
    notebook: str = ""


def lms_columns(fmt: str, roster: Roster, assignments: list[Assignment],
                options: Options) -> tuple[list[columns.LmsColumn], list[str]]:
    """Each assignment's column in the roster of ``fmt``'s LMS (see ``columns.py``), and what was chosen."""
    lms, module = LMS[fmt]
    available = module.roster_columns(roster)
    wanted = [columns.Wanted(a.id, a.title, a.notebook, a.max_score) for a in assignments]
    named = list(options.columns)
    if fmt == "moodle" and not available:   # the participants export: Moodle maps columns by hand
        chosen = [columns.LmsColumn(n, n) for n in
                  (named[i] if i < len(named) and named[i] else a.title for i, a in enumerate(assignments))]
        return chosen, [f"the Moodle roster lists no grade columns: {', '.join(repr(c.header) for c in chosen)} "
                        "must be mapped to the grade items by hand in Moodle's import screen"]
    chosen, notes = columns.choose_all(wanted, available, named, options.new_column, lms, module.new_column)
    if fmt == "canvas":
        ids = list(options.canvas_assignment_ids)
        if len(ids) > len(assignments):
            raise ExportError(f"{len(ids)} --canvas-assignment-id for {len(assignments)} results folder(s)")
        chosen = [columns.with_canvas_id(c, ids[i] if i < len(ids) else "") for i, c in enumerate(chosen)]
        notes += [f"{c.header!r}: with --canvas-assignment-id Canvas fills the assignment {c.column_id} instead "
                  "(not in the roster, so its points were not checked)" for c in chosen if c.new and c.column_id]
        if options.points_possible:
            notes += [f"the Points Possible row sets {c.header!r} to {a.max_score:g} points in Canvas"
                      for c, a in zip(chosen, assignments) if c.points != a.max_score]
    return chosen, notes


def gradebook(fmt: str, roster: Roster | None, assignments: list[Assignment], options: Options = Options()) -> Export:
    """The file for ``fmt``: each assignment's results filed on the roster's rows, in the column chosen for it."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}: one of {', '.join(FORMATS)}")
    if roster is None and fmt != "csv":
        raise ExportError(f"the {fmt} format needs a roster: the gradebook file {fmt} exported")
    if fmt == "csv":
        chosen, notes = [columns.LmsColumn(a.title, a.title) for a in assignments], []
    else:
        chosen, notes = lms_columns(fmt, roster, assignments, options)
    cols = []
    for a, lms_column in zip(assignments, chosen):
        if roster is None:
            filed = {r["student_id"]: r for r in a.results}
        else:
            filed, unfiled = file_results(roster, a.results, lms_column.title)
            notes += unfiled
        cols.append(Column(a.id, lms_column.title, a.max_score, filed, lms_column.header))
    if fmt == "canvas":
        export = canvas.gradebook(roster, cols, points_possible=options.points_possible, excel=options.excel)
    elif fmt == "moodle":
        export = moodle.gradebook(roster, cols, identifier=options.identifier, decimal=options.decimal,
                                  feedback=options.feedback, max_grade=options.max_grade, excel=options.excel)
    elif fmt == "blackboard":
        export = blackboard.gradebook(roster, cols, comma_separated=options.comma_separated, excel=options.excel)
    elif fmt == "brightspace":
        maximum = {c.title: lc.points for c, lc in zip(cols, chosen) if lc.points is not None}
        export = brightspace.gradebook(roster, cols, maximum=maximum, excel=options.excel)
    else:
        export = plain.gradebook(roster, cols, {a.id: a.problems for a in assignments}, excel=options.excel)
    return Export(export.text, notes + export.notes, export.suffix)
