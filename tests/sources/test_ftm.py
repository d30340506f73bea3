"""FollowTheMoney import and export, on OpenSanctions' zala and eu_fsf fixtures."""

from __future__ import annotations

import io
import json
import logging
from collections import Counter
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from followthemoney import model
from hypothesis import given, settings
from hypothesis import strategies as st

from watchlist.errors import SourceFormatError
from watchlist.model import (
    Authority,
    Designation,
    DesignationStatus,
    Entity,
    FuzzyDate,
    Identifier,
    IdentifierKind,
    Name,
    NameKind,
    RelationKind,
    Schema,
    make_entity_id,
)
from watchlist.sources import ParsedList, get_source
from watchlist.sources.csl import parse_csl
from watchlist.sources.ftm import FTM, entity_to_ftm, export_ftm, parse_ftm

TODAY = date(2026, 6, 1)
ZAKHAROV = "ftm-nk-au5ybkbrfjucf8ymwsjvdw"
LLC_CST = "ftm-nk-abdzbebkqyt29gyrebiurz"
KALASHNIKOV = "ftm-nk-nr5axm9avpq4pqaspsavam"
OSETROVA = "ftm-nk-2tbri3s6ggntawssxh4qpl"


@pytest.fixture(scope="session")
def zala(shared_data: Path) -> ParsedList:
    return parse_ftm(shared_data / "opensanctions-ftm" / "zala.entities.ftm.json", today=TODAY)


@pytest.fixture(scope="session")
def zala_export(zala: ParsedList) -> list[dict[str, object]]:
    out = io.StringIO()
    count = export_ftm(zala.entities, out)
    lines = out.getvalue().splitlines()
    assert count == len(lines)
    return [json.loads(line) for line in lines]


@pytest.fixture(scope="session")
def zala_again(
    zala_export: list[dict[str, object]], tmp_path_factory: pytest.TempPathFactory
) -> ParsedList:
    path = tmp_path_factory.mktemp("ftm") / "zala-again.ftm.json"
    path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in zala_export))
    return parse_ftm(path, today=TODAY)


def by_id(parsed: ParsedList, entity_id: str) -> Entity:
    return next(entity for entity in parsed.entities if entity.id == entity_id)


def write_lines(path: Path, *entities: dict[str, object]) -> Path:
    path.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in entities))
    return path


def test_registry_finds_the_ftm_spec() -> None:
    assert get_source("ftm") is FTM


# --- import ---------------------------------------------------------------------------------


def test_only_parties_become_entities(zala: ParsedList) -> None:
    assert zala.source == "ftm"
    assert zala.counts == {"total": 17, "Company": 11, "Person": 6}
    assert zala.meta["ftm_entities"] == "91"
    assert zala.meta["targets"] == "14"
    assert sum(len(e.designations) for e in zala.entities) == 41
    relations = Counter(r.kind for e in zala.entities for r in e.relations)
    assert relations == {
        RelationKind.OWNERSHIP: 14,
        RelationKind.FAMILY: 4,
        RelationKind.DIRECTORSHIP: 3,
    }


def test_reports_passport_without_number_and_missing_addresses(zala: ParsedList) -> None:
    assert zala.warnings[0] == (
        "zala.entities.ftm.json line 45: Passport gb-fcdo-217caa5aa607244044b49706d04d8d6c5ec992bd"
        " has no number; ignored"
    )
    assert zala.warnings[1].startswith(
        "zala.entities.ftm.json: 16 addressEntity references to entities not in the file"
    )
    assert len(zala.warnings) == 2


def test_eu_fsf_fixture_gives_four_people_and_two_organisations(shared_data: Path) -> None:
    parsed = parse_ftm(shared_data / "opensanctions-ftm" / "t1_eu_fsf.entities.ftm.json")
    assert parsed.counts == {"total": 6, "Organization": 2, "Person": 4}
    kuzmenko = by_id(parsed, "ftm-nk-2ka3uvopqbpzmvdfjwd4la")
    assert kuzmenko.caption == "Vitaly Yurievich KUZMENKO"
    assert kuzmenko.birth_dates == (FuzzyDate(1971, 1, 22),)
    assert kuzmenko.positions == ("General Director of JSC 163 Armor Repair Plant",)


def test_person_keeps_names_in_several_scripts_with_their_parts(zala: ParsedList) -> None:
    person = by_id(zala, ZAKHAROV)
    assert person.schema is Schema.PERSON
    assert person.source_id == "NK-aU5ybkbRFJucf8YMwsJvDw"
    assert person.caption == "Alexander Vyacheslavovich ZAKHAROV"
    kinds = Counter(name.kind for name in person.names)
    assert kinds == {NameKind.PRIMARY: 11, NameKind.ALIAS: 6}
    cyrillic = next(n for n in person.names if n.full == "Александр Вячеславович Захаров")
    assert (cyrillic.kind, cyrillic.first, cyrillic.middle, cyrillic.last) == (
        NameKind.PRIMARY,
        "Александр",
        "Вячеславович",
        "Захаров",
    )
    assert any(n.full == "Aleksandr Vjačeslavovič Zacharov" for n in person.names)
    assert person.nationalities == ("ru",)
    assert "Izhevsk, Russian Federation" in person.birth_places


def test_person_with_birth_date_previous_name_and_one_tax_number(zala: ParsedList) -> None:
    person = by_id(zala, OSETROVA)
    assert person.caption == "Maria Aleksandrovna Osetrova"
    assert person.birth_dates == (FuzzyDate(1988, 1, 7),)
    assert [n.full for n in person.names if n.kind is NameKind.PREVIOUS] == [
        "Maria Aleksandrovna Zakharova",
        "Мария Александровна Захарова",
    ]
    # innCode, taxNumber and idNumber all carry 183116181362: one identifier, most specific label
    assert [i for i in person.identifiers if i.value == "183116181362"] == [
        Identifier(IdentifierKind.TAX_ID, "183116181362", label="innCode")
    ]
    assert (person.gender, person.nationalities, person.citizenships) == (
        "female",
        ("ru",),
        ("ru",),
    )
    assert ("topics", "sanction") in person.extra
    assert ("referent", "ofac-46001") in person.extra
    assert [p.source for p in person.provenance][:2] == ["ext_ru_egrul", "gb_coh_disqualified"]
    (family,) = person.relations
    assert (family.kind, family.target_id, family.target_name, family.role) == (
        RelationKind.FAMILY,
        ZAKHAROV,
        "Alexander Vyacheslavovich ZAKHAROV",
        "Family member of",
    )


def test_ownership_sits_on_the_owner_and_resolves_the_asset(zala: ParsedList) -> None:
    owner = by_id(zala, KALASHNIKOV)
    assert owner.caption == "JSC Kalashnikov Concern"
    assert [
        (r.kind, r.target_id, r.target_name, r.share, r.role, r.note) for r in owner.relations
    ] == [
        (RelationKind.OWNERSHIP, LLC_CST, "LLC CST", None, "subsidiary of", None),
        (
            RelationKind.OWNERSHIP,
            LLC_CST,
            "LLC CST",
            49.0,
            None,
            "since 2016-03-29; 6401.77 shares",
        ),
    ]
    assert by_id(zala, LLC_CST).relations == ()


def test_directorship_and_ended_ownership_of_a_person(zala: ParsedList) -> None:
    person = by_id(zala, ZAKHAROV)
    directorships = [r for r in person.relations if r.kind is RelationKind.DIRECTORSHIP]
    assert [(r.target_id, r.role) for r in directorships] == [
        (LLC_CST, "Leader or official of"),
        ("ftm-nk-siywwfxwlvrvefswsvavsm", "Исполнительный директор"),
    ]
    aeroscan = next(r for r in person.relations if r.target_id == "ftm-nk-ie6m5rypetamzozfecvsl7")
    assert (aeroscan.share, aeroscan.note) == (
        100.0,
        "since 2024-03-01; until 2024-03-24; 10000 shares",
    )


def test_sanctions_become_designations_with_programs_and_dates(zala: ParsedList) -> None:
    company = by_id(zala, LLC_CST)
    assert len(company.designations) == 28
    eu = next(
        d
        for d in company.designations
        if d.reference == "EU.10966.20" and d.authority is Authority.EU
    )
    assert eu.list_name.startswith("Directorate‑General for Financial Stability")
    assert eu.programs == ("UKR", "EU-UKR")
    assert (eu.listed_on, eu.effective_on) == (date(2025, 3, 15), date(2023, 12, 18))
    assert (
        eu.source_url
        == "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=OJ%3AL_202500527&qid=1742218670627"
    )
    ofac = [d for d in company.designations if d.authority is Authority.OFAC and d.reference]
    assert sorted(d.reference or "" for d in ofac) == ["45928", "45934"]
    assert ofac[0].programs == ("RUSSIA-EO14024", "US-RUSHAR")
    bis = next(d for d in company.designations if d.authority is Authority.BIS)
    assert (bis.reference, bis.listed_on) == ("88 FR 76128", date(2023, 11, 2))


def test_expired_sanction_is_delisted_and_future_end_is_noted(zala: ParsedList) -> None:
    company = by_id(zala, LLC_CST)
    expired = next(d for d in company.designations if d.reference == "21055612200016")
    assert (expired.status, expired.delisted_on) == (DesignationStatus.DELISTED, date(2024, 10, 30))
    running = next(d for d in company.designations if d.reference == "24076112200021")
    assert (running.status, running.delisted_on) == (DesignationStatus.ACTIVE, None)
    assert running.note is not None and running.note.endswith("; ends on 2034-11-12")


def test_company_identifiers_come_from_ftm_properties(zala: ParsedList) -> None:
    company = by_id(zala, LLC_CST)
    assert [(i.kind, i.value, i.label) for i in company.identifiers][:4] == [
        (IdentifierKind.TAX_ID, "1841015504", "innCode"),
        (IdentifierKind.TAX_ID, "1841001815", "taxNumber"),
        (IdentifierKind.REGISTRATION, "1101841007938", "ogrnCode"),
        (IdentifierKind.REGISTRATION, "1091841000624", "registrationNumber"),
    ]
    structured = next(a for a in company.addresses if a.street == "130 Vorovskogo St.")
    assert (structured.city, structured.postal_code, structured.country) == (
        "Izhevsk",
        "436063",
        "ru",
    )


def test_documents_wallets_occupancies_and_links_fold_into_parties(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "small.ftm.json",
        {"id": "p1", "schema": "Person", "properties": {"name": ["Ivan Petrov"]}},
        {"id": "o1", "schema": "PublicBody", "properties": {"name": ["Ministry of X"]}},
        {
            "id": "id1",
            "schema": "Identification",
            "properties": {
                "holder": ["p1"],
                "number": ["AB123"],
                "type": ["Cedula No."],
                "country": ["co"],
                "startDate": ["2010-05"],
            },
        },
        {
            "id": "w1",
            "schema": "CryptoWallet",
            "properties": {
                "holder": ["p1"],
                "publicKey": ["1BoatSLRHtKNngkdXEeobR76b53LETtpyT"],
                "currencySymbol": ["XBT"],
            },
        },
        {"id": "pos1", "schema": "Position", "properties": {"name": ["Minister of X"]}},
        {"id": "occ1", "schema": "Occupancy", "properties": {"holder": ["p1"], "post": ["pos1"]}},
        {
            "id": "l1",
            "schema": "UnknownLink",
            "properties": {
                "subject": ["p1"],
                "object": ["o1"],
                "role": ["Linked To"],
                "date": ["2020-05-01"],
            },
        },
        {
            "id": "l2",
            "schema": "Membership",
            "properties": {"member": ["p1"], "organization": ["gone"]},
        },
        {"id": "n1", "schema": "Note", "properties": {"entity": ["p1"], "description": ["x"]}},
    )
    parsed = parse_ftm(path)
    assert parsed.counts == {"total": 2, "Organization": 1, "Person": 1}
    person = by_id(parsed, "ftm-p1")
    assert person.identifiers == (
        Identifier(
            IdentifierKind.NATIONAL_ID,
            "AB123",
            country="co",
            label="Cedula No.",
            issued=FuzzyDate(2010, 5),
        ),
        Identifier(IdentifierKind.CRYPTO_WALLET, "1BoatSLRHtKNngkdXEeobR76b53LETtpyT", label="XBT"),
    )
    assert person.positions == ("Minister of X",)
    assert [
        (r.kind, r.target_id, r.target_name, r.role, r.stated_on) for r in person.relations
    ] == [
        (RelationKind.LINKED_TO, "ftm-o1", "Ministry of X", "Linked To", date(2020, 5, 1)),
        (RelationKind.MEMBERSHIP, None, "gone", None, None),
    ]
    assert parsed.warnings == (
        "small.ftm.json line 8: Membership to gone, which is not in the file; kept by id",
        "small.ftm.json: 1 Note entities ignored (not a party, designation, relation, "
        "identification or address)",
    )


def test_repeated_id_is_merged_with_a_warning(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "twice.ftm.json",
        {"id": "c1", "schema": "Company", "properties": {"name": ["Acme"]}},
        {"id": "c1", "schema": "Company", "properties": {"alias": ["Acme Trading"]}},
    )
    parsed = parse_ftm(path, source="opensanctions")
    (entity,) = parsed.entities
    assert entity.id == "opensanctions-c1"
    assert [(n.full, n.kind) for n in entity.names] == [
        ("Acme", NameKind.PRIMARY),
        ("Acme Trading", NameKind.ALIAS),
    ]
    assert parsed.warnings == ("twice.ftm.json line 2: id c1 also on line 1; merged",)


# --- bad input ------------------------------------------------------------------------------


def test_line_that_is_not_json_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.ftm.json"
    path.write_text('{"id": "a", "schema": "Person", "properties": {}}\n{"id": "b", "sch\n')
    with pytest.raises(SourceFormatError) as error:
        parse_ftm(path)
    assert error.value.line == 2
    assert str(error.value).startswith("bad.ftm.json line 2: not JSON")


def test_schema_ftm_does_not_know_is_refused(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "bad.ftm.json",
        {"id": "a", "schema": "Person", "properties": {"name": ["A"]}},
        {"id": "b", "schema": "Spaceship", "properties": {"name": ["B"]}},
    )
    with pytest.raises(SourceFormatError) as error:
        parse_ftm(path)
    assert (error.value.line, error.value.field) == (2, "schema")
    assert "unknown FtM schema 'Spaceship'" in str(error.value)


@pytest.mark.parametrize(
    ("entity", "message"),
    [
        ({"schema": "Person", "properties": {}}, "entity has no id"),
        ({"id": "a", "schema": "Person", "properties": {"name": "A"}}, "lists of strings"),
        (["not", "an", "object"], "expected a JSON object"),
    ],
)
def test_malformed_entities_are_refused(tmp_path: Path, entity: object, message: str) -> None:
    path = tmp_path / "bad.ftm.json"
    path.write_text(json.dumps(entity) + "\n")
    with pytest.raises(SourceFormatError, match=message):
        parse_ftm(path)


# --- export ---------------------------------------------------------------------------------


def test_export_is_valid_ftm(zala_export: list[dict[str, object]]) -> None:
    schemata = Counter(str(d["schema"]) for d in zala_export)
    assert schemata == {
        "Sanction": 41,
        "Address": 103,
        "Ownership": 14,
        "Company": 11,
        "Person": 6,
        "Family": 4,
        "Directorship": 3,
    }
    for data in zala_export:
        proxy = model.get_proxy(data)
        proxy.schema.validate(proxy.to_dict())  # raises InvalidData if FtM disagrees


def test_entity_to_ftm_gives_the_party(zala: ParsedList) -> None:
    data = entity_to_ftm(by_id(zala, KALASHNIKOV))
    assert (data["id"], data["schema"], data["caption"], data["target"]) == (
        KALASHNIKOV,
        "Company",
        "JSC Kalashnikov Concern",
        False,
    )
    assert data["properties"]["name"][0] == "JSC Kalashnikov Concern"
    assert "ext_ru_egrul" in data["datasets"]


def test_round_trip_keeps_names_dates_identifiers_designations_relations(
    zala: ParsedList, zala_again: ParsedList
) -> None:
    again = {entity.id: entity for entity in zala_again.entities}
    assert zala_again.warnings == ()
    assert len(again) == 17
    for entity in zala.entities:
        copy = again[make_entity_id("ftm", entity.id)]
        assert copy.source_id == entity.id
        assert copy.schema is entity.schema
        assert copy.names == entity.names
        assert copy.birth_dates == entity.birth_dates
        assert copy.identifiers == entity.identifiers
        assert copy.designations == entity.designations
        assert copy.addresses == entity.addresses
        assert copy.relations == tuple(
            replace(r, target_id=make_entity_id("ftm", r.target_id) if r.target_id else None)
            for r in entity.relations
        )


def test_identifiers_with_country_export_as_documents(shared_data: Path, tmp_path: Path) -> None:
    parsed = parse_csl(shared_data / "us-csl-2025" / "consolidated_sample.csv")
    rim = by_id(parsed, "us-csl-52291")
    out = io.StringIO()
    export_ftm([rim], out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert Counter(d["schema"] for d in lines) == {
        "Person": 1,
        "Passport": 1,
        "Sanction": 1,
        "Address": 2,
    }
    again = parse_ftm(write_lines(tmp_path / "rim.ftm.json", *lines))
    (copy,) = again.entities
    assert copy.identifiers == rim.identifiers
    assert copy.designations == rim.designations
    assert copy.names == rim.names


def test_value_ftm_cannot_clean_is_logged_not_written(caplog: pytest.LogCaptureFixture) -> None:
    entity = Entity(
        id="custom-1",
        schema=Schema.PERSON,
        source="custom",
        source_id="1",
        names=(Name("Jane Roe"),),
        nationalities=("not-a-country",),
        designations=(Designation(Authority.INTERNAL, "custom"),),
    )
    with caplog.at_level(logging.WARNING, logger="watchlist.sources.ftm"):
        data = entity_to_ftm(entity)
    assert "nationality" not in data["properties"]
    assert "FtM rejected nationality='not-a-country'" in caplog.text


_name_text = (
    st.text(
        alphabet=st.characters(categories=["L", "Nd", "Zs"], include_characters="-'.,"),
        min_size=1,
        max_size=40,
    )
    .map(lambda text: " ".join(text.split()))
    .filter(bool)
)


@settings(max_examples=60, deadline=None)
@given(
    names=st.lists(_name_text, min_size=1, max_size=4, unique=True),
    birth=st.builds(FuzzyDate, st.integers(1900, 2020), st.one_of(st.none(), st.integers(1, 12))),
    kinds=st.lists(
        st.sampled_from(
            [IdentifierKind.PASSPORT, IdentifierKind.TAX_ID, IdentifierKind.REGISTRATION]
        ),
        max_size=3,
    ),
)
def test_any_person_survives_export_and_import(
    tmp_path_factory: pytest.TempPathFactory,
    names: list[str],
    birth: FuzzyDate,
    kinds: list[IdentifierKind],
) -> None:
    entity = Entity(
        id="custom-x1",
        schema=Schema.PERSON,
        source="custom",
        source_id="x1",
        names=tuple(
            Name(full, NameKind.PRIMARY if i == 0 else NameKind.ALIAS)
            for i, full in enumerate(names)
        ),
        birth_dates=(birth,),
        identifiers=tuple(
            Identifier(kind, f"N{i}X{n}", country="fr" if i % 2 else None)
            for i, (n, kind) in enumerate(enumerate(kinds))
        ),
        designations=(Designation(Authority.INTERNAL, "custom", programs=("EXIT",)),),
    )
    out = io.StringIO()
    export_ftm([entity], out)
    path = tmp_path_factory.mktemp("h") / "x.ftm.json"
    path.write_text(out.getvalue())
    (copy,) = parse_ftm(path).entities
    assert [n.full for n in copy.names] == names
    assert copy.birth_dates == (birth,)
    # FtM keeps plain numbers as properties and the rest as documents, so order is not kept
    assert sorted((i.kind, i.value, i.country or "") for i in copy.identifiers) == sorted(
        (i.kind, i.value, i.country or "") for i in entity.identifiers
    )
    assert copy.designations == entity.designations


def test_relation_start_and_end_dates_are_kept_as_dates(zala: ParsedList) -> None:
    spans = {
        (r.share, r.started_on, r.ended_on)
        for e in zala.entities
        for r in e.relations
        if r.kind is RelationKind.OWNERSHIP and r.target_name == "LLC CST"
    }
    assert (50.0, date(2015, 11, 25), date(2023, 3, 2)) in spans
    assert (51.0, date(2015, 11, 25), None) in spans


def test_an_identifier_too_long_for_ftm_is_exported_in_the_notes() -> None:
    # UN CFi.008 writes its identifier as a sentence, longer than FtM's 64-character limit.
    long_id = (
        "Central African Republic armed forces (FACA) Military identification number 911-10-77"
    )
    person = Entity(
        id="un-sc-cfi-008",
        schema=Schema.PERSON,
        source="un-sc",
        source_id="CFi.008",
        names=(Name("Eugène Barret NGAÏKOSSET"),),
        identifiers=(Identifier(IdentifierKind.NATIONAL_ID, long_id),),
    )
    exported = entity_to_ftm(person)
    properties = exported["properties"]
    assert "idNumber" not in properties
    assert f"idNumber: {long_id}" in properties["notes"]
