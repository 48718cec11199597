"""Time ``autograder grade`` against stock ``nbgrader autograde`` on the same class.

Run by ``make bench`` (``.venv/bin/python benchmarks/grade_class.py [--n 50]``).
Not a test: it prints a table, checks that both give every student the same
per-problem scores, and overwrites ``benchmarks/results.md``.

The class: ``--n`` submissions (default 50) cycling through the realistic
sample students of ``autograder/samples/sample_class.py`` (reference, blank, buggy,
broken files), minus the deliberately slow hostile ones (grace: an infinite
loop in a function, hugo: a memory bomb and ``os._exit``, jack: an infinite
loop at top level), which would mostly time the 30 s cell time limit.  A second,
separate run grades the full sample class, hostile students included, once each.

Timed, wall clock:

* ``autograder grade <folder> --jobs <nproc> --out <fresh dir>`` as a
  subprocess: everything, start-up, sandbox warm-up and report included;
* ``nbgrader autograde <id>`` as a subprocess in a throwaway course directory
  (``autograder.nbgrader.course``), start-up included.  Setting up that course
  (``nbgrader generate_assignment``: the equivalent of ``autograder release``,
  done once per assignment) is timed separately and not counted.

Exit code 1 when the scores of the realistic class disagree.
"""
from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from autograder import catalogue
from autograder.nbgrader import course as nbgrader_course
from autograder.results import ResultStore
from autograder.samples.sample_class import notebook_for, sample_students

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results.md"
SLOW_HOSTILE = {"grace", "hugo", "jack"}


@dataclass
class Timing:
    label: str
    submissions: int
    seconds: float
    scores: dict[str, dict[str, float]]  # student -> problem -> score
    note: str = ""
    gave_up: tuple[str, ...] = ()  # students whose notebook the grader could not grade at all

    @property
    def per_submission(self) -> float:
        return self.seconds / self.submissions


def write_class(assignment: catalogue.Assignment, folder: Path, n: int, hostile: bool) -> dict[str, Path]:
    """``n`` notebooks ``<folder>/<student>-<i>.ipynb``, cycling through the chosen sample students."""
    students = [s for s in sample_students(assignment.id) if hostile or s.id not in SLOW_HOSTILE]
    folder.mkdir(parents=True)
    notebooks = {}
    for i in range(n):
        student = students[i % len(students)]
        student_id = f"{student.id}-{i:03d}"
        path = folder / f"{student_id}.ipynb"
        path.write_text(notebook_for(student, assignment), encoding="utf-8")
        notebooks[student_id] = path
    return notebooks


def time_autograder(assignment: catalogue.Assignment, folder: Path, out: Path, jobs: int) -> Timing:
    command = [str(Path(sys.executable).parent / "autograder"), "grade", str(folder),
               "--assignment", assignment.id, "--out", str(out), "--jobs", str(jobs)]
    started = time.perf_counter()
    proc = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"autograder grade failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    scores = {r.student_id: {p: v.score for p, v in r.problems.items()} for r in ResultStore(out).read_all()}
    note = "reduced sandbox (no bubblewrap)" if "reduced sandbox" in proc.stdout else "bubblewrap sandbox"
    return Timing(f"autograder grade --jobs {jobs}", len(scores), seconds, scores, note)


def time_nbgrader(assignment: catalogue.Assignment, notebooks: dict[str, Path], workdir: Path) -> tuple[Timing, float]:
    started = time.perf_counter()
    course = nbgrader_course.prepare_course(assignment.id, workdir)
    setup = time.perf_counter() - started
    nbgrader_course.submit(course, assignment.id, notebooks)
    started = time.perf_counter()
    nbgrader_course.run_autograde(course, assignment.id, check=False)
    seconds = time.perf_counter() - started
    graded = nbgrader_course.read_scores(course, assignment.id, list(notebooks))
    scores = {s: {p.id: g["grades"].get(f"test_{p.id}", 0.0) for p in assignment.problems} for s, g in graded.items()}
    gave_up = sorted(s for s, g in graded.items() if not g["autograded"])
    note = f"gave up on {len(gave_up)} notebook(s), scored 0: {', '.join(gave_up)}" if gave_up else "serial, one kernel per notebook"
    return Timing("nbgrader autograde", len(notebooks), seconds, scores, note, tuple(gave_up)), setup


def disagreements(a: Timing, b: Timing) -> dict[str, dict[str, tuple[float, float]]]:
    """student -> problem -> (a's score, b's score), wherever they differ."""
    found = {}
    for student in sorted(set(a.scores) | set(b.scores)):
        ours, theirs = a.scores.get(student, {}), b.scores.get(student, {})
        diff = {p: (ours.get(p), theirs.get(p)) for p in sorted(set(ours) | set(theirs)) if ours.get(p) != theirs.get(p)}
        if diff:
            found[student] = diff
    return found


def table(ours: Timing, theirs: Timing) -> list[str]:
    ratio = theirs.per_submission / ours.per_submission
    rows = [
        "| grader | submissions | wall time (s) | s per submission | note |",
        "|---|---:|---:|---:|---|",
    ]
    for t in (ours, theirs):
        rows.append(f"| {t.label} | {t.submissions} | {t.seconds:.1f} | {t.per_submission:.2f} | {t.note} |")
    rows.append("")
    rows.append(f"Throughput ratio: `autograder grade` grades **{ratio:.1f}×** as many submissions per second "
                f"as `nbgrader autograde`.")
    return rows


def agreement(ours: Timing, theirs: Timing) -> list[str]:
    diff = disagreements(ours, theirs)
    if not diff:
        return [f"Scores agree: every problem of all {len(ours.scores)} students has the same score both ways."]
    lines = [f"Scores DISAGREE for {len(diff)} of {len(ours.scores)} students (autograder vs nbgrader):", ""]
    for student, problems in diff.items():
        why = " (nbgrader gave up on the notebook)" if student in theirs.gave_up else ""
        lines.append(f"- {student}{why}: " + ", ".join(f"{p} {a:g} vs {b:g}" for p, (a, b) in problems.items()))
    return lines


def compare(assignment: catalogue.Assignment, n: int, hostile: bool, jobs: int, tmp: Path, title: str) -> tuple[list[str], bool]:
    print(f"\n== {title}: {n} submissions ==", flush=True)
    notebooks = write_class(assignment, tmp / "class", n, hostile)
    ours = time_autograder(assignment, tmp / "class", tmp / "autograder-out", jobs)
    print(f"autograder grade: {ours.seconds:.1f} s", flush=True)
    theirs, setup = time_nbgrader(assignment, notebooks, tmp / "nbgrader")
    print(f"nbgrader autograde: {theirs.seconds:.1f} s (course set-up, not counted: {setup:.1f} s)", flush=True)
    lines = [f"## {title}", ""] + table(ours, theirs) + [
        "", f"nbgrader course set-up (`generate_assignment`, once per assignment, not counted): {setup:.1f} s.", ""]
    check = agreement(ours, theirs)
    lines += check + [""]
    print("\n".join(table(ours, theirs) + [""] + check), flush=True)
    return lines, not disagreements(ours, theirs)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} CPUs (nproc), {cpu}; {platform.system()} {platform.release()}; Python {platform.python_version()}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=50, help="submissions in the realistic class (default: 50)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="autograder grade --jobs (default: nproc)")
    parser.add_argument("--assignment", nargs="*", default=catalogue.all_ids(), help="default: every assignment")
    parser.add_argument("--no-hostile", action="store_true", help="skip the run with the full, hostile sample class")
    parser.add_argument("--results", type=Path, default=RESULTS, help=f"Markdown report (default: {RESULTS})")
    args = parser.parse_args(argv)

    lines = [
        "# Benchmark: `autograder grade` vs `nbgrader autograde`", "",
        f"Run {datetime.now().astimezone().isoformat(timespec='seconds')} on {machine()}.",
        f"`autograder grade --jobs {args.jobs}`; nbgrader runs one notebook at a time. Wall clock, start-up included.",
        "Made by `make bench` (`benchmarks/grade_class.py`); see `benchmarks/README.md`.", "",
    ]
    ok = True
    for assignment_id in args.assignment:
        assignment = catalogue.load(assignment_id)
        realistic = [s.id for s in sample_students(assignment.id) if s.id not in SLOW_HOSTILE]
        lines += [f"# {assignment.id}", ""]
        with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
            section, agreed = compare(assignment, args.n, False, args.jobs, Path(tmp) / "realistic",
                                      "Realistic class")
            ok &= agreed
            lines += section[:2] + [f"Cycling through {', '.join(realistic)} (the slow hostile students "
                                    f"{', '.join(sorted(SLOW_HOSTILE))} left out).", ""] + section[2:]
        if not args.no_hostile:
            with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
                n = len(sample_students(assignment.id))
                section, _ = compare(assignment, n, True, args.jobs, Path(tmp) / "hostile",
                                     "Full sample class, hostile students included")
                lines += section[:2] + [
                    "Each sample student once: grace (infinite loop in a function), hugo (memory bomb, `os._exit`), "
                    "jack (infinite loop at top level) and the rest. nbgrader waits out its 30 s cell time limit, "
                    "and gives up on the whole notebook when its kernel dies or stops answering after that limit "
                    "(nbgrader then records no grades: 0 here). Disagreements are expected here: the sandbox "
                    "grades what it can around a crash or an infinite loop.", ""] + section[2:]
    args.results.write_text("\n".join(lines).rstrip() + "\n", encoding="utf-8")
    print(f"\nwritten: {args.results}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
