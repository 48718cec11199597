"""What every proof of an assignment's hidden graders needs (``tests/test_grader_<id>.py``).

A ``Case`` is the reference solution with one function replaced: a wrong
implementation (one of the assignment's typical mistakes, from its mistakes file
``autograder/samples/mistakes/<id>.py``: it must lose points, with a message
containing its phrase and, when given, a failed test with its mistake code) or a
correct alternative (``right``: full marks, and every visible check passes).
``Proof`` grades cases in this process through the wire format, builds the
constant answers of the contract (zeros, ones, 0.5, the first argument) and
runs a problem's visible check cell and the line under it, as a student would;
``GraderProof`` holds the tests every assignment's proof module inherits.
"""
from __future__ import annotations

import contextlib
import functools
import inspect
import io
import os
import re
import textwrap
import warnings
from dataclasses import dataclass
from types import ModuleType

import nbformat

from autograder import catalogue
from autograder.grading import one, prepared
from autograder.results import ProblemResult
from autograder.grading.student_proxy import StudentProxy
from autograder.grading.transports import LocalTransport
from autograder.sandbox.student_side import Session

CODE_PATTERN = re.compile(r"[A-Za-z0-9_]+(\.[A-Za-z0-9_\-]+)+")
CONSTANTS = {"zeros": "0.0", "ones": "1.0", "halves": "0.5"}

# Defined in every constant-answer student: the reference's result with each value replaced.
CONSTANT_LIKE = '''
def _constant_like(value, c):
    if isinstance(value, (tuple, list)):
        return type(value)(_constant_like(v, c) for v in value)
    if isinstance(value, np.ndarray):
        return np.full(value.shape, c, dtype=value.dtype)
    if isinstance(value, (float, np.floating)):
        return type(value)(c)
    if type(value).__name__ == "Tensor":
        import torch
        return torch.full_like(value, c)
    raise TypeError(f"no constant answer for a {type(value).__name__}")
'''


@dataclass(frozen=True)
class Case:
    id: str
    problem: str
    source: str         # definitions that replace the reference's
    phrase: str = ""    # a failing test's message must contain this (wrong implementations only)
    code: str = ""      # ... and, when given, a failing test must carry this mistake code
    visible: str = ""   # ... and, when given, the visible check cell's ✘ message must contain this


def right(id: str, problem: str, source: str) -> Case:
    return Case(id, problem, source)


def report(result: ProblemResult) -> str:
    return "\n".join(f"[{'pass' if t.passed else 'FAIL'}] {t.name} ({t.mistake}): {t.message}" for t in result.tests)


@dataclass
class VisibleRun:
    """What a student sees running a problem's check cell, then the line under it.

    ``outcome``: how the check cell ended ("passed", "failed", "unwritten"); ``said``: its ✘ text; ``raised``: an
    exception either cell let out in the student's own Jupyter (never: Run All must go on); ``validate``: what the
    line under the check cell raises under nbgrader's Validate (None when the checks pass)."""
    outcome: str | None
    said: str
    raised: BaseException | None
    validate: BaseException | None
    printed: str


class Proof:
    def __init__(self, assignment_id: str):
        self.assignment = catalogue.load(assignment_id)
        self.graders = prepared.collect(self.assignment.grader_module())
        self.reference_source = self.assignment.solution.read_text(encoding="utf-8")
        self.problems = [p.id for p in self.assignment.problems]
        self._results: dict[tuple[str, str], ProblemResult] = {}

    # ------------------------------------------------------------ students
    @functools.cached_property
    def mistakes(self) -> ModuleType:
        """The assignment's mistakes file: ``MISTAKES`` and what built them (e.g. a template of a training loop)."""
        return self.assignment.mistakes_module()

    def wrong_cases(self) -> list[Case]:
        """The assignment's typical mistakes, each a case the graders must reject."""
        return [Case(m.id, m.problem, m.source, m.phrase, m.code, m.visible) for m in self.mistakes.MISTAKES]

    def source(self, case: Case) -> str:
        return self.reference_source + "\n\n# ---- replaced for this case\n" + textwrap.dedent(case.source)

    def blank_source(self) -> str:
        return "import numpy as np\n" + "".join(
            f"\ndef {name}(*args, **kwargs):\n    raise NotImplementedError()\n" for name in self.problems)

    def constant_cases(self, problem: str) -> list[Case]:
        """The contract's constant answers for ``problem``: zeros, ones, 0.5 and its first argument.

        For a class, every method of the reference class answers so.
        """
        if inspect.isclass(getattr(self.assignment.reference(), problem)):
            return self._constant_classes(problem)
        cases = [Case(f"{problem}-returns-{name}", problem, CONSTANT_LIKE + textwrap.dedent(f"""
            _reference_{problem} = {problem}
            def {problem}(*args, **kwargs):
                return _constant_like(_reference_{problem}(*args, **kwargs), {value})
            """)) for name, value in CONSTANTS.items()]
        cases.append(Case(f"{problem}-returns-its-first-argument", problem, f"""
            def {problem}(*args, **kwargs):
                return args[0]
            """))
        return cases

    def _constant_classes(self, problem: str) -> list[Case]:
        cls = getattr(self.assignment.reference(), problem)
        methods = [name for name, value in vars(cls).items() if inspect.isfunction(value) and not name.startswith("_")]

        def subclass(label: str, body: str) -> Case:
            defs = "".join(f"\n    def {m}(self, *args):\n        {body.format(m=m)}\n" for m in methods)
            return Case(f"{problem}-{label}", problem, CONSTANT_LIKE + f"\n_reference_{problem} = {problem}\n"
                        f"\nclass {problem}(_reference_{problem}):{defs}")
        cases = [subclass(f"returns-{name}", f"return _constant_like(super().{{m}}(*args), {value})")
                 for name, value in CONSTANTS.items()]
        cases.append(subclass("returns-its-first-argument", "super().{m}(*args)\n        return args[0]"))
        return cases

    # ------------------------------------------------------------ grading
    def grade(self, source: str, problem: str) -> ProblemResult:
        """The problem's result for a student whose notebook is ``source`` (cached)."""
        key = (source, problem)
        if key not in self._results:
            session = Session()
            loaded = session.load([source])
            assert not loaded["errors"], loaded["errors"]
            student = StudentProxy(LocalTransport(session))
            reference = self.assignment.reference()
            self._results[key] = one.run_problem(problem, self.assignment.problem(problem).points, self.graders,
                                                    {"student": student, "reference": reference},
                                                    self.assignment.stand_ins(problem, reference))
        return self._results[key]

    def assert_rejected(self, case: Case) -> None:
        result = self.grade(self.source(case), case.problem)
        assert result.score < result.max_score, report(result)
        failed = [t for t in result.tests if not t.passed]
        assert any(case.phrase in t.message for t in failed), f"no message says {case.phrase!r}:\n{report(result)}"
        assert not any(t.mistake.endswith("grader_error") for t in failed), report(result)
        for t in failed:
            assert t.mistake.startswith(f"{case.problem}.") and CODE_PATTERN.fullmatch(t.mistake), report(result)
        if case.code:
            assert any(t.mistake == case.code for t in failed), f"no test has mistake {case.code!r}:\n{report(result)}"

    def assert_full_marks(self, case: Case) -> None:
        result = self.grade(self.source(case), case.problem)
        assert result.score == result.max_score, report(result)

    # ------------------------------------------------------------ visible checks
    @functools.cached_property
    def _notebook(self) -> nbformat.NotebookNode:
        return nbformat.read(self.assignment.source_notebook, as_version=4)

    def _cell(self, predicate) -> str:
        (cell,) = [c for c in self._notebook.cells if predicate(c)]
        return cell.source

    def _grade_id(self, cell) -> str:
        return cell.metadata.get("nbgrader", {}).get("grade_id", "")

    def run_visible(self, source: str, problem: str) -> VisibleRun:
        """Run the notebook's set-up cells, the student's code, then ``problem``'s check cell and report line."""
        imports = self._cell(lambda c: c.get("id") == "imports")
        helpers = self._cell(lambda c: self._grade_id(c) == "check_helpers")
        check = self._cell(lambda c: self._grade_id(c) == f"{problem}_check")
        test = self._cell(lambda c: self._grade_id(c) == f"test_{problem}").split("### BEGIN HIDDEN TESTS")[0]
        namespace: dict = {"__name__": "__main__"}
        printed = io.StringIO()
        raised = validate = None
        with contextlib.redirect_stdout(printed), warnings.catch_warnings(), _nbgrader_execution(None):
            warnings.simplefilter("ignore")  # a wrong answer's own RuntimeWarnings are not this test's subject
            exec(compile(imports, "<imports>", "exec"), namespace)
            exec(compile(helpers, "<check helpers>", "exec"), namespace)
            exec(compile(source, "<your cells>", "exec"), namespace)
            try:
                for cell in (check, test):
                    exec(compile(cell, "<cell>", "exec"), namespace)
            except BaseException as err:  # noqa: BLE001 - whatever the student would see
                raised = err
            with _nbgrader_execution("validate"):
                try:
                    exec(compile(test, "<cell>", "exec"), namespace)
                except BaseException as err:  # noqa: BLE001 - what Validate reports
                    validate = err
        import matplotlib.pyplot as plt
        plt.close("all")
        outcome, said = namespace["_outcomes"].get(problem) or (None, "")
        return VisibleRun(outcome, said, raised, validate, printed.getvalue())


@contextlib.contextmanager
def _nbgrader_execution(value: str | None):
    """``NBGRADER_EXECUTION`` as nbgrader sets it (``validate``), or unset as in a student's own Jupyter."""
    saved = os.environ.pop("NBGRADER_EXECUTION", None)
    if value is not None:
        os.environ["NBGRADER_EXECUTION"] = value
    try:
        yield
    finally:
        os.environ.pop("NBGRADER_EXECUTION", None)
        if saved is not None:
            os.environ["NBGRADER_EXECUTION"] = saved


class GraderProof:
    """The proof every assignment's graders owe (``../shared/ASSIGNMENT_CONTRACT.md``), as pytest tests.

    A proof module subclasses it as ``class TestGraders(GraderProof)`` with ``PROOF``, ``WRONG``, ``RIGHT``
    and ``CONSTANT``; ``tests/conftest.py`` parametrizes the arguments ``wrong_case``, ``right_case``,
    ``constant_case``, ``failing_case`` (wrong or constant), ``visible_case`` (wrong, with the phrase its
    visible check must say) and ``problem`` from them.
    """
    PROOF: Proof
    WRONG: list[Case]
    RIGHT: list[Case]
    CONSTANT: list[Case]
    VISIBLE_CATCH_RATE = 0.5  # at least this share of the wrong implementations fails a visible check

    # ------------------------------------------------------------ the hidden graders
    def test_wrong_implementation_loses_points_with_a_named_mistake(self, wrong_case):
        self.PROOF.assert_rejected(wrong_case)

    def test_correct_alternative_gets_full_marks(self, right_case):
        self.PROOF.assert_full_marks(right_case)

    def test_constant_answer_earns_nothing(self, constant_case):
        result = self.PROOF.grade(self.PROOF.source(constant_case), constant_case.problem)
        assert result.score == 0, report(result)

    def test_every_problem_has_wrong_right_and_constant_cases(self):
        for problem in self.PROOF.problems:
            assert any(c.problem == problem for c in self.WRONG), problem
            assert any(c.problem == problem and c.source for c in self.RIGHT), problem
            assert sum(c.problem == problem for c in self.CONSTANT) == 4, problem

    def test_reference_gets_full_marks(self, problem):
        result = self.PROOF.grade(self.PROOF.reference_source, problem)
        assert result.score == result.max_score, report(result)

    def test_grader_points_equal_the_catalogue(self):
        assert prepared.points_by_problem(self.PROOF.graders) == {p.id: p.points for p in self.PROOF.assignment.problems}
        for test in self.PROOF.graders:
            assert (2 * test.points).is_integer(), f"{test.name}: points must be whole or halves"
            assert test.description, f"{test.name} needs a docstring: its first line is shown to students"

    def test_unfinished_student_gets_zero_with_not_implemented(self, problem):
        result = self.PROOF.grade(self.PROOF.blank_source(), problem)
        assert result.score == 0, report(result)
        assert all("not implemented" in t.message for t in result.tests), report(result)
        assert {t.mistake for t in result.tests} == {f"{problem}.not_implemented"}, report(result)

    def test_missing_function_gets_zero_with_not_defined(self, problem):
        result = self.PROOF.grade("import numpy as np\n", problem)
        assert result.score == 0, report(result)
        assert all("not defined" in t.message for t in result.tests), report(result)
        assert {t.mistake for t in result.tests} == {f"{problem}.not_defined"}, report(result)

    def test_every_grader_test_rejects_some_wrong_implementation(self):
        """No grader test is decoration: each one fails for at least one of the wrong implementations."""
        failed = set()
        for case in self.WRONG:
            failed |= {t.name for t in self.PROOF.grade(self.PROOF.source(case), case.problem).tests if not t.passed}
        never = [t.name for t in self.PROOF.graders if t.name not in failed]
        assert not never, f"grader tests that no wrong implementation fails: {never}"

    # ------------------------------------------------------------ the visible checks, as a student runs them
    def test_visible_checks_are_never_stricter_than_the_graders(self, right_case):
        run = self.PROOF.run_visible(self.PROOF.source(right_case), right_case.problem)
        assert run.outcome == "passed", f"a correct {right_case.problem} fails its visible checks: {run.said}"
        assert run.raised is None and run.validate is None, repr(run.raised or run.validate)
        assert "passes its visible checks" in run.printed

    def test_visible_checks_fail_with_a_message_never_a_raw_error(self, failing_case):
        """A wrong answer gets a ✘ message from its check cell (or passes, where only the hidden tests catch it)
        and the notebook goes on; under nbgrader's Validate the line under the check cell fails with it."""
        run = self.PROOF.run_visible(self.PROOF.source(failing_case), failing_case.problem)
        assert run.raised is None, f"a cell let out {run.raised!r}: Run All would stop there"
        if run.outcome == "passed":
            assert run.validate is None
            return
        assert run.said.startswith("✘") and run.said in run.printed, run.said
        assert type(run.validate).__name__ == "VisibleChecksFailed", repr(run.validate)
        assert " ".join(run.said.split())[:60] in " ".join(str(run.validate).split()), repr(run.validate)
        assert "Traceback" not in run.printed and "<check helpers>" not in run.printed

    def test_visible_checks_name_the_mistake(self, visible_case):
        run = self.PROOF.run_visible(self.PROOF.source(visible_case), visible_case.problem)
        assert visible_case.visible in run.said, run.said

    def test_visible_checks_catch_many_of_the_listed_mistakes(self):
        """The visible checks are a real first line of feedback, not decoration."""
        missed = [c.id for c in self.WRONG
                  if self.PROOF.run_visible(self.PROOF.source(c), c.problem).outcome == "passed"]
        assert len(missed) <= (1 - self.VISIBLE_CATCH_RATE) * len(self.WRONG), missed

    def test_visible_checks_of_the_blank_notebook_say_not_written_yet(self, problem):
        run = self.PROOF.run_visible(self.PROOF.blank_source(), problem)
        assert run.raised is None and run.outcome == "unwritten", (run.raised, run.outcome)
        assert run.said == f"✘ {problem} is not written yet: replace raise NotImplementedError() with your code"
        assert run.said in " ".join(str(run.validate).split()), repr(run.validate)  # Validate: wrapped to its width
        assert run.printed.count(run.said) == 2  # once by the check cell, once by the line under it
