"""The class report: one self-contained HTML file (figures embedded as PNG, no script, no network) that tells a
teaching assistant in a minute what to re-explain next lecture.

It is built from the results alone (``autograder report DIR`` rebuilds it): the score histogram, each problem's
mean score and pass rate, the most frequent mistakes across the class by their mistake codes with one example
message each (whose it is is never shown), and the lists an instructor acts on: submissions that could not be
graded, late ones, the slowest, unmatched submissions and missing students, each named as they write their name
(``names.shown_name``).
"""
from __future__ import annotations

import base64
import io
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from autograder import catalogue
from autograder.reports import templates
from autograder.reports.names import shown_name
from autograder.results import Result, ResultStore, write_atomically

TOP_MISTAKES = 15
# Codes that say a function was never written or run, not how it went wrong: counted apart.
UNFINISHED = ("not_implemented", "not_defined", "missing")


@dataclass(frozen=True)
class ProblemStats:
    id: str
    title: str
    points: float
    mean: float
    pass_rate: float        # the share of graded students with full marks on it


@dataclass(frozen=True)
class Mistake:
    code: str
    problem: str
    students: int
    share: float            # of the graded students
    example: str            # one message with this code (its first lines), from some student


def handed_in(results: list[Result]) -> list[Result]:
    return [r for r in results if r.status != "missing"]


def problem_stats(assignment: catalogue.Assignment, results: list[Result]) -> list[ProblemStats]:
    graded = [r for r in results if r.status == "graded"]
    stats = []
    for p in assignment.problems:
        scores = [r.problems[p.id].score for r in graded]
        stats.append(ProblemStats(p.id, p.title, p.points, statistics.mean(scores) if scores else 0.0,
                                  sum(s == p.points for s in scores) / len(scores) if scores else 0.0))
    return stats


def top_mistakes(results: list[Result], limit: int = TOP_MISTAKES) -> list[Mistake]:
    """The mistake codes found in the most students' results (each student counted once per code)."""
    graded = [r for r in results if r.status == "graded"]
    students: dict[str, set[str]] = defaultdict(set)
    example: dict[str, str] = {}
    for r in graded:
        for problem in r.problems.values():
            for test in problem.tests:
                code = test.mistake
                if test.passed or not code or code.split(".", 1)[-1] in UNFINISHED:
                    continue
                students[code].add(r.student_id)
                example.setdefault(code, "\n".join(test.message.strip().splitlines()[:3])[:600])
    ranked = sorted(students, key=lambda c: (-len(students[c]), c))[:limit]
    return [Mistake(c, c.split(".", 1)[0], len(students[c]), len(students[c]) / len(graded), example[c])
            for c in ranked]


def unfinished(assignment: catalogue.Assignment, results: list[Result]) -> list[tuple[str, int]]:
    """Per problem, how many graded students had not written it (or it was not defined)."""
    graded = [r for r in results if r.status == "graded"]
    counts = Counter(p for r in graded for p, data in r.problems.items()
                     if data.tests and all(t.mistake.split(".", 1)[-1] in UNFINISHED
                                           for t in data.tests if not t.passed)
                     and not any(t.passed for t in data.tests))
    return [(p.id, counts[p.id]) for p in assignment.problems if counts[p.id]]


def _png(figure) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100, bbox_inches="tight")
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def figures(assignment: catalogue.Assignment, results: list[Result]) -> dict[str, str]:
    """The two pictures, as base64 PNG: the score histogram, and each problem's mean score and pass rate."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    scores = [r.score for r in handed_in(results)]
    pictures = {}
    fig, ax = plt.subplots(figsize=(7, 3.2))
    bins = [x / 2 for x in range(0, int(2 * assignment.max_score) + 2)]
    ax.hist(scores, bins=bins, color="#0969da", edgecolor="white")
    ax.set_xlabel(f"score (of {assignment.max_score:g})")
    ax.set_ylabel("submissions")
    ax.set_title(f"Scores of {len(scores)} submissions")
    pictures["histogram"] = _png(fig)
    plt.close(fig)

    stats = problem_stats(assignment, results)
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 0.45 * len(stats) + 1.2), sharey=True)
    names = [s.id for s in stats][::-1]
    left.barh(names, [s.mean / s.points for s in stats][::-1], color="#1a7f37")
    left.set_xlim(0, 1)
    left.set_xlabel("mean score, as a share of the points")
    right.barh(names, [s.pass_rate for s in stats][::-1], color="#8250df")
    right.set_xlim(0, 1)
    right.set_xlabel("students with full marks")
    fig.suptitle("Each problem (graded submissions)")
    pictures["problems"] = _png(fig)
    plt.close(fig)
    return pictures


def class_report_html(results: list[Result]) -> str:
    assignment = catalogue.load(results[0].assignment)
    submitted = handed_in(results)
    scores = [r.score for r in submitted]
    statuses = Counter(r.status for r in results)
    timed = sorted((r for r in submitted if r.grading_seconds is not None), key=lambda r: -r.grading_seconds)
    return templates().get_template("class_report.html.j2").render(
        assignment=assignment, results=results, statuses=statuses,
        made=datetime.now(timezone.utc).isoformat(timespec="minutes"),
        mean=statistics.mean(scores) if scores else 0.0, median=statistics.median(scores) if scores else 0.0,
        stats=problem_stats(assignment, results), mistakes=top_mistakes(results),
        unfinished=unfinished(assignment, results), figures=figures(assignment, results),
        not_gradable=[r for r in results if r.status not in ("graded", "missing")],
        late=sorted((r for r in submitted if r.late), key=lambda r: -(r.minutes_late or 0)),
        slowest=timed[:10], unmatched=[r for r in results if r.roster == "unmatched"],
        missing=[r for r in results if r.status == "missing"], points=lambda x: f"{x:g}", name=shown_name)


def write_class_report(out: Path, results: list[Result] | None = None) -> Path:
    """``out/report.html``, from ``results`` or, when not given, from ``out/results/`` alone."""
    results = ResultStore(out).read_all() if results is None else results
    if not results:
        raise ValueError(f"no results in {out / 'results'}: grade the class first")
    path = out / "report.html"
    write_atomically(path, class_report_html(results))
    return path
