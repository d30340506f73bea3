"""Where each fact comes from, and who says so: designations are contested, so a fact without
its source is not evidence."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


@dataclass(frozen=True, slots=True)
class Provenance:
    source: str  # list id ("ofac-sdn") or a publisher ("US Department of State")
    url: str | None = None
    title: str | None = None
    published_on: date | None = None
    retrieved_on: date | None = None
    version: str | None = None  # list version id or file checksum


class Stance(StrEnum):
    ASSERTS = "asserts"
    DISPUTES = "disputes"
    CHARACTERISES = "characterises"


@dataclass(frozen=True, slots=True)
class Claim:
    """A statement about the entity, attributed: "the US says X heads Y", "Venezuela says Y does
    not exist". Screening never treats a claim as a designation."""

    subject: str  # what the claim is about ("leadership", "existence", "designation")
    statement: str
    stance: Stance
    by: str  # who makes the claim
    quote: str | None = None
    source: Provenance | None = None
