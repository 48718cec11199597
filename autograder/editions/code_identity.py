"""Two code cells are the same program when they differ only in strings and comments.

A translation may reword every docstring, message and comment, split or join string literals, and reorder
the placeholders of an f-string (Korean word order differs); it may not change a name, a number, an
operator, a call or what a placeholder computes, nor a string that is not prose: a name passed as a string
(``checks_for("sigmoid")``, ``over="ignore"``, ``dtype="float32"``) or data (05's CSV rows).  Prose is a
string with a letter and a space, or with a letter outside ASCII (a symbol such as ✘ is not prose).  ``program(source)`` is the AST with
every prose string emptied and every f-string reduced to the sorted list of what its placeholders compute;
two cells are the same program when their ``program``s are equal.  The nbgrader markers (``### BEGIN SOLUTION``, ...) are
comments nbgrader reads: they must stay, line for line, so they are compared too.
"""
from __future__ import annotations

import ast
import io
import re
import tokenize


def is_prose(text: str) -> bool:
    """A message or a docstring (which a translation rewrites), not a name or data (which it keeps)."""
    letters = re.findall(r"[^\W\d_]", text)
    return bool(letters) and (bool(re.search(r"\s", text)) or any(not c.isascii() for c in letters))


class _Emptied(ast.NodeTransformer):
    def visit_Constant(self, node: ast.Constant) -> ast.AST:
        return ast.Constant("<prose>") if isinstance(node.value, str) and is_prose(node.value) else node

    def visit_JoinedStr(self, node: ast.JoinedStr) -> ast.AST:
        placeholders = sorted(ast.dump(self.visit(v.value)) + str(v.conversion) +
                              (ast.dump(self.visit(v.format_spec)) if v.format_spec else "")
                              for v in node.values if isinstance(v, ast.FormattedValue))
        return ast.Tuple([ast.Constant("f-string"), *map(ast.Constant, placeholders)], ast.Load())


def program(source: str) -> str:
    """The cell's code with strings emptied and f-strings reduced to their placeholders, as text."""
    return ast.dump(_Emptied().visit(ast.parse(source)))


def markers(source: str) -> list[str]:
    """The nbgrader marker comments of a cell (``### BEGIN SOLUTION`` ...), in order."""
    return [tok.string.strip() for tok in tokenize.generate_tokens(io.StringIO(source).readline)
            if tok.type == tokenize.COMMENT and tok.string.startswith("###")]


def differences(english: str, translated: str) -> list[str]:
    """Why ``translated`` is not the same program as ``english`` (empty when it is)."""
    try:
        same = program(english) == program(translated)
    except SyntaxError as err:
        return [f"the translation is not valid Python: {err.msg} at line {err.lineno}"]
    problems = [] if same else ["the code differs (only strings and comments may change)"]
    if markers(english) != markers(translated):
        problems.append(f"the nbgrader markers differ: {markers(english)} != {markers(translated)}")
    return problems
