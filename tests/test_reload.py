"""Reloading the gazetteer without a restart.

The contract: a reload re-reads the base and overlay files named at start, and the new
gazetteer answers every later request (lookup, repair, and the version in ``meta`` and
``/healthz``); one answer never mixes two gazetteers. A broken file answers 422
``gazetteer_error`` naming the file and the problem, and the old gazetteer keeps serving.
``POST /v1/admin/reload`` needs ``Authorization: Bearer <ADMIN_TOKEN>`` when a token is set
(401 otherwise), and a loopback client when none is (403 otherwise). SIGHUP reloads a plain
process (``flask run``); HUP to gunicorn's master (gunicorn.conf.py, preload) reloads it there
and every new worker serves the new gazetteer, and an admin reload through one gunicorn worker
reaches them all.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from app import create_app
from tests.conftest import ARTICLE_PEOPLE
from tests.serving import free_port, gunicorn, wait_for, workers

ROOT = Path(__file__).resolve().parent.parent
CSV_HEADER = "id,name,role,country\n"
KALLAS_ROW = "local:kaja-kallas,Kaja Kallas,High Representative of the European Union for Foreign Affairs,European Union\n"
KALLAS_TEXT = "EU foreign policy chief Kaja Kalas met Donald Tus."
TOKEN = "s3cret-token"


@pytest.fixture
def overlay(tmp_path: Path) -> Path:
    """An overlay CSV with its header only: nobody yet."""
    path = tmp_path / "overlay.csv"
    path.write_text(CSV_HEADER, encoding="utf-8")
    return path


def make_app(overlay: Path, **config: Any) -> Flask:
    return create_app(
        {
            "TESTING": True,
            "GAZETTEER_BASE": [str(ARTICLE_PEOPLE)],
            "GAZETTEER_FILES": [str(overlay)],
            "GRAMMAR_ENGINE": "none",
            **config,
        }
    )


@pytest.fixture
def reload_app(overlay: Path) -> Iterator[Flask]:
    app = make_app(overlay)
    yield app
    app.extensions["repair"].close()


@pytest.fixture
def reload_client(reload_app: Flask) -> FlaskClient:
    return reload_app.test_client()


def version(client: FlaskClient) -> str:
    body: dict[str, Any] = client.get("/healthz").get_json()
    return str(body["gazetteer"]["version"])


def top_name(client: FlaskClient, query: str) -> str | None:
    candidates = client.get("/v1/gazetteer", query_string={"q": query}).get_json()["candidates"]
    return candidates[0]["entry"]["name"] if candidates else None


def test_reload_serves_a_person_added_to_the_overlay(reload_client: FlaskClient, overlay: Path) -> None:
    before = version(reload_client)
    assert top_name(reload_client, "Kaja Kalas") is None
    with overlay.open("a", encoding="utf-8") as file:
        file.write(KALLAS_ROW)

    response = reload_client.post("/v1/admin/reload")

    assert response.status_code == 200
    body = response.get_json()
    assert body["reloaded"] is True
    assert body["gazetteer"]["version"] != before and len(body["gazetteer"]["version"]) == 12
    assert body["gazetteer"]["size"] == 23
    assert client_gazetteer(reload_client) == body["gazetteer"]
    assert top_name(reload_client, "Kaja Kalas") == "Kaja Kallas"
    repaired = reload_client.post("/v1/repair", json={"text": KALLAS_TEXT}).get_json()
    assert repaired["text"] == "EU foreign policy chief Kaja Kallas met Donald Tusk."
    assert repaired["meta"]["gazetteer"] == body["gazetteer"]
    assert reload_client.get("/v1/gazetteer/local:kaja-kallas").get_json()["entry"]["wikidata"] is None


def client_gazetteer(client: FlaskClient) -> dict[str, Any]:
    body: dict[str, Any] = client.get("/healthz").get_json()
    return dict(body["gazetteer"])


def test_reload_of_unchanged_files_keeps_the_version(reload_client: FlaskClient) -> None:
    before = client_gazetteer(reload_client)
    assert reload_client.post("/v1/admin/reload").get_json()["gazetteer"] == before


@pytest.mark.parametrize(
    ("damage", "problem"),
    [
        ("not-an-id,Somebody,Role,Country\n", "entry 1: id 'not-an-id'"),
        ("local:nameless,,Role,Country\n", "missing field 'name'"),
    ],
)
def test_a_broken_file_keeps_the_old_gazetteer_serving(
    reload_client: FlaskClient, overlay: Path, damage: str, problem: str
) -> None:
    before = client_gazetteer(reload_client)
    with overlay.open("a", encoding="utf-8") as file:
        file.write(damage)

    response = reload_client.post("/v1/admin/reload")

    assert response.status_code == 422
    error = response.get_json()["error"]
    assert set(error) == {"code", "message"}
    assert error["code"] == "gazetteer_error"
    assert str(overlay) in error["message"] and problem in error["message"]
    assert before["version"] in error["message"]
    assert client_gazetteer(reload_client) == before
    repaired = reload_client.post("/v1/repair", json={"text": KALLAS_TEXT}).get_json()
    assert repaired["text"] == "EU foreign policy chief Kaja Kalas met Donald Tusk."
    assert repaired["meta"]["gazetteer"] == before

    overlay.write_text(CSV_HEADER + KALLAS_ROW, encoding="utf-8")
    assert reload_client.post("/v1/admin/reload").status_code == 200
    assert top_name(reload_client, "Kaja Kalas") == "Kaja Kallas"


def test_a_missing_file_keeps_the_old_gazetteer_serving(reload_client: FlaskClient, overlay: Path) -> None:
    before = client_gazetteer(reload_client)
    overlay.unlink()
    response = reload_client.post("/v1/admin/reload")
    assert response.status_code == 422
    assert str(overlay) in response.get_json()["error"]["message"]
    assert client_gazetteer(reload_client) == before


def test_every_answer_is_made_with_one_gazetteer(reload_app: Flask, overlay: Path) -> None:
    without = version(reload_app.test_client())
    overlay.write_text(CSV_HEADER + KALLAS_ROW, encoding="utf-8")
    with_kallas = reload_app.test_client().post("/v1/admin/reload").get_json()["gazetteer"]["version"]
    stop = threading.Event()
    seen: list[tuple[str, bool]] = []

    def repair_repeatedly() -> None:
        client = reload_app.test_client()
        while not stop.is_set():
            body = client.post("/v1/repair", json={"text": KALLAS_TEXT, "grammar": False}).get_json()
            seen.append((body["meta"]["gazetteer"]["version"], "Kaja Kallas" in body["text"]))

    threads = [threading.Thread(target=repair_repeatedly) for _ in range(3)]
    for thread in threads:
        thread.start()
    try:
        client = reload_app.test_client()
        for turn in range(20):
            overlay.write_text(CSV_HEADER + (KALLAS_ROW if turn % 2 else ""), encoding="utf-8")
            assert client.post("/v1/admin/reload").status_code == 200
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    assert {v for v, _ in seen} <= {without, with_kallas}
    assert all(fixed == (v == with_kallas) for v, fixed in seen)


# --- who may reload -------------------------------------------------------------------------


@pytest.mark.parametrize("address", ["127.0.0.1", "127.0.0.53", "::1", "::ffff:127.0.0.1"])
def test_without_a_token_loopback_clients_may_reload(reload_client: FlaskClient, address: str) -> None:
    response = reload_client.post("/v1/admin/reload", environ_base={"REMOTE_ADDR": address})
    assert response.status_code == 200


@pytest.mark.parametrize("address", ["203.0.113.7", "10.0.0.2", "2001:db8::1", "::ffff:192.0.2.1", ""])
def test_without_a_token_other_clients_are_403(
    reload_client: FlaskClient, overlay: Path, address: str
) -> None:
    before = version(reload_client)
    overlay.write_text(CSV_HEADER + KALLAS_ROW, encoding="utf-8")
    response = reload_client.post("/v1/admin/reload", environ_base={"REMOTE_ADDR": address})
    assert response.status_code == 403
    assert response.get_json()["error"]["code"] == "forbidden"
    assert version(reload_client) == before


@pytest.mark.parametrize(
    "authorization",
    [None, "Bearer wrong", f"Basic {TOKEN}", f"Bearer {TOKEN}x", "Bearer"],
)
def test_with_a_token_a_request_without_it_is_401(overlay: Path, authorization: str | None) -> None:
    app = make_app(overlay, ADMIN_TOKEN=TOKEN)
    headers = {"Authorization": authorization} if authorization else {}
    # Loopback does not replace the token once one is set.
    response = app.test_client().post("/v1/admin/reload", headers=headers)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"
    assert response.get_json()["error"]["code"] == "unauthorized"


def test_with_a_token_any_client_holding_it_may_reload(overlay: Path) -> None:
    app = make_app(overlay, ADMIN_TOKEN=TOKEN)
    response = app.test_client().post(
        "/v1/admin/reload",
        headers={"Authorization": f"Bearer {TOKEN}"},
        environ_base={"REMOTE_ADDR": "203.0.113.7"},
    )
    assert response.status_code == 200 and response.get_json()["reloaded"] is True


def test_reload_is_post_only(reload_client: FlaskClient) -> None:
    response = reload_client.get("/v1/admin/reload")
    assert response.status_code == 405
    assert response.get_json()["error"]["code"] == "method_not_allowed"


# --- signals to real processes --------------------------------------------------------------

YAML_OVERLAY = "people:\n  - {id: Q946, name: Donald Tusk, role: Prime Minister of Poland, country: Poland}\n"
YAML_KALLAS = (
    "  - {id: local:kaja-kallas, name: Kaja Kallas, role: High Representative of the European Union"
    " for Foreign Affairs, country: European Union}\n"
)


def http(port: int, path: str, *, method: str = "GET") -> Any:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", method=method)
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return json.load(response)
    except urllib.error.HTTPError as exc:
        with exc:
            return json.load(exc)


def serving_version(port: int) -> str:
    return str(http(port, "/healthz")["gazetteer"]["version"])


def all_answers(port: int, expected: str, *, times: int = 8) -> bool:
    """Whether ``times`` answers in a row (any worker) report the gazetteer ``expected``."""
    return all(serving_version(port) == expected for _ in range(times))


def replaced(master: subprocess.Popen[bytes], old: set[int]) -> Callable[[], bool]:
    """A condition: gunicorn runs two workers again, none of them from ``old``."""
    return lambda: len(now := workers(master)) == 2 and not now & old


@contextmanager
def server(args: list[str], log: Path, overlay: Path) -> Iterator[subprocess.Popen[bytes]]:
    """Run a server on the small gazetteer plus ``overlay``; print its output if the test fails."""
    env = {
        **os.environ,
        "REPAIR_GAZETTEER_BASE": json.dumps([str(ARTICLE_PEOPLE)]),
        "REPAIR_GAZETTEER_FILES": json.dumps([str(overlay)]),
        "REPAIR_GRAMMAR_ENGINE": "none",
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("REPAIR_ADMIN_TOKEN", None)
    with log.open("wb") as out:
        process = subprocess.Popen(args, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        yield process
    except BaseException:
        print(f"--- output of {' '.join(args)} ---\n{log.read_text(errors='replace')}")
        raise
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_sighup_reloads_a_plain_process(tmp_path: Path) -> None:
    overlay = tmp_path / "overlay.yaml"
    overlay.write_text(YAML_OVERLAY, encoding="utf-8")
    port = free_port()
    args = [sys.executable, "-m", "flask", "--app", "app", "run", "--no-reload", "--port", str(port)]
    log = tmp_path / "flask.log"
    with server(args, log, overlay) as process:
        wait_for(lambda: bool(serving_version(port)), "the server to answer")
        before = serving_version(port)
        with overlay.open("a", encoding="utf-8") as file:
            file.write(YAML_KALLAS)

        process.send_signal(signal.SIGHUP)

        wait_for(lambda: serving_version(port) != before, "the new gazetteer after SIGHUP")
        found = http(port, "/v1/gazetteer?q=Kaja+Kalas")["candidates"]
        assert found[0]["entry"]["name"] == "Kaja Kallas"
        reloaded = serving_version(port)

        overlay.write_text(YAML_OVERLAY + "  - {id: broken\n", encoding="utf-8")
        process.send_signal(signal.SIGHUP)

        wait_for(lambda: "gazetteer reload failed" in log.read_text(errors="replace"), "the failure to be logged")
        assert serving_version(port) == reloaded
        assert process.poll() is None


def test_hup_to_gunicorn_reloads_every_worker(tmp_path: Path) -> None:
    overlay = tmp_path / "overlay.yaml"
    overlay.write_text(YAML_OVERLAY, encoding="utf-8")
    log = tmp_path / "gunicorn.log"
    with gunicorn(tmp_path, REPAIR_GAZETTEER_FILES=json.dumps([str(overlay)])) as (master, port):
        first = serving_version(port)
        with overlay.open("a", encoding="utf-8") as file:
            file.write(YAML_KALLAS)
        old = workers(master)

        master.send_signal(signal.SIGHUP)

        wait_for(replaced(master, old), "new workers after HUP")
        second = serving_version(port)
        assert second != first
        assert all_answers(port, second)
        assert http(port, "/v1/gazetteer?q=Kaja+Kalas")["candidates"][0]["entry"]["name"] == "Kaja Kallas"
        assert f"gazetteer reloaded: {second}" in log.read_text(errors="replace")

        # An admin reload lands on one worker, which passes it on to the master.
        overlay.write_text(YAML_OVERLAY, encoding="utf-8")
        old = workers(master)
        answer = http(port, "/v1/admin/reload", method="POST")
        assert answer["reloaded"] is True and answer["gazetteer"]["version"] == first
        wait_for(replaced(master, old), "new workers after the admin reload")
        assert all_answers(port, first)

        # A broken file: the master logs it and the new workers keep the old gazetteer.
        overlay.write_text(YAML_OVERLAY + "  - {id: broken\n", encoding="utf-8")
        old = workers(master)
        master.send_signal(signal.SIGHUP)
        wait_for(replaced(master, old), "new workers after HUP")
        assert "gazetteer reload failed" in log.read_text(errors="replace")
        assert all_answers(port, first)
        assert master.poll() is None
