"""The language a report is written in: the feedback, the class report and the run's summary say their own words
with ``say("reports.<module>.<name>", English, ...)`` (Korean in ``autograder/messages/ko/reports.toml``) and
write every message of a result (a failed test's, why a notebook was not graded, a late note) in that language,
before anything splits or strips it (a ``str`` method gives back the plain English).

A page's words are trusted markup (the kit's own templates hold no ``<`` or ``&``); what goes into them is
escaped first (``escape``) or is markup the kit made (``code``), so a page stays escaped in any language.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from markupsafe import Markup, escape

from autograder import messages
from autograder.messages.templates import description_key, templates, title_key

__all__ = ["Language", "ENGLISH", "code", "escape"]


@dataclass(frozen=True)
class Language:
    """``lang`` and its templates (key -> template; a test's description under ``description_key``)."""
    lang: str = "en"
    table: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, lang: str | Language, course: Path) -> Language:
        """``lang`` as it is when it is already a ``Language``, else with the templates of the kit and ``course``."""
        return lang if isinstance(lang, Language) else cls(lang, templates(lang, Path(course)))

    def __call__(self, text: str) -> str:
        """``text`` in this language: a ``Text`` from its template (English when there is none), a plain string
        as it is."""
        return messages.render(text, self.lang, self.table)

    def markup(self, text: str) -> Markup:
        """A kit message for a page, whose parameters were escaped or made as markup: its words are the kit's."""
        return Markup(self(text))

    def title(self, assignment, problem=None) -> str:
        """The assignment's title (or ``problem``'s, a catalogue ``Problem``) in this language; else the English."""
        english = assignment.title if problem is None else problem.title
        key = title_key(assignment.id, None if problem is None else problem.id)
        return english if self.lang == "en" else self.table.get(key, english)

    def description(self, assignment: str, test) -> str:
        """A test's one-line description in this language (the English one when it has none), else its name."""
        if not test.description:
            return test.name
        english = self(test.description)
        return english if self.lang == "en" else self.table.get(description_key(assignment, test.name), english)


ENGLISH = Language()


def code(text: str, html: bool) -> str:
    """``text`` as code: between backticks in Markdown, in ``<code>`` (escaped) on a page."""
    return Markup("<code>{}</code>").format(text) if html else f"`{text}`"
