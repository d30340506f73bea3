"""Alembic, driven from code: the migrations ship inside the package (store/alembic/) and run on
every `Store.open`, so users never call the alembic command."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError

from watchlist.errors import StoreError

SCRIPT_LOCATION = Path(__file__).resolve().parent / "alembic"


def alembic_config(url: str | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(SCRIPT_LOCATION))
    if url is not None:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(engine: sa.Engine) -> None:
    """Bring the database to every head revision; a no-op when it is already there."""
    config = alembic_config()
    scripts = ScriptDirectory.from_config(config)
    heads = set(scripts.get_heads())
    with engine.connect() as connection:
        current = set(MigrationContext.configure(connection).get_current_heads())
    if current == heads:
        return
    unknown = current - {script.revision for script in scripts.walk_revisions()}
    if unknown:
        raise StoreError(
            f"the store at {engine.url.render_as_string(hide_password=True)} is at revision "
            f"{', '.join(sorted(unknown))}, which this watchlist does not know: it was migrated "
            "by a newer watchlist; upgrade watchlist or open another store"
        )
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        try:
            command.upgrade(config, "heads")
        except CommandError as error:
            raise StoreError(f"cannot migrate the store: {error}") from error


def current_revisions(engine: sa.Engine) -> set[str]:
    with engine.connect() as connection:
        return set(MigrationContext.configure(connection).get_current_heads())
