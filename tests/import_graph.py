"""The kit's structure, counted one way: ``.venv/bin/python tests/import_graph.py`` prints it.

What counts as a module: every module of the ``autograder`` package (a package's ``__init__`` too), except
the assignments' own files (``autograder/graders/test_*.py``, ``autograder/samples/mistakes/*``) and the
``sandbox`` package, which runs inside bubblewrap and is counted apart.  An arrow is a direct import between
two counted modules, lazy imports inside functions included (grimp reads every import statement).  Layers:
the modules on the longest chain of arrows.  A cycle: modules that import each other round.

The path of one submission is measured, not drawn: one notebook is graded with ``autograder grade``, and the
kit's modules on the call stack are recorded at three moments (the command starting the class run, each
message sent to the sandbox, the result file written).  The assignment's graders and the checks they call are
the assignment's, not the path, and are left out.
"""
from __future__ import annotations

import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

import grimp

PACKAGE = "autograder"


def counted(module: str) -> bool:
    parts = module.split(".")
    if parts[:2] == [PACKAGE, "sandbox"]:
        return False
    if parts[:2] == [PACKAGE, "graders"] and parts[-1].startswith("test_"):
        return False
    return parts[:3] != [PACKAGE, "samples", "mistakes"]


@dataclass(frozen=True)
class Graph:
    modules: frozenset[str]
    arrows: frozenset[tuple[str, str]]

    @classmethod
    def build(cls) -> Graph:
        graph = grimp.build_graph(PACKAGE)
        modules = frozenset(m for m in graph.modules if counted(m))
        arrows = frozenset((m, t) for m in modules for t in graph.find_modules_directly_imported_by(m)
                           if t in modules and t != m)
        return cls(modules, arrows)

    def cycles(self) -> list[set[str]]:
        """The strongly connected groups of more than one module (Tarjan's algorithm)."""
        index: dict[str, int] = {}
        low: dict[str, int] = {}
        stack: list[str] = []
        found: list[set[str]] = []
        out = {m: [t for a, t in self.arrows if a == m] for m in self.modules}

        def visit(m: str) -> None:
            index[m] = low[m] = len(index)
            stack.append(m)
            for t in out[m]:
                if t not in index:
                    visit(t)
                    low[m] = min(low[m], low[t])
                elif t in stack:
                    low[m] = min(low[m], index[t])
            if low[m] == index[m]:
                group = set()
                while True:
                    t = stack.pop()
                    group.add(t)
                    if t == m:
                        break
                if len(group) > 1:
                    found.append(group)

        for m in sorted(self.modules):
            if m not in index:
                visit(m)
        return found

    def layers(self) -> int:
        """How many modules the longest chain of arrows passes through (a cycle's modules count as one)."""
        group = {m: m for m in self.modules}
        for cycle in self.cycles():
            first = min(cycle)
            group.update({m: first for m in cycle})
        out: dict[str, set[str]] = {m: set() for m in set(group.values())}
        for a, t in self.arrows:
            if group[a] != group[t]:
                out[group[a]].add(group[t])
        depth: dict[str, int] = {}

        def longest(m: str) -> int:
            if m not in depth:
                depth[m] = 1 + max((longest(t) for t in out[m]), default=0)
            return depth[m]
        return max(longest(m) for m in out)


def submission_path(assignment_id: str = "01_sigmoid") -> list[str]:
    """The kit's modules on the call stack while ``autograder grade`` grades the reference notebook."""
    from autograder import catalogue, cli
    from autograder.samples.sample_class import notebook_for, sample_students

    moments = {("autograder.classrun.schedule", "grade_class"), ("autograder.grading.student_proxy", "request"),
               ("autograder.results.store", "write")}
    seen: set[str] = set()

    def on_call(frame, event, arg):
        if event == "call" and (frame.f_globals.get("__name__"), frame.f_code.co_name) in moments:
            while frame is not None:
                name = frame.f_globals.get("__name__", "")
                if name.split(".")[0] == PACKAGE and counted(name) and not name.startswith(
                        (f"{PACKAGE}.graders", f"{PACKAGE}.checks")):
                    seen.add(name)
                frame = frame.f_back

    assignment = catalogue.load(assignment_id)
    (reference,) = [s for s in sample_students(assignment_id) if s.id == "ada"]
    with tempfile.TemporaryDirectory(prefix="path-") as tmp:
        notebook = Path(tmp) / "ada.ipynb"
        notebook.write_text(notebook_for(reference, assignment), encoding="utf-8")
        sys.setprofile(on_call)
        threading.setprofile(on_call)
        try:
            code = cli.main(["grade", str(notebook), "--assignment", assignment_id, "--out", str(Path(tmp) / "out"),
                             "--jobs", "1"])
        finally:
            sys.setprofile(None)
            threading.setprofile(None)
    assert code == 0, code
    return sorted(seen)


def main() -> int:
    graph = Graph.build()
    sandbox = [m for m in grimp.build_graph(PACKAGE).modules if m.startswith(f"{PACKAGE}.sandbox")]
    print(f"{len(graph.modules)} modules (the sandbox's {len(sandbox)} apart), {len(graph.arrows)} import arrows, "
          f"{graph.layers()} layers, {len(graph.cycles())} cycles")
    path = submission_path()
    print(f"one submission passes through {len(path)} modules: {', '.join(path)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
