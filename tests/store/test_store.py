"""The store on small hand-built lists, on SQLite and PostgreSQL (see conftest.py)."""

from __future__ import annotations

import hashlib
from datetime import UTC, date

import pytest
import sqlalchemy as sa

from watchlist.errors import ListShrinkRefused, NotFoundError, StoreError
from watchlist.model import (
    Address,
    Authority,
    Designation,
    Entity,
    FuzzyDate,
    Identifier,
    IdentifierKind,
    Name,
    NameKind,
    Provenance,
    Relation,
    RelationKind,
    Schema,
    make_entity_id,
)
from watchlist.sources.base import ParsedList, RejectedRecord, SourceFile
from watchlist.store import Store, VersionStatus
from watchlist.store.tables import entities, entity_names, list_versions

SOURCE = "test-list"


def person(
    source_id: str, name: str, *aliases: str, source: str = SOURCE, **fields: object
) -> Entity:
    names = (Name(name), *(Name(alias, NameKind.ALIAS) for alias in aliases))
    return Entity(
        id=make_entity_id(source, source_id),
        schema=Schema.PERSON,
        source=source,
        source_id=source_id,
        names=names,
        **fields,  # type: ignore[arg-type]
    )


def organization(source_id: str, name: str, source: str = SOURCE) -> Entity:
    return Entity(
        id=make_entity_id(source, source_id),
        schema=Schema.ORGANIZATION,
        source=source,
        source_id=source_id,
        names=(Name(name),),
    )


def parsed(*items: Entity, tag: str = "v1", source: str = SOURCE, **extra: object) -> ParsedList:
    """A parsed list whose one file's checksum is derived from `tag`."""
    sha = hashlib.sha256(tag.encode()).hexdigest()
    return ParsedList(
        source=source,
        entities=items,
        files=(SourceFile(f"/lists/{source}/{tag}.csv", sha, 1000 + len(items)),),
        **extra,  # type: ignore[arg-type]
    )


def people(count: int, prefix: str = "P") -> tuple[Entity, ...]:
    return tuple(person(f"{prefix}{i}", f"PERSON NUMBER {i}") for i in range(count))


MADURO = person(
    "22790",
    "MADURO MOROS, Nicolas",
    "MADURO, Nicolás",
    designations=(
        Designation(
            authority=Authority.OFAC,
            list_name="SDN List",
            programs=("VENEZUELA", "VENEZUELA-EO13692"),
            legal_basis=("EO 13692",),
            listed_on=date(2017, 7, 31),
            source_url="https://ofac.treasury.gov/",
        ),
    ),
    birth_dates=(FuzzyDate(1962, 11, 23, text="23 Nov 1962"),),
    birth_places=("Caracas, Venezuela",),
    nationalities=("ve",),
    identifiers=(Identifier(IdentifierKind.NATIONAL_ID, "5892464", "ve", "Cedula No."),),
    addresses=(Address(city="Caracas", country="ve", country_name="Venezuela"),),
    relations=(Relation(RelationKind.LINKED_TO, "CARTEL DE LOS SOLES", f"{SOURCE}-55025"),),
    remarks=("President of the Bolivarian Republic of Venezuela.",),
    provenance=(Provenance("test-list", version="v1"),),
)
SOLES = organization("55025", "CARTEL DE LOS SOLES")
ZETAS = organization("11438", "LOS ZETAS")


def count_rows(store: Store, table: sa.Table) -> int:
    with store.engine.connect() as connection:
        return int(connection.execute(sa.select(sa.func.count()).select_from(table)).scalar_one())


# Loading and versions ----------------------------------------------------------------------------


def test_first_load_becomes_the_active_version(store: Store) -> None:
    version = store.load(parsed(MADURO, SOLES, ZETAS, published_on=date(2026, 2, 27)))

    assert version.status is VersionStatus.ACTIVE
    assert version.counts == {"total": 3, "Organization": 2, "Person": 1}
    assert version.entity_count == 3
    assert version.published_on == date(2026, 2, 27)
    assert version.loaded_at.tzinfo is UTC
    assert version.files[0].path == "/lists/test-list/v1.csv"
    assert version.unchanged is False
    assert store.active_versions() == [version]
    assert store.get_version(version.id) == version


def test_second_load_supersedes_the_first(store: Store) -> None:
    first = store.load(parsed(MADURO, SOLES, tag="v1"))
    second = store.load(parsed(MADURO, SOLES, ZETAS, tag="v2"))

    assert [v.id for v in store.versions(SOURCE)] == [second.id, first.id]
    assert store.get_version(first.id).status is VersionStatus.SUPERSEDED
    assert [v.id for v in store.active_versions()] == [second.id]
    assert sorted(e.id for e in store.active_entities()) == [
        "test-list-11438",
        "test-list-22790",
        "test-list-55025",
    ]


def test_sources_keep_their_own_active_versions(store: Store) -> None:
    ours = store.load(parsed(MADURO))
    theirs = store.load(parsed(organization("1", "OTHER LIST ORG", source="other"), source="other"))

    assert {v.source: v.id for v in store.active_versions()} == {
        "other": theirs.id,
        SOURCE: ours.id,
    }
    assert [e.id for e in store.active_entities(["other"])] == ["other-1"]
    assert [v.id for v in store.versions("other")] == [theirs.id]


def test_same_files_return_the_active_version_unchanged(store: Store) -> None:
    first = store.load(parsed(MADURO, SOLES, tag="v1"))
    again = store.load(parsed(MADURO, SOLES, tag="v1"))

    assert again.unchanged is True
    assert again.id == first.id
    assert len(store.versions()) == 1


def test_force_loads_identical_files_as_a_new_version(store: Store) -> None:
    first = store.load(parsed(MADURO, tag="v1"))
    again = store.load(parsed(MADURO, tag="v1"), force=True)

    assert again.id != first.id and again.unchanged is False
    assert store.get_version(first.id).status is VersionStatus.SUPERSEDED


def test_lists_without_files_are_compared_by_content(store: Store) -> None:
    bare = ParsedList(source=SOURCE, entities=(MADURO, SOLES), files=())
    first = store.load(bare)

    assert store.load(bare).unchanged is True
    changed = ParsedList(source=SOURCE, entities=(MADURO, ZETAS), files=())
    assert store.load(changed).id != first.id


def test_refuses_a_list_more_than_ten_percent_shorter(store: Store) -> None:
    active = store.load(parsed(*people(20), tag="v1"))

    with pytest.raises(ListShrinkRefused, match=r"17 entries, 15% fewer than active version"):
        store.load(parsed(*people(17), tag="v2"))

    assert store.active_versions() == [active]
    assert len(store.versions()) == 1
    assert count_rows(store, entities) == 20


def test_accepts_a_list_exactly_ten_percent_shorter(store: Store) -> None:
    store.load(parsed(*people(20), tag="v1"))

    assert store.load(parsed(*people(18), tag="v2")).entity_count == 18


def test_force_loads_a_list_that_shrank(store: Store) -> None:
    store.load(parsed(*people(20), tag="v1"))

    version = store.load(parsed(*people(5), tag="v2"), force=True)

    assert store.active_versions() == [version]
    assert version.entity_count == 5


def test_duplicate_entity_id_rolls_back_the_whole_load(store: Store) -> None:
    active = store.load(parsed(*people(3), tag="v1"))
    store.batch_size = 2  # the duplicate sits in the third batch, after two were inserted
    batches: list[int] = []
    items = (*people(5, prefix="Q"), person("Q1", "SAME ID AGAIN"))

    with pytest.raises(StoreError, match="entity id test-list-q1 occurs more than once"):
        store.load(parsed(*items, tag="v2"), progress=lambda done, total: batches.append(done))

    assert batches == [0, 2, 4]  # the failure came after rows had been written
    assert store.active_versions() == [active]
    assert [v.id for v in store.versions()] == [active.id]
    assert count_rows(store, entities) == 3
    assert count_rows(store, entity_names) == 3
    assert count_rows(store, list_versions) == 1


def test_progress_reports_each_batch(store: Store) -> None:
    store.batch_size = 2
    calls: list[tuple[int, int]] = []

    store.load(parsed(*people(5)), progress=lambda done, total: calls.append((done, total)))

    assert calls == [(0, 5), (2, 5), (4, 5), (5, 5)]


def test_readers_see_the_previous_version_while_a_load_runs(store: Store) -> None:
    first = store.load(parsed(*people(4), tag="v1"))
    store.batch_size = 2
    seen_during_load: list[list[int]] = []

    def look(done: int, total: int) -> None:
        seen_during_load.append([v.id for v in store.active_versions()])

    second = store.load(parsed(*people(4, prefix="N"), tag="v2"), progress=look)

    assert seen_during_load == [[first.id]] * 3
    assert [v.id for v in store.active_versions()] == [second.id]


def test_keeps_parser_warnings_and_rejected_records(store: Store) -> None:
    rejected = (RejectedRecord("alt.csv", 812, "expected 5 fields, found 3"),)
    version = store.load(
        parsed(MADURO, warnings=("sdn.csv line 4: unknown program X",), rejected=rejected)
    )

    assert (version.warnings, version.rejected) == (1, 1)
    notes = store.version_notes(version.id)
    assert notes.warnings == ("sdn.csv line 4: unknown program X",)
    assert notes.rejected == rejected


def test_unknown_version_is_reported_as_not_found(store: Store) -> None:
    with pytest.raises(NotFoundError, match="no list version 42"):
        store.get_version(42)


# Reading entities ------------------------------------------------------------------------------


def test_entities_come_back_exactly_as_loaded(store: Store) -> None:
    store.load(parsed(MADURO, SOLES))

    assert store.get_entity("test-list-22790") == MADURO
    assert store.get_entity("test-list-99999") is None


def test_get_entity_reads_only_active_versions(store: Store) -> None:
    store.load(parsed(MADURO, SOLES, tag="v1"))
    store.load(parsed(SOLES, ZETAS, tag="v2"), force=True)

    assert store.get_entity("test-list-22790") is None
    assert store.get_entity("test-list-11438") == ZETAS


def test_entities_of_a_superseded_version_stay_readable(store: Store) -> None:
    first = store.load(parsed(MADURO, SOLES, tag="v1"))
    store.load(parsed(MADURO, SOLES, ZETAS, tag="v2"))

    assert [e.id for e in store.entities_of_version(first.id)] == [
        "test-list-22790",
        "test-list-55025",
    ]


def test_active_entities_of_an_unloaded_source_is_an_error(store: Store) -> None:
    store.load(parsed(MADURO))

    with pytest.raises(NotFoundError, match="no active version of un-sc"):
        list(store.active_entities(["un-sc"]))


def test_finds_entities_by_name_ignoring_case_and_accents(store: Store) -> None:
    store.load(parsed(MADURO, SOLES, ZETAS, person("9", "José MÜLLER-Lüdenscheidt")))

    assert [e.id for e in store.find_entities("muller ludensch")] == ["test-list-9"]
    assert [e.id for e in store.find_entities("MÜLLER")] == ["test-list-9"]
    assert [e.id for e in store.find_entities("nicolás")] == ["test-list-22790"]  # an alias
    assert [e.id for e in store.find_entities("los")] == ["test-list-11438", "test-list-55025"]


def test_finds_entities_by_id_and_list_id_first(store: Store) -> None:
    store.load(parsed(MADURO, SOLES, person("X1", "SOMEONE 55025 NAMED")))

    assert [e.id for e in store.find_entities("TEST-LIST-22790")] == ["test-list-22790"]
    assert [e.id for e in store.find_entities("55025")] == ["test-list-55025", "test-list-x1"]


def test_find_ranks_exact_names_then_prefixes_then_substrings(store: Store) -> None:
    store.load(
        parsed(
            organization("1", "THE SOLES GROUP"),
            organization("2", "SOLES TRADING"),
            organization("3", "SOLES"),
        )
    )

    assert [e.id for e in store.find_entities("soles")] == [
        "test-list-3",
        "test-list-2",
        "test-list-1",
    ]
    assert len(store.find_entities("soles", limit=2)) == 2


def test_find_treats_like_wildcards_as_text(store: Store) -> None:
    store.load(parsed(SOLES, organization("7", "100% OWNED_CO")))

    assert store.find_entities("%") == []
    assert store.find_entities("_") == []
    assert [e.id for e in store.find_entities("100")] == ["test-list-7"]


def test_find_ignores_superseded_versions(store: Store) -> None:
    store.load(parsed(MADURO, SOLES, tag="v1"))
    store.load(parsed(SOLES, ZETAS, tag="v2"), force=True)

    assert store.find_entities("maduro") == []


# Diff ------------------------------------------------------------------------------------------


def test_diff_names_added_removed_and_changed_entries(store: Store) -> None:
    old = store.load(parsed(MADURO, SOLES, ZETAS, tag="v1"))
    renamed = organization("11438", "CARTEL DEL NORESTE").evolve(
        names=(Name("CARTEL DEL NORESTE"), Name("LOS ZETAS", NameKind.ALIAS)),
        remarks=("Formerly LOS ZETAS.",),
    )
    tren = organization("49756", "TREN DE ARAGUA")
    new = store.load(parsed(SOLES, renamed, tren, tag="v2"), force=True)

    diff = store.diff(SOURCE, old.id, new.id)

    assert [e.id for e in diff.added] == ["test-list-49756"]
    assert [e.id for e in diff.removed] == ["test-list-22790"]
    assert [(a.caption, b.caption, fields) for a, b, fields in diff.changed] == [
        ("LOS ZETAS", "CARTEL DEL NORESTE", ["names", "remarks"])
    ]
    assert diff.counts == {"added": 1, "removed": 1, "changed": 1}


def test_diff_ignores_entries_that_differ_only_in_provenance(store: Store) -> None:
    old = store.load(parsed(MADURO, tag="v1"))
    restamped = MADURO.evolve(provenance=(Provenance("test-list", version="v2"),))
    new = store.load(parsed(restamped, tag="v2"))

    assert store.diff(SOURCE, old.id, new.id).counts == {"added": 0, "removed": 0, "changed": 0}


def test_diff_reports_designation_and_birth_date_changes(store: Store) -> None:
    old = store.load(parsed(MADURO, tag="v1"))
    relisted = MADURO.evolve(
        designations=(*MADURO.designations, Designation(Authority.UN_SC, "UN List")),
        birth_dates=(FuzzyDate(1962),),
    )
    new = store.load(parsed(relisted, tag="v2"))

    ((_, _, fields),) = store.diff(SOURCE, old.id, new.id).changed
    assert fields == ["designations", "birth_dates"]


def test_diff_refuses_a_version_of_another_source(store: Store) -> None:
    ours = store.load(parsed(MADURO))
    theirs = store.load(parsed(organization("1", "X", source="other"), source="other"))

    with pytest.raises(StoreError, match=f"version {theirs.id} is a version of other"):
        store.diff(SOURCE, ours.id, theirs.id)
