# Two commands matter: `make demo` (screen the sample customers against the built-in list)
# and `make test` (the whole suite). Both create .venv and install what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
COMPILED := $(VENV)/.compiled
# The query path's modules that mypyc compiles (MYPYC_MODULES in setup.py), in place once pip
# has installed what they import (mypyc type-checks them): an edit to one runs only once
# compiled again, which every target below does first.
MYPYC_SOURCES := $(addprefix src/watchlist/,normalize/text.py normalize/phonetic.py \
	normalize/keyboard.py normalize/glossary.py normalize/names.py normalize/features.py \
	index/names.py index/candidates.py match/similarity.py match/shortlist.py match/names.py \
	match/features.py screen/screener.py)

.PHONY: demo test lint typecheck bench bench-load bench-screen bench-ownership bench-api clean

$(STAMP): pyproject.toml setup.py src/watchlist/match/_typo.c src/watchlist/match/_shortlist.c \
		src/watchlist/index/_rank.c src/watchlist/index/_lookup.c \
		src/watchlist/normalize/_respell.c src/watchlist/_arrays.h src/watchlist/_sort.h
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

$(COMPILED): $(STAMP) $(MYPYC_SOURCES)
	$(BIN)/python setup.py --quiet build_ext --inplace --force
	touch $(COMPILED)

demo: $(COMPILED)
	$(BIN)/watchlist demo

test: $(COMPILED)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/pytest -n 2 -q

lint: $(COMPILED)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: $(COMPILED)
	$(BIN)/mypy

bench: bench-load bench-screen bench-ownership bench-api

bench-load: $(COMPILED)
	$(BIN)/python benchmarks/load_lists.py

bench-screen: $(COMPILED)
	$(BIN)/python benchmarks/screening.py --other-seeds 7 11 23 31 41 --write-results

bench-ownership: $(COMPILED)
	$(BIN)/python benchmarks/ownership.py --write-results

bench-api: $(COMPILED)
	$(BIN)/python benchmarks/api_load.py --write-results

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
