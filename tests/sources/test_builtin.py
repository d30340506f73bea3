"""The built-in list: the seeds' case, each fact sourced and dated, quotes as in the seeds."""

from __future__ import annotations

import csv
import json
import re
from datetime import date
from pathlib import Path

import pytest

from watchlist.errors import SourceFormatError
from watchlist.graph import name_key
from watchlist.model import (
    Authority,
    DatePrecision,
    Entity,
    IdentifierKind,
    NameKind,
    RelationKind,
    Schema,
    Stance,
    make_entity_id,
)
from watchlist.sources import ParsedList, get_source
from watchlist.sources.builtin import BUILTIN, BUILTIN_PATH, load_builtin, parse_builtin


@pytest.fixture(scope="module")
def parsed() -> ParsedList:
    return get_source("builtin").parse(BUILTIN_PATH)


@pytest.fixture(scope="module")
def by_id(parsed: ParsedList) -> dict[str, Entity]:
    return {entity.id: entity for entity in parsed.entities}


def test_bundled_folder_parses_to_the_six_entries(parsed: ParsedList) -> None:
    assert BUILTIN.name == "builtin" and BUILTIN.urls == ()
    assert [entity.id for entity in parsed.entities] == [
        "builtin-cartel-de-los-soles",
        "builtin-tren-de-aragua",
        "builtin-sinaloa-cartel",
        "builtin-cartel-del-noreste",
        "builtin-nicolas-maduro-moros",
        "builtin-hizballah",
    ]
    assert parsed.counts == {"total": 6, "Organization": 5, "Person": 1}
    assert parsed.published_on == date(2025, 11, 24)
    assert parsed.files[0].path.endswith("builtin.json")
    assert load_builtin().entities == parsed.entities


def test_ids_are_made_from_the_slug(by_id: dict[str, Entity]) -> None:
    for entity in by_id.values():
        assert entity.id == make_entity_id("builtin", entity.source_id)
        assert entity.source == "builtin"


def test_cartel_de_los_soles_sdgt_and_fto(by_id: dict[str, Entity]) -> None:
    soles = by_id["builtin-cartel-de-los-soles"]
    assert soles.schema is Schema.ORGANIZATION
    assert [(n.full, n.kind) for n in soles.names] == [
        ("Cartel de los Soles", NameKind.PRIMARY),
        ("Cartel of the Suns", NameKind.ALIAS),
    ]
    sdgt, fto = soles.designations
    assert (sdgt.authority, sdgt.programs, sdgt.legal_basis) == (
        Authority.OFAC,
        ("SDGT",),
        ("EO 13224",),
    )
    assert sdgt.listed_on == date(2025, 7, 25) and sdgt.reference == "55025"
    assert (fto.authority, fto.programs, fto.legal_basis) == (
        Authority.STATE,
        ("FTO",),
        ("INA §219",),
    )
    assert fto.effective_on == date(2025, 11, 24)
    assert ("OFAC ent_num", "55025") in soles.extra


def test_cartels_designations_and_ofac_numbers(by_id: dict[str, Entity]) -> None:
    tren = by_id["builtin-tren-de-aragua"]
    assert {n.full for n in tren.names} == {"Tren de Aragua", "El Tren de Aragua", "Aragua Train"}
    assert [(d.programs, d.in_force_from) for d in tren.designations] == [
        (("TCO",), date(2024, 7, 11)),
        (("FTO",), date(2025, 2, 20)),
        (("SDGT",), date(2025, 2, 20)),
    ]
    assert tren.designations[1].federal_register == "90 FR 10030"
    sinaloa = by_id["builtin-sinaloa-cartel"]
    assert "Cártel de Sinaloa" in {n.full for n in sinaloa.names}
    kingpin = sinaloa.designations[0]
    assert kingpin.programs == ("SDNTK",) and kingpin.listed_on == date(2009, 4, 15)
    assert kingpin.legal_basis == ("Kingpin Act (21 U.S.C. §1901-1908)",)
    assert sinaloa.programs == ("SDNTK", "FTO", "SDGT")
    assert ("OFAC ent_num", "11440") in sinaloa.extra
    assert ("OFAC ent_num", "49756") in tren.extra


def test_maduro_as_ofac_lists_him(by_id: dict[str, Entity]) -> None:
    maduro = by_id["builtin-nicolas-maduro-moros"]
    assert maduro.schema is Schema.PERSON
    assert maduro.caption == "Nicolás Maduro Moros"
    [dob] = maduro.birth_dates
    assert (dob.year, dob.month, dob.day, dob.precision) == (1962, 11, 23, DatePrecision.DAY)
    assert maduro.nationalities == ("ve",)
    [cedula] = maduro.identifiers
    assert (cedula.kind, cedula.value, cedula.country) == (
        IdentifierKind.NATIONAL_ID,
        "5892464",
        "ve",
    )
    [designation] = maduro.designations
    assert designation.programs == ("VENEZUELA",) and designation.legal_basis == ("EO 13692",)
    assert designation.listed_on == date(2017, 7, 31)


def test_every_designation_and_relation_has_a_source_url_and_a_date(parsed: ParsedList) -> None:
    designations = relations = 0
    for entity in parsed.entities:
        for designation in entity.designations:
            designations += 1
            assert designation.source_url and designation.source_url.startswith("https://")
            assert designation.in_force_from is not None, entity.id
        for relation in entity.relations:
            relations += 1
            assert relation.source and relation.source.startswith("https://")
            assert relation.stated_on is not None
    assert (designations, relations) == (13, 3)


def test_press_release_index_urls_say_so_in_a_note(by_id: dict[str, Entity]) -> None:
    sdgt = by_id["builtin-cartel-de-los-soles"].designations[0]
    assert sdgt.source_url == "https://home.treasury.gov/news/press-releases"
    assert "press-release index" in (sdgt.note or "")


def test_links_support_and_leadership(by_id: dict[str, Entity]) -> None:
    soles = by_id["builtin-cartel-de-los-soles"]
    assert [(r.kind, r.target_id) for r in soles.relations] == [
        (RelationKind.SUPPORT, "builtin-tren-de-aragua"),
        (RelationKind.SUPPORT, "builtin-sinaloa-cartel"),
    ]
    assert all(r.stated_on == date(2025, 7, 25) for r in soles.relations)
    [heads] = by_id["builtin-nicolas-maduro-moros"].relations
    assert (heads.kind, heads.target_id, heads.target_name) == (
        RelationKind.LEADERSHIP,
        "builtin-cartel-de-los-soles",
        "Cartel de los Soles",
    )
    assert "Contested" in (heads.note or "")


def test_contested_claims_are_attributed_with_their_stance(by_id: dict[str, Entity]) -> None:
    claims = by_id["builtin-cartel-de-los-soles"].claims
    stances = {(c.by, c.stance) for c in claims}
    assert ("US Department of the Treasury", Stance.ASSERTS) in stances
    assert ("Yván Gil, Foreign Minister of Venezuela", Stance.DISPUTES) in stances
    assert ("InSight Crime (cited by Reuters)", Stance.CHARACTERISES) in stances
    treasury = next(c for c in claims if c.by == "US Department of the Treasury")
    assert treasury.quote == (
        "headed by Nicolás Maduro Moros and other high-ranking Venezuelan individuals in the "
        "Maduro regime"
    )
    assert treasury.source is not None and treasury.source.source == "seed article 000"
    indictment = by_id["builtin-nicolas-maduro-moros"].claims[0]
    assert indictment.subject == "criminal charges" and "26 March 2020" in indictment.statement


def test_every_quote_appears_verbatim_in_its_seed_article(
    parsed: ParsedList, shared_data: Path
) -> None:
    seeds = {
        "seed article 000": (shared_data.parent / "seeds" / "000_1aeb7da22f5ccb56.txt").read_text(),
        "seed article 001": (shared_data.parent / "seeds" / "001_e2861eb97543ea85.txt").read_text(),
    }
    checked = 0
    for entity in parsed.entities:
        for claim in entity.claims:
            assert claim.source is not None
            text = seeds[claim.source.source]
            for fragment in re.split(r"\s*\.\.\.\s*", claim.quote or ""):
                if fragment:
                    assert fragment.strip('"') in text, fragment
                    checked += 1
    assert checked == 6


def test_names_and_programs_agree_with_ofacs_own_entries(
    by_id: dict[str, Entity], shared_data: Path
) -> None:
    with (shared_data / "ofac-sdn-2026" / "sdn_excerpt.csv").open(encoding="latin-1") as handle:
        ofac = {row[0]: (row[1], set(row[3].split("] ["))) for row in csv.reader(handle)}
    compared = 0
    for entity in by_id.values():
        ent_num = dict(entity.extra).get("OFAC ent_num")
        if ent_num not in ofac:
            continue
        name, programs = ofac[ent_num]
        assert name_key(name) in {name_key(n.full) for n in entity.names}
        # the built-in list claims no program that OFAC's entry lacks
        assert set(entity.programs) <= programs, entity.id
        compared += 1
    assert compared == 4


def _write(tmp_path: Path, data: dict[str, object]) -> Path:
    path = tmp_path / "list.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.fixture
def raw() -> dict[str, object]:
    return json.loads((BUILTIN_PATH / "builtin.json").read_text(encoding="utf-8"))


def test_unknown_source_key_is_refused_with_the_field(tmp_path: Path, raw: dict) -> None:
    raw["entities"][0]["designations"][0]["source"] = "treasury-2099"
    with pytest.raises(SourceFormatError) as error:
        parse_builtin(_write(tmp_path, raw))
    assert "entities[0] (cartel-de-los-soles).designations[0]" in str(error.value)
    assert "unknown source 'treasury-2099'" in str(error.value)


def test_wrong_type_is_refused_with_its_json_path(tmp_path: Path, raw: dict) -> None:
    raw["entities"][1]["designations"][0]["listed_on"] = "11 July 2024"
    with pytest.raises(SourceFormatError, match=r"\$\.entities\[1\]\.designations\[0\]\.listed_on"):
        parse_builtin(_write(tmp_path, raw))


def test_unknown_field_is_refused(tmp_path: Path, raw: dict) -> None:
    raw["entities"][0]["nickname"] = "x"
    with pytest.raises(SourceFormatError, match="nickname"):
        parse_builtin(_write(tmp_path, raw))


def test_relation_to_a_missing_slug_is_refused(tmp_path: Path, raw: dict) -> None:
    raw["entities"][0]["relations"][0]["target"] = "tren-de-aragua-2"
    with pytest.raises(SourceFormatError, match="no entity slug"):
        parse_builtin(_write(tmp_path, raw))


def test_duplicate_slug_is_refused(tmp_path: Path, raw: dict) -> None:
    raw["entities"].append(raw["entities"][0])
    with pytest.raises(SourceFormatError, match="duplicate entity slugs: cartel-de-los-soles"):
        parse_builtin(_write(tmp_path, raw))


def test_broken_json_and_empty_folder_are_refused(tmp_path: Path) -> None:
    (tmp_path / "list.json").write_text("{", encoding="utf-8")
    with pytest.raises(SourceFormatError, match="not valid JSON"):
        parse_builtin(tmp_path)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(SourceFormatError, match=r"no \*\.json data files"):
        parse_builtin(empty)
