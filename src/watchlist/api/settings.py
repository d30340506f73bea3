"""The API's configuration: one typed object, read from the environment (`watchlist serve`
sets the variables it is given on the command line, so every uvicorn worker reads the same)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from watchlist.errors import InputError
from watchlist.settings import Settings


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        return int(raw)
    except ValueError:
        raise InputError(f"environment variable {name}={raw!r}: expected a whole number") from None


def _float(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        return float(raw)
    except ValueError:
        raise InputError(f"environment variable {name}={raw!r}: expected a number") from None


@dataclass(frozen=True)
class ApiSettings:
    db_url: str
    data_dir: Path
    max_body_bytes: int = 1 << 20  # JSON request bodies
    max_upload_bytes: int = 64 << 20  # CSV uploads (POST /screen) and list files (POST /lists)
    max_match_queries: int = 100  # queries in one POST /match request, as yente's MAX_BATCH
    max_match_limit: int = 100
    max_screen_records: int = 100_000  # records in one POST /screen job
    index_check_seconds: float = 2.0  # how often a worker asks the store for new list versions
    key_cache_seconds: float = 5.0  # a revoked key stops working within this time
    stale_job_seconds: float = 600.0  # a running job not updated for this long was orphaned
    load_roots: tuple[Path, ...] = field(default=())  # server folders POST /lists may read

    @classmethod
    def from_env(cls, db_url: str | None = None) -> ApiSettings:
        base = Settings.from_env(db_url)
        roots = os.environ.get("WATCHLIST_API_LOAD_ROOTS", "")
        return cls(
            db_url=base.db_url,
            data_dir=base.data_dir,
            max_body_bytes=_int("WATCHLIST_API_MAX_BODY_BYTES", cls.max_body_bytes),
            max_upload_bytes=_int("WATCHLIST_API_MAX_UPLOAD_BYTES", cls.max_upload_bytes),
            max_match_queries=_int("WATCHLIST_API_MAX_MATCH_QUERIES", cls.max_match_queries),
            max_match_limit=_int("WATCHLIST_API_MAX_MATCH_LIMIT", cls.max_match_limit),
            max_screen_records=_int("WATCHLIST_API_MAX_SCREEN_RECORDS", cls.max_screen_records),
            index_check_seconds=_float(
                "WATCHLIST_API_INDEX_CHECK_SECONDS", cls.index_check_seconds
            ),
            key_cache_seconds=_float("WATCHLIST_API_KEY_CACHE_SECONDS", cls.key_cache_seconds),
            stale_job_seconds=_float("WATCHLIST_API_STALE_JOB_SECONDS", cls.stale_job_seconds),
            load_roots=tuple(Path(p).resolve() for p in roots.split(os.pathsep) if p.strip()),
        )
