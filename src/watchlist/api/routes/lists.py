"""GET /lists, GET /lists/{source}/diff, POST /lists/{source} (load a new version)."""

from __future__ import annotations

import logging
import re
import shutil
import tempfile
import time
from pathlib import Path as FsPath
from typing import Annotated, Any

import orjson
import sqlalchemy as sa
from fastapi import APIRouter, Path, Query, Request, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from watchlist.api.auth import AdminKey, AnalystKey, ScreenerKey
from watchlist.api.problems import Problem, problem_responses
from watchlist.api.responses import JSONResponse
from watchlist.api.state import api_state
from watchlist.errors import SourceFormatError, WatchlistError
from watchlist.model import Entity
from watchlist.sources import ParsedList, get_source
from watchlist.store import ListVersion, Store

router = APIRouter(tags=["Lists"])
log = logging.getLogger(__name__)

_SOURCE = Annotated[str, Path(max_length=64, description="ofac-sdn, un-sc, uk-ofsi, builtin, ...")]


def version_document(version: ListVersion) -> dict[str, Any]:
    return {
        "id": version.id,
        "source": version.source,
        "status": version.status.value,
        "loaded_at": version.loaded_at,
        "published_on": version.published_on,
        "counts": version.counts,
        "entity_count": version.entity_count,
        "warnings": version.warnings,
        "rejected": version.rejected,
        "checksum": version.checksum,
        "files": [
            {"name": FsPath(f.path).name, "sha256": f.sha256, "size": f.size} for f in version.files
        ],
    }


@router.get("/lists", summary="The list versions in use", responses=problem_responses(401))
async def lists(
    request: Request,
    _key: ScreenerKey,
    all: Annotated[bool, Query(description="Every version, not only the active ones")] = False,
) -> Response:
    store = api_state(request).store
    versions = await run_in_threadpool(store.versions if all else store.active_versions)
    return JSONResponse({"versions": [version_document(v) for v in versions]})


def _entry(entity: Entity) -> dict[str, Any]:
    return {
        "id": entity.id,
        "caption": entity.caption,
        "schema": entity.schema.value,
        "source_id": entity.source_id,
    }


@router.get(
    "/lists/{source}/diff",
    summary="Entries added, removed and changed between two versions of a list",
    responses=problem_responses(401, 403, 404, 422),
)
async def diff(
    request: Request,
    _key: AnalystKey,
    source: _SOURCE,
    old: Annotated[int | None, Query(description="Older version id; default: the previous")] = None,
    new: Annotated[int | None, Query(description="Newer version id; default: the active")] = None,
) -> Response:
    store = api_state(request).store
    versions = await run_in_threadpool(store.versions, source)
    if new is None or old is None:
        if len(versions) < 2 and (old is None or new is None):
            raise Problem(
                404,
                f"{source} has {len(versions)} version(s); a diff needs two — give old= and "
                "new= version ids (GET /lists?all=true lists them)",
            )
        active = next((v.id for v in versions if v.is_active), versions[0].id)
        new = active if new is None else new
        if old is None:
            older = [v.id for v in versions if v.id < new]
            if not older:
                raise Problem(404, f"{source} has no version older than {new}")
            old = older[0]
    result = await run_in_threadpool(store.diff, source, old, new)
    return JSONResponse(
        {
            "source": source,
            "old": old,
            "new": new,
            "counts": result.counts,
            "field_counts": result.field_counts,
            "added": [_entry(e) for e in result.added],
            "removed": [_entry(e) for e in result.removed],
            "changed": [{**_entry(n), "fields": fields} for _o, n, fields in result.changed],
        }
    )


def _load_retrying(store: Store, parsed: ParsedList, force: bool) -> ListVersion:
    """Store a parsed list, retrying when SQLite refuses the write because another writer
    (the audit log of concurrent requests) committed after the load's transaction began: the
    load is one transaction, so a refused attempt leaves nothing behind."""
    for attempt in range(5):
        try:
            return store.load(parsed, force=force)
        except sa.exc.OperationalError as error:
            if "database is locked" not in str(error.orig) or attempt == 4:
                raise
            log.info("the store was busy; loading %s again", parsed.source)
            time.sleep(0.2 * (attempt + 1))
    raise AssertionError("unreachable")


_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def _within(path: FsPath, roots: tuple[FsPath, ...]) -> bool:
    return any(path == root or path.is_relative_to(root) for root in roots)


@router.post(
    "/lists/{source}",
    summary="Load a new version of a list from uploaded files or a server path",
    status_code=201,
    responses=problem_responses(400, 401, 403, 404, 409, 413, 422),
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "properties": {
                            "file": {
                                "type": "array",
                                "items": {"type": "string", "format": "binary"},
                            }
                        },
                        "required": ["file"],
                    }
                },
                "application/json": {
                    "schema": {
                        "type": "object",
                        "properties": {
                            "path": {"type": "string"},
                            "force": {"type": "boolean"},
                        },
                        "required": ["path"],
                    }
                },
            },
        }
    },
)
async def load_list(
    request: Request,
    key: AdminKey,
    source: _SOURCE,
    force: Annotated[
        bool, Query(description="Load even if the list shrank by more than 10%")
    ] = False,
) -> Response:
    state = api_state(request)
    spec = get_source(source)
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    upload_dir: FsPath | None = None
    try:
        if content_type == "multipart/form-data":
            form = await request.form(max_files=32)
            files = [f for f in form.getlist("file") if isinstance(f, UploadFile)]
            if not files:
                raise Problem(422, "no file uploaded: send the list's files in the `file` field")
            uploads = state.settings.data_dir / "uploads"
            uploads.mkdir(parents=True, exist_ok=True)
            upload_dir = FsPath(tempfile.mkdtemp(prefix=f"{source}-", dir=uploads))
            for index, upload in enumerate(files):
                name = _SAFE_NAME.sub("_", FsPath(upload.filename or "").name).strip("._")
                target = upload_dir / (name or f"file{index}")
                with target.open("wb") as handle:
                    while chunk := await upload.read(1 << 20):
                        handle.write(chunk)
            # One file goes to the parser as a file, several as their folder (OFAC's set).
            path = upload_dir if len(files) > 1 else next(upload_dir.iterdir())
        elif content_type == "application/json":
            try:
                payload = orjson.loads(await request.body())
            except orjson.JSONDecodeError as error:
                raise Problem(422, f"the body is not valid JSON: {error}") from None
            if not isinstance(payload, dict) or not isinstance(payload.get("path"), str):
                raise Problem(422, 'send {"path": "/server/folder/or/file"}')
            force = force or bool(payload.get("force", False))
            roots = state.settings.load_roots
            if not roots:
                raise Problem(
                    403,
                    "loading from server paths is off; set WATCHLIST_API_LOAD_ROOTS to the "
                    "folders the server may read, or upload the files",
                )
            path = FsPath(payload["path"]).resolve()
            if not _within(path, roots):
                raise Problem(
                    403,
                    f"{payload['path']} is outside the folders the server may read "
                    f"({', '.join(map(str, roots))})",
                )
            if not path.exists():
                raise Problem(404, f"{payload['path']} does not exist on the server")
        else:
            raise Problem(
                415,
                "send the list's files as multipart/form-data (field `file`) or "
                'application/json {"path": ...}',
            )

        def parse_and_load() -> ListVersion:
            try:
                parsed = spec.parse(path)
            except WatchlistError:
                raise
            except Exception as error:
                # Uploaded bytes are user input: a parser tripping over them is a bad request.
                raise SourceFormatError(
                    f"cannot be read as {source} ({spec.input_hint}): "
                    f"{type(error).__name__}: {error}",
                    path=path.name,
                ) from error
            return _load_retrying(state.store, parsed, force)

        version = await run_in_threadpool(parse_and_load)
    finally:
        if upload_dir is not None:
            shutil.rmtree(upload_dir, ignore_errors=True)
    # This worker swaps in the new index now; the others notice within index_check_seconds.
    state.index.refresh_soon()
    document = version_document(version)
    document["unchanged"] = version.unchanged
    document["loaded_by"] = key.id
    return JSONResponse(document, status_code=200 if version.unchanged else 201)
