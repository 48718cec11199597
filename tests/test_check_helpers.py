"""The helper cell every notebook shares: a ✘ reaches the report line and nbgrader's Validate whole, and a
visible check's stand-in knows only the values the check needs."""
from __future__ import annotations

import numpy as np
import pytest

from autograder.notebook_cells import check_helpers_source

VALIDATE_WIDTH = 87  # nbgrader 0.9.6's Validator cuts each line here, its own 4-space indent included


@pytest.fixture
def cell() -> dict:
    namespace: dict = {"__name__": "__main__"}
    exec(compile(check_helpers_source(), "<check helpers>", "exec"), namespace)
    return namespace


def test_the_report_line_keeps_every_line_of_a_two_dimensional_mismatch(cell):
    got = np.ones((3, 4))
    with pytest.raises(AssertionError):
        with cell["checks_for"]("softmax"):
            cell["check_close"]("rows sum to 1", got, np.full((3, 4), 0.25), mistakes=[
                (got, "looks like np.exp(z) without dividing by the sum of each row: divide by "
                      "np.sum(e, axis=1, keepdims=True) so that every row of the result sums to exactly 1")])
    with pytest.raises(AssertionError) as report:
        cell["report_visible_checks"]("softmax")
    lines = str(report.value).splitlines()
    assert all(len("    " + line) <= VALIDATE_WIDTH for line in lines), lines
    text = " ".join(" ".join(lines).split())
    assert "expected [[0.25, 0.25, 0.25, 0.25]," in text and "[0.25, 0.25, 0.25, 0.25]]" in text
    assert "every row of the result sums to exactly 1" in text  # the advice after the array is not lost


def test_a_stand_in_answers_the_check_s_own_inputs_and_nothing_else(cell):
    def sigmoid(z):
        raise NotImplementedError()
    cell["sigmoid"] = sigmoid
    exec("def predict_proba(X, w, b):\n    return sigmoid(np.asarray(X) @ np.asarray(w) + b)\n", cell)
    z = np.array([0.5, -0.5])
    with cell["standing_in"]("sigmoid", [(z, [0.6224593312018546, 0.3775406687981454])], "predict_proba"):
        got = cell["predict_proba"](np.array([[1.0, 0.5], [-1.0, -0.5]]), np.array([0.5, 0.0]), 0.0)
        np.testing.assert_allclose(got, [0.6224593312018546, 0.3775406687981454])
        with pytest.raises(AssertionError, match=r"✘ predict_proba: it called sigmoid\(\[1\., 2\.\]\)"):
            cell["predict_proba"](np.array([[1.0], [2.0]]), np.array([1.0]), 0.0)
    assert cell["sigmoid"] is sigmoid  # the student's own is back


def test_a_stand_in_called_with_keywords_takes_them_in_the_order_of_the_student_s_own_parameters(cell):
    exec("def predict_proba(X, w, b):\n    raise NotImplementedError()\n"
         "def predict(X, w, b, threshold=0.5):\n"
         "    return (predict_proba(b=b, X=X, w=w) > threshold).astype(int)\n", cell)
    X, w = np.array([[1.0, 2.0]]), np.array([0.5, 0.5])
    with cell["standing_in"]("predict_proba", [((X, w, 0.0), [0.8])], "predict"):
        assert cell["predict"](X, w, 0.0).tolist() == [1]
