"""Opening a store: URLs, migrations to every head, and what happens when the server is away."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.script import ScriptDirectory

from watchlist.errors import StoreError
from watchlist.model import Entity, Name, Schema
from watchlist.sources.base import ParsedList
from watchlist.store import Store, database_url, migrations

EXTRA_REVISION = '''
"""A table of another module.

Revision ID: 0099_extra
Revises: 0001_lists
"""

import sqlalchemy as sa
from alembic.script import ScriptDirectory
from alembic import op

revision = "0099_extra"
down_revision = "0001_lists"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("extra_things", sa.Column("id", sa.Integer, primary_key=True))


def downgrade() -> None:
    op.drop_table("extra_things")
'''


def table_names(store: Store) -> set[str]:
    return set(sa.inspect(store.engine).get_table_names())


def test_open_creates_the_tables_at_the_head_revisions(new_database_url: str) -> None:
    scripts = ScriptDirectory.from_config(migrations.alembic_config())

    with Store.open(new_database_url) as store:
        assert {"list_versions", "entities", "entity_names", "alembic_version"} <= table_names(
            store
        )
        assert migrations.current_revisions(store.engine) == set(scripts.get_heads())
    assert "0001_lists" in {script.revision for script in scripts.walk_revisions()}


def test_opening_again_keeps_the_loaded_data(store_url: str) -> None:
    entity = Entity("t-1", Schema.PERSON, "t", "1", (Name("ONE PERSON"),))
    with Store.open(store_url) as store:
        version = store.load(ParsedList("t", (entity,), ()))

    with Store.open(store_url) as store:
        assert store.active_versions() == [version]
        assert store.get_entity("t-1") == entity


def test_a_new_revision_file_is_applied_on_open(
    new_database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scripts = tmp_path / "alembic"
    shutil.copytree(migrations.SCRIPT_LOCATION, scripts)
    (scripts / "versions" / "0099_extra.py").write_text(EXTRA_REVISION)
    monkeypatch.setattr(migrations, "SCRIPT_LOCATION", scripts)

    with Store.open(new_database_url) as store:
        assert "extra_things" in table_names(store)
        assert "0099_extra" in migrations.current_revisions(store.engine)


def test_a_store_migrated_by_a_newer_watchlist_is_refused(
    new_database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scripts = tmp_path / "alembic"
    shutil.copytree(migrations.SCRIPT_LOCATION, scripts)
    (scripts / "versions" / "0099_extra.py").write_text(EXTRA_REVISION)
    with monkeypatch.context() as patched:
        patched.setattr(migrations, "SCRIPT_LOCATION", scripts)
        Store.open(new_database_url).close()

    with pytest.raises(StoreError, match="at revision 0099_extra, which this watchlist does not"):
        Store.open(new_database_url)


def test_plain_postgresql_urls_use_psycopg_3() -> None:
    url = database_url("postgresql://postgres@127.0.0.1:5432/test")
    assert url.drivername == "postgresql+psycopg"
    assert database_url("postgres://u@h/db").drivername == "postgresql+psycopg"
    assert database_url("sqlite:///x.db").drivername == "sqlite"


def test_default_url_is_a_sqlite_file_in_the_data_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("WATCHLIST_DB", raising=False)
    monkeypatch.setenv("WATCHLIST_HOME", str(tmp_path / "home" / "watchlist"))

    with Store.open() as store:
        assert store.active_versions() == []

    assert (tmp_path / "home" / "watchlist" / "watchlist.db").is_file()


def test_watchlist_db_environment_variable_selects_the_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WATCHLIST_DB", f"sqlite:///{tmp_path / 'deep' / 'dir' / 'env.db'}")

    Store.open().close()

    assert (tmp_path / "deep" / "dir" / "env.db").is_file()


def test_in_memory_sqlite_works_for_one_process() -> None:
    with Store.open("sqlite://") as store:
        assert "list_versions" in table_names(store)


def test_unreachable_server_is_a_clear_store_error() -> None:
    with pytest.raises(StoreError, match=r"cannot open the store at postgresql\+psycopg://"):
        Store.open("postgresql://postgres@127.0.0.1:9/nothing")
