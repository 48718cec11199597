"""nbgrader export plugins: the gradebook files of ``autograder export``, from nbgrader's gradebook.

For courses that grade with ``nbgrader autograde``::

    nbgrader export --exporter autograder.nbgrader.export.CanvasExport --CanvasExport.roster=canvas.csv --to up.csv
    nbgrader export --exporter autograder.nbgrader.export.MoodleExport --MoodleExport.roster=moodle.csv \\
        --MoodleExport.identifier=username --to up.csv

(one ``<Name>Export`` per LMS of ``lms/registry.py``, made from it with its own options as traits:
``BlackboardExport``, ``BrightspaceExport``, ``CsvExport``, ...; ``--assignment`` and ``--student`` select as for
nbgrader's own exporter).  Each nbgrader student id must be one of the roster's ids (a Canvas ID, SIS id,
login or email).  Each assignment's scores go into the roster's column the instructor made, as with ``autograder
export`` (``lms/columns.py``): ``--<Format>Export.columns`` names it (one title per assignment, in
nbgrader's order of the assignments exported), else it is the one column whose title matches the assignment's id,
catalogue title or notebook; none or two are refused, and ``--<Format>Export.new_column=True`` writes a new one.
An assignment the catalogue knows is recognised by its catalogue id, title and notebook and keeps its problem
order; another by its nbgrader name.  A student without a submission is left blank, not 0.
"""
from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry
from nbgrader.plugins import ExportPlugin
from traitlets import Bool, Float, List, TraitType, Unicode

from autograder import catalogue
from autograder.lms import export as lms_export
from autograder.lms.gradebook_file import ExportError
from autograder.lms.plugin import ExportOptions, Lms
from autograder.lms.registry import all_lms, read_roster
from autograder.lms.roster import RosterError
from autograder.reports.feedback import short_feedback
from autograder.results import ProblemResult, Result, TestResult, write_atomically


def result_of(gradebook: Gradebook, assignment, student, problems: dict[str, float]) -> Result:
    """A student's submission in nbgrader's gradebook, as the kit's ``Result`` (what the exporters read): each
    grade cell is one test of its problem.

    ``problems``: each grade cell's points, by problem id (the cell's name without ``test_``), in order."""
    name = " ".join(p for p in (student.first_name, student.last_name) if p)
    try:
        submission = gradebook.find_submission(assignment.name, student.id)
    except MissingEntry:
        return Result(student.id, assignment.name, 0.0, 0.0, float(assignment.max_score), "missing", "", {},
                      name=name, late=False)
    scores = {grade.name.removeprefix("test_"): float(grade.score or 0.0)
              for notebook in submission.notebooks for grade in notebook.grades}
    raw, penalty = float(submission.score), float(submission.late_submission_penalty or 0.0)
    graded = {p: ProblemResult(p, points, [TestResult(f"test_{p}", scores.get(p, 0.0) == points, scores.get(p, 0.0),
                                                      points, "")])
              for p, points in problems.items()}
    return Result(student.id, assignment.name, max(0.0, raw - penalty), raw, float(assignment.max_score), "graded",
                  "", graded, name=name, late=penalty > 0, late_penalty=penalty)


def _described(name: str, cells: dict[str, float]) -> tuple[str, str, dict[str, float]]:
    """The assignment's catalogue title, its notebook and its problems' points: in the catalogue's order, when it
    knows the assignment (else its nbgrader name for both)."""
    try:
        known = catalogue.load(name)
    except (KeyError, ValueError):
        return name, name, cells
    return known.title, known.notebook, {p.id: cells.get(p.id, p.points) for p in known.problems}


class LmsExport(ExportPlugin):
    """What every LMS's plugin shares: the roster, the selection, the file."""

    roster = Unicode("", help="the LMS's own gradebook export (the file the LMS downloaded)").tag(config=True)
    excel = Bool(False, help="start the file with a BOM (Excel on Windows)").tag(config=True)
    columns = List([], help="the roster's column of each assignment, in order, titled as the LMS shows it "
                            "(else the one column matching the assignment)").tag(config=True)
    new_column = Bool(False, help="write a new column where the roster has none for an assignment").tag(config=True)
    format: str   # the LMS's name, and the LMS itself: set on each LMS's plugin
    lms: Lms

    def options(self) -> ExportOptions:
        own = self.lms.exporter.own_options({name: getattr(self, name) for name in self.trait_names()})
        return ExportOptions(excel=self.excel, columns=tuple(map(str, self.columns)), new_column=self.new_column,
                             own=own,
                             feedback_text=lambda result: short_feedback(result, catalogue.course_language()))

    def export(self, gradebook: Gradebook) -> None:
        dest = self.to or f"{self.format}-grades.csv"
        try:
            roster = read_roster(self.roster) if self.roster else None
            export = lms_export.gradebook(self.format, roster, self.assignments(gradebook), self.options())
        except (ExportError, RosterError) as err:
            self.log.error("%s", err)
            sys.exit(1)
        for note in export.notes + export.name_note(Path(dest)):   # before the file exists
            self.log.warning("%s", note)
        write_atomically(Path(dest), export.text)
        self.log.info("Wrote the %s gradebook to %s", self.format, dest)

    def assignments(self, gradebook: Gradebook) -> list[lms_export.Assignment]:
        wanted_assignments = {str(a) for a in self.assignment}
        wanted_students = {str(s) for s in self.student}
        chosen = []
        for assignment in gradebook.assignments:
            if wanted_assignments and assignment.name not in wanted_assignments:
                continue
            cells = {cell.name.removeprefix("test_"): float(cell.max_score)
                     for notebook in assignment.notebooks for cell in notebook.grade_cells}
            title, notebook, problems = _described(assignment.name, cells)
            results = [result_of(gradebook, assignment, student, problems) for student in gradebook.students
                       if not wanted_students or student.id in wanted_students]
            chosen.append(lms_export.Assignment(assignment.name, title, float(assignment.max_score), list(problems),
                                                results, notebook))
        return chosen


def _trait(f: dataclasses.Field) -> TraitType:
    """An LMS's option (``lms/plugin.py``'s ``option``) as a configurable trait of its plugin."""
    kind = {bool: Bool, float: Float, str: Unicode, tuple: List}[type(f.default)]
    default = list(f.default) if isinstance(f.default, tuple) else f.default
    return kind(default, help=f.metadata["plugin_help"]).tag(config=True)


def plugin_name(lms: Lms) -> str:
    """The plugin class's name, as ``nbgrader export --exporter`` names it: ``CanvasExport``, ``CsvExport``."""
    return f"{lms.name.capitalize()}Export"


def _plugin(lms: Lms) -> type[LmsExport]:
    traits = {f.name: _trait(f) for f in dataclasses.fields(lms.exporter.options)}
    return type(plugin_name(lms), (LmsExport,), {"__module__": __name__, "__doc__": f"The {lms.title} gradebook file.",
                                                 "format": lms.name, "lms": lms, **traits})


PLUGINS = {lms.name: _plugin(lms) for lms in all_lms()}
globals().update({cls.__name__: cls for cls in PLUGINS.values()})
__all__ = ["LmsExport", "PLUGINS", "result_of", *(cls.__name__ for cls in PLUGINS.values())]
