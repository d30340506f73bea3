"""The `watchlist` command: a thin layer over the library. Each group of commands lives in its
own module and is registered here."""

from __future__ import annotations

import logging
import sys

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


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="watchlist")
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
