"""Entities as the API returns them: yente-shaped scored results, topics, result filters."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from watchlist.api.serving import IndexSnapshot
from watchlist.api.yente import ftm_properties
from watchlist.law import consequences_for
from watchlist.match.types import Hit
from watchlist.model import Authority, DesignationStatus, Entity

# yente's algorithm names; watchlist has one scorer, which answers for all of them.
ALGORITHMS = frozenset(
    {
        "best",
        "default",
        "watchlist",
        "logic-v1",
        "logic-v2",
        "name-based",
        "name-qualified",
        "regression-v1",
        "regression-v2",
    }
)

_TERROR = ("SDGT", "FTO", "SDT", "QDI", "QDE")
_DRUGS = ("SDNTK", "SDNT", "ILLICIT-DRUGS")
_EXPORT = (Authority.BIS, Authority.US_OTHER)


def entity_topics(entity: Entity) -> list[str]:
    """FollowTheMoney topics for an entity, from its designations' authorities and programs."""
    topics: dict[str, None] = {}
    for designation in entity.designations:
        if designation.status is not DesignationStatus.ACTIVE:
            continue
        if designation.authority in _EXPORT:
            topics.setdefault("export.control", None)
        else:
            topics.setdefault("sanction", None)
        for program in designation.programs:
            upper = program.upper()
            if upper.startswith(_TERROR):
                topics.setdefault("crime.terror", None)
            elif upper.startswith(_DRUGS):
                topics.setdefault("crime.traffick.drug", None)
    return list(topics)


def _derived(snapshot: IndexSnapshot, entity_id: str) -> dict[str, Any]:
    cached = snapshot.derived.get(entity_id)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    entity = snapshot.screener.entity(entity_id)
    props = ftm_properties(entity)
    topics = list(props.get("topics") or entity_topics(entity))
    if topics:
        props["topics"] = topics
    dates = [
        day
        for d in entity.designations
        for day in (d.announced_on, d.listed_on, d.effective_on, d.delisted_on)
        if day is not None
    ]
    value = {
        "properties": props,
        "topics": frozenset(topics),
        "schema": entity.schema.value,
        "latest_date": max(dates) if dates else None,
        "target": any(d.status is DesignationStatus.ACTIVE for d in entity.designations),
    }
    if len(snapshot.derived) < 200_000:
        snapshot.derived[entity_id] = value
    return value


def consequence_summary(
    snapshot: IndexSnapshot, entity_id: str, as_of: date | None
) -> list[dict[str, str]]:
    """What a hit on the entity obliges (watchlist.law), in short: code, action, title."""
    key = f"{entity_id}\x00consequences\x00{as_of}"
    cached: list[dict[str, str]] | None = snapshot.derived.get(key)
    if cached is None:
        entity = snapshot.screener.entity(entity_id)
        cached = [
            {"code": c.code, "action": c.action.value, "title": c.title}
            for c in consequences_for(entity, as_of)
        ]
        if len(snapshot.derived) < 200_000:
            snapshot.derived[key] = cached
    return cached


def scored_result(
    snapshot: IndexSnapshot, hit: Hit, threshold: float, as_of: date | None = None
) -> dict[str, Any]:
    derived = _derived(snapshot, hit.entity_id)
    version = snapshot.version_of(hit.source)
    return {
        "id": hit.entity_id,
        "caption": hit.caption,
        "schema": hit.schema,
        "properties": derived["properties"],
        "datasets": [hit.source],
        "referents": [],
        "target": derived["target"],
        "first_seen": None,
        "last_seen": version.loaded_at if version is not None else None,
        "last_change": None,
        "score": hit.score,
        "features": {c.feature: c.value for c in hit.contributions},
        "match": hit.score >= threshold,
        "explanation": hit.explanation,
        "matched_name": hit.matched_name,
        "name_kind": hit.name_kind,
        "source": hit.source,
        "source_id": hit.source_id,
        "programs": list(hit.programs),
        "consequences": consequence_summary(snapshot, hit.entity_id, as_of),
    }


@dataclass(frozen=True)
class HitFilter:
    """yente's result filters that the engine does not apply itself."""

    snapshot: IndexSnapshot
    exclude_schema: frozenset[str]
    exclude_ids: frozenset[str]
    topics: frozenset[str]
    changed_since: date | None

    @classmethod
    def build(
        cls,
        snapshot: IndexSnapshot,
        exclude_schema: Sequence[str],
        exclude_ids: Sequence[str],
        topics: Sequence[str],
        changed_since: date | None,
    ) -> HitFilter:
        return cls(
            snapshot,
            frozenset(exclude_schema),
            frozenset(exclude_ids),
            frozenset(topics),
            changed_since,
        )

    @property
    def empty(self) -> bool:
        return not (self.exclude_schema or self.exclude_ids or self.topics or self.changed_since)

    def apply(self, hits: list[Hit]) -> list[Hit]:
        if self.empty:
            return hits
        kept: list[Hit] = []
        for hit in hits:
            if hit.entity_id in self.exclude_ids or hit.schema in self.exclude_schema:
                continue
            if self.topics or self.changed_since:
                derived = _derived(self.snapshot, hit.entity_id)
                if self.topics and not (self.topics & derived["topics"]):
                    continue
                if self.changed_since and (
                    derived["latest_date"] is None or derived["latest_date"] < self.changed_since
                ):
                    continue
            kept.append(hit)
        return kept


# The engine's features (watchlist.match.features, screen.screener), described for the
# `matcher` block of /match responses; a feature not listed here gets a generic description.
FEATURE_DOCS: dict[str, str] = {
    "name": "Similarity of the query name to the best listed name (token alignment with "
    "transliteration, phonetic and typo tolerance, weighted by token rarity)",
    "weak_alias": "The matched name is one the list marks as a weak alias",
    "given_name_mismatch": "The surnames agree but the given name differs",
    "common_name": "The matched tokens are common names, which say little on their own",
    "schema_mismatch": "The query's entity type differs from the listed entry's",
    "same_craft": "Query and entry are both a vessel (or both an aircraft), a small population",
    "birth_date_match": "Same day of birth",
    "birth_year_match": "Birth year agrees (with the precision the list gives)",
    "birth_date_mismatch": "Birth dates disagree; the value is the gap in years",
    "country_match": "The query's country is one of the entry's countries or nationalities",
    "country_mismatch": "The query's country is none of the entry's",
    "identifier_match": "An identifier (passport, national ID, IMO, ...) is the same",
}


def matcher_docs(features: dict[str, float]) -> dict[str, dict[str, Any]]:
    return {
        name: {
            "description": FEATURE_DOCS.get(name, f"watchlist scoring feature `{name}`"),
            "coefficient": weight,
            "url": None,
        }
        for name, weight in sorted(features.items())
    }


def algorithms_document() -> dict[str, Any]:
    description = (
        "watchlist's scorer: token alignment with transliteration and phonetic equivalence, "
        "weighted by name-token rarity, with birth date, country and identifier evidence"
    )
    return {
        "algorithms": [
            {"name": name, "description": description, "features": matcher_docs({})}
            for name in sorted(ALGORITHMS)
        ],
        "default": "best",
        "best": "best",
    }
