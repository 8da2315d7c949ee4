# Newsroom: `make run` serves the site, `make test` checks everything.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1:8000

.PHONY: run serve setup test lint format migrations-check pytest clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Stamp files: reinstall only when the requirements change.
$(VENV)/.installed: $(BIN)/python requirements.txt
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt requirements-build.txt
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

$(VENV)/.installed-build: $(VENV)/.installed requirements-build.txt
	$(BIN)/pip install --quiet -r requirements-build.txt
	touch $@

## run: install, migrate, import the seed articles, ensure an admin account, serve on $(HOST)
run: setup serve

setup: $(VENV)/.installed
	$(MANAGE) migrate --noinput
	$(MANAGE) import_seeds --publish
	$(MANAGE) setup_groups
	$(MANAGE) ensure_editor

serve:
	$(MANAGE) runserver $(HOST)

## test: lint, format check, migration check and the pytest suite
test: $(VENV)/.installed-dev lint migrations-check pytest

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrations-check:
	$(MANAGE) makemigrations --check --dry-run

pytest:
	$(BIN)/pytest $(PYTEST_ARGS)

## parser: compile the article parser with mypyc (needs gcc and Python headers); imports run faster
.PHONY: parser parser-clean
parser: $(VENV)/.installed-build
	$(BIN)/python scripts/compile_parser.py

## parser-clean: remove the compiled parser; it runs from its Python source again
parser-clean:
	$(BIN)/python scripts/compile_parser.py --clean
	rm -rf build/parser

## stress: wrk, 64 connections for 60 s, against gunicorn while import_seeds runs (not in CI)
.PHONY: stress
stress: $(VENV)/.installed
	@command -v wrk >/dev/null || apt-get install -y -qq wrk || \
		{ echo "make stress needs wrk: apt-get install wrk" >&2; exit 1; }
	$(BIN)/python stress/run.py $(STRESS_ARGS)

## bench: the benchmark suite at 10,000 articles, parser compiled as deployed (tens of minutes; CI runs only `--quick`)
.PHONY: bench
bench: $(VENV)/.installed parser
	@command -v wrk >/dev/null || apt-get install -y -qq wrk || \
		{ echo "make bench needs wrk: apt-get install wrk" >&2; exit 1; }
	$(BIN)/python -m bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-* staticfiles .pytest_cache .ruff_cache .mypy_cache build
	rm -f articles/ingest/*.so articles/ingest/compiled.json
