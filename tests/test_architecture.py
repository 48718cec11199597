"""The kit's layers hold: the import contracts of ``pyproject.toml`` are kept (and are proven to break on an
upward import and on a cycle), and one submission passes through at most six of the kit's modules."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from import_graph import Graph, submission_path

ROOT = Path(__file__).resolve().parent.parent
LINT = Path(sys.executable).with_name("lint-imports")


def lint(package_parent: Path) -> subprocess.CompletedProcess:
    """import-linter on the ``autograder`` package found in ``package_parent``, with the repository's contracts."""
    env = {**os.environ, "PYTHONPATH": str(package_parent)}
    return subprocess.run([str(LINT), "--config", str(ROOT / "pyproject.toml"), "--no-cache"], cwd=package_parent,
                          env=env, capture_output=True, text=True, timeout=120)


def test_the_kit_keeps_its_import_contracts():
    result = lint(ROOT)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "2 kept, 0 broken" in result.stdout


@pytest.mark.parametrize("module, line", [
    ("autograder/results/store.py", "from autograder.classrun import schedule  # an upward import"),
    ("autograder/grading/prepared.py", "from autograder.grading import one  # a cycle: one imports prepared"),
    ("autograder/sandbox/wire.py", "import autograder.catalogue  # the sandbox importing the kit"),
])
def test_the_contracts_break_on_a_wrong_import(tmp_path, module, line):
    shutil.copytree(ROOT / "autograder", tmp_path / "autograder", ignore=shutil.ignore_patterns("__pycache__"))
    target = tmp_path / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    result = lint(tmp_path)
    assert result.returncode == 1 and "BROKEN" in result.stdout, result.stdout[-3000:]


def test_no_module_imports_itself_round():
    graph = Graph.build()
    assert graph.cycles() == []
    assert len(graph.modules) > 40 and graph.layers() >= 5  # the counting sees the kit


@pytest.mark.slow
def test_one_submission_passes_through_at_most_six_modules():
    path = submission_path()
    assert "autograder.cli" in path and "autograder.results.store" in path, path
    assert len(path) <= 6, path
