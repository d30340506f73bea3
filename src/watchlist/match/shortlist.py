"""Which candidate names of a query can still reach the threshold, before any is compared in full.

A name's bound is what `compare_aligned` would give it if every word with a similar word on the
other side matched exactly (`_upper_bound`); names bounded below the floor are dropped, and each
name kept comes with its word pairs, the candidates `compare_aligned` aligns. Most names fall
here: on 2,000 dev-set records, 11 of 12.

The work is a loop over every word of some twenty names per query, so it runs compiled where it
can (`_shortlist.c`, same arithmetic); `_shortlist_python` is the reference and what runs without
a C compiler, or for a name of more than 64 words, where a word's bit no longer fits.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

import numpy as np
import numpy.typing as npt

from watchlist.index.names import IndexedName
from watchlist.match.features import WEAK_ALIAS_PENALTY
from watchlist.match.names import INITIAL_PAIR_WEIGHT, LIST_ONLY_PENALTY, SECONDARY_PART_PENALTY
from watchlist.match.similarity import JOIN_MIN_SIMILARITY, MIN_SIMILARITY
from watchlist.model import NameKind
from watchlist.normalize import Unit

try:
    from watchlist.match import _shortlist as _compiled
except ImportError:  # built without a C compiler: the Python version below does the work
    _compiled = None  # type: ignore[assignment]
if _compiled is not None:
    _compiled.configure(
        MIN_SIMILARITY,
        JOIN_MIN_SIMILARITY,
        SECONDARY_PART_PENALTY,
        LIST_ONLY_PENALTY,
        INITIAL_PAIR_WEIGHT,
        WEAK_ALIAS_PENALTY,
    )

MAX_WORDS: Final = 64  # a name's words are bits of one 64-bit mask in the compiled version

Candidate = tuple[int, int, float]  # query unit, list unit, similarity
_WEAK = NameKind.WEAK_ALIAS.value
_INT64: Final = np.dtype(np.int64)  # np.frombuffer reads it faster than `dtype=np.int64`


class NameTable:
    """The list's names as flat arrays, as the compiled shortlist reads them: each name's units
    (vocabulary entry, mask of the tokens it covers), token weights, and whether it is a
    person's and a weak alias."""

    def __init__(self, names: Sequence[IndexedName]) -> None:
        self.unit_offsets = _offsets([len(name.units) for name in names])
        self.unit_entries = np.fromiter(
            (entry for name in names for entry in name.unit_entries), dtype=np.int64
        )
        self.token_offsets = _offsets([len(name.weights) for name in names])
        self.token_weights = np.fromiter(
            (weight for name in names for weight in name.weights), dtype=np.float64
        )
        self.flags = np.array(
            [int(name.person) | (2 if name.kind == _WEAK else 0) for name in names],
            dtype=np.uint8,
        )
        self.fits = all(len(name.tokens) <= MAX_WORDS for name in names)
        self.unit_masks = np.fromiter(
            (unit.mask if self.fits else 0 for name in names for unit in name.units),
            dtype=np.uint64,
        )

    def entries_of(self, name_ids: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
        """The vocabulary entries of these names' units, sorted, each once."""
        if _compiled is not None:
            found = _compiled.entries_of(
                np.ascontiguousarray(name_ids, dtype=np.int64), self.unit_offsets, self.unit_entries
            )
            return np.frombuffer(found, _INT64)
        starts = self.unit_offsets[name_ids]
        lengths = self.unit_offsets[name_ids + 1] - starts
        run_base = np.repeat(starts - (np.cumsum(lengths) - lengths), lengths)
        return np.unique(self.unit_entries[run_base + np.arange(int(lengths.sum()))])


def _offsets(lengths: Sequence[int]) -> npt.NDArray[np.int64]:
    offsets = np.zeros(len(lengths) + 1, dtype=np.int64)
    offsets[1:] = np.cumsum(lengths)
    return offsets


def shortlist(
    matrix: npt.NDArray[np.float32],
    entries: npt.NDArray[np.int64],
    units: Sequence[Unit],
    weights_person: Sequence[float],
    weights_other: Sequence[float],
    names: Sequence[IndexedName],
    table: NameTable,
    name_ids: npt.NDArray[np.int64],
    floor: float,
) -> list[tuple[int, list[Candidate]]]:
    """(k, candidates) for each name `name_ids[k]` whose bound reaches `floor` (every name when
    `floor` is 0), in order. `matrix` holds the similarity of each query unit (row) to each of
    the sorted vocabulary `entries` (column) that the names hold; a pair counts from
    MIN_SIMILARITY. A name's candidates are its (query unit, list unit, similarity) pairs, by
    list unit, then query unit, less those `compare_aligned` passes over: a joined run with
    another, or with a word below JOIN_MIN_SIMILARITY (they still count towards the bound)."""
    if _compiled is not None and table.fits and len(weights_person) <= MAX_WORDS:
        return _compiled.shortlist(
            np.ascontiguousarray(matrix, dtype=np.float32),
            np.ascontiguousarray(entries, dtype=np.int64),
            np.array([unit.mask for unit in units], dtype=np.uint64),
            np.array(weights_person, dtype=np.float64),
            np.array(weights_other, dtype=np.float64),
            np.ascontiguousarray(name_ids, dtype=np.int64),
            table.unit_offsets,
            table.unit_entries,
            table.unit_masks,
            table.token_offsets,
            table.token_weights,
            table.flags,
            floor,
        )
    return _shortlist_python(
        matrix, entries, units, weights_person, weights_other, names, name_ids, floor
    )


def _shortlist_python(
    matrix: npt.NDArray[np.float32],
    entries: npt.NDArray[np.int64],
    units: Sequence[Unit],
    weights_person: Sequence[float],
    weights_other: Sequence[float],
    names: Sequence[IndexedName],
    name_ids: npt.NDArray[np.int64],
    floor: float,
) -> list[tuple[int, list[Candidate]]]:
    rows, cols = np.nonzero(matrix >= MIN_SIMILARITY)
    by_entry: dict[int, list[tuple[int, float]]] = {}
    for qi, entry, sim in zip(
        rows.tolist(), entries[cols].tolist(), matrix[rows, cols].tolist(), strict=True
    ):
        by_entry.setdefault(entry, []).append((qi, sim))
    # The query tokens each entry is similar to.
    entry_masks: dict[int, int] = {}
    for entry, pairs in by_entry.items():
        covered = 0
        for qi, _ in pairs:
            covered |= units[qi].mask
        entry_masks[entry] = covered
    kept: list[tuple[int, list[Candidate]]] = []
    for k, name_id in enumerate(name_ids.tolist()):
        name = names[name_id]
        if floor > 0:
            query_covered = list_covered = 0
            for unit, entry in zip(name.units, name.unit_entries, strict=True):
                mask = entry_masks.get(entry)
                if mask is not None:
                    query_covered |= mask
                    list_covered |= unit.mask
            weights = weights_person if name.person else weights_other
            if _upper_bound(weights, name, query_covered, list_covered) < floor:
                continue
        candidates = [
            (qi, li, sim)
            for li, (entry, listed) in enumerate(zip(name.unit_entries, name.units, strict=True))
            for qi, sim in by_entry.get(entry, ())
            if not (listed.join or units[qi].join)
            or (sim >= JOIN_MIN_SIMILARITY and not (listed.join and units[qi].join))
        ]
        kept.append((k, candidates))
    return kept


def _upper_bound(
    query_weights: Sequence[float], name: IndexedName, query_covered: int, list_covered: int
) -> float:
    """The most `compare_aligned` can give this name: words with no similar word on the other
    side are surely left over (a query word costs its weight, a list word at least 0.25 of
    it), and at best every other word matches exactly. `query_covered` and `list_covered` have
    bit i set for each query and list token with a similar word on the other side."""
    matched = 0.0
    penalty = 0.0
    beta = SECONDARY_PART_PENALTY if name.person else LIST_ONLY_PENALTY
    for i, weight in enumerate(name.weights):
        if list_covered >> i & 1:
            matched += max(weight, INITIAL_PAIR_WEIGHT)
        else:
            penalty += beta * weight
    for i, weight in enumerate(query_weights):
        if not query_covered >> i & 1:
            penalty += weight
    bound = matched / (matched + penalty) if matched else 0.0
    return bound + (WEAK_ALIAS_PENALTY if name.kind == _WEAK else 0.0)
