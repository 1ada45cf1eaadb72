"""The API's description, through HTTP.

- /openapi.json is an OpenAPI 3.1 document that names every route the app serves, whose
  request schemas are the pydantic models that validate requests (not hand-kept JSON).
- Real answers validate against its answer schemas (the models, extra fields forbidden).
- /docs is a page of the service that lays the document out with its own script: nothing
  from another origin.
- schemathesis sends requests generated from the document (a modest number per operation)
  and none is answered with a 5xx; every error is in the one error shape.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, settings

from app import create_app
from repair import schemas
from repair.ltcompat import CheckRequest
from repair.request import BatchRequest, RepairRequest
from tests.conftest import ARTICLE_PEOPLE

# Flask's own routes that are no part of the API.
NOT_API = {"/static/{filename}", "/", "/docs"}


def test_the_document_names_every_route(client: FlaskClient, app: Flask) -> None:
    document = client.get("/openapi.json").get_json()
    assert document["openapi"].startswith("3.1")
    routes = {re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule) for rule in app.url_map.iter_rules()}
    assert routes - NOT_API - {"/openapi.json"} == set(document["paths"])
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            assert "200" in operation["responses"], (method, path)


def test_request_schemas_are_the_validating_models(client: FlaskClient) -> None:
    components = client.get("/openapi.json").get_json()["components"]["schemas"]
    for model in (RepairRequest, CheckRequest):
        generated = model.model_json_schema(ref_template="#/components/schemas/{model}")
        assert components[model.__name__] == generated
    assert set(components[BatchRequest.__name__]["properties"]) == {"documents"}
    repair = components["RepairRequest"]["properties"]
    assert repair["format"]["enum"] == ["text", "html"] and repair["offsets"]["enum"] == ["codepoints", "utf16"]


def test_answers_validate_against_the_documented_schemas(client: FlaskClient, article: str) -> None:
    schemas.RepairAnswer.model_validate(client.post("/v1/repair", json={"text": article}).get_json())
    schemas.RepairAnswer.model_validate(
        client.post("/v1/repair", json={"text": "<p>Donald Tus</p>", "format": "html", "offsets": "utf16"}).get_json()
    )
    schemas.LookupAnswer.model_validate(client.get("/v1/gazetteer?q=Makron").get_json())
    schemas.EntryAnswer.model_validate(client.get("/v1/gazetteer/Q946").get_json())
    schemas.CheckAnswer.model_validate(client.post("/v2/check", data={"text": article, "language": "en-US"}).get_json())
    schemas.ErrorAnswer.model_validate(client.post("/v1/repair", json={}).get_json())
    schemas.ReloadAnswer.model_validate(client.post("/v1/admin/reload").get_json())


def test_the_api_page_is_served_by_the_app(client: FlaskClient) -> None:
    page = client.get("/docs").get_data(as_text=True)
    assert '<script src="/static/api.js"' in page and 'data-src="/openapi.json"' in page
    assert not re.search(r'\s(?:src|href)="(?:https?:)?//', page)
    with client.get("/static/api.js") as script:
        assert script.status_code == 200
        assert "http" not in script.get_data(as_text=True)


@pytest.fixture(scope="module")
def fuzzed_app() -> Iterator[Flask]:
    app = create_app({"TESTING": True, "GAZETTEER_BASE": [str(ARTICLE_PEOPLE)], "GRAMMAR_ENGINE": "harper",
                      "RELOAD_ON_SIGHUP": False, "RATE_LIMIT": None, "MAX_TEXT_CHARS": 2000})  # fmt: skip
    yield app
    app.extensions["repair"].close()


@pytest.fixture(scope="module")
def api_schema(fuzzed_app: Flask) -> Any:
    return schemathesis.openapi.from_wsgi("/openapi.json", fuzzed_app)


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_generated_request_gets_a_server_error(case: Any) -> None:
    response = case.call()
    assert response.status_code < 500, (case.method, case.path, response.text[:500])
    if response.status_code >= 400:
        body = response.json()
        assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
