"""Candidate retrieval: which listed names a query could be, without comparing it to all.

Blocking keys per token (lower-case ASCII): the token itself and its one-letter deletions
(every one-edit typo shares a deletion with the original: `madruo` and `maduro` both give
`madro`), its consonant skeleton (transliteration variants: `mhmd`) and its metaphone. Keys map
to vocabulary entries, entries to the names that contain them. Keys are stored as CRC-32 values
in one sorted array: a collision only adds a candidate that exact comparison then drops, and
the arrays pickle in milliseconds where a dict of a million strings takes seconds.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Sequence
from itertools import combinations
from typing import Any, Final

import numpy as np
import numpy.typing as npt
from mypy_extensions import mypyc_attr

from watchlist.index.names import IndexedName, Vocabulary
from watchlist.normalize import glide_skeleton, phonetic_key, skeleton

try:
    from watchlist.index import _rank as _compiled
except ImportError:  # built without a C compiler: `_rank_python` does the work
    _compiled = None  # type: ignore[assignment]
try:
    from watchlist.index import _lookup as _compiled_lookup
except ImportError:  # built without a C compiler: the `..._python` methods do the work
    _compiled_lookup = None  # type: ignore[assignment]

IntArray = npt.NDArray[np.int32]
FloatArray = npt.NDArray[np.float32]
# The compiled modules' results as numpy arrays: a dtype passed as an object, by position,
# costs np.frombuffer half what `dtype=np.int32` does.
_INT32: Final = np.dtype(np.int32)
_UINT32: Final = np.dtype(np.uint32)
_FLOAT32: Final = np.dtype(np.float32)

MIN_DELETION_LENGTH: Final = 4
NEAR_MIN_LENGTH: Final = 3  # the shortest list word `near_entries` finds
INITIAL_CREDIT: Final = 1.5  # what a query initial adds to a name with a word of that letter
LIST_ONLY_SHARE: Final = 0.4  # the share of a list name's unmatched weight that counts against it


def blocking_keys(text: str, *, deletions: bool = True, abjad: bool = False) -> list[str]:
    """The keys a token is found under. Joined runs get no deletion keys: too many, and a
    spacing variant with a typo as well is rare."""
    keys = ["d" + text]
    if deletions and len(text) >= MIN_DELETION_LENGTH:
        keys.extend("d" + text[:i] + text[i + 1 :] for i in range(len(text)))
    skel = skeleton(text, abjad)
    if len(skel) >= 2:
        keys.append("s" + skel)
    elif glide := glide_skeleton(text, abjad):
        # A word of one consonant (ولي `wly`, Wali) would be found by nothing else here.
        keys.append("w" + glide)
    meta = phonetic_key(text)
    if len(meta) >= 2:
        keys.append("p" + meta)
    return keys


def near_keys(text: str) -> set[str]:
    """`text` less none, one or two of its letters. Two words within two edits of each other
    (optimal string alignment) share one: a substitution or a swap of neighbours is undone by
    taking the same letter out of both, a letter put in by taking it out of the longer."""
    keys = {text}
    keys.update(text[:i] + text[i + 1 :] for i in range(len(text)))
    keys.update(
        text[:i] + text[i + 1 : j] + text[j + 1 :] for i, j in combinations(range(len(text)), 2)
    )
    return keys


def two_deletion_keys(text: str) -> list[str]:
    """Deletion keys of `text` less two letters, to meet the one-deletion keys of the list's
    words: a word with two typos in it shares no key of `blocking_keys` with them."""
    return sorted(
        {
            "d" + text[:i] + text[i + 1 : j] + text[j + 1 :]
            for i, j in combinations(range(len(text)), 2)
        }
    )


def _key_hash(key: str) -> int:
    return zlib.crc32(key.encode())


def _csr(groups: Sequence[Sequence[int]]) -> tuple[npt.NDArray[np.int64], IntArray]:
    offsets = np.zeros(len(groups) + 1, dtype=np.int64)
    offsets[1:] = np.cumsum([len(g) for g in groups])
    flat = np.fromiter((v for g in groups for v in g), dtype=np.int32, count=int(offsets[-1]))
    return offsets, flat


def _split(items: npt.NDArray[Any], bounds: bytearray) -> list[npt.NDArray[Any]]:
    """`items` cut at `bounds` (int64 bytes: list i is items[bounds[i]:bounds[i + 1]])."""
    limits = memoryview(bounds).cast("q").tolist()  # read without making a numpy array
    return [items[limits[i] : limits[i + 1]] for i in range(len(limits) - 1)]


def _buckets(hashes: npt.NDArray[np.uint32]) -> npt.NDArray[np.uint32]:
    """Where the sorted `hashes` of each value of their top bits begin, and where the last
    ends: one or two hashes a bucket, so that a lookup searches a few hashes, not all of them
    (the compiled lookup's `buckets`)."""
    bits = int(min(24, max(1, np.ceil(np.log2(max(len(hashes), 4) / 2)))))
    counts = np.bincount(hashes >> np.uint32(32 - bits), minlength=2**bits)
    starts = np.zeros(2**bits + 1, dtype=np.uint32)
    np.cumsum(counts, out=starts[1:])
    return starts


def _near_table(
    entries: list[int], texts: Sequence[str]
) -> tuple[npt.NDArray[np.uint32], npt.NDArray[np.int64], IntArray]:
    """The `near_keys` of the words of `entries`: sorted key hashes, and the entries of the
    i-th at entries[offsets[i]:offsets[i + 1]], sorted, each once."""
    words = [texts[e] for e in entries]
    made = _compiled_lookup.near_key_hashes(words) if _compiled_lookup is not None else None
    if made is not None:
        hashes = np.frombuffer(made[0], _UINT32)
        owners = np.frombuffer(made[1], _INT32)
    else:
        keys = [[_key_hash(k) for k in near_keys(word)] for word in words]
        hashes = np.fromiter((h for word in keys for h in word), dtype=np.uint32)
        owners = np.repeat(np.arange(len(words), dtype=np.int32), [len(k) for k in keys])
    pairs = np.unique((hashes.astype(np.int64) << 32) | np.asarray(entries, dtype=np.int64)[owners])
    found, starts = np.unique((pairs >> 32).astype(np.uint32), return_index=True)
    offsets = np.append(starts, len(pairs)).astype(np.int64)
    return found, offsets, (pairs & 0xFFFFFFFF).astype(np.int32)


def _look_up_python(
    hashes: npt.NDArray[np.uint32],
    offsets: npt.NDArray[np.int64],
    entries: IntArray,
    key_lists: Sequence[Sequence[str]],
) -> list[IntArray]:
    """The entries under any key of each list of `key_lists`, each list's sorted, in a table
    of sorted key `hashes` whose entries are entries[offsets[i]:offsets[i + 1]]: the
    reference of the compiled lookup, and what runs without it."""
    wanted = np.fromiter(
        (_key_hash(k) for keys in key_lists for k in keys),
        dtype=np.uint32,
        count=sum(len(keys) for keys in key_lists),
    )
    at = np.searchsorted(hashes, wanted)
    at[at >= len(hashes)] = 0
    hit = hashes[at] == wanted
    starts = offsets[at]
    lengths = np.where(hit, offsets[at + 1] - starts, 0)
    total = int(lengths.sum())
    # Every key's run of entries in one gather, tagged with the list it serves; then sorted
    # and deduplicated per list at once (list in the high bits, entry in the low).
    positions = np.repeat(starts - (np.cumsum(lengths) - lengths), lengths) + np.arange(total)
    owners = np.repeat(
        np.repeat(np.arange(len(key_lists), dtype=np.int64), [len(k) for k in key_lists]),
        lengths,
    )
    tagged = np.unique((owners << 32) | entries[positions].astype(np.int64))
    bounds = np.searchsorted(tagged >> 32, np.arange(len(key_lists) + 1))
    found = (tagged & 0xFFFFFFFF).astype(np.int32)
    return [found[bounds[i] : bounds[i + 1]] for i in range(len(key_lists))]


def _flags(positions: Sequence[int], size: int) -> npt.NDArray[np.bool_]:
    flags = np.zeros(size, dtype=np.bool_)
    flags[list(positions)] = True
    return flags


# A plain Python class even where mypyc compiles its module (setup.py): one it compiled would
# call __init__ when unpickled.
@mypyc_attr(native_class=False)
class CandidateIndex:
    """Blocking keys -> vocabulary entries -> names."""

    def __init__(
        self,
        key_hashes: npt.NDArray[np.uint32],
        key_offsets: npt.NDArray[np.int64],
        key_entries: IntArray,
        entry_offsets: npt.NDArray[np.int64],
        entry_names: IntArray,
        name_weights: FloatArray,
        initials: dict[str, npt.NDArray[np.bool_]],
        single: npt.NDArray[np.bool_],
        near: tuple[npt.NDArray[np.uint32], npt.NDArray[np.int64], IntArray],
    ) -> None:
        self.key_hashes = key_hashes
        self.key_offsets = key_offsets
        self.key_entries = key_entries
        self.entry_offsets = entry_offsets
        self.entry_names = entry_names
        self.name_weights = name_weights  # total token weight of each name
        self.initials = initials  # letter -> which names have a word starting with it
        self.single = single  # entries that are a name's word, not only a joined run
        # `near_keys` of the list's words -> entries, laid out as the blocking keys are.
        self.near_hashes, self.near_offsets, self.near_key_entries = near
        self.name_count = len(name_weights)
        self._make_buckets()

    def _make_buckets(self) -> None:
        # Made again from the hashes when an index is loaded (2 ms), never saved with it.
        self._key_buckets = _buckets(self.key_hashes)
        self._near_buckets = _buckets(self.near_hashes)

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        del state["_key_buckets"], state["_near_buckets"]
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._make_buckets()

    @classmethod
    def build(cls, vocabulary: Vocabulary, names: Sequence[IndexedName]) -> CandidateIndex:
        entry_names: list[list[int]] = [[] for _ in range(len(vocabulary))]
        single: set[int] = set()
        by_initial: dict[str, list[int]] = {}
        for name_id, name in enumerate(names):
            for letter in {t.text[0] for t in name.tokens}:
                by_initial.setdefault(letter, []).append(name_id)
            for unit in name.units:
                entry = vocabulary.ids[unit.text]
                postings = entry_names[entry]
                if not postings or postings[-1] != name_id:
                    postings.append(name_id)
                if not unit.join:
                    single.add(entry)
        by_key: dict[int, list[int]] = {}
        abjad = vocabulary.features.abjad
        for entry, text in enumerate(vocabulary.texts):
            keys = set(blocking_keys(text, deletions=entry in single))
            if abjad[entry]:
                keys.update(blocking_keys(text, deletions=False, abjad=True))
            for key in keys:
                by_key.setdefault(_key_hash(key), []).append(entry)
        hashes = sorted(by_key)
        key_offsets, key_entries = _csr([by_key[h] for h in hashes])
        entry_offsets, flat_names = _csr(entry_names)
        return cls(
            np.array(hashes, dtype=np.uint32),
            key_offsets,
            key_entries,
            entry_offsets,
            flat_names,
            np.array([sum(name.weights) for name in names], dtype=np.float32),
            {k: _flags(v, len(names)) for k, v in by_initial.items()},
            _flags(sorted(single), len(vocabulary)),
            _near_table(
                [e for e in sorted(single) if len(vocabulary.texts[e]) >= NEAR_MIN_LENGTH],
                vocabulary.texts,
            ),
        )

    def entries_for(self, keys: Iterable[str]) -> IntArray:
        """Vocabulary entries that share at least one of `keys` (unique, unordered)."""
        return self.entries_for_each([list(keys)])[0]

    def entries_for_each(
        self, key_lists: Sequence[Sequence[str]], singles_only: Sequence[bool] | None = None
    ) -> list[IntArray]:
        """`entries_for` of each list of keys, in one search; each sorted. Where
        `singles_only[i]`, list i finds only entries that are a name's word (`single`): a run
        of query words is compared with the list's words, never with its runs."""
        table = (self.key_hashes, self.key_offsets, self.key_entries)
        if singles_only is None or not any(singles_only):
            return self._look_up(*table, key_lists, buckets=self._key_buckets)
        if _compiled_lookup is None:
            found = _look_up_python(*table, key_lists)
            return [
                entries[self.single[entries]] if only else entries
                for only, entries in zip(singles_only, found, strict=True)
            ]
        return self._look_up(
            *table, key_lists, (self.single, list(singles_only)), buckets=self._key_buckets
        )

    def near_entries(self, text: str) -> IntArray:
        """The list's words (of NEAR_MIN_LENGTH letters or more; not joined runs) that share a
        `near_keys` key with `text`, sorted: every one within two edits of it is among them,
        with some further away."""
        table = (self.near_hashes, self.near_offsets, self.near_key_entries)
        found = self._deletion_entries(table, [text], "", 0, self._near_buckets)
        if found is not None:
            return found[0]
        return self._look_up(*table, [list(near_keys(text))], buckets=self._near_buckets)[0]

    def two_deletion_entries(self, texts: Sequence[str]) -> list[IntArray]:
        """`entries_for_each` of each text's `two_deletion_keys`."""
        table = (self.key_hashes, self.key_offsets, self.key_entries)
        found = self._deletion_entries(table, list(texts), "d", 2, self._key_buckets)
        if found is not None:
            return found
        keys = [two_deletion_keys(text) for text in texts]
        return self._look_up(*table, keys, buckets=self._key_buckets)

    def _deletion_entries(
        self,
        table: tuple[npt.NDArray[np.uint32], npt.NDArray[np.int64], IntArray],
        texts: list[str],
        prefix: str,
        fewest: int,
        buckets: npt.NDArray[np.uint32],
    ) -> list[IntArray] | None:
        """Compiled: the entries under `prefix` + each text less `fewest` to two letters, or
        None where the compiled lookup is not built or a text is not ASCII."""
        if _compiled_lookup is None:
            return None
        made = _compiled_lookup.deletion_entries(
            *table,
            len(self.entry_offsets) - 1,
            texts,
            prefix,
            fewest,
            2,
            buckets,
        )
        if made is None:
            return None
        return _split(np.frombuffer(made[0], _INT32), made[1])

    def _look_up(
        self,
        hashes: npt.NDArray[np.uint32],
        offsets: npt.NDArray[np.int64],
        entries: IntArray,
        key_lists: Sequence[Sequence[str]],
        only: tuple[npt.NDArray[np.bool_], list[bool]] | None = None,
        *,
        buckets: npt.NDArray[np.uint32],
    ) -> list[IntArray]:
        if _compiled_lookup is None:
            return _look_up_python(hashes, offsets, entries, key_lists)
        mask, filtered = only if only is not None else (None, None)
        found, bounds = _compiled_lookup.entries_for_each(
            hashes,
            offsets,
            entries,
            len(self.entry_offsets) - 1,
            [keys if isinstance(keys, list) else list(keys) for keys in key_lists],
            mask,
            filtered,
            buckets,
        )
        return _split(np.frombuffer(found, _INT32), bounds)

    def names_with(self, entries: IntArray) -> tuple[IntArray, IntArray]:
        """The names containing each entry: (name ids, position in `entries` of the entry)."""
        starts = self.entry_offsets[entries]
        ends = self.entry_offsets[entries + 1]
        lengths = ends - starts
        if not len(entries) or not lengths.sum():
            empty = np.zeros(0, dtype=np.int32)
            return empty, empty
        owner = np.repeat(np.arange(len(entries), dtype=np.int32), lengths)
        # Positions in entry_names: each run start, then consecutive.
        run_base = np.repeat(starts - np.concatenate(([0], np.cumsum(lengths)[:-1])), lengths)
        positions = run_base + np.arange(int(lengths.sum()))
        return self.entry_names[positions], owner

    def best_credit_per_name(
        self, entries: IntArray, credits: FloatArray
    ) -> tuple[IntArray, FloatArray]:
        """The names holding any of `entries`, each with the best credit among its entries
        (a query word counts once per name, however many of its entries resemble it)."""
        names, owner = self.names_with(entries)
        if not len(names):
            return names, np.zeros(0, dtype=np.float32)
        per_name = credits[owner]
        order = np.lexsort((-per_name, names))
        ordered = names[order]
        first = np.ones(len(order), dtype=np.bool_)
        first[1:] = ordered[1:] != ordered[:-1]
        kept = order[first]
        return names[kept], per_name[kept].astype(np.float32)

    def best_credit_per_name_each(
        self,
        found: Sequence[tuple[IntArray, FloatArray]],
        weights: Sequence[float],
        idf: FloatArray,
    ) -> list[tuple[IntArray, FloatArray]]:
        """For each (entries, similarities) of `found`, `best_credit_per_name` of its entries
        with credits similarity * min(the entry's `idf`, the matching `weights`), in one pass;
        names sorted."""
        if _compiled_lookup is None:
            return self._best_credit_per_name_each_python(found, weights, idf)
        names, credits, bounds = _compiled_lookup.best_credit_per_name_each(
            self.entry_offsets,
            self.entry_names,
            self.name_count,
            idf,
            [
                (np.ascontiguousarray(e, np.int32), np.ascontiguousarray(s, np.float32))
                for e, s in found
            ],
            [float(w) for w in weights],
        )
        ids = _split(np.frombuffer(names, _INT32), bounds)
        scores = _split(np.frombuffer(credits, _FLOAT32), bounds)
        return list(zip(ids, scores, strict=True))

    def _best_credit_per_name_each_python(
        self,
        found: Sequence[tuple[IntArray, FloatArray]],
        weights: Sequence[float],
        idf: FloatArray,
    ) -> list[tuple[IntArray, FloatArray]]:
        """`best_credit_per_name_each` in numpy: the reference of the compiled version, and what
        runs without it."""
        entry_lists = [entries for entries, _ in found]
        credit_lists = [
            sims * np.minimum(idf[entries], np.float32(weight))
            for weight, (entries, sims) in zip(weights, found, strict=True)
        ]
        if not entry_lists:
            return []
        entries = np.concatenate(entry_lists)
        credits = np.concatenate(credit_lists).astype(np.float32)
        lists = np.repeat(
            np.arange(len(entry_lists), dtype=np.int64), [len(e) for e in entry_lists]
        )
        names, owner = self.names_with(entries)
        if not len(names):
            empty = (np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32))
            return [empty for _ in entry_lists]
        per_name = credits[owner]
        tagged = (lists[owner] << 32) | names.astype(np.int64)
        order = np.lexsort((-per_name, tagged))
        ordered = tagged[order]
        first = np.ones(len(order), dtype=np.bool_)
        first[1:] = ordered[1:] != ordered[:-1]
        kept = order[first]
        kept_tags = tagged[kept]
        kept_names, kept_credits = names[kept], per_name[kept]
        bounds = np.searchsorted(kept_tags >> 32, np.arange(len(entry_lists) + 1))
        return [
            (kept_names[bounds[i] : bounds[i + 1]], kept_credits[bounds[i] : bounds[i + 1]])
            for i in range(len(entry_lists))
        ]

    def rank(
        self,
        hits: Sequence[tuple[IntArray, FloatArray]],
        *,
        query_weight: float,
        initials: Sequence[str] = (),
        limit: int,
        mask: npt.NDArray[np.bool_] | None = None,
    ) -> tuple[IntArray, FloatArray]:
        """The `limit` names most likely to match the query, best first, with their estimates.

        `hits` holds, per query unit, the names it resembles and the best credit each earns
        (`best_credit_per_name`). A name's overlap sums its credits over the query units, plus
        INITIAL_CREDIT per query initial that starts one of its words. Names are ranked by
        overlap / (query weight + LIST_ONLY_SHARE * name weight not covered): a rough version
        of the scorer's formula, so that `KIM, Song` comes before the hundred other KIMs for
        `KIM, S.`. Names where `mask` is False are left out; of names with equal estimates, the
        lower name id ranks first.
        """
        runs = [(names, credits) for names, credits in hits if len(names)]
        if not runs:
            return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32)
        if _compiled is not None:
            flags = [self.initials[letter] for letter in initials if letter in self.initials]
            ids, estimates = _compiled.rank(
                [
                    (np.ascontiguousarray(n, np.int32), np.ascontiguousarray(c, np.float32))
                    for n, c in runs
                ],
                flags,
                mask,
                self.name_weights,
                query_weight,
                limit,
                LIST_ONLY_SHARE,
                INITIAL_CREDIT,
            )
            return np.frombuffer(ids, _INT32), np.frombuffer(estimates, _FLOAT32)
        return self._rank_python(runs, query_weight, initials, limit, mask)

    def _rank_python(
        self,
        runs: Sequence[tuple[IntArray, FloatArray]],
        query_weight: float,
        initials: Sequence[str],
        limit: int,
        mask: npt.NDArray[np.bool_] | None,
    ) -> tuple[IntArray, FloatArray]:
        """`rank` in numpy: the reference of the compiled version, and what runs without it."""
        names = np.concatenate([n for n, _ in runs])
        credits = np.concatenate([c for _, c in runs])
        touched, inverse = np.unique(names, return_inverse=True)
        total = np.bincount(inverse, weights=credits).astype(np.float32)
        for letter in initials:
            found = self.initials.get(letter)
            if found is not None:
                total[found[touched]] += INITIAL_CREDIT
        if mask is not None:
            keep = mask[touched]
            touched, total = touched[keep], total[keep]
        if not len(touched):
            return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32)
        uncovered = np.maximum(self.name_weights[touched] - total, 0.0)
        estimate = total / (max(query_weight, 1e-3) + LIST_ONLY_SHARE * uncovered)
        top = np.arange(len(touched))
        if limit < len(touched):
            # Every name as good as the limit-th, so that ties go to the lower name id.
            kth = np.partition(-estimate, limit - 1)[limit - 1] if limit > 0 else -np.inf
            top = np.flatnonzero(-estimate <= kth)
        order = top[np.lexsort((touched[top], -estimate[top]))][:limit]
        return touched[order].astype(np.int32), estimate[order].astype(np.float32)
