"""Name against name: align the tokens, weigh them by rarity, penalise what is left over.

1. Alignment: every pair of units (tokens, or runs of adjacent tokens joined into one word)
   similar enough is an edge; the most similar edges are taken first, each token used once.
   Word order plays no part.
2. Score: aligned similarity weighted by the listed token's rarity, over the weight of every
   token: `sum(sim * w) / (sum(w aligned) + 1.0 * w query-only + beta * w list-only)`.
   A query token the list name lacks counts in full (`Juan` in `Juan Maduro Moros`). A list
   token the query lacks counts less: `beta` is 0.25 for a person's middle names and second
   surname (`Nicolas Maduro` for `MADURO MOROS, Nicolas`), 0.3 for a further given name when
   the first given name and a surname both match closely, 0.4 for it otherwise, 0.8
   when the query has none of the given names or none of the surnames, 0.35 for person names
   whose parts are unknown and 0.5 for other names.
3. Guard: a person's listed surnames with none of the listed given names and some other name
   in their place (`Juan Maduro Moros`, `Pedro Zambada Garcia`) is another person:
   `given_name_mismatch` marks it. So is a query word aligned with a listed given name (or
   with any word of a person's name whose parts the list does not give) that is another name
   rather than a spelling or misspelling of it (`Mostafa` for `Mojtaba`, `Seong-il` for
   `Kyong Il`), and a surname that no romanisation or typing errors explain (`Luthi` for
   `Pote`); in either, one consonant for another that is not the key beside it (`Farhad`
   for `Farhan`, `Ashraq` for `Ashraf`). One such pair at one letter in five is excused
   where the query misspells another word of the name (`Andsei Krechtov` for `KRECHETOV,
   Andrei`): someone else with the listed surnames spells them right. A listed initial does
   not stand for a given name the list spells out beside it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Final

from watchlist.match.similarity import (
    JOIN_MIN_SIMILARITY,
    MIN_SIMILARITY,
    one_typing_error,
    typing_error_and_slip,
    typing_errors_explain,
)
from watchlist.normalize import NameToken, TokenKind, TokenRole, Unit, loose_form
from watchlist.normalize.keyboard import NEIGHBOURS
from watchlist.normalize.phonetic import skeleton

QUERY_ONLY_PENALTY: Final = 1.0
LIST_ONLY_PENALTY: Final = 0.5
PERSON_LIST_ONLY_PENALTY: Final = 0.35
SECONDARY_PART_PENALTY: Final = 0.25  # a middle name, a second surname
# `Min Chol` is one Korean given name; `Min` alone is not it.
FURTHER_GIVEN_NAME_PENALTY: Final = 0.4
# A given name after the first one, when both the first given name and a surname match
# closely: a middle name (`KASHMIRI, Mohammad` for `KASHMIRI, Mohammad Ilyas`; not `Alice
# Miller` for `MILLER, Alexey Borisovich`, where `alice~alexey` is 0.79). At least
# SECONDARY_PART_PENALTY, which the screener's upper bound assumes.
MIDDLE_NAME_PENALTY: Final = 0.3
MISSING_PART_PENALTY: Final = 0.8  # no given name at all, or no surname at all
INITIAL_PAIR_WEIGHT: Final = 1.0
# A listed given name matched by nothing closer than this, and by a word with another first
# sound, is not matched: `Seong` is not `Ryong` (0.76), `Samiullah` not `Hamidullah` (0.8),
# whereas one typing error in a five-letter name (0.8: `Amal` for `Jamal`) still is.
GIVEN_MATCH_SIMILARITY: Final = 0.8
# Below this, a word read for a listed given name with the same first sound but other
# consonants is another name: one consonant changed beyond romanisation in a short name
# (`khaled`/`kalim` 0.76) or two (`mostafa`/`mojtaba` 0.71). Two typing errors in a six-letter
# name (0.79) and spellings of one name (`usman`/`uthman` 0.76, one skeleton `smn`) stay.
GIVEN_CONSONANT_SIMILARITY: Final = 0.77
# Above GIVEN_MATCH_SIMILARITY, one consonant of a listed name replaced by another that is
# neither a neighbouring key nor a spelling of it (`farhad`/`farhan`, `ashraq`/`ashraf`, 0.83)
# is another name: typists hit a key beside the right one, and a romanised spelling scores
# through the loose form instead (`ahmed`/`ahmet` 0.95).
LOOSE_MATCH_SIMILARITY: Final = 0.95
# ... in a word of up to this many letters. In a longer one a letter is a smaller part of the
# name, and one wrong letter is a typo far more often than another name (`lazarejic` for
# `lazarevic`, `strithov` for `strizhov`).
OTHER_CONSONANT_MAX_LENGTH: Final = 6
_FLOAT32_TOLERANCE: Final = 1e-6  # similarities are float32: 0.8 reads 0.80000001


@dataclass(frozen=True, slots=True)
class AlignedPair:
    query: str
    listed: str
    similarity: float


@dataclass(frozen=True, slots=True)
class Explanation:
    """Which words of a comparison matched which, and which were left over."""

    pairs: tuple[AlignedPair, ...]
    query_only: tuple[str, ...]  # query tokens with no counterpart in the list name
    list_only: tuple[str, ...]  # list-name tokens the query lacks
    # The pair read as another name rather than a spelling, when one made the mismatch.
    mismatched: AlignedPair | None = None


class NameComparison:
    """The score of a query name against a list name, and its explanation, worked out when
    first read: a query compares a few names for each one it shows, and spelling out the
    explanation had cost a third of a comparison."""

    __slots__ = ("_explain", "_explanation", "aligned_weight", "given_name_mismatch", "score")

    def __init__(
        self,
        score: float,  # in [0, 1]
        given_name_mismatch: bool,
        aligned_weight: float,  # the rarity of what matched: low for `AHMED, A.`
        explain: Callable[[], Explanation],
    ) -> None:
        self.score = score
        self.given_name_mismatch = given_name_mismatch
        self.aligned_weight = aligned_weight
        self._explain: Callable[[], Explanation] | None = explain
        self._explanation: Explanation | None = None

    @property
    def explanation(self) -> Explanation:
        if self._explanation is None:
            assert self._explain is not None
            self._explanation = self._explain()
            self._explain = None  # the words it read are no longer held
        return self._explanation

    @property
    def pairs(self) -> tuple[AlignedPair, ...]:
        return self.explanation.pairs

    @property
    def query_only(self) -> tuple[str, ...]:
        return self.explanation.query_only

    @property
    def list_only(self) -> tuple[str, ...]:
        return self.explanation.list_only

    @property
    def mismatched(self) -> AlignedPair | None:
        return self.explanation.mismatched

    def _key(self) -> tuple[float, bool, float, Explanation]:
        return (self.score, self.given_name_mismatch, self.aligned_weight, self.explanation)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, NameComparison):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return (
            f"NameComparison(score={self.score!r}, "
            f"given_name_mismatch={self.given_name_mismatch!r}, "
            f"aligned_weight={self.aligned_weight!r}, {self.explanation!r})"
        )

    def describe(self) -> str:
        parts = [
            f"{p.query}={p.listed}"
            if p.similarity >= 0.995
            else f"{p.query}~{p.listed} {p.similarity:.2f}"
            for p in self.pairs
        ]
        if self.query_only:
            parts.append("not in list name: " + " ".join(self.query_only))
        if self.list_only:
            parts.append("not in query: " + " ".join(self.list_only))
        return ", ".join(parts)


def compare_name(
    query_tokens: Sequence[NameToken],
    query_units: Sequence[Unit],
    query_weights: Sequence[float],
    list_tokens: Sequence[NameToken],
    list_units: Sequence[Unit],
    list_weights: Sequence[float],
    similarities: Sequence[Sequence[float]],
    *,
    person: bool,
) -> NameComparison:
    """Compare a query name with one list name.

    `similarities[i][j]` is the similarity of query unit i to list unit j; weights are per
    token (a weight of 0 leaves the token out, as a title against a person)."""
    candidates = [
        (qi, li, sim)
        for qi, row in enumerate(similarities)
        for li, sim in enumerate(row)
        if sim >= MIN_SIMILARITY
    ]
    return compare_aligned(
        query_tokens,
        query_units,
        query_weights,
        list_tokens,
        list_units,
        list_weights,
        candidates,
        person=person,
    )


def compare_aligned(
    query_tokens: Sequence[NameToken],
    query_units: Sequence[Unit],
    query_weights: Sequence[float],
    list_tokens: Sequence[NameToken],
    list_units: Sequence[Unit],
    list_weights: Sequence[float],
    candidates: Iterable[tuple[int, int, float]],
    *,
    person: bool,
) -> NameComparison:
    """`compare_name` from the unit pairs already known to reach MIN_SIMILARITY: (query unit,
    list unit, similarity). A joined run is compared with single tokens only, never with
    another run, and never with an initial; an initial matches only in a person's name.
    The explanation is spelt out when first read."""
    edges: list[tuple[float, int, bool, int, int]] = []
    for qi, li, sim in candidates:
        q_unit, l_unit = query_units[qi], list_units[li]
        if q_unit.join:
            if any(query_weights[t] == 0.0 for t in range(q_unit.start, q_unit.end)):
                continue
        elif query_weights[q_unit.start] == 0.0:
            continue
        initial = q_unit.initial != l_unit.initial
        if q_unit.join or l_unit.join:
            if sim < JOIN_MIN_SIMILARITY or (q_unit.join and l_unit.join) or initial:
                continue
        elif initial and not person:
            continue  # `K.A.S.` is an acronym, not the initials of Karjalainen
        elif q_unit.particle != l_unit.particle and q_unit.text != l_unit.text:
            continue  # `al` is not `ali`
        # Among equals, the pair that covers more list words with fewer query words: the list
        # run `abu bakr` for a query's `abwbkr` (else `abu` is left over), the query's `hqany`
        # alone for `haqqani` (else `yhyy` is used up and `yahya` left over).
        span = (l_unit.end - l_unit.start) - (q_unit.end - q_unit.start)
        if q_unit.abjad and l_unit.join and not q_unit.join and _all_voiced(list_tokens, l_unit):
            # A consonant skeleton as close to a list run as to one of its words says nothing
            # of the others: `ahmd` is `ahmad`, not `ahmad zia` (whose `z` merges into `d`).
            # A run with a word of vowels only (`islamiya aiai`) still covers more.
            span = -span
        # Then the pair that starts alike: `hamd` for `hamed`, not `ahmd` (both skeleton `hmd`).
        same_start = q_unit.text[:1] == l_unit.text[:1]
        edges.append((sim, span, same_start, qi, li))
    edges.sort(reverse=True)

    used_query = 0
    used_list = 0
    strong_list = 0  # list tokens matched at GIVEN_MATCH_SIMILARITY or more
    aligned: list[tuple[Unit, Unit, float]] = []
    numerator = 0.0
    aligned_weight = 0.0
    # A query word taken for a listed given name (or a word that may be one) that it barely
    # resembles: another person with the listed surname. The first such pair, for the
    # explanation.
    weak_pair: tuple[Unit, Unit, float] | None = None
    weak_pairs = 0
    misspelt = 0  # other aligned words misspelt, not spelt otherwise
    for sim, _span, _start, qi, li in edges:
        q_unit, l_unit = query_units[qi], list_units[li]
        if used_query & q_unit.mask or used_list & l_unit.mask:
            continue
        used_query |= q_unit.mask
        used_list |= l_unit.mask
        if sim >= GIVEN_MATCH_SIMILARITY:
            strong_list |= l_unit.mask
        if person:
            if _other_name(q_unit, l_unit, sim, list_tokens):
                weak_pairs += 1
                weak_pair = weak_pair or (q_unit, l_unit, sim)
            elif _misspelt(q_unit, l_unit, sim):
                misspelt += 1
        if q_unit.initial or l_unit.initial:
            weight = INITIAL_PAIR_WEIGHT  # an initial says little, whichever side has it
        elif l_unit.join:
            weight = sum(list_weights[l_unit.start : l_unit.end])
        else:
            weight = list_weights[l_unit.start]
        numerator += sim * weight
        aligned_weight += weight
        aligned.append((q_unit, l_unit, sim))

    query_only = [
        i for i in range(len(query_tokens)) if not used_query >> i & 1 and query_weights[i] > 0
    ]
    list_only = [i for i in range(len(list_tokens)) if not used_list >> i & 1]
    penalty = QUERY_ONLY_PENALTY * sum(query_weights[i] for i in query_only)

    # One such pair, one letter in five apart or closer, beside a word the query misspells is
    # read as one more typo: someone else with the listed surnames spells them right (`Andsei
    # Krechtov` for KRECHETOV, Andrei).
    if (
        weak_pair is not None
        and weak_pairs == 1
        and misspelt
        and weak_pair[2] >= GIVEN_MATCH_SIMILARITY - _FLOAT32_TOLERANCE
    ):
        weak_pair = None
    # `Claudio` for `Vlaudin`, `Seong` for `Ryong`, `Mostafa` for `Mojtaba`; also when another
    # given name matches (`Seong-il` for `Kyong Il`).
    given_name_mismatch = weak_pair is not None
    if person and list_only:
        roles = [t.role for t in list_tokens]
        known = TokenRole.GIVEN in roles or TokenRole.FAMILY in roles
        # A listed initial matched says little where the list spells out another name of that
        # part and the query lacks it: `Alberto` for the `A` of `PERDOMO ROSALES, Gustavo A`
        # still leaves the given name missing.
        spelt = {roles[i] for i in list_only if list_tokens[i].kind is TokenKind.NAME}
        matched_roles = {
            roles[i]
            for i in range(len(list_tokens))
            if used_list >> i & 1
            and (list_tokens[i].kind is not TokenKind.INITIAL or roles[i] not in spelt)
        }
        first_given = next((i for i, role in enumerate(roles) if role is TokenRole.GIVEN), -1)
        strong_family = any(
            role is TokenRole.FAMILY and strong_list >> i & 1 for i, role in enumerate(roles)
        )
        middle_from = (
            first_given + 1
            if strong_family and first_given >= 0 and strong_list >> first_given & 1
            else len(roles)
        )
        for i in list_only:
            role = roles[i]
            if not known:
                beta = PERSON_LIST_ONLY_PENALTY
            elif role in (TokenRole.GIVEN, TokenRole.FAMILY) and role not in matched_roles:
                beta = MISSING_PART_PENALTY
            elif role is TokenRole.GIVEN:
                beta = MIDDLE_NAME_PENALTY if i >= middle_from else FURTHER_GIVEN_NAME_PENALTY
            else:
                beta = SECONDARY_PART_PENALTY
            penalty += beta * list_weights[i]
        given_name_mismatch = given_name_mismatch or (
            TokenRole.GIVEN in roles
            and TokenRole.GIVEN not in matched_roles
            and any(query_tokens[i].kind in (TokenKind.NAME, TokenKind.INITIAL) for i in query_only)
        )
    elif list_only:
        penalty += LIST_ONLY_PENALTY * sum(list_weights[i] for i in list_only)

    denominator = aligned_weight + penalty

    def explain() -> Explanation:
        aligned.sort(key=lambda pair: pair[0].start)
        return Explanation(
            pairs=tuple(
                AlignedPair(_span_text(query_tokens, q), _span_text(list_tokens, listed), sim)
                for q, listed, sim in aligned
            ),
            query_only=tuple(query_tokens[i].text for i in query_only),
            list_only=tuple(list_tokens[i].text for i in list_only),
            mismatched=(
                AlignedPair(
                    _span_text(query_tokens, weak_pair[0]),
                    _span_text(list_tokens, weak_pair[1]),
                    weak_pair[2],
                )
                if weak_pair is not None
                else None
            ),
        )

    score = numerator / denominator if denominator > 0 else 0.0
    return NameComparison(min(1.0, score), given_name_mismatch, aligned_weight, explain)


def _all_voiced(tokens: Sequence[NameToken], unit: Unit) -> bool:
    return all(not set(t.text) <= _VOWEL_LETTERS for t in tokens[unit.start : unit.end])


_VOWEL_LETTERS = frozenset("aeiouwy")


def _span_text(tokens: Sequence[NameToken], unit: Unit) -> str:
    if not unit.join:
        return unit.text
    return " ".join(t.text for t in tokens[unit.start : unit.end])


def _other_name(
    query: Unit, listed: Unit, similarity: float, list_tokens: Sequence[NameToken]
) -> bool:
    """Whether an aligned pair of a person's name is another name, not a spelling of it."""
    # 0.8 is one letter in five: another letter at the start is another name unless a typing
    # error made it.
    if similarity < GIVEN_MATCH_SIMILARITY + _FLOAT32_TOLERANCE:
        if all(
            list_tokens[t].role is not TokenRole.FAMILY for t in range(listed.start, listed.end)
        ):
            return _other_given_name(query, listed, similarity)
        return _other_surname(query, listed, similarity)
    if similarity < LOOSE_MATCH_SIMILARITY - _FLOAT32_TOLERANCE:
        return _other_consonant(query, listed)
    return False


def _misspelt(query: Unit, listed: Unit, similarity: float) -> bool:
    """Whether an aligned pair of words is one word misspelt (`krechtov`/`krechetov`): close,
    and neither the same word spelt as a romanisation would (`yousef`/`yusuf`, one loose
    form) nor one vowel for another (`samar`/`samir`, `katrangi`/`katranji`: one length, one
    consonant skeleton), which names do as often as typists."""
    if query.abjad or query.initial or listed.initial:
        return False
    close = GIVEN_MATCH_SIMILARITY - _FLOAT32_TOLERANCE
    if not close <= similarity < LOOSE_MATCH_SIMILARITY - _FLOAT32_TOLERANCE:
        return False
    # A final vowel comes and goes in names too (`amine`/`amin`).
    typed, meant = loose_form(query.text).rstrip("aiu"), loose_form(listed.text).rstrip("aiu")
    if typed == meant:
        return False
    return len(typed) != len(meant) or skeleton(query.text) != skeleton(listed.text)


def _other_given_name(query: Unit, listed: Unit, similarity: float) -> bool:
    """Whether a query word aligned at GIVEN_MATCH_SIMILARITY or less with a listed word that
    may be a given name is some other name rather than a spelling or a misspelling of it. A
    misspelling mostly keeps the first sound (or is one typing error: `amal` for `jamal`; or a
    typing error and a slip: `ypong` for `ryong`), and romanisation keeps the consonants;
    romanised Arabic says little (`ady` for `uday`), and an initial only its first letter."""
    if query.abjad or query.initial or listed.initial:
        return False
    if _first_sound(query.text) != _first_sound(listed.text):
        # `seong`/`ryong`, `claudio`/`vlaudin`, `samiullah`/`hamidullah`
        return not (
            one_typing_error(query.text, listed.text)
            or typing_error_and_slip(query.text, listed.text)
        )
    return (
        similarity < GIVEN_CONSONANT_SIMILARITY
        and not _same_consonants(query, listed)
        and not typing_error_and_slip(query.text, listed.text)
    )


def _other_consonant(query: Unit, listed: Unit) -> bool:
    """Whether two words of one length, OTHER_CONSONANT_MAX_LENGTH letters at most, differ in
    one letter only, a consonant on both sides and not keys beside each other:
    `farhad`/`farhan`, not `karwan`/`marwan` (a slip)."""
    if (
        query.abjad
        or query.join
        or listed.join
        or len(query.text) != len(listed.text)
        or len(listed.text) > OTHER_CONSONANT_MAX_LENGTH
    ):
        return False
    differences = [(a, b) for a, b in zip(query.text, listed.text, strict=True) if a != b]
    if len(differences) != 1:
        return False
    typed, meant = differences[0]
    return (
        typed not in _VOWEL_LETTERS
        and meant not in _VOWEL_LETTERS
        and (typed, meant) not in NEIGHBOURS
    )


def _other_surname(query: Unit, listed: Unit, similarity: float) -> bool:
    """Whether a query word aligned with a listed surname is another surname: below
    GIVEN_CONSONANT_SIMILARITY, with other consonants, and not typing errors (`luthi` for
    `pote`; not `jumib` for `numbi`, a letter swapped and a neighbouring key)."""
    if query.abjad or query.initial or listed.initial or query.join or listed.join:
        return False
    return (
        similarity < GIVEN_CONSONANT_SIMILARITY
        and not _same_consonants(query, listed)
        and not typing_errors_explain(query.text, listed.text)
    )


def _same_consonants(query: Unit, listed: Unit) -> bool:
    """One first sound and one consonant skeleton after it: `usman`/`uthman`."""
    return (
        _first_sound(query.text) == _first_sound(listed.text)
        and skeleton(query.text)[1:] == skeleton(listed.text)[1:]
    )


# The sounds a name's first letters spell in the romanisations of one name, each as one
# class: Korean and Chinese `ch`/`j`/`zh` (Chong, Jong; Chang, Zhang), `k`/`g` (Kyong,
# Gyeong), `t`/`d`, `p`/`b`, Persian `v` for `w` (Vali, Wali), and the vowels (Usman, Osman).
# Longest spellings first.
_FIRST_SOUNDS = (
    ("dzh", "j"),
    ("tch", "j"),
    ("ch", "j"),
    ("zh", "j"),
    ("dj", "j"),
    ("j", "j"),
    ("kh", "k"),
    ("gh", "k"),
    ("k", "k"),
    ("g", "k"),
    ("q", "k"),
    ("c", "k"),
    ("th", "t"),
    ("dh", "t"),
    ("t", "t"),
    ("d", "t"),
    ("ph", "p"),
    ("p", "p"),
    ("b", "p"),
    ("v", "w"),
    ("w", "w"),
    ("a", "a"),
    ("e", "a"),
    ("i", "a"),
    ("o", "a"),
    ("u", "a"),
)


def _first_sound(text: str) -> str:
    """The class of the sound a folded word starts with (see _FIRST_SOUNDS)."""
    for spelling, sound in _FIRST_SOUNDS:
        if text.startswith(spelling):
            return sound
    return text[:1]
