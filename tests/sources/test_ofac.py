"""OFAC legacy CSV files: the real vintages in shared data, and damaged input."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from watchlist.errors import SourceFormatError
from watchlist.model import Authority, Entity, IdentifierKind, NameKind, RelationKind, Schema
from watchlist.sources import get_source
from watchlist.sources.base import ParsedList
from watchlist.sources.ofac import (
    OFAC_CONS,
    OFAC_SDN,
    parse_consolidated,
    parse_sdn,
    read_address_file,
    read_alt_file,
)


@pytest.fixture(scope="session")
def sdn_2021(shared_data: Path) -> ParsedList:
    return parse_sdn(shared_data / "ofac-sdn-2021")


@pytest.fixture(scope="session")
def sdn_2019(shared_data: Path) -> ParsedList:
    return parse_sdn(shared_data / "ofac-sdn-2019")


@pytest.fixture(scope="session")
def sdn_2024(shared_data: Path) -> ParsedList:
    return parse_sdn(shared_data / "ofac-sdn-2024-05" / "sdn.csv")


@pytest.fixture(scope="session")
def sdn_2026(shared_data: Path) -> ParsedList:
    return parse_sdn(shared_data / "ofac-sdn-2026" / "sdn_excerpt.csv")


@pytest.fixture(scope="session")
def cons_2025(shared_data: Path) -> ParsedList:
    return parse_consolidated(shared_data / "ofac-consolidated-2025-12")


def _by_id(parsed: ParsedList) -> dict[str, Entity]:
    return {entity.source_id: entity for entity in parsed.entities}


def _fto(parsed: ParsedList) -> int:
    return sum("FTO" in entity.programs for entity in parsed.entities)


def test_registry_finds_both_ofac_lists():
    assert get_source("ofac-sdn") is OFAC_SDN
    assert get_source("ofac-cons") is OFAC_CONS
    assert OFAC_SDN.urls[0] == (
        "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN.CSV"
    )
    assert len(OFAC_SDN.urls) == len(OFAC_SDN.filenames) == 4
    assert OFAC_SDN.filenames == ("sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv")
    assert OFAC_CONS.urls[0].endswith("/CONS_PRIM.CSV")
    assert OFAC_CONS.filenames[0] == "cons_prim.csv"


def test_counts_the_2021_folder_by_schema(sdn_2021: ParsedList):
    assert sdn_2021.counts == {
        "total": 8976,
        "Airplane": 277,
        "Organization": 3673,
        "Person": 4620,
        "Vessel": 406,
    }
    assert _fto(sdn_2021) == 74
    assert sdn_2021.warnings == ()
    assert [Path(f.path).name for f in sdn_2021.files] == [
        "sdn.csv",
        "add.csv",
        "alt.csv",
        "sdn_comments.csv",
    ]


def test_counts_the_2019_folder_by_schema(sdn_2019: ParsedList):
    assert sdn_2019.counts == {
        "total": 7379,
        "Airplane": 217,
        "Organization": 2994,
        "Person": 3845,
        "Vessel": 323,
    }
    assert _fto(sdn_2019) == 65


def test_counts_the_may_2024_sdn_csv_alone(sdn_2024: ParsedList):
    assert sdn_2024.counts == {
        "total": 14965,
        "Airplane": 376,
        "Organization": 6884,
        "Person": 6854,
        "Vessel": 851,
    }
    assert _fto(sdn_2024) == 70
    assert len(sdn_2024.files) == 1


def test_counts_the_consolidated_csv_set(cons_2025: ParsedList):
    assert cons_2025.counts == {"total": 442, "Organization": 363, "Person": 79}
    assert cons_2025.source == "ofac-cons"
    entity = _by_id(cons_2025)["17015"]
    assert entity.id == "ofac-cons-17015"
    assert entity.designations[0].list_name == "Non-SDN Consolidated List"


def test_2019_comments_for_unknown_entries_are_warnings_not_errors(sdn_2019: ParsedList):
    assert len(sdn_2019.warnings) == 10
    assert sdn_2019.warnings[0] == (
        "sdn_comments.csv line 4: ent_num 17018 is not in sdn.csv; its remarks continuation is "
        "not used"
    )
    assert [r.line for r in sdn_2019.rejected] == [4, 5, 6, 7, 8, 9, 10, 11, 12, 13]


def test_2019_add_csv_last_field_cut_to_dash_zero_reads_as_null(sdn_2019: ParsedList):
    entity = _by_id(sdn_2019)["26235"]
    assert [(a.city, a.country, a.note) for a in entity.addresses] == [
        ("St. Petersburg", "ru", None)
    ]


def test_resolves_linked_to_within_each_vintage(
    sdn_2019: ParsedList, sdn_2021: ParsedList, sdn_2024: ParsedList, cons_2025: ParsedList
):
    figures = [
        (parsed.meta["linked_to_resolved"], parsed.meta["linked_to_total"])
        for parsed in (sdn_2019, sdn_2021, sdn_2024, cons_2025)
    ]
    assert figures == [("2424", "2427"), ("3399", "3408"), ("6365", "6375"), ("282", "283")]


@pytest.mark.parametrize("vintage", ["sdn_2021", "sdn_2024"])
def test_reads_maduro_moros_with_dob_cedula_and_program(vintage: str, request):
    parsed: ParsedList = request.getfixturevalue(vintage)
    maduro = _by_id(parsed)["22790"]
    assert maduro.id == "ofac-sdn-22790"
    assert maduro.schema is Schema.PERSON
    (name,) = maduro.names
    assert (name.full, name.first, name.last) == (
        "MADURO MOROS, Nicolas",
        "Nicolas",
        "MADURO MOROS",
    )
    assert [d.iso for d in maduro.birth_dates] == ["1962-11-23"]
    assert maduro.birth_places == ("Caracas, Venezuela",)
    assert maduro.citizenships == ("ve",)
    assert maduro.gender == "male"
    (cedula,) = maduro.identifiers
    assert (cedula.kind, cedula.value, cedula.country, cedula.label) == (
        IdentifierKind.NATIONAL_ID,
        "5892464",
        "ve",
        "Cedula No.",
    )
    (designation,) = maduro.designations
    assert designation.authority is Authority.OFAC
    assert designation.list_name == "SDN List"
    assert designation.programs == ("VENEZUELA", "IRAN-CON-ARMS-EO")
    assert designation.legal_basis == ()
    assert maduro.titles == ("President of the Bolivarian Republic of Venezuela",)
    assert maduro.remarks == ()
    assert maduro.provenance[0].source == "ofac-sdn"


def test_links_a_company_to_maduro_by_primary_name(sdn_2021: ParsedList):
    company = _by_id(sdn_2021)["30421"]
    (relation,) = company.relations
    assert relation.kind is RelationKind.LINKED_TO
    assert (relation.target_name, relation.target_id) == (
        "MADURO MOROS, Nicolas",
        "ofac-sdn-22790",
    )
    assert [(n.full, n.kind) for n in company.names] == [
        ("EX-CLE SOLUCIONES BIOMETRICAS C.A.", NameKind.PRIMARY),
        ("EX-CLE C.A.", NameKind.ALIAS),
        ("EX-CLE", NameKind.WEAK_ALIAS),
    ]
    assert company.countries == ("ve",)


def test_reads_a_tanker_with_imo_mmsi_and_vessel_columns(sdn_2024: ParsedList):
    tanker = _by_id(sdn_2024)["15036"]
    assert tanker.schema is Schema.VESSEL
    assert tanker.vessel is not None
    assert (tanker.vessel.call_sign, tanker.vessel.vessel_type, tanker.vessel.flag) == (
        "T2EU4",
        "Crude/Oil Products Tanker",
        "Iran",
    )
    assert (tanker.vessel.tonnage, tanker.vessel.gross_registered_tonnage) == ("99,144", "56,068")
    assert [(i.kind, i.value) for i in tanker.identifiers] == [
        (IdentifierKind.IMO, "9187629"),
        (IdentifierKind.MMSI, "572469210"),
    ]
    assert [(n.full, n.kind, n.note) for n in tanker.names[1:]] == [
        ("ALPHA", NameKind.WEAK_ALIAS, "f.k.a. (weak)")
    ]
    (relation,) = tanker.relations
    assert relation.target_id == "ofac-sdn-15117"
    assert ("Former Vessel Flag", "Malta") in tanker.extra
    assert tanker.designations[0].note == (
        "Additional Sanctions Information - Subject to Secondary Sanctions"
    )
    assert tanker.countries == ("ir",)


def test_reads_digital_currency_addresses(sdn_2021: ParsedList):
    yan = _by_id(sdn_2021)["25308"]
    wallets = [i.value for i in yan.identifiers if i.kind is IdentifierKind.CRYPTO_WALLET]
    assert len(wallets) == 6
    assert wallets[0] == "12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h"
    with_wallets = [
        e
        for e in sdn_2021.entities
        if any(i.kind is IdentifierKind.CRYPTO_WALLET for i in e.identifiers)
    ]
    assert len(with_wallets) == 15


def test_joins_remarks_continued_in_sdn_comments(sdn_2021: ParsedList):
    entities = _by_id(sdn_2021)
    tian = entities["28263"]
    # sdn.csv stops at `a.k.a. 'snowsjo`, sdn_comments.csv goes on `hn'; Linked To: ...`
    assert "snowsjohn" in [n.full for n in tian.names]
    assert [r.target_id for r in tian.relations] == ["ofac-sdn-27307"]
    andreyev = entities["29703"]
    eth = [i for i in andreyev.identifiers if i.label == "Digital Currency Address - ETH"]
    assert [i.value for i in eth] == ["0x8576acc5c05d6ce88f4e49bf65bdf0c62f91353c"]
    assert [(i.kind, i.value, i.country) for i in andreyev.identifiers][-1] == (
        IdentifierKind.PASSPORT,
        "4005504207",
        "ru",
    )
    # The final `Linked To: R D I S.A.` loses its own full stop to the remarks' one.
    last = entities["12300"].relations[-1]
    assert (last.target_name, last.target_id) == ("R D I S.A.", "ofac-sdn-12904")


def test_reads_an_aircraft(sdn_2021: ParsedList):
    aircraft = [e for e in sdn_2021.entities if e.caption == "EP-GOM"]
    (plane,) = aircraft
    assert plane.schema is Schema.AIRPLANE
    assert plane.aircraft is not None
    assert (plane.aircraft.model, plane.aircraft.operator) == ("IL76-TD", "YAS AIR")
    assert {i.kind for i in plane.identifiers} == {IdentifierKind.AIRCRAFT_SERIAL}


def test_reads_year_range_birth_dates(sdn_2024: ParsedList):
    sinwar = _by_id(sdn_2024)["18528"]
    (dob,) = sinwar.birth_dates
    assert (dob.year, dob.to_year, dob.text) == (1961, 1963, "01 Jan 1961 to 31 Dec 1963")


def test_2026_excerpt_carries_the_2025_designations(sdn_2026: ParsedList):
    entities = _by_id(sdn_2026)
    assert sorted(entities) == ["11438", "11439", "11440", "49756", "55025"]
    soles = entities["55025"]
    assert soles.caption == "CARTEL DE LOS SOLES"
    assert soles.programs == ("FTO", "SDGT")
    assert soles.schema is Schema.ORGANIZATION
    assert soles.designations[0].note == (
        "Secondary sanctions risk: section 1(b) of Executive Order 13224, as amended by "
        "Executive Order 13886"
    )
    assert ("Organization Type", "Transnational Terrorist Group") in soles.extra
    assert ("Target Type", "Criminal Organization") in soles.extra
    tren = entities["49756"]
    assert [(n.full, n.kind) for n in tren.names] == [
        ("TREN DE ARAGUA", NameKind.PRIMARY),
        ("ARAGUA TRAIN", NameKind.WEAK_ALIAS),
    ]
    assert [n.full for n in entities["11440"].names] == [
        "SINALOA CARTEL",
        "MEXICAN FEDERATION",
        "GUADALAJARA CARTEL",
    ]
    assert entities["11440"].programs == ("SDNTK", "FTO", "SDGT", "ILLICIT-DRUGS-EO14059")
    noreste = entities["11438"]
    assert noreste.caption == "CARTEL DEL NORESTE"
    assert "LOS ZETAS" in [n.full for n in noreste.names]
    assert sum("FTO" in e.programs for e in sdn_2026.entities) == 4


@pytest.mark.parametrize("vintage", ["ofac-sdn-2025-12", "ofac-sdn-2026"])
def test_alt_reader_finds_cartel_of_the_suns(shared_data: Path, vintage: str):
    aliases = read_alt_file(shared_data / vintage / "alt.csv")
    assert [(n.full, n.kind) for n in aliases["55025"]] == [("CARTEL OF THE SUNS", NameKind.ALIAS)]
    assert [n.full for n in aliases["49756"]] == ["EL TREN DE ARAGUA"]
    assert [n.full for n in aliases["11440"]] == ["CARTEL DE SINALOA"]


def test_alt_reader_counts_rows_and_splits_individuals(shared_data: Path):
    aliases = read_alt_file(shared_data / "ofac-sdn-2021" / "alt.csv", individuals={"22790"})
    assert len(aliases) == 4139
    assert sum(len(names) for names in aliases.values()) == 11910
    kinds = Counter(name.kind for names in aliases.values() for name in names)
    assert kinds == {NameKind.ALIAS: 11541, NameKind.PREVIOUS: 369}
    assert sum(1 for names in aliases.values() for n in names if n.note == "n.k.a.") == 18


def test_address_reader_drops_only_all_null_rows(shared_data: Path):
    addresses = read_address_file(shared_data / "ofac-sdn-2021" / "add.csv")
    (havana,) = addresses["36"]
    assert (havana.city, havana.country, havana.country_name) == ("Havana", "cu", "Cuba")
    assert [a.full for a in addresses["173"]] == [
        "Ibex House, The Minories, London EC3N 1DY, United Kingdom"
    ]


# --- damaged input ----------------------------------------------------------------------------


def test_rejects_the_damaged_set_naming_file_and_line(shared_data: Path):
    with pytest.raises(SourceFormatError) as caught:
        parse_sdn(shared_data / "ofac-invalid")
    assert str(caught.value).startswith("sdn.csv line 7380: expected 12 fields, found 1")
    assert caught.value.line == 7380


def test_rejects_an_add_csv_that_lost_its_quoting(shared_data: Path, tmp_path: Path):
    (tmp_path / "sdn.csv").symlink_to(shared_data / "ofac-sdn-2019" / "sdn.csv")
    (tmp_path / "add.csv").symlink_to(shared_data / "ofac-invalid" / "add.csv")
    with pytest.raises(SourceFormatError) as caught:
        parse_sdn(tmp_path)
    assert caught.value.line == 1
    assert caught.value.field == "City/State/Province/Postal Code"
    assert str(caught.value).startswith("add.csv line 1 field City/State/Province/Postal Code:")
    assert "'Havana' is not quoted" in str(caught.value)


def test_rejects_the_damaged_alt_csv_at_its_junk_line(shared_data: Path, tmp_path: Path):
    (tmp_path / "sdn.csv").symlink_to(shared_data / "ofac-sdn-2019" / "sdn.csv")
    (tmp_path / "alt.csv").symlink_to(shared_data / "ofac-invalid" / "alt.csv")
    with pytest.raises(SourceFormatError, match=r"^alt\.csv line 9683: expected 5 fields"):
        parse_sdn(tmp_path)


def test_folder_without_a_main_file_says_what_was_expected(shared_data: Path):
    with pytest.raises(SourceFormatError) as caught:
        parse_sdn(shared_data / "ofac-sdn-2025-12")
    message = str(caught.value)
    assert "no sdn.csv and no SDN.XML" in message
    assert "found: add.csv, alt.csv, sdn_comments.csv" in message
    with pytest.raises(SourceFormatError, match=r"no cons_prim\.csv"):
        parse_consolidated(shared_data / "ofac-sdn-2021")


_ROW = '{n},"{name}",{type},"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,{remarks}'


def _sdn_line(n: int, name: str, sdn_type: str = "-0- ", remarks: str = "-0- ") -> str:
    return _ROW.format(n=n, name=name, type=sdn_type, remarks=remarks)


def _write(path: Path, lines: list[str], *, ending: str = "\r\n", eof: bytes = b"\x1a") -> None:
    path.write_bytes((ending.join(lines) + ending).encode("cp1252") + eof)


def test_reads_official_line_endings_and_file_names_in_any_case(tmp_path: Path):
    _write(
        tmp_path / "SDN.CSV",
        [
            _sdn_line(1, "ALPHA TRADING LLC", remarks="\"a.k.a. 'ALPHA'; Linked To: BETA, Juan.\""),
            _sdn_line(2, "BETA, Juan", '"individual"', '"DOB 1960; Gender Male."'),
        ],
    )
    _write(tmp_path / "Add.csv", ['1,10,"Main St 1","Dubai","United Arab Emirates",-0- '])
    _write(tmp_path / "ALT.csv", ['2,20,"fka","BETA, Juanito",-0- '])
    _write(tmp_path / "SDN_COMMENTS.CSV", [], eof=b"")
    parsed = parse_sdn(tmp_path)
    alpha, beta = parsed.entities
    assert alpha.relations[0].target_id == "ofac-sdn-2"
    assert alpha.addresses[0].country == "ae"
    assert [(n.full, n.kind, n.first) for n in beta.names] == [
        ("BETA, Juan", NameKind.PRIMARY, "Juan"),
        ("BETA, Juanito", NameKind.PREVIOUS, "Juanito"),
    ]
    assert len(parsed.files) == 4


def test_reads_latin1_text(tmp_path: Path):
    (tmp_path / "sdn.csv").write_bytes(_sdn_line(1, "CAF\xc9 NARI\xd1O").encode("latin-1"))
    assert parse_sdn(tmp_path / "sdn.csv").entities[0].caption == "CAFÉ NARIÑO"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (_sdn_line(1, "X", '"company"'), "line 1 field SDN_Type: SDN_Type 'company' is not"),
        ('"1","X",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ', "ent_num '\"1\"' is not"),
        ('1,"X",-0- ,"SDGT"', "expected 12 fields, found 4"),
        (_sdn_line(1, "X").replace('"SDGT"', "SDGT"), "field Program: 'SDGT' is not quoted"),
        (_sdn_line(1, "X") + "\r\n" + _sdn_line(1, "Y"), "line 2 field ent_num: ent_num 1 appears"),
    ],
)
def test_rejects_malformed_sdn_rows(tmp_path: Path, line: str, message: str):
    (tmp_path / "sdn.csv").write_text(line + "\r\n", encoding="ascii")
    with pytest.raises(SourceFormatError, match=re.escape(message)):
        parse_sdn(tmp_path)


def test_rejects_an_empty_sdn_csv(tmp_path: Path):
    # A failed download: the 2024-05-04 scrape of sdn.csv is an empty file.
    (tmp_path / "sdn.csv").write_bytes(b"\x1a")
    with pytest.raises(SourceFormatError, match="the file is empty"):
        parse_sdn(tmp_path)


def test_rejects_nul_bytes_with_their_line(tmp_path: Path):
    (tmp_path / "sdn.csv").write_bytes(
        (_sdn_line(1, "X") + "\r\n").encode() + _sdn_line(2, "Y\x00").encode()
    )
    with pytest.raises(SourceFormatError, match=r"^sdn\.csv line 2: contains a NUL byte"):
        parse_sdn(tmp_path)


@pytest.mark.parametrize("name", ["add.csv", "alt.csv"])
def test_rejects_address_and_alias_rows_of_unknown_entries(tmp_path: Path, name: str):
    _write(tmp_path / "sdn.csv", [_sdn_line(1, "X")])
    row = '7,10,"Main St","Dubai","UAE",-0- ' if name == "add.csv" else '7,20,"aka","Z",-0- '
    _write(tmp_path / name, [row])
    with pytest.raises(
        SourceFormatError, match=rf"^{re.escape(name)} line 1 field ent_num: ent_num 7 is not"
    ):
        parse_sdn(tmp_path)


def test_rejects_an_unknown_alias_type(tmp_path: Path):
    _write(tmp_path / "sdn.csv", [_sdn_line(1, "X")])
    _write(tmp_path / "alt.csv", ['1,20,"dba","Z",-0- '])
    with pytest.raises(SourceFormatError, match="alt_type 'dba' is not aka, fka or nka"):
        parse_sdn(tmp_path)
