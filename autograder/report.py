"""What a grading run leaves for the instructor: grades.csv and a summary table."""
from __future__ import annotations

import csv
import io
from pathlib import Path

from rich.console import Console
from rich.table import Table

from autograder.catalogue import Assignment
from autograder.engine import write_atomically
from autograder.feedback import problem_markdown
from autograder.runner import ProblemResult, TestResult


def _number(x: float) -> str:
    return f"{x:g}"


def grades_csv(assignment: Assignment, results: list[dict]) -> str:
    """One row per student: student_id, one column per problem, total, max, status."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["student_id", *(p.id for p in assignment.problems), "total", "max", "status"])
    for r in sorted(results, key=lambda r: r["student_id"]):
        writer.writerow([r["student_id"], *(_number(r["problems"][p.id]["score"]) for p in assignment.problems),
                         _number(r["score"]), _number(r["max_score"]), r["status"]])
    return buffer.getvalue()


def write_grades_csv(out: Path, assignment: Assignment, results: list[dict]) -> Path:
    path = out / "grades.csv"
    write_atomically(path, grades_csv(assignment, results))
    return path


def first_problem_message(result: dict) -> str:
    """The most useful single line about a result: why it was not graded, or its first failure."""
    if result["status"] != "graded":
        return result["message"]
    for problem_id, problem in result["problems"].items():
        for test in problem["tests"]:
            if not test["passed"]:
                return f"{problem_id}: {test['message'].splitlines()[0]}"
    for error in result.get("notebook_errors", []):
        return f"a cell raised {error['type']}: {error['message'].splitlines()[0] if error['message'] else ''}"
    return ""


def summary_table(assignment: Assignment, results: list[dict]) -> Table:
    table = Table(title=f"{assignment.id}: {assignment.title}", title_justify="left")
    table.add_column("student", no_wrap=True)
    for p in assignment.problems:
        table.add_column(p.id, justify="right", min_width=len(p.id))
    table.add_column("total", justify="right", style="bold", no_wrap=True)
    table.add_column("status", no_wrap=True)
    table.add_column("first problem found", overflow="ellipsis", no_wrap=True, max_width=60)
    for r in sorted(results, key=lambda r: r["student_id"]):
        cells = []
        for p in assignment.problems:
            score = r["problems"][p.id]["score"]
            colour = "green" if score == p.points else ("yellow" if score > 0 else "red")
            cells.append(f"[{colour}]{_number(score)}[/]")
        status = r["status"] if r["status"] == "graded" else f"[red]{r['status']}[/]"
        table.add_row(r["student_id"], *cells, f"{_number(r['score'])}/{_number(r['max_score'])}", status,
                      first_problem_message(r))
    return table


def print_summary(console: Console, assignment: Assignment, results: list[dict]) -> None:
    console.print(summary_table(assignment, results))


def feedback_markdown(assignment: Assignment, result: dict) -> str:
    """The student's feedback: score, why it was not graded if so, then each problem's tests."""
    lines = [f"# {assignment.title}", "",
             f"**{result['student_id']}**: {_number(result['score'])} / {_number(result['max_score'])} points", ""]
    if result["status"] != "graded":
        lines += [f"> **Not graded ({result['status']})**: {result['message']}", ""]
    for error in result.get("notebook_errors", []):
        lines += [f"> A cell of your notebook raised `{error['type']}`: {error['message']}", ""]
    for p in assignment.problems:
        data = result["problems"][p.id]
        problem = ProblemResult(p.id, data["max_score"], [TestResult(**t) for t in data["tests"]])
        lines += [problem_markdown(p.id, p.title, problem), ""]
    return "\n".join(lines)


def write_feedback(out: Path, assignment: Assignment, results: list[dict]) -> None:
    for result in results:
        write_atomically(out / "feedback" / f"{result['student_id']}.md", feedback_markdown(assignment, result))
