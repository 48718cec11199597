"""Every failed test carries a stable mistake code ``<problem>.<what>``: from the check that failed, or from
the trouble the student's code ran into; reports and the engine read the code, never the message text."""
from __future__ import annotations

import pytest

from autograder import checks
from autograder.grading import one, prepared
from autograder.grading.one import point_at_broken_cells
from autograder.grading.student_proxy import NotDefined, NotImplementedYet, SandboxCrashed, StudentRaised, StudentTimeout


def failing(exception: BaseException) -> prepared.GraderTest:
    def test(student):
        raise exception
    return prepared.GraderTest("test_it", "sigmoid", 0.5, "", test)


@pytest.mark.parametrize("exception, code", [
    (checks.WrongShape("shape", "shape.column"), "sigmoid.shape.column"),
    (checks.WrongValue("value"), "sigmoid.wrong_value"),
    (checks.WrongValue("value", "sigmoid.sign"), "sigmoid.sign"),
    (NotDefined("sigmoid"), "sigmoid.not_defined"),
    (NotImplementedYet("sigmoid"), "sigmoid.not_implemented"),
    (StudentTimeout("loop"), "sigmoid.timeout"),
    (SandboxCrashed("died"), "sigmoid.crashed"),
    (StudentRaised("sigmoid", {"type": "TypeError", "message": "no"}), "sigmoid.raised.TypeError"),
    (AssertionError("a grader's own assert"), "sigmoid.failed"),
    (KeyError("a bug in a grader"), "sigmoid.grader_error"),
])
def test_each_kind_of_failure_has_its_code(exception, code):
    result = one.run_problem("sigmoid", 0.5, [failing(exception)], {"student": None})
    (test,) = result.tests
    assert (test.passed, test.mistake) == (False, code)


def test_a_passed_test_has_no_code_and_a_blocked_problem_repeats_its_code():
    tests = [failing(NotImplementedYet("sigmoid")), prepared.GraderTest("test_two", "sigmoid", 0.5, "", lambda: None)]
    result = one.run_problem("sigmoid", 1.0, tests, {"student": None})
    assert [t.mistake for t in result.tests] == ["sigmoid.not_implemented"] * 2
    passing = one.run_problem("sigmoid", 0.5, tests[1:], {})
    assert [(t.passed, t.mistake) for t in passing.tests] == [(True, "")]


def test_a_function_missing_because_its_cell_failed_points_at_that_cell():
    """Found by code: `predict_proba` raised NameError because the cell defining `sigmoid` did not run."""
    problems = {name: prepared.all_failed(name, 1.0, [prepared.GraderTest("t", name, 1.0, "", lambda: None)],
                                        message, code)
                for name, message, code in [("sigmoid", "`sigmoid` is not defined", "not_defined"),
                                            ("predict_proba", "NameError: name 'sigmoid' is not defined",
                                             "raised.NameError"),
                                            ("predict", "wrong value", "wrong_value")]}
    errors = [{"type": "SyntaxError", "message": "invalid syntax", "first_line": "def sigmoid(z)"}]
    point_at_broken_cells(problems, errors)
    pointed = {name: "When your notebook ran" in p.tests[0].message for name, p in problems.items()}
    assert pointed == {"sigmoid": True, "predict_proba": True, "predict": False}
