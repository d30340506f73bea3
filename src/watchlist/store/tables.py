"""The store's tables, for queries. The migrations in alembic/versions/ create them; a change
here needs a new revision there."""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

list_versions = sa.Table(
    "list_versions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("source", sa.String(64), nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("loaded_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("published_on", sa.Date, nullable=True),
    sa.Column("checksum", sa.String(64), nullable=False),
    sa.Column("files", sa.JSON, nullable=False),
    sa.Column("counts", sa.JSON, nullable=False),
    sa.Column("entity_count", sa.Integer, nullable=False),
    sa.Column("warning_count", sa.Integer, nullable=False),
    sa.Column("rejected_count", sa.Integer, nullable=False),
    sa.Column("warnings", sa.JSON, nullable=False),
    sa.Column("rejected", sa.JSON, nullable=False),
    sa.Column("meta", sa.JSON, nullable=False),
    sa.Index("ix_list_versions_source", "source"),
    sa.Index(
        "ux_list_versions_one_active",
        "source",
        unique=True,
        sqlite_where=sa.text("status = 'active'"),
        postgresql_where=sa.text("status = 'active'"),
    ),
)

entities = sa.Table(
    "entities",
    metadata,
    sa.Column(
        "version_id",
        sa.Integer,
        sa.ForeignKey("list_versions.id", ondelete="CASCADE"),
        nullable=False,
    ),
    sa.Column("entity_id", sa.String(255), nullable=False),
    sa.Column("source_id", sa.String(255), nullable=False),
    sa.Column("schema", sa.String(32), nullable=False),
    sa.Column("caption", sa.Text, nullable=False),
    sa.Column("body", sa.LargeBinary, nullable=False),
    sa.Column("body_hash", sa.String(64), nullable=False),
    sa.PrimaryKeyConstraint("version_id", "entity_id", name="pk_entities"),
    sa.Index("ix_entities_version_source_id", "version_id", "source_id"),
)

entity_names = sa.Table(
    "entity_names",
    metadata,
    sa.Column(
        "version_id",
        sa.Integer,
        sa.ForeignKey("list_versions.id", ondelete="CASCADE"),
        nullable=False,
    ),
    sa.Column("entity_id", sa.String(255), nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("normalized", sa.Text, nullable=False),
    sa.Index("ix_entity_names_version_entity", "version_id", "entity_id"),
)
