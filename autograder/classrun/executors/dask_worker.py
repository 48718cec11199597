"""The dask worker's side of the dask executor: a worker plugin that keeps one warm sandbox per worker thread,
and the task that grades one submission with one of them.

A task carries the notebook's bytes (the cluster need not share a file system), its file name, the assignment
and the fingerprint of the graders that should grade it: a worker whose kit grades differently refuses
(``KitMismatch``) rather than give a wrong grade.  It returns ``Result.to_json()``, never a student's object.
"""
from __future__ import annotations

import queue
import shutil
import tempfile
from pathlib import Path

from distributed import WorkerPlugin, get_worker

from autograder import catalogue
from autograder.classrun.executors.base import ExecutorFailed
from autograder.classrun.executors.local import graded
from autograder.classrun.executors.sandboxes import sandbox_level, start_sandbox
from autograder.grading.one import WorkerSlot
from autograder.grading.prepared import Grading
from autograder.grading.sandbox_worker import Limits, Worker
from autograder.messages import say
from autograder.submission import safe_id


class KitMismatch(ExecutorFailed):
    """This dask worker's kit (graders, references, checks, sandbox) is not the one the run was started with."""


class GradingPlugin(WorkerPlugin):
    """One assignment's grading on a dask worker: its graders, and a warm sandbox ``WorkerSlot`` per thread
    (started in ``setup``, replaced by the slot when it dies, closed in ``teardown``)."""

    def __init__(self, assignment_id: str, version: str, limits: Limits) -> None:
        self.assignment_id, self.version, self.limits = assignment_id, version, limits

    def setup(self, worker) -> None:
        self.worker = worker.address
        self.grading: Grading | None = None
        self.slots: queue.SimpleQueue[WorkerSlot] = queue.SimpleQueue()
        self.scratch = Path(worker.local_directory) / "autograder"
        self.level = ""
        self.grading = Grading.prepare(catalogue.load(self.assignment_id))
        self.check(self.version)
        for _ in range(worker.state.nthreads):  # a kit worker grades one submission at a time
            slot = WorkerSlot(self._start)
            slot.warm()
            self.slots.put(slot)

    def _start(self) -> Worker:
        sandbox, note = start_sandbox(self.limits, self.scratch, self.grading.assignment.sandbox_imports,
                                      pin=False)  # other dask workers of this host would pin to the same CPU
        self.level = sandbox_level(note)
        return sandbox

    def check(self, version: str) -> None:
        """Raise ``KitMismatch`` unless this worker's graders are those of fingerprint ``version`` (the run's)."""
        if version != self.grading.version:
            raise KitMismatch(say("classrun.executors.dask_worker.kit_mismatch",
                                  "the dask worker {worker} grades {assignment} with other graders or another kit "
                                  "(fingerprint {theirs}, this run's is {ours}): install the same kit on every worker "
                                  "host, then rerun", worker=self.worker, assignment=self.assignment_id,
                                  theirs=self.grading.version, ours=version))

    def teardown(self, worker) -> None:
        while True:
            try:
                self.slots.get_nowait().close()
            except queue.Empty:
                return


def grade_task(plugin_name: str, notebook: bytes, file_name: str, assignment_id: str, version: str) -> dict:
    """Grade one notebook's bytes on this dask worker with a warm sandbox of its plugin: the result's JSON
    (``result``), the worker's address (``worker``) and its sandbox level (``sandbox``)."""
    plugin = get_worker().plugins.get(plugin_name)
    if not isinstance(plugin, GradingPlugin) or getattr(plugin, "grading", None) is None:
        raise KitMismatch(say("classrun.executors.dask_worker.not_set_up", "the dask worker {worker} has no "
                              "sandbox for {assignment} (its set-up failed: see the worker's log)",
                              worker=get_worker().address, assignment=assignment_id))
    plugin.check(version)
    slot = plugin.slots.get()
    folder = Path(tempfile.mkdtemp(prefix="submission-", dir=plugin.scratch))
    try:
        path = folder / f"{safe_id(Path(file_name).stem)}.ipynb"
        path.write_bytes(notebook)
        result = graded(slot, plugin.grading, path)
        return {"result": result.to_json(), "worker": plugin.worker, "sandbox": plugin.level}
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        plugin.slots.put(slot)


def retry_settings(dask_scheduler) -> tuple[int, float]:
    """(``client.run_on_scheduler``) How many lost workers a task survives, and how many tasks a worker thread
    is given at once (above 1, a submission that kills its worker counts against its neighbour too)."""
    return dask_scheduler.allowed_failures, dask_scheduler.WORKER_SATURATION
