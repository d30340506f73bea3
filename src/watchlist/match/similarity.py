"""How alike two name tokens are, in [0, 1], for whole sets of tokens at once.

A token pair is the best of:
- its edit similarity (optimal string alignment, so a swap of two letters is one edit):
  typos, `maduro`/`madruo` 0.83;
- 0.95 times the edit similarity of the loose forms: vowels in three classes and consonant
  spellings in one class, as romanisation varies them (`mohammed`/`muhammad` both `muhamid`/
  `muhamad`, 0.82; `usama`/`osama` 0.95), while names that differ in kind stay apart
  (`maria`/`mauro` 0.57, `hassan`/`hussein` 0.57);
- the edit similarity of the consonant skeletons, when one side was romanised from a script
  that writes no short vowels, as Arabic and Persian are (محمد `mhmd`/`mohammed` 0.9,
  الظواهري `zwahry`/`zawahiri`; ق also read as g: قاسمي `qasmy`/`gasmi`, and `sh` as s
  and h: صحراوي `shrawy`/`sahraoui`);
- for words of five letters or more (against four or more, at most two letters apart in
  length), a typing-error similarity: an edit distance where a swap of two letters and an
  extra key (doubled, or beside the one it follows) cost half an edit, a QWERTY-neighbour
  substitution and a letter left out three quarters
  (`satnso`/`santoso` 0.82 where plain edits give 0.71), as the edits a typist makes most are
  cheap (`typo_similarity`); a swap may be edited again, as a letter typed two places late
  is (`epgyt`/`egypt` 0.8);
- an initial: `n` in the query against `nicolas` 0.85 (a list's initial against a query's full
  word 0.75).
Tokens with digits match only when equal.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any, Final

import numpy as np
import numpy.typing as npt
from rapidfuzz.distance import OSA
from rapidfuzz.process import cdist, cpdist

from watchlist.normalize.features import TokenFeatures
from watchlist.normalize.keyboard import NEIGHBOURS

# The compiled modules' results as numpy arrays: a dtype passed as an object, by position,
# costs np.frombuffer half what `dtype=np.int32` does.
_INT8: Final = np.dtype(np.int8)
_INT32: Final = np.dtype(np.int32)
_FLOAT32: Final = np.dtype(np.float32)

# Below this a token pair is no evidence of the same name; alignment leaves the tokens
# unmatched. Joined runs of tokens must reach JOIN_MIN_SIMILARITY.
MIN_SIMILARITY: Final = 0.7
JOIN_MIN_SIMILARITY: Final = 0.85
INITIAL_SIMILARITY: Final = 0.85
LIST_INITIAL_SIMILARITY: Final = 0.75
_LOOSE_FACTOR: Final = 0.95
_SHORT_FACTOR: Final = 0.9
_SHORT_LENGTH: Final = 4  # words this short on both sides take _SHORT_FACTOR
# Typing-error similarity is worked out for pairs of words whose plain edit similarity is in
# [_TYPO_FROM, _TYPO_BELOW) (below, no two typos explain them; above, it adds nothing that
# matters), the longer of this length; the shorter may have lost a letter to the typos
# (`mall` for `mualla`, `sasa` for `assad`), but not more than _TYPO_LENGTH_GAP letters:
# `mohammadreza` is not `mohammad` typed with four extra keys, each beside the next.
_TYPO_MIN_LENGTH: Final = 5
_TYPO_SHORTER_MIN_LENGTH: Final = 4
_TYPO_LENGTH_GAP: Final = 2
_TYPO_FROM: Final = 0.6
_TYPO_BELOW: Final = 0.8
# Typing errors read edits generously, so a pair must come closer through them than through
# plain edits: at 0.7 a dropped and a wrong letter make other names (`ghada`/`ghamdi`,
# `taheem`/`naeem`).
_TYPO_MIN: Final = 0.75
# No typing error costs less than half an edit, so a pair whose plain edit distance is over
# twice what typo_similarity allows (1 - _TYPO_MIN of the longer length) scores 0 there; the
# margin (on the safe side) is below any step of a normalised distance and above float32
# rounding.
_TYPO_PLAIN_FROM = 1.0 - 2 * (1.0 - _TYPO_MIN) - 1e-4
_TYPO_CAP: Final = 0.85  # a word read through typing errors is never as good as a near-equal one
_CHEAP_EDIT: Final = 0.5  # two letters swapped, an extra key doubled or beside the one it follows
_NEIGHBOUR_EDIT: Final = 0.75  # a neighbouring key for the right one: still another letter
# A letter left out (or one more, read from the other side): with the swap, the error typists
# make most, and cheaper than a wrong letter, which puts something else in the name.
_DROPPED_LETTER: Final = 0.75
_ONE_TYPING_ERROR = max(_NEIGHBOUR_EDIT, _DROPPED_LETTER)
_TWO_TYPING_ERRORS = 2 * _ONE_TYPING_ERROR
# Similarities are float32: 0.8 reads 0.80000001.
_TOLERANCE: Final = 1e-6

_NEAR_KEYS = {
    key: frozenset(other for left, other in NEIGHBOURS if left == key) for key, _ in NEIGHBOURS
}
_NO_KEYS: frozenset[str] = frozenset()

try:
    from watchlist.match import _typo as _compiled
except ImportError:  # built without a C compiler: the Python version below does the work
    _compiled = None  # type: ignore[assignment]
if _compiled is not None:
    _compiled.configure(
        "".join(a + b for a, b in sorted(NEIGHBOURS)),
        _CHEAP_EDIT,
        _NEIGHBOUR_EDIT,
        _DROPPED_LETTER,
        _TYPO_MIN,
        _TOLERANCE,
    )
    _compiled.configure_spelling(
        _LOOSE_FACTOR,
        _SHORT_FACTOR,
        _SHORT_LENGTH,
        _TYPO_MIN_LENGTH,
        _TYPO_SHORTER_MIN_LENGTH,
        _TYPO_LENGTH_GAP,
        _TYPO_FROM,
        _TYPO_BELOW,
        _TYPO_PLAIN_FROM,
        _TYPO_CAP,
        INITIAL_SIMILARITY,
        LIST_INITIAL_SIMILARITY,
    )


@lru_cache(maxsize=100_000)
def _extra_key_costs(text: str) -> tuple[float, ...]:
    """What leaving out each letter of `text` costs: little for a key doubled or beside the
    key next to it, as a finger hits two; a dropped letter otherwise."""
    costs = []
    for i, ch in enumerate(text):
        near = (i > 0 and (text[i - 1] == ch or (text[i - 1], ch) in NEIGHBOURS)) or (
            i + 1 < len(text) and (text[i + 1] == ch or (text[i + 1], ch) in NEIGHBOURS)
        )
        costs.append(_CHEAP_EDIT if near else _DROPPED_LETTER)
    return tuple(costs)


def typo_similarity(left: str, right: str) -> float:
    """1 - (typing-error distance / longer length), 0 below _TYPO_MIN. The distance is
    optimal string alignment with cheap edits for what typists do most: a neighbouring key for
    the right one, an extra key next to or the same as the one beside it, two letters swapped;
    either side may hold the typo. Hand-written: rapidfuzz weighs edits by kind, not by letter.
    Runs compiled (`_typo.c`) where the install built it."""
    if _compiled is not None:
        value = _compiled.typo_similarity_best(left, right)
        if value is not None:
            return float(value)
    return max(_typo_similarity_direct(left, right), _after_a_swap(left, right))


def _typo_similarity_direct(left: str, right: str) -> float:
    if _compiled is not None:
        value = _compiled.typo_similarity(left, right)
        if value is not None:
            return float(value)
    return _typo_similarity_python(left, right)


def _after_a_swap(left: str, right: str) -> float:
    """`typo_similarity` where two letters swapped came first and a second error then touched
    one of them, which optimal string alignment cannot read (it edits a swapped pair no
    further): a letter typed two places late (`epgyt` for `egypt`, two swaps), a swap and a
    neighbouring key on one letter (`ghkai` for `ghali`). 0 below _TYPO_MIN."""
    longer = max(len(left), len(right), 1)
    best = 0.0
    for i in range(len(left) - 1):
        if left[i] == left[i + 1]:
            continue
        swapped = f"{left[:i]}{left[i + 1]}{left[i]}{left[i + 2 :]}"
        value = _typo_similarity_direct(swapped, right)
        if value > 0.0:
            best = max(best, value - _CHEAP_EDIT / longer)
    return best if best >= _TYPO_MIN - _TOLERANCE else 0.0


def typing_distance(left: str, right: str) -> float:
    """The typing-error distance that `typo_similarity` reads, however large."""
    return (1.0 - _typo_similarity_python(left, right, 0.0)) * max(len(left), len(right), 1)


def typing_errors_explain(left: str, right: str) -> bool:
    """Whether typing errors explain how two folded words differ, for words of the lengths
    `similarity_matrix` compares: within _TYPO_MIN as `typo_similarity` reads them, or within
    two of the errors that cost most (a neighbouring key, a letter left out), which in a word
    of five letters is below _TYPO_MIN (`dang` for `chang`)."""
    shorter, longer = sorted((len(left), len(right)))
    if (
        longer < _TYPO_MIN_LENGTH
        or shorter < _TYPO_SHORTER_MIN_LENGTH
        or longer - shorter > _TYPO_LENGTH_GAP
    ):
        return False
    budget = max(_TWO_TYPING_ERRORS, (1.0 - _TYPO_MIN) * longer)
    return typing_distance(left, right) <= budget + _TOLERANCE


def one_typing_error(left: str, right: str) -> bool:
    """Whether one typing error (a neighbouring key, a letter left out or added, two letters
    swapped) makes one folded word of the other: `fahim`/`rahim`, `amal`/`jamal`."""
    return typing_distance(left, right) <= _ONE_TYPING_ERROR + _TOLERANCE


def typing_error_and_slip(left: str, right: str) -> bool:
    """Whether two edits, one typing error and one slip of the cheapest kind (two letters
    swapped, an extra key beside the one it follows), make one folded word of the other:
    `ypong` for `ryong` (the `r` left out, the `p` beside the `o` hit as well), not `yeong`
    for `myong` (a letter left out and another put in). A word one letter from the other is
    not two errors even where they would spell it (`zarko` for `marko`, `z` hit beside the
    `a` and `m` left out): it is one wrong letter, and another name unless a neighbouring key."""
    return (
        OSA.distance(left, right) >= 2
        and typing_distance(left, right) <= _ONE_TYPING_ERROR + _CHEAP_EDIT + _TOLERANCE
    )


def typo_similarities(lefts: list[str], rights: list[str]) -> list[float]:
    """`typo_similarity` of each pair of the two lists, in one call where it is compiled."""
    if _compiled is None:
        return [typo_similarity(a, b) for a, b in zip(lefts, rights, strict=True)]
    values = _compiled.typo_similarities(lefts, rights, True)
    return [
        float(v) if v is not None else typo_similarity(a, b)
        for v, a, b in zip(values, lefts, rights, strict=True)
    ]


@lru_cache(maxsize=100_000)
def _typo_similarity_python(left: str, right: str, floor: float = _TYPO_MIN) -> float:
    """The reference implementation of `typo_similarity`, which `_typo.c` follows step by step
    (`floor` in place of _TYPO_MIN)."""
    n, m = len(left), len(right)
    limit = (1.0 - floor) * max(n, m)
    left_extra, right_extra = _extra_key_costs(left), _extra_key_costs(right)
    previous2: list[float] = []
    previous = [0.0]
    for j in range(m):
        previous.append(previous[-1] + right_extra[j])
    for i in range(1, n + 1):
        ch = left[i - 1]
        before = left[i - 2] if i > 1 else ""
        extra = left_extra[i - 1]
        near = _NEAR_KEYS.get(ch, _NO_KEYS)
        diagonal = previous[0]
        last = diagonal + extra
        current = [last]
        prior = ""  # the right-hand letter before `other`
        for j, other in enumerate(right):
            up = previous[j + 1]
            if ch == other:
                best = diagonal
            elif other in near:
                best = diagonal + _NEIGHBOUR_EDIT
            else:
                best = diagonal + 1.0
            if up + extra < best:
                best = up + extra
            if last + right_extra[j] < best:
                best = last + right_extra[j]
            if before == other and ch == prior and previous2[j - 1] + _CHEAP_EDIT < best:
                best = previous2[j - 1] + _CHEAP_EDIT
            current.append(best)
            last, diagonal, prior = best, up, other
        # A letter swap reaches row i from row i-2, so only two rows in a row over the limit
        # prove that no alignment can come back under it (row 0 among them).
        if min(current) > limit and min(previous) > limit:
            return 0.0  # below _TYPO_MIN whatever follows
        previous2, previous = previous, current
    if previous[m] > limit:
        return 0.0
    return 1.0 - previous[m] / max(n, m, 1)


FloatMatrix = npt.NDArray[np.float32]
FloatArray = npt.NDArray[np.float32]
IntArray = npt.NDArray[np.int32]


def similarity_matrix(left: TokenFeatures, right: TokenFeatures, floor: float = 0.0) -> FloatMatrix:
    """Similarity of every token in `left` to every token in `right`. Pairs whose similarity
    is below `floor` may read lower (the compiled path does not compare words that differ too
    much to reach it); those at `floor` or above read exactly."""
    if not len(left) or not len(right):
        return np.zeros((len(left), len(right)), dtype=np.float32)
    if _compiled is not None:
        found = _compiled.spelling_matrix(*left.as_lists(), *right.as_lists(), floor)
        if found is not None:
            sim: FloatMatrix = np.frombuffer(found, _FLOAT32).reshape(len(left), len(right))
            abjad = left.abjad[:, None] | right.abjad[None, :]
            if abjad.any():
                # Credit and initials both raise `sim` to a maximum: in either order, the same.
                _read_abjad(sim, abjad, left, right)
                sim = _digits_equal(sim, left.numeric[:, None] | right.numeric[None, :])
            return sim
    return _similarity_matrix_numpy(left, right)


def packed_words(vocabulary: TokenFeatures) -> bytearray | None:
    """A list's words as the compiled similarity reads them by entry (`pack_words`: letters
    counted, lengths and texts in one block), made once per vocabulary; None without the
    compiled module. Reading a word from its str objects, scattered across memory, cost more
    than comparing it."""
    if _compiled is None:
        return None
    return vocabulary.packed(_compiled.pack_words)


def packed_readings(features: TokenFeatures) -> bytearray | None:
    """The consonant readings of a list's words as the compiled similarity reads them
    (`pack_readings`), made once per list; None without the compiled module."""
    if _compiled is None:
        return None
    return features.packed_readings(_compiled.pack_readings)


def _readings_of(left: TokenFeatures, vocabulary: TokenFeatures) -> tuple[Any, ...]:
    """The compiled readers' last two arguments: both sides' consonant readings."""
    return packed_readings(left), packed_readings(vocabulary)


def similarity_to_entries(
    left: TokenFeatures,
    vocabulary: TokenFeatures,
    entries: npt.NDArray[np.int64],
    floor: float | Sequence[float] = 0.0,
) -> FloatMatrix:
    """`similarity_matrix(left, vocabulary.take(entries), floor)`, where `floor` may also be
    one floor per word of `left`, each row read against its own (a joined run's pairs count
    from JOIN_MIN_SIMILARITY). The compiled path reads the entries' words where they are:
    taking every feature of the entries cost a query more than comparing them. Pairs with an
    abjad word read both words' consonant readings there too, packed once a list."""
    floors = floor if isinstance(floor, float | int) else [float(f) for f in floor]
    if _compiled is not None and len(left) and len(entries):
        at = np.ascontiguousarray(entries, dtype=np.int64)
        lists = (*left.as_lists(), *vocabulary.as_lists())
        args = (*lists, floors, at, left.abjad, vocabulary.abjad, packed_words(vocabulary))
        found = _compiled.spelling_matrix(*args, None, None)
        if found is None and (left.abjad.any() or vocabulary.abjad[at].any()):
            # Declined for an abjad word: read again with both sides' consonant readings,
            # packed only now, as most queries hold no abjad word.
            found = _compiled.spelling_matrix(*args, *_readings_of(left, vocabulary))
        if found is not None:
            return np.frombuffer(found, _FLOAT32).reshape(len(left), len(entries))
    # numpy reads every pair exactly: the lowest floor is every row's.
    lowest = floors if isinstance(floors, float | int) else min(floors, default=0.0)
    return similarity_matrix(left, vocabulary.take(entries), lowest)


def similarity_pairs_to_entries(
    left: TokenFeatures,
    word: npt.NDArray[np.integer[Any]],
    vocabulary: TokenFeatures,
    entries: npt.NDArray[np.integer[Any]],
    floor: float = 0.0,
) -> FloatArray:
    """`similarity_pairs(left.take(word), vocabulary.take(entries), word)`, where `word` (not
    decreasing) numbers the `left` word of each pair and `entries` its vocabulary entry. Pairs
    below `floor` may read lower. The compiled path reads the words in place; only pairs with
    an abjad word take their features, for the skeleton readings on top."""
    if _compiled is not None and len(entries):
        found = _compiled.spelling_pairs(
            *left.as_lists(),
            *vocabulary.as_lists(),
            floor,
            np.ascontiguousarray(word, dtype=np.int64),
            np.ascontiguousarray(entries, dtype=np.int64),
        )
        if found is not None:
            sim: FloatArray = np.frombuffer(found, _FLOAT32)
            abjad = np.flatnonzero(left.abjad[word] | vocabulary.abjad[entries])
            if len(abjad):
                # Credit and initials both raise `sim` to a maximum: in either order, the same.
                lefts, rights = left.take(word[abjad]), vocabulary.take(entries[abjad])
                raised = np.maximum(sim[abjad], _abjad_credit_pairs(lefts, rights))
                sim[abjad] = _digits_equal(raised, lefts.numeric | rights.numeric)
            return sim
    return similarity_pairs(left.take(word), vocabulary.take(entries), word)


Similar = tuple[IntArray, FloatArray]


def similar_entries_best(
    left: TokenFeatures,
    vocabulary: TokenFeatures,
    found: Sequence[IntArray],
    floors: Sequence[float],
    floor: float,
) -> tuple[list[Similar], list[float]]:
    """For each word of `left`, the entries of `vocabulary` in its `found` (int32) whose
    similarity to it is at least its `floors` (float32), in order, with that similarity; and
    each word's best similarity among them (0.0 where it has none). `floor` (at most every
    floor) as in `similarity_pairs_to_entries`. The compiled path reads each word against its
    own entries, a word with an abjad pair with the consonant readings of both sides (read
    again: most words have none); numpy reads what it cannot (readings not one byte a
    letter)."""
    if _compiled is not None and len(left):
        runs = [np.ascontiguousarray(entries, dtype=np.int32) for entries in found]
        made = _similar_runs(left, vocabulary, runs, floors, floor, (None, None))
        if made is not None:
            similar, best, skipped = made
            if skipped:
                # Words with an abjad pair, read again with both sides' consonant readings.
                lefts = left.take(skipped)
                again = _similar_runs(
                    lefts,
                    vocabulary,
                    [runs[k] for k in skipped],
                    [floors[k] for k in skipped],
                    floor,
                    _readings_of(lefts, vocabulary),
                )
                if again is not None:
                    for k, found_k, best_k in zip(skipped, again[0], again[1], strict=True):
                        similar[k], best[k] = found_k, best_k
                    skipped = [skipped[i] for i in again[2]]
            if skipped:  # readings the compiled path cannot read
                read = _similar_entries_each_python(
                    left.take(skipped),
                    vocabulary,
                    [runs[k] for k in skipped],
                    [floors[k] for k in skipped],
                    floor,
                )
                for k, found_k in zip(skipped, read, strict=True):
                    similar[k] = found_k
                    best[k] = _best_of(found_k[1])
            return similar, best
    similar = _similar_entries_each_python(left, vocabulary, found, floors, floor)
    return similar, [_best_of(sims) for _, sims in similar]


def _similar_runs(
    left: TokenFeatures,
    vocabulary: TokenFeatures,
    runs: list[IntArray],
    floors: Sequence[float],
    floor: float,
    readings: tuple[Any, ...],
) -> tuple[list[Similar], list[float], list[int]] | None:
    """The compiled `similar_runs`: each word's similar entries and best similarity, and the
    words it left to the caller; None where it cannot read the words."""
    made = _compiled.similar_runs(
        *left.as_lists(),
        *vocabulary.as_lists(),
        floor,
        [float(f) for f in floors],
        runs,
        left.abjad,
        vocabulary.abjad,
        packed_words(vocabulary),
        *readings,
    )
    if made is None:
        return None
    limits = memoryview(made[2]).cast("q").tolist()
    entries = np.frombuffer(made[0], _INT32)
    sims = np.frombuffer(made[1], _FLOAT32)
    similar = [
        (entries[limits[k] : limits[k + 1]], sims[limits[k] : limits[k + 1]])
        for k in range(len(runs))
    ]
    best: list[float] = memoryview(made[4]).cast("f").tolist()  # type: ignore[assignment]
    return similar, best, made[3]


def _best_of(similarities: FloatArray) -> float:
    return float(similarities.max()) if len(similarities) else 0.0


def _similar_entries_each_python(
    left: TokenFeatures,
    vocabulary: TokenFeatures,
    found: Sequence[IntArray],
    floors: Sequence[float],
    floor: float,
) -> list[Similar]:
    """`similar_entries_best` less the best similarities, through
    `similarity_pairs_to_entries`: the reference of the compiled path, and what reads the
    words it cannot."""
    empty = (np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32))
    if not sum(len(entries) for entries in found):
        return [empty for _ in found]
    # Each word against its own entries only: looked up together, words cost what their
    # pairs cost, not what every word against every entry would.
    word = np.repeat(np.arange(len(found)), [len(entries) for entries in found])
    every = np.concatenate(found)
    sims = similarity_pairs_to_entries(left, word, vocabulary, every, floor=floor)
    kept = np.flatnonzero(sims >= np.array(floors, dtype=np.float32)[word])
    bounds = np.searchsorted(word[kept], np.arange(len(found) + 1)).tolist()
    entries, similarities = every[kept], sims[kept]
    return [
        (entries[bounds[k] : bounds[k + 1]], similarities[bounds[k] : bounds[k + 1]])
        for k in range(len(found))
    ]


def entries_within(
    text: str,
    texts: list[str],
    entries: IntArray,
    max_edits: int,
    shortest: int,
    longest: int,
    packed: bytearray | None = None,
) -> tuple[IntArray, npt.NDArray[np.int8]]:
    """Of `entries`, those whose word in `texts` has `shortest` to `longest` letters and is
    within `max_edits` edits of `text` (optimal string alignment), in order, and their
    distances. Compiled where built, reading `packed` (`packed_words` of the vocabulary whose
    texts `texts` are) where given."""
    if _compiled is not None:
        found = _compiled.entries_within(
            text,
            texts,
            np.ascontiguousarray(entries, dtype=np.int32),
            max_edits,
            shortest,
            longest,
            packed,
        )
        if found is not None:
            return np.frombuffer(found[0], _INT32), np.frombuffer(found[1], _INT8)
    entries = np.asarray(entries, dtype=np.int32)
    sized = [k for k, e in enumerate(entries.tolist()) if shortest <= len(texts[e]) <= longest]
    entries = entries[sized]
    if not len(entries):
        return entries, np.zeros(0, dtype=np.int8)
    distances = cdist(
        [text],
        [texts[e] for e in entries.tolist()],
        scorer=OSA.distance,
        score_cutoff=max_edits,
        dtype=np.int8,
    )[0]
    kept = distances <= max_edits
    return entries[kept], distances[kept]


def _similarity_matrix_numpy(left: TokenFeatures, right: TokenFeatures) -> FloatMatrix:
    """`similarity_matrix` in numpy: the reference of the compiled `spelling_matrix`, and what
    runs without it."""
    plain: FloatMatrix = cdist(
        left.texts, right.texts, scorer=OSA.normalized_similarity, dtype=np.float32
    )
    loose = cdist(left.loose, right.loose, scorer=OSA.normalized_similarity, dtype=np.float32)
    lengths = (left.lengths[:, None], right.lengths[None, :])
    sim, below = _spelling(plain, loose, *lengths)
    # A word found as written (or as another spelling of it) is not read as a typo.
    _read_typos(sim, plain, np.all(below, axis=1)[:, None], *lengths, left.texts, right.texts)
    abjad = left.abjad[:, None] | right.abjad[None, :]
    if abjad.any():
        _read_abjad(sim, abjad, left, right)
    _read_initials(sim, *lengths, left.first[:, None] == right.first[None, :])
    return _digits_equal(sim, left.numeric[:, None] | right.numeric[None, :])


def _read_abjad(
    sim: FloatMatrix, abjad: npt.NDArray[np.bool_], left: TokenFeatures, right: TokenFeatures
) -> None:
    """Raise `sim`, where either word is abjad, to the credit of the consonant skeletons."""
    skel = cdist(
        left.skeletons, right.skeletons, scorer=OSA.normalized_similarity, dtype=np.float32
    )
    credit = _skeleton_credit(
        skel, np.minimum(left.skeleton_lengths[:, None], right.skeleton_lengths[None, :])
    )
    _read_spoken(credit, left, right)
    _read_glides(credit, left, right)
    np.maximum(sim, np.where(abjad, credit, np.float32(0.0)), out=sim)


def similarity_pairs(
    left: TokenFeatures, right: TokenFeatures, word: npt.NDArray[np.integer[Any]]
) -> FloatArray:
    """Similarity of each token in `left` to the token at the same place in `right`, as
    `similarity_matrix` gives it: what a word looked up gets against the entries its keys
    found, without comparing it with every other word's. `word` numbers the query word of
    each pair (`left` repeats it): a word found as written in any of its pairs is not read
    as a typo in the others, as in its row of the matrix."""
    if not len(left):
        return np.zeros(0, dtype=np.float32)
    plain: FloatArray = cpdist(
        left.texts, right.texts, scorer=OSA.normalized_similarity, dtype=np.float32
    )
    loose = cpdist(left.loose, right.loose, scorer=OSA.normalized_similarity, dtype=np.float32)
    sim, below = _spelling(plain, loose, left.lengths, right.lengths)
    found = np.zeros(int(word.max()) + 1, dtype=np.bool_)
    found[word[~below]] = True
    _read_typos(sim, plain, ~found[word], left.lengths, right.lengths, left.texts, right.texts)
    abjad = left.abjad | right.abjad
    if abjad.any():
        credit = _abjad_credit_pairs(left, right)
        np.maximum(sim, np.where(abjad, credit, np.float32(0.0)), out=sim)
    _read_initials(sim, left.lengths, right.lengths, left.first == right.first)
    return _digits_equal(sim, left.numeric | right.numeric)


def _abjad_credit_pairs(left: TokenFeatures, right: TokenFeatures) -> FloatArray:
    """What the consonant skeletons of each pair are worth, with the spoken readings and
    glides (`_read_abjad` for pairs): what a pair with an abjad word is raised to."""
    skel = cpdist(
        left.skeletons, right.skeletons, scorer=OSA.normalized_similarity, dtype=np.float32
    )
    credit = _skeleton_credit(skel, np.minimum(left.skeleton_lengths, right.skeleton_lengths))
    _read_spoken_pairs(credit, left, right)
    _read_glides_pairs(credit, left, right)
    return credit


# The steps both shapes share, on arrays that broadcast to the shape of `sim`.


def _spelling(
    plain: FloatArray, loose: FloatArray, left_lengths: IntArray, right_lengths: IntArray
) -> tuple[FloatArray, npt.NDArray[np.bool_]]:
    """The edit similarity of the words or of their loose forms, and where it is below
    _LOOSE_FACTOR (the words are not spellings of one name)."""
    sim: FloatArray = np.maximum(plain, loose * np.float32(_LOOSE_FACTOR))
    below = sim < _LOOSE_FACTOR
    # One letter in four is a different short name (`hong`/`kong`, `juan`/`jean`), not a typo.
    # Scaled values stay below _LOOSE_FACTOR, so `below` still holds after.
    short = (left_lengths <= _SHORT_LENGTH) & (right_lengths <= _SHORT_LENGTH)
    if short.any():
        np.multiply(sim, np.float32(_SHORT_FACTOR), out=sim, where=short & below)
    return sim, below


def _read_typos(
    sim: FloatArray,
    plain: FloatArray,
    typed_words: npt.NDArray[np.bool_],
    left_lengths: IntArray,
    right_lengths: IntArray,
    left_texts: npt.NDArray[np.object_],
    right_texts: npt.NDArray[np.object_],
) -> None:
    """Raise `sim` to the typing-error similarity where that may tell more: for query words
    not found as written (`typed_words`), pairs of the lengths and edit similarity it reads."""
    candidates = (
        typed_words
        & (left_lengths >= _TYPO_SHORTER_MIN_LENGTH)
        & (right_lengths >= _TYPO_SHORTER_MIN_LENGTH)
        & (np.maximum(left_lengths, right_lengths) >= _TYPO_MIN_LENGTH)
        & (sim >= _TYPO_FROM)
        & (sim < _TYPO_BELOW)
        & (plain >= _TYPO_PLAIN_FROM)
        & (np.abs(left_lengths - right_lengths) <= _TYPO_LENGTH_GAP)
    )
    at = np.nonzero(candidates)
    if len(at[0]):
        # A matrix gives (rows, columns), pairs one index for both sides.
        typed = np.array(
            typo_similarities(left_texts[at[0]].tolist(), right_texts[at[-1]].tolist()),
            dtype=np.float32,
        )
        sim[at] = np.maximum(sim[at], np.minimum(typed, np.float32(_TYPO_CAP)))


def _read_initials(
    sim: FloatArray,
    left_lengths: IntArray,
    right_lengths: IntArray,
    same_first: npt.NDArray[np.bool_],
) -> None:
    """An initial against a word of its letter: `n` in the query for `nicolas`. The other way
    round (a list's `A. KABIR` for a query's `Ajaka Kabir`) a full word fits an initial, but
    the list said less about it."""
    for initial, value in (
        ((left_lengths == 1) & (right_lengths > 1) & same_first, INITIAL_SIMILARITY),
        ((left_lengths > 1) & (right_lengths == 1) & same_first, LIST_INITIAL_SIMILARITY),
    ):
        if initial.any():
            np.maximum(sim, np.where(initial, np.float32(value), 0), out=sim)


def _digits_equal(sim: FloatArray, numeric: npt.NDArray[np.bool_]) -> FloatArray:
    """Tokens with digits match only when equal."""
    if numeric.any():
        return np.where(numeric & (sim < 1.0), np.float32(0.0), sim)
    return sim


def _skeleton_credit(skel: FloatArray, shortest: npt.NDArray[np.integer[Any]]) -> FloatArray:
    """What agreeing skeletons are worth: less the fewer consonants they hold, as short
    skeletons are shared by many names."""
    return np.where(
        shortest >= 3,
        skel * np.float32(0.9),
        np.where(shortest == 2, skel * np.float32(0.85), (skel == 1.0) * np.float32(0.75)),
    ).astype(np.float32)


def _read_spoken(credit: FloatMatrix, left: TokenFeatures, right: TokenFeatures) -> None:
    """Raise `credit` where a word romanised from Arabic script matches in one of its spoken
    readings (`TokenFeatures.spoken`: ق as g, `sh` as s and h, ظ as th, ة as -at; Latin `ch`
    as kh). Only pairs with an abjad word keep the credit."""
    owners, readings = _flatten(left.spoken)
    if len(owners):
        alt = cdist(readings, right.skeletons, scorer=OSA.normalized_similarity, dtype=np.float32)
        shortest = np.minimum(_lengths(readings)[:, None], right.skeleton_lengths[None, :])
        np.maximum.at(credit, owners, _skeleton_credit(alt, shortest))
    owners, readings = _flatten(right.spoken)
    if len(owners):
        alt = cdist(left.skeletons, readings, scorer=OSA.normalized_similarity, dtype=np.float32)
        shortest = np.minimum(left.skeleton_lengths[:, None], _lengths(readings)[None, :])
        np.maximum.at(credit.T, owners, _skeleton_credit(alt, shortest).T)


def _read_spoken_pairs(credit: FloatArray, left: TokenFeatures, right: TokenFeatures) -> None:
    """`_read_spoken` for pairs."""
    for owners, readings, other in (
        (*_flatten(left.spoken), right.skeletons),
        (*_flatten(right.spoken), left.skeletons),
    ):
        if len(owners):
            # The similarity is symmetric: which side a reading came from does not matter.
            alt = cpdist(
                readings, other[owners], scorer=OSA.normalized_similarity, dtype=np.float32
            )
            shortest = np.minimum(_lengths(readings), _lengths(other[owners]))
            np.maximum.at(credit, owners, _skeleton_credit(alt, shortest))


def _read_glides(credit: FloatMatrix, left: TokenFeatures, right: TokenFeatures) -> None:
    """Raise `credit` where two words of one consonant agree with their leading `w` or `y`
    read as a consonant too (`wly`/`wali` as `wl`/`wl`): two consonants, not one."""
    rows = np.flatnonzero(left.glides != "")
    cols = np.flatnonzero(right.glides != "")
    if not len(rows) or not len(cols):
        return
    lefts, rights = left.glides[rows], right.glides[cols]
    alt = cdist(lefts, rights, scorer=OSA.normalized_similarity, dtype=np.float32)
    shortest = np.minimum(_lengths(lefts)[:, None], _lengths(rights)[None, :])
    block = np.ix_(rows, cols)
    credit[block] = np.maximum(credit[block], _skeleton_credit(alt, shortest))


def _read_glides_pairs(credit: FloatArray, left: TokenFeatures, right: TokenFeatures) -> None:
    """`_read_glides` for pairs."""
    at = np.flatnonzero((left.glides != "") & (right.glides != ""))
    if len(at):
        lefts, rights = left.glides[at], right.glides[at]
        alt = cpdist(lefts, rights, scorer=OSA.normalized_similarity, dtype=np.float32)
        shortest = np.minimum(_lengths(lefts), _lengths(rights))
        credit[at] = np.maximum(credit[at], _skeleton_credit(alt, shortest))


def _lengths(texts: Sequence[str] | npt.NDArray[np.object_]) -> IntArray:
    return np.fromiter(map(len, texts), dtype=np.int32, count=len(texts))


def _flatten(spoken: npt.NDArray[np.object_]) -> tuple[npt.NDArray[np.intp], list[str]]:
    """The readings of every token in one list, each with the index of its token."""
    owners: list[int] = []
    readings: list[str] = []
    for i in np.flatnonzero(np.fromiter(map(len, spoken), dtype=np.intp, count=len(spoken))):
        owners.extend([int(i)] * len(spoken[i]))
        readings.extend(spoken[i])
    return np.array(owners, dtype=np.intp), readings


def token_similarity(left: str, right: str, *, abjad: bool = False) -> float:
    """The similarity of two folded tokens (see the module docstring); `abjad` when `left` was
    romanised from Arabic, Persian or Hebrew script."""
    matrix = similarity_matrix(TokenFeatures.of([left], [abjad]), TokenFeatures.of([right]))
    return float(matrix[0, 0])
