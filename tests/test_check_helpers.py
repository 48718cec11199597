"""The helper cell every notebook shares: a ✘ is printed and the notebook goes on (Run All reaches the end), it
names the student's own line, never the helpers'; the report line raises only under Validate, with the whole ✘; a
visible check's stand-in knows only the values the check needs."""
from __future__ import annotations

import linecache

import numpy as np
import pytest

from autograder.notebook_cells import check_helpers_source

VALIDATE_WIDTH = 87  # nbgrader 0.9.6's Validator cuts each line here, its own 4-space indent included


@pytest.fixture
def cell() -> dict:
    namespace: dict = {"__name__": "__main__"}
    exec(compile(check_helpers_source(), "<check helpers>", "exec"), namespace)
    return namespace


def test_the_report_line_keeps_every_line_of_a_two_dimensional_mismatch(cell, monkeypatch, capsys):
    got = np.ones((3, 4))
    with cell["checks_for"]("softmax"):  # a ✘ is printed, and the notebook goes on
        cell["check_close"]("rows sum to 1", got, np.full((3, 4), 0.25), mistakes=[
            (got, "looks like np.exp(z) without dividing by the sum of each row: divide by "
                  "np.sum(e, axis=1, keepdims=True) so that every row of the result sums to exactly 1")])
    assert "✘ rows sum to 1: expected [[0.25" in capsys.readouterr().out
    monkeypatch.setenv("NBGRADER_EXECUTION", "validate")
    with pytest.raises(cell["VisibleChecksFailed"]) as report:
        cell["report_visible_checks"]("softmax")
    lines = report.value._render_traceback_()  # what Jupyter and Validate show: the ✘ lines, no traceback
    assert lines == str(report.value).splitlines()
    assert all(len("    " + line) <= VALIDATE_WIDTH for line in lines), lines
    text = " ".join(" ".join(lines).split())
    assert "expected [[0.25, 0.25, 0.25, 0.25]," in text and "[0.25, 0.25, 0.25, 0.25]]" in text
    assert "every row of the result sums to exactly 1" in text  # the advice after the array is not lost


def unwritten(cell, name="sigmoid"):
    exec(f"def {name}(z):\n    raise NotImplementedError()\n", cell)
    return cell[name]


def test_an_unwritten_function_is_one_line_and_run_all_goes_on(cell, monkeypatch, capsys):
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    sigmoid = unwritten(cell)
    with cell["checks_for"]("sigmoid"):
        cell["check_close"]("sigmoid(0) is 0.5", cell["call"](sigmoid, 0.0), 0.5)
    cell["report_visible_checks"]("sigmoid")  # in the student's own Jupyter: no exception, Run All goes on
    out = capsys.readouterr().out.splitlines()
    assert out == ["✘ sigmoid is not written yet: replace raise NotImplementedError() with your code"] * 2
    cell["visible_checks_summary"](["sigmoid"])
    assert "· not written yet  sigmoid" in capsys.readouterr().out


def test_a_function_calling_an_unwritten_one_names_that_one(cell, capsys):
    unwritten(cell)
    exec("def predict_proba(X, w, b):\n    return sigmoid(X @ w + b)\n", cell)
    with cell["checks_for"]("predict_proba"):
        cell["call"](cell["predict_proba"], np.ones((2, 2)), np.ones(2), 0.0)
    assert capsys.readouterr().out.strip() == ("✘ predict_proba calls sigmoid, which is not written yet: "
                                               "write sigmoid first")


def test_a_class_whose_own_method_is_unwritten_is_itself_unwritten(cell, capsys):
    """04's gates: MultiplyGate.forward raising NotImplementedError means MultiplyGate is not written yet."""
    exec("class MultiplyGate:\n    def forward(self, x, y):\n        raise NotImplementedError()\n"
         "class Neuron:\n    def forward(self, x):\n        return MultiplyGate().forward(x, x)\n", cell)
    with cell["checks_for"]("MultiplyGate"):
        cell["MultiplyGate"]().forward(1.0, 2.0)
    with cell["checks_for"]("Neuron"):
        cell["Neuron"]().forward(1.0)
    assert capsys.readouterr().out.splitlines() == [
        "✘ MultiplyGate is not written yet: replace raise NotImplementedError() with your code",
        "✘ Neuron calls MultiplyGate.forward, which is not written yet: write MultiplyGate.forward first"]


def test_an_error_in_student_code_shows_the_student_s_line_and_advice_never_the_helpers(cell, capsys):
    source, cell_file = "import math\ndef sigmoid(z):\n    s = 1 / (1 + math.exp(-z))\n    return s\n", "/tmp/ipykernel_1/42.py"
    linecache.cache[cell_file] = (len(source), None, source.splitlines(True), cell_file)  # as IPython does for a cell
    exec(compile(source, cell_file, "exec"), cell)
    with cell["checks_for"]("sigmoid"):
        cell["check_close"]("an array", cell["call"](cell["sigmoid"], np.array([0.0, 1.0])), [0.5, 0.73])
    out = capsys.readouterr().out
    assert "raised TypeError" in out and "in `sigmoid`, line 3 of its cell: s = 1 / (1 + math.exp(-z))" in out
    assert "Your function only works on single numbers" in out
    assert "<check helpers>" not in out and "Traceback" not in out and "def call" not in out


def test_a_demo_that_needs_an_unwritten_function_says_so_in_one_line(cell, capsys):
    unwritten(cell, "plot_sigmoid")
    with cell["demo"]():
        cell["plot_sigmoid"](None)
    assert capsys.readouterr().out.strip() == ("· This demo needs `plot_sigmoid`, which is not written yet: it runs "
                                               "once `plot_sigmoid` is.")


def test_validate_is_told_the_truth_and_autograde_nothing(cell, monkeypatch, capsys):
    unwritten(cell)
    with cell["checks_for"]("sigmoid"):
        cell["call"](cell["sigmoid"], 0.0)
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    assert cell["report_visible_checks"]("sigmoid") is None
    monkeypatch.setenv("NBGRADER_EXECUTION", "validate")
    with pytest.raises(cell["VisibleChecksFailed"], match="sigmoid is not written yet"):
        cell["report_visible_checks"]("sigmoid")
    with pytest.raises(cell["VisibleChecksFailed"], match="have not run yet"):
        cell["report_visible_checks"]("log_odds")


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
