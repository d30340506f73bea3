"""POST /match/{dataset}: yente-compatible query-by-example screening."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from watchlist.api.audit import AuditRecord
from watchlist.api.auth import ScreenerKey
from watchlist.api.datasets import resolve_sources
from watchlist.api.problems import Problem, problem_responses
from watchlist.api.responses import JSONResponse
from watchlist.api.results import (
    ALGORITHMS,
    HitFilter,
    algorithms_document,
    matcher_docs,
    scored_result,
)
from watchlist.api.serving import IndexSnapshot
from watchlist.api.state import api_state, require_snapshot
from watchlist.api.yente import (
    EntityMatchQuery,
    EntityMatchResponse,
    ParsedExample,
    merge_hits,
    parse_example,
)
from watchlist.errors import InputError
from watchlist.match.types import Hit
from watchlist.screen import DEFAULT_THRESHOLD

router = APIRouter(tags=["Matching"])

DEFAULT_CUTOFF = 0.5  # results below this are not returned at all; `match` uses the threshold
DEFAULT_LIMIT = 5  # as yente's MATCH_PAGE


@router.post(
    "/match/{dataset}",
    summary="Screen a batch of entities (yente-compatible query by example)",
    response_model=EntityMatchResponse,
    responses=problem_responses(400, 401, 403, 404, 413, 422, 503),
)
async def match(
    request: Request,
    body: EntityMatchQuery,
    key: ScreenerKey,
    dataset: Annotated[
        str,
        Path(
            description="`default` (every loaded list) or a list name: ofac-sdn, un-sc, ... "
            "(yente names such as us_ofac_sdn are accepted too)",
            max_length=100,
        ),
    ],
    limit: Annotated[int, Query(ge=1, description="Results per query (yente: 5)")] = DEFAULT_LIMIT,
    threshold: Annotated[
        float | None,
        Query(ge=0, le=1, description="Score at which `match` is true; default: the engine's"),
    ] = None,
    cutoff: Annotated[
        float | None,
        Query(ge=0, le=1, deprecated=True, description="Lowest score returned at all"),
    ] = None,
    algorithm: Annotated[
        str, Query(max_length=100, description="yente algorithm names are accepted")
    ] = "best",
    include_dataset: Annotated[list[str], Query(description="Only these lists")] = [],  # noqa: B006
    exclude_dataset: Annotated[list[str], Query(description="Not these lists")] = [],  # noqa: B006
    exclude_schema: Annotated[list[str], Query(description="Drop results of these schemata")] = [],  # noqa: B006
    topics: Annotated[list[str], Query(description="Only results with one of these topics")] = [],  # noqa: B006
    changed_since: Annotated[
        date | None,
        Query(description="Only entities with a designation dated on or after this day"),
    ] = None,
    exclude_entity_ids: Annotated[list[str], Query(max_length=50)] = [],  # noqa: B006
    fuzzy: Annotated[bool | None, Query(description="Accepted for yente; ignored")] = None,
    as_of: Annotated[
        date | None,
        Query(description="watchlist: only designations in force on this day count"),
    ] = None,
) -> Response:
    state = api_state(request)
    settings = state.settings
    if algorithm not in ALGORITHMS:
        raise Problem(
            400,
            f"unknown algorithm {algorithm!r}; use one of {', '.join(sorted(ALGORITHMS))} "
            "(all of them run watchlist's scorer)",
        )
    if limit > settings.max_match_limit:
        raise Problem(422, f"limit {limit} is over the maximum of {settings.max_match_limit}")
    if not body.queries:
        raise Problem(400, 'no queries given: send {"queries": {"q1": {...}}}')
    if len(body.queries) > settings.max_match_queries:
        raise Problem(
            422,
            f"{len(body.queries)} queries in one request; the limit is "
            f"{settings.max_match_queries} — split the batch",
        )
    snapshot = require_snapshot(state)
    sources = resolve_sources(snapshot, dataset, include_dataset, exclude_dataset)
    parsed = {name: parse_example(name, example) for name, example in body.queries.items()}
    match_threshold = DEFAULT_THRESHOLD if threshold is None else threshold
    floor = min(DEFAULT_CUTOFF if cutoff is None else cutoff, match_threshold)
    hit_filter = HitFilter.build(
        snapshot, exclude_schema, exclude_entity_ids, topics, changed_since
    )
    wanted = limit if hit_filter.empty else max(limit * 4, limit + len(exclude_entity_ids), 20)

    def run() -> dict[str, list[Hit]]:
        found: dict[str, list[Hit]] = {}
        if len(parsed) > 1:  # a batch: its new words looked up together
            snapshot.screener.prefetch(q for example in parsed.values() for q in example.queries)
        for name, example in parsed.items():
            if sources is not None and not sources:
                found[name] = []
                continue
            try:
                hits = merge_hits(
                    [
                        snapshot.screener.match(
                            query, threshold=floor, limit=wanted, sources=sources, as_of=as_of
                        )
                        for query in example.queries
                    ]
                )
            except InputError as error:
                raise Problem(422, f"query {name!r}: {error}") from None
            found[name] = hit_filter.apply(hits)
        return found

    total_names = sum(len(example.queries) for example in parsed.values())
    found = run() if total_names <= 2 else await run_in_threadpool(run)

    responses: dict[str, Any] = {}
    features: dict[str, float] = {}
    audit_results: dict[str, list[list[Any]]] = {}
    matches = 0
    for name, example in parsed.items():
        hits = found[name]
        shown = hits[:limit]
        results = [scored_result(snapshot, hit, match_threshold, as_of) for hit in shown]
        for hit in shown:
            for contribution in hit.contributions:
                features.setdefault(contribution.feature, contribution.weight)
        matches += sum(1 for r in results if r["match"])
        responses[name] = {
            "status": 200,
            "results": results,
            "total": {"value": len(hits), "relation": "gte" if len(hits) >= wanted else "eq"},
            "query": example.echo,
            "warnings": example.warnings,
        }
        audit_results[name] = [[hit.entity_id, round(hit.score, 4)] for hit in shown]
    state.metrics.match_queries.inc(len(parsed))
    state.metrics.match_hits.inc(matches)
    await state.audit.record(
        AuditRecord(
            action="match",
            key_id=key.id,
            dataset=dataset,
            version_ids=snapshot.version_ids,
            request=_audit_request(parsed, request),
            results=audit_results,
            result_count=sum(len(v) for v in audit_results.values()),
        )
    )
    document = {
        "responses": responses,
        "matcher": matcher_docs(features),
        "limit": limit,
        "versions": _versions(snapshot),
    }
    return JSONResponse(document, headers={"x-batch-size": str(len(responses))})


def _versions(snapshot: IndexSnapshot) -> list[dict[str, Any]]:
    return [
        {
            "id": v.id,
            "source": v.source,
            "loaded_at": v.loaded_at,
            "published_on": v.published_on,
        }
        for v in snapshot.versions
    ]


def _audit_request(parsed: dict[str, ParsedExample], request: Request) -> dict[str, Any]:
    return {
        "queries": {name: example.echo for name, example in parsed.items()},
        "params": [[k, v] for k, v in request.query_params.multi_items()],
    }


@router.get(
    "/algorithms",
    summary="The matching algorithms this server accepts (yente-compatible)",
    responses=problem_responses(401),
)
async def algorithms(_key: ScreenerKey) -> Response:
    return JSONResponse(algorithms_document())
