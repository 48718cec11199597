"""Gradescope's results.json, built from the ``Result`` of one notebook.

Format (https://gradescope-autograders.readthedocs.io/en/latest/specs/): top level ``score``,
``execution_time`` (seconds), ``output``, ``output_format``, ``visibility``, ``stdout_visibility``,
``extra_data`` and ``tests``; each test ``score``, ``max_score``, ``status`` (passed, failed), ``name``,
``number``, ``output``, ``tags``, ``visibility``.  Gradescope refuses a file it cannot parse, so no NaN or
Infinity is ever written, and every number is a plain float.
"""
from __future__ import annotations

import json
import math
import traceback
from pathlib import Path
from typing import Any

from autograder import catalogue
from autograder.grading.prepared import Grading
from autograder.messages import say
from autograder.reports.language import ENGLISH, Language
from autograder.results import ProblemResult, Result, write_atomically

PASSED = say("gradescope.results.passed", "Passed.")
NOT_OURS = say("gradescope.results.not_ours", "this is not your mistake: please tell your instructor")
# When the tests' results are shown to students, in words (Gradescope's visibility values).
SHOWN = {"hidden": say("gradescope.results.shown_hidden", "only to your instructor"),
         "after_due_date": say("gradescope.results.shown_after_due_date", "after the due date"),
         "after_published": say("gradescope.results.shown_after_published",
                                "once your instructor publishes the grades")}


def finite(x: Any) -> float:
    """A number Gradescope can read: NaN, Infinity or anything that is not a number becomes 0."""
    try:
        value = float(x)
    except (TypeError, ValueError):
        return 0.0
    return value if math.isfinite(value) else 0.0


def tests_json(assignment: catalogue.Assignment, problems: dict[str, ProblemResult], visibility: str,
               lang: Language = ENGLISH) -> list[dict]:
    """One Gradescope test per grader test, numbered <problem>.<test> in the catalogue's order, in ``lang``."""
    tests = []
    for i, problem in enumerate(assignment.problems, 1):
        graded = problems.get(problem.id)
        for j, test in enumerate(graded.tests if graded else [], 1):
            passed = bool(test.passed)
            tests.append({
                "name": f"{problem.id}: {lang.description(assignment.id, test)}",
                "number": f"{i}.{j}",
                "score": finite(test.points) if passed else 0.0,
                "max_score": finite(test.max_points),
                "status": "passed" if passed else "failed",
                "output": lang(PASSED) if passed else (lang(test.message or "").strip() or
                                                       lang(say("gradescope.results.failed", "Failed."))),
                "tags": [problem.id] + ([test.mistake] if test.mistake else []),
                "visibility": visibility,
            })
    return tests


def _points(x: float) -> str:
    return f"{x:g}"


def summary(assignment: catalogue.Assignment, result: Result, score: float, visibility: str, graded_file: str,
            notes: tuple[str, ...], lang: Language = ENGLISH) -> str:
    """The submission's top-level output: the total (only where the tests are visible: it would give them
    away), which file was graded, why nothing was graded, the notebook's errors, the sandbox's gaps."""
    title = lang.title(assignment)
    if visibility == "visible":
        lines = [lang(say("gradescope.results.total", "{title} ({assignment}): {score} / {max} points.", title=title,
                          assignment=assignment.id, score=_points(score), max=_points(assignment.max_score)))]
        lines += [f"  {p.id}: {_points(finite(result.problems[p.id].score if p.id in result.problems else 0))} / "
                  f"{_points(p.points)}" for p in assignment.problems]
    else:
        lines = [lang(say("gradescope.results.shown_when", "{title} ({assignment}): your score and the result of "
                          "each hidden test are shown {when}.", title=title, assignment=assignment.id,
                          when=SHOWN[visibility]))]
    if graded_file:
        lines.append(lang(say("gradescope.results.graded", "Graded: {file}.", file=graded_file)))
    lines += [lang(n) for n in notes if n]
    if result.status != "graded":
        lines.append(lang(say("gradescope.results.not_graded", "Not graded ({status}): {why}", status=result.status,
                              why=result.message)))
    errors = result.notebook_errors
    if errors:
        lines.append(lang(say("gradescope.results.cells_raised", "When your notebook ran, some cells raised errors:")))
        lines += [lang(say("gradescope.results.cell_raised", "  the cell starting `{first_line}` raised {type}: "
                           "{message}", first_line=e.get("first_line", ""),
                           type=e.get("type", "an error"), message=str(e.get("message", ""))[:200]))
                  for e in errors[:5]]
    return "\n".join(lines)


def _document(tests: list[dict], seconds: float, output: str, extra: dict) -> dict:
    return {"score": round(sum(t["score"] for t in tests), 6), "execution_time": round(finite(seconds), 2),
            "output": output, "output_format": "text",
            "stdout_visibility": "hidden",  # the run's log (tracebacks included) is for the instructor
            "tests": tests, "extra_data": extra}


def results_json(assignment: catalogue.Assignment, result: Result, visibility: str, seconds: float,
                 graded_file: str = "", notes: tuple[str, ...] = (), extra: dict | None = None,
                 lang: Language = ENGLISH) -> dict:
    tests = tests_json(assignment, result.problems, visibility, lang)
    score = sum(t["score"] for t in tests)
    return _document(tests, seconds, summary(assignment, result, score, visibility, graded_file, notes, lang),
                     {"assignment": assignment.id, "status": result.status, "graded_file": graded_file,
                      "max_score": finite(assignment.max_score), **(extra or {})})


def failure_json(err: BaseException, seconds: float, grading: Grading | None, visibility: str,
                 lang: Language = ENGLISH) -> dict:
    """Our own code failed: every test (when they are known) at 0, and what failed, without source lines (a
    grader's lines could give a hidden test away)."""
    frames = traceback.extract_tb(err.__traceback__)[-4:]
    where = "; ".join(f"{Path(f.filename).name}:{f.lineno} in {f.name}" for f in frames)
    message = lang(say("gradescope.results.failed_itself", "The autograder itself failed ({not_ours}). {error}: "
                       "{detail}", not_ours=NOT_OURS, error=type(err).__name__, detail=str(err)[:500])) + \
        (f" [{where}]" if where else "")
    tests = [] if grading is None else tests_json(grading.assignment, grading.not_graded(
        "autograder_error", say("gradescope.results.not_graded_failed", "not graded: the autograder itself failed "
                                "({not_ours})", not_ours=NOT_OURS)).problems, visibility, lang)
    return _document(tests, seconds, message, {"status": "autograder_error"})


def dumps(results: dict) -> str:
    """Strict JSON (``allow_nan=False``): a NaN that slipped through fails here, loudly, not in Gradescope."""
    return json.dumps(results, indent=1, ensure_ascii=False, allow_nan=False) + "\n"


def write(path: Path, results: dict) -> None:
    write_atomically(path, dumps(results))
