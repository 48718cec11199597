"""The bundle's settings, written by ``autograder gradescope`` and read by every run: which assignment, when
students may see the hidden tests' results, and the language of what they read."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

# Gradescope's visibility values (https://gradescope-autograders.readthedocs.io/en/latest/specs/).
VISIBILITIES = ("hidden", "after_due_date", "after_published", "visible")
DEFAULT_VISIBILITY = "after_published"  # hidden tests: shown once the instructor publishes the grades


@dataclass(frozen=True)
class BundleConfig:
    assignment: str
    visibility: str = DEFAULT_VISIBILITY
    grader_version: str = ""  # the engine's fingerprint of the graders when the bundle was built
    lang: str = "en"  # the course's language when the bundle was built: the results students read are in it

    def __post_init__(self) -> None:
        if self.visibility not in VISIBILITIES:
            raise ValueError(f"visibility {self.visibility!r} is not one of Gradescope's: {', '.join(VISIBILITIES)}")

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=1) + "\n"

    @classmethod
    def read(cls, path: Path) -> "BundleConfig":
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(data["assignment"], data.get("visibility", DEFAULT_VISIBILITY), data.get("grader_version", ""),
                   data.get("lang", "en"))
