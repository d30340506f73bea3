"""Exposure paths: how a party reaches designated parties through the network, step by step.

A customer that is not listed itself may still be one or two links from a listed party: Tren de
Aragua is supported by Cartel de los Soles (OFAC's SDGT designation says so), which the US says
Nicolás Maduro heads. Each step of a path keeps the relation's kind, its direction and the
source that states it, so an analyst can check every link.

Paths follow relations either way (an incoming "supports" counts like an outgoing one) and never
visit a party twice. The search is a plain depth-first walk: the graphs here are small and the
walk must record the exact edge and direction of each step, which generic path finders do not.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from watchlist.errors import NotFoundError
from watchlist.graph.network import Edge, Network
from watchlist.law.asof import designations_in_force
from watchlist.model import RelationKind

# When two parties are joined by several edges, a step shows the most telling one.
_SPECIFICITY = {
    kind: rank
    for rank, kind in enumerate(
        (
            RelationKind.LEADERSHIP,
            RelationKind.OWNERSHIP,
            RelationKind.DIRECTORSHIP,
            RelationKind.MEMBERSHIP,
            RelationKind.SUPPORT,
            RelationKind.FAMILY,
            RelationKind.ASSOCIATE,
            RelationKind.LINKED_TO,
            RelationKind.UNKNOWN,
        )
    )
}


class Direction(StrEnum):
    FORWARD = "forward"  # the step's start holds the relation to the next party: A —kind→ B
    BACKWARD = "backward"  # the next party holds the relation to the step's start: A ←kind— B


@dataclass(frozen=True, slots=True)
class Step:
    from_id: str
    to_id: str
    from_caption: str
    to_caption: str
    edge: Edge
    direction: Direction

    @property
    def kind(self) -> RelationKind:
        return self.edge.kind

    @property
    def source(self) -> str | None:
        return self.edge.origin

    def describe(self) -> str:
        label = self.edge.kind.value
        if self.edge.share is not None:
            label += f" {self.edge.share:g}%"
        if self.direction is Direction.FORWARD:
            return f"{self.from_caption} —{label}→ {self.to_caption}"
        return f"{self.from_caption} ←{label}— {self.to_caption}"


@dataclass(frozen=True, slots=True)
class ExposurePath:
    """From `start_id` to the designated party `target_id`."""

    start_id: str
    target_id: str
    target_caption: str
    target_programs: tuple[str, ...]
    steps: tuple[Step, ...]

    @property
    def depth(self) -> int:
        return len(self.steps)

    @property
    def node_ids(self) -> tuple[str, ...]:
        return (self.start_id, *(step.to_id for step in self.steps))

    def describe(self) -> str:
        if not self.steps:
            return self.target_caption
        text = self.steps[0].describe()
        for step in self.steps[1:]:
            text += step.describe()[len(step.from_caption) :]
        return text


def _designated_programs(network: Network, entity_id: str, as_of: date | None) -> tuple[str, ...]:
    """Programs of the designations in force, or () when the party is not listed then. A
    listed party with no program tags still counts, as `("listed",)`."""
    in_force = designations_in_force(network.entity(entity_id), as_of)
    if not in_force:
        return ()
    programs = tuple(dict.fromkeys(p for d in in_force for p in d.programs))
    return programs or ("listed",)


def _neighbours(network: Network, entity_id: str) -> list[tuple[str, Edge, Direction]]:
    best: dict[str, tuple[Edge, Direction]] = {}
    candidates = [(e, e.target_id, Direction.FORWARD) for e in network.outgoing(entity_id)]
    candidates += [(e, e.source_id, Direction.BACKWARD) for e in network.incoming(entity_id)]
    for edge, other, direction in candidates:
        current = best.get(other)
        rank = (_SPECIFICITY.get(edge.kind, 99), direction is Direction.BACKWARD)
        if current is None or rank < (
            _SPECIFICITY.get(current[0].kind, 99),
            current[1] is Direction.BACKWARD,
        ):
            best[other] = (edge, direction)
    ordered = sorted(best.items(), key=lambda item: (network.caption(item[0]), item[0]))
    return [(other, edge, direction) for other, (edge, direction) in ordered]


def exposure_paths(
    graph: Network,
    entity_id: str,
    depth: int = 3,
    as_of: date | None = None,
    *,
    limit: int = 1000,
) -> list[ExposurePath]:
    """Every simple path of at most `depth` steps from `entity_id` to a party listed on
    `as_of` (currently listed when None), shortest first; at most `limit` paths."""
    if entity_id not in graph:
        raise NotFoundError(
            f"entity {entity_id!r} is not in the network; check the id, and that its list is loaded"
        )
    if depth < 1:
        return []
    found: list[ExposurePath] = []
    listed: dict[str, tuple[str, ...]] = {}

    def programs(node: str) -> tuple[str, ...]:
        if node not in listed:
            listed[node] = _designated_programs(graph, node, as_of)
        return listed[node]

    def walk(node: str, visited: list[str], steps: list[Step]) -> None:
        if len(found) >= limit or len(steps) >= depth:
            return
        for other, edge, direction in _neighbours(graph, node):
            if other in visited:
                continue
            step = Step(node, other, graph.caption(node), graph.caption(other), edge, direction)
            steps.append(step)
            visited.append(other)
            tags = programs(other)
            if tags and len(found) < limit:
                found.append(
                    ExposurePath(entity_id, other, graph.caption(other), tags, tuple(steps))
                )
            walk(other, visited, steps)
            visited.pop()
            steps.pop()

    walk(entity_id, [entity_id], [])
    found.sort(key=lambda path: (path.depth, path.target_caption, path.describe()))
    return found
