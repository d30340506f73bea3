"""`watchlist exposure ID`: the paths, with relation and source, from the store or the built-in
list."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from watchlist.cli import cli
from watchlist.sources.builtin import load_builtin
from watchlist.store import Store


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('exposure') / 'store.db'}"
    with Store.open(url) as store:
        store.load(load_builtin())
    return url


def test_lists_paths_from_the_store_with_relation_and_source(db: str) -> None:
    result = run("--db", db, "exposure", "builtin-tren-de-aragua")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == (
        "Tren de Aragua (builtin-tren-de-aragua): 3 paths to designated parties within 3 "
        "steps, on the current lists"
    )
    assert "1. Cartel de los Soles [SDGT, FTO] (builtin-cartel-de-los-soles)" in lines
    assert "   Tren de Aragua ←support— Cartel de los Soles" in lines
    assert (
        "      provides material support to (OFAC SDGT designation); "
        "https://home.treasury.gov/news/press-releases; 2025-07-25"
    ) in lines


def test_json_output_with_depth_and_as_of(db: str) -> None:
    result = run(
        "--db", db, "exposure", "builtin-tren-de-aragua", "--depth", "1", "--as-of", "2025-11-24",
        "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["as_of"] == "2025-11-24" and payload["depth"] == 1
    [path] = payload["paths"]
    assert path["target_id"] == "builtin-cartel-de-los-soles"
    assert path["target_programs"] == ["SDGT", "FTO"]
    [step] = path["steps"]
    assert (step["kind"], step["direction"], step["stated_on"], step["stated_by"]) == (
        "support",
        "backward",
        "2025-07-25",
        "builtin-cartel-de-los-soles",
    )


def test_builtin_flag_needs_no_store(tmp_path: Path) -> None:
    result = run("--db", f"sqlite:///{tmp_path / 'empty.db'}", "exposure", "--builtin",
                 "builtin-nicolas-maduro-moros", "--as-of", "2025-07-24")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Nicolás Maduro Moros (builtin-nicolas-maduro-moros): 2 paths")


def test_unknown_id_is_a_one_line_error(db: str) -> None:
    result = run("--db", db, "exposure", "ofac-sdn-1")
    assert result.exit_code == 1
    assert "entity 'ofac-sdn-1' is not in the network" in result.output
