"""gunicorn settings: ``gunicorn -c gunicorn.conf.py 'app:create_app()'`` (what ``make run`` does).

The app, and with it the gazetteer, is loaded once in the master (``preload_app``) and the
workers fork from it, so they share its memory pages instead of each holding a copy.

Reloading the gazetteer: ``kill -HUP <master pid>``. With ``preload_app`` a HUP does not load the
app again: gunicorn re-reads its configuration, keeps the master's already loaded app, calls
``on_reload`` and then forks new workers from the master and gracefully stops the old ones
(https://gunicorn.org/signals: "If the app is not preloaded ... the application code is reloaded
too"; gunicorn/arbiter.py ``Arbiter.reload``). So ``on_reload`` reloads the gazetteer in the
master, and the new workers inherit it. If a file is broken, the master keeps the old gazetteer
and the new workers serve it. ``POST /v1/admin/reload`` reaches one worker only, so after
reloading there it HUPs the master (``post_fork`` below) to bring every worker along.

Every answer is JSON, gunicorn's own included: a request line or headers over the limits
below, a malformed request, and a worker stopped by the timeout mid-request (which the app's
deadline, ``REPAIR_DEADLINE``, should never let happen) get the API's error shape
(``JsonErrorsWorker``).

Memory: a worker grows under traffic (Harper's linter keeps its own cache of checked text,
about 190 MB when full), so each worker is replaced, forked afresh from the master, after
``max_requests`` requests, give or take ``max_requests_jitter`` so that the workers are not
replaced at once.

Metrics: every worker counts in files of one directory (prometheus-client's multiprocess
mode), which /metrics adds up, so any worker's answer covers all of them.
``PROMETHEUS_MULTIPROC_DIR`` is set below, before the app is loaded, to ``REPAIR_METRICS_DIR``
or a new temporary directory, emptied at start (not on a HUP, which reads this file again); a
worker that exits is marked dead there (``child_exit``), and a temporary directory is removed
when the master exits.

Logs: gunicorn's own lines are JSON too, as the app's are (``REPAIR_LOG_FORMAT``).

``--bind`` and ``--workers`` on the command line (or in ``GUNICORN_CMD_ARGS``) override the
defaults below.
"""

from __future__ import annotations

import gc
import json
import math
import os
import shutil
import signal
import tempfile
from functools import partial
from pathlib import Path
from typing import Any

from gunicorn import util
from gunicorn.workers.sync import SyncWorker

from repair.config import settings

_settings = settings(os.environ)

# --- Metrics: one directory for every worker's counts, set before the app (and with it
# prometheus-client) is loaded, as multiprocess mode requires. A HUP makes the master read
# this file again: then the directory it set up is kept as it is, counts and all.
_SET_UP = "_REPAIR_METRICS_SET_UP"  # [master pid, directory, made here] of the set-up
_previous = json.loads(os.environ.get(_SET_UP) or "null")
if _previous and _previous[0] == os.getpid():
    _metrics_dir, _made_metrics_dir = Path(_previous[1]), bool(_previous[2])
else:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        _metrics_dir, _made_metrics_dir = Path(os.environ["PROMETHEUS_MULTIPROC_DIR"]), False
    elif _settings.get("METRICS_DIR"):
        _metrics_dir, _made_metrics_dir = Path(str(_settings["METRICS_DIR"])), False
    else:
        _metrics_dir, _made_metrics_dir = Path(tempfile.mkdtemp(prefix="repair-metrics-")), True
    _metrics_dir.mkdir(parents=True, exist_ok=True)
    for _stale in _metrics_dir.glob("*.db"):  # counts of an earlier run would add up with ours
        _stale.unlink()
    os.environ[_SET_UP] = json.dumps([os.getpid(), str(_metrics_dir), _made_metrics_dir])
os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(_metrics_dir)


def child_exit(server: Any, worker: Any) -> None:
    """A worker has gone: its live gauges leave the metrics (its counters stay counted)."""
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid, str(_metrics_dir))  # type: ignore[no-untyped-call]


def on_exit(server: Any) -> None:
    """The master stops: a metrics directory made for this run goes with it."""
    if _made_metrics_dir:
        shutil.rmtree(_metrics_dir, ignore_errors=True)


# --- Logs: gunicorn's own in the app's format.
if str(_settings.get("LOG_FORMAT", "json")) == "json":
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "web.observability.JsonFormatter"}},
        "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}},
        # The app's own handler (web/observability.py) writes the rest; the root is left to it.
        "root": {"level": "INFO", "handlers": []},
        "loggers": {
            "gunicorn.error": {"level": "INFO", "handlers": ["stderr"], "propagate": False},
            "gunicorn.access": {"level": "INFO", "handlers": ["stderr"], "propagate": False},
        },
    }

bind = "127.0.0.1:8000"
workers = 2
preload_app = True

# The app answers every request by its deadline (REPAIR_DEADLINE, 10 s by default) plus the
# time to write the answer; gunicorn stops a worker silent for longer than `timeout`. So the
# timeout leaves the deadline room, and the deadline, not the timeout, ends slow requests.
_deadline = _settings["DEADLINE"]
timeout = max(30, math.ceil(float(_deadline or 0)) + 20)
graceful_timeout = 30

# A worker is replaced after this many requests, give or take the jitter (see the docstring
# above; measured in the README, "Load and memory"): Harper's cache fills within a few hundred
# distinct texts, then the worker still creeps up; a fresh fork starts from the master's pages.
max_requests = 500
max_requests_jitter = 50

# Gunicorn's defaults, stated: the request line, the number of headers and each header's
# size. Longer is refused before the app sees it, as JSON (414, 431 or 400).
limit_request_line = 4094
limit_request_fields = 100
limit_request_field_size = 8190


def _flask_app(server: Any) -> Any:
    # With preload_app the master loaded the app at start; wsgi() returns that same object.
    return server.app.wsgi()


def on_reload(server: Any) -> None:
    """HUP: reload the gazetteer in the master, before gunicorn forks the new workers."""
    from app import reload_gazetteer
    from gazetteer.loader import GazetteerError

    if not server.cfg.preload_app:
        return  # each new worker loads the app, and the gazetteer with it, by itself
    gc.unfreeze()  # so the old gazetteer's objects can be collected once replaced
    try:
        gazetteer = reload_gazetteer(_flask_app(server))
    except GazetteerError as exc:
        server.log.error("gazetteer reload failed; new workers keep the old gazetteer: %s", exc)
    else:
        server.log.info("gazetteer reloaded: %s, %d entries", gazetteer.version, len(gazetteer))
    gc.collect()


def pre_fork(server: Any, worker: Any) -> None:
    """Freeze everything loaded so far, so the workers' garbage collector never writes to it.

    Frozen objects are left out of collections; otherwise a collection in a worker touches
    every object's header and copies the gazetteer's pages (Python's ``gc.freeze`` docs).
    """
    gc.freeze()


_REASON_CODES = {
    400: "bad_request",
    403: "forbidden",
    414: "uri_too_long",
    417: "expectation_failed",
    431: "request_header_fields_too_large",
    500: "internal_error",
    501: "not_implemented",
    503: "timeout",  # only for a worker stopped by the timeout (JsonErrorsWorker)
}


def write_json_error(sock: Any, status_int: int, reason: str, mesg: str) -> None:
    """gunicorn's ``util.write_error`` with the API's error shape instead of an HTML page."""
    code = _REASON_CODES.get(status_int, "error")
    body = json.dumps({"error": {"code": code, "message": mesg or reason}}).encode("utf-8")
    head = (
        f"HTTP/1.1 {status_int} {reason}\r\nConnection: close\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    util.write_nonblock(sock, head.encode("latin-1") + body)


class JsonErrorsWorker(SyncWorker):
    """gunicorn's sync worker, answering its own errors in the API's JSON error shape."""

    def init_process(self) -> None:
        # Only in the worker: gunicorn writes every error it answers itself through this.
        util.write_error = write_json_error
        super().init_process()

    def handle_error(self, req: Any, client: Any, addr: Any, exc: BaseException) -> None:
        if isinstance(exc, SystemExit):
            # The timeout aborted the worker mid-request: say so, rather than "500".
            self.log.error("worker timed out on a request after %s s", self.cfg.timeout)
            message = f"the request took longer than the server's {self.cfg.timeout} s timeout"
            try:
                write_json_error(client, 503, "Service Unavailable", message)
            except Exception:
                self.log.debug("Failed to send the timeout error.")
            return
        super().handle_error(req, client, addr, exc)


worker_class = JsonErrorsWorker


def post_fork(server: Any, worker: Any) -> None:
    """In each worker: an admin reload there also HUPs the master, so all workers follow."""
    if server.cfg.preload_app:
        _flask_app(server).extensions["after_reload"] = partial(os.kill, server.pid, signal.SIGHUP)
