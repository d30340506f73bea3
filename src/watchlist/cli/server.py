"""`watchlist serve` (the REST API under uvicorn) and `watchlist keys` (API key management)."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from typing import TYPE_CHECKING

import click

from watchlist.settings import Settings

if TYPE_CHECKING:
    from watchlist.store import Store


def _open_store(ctx: click.Context) -> Store:
    from watchlist.store import Store

    return Store.open(ctx.obj.get("db_url"))


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Worker processes; each holds the screening index in memory.",
)
@click.option(
    "--log-level",
    default="info",
    show_default=True,
    type=click.Choice(["critical", "error", "warning", "info", "debug"]),
)
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, workers: int, log_level: str) -> None:
    """Serve the REST API (OpenAPI document at /openapi.json, docs at /docs).

    Settings come from the environment: WATCHLIST_DB (or --db), WATCHLIST_HOME, and
    WATCHLIST_API_* (see docs/api.md). Create the first key with
    `watchlist keys create --role admin`.
    """
    from watchlist.api.server import run_server

    db_url = Settings.from_env(ctx.obj.get("db_url")).db_url
    os.environ["WATCHLIST_DB"] = db_url
    # Migrate once here, so that the workers do not race to create the tables.
    _open_store(ctx).close()
    metrics_dir: str | None = None
    if workers > 1 and not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        metrics_dir = tempfile.mkdtemp(prefix="watchlist-metrics-")
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = metrics_dir
    click.echo(f"watchlist API on http://{host}:{port} ({workers} worker(s))", err=True)
    try:
        run_server(host, port, workers, log_level)
    finally:
        if metrics_dir is not None:
            shutil.rmtree(metrics_dir, ignore_errors=True)


@click.group()
def keys() -> None:
    """Create, list and revoke API keys."""


@keys.command("create")
@click.option(
    "--role",
    required=True,
    type=click.Choice(["screener", "analyst", "admin"]),
    help="screener: match, search, entities, lists; analyst: + screening jobs and diffs; "
    "admin: + loading lists and managing keys.",
)
@click.option("--name", default=None, help="Who or what the key is for.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def create(ctx: click.Context, role: str, name: str | None, as_json: bool) -> None:
    """Create a key. It is printed once and stored only as a hash: keep it safe."""
    from watchlist.api.auth import create_key

    store = _open_store(ctx)
    try:
        created = create_key(store.engine, role, name)
    finally:
        store.close()
    if as_json:
        click.echo(json.dumps({**created.key.to_builtins(), "key": created.secret}))
        return
    click.echo(f"key id {created.key.id} ({created.key.role.value}, {created.key.name!r}):")
    click.echo(created.secret)
    click.echo("This is the only time the key is shown; it is stored as a hash.", err=True)


@keys.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def list_(ctx: click.Context, as_json: bool) -> None:
    """List keys (id, role, name, first characters, created, revoked)."""
    from watchlist.api.auth import list_keys

    store = _open_store(ctx)
    try:
        found = list_keys(store.engine)
    finally:
        store.close()
    if as_json:
        click.echo(json.dumps([k.to_builtins() for k in found]))
        return
    if not found:
        click.echo("no keys; create one with `watchlist keys create --role admin`")
        return
    for key in found:
        state = f"revoked {key.revoked_at:%Y-%m-%d %H:%M}" if key.revoked_at else "active"
        click.echo(
            f"{key.id:>4}  {key.role.value:<8}  {key.key_prefix}…  "
            f"{key.created_at:%Y-%m-%d %H:%M}  {state:<24}  {key.name}"
        )


@keys.command("revoke")
@click.argument("key_id", type=int)
@click.pass_context
def revoke(ctx: click.Context, key_id: int) -> None:
    """Revoke key KEY_ID; servers stop accepting it within WATCHLIST_API_KEY_CACHE_SECONDS."""
    from watchlist.api.auth import revoke_key

    store = _open_store(ctx)
    try:
        key = revoke_key(store.engine, key_id)
    finally:
        store.close()
    click.echo(f"revoked key {key.id} ({key.role.value}, {key.name!r})")


COMMANDS = [serve, keys]
