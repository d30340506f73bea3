"""Listed entities for tests that build a small list by hand."""

from __future__ import annotations

from watchlist.model import Entity, FuzzyDate, Identifier, Name, Schema, make_entity_id


def listed(
    source_id: str,
    schema: Schema,
    *names: Name,
    birth: FuzzyDate | None = None,
    nationality: str | None = None,
    identifiers: tuple[Identifier, ...] = (),
) -> Entity:
    """An entry of the list `test` (id `test-<source_id>`)."""
    return Entity(
        id=make_entity_id("test", source_id),
        schema=schema,
        source="test",
        source_id=source_id,
        names=names,
        birth_dates=(birth,) if birth else (),
        nationalities=(nationality,) if nationality else (),
        identifiers=identifiers,
    )
