"""A translation file, and the edition of a notebook it makes.

``assignments/<lang>/<assignment>.toml`` holds, under ``[cells]``, the translated source of each cell by
the cell's id in the English source notebook (TOML literal strings, so LaTeX backslashes stay as written).
A cell it does not name is the same in both editions.  The check-helpers cell comes from
``autograder/notebook_cells`` in the edition's language.
"""
from __future__ import annotations

import copy
import json
import tomllib
from pathlib import Path

from autograder import catalogue
from autograder.editions.code_identity import differences
from autograder.notebook_cells import check_helpers_source


class TranslationError(ValueError):
    """A translation file that does not fit its notebook; the message says which cell and why."""


def translation_file(assignment: catalogue.Assignment, lang: str) -> Path:
    return assignment.root / "assignments" / lang / f"{assignment.id}.toml"


def load(assignment: catalogue.Assignment, lang: str) -> dict[str, str]:
    """Cell id -> translated source (without a final newline)."""
    data = tomllib.loads(translation_file(assignment, lang).read_text(encoding="utf-8"))
    return {cell_id: source.rstrip("\n") for cell_id, source in data.get("cells", {}).items()}


def source_notebook(assignment: catalogue.Assignment) -> dict:
    return json.loads(assignment.source_notebook.read_text(encoding="utf-8"))


def edition(assignment: catalogue.Assignment, lang: str) -> dict:
    """The source notebook of ``assignment`` in ``lang``, as notebook JSON; checked cell by cell."""
    english = source_notebook(assignment)
    if lang == "en":
        return english
    cells = load(assignment, lang)
    notebook = copy.deepcopy(english)
    known = {cell["id"] for cell in notebook["cells"]}
    if unknown := sorted(set(cells) - known):
        raise TranslationError(f"{translation_file(assignment, lang).name}: no cell has the id(s) {unknown}")
    for cell in notebook["cells"]:
        if cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") == "check_helpers":
            translated = check_helpers_source(lang)
        elif cell["id"] in cells:
            translated = cells[cell["id"]]
        else:
            continue
        original = "".join(cell["source"])
        if cell["cell_type"] == "code" and (problems := differences(original, translated)):
            raise TranslationError(f"cell {cell['id']}: " + "; ".join(problems))
        cell["source"] = translated.splitlines(keepends=True)
    notebook["metadata"]["language"] = lang
    return notebook


def write_notebook(notebook: dict, path: Path) -> None:
    """As Jupyter and nbformat write a notebook (indent 1, UTF-8, final newline)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
