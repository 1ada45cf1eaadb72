"""The command line, run as a user runs it (``python -m repair`` in a subprocess), configured by
REPAIR_* variables as the service is: every answer equals the service's answer for the same
text (timings apart), in every form: plain text, ``--json`` and ``--jsonl``, from files and from
stdin. A JSON Lines job answers each record or its error (the API's error shape, with the id;
with the input and byte offset when the line has no id), never stops, and resumes in its
``--out`` file: records already answered there are skipped, a line cut short is redone."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import struct
import subprocess
import sys
import termios
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient

from tests.jsonl_records import (
    ARTICLE,
    BAD_CODES,
    BAD_LINES,
    RECORDS,
    TOO_LONG,
    assert_service_answers,
    comparable,
    id_less,
    job_environment,
    jsonl_bytes,
    offsets_of,
    read_lines,
    service_answer,
    service_app,
    write,
)

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def service() -> Iterator[FlaskClient]:
    app = service_app()
    yield app.test_client()
    app.extensions["repair"].close()


def run_cli(*args: str, stdin: bytes = b"", grammar_engine: str | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "repair", *args],
        input=stdin,
        capture_output=True,
        cwd=ROOT,
        env=job_environment(dict(os.environ), grammar_engine=grammar_engine),
        timeout=300,
    )


def test_jsonl_answers_are_the_service_answers(tmp_path: Path, service: FlaskClient) -> None:
    data = jsonl_bytes(RECORDS, bad_lines=BAD_LINES)
    source = write(tmp_path / "records.jsonl", data)
    out = tmp_path / "answers.jsonl"
    done = run_cli("--jsonl", str(source), "--out", str(out))
    assert done.returncode == 0, done.stderr.decode()
    assert b"\r" not in done.stderr  # no progress bar without a terminal
    lines = read_lines(out.read_bytes())
    assert_service_answers(lines, service)
    # Lines without an id say where they are: the input as named and the line's byte offset.
    bad_offsets = offsets_of(data)[-len(BAD_LINES) :]
    assert [(line["input"], line["offset"], line["error"]["code"]) for line in id_less(lines)] == [
        (str(source), offset, code) for offset, code in zip(bad_offsets, BAD_CODES)
    ]
    for line in id_less(lines):
        assert set(line) == {"id", "error", "input", "offset"} and set(line["error"]) == {"code", "message"}
    assert f"{len(RECORDS) + len(BAD_LINES)} records answered" in done.stderr.decode()


def test_jsonl_from_stdin_and_several_files(tmp_path: Path, service: FlaskClient) -> None:
    first, second = RECORDS[:5], RECORDS[5:]
    source = write(tmp_path / "second.jsonl", jsonl_bytes(second))
    done = run_cli("--jsonl", "-", str(source), stdin=jsonl_bytes(first, bad_lines=BAD_LINES[:1]))
    assert done.returncode == 0, done.stderr.decode()
    lines = read_lines(done.stdout)
    assert_service_answers(lines, service)
    [bad] = id_less(lines)
    assert (bad["input"], bad["error"]["code"]) == ("-", "invalid_json")


def test_jsonl_resumes_in_its_output(tmp_path: Path, service: FlaskClient) -> None:
    data = jsonl_bytes(RECORDS, bad_lines=BAD_LINES)
    source = write(tmp_path / "records.jsonl", data)
    out = tmp_path / "answers.jsonl"
    # An earlier run answered three records and was stopped while writing the fourth line.
    earlier = run_cli("--jsonl", "-", stdin=jsonl_bytes(RECORDS[:3]))
    answered = earlier.stdout
    assert len(read_lines(answered)) == 3
    out.write_bytes(answered + b'{"id":"grammar-on","text":"Donald Tu')

    done = run_cli("--jsonl", str(source), "--out", str(out))
    assert done.returncode == 0, done.stderr.decode()
    result = out.read_bytes()
    assert result.startswith(answered)  # what was answered stays, byte for byte
    lines = read_lines(result)
    assert_service_answers(lines, service)
    assert "3 skipped as already in" in done.stderr.decode()

    # Once all is answered, a rerun adds nothing, the lines without an id included.
    again = run_cli("--jsonl", str(source), "--out", str(out))
    assert again.returncode == 0, again.stderr.decode()
    assert out.read_bytes() == result
    assert "0 records answered" in again.stderr.decode()


def test_plain_text_from_stdin_is_the_service_text(service: FlaskClient) -> None:
    done = run_cli(stdin=ARTICLE.encode())
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout.decode() == service_answer(service, {"text": ARTICLE})["text"]


def test_plain_text_of_files_keeps_their_bytes(tmp_path: Path, service: FlaskClient) -> None:
    texts = ["Donald Tus\r\nmet Emanuel McCone.\r\n", "🎉 Kraków: Emanuel McCone"]
    paths = [write(tmp_path / f"{n}.txt", text.encode()) for n, text in enumerate(texts)]
    done = run_cli(*map(str, paths))
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout.decode() == "".join(service_answer(service, {"text": text})["text"] for text in texts)


def test_json_gives_the_whole_answer_per_input(tmp_path: Path, service: FlaskClient) -> None:
    path = write(tmp_path / "article.txt", ARTICLE.encode())
    done = run_cli("--json", "--mode", "suggest", "--language", "en-GB", str(path), "-", stdin=b"Donald Tus spoke.")
    assert done.returncode == 0, done.stderr.decode()
    [article, spoke] = read_lines(done.stdout)
    options = {"mode": "suggest", "language": "en-GB"}
    assert comparable(article) == comparable(service_answer(service, {"text": ARTICLE, **options}))
    assert comparable(spoke) == comparable(service_answer(service, {"text": "Donald Tus spoke.", **options}))


def test_json_error_is_the_service_error(service: FlaskClient) -> None:
    done = run_cli("--json", stdin=TOO_LONG.encode())
    assert done.returncode == 1
    [answer] = read_lines(done.stdout)
    assert answer == service_answer(service, {"text": TOO_LONG})
    assert answer["error"]["code"] == "text_too_long"


def test_plain_text_error_goes_to_stderr() -> None:
    done = run_cli(stdin=TOO_LONG.encode())
    assert done.returncode == 1 and done.stdout == b""
    assert b"(text_too_long)" in done.stderr


def test_options_and_thresholds_as_the_service_settings(tmp_path: Path) -> None:
    # The thresholds on the command line act as REPAIR_APPLY_THRESHOLD does for the service.
    app = service_app(APPLY_THRESHOLD=0.99, SUGGEST_THRESHOLD=0.2)
    text = "Prime Minister Donald Tus met President Emanuel McCone and Tusk."
    done = run_cli("--json", "--apply-threshold", "0.99", "--suggest-threshold", "0.2", stdin=text.encode())
    [answer] = read_lines(done.stdout)
    assert comparable(answer) == comparable(service_answer(app.test_client(), {"text": text}))
    app.extensions["repair"].close()


def test_grammar_with_the_configured_engine(tmp_path: Path) -> None:
    app = service_app(GRAMMAR_ENGINE="harper")
    records: list[dict[str, Any]] = [
        {"id": "a", "text": "Donald Tus said this is an test."},
        {"id": "b", "text": "This are wrong, Emanuel McCone said.", "grammar": False},
    ]
    done = run_cli("--jsonl", stdin=jsonl_bytes(records), grammar_engine="harper")
    assert done.returncode == 0, done.stderr.decode()
    lines = read_lines(done.stdout)
    assert lines[0]["meta"]["grammar"]["status"] == "ok" and lines[0]["suggestions"]
    for line, record in zip(lines, records):
        expected = service_answer(app.test_client(), record)
        assert comparable({k: v for k, v in line.items() if k != "id"}) == comparable(expected)
    # --no-grammar is the default of records that do not say.
    off = read_lines(run_cli("--jsonl", "--no-grammar", stdin=jsonl_bytes(records[:1]), grammar_engine="harper").stdout)
    assert off[0]["meta"]["grammar"]["status"] == "disabled"
    app.extensions["repair"].close()


@pytest.mark.parametrize(
    ("args", "message"),
    [(["--language", "xx-YY"], b"unknown language"), (["--mode", "rewrite"], b"invalid choice")],
)
def test_usage_errors(args: list[str], message: bytes) -> None:
    done = run_cli(*args, stdin=b"Donald Tus")
    assert done.returncode == 2 and message in done.stderr


def test_unknown_grammar_engine_is_a_usage_error() -> None:
    done = run_cli(stdin=b"Donald Tus", grammar_engine="nope")
    assert done.returncode == 2 and b"unknown grammar engine 'nope'" in done.stderr


def test_json_lines_are_one_object_each(service: FlaskClient) -> None:
    # A text with a lone surrogate is valid JSON; its answer line must still be one line of ASCII.
    record = {"id": "s", "text": "Donald Tus \ud800 spoke"}
    done = run_cli("--jsonl", stdin=json.dumps(record).encode() + b"\n")
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout.isascii() and done.stdout.count(b"\n") == 1
    [line] = read_lines(done.stdout)
    assert line["id"] == "s"
    assert comparable({k: v for k, v in line.items() if k != "id"}) == comparable(service_answer(service, record))


def test_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    source = write(tmp_path / "records.jsonl", jsonl_bytes(RECORDS[:3]))
    main, terminal = pty.openpty()
    # A terminal 80 columns wide (a new pseudo-terminal has none, and tqdm would draw nothing).
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    try:
        done = subprocess.run(
            [sys.executable, "-m", "repair", "--jsonl", str(source), "--out", str(tmp_path / "out.jsonl")],
            stderr=terminal,
            cwd=ROOT,
            env=job_environment(dict(os.environ)),
            timeout=300,
        )
        os.close(terminal)
        shown = b""
        while True:
            try:
                chunk = os.read(main, 4096)
            except OSError:  # the terminal's other side is closed: all is read
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(main)
    assert done.returncode == 0
    assert b"4/4" in shown and b"records" in shown  # three records and a blank line
