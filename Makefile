# Two commands do all set-up on a fresh machine:
#   make demo   - create .venv, install sitrep, run the whole pipeline on samples/ (SQLite), write out/
#   make test   - create .venv, install test needs (PostgreSQL from Debian when root), lint, run all
#                 tests, then build the wheel and run it from a fresh venv outside the checkout
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= sqlite:///sitrep.db

.PHONY: demo serve test lint format bench clean test-deps wheel-check

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

# torch must be this exact CPU build and installed before anything that depends on it:
# any other torch spec pulls a multi-GB CUDA build.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

demo: $(VENV)/.installed
	$(BIN)/sitrep run samples/ --db $(DB) --out out/
	@echo "Browse the results: $(BIN)/sitrep events | $(BIN)/sitrep articles --copies | $(BIN)/sitrep stats  (see README)"
	@echo "Open the dashboard: make serve, then http://127.0.0.1:8765/ in a browser (offline; Ctrl-C stops it)"

# The dashboard on the demo store (run `make demo` first).
serve: $(VENV)/.installed
	$(BIN)/sitrep serve --db $(DB) --host 127.0.0.1 --port 8765

test-deps:
	bash scripts/install-test-deps.sh

lint: $(VENV)/.installed
	$(BIN)/ruff check sitrep tests benchmarks
	$(BIN)/ruff format --check sitrep tests benchmarks

test: $(VENV)/.installed test-deps lint
	$(BIN)/python -m pytest -q -ra
	bash scripts/wheel-check.sh

# The non-editable install a user gets from `pip install .`, run from outside the checkout.
wheel-check:
	bash scripts/wheel-check.sh

format: $(VENV)/.installed
	$(BIN)/ruff format sitrep tests benchmarks
	$(BIN)/ruff check --fix sitrep tests benchmarks

bench: $(VENV)/.installed
	$(BIN)/python benchmarks/ingest.py

clean:
	rm -rf out/ sitrep.db sitrep.db-* .pytest_cache
