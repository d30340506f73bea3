"""Store fixtures: every store test runs on SQLite and on the real PostgreSQL server.

Each test session (each xdist worker) creates its own PostgreSQL databases and drops them at the
end, so parallel workers never share tables. PostgreSQL down means failed tests, not skipped ones.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from watchlist.store import Store

PG_ADMIN_URL = os.environ.get(
    "WATCHLIST_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
PG_START = "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start"


class PostgresDatabases:
    """Creates throw-away databases through a connection to the `test` database."""

    def __init__(self, admin: sa.Engine) -> None:
        self._admin = admin
        self._created: list[str] = []

    def create(self, label: str) -> str:
        name = f"watchlist_{label}_{uuid.uuid4().hex[:12]}"
        with self._admin.connect() as connection:
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
        self._created.append(name)
        return self._admin.url.set(database=name).render_as_string(hide_password=False)

    def drop_all(self) -> None:
        with self._admin.connect() as connection:
            for name in self._created:
                connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self._created.clear()


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresDatabases]:
    admin = sa.create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.exec_driver_sql("SELECT 1")
    except sa.exc.OperationalError as error:
        admin.dispose()
        pytest.fail(
            f"PostgreSQL is not reachable at {PG_ADMIN_URL} ({error.orig}); start it: {PG_START}"
        )
    databases = PostgresDatabases(admin)
    yield databases
    databases.drop_all()
    admin.dispose()


@pytest.fixture(scope="session")
def pg_store_engine(postgres: PostgresDatabases) -> Iterator[sa.Engine]:
    """This session's database for the function-scoped stores, migrated once and emptied
    before each test (TRUNCATE is several times faster than a new schema and migrations)."""
    url = postgres.create("store")
    Store.open(url).close()
    engine = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    yield engine
    engine.dispose()


def _empty_postgres(engine: sa.Engine) -> None:
    tables = [name for name in sa.inspect(engine).get_table_names() if name != "alembic_version"]
    with engine.connect() as connection:
        quoted = ", ".join(f'"{name}"' for name in tables)
        connection.exec_driver_sql(f"TRUNCATE {quoted} RESTART IDENTITY CASCADE")


BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """An empty store's URL, on each backend in turn (PostgreSQL: already migrated)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('store') / 'watchlist.db'}"
    engine: sa.Engine = request.getfixturevalue("pg_store_engine")
    _empty_postgres(engine)
    return engine.url.render_as_string(hide_password=False)


@pytest.fixture(params=BACKENDS)
def new_database_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> str:
    """A database nothing has touched, not even migrations, on each backend in turn."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('new') / 'watchlist.db'}"
    databases: PostgresDatabases = request.getfixturevalue("postgres")
    return databases.create("new")


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    opened = Store.open(store_url)
    yield opened
    opened.close()
