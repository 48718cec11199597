"""Grade a class: submissions in parallel, each in a fresh sandboxed child.

One thread per job owns one warm ``Worker`` (a zygote inside the sandbox) and grades submission after
submission with it (``grading.grade_file``); then each result gets its student and lateness
(``identity``) and goes to the result store as soon as it is known, so a killed run loses nothing and a rerun
skips finished students whose notebook and graders have not changed.  This module only schedules.
"""
from __future__ import annotations

import queue
import shutil
import threading
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

from autograder import catalogue
from autograder.classrun.identity import identify, missing_result
from autograder.classrun.late import LatePolicy
from autograder.grading.one import WorkerSlot, grade_file
from autograder.grading.one import file_digest
from autograder.grading.prepared import Grading
from autograder.grading.sandbox_worker import Limits, Worker
from autograder.results import Result, ResultStore
from autograder.submission import Submission


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
    reused = 0
    for submission in submissions:
        old = None if regrade else store.finished(submission.student_id, file_digest(submission.path),
                                                  grading.version)
        if old is not None:
            again = identify(old, submission, policy)  # a new roster or late policy changes these, never the grading
            if again != old:
                store.write(again)
            results[submission.student_id] = again
            reused += 1
            on_result(again, True)
        else:
            todo.put(submission)
    for student_id, name, section, *ids in missing:
        result = missing_result(grading, student_id, name, section, *ids)
        store.write(result)
        results[student_id] = result

    store.clean_leftovers()
    lock = threading.Lock()
    failures: list[BaseException] = []

    def start_worker() -> Worker:
        return Worker(limits, use_bubblewrap=use_bubblewrap, scratch_parent=out / ".scratch",
                      preload=assignment.sandbox_imports)

    def work() -> None:
        slot = WorkerSlot(start_worker)
        try:
            while True:
                try:
                    submission = todo.get_nowait()
                except queue.Empty:
                    return
                slot.warm()  # before the clock starts: a worker's start is no submission's time
                began = time.perf_counter()
                graded = grade_file(slot, grading, submission.path)
                result = identify(replace(graded, grading_seconds=round(time.perf_counter() - began, 3)),
                                  submission, policy)
                store.write(result)
                with lock:
                    results[submission.student_id] = result
                    on_result(result, False)
        except BaseException as err:  # noqa: BLE001 - reported by the main thread
            failures.append(err)
        finally:
            slot.close()

    threads = [threading.Thread(target=work, daemon=True) for _ in range(max(1, min(jobs, todo.qsize())))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    shutil.rmtree(out / ".scratch", ignore_errors=True)
    if failures:
        raise failures[0]
    ordered = [results[s.student_id] for s in submissions if s.student_id in results]
    ordered += [results[student_id] for student_id, *_ in missing]
    return ClassRun(ordered, reused, time.perf_counter() - started)
