"""Turn grading results into text a student can act on (Markdown and plain text)."""
from __future__ import annotations

from autograder.runner import ProblemResult


def _points(x: float) -> str:
    return f"{x:g}"


def problem_markdown(problem_id: str, title: str, result: ProblemResult) -> str:
    """One problem: its score, then one line per test, with the message of each failure."""
    mark = "✅" if result.score == result.max_score else ("⚠️" if result.score > 0 else "❌")
    lines = [f"### {mark} `{problem_id}`: {title} — {_points(result.score)} / {_points(result.max_score)}", ""]
    for test in result.tests:
        label = test.description or test.name
        if test.passed:
            lines.append(f"- ✔ {label} (+{_points(test.points)})")
        else:
            lines.append(f"- ✘ {label} (0 / {_points(test.max_points)})")
            lines.extend("  " + ln for ln in test.message.strip().splitlines())
    return "\n".join(lines)


def problem_text(problem_id: str, result: ProblemResult) -> str:
    """Plain text for a notebook cell's output (nbgrader feedback)."""
    lines = [f"{problem_id}: {_points(result.score)} / {_points(result.max_score)} points"]
    for test in result.tests:
        label = test.description or test.name
        lines.append(f"  [{'pass' if test.passed else 'FAIL'}] {label}")
        if not test.passed:
            lines.extend("         " + ln for ln in test.message.strip().splitlines())
    return "\n".join(lines)
