"""`watchlist keys create/list/revoke` and `watchlist serve --help`, through click."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from watchlist.api.auth import find_key
from watchlist.cli import cli
from watchlist.store import Store


def test_keys_create_list_and_revoke(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'w.db'}"
    runner = CliRunner()
    created = runner.invoke(
        cli, ["--db", db, "keys", "create", "--role", "analyst", "--name", "batch robot", "--json"]
    )
    assert created.exit_code == 0, created.output
    key = json.loads(created.output)
    assert key["role"] == "analyst" and key["name"] == "batch robot"
    assert key["key"].startswith("wl_") and len(key["key"]) == 46
    with Store.open(db) as store:
        found = find_key(store.engine, key["key"])
    assert found is not None and found.id == key["id"]

    listed = runner.invoke(cli, ["--db", db, "keys", "list"])
    assert listed.exit_code == 0
    assert "analyst" in listed.output and "batch robot" in listed.output
    assert key["key"] not in listed.output  # only its first characters
    assert key["key"][:9] in listed.output

    revoked = runner.invoke(cli, ["--db", db, "keys", "revoke", str(key["id"])])
    assert revoked.exit_code == 0
    assert revoked.output.strip() == f"revoked key {key['id']} (analyst, 'batch robot')"
    with Store.open(db) as store:
        assert find_key(store.engine, key["key"]) is None
    again = json.loads(runner.invoke(cli, ["--db", db, "keys", "list", "--json"]).output)
    assert again[0]["active"] is False


def test_keys_create_refuses_an_unknown_role_and_revoke_an_unknown_id(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'w.db'}"
    runner = CliRunner()
    bad_role = runner.invoke(cli, ["--db", db, "keys", "create", "--role", "root"])
    assert bad_role.exit_code == 2
    assert "'root' is not one of 'screener', 'analyst', 'admin'" in bad_role.output
    missing = runner.invoke(cli, ["--db", db, "keys", "revoke", "99"])
    assert missing.exit_code == 1
    assert "no API key with id 99" in missing.output


def test_serve_help_names_its_options() -> None:
    result = CliRunner().invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--host", "--port", "--workers"):
        assert option in result.output
