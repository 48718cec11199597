"""The bundle's two scripts: ``setup.sh`` (once, at image build) and ``run_autograder`` (every submission).

Both as Gradescope specifies them (https://gradescope-autograders.readthedocs.io/en/latest/specs/):
setup.sh runs as root with the zip unpacked in /autograder/source; run_autograder is copied to
/autograder/run_autograder and runs from /autograder.  ``AUTOGRADER_ROOT`` moves /autograder (the tests
lay out a temporary one).
"""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

TORCH_INDEX = "https://download.pytorch.org/whl/cpu"  # the CPU wheel: PyPI's torch pulls GBs of CUDA

SETUP_SH = r"""#!/usr/bin/env bash
# Gradescope runs this once, as root, while it builds the autograder's image, with this zip unpacked in
# /autograder/source (https://gradescope-autograders.readthedocs.io/en/latest/specs/).
# It makes a virtualenv in $ROOT/venv with the kit's pinned dependencies: @TORCH@ first, from the CPU index
# (always, whatever the assignment: the sandbox's fork server imports torch for every one), then the kit
# itself, editable (its catalogue, graders and references are read from this folder), then checks that the
# graders load and a sandbox starts, so a broken bundle fails here and not at the first submission.
set -euo pipefail
ROOT="${AUTOGRADER_ROOT:-/autograder}"
SOURCE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VENV="$ROOT/venv"
TORCH_INDEX="${AUTOGRADER_TORCH_INDEX:-@INDEX@}"
export DEBIAN_FRONTEND=noninteractive

apt-get update -qq >/dev/null 2>&1 || true

# Optional: bubblewrap, for the full sandbox.  Docker usually forbids the namespaces it needs; each run then
# grades with plain child processes and says so in its output.  Never a reason for the setup to fail.
apt-get install -y -qq --no-install-recommends bubblewrap >/dev/null 2>&1 \
    || echo "setup.sh: bubblewrap is not installed (optional): student code will run without filesystem isolation"

# Python >= 3.11 (nbgrader 0.9.6 and tomllib need it); Ubuntu 22.04 has only 3.10 unless asked.
python_ok() { "$1" -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1; }
PY=""
for candidate in python3.13 python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 && python_ok "$candidate"; then
        PY="$(command -v "$candidate")"
        break
    fi
done
if [ -z "$PY" ]; then
    echo "setup.sh: no Python >= 3.11 on this image; installing python3.11"
    apt-get install -y -qq --no-install-recommends python3.11 python3.11-venv
    PY="$(command -v python3.11)"
fi
if ! "$PY" -m venv "$VENV"; then
    apt-get install -y -qq --no-install-recommends "$(basename "$PY")-venv"  # Debian and Ubuntu split off ensurepip
    "$PY" -m venv --clear "$VENV"
fi
"$VENV/bin/python" -m pip install --quiet --upgrade pip
"$VENV/bin/python" -m pip install --quiet "@TORCH@" --index-url "$TORCH_INDEX"
"$VENV/bin/python" -m pip install --quiet -e "$SOURCE"
AUTOGRADER_ROOT="$ROOT" PYTHONDONTWRITEBYTECODE=1 "$VENV/bin/python" -m autograder.gradescope.run --check
"""

RUN_AUTOGRADER = r"""#!/usr/bin/env bash
# Gradescope runs this for every submission, as root, from /autograder: the student's files are in
# /autograder/submission, and /autograder/results/results.json must exist afterwards, whatever happened
# (https://gradescope-autograders.readthedocs.io/en/latest/specs/).  AUTOGRADER_ROOT moves /autograder.
set -u
ROOT="${AUTOGRADER_ROOT:-/autograder}"
RESULTS="$ROOT/results"
mkdir -p "$RESULTS"
rm -f "$RESULTS/results.json"
PY="$ROOT/venv/bin/python"                      # made by setup.sh
[ -x "$PY" ] || PY="$(command -v python3 || echo python3)"
cd "$ROOT" || true
AUTOGRADER_ROOT="$ROOT" PYTHONPATH="$ROOT/source${PYTHONPATH:+:$PYTHONPATH}" PYTHONDONTWRITEBYTECODE=1 \
    "$PY" -m autograder.gradescope.run
status=$?
if [ ! -s "$RESULTS/results.json" ]; then   # Python itself could not run: still a results.json that says so
    why="The autograder could not run (exit status $status); this is not your mistake: please tell your instructor."
    printf '{"score": 0.0, "execution_time": %d, "output": "%s", "tests": []}\n' "$SECONDS" "$why" \
        > "$RESULTS/results.json"
fi
exit 0
"""


def torch_requirement(pyproject: Path) -> str:
    """The kit's torch pin (``torch==2.13.0``) from pyproject.toml, the single place it is written."""
    dependencies = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["dependencies"]
    pins = [d.replace(" ", "") for d in dependencies if re.fullmatch(r"torch\s*==\s*[\w.]+", d)]
    if len(pins) != 1:
        raise ValueError(f"{pyproject} must pin torch exactly once (torch==X.Y.Z), found {pins or 'none'}")
    return pins[0]


def setup_sh(pyproject: Path) -> str:
    return SETUP_SH.replace("@TORCH@", torch_requirement(pyproject)).replace("@INDEX@", TORCH_INDEX)


def run_autograder() -> str:
    return RUN_AUTOGRADER
