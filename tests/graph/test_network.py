"""Building the network: relations to edges, names resolved to ids or reported unresolved."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from watchlist.graph import UnresolvedReason, build_network, name_key
from watchlist.model import Entity, Name, NameKind, Relation, RelationKind, Schema
from watchlist.sources import get_source
from watchlist.sources.builtin import load_builtin


def _party(
    source_id: str,
    *names: str,
    source: str = "ofac-sdn",
    links: tuple[str, ...] = (),
    aliases: tuple[str, ...] = (),
) -> Entity:
    return Entity(
        id=f"{source}-{source_id}",
        schema=Schema.ORGANIZATION,
        source=source,
        source_id=source_id,
        names=(
            *(Name(n) for n in names),
            *(Name(a, NameKind.ALIAS) for a in aliases),
        ),
        relations=tuple(
            Relation(RelationKind.LINKED_TO, target_name=t, role="Linked To") for t in links
        ),
    )


def test_name_key_drops_case_accents_and_punctuation() -> None:
    assert name_key("MADURO MOROS, Nicolás.") == "maduro moros nicolas"
    assert name_key("Cártel de Sinaloa") == name_key("CARTEL DE SINALOA")


def test_builtin_relations_become_edges_by_id() -> None:
    network = build_network(load_builtin().entities)
    assert len(network) == 6
    assert network.resolution_counts == {"by_id": 3, "by_name": 0}
    assert [(e.source_id, e.kind.value, e.target_id) for e in network.edges] == [
        ("builtin-cartel-de-los-soles", "support", "builtin-tren-de-aragua"),
        ("builtin-cartel-de-los-soles", "support", "builtin-sinaloa-cartel"),
        ("builtin-nicolas-maduro-moros", "leadership", "builtin-cartel-de-los-soles"),
    ]
    assert network.incoming("builtin-tren-de-aragua")[0].stated_on is not None


def test_linked_to_name_resolves_to_the_one_entity_with_that_name() -> None:
    network = build_network(
        [_party("1", "EX-CLE SOLUCIONES", links=("MADURO MOROS, Nicolas",)),
         _party("2", "MADURO MOROS, Nicolas")]
    )  # fmt: skip
    [edge] = network.edges
    assert (edge.source_id, edge.target_id, edge.resolved_by) == (
        "ofac-sdn-1",
        "ofac-sdn-2",
        "name",
    )


def test_closing_full_stop_swallowed_by_the_remarks_still_resolves() -> None:
    network = build_network([_party("1", "A", links=("R D I S.A",)), _party("2", "R D I S.A.")])
    assert [e.target_id for e in network.edges] == ["ofac-sdn-2"]


def test_written_form_tells_apart_names_that_differ_only_in_punctuation() -> None:
    # OFAC 2021: 26466 `SMILE PROPERTY & TRAVEL LTD` and 26603 `SMILE PROPERTY & TRAVEL LTD.`
    entities = [
        _party("26402", "FERRARI, Sergio David", links=("SMILE PROPERTY & TRAVEL LTD",)),
        _party("26466", "SMILE PROPERTY & TRAVEL LTD"),
        _party("26603", "SMILE PROPERTY & TRAVEL LTD."),
    ]
    assert [e.target_id for e in build_network(entities).edges] == ["ofac-sdn-26466"]


def test_two_entities_with_the_name_leave_the_link_unresolved_with_candidates() -> None:
    network = build_network(
        [
            _party("25436", "BASOV, Aleksandr", links=("MINISTRY OF STATE SECURITY",)),
            _party("20129", "MINISTRY OF STATE SECURITY"),
            _party("25437", "MINISTRY OF STATE SECURITY"),
        ]
    )
    assert network.edges == ()
    [link] = network.unresolved
    assert link.reason is UnresolvedReason.AMBIGUOUS
    assert link.candidates == ("ofac-sdn-20129", "ofac-sdn-25437")
    assert "several entities have this name" in str(link)


def test_unknown_name_and_unknown_id_are_reported() -> None:
    dangling = Relation(RelationKind.OWNERSHIP, "X", target_id="ftm-missing", share=60)
    entities = [
        _party("1", "A", links=("ROSTEC",)),
        dataclasses.replace(_party("2", "B"), relations=(dangling,)),
    ]
    network = build_network(entities)
    assert sorted(link.reason for link in network.unresolved) == sorted(
        [UnresolvedReason.NO_MATCH, UnresolvedReason.UNKNOWN_ID]
    )
    assert network.resolution_counts == {"by_id": 0, "by_name": 0, "no_match": 1, "unknown_id": 1}


def test_primary_name_beats_alias_and_own_list_beats_others() -> None:
    entities = [
        _party("1", "A", links=("HIZBALLAH",)),
        _party("2", "HIZBALLAH"),
        _party("3", "PARTY OF GOD", aliases=("HIZBALLAH",)),
        _party("9", "HIZBALLAH", source="builtin"),
    ]
    assert [e.target_id for e in build_network(entities).edges] == ["ofac-sdn-2"]
    # from another list, with no match in its own, the name is found across lists
    other = [_party("1", "A", source="un-sc", links=("PARTY OF GOD",)), *entities[1:3]]
    assert [e.target_id for e in build_network(other).edges] == ["ofac-sdn-3"]


def test_a_link_to_its_own_name_is_not_an_edge() -> None:
    network = build_network([_party("1", "SELF CO", links=("SELF CO",))])
    assert network.edges == ()
    assert network.unresolved[0].reason is UnresolvedReason.SELF


def _names_only(entities: tuple[Entity, ...]) -> list[Entity]:
    """Drop the ids the OFAC parser resolved, so that our resolver does the work."""
    return [
        e.evolve(relations=tuple(dataclasses.replace(r, target_id=None) for r in e.relations))
        for e in entities
    ]


@pytest.fixture(scope="module")
def ofac_2021(shared_data: Path) -> tuple[Entity, ...]:
    return get_source("ofac-sdn").parse(shared_data / "ofac-sdn-2021").entities


@pytest.fixture(scope="module")
def ofac_2024(shared_data: Path) -> tuple[Entity, ...]:
    return get_source("ofac-sdn").parse(shared_data / "ofac-sdn-2024-05").entities


@pytest.fixture(scope="module")
def ofac_cons(shared_data: Path) -> tuple[Entity, ...]:
    return get_source("ofac-cons").parse(shared_data / "ofac-consolidated-2025-12").entities


def _unresolved(network) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    return sorted((u.carrier_id, u.relation.target_name, u.reason.name) for u in network.unresolved)


def test_real_2021_linked_to_names_resolve(ofac_2021: tuple[Entity, ...]) -> None:
    network = build_network(_names_only(ofac_2021))
    assert network.resolution_counts == {"by_name": 3399, "by_id": 0, "no_match": 7, "ambiguous": 2}
    assert _unresolved(network) == [
        ("ofac-sdn-18299", "OPEN JOINT-STOCK COMPANY ROSNEFT OIL COMPANY", "NO_MATCH"),
        ("ofac-sdn-18782", "ROSTEC", "NO_MATCH"),
        ("ofac-sdn-20130", "MINISTRY OF STATE SECURITY", "AMBIGUOUS"),
        ("ofac-sdn-25436", "MINISTRY OF STATE SECURITY", "AMBIGUOUS"),
        ("ofac-sdn-27018", "PRESIDENCY OF DEFENSE INDUSTRIES", "NO_MATCH"),
        ("ofac-sdn-28603", "OPEN JOINT-STOCK COMPANY ROSNEFT OIL COMPANY", "NO_MATCH"),
        ("ofac-sdn-30685", "PRESIDENCY OF DEFENSE INDUSTRIES", "NO_MATCH"),
        ("ofac-sdn-30686", "PRESIDENCY OF DEFENSE INDUSTRIES", "NO_MATCH"),
        ("ofac-sdn-30687", "PRESIDENCY OF DEFENSE INDUSTRIES", "NO_MATCH"),
    ]
    # every name our resolver resolves points where the OFAC parser's own resolution points
    parser_ids = {(e.id, r.target_name): r.target_id for e in ofac_2021 for r in e.relations}
    assert all(parser_ids[(e.source_id, e.target_name)] == e.target_id for e in network.edges)


def test_real_2024_linked_to_names_resolve(ofac_2024: tuple[Entity, ...]) -> None:
    network = build_network(_names_only(ofac_2024))
    assert network.resolution_counts == {"by_name": 6365, "by_id": 0, "no_match": 8, "ambiguous": 2}
    parser_ids = {(e.id, r.target_name): r.target_id for e in ofac_2024 for r in e.relations}
    assert all(parser_ids[(e.source_id, e.target_name)] == e.target_id for e in network.edges)
    assert {name for _, name, reason in _unresolved(network) if reason == "NO_MATCH"} == {
        "OPEN JOINT-STOCK COMPANY ROSNEFT OIL COMPANY",
        "PUBLIC JOINT STOCK COMPANY GAZPROM",
        "GAZPROMBANK JOINT STOCK COMPANY",
        "PRESIDENCY OF DEFENSE INDUSTRIES",
    }


def test_non_sdn_parties_named_by_sdn_entries_resolve_across_lists(
    ofac_2024: tuple[Entity, ...], ofac_cons: tuple[Entity, ...]
) -> None:
    # Rosneft, Gazprom, Gazprombank and the Turkish Presidency of Defense Industries are on the
    # Non-SDN list (SSI, CAATSA), which SDN entries name in their `Linked To:`.
    network = build_network([*_names_only(ofac_2024), *ofac_cons])
    assert [reason for _, _, reason in _unresolved(network)] == ["AMBIGUOUS", "AMBIGUOUS"]
    rosneft = next(e for e in network.edges if e.source_id == "ofac-sdn-18299")
    assert network.entity(rosneft.target_id).source == "ofac-cons"
