"""A language's chosen words (``assignments/<lang>/glossary.toml``), taken from the lecture notes."""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Term:
    english: str
    chosen: str
    avoid: tuple[str, ...] = ()
    note: str = ""


def load(folder: Path) -> list[Term]:
    """The terms of the glossary in ``folder`` (``assignments/<lang>/``)."""
    data = tomllib.loads((folder / "glossary.toml").read_text(encoding="utf-8"))
    return [Term(english, t["ko"] if "ko" in t else t["chosen"], tuple(t.get("avoid", ())), t.get("note", ""))
            for english, t in data["terms"].items()]


# A quotation of the notes keeps their spelling: 「a title」, "a sentence", a bold numbered section (**7. ...**).
QUOTATIONS = re.compile(r"「[^」]*」|“[^”]*”|\"[^\"]{0,300}\"|\*\*\d[^*]*\*\*")


def violations(text: str, terms: list[Term]) -> list[str]:
    """Each spelling the glossary rules out that ``text`` uses outside quotations, with the one to use instead."""
    text = QUOTATIONS.sub(" ", re.sub(r"\s+", " ", text))  # a term may be wrapped over two lines
    return [f"{avoided!r} (write {term.chosen!r} for {term.english})"
            for term in terms for avoided in term.avoid if avoided in text]
