"""POST /screen and GET /jobs/{id}: background batch screening against the real server."""

from __future__ import annotations

import time
from typing import Any

import httpx
import sqlalchemy as sa
from apiserver import ApiServer

from watchlist.api.auth import create_key
from watchlist.api.tables import audit_log

RECORDS = [
    {"id": "c1", "name": "Nicolas Maduro", "birth_date": "1962", "country": "VE"},
    {"id": "c2", "name": "Margaret Thornbury", "schema": "Person"},
    {"id": "c3", "name": ""},
    {"id": "c4", "name": "Tren de Aragua", "schema": "Organization"},
]


def _wait_done(client: httpx.Client, job_id: str) -> dict[str, Any]:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        job = client.get(f"/jobs/{job_id}").json()
        if job["status"] in ("done", "failed"):
            return job  # type: ignore[no-any-return]
        time.sleep(0.2)
    raise AssertionError(f"job {job_id} not finished: {job}")


def test_json_records_are_screened_in_the_background(api: ApiServer) -> None:
    client = api.client("analyst")
    accepted = client.post("/screen", json={"records": RECORDS, "limit": 3})
    assert accepted.status_code == 202, accepted.text
    body = accepted.json()
    assert body["status"] == "queued" and body["total"] == 4
    assert accepted.headers["location"] == f"/jobs/{body['id']}"
    job = _wait_done(client, body["id"])
    assert job["status"] == "done", job["error"]
    assert job["processed"] == 4 and job["progress"] == 1.0
    hits = {(h["record_id"], h["entity_id"]) for h in job["results"]}
    assert ("c1", "builtin-nicolas-maduro-moros") in hits
    assert ("c4", "builtin-tren-de-aragua") in hits
    assert not [h for h in job["results"] if h["record_id"] == "c2"]
    assert [r for r in job["rejects"] if "c3" in str(r.values())], job["rejects"]
    assert sorted(job["version_ids"]) == sorted(
        v["id"] for v in api.client("screener").get("/lists").json()["versions"]
    )


def test_csv_body_and_multipart_upload_are_accepted(api: ApiServer) -> None:
    client = api.client("analyst")
    csv_text = "id,name,schema\nk1,Cartel de los Soles,Organization\nk2,Sinaloa Cartel,\n"
    as_body = client.post("/screen", content=csv_text, headers={"Content-Type": "text/csv"})
    assert as_body.status_code == 202, as_body.text
    as_file = client.post("/screen", files={"file": ("customers.csv", csv_text, "text/csv")})
    assert as_file.status_code == 202, as_file.text
    for accepted in (as_body, as_file):
        job = _wait_done(client, accepted.json()["id"])
        assert job["status"] == "done", job["error"]
        assert {h["record_id"]: h["entity_id"] for h in job["results"]} == {
            "k1": "builtin-cartel-de-los-soles",
            "k2": "builtin-sinaloa-cartel",
        }


def test_job_results_are_paged_with_offset_and_limit(api: ApiServer) -> None:
    client = api.client("analyst")
    job_id = client.post("/screen", json={"records": RECORDS}).json()["id"]
    full = _wait_done(client, job_id)
    page = client.get(f"/jobs/{job_id}", params={"offset": 1, "limit": 1}).json()
    assert page["result_count"] == full["result_count"] >= 2
    assert page["results"] == full["results"][1:2]


def test_another_keys_job_is_not_found_but_admins_see_it(api: ApiServer) -> None:
    job_id = api.client("analyst").post("/screen", json={"records": RECORDS[:1]}).json()["id"]
    engine = api.engine()
    other = create_key(engine, "analyst", "another analyst").secret
    engine.dispose()
    hidden = httpx.get(f"{api.base_url}/jobs/{job_id}", headers={"X-API-Key": other})
    assert hidden.status_code == 404
    assert api.client("admin").get(f"/jobs/{job_id}").status_code == 200


def test_too_many_records_and_no_records_are_422_problems(api: ApiServer) -> None:
    client = api.client("analyst")
    rows = "id,name\n" + "".join(f"r{i},Name {i}\n" for i in range(501))  # the server allows 500
    response = client.post("/screen", content=rows, headers={"Content-Type": "text/csv"})
    assert response.status_code == 422
    assert "501 records in one job; the limit is 500" in response.json()["detail"]
    empty = client.post("/screen", json={"records": []})
    assert empty.status_code == 422
    wrong_type = client.post("/screen", content=b"<xml/>", headers={"Content-Type": "text/xml"})
    assert wrong_type.status_code == 415


def test_invalid_json_record_is_a_422_problem_with_its_location(api: ApiServer) -> None:
    response = api.client("analyst").post("/screen", json={"records": [{"name": "x"}]})
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == "body.records.0.id"


def test_finished_job_is_in_the_audit_log(api: ApiServer) -> None:
    client = api.client("analyst")
    job_id = client.post("/screen", json={"records": RECORDS}).json()["id"]
    job = _wait_done(client, job_id)
    engine = api.engine()
    with engine.connect() as conn:
        row = conn.execute(sa.select(audit_log).where(audit_log.c.job_id == job_id)).one()
    engine.dispose()
    assert row.action == "screen"
    assert row.key_id == api.key_ids["analyst"]
    assert row.request["records"] == 4
    assert sorted(row.version_ids) == sorted(job["version_ids"])
    assert [[r, e] for r, e, _score in row.results] == [
        [h["record_id"], h["entity_id"]] for h in job["results"]
    ]
