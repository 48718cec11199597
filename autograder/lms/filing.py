"""Which result belongs on which roster row, and the cells and refusals every exporter shares.

Results are filed by the ids the grading roster gave each student (``Result.ids``, by kind: canvas_id,
institution_id, login, email), so a class graded with one LMS's roster can be exported with another's as long
as both know one id of the student; never by name.  A result graded without a roster is filed where its
student id is one of the row's ids; one the grading roster could not match is never filed.  A result that fits
two rows, or two results that fit one row, stop the export: a file an LMS accepts but matches wrongly is worse
than one it refuses.
"""
from __future__ import annotations

from autograder.lms.gradebook_file import Column, ExportError, number
from autograder.lms.roster import Roster, RosterEntry
from autograder.results import Result


def _comparable(kind: str, value: str) -> str:
    value = value.strip()
    return value.casefold() if kind in ("email", "login") else value


def file_results(roster: Roster, results: list[Result], title: str) -> tuple[dict[str, Result], list[str]]:
    """{roster key: result} for the rows some result belongs to, and a note per result on no row."""
    by_id: dict[tuple[str, str], list[RosterEntry]] = {}
    for entry in roster.entries:
        for kind, value in entry.ids.items():
            by_id.setdefault((kind, _comparable(kind, value)), []).append(entry)
    filed: dict[str, Result] = {}
    notes = []
    for result in results:
        who = f"{result.name or result.student_id} ({result.student_id})"
        if result.roster == "unmatched":  # its id is the LMS's or a file's, not a rostered student's
            notes.append(f"{who} matched no rostered student when graded: not exported for {title!r}")
            continue
        entries = _rows_of(result, roster, by_id)
        if not entries:
            notes.append(f"{who} is on no roster row: not exported for {title!r}")
            continue
        if len(entries) > 1:
            raise ExportError(f"the result of {who} for {title!r} fits several roster rows: "
                              + ", ".join(f"{e.name} ({e.key})" for e in entries) + "; fix the roster's ids")
        entry = entries[0]
        if entry.key in filed:
            other = filed[entry.key]
            raise ExportError(f"two results for {title!r} belong to {entry.name} ({entry.key}): "
                              f"{other.student_id} and {result.student_id}; keep one")
        filed[entry.key] = result
    return filed, notes


def _rows_of(result: Result, roster: Roster, by_id: dict) -> list[RosterEntry]:
    ids = result.ids
    if ids:
        candidates = [e for kind, value in ids.items() for e in by_id.get((kind, _comparable(kind, value)), [])]
    else:  # graded without a roster: the student id (a file name, an nbgrader student) is one of the row's ids
        sid = result.student_id
        candidates = [e for e in roster.entries
                      if sid == e.student_id or sid in (v.strip() for v in e.ids.values())]
    return list({e.key: e for e in candidates}.values())


def require_ids(roster: Roster, entries: list[RosterEntry], kinds: tuple[str, ...], what: str) -> None:
    """Refuse, naming every student concerned, when a row lacks all of ``kinds`` (the LMS could not find them)."""
    lacking = [f"{e.name} ({e.key})" for e in entries if not any(e.ids.get(k, "").strip() for k in kinds)]
    lacking += [f"{name} (no id at all)" for name in roster.unidentified]
    if lacking:
        raise ExportError(f"{len(lacking)} roster row(s) have no {what}, so the LMS could not tell whose grades "
                          f"they are: {'; '.join(lacking)}. Export the roster again with that column filled in")


def handed_in(column: Column, key: str) -> Result | None:
    """The result filed under ``key``, unless the student handed in nothing (no result, or ``missing``)."""
    result = column.results.get(key)
    return None if result is None or result.status == "missing" else result


def missing_notes(columns: list[Column], entries: list[RosterEntry]) -> list[str]:
    """A note per rostered student left blank in a column (no submission, or no result at all)."""
    return [f"{entry.name} ({entry.key}): no submission for {column.title!r}, left blank"
            for column in columns for entry in entries if handed_in(column, entry.key) is None]


def score_cell(column: Column, entry: RosterEntry, decimal: str = ".") -> str:
    """The score, or blank (no grade, in every LMS) when the student handed in nothing."""
    result = handed_in(column, entry.key)
    return "" if result is None else number(result.score, decimal)


def refuse_above(columns: list[Column], entries: list[RosterEntry], maximum: dict[str, float], lms: str,
                 consequence: str) -> None:
    """Refuse scores above the LMS column's maximum, naming each student (``maximum``: by assignment title)."""
    above = [f"{e.name} ({e.key}) {r.score:g} > {maximum[c.title]:g} in {c.title!r}"
             for c in columns for e in entries
             if (r := handed_in(c, e.key)) is not None and round(r.score, 2) > maximum[c.title]]
    if above:
        raise ExportError(f"{len(above)} score(s) are above {lms}'s maximum ({consequence}): {'; '.join(above)}")
