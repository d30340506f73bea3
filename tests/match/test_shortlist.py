"""The shortlist: candidate names that cannot reach the floor are dropped before alignment, and
the compiled version keeps exactly what the Python reference keeps."""

import random

import numpy as np
import pytest

from listed import listed
from watchlist.match import shortlist as module
from watchlist.match.names import compare_aligned
from watchlist.match.shortlist import NameTable, shortlist
from watchlist.match.similarity import MIN_SIMILARITY
from watchlist.model import Name, NameKind, Schema
from watchlist.normalize import NameToken, Unit
from watchlist.screen import Query, Screener

LIST = [
    listed("1", Schema.PERSON, Name("MADURO MOROS, Nicolas")),
    listed("2", Schema.PERSON, Name("CABELLO RONDON, Diosdado"), Name("CABELLO, Diosdado")),
    listed("3", Schema.ORGANIZATION, Name("CARTEL DE LOS SOLES")),
    listed(
        "4",
        Schema.PERSON,
        Name("AL-ZAWAHIRI, Ayman Mohammed Rabie"),
        Name("DR. AYMAN", kind=NameKind.WEAK_ALIAS),
    ),
    listed("5", Schema.VESSEL, Name("TEREPAIMA")),
    listed("6", Schema.ORGANIZATION, Name("AL QAIDA")),  # `al qaida` also as the run `alqaida`
]


@pytest.fixture(scope="module")
def screener() -> Screener:
    return Screener.from_entities(LIST)


def query_units(count: int) -> list[Unit]:
    return [Unit.of(f"w{i}", i, i + 1) for i in range(count)]


def every_name(screener: Screener) -> tuple[np.ndarray, np.ndarray]:
    ids = np.arange(len(screener.names), dtype=np.int64)
    entries = np.unique([e for name in screener.names for e in name.unit_entries]).astype(np.int64)
    return ids, entries


def test_the_install_builds_the_compiled_module() -> None:
    assert module._compiled is not None


def test_a_name_with_every_word_matched_is_kept_with_its_pairs(screener: Screener) -> None:
    ids, entries = every_name(screener)
    maduro = next(i for i, n in enumerate(screener.names) if n.display.startswith("MADURO"))
    name = screener.names[maduro]
    matrix = np.zeros((len(name.units), len(entries)), dtype=np.float32)
    for qi, entry in enumerate(name.unit_entries):
        matrix[qi, np.searchsorted(entries, entry)] = 1.0
    weights = [1.0] * len(name.units)
    kept = shortlist(
        matrix,
        entries,
        query_units(len(name.units)),
        weights,
        weights,
        screener.names,
        NameTable(screener.names),
        ids,
        0.8,
    )
    assert [ids[k] for k, _ in kept] == [maduro]
    assert kept[0][1] == [(i, i, 1.0) for i in range(len(name.units))]


def test_a_run_is_paired_only_with_a_word_at_join_min_similarity_or_more(
    screener: Screener,
) -> None:
    _, entries = every_name(screener)
    qaida = next(i for i, n in enumerate(screener.names) if n.display == "AL QAIDA")
    name = screener.names[qaida]
    assert any(unit.join for unit in name.units)
    units = [*query_units(2), Unit.of("w0w1", 0, 2)]
    matrix = np.full((len(units), len(entries)), 0.8, dtype=np.float32)
    matrix[0, :] = 0.9  # the first word: at JOIN_MIN_SIMILARITY or more to every list unit
    kept = shortlist(
        matrix,
        entries,
        units,
        [1.0, 1.0],
        [1.0, 1.0],
        screener.names,
        NameTable(screener.names),
        np.array([qaida], dtype=np.int64),
        0.0,
    )
    pairs = kept[0][1]
    runs = [(qi, li) for qi, li, _ in pairs if units[qi].join or name.units[li].join]
    # The list's run `alqaida` with the first word only (0.9); never two runs, nor at 0.8.
    assert runs and all(qi == 0 and name.units[li].join for qi, li in runs)
    assert any(not units[qi].join and not name.units[li].join for qi, li, _ in pairs)


def test_at_floor_zero_every_name_is_kept(screener: Screener) -> None:
    ids, entries = every_name(screener)
    matrix = np.zeros((2, len(entries)), dtype=np.float32)
    kept = shortlist(
        matrix,
        entries,
        query_units(2),
        [1.0, 1.0],
        [1.0, 1.0],
        screener.names,
        NameTable(screener.names),
        ids,
        0.0,
    )
    assert [k for k, _ in kept] == list(range(len(ids)))
    assert all(candidates == [] for _, candidates in kept)


@pytest.mark.parametrize("floor", [0.0, 0.3, 0.6, 0.8])
def test_compiled_and_python_keep_the_same_names(screener: Screener, floor: float) -> None:
    table = NameTable(screener.names)
    rng = random.Random(7)
    for _ in range(300):
        ids = np.array(
            rng.sample(range(len(screener.names)), rng.randint(1, len(screener.names))),
            dtype=np.int64,
        )
        entries = np.unique([e for i in ids for e in screener.names[i].unit_entries]).astype(
            np.int64
        )
        query = rng.randint(1, 5)
        units = query_units(query)
        if query > 1 and rng.random() < 0.5:
            units.append(Unit.of("w0w1", 0, 2))  # the first two words joined
        # Values about MIN_SIMILARITY and JOIN_MIN_SIMILARITY, exactly them included.
        matrix = np.array(
            [[rng.choice([0.0, 0.5, 0.7, 0.75, 0.85, 0.9, 1.0]) for _ in entries] for _ in units],
            dtype=np.float32,
        )
        person = [rng.choice([0.0, 0.5, 1.0, 3.5, 9.0]) for _ in range(query)]
        other = [rng.choice([0.3, 1.0, 3.5]) for _ in range(query)]
        arguments = (matrix, entries, units, person, other, screener.names)
        compiled = shortlist(*arguments, table, ids, floor)
        python = module._shortlist_python(*arguments, ids, floor)
        assert compiled == python


def test_names_of_more_than_64_words_are_shortlisted_in_python() -> None:
    long_name = " ".join(f"word{chr(97 + i // 26)}{chr(97 + i % 26)}" for i in range(70))
    screener = Screener.from_entities([listed("9", Schema.ORGANIZATION, Name(long_name))])
    table = NameTable(screener.names)
    assert not table.fits
    hits = screener.match(Query(name=long_name), threshold=0.5)
    assert hits and hits[0].score == 1.0


def test_the_entries_of_names_are_their_units_entries_sorted_once(screener: Screener) -> None:
    table = NameTable(screener.names)
    rng = random.Random(3)
    for _ in range(100):
        # Up to a few hundred entries, many repeated: the compiled sort's quicksort runs, not
        # only its insertion sort of short runs.
        count = rng.choice([rng.randint(0, 6), rng.randint(20, 200)])
        ids = np.array(rng.choices(range(len(screener.names)), k=count), dtype=np.int64)
        expected = sorted({e for i in ids for e in screener.names[i].unit_entries})
        assert table.entries_of(ids).tolist() == expected
        compiled, module._compiled = module._compiled, None
        try:
            assert table.entries_of(ids).tolist() == expected
        finally:
            module._compiled = compiled


def test_the_pairs_left_out_are_ones_compare_aligned_passes_over(screener: Screener) -> None:
    # The shortlist restates a rule of compare_aligned (no run with a run, none below
    # JOIN_MIN_SIMILARITY): aligning the kept pairs must give what aligning all would.
    ids, entries = every_name(screener)
    table = NameTable(screener.names)
    tokens = [NameToken(f"w{i}") for i in range(3)]
    units = [*query_units(3), Unit.of("w0w1", 0, 2), Unit.of("w1w2", 1, 3)]
    rng = random.Random(5)
    for _ in range(200):
        matrix = np.array(
            [[rng.choice([0.0, 0.7, 0.8, 0.85, 0.9, 1.0]) for _ in entries] for _ in units],
            dtype=np.float32,
        )
        weights = [rng.choice([0.0, 1.0, 3.0]) for _ in tokens]
        for k, kept in shortlist(
            matrix, entries, units, weights, weights, screener.names, table, ids, 0.0
        ):
            name = screener.names[int(ids[k])]
            every = [
                (qi, li, float(matrix[qi, np.searchsorted(entries, entry)]))
                for li, entry in enumerate(name.unit_entries)
                for qi in range(len(units))
                if matrix[qi, np.searchsorted(entries, entry)] >= MIN_SIMILARITY
            ]
            assert len(kept) < len(every) or kept == every
            arguments = (tokens, units, weights, name.tokens, name.units, name.weights)
            assert compare_aligned(*arguments, kept, person=name.person) == compare_aligned(
                *arguments, every, person=name.person
            )
