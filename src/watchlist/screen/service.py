"""The screener for what the store holds: built once per set of active list versions and kept
on disk, rebuilt when a version changes. The only module of the matching side that touches
the store."""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
from collections.abc import Sequence
from pathlib import Path

from watchlist import __version__
from watchlist.errors import NotFoundError, WatchlistError
from watchlist.screen.screener import FORMAT, Screener
from watchlist.settings import Settings
from watchlist.store import ListVersion, Store

log = logging.getLogger(__name__)

INDEX_FILE = "screener.pickle"


def index_key(versions: Sequence[ListVersion]) -> str:
    """What a saved index depends on: the active versions (id and file checksums), the index
    layout and the watchlist release. Any change gives another key, hence a rebuild."""
    described = [
        {
            "source": v.source,
            "id": v.id,
            "checksum": v.checksum,
            "files": sorted(f.sha256 for f in v.files),
        }
        for v in sorted(versions, key=lambda v: (v.source, v.id))
    ]
    payload = json.dumps({"versions": described, "format": FORMAT, "watchlist": __version__})
    return hashlib.sha256(payload.encode()).hexdigest()[:24]


def default_index_dir() -> Path:
    return Settings.from_env().data_dir / "index"


def screener_for_store(store: Store, *, index_dir: Path | None = None) -> Screener:
    """The screener over every active list version of `store`, from the saved index when one
    matches the active versions, else built and saved (older saved indexes are removed)."""
    versions = store.active_versions()
    if not versions:
        raise NotFoundError(
            "no list is loaded: run `watchlist load builtin` for the built-in list, or "
            "`watchlist load SOURCE PATH` (e.g. `watchlist load ofac-sdn sdn-folder/`)"
        )
    folder = Path(index_dir) if index_dir is not None else default_index_dir()
    key = index_key(versions)
    path = folder / key / INDEX_FILE
    if path.is_file():
        try:
            return Screener.load(path)
        except WatchlistError as error:
            log.warning("saved index unusable, rebuilding: %s", error)
    shown = ", ".join(f"{v.source} v{v.id}" for v in versions)
    log.info("building the screening index for %s", shown)
    screener = Screener.from_entities(store.active_entities())
    screener.save(path)
    _remove_stale(folder, keep=key)
    return screener


def screener_for_url(db_url: str | None, *, index_dir: Path | None = None) -> Screener:
    with Store.open(db_url) as store:
        return screener_for_store(store, index_dir=index_dir)


def _remove_stale(folder: Path, *, keep: str) -> None:
    for child in folder.iterdir():
        if child.is_dir() and child.name != keep and (child / INDEX_FILE).is_file():
            shutil.rmtree(child, ignore_errors=True)
