"""Finding submissions and reading them: student ids, nbgrader trees, broken files."""
from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from autograder import catalogue
from autograder.classrun.intake import discover
from autograder.grading.notebook_code import InvalidNotebook, code_to_run
from autograder.submission import NoSubmissions, safe_id

NB = "01_sigmoid.ipynb"


def notebook(path: Path, *cells) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nbformat.v4.new_notebook(cells=list(cells)), path)
    return path


def code(source: str, **metadata):
    return nbformat.v4.new_code_cell(source, metadata=metadata)


def test_a_notebook_a_folder_and_an_nbgrader_tree(tmp_path):
    single = notebook(tmp_path / "one" / "alice.ipynb", code("x = 1"))
    notebook(tmp_path / "lms" / "bob.ipynb", code("x = 1"))
    notebook(tmp_path / "lms" / "carol.ipynb", code("x = 1"))
    (tmp_path / "lms" / "notes.txt").write_text("not a notebook")
    notebook(tmp_path / "submitted" / "dan" / "01_sigmoid" / NB, code("x = 1"))
    notebook(tmp_path / "submitted" / "eve" / "01_sigmoid" / NB, code("x = 1"))
    notebook(tmp_path / "submitted" / "eve" / "01_sigmoid" / "scratch.ipynb", code("x = 1"))
    found = discover([single, tmp_path / "lms", tmp_path / "submitted"], "01_sigmoid", NB)
    assert [s.student_id for s in found] == ["alice", "bob", "carol", "dan", "eve"]
    assert found[3].path.parts[-3:] == ("dan", "01_sigmoid", NB)


def test_the_same_student_twice_is_kept_twice(tmp_path):
    a = notebook(tmp_path / "a" / "alice.ipynb", code("x = 1"))
    b = notebook(tmp_path / "b" / "alice.ipynb", code("x = 2"))
    assert [s.student_id for s in discover([a, b], "01_sigmoid", NB)] == ["alice", "alice-2"]


@pytest.mark.parametrize("name, expected", [("alice", "alice"), ("../../etc/passwd", "etc_passwd"),
                                            ("김민수 (2)", "김민수_2"), ("이영희", "이영희"), ("", "student"), ("a b", "a_b")])
def test_student_ids_are_safe_file_names(name, expected):
    assert safe_id(name) == expected


def test_nothing_to_grade_is_an_error(tmp_path):
    with pytest.raises(NoSubmissions):
        discover([tmp_path], "01_sigmoid", NB)
    with pytest.raises(NoSubmissions):
        discover([tmp_path / "missing"], "01_sigmoid", NB)


def test_test_cells_and_visible_checks_are_not_run(tmp_path):
    path = notebook(tmp_path / "s.ipynb",
                    code("import numpy as np"),
                    code("def f(x):\n    return x", nbgrader={"solution": True, "grade": False, "grade_id": "f_solution"}),
                    code("assert f(1) == 1", tags=["visible-check"]),
                    code("# hidden tests", nbgrader={"grade": True, "solution": False, "points": 1, "grade_id": "test_f"}),
                    nbformat.v4.new_markdown_cell("text"),
                    code("plot_everything()", tags=["demo"]),
                    code("print('mine')"))
    assert code_to_run(path) == ["import numpy as np", "def f(x):\n    return x", "print('mine')"]


def test_the_release_runs_only_its_imports_and_answers():
    cells = code_to_run(catalogue.load("01_sigmoid").release_notebook)
    assert cells and all("check_close(" not in c and "grade_problem" not in c for c in cells)


@pytest.mark.parametrize("content, phrase", [
    (b"", "empty"),
    (b'{"cells": [', "JSON is broken"),
    (b"def sigmoid(z):\n    return z\n", "not a Jupyter notebook"),
    (b'{"hello": 1}', "no list of cells"),
    (b"\xff\xfe\x00binary", "not text"),
    (b'{"cells": [{"cell_type": "code", "source": 42}], "nbformat": 4, "nbformat_minor": 5}', "cell is malformed"),
    (b'{"cells": ["print(1)"], "nbformat": 4, "nbformat_minor": 5}', "cell is malformed"),
    (b'{"nbformat": 3, "worksheets": 7}', "cannot be read"),
])
def test_broken_files_say_what_is_wrong(tmp_path, content, phrase):
    path = tmp_path / "broken.ipynb"
    path.write_bytes(content)
    with pytest.raises(InvalidNotebook, match=phrase):
        code_to_run(path)


def test_an_old_format_notebook_is_upgraded(tmp_path):
    import nbformat.v3
    old = nbformat.v3.new_notebook(worksheets=[nbformat.v3.new_worksheet(cells=[
        nbformat.v3.new_code_cell("def f(x):\n    return x"), nbformat.v3.new_text_cell("markdown", "text")])])
    path = tmp_path / "old.ipynb"
    path.write_text(nbformat.v3.writes_json(old))
    assert code_to_run(path) == ["def f(x):\n    return x"]
