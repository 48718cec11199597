"""The hidden test cells' bridge never writes to stderr (nbgrader scores such a cell 0), whatever the student's code
or torch writes there: Python's sys.stderr and file descriptor 2 both end up in the cell's stdout."""
from __future__ import annotations

import textwrap

from autograder import catalogue
from autograder.nbgrader_bridge import grade_problem


def test_stderr_of_every_kind_goes_to_stdout(capfd):
    namespace = {"__name__": "__main__"}
    source = catalogue.load("01_sigmoid").solution.read_text(encoding="utf-8") + textwrap.dedent('''
        import os, sys
        _sigmoid = sigmoid
        def sigmoid(z):
            os.write(2, b"written to fd 2 by C code\\n")
            print("printed to sys.stderr", file=sys.stderr)
            return _sigmoid(z)
        ''')
    exec(compile(source, "<cell 0>", "exec"), namespace)
    score = grade_problem("01_sigmoid", "sigmoid", namespace)
    out, err = capfd.readouterr()
    assert err == ""
    assert score == catalogue.load("01_sigmoid").problem("sigmoid").points
    assert "written to fd 2 by C code" in out
