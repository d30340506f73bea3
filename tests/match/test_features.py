"""Evidence beyond the name: entity type, birth date, country, identifiers."""

from __future__ import annotations

import pytest

from watchlist.match.features import (
    birth_date_contribution,
    common_name_contribution,
    country_contribution,
    identifier_contribution,
    normalize_identifier,
    schema_contribution,
)
from watchlist.model import Address, Entity, FuzzyDate, Identifier, IdentifierKind, Name, Schema

PERSON = Entity(
    id="t-1",
    schema=Schema.PERSON,
    source="t",
    source_id="1",
    names=(Name("X"),),
    nationalities=("ve",),
    addresses=(Address(country="co"),),
    identifiers=(Identifier(IdentifierKind.PASSPORT, "D-1234567", "ve", "Passport"),),
)


def effect(contribution: object) -> float:
    assert contribution is not None
    return contribution.value * contribution.weight  # type: ignore[attr-defined]


def test_schema_agreement_and_conflict() -> None:
    assert schema_contribution(None, "Vessel") is None
    assert schema_contribution("Person", "Person") is None
    assert schema_contribution("Company", "Organization") is None
    assert schema_contribution("LegalEntity", "Person") is None
    assert effect(schema_contribution("Person", "Organization")) == pytest.approx(-0.3)
    assert effect(schema_contribution("Person", "Vessel")) == pytest.approx(-0.4)


def test_a_vessel_or_aircraft_query_gains_a_little_from_an_entry_of_its_kind() -> None:
    assert effect(schema_contribution("Vessel", "Vessel")) == pytest.approx(0.03)
    assert effect(schema_contribution("Airplane", "Airplane")) == pytest.approx(0.03)
    assert schema_contribution("Organization", "Organization") is None


def test_birth_date_in_any_precision() -> None:
    listed = [FuzzyDate(1962, 11, 23)]

    assert effect(birth_date_contribution("1962-11-23", listed)) == pytest.approx(0.08)
    assert effect(birth_date_contribution("1962", listed)) == pytest.approx(0.04)
    assert effect(birth_date_contribution("1962-05-01", listed)) == pytest.approx(-0.05)
    assert effect(birth_date_contribution("1965", listed)) == pytest.approx(-0.045)
    assert effect(birth_date_contribution("1982", listed)) == pytest.approx(-0.3)
    assert effect(birth_date_contribution("1930", listed)) == pytest.approx(-0.3)


def test_unknown_birth_date_is_neutral() -> None:
    assert birth_date_contribution(None, [FuzzyDate(1962)]) is None
    assert birth_date_contribution("1962", []) is None
    assert birth_date_contribution("not a date", [FuzzyDate(1962)]) is None


def test_circa_and_ranges_widen_the_listed_years() -> None:
    assert effect(birth_date_contribution("1961", [FuzzyDate(1962, circa=True)])) > 0
    assert effect(birth_date_contribution("1964", [FuzzyDate(1960, to_year=1965)])) > 0


def test_closest_of_several_listed_dates_counts() -> None:
    listed = [FuzzyDate(1950), FuzzyDate(1962)]

    assert effect(birth_date_contribution("1962", listed)) == pytest.approx(0.04)


def test_country_from_code_or_name() -> None:
    assert effect(country_contribution("VE", PERSON)) == pytest.approx(0.03)
    assert effect(country_contribution("Colombia", PERSON)) == pytest.approx(0.03)
    assert effect(country_contribution("FR", PERSON)) == pytest.approx(-0.05)
    assert country_contribution("Atlantis", PERSON) is None


def test_identifier_formats_do_not_matter() -> None:
    assert normalize_identifier("d-123 4567") == normalize_identifier("D1234567") == "D1234567"
    assert normalize_identifier("IMO 9123456") == "9123456"


def test_identical_identifier_lifts_a_compatible_name_to_near_certain() -> None:
    found = identifier_contribution("D1234567", PERSON, score_so_far=0.5)

    assert found is not None and found.feature == "identifier_match"
    assert 0.5 + effect(found) == pytest.approx(0.95)
    assert "Passport D-1234567 (ve)" in found.detail


def test_other_identifier_says_nothing() -> None:
    assert identifier_contribution("X999999", PERSON, 0.9) is None


def test_common_names_weigh_less() -> None:
    assert common_name_contribution(9.0) is None
    assert effect(common_name_contribution(3.5)) == pytest.approx(-0.15)
