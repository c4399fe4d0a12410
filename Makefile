# Websight Desk — the two commands a newcomer needs: `make run` and `make test`.
VENV ?= .venv
BIN := $(VENV)/bin
PYTHON ?= python3
ifeq ($(OS),Windows_NT)
BIN := $(VENV)/Scripts
PYTHON := py -3
endif
STAMP := $(VENV)/.installed

.PHONY: run test lint types pytest unit e2e bench smoke312 screenshots i18n clean demo server

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

## run: set up .venv, create the demo workspace once, open the app on it
run: $(STAMP) i18n
	$(BIN)/websight-desk demo --if-empty
	$(BIN)/websight-desk

## test: set up .venv, then lint, format check, types and the whole suite (headless)
test: $(STAMP) i18n lint types pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

types: $(STAMP)
	$(BIN)/mypy websight_desk

# Most of the time of the end-to-end tests is spent waiting on server processes: three
# workers (one test file each at a time) keep both cores busy.
PYTEST_WORKERS ?= 3

## unit: the fast tests (no subprocess, no network); e2e: real server processes, PostgreSQL, IMAP
unit: $(STAMP) i18n
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -p no:cacheprovider tests/unit \
		-n $(PYTEST_WORKERS) --dist loadfile

e2e: $(STAMP) i18n
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -p no:cacheprovider tests/e2e \
		-n $(PYTEST_WORKERS) --dist loadfile

pytest: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -p no:cacheprovider \
		-n $(PYTEST_WORKERS) --dist loadfile

i18n: $(STAMP)
	$(BIN)/python -m websight_desk.i18n_build

bench: $(STAMP) i18n
	$(BIN)/python -m bench

# A binding bug may depend on the interpreter (PySide6 6.12.0 aborted Python 3.11 only, issue
# #10), so CI also runs the benchmarks' smoke and the void-call test on Python 3.12.
VENV312 ?= .venv312
PYTHON312 ?= $(firstword $(wildcard $(HOME)/.pyenv/versions/3.12*/bin/python3.12) \
	$(shell python3.12 -c 'import sys; print(sys.executable)' 2>/dev/null))
STAMP312 := $(VENV312)/.installed

$(STAMP312): pyproject.toml
	$(PYTHON312) -m venv $(VENV312)
	$(VENV312)/bin/python -m pip install --quiet --upgrade pip
	$(VENV312)/bin/python -m pip install --quiet -e '.[test]'
	touch $(STAMP312)

## smoke312: on Python 3.12 (skipped with a note if absent): void-call test, benchmark smoke
smoke312:
ifeq ($(strip $(PYTHON312)),)
	@echo "smoke312: SKIPPED - no Python 3.12 here (looked in ~/.pyenv/versions/3.12*, PATH)"
else
	$(MAKE) $(STAMP312)
	$(VENV312)/bin/python -m websight_desk.i18n_build
	QT_QPA_PLATFORM=offscreen $(VENV312)/bin/python -m pytest -q -p no:cacheprovider \
		tests/unit/ui/test_void_calls.py
	$(VENV312)/bin/python -m bench.bench_triage --tickets 5000 --runs 1
	$(VENV312)/bin/python -m bench.bench_soak --smoke
endif

screenshots: $(STAMP) i18n
	$(BIN)/python -m bench.screenshots docs/screenshots

server: $(STAMP)
	$(BIN)/websight-desk-server serve --data server-data

clean:
	rm -rf $(VENV) $(VENV312) build *.egg-info .mypy_cache .ruff_cache .pytest_cache .import_linter_cache
