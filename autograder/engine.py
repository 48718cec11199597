"""Grade a class: submissions in parallel, each in a fresh sandboxed child.

One thread per job owns one warmed-up ``Worker`` (a zygote inside the
sandbox).  For each submission the grading process parses the notebook, has
a child load its cells, and drives the hidden graders through the proxy.  A
child that times out or dies costs only the problem it was on: a fresh child
is forked for the problems left.  Each result is written atomically as soon
as it is known, so a killed run loses nothing and a rerun skips finished
students whose notebook and graders have not changed.
"""
from __future__ import annotations

import hashlib
import json
import os
import queue
import shutil
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from autograder import catalogue, runner
from autograder.late import LatePolicy
from autograder.notebook import InvalidNotebook, code_to_run
from autograder.proxy import SandboxCrashed, StudentTimeout
from autograder.submissions import Submission
from autograder.worker import Limits, Worker, WorkerDied

PACKAGE = Path(__file__).parent
# What can change a score, and so decides whether a finished result still holds (besides the assignment's
# catalogue entry, reference, graders and data): the checks, the sandbox, how graders and notebooks are run.
# The reports, the feedback, the exporters and the late policy are not in it: editing them regrades no one.
SCORING_CODE = ["checks", "sandbox", "runner.py", "proxy.py", "notebook.py", "worker.py", "engine.py",
                "catalogue.py", "datasets.py"]

MAX_CHILDREN_PER_SUBMISSION = 3  # the first, plus two fresh ones after a timeout or crash


@dataclass(frozen=True)
class Grading:
    """Everything that stays the same for the whole class."""
    assignment: catalogue.Assignment
    tests: list[runner.GraderTest]
    reference: object
    version: str  # changes whenever the catalogue, the graders or the references change

    @classmethod
    def prepare(cls, assignment: catalogue.Assignment) -> "Grading":
        tests = runner.collect(assignment.grader_module())
        expected = {p.id: p.points for p in assignment.problems}
        if runner.points_by_problem(tests) != expected:
            raise ValueError(f"the graders' points {runner.points_by_problem(tests)} disagree with the "
                             f"catalogue's {expected}: fix assignments/{assignment.id}.toml or the grader")
        return cls(assignment, tests, assignment.reference(), grader_version(assignment))


def scoring_files(assignment: catalogue.Assignment) -> list[Path]:
    """Every file that can change this assignment's scores: its catalogue entry, reference, graders and data,
    and ``SCORING_CODE``."""
    code = sorted(p for name in SCORING_CODE for p in ([PACKAGE / name] if name.endswith(".py")
                                                        else (PACKAGE / name).rglob("*.py")))
    data = [assignment.source_notebook.parent / f for f in assignment.data_files]
    return [assignment.catalogue_file, assignment.solution, assignment.grader, *data, *code]


def grader_version(assignment: catalogue.Assignment) -> str:
    """A fingerprint of ``scoring_files``: a finished result is reused only while it is unchanged."""
    digest = hashlib.sha256()
    for path in scoring_files(assignment):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def results_dir(out: Path) -> Path:
    return out / "results"


def result_path(out: Path, student_id: str) -> Path:
    return results_dir(out) / f"{student_id}.json"


def file_digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


def read_result(out: Path, student_id: str) -> dict | None:
    try:
        return json.loads(result_path(out, student_id).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def finished_result(out: Path, submission: Submission, grading: Grading) -> dict | None:
    """A result from an earlier run that still holds: same notebook, same graders."""
    old = read_result(out, submission.student_id)
    if old and old.get("submission_sha256") == file_digest(submission.path) and \
            old.get("grader_version") == grading.version:
        return old
    return None


def read_results(out: Path) -> list[dict]:
    """Every result in ``out/results``, in student order."""
    return [r for p in sorted(results_dir(out).glob("*.json")) if (r := read_result(out, p.stem))]


def write_atomically(path: Path, text: str) -> None:
    """Write to a temporary file, then rename: a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


# ------------------------------------------------------------ one submission

def failed_problems(assignment: catalogue.Assignment, tests: list[runner.GraderTest], status: str,
                    message: str) -> dict:
    """Every problem's tests at 0 with the same reason (the notebook never ran, or never came)."""
    return {p.id: runner.all_failed(p.id, p.points, tests, message, status).to_json() for p in assignment.problems}


def _empty_result(grading: Grading, submission: Submission, status: str, message: str) -> dict:
    problems = failed_problems(grading.assignment, grading.tests, status, message)
    return _result(grading, submission, status, message, problems)


def _result(grading: Grading, submission: Submission, status: str, message: str, problems: dict,
            notebook_errors: list | None = None, output: str = "") -> dict:
    score = round(sum(p["score"] for p in problems.values()), 6)
    return {
        "student_id": submission.student_id,
        "assignment": grading.assignment.id,
        "score": score,
        "raw_score": score,
        "max_score": grading.assignment.max_score,
        "status": status,
        "message": message,
        "problems": problems,
        "notebook_errors": notebook_errors or [],
        "output": output,
        "submission": str(submission.path),
        "submission_sha256": file_digest(submission.path),
        "grader_version": grading.version,
        "graded_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }


def finish(result: dict, submission: Submission, policy: LatePolicy) -> dict:
    """The fields that do not come from grading: who the student is, which file was graded, lateness.

    Applied to every result, fresh or reused, so a new roster or late policy never needs a regrade.
    """
    finished = {**result, "name": submission.name, "section": submission.section, "roster": submission.roster,
                "roster_note": submission.roster_note, "source": submission.source,
                "submitted_file": submission.handed_in, "other_files": list(submission.others),
                "ids": dict(submission.ids)}
    if result["status"] == "missing":
        return finished
    return {**finished, **policy.assess(submission, result["raw_score"], result["max_score"])}


def missing_result(assignment: catalogue.Assignment, tests: list[runner.GraderTest], student_id: str, name: str,
                   section: str, ids: dict | None = None) -> dict:
    """A rostered student who handed in nothing: 0 points, status ``missing``."""
    problems = failed_problems(assignment, tests, "missing", "nothing was handed in")
    return {"student_id": student_id, "assignment": assignment.id, "score": 0.0, "raw_score": 0.0,
            "max_score": assignment.max_score, "status": "missing", "message": "no submission was found for "
            "this student", "problems": problems, "notebook_errors": [], "output": "", "name": name,
            "section": section, "roster": "missing", "roster_note": "", "source": "", "submitted_file": "",
            "other_files": [], "ids": ids or {}, "late": False, "late_penalty": 0.0}


def grade_submission(worker: Worker, grading: Grading, submission: Submission) -> dict:
    """Grade one notebook; every failure of the student's code becomes part of the result."""
    try:
        cells = code_to_run(submission.path)
    except InvalidNotebook as err:
        return _empty_result(grading, submission, "invalid_notebook", str(err))
    except OSError as err:
        return _empty_result(grading, submission, "unreadable", f"the file could not be read: {err.strerror}")

    remaining = list(grading.assignment.problems)
    problems: dict[str, dict] = {}
    notebook_errors, output = [], ""
    for attempt in range(MAX_CHILDREN_PER_SUBMISSION):
        try:
            with worker.submission(cells) as (loaded, student):
                if attempt == 0:
                    notebook_errors = [_with_first_line(e, cells) for e in loaded["errors"]]
                    output = loaded["stdout"]
                fixtures = {"student": student, "reference": grading.reference}
                while remaining and student.usable:
                    problem = remaining.pop(0)
                    stand_ins = grading.assignment.stand_ins(problem.id, grading.reference,
                                                             grading.assignment.full_marks(problems))
                    result = runner.run_problem(problem.id, problem.points, grading.tests, fixtures, stand_ins)
                    problems[problem.id] = result.to_json()
        except StudentTimeout:
            if attempt == 0:
                return _empty_result(grading, submission, "timeout",
                                     "running the notebook's cells took too long (an infinite loop outside a function?); "
                                     "nothing could be graded")
        except SandboxCrashed as err:
            if attempt == 0:
                return _empty_result(grading, submission, "crashed",
                                     f"the notebook crashed while its cells ran ({err}); nothing could be graded")
        if not remaining:
            break
    for problem in remaining:  # only when every fresh child broke again
        problems[problem.id] = runner.all_failed(problem.id, problem.points, grading.tests, "not graded: the "
                                                 "submission's process kept crashing or timing out",
                                                 "crashed").to_json()
    _point_at_broken_cells(problems, notebook_errors)
    return _result(grading, submission, "graded", "", problems, notebook_errors, output)


def _with_first_line(error: dict, cells: list[str]) -> dict:
    """Name a failing cell by its first line: the student knows their cells by content, not index."""
    lines = [ln for ln in cells[error["cell"]].splitlines() if ln.strip()] if error["cell"] < len(cells) else []
    return {**error, "first_line": lines[0][:120] if lines else ""}


def _point_at_broken_cells(problems: dict, notebook_errors: list[dict]) -> None:
    """A function 'not defined' (or one it calls) because its cell failed: say which cell, and what it raised."""
    if not notebook_errors:
        return
    hint = "; ".join(f"the cell starting `{e['first_line']}` raised {e['type']}: {e['message'][:200]}"
                     for e in notebook_errors[:3])
    for problem in problems.values():
        for test in problem["tests"]:
            if test["mistake"].endswith((".not_defined", ".raised.NameError")):
                test["message"] += f"\nWhen your notebook ran, {hint}."


# ------------------------------------------------------------ the class

@dataclass
class ClassRun:
    results: list[dict]
    reused: int
    seconds: float


def _write_result(out: Path, result: dict) -> None:
    write_atomically(result_path(out, result["student_id"]), json.dumps(result, indent=1, ensure_ascii=False))


def grade_class(assignment: catalogue.Assignment, submissions: list[Submission], out: Path, jobs: int,
                limits: Limits = Limits(), on_result: Callable[[dict, bool], None] = lambda r, reused: None,
                use_bubblewrap: bool | None = None, policy: LatePolicy = LatePolicy(),
                missing: list[tuple] = (), regrade: bool = False) -> ClassRun:
    """Grade every submission into ``out/results/``; calls ``on_result`` as each one is done.

    ``missing``: (student id, name, section[, ids]) of rostered students who handed in nothing, filed as
    ``missing``;
    ``regrade``: grade every submission again, even those whose notebook and graders have not changed.
    """
    started = time.perf_counter()
    grading = Grading.prepare(assignment)
    results: dict[str, dict] = {}
    todo: queue.Queue[Submission] = queue.Queue()
    reused = 0
    for submission in submissions:
        old = None if regrade else finished_result(out, submission, grading)
        if old is not None:
            again = finish(old, submission, policy)  # a new roster or late policy changes these, never the grading
            if again != old:
                _write_result(out, again)
            results[submission.student_id] = again
            reused += 1
            on_result(again, True)
        else:
            todo.put(submission)
    for student_id, name, section, *ids in missing:
        result = missing_result(assignment, grading.tests, student_id, name, section, *ids)
        _write_result(out, result)
        results[student_id] = result

    for leftover in results_dir(out).glob(".*.tmp"):  # a write cut short by a killed run
        leftover.unlink(missing_ok=True)
    lock = threading.Lock()
    failures: list[BaseException] = []

    def work() -> None:
        worker = None
        try:
            while True:
                try:
                    submission = todo.get_nowait()
                except queue.Empty:
                    return
                if worker is None:
                    worker = Worker(limits, use_bubblewrap=use_bubblewrap, scratch_parent=out / ".scratch",
                                    preload=assignment.sandbox_imports)
                began = time.perf_counter()
                try:
                    result = grade_submission(worker, grading, submission)
                except WorkerDied:  # the fork server itself is gone: start another, try once more
                    worker.close()
                    worker = Worker(limits, use_bubblewrap=use_bubblewrap, scratch_parent=out / ".scratch",
                                    preload=assignment.sandbox_imports)
                    try:
                        result = grade_submission(worker, grading, submission)
                    except WorkerDied as err:
                        result = _empty_result(grading, submission, "sandbox_error", f"the sandbox failed: {err}")
                result = finish({**result, "grading_seconds": round(time.perf_counter() - began, 3)}, submission,
                                policy)
                _write_result(out, result)
                with lock:
                    results[submission.student_id] = result
                    on_result(result, False)
        except BaseException as err:  # noqa: BLE001 - reported by the main thread
            failures.append(err)
        finally:
            if worker is not None:
                worker.close()

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
