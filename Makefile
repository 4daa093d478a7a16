# Quick start: `make start` (the office, with demo data), then `make test`. Everything runs from .venv (made by scripts/setup).
VENV := .venv
BIN := $(VENV)/bin

.PHONY: start setup test test-postgres lint typecheck pytest format schema accuracy speed office-bench

# The disclosure office with a year of demo data on SQLite (./var), at http://127.0.0.1:8000/
start: setup
	$(BIN)/gongkai serve

setup:
	scripts/setup

# What CI runs (.ci/run): lint, strict types, tests on SQLite, then the same tests on
# PostgreSQL (scripts/test-postgres starts the local server; it fails when PostgreSQL cannot
# be had, unless GONGKAI_SKIP_POSTGRES=1). All run even when one fails, so one run shows
# every problem; the status is non-zero if any failed. pytest's 5 ("no tests collected") is
# not a failure: a tree with no tests yet still passes its checks.
test: | $(BIN)/python
	@status=0; \
	echo "== ruff check"; $(BIN)/ruff check . || status=1; \
	echo "== mypy --strict"; $(BIN)/mypy --strict gongkai bench || status=1; \
	echo "== pytest (SQLite)"; env -u DATABASE_URL $(BIN)/python -m pytest; code=$$?; \
	if [ $$code -ne 0 ] && [ $$code -ne 5 ]; then status=1; fi; \
	echo "== pytest (PostgreSQL)"; scripts/test-postgres || status=1; \
	exit $$status

lint: | $(BIN)/python
	$(BIN)/ruff check .

typecheck: | $(BIN)/python
	$(BIN)/mypy --strict gongkai bench

pytest: | $(BIN)/python
	$(BIN)/python -m pytest; code=$$?; [ $$code -eq 0 ] || [ $$code -eq 5 ]

test-postgres: | $(BIN)/python
	scripts/test-postgres

format: | $(BIN)/python
	$(BIN)/ruff format .

# The committed JSON Schema (tests/test_schema.py checks it is current).
schema: | $(BIN)/python
	$(BIN)/gongkai schema > gongkai/schema/report.json

accuracy: | $(BIN)/python
	$(BIN)/python bench/accuracy.py

speed: | $(BIN)/python
	$(BIN)/python bench/speed.py

office-bench: | $(BIN)/python
	$(BIN)/python bench/office.py

$(BIN)/python:
	scripts/setup
