"""Which listed names the screener finds to score: a listed word must be found whatever two
typing errors the query made in it."""

from __future__ import annotations

from listed import listed
from watchlist.match.types import Query
from watchlist.model import Entity, Name, Schema
from watchlist.screen import DEFAULT_THRESHOLD, Screener


def vessel(source_id: str, name: str) -> Entity:
    return listed(source_id, Schema.VESSEL, Name(name))


def alerts(screener: Screener, query: str, entity: Entity) -> bool:
    hits = screener.match(Query(query, schema="Vessel"), threshold=0, limit=50)
    return any(h.entity_id == entity.id and h.score >= DEFAULT_THRESHOLD for h in hits)


def test_long_word_that_lost_two_letters_is_found() -> None:
    terepaima = vessel("1", "TEREPAIMA")
    screener = Screener.from_entities([terepaima, vessel("2", "TERESA"), vessel("3", "TERRAZA")])

    assert alerts(screener, "TEREAMA", terepaima)


# Five-letter words within two edits of `aumya`, none of them two typing errors away.
_TWO_EDITS_FROM_AUMYA = (
    "AAMA", "AHYA", "ALMA", "ALYA", "AMAY", "AMAYA", "AMIA", "AMMY", "ANAYA", "ANBYA", "ARIYA",
    "ARMY", "ARYA", "ASIYA", "ASMA", "ASMAA", "ASRYA", "ATIYA", "AUDRA", "AURA", "DUNYA", "JUMA",
    "KUMBA", "PUMA", "PUYA", "SUMA", "SUMAYA", "TUMA", "YULYA", "YUMNA", "ZUMA",
)  # fmt: skip


def test_of_many_words_two_edits_away_the_one_typing_errors_explain_is_found() -> None:
    amuay = vessel("0", "AMUAY")
    others = [vessel(str(i), word) for i, word in enumerate(_TWO_EDITS_FROM_AUMYA, start=1)]
    screener = Screener.from_entities([*others, amuay])  # listed last, measured last

    assert alerts(screener, "AUMYA", amuay)  # two pairs of letters swapped


def test_a_one_word_ship_name_with_two_typing_errors_alerts_as_a_vessel_only() -> None:
    artabaz = vessel("1", "ARTABAZ")
    screener = Screener.from_entities([artabaz, vessel("2", "ARTEMIS")])

    assert alerts(screener, "ARFWBAZ", artabaz)  # two neighbouring keys: 0.79, +0.03 as a vessel
    hit = screener.match(Query("ARFWBAZ", schema="Vessel"))[0]
    assert "same_craft +0.03 (query and entry are both a vessel)" in hit.explanation
    hits = screener.match(Query("ARFWBAZ"), threshold=0, limit=5)
    assert not any(h.entity_id == artabaz.id and h.match for h in hits)


def test_a_vessel_query_searches_two_typos_past_a_closer_looking_word() -> None:
    parshan = vessel("1", "PARSHAN")
    pasna = listed("2", Schema.ORGANIZATION, Name("PASNA"))
    screener = Screener.from_entities([parshan, pasna])

    assert alerts(screener, "PASRHNA", parshan)  # two pairs of letters swapped


def test_a_four_letter_word_that_lost_two_letters_is_found_at_the_default_threshold() -> None:
    eagles = listed("1", Schema.ORGANIZATION, Name("THE EAGLES L.L.C."))
    screener = Screener.from_entities([eagles])

    hits = screener.match(Query("THE EAGS L.L.C.", schema="Organization"))
    assert [h.entity_id for h in hits] == [eagles.id]
