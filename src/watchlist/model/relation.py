"""Typed edges between parties: ownership, control, membership, the lists' 'Linked To:'."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class RelationKind(StrEnum):
    LINKED_TO = "linked_to"  # OFAC "Linked To:", no further meaning stated
    OWNERSHIP = "ownership"  # source owns target (share in percent where known)
    DIRECTORSHIP = "directorship"  # source directs target
    MEMBERSHIP = "membership"  # source is a member of target
    LEADERSHIP = "leadership"  # source heads target
    FAMILY = "family"
    ASSOCIATE = "associate"
    SUPPORT = "support"  # source provides material support to target
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Relation:
    """An edge from the entity that carries it to another party.

    Lists often name the other party rather than give its id ("Linked To: BANCO X."), so
    `target_id` may be unresolved while `target_name` always says whom the list meant.
    """

    kind: RelationKind
    target_name: str
    target_id: str | None = None
    share: float | None = None  # ownership percentage, 0-100
    role: str | None = None  # the list's wording: "Linked To", "Director", "associate of"
    source: str | None = None  # where the edge comes from: list and version, or a document URL
    note: str | None = None
    stated_on: date | None = None  # date of the document that states the edge
    started_on: date | None = None
    ended_on: date | None = None  # a past ownership or directorship no longer links the parties

    def current_on(self, day: date) -> bool:
        return span_covers(self.started_on, self.ended_on, day)


def span_covers(started_on: date | None, ended_on: date | None, day: date) -> bool:
    """Whether a relation that started and ended on these days (None: unknown) holds on `day`."""
    if started_on is not None and day < started_on:
        return False
    return not (ended_on is not None and day >= ended_on)
