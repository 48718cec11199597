"""The Gradescope bundle: what the zip holds, and run_autograder end to end in a Gradescope-like root.

Each run unpacks the bundle into ``<tmp>/source`` as Gradescope does (modes kept), copies run_autograder to
``<tmp>/run_autograder``, puts the student's files in ``<tmp>/submission`` and runs it with
``AUTOGRADER_ROOT=<tmp>`` and this virtualenv's python first on PATH (no pip install of the bundle).  Every
results.json is checked against Gradescope's format
(https://gradescope-autograders.readthedocs.io/en/latest/specs/) and parsed strictly (no NaN, no Infinity).
"""
from __future__ import annotations

import json
import math
import re
import os
import stat
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Callable

import nbformat
import pytest

from notebook_round_trip import stripped

from autograder import catalogue, cli
from autograder.gradescope import results as gs_results
from autograder.gradescope.bundle import build
from autograder.gradescope.choose import Choice, choose_notebook
from autograder.grading.prepared import Grading, grader_version
from autograder.samples.sample_class import notebook_for, sample_students

VISIBILITIES = {"hidden", "after_due_date", "after_published", "visible"}
TOP_LEVEL = {"score", "execution_time", "output", "output_format", "visibility", "stdout_visibility",
             "extra_data", "tests", "leaderboard"}
TEST_KEYS = {"score", "max_score", "status", "name", "name_format", "number", "output", "output_format", "tags",
             "visibility", "extra_data"}
OUTPUT_FORMATS = {"text", "html", "simple_format", "md", "ansi"}
SIGMOID = "01_sigmoid"


# ------------------------------------------------------------ helpers

def _refuse(constant: str) -> None:
    raise ValueError(f"results.json holds {constant}, which JSON (and Gradescope) does not allow")


def _number(x: object) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


def validate(text: str) -> dict:
    """Parse results.json strictly and check it against Gradescope's format; returns it."""
    results = json.loads(text, parse_constant=_refuse)
    assert isinstance(results, dict) and set(results) <= TOP_LEVEL, set(results) - TOP_LEVEL
    assert isinstance(results["tests"], list)
    assert _number(results["score"]) and results["score"] >= 0
    assert _number(results["execution_time"]) and results["execution_time"] >= 0
    assert isinstance(results["output"], str) and results["output"].strip()
    assert results.get("output_format", "text") in OUTPUT_FORMATS
    for key in ("visibility", "stdout_visibility"):
        assert results.get(key, "visible") in VISIBILITIES
    assert isinstance(results.get("extra_data", {}), dict)
    numbers = []
    for test in results["tests"]:
        assert set(test) <= TEST_KEYS, set(test) - TEST_KEYS
        assert _number(test["score"]) and _number(test["max_score"]) and 0 <= test["score"] <= test["max_score"]
        assert isinstance(test["name"], str) and test["name"]
        assert isinstance(test["output"], str) and test["output"].strip()
        assert test["status"] in {"passed", "failed"}
        assert isinstance(test["number"], str)
        assert test["visibility"] in VISIBILITIES
        assert isinstance(test.get("tags", []), list) and all(isinstance(t, str) for t in test.get("tags", []))
        numbers.append(test["number"])
    assert len(numbers) == len(set(numbers)), "test numbers repeat"
    assert results["score"] == pytest.approx(sum(t["score"] for t in results["tests"]))
    return results


def unpack(bundle: Path, root: Path) -> None:
    """What Gradescope does with the zip: unpack it into root/source (modes kept), copy run_autograder up."""
    source = root / "source"
    with zipfile.ZipFile(bundle) as archive:
        for info in archive.infolist():
            archive.extract(info, source)
            os.chmod(source / info.filename, (info.external_attr >> 16) & 0o777)
    (root / "run_autograder").write_bytes((source / "run_autograder").read_bytes())
    os.chmod(root / "run_autograder", (source / "run_autograder").stat().st_mode)
    (root / "submission").mkdir()
    (root / "results").mkdir()


def lay_out(bundle: Path, root: Path, files: dict[str, str]) -> None:
    """A Gradescope-like root with the bundle unpacked and these files handed in."""
    unpack(bundle, root)
    for name, text in files.items():
        (root / "submission" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "submission" / name).write_text(text, encoding="utf-8")


def start(root: Path, path_first: Path | None = None) -> tuple[subprocess.Popen, Path]:
    """run_autograder, as Gradescope runs it, with this virtualenv's python3 first on PATH."""
    path = os.pathsep.join(str(p) for p in (path_first, Path(sys.executable).parent) if p) + os.pathsep + \
        os.environ.get("PATH", "")
    env = {**os.environ, "AUTOGRADER_ROOT": str(root), "PATH": path}
    env.pop("PYTHONPATH", None)
    return subprocess.Popen([str(root / "run_autograder")], cwd=root, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True), root


def finish(process: subprocess.Popen, root: Path) -> dict:
    """Wait for the run; its results.json, validated."""
    _, stderr = process.communicate(timeout=180)
    assert process.returncode == 0, stderr[-2000:]
    assert not list((root / "source").rglob("__pycache__")), "the run wrote bytecode into the bundle"
    return validate((root / "results" / "results.json").read_text(encoding="utf-8"))


def grade(bundle: Path, root: Path, files: dict[str, str]) -> dict:
    lay_out(bundle, root, files)
    return finish(*start(root))


def student_notebook(student_id: str, lang: str = "en") -> str:
    assignment = catalogue.load(SIGMOID)
    return notebook_for({s.id: s for s in sample_students(SIGMOID)}[student_id], assignment, lang)


@pytest.fixture(scope="module")
def sigmoid() -> catalogue.Assignment:
    return catalogue.load(SIGMOID)


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(SIGMOID, tmp_path_factory.mktemp("bundle") / "01_sigmoid.zip", "after_published").path


@pytest.fixture(scope="module")
def visible_bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(SIGMOID, tmp_path_factory.mktemp("bundle") / "visible.zip", "visible").path


# ------------------------------------------------------------ the zip

def _members(bundle: Path) -> dict[str, zipfile.ZipInfo]:
    with zipfile.ZipFile(bundle) as archive:
        return {info.filename: info for info in archive.infolist()}


def test_bundle_holds_the_scripts_and_only_this_assignments_grading_files(bundle: Path) -> None:
    members = _members(bundle)
    for name in ("setup.sh", "run_autograder", "gradescope.json", "pyproject.toml", "assignments/01_sigmoid.toml",
                 "solutions/01_sigmoid.py", "autograder/graders/test_01_sigmoid.py", "autograder/classrun/schedule.py",
                 "autograder/sandbox/zygote.py", "autograder/gradescope/run.py",
                 "autograder/reports/templates/feedback.html.j2"):
        assert name in members, name
    for name in ("run_autograder", "setup.sh"):
        mode = members[name].external_attr >> 16
        assert stat.S_ISREG(mode) and mode & 0o777 == 0o755, (name, oct(mode))
    others = [a for a in catalogue.all_ids() if a != SIGMOID]
    for name in members:
        assert not any(o in name for o in others), f"{name} belongs to another assignment"
        assert "__pycache__" not in name and not name.endswith((".pyc", ".pyo")), name
        if name.startswith("autograder/"):
            assert name.endswith((".py", ".j2")), f"{name} is not part of the package (nor this language's)"
        assert not name.startswith(("tests/", "source/", "release/", "benchmarks/", ".")), name
    with zipfile.ZipFile(bundle) as archive:
        assert json.loads(archive.read("gradescope.json")) == {
            "assignment": SIGMOID, "visibility": "after_published",
            "grader_version": grader_version(catalogue.load(SIGMOID)), "lang": "en"}
        setup = archive.read("setup.sh").decode()
        run = archive.read("run_autograder").decode()
    assert '"torch==2.13.0" --index-url' in setup and "https://download.pytorch.org/whl/cpu" in setup
    assert "AUTOGRADER_ROOT" in run and "-m autograder.gradescope.run" in run
    for script in (setup, run):
        assert script.startswith("#!/usr/bin/env bash\n")
        assert subprocess.run(["bash", "-n"], input=script, text=True).returncode == 0


def test_torch_bundle_ships_its_data_files_and_nothing_of_the_others(tmp_path: Path) -> None:
    assignment = catalogue.load("05_torch_logreg")
    members = _members(build(assignment.id, tmp_path / "05.zip", "hidden").path)
    assert {"source/05_torch_logreg/data/credit_train.csv", "source/05_torch_logreg/data/credit_test.csv",
            "solutions/05_torch_logreg.py", "autograder/graders/test_05_torch_logreg.py",
            "autograder/graders/datasets.py", "assignments/05_torch_logreg.toml"} <= set(members)
    assert [f"source/05_torch_logreg/{p.as_posix()}" for p in assignment.data_files] == \
        sorted(n for n in members if n.startswith("source/"))
    assert sorted(n for n in members if n.startswith(("solutions/", "assignments/", "autograder/graders/test_"))) == \
        ["assignments/05_torch_logreg.toml", "autograder/graders/test_05_torch_logreg.py",
         "solutions/05_torch_logreg.py"]


def test_the_same_files_give_the_same_zip(bundle: Path, tmp_path: Path) -> None:
    assert build(SIGMOID, tmp_path / "again.zip", "after_published").path.read_bytes() == bundle.read_bytes()


def test_cli_writes_the_bundle_with_its_visibility_and_refuses_what_it_cannot_build(
        tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert cli.main(["gradescope", SIGMOID, "--to", str(tmp_path / "gs.zip"), "--visibility", "after_due_date"]) == 0
    with zipfile.ZipFile(tmp_path / "gs.zip") as archive:
        assert json.loads(archive.read("gradescope.json"))["visibility"] == "after_due_date"
    assert cli.main(["gradescope", "99_nothing", "--to", str(tmp_path / "no.zip")]) == 1
    assert "unknown assignment '99_nothing'" in capsys.readouterr().err
    assert not (tmp_path / "no.zip").exists()
    with pytest.raises(SystemExit) as exit_:
        cli.main(["gradescope", SIGMOID, "--to", str(tmp_path / "x.zip"), "--visibility", "students"])
    assert exit_.value.code == 2


# ------------------------------------------------------------ runs that start the sandbox

def crashing_notebook() -> str:
    notebook = nbformat.reads(student_notebook("ada"), as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell("import os\nos._exit(1)"))
    return nbformat.writes(notebook)


def thief_notebook(solution: Path) -> str:
    """The blank release, plus a last cell that takes the reference solution from the bundle, if it can."""
    notebook = nbformat.reads(student_notebook("ben"), as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell(
        f"try:\n    exec(open({str(solution)!r}).read())\nexcept OSError as err:\n    STOLEN = repr(err)"))
    return nbformat.writes(notebook)


@pytest.fixture(scope="module")
def korean_bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(SIGMOID, tmp_path_factory.mktemp("ko-bundle") / "01_sigmoid.zip", "visible", "ko").path


def test_a_korean_course_s_bundle_carries_its_language_and_its_templates(korean_bundle: Path) -> None:
    members = _members(korean_bundle)
    assert {"autograder/messages/ko/checks.toml", "autograder/messages/ko/gradescope.toml",
            "assignments/ko/01_sigmoid.toml"} <= set(members)
    assert not any(name.startswith("assignments/ko/") and SIGMOID not in name for name in members)
    with zipfile.ZipFile(korean_bundle) as archive:
        assert json.loads(archive.read("gradescope.json"))["lang"] == "ko"


@pytest.fixture(scope="module")
def sandboxed(bundle: Path, visible_bundle: Path, korean_bundle: Path,
              tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The runs that start a sandbox, all started at once: each pays about 3 s for its fork server to import
    torch, and the tests below wait only for their own."""
    base = tmp_path_factory.mktemp("sandboxed")
    fake = base / "fake-bin"  # as in Docker without user namespaces: bwrap is installed but cannot start
    fake.mkdir()
    (fake / "bwrap").write_text("#!/bin/sh\necho 'bwrap: No permissions to create new namespace' >&2\nexit 1\n")
    (fake / "bwrap").chmod(0o755)
    runs = {"reference": (bundle, {"01_sigmoid.ipynb": student_notebook("ada")}, None),
            "blank": (visible_bundle, {"homework/my notebook.ipynb": student_notebook("ben")}, None),
            "crash": (bundle, {"01_sigmoid.ipynb": crashing_notebook()}, None),
            "colab": (bundle, {"01_sigmoid.ipynb": stripped(student_notebook("ada"))}, None),
            "korean": (korean_bundle, {"01_sigmoid.ipynb": student_notebook("chloe", "ko")}, None),
            "no_bwrap": (bundle, {"01_sigmoid.ipynb": student_notebook("ada")}, fake),
            "thief": (bundle, {"01_sigmoid.ipynb": thief_notebook(base / "thief" / "source" / "solutions" /
                                                                  "01_sigmoid.py")}, fake)}
    started = {}
    for name, (zip_path, files, path_first) in runs.items():
        lay_out(zip_path, base / name, files)
        started[name] = start(base / name, path_first)
    yield started
    for process, _ in started.values():
        if process.poll() is None:
            process.kill()
            process.communicate()


@pytest.mark.slow
def test_reference_notebook_gets_every_point(sandboxed: dict, sigmoid: catalogue.Assignment) -> None:
    results = finish(*sandboxed["reference"])
    assert results["score"] == sigmoid.max_score
    assert all(t["status"] == "passed" and t["score"] == t["max_score"] and t["output"] == "Passed."
               for t in results["tests"])
    assert sum(t["max_score"] for t in results["tests"]) == sigmoid.max_score
    assert len(results["tests"]) == len(Grading.prepare(sigmoid).tests)
    assert results["tests"][0]["number"] == "1.1" and results["tests"][0]["name"].startswith("sigmoid: ")
    assert {t["visibility"] for t in results["tests"]} == {"after_published"}
    assert f"/ {sigmoid.max_score:g} points" not in results["output"]  # the tests are hidden: so is the total
    assert "publishes the grades" in results["output"]
    assert "Graded: 01_sigmoid.ipynb." in results["output"]
    assert results["extra_data"]["status"] == "graded"


@pytest.mark.slow
def test_a_notebook_whose_metadata_colab_dropped_grades_the_same(sandboxed: dict) -> None:
    colab, reference = finish(*sandboxed["colab"]), finish(*sandboxed["reference"])
    assert colab["score"] == reference["score"] and colab["tests"] == reference["tests"]
    assert colab["extra_data"]["status"] == "graded"


@pytest.mark.slow
def test_a_korean_course_s_students_read_their_results_in_korean(sandboxed: dict,
                                                                 sigmoid: catalogue.Assignment) -> None:
    results = finish(*sandboxed["korean"])
    assert 0 < results["score"] < sigmoid.max_score
    failed = [t for t in results["tests"] if t["status"] == "failed"]
    assert failed and all(re.search("[가-힣]", t["output"]) for t in failed), failed[:1]
    assert all(re.search("[가-힣]", t["name"]) for t in results["tests"])
    assert re.search("[가-힣]", results["output"]) and "points" not in results["output"]


@pytest.mark.slow
def test_blank_notebook_scores_zero_with_a_reason_per_test(sandboxed: dict, sigmoid: catalogue.Assignment) -> None:
    results = finish(*sandboxed["blank"])
    assert results["score"] == 0
    assert all(t["status"] == "failed" and t["score"] == 0 for t in results["tests"])
    assert sum(t["max_score"] for t in results["tests"]) == sigmoid.max_score
    assert all("NotImplementedError" in t["output"] or "not implemented" in t["output"].lower()
               for t in results["tests"]), {t["output"] for t in results["tests"]}
    assert {t["visibility"] for t in results["tests"]} == {"visible"}
    assert f"0 / {sigmoid.max_score:g} points" in results["output"]
    assert "Graded: homework/my notebook.ipynb." in results["output"]


@pytest.mark.slow
def test_a_notebook_that_kills_its_process_scores_zero_and_says_why(sandboxed: dict) -> None:
    results = finish(*sandboxed["crash"])
    assert results["score"] == 0 and results["tests"]
    assert results["extra_data"]["status"] == "crashed"
    assert "crashed" in results["output"]
    assert all("crashed" in t["output"] for t in results["tests"])


@pytest.mark.slow
def test_bubblewrap_that_cannot_start_falls_back_and_says_so(sandboxed: dict, sigmoid: catalogue.Assignment) -> None:
    """As in Gradescope's Docker container: bwrap is installed but may not create namespaces."""
    results = finish(*sandboxed["no_bwrap"])
    assert results["score"] == sigmoid.max_score
    assert "bubblewrap is installed but could not start" in results["output"]
    assert "No permissions to create new namespace" in results["output"]
    assert results["extra_data"]["reduced_sandbox"] is True


@pytest.mark.slow
def test_without_bubblewrap_student_code_cannot_read_the_bundle(sandboxed: dict) -> None:
    """Gradescope runs as root: in the reduced sandbox the child drops to a sandbox uid, so the reference solution in
    /autograder/source (here the run's own source/) cannot be read and exec'd into full marks."""
    process, root = sandboxed["thief"]
    solution = root / "source" / "solutions" / "01_sigmoid.py"
    results = finish(process, root)
    if os.getuid() != 0:
        pytest.skip("only root can run student code as another user")
    taken: dict = {}
    exec(solution.read_text(encoding="utf-8"), taken)  # the theft works wherever the file can be read
    assert taken["sigmoid"](0.0) == 0.5
    assert results["score"] == 0, "the student's code read the reference solution"
    assert "as the unprivileged uid " in results["output"]
    assert stat.S_IMODE((root / "source").stat().st_mode) == 0o700


# ------------------------------------------------------------ runs that grade nothing

def test_a_submission_without_a_notebook_scores_zero_and_names_what_came(bundle: Path, sigmoid: catalogue.Assignment,
                                                                         tmp_path: Path) -> None:
    results = grade(bundle, tmp_path, {"answers.py": "def sigmoid(z):\n    return 0.5\n"})
    assert results["score"] == 0 and len(results["tests"]) == len(Grading.prepare(sigmoid).tests)
    assert sum(t["max_score"] for t in results["tests"]) == sigmoid.max_score
    assert "No notebook (.ipynb)" in results["output"] and "answers.py" in results["output"]
    assert results["extra_data"]["status"] == "no_notebook"


def test_an_empty_submission_scores_zero(bundle: Path, tmp_path: Path) -> None:
    results = grade(bundle, tmp_path, {})
    assert results["score"] == 0 and results["tests"]
    assert "it is empty" in results["output"]


def test_a_file_that_is_no_notebook_scores_zero(bundle: Path, tmp_path: Path) -> None:
    results = grade(bundle, tmp_path, {"01_sigmoid.ipynb": student_notebook("kim")})  # JSON cut short
    assert results["score"] == 0 and results["extra_data"]["status"] == "invalid_notebook"
    assert "invalid_notebook" in results["output"]


def test_our_own_failure_still_writes_a_valid_results_json(bundle: Path, tmp_path: Path) -> None:
    root = tmp_path / "broken"
    results = _grade_broken(bundle, root, lambda: (root / "source" / "gradescope.json").unlink())
    assert results["score"] == 0 and results["tests"] == []
    assert "The autograder itself failed" in results["output"] and "FileNotFoundError" in results["output"]


def test_a_python_that_cannot_start_still_leaves_a_results_json(bundle: Path, tmp_path: Path) -> None:
    def broken_python() -> None:
        (tmp_path / "venv" / "bin").mkdir(parents=True)
        (tmp_path / "venv" / "bin" / "python").write_text("#!/bin/sh\nexit 3\n")
        (tmp_path / "venv" / "bin" / "python").chmod(0o755)
    results = _grade_broken(bundle, tmp_path, broken_python)
    assert results["score"] == 0 and results["tests"] == [] and "exit status 3" in results["output"]


def _grade_broken(bundle: Path, root: Path, breakage: Callable[[], None]) -> dict:
    lay_out(bundle, root, {"01_sigmoid.ipynb": student_notebook("ada")})
    breakage()
    return finish(*start(root))


# ------------------------------------------------------------ the pieces

def test_several_notebooks_grade_the_one_named_like_the_assignment_else_the_newest(tmp_path: Path) -> None:
    names = ["과제 1.ipynb", 'Kim, "Min-ji".ipynb', "old/01_sigmoid.ipynb"]
    for i, name in enumerate(names):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("{}")
        os.utime(tmp_path / name, (1_000_000 + i, 1_000_000 - i))  # the named one is the oldest
    (tmp_path / ".ipynb_checkpoints").mkdir()
    (tmp_path / ".ipynb_checkpoints" / "01_sigmoid-checkpoint.ipynb").write_text("{}")
    choice = choose_notebook(tmp_path, "01_sigmoid.ipynb")
    assert choice.notebook == tmp_path / "old" / "01_sigmoid.ipynb"
    assert "3 notebooks" in choice.note and "the one named 01_sigmoid.ipynb" in choice.note
    assert "과제 1.ipynb" in choice.note and 'Kim, "Min-ji".ipynb' in choice.note
    (tmp_path / "old" / "01_sigmoid.ipynb").unlink()
    choice = choose_notebook(tmp_path, "01_sigmoid.ipynb")
    assert choice.notebook == tmp_path / "과제 1.ipynb" and "most recently modified" in choice.note
    (tmp_path / 'Kim, "Min-ji".ipynb').unlink()
    assert choose_notebook(tmp_path, "01_sigmoid.ipynb") == Choice(tmp_path / "과제 1.ipynb", "")


def test_non_finite_points_never_reach_results_json(sigmoid: catalogue.Assignment) -> None:
    result = Grading.prepare(sigmoid).not_graded("graded", "")
    first = result.problems["sigmoid"].tests[0]
    first.passed, first.points, first.max_points = True, float("nan"), float("inf")
    first.message = 'a "quoted", 한글 message'
    results = gs_results.results_json(sigmoid, result, "visible", float("nan"))
    text = gs_results.dumps(results)
    parsed = validate(text)
    assert parsed["tests"][0]["score"] == 0.0 and parsed["tests"][0]["max_score"] == 0.0
    assert parsed["execution_time"] == 0.0
    with pytest.raises(ValueError):
        gs_results.dumps({"score": float("nan")})
