"""The local executor: ``jobs`` warm sandboxes on this machine, each a ``Worker`` (a fork server, held by a
``WorkerSlot``) grading submission after submission.  Gradescope grades its one submission with it too, so every
submission takes the same path (``graded``).

With one job the grading runs in a thread of this process.  With more, each job is a process forked from this
one (graders and references already loaded), on a CPU of its own with its fork server: the graders' own Python
work (checks, references, messages: a third of a submission) then runs beside the other jobs', not behind one
interpreter lock, and a hand-over between grader and child stays on one CPU.  A job process sends each result
back as ``Result.to_json()``; this process alone calls ``done`` (which files and writes it).
"""
from __future__ import annotations

import multiprocessing
import os
import queue
import signal
import sys
import threading
import time
from dataclasses import replace
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Callable, Sequence

from autograder.classrun.executors.base import Done, ExecutorFailed
from autograder.grading.one import WorkerSlot, grade_file
from autograder.grading.prepared import Grading
from autograder.grading.sandbox_worker import Limits, Worker
from autograder.messages import say
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
    """Warm sandboxes on this machine: one job in a thread, several in forked processes."""
    name = "local"

    def __init__(self, jobs: int, limits: Limits = Limits(), use_bubblewrap: bool | None = None,
                 start: StartWorker | None = None) -> None:
        """``use_bubblewrap``: None for bubblewrap where it is installed; ``start``: how a sandbox worker starts
        (default: ``Worker`` with these limits, which fails loudly when the sandbox cannot start)."""
        self.jobs = jobs
        self._limits, self._use_bubblewrap, self._custom_start = limits, use_bubblewrap, start

    def _start(self, scratch: Path, preload: Sequence[str], pin: bool) -> Worker:
        if self._custom_start is not None:
            return self._custom_start(scratch, preload)
        return Worker(self._limits, use_bubblewrap=self._use_bubblewrap, scratch_parent=scratch, preload=preload,
                      pin=pin)

    def grade(self, grading: Grading, submissions: Sequence[Submission], scratch: Path, done: Done) -> None:
        jobs = max(1, min(self.jobs, len(submissions)))
        if jobs == 1 or "fork" not in multiprocessing.get_all_start_methods():
            self._grade_in_threads(jobs, grading, submissions, scratch, done)
        else:
            self._grade_in_processes(jobs, grading, submissions, scratch, done)

    def _grade_in_threads(self, jobs: int, grading: Grading, submissions: Sequence[Submission], scratch: Path,
                          done: Done) -> None:
        todo: queue.SimpleQueue[Submission] = queue.SimpleQueue()
        for submission in submissions:
            todo.put(submission)
        failures: list[BaseException] = []
        stop = threading.Event()  # one thread failed (the output folder cannot be written): the others stop too
        preload = grading.assignment.sandbox_imports

        def work() -> None:
            slot = WorkerSlot(lambda: self._start(scratch, preload, pin=True))
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

        threads = [threading.Thread(target=work, daemon=True) for _ in range(jobs)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        if failures:
            raise failures[0]

    def _grade_in_processes(self, jobs: int, grading: Grading, submissions: Sequence[Submission], scratch: Path,
                            done: Done) -> None:
        context = multiprocessing.get_context("fork")
        cpus = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
        pending = list(reversed(submissions))
        working: dict[Connection, Submission | None] = {}
        processes = []
        try:
            for index in range(jobs):
                ours, theirs = context.Pipe()
                cpu = cpus[index % len(cpus)] if len(cpus) > 1 else None
                process = context.Process(target=self._job, args=(theirs, cpu, grading, scratch), daemon=True)
                process.start()
                theirs.close()
                processes.append(process)
                working[ours] = None
                self._send_next(ours, pending, working)
            while any(s is not None for s in working.values()):
                for connection in wait([c for c, s in working.items() if s is not None]):
                    submission = working[connection]
                    try:
                        reply = connection.recv()
                    except EOFError:
                        raise ExecutorFailed(say("classrun.executors.local.job_ended", "a grading job ended unexpectedly "
                                                 "while grading {file} (killed, or out of memory?): the finished results "
                                                 "are kept; rerun to grade the rest", file=str(submission.path))) from None
                    if "error" in reply:
                        raise reply["error"]
                    done(submission, Result.from_json(reply["result"]))
                    self._send_next(connection, pending, working)
        finally:
            for connection in working:
                try:
                    connection.send(None)  # close your sandbox and end
                except OSError:
                    pass
            for process in processes:
                process.join(timeout=10)
                if process.is_alive():
                    process.kill()
                    process.join()
            for connection in working:
                connection.close()

    @staticmethod
    def _send_next(connection: Connection, pending: list[Submission], working: dict) -> None:
        working[connection] = pending.pop() if pending else None
        if working[connection] is not None:
            connection.send(str(working[connection].path))

    def _job(self, connection: Connection, cpu: int | None, grading: Grading, scratch: Path) -> None:
        """One job process: its own CPU and warm sandbox; paths in, ``Result.to_json()`` (or the error) out."""
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the grading process's to handle: it ends us
        sys.stdout = sys.stderr = open(os.devnull, "w")  # fresh streams: a lock another thread held stays behind
        if cpu is not None:
            try:
                os.sched_setaffinity(0, {cpu})  # its fork server and children inherit it
            except OSError:
                pass
        slot = WorkerSlot(lambda: self._start(scratch, grading.assignment.sandbox_imports, pin=False))
        try:
            while (path := connection.recv()) is not None:
                try:
                    reply = {"result": graded(slot, grading, Path(path)).to_json()}
                except Exception as err:  # noqa: BLE001 - raised again by the grading process
                    reply = {"error": err}
                connection.send(reply)
        except (EOFError, OSError):  # the grading process is gone
            pass
        finally:
            slot.close()
            connection.close()
