"""OFAC SDN.XML / CONSOLIDATED.XML: the real 2025 consolidated file and small files written here."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from watchlist.errors import SourceFormatError
from watchlist.model import Entity, IdentifierKind, NameKind, Schema
from watchlist.sources.base import ParsedList
from watchlist.sources.ofac import parse_consolidated, parse_sdn


@pytest.fixture(scope="session")
def cons_xml(shared_data: Path) -> ParsedList:
    return parse_consolidated(shared_data / "ofac-consolidated-2025-03" / "consolidated.xml")


@pytest.fixture(scope="session")
def cons_csv(shared_data: Path) -> ParsedList:
    return parse_consolidated(shared_data / "ofac-consolidated-2025-12")


def _entity(parsed: ParsedList, source_id: str) -> Entity:
    (found,) = [e for e in parsed.entities if e.source_id == source_id]
    return found


def test_counts_the_consolidated_xml_and_reads_its_date(cons_xml: ParsedList):
    assert cons_xml.counts == {"total": 443, "Organization": 363, "Person": 80}
    assert cons_xml.published_on == date(2025, 3, 28)
    assert cons_xml.meta["record_count"] == "443"
    assert cons_xml.warnings == ()
    assert (cons_xml.meta["linked_to_resolved"], cons_xml.meta["linked_to_total"]) == (
        "282",
        "283",
    )
    assert {e.provenance[0].published_on for e in cons_xml.entities} == {date(2025, 3, 28)}


def test_reads_aka_categories_as_name_kinds(cons_xml: ParsedList):
    veb = _entity(cons_xml, "17015")
    kinds = {n.full: n.kind for n in veb.names}
    assert kinds["VEB"] is NameKind.WEAK_ALIAS
    assert kinds["BANK FOR DEVELOPMENT"] is NameKind.WEAK_ALIAS
    assert kinds["VEB.RF"] is NameKind.ALIAS
    assert kinds["VNESHECONOMBANK"] is NameKind.PREVIOUS
    names = [n for e in cons_xml.entities for n in e.names]
    assert sum(n.kind is NameKind.WEAK_ALIAS for n in names) == 70
    assert sum(n.kind is NameKind.PREVIOUS for n in names) == 141


def test_id_list_items_take_the_remark_rules(cons_xml: ParsedList):
    veb = _entity(cons_xml, "17015")
    assert [(i.kind, i.value, i.country) for i in veb.identifiers] == [
        (IdentifierKind.REGISTRATION, "00005061", "ru"),
        (IdentifierKind.REGISTRATION, "1077711000102", "ru"),
        (IdentifierKind.TAX_ID, "7750004150", "ru"),
        (IdentifierKind.SWIFT_BIC, "BFEARUMM", None),
        (IdentifierKind.OTHER, "044525060", None),
    ]
    assert veb.websites == ("www.veb.ru",)
    assert ("Organization Established Date", "18 Aug 1922") in veb.extra
    assert veb.designations[0].note == (
        "Secondary sanctions risk: Ukraine-/Russia-Related Sanctions Regulations, 31 CFR 589.201 "
        "and/or 589.209; Secondary sanctions risk: See Section 11 of Executive Order 14024.; "
        "Executive Order 13662 Directive Determination - Subject to Directive 1"
    )
    assert veb.designations[0].programs == ("RUSSIA-EO14024", "UKRAINE-EO13662")
    assert veb.designations[0].source_url.endswith("/CONSOLIDATED.XML")


def test_reads_an_individual_with_weak_aliases_and_a_parenthesised_link(cons_xml: ParsedList):
    zahhar = _entity(cons_xml, "9647")
    assert zahhar.schema is Schema.PERSON
    primary = zahhar.names[0]
    assert (primary.full, primary.first, primary.last) == (
        "ZAHHAR, Mahmoud Khaled",
        "Mahmoud Khaled",
        "ZAHHAR",
    )
    weak = [n for n in zahhar.names if n.kind is NameKind.WEAK_ALIAS]
    assert [(n.full, n.first, n.last) for n in weak] == [
        ("ZAHAR, Mahmoud", "Mahmoud", "ZAHAR"),
        ("AL-ZAHAR, Mahmoud", "Mahmoud", "AL-ZAHAR"),
    ]
    assert [d.iso for d in zahhar.birth_dates] == ["1945"]
    assert zahhar.birth_places == ("Gaza Strip",)
    assert zahhar.nationalities == ("ps",)
    assert zahhar.gender == "male"
    (link,) = zahhar.relations
    assert (link.target_name, link.target_id) == ("HAMAS", None)  # HAMAS is on the SDN List


def test_xml_and_csv_read_the_same_entry_alike(cons_xml: ParsedList, cons_csv: ParsedList):
    from_xml, from_csv = _entity(cons_xml, "17015"), _entity(cons_csv, "17015")
    assert from_xml.id == from_csv.id == "ofac-cons-17015"
    assert {n.full for n in from_xml.names} == {n.full for n in from_csv.names}
    assert set(from_xml.identifiers) == set(from_csv.identifiers)
    assert from_xml.websites == from_csv.websites


_SMALL = """<?xml version="1.0" standalone="yes"?>
<sdnList xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://tempuri.org/sdnList.xsd">
  <publshInformation>
    <Publish_Date>05/03/2024</Publish_Date>
    <Record_Count>3</Record_Count>
  </publshInformation>
  <sdnEntry>
    <uid>15036</uid>
    <lastName>ARTAVIL</lastName>
    <sdnType>Vessel</sdnType>
    <programList><program>IRAN</program></programList>
    <idList>
      <id><uid>1</uid><idType>Vessel Registration Identification</idType>
        <idNumber>IMO 9187629</idNumber></id>
      <id><uid>2</uid><idType>MMSI</idType><idNumber>572469210</idNumber></id>
    </idList>
    <akaList>
      <!-- comments and processing instructions are skipped -->
      <aka><uid>3</uid><type>f.k.a.</type><category>strong</category><lastName>ABADAN</lastName></aka>
      <aka><uid>4</uid><type>f.k.a.</type><category>weak</category><lastName>ALPHA</lastName></aka>
    </akaList>
    <vesselInfo>
      <callSign>T2EU4</callSign>
      <vesselType>Crude/Oil Products Tanker</vesselType>
      <vesselFlag>Iran</vesselFlag>
      <tonnage>99144</tonnage>
      <grossRegisteredTonnage>56068</grossRegisteredTonnage>
    </vesselInfo>
    <remarks>Linked To: NATIONAL IRANIAN TANKER COMPANY.</remarks>
  </sdnEntry>
  <sdnEntry>
    <uid>15117</uid>
    <lastName>NATIONAL IRANIAN TANKER COMPANY</lastName>
    <sdnType>Entity</sdnType>
    <programList><program>IRAN</program><program>SDGT</program></programList>
  </sdnEntry>
  <sdnEntry>
    <uid>22790</uid>
    <firstName>Nicolas</firstName>
    <lastName>MADURO MOROS</lastName>
    <title>President of the Bolivarian Republic of Venezuela</title>
    <sdnType>Individual</sdnType>
    <programList><program>VENEZUELA</program></programList>
    <idList>
      <id><uid>5</uid><idType>Cedula No.</idType><idNumber>5892464</idNumber>
        <idCountry>Venezuela</idCountry></id>
      <id><uid>6</uid><idType>Passport</idType><idNumber>X123</idNumber>
        <idCountry>Venezuela</idCountry><issueDate>01 Jan 2010</issueDate>
        <expirationDate>2020</expirationDate></id>
      <id><uid>7</uid><idType>Gender</idType><idNumber>Male</idNumber></id>
      <id><uid>8</uid><idType>Some New ID Type</idType><idNumber>ABC-1</idNumber></id>
    </idList>
    <addressList>
      <address><uid>9</uid><city>Caracas</city><stateOrProvince>Capital District</stateOrProvince>
        <country>Venezuela</country></address>
    </addressList>
    <dateOfBirthList>
      <dateOfBirthItem><uid>10</uid><dateOfBirth>23 Nov 1962</dateOfBirth>
        <mainEntry>true</mainEntry></dateOfBirthItem>
      <dateOfBirthItem><uid>11</uid><dateOfBirth>in the sixties</dateOfBirth>
        <mainEntry>false</mainEntry></dateOfBirthItem>
    </dateOfBirthList>
    <placeOfBirthList>
      <placeOfBirthItem><uid>12</uid><placeOfBirth>Caracas, Venezuela</placeOfBirth>
        <mainEntry>true</mainEntry></placeOfBirthItem>
    </placeOfBirthList>
    <citizenshipList>
      <citizenship><uid>13</uid><country>Venezuela</country><mainEntry>true</mainEntry></citizenship>
    </citizenshipList>
    <favouriteColour>red</favouriteColour>
  </sdnEntry>
</sdnList>
"""


def test_reads_an_older_namespace_vessel_info_and_detects_xml_by_content(tmp_path: Path):
    path = tmp_path / "sdn_export.txt"
    path.write_text(_SMALL, encoding="utf-8")
    parsed = parse_sdn(path)
    assert parsed.published_on == date(2024, 5, 3)
    assert parsed.meta["format"] == "xml"
    tanker, nitc, _ = parsed.entities
    assert tanker.vessel is not None
    assert (tanker.vessel.call_sign, tanker.vessel.flag, tanker.vessel.tonnage) == (
        "T2EU4",
        "Iran",
        "99144",
    )
    assert [(i.kind, i.value) for i in tanker.identifiers] == [
        (IdentifierKind.IMO, "9187629"),
        (IdentifierKind.MMSI, "572469210"),
    ]
    assert [(n.full, n.kind, n.note) for n in tanker.names] == [
        ("ARTAVIL", NameKind.PRIMARY, None),
        ("ABADAN", NameKind.PREVIOUS, None),
        ("ALPHA", NameKind.WEAK_ALIAS, "f.k.a. (weak)"),
    ]
    assert tanker.relations[0].target_id == nitc.id == "ofac-sdn-15117"
    assert tanker.countries == ("ir",)
    assert nitc.schema is Schema.ORGANIZATION and nitc.programs == ("IRAN", "SDGT")


def test_reads_an_individual_from_xml_lists(tmp_path: Path):
    (tmp_path / "SDN.XML").write_text(_SMALL, encoding="utf-8")
    maduro = parse_sdn(tmp_path).entities[2]
    assert (maduro.names[0].full, maduro.names[0].first) == ("MADURO MOROS, Nicolas", "Nicolas")
    assert maduro.titles == ("President of the Bolivarian Republic of Venezuela",)
    assert [d.iso for d in maduro.birth_dates] == ["1962-11-23"]
    assert maduro.remarks == ("DOB in the sixties",)  # unreadable, so kept
    assert maduro.birth_places == ("Caracas, Venezuela",)
    assert maduro.citizenships == ("ve",)
    assert maduro.gender == "male"
    cedula, passport, unknown = maduro.identifiers
    assert (cedula.kind, cedula.value, cedula.country) == (
        IdentifierKind.NATIONAL_ID,
        "5892464",
        "ve",
    )
    assert passport.issued is not None and passport.issued.iso == "2010-01-01"
    assert passport.expires is not None and passport.expires.iso == "2020"
    assert (unknown.kind, unknown.label, unknown.value) == (
        IdentifierKind.OTHER,
        "Some New ID Type",
        "ABC-1",
    )
    (address,) = maduro.addresses
    assert (address.city, address.region, address.country) == ("Caracas", "Capital District", "ve")
    assert ("favouriteColour", "red") in maduro.extra  # unknown elements are kept, not dropped


def test_warns_when_record_count_disagrees(tmp_path: Path):
    path = tmp_path / "sdn.xml"
    path.write_text(_SMALL.replace("<Record_Count>3<", "<Record_Count>4<"), encoding="utf-8")
    assert parse_sdn(path).warnings == ("sdn.xml: Record_Count says 4 entries, the file holds 3",)


def test_rejects_a_truncated_xml_file_with_its_line(tmp_path: Path):
    path = tmp_path / "sdn.xml"
    path.write_text(_SMALL[:1500], encoding="utf-8")
    with pytest.raises(
        SourceFormatError, match=r"^sdn\.xml line \d+: not well-formed XML"
    ) as caught:
        parse_sdn(path)
    assert caught.value.line is not None and caught.value.line > 30


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("sdnList", "otherList", "root element is <otherList>"),
        ("<uid>22790</uid>", "<uid>X</uid>", "sdnEntry without a numeric uid"),
        ("<sdnType>Individual</sdnType>", "<sdnType>Person</sdnType>", "unknown sdnType 'person'"),
        ("<uid>15117</uid>", "<uid>15036</uid>", "uid 15036 appears twice"),
    ],
)
def test_rejects_xml_that_breaks_the_schema(tmp_path: Path, old: str, new: str, message: str):
    path = tmp_path / "sdn.xml"
    path.write_text(_SMALL.replace(old, new), encoding="utf-8")
    with pytest.raises(SourceFormatError, match=re.escape(message)):
        parse_sdn(path)
