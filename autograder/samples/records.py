"""What an assignment's mistakes file (``autograder/samples/mistakes/<id>.py``) declares.

One list of typical mistakes serves twice: the grader proof (``tests/test_grader_<id>.py``) checks that the hidden
graders reject each one with its phrase, and the sample class (``autograder.samples.sample_class``) hands them in, so a
demo student's mistake is always a proven one.
"""
from __future__ import annotations

import textwrap
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Mistake:
    """A wrong implementation: the reference solution with ``source``'s definitions in place of its own."""
    id: str
    problem: str
    phrase: str         # a failing test's message must contain this
    source: str         # the definitions a student wrote (indented as in the file: it is dedented)
    code: str = ""      # ... and, when given, a failing test must carry this mistake code
    visible: str = ""   # ... and, when given, the visible check cell's ✘ message must contain this

    @property
    def cell(self) -> str:
        """The source as a student's solution cell holds it."""
        return textwrap.dedent(self.source).lstrip("\n")


@dataclass(frozen=True)
class SampleStudent:
    """One notebook of a sample class: the release with some solution cells filled, or a broken file."""
    id: str
    story: str  # what this student did, in one line
    answers: dict[str, str] = field(default_factory=dict)  # problem id -> source of its solution cell
    extra_cells: tuple[str, ...] = ()  # code cells appended after the last cell
    raw: str | None = None  # the file's whole content, for broken files
    blank: bool = False  # hand in the release untouched
    mistakes: tuple[str, ...] = ()  # ids of the assignment's mistakes whose cells this student hands in


def find(mistakes: list[Mistake], mistake_id: str) -> Mistake:
    """The mistake called ``mistake_id``."""
    for mistake in mistakes:
        if mistake.id == mistake_id:
            return mistake
    raise KeyError(f"no mistake {mistake_id!r}")


# ------------------------------------------------------------ hostile code, for any function

INFINITE_LOOP = "    while True:\n        pass\n"
MEMORY_BOMB = "    hoard = []\n    while True:\n        hoard.append(bytearray(100 * 1024 * 1024))\n"
HARD_EXIT = "    import os\n    os._exit(3)\n"
PRINT_FLOOD = "for _ in range(1_000_000):\n    print('x' * 100)\n"


def hostile(signature: str, body: str) -> str:
    """A solution cell defining ``signature`` with a hostile ``body`` (``INFINITE_LOOP``, ``MEMORY_BOMB``, ...)."""
    return f"def {signature}:\n{body}"
