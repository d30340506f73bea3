"""Who may call what: every route × every kind of caller, against the real server."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from apiserver import ApiServer

from watchlist.api.auth import create_key

RANK = {None: 0, "invalid": 0, "screener": 1, "analyst": 2, "admin": 3}
CALLERS = [None, "invalid", "screener", "analyst", "admin"]

MATCH_BODY = {"queries": {"q1": {"schema": "Person", "properties": {"name": ["Nicolas Maduro"]}}}}


@dataclass(frozen=True)
class Route:
    method: str
    template: str  # as in the OpenAPI document
    needs: str | None  # the lowest role allowed; None for public routes
    success: int
    overrides: tuple[tuple[str, str], ...] = ()  # path values other than the defaults

    def call(self, client: httpx.Client, fixtures: dict[str, Any]) -> httpx.Response:
        path = self.template.format(**{**fixtures["path"], **dict(self.overrides)})
        body = fixtures["bodies"].get(self.template, {}).get(self.method)
        params = fixtures["params"].get(self.template)
        return client.request(self.method, path, json=body, params=params)


ROUTES = [
    Route("GET", "/healthz", None, 200),
    Route("GET", "/openapi.json", None, 200),
    Route("GET", "/docs", None, 200),
    Route("GET", "/readyz", "screener", 200),
    Route("GET", "/metrics", "screener", 200),
    Route("POST", "/match/{dataset}", "screener", 200),
    Route("GET", "/algorithms", "screener", 200),
    Route("GET", "/search", "screener", 200),
    Route("GET", "/search/{dataset}", "screener", 200),
    Route("GET", "/entities/{entity_id}", "screener", 200),
    Route("GET", "/lists", "screener", 200),
    Route("GET", "/lists/{source}/diff", "analyst", 200, (("source", "custom"),)),
    Route("POST", "/screen", "analyst", 202),
    Route("GET", "/jobs/{job_id}", "analyst", 200),
    Route("POST", "/lists/{source}", "admin", 200),  # 200: the same files, nothing new loaded
    Route("POST", "/keys", "admin", 201),
    Route("GET", "/keys", "admin", 200),
    Route("DELETE", "/keys/{key_id}", "admin", 200),
]


@pytest.fixture(scope="module")
def fixtures(api: ApiServer) -> dict[str, Any]:
    from watchlist.sources.builtin import BUILTIN_PATH

    analyst = api.client("analyst")
    job = analyst.post("/screen", json={"records": [{"id": "r1", "name": "Nicolas Maduro"}]})
    assert job.status_code == 202, job.text
    return {
        "job_id": job.json()["id"],
        "params": {"/search": {"q": "maduro"}, "/search/{dataset}": {"q": "maduro"}},
        "bodies": {
            "/match/{dataset}": {"POST": MATCH_BODY},
            "/screen": {"POST": {"records": [{"id": "r1", "name": "Tren de Aragua"}]}},
            "/lists/{source}": {"POST": {"path": str(BUILTIN_PATH)}},
            "/keys": {"POST": {"role": "screener", "name": "made by the role test"}},
        },
    }


def _path_values(api: ApiServer, fixtures: dict[str, Any]) -> dict[str, str]:
    engine = api.engine()
    throwaway = create_key(engine, "screener", "to be revoked").key.id
    engine.dispose()
    return {
        "dataset": "default",
        "entity_id": "builtin-nicolas-maduro-moros",
        "source": "builtin",
        "job_id": fixtures["job_id"],
        "key_id": str(throwaway),
    }


def test_role_table_covers_every_route_of_the_openapi_document(api: ApiServer) -> None:
    document = httpx.get(api.base_url + "/openapi.json").json()
    documented = {
        (method.upper(), path) for path, item in document["paths"].items() for method in item
    }
    covered = {
        (r.method, r.template) for r in ROUTES if r.template not in ("/openapi.json", "/docs")
    }
    assert documented == covered


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: f"{r.method} {r.template}")
@pytest.mark.parametrize("caller", CALLERS, ids=lambda c: c or "no-key")
def test_route_answers_each_role_as_the_role_table_says(
    api: ApiServer, fixtures: dict[str, Any], route: Route, caller: str | None
) -> None:
    if caller == "invalid":
        client = httpx.Client(
            base_url=api.base_url, headers={"Authorization": "Bearer wl_not-a-real-key"}
        )
        api.clients.append(client)
    else:
        client = api.client(caller)
    values = {**fixtures, "path": _path_values(api, fixtures)}
    response = route.call(client, values)
    if route.needs is None:
        expected = route.success
    elif caller in (None, "invalid"):
        expected = 401
    elif RANK[caller] < RANK[route.needs]:
        expected = 403
    else:
        expected = route.success
    assert response.status_code == expected, response.text
    if expected in (401, 403):
        assert response.headers["content-type"] == "application/problem+json"
        problem = response.json()
        assert problem["status"] == expected
        assert (
            ("API key" in problem["detail"])
            if expected == 401
            else (f"needs the {route.needs} role" in problem["detail"])
        )
    if expected == 401:
        assert response.headers["www-authenticate"].startswith("Bearer")


def test_x_api_key_header_and_yente_apikey_scheme_are_accepted(api: ApiServer) -> None:
    key = api.keys["screener"]
    for headers in ({"X-API-Key": key}, {"Authorization": f"ApiKey {key}"}):
        response = httpx.get(api.base_url + "/lists", headers=headers)
        assert response.status_code == 200, (headers, response.text)


def test_revoked_key_is_refused(api: ApiServer) -> None:
    engine = api.engine()
    created = create_key(engine, "screener", "short-lived")
    engine.dispose()
    headers = {"X-API-Key": created.secret}
    assert httpx.get(api.base_url + "/lists", headers=headers).status_code == 200
    admin = api.client("admin")
    assert admin.delete(f"/keys/{created.key.id}").json()["active"] is False
    refused = httpx.get(api.base_url + "/lists", headers=headers)
    assert refused.status_code == 401
    assert "revoked" in refused.json()["detail"]


def test_key_created_over_the_api_is_shown_once_and_works(api: ApiServer) -> None:
    admin = api.client("admin")
    created = admin.post("/keys", json={"role": "analyst", "name": "batch robot"}).json()
    assert created["role"] == "analyst" and created["key"].startswith("wl_")
    listed = {k["id"]: k for k in admin.get("/keys").json()["keys"]}
    assert "key" not in listed[created["id"]]
    assert listed[created["id"]]["key_prefix"] == created["key"][:9]
    response = httpx.get(api.base_url + "/lists/custom/diff", headers={"X-API-Key": created["key"]})
    assert response.status_code == 200


def test_admin_key_cannot_revoke_itself(api: ApiServer) -> None:
    response = api.client("admin").delete(f"/keys/{api.key_ids['admin']}")
    assert response.status_code == 409
    assert "cannot revoke itself" in response.json()["detail"]
