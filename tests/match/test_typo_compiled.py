"""The compiled typing-error distance gives exactly what the Python reference gives."""

from hypothesis import given, settings
from hypothesis import strategies as st

from watchlist.match import similarity

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
