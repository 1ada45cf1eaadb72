"""Helpers for tests that run gunicorn as `make run` starts it, on the small gazetteer."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psutil  # type: ignore[import-untyped]

from tests.conftest import ARTICLE_PEOPLE

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def wait_for(condition: Callable[[], bool], what: str, *, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except (OSError, ValueError, LookupError):
            pass  # not listening yet, or a worker going away mid-answer
        time.sleep(0.05)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def request(
    port: int,
    path: str,
    *,
    method: str = "GET",
    body: Any = None,
    headers: dict[str, str] | None = None,
    timeout: float = 30.0,
) -> tuple[int, Any]:
    """(status, JSON answer) of one request; raises if the answer is not JSON."""
    data = json.dumps(body).encode("utf-8") if body is not None else None
    sent = {"Content-Type": "application/json", **(headers or {})} if data is not None else dict(headers or {})
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data, headers=sent, method=method)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as exc:
        with exc:
            assert exc.headers.get_content_type() == "application/json", exc.headers
            return exc.code, json.load(exc)


def workers(master: subprocess.Popen[bytes]) -> set[int]:
    """The pids of the master's live workers. A worker may exit between the listing and the
    look at its status (gunicorn replaces them while reloading): such a one is not live."""
    live = set()
    for child in psutil.Process(master.pid).children():
        try:
            if child.status() != psutil.STATUS_ZOMBIE:
                live.add(child.pid)
        except psutil.NoSuchProcess:
            pass
    return live


@contextmanager
def gunicorn(tmp_path: Path, *extra: str, **env: str) -> Iterator[tuple[subprocess.Popen[bytes], int]]:
    """gunicorn with gunicorn.conf.py and two workers, on the small gazetteer without grammar
    (``env`` overrides), answering on the port it yields; its output is printed on failure."""
    port = free_port()
    args = [
        sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py",
        "--bind", f"127.0.0.1:{port}", "--workers", "2",
        # Gunicorn's control socket is one per user by default: keep this one apart.
        "--control-socket", str(tmp_path / "gunicorn.ctl"),
        *extra,
        "app:create_app()",
    ]
    environ = {
        # No admin token from the caller's environment: loopback clients may reload.
        **{name: value for name, value in os.environ.items() if name != "REPAIR_ADMIN_TOKEN"},
        "REPAIR_GAZETTEER_BASE": json.dumps([str(ARTICLE_PEOPLE)]),
        "REPAIR_GRAMMAR_ENGINE": "none",
        "PYTHONUNBUFFERED": "1",
        **env,
    }
    log = tmp_path / "gunicorn.log"
    with log.open("wb") as out:
        process = subprocess.Popen(args, cwd=ROOT, env=environ, stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_for(lambda: len(workers(process)) == 2 and request(port, "/healthz")[0] == 200, "gunicorn to answer")
        yield process, port
    except BaseException:
        print(f"--- output of {' '.join(args)} ---\n{log.read_text(errors='replace')}")
        raise
    finally:
        # A quick shutdown: a worker may still wait on a grammar engine a test made hang.
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
