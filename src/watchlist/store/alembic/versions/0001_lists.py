"""List versions and their entities.

Revision ID: 0001_lists
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0001_lists"
down_revision: str | None = None
branch_labels: tuple[str, ...] | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "list_versions",
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
    )
    op.create_index("ix_list_versions_source", "list_versions", ["source"])
    # At most one active version per source, even if two loads race.
    op.create_index(
        "ux_list_versions_one_active",
        "list_versions",
        ["source"],
        unique=True,
        sqlite_where=sa.text("status = 'active'"),
        postgresql_where=sa.text("status = 'active'"),
    )
    op.create_table(
        "entities",
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
    )
    op.create_index("ix_entities_version_source_id", "entities", ["version_id", "source_id"])
    op.create_table(
        "entity_names",
        sa.Column(
            "version_id",
            sa.Integer,
            sa.ForeignKey("list_versions.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("entity_id", sa.String(255), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("normalized", sa.Text, nullable=False),
    )
    op.create_index("ix_entity_names_version_entity", "entity_names", ["version_id", "entity_id"])


def downgrade() -> None:
    op.drop_table("entity_names")
    op.drop_table("entities")
    op.drop_index("ux_list_versions_one_active", table_name="list_versions")
    op.drop_index("ix_list_versions_source", table_name="list_versions")
    op.drop_table("list_versions")
