"""POST/GET/DELETE /keys: API key management (admin only)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request, Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from watchlist.api.auth import AdminKey, Role, create_key, list_keys, revoke_key
from watchlist.api.problems import Problem, problem_responses
from watchlist.api.responses import JSONResponse
from watchlist.api.state import api_state

router = APIRouter(tags=["Keys"])


class KeyRequest(BaseModel):
    role: Role
    name: str | None = Field(None, max_length=200)


@router.post(
    "/keys",
    summary="Create an API key; the response is the only time the key is shown",
    status_code=201,
    responses=problem_responses(401, 403, 422),
)
async def create(request: Request, body: KeyRequest, key: AdminKey) -> Response:
    engine = api_state(request).store.engine
    created = await run_in_threadpool(create_key, engine, body.role, body.name, key.id)
    return JSONResponse({**created.key.to_builtins(), "key": created.secret}, status_code=201)


@router.get(
    "/keys",
    summary="All API keys (never the keys themselves)",
    responses=problem_responses(401, 403),
)
async def index(request: Request, _key: AdminKey) -> Response:
    keys = await run_in_threadpool(list_keys, api_state(request).store.engine)
    return JSONResponse({"keys": [k.to_builtins() for k in keys]})


@router.delete(
    "/keys/{key_id}",
    summary="Revoke an API key (it stays listed, for the audit log)",
    responses=problem_responses(401, 403, 404, 409),
)
async def revoke(
    request: Request, key: AdminKey, key_id: Annotated[int, Path(ge=1, le=2**31 - 1)]
) -> Response:
    if key_id == key.id:
        raise Problem(409, "a key cannot revoke itself; use another admin key")
    state = api_state(request)
    revoked = await run_in_threadpool(revoke_key, state.store.engine, key_id)
    state.keys.clear()
    return JSONResponse(revoked.to_builtins())
