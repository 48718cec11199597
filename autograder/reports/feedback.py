"""Each student's feedback: Markdown (it fits an LMS comment box), an HTML page, and plain text for nbgrader.

Per problem the score and, for each failed test, what went wrong and what to try, in the graders' own words;
the late penalty if any.  A message is said once: the failed tests of a problem that share it are listed
together with the message under them (a function that crashes the same way in four tests is one thing to fix),
and a student who handed in nothing is told so in one line, not once per test.  The student is named as they
write their name (``names.shown_name``).  It shows only results: never grader code or reference code.  The HTML
page is one self-contained file (its style inline, no script, no network), every text escaped by jinja2's
autoescape.

Everything is written in one language (``lang``: the course's, English by default): the page's own words and
every message of the result, each rendered before it is grouped, stripped or split (``language``).
"""
from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from autograder import catalogue
from autograder.catalogue import Assignment
from autograder.messages import say
from autograder.reports import templates
from autograder.reports.language import ENGLISH, Language, code, escape
from autograder.reports.names import shown_name
from autograder.results import ProblemResult, Result, TestResult, write_atomically


def _points(x: float) -> str:
    return f"{x:g}"


def stand_in_note(names: list[str], lang: Language = ENGLISH) -> str:
    """Why a problem did not lose points for the mistakes of the functions it calls."""
    if not names:
        return ""
    listed = f"`{names[0]}`"
    for n in names[1:]:
        listed = say("reports.feedback.stand_in_and", "{a} and {b}", a=listed, b=f"`{n}`")
    if len(names) == 1:
        return lang(say("reports.feedback.stand_in_one",
                        "Graded with a correct {listed} standing in for yours, so a mistake there costs points only "
                        "once: its own problem says what is wrong.", listed=listed))
    return lang(say("reports.feedback.stand_in_many",
                    "Graded with a correct {listed} standing in for yours, so a mistake there costs points only "
                    "once: their own problem says what is wrong.", listed=listed))


def _broken_stand_ins(problem: ProblemResult, result: Result) -> list[str]:
    """The stand-ins this problem's grading used for functions that lost points in their own problem."""
    problems = result.problems
    return [n for n in problem.stand_ins if n in problems and problems[n].score < problems[n].max_score]


def same_message(count: int, lang: Language = ENGLISH) -> str:
    """The caption of a message shared by ``count`` failed tests."""
    return lang(say("reports.feedback.same_message", "These {count} tests failed the same way:", count=count))


def grouped(tests: list[TestResult], lang: Language = ENGLISH) -> list[tuple[list[TestResult], str]]:
    """The tests as they are shown: a passed test alone (message ``""``), the failed tests of one message together
    with it, where the first of them was.  Messages are compared as the student reads them (in ``lang``)."""
    blocks: list[tuple[list[TestResult], str]] = []
    by_message: dict[str, list[TestResult]] = {}
    for test in tests:
        message = lang(test.message).strip()
        if test.passed:
            blocks.append(([test], ""))
        elif message in by_message:
            by_message[message].append(test)
        else:
            by_message[message] = [test]
            blocks.append((by_message[message], message))
    return blocks


def _failure_lines(tests: list[TestResult], message: str, indent: str, lang: Language) -> list[str]:
    """The message of a block of failed tests, under them: once, with a caption when several share it."""
    caption = [indent + same_message(len(tests), lang)] if len(tests) > 1 and message else []
    return caption + [indent + ln for ln in message.splitlines()]


def problem_markdown(problem_id: str, title: str, result: ProblemResult, note: str = "",
                     lang: Language = ENGLISH, assignment: str = "") -> str:
    """One problem: its score, a note on its stand-ins, then one line per test, each failure's message under the
    failed tests that share it.  ``assignment``: whose tests' descriptions ``lang`` has."""
    mark = "✅" if result.score == result.max_score else ("⚠️" if result.score > 0 else "❌")
    lines = [f"### {mark} `{problem_id}`: {title} — {_points(result.score)} / {_points(result.max_score)}", ""]
    if note:
        lines += [f"*{note}*", ""]
    for tests, message in grouped(result.tests, lang):
        for test in tests:
            label = lang.description(assignment, test)
            lines.append(f"- ✔ {label} (+{_points(test.points)})" if test.passed
                         else f"- ✘ {label} (0 / {_points(test.max_points)})")
        if not tests[0].passed:
            lines.extend(_failure_lines(tests, message, "  ", lang))
    return "\n".join(lines)


def problem_text(problem_id: str, result: ProblemResult, lang: str | Language = "en", assignment: str = "") -> str:
    """Plain text for a notebook cell's output (nbgrader feedback).  ``assignment``: whose tests' descriptions
    ``lang`` has (without it, the English descriptions)."""
    lang = Language.of(lang, catalogue.course_root())
    lines = [lang(say("reports.feedback.text_score", "{problem}: {score} / {max} points", problem=problem_id,
                      score=_points(result.score), max=_points(result.max_score)))]
    if result.stand_ins:
        lines.append("  " + stand_in_note(result.stand_ins, lang))
    passed, failed = lang(say("reports.feedback.text_pass", "pass")), lang(say("reports.feedback.text_fail", "FAIL"))
    for tests, message in grouped(result.tests, lang):
        lines.extend(f"  [{passed if test.passed else failed}] {lang.description(assignment, test)}"
                     for test in tests)
        if not tests[0].passed:
            lines.extend(_failure_lines(tests, message, "         ", lang))
    return "\n".join(lines)


def _problems(assignment: Assignment, result: Result,
              lang: Language = ENGLISH) -> list[tuple[str, str, ProblemResult, str]]:
    """Each problem's id, title, result and stand-in note (only for stand-ins whose own problem lost points)."""
    return [(p.id, lang.title(assignment, p), result.problems[p.id],
             stand_in_note(_broken_stand_ins(result.problems[p.id], result), lang)) for p in assignment.problems]


def nothing_handed_in(result: Result, lang: Language = ENGLISH) -> str:
    """The one line a student who handed in nothing reads, in place of every test's "nothing was handed in"."""
    return lang(say("reports.feedback.nothing_handed_in",
                    "Nothing was handed in: no notebook of yours was found, so every problem scores 0 of {max} points.",
                    max=_points(result.max_score)))


def _graded_file(result: Result, lang: Language, html: bool) -> str:
    """Which notebook was graded, and which others were handed in (the latest counts)."""
    others = result.other_files
    if not others:
        return lang(say("reports.feedback.graded_file", "Graded: {file}", file=code(result.submitted_file, html)))
    listed = [code(o, html) for o in others]
    return lang(say("reports.feedback.graded_latest",
                    "Graded: {file}, the latest of the {count} notebooks you handed in (not graded: {others})",
                    file=code(result.submitted_file, html), count=len(others) + 1,
                    others=Markup(", ").join(listed) if html else ", ".join(listed)))


def _score(who: str, total: str, lang: Language) -> str:
    return lang(say("reports.feedback.score", "{who}: {total} points", who=who, total=total))


def _late(result: Result, lang: Language, html: bool) -> tuple[str, str]:
    """The late note's label and its sentence."""
    note = lang(result.late_note)
    return (lang(say("reports.feedback.late", "Late")),
            lang(say("reports.feedback.late_note", "{note}. Your score before the penalty: {score}.",
                     note=escape(note) if html else note, score=_points(result.raw_score))))


def _not_graded(result: Result, lang: Language) -> str:
    return lang(say("reports.feedback.not_graded", "Not graded ({status})", status=result.status))


def _cell_raised(error: dict, lang: Language, html: bool) -> str:
    message = lang(error["message"])
    return lang(say("reports.feedback.cell_raised", "A cell of your notebook raised {error}: {message}",
                    error=code(error["type"], html), message=escape(message) if html else message))


def feedback_markdown(assignment: Assignment, result: Result, lang: str | Language = "en") -> str:
    """The student's feedback: score, which file, the late penalty, why it was not graded if so, then each
    problem's tests; in ``lang`` (a language code or a ``Language``)."""
    lang = Language.of(lang, assignment.root)
    total = f"{_points(result.score)} / {_points(result.max_score)}"
    lines = [f"# {lang.title(assignment)}", "", _score(f"**{shown_name(result)}**", total, lang), ""]
    if result.status == "missing":
        return "\n".join(lines + [f"> **{nothing_handed_in(result, lang)}**", ""])
    if result.submitted_file:
        lines += [_graded_file(result, lang, html=False), ""]
    if result.late_penalty:
        label, note = _late(result, lang, html=False)
        lines += [f"> **{label}**: {note}", ""]
    if result.status != "graded":
        lines += [f"> **{_not_graded(result, lang)}**: {lang(result.message)}", ""]
    for error in result.notebook_errors:
        lines += [f"> {_cell_raised(error, lang, html=False)}", ""]
    for problem_id, title, problem, note in _problems(assignment, result, lang):
        lines += [problem_markdown(problem_id, title, problem, note, lang, assignment.id), ""]
    return "\n".join(lines)


def feedback_html(assignment: Assignment, result: Result, lang: str | Language = "en") -> str:
    """The same feedback as a web page (its ``lang`` attribute the language's)."""
    lang = Language.of(lang, assignment.root)
    missing = result.status == "missing"
    total = Markup('<strong id="total">{} / {}</strong>').format(_points(result.score), _points(result.max_score))
    late, late_note = _late(result, lang, html=True) if result.late_penalty else ("", "")
    words = {"score": Markup(_score(Markup('<strong id="student">{}</strong>').format(shown_name(result)), total,
                                    lang)),
             "graded": Markup(_graded_file(result, lang, html=True)) if result.submitted_file else "",
             "late": late, "late_note": Markup(late_note),
             "not_graded": _not_graded(result, lang), "why": lang(result.message),
             "cells": [Markup(_cell_raised(e, lang, html=True)) for e in result.notebook_errors]}
    return templates().get_template("feedback.html.j2").render(
        lang=lang.lang, assignment=assignment, title=lang.title(assignment), result=result, who=shown_name(result),
        points=_points,
        grouped=lambda tests: grouped(tests, lang), label=lambda test: lang.description(assignment.id, test),
        same_message=lambda count: same_message(count, lang), words=words,
        nothing=nothing_handed_in(result, lang) if missing else "",
        problems=[] if missing else _problems(assignment, result, lang))


def write_feedback(out: Path, assignment: Assignment, results: list[Result], lang: str | Language = "en") -> None:
    """``out/feedback/<student>.md`` and ``.html`` for every result, in ``lang``."""
    lang = Language.of(lang, assignment.root)
    for result in results:
        folder, student = out / "feedback", result.student_id  # an id may hold dots: no with_suffix
        write_atomically(folder / f"{student}.md", feedback_markdown(assignment, result, lang))
        write_atomically(folder / f"{student}.html", feedback_html(assignment, result, lang))


SHORT_FEEDBACK_CHARS = 400  # an LMS feedback cell, not the whole page


def short_feedback(result: Result, lang: str | Language = "en") -> str:
    """One line for an LMS's feedback column: the score, each problem's points, the first thing to fix."""
    lang = Language.of(lang, catalogue.course_root())
    if result.status == "missing":
        return lang(say("reports.feedback.short_missing", "No submission was found."))
    parts = [lang(say("reports.feedback.short_score", "{score}/{max} points", score=_points(result.score),
                      max=_points(result.max_score)))]
    if result.late_penalty:
        parts.append(lang(say("reports.feedback.short_late", "late: -{penalty}", penalty=_points(result.late_penalty))))
    parts.append(", ".join(f"{pid} {_points(p.score)}/{_points(p.max_score)}" for pid, p in result.problems.items()))
    first = first_problem_message(result, lang)
    if first:
        parts.append(lang(say("reports.feedback.short_first", "first to fix: {first}", first=first)))
    line = " ".join(". ".join(parts).split())  # no newline or tab: one cell, one line
    return line if len(line) <= SHORT_FEEDBACK_CHARS else line[:SHORT_FEEDBACK_CHARS - 1] + "…"


def first_problem_message(result: Result, lang: str | Language = "en") -> str:
    """The most useful single line about a result: why it was not graded, or its first failure."""
    lang = Language.of(lang, catalogue.course_root())
    if result.status != "graded":
        return lang(result.message)
    for problem_id, problem in result.problems.items():
        for test in problem.tests:
            message = lang(test.message).strip()
            if not test.passed and message:  # a grade without words (nbgrader's) gives no advice
                return f"{problem_id}: {message.splitlines()[0]}"
    for error in result.notebook_errors:
        message = lang(error["message"])
        return lang(say("reports.feedback.first_cell_raised", "a cell raised {error}: {message}", error=error["type"],
                        message=message.splitlines()[0] if message else ""))
    return ""
