"""The HTTP contract: /v1/repair answers in the documented shape, every error is the one
JSON shape with the right status, and the form shows the same result as the API."""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from markupsafe import escape

from app import create_app
from tests.conftest import ARTICLE_PEOPLE


def post(client: FlaskClient, body: Any, **kwargs: Any) -> Any:
    return client.post("/v1/repair", json=body, **kwargs)


def test_repair_answers_in_the_documented_shape(client: FlaskClient) -> None:
    response = post(client, {"text": "Prime Minister Donald Tus met French President Emanuel McCone."})
    assert response.status_code == 200
    body = response.get_json()
    assert set(body) == {"text", "corrections", "suggestions", "suggested_text", "diff", "meta"}
    assert body["text"] == "Prime Minister Donald Tusk met French President Emmanuel Macron."
    tusk = body["corrections"][0]
    assert set(tusk) == {"start", "end", "original", "replacement", "applied", "confidence", "reason", "entity"}
    assert (tusk["start"], tusk["end"], tusk["original"]) == (15, 25, "Donald Tus")
    assert tusk["entity"] == {
        "id": "Q946",
        "name": "Donald Tusk",
        "role": "Prime Minister of Poland",
        "country": "Poland",
        "kind": "official",
    }
    assert set(body["diff"]) == {"ops", "unified", "html"}
    assert body["diff"]["ops"][0] == {
        "start": 15, "end": 25, "out_start": 15, "out_end": 26, "old": "Donald Tus", "new": "Donald Tusk",
    }
    meta = body["meta"]
    assert meta["grammar"] == {"engine": "none", "status": "disabled", "reason": meta["grammar"]["reason"]}
    assert meta["gazetteer"]["size"] > 10 and len(meta["gazetteer"]["version"]) == 12
    assert set(meta["timings_ms"]) == {"names", "diff", "grammar"}


def test_offsets_are_code_points(client: FlaskClient) -> None:
    text = "🎉🇫🇷 Donald Tus arrived."
    body = post(client, {"text": text}).get_json()
    [fix] = body["corrections"]
    assert text[fix["start"] : fix["end"]] == "Donald Tus"


def test_suggest_mode_changes_nothing(client: FlaskClient, article: str) -> None:
    body = post(client, {"text": article, "mode": "suggest"}).get_json()
    assert body["text"] == article
    assert body["diff"]["ops"] == [] and body["diff"]["unified"] == ""
    assert body["corrections"] and not any(c["applied"] for c in body["corrections"])


def test_example_article_end_to_end(client: FlaskClient, article: str) -> None:
    body = post(client, {"text": article}).get_json()
    applied = {(c["original"], c["replacement"]) for c in body["corrections"] if c["applied"]}
    assert ("Emanuel McCone", "Emmanuel Macron") in applied
    assert ("strayers", "Starmer") in {(c["original"], c["replacement"]) for c in body["corrections"]}
    for phrase in ("trump card", "Sergey Lavrov", "Dmitry Peskov", "Joe Biden", "Marco Rubio", "Vladimir Putin"):
        assert phrase in body["text"]


@pytest.mark.parametrize(
    ("kwargs", "status", "code"),
    [
        ({"data": "{not json", "content_type": "application/json"}, 400, "invalid_json"),
        ({"data": "text=hello", "content_type": "application/x-www-form-urlencoded"}, 415, "unsupported_media_type"),
        ({"data": "hello", "content_type": "text/plain"}, 415, "unsupported_media_type"),
        ({"json": ["a list"]}, 400, "invalid_request"),
        ({"json": {}}, 400, "invalid_request"),
        ({"json": {"text": 42}}, 400, "invalid_request"),
        ({"json": {"text": None}}, 400, "invalid_request"),
        ({"json": {"text": "x", "mode": "rewrite"}}, 400, "invalid_request"),
        ({"json": {"text": "x", "mode": 1}}, 400, "invalid_request"),
        ({"json": {"text": "x", "grammar": "yes"}}, 400, "invalid_request"),
        ({"json": {"text": "x", "grammar": 1}}, 400, "invalid_request"),
        ({"json": {"text": "x", "language": "xx-YY"}}, 400, "unknown_language"),
        ({"json": {"text": "x", "language": 5}}, 400, "invalid_request"),
        ({"json": {"text": "x" * 100_001}}, 413, "text_too_long"),
    ],
)
def test_bad_requests_get_one_error_shape(client: FlaskClient, kwargs: dict[str, Any], status: int, code: str) -> None:
    response = client.post("/v1/repair", **kwargs)
    assert response.status_code == status
    assert response.is_json
    body = response.get_json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] == code
    assert body["error"]["message"]
    assert "Traceback" not in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [("get", "/nowhere", 404), ("get", "/v1/repair", 405), ("delete", "/", 405)],
)
def test_http_errors_are_json(client: FlaskClient, method: str, path: str, status: int) -> None:
    response = getattr(client, method)(path)
    assert response.status_code == status
    assert set(response.get_json()["error"]) == {"code", "message"}


def test_body_over_the_byte_limit_is_refused_as_json() -> None:
    app = create_app({"TESTING": True, "GAZETTEER_BASE": [str(ARTICLE_PEOPLE)], "GRAMMAR_ENGINE": "none", "MAX_TEXT_CHARS": 10})
    response = app.test_client().post("/v1/repair", json={"text": "x" * 200_000})
    assert response.status_code == 413
    assert response.get_json()["error"]["code"] == "text_too_long"


def test_unexpected_failure_is_json_without_a_trace(app: Flask) -> None:
    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise RuntimeError("secret internals")

    app.extensions["repair"].repair = broken
    response = app.test_client().post("/v1/repair", json={"text": "x"})
    assert response.status_code == 500
    assert response.get_json()["error"]["code"] == "internal_error"
    assert "secret" not in response.get_data(as_text=True)


def test_health(client: FlaskClient) -> None:
    body = client.get("/healthz").get_json()
    assert body["status"] == "ok" and body["gazetteer"]["size"] > 10


def test_form_shows_the_same_result_as_the_api(client: FlaskClient, article: str) -> None:
    assert b"<textarea" in client.get("/").data
    api = post(client, {"text": article}).get_json()
    page = client.post("/", data={"text": article, "mode": "apply", "language": "en-US"}).get_data(as_text=True)
    for correction in api["corrections"]:
        assert correction["entity"]["name"] in page
    assert "<del>Emanuel McCone</del><ins>Emmanuel Macron</ins>" in page
    assert "Suggested name fixes" in page
    assert "Keir Starmer" in page


def test_form_escapes_everything(client: FlaskClient) -> None:
    page = client.post("/", data={"text": "<script>alert(1)</script> Donald Tus"}).get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page


def test_form_shows_errors_inline(client: FlaskClient) -> None:
    response = client.post("/", data={"text": "x" * 100_001})
    assert response.status_code == 413
    assert "maximum is 100,000" in response.get_data(as_text=True)
    response = client.post("/", data={"text": "hello", "language": "klingon"})
    assert response.status_code == 400
    assert "klingon" in response.get_data(as_text=True)


def test_form_offers_the_bundled_example(client: FlaskClient, article: str) -> None:
    page = client.get("/").get_data(as_text=True)
    assert 'href="/?example=1"' in page
    filled = client.get("/?example=1").get_data(as_text=True)
    assert escape(article) in filled
    # The copy the app serves is the article the tests use: the example must not drift.
    with client.get("/static/examples/machine-translated-article.txt") as served:
        assert served.status_code == 200 and served.get_data(as_text=True) == article


@pytest.mark.parametrize("path", ["/", "/?example=1", "/healthz", "/static/form.js"])
def test_every_answer_forbids_inline_script(client: FlaskClient, path: str) -> None:
    with client.get(path) as response:
        headers = response.headers
    policy = {d.split()[0]: d.split()[1:] for d in headers["Content-Security-Policy"].split("; ")}
    assert policy["script-src"] == ["'self'"] and policy["style-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"] and policy["connect-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"] and policy["object-src"] == ["'none'"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"


def test_form_has_no_inline_script_or_handlers(client: FlaskClient, article: str) -> None:
    for page in (
        client.get("/").get_data(as_text=True),
        client.post("/", data={"text": article, "mode": "apply", "grammar": "on"}).get_data(as_text=True),
    ):
        scripts = re.findall(r"<script\b[^>]*>", page)
        assert scripts and all(re.search(r'\bsrc="/static/[^"]+"', tag) for tag in scripts)
        assert not re.search(r"<[^>]+\son[a-z]+\s*=", page)
        assert not re.search(r"<[^>]+\sstyle\s*=", page)
        assert "javascript:" not in page
        # Nothing is fetched from another origin: the service works on a closed network.
        assert not re.search(r'\s(?:src|href)="(?:https?:)?//(?!www\.wikidata\.org/)', page)
