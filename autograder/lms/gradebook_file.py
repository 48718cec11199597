"""What an LMS's exporter writes: the upload file (``Export``), the assignment columns it fills (``Column``), how
a score and a row are written (``number``, ``rows_to_text``), and the refusal (``ExportError``)."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from autograder.results import Result


class ExportError(ValueError):
    """The file cannot be written as the LMS would read it; the message says why and for whom."""


@dataclass
class Export:
    text: str
    notes: list[str]        # what the instructor must know: new columns, missing and unmatched students
    suffix: str = ""        # the file name ending the LMS reads this file by, if it has one

    def name_note(self, destination: Path) -> list[str]:
        """A note when the file is about to be saved under a name the LMS would read another way."""
        if self.suffix and destination.suffix.lower() != self.suffix:
            return [f"{destination.name}: the LMS reads this file as {self.suffix}; name it "
                    f"{destination.with_suffix(self.suffix).name}"]
        return []


@dataclass(frozen=True)
class Column:
    """One assignment's scores, filed by roster key, and the LMS column they go into (``columns.py``)."""
    assignment_id: str
    title: str                      # the LMS column's bare title
    max_score: float
    results: dict[str, Result]      # roster entry key -> result
    header: str = ""                # the header written: the roster's own, byte for byte (or a new column's)
    points: float | None = None     # the LMS column's points, where the roster states them
    problems: tuple[str, ...] = ()  # the assignment's problem ids, in the catalogue's order


def number(score: float, decimal: str = ".") -> str:
    """A score as the importers read it: no thousands separator, at most 2 decimals (what Canvas, Moodle,
    Blackboard and Brightspace show), ``decimal`` as the decimal point."""
    return f"{round(score, 2):.2f}".rstrip("0").rstrip(".").replace(".", decimal)


def rows_to_text(rows: list[list[str]], *, delimiter: str = ",", quote_all: bool = False,
                 excel: bool = False) -> str:
    """RFC 4180 rows: fields with the delimiter, a quote or a newline quoted (every field with ``quote_all``);
    ``excel`` starts the file with a BOM so Excel on Korean Windows reads it as UTF-8."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n",
                        quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL)
    writer.writerows(rows)
    return ("\ufeff" if excel else "") + out.getvalue()
