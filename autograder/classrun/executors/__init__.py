"""Where the submissions of a class run are graded: the executor seam, one small class per engine, by name.

``local`` (the default): jobs on this machine (processes, or a thread for one), one warm sandbox each
(``local.py``).  ``dask``: the workers of a dask.distributed cluster, one warm sandbox per worker thread
(``dask.py``, ``dask_worker.py``; dask is an optional dependency, imported only when asked for).  An executor
only grades; the class run that calls it (``classrun.schedule``) files, stores and reports each result, so
resuming, progress, late policy, feedback, reports and exports are the same whichever executor graded.
"""
from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from autograder.classrun.executors.base import Done, Executor, ExecutorFailed
from autograder.messages import say

if TYPE_CHECKING:
    from autograder.grading.sandbox_worker import Limits

__all__ = ["Done", "Executor", "ExecutorFailed", "NAMES", "add_options", "by_name", "from_options"]

NAMES = ("local", "dask")


def by_name(name: str) -> type:
    """The executor class called ``name`` (``NAMES``); dask's is imported only now."""
    if name == "local":
        from autograder.classrun.executors.local import LocalExecutor
        return LocalExecutor
    if name == "dask":
        from autograder.classrun.executors.dask import DaskExecutor
        return DaskExecutor
    raise ValueError(f"unknown executor {name!r}: one of {', '.join(NAMES)}")


def add_options(parser: argparse.ArgumentParser) -> None:
    """``--executor``, ``--scheduler`` and ``--scheduler-file`` of a command that grades."""
    parser.add_argument("--executor", choices=NAMES, default="local",
                        help="where submissions are graded: local (default: --jobs jobs here) or dask (the workers "
                             "of a dask.distributed cluster: --scheduler or --scheduler-file; pip install .[dask])")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--scheduler", metavar="ADDRESS",
                       help="the dask scheduler, e.g. tls://grading.example.edu:8786 (TLS, or on this machine)")
    where.add_argument("--scheduler-file", type=Path, metavar="PATH",
                       help="the dask scheduler's file (dask scheduler --scheduler-file), instead of --scheduler")


def from_options(args: argparse.Namespace, limits: Limits, on_note: Callable[[str], None]) -> Executor:
    """The executor a command line asks for; ``on_note`` hears what a cluster's workers say about their sandbox."""
    name = getattr(args, "executor", "local")
    if name == "local":
        return by_name("local")(args.jobs, limits)
    try:
        executor = by_name(name)
    except ImportError as err:
        raise ExecutorFailed(say("classrun.executors.not_installed", "--executor {name} needs dask.distributed, "
                                 "which is not installed ({reason}): pip install '.[dask]'",
                                 name=name, reason=str(err))) from None
    return executor(args.scheduler, args.scheduler_file, limits, on_note=on_note)
