"""A server started before any list is loaded: alive but not ready, until an admin uploads a
list; bad uploads are refused with a reason."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from apiserver import ApiServer, start_server

from watchlist.sources.builtin import BUILTIN_PATH


@pytest.fixture(scope="module")
def empty(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ApiServer]:
    tmp = tmp_path_factory.mktemp("empty")
    server = start_server(f"sqlite:///{tmp / 'watchlist.db'}", tmp / "home", wait_ready=False)
    yield server
    server.stop()


MADURO = {"queries": {"q": {"schema": "Person", "properties": {"name": ["Nicolas Maduro"]}}}}


def test_not_ready_without_lists_then_ready_after_an_upload(empty: ApiServer) -> None:
    screener = empty.client("screener")
    assert screener.get("/healthz").status_code == 200
    not_ready = screener.get("/readyz")
    assert not_ready.status_code == 503
    assert not_ready.headers["content-type"] == "application/problem+json"
    assert "no list version is loaded" in not_ready.json()["detail"]
    refused = screener.post("/match/default", json=MADURO)
    assert refused.status_code == 503
    assert refused.headers["retry-after"] == "10"

    data = next(BUILTIN_PATH.glob("*.json"))
    uploaded = empty.client("admin").post(
        "/lists/builtin", files={"file": (data.name, data.read_bytes(), "application/json")}
    )
    assert uploaded.status_code == 201, uploaded.text
    assert uploaded.json()["source"] == "builtin"
    assert uploaded.json()["counts"]["total"] >= 6
    deadline = time.monotonic() + 60
    while screener.get("/readyz").status_code != 200:
        assert time.monotonic() < deadline, screener.get("/readyz").text
        time.sleep(0.2)
    top = screener.post("/match/default", json=MADURO).json()["responses"]["q"]["results"][0]
    assert top["id"] == "builtin-nicolas-maduro-moros"


def test_upload_that_is_not_the_lists_format_is_a_422_problem(empty: ApiServer) -> None:
    response = empty.client("admin").post(
        "/lists/builtin", files={"file": ("list.json", b"{not json", "application/json")}
    )
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert "list.json" in response.json()["detail"]


def test_unknown_source_and_disabled_server_paths_are_refused(empty: ApiServer) -> None:
    admin = empty.client("admin")
    unknown = admin.post("/lists/no-such-list", files={"file": ("x.csv", b"a,b\n", "text/csv")})
    assert unknown.status_code == 404
    assert "unknown source 'no-such-list'" in unknown.json()["detail"]
    by_path = admin.post("/lists/builtin", json={"path": str(BUILTIN_PATH)})
    assert by_path.status_code == 403
    assert "WATCHLIST_API_LOAD_ROOTS" in by_path.json()["detail"]
