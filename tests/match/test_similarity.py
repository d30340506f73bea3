"""Token similarity: typos, transliteration variants, Arabic consonant skeletons, initials."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from rapidfuzz.distance import OSA

from watchlist.match.similarity import (
    _TYPO_PLAIN_FROM,
    MIN_SIMILARITY,
    one_typing_error,
    similarity_matrix,
    similarity_pairs,
    token_similarity,
    typing_distance,
    typing_error_and_slip,
    typing_errors_explain,
    typo_similarities,
    typo_similarity,
)
from watchlist.normalize import TokenFeatures


def test_identical_tokens_are_one() -> None:
    assert token_similarity("maduro", "maduro") == 1.0


def test_one_typo_in_a_long_word_stays_above_the_alignment_floor() -> None:
    assert token_similarity("maduro", "madruo") == pytest.approx(5 / 6)
    assert token_similarity("nicolas", "nicolsa") > MIN_SIMILARITY


@pytest.mark.parametrize(
    ("left", "right"),
    [("mohammed", "muhammad"), ("usama", "osama"), ("khaled", "khalid"), ("sergei", "sergey")],
)
def test_transliteration_variants_are_similar(left: str, right: str) -> None:
    assert token_similarity(left, right) >= 0.8


@pytest.mark.parametrize(
    ("left", "right"), [("maria", "mauro"), ("hassan", "hussein"), ("pedro", "pablo")]
)
def test_different_names_stay_apart(left: str, right: str) -> None:
    assert token_similarity(left, right) < MIN_SIMILARITY


def test_short_names_one_letter_apart_are_not_a_typo() -> None:
    assert token_similarity("hong", "kong") < MIN_SIMILARITY
    assert token_similarity("juan", "jean") < MIN_SIMILARITY


def test_arabic_consonants_match_latin_spellings_only_when_marked() -> None:
    assert token_similarity("mhmd", "mohammed", abjad=True) == pytest.approx(0.9)
    assert token_similarity("zwahry", "zawahiri", abjad=True) == pytest.approx(0.9)
    assert token_similarity("mhmd", "mohammed") < MIN_SIMILARITY


def test_initials() -> None:
    assert token_similarity("n", "nicolas") == pytest.approx(0.85)
    assert token_similarity("nicolas", "n") == pytest.approx(0.75)  # the list has the initial
    assert token_similarity("j", "nicolas") == 0.0


def test_numbers_match_only_when_equal() -> None:
    assert token_similarity("2657", "2657") == 1.0
    assert token_similarity("2657", "2656") == 0.0


def test_matrix_compares_every_pair() -> None:
    left = TokenFeatures.of(["maduro", "n"])
    right = TokenFeatures.of(["nicolas", "maduro", "moros"])

    matrix = similarity_matrix(left, right)

    assert matrix.shape == (2, 3)
    assert matrix[0, 1] == 1.0
    assert matrix[1, 0] == pytest.approx(0.85)
    assert np.all((matrix >= 0) & (matrix <= 1))


def test_taken_features_compare_like_fresh_ones() -> None:
    vocabulary = TokenFeatures.of(["mhmd", "maduro", "osama"], [True, False, False])
    taken = vocabulary.take([2, 0])

    fresh_list = TokenFeatures.of(["osama", "mhmd"], [False, True])
    fresh = similarity_matrix(TokenFeatures.of(["usama"]), fresh_list)
    assert np.array_equal(similarity_matrix(TokenFeatures.of(["usama"]), taken), fresh)


tokens = st.from_regex(r"[a-z]{1,10}", fullmatch=True)


@given(tokens, tokens)
def test_similarity_is_symmetric_for_latin_words_of_one_length_class(a: str, b: str) -> None:
    if (len(a) == 1) == (len(b) == 1):
        assert token_similarity(a, b) == pytest.approx(token_similarity(b, a))


@given(tokens, tokens)
def test_similarity_is_between_zero_and_one(a: str, b: str) -> None:
    assert 0.0 <= token_similarity(a, b) <= 1.0


def test_typing_errors_cost_less_than_other_edits() -> None:
    # a swap (0.5) and a missing letter (0.75) in seven letters; plain edits give 2/7 off
    assert typo_similarity("satnso", "santoso") == pytest.approx(1 - 1.25 / 7)
    assert typo_similarity("finiik", "finikia") == pytest.approx(1 - 1.25 / 7)
    # a swap (0.5) and a QWERTY-neighbour substitution (a/s: 0.75); plain edits give 0.6
    assert token_similarity("ivsts", "vista") == pytest.approx(0.75)
    # `k`/`b` are not neighbours (a full edit), `f`/`r` are
    assert typo_similarity("kashif", "bashif") == pytest.approx(1 - 1 / 6)
    assert typo_similarity("kashif", "kashir") == pytest.approx(1 - 0.75 / 6)
    assert typo_similarity("juan", "xyz") == 0.0  # below MIN_SIMILARITY


def test_word_found_as_written_is_not_read_as_a_typo() -> None:
    listed = TokenFeatures.of(["santoso", "satnso"])
    assert similarity_matrix(TokenFeatures.of(["satnso"]), listed)[0, 0] == pytest.approx(
        1 - 2 / 7, abs=1e-6
    )
    alone = similarity_matrix(TokenFeatures.of(["satnso"]), TokenFeatures.of(["santoso"]))
    assert alone[0, 0] == pytest.approx(1 - 1.25 / 7, abs=1e-6)


def test_words_looked_up_together_get_what_each_gets_alone() -> None:
    # `satnso` looked up beside another word that found `satnso` itself: against its own
    # candidate `santoso` it is still read through typing errors, as alone.
    word = np.array([0, 1])
    pairs = similarity_pairs(
        TokenFeatures.of(["satnso", "satnso"]), TokenFeatures.of(["santoso", "satnso"]), word
    )
    assert pairs[0] == pytest.approx(1 - 1.25 / 7, abs=1e-6)
    assert pairs[1] == 1.0


def test_a_word_found_as_written_among_its_own_pairs_is_not_read_as_a_typo() -> None:
    word = np.array([0, 0])
    pairs = similarity_pairs(
        TokenFeatures.of(["satnso", "satnso"]), TokenFeatures.of(["santoso", "satnso"]), word
    )
    assert pairs[0] == pytest.approx(1 - 2 / 7, abs=1e-6)


_words = st.text(alphabet="abdhilmnorsuwyz1", min_size=1, max_size=9)


@given(
    st.lists(st.tuples(_words, st.booleans()), min_size=1, max_size=4),
    st.lists(_words, min_size=1, max_size=8),
)
def test_pairs_give_the_values_of_the_matrix(
    query: list[tuple[str, bool]], listed: list[str]
) -> None:
    left = TokenFeatures.of([text for text, _ in query], [abjad for _, abjad in query])
    right = TokenFeatures.of(listed)
    word = np.repeat(np.arange(len(query)), len(listed))
    column = np.tile(np.arange(len(listed)), len(query))
    pairs = similarity_pairs(left.take(word), right.take(column), word)
    assert np.array_equal(pairs, similarity_matrix(left, right).ravel())


def test_word_that_lost_letters_to_typos_is_read_as_typed() -> None:
    """Two letters left out of `mualla` leave four (`mall`): still a typing error (0.75)."""
    sim = similarity_matrix(TokenFeatures.of(["mall"]), TokenFeatures.of(["mualla"]))
    assert sim[0, 0] == pytest.approx(0.75, abs=1e-6)


def test_word_more_than_two_letters_longer_is_not_read_as_typed() -> None:
    """`mohammadreza` is not `mohammad` with four extra keys, each beside the next."""
    sim = similarity_matrix(TokenFeatures.of(["mohammadreza"]), TokenFeatures.of(["mohammad"]))
    assert sim[0, 0] < MIN_SIMILARITY
    assert typo_similarity("mohammadreza", "mohammad") > MIN_SIMILARITY  # what is left out


def test_short_words_are_not_read_as_typed() -> None:
    sim = similarity_matrix(TokenFeatures.of(["ali"]), TokenFeatures.of(["alia"]))
    assert sim[0, 0] == pytest.approx(0.75 * 0.9, abs=1e-6)  # plain edits, short-word factor


def test_typing_errors_explain_two_typos_even_in_a_five_letter_word() -> None:
    assert typing_errors_explain("jumib", "numbi")  # a swap and a neighbouring key
    assert typing_errors_explain("dang", "chang")  # 1.5 over 5: below _TYPO_MIN
    assert not typing_errors_explain("luthi", "pote")
    assert not typing_errors_explain("mohammadreza", "mohammad")  # four letters apart


def test_one_typing_error() -> None:
    assert one_typing_error("amal", "jamal")  # a letter left out
    assert one_typing_error("fahim", "rahim")  # a neighbouring key
    assert one_typing_error("imlan", "milan")  # a swap
    assert not one_typing_error("samiullah", "hamidullah")
    assert typing_distance("samiullah", "hamidullah") == pytest.approx(1.75)


def test_typing_error_and_slip() -> None:
    assert typing_error_and_slip("ypong", "ryong")  # a letter left out, an extra key beside `o`
    assert typing_error_and_slip("qenij", "wenji")  # a neighbouring key, two letters swapped
    assert typing_error_and_slip("wsamr", "samer")  # an extra key beside `s`, a letter left out
    assert not typing_error_and_slip("yeong", "myong")  # a letter left out, another put in
    assert not typing_error_and_slip("ouwian", "luqian")  # two neighbouring keys: no slip
    # One wrong letter, though `z` beside the `a` and `m` left out would spell it.
    assert not typing_error_and_slip("zarko", "marko")


# Keys side by side on a QWERTY keyboard, so that swaps, doubled keys and neighbour keys abound.
typed_words = st.from_regex(r"[asdqwe]{5,12}", fullmatch=True)


@given(typed_words, typed_words)
def test_typing_errors_never_rescue_a_pair_over_twice_the_plain_edit_limit(a: str, b: str) -> None:
    if OSA.normalized_similarity(a, b) < _TYPO_PLAIN_FROM:
        assert typo_similarity(a, b) == 0.0


def test_a_word_must_be_closer_through_typing_errors_than_through_plain_edits() -> None:
    # a dropped letter and a wrong one in six letters (1.75 edits, 0.71) make another name
    assert typo_similarity("ghada", "ghamdi") == 0.0
    assert typo_similarity("taheem", "naeem") == 0.0
    assert typo_similarity("kashif", "bashir") == 0.0  # 0.71


def test_pair_at_exactly_twice_the_plain_edit_limit_still_gets_its_typo_credit() -> None:
    # three plain edits in six letters (0.5), all cheap: 1.5 typing-error edits (0.75); the
    # loose forms bring the pair into the window where typing errors are worked out
    assert OSA.normalized_similarity("edwdes", "eeddwe") == pytest.approx(0.5)
    assert typo_similarity("edwdes", "eeddwe") == pytest.approx(0.75)
    sim = similarity_matrix(TokenFeatures.of(["edwdes"]), TokenFeatures.of(["eeddwe"]))
    assert sim[0, 0] == pytest.approx(0.75, abs=1e-6)


def test_a_letter_swap_after_an_expensive_row_still_counts_as_a_typing_error():
    # The swap "ce"/"ec" jumps two rows of the edit table; an early exit that looked at one
    # row alone returned 0 here.
    assert typo_similarity("baceee", "byecee") == pytest.approx(0.75)


def test_arabic_qaf_also_reads_as_g() -> None:
    # قاسمي: Qasimi in the east, Gasmi in the Maghreb
    assert token_similarity("qasmy", "gasmi", abjad=True) == pytest.approx(0.9)
    assert token_similarity("qasmy", "kasmi", abjad=True) >= 0.9
    # only for a word romanised from Arabic script: Latin q and g stay apart
    assert token_similarity("qasmi", "gasmi") < 0.85


def test_arabic_s_and_h_side_by_side_are_two_letters_too() -> None:
    # صحراوي is romanised `shrawy`, as if with ش; it is Sahraoui
    assert token_similarity("shrawy", "sahraoui", abjad=True) >= 0.85
    assert token_similarity("shryf", "sharif", abjad=True) >= 0.85  # ش stays sh
    assert token_similarity("shrawi", "sahraoui") < 0.8  # Latin sh stays one sound


def test_arabic_zah_and_thal_also_read_as_th() -> None:
    # كاظم is Kathim in Iraq, Kazim elsewhere; البذالي al-Bathali, al-Bazali
    assert token_similarity("kazm", "kathim", abjad=True) >= 0.85
    assert token_similarity("kazm", "kazim", abjad=True) >= 0.85
    assert token_similarity("albzaly", "albathali", abjad=True) >= 0.85
    assert token_similarity("kazim", "kathim") < 0.8  # Latin z and th stay apart


def test_arabic_ta_marbuta_also_reads_as_at() -> None:
    # هيئة تحرير الشام: Hay'at Tahrir al-Sham; a word before the noun it governs ends in -at
    assert token_similarity("hyya", "hayat", abjad=True) >= 0.85
    assert token_similarity("jbha", "jabhat", abjad=True) >= 0.85
    assert token_similarity("jbha", "jabha", abjad=True) >= 0.85


def test_spoken_readings_combine() -> None:
    # قاعدة: Qa'idat keeps the q and reads the -at
    assert token_similarity("qaada", "qaidat", abjad=True) >= 0.85
    assert token_similarity("qaada", "gaida", abjad=True) >= 0.85


def test_a_leading_w_or_y_is_a_consonant_of_a_short_abjad_word() -> None:
    # ولي Wali and عوض Ewaz have one consonant besides the w: two agree, not one
    assert token_similarity("wly", "wali", abjad=True) == pytest.approx(0.85)
    assert token_similarity("awz", "ewaz", abjad=True) == pytest.approx(0.85)
    assert token_similarity("wly", "ali", abjad=True) == pytest.approx(0.75)


def test_latin_ch_also_reads_as_kh_against_arabic_script() -> None:
    # بريخ is Barich and Barech in German-style romanisation, where ch writes خ
    assert token_similarity("brykh", "barich", abjad=True) >= 0.85
    assert token_similarity("shryf", "cherif", abjad=True) >= 0.85  # French ch is still ش
    assert token_similarity("barich", "barikh") < 0.85  # between Latin words ch stays ch


def test_a_letter_typed_two_places_late_is_two_swaps() -> None:
    # Optimal string alignment edits a swapped pair no further; typists move a letter twice.
    assert token_similarity("epgyt", "egypt") == pytest.approx(0.8)
    assert token_similarity("hdila", "hilda") == pytest.approx(0.8)
    # a swap, then a neighbouring key for one of the swapped letters
    assert token_similarity("ghkai", "ghali") == pytest.approx(0.75)
    assert typo_similarities(["epgyt", "ghkai"], ["egypt", "ghali"]) == pytest.approx([0.8, 0.75])


def test_two_wrong_letters_are_still_not_a_moved_letter() -> None:
    assert token_similarity("myknt", "myong") < MIN_SIMILARITY
