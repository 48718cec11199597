"""Read a submitted notebook into the code the sandbox should run.

Runs in the grading process, so it only parses JSON: nothing from the
notebook is executed here.  Test cells (hidden tests, which the release
strips anyway) and the kit's read-only cells (visible checks, demos, the
check helpers, the summary) are skipped: the graders are the judge, and a slow
check or plot must not eat the submission's time budget.  The kit's cells are
known by their tags and, because Colab and copy-pasting drop or rewrite
metadata, also by how their source opens.
"""
from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from autograder.messages import say
from autograder.submission import MAX_NOTEBOOK_BYTES

SKIPPED_TAGS = {"visible-check", "demo"}
# How each kind of kit cell opens, in every edition of the notebooks (test_notebook_source holds every
# tagged kit cell to one of these, so a new kind of cell cannot slip past a metadata-stripped notebook).
KIT_CELL_OPENINGS = (
    "#@title Check helpers",  # the check helpers (second edition)
    "# Helpers for the check cells",  # the check helpers (first edition)
    "# Visible checks for ",
    "# Hidden tests for ",
    "# Which functions pass their visible checks",
    "with demo():",
    # the Korean edition: helpers, visible checks, hidden tests, summary
    "#@title 확인 도우미",
    "# 확인 셀:",
    "# 숨은 테스트:",
    "# 확인 요약:",
)


class InvalidNotebook(ValueError):
    """The file cannot be read as a Jupyter notebook; the message says why, for the student."""


def is_test_cell(cell: dict) -> bool:
    meta = _metadata(cell).get("nbgrader")
    return isinstance(meta, dict) and bool(meta.get("grade")) and not meta.get("solution")


def is_for_students_only(cell: dict) -> bool:
    """A kit cell students look at (check, demo, helpers, summary): graders do not need it."""
    tags = _metadata(cell).get("tags", [])
    tagged = isinstance(tags, list) and any(isinstance(tag, str) and tag in SKIPPED_TAGS for tag in tags)
    return tagged or opens_like_kit_cell(_source(cell))


def opens_like_kit_cell(source: str) -> bool:
    """True if the cell's first non-blank line is how one of the kit's own cells opens."""
    first = next((line.strip() for line in source.splitlines() if line.strip()), "")
    return first.startswith(KIT_CELL_OPENINGS)


def read_notebook(path: Path) -> bytes:
    """The file's bytes; a file too large to be a notebook is refused without reading it, and so is anything
    but a regular file (a FIFO would block the run, a device never end)."""
    with open(os.open(path, os.O_RDONLY | os.O_NONBLOCK), "rb") as f:
        info = os.fstat(f.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise InvalidNotebook(say("grading.notebook_code.not_a_file",
                                      "this is not a file (a FIFO, a device or a folder): hand in the notebook file "
                                      "itself"))
        if info.st_size > MAX_NOTEBOOK_BYTES:
            raise InvalidNotebook(_too_large(info.st_size))
        raw = f.read(MAX_NOTEBOOK_BYTES + 1)  # it may have grown since
    if len(raw) > MAX_NOTEBOOK_BYTES:
        raise InvalidNotebook(_too_large(len(raw)))
    return raw


def code_to_run(path: Path) -> list[str]:
    """The sources of the code cells the student wrote or kept, in notebook order."""
    return code_in(read_notebook(path))


def _too_large(size: int) -> str:
    return say("grading.notebook_code.too_large",
               "the file is {mb:.0f} MB; clear the outputs (Edit > Clear outputs) and resubmit", mb=size / 2**20)


def code_in(raw: bytes) -> list[str]:
    """``code_to_run`` for a notebook given as its bytes (a grader that has no access to the file)."""
    if not raw:
        raise InvalidNotebook(say("grading.notebook_code.empty",
                                  "the file is empty: save the notebook (File > Save) before submitting"))
    if len(raw) > MAX_NOTEBOOK_BYTES:
        raise InvalidNotebook(_too_large(len(raw)))
    try:
        data = json.loads(raw)
    except UnicodeDecodeError:
        raise InvalidNotebook(say("grading.notebook_code.not_text",
                                  "the file is not text: it is not a Jupyter notebook (.ipynb)")) from None
    except RecursionError:  # the parser's guard against brackets nested thousands deep
        raise InvalidNotebook(say("grading.notebook_code.too_deep",
                                  "the file is not a valid notebook: its JSON is nested far deeper than a "
                                  "notebook's; was it edited by hand or generated?")) from None
    except json.JSONDecodeError as err:
        if not raw.lstrip().startswith(b"{"):
            raise InvalidNotebook(say("grading.notebook_code.not_json",
                                      "the file is not a Jupyter notebook (a notebook is JSON starting with '{{'); "
                                      "did you submit a .py export or another file renamed to .ipynb? "
                                      "Submit the .ipynb file itself (File > Download > .ipynb).")) from None
        raise InvalidNotebook(say("grading.notebook_code.broken_json",
                                  "the file is not a valid notebook: its JSON is broken at line {line}, "
                                  "column {column} ({reason}); was it edited by hand or cut short?",
                                  line=err.lineno, column=err.colno, reason=err.msg)) from None
    cells = _cells(data)
    return [_source(cell) for cell in cells
            if cell.get("cell_type") == "code" and not is_test_cell(cell) and not is_for_students_only(cell)]


def _cells(data: object) -> list[dict]:
    """The cells of a version-4 notebook, read straight from its JSON (importing nbformat costs ~1 s)."""
    if isinstance(data, dict) and isinstance(data.get("nbformat"), int) and data["nbformat"] < 4:
        import nbformat  # only old notebooks pay for it: nbformat upgrades them to version 4

        try:
            data = nbformat.convert(nbformat.from_dict(data), 4)
        except Exception as err:  # noqa: BLE001 - nbformat raises many kinds for malformed notebooks
            raise InvalidNotebook(say("grading.notebook_code.unreadable_old", "the notebook cannot be read: {detail}",
                                      detail=str(err))) from None
    if not isinstance(data, dict) or not isinstance(data.get("cells"), list):
        raise InvalidNotebook(say("grading.notebook_code.no_cells",
                                  "the file is JSON but not a Jupyter notebook (it has no list of cells)"))
    if not all(isinstance(c, dict) and isinstance(c.get("source", ""), (str, list)) for c in data["cells"]):
        raise InvalidNotebook(say("grading.notebook_code.malformed_cell",
                                  "the notebook cannot be read: a cell is malformed (was the file edited by hand?)"))
    return data["cells"]


def _metadata(cell: dict) -> dict:
    meta = cell.get("metadata", {})
    return meta if isinstance(meta, dict) else {}


def _source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)
