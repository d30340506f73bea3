"""The Screener: a list's names indexed once, then any number of queries against them.

It holds everything it needs (entities, analysed names, vocabulary, candidate index) and
nothing else, so it pickles: to disk as the saved index of a list version, and into worker
processes or Spark executors.
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import tempfile
import time
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any, Final, NamedTuple, overload

import numpy as np
import numpy.typing as npt
from mypy_extensions import mypyc_attr

from watchlist import __version__
from watchlist.errors import InputError, NotFoundError, WatchlistError
from watchlist.index import CandidateIndex, IndexedName, Vocabulary, blocking_keys
from watchlist.match import DEFAULT_THRESHOLD
from watchlist.match.features import (
    COMMON_NAME_WEIGHT,
    COUNTRY_MATCH_BONUS,
    CRAFT_SCHEMAS,
    GIVEN_NAME_MISMATCH_PENALTY,
    MAX_BONUS,
    SAME_BIRTH_DATE_BONUS,
    SAME_CRAFT_BONUS,
    WEAK_ALIAS_PENALTY,
    birth_date_contribution,
    common_name_contribution,
    country_contribution,
    identifier_contribution,
    normalize_identifier,
    schema_contribution,
)
from watchlist.match.names import (
    NameComparison,
    compare_aligned,
)
from watchlist.match.shortlist import NameTable, shortlist
from watchlist.match.similarity import (
    JOIN_MIN_SIMILARITY,
    MIN_SIMILARITY,
    entries_within,
    packed_readings,
    packed_words,
    similar_entries_best,
    similarity_to_entries,
    typo_similarities,
)
from watchlist.match.types import Contribution, Hit, Query
from watchlist.model import Entity, NameKind, Schema
from watchlist.model.codec import entity_from_json, entity_to_json
from watchlist.normalize import (
    NameMode,
    NameToken,
    TokenFeatures,
    TokenKind,
    TokenRole,
    Unit,
    analyze_name,
    name_mode,
    name_units,
)
from watchlist.normalize.glossary import english_reading

# A word of a query as looked up: (text, romanised from an abjad, a joined run, its weight,
# searched as a vessel's or aircraft's), and what the lookup gives: the names holding a
# vocabulary entry like it, with the credit each earns.
UnitKey = tuple[str, bool, bool, float, bool]
Resolved = tuple[npt.NDArray[np.int32], npt.NDArray[np.float32]]
ListWordKey = tuple[str, bool, float]  # a list word: text, abjad, weight

log = logging.getLogger(__name__)

# Bump when the pickled layout or the name analysis changes: saved indexes are rebuilt.
FORMAT: Final = 21
CANDIDATE_NAMES: Final = 60  # names scored in full per query, taken from the index's ranking
# At a threshold of PRUNE_FROM or more, candidates whose index estimate is below PRUNE_BELOW are
# not scored: on the benchmark's dev set 3 in 10,000 of them scored 0.8 or more (names the
# estimate undervalues: a joined run matching several query words), and they are half the work.
PRUNE_FROM: Final = 0.7
PRUNE_BELOW: Final = 0.25
# A word this long that matched nothing this close is searched with two typos.
SECOND_DELETION_LENGTH: Final = 4
SECOND_DELETION_UNLESS: Final = 0.8
# A vessel's or aircraft's name is often one word, where two typos leave nothing else to match
# (`PASRHNA` finds PASNA at 0.82 before PARSHAN): such a query searches further unless a word
# matched this well. Craft queries are few, so the cost is small.
SECOND_DELETION_UNLESS_CRAFT: Final = 0.9
TWO_EDITS_LIMIT: Final = 20  # words two edits away kept for a word that found nothing closer
UNIT_CACHE_SIZE: Final = 20_000  # query words whose candidate names are kept between queries
# Words looked up together (the list's words when the screener is built, a chunk's new words
# in `prefetch`): they share the fixed cost of a lookup, each compared with its own candidates
# only (`similarity_pairs`); past a few hundred the gain is nil.
LOOKUP_BATCH: Final = 512
MASK_CACHE_SIZE: Final = 16  # (sources, as_of) filters kept, least recently used dropped first

_WEAK = NameKind.WEAK_ALIAS.value
_KIND_RANK = {
    NameKind.PRIMARY.value: 0,
    NameKind.ALIAS.value: 1,
    NameKind.ORIGINAL_SCRIPT.value: 2,
    NameKind.PREVIOUS.value: 3,
    NameKind.WEAK_ALIAS.value: 4,
}


def _analyze(entity: Entity) -> list[tuple[str, str, str, tuple[NameToken, ...]]]:
    """(kind, display, reading, tokens) per distinct name of an entity, strongest kind first.
    An organisation's name with glossary words is also read in English (`reading` holds that
    text; empty for the name as written), after all names as written."""
    mode = name_mode(entity.schema.value)
    seen: dict[tuple[NameToken, ...], tuple[str, str, str]] = {}
    ordered = sorted(entity.names, key=lambda n: _KIND_RANK.get(n.kind.value, 5))
    for name in ordered:
        tokens = analyze_name(name.full, mode, first=name.first, middle=name.middle, last=name.last)
        if tokens and tokens not in seen:
            seen[tokens] = (name.kind.value, name.full, "")
    for name in ordered:
        english = _read_in_english(name.full, mode)
        if english is not None and english[0] not in seen:
            seen[english[0]] = (name.kind.value, name.full, english[1])
    return [(kind, display, reading, tokens) for tokens, (kind, display, reading) in seen.items()]


def _credit_beyond(
    names: npt.NDArray[np.int32],
    credits: npt.NDArray[np.float32],
    parts: Sequence[Resolved],
) -> npt.NDArray[np.float32]:
    """`credits` of a joined run, less what its words already earn on the same names (names
    come sorted, as `best_credit_per_name` returns them)."""
    already = np.zeros(len(names), dtype=np.float32)
    for part_names, part_credits in parts:
        if not len(part_names):
            continue
        at = np.searchsorted(part_names, names)
        at[at >= len(part_names)] = 0
        same = part_names[at] == names
        already += np.where(same, part_credits[at], np.float32(0.0))
    beyond: npt.NDArray[np.float32] = np.maximum(credits - already, np.float32(0.0))
    return beyond


def _merged(found: Resolved, more: Resolved) -> Resolved:
    """Entries found first and found later (each given sorted, once each), merged: each once,
    sorted, with the similarity it was first found with."""
    if not len(more[0]):  # most further searches find nothing
        return found
    if not len(found[0]):
        return more
    entries, first = np.unique(np.concatenate([found[0], more[0]]), return_index=True)
    return entries, np.concatenate([found[1], more[1]])[first]


def _lookup_keys(
    units: Sequence[Unit], weights: Sequence[float], thorough: bool
) -> dict[int, UnitKey]:
    """The cache key of each unit of a query that is looked up: not initials (credited by
    letter in `rank`), nor a word that weighs nothing."""
    keys: dict[int, UnitKey] = {}
    for k, unit in enumerate(units):
        if unit.initial:
            continue
        if unit.join:
            span = weights[unit.start : unit.end]
            if min(span) <= 0.0:
                continue
            weight = sum(span)
        else:
            weight = weights[unit.start]
            if weight <= 0.0:
                continue
        keys[k] = (unit.text, unit.abjad, unit.join, weight, thorough)
    return keys


def _features_of(units: Sequence[Unit]) -> TokenFeatures:
    return TokenFeatures.of([u.text for u in units], [u.abjad for u in units])


def _readings(
    name: str, mode: NameMode, tokens: tuple[NameToken, ...]
) -> list[tuple[tuple[NameToken, ...], str]]:
    """The readings of a query's name to match, each as (tokens, English reading or ""): the name
    as written, and an organisation's name read in English (normalize.glossary) where that
    differs: `الجماعة الإسلامية المقاتلة الليبية` is listed as LIBYAN ISLAMIC FIGHTING GROUP."""
    readings = [(tokens, "")]
    english = _read_in_english(name, mode)
    if english is not None and english[0] != tokens:
        readings.append(english)
    return readings


def _read_in_english(name: str, mode: NameMode) -> tuple[tuple[NameToken, ...], str] | None:
    """(tokens, text) of a name read in English (normalize.glossary), or None: a person's name
    is never translated, and a name without glossary words has no such reading."""
    reading = english_reading(name) if mode is not NameMode.PERSON else None
    if reading is None:
        return None
    tokens = analyze_name(reading, mode)
    return (tokens, reading) if tokens else None


def _possible_bonus(query: Query) -> float:
    """The most the facts beyond the name can add to a name's score for this query."""
    if query.id_number:
        return MAX_BONUS  # an identical identifier lifts any compatible name
    bonus = SAME_BIRTH_DATE_BONUS if query.birth_date else 0.0
    bonus += SAME_CRAFT_BONUS if query.schema in CRAFT_SCHEMAS else 0.0
    return bonus + (COUNTRY_MATCH_BONUS if query.country else 0.0)


def _mismatch_text(comparison: NameComparison, name: IndexedName) -> str:
    """Why the name is taken for another person's: the aligned pair read as another name rather
    than a spelling (`farhad~farhan` 0.83), else the query's words in place of the listed given
    names."""
    pair = comparison.mismatched
    if pair is not None:
        return (
            "another name, not a spelling of the listed one: "
            f"{pair.query}~{pair.listed} {pair.similarity:.2f}"
        )
    listed = " ".join(t.text for t in name.tokens if t.role is TokenRole.GIVEN)
    query = " ".join(comparison.query_only)
    return f"query has {query or 'none'} where the list has {listed or 'other names'}"


class EntityCard(NamedTuple):
    """What a hit shows of its entity, at hand without decoding the entity."""

    id: str
    source: str
    source_id: str
    caption: str
    schema: str
    programs: tuple[str, ...]


class EntityTable(Sequence[Entity]):
    """The listed entities, kept as msgspec JSON and decoded when first asked for: a saved
    index loads in a fraction of the time ten thousand entities take to unpickle, and a
    query looks at a handful of them. Each entity's card (id, list, what a hit shows) and
    identifiers are at hand without decoding: decoding an OFAC entry for a hit had cost more
    than scoring its name."""

    def __init__(self, entities: Iterable[Entity]) -> None:
        self._blobs: list[bytes] = []
        self.cards: list[EntityCard] = []
        self.identifiers: dict[str, list[int]] = {}
        self._decoded: dict[int, Entity] = {}
        for position, entity in enumerate(entities):
            self._blobs.append(entity_to_json(entity))
            self.cards.append(
                EntityCard(
                    entity.id,
                    entity.source,
                    entity.source_id,
                    entity.caption,
                    entity.schema.value,
                    entity.programs,
                )
            )
            self._decoded[position] = entity
            for identifier in entity.identifiers:
                key = normalize_identifier(identifier.value)
                if len(key) >= 4:
                    self.identifiers.setdefault(key, []).append(position)

    def __getstate__(self) -> dict[str, object]:
        return {
            "blobs": self._blobs,
            "cards": self.cards,
            "identifiers": self.identifiers,
        }

    def __reduce__(self) -> tuple[Any, ...]:
        # Where mypyc compiles this module (setup.py), unpickling would call __init__.
        return (_entity_table, (self.__getstate__(),))

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._blobs = state["blobs"]
        self.cards = state["cards"]
        self.identifiers = state["identifiers"]
        self._decoded = {}

    def __len__(self) -> int:
        return len(self._blobs)

    @overload
    def __getitem__(self, position: int) -> Entity: ...

    @overload
    def __getitem__(self, position: slice) -> Sequence[Entity]: ...

    def __getitem__(self, position: int | slice) -> Entity | Sequence[Entity]:
        if isinstance(position, slice):
            return [self[i] for i in range(len(self))[position]]
        entity = self._decoded.get(position)
        if entity is None:
            entity = entity_from_json(self._blobs[position])
            self._decoded[position] = entity
        return entity

    def all(self) -> list[Entity]:
        return [self[i] for i in range(len(self))]


def _entity_table(state: dict[str, Any]) -> EntityTable:
    table = EntityTable(())
    table.__setstate__(state)
    return table


# A plain Python class even where mypyc compiles its module (setup.py): one it compiled would
# call __init__ when unpickled.
@mypyc_attr(native_class=False)
class Screener:
    """Screen queries against a fixed set of listed entities."""

    def __init__(
        self,
        entities: Sequence[Entity],
        names: Sequence[IndexedName],
        vocabulary: Vocabulary,
        index: CandidateIndex,
    ) -> None:
        self.entities: EntityTable = (
            entities if isinstance(entities, EntityTable) else EntityTable(entities)
        )
        self.names: tuple[IndexedName, ...] = tuple(names)
        self.vocabulary = vocabulary
        self.index = index
        self.path: Path | None = None  # where it was saved or loaded from
        self.build_seconds: float | None = None
        self._prepare()
        self._list_words = self._look_up_list_words()

    def _prepare(self) -> None:
        self._positions = {card.id: i for i, card in enumerate(self.entities.cards)}
        self._name_entity = np.array([n.entity for n in self.names], dtype=np.int32)
        # Every name's units in flat arrays, for `_score_names` to gather and bound at once.
        self._name_table = NameTable(self.names)
        # Read by every query (the words) or by any in an abjad script (their consonant
        # readings): made now, not in the first.
        packed_words(self.vocabulary.features)
        packed_readings(self.vocabulary.features)
        self._names_of: dict[int, list[int]] = {}
        for i, name in enumerate(self.names):
            self._names_of.setdefault(name.entity, []).append(i)
        self._identifiers = self.entities.identifiers
        self._masks: OrderedDict[
            tuple[tuple[str, ...] | None, date | None], npt.NDArray[np.bool_]
        ] = OrderedDict()
        self._unit_cache: dict[UnitKey, Resolved] = {}

    def __getstate__(self) -> dict[str, object]:
        return {
            "entities": self.entities,
            "names": self.names,
            "vocabulary": self.vocabulary,
            "index": self.index,
            "build_seconds": self.build_seconds,
            "list_words": self._list_words,
        }

    def __setstate__(self, state: dict[str, object]) -> None:
        self._list_words = state.pop("list_words")  # type: ignore[assignment]
        self.__dict__.update(state)
        self.path = None
        self._prepare()

    @classmethod
    def from_entities(cls, entities: Iterable[Entity]) -> Screener:
        """Analyse every name of every entity and build the candidate index."""
        started = time.perf_counter()
        unique: dict[str, Entity] = {}
        for entity in entities:
            if entity.id in unique:
                log.warning("entity %s appears twice; the later copy is screened", entity.id)
            unique[entity.id] = entity
        table = list(unique.values())
        analysed = [_analyze(entity) for entity in table]
        units = [[name_units(tokens) for *_, tokens in names] for names in analysed]
        vocabulary = Vocabulary.build(units)
        names: list[IndexedName] = []
        for position, (entity, entity_names, entity_units) in enumerate(
            zip(table, analysed, units, strict=True)
        ):
            person = entity.schema is Schema.PERSON
            for (kind, display, reading, tokens), name_unit in zip(
                entity_names, entity_units, strict=True
            ):
                names.append(
                    IndexedName(
                        entity=position,
                        kind=kind,
                        display=display,
                        reading=reading,
                        tokens=tokens,
                        units=name_unit,
                        unit_entries=tuple(vocabulary.ids[u.text] for u in name_unit),
                        weights=tuple(vocabulary.weight(t) for t in tokens),
                        person=person,
                    )
                )
        index = CandidateIndex.build(vocabulary, names)
        screener = cls(table, names, vocabulary, index)
        screener.build_seconds = time.perf_counter() - started
        log.info(
            "indexed %d entities, %d names, %d vocabulary entries in %.1fs",
            len(table),
            len(names),
            len(vocabulary),
            screener.build_seconds,
        )
        return screener

    def __len__(self) -> int:
        return len(self.entities)

    def entity(self, entity_id: str) -> Entity:
        try:
            return self.entities[self._positions[entity_id]]
        except KeyError:
            raise NotFoundError(
                f"no entity {entity_id!r} in this index; ids look like `ofac-sdn-12345`"
            ) from None

    # -- matching ----------------------------------------------------------------------------

    def match(
        self,
        query: Query,
        *,
        threshold: float | None = None,
        limit: int = 10,
        sources: Sequence[str] | None = None,
        as_of: date | None = None,
    ) -> list[Hit]:
        """Listed entities the query could be, best first.

        Only hits scoring at least `threshold` (DEFAULT_THRESHOLD when None) are returned;
        `threshold=0` returns every candidate scored, each with `match` set against the default
        threshold. `sources` keeps entities of those lists; `as_of` keeps entities with a
        designation in force on that day (an entity whose list gives no designation at all is
        kept: a listing that cannot be dated must still alert).
        """
        cutoff = DEFAULT_THRESHOLD if threshold is None else threshold
        alert_at = cutoff if cutoff > 0 else DEFAULT_THRESHOLD
        mode = name_mode(query.schema)
        tokens = analyze_name(query.name, mode)
        if not tokens:
            raise InputError(f"name {query.name!r} has no letters or digits to match")
        allowed = self._allowed(sources, as_of)
        found: dict[int, Hit] = {}
        for read, reading in _readings(query.name, mode, tokens):
            for position, hit in self._match_tokens(
                query, read, allowed, cutoff, alert_at, reading=reading
            ).items():
                if position not in found or hit.score > found[position].score:
                    found[position] = hit
        hits = sorted(found.values(), key=lambda h: (-h.score, h.entity_id))
        return hits[:limit]

    def prefetch(self, queries: Iterable[Query]) -> None:
        """Look up the words of `queries` that the screener has not seen, together, before
        they are matched one by one: `match` then finds them in its cache and returns what it
        would have anyway, at a fraction of the cost (`watchlist screen` does this for each
        chunk of a file)."""
        wanted: dict[UnitKey, Unit] = {}
        for query in queries:
            mode = name_mode(query.schema)
            tokens = analyze_name(query.name, mode)
            if not tokens:
                continue
            thorough = query.schema in CRAFT_SCHEMAS
            for read, _ in _readings(query.name, mode, tokens):
                units = name_units(read)
                weights = [self.vocabulary.weight(t) for t in read]
                for k, key in _lookup_keys(units, weights, thorough).items():
                    if key not in wanted and self._looked_up(key) is None:
                        wanted[key] = units[k]
        for thorough in (False, True):
            keys = [key for key in wanted if key[4] == thorough]
            for start in range(0, len(keys), LOOKUP_BATCH):
                batch = keys[start : start + LOOKUP_BATCH]
                batch_units = [wanted[key] for key in batch]
                self._resolve_units(
                    batch_units,
                    [key[3] for key in batch],
                    _features_of(batch_units),
                    thorough=thorough,
                )

    def _match_tokens(
        self,
        query: Query,
        tokens: tuple[NameToken, ...],
        allowed: npt.NDArray[np.bool_] | None,
        cutoff: float,
        alert_at: float,
        *,
        reading: str = "",
    ) -> dict[int, Hit]:
        """`match` for one reading of the query's name: the best hit per entity position."""
        units = name_units(tokens)
        features = _features_of(units)
        weights_person, weights_other = self.vocabulary.person_and_other_weights(tokens)
        thorough = query.schema in CRAFT_SCHEMAS
        name_ids = self._candidates(
            tokens, units, features, weights_other, allowed, cutoff >= PRUNE_FROM, thorough
        )
        reachable = cutoff - _possible_bonus(query) if cutoff > 0 else 0.0
        scored = self._score_names(
            tokens, units, features, weights_person, weights_other, name_ids, reachable
        )
        if query.id_number:
            for position in self._identifiers.get(normalize_identifier(query.id_number), ()):
                if (allowed is None or allowed[position]) and position not in scored:
                    scored.update(
                        self._score_names(
                            tokens,
                            units,
                            features,
                            weights_person,
                            weights_other,
                            self._names_of[position],
                        )
                    )

        hits: dict[int, Hit] = {}
        for position, (name_score, name, comparison) in scored.items():
            if cutoff > 0 and name_score < reachable:
                continue
            hit = self._hit(query, position, name, comparison, alert_at, reading)
            if cutoff <= 0 or hit.score >= cutoff:
                hits[position] = hit
        return hits

    def candidates(
        self,
        query: Query,
        *,
        sources: Sequence[str] | None = None,
        as_of: date | None = None,
    ) -> list[str]:
        """The ids of the entities the candidate index retrieves for `query` (before scoring):
        what recall of the index is measured on: those of the name as written and of its
        English reading, as `match` scores both."""
        mode = name_mode(query.schema)
        tokens = analyze_name(query.name, mode)
        if not tokens:
            return []
        allowed = self._allowed(sources, as_of)
        thorough = query.schema in CRAFT_SCHEMAS
        found: dict[str, None] = {}
        for read, _ in _readings(query.name, mode, tokens):
            units = name_units(read)
            weights = tuple(self.vocabulary.weight(t) for t in read)
            name_ids = self._candidates(
                read, units, _features_of(units), weights, allowed, False, thorough
            )
            found.update(
                dict.fromkeys(self.entities.cards[self.names[i].entity].id for i in name_ids)
            )
        if query.id_number:
            for position in self._identifiers.get(normalize_identifier(query.id_number), ()):
                found.setdefault(self.entities.cards[position].id)
        return list(found)

    def _allowed(
        self, sources: Sequence[str] | None, as_of: date | None
    ) -> npt.NDArray[np.bool_] | None:
        if sources is None and as_of is None:
            return None
        key = (tuple(sorted(sources)) if sources is not None else None, as_of)
        mask = self._masks.get(key)
        if mask is None:
            wanted = set(sources) if sources is not None else None
            mask = np.array(
                [wanted is None or card.source in wanted for card in self.entities.cards],
                dtype=np.bool_,
            )
            if as_of is not None:
                mask &= np.array(
                    [
                        not e.designations or any(d.in_force_on(as_of) for d in e.designations)
                        for e in self.entities.all()
                    ],
                    dtype=np.bool_,
                )
            self._masks[key] = mask
            while len(self._masks) > MASK_CACHE_SIZE:
                try:
                    self._masks.popitem(last=False)
                except KeyError:  # emptied by another thread meanwhile
                    break
        else:
            with contextlib.suppress(KeyError):  # dropped by another thread meanwhile
                self._masks.move_to_end(key)
        return mask

    def _candidates(
        self,
        tokens: Sequence[NameToken],
        units: Sequence[Unit],
        features: TokenFeatures,
        weights: Sequence[float],
        allowed: npt.NDArray[np.bool_] | None,
        prune: bool = True,
        thorough: bool = False,
    ) -> npt.NDArray[np.int64]:
        """The names worth scoring in full: the index's best CANDIDATE_NAMES, less (when
        `prune`) those whose estimate is below PRUNE_BELOW."""
        keys = _lookup_keys(units, weights, thorough)
        wanted = list(keys)
        # Read once per key: another thread may clear the cache meanwhile (the API screens
        # from a thread pool); a word found missing is simply looked up again.
        found = {}
        for k, key in keys.items():
            cached = self._looked_up(key)
            if cached is not None:
                found[k] = cached
        missing = [k for k in wanted if k not in found]
        if missing:
            resolved = self._resolve_units(
                [units[k] for k in missing],
                [keys[k][3] for k in missing],
                features if len(missing) == len(units) else features.take(missing),
                thorough=thorough,
            )
            found.update(zip(missing, resolved, strict=True))
        hits = [found[k] for k in wanted if not units[k].join]
        # A run of query words counts for a name only by what it adds to the words it joins
        # (`jlal al dyn` as `jalaluddin` beyond `jlal` as `jalal`): the scorer uses one or the
        # other, never both.
        for k in wanted:
            if units[k].join and len(found[k][0]):  # most runs are no listed word
                names, credits = found[k]
                parts = [found[t][:2] for t in range(units[k].start, units[k].end) if t in found]
                hits.append((names, _credit_beyond(names, credits, parts)))
        initials = [t.text for t in tokens if t.kind is TokenKind.INITIAL]
        mask = allowed[self._name_entity] if allowed is not None else None
        name_ids, estimates = self.index.rank(
            hits,
            query_weight=sum(weights),
            initials=initials,
            limit=CANDIDATE_NAMES,
            mask=mask,
        )
        if prune:
            name_ids = name_ids[estimates >= PRUNE_BELOW]
        return name_ids.astype(np.int64)

    def _looked_up(self, key: UnitKey) -> Resolved | None:
        """What `_resolve_units` gave for a unit already: a list word's, or a cached one."""
        text, abjad, join, weight, _ = key
        found = None if join else self._list_words.get((text, abjad, weight))
        return found if found is not None else self._unit_cache.get(key)

    def _look_up_list_words(self) -> dict[ListWordKey, Resolved]:
        """`_resolve_units` of every word of the list's names, by (text, abjad, weight), done
        once when the screener is built: most query words are list words, and looked up in
        batches they cost a fraction of looking them up query by query. A list word finds
        itself (similarity 1.0), so the two-typo search and the typing-error reading never
        run for it, and the lookup is the same whichever words share its batch and whether
        the query is a vessel's (`thorough`)."""
        words: dict[ListWordKey, Unit] = {}
        for name in self.names:
            for unit in name.units:
                weight = name.weights[unit.start]
                if not unit.join and not unit.initial and weight > 0.0:
                    words.setdefault((unit.text, unit.abjad, weight), unit)
        keys = list(words)
        found: dict[ListWordKey, Resolved] = {}
        for start in range(0, len(keys), LOOKUP_BATCH):
            batch = keys[start : start + LOOKUP_BATCH]
            units = [words[key] for key in batch]
            resolved = self._resolve_units(
                units, [key[2] for key in batch], _features_of(units), keep=False
            )
            found.update(zip(batch, resolved, strict=True))
        return found

    def _resolve_units(
        self,
        units: Sequence[Unit],
        weights: Sequence[float],
        features: TokenFeatures,
        *,
        thorough: bool = False,
        keep: bool = True,
    ) -> list[Resolved]:
        """For each unit, the names holding a vocabulary entry like it, with the best credit each
        earns (similarity times the entry's rarity, at most the unit's own `weight`: a particle
        or a legal form earns little): looked up once, then kept in `_unit_cache` (unless not
        `keep`), as the same words come back in query after query. `thorough` searches two
        typos further (craft)."""
        # Similarities are float32: compared as numpy compares them with the floor.
        unless = float(
            np.float32(SECOND_DELETION_UNLESS_CRAFT if thorough else SECOND_DELETION_UNLESS)
        )
        key_lists = [
            blocking_keys(unit.text, deletions=not unit.join, abjad=unit.abjad) for unit in units
        ]
        # A run of query words is compared with the list's words, never with its runs.
        found = self.index.entries_for_each(key_lists, singles_only=[u.join for u in units])
        if all(unit.join for unit in units) and not any(len(entries) for entries in found):
            # Most runs of query words are no listed word, and a query whose words are all
            # known has nothing else to look up.
            nothing = (np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32))
            return self._kept(units, weights, [nothing] * len(units), thorough, keep)
        kept, best = self._similar_entries(units, features, found)
        # Two typos in one word share no key with it (`EUROFIOOTHBALL`, `SEVASFLPOL`): a word
        # that found nothing close is looked up again under its two-letter deletions.
        weak = [
            k
            for k, unit in enumerate(units)
            if not unit.join and len(unit.text) >= SECOND_DELETION_LENGTH and best[k] < unless
        ]
        if weak:
            more = self.index.two_deletion_entries([units[k].text for k in weak])
            extra, extra_best = self._similar_entries(
                [units[k] for k in weak], features.take(weak), more
            )
            for k, more_found, more_best in zip(weak, extra, extra_best, strict=True):
                kept[k] = _merged(kept[k], more_found)
                best[k] = max(best[k], more_best)
            # Two substitutions escape deletion keys on both sides (`SEVASFLPOL`): a word still
            # without a counterpart is measured against the listed words two edits away.
            lost = [k for k in weak if best[k] < unless]
            if lost:
                further = [self._two_edits_away(units[k].text) for k in lost]
                extra, _ = self._similar_entries(
                    [units[k] for k in lost], features.take(lost), further
                )
                for k, more_found in zip(lost, extra, strict=True):
                    kept[k] = _merged(kept[k], more_found)
        resolved = self.index.best_credit_per_name_each(kept, weights, self.vocabulary.idf)
        return self._kept(units, weights, resolved, thorough, keep)

    def _kept(
        self,
        units: Sequence[Unit],
        weights: Sequence[float],
        resolved: list[Resolved],
        thorough: bool,
        keep: bool,
    ) -> list[Resolved]:
        """`resolved`, kept in `_unit_cache` first unless not `keep`."""
        if keep:
            if len(self._unit_cache) + len(units) > UNIT_CACHE_SIZE:
                self._unit_cache.clear()
            for unit, weight, result in zip(units, weights, resolved, strict=True):
                self._unit_cache[(unit.text, unit.abjad, unit.join, weight, thorough)] = result
        return resolved

    def _two_edits_away(self, text: str) -> npt.NDArray[np.int32]:
        """Vocabulary words (not joined runs) within two edits of `text`, of one letter fewer
        to two more (a word two letters shorter is among `text`'s two-deletion keys already):
        the counterparts of a word with two typos that the deletion keys miss (two
        substitutions: `SEVASFLPOL`). Each shares a near key with `text`
        (`CandidateIndex.near_entries`): looked up, then measured. Sorted."""
        if len(text) < SECOND_DELETION_LENGTH:
            return np.zeros(0, dtype=np.int32)
        texts = self.vocabulary.texts
        near, distances = entries_within(
            text,
            texts,
            self.index.near_entries(text),
            2,
            len(text) - 1,
            len(text) + 2,
            packed_words(self.vocabulary.features),
        )
        if len(near) > TWO_EDITS_LIMIT:
            # Many words are two edits away from a short one (32 from `aumya`): the closest
            # through typing errors are kept (`amuay`, two letters swapped twice).
            typed = np.array(
                typo_similarities([text] * len(near), [texts[e] for e in near.tolist()])
            )
            order = np.lexsort((distances, -typed))
            near = np.sort(near[order[:TWO_EDITS_LIMIT]])
        return near

    def _similar_entries(
        self,
        units: Sequence[Unit],
        features: TokenFeatures,
        found: Sequence[npt.NDArray[np.int32]],
    ) -> tuple[list[Resolved], list[float]]:
        """Of the entries found for each unit, those similar enough, with their similarity:
        a joined run's at JOIN_MIN_SIMILARITY, a word's at MIN_SIMILARITY; and each unit's best
        similarity among them (0.0 where none)."""
        floors = [JOIN_MIN_SIMILARITY if unit.join else MIN_SIMILARITY for unit in units]
        return similar_entries_best(
            features, self.vocabulary.features, found, floors, floor=MIN_SIMILARITY
        )

    def _score_names(
        self,
        tokens: tuple[NameToken, ...],
        units: tuple[Unit, ...],
        features: TokenFeatures,
        weights_person: tuple[float, ...],
        weights_other: tuple[float, ...],
        name_ids: Sequence[int] | npt.NDArray[np.int64],
        floor: float = 0.0,
    ) -> dict[int, tuple[float, IndexedName, NameComparison]]:
        """The best-scoring name of each candidate entity: (name score after the name-level
        penalties, name, its comparison, explained). Names that cannot reach `floor` are not
        compared in full."""
        ids = np.asarray(name_ids, dtype=np.int64)
        if not len(ids):
            return {}
        table = self._name_table
        entries = table.entries_of(ids)
        # A joined run's pairs below JOIN_MIN_SIMILARITY go to no alignment (`shortlist`), so
        # its row need not read them: they may only leave a name's bound lower, still above
        # what `compare_aligned` can give it.
        matrix = similarity_to_entries(
            features,
            self.vocabulary.features,
            entries,
            floor=[JOIN_MIN_SIMILARITY if unit.join else MIN_SIMILARITY for unit in units],
        )
        kept = shortlist(
            matrix,
            entries,
            units,
            weights_person,
            weights_other,
            self.names,
            table,
            ids,
            floor,
        )
        best: dict[int, tuple[float, IndexedName, NameComparison]] = {}
        for k, candidates in kept:
            name = self.names[int(ids[k])]
            comparison = compare_aligned(
                tokens,
                units,
                weights_person if name.person else weights_other,
                name.tokens,
                name.units,
                name.weights,
                candidates,
                person=name.person,
            )
            score = comparison.score
            if name.kind == _WEAK:
                score += WEAK_ALIAS_PENALTY
            if comparison.given_name_mismatch:
                score += GIVEN_NAME_MISMATCH_PENALTY
            if comparison.aligned_weight < COMMON_NAME_WEIGHT:
                common = common_name_contribution(comparison.aligned_weight)
                if common is not None:
                    score += common.value * common.weight
            current = best.get(name.entity)
            if current is None or score > current[0]:
                best[name.entity] = (score, name, comparison)
        return best

    def _hit(
        self,
        query: Query,
        position: int,
        name: IndexedName,
        comparison: NameComparison,
        alert_at: float,
        reading: str = "",
    ) -> Hit:
        card = self.entities.cards[position]
        detail = comparison.describe()
        if name.reading:
            detail = f"list name read in English as {name.reading!r}; {detail}"
        if reading:
            detail = f"query read in English as {reading!r}; {detail}"
        contributions = [Contribution("name", comparison.score, 1.0, detail)]
        if name.kind == NameKind.WEAK_ALIAS.value:
            contributions.append(
                Contribution("weak_alias", 1.0, WEAK_ALIAS_PENALTY, "the list marks it weak")
            )
        if comparison.given_name_mismatch:
            contributions.append(
                Contribution(
                    "given_name_mismatch",
                    1.0,
                    GIVEN_NAME_MISMATCH_PENALTY,
                    _mismatch_text(comparison, name),
                )
            )
        for extra in (
            common_name_contribution(comparison.aligned_weight),
            schema_contribution(query.schema, card.schema),
        ):
            if extra is not None:
                contributions.append(extra)
        # The facts beyond the name are read off the entity itself, decoded only for them.
        facts = query.birth_date or query.country or query.id_number
        entity = self.entities[position] if facts else None
        if entity is not None:
            for extra in (
                birth_date_contribution(query.birth_date, entity.birth_dates),
                country_contribution(query.country, entity),
            ):
                if extra is not None:
                    contributions.append(extra)
        total = sum(c.value * c.weight for c in contributions)
        identifier = (
            identifier_contribution(query.id_number, entity, total) if entity is not None else None
        )
        if identifier is not None:
            contributions.append(identifier)
            total += identifier.value * identifier.weight
        score = round(min(1.0, max(0.0, total)), 4)
        return Hit(
            entity_id=card.id,
            source=card.source,
            source_id=card.source_id,
            caption=card.caption,
            schema=card.schema,
            matched_name=name.display,
            name_kind=name.kind,
            score=score,
            match=score >= alert_at,
            programs=card.programs,
            contributions=tuple(contributions),
        )

    # -- persistence -------------------------------------------------------------------------

    def save(self, path: Path) -> Path:
        """Write the screener to `path` (a file; its folder is created), atomically.

        pickle, not msgspec: the index is numpy arrays and nested frozen dataclasses that
        pickle as they are and load in a fraction of a second, and workers receive the
        screener by pickle anyway."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        payload = {"format": FORMAT, "watchlist": __version__, "screener": self}
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                pickle.dump(payload, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        self.path = path
        return path

    @classmethod
    def load(cls, path: Path) -> Screener:
        """Read a screener written by `save`. Only load files you wrote: it is a pickle."""
        path = Path(path)
        if not path.is_file():
            raise NotFoundError(f"{path}: no saved index here; build one with Screener.save")
        with path.open("rb") as handle:
            try:
                payload = pickle.load(handle)
            except Exception as error:
                raise WatchlistError(
                    f"{path}: not a readable saved index ({error}); delete it and rebuild"
                ) from error
        if not isinstance(payload, dict) or payload.get("format") != FORMAT:
            raise WatchlistError(
                f"{path}: saved by another version of watchlist; delete it and rebuild"
            )
        screener = payload["screener"]
        if not isinstance(screener, cls):
            raise WatchlistError(f"{path}: does not hold a screener; delete it and rebuild")
        screener.path = path
        return screener
