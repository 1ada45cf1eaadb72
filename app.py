"""The HTTP face of the repair pipeline: a JSON API for a CMS and a small form for editors.

Run it with ``flask --app app run`` or ``gunicorn -c gunicorn.conf.py 'app:create_app()'``.
Settings come from SETTINGS (repair/config.py, shared with the command line and batch jobs),
then from ``REPAIR_*`` environment variables, then from ``test_config``.

The LanguageTool-compatible API (/v2), the API's description (/openapi.json, /docs), keys,
CORS and rate limits, and request ids, logs, metrics and health are in web/.

The gazetteer can be reloaded without a restart (``reload_gazetteer``): by ``POST
/v1/admin/reload``, by SIGHUP to a plain process, or by HUP to gunicorn's master.
"""

from __future__ import annotations

import hmac
import ipaddress
import logging
import os
import re
import signal
import threading
import weakref
from dataclasses import replace
from pathlib import Path
from types import FrameType
from typing import Any

from flask import Flask, Response, current_app, jsonify, render_template, request
from werkzeug.exceptions import BadRequest, HTTPException, RequestEntityTooLarge

from gazetteer.index import load_index
from gazetteer.loader import Entry, Gazetteer, GazetteerError
from repair import Repairer
from repair.answer import error_json, gazetteer_json, result_json
from repair.config import build_repairer, default_options, gazetteer_paths, settings
from repair.documents import answer_batch
from repair.errors import InvalidRequest, RepairError, TextTooLong
from repair.names import lookup
from repair.request import read_request
from web import docs, languagetool
from web.observability import init_observability, note_text, record_result
from web.security import init_security

log = logging.getLogger(__name__)

# Lookup answers are for pickers: a page of candidates, for a name, not an article.
MAX_LOOKUP_LIMIT = 50
MAX_QUERY_CHARS = 200
WIKIDATA_URL = "https://www.wikidata.org/wiki/"


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the app: settings, then the gazetteer and grammar engine, then routes."""
    app = Flask(__name__)
    # Defaults, then REPAIR_* variables, then test_config: the command line reads them alike.
    app.config.from_mapping(settings(os.environ, test_config))
    # A body longer than the longest text can be is refused from its Content-Length, or
    # while it streams in, before it is read whole (Flask's own default is no limit).
    if app.config.get("MAX_CONTENT_LENGTH") is None:
        app.config["MAX_CONTENT_LENGTH"] = max_body_bytes(int(app.config["MAX_TEXT_CHARS"]))
    app.config["MAX_FORM_MEMORY_SIZE"] = app.config["MAX_CONTENT_LENGTH"]
    # Logs and request ids first, so that everything after is logged with them.
    init_observability(app)

    # Reloads re-read exactly these files, so the paths are fixed here, once.
    paths = gazetteer_paths(app.config)
    repairer = build_repairer(app.config)
    gazetteer = repairer.index.gazetteer
    repairer.warm_up()
    # The live Repairer (and its index). Requests read this slot once each; reloads replace it.
    app.extensions["repair"] = repairer
    app.extensions["gazetteer_paths"] = paths
    app.extensions["gazetteer_lock"] = threading.Lock()
    log.info("gazetteer %s: %d entries", gazetteer.version, len(gazetteer))
    if app.config["RELOAD_ON_SIGHUP"]:
        _reload_on_sighup(app)

    init_security(app)
    app.add_url_rule("/v1/repair", view_func=repair_api, methods=["POST"])
    app.add_url_rule("/v1/repair/batch", view_func=repair_batch, methods=["POST"])
    app.register_blueprint(languagetool.blueprint)
    app.register_blueprint(docs.blueprint)
    app.add_url_rule("/v1/gazetteer", view_func=gazetteer_lookup)
    app.add_url_rule("/v1/gazetteer/<entry_id>", view_func=gazetteer_entry)
    app.add_url_rule("/v1/admin/reload", view_func=admin_reload, methods=["POST"])
    app.add_url_rule("/", view_func=form, methods=["GET", "POST"])
    app.after_request(security_headers)
    app.register_error_handler(RepairError, repair_error)
    app.register_error_handler(GazetteerError, gazetteer_error)
    app.register_error_handler(HTTPException, http_error)
    app.register_error_handler(Exception, unexpected_error)
    return app


def _repairer() -> Repairer:
    # Read once per request and passed on, so one answer never mixes two gazetteers.
    repairer: Repairer = current_app.extensions["repair"]
    return repairer


def reload_gazetteer(app: Flask) -> Gazetteer:
    """Re-read the gazetteer files named at start, index them, and swap the new index in whole.

    The one place reloading happens: the admin endpoint, SIGHUP and gunicorn's ``on_reload``
    hook all call it. Until the single assignment below, requests use the old Repairer.

    :raises GazetteerError: a file is missing or malformed; the old gazetteer keeps serving.
    """
    # One reload at a time, so a slow, older reload cannot overwrite a newer one.
    with app.extensions["gazetteer_lock"]:
        index = load_index(app.extensions["gazetteer_paths"])
        gazetteer = index.gazetteer
        # The grammar engine is kept: each check is filtered by the live index's names.
        app.extensions["repair"] = replace(app.extensions["repair"], index=index)
    log.info("gazetteer reloaded: %s, %d entries", gazetteer.version, len(gazetteer))
    return gazetteer


def _reload_on_sighup(app: Flask) -> None:
    """Reload on SIGHUP, off the main thread so the server keeps answering meanwhile.

    For a plain process (``flask run``, a single-process server). Under gunicorn the master
    installs its own HUP handler after loading the app and reloads through ``on_reload``.
    """
    if not hasattr(signal, "SIGHUP") or threading.current_thread() is not threading.main_thread():
        return
    # A weak reference: the handler must not keep a discarded app (in tests, say) alive.
    app_ref = weakref.ref(app)

    def reload_in_background(_signum: int, _frame: FrameType | None) -> None:
        target = app_ref()
        if target is not None:
            threading.Thread(target=_reload_logged, args=(target,), name="gazetteer-reload", daemon=True).start()

    signal.signal(signal.SIGHUP, reload_in_background)


def _reload_logged(app: Flask) -> None:
    try:
        reload_gazetteer(app)
    except GazetteerError as exc:
        version = app.extensions["repair"].index.gazetteer.version
        log.error("gazetteer reload failed; still serving %s: %s", version, exc)


def repair_api() -> Response:
    """POST /v1/repair: JSON in, repaired text, corrections, suggestions and diff out."""
    body = _json_body()
    if isinstance(body, Response):
        return body
    text, options = read_request(body, default_options(current_app.config))
    note_text(text)
    repairer = _repairer()
    result = repairer.repair(text, options)
    record_result(result)
    return jsonify(result_json(result, options, gazetteer_json(repairer.index.gazetteer)))


def repair_batch() -> Response:
    """POST /v1/repair/batch: many documents with their ids, answered in order."""
    config = current_app.config
    # A batch may carry more text than one article: its own limit on the body.
    request.max_content_length = max_body_bytes(int(config["BATCH_MAX_CHARS"]))
    body = _json_body()
    if isinstance(body, Response):
        return body
    if isinstance(body, dict) and isinstance(body.get("documents"), list):
        note_text("\n".join(str(d.get("text", "")) for d in body["documents"] if isinstance(d, dict)))
    answer = answer_batch(
        _repairer(),
        body,
        default_options(config),
        max_documents=int(config["BATCH_MAX_DOCUMENTS"]),
        max_chars=int(config["BATCH_MAX_CHARS"]),
        on_result=record_result,
    )
    return jsonify(answer)


def _json_body() -> Any:
    """The request's parsed JSON body, or the error answer if it has none."""
    if not request.is_json:
        return error_response(415, "unsupported_media_type", "send the request as application/json")
    unreadable = _unreadable_body()
    if unreadable is not None:
        return unreadable
    try:
        return request.get_json()
    except BadRequest:
        return error_response(400, "invalid_json", "the request body is not valid JSON (in UTF-8)")
    except RecursionError:  # the parser gives up on JSON nested too deeply, at once
        return error_response(400, "invalid_json", "the request body is JSON nested too deeply")


def _unreadable_body() -> Response | None:
    """Read the request body (kept for parsing); the error answer if it cannot be read.

    :raises RequestEntityTooLarge: the body is over MAX_CONTENT_LENGTH.
    """
    try:
        data = request.get_data()
    except HTTPException:
        raise  # over the limit by Content-Length (413), or the client went away (400)
    except Exception as exc:  # the server's own parser: a malformed chunked body, say
        return error_response(400, "bad_request", f"the request body could not be read: {exc}")
    # Werkzeug stops reading a body sent without a Content-Length (chunked) at the limit and
    # hands back what it read, cut short: a body that reaches the limit is over it.
    limit = request.max_content_length
    if request.content_length is None and limit is not None and len(data) >= limit:
        raise RequestEntityTooLarge()
    return None


# --- The editor's form -------------------------------------------------------------------
# Plain HTML that works without JavaScript; static/form.js turns it into an interactive
# redline over /v1/repair. Everything it needs is served from here: the service must work
# on a closed network.

# The bundled example, served as a static file too (static/form.js fetches it).
EXAMPLE_ARTICLE = "examples/machine-translated-article.txt"

# No inline script or style, nothing from another origin; fetch only from this service.
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)


def form() -> str | tuple[str, int] | Response:
    """GET /: the editor's form (``?example=1`` fills in the example); POST /: form and result."""
    fields: dict[str, Any] = {"text": "", "language": "en-US", "mode": "apply", "grammar": True}
    max_chars = int(current_app.config["MAX_TEXT_CHARS"])
    if request.method == "GET":
        if request.args.get("example"):
            fields["text"] = example_article()
        return render_template("form.html", fields=fields, result=None, error=None, max_chars=max_chars)
    unreadable = _unreadable_body()
    if unreadable is not None:
        return unreadable
    fields = {
        "text": request.form.get("text", ""),
        "language": request.form.get("language", "en-US"),
        "mode": request.form.get("mode", "apply"),
        "grammar": request.form.get("grammar") == "on",
    }
    options = default_options(
        current_app.config,
        language=str(fields["language"]),
        mode=fields["mode"],
        grammar=bool(fields["grammar"]),
    )
    note_text(str(fields["text"]))
    try:
        result = _repairer().repair(str(fields["text"]), options)
        record_result(result)
    except RepairError as exc:
        status = 413 if isinstance(exc, TextTooLong) else 400
        page = render_template("form.html", fields=fields, result=None, error=str(exc), max_chars=max_chars)
        return page, status
    return render_template("form.html", fields=fields, result=result, error=None, max_chars=max_chars)


def example_article() -> str:
    """The bundled example article (a machine translation with mangled names)."""
    folder = current_app.static_folder
    assert folder is not None  # Flask(__name__) always has one
    return (Path(folder) / EXAMPLE_ARTICLE).read_text(encoding="utf-8")


def security_headers(response: Response) -> Response:
    """Add the Content-Security-Policy and its companions to every answer."""
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    return response


# --- Gazetteer lookup, admin, health, errors ------------------------------------------


def gazetteer_lookup() -> Response:
    """GET /v1/gazetteer?q=&limit=: the people a typed name most likely means, best first."""
    query = " ".join(request.args.get("q", "").split())
    if not query:
        raise InvalidRequest("'q' is required: the name to look up")
    if len(query) > MAX_QUERY_CHARS:
        raise InvalidRequest(f"'q' is {len(query)} characters; the maximum is {MAX_QUERY_CHARS}")
    raw_limit = request.args.get("limit", "10")
    # Digits only: int() would also take "+5", " 5" and "1_0".
    if not re.fullmatch(r"[0-9]{1,3}", raw_limit) or not 1 <= int(raw_limit) <= MAX_LOOKUP_LIMIT:
        raise InvalidRequest(f"'limit' must be a whole number from 1 to {MAX_LOOKUP_LIMIT}, not {raw_limit!r}")
    index = _repairer().index
    hits = lookup(query, index, limit=int(raw_limit))
    return jsonify(
        {
            "query": query,
            "candidates": [
                {"score": hit.score, "reason": hit.reason, "entry": entry_json(index.entries[hit.entry_id])}
                for hit in hits
            ],
            "gazetteer": gazetteer_json(index.gazetteer),
        }
    )


def gazetteer_entry(entry_id: str) -> Response:
    """GET /v1/gazetteer/<id>: one entry."""
    entry = _repairer().index.entries.get(entry_id)
    if entry is None:
        return error_response(404, "not_found", f"no gazetteer entry has the id {entry_id!r}")
    return jsonify({"entry": entry_json(entry)})


def admin_reload() -> Response:
    """POST /v1/admin/reload: re-read the gazetteer files and serve the new gazetteer.

    A broken file answers 422 ``gazetteer_error`` and the old gazetteer keeps serving.
    """
    refusal = _admin_refusal()
    if refusal is not None:
        return refusal
    app: Flask = current_app._get_current_object()  # type: ignore[attr-defined]
    gazetteer = reload_gazetteer(app)
    # Under gunicorn this process is one worker of several: gunicorn.conf.py sets this to
    # HUP the master, which reloads too and replaces every worker.
    after_reload = app.extensions.get("after_reload")
    if after_reload is not None:
        after_reload()
    return jsonify({"gazetteer": gazetteer_json(gazetteer), "reloaded": True})


def _admin_refusal() -> Response | None:
    """None if the request may use the admin API, else the error answer."""
    token = current_app.config["ADMIN_TOKEN"]
    if token is not None and str(token) != "":
        auth = request.authorization
        given = auth.token if auth is not None and auth.type == "bearer" else None
        if given is None or not hmac.compare_digest(given.encode(), str(token).encode()):
            response = error_response(401, "unauthorized", "send 'Authorization: Bearer <REPAIR_ADMIN_TOKEN>'")
            response.headers["WWW-Authenticate"] = "Bearer"
            return response
        return None
    # Without a token only this machine may reload (behind a local proxy, set a token).
    if not _is_loopback(request.remote_addr):
        return error_response(403, "forbidden", "set REPAIR_ADMIN_TOKEN to use the admin API from another host")
    return None


def _is_loopback(address: str | None) -> bool:
    try:
        ip = ipaddress.ip_address(address or "")
    except ValueError:
        return False
    mapped = ip.ipv4_mapped if isinstance(ip, ipaddress.IPv6Address) else None
    return ip.is_loopback or (mapped is not None and mapped.is_loopback)


def entry_json(entry: Entry) -> dict[str, Any]:
    """One gazetteer entry as the API shows it."""
    qid = entry.wikidata
    return {
        "id": entry.id,
        "name": entry.name,
        "surname": entry.surname,
        "aliases": list(entry.aliases),
        "surname_variants": list(entry.surname_variants),
        "role": entry.role,
        "country": entry.country,
        "kind": entry.kind,
        "prominence": entry.prominence,
        "roles": [
            {"title": role.title, "country": role.country, "start": role.start, "end": role.end}
            for role in entry.roles
        ],
        "wikidata": qid,
        "wikidata_url": f"{WIKIDATA_URL}{qid}" if qid else None,
    }


def max_body_bytes(max_chars: int) -> int:
    """The longest request body a text of ``max_chars`` characters can make: a character
    beyond the Basic Multilingual Plane is 12 bytes as a JSON escape ("\\ud83d\\ude00") or
    in a form (%F0%9F%98%80), plus room for the other fields."""
    return max_chars * 12 + 65536


def error_response(status: int, code: str, message: str) -> Response:
    """The one error shape: ``{"error": {"code": ..., "message": ...}}``."""
    response = jsonify(error_json(code, message))
    response.status_code = status
    return response


def repair_error(exc: RepairError) -> Response:
    status = 413 if isinstance(exc, TextTooLong) else 400
    return error_response(status, exc.code, str(exc))


def gazetteer_error(exc: GazetteerError) -> Response:
    # 422: the reload was understood, but the files it was asked to read are not a valid
    # gazetteer. Nothing failed in the service (not 500), and it still serves (not 503).
    version = _repairer().index.gazetteer.version
    return error_response(422, "gazetteer_error", f"reload failed: {exc}; still serving gazetteer {version}")


def http_error(exc: HTTPException) -> Response:
    # A body over MAX_CONTENT_LENGTH is refused before it is read: it is a text too long.
    code = "text_too_long" if exc.code == 413 else (exc.name or "error").lower().replace(" ", "_")
    return error_response(exc.code or 500, code, exc.description or exc.name or "error")


def unexpected_error(exc: Exception) -> Response:
    log.exception("unexpected error")
    return error_response(500, "internal_error", "the service failed on this request; it has been logged")
