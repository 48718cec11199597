"""Start a sandbox worker where the full sandbox may not run: a Gradescope container, a Kubernetes pod, a Slurm
node.  Bubblewrap where it starts, else plain child processes with the same limits, and a note saying so."""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

from autograder.grading.sandbox_worker import Limits, Worker, WorkerDied, bubblewrap, sandbox_warning
from autograder.messages import say


def start_sandbox(limits: Limits, scratch: Path, preload: Sequence[str], pin: bool = True) -> tuple[Worker, str]:
    """The full sandbox where bubblewrap can run, else plain child processes, and a note saying so ("" if full);
    ``pin`` as ``Worker``'s.

    Inside a container bwrap is often installed but may not create namespaces: the worker then fails to start
    (``WorkerDied``).  Grading must still happen: in plain child processes with limits, each running as an
    unprivileged uid when the grader is root, which cannot read the grader's files.
    """
    reason = say("classrun.executors.sandboxes.no_bubblewrap", "bubblewrap is not installed")
    if bubblewrap() is not None:
        try:
            return Worker(limits, use_bubblewrap=True, scratch_parent=scratch, preload=preload, pin=pin), ""
        except WorkerDied as err:
            reason = say("classrun.executors.sandboxes.bubblewrap_failed",
                         "bubblewrap is installed but could not start here ({error})",
                         error=" ".join(str(err).split())[:300])
    worker = Worker(limits, use_bubblewrap=False, scratch_parent=scratch, preload=preload, pin=pin)
    who = (say("classrun.executors.sandboxes.as_sandbox_uid", "as the unprivileged uid {uid}, which cannot read the "
               "autograder's files", uid=worker.account.uid) if worker.account is not None
           else say("classrun.executors.sandboxes.as_grader", "as the grader's own user, WHICH CAN READ THE "
                    "AUTOGRADER'S FILES (reference solutions included)"))
    return worker, say("classrun.executors.sandboxes.reduced", "Reduced sandbox: {reason}; student code ran in "
                       "separate processes with resource limits, {who}, without network isolation.",
                       reason=reason, who=who)


def sandbox_level(note: str) -> str:
    """What a sandbox started by ``start_sandbox`` gives, in one line: its note, or what this machine lacks."""
    return note or sandbox_warning() or say("classrun.executors.sandboxes.full", "full sandbox (bubblewrap)")
