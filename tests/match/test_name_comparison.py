"""compare_name: alignment of query and list tokens, and the name score formula."""

from __future__ import annotations

import pytest

from watchlist.match.names import NameComparison, compare_name
from watchlist.match.similarity import similarity_matrix
from watchlist.normalize import NameMode, TokenFeatures, analyze_name, name_units
from watchlist.normalize.names import NameToken


def compare(
    query: str, listed: str, *, person: bool = True, weights: dict[str, float] | None = None
) -> NameComparison:
    mode = NameMode.PERSON if person else NameMode.ORGANIZATION
    q_tokens = analyze_name(query, mode)
    l_tokens = analyze_name(listed, mode)
    q_units, l_units = name_units(q_tokens), name_units(l_tokens)
    table = weights or {}

    def weight(token: NameToken) -> float:
        return table.get(token.text, 5.0)

    sims = similarity_matrix(
        TokenFeatures.of([u.text for u in q_units], [u.abjad for u in q_units]),
        TokenFeatures.of([u.text for u in l_units], [u.abjad for u in l_units]),
    ).tolist()
    return compare_name(
        q_tokens,
        q_units,
        [weight(t) for t in q_tokens],
        l_tokens,
        l_units,
        [weight(t) for t in l_tokens],
        sims,
        person=person,
    )


def test_same_name_in_another_order_scores_one() -> None:
    result = compare("Nicolas Maduro Moros", "MADURO MOROS, Nicolas")

    assert result.score == 1.0
    assert result.query_only == result.list_only == ()
    assert [(p.query, p.listed) for p in result.pairs] == [
        ("nicolas", "nicolas"),
        ("maduro", "maduro"),
        ("moros", "moros"),
    ]


def test_score_follows_the_formula() -> None:
    # aligned maduro (5) + nicolas (5); moros, a second surname, is missing: beta 0.25
    result = compare("Nicolas Maduro", "MADURO MOROS, Nicolas")

    assert result.score == pytest.approx(10 / (10 + 0.25 * 5))
    assert result.list_only == ("moros",)


def test_missing_given_name_costs_more_than_a_missing_second_surname() -> None:
    no_given = compare("Maduro Moros", "MADURO MOROS, Nicolas")
    no_second_surname = compare("Nicolas Maduro", "MADURO MOROS, Nicolas")

    assert no_given.score == pytest.approx(10 / (10 + 0.8 * 5))
    assert no_given.score < no_second_surname.score


def test_other_given_name_is_flagged() -> None:
    result = compare("Juan Maduro Moros", "MADURO MOROS, Nicolas")

    assert result.given_name_mismatch
    assert result.query_only == ("juan",)
    assert result.score == pytest.approx(10 / (10 + 5 + 0.8 * 5))


def test_query_words_the_list_lacks_count_in_full() -> None:
    result = compare("Nicolas Maduro Moros Garcia", "MADURO MOROS, Nicolas")

    assert result.query_only == ("garcia",)
    assert result.score == pytest.approx(15 / 20)


def test_rare_words_weigh_more_than_common_ones() -> None:
    weights = {"mohammed": 2.0, "zawahiri": 9.0}
    common_missing = compare("Zawahiri", "Mohammed Zawahiri", weights=weights)
    rare_missing = compare("Mohammed", "Mohammed Zawahiri", weights=weights)

    assert common_missing.score > rare_missing.score


def test_joined_particles_align_with_split_ones() -> None:
    result = compare("Usama Binladen", "BIN LADEN, Usama")

    assert result.score == 1.0
    assert ("binladen", "bin laden") in {(p.query, p.listed) for p in result.pairs}


def test_two_runs_are_never_aligned_with_each_other() -> None:
    # `salihaydar` and `alihaydar` are close, but neither side wrote them as one word.
    result = compare("Salih Aydar", "Ali Haydar")

    assert result.score < 0.5


def test_acronym_letters_are_not_initials_in_organisation_names() -> None:
    result = compare("Karjalainen", "K.A.S.", person=False)

    assert result.score == 0.0


def test_description_names_pairs_and_leftovers() -> None:
    result = compare("Nicolas Madruo Garcia", "MADURO MOROS, Nicolas")

    assert result.describe() == (
        "nicolas=nicolas, madruo~maduro 0.83, not in list name: garcia, not in query: moros"
    )


def test_given_name_that_barely_resembles_the_listed_one_is_flagged() -> None:
    """`Seong` takes `Ryong` at 0.76 (loose forms): another given name, not a spelling of it."""
    result = compare("Seong Kang", "KANG, Ryong")

    assert result.given_name_mismatch
    assert result.pairs[0].listed == "ryong"


def test_misspelt_given_name_with_its_first_letter_is_not_flagged() -> None:
    assert not compare("Dongmgn Wang", "WANG, Dongming").given_name_mismatch
    assert not compare("R. Kang", "KANG, Ryong").given_name_mismatch


def test_given_name_with_its_first_letter_but_other_consonants_is_flagged() -> None:
    """`mostafa`/`mojtaba` (0.71) and `khaled`/`kalim` (0.76, loose forms) share a first
    letter, but not their other consonants: other names."""
    assert compare("Mostafa Tehrani", "TEHRANI, Mojtaba").given_name_mismatch
    assert compare("Khaled Musa", "MUSA, Kalim").given_name_mismatch


def test_spelling_of_the_listed_given_name_is_not_flagged() -> None:
    """One consonant skeleton (`usman`/`uthman` `smn`), a first sound that romanisations
    spell two ways (Korean `chong`/`jong`, `usman`/`osman`), or two typos in a six-letter name
    (0.79)."""
    assert not compare("Usman al-Ghamdi", "AL-GHAMDI, Uthman").given_name_mismatch
    assert not compare("Chong Hun Kil", "KIL, Jong Hun").given_name_mismatch
    assert not compare("Issa Uthman Issa", "ISSA, Issa Osman").given_name_mismatch
    assert not compare("Mzansr al-Saadi", "AL-SA'ADI, Mansur").given_name_mismatch


def test_other_given_name_is_flagged_beside_one_that_matches() -> None:
    """`Seong-il` is one Korean given name: `il` matching does not make `seong` `kyong`."""
    assert compare("Seong-il Kim", "KIM, Kyong Il").given_name_mismatch


def test_other_given_name_is_flagged_where_the_list_gives_no_parts() -> None:
    """Without `SURNAME, Given`, any word of a person's listed name may be the given name."""
    assert compare("Naweed Waraich", "Mullah Naeem Baraich").given_name_mismatch
    assert compare("Jin-yeong Jang", "Jang Myong-Jin").given_name_mismatch


def test_surname_with_two_typos_is_not_flagged() -> None:
    """`AMDKI` for AMIDI, `JUMIB` for NUMBI (a swap and a neighbouring key), `DANG` for CHANG
    (a neighbouring key and a letter left out)."""
    assert not compare("AMDKI, Reza", "AMIDI, Reza").given_name_mismatch
    assert not compare("JUMIB, John", "NUMBI, John").given_name_mismatch
    assert not compare("DANG, Chin Sung", "CHANG, Chin Sung").given_name_mismatch


def test_other_surname_that_no_typing_errors_explain_is_flagged() -> None:
    """`luthi`~`pote` 0.71 through loose forms, but no two typing errors make one of the
    other."""
    assert compare("Selina Luthi", "POTE, Selina").given_name_mismatch
    assert compare("Kami Karim", "KHAZE, Karim").given_name_mismatch


def test_other_first_letter_one_letter_in_five_apart_is_flagged_unless_a_typo() -> None:
    """0.8 is one edit in five letters: `samiullah`/`hamidullah` (two in ten) are two names,
    while `amal` for `jamal` is a letter left out and `fahim` for `rahim` a neighbouring key."""
    assert compare("Samiullah Akhund", "AKHUND, Hamidullah").given_name_mismatch
    assert not compare("Amal Ibrahim", "IBRAHIMI, Jamal").given_name_mismatch
    assert not compare("Fahim Baseer", "BASEER, Rahim").given_name_mismatch


def test_given_name_whose_first_letter_two_typos_changed_is_not_flagged() -> None:
    """A typing error and a slip: `ypong` for `Ryong` (`r` left out, `p` beside the `o`),
    `Qenij` for `Wenji` (a neighbouring key, two letters swapped). One wrong letter that is
    not a neighbouring key is still another name (`Marko` for `Zarko`), and so are two errors
    that are no slip (`Yeong` for `Myong`)."""
    assert not compare("CHOE, ypong Hae", "CHOE, Ryong Hae").given_name_mismatch
    assert not compare("Jian Qenij", "JIAN, Wenji").given_name_mismatch
    assert compare("Marko Nikolic", "NIKOLIC, Zarko").given_name_mismatch
    assert compare("Yeong Kim", "KIM, Myong").given_name_mismatch


def test_given_name_with_its_first_letter_and_two_typos_is_not_flagged() -> None:
    """`Chjag` for `Chang`: `j` beside the `h` hit as well and the `n` left out, which leaves
    other consonants (`chjg`/`chng`) but is a typing error and a slip."""
    assert not compare("PAEK, Chjag-Ho", "PAEK, Chang-Ho").given_name_mismatch
    assert compare("Mostafa Tehrani", "TEHRANI, Mojtaba").given_name_mismatch


def test_listed_initial_does_not_stand_for_a_spelt_out_given_name_the_query_lacks() -> None:
    """`Alberto` takes the `A` of `Gustavo A`, but `Gustavo` is still missing: a missing given
    name (0.8 of its weight), not a further one (0.4)."""
    result = compare("Alberto Perdomo Rosales", "PERDOMO ROSALES, Gustavo A")

    assert result.list_only == ("gustavo",)
    assert result.score == pytest.approx((0.75 * 1 + 10) / (1 + 10 + 0.8 * 5), abs=1e-6)


def test_list_initial_for_a_given_name_is_not_flagged() -> None:
    assert not compare("Vadim Boyarkin", "BOYARKIN, V.A.").given_name_mismatch


def test_dropped_middle_name_costs_less_when_first_given_name_and_surname_match() -> None:
    middle_dropped = compare("KASHMIRI, Mohammad", "KASHMIRI, Mohammad Ilyas")
    first_dropped = compare("KASHMIRI, Ilyas", "KASHMIRI, Mohammad Ilyas")

    assert middle_dropped.score == pytest.approx(10 / (10 + 0.3 * 5))
    assert first_dropped.score == pytest.approx(10 / (10 + 0.4 * 5))


def test_dropped_middle_name_costs_in_full_beside_a_loosely_matched_given_name() -> None:
    # `alice~alexey` is under 0.8, so `borisovich` is not taken for a mere middle name
    result = compare("Alice Miller", "MILLER, Alexey Borisovich")

    assert result.list_only == ("borisovich",)
    [sim] = [p.similarity for p in result.pairs if p.listed == "alexey"]
    assert sim < 0.8
    assert result.score == pytest.approx((sim * 5 + 5) / (10 + 0.4 * 5))


def test_arabic_skeleton_takes_the_list_word_not_a_run_it_merges_into() -> None:
    # `ahmad zia` reads `hmd` as `ahmd` does (z and d in one class): `dya` is Zia.
    result = compare("أحمد ضياء آغا", "AHMAD ZIA AGHA")

    assert [(p.query, p.listed) for p in result.pairs] == [
        ("ahmd", "ahmad"),
        ("dya", "zia"),
        ("agha", "agha"),
    ]


def test_arabic_skeleton_tie_goes_to_the_word_that_starts_alike() -> None:
    result = compare("حامد أحمد", "Hamed")

    assert [(p.query, p.listed) for p in result.pairs] == [("hamd", "hamed")]
    assert result.query_only == ("ahmd",)


def test_given_name_with_one_consonant_no_slip_explains_is_flagged() -> None:
    # A consonant for another, not the key beside it: another name, though 0.83 alike.
    assert compare("Farhad Khan", "KHAN, Farhan").given_name_mismatch
    assert compare("Khalil Fawaz", "FAWAZ, Khalid").given_name_mismatch


def test_given_name_with_a_neighbouring_key_or_another_vowel_is_not_flagged() -> None:
    assert not compare("Khalil Fawaz", "FAWAZ, Khalik").given_name_mismatch  # l beside k
    assert not compare("Jinhua Hong", "HONG, Jinhui").given_name_mismatch
    assert not compare("Ahmet Yilmaz", "YILMAZ, Ahmed").given_name_mismatch  # a spelling


def test_surname_with_one_consonant_no_slip_explains_is_flagged() -> None:
    assert compare("Masoud Ashraq", "ASHRAF, Masoud").given_name_mismatch  # q is far from f
    assert not compare("Masoud Ashrag", "ASHRAF, Masoud").given_name_mismatch  # g is beside f


def test_one_wrong_consonant_in_a_long_word_is_a_typo_not_another_name() -> None:
    # Seven letters or more: one letter of the word, and typed wrong far more often than
    # another name meant (a typo of any key, not only the one beside it).
    assert not compare("Vladimir Lazarejic", "LAZAREVIC, Vladimir").given_name_mismatch
    assert not compare(
        "Mikhail Sergeyevicf Potepkin", "POTEPKIN, Mikhail Sergeyevich"
    ).given_name_mismatch
    assert compare("Farhad Lazarevic", "LAZAREVIC, Farhan").given_name_mismatch  # six letters


def test_one_wrong_consonant_beside_a_misspelt_word_is_read_as_another_typo() -> None:
    # Someone else with the listed surname spells it right: a query that misspells one word
    # of the name has one more typo, not another given name.
    assert not compare("Andsei Krechtov", "KRECHETOV, Andrei").given_name_mismatch
    assert not compare("Nbdul Aziz Aqqani", "HAQQANI, Abdul Aziz").given_name_mismatch
    assert compare("Andsei Krechetov", "KRECHETOV, Andrei").given_name_mismatch


def test_a_spelling_elsewhere_is_no_typo_that_excuses_another_name() -> None:
    # One vowel for another, a final vowel, a doubled letter: names vary so as well.
    assert compare("Samar Nassar", "QASSAR, Samir").given_name_mismatch
    assert compare("Amine Cherni", "CHERRI, Amin").given_name_mismatch
    assert compare("Souad Mohamad", "MOHAMMED, Fouad").given_name_mismatch


def test_only_one_changed_letter_in_five_is_excused_as_a_typo() -> None:
    # `hector`/`victor` (0.79) is another name whatever else the query misspells.
    assert compare("Hector Vasquez Mireles", "VAZQUEZ MIRELES, Victor Manuel").given_name_mismatch


def test_the_explanation_is_spelt_out_when_first_read_and_the_same_after() -> None:
    result = compare("Nicolas Maduro", "MADURO MOROS, Nicolas")
    assert result._explanation is None  # nothing spelt out yet: most comparisons never are
    first = result.explanation
    assert result._explain is None and result.explanation is first
    assert result.list_only == ("moros",) and result.describe().endswith("not in query: moros")
    assert result == compare("Nicolas Maduro", "MADURO MOROS, Nicolas")
    assert len({result, compare("Nicolas Maduro", "MADURO MOROS, Nicolas")}) == 1
