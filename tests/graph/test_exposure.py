"""Exposure paths from a party to designated parties, each step with kind, direction, source."""

from __future__ import annotations

from datetime import date

import pytest

from watchlist.errors import NotFoundError
from watchlist.graph import Direction, Network, build_network, exposure_paths
from watchlist.model import (
    Authority,
    Designation,
    Entity,
    Name,
    Relation,
    RelationKind,
    Schema,
)
from watchlist.sources.builtin import load_builtin

TREASURY = "https://home.treasury.gov/news/press-releases"


@pytest.fixture(scope="module")
def network() -> Network:
    return build_network(load_builtin().entities)


def test_tren_de_aragua_reaches_cartel_de_los_soles_in_one_step(network: Network) -> None:
    paths = exposure_paths(network, "builtin-tren-de-aragua")
    to_soles = [p for p in paths if p.target_id == "builtin-cartel-de-los-soles"]
    assert len(to_soles) == 1
    [step] = to_soles[0].steps
    assert (step.from_id, step.to_id) == ("builtin-tren-de-aragua", "builtin-cartel-de-los-soles")
    assert step.kind is RelationKind.SUPPORT
    assert step.direction is Direction.BACKWARD  # the cartel supports Tren de Aragua
    assert step.source == TREASURY
    assert step.edge.stated_on == date(2025, 7, 25)
    assert to_soles[0].target_programs == ("SDGT", "FTO")
    assert to_soles[0].describe() == "Tren de Aragua ←support— Cartel de los Soles"


def test_paths_from_tren_de_aragua_within_three_steps(network: Network) -> None:
    paths = exposure_paths(network, "builtin-tren-de-aragua", depth=3)
    assert [p.describe() for p in paths] == [
        "Tren de Aragua ←support— Cartel de los Soles",
        "Tren de Aragua ←support— Cartel de los Soles ←leadership— Nicolás Maduro Moros",
        "Tren de Aragua ←support— Cartel de los Soles —support→ Sinaloa Cartel",
    ]
    maduro = paths[1]
    assert [s.direction for s in maduro.steps] == [Direction.BACKWARD, Direction.BACKWARD]
    assert maduro.node_ids == (
        "builtin-tren-de-aragua",
        "builtin-cartel-de-los-soles",
        "builtin-nicolas-maduro-moros",
    )


def test_depth_limits_the_paths(network: Network) -> None:
    assert len(exposure_paths(network, "builtin-tren-de-aragua", depth=1)) == 1
    assert exposure_paths(network, "builtin-hizballah") == []


def test_as_of_counts_only_parties_listed_that_day(network: Network) -> None:
    # Before 25 July 2025 Cartel de los Soles was not designated: it is a step, not a target.
    paths = exposure_paths(network, "builtin-tren-de-aragua", as_of=date(2025, 7, 24))
    assert [p.target_id for p in paths] == [
        "builtin-nicolas-maduro-moros",
        "builtin-sinaloa-cartel",
    ]
    assert paths[1].target_programs == ("SDNTK", "FTO", "SDGT")
    # the Sinaloa Cartel's FTO and SDGT designations came on 20 Feb 2025
    day_before = exposure_paths(network, "builtin-tren-de-aragua", as_of=date(2025, 2, 19))
    assert day_before[1].target_programs == ("SDNTK",)
    assert exposure_paths(network, "builtin-tren-de-aragua", as_of=date(2009, 1, 1)) == []


def test_from_maduro_the_leadership_step_runs_forward(network: Network) -> None:
    paths = exposure_paths(network, "builtin-nicolas-maduro-moros", depth=2)
    assert paths[0].steps[0].direction is Direction.FORWARD
    assert paths[0].steps[0].describe() == "Nicolás Maduro Moros —leadership→ Cartel de los Soles"
    assert {p.target_id for p in paths} == {
        "builtin-cartel-de-los-soles",
        "builtin-tren-de-aragua",
        "builtin-sinaloa-cartel",
    }


def test_unknown_entity_is_refused(network: Network) -> None:
    with pytest.raises(NotFoundError, match="builtin-nobody"):
        exposure_paths(network, "builtin-nobody")


def _node(key: str, *relations: Relation, listed: bool = False) -> Entity:
    return Entity(
        id=key,
        schema=Schema.COMPANY,
        source="test",
        source_id=key,
        names=(Name(key.upper()),),
        designations=(Designation(Authority.OFAC, "SDN List", programs=("SDGT",)),)
        if listed
        else (),
        relations=relations,
    )


def _link(target: str, kind: RelationKind = RelationKind.LINKED_TO) -> Relation:
    return Relation(kind, target_name=target.upper(), target_id=target, source="test-doc")


def test_cycles_end_and_each_party_appears_once_per_path() -> None:
    ring = build_network(
        [
            _node("a", _link("b")),
            _node("b", _link("c")),
            _node("c", _link("a"), listed=True),
        ]
    )
    paths = exposure_paths(ring, "a", depth=5)
    assert [p.node_ids for p in paths] == [("a", "c"), ("a", "b", "c")]


def test_parallel_edges_show_the_most_telling_relation() -> None:
    network = build_network(
        [
            _node("a", _link("b"), _link("b", RelationKind.OWNERSHIP)),
            _node("b", listed=True),
        ]
    )
    [path] = exposure_paths(network, "a")
    assert path.steps[0].kind is RelationKind.OWNERSHIP


def test_limit_caps_the_number_of_paths() -> None:
    hub = _node("hub", *(_link(f"s{i}") for i in range(30)))
    spokes = [_node(f"s{i}", listed=True) for i in range(30)]
    network = build_network([hub, *spokes])
    assert len(exposure_paths(network, "hub")) == 30
    assert len(exposure_paths(network, "hub", limit=5)) == 5
