"""Grade a class: submissions in parallel, each in a fresh sandboxed child.

One thread per job owns one warm ``Worker`` (a zygote inside the sandbox) and grades submission after
submission with it (``grading.grade_file``); then each result gets its student and lateness
(``identity``) and goes to the result store as soon as it is known, so a killed run loses nothing and a rerun
skips finished students whose notebook and graders have not changed.  An output folder that cannot be
written (read-only, full) stops the run with ``OutputUnwritable``, which says so; what was written stays.  This
module only schedules.
"""
from __future__ import annotations

import os
import queue
import shutil
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Iterator

from autograder import catalogue
from autograder.classrun.identity import identify, missing_result
from autograder.classrun.late import LatePolicy
from autograder.grading.one import WorkerSlot, file_digest, grade_file, refused
from autograder.grading.prepared import Grading
from autograder.grading.sandbox_worker import Limits, Worker
from autograder.results import Result, ResultStore
from autograder.submission import Submission


class OutputUnwritable(OSError):
    """The output folder cannot be written (read-only, full): the message names it, the cause and what to do."""


@dataclass
class ClassRun:
    results: list[Result]
    reused: int
    seconds: float


def grade_class(assignment: catalogue.Assignment, submissions: list[Submission], out: Path, jobs: int,
                limits: Limits = Limits(), on_result: Callable[[Result, bool], None] = lambda r, reused: None,
                use_bubblewrap: bool | None = None, policy: LatePolicy = LatePolicy(),
                missing: list[tuple] = (), regrade: bool = False) -> ClassRun:
    """Grade every submission into ``out/results/``; calls ``on_result`` as each one is done.

    ``missing``: (student id, name, section[, ids]) of rostered students who handed in nothing, filed as
    ``missing``;
    ``regrade``: grade every submission again, even those whose notebook and graders have not changed.
    """
    started = time.perf_counter()
    grading = Grading.prepare(assignment)
    store = ResultStore(out)
    results: dict[str, Result] = {}
    todo: queue.Queue[Submission] = queue.Queue()
    with _writing_to(out, store):
        store.check_writable()  # read-only or full: said before any worker starts
        for submission in submissions:
            finished = _reuse(grading, store, submission, regrade, policy)
            if finished is None:
                todo.put(submission)
            else:
                results[submission.student_id] = finished
                on_result(finished, True)
        for student_id, name, section, *ids in missing:
            results[student_id] = missing_result(grading, student_id, name, section, *ids)
            store.write(results[student_id])
    store.clean_leftovers()
    lock = threading.Lock()
    failures: list[BaseException] = []
    stop = threading.Event()  # one grader failed (the output folder cannot be written): the others stop too

    def start_worker() -> Worker:
        return Worker(limits, use_bubblewrap=use_bubblewrap, scratch_parent=out / ".scratch",
                      preload=assignment.sandbox_imports)

    def work() -> None:
        slot = WorkerSlot(start_worker)
        try:
            with _writing_to(out, store):
                while not stop.is_set():
                    try:
                        submission = todo.get_nowait()
                    except queue.Empty:
                        return
                    result = identify(_graded(slot, grading, submission), submission, policy)
                    store.write(result)
                    with lock:
                        results[submission.student_id] = result
                        on_result(result, False)
        except BaseException as err:  # noqa: BLE001 - reported by the main thread
            failures.append(err)
            stop.set()
        finally:
            slot.close()

    todo_size = todo.qsize()
    threads = [threading.Thread(target=work, daemon=True) for _ in range(max(1, min(jobs, todo_size)))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    shutil.rmtree(out / ".scratch", ignore_errors=True)
    if failures:
        raise failures[0]
    ordered = [results[s.student_id] for s in submissions if s.student_id in results]
    ordered += [results[student_id] for student_id, *_ in missing]
    return ClassRun(ordered, len(submissions) - todo_size, time.perf_counter() - started)


def _reuse(grading: Grading, store: ResultStore, submission: Submission, regrade: bool,
           policy: LatePolicy) -> Result | None:
    """The finished result a rerun reuses (filed again if a new roster or late policy changes it), or None."""
    old = None if regrade else store.finished(submission.student_id, file_digest(submission.path), grading.version)
    if old is None:
        return None
    again = identify(old, submission, policy)  # a new roster or late policy changes these, never the grading
    if again != old:
        store.write(again)
    return again


def _graded(slot: WorkerSlot, grading: Grading, submission: Submission) -> Result:
    """The submission graded by the slot's worker, timed; a refused one (a zip member not unpacked) needs none."""
    if submission.refused:
        return refused(grading, submission.path, submission.refused)
    slot.warm()  # before the clock starts: a worker's start is no submission's time
    began = time.perf_counter()
    graded = grade_file(slot, grading, submission.path)
    return replace(graded, grading_seconds=round(time.perf_counter() - began, 3))


@contextmanager
def _writing_to(out: Path, store: ResultStore) -> Iterator[None]:
    """A write into ``out`` that fails becomes an ``OutputUnwritable`` naming the folder, the cause and the way on."""
    try:
        yield
    except OutputUnwritable:
        raise
    except OSError as err:
        where = os.path.abspath(os.fsdecode(err.filename)) if err.filename else ""
        if not Path(where).is_relative_to(os.path.abspath(out)):
            raise
        kept = sum(1 for _ in store.folder.glob("*.json"))
        raise OutputUnwritable(err.errno, f"{err.strerror}: the output folder {out} cannot be written ({where}); "
                                          f"the results finished so far ({kept}) are kept in {store.folder}: "
                                          "make room or make the folder writable, then rerun to grade the rest") from err
