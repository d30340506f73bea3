"""What the routes share: the store, the serving index, the audit log, the job runner."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from fastapi import Request

from watchlist.api.audit import AuditLog
from watchlist.api.auth import KeyCache
from watchlist.api.metrics import Metrics
from watchlist.api.problems import Problem
from watchlist.api.serving import IndexSnapshot, ServingIndex
from watchlist.api.settings import ApiSettings
from watchlist.store import Store

if TYPE_CHECKING:
    from watchlist.api.jobs import JobRunner


@dataclass
class ApiState:
    settings: ApiSettings
    store: Store
    metrics: Metrics
    keys: KeyCache
    audit: AuditLog
    index: ServingIndex
    jobs: JobRunner


def api_state(request: Request) -> ApiState:
    state: ApiState = request.app.state.api
    return state


def require_snapshot(state: ApiState) -> IndexSnapshot:
    snapshot = state.index.snapshot
    if snapshot is not None:
        return snapshot
    if not state.index.active_versions:
        raise Problem(
            503,
            "no list is loaded yet: an admin loads one with POST /lists/{source} or "
            "`watchlist load builtin` / `watchlist load SOURCE PATH`",
            headers={"Retry-After": "10"},
        )
    raise Problem(
        503,
        "the screening index is being built for the loaded lists; retry in a few seconds",
        headers={"Retry-After": "5"},
    )
