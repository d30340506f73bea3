"""The UN Security Council Consolidated List parser, on the real 2025-04 and 2026-02 files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from watchlist.errors import SourceFormatError
from watchlist.model import Entity, FuzzyDate, IdentifierKind, NameKind, RelationKind, Schema
from watchlist.sources import get_source
from watchlist.sources.base import ParsedList
from watchlist.sources.un import UN_SC, URL, parse_un


@pytest.fixture(scope="session")
def un_2026(shared_data: Path) -> ParsedList:
    return parse_un(shared_data / "un-sc" / "consolidated.xml")


@pytest.fixture(scope="session")
def un_2025(shared_data: Path) -> ParsedList:
    return parse_un(shared_data / "un-sc-2025-04")  # a folder holding consolidated.xml


def _by_ref(parsed: ParsedList) -> dict[str, Entity]:
    return {entity.source_id: entity for entity in parsed.entities}


def test_counts_individuals_and_entities_of_2026_list(un_2026: ParsedList) -> None:
    assert un_2026.counts == {"total": 1003, "Organization": 273, "Person": 730}
    assert un_2026.published_on == date(2026, 2, 27)
    assert un_2026.rejected == ()


def test_reads_2025_file_with_single_quoted_declaration(
    shared_data: Path, un_2025: ParsedList
) -> None:
    head = (shared_data / "un-sc-2025-04" / "consolidated.xml").read_bytes()[:40]
    assert head.startswith(b"<?xml version='1.0'")
    assert un_2025.counts == {"total": 877, "Organization": 193, "Person": 684}
    assert un_2025.published_on == date(2025, 4, 19)


def test_diff_between_vintages_adds_130_and_removes_4(
    un_2025: ParsedList, un_2026: ParsedList
) -> None:
    before = {entity.source_id for entity in un_2025.entities}
    after = {entity.source_id for entity in un_2026.entities}
    assert len(after - before) == 130
    assert before - after == {"IQi.074", "QDi.317", "QDi.328", "QDi.336"}
    added_prefixes = {ref.split(".")[0] for ref in after - before}
    assert added_prefixes == {"IRi", "IRe", "SDi", "HTi", "HTe", "QDi"}


def test_reference_numbers_are_stripped_and_become_entity_ids(un_2026: ParsedList) -> None:
    # The file writes twelve DPRK entity references with a trailing space: `KPe.023 `.
    entity = _by_ref(un_2026)["KPe.023"]
    assert entity.id == "un-sc-kpe-023"
    assert entity.designations[0].reference == "KPe.023"


def test_individual_with_arabic_name_good_and_low_aliases_and_passports(
    un_2026: ParsedList,
) -> None:
    haqqani = _by_ref(un_2026)["TAi.034"]
    assert haqqani.schema is Schema.PERSON
    primary = haqqani.names[0]
    assert (primary.full, primary.kind) == ("ABDUL JALIL HAQQANI WALI MOHAMMAD", NameKind.PRIMARY)
    assert (primary.first, primary.middle, primary.last) == (
        "ABDUL JALIL",
        "HAQQANI",
        "WALI MOHAMMAD",
    )
    kinds = {name.full: (name.kind, name.script) for name in haqqani.names}
    assert kinds["عبد الجليل حقانی ولی محمد"] == (NameKind.ORIGINAL_SCRIPT, "Arab")
    assert kinds["Abdul Jalil Akhund"] == (NameKind.ALIAS, None)  # QUALITY Good
    assert kinds["Nazar Jan"] == (NameKind.WEAK_ALIAS, None)  # QUALITY Low
    # `Haji Gulab Gul (حاجی گلاب گل ولد حاجی حضرت گل )` is one alias in two scripts.
    assert kinds["Haji Gulab Gul"] == (NameKind.ALIAS, None)
    assert kinds["حاجی گلاب گل ولد حاجی حضرت گل"] == (NameKind.ALIAS, "Arab")
    assert haqqani.birth_dates == (FuzzyDate(1963, circa=True),)  # TYPE_OF_DATE APPROXIMATELY
    assert "Logar, Afghanistan" in haqqani.birth_places  # the alias's place of birth
    assert haqqani.titles == ("Maulavi", "Mullah")
    assert haqqani.positions == ("Deputy Minister of Foreign Affairs under the Taliban regime",)
    passport = next(i for i in haqqani.identifiers if i.value == "OR1961825")
    assert passport.kind is IdentifierKind.PASSPORT
    assert passport.country == "af"
    assert passport.issued == FuzzyDate(2003, 2, 4)
    assert passport.expires is not None and passport.expires.iso == "2006-02-02"
    designation = haqqani.designations[0]
    assert designation.listed_on == date(2001, 1, 25)
    assert designation.programs == ("Taliban", "TAi")
    assert designation.list_name == "UN Security Council Consolidated List"
    assert ("last_updated", "2014-05-16") in haqqani.extra


def test_placeholder_name_part_na_is_not_a_name(un_2026: ParsedList) -> None:
    # TAi.153's FOURTH_NAME is `na`, the list's filler for an empty part.
    noorzai = _by_ref(un_2026)["TAi.153"]
    primary = noorzai.names[0]
    assert primary.full == "FAIZULLAH KHAN NOORZAI"
    assert (primary.first, primary.last) == ("FAIZULLAH", "NOORZAI")
    assert noorzai.caption == "FAIZULLAH KHAN NOORZAI"


def test_between_dob_with_approximately_note_is_a_circa_year_range(
    un_2026: ParsedList,
) -> None:
    akhund = _by_ref(un_2026)["TAi.002"]
    assert akhund.birth_dates == (
        FuzzyDate(1955, circa=True, to_year=1958),
        FuzzyDate(1945, circa=True, to_year=1950),
    )
    assert akhund.birth_dates[0].year_bounds() == (1954, 1959)


def test_month_in_dob_note_refines_the_year(un_2026: ParsedList) -> None:
    months = [
        dob for entity in un_2026.entities for dob in entity.birth_dates if dob.text == "Sep. 1958"
    ]
    assert months == [FuzzyDate(1958, 9, text="Sep. 1958")]


def test_unreadable_dob_is_kept_as_remark_and_warned(un_2026: ParsedList) -> None:
    entity = _by_ref(un_2026)["QDi.291"]
    assert "Date of birth: 24/06/1402 (Hijri Calendar)" in entity.remarks
    assert any("QDi.291" in w and "Hijri" in w for w in un_2026.warnings)


def test_entity_with_aka_and_fka_aliases(un_2026: ParsedList) -> None:
    tanchon = _by_ref(un_2026)["KPe.003"]
    assert tanchon.schema is Schema.ORGANIZATION
    assert [(n.full, n.kind) for n in tanchon.names] == [
        ("TANCHON COMMERCIAL BANK", NameKind.PRIMARY),
        ("CHANGGWANG CREDIT BANK", NameKind.PREVIOUS),
        ("KOREA CHANGGWANG CREDIT BANK", NameKind.PREVIOUS),
    ]
    al_qaida = _by_ref(un_2026)["QDe.004"]
    names = {n.full: n for n in al_qaida.names}
    assert names["القاعدة"].kind is NameKind.ORIGINAL_SCRIPT
    assert names["The Base"].kind is NameKind.ALIAS  # the file quotes it: `"The Base"`
    assert names["Al Qa’ida/Islamic Army"].note == "formerly listed as"


def test_comments_naming_listed_parties_become_resolved_relations(un_2026: ParsedList) -> None:
    zawahiri = _by_ref(un_2026)["QDi.006"]
    targets = {(r.kind, r.target_id, r.target_name) for r in zawahiri.relations}
    assert targets == {
        (RelationKind.ASSOCIATE, "un-sc-qde-004", "AL-QAIDA"),
        (RelationKind.ASSOCIATE, "un-sc-qde-003", "EGYPTIAN ISLAMIC JIHAD"),
    }
    assert un_2026.meta["relations"] == "514"
    assert un_2026.meta["relations_resolved"] == "507"
    # QDi.317 was delisted before 2026: the mention stays, unresolved.
    nusrah = _by_ref(un_2026)["QDe.137"]
    unresolved = [r for r in nusrah.relations if r.target_id is None]
    assert [r.target_name for r in unresolved] == ["QDi.317"]


def test_imo_number_in_entity_comments_becomes_identifier(un_2026: ParsedList) -> None:
    chonmyong = _by_ref(un_2026)["KPe.056"]
    assert chonmyong.caption == "CHONMYONG SHIPPING CO"  # leading space in the file
    assert [(i.kind, i.value) for i in chonmyong.identifiers] == [(IdentifierKind.IMO, "5571322")]
    assert {a.country for a in chonmyong.addresses} == {"kp"}


def test_spec_is_registered_with_official_url() -> None:
    assert get_source("un-sc") is UN_SC
    assert UN_SC.urls == (URL,) == ("https://scsanctions.un.org/resources/xml/en/consolidated.xml",)
    assert UN_SC.filenames == ("consolidated.xml",)


def test_truncated_file_is_refused_with_file_and_line(shared_data: Path, tmp_path: Path) -> None:
    data = (shared_data / "un-sc" / "consolidated.xml").read_bytes()
    truncated = tmp_path / "consolidated.xml"
    truncated.write_bytes(data[: len(data) // 2])
    with pytest.raises(SourceFormatError) as raised:
        parse_un(truncated)
    assert raised.value.path == str(truncated)
    assert raised.value.line is not None and raised.value.line > 20_000
    assert "truncated" in str(raised.value)


def test_other_xml_is_refused_naming_the_root(tmp_path: Path) -> None:
    other = tmp_path / "sdn.xml"
    other.write_text("<?xml version='1.0'?><sdnList><sdnEntry/></sdnList>", encoding="utf-8")
    with pytest.raises(SourceFormatError, match="<sdnList>"):
        parse_un(other)


def test_list_without_records_is_refused(tmp_path: Path) -> None:
    empty = tmp_path / "consolidated.xml"
    empty.write_text(
        '<CONSOLIDATED_LIST dateGenerated="2026-01-01T00:00:00Z"><INDIVIDUALS/><ENTITIES/>'
        "</CONSOLIDATED_LIST>",
        encoding="utf-8",
    )
    with pytest.raises(SourceFormatError, match="no INDIVIDUAL or ENTITY"):
        parse_un(empty)


def test_records_without_reference_or_name_are_rejected_not_dropped(tmp_path: Path) -> None:
    small = tmp_path / "consolidated.xml"
    small.write_text(
        """<CONSOLIDATED_LIST dateGenerated="2026-01-01T00:00:00Z">
  <INDIVIDUALS>
    <INDIVIDUAL><FIRST_NAME>NO</FIRST_NAME><SECOND_NAME>REFERENCE</SECOND_NAME></INDIVIDUAL>
    <INDIVIDUAL><REFERENCE_NUMBER>QDi.900</REFERENCE_NUMBER>
      <FIRST_NAME>JOHN</FIRST_NAME><SECOND_NAME>DOE</SECOND_NAME>
      <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>BETWEEN</TYPE_OF_DATE>
        <FROM_YEAR>1970</FROM_YEAR><TO_YEAR>1972</TO_YEAR></INDIVIDUAL_DATE_OF_BIRTH>
    </INDIVIDUAL>
    <INDIVIDUAL><REFERENCE_NUMBER>QDi.900</REFERENCE_NUMBER><FIRST_NAME>TWICE</FIRST_NAME>
    </INDIVIDUAL>
  </INDIVIDUALS>
  <ENTITIES><ENTITY><REFERENCE_NUMBER>QDe.900</REFERENCE_NUMBER></ENTITY></ENTITIES>
</CONSOLIDATED_LIST>""",
        encoding="utf-8",
    )
    parsed = parse_un(small)
    assert [e.source_id for e in parsed.entities] == ["QDi.900"]
    assert parsed.entities[0].birth_dates == (FuzzyDate(1970, to_year=1972),)
    assert [(r.line, r.reason) for r in parsed.rejected] == [
        (3, "INDIVIDUAL without REFERENCE_NUMBER"),
        (9, "duplicate REFERENCE_NUMBER QDi.900"),
        (12, "QDe.900: ENTITY has no name"),
    ]
