"""The store-backed screener: built once per set of active list versions, kept on disk."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from watchlist.errors import NotFoundError
from watchlist.match.types import Query
from watchlist.model import Entity, Name, Schema
from watchlist.screen.service import INDEX_FILE, index_key, screener_for_store
from watchlist.sources import ParsedList
from watchlist.store import Store


def parsed(source: str, *names: str) -> ParsedList:
    entities = tuple(
        Entity(id=f"{source}-{i}", schema=Schema.ORGANIZATION, source=source, source_id=str(i),
               names=(Name(name),))
        for i, name in enumerate(names, start=1)
    )  # fmt: skip
    return ParsedList(source=source, entities=entities, files=())


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(f"sqlite:///{tmp_path / 'store.db'}") as opened:
        yield opened


def test_empty_store_says_how_to_load_a_list(store: Store, tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="run `watchlist load builtin`"):
        screener_for_store(store, index_dir=tmp_path / "index")


def test_index_is_built_once_and_reused(store: Store, tmp_path: Path) -> None:
    store.load(parsed("custom", "Cartel de los Soles", "Tren de Aragua"))
    folder = tmp_path / "index"

    first = screener_for_store(store, index_dir=folder)
    second = screener_for_store(store, index_dir=folder)

    key = index_key(store.active_versions())
    assert first.path == second.path == folder / key / INDEX_FILE
    assert second.path is not None and second.path.is_file()
    assert [h.entity_id for h in second.match(Query("Tren de Aragua"))] == ["custom-2"]


def test_new_list_version_rebuilds_and_drops_the_old_index(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "index"
    store.load(parsed("custom", "Cartel de los Soles"))
    old = screener_for_store(store, index_dir=folder)

    store.load(parsed("custom", "Cartel de los Soles", "Sinaloa Cartel"))
    new = screener_for_store(store, index_dir=folder)

    assert old.path != new.path
    assert old.path is not None and not old.path.exists()
    assert [h.entity_id for h in new.match(Query("Cartel de Sinaloa"))] == ["custom-2"]


def test_every_active_list_is_indexed(store: Store, tmp_path: Path) -> None:
    store.load(parsed("custom", "Cartel de los Soles"))
    store.load(parsed("builtin", "Hizballah"))

    screener = screener_for_store(store, index_dir=tmp_path / "index")

    assert {e.source for e in screener.entities} == {"custom", "builtin"}
    assert [h.entity_id for h in screener.match(Query("Hezbollah"))] == ["builtin-1"]


def test_damaged_index_file_is_rebuilt(store: Store, tmp_path: Path) -> None:
    store.load(parsed("custom", "Cartel de los Soles"))
    folder = tmp_path / "index"
    path = screener_for_store(store, index_dir=folder).path
    assert path is not None
    path.write_bytes(b"not a pickle")

    rebuilt = screener_for_store(store, index_dir=folder)

    assert rebuilt.match(Query("Cartel de los Soles"))[0].entity_id == "custom-1"
