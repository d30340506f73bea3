"""What a hit obliges: an FTO, a Kingpin Act and a UN hit each call for different things."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from watchlist.law import Action, consequence_table, consequences_for, is_blocking
from watchlist.model import Authority, Designation, Entity, Name, Schema
from watchlist.sources import get_source
from watchlist.sources.builtin import load_builtin


@pytest.fixture(scope="module")
def builtin() -> dict[str, Entity]:
    return {entity.id: entity for entity in load_builtin().entities}


def _entity(
    *designations: Designation, source: str = "ofac-sdn", remarks: tuple[str, ...] = ()
) -> Entity:
    return Entity(
        id=f"{source}-1",
        schema=Schema.ORGANIZATION,
        source=source,
        source_id="1",
        names=(Name("TEST PARTY"),),
        designations=designations,
        remarks=remarks,
    )


def _codes(entity: Entity, as_of: date | None = None) -> list[str]:
    return [c.code for c in consequences_for(entity, as_of)]


def test_fto_hit_carries_material_support_retention_and_inadmissibility(
    builtin: dict[str, Entity],
) -> None:
    # Hizballah in the built-in list: State's FTO designation only.
    assert _codes(builtin["builtin-hizballah"]) == [
        "FTO-MATERIAL-SUPPORT",
        "FTO-RETAIN-FUNDS",
        "FTO-REPORT",
        "FTO-INADMISSIBILITY",
    ]
    retain = next(
        c for c in consequences_for(builtin["builtin-hizballah"]) if c.code == "FTO-RETAIN-FUNDS"
    )
    assert "2339B(a)(2)" in retain.citation
    assert retain.action is Action.BLOCK


def test_kingpin_hit_blocks_and_reports_but_has_no_fto_consequences() -> None:
    # LA FAMILIA MICHOACANA as OFAC's 2026 SDN file tags it.
    entity = _entity(
        Designation(Authority.OFAC, "SDN List", programs=("SDNTK", "ILLICIT-DRUGS-EO14059"))
    )
    assert _codes(entity) == [
        "OFAC-SDN-BLOCK",
        "OFAC-SDN-REPORT",
        "OFAC-SDN-REJECT",
        "KINGPIN-BLOCK",
        "KINGPIN-PENALTIES",
    ]
    report = next(c for c in consequences_for(entity) if c.code == "OFAC-SDN-REPORT")
    assert report.deadline == "10 business days from the date the property was blocked"
    assert report.citation == "31 CFR 501.603(b)"


def test_un_hit_freezes_bans_travel_and_embargoes_arms_through_member_states() -> None:
    entity = _entity(
        Designation(Authority.UN_SC, "UN Security Council Consolidated List", reference="QDi.317"),
        source="un-sc",
    )
    consequences = consequences_for(entity)
    assert [c.code for c in consequences] == [
        "UN-QD-ASSET-FREEZE",
        "UN-QD-TRAVEL-BAN",
        "UN-QD-ARMS-EMBARGO",
    ]
    assert [c.action for c in consequences] == [Action.BLOCK, Action.REVIEW, Action.RESTRICT]
    assert "Member states" in consequences[0].description
    assert (
        consequences[0].citation == "UNSCR 1267, UNSCR 1989, UNSCR 2253 (UN Charter, Chapter VII)"
    )


def test_un_regime_measures_differ_guinea_bissau_is_travel_ban_only() -> None:
    entity = _entity(Designation(Authority.UN_SC, "UN list", programs=("GB",)), source="un-sc")
    assert _codes(entity) == ["UN-GB-TRAVEL-BAN"]


def test_fto_sdntk_and_un_hits_share_no_consequence(builtin: dict[str, Entity]) -> None:
    fto = set(_codes(builtin["builtin-hizballah"]))
    kingpin = set(_codes(_entity(Designation(Authority.OFAC, "SDN List", programs=("SDNTK",)))))
    un = set(
        _codes(_entity(Designation(Authority.UN_SC, "UN", reference="TAi.001"), source="un-sc"))
    )
    assert fto & kingpin == set() and fto & un == set() and kingpin & un == set()


def test_sdgt_secondary_sanctions_only_where_the_remarks_state_it() -> None:
    sdgt = Designation(Authority.OFAC, "SDN List", programs=("SDGT",))
    assert "SDGT-SECONDARY-SANCTIONS" not in _codes(_entity(sdgt))
    remark = (
        "Secondary sanctions risk: section 1(b) of Executive Order 13224, as amended by "
        "Executive Order 13886"
    )
    assert "SDGT-SECONDARY-SANCTIONS" in _codes(_entity(sdgt, remarks=(remark,)))
    # the OFAC parser keeps sanctions remarks in the designation's note
    noted = Designation(Authority.OFAC, "SDN List", programs=("SDGT",), note=remark)
    codes = _codes(_entity(noted))
    assert "SDGT-SECONDARY-SANCTIONS" in codes and "OFAC-SECONDARY-SANCTIONS" not in codes


def test_other_secondary_sanctions_remarks_get_the_general_consequence() -> None:
    remark = (
        "Secondary sanctions risk: Ukraine-/Russia-Related Sanctions Regulations, 31 CFR 589.201 "
        "and/or 589.209"
    )
    entity = _entity(
        Designation(Authority.OFAC, "SDN List", programs=("SSIDES",)), remarks=(remark,)
    )
    assert _codes(entity)[-1] == "OFAC-SECONDARY-SANCTIONS"


@pytest.mark.parametrize(
    ("programs", "expected"),
    [
        (("UKRAINE-EO13662",), ["OFAC-SSI-DIRECTIVE"]),
        (("CMIC-EO13959",), ["OFAC-CMIC"]),
        (("NS-PLC",), ["OFAC-PLC"]),
        (("561-Related",), ["OFAC-CAPTA"]),
        (("FSE-IR",), ["OFAC-FSE"]),
        (("RUSSIA-EO14024",), ["OFAC-NS-MBS"]),
    ],
)
def test_non_sdn_lists_restrict_and_never_block(
    programs: tuple[str, ...], expected: list[str]
) -> None:
    designation = Designation(Authority.OFAC, "Non-SDN Consolidated List", programs=programs)
    entity = _entity(designation, source="ofac-cons")
    consequences = consequences_for(entity)
    assert [c.code for c in consequences] == expected
    assert all(c.action is not Action.BLOCK for c in consequences)
    assert not is_blocking(designation, "ofac-cons")


def test_real_consolidated_list_blocks_only_its_two_sdgt_plc_members(shared_data: Path) -> None:
    parsed = get_source("ofac-cons").parse(shared_data / "ofac-consolidated-2025-12")
    blocking = sorted(
        entity.caption
        for entity in parsed.entities
        if any(c.action is Action.BLOCK for c in consequences_for(entity))
    )
    # both are also SDGTs (on the SDN List), which the SDGT tag on their PLC entry states
    assert blocking == ["HAMMAD, Fathi Ahmad Mohammad", "ZAHHAR, Mahmoud Khaled"]


def test_only_designations_in_force_on_the_day_count(builtin: dict[str, Entity]) -> None:
    soles = builtin["builtin-cartel-de-los-soles"]
    before_fto = _codes(soles, date(2025, 11, 23))
    after_fto = _codes(soles, date(2025, 11, 24))
    assert "FTO-MATERIAL-SUPPORT" not in before_fto
    assert "SDGT-BLOCK" in before_fto and "OFAC-SDN-BLOCK" in before_fto
    assert set(after_fto) - set(before_fto) == {
        "FTO-MATERIAL-SUPPORT",
        "FTO-RETAIN-FUNDS",
        "FTO-REPORT",
        "FTO-INADMISSIBILITY",
    }
    assert _codes(soles, date(2025, 7, 24)) == []


def test_uk_and_bis_hits_name_their_own_duties() -> None:
    uk = _entity(
        Designation(Authority.UK, "UK Sanctions List", programs=("Russia",)), source="uk-fcdo"
    )
    assert _codes(uk) == ["UK-ASSET-FREEZE", "UK-REPORT-OFSI", "UK-STATED-MEASURES"]
    entity_list = _entity(Designation(Authority.BIS, "Entity List"), source="us-csl")
    [consequence] = consequences_for(entity_list)
    assert consequence.code == "BIS-ENTITY-LIST" and consequence.action is Action.RESTRICT
    dpl = _entity(Designation(Authority.BIS, "Denied Persons List"), source="us-dpl")
    assert _codes(dpl) == ["BIS-DPL-DENIAL"]


def test_uk_designation_without_an_asset_freeze_is_not_frozen(shared_data: Path) -> None:
    parsed = get_source("uk-fcdo").parse(
        shared_data / "uk-fcdo-2025-08/FCDO_SL_Mon_Aug_11_2025.ods"
    )
    codes = {entity.id: _codes(entity) for entity in parsed.entities}
    not_frozen = sorted(k for k, v in codes.items() if "UK-ASSET-FREEZE" not in v)
    assert len(not_frozen) == 456  # ships under shipping sanctions, travel bans only, ...
    # The Houthis: the UK list imposes an arms embargo, not an asset freeze
    assert codes["uk-fcdo-yem0010"] == ["UK-REPORT-OFSI", "UK-STATED-MEASURES"]
    assert sum("UK-ASSET-FREEZE" in v for v in codes.values()) == 4846


def test_a_list_without_a_table_still_asks_for_review() -> None:
    internal = _entity(Designation(Authority.INTERNAL, "Bank watchlist"), source="custom")
    assert _codes(internal) == ["LISTED-REVIEW"]
    unknown_un = _entity(Designation(Authority.UN_SC, "UN", programs=("XX",)), source="un-sc")
    assert _codes(unknown_un) == ["LISTED-REVIEW"]


def test_table_entries_are_complete_and_codes_unique() -> None:
    table = consequence_table()
    codes = [c.code for c in table]
    assert len(codes) == len(set(codes))
    for consequence in table:
        assert consequence.title and consequence.description and consequence.citation
        assert consequence.applies_to.text
    un_codes = [c for c in codes if c.startswith("UN-")]
    assert len(un_codes) == 38  # 15 regimes: 10 with three measures, 3 with two, 2 with one
