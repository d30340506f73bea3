"""OFAC's 50% rule on ownership structures the tests build."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from watchlist.errors import InputError
from watchlist.graph import (
    OwnershipEdge,
    blocked_by_ownership,
    blocked_persons,
    build_network,
    ownership_findings,
)
from watchlist.model import (
    Authority,
    Designation,
    Entity,
    Name,
    Relation,
    RelationKind,
    Schema,
)
from watchlist.sources import get_source


def own(owner: str, asset: str, share: float | None) -> OwnershipEdge:
    return OwnershipEdge(owner, asset, share, source="registry")


def test_chain_blocks_down_the_line_without_multiplying_shares() -> None:
    # A 100% -> X 60% -> Y: X is blocked, and as a blocked person its 60% blocks Y.
    findings = blocked_by_ownership([own("A", "X", 100), own("X", "Y", 60)], {"A"})
    assert list(findings) == ["X", "Y"]
    assert (findings["X"].blocked, findings["X"].level) == (True, 1)
    assert (findings["Y"].blocked, findings["Y"].level) == (True, 2)
    assert findings["Y"].explanation == "blocked: X 60% (itself blocked by ownership) direct"
    assert findings["X"].explanation == "blocked: A 100% direct"


def test_holdings_of_blocked_persons_are_added_up() -> None:
    findings = blocked_by_ownership([own("A", "X", 30), own("B", "X", 25)], {"A", "B"})
    assert findings["X"].blocked
    assert findings["X"].blocked_share == 55
    assert findings["X"].explanation == "blocked by aggregation: A 30% + B 25% direct"


def test_diamond_aggregates_a_direct_and_a_derived_owner() -> None:
    # A owns 30% of X directly and all of M; M owns 25% of X. M is blocked, so 30 + 25.
    edges = [own("A", "X", 30), own("A", "M", 100), own("M", "X", 25)]
    findings = blocked_by_ownership(edges, {"A"})
    assert findings["M"].blocked and findings["X"].blocked
    assert findings["X"].explanation == (
        "blocked by aggregation: A 30% + M 25% (itself blocked by ownership) direct"
    )


def test_indirect_holdings_through_an_unblocked_company_do_not_count() -> None:
    # A owns 40% of X, X owns 100% of Y: X is not blocked, so neither is Y.
    assert blocked_by_ownership([own("A", "X", 40), own("X", "Y", 100)], {"A"}) == {}


def test_owners_that_are_not_blocked_never_count() -> None:
    findings = blocked_by_ownership([own("A", "X", 30), own("B", "X", 70)], {"A"})
    assert findings == {}


def test_cycles_terminate() -> None:
    edges = [own("X", "Y", 60), own("Y", "X", 60), own("A", "X", 50)]
    findings = blocked_by_ownership(edges, {"A"})
    assert {k: f.blocked for k, f in findings.items()} == {"X": True, "Y": True}
    assert blocked_by_ownership([own("X", "Y", 60), own("Y", "X", 60)], set()) == {}
    # a blocked company that owns its owner does not loop either
    assert set(blocked_by_ownership([own("A", "X", 100), own("X", "A", 100)], {"A"})) == {"X"}


def test_just_under_half_is_not_blocked_and_two_quarters_are() -> None:
    assert blocked_by_ownership([own("A", "X", 49.99)], {"A"}) == {}
    findings = blocked_by_ownership([own("A", "X", 25), own("B", "X", 25)], {"A", "B"})
    assert findings["X"].blocked and findings["X"].blocked_share == 50


def test_decimal_shares_add_up_exactly() -> None:
    # 33.33 + 16.67 as floats is 49.99999999999999; OFAC means 50.
    findings = blocked_by_ownership([own("A", "X", 33.33), own("B", "X", 16.67)], {"A", "B"})
    assert findings["X"].blocked


def test_holdings_over_100_percent_are_capped_and_flagged() -> None:
    findings = blocked_by_ownership([own("A", "X", 60), own("B", "X", 60)], {"A", "B"})
    finding = findings["X"]
    assert finding.blocked and finding.blocked_share == 100
    assert finding.needs_review
    assert finding.warnings == (
        "recorded holdings sum to 120% (over 100%: duplicate or stale ownership records?)",
    )


def test_over_allocation_by_unblocked_owners_is_flagged_on_blocked_companies_only() -> None:
    findings = blocked_by_ownership([own("A", "X", 20), own("B", "X", 90)], {"A"})
    assert not findings["X"].blocked and findings["X"].needs_review


def test_a_share_outside_0_to_100_is_refused() -> None:
    with pytest.raises(InputError, match=r"ownership of X by A: share 130 .* fix the source"):
        blocked_by_ownership([own("A", "X", 130)], {"A"})
    with pytest.raises(InputError, match="share -5"):
        blocked_by_ownership([own("A", "X", -5)], set())


def test_unknown_share_is_not_counted_but_flagged_for_review() -> None:
    findings = blocked_by_ownership([own("A", "X", None), own("B", "X", 30)], {"A", "B"})
    finding = findings["X"]
    assert not finding.blocked
    assert finding.unknown_share_owners == ("A",)
    assert finding.needs_review
    assert finding.explanation == (
        "not blocked on known shares: B 30% direct (30% < 50%); "
        "review: blocked owner(s) with unknown share: A"
    )


def test_the_same_holding_stated_twice_counts_once() -> None:
    edges = [own("A", "X", 30), own("A", "X", 30), own("A", "X", 45)]
    findings = blocked_by_ownership(edges, {"A"})
    assert not findings["X"].blocked
    assert findings["X"].blocked_share == 45
    assert findings["X"].warnings == (
        "A is recorded with different shares (30%, 45%); the larger counts",
    )


def test_designated_companies_get_no_finding() -> None:
    assert blocked_by_ownership([own("A", "B", 100)], {"A", "B"}) == {}


def _company(key: str, *owned: tuple[str, float | None], sdn_from: date | None = None) -> Entity:
    designations = (
        (Designation(Authority.OFAC, "SDN List", programs=("SDGT",), listed_on=sdn_from),)
        if sdn_from
        else ()
    )
    return Entity(
        id=key,
        schema=Schema.COMPANY,
        source="test",
        source_id=key,
        names=(Name(f"{key.upper()} LTD"),),
        designations=designations,
        relations=tuple(
            Relation(RelationKind.OWNERSHIP, f"{t.upper()} LTD", share=s, source="registry")
            for t, s in owned
        ),
    )


def test_ownership_findings_from_entities_respect_as_of() -> None:
    entities = [
        _company("a", ("x", 51), sdn_from=date(2024, 3, 1)),
        _company("x", ("y", 50)),
        _company("y"),
    ]
    before = ownership_findings(entities, date(2024, 2, 29))
    assert before == {}
    after = ownership_findings(entities, date(2024, 3, 1))
    assert [(k, f.blocked, f.caption) for k, f in after.items()] == [
        ("x", True, "X LTD"),
        ("y", True, "Y LTD"),
    ]
    assert after["y"].explanation == "blocked: X LTD 50% (itself blocked by ownership) direct"


def test_non_sdn_owners_do_not_trigger_the_rule() -> None:
    ssi = Designation(Authority.OFAC, "Non-SDN Consolidated List", programs=("UKRAINE-EO13662",))
    owner = _company("a", ("x", 100)).evolve(designations=(ssi,), source="ofac-cons")
    assert blocked_persons([owner]) == set()
    fto = _company("h", ("x", 100)).evolve(
        designations=(Designation(Authority.STATE, "Foreign Terrorist Organizations", ("FTO",)),)
    )
    assert blocked_persons([owner, fto]) == {"h"}
    network = build_network([owner, fto, _company("x")])
    assert list(ownership_findings(network)) == ["x"]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 12),
            st.integers(0, 12),
            st.one_of(st.none(), st.integers(0, 100)),
        ),
        max_size=40,
    ),
    st.sets(st.integers(0, 12), max_size=4),
)
def test_result_is_a_fixed_point(raw: list[tuple[int, int, int | None]], seeds: set[int]) -> None:
    edges = [own(f"n{o}", f"n{a}", s) for o, a, s in raw if o != a]
    seed_ids = {f"n{i}" for i in seeds}
    findings = blocked_by_ownership(edges, seed_ids)
    derived = {k for k, f in findings.items() if f.blocked}
    blocked = seed_ids | derived
    # recompute each company's blocked share from the final set: blocked iff >= 50
    shares: dict[tuple[str, str], int] = {}
    for e in edges:
        if e.share is not None:
            pair = (e.owner_id, e.asset_id)
            shares[pair] = max(shares.get(pair, 0), int(e.share))
    totals: dict[str, int] = {}
    for (owner, asset), share in shares.items():
        if owner in blocked:
            totals[asset] = totals.get(asset, 0) + share
    for asset in {*totals, *derived} - seed_ids:
        assert (asset in derived) == (totals.get(asset, 0) >= 50), (asset, totals.get(asset))


def test_real_ftm_ownership_of_a_designated_drone_maker_counts_holdings_of_their_day(
    shared_data: Path,
) -> None:
    # OpenSanctions' ZALA fixture: Alexander Zakharov (OFAC-designated) and the companies he
    # holds, with shares and start/end dates from the Russian and Ukrainian registries. A
    # holding counts only while it lasts.
    parsed = get_source("ftm").parse(shared_data / "opensanctions-ftm/zala.entities.ftm.json")
    zakharov = "Alexander Vyacheslavovich ZAKHAROV"

    def findings_on(day: date) -> dict[str, tuple[bool, str]]:
        found = ownership_findings(parsed.entities, as_of=day)
        return {f.caption: (f.blocked, f.explanation) for f in found.values()}

    assert findings_on(date(2021, 1, 1)) == {
        'ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ "СПС"': (True, f"blocked: {zakharov} 75% direct"),
    }
    assert findings_on(date(2023, 1, 1)) == {
        'Товариство з обмеженою відповідальністю "РТЦ"': (
            True,
            f"blocked: {zakharov} 100% direct",
        ),
    }
    later = findings_on(date(2024, 4, 1))
    assert list(later) == ['Акціонерне товариство "Зала Аеро"']
    blocked, explanation = later['Акціонерне товариство "Зала Аеро"']
    assert not blocked and "unknown share" in explanation


def test_an_ownership_that_ended_no_longer_blocks() -> None:
    owner = Entity(
        id="t-owner",
        schema=Schema.PERSON,
        source="t",
        source_id="owner",
        names=(Name("Blocked Owner"),),
        designations=(Designation(Authority.OFAC, "SDN List", programs=("SDGT",)),),
        relations=(
            Relation(
                RelationKind.OWNERSHIP,
                "Former Holding",
                target_id="t-company",
                share=60.0,
                ended_on=date(2023, 3, 2),
            ),
        ),
    )
    company = Entity(
        id="t-company",
        schema=Schema.COMPANY,
        source="t",
        source_id="company",
        names=(Name("Former Holding"),),
    )
    assert "t-company" in ownership_findings([owner, company], as_of=date(2022, 1, 1))
    assert "t-company" not in ownership_findings([owner, company], as_of=date(2024, 1, 1))
