"""The late policy: grace, a penalty per started day as a share of the maximum, the cap, extensions, Canvas's LATE
marker when the time is unknown, and the flags that say it."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from autograder.classrun.late import LatePolicy, PolicyError, parse_duration, parse_percent, parse_time, read_extensions
from autograder.submission import Submission

SEOUL = timezone(timedelta(hours=9))
DUE = datetime(2026, 12, 1, 23, 59, tzinfo=SEOUL)
POLICY = LatePolicy(due=DUE, penalty_per_day=0.10, cap=0.50, grace=timedelta(minutes=15))


def handed_in(at: datetime | None, student: str = "s1", marked_late: bool = False) -> Submission:
    return Submission(student, Path(f"{student}.ipynb"), submitted_at=at, marked_late=marked_late)


@pytest.mark.parametrize("after, late, days, penalty", [
    (timedelta(minutes=-30), False, 0, 0.0),          # early
    (timedelta(minutes=15), False, 0, 0.0),           # at the end of the grace period: on time
    (timedelta(minutes=16), True, 1, 1.3),            # past the grace: one started day, 10% of 13
    (timedelta(hours=23, minutes=59), True, 1, 1.3),
    (timedelta(days=1, minutes=1), True, 2, 2.6),     # a second day has started
    (timedelta(days=9), True, 9, 6.5),                # 90% would be due; the cap is 50% of 13
])
def test_grace_per_day_penalty_and_cap(after, late, days, penalty):
    assessed = POLICY.assess(handed_in(DUE + after), raw_score=12.0, max_score=13.0)
    assert (assessed["late"], assessed["days_late"], assessed["late_penalty"]) == (late, days, penalty)
    assert assessed["score"] == pytest.approx(12.0 - penalty)
    assert assessed["raw_score"] == 12.0 and assessed["due"] == DUE.isoformat()
    assert assessed["minutes_late"] == max(0, int(after.total_seconds() // 60))
    assert (penalty > 0) == ("points" in assessed["late_note"])


def test_the_penalty_never_takes_the_score_below_zero():
    assessed = POLICY.assess(handed_in(DUE + timedelta(days=3)), raw_score=1.0, max_score=13.0)
    assert assessed["late_penalty"] == 1.0 and assessed["score"] == 0.0


def test_an_extension_moves_one_students_due_date(tmp_path):
    path = tmp_path / "extensions.csv"
    path.write_text("student,due\ns2,2026-12-04T23:59+09:00\n", encoding="utf-8")
    policy = LatePolicy(due=DUE, penalty_per_day=0.10, extensions=read_extensions(path))
    at = DUE + timedelta(days=2)
    assert policy.assess(handed_in(at, "s1"), 13.0, 13.0)["late_penalty"] == pytest.approx(2.6)
    extended = policy.assess(handed_in(at, "s2"), 13.0, 13.0)
    assert extended["late"] is False and extended["due"] == "2026-12-04T23:59:00+09:00"


def test_canvas_late_marker_without_a_time_costs_one_day_and_says_so():
    assessed = POLICY.assess(handed_in(None, marked_late=True), 13.0, 13.0)
    assert assessed["late"] and assessed["late_penalty"] == 1.3 and "Canvas marked it late" in assessed["late_note"]
    assert assessed["minutes_late"] is None and assessed["submitted_at"] is None
    assert POLICY.assess(handed_in(None), 13.0, 13.0)["late"] is False


def test_no_policy_no_penalty():
    assessed = LatePolicy().assess(handed_in(DUE + timedelta(days=30)), 10.0, 13.0)
    assert assessed["late_penalty"] == 0 and assessed["score"] == 10.0 and assessed["due"] is None


@pytest.mark.parametrize("parse, text", [(parse_time, "2026-12-01 23:59"), (parse_time, "tomorrow"),
                                         (lambda t: parse_percent(t, "--late-penalty"), "ten percent"),
                                         (lambda t: parse_percent(t, "--late-cap"), "150%"),
                                         (parse_duration, "a while")])
def test_options_that_do_not_parse_say_how_to_write_them(parse, text):
    with pytest.raises(PolicyError, match="write it as|add one"):
        parse(text)


def test_option_values():
    assert parse_percent("10%/day", "x") == 0.10 and parse_percent("50%", "x") == 0.5
    assert parse_duration("15m") == timedelta(minutes=15) and parse_duration("2h") == timedelta(hours=2)
    assert parse_time("2026-12-01T23:59+09:00") == DUE


def test_the_command_line_refuses_a_due_date_without_a_time_zone(tmp_path, capsys):
    from autograder import cli

    (tmp_path / "alice.ipynb").write_text('{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}')
    code = cli.main(["grade", str(tmp_path / "alice.ipynb"), "-a", "01_sigmoid", "-o", str(tmp_path / "out"),
                     "--due", "2026-12-01 23:59"])
    assert code == 1 and "has no time zone" in capsys.readouterr().err
    assert not (tmp_path / "out" / "results").exists(), "nothing graded"
