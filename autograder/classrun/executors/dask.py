"""The dask executor: the submissions are graded by the workers of a dask.distributed cluster (Slurm through
dask-jobqueue, Kubernetes through dask-kubernetes, SSH hosts), one warm sandbox per worker thread.

This process reads each notebook and sends its bytes as a task (``dask_worker.grade_task``); each result comes
back as JSON and is handed to the class run, which alone writes the output folder.  A worker lost mid-run costs
nothing: dask gives its tasks to other workers, and each submission's result arrives once.  A submission on
which more workers died than the scheduler allows (``distributed.scheduler.allowed-failures``) is marked
``crashed``; the scheduler gone stops the run with the finished results kept, and a rerun resumes.

A dask scheduler runs any function any client sends it, on workers that hold the reference solutions: it must be
on this machine or reached over TLS with certificates (``check_safe``), and students must never reach it.
"""
from __future__ import annotations

import ipaddress
import json
import logging
import uuid
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Callable, Iterator, Sequence

from distributed import CancelledError, Client, KilledWorker, as_completed
from distributed.comm.addressing import get_address_host, parse_address
from distributed.security import Security

from autograder.classrun.executors.base import Done, ExecutorFailed
from autograder.classrun.executors.dask_worker import GradingPlugin, grade_task, retry_settings
from autograder.grading.notebook_code import InvalidNotebook, read_notebook
from autograder.grading.one import WorkerSlot, grade_file
from autograder.grading.prepared import Grading
from autograder.grading.sandbox_worker import Limits
from autograder.messages import say
from autograder.results import Result
from autograder.submission import Submission

# Tasks sent ahead of the results: enough to keep every worker thread busy and an adaptive cluster growing,
# few enough that the scheduler never holds a whole MOOC's notebooks at once.
IN_FLIGHT_PER_THREAD = 4
MIN_IN_FLIGHT = 256


def check_safe(address: str, security: Security) -> None:
    """Refuse (``ExecutorFailed``) a scheduler that is neither on this machine nor reached over mutual TLS."""
    scheme, _ = parse_address(address)
    if scheme == "inproc" or _loopback(get_address_host(address)):
        return
    if scheme == "tls" and security.tls_ca_file and security.tls_client_cert:
        return
    raise ExecutorFailed(say("classrun.executors.dask.unsafe", "refusing the dask scheduler {address}: a dask "
                             "scheduler runs any function any client sends it, on workers that hold the reference "
                             "solutions, so it must run on this machine or be reached over TLS with certificates "
                             "(a tls:// address, and distributed.comm.tls.ca-file, client.cert and client.key in the "
                             "dask configuration)", address=address))


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:  # a host name: it may resolve anywhere
        return False


def _no_sandbox() -> None:
    raise AssertionError("a file that cannot be read is judged without a sandbox")


class DaskExecutor:
    """The workers of a dask.distributed cluster, one warm sandbox per worker thread."""
    name = "dask"

    def __init__(self, scheduler: str | None = None, scheduler_file: Path | None = None, limits: Limits = Limits(),
                 security: Security | None = None, on_note: Callable[[str], None] = lambda note: None) -> None:
        """``scheduler``: its address, or ``scheduler_file`` (``dask scheduler --scheduler-file``);
        ``security``: the TLS files (default: the dask configuration's); ``on_note``: hears how many workers
        there are, the retry bound, and each worker's sandbox level as it first grades."""
        self.address = scheduler or _address_in(scheduler_file)
        self.security = security or Security()
        check_safe(self.address, self.security)
        self.limits, self.on_note = limits, on_note
        self.jobs = 0

    def grade(self, grading: Grading, submissions: Sequence[Submission], scratch: Path, done: Done) -> None:
        if not submissions:
            return
        try:
            client = Client(self.address, security=self.security, set_as_default=False)
        except OSError as err:
            raise ExecutorFailed(say("classrun.executors.dask.unreachable", "cannot reach the dask scheduler "
                                     "{address}: {reason}", address=self.address, reason=str(err))) from None
        plugin = f"autograder-{grading.assignment.id}-{uuid.uuid4().hex[:12]}"  # this run's sandboxes
        try:
            client.register_plugin(GradingPlugin(grading.assignment.id, grading.version, self.limits), name=plugin)
            self._describe(client)
            self._run(client, plugin, grading, submissions, done)
        finally:
            if client.status == "running":
                client.unregister_worker_plugin(plugin)
                client.close()
            else:  # the scheduler is gone (and its workers' sandboxes with it): stop reconnecting, quietly
                with _silenced(logging.getLogger("distributed.client")):
                    client.close()

    def _describe(self, client: Client) -> None:
        threads = client.nthreads()
        self.jobs = sum(threads.values())
        allowed, saturation = client.run_on_scheduler(retry_settings)
        self.on_note(say("classrun.executors.dask.cluster", "dask scheduler {address}: {workers} workers, {threads} "
                         "threads; a submission is retried on another worker when its worker dies, and marked "
                         "crashed after {tries} workers died under it", address=self.address,
                         workers=len(threads), threads=self.jobs, tries=allowed + 1))
        if saturation > 1:
            self.on_note(say("classrun.executors.dask.saturation", "the scheduler gives a worker thread more than "
                             "one task at once (distributed.scheduler.worker-saturation {saturation:g}): a submission "
                             "that kills its worker counts against its neighbour too; set it to 1.0",
                             saturation=saturation))

    def _run(self, client: Client, plugin: str, grading: Grading, submissions: Sequence[Submission],
             done: Done) -> None:
        waiting = iter(submissions)
        running = as_completed(loop=client.loop)
        sent: dict = {}
        seen: dict[str, str] = {}  # each worker's sandbox level, said once

        def send_next() -> None:
            for submission in waiting:
                try:
                    notebook = read_notebook(submission.path)
                except (InvalidNotebook, OSError):  # judged here, exactly as the local executor judges it
                    done(submission, grade_file(WorkerSlot(_no_sandbox), grading, submission.path))
                    continue
                future = client.submit(grade_task, plugin, notebook, submission.path.name, grading.assignment.id,
                                       grading.version, pure=False)
                sent[future] = submission
                running.add(future)
                return

        for _ in range(max(MIN_IN_FLIGHT, IN_FLIGHT_PER_THREAD * self.jobs)):
            send_next()
        for future in running:
            submission = sent.pop(future)
            done(submission, self._result(future, submission, grading, seen))
            future.release()
            send_next()

    def _result(self, future, submission: Submission, grading: Grading, seen: dict[str, str]) -> Result:
        """The submission's result from its finished task; a task no worker survived is ``crashed``."""
        try:
            answer = future.result()  # raises what the task raised, with the worker's traceback
        except KilledWorker as err:  # unstamped (no grader_version): a rerun tries it again
            return grading.not_graded("crashed", say(
                "classrun.executors.dask.killed_workers", "not graded: {tries} grading workers died one after the "
                "other while they graded this notebook (does its code exhaust the machine?); a rerun grades it again",
                tries=err.allowed_failures + 1))
        except CancelledError as err:  # the client lost the scheduler: every task is cancelled
            raise ExecutorFailed(say("classrun.executors.dask.scheduler_lost", "lost the dask scheduler {address} "
                                     "({reason}): the finished results are kept; rerun when it is back to grade the "
                                     "rest", address=self.address, reason=str(getattr(err, "reason", err)))) from None
        if seen.get(answer["worker"]) != answer["sandbox"]:
            seen[answer["worker"]] = answer["sandbox"]
            self.on_note(say("classrun.executors.dask.worker_sandbox", "dask worker {worker}: {level}",
                             worker=answer["worker"], level=answer["sandbox"]))
        return replace(Result.from_json(answer["result"]), submission=str(submission.path))


@contextmanager
def _silenced(logger: logging.Logger) -> Iterator[None]:
    """``logger`` says nothing in the block (distributed logs its own cancelled reconnection as an error)."""
    logger.disabled = True
    try:
        yield
    finally:
        logger.disabled = False


def _address_in(scheduler_file: Path | None) -> str:
    """The address in a dask scheduler file."""
    if scheduler_file is None:
        raise ExecutorFailed(say("classrun.executors.dask.no_scheduler", "--executor dask needs --scheduler ADDRESS "
                                 "or --scheduler-file PATH"))
    try:
        return json.loads(Path(scheduler_file).read_text(encoding="utf-8"))["address"]
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise ExecutorFailed(say("classrun.executors.dask.bad_scheduler_file", "cannot read the dask scheduler's "
                                 "address from {path}: {reason}", path=str(scheduler_file), reason=str(err))) from None
