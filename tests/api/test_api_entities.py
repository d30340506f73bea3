"""GET /search, /entities/{id}, /lists, /lists/{source}/diff against the real server."""

from __future__ import annotations

from apiserver import ApiServer


def test_search_finds_by_name_ignoring_accents_and_case(api: ApiServer) -> None:
    data = api.client("screener").get("/search", params={"q": "nicolas maduro"}).json()
    assert [r["id"] for r in data["results"]] == ["builtin-nicolas-maduro-moros"]
    assert data["results"][0]["caption"] == "Nicolás Maduro Moros"
    assert data["total"] == {"value": 1, "relation": "eq"}


def test_search_within_one_list_and_by_list_id(api: ApiServer) -> None:
    client = api.client("screener")
    in_custom = client.get("/search/custom", params={"q": "front"}).json()
    assert [r["id"] for r in in_custom["results"]] == ["custom-new-front"]
    by_source_id = client.get("/search", params={"q": "acme-trading"}).json()
    assert [r["id"] for r in by_source_id["results"]] == ["custom-acme-trading"]
    empty = client.get("/search", params={"q": "   "})
    assert empty.status_code == 422
    assert empty.json()["detail"].startswith("q is empty")


def test_entity_shows_designations_relations_and_consequences(api: ApiServer) -> None:
    client = api.client("screener")
    data = client.get("/entities/builtin-cartel-de-los-soles", params={"as_of": "2025-12-01"})
    assert data.status_code == 200, data.text
    entity = data.json()
    assert entity["caption"] == "Cartel de los Soles"
    assert entity["schema"] == "Organization"
    assert "Cartel of the Suns" in entity["properties"]["alias"]
    assert entity["version"]["source"] == "builtin"
    programs = {p for d in entity["designations"] for p in d["programs"]}
    assert {"SDGT", "FTO"} <= programs
    assert all(d["in_force"] for d in entity["designations"])
    targets = {r["target_id"]: r for r in entity["relations"]}
    assert targets["builtin-tren-de-aragua"]["target_caption"] == "Tren de Aragua"
    assert targets["builtin-tren-de-aragua"]["target_in_lists"] is True
    assert entity["consequences"], "an FTO and SDGT designation has legal consequences"

    before = client.get("/entities/builtin-cartel-de-los-soles", params={"as_of": "2025-11-23"})
    in_force = {tuple(d["programs"]): d["in_force"] for d in before.json()["designations"]}
    assert in_force[("FTO",)] is False  # effective 24 Nov 2025


def test_unknown_entity_is_a_404_problem(api: ApiServer) -> None:
    response = api.client("screener").get("/entities/builtin-nobody")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert "no entity 'builtin-nobody'" in response.json()["detail"]


def test_lists_shows_the_active_versions_with_counts(api: ApiServer) -> None:
    versions = api.client("screener").get("/lists").json()["versions"]
    by_source = {v["source"]: v for v in versions}
    assert set(by_source) == {"builtin", "custom"}
    assert by_source["custom"]["counts"] == {"total": 5, "Organization": 3, "Person": 2}
    assert all(v["status"] == "active" for v in versions)
    every = api.client("screener").get("/lists", params={"all": "true"}).json()["versions"]
    assert [v["status"] for v in every if v["source"] == "custom"] == ["active", "superseded"]


def test_diff_between_the_two_custom_versions(api: ApiServer) -> None:
    diff = api.client("analyst").get("/lists/custom/diff").json()
    assert diff["counts"] == {"added": 1, "removed": 1, "changed": 1}
    assert [e["id"] for e in diff["added"]] == ["custom-new-front"]
    assert [e["id"] for e in diff["removed"]] == ["custom-old-front"]
    assert diff["changed"] == [
        {
            "id": "custom-blue-harbor",
            "caption": "Blue Harbor Shipping Ltd",
            "schema": "Organization",
            "source_id": "blue-harbor",
            "fields": ["names"],
        }
    ]
    explicit = api.client("analyst").get(
        "/lists/custom/diff", params={"old": diff["old"], "new": diff["new"]}
    )
    assert explicit.json()["counts"] == diff["counts"]


def test_diff_of_a_list_with_one_version_says_what_to_do(api: ApiServer) -> None:
    response = api.client("analyst").get("/lists/builtin/diff")
    assert response.status_code == 404
    assert "a diff needs two" in response.json()["detail"]
