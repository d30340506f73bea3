"""The FastAPI application: `create_app(settings)`; `watchlist serve` runs it under uvicorn."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from watchlist import __version__
from watchlist.api.audit import AuditLog
from watchlist.api.auth import KeyCache
from watchlist.api.jobs import JobRunner
from watchlist.api.metrics import Metrics, MetricsMiddleware
from watchlist.api.problems import PROBLEM_JSON, install_problem_handlers, problem_json_body
from watchlist.api.routes import entities, health, keys, lists, match, screen
from watchlist.api.serving import BuildIndex, ServingIndex, index_builder
from watchlist.api.settings import ApiSettings
from watchlist.api.state import ApiState
from watchlist.store import Store

log = logging.getLogger(__name__)

DESCRIPTION = """
Screen names against official sanctions and terrorist-designation lists.

* `POST /match/{dataset}` takes the same requests as OpenSanctions yente's `/match` and answers
  in the same shape (see docs/api.md for the differences).
* Every endpoint except `/healthz`, `/openapi.json` and `/docs` needs an API key:
  `Authorization: Bearer KEY` or `X-API-Key: KEY`. Roles: screener, analyst, admin.
* Errors are `application/problem+json` (RFC 9457).
"""


def _is_upload(method: str, path: str) -> bool:
    return method == "POST" and (path == "/screen" or path.startswith("/lists/"))


class BodyLimitMiddleware:
    """Refuses request bodies over the configured size with 413, before they are read when the
    client states Content-Length, and as soon as the limit is passed when it streams."""

    def __init__(self, app: ASGIApp, body_limit: int, upload_limit: int) -> None:
        self.app = app
        self.body_limit = body_limit
        self.upload_limit = upload_limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        upload = _is_upload(scope["method"], scope["path"])
        limit = self.upload_limit if upload else self.body_limit
        what = "an upload" if upload else "a request body"
        detail = (
            f"{what} may be at most {limit:,} bytes; split the batch or ask the operator to raise "
            f"WATCHLIST_API_MAX_{'UPLOAD' if upload else 'BODY'}_BYTES"
        )
        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = 0
                if declared > limit:
                    await _send_problem(send, 413, detail)
                    return
        received = 0

        async def limited() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise StarletteHTTPException(413, detail)
            return message

        await self.app(scope, limited, send)


async def _send_problem(send: Send, status: int, detail: str) -> None:
    body = problem_json_body(status, detail)
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", PROBLEM_JSON.encode()),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def create_app(settings: ApiSettings | None = None, *, build: BuildIndex | None = None) -> FastAPI:
    settings = settings or ApiSettings.from_env()
    metrics = Metrics()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        store = await run_in_threadpool(Store.open, settings.db_url)
        key_cache = KeyCache(store.engine, settings.key_cache_seconds)
        audit = AuditLog(store.engine)
        index = ServingIndex(
            store,
            check_seconds=settings.index_check_seconds,
            metrics=metrics,
            build=build or index_builder(settings.data_dir / "index"),
        )
        runner = JobRunner(
            store.engine,
            audit,
            metrics,
            lambda: index.snapshot,
            work_dir=settings.data_dir / "jobs",
            stale_seconds=settings.stale_job_seconds,
        )
        app.state.keys = key_cache
        app.state.api = ApiState(settings, store, metrics, key_cache, audit, index, runner)
        index.start()
        await run_in_threadpool(runner.recover)
        try:
            yield
        finally:
            await index.stop()
            runner.close()
            audit.close()
            store.close()

    app = FastAPI(
        title="watchlist",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url="/docs",
        redoc_url=None,
    )
    install_problem_handlers(app)
    app.add_middleware(
        BodyLimitMiddleware,
        body_limit=settings.max_body_bytes,
        upload_limit=settings.max_upload_bytes,
    )
    app.add_middleware(MetricsMiddleware, metrics=metrics)
    for module in (health, match, entities, lists, screen, keys):
        app.include_router(module.router)
    app.openapi = _openapi_with_extras(app)  # type: ignore[method-assign]
    return app


def _openapi_with_extras(app: FastAPI) -> Callable[[], dict[str, Any]]:
    """Adds the schemas of bodies that routes read themselves (POST /screen takes JSON, CSV
    or a form, so FastAPI cannot derive it from a parameter)."""
    original = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        document = original()
        schema = screen.ScreenRequest.model_json_schema(ref_template="#/components/schemas/{model}")
        components = document.setdefault("components", {}).setdefault("schemas", {})
        components.update(schema.pop("$defs", {}))
        components["ScreenRequest"] = schema
        app.openapi_schema = document
        return document

    return openapi


def create_app_from_env() -> FastAPI:
    """The factory uvicorn's workers call (`watchlist serve` passes settings by environment)."""
    return create_app(ApiSettings.from_env())
