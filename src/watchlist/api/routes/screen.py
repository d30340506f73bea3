"""POST /screen (a batch of records → a background job) and GET /jobs/{id}."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from watchlist.api.auth import AnalystKey, Role
from watchlist.api.jobs import JobStatus, count_csv_records, create_job, get_job, records_to_csv
from watchlist.api.problems import Problem, problem_responses
from watchlist.api.responses import JSONResponse
from watchlist.api.state import api_state, require_snapshot

router = APIRouter(tags=["Batch screening"])


class ScreenRecord(BaseModel):
    model_config = ConfigDict(populate_by_name=True, coerce_numbers_to_str=True)

    id: str = Field(..., max_length=200)
    name: str = Field(..., max_length=1000)
    schema_: str | None = Field(None, alias="schema", max_length=50)
    birth_date: str | None = Field(None, max_length=50)
    country: str | None = Field(None, max_length=100)
    id_number: str | None = Field(None, max_length=100)


class ScreenRequest(BaseModel):
    records: list[ScreenRecord]
    threshold: float | None = Field(None, ge=0, le=1)
    limit: int = Field(10, ge=1, le=100)
    sources: list[str] | None = None
    as_of: date | None = None


_CSV_HELP = "a CSV with a header row: id,name and optionally schema,birth_date,country,id_number"


@router.post(
    "/screen",
    summary="Screen a batch of records in the background; returns a job to poll",
    status_code=202,
    responses=problem_responses(401, 403, 413, 415, 422, 503),
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/ScreenRequest"}},
                "text/csv": {"schema": {"type": "string", "description": _CSV_HELP}},
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "properties": {"file": {"type": "string", "format": "binary"}},
                        "required": ["file"],
                    }
                },
            },
        }
    },
)
async def screen(
    request: Request,
    key: AnalystKey,
    threshold: Annotated[float | None, Query(ge=0, le=1)] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
    source: Annotated[list[str], Query(description="Only these lists")] = [],  # noqa: B006
    as_of: Annotated[date | None, Query()] = None,
) -> Response:
    state = api_state(request)
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    params: dict[str, Any] = {
        "threshold": threshold,
        "limit": limit,
        "sources": list(source) or None,
        "as_of": as_of.isoformat() if as_of else None,
    }
    if content_type == "application/json":
        try:
            payload = ScreenRequest.model_validate_json(await request.body())
        except ValidationError as error:
            raise RequestValidationError(
                [{**e, "loc": ("body", *e["loc"])} for e in error.errors(include_url=False)]
            ) from None
        records = [r.model_dump(by_alias=True) for r in payload.records]
        data = records_to_csv(records)
        total = len(records)
        params.update(
            threshold=payload.threshold if payload.threshold is not None else threshold,
            limit=payload.limit,
            sources=payload.sources or params["sources"],
            as_of=payload.as_of.isoformat() if payload.as_of else params["as_of"],
        )
    elif content_type in ("text/csv", "application/csv"):
        data = await request.body()
        total = count_csv_records(data)
    elif content_type == "multipart/form-data":
        form = await request.form(max_files=1)
        upload = form.get("file")
        if not isinstance(upload, UploadFile):
            raise Problem(422, f"no file in the `file` field; upload {_CSV_HELP}")
        data = await upload.read()
        total = count_csv_records(data)
    else:
        raise Problem(
            415,
            'send JSON {"records": [...]}, a text/csv body, or multipart/form-data with a '
            "`file` field",
        )
    if total == 0:
        raise Problem(422, f"no records to screen; send {_CSV_HELP}")
    if total > state.settings.max_screen_records:
        raise Problem(
            422,
            f"{total} records in one job; the limit is {state.settings.max_screen_records} — "
            "split the file",
        )
    snapshot = require_snapshot(state)
    unknown = [name for name in params["sources"] or () if name not in snapshot.sources]
    if unknown:
        raise Problem(
            422,
            f"source {', '.join(map(repr, unknown))} is not loaded; loaded lists: "
            f"{', '.join(snapshot.sources)}",
        )
    job_id = await run_in_threadpool(
        create_job,
        state.store.engine,
        key_id=key.id,
        csv_data=data,
        total=total,
        params=params,
    )
    state.jobs.submit(job_id)
    location = f"/jobs/{job_id}"
    return JSONResponse(
        {"id": job_id, "status": JobStatus.QUEUED, "total": total, "url": location},
        status_code=202,
        headers={"Location": location},
    )


@router.get(
    "/jobs/{job_id}",
    summary="A screening job's progress and, when done, its hits and rejected rows",
    responses=problem_responses(401, 403, 404),
)
async def job(
    request: Request,
    key: AnalystKey,
    job_id: Annotated[str, Path(max_length=64)],
    offset: Annotated[int, Query(ge=0, description="First result row to return")] = 0,
    limit: Annotated[int, Query(ge=1, le=100_000, description="Result rows to return")] = 10_000,
) -> Response:
    state = api_state(request)
    found = await run_in_threadpool(get_job, state.store.engine, job_id)
    # Another key's job is answered as missing, so ids cannot be probed.
    if found is None or (found["key_id"] != key.id and not key.role.allows(Role.ADMIN)):
        raise Problem(404, f"no job {job_id!r} for this key; POST /screen starts one")
    total = found["total"] or 0
    results = found["results"]
    document: dict[str, Any] = {
        "id": found["id"],
        "status": found["status"],
        "created_at": found["created_at"],
        "started_at": found["started_at"],
        "finished_at": found["finished_at"],
        "total": total,
        "processed": found["processed"],
        "progress": (found["processed"] / total) if total else 1.0,
        "params": found["params"],
        "version_ids": found["version_ids"],
        "summary": found["summary"],
        "error": found["error"],
    }
    if results is not None:
        document["results"] = results[offset : offset + limit]
        document["result_count"] = len(results)
        document["offset"] = offset
        document["rejects"] = found["rejects"] or []
    return JSONResponse(document)
