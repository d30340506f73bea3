"""Helpers for the API tests: start the real `watchlist serve` in a subprocess on 127.0.0.1
over a store the test prepared; small hand-built lists; throw-away PostgreSQL databases.

Every server gets keys for each role, made through the library before it starts.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa

from watchlist.api.auth import create_key
from watchlist.model import (
    Authority,
    Designation,
    Entity,
    Identifier,
    IdentifierKind,
    Name,
    NameKind,
    Schema,
    make_entity_id,
)
from watchlist.sources.base import ParsedList
from watchlist.store import Store

PG_ADMIN_URL = os.environ.get(
    "WATCHLIST_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
PG_START = "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start"
ROLES = ("screener", "analyst", "admin")
WATCHLIST = str(Path(sys.executable).with_name("watchlist"))


_LONG_ID = "Central African Republic armed forces (FACA) Military identification number 911-10-77"


def custom_list(version: int) -> ParsedList:
    """A small hand-built list in two versions, for diffs: v2 drops one entry, adds one and
    gives another a new alias."""

    def entity(
        slug: str,
        name: str,
        *aliases: str,
        schema: Schema = Schema.ORGANIZATION,
        identifiers: tuple[Identifier, ...] = (),
    ) -> Entity:
        return Entity(
            id=make_entity_id("custom", slug),
            schema=schema,
            source="custom",
            source_id=slug,
            names=(Name(name), *(Name(a, NameKind.ALIAS) for a in aliases)),
            designations=(Designation(Authority.INTERNAL, "Bank internal list", ("INTERNAL",)),),
            identifiers=identifiers,
        )

    harbour = ("Blue Harbour Shipping",) if version == 2 else ()
    entries = [
        entity("acme-trading", "Acme Trading LLC"),
        entity("blue-harbor", "Blue Harbor Shipping Ltd", *harbour),
        entity("ivan-petrov", "Ivan Petrov", schema=Schema.PERSON),
        # An identifier as UN writes one (un-sc CFi.008), longer than FtM's identifier type
        # allows, so that the FtM export of this entry may fail.
        entity(
            "eugene-barret",
            "Eugene Barret NGAIKOSSET",
            schema=Schema.PERSON,
            identifiers=(Identifier(IdentifierKind.OTHER, _LONG_ID),),
        ),
    ]
    if version == 1:
        entries.append(entity("old-front", "Old Front Company SA"))
    else:
        entries.append(entity("new-front", "New Front Company SA"))
    return ParsedList(source="custom", entities=tuple(entries), files=())


def builtin_list() -> ParsedList:
    from watchlist.sources.builtin import load_builtin

    return load_builtin()


class PostgresDatabases:
    def __init__(self) -> None:
        self._admin = sa.create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
        self._created: list[str] = []

    def check(self) -> None:
        try:
            with self._admin.connect() as connection:
                connection.exec_driver_sql("SELECT 1")
        except sa.exc.OperationalError as error:
            pytest.fail(f"PostgreSQL is not reachable at {PG_ADMIN_URL} ({error.orig}); {PG_START}")

    def create(self) -> str:
        name = f"watchlist_api_{uuid.uuid4().hex[:12]}"
        with self._admin.connect() as connection:
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
        self._created.append(name)
        return self._admin.url.set(database=name).render_as_string(hide_password=False)

    def drop_all(self) -> None:
        with self._admin.connect() as connection:
            for name in self._created:
                connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self._admin.dispose()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class ApiServer:
    base_url: str
    db_url: str
    home: Path
    keys: dict[str, str]
    key_ids: dict[str, int]
    process: subprocess.Popen[bytes]
    log_path: Path
    clients: list[httpx.Client] = field(default_factory=list)

    def client(self, role: str | None = None, **kwargs: object) -> httpx.Client:
        headers = {"Authorization": f"Bearer {self.keys[role]}"} if role else {}
        client = httpx.Client(base_url=self.base_url, headers=headers, timeout=60, **kwargs)  # type: ignore[arg-type]
        self.clients.append(client)
        return client

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-5000:]

    def engine(self) -> sa.Engine:
        return Store.open(self.db_url).engine

    def stop(self) -> None:
        for client in self.clients:
            client.close()
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def start_server(
    db_url: str,
    home: Path,
    *,
    workers: int = 1,
    env: dict[str, str] | None = None,
    wait_ready: bool = True,
) -> ApiServer:
    store = Store.open(db_url)
    keys: dict[str, str] = {}
    key_ids: dict[str, int] = {}
    for role in ROLES:
        created = create_key(store.engine, role, f"test {role}")
        keys[role] = created.secret
        key_ids[role] = created.key.id
    store.close()
    port = free_port()
    log_path = home / f"server-{port}.log"
    home.mkdir(parents=True, exist_ok=True)
    environment = {
        **os.environ,
        "WATCHLIST_DB": db_url,
        "WATCHLIST_HOME": str(home),
        "WATCHLIST_API_INDEX_CHECK_SECONDS": "0.5",
        "WATCHLIST_API_KEY_CACHE_SECONDS": "0",
        **(env or {}),
    }
    environment.pop("PROMETHEUS_MULTIPROC_DIR", None)
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [
                WATCHLIST,
                "serve",
                "--port",
                str(port),
                "--workers",
                str(workers),
                "--log-level",
                "warning",
            ],
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    server = ApiServer(f"http://127.0.0.1:{port}", db_url, home, keys, key_ids, process, log_path)
    try:
        _wait(server, "/healthz", None, 120)
        if wait_ready:
            _wait(server, "/readyz", keys["screener"], 240)
    except Exception:
        server.stop()
        raise
    return server


def _wait(server: ApiServer, path: str, key: str | None, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    headers = {"X-API-Key": key} if key else {}
    last = ""
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(
                f"watchlist serve exited ({server.process.returncode}):\n{server.log()}"
            )
        try:
            response = httpx.get(server.base_url + path, headers=headers, timeout=5)
            if response.status_code == 200:
                return
            last = f"{response.status_code} {response.text[:300]}"
        except httpx.TransportError as error:
            last = repr(error)
        time.sleep(0.2)
    raise RuntimeError(f"{path} not 200 after {timeout} s: {last}\n{server.log()}")
