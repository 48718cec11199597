"""The local executor: ``jobs`` threads on this machine, each with one warm sandbox ``Worker`` (a fork server,
held by a ``WorkerSlot``), grading submission after submission.  Gradescope grades its one submission with it
too, so every submission takes the same path (``graded``)."""
from __future__ import annotations

import queue
import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import Callable, Sequence

from autograder.classrun.executors.base import Done
from autograder.grading.one import WorkerSlot, grade_file
from autograder.grading.prepared import Grading
from autograder.grading.sandbox_worker import Limits, Worker
from autograder.results import Result
from autograder.submission import Submission

# How a sandbox worker starts: given the scratch folder and the modules its fork server preloads.
StartWorker = Callable[[Path, Sequence[str]], Worker]


def graded(slot: WorkerSlot, grading: Grading, path: Path) -> Result:
    """The notebook at ``path`` graded by the slot's worker, timed (a dask worker grades through this too)."""
    slot.warm()  # before the clock starts: a worker's start is no submission's time
    began = time.perf_counter()
    result = grade_file(slot, grading, path)
    return replace(result, grading_seconds=round(time.perf_counter() - began, 3))


class LocalExecutor:
    """Threads on this machine, one warm sandbox each."""
    name = "local"

    def __init__(self, jobs: int, limits: Limits = Limits(), use_bubblewrap: bool | None = None,
                 start: StartWorker | None = None) -> None:
        """``use_bubblewrap``: None for bubblewrap where it is installed; ``start``: how a sandbox worker starts
        (default: ``Worker`` with these limits, which fails loudly when the sandbox cannot start)."""
        self.jobs = jobs
        self._start = start or (lambda scratch, preload: Worker(limits, use_bubblewrap=use_bubblewrap,
                                                                scratch_parent=scratch, preload=preload))

    def grade(self, grading: Grading, submissions: Sequence[Submission], scratch: Path, done: Done) -> None:
        todo: queue.SimpleQueue[Submission] = queue.SimpleQueue()
        for submission in submissions:
            todo.put(submission)
        failures: list[BaseException] = []
        stop = threading.Event()  # one thread failed (the output folder cannot be written): the others stop too
        preload = grading.assignment.sandbox_imports

        def work() -> None:
            slot = WorkerSlot(lambda: self._start(scratch, preload))
            try:
                while not stop.is_set():
                    try:
                        submission = todo.get_nowait()
                    except queue.Empty:
                        return
                    done(submission, graded(slot, grading, submission.path))
            except BaseException as err:  # noqa: BLE001 - raised again by the calling thread
                failures.append(err)
                stop.set()
            finally:
                slot.close()

        threads = [threading.Thread(target=work, daemon=True) for _ in range(max(1, min(self.jobs, len(submissions))))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        if failures:
            raise failures[0]
