"""Checks of what a call did besides returning: warnings it triggered, arguments it changed, errors it raised."""
from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Iterator, Sequence

from autograder import messages
from autograder.checks.diagnoses import Hint
from autograder.checks.failures import ArgumentMutated, Mismatch, WarningRaised
from autograder.messages import message_of, say

WARNING_HINTS: list[tuple[str, Hint]] = [
    ("overflow encountered in exp", Hint("warning.exp_overflow", say("checks.effects.exp_overflow",
     "np.exp overflows to inf for arguments above ~709 (e.g. np.exp(-z) at z = −1000). Rearrange so np.exp only "
     "sees arguments ≤ 0, e.g. e = np.exp(-np.abs(z)). Note that np.where(cond, a, b) computes both a and b for "
     "every element, so the overflow also happens in the branch you throw away."))),
    ("divide by zero encountered in log", Hint("warning.log_zero", say("checks.effects.log_zero",
     "np.log(0) is −inf: a probability reached exactly 0 or 1"))),
    ("divide by zero", Hint("warning.divide_by_zero", say("checks.effects.divide_by_zero",
     "a division by zero: check for denominators that can be 0"))),
    ("invalid value encountered", Hint("warning.invalid", say("checks.effects.invalid",
     "an operation produced nan (0/0, inf/inf, inf − inf or 0·inf)"))),
    ("overflow encountered", Hint("warning.overflow", say("checks.effects.overflow",
     "a value overflowed to inf: rearrange the formula so intermediate values stay bounded"))),
]


def check_no_warnings(call: str, result: Any, hint: Hint | None = None) -> None:
    """Fail if the call triggered a warning (e.g. RuntimeWarning: overflow encountered in exp)."""
    caught = list(getattr(result, "warnings", []) or [])
    if not caught:
        return
    first = caught[0]
    if hint is None:
        hint = next((h for key, h in WARNING_HINTS if key in first), None)
    if len(caught) > 1:
        message = say("checks.effects.warnings", "{call} triggered {warning} (and {more} more); a correct "
                      "implementation gives no warning here.", call=call, warning=first, more=len(caught) - 1)
    else:
        message = say("checks.effects.warning", "{call} triggered {warning}; a correct implementation gives no "
                      "warning here.", call=call, warning=first)
    raise WarningRaised(message + ("\n" + hint.text if hint else ""), hint.code if hint else None)


def check_not_mutated(call: str, result: Any, arg_names: Sequence[str]) -> None:
    """Fail if the call changed one of its array arguments in place.

    ``arg_names`` names the call's ndarray arguments in order: ``Call.mutated_args`` counts only those
    (for ``predict_proba(X, w, b)`` with arrays X, w: ``["X", "w"]``).
    """
    changed = list(getattr(result, "mutated_args", []) or [])
    if not changed:
        return
    names = [arg_names[i] if i < len(arg_names) else say("checks.effects.array_argument", "array argument {n}",
                                                          n=i + 1) for i in changed]
    listed = messages.join(", ", ["`" + n + "`" for n in names])
    first = names[0]
    if len(names) > 1:
        changed_text = say("checks.effects.arguments_changed", "{call} changed its arguments {listed} in place; a "
                           "function must leave the caller's arrays unchanged.", call=call, listed=listed)
    else:
        changed_text = say("checks.effects.argument_changed", "{call} changed its argument {listed} in place; a "
                           "function must leave the caller's arrays unchanged.", call=call, listed=listed)
    raise ArgumentMutated(changed_text + "\n" + say(
        "checks.effects.work_on_a_copy", "Work on a copy ({name} = np.array({name}, dtype=float) copies; np.asarray "
        "does not; a tensor: {name}.clone()) or avoid in-place operations on it ({name} *= ..., {name}[...] = ..., "
        "out={name}, {name}.add_(...)).", name=first))


@contextmanager
def explain_errors(hints: dict[str, Hint]) -> Iterator[None]:
    """Add a hint to a student's exception whose message contains one of ``hints``' keys.

    ``with explain_errors({"matmul": Hint("predict_proba.w_at_X", "compute X @ w, not w @ X")}): ...``
    """
    from autograder.grading.student_proxy import StudentRaised
    try:
        yield
    except StudentRaised as err:
        for key, hint in hints.items():
            if key.lower() in str(err.detail).lower():
                raise Mismatch(message_of(err) + "\n" + hint.text, hint.code) from None
        raise
