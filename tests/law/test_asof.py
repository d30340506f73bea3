"""As-of dates: a designation binds from its effective date until its delisting date."""

from __future__ import annotations

from datetime import date

import pytest

from watchlist.law import current_designations, designations_in_force, is_listed_on
from watchlist.model import Authority, Designation, DesignationStatus, Entity, Name, Schema
from watchlist.sources.builtin import load_builtin


@pytest.fixture(scope="module")
def builtin() -> dict[str, Entity]:
    return {entity.id: entity for entity in load_builtin().entities}


def _programs(entity: Entity, day: date) -> set[str]:
    return {p for d in designations_in_force(entity, day) for p in d.programs}


def test_cartel_de_los_soles_fto_binds_from_24_november_2025(builtin: dict[str, Entity]) -> None:
    soles = builtin["builtin-cartel-de-los-soles"]
    assert _programs(soles, date(2025, 11, 23)) == {"SDGT"}
    assert _programs(soles, date(2025, 11, 24)) == {"SDGT", "FTO"}


def test_cartel_de_los_soles_sdgt_binds_from_25_july_2025(builtin: dict[str, Entity]) -> None:
    soles = builtin["builtin-cartel-de-los-soles"]
    assert not is_listed_on(soles, date(2025, 7, 24))
    assert is_listed_on(soles, date(2025, 7, 25))
    assert _programs(soles, date(2025, 7, 25)) == {"SDGT"}


def test_announcement_alone_does_not_bind(builtin: dict[str, Entity]) -> None:
    fto = next(
        d
        for d in builtin["builtin-cartel-de-los-soles"].designations
        if d.authority is Authority.STATE
    )
    assert fto.announced_on == date(2025, 11, 16)
    assert not fto.in_force_on(date(2025, 11, 16))


def test_tren_de_aragua_listed_from_its_tco_designation(builtin: dict[str, Entity]) -> None:
    tren = builtin["builtin-tren-de-aragua"]
    assert not is_listed_on(tren, date(2024, 7, 10))
    assert _programs(tren, date(2024, 7, 11)) == {"TCO"}
    assert _programs(tren, date(2025, 2, 20)) == {"TCO", "FTO", "SDGT"}


def _party(*designations: Designation) -> Entity:
    return Entity(
        id="test-1",
        schema=Schema.PERSON,
        source="test",
        source_id="1",
        names=(Name("A PERSON"),),
        designations=designations,
    )


def test_delisted_designation_stops_counting_on_its_delisting_date() -> None:
    party = _party(
        Designation(
            Authority.OFAC,
            "SDN List",
            programs=("SDGT",),
            listed_on=date(2010, 5, 1),
            status=DesignationStatus.DELISTED,
            delisted_on=date(2021, 11, 30),
        )
    )
    assert is_listed_on(party, date(2021, 11, 29))
    assert not is_listed_on(party, date(2021, 11, 30))
    assert not is_listed_on(party, None)
    assert current_designations(party) == ()


def test_delisting_without_a_date_counts_on_no_day() -> None:
    party = _party(Designation(Authority.UN_SC, "UN", status=DesignationStatus.DELISTED))
    assert not is_listed_on(party, date(2000, 1, 1))
    assert not is_listed_on(party, None)


def test_undated_designation_binds_on_every_day() -> None:
    party = _party(Designation(Authority.OFAC, "SDN List", programs=("SDNTK",)))
    assert is_listed_on(party, date(1990, 1, 1))
    assert is_listed_on(party, None)


def test_without_a_day_the_current_designations_count(builtin: dict[str, Entity]) -> None:
    soles = builtin["builtin-cartel-de-los-soles"]
    assert designations_in_force(soles, None) == soles.designations
    assert not is_listed_on(_party(), None)
