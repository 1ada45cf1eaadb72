"""The stages together, through the HTTP API: grammar suggestions sit on the returned text,
never overlap a name fix, never call a gazetteer name a misspelling, and an engine that fails
leaves the name repair standing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from app import create_app
from repair.diff import map_span
from repair.models import DiffOp
from tests.conftest import ARTICLE_PEOPLE, DATA
from tests.languagetool_replay import LanguageToolReplay


def make_app(**config: Any) -> Flask:
    return create_app({"TESTING": True, "GAZETTEER_BASE": [str(ARTICLE_PEOPLE)], **config})


@pytest.fixture(scope="module")
def harper_client() -> Iterator[FlaskClient]:
    app = make_app(GRAMMAR_ENGINE="harper")
    yield app.test_client()
    app.extensions["repair"].close()


@pytest.fixture(scope="module")
def replay() -> Iterator[LanguageToolReplay]:
    with LanguageToolReplay() as server:
        yield server


@pytest.fixture(scope="module")
def languagetool_client(replay: LanguageToolReplay) -> Iterator[FlaskClient]:
    app = make_app(GRAMMAR_ENGINE="languagetool", LANGUAGETOOL_URL=replay.url, GRAMMAR_TIMEOUT=5)
    yield app.test_client()
    app.extensions["repair"].close()


def assert_grammar_consistent(body: dict[str, Any], request_text: str) -> None:
    """Suggestions index the returned text and stay clear of every name fix."""
    ops = [DiffOp(**op) for op in body["diff"]["ops"]]
    name_spans = [map_span(ops, c["start"], c["end"]) for c in body["corrections"]]
    for suggestion in body["suggestions"]:
        assert 0 <= suggestion["start"] <= suggestion["end"] <= len(body["text"])
        for start, end in name_spans:
            assert not (suggestion["start"] < end and suggestion["end"] > start), suggestion
    assert set(body["suggestions"][0]) == {"start", "end", "message", "replacements", "rule", "engine"}


def test_harper_on_the_article(harper_client: FlaskClient, article: str) -> None:
    body = harper_client.post("/v1/repair", json={"text": article}).get_json()
    assert body["meta"]["grammar"] == {"engine": "harper", "status": "ok", "reason": ""}
    assert body["suggestions"], "Harper finds things to say about this article"
    assert_grammar_consistent(body, article)
    flagged = {body["text"][s["start"] : s["end"]] for s in body["suggestions"]}
    for name in ("Lavrov", "Peskov", "Dmitry", "Kellogg", "Abboud", "Leila", "Stubb", "Rubio", "Macron"):
        assert name not in flagged


def test_suggested_text_applies_first_replacements(harper_client: FlaskClient) -> None:
    text = "Donald Tus said the the plan is good."
    body = harper_client.post("/v1/repair", json={"text": text}).get_json()
    assert body["text"] == "Donald Tusk said the the plan is good."
    assert "the the" not in body["suggested_text"]
    expected, cursor = "", 0
    for s in sorted(body["suggestions"], key=lambda s: s["start"]):
        if s["replacements"] and s["start"] >= cursor:
            expected += body["text"][cursor : s["start"]] + s["replacements"][0]
            cursor = s["end"]
    assert body["suggested_text"] == expected + body["text"][cursor:]


def test_grammar_can_be_turned_off_per_request(harper_client: FlaskClient) -> None:
    body = harper_client.post("/v1/repair", json={"text": "the the", "grammar": False}).get_json()
    assert body["suggestions"] == [] and body["suggested_text"] == "the the"
    assert body["meta"]["grammar"]["status"] == "disabled"


def test_harper_checks_english_only(harper_client: FlaskClient) -> None:
    response = harper_client.post("/v1/repair", json={"text": "Donald Tus ist da.", "language": "de-DE"})
    assert response.status_code == 200
    body = response.get_json()
    assert body["text"] == "Donald Tusk ist da."
    assert body["meta"]["grammar"]["status"] == "unavailable"
    assert "English" in body["meta"]["grammar"]["reason"]


def test_languagetool_on_the_recorded_article(languagetool_client: FlaskClient, article: str) -> None:
    # In suggest mode the text sent to LanguageTool is the input, whose answer is recorded.
    body = languagetool_client.post("/v1/repair", json={"text": article, "mode": "suggest"}).get_json()
    assert body["meta"]["grammar"] == {"engine": "languagetool", "status": "ok", "reason": ""}
    assert_grammar_consistent(body, article)
    recorded = json.loads((DATA / "languagetool" / "article-en-US.json").read_text())["response"]["matches"]
    assert 0 < len(body["suggestions"]) < len(recorded)
    flagged = {article[s["start"] : s["end"]] for s in body["suggestions"]}
    for name in ("McCone", "Tus", "Kellog", "Peskov", "Lavrov", "Stubber", "RUBION", "Abbubud"):
        assert name not in flagged
    assert {s["engine"] for s in body["suggestions"]} == {"languagetool"}


def test_languagetool_offsets_after_emoji(languagetool_client: FlaskClient) -> None:
    recording = json.loads((DATA / "languagetool" / "emoji-offsets-en-US.json").read_text())
    text = recording["request"]["text"]
    body = languagetool_client.post("/v1/repair", json={"text": text, "mode": "suggest"}).get_json()
    assert body["meta"]["grammar"]["status"] == "ok"
    repeat = [s for s in body["suggestions"] if s["rule"]["id"] == "ENGLISH_WORD_REPEAT_RULE"]
    assert [text[s["start"] : s["end"]] for s in repeat] == ["the the"]
    assert {c["original"] for c in body["corrections"]} >= {"Emanuel McCone", "Donald Tus"}


def test_unreachable_languagetool_leaves_names_repaired() -> None:
    app = make_app(GRAMMAR_ENGINE="languagetool", LANGUAGETOOL_URL="http://127.0.0.1:9/", GRAMMAR_TIMEOUT=5)
    response = app.test_client().post("/v1/repair", json={"text": "Donald Tus spoke."})
    assert response.status_code == 200
    body = response.get_json()
    assert body["text"] == "Donald Tusk spoke."
    assert body["meta"]["grammar"]["status"] == "unavailable"
    assert "127.0.0.1:9" in body["meta"]["grammar"]["reason"]


def test_slow_languagetool_times_out() -> None:
    with LanguageToolReplay(delay=5) as slow:
        app = make_app(GRAMMAR_ENGINE="languagetool", LANGUAGETOOL_URL=slow.url, GRAMMAR_TIMEOUT=0.5)
        body = app.test_client().post("/v1/repair", json={"text": "Donald Tus spoke."}).get_json()
    assert body["text"] == "Donald Tusk spoke."
    assert body["meta"]["grammar"] == {"engine": "languagetool", "status": "unavailable", "reason": "timed out after 0.5 s"}
