"""OFAC's 50% rule: an entity owned 50% or more, in aggregate, by blocked persons is blocked.

OFAC's Revised Guidance of 13 August 2014: add up the DIRECT holdings of all blocked persons in
the entity; at 50% or more the entity is blocked, whether or not it is on the SDN List. An entity
blocked that way is itself a blocked person, so its own holdings count towards the entities it
owns ("indirectly": A owns 100% of X, X owns 60% of Y, so Y is blocked). Shares are never
multiplied along a chain, and holdings of persons who are not blocked never count.

The computation runs to a fixed point: each entity becomes blocked at most once and each holding
is added at most once, so cycles terminate and the work is linear in the number of holdings.
Percentages are added as integers of a millionth of a percent, so that 33.33 + 16.67 is exactly
50 and 49.99 stays below it.

Bad data is never silently used:
- a share outside 0-100 raises InputError (fix the source record);
- the same owner and entity given twice counts once, at the larger share, with a warning;
- blocked holdings that add up to more than 100% are capped at 100% and flagged;
- a blocked owner whose share is unknown is not counted, and the entity is flagged for review.
"""

from __future__ import annotations

import math
from collections import defaultdict, deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from watchlist.errors import InputError
from watchlist.graph.network import Network, build_network
from watchlist.law.asof import designations_in_force
from watchlist.law.consequences import is_blocking
from watchlist.law.programs import apply_program_law
from watchlist.model import Entity, RelationKind

THRESHOLD_PERCENT = 50
_UNIT = 1_000_000  # shares in millionths of a percent
_THRESHOLD = THRESHOLD_PERCENT * _UNIT
_FULL = 100 * _UNIT


@dataclass(frozen=True, slots=True)
class OwnershipEdge:
    """`owner_id` holds `share` percent of `asset_id` directly (None: share not known)."""

    owner_id: str
    asset_id: str
    share: float | None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class Holding:
    owner_id: str
    owner_caption: str
    share: float | None
    owner_blocked_by: str  # "designation" or "ownership"
    source: str | None = None


@dataclass(frozen=True, slots=True)
class OwnershipFinding:
    """What the 50% rule says of one entity that blocked persons hold shares in."""

    entity_id: str
    caption: str
    blocked: bool
    blocked_share: float  # aggregate direct holdings of blocked persons, capped at 100
    holdings: tuple[Holding, ...]  # blocked owners with a known share, largest first
    unknown_shares: tuple[Holding, ...] = ()  # blocked owners whose share is unknown
    level: int = 0  # 1: held by designated persons; 2: by entities blocked at level 1; ...
    warnings: tuple[str, ...] = ()

    @property
    def unknown_share_owners(self) -> tuple[str, ...]:
        return tuple(holding.owner_id for holding in self.unknown_shares)

    @property
    def needs_review(self) -> bool:
        return bool(self.unknown_shares or self.warnings)

    @property
    def explanation(self) -> str:
        parts = " + ".join(
            f"{h.owner_caption} {h.share:g}%"
            + (" (itself blocked by ownership)" if h.owner_blocked_by == "ownership" else "")
            for h in self.holdings
        )
        if self.blocked:
            head = "blocked by aggregation" if len(self.holdings) > 1 else "blocked"
            text = f"{head}: {parts} direct"
        else:
            known = f"{parts} direct" if parts else "none"
            text = f"not blocked on known shares: {known} ({self.blocked_share:g}% < 50%)"
        if self.unknown_shares:
            text += "; review: blocked owner(s) with unknown share: " + ", ".join(
                holding.owner_caption for holding in self.unknown_shares
            )
        return text


def _units(edge: OwnershipEdge) -> int | None:
    if edge.share is None:
        return None
    share = float(edge.share)
    if math.isnan(share) or not 0 <= share <= 100:
        raise InputError(
            f"ownership of {edge.asset_id} by {edge.owner_id}: share {edge.share!r} is not a "
            "percentage between 0 and 100; fix the source record"
            + (f" ({edge.source})" if edge.source else "")
        )
    return round(share * _UNIT)


def ownership_edges(network: Network, as_of: date | None = None) -> list[OwnershipEdge]:
    """The network's OWNERSHIP relations as owner -> asset holdings; a holding that ended
    before `as_of` (default today) or starts after it does not count."""
    day = as_of or date.today()
    return [
        OwnershipEdge(edge.source_id, edge.target_id, edge.share, edge.origin)
        for edge in network.edges_of_kind(RelationKind.OWNERSHIP)
        if edge.current_on(day)
    ]


def blocked_by_ownership(
    graph_or_edges: Network | Iterable[OwnershipEdge],
    blocked_ids: Iterable[str],
    *,
    captions: Mapping[str, str] | None = None,
) -> dict[str, OwnershipFinding]:
    """Entities the 50% rule blocks, and entities to review, keyed by id.

    `blocked_ids` are the persons blocked by designation. Every entity in which a blocked person
    holds a direct share gets a finding: `blocked=True` at 50% or more in aggregate; otherwise a
    finding appears only when it needs review (unknown shares, over-allocation). Entities in
    `blocked_ids` get no finding: they are blocked already.
    """
    if isinstance(graph_or_edges, Network):
        network = graph_or_edges
        edges: Iterable[OwnershipEdge] = ownership_edges(network)
        names: Mapping[str, str] = captions or {
            entity_id: network.caption(entity_id) for entity_id in network.entities
        }
    else:
        edges = graph_or_edges
        names = captions or {}

    # Deduplicate owner -> asset pairs: two sources stating the same holding must not add up.
    holdings: dict[tuple[str, str], tuple[int | None, str | None]] = {}
    warnings: dict[str, list[str]] = defaultdict(list)
    for edge in edges:
        units = _units(edge)
        pair = (edge.owner_id, edge.asset_id)
        if pair in holdings:
            previous = holdings[pair][0]
            if previous != units:
                warnings[edge.asset_id].append(
                    f"{edge.owner_id} is recorded with different shares "
                    f"({_pct(previous)}, {_pct(units)}); the larger counts"
                )
            if previous is None or (units is not None and units > previous):
                holdings[pair] = (units, edge.source)
        else:
            holdings[pair] = (units, edge.source)

    owned_by: dict[str, list[tuple[str, int | None, str | None]]] = defaultdict(list)
    owns: dict[str, list[str]] = defaultdict(list)
    for (owner, asset), (units, source) in holdings.items():
        owned_by[asset].append((owner, units, source))
        owns[owner].append(asset)

    designated = set(blocked_ids)
    level: dict[str, int] = dict.fromkeys(designated, 0)
    blocked_units: dict[str, int] = defaultdict(int)
    touched: set[str] = set()
    shares_by_pair = {pair: units for pair, (units, _) in holdings.items()}
    queue = deque(designated)
    while queue:
        owner = queue.popleft()
        for asset in owns.get(owner, ()):
            if asset in designated:
                continue
            touched.add(asset)
            units = shares_by_pair[(owner, asset)]
            if units is None:
                continue
            blocked_units[asset] += units
            if asset not in level and blocked_units[asset] >= _THRESHOLD:
                level[asset] = level[owner] + 1
                queue.append(asset)

    findings: dict[str, OwnershipFinding] = {}
    for asset in touched:
        blocked = asset in level
        owners = [(o, u, s) for o, u, s in owned_by[asset] if o in level]
        known = sorted(
            (item for item in owners if item[1] is not None),
            key=lambda item: (-(item[1] or 0), item[0]),
        )
        unknown = sorted((o, s) for o, u, s in owners if u is None)
        notes = list(warnings.get(asset, ()))
        total_blocked = sum(u or 0 for _, u, _ in known)
        total_all = sum(u or 0 for _, u, _ in owned_by[asset])
        if total_all > _FULL:
            notes.append(
                f"recorded holdings sum to {_pct(total_all)} (over 100%: duplicate or stale "
                "ownership records?)"
            )
        if not blocked and not unknown and not notes:
            continue
        findings[asset] = OwnershipFinding(
            entity_id=asset,
            caption=names.get(asset, asset),
            blocked=blocked,
            blocked_share=min(total_blocked, _FULL) / _UNIT,
            holdings=tuple(
                Holding(
                    owner_id=o,
                    owner_caption=names.get(o, o),
                    share=(u or 0) / _UNIT,
                    owner_blocked_by="designation" if o in designated else "ownership",
                    source=s,
                )
                for o, u, s in known
            ),
            unknown_shares=tuple(
                Holding(
                    owner_id=o,
                    owner_caption=names.get(o, o),
                    share=None,
                    owner_blocked_by="designation" if o in designated else "ownership",
                    source=s,
                )
                for o, s in unknown
            ),
            level=level.get(asset, 0),
            warnings=tuple(notes),
        )
    return dict(sorted(findings.items(), key=lambda item: (item[1].level, item[0])))


def _pct(units: int | None) -> str:
    return "unknown" if units is None else f"{units / _UNIT:g}%"


def blocked_persons(entities: Iterable[Entity], as_of: date | None = None) -> set[str]:
    """Ids of entities blocked by a US designation (SDN List, State FTO) in force on `as_of`."""
    blocked: set[str] = set()
    for entity in entities:
        entity = apply_program_law(entity)
        if any(is_blocking(d, entity.source) for d in designations_in_force(entity, as_of)):
            blocked.add(entity.id)
    return blocked


def ownership_findings(
    entities: Iterable[Entity] | Network,
    as_of: date | None = None,
    *,
    blocked_ids: Iterable[str] | None = None,
) -> dict[str, OwnershipFinding]:
    """The 50% rule over a set of entities (or a built network): blocked persons are those
    with a US blocking designation in force on `as_of` unless `blocked_ids` is given. For the
    API and the CLI."""
    network = entities if isinstance(entities, Network) else build_network(entities)
    seeds = (
        set(blocked_ids)
        if blocked_ids is not None
        else blocked_persons(network.entities.values(), as_of)
    )
    captions = {entity_id: entity.caption for entity_id, entity in network.entities.items()}
    return blocked_by_ownership(ownership_edges(network, as_of), seeds, captions=captions)
