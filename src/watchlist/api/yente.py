"""OpenSanctions yente's /match request and response shapes, and their mapping to watchlist.

A yente query is a FollowTheMoney entity "example": `{"schema": "Person", "properties": {"name":
[...], "birthDate": [...], "nationality": [...]}}`. Property values are cleaned as FtM cleans
them (countries to ISO codes) and echoed back under `query`, as yente does. Each name becomes one
watchlist `Query` with the first birth date, country and identifier; the hits of all names are
merged per entity, keeping the best score.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from followthemoney import model as ftm_model
from followthemoney.exc import InvalidData
from pydantic import BaseModel, ConfigDict, Field

from watchlist.api.problems import Problem
from watchlist.errors import WatchlistError
from watchlist.match.types import Hit, Query
from watchlist.model import Entity, NameKind, parse_fuzzy_date
from watchlist.sources.ftm import entity_to_ftm

log = logging.getLogger(__name__)

# --- Request ---------------------------------------------------------------------------------


class EntityExample(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    id: str | None = Field(None, examples=["customer-0042"])
    schema_: str = Field(..., alias="schema", examples=["Person"])
    properties: dict[str, str | list[Any]] = Field(
        ...,
        examples=[{"name": ["Nicolas Maduro"], "birthDate": ["1962-11-23"], "nationality": ["ve"]}],
    )


class EntityMatchQuery(BaseModel):
    weights: dict[str, float] = Field({}, description="Accepted for yente compatibility; ignored.")
    config: dict[str, Any] = Field({}, description="Accepted for yente compatibility; ignored.")
    queries: dict[str, EntityExample] = Field(
        ...,
        examples=[
            {
                "q1": {
                    "schema": "Person",
                    "properties": {"name": ["Nicolas Maduro"], "birthDate": ["1962"]},
                }
            }
        ],
    )


# --- Response --------------------------------------------------------------------------------


class TotalSpec(BaseModel):
    value: int
    relation: str = "eq"


class FeatureDoc(BaseModel):
    description: str
    coefficient: float
    url: str | None = None


class ScoredEntityResponse(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    id: str
    caption: str
    schema_: str = Field(..., alias="schema")
    properties: dict[str, list[Any]]
    datasets: list[str]
    referents: list[str]
    target: bool
    first_seen: datetime | None = None
    last_seen: datetime | None = None
    last_change: datetime | None = None
    score: float
    features: dict[str, float]
    match: bool
    # watchlist extensions
    explanation: str = Field("", description="watchlist: why this entity scored as it did")
    matched_name: str = Field("", description="watchlist: the listed name that matched best")
    name_kind: str = Field("", description="watchlist: primary, alias, weak_alias, ...")
    source: str = Field("", description="watchlist: the list (ofac-sdn, un-sc, ...)")
    source_id: str = Field("", description="watchlist: the entry's id on its list")
    programs: list[str] = Field([], description="watchlist: the list's program tags")
    consequences: list[dict[str, str]] = Field(
        [],
        description="watchlist: what a hit obliges (code, action, title) under the "
        "designations in force; details in GET /entities/{id}",
    )


class EntityMatches(BaseModel):
    status: int = 200
    results: list[ScoredEntityResponse]
    total: TotalSpec
    query: EntityExample
    warnings: list[str] = Field([], description="watchlist: query values that were not used")


class VersionRef(BaseModel):
    id: int
    source: str
    loaded_at: datetime
    published_on: date | None = None


class EntityMatchResponse(BaseModel):
    responses: dict[str, EntityMatches]
    matcher: dict[str, FeatureDoc]
    limit: int
    versions: list[VersionRef] = Field([], description="watchlist: list versions screened")


# --- Examples to queries ---------------------------------------------------------------------

_NAME_PROPS = ("name", "alias", "previousName", "abbreviation")
_NAME_PARTS = ("firstName", "secondName", "middleName", "fatherName", "lastName")
_COUNTRY_PROPS = ("nationality", "citizenship", "country", "jurisdiction", "flag", "mainCountry")
_ID_PROPS = (
    "idNumber",
    "passportNumber",
    "registrationNumber",
    "taxNumber",
    "imoNumber",
    "mmsi",
    "innCode",
    "ogrnCode",
    "leiCode",
    "swiftBic",
    "vatCode",
    "socialSecurityNumber",
    "dunsCode",
    "serialNumber",
    "callSign",
)
# FtM schemata watchlist's entities use; a query for anything else matches any of them.
_SCHEMATA = ("Person", "Organization", "Company", "LegalEntity", "Vessel", "Airplane")
MAX_NAMES_PER_QUERY = 10


@dataclass
class ParsedExample:
    queries: list[Query]
    echo: dict[str, Any]
    schema: str
    warnings: list[str] = field(default_factory=list)


def _values(raw: str | list[Any]) -> list[str]:
    items = raw if isinstance(raw, list) else [raw]
    out: list[str] = []
    for item in items:
        if item is None:
            continue
        if isinstance(item, (str, int, float)) and not isinstance(item, bool):
            text = str(item).strip()
            if text:
                out.append(text)
    return out


def parse_example(key: str, example: EntityExample) -> ParsedExample:
    """Queries for one yente example; Problem 400 when the schema or a property is unknown."""
    try:
        schema = ftm_model.get(example.schema_)
    except InvalidData:
        schema = None
    if schema is None:
        raise Problem(
            400,
            f"query {key!r}: unknown schema {example.schema_!r}; use one of "
            f"{', '.join(_SCHEMATA)} (FollowTheMoney schema names)",
        )
    if not schema.matchable:
        raise Problem(
            400,
            f"query {key!r}: schema {schema.name} cannot be matched; use one of "
            f"{', '.join(_SCHEMATA)}",
        )
    proxy = ftm_model.make_entity(schema)
    if example.id:
        proxy.id = example.id
    warnings: list[str] = []
    raw_dates: list[str] = []
    for prop, raw in example.properties.items():
        if prop not in schema.properties:
            raise Problem(
                400,
                f"query {key!r}: {prop!r} is not a property of {schema.name}; "
                f"for screening use {', '.join(_useful_props(schema.name))}",
            )
        values = _values(raw)
        if len(values) != len(raw if isinstance(raw, list) else [raw]):
            warnings.append(f"{prop}: values that are not text or numbers were ignored")
        if prop == "birthDate":
            raw_dates.extend(values)
            continue
        before = len(proxy.get(prop))
        proxy.add(prop, values, quiet=True)
        if values and len(proxy.get(prop)) == before:
            warnings.append(f"{prop}: {values[:3]} could not be read as {prop}; ignored")
    birth_dates: list[str] = []
    for text in raw_dates:
        parsed = parse_fuzzy_date(text)
        if parsed is None:
            warnings.append(f"birthDate: {text!r} is not a date; ignored")
            continue
        birth_dates.append(parsed.iso)
    if birth_dates and "birthDate" in schema.properties:
        proxy.add("birthDate", birth_dates, quiet=True)

    names = _names(proxy)
    if not names:
        raise Problem(
            400,
            f"query {key!r}: no name to screen; give `name` (or firstName/lastName) in properties",
        )
    if len(names) > MAX_NAMES_PER_QUERY:
        warnings.append(f"name: {len(names)} names given; screened the first {MAX_NAMES_PER_QUERY}")
        names = names[:MAX_NAMES_PER_QUERY]
    country = _first(proxy, _COUNTRY_PROPS)
    id_number = _first(proxy, _ID_PROPS)
    birth_date = birth_dates[0] if birth_dates else None
    query_schema = schema.name if schema.name in _SCHEMATA else None
    queries = [
        Query(
            name=name,
            schema=query_schema,
            birth_date=birth_date,
            country=country,
            id_number=id_number,
            record_id=example.id or key,
        )
        for name in names
    ]
    echo = proxy.to_dict()
    echo["id"] = example.id
    return ParsedExample(queries, echo, schema.name, warnings)


def _useful_props(schema: str) -> list[str]:
    wanted = ("name", "alias", "birthDate", "nationality", "country", "jurisdiction", "idNumber")
    props = ftm_model.get(schema)
    return [p for p in wanted if props is not None and p in props.properties] or ["name"]


def _names(proxy: Any) -> list[str]:
    seen: dict[str, None] = {}
    for prop in _NAME_PROPS:
        if prop in proxy.schema.properties:
            for value in proxy.get(prop):
                seen.setdefault(value, None)
    if not seen:
        parts = [" ".join(proxy.get(p)) for p in _NAME_PARTS if p in proxy.schema.properties]
        joined = " ".join(part for part in parts if part)
        if joined:
            seen[joined] = None
    return list(seen)


def _first(proxy: Any, props: tuple[str, ...]) -> str | None:
    for prop in props:
        if prop in proxy.schema.properties:
            values = proxy.get(prop)
            if values:
                return str(values[0])
    return None


def merge_hits(hit_lists: list[list[Hit]]) -> list[Hit]:
    """One hit per entity, the best-scoring one, best first."""
    best: dict[str, Hit] = {}
    for hits in hit_lists:
        for hit in hits:
            kept = best.get(hit.entity_id)
            if kept is None or hit.score > kept.score:
                best[hit.entity_id] = hit
    return sorted(best.values(), key=lambda h: (-h.score, h.entity_id))


# --- Entities to FtM-shaped results ----------------------------------------------------------


def ftm_properties(entity: Entity) -> dict[str, list[Any]]:
    """FollowTheMoney properties of an entity, as the FtM exporter writes them. When the
    exporter refuses an entity, its names alone, so that one entry cannot fail a screening
    request (the refusal is logged)."""
    try:
        exported = entity_to_ftm(entity)
    except WatchlistError as error:
        log.warning("FtM export of %s failed, answering with its names only: %s", entity.id, error)
        props: dict[str, list[Any]] = {}
        for name in entity.names:
            prop = _NAME_PROP.get(name.kind, "alias")
            if name.full not in props.setdefault(prop, []):
                props[prop].append(name.full)
        return props
    return {str(k): list(v) for k, v in exported.get("properties", {}).items()}


_NAME_PROP = {
    NameKind.PRIMARY: "name",
    NameKind.ALIAS: "alias",
    NameKind.ORIGINAL_SCRIPT: "alias",
    NameKind.WEAK_ALIAS: "weakAlias",
    NameKind.PREVIOUS: "previousName",
}
