"""The screening index a worker serves, and its replacement when the active lists change.

Each worker holds one `IndexSnapshot` (the Screener plus the list versions it was built from).
A background task asks the store every few seconds which versions are active; when they differ
from the snapshot's, it builds or loads the new index in a thread and then replaces the
snapshot reference in one assignment. A request takes the snapshot once when it starts and uses
only that one, so requests in flight finish on the old index and none is lost or mixed.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from starlette.concurrency import run_in_threadpool

from watchlist.api.metrics import Metrics
from watchlist.screen.settle import settle_for_screening
from watchlist.store import ListVersion, Store

try:
    import fcntl
except ImportError:  # Windows: no lock; each worker may build the index itself
    fcntl = None  # type: ignore[assignment]

if TYPE_CHECKING:
    from watchlist.screen import Screener

log = logging.getLogger(__name__)

BuildIndex = Callable[[Store], "Screener"]


def fingerprint(versions: Sequence[ListVersion]) -> tuple[int, ...]:
    return tuple(sorted(version.id for version in versions))


@dataclass(frozen=True)
class IndexSnapshot:
    screener: Screener
    versions: tuple[ListVersion, ...]
    loaded_at: datetime
    # Per-entity values derived for responses (FtM properties, topics), computed once per index.
    derived: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def fingerprint(self) -> tuple[int, ...]:
        return fingerprint(self.versions)

    @property
    def version_ids(self) -> list[int]:
        return [version.id for version in self.versions]

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(version.source for version in self.versions)

    def version_of(self, source: str) -> ListVersion | None:
        for version in self.versions:
            if version.source == source:
                return version
        return None


def index_builder(index_dir: Path) -> BuildIndex:
    """The engine's screener for the store's active versions, from its on-disk cache in
    `index_dir` (screen/service.py). Workers take turns through a file lock, so that one
    builds and saves the index while the others wait and then load the saved copy, instead of
    every worker building the same index at once."""

    def build(store: Store) -> Screener:
        from watchlist.screen.service import screener_for_store

        index_dir.mkdir(parents=True, exist_ok=True)
        with (index_dir / ".build.lock").open("a") as lock:
            if fcntl is not None:
                fcntl.flock(lock, fcntl.LOCK_EX)
            return screener_for_store(store, index_dir=index_dir)

    return build


class ServingIndex:
    def __init__(
        self,
        store: Store,
        *,
        check_seconds: float,
        metrics: Metrics,
        build: BuildIndex,
    ) -> None:
        self._store = store
        self._check_seconds = check_seconds
        self._metrics = metrics
        self._build = build
        self._snapshot: IndexSnapshot | None = None
        self._active: tuple[ListVersion, ...] = ()  # what the store said last time
        self._lock = asyncio.Lock()
        self._task: asyncio.Task[None] | None = None
        self._pending: set[asyncio.Task[IndexSnapshot | None]] = set()
        self.last_error: str | None = None
        self.last_check: float = 0.0

    @property
    def snapshot(self) -> IndexSnapshot | None:
        return self._snapshot

    @property
    def active_versions(self) -> tuple[ListVersion, ...]:
        return self._active

    def start(self) -> None:
        self._task = asyncio.create_task(self._watch(), name="index-watch")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    def refresh_soon(self) -> None:
        """Refresh in the background (after this worker loaded a list itself)."""
        task = asyncio.create_task(self.refresh(), name="index-refresh")
        self._pending.add(task)
        task.add_done_callback(self._refreshed)

    def _refreshed(self, task: asyncio.Task[IndexSnapshot | None]) -> None:
        self._pending.discard(task)
        if not task.cancelled() and task.exception() is not None:
            self.last_error = f"{type(task.exception()).__name__}: {task.exception()}"
            log.error("could not refresh the screening index: %s", self.last_error)

    async def refresh(self) -> IndexSnapshot | None:
        """Ask the store now and swap in a new index if the active versions changed."""
        async with self._lock:
            return await self._refresh_locked()

    async def _refresh_locked(self) -> IndexSnapshot | None:
        versions = tuple(await run_in_threadpool(self._store.active_versions))
        self.last_check = time.monotonic()
        self._active = versions
        current = self._snapshot
        if current is not None and current.fingerprint == fingerprint(versions):
            return current
        if not versions:
            if current is not None:
                log.warning("no active list versions any more; keeping the last index")
            return current
        started = time.perf_counter()
        screener = await run_in_threadpool(self._build, self._store)
        # The engine reads the active versions itself; if a load committed meanwhile, the
        # screener may hold the newer set, so label it only when the set held still.
        after = tuple(await run_in_threadpool(self._store.active_versions))
        if fingerprint(after) != fingerprint(versions):
            self._active = after
            log.info("list versions changed while indexing; indexing again")
            return await self._refresh_locked()
        snapshot = IndexSnapshot(screener, versions, datetime.now(UTC))
        self._snapshot = snapshot
        settle_for_screening()
        self.last_error = None
        self._metrics.index_reloads.inc()
        self._metrics.index_entities.set(sum(v.entity_count for v in versions))
        log.info(
            "serving index for list versions %s (built or loaded in %.1f s)",
            snapshot.version_ids,
            time.perf_counter() - started,
        )
        return snapshot

    async def _watch(self) -> None:
        delay = self._check_seconds
        while True:
            try:
                await self.refresh()
                delay = self._check_seconds
            except asyncio.CancelledError:
                raise
            except Exception as error:
                self.last_error = f"{type(error).__name__}: {error}"
                log.exception("could not refresh the screening index; keeping the current one")
                delay = min(max(delay * 2, self._check_seconds), 60.0)
            await asyncio.sleep(delay)
