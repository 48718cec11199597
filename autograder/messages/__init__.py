"""Student-facing messages that render in the course's language.

A message is made where the kit decides it, with a stable key, its English template and its parameters::

    say("01_sigmoid.squeezed", "{call} returned a single number; it must return an array of shape {shape}.",
        call=text, shape=shape)

It is a ``Text``: a ``str`` whose value is the English (so everything that reads strings, and every English test,
sees exactly what an f-string gave), which also carries the key and the parameters.  ``render(text, lang,
templates)`` writes it in another language from that language's template of the same key (English when the
language has none); a parameter that is itself a ``Text`` renders in that language too.  ``Text + str`` stays a
``Text`` (the built-in key ``+``).  ``to_json``/``from_json`` keep key and parameters in a result file, so a
report can be written again in either language without grading again.

Templates are ``str.format`` strings.  A parameter that is not a plain number or string (an array, a shape,
a numpy integer) is stored as the text the English template made of it, and is inserted as that text in
every language.
"""
from __future__ import annotations

import string
from typing import Any

JOIN = "+"  # the key of ``a + b``: its parts rendered one after the other


class Text(str):
    """An English message that knows its key and parameters (see the module's docstring)."""
    key: str
    params: dict[str, Any]

    def __new__(cls, english: str, key: str, params: dict[str, Any]) -> Text:
        text = super().__new__(cls, english)
        text.key, text.params = key, params
        return text

    def __add__(self, other: str) -> Text:
        if not isinstance(other, str):
            return NotImplemented
        return Text(str.__add__(self, other), JOIN, {"a": self, "b": other})

    def __radd__(self, other: str) -> Text:
        if not isinstance(other, str):
            return NotImplemented
        return Text(str.__add__(other, self), JOIN, {"a": other, "b": self})

    def __reduce__(self):  # pickles (a worker's result crossing processes) keep the key and parameters
        return (Text, (str(self), self.key, self.params))


class Formatted(str):
    """A parameter already written as the English template wrote it (an array, a shape): inserted as it is."""


def say(key: str, english: str, /, **params: Any) -> Text:
    """The message ``key``: ``english`` (a ``str.format`` template) filled with ``params``."""
    text = english.format(**params)
    stored = {}
    for _, field, spec, conversion in string.Formatter().parse(english):
        if field is None or field in stored:
            continue
        value = params[field]
        if isinstance(value, (Text, str, bool, int, float)) or value is None:
            stored[field] = value.item() if hasattr(value, "item") and not isinstance(value, str) else value
        else:
            shown = repr(value) if conversion == "r" else str(value) if conversion == "s" else value
            stored[field] = Formatted(format(shown, spec or ""))
    return Text(text, key, stored)


def message_of(err: BaseException) -> str:
    """An exception's message: the ``Text`` it was raised with (which renders in any language), else its text."""
    return err.args[0] if len(err.args) == 1 and isinstance(err.args[0], Text) else str(err)


def join(separator: str, parts: list[str]) -> str:
    """``separator.join(parts)`` that keeps the parts' keys (a ``Text`` when any part is one)."""
    if not parts:
        return ""
    joined = parts[0]
    for part in parts[1:]:
        joined = joined + separator + part if isinstance(joined, Text) else (joined + separator) + part
    return joined


def first_line(text: str) -> str:
    """``text.split("\n")[0]`` that keeps the keys of the pieces a joined ``Text`` is made of."""
    if "\n" not in text:
        return text
    if isinstance(text, Text) and text.key == JOIN:
        first, rest = text.params["a"], text.params["b"]
        return first_line(first) if "\n" in first else first + first_line(rest)
    return text.split("\n")[0]


class _Formatter(string.Formatter):
    def convert_field(self, value: Any, conversion: str | None) -> Any:
        return value if isinstance(value, Formatted) else super().convert_field(value, conversion)

    def format_field(self, value: Any, format_spec: str) -> Any:
        return str(value) if isinstance(value, Formatted) else super().format_field(value, format_spec)


def render(text: str, lang: str, templates: dict[str, str]) -> str:
    """``text`` in ``lang``, from ``templates`` (key -> template of that language); English when there is none."""
    if lang == "en" or not isinstance(text, Text):
        return str(text)
    values = {name: render(value, lang, templates) if isinstance(value, Text) else value
              for name, value in text.params.items()}
    if text.key == JOIN:
        return str(values["a"]) + str(values["b"])
    template = templates.get(text.key)
    if template is None:
        return str(text)
    return _Formatter().format(template, **values)


def to_json(text: str) -> dict | None:
    """A ``Text``'s key and parameters, for a result file (None for a plain string)."""
    if not isinstance(text, Text):
        return None
    return {"key": text.key, "params": {name: _param_json(value) for name, value in text.params.items()}}


def _param_json(value: Any) -> Any:
    if isinstance(value, Text):
        return {"text": str(value), **to_json(value)}
    if isinstance(value, Formatted):
        return {"formatted": str(value)}
    return value


def from_json(english: str, data: dict | None) -> str:
    """The message read back from a result file: a ``Text`` again when the file kept its key."""
    if not data:
        return english
    return Text(english, data["key"], {name: _param_from_json(value) for name, value in data["params"].items()})


def _param_from_json(value: Any) -> Any:
    if isinstance(value, dict) and "formatted" in value:
        return Formatted(value["formatted"])
    if isinstance(value, dict) and "key" in value:
        return from_json(value["text"], value)
    return value


def fields(template: str) -> set[tuple[str, str, str]]:
    """The (name, conversion, spec) of each placeholder: a translation must keep them all."""
    return {(field, conversion or "", spec or "") for _, field, spec, conversion in string.Formatter().parse(template)
            if field is not None}
