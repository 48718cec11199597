"""The class report: one self-contained HTML file (figures embedded as PNG, no script, no network) that tells a
teaching assistant in a minute what to re-explain next lecture.

It is built from the results alone (``autograder report DIR`` rebuilds it): the score histogram, each problem's
mean score and pass rate, the most frequent mistakes across the class by their mistake codes with one example
message each (whose it is is never shown), and the lists an instructor acts on: submissions that could not be
graded, late ones, the slowest, unmatched submissions and missing students, each named as they write their name
(``names.shown_name``).  It is written in one language (``lang``), its pictures' words too (with a font that has
the language's letters, ``_font``).
"""
from __future__ import annotations

import base64
import contextlib
import io
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import cache
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


def _png(figure) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100, bbox_inches="tight")
    return base64.b64encode(buffer.getvalue()).decode("ascii")


# Fonts with the letters of a language, as matplotlib names them (its default, DejaVu Sans, has no Hangul): the
# pictures' words fall back to the first one installed, glyph by glyph.  A font installed after matplotlib built
# its font list is found among the system's files by these (lower-case, spaceless) parts of its file name.
FONTS = {"ko": (("Noto Sans CJK KR", "Noto Sans KR", "NanumGothic", "NanumBarunGothic", "Malgun Gothic",
                 "Apple SD Gothic Neo", "AppleGothic", "UnDotum"),
                ("notosanscjk", "notosanskr", "nanumgothic", "nanumbarungothic", "malgun", "applesdgothicneo",
                 "applegothic", "undotum"))}


@cache
def _font(lang: str) -> str | None:
    """The installed font the pictures fall back to for ``lang``'s letters (None: the default has them)."""
    if lang not in FONTS:
        return None
    from matplotlib import font_manager
    names, files = FONTS[lang]
    known = {f.name for f in font_manager.fontManager.ttflist}
    if not known & set(names):
        for path in font_manager.findSystemFonts():
            if any(part in Path(path).name.lower().replace(" ", "") for part in files):
                with contextlib.suppress(Exception):  # a font file matplotlib cannot read is not the one
                    font_manager.fontManager.addfont(path)
        known = {f.name for f in font_manager.fontManager.ttflist}
    return next((name for name in names if name in known), None)


def figures(assignment: catalogue.Assignment, results: list[Result], lang: Language = ENGLISH) -> dict[str, str]:
    """The two pictures, as base64 PNG: the score histogram, and each problem's mean score and pass rate."""
    import matplotlib
    from matplotlib.figure import Figure  # not pyplot: its import alone took half of a one-notebook run's report

    font = _font(lang.lang)
    with matplotlib.rc_context({"font.family": ["sans-serif", font]} if font else {}):
        return _figures(Figure, assignment, results, lang)


def _figures(Figure: type, assignment: catalogue.Assignment, results: list[Result], lang: Language) -> dict[str, str]:
    scores = [r.score for r in handed_in(results)]
    pictures = {}
    fig = Figure(figsize=(7, 3.2))
    ax = fig.subplots()
    bins = [x / 2 for x in range(0, int(2 * assignment.max_score) + 2)]
    ax.hist(scores, bins=bins, color="#0969da", edgecolor="white")
    ax.set_xlabel(lang(say("reports.class_report.figure_score", "score (of {max:g})", max=assignment.max_score)))
    ax.set_ylabel(lang(say("reports.class_report.figure_submissions", "submissions")))
    ax.set_title(lang(say("reports.class_report.figure_scores", "Scores of {count} submissions", count=len(scores))))
    pictures["histogram"] = _png(fig)

    stats = problem_stats(assignment, results)
    fig = Figure(figsize=(10, 0.45 * len(stats) + 1.2))
    left, right = fig.subplots(1, 2, sharey=True)
    names = [s.id for s in stats][::-1]
    left.barh(names, [s.mean / s.points for s in stats][::-1], color="#1a7f37")
    left.set_xlim(0, 1)
    left.set_xlabel(lang(say("reports.class_report.figure_mean", "mean score, as a share of the points")))
    right.barh(names, [s.pass_rate for s in stats][::-1], color="#8250df")
    right.set_xlim(0, 1)
    right.set_xlabel(lang(say("reports.class_report.figure_full_marks", "students with full marks")))
    fig.suptitle(lang(say("reports.class_report.figure_problems", "Each problem (graded submissions)")))
    pictures["problems"] = _png(fig)
    return pictures


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
        "each_problem": words(say("reports.class_report.each_problem", "Each problem")),
        "problems_picture": lang(say("reports.class_report.problems_picture",
                                     "mean score and pass rate of each problem")),
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
        unfinished=not_written, figures=figures(assignment, results, lang),
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
