# Two commands matter: `make demo` (screen the sample customers against the built-in list)
# and `make test` (the whole suite). Both create .venv and install what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck bench bench-load bench-screen bench-ownership bench-api clean

$(STAMP): pyproject.toml setup.py src/watchlist/match/_typo.c src/watchlist/match/_shortlist.c \
		src/watchlist/index/_rank.c src/watchlist/index/_lookup.c \
		src/watchlist/normalize/_respell.c src/watchlist/_arrays.h
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/watchlist demo

test: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/pytest -n 2 -q

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

bench: bench-load bench-screen bench-ownership bench-api

bench-load: $(STAMP)
	$(BIN)/python benchmarks/load_lists.py

bench-screen: $(STAMP)
	$(BIN)/python benchmarks/screening.py --other-seeds 7 11 23 31 41 --write-results

bench-ownership: $(STAMP)
	$(BIN)/python benchmarks/ownership.py --write-results

bench-api: $(STAMP)
	$(BIN)/python benchmarks/api_load.py --write-results

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
