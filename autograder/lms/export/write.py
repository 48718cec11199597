"""From results to a gradebook file of any format: shared by ``autograder export`` and the nbgrader plugins."""
from __future__ import annotations

from dataclasses import dataclass, field

from autograder.lms.export import Column, Export, ExportError, blackboard, brightspace, canvas, file_results, \
    moodle, plain
from autograder.lms.roster import Roster

FORMATS = ("canvas", "moodle", "blackboard", "brightspace", "csv")


@dataclass(frozen=True)
class Options:
    """Every format's options; each format reads its own (see its module)."""
    excel: bool = False
    canvas_assignment_ids: tuple[str, ...] = ()    # by column, in order
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


def gradebook(fmt: str, roster: Roster | None, assignments: list[Assignment], options: Options = Options()) -> Export:
    """The file for ``fmt``: each assignment's results filed on the roster's rows, then written."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}: one of {', '.join(FORMATS)}")
    if roster is None and fmt != "csv":
        raise ExportError(f"the {fmt} format needs a roster: the gradebook file {fmt} exported")
    columns, notes = [], []
    for a in assignments:
        if roster is None:
            filed = {r["student_id"]: r for r in a.results}
        else:
            filed, unfiled = file_results(roster, a.results, a.title)
            notes += unfiled
        columns.append(Column(a.id, a.title, a.max_score, filed))
    if fmt == "canvas":
        ids = dict(zip((c.title for c in columns), options.canvas_assignment_ids))
        export = canvas.gradebook(roster, columns, assignment_ids=ids, points_possible=options.points_possible,
                                  excel=options.excel)
    elif fmt == "moodle":
        export = moodle.gradebook(roster, columns, identifier=options.identifier, decimal=options.decimal,
                                  feedback=options.feedback, max_grade=options.max_grade, excel=options.excel)
    elif fmt == "blackboard":
        export = blackboard.gradebook(roster, columns, comma_separated=options.comma_separated,
                                      excel=options.excel)
    elif fmt == "brightspace":
        export = brightspace.gradebook(roster, columns, excel=options.excel)
    else:
        export = plain.gradebook(roster, columns, {a.id: a.problems for a in assignments}, excel=options.excel)
    return Export(export.text, notes + export.notes, export.suffix)
