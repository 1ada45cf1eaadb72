"""The gazetteer lookup API: ``GET /v1/gazetteer?q=&limit=`` ranks people with the matcher repair
uses (best first, at most ``limit``, each with a score and a reason), ``GET /v1/gazetteer/<id>``
shows one entry, every entry has the one documented shape, and bad input is the one JSON error
shape: 400 ``invalid_request`` for a missing q or a limit that is not a whole number 1..50, 404
``not_found`` for an unknown id."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient

from app import create_app
from tests.conftest import ARTICLE_PEOPLE

ENTRY_FIELDS = {
    "id", "name", "surname", "aliases", "surname_variants", "role", "country", "kind", "prominence",
    "roles", "wikidata", "wikidata_url",
}


def find(client: FlaskClient, **params: Any) -> Any:
    return client.get("/v1/gazetteer", query_string=params)


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("Makron", "Emmanuel Macron"),
        ("Donald Tus", "Donald Tusk"),
        ("Zelensky", "Volodymyr Zelenskyy"),
        ("sergey lavrov", "Sergei Lavrov"),
        ("Erdogan", "Recep Tayyip Erdoğan"),
    ],
)
def test_lookup_ranks_the_meant_person_first(client: FlaskClient, query: str, first: str) -> None:
    response = find(client, q=query)
    assert response.status_code == 200
    body = response.get_json()
    assert body["query"] == query
    assert body["candidates"][0]["entry"]["name"] == first
    scores = [c["score"] for c in body["candidates"]]
    assert scores == sorted(scores, reverse=True)
    assert all(0 < s <= 1 for s in scores)


def test_lookup_answers_in_the_documented_shape(client: FlaskClient) -> None:
    body = find(client, q="Makron").get_json()
    assert set(body) == {"query", "candidates", "gazetteer"}
    assert set(body["gazetteer"]) == {"version", "size"}
    assert body["gazetteer"] == client.get("/healthz").get_json()["gazetteer"]
    top = body["candidates"][0]
    assert set(top) == {"score", "reason", "entry"}
    assert top["score"] >= 0.85 and "Macron" in top["reason"]
    assert set(top["entry"]) == ENTRY_FIELDS


def test_an_exact_name_scores_one(client: FlaskClient) -> None:
    top = find(client, q="Donald Tusk").get_json()["candidates"][0]
    assert (top["entry"]["id"], top["score"]) == ("Q946", 1.0)


def test_limit_caps_the_candidates(tmp_path: Path) -> None:
    namesakes = tmp_path / "namesakes.csv"
    namesakes.write_text(
        "id,name,role,country\n"
        "local:anna-tusk,Anna Tusk,Mayor of Sopot,Poland\n"
        "local:piotr-tusk,Piotr Tusk,Senator,Poland\n",
        encoding="utf-8",
    )
    app = create_app(
        {"TESTING": True, "GAZETTEER_BASE": [str(ARTICLE_PEOPLE), str(namesakes)], "GRAMMAR_ENGINE": "none"}
    )
    client = app.test_client()
    every = find(client, q="Tusk", limit=50).get_json()["candidates"]
    assert {c["entry"]["name"] for c in every} >= {"Donald Tusk", "Anna Tusk", "Piotr Tusk"}
    assert find(client, q="Tusk").get_json()["candidates"] == every
    assert find(client, q="Tusk", limit=2).get_json()["candidates"] == every[:2]
    assert find(client, q="Tusk", limit=1).get_json()["candidates"] == every[:1]


def test_nobody_like_the_query_is_an_empty_list(client: FlaskClient) -> None:
    body = find(client, q="Qwxzyv").get_json()
    assert body["candidates"] == []


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": ""},
        {"q": "   "},
        {"q": "x" * 201},
        {"q": "Tusk", "limit": ""},
        {"q": "Tusk", "limit": "0"},
        {"q": "Tusk", "limit": "51"},
        {"q": "Tusk", "limit": "ten"},
        {"q": "Tusk", "limit": "2.5"},
        {"q": "Tusk", "limit": "-1"},
        {"q": "Tusk", "limit": "+5"},
    ],
)
def test_bad_query_or_limit_is_400(client: FlaskClient, params: dict[str, str]) -> None:
    response = find(client, **params)
    assert response.status_code == 400
    assert response.get_json() == {"error": {"code": "invalid_request", "message": response.get_json()["error"]["message"]}}
    assert ("'limit'" if "limit" in params else "'q'") in response.get_json()["error"]["message"]


def test_entry_by_id(client: FlaskClient) -> None:
    response = client.get("/v1/gazetteer/Q3052772")
    assert response.status_code == 200
    assert response.get_json() == {
        "entry": {
            "id": "Q3052772",
            "name": "Emmanuel Macron",
            "surname": "Macron",
            "aliases": [],
            "surname_variants": [],
            "role": "President of France",
            "country": "France",
            "kind": "official",
            "prominence": 1.0,
            "roles": [],
            "wikidata": "Q3052772",
            "wikidata_url": "https://www.wikidata.org/wiki/Q3052772",
        }
    }


def test_entry_lists_its_variants(client: FlaskClient) -> None:
    entry = client.get("/v1/gazetteer/Q3874799").get_json()["entry"]
    assert entry["aliases"] == ["Volodymyr Zelensky", "Volodymyr Zelenskiy"]
    assert entry["surname_variants"] == ["Zelensky", "Zelenskiy"]


def test_local_entry_has_no_wikidata(client: FlaskClient) -> None:
    entry = client.get("/v1/gazetteer/local:felicia-schwartz").get_json()["entry"]
    assert (entry["wikidata"], entry["wikidata_url"], entry["kind"]) == (None, None, "journalist")


def test_unknown_id_is_404_naming_it(client: FlaskClient) -> None:
    response = client.get("/v1/gazetteer/Q999999999")
    assert response.status_code == 404
    error = response.get_json()["error"]
    assert error["code"] == "not_found" and "Q999999999" in error["message"]
