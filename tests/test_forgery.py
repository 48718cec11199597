"""Measurements student code cannot forge (issue 23, classes 3, 4 and 5), on every assignment they apply to.

The child measures things for the grader in the same process as student code: whether a call changed its
inputs, the warnings it raised, a tensor's dtype and requires_grad, a module's parameters, the mode and autograd
state of each forward pass, torch's seed.  Each test below is an attack that fooled the old child (rebinding a
public name, rewriting an attribute, a lying subclass) and must now cost the same as the plain mistake it hides.
Every case runs in a real sandboxed child, where the attacks can rebind what they like.
"""
from __future__ import annotations

import textwrap

import pytest

from autograder import catalogue
from autograder.grading import one
from autograder.grading.sandbox_worker import Limits, Worker
from autograder.results import ProblemResult
from grader_proof import Proof, report

ASSIGNMENTS = {a: catalogue.load(a) for a in catalogue.all_ids()}
PROOFS = {a: Proof(a) for a in ASSIGNMENTS}


@pytest.fixture(scope="module")
def worker(tmp_path_factory):
    """One sandbox for every assignment: it preloads numpy, matplotlib and torch."""
    w = Worker(Limits(call_seconds=5, submission_seconds=60, load_seconds=10),
               scratch_parent=tmp_path_factory.mktemp("scratch"))
    yield w
    w.close()


def grade(worker: Worker, assignment_id: str, source: str, problem: str) -> ProblemResult:
    """The problem's result for a student whose notebook is ``source``, graded in a sandboxed child."""
    assignment, proof = ASSIGNMENTS[assignment_id], PROOFS[assignment_id]
    reference = assignment.reference()
    with worker.submission([source]) as (loaded, student):
        assert not loaded["errors"], loaded["errors"]
        return one.run_problem(problem, assignment.problem(problem).points, proof.graders,
                               {"student": student, "reference": reference},
                               assignment.stand_ins(problem, reference))


def failed_codes(result: ProblemResult) -> set[str]:
    return {t.mistake for t in result.tests if not t.passed}


# ================================================================ inputs changed in place, np.array_equal rebound

MUTATE = '''
import numpy as _np_for_mutation

def _mutating(function):
    """``function`` computed on copies, then the caller's arrays (and tensors) changed in place."""
    def variant(*args, **kwargs):
        copies = [a.copy() if isinstance(a, _np_for_mutation.ndarray) else
                  a.detach().clone() if type(a).__name__ == "Tensor" else a for a in args]
        value = function(*copies, **kwargs)
        for a in args:
            if isinstance(a, _np_for_mutation.ndarray):
                a[...] = ~a if a.dtype == bool else a + 1
            elif type(a).__name__ == "Tensor":
                import torch
                with torch.no_grad():
                    a.logical_not_() if a.dtype == torch.bool else a.add_(1)
        return value
    return variant
'''

HIDE_MUTATION = '''
import numpy as _np_hide
_np_hide.array_equal = lambda *args, **kwargs: True
try:
    import torch as _torch_hide
    _torch_hide.equal = lambda *args, **kwargs: True
except ImportError:
    pass
'''


def _functions() -> list[tuple[str, str]]:
    return [(a, p.id) for a, assignment in ASSIGNMENTS.items() for p in assignment.problems
            if callable(getattr(assignment.reference(), p.id)) and not isinstance(getattr(assignment.reference(), p.id), type)
            and p.id != "plot_sigmoid"]


def _mutating_source(assignment_id: str, problem: str) -> str:
    return PROOFS[assignment_id].reference_source + MUTATE + f"\n{problem} = _mutating({problem})\n"


def _mutation_checked() -> list[tuple[str, str]]:
    """The graded functions whose graders notice a call that changes its inputs (graded in this process)."""
    found = []
    for assignment_id, problem in _functions():
        result = PROOFS[assignment_id].grade(_mutating_source(assignment_id, problem), problem)
        if any(code.endswith("mutated") or "mutat" in code for code in failed_codes(result)):
            found.append((assignment_id, problem))
    return found


MUTATION_CHECKED = _mutation_checked()


def test_every_assignment_has_a_function_whose_inputs_are_checked():
    assert {a for a, _ in MUTATION_CHECKED} == set(ASSIGNMENTS), MUTATION_CHECKED


@pytest.mark.slow
@pytest.mark.parametrize("assignment_id, problem", MUTATION_CHECKED, ids=[f"{a}-{p}" for a, p in MUTATION_CHECKED])
def test_rebinding_array_equal_does_not_hide_a_changed_input(worker, assignment_id, problem):
    plain = grade(worker, assignment_id, _mutating_source(assignment_id, problem), problem)
    hidden = grade(worker, assignment_id, HIDE_MUTATION + _mutating_source(assignment_id, problem), problem)
    assert failed_codes(plain) and failed_codes(hidden) == failed_codes(plain), report(hidden)
    assert hidden.score == plain.score < hidden.max_score, report(hidden)


# ================================================================ warnings hidden by numpy's error state

SILENCE = '''
import warnings as _warnings_silence
import numpy as _np_silence
_np_silence.seterr(all="ignore")
_warnings_silence.simplefilter("ignore")
'''

WARNING_CASES = [(a, case) for a, proof in PROOFS.items() for case in proof.wrong_cases() if ".warning." in case.code]


def test_some_mistakes_are_told_by_their_warnings():
    assert len(WARNING_CASES) >= 3, WARNING_CASES


@pytest.mark.slow
@pytest.mark.parametrize("assignment_id, case", WARNING_CASES, ids=[c.id for _, c in WARNING_CASES])
def test_silencing_numpy_at_load_time_does_not_hide_an_overflow(worker, assignment_id, case):
    result = grade(worker, assignment_id, SILENCE + PROOFS[assignment_id].source(case), case.problem)
    assert case.code in failed_codes(result), report(result)


# ================================================================ 05: torch's names, subclasses, registries, autograd

REFERENCE_05 = PROOFS["05_torch_logreg"].reference_source

ATTACKS_05 = {
    # predict without torch.no_grad(), hidden by a patched torch.is_grad_enabled
    "is-grad-enabled-patched": ("predict", "predict.builds_graph", '''
        import torch as _t
        _t.is_grad_enabled = lambda: False
        def predict(model, X, threshold=0.5):
            was_training = model.training
            model.eval()
            p = model(X).detach()
            model.train(was_training)
            return (p > threshold).float()
        '''),
    # predict in training mode, the forward log rewritten as an attribute
    "forward-log-rewritten": ("predict", "predict.not_eval_mode", '''
        def predict(model, X, threshold=0.5):
            with torch.no_grad():
                p = model(X)
            model.forward_log = [{"training": False, "grad_enabled": False}]
            return (p > threshold).float()
        '''),
    # float64 tensors behind a subclass whose dtype says float32
    "tensor-subclass-lies-about-dtype": ("to_tensors", "to_tensors.dtype.float64", '''
        class _Float32Looking(torch.Tensor):
            @property
            def dtype(self):
                return torch.float32
        def to_tensors(X, y):
            X = torch.tensor(np.array(X, dtype=np.float64)).as_subclass(_Float32Looking)
            y = torch.tensor(np.array(y, dtype=np.float64)).reshape(-1, 1).as_subclass(_Float32Looking)
            return X, y
        '''),
    # an extra parameter hidden from named_parameters() and parameters()
    "named-parameters-hides-one": ("LogisticRegression", "LogisticRegression.extra_parameters", '''
        class LogisticRegression(nn.Module):
            def __init__(self, n_features):
                super().__init__()
                self.linear = nn.Linear(n_features, 1)
                self.temperature = nn.Parameter(torch.ones(1))
            def named_parameters(self, *args, **kwargs):
                return ((n, p) for n, p in super().named_parameters(*args, **kwargs) if n.startswith("linear."))
            def parameters(self, *args, **kwargs):
                return (p for _, p in self.named_parameters())
            def forward(self, x):
                return torch.sigmoid(self.linear(x) * self.temperature)
        '''),
    # a parameter registry whose items() leaves one out
    "parameter-registry-lies": ("LogisticRegression", "LogisticRegression.extra_parameters", '''
        class _Hiding(dict):
            def items(self):
                return [(k, v) for k, v in dict.items(self) if k != "temperature"]
            def values(self):
                return [v for _, v in self.items()]
            def keys(self):
                return [k for k, _ in self.items()]
            def __iter__(self):
                return iter(self.keys())
        class LogisticRegression(nn.Module):
            def __init__(self, n_features):
                super().__init__()
                self.linear = nn.Linear(n_features, 1)
                self.temperature = nn.Parameter(torch.ones(1))
                object.__setattr__(self, "_parameters", _Hiding(self._parameters))
            def forward(self, x):
                return torch.sigmoid(self.linear(x) * self.temperature)
        '''),
    # a detached output behind a subclass that says it requires grad
    "tensor-subclass-lies-about-requires-grad": ("LogisticRegression", "LogisticRegression.detached", '''
        class _Attached(torch.Tensor):
            @property
            def requires_grad(self):
                return True
        class LogisticRegression(nn.Module):
            def __init__(self, n_features):
                super().__init__()
                self.linear = nn.Linear(n_features, 1)
            def forward(self, x):
                return torch.sigmoid(self.linear(x)).detach().as_subclass(_Attached)
        '''),
    # torch.manual_seed wrapped to seed numpy's generator too, which the weights come from
    "manual-seed-wrapped": ("LogisticRegression", "LogisticRegression.not_deterministic", '''
        _seed = torch.manual_seed
        def _seed_both(s):
            np.random.seed(s)
            return _seed(s)
        torch.manual_seed = _seed_both
        class LogisticRegression(nn.Module):
            def __init__(self, n_features):
                super().__init__()
                self.linear = nn.Linear(n_features, 1)
                with torch.no_grad():
                    self.linear.weight.copy_(torch.tensor(np.random.normal(size=(1, n_features)), dtype=torch.float32))
            def forward(self, x):
                return torch.sigmoid(self.linear(x))
        '''),
    # a forward pass that detaches its output and sets requires_grad again
    "detached-then-requires-grad": ("LogisticRegression", "LogisticRegression.detached", '''
        class LogisticRegression(nn.Module):
            def __init__(self, n_features):
                super().__init__()
                self.linear = nn.Linear(n_features, 1)
            def forward(self, x):
                return torch.sigmoid(self.linear(x)).detach().requires_grad_()
        '''),
    # hooks that zero every gradient of the layer
    "hooks-zero-the-gradients": ("LogisticRegression", "LogisticRegression.wrong_gradients", '''
        class LogisticRegression(nn.Module):
            def __init__(self, n_features):
                super().__init__()
                self.linear = nn.Linear(n_features, 1)
                for p in self.linear.parameters():
                    p.register_hook(lambda g: torch.zeros_like(g))
            def forward(self, x):
                return torch.sigmoid(self.linear(x))
        '''),
}


@pytest.mark.slow
@pytest.mark.parametrize("attack", sorted(ATTACKS_05))
def test_a_forged_measurement_of_05_loses_the_points_of_what_it_hides(worker, attack):
    problem, code, definitions = ATTACKS_05[attack]
    result = grade(worker, "05_torch_logreg", REFERENCE_05 + "\n" + textwrap.dedent(definitions), problem)
    assert result.score < result.max_score and code in failed_codes(result), report(result)


# ================================================================ the sandbox package is not student code's to use

IMPORT_THE_KIT = '''
import sys
def reach():
    found = []
    for name in ("sandbox.objects", "sandbox.measure", "sandbox.student_side", "sandbox.zygote"):
        try:
            __import__(name)
            found.append(name)
        except ImportError:
            pass
    main = sys.modules["__main__"]
    found += [n for n in ("serve_child", "warm_up", "Session", "RECIPES") if hasattr(main, n)]
    return found
'''


@pytest.mark.slow
def test_student_code_can_neither_import_the_sandbox_package_nor_reach_the_fork_server(worker):
    with worker.submission([IMPORT_THE_KIT]) as (loaded, student):
        assert not loaded["errors"], loaded["errors"]
        assert student.reach() == []
        model = student.make("logistic_model", weight=[[1.0]], bias=[0.0])  # the recipes still work for the grader
        assert model.read().class_name == "GraderLogisticModel"


DRAW_ON_THE_SPARES = '''
import gc
from matplotlib.axes import Axes
def _draw_on_every_axes():
    gc.unfreeze()  # the fork server froze its warm objects out of the collector's lists
    found = [a for a in gc.get_objects() if isinstance(a, Axes)]
    for ax in found:
        ax.plot([0, 1], [0, 1], label="planted")
        ax.set_title("planted")
    return len(found)
PLANTED = _draw_on_every_axes()
def planted():
    return PLANTED
'''


@pytest.mark.slow
def test_axes_the_fork_server_built_ahead_are_handed_out_only_as_they_were_built(worker):
    """01's plots draw on Axes the fork server built before forking (adopting one costs 0.06 ms, building 8 ms);
    student code that finds them and draws on them first gets a fresh one for the grader, never a planted one."""
    with worker.submission([DRAW_ON_THE_SPARES]) as (loaded, student):
        assert not loaded["errors"], loaded["errors"]
        assert student.planted() >= 2  # the spares were there to be found
        for _ in range(3):
            drawn = student.make("axes").read()
            assert drawn.lines == [] and drawn.title == "", drawn
    with worker.submission(["def nothing():\n    return 0\n"]) as (_, student):
        drawn = student.make("axes").read()
        assert drawn.lines == [] and drawn.title == ""
