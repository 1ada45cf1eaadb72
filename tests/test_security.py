"""Who may call the API, through HTTP.

- Without REPAIR_API_KEYS no key is asked for. With keys, /v1 and /v2/check want one as
  ``Authorization: Bearer`` (or LanguageTool's ``apiKey`` form field on /v2/check): a missing
  or wrong one is 401 in the error shape with ``WWW-Authenticate``; health, readiness,
  metrics, the API description, the form and /v2/languages stay open.
- CORS: pages of the configured origins may call the API (preflight included, without a
  key); other origins get no CORS headers.
- Rate limits: per key (or per address without keys); over the limit 429 in the error shape
  with ``Retry-After``; one key's use leaves another's alone. With Redis configured but down,
  counting goes on in memory.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from app import create_app
from tests.conftest import ARTICLE_PEOPLE
from tests.serving import free_port

KEYS = ["k-one-123", "k-two-456"]


def make_app(**config: Any) -> Flask:
    return create_app({"TESTING": True, "GAZETTEER_BASE": [str(ARTICLE_PEOPLE)], "GRAMMAR_ENGINE": "none",
                       "RELOAD_ON_SIGHUP": False, **config})  # fmt: skip


@pytest.fixture
def keyed() -> Iterator[FlaskClient]:
    app = make_app(API_KEYS=KEYS)
    yield app.test_client()
    app.extensions["repair"].close()


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def assert_unauthorized(response: Any) -> None:
    assert response.status_code == 401
    assert response.get_json() == {"error": {"code": "unauthorized", "message": response.get_json()["error"]["message"]}}
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_no_key_is_asked_for_by_default(client: FlaskClient) -> None:
    assert client.post("/v1/repair", json={"text": "Donald Tus"}).status_code == 200


@pytest.mark.parametrize("headers", [{}, bearer("wrong"), {"Authorization": "Basic azp2"}, bearer(KEYS[0] + "x")])
@pytest.mark.parametrize(
    ("method", "path", "kwargs"),
    [
        ("post", "/v1/repair", {"json": {"text": "x"}}),
        ("post", "/v1/repair/batch", {"json": {"documents": [{"id": 1, "text": "x"}]}}),
        ("get", "/v1/gazetteer?q=Tusk", {}),
        ("get", "/v1/gazetteer/Q946", {}),
        ("post", "/v2/check", {"data": {"text": "x", "language": "en-US"}}),
        ("get", "/v1/nowhere", {}),
    ],
)
def test_guarded_routes_want_a_key(
    keyed: FlaskClient, headers: dict[str, str], method: str, path: str, kwargs: dict[str, Any]
) -> None:
    assert_unauthorized(getattr(keyed, method)(path, headers=headers, **kwargs))


@pytest.mark.parametrize("key", KEYS)
def test_any_configured_key_opens_them(keyed: FlaskClient, key: str) -> None:
    response = keyed.post("/v1/repair", json={"text": "Donald Tus"}, headers=bearer(key))
    assert response.status_code == 200 and response.get_json()["text"] == "Donald Tusk"
    check = keyed.post("/v2/check", data={"text": "Donald Tus", "language": "en-US"}, headers=bearer(key))
    assert check.status_code == 200


def test_languagetool_clients_may_send_the_key_as_a_form_field(keyed: FlaskClient) -> None:
    response = keyed.post("/v2/check", data={"text": "Donald Tus", "language": "en-US", "apiKey": KEYS[1]})
    assert response.status_code == 200
    assert [m["rule"]["id"] for m in response.get_json()["matches"]] == ["OFFICIAL_NAME"]
    assert_unauthorized(keyed.post("/v2/check", data={"text": "x", "language": "en-US", "apiKey": "wrong"}))


@pytest.mark.parametrize("path", ["/healthz", "/readyz", "/metrics", "/openapi.json", "/docs", "/", "/v2/languages"])
def test_operation_and_description_stay_open(keyed: FlaskClient, path: str) -> None:
    assert keyed.get(path).status_code == 200


def test_the_editors_form_needs_no_key(keyed: FlaskClient) -> None:
    page = keyed.post("/", data={"text": "Prime Minister Donald Tus spoke.", "mode": "apply"})
    assert page.status_code == 200 and "Donald Tusk" in page.get_data(as_text=True)


def test_keys_may_be_given_as_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPAIR_API_KEYS", "alpha, beta")
    app = make_app()
    client = app.test_client()
    assert client.post("/v1/repair", json={"text": "x"}, headers=bearer("beta")).status_code == 200
    assert_unauthorized(client.post("/v1/repair", json={"text": "x"}, headers=bearer("alpha, beta")))


ORIGIN = "https://cms.example.org"


@pytest.fixture
def cors() -> Iterator[FlaskClient]:
    app = make_app(API_KEYS=KEYS, CORS_ORIGINS=[ORIGIN])
    yield app.test_client()
    app.extensions["repair"].close()


def test_a_configured_origin_may_call_the_api(cors: FlaskClient) -> None:
    preflight = cors.options(
        "/v1/repair",
        headers={"Origin": ORIGIN, "Access-Control-Request-Method": "POST",
                 "Access-Control-Request-Headers": "authorization, content-type"},
    )  # fmt: skip
    assert preflight.status_code == 200  # no key for a preflight
    assert preflight.headers["Access-Control-Allow-Origin"] == ORIGIN
    assert "authorization" in preflight.headers["Access-Control-Allow-Headers"].lower()
    response = cors.post("/v1/repair", json={"text": "x"}, headers={"Origin": ORIGIN, **bearer(KEYS[0])})
    assert response.headers["Access-Control-Allow-Origin"] == ORIGIN
    assert "X-Request-ID" in response.headers["Access-Control-Expose-Headers"]


def test_other_origins_get_no_cors_headers(cors: FlaskClient, client: FlaskClient) -> None:
    response = cors.post("/v1/repair", json={"text": "x"}, headers={"Origin": "https://evil.example", **bearer(KEYS[0])})
    assert "Access-Control-Allow-Origin" not in response.headers
    # Without configured origins, none at all.
    response = client.post("/v1/repair", json={"text": "x"}, headers={"Origin": ORIGIN})
    assert "Access-Control-Allow-Origin" not in response.headers


@pytest.fixture
def limited() -> Iterator[FlaskClient]:
    app = make_app(API_KEYS=KEYS, RATE_LIMIT="3 per hour")
    yield app.test_client()
    app.extensions["repair"].close()


def test_over_the_limit_is_429_with_retry_after(limited: FlaskClient) -> None:
    for _ in range(3):
        assert limited.post("/v1/repair", json={"text": "x"}, headers=bearer(KEYS[0])).status_code == 200
    response = limited.post("/v1/repair", json={"text": "x"}, headers=bearer(KEYS[0]))
    assert response.status_code == 429
    assert response.get_json() == {"error": {"code": "too_many_requests", "message": response.get_json()["error"]["message"]}}
    assert int(response.headers["Retry-After"]) > 0
    # The limit is the key's: the other key still has its own, and health is never limited.
    assert limited.post("/v1/repair", json={"text": "x"}, headers=bearer(KEYS[1])).status_code == 200
    assert limited.get("/healthz").status_code == 200


def test_guessing_keys_is_limited_too(limited: FlaskClient) -> None:
    statuses = [limited.post("/v1/repair", json={"text": "x"}, headers=bearer(f"guess-{i}")).status_code for i in range(4)]
    assert statuses == [401, 401, 401, 429]
    # The address's count is not the key's: a right key still gets its own.
    assert limited.post("/v1/repair", json={"text": "x"}, headers=bearer(KEYS[0])).status_code == 200


def test_without_keys_the_limit_is_per_address() -> None:
    app = make_app(RATE_LIMIT="2 per hour")
    here = app.test_client()
    for _ in range(2):
        assert here.post("/v1/repair", json={"text": "x"}).status_code == 200
    assert here.post("/v1/repair", json={"text": "x"}).status_code == 429
    there = here.post("/v1/repair", json={"text": "x"}, environ_base={"REMOTE_ADDR": "192.0.2.7"})
    assert there.status_code == 200


def test_no_limit_when_turned_off() -> None:
    client = make_app(RATE_LIMIT=None).test_client()
    assert all(client.post("/v1/repair", json={"text": "x"}).status_code == 200 for _ in range(5))


def test_with_redis_down_counting_goes_on_in_memory() -> None:
    app = make_app(RATE_LIMIT="2 per hour", RATE_LIMIT_STORAGE=f"redis://127.0.0.1:{free_port()}/0")
    client = app.test_client()
    statuses = [client.post("/v1/repair", json={"text": "x"}).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
