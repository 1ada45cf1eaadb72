"""The LanguageTool-compatible API: /v2/check and /v2/languages, through HTTP.

- language-tool-python's own client, pointed at the running service on a loopback port, gets
  correct matches from /v2/check, offsets included, on the example text with emoji before the
  names: name fixes as OFFICIAL_NAME matches beside Harper's.
- The answer has the shape of the real LanguageTool answers recorded in
  tests/data/languagetool/ (a copy of ../shared/data/languagetool-responses/): the same keys at
  every level, values of the same types, offsets and lengths in UTF-16 units, and LanguageTool's
  own context and sentence for the same span.
- With a LanguageTool server configured (a replay of the recorded answers), its matches are
  passed through as it gave them, beside the name fixes.
- Rule and category filters apply to name and grammar matches alike; ``auto`` detects the
  language; annotated text (``data``) is checked without its markup, offsets counting it.
"""

from __future__ import annotations

import json
import threading
import unicodedata
from collections.abc import Iterator
from typing import Any

import language_tool_python
import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.serving import make_server

from app import create_app
from repair.schemas import CheckAnswer, LanguageOut
from tests.conftest import ARTICLE_PEOPLE, DATA
from tests.languagetool_replay import LanguageToolReplay, load_recordings

RECORDINGS = load_recordings()
EMOJI = RECORDINGS["emoji-offsets-en-US"]
EMOJI_TEXT: str = EMOJI["request"]["text"]


def make_app(**config: Any) -> Flask:
    base = {"TESTING": True, "GAZETTEER_BASE": [str(ARTICLE_PEOPLE)], "GRAMMAR_ENGINE": "harper",
            "RELOAD_ON_SIGHUP": False}  # fmt: skip
    return create_app({**base, **config})


@pytest.fixture(scope="module")
def harper_app() -> Iterator[Flask]:
    app = make_app()
    yield app
    app.extensions["repair"].close()


@pytest.fixture(scope="module")
def server(harper_app: Flask) -> Iterator[str]:
    """The service on a free loopback port."""
    http = make_server("127.0.0.1", 0, harper_app, threaded=True)
    thread = threading.Thread(target=http.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{http.server_port}"
    http.shutdown()
    thread.join(timeout=10)


def check(client: FlaskClient, status: int = 200, **fields: str) -> Any:
    response = client.post("/v2/check", data=fields)
    assert response.status_code == status, response.get_data(as_text=True)
    return response.get_json()


def utf16(text: str, offset: int, length: int) -> str:
    return text.encode("utf-16-le")[2 * offset : 2 * (offset + length)].decode("utf-16-le")


def test_language_tool_python_gets_names_and_grammar(server: str) -> None:
    with language_tool_python.LanguageTool("en-US", remote_server=server) as tool:
        matches = tool.check(EMOJI_TEXT)
    found = {(m.rule_id, EMOJI_TEXT[m.offset : m.offset + m.error_length]): m for m in matches}
    macron = found["OFFICIAL_NAME", "Emanuel McCone"]
    assert macron.replacements == ["Emmanuel Macron"]
    assert macron.category == "OFFICIAL_NAMES" and macron.rule_issue_type == "misspelling"
    assert "Emmanuel Macron" in macron.message and "President of France" in macron.message
    assert "'McCone' sounds like 'Macron'" in macron.message
    tusk = found["OFFICIAL_NAME", "Donald Tus"]
    assert tusk.replacements == ["Donald Tusk"] and "Prime Minister of Poland" in tusk.message
    # Harper's matches come beside them, at the right places after the emoji.
    assert ("RepeatedWords", "the the") in found
    assert ("SpellCheck", "monday") in found
    # The client's correct() applies the first replacements: offsets are right.
    corrected = language_tool_python.utils.correct(EMOJI_TEXT, matches)
    assert "Emmanuel Macron met Donald Tusk in Paris 🇫🇷" in corrected
    # The names themselves are no spelling mistakes.
    assert not [m for m in matches if m.rule_id != "OFFICIAL_NAME" and EMOJI_TEXT[m.offset:].startswith(("McCone", "Tus "))]


def test_language_tool_python_sees_the_service_languages(server: str) -> None:
    with language_tool_python.LanguageTool("en-GB", remote_server=server) as tool:
        assert str(tool.language) == "en-GB"
        matches = tool.check("Prime Minister Donald Tus spoke.")
    assert [(m.rule_id, m.replacements) for m in matches] == [("OFFICIAL_NAME", ["Donald Tusk"])]


def _shape(value: Any) -> Any:
    """The JSON shape of a value: dicts' keys, lists' item shapes, scalars' types."""
    if isinstance(value, dict):
        return {key: _shape(item) for key, item in value.items()}
    if isinstance(value, list):
        shapes = {json.dumps(_shape(item), sort_keys=True) for item in value}
        return [json.loads(s) for s in sorted(shapes)]
    return "number" if isinstance(value, (int, float)) and not isinstance(value, bool) else type(value).__name__


def _match_shapes(answer: dict[str, Any]) -> set[str]:
    shapes = set()
    for match in answer["matches"]:
        shaped = _shape(match)
        shaped["rule"].pop("urls", None)  # LanguageTool gives links for some rules only
        shaped["replacements"] = ["value"] if match["replacements"] else []
        shapes.add(json.dumps(shaped, sort_keys=True))
    return shapes


@pytest.mark.parametrize("name", sorted(RECORDINGS))
def test_the_answer_has_languagetools_shape(harper_app: Flask, name: str) -> None:
    recorded = RECORDINGS[name]
    answer = check(harper_app.test_client(), **recorded["request"])
    CheckAnswer.model_validate(answer)
    real = recorded["response"]
    assert list(answer) == [key for key in real if key in answer] and set(answer) == set(real)  # order too
    for match in answer["matches"]:
        assert list(match) == [key for key in EMOJI["response"]["matches"][0] if key in match]
    for part in ("software", "warnings", "language"):
        assert _shape(answer[part]) == _shape(real[part]), part
    assert answer["language"]["code"] == real["language"]["code"]
    assert answer["sentenceRanges"] == real["sentenceRanges"]
    assert _match_shapes(answer) <= _match_shapes(real) | {
        json.dumps({**json.loads(s), "replacements": []}, sort_keys=True) for s in _match_shapes(real)
    }
    text = recorded["request"]["text"]
    for match in answer["matches"]:
        span = utf16(text, match["offset"], match["length"])
        shown = match["context"]
        assert utf16(shown["text"], shown["offset"], shown["length"]) == span.replace("\n", " ")
        assert span in match["sentence"]


def test_offsets_context_and_sentence_are_languagetools(harper_app: Flask) -> None:
    answer = check(harper_app.test_client(), text=EMOJI_TEXT, language="en-US")
    real = {(m["offset"], m["length"]): m for m in EMOJI["response"]["matches"]}
    ours = {(m["offset"], m["length"]): m for m in answer["matches"]}
    # "the the": the same span, context and sentence as LanguageTool's, in UTF-16 units.
    repeat = ours[20, 7]
    assert utf16(EMOJI_TEXT, 20, 7) == "the the"
    assert repeat["context"] == real[20, 7]["context"]
    assert repeat["sentence"] == real[20, 7]["sentence"]
    # The names start where LanguageTool's spelling matches of them are (McCone at 42 units).
    names = {utf16(EMOJI_TEXT, m["offset"], m["length"]): m for m in answer["matches"] if m["rule"]["id"] == "OFFICIAL_NAME"}
    assert names["Emanuel McCone"]["offset"] + len("Emanuel ") == 42 and (42, 6) in real
    assert names["Donald Tus"]["offset"] + len("Donald ") == 60 and (60, 3) in real
    assert names["Donald Tus"]["sentence"] == real[60, 3]["sentence"]


@pytest.fixture
def replayed() -> Iterator[FlaskClient]:
    with LanguageToolReplay() as replay:
        app = make_app(GRAMMAR_ENGINE="languagetool", LANGUAGETOOL_URL=replay.url, GRAMMAR_TIMEOUT=5.0)
        yield app.test_client()
        app.extensions["repair"].close()


@pytest.mark.parametrize("name", ["emoji-offsets-en-US", "article-en-US", "short-errors-en-US"])
def test_a_languagetool_servers_matches_are_passed_through(replayed: FlaskClient, name: str) -> None:
    recorded = RECORDINGS[name]
    answer = check(replayed, **recorded["request"])
    surnames = {entry.surname for entry in replayed.application.extensions["repair"].index.entries.values()}
    names = [(m["offset"], m["offset"] + m["length"]) for m in answer["matches"] if m["rule"]["id"] == "OFFICIAL_NAME"]
    passed = {(m["offset"], m["length"], m["rule"]["id"]): m for m in answer["matches"] if m["rule"]["id"] != "OFFICIAL_NAME"}
    for real in recorded["response"]["matches"]:
        on_a_name = any(a < real["offset"] + real["length"] and real["offset"] < b for a, b in names)
        key = (real["offset"], real["length"], real["rule"]["id"])
        if key not in passed and not on_a_name:
            # A spelling match of a name the gazetteer knows is dropped ("Peskov").
            assert real["rule"]["issueType"] == "misspelling"
            assert utf16(recorded["request"]["text"], real["offset"], real["length"]) in surnames
            continue
        if on_a_name:
            assert key not in passed  # the name fix replaces the spelling match
            continue
        ours = passed[key]
        rule = {k: v for k, v in real["rule"].items() if k != "urls"}
        assert ours["rule"] == rule
        for field in ("shortMessage", "replacements", "context"):
            assert ours[field] == real[field], field
        # The client library gives messages NFKC-normalised (a no-break space as a space), and
        # LanguageTool writes sentences with straight apostrophes; both as the text has them here.
        assert ours["message"] == unicodedata.normalize("NFKC", real["message"])
        assert ours["sentence"].replace("\u2019", "'") == real["sentence"].replace("\u2019", "'")


def test_languagetool_parameters_are_passed_to_the_server() -> None:
    recorded = RECORDINGS["disabled-spelling-en-US"]
    with LanguageToolReplay() as replay:
        app = make_app(GRAMMAR_ENGINE="languagetool", LANGUAGETOOL_URL=replay.url, GRAMMAR_TIMEOUT=5.0)
        client = app.test_client()
        # The replay answers this text only when asked with disabledRules, as it was recorded.
        answer = check(client, **recorded["request"], level="picky", motherTongue="de-DE",
                       disabledCategories="OFFICIAL_NAMES")  # fmt: skip
        assert answer["warnings"]["incompleteResults"] is False
        ids = [m["rule"]["id"] for m in answer["matches"]]
        assert ids == [m["rule"]["id"] for m in recorded["response"]["matches"]] and "OFFICIAL_NAME" not in ids
        [(_method, _path, sent)] = [r for r in replay.requests if r[1].startswith("/v2/check")]
        assert sent["disabledRules"] == "MORFOLOGIK_RULE_EN_US"
        assert (sent["level"], sent["motherTongue"]) == ("picky", "de-DE")
        assert "disabledCategories" not in sent  # this service's own category is no business of the server's
        # Only the name rule wanted: the server is not asked at all.
        asked = len(replay.requests)
        names = check(client, text="Donald Tus spoke.", language="en-US", enabledRules="OFFICIAL_NAME", enabledOnly="true")
        assert [m["rule"]["id"] for m in names["matches"]] == ["OFFICIAL_NAME"]
        assert len(replay.requests) == asked
        app.extensions["repair"].close()


@pytest.mark.parametrize(
    ("fields", "rules"),
    [
        ({"disabledRules": "OFFICIAL_NAME"}, {"RepeatedWords", "SpellCheck", "Spaces"}),
        ({"disabledCategories": "OFFICIAL_NAMES,TYPOS"}, {"RepeatedWords", "Spaces"}),
        ({"enabledRules": "OFFICIAL_NAME", "enabledOnly": "true"}, {"OFFICIAL_NAME"}),
        ({"enabledCategories": "TYPOS", "enabledOnly": "true"}, {"SpellCheck"}),
        ({"enabledRules": "SpellCheck", "disabledCategories": "TYPOS"}, {"OFFICIAL_NAME", "RepeatedWords", "SpellCheck", "Spaces"}),
    ],
)
def test_rule_and_category_filters_apply_to_names_and_grammar(
    harper_app: Flask, fields: dict[str, str], rules: set[str]
) -> None:
    answer = check(harper_app.test_client(), text=EMOJI_TEXT, language="en-US", **fields)
    assert {m["rule"]["id"] for m in answer["matches"]} == rules


def test_auto_detects_the_language(harper_app: Flask) -> None:
    client = harper_app.test_client()
    answer = check(client, text=EMOJI_TEXT, language="auto")
    assert answer["language"]["code"] == "en-US"
    assert answer["language"]["detectedLanguage"]["code"] == "en-US"
    assert "OFFICIAL_NAME" in {m["rule"]["id"] for m in answer["matches"]}
    british = check(client, text=EMOJI_TEXT, language="auto", preferredVariants="en-GB,de-AT")
    assert british["language"]["code"] == "en-GB"
    german = check(client, text="Der Präsident und die Regierung sind nicht in der Stadt, sagte Donald Tus.", language="auto")
    assert german["language"]["code"] == "de-DE"
    assert [m["replacements"] for m in german["matches"] if m["rule"]["id"] == "OFFICIAL_NAME"] == [[{"value": "Donald Tusk"}]]


def test_annotated_text_is_checked_without_its_markup(harper_app: Flask) -> None:
    annotation = [
        {"markup": "<p>"},
        {"text": "🎉 Prime Minister "},
        {"markup": "<b>"},
        {"text": "Donald"},
        {"markup": "</b>"},
        {"text": " Tus spoke."},
        {"markup": "<br/>", "interpretAs": "\n\n"},
        {"text": "This is an test."},
        {"markup": "</p>"},
    ]
    original = "".join(part.get("text", part.get("markup", "")) for part in annotation)
    answer = check(harper_app.test_client(), data=json.dumps({"annotation": annotation}), language="en-US")
    spans = {m["rule"]["id"]: utf16(original, m["offset"], m["length"]) for m in answer["matches"]}
    assert spans["OFFICIAL_NAME"] == "Donald</b> Tus"
    assert spans["AnA"] == "an"


@pytest.mark.parametrize(
    ("fields", "status", "code"),
    [
        ({"language": "en-US"}, 400, "invalid_request"),
        ({"text": "x"}, 400, "invalid_request"),
        ({"text": "x", "language": "tlh"}, 400, "unknown_language"),
        ({"text": "x", "data": "{}", "language": "en-US"}, 400, "invalid_request"),
        ({"data": "not json", "language": "en-US"}, 400, "invalid_request"),
        ({"data": '{"annotation": [{"other": 1}]}', "language": "en-US"}, 400, "invalid_request"),
        ({"text": "x", "language": "en-US", "enabledOnly": "true"}, 400, "invalid_request"),
        ({"text": "x", "language": "en-US", "level": "pedantic"}, 400, "invalid_request"),
        ({"text": "x" * 100_001, "language": "en-US"}, 413, "text_too_long"),
    ],
)
def test_bad_checks_get_the_error_shape(harper_app: Flask, fields: dict[str, str], status: int, code: str) -> None:
    body = check(harper_app.test_client(), status=status, **fields)
    assert body == {"error": {"code": code, "message": body["error"]["message"]}}


def test_a_check_must_be_a_form(harper_app: Flask) -> None:
    response = harper_app.test_client().post("/v2/check", json={"text": "x", "language": "en-US"})
    assert response.status_code == 415 and response.get_json()["error"]["code"] == "unsupported_media_type"


def test_languages_are_languagetools(harper_app: Flask) -> None:
    listed = harper_app.test_client().get("/v2/languages").get_json()
    assert listed == json.loads((DATA / "languagetool" / "languages.json").read_text(encoding="utf-8"))
    for entry in listed:
        LanguageOut.model_validate(entry)
