"""What a grading run shows on the terminal: a progress bar while it runs, then the class's table and a summary,
these two in the course's language (``lang``; the progress bar, a log line per result, stays English)."""
from __future__ import annotations

import contextlib
import statistics
import sys
from collections import Counter
from typing import Callable, Iterator

from rich.console import Console
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TaskProgressColumn, TextColumn,
                           TimeElapsedColumn, TimeRemainingColumn)
from rich.table import Table
from rich.text import Text

from autograder import catalogue
from autograder.catalogue import Assignment
from autograder.messages import say
from autograder.reports.feedback import first_problem_message
from autograder.reports.grades_csv import score_text
from autograder.reports.language import Language
from autograder.reports.names import shown_name
from autograder.results import Result


SUMMARY_ROWS = 40  # more students than this: the table shows the lowest scores only (grades.csv has everyone)


def summary_table(assignment: Assignment, results: list[Result], lang: str | Language = "en") -> Table:
    """The class's table: one row per student (the lowest scores when they are many), in ``lang``."""
    lang = Language.of(lang, assignment.root)
    shown = sorted(results, key=lambda r: r.student_id)
    caption = None
    if len(shown) > SUMMARY_ROWS:
        shown = sorted(results, key=lambda r: (r.score, r.student_id))[:SUMMARY_ROWS]
        caption = lang(say("reports.terminal.lowest", "the {rows} lowest scores of {count}; everyone is in grades.csv",
                           rows=SUMMARY_ROWS, count=len(results)))
    table = Table(title=f"{assignment.id}: {lang.title(assignment)}", title_justify="left", caption=caption)
    table.add_column(lang(say("reports.terminal.student", "student")), no_wrap=True)
    table.add_column(lang(say("reports.terminal.name", "name")), no_wrap=True, overflow="ellipsis", max_width=24)
    for p in assignment.problems:
        table.add_column(p.id, justify="right", min_width=len(p.id))
    table.add_column(lang(say("reports.terminal.total", "total")), justify="right", style="bold", no_wrap=True)
    table.add_column(lang(say("reports.terminal.status", "status")), no_wrap=True)
    table.add_column(lang(say("reports.terminal.first_problem", "first problem found")), overflow="ellipsis",
                     no_wrap=True, max_width=60)
    for r in shown:
        cells = []
        for p in assignment.problems:
            score = r.problems[p.id].score
            colour = "green" if score == p.points else ("yellow" if score > 0 else "red")
            cells.append(f"[{colour}]{score_text(score)}[/]")
        status = r.status if r.status == "graded" else f"[red]{r.status}[/]"
        # names and messages are text, never rich markup ("[b]" in a name stays "[b]")
        table.add_row(r.student_id, Text(shown_name(r) if r.name else ""), *cells,
                      f"{score_text(r.score)}/{score_text(r.max_score)}", status, Text(first_problem_message(r, lang)))
    return table


def print_summary(console: Console, assignment: Assignment, results: list[Result], lang: str | Language = "en") -> None:
    console.print(summary_table(assignment, results, lang))


def run_summary(results: list[Result], reused: int, seconds: float, jobs: int, lang: str | Language = "en") -> list[str]:
    """The end of a run on one screen: what was graded, what could not be and why, who is missing, late or
    unmatched, and the scores; in ``lang``."""
    lang = Language.of(lang, catalogue.course_root())
    statuses = Counter(r.status for r in results)
    not_gradable = {k: v for k, v in statuses.items() if k not in ("graded", "missing")}
    handed_in = [r for r in results if r.status != "missing"]
    scores = [r.score for r in handed_in]
    maximum = max((r.max_score for r in results), default=0)
    details = f" ({', '.join(f'{k} {v}' for k, v in sorted(not_gradable.items()))})" if not_gradable else ""
    lines = [lang(say("reports.terminal.run", "{count} submissions in {seconds:.1f} s with {jobs} jobs ({reused} "
                      "unchanged since the last run, not graded again)", count=len(handed_in), seconds=seconds,
                      jobs=jobs, reused=reused)),
             lang(say("reports.terminal.counts", "graded {graded}; not gradable {not_gradable}{details}; missing "
                      "{missing}; late {late}; unmatched {unmatched}", graded=statuses["graded"],
                      not_gradable=sum(not_gradable.values()), details=details, missing=statuses["missing"],
                      late=sum(bool(r.late) for r in handed_in),
                      unmatched=sum(r.roster == "unmatched" for r in results)))]
    if scores:
        lines.append(lang(say("reports.terminal.scores", "score of the submissions: mean {mean:.2f}, median "
                              "{median:g} of {max:g}", mean=statistics.mean(scores),
                              median=statistics.median(scores), max=maximum)))
    unmatched = [r for r in results if r.roster == "unmatched"]
    for r in unmatched[:10]:
        lines.append("  " + lang(say("reports.terminal.unmatched", "unmatched: {name} ({student}, {file}): {note}",
                                     name=shown_name(r), student=r.student_id, file=r.submitted_file,
                                     note=lang(r.roster_note))))
    if len(unmatched) > 10:
        lines.append("  " + lang(say("reports.terminal.more_unmatched", "… and {count} more unmatched (see grades.csv)",
                                     count=len(unmatched) - 10)))
    return lines


@contextlib.contextmanager
def progress(total: int, label: str) -> Iterator[Callable[[Result, bool], None]]:
    """A progress bar with count, rate and time left on a terminal; a plain line per result otherwise (CI, cron).

    Yields the ``on_result`` callback for ``schedule.grade_class``.
    """
    err = Console(stderr=True)
    if not err.is_terminal:
        done = 0

        def log(result: Result, reused: bool) -> None:
            nonlocal done
            done += 1
            print(f"[{done}/{total}] {result.student_id}: {result.status} {score_text(result.score)}/"
                  f"{score_text(result.max_score)}{' (unchanged)' if reused else ''}", file=sys.stderr, flush=True)
        yield log
        return
    columns = (TextColumn("grading {task.description}"), BarColumn(), MofNCompleteColumn(), TaskProgressColumn(),
               TextColumn("{task.fields[rate]}"), TimeElapsedColumn(),
               TextColumn("left"), TimeRemainingColumn(), TextColumn("{task.fields[last]}"))
    with Progress(*columns, console=err, transient=True) as bar:
        task = bar.add_task(label, total=total, last="", rate="")

        def update(result: Result, reused: bool) -> None:
            speed = bar.tasks[0].speed
            bar.update(task, advance=1, rate=f"{speed:.1f}/s" if speed else "",
                       last=f"{result.student_id}{' (unchanged)' if reused else ''}")
        yield update
