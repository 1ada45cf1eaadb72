"""Records for the JSON Lines jobs (tests/test_cli.py, tests/test_batch.py), and the service's
answer for each: what a job's line must equal, timings apart."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from app import create_app
from tests.conftest import ARTICLE_PEOPLE, DATA

ARTICLE = (DATA / "machine-translated-article.txt").read_text(encoding="utf-8")
MAX_TEXT_CHARS = 5000  # the article (4,512) fits; TOO_LONG does not
TOO_LONG = "Donald Tus " * 500

# The service's settings for the jobs as REPAIR_* variables; the app below gets the same.
ENVIRONMENT = {
    "REPAIR_GAZETTEER_BASE": str(ARTICLE_PEOPLE),
    "REPAIR_GRAMMAR_ENGINE": "none",
    "REPAIR_MAX_TEXT_CHARS": str(MAX_TEXT_CHARS),
}
CONFIG: dict[str, Any] = {
    "GAZETTEER_BASE": [str(ARTICLE_PEOPLE)],
    "GRAMMAR_ENGINE": "none",
    "MAX_TEXT_CHARS": MAX_TEXT_CHARS,
}

# Repaired, with every option a record may give; then records the API refuses.
GOOD: list[dict[str, Any]] = [
    {"id": "article", "text": ARTICLE},
    {"id": 2, "text": "Prime Minister Donald Tus met President Emanuel McCone.", "mode": "suggest"},
    {"id": "gb", "text": "The Prime Minister of Poland, Donald Tus, spoke.", "language": "en-GB"},
    {"id": "grammar-off", "text": "Donald Tus met Emanuel McCone.", "grammar": False},
    {"id": "grammar-on", "text": "Donald Tus met Emanuel McCone.", "grammar": True},
    {"id": "unicode", "text": "🎉🇫🇷 Donald Tus arrived in Kraków.", "extra": "ignored"},
    {"id": "crlf", "text": "Donald Tus\r\nspoke to Emanuel McCone.\r\n"},
    {"id": "empty", "text": ""},
]
REFUSED: list[dict[str, Any]] = [
    {"id": "no-text"},
    {"id": "text-type", "text": 42},
    {"id": "too-long", "text": TOO_LONG},
    {"id": "language", "text": "Donald Tus", "language": "xx-YY"},
    {"id": "mode", "text": "Donald Tus", "mode": "rewrite"},
    {"id": "grammar-type", "text": "Donald Tus", "grammar": "yes"},
]
RECORDS = GOOD + REFUSED
# Lines without a usable id: answered with where they are.
BAD_LINES = [b"{not json\n", b"[1, 2]\n", b'{"text": "no id"}\n', b'{"id": 1.5, "text": "x"}\n', b"\xff\xfe\n"]
BAD_CODES = ["invalid_json", "invalid_request", "invalid_request", "invalid_request", "invalid_json"]


def jsonl_bytes(records: Sequence[dict[str, Any]], *, bad_lines: Sequence[bytes] = ()) -> bytes:
    """The records as JSON Lines, a blank line among them, then ``bad_lines``."""
    lines = [json.dumps(record).encode() + b"\n" for record in records]
    lines.insert(1, b"\n")
    return b"".join(lines) + b"".join(bad_lines)


def offsets_of(data: bytes) -> list[int]:
    """The byte offset of each line of ``data``."""
    offsets, position = [], 0
    for line in data.splitlines(keepends=True):
        offsets.append(position)
        position += len(line)
    return offsets


def read_lines(data: bytes | str) -> list[dict[str, Any]]:
    """Output lines, parsed; every line must be one whole JSON object."""
    text = data.decode() if isinstance(data, bytes) else data
    assert text == "" or text.endswith("\n")
    return [json.loads(line) for line in text.splitlines()]


def comparable(answer: dict[str, Any]) -> dict[str, Any]:
    """An answer without its timings, which differ from run to run."""
    answer = copy.deepcopy(answer)
    answer.get("meta", {}).pop("timings_ms", None)
    return answer


def service_answer(client: FlaskClient, record: dict[str, Any], **defaults: Any) -> dict[str, Any]:
    """``POST /v1/repair`` of the record (its id apart), with ``defaults`` for fields it lacks."""
    body = {**defaults, **{key: value for key, value in record.items() if key != "id"}}
    answer: dict[str, Any] = client.post("/v1/repair", json=body).get_json()
    return answer


def assert_service_answers(lines: Sequence[dict[str, Any]], client: FlaskClient, **defaults: Any) -> None:
    """Every record's line is the service's answer for it (or its error), in the input's order."""
    answered = [line for line in lines if line["id"] is not None]
    assert [line["id"] for line in answered] == [record["id"] for record in RECORDS]
    for line, record in zip(answered, RECORDS):
        expected = comparable(service_answer(client, record, **defaults))
        assert comparable({key: value for key, value in line.items() if key != "id"}) == expected, record["id"]
    refused = {line["id"] for line in answered if "error" in line}
    assert refused == {record["id"] for record in REFUSED}


def service_app(**config: Any) -> Flask:
    """The service, configured as the jobs are (ENVIRONMENT), with ``config`` on top."""
    return create_app({"TESTING": True, "RELOAD_ON_SIGHUP": False, **CONFIG, **config})


def job_environment(base: dict[str, str], *, grammar_engine: str | None = None) -> dict[str, str]:
    """``base`` without any REPAIR_* variable of the developer's, plus ENVIRONMENT."""
    environment = {key: value for key, value in base.items() if not key.startswith("REPAIR_")}
    environment.update(ENVIRONMENT)
    if grammar_engine is not None:
        environment["REPAIR_GRAMMAR_ENGINE"] = grammar_engine
    return environment


def id_less(lines: Sequence[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """The error lines of records without a usable id."""
    return (line for line in lines if line["id"] is None)


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
