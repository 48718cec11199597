"""What Colab, JupyterLab and copying cells do to a notebook on its way back to us.

Colab rewrites the notebook's metadata and drops cell metadata it does not know (nbgrader's, the tags);
JupyterLab gives copied cells new ids; a student who starts a fresh notebook and pastes cells into it keeps
only the sources.  Every variant clears the outputs, as "Clear all outputs" before submitting does.
"""
from __future__ import annotations

import itertools

import nbformat

_fresh_ids = (f"pasted-{n}" for n in itertools.count())


def stripped(text: str) -> str:
    """Every cell's metadata gone, every id new, outputs cleared; the notebook's metadata as Colab writes it."""
    nb = nbformat.reads(text, as_version=4)
    nb.metadata = nbformat.from_dict({"colab": {"provenance": []},
                                      "kernelspec": {"name": "python3", "display_name": "Python 3"},
                                      "language_info": {"name": "python"}})
    for cell in nb.cells:
        cell.metadata = nbformat.from_dict({})
        cell.id = next(_fresh_ids)
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    return nbformat.writes(nb)


def copied(text: str) -> str:
    """The cells' sources pasted one by one into a new notebook."""
    old = nbformat.reads(text, as_version=4)
    new = nbformat.v4.new_notebook()
    makers = {"code": nbformat.v4.new_code_cell, "markdown": nbformat.v4.new_markdown_cell,
              "raw": nbformat.v4.new_raw_cell}
    new.cells = [makers[cell.cell_type](cell.source) for cell in old.cells]
    return nbformat.writes(new)


ROUND_TRIPS = {"stripped": stripped, "copied": copied}
