"""Bad input through the HTTP API, on the shipped gazetteer and Harper, as the service runs.

The contract, row by row: every request is answered, in JSON, with the right status; an
error has the one error shape and no trace; a text that is repaired keeps everything outside
the reported fixes (CRLF, tabs, NUL, invisible characters), ``diff.ops`` replays to ``text``,
and whatever is shown as HTML is escaped. The texts that used to kill a worker or run for
tens of seconds (issue 10) are answered within the deadline; the bound here is generous (no
timing is asserted beyond "it did not hang").
"""

from __future__ import annotations

import io
import json
import time
import unicodedata
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import EnvironBuilder, run_wsgi_app

from app import create_app
from repair.diff import apply_ops
from repair.models import DiffOp

# Far above the deadline (10 s): a request slower than this has hung.
NO_HANG = 60.0


@pytest.fixture(scope="module")
def app() -> Iterator[Flask]:
    """The app as `make run` serves it: shipped gazetteer, Harper."""
    app = create_app({"TESTING": True, "GRAMMAR_ENGINE": "harper"})
    yield app
    app.extensions["repair"].close()


@pytest.fixture(scope="module")
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def surnames(app: Flask, count: int) -> list[str]:
    """Surnames of well-known people in the gazetteer, for a text that names thousands."""
    entries = sorted(app.extensions["repair"].index.entries.values(), key=lambda e: (-e.prominence, e.id))
    found: dict[str, None] = {}
    for entry in entries:
        if entry.surname.isalpha() and len(entry.surname) >= 5:
            found.setdefault(entry.surname, None)
    return list(found)[:count]


def assert_error(response: Any, status: int, code: str) -> None:
    assert response.status_code == status, response.get_data(as_text=True)[:300]
    assert response.is_json
    body = response.get_json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] == code and body["error"]["message"]
    assert "Traceback" not in response.get_data(as_text=True)


def assert_repaired(text: str, body: dict[str, Any]) -> None:
    """The answer keeps the input outside its fixes, and its ops replay to its text."""
    ops = [DiffOp(**op) for op in body["diff"]["ops"]]
    assert apply_ops(text, ops) == body["text"]
    cursor = out = 0
    for op in ops:
        assert text[cursor : op.start] == body["text"][out : op.out_start]
        assert text[op.start : op.end] == op.old
        cursor, out = op.end, op.out_end
    assert text[cursor:] == body["text"][out:]
    for correction in body["corrections"]:
        assert 0 <= correction["start"] < correction["end"] <= len(text)
        assert text[correction["start"] : correction["end"]] == correction["original"]
    assert body["meta"]["names"]["status"] in ("ok", "partial")


# --- requests that are refused ------------------------------------------------------------------

REFUSED: list[tuple[str, dict[str, Any], int, str]] = [
    ("invalid JSON", {"data": b"{not json", "content_type": "application/json"}, 400, "invalid_json"),
    ("invalid UTF-8", {"data": b'{"text": "Donald Tus \xff\xfe"}', "content_type": "application/json"}, 400, "invalid_json"),
    ("JSON nested 100,000 deep", {"data": b'{"text": "x", "a": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", "content_type": "application/json"}, 400, "invalid_json"),
    ("a list", {"json": ["Donald Tus"]}, 400, "invalid_request"),
    ("null", {"data": b"null", "content_type": "application/json"}, 400, "invalid_request"),
    ("no text", {"json": {"language": "en-US"}}, 400, "invalid_request"),
    ("text a number", {"json": {"text": 42}}, 400, "invalid_request"),
    ("text a list", {"json": {"text": ["Donald Tus"]}}, 400, "invalid_request"),
    ("grammar a string", {"json": {"text": "x", "grammar": "no"}}, 400, "invalid_request"),
    ("grammar a number", {"json": {"text": "x", "grammar": 0}}, 400, "invalid_request"),
    ("mode unknown", {"json": {"text": "x", "mode": "rewrite"}}, 400, "invalid_request"),
    ("language a number", {"json": {"text": "x", "language": 7}}, 400, "invalid_request"),
    ("language unknown", {"json": {"text": "x", "language": "xx-YY"}}, 400, "unknown_language"),
    ("a lone surrogate", {"data": b'{"text": "Donald Tus \\ud83d spoke"}', "content_type": "application/json"}, 400, "invalid_request"),
    ("text too long", {"json": {"text": "a " * 50_001}}, 413, "text_too_long"),
    ("body too long", {"data": b'{"text": "' + b"a" * 1_300_000 + b'"}', "content_type": "application/json"}, 413, "text_too_long"),
    ("not JSON", {"data": "text=Donald+Tus", "content_type": "application/x-www-form-urlencoded"}, 415, "unsupported_media_type"),
    ("no content type", {"data": b'{"text": "Donald Tus"}'}, 415, "unsupported_media_type"),
]


@pytest.mark.parametrize(("kwargs", "status", "code"), [row[1:] for row in REFUSED], ids=[row[0] for row in REFUSED])
def test_bad_requests_are_refused_in_json(client: FlaskClient, kwargs: dict[str, Any], status: int, code: str) -> None:
    assert_error(client.post("/v1/repair", **kwargs), status, code)


def test_an_unknown_field_is_ignored(client: FlaskClient) -> None:
    # As in a batch record, which carries its id: the answer is the one without the field.
    text = "Prime Minister of Poland Donald Tus met President Emanuel McCone."
    plain = client.post("/v1/repair", json={"text": text, "grammar": False}).get_json()
    extra = client.post("/v1/repair", json={"text": text, "grammar": False, "id": 7, "grammer": True}).get_json()
    for answer in (plain, extra):
        answer["meta"].pop("timings_ms")
    assert extra == plain


def test_a_streamed_body_over_the_limit_is_refused_while_it_is_read(app: Flask) -> None:
    # No Content-Length (chunked, as gunicorn passes it on): reading stops at the limit.
    stream = _CountingStream(b'{"text": "' + b"a" * 5_000_000 + b'"}')
    environ = EnvironBuilder(path="/v1/repair", method="POST", content_type="application/json").get_environ()
    environ.pop("CONTENT_LENGTH", None)
    environ.update({"wsgi.input": stream, "wsgi.input_terminated": True})
    app_iter, status, headers = run_wsgi_app(app, environ)
    body = json.loads(b"".join(app_iter))
    assert (status, headers["Content-Type"]) == ("413 REQUEST ENTITY TOO LARGE", "application/json")
    assert body["error"]["code"] == "text_too_long"
    assert stream.read_bytes <= app.config["MAX_CONTENT_LENGTH"] + 65536


class _CountingStream(io.RawIOBase):
    """A request body that counts what the app reads of it."""

    def __init__(self, data: bytes) -> None:
        self.data, self.read_bytes = data, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        piece = self.data[self.read_bytes : self.read_bytes + len(buffer)]
        buffer[: len(piece)] = piece
        self.read_bytes += len(piece)
        return len(piece)


# --- texts that are repaired ---------------------------------------------------------------------

KEPT: list[tuple[str, str, str]] = [
    # (row, text, what must come out)
    ("empty text", "", ""),
    ("only spaces", " \n\t ", " \n\t "),
    ("NUL kept", "Donald Tus\x00 spoke.\x00", "Donald Tusk\x00 spoke.\x00"),
    ("CRLF and tabs kept", "Prime Minister\tDonald Tus\r\nsaid\tso.\r\n", "Prime Minister\tDonald Tusk\r\nsaid\tso.\r\n"),
    ("zero-width space inside a name", "Donald Tu\u200bs spoke.", "Donald Tusk spoke."),
    ("RTL mark inside a name", "French President Emanuel Mc\u200fCone spoke.", "French President Emmanuel Macron spoke."),
    ("marks around a name kept", "\u200fDonald Tus\u200f spoke.\ufeff", "\u200fDonald Tusk\u200f spoke.\ufeff"),
    ("zero-width joiner in emoji kept", "👩\u200d💻 Donald Tus 🇫🇷", "👩\u200d💻 Donald Tusk 🇫🇷"),
    ("soft hyphen inside a name", "French President Emanuel Mc\u00adCone met Donald Tus.", "French President Emmanuel Macron met Donald Tusk."),
]


@pytest.mark.parametrize(("text", "expected"), [row[1:] for row in KEPT], ids=[row[0] for row in KEPT])
def test_texts_are_repaired_and_kept_outside_the_fixes(client: FlaskClient, text: str, expected: str) -> None:
    response = client.post("/v1/repair", json={"text": text})
    assert response.status_code == 200
    body = response.get_json()
    assert body["text"] == expected
    assert_repaired(text, body)


def test_decomposed_accents_are_read_like_composed_ones(client: FlaskClient) -> None:
    composed = "Recep Tayyip Erdoğan met Donald Tus in Gdańsk; Emanuel McCone and Andrzej Duda came too."
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    answers = [client.post("/v1/repair", json={"text": t, "grammar": False}).get_json() for t in (composed, decomposed)]
    fixes = [[(c["replacement"], c["entity"]["id"], c["applied"]) for c in a["corrections"]] for a in answers]
    assert fixes[0] == fixes[1] and fixes[0]
    assert unicodedata.normalize("NFC", answers[1]["text"]) == answers[0]["text"]
    assert_repaired(decomposed, answers[1])


def test_html_and_script_are_escaped_wherever_shown(client: FlaskClient) -> None:
    text = '<script>alert("x")</script> Donald Tus <img src=x onerror=alert(1)> & Emanuel McCone'
    body = client.post("/v1/repair", json={"text": text}).get_json()
    html = body["diff"]["html"]
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<del>Donald Tus</del><ins>Donald Tusk</ins>" in html
    page = client.post("/", data={"text": text, "mode": "apply", "grammar": "on"}).get_data(as_text=True)
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert" in page


# --- texts that used to break the service (issue 10) --------------------------------------------

PATHOLOGICAL: list[tuple[str, Callable[[Flask], dict[str, Any]]]] = [
    ("one lower-case word of 100,000 letters", lambda app: {"text": "a" * 100_000}),
    ("'Emanuel McCone ' x 6,600, grammar off", lambda app: {"text": "Emanuel McCone " * 6600, "grammar": False}),
    ("'NATO, ' x 16,600 on one line", lambda app: {"text": "NATO, " * 16_600}),
    ("'DONALD TUS, ' x 8,300", lambda app: {"text": "DONALD TUS, " * 8300}),
    (
        "10,000 short name mentions",
        lambda app: {"text": " ".join(f"Mr {s}." for s in (surnames(app, 10_000) * 2)[:10_000])[:100_000], "grammar": False},
    ),
    ("a capitalised word of 100,000 letters", lambda app: {"text": "A" + "a" * 99_999}),
    ("a word of 100,000 capitals", lambda app: {"text": "A" * 100_000}),
    ("'- ' x 50,000", lambda app: {"text": "- " * 50_000}),
]


@pytest.mark.parametrize("make_body", [row[1] for row in PATHOLOGICAL], ids=[row[0] for row in PATHOLOGICAL])
def test_pathological_texts_are_answered(app: Flask, client: FlaskClient, make_body: Callable[[Flask], dict[str, Any]]) -> None:
    request = make_body(app)
    started = time.monotonic()
    response = client.post("/v1/repair", json=request)
    assert time.monotonic() - started < NO_HANG
    assert response.status_code == 200
    body = response.get_json()
    assert_repaired(request["text"], body)
    assert body["meta"]["grammar"]["status"] in ("ok", "unavailable", "disabled")
    json.dumps(body)  # plain JSON all through
