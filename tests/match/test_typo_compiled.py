"""The compiled typing-error distance gives exactly what the Python reference gives."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from watchlist.match import similarity
from watchlist.normalize import TokenFeatures

# Letters that make keyboard neighbours, doubled keys and swaps common in random words.
words = st.text(alphabet="asdqwertzxnmio", max_size=12)


def test_the_install_builds_the_compiled_module() -> None:
    assert similarity._compiled is not None


@settings(max_examples=3000, deadline=None)
@given(words, words)
def test_compiled_and_python_agree_on_any_pair(left: str, right: str) -> None:
    # The distance itself; `typo_similarity` adds the reading after a swap on top of it.
    expected = similarity._typo_similarity_python(left, right)
    assert similarity._typo_similarity_direct(left, right) == expected
    assert similarity.typo_similarities([left], [right]) == [
        similarity.typo_similarity(left, right)
    ]


@settings(max_examples=3000, deadline=None)
@given(words, words)
def test_compiled_reading_after_a_swap_agrees_with_python(left: str, right: str) -> None:
    expected = max(
        similarity._typo_similarity_python(left, right), similarity._after_a_swap(left, right)
    )
    assert similarity.typo_similarity(left, right) == expected


def test_a_swap_edited_again_reads_above_the_distance_alone() -> None:
    """`osiisw` for `xoiisw`: `o` and `x` swapped, then `x` hit as its neighbour `s`."""
    direct = similarity._typo_similarity_direct("osiisw", "xoiisw")
    assert similarity.typo_similarity("osiisw", "xoiisw") > direct


def test_words_too_long_for_the_compiled_buffers_fall_back_to_python() -> None:
    long_word = "ab" * 200
    assert similarity._typo_similarity_direct(long_word, long_word[1:]) == (
        similarity._typo_similarity_python(long_word, long_word[1:])
    )
    assert similarity.typo_similarity(long_word, long_word[1:]) == max(
        similarity._typo_similarity_python(long_word, long_word[1:]),
        similarity._after_a_swap(long_word, long_word[1:]),
    )


def test_non_ascii_letters_are_compared_like_any_other() -> None:
    assert similarity._typo_similarity_direct("müller", "mülelr") == (
        similarity._typo_similarity_python("müller", "mülelr")
    )


# Words of the shapes the matrix reads differently: initials, short words, digits, spellings
# that loose forms merge (`ou`/`u`, `kh`/`k`), typos, and letters of one byte beyond ASCII.
matrix_words = st.lists(
    st.text(alphabet="akhouesdnm1é²", min_size=1, max_size=9), min_size=1, max_size=6
)


# A list's vocabulary: words as above, some abjad, some of letters beyond one byte.
vocabularies = st.lists(
    st.tuples(st.text(alphabet="akhouesdnm1é²ğ", min_size=1, max_size=9), st.booleans()),
    min_size=1,
    max_size=12,
)


def _features(words: list[str], abjad: bool = False) -> TokenFeatures:
    return TokenFeatures.of(words, [abjad] * len(words))


@settings(max_examples=1500, deadline=None)
@given(matrix_words, matrix_words, st.booleans(), st.booleans())
def test_compiled_spelling_matrix_agrees_with_numpy(
    lefts: list[str], rights: list[str], left_abjad: bool, right_abjad: bool
) -> None:
    # Abjad words on either side take numpy's skeleton readings on top of the compiled ones.
    left, right = _features(lefts, left_abjad), _features(rights, right_abjad)
    expected = similarity._similarity_matrix_numpy(left, right)
    assert similarity.similarity_matrix(left, right).tobytes() == expected.tobytes()


@settings(max_examples=1500, deadline=None)
@given(matrix_words, matrix_words, st.booleans(), st.booleans(), st.sampled_from([0.5, 0.7, 0.8]))
def test_pairs_at_the_floor_or_above_read_exactly_the_rest_below_it(
    lefts: list[str], rights: list[str], left_abjad: bool, right_abjad: bool, floor: float
) -> None:
    left, right = _features(lefts, left_abjad), _features(rights, right_abjad)
    expected = similarity._similarity_matrix_numpy(left, right)
    found = similarity.similarity_matrix(left, right, floor)
    above = expected >= np.float32(floor)
    assert found[above].tobytes() == expected[above].tobytes()
    assert (found[~above] < np.float32(floor)).all()


@settings(max_examples=1500, deadline=None)
@given(matrix_words, matrix_words, st.booleans(), st.booleans(), st.data())
def test_each_row_may_be_read_against_a_floor_of_its_own(
    lefts: list[str], rights: list[str], left_abjad: bool, right_abjad: bool, data: st.DataObject
) -> None:
    # A joined run's row is read from JOIN_MIN_SIMILARITY, a word's from MIN_SIMILARITY; at
    # 0.85 a typing-error reading (capped there) still counts, as does a credit of the
    # consonant readings of an abjad word (two consonants alike: 0.85).
    floors = data.draw(
        st.lists(st.sampled_from([0.7, 0.85]), min_size=len(lefts), max_size=len(lefts))
    )
    left, right = _features(lefts, left_abjad), _features(rights, right_abjad)
    expected = similarity._similarity_matrix_numpy(left, right)
    found = similarity.similarity_to_entries(
        left, right, np.arange(len(rights), dtype=np.int64), floors
    )
    least = np.array(floors, dtype=np.float32)[:, None]
    above = expected >= least
    assert found[above].tobytes() == expected[above].tobytes()
    assert (found[~above] < np.broadcast_to(least, found.shape)[~above]).all()


def test_a_row_floor_for_each_left_word_or_none() -> None:
    words = ["abc", "abd"]
    with pytest.raises(ValueError, match="a floor a left word"):
        similarity._compiled.spelling_matrix(words, words, words, words, [0.7])


@settings(max_examples=1000, deadline=None)
@given(vocabularies, matrix_words, st.booleans(), st.data())
def test_the_matrix_of_vocabulary_entries_is_the_matrix_of_their_features(
    vocabulary: list[tuple[str, bool]], lefts: list[str], left_abjad: bool, data: st.DataObject
) -> None:
    # Entries picked from a vocabulary in any order: read in place where the compiled path
    # can (abjad words with their consonant readings), taken otherwise (letters of more than
    # one byte). Below the floor a pair may read lower either way.
    words = TokenFeatures.of([w for w, _ in vocabulary], [a for _, a in vocabulary])
    picked = data.draw(st.lists(st.integers(0, len(vocabulary) - 1), min_size=1, max_size=8))
    entries = np.array(picked, dtype=np.int64)
    left = _features(lefts, left_abjad)
    exact = similarity.similarity_matrix(left, words.take(entries))
    assert similarity.similarity_to_entries(left, words, entries).tobytes() == exact.tobytes()
    found = similarity.similarity_to_entries(left, words, entries, 0.7)
    above = exact >= np.float32(0.7)
    assert found[above].tobytes() == exact[above].tobytes()
    assert (found[~above] < np.float32(0.7)).all()


@settings(max_examples=1000, deadline=None)
@given(vocabularies, matrix_words, st.booleans(), st.data())
def test_pairs_of_vocabulary_entries_read_as_their_features_do(
    vocabulary: list[tuple[str, bool]], lefts: list[str], left_abjad: bool, data: st.DataObject
) -> None:
    # Each query word against entries of its own, words in order, as lookups pair them.
    words = TokenFeatures.of([w for w, _ in vocabulary], [a for _, a in vocabulary])
    counts = data.draw(st.lists(st.integers(0, 4), min_size=len(lefts), max_size=len(lefts)))
    word = np.repeat(np.arange(len(lefts)), counts)
    entries = np.array(
        data.draw(
            st.lists(st.integers(0, len(vocabulary) - 1), min_size=len(word), max_size=len(word))
        ),
        dtype=np.int64,
    )
    left = _features(lefts, left_abjad)
    found = similarity.similarity_pairs_to_entries(left, word, words, entries, 0.7)
    expected = similarity.similarity_pairs(left.take(word), words.take(entries), word)
    above = expected >= np.float32(0.7)
    assert found[above].tobytes() == expected[above].tobytes()
    assert (found[~above] < np.float32(0.7)).all()


@settings(max_examples=1000, deadline=None)
@given(
    vocabularies,
    st.lists(
        st.tuples(st.text(alphabet="akhouesdnm1é²", min_size=1, max_size=9), st.booleans()),
        min_size=1,
        max_size=5,
    ),
    st.data(),
)
def test_each_words_similar_entries_are_those_its_pairs_read_at_its_floor(
    vocabulary: list[tuple[str, bool]], lefts: list[tuple[str, bool]], data: st.DataObject
) -> None:
    # Words abjad or not, each against entries of its own at a floor of its own, as lookups
    # pair them; a word with an abjad pair is read by numpy in the compiled path too.
    words = TokenFeatures.of([w for w, _ in vocabulary], [a for _, a in vocabulary])
    left = TokenFeatures.of([w for w, _ in lefts], [a for _, a in lefts])
    found = [
        np.array(
            sorted(set(data.draw(st.lists(st.integers(0, len(vocabulary) - 1), max_size=6)))),
            dtype=np.int32,
        )
        for _ in lefts
    ]
    floors = data.draw(
        st.lists(st.sampled_from([0.7, 0.85]), min_size=len(lefts), max_size=len(lefts))
    )
    made, best = similarity.similar_entries_best(left, words, found, floors, 0.7)
    expected = similarity._similar_entries_each_python(left, words, found, floors, 0.7)
    assert [(e.tolist(), s.tobytes()) for e, s in made] == [
        (e.tolist(), s.tobytes()) for e, s in expected
    ]
    assert best == [float(s.max()) if len(s) else 0.0 for _, s in expected]


def test_pairs_out_of_order_are_refused() -> None:
    assert similarity._compiled is not None
    with pytest.raises(ValueError):
        similarity._compiled.spelling_pairs(
            ["ali", "omar"],
            ["ali", "umar"],
            ["ali"],
            ["ali"],
            0.0,
            np.array([1, 0], dtype=np.int64),
            np.array([0, 0], dtype=np.int64),
        )


def test_spelling_matrix_leaves_words_of_other_scripts_to_numpy() -> None:
    # Not one byte a letter: the compiled code declines and numpy does the work.
    assert similarity._compiled is not None
    assert similarity._compiled.spelling_matrix(["ğ"], ["ğ"], ["g"], ["g"], 0.0) is None
    left, right = _features(["ğiray"]), _features(["giray"])
    assert similarity.similarity_matrix(left, right).tolist() == (
        similarity._similarity_matrix_numpy(left, right).tolist()
    )


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abc", min_size=60, max_size=80), st.text(alphabet="abc", max_size=80))
def test_spelling_matrix_agrees_on_words_longer_than_a_machine_word(left: str, right: str) -> None:
    # Over 64 letters the distance is worked out cell by cell rather than in the bits of one
    # word; joined runs of a long name get there.
    lefts, rights = _features([left, left[:64]]), _features([right or "a", left[1:]])
    expected = similarity._similarity_matrix_numpy(lefts, rights)
    assert similarity.similarity_matrix(lefts, rights).tobytes() == expected.tobytes()


def test_an_entry_outside_the_vocabulary_is_an_error_not_a_read_past_it() -> None:
    assert similarity._compiled is not None
    with pytest.raises(IndexError):
        similarity._compiled.spelling_matrix(
            ["ali"], ["ali"], ["ali"], ["ali"], 0.0, np.array([1], dtype=np.int64)
        )


def test_a_swap_in_the_first_two_letters_is_read_after_a_first_row_over_the_limit() -> None:
    """`nzme` is `znme` with its first two letters swapped: the alignment goes from row 0 to
    row 2, past a first row that is all over the limit of a four-letter word."""
    assert similarity._after_a_swap("nmze", "znme") == 0.75
    assert similarity.typo_similarity("nmze", "znme") == 0.75


@settings(max_examples=500, deadline=None)
@given(
    st.text(alphabet="abcdé", max_size=8),
    st.lists(st.text(alphabet="abcdé", max_size=10), min_size=1, max_size=30),
    st.data(),
)
def test_compiled_entries_within_some_edits_are_those_rapidfuzz_finds(
    text: str, texts: list[str], data: st.DataObject
) -> None:
    # Entries in any order, some twice; a window of lengths around the text's.
    entries = np.array(
        data.draw(st.lists(st.integers(0, len(texts) - 1), max_size=40)), dtype=np.int32
    )
    shortest = data.draw(st.integers(0, 6))
    longest = data.draw(st.integers(shortest, 12))
    edits = data.draw(st.integers(0, 3))
    found = similarity.entries_within(text, texts, entries, edits, shortest, longest)
    packed = similarity.packed_words(TokenFeatures.of(texts))
    read_packed = similarity.entries_within(text, texts, entries, edits, shortest, longest, packed)
    compiled, similarity._compiled = similarity._compiled, None
    try:
        expected = similarity.entries_within(text, texts, entries, edits, shortest, longest)
    finally:
        similarity._compiled = compiled
    for made in (found, read_packed):
        assert made[0].tolist() == expected[0].tolist()
        assert made[1].tolist() == expected[1].tolist()


def test_compiled_lookups_of_similar_words_refuse_bad_arguments_with_an_error() -> None:
    typo = similarity._compiled
    assert typo is not None
    words, flags = ["abc", "abd"], np.zeros(2, dtype=np.bool_)
    with pytest.raises(IndexError, match="out of range"):
        typo.entries_within("abc", words, np.array([2], dtype=np.int32), 2, 0, 9)
    with pytest.raises(IndexError, match="out of range"):
        typo.similar_runs(
            ["abc"], ["abk"], words, words, 0.7, [0.7], [np.array([5], np.int32)], flags[:1], flags
        )
    with pytest.raises(ValueError, match="abjad flag"):
        typo.similar_runs(
            ["abc"], ["abk"], words, words, 0.7, [0.7], [np.array([1], np.int32)], flags, flags
        )
    with pytest.raises(TypeError):
        typo.similar_runs(["abc"], ["abk"], words, words, 0.7, [0.7], [], flags[:1], flags)
    entries = np.array([1], dtype=np.int64)
    with pytest.raises(ValueError, match="abjad flag"):
        typo.spelling_matrix(["abc"], ["abk"], words, words, 0.7, entries, flags, flags)
    with pytest.raises(IndexError, match="out of range"):
        typo.spelling_matrix(["abc"], ["abk"], words, words, 0.7, entries + 4, flags[:1], flags)
    # An abjad word on either side: numpy reads the pairs further.
    abjad = np.array([False, True])
    assert (
        typo.spelling_matrix(["abc"], ["abk"], words, words, 0.7, entries, flags[:1], abjad) is None
    )
    assert (
        typo.spelling_matrix(["abc"], ["abk"], words, words, 0.7, entries, abjad[1:], flags) is None
    )
    assert typo.spelling_matrix(["abc"], ["abk"], words, words, 0.7, entries, flags[:1], flags)


def test_abjad_words_are_read_compiled_with_the_consonant_readings_of_both_sides() -> None:
    typo = similarity._compiled
    assert typo is not None
    # `mhmd`, romanised from محمد, is Muhammad by its consonants, not by its letters.
    vocabulary = TokenFeatures.of(["muhammad", "mahmud", "ali"], [False, False, False])
    left = TokenFeatures.of(["mhmd"], [True])
    entries = np.array([0, 1, 2], dtype=np.int64)
    args = (*left.as_lists(), *vocabulary.as_lists(), 0.7, entries, left.abjad, vocabulary.abjad)
    assert typo.spelling_matrix(*args) is None  # no readings: numpy reads them
    readings = similarity.packed_readings(left), similarity.packed_readings(vocabulary)
    made = typo.spelling_matrix(*args, similarity.packed_words(vocabulary), *readings)
    assert made is not None
    found = np.frombuffer(made, dtype=np.float32)
    expected = similarity._similarity_matrix_numpy(left, vocabulary.take(entries))[0]
    assert found[expected >= 0.7].tobytes() == expected[expected >= 0.7].tobytes()
    assert found[0] >= 0.7
    runs = [entries.astype(np.int32)]
    similar = typo.similar_runs(
        *args[:5], [0.7], runs, left.abjad, vocabulary.abjad, None, *readings
    )
    assert similar is not None and similar[3] == []  # none left to the caller
    assert np.frombuffer(similar[0], dtype=np.int32).tolist() == [0, 1]


def test_consonant_readings_not_of_one_byte_a_letter_are_left_to_numpy() -> None:
    typo = similarity._compiled
    assert typo is not None
    # The words are read compiled; the second's skeleton (as a list could hold it) is not.
    packed = typo.pack_readings(["mhmd", "ğl"], [("mhmt",), ()], ["", ""])
    vocabulary = TokenFeatures.of(["muhammad", "gul"], [False, False])
    left = TokenFeatures.of(["mhmd"], [True])
    args = (*left.as_lists(), *vocabulary.as_lists(), 0.7, np.array([1], dtype=np.int64))
    readings = similarity.packed_readings(left), packed
    assert typo.spelling_matrix(*args, left.abjad, vocabulary.abjad, None, *readings) is None
    runs = [np.array([1], dtype=np.int32)]
    similar = typo.similar_runs(
        *args[:5], [0.7], runs, left.abjad, vocabulary.abjad, None, *readings
    )
    assert similar is not None and similar[3] == [0]


def test_consonant_readings_of_other_words_or_shapes_are_refused() -> None:
    typo = similarity._compiled
    assert typo is not None
    with pytest.raises(TypeError, match="three lists of one length"):
        typo.pack_readings(["mhmd"], [()], [])
    with pytest.raises(TypeError, match="a tuple of spoken readings a word"):
        typo.pack_readings(["mhmd"], [["mhmt"]], [""])
    with pytest.raises(TypeError, match="readings are str"):
        typo.pack_readings(["mhmd"], [(1,)], [""])
    vocabulary = TokenFeatures.of(["muhammad", "ali"], [False, False])
    left = TokenFeatures.of(["mhmd"], [True])
    entries = np.array([0], dtype=np.int64)
    args = (*left.as_lists(), *vocabulary.as_lists(), 0.7, entries, left.abjad, vocabulary.abjad)
    other = typo.pack_readings(["mhmd"], [()], [""])  # one word's, for a list of two
    with pytest.raises(ValueError, match="not pack_readings of these words"):
        typo.spelling_matrix(*args, None, similarity.packed_readings(left), other)


def test_a_list_read_packed_reads_as_the_list_itself() -> None:
    typo = similarity._compiled
    assert typo is not None
    words = ["maduro", "madruo", "ğul", "", "nicolas", "x" * 300]
    loose = TokenFeatures.of(words).as_lists()[1]
    packed = typo.pack_words(words, loose)
    flags = np.zeros(len(words), dtype=np.bool_)
    readable = np.array([0, 1, 4, 3], dtype=np.int64)
    args = (["maduro", "nicola"], ["madura", "nicola"], words, loose, 0.7, readable)
    as_lists = typo.spelling_matrix(*args, flags[:2], flags)
    assert as_lists is not None
    assert typo.spelling_matrix(*args, flags[:2], flags, packed) == as_lists
    # Words of more than one byte a letter, or too long, are left to numpy either way.
    for other in ([2], [5]):
        entries = np.array(other, dtype=np.int64)
        assert typo.spelling_matrix(*args[:5], entries, flags[:2], flags) is None
        assert typo.spelling_matrix(*args[:5], entries, flags[:2], flags, packed) is None
    runs = [np.array([0, 1, 4], np.int32), np.array([3], np.int32)]
    similar = typo.similar_runs(*args[:5], [0.7, 0.85], runs, flags[:2], flags)
    assert similar is not None and len(similar[0]) > 0
    assert typo.similar_runs(*args[:5], [0.7, 0.85], runs, flags[:2], flags, packed) == similar


def test_packed_words_of_other_lists_are_refused() -> None:
    typo = similarity._compiled
    assert typo is not None
    words, flags = ["abc", "abd"], np.zeros(2, dtype=np.bool_)
    entries = np.array([1], dtype=np.int64)
    with pytest.raises(ValueError, match="not pack_words of these lists"):
        typo.spelling_matrix(
            ["abc"], ["abk"], words, words, 0.7, entries, flags[:1], flags, b"\x01" + bytes(7)
        )
    with pytest.raises(ValueError, match="not pack_words of these lists"):
        typo.spelling_matrix(
            ["abc"],
            ["abk"],
            words,
            words,
            0.7,
            entries,
            flags[:1],
            flags,
            typo.pack_words(["a"], ["a"]),
        )
    with pytest.raises(TypeError, match="two lists of one length"):
        typo.pack_words(words, words[:1])
