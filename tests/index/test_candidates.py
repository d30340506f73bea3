"""Candidate retrieval: blocking keys, rarity, and ranking without comparing every name."""

from __future__ import annotations

import math

import numpy as np
import pytest

from watchlist.index import blocking_keys, candidates
from watchlist.index.names import REFERENCE_ENTITIES
from watchlist.model import Entity, Name, NameKind, Schema, make_entity_id
from watchlist.normalize import NameMode, TokenKind, analyze_name
from watchlist.screen import Screener


def person(source_id: str, *names: str) -> Entity:
    return Entity(
        id=make_entity_id("t", source_id),
        schema=Schema.PERSON,
        source="t",
        source_id=source_id,
        names=tuple(
            Name(n, NameKind.PRIMARY if i == 0 else NameKind.ALIAS) for i, n in enumerate(names)
        ),
    )


ENTITIES = [
    person("1", "MADURO MOROS, Nicolas"),
    person("2", "KIM, Song"),
    person("3", "KIM, Jong Un"),
    person("4", "KIM, Chol"),
    person("5", "MUHAMMAD, Ali", "MOHAMMED, Ali", "MOHAMED, Ali", "MUHAMMED, Ali"),
    person("6", "MUHAMMAD, Yusuf"),
]


def test_keys_are_token_deletions_skeleton_and_metaphone() -> None:
    keys = blocking_keys("maduro")

    assert "dmaduro" in keys and "dmadro" in keys and "daduro" in keys
    assert "smdr" in keys and "pMTR" in keys
    assert len([k for k in keys if k.startswith("d")]) == 1 + len("maduro")


def test_short_tokens_and_joined_runs_get_no_deletions() -> None:
    assert [k for k in blocking_keys("ali") if k.startswith("d")] == ["dali"]
    assert [k for k in blocking_keys("binladen", deletions=False) if k.startswith("d")] == [
        "dbinladen"
    ]


def test_rarity_counts_entities_not_names() -> None:
    screener = Screener.from_entities(ENTITIES)
    idf = {text: float(screener.vocabulary.idf[i]) for text, i in screener.vocabulary.ids.items()}

    # `muhammad`: four names of entity 5 and one of entity 6, so two entities.
    assert idf["muhammad"] == pytest.approx(math.log((REFERENCE_ENTITIES + 1) / 2.5))
    assert idf["yusuf"] == pytest.approx(math.log((REFERENCE_ENTITIES + 1) / 1.5))
    assert idf["kim"] < idf["muhammad"] < idf["yusuf"]


def test_one_typo_finds_the_entry_through_a_deletion() -> None:
    screener = Screener.from_entities(ENTITIES)
    found = screener.index.entries_for(blocking_keys("madruo"))

    assert "maduro" in {screener.vocabulary.texts[i] for i in found}


def test_transliteration_finds_the_entry_through_the_skeleton() -> None:
    screener = Screener.from_entities(ENTITIES)
    found = {
        screener.vocabulary.texts[i] for i in screener.index.entries_for(blocking_keys("mhmd"))
    }

    assert {"muhammad", "mohammed", "mohamed", "muhammed"} <= found


def test_names_with_returns_every_name_holding_an_entry() -> None:
    screener = Screener.from_entities(ENTITIES)
    entry = screener.vocabulary.ids["kim"]

    names, owner = screener.index.names_with(np.array([entry]))

    assert sorted(screener.names[n].display for n in names) == [
        "KIM, Chol",
        "KIM, Jong Un",
        "KIM, Song",
    ]
    assert set(owner.tolist()) == {0}


def test_best_credit_per_name_counts_a_name_once() -> None:
    screener = Screener.from_entities(ENTITIES)
    ids = screener.vocabulary.ids
    entries = np.array([ids["muhammad"], ids["mohammed"]], dtype=np.int32)

    names, credits = screener.index.best_credit_per_name(entries, np.array([2.0, 3.0], np.float32))

    shown = {screener.names[int(n)].display: float(c) for n, c in zip(names, credits, strict=True)}
    assert shown == {"MUHAMMAD, Ali": 2.0, "MOHAMMED, Ali": 3.0, "MUHAMMAD, Yusuf": 2.0}
    assert list(names) == sorted(names)


def test_query_initial_ranks_the_name_with_that_letter_first() -> None:
    screener = Screener.from_entities(ENTITIES)
    kim = np.array([screener.vocabulary.ids["kim"]], dtype=np.int32)
    hits = [screener.index.best_credit_per_name(kim, screener.vocabulary.idf[kim])]

    ranked, estimates = screener.index.rank(
        hits, query_weight=float(screener.vocabulary.idf[kim][0]) + 1, initials=["s"], limit=3
    )

    assert screener.names[int(ranked[0])].display == "KIM, Song"
    assert list(estimates) == sorted(estimates, reverse=True)


def test_mask_leaves_names_out() -> None:
    screener = Screener.from_entities(ENTITIES)
    kim = np.array([screener.vocabulary.ids["kim"]], dtype=np.int32)
    hits = [screener.index.best_credit_per_name(kim, screener.vocabulary.idf[kim])]
    mask = np.array([name.display != "KIM, Song" for name in screener.names])

    ranked, _ = screener.index.rank(hits, query_weight=5.0, limit=10, mask=mask)

    assert "KIM, Song" not in {screener.names[int(i)].display for i in ranked}
    assert len(ranked) == 2


def test_names_ranked_equal_go_to_the_lower_name_id_at_the_limit() -> None:
    screener = Screener.from_entities(ENTITIES)
    kim = np.array([screener.vocabulary.ids["kim"]], dtype=np.int32)
    hits = [screener.index.best_credit_per_name(kim, np.array([1.0], dtype=np.float32))]
    every, estimates = screener.index.rank(hits, query_weight=1.0, limit=10)
    shown = [screener.names[int(i)].display for i in every]
    assert shown == ["KIM, Song", "KIM, Chol", "KIM, Jong Un"]  # two words each, then three
    assert estimates[0] == estimates[1]

    ranked, _ = screener.index.rank(hits, query_weight=1.0, limit=1)

    assert ranked.tolist() == every[:1].tolist() and int(every[0]) < int(every[1])


def test_the_install_builds_the_compiled_ranking() -> None:
    assert candidates._compiled is not None


@pytest.mark.parametrize("limit", [0, 1, 3, 60])
def test_compiled_and_numpy_ranking_agree(limit: int) -> None:
    screener = Screener.from_entities(ENTITIES)
    index = screener.index
    rng = np.random.default_rng(limit)
    for _ in range(200):
        runs = []
        for _ in range(rng.integers(1, 4)):
            names = np.unique(rng.integers(0, index.name_count, rng.integers(1, 8)))
            # Few distinct credits, so that ties are common.
            credits = rng.choice([0.5, 1.0, 2.25, 3.0], len(names)).astype(np.float32)
            runs.append((names.astype(np.int32), credits))
        initials = list(rng.choice(["k", "m", "s", "x"], rng.integers(0, 3)))
        mask = rng.random(index.name_count) < 0.8 if rng.random() < 0.5 else None
        weight = float(rng.choice([0.0, 1.0, 4.5, 9.0]))
        compiled = index.rank(runs, query_weight=weight, initials=initials, limit=limit, mask=mask)
        python = index._rank_python(runs, weight, initials, limit, mask)
        assert compiled[0].tolist() == python[0].tolist()
        assert compiled[1].tolist() == python[1].tolist()


def test_a_word_of_one_consonant_is_found_with_its_leading_w_or_y() -> None:
    # ولي `wly` and عوض `awz` have one consonant: no skeleton key, but the w is one too
    assert set(blocking_keys("wly", abjad=True)) & set(blocking_keys("wali"))
    assert set(blocking_keys("awz", abjad=True)) & set(blocking_keys("ewaz"))
    assert not set(blocking_keys("wly", abjad=True)) & set(blocking_keys("ali"))


def test_a_title_weighs_nothing_against_a_person_only() -> None:
    screener = Screener.from_entities(
        [person("1", "Sheikh Ali KHAN"), person("2", "General Ali HASSAN")]
    )
    vocabulary = screener.vocabulary
    tokens = analyze_name("Sheikh Dr Ali al Khan LLC", NameMode.ANY)
    assert {t.kind for t in tokens} >= {TokenKind.TITLE, TokenKind.LEGAL}
    person_weights, other_weights = vocabulary.person_and_other_weights(tokens)
    assert other_weights == tuple(vocabulary.weight(t) for t in tokens)
    for token, person_weight, other_weight in zip(
        tokens, person_weights, other_weights, strict=True
    ):
        assert other_weight > 0.0
        assert person_weight == (0.0 if token.kind is TokenKind.TITLE else other_weight)
