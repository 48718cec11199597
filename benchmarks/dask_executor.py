"""The dask executor against the local one on this machine: per-task overhead and throughput.

Run by ``make bench`` (``.venv/bin/python benchmarks/dask_executor.py``).  Not a test.  For each assignment,
the realistic class of ``grade_class.py`` (``--n``, 200 by default) is graded in this process by
``classrun.schedule.grade_class`` twice with each executor, interleaved: ``local`` with ``--jobs 2`` and
``dask`` on a ``LocalCluster`` of 2 worker processes with one thread each (scheduler, workers and this client
on the same 2 cores).  Scores must agree.  From the medians: the extra wall time per submission a dask task
costs, the worker time per task, and what N such workers would need for 10,000 submissions (an estimate: it
leaves out the scheduler's own limits and the network).  Writes its section of ``benchmarks/results.md``.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import dask
import distributed

from autograder import catalogue
from autograder.classrun import schedule
from autograder.classrun.executors.dask import DaskExecutor
from autograder.classrun.intake import discover
from grade_class import write_class
from sections import stamp, write_section

WORKERS = 2


def scores(run: schedule.ClassRun) -> dict[str, tuple]:
    return {r.student_id: (r.status, r.score, tuple(sorted((p, v.score) for p, v in r.problems.items())))
            for r in run.results}


def compare(assignment_id: str, n: int, repeat: int, address: str, tmp: Path) -> tuple[list[str], bool, float]:
    assignment = catalogue.load(assignment_id)
    write_class(assignment, tmp / "class", n, hostile=False)
    submissions = discover([tmp / "class"], assignment.id, assignment.notebook)
    seconds: dict[str, list[float]] = {"local": [], "dask": []}
    seen: dict[str, dict] = {}
    for rep in range(repeat):
        for name in seconds:
            out = tmp / f"out-{name}-{rep}"
            executor = DaskExecutor(address) if name == "dask" else None
            started = time.perf_counter()
            run = schedule.grade_class(assignment, submissions, out, jobs=WORKERS, executor=executor)
            seconds[name].append(time.perf_counter() - started)
            seen[name] = scores(run)
            shutil.rmtree(out)
            print(f"{assignment_id}: {n} submissions, {name}: {seconds[name][-1]:.2f} s", flush=True)
    local, remote = (statistics.median(seconds[k]) for k in ("local", "dask"))
    per_task = remote * WORKERS / n
    agree = seen["local"] == seen["dask"]
    return ([f"| {assignment_id} | {n} | {local:.2f} | {remote:.2f} | {n / local:.1f} | {n / remote:.1f} | "
             f"{1000 * (remote - local) / n:+.1f} | {1000 * per_task:.0f} | {'yes' if agree else 'NO'} |"],
            agree, per_task)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--assignment", nargs="*", default=catalogue.all_ids(), help="default: every assignment")
    parser.add_argument("--n", type=int, default=200, help="submissions per class (default: 200)")
    parser.add_argument("--repeat", type=int, default=2, help="runs of each executor, interleaved (default: 2)")
    parser.add_argument("--results", type=Path, default=None, help="Markdown report (default: benchmarks/results.md)")
    args = parser.parse_args(argv)
    rows = ["## The dask executor against the local one", "", stamp(),
            f"`benchmarks/dask_executor.py`: the realistic class of {args.n}, graded in one process by `grade_class` "
            f"with `local` (`--jobs {WORKERS}`) and with `dask` (a `LocalCluster` of {WORKERS} worker processes, one "
            f"thread each, on the same cores as the scheduler and this client); medians of {args.repeat} interleaved "
            "runs.", "",
            "| assignment | submissions | local (s) | dask (s) | local /s | dask /s | dask's extra wall time per "
            "submission (ms) | worker time per task (ms) | same scores |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---|"]
    ok, per_task = True, []
    with dask.config.set({"distributed.scheduler.worker-saturation": 1.0, "distributed.scheduler.allowed-failures": 2}):
        cluster = distributed.LocalCluster(n_workers=WORKERS, threads_per_worker=1, processes=True,
                                           dashboard_address=None)
    try:
        with tempfile.TemporaryDirectory(prefix="bench-dask-") as tmp:
            for assignment_id in args.assignment:
                row, agree, task = compare(assignment_id, args.n, args.repeat, cluster.scheduler_address,
                                           Path(tmp) / assignment_id)
                rows += row
                ok &= agree
                per_task.append(task)
    finally:
        cluster.close()
    worst = max(per_task)
    rows += ["", f"10,000 submissions at the slowest assignment's {1000 * worst:.0f} ms of worker time per task, "
             "if the scheduler keeps up: " + ", ".join(f"{workers} workers about {10_000 * worst / workers:.0f} s"
                                                      for workers in (10, 50, 200)) + "."]
    if set(args.assignment) == set(catalogue.all_ids()) or args.results:
        write_section("dask", rows, *([args.results] if args.results else []))
    print("\n".join(rows))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
