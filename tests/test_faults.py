"""Faults around the service, from real loopback servers that misbehave on purpose.

The contract: when the grammar engine fails (LanguageTool refuses connections, answers too
slowly, answers 500 or garbage; Harper runs past the deadline), the request still answers
200 with the names repaired, ``meta.grammar`` says "unavailable" and why, and the next request
tries the engine again (and gets its answer once it is back). When a gunicorn worker is
killed mid-request, the other worker keeps answering and gunicorn replaces the dead one.
(A broken overlay on reload is tests/test_reload.py's.)
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psutil  # type: ignore[import-untyped]
import pytest
from flask import Flask
from flask.testing import FlaskClient

from app import create_app
from tests.conftest import ARTICLE_PEOPLE, DATA
from tests.languagetool_replay import LanguageToolReplay
from tests.serving import free_port, gunicorn, request, wait_for, workers

# A text the replay has a recorded answer for (so a healthy server answers "ok").
RECORDED = json.loads((DATA / "languagetool" / "emoji-offsets-en-US.json").read_text(encoding="utf-8"))
TEXT = RECORDED["request"]["text"]


def make_app(**config: Any) -> Flask:
    return create_app({"TESTING": True, "GAZETTEER_BASE": [str(ARTICLE_PEOPLE)], **config})


def repair(client: FlaskClient, text: str = TEXT) -> dict[str, Any]:
    # Suggest mode: the text LanguageTool is sent is the input, whose answer is recorded.
    response = client.post("/v1/repair", json={"text": text, "mode": "suggest"})
    assert response.status_code == 200, response.get_data(as_text=True)
    body: dict[str, Any] = response.get_json()
    return body


def assert_names_repaired(body: dict[str, Any], text: str = TEXT) -> None:
    assert body["text"] == text  # suggest mode changes nothing
    assert ("Donald Tus", "Donald Tusk") in {(c["original"], c["replacement"]) for c in body["corrections"]}


@pytest.fixture
def replay() -> Iterator[LanguageToolReplay]:
    with LanguageToolReplay() as server:
        yield server


@pytest.fixture
def lt_client(replay: LanguageToolReplay) -> Iterator[FlaskClient]:
    app = make_app(GRAMMAR_ENGINE="languagetool", LANGUAGETOOL_URL=replay.url, GRAMMAR_TIMEOUT=1.5)
    yield app.test_client()
    app.extensions["repair"].close()


def test_the_recorded_text_names_someone_to_repair(lt_client: FlaskClient) -> None:
    body = repair(lt_client)
    assert body["meta"]["grammar"]["status"] == "ok"
    assert_names_repaired(body)


@pytest.mark.parametrize(
    ("fault", "reason"),
    [
        ("slow", "timed out after 1.5 s"),
        ("500", "LanguageTool at"),
        ("garbage", "LanguageTool at"),
    ],
)
def test_a_failing_languagetool_leaves_the_names_repaired_and_is_asked_again(
    replay: LanguageToolReplay, lt_client: FlaskClient, fault: str, reason: str
) -> None:
    assert repair(lt_client)["meta"]["grammar"]["status"] == "ok"  # the client is made
    text = TEXT
    if fault == "slow":
        replay.delay = 5
    elif fault == "garbage":
        replay.broken = True
    else:
        text = TEXT.replace("Paris", "Warsaw")  # no recorded answer: the replay answers 500
    checks = sum(1 for method, path, _ in replay.requests if path.endswith("/check"))

    body = repair(lt_client, text)

    assert body["meta"]["grammar"]["status"] == "unavailable"
    assert reason in body["meta"]["grammar"]["reason"]
    assert body["suggestions"] == []
    assert_names_repaired(body, text)

    replay.delay, replay.broken = 0, False
    again = repair(lt_client)
    assert again["meta"]["grammar"] == {"engine": "languagetool", "status": "ok", "reason": ""}
    assert again["suggestions"]
    # Asked for the failing request (the client may retry a slow one) and again for this one.
    assert sum(1 for method, path, _ in replay.requests if path.endswith("/check")) >= checks + 2


def test_a_refused_languagetool_is_tried_again_once_it_listens() -> None:
    port = free_port()
    app = make_app(GRAMMAR_ENGINE="languagetool", LANGUAGETOOL_URL=f"http://127.0.0.1:{port}/", GRAMMAR_TIMEOUT=2)
    client = app.test_client()
    try:
        refused = repair(client)
        assert refused["meta"]["grammar"]["status"] == "unavailable"
        assert f"127.0.0.1:{port}" in refused["meta"]["grammar"]["reason"]
        assert_names_repaired(refused)
        with LanguageToolReplay(port=port):
            body = repair(client)
        assert body["meta"]["grammar"]["status"] == "ok"
        assert body["suggestions"]
    finally:
        app.extensions["repair"].close()


def test_harper_past_the_deadline_is_free_for_the_next_request() -> None:
    app = make_app(GRAMMAR_ENGINE="harper", DEADLINE=3.0)
    client = app.test_client()
    try:
        # Spelling suggestions for made-up words take Harper about 10 ms each: far past 3 s.
        words = " ".join(f"Qzx{i:05d}vbnmlkjhgfdsapoiuytrew" for i in range(2000))
        slow = client.post("/v1/repair", json={"text": "Donald Tus spoke. " + words}).get_json()
        assert slow["meta"]["grammar"]["status"] == "unavailable"
        assert slow["text"].startswith("Donald Tusk spoke.")
        # The check left behind stops at its next piece; this one waits for it, then runs.
        body = client.post("/v1/repair", json={"text": "Donald Tus spoke. This is an test."}).get_json()
        assert body["meta"]["grammar"]["status"] == "ok"
        assert [s["rule"]["id"] for s in body["suggestions"]] == ["AnA"]
    finally:
        app.extensions["repair"].close()


# --- gunicorn ---------------------------------------------------------------------------------


def worker_serving(master: subprocess.Popen[bytes], client_port: int) -> int:
    """The worker whose connection comes from ``client_port``."""
    for pid in workers(master):
        for connection in psutil.Process(pid).net_connections(kind="tcp"):
            if connection.raddr and connection.raddr.port == client_port:
                return pid
    raise LookupError(f"no worker serves the connection from port {client_port}")


def repaired(port: int, text: str) -> str:
    status, body = request(port, "/v1/repair", method="POST", body={"text": text})
    assert status == 200
    return str(body["text"])


def test_a_worker_killed_mid_request_leaves_the_other_answering(tmp_path: Path) -> None:
    with gunicorn(tmp_path) as (master, port):
        # A request whose body is still coming: its worker waits for the rest, mid-request.
        hanging = socket.create_connection(("127.0.0.1", port))
        hanging.sendall(
            b"POST /v1/repair HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b'Content-Length: 1000\r\n\r\n{"text": "Donald Tus'
        )
        client_port = hanging.getsockname()[1]
        serving: list[int] = []
        wait_for(lambda: bool(serving.append(worker_serving(master, client_port)) or serving), "its worker")
        victim = serving[0]
        old = workers(master)

        os.kill(victim, signal.SIGKILL)

        hanging.settimeout(10)
        assert hanging.recv(4096) == b""  # a killed worker answers nothing: the connection closes
        hanging.close()
        # The other worker answers meanwhile, and gunicorn brings back a second one.
        assert repaired(port, "Donald Tus spoke.") == "Donald Tusk spoke."
        wait_for(lambda: len(now := workers(master)) == 2 and victim not in now and len(now & old) == 1, "a new worker")
        for _ in range(6):
            assert repaired(port, "French President Emanuel McCone spoke.") == "French President Emmanuel Macron spoke."
        assert master.poll() is None


def test_a_request_stopped_by_gunicorns_timeout_is_answered_in_json(tmp_path: Path) -> None:
    # Without a deadline and with a grammar engine that never answers in time, only gunicorn's
    # timeout (2 s here) ends the request; its answer is the API's error shape all the same.
    with LanguageToolReplay(delay=30) as slow:
        env = {
            "REPAIR_GRAMMAR_ENGINE": "languagetool",
            "REPAIR_LANGUAGETOOL_URL": slow.url,
            "REPAIR_GRAMMAR_TIMEOUT": "60",
            "REPAIR_DEADLINE": "null",
        }
        with gunicorn(tmp_path, "--timeout", "2", **env) as (master, port):
            status, body = request(port, "/v1/repair", method="POST", body={"text": "Donald Tus spoke."})
            assert status == 503
            assert body == {"error": {"code": "timeout", "message": body["error"]["message"]}}
            assert "2 s timeout" in body["error"]["message"]
            wait_for(lambda: len(workers(master)) == 2, "the worker replaced")
            assert request(port, "/healthz")[0] == 200
