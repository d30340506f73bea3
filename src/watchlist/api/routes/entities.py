"""GET /search and GET /entities/{id}: find listed parties and read everything about one."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import msgspec
from fastapi import APIRouter, Path, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from watchlist.api.auth import ScreenerKey
from watchlist.api.datasets import ALL_LISTS, source_name
from watchlist.api.problems import Problem, problem_responses
from watchlist.api.responses import JSONResponse
from watchlist.api.results import entity_topics
from watchlist.api.state import ApiState, api_state
from watchlist.api.yente import ftm_properties
from watchlist.law import consequences_for
from watchlist.model import DesignationStatus, Entity
from watchlist.model.codec import entity_to_builtins
from watchlist.store import ListVersion

router = APIRouter(tags=["Data access"])

MAX_SEARCH = 100


def entity_summary(entity: Entity, version: ListVersion | None) -> dict[str, Any]:
    """An entity in yente's EntityResponse shape."""
    props = ftm_properties(entity)
    topics = props.get("topics") or entity_topics(entity)
    if topics:
        props["topics"] = list(topics)
    return {
        "id": entity.id,
        "caption": entity.caption,
        "schema": entity.schema.value,
        "properties": props,
        "datasets": [entity.source],
        "referents": [],
        "target": any(d.status is DesignationStatus.ACTIVE for d in entity.designations),
        "first_seen": None,
        "last_seen": version.loaded_at if version else None,
        "last_change": None,
    }


def _versions_by_source(state: ApiState) -> dict[str, ListVersion]:
    snapshot = state.index.snapshot
    versions = snapshot.versions if snapshot is not None else state.index.active_versions
    return {version.source: version for version in versions}


async def _search(request: Request, q: str, limit: int, dataset: str | None) -> Response:
    state = api_state(request)
    text = q.strip()
    if not text:
        raise Problem(422, "q is empty: give a name, an entity id or a list's own id")
    wanted = None if dataset is None or dataset in ALL_LISTS else source_name(dataset)
    fetch = limit if wanted is None else MAX_SEARCH * 5
    found = await run_in_threadpool(state.store.find_entities, text, fetch)
    if wanted is not None:
        found = [entity for entity in found if entity.source == wanted]
    found = found[:limit]
    versions = _versions_by_source(state)
    return JSONResponse(
        {
            "results": [entity_summary(e, versions.get(e.source)) for e in found],
            "total": {"value": len(found), "relation": "gte" if len(found) == limit else "eq"},
            "limit": limit,
            "offset": 0,
            "facets": {},
        }
    )


@router.get(
    "/search",
    summary="Find listed entities by name (substring, accents and case ignored), id or list id",
    responses=problem_responses(401, 422),
)
async def search(
    request: Request,
    _key: ScreenerKey,
    q: Annotated[str, Query(min_length=1, max_length=500, description="Text to find")],
    limit: Annotated[int, Query(ge=1, le=MAX_SEARCH)] = 20,
) -> Response:
    return await _search(request, q, limit, None)


@router.get(
    "/search/{dataset}",
    summary="As /search, within one list (yente's path form)",
    responses=problem_responses(401, 422),
)
async def search_dataset(
    request: Request,
    _key: ScreenerKey,
    dataset: Annotated[str, Path(max_length=100)],
    q: Annotated[str, Query(min_length=1, max_length=500)],
    limit: Annotated[int, Query(ge=1, le=MAX_SEARCH)] = 20,
) -> Response:
    return await _search(request, q, limit, dataset)


def _consequences(entity: Entity, as_of: date | None) -> list[Any]:
    return [msgspec.to_builtins(c) for c in consequences_for(entity, as_of=as_of)]


@router.get(
    "/entities/{entity_id}",
    summary="Everything known about one listed entity",
    responses=problem_responses(401, 404),
)
async def get_entity(
    request: Request,
    _key: ScreenerKey,
    entity_id: Annotated[str, Path(max_length=300)],
    as_of: Annotated[
        date | None, Query(description="Designations and consequences in force on this day")
    ] = None,
) -> Response:
    state = api_state(request)
    entity = await run_in_threadpool(state.store.get_entity, entity_id)
    if entity is None:
        raise Problem(
            404,
            f"no entity {entity_id!r} in the loaded lists; GET /search?q=NAME finds ids",
        )
    day = as_of or date.today()

    def related() -> list[dict[str, Any]]:
        rows = []
        for relation in entity.relations:
            target = state.store.get_entity(relation.target_id) if relation.target_id else None
            rows.append(
                {
                    **msgspec.to_builtins(relation),
                    "target_caption": target.caption if target else None,
                    "target_in_lists": target is not None,
                }
            )
        return rows

    relations = await run_in_threadpool(related)
    consequences = await run_in_threadpool(_consequences, entity, day)
    version = _versions_by_source(state).get(entity.source)
    document = entity_summary(entity, version)
    document.update(
        {
            "entity": entity_to_builtins(entity),
            "designations": [
                {**msgspec.to_builtins(d), "in_force": d.in_force_on(day)}
                for d in entity.designations
            ],
            "relations": relations,
            "consequences": consequences,
            "as_of": day,
            "version": (
                {
                    "id": version.id,
                    "source": version.source,
                    "loaded_at": version.loaded_at,
                    "published_on": version.published_on,
                }
                if version
                else None
            ),
        }
    )
    return JSONResponse(document)
