"""One Gradescope run: find the student's notebook, grade it as a class run does, write results.json.

``run_autograder`` calls ``python -m autograder.gradescope.run`` for every submission; ``setup.sh`` calls it
once with ``--check`` when the image is built.  Whatever happens (no notebook, a broken one, a crash, a
timeout, a bug of ours) a valid results.json is written: Gradescope shows nothing useful without one.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import Sequence

from autograder import catalogue
from autograder.classrun.executors.local import LocalExecutor
from autograder.classrun.executors.sandboxes import start_sandbox
from autograder.gradescope import results
from autograder.gradescope.choose import choose_notebook
from autograder.gradescope.config import DEFAULT_VISIBILITY, BundleConfig
from autograder.gradescope.layout import ROOT_VARIABLE, Layout
from autograder.grading.notebook_code import InvalidNotebook, code_to_run
from autograder.grading.prepared import Grading
from autograder.grading.sandbox_worker import Limits, Worker, sandbox_warning
from autograder.messages import message_of, say
from autograder.reports.language import ENGLISH, Language
from autograder.results import Result
from autograder.submission import Submission


def close_source(layout: Layout) -> None:
    """Only root may enter the bundle (graders, references): student code runs as another user."""
    try:
        layout.source.chmod(0o700)
    except OSError:
        pass


def grade_notebook(grading: Grading, path: Path, limits: Limits = Limits()) -> tuple[Result, list[str]]:
    """The result of one notebook, graded as a class run grades (the local executor), and what the sandbox lacked
    while it ran."""
    try:
        code_to_run(path)  # a file that is no notebook needs no sandbox: grading would refuse it first
    except InvalidNotebook as err:
        return grading.not_graded("invalid_notebook", message_of(err)), []
    except OSError as err:
        return grading.not_graded("unreadable", say("grading.one.unreadable", "the file could not be read: {reason}",
                                                    reason=err.strerror)), []
    scratch = Path(tempfile.mkdtemp(prefix="gradescope-"))
    notes: list[str] = []  # the note of the worker that graded
    results: list[Result] = []

    def start(folder: Path, preload: Sequence[str]) -> Worker:
        worker, note = start_sandbox(limits, folder, preload)
        notes[:] = [note]
        return worker

    try:
        LocalExecutor(1, limits, start=start).grade(grading, [Submission("submission", path)], scratch,
                                                    lambda submission, result: results.append(result))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return results[0], [n for n in (*notes, sandbox_warning()) if n]


def _bundled_kit(layout: Layout) -> None:
    """Grade with the bundle's own kit: another copy on the path (an old pip install) would grade otherwise."""
    if catalogue.ROOT.resolve() != layout.source.resolve():
        raise RuntimeError(f"the kit was imported from {catalogue.ROOT}, not from the bundle in {layout.source}: "
                           f"put {layout.source} first on PYTHONPATH (run_autograder does) or set {ROOT_VARIABLE}")


def grade_submission_folder(layout: Layout) -> dict:
    """results.json for the submission in ``layout``; never raises for anything short of an interrupt."""
    started = time.monotonic()
    grading, visibility, lang = None, DEFAULT_VISIBILITY, ENGLISH
    try:
        config = BundleConfig.read(layout.config)
        visibility = config.visibility
        _bundled_kit(layout)
        lang = Language.of(config.lang, catalogue.course_root())  # the bundle's own templates
        grading = Grading.prepare(catalogue.load(config.assignment))
        close_source(layout)
        choice = choose_notebook(layout.submission, grading.assignment.notebook)
        if choice.notebook is None:  # the note is the reason: said once, as the reason
            result, gaps, notes, graded = grading.not_graded("no_notebook", choice.note), [], (), ""
        else:
            result, gaps = grade_notebook(grading, choice.notebook)
            notes, graded = (choice.note, *gaps), str(choice.notebook.relative_to(layout.submission))
        return results.results_json(grading.assignment, result, visibility, time.monotonic() - started, graded,
                                    notes, {"grader_version": grading.version, "reduced_sandbox": bool(gaps)}, lang)
    except Exception as err:  # noqa: BLE001 - reported in results.json, and in full on stdout for the instructor
        traceback.print_exc(file=sys.stdout)
        return results.failure_json(err, time.monotonic() - started, grading, visibility, lang)


def check(layout: Layout) -> int:
    """At image build: the graders load and a sandbox starts, so a broken bundle fails setup, not students."""
    config = BundleConfig.read(layout.config)
    _bundled_kit(layout)
    grading = Grading.prepare(catalogue.load(config.assignment))
    scratch = Path(tempfile.mkdtemp(prefix="gradescope-check-"))
    try:
        worker, note = start_sandbox(Limits(), scratch, grading.assignment.sandbox_imports)
        worker.close()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(f"{config.assignment}: {len(grading.tests)} grader tests, {grading.assignment.max_score:g} points; "
          f"hidden tests {config.visibility}; sandbox: {note or sandbox_warning() or 'bubblewrap, full'}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m autograder.gradescope.run", description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="check the bundle (at image build), grade nothing")
    args = parser.parse_args(argv)
    sys.dont_write_bytecode = True
    layout = Layout.from_environment()
    if args.check:
        return check(layout)
    output = grade_submission_folder(layout)
    try:
        results.write(layout.results_json, output)
    except ValueError as err:  # a value JSON cannot hold slipped through: say so rather than write nothing
        results.write(layout.results_json, results.failure_json(err, output.get("execution_time", 0.0), None,
                                                                DEFAULT_VISIBILITY))
    print(output["output"])
    print(f"score {output['score']:g}; results: {layout.results_json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
