"""Limits that hold for a whole submission, however many processes it starts: memory for all of them together,
every process killed after it (even one that left its session), and a uid of each worker's own.

Each test here shows the limit from the outside: what the grader reports, what is left running, which uid ran.
"""
from __future__ import annotations

import dataclasses
import os
import signal
import uuid
from pathlib import Path

import pytest

from autograder import catalogue
from autograder.grading.one import WorkerSlot, grade_one
from autograder.grading.prepared import Grading
from autograder.grading.sandbox_worker import Limits, Worker, WorkerDied
from autograder.grading.student_proxy import OutOfMemory
from autograder.messages import render
from autograder.messages.templates import templates
from autograder.samples.sample_class import SampleStudent, notebook_for

AS_ROOT = os.getuid() == 0
BUDGET_MB = 200
LIMITS = Limits(call_seconds=5, submission_seconds=20, load_seconds=10, memory_bytes=BUDGET_MB * 2**20)

# Three grandchildren hold 30 MB each, then the child itself takes 40 MB more at a time, up to 160 MB: every
# process stays inside its own address-space limit (the budget), but together they pass the budget, and the
# child (by then holding three times what a grandchild holds) is the one the kernel stops.  HOG's grandchildren close what they inherited (the child's socket
# among it), as a subprocess does; KEEPING's keep it, as a forked multiprocessing worker does.
KEEPING = '''
import os, time
import numpy as np

def hog(*args, **kwargs):
    ready, told = os.pipe()
    for _ in range(3):
        if os.fork() == 0:
            CLOSE
            held = np.ones(30 * 2**20 // 8)  # np.ones writes every page: the memory is really used
            os.write(told, b"x")
            time.sleep(60)
            os._exit(0)
    assert sum(len(os.read(ready, 1)) for _ in range(3)) == 3
    held = [np.ones(40 * 2**20 // 8) for _ in range(4)]
    return len(held)
'''
HOG = KEEPING.replace("CLOSE", "os.closerange(3, told)\n            os.closerange(told + 1, 1024)")
KEEPING = KEEPING.replace("CLOSE", "pass")


@pytest.fixture(scope="module")
def walled(tmp_path_factory):
    """The sandbox as a class run has it (bubblewrap where installed), with a small memory budget."""
    w = Worker(LIMITS, scratch_parent=tmp_path_factory.mktemp("walled"), preload=("numpy", "matplotlib"))
    yield w
    w.close()


@pytest.fixture(scope="module")
def plain(tmp_path_factory):
    """Without bubblewrap; a short call limit, so that the grader gives up soon on a child it hears nothing from."""
    w = Worker(dataclasses.replace(LIMITS, call_seconds=2), use_bubblewrap=False,
               scratch_parent=tmp_path_factory.mktemp("plain"), preload=("numpy",))
    yield w
    w.close()


def needs_memory_cgroup(worker: Worker) -> None:
    if worker.memory is None:
        pytest.skip("no memory cgroup can be made here (not root, or no memory controller in reach)")


@pytest.mark.parametrize("mode", ["walled", "plain"])
def test_processes_that_together_pass_the_budget_are_stopped_and_the_worker_goes_on(mode, request):
    worker = request.getfixturevalue(mode)
    needs_memory_cgroup(worker)
    with worker.submission([HOG]) as (_, student):
        with pytest.raises(OutOfMemory, match=f"while `hog` ran, your code used more than {BUDGET_MB} MB of memory"):
            student.hog()
    assert worker.alive(), "the fork server is never the one stopped"
    with worker.submission(["def ok():\n    return 1\n"]) as (_, student):
        assert student.ok() == 1


@pytest.mark.slow
def test_stopped_while_its_processes_keep_its_socket_open_is_still_memory_not_a_timeout(plain):
    """The grader hears nothing until the call's time is up: the kernel's count still names the cause."""
    needs_memory_cgroup(plain)
    with plain.submission([KEEPING]) as (_, student):
        with pytest.raises(OutOfMemory, match=f"used more than {BUDGET_MB} MB"):
            student.hog()
    with plain.submission(["def ok():\n    return 1\n"]) as (_, student):
        assert student.ok() == 1


def test_the_memory_message_lands_on_the_problem_that_was_running_in_both_languages(walled):
    needs_memory_cgroup(walled)
    assignment = catalogue.load("01_sigmoid")
    notebook = notebook_for(SampleStudent("hog", "hogs memory in one function",
                                          {"sigmoid_derivative": HOG.replace("def hog", "def sigmoid_derivative")}),
                            assignment)
    result = grade_one(WorkerSlot(lambda: walled, walled), Grading.prepare(assignment), notebook.encode())
    assert result.status == "graded"
    hogged = result.problems["sigmoid_derivative"]
    assert hogged.score == 0 and {t.mistake for t in hogged.tests} == {"sigmoid_derivative.out_of_memory"}
    ko = render(hogged.tests[0].message, "ko", templates("ko", catalogue.ROOT))
    assert f"used more than {BUDGET_MB} MB" in hogged.tests[0].message
    assert f"{BUDGET_MB} MB보다 많은 메모리" in ko
    others = [p for p in assignment.problems if p.id != "sigmoid_derivative"]
    assert all(result.problems[p.id].score == p.points for p in others), "the next child grades the rest"


SCORE = """
def score():
    return open("/proc/self/oom_score_adj").read().strip()
def lower():
    try:
        with open("/proc/self/oom_score_adj", "w") as f:
            f.write("0")
    except OSError:
        return "refused"
    return score()
"""


@pytest.mark.parametrize("mode", ["walled", "plain"])
def test_the_kernel_stops_a_child_before_the_fork_server(mode, request):
    worker = request.getfixturevalue(mode)
    with worker.submission([SCORE]) as (_, student):
        assert student.score() == "1000"
        if AS_ROOT and mode == "plain":  # set while still root: a child that dropped to its uid cannot lower it
            assert student.lower() == "refused"


def test_memory_a_submission_leaves_in_a_tmpfs_retires_the_worker(plain):
    """Files in /dev/shm outlive the child and are charged to the worker: the next child would be stopped for them."""
    needs_memory_cgroup(plain)
    stem = f"/dev/shm/autograder-test-{uuid.uuid4().hex}"
    fill = f"def fill():\n    for i in range(8):\n        open(f'{stem}-{{i}}', 'wb').write(b'x' * 15 * 2**20)\n"
    try:
        with plain.submission([fill]) as (_, student):
            student.fill()
        with pytest.raises(WorkerDied, match="left in memory"):
            with plain.submission(["x = 1\n"]):
                pass
    finally:
        for path in Path("/dev/shm").glob(Path(stem).name + "-*"):
            path.unlink()


def _running(pid: int) -> bool:
    """Whether ``pid`` is a live process (a zombie waiting for init to reap it is dead)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


ESCAPE = '''
import os, time
def plant():
    ready, told = os.pipe()
    if os.fork() == 0:
        if os.fork() == 0:
            os.setsid()  # its own session and process group: no longer the child's
            os.write(told, str(os.getpid()).encode())
            time.sleep(3600)
        os._exit(0)
    os.wait()
    return int(os.read(ready, 32))
'''


def test_a_process_that_left_the_session_is_killed_with_its_submission(plain):
    if plain.pids_cgroup is None and plain.memory is None:
        pytest.skip("no cgroup can be made here: without bubblewrap only the child's process group is killed")
    with plain.submission([ESCAPE]) as (_, student):
        pid = student.plant()
        assert _running(pid)
    try:
        assert not _running(pid), "the double-forked, setsid process outlived its submission"
    finally:
        if _running(pid):
            os.kill(pid, signal.SIGKILL)


@pytest.mark.skipif(not AS_ROOT, reason="as another user every child runs as that user: there is no uid to claim")
def test_children_of_two_workers_running_at_once_have_different_uids(plain, tmp_path):
    other = Worker(LIMITS, use_bubblewrap=False, scratch_parent=tmp_path, preload=("numpy",))
    source = "import os\ndef uid():\n    return os.getuid(), os.geteuid()\n"
    try:
        with plain.submission([source]) as (_, first), other.submission([source]) as (_, second):
            uids = first.uid(), second.uid()
    finally:
        other.close()
    assert uids[0][0] == uids[0][1] and uids[1][0] == uids[1][1]
    assert uids[0][0] != uids[1][0] and 0 not in (uids[0][0], uids[1][0])


def test_var_tmp_is_scratch_too_and_the_next_child_starts_without_it(walled):
    if not walled.use_bubblewrap:
        pytest.skip("bubblewrap is not installed")
    source = ("import os\ndef leave():\n    open('/var/tmp/left.txt', 'w').write('secret')\n"
              "def seen():\n    return os.path.exists('/var/tmp/left.txt')\n")
    with walled.submission([source]) as (_, student):
        student.leave()
        assert student.seen() is True
    with walled.submission([source]) as (_, student):
        assert student.seen() is False
