"""Where a language's templates live, and the list of every message the kit can say (for the tests).

A language's templates: ``autograder/messages/<lang>/*.toml`` (the kit's own messages, one file per area:
checks, grading, reports) and the course's ``assignments/<lang>/<assignment>.toml`` (each assignment's grader
messages, under ``[messages]``; its tests' one-line descriptions, under ``[descriptions]``, by test name, read
as the keys ``<assignment>.description.<test>``; its title and its problems' titles, under ``[titles]``, read as
``<assignment>.title`` and ``<assignment>.title.<problem>``).  Each table maps a key to a ``str.format`` template.
"""
from __future__ import annotations

import ast
import tomllib
from functools import cache
from pathlib import Path

KIT = Path(__file__).resolve().parent.parent  # the autograder package


@cache
def templates(lang: str, course: Path) -> dict[str, str]:
    """Key -> template in ``lang``, from the kit's files and the course's assignment files (empty for English)."""
    found: dict[str, str] = {}
    if lang == "en":
        return found
    for path in sorted((KIT / "messages" / lang).glob("*.toml")):
        found |= tomllib.loads(path.read_text(encoding="utf-8")).get("messages", {})
    for path in sorted((Path(course) / "assignments" / lang).glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        found |= data.get("messages", {})
        found |= {f"{path.stem}.description.{test}": text for test, text in data.get("descriptions", {}).items()}
        found |= {title_key(path.stem, None if name == "assignment" else name): text
                  for name, text in data.get("titles", {}).items()}
    return found


def description_key(assignment: str, test: str) -> str:
    """The key of a test's one-line description (its docstring's first line in English)."""
    return f"{assignment}.description.{test}"


def title_key(assignment: str, problem: str | None = None) -> str:
    """The key of the assignment's title (``problem`` None) or of one problem's title."""
    return f"{assignment}.title" if problem is None else f"{assignment}.title.{problem}"


def is_course_text(key: str) -> bool:
    """A description or a title: text of the course's files, not a message the kit says."""
    return ".description." in key or key.endswith(".title") or ".title." in key


def said(root: Path = KIT) -> dict[str, list[tuple[str, str]]]:
    """Every ``say("key", "English", ...)`` in the Python files under ``root``: key -> [(English, where)]."""
    found: dict[str, list[tuple[str, str]]] = {}
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _named(node.func) == "say":
                where = f"{path.relative_to(root.parent)}:{node.lineno}"
                key, english = (node.args + [None, None])[:2]
                if not (isinstance(key, ast.Constant) and isinstance(english, ast.Constant)):
                    found.setdefault("<not literal>", []).append(("", where))
                    continue
                found.setdefault(key.value, []).append((english.value, where))
    return found


def _named(func: ast.expr) -> str:
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
