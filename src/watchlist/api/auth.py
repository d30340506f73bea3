"""API keys and roles.

A key is 32 random bytes (`wl_` + URL-safe base64), shown once when it is created and stored
only as its SHA-256. A slow password hash (bcrypt, argon2) protects secrets people choose, which
are guessable; a 256-bit random key cannot be guessed, so a fast hash loses nothing and lets a
request find its key by an indexed lookup of the hash instead of trying every stored key.

Roles are ordered: `screener` < `analyst` < `admin`; each may do what the ones below it may.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated

import sqlalchemy as sa
from fastapi import Depends, Request, Security
from fastapi.security import APIKeyHeader, HTTPBearer
from starlette.concurrency import run_in_threadpool

from watchlist.api.problems import Problem
from watchlist.api.tables import api_keys
from watchlist.errors import InputError, NotFoundError

KEY_PREFIX = "wl_"


class Role(StrEnum):
    SCREENER = "screener"  # match, search, entities, lists
    ANALYST = "analyst"  # + screening jobs, list diffs
    ADMIN = "admin"  # + loading lists, managing keys

    @property
    def rank(self) -> int:
        return _RANKS[self]

    def allows(self, required: Role) -> bool:
        return self.rank >= required.rank


_RANKS = {Role.SCREENER: 1, Role.ANALYST: 2, Role.ADMIN: 3}


def parse_role(text: str) -> Role:
    try:
        return Role(text.strip().lower())
    except ValueError:
        known = ", ".join(r.value for r in Role)
        raise InputError(f"unknown role {text!r}; roles are {known}") from None


@dataclass(frozen=True, slots=True)
class ApiKey:
    id: int
    name: str
    role: Role
    key_prefix: str  # the first characters of the key, to recognise it in listings
    created_at: datetime
    created_by: int | None = None
    revoked_at: datetime | None = None

    @property
    def active(self) -> bool:
        return self.revoked_at is None

    def to_builtins(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "role": self.role.value,
            "key_prefix": self.key_prefix,
            "created_at": self.created_at.isoformat(),
            "created_by": self.created_by,
            "revoked_at": self.revoked_at.isoformat() if self.revoked_at else None,
            "active": self.active,
        }


@dataclass(frozen=True, slots=True)
class CreatedKey:
    key: ApiKey
    secret: str  # the only time the key itself is seen


def hash_key(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _utc(value: datetime | None) -> datetime | None:
    # SQLite hands back naive datetimes even for timezone-aware columns.
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def _row_to_key(row: sa.Row[tuple[object, ...]]) -> ApiKey:
    m = row._mapping
    created_at = _utc(m["created_at"])
    assert created_at is not None
    return ApiKey(
        id=int(m["id"]),
        name=str(m["name"]),
        role=Role(str(m["role"])),
        key_prefix=str(m["key_prefix"]),
        created_at=created_at,
        created_by=m["created_by"],
        revoked_at=_utc(m["revoked_at"]),
    )


def create_key(
    engine: sa.Engine, role: Role | str, name: str | None = None, created_by: int | None = None
) -> CreatedKey:
    role = role if isinstance(role, Role) else parse_role(role)
    secret = KEY_PREFIX + secrets.token_urlsafe(32)
    now = datetime.now(UTC)
    label = (name or "").strip() or f"{role.value} key created {now:%Y-%m-%d %H:%M} UTC"
    if len(label) > 200:
        raise InputError(f"key name is {len(label)} characters long; the limit is 200")
    values = {
        "name": label,
        "role": role.value,
        "key_hash": hash_key(secret),
        "key_prefix": secret[: len(KEY_PREFIX) + 6],
        "created_at": now,
        "created_by": created_by,
        "revoked_at": None,
    }
    with engine.begin() as conn:
        key_id = conn.execute(sa.insert(api_keys).values(**values)).inserted_primary_key
    assert key_id is not None
    key = ApiKey(
        id=int(key_id[0]),
        name=label,
        role=role,
        key_prefix=values["key_prefix"],  # type: ignore[arg-type]
        created_at=now,
        created_by=created_by,
    )
    return CreatedKey(key, secret)


def list_keys(engine: sa.Engine, *, include_revoked: bool = True) -> list[ApiKey]:
    query = sa.select(api_keys).order_by(api_keys.c.id)
    if not include_revoked:
        query = query.where(api_keys.c.revoked_at.is_(None))
    with engine.connect() as conn:
        return [_row_to_key(row) for row in conn.execute(query)]


def get_key(engine: sa.Engine, key_id: int) -> ApiKey:
    with engine.connect() as conn:
        row = conn.execute(sa.select(api_keys).where(api_keys.c.id == key_id)).first()
    if row is None:
        raise NotFoundError(f"no API key with id {key_id}; `watchlist keys list` shows the keys")
    return _row_to_key(row)


def revoke_key(engine: sa.Engine, key_id: int) -> ApiKey:
    """Revoke a key (kept in the table, so the audit log still says whose it was)."""
    now = datetime.now(UTC)
    with engine.begin() as conn:
        conn.execute(
            sa.update(api_keys)
            .where(api_keys.c.id == key_id, api_keys.c.revoked_at.is_(None))
            .values(revoked_at=now)
        )
    return get_key(engine, key_id)


def find_key(engine: sa.Engine, secret: str) -> ApiKey | None:
    """The active key with this secret, or None."""
    with engine.connect() as conn:
        row = conn.execute(
            sa.select(api_keys).where(
                api_keys.c.key_hash == hash_key(secret), api_keys.c.revoked_at.is_(None)
            )
        ).first()
    return _row_to_key(row) if row is not None else None


class KeyCache:
    """Remembers lookups for `ttl` seconds so that a busy worker does not ask the database on
    every request; a revoked key therefore stops working within `ttl` seconds."""

    def __init__(self, engine: sa.Engine, ttl: float, max_entries: int = 10_000) -> None:
        self._engine = engine
        self._ttl = ttl
        self._max = max_entries
        self._entries: dict[str, tuple[float, ApiKey | None]] = {}
        self._lock = threading.Lock()

    def cached(self, secret: str) -> tuple[bool, ApiKey | None]:
        entry = self._entries.get(hash_key(secret))
        if entry is not None and entry[0] > time.monotonic():
            return True, entry[1]
        return False, None

    def lookup(self, secret: str) -> ApiKey | None:
        key = find_key(self._engine, secret)
        if self._ttl > 0:
            with self._lock:
                if len(self._entries) >= self._max:
                    self._entries.clear()
                self._entries[hash_key(secret)] = (time.monotonic() + self._ttl, key)
        return key

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


# Declared for the OpenAPI document (so clients and schemathesis know how to authenticate);
# the header itself is read by `_presented_key`, which also takes OpenSanctions' `ApiKey` scheme.
_bearer = HTTPBearer(auto_error=False, description="`Authorization: Bearer KEY`")
_header = APIKeyHeader(name="X-API-Key", auto_error=False, description="`X-API-Key: KEY`")

_HOW = (
    "send `Authorization: Bearer KEY` or `X-API-Key: KEY`; an admin creates keys with "
    "`watchlist keys create --role screener` or POST /keys"
)


def _presented_key(request: Request) -> str | None:
    header = request.headers.get("x-api-key")
    if header and header.strip():
        return header.strip()
    auth = request.headers.get("authorization")
    if not auth or not auth.strip():
        return None
    scheme, _, value = auth.strip().partition(" ")
    if value and scheme.lower() in ("bearer", "apikey", "token"):
        return value.strip()
    # yente clients sometimes send the bare key as the whole header.
    return auth.strip() if not value else None


async def authenticate(request: Request) -> ApiKey:
    secret = _presented_key(request)
    if secret is None:
        raise Problem(
            401,
            f"this endpoint needs an API key: {_HOW}",
            headers={"WWW-Authenticate": "Bearer"},
        )
    cache: KeyCache = request.app.state.keys
    hit, key = cache.cached(secret)
    if not hit:
        key = await run_in_threadpool(cache.lookup, secret)
    if key is None:
        raise Problem(
            401,
            "the API key is not valid or has been revoked; ask an admin for a key",
            headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
        )
    request.state.api_key = key
    return key


def require(role: Role) -> Callable[..., Awaitable[ApiKey]]:
    """A FastAPI dependency: the caller's key, which must have `role` or a higher one."""

    async def dependency(
        request: Request,
        _bearer_credentials: object = Security(_bearer),
        _header_key: object = Security(_header),
    ) -> ApiKey:
        key = await authenticate(request)
        if not key.role.allows(role):
            raise Problem(
                403,
                f"this endpoint needs the {role.value} role; key {key.key_prefix}… "
                f"({key.name!r}) has the {key.role.value} role",
            )
        return key

    dependency.__name__ = f"require_{role.value}"
    return dependency


ScreenerKey = Annotated[ApiKey, Depends(require(Role.SCREENER))]
AnalystKey = Annotated[ApiKey, Depends(require(Role.ANALYST))]
AdminKey = Annotated[ApiKey, Depends(require(Role.ADMIN))]
