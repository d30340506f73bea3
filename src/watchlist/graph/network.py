"""The network of listed parties: entities as nodes, their relations as edges.

Lists often name the other party instead of giving its id (OFAC: `Linked To: HIZBALLAH.`), so
building the network resolves each such name to an entity by exact normalised-name match. A
name that matches no entity, or more than one, stays unresolved and is reported with the
candidates, never guessed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from normality import normalize

from watchlist.model import Entity, NameKind, Relation, RelationKind
from watchlist.model.relation import span_covers


def name_key(name: str) -> str:
    """The form two names must share to be "the same name": case, accents, punctuation and
    spacing removed (`MADURO MOROS, Nicolás.` -> `maduro moros nicolas`)."""
    return normalize(name, lowercase=True, latinize=True) or ""


@dataclass(frozen=True, slots=True)
class Edge:
    """A resolved relation: `source_id` —kind→ `target_id`, as the carrier entity's list states
    it. For OWNERSHIP the source owns the target."""

    source_id: str
    target_id: str
    kind: RelationKind
    target_name: str
    share: float | None = None
    role: str | None = None
    origin: str | None = None  # where the edge comes from: list and version, or a document URL
    stated_on: date | None = None
    note: str | None = None
    resolved_by: str = "id"  # "id" or "name"
    started_on: date | None = None
    ended_on: date | None = None

    def current_on(self, day: date) -> bool:
        return span_covers(self.started_on, self.ended_on, day)


class UnresolvedReason(StrEnum):
    NO_MATCH = "no entity has this name"
    AMBIGUOUS = "several entities have this name"
    UNKNOWN_ID = "the target id is not among the entities"
    SELF = "the relation points at its own entity"


@dataclass(frozen=True, slots=True)
class UnresolvedLink:
    carrier_id: str
    relation: Relation
    reason: UnresolvedReason
    candidates: tuple[str, ...] = ()

    def __str__(self) -> str:
        text = f"{self.carrier_id}: {self.relation.kind.value} {self.relation.target_name!r}"
        text += f" unresolved ({self.reason.value})"
        if self.candidates:
            text += ": " + ", ".join(self.candidates)
        return text


class Network:
    """Entities and the edges between them, with what could not be resolved."""

    def __init__(
        self,
        entities: dict[str, Entity],
        edges: list[Edge],
        unresolved: list[UnresolvedLink],
    ) -> None:
        self.entities = entities
        self.edges = tuple(edges)
        self.unresolved = tuple(unresolved)
        self._out: dict[str, list[Edge]] = defaultdict(list)
        self._in: dict[str, list[Edge]] = defaultdict(list)
        for edge in self.edges:
            self._out[edge.source_id].append(edge)
            self._in[edge.target_id].append(edge)

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self.entities

    def __len__(self) -> int:
        return len(self.entities)

    def entity(self, entity_id: str) -> Entity:
        return self.entities[entity_id]

    def caption(self, entity_id: str) -> str:
        entity = self.entities.get(entity_id)
        return entity.caption if entity is not None else entity_id

    def outgoing(self, entity_id: str) -> tuple[Edge, ...]:
        return tuple(self._out.get(entity_id, ()))

    def incoming(self, entity_id: str) -> tuple[Edge, ...]:
        return tuple(self._in.get(entity_id, ()))

    def edges_of_kind(self, *kinds: RelationKind) -> Iterator[Edge]:
        wanted = set(kinds)
        return (edge for edge in self.edges if edge.kind in wanted)

    @property
    def resolution_counts(self) -> dict[str, int]:
        """Relations by outcome: `by_id`, `by_name`, and one count per unresolved reason."""
        counts: dict[str, int] = {"by_id": 0, "by_name": 0}
        for edge in self.edges:
            counts["by_id" if edge.resolved_by == "id" else "by_name"] += 1
        for link in self.unresolved:
            counts[link.reason.name.lower()] = counts.get(link.reason.name.lower(), 0) + 1
        return counts


def _exact_key(name: str) -> str:
    return " ".join(name.split()).casefold()


class _NameIndex:
    """Names to entity ids, searched in order: the carrier's own list before the others; the
    name as written (case and spacing aside) before its normalised form; primary names before
    aliases, weak aliases last. The first step with any candidate decides, and two candidates
    there make the name ambiguous.

    The written form goes first because punctuation can tell entries apart: OFAC lists both
    `SMILE PROPERTY & TRAVEL LTD` and `SMILE PROPERTY & TRAVEL LTD.`, and `Linked To: SMILE
    PROPERTY & TRAVEL LTD;` means the first. The normalised form catches the name whose own
    final `.` OFAC's closing full stop swallowed (`Linked To: R D I S.A.`).
    """

    def __init__(self, entities: Iterable[Entity]) -> None:
        # form -> key -> tier -> {entity id: source}; tier 0 primary, 1 alias/previous, 2 weak
        self._forms: tuple[dict[str, dict[int, dict[str, str]]], ...] = (
            defaultdict(lambda: defaultdict(dict)),
            defaultdict(lambda: defaultdict(dict)),
        )
        for entity in entities:
            for name in entity.names:
                tier = {NameKind.PRIMARY: 0, NameKind.WEAK_ALIAS: 2}.get(name.kind, 1)
                keys = (_exact_key(name.full), name_key(name.full))
                for form, key in zip(self._forms, keys, strict=True):
                    if key:
                        form[key][tier][entity.id] = entity.source

    def resolve(self, name: str, carrier: Entity) -> tuple[str, ...]:
        keys = (_exact_key(name), name_key(name))
        for same_source in (True, False):
            for form, key in zip(self._forms, keys, strict=True):
                tiers = form.get(key)
                if not tiers:
                    continue
                for tier in sorted(tiers):
                    ids = tuple(
                        entity_id
                        for entity_id, source in tiers[tier].items()
                        if entity_id != carrier.id and (source == carrier.source or not same_source)
                    )
                    if ids:
                        return ids
        return ()


def build_network(entities: Iterable[Entity]) -> Network:
    """Nodes and edges from the entities' relations (OFAC "Linked To:", UN associations, FtM
    Ownership/Directorship/Membership/UnknownLink, the built-in list's links)."""
    by_id: dict[str, Entity] = {}
    for entity in entities:
        by_id.setdefault(entity.id, entity)
    index: _NameIndex | None = None  # built on the first relation that names its target
    edges: list[Edge] = []
    unresolved: list[UnresolvedLink] = []
    for entity in by_id.values():
        for relation in entity.relations:
            target, how = relation.target_id, "id"
            if target is not None and target not in by_id:
                unresolved.append(UnresolvedLink(entity.id, relation, UnresolvedReason.UNKNOWN_ID))
                continue
            if target is None:
                how = "name"
                if index is None:
                    index = _NameIndex(by_id.values())
                candidates = index.resolve(relation.target_name, entity)
                if len(candidates) != 1:
                    if not candidates and name_key(relation.target_name) in {
                        name_key(n.full) for n in entity.names
                    }:
                        reason = UnresolvedReason.SELF
                    elif candidates:
                        reason = UnresolvedReason.AMBIGUOUS
                    else:
                        reason = UnresolvedReason.NO_MATCH
                    unresolved.append(UnresolvedLink(entity.id, relation, reason, candidates))
                    continue
                target = candidates[0]
            if target == entity.id:
                unresolved.append(UnresolvedLink(entity.id, relation, UnresolvedReason.SELF))
                continue
            edges.append(
                Edge(
                    source_id=entity.id,
                    target_id=target,
                    kind=relation.kind,
                    target_name=relation.target_name,
                    share=relation.share,
                    role=relation.role,
                    origin=relation.source,
                    stated_on=relation.stated_on,
                    started_on=relation.started_on,
                    ended_on=relation.ended_on,
                    note=relation.note,
                    resolved_by=how,
                )
            )
    return Network(by_id, edges, unresolved)
