"""The ways a check fails: each an ``AssertionError`` whose text the student reads, with a stable mistake code.

The code (``err.mistake``) is what reports count: ``"sigmoid.sign"`` for a
mistake a grader recognised by name, or the failure's kind (``"wrong_shape"``,
``"shape.column"``, ``"value.factor_-1"``, ...) when nothing more specific is known.
"""
from __future__ import annotations


class Mismatch(AssertionError):
    """A student's value is not what the problem asks for; the message says why."""
    default_code = "wrong_value"

    def __init__(self, message: str, mistake: str | None = None):
        super().__init__(message)
        self.mistake = mistake or self.default_code


class WrongType(Mismatch):
    default_code = "wrong_type"


class WrongShape(Mismatch):
    default_code = "wrong_shape"


class WrongDtype(Mismatch):
    default_code = "wrong_dtype"


class NotFinite(Mismatch):
    default_code = "not_finite"


class WrongValue(Mismatch):
    default_code = "wrong_value"


class WarningRaised(Mismatch):
    default_code = "warning"


class ArgumentMutated(Mismatch):
    default_code = "mutated_input"


class BadPlot(Mismatch):
    default_code = "bad_plot"
