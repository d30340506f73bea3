"""The query path's Python modules run compiled by mypyc (setup.py): built from the source as it
stands, and finding what the same source finds run as Python."""

from __future__ import annotations

import importlib
import importlib.util
import json
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_without_compiler import QUERIES

from watchlist.cli import cli
from watchlist.screen import Screener
from watchlist.screen.screener import EntityTable

SRC = Path(__file__).resolve().parents[2] / "src"
COMPILED_MODULES = [
    "watchlist.normalize.text",
    "watchlist.normalize.phonetic",
    "watchlist.normalize.keyboard",
    "watchlist.normalize.glossary",
    "watchlist.normalize.names",
    "watchlist.normalize.features",
    "watchlist.index.names",
    "watchlist.index.candidates",
    "watchlist.match.similarity",
    "watchlist.match.shortlist",
    "watchlist.match.names",
    "watchlist.match.features",
    "watchlist.screen.screener",
]
LIBRARY = "watchlist_compiled__mypyc"
PURE_PYTHON = os.environ.get("WATCHLIST_PURE_PYTHON") == "1"

# Run in a copy of the package without the mypyc modules: the same queries, as JSON.
MATCH_AS_PYTHON = """
import json, pickle, sys
import watchlist.screen.screener as screener
from watchlist.match.types import Query
assert screener.__file__.endswith(".py"), screener.__file__
loaded = pickle.loads(open(sys.argv[1], "rb").read())
queries = [Query(**q) for q in json.loads(sys.argv[2])]
print(json.dumps([
    [[h.entity_id, h.score, h.explanation] for h in loaded.match(q, threshold=0.5)]
    for q in queries
]))
"""


def _is_compiled(name: str) -> bool:
    return not str(importlib.import_module(name).__file__).endswith(".py")


@pytest.mark.skipif(PURE_PYTHON, reason="WATCHLIST_PURE_PYTHON=1 leaves them as Python")
def test_the_query_path_modules_are_compiled() -> None:
    assert [name for name in COMPILED_MODULES if not _is_compiled(name)] == []


@pytest.mark.skipif(PURE_PYTHON, reason="WATCHLIST_PURE_PYTHON=1 leaves them as Python")
def test_the_compiled_code_is_newer_than_its_source() -> None:
    # The code is in one library; each module's own extension only loads it, and is rebuilt
    # only when that changes.
    spec = importlib.util.find_spec(LIBRARY)
    assert spec is not None and spec.origin is not None, f"{LIBRARY} was not built"
    built = Path(spec.origin).stat().st_mtime
    stale = [
        name
        for name in COMPILED_MODULES
        if (SRC / (name.replace(".", "/") + ".py")).stat().st_mtime > built
    ]
    assert stale == [], "edited since compiled: run `make` (setup.py build_ext --inplace --force)"


def test_the_same_source_run_as_python_finds_the_same_hits(
    real_screener: Screener, tmp_path: Path
) -> None:
    package = tmp_path / "src" / "watchlist"
    shutil.copytree(SRC / "watchlist", package, ignore=shutil.ignore_patterns("__pycache__"))
    for name in COMPILED_MODULES:
        stem = package / name.removeprefix("watchlist.").replace(".", "/")
        for built in stem.parent.glob(stem.name + ".*.so"):
            built.unlink()
    saved = tmp_path / "screener.pickle"
    saved.write_bytes(pickle.dumps(real_screener))
    queries = [{"name": q.name, "schema": q.schema} for q in QUERIES]

    run = subprocess.run(
        [sys.executable, "-c", MATCH_AS_PYTHON, str(saved), json.dumps(queries)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(tmp_path / "src")},
        check=False,
    )

    assert run.returncode == 0, run.stderr
    says = subprocess.run(
        [sys.executable, "-c", "from watchlist.cli import cli; cli(['--version'])"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(tmp_path / "src")},
        check=False,
    )
    assert "(query path in Python)" in says.stdout, says.stderr
    compiled = [
        [[h.entity_id, h.score, h.explanation] for h in real_screener.match(q, threshold=0.5)]
        for q in QUERIES
    ]
    assert json.loads(run.stdout) == compiled
    assert sum(len(hits) for hits in compiled) > 20


@pytest.mark.skipif(PURE_PYTHON, reason="WATCHLIST_PURE_PYTHON=1 leaves them as Python")
def test_the_version_says_the_query_path_is_compiled() -> None:
    result = CliRunner().invoke(cli, ["--version"])

    assert result.exit_code == 0
    assert result.stdout.strip().endswith("(query path compiled by mypyc)")


def test_a_screener_and_its_entity_table_survive_pickling(real_screener: Screener) -> None:
    loaded = pickle.loads(pickle.dumps(real_screener))

    assert isinstance(loaded.entities, EntityTable)
    assert len(loaded.entities) == len(real_screener.entities)
    assert loaded.entities[0] == real_screener.entities[0]
    assert [h.entity_id for h in loaded.match(QUERIES[0])] == [
        h.entity_id for h in real_screener.match(QUERIES[0])
    ]
