"""Where Gradescope puts things, under one root that tests can move (``AUTOGRADER_ROOT``).

Gradescope's layout (https://gradescope-autograders.readthedocs.io/en/latest/specs/): ``/autograder/source``
(the unpacked bundle), ``/autograder/submission`` (the student's files), ``/autograder/submission_metadata.json``
and ``/autograder/results/results.json`` (what the run must write).
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ROOT_VARIABLE = "AUTOGRADER_ROOT"
DEFAULT_ROOT = "/autograder"
CONFIG_NAME = "gradescope.json"  # the bundle's settings, at the zip's root (see ``config``)


@dataclass(frozen=True)
class Layout:
    root: Path

    @classmethod
    def from_environment(cls) -> "Layout":
        return cls(Path(os.environ.get(ROOT_VARIABLE) or DEFAULT_ROOT))

    @property
    def source(self) -> Path:
        return self.root / "source"

    @property
    def submission(self) -> Path:
        return self.root / "submission"

    @property
    def results_json(self) -> Path:
        return self.root / "results" / "results.json"

    @property
    def config(self) -> Path:
        return self.source / CONFIG_NAME
