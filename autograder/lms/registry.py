"""Every LMS the kit knows, by name: each module of ``lms/systems/`` holds one ``Lms`` record (``plugin.py``),
found here, so the command line, the nbgrader export plugins, the demo and the tests iterate one list and adding
an LMS is adding its module.  Also the roster reader that asks each LMS whether a file is its export.
"""
from __future__ import annotations

import functools
import importlib
import pkgutil
from pathlib import Path

from autograder.lms import systems
from autograder.lms.plugin import Lms
from autograder.lms.roster import Roster, RosterError, read_table


@functools.cache
def all_lms() -> tuple[Lms, ...]:
    """Every LMS, in listing order."""
    found = [importlib.import_module(f"{systems.__name__}.{module.name}").LMS
             for module in pkgutil.iter_modules(systems.__path__)]
    return tuple(sorted(found, key=lambda lms: lms.order))


def names() -> list[str]:
    """Every LMS's name, in listing order: the ``--format`` choices."""
    return [lms.name for lms in all_lms()]


def get(name: str) -> Lms:
    """The LMS called ``name``; a KeyError names the known ones."""
    for lms in all_lms():
        if lms.name == name:
            return lms
    raise KeyError(f"unknown LMS {name!r}: one of {', '.join(names())}")


def read_roster(path: Path) -> Roster:
    """The roster in ``path``, read by the LMS whose export it is (asked in each reader's precedence)."""
    table = read_table(path)
    readers = [lms.roster for lms in all_lms() if lms.roster]   # in listing order, as the refusal lists them
    for reader in sorted(readers, key=lambda reader: reader.precedence):
        if reader.recognises(table):
            return reader.read(table)
    listed = ", ".join(r.described for r in readers[:-1]) + " or " + readers[-1].described
    raise RosterError(f"the roster {path} is not a gradebook export of {listed}: its header is "
                      f"{', '.join(table.header[:6])}")
