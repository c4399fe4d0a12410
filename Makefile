# Websight Desk — the two commands a newcomer needs: `make run` and `make test`.
VENV ?= .venv
BIN := $(VENV)/bin
PYTHON ?= python3
ifeq ($(OS),Windows_NT)
BIN := $(VENV)/Scripts
PYTHON := py -3
endif
STAMP := $(VENV)/.installed

.PHONY: run test lint types pytest bench screenshots i18n clean demo server

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

pytest: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -p no:cacheprovider

i18n: $(STAMP)
	$(BIN)/python -m websight_desk.i18n_build

bench: $(STAMP) i18n
	$(BIN)/python -m bench

screenshots: $(STAMP) i18n
	$(BIN)/python -m bench.screenshots docs/screenshots

server: $(STAMP)
	$(BIN)/websight-desk-server serve --data server-data

clean:
	rm -rf $(VENV) build *.egg-info .mypy_cache .ruff_cache .pytest_cache .import_linter_cache
