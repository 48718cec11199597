"""The class report: one self-contained HTML file (no script, no network, no picture files) that tells a
teaching assistant in a minute what to re-explain next lecture.

It is built from the results alone (``autograder report DIR`` rebuilds it): the score histogram, each problem's
mean score and pass rate, the most frequent mistakes across the class by their mistake codes with one example
message each (whose it is is never shown), and the lists an instructor acts on: submissions that could not be
graded, late ones, the slowest, unmatched submissions and missing students, each named as they write their name
(``names.shown_name``).  It is written in one language (``lang``).

The charts are HTML bars the browser draws (``histogram``; each problem's bars sit in its table row): sharp at
any zoom, read out by screen readers, in the page's own fonts, so Hangul needs no font of ours; and making the
report costs no plotting library (matplotlib's import and two PNGs were 0.9 s of every grading run).
"""
from __future__ import annotations

import math
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from markupsafe import Markup

from autograder import catalogue
from autograder.messages import say
from autograder.reports import templates
from autograder.reports.language import ENGLISH, Language, code as as_code
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


def problem_stats(assignment: catalogue.Assignment, results: list[Result],
                  lang: Language = ENGLISH) -> list[ProblemStats]:
    graded = [r for r in results if r.status == "graded"]
    stats = []
    for p in assignment.problems:
        scores = [r.problems[p.id].score for r in graded]
        stats.append(ProblemStats(p.id, lang.title(assignment, p), p.points, statistics.mean(scores) if scores else 0.0,
                                  sum(s == p.points for s in scores) / len(scores) if scores else 0.0))
    return stats


def top_mistakes(results: list[Result], limit: int = TOP_MISTAKES, lang: Language = ENGLISH) -> list[Mistake]:
    """The mistake codes found in the most students' results (each student counted once per code); the examples
    in ``lang``."""
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
                if code not in example:
                    example[code] = "\n".join(lang(test.message).strip().splitlines()[:3])[:600]
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


@dataclass(frozen=True)
class Bin:
    """One bar of the score histogram: the submissions scoring in [low, high), the last bar [low, high]."""
    low: float
    high: float
    count: int
    height: float  # percent of the tallest bar
    label: str  # what the bar says when pointed at, in the report's language

    @property
    def tick(self) -> str:
        """The score written under the bar: whole points only, so the axis stays readable."""
        return f"{self.low:g}" if self.low == int(self.low) else ""


def histogram(assignment: catalogue.Assignment, results: list[Result], lang: Language = ENGLISH,
              width: float = 0.5) -> list[Bin]:
    """The handed-in submissions' scores in bars ``width`` points wide, from 0 to the maximum (which has its own
    bar); a score is counted in exactly one bar."""
    last = math.ceil(assignment.max_score / width)

    def bar(score: float) -> int:
        if score >= assignment.max_score:
            return last
        return max(0, min(math.floor(score / width + 1e-9), last - 1))
    counts = Counter(bar(r.score) for r in handed_in(results))
    tallest = max(counts.values(), default=0) or 1
    bins = []
    for i in range(last + 1):
        low, high = i * width, min((i + 1) * width, assignment.max_score)
        label = lang(say("reports.class_report.bin", "at least {low:g} and under {high:g} points, submissions: {count}",
                         low=low, high=high, count=counts[i])) if i < last else \
            lang(say("reports.class_report.bin_full", "{high:g} points, submissions: {count}",
                     high=assignment.max_score, count=counts[i]))
        bins.append(Bin(low, high, counts[i], 100 * counts[i] / tallest, label))
    return bins


def _words(assignment: catalogue.Assignment, results: list[Result], made: str,
           unfinished_problems: list[tuple[str, int]], lang: Language) -> dict[str, str]:
    """The page's own words in ``lang``: plain text (escaped by the template) or markup whose parameters were
    escaped here."""
    def words(text) -> Markup:
        return lang.markup(text)
    listed = Markup(", ").join(Markup("{} {}").format(as_code(p, html=True), count) for p, count in unfinished_problems)
    none = words(say("reports.class_report.none", "None."))
    return {
        "title": lang(say("reports.class_report.title", "Class report: {assignment}", assignment=assignment.id)),
        "made": lang(say("reports.class_report.made", "Class report made {made} from {count} results.", made=made,
                         count=len(results))),
        "graded": words(say("reports.class_report.graded", "graded")),
        "not_gradable": words(say("reports.class_report.not_gradable", "not gradable")),
        "missing": words(say("reports.class_report.missing", "missing")),
        "late": words(say("reports.class_report.late", "late")),
        "unmatched": words(say("reports.class_report.unmatched", "unmatched")),
        "mean_score": words(say("reports.class_report.mean_score", "mean score (of {max})",
                                max=f"{assignment.max_score:g}")),
        "median_score": words(say("reports.class_report.median_score", "median score")),
        "scores": words(say("reports.class_report.scores", "Scores")),
        "histogram": lang(say("reports.class_report.histogram", "histogram of the scores")),
        "score_axis": words(say("reports.class_report.score_axis", "score (of {max})", max=f"{assignment.max_score:g}")),
        "count_axis": words(say("reports.class_report.count_axis", "bar height: submissions")),
        "each_problem": words(say("reports.class_report.each_problem", "Each problem")),
        "problem": words(say("reports.class_report.problem", "problem")),
        "points": words(say("reports.class_report.points", "points")),
        "mean": words(say("reports.class_report.mean", "mean")),
        "full_marks": words(say("reports.class_report.full_marks", "full marks")),
        "frequent": words(say("reports.class_report.frequent", "The most frequent mistakes")),
        "counted": words(say("reports.class_report.counted",
                             "Each student counted once per mistake code; the share is of the graded submissions. "
                             "The example is one\nstudent's message, anonymous.")),
        "mistake_code": words(say("reports.class_report.mistake_code", "mistake code")),
        "students": words(say("reports.class_report.students", "students")),
        "example": words(say("reports.class_report.example", "an example of what they were told")),
        "no_mistakes": words(say("reports.class_report.no_mistakes", "No mistakes: every graded test passed.")),
        "unfinished": words(say("reports.class_report.unfinished",
                                "Not written at all (still raising {error}, or not defined):\n{problems}.",
                                error=as_code("NotImplementedError", html=True), problems=listed)),
        "not_graded": words(say("reports.class_report.not_graded", "Could not be graded")),
        "student": words(say("reports.class_report.student", "student")),
        "status": words(say("reports.class_report.status", "status")),
        "why": words(say("reports.class_report.why", "why")),
        "late_heading": words(say("reports.class_report.late_heading", "Late")),
        "penalty": words(say("reports.class_report.penalty", "penalty")),
        "slowest": words(say("reports.class_report.slowest", "Slowest to grade")),
        "seconds": words(say("reports.class_report.seconds", "seconds")),
        "unmatched_heading": words(say("reports.class_report.unmatched_heading", "Unmatched submissions")),
        "submission": words(say("reports.class_report.submission", "submission")),
        "file": words(say("reports.class_report.file", "file")),
        "why_unmatched": words(say("reports.class_report.why_unmatched", "why it matched no rostered student")),
        "missing_heading": words(say("reports.class_report.missing_heading",
                                     "Missing: rostered students with no submission")),
        "id": words(say("reports.class_report.id", "id")),
        "section": words(say("reports.class_report.section", "section")),
        "none": none,
        "no_roster": words(say("reports.class_report.no_roster", "None (or no roster was given).")),
    }


def class_report_html(results: list[Result], lang: str | Language = "en") -> str:
    """The class report's page, in ``lang`` (a language code or a ``Language``)."""
    assignment = catalogue.load(results[0].assignment)
    lang = Language.of(lang, assignment.root)
    submitted = handed_in(results)
    scores = [r.score for r in submitted]
    statuses = Counter(r.status for r in results)
    timed = sorted((r for r in submitted if r.grading_seconds is not None), key=lambda r: -r.grading_seconds)
    made = datetime.now(timezone.utc).isoformat(timespec="minutes")
    not_written = unfinished(assignment, results)
    return templates().get_template("class_report.html.j2").render(
        lang=lang.lang, words=_words(assignment, results, made, not_written, lang), render=lang,
        days=lambda r: lang(say("reports.class_report.days", "{days} d", days=r.days_late)),
        assignment=assignment, results=results, statuses=statuses,
        mean=statistics.mean(scores) if scores else 0.0, median=statistics.median(scores) if scores else 0.0,
        stats=problem_stats(assignment, results, lang), title=lang.title(assignment), mistakes=top_mistakes(results, lang=lang),
        unfinished=not_written, histogram=histogram(assignment, results, lang),
        not_gradable=[r for r in results if r.status not in ("graded", "missing")],
        late=sorted((r for r in submitted if r.late), key=lambda r: -(r.minutes_late or 0)),
        slowest=timed[:10], unmatched=[r for r in results if r.roster == "unmatched"],
        missing=[r for r in results if r.status == "missing"], points=lambda x: f"{x:g}", name=shown_name)


def write_class_report(out: Path, results: list[Result] | None = None, lang: str | Language = "en") -> Path:
    """``out/report.html``, from ``results`` or, when not given, from ``out/results/`` alone; in ``lang``."""
    results = ResultStore(out).read_all() if results is None else results
    if not results:
        raise ValueError(f"no results in {out / 'results'}: grade the class first")
    path = out / "report.html"
    write_atomically(path, class_report_html(results, lang))
    return path
