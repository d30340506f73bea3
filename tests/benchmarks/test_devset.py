"""The dev-set generators on hand-built entities: each variant does what its name says."""

from __future__ import annotations

import importlib
import random
import sys
import unicodedata
from pathlib import Path

import pytest
from rapidfuzz.distance import OSA

from watchlist.model import Entity, Name, NameKind, Schema

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))
devset = importlib.import_module("devset")
baseline = importlib.import_module("baseline")
screening = importlib.import_module("screening")


def person(
    source_id: str, *names: Name, countries: tuple[str, ...] = (), gender: str | None = None
) -> Entity:
    return Entity(
        id=f"test-{source_id}",
        schema=Schema.PERSON,
        source="test",
        source_id=source_id,
        names=names,
        nationalities=countries,
        gender=gender,
    )


def party(source_id: str, *names: Name, schema: Schema = Schema.ORGANIZATION) -> Entity:
    return Entity(
        id=f"test-{source_id}", schema=schema, source="test", source_id=source_id, names=names
    )


MADURO = person(
    "maduro",
    Name("MADURO MOROS, Nicolas", first="Nicolas", last="MADURO MOROS"),
    Name("MADURO, Nicolas", NameKind.ALIAS),
    Name("EL CONDUCTOR", NameKind.WEAK_ALIAS),
    countries=("ve",),
    gender="male",
)
ZAWAHIRI = person(
    "zawahiri",
    Name("AL-ZAWAHIRI, Ayman Muhammad Rabi"),
    Name("AL ZAWAHIRI, Dr. Ayman", NameKind.ALIAS),
    Name("أيمن الظواهري", NameKind.ORIGINAL_SCRIPT),
    countries=("eg",),
)
BWAMBALE = person(
    "bwambale", Name("FRANK KAKOLELE BWAMBALE", first="FRANK KAKOLELE", last="BWAMBALE")
)
GARCIA = person("garcia", Name("GARCIA RAMIREZ, Jose"), countries=("mx",))
IVANOV = person("ivanov", Name("IVANOV, Sergei Aleksandrovich"), countries=("ru",))
PETROV = person("petrov", Name("PETROV, Oleg"), countries=("ru",))
MAZIO = person("mazio", Name("DIEUDONNÉ OZIA MAZIO"), countries=("cd",))
ZHU = person("zhu", Name("ZHU, Yong"), countries=("cn",))
ANGLO = party("anglo", Name("ANGLO-CARIBBEAN CO., LTD."))
CECOEX = party("cecoex", Name("CECOEX, S.A."))
BANCO = party(
    "banco", Name("BANCO NACIONAL DE CUBA"), Name("NATIONAL BANK OF CUBA", NameKind.ALIAS)
)
QAIDA = party("qaida", Name("AL QAIDA"), Name("Abd al Aziz Brigade", NameKind.ALIAS))
VESSEL = party("vessel", Name("ADRIAN DARYA 1"), schema=Schema.VESSEL)
ENTITIES = (
    MADURO, ZAWAHIRI, BWAMBALE, GARCIA, IVANOV, PETROV, MAZIO, ZHU, ANGLO, CECOEX, BANCO, QAIDA,
    VESSEL,
)  # fmt: skip


def primary(entity: Entity) -> Name:
    return entity.names[0]


def run(generator, entity: Entity, name: Name | None = None, seed: int = 1) -> str | None:
    return generator(name or primary(entity), entity, random.Random(seed))


def test_person_parts_read_ofac_comma_form_and_un_last_name():
    maduro = devset.person_parts(primary(MADURO))
    assert (maduro.surname, maduro.given, maduro.surname_first) == (
        ("MADURO", "MOROS"),
        ("Nicolas",),
        True,
    )
    bwambale = devset.person_parts(primary(BWAMBALE))
    assert (bwambale.given, bwambale.surname) == (("FRANK", "KAKOLELE"), ("BWAMBALE",))
    # Without `last`, the last word and the particles before it are the surname.
    bare = devset.person_parts(Name("OSAMA BIN LADEN"))
    assert (bare.given, bare.surname) == (("OSAMA",), ("BIN", "LADEN"))


def test_reorder_flips_surname_first_names_to_given_first():
    assert run(devset.reorder, PETROV) == "Oleg PETROV"
    assert run(devset.reorder, ZHU) == "Yong ZHU"


def test_reorder_keeps_the_words_and_never_returns_the_list_order():
    for seed in range(30):
        variant = run(devset.reorder, MADURO, seed=seed)
        assert sorted(variant.split()) == sorted(["MADURO", "MOROS", "Nicolas"])
        assert variant != "MADURO MOROS Nicolas"
        assert "," not in variant


def test_reorder_leaves_organisations_alone():
    assert run(devset.reorder, BANCO) is None


def test_drops_the_second_surname_of_hispanic_persons_only():
    assert run(devset.drop_second_surname, MADURO) == "MADURO, Nicolas"
    assert run(devset.drop_second_surname, GARCIA) == "GARCIA, Jose"
    assert run(devset.drop_second_surname, ZAWAHIRI, Name("AL ZAWAHIRI, Ayman")) is None
    assert run(devset.drop_second_surname, IVANOV) is None  # one surname


def test_drops_one_middle_name_never_the_first_or_a_title():
    for seed in range(20):
        variant = run(devset.drop_middle_name, ZAWAHIRI, seed=seed)
        assert variant in ("AL-ZAWAHIRI, Ayman Rabi", "AL-ZAWAHIRI, Ayman Muhammad")
    assert run(devset.drop_middle_name, ZAWAHIRI, ZAWAHIRI.names[1]) is None  # Dr. Ayman
    assert run(devset.drop_middle_name, BWAMBALE) == "FRANK BWAMBALE"
    assert run(devset.drop_middle_name, PETROV) is None


def test_initials_cut_given_names_and_keep_titles():
    assert run(devset.initials, MADURO) == "MADURO MOROS, N."
    assert run(devset.initials, BWAMBALE) == "F. K. BWAMBALE"
    assert run(devset.initials, ZAWAHIRI, ZAWAHIRI.names[1]) == "AL ZAWAHIRI, Dr. A."
    assert run(devset.initials, BANCO) is None
    huthi = person("huthi", Name("AL-HUTHI, Abd al-Malik"))
    assert run(devset.initials, huthi) is None  # no one way to cut `al-Malik`


def test_adds_spanish_accents_and_removes_listed_ones():
    assert run(devset.add_accents, GARCIA) == "GARCÍA RAMÍREZ, José"
    assert run(devset.add_accents, MADURO) == "MADURO MOROS, Nicolás"
    assert run(devset.add_accents, ZHU) is None
    assert run(devset.remove_accents, MAZIO) == "DIEUDONNE OZIA MAZIO"
    assert run(devset.remove_accents, GARCIA) is None


def test_case_change_changes_only_case():
    for seed in range(10):
        variant = run(devset.change_case, MADURO, seed=seed)
        assert variant != "MADURO MOROS, Nicolas"
        assert variant.casefold() == "maduro moros, nicolas"


def test_punctuation_removal_splits_hyphens_and_deletes_the_rest():
    assert run(devset.remove_punctuation, ANGLO) == "ANGLO CARIBBEAN CO LTD"
    assert run(devset.remove_punctuation, MADURO) == "MADURO MOROS Nicolas"
    assert run(devset.remove_punctuation, BANCO) is None


@pytest.mark.parametrize(("generator", "edits"), [("typo1", 1), ("typo2", 2)])
def test_typos_are_exactly_that_many_edits_inside_long_words(generator, edits):
    name = primary(BANCO)
    for seed in range(50):
        variant = run(getattr(devset, generator), BANCO, seed=seed)
        assert OSA.distance(variant.lower(), name.full.lower()) == edits
        words = variant.split()
        assert len(words) == 4 and words[2:] == ["DE", "CUBA"]  # too short to be touched


def test_two_typos_land_in_different_words_when_there_are_two_long_words():
    for seed in range(30):
        variant = run(devset.typo2, BANCO, seed=seed)
        words = ["BANCO", "NACIONAL", "DE", "CUBA"]
        changed = [a != b for a, b in zip(variant.split(), words, strict=True)]
        assert changed == [True, True, False, False]


def test_typos_skip_names_without_a_word_of_five_letters():
    assert run(devset.typo1, ZHU) is None


def test_any_key_typos_reach_letters_no_neighbouring_key_gives():
    name = primary(BANCO).full.lower()
    letters = set()
    for seed in range(200):
        variant = run(devset.typo1_any_key, BANCO, seed=seed).lower()
        assert OSA.distance(variant, name) == 1
        letters |= set(variant) - set(name)
    assert letters - set(devset.KEYBOARD_NEIGHBOURS["a"] + devset.KEYBOARD_NEIGHBOURS["o"])


def test_two_typos_in_one_word_leave_the_other_words_alone():
    for seed in range(30):
        variant = run(devset.typo2_one_word, BANCO, seed=seed)
        words = ["BANCO", "NACIONAL", "DE", "CUBA"]
        changed = [a != b for a, b in zip(variant.split(), words, strict=True)]
        assert sum(changed) == 1 and changed[2:] == [False, False]


def test_words_joined_runs_two_adjacent_words_together():
    variants = {run(devset.words_joined, BANCO, seed=seed) for seed in range(30)}
    assert variants == {"BANCONACIONAL DE CUBA", "BANCO NACIONALDE CUBA", "BANCO NACIONAL DECUBA"}
    assert run(devset.words_joined, ZHU) is None  # `ZHU, Yong`: not across the comma


def test_other_typists_variants_stay_out_of_the_dev_set():
    assert not set(devset.OTHER_GENERATORS) & set(devset.POSITIVE_KINDS)


def test_translit_swaps_one_word_for_another_spelling_of_it():
    groups = {spelling.upper(): group for group in devset.TRANSLIT_GROUPS for spelling in group}
    original = primary(ZAWAHIRI).full.split()
    swapped = set()
    for seed in range(30):
        variant = run(devset.translit, ZAWAHIRI, seed=seed).split()
        changed = [(a, b) for a, b in zip(original, variant, strict=True) if a != b]
        assert len(changed) == 1
        (before, after) = changed[0]
        word = before.removeprefix("AL-").rstrip(",").upper()
        assert after.removeprefix("AL-").rstrip(",").upper() in map(str.upper, groups[word])
        swapped.add(after)
    assert {"AL-ZAWAHRI,", "Mohammed"} <= swapped
    assert run(devset.translit, IVANOV) in (
        "IVANOV, Sergey Aleksandrovich",
        "IVANOV, Serguei Aleksandrovich",
        "IVANOV, Sergej Aleksandrovich",
    )


def test_translit_swaps_russian_endings_when_no_name_has_another_spelling():
    assert run(devset.translit, PETROV) == "PETROFF, Oleg"


def test_spacing_joins_particles_and_splits_joined_prefixes():
    assert run(devset.spacing, QAIDA) == "ALQAIDA"
    assert run(devset.spacing, QAIDA, QAIDA.names[1]) == "Abdulaziz Brigade"
    assert run(devset.spacing, party("x", Name("ABDULAZIZ TRADING"))) == "ABDUL AZIZ TRADING"
    assert run(devset.spacing, ANGLO) == "ANGLOCARIBBEAN CO., LTD."
    assert run(devset.spacing, BANCO) is None


def test_legal_form_is_respelled_or_dropped_never_left_alone():
    variants = {run(devset.change_legal_form, CECOEX, seed=seed) for seed in range(40)}
    assert variants == {"CECOEX", "CECOEX SA", "CECOEX SOCIEDAD ANONIMA"}
    anglo = {run(devset.change_legal_form, ANGLO, seed=seed) for seed in range(40)}
    assert "ANGLO-CARIBBEAN" in anglo and "ANGLO-CARIBBEAN COMPANY LIMITED" in anglo
    assert "ANGLO-CARIBBEAN CO., LTD." not in anglo


def test_legal_form_is_added_only_to_organisations_without_one():
    added = {run(devset.change_legal_form, BANCO, seed=seed) for seed in range(40)}
    assert None in added
    assert all(v is None or v.startswith("BANCO NACIONAL DE CUBA ") for v in added)
    assert run(devset.change_legal_form, MADURO) is None
    # a form the table does not know (rigour does, or a trailing abbreviation): nothing added
    for name in ("ACME S.P.A.", "PLATERIA L.GR."):
        unknown = party("unknown", Name(name))
        assert {run(devset.change_legal_form, unknown, seed=s) for s in range(20)} == {None}


def test_alias_kind_uses_strong_aliases_only():
    assert run(devset.alias, MADURO, MADURO.names[1]) == "MADURO, Nicolas"
    assert run(devset.alias, MADURO, MADURO.names[2]) is None  # weak
    assert devset.base_names(MADURO, "alias", random.Random(1)) == [MADURO.names[1]]


def test_original_script_kind_uses_non_latin_names():
    assert devset.base_names(ZAWAHIRI, "original_script", random.Random(1)) == [ZAWAHIRI.names[2]]
    assert run(devset.original_script, ZAWAHIRI, ZAWAHIRI.names[2]) == "أيمن الظواهري"
    assert run(devset.original_script, ZAWAHIRI) is None


def test_index_leaves_out_original_script_names():
    (indexed,) = devset.index_entities([ZAWAHIRI])
    assert [n.full for n in indexed.names] == [
        "AL-ZAWAHIRI, Ayman Muhammad Rabi",
        "AL ZAWAHIRI, Dr. Ayman",
    ]


def test_positives_are_labelled_with_their_entity_one_per_entity_and_kind():
    records = devset.generate_positives(ENTITIES, seed=7, per_kind=20)
    by_id = {e.id: e for e in ENTITIES}
    assert all(r.label == 1 and r.true_entity_id in by_id for r in records)
    pairs = [(r.kind, r.true_entity_id) for r in records]
    assert len(pairs) == len(set(pairs))
    kinds = {r.kind for r in records}
    assert kinds == set(devset.POSITIVE_KINDS)
    drops = [r for r in records if r.kind == "dropped_second_surname"]
    assert sorted(r.name for r in drops) == ["GARCIA, Jose", "MADURO, Nicolas"]
    assert all(r.schema == by_id[r.true_entity_id].schema.value for r in records)


def test_positives_are_the_same_for_the_same_seed():
    first = devset.generate_positives(ENTITIES, seed=7, per_kind=20)
    assert first == devset.generate_positives(ENTITIES, seed=7, per_kind=20)
    assert first != devset.generate_positives(ENTITIES, seed=8, per_kind=20)


def test_positives_of_some_kinds_are_those_the_whole_set_holds():
    every = devset.generate_positives(ENTITIES, seed=7, per_kind=20)
    typos = devset.generate_positives(ENTITIES, seed=7, per_kind=20, kinds=("typo2",))
    assert typos and typos == [r for r in every if r.kind == "typo2"]


def small_pool(**given: tuple[str, ...]) -> object:
    return devset.NamePool(
        given={country: {"M": names, "F": ()} for country, names in given.items()},
        surnames={"LB": ("Saleh", "Haddad", "Khoury"), "CO": ("Gomez",)},
    )


def test_clean_names_exclude_listed_names():
    listed = devset.listed_name_keys([person("saleh", Name("SALEH, Nedal"))])
    pool = small_pool(LB=("Nedal",))
    records, dropped = devset.generate_clean_negatives(pool, listed, persons=2, companies=0)
    assert sorted(r.name for r in records) == ["Nedal Haddad", "Nedal Khoury"]
    assert dropped["clean_person: listed name"] >= 1
    assert all(r.label == 0 and r.kind == "clean_person" and not r.true_entity_id for r in records)


def test_hard_negatives_keep_the_surnames_and_change_the_given_name():
    pool = small_pool(CO=("Nicolas", "Juan"))
    records, dropped = devset.generate_hard_negatives(
        [MADURO, ZAWAHIRI], pool, set(), count=5, min_given_names=1
    )
    # Venezuela has no names-dataset list: Colombia's given names stand in.
    assert [r.name for r in records] == ["Juan Maduro Moros"]
    assert records[0].label == 0 and records[0].kind == "hard_negative"
    assert dropped == {"no known culture": 1}  # Egypt is not in this pool


def test_a_hard_negative_is_no_listed_name_written_otherwise():
    listed = [person("1", Name("SA'AD AL-SHAMMARI")), person("2", Name("RI, Jong Chol"))]
    assert devset.name_key("Saad Al-Shammari") in devset.listed_name_keys(listed)
    sounds = devset.ListedSounds(listed)
    assert sounds.covers("Jongcheol Ri")  # two listed words written as one
    assert not sounds.covers("Kwang Ri")


def test_latinize_writes_russian_as_passports_do_and_drops_arabic():
    assert devset.latinize("Сергей Васильев") == "Sergey Vasilyev"
    assert devset.latinize("محمد") is None
    assert devset.latinize("José") == "José"


def test_devset_csv_round_trips(tmp_path):
    records = devset.generate_positives(ENTITIES, seed=7, per_kind=3)
    path = tmp_path / "devset.csv"
    devset.write_devset(records, path)
    assert path.read_text().splitlines()[0] == "id,name,schema,kind,label,true_entity_id"
    assert devset.read_devset(path) == records


def test_devset_reader_names_the_line_of_a_short_row(tmp_path):
    path = tmp_path / "devset.csv"
    path.write_text("id,name,schema,kind,label,true_entity_id\ntypo1-0001,X,Person\n")
    with pytest.raises(ValueError, match="line 2: expected 6 fields, found 3"):
        devset.read_devset(path)


def test_fold_strips_case_accents_and_punctuation():
    assert devset.fold("MADURO-Moros, Nicolás") == "maduro moros nicolas"
    assert devset.name_key("MADURO MOROS, Nicolas") == devset.name_key("Nicolas Maduro Moros")
    assert unicodedata.is_normalized("NFC", devset.fold("Ñ")) and devset.fold("Ñ") == "n"


def test_baseline_scores_entities_by_their_best_name():
    screener = baseline.JaroWinklerBaseline(devset.index_entities(ENTITIES))
    hits = screener.match("MADURO, Nicolas", limit=3)
    assert hits[0].entity_id == "test-maduro" and hits[0].score == 1.0
    assert hits[0].matched_name == "MADURO, Nicolas"
    indices, scores = screener.top_entities(["maduro nicolas", "banco nacional de cuba"], limit=2)
    assert screener.entity_ids[indices[1][0]] == "test-banco" and scores[1][0] == 1.0
    assert screener.match("أيمن الظواهري", threshold=0.5) == []  # no transliteration


def test_baseline_batch_gives_each_name_what_matching_it_alone_gives():
    screener = baseline.JaroWinklerBaseline(devset.index_entities(ENTITIES))
    names = ["MADURO, Nicolas", "", "Banco Nacional de Cuba", "أيمن الظواهري", "nicolas maduro"]
    for threshold in (0.0, 0.7):
        assert screener.match_many(names, threshold, limit=2) == [
            screener.match(name, threshold, limit=2) for name in names
        ]


def test_alert_rate_threshold_lets_through_at_most_that_share():
    scores = [0.5] * 95 + [0.91, 0.92, 0.93, 0.95, 0.99]
    threshold = baseline.threshold_for_alert_rate(scores, 0.02)
    assert sum(s >= threshold for s in scores) == 2
    assert 0.93 < threshold <= 0.931


def test_results_section_is_replaced_and_other_sections_kept(tmp_path):
    path = tmp_path / "RESULTS.md"
    screening.write_results(path, "## Screening\n\nfirst\n")
    assert path.read_text().startswith("# Benchmark results")
    text = path.read_text() + "## Loading lists\n\nloading figures\n"
    path.write_text(text)
    screening.write_results(path, "## Screening\n\nsecond\n")
    result = path.read_text()
    assert "second" in result and "first" not in result
    assert result.endswith("## Loading lists\n\nloading figures\n")


def test_evaluation_counts_a_positive_only_at_or_above_threshold():
    records = [
        devset.DevRecord("typo1-0001", "X", "Person", "typo1", 1, "e1"),
        devset.DevRecord("typo1-0002", "Y", "Person", "typo1", 1, "e2"),
        devset.DevRecord("clean_person-0001", "Z", "Person", "clean_person", 0),
    ]
    results = [[("e1", 0.9)], [("e9", 0.95), ("e2", 0.7)], [("e3", 0.81)]]
    quality = screening.evaluate(records, results, 0.8, "default")
    assert quality.recall == 0.5 and quality.recall_by_kind["typo1"] == 0.5
    assert quality.alert_rate["clean_person"] == 1.0
    assert screening.evaluate(records, results, 0.85, "x").alert_rate["clean"] == 0.0


def test_generalisation_table_has_one_column_per_seed():
    quality = {
        "recall": 0.98,
        "recall_by_kind": {"typo2": 0.95},
        "alert_rate": {"clean": 0.009, "hard_negative": 0.005},
    }
    other = dict(quality, recall=0.975, alert_rate={"clean": 0.01, "hard_negative": 0.02})
    header, rows = screening.seed_rows({"other_devsets": {"20260601": quality, "7": other}})
    assert header == ["engine @ default, dev set of seed", "20260601", "7"]
    assert rows[0] == ["recall, all positives", "98.0%", "97.5%"]
    assert rows[1] == ["  typo2", "95.0%", "95.0%"]
    assert rows[-1] == ["alert rate, hard negatives", "0.5%", "2.0%"]


def test_typo_check_table_has_one_row_per_seed_and_a_column_per_schema():
    check = {"records": 1000, "recall": 0.961, "by_schema": {"Person": 0.978, "Vessel": 0.87}}
    header, rows = screening.recall_rows({"17": check}, "typo2, seed")
    assert header == ["typo2, seed", "records", "recall", "Person", "Organization", "Vessel"]
    assert rows == [["17", "1000", "96.1%", "97.8%", "", "87.0%"]]


def test_clearing_watchlist_caches_empties_the_name_analyses():
    from watchlist.normalize import analyze_name

    analyze_name("Nicolas Maduro Moros")
    screening.clear_watchlist_caches()
    assert analyze_name.cache_info().currsize == 0
