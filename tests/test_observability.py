"""What operators see, through HTTP.

- Every answer carries ``X-Request-ID``: the one sent (when it is a sane token), else a new one.
- Logs are JSON lines on standard error; the access line of a request has its id, route,
  status and duration, and the text's length, never the text unless REPAIR_LOG_TEXT is on.
- /metrics counts requests by route and status, stage latencies, fixes applied and
  suggested, and grammar failures.
- /healthz is alive; /readyz is 200 when the gazetteer is loaded and the grammar engine
  answers (or is off), and 503 in the error shape when the engine does not answer.
(/metrics under several gunicorn workers is tests/test_metrics_workers.py's.)
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from app import create_app
from repair.schemas import HealthAnswer, ReadyAnswer
from tests.conftest import ARTICLE_PEOPLE
from tests.serving import free_port

SECRET_TEXT = "Prime Minister Donald Tus met the confidential source Zebulon Quartz."


def make_app(**config: Any) -> Flask:
    return create_app({"TESTING": True, "GAZETTEER_BASE": [str(ARTICLE_PEOPLE)], "GRAMMAR_ENGINE": "none",
                       "RELOAD_ON_SIGHUP": False, **config})  # fmt: skip


def test_a_sent_request_id_is_echoed(client: FlaskClient) -> None:
    response = client.post("/v1/repair", json={"text": "x"}, headers={"X-Request-ID": "cms-42.a"})
    assert response.headers["X-Request-ID"] == "cms-42.a"


@pytest.mark.parametrize("sent", [None, "", "has spaces", "x" * 200, "<script>"])
def test_a_request_id_is_made_when_none_usable_is_sent(client: FlaskClient, sent: str | None) -> None:
    headers = {} if sent is None else {"X-Request-ID": sent}
    ids = {client.get("/healthz", headers=headers).headers["X-Request-ID"] for _ in range(2)}
    assert len(ids) == 2 and all(re.fullmatch(r"[0-9a-f]{32}", i) for i in ids)


def test_errors_carry_the_request_id_too(client: FlaskClient) -> None:
    response = client.get("/nowhere", headers={"X-Request-ID": "r-404"})
    assert response.status_code == 404 and response.headers["X-Request-ID"] == "r-404"


def access_lines(err: str) -> list[dict[str, Any]]:
    lines = [json.loads(line) for line in err.splitlines() if line.startswith("{")]
    return [line for line in lines if line["logger"] == "repair.access"]


def test_logs_are_json_with_the_request_id_and_no_text(client: FlaskClient, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    client.post("/v1/repair", json={"text": SECRET_TEXT}, headers={"X-Request-ID": "log-1"})
    err = capsys.readouterr().err
    [line] = access_lines(err)
    assert line["request_id"] == "log-1"
    assert (line["route"], line["method"], line["status"]) == ("/v1/repair", "POST", 200)
    assert line["text_chars"] == len(SECRET_TEXT) and line["duration_ms"] >= 0 and line["level"] == "INFO"
    assert "Zebulon" not in err and "Tus met" not in err


def test_the_text_is_logged_only_when_configured(capsys: pytest.CaptureFixture[str]) -> None:
    client = make_app(LOG_TEXT=True).test_client()
    capsys.readouterr()
    client.post("/v1/repair", json={"text": SECRET_TEXT})
    [line] = access_lines(capsys.readouterr().err)
    assert line["text"] == SECRET_TEXT


def test_failures_are_logged_with_their_request_id(app: Flask, capsys: pytest.CaptureFixture[str]) -> None:
    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise RuntimeError("boom")

    app.extensions["repair"].repair = broken
    capsys.readouterr()
    app.test_client().post("/v1/repair", json={"text": "x"}, headers={"X-Request-ID": "fail-1"})
    lines = [json.loads(line) for line in capsys.readouterr().err.splitlines() if line.startswith("{")]
    [failure] = [line for line in lines if line["level"] == "ERROR"]
    assert failure["request_id"] == "fail-1" and "RuntimeError: boom" in failure["exception"]


def metric(client: FlaskClient, name: str, **labels: str) -> float:
    text = client.get("/metrics").get_data(as_text=True)
    total = 0.0
    for line in text.splitlines():
        if line.startswith(name + "{") or line.startswith(name + " "):
            found = dict(re.findall(r'(\w+)="([^"]*)"', line.split(" ")[0]))
            if all(found.get(key) == value for key, value in labels.items()):
                total += float(line.rsplit(" ", 1)[1])
    return total


def test_metrics_count_requests_fixes_and_stages(client: FlaskClient) -> None:
    before = {
        "ok": metric(client, "repair_http_requests_total", route="/v1/repair", status="200"),
        "bad": metric(client, "repair_http_requests_total", route="/v1/repair", status="400"),
        "applied": metric(client, "repair_name_fixes_total", kind="applied"),
        "suggested": metric(client, "repair_name_fixes_total", kind="suggested"),
        "names": metric(client, "repair_stage_duration_seconds_count", stage="names"),
        "latency": metric(client, "repair_http_request_duration_seconds_count", route="/v1/repair"),
    }
    client.post("/v1/repair", json={"text": "Prime Minister Donald Tus met French President Emanuel McCone."})
    client.post("/v1/repair", json={"text": "Donald Tus", "mode": "suggest"})
    client.post("/v1/repair", json={"text": 5})
    assert metric(client, "repair_http_requests_total", route="/v1/repair", status="200") == before["ok"] + 2
    assert metric(client, "repair_http_requests_total", route="/v1/repair", status="400") == before["bad"] + 1
    assert metric(client, "repair_name_fixes_total", kind="applied") == before["applied"] + 2
    assert metric(client, "repair_name_fixes_total", kind="suggested") == before["suggested"] + 1
    assert metric(client, "repair_stage_duration_seconds_count", stage="names") == before["names"] + 2
    assert metric(client, "repair_http_request_duration_seconds_count", route="/v1/repair") == before["latency"] + 3
    # An unknown path is one route, whatever the path.
    client.get("/no/such/thing")
    assert metric(client, "repair_http_requests_total", route="unmatched", status="404") >= 1


def test_metrics_count_grammar_failures() -> None:
    app = make_app(GRAMMAR_ENGINE="languagetool", LANGUAGETOOL_URL=f"http://127.0.0.1:{free_port()}/", GRAMMAR_TIMEOUT=2.0)
    client = app.test_client()
    before = metric(client, "repair_grammar_failures_total", engine="languagetool")
    body = client.post("/v1/repair", json={"text": "Donald Tus"}).get_json()
    assert body["meta"]["grammar"]["status"] == "unavailable"
    assert metric(client, "repair_grammar_failures_total", engine="languagetool") == before + 1
    app.extensions["repair"].close()


def test_health_and_readiness(client: FlaskClient) -> None:
    HealthAnswer.model_validate(client.get("/healthz").get_json())
    ready = client.get("/readyz")
    assert ready.status_code == 200
    body = ReadyAnswer.model_validate(ready.get_json())
    assert body.grammar.status == "disabled" and body.gazetteer.size > 10


def test_ready_with_harper() -> None:
    app = make_app(GRAMMAR_ENGINE="harper")
    body = app.test_client().get("/readyz").get_json()
    assert body["status"] == "ready" and body["grammar"] == {"engine": "harper", "status": "ok", "reason": ""}


def test_not_ready_while_the_grammar_engine_does_not_answer() -> None:
    app = make_app(GRAMMAR_ENGINE="languagetool", LANGUAGETOOL_URL=f"http://127.0.0.1:{free_port()}/", READY_TIMEOUT=2.0)
    client = app.test_client()
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.get_json() == {"error": {"code": "not_ready", "message": response.get_json()["error"]["message"]}}
    assert "languagetool" in response.get_json()["error"]["message"]
    # Alive all the same, and still repairing names.
    assert client.get("/healthz").status_code == 200
    assert client.post("/v1/repair", json={"text": "Donald Tus"}).get_json()["text"] == "Donald Tusk"
    app.extensions["repair"].close()
