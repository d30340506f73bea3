"""Alembic environment for watchlist. Migrations run from `watchlist.store.migrations.upgrade`,
which passes an open connection in `config.attributes["connection"]`; the `alembic` command line
works too, with the URL in `sqlalchemy.url`."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import context

from watchlist.store.tables import metadata

config = context.config


def _include_object(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    # Other modules own tables of their own (API keys, audit log, cases): autogenerate must
    # not offer to drop them just because they are not in this metadata.
    return not (type_ == "table" and reflected and compare_to is None)


def _run(connection: sa.Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        include_object=_include_object,
        # SQLite cannot ALTER most things in place; batch mode copies the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = sa.create_engine(config.get_main_option("sqlalchemy.url") or "")
    with engine.connect() as connection:
        _run(connection)
    engine.dispose()


if context.is_offline_mode():
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=metadata,
        literal_binds=True,
    )
    with context.begin_transaction():
        context.run_migrations()
else:
    run_migrations_online()
