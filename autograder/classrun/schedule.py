"""Grade a class: hand the submissions to an executor, file and store each result as it comes back.

The executor grades (``executors``: ``local`` by default, ``--jobs`` job processes here (one: a thread) with one
warm sandbox each; ``dask``, a dask.distributed cluster); this module, the one process that owns the output folder, gives each result its
student and lateness (``identity``) and writes it to the result store as soon as it is known, so a killed run
loses nothing and a rerun skips finished students whose notebook and graders have not changed.  An output
folder that cannot be written (read-only, full) stops the run with ``OutputUnwritable``, which says so; what was
written stays.  This module only schedules.
"""
from __future__ import annotations

import os
import shutil
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from autograder import catalogue
from autograder.classrun.executors import Executor
from autograder.classrun.executors.local import LocalExecutor
from autograder.classrun.identity import identify, missing_result
from autograder.classrun.late import LatePolicy
from autograder.grading.one import file_digest, refused
from autograder.grading.prepared import Grading
from autograder.grading.sandbox_worker import Limits
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
                missing: list[tuple] = (), regrade: bool = False, executor: Executor | None = None) -> ClassRun:
    """Grade every submission into ``out/results/``; calls ``on_result`` as each one is done.

    ``missing``: (student id, name, section[, ids]) of rostered students who handed in nothing, filed as
    ``missing``;
    ``regrade``: grade every submission again, even those whose notebook and graders have not changed;
    ``executor``: who grades (default: ``jobs`` local threads with ``limits`` and ``use_bubblewrap``).
    """
    started = time.perf_counter()
    grading = Grading.prepare(assignment)
    store = ResultStore(out)
    results: dict[str, Result] = {}
    todo: list[Submission] = []
    reused = 0
    lock = threading.Lock()

    def done(submission: Submission, graded: Result) -> None:
        result = identify(graded, submission, policy)
        store.write(result)
        with lock:
            results[submission.student_id] = result
            on_result(result, False)

    with _writing_to(out, store):
        store.check_writable()  # read-only or full: said before any worker starts
        for submission in submissions:
            finished = _reuse(grading, store, submission, regrade, policy)
            if finished is not None:
                results[submission.student_id] = finished
                reused += 1
                on_result(finished, True)
            elif submission.refused:  # a zip member not unpacked: nothing to grade
                done(submission, refused(grading, submission.path, submission.refused))
            else:
                todo.append(submission)
        for student_id, name, section, *ids in missing:
            results[student_id] = missing_result(grading, student_id, name, section, *ids)
            store.write(results[student_id])
    store.clean_leftovers()
    executor = executor or LocalExecutor(jobs, limits, use_bubblewrap)
    try:
        with _writing_to(out, store):
            executor.grade(grading, todo, out / ".scratch", done)
    finally:
        shutil.rmtree(out / ".scratch", ignore_errors=True)
    ordered = [results[s.student_id] for s in submissions if s.student_id in results]
    ordered += [results[student_id] for student_id, *_ in missing]
    return ClassRun(ordered, reused, time.perf_counter() - started)


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
