"""Run ``autograder grade`` as a subprocess and watch it: wall time, the first graded submission, peak memory.

Shared by ``grade_class.py`` and ``scaling.py``.  Memory is sampled every ``SAMPLE_SECONDS`` from ``/proc``
(``psutil``): the grading process's peak RSS (its ``VmHWM``, exact), and the largest peak of any one process
below it (the sandboxes' fork servers and the children they fork per submission; a child living less than a
sample may be missed, the fork server it was forked from is not).
"""
from __future__ import annotations

import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

SAMPLE_SECONDS = 0.02
MB = 1024 * 1024


@dataclass
class Run:
    seconds: float  # wall clock, start-up to exit
    first_graded: float | None  # wall clock to the first graded submission's progress line
    grader_mb: float  # peak RSS of the grading process
    worker_mb: float  # largest peak RSS of one process below it (a fork server or a child)
    stdout: str
    stderr: str
    returncode: int


def autograder_command(folder: Path, assignment_id: str, out: Path, jobs: int) -> list[str]:
    return [str(Path(sys.executable).parent / "autograder"), "grade", str(folder), "--assignment", assignment_id,
            "--out", str(out), "--jobs", str(jobs)]


def run_grade(command: list[str]) -> Run:
    """Run ``command`` (an ``autograder grade``) to the end, watching its progress lines and its memory."""
    started = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    first: list[float] = []
    err_lines: list[str] = []

    def read_progress() -> None:  # "[1/200] ada-000: graded 13/13" on stderr when it is no terminal
        for line in proc.stderr:
            if not first and line.startswith("[1/"):
                first.append(time.perf_counter() - started)
            err_lines.append(line)
    reader = threading.Thread(target=read_progress, daemon=True)
    reader.start()
    out_chunks: list[str] = []
    out_reader = threading.Thread(target=lambda: out_chunks.append(proc.stdout.read()), daemon=True)
    out_reader.start()
    root = psutil.Process(proc.pid)
    grader, worker = 0, 0
    while proc.poll() is None:
        try:
            grader = max(grader, _peak(root))
            for child in root.children(recursive=True):
                worker = max(worker, _peak(child))
        except psutil.Error:
            pass
        time.sleep(SAMPLE_SECONDS)
    seconds = time.perf_counter() - started
    reader.join()
    out_reader.join()
    return Run(seconds, first[0] if first else None, grader / MB, worker / MB, "".join(out_chunks),
               "".join(err_lines), proc.returncode)


def _peak(process: psutil.Process) -> int:
    """The process's peak RSS so far (``VmHWM``), or its RSS now where the kernel does not say."""
    try:
        for line in Path(f"/proc/{process.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return process.memory_info().rss
