"""Checks that compare a student's value with the reference, each failing with a message a student can act on.

Graders call one check per kind of value: ``check_array``/``check_scalar``/
``check_float_list`` (``values``), ``check_tensor`` (``tensors``: torch tensors,
compared with float32 tolerances), ``check_no_warnings``/``check_not_mutated``
(``effects``), the plot checks (``plots``).  A failed check raises a ``Mismatch`` (an
``AssertionError``, see ``failures``) whose text the runner shows to the
student as it is, and whose ``mistake`` code reports count.  Every message
names the call ("sigmoid(array([-1.0, 0.0, 1.0])) returned ..."), says what
was wrong and, where the mistake is recognisable (``diagnoses``), what to change.

Order of the checks
-------------------
type -> shape -> dtype -> finiteness -> values.  A wrong shape is reported
as a wrong shape before any value is compared, and values are only compared
between arrays of identical shape: broadcasting never turns an (m, 1) or
(m, m) answer into a pass.

Closeness rule
--------------
Values are compared in float64, element by element, around the reference:

    |got - expected| <= atol + rtol * |expected|

(the rule of ``numpy.isclose(got, expected)``), with ``RTOL = 1e-7`` and
``ATOL = 1e-12`` unless a grader says otherwise.  Why these numbers:

* Every correct formula we accept (``1/(1+e^-z)``, ``expit``, ``np.where``
  piecewise forms, ``ln(p/(1-p))`` vs ``ln p - ln(1-p)``, ``X @ w`` vs
  ``(X * w).sum(1)``) agrees with the reference to a few ulps (~1e-15
  relative); rtol 1e-7 leaves eight orders of magnitude for summation order
  and algebraic rearrangements, while every mistake we look for (a sign, a
  missing bias, log10, clipping, float32, integer truncation) is off by far
  more than 1e-7.
* The absolute floor 1e-12 lets values that are mathematically tiny be
  computed with absolute rather than relative accuracy: ``s * (1 - s)`` at
  z = 30 has only ~3 correct digits of 9.4e-14 (1 - s cancels), yet it is off
  by ~1e-16, which no plot or later computation can notice.
* Non-finite reference values (nan, +-inf) must be matched exactly.

Predictions and other integer answers are compared exactly (``rtol=atol=0``).
"""
from autograder.checks.describe import call_text, describe
from autograder.checks.diagnoses import LOOSE_ATOL, LOOSE_RTOL, Hint, Like, diagnose, like, resembles
from autograder.checks.effects import check_no_warnings, check_not_mutated, explain_errors
from autograder.checks.failures import (ArgumentMutated, BadPlot, Mismatch, NotFinite, WarningRaised, WrongDtype,
                                        WrongShape, WrongType, WrongValue)
from autograder.checks.plots import (PLOT_ATOL, Curve, check_axis_labels, check_curves_drawn, check_legend,
                                     check_returns_axes, check_sampling, line_matches, match_curves)
from autograder.checks.tensors import FLOAT32_ATOL, FLOAT32_RTOL, GradientLeaked, check_tensor, check_tensor_form
from autograder.checks.values import (ATOL, RTOL, check_array, check_array_form, check_float_list, check_object,
                                      check_scalar, check_scalar_between, check_tuple, check_value)

__all__ = [
    "ATOL", "RTOL", "LOOSE_ATOL", "LOOSE_RTOL", "PLOT_ATOL", "FLOAT32_ATOL", "FLOAT32_RTOL",
    "Hint", "Like", "like", "diagnose", "resembles", "describe", "call_text",
    "Mismatch", "WrongType", "WrongShape", "WrongDtype", "NotFinite", "WrongValue", "WarningRaised",
    "ArgumentMutated", "BadPlot", "GradientLeaked",
    "check_value", "check_array", "check_array_form", "check_scalar", "check_scalar_between", "check_tuple",
    "check_object", "check_float_list", "check_tensor", "check_tensor_form", "check_no_warnings", "check_not_mutated",
    "explain_errors",
    "Curve", "check_returns_axes", "line_matches", "match_curves", "check_curves_drawn", "check_sampling",
    "check_axis_labels", "check_legend",
]
