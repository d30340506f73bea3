"""US Consolidated Screening List (both layouts) and the BIS Denied Persons List."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from watchlist.errors import SourceFormatError
from watchlist.model import (
    Authority,
    DesignationStatus,
    Entity,
    FuzzyDate,
    IdentifierKind,
    NameKind,
    Schema,
)
from watchlist.sources import ParsedList, get_source
from watchlist.sources.csl import (
    CSL_COLUMNS_2017,
    CSL_COLUMNS_2025,
    DPL_COLUMNS,
    US_CSL,
    US_DPL,
    classify_identifier,
    parse_csl,
    parse_dpl,
)

TODAY = date(2026, 1, 1)


@pytest.fixture(scope="session")
def csl_2017(shared_data: Path) -> ParsedList:
    return parse_csl(shared_data / "us-csl" / "csl.csv", today=TODAY)


@pytest.fixture(scope="session")
def csl_2025(shared_data: Path) -> ParsedList:
    return parse_csl(shared_data / "us-csl-2025" / "consolidated_sample.csv", today=TODAY)


@pytest.fixture(scope="session")
def dpl(shared_data: Path) -> ParsedList:
    return parse_dpl(shared_data / "us-csl" / "dpl.txt", today=TODAY)


def by_id(parsed: ParsedList, entity_id: str) -> Entity:
    return next(entity for entity in parsed.entities if entity.id == entity_id)


def csv_line(values: list[str]) -> str:
    return ",".join(f'"{value}"' for value in values) + "\n"


# --- registry -------------------------------------------------------------------------------


def test_registry_finds_both_specs_with_official_urls() -> None:
    assert get_source("us-csl") is US_CSL
    assert get_source("us-dpl") is US_DPL
    assert US_CSL.urls == (
        "https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.csv",
    )
    assert US_DPL.urls == ("https://www.bis.doc.gov/dpl/dpl.txt",)


# --- 2017 layout (28 columns) ---------------------------------------------------------------


def test_reads_every_row_of_the_28_column_layout(csl_2017: ParsedList) -> None:
    assert csl_2017.meta["layout"] == "2017"
    assert csl_2017.counts == {"total": 115, "LegalEntity": 93, "Person": 20, "Vessel": 2}
    assert len({entity.id for entity in csl_2017.entities}) == 115
    assert csl_2017.warnings == ()


def test_maps_each_csl_source_to_authority_and_list(csl_2017: ParsedList) -> None:
    lists = Counter(
        (d.authority, d.list_name) for entity in csl_2017.entities for d in entity.designations
    )
    assert lists == {
        (Authority.OFAC, "SDN List"): 28,
        (Authority.OFAC, "Sectoral Sanctions Identifications List"): 26,
        (Authority.BIS, "Entity List"): 22,
        (Authority.OFAC, "Palestinian Legislative Council List"): 13,
        (Authority.STATE, "ITAR Debarred List"): 10,
        (Authority.BIS, "Denied Persons List"): 8,
        (Authority.BIS, "Unverified List"): 4,
        (Authority.STATE, "Nonproliferation Sanctions"): 3,
        (Authority.OFAC, "CAPTA List"): 1,
    }


def test_sdn_row_keeps_aliases_and_programs(csl_2017: ParsedList) -> None:
    entity = by_id(csl_2017, "us-csl-8124")
    assert entity.source_id == "8124"
    assert [(n.full, n.kind) for n in entity.names] == [
        ("2904977 CANADA, INC.", NameKind.PRIMARY),
        ("CARIBE SOL", NameKind.ALIAS),
        ("HAVANTUR CANADA INC.", NameKind.ALIAS),
    ]
    assert entity.programs == ("CUBA",)
    assert entity.addresses[0].full == "818 rue Sherbrooke East, Montreal, Quebec, H2L 1K3, CA"
    assert entity.countries == ("ca",)


def test_old_layout_ids_read_value_first_with_leading_country(csl_2017: ParsedList) -> None:
    entity = by_id(csl_2017, "us-csl-20264")
    (identifier,) = entity.identifiers
    assert (identifier.kind, identifier.value, identifier.country, identifier.label) == (
        IdentifierKind.TAX_ID,
        "80-0890696",
        "us",
        "Tax ID No.",
    )


def test_ids_cell_splits_into_identifiers_contacts_and_facts(csl_2017: ParsedList) -> None:
    entity = by_id(csl_2017, "us-csl-17254")
    assert entity.caption == "AK TRANSNEFT OAO"
    assert [(i.kind, i.value, i.label) for i in entity.identifiers] == [
        (IdentifierKind.REGISTRATION, "1027700049486", "Registration ID"),
        (IdentifierKind.REGISTRATION, "00044463", "Government Gazette Number"),
        (IdentifierKind.TAX_ID, "7706061801", "Tax ID No."),
    ]
    assert entity.emails == ("transneft@ak.transneft.ru",)
    assert entity.websites == ("www.transneft.ru",)
    assert entity.extra == (
        ("Executive Order 13662 Directive Determination -", "Subject to Directive 2"),
    )


def test_vessel_row_gets_imo_number_and_flag(csl_2017: ParsedList) -> None:
    entity = by_id(csl_2017, "us-csl-27304")
    assert entity.schema is Schema.VESSEL
    assert [n.full for n in entity.names] == ["ADRIAN DARYA 1", "GRACE 1"]
    assert [(i.kind, i.value) for i in entity.identifiers] == [(IdentifierKind.IMO, "9116412")]
    assert entity.vessel is not None
    assert (entity.vessel.vessel_type, entity.vessel.flag) == ("Crude Oil Tanker", "ir")
    assert entity.extra == (("Former Vessel Flag", "Panama"),)


def test_entity_list_row_has_date_register_and_license_note(csl_2017: ParsedList) -> None:
    entity = by_id(csl_2017, "us-csl-el-32-group-china-ltd")
    assert entity.source_id == "EL-32 Group China Ltd."
    (designation,) = entity.designations
    assert designation.authority is Authority.BIS
    assert designation.list_name == "Entity List"
    assert designation.listed_on == designation.effective_on == date(2015, 11, 12)
    assert designation.federal_register == "80 FR 69852"
    assert designation.note == (
        "license requirement: For all items subject to the EAR. (See §744.11 of the EAR); "
        "license policy: Presumption of denial."
    )
    assert designation.source_url == "http://bit.ly/1L47xrV"
    assert [a.country for a in entity.addresses] == ["hk", "hk"]


def test_entity_list_rows_per_address_stay_separate_entries(csl_2017: ParsedList) -> None:
    ids = [e.id for e in csl_2017.entities if e.caption == "Gunther Migeotte"]
    assert ids == ["us-csl-el-gunther-migeotte"] + [
        f"us-csl-el-gunther-migeotte-{n}" for n in range(2, 6)
    ]


def test_dpl_row_in_csl_with_past_end_date_is_delisted(csl_2017: ParsedList) -> None:
    entity = by_id(csl_2017, "us-csl-dpl-adrian-manuel-hernandez")
    assert entity.caption == "ADRIAN MANUEL HERNANDEZ"  # leading space trimmed
    (designation,) = entity.designations
    assert designation.status is DesignationStatus.DELISTED
    assert designation.delisted_on == date(2020, 10, 13)
    assert designation.federal_register == "82 F.R. 48792 10/20/2017"
    assert designation.note == "standard order: Y"


def test_repairs_windows_punctuation_read_as_latin1(csl_2017: ParsedList) -> None:
    entity = by_id(csl_2017, "us-csl-el-a-leib-ltd")
    assert entity.addresses[0].full == "HA’Assif 19, Binyamina, IL"


def test_persons_keep_birth_years_and_places(csl_2017: ParsedList) -> None:
    people = [e for e in csl_2017.entities if e.schema is Schema.PERSON]
    assert sum(len(e.birth_dates) for e in people) == 21  # one row gives "1974; 1975"
    two = next(e for e in people if len(e.birth_dates) == 2)
    assert two.birth_dates == (FuzzyDate(1974), FuzzyDate(1975))
    assert sum(1 for e in people if e.birth_places) == 7


# --- 2025 layout (29 columns) ---------------------------------------------------------------


def test_reads_the_29_column_layout_from_ten_lists(csl_2025: ParsedList) -> None:
    assert csl_2025.meta["layout"] == "2025"
    assert csl_2025.counts == {"total": 13, "LegalEntity": 9, "Person": 4}
    lists = {d.list_name for e in csl_2025.entities for d in e.designations}
    assert len(lists) == 10
    assert csl_2025.warnings == ()


def test_new_layout_sdn_individual_with_passport_and_gender(csl_2025: ParsedList) -> None:
    entity = by_id(csl_2025, "us-csl-52291")
    assert entity.schema is Schema.PERSON
    (name,) = entity.names
    assert (name.full, name.first, name.last) == ("RIM, Ryong Nam", "Ryong Nam", "RIM")
    assert entity.birth_dates == (FuzzyDate(1978, 12, 5),)
    assert entity.nationalities == ("kp",)
    assert entity.gender == "male"
    (passport,) = entity.identifiers
    assert (passport.kind, passport.value, passport.country) == (
        IdentifierKind.PASSPORT,
        "836238033",
        "kp",
    )
    assert entity.extra[0] == (
        "Secondary sanctions risk:",
        "North Korea Sanctions Regulations, sections 510.201 and 510.210",
    )
    assert [a.full for a in entity.addresses] == ["Shenyang, CN", "Pyongyang, KP"]
    assert entity.programs == ("NPWMD",)


def test_new_layout_uses_the_id_hash_for_entity_list_rows(csl_2025: ParsedList) -> None:
    entity = by_id(csl_2025, "us-csl-99ed1b052fdb09695fae1ba87516d8a0882b0df04652e07aeb5ce7be")
    assert entity.caption.startswith("China Electronics Technology Group Corporation 13th")
    assert [n.full for n in entity.names][-1] == "CETC Research Institute 13"  # "and " dropped
    (designation,) = entity.designations
    assert designation.federal_register == "83 FR 37423; 87 FR 77505"
    assert designation.listed_on == date(2018, 8, 1)
    assert len(entity.addresses) == 3


def test_new_layout_type_first_ids_with_country(csl_2025: ParsedList) -> None:
    entity = by_id(csl_2025, "us-csl-28603")
    assert [(i.kind, i.value, i.country, i.label) for i in entity.identifiers] == [
        (IdentifierKind.TAX_ID, "CHE-267.936.404", "ch", "V.A.T. Number"),
        (IdentifierKind.REGISTRATION, "CH-660.0.559.011-2", "ch", "Business Registration Number"),
    ]
    assert entity.programs == ("VENEZUELA-EO13850", "UKRAINE-EO13662")


def test_future_end_date_is_noted_until_it_passes(shared_data: Path) -> None:
    path = shared_data / "us-csl-2025" / "consolidated_sample.csv"
    ash = "us-csl-b601cbf2841d0aaedfe63661581ffbc3d54b6ba39d7e3a9027cff50e"
    (now,) = by_id(parse_csl(path, today=TODAY), ash).designations
    assert (now.status, now.delisted_on) == (DesignationStatus.ACTIVE, None)
    assert now.note == "standard order: Y; ends on 2056-06-29"
    (later,) = by_id(parse_csl(path, today=date(2057, 1, 1)), ash).designations
    assert (later.status, later.delisted_on) == (DesignationStatus.DELISTED, date(2056, 6, 29))


# --- Denied Persons List --------------------------------------------------------------------


def test_dpl_rows_group_into_denied_parties(dpl: ParsedList) -> None:
    assert dpl.meta["rows"] == "546"
    assert dpl.counts == {"total": 414, "LegalEntity": 414}
    assert sum(len(e.designations) for e in dpl.entities) == 416
    assert dpl.published_on == date(2019, 6, 12)
    assert dpl.warnings == (
        "dpl.txt line 326: Last_Update 3017-08-22 lies in the future; ignored",
        "dpl.txt line 481: country 'NM' is not a country; kept as text",
    )


def test_dpl_row_with_fr_citation_and_dates(dpl: ParsedList) -> None:
    entity = by_id(dpl, "us-dpl-adrian-manuel-hernandez")
    (designation,) = entity.designations
    assert designation.authority is Authority.BIS
    assert designation.list_name == "Denied Persons List"
    assert designation.effective_on == date(2017, 10, 16)
    assert designation.federal_register == "82 F.R. 48792 10/20/2017"
    assert (designation.status, designation.delisted_on) == (
        DesignationStatus.DELISTED,
        date(2020, 10, 13),
    )
    (address,) = entity.addresses
    assert (address.street, address.city, address.region, address.postal_code) == (
        "3037 S. 69TH DRIVE",
        "PHONEIX",
        "AZ",
        "85043",
    )
    assert entity.remarks == ("FR NOTICE ADDED",)


def test_dpl_party_with_two_orders_and_three_addresses(dpl: ParsedList) -> None:
    entity = by_id(dpl, "us-dpl-i-ash")
    assert len(entity.addresses) == 3
    assert [(d.effective_on, d.federal_register, d.note) for d in entity.designations] == [
        (
            date(2003, 6, 19),
            "68 F.R. 38290 6/27/03; 71 F.R. 38843 7/10/06; 72 F.R. 4236 1/30/07",
            "standard order: Y; ends on 2056-06-29",
        ),
        (
            date(2002, 3, 4),
            "67 F.R. 56530 9/4/02; 67 F.R. 10890 3/11/02; 71 F.R. 38843 7/10/06",
            "standard order: Y; ends on 2056-06-29",
        ),
    ]


def test_dpl_spellings_with_the_same_slug_are_one_party(dpl: ParsedList) -> None:
    entity = by_id(dpl, "us-dpl-al-naser-airlines")
    assert [(n.full, n.kind) for n in entity.names] == [
        ("AL NASER AIRLINES", NameKind.PRIMARY),
        ("AL-NASER AIRLINES", NameKind.ALIAS),
    ]
    assert entity.countries == ("iq", "ae", "jo")


# --- identifier labels ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        ("Passport", IdentifierKind.PASSPORT),
        ("Cedula No.", IdentifierKind.NATIONAL_ID),
        ("NIT #", IdentifierKind.TAX_ID),
        ("V.A.T. Number", IdentifierKind.TAX_ID),
        ("Government Gazette Number", IdentifierKind.REGISTRATION),
        ("Matricula Mercantil No", IdentifierKind.REGISTRATION),
        ("SWIFT/BIC", IdentifierKind.SWIFT_BIC),
        ("Vessel Registration Identification", IdentifierKind.IMO),
        ("Digital Currency Address - XBT", IdentifierKind.CRYPTO_WALLET),
        ("Aircraft Manufacturer's Serial Number (MSN)", IdentifierKind.AIRCRAFT_SERIAL),
        ("Birth Certificate Number", IdentifierKind.OTHER),
        ("national_id", IdentifierKind.NATIONAL_ID),
        ("Private Residence", None),
        ("Website", None),
    ],
)
def test_classifies_id_labels(label: str, kind: IdentifierKind | None) -> None:
    assert classify_identifier(label) is kind


# --- bad input ------------------------------------------------------------------------------


def test_unknown_header_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "consolidated.csv"
    path.write_text("source,entity_number,type,name,aliases\nSDN,1,Entity,X,\n", encoding="utf-8")
    with pytest.raises(SourceFormatError) as error:
        parse_csl(path)
    assert error.value.line == 1
    message = str(error.value)
    assert message.startswith("consolidated.csv line 1: not a Consolidated Screening List header")
    assert "missing programs" in message and "unexpected aliases" in message


def test_row_with_wrong_field_count_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "consolidated.csv"
    good = ["x1", "Entity List (EL) - Bureau of Industry and Security"] + [""] * 27
    good[5] = "Good Co."
    path.write_text(
        csv_line(list(CSL_COLUMNS_2025)) + csv_line(good) + csv_line(good[:20]),
        encoding="utf-8",
    )
    with pytest.raises(SourceFormatError) as error:
        parse_csl(path)
    assert str(error.value).startswith(
        "consolidated.csv line 3: expected 29 fields, found 20: is the file truncated"
    )


def test_repeated_id_is_kept_with_a_suffix_and_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "consolidated.csv"
    row = ["x1", "Entity List (EL) - Bureau of Industry and Security"] + [""] * 27
    row[5] = "Twice Ltd."
    path.write_text(csv_line(list(CSL_COLUMNS_2025)) + csv_line(row) * 2, encoding="utf-8")
    parsed = parse_csl(path)
    assert [e.id for e in parsed.entities] == ["us-csl-x1", "us-csl-x1-2"]
    assert parsed.warnings == (
        "consolidated.csv line 3: id 'x1' seen before; kept as a separate entry",
    )


def test_row_without_name_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "csl.csv"
    row = ["Entity List (EL) - Bureau of Industry and Security"] + [""] * 27
    path.write_text(csv_line(list(CSL_COLUMNS_2017)) + csv_line(row), encoding="utf-8")
    with pytest.raises(SourceFormatError) as error:
        parse_csl(path)
    assert (error.value.line, error.value.field) == (2, "name")


def test_unknown_csl_list_is_kept_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "csl.csv"
    row = ["Brand New List (BNL) - Department of Energy", "", "", "", "Atom Co."] + [""] * 23
    path.write_text(csv_line(list(CSL_COLUMNS_2017)) + csv_line(row), encoding="utf-8")
    parsed = parse_csl(path)
    (designation,) = parsed.entities[0].designations
    assert (designation.authority, designation.list_name) == (
        Authority.US_OTHER,
        "Brand New List (BNL)",
    )
    assert parsed.warnings == (
        "csl.csv: 1 rows from a list watchlist does not know: "
        "'Brand New List (BNL) - Department of Energy'",
    )


def dpl_line(values: list[str]) -> str:
    return "\t".join(f'"{value}"' for value in values) + "\n"


def test_dpl_with_unknown_header_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "dpl.txt"
    path.write_text(dpl_line(["Name", "Street", "City"]), encoding="utf-8")
    with pytest.raises(SourceFormatError) as error:
        parse_dpl(path)
    assert str(error.value).startswith("dpl.txt line 1: not a Denied Persons List header")


def test_dpl_short_row_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "dpl.txt"
    row = ["X", "1 MAIN ST", "TOWN", "", "US", "", "01/02/2010", "", "Y", "2010-01-05", "", ""]
    path.write_text(
        dpl_line(list(DPL_COLUMNS)) + dpl_line(row) + dpl_line(row[:7]), encoding="utf-8"
    )
    with pytest.raises(SourceFormatError) as error:
        parse_dpl(path)
    assert str(error.value).startswith("dpl.txt line 3: expected 12 fields, found 7")


def test_dpl_bad_date_names_the_field(tmp_path: Path) -> None:
    path = tmp_path / "dpl.txt"
    row = ["X", "1 MAIN ST", "TOWN", "", "US", "", "2010-01-02", "", "Y", "2010-01-05", "", ""]
    path.write_text(dpl_line(list(DPL_COLUMNS)) + dpl_line(row), encoding="utf-8")
    with pytest.raises(SourceFormatError) as error:
        parse_dpl(path)
    assert (error.value.line, error.value.field) == (2, "Effective_Date")


def test_empty_and_non_utf8_files_are_refused(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(SourceFormatError, match="the file is empty"):
        parse_csl(empty)
    latin = tmp_path / "latin.txt"
    latin.write_bytes(dpl_line(list(DPL_COLUMNS)).encode() + b'"M\xdcLLER"\n')
    with pytest.raises(SourceFormatError, match="not UTF-8"):
        parse_dpl(latin)
