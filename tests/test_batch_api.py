"""POST /v1/repair/batch, through HTTP: documents answered in order with their ids, each the
answer /v1/repair gives it or its own error in the API's error shape; the batch bounded in
count and in characters (refused whole when over); the answers validate against the models
the OpenAPI document is made from."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from app import create_app
from repair.schemas import BatchAnswer
from tests.conftest import ARTICLE_PEOPLE


@pytest.fixture
def small_batches() -> Iterator[FlaskClient]:
    app = create_app({"TESTING": True, "GAZETTEER_BASE": [str(ARTICLE_PEOPLE)], "GRAMMAR_ENGINE": "none",
                      "BATCH_MAX_DOCUMENTS": 3, "BATCH_MAX_CHARS": 50, "RELOAD_ON_SIGHUP": False})  # fmt: skip
    yield app.test_client()
    app.extensions["repair"].close()


def comparable(answer: dict[str, Any]) -> dict[str, Any]:
    answer = {key: value for key, value in answer.items() if key != "id"}
    answer["meta"] = {key: value for key, value in answer["meta"].items() if key != "timings_ms"}
    return answer


def test_documents_are_answered_in_order_with_their_ids(client: FlaskClient) -> None:
    documents = [
        {"id": "a", "text": "Prime Minister Donald Tus spoke."},
        {"id": 2, "text": "<p><b>Donald</b> Tus</p>", "format": "html", "offsets": "utf16"},
        {"id": "bad", "text": 42},
        {"id": "c", "text": "President Emanuel McCone.", "mode": "suggest", "language": "en-GB"},
        {"id": "lang", "text": "x", "language": "tlh"},
        {"text": "no id"},
        {"id": "z", "text": "Donald Tus", "unknown": "ignored"},
    ]
    response = client.post("/v1/repair/batch", json={"documents": documents})
    assert response.status_code == 200
    body = response.get_json()
    BatchAnswer.model_validate(body)
    results = body["results"]
    assert [r["id"] for r in results] == ["a", 2, "bad", "c", "lang", None, "z"]
    for document, result in zip(documents, results):
        single = client.post("/v1/repair", json={k: v for k, v in document.items() if k != "id"}).get_json()
        if "error" in single:
            assert result["error"] == single["error"]
        elif "id" in document:
            assert comparable(result) == comparable(single)
    assert results[0]["text"] == "Prime Minister Donald Tusk spoke."
    assert results[1]["text"] == "<p><b>Donald</b> Tusk</p>"
    assert results[2] == {"id": "bad", "error": {"code": "invalid_request", "message": results[2]["error"]["message"]}}
    assert results[4]["error"]["code"] == "unknown_language"
    assert results[5] == {"id": None, "error": {"code": "invalid_request", "message": "'id' is required"}}


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"documents": [{"id": i, "text": "x"} for i in range(4)]}, 400, "invalid_request"),
        ({"documents": [{"id": 1, "text": "x" * 30}, {"id": 2, "text": "y" * 30}]}, 413, "text_too_long"),
        ({"documents": []}, 400, "invalid_request"),
        ({"documents": "x"}, 400, "invalid_request"),
        ({}, 400, "invalid_request"),
        ([], 400, "invalid_request"),
    ],
)
def test_a_batch_over_its_bounds_is_refused_whole(small_batches: FlaskClient, body: Any, status: int, code: str) -> None:
    response = small_batches.post("/v1/repair/batch", json=body)
    assert response.status_code == status
    assert response.get_json() == {"error": {"code": code, "message": response.get_json()["error"]["message"]}}


def test_a_batch_within_its_bounds(small_batches: FlaskClient) -> None:
    documents = [{"id": i, "text": "Donald Tus"} for i in range(3)]
    results = small_batches.post("/v1/repair/batch", json={"documents": documents}).get_json()["results"]
    assert [r["text"] for r in results] == ["Donald Tusk"] * 3


def test_a_batch_body_over_its_byte_limit_is_refused_before_it_is_read(small_batches: FlaskClient) -> None:
    response = small_batches.post(
        "/v1/repair/batch", data=b'{"documents": [' + b" " * 2_000_000 + b"]}", content_type="application/json"
    )
    assert response.status_code == 413 and response.get_json()["error"]["code"] == "text_too_long"


def test_a_batch_must_be_json(client: FlaskClient) -> None:
    response = client.post("/v1/repair/batch", data="documents=1", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 415
    response = client.post("/v1/repair/batch", data="{not json", content_type="application/json")
    assert response.status_code == 400 and response.get_json()["error"]["code"] == "invalid_json"


def test_one_documents_failure_is_its_own(app: Flask) -> None:
    repairer = app.extensions["repair"]
    real = repairer.repair

    def flaky(text: str, *args: Any, **kwargs: Any) -> Any:
        if text == "boom":
            raise RuntimeError("secret internals")
        return real(text, *args, **kwargs)

    repairer.repair = flaky
    documents = [{"id": 1, "text": "boom"}, {"id": 2, "text": "Donald Tus"}]
    response = app.test_client().post("/v1/repair/batch", json={"documents": documents})
    results = response.get_json()["results"]
    assert results[0]["error"]["code"] == "internal_error" and "secret" not in response.get_data(as_text=True)
    assert results[1]["text"] == "Donald Tusk"
