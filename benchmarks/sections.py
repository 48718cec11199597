"""``benchmarks/results.md`` is made of sections, one per benchmark script; each run replaces only its own.

A section is the text between ``<!-- begin NAME -->`` and ``<!-- end NAME -->``; sections keep the order in
which they were first written, and every section carries its own date and machine line.
"""
from __future__ import annotations

import os
import platform
import re
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results.md"
TITLE = "# Benchmarks: `autograder grade` on this kit's assignments"


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} CPUs (nproc), {cpu}; {platform.system()} {platform.release()}; Python {platform.python_version()}"


def stamp() -> str:
    return f"Run {datetime.now().astimezone().isoformat(timespec='seconds')} on {machine()}."


def write_section(name: str, lines: list[str], path: Path = RESULTS) -> None:
    """Replace section ``name`` of ``path`` with ``lines`` (appended when it is new); the other sections stay."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if not text.startswith(TITLE):
        text = f"{TITLE}\n\nMade by `make bench`; see `benchmarks/README.md`. Each section says when it was run.\n"
    block = f"<!-- begin {name} -->\n" + "\n".join(lines).rstrip() + f"\n<!-- end {name} -->"
    pattern = re.compile(rf"<!-- begin {re.escape(name)} -->.*?<!-- end {re.escape(name)} -->", re.S)
    text = pattern.sub(lambda _: block, text) if pattern.search(text) else text.rstrip() + "\n\n" + block
    path.write_text(text.rstrip() + "\n", encoding="utf-8")
