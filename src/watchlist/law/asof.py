"""Which designations bind on a given day.

A designation counts from its effective date (State's FTO designation of Cartel de los Soles
was announced in November 2025 but binds from 24 Nov 2025, its Federal Register publication) and
stops on its delisting date. Screening "as of" a past day answers the auditor's question: would
this payment have been stopped then?
"""

from __future__ import annotations

from datetime import date

from watchlist.model import Designation, DesignationStatus, Entity


def _binds_on(designation: Designation, day: date) -> bool:
    if not designation.in_force_on(day):
        return False
    # A list that says "delisted" without a date no longer carries the party, and we cannot
    # tell since when: it counts on no day rather than on every day.
    return not (
        designation.status is DesignationStatus.DELISTED and designation.delisted_on is None
    )


def designations_in_force(entity: Entity, day: date | None) -> tuple[Designation, ...]:
    """The entity's designations that bind on `day`; with `day=None`, those the lists carry
    now (`current_designations`)."""
    if day is None:
        return current_designations(entity)
    return tuple(d for d in entity.designations if _binds_on(d, day))


def current_designations(entity: Entity) -> tuple[Designation, ...]:
    """Designations not delisted, whatever their dates: what the loaded lists say today."""
    return tuple(
        d
        for d in entity.designations
        if d.status is DesignationStatus.ACTIVE and d.delisted_on is None
    )


def is_listed_on(entity: Entity, day: date | None) -> bool:
    """Whether any designation of the entity binds on `day` (`None`: currently listed).
    Screener.match(as_of=...) uses this to drop hits on parties not yet or no longer listed."""
    return bool(designations_in_force(entity, day))
