"""What every executor is: it turns submissions into ``Result``s and hands each back to the one process that owns
the output folder.  Light (no engine, no dask): the command line imports it to read its options."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable, Protocol, Sequence

if TYPE_CHECKING:
    from autograder.grading.prepared import Grading
    from autograder.results import Result
    from autograder.submission import Submission

# Called once per submission with its graded ``Result`` (no student, no lateness yet), from any thread; when it
# raises (the output folder cannot be written), the executor stops grading and raises that error.
Done = Callable[["Submission", "Result"], None]


class ExecutorFailed(RuntimeError):
    """The executor cannot grade (a scheduler refused, unreachable or gone, a worker with another kit): the
    message says why and what to do; the results finished so far are kept."""


class Executor(Protocol):
    """Grades submissions somewhere (``local``: jobs on this machine; ``dask``: a dask.distributed cluster)."""
    name: str
    jobs: int  # how many submissions it grades at once (known once ``grade`` has started, for a cluster)

    def grade(self, grading: Grading, submissions: Sequence[Submission], scratch: Path, done: Done) -> None:
        """Grade every submission, calling ``done`` for each as it finishes.

        ``scratch``: a folder of this machine the executor may use for its sandboxes' files (the caller removes
        it).  None of the submissions is ``refused``: those need no grading."""
