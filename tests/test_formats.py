"""The CMS's own text on /v1/repair, through HTTP.

- ``"format": "html"``: names are repaired in text nodes only, also when inline tags cut them;
  tags, attributes, comments, scripts, styles and entities come back byte for byte; every
  offset refers to the HTML string; grammar is read in the text and mapped back; applying
  ``diff.ops`` to the input gives ``text``. Plain text stays the default.
- ``"offsets": "utf16"``: every offset counts UTF-16 units, in the input for corrections and
  the ops' ``start``/``end``, in the output for suggestions and ``out_start``/``out_end``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from app import create_app
from repair.diff import apply_ops
from repair.models import DiffOp
from tests.conftest import ARTICLE_PEOPLE

PAGE = (
    '<!DOCTYPE html><html><head><title>Talks</title><style>p { color: red; } /* Donald Tus */</style></head>'
    '<body><p class="lead" data-who="Donald Tus">Prime Minister of Poland <b>Donald</b> Tus met '
    '<a href="/people/macron" title="Emanuel McCone">French President <i>Emanuel McCone</i></a>.</p>\n'
    "<!-- Emanuel McCone, to check --><p>Caf&eacute; &amp; croissants &#8212; this is an test.</p>"
    '<script>var who = "Donald Tus";</script></body></html>'
)


@pytest.fixture
def harper_app() -> Iterator[Flask]:
    app = create_app({"TESTING": True, "GAZETTEER_BASE": [str(ARTICLE_PEOPLE)], "GRAMMAR_ENGINE": "harper"})
    yield app
    app.extensions["repair"].close()


def repair(client: FlaskClient, **body: Any) -> dict[str, Any]:
    response = client.post("/v1/repair", json=body)
    assert response.status_code == 200, response.get_data(as_text=True)
    answer: dict[str, Any] = response.get_json()
    return answer


def ops(answer: dict[str, Any]) -> list[DiffOp]:
    return [DiffOp(**op) for op in answer["diff"]["ops"]]


def markup(html: str) -> list[str]:
    """Everything of a page that is not text: tags, comments, scripts, styles, entities. (A "<"
    not followed by a letter or "/" and one opens no tag in HTML: "< met" is text.)"""
    return re.findall(r"<script.*?</script>|<style.*?</style>|<!--.*?-->|</?[A-Za-z][^>]*>|&[#\w]+;", html, re.S)


def test_html_names_are_repaired_in_text_nodes_only(harper_app: Flask) -> None:
    answer = repair(harper_app.test_client(), text=PAGE, format="html")
    out = answer["text"]
    assert "<b>Donald</b> Tusk met" in out
    assert "President <i>Emmanuel Macron</i></a>" in out
    # Attributes, comments, scripts and styles keep the names as they were written.
    for kept in ('data-who="Donald Tus"', 'title="Emanuel McCone"', "<!-- Emanuel McCone, to check -->",
                 'var who = "Donald Tus";', "/* Donald Tus */"):
        assert kept in out
    assert markup(out) == markup(PAGE)
    assert apply_ops(PAGE, ops(answer)) == out
    assert answer["meta"]["format"] == "html"


def test_html_offsets_refer_to_the_html(harper_app: Flask) -> None:
    answer = repair(harper_app.test_client(), text=PAGE, format="html")
    fixes = {c["replacement"]: c for c in answer["corrections"]}
    tusk = fixes["Donald Tusk"]
    assert PAGE[tusk["start"] : tusk["end"]] == tusk["original"] == "Donald</b> Tus"
    macron = fixes["Emmanuel Macron"]
    assert PAGE[macron["start"] : macron["end"]] == "Emanuel McCone"
    # Grammar is read in the text and reported where it is in the repaired HTML.
    [article] = [s for s in answer["suggestions"] if s["rule"]["id"] == "AnA"]
    assert answer["text"][article["start"] : article["end"]] == "an"
    assert "this is a test.</p>" in answer["suggested_text"]
    assert markup(answer["suggested_text"]) == markup(PAGE)


def test_a_name_cut_inside_a_word_by_tags_keeps_the_tags(client: FlaskClient) -> None:
    page = "<p>French President Emanuel Mc<b>Co</b>ne spoke.</p>"
    answer = repair(client, text=page, format="html", grammar=False)
    assert markup(answer["text"]) == markup(page)
    assert re.sub(r"<[^>]*>", "", answer["text"]) == "French President Emmanuel Macron spoke."


def test_a_fix_that_would_rewrite_an_entity_is_listed_not_applied(client: FlaskClient) -> None:
    page = "<p>French President Emanuel McCon&#101; spoke.</p>"
    answer = repair(client, text=page, format="html", grammar=False)
    [fix] = answer["corrections"]
    assert fix["replacement"] == "Emmanuel Macron" and fix["applied"] is False
    assert "entity" in fix["reason"]
    assert answer["text"] == page


def test_an_entity_beside_a_fix_is_kept(client: FlaskClient) -> None:
    page = "<p>Prime Minister of Poland Donald T&#117;s spoke.</p>"
    answer = repair(client, text=page, format="html", grammar=False)
    assert answer["text"] == "<p>Prime Minister of Poland Donald T&#117;sk spoke.</p>"


def test_blocks_do_not_join_names(client: FlaskClient) -> None:
    page = "<ul><li>Donald</li><li>Tus</li></ul>"
    answer = repair(client, text=page, format="html", grammar=False)
    assert answer["text"] == page


def test_plain_text_stays_the_default(client: FlaskClient) -> None:
    text = "<b>Donald</b> Tus &amp; co"
    answer = repair(client, text=text, grammar=False)
    assert answer["meta"]["format"] == "text" and answer["meta"]["offsets"] == "codepoints"
    assert answer["text"] == text  # as plain text, "<b>Donald</b> Tus" is no name


@given(
    st.lists(
        st.sampled_from(["Donald Tus", " met ", "<b>", "</b>", "<i>Emanuel</i> McCone", "&amp;", "<br>", "<!-- x -->",
                         "\U0001F600", "a\r\nb", "<p>", "</p>", "é", "<script>Tus</script>", "&#233;", "<", "&", ">"]),
        max_size=12,
    )
)
@example(parts=["<", " met ", "Donald Tus", "<b>"])  # a "<" that opens no tag, before a fix
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_html_answers_keep_their_invariants(client: FlaskClient, parts: list[str]) -> None:
    page = "".join(parts)
    for offsets in ("codepoints", "utf16"):
        answer = repair(client, text=page, format="html", offsets=offsets, grammar=False)
        assert markup(answer["text"]) == markup(page)
        if offsets == "codepoints":
            assert apply_ops(page, ops(answer)) == answer["text"]
            for fix in answer["corrections"]:
                assert page[fix["start"] : fix["end"]] == fix["original"]


EMOJI_TEXT = "Great news 😀🎉 for the team. Emanuel McCone met Donald Tus in Paris 🇫🇷 on Monday. This is an test."


def utf16_slice(text: str, start: int, end: int) -> str:
    """``text[start:end]`` in UTF-16 units, decoded without repair/'s help."""
    return text.encode("utf-16-le")[2 * start : 2 * end].decode("utf-16-le")


def test_utf16_offsets_count_as_javascript_does(harper_app: Flask) -> None:
    client = harper_app.test_client()
    answer = repair(client, text=EMOJI_TEXT, offsets="utf16")
    points = repair(client, text=EMOJI_TEXT)
    assert answer["meta"]["offsets"] == "utf16"
    assert answer["text"] == points["text"]
    for fix, same in zip(answer["corrections"], points["corrections"], strict=True):
        assert utf16_slice(EMOJI_TEXT, fix["start"], fix["end"]) == fix["original"]
        assert fix["start"] == same["start"] + 2  # two emoji before it, two units each
    for s in answer["suggestions"]:
        assert utf16_slice(answer["text"], s["start"], s["end"]) in ("an",)
    assert answer["suggestions"]
    for op in answer["diff"]["ops"]:
        assert utf16_slice(EMOJI_TEXT, op["start"], op["end"]) == op["old"]
        assert utf16_slice(answer["text"], op["out_start"], op["out_end"]) == op["new"]


def test_utf16_offsets_in_html(client: FlaskClient) -> None:
    page = "<p>🎉 <b>Donald</b> Tus 🇫🇷</p>"
    answer = repair(client, text=page, format="html", offsets="utf16", grammar=False)
    [fix] = answer["corrections"]
    assert utf16_slice(page, fix["start"], fix["end"]) == "Donald</b> Tus"


@pytest.mark.parametrize(
    "body",
    [{"text": "x", "format": "pdf"}, {"text": "x", "offsets": "bytes"}, {"text": "x", "format": True}],
)
def test_unknown_format_or_offsets_are_refused(client: FlaskClient, body: dict[str, Any]) -> None:
    response = client.post("/v1/repair", json=body)
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "invalid_request"
