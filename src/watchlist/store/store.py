"""The versioned store: every loaded version of every list, one of them active per source.

A load is one transaction: readers keep seeing the previous version until the new one commits,
and a failure half-way leaves nothing behind.
"""

from __future__ import annotations

import hashlib
import logging
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import psycopg
import sqlalchemy as sa
from normality import normalize
from sqlalchemy import event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import StaticPool

from watchlist.errors import ListShrinkRefused, NotFoundError, StoreError
from watchlist.model import Entity
from watchlist.model.codec import entity_from_json, entity_to_json
from watchlist.settings import Settings
from watchlist.sources.base import ParsedList, RejectedRecord, SourceFile
from watchlist.store import migrations
from watchlist.store.tables import entities, entity_names, list_versions
from watchlist.store.versions import ListDiff, ListVersion, VersionStatus, changed_fields

log = logging.getLogger(__name__)

SHRINK_LIMIT = 0.10  # refuse a version with more than 10% fewer entries than the active one
BATCH_SIZE = 1000
_LOADING = "loading"  # a version's status inside its load transaction; never seen committed

ProgressCallback = Callable[[int, int], None]
_IntegrityErrors = (sa.exc.IntegrityError, psycopg.errors.IntegrityError)


@dataclass(frozen=True, slots=True)
class VersionNotes:
    """What the parser reported while reading a version: kept so that nothing is lost."""

    warnings: tuple[str, ...]
    rejected: tuple[RejectedRecord, ...]
    meta: dict[str, str]


@lru_cache(maxsize=1 << 16)
def normalize_text(text: str) -> str:
    """The form names are searched in: lower case, ASCII, punctuation as spaces. Cached: each
    new version of a list repeats nearly all the names of the last."""
    return normalize(text, lowercase=True, ascii=True) or ""


def database_url(url: str | None = None) -> URL:
    """The URL the store opens: `url`, else WATCHLIST_DB, else a SQLite file in the data dir.
    Plain `postgresql://` URLs get the psycopg 3 driver, which is the one installed."""
    parsed = make_url(Settings.from_env(url).db_url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


_IMMEDIATE = "watchlist_sqlite_immediate"


def _is_memory_sqlite(url: URL) -> bool:
    return url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:")


def _create_engine(url: URL) -> sa.Engine:
    if url.get_backend_name() != "sqlite":
        # A server outlives database restarts; check a pooled connection before using it.
        return sa.create_engine(url, pool_pre_ping=True)
    if _is_memory_sqlite(url):
        engine = sa.create_engine(
            url, poolclass=StaticPool, connect_args={"check_same_thread": False}
        )
    else:
        assert url.database is not None
        if not url.database.startswith("file:"):
            Path(url.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(url)
    file_backed = not _is_memory_sqlite(url)

    # pysqlite opens transactions lazily and commits DDL on its own; SQLAlchemy's documented
    # recipe hands transaction control back to SQLAlchemy so that a load is truly atomic.
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        if file_backed:
            # WAL lets the API and screening read while a new version loads.
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: sa.Connection) -> None:
        # A write transaction that reads first (load checks the active version) must take the
        # write lock up front: with a deferred BEGIN, SQLite fails it at once ("database is
        # locked") when another writer, such as the API's audit log, commits in between.
        immediate = connection.get_execution_options().get(_IMMEDIATE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def _checksum(parsed: ParsedList, bodies: Sequence[bytes]) -> str:
    digest = hashlib.sha256()
    if parsed.files:
        for sha in sorted(file.sha256 for file in parsed.files):
            digest.update(sha.encode("ascii"))
    else:
        digest.update(b"content:")
        for body in sorted(bodies):
            digest.update(body)
    return digest.hexdigest()


def _utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _version(row: sa.Row[Any], *, unchanged: bool = False) -> ListVersion:
    return ListVersion(
        id=row.id,
        source=row.source,
        status=VersionStatus(row.status),
        loaded_at=_utc(row.loaded_at),
        published_on=row.published_on,
        files=tuple(SourceFile(f["path"], f["sha256"], f["size"]) for f in row.files),
        counts=dict(row.counts),
        entity_count=row.entity_count,
        warnings=row.warning_count,
        rejected=row.rejected_count,
        checksum=row.checksum,
        unchanged=unchanged,
    )


_VERSION_COLUMNS = [
    list_versions.c.id,
    list_versions.c.source,
    list_versions.c.status,
    list_versions.c.loaded_at,
    list_versions.c.published_on,
    list_versions.c.checksum,
    list_versions.c.files,
    list_versions.c.counts,
    list_versions.c.entity_count,
    list_versions.c.warning_count,
    list_versions.c.rejected_count,
]


class Store:
    """Open with `Store.open(url)`; close with `close()` or use it as a context manager."""

    def __init__(self, engine: sa.Engine, *, batch_size: int = BATCH_SIZE) -> None:
        self._engine = engine
        self.batch_size = batch_size

    @classmethod
    def open(cls, url: str | None = None) -> Store:
        """Open (creating if needed) the store at `url` and migrate it to the latest schema."""
        resolved = database_url(url)
        engine = _create_engine(resolved)
        try:
            migrations.upgrade(engine)
        except StoreError:
            engine.dispose()
            raise
        except sa.exc.OperationalError as error:
            engine.dispose()
            shown = resolved.render_as_string(hide_password=True)
            raise StoreError(
                f"cannot open the store at {shown}: {error.orig} — is the database server "
                "running and the URL right (--db or WATCHLIST_DB)?"
            ) from error
        return cls(engine)

    @property
    def engine(self) -> sa.Engine:
        """For modules that keep tables of their own in the same database."""
        return self._engine

    @property
    def url(self) -> str:
        return self._engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # Loading ---------------------------------------------------------------------------------

    def load(
        self,
        parsed: ParsedList,
        *,
        force: bool = False,
        progress: ProgressCallback | None = None,
    ) -> ListVersion:
        """Store `parsed` as the new active version of its source, in one transaction.

        Returns the active version unchanged (`unchanged=True`) when its files have the same
        checksums. Refuses with ListShrinkRefused when the new version has more than 10% fewer
        entries than the active one. `force` overrides both checks.
        """
        source = parsed.source
        bodies = [entity_to_json(entity) for entity in parsed.entities]
        checksum = _checksum(parsed, bodies)
        total = len(bodies)
        with self._engine.execution_options(**{_IMMEDIATE: True}).begin() as connection:
            active = self._active_row(connection, source)
            if active is not None and not force:
                if active.checksum == checksum:
                    log.info("%s: files unchanged since version %d", source, active.id)
                    return _version(active, unchanged=True)
                floor = active.entity_count * (1 - SHRINK_LIMIT)
                if total < floor:
                    fewer = 1 - total / active.entity_count
                    raise ListShrinkRefused(
                        f"{source}: the new list has {total:,} entries, {fewer:.0%} fewer than "
                        f"active version {active.id} ({active.entity_count:,}); a truncated "
                        "download is the usual cause. Check the files, or load with --force "
                        "if the list really shrank."
                    )
            version_id = self._insert_version(connection, parsed, checksum)
            self._insert_entities(connection, version_id, parsed, bodies, progress)
            connection.execute(
                sa.update(list_versions)
                .where(list_versions.c.source == source)
                .where(list_versions.c.status == VersionStatus.ACTIVE.value)
                .values(status=VersionStatus.SUPERSEDED.value)
            )
            connection.execute(
                sa.update(list_versions)
                .where(list_versions.c.id == version_id)
                .values(status=VersionStatus.ACTIVE.value)
            )
            row = connection.execute(
                sa.select(*_VERSION_COLUMNS).where(list_versions.c.id == version_id)
            ).one()
        log.info("%s: loaded version %d with %d entities", source, version_id, total)
        return _version(row)

    def _insert_version(self, connection: sa.Connection, parsed: ParsedList, checksum: str) -> int:
        result = connection.execute(
            sa.insert(list_versions).values(
                source=parsed.source,
                status=_LOADING,
                loaded_at=datetime.now(UTC),
                published_on=parsed.published_on,
                checksum=checksum,
                files=[{"path": f.path, "sha256": f.sha256, "size": f.size} for f in parsed.files],
                counts=parsed.counts,
                entity_count=len(parsed.entities),
                warning_count=len(parsed.warnings),
                rejected_count=len(parsed.rejected),
                warnings=list(parsed.warnings),
                rejected=[
                    {"path": r.path, "line": r.line, "reason": r.reason} for r in parsed.rejected
                ],
                meta=dict(parsed.meta),
            )
        )
        key = result.inserted_primary_key
        assert key is not None
        return int(key[0])

    def _insert_entities(
        self,
        connection: sa.Connection,
        version_id: int,
        parsed: ParsedList,
        bodies: list[bytes],
        progress: ProgressCallback | None,
    ) -> None:
        total = len(bodies)
        if progress is not None:
            progress(0, total)
        for start in range(0, total, self.batch_size):
            stop = min(start + self.batch_size, total)
            entity_rows: list[tuple[Any, ...]] = []
            name_rows: list[tuple[Any, ...]] = []
            for entity, body in zip(parsed.entities[start:stop], bodies[start:stop], strict=True):
                entity_rows.append(
                    (
                        version_id,
                        entity.id,
                        entity.source_id,
                        entity.schema.value,
                        entity.caption,
                        body,
                        hashlib.sha256(body).hexdigest(),
                    )
                )
                for name in dict.fromkeys(name.full for name in entity.names):
                    name_rows.append((version_id, entity.id, name, normalize_text(name)))
            try:
                _insert_rows(connection, entities, entity_rows)
            except _IntegrityErrors as error:
                raise StoreError(_duplicate_message(parsed)) from error
            _insert_rows(connection, entity_names, name_rows)
            if progress is not None:
                progress(stop, total)

    @staticmethod
    def _active_row(connection: sa.Connection, source: str) -> sa.Row[Any] | None:
        return connection.execute(
            sa.select(*_VERSION_COLUMNS)
            .where(list_versions.c.source == source)
            .where(list_versions.c.status == VersionStatus.ACTIVE.value)
        ).one_or_none()

    # Versions --------------------------------------------------------------------------------

    def active_versions(self) -> list[ListVersion]:
        query = (
            sa.select(*_VERSION_COLUMNS)
            .where(list_versions.c.status == VersionStatus.ACTIVE.value)
            .order_by(list_versions.c.source)
        )
        with self._engine.connect() as connection:
            return [_version(row) for row in connection.execute(query)]

    def versions(self, source: str | None = None) -> list[ListVersion]:
        """Every committed version, newest first."""
        query = (
            sa.select(*_VERSION_COLUMNS)
            .where(list_versions.c.status != _LOADING)
            .order_by(list_versions.c.id.desc())
        )
        if source is not None:
            query = query.where(list_versions.c.source == source)
        with self._engine.connect() as connection:
            return [_version(row) for row in connection.execute(query)]

    def get_version(self, version_id: int) -> ListVersion:
        query = sa.select(*_VERSION_COLUMNS).where(list_versions.c.id == version_id)
        with self._engine.connect() as connection:
            row = connection.execute(query).one_or_none()
        if row is None or row.status == _LOADING:
            raise NotFoundError(
                f"no list version {version_id}; `watchlist lists --all` shows every version"
            )
        return _version(row)

    def version_notes(self, version_id: int) -> VersionNotes:
        """The warnings, rejected records and metadata the parser reported for a version."""
        self.get_version(version_id)
        query = sa.select(
            list_versions.c.warnings, list_versions.c.rejected, list_versions.c.meta
        ).where(list_versions.c.id == version_id)
        with self._engine.connect() as connection:
            row = connection.execute(query).one()
        return VersionNotes(
            warnings=tuple(row.warnings),
            rejected=tuple(RejectedRecord(r["path"], r["line"], r["reason"]) for r in row.rejected),
            meta=dict(row.meta),
        )

    # Entities --------------------------------------------------------------------------------

    def _active_ids(self, sources: Sequence[str] | None) -> list[int]:
        active = {version.source: version.id for version in self.active_versions()}
        if sources is None:
            return list(active.values())
        missing = [source for source in sources if source not in active]
        if missing:
            raise NotFoundError(
                f"no active version of {', '.join(missing)}; load it first with "
                "`watchlist load SOURCE PATH` (`watchlist lists` shows what is loaded)"
            )
        return [active[source] for source in sources]

    def _bodies(self, version_ids: Sequence[int]) -> Iterator[Entity]:
        query = (
            sa.select(entities.c.body)
            .where(entities.c.version_id.in_(version_ids))
            .order_by(entities.c.version_id, entities.c.entity_id)
        )
        with self._engine.connect() as connection:
            result = connection.execution_options(yield_per=BATCH_SIZE).execute(query)
            for (body,) in result:
                yield entity_from_json(body)

    def active_entities(self, sources: Sequence[str] | None = None) -> Iterator[Entity]:
        """The entities of the active versions (of `sources`, or of every source)."""
        version_ids = self._active_ids(sources)
        if not version_ids:
            return iter(())
        return self._bodies(version_ids)

    def entities_of_version(self, version_id: int) -> Iterator[Entity]:
        self.get_version(version_id)
        return self._bodies([version_id])

    def get_entity(self, entity_id: str) -> Entity | None:
        """The entity with this id in an active version, or None."""
        query = (
            sa.select(entities.c.body)
            .join(list_versions, list_versions.c.id == entities.c.version_id)
            .where(list_versions.c.status == VersionStatus.ACTIVE.value)
            .where(entities.c.entity_id == entity_id)
            .limit(1)
        )
        with self._engine.connect() as connection:
            body = connection.execute(query).scalar_one_or_none()
        return entity_from_json(body) if body is not None else None

    def find_entities(self, text: str, limit: int = 20) -> list[Entity]:
        """Active entities whose id or list id is `text`, then those with a name containing it
        (case and accents ignored): exact names first, then names that start with it."""
        query_text = text.strip()
        if not query_text or limit <= 0:
            return []
        version_ids = self._active_ids(None)
        if not version_ids:
            return []
        found: dict[str, None] = {}
        lowered = query_text.lower()
        normalized = normalize_text(query_text)
        in_active = entities.c.version_id.in_(version_ids)
        with self._engine.connect() as connection:
            by_id = (
                sa.select(entities.c.entity_id)
                .where(in_active)
                .where(
                    sa.or_(
                        entities.c.entity_id == lowered,
                        sa.func.lower(entities.c.source_id) == lowered,
                    )
                )
            )
            for (entity_id,) in connection.execute(by_id.order_by(entities.c.entity_id)):
                found.setdefault(entity_id, None)
            if normalized and len(found) < limit:
                pattern = "%" + _escape_like(normalized) + "%"
                rank = sa.case(
                    (entity_names.c.normalized == normalized, 0),
                    (
                        entity_names.c.normalized.like(_escape_like(normalized) + "%", escape="\\"),
                        1,
                    ),
                    else_=2,
                )
                best = sa.func.min(rank).label("best")
                by_name = (
                    sa.select(entity_names.c.entity_id, best)
                    .where(entity_names.c.version_id.in_(version_ids))
                    .where(entity_names.c.normalized.like(pattern, escape="\\"))
                    .group_by(entity_names.c.entity_id)
                    .order_by(best, entity_names.c.entity_id)
                    .limit(limit)
                )
                for entity_id, _rank in connection.execute(by_name):
                    found.setdefault(entity_id, None)
            ids = list(found)[:limit]
            if not ids:
                return []
            rows = connection.execute(
                sa.select(entities.c.entity_id, entities.c.body)
                .where(in_active)
                .where(entities.c.entity_id.in_(ids))
            )
            by_entity = {entity_id: body for entity_id, body in rows}
        return [entity_from_json(by_entity[entity_id]) for entity_id in ids]

    # Diff ------------------------------------------------------------------------------------

    def diff(self, source: str, old_version: int, new_version: int) -> ListDiff:
        """Entries added, removed and changed from `old_version` to `new_version` of `source`."""
        for version_id in (old_version, new_version):
            version = self.get_version(version_id)
            if version.source != source:
                raise StoreError(
                    f"version {version_id} is a version of {version.source}, not {source}; "
                    f"`watchlist lists --all` shows the versions of each list"
                )
        old_rows = self._hashed_bodies(old_version)
        new_rows = self._hashed_bodies(new_version)
        added = [entity_from_json(new_rows[key][1]) for key in sorted(new_rows.keys() - old_rows)]
        removed = [entity_from_json(old_rows[key][1]) for key in sorted(old_rows.keys() - new_rows)]
        changed: list[tuple[Entity, Entity, list[str]]] = []
        for key in sorted(old_rows.keys() & new_rows.keys()):
            (old_hash, old_body), (new_hash, new_body) = old_rows[key], new_rows[key]
            if old_hash == new_hash:
                continue
            old, new = entity_from_json(old_body), entity_from_json(new_body)
            fields = changed_fields(old, new)
            if fields:
                changed.append((old, new, fields))
        return ListDiff(added, removed, changed, source, old_version, new_version)

    def _hashed_bodies(self, version_id: int) -> dict[str, tuple[str, bytes]]:
        query = sa.select(entities.c.entity_id, entities.c.body_hash, entities.c.body).where(
            entities.c.version_id == version_id
        )
        with self._engine.connect() as connection:
            return {
                entity_id: (body_hash, bytes(body))
                for entity_id, body_hash, body in connection.execute(query)
            }


def _insert_rows(connection: sa.Connection, table: sa.Table, rows: list[tuple[Any, ...]]) -> None:
    """executemany; COPY on PostgreSQL, where psycopg's executemany sends one statement per row
    and takes seconds for a 20,000-entry list."""
    if not rows:
        return
    columns = [column.name for column in table.columns]
    if connection.dialect.name != "postgresql":
        connection.execute(sa.insert(table), [dict(zip(columns, row, strict=True)) for row in rows])
        return
    raw = connection.connection.driver_connection
    assert raw is not None
    with (
        raw.cursor() as cursor,
        cursor.copy(f"COPY {table.name} ({', '.join(columns)}) FROM STDIN") as copy,
    ):
        for row in rows:
            copy.write_row(row)


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _duplicate_message(parsed: ParsedList) -> str:
    counts = Counter(entity.id for entity in parsed.entities)
    duplicates = [entity_id for entity_id, count in counts.items() if count > 1]
    if not duplicates:
        return f"{parsed.source}: the database refused an entity row; nothing was loaded"
    shown = ", ".join(duplicates[:5]) + (
        f" and {len(duplicates) - 5} more" if len(duplicates) > 5 else ""
    )
    return (
        f"{parsed.source}: entity id {shown} occurs more than once in the parsed list; "
        "nothing was loaded — the parser must give each entry its own id"
    )
