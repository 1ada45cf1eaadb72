"""What the service tells its operators: a request id on every answer, structured JSON logs,
Prometheus metrics (right under several gunicorn workers), and /healthz and /readyz.

- Request id: ``X-Request-ID`` as sent (when it is a sane token), else a new one; echoed on
  the answer and on every log line written while the request runs.
- Logs: one JSON object a line on standard error; an access line per request with route,
  status, duration, client and key id, and the article's text only when ``LOG_TEXT`` is on.
- Metrics: prometheus-client. Under gunicorn, ``PROMETHEUS_MULTIPROC_DIR`` is set by
  gunicorn.conf.py before the app is loaded, and /metrics adds up every worker's files.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sys
import time
import uuid
from datetime import UTC, datetime
from typing import Any, TextIO

from flask import Flask, Response, current_app, g, has_request_context, jsonify, request
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)

from repair.answer import error_json, gazetteer_json
from repair.grammar import check_grammar
from repair.models import RepairResult

REQUEST_ID_HEADER = "X-Request-ID"
_SANE_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")

# --- Metrics ---------------------------------------------------------------------------------
# Module-level, as prometheus-client expects: one set per process (under gunicorn, each
# worker writes its own files in the shared directory).

REQUESTS = Counter("repair_http_requests_total", "HTTP requests answered, by route, method and status",
                   ["route", "method", "status"])  # fmt: skip
LATENCY = Histogram(
    "repair_http_request_duration_seconds",
    "Time to answer a request, by route",
    ["route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
STAGE_LATENCY = Histogram(
    "repair_stage_duration_seconds",
    "Time each pipeline stage took for one text: names, diff, grammar",
    ["stage"],
    buckets=(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10),
)
FIXES = Counter("repair_name_fixes_total", "Name fixes found: applied, or only suggested", ["kind"])
GRAMMAR_SUGGESTIONS = Counter("repair_grammar_suggestions_total", "Grammar suggestions returned", ["engine"])
GRAMMAR_FAILURES = Counter(
    "repair_grammar_failures_total", "Grammar checks that failed or timed out (status unavailable)", ["engine"]
)


def record_result(result: RepairResult) -> None:
    """Count one repaired text: its stages' times, its fixes, its grammar outcome."""
    for stage, milliseconds in result.timings_ms.items():
        STAGE_LATENCY.labels(stage).observe(milliseconds / 1000)
    applied = sum(1 for c in result.corrections if c.applied)
    FIXES.labels("applied").inc(applied)
    FIXES.labels("suggested").inc(len(result.corrections) - applied)
    if result.grammar.status == "unavailable":
        GRAMMAR_FAILURES.labels(result.grammar.engine).inc()
    elif result.suggestions:
        GRAMMAR_SUGGESTIONS.labels(result.grammar.engine).inc(len(result.suggestions))


def metrics() -> Response:
    """GET /metrics: Prometheus's text format, every gunicorn worker's counts added up."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        data = generate_latest(registry)
    else:
        data = generate_latest(REGISTRY)
    return Response(data, mimetype=CONTENT_TYPE_LATEST.split(";")[0])


# --- Logs ------------------------------------------------------------------------------------


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time, level, logger, message, the request id and any
    ``extra`` fields of the record."""

    RESERVED = frozenset({*vars(logging.makeLogRecord({})), "message", "asctime"})

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in self.RESERVED and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


class RequestIdFilter(logging.Filter):
    """Puts the current request's id on every record written while it runs."""

    def filter(self, record: logging.LogRecord) -> bool:
        if has_request_context() and "request_id" in g and not hasattr(record, "request_id"):
            record.request_id = g.request_id
        return True


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever ``sys.stderr`` is at the time (test runners swap it)."""

    @property
    def stream(self) -> TextIO:
        return sys.stderr

    @stream.setter
    def stream(self, _value: TextIO) -> None:
        pass


def configure_logging(log_format: str, level: str) -> None:
    """Log to standard error, as JSON or plain lines, once per process."""
    root = logging.getLogger()
    handler = next((h for h in root.handlers if isinstance(h, _StderrHandler)), None)
    if handler is None:
        handler = _StderrHandler()
        handler.addFilter(RequestIdFilter())
        root.addHandler(handler)
    if log_format == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.setLevel(level.upper())


access_log = logging.getLogger("repair.access")


# --- Request ids, the access line, metrics per request ---------------------------------------


def _route() -> str:
    # The rule, not the path: /v1/gazetteer/<entry_id> is one route, whatever the id.
    rule = request.url_rule
    return rule.rule if rule is not None else "unmatched"


def start_request() -> None:
    """Before each request: its id and start time."""
    given = request.headers.get(REQUEST_ID_HEADER, "")
    g.request_id = given if _SANE_ID.fullmatch(given) else uuid.uuid4().hex
    g.started = time.perf_counter()


def finish_request(response: Response) -> Response:
    """After each request: echo its id, count it, and write its access line."""
    request_id = g.get("request_id") or uuid.uuid4().hex
    response.headers[REQUEST_ID_HEADER] = request_id
    seconds = time.perf_counter() - g.get("started", time.perf_counter())
    route = _route()
    REQUESTS.labels(route, request.method, str(response.status_code)).inc()
    LATENCY.labels(route).observe(seconds)
    fields: dict[str, Any] = {
        "request_id": request_id,
        "method": request.method,
        "path": request.path,
        "route": route,
        "status": response.status_code,
        "duration_ms": round(seconds * 1000, 3),
        "client": request.remote_addr,
    }
    if g.get("key_id"):
        fields["key_id"] = g.key_id
    if g.get("text_chars") is not None:
        fields["text_chars"] = g.text_chars
        if current_app.config["LOG_TEXT"] and g.get("log_text") is not None:
            fields["text"] = g.log_text
    access_log.info("%s %s %s", request.method, request.path, response.status_code, extra=fields)
    return response


def note_text(text: str) -> None:
    """Tell the access line how long the request's text was (and the text, if configured)."""
    g.text_chars = len(text)
    g.log_text = text


# --- Health ----------------------------------------------------------------------------------


def health() -> Response:
    """GET /healthz: the process is alive and has a gazetteer."""
    return jsonify({"status": "ok", "gazetteer": gazetteer_json(current_app.extensions["repair"].index.gazetteer)})


def ready() -> Response:
    """GET /readyz: the gazetteer is loaded and the grammar engine answers (or is off); else 503."""
    repairer = current_app.extensions["repair"]
    gazetteer = repairer.index.gazetteer
    if len(gazetteer) == 0:
        return _not_ready("the gazetteer is empty")
    if repairer.engine is None:
        grammar = {"engine": "none", "status": "disabled", "reason": "no grammar engine is configured"}
    else:
        report = check_grammar(
            repairer.engine, "This is a test.", language="en-US", timeout=float(current_app.config["READY_TIMEOUT"])
        )
        if report.status != "ok":
            return _not_ready(f"the grammar engine {report.engine} does not answer: {report.reason}")
        grammar = {"engine": report.engine, "status": report.status, "reason": report.reason}
    return jsonify({"status": "ready", "gazetteer": gazetteer_json(gazetteer), "grammar": grammar})


def _not_ready(message: str) -> Response:
    response = jsonify(error_json("not_ready", message))
    response.status_code = 503
    return response


def init_observability(app: Flask) -> None:
    """Logs, request ids, metrics and health routes for ``app``."""
    configure_logging(str(app.config["LOG_FORMAT"]), str(app.config["LOG_LEVEL"]))
    app.before_request(start_request)
    app.after_request(finish_request)
    app.add_url_rule("/healthz", view_func=health)
    app.add_url_rule("/readyz", view_func=ready)
    app.add_url_rule("/metrics", view_func=metrics)
