"""Liveness, readiness and metrics."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from watchlist.api.auth import ScreenerKey
from watchlist.api.problems import problem_response, problem_responses
from watchlist.api.responses import JSONResponse
from watchlist.api.state import api_state

router = APIRouter(tags=["Operations"])


@router.get("/healthz", summary="Liveness: the process answers (no key needed)")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get(
    "/readyz",
    summary="Readiness: 200 only when a list version is loaded and indexed",
    responses=problem_responses(401, 503),
)
async def readyz(request: Request, _key: ScreenerKey) -> Response:
    state = api_state(request)
    snapshot = state.index.snapshot
    if snapshot is None:
        detail = (
            "no list version is loaded; load one with POST /lists/{source} or `watchlist load`"
            if not state.index.active_versions
            else "the screening index is still being built"
        )
        if state.index.last_error:
            detail += f" (last error: {state.index.last_error})"
        return problem_response(503, detail, headers={"Retry-After": "5"})
    return JSONResponse(
        {
            "status": "ready",
            "versions": [
                {"id": v.id, "source": v.source, "entities": v.entity_count}
                for v in snapshot.versions
            ],
            "loaded_at": snapshot.loaded_at.isoformat(),
        }
    )


@router.get(
    "/metrics",
    summary="Prometheus metrics (text exposition format)",
    response_class=Response,
    responses={
        200: {"content": {"text/plain": {"schema": {"type": "string"}}}},
        **problem_responses(401),
    },
)
async def metrics(request: Request, _key: ScreenerKey) -> Response:
    body, content_type = api_state(request).metrics.exposition()
    return Response(body, media_type=content_type)
