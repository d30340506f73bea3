"""The store on the real OFAC and UN files, on SQLite and PostgreSQL.

The four lists are parsed once per session and loaded once per backend: 2025-04 then 2026-02 of
the UN list, 2019 then 2021 of the OFAC SDN set.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from watchlist.errors import SourceFormatError
from watchlist.sources import ParsedList, get_source
from watchlist.store import ListVersion, Store, VersionStatus


@pytest.fixture(scope="session")
def parsed_lists(shared_data: Path) -> dict[str, ParsedList]:
    un, ofac = get_source("un-sc"), get_source("ofac-sdn")
    return {
        "un-2025": un.parse(shared_data / "un-sc-2025-04" / "consolidated.xml"),
        "un-2026": un.parse(shared_data / "un-sc" / "consolidated.xml"),
        "ofac-2019": ofac.parse(shared_data / "ofac-sdn-2019"),
        "ofac-2021": ofac.parse(shared_data / "ofac-sdn-2021"),
    }


class Loaded:
    def __init__(self, store: Store, versions: dict[str, ListVersion]) -> None:
        self.store = store
        self.versions = versions


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def loaded(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    parsed_lists: dict[str, ParsedList],
) -> Iterator[Loaded]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('real') / 'lists.db'}"
    else:
        url = request.getfixturevalue("postgres").create("lists")
    store = Store.open(url)
    versions = {key: store.load(parsed) for key, parsed in parsed_lists.items()}
    yield Loaded(store, versions)
    store.close()


def test_real_lists_load_with_their_counts(loaded: Loaded) -> None:
    ofac, un = loaded.versions["ofac-2021"], loaded.versions["un-2026"]

    assert ofac.counts == {
        "total": 8976,
        "Airplane": 277,
        "Organization": 3673,
        "Person": 4620,
        "Vessel": 406,
    }
    assert un.counts == {"total": 1003, "Organization": 273, "Person": 730}
    assert un.published_on is not None and un.published_on.isoformat() == "2026-02-27"
    assert [f.path.rsplit("/", 1)[-1] for f in ofac.files] == [
        "sdn.csv",
        "add.csv",
        "alt.csv",
        "sdn_comments.csv",
    ]
    assert loaded.store.get_version(loaded.versions["ofac-2019"].id).status is (
        VersionStatus.SUPERSEDED
    )
    assert {v.source: v.id for v in loaded.store.active_versions()} == {
        "ofac-sdn": ofac.id,
        "un-sc": un.id,
    }


def test_the_2019_ofac_comments_without_entries_are_kept_as_rejected(loaded: Loaded) -> None:
    version = loaded.versions["ofac-2019"]
    notes = loaded.store.version_notes(version.id)

    assert version.rejected == 10
    assert len(notes.rejected) == 10
    assert all(r.path.endswith("sdn_comments.csv") for r in notes.rejected)


def test_stored_entities_equal_the_parsed_ones(
    loaded: Loaded, parsed_lists: dict[str, ParsedList]
) -> None:
    stored = list(loaded.store.entities_of_version(loaded.versions["ofac-2021"].id))

    assert stored == sorted(parsed_lists["ofac-2021"].entities, key=lambda e: e.id)


def test_un_diff_2025_to_2026_adds_130_and_removes_4(loaded: Loaded) -> None:
    old, new = loaded.versions["un-2025"], loaded.versions["un-2026"]

    diff = loaded.store.diff("un-sc", old.id, new.id)

    assert len(diff.added) == 130
    assert [e.source_id for e in diff.removed] == ["IQi.074", "QDi.317", "QDi.328", "QDi.336"]
    prefixes = sorted({e.source_id[:3] for e in diff.added})
    assert prefixes == ["HTe", "HTi", "IRe", "IRi", "QDi", "SDi"]
    assert sum(e.source_id[:3] in ("IRi", "IRe") for e in diff.added) == 121


def test_ofac_diff_2019_to_2021(loaded: Loaded) -> None:
    old, new = loaded.versions["ofac-2019"], loaded.versions["ofac-2021"]

    diff = loaded.store.diff("ofac-sdn", old.id, new.id)

    assert (len(diff.added), len(diff.removed)) == (1858, 261)
    assert old.entity_count + len(diff.added) - len(diff.removed) == new.entity_count
    assert diff.removed[0].id == "ofac-sdn-10096"
    assert diff.added[-1].id == "ofac-sdn-32391"
    changed = {new_entity.id: fields for _, new_entity, fields in diff.changed}
    assert "designations" in changed["ofac-sdn-10391"]  # ISLAMIC REVOLUTIONARY GUARD CORPS


def test_finds_real_entries_by_name_and_list_id(loaded: Loaded) -> None:
    store = loaded.store

    assert [e.id for e in store.find_entities("Banco Nacional de Cuba")] == ["ofac-sdn-306"]
    assert [e.id for e in store.find_entities("national bank of cuba")] == ["ofac-sdn-306"]
    assert store.find_entities("hizballah")[0].id == "ofac-sdn-4697"
    assert [e.id for e in store.find_entities("QDi.006")] == ["un-sc-qdi-006"]


def test_damaged_ofac_files_leave_the_active_version_unchanged(
    loaded: Loaded, shared_data: Path
) -> None:
    before = loaded.store.active_versions()

    with pytest.raises(SourceFormatError, match=r"sdn\.csv line 7380"):
        loaded.store.load(get_source("ofac-sdn").parse(shared_data / "ofac-invalid"))

    assert loaded.store.active_versions() == before
    assert [v.id for v in loaded.store.versions("ofac-sdn")] == [
        loaded.versions["ofac-2021"].id,
        loaded.versions["ofac-2019"].id,
    ]
