"""autograder.checks: each check accepts right values and rejects each wrong kind with the right message."""
from __future__ import annotations

import math

import numpy as np
import pytest

from autograder import checks
from autograder.checks import like
from autograder.grading.student_proxy import Call, StudentRaised
from autograder.sandbox import wire

CALL = "f(z)"
EXPECTED = np.array([[0.1, 0.2, 0.3, 0.4], [0.5, 0.6, 0.7, 0.8], [0.9, 1.0, 1.1, 1.2]])


def fails(cls, *phrases):
    """Context: the block raises ``cls`` whose message contains every phrase."""
    class _Raises:
        def __enter__(self):
            self.ctx = pytest.raises(cls)
            self.info = self.ctx.__enter__()
            return self.info

        def __exit__(self, *exc):
            handled = self.ctx.__exit__(*exc)
            message = str(self.info.value)
            for phrase in phrases:
                assert phrase in message, f"{phrase!r} not in:\n{message}"
            return handled
    return _Raises()


def test_failures_are_assertion_errors():
    for cls in (checks.WrongType, checks.WrongShape, checks.WrongDtype, checks.NotFinite, checks.WrongValue,
                checks.WarningRaised, checks.ArgumentMutated, checks.BadPlot):
        assert issubclass(cls, checks.Mismatch) and issubclass(cls, AssertionError)


# ---------------------------------------------------------------- closeness rule

def test_accepts_equal_and_within_tolerance():
    checks.check_array(CALL, EXPECTED.copy(), EXPECTED)
    checks.check_array(CALL, EXPECTED * (1 + 0.5e-7), EXPECTED)


def test_tolerance_is_atol_plus_rtol_times_expected():
    expected = np.array([1.0, 1e-13, 0.0])
    # inside: |d| <= 1e-12 + 1e-7 * |expected|
    checks.check_array(CALL, expected + np.array([0.9e-7, 0.9e-12, 0.9e-12]), expected)
    with fails(checks.WrongValue, "at index 0", "1 of 3 values are off by more than 1e-12 + 1e-07·|expected|"):
        checks.check_array(CALL, expected + np.array([1.1e-7 + 1e-12, 0, 0]), expected)
    with fails(checks.WrongValue, "at index 2"):
        checks.check_array(CALL, expected + np.array([0, 0, 2e-12]), expected)
    checks.check_array(CALL, expected * 1.01, expected, rtol=0.02)


def test_infinities_and_nan_in_the_reference_must_be_matched():
    expected = np.array([-np.inf, 0.5, np.inf, np.nan])
    checks.check_array(CALL, expected.copy(), expected)
    with fails(checks.WrongValue, "got inf, expected -inf"):
        checks.check_array(CALL, np.array([np.inf, 0.5, np.inf, np.nan]), expected)


# ---------------------------------------------------------------- type

@pytest.mark.parametrize("got, phrases", [
    ([0.1, 0.2], ["returned a Python list", "list returned: return a numpy array"]),
    (None, ["returned None", "is a `return` statement missing?"]),
    (0.5, ["returned a single number (0.5)", "array of shape (3, 4), one value per element"]),
    (wire.TensorData(EXPECTED, "torch.float64", False), ["returned a torch tensor", ".detach().numpy()"]),
    ("0.5", ["returned a str"]),
    ((0.1, 0.2), ["returned a tuple", "tuple returned: return a numpy array"]),
    (object(), ["returned an object"]),
], ids=["list", "none", "scalar", "tensor", "str", "tuple", "object"])
def test_rejects_what_is_not_an_array(got, phrases):
    with fails(checks.WrongType, *phrases):
        checks.check_array(CALL, got, EXPECTED)


def test_a_list_is_also_diagnosed_by_its_values():
    with fails(checks.WrongType, "list returned", "looks negated"):
        checks.check_array(CALL, (-EXPECTED).tolist(), EXPECTED, diagnoses=[like(-EXPECTED, "looks negated", code="f.negated")])


# ---------------------------------------------------------------- shape

@pytest.mark.parametrize("got_shape, expected_shape, phrase", [
    ((7, 1), (7,), "a column of shape (m, 1) instead of a 1-D array"),
    ((7, 7), (7,), "shape (m, m) is what broadcasting gives"),
    ((4, 3), (3, 4), "looks transposed"),
    ((12,), (3, 4), "right number of values in the wrong shape"),
    ((1, 3, 4), (3, 4), "extra (or missing) axes of length 1"),
    ((3,), (3, 4), ""),
])
def test_rejects_wrong_shapes_with_their_cause(got_shape, expected_shape, phrase):
    with fails(checks.WrongShape, f"returned shape {got_shape}; it must have shape {expected_shape}", phrase):
        checks.check_array(CALL, np.full(got_shape, 0.5), np.full(expected_shape, 0.5))


def test_broadcasting_never_turns_a_wrong_shape_into_a_pass():
    with fails(checks.WrongShape):
        checks.check_array(CALL, np.array([0.5]), np.full(3, 0.5))
    with fails(checks.WrongShape):
        checks.check_array(CALL, np.full((3, 1), 0.5), np.full(3, 0.5))


def test_shape_wording_can_name_the_required_shape():
    with fails(checks.WrongShape, "sigmoid(array of shape (3, 4)) returned shape (4,); it must have the input's shape (3, 4)"):
        checks.check_array("sigmoid(array of shape (3, 4))", np.zeros(4), EXPECTED, shape_means="the input's shape")


# ---------------------------------------------------------------- dtype

def test_float_answers_must_be_float64():
    with fails(checks.WrongDtype, "returned int64 values", "integer output", "np.empty_like(z)"):
        checks.check_array(CALL, np.zeros((3, 4), dtype=np.int64), EXPECTED)
    with fails(checks.WrongDtype, "returned bool values"):
        checks.check_array(CALL, np.zeros((3, 4), dtype=bool), EXPECTED)
    with fails(checks.WrongDtype, "returned float32 values", "compute in float64"):
        checks.check_array(CALL, EXPECTED.astype(np.float32), EXPECTED)


def test_integer_answers_accept_any_integer_dtype():
    labels = np.array([0, 1, 1, 0])
    for dtype in (np.int64, np.int32, np.uint8):
        checks.check_array(CALL, labels.astype(dtype), labels, dtype="integer", rtol=0, atol=0)


@pytest.mark.parametrize("got, phrase", [
    (np.array([False, True, True, False]), "returned bool; convert with .astype(int)"),
    (np.array([0.0, 1.0, 1.0, 0.0]), "float 0./1. predictions: convert with .astype(int)"),
    (np.array([0.2, 0.7, 0.9, 0.1]), "it must return integers"),
], ids=["bool", "float-0-1", "probabilities"])
def test_integer_answers_reject_bool_and_float(got, phrase):
    with fails(checks.WrongDtype, phrase):
        checks.check_array(CALL, got, np.array([0, 1, 1, 0]), dtype="integer", rtol=0, atol=0)


def test_integer_answers_are_compared_exactly():
    with fails(checks.WrongValue, "at row 2: got 0, expected 1", "(1 of 4 values differ)"):
        checks.check_array(CALL, np.array([0, 1, 0, 0]), np.array([0, 1, 1, 0]), dtype="integer", rtol=0, atol=0,
                           where="row")


# ---------------------------------------------------------------- finiteness

def test_nan_where_the_reference_is_finite_is_reported_at_its_input():
    z = np.array([0.0, 1000.0])
    with fails(checks.NotFinite, "f(z) returned nan at z = 1000.0 (expected 1.0); 1 of 2 values are not finite",
               "nan comes from inf/inf"):
        checks.check_array(CALL, np.array([0.5, np.nan]), np.array([0.5, 1.0]), where=("z", z))
    with fails(checks.NotFinite, "returned inf", "inf comes from np.exp overflowing"):
        checks.check_array(CALL, np.array([0.5, np.inf]), np.array([0.5, 1.0]))
    with fails(checks.NotFinite, "use exp(-|z|)"):
        checks.check_array(CALL, np.array([0.5, np.nan]), np.array([0.5, 1.0]), nonfinite_hint=checks.Hint("f.overflow", "use exp(-|z|)"))


def test_a_known_nan_pattern_is_recognised():
    wrong = np.array([0.5, np.nan])
    with fails(checks.NotFinite, "exp(z)/(1+exp(z)) is inf/inf"):
        checks.check_array(CALL, wrong, np.array([0.5, 1.0]),
                           diagnoses=[like(wrong.copy(), "exp(z)/(1+exp(z)) is inf/inf", code="f.exp_ratio")])


# ---------------------------------------------------------------- diagnoses of values

def test_a_matching_mistake_names_itself():
    z = np.linspace(-3, 3, 7)
    expected = 1 / (1 + np.exp(-z))
    mistakes = [like(1 / (1 + np.exp(z)), "looks like σ(−z): check the sign in the exponent", code="f.sign")]
    with fails(checks.WrongValue, "looks like σ(−z)"):
        checks.check_array(CALL, 1 / (1 + np.exp(z)), expected, diagnoses=mistakes)
    # a mistake only named when it matches: another wrong value gets no such claim
    with pytest.raises(checks.WrongValue) as info:
        checks.check_array(CALL, expected + 0.1, expected, diagnoses=mistakes)
    assert "σ(−z)" not in str(info.value)


def test_a_mistake_that_equals_the_right_answer_here_is_never_claimed():
    expected = np.array([0.5, 0.5])
    with pytest.raises(checks.WrongValue) as info:
        checks.check_array(CALL, np.array([0.5, 0.5 + 1e-6]), expected, diagnoses=[like(expected, "you clipped", code="f.clipped")])
    assert "clipped" not in str(info.value)


@pytest.mark.parametrize("factor, phrase", [
    (-1.0, "wrong sign (off by a factor −1)"),
    (1 / math.log(10), "you used log10; use np.log"),
    (math.log(10), "off by a factor ln(10)"),
    (1 / math.log(2), "you used log2"),
    (2.0, "off by a factor 2"),
    (0.5, "off by a factor 1/2"),
    (3.7, "off by the same factor 3.7"),
])
def test_constant_factors_are_recognised(factor, phrase):
    expected = np.array([-2.0, -0.5, 0.3, 1.0, 2.5])
    with fails(checks.WrongValue, phrase):
        checks.check_array(CALL, factor * expected, expected)


def test_graders_can_name_their_own_factors():
    expected = np.array([0.25, -1.0, 3.0])
    with fails(checks.WrongValue, "off by a factor m = 7: a sum instead of a mean"):
        checks.check_array(CALL, 7 * expected, expected, factors=[(7, checks.Hint("f.summed", "off by a factor m = 7: a sum instead of a mean"))])


def test_no_factor_is_claimed_for_unrelated_values():
    expected = np.array([0.1, 0.5, 0.9])
    with pytest.raises(checks.WrongValue) as info:
        checks.check_array(CALL, np.array([0.9, 0.5, 0.1]), expected)
    assert "factor" not in str(info.value)
    with pytest.raises(checks.WrongValue) as info:   # a single value: any factor "fits", so none is claimed but −1
        checks.check_scalar(CALL, 0.5, 0.25)
    assert "factor" not in str(info.value)


def test_transposed_square_result_and_truncation_and_constants():
    a = np.array([[0.1, 0.2], [0.3, 0.4]])
    with fails(checks.WrongValue, "looks transposed"):
        checks.check_array(CALL, a.T.copy(), a)
    with fails(checks.WrongValue, "values look truncated to whole numbers"):
        checks.check_array(CALL, np.array([0.0, 0.0, 1.0]), np.array([0.27, 0.5, 1.0]))
    with fails(checks.WrongValue, "every value is 0.5: the result does not depend on the input"):
        checks.check_array(CALL, np.full(3, 0.5), np.array([0.27, 0.5, 0.73]))
    # all zeros: a truncation of values below 1 and a constant answer look the same, and the message says both
    assert code_of(lambda: checks.check_array(CALL, np.zeros(3), np.array([0.27, 0.5, 0.73]))) == "value.all_zero"
    with fails(checks.WrongValue, "every value is 0: if the input was an integer array"):
        checks.check_array(CALL, np.zeros((2, 2)), np.array([[0.1, 0.2], [0.3, 0.4]]))


# ---------------------------------------------------------------- scalars

@pytest.mark.parametrize("got", [0.5, np.float64(0.5), np.array(0.5)], ids=["float", "np.float64", "0-d array"])
def test_scalar_accepts_float_float64_and_0d_array(got):
    checks.check_scalar(CALL, got, np.float64(0.5))
    checks.check_value(CALL, got, np.array(0.5))


@pytest.mark.parametrize("got, cls, phrase", [
    (0, checks.WrongDtype, "returned the integer 0; it must return a float"),
    (np.int64(0), checks.WrongDtype, "returned the integer 0"),
    (True, checks.WrongType, "returned the bool True"),
    ([0.5], checks.WrongType, "not a list"),
    (None, checks.WrongType, "is a `return` statement missing?"),
    (np.array([0.5, 0.5]), checks.WrongShape, "returned an array of shape (2,)"),
    (np.float32(0.5), checks.WrongDtype, "float32"),
    (0.25, checks.WrongValue, "got 0.25, expected 0.5"),
    (float("nan"), checks.NotFinite, "returned nan"),
], ids=["int", "np.int64", "bool", "list", "none", "2 values", "float32", "value", "nan"])
def test_scalar_rejects(got, cls, phrase):
    with fails(cls, phrase):
        checks.check_scalar(CALL, got, 0.5)


def test_scalar_from_the_wire_passes_but_a_one_element_array_does_not():
    round_trip = wire.decode(wire.encode(np.float64(0.5)))  # np.float64 stays a 0-d value across the wire
    checks.check_scalar(CALL, round_trip, 0.5)
    with fails(checks.WrongShape, "shape (1,)"):
        checks.check_scalar(CALL, np.array([0.5]), 0.5)


def test_integer_scalars():
    checks.check_scalar(CALL, 1, 1, dtype="integer", rtol=0, atol=0)
    checks.check_scalar(CALL, np.int32(1), 1, dtype="integer", rtol=0, atol=0)
    with fails(checks.WrongType, "convert with int(...)"):
        checks.check_scalar(CALL, True, 1, dtype="integer")
    with fails(checks.WrongDtype, "float 0./1."):
        checks.check_scalar(CALL, 1.0, 1, dtype="integer")


# ---------------------------------------------------------------- side effects

def test_no_warnings():
    checks.check_no_warnings(CALL, Call(0.5))
    with fails(checks.WarningRaised, "f(z) triggered RuntimeWarning: overflow encountered in exp (and 1 more)",
               "e = np.exp(-np.abs(z))", "np.where(cond, a, b) computes both"):
        checks.check_no_warnings(CALL, Call(0.5, warnings=["RuntimeWarning: overflow encountered in exp"] * 2))
    with fails(checks.WarningRaised, "np.log(0) is −inf"):
        checks.check_no_warnings(CALL, Call(0.5, warnings=["RuntimeWarning: divide by zero encountered in log"]))
    with fails(checks.WarningRaised, "custom hint"):
        checks.check_no_warnings(CALL, Call(0.5, warnings=["UserWarning: hello"]), hint=checks.Hint("f.custom", "custom hint"))


def test_not_mutated_names_the_array_arguments():
    checks.check_not_mutated(CALL, Call(0.5), ["X", "w"])
    with fails(checks.ArgumentMutated, "changed its argument `w` in place", "w = np.array(w, dtype=float) copies"):
        checks.check_not_mutated(CALL, Call(0.5, mutated_args=[1]), ["X", "w"])
    with fails(checks.ArgumentMutated, "changed its arguments `X`, `w` in place"):
        checks.check_not_mutated(CALL, Call(0.5, mutated_args=[0, 1]), ["X", "w"])
    with fails(checks.ArgumentMutated, "array argument 3"):
        checks.check_not_mutated(CALL, Call(0.5, mutated_args=[2]), ["X", "w"])


def test_explain_errors_adds_a_hint_to_a_recognised_student_error():
    error = {"type": "ValueError", "message": "matmul: Input operand 1 has a mismatch", "traceback": ""}
    with fails(checks.Mismatch, "raised ValueError: matmul", "use X @ w"):
        with checks.explain_errors({"matmul": checks.Hint("f.w_at_X", "use X @ w")}):
            raise StudentRaised("predict_proba", error)
    with pytest.raises(StudentRaised):
        with checks.explain_errors({"not aligned": checks.Hint("f.w_at_X", "use X @ w")}):
            raise StudentRaised("predict_proba", error)


# ---------------------------------------------------------------- describing calls

def test_call_text():
    assert checks.call_text("sigmoid", np.zeros((3, 4))) == "sigmoid(array of shape (3, 4))"
    assert checks.call_text("sigmoid", np.array([-1.0, 0.0, 1.0])) == "sigmoid(array([-1.0, 0.0, 1.0]))"
    assert checks.call_text("sigmoid", -1000.0) == "sigmoid(-1000.0)"
    assert checks.call_text("sigmoid", np.arange(12).reshape(3, 4)) == "sigmoid(int64 array of shape (3, 4))"
    assert (checks.call_text("predict", np.zeros((7, 3)), np.array([1, 2, 3]), 0.5, names=("X", "w", "b"))
            == "predict(X=array of shape (7, 3), w=array([1, 2, 3], dtype=int64), b=0.5)")


# ---------------------------------------------------------------- plots

def sig(x):
    return 1 / (1 + np.exp(-x))


def line(x, y, label="_child0"):
    return wire.LineData(np.asarray(x, dtype=float), np.asarray(y, dtype=float), label)


def axes(lines, xlabel="x", ylabel="y", legend=None):
    return wire.AxesData("", xlabel, ylabel, lines, legend)


X = np.linspace(-6, 6, 50)
CURVES = [checks.Curve("σ(x)", lambda x: sig(x), [(lambda x: sig(-x), checks.Hint("f.sign", "σ(−x): sign"))]),
          checks.Curve("σ(2x − 1)", lambda x: sig(2 * x - 1))]


def test_match_curves_in_any_order_ignoring_guides():
    data = axes([line([-6, 6], [0.5, 0.5], "guide"), line(X, sig(2 * X - 1)), line(X, sig(X))])
    matched = checks.match_curves("plot()", data, CURVES)
    assert np.allclose(matched[0].y, sig(X)) and np.allclose(matched[1].y, sig(2 * X - 1))
    checks.match_curves("plot()", axes([line(X, sig(X) + 5e-7), line(X, sig(2 * X - 1))]), CURVES)


def test_match_curves_failures():
    with fails(checks.BadPlot, "drew no lines on the Axes it was given"):
        checks.match_curves("plot()", axes([]), CURVES)
    with fails(checks.BadPlot, "drew 1 line for 2 curves; no line shows σ(2x − 1)", "draw one line per curve"):
        checks.match_curves("plot()", axes([line(X, sig(X))]), CURVES)
    with fails(checks.BadPlot, "no line shows σ(x)", "line 1 ('a') looks like σ(−x): sign"):
        checks.match_curves("plot()", axes([line(X, sig(-X), "a"), line(X, sig(2 * X - 1))]), CURVES)
    with fails(checks.BadPlot, "no line shows σ(x)"):   # one line cannot stand for two curves
        checks.match_curves("plot()", axes([line(X, sig(X)), line(X, sig(X))]),
                            [CURVES[0], checks.Curve("σ(x) again", lambda x: sig(x) + 0.1)])


def test_check_sampling():
    checks.check_sampling("plot()", "σ(x)", line(X, sig(X)), min_points=10, f=sig, below=0.3, above=0.7)
    checks.check_sampling("plot()", "σ(x)", line(X[::-1], sig(X[::-1])), min_points=10, below=0.3, above=0.7)
    with fails(checks.BadPlot, "has 5 distinct x values; use at least 10"):
        checks.check_sampling("plot()", "σ(x)", line(np.linspace(-6, 6, 5), sig(np.linspace(-6, 6, 5))))
    shuffled = np.random.default_rng(0).permutation(X)
    with fails(checks.BadPlot, "are not sorted"):
        checks.check_sampling("plot()", "σ(x)", line(shuffled, sig(shuffled)))
    narrow = np.linspace(0, 1, 20)
    with fails(checks.BadPlot, "covers x from 0.0 to 1.0", "below 0.3 and above 0.7", "(why)"):
        checks.check_sampling("plot()", "σ(x)", line(narrow, sig(narrow)), f=sig, below=0.3, above=0.7, why="why")


def test_legend_labels_and_returned_axes():
    good = axes([line(X, sig(X), "a"), line(X, sig(2 * X), "b")], legend=["a", "b"])
    checks.check_legend("plot()", good, 2)
    checks.check_axis_labels("plot()", good)
    assert checks.check_returns_axes("plot()", Call(good)) is good
    with fails(checks.BadPlot, "drew no legend"):
        checks.check_legend("plot()", axes([], legend=None), 2)
    with fails(checks.BadPlot, "a legend with 1 entry for 2 curves"):
        checks.check_legend("plot()", axes([], legend=["a", ""]), 2)
    with fails(checks.BadPlot, "do not tell the 2 curves apart"):
        checks.check_legend("plot()", axes([], legend=["σ", "σ"]), 2)
    with fails(checks.BadPlot, "left the y axis without a label; add ax.set_ylabel(...)"):
        checks.check_axis_labels("plot()", axes([], ylabel="  "))
    with fails(checks.WrongType, "returned None", "`return ax`"):
        checks.check_returns_axes("plot()", Call(None))

    class FigureProxy:
        type_name = "Figure"
    with fails(checks.WrongType, "returned a Figure", "not the Figure"):
        checks.check_returns_axes("plot()", Call(FigureProxy()))


# ---------------------------------------------------------------- mistake codes

def code_of(block) -> str:
    try:
        block()
    except checks.Mismatch as err:
        return err.mistake
    raise AssertionError("the check passed")


def test_every_failure_carries_a_mistake_code_specific_first():
    expected = np.array([0.2, 0.4, 0.6])
    named = [like(-expected, "negated", code="f.negated")]
    assert code_of(lambda: checks.check_array(CALL, -expected, expected, diagnoses=named)) == "f.negated"
    assert code_of(lambda: checks.check_array(CALL, -expected, expected)) == "value.sign"
    assert code_of(lambda: checks.check_array(CALL, expected + 1, expected)) == "wrong_value"
    assert code_of(lambda: checks.check_array(CALL, expected.tolist(), expected)) == "type.list"
    assert code_of(lambda: checks.check_array(CALL, None, expected)) == "type.none"
    assert code_of(lambda: checks.check_array(CALL, expected[:, None], expected)) == "shape.column"
    assert code_of(lambda: checks.check_array(CALL, np.zeros((5, 7)), np.zeros((7, 5)))) == "shape.transposed"
    assert code_of(lambda: checks.check_array(CALL, expected.astype(np.float32), expected)) == "dtype.float32"
    assert code_of(lambda: checks.check_array(CALL, np.array([0.2, np.nan, 0.6]), expected)) == "not_finite.nan"
    assert code_of(lambda: checks.check_array(CALL, np.full(3, 0.5), expected)) == "value.constant"
    assert code_of(lambda: checks.check_scalar(CALL, expected, 0.3)) == "shape.not_reduced"
    assert code_of(lambda: checks.check_no_warnings(CALL, Call(0.5, warnings=["RuntimeWarning: overflow "
                                                                               "encountered in exp"]))) \
        == "warning.exp_overflow"
    assert code_of(lambda: checks.check_not_mutated(CALL, Call(0.5, mutated_args=[0]), ["z"])) == "mutated_input"


def test_diagnoses_given_as_a_function_are_built_only_when_a_check_fails():
    built = []

    def mistakes():
        built.append(1)
        return [like(-EXPECTED, "negated", code="f.negated")]
    checks.check_array(CALL, EXPECTED.copy(), EXPECTED, diagnoses=mistakes)
    checks.check_scalar(CALL, 0.5, 0.5, diagnoses=mistakes)
    assert built == []
    with fails(checks.WrongValue, "negated"):
        checks.check_array(CALL, -EXPECTED, EXPECTED, diagnoses=mistakes)
    assert built == [1]


def test_a_tuple_result_must_have_one_item_per_name():
    assert checks.check_tuple(CALL, [1.0, 2.0], ("dw", "db")) == (1.0, 2.0)
    with fails(checks.WrongType, "returned 3 items; it must return (dw, db), e.g. `return dw, db`."):
        checks.check_tuple(CALL, (1, 2, 3), ("dw", "db"))
    with fails(checks.WrongType, "returned 0.5; it must return (w, b, costs)"):
        checks.check_tuple(CALL, 0.5, ("w", "b", "costs"), "type.not_a_triple")
    assert code_of(lambda: checks.check_tuple(CALL, None, ("dw", "db"))) == "type.not_a_tuple"
