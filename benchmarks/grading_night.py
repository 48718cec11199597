"""Time the grading night on the synthetic Canvas course: grade it with its roster, then write every LMS's file.

    .venv/bin/python benchmarks/grading_night.py --students 300 --assignment 01_sigmoid

Wall clock of each command as an instructor runs it (a subprocess: interpreter start-up included), in a fresh
temporary folder.  Prints the numbers; nothing in the repository is written.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

AUTOGRADER = [sys.executable, "-m", "autograder.cli"]
ROSTERS = {"canvas": "roster.csv", "moodle": "moodle-grades.csv", "blackboard": "blackboard-gradecenter.xls",
           "brightspace": "brightspace-grades.csv", "csv": "roster.csv"}


def timed(*args: str) -> float:
    began = time.perf_counter()
    subprocess.run([*AUTOGRADER, *args], check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--students", type=int, default=300)
    parser.add_argument("--assignment", default="01_sigmoid")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        course, graded = Path(tmp) / "course", Path(tmp) / "graded"
        timed("course", args.assignment, "--students", str(args.students), "-o", str(course))
        seconds = timed("grade", str(course / "submissions.zip"), "-a", args.assignment, "--roster",
                        str(course / "roster.csv"), "-o", str(graded), "--jobs", str(args.jobs))
        print(f"{args.students} students of {args.assignment}, --jobs {args.jobs}: grade {seconds:.1f} s")
        for fmt, roster in ROSTERS.items():
            seconds = timed("export", "--format", fmt, "--results", str(graded), "--roster", str(course / roster),
                            "--to", str(Path(tmp) / f"upload-{fmt}"))
            print(f"  export --format {fmt}: {seconds:.2f} s")


if __name__ == "__main__":
    main()
