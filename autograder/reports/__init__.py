"""What a grading run leaves behind for people: grades.csv (``grades_csv``), the progress bar and the summary on
the terminal (``terminal``), each student's feedback (``feedback``), and the class report for the instructor
(``class_report``); ``names`` says how a student is named, ``language`` writes them all in the course's language."""
from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2

TEMPLATES = Path(__file__).with_name("templates")


@cache
def templates() -> jinja2.Environment:
    """The pages' jinja2 templates, every value escaped (autoescape) and every name required (StrictUndefined)."""
    return jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, trim_blocks=True,
                              lstrip_blocks=True, undefined=jinja2.StrictUndefined)
