"""The values that go into and come out of matching. Pure and picklable, so a Spark executor or
a worker process can carry them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Query:
    """What a customer record tells us. Only `name` is required."""

    name: str
    schema: str | None = None  # "Person", "Organization", "Vessel", ... or None for any
    birth_date: str | None = None  # any precision: "1962", "1962-11", "1962-11-23"
    country: str | None = None  # ISO alpha-2 or a country name
    id_number: str | None = None  # passport, national ID, IMO, ...
    record_id: str | None = None


@dataclass(frozen=True, slots=True)
class Contribution:
    """One feature's part in a score: `name_similarity 0.93 (+0.93)`, `birth_year_mismatch -0.3`."""

    feature: str
    value: float
    weight: float
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Hit:
    entity_id: str
    source: str
    source_id: str
    caption: str
    schema: str
    matched_name: str  # the list name that matched best
    name_kind: str  # primary / alias / weak_alias / previous / original_script
    score: float  # in [0, 1]; the default threshold decides `match`
    match: bool  # score >= threshold
    programs: tuple[str, ...]
    contributions: tuple[Contribution, ...]

    @property
    def explanation(self) -> str:
        parts = [f"matched {self.name_kind} name {self.matched_name!r}"]
        parts.extend(
            f"{c.feature} {c.weight * c.value:+.2f}" + (f" ({c.detail})" if c.detail else "")
            for c in self.contributions
        )
        return "; ".join(parts)
