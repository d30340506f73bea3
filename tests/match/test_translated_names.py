"""Organisation names screened across languages: a query or a listed name with glossary words
is also read in English, and the explanation says so."""

from __future__ import annotations

import pytest

from listed import listed
from watchlist.match.types import Hit, Query
from watchlist.model import Entity, Name, Schema
from watchlist.screen import DEFAULT_THRESHOLD, Screener

LIFG = listed("1", Schema.ORGANIZATION, Name("LIBYAN ISLAMIC FIGHTING GROUP"), Name("LIFG"))
MUJAO = listed(
    "2",
    Schema.ORGANIZATION,
    Name("MOUVEMENT POUR L'UNIFICATION ET LE JIHAD EN AFRIQUE DE L'OUEST"),
)
HUAXIN = listed("3", Schema.COMPANY, Name("HUAXIN SHIPPING HONGKONG LTD"))
GICM = listed("4", Schema.ORGANIZATION, Name("MOROCCAN ISLAMIC COMBATANT GROUP"))
PERSON = listed("5", Schema.PERSON, Name("WEST, John"))
LIST = (LIFG, MUJAO, HUAXIN, GICM, PERSON)


@pytest.fixture(scope="module")
def screener() -> Screener:
    return Screener.from_entities(LIST)


def best(screener: Screener, query: Query, entity: Entity) -> Hit | None:
    hits = screener.match(query, threshold=0, limit=50)
    return next((hit for hit in hits if hit.entity_id == entity.id), None)


def test_the_english_reading_counts_among_the_candidates(screener: Screener) -> None:
    """`candidates` (what the index's recall is measured on) holds what either reading finds."""
    query = Query("الجماعة الاسلامية المغربية المقاتلة", schema="Organization")

    assert GICM.id in screener.candidates(query)  # nothing as written


def test_arabic_name_finds_the_english_listing(screener: Screener) -> None:
    query = Query("الجماعة الإسلامية المقاتلة الليبية", schema="Organization")
    hit = best(screener, query, LIFG)

    assert hit is not None and hit.score >= DEFAULT_THRESHOLD
    assert "query read in English as 'group islamic fighting libyan'" in hit.explanation


def test_chinese_company_name_finds_the_english_listing(screener: Screener) -> None:
    hit = best(screener, Query("華信船務(香港)有限公司", schema="Company"), HUAXIN)

    assert hit is not None and hit.score >= DEFAULT_THRESHOLD


def test_english_query_finds_a_name_listed_in_french(screener: Screener) -> None:
    query = Query("Movement for Unification and Jihad in West Africa", schema="Organization")
    hit = best(screener, query, MUJAO)

    assert hit is not None and hit.score >= DEFAULT_THRESHOLD
    assert "list name read in English as" in hit.explanation
    assert hit.matched_name.startswith("MOUVEMENT POUR")  # the list's own words are shown


def test_arabic_query_reaches_a_french_listing_through_english(screener: Screener) -> None:
    query = Query("حركة التوحيد والجهاد في غرب إفريقيا", schema="Organization")
    hit = best(screener, query, MUJAO)

    assert hit is not None and hit.score >= DEFAULT_THRESHOLD


def test_english_synonyms_meet(screener: Screener) -> None:
    hit = best(screener, Query("Moroccan Islamic Fighting Group"), GICM)

    assert hit is not None and hit.score >= DEFAULT_THRESHOLD


def test_names_as_written_still_score_as_before(screener: Screener) -> None:
    hit = best(screener, Query("Libyan Islamic Fighting Group"), LIFG)

    assert hit is not None and hit.score == 1.0
    assert "read in English" not in hit.explanation


def test_person_names_are_not_translated(screener: Screener) -> None:
    # غرب is `west` in an organisation's name; in a person's it is a name, romanised `ghrb`.
    hit = best(screener, Query("John غرب", schema="Person"), PERSON)

    assert hit is None or hit.score < DEFAULT_THRESHOLD
    assert best(screener, Query("John West", schema="Person"), PERSON) is not None
