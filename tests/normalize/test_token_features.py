"""Token features: what similarity reads of words, the consonant readings only when read."""

import pickle

import numpy as np

from watchlist.normalize import TokenFeatures

WORDS = ["mohammed", "wly", "zawahiri", "2020"]
ABJAD = [False, True, True, False]


def test_readings_are_made_when_first_read_and_equal_those_made_at_once() -> None:
    lazy = TokenFeatures.of(WORDS, ABJAD)
    eager = TokenFeatures.of(WORDS, ABJAD, readings=True)
    assert lazy._readings is None and eager._readings is not None
    assert lazy._shape is None and eager._shape is not None
    assert lazy.numeric.tolist() == eager.numeric.tolist() == [False, False, False, True]
    assert lazy.lengths.tolist() == [8, 3, 8, 4] and lazy.first.tolist() == [109, 119, 122, 50]
    assert lazy.skeletons.tolist() == eager.skeletons.tolist()
    assert lazy.spoken.tolist() == eager.spoken.tolist()
    assert lazy.glides.tolist() == eager.glides.tolist()
    assert lazy.skeleton_lengths.tolist() == eager.skeleton_lengths.tolist()
    assert lazy.glides.tolist()[1] != ""  # `wly`, one consonant: read with its glides


def test_taken_features_are_those_of_the_words_taken() -> None:
    index = np.array([2, 0])
    for features in (TokenFeatures.of(WORDS, ABJAD), TokenFeatures.of(WORDS, ABJAD, readings=True)):
        taken = features.take(index)
        alone = TokenFeatures.of([WORDS[2], WORDS[0]], [ABJAD[2], ABJAD[0]])
        assert taken.texts.tolist() == ["zawahiri", "mohammed"]
        assert taken.skeletons.tolist() == alone.skeletons.tolist()
        assert taken.spoken.tolist() == alone.spoken.tolist()
        assert taken.numeric.tolist() == [False, False]
        assert taken.lengths.tolist() == [8, 8]


def test_positions_are_taken_alike_from_a_list_an_array_or_none() -> None:
    features = TokenFeatures.of(WORDS, ABJAD, readings=True)
    from_list, from_array = features.take([2, 0]), features.take(np.array([2, 0]))
    assert from_list.texts.tolist() == from_array.texts.tolist() == ["zawahiri", "mohammed"]
    assert from_list.abjad.tolist() == from_array.abjad.tolist()
    assert from_list.skeletons.tolist() == from_array.skeletons.tolist()
    assert len(features.take([])) == 0


def test_the_lists_the_compiled_similarity_reads_are_made_once_and_not_pickled() -> None:
    features = TokenFeatures.of(WORDS, ABJAD)
    texts, loose = features.as_lists()
    assert texts == WORDS and loose == features.loose.tolist()
    assert features.as_lists()[0] is texts
    loaded = pickle.loads(pickle.dumps(features))
    assert loaded._lists is None and loaded.as_lists() == (texts, loose)
