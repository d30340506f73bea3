"""The `watchlist` command: a thin layer over the library. Each group of commands lives in its
own module and is registered here."""

from __future__ import annotations

import logging
import sys
import sysconfig
from pathlib import Path

import click

from watchlist import __version__
from watchlist.errors import WatchlistError


class _Group(click.Group):
    """Turns WatchlistError into a one-line message and exit status 1 instead of a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except WatchlistError as error:
            click.echo(f"error: {error}", err=True)
            sys.exit(1)


def _query_path() -> str:
    """How the query path runs here: compiled by mypyc (setup.py), or as Python. Read off the
    files, so that `--version` imports nothing heavy."""
    package = Path(__file__).resolve().parent.parent
    compiled = sysconfig.get_config_var("EXT_SUFFIX") or ".so"
    built = (package / "screen" / "screener").with_suffix(compiled)
    return "query path compiled by mypyc" if built.is_file() else "query path in Python"


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(f"watchlist, version {__version__} ({_query_path()})")
        ctx.exit()


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_print_version,
    help="Show the version, and whether the query path runs compiled, and exit.",
)
@click.option(
    "--db",
    "db_url",
    envvar="WATCHLIST_DB",
    default=None,
    help="Store URL (any SQLAlchemy URL). Default: a SQLite file in the user data dir.",
)
@click.option("-v", "--verbose", is_flag=True, help="Log progress details to stderr.")
@click.pass_context
def cli(ctx: click.Context, db_url: str | None, verbose: bool) -> None:
    """Screen names against official sanctions and terrorist-designation lists."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(message)s")
    ctx.ensure_object(dict)
    ctx.obj["db_url"] = db_url


def _register() -> None:
    import importlib

    for module in ("lists", "screening", "network", "server", "demo"):
        try:
            commands = importlib.import_module(f"watchlist.cli.{module}")
        except ModuleNotFoundError as error:
            if error.name != f"watchlist.cli.{module}":
                raise
            continue
        for command in getattr(commands, "COMMANDS", ()):
            cli.add_command(command)


_register()


def main() -> None:
    cli(prog_name="watchlist")
