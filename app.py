"""The HTTP face of the repair pipeline: a JSON API for a CMS and a small form for editors.

Run it with ``flask --app app run`` or ``gunicorn 'app:create_app()'``. Settings come from
SETTINGS below, then from ``REPAIR_*`` environment variables, then from ``test_config``.
"""

from __future__ import annotations

import logging
from dataclasses import asdict
from typing import Any

from flask import Flask, Response, current_app, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from gazetteer.index import NameIndex
from gazetteer.loader import DEFAULT_PATH, load_gazetteer
from repair import RepairOptions, RepairResult, Repairer
from repair.errors import InvalidRequest, RepairError, TextTooLong
from repair.grammar import make_engine

log = logging.getLogger(__name__)

# One table of settings: (name, default, help). Each is read from REPAIR_<NAME> too.
SETTINGS: tuple[tuple[str, Any, str], ...] = (
    ("GRAMMAR_ENGINE", "harper", "harper (offline, default), languagetool, or none"),
    ("LANGUAGETOOL_URL", None, "LanguageTool server, e.g. http://127.0.0.1:8081"),
    ("GRAMMAR_TIMEOUT", 10.0, "seconds a grammar check may take before it is skipped"),
    ("MAX_TEXT_CHARS", 100_000, "longest text accepted, in characters"),
    ("GAZETTEER_PATH", str(DEFAULT_PATH), "the gazetteer file loaded first"),
    ("GAZETTEER_FILES", [], "extra gazetteer files (YAML or CSV) loaded after it, winning by id"),
    ("APPLY_THRESHOLD", 0.8, "confidence from which a name fix is applied"),
    ("SUGGEST_THRESHOLD", 0.45, "confidence from which a name fix is listed"),
)


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the app: settings, then the gazetteer and grammar engine, then routes."""
    app = Flask(__name__)
    app.config.from_mapping({name: default for name, default, _help in SETTINGS})
    app.config.from_prefixed_env("REPAIR")
    if test_config:
        app.config.from_mapping(test_config)
    max_chars = int(app.config["MAX_TEXT_CHARS"])
    # JSON escapes can make a body up to six bytes per character; past that, refuse early.
    app.config.setdefault("MAX_CONTENT_LENGTH", max_chars * 6 + 65536)

    gazetteer = load_gazetteer([app.config["GAZETTEER_PATH"], *_paths(app.config["GAZETTEER_FILES"])])
    index = NameIndex(gazetteer)
    engine = make_engine(
        str(app.config["GRAMMAR_ENGINE"]),
        languagetool_url=app.config["LANGUAGETOOL_URL"],
        timeout=float(app.config["GRAMMAR_TIMEOUT"]),
        known_words=index.known_words,
    )
    repairer = Repairer(
        index, engine, grammar_timeout=float(app.config["GRAMMAR_TIMEOUT"]), max_chars=max_chars
    )
    repairer.warm_up()
    app.extensions["repair"] = repairer
    log.info("gazetteer %s: %d entries", gazetteer.version, len(gazetteer))

    app.add_url_rule("/v1/repair", view_func=repair_api, methods=["POST"])
    app.add_url_rule("/", view_func=form, methods=["GET", "POST"])
    app.add_url_rule("/healthz", view_func=health)
    app.register_error_handler(RepairError, repair_error)
    app.register_error_handler(HTTPException, http_error)
    app.register_error_handler(Exception, unexpected_error)
    return app


def _paths(value: Any) -> list[str]:
    # From the environment this is JSON (a list) or plain text ("a.yaml:b.csv").
    if isinstance(value, str):
        return [p for p in value.split(":") if p]
    return [str(p) for p in value or []]


def _repairer() -> Repairer:
    repairer: Repairer = current_app.extensions["repair"]
    return repairer


def repair_api() -> Response:
    """POST /v1/repair: JSON in, repaired text, corrections, suggestions and diff out."""
    if not request.is_json:
        return error_response(415, "unsupported_media_type", "send the request as application/json")
    body = request.get_json(silent=True)
    if body is None:
        return error_response(400, "invalid_json", "the request body is not valid JSON")
    if not isinstance(body, dict):
        raise InvalidRequest("the request body must be a JSON object")
    text = body.get("text")
    if not isinstance(text, str):
        raise InvalidRequest("'text' is required and must be a string")
    options = RepairOptions(
        language=_field(body, "language", str, "en-US"),
        mode=_field(body, "mode", str, "apply"),
        grammar=_field(body, "grammar", bool, True),
        apply_threshold=float(current_app.config["APPLY_THRESHOLD"]),
        suggest_threshold=float(current_app.config["SUGGEST_THRESHOLD"]),
    )
    result = _repairer().repair(text, options)
    return jsonify(result_json(result, options))


def _field(body: dict[str, Any], name: str, kind: type, default: Any) -> Any:
    value = body.get(name, default)
    # bool is an int in Python and an int is no bool: check the exact type.
    if type(value) is not kind:
        raise InvalidRequest(f"'{name}' must be a {'boolean' if kind is bool else 'string'}")
    return value


def result_json(result: RepairResult, options: RepairOptions) -> dict[str, Any]:
    """The API's answer for one result."""
    gazetteer = _repairer().index.gazetteer
    return {
        "text": result.text,
        "corrections": [asdict(c) for c in result.corrections],
        "suggestions": [
            {
                "start": s.start,
                "end": s.end,
                "message": s.message,
                "replacements": list(s.replacements),
                "rule": {"id": s.rule_id, "category": s.rule_category},
                "engine": s.engine,
            }
            for s in result.suggestions
        ],
        "suggested_text": result.suggested_text,
        "diff": {
            "ops": [asdict(op) for op in result.diff.ops],
            "unified": result.diff.unified,
            "html": result.diff.html,
        },
        "meta": {
            "language": options.language,
            "mode": options.mode,
            "grammar": {
                "engine": result.grammar.engine,
                "status": result.grammar.status,
                "reason": result.grammar.reason,
            },
            "gazetteer": {"version": gazetteer.version, "size": len(gazetteer)},
            "timings_ms": result.timings_ms,
        },
    }


def form() -> str | tuple[str, int]:
    """GET /: the editor's form; POST /: the same form with the result below it."""
    fields = {"text": "", "language": "en-US", "mode": "apply", "grammar": True}
    if request.method == "GET":
        return render_template("form.html", fields=fields, result=None, error=None)
    fields = {
        "text": request.form.get("text", ""),
        "language": request.form.get("language", "en-US"),
        "mode": request.form.get("mode", "apply"),
        "grammar": request.form.get("grammar") == "on",
    }
    options = RepairOptions(
        language=str(fields["language"]),
        mode=fields["mode"],  # type: ignore[arg-type]
        grammar=bool(fields["grammar"]),
        apply_threshold=float(current_app.config["APPLY_THRESHOLD"]),
        suggest_threshold=float(current_app.config["SUGGEST_THRESHOLD"]),
    )
    try:
        result = _repairer().repair(str(fields["text"]), options)
    except RepairError as exc:
        status = 413 if isinstance(exc, TextTooLong) else 400
        return render_template("form.html", fields=fields, result=None, error=str(exc)), status
    return render_template("form.html", fields=fields, result=result, error=None)


def health() -> Response:
    """GET /healthz: alive, with the gazetteer version and size."""
    gazetteer = _repairer().index.gazetteer
    return jsonify({"status": "ok", "gazetteer": {"version": gazetteer.version, "size": len(gazetteer)}})


def error_response(status: int, code: str, message: str) -> Response:
    """The one error shape: ``{"error": {"code": ..., "message": ...}}``."""
    response = jsonify({"error": {"code": code, "message": message}})
    response.status_code = status
    return response


def repair_error(exc: RepairError) -> Response:
    status = 413 if isinstance(exc, TextTooLong) else 400
    return error_response(status, exc.code, str(exc))


def http_error(exc: HTTPException) -> Response:
    # A body over MAX_CONTENT_LENGTH is refused before it is read: it is a text too long.
    code = "text_too_long" if exc.code == 413 else (exc.name or "error").lower().replace(" ", "_")
    return error_response(exc.code or 500, code, exc.description or exc.name or "error")


def unexpected_error(exc: Exception) -> Response:
    log.exception("unexpected error")
    return error_response(500, "internal_error", "the service failed on this request; it has been logged")
