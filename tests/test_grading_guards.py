"""Guards over every assignment, so that the next one cannot regress on fairness (see ASSIGNMENT_CONTRACT.md).

- **One mistake, one penalty**: a student whose function F raises loses points on F's problem only; every
  other problem is graded with a correct F standing in (unless the catalogue says it ``own``s F).
- **Ignored parameters**: for every parameter of every graded function and method, the reference with the
  caller's value replaced (by the parameter's default, or by the first value it was called with, as a
  hard-coded constant would be) loses points; exceptions are listed with the reason.
- **A batch of one**: every parameter the catalogue lists in ``batch`` is given m = 1 by some grader test.
- **Spec to tests**: every bullet of every Spec block carries a stable id (``<!-- spec: <problem>.<clause> -->``),
  every grader test names the bullets it checks (``@pytest.mark.spec``), and every bullet is named by a test.

All of it runs the hidden graders in this process, through the wire format, as ``tests/grader_proof.py`` does.
"""
from __future__ import annotations

import inspect
import re
import textwrap

import nbformat
import pytest

from autograder import catalogue
from autograder.grading import one, prepared
from autograder.results import ProblemResult
from autograder.grading.student_proxy import StudentProxy
from autograder.grading.transports import LocalTransport
from autograder.sandbox.student_side import Session
from grader_proof import report

ASSIGNMENTS = {a: catalogue.load(a) for a in catalogue.all_ids()}
SPEC_ID = re.compile(r"<!--\s*spec:\s*([A-Za-z_][A-Za-z0-9_]*\.[A-Za-z0-9_]+)\s*-->")

# (assignment, function or Class.method, parameter) -> why ignoring it cannot cost points.
IGNORED_PARAMETER_EXCEPTIONS: dict[tuple[str, str, str], str] = {}


def grade(assignment: catalogue.Assignment, source: str, problem: str) -> tuple[ProblemResult, dict]:
    """The problem's result for a student whose notebook is ``source``, and the student's namespace after."""
    session = Session()
    loaded = session.load([source])
    assert not loaded["errors"], loaded["errors"]
    reference = assignment.reference()
    result = one.run_problem(problem, assignment.problem(problem).points,
                                prepared.collect(assignment.grader_module()),
                                {"student": StudentProxy(LocalTransport(session)), "reference": reference},
                                assignment.stand_ins(problem, reference))
    return result, session.namespace


def reference_source(assignment: catalogue.Assignment) -> str:
    return assignment.solution.read_text(encoding="utf-8")


def is_class(assignment: catalogue.Assignment, name: str) -> bool:
    return inspect.isclass(getattr(assignment.reference(), name))


# ================================================================ one mistake, one penalty

BROKEN = [(a, p.id) for a, assignment in ASSIGNMENTS.items() for p in assignment.problems
          if not is_class(assignment, p.id)]


@pytest.mark.parametrize("assignment_id, broken", BROKEN, ids=[f"{a}-{p}" for a, p in BROKEN])
def test_a_broken_function_costs_only_its_own_problem(assignment_id, broken):
    assignment = ASSIGNMENTS[assignment_id]
    source = reference_source(assignment) + textwrap.dedent(f"""

        def {broken}(*args, **kwargs):
            raise ValueError("broken on purpose")
        """)
    own, lost = broken, []
    for problem in assignment.problems:
        result, _ = grade(assignment, source, problem.id)
        if problem.id == own:
            assert result.score < result.max_score, report(result)
        elif broken not in problem.own and result.score < result.max_score:
            lost.append(f"{problem.id}:\n{report(result)}")
    assert not lost, f"a broken `{broken}` also cost points in:\n" + "\n".join(lost)


BROKEN_CLASSES = [(a, p.id) for a, assignment in ASSIGNMENTS.items() for p in assignment.problems
                  if is_class(assignment, p.id)]


@pytest.mark.parametrize("assignment_id, broken", BROKEN_CLASSES, ids=[f"{a}-{p}" for a, p in BROKEN_CLASSES])
def test_a_broken_class_costs_only_its_own_problem(assignment_id, broken):
    """A class cannot be stood in for by values: problems that need one are graded with a known-good object
    (the catalogue's ``known_good``) or own it; a student's broken class costs nothing elsewhere."""
    assignment = ASSIGNMENTS[assignment_id]
    source = reference_source(assignment) + textwrap.dedent(f"""

        class {broken}({broken}):
            def __init__(self, *args, **kwargs):
                raise ValueError("broken on purpose")
        """)
    for problem in assignment.problems:
        assert set(problem.known_good) <= {p.id for p in assignment.problems if is_class(assignment, p.id)}
        if problem.id == broken or broken in problem.own:
            continue
        result, _ = grade(assignment, source, problem.id)
        assert result.score == result.max_score, f"a broken `{broken}` also cost points in {problem.id}:\n" + \
            report(result)


def test_the_feedback_names_the_stand_in_of_a_broken_function():
    """01: a broken sigmoid; sigmoid_derivative is graded with a correct one, and its feedback says so."""
    from autograder.reports.feedback import feedback_markdown, problem_text
    from autograder.results import Result
    assignment = ASSIGNMENTS["01_sigmoid"]
    source = reference_source(assignment) + "\ndef sigmoid(z):\n    return 0.5 + 0 * np.asarray(z, dtype=float)\n"
    results = {p.id: grade(assignment, source, p.id)[0] for p in assignment.problems}
    assert results["sigmoid"].score == 0 and results["sigmoid_derivative"].score == 2
    assert results["sigmoid_derivative"].stand_ins == ["sigmoid"]
    assert "correct `sigmoid` standing in for yours" in problem_text("sigmoid_derivative", results["sigmoid_derivative"])
    whole = Result("s", assignment.id, 11, 11, 13, "graded", "", results)
    markdown = feedback_markdown(assignment, whole)
    derivative = markdown.split("`sigmoid_derivative`")[1].split("###")[0]
    assert "correct `sigmoid` standing in for yours" in derivative and "its own problem says what is wrong" in derivative
    log_odds = markdown.split("`log_odds`")[1].split("###")[0]
    assert "standing in" not in log_odds  # log_odds calls no other graded function


def test_a_stand_in_kept_by_student_code_answers_no_more():
    """Code that keeps the stand-in (while another problem is graded) to call from its own sigmoid gets an error."""
    assignment = ASSIGNMENTS["01_sigmoid"]
    source = reference_source(assignment) + textwrap.dedent("""

        _kept = []
        _correct_sigmoid = sigmoid
        def predict_proba(X, w, b):
            _kept.append(sigmoid)  # the stand-in, while predict_proba is graded
            return sigmoid(np.asarray(X, dtype=np.float64) @ np.asarray(w, dtype=np.float64) + b)
        def sigmoid(z):
            return _kept[-1](z) if _kept else _correct_sigmoid(z)
        """)
    session = Session()
    assert not session.load([source])["errors"]
    student, reference = StudentProxy(LocalTransport(session)), assignment.reference()
    tests = prepared.collect(assignment.grader_module())
    fixtures = {"student": student, "reference": reference}
    first = one.run_problem("predict_proba", 2, tests, fixtures, assignment.stand_ins("predict_proba", reference))
    assert first.score == 2 and session.namespace["_kept"], report(first)
    later = one.run_problem("sigmoid", 3, tests, fixtures, assignment.stand_ins("sigmoid", reference))
    assert later.score == 0, report(later)
    assert "answered only while another function was graded" in later.tests[0].message, report(later)


def test_a_function_handed_to_student_code_is_a_stub_whose_count_the_grader_keeps():
    """03: the student's code gets a plain stub (no counter to reset, nothing of the function inside it)."""
    assignment = ASSIGNMENTS["03_gradients"]
    source = reference_source(assignment) + textwrap.dedent("""

        _reference_numerical_gradient = numerical_gradient
        _seen = []
        def numerical_gradient(f, x, h=1e-5):
            _seen.append(sorted(type(c.cell_contents).__name__ for c in f.__closure__ or ()))
            f.calls = 0  # an attempt to hide extra calls
            for _ in range(3):
                f(x)
            return _reference_numerical_gradient(f, x, h)
        """)
    result, namespace = grade(assignment, source, "numerical_gradient")
    counted = [t for t in result.tests if t.mistake == "numerical_gradient.call_count"]
    assert counted and not counted[0].passed, report(result)
    assert namespace["_seen"] and all(set(kinds) <= {"Session", "str", "int", "function"}
                                      for kinds in namespace["_seen"]), namespace["_seen"]


def test_nothing_in_the_sandbox_package_computes_a_graded_function():
    """The sandbox builds only an Axes and the known-good torch model; the function families live here."""
    import autograder.sandbox.objects as objects
    assert set(objects.RECIPES) == {"axes", "logistic_model"}
    assert not (catalogue.ROOT / "autograder" / "sandbox" / "families.py").exists()


# ================================================================ ignored parameters

IGNORING = '''
import inspect as _inspect


def _ignoring(function, parameter):
    """``function`` with ``parameter`` replaced by its default, or by the first value it was called with."""
    signature = _inspect.signature(function)
    default = signature.parameters[parameter].default
    frozen = []

    def variant(*args, **kwargs):
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        if default is not _inspect.Parameter.empty:
            bound.arguments[parameter] = default
        else:
            if not frozen:
                frozen.append(bound.arguments[parameter])
            bound.arguments[parameter] = frozen[0]
        return function(*bound.args, **bound.kwargs)
    return variant
'''


def _parameters() -> list[tuple[str, str, str, str]]:
    """(assignment, problem, function or Class.method, parameter) for every parameter of every graded name."""
    found = []
    for assignment_id, assignment in ASSIGNMENTS.items():
        reference = assignment.reference()
        for problem in assignment.problems:
            target = getattr(reference, problem.id)
            if inspect.isclass(target):
                methods = [(f"{problem.id}.{name}", value) for name, value in vars(target).items()
                           if inspect.isfunction(value) and (name == "__init__" or not name.startswith("_"))]
            else:
                methods = [(problem.id, target)]
            for label, function in methods:
                for parameter in list(inspect.signature(function).parameters)[1 if "." in label else 0:]:
                    found.append((assignment_id, problem.id, label, parameter))
    return found


PARAMETERS = _parameters()


@pytest.mark.parametrize("assignment_id, problem, label, parameter", PARAMETERS,
                         ids=[f"{a}-{label}-{p}" for a, _, label, p in PARAMETERS])
def test_ignoring_a_parameter_loses_points(assignment_id, problem, label, parameter):
    reason = IGNORED_PARAMETER_EXCEPTIONS.get((assignment_id, label, parameter))
    if reason:
        pytest.skip(reason)
    assignment = ASSIGNMENTS[assignment_id]
    if "." in label:
        cls, method = label.split(".")
        replaced = (f"\n_original = {cls}.{method}\nclass {cls}({cls}):\n    pass\n"
                    f"{cls}.{method} = _ignoring(_original, {parameter!r})\n")
    else:
        replaced = f"\n{label} = _ignoring({label}, {parameter!r})\n"
    result, _ = grade(assignment, reference_source(assignment) + IGNORING + replaced, problem)
    assert result.score < result.max_score, (
        f"{label} ignoring its parameter `{parameter}` (using its default or its first value) still gets full "
        f"marks:\n{report(result)}")


# ================================================================ a batch of one

SPYING = '''
import inspect as _inspect
_lengths = []


def _spying(function, parameters):
    """``function``, recording the length of axis 0 of each batch parameter it is called with."""
    signature = _inspect.signature(function)

    def spy(*args, **kwargs):
        bound = signature.bind(*args, **kwargs)
        for name in parameters:
            value = bound.arguments.get(name)
            shape = getattr(value, "shape", None)
            if shape is not None and len(shape):
                _lengths.append((name, int(shape[0])))
            elif isinstance(value, (list, tuple)):
                _lengths.append((name, len(value)))
        return function(*args, **kwargs)
    return spy
'''

BATCHES = [(a, p.id, p.batch) for a, assignment in ASSIGNMENTS.items() for p in assignment.problems if p.batch]


def test_batch_functions_are_declared():
    """Functions taking examples row by row say so in the catalogue (the guard below needs it)."""
    declared = {(a, p) for a, p, _ in BATCHES}
    for assignment_id, assignment in ASSIGNMENTS.items():
        reference = assignment.reference()
        for problem in assignment.problems:
            target = getattr(reference, problem.id)
            names = set(inspect.signature(target).parameters) if not inspect.isclass(target) else set()
            if names & {"X", "y_pred", "y_true", "labels", "logits", "probs", "y_onehot"}:
                assert (assignment_id, problem.id) in declared, f"{assignment_id}.{problem.id} takes a batch"


@pytest.mark.parametrize("assignment_id, problem, batch", BATCHES, ids=[f"{a}-{p}" for a, p, _ in BATCHES])
def test_every_batch_parameter_is_graded_with_one_example(assignment_id, problem, batch):
    assignment = ASSIGNMENTS[assignment_id]
    by_target: dict[str, list[str]] = {}
    for entry in batch:  # "param" of a function, "method.param" of a class
        method, _, name = entry.rpartition(".")
        by_target.setdefault(f"{problem}.{method}" if method else problem, []).append(name)
    wrap = ""
    for target, names in by_target.items():
        if "." in target:
            cls, method = target.split(".")
            wrap += (f"\n_original = {cls}.{method}\nclass {cls}({cls}):\n    pass\n"
                     f"{cls}.{method} = _spying(_original, {names!r})\n")
        else:
            wrap += f"\n{target} = _spying({target}, {names!r})\n"
    _, namespace = grade(assignment, reference_source(assignment) + SPYING + wrap, problem)
    lengths = namespace["_lengths"]
    for entry in batch:
        name = entry.rpartition(".")[2]
        assert (name, 1) in lengths, f"no grader test of {problem} gives `{name}` a single example (m = 1)"


# ================================================================ spec to tests

def spec_bullets(assignment: catalogue.Assignment) -> list[tuple[str, str]]:
    """(bullet text, spec id or "") of every bullet of every Spec block in the source notebook."""
    notebook = nbformat.read(assignment.source_notebook, as_version=4)
    found: list[tuple[str, str]] = []
    for cell in notebook.cells:
        if cell.cell_type != "markdown" or "### Spec" not in cell.source:
            continue
        block = re.split(r"\n#{1,3} ", cell.source.split("### Spec", 1)[1])[0]
        bullets, current = [], None
        for line in block.splitlines():
            if line.startswith("- "):
                current = [line]
                bullets.append(current)
            elif current is not None and line.startswith((" ", "\t")) and line.strip():
                current.append(line)
            else:
                current = None
        found += [("\n".join(b), (SPEC_ID.findall("\n".join(b)) or [""])[0]) for b in bullets]
    return found


def test_spec_marker_is_registered():
    from autograder.graders import conftest  # noqa: F401 - the graders' pytest plugin loads
    text = (catalogue.ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"spec(*ids)' in text


@pytest.mark.parametrize("assignment_id", list(ASSIGNMENTS))
def test_every_spec_bullet_has_an_id_and_a_test_and_every_test_a_bullet(assignment_id):
    assignment = ASSIGNMENTS[assignment_id]
    bullets = spec_bullets(assignment)
    unnamed = [text for text, spec_id in bullets if not spec_id]
    assert not unnamed, "Spec bullets without <!-- spec: id -->:\n" + "\n".join(unnamed)
    ids = {spec_id: spec_id.split(".")[0] for _, spec_id in bullets}
    assert len(ids) == len(bullets), "spec ids are unique"
    problems = {p.id for p in assignment.problems}
    assert set(ids.values()) <= problems, f"spec ids of no problem: {sorted(set(ids.values()) - problems)}"
    assert set(ids.values()) == problems, f"problems without Spec bullets: {sorted(problems - set(ids.values()))}"
    named: set[str] = set()
    for test in prepared.collect(assignment.grader_module()):
        marks = [m for m in getattr(test.function, "pytestmark", []) if m.name == "spec"]
        claimed = [spec_id for m in marks for spec_id in m.args]
        assert claimed, f"{test.name} names no Spec bullet (@spec(\"{test.problem}.<clause>\"))"
        for spec_id in claimed:
            assert ids.get(spec_id) == test.problem, f"{test.name} names {spec_id}, not a bullet of {test.problem}"
        named |= set(claimed)
    unchecked = sorted(set(ids) - named)
    assert not unchecked, f"Spec bullets that no grader test checks: {unchecked}"


# ================================================================ values that cannot come back

OBJECTIFY = '''
def _objectify(value):
    """The same numbers as an object array (np.vectorize without otypes, np.frompyfunc)."""
    if isinstance(value, (tuple, list)):
        return type(value)(_objectify(v) for v in value)
    if isinstance(value, (float, int, np.ndarray, np.generic)) and not isinstance(value, bool):
        return np.array(value, dtype=object)
    return value
'''
INTERNAL_NAMES = ("UnsendableValue", "WireError", "Handle", "ObjectProxy", "wire.", "proxy", "Traceback")
NUMERIC = [(a, p) for a, p in BROKEN  # numpy values: not an assignment in torch, not a plot
           if "torch" not in ASSIGNMENTS[a].sandbox_imports and (a, p) != ("01_sigmoid", "plot_sigmoid")]


@pytest.mark.parametrize("assignment_id, problem", NUMERIC, ids=[f"{a}-{p}" for a, p in NUMERIC])
def test_an_object_array_is_told_what_it_returned_never_our_internals(assignment_id, problem):
    assignment = ASSIGNMENTS[assignment_id]
    source = reference_source(assignment) + OBJECTIFY + textwrap.dedent(f"""
        _reference_{problem} = {problem}
        def {problem}(*args, **kwargs):
            return _objectify(_reference_{problem}(*args, **kwargs))
        """)
    result, _ = grade(assignment, source, problem)
    failed = [t for t in result.tests if not t.passed]
    assert failed and result.score == 0, report(result)
    assert all(not any(name in t.message for name in INTERNAL_NAMES) for t in failed), report(result)
    assert any("returned" in t.message and "dtype object" in t.message and "np.vectorize" in t.message
               for t in failed), report(result)
