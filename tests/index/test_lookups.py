"""The index lookups every query word goes through: keys to entries, entries to names, and the
words two typos away. The compiled lookups return what their numpy references return."""

from __future__ import annotations

import pickle
import random
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import OSA

from watchlist.index import CandidateIndex, blocking_keys, candidates
from watchlist.index.candidates import near_keys, two_deletion_keys
from watchlist.model import Entity, Name, NameKind, Schema, make_entity_id
from watchlist.screen import Screener
from watchlist.screen.screener import SECOND_DELETION_LENGTH, TWO_EDITS_LIMIT

LETTERS = "abdeghiklmnorstuyz"


def _word(rng: random.Random, low: int = 3, high: int = 9) -> str:
    return "".join(rng.choice(LETTERS) for _ in range(rng.randint(low, high)))


def _typed(rng: random.Random, word: str, edits: int) -> str:
    """`word` with `edits` random edits: a letter put in, left out, changed, or two swapped."""
    for _ in range(edits):
        at = rng.randrange(len(word))
        edit = rng.choice(["insert", "delete", "substitute", "transpose"])
        if edit == "insert":
            word = word[:at] + rng.choice(LETTERS) + word[at:]
        elif edit == "delete" and len(word) > 1:
            word = word[:at] + word[at + 1 :]
        elif edit == "substitute":
            word = word[:at] + rng.choice(LETTERS) + word[at + 1 :]
        elif at + 1 < len(word):
            word = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    return word


@pytest.fixture(scope="module")
def screener() -> Screener:
    rng = random.Random(7)
    entities = [
        Entity(
            id=make_entity_id("t", str(i)),
            schema=Schema.PERSON,
            source="t",
            source_id=str(i),
            names=(Name(" ".join(_word(rng) for _ in range(rng.randint(1, 3))), NameKind.PRIMARY),),
        )
        for i in range(400)
    ]
    return Screener.from_entities(entities)


def test_the_install_builds_the_compiled_lookups() -> None:
    assert candidates._compiled_lookup is not None


def test_compiled_and_numpy_key_lookups_agree(screener: Screener) -> None:
    index = screener.index
    rng = random.Random(11)
    listed = screener.vocabulary.texts
    for _ in range(300):
        key_lists = []
        for _ in range(rng.randint(0, 4)):
            word = _typed(rng, rng.choice(listed), rng.randint(0, 2))
            keys = blocking_keys(word, deletions=rng.random() < 0.8)
            if rng.random() < 0.1:
                keys = [*keys, "dmüller", "d"]  # not ASCII, and a key of no word
            key_lists.append(keys if rng.random() < 0.9 else [])
        compiled = index.entries_for_each(key_lists)
        python = candidates._look_up_python(
            index.key_hashes, index.key_offsets, index.key_entries, key_lists
        )
        assert [c.tolist() for c in compiled] == [p.tolist() for p in python]
        # A joined run's keys find only the list's words, never its runs.
        singles_only = [rng.random() < 0.5 for _ in key_lists]
        filtered = index.entries_for_each(key_lists, singles_only)
        assert [f.tolist() for f in filtered] == [
            (p[index.single[p]] if only else p).tolist()
            for only, p in zip(singles_only, python, strict=True)
        ]


def test_compiled_and_numpy_best_credits_agree(screener: Screener) -> None:
    index = screener.index
    idf = screener.vocabulary.idf
    rng = np.random.default_rng(3)
    for _ in range(300):
        found = []
        for _ in range(rng.integers(0, 5)):
            entries = np.unique(rng.integers(0, len(idf), rng.integers(0, 12))).astype(np.int32)
            # Few distinct similarities, so that a name's entries often tie.
            sims = rng.choice([0.7, 0.85, 1.0], len(entries)).astype(np.float32)
            found.append((entries, sims))
        weights = [float(rng.choice([0.3, 2.0, 5.5, 50.0])) for _ in found]
        compiled = index.best_credit_per_name_each(found, weights, idf)
        python = index._best_credit_per_name_each_python(found, weights, idf)
        assert [(n.tolist(), c.tolist()) for n, c in compiled] == [
            (n.tolist(), c.tolist()) for n, c in python
        ]


def test_compiled_near_entries_make_the_keys_python_makes(screener: Screener) -> None:
    index = screener.index
    table = (index.near_hashes, index.near_offsets, index.near_key_entries)
    rng = random.Random(5)
    for _ in range(300):
        word = _typed(rng, rng.choice(screener.vocabulary.texts), rng.randint(0, 3))
        assert (
            index.near_entries(word).tolist()
            == candidates._look_up_python(*table, [list(near_keys(word))])[0].tolist()
        )


def test_compiled_two_deletion_lookups_make_the_keys_python_makes(screener: Screener) -> None:
    index = screener.index
    table = (index.key_hashes, index.key_offsets, index.key_entries)
    rng = random.Random(9)
    for _ in range(100):
        words = [
            _typed(rng, rng.choice(screener.vocabulary.texts), rng.randint(0, 3))
            for _ in range(rng.randint(0, 4))
        ]
        expected = candidates._look_up_python(*table, [two_deletion_keys(w) for w in words])
        assert [found.tolist() for found in index.two_deletion_entries(words)] == [
            found.tolist() for found in expected
        ]


def test_words_not_in_ascii_are_looked_up_by_keys_made_in_python(screener: Screener) -> None:
    index = screener.index
    near = (index.near_hashes, index.near_offsets, index.near_key_entries)
    keys = (index.key_hashes, index.key_offsets, index.key_entries)
    word = "m\u00fcller" + screener.vocabulary.texts[0]

    assert index.near_entries(word).tolist() == (
        candidates._look_up_python(*near, [list(near_keys(word))])[0].tolist()
    )
    assert [f.tolist() for f in index.two_deletion_entries([word, "amir"])] == [
        f.tolist()
        for f in candidates._look_up_python(
            *keys, [two_deletion_keys(word), two_deletion_keys("amir")]
        )
    ]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="abcdeo", min_size=1, max_size=9), st.integers(0, 2**32 - 1))
def test_words_within_two_edits_share_a_near_key(word: str, seed: int) -> None:
    rng = random.Random(seed)
    typed = _typed(rng, word, rng.randint(0, 2))
    if OSA.distance(word, typed) <= 2:
        assert near_keys(word) & near_keys(typed)


def test_a_word_finds_every_listed_word_within_two_edits(screener: Screener) -> None:
    texts = screener.vocabulary.texts
    single = screener.index.single
    rng = random.Random(13)
    checked = 0
    for _ in range(400):
        word = _typed(rng, rng.choice(texts), 2)
        if len(word) < SECOND_DELETION_LENGTH:
            assert not len(screener._two_edits_away(word))
            continue
        brute = {
            entry
            for entry, text in enumerate(texts)
            if single[entry]
            and len(word) - 1 <= len(text) <= len(word) + 2
            and OSA.distance(word, text) <= 2
        }
        if len(brute) <= TWO_EDITS_LIMIT:
            assert set(screener._two_edits_away(word).tolist()) == brute
            checked += 1
    assert checked > 200


def test_near_tables_made_compiled_and_in_python_agree(
    screener: Screener, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = [*screener.vocabulary.texts, "aab", "aaaa", "abba"]  # keys made twice of one word
    entries = [e for e, text in enumerate(texts) if len(text) >= 3]
    compiled = candidates._near_table(entries, texts)
    monkeypatch.setattr(candidates, "_compiled_lookup", None)
    python = candidates._near_table(entries, texts)

    for made, reference in zip(compiled, python, strict=True):
        assert made.dtype == reference.dtype and made.tolist() == reference.tolist()


def _key_table(screener: Screener) -> tuple[Any, CandidateIndex, tuple[Any, Any, Any], int]:
    """The compiled lookups, the index, its key table and its count of entries."""
    lookup = candidates._compiled_lookup
    assert lookup is not None
    index = screener.index
    return (
        lookup,
        index,
        (index.key_hashes, index.key_offsets, index.key_entries),
        len(index.entry_offsets) - 1,
    )


def test_a_lookup_searches_the_bucket_of_its_hash_only_and_finds_what_the_table_holds(
    screener: Screener,
) -> None:
    lookup, index, table, entry_count = _key_table(screener)
    keys = [blocking_keys(text) for text in screener.vocabulary.texts]
    whole = lookup.entries_for_each(*table, entry_count, keys)
    for bits in (1, 4, 12):
        edges = np.arange(2**bits + 1, dtype=np.uint64) << np.uint64(32 - bits)
        buckets = np.searchsorted(index.key_hashes.astype(np.uint64), edges).astype(np.uint32)
        assert lookup.entries_for_each(*table, entry_count, keys, None, None, buckets) == whole
    directory = candidates._buckets(index.key_hashes)
    assert len(directory) - 1 == 2 ** int(np.log2(len(directory) - 1))
    assert directory[-1] == len(index.key_hashes)
    # Made again after a round trip through pickle, never saved with the index.
    assert not {"_key_buckets", "_near_buckets"} & set(index.__getstate__())
    loaded = pickle.loads(pickle.dumps(index))
    assert [e.tolist() for e in loaded.entries_for_each(keys[:5])] == [
        e.tolist() for e in index.entries_for_each(keys[:5])
    ]


def test_a_directory_of_another_table_finds_wrongly_but_never_reads_past_the_table(
    screener: Screener,
) -> None:
    lookup, _, table, entry_count = _key_table(screener)
    far = np.full(2**4 + 1, 2**31, dtype=np.uint32)
    found, _ = lookup.entries_for_each(*table, entry_count, [["dabc"]], None, None, far)
    assert found == bytearray()
    with pytest.raises(ValueError, match="buckets"):
        lookup.entries_for_each(*table, entry_count, [["dabc"]], None, None, far[:-1])
    with pytest.raises(ValueError, match="buckets"):
        lookup.deletion_entries(*table, entry_count, ["abc"], "d", 0, 1, far[:2])


def test_the_compiled_lookups_refuse_bad_arguments_with_an_error(screener: Screener) -> None:
    lookup, index, table, entry_count = _key_table(screener)
    with pytest.raises(TypeError):
        lookup.entries_for_each(*table, entry_count, [["dabc", 3]])
    with pytest.raises(TypeError):
        lookup.entries_for_each(*table, entry_count, ("dabc",))
    with pytest.raises(ValueError, match="offsets"):
        lookup.entries_for_each(index.key_hashes, index.key_offsets[:-1], index.key_entries, 1, [])
    with pytest.raises(ValueError, match="out of range"):
        # Entries beyond the count said: an error, not a read past the flags.
        lookup.entries_for_each(*table, 1, [blocking_keys(screener.vocabulary.texts[-1])])
    with pytest.raises(ValueError, match="only"):
        lookup.entries_for_each(*table, entry_count, [["dabc"]], index.single[1:], [True])
    with pytest.raises(TypeError, match="filtered"):
        lookup.entries_for_each(*table, entry_count, [["dabc"]], index.single, [])
    with pytest.raises(ValueError, match="fewest"):
        lookup.deletion_entries(*table, entry_count, ["abc"], "d", 2, 3)
    with pytest.raises(TypeError, match="text 1 is not a str"):
        lookup.deletion_entries(*table, entry_count, ["abc", 3], "d", 0, 1)
    with pytest.raises(TypeError, match="near_key_hashes: text 0 is not a str"):
        lookup.near_key_hashes([b"abc"])
    # Words not in ASCII are left to the Python versions.
    assert lookup.deletion_entries(*table, entry_count, ["abc", "müller"], "d", 0, 1) is None
    assert lookup.near_key_hashes(["abc", "müller"]) is None
    with pytest.raises(ValueError, match="out of range"):
        index.best_credit_per_name_each(
            [(np.array([entry_count], dtype=np.int32), np.ones(1, dtype=np.float32))],
            [1.0],
            screener.vocabulary.idf,
        )
    # A failed call leaves nothing behind: the next lookups answer as before.
    keys = [blocking_keys(text) for text in screener.vocabulary.texts[:50]]
    assert [f.tolist() for f in index.entries_for_each(keys)] == [
        f.tolist() for f in candidates._look_up_python(*table, keys)
    ]
