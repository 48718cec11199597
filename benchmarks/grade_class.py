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

nbgrader at 200 submissions takes over an hour for the five assignments on 2 cores, so by
default a class of ``--stored-from`` (200) or more is compared with nbgrader's run on the *same*
notebooks recorded, dated, in ``benchmarks/nbgrader_runs.json`` (the class's fingerprint must
match); the first run of a size, or ``--measure-nbgrader``, measures it and records it there.

Exit code 1 when the scores of the realistic class disagree.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
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
from observe import autograder_command, run_grade
from sections import machine, stamp, write_section

HERE = Path(__file__).resolve().parent
NBGRADER_RUNS = HERE / "nbgrader_runs.json"
SLOW_HOSTILE = {"grace", "hugo", "jack"}


@dataclass
class Timing:
    label: str
    submissions: int
    seconds: float
    scores: dict[str, dict[str, float]]  # student -> problem -> score
    note: str = ""
    gave_up: tuple[str, ...] = ()  # students whose notebook the grader could not grade at all
    measured: str = ""  # when a stored run was measured; empty for a run made now
    first_graded: float | None = None  # seconds to the first graded submission (autograder only)
    memory: str = ""  # peak RSS of the grading process and of one worker process (autograder only)

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


def fingerprint(notebooks: dict[str, Path]) -> str:
    """The class's identity: every student id and notebook's bytes, so a stored run is only reused on the same class."""
    digest = hashlib.sha256()
    for student_id in sorted(notebooks):
        digest.update(student_id.encode() + b"\0" + notebooks[student_id].read_bytes() + b"\0")
    return digest.hexdigest()


def stored_nbgrader(assignment: catalogue.Assignment, notebooks: dict[str, Path]) -> tuple[Timing, float] | None:
    """nbgrader's recorded run on exactly these notebooks, if there is one."""
    runs = json.loads(NBGRADER_RUNS.read_text(encoding="utf-8")) if NBGRADER_RUNS.exists() else {}
    run = runs.get(assignment.id, {}).get(str(len(notebooks)))
    if not run or run["class"] != fingerprint(notebooks):
        return None
    timing = Timing("nbgrader autograde", len(notebooks), run["seconds"], run["scores"], run["note"],
                    tuple(run["gave_up"]), measured=f"{run['date']} on {run['machine']}")
    return timing, run["setup"]


def record_nbgrader(assignment: catalogue.Assignment, notebooks: dict[str, Path], timing: Timing, setup: float) -> None:
    runs = json.loads(NBGRADER_RUNS.read_text(encoding="utf-8")) if NBGRADER_RUNS.exists() else {}
    runs.setdefault(assignment.id, {})[str(len(notebooks))] = {
        "date": datetime.now().astimezone().isoformat(timespec="seconds"), "machine": machine(),
        "class": fingerprint(notebooks), "seconds": round(timing.seconds, 2), "setup": round(setup, 2),
        "note": timing.note, "gave_up": list(timing.gave_up), "scores": timing.scores}
    NBGRADER_RUNS.write_text(json.dumps(runs, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")


def time_autograder(assignment: catalogue.Assignment, folder: Path, out: Path, jobs: int) -> Timing:
    run = run_grade(autograder_command(folder, assignment.id, out, jobs))
    if run.returncode != 0:
        raise SystemExit(f"autograder grade failed ({run.returncode}):\n{run.stdout}\n{run.stderr}")
    scores = {r.student_id: {p: v.score for p, v in r.problems.items()} for r in ResultStore(out).read_all()}
    note = "reduced sandbox (no bubblewrap)" if "reduced sandbox" in run.stdout else "bubblewrap sandbox"
    memory = f"peak RSS: grading process {run.grader_mb:.0f} MB, largest worker process {run.worker_mb:.0f} MB"
    return Timing(f"autograder grade --jobs {jobs}", len(scores), run.seconds, scores, note,
                  first_graded=run.first_graded, memory=memory)


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
    if ours.first_graded is not None:
        rows += ["", f"`autograder grade`: first graded submission after {ours.first_graded:.2f} s; {ours.memory}."]
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


def compare(assignment: catalogue.Assignment, n: int, hostile: bool, jobs: int, tmp: Path, title: str,
            stored: bool = False, remeasure: bool = False,
            live_rate: float | None = None) -> tuple[list[str], bool, float | None]:
    """Both graders on one class.  With ``stored``, nbgrader's run is the one recorded on the same class (measured
    and recorded when there is none, or with ``remeasure``); ``live_rate``, nbgrader's seconds per submission measured
    in this run on a smaller class, gives a second ratio beside a recorded run's.  Returns the section's lines,
    whether the scores agree, and nbgrader's seconds per submission when measured now."""
    print(f"\n== {title}: {n} submissions ==", flush=True)
    notebooks = write_class(assignment, tmp / "class", n, hostile)
    ours = time_autograder(assignment, tmp / "class", tmp / "autograder-out", jobs)
    print(f"autograder grade: {ours.seconds:.1f} s", flush=True)
    recorded = stored_nbgrader(assignment, notebooks) if stored and not remeasure else None
    if recorded:
        theirs, setup = recorded
        print(f"nbgrader autograde: {theirs.seconds:.1f} s, measured {theirs.measured}", flush=True)
    else:
        theirs, setup = time_nbgrader(assignment, notebooks, tmp / "nbgrader")
        print(f"nbgrader autograde: {theirs.seconds:.1f} s (course set-up, not counted: {setup:.1f} s)", flush=True)
        if stored:
            record_nbgrader(assignment, notebooks, theirs, setup)
    when = (f"nbgrader's run on these same notebooks was measured {theirs.measured} and is read from "
            f"`benchmarks/nbgrader_runs.json` (`--measure-nbgrader` measures it again)." if theirs.measured else
            "Both measured in this run.")
    lines = [f"#### {title}", ""] + table(ours, theirs) + [
        "", f"nbgrader course set-up (`generate_assignment`, once per assignment, not counted): {setup:.1f} s. {when}", ""]
    if theirs.measured and live_rate:
        lines += [f"Against nbgrader's {live_rate:.2f} s per submission measured in this run on the smaller class, "
                  f"the ratio is **{live_rate / ours.per_submission:.1f}×** (the recorded run was "
                  f"{theirs.per_submission / live_rate - 1:+.0%} per submission).", ""]
    check = agreement(ours, theirs)
    lines += check + [""]
    print("\n".join(table(ours, theirs) + [""] + check), flush=True)
    return lines, not disagreements(ours, theirs), None if theirs.measured else theirs.per_submission


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, nargs="+", default=[50, 200],
                        help="sizes of the realistic class (default: 50 200)")
    parser.add_argument("--stored-from", type=int, default=200,
                        help="from this class size on, reuse nbgrader's dated run recorded in nbgrader_runs.json "
                             "(measured and recorded when missing; default: 200)")
    parser.add_argument("--measure-nbgrader", action="store_true",
                        help="measure nbgrader at every size now, and record the runs of --stored-from or more")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="autograder grade --jobs (default: nproc)")
    parser.add_argument("--assignment", nargs="*", default=catalogue.all_ids(), help="default: every assignment")
    parser.add_argument("--no-hostile", action="store_true", help="skip the run with the full, hostile sample class")
    parser.add_argument("--results", type=Path, default=None, help="Markdown report (default: benchmarks/results.md)")
    args = parser.parse_args(argv)

    lines = [
        "## `autograder grade` against `nbgrader autograde`", "",
        stamp(),
        f"`autograder grade --jobs {args.jobs}`; nbgrader runs one notebook at a time. Wall clock, start-up included.",
        "Made by `make bench` (`benchmarks/grade_class.py`); see `benchmarks/README.md`.", "",
    ]
    ok = True
    for assignment_id in args.assignment:
        assignment = catalogue.load(assignment_id)
        realistic = [s.id for s in sample_students(assignment.id) if s.id not in SLOW_HOSTILE]
        lines += [f"### {assignment.id}", ""]
        live_rate = None
        for n in sorted(args.n):
            stored = n >= args.stored_from
            with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
                section, agreed, rate = compare(assignment, n, False, args.jobs, Path(tmp) / "realistic",
                                                f"Realistic class of {n}", stored, args.measure_nbgrader, live_rate)
                live_rate = rate or live_rate
                ok &= agreed
                lines += section[:2] + [f"Cycling through {', '.join(realistic)} (the slow hostile students "
                                        f"{', '.join(sorted(SLOW_HOSTILE))} left out).", ""] + section[2:]
        if not args.no_hostile:
            with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
                n = len(sample_students(assignment.id))
                section, _, _ = compare(assignment, n, True, args.jobs, Path(tmp) / "hostile",
                                     "Full sample class, hostile students included")
                lines += section[:2] + [
                    "Each sample student once: grace (infinite loop in a function), hugo (memory bomb, `os._exit`), "
                    "jack (infinite loop at top level) and the rest. nbgrader waits out its 30 s cell time limit, "
                    "and gives up on the whole notebook when its kernel dies or stops answering after that limit "
                    "(nbgrader then records no grades: 0 here). Disagreements are expected here: the sandbox "
                    "grades what it can around a crash or an infinite loop.", ""] + section[2:]
    if args.results or set(args.assignment) == set(catalogue.all_ids()):  # a partial run keeps the full table
        write_section("grade_class", lines, *([args.results] if args.results else []))
        print(f"\nwritten: {args.results or 'benchmarks/results.md'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
