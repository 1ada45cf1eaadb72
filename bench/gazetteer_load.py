"""How long the gazetteer takes to load cold, and how much memory it holds, alone and in gunicorn.

Run: ``.venv/bin/python bench/gazetteer_load.py`` (or ``make bench``). Every figure comes from a
fresh subprocess, so nothing is warm from an earlier run in this one:

1. cold load: import, read and merge the gazetteer files, build the NameIndex (median of 3);
2. resident memory (RSS) of that process, and of a process that built the whole app;
3. gunicorn with gunicorn.conf.py (2 workers, preload): per process RSS, USS (memory only that
   process holds) and PSS (shared pages split among their sharers). Workers whose USS is far
   below their RSS share the master's pages, gazetteer included.

The files are those the app would load: ``REPAIR_GAZETTEER_BASE`` and ``REPAIR_GAZETTEER_FILES``
if set, else the shipped ones. Figures are reported against the targets; nothing is asserted.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

import psutil  # type: ignore[import-untyped]

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gazetteer.loader import DEFAULT_PATHS  # noqa: E402

TARGET_SECONDS = 3.0
TARGET_MB = 500.0
RUNS = 3
MB = 1024 * 1024

# Runs in a fresh interpreter: times the imports, the load and the index separately.
LOAD_CHILD = """
import json, sys, time
started = time.perf_counter()
from gazetteer.index import NameIndex
from gazetteer.loader import load_gazetteer
imported = time.perf_counter()
gazetteer = load_gazetteer(json.loads(sys.argv[1]))
loaded = time.perf_counter()
index = NameIndex(gazetteer)
indexed = time.perf_counter()
import psutil
print(json.dumps({
    "import": imported - started, "load": loaded - imported, "index": indexed - loaded,
    "total": indexed - started, "rss": psutil.Process().memory_info().rss,
    "size": len(gazetteer), "version": gazetteer.version,
}))
"""

# The same, the way the service loads (gazetteer.index.load_index: collector paused).
SERVICE_CHILD = """
import json, sys, time
started = time.perf_counter()
from gazetteer.index import load_index
imported = time.perf_counter()
index = load_index(json.loads(sys.argv[1]))
indexed = time.perf_counter()
import psutil
print(json.dumps({"import": imported - started, "load+index": indexed - imported,
                  "total": indexed - started, "rss": psutil.Process().memory_info().rss}))
"""

APP_CHILD = """
import json, time
started = time.perf_counter()
from app import create_app
app = create_app({"RELOAD_ON_SIGHUP": False})
import psutil
print(json.dumps({"total": time.perf_counter() - started, "rss": psutil.Process().memory_info().rss}))
"""

SAMPLE = "Prime Minister of Poland Donald Tus met President Emanuel McCone and Sergey Lavrov."


def gazetteer_paths() -> list[str]:
    """The files the app would load, from the same settings."""
    paths: list[str] = []
    for name, default in (("REPAIR_GAZETTEER_BASE", [str(p) for p in DEFAULT_PATHS]), ("REPAIR_GAZETTEER_FILES", [])):
        value = os.environ.get(name)
        if value is None:
            paths += default
            continue
        try:
            parsed = json.loads(value)
        except ValueError:
            parsed = value
        paths += [p for p in parsed.split(":") if p] if isinstance(parsed, str) else [str(p) for p in parsed]
    return paths


def child(code: str, *args: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-c", code, *args], cwd=ROOT, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"a benchmark subprocess failed:\n{done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def get(port: int, path: str, body: dict[str, Any] | None = None) -> Any:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", data=data, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def wait_until(condition: Any, timeout: float) -> float:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        try:
            if condition():
                return time.monotonic() - started
        except OSError:
            pass
        time.sleep(0.05)
    raise SystemExit(f"gave up after {timeout} s")


def gunicorn_memory(paths: list[str]) -> tuple[list[tuple[str, Any]], float, float]:
    """Per-process memory of gunicorn (2 workers, preload) after some requests; start and HUP times."""
    port = free_port()
    with tempfile.TemporaryDirectory() as scratch:
        log_path = Path(scratch) / "gunicorn.log"
        env = {**os.environ, "REPAIR_GAZETTEER_BASE": json.dumps(paths), "REPAIR_GAZETTEER_FILES": "[]"}
        args = [
            sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}",
            "--workers", "2", "--control-socket", str(Path(scratch) / "gunicorn.ctl"), "app:create_app()",
        ]
        with log_path.open("wb") as log:
            master = subprocess.Popen(args, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            process = psutil.Process(master.pid)

            def ready() -> bool:
                return len(process.children()) == 2 and bool(get(port, "/healthz"))

            started = wait_until(ready, 300)
            for _ in range(20):  # let both workers answer, touching what requests touch
                get(port, "/v1/repair", {"text": SAMPLE, "grammar": False})
            rows = [("master", process.memory_full_info())]
            rows += [(f"worker {c.pid}", c.memory_full_info()) for c in process.children()]
            old = {c.pid for c in process.children()}
            master.send_signal(signal.SIGHUP)
            reload_seconds = wait_until(
                lambda: len(now := {c.pid for c in process.children()}) == 2 and not now & old and get(port, "/healthz"),
                300,
            )
            return rows, started, reload_seconds
        except BaseException:
            print(log_path.read_text(errors="replace"), file=sys.stderr)
            raise
        finally:
            master.terminate()
            try:
                master.wait(timeout=30)
            except subprocess.TimeoutExpired:
                master.kill()
                master.wait()


def main() -> None:
    paths = gazetteer_paths()
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        raise SystemExit(f"missing gazetteer files: {', '.join(missing)} (set REPAIR_GAZETTEER_BASE?)")
    print(f"gazetteer files: {', '.join(paths)}")
    print(f"sizes on disk:   {', '.join(f'{Path(p).stat().st_size / MB:.2f} MB' for p in paths)}")

    runs = [child(LOAD_CHILD, json.dumps(paths)) for _ in range(RUNS)]
    median = statistics.median(r["total"] for r in runs)
    middle = min(runs, key=lambda r: abs(r["total"] - median))
    service_runs = [child(SERVICE_CHILD, json.dumps(paths)) for _ in range(RUNS)]
    service = statistics.median(r["load+index"] for r in service_runs)
    app = child(APP_CHILD)
    print(f"entries:         {middle['size']:,} (version {middle['version']})\n")

    print(f"{'measure':<44}{'value':>12}  target")
    print("-" * 66)
    print(f"{'cold load + index as served, median of 3':<44}{service:>10.2f} s  <= {TARGET_SECONDS:.0f} s")
    each = ", ".join(f"{r['load+index']:.2f}" for r in service_runs)
    print(f"{'  runs (load_index, collector paused)':<44}{each:>12}")
    print(f"{'cold import + load + index, plain loader':<44}{median:>10.2f} s")
    each = ", ".join(f"{r['total']:.2f}" for r in runs)
    print(f"{'  runs':<44}{each:>12}")
    print(f"{'  import / load / index (median run)':<44}"
          f"{middle['import']:.2f}/{middle['load']:.2f}/{middle['index']:.2f} s")
    print(f"{'RSS after load + index':<44}{middle['rss'] / MB:>9.0f} MB  <= {TARGET_MB:.0f} MB")
    print(f"{'whole app (create_app): start time':<44}{app['total']:>10.2f} s")
    print(f"{'whole app (create_app): RSS':<44}{app['rss'] / MB:>9.0f} MB  <= {TARGET_MB:.0f} MB")

    rows, started, reload_seconds = gunicorn_memory(paths)
    print(f"\ngunicorn -c gunicorn.conf.py, 2 workers, preload; after 20 repairs "
          f"(up in {started:.1f} s, HUP reload to new workers serving in {reload_seconds:.1f} s)")
    print(f"{'process':<18}{'RSS MB':>9}{'USS MB':>9}{'PSS MB':>9}{'shared MB':>11}")
    print("-" * 56)
    for name, memory in rows:
        pss = getattr(memory, "pss", float("nan"))
        print(f"{name:<18}{memory.rss / MB:>9.0f}{memory.uss / MB:>9.0f}{pss / MB:>9.0f}"
              f"{(memory.rss - memory.uss) / MB:>11.0f}")
    total_pss = sum(getattr(m, "pss", 0) for _, m in rows)
    total_rss = sum(m.rss for _, m in rows)
    print(f"{'all 3':<18}{total_rss / MB:>9.0f}{'':>9}{total_pss / MB:>9.0f}")
    print("\nUSS: pages only this process holds; PSS: its share of all it maps. A worker's USS far\n"
          "below its RSS means the master's pages, the gazetteer among them, are shared.")


if __name__ == "__main__":
    main()
