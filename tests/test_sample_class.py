"""Every assignment of the catalogue has a sample class, built from its own mistakes file, and each mistake a
sample student hands in is one the grader proof rejects (the same list: ``MISTAKES``)."""
from __future__ import annotations

import nbformat
import pytest

from autograder import catalogue
from autograder.samples.sample_class import notebook_for, sample_students, solution_cell_problem

ASSIGNMENTS = catalogue.all_ids()
GENERIC = ["ada", "ben", "jack", "mia", "kim", "leo"]


@pytest.mark.parametrize("assignment_id", ASSIGNMENTS)
def test_each_assignment_has_a_sample_class_of_its_typical_mistakes(assignment_id):
    assignment = catalogue.load(assignment_id)
    mistakes = assignment.mistakes_module().MISTAKES
    ids = [m.id for m in mistakes]
    assert len(ids) == len(set(ids)), "a mistake id is used twice"
    problems = {p.id for p in assignment.problems}
    assert {m.problem for m in mistakes} <= problems
    students = sample_students(assignment_id)
    assert set(GENERIC) <= {s.id for s in students}
    assert len({s.id for s in students}) == len(students)
    assert len([s for s in students if s.mistakes]) >= 4
    for student in students:
        assert set(student.answers) <= problems, student.id
        for mistake_id in student.mistakes:
            (mistake,) = [m for m in mistakes if m.id == mistake_id]
            assert student.answers[mistake.problem] == mistake.cell


def test_a_student_hands_in_the_cells_of_the_mistakes_it_names():
    assignment = catalogue.load(ASSIGNMENTS[0])
    student = next(s for s in sample_students(assignment.id) if s.mistakes)
    mistakes = {m.id: m for m in assignment.mistakes_module().MISTAKES}
    cells = {solution_cell_problem(c): c.source for c in nbformat.reads(notebook_for(student, assignment), 4).cells}
    for mistake_id in student.mistakes:
        assert cells[mistakes[mistake_id].problem] == mistakes[mistake_id].cell
