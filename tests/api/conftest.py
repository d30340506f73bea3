"""API fixtures: the real server over SQLite and over the real PostgreSQL server (one
throw-away database per session), with the built-in list and a small custom list loaded."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from apiserver import ApiServer, PostgresDatabases, builtin_list, custom_list, start_server

from watchlist.store import Store


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresDatabases]:
    databases = PostgresDatabases()
    databases.check()
    yield databases
    databases.drop_all()


def _prepare_default(store: Store) -> None:
    store.load(builtin_list())
    store.load(custom_list(1))
    store.load(custom_list(2))


def _database(backend: str, postgres_factory: Callable[[], PostgresDatabases], tmp: Path) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp / 'watchlist.db'}"
    return postgres_factory().create()


@pytest.fixture(
    scope="session", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def api(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ApiServer]:
    """A running server over the built-in list and two versions of a small custom list; read
    mostly (tests may add jobs, keys and audit rows, never list versions)."""
    tmp = tmp_path_factory.mktemp(f"api-{request.param}")
    db_url = _database(request.param, lambda: request.getfixturevalue("postgres"), tmp)
    with Store.open(db_url) as store:
        _prepare_default(store)
    from watchlist.sources.builtin import BUILTIN_PATH

    server = start_server(
        db_url,
        tmp / "home",
        env={
            "WATCHLIST_API_LOAD_ROOTS": str(Path(BUILTIN_PATH).resolve()),
            "WATCHLIST_API_MAX_SCREEN_RECORDS": "500",
            "WATCHLIST_API_MAX_MATCH_QUERIES": "20",
        },
    )
    yield server
    server.stop()
