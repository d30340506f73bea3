"""Prometheus metrics: requests by route and status, latency, screening counts, index reloads.

With several uvicorn workers each process counts for itself; `watchlist serve --workers N`
sets PROMETHEUS_MULTIPROC_DIR so that /metrics, answered by any one worker, adds them all up
(prometheus-client's multiprocess mode).
"""

from __future__ import annotations

import os
import time
from typing import Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)
from starlette.types import ASGIApp, Message, Receive, Scope, Send

_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)


def multiprocess_dir() -> str | None:
    return os.environ.get("PROMETHEUS_MULTIPROC_DIR") or None


class Metrics:
    """The app's metrics. Each app gets its own registry, so that tests may build many apps in
    one process; in multiprocess mode the values go to files and are collected on scrape."""

    def __init__(self) -> None:
        self._multiprocess = multiprocess_dir() is not None
        registry: CollectorRegistry | None = None if self._multiprocess else CollectorRegistry()
        self.registry = registry
        self.requests = Counter(
            "watchlist_http_requests",
            "HTTP requests answered, by method, route template and status code.",
            ["method", "route", "status"],
            registry=registry,
        )
        self.latency = Histogram(
            "watchlist_http_request_duration_seconds",
            "Time from request start to the end of the response body, by route template.",
            ["method", "route"],
            buckets=_BUCKETS,
            registry=registry,
        )
        self.match_queries = Counter(
            "watchlist_match_queries",
            "Single-entity queries screened by POST /match.",
            registry=registry,
        )
        self.match_hits = Counter(
            "watchlist_match_hits",
            "Results returned by POST /match with match=true.",
            registry=registry,
        )
        self.index_reloads = Counter(
            "watchlist_index_reloads",
            "Times this worker swapped in an index for new list versions.",
            registry=registry,
        )
        self.index_entities = Gauge(
            "watchlist_index_entities",
            "Entities in the screening index a worker is serving.",
            registry=registry,
            multiprocess_mode="max",
        )
        self.jobs = Counter(
            "watchlist_screen_jobs",
            "Batch screening jobs finished, by final status.",
            ["status"],
            registry=registry,
        )

    def exposition(self) -> tuple[bytes, str]:
        if self._multiprocess:
            registry = CollectorRegistry()
            multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
            return generate_latest(registry), CONTENT_TYPE_LATEST
        assert self.registry is not None
        return generate_latest(self.registry), CONTENT_TYPE_LATEST


class MetricsMiddleware:
    """Counts and times every HTTP request, labelled by the route template (`/entities/{id}`),
    never the raw path, so that the number of series stays bounded."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = 500

        async def send_wrapper(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        finally:
            route: Any = scope.get("route")
            template = getattr(route, "path", None) or "(unmatched)"
            method = str(scope.get("method", ""))
            self.metrics.requests.labels(method, template, str(status)).inc()
            self.metrics.latency.labels(method, template).observe(time.perf_counter() - start)
