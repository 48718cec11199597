"""The sandbox holds: student code cannot see the graders, reach the network, escape its limits,
or fake a value; and a child that misbehaves costs only itself."""
from __future__ import annotations

import os
import socket
import time
import uuid
from pathlib import Path

import numpy as np
import pytest

from autograder import catalogue
from autograder.grading import cgroups
from autograder.grading.sandbox_worker import Limits, Worker, bubblewrap
from autograder.grading.student_proxy import ObjectProxy, SandboxCrashed, StudentProblem, StudentRaised, StudentTimeout
from autograder.sandbox import wire

pytestmark = pytest.mark.slow
needs_bubblewrap = pytest.mark.skipif(bubblewrap() is None, reason="bubblewrap is not installed")

LIMITS = Limits(call_seconds=2, submission_seconds=20, load_seconds=8, memory_bytes=512 * 1024**2)


@pytest.fixture(scope="module")
def worker(tmp_path_factory):
    w = Worker(LIMITS, scratch_parent=tmp_path_factory.mktemp("scratch"))
    yield w
    w.close()


def run(worker: Worker, source: str, name: str, *args):
    with worker.submission([source]) as (loaded, student):
        assert not loaded["errors"], loaded["errors"]
        return student.call(name, *args)


PROBE = '''
import os
def exists(path):
    return os.path.exists(path)
def read(path):
    with open(path) as f:
        return f.read()
def write(path, text):
    with open(path, "w") as f:
        f.write(text)
    return True
def connect(port):
    import socket
    socket.create_connection(("127.0.0.1", port), timeout=1).close()
    return True
'''


@needs_bubblewrap
@pytest.mark.parametrize("secret", ["solutions/01_sigmoid.py", "autograder/graders", "assignments/01_sigmoid.toml",
                                    "autograder/classrun/schedule.py", "tests/conftest.py"])
def test_graders_and_solutions_are_out_of_sight(worker, secret):
    path = str(catalogue.ROOT / secret)
    assert (catalogue.ROOT / secret).exists()
    assert run(worker, PROBE, "exists", path).value is False


@needs_bubblewrap
def test_no_network_not_even_the_hosts_loopback(worker):
    server = socket.create_server(("127.0.0.1", 0))
    try:
        with pytest.raises(StudentRaised, match="Error"):
            run(worker, PROBE, "connect", server.getsockname()[1])
    finally:
        server.close()


@needs_bubblewrap
def test_writes_stay_inside_the_sandbox(worker, tmp_path):
    name = f"/tmp/escaped-{uuid.uuid4().hex}"
    assert run(worker, PROBE, "write", name, "x").value is True
    import os
    assert not os.path.exists(name)
    with pytest.raises(StudentRaised, match="Read-only|Permission|No such file"):
        run(worker, PROBE, "write", str(catalogue.ROOT / "solutions" / "hacked.py"), "x")
    assert not (catalogue.ROOT / "solutions" / "hacked.py").exists()


def test_what_one_student_leaves_in_scratch_the_next_does_not_see(worker):
    assert run(worker, PROBE, "write", "left-behind.txt", "secret").value is True
    assert run(worker, PROBE, "exists", "left-behind.txt").value is False


def test_an_infinite_loop_fails_that_call_and_the_child_goes_on(worker):
    source = "def spin():\n    while True:\n        pass\ndef ok():\n    return 1\n"
    with worker.submission([source]) as (_, student):
        started = time.monotonic()
        with pytest.raises(StudentTimeout, match="infinite loop"):
            student.spin()
        assert time.monotonic() - started < LIMITS.call_seconds + 1
        assert student.ok() == 1


def test_a_loop_that_swallows_the_alarm_is_cut_off_by_the_grader(worker):
    source = ("def stubborn():\n    while True:\n        try:\n            while True:\n                pass\n"
              "        except BaseException:\n            pass\n")
    with worker.submission([source]) as (_, student):
        with pytest.raises(StudentTimeout):
            student.stubborn()
        assert not student.usable
    assert run(worker, "def ok():\n    return 2\n", "ok").value == 2  # the fork server is fine


def test_memory_is_limited(worker):
    with pytest.raises(StudentRaised, match="MemoryError"):
        run(worker, "import numpy as np\ndef hog():\n    return np.ones(10**10)\n", "hog")


def test_a_child_that_exits_is_a_crash_and_the_next_submission_is_fine(worker):
    with pytest.raises(SandboxCrashed, match="died"):
        run(worker, "import os\ndef die():\n    os._exit(3)\n", "die")
    assert run(worker, "def ok():\n    return 3\n", "ok").value == 3


def test_output_floods_are_capped(worker):
    source = ("import os, sys\nfor _ in range(200_000):\n    print('x' * 500)\n"
              "os.write(1, b'y' * 10**7)\nos.write(2, b'z' * 10**7)\ndef ok():\n    return 4\n")
    with worker.submission([source]) as (loaded, student):
        assert len(loaded["stdout"]) < 20_000
        assert "more characters of output cut" in loaded["stdout"]
        assert student.ok() == 4


def test_a_returned_object_cannot_pretend_to_be_a_number(worker):
    source = ("class Liar:\n    def __eq__(self, other):\n        return True\n    __float__ = lambda self: 0.5\n"
              "def sigmoid(z):\n    return Liar()\n")
    value = run(worker, source, "sigmoid", 0.0).value
    assert isinstance(value, ObjectProxy)
    assert not value == 0.5  # an inert proxy: the student's __eq__ never runs in the grader


def test_student_exceptions_arrive_with_their_own_traceback_only(worker):
    source = "def f(x):\n    return 1 / x\n"
    with pytest.raises(StudentRaised) as caught:
        run(worker, source, "f", 0)
    assert "ZeroDivisionError" in str(caught.value)
    assert "zygote" not in str(caught.value) and "student_side" not in str(caught.value)


def test_calls_a_student_class_and_keeps_its_state(worker):
    source = ("class Counter:\n    def __init__(self, start):\n        self.n = start\n"
              "    def step(self):\n        self.n += 1\n        return self.n\n")
    with worker.submission([source]) as (_, student):
        counter = student.Counter(10)
        assert isinstance(counter, ObjectProxy)
        assert counter.step() == 11 and counter.step() == 12
        assert counter.attribute("n") == 12


def test_tensors_cross_as_numbers(worker):
    source = "import torch\ndef t():\n    return torch.tensor([1.0, 2.0], dtype=torch.float64, requires_grad=True)\n"
    value = run(worker, source, "t").value
    assert value.dtype == "torch.float64" and value.requires_grad is True
    np.testing.assert_array_equal(value.array, [1.0, 2.0])


def test_an_unfinished_helper_is_named_not_its_caller(make_student):
    student = make_student("def sigmoid(z):\n    raise NotImplementedError()\n"
                           "def sigmoid_derivative(z):\n    return sigmoid(z) * (1 - sigmoid(z))\n")
    from autograder.grading.student_proxy import NotImplementedYet
    with pytest.raises(NotImplementedYet, match="calls `sigmoid`, which is not implemented yet"):
        student.sigmoid_derivative(0.0)
    with pytest.raises(NotImplementedYet, match="^`sigmoid` is not implemented yet"):
        student.sigmoid(0.0)


@pytest.mark.skipif(os.getuid() == 0 and not cgroups.places("pids"), reason="no pids cgroup")
def test_a_fork_bomb_is_capped_and_cleaned_up(worker):
    bomb = "import os\ndef bomb():\n    while True:\n        os.fork()\n"
    with pytest.raises(StudentProblem):
        run(worker, bomb, "bomb")
    if worker.pids_cgroup is not None:
        assert int((worker.pids_cgroup / "pids.max").read_text()) == LIMITS.processes
        assert len((worker.pids_cgroup / "cgroup.procs").read_text().split()) < 10, "the bomb's processes are gone"
    assert run(worker, "def ok():\n    return 5\n", "ok").value == 5


def test_torch_trains_in_a_forked_child(worker):
    """Forking after torch is warmed up must not deadlock its thread pools (the zygote pins one thread)."""
    source = '''
import torch
def train():
    torch.manual_seed(0)
    X = torch.randn(64, 3)
    y = (X @ torch.tensor([1.0, -2.0, 0.5]) > 0).float()
    model = torch.nn.Linear(3, 1)
    optimiser = torch.optim.SGD(model.parameters(), lr=0.5)
    for _ in range(200):
        optimiser.zero_grad()
        loss = torch.nn.functional.binary_cross_entropy_with_logits(model(X).squeeze(1), y)
        loss.backward()
        optimiser.step()
    return model
'''
    started = time.monotonic()
    with worker.submission([source]) as (_, student):
        module = student.train().read()
    assert time.monotonic() - started < LIMITS.call_seconds
    assert module.class_name == "Linear" and set(module.parameters) == {"weight", "bias"}
    assert module.parameters["weight"].shape == (1, 3) and module.parameters["weight"].requires_grad


def test_tensors_and_modules_cross_as_numbers_both_ways(worker):
    """A tensor sent in is a real torch tensor there; a module stays there, read back, set and seeded by the grader."""
    source = '''
import torch
def describe(t):
    return str(type(t).__name__), str(t.dtype), bool(t.requires_grad), t.sum().item()
def layer():
    return torch.nn.Linear(2, 1)
def apply(model, x):
    return model(x)
'''
    with worker.submission([source]) as (_, student):
        assert student.describe(wire.tensor([[1.0, 2.0]])) == ("Tensor", "torch.float32", False, 3.0)
        assert student.describe(wire.tensor([1, 2], dtype="torch.int64")) == ("Tensor", "torch.int64", False, 3)
        model = student.layer()
        assert isinstance(model, ObjectProxy) and model.read().parameters["weight"].dtype == "torch.float32"
        model.load_parameters({"weight": [[0.5, -1.0]], "bias": [0.25]})
        out = student.apply(model, wire.tensor([[2.0, 1.0], [0.0, 0.0]]))
        assert out.dtype == "torch.float32" and out.requires_grad and out.shape == (2, 1)
        np.testing.assert_array_equal(out.array, [[0.25], [0.25]])
        with pytest.raises(StudentRaised, match="no parameter 'weight' of shape"):
            model.load_parameters({"weight": [[1.0, 2.0, 3.0]]})
        first = [(student.manual_seed(7), student.layer().read().parameters["weight"].array)[1] for _ in range(2)]
        np.testing.assert_array_equal(*first)


def test_the_grader_s_logistic_model_logs_each_forward(worker):
    source = '''
import torch
def predict(model, X):
    model.eval()
    with torch.no_grad():
        return model(X)
'''
    with worker.submission([source]) as (_, student):
        model = student.make("logistic_model", weight=[[1.0, -1.0]], bias=[0.0])
        p = student.predict(model, wire.tensor([[2.0, 2.0]]))
        assert p.array.tolist() == [[0.5]] and not p.requires_grad
        assert model.forward_log() == [{"training": False, "grad_enabled": False}]
        assert model.read().training is False


def test_the_reduced_sandbox_without_bubblewrap_still_limits(tmp_path):
    """Without bwrap the filesystem is visible (hence the warning), but time and memory are still limited."""
    plain = Worker(LIMITS, use_bubblewrap=False, scratch_parent=tmp_path)
    try:
        assert run(plain, PROBE, "exists", str(catalogue.ROOT / "solutions")).value is True  # really unsandboxed
        with pytest.raises(StudentTimeout):
            run(plain, "def spin():\n    while True:\n        pass\n", "spin")
        with pytest.raises(StudentRaised, match="MemoryError"):
            run(plain, "import numpy as np\ndef hog():\n    return np.ones(10**10)\n", "hog")
        assert run(plain, "def ok():\n    return 6\n", "ok").value == 6
    finally:
        plain.close()


def test_the_fork_server_preloads_only_what_it_is_told(worker, tmp_path):
    """An assignment without torch gets a fork server without torch (each fork and cleanup 10 ms cheaper);
    a notebook that imports torch anyway still gets it, in its own child."""
    # importing torch in the child takes 1-3 s (more with a second test file running): a call limit of 10 s
    light = Worker(Limits(call_seconds=10, submission_seconds=30, load_seconds=15, memory_bytes=LIMITS.memory_bytes),
                   scratch_parent=tmp_path, preload=("numpy", "matplotlib"))
    probe = "import sys\ndef loaded(name):\n    return name in sys.modules\n"
    try:
        assert run(light, probe, "loaded", "matplotlib.pyplot").value is True
        assert run(light, probe, "loaded", "torch").value is False
        late = "import torch\ndef total():\n    return float(torch.ones(3).sum())\n"
        assert run(light, late, "total").value == 3.0
    finally:
        light.close()
    assert run(worker, probe, "loaded", "torch").value is True  # the default preloads everything


def test_cgroups_of_killed_runs_are_cleared(worker):
    """A run killed with SIGKILL leaves its empty cgroup behind; the next worker removes it."""
    if worker.pids_cgroup is None:
        pytest.skip("no pids cgroup on this machine")
    stale = worker.pids_cgroup.parent / "autograder-999999999-deadbeef"  # no such pid
    stale.mkdir()
    mine = Worker(LIMITS, scratch_parent=Path(worker.scratch).parent)
    try:
        assert not stale.exists()
        assert worker.pids_cgroup.exists(), "a live run's cgroup is left alone"
    finally:
        mine.close()


@pytest.mark.skipif(os.getuid() != 0, reason="RLIMIT_NPROC binds non-root users; no cgroup is needed")
def test_the_warning_says_when_no_pids_cgroup_can_be_made(monkeypatch, tmp_path):
    import autograder.grading.sandbox_worker
    monkeypatch.setattr(cgroups, "places", lambda controller: [tmp_path / "no-cgroup-here"])
    assert "no writable pids cgroup" in autograder.grading.sandbox_worker.sandbox_warning()


def test_a_bubblewrap_that_cannot_start_is_a_worker_died_that_says_why(monkeypatch, tmp_path):
    """As in a Docker container that forbids namespaces: bwrap is there but exits at once, saying why."""
    import autograder.grading.confinement
    from autograder.grading.sandbox_worker import WorkerDied
    fake = tmp_path / "bwrap"
    fake.write_text("#!/bin/sh\necho 'bwrap: No permissions to create new namespace' >&2\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setattr(autograder.grading.confinement, "bubblewrap", lambda: str(fake))
    with pytest.raises(WorkerDied, match="did not start: bwrap: No permissions to create new namespace"):
        Worker(LIMITS, use_bubblewrap=True, scratch_parent=tmp_path)


def test_call_backs_cross_the_socket_stand_ins_answer_only_while_set(worker):
    """A stand-in's calls come back to the grader; kept for later, it is refused; the child stays in step."""
    import math
    source = ("_kept = []\n"
              "def twice_sigmoid(z):\n    _kept.append(sigmoid)\n    return 2 * sigmoid(z)\n"
              "def sigmoid(z):\n    return _kept[-1](z) if _kept else -1.0\n"
              "def spin_on_stand_in():\n    while True:\n        sigmoid(0.0)\n")
    with worker.submission([source]) as (_, student):
        student.stand_ins = {"sigmoid": lambda z: 1 / (1 + math.exp(-z))}
        assert student.twice_sigmoid(0.0) == 1.0 and student.stood_in == {"sigmoid"}
        with pytest.raises(StudentTimeout):  # the alarm fires between two call-backs, never inside one
            student.spin_on_stand_in()
        assert student.usable and student.twice_sigmoid(0.0) == 1.0  # so the child is still in step
    with worker.submission([source]) as (_, student):
        student.stand_ins = {"sigmoid": lambda z: 0.5}
        assert student.twice_sigmoid(0.0) == 1.0
        student.stand_ins = {}
        with pytest.raises(StudentRaised, match="answered only while another function was graded"):
            student.sigmoid(0.0)


def test_a_function_handed_over_is_counted_here_and_refused_after_its_test(worker):
    source = ("_kept = []\n"
              "def evaluate(f, x):\n    _kept.append(f)\n    f.calls = -100\n    return [f(x), f(x), type(f).__name__]\n"
              "def call_kept(x):\n    return _kept[0](x)\n")
    with worker.submission([source]) as (_, student):
        f = student.function("quadratic", center=[1.0, 2.0])
        assert student.evaluate(f, np.array([1.0, 2.0])) == [0.0, 0.0, "function"] and f.calls == 2
        student.forget_functions()
        with pytest.raises(StudentRaised, match="answers only during the call"):
            student.call_kept(np.array([0.0, 0.0]))


def test_a_worker_starts_from_a_relative_output_folder(tmp_path, monkeypatch):
    """`autograder grade -o graded/` is relative: the sandbox package is still found and bound."""
    monkeypatch.chdir(tmp_path)
    relative = Worker(LIMITS, scratch_parent=Path("graded") / ".scratch")
    try:
        assert run(relative, "def ok():\n    return 7\n", "ok").value == 7
    finally:
        relative.close()
