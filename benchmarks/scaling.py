"""How ``autograder grade`` scales: one job against two, and 50 -> 200 -> 1000 submissions.

Run by ``make bench`` (``.venv/bin/python benchmarks/scaling.py``).  Not a test.  For each assignment, on the
realistic class of ``grade_class.py`` (the same notebooks):

* ``--jobs 1`` and ``--jobs 2`` on 200 submissions, ``--repeat`` runs each, interleaved, medians: the speed-up;
* ``--jobs 2`` on 50 and 1000 submissions (and the median of 200): linear growth means the same cost per extra
  submission from 50 to 200 as from 200 to 1000 (start-up is paid once, so only the extra submissions count);
* every run's first graded submission and peak memory (``observe.py``).

Writes its section of ``benchmarks/results.md``.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

from autograder import catalogue
from grade_class import write_class
from observe import Run, autograder_command, run_grade
from sections import stamp, write_section


def timed(assignment_id: str, folder: Path, jobs: int, tmp: Path) -> Run:
    out = Path(tempfile.mkdtemp(prefix="out-", dir=tmp))
    run = run_grade(autograder_command(folder, assignment_id, out, jobs))
    if run.returncode != 0:
        raise SystemExit(f"autograder grade failed ({run.returncode}):\n{run.stdout}\n{run.stderr}")
    return run


def scale(assignment_id: str, repeat: int, sizes: tuple[int, int, int], tmp: Path) -> list[str]:
    assignment = catalogue.load(assignment_id)
    small, middle, large = sizes
    classes = {n: tmp / f"class-{n}" for n in sizes}
    for n, folder in classes.items():
        write_class(assignment, folder, n, hostile=False)
    runs: dict[int, list[Run]] = {1: [], 2: []}
    for _ in range(repeat):  # interleaved, so a slow moment of the machine hits both
        for jobs in (1, 2):
            runs[jobs].append(timed(assignment_id, classes[middle], jobs, tmp))
            print(f"{assignment_id}: {middle} submissions, --jobs {jobs}: {runs[jobs][-1].seconds:.2f} s", flush=True)
    one, two = (statistics.median(r.seconds for r in runs[j]) for j in (1, 2))
    at = {middle: two}
    every = runs[1] + runs[2]
    for n in (small, large):
        run = timed(assignment_id, classes[n], 2, tmp)
        every.append(run)
        at[n] = run.seconds
        print(f"{assignment_id}: {n} submissions, --jobs 2: {run.seconds:.2f} s", flush=True)
    low = (at[middle] - at[small]) / (middle - small)
    high = (at[large] - at[middle]) / (large - middle)
    firsts = [r.first_graded for r in every if r.first_graded is not None]
    return [
        f"### {assignment_id}", "",
        "| submissions | --jobs | wall time (s) | s per submission |", "|---:|---:|---:|---:|",
        f"| {middle} | 1 | {one:.2f} (median of {repeat}) | {one / middle:.4f} |",
        f"| {middle} | 2 | {two:.2f} (median of {repeat}) | {two / middle:.4f} |",
        f"| {small} | 2 | {at[small]:.2f} | {at[small] / small:.4f} |",
        f"| {large} | 2 | {at[large]:.2f} | {at[large] / large:.4f} |", "",
        f"- `--jobs 2` is **{one / two:.2f}×** `--jobs 1` on {middle} submissions.",
        f"- Each extra submission costs {1000 * low:.1f} ms from {small} to {middle} and {1000 * high:.1f} ms from "
        f"{middle} to {large}: **{abs(high / low - 1):.0%}** apart.",
        f"- First graded submission after {min(firsts):.2f}–{max(firsts):.2f} s (all {len(firsts)} runs).",
        f"- Peak RSS over all runs: grading process {max(r.grader_mb for r in every):.0f} MB, largest worker "
        f"process {max(r.worker_mb for r in every):.0f} MB.", ""]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--assignment", nargs="*", default=catalogue.all_ids(), help="default: every assignment")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each --jobs on the middle size (default: 3)")
    parser.add_argument("--sizes", type=int, nargs=3, default=(50, 200, 1000), metavar=("SMALL", "MIDDLE", "LARGE"))
    parser.add_argument("--results", type=Path, default=None, help="Markdown report (default: benchmarks/results.md)")
    args = parser.parse_args(argv)
    lines = [f"## Scaling: one job against two, {' -> '.join(map(str, args.sizes))} submissions", "", stamp(),
             "The realistic class of `grade_class.py`; `autograder grade` as a subprocess, wall clock, start-up "
             "included. Made by `benchmarks/scaling.py`.", ""]
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        for assignment_id in args.assignment:
            lines += scale(assignment_id, args.repeat, tuple(args.sizes), Path(tmp) / assignment_id)
    write_section("scaling", lines, *([args.results] if args.results else []))
    return 0


if __name__ == "__main__":
    sys.exit(main())
