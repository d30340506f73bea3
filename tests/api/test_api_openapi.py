"""schemathesis against the OpenAPI document of the real server: generated requests for every
operation, with an admin key, must never get a server error (5xx), and must answer with a
status code, content type and body schema that the document declares.

(schemathesis's own pytest plugin does not run under pytest 9, so each operation is a
parametrized test that drives schemathesis's Hypothesis strategy itself.)
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from apiserver import ApiServer, builtin_list, start_server
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from watchlist.api import ApiSettings, create_app
from watchlist.store import Store

EXAMPLES_PER_OPERATION = 25


def _operations() -> list[tuple[str, str]]:
    # The document does not depend on the store, so an app that never starts can give it.
    document = create_app(ApiSettings(db_url="sqlite://", data_dir=Path("."))).openapi()
    return [(method.upper(), path) for path, item in document["paths"].items() for method in item]


@pytest.fixture(scope="module")
def fuzzed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ApiServer]:
    # Its own server: generated requests create and revoke keys and start jobs.
    tmp = tmp_path_factory.mktemp("fuzz")
    db_url = f"sqlite:///{tmp / 'watchlist.db'}"
    with Store.open(db_url) as store:
        store.load(builtin_list())
    server = start_server(db_url, tmp / "home")
    yield server
    server.stop()


@pytest.fixture(scope="module")
def api_schema(fuzzed: ApiServer) -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_url(fuzzed.base_url + "/openapi.json")


@pytest.mark.parametrize(("method", "path"), _operations(), ids=lambda v: str(v))
def test_generated_requests_get_no_server_error(
    fuzzed: ApiServer, api_schema: schemathesis.BaseSchema, method: str, path: str
) -> None:
    operation = api_schema[path][method]
    headers = {"Authorization": f"Bearer {fuzzed.keys['admin']}"}

    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def check(case: schemathesis.Case) -> None:
        case.call_and_validate(
            base_url=fuzzed.base_url,
            headers=headers,
            checks=[
                not_a_server_error,
                content_type_conformance,
                status_code_conformance,
                response_schema_conformance,
            ],
        )

    check()
