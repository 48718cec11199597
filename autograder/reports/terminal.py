"""What a grading run shows on the terminal: a progress bar while it runs, then the class's table and a summary."""
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

from autograder.catalogue import Assignment
from autograder.reports.feedback import first_problem_message
from autograder.reports.grades_csv import score_text
from autograder.reports.names import shown_name
from autograder.results import Result


SUMMARY_ROWS = 40  # more students than this: the table shows the lowest scores only (grades.csv has everyone)


def summary_table(assignment: Assignment, results: list[Result]) -> Table:
    shown = sorted(results, key=lambda r: r.student_id)
    caption = None
    if len(shown) > SUMMARY_ROWS:
        shown = sorted(results, key=lambda r: (r.score, r.student_id))[:SUMMARY_ROWS]
        caption = f"the {SUMMARY_ROWS} lowest scores of {len(results)}; everyone is in grades.csv"
    table = Table(title=f"{assignment.id}: {assignment.title}", title_justify="left", caption=caption)
    table.add_column("student", no_wrap=True)
    table.add_column("name", no_wrap=True, overflow="ellipsis", max_width=24)
    for p in assignment.problems:
        table.add_column(p.id, justify="right", min_width=len(p.id))
    table.add_column("total", justify="right", style="bold", no_wrap=True)
    table.add_column("status", no_wrap=True)
    table.add_column("first problem found", overflow="ellipsis", no_wrap=True, max_width=60)
    for r in shown:
        cells = []
        for p in assignment.problems:
            score = r.problems[p.id].score
            colour = "green" if score == p.points else ("yellow" if score > 0 else "red")
            cells.append(f"[{colour}]{score_text(score)}[/]")
        status = r.status if r.status == "graded" else f"[red]{r.status}[/]"
        # names and messages are text, never rich markup ("[b]" in a name stays "[b]")
        table.add_row(r.student_id, Text(shown_name(r) if r.name else ""), *cells,
                      f"{score_text(r.score)}/{score_text(r.max_score)}", status, Text(first_problem_message(r)))
    return table


def print_summary(console: Console, assignment: Assignment, results: list[Result]) -> None:
    console.print(summary_table(assignment, results))


def run_summary(results: list[Result], reused: int, seconds: float, jobs: int) -> list[str]:
    """The end of a run on one screen: what was graded, what could not be and why, who is missing, late or
    unmatched, and the scores."""
    statuses = Counter(r.status for r in results)
    not_gradable = {k: v for k, v in statuses.items() if k not in ("graded", "missing")}
    handed_in = [r for r in results if r.status != "missing"]
    scores = [r.score for r in handed_in]
    maximum = max((r.max_score for r in results), default=0)
    lines = [f"{len(handed_in)} submissions in {seconds:.1f} s with {jobs} jobs ({reused} unchanged since the "
             "last run, not graded again)",
             f"graded {statuses['graded']}; not gradable {sum(not_gradable.values())}"
             + (f" ({', '.join(f'{k} {v}' for k, v in sorted(not_gradable.items()))})" if not_gradable else "")
             + f"; missing {statuses['missing']}; late {sum(bool(r.late) for r in handed_in)}; "
             f"unmatched {sum(r.roster == 'unmatched' for r in results)}"]
    if scores:
        lines.append(f"score of the submissions: mean {statistics.mean(scores):.2f}, median "
                     f"{statistics.median(scores):g} of {maximum:g}")
    unmatched = [r for r in results if r.roster == "unmatched"]
    for r in unmatched[:10]:
        lines.append(f"  unmatched: {shown_name(r)} ({r.student_id}, {r.submitted_file}): {r.roster_note}")
    if len(unmatched) > 10:
        lines.append(f"  … and {len(unmatched) - 10} more unmatched (see grades.csv)")
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
