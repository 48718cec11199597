"""Seeded generators of the data sets the assignments ship as CSV files.

The files in ``source/<assignment>/data/`` are what students load and what the
graders read; they are generated here, once, and committed.  A test checks
that running the generator again gives the committed bytes, so nobody edits a
data file by hand.  Regenerate with ``python -m autograder.graders.datasets``.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np

from autograder import catalogue

CREDIT_DEFAULT_DIR = catalogue.ROOT / "source" / "05_torch_logreg" / "data"
CREDIT_DEFAULT_COLUMNS = ("overdue_count", "overdue_amount", "defaulted")
CREDIT_DEFAULT_SEED = 20261201
TRAIN_SIZE, TEST_SIZE = 200, 100


def credit_default(seed: int = CREDIT_DEFAULT_SEED, size: int = TRAIN_SIZE + TEST_SIZE) -> np.ndarray:
    """Lecture 001's credit-default example: (overdue payments, overdue amount) -> defaulter or not.

    Each row is one customer: ``overdue_count``, the number of overdue payments in the last year (0-12);
    ``overdue_amount``, what is overdue, in millions of won (0 when nothing is overdue); ``defaulted``,
    1 for a defaulter.  A hidden "risk" drives both features, and the label is drawn from a logistic model
    of the two, so logistic regression fits well but not perfectly (some customers default against the odds).
    """
    rng = np.random.default_rng(seed)
    risk = rng.normal(size=size)
    count = np.minimum(rng.poisson(np.exp(0.2 + 0.7 * risk)), 12)
    amount = np.where(count > 0, rng.gamma(2.0, 0.35 * np.exp(0.4 * risk)) * np.sqrt(count), 0.0).round(2)
    logit = -3.2 + 0.55 * count + 1.1 * amount
    defaulted = (rng.random(size) < 1 / (1 + np.exp(-logit))).astype(int)
    return np.column_stack([count, amount, defaulted])


def csv_text(rows: np.ndarray) -> str:
    """The rows as CSV with a header line: counts and labels as integers, amounts with 2 decimals."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CREDIT_DEFAULT_COLUMNS)
    for count, amount, label in rows:
        writer.writerow([int(count), f"{amount:.2f}", int(label)])
    return out.getvalue()


def credit_default_files() -> dict[str, str]:
    """File name -> text of the train and test split (the first 200 customers train, the other 100 test)."""
    rows = credit_default()
    return {"credit_train.csv": csv_text(rows[:TRAIN_SIZE]), "credit_test.csv": csv_text(rows[TRAIN_SIZE:])}


def load_credit_default(split: str) -> tuple[np.ndarray, np.ndarray]:
    """``(X, y)`` of the committed ``credit_<split>.csv``: X float64 (m, 2), y float64 (m,)."""
    table = np.loadtxt(CREDIT_DEFAULT_DIR / f"credit_{split}.csv", delimiter=",", skiprows=1)
    return table[:, :2], table[:, 2]


def write_credit_default(folder: Path = CREDIT_DEFAULT_DIR) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in credit_default_files().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    for written in write_credit_default():
        print(written)
