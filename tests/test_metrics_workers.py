"""Metrics and request ids as `make run` serves them, under gunicorn with two workers.

Each worker counts in its own files of the directory gunicorn.conf.py sets up
(prometheus-client's multiprocess mode), and /metrics adds them up: whichever worker answers
the scrape, the count of requests is the count of all the workers' requests. Every answer,
gunicorn's included, carries a request id, and the logs are JSON lines.
"""

from __future__ import annotations

import json
import re
import signal
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from tests.serving import gunicorn, request, wait_for, workers


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, int, Path]]:
    folder = tmp_path_factory.mktemp("metrics")
    metrics_dir = folder / "metrics"
    with gunicorn(folder, REPAIR_METRICS_DIR=str(metrics_dir)) as (process, port):
        yield process, port, folder


def scrape(port: int) -> str:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=30) as response:
        text: str = response.read().decode("utf-8")
        return text


def count(text: str, name: str, **labels: str) -> float:
    total = 0.0
    for line in text.splitlines():
        if line.startswith(name + "{"):
            found = dict(re.findall(r'(\w+)="([^"]*)"', line.split("} ")[0]))
            if all(found.get(k) == v for k, v in labels.items()):
                total += float(line.rsplit(" ", 1)[1])
    return total


def test_every_workers_requests_are_counted(server: tuple[Any, int, Path]) -> None:
    _process, port, _folder = server
    before = count(scrape(port), "repair_http_requests_total", route="/v1/repair", status="200")
    sent = 40
    # From several threads at once, so that both workers answer some.
    with ThreadPoolExecutor(max_workers=4) as pool:
        answers = list(pool.map(lambda _: request(port, "/v1/repair", method="POST", body={"text": "Donald Tus"}), range(sent)))
    assert all(status == 200 and body["text"] == "Donald Tusk" for status, body in answers)
    for _ in range(6):  # several scrapes, answered by either worker: each has every count
        text = scrape(port)
        assert count(text, "repair_http_requests_total", route="/v1/repair", status="200") == before + sent
        assert count(text, "repair_name_fixes_total", kind="applied") >= sent
        assert count(text, "repair_stage_duration_seconds_count", stage="names") >= sent


def test_the_metrics_directory_holds_the_workers_files(server: tuple[Any, int, Path]) -> None:
    _process, port, folder = server
    request(port, "/v1/repair", method="POST", body={"text": "Donald Tus"})
    files = {path.name for path in (folder / "metrics").glob("*.db")}
    assert any(name.startswith("counter_") for name in files)
    assert any(name.startswith("histogram_") for name in files)


def test_request_ids_and_json_logs(server: tuple[Any, int, Path]) -> None:
    _process, port, folder = server
    req = urllib.request.Request(f"http://127.0.0.1:{port}/healthz", headers={"X-Request-ID": "gunicorn-1"})
    with urllib.request.urlopen(req, timeout=30) as response:
        assert response.headers["X-Request-ID"] == "gunicorn-1"
    lines = [json.loads(line) for line in (folder / "gunicorn.log").read_text().splitlines() if line.startswith("{")]
    assert any(line.get("request_id") == "gunicorn-1" and line["route"] == "/healthz" for line in lines)
    assert any(line["logger"] == "gunicorn.error" for line in lines)  # gunicorn's own lines are JSON too


def test_counts_survive_a_reload_and_a_made_directory_goes_with_the_master(tmp_path: Path) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    # No REPAIR_METRICS_DIR: gunicorn.conf.py makes a temporary directory (under TMPDIR here).
    with gunicorn(tmp_path, TMPDIR=str(temp)) as (master, port):
        [made] = list(temp.glob("repair-metrics-*"))
        for _ in range(5):
            assert request(port, "/v1/repair", method="POST", body={"text": "Donald Tus"})[0] == 200
        before = count(scrape(port), "repair_http_requests_total", route="/v1/repair", status="200")
        assert before == 5
        old = workers(master)
        master.send_signal(signal.SIGHUP)  # gunicorn reads gunicorn.conf.py again, new workers
        wait_for(lambda: len(workers(master)) == 2 and not workers(master) & old, "new workers after HUP")
        assert list(temp.glob("repair-metrics-*")) == [made]
        assert count(scrape(port), "repair_http_requests_total", route="/v1/repair", status="200") == before
    assert not made.exists()
