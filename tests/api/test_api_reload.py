"""A new list version under load: two workers keep answering while the index is replaced, and
no request fails. Also: /metrics adds up the workers' counts (multiprocess mode)."""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from apiserver import ApiServer, builtin_list, start_server

from watchlist.sources import parse_source
from watchlist.store import Store

CLIENTS = 16
QUERY = {"queries": {"q": {"schema": "Person", "properties": {"name": ["Nicolas Maduro"]}}}}


@pytest.fixture(scope="module")
def two_workers(tmp_path_factory: pytest.TempPathFactory, shared_data: Path) -> Iterator[ApiServer]:
    tmp = tmp_path_factory.mktemp("reload")
    db_url = f"sqlite:///{tmp / 'watchlist.db'}"
    with Store.open(db_url) as store:
        store.load(builtin_list())
        store.load(parse_source("un-sc", shared_data / "un-sc-2025-04" / "consolidated.xml"))
    server = start_server(
        db_url,
        tmp / "home",
        workers=2,
        env={"WATCHLIST_API_LOAD_ROOTS": str(shared_data.resolve())},
    )
    yield server
    server.stop()


async def _hammer(
    server: ApiServer, stop: asyncio.Event, seen: list[tuple[int, tuple[int, ...]]]
) -> None:
    headers = {"X-API-Key": server.keys["screener"]}
    async with httpx.AsyncClient(base_url=server.base_url, headers=headers, timeout=60) as client:
        while not stop.is_set():
            try:
                response = await client.post("/match/default", json=QUERY)
            except httpx.TransportError as error:
                seen.append((-1, (repr(error),)))  # type: ignore[arg-type]
                continue
            versions: tuple[int, ...] = ()
            if response.status_code == 200:
                versions = tuple(sorted(v["id"] for v in response.json()["versions"]))
            seen.append((response.status_code, versions))


def test_list_reload_under_load_loses_no_request(two_workers: ApiServer, shared_data: Path) -> None:
    server = two_workers
    admin = server.client("admin")
    before = {v["source"]: v["id"] for v in admin.get("/lists").json()["versions"]}

    async def scenario() -> tuple[list[tuple[int, tuple[int, ...]]], dict[str, int]]:
        seen: list[tuple[int, tuple[int, ...]]] = []
        stop = asyncio.Event()
        tasks = [asyncio.create_task(_hammer(server, stop, seen)) for _ in range(CLIENTS)]
        await asyncio.sleep(1.0)
        path = str(shared_data / "un-sc" / "consolidated.xml")
        async with httpx.AsyncClient(
            base_url=server.base_url, headers={"X-API-Key": server.keys["admin"]}, timeout=120
        ) as client:
            loaded = await client.post("/lists/un-sc", json={"path": path})
        assert loaded.status_code == 201, loaded.text + server.log()
        new_ids = tuple(sorted([before["builtin"], loaded.json()["id"]]))
        # Keep the load on until 50 answers in a row use the new index.
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            recent = seen[-50:]
            if len(recent) == 50 and all(v == new_ids for _s, v in recent):
                break
            await asyncio.sleep(0.2)
        stop.set()
        await asyncio.gather(*tasks)
        return seen, {"un-sc": loaded.json()["id"]}

    seen, loaded = asyncio.run(scenario())
    statuses = [status for status, _v in seen]
    assert len(seen) > 100
    assert set(statuses) == {200}, [s for s in seen if s[0] != 200][:5]
    old_ids = tuple(sorted(before.values()))
    new_ids = tuple(sorted([before["builtin"], loaded["un-sc"]]))
    assert {v for _s, v in seen} == {old_ids, new_ids}
    # Soon fresh connections, spread over both workers, all get the new index.
    deadline = time.monotonic() + 60
    while True:
        answers = [
            httpx.post(
                server.base_url + "/match/default",
                json=QUERY,
                headers={"X-API-Key": server.keys["screener"]},
            ).json()
            for _ in range(20)
        ]
        if all(tuple(sorted(v["id"] for v in a["versions"])) == new_ids for a in answers):
            break
        assert time.monotonic() < deadline, "a worker still serves the old index after 60 s"
        time.sleep(0.5)


def test_metrics_add_up_the_requests_of_both_workers(two_workers: ApiServer) -> None:
    client = two_workers.client("screener")

    def answered() -> float:
        text = client.get("/metrics").text
        pattern = r'watchlist_http_requests_total\{method="GET",route="/lists",status="200"\} (\S+)'
        found = re.search(pattern, text)
        return float(found.group(1)) if found else 0.0

    start = answered()
    for _ in range(40):  # uvicorn spreads connections over both workers
        assert (
            httpx.get(
                two_workers.base_url + "/lists", headers={"X-API-Key": two_workers.keys["screener"]}
            ).status_code
            == 200
        )
    assert answered() == start + 40
    text = client.get("/metrics").text
    assert "watchlist_http_request_duration_seconds_bucket" in text
    assert re.search(r"watchlist_index_reloads_total (\d+)", text)
