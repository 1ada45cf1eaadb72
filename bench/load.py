"""A bounded load test: gunicorn as `make run` starts it, the example article, and memory.

    .venv/bin/python bench/load.py                 # about 25 minutes on two cores
    .venv/bin/python bench/load.py --duration 20 --distinct 1000    # a quick look

1. Starts gunicorn exactly as `make run` does (gunicorn.conf.py, the shipped gazetteer,
   Harper, ``--workers``, default 2) on a free loopback port; or uses ``--url`` and
   ``--master-pid`` for a server already running.
2. Load: POSTs the example article (tests/data/machine-translated-article.txt) from
   4 x workers threads for ``--duration`` seconds (60), and reports requests per second,
   p50, p90, p99 and the slowest latency, and the errors (any answer but 200, or none).
3. Memory: the workers' memory (RSS, and USS and PSS: what each holds alone, and its share
   of what the workers share with the master) before, then after ``--distinct`` (10,000)
   requests each with a text never sent before, with the peak seen meanwhile and the number
   of workers gunicorn replaced (``max_requests``).

Reports figures and asserts nothing. ``--gunicorn-arg`` passes more options to gunicorn
(``--gunicorn-arg=--max-requests=0`` measures a worker that is never replaced).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil  # type: ignore[import-untyped]

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "tests" / "data" / "machine-translated-article.txt"


@dataclass
class Tally:
    """What the load threads saw."""

    latencies: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, seconds: float, error: str | None) -> None:
        with self.lock:
            self.latencies.append(seconds)
            if error:
                self.errors[error] = self.errors.get(error, 0) + 1


def post(host: str, port: int, body: bytes, timeout: float = 60.0) -> str | None:
    """POST /v1/repair; None when answered 200 with a repair, else what went wrong."""
    connection = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        connection.request("POST", "/v1/repair", body=body, headers={"Content-Type": "application/json"})
        response = connection.getresponse()
        answer = response.read()
        if response.status != 200:
            return f"HTTP {response.status}"
        if "text" not in json.loads(answer):
            return "no text in the answer"
        return None
    except (OSError, http.client.HTTPException, ValueError) as exc:
        return type(exc).__name__
    finally:
        connection.close()


def run_load(host: str, port: int, threads: int, bodies: Callable[[], bytes], *, seconds: float = 0, count: int = 0) -> tuple[Tally, float]:
    """``threads`` clients sending ``bodies()`` for ``seconds``, or ``count`` requests in all."""
    tally = Tally()
    stop_at = time.monotonic() + seconds if seconds else float("inf")
    left = [count] if count else [-1]
    lock = threading.Lock()

    def client() -> None:
        while time.monotonic() < stop_at:
            with lock:
                if left[0] == 0:
                    return
                left[0] -= 1
                body = bodies()
            started = time.perf_counter()
            error = post(host, port, body)
            tally.add(time.perf_counter() - started, error)

    started = time.monotonic()
    workers = [threading.Thread(target=client, daemon=True) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return tally, time.monotonic() - started


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def worker_memory(master_pid: int) -> dict[int, tuple[float, float, float]]:
    """{worker pid: (RSS, USS, PSS)} in MB."""
    found = {}
    for child in psutil.Process(master_pid).children():
        try:
            info = child.memory_full_info()
        except psutil.Error:
            continue
        found[child.pid] = (info.rss / 2**20, info.uss / 2**20, info.pss / 2**20)
    return found


def memory_line(memory: dict[int, tuple[float, float, float]]) -> str:
    return "; ".join(f"pid {pid}: RSS {r:.0f}, USS {u:.0f}, PSS {p:.0f} MB" for pid, (r, u, p) in sorted(memory.items()))


class DistinctTexts:
    """Texts never sent before: the article's paragraphs shuffled, a sentence naming two
    people of the gazetteer (one name damaged) and a made-up word or two, numbered."""

    def __init__(self, article: str, seed: int = 10) -> None:
        self.paragraphs = [p for p in article.split("\n") if p.strip()]
        self.rng = random.Random(seed)
        self.names = _gazetteer_names()
        self.count = 0
        self.every: tuple[int, Callable[[int], None]] | None = None

    def __call__(self) -> bytes:
        if self.every and self.count and self.count % self.every[0] == 0:
            self.every[1](self.count)
        self.count += 1
        rng = self.rng
        paragraphs = rng.sample(self.paragraphs, k=max(3, len(self.paragraphs) // 2))
        first, second = rng.sample(self.names, 2)
        damaged = second[:-1] if len(second) > 5 else second + "e"
        word = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(5, 12)))
        paragraphs.insert(
            rng.randrange(len(paragraphs) + 1),
            f"In dispatch {self.count}, {first} met {damaged} to discuss the {word} plan.",
        )
        return json.dumps({"text": "\n".join(paragraphs)}).encode("utf-8")


def _gazetteer_names() -> list[str]:
    sys.path.insert(0, str(ROOT))
    from gazetteer.loader import load_gazetteer

    entries = sorted(load_gazetteer().entries.values(), key=lambda e: (-e.prominence, e.id))
    return [e.name for e in entries[:5000] if " " in e.name]


@contextmanager
def gunicorn(workers: int, extra: list[str]) -> Iterator[tuple[str, int, int]]:
    """gunicorn as `make run` starts it, on a free loopback port: (host, port, master pid)."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    args = [
        str(Path(sys.executable).parent / "gunicorn"), "-c", "gunicorn.conf.py",
        "--bind", f"127.0.0.1:{port}", "--workers", str(workers), *extra, "app:create_app()",
    ]
    environ = {k: v for k, v in os.environ.items() if not k.startswith("REPAIR_")}
    (ROOT / "test-artifacts").mkdir(exist_ok=True)
    log = open(ROOT / "test-artifacts" / "load-gunicorn.log", "wb")
    process = subprocess.Popen(args, cwd=ROOT, env=environ, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise SystemExit(f"gunicorn stopped; see {log.name}")
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                connection.request("GET", "/healthz")
                if connection.getresponse().status == 200 and len(psutil.Process(process.pid).children()) == workers:
                    break
            except OSError:
                time.sleep(0.5)
        yield "127.0.0.1", port, process.pid
    finally:
        process.terminate()
        process.wait(timeout=60)
        log.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (as `make run WORKERS=`)")
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load with the article")
    parser.add_argument("--distinct", type=int, default=10_000, help="requests with distinct texts, for memory")
    parser.add_argument("--url", help="a running server instead (its memory needs --master-pid)")
    parser.add_argument("--master-pid", type=int, help="the running server's gunicorn master")
    parser.add_argument("--gunicorn-arg", action="append", default=[], help="more options for the gunicorn started")
    parser.add_argument("--report-every", type=int, default=0, help="print the workers' memory every N distinct requests")
    args = parser.parse_args(argv)
    threads = 4 * args.workers
    article = json.dumps({"text": ARTICLE.read_text(encoding="utf-8")}).encode("utf-8")

    if args.url:
        parts = urllib.parse.urlsplit(args.url)
        server: Any = _running(parts.hostname or "127.0.0.1", parts.port or 80, args.master_pid)
    else:
        server = gunicorn(args.workers, args.gunicorn_arg)
    with server as (host, port, master):
        print(f"gunicorn at {host}:{port}, {args.workers} workers, {threads} client threads", flush=True)
        run_load(host, port, threads, lambda: article, count=threads * 2)  # warm every worker
        if master:
            print(f"memory after warming up: {memory_line(worker_memory(master))}", flush=True)

        tally, seconds = run_load(host, port, threads, lambda: article, seconds=args.duration)
        done = len(tally.latencies)
        print(
            f"load: the example article ({ARTICLE.stat().st_size:,} bytes) for {seconds:.0f} s: {done} requests,"
            f" {done / seconds:.1f} per second; latency p50 {percentile(tally.latencies, 0.5) * 1000:.0f} ms,"
            f" p90 {percentile(tally.latencies, 0.9) * 1000:.0f} ms, p99 {percentile(tally.latencies, 0.99) * 1000:.0f} ms,"
            f" slowest {max(tally.latencies) * 1000:.0f} ms; errors {sum(tally.errors.values())} {tally.errors or ''}",
            flush=True,
        )

        if args.distinct:
            before = worker_memory(master) if master else {}
            print(f"memory before {args.distinct:,} distinct requests: {memory_line(before)}", flush=True)
            peak = [0.0]
            pids: set[int] = set(before)
            sampling = threading.Event()

            def sample() -> None:
                while not sampling.wait(1.0):
                    now = worker_memory(master)
                    pids.update(now)
                    peak[0] = max([peak[0], *(rss for rss, _u, _p in now.values())])

            sampler = threading.Thread(target=sample, daemon=True)
            if master:
                sampler.start()
            texts = DistinctTexts(ARTICLE.read_text(encoding="utf-8"))
            if master and args.report_every:
                texts.every = (args.report_every, lambda n: print(f"  after {n:,}: {memory_line(worker_memory(master))}", flush=True))
            tally, seconds = run_load(host, port, threads, texts, count=args.distinct)
            sampling.set()
            done = len(tally.latencies)
            print(
                f"{done:,} distinct requests in {seconds:.0f} s ({done / seconds:.1f} per second), p50"
                f" {percentile(tally.latencies, 0.5) * 1000:.0f} ms, p99 {percentile(tally.latencies, 0.99) * 1000:.0f} ms;"
                f" errors {sum(tally.errors.values())} {tally.errors or ''}",
                flush=True,
            )
            if master:
                after = worker_memory(master)
                print(f"memory after: {memory_line(after)}", flush=True)
                print(
                    f"peak worker RSS during them: {peak[0]:.0f} MB; workers replaced meanwhile:"
                    f" {len(pids - set(after))}",
                    flush=True,
                )
    return 0


@contextmanager
def _running(host: str, port: int, master: int | None) -> Iterator[tuple[str, int, int]]:
    yield host, port, master or 0


if __name__ == "__main__":
    sys.exit(main())
