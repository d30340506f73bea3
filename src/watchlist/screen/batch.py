"""Screen a customer file: CSV in, one row per hit out, every input row accounted for.

The input has a header row with at least `id` and `name`, and optionally `schema`,
`birth_date`, `country` and `id_number`. Rows are read and screened in chunks, by several worker
processes when asked (each loads the screener once), and written in input order, so memory
stays flat whatever the file size. A row that cannot be screened (invalid UTF-8, wrong field
count, no name, unknown schema) goes to the rejects file with its line number and the reason;
the summary's counts add up: rows read = rows screened + rows rejected.
"""

from __future__ import annotations

import csv
import logging
import multiprocessing
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from multiprocessing.pool import AsyncResult, Pool
from pathlib import Path
from typing import IO

from watchlist.errors import InputError, WatchlistError
from watchlist.law import consequences_for
from watchlist.match.types import Hit, Query
from watchlist.model import Schema, parse_fuzzy_date
from watchlist.screen.screener import Screener
from watchlist.screen.settle import settle_for_screening

log = logging.getLogger(__name__)

OUTPUT_COLUMNS = (
    "record_id",
    "line",
    "query_name",
    "source",
    "source_id",
    "entity_id",
    "caption",
    "matched_name",
    "name_kind",
    "score",
    "schema",
    "programs",
    "explanation",
    "consequences",
)
REJECT_COLUMNS = ("line", "record_id", "reason", "raw")
REQUIRED_COLUMNS = ("id", "name")
OPTIONAL_COLUMNS = ("schema", "birth_date", "country", "id_number")
CHUNK_ROWS = 256
_SCHEMAS = {s.value.casefold(): s.value for s in Schema}

Progress = Callable[[int], None]  # called with the rows finished so far


@dataclass(frozen=True)
class BatchSummary:
    rows_read: int
    rows_screened: int
    rows_rejected: int
    rows_with_hits: int
    hits: int
    seconds: float
    output: Path
    rejects: Path | None = None
    unread_birth_dates: tuple[int, ...] = field(default=())  # lines screened without the date

    @property
    def balanced(self) -> bool:
        return self.rows_read == self.rows_screened + self.rows_rejected

    @property
    def rows_per_second(self) -> float:
        return self.rows_read / self.seconds if self.seconds > 0 else 0.0

    def describe(self) -> str:
        text = (
            f"{self.rows_read:,} rows read: {self.rows_screened:,} screened, "
            f"{self.rows_rejected:,} rejected; {self.rows_with_hits:,} with hits, "
            f"{self.hits:,} hits in all; {self.seconds:.1f}s ({self.rows_per_second:,.0f} rows/s)"
        )
        if self.unread_birth_dates:
            lines = ", ".join(str(n) for n in self.unread_birth_dates[:10])
            more = "" if len(self.unread_birth_dates) <= 10 else ", ..."
            text += (
                f"; {len(self.unread_birth_dates)} birth dates unreadable, screened on the "
                f"other fields (lines {lines}{more})"
            )
        return text


@dataclass(frozen=True, slots=True)
class _Options:
    threshold: float | None
    limit: int
    sources: tuple[str, ...] | None
    as_of: date | None


@dataclass(frozen=True, slots=True)
class _Row:
    line: int
    record_id: str
    query: Query


@dataclass(frozen=True, slots=True)
class _Reject:
    line: int
    record_id: str
    reason: str
    raw: str


@dataclass(frozen=True, slots=True)
class _Result:
    line: int
    record_id: str
    query_name: str
    hits: tuple[Hit, ...] = ()
    error: str | None = None


def screen_file(
    input_path: Path,
    output_path: Path,
    screener: Screener,
    *,
    rejects_path: Path | None = None,
    threshold: float | None = None,
    limit: int = 10,
    sources: Sequence[str] | None = None,
    workers: int = 1,
    as_of: date | None = None,
    progress: Progress | None = None,
    chunk_rows: int = CHUNK_ROWS,
) -> BatchSummary:
    """Screen every row of `input_path` and write the hits to `output_path`.

    `rejects_path` receives the rows that could not be screened (by default
    `<output stem>.rejects.csv` beside the output). `progress`, if given, is called with the
    number of rows finished so far (screened or rejected), after each chunk.
    """
    started = time.perf_counter()
    input_path, output_path = Path(input_path), Path(output_path)
    rejects_path = Path(rejects_path) if rejects_path else output_path.with_suffix(".rejects.csv")
    options = _Options(threshold, limit, tuple(sources) if sources is not None else None, as_of)
    counts = {"read": 0, "screened": 0, "rejected": 0, "with_hits": 0, "hits": 0}

    def report() -> None:
        if progress is not None:
            progress(counts["screened"] + counts["rejected"])

    unread_dates: list[int] = []

    with (
        input_path.open("r", encoding="utf-8-sig", errors="surrogateescape", newline="") as source,
        output_path.open("w", encoding="utf-8", newline="") as out,
        rejects_path.open("w", encoding="utf-8", newline="", errors="backslashreplace") as rej,
    ):
        hits_writer = csv.writer(out)
        hits_writer.writerow(OUTPUT_COLUMNS)
        rejects_writer = csv.writer(rej)
        rejects_writer.writerow(REJECT_COLUMNS)

        def reject(line: int, record_id: str, reason: str, raw: str) -> None:
            counts["rejected"] += 1
            rejects_writer.writerow((line, record_id, reason, raw))

        consequence_codes: dict[str, str] = {}

        def consequences(entity_id: str) -> str:
            # The same few listed parties recur across a batch; their obligations are computed once.
            if entity_id not in consequence_codes:
                found = consequences_for(screener.entity(entity_id), as_of)
                consequence_codes[entity_id] = ";".join(dict.fromkeys(c.code for c in found))
            return consequence_codes[entity_id]

        def write(results: list[_Result]) -> None:
            for result in results:
                if result.error is not None:
                    reject(result.line, result.record_id, result.error, result.query_name)
                    continue
                counts["screened"] += 1
                if result.hits:
                    counts["with_hits"] += 1
                    counts["hits"] += len(result.hits)
                for hit in result.hits:
                    hits_writer.writerow((*_hit_row(result, hit), consequences(hit.entity_id)))
            report()

        def chunks() -> Iterator[list[_Row]]:
            chunk: list[_Row] = []
            for item in _read_rows(source, input_path, unread_dates):
                counts["read"] += 1
                if isinstance(item, _Reject):
                    reject(item.line, item.record_id, item.reason, item.raw)
                    continue
                chunk.append(item)
                if len(chunk) >= chunk_rows:
                    yield chunk
                    chunk = []
            if chunk:
                yield chunk

        if workers <= 1:
            settle_for_screening()
            for chunk in chunks():
                write(_screen_chunk(screener, chunk, options))
        else:
            _screen_in_pool(screener, chunks(), options, workers, write)
        report()

    summary = BatchSummary(
        rows_read=counts["read"],
        rows_screened=counts["screened"],
        rows_rejected=counts["rejected"],
        rows_with_hits=counts["with_hits"],
        hits=counts["hits"],
        seconds=time.perf_counter() - started,
        output=output_path,
        rejects=rejects_path,
        unread_birth_dates=tuple(unread_dates),
    )
    log.info("%s: %s", input_path.name, summary.describe())
    return summary


def _hit_row(result: _Result, hit: Hit) -> tuple[object, ...]:
    return (
        result.record_id,
        result.line,
        result.query_name,
        hit.source,
        hit.source_id,
        hit.entity_id,
        hit.caption,
        hit.matched_name,
        hit.name_kind,
        f"{hit.score:.4f}",
        hit.schema,
        ";".join(hit.programs),
        hit.explanation,
    )


def _has_bad_bytes(text: str) -> bool:
    # surrogateescape turns each byte that is not valid UTF-8 into a lone surrogate.
    return any("\udc80" <= ch <= "\udcff" for ch in text)


def _raw(row: Sequence[str]) -> str:
    """The row as it was, for the rejects file; bytes that are not UTF-8 shown as `\\xff`."""
    text = ",".join(row)
    if _has_bad_bytes(text):
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return text


def _read_rows(source: IO[str], path: Path, unread_dates: list[int]) -> Iterator[_Row | _Reject]:
    reader = csv.reader(source)
    try:
        header = next(reader)
    except StopIteration:
        raise InputError(f"{path}: the file is empty; it needs a header row with id,name") from None
    except csv.Error as error:
        raise InputError(f"{path} line 1: {error} — is it a CSV file?") from error
    if _has_bad_bytes("".join(header)):
        raise InputError(f"{path} line 1: the header is not valid UTF-8; save the file as UTF-8")
    columns = [column.strip().casefold() for column in header]
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise InputError(
            f"{path} line 1: the header has no {', '.join(missing)} column; it has "
            f"{', '.join(header) or 'nothing'} (needed: id,name; optional: "
            f"{','.join(OPTIONAL_COLUMNS)})"
        )
    position = {c: columns.index(c) for c in (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS) if c in columns}
    line = reader.line_num
    while True:
        start = line + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            line = reader.line_num
            yield _Reject(start, "", f"unreadable CSV: {error}", "")
            continue
        line = reader.line_num
        if not row:
            yield _Reject(start, "", "empty line", "")
            continue
        record_id = row[position["id"]].strip() if len(row) > position["id"] else ""
        if any(_has_bad_bytes(value) for value in row):
            yield _Reject(
                start,
                _raw([record_id]),
                "invalid UTF-8 bytes; save the file as UTF-8",
                _raw(row),
            )
            continue
        if len(row) != len(columns):
            yield _Reject(
                start,
                record_id,
                f"expected {len(columns)} fields, found {len(row)} — an unquoted comma?",
                _raw(row),
            )
            continue

        def value(column: str, row: list[str] = row) -> str | None:
            at = position.get(column)
            text = row[at].strip() if at is not None else ""
            return text or None

        name = value("name")
        if name is None:
            yield _Reject(start, record_id, "no name", _raw(row))
            continue
        schema = value("schema")
        if schema is not None:
            known = _SCHEMAS.get(schema.casefold())
            if known is None:
                yield _Reject(
                    start,
                    record_id,
                    f"unknown schema {schema!r}; use one of {', '.join(_SCHEMAS.values())}",
                    _raw(row),
                )
                continue
            schema = known
        birth_date = value("birth_date")
        if birth_date is not None and parse_fuzzy_date(birth_date) is None:
            unread_dates.append(start)
            birth_date = None
        query = Query(
            name=name,
            schema=schema,
            birth_date=birth_date,
            country=value("country"),
            id_number=value("id_number"),
            record_id=record_id,
        )
        yield _Row(start, record_id, query)


def _screen_chunk(screener: Screener, chunk: Sequence[_Row], options: _Options) -> list[_Result]:
    screener.prefetch(row.query for row in chunk)
    results = []
    for row in chunk:
        try:
            hits = screener.match(
                row.query,
                threshold=options.threshold,
                limit=options.limit,
                sources=options.sources,
                as_of=options.as_of,
            )
        except WatchlistError as error:
            results.append(_Result(row.line, row.record_id, row.query.name, error=str(error)))
            continue
        results.append(_Result(row.line, row.record_id, row.query.name, tuple(hits)))
    return results


# -- worker processes ----------------------------------------------------------------------------

_worker_screener: Screener | None = None


def _init_worker(screener_or_path: Screener | Path) -> None:
    global _worker_screener
    if isinstance(screener_or_path, Path):
        _worker_screener = Screener.load(screener_or_path)
    else:
        _worker_screener = screener_or_path
    settle_for_screening()


def _work(chunk: list[_Row], options: _Options) -> list[_Result]:
    assert _worker_screener is not None, "worker started without a screener"
    return _screen_chunk(_worker_screener, chunk, options)


def _screen_in_pool(
    screener: Screener,
    chunks: Iterator[list[_Row]],
    options: _Options,
    workers: int,
    write: Callable[[list[_Result]], None],
) -> None:
    """Chunks go to `workers` processes, at most two per worker in flight (so memory stays
    flat), and come back in input order. A saved screener is loaded by each worker from its
    file; an unsaved one is handed over when the pool starts."""
    initarg: Screener | Path = screener.path if screener.path is not None else screener
    context = multiprocessing.get_context()
    with context.Pool(workers, initializer=_init_worker, initargs=(initarg,)) as pool:
        pending: deque[AsyncResult[list[_Result]]] = deque()
        for chunk in chunks:
            pending.append(pool.apply_async(_work, (chunk, options)))
            if len(pending) >= workers * 2:
                write(pending.popleft().get())
        while pending:
            write(pending.popleft().get())
        _close(pool)


def _close(pool: Pool) -> None:
    pool.close()
    pool.join()
