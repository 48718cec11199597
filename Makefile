# Two commands on a fresh machine: `make demo` and `make test`.
# Both install everything they need into .venv first (torch first, from the
# CPU wheel, so nothing pulls the CUDA build), then run.
SHELL := /bin/bash
.SHELLFLAGS := -eo pipefail -c
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
JOBS   ?= $(shell nproc)
# pip's errors stay visible; only a harmless per-package warning of some pip configurations is dropped.
QUIET  := 2>&1 | { grep -v "is ignored: it is neither a file nor a directory" || true; }

.PHONY: install demo test bench release clean

install: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python >= 3.11 is needed (nbgrader 0.9.6)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip $(QUIET)
	$(BIN)/pip install --quiet torch==2.13.0 $(QUIET)
	$(BIN)/pip install --quiet -e '.[dask]' $(QUIET)
	@bash .ci/ensure-bubblewrap
	@touch $(STAMP)

demo: install
	$(BIN)/autograder demo --jobs $(JOBS)

test: install
	@bash .ci/ensure-chromium
	$(BIN)/python -m pytest -n $(JOBS) --dist loadfile

release: install
	$(BIN)/autograder release

bench: install
	$(BIN)/python benchmarks/per_submission.py
	$(BIN)/python benchmarks/scaling.py
	$(BIN)/python benchmarks/dask_executor.py
	$(BIN)/python benchmarks/grade_class.py

clean:
	rm -rf $(VENV) demo-output gradebook.db
