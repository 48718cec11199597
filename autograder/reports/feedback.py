"""Each student's feedback: Markdown (it fits an LMS comment box), an HTML page, and plain text for nbgrader.

Per problem the score and, for each failed test, what went wrong and what to try, in the graders' own words;
the late penalty if any.  A message is said once: the failed tests of a problem that share it are listed
together with the message under them (a function that crashes the same way in four tests is one thing to fix),
and a student who handed in nothing is told so in one line, not once per test.  The student is named as they
write their name (``names.shown_name``).  It shows only results: never grader code or reference code.  The HTML
page is one self-contained file (its style inline, no script, no network), every text escaped by jinja2's
autoescape.
"""
from __future__ import annotations

from pathlib import Path

from autograder.catalogue import Assignment
from autograder.reports import templates
from autograder.reports.names import shown_name
from autograder.results import ProblemResult, Result, TestResult, write_atomically


def _points(x: float) -> str:
    return f"{x:g}"


def stand_in_note(names: list[str]) -> str:
    """Why a problem did not lose points for the mistakes of the functions it calls."""
    if not names:
        return ""
    listed = " and ".join(f"`{n}`" for n in names)
    return (f"Graded with a correct {listed} standing in for yours, so a mistake there costs points only once: "
            f"{'its' if len(names) == 1 else 'their'} own problem says what is wrong.")


def _broken_stand_ins(problem: ProblemResult, result: Result) -> list[str]:
    """The stand-ins this problem's grading used for functions that lost points in their own problem."""
    problems = result.problems
    return [n for n in problem.stand_ins if n in problems and problems[n].score < problems[n].max_score]


def same_message(count: int) -> str:
    """The caption of a message shared by ``count`` failed tests."""
    return f"These {count} tests failed the same way:"


def grouped(tests: list[TestResult]) -> list[tuple[list[TestResult], str]]:
    """The tests as they are shown: a passed test alone (message ``""``), the failed tests of one message together
    with it, where the first of them was."""
    blocks: list[tuple[list[TestResult], str]] = []
    by_message: dict[str, list[TestResult]] = {}
    for test in tests:
        message = test.message.strip()
        if test.passed:
            blocks.append(([test], ""))
        elif message in by_message:
            by_message[message].append(test)
        else:
            by_message[message] = [test]
            blocks.append((by_message[message], message))
    return blocks


def _failure_lines(tests: list[TestResult], message: str, indent: str) -> list[str]:
    """The message of a block of failed tests, under them: once, with a caption when several share it."""
    caption = [indent + same_message(len(tests))] if len(tests) > 1 and message else []
    return caption + [indent + ln for ln in message.splitlines()]


def problem_markdown(problem_id: str, title: str, result: ProblemResult, note: str = "") -> str:
    """One problem: its score, a note on its stand-ins, then one line per test, each failure's message under the
    failed tests that share it."""
    mark = "✅" if result.score == result.max_score else ("⚠️" if result.score > 0 else "❌")
    lines = [f"### {mark} `{problem_id}`: {title} — {_points(result.score)} / {_points(result.max_score)}", ""]
    if note:
        lines += [f"*{note}*", ""]
    for tests, message in grouped(result.tests):
        for test in tests:
            label = test.description or test.name
            lines.append(f"- ✔ {label} (+{_points(test.points)})" if test.passed
                         else f"- ✘ {label} (0 / {_points(test.max_points)})")
        if not tests[0].passed:
            lines.extend(_failure_lines(tests, message, "  "))
    return "\n".join(lines)


def problem_text(problem_id: str, result: ProblemResult) -> str:
    """Plain text for a notebook cell's output (nbgrader feedback)."""
    lines = [f"{problem_id}: {_points(result.score)} / {_points(result.max_score)} points"]
    if result.stand_ins:
        lines.append("  " + stand_in_note(result.stand_ins))
    for tests, message in grouped(result.tests):
        lines.extend(f"  [{'pass' if test.passed else 'FAIL'}] {test.description or test.name}" for test in tests)
        if not tests[0].passed:
            lines.extend(_failure_lines(tests, message, "         "))
    return "\n".join(lines)


def _problems(assignment: Assignment, result: Result) -> list[tuple[str, str, ProblemResult, str]]:
    """Each problem's id, title, result and stand-in note (only for stand-ins whose own problem lost points)."""
    return [(p.id, p.title, result.problems[p.id], stand_in_note(_broken_stand_ins(result.problems[p.id], result)))
            for p in assignment.problems]


def nothing_handed_in(result: Result) -> str:
    """The one line a student who handed in nothing reads, in place of every test's "nothing was handed in"."""
    return f"Nothing was handed in: no notebook of yours was found, so every problem scores 0 of " \
           f"{_points(result.max_score)} points."


def feedback_markdown(assignment: Assignment, result: Result) -> str:
    """The student's feedback: score, which file, the late penalty, why it was not graded if so, then each
    problem's tests."""
    lines = [f"# {assignment.title}", "",
             f"**{shown_name(result)}**: {_points(result.score)} / {_points(result.max_score)} points", ""]
    if result.status == "missing":
        return "\n".join(lines + [f"> **{nothing_handed_in(result)}**", ""])
    if result.submitted_file:
        others = result.other_files
        lines += [f"Graded: `{result.submitted_file}`" + (f", the latest of the {len(others) + 1} notebooks you "
                  f"handed in (not graded: {', '.join(f'`{o}`' for o in others)})" if others else ""), ""]
    if result.late_penalty:
        lines += [f"> **Late**: {result.late_note}. Your score before the penalty: "
                  f"{_points(result.raw_score)}.", ""]
    if result.status != "graded":
        lines += [f"> **Not graded ({result.status})**: {result.message}", ""]
    for error in result.notebook_errors:
        lines += [f"> A cell of your notebook raised `{error['type']}`: {error['message']}", ""]
    for problem_id, title, problem, note in _problems(assignment, result):
        lines += [problem_markdown(problem_id, title, problem, note), ""]
    return "\n".join(lines)


def feedback_html(assignment: Assignment, result: Result) -> str:
    """The same feedback as a web page."""
    missing = result.status == "missing"
    return templates().get_template("feedback.html.j2").render(
        assignment=assignment, result=result, who=shown_name(result), points=_points, grouped=grouped,
        same_message=same_message, nothing=nothing_handed_in(result) if missing else "",
        problems=[] if missing else _problems(assignment, result))


def write_feedback(out: Path, assignment: Assignment, results: list[Result]) -> None:
    """``out/feedback/<student>.md`` and ``.html`` for every result."""
    for result in results:
        folder, student = out / "feedback", result.student_id  # an id may hold dots: no with_suffix
        write_atomically(folder / f"{student}.md", feedback_markdown(assignment, result))
        write_atomically(folder / f"{student}.html", feedback_html(assignment, result))


SHORT_FEEDBACK_CHARS = 400  # an LMS feedback cell, not the whole page


def short_feedback(result: Result) -> str:
    """One line for an LMS's feedback column: the score, each problem's points, the first thing to fix."""
    if result.status == "missing":
        return "No submission was found."
    parts = [f"{_points(result.score)}/{_points(result.max_score)} points"]
    if result.late_penalty:
        parts.append(f"late: -{_points(result.late_penalty)}")
    parts.append(", ".join(f"{pid} {_points(p.score)}/{_points(p.max_score)}" for pid, p in result.problems.items()))
    first = first_problem_message(result)
    if first:
        parts.append(f"first to fix: {first}")
    line = " ".join(". ".join(parts).split())  # no newline or tab: one cell, one line
    return line if len(line) <= SHORT_FEEDBACK_CHARS else line[:SHORT_FEEDBACK_CHARS - 1] + "…"


def first_problem_message(result: Result) -> str:
    """The most useful single line about a result: why it was not graded, or its first failure."""
    if result.status != "graded":
        return result.message
    for problem_id, problem in result.problems.items():
        for test in problem.tests:
            if not test.passed and test.message.strip():  # a grade without words (nbgrader's) gives no advice
                return f"{problem_id}: {test.message.strip().splitlines()[0]}"
    for error in result.notebook_errors:
        return f"a cell raised {error['type']}: {error['message'].splitlines()[0] if error['message'] else ''}"
    return ""
