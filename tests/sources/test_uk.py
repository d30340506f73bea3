"""The UK parsers: OFSI ConList (XLSX, CSV) and the FCDO UK Sanctions List (ODS, CSV)."""

from __future__ import annotations

import csv
import zipfile
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from watchlist.errors import SourceFormatError
from watchlist.model import Entity, FuzzyDate, IdentifierKind, NameKind, RelationKind, Schema
from watchlist.sources import get_source
from watchlist.sources.base import ParsedList
from watchlist.sources.uk import UK_FCDO, UK_OFSI, parse_fcdo, parse_ofsi

CONLIST_HEADERS = [
    "Name 6",
    "Name 1",
    "Name 2",
    "Name 3",
    "Name 4",
    "Name 5",
    "Title",
    "Name Non-Latin Script",
    "Non-Latin Script Type",
    "Non-Latin Script Language",
    "DOB",
    "Town of Birth",
    "Country of Birth",
    "Nationality",
    "Passport Number",
    "Passport Details",
    "National Identification Number",
    "National Identification Details",
    "Position",
    "Address 1",
    "Address 2",
    "Address 3",
    "Address 4",
    "Address 5",
    "Address 6",
    "Post/Zip Code",
    "Country",
    "Other Information",
    "Group Type",
    "Alias Type",
    "Alias Quality",
    "Regime",
    "Listed On",
    "UK Sanctions List Date Designated",
    "Last Updated",
    "Group ID",
]


@pytest.fixture(scope="session")
def ofsi(shared_data: Path) -> ParsedList:
    return parse_ofsi(shared_data / "uk-ofsi-conlist-2025-04" / "UK_Sanctions_List.xlsx")


@pytest.fixture(scope="session")
def fcdo(shared_data: Path) -> ParsedList:
    return parse_fcdo(shared_data / "uk-fcdo-2025-08" / "FCDO_SL_Mon_Aug_11_2025.ods")


def _by_id(parsed: ParsedList) -> dict[str, Entity]:
    return {entity.source_id: entity for entity in parsed.entities}


def _conlist_row(**values: str) -> list[str | None]:
    return [values.get(header.replace(" ", "_").replace("/", "_")) for header in CONLIST_HEADERS]


def _write_xlsx(path: Path, rows: list[list[str | None]]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


# --- OFSI Consolidated List -------------------------------------------------------------------


def test_groups_18796_name_rows_into_4686_entities(ofsi: ParsedList) -> None:
    assert ofsi.meta["rows"] == "18796"
    assert (ofsi.meta["rows_individual"], ofsi.meta["rows_entity"], ofsi.meta["rows_ship"]) == (
        "13691",
        "5024",
        "81",
    )
    assert ofsi.counts == {"total": 4686, "Organization": 1009, "Person": 3662, "Vessel": 15}
    assert ofsi.published_on == date(2025, 4, 10)
    assert ofsi.rejected == ()
    assert ofsi.warnings == (
        "UK_Sanctions_List.xlsx row 34 (Group ID 16601): no row with Alias Type 'Primary name'",
        "UK_Sanctions_List.xlsx row 14363 (Group ID 16789): no row with Alias Type 'Primary name'",
    )


def test_individual_with_cyrillic_name_and_dob_with_zero_parts(ofsi: ParsedList) -> None:
    agureev = _by_id(ofsi)["16434"]
    assert agureev.id == "uk-ofsi-16434"
    assert agureev.schema is Schema.PERSON
    primary, original = agureev.names
    assert (primary.full, primary.kind) == ("Evgenii Yuryevich AGUREEV", NameKind.PRIMARY)
    assert (primary.first, primary.middle, primary.last) == ("Evgenii", "Yuryevich", "AGUREEV")
    assert (original.full, original.kind, original.script, original.lang) == (
        "Евгений Юрьевич Агуреев",
        NameKind.ORIGINAL_SCRIPT,
        "Cyrl",
        "rus",
    )
    assert agureev.birth_dates == (FuzzyDate(1978, text="00/00/1978"),)  # DOB `00/00/1978`
    assert agureev.nationalities == ("ru",)
    assert agureev.gender == "male"  # from `(Gender):Male` in Other Information
    assert agureev.positions == ("Deputy General Director of Alrosa",)
    (designation,) = agureev.designations
    assert designation.reference == "RUS2060"  # `(UK Sanctions List Ref):RUS2060`
    assert designation.programs == ("Russia",)
    assert designation.listed_on == date(2024, 2, 22)
    assert designation.list_name == "OFSI Consolidated List"


def test_one_row_per_name_dob_and_address_collapses_to_one_entity(ofsi: ParsedList) -> None:
    # Joseph Kony has 400 rows: 5 names x 10 dates of birth x 8 addresses.
    kony = _by_id(ofsi)["13344"]
    assert [(n.full, n.kind) for n in kony.names] == [
        ("JOSEPH KONY", NameKind.PRIMARY),
        ("KONY", NameKind.ALIAS),
        ("Josef KONY", NameKind.ALIAS),
        ("Joseph Rao KONY", NameKind.ALIAS),
        ("LE MESSIE SANGLANT", NameKind.WEAK_ALIAS),  # AKA with Alias Quality `Low quality`
    ]
    assert len(kony.birth_dates) == 10
    assert FuzzyDate(1963, 4, text="00/04/1963") in kony.birth_dates
    assert len(kony.addresses) == 8
    assert {a.country for a in kony.addresses} == {"cf", "cd", None}  # `Congo (Democratic ...)`
    assert kony.birth_places == (
        "Palaro Village, Palaro Parish, Omoro County, Gulu District, Uganda",
        "Odek, Omoro, Gulu, Uganda",
        "Atyak, Uganda",
    )
    assert ("un_reference", "CFi.009") in kony.extra


def test_entity_with_fka_names(ofsi: ParsedList) -> None:
    adf = _by_id(ofsi)["13189"]
    assert adf.schema is Schema.ORGANIZATION
    kinds = {n.full: n.kind for n in adf.names}
    assert kinds["ADF (ALLIED DEMOCRATIC FORCES)"] is NameKind.PRIMARY
    assert kinds["ALLIED DEMOCRATIC FORCES"] is NameKind.ALIAS
    assert kinds["ADF/NALU"] is NameKind.PREVIOUS
    assert kinds["NALU"] is NameKind.PREVIOUS
    assert adf.designations[0].reference == "DRC0015"


def test_entity_with_arabic_alias_and_contact_details(ofsi: ParsedList) -> None:
    souruh = _by_id(ofsi)["12066"]
    arabic = next(n for n in souruh.names if n.script == "Arab")
    assert (arabic.full, arabic.kind) == ("شركة صروح العقارية", NameKind.ALIAS)
    assert souruh.phones == (
        "+963-11-5316396",
        "+963-11-5327266",
        "+963-932-878282",
        "+963-933-526812",
    )
    assert souruh.websites == ("http://sites.google.com/site/sorohco",)
    assert souruh.emails == ("sorohco@gmail.com",)


def test_ship_with_imo_and_vessel_details(ofsi: ParsedList) -> None:
    ship = _by_id(ofsi)["13651"]
    assert ship.schema is Schema.VESSEL
    assert ship.caption == "SAM JONG 2"
    assert "YU_JONG_3" in {n.full for n in ship.names}
    assert [(i.kind, i.value) for i in ship.identifiers] == [(IdentifierKind.IMO, "7408873")]
    assert ship.vessel is not None
    assert (ship.vessel.flag, ship.vessel.vessel_type, ship.vessel.build_year) == (
        "North Korea",
        "Oil tanker",
        "1975",
    )
    assert ship.vessel.owner == "Korea Samjong Shipping"
    assert ("previous_flags", "Russia") in ship.extra


def test_one_designation_per_regime(ofsi: ParsedList) -> None:
    jafari = _by_id(ofsi)["10638"]
    assert [(d.programs, d.listed_on) for d in jafari.designations] == [
        (("Syria",), date(2011, 6, 24)),
        (("Iran",), date(2011, 4, 14)),
        (("Iran (Nuclear)",), date(2008, 6, 24)),
    ]


def test_subsidiaries_become_ownership_relations(ofsi: ParsedList) -> None:
    academy = _by_id(ofsi)["12871"]
    assert [(r.kind, r.target_name, r.role) for r in academy.relations] == [
        (RelationKind.OWNERSHIP, "Tangun Trading Corporation", "subsidiary")
    ]


def test_numbered_documents_pair_numbers_with_details(ofsi: ParsedList) -> None:
    arbabsiar = _by_id(ofsi)["12206"]
    assert [(i.kind, i.value, i.note) for i in arbabsiar.identifiers] == [
        (IdentifierKind.PASSPORT, "C2002515", "Iranian"),
        (
            IdentifierKind.DRIVERS_LICENSE,
            "07442833",
            "USA driving licence, expiry date 15 March 2016",
        ),
    ]


def test_places_values_by_cell_reference_when_empty_cells_are_omitted(tmp_path: Path) -> None:
    # openpyxl, like Excel, writes no XML for empty cells: DOB must still land in column K.
    path = _write_xlsx(
        tmp_path / "ConList.xlsx",
        [
            ["Last Updated", "01/02/2025"],
            CONLIST_HEADERS,
            _conlist_row(
                Name_6="DOE",
                DOB="00/00/1994",
                Group_Type="Individual",
                Alias_Type="Primary name",
                Regime="Russia",
                Listed_On="15/03/2022",
                Group_ID="90001",
            ),
            _conlist_row(Name_6="NO GROUP", Group_Type="Entity", Alias_Type="AKA", Regime="Iran"),
        ],
    )
    sheet_xml = zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml").decode()
    assert '<c r="K3"' in sheet_xml and '<c r="B3"' not in sheet_xml
    parsed = parse_ofsi(tmp_path)  # a folder holding ConList.xlsx
    (doe,) = parsed.entities
    assert doe.caption == "DOE"
    assert doe.birth_dates == (FuzzyDate(1994, text="00/00/1994"),)
    assert doe.designations[0].listed_on == date(2022, 3, 15)
    assert parsed.published_on == date(2025, 2, 1)
    assert [(r.line, r.reason) for r in parsed.rejected] == [(4, "row without a Group ID")]


def test_reads_the_same_layout_as_csv(tmp_path: Path) -> None:
    path = tmp_path / "ConList.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Last Updated", "10/04/2025"])
        writer.writerow(CONLIST_HEADERS)
        for alias, kind in (("PETROV", "Primary name"), ("PETROFF", "AKA")):
            writer.writerow(
                _conlist_row(
                    Name_6=alias,
                    Name_1="Ivan",
                    Other_Information="(UK Sanctions List Ref):RUS9999. (Gender):Male",
                    Group_Type="Individual",
                    Alias_Type=kind,
                    Regime="Russia",
                    Group_ID="90002",
                )
            )
    (petrov,) = parse_ofsi(path).entities
    assert [(n.full, n.kind) for n in petrov.names] == [
        ("Ivan PETROV", NameKind.PRIMARY),
        ("Ivan PETROFF", NameKind.ALIAS),
    ]
    assert petrov.designations[0].reference == "RUS9999"
    assert petrov.gender == "male"


def test_xlsx_without_group_id_header_is_refused_naming_file_row_and_field(
    tmp_path: Path,
) -> None:
    headers = [h for h in CONLIST_HEADERS if h != "Group ID"]
    path = _write_xlsx(tmp_path / "broken.xlsx", [["Last Updated", "10/04/2025"], headers, ["DOE"]])
    with pytest.raises(SourceFormatError) as raised:
        parse_ofsi(path)
    assert (raised.value.path, raised.value.line, raised.value.field) == (
        str(path),
        2,
        "Group ID",
    )
    assert "broken.xlsx line 2 field Group ID" in str(raised.value)


def test_truncated_xlsx_is_refused_naming_the_file(shared_data: Path, tmp_path: Path) -> None:
    data = (shared_data / "uk-ofsi-conlist-2025-04" / "UK_Sanctions_List.xlsx").read_bytes()
    path = tmp_path / "ConList.xlsx"
    path.write_bytes(data[: len(data) // 3])
    with pytest.raises(SourceFormatError, match="truncated") as raised:
        parse_ofsi(path)
    assert raised.value.path == str(path)


def test_spreadsheet_without_conlist_header_is_refused(tmp_path: Path) -> None:
    path = _write_xlsx(tmp_path / "other.xlsx", [["Unique ID", "Name"], ["AFG0001", "X"]])
    with pytest.raises(SourceFormatError, match="'Name 6'"):
        parse_ofsi(path)


# --- FCDO UK Sanctions List -------------------------------------------------------------------


def test_reads_5302_fcdo_designations(fcdo: ParsedList) -> None:
    assert fcdo.meta["rows"] == "5302"
    assert fcdo.counts == {"total": 5302, "Organization": 1087, "Person": 3754, "Vessel": 461}
    sources = [v for e in fcdo.entities for k, v in e.extra if k == "designation_source"]
    assert (sources.count("UK"), sources.count("UN"), sources.count("UK|UN")) == (4386, 908, 8)
    assert fcdo.published_on == date(2025, 8, 11)  # from the file name the FCDO site gives it
    assert fcdo.meta["latest_date_designated"] == "2025-07-23"


def test_fcdo_designation_details(fcdo: ParsedList) -> None:
    entity = _by_id(fcdo)["AFG0001"]
    assert entity.id == "uk-fcdo-afg0001"
    assert entity.schema is Schema.ORGANIZATION
    assert entity.caption == "HAJI KHAIRULLAH HAJI SATTAR MONEY EXCHANGE"
    (designation,) = entity.designations
    assert designation.reference == "AFG0001"
    assert designation.programs == ("Afghanistan",)
    assert designation.listed_on == date(2012, 6, 29)  # `29-06-2012`
    assert ("ofsi_group_id", "12703") in entity.extra
    assert ("sanctions_imposed", "Asset freeze") in entity.extra
    houthi = _by_id(fcdo)["YEM0018"]
    assert houthi.caption == "Al-HOUTHI Ali Hussein Badr Al Din"
    assert [v for k, v in houthi.extra if k == "sanctions_imposed"] == [
        "Asset freeze",
        "Director Disqualification Sanction",
        "Targeted arms embargo",
        "Travel Ban",
    ]


def test_fcdo_ship_without_group_id(fcdo: ParsedList) -> None:
    ship = _by_id(fcdo)["DPR0075"]
    assert ship.schema is Schema.VESSEL
    assert ship.caption == "Petrel 8"
    assert not any(k == "ofsi_group_id" for k, _ in ship.extra)


def test_fcdo_row_without_name_is_kept_and_warned(fcdo: ParsedList) -> None:
    unnamed = _by_id(fcdo)["BEL0174"]
    assert unnamed.names == ()
    assert ("ofsi_group_id", "16744") in unnamed.extra
    assert fcdo.warnings == (
        "FCDO_SL_Mon_Aug_11_2025.ods row 649 (BEL0174): no name",
        "FCDO_SL_Mon_Aug_11_2025.ods row 3524 (RUS1467): no name",
    )


def test_ofsi_group_ids_join_the_two_uk_lists(ofsi: ParsedList, fcdo: ParsedList) -> None:
    fcdo_groups = {v for e in fcdo.entities for k, v in e.extra if k == "ofsi_group_id"}
    ofsi_groups = {e.source_id for e in ofsi.entities}
    assert len(fcdo_groups) == 4839
    assert len(fcdo_groups & ofsi_groups) == 4664
    # The OFSI `UK Sanctions List Ref` is the FCDO `Unique ID`.
    ofsi_refs = {d.reference for e in ofsi.entities for d in e.designations}
    assert len({e.source_id for e in fcdo.entities} & ofsi_refs) == 4661


def test_truncated_ods_is_refused_naming_the_file(shared_data: Path, tmp_path: Path) -> None:
    data = (shared_data / "uk-fcdo-2025-08" / "FCDO_SL_Mon_Aug_11_2025.ods").read_bytes()
    path = tmp_path / "FCDO_SL.ods"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(SourceFormatError, match="truncated") as raised:
        parse_fcdo(path)
    assert raised.value.path == str(path)


def _write_ods(path: Path, content: str) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
    return path


_ODS_HEAD = (
    '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body>'
    "<office:spreadsheet><table:table>"
)
_ODS_TAIL = "</table:table></office:spreadsheet></office:body></office:document-content>"


def _ods_row(*cells: str) -> str:
    return (
        "<table:table-row>"
        + "".join(f"<table:table-cell><text:p>{c}</text:p></table:table-cell>" for c in cells)
        + '<table:table-cell table:number-columns-repeated="16376"/></table:table-row>'
    )


def test_ods_cells_collapse_whitespace_and_expand_repeats(tmp_path: Path) -> None:
    # Columns in another order: an empty cell repeated over two columns must not shift the rest.
    header = _ods_row(
        "Unique ID",
        "OFSI Group ID",
        "Sanctions Imposed",
        "Name",
        "Regime Name",
        "Type",
        "Designation source",
        "Date Designated",
    )
    row = (
        "<table:table-row>"
        "<table:table-cell><text:p>RUS9001</text:p></table:table-cell>"
        '<table:table-cell table:number-columns-repeated="2"/>'
        "<table:table-cell><text:p>\n   IVANOV<text:s/>Ivan\n  </text:p></table:table-cell>"
        "<table:table-cell><text:p>Russia</text:p></table:table-cell>"
        "<table:table-cell><text:p>Individual</text:p></table:table-cell>"
        "<table:table-cell><text:p>UK</text:p></table:table-cell>"
        "<table:table-cell><text:p>01-02-2024</text:p></table:table-cell>"
        "</table:table-row>"
        '<table:table-row table:number-rows-repeated="1048000">'
        '<table:table-cell table:number-columns-repeated="16384"/></table:table-row>'
    )
    path = _write_ods(tmp_path / "FCDO_SL_Thu_Feb_1_2024.ods", _ODS_HEAD + header + row + _ODS_TAIL)
    parsed = parse_fcdo(path)
    (ivanov,) = parsed.entities
    assert ivanov.caption == "IVANOV Ivan"
    assert ivanov.schema is Schema.PERSON
    assert ivanov.designations[0].programs == ("Russia",)
    assert ivanov.designations[0].listed_on == date(2024, 2, 1)
    assert ivanov.extra == (("designation_source", "UK"),)
    assert parsed.published_on == date(2024, 2, 1)


def test_ods_without_the_8_headers_is_refused_naming_the_missing_one(tmp_path: Path) -> None:
    header = _ods_row("Unique ID", "Name", "Type")
    path = _write_ods(tmp_path / "export.ods", _ODS_HEAD + header + _ODS_TAIL)
    with pytest.raises(SourceFormatError) as raised:
        parse_fcdo(path)
    assert (raised.value.line, raised.value.field) == (1, "OFSI Group ID")


def test_full_uk_sanctions_list_csv_groups_names_by_unique_id(tmp_path: Path) -> None:
    # The header of the published UK-Sanctions-List.csv (first columns, in its order).
    path = tmp_path / "UK-Sanctions-List.csv"
    path.write_text(
        "Report Date: 01/10/2026\n"
        '"Last Updated","Unique ID","OFSI Group ID","UN Reference Number","Name 6","Name 1",'
        '"Name 2","Name 3","Name 4","Name 5","Name type","Alias strength","Title",'
        '"Name non-latin script","Non-latin script type","Non-latin script language",'
        '"Regime Name","Individual, Entity, Ship","Designation source","Sanctions Imposed",'
        '"Other Information","UK Statement of Reasons","Date Designated"\n'
        '"15/09/2026","RUS0001","14001","","PETROV","Sergei","Ivanovich","","","","Primary Name",'
        '"","Mr","Сергей Иванович Петров","Cyrillic","Russian","Russia","Individual","UK",'
        '"Asset freeze, Travel Ban","","","16/03/2022"\n'
        '"15/09/2026","RUS0001","14001","","SP","","","","","","Alias","Weak","","","","",'
        '"Russia","Individual","UK","Asset freeze, Travel Ban","","","16/03/2022"\n',
        encoding="utf-8",
    )
    parsed = parse_fcdo(path)
    assert parsed.meta["layout"] == "full"
    assert parsed.published_on == date(2026, 10, 1)
    (petrov,) = parsed.entities
    assert [(n.full, n.kind, n.script, n.lang) for n in petrov.names] == [
        ("Sergei Ivanovich PETROV", NameKind.PRIMARY, None, None),
        ("Сергей Иванович Петров", NameKind.ORIGINAL_SCRIPT, "Cyrl", "rus"),
        ("SP", NameKind.WEAK_ALIAS, None, None),
    ]
    assert petrov.designations[0].listed_on == date(2022, 3, 16)
    assert ("ofsi_group_id", "14001") in petrov.extra
    assert ("last_updated", "2026-09-15") in petrov.extra


def test_specs_are_registered_with_official_urls() -> None:
    assert get_source("uk-ofsi") is UK_OFSI
    assert get_source("uk-fcdo") is UK_FCDO
    assert UK_OFSI.urls == (
        "https://ofsistorage.blob.core.windows.net/publishlive/2022format/ConList.xlsx",
    )
    assert UK_OFSI.filenames == ("ConList.xlsx",)
    assert UK_FCDO.filenames == ("UK-Sanctions-List.csv",)
    assert UK_FCDO.urls == ("https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.csv",)
