"""Code cells that every notebook shares, kept here once and copied verbatim into each source notebook.

``check_helpers.py`` is the read-only "check helpers" cell: the functions the
visible check cells use.  A test keeps every notebook's copy identical to this
file; ``autograder release`` refreshes the copies before generating a release.
``check_helpers_<lang>.py`` is the same cell in another language's edition: the
same program, its messages and comments translated.
"""
from pathlib import Path

CHECK_HELPERS = Path(__file__).with_name("check_helpers.py")


def check_helpers_source(lang: str = "en") -> str:
    """The check-helpers cell, exactly as it appears in every notebook of the edition in ``lang``."""
    path = CHECK_HELPERS if lang == "en" else CHECK_HELPERS.with_name(f"check_helpers_{lang}.py")
    return path.read_text(encoding="utf-8").rstrip("\n")
