"""Grading one submission: what stays the same for a whole class (``prepared``) and one notebook's grading in
a warm sandbox worker (``one``)."""
from autograder.grading.one import WorkerSlot, grade_file, grade_one
from autograder.grading.prepared import Grading, grader_version, scoring_files

__all__ = ["Grading", "WorkerSlot", "grade_file", "grade_one", "grader_version", "scoring_files"]
