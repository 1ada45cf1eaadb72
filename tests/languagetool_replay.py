"""A loopback HTTP server that answers like LanguageTool 6.3, from recorded answers.

Serves ``tests/data/languagetool/``: ``GET /v2/languages`` returns ``languages.json``, and
``POST /v2/check`` returns the recorded response whose request has the same form fields
``text`` and ``language`` (and ``disabledRules`` when sent). A language missing from the
languages list gets LanguageTool's 400 answer; any other unrecorded request gets HTTP 500
with a plain-text message, which a client must treat as a failure.

Fault modes, settable at any time: ``delay`` (seconds to wait before answering a check, to
test timeouts) and ``broken`` (answer checks with 200 and a body that is not JSON). ``port``
binds a given port, so that a server can come up where a client was refused.

    with LanguageToolReplay() as server:
        engine = LanguageToolEngine(server.url)
"""

from __future__ import annotations

import json
import threading
import urllib.parse
from collections.abc import Collection
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any

DATA_DIR = Path(__file__).parent / "data" / "languagetool"

RequestKey = tuple[str, str, str | None]


def load_recordings(data_dir: Path = DATA_DIR) -> dict[str, dict[str, Any]]:
    """Every recorded check, ``{file stem: {"request": ..., "response": ...}}``, sorted."""
    return {
        path.stem: json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(data_dir.glob("*.json"))
        if path.name != "languages.json"
    }


def _key(fields: dict[str, str]) -> RequestKey:
    return (fields.get("text", ""), fields.get("language", ""), fields.get("disabledRules"))


class LanguageToolReplay:
    """Replays recorded LanguageTool answers on 127.0.0.1, on a free port."""

    def __init__(
        self,
        data_dir: Path = DATA_DIR,
        *,
        languages: Collection[str] | None = None,
        delay: float = 0.0,
        broken: bool = False,
        port: int = 0,
    ) -> None:
        all_languages = json.loads((data_dir / "languages.json").read_text(encoding="utf-8"))
        # `languages` narrows the server's list, to test a language it does not support.
        self.languages: list[dict[str, str]] = [
            entry
            for entry in all_languages
            if languages is None or entry["longCode"] in languages or entry["code"] in languages
        ]
        self.answers: dict[RequestKey, Any] = {
            _key(recording["request"]): recording["response"]
            for recording in load_recordings(data_dir).values()
        }
        self.delay = delay
        self.broken = broken
        self.port = port
        self.requests: list[tuple[str, str, dict[str, str]]] = []  # (method, path, form)
        self._release = threading.Event()  # set on stop, so a delayed answer ends at once
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """The base URL to pass as ``remote_server`` (the client appends ``v2/``)."""
        if self._server is None:
            raise RuntimeError("the replay server is not running")
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/"

    def start(self) -> LanguageToolReplay:
        """Start serving in a daemon thread."""
        self._release.clear()
        server = ThreadingHTTPServer(("127.0.0.1", self.port), self._handler_class())
        server.daemon_threads = True  # a hanging answer must not block shutdown
        self._server = server
        # A short poll interval, so that stop() (shutdown) returns in milliseconds.
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and release any answer still waiting out its delay."""
        self._release.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> LanguageToolReplay:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def _check(self, fields: dict[str, str]) -> tuple[int, str, str]:
        """Status, content type and body of the answer to ``POST /v2/check``."""
        if self.delay:
            self._release.wait(self.delay)
        if self.broken:
            return 200, "text/html", "<html>Bad gateway, but with a 200</html>"
        language = fields.get("language", "")
        known = {code for entry in self.languages for code in (entry["code"], entry["longCode"])}
        if language not in known:
            # What LanguageTool itself answers for a language it lacks.
            message = f"Error: '{language}' is not a language code known to LanguageTool."
            return 400, "text/plain", message
        answer = self.answers.get(_key(fields))
        if answer is None:
            return 500, "text/plain", f"no recorded answer for {_key(fields)!r}"
        return 200, "application/json", json.dumps(answer)

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        replay = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                replay.requests.append(("GET", self.path, {}))
                if urllib.parse.urlsplit(self.path).path == "/v2/languages":
                    self._send(200, "application/json", json.dumps(replay.languages))
                else:
                    self._send(404, "text/plain", f"no such path: {self.path}")

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length).decode("utf-8")
                fields = dict(urllib.parse.parse_qsl(body, keep_blank_values=True))
                replay.requests.append(("POST", self.path, fields))
                if urllib.parse.urlsplit(self.path).path == "/v2/check":
                    self._send(*replay._check(fields))
                else:
                    self._send(404, "text/plain", f"no such path: {self.path}")

            def _send(self, status: int, content_type: str, body: str) -> None:
                data = body.encode("utf-8")
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", f"{content_type}; charset=utf-8")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (its timeout) before a delayed answer

            def log_message(self, format: str, *args: Any) -> None:
                pass  # keep pytest output clean; `requests` records what was asked

        return Handler
