"""Where no C compiler built the compiled modules, watchlist screens in Python and finds the
same hits with the same scores and explanations."""

from __future__ import annotations

import pickle

import pytest

from watchlist.index import candidates
from watchlist.match import shortlist, similarity
from watchlist.match.types import Query
from watchlist.normalize import features, phonetic
from watchlist.screen import Screener

QUERIES = [
    Query("Nicolas Maduro"),
    Query("MADURO MOROS, Nicols"),
    Query("Cartel of the Suns"),
    Query("Usama bin Ladin", schema="Person"),
    Query("Mohamed Abdel Rahman"),
    Query("Sergey Kostyukov"),
    Query("Banco Central de Venezuela SA"),
    Query("Rosoboronexport OAO", schema="Organization"),
    Query("Kim Jong Un"),
    Query("TEREAMA", schema="Vessel"),
    Query("SEVASFLPOL", schema="Vessel"),
    Query("Okonkwo Adebayo"),
    Query("Przybylski Tomasz"),
    Query("أسامة بن لادن"),
    Query("Ахмед Закаев"),
]


def _hits(screener: Screener) -> list[list[tuple[str, float, str]]]:
    return [
        [(h.entity_id, h.score, h.explanation) for h in screener.match(q, threshold=0.5)]
        for q in QUERIES
    ]


def test_python_fallbacks_find_what_the_compiled_modules_find(
    real_screener: Screener, monkeypatch: pytest.MonkeyPatch
) -> None:
    compiled = _hits(pickle.loads(pickle.dumps(real_screener)))
    for module, name in [
        (candidates, "_compiled"),
        (candidates, "_compiled_lookup"),
        (shortlist, "_compiled"),
        (similarity, "_compiled"),
        (features, "_compiled"),
        (phonetic, "_compiled"),
    ]:
        assert getattr(module, name) is not None, f"{module.__name__}.{name} was not built"
        monkeypatch.setattr(module, name, None)
    features.loose_form.cache_clear()
    phonetic.skeleton.cache_clear()

    assert _hits(pickle.loads(pickle.dumps(real_screener))) == compiled
    assert sum(len(hits) for hits in compiled) > 20
