"""Send the texts and bodies that used to break the service to a running server, and report
how each was answered: status, error code or the stages' status, time, and the worker's
memory after a body over the limit.

    make run &                                   # or any server on the shipped gazetteer
    .venv/bin/python bench/bad_inputs.py         # --url http://127.0.0.1:8000 --only nato,tusk

Reports figures and asserts nothing (tests/test_bad_input.py holds the assertions). Each
request waits up to --timeout seconds (120); a request that gets no answer is reported as
such, as a dead worker gives none.
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import socket
import string
import sys
import time
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@dataclass(frozen=True)
class Case:
    """One request: a name, and the body as bytes (with its content type)."""

    name: str
    body: Callable[[], bytes]
    content_type: str = "application/json"
    chunked: bool = False


def repair_body(text: str, **fields: Any) -> bytes:
    return json.dumps({"text": text, **fields}).encode("utf-8")


def _surnames(count: int) -> list[str]:
    """Surnames of well-known people in the shipped gazetteer, for texts that name many."""
    from gazetteer.loader import load_gazetteer

    found: dict[str, None] = {}
    entries = sorted(load_gazetteer().entries.values(), key=lambda e: (-e.prominence, e.id))
    for entry in entries:
        surname = entry.surname
        if entry.prominence >= 0.6 and surname.isalpha() and surname.isascii() and len(surname) >= 5:
            found.setdefault(surname, None)
        if len(found) >= count:
            break
    return list(found)


def _random_words(seed: int, count: int, length: int) -> str:
    rng = random.Random(seed)
    return " ".join("".join(rng.choice(string.ascii_lowercase) for _ in range(length)) for _ in range(count))


def cases() -> Iterator[Case]:
    """The issue's cases, then a few of the same kind."""
    yield Case("lower-case word, 100,000 letters", lambda: repair_body("a" * 100_000))
    yield Case("'Emanuel McCone ' x 6,600, grammar off", lambda: repair_body("Emanuel McCone " * 6600, grammar=False))
    yield Case("'NATO, ' x 16,600 (one line)", lambda: repair_body("NATO, " * 16_600))
    yield Case("'DONALD TUS, ' x 8,300", lambda: repair_body("DONALD TUS, " * 8300))
    yield Case(
        "10,000 short mentions ('Mr <surname>.')",
        lambda: repair_body(" ".join(f"Mr {name}." for name in (_surnames(10_000) * 2)[:10_000])[:100_000]),
    )
    yield Case("capitalised word, 100,000 letters", lambda: repair_body("A" + "a" * 99_999))
    yield Case("word in capitals, 100,000 letters", lambda: repair_body("A" * 100_000))
    yield Case("'- ' x 50,000", lambda: repair_body("- " * 50_000))
    yield Case("random 20-letter words, 100,000 chars", lambda: repair_body(_random_words(1, 4760, 20)))
    yield Case("'the <word> said' x 6,000", lambda: repair_body(" ".join(f"the {w} said" for w in _random_words(2, 6000, 6).split())))
    yield Case("JSON nested 100,000 deep", lambda: b'{"text": "x", "a": ' + b"[" * 100_000 + b"]" * 100_000 + b"}")
    yield Case("50 MB body (Content-Length)", lambda: b'{"text": "' + b"a" * 50_000_000 + b'"}')
    yield Case("50 MB body (chunked)", lambda: b'{"text": "' + b"a" * 50_000_000 + b'"}', chunked=True)


def send(url: str, case: Case, timeout: float) -> tuple[int | None, dict[str, Any] | str, float]:
    """POST the case; (status, JSON body or the failure, seconds). Status None: no answer."""
    parts = urllib.parse.urlsplit(url)
    body = case.body()
    started = time.perf_counter()
    connection = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port or 80, timeout=timeout)
    try:
        connection.putrequest("POST", "/v1/repair")
        connection.putheader("Content-Type", case.content_type)
        if case.chunked:
            connection.putheader("Transfer-Encoding", "chunked")
        else:
            connection.putheader("Content-Length", str(len(body)))
        connection.endheaders()
        try:
            step = 1 << 20
            for at in range(0, len(body), step):
                piece = body[at : at + step]
                connection.send(b"%x\r\n%s\r\n" % (len(piece), piece) if case.chunked else piece)
            if case.chunked:
                connection.send(b"0\r\n\r\n")
        except OSError:
            pass  # the server answered and closed before the whole body was sent
        response = connection.getresponse()
        raw = response.read()
        seconds = time.perf_counter() - started
        try:
            return response.status, json.loads(raw), seconds
        except ValueError:
            return response.status, raw[:200].decode("latin-1"), seconds
    except (OSError, http.client.HTTPException) as exc:
        return None, f"no answer: {exc!r}", time.perf_counter() - started
    finally:
        connection.close()


def outcome(status: int | None, body: dict[str, Any] | str) -> str:
    """What the answer said, in a few words."""
    if not isinstance(body, dict):
        return body if status is None else f"not JSON: {body[:60]!r}"
    if "error" in body:
        return f"error {body['error'].get('code')}"
    meta = body.get("meta", {})
    names = meta.get("names", {}).get("status", "?")
    grammar = meta.get("grammar", {}).get("status", "?")
    stages = ", ".join(f"{stage} {ms / 1000:.2f}" for stage, ms in meta.get("timings_ms", {}).items())
    return f"{len(body.get('corrections', []))} fixes, names {names}, grammar {grammar} ({stages} s)"


def workers_rss(master_pid: int) -> str:
    """The resident memory of each of the master's workers, in MB."""
    import psutil  # type: ignore[import-untyped]

    sizes = [child.memory_info().rss >> 20 for child in psutil.Process(master_pid).children()]
    return ", ".join(str(size) for size in sorted(sizes))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds to wait for each answer")
    parser.add_argument("--only", default="", help="comma-separated words; run the cases whose name has one")
    parser.add_argument("--master-pid", type=int, help="gunicorn's master: report its workers' memory after each case")
    args = parser.parse_args(argv)
    wanted = [w.strip().lower() for w in args.only.split(",") if w.strip()]
    print("| case | status | answer | seconds | workers' RSS, MB |\n| --- | ---: | --- | ---: | --- |")
    for case in cases():
        if wanted and not any(w in case.name.lower() for w in wanted):
            continue
        status, body, seconds = send(args.url, case, args.timeout)
        memory = workers_rss(args.master_pid) if args.master_pid else ""
        print(f"| {case.name} | {status or '-'} | {outcome(status, body)} | {seconds:.2f} | {memory} |", flush=True)
        if status is None:
            time.sleep(2)  # let gunicorn replace the worker before the next case
    return 0


if __name__ == "__main__":
    socket.setdefaulttimeout(None)
    sys.exit(main())
