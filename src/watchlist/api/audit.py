"""The audit log of screening requests: who asked (key id), when, against which list versions,
what, and what came back (entity ids and scores).

A request's row is committed before its response is sent. Rows from concurrent requests are
written together (one transaction per batch) by one writer thread per worker, so that logging
every request costs one commit per batch rather than one per request.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from watchlist.api.tables import audit_log

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AuditRecord:
    action: str  # "match", "screen"
    key_id: int | None
    version_ids: Sequence[int]
    request: dict[str, Any]
    results: Any  # {query: [[entity_id, score], ...]} for match; hit rows for screen jobs
    result_count: int
    dataset: str | None = None
    job_id: str | None = None
    created_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    def row(self) -> dict[str, Any]:
        return {
            "created_at": self.created_at,
            "key_id": self.key_id,
            "action": self.action,
            "dataset": self.dataset,
            "version_ids": list(self.version_ids),
            "request": self.request,
            "results": self.results,
            "result_count": self.result_count,
            "job_id": self.job_id,
        }


SQLITE_WRITE_WAIT_MS = 120_000


def wait_for_writers(conn: sa.Connection) -> None:
    """SQLite has one writer at a time, and loading a list holds the lock for seconds; the
    driver's default 5 s wait would fail audit writes (and so the requests) during a load, so
    the API's own writes wait up to two minutes instead."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(f"PRAGMA busy_timeout = {SQLITE_WRITE_WAIT_MS}")


_Pending = tuple[AuditRecord, asyncio.Future[None], asyncio.AbstractEventLoop]


class AuditLog:
    def __init__(self, engine: sa.Engine, max_batch: int = 500) -> None:
        self._engine = engine
        self._max_batch = max_batch
        self._pending: list[_Pending] = []
        self._wake = threading.Condition()
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="audit-writer", daemon=True)
        self._thread.start()

    async def record(self, record: AuditRecord) -> None:
        """Returns once the record is committed; raises if it could not be written, so that a
        screening answer is never given without its audit row."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[None] = loop.create_future()
        with self._wake:
            if self._closed:
                raise RuntimeError("the audit log is closed")
            self._pending.append((record, future, loop))
            self._wake.notify()
        await future

    def record_now(self, record: AuditRecord) -> None:
        """Write one record from a worker thread (batch jobs), in its own transaction."""
        with self._engine.begin() as conn:
            wait_for_writers(conn)
            conn.execute(sa.insert(audit_log), [record.row()])

    def close(self) -> None:
        with self._wake:
            self._closed = True
            self._wake.notify()
        self._thread.join(timeout=10)

    def _run(self) -> None:
        while True:
            with self._wake:
                while not self._pending and not self._closed:
                    self._wake.wait()
                if not self._pending and self._closed:
                    return
                batch = self._pending[: self._max_batch]
                del self._pending[: self._max_batch]
            error: BaseException | None = None
            try:
                with self._engine.begin() as conn:
                    wait_for_writers(conn)
                    conn.execute(sa.insert(audit_log), [record.row() for record, _, _ in batch])
            except Exception as exc:
                log.exception("could not write %d audit records", len(batch))
                error = exc
            for _record, future, loop in batch:
                loop.call_soon_threadsafe(_settle, future, error)


def _settle(future: asyncio.Future[None], error: BaseException | None) -> None:
    if future.done():
        return
    if error is None:
        future.set_result(None)
    else:
        future.set_exception(error)


def recent_records(engine: sa.Engine, limit: int = 100) -> list[dict[str, Any]]:
    """The newest audit rows, newest first (for tests and administrators)."""
    query = sa.select(audit_log).order_by(audit_log.c.id.desc()).limit(limit)
    with engine.connect() as conn:
        return [dict(row._mapping) for row in conn.execute(query)]
