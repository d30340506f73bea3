"""POST /match/{dataset}: yente's request and response shapes, against the real server."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from apiserver import ApiServer

from watchlist.api.tables import audit_log

MADURO_ID = "builtin-nicolas-maduro-moros"

# The example query of yente's own test suite (tests/test_match.py): note `country` is a bare
# string, which yente accepts and cleans to a list of ISO codes.
PUTIN = {
    "schema": "Person",
    "properties": {"name": ["Vladimir Putin"], "birthDate": ["1952"], "country": "Russia"},
}
MADURO = {
    "schema": "Person",
    "properties": {
        "name": ["Nicolas Maduro"],
        "birthDate": ["1962-11-23"],
        "nationality": ["Venezuela"],
    },
}


def _match(api: ApiServer, queries: dict[str, Any], **params: Any) -> Any:
    response = api.client("screener").post(
        "/match/default", json={"queries": queries}, params=params
    )
    assert response.status_code == 200, response.text
    return response.json()


def test_yente_putin_example_is_answered_in_yente_shape(api: ApiServer) -> None:
    data = _match(api, {"vv": PUTIN, "xx": PUTIN, "zz": PUTIN})
    assert sorted(data["responses"]) == ["vv", "xx", "zz"]
    assert data["limit"] == 5
    assert isinstance(data["matcher"], dict)
    answer = data["responses"]["vv"]
    assert answer["status"] == 200
    assert answer["query"]["schema"] == "Person"
    assert answer["query"]["properties"]["country"] == ["ru"]
    assert answer["query"]["properties"]["birthDate"] == ["1952"]
    assert set(answer["total"]) == {"value", "relation"}
    # Putin is on none of the loaded lists: nothing may be reported as a match.
    assert [r["id"] for r in answer["results"] if r["match"]] == []


def test_maduro_query_returns_the_builtin_entry_as_a_match(api: ApiServer) -> None:
    data = _match(api, {"customer-1": MADURO})
    answer = data["responses"]["customer-1"]
    top = answer["results"][0]
    assert top["id"] == MADURO_ID
    assert top["match"] is True
    assert top["schema"] == "Person"
    assert top["datasets"] == ["builtin"]
    assert top["target"] is True
    assert "Nicolás Maduro Moros" in top["properties"]["name"]
    assert top["properties"]["nationality"] == ["ve"]
    assert 0 < top["score"] <= 1
    assert top["features"] and all(isinstance(v, float) for v in top["features"].values())
    assert set(top["features"]) <= set(data["matcher"])
    assert top["explanation"].startswith("matched")
    assert "OFAC-SDN-BLOCK" in [c["code"] for c in top["consequences"]]
    assert answer["query"]["properties"]["nationality"] == ["ve"]
    assert {v["source"] for v in data["versions"]} == {"builtin", "custom"}


def test_name_parts_without_a_full_name_are_joined(api: ApiServer) -> None:
    query = {"schema": "Person", "properties": {"firstName": ["Nicolas"], "lastName": ["Maduro"]}}
    top = _match(api, {"q": query})["responses"]["q"]["results"][0]
    assert top["id"] == MADURO_ID


def test_batch_keeps_the_callers_query_names_and_sets_the_batch_size_header(
    api: ApiServer,
) -> None:
    queries = {
        "a": MADURO,
        "b": PUTIN,
        "c": {"schema": "Organization", "properties": {"name": "Tren de Aragua"}},
    }
    response = api.client("screener").post("/match/default", json={"queries": queries})
    assert response.headers["x-batch-size"] == "3"
    data = response.json()
    assert data["responses"]["c"]["results"][0]["id"] == "builtin-tren-de-aragua"


def test_unknown_schema_is_a_400_problem_and_missing_schema_a_422(api: ApiServer) -> None:
    client = api.client("screener")
    bad = client.post(
        "/match/default", json={"queries": {"q": {"schema": "xxx", "properties": {"name": "B"}}}}
    )
    assert bad.status_code == 400
    assert bad.headers["content-type"] == "application/problem+json"
    assert "unknown schema 'xxx'" in bad.json()["detail"]
    missing = client.post("/match/default", json={"queries": {"q": {"properties": {"name": "B"}}}})
    assert missing.status_code == 422
    assert missing.json()["errors"][0]["loc"] == "body.queries.q.schema"


def test_property_foreign_to_the_schema_is_refused_naming_it(api: ApiServer) -> None:
    query = {"schema": "Company", "properties": {"name": ["Acme"], "nationality": ["ru"]}}
    response = api.client("screener").post("/match/default", json={"queries": {"q": query}})
    assert response.status_code == 400
    assert "'nationality' is not a property of Company" in response.json()["detail"]


def test_unreadable_birth_date_is_reported_not_dropped_silently(api: ApiServer) -> None:
    query = {"schema": "Person", "properties": {"name": ["Nicolas Maduro"], "birthDate": ["soon"]}}
    answer = _match(api, {"q": query})["responses"]["q"]
    assert answer["warnings"] == ["birthDate: 'soon' is not a date; ignored"]
    assert answer["results"][0]["id"] == MADURO_ID


def test_yente_algorithm_names_are_accepted_and_unknown_ones_refused(api: ApiServer) -> None:
    client = api.client("screener")
    body = {"queries": {"q": MADURO}}
    assert (
        client.post("/match/default", json=body, params={"algorithm": "name-based"}).status_code
        == 200
    )
    refused = client.post("/match/default", json=body, params={"algorithm": "neural-net"})
    assert refused.status_code == 400
    assert "unknown algorithm 'neural-net'" in refused.json()["detail"]


def test_dataset_include_and_exclude_filters_restrict_the_lists(api: ApiServer) -> None:
    client = api.client("screener")
    body = {"queries": {"q": MADURO}}

    def ids(path: str, **params: Any) -> list[str]:
        response = client.post(path, json=body, params=params)
        assert response.status_code == 200, response.text
        return [r["id"] for r in response.json()["responses"]["q"]["results"]]

    assert MADURO_ID in ids("/match/builtin")
    assert MADURO_ID not in ids("/match/custom")
    assert MADURO_ID not in ids("/match/default", exclude_dataset="builtin")
    assert ids("/match/default", include_dataset=["custom"]) == ids("/match/custom")
    assert ids("/match/default", include_dataset=["nothing-loaded"]) == []
    unknown = client.post("/match/us_ofac_sdn", json=body)
    assert unknown.status_code == 404
    assert "dataset 'us_ofac_sdn' is not loaded" in unknown.json()["detail"]


def test_exclude_entity_ids_and_topics_filter_results(api: ApiServer) -> None:
    assert MADURO_ID not in [
        r["id"]
        for r in _match(api, {"q": MADURO}, exclude_entity_ids=[MADURO_ID])["responses"]["q"][
            "results"
        ]
    ]
    # Maduro is designated under the Venezuela program, not a terrorism program.
    terror = _match(api, {"q": MADURO}, topics="crime.terror")["responses"]["q"]["results"]
    assert MADURO_ID not in [r["id"] for r in terror]
    tda = {"schema": "Organization", "properties": {"name": ["Tren de Aragua"]}}
    terror = _match(api, {"q": tda}, topics="crime.terror")["responses"]["q"]["results"]
    assert terror[0]["id"] == "builtin-tren-de-aragua"
    assert "crime.terror" in terror[0]["properties"]["topics"]


def test_as_of_leaves_out_designations_not_yet_in_force(api: ApiServer) -> None:
    soles = {"schema": "Organization", "properties": {"name": ["Cartel de los Soles"]}}
    before = _match(api, {"q": soles}, as_of="2025-01-01")["responses"]["q"]["results"]
    after = _match(api, {"q": soles}, as_of="2025-12-01")["responses"]["q"]["results"]
    assert "builtin-cartel-de-los-soles" not in [r["id"] for r in before]
    assert after[0]["id"] == "builtin-cartel-de-los-soles"
    # On 1 Aug 2025 only the SDGT designation (25 Jul 2025) is in force, not yet the FTO one.
    august = _match(api, {"q": soles}, as_of="2025-08-01")["responses"]["q"]["results"][0]
    codes = {c["code"] for c in august["consequences"]}
    later = {c["code"] for c in after[0]["consequences"]}
    assert codes < later


def test_threshold_decides_match_and_limit_bounds_results(api: ApiServer) -> None:
    strict = _match(api, {"q": MADURO}, threshold=1.0, limit=1)["responses"]["q"]
    assert len(strict["results"]) == 1
    assert strict["results"][0]["match"] is (strict["results"][0]["score"] >= 1.0)
    too_many = api.client("screener").post(
        "/match/default", json={"queries": {"q": MADURO}}, params={"limit": 1000}
    )
    assert too_many.status_code == 422
    assert "limit 1000 is over the maximum of 100" in too_many.json()["detail"]


def test_batch_over_the_limit_is_a_422_problem(api: ApiServer) -> None:
    queries = {f"q{i}": MADURO for i in range(21)}  # the test server allows 20
    response = api.client("screener").post("/match/default", json={"queries": queries})
    assert response.status_code == 422
    assert (
        response.json()["detail"] == "21 queries in one request; the limit is 20 — split the batch"
    )


def test_body_over_the_size_limit_is_a_413_problem(api: ApiServer) -> None:
    names = ["x" * 1000] * 1100  # about 1.1 MB, over the 1 MiB default
    body = {"queries": {"q": {"schema": "Person", "properties": {"name": names}}}}
    response = api.client("screener").post("/match/default", json=body)
    assert response.status_code == 413
    assert response.headers["content-type"] == "application/problem+json"
    assert "at most 1,048,576 bytes" in response.json()["detail"]


def test_every_match_request_is_in_the_audit_log(api: ApiServer) -> None:
    query = {"id": "audit-probe-7731", **MADURO}
    data = _match(api, {"probe": query})
    engine = api.engine()
    with engine.connect() as conn:
        rows = conn.execute(
            sa.select(audit_log)
            .where(audit_log.c.action == "match")
            .order_by(audit_log.c.id.desc())
        ).all()
    engine.dispose()
    row = next(r._mapping for r in rows if "probe" in r.request["queries"])
    assert row["key_id"] == api.key_ids["screener"]
    assert row["dataset"] == "default"
    assert sorted(row["version_ids"]) == sorted(v["id"] for v in data["versions"])
    assert row["request"]["queries"]["probe"]["id"] == "audit-probe-7731"
    results = data["responses"]["probe"]["results"]
    assert row["results"]["probe"] == [[r["id"], round(r["score"], 4)] for r in results]
    assert row["result_count"] == len(results)


def test_entry_the_ftm_exporter_refuses_is_still_returned_with_its_names(api: ApiServer) -> None:
    query = {"schema": "Person", "properties": {"name": ["Eugene Barret Ngaikosset"]}}
    top = _match(api, {"q": query})["responses"]["q"]["results"][0]
    assert top["id"] == "custom-eugene-barret"
    assert top["properties"]["name"] == ["Eugene Barret NGAIKOSSET"]
