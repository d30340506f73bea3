"""Program tags as law: every tag in the real lists maps to an authority and an instrument."""

from __future__ import annotations

import csv
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from watchlist.law import ListKind, apply_program_law, list_kinds, program_for, un_regime
from watchlist.law.programs import INA_219, ofac_programs
from watchlist.model import (
    Authority,
    Designation,
    DesignationStatus,
    Entity,
    Name,
    Schema,
)

_OFAC_CSV = (
    "ofac-sdn-2019/sdn.csv",
    "ofac-sdn-2021/sdn.csv",
    "ofac-sdn-2024-05/sdn.csv",
    "ofac-sdn-2026/sdn_excerpt.csv",
    "ofac-consolidated-2025-12/cons_prim.csv",
)


def _tags_in_ofac_files(shared_data: Path) -> set[str]:
    tags: set[str] = set()
    for relative in _OFAC_CSV:
        with (shared_data / relative).open(encoding="latin-1", newline="") as handle:
            for row in csv.reader(handle):
                if len(row) >= 4 and row[3].strip() not in ("-0-", ""):
                    tags.update(tag.strip() for tag in row[3].split("] ["))
    tree = ET.parse(shared_data / "ofac-consolidated-2025-03/consolidated.xml")
    tags.update(e.text.strip() for e in tree.iter() if e.tag.endswith("}program") and e.text)
    for relative in ("us-csl/csl.csv", "us-csl-2025/consolidated_sample.csv"):
        with (shared_data / relative).open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                tags.update(t.strip() for t in row["programs"].split(";") if t.strip())
    return tags


@pytest.fixture(scope="module")
def ofac_tags(shared_data: Path) -> set[str]:
    return _tags_in_ofac_files(shared_data)


def test_every_program_tag_in_the_real_ofac_and_csl_files_maps(ofac_tags: set[str]) -> None:
    assert len(ofac_tags) == 85  # 83 OFAC tags + INKSNA and the CBW Act from the CSL sample
    unmapped = sorted(tag for tag in ofac_tags if not program_for(tag, Authority.OFAC).mapped)
    assert unmapped == []
    for tag in ofac_tags:
        assert program_for(tag).legal_basis, tag


def test_every_un_reference_prefix_and_list_type_in_the_real_files_maps(
    shared_data: Path,
) -> None:
    prefixes: set[str] = set()
    list_types: set[str] = set()
    for relative in ("un-sc/consolidated.xml", "un-sc-2025-04/consolidated.xml"):
        for element in ET.parse(shared_data / relative).iter():
            if element.tag == "REFERENCE_NUMBER" and element.text:
                prefixes.add(element.text.split(".")[0])
            if element.tag == "UN_LIST_TYPE" and element.text:
                list_types.add(element.text)
    assert len(prefixes) == 25 and len(list_types) == 14
    for code in prefixes | list_types:
        regime = un_regime(code)
        assert regime is not None, code
        assert regime.authority is Authority.UN_SC
    assert un_regime("QDi.317") is un_regime("Al-Qaida")
    assert un_regime("KPe.033").legal_basis == ("UNSCR 1718",)  # type: ignore[union-attr]
    assert un_regime("TAi.155").legal_basis == ("UNSCR 1988",)  # type: ignore[union-attr]


def test_key_programs_name_their_instruments() -> None:
    assert program_for("SDGT").legal_basis == ("EO 13224",)
    assert program_for("SDNTK").legal_basis == ("Kingpin Act (21 U.S.C. §1901-1908)",)
    assert program_for("ILLICIT-DRUGS-EO14059").legal_basis == ("EO 14059",)
    assert program_for("TCO").legal_basis == ("EO 13581",)
    assert program_for("VENEZUELA").legal_basis == ("EO 13692",)
    assert program_for("VENEZUELA-EO13884").legal_basis == ("EO 13884",)
    assert program_for("RUSSIA-EO14024").legal_basis == ("EO 14024",)
    fto = program_for("FTO")
    assert fto.authority is Authority.STATE and fto.legal_basis == (INA_219,)
    assert program_for("caatsa -  russia").tag == "CAATSA - RUSSIA"  # case and spacing aside


def test_unknown_tag_gives_an_unmapped_record_that_still_reads_the_order() -> None:
    program = program_for("CUBA-EO14404", Authority.OFAC)
    assert not program.mapped
    assert program.authority is Authority.OFAC
    assert program.legal_basis == ("EO 14404",)
    assert "unmapped" in program.title
    assert not program_for("SOMETHING-NEW").mapped
    assert program_for("SOMETHING-NEW").legal_basis == ()


def test_ofac_country_tags_are_not_read_as_un_list_types() -> None:
    assert program_for("IRAN").authority is Authority.OFAC
    assert program_for("DPRK").legal_basis == ("EO 13551",)
    assert program_for("Iran", Authority.UN_SC).legal_basis == ("UNSCR 1737", "UNSCR 2231")


def test_table_has_no_duplicate_tags() -> None:
    tags = [p.tag.upper() for p in ofac_programs()]
    assert len(tags) == len(set(tags))


def _entity(*designations: Designation, source: str = "ofac-sdn") -> Entity:
    return Entity(
        id=f"{source}-1",
        schema=Schema.ORGANIZATION,
        source=source,
        source_id="1",
        names=(Name("SINALOA CARTEL"),),
        designations=designations,
    )


def _ofac(*programs: str, **fields: object) -> Designation:
    return Designation(Authority.OFAC, "SDN List", programs=programs, **fields)  # type: ignore[arg-type]


def test_apply_program_law_fills_legal_basis_and_adds_states_fto_designation() -> None:
    # Sinaloa Cartel as OFAC's 2026 SDN file tags it.
    entity = _entity(_ofac("SDNTK", "FTO", "SDGT", "ILLICIT-DRUGS-EO14059"))
    result = apply_program_law(entity)
    ofac, state = result.designations
    assert ofac.legal_basis == (
        "Kingpin Act (21 U.S.C. §1901-1908)",
        INA_219,
        "EO 13224",
        "EO 14059",
    )
    assert state.authority is Authority.STATE
    assert state.programs == ("FTO",) and state.legal_basis == (INA_219,)
    assert state.in_force_from is None  # the SDN file does not give State's date
    assert "inferred from the FTO tag" in (state.note or "")
    assert entity.designations == (_ofac("SDNTK", "FTO", "SDGT", "ILLICIT-DRUGS-EO14059"),)


def test_apply_program_law_is_idempotent() -> None:
    once = apply_program_law(_entity(_ofac("FTO", "SDGT")))
    assert apply_program_law(once) == once
    assert apply_program_law(once) is once
    assert len(once.designations) == 2


def test_fto_tag_marks_an_existing_state_designation_instead_of_adding_one() -> None:
    state = Designation(Authority.STATE, "Foreign Terrorist Organizations", programs=("FTO",))
    result = apply_program_law(_entity(_ofac("FTO", "SDGT"), state))
    assert len(result.designations) == 2
    assert result.designations[1].legal_basis == (INA_219,)


def test_inferred_fto_designation_follows_a_delisted_sdn_entry() -> None:
    delisted = _ofac("FTO", status=DesignationStatus.DELISTED)
    result = apply_program_law(_entity(delisted))
    assert result.designations[1].status is DesignationStatus.DELISTED


def test_un_designation_gets_its_regime_from_the_reference_number() -> None:
    designation = Designation(
        Authority.UN_SC, "UN Security Council Consolidated List", reference="QDi.317"
    )
    result = apply_program_law(_entity(designation, source="un-sc"))
    assert result.designations[0].legal_basis == ("UNSCR 1267", "UNSCR 1989", "UNSCR 2253")


@pytest.mark.parametrize(
    ("list_name", "programs", "source", "expected"),
    [
        ("SDN List", ("SDGT",), "ofac-sdn", (ListKind.OFAC_SDN,)),
        # rows of the real Non-SDN Consolidated list, Dec 2025
        ("Non-SDN Consolidated List", ("UKRAINE-EO13662",), "ofac-cons", (ListKind.OFAC_SSI,)),
        (
            "Non-SDN Consolidated List",
            ("UKRAINE-EO13662", "RUSSIA-EO14024"),
            "ofac-cons",
            (ListKind.OFAC_SSI, ListKind.OFAC_NS_MBS),
        ),
        ("Non-SDN Consolidated List", ("SDGT", "NS-PLC"), "ofac-cons", (ListKind.OFAC_PLC,)),
        ("Non-SDN Consolidated List", ("CMIC-EO13959",), "ofac-cons", (ListKind.OFAC_CMIC,)),
        ("Non-SDN Consolidated List", ("561-Related",), "ofac-cons", (ListKind.OFAC_CAPTA,)),
        ("Non-SDN Consolidated List", ("CAATSA - RUSSIA",), "ofac-cons", (ListKind.OFAC_NS_MBS,)),
        # US Consolidated Screening List source names
        (
            "Sectoral Sanctions Identifications List (SSI) - Treasury Department",
            ("UKRAINE-EO13662",),
            "us-csl",
            (ListKind.OFAC_SSI,),
        ),
        (
            "Specially Designated Nationals (SDN) - Treasury Department",
            ("SDNTK",),
            "us-csl",
            (ListKind.OFAC_SDN,),
        ),
    ],
)
def test_list_kind_follows_the_list_not_the_program(
    list_name: str, programs: tuple[str, ...], source: str, expected: tuple[ListKind, ...]
) -> None:
    designation = Designation(Authority.OFAC, list_name, programs=programs)
    assert list_kinds(designation, source) == expected


def test_list_kinds_of_other_authorities() -> None:
    bis = Designation(Authority.BIS, "Entity List (EL) - Bureau of Industry and Security")
    assert list_kinds(bis) == (ListKind.BIS_ENTITY_LIST,)
    dpl = Designation(Authority.BIS, "Denied Persons List")
    assert list_kinds(dpl) == (ListKind.BIS_DPL,)
    state_sdgt = Designation(Authority.STATE, "SDN List", programs=("SDGT",))
    assert list_kinds(state_sdgt) == (ListKind.OFAC_SDN,)
    fto = Designation(Authority.STATE, "Foreign Terrorist Organizations", programs=("FTO",))
    assert list_kinds(fto) == (ListKind.STATE_FTO,)
    assert list_kinds(Designation(Authority.UK, "UK Sanctions List")) == (ListKind.UK,)
    assert list_kinds(Designation(Authority.OTHER, "Somebody's list")) == (ListKind.OTHER,)


def test_tag_table_holds_only_tags_found_in_the_real_files(ofac_tags: set[str]) -> None:
    table = {p.tag.upper() for p in ofac_programs()}
    files = {re.sub(r"\s+", " ", t.upper()) for t in ofac_tags}
    assert table - files == set()
