# Two commands for a fresh machine with Python 3.11+: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: run test install lint format bench clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Good Reason needs Python 3.11 or newer (found $$($(PYTHON) --version))."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Reinstall only when the dependencies change.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $@

install: $(VENV)/.installed

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_collection
	$(BIN)/python manage.py create_editor
	@echo "Serving Good Reason on http://127.0.0.1:$(PORT)/ (editors: http://127.0.0.1:$(PORT)/admin/)"
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# axe-core for the accessibility tests, from npm (package-lock.json); without npm they
# skip outside CI.
AXE := $(if $(shell command -v npm),node_modules/axe-core/axe.min.js)
node_modules/axe-core/axe.min.js: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

test: install $(AXE)
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Synthetic archives of 1k, 10k, 100k and a million videos on SQLite and PostgreSQL, served
# by gunicorn and loaded, an editor saving while they are; prints one table and writes
# bench/RESULTS.md (about 25 minutes on 2 cores, plus 10 to generate the million-video
# archives, which BENCH_REUSE=1 keeps for later runs).
# Quick run (under five minutes, rough figures): BENCH_SIZES=1000,10000 make bench
$(VENV)/.installed-bench: pyproject.toml | $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[dev,bench]'
	@touch $@

bench: $(VENV)/.installed-bench
	$(BIN)/python -m bench.run

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles node_modules
