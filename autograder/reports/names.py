"""A student's name as its owner writes it: what feedback, the class report and the run's summary show.

Results keep the name exactly as the roster wrote it (grades.csv and the LMS files write it back unchanged); only
what people read is turned around here.

* Canvas's gradebook export fills its ``Student`` column with the user's ``sortable_name`` (canvas-lms
  ``lib/gradebook_exporter.rb``: ``student_name(student.sortable_name)``), which Canvas builds as
  ``"#{surname}, #{given}"`` (``app/models/user.rb`` ``User.last_name_first``; ``apply_federated_attributes``
  from a login provider's given name and surname).  A surname may itself hold ``", "`` (``Smith, Jr.``), a given
  name does not, so the name splits at its *last* ``", "``: ``Smith, Jr., John`` is ``John Smith, Jr.``.
* Korean names are written family name first with no space (``한예준``; Android's ``ContactsContract.FullNameStyle``:
  the CJK tradition is "family name, middle name, given name", Korean and Chinese without a space).  A sortable
  name is written so only when both its parts are Hangul (``Kim, Minjun`` is ``Minjun Kim``).
* Moodle, Blackboard and Brightspace rosters give first and last name in two columns, which the roster joins as
  ``First Last``: already the display form, shown as it is.

Display names are NFC (an NFD name from a Mac's file system shows as the same letters) and never written back.
"""
from __future__ import annotations

import re
import unicodedata

from autograder.results import Result

# Hangul letters in every Unicode block that has them (after NFC, modern syllables are AC00-D7A3; old or
# unusual ones stay as conjoining jamo): Jamo, Compatibility Jamo, Jamo Extended-A, Syllables, Jamo Extended-B.
_HANGUL = re.compile("[\u1100-\u11ff\u3131-\u318e\ua960-\ua97f\uac00-\ud7a3\ud7b0-\ud7ff]+")
CANVAS_SEPARATOR = ", "


def is_hangul(text: str) -> bool:
    """Whether ``text`` is one word of Hangul letters (no space, no Latin letter, not empty)."""
    return _HANGUL.fullmatch(unicodedata.normalize("NFC", text)) is not None


def display_name(name: str, sortable: bool) -> str:
    """``name`` as its owner writes it.  ``sortable``: it is Canvas's ``Family, Given`` form."""
    name = unicodedata.normalize("NFC", name).strip()
    if not sortable or CANVAS_SEPARATOR not in name:
        return name
    family, given = (part.strip() for part in name.rsplit(CANVAS_SEPARATOR, 1))
    if not family or not given:
        return name
    return family + given if is_hangul(family) and is_hangul(given) else f"{given} {family}"


def shown_name(result: Result) -> str:
    """The display name of a result, or its student id when it has no name.

    A result's name is Canvas's sortable name exactly when a Canvas roster filed it: its ids then hold the
    ``canvas_id`` (``lms/roster.py``); a Canvas download's own file names carry the sortable name with its comma
    and spaces removed (``smithjane``), which has nothing to turn around.
    """
    name = display_name(result.name or "", "canvas_id" in result.ids)
    return name or result.student_id
