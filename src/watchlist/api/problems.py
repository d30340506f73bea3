"""Errors as RFC 9457 problem details (`application/problem+json`).

Every error the API returns has the same shape, `{"type", "title", "status", "detail",
"instance"}`, with a `detail` that says what was wrong and what to do. Validation errors add
`errors`, a list of `{"loc", "msg"}`.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from http import HTTPStatus
from typing import Any

import orjson
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from watchlist.errors import (
    DownloadError,
    InputError,
    ListShrinkRefused,
    NotFoundError,
    SourceFormatError,
    StoreError,
    UnknownSourceError,
    WatchlistError,
)

PROBLEM_JSON = "application/problem+json"
log = logging.getLogger(__name__)


class Problem(Exception):
    """Raise from a route to answer with a problem document."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        title: str | None = None,
        headers: Mapping[str, str] | None = None,
        **extensions: Any,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.title = title
        self.headers = dict(headers or {})
        self.extensions = extensions


def problem_response(
    status: int,
    detail: str,
    *,
    title: str | None = None,
    instance: str | None = None,
    headers: Mapping[str, str] | None = None,
    **extensions: Any,
) -> Response:
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": title or _phrase(status),
        "status": status,
        "detail": detail,
    }
    if instance:
        body["instance"] = instance
    body.update(extensions)
    return Response(
        orjson.dumps(body), status_code=status, media_type=PROBLEM_JSON, headers=headers
    )


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


# WatchlistError subclasses and the status each one means at the HTTP boundary.
_STATUS_OF: tuple[tuple[type[WatchlistError], int], ...] = (
    (NotFoundError, 404),
    (UnknownSourceError, 404),
    (ListShrinkRefused, 409),
    (SourceFormatError, 422),
    (InputError, 422),
    (DownloadError, 502),
    (StoreError, 500),
)


def status_of(error: WatchlistError) -> int:
    for kind, status in _STATUS_OF:
        if isinstance(error, kind):
            return status
    return 400


def _location(loc: tuple[Any, ...] | list[Any]) -> str:
    return ".".join(str(part) for part in loc)


async def _on_problem(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, Problem)
    return problem_response(
        exc.status,
        exc.detail,
        title=exc.title,
        instance=request.url.path,
        headers=exc.headers,
        **exc.extensions,
    )


async def _on_http(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
    if exc.status_code == 404 and detail == "Not Found":
        detail = f"no such path {request.url.path!r}; the endpoints are listed in /openapi.json"
    elif exc.status_code == 405:
        detail = f"{request.method} is not allowed on {request.url.path}; see /openapi.json"
    return problem_response(exc.status_code, detail, instance=request.url.path, headers=exc.headers)


async def _on_validation(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    errors = [
        {"loc": _location(error.get("loc", ())), "msg": str(error.get("msg", ""))}
        for error in exc.errors()
    ]
    shown = "; ".join(f"{e['loc']}: {e['msg']}" for e in errors[:5])
    more = f" (and {len(errors) - 5} more)" if len(errors) > 5 else ""
    return problem_response(
        422,
        f"the request is not valid: {shown}{more}",
        instance=request.url.path,
        errors=errors,
    )


async def _on_watchlist(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, WatchlistError)
    status = status_of(exc)
    if status >= 500:
        log.exception("request %s %s failed", request.method, request.url.path, exc_info=exc)
    return problem_response(status, str(exc), instance=request.url.path)


async def _on_unexpected(request: Request, exc: Exception) -> Response:
    log.exception("unexpected error in %s %s", request.method, request.url.path, exc_info=exc)
    return problem_response(
        500,
        "the server failed to answer this request; the error is in the server log",
        instance=request.url.path,
    )


def install_problem_handlers(app: FastAPI) -> None:
    app.add_exception_handler(Problem, _on_problem)
    app.add_exception_handler(StarletteHTTPException, _on_http)
    app.add_exception_handler(RequestValidationError, _on_validation)
    app.add_exception_handler(WatchlistError, _on_watchlist)
    app.add_exception_handler(Exception, _on_unexpected)


def problem_json_body(status: int, detail: str) -> bytes:
    """A problem document as bytes, for ASGI middleware that answers before routing."""
    return orjson.dumps(
        {"type": "about:blank", "title": _phrase(status), "status": status, "detail": detail}
    )


# The schema of the problem document, for the OpenAPI `responses` of every route.
PROBLEM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
    },
    "required": ["type", "title", "status", "detail"],
}


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    return {
        status: {
            "description": _phrase(status),
            "content": {PROBLEM_JSON: {"schema": PROBLEM_SCHEMA}},
        }
        for status in statuses
    }
