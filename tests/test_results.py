"""The typed result and its store: files written before the schema was recorded still read, byte for byte; every
status round-trips; a write is atomic; resuming needs the same notebook and the same graders."""
from __future__ import annotations

import dataclasses
import json
import os
import shutil
from pathlib import Path

import pytest

from autograder import catalogue
from autograder.classrun.identity import missing_result
from autograder.grading.prepared import Grading
from autograder.results import SCHEMA_VERSION, Result, ResultStore

V1 = Path(__file__).parent / "data" / "results_v1"  # written by the kit before results had a "schema"
V1_FILES = sorted((V1 / "results").glob("*.json"))


@pytest.fixture(scope="module")
def grading() -> Grading:
    return Grading.prepare(catalogue.load("01_sigmoid"))


def as_written(data: dict) -> str:
    return json.dumps(data, indent=1, ensure_ascii=False)


def test_the_v1_fixture_covers_every_kind_of_result():
    saved = [json.loads(p.read_text(encoding="utf-8")) for p in V1_FILES]
    assert all("schema" not in r for r in saved)
    assert {r["status"] for r in saved} == {"graded", "missing", "invalid_notebook"}
    assert any(r.get("late_penalty") for r in saved) and any(r.get("roster") == "unmatched" for r in saved)
    assert any(r["notebook_errors"] for r in saved) and any(r.get("other_files") for r in saved)
    assert any(p.get("stand_ins") for r in saved for p in r["problems"].values())


@pytest.mark.parametrize("path", V1_FILES, ids=lambda p: p.stem)
def test_a_v1_file_reads_and_writes_back_the_same_bytes_plus_the_schema(path):
    text = path.read_text(encoding="utf-8")
    data = Result.from_json(json.loads(text)).to_json()
    assert data.pop("schema") == SCHEMA_VERSION
    assert as_written(data) == text


def test_a_v1_folder_reads_through_the_store_in_student_order():
    results = ResultStore(V1).read_all()
    assert [r.student_id for r in results] == [p.stem for p in V1_FILES]
    late = next(r for r in results if r.student_id == "100008")
    assert late.late and late.late_penalty == 1.3 and late.score == late.raw_score - 1.3
    assert late.problems["sigmoid"].tests[0].name.startswith("test_sigmoid")


@pytest.mark.parametrize("status", ["invalid_notebook", "unreadable", "timeout", "crashed", "sandbox_error",
                                    "no_notebook", "autograder_error"])
def test_every_not_graded_status_round_trips(grading, status):
    result = grading.not_graded(status, f"why: {status}")
    assert result.score == 0.0 and result.max_score == 13.0
    assert {t.mistake for p in result.problems.values() for t in p.tests} == \
        {f"{p.id}.{status}" for p in grading.assignment.problems}
    assert "grader_version" not in result.to_json() and "name" not in result.to_json(), "not stamped or identified"
    assert Result.from_json(json.loads(as_written(result.to_json()))) == result


def test_a_missing_student_round_trips_with_only_the_keys_it_has(grading):
    missing = missing_result(grading, "2003", "Kim, Minjun", "A", {"canvas_id": "2003"})
    data = missing.to_json()
    assert data["late"] is False and data["late_penalty"] == 0.0
    assert not {"due", "submitted_at", "minutes_late", "submission", "graded_at"} & set(data)
    assert Result.from_json(data) == missing


def test_a_graded_and_identified_result_round_trips(grading):
    result = dataclasses.replace(grading.not_graded("graded", ""), student_id="s", submission="s.ipynb",
                                 submission_sha256="ab", grader_version=grading.version, graded_at="2026-12-01",
                                 grading_seconds=0.2, name="Lee, Ann", ids={"canvas_id": "7"}, due=None,
                                 submitted_at=None, late=False, minutes_late=None, late_note="")
    data = result.to_json()
    assert list(data)[-7:] == ["due", "submitted_at", "late", "minutes_late", "days_late", "late_penalty",
                               "late_note"]
    assert Result.from_json(data) == result


def test_a_result_of_a_newer_schema_is_refused_and_the_store_skips_it(tmp_path, grading):
    newer = {**grading.not_graded("timeout", "slow").to_json(), "schema": SCHEMA_VERSION + 1}
    with pytest.raises(ValueError, match="newer"):
        Result.from_json(newer)
    store = ResultStore(tmp_path)
    store.folder.mkdir()
    store.path("a").write_text(json.dumps(newer), encoding="utf-8")
    store.path("b").write_text("{ cut short", encoding="utf-8")
    store.write(dataclasses.replace(grading.not_graded("timeout", "slow"), student_id="c"))
    assert [r.student_id for r in store.read_all()] == ["c"]
    assert store.read("a") is None and store.read("b") is None and store.read("nobody") is None


def test_a_write_cut_short_leaves_the_old_file_whole_and_the_next_run_cleans_up(tmp_path, grading, monkeypatch):
    store = ResultStore(tmp_path)
    first = dataclasses.replace(grading.not_graded("timeout", "slow"), student_id="s")
    store.write(first)
    before = store.path("s").read_text(encoding="utf-8")

    def killed(*args):
        raise KeyboardInterrupt  # the run dies between writing the temporary file and renaming it

    monkeypatch.setattr(os, "replace", killed)
    with pytest.raises(KeyboardInterrupt):
        store.write(dataclasses.replace(first, message="changed"))
    monkeypatch.undo()
    assert store.path("s").read_text(encoding="utf-8") == before
    assert len(list(store.folder.glob(".*.tmp"))) == 1
    assert [r.message for r in store.read_all()] == ["slow"], "a leftover is never read as a result"
    store.clean_leftovers()
    assert sorted(p.name for p in store.folder.iterdir()) == ["s.json"]


def test_only_the_same_notebook_graded_by_the_same_graders_is_finished(tmp_path):
    shutil.copytree(V1 / "results", tmp_path / "results")
    store = ResultStore(tmp_path)
    old = store.read("100008")
    assert store.finished("100008", old.submission_sha256, old.grader_version) == old
    assert store.finished("100008", "another notebook", old.grader_version) is None
    assert store.finished("100008", old.submission_sha256, "other graders") is None
    assert store.finished("100003", "", old.grader_version) is None, "a missing student was never graded"
