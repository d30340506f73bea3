"""`watchlist load | sync | lists | show | diff` on the real UN lists, through click's runner."""

from __future__ import annotations

import dataclasses
import functools
import json
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import watchlist.sources.uk as uk_module
import watchlist.sources.un as un_module
from watchlist.cli import cli
from watchlist.cli.lists import COMMANDS

UN_2025 = "un-sc-2025-04/consolidated.xml"
UN_2026 = "un-sc/consolidated.xml"


def run(db: str, *args: str) -> Result:
    # Wide enough that rich does not fold table cells in the middle of what the tests look for.
    return CliRunner(env={"COLUMNS": "200"}).invoke(cli, ["--db", db, *args])


@pytest.fixture(scope="module")
def un_db(tmp_path_factory: pytest.TempPathFactory, shared_data: Path) -> str:
    """A store with the April 2025 UN list as version 1 and the February 2026 list as 2."""
    db = f"sqlite:///{tmp_path_factory.mktemp('cli') / 'un.db'}"
    for path in (UN_2025, UN_2026):
        result = run(db, "load", "un-sc", str(shared_data / path))
        assert result.exit_code == 0, result.output
    return db


@pytest.fixture
def empty_db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'x.db'}"


def test_load_prints_the_version_counts_and_warnings(empty_db: str, shared_data: Path) -> None:
    result = run(empty_db, "load", "un-sc", str(shared_data / UN_2026))

    assert result.exit_code == 0, result.output
    assert "Loaded un-sc as version 1: 1,003 entities, published 2026-02-27." in result.stdout
    lines = [line.split() for line in result.stdout.splitlines()]
    assert ["Organization", "273"] in lines
    assert ["Person", "730"] in lines
    assert "rejected records: 0." in result.stdout


def test_loading_the_same_file_again_loads_nothing(empty_db: str, shared_data: Path) -> None:
    run(empty_db, "load", "un-sc", str(shared_data / UN_2026))

    result = run(empty_db, "load", "un-sc", str(shared_data / UN_2026))

    assert result.exit_code == 0
    assert "the files are the same as active version 1" in result.stdout
    assert "--force" in result.stdout


def test_a_damaged_file_is_one_error_line_and_exit_1(empty_db: str, tmp_path: Path) -> None:
    damaged = tmp_path / "consolidated.xml"
    damaged.write_text('<?xml version="1.0"?>\n<CONSOLIDATED_LIST><INDIVIDUALS><INDIV')

    result = run(empty_db, "load", "un-sc", str(damaged))

    assert result.exit_code == 1
    assert result.stderr.startswith("error: ")
    assert "consolidated.xml" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert json.loads(run(empty_db, "lists", "--json").stdout) == []


def test_damaged_ofac_files_are_refused_and_the_active_version_kept(
    empty_db: str, shared_data: Path
) -> None:
    assert run(empty_db, "load", "un-sc", str(shared_data / UN_2026)).exit_code == 0

    result = run(empty_db, "load", "ofac-sdn", str(shared_data / "ofac-invalid"))

    assert result.exit_code == 1
    assert result.stderr.startswith("error: sdn.csv line 7380: ")
    assert len(result.stderr.strip().splitlines()) == 1
    versions = json.loads(run(empty_db, "lists", "--all", "--json").stdout)
    assert [(v["id"], v["source"], v["status"]) for v in versions] == [(1, "un-sc", "active")]


def test_load_asks_for_a_path_except_for_the_builtin_list(empty_db: str) -> None:
    result = run(empty_db, "load", "un-sc")

    assert result.exit_code == 2
    assert "PATH is required for un-sc" in result.output


def test_builtin_list_loads_without_a_path_and_shows_its_claims(empty_db: str) -> None:
    loaded = run(empty_db, "load", "builtin")

    assert loaded.exit_code == 0, loaded.output
    assert "Loaded builtin as version 1:" in loaded.stdout
    shown = run(empty_db, "show", "Cartel de los Soles")
    assert shown.exit_code == 0, shown.output
    assert "builtin-cartel-de-los-soles" in shown.stdout
    assert "Claims (statements, not designations)" in shown.stdout
    assert "disputes" in shown.stdout


def test_lists_shows_active_versions_and_all_with_the_flag(un_db: str) -> None:
    active = json.loads(run(un_db, "lists", "--json").stdout)
    everything = json.loads(run(un_db, "lists", "--all", "--json").stdout)

    assert [(v["id"], v["source"], v["status"]) for v in active] == [(2, "un-sc", "active")]
    assert active[0]["counts"] == {"total": 1003, "Organization": 273, "Person": 730}
    assert active[0]["published_on"] == "2026-02-27"
    assert [(v["id"], v["status"], v["entity_count"]) for v in everything] == [
        (2, "active", 1003),
        (1, "superseded", 877),
    ]
    table = run(un_db, "lists").stdout
    assert "un-sc" in table and "1,003" in table and "877" not in table


def test_lists_notes_prints_every_parser_warning_of_a_version(un_db: str) -> None:
    notes = json.loads(run(un_db, "lists", "--notes", "2", "--json").stdout)

    assert len(notes["warnings"]) == 6
    assert any("QDi.291" in warning and "Hijri" in warning for warning in notes["warnings"])
    assert notes["rejected"] == []
    assert notes["meta"]["date_generated"].startswith("2026-02-27")
    human = run(un_db, "lists", "--notes", "2").stdout
    assert "Version 2: 6 warnings, 0 rejected." in human


def test_show_by_list_id_renders_names_designation_facts_and_relations(un_db: str) -> None:
    result = run(un_db, "show", "QDi.006")

    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "AIMAN MUHAMMED RABI AL-ZAWAHIRI" in out
    assert "un-sc-qdi-006 · Person · un-sc QDi.006" in out
    assert "أيمن محمد ربيع الظواهري" in out
    assert "UN Security Council Consolidated List" in out
    assert "2001-01-25" in out
    assert "1951-06-19 (day)" in out
    assert "Giza, Egypt" in out
    assert "(un-sc-qde-004)" in out  # the relation's target, resolved in the store


def test_show_json_resolves_relation_targets(un_db: str) -> None:
    result = run(un_db, "show", "un-sc-qdi-006", "--json")

    data = json.loads(result.stdout)
    assert data["caption"] == "AIMAN MUHAMMED RABI AL-ZAWAHIRI"
    assert data["birth_dates"][0]["year"] == 1951
    targets = {(r["resolved_id"], r["resolved_caption"]) for r in data["relations"]}
    assert ("un-sc-qde-004", "AL-QAIDA") in targets


def test_show_lists_several_matches_and_exits_1(un_db: str) -> None:
    result = run(un_db, "show", "haji", "--json")

    assert result.exit_code == 1
    ids = [match["id"] for match in json.loads(result.stdout)["matches"]]
    assert "un-sc-qdi-265" in ids and "un-sc-tae-010" in ids
    human = run(un_db, "show", "haji")
    assert "run `watchlist show ID` with one id" in human.stdout


def test_show_picks_the_one_exact_name_among_substring_matches(un_db: str) -> None:
    result = run(un_db, "show", "al-qaida", "--json")

    assert result.exit_code == 0
    assert json.loads(result.stdout)["id"] == "un-sc-qde-004"


def test_show_of_a_delisted_entry_is_not_found(un_db: str) -> None:
    result = run(un_db, "show", "QDi.317")

    assert result.exit_code == 1
    assert "error: no entity of the active lists matches 'QDi.317'" in result.stderr


def test_diff_of_the_un_list_2025_to_2026(un_db: str) -> None:
    data = json.loads(run(un_db, "diff", "un-sc", "1", "2", "--json").stdout)

    assert data["counts"]["added"] == 130
    assert [e["id"] for e in data["removed"]] == [
        "un-sc-iqi-074",
        "un-sc-qdi-317",
        "un-sc-qdi-328",
        "un-sc-qdi-336",
    ]
    assert sum(e["id"].startswith(("un-sc-iri-", "un-sc-ire-")) for e in data["added"]) == 121
    for change in data["changed"]:
        assert set(change["before"]) == set(change["after"]) == set(change["fields"])
    human = run(un_db, "diff", "un-sc", "1", "2", "--limit", "2").stdout
    assert "un-sc 1 → 2: 130 added, 4 removed" in human
    assert "… and 128 more (--limit 0 shows all)" in human


def test_diff_of_an_unknown_version_is_an_error(un_db: str) -> None:
    result = run(un_db, "diff", "un-sc", "1", "9")

    assert result.exit_code == 1
    assert "no list version 9" in result.stderr


def test_sync_offline_names_the_url(empty_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    unreachable = "http://127.0.0.1:9/consolidated.xml"
    monkeypatch.setattr(
        un_module, "UN_SC", dataclasses.replace(un_module.UN_SC, urls=(unreachable,))
    )

    result = run(empty_db, "sync", "un-sc")

    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: could not download {unreachable}: ")
    assert "watchlist load un-sc PATH" in result.stderr


def test_sync_of_a_retired_list_says_what_replaces_it(
    empty_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    unreachable = "http://127.0.0.1:9/ConList.xlsx"
    monkeypatch.setattr(
        uk_module, "UK_OFSI", dataclasses.replace(uk_module.UK_OFSI, urls=(unreachable,))
    )

    result = run(empty_db, "sync", "uk-ofsi")

    assert "warning: OFSI retired its Consolidated List on 28 January 2026" in result.stderr
    assert "`uk-fcdo`" in result.stderr


@pytest.fixture
def list_server(shared_data: Path) -> Iterator[str]:
    """A real HTTP server on 127.0.0.1 serving the shared list files."""
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(shared_data))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_sync_downloads_and_loads_the_list(
    empty_db: str, list_server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = dataclasses.replace(un_module.UN_SC, urls=(f"{list_server}/{UN_2026}",))
    monkeypatch.setattr(un_module, "UN_SC", spec)

    result = run(empty_db, "sync", "un-sc")

    assert result.exit_code == 0, result.output
    assert "Loaded un-sc as version 1: 1,003 entities" in result.stdout


def test_sync_refuses_a_source_without_a_download_url(
    empty_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(un_module, "UN_SC", dataclasses.replace(un_module.UN_SC, urls=()))

    result = run(empty_db, "sync", "un-sc")

    assert result.exit_code == 2
    assert "un-sc has no official download URL" in result.output


@pytest.mark.parametrize("command", [c.name for c in COMMANDS])
def test_every_list_command_explains_itself(command: str) -> None:
    result = CliRunner().invoke(cli, [command, "--help"])

    assert result.exit_code == 0
    assert (
        f"Usage: cli {command}" in result.output or f"Usage: watchlist {command}" in result.output
    )
    help_line = next(c for c in COMMANDS if c.name == command).help
    assert help_line and help_line.split("\n")[0][:40] in " ".join(result.output.split())
