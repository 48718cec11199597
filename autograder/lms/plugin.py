"""What one LMS's module (``lms/systems/<name>.py``) provides, as one ``Lms`` record: its roster reader, its
download-zip rule (where it has one), its exporter with its own options, and a sample of its roster export.

Each piece is a small record of functions, looked up by the LMS's name through ``registry.py`` (the model is
nbgrader's exporter plugins).  An LMS's own export options are a frozen dataclass whose fields are declared with
``option``: the command line (``autograder export``) and the nbgrader export plugins both derive theirs from it.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping, Protocol

from autograder.lms.columns import LmsColumn, Wanted
from autograder.lms.gradebook_file import Column, Export
from autograder.lms.roster import Roster, RosterEntry, Table
from autograder.results import Result
from autograder.submission import Submission

# A submission's rostered student, or None and the reason it matches no one.
Matcher = Callable[[Submission], tuple[RosterEntry | None, str]]


@dataclass(frozen=True)
class RosterFormat:
    """How an LMS's roster export is recognised by its header and read."""
    described: str                       # "Canvas (Student, ID, ...)", as a refusal lists the rosters read
    recognises: Callable[[Table], bool]
    read: Callable[[Table], Roster]
    precedence: int                      # asked in this order, lowest first: a stricter header test goes first


@dataclass(frozen=True)
class DownloadRule:
    """How an LMS's "download all submissions" zip names each file, and whose each submission is."""
    layout: str                          # the file names, as a refusal describes them
    submission: Callable[[str], Submission | None]   # a zip member's submission; None: not this LMS's layout
    matcher: Callable[[Roster], Matcher]  # this LMS's submissions' students, on a roster
    precedence: int                      # tried in this order, lowest first: the more specific layout first


@dataclass(frozen=True)
class NoOptions:
    """An LMS whose export has no options of its own."""


def option(default: Any, flag: str, help: str, plugin_help: str, *, choices: tuple[str, ...] = (),
           metavar: str | None = None) -> Any:
    """A field of an LMS's options: ``flag`` and ``help`` on the command line, the field's name and
    ``plugin_help`` as the nbgrader plugin's trait.  Its kind follows its default: a bool is a switch, a tuple a
    repeatable option, a float a number, a str a text (one of ``choices``, if any)."""
    return field(default=default, metadata={"flag": flag, "help": help, "plugin_help": plugin_help,
                                            "choices": choices, "metavar": metavar})


@dataclass(frozen=True)
class ExportOptions:
    """What every LMS's export is told, and the LMS's own options."""
    excel: bool = False
    columns: tuple[str, ...] = ()        # --column: the roster's column of each assignment, in order
    new_column: bool = False             # --new-column: write a new column where the roster has none
    own: Any = None                      # the LMS's own options (``Exporter.options``); None: its defaults
    # A result's feedback in one line (the caller's ``reports.feedback.short_feedback``), for a feedback column;
    # passed in so that the LMS layer does not depend on the reports.
    feedback_text: Callable[[Result], str] | None = None


@dataclass(frozen=True)
class Exporter:
    """How an LMS's upload file is written: each assignment's column chosen, then the file."""
    columns: Callable[[Roster | None, list[Wanted], ExportOptions], tuple[list[LmsColumn], list[str]]]
    write: Callable[[Roster | None, list[Column], ExportOptions], Export]
    options: type = NoOptions            # its own options: a frozen dataclass of ``option`` fields
    needs_roster: bool = True
    upload_suffix: str = ".csv"          # the upload file's ending, with the default options

    def own_options(self, values: Mapping[str, Any]) -> Any:
        """Its own options from ``values`` by field name (the command line's, a plugin's traits); defaults for
        the rest."""
        chosen = {}
        for f in dataclasses.fields(self.options):
            if f.name in values:
                value = values[f.name]
                chosen[f.name] = tuple(map(str, value)) if isinstance(f.default, tuple) else type(f.default)(value)
        return self.options(**chosen)


class SampleStudent(Protocol):
    """A student of the synthetic course (``sample_course.CourseStudent``), as a sample roster needs them."""
    last_first: tuple[str, str]
    sis_id: str
    login: str
    email: str


@dataclass(frozen=True)
class SampleItem:
    """An assignment of the synthetic course, as the LMS lists it."""
    title: str
    points: float


@dataclass(frozen=True)
class SampleRoster:
    """The LMS's roster export of the synthetic course, to try ``autograder export`` on."""
    file_name: str
    write: Callable[[Path, list[SampleStudent], list[SampleItem]], None]


@dataclass(frozen=True)
class Lms:
    """One learning-management system: everything the kit knows of it."""
    name: str                            # --format, a roster's kind, a download's source: "canvas"
    title: str                           # as the LMS calls itself: "Canvas"
    order: int                           # its place in listings (--format, messages)
    exporter: Exporter
    roster: RosterFormat | None = None
    download: DownloadRule | None = None
    sample_roster: SampleRoster | None = None
