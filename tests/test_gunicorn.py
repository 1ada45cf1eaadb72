"""What gunicorn answers itself, as `make run` serves: every answer is JSON in the one error
shape, and a body over the limit is refused before it is read (by Content-Length) or as soon
as the limit is passed (chunked), without the worker holding it in memory."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from typing import Any

import psutil  # type: ignore[import-untyped]
import pytest

from tests.serving import gunicorn, workers

BIG = 50_000_000


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, int]]:
    with gunicorn(tmp_path_factory.mktemp("gunicorn")) as running:
        yield running


def exchange(port: int, head: bytes, body: Iterator[bytes] = iter(())) -> tuple[int, dict[str, str], Any]:
    """Send ``head`` and then ``body`` (from a thread, so the answer is read meanwhile), and
    return the answer's status, headers and JSON body."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(head)

        def send() -> None:
            try:
                for piece in body:
                    sock.sendall(piece)
            except OSError:
                pass  # refused and closed before the whole body was sent: as it should

        sender = threading.Thread(target=send, daemon=True)
        sender.start()
        answer = b""
        while b"\r\n\r\n" not in answer or len(answer) < _expected_length(answer):
            data = sock.recv(65536)
            if not data:
                break
            answer += data
    head_part, _, payload = answer.partition(b"\r\n\r\n")
    status_line, *header_lines = head_part.decode("latin-1").split("\r\n")
    headers = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in header_lines)}
    return int(status_line.split()[1]), headers, json.loads(payload)


def _expected_length(answer: bytes) -> int:
    head, sep, _ = answer.partition(b"\r\n\r\n")
    if not sep:
        return 1 << 62
    for line in head.decode("latin-1").split("\r\n"):
        name, _, value = line.partition(":")
        if name.lower() == "content-length":
            return len(head) + 4 + int(value)
    return 1 << 62


def assert_json_error(answer: tuple[int, dict[str, str], Any], status: int, code: str) -> None:
    got_status, headers, body = answer
    assert got_status == status
    assert headers["content-type"].startswith("application/json")
    assert body == {"error": {"code": code, "message": body["error"]["message"]}} and body["error"]["message"]


@pytest.mark.parametrize(
    ("head", "status", "code"),
    [
        (b"GET /" + b"a" * 5000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", 414, "uri_too_long"),
        (b"GET / HTTP/1.1\r\nHost: x\r\n" + b"".join(b"X-H%d: v\r\n" % i for i in range(120)) + b"\r\n", 431, "request_header_fields_too_large"),
        (b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"v" * 9000 + b"\r\n\r\n", 431, "request_header_fields_too_large"),
        (b"NONSENSE\r\n\r\n", 400, "bad_request"),
        (b"GET / HTTP/9.9\r\nHost: x\r\n\r\n", 400, "bad_request"),
    ],
    ids=["request line too long", "too many headers", "header too long", "no request line", "bad HTTP version"],
)
def test_gunicorns_own_errors_are_json(server: tuple[Any, int], head: bytes, status: int, code: str) -> None:
    _master, port = server
    assert_json_error(exchange(port, head), status, code)


def _body(chunked: bool) -> Iterator[bytes]:
    pieces = [b'{"text": "', *[b"a" * (1 << 20)] * (BIG >> 20)]
    for piece in pieces:
        yield b"%x\r\n%s\r\n" % (len(piece), piece) if chunked else piece


@pytest.mark.parametrize("chunked", [False, True], ids=["by Content-Length", "chunked"])
def test_a_body_over_the_limit_is_refused_before_it_is_read(server: tuple[Any, int], chunked: bool) -> None:
    master, port = server
    before = {pid: psutil.Process(pid).memory_info().rss for pid in workers(master)}
    length = b"Transfer-Encoding: chunked" if chunked else b"Content-Length: %d" % (BIG + 12)
    head = b"POST /v1/repair HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" + length + b"\r\n\r\n"

    assert_json_error(exchange(port, head, _body(chunked)), 413, "text_too_long")

    # Reading the body would have taken 50 MB (and more to parse it) in the worker.
    after = {pid: psutil.Process(pid).memory_info().rss for pid in workers(master) if pid in before}
    assert max(after[pid] - before[pid] for pid in after) < 20 << 20


@pytest.mark.parametrize(
    ("path", "content_type"), [(b"/v1/repair", b"application/json"), (b"/", b"application/x-www-form-urlencoded")]
)
def test_a_malformed_chunked_body_is_a_bad_request(server: tuple[Any, int], path: bytes, content_type: bytes) -> None:
    _master, port = server
    head = b"POST %s HTTP/1.1\r\nHost: x\r\nContent-Type: %s\r\nTransfer-Encoding: chunked\r\n\r\n" % (path, content_type)
    assert_json_error(exchange(port, head + b'zz\r\n{"text": "x"}\r\n0\r\n\r\n'), 400, "bad_request")


def test_the_service_still_answers(server: tuple[Any, int]) -> None:
    _master, port = server
    body = json.dumps({"text": "Donald Tus."}).encode()
    head = b"POST /v1/repair HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n" % len(body)
    status, _headers, answer = exchange(port, head + body)
    assert (status, answer["text"]) == (200, "Donald Tusk.")
