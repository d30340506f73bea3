"""Background batch screening jobs (POST /screen), kept in the `jobs` table.

The worker that accepts a job runs it in a thread of its own, one job at a time, through the
engine's `screen_file` (so a job and `watchlist screen` treat every row alike: bad rows are
rejected with their line number, never dropped). Progress, results and errors go to the table,
so any worker can answer GET /jobs/{id}. A job whose worker died is found by the next worker
to start (no progress for `stale_job_seconds`) and marked failed, with a message to resubmit.
"""

from __future__ import annotations

import base64
import csv
import io
import logging
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from watchlist.api.audit import AuditLog, AuditRecord, wait_for_writers
from watchlist.api.metrics import Metrics
from watchlist.api.tables import jobs
from watchlist.errors import WatchlistError

if TYPE_CHECKING:
    from watchlist.api.serving import IndexSnapshot

log = logging.getLogger(__name__)

INPUT_COLUMNS = ("id", "name", "schema", "birth_date", "country", "id_number")


class JobStatus:
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


def records_to_csv(records: list[dict[str, Any]]) -> bytes:
    """JSON records as the CSV `screen_file` reads (header `id,name,schema,...`)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(INPUT_COLUMNS)
    for record in records:
        writer.writerow(["" if record.get(c) is None else str(record[c]) for c in INPUT_COLUMNS])
    return buffer.getvalue().encode("utf-8")


def count_csv_records(data: bytes) -> int:
    """Data rows in an uploaded CSV (every row after the header, blank ones included, since
    screen_file accounts for each of them)."""
    text = data.decode("utf-8", errors="replace")
    rows = sum(1 for _ in csv.reader(io.StringIO(text, newline="")))
    return max(rows - 1, 0)


def create_job(
    engine: sa.Engine,
    *,
    key_id: int | None,
    csv_data: bytes,
    total: int,
    params: dict[str, Any],
) -> str:
    job_id = uuid.uuid4().hex
    now = datetime.now(UTC)
    with engine.begin() as conn:
        conn.execute(
            sa.insert(jobs).values(
                id=job_id,
                key_id=key_id,
                kind="screen",
                status=JobStatus.QUEUED,
                created_at=now,
                updated_at=now,
                total=total,
                processed=0,
                params=params,
                input={"format": "csv", "data": base64.b64encode(csv_data).decode("ascii")},
            )
        )
    return job_id


def _utc(value: datetime | None) -> datetime | None:
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def get_job(engine: sa.Engine, job_id: str) -> dict[str, Any] | None:
    columns = [c for c in jobs.c if c.name != "input"]
    with engine.connect() as conn:
        row = conn.execute(sa.select(*columns).where(jobs.c.id == job_id)).first()
    if row is None:
        return None
    job = dict(row._mapping)
    for name in ("created_at", "updated_at", "started_at", "finished_at"):
        job[name] = _utc(job[name])
    return job


def _read_csv(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(newline="", encoding="utf-8") as handle:
        return [dict(row) for row in csv.DictReader(handle)]


class JobRunner:
    def __init__(
        self,
        engine: sa.Engine,
        audit: AuditLog,
        metrics: Metrics,
        snapshot: Callable[[], IndexSnapshot | None],
        *,
        work_dir: Path,
        stale_seconds: float,
    ) -> None:
        self._engine = engine
        self._audit = audit
        self._metrics = metrics
        self._snapshot = snapshot
        self._work_dir = work_dir
        self._stale = stale_seconds
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="screen-job")
        self._closing = threading.Event()

    def submit(self, job_id: str) -> None:
        self._pool.submit(self._run_safely, job_id)

    def close(self) -> None:
        self._closing.set()
        self._pool.shutdown(wait=False, cancel_futures=True)

    def recover(self) -> None:
        """Fail running jobs nobody has touched for `stale_seconds`; take over queued ones."""
        cutoff = datetime.now(UTC) - timedelta(seconds=self._stale)
        with self._engine.begin() as conn:
            conn.execute(
                sa.update(jobs)
                .where(jobs.c.status == JobStatus.RUNNING, jobs.c.updated_at < cutoff)
                .values(
                    status=JobStatus.FAILED,
                    finished_at=datetime.now(UTC),
                    updated_at=datetime.now(UTC),
                    error="the worker running this job stopped before it finished; "
                    "submit the records again",
                )
            )
            queued = conn.execute(
                sa.select(jobs.c.id).where(
                    jobs.c.status == JobStatus.QUEUED, jobs.c.updated_at < cutoff
                )
            ).all()
        for (job_id,) in queued:
            self.submit(job_id)

    def _claim(self, job_id: str) -> bool:
        now = datetime.now(UTC)
        with self._engine.begin() as conn:
            result = conn.execute(
                sa.update(jobs)
                .where(jobs.c.id == job_id, jobs.c.status == JobStatus.QUEUED)
                .values(status=JobStatus.RUNNING, started_at=now, updated_at=now)
            )
        return result.rowcount == 1

    def _update(self, job_id: str, **values: Any) -> None:
        values["updated_at"] = datetime.now(UTC)
        with self._engine.begin() as conn:
            wait_for_writers(conn)
            conn.execute(sa.update(jobs).where(jobs.c.id == job_id).values(**values))

    def _run_safely(self, job_id: str) -> None:
        try:
            if not self._claim(job_id):
                return
            self._run(job_id)
        except Exception as error:
            if isinstance(error, WatchlistError):
                message = str(error)
            else:
                log.exception("screening job %s failed", job_id)
                message = f"the job failed on the server ({type(error).__name__}); see the log"
            try:
                self._update(
                    job_id,
                    status=JobStatus.FAILED,
                    error=message,
                    finished_at=datetime.now(UTC),
                )
                self._metrics.jobs.labels(JobStatus.FAILED).inc()
            except Exception:
                log.exception("could not mark job %s failed", job_id)

    def _run(self, job_id: str) -> None:
        from watchlist.screen.batch import screen_file

        with self._engine.connect() as conn:
            row = conn.execute(
                sa.select(jobs.c.input, jobs.c.params, jobs.c.key_id, jobs.c.total).where(
                    jobs.c.id == job_id
                )
            ).one()
        snapshot = self._snapshot()
        if snapshot is None:
            raise WatchlistError("no screening index is loaded on this worker; submit again")
        params: dict[str, Any] = dict(row.params)
        data = base64.b64decode(row.input["data"])
        self._update(job_id, version_ids=snapshot.version_ids)
        self._work_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=self._work_dir, prefix=f"job-{job_id}-") as tmp:
            folder = Path(tmp)
            input_path = folder / "input.csv"
            output_path = folder / "hits.csv"
            rejects_path = folder / "rejects.csv"
            input_path.write_bytes(data)
            last = [0.0]

            def progress(done: int) -> None:
                if self._closing.is_set():
                    raise WatchlistError(
                        "the server shut down while this job ran; submit the records again"
                    )
                now = time.monotonic()
                if now - last[0] >= 0.5:
                    last[0] = now
                    self._update(job_id, processed=int(done))

            as_of = params.get("as_of")
            summary = screen_file(
                input_path,
                output_path,
                snapshot.screener,
                rejects_path=rejects_path,
                threshold=params.get("threshold"),
                limit=int(params.get("limit") or 10),
                sources=params.get("sources") or None,
                workers=1,
                as_of=date.fromisoformat(as_of) if as_of else None,
                progress=progress,
            )
            results = _read_csv(output_path)
            rejects = _read_csv(rejects_path)
        summary_data = {
            "rows_read": summary.rows_read,
            "rows_screened": summary.rows_screened,
            "rows_rejected": summary.rows_rejected,
            "rows_with_hits": summary.rows_with_hits,
            "hits": summary.hits,
            "seconds": round(summary.seconds, 3),
            "unread_birth_dates": list(summary.unread_birth_dates),
        }
        finished = datetime.now(UTC)
        self._update(
            job_id,
            status=JobStatus.DONE,
            processed=int(row.total),
            summary=summary_data,
            results=results,
            rejects=rejects,
            finished_at=finished,
        )
        self._metrics.jobs.labels(JobStatus.DONE).inc()
        self._audit.record_now(
            AuditRecord(
                action="screen",
                key_id=row.key_id,
                version_ids=snapshot.version_ids,
                request={"job_id": job_id, "records": int(row.total), **params},
                results=[
                    [hit.get("record_id"), hit.get("entity_id"), _score(hit.get("score"))]
                    for hit in results
                ],
                result_count=len(results),
                job_id=job_id,
            )
        )


def _score(value: Any) -> float | None:
    try:
        return round(float(value), 4)
    except (TypeError, ValueError):
        return None
