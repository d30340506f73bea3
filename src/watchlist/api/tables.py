"""The API's own tables: keys, the audit log of screening requests, background jobs.

Alembic revision `0002_api` (store/alembic/versions/0002_api.py) creates them; a change here
needs a new revision there.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

# SQLite gives autoincrement only to INTEGER PRIMARY KEY; PostgreSQL gets a 64-bit identity.
_BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

api_keys = sa.Table(
    "api_keys",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("role", sa.String(16), nullable=False),
    sa.Column("key_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("key_prefix", sa.String(16), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("created_by", sa.Integer, nullable=True),
    sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
)

audit_log = sa.Table(
    "audit_log",
    metadata,
    sa.Column("id", _BIG_ID, primary_key=True, autoincrement=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("key_id", sa.Integer, nullable=True),
    sa.Column("action", sa.String(32), nullable=False),
    sa.Column("dataset", sa.String(64), nullable=True),
    sa.Column("version_ids", sa.JSON, nullable=False),
    sa.Column("request", sa.JSON, nullable=False),
    sa.Column("results", sa.JSON, nullable=False),
    sa.Column("result_count", sa.Integer, nullable=False),
    sa.Column("job_id", sa.String(36), nullable=True),
    sa.Index("ix_audit_log_created_at", "created_at"),
    sa.Index("ix_audit_log_key_id", "key_id"),
)

jobs = sa.Table(
    "jobs",
    metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("key_id", sa.Integer, nullable=True),
    sa.Column("kind", sa.String(32), nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("total", sa.Integer, nullable=False),
    sa.Column("processed", sa.Integer, nullable=False),
    sa.Column("params", sa.JSON, nullable=False),
    sa.Column("input", sa.JSON, nullable=False),
    sa.Column("version_ids", sa.JSON, nullable=True),
    sa.Column("summary", sa.JSON, nullable=True),
    sa.Column("results", sa.JSON, nullable=True),
    sa.Column("rejects", sa.JSON, nullable=True),
    sa.Column("error", sa.Text, nullable=True),
    sa.Index("ix_jobs_status", "status"),
)
