"""LanguageTool's HTTP API on this service: ``POST /v2/check`` and ``GET /v2/languages``.

The routes read the form and answer; repair/ltcompat.py does the rest.
"""

from __future__ import annotations

import json

from flask import Blueprint, Response, current_app, jsonify, request

from repair.config import default_options
from repair.errors import InvalidRequest
from repair.ltcompat import check, languages
from web.observability import note_text, record_result

blueprint = Blueprint("languagetool", __name__, url_prefix="/v2")


@blueprint.post("/check")
def check_text() -> Response:
    """POST /v2/check: LanguageTool's form in, LanguageTool's JSON out (name fixes included)."""
    if request.mimetype not in ("application/x-www-form-urlencoded", "multipart/form-data"):
        response = jsonify({"error": {"code": "unsupported_media_type",
                                      "message": "send the form as application/x-www-form-urlencoded"}})  # fmt: skip
        response.status_code = 415
        return response
    fields = request.form.to_dict()
    if not fields and request.get_data():
        raise InvalidRequest("the form could not be read")
    text = fields.get("text") or fields.get("data") or ""
    note_text(text)
    answer, result = check(current_app.extensions["repair"], fields, default_options(current_app.config))
    record_result(result)
    # In LanguageTool's own order of fields (jsonify would sort them).
    return current_app.response_class(json.dumps(answer, ensure_ascii=False), mimetype="application/json")


@blueprint.get("/languages")
def list_languages() -> Response:
    """GET /v2/languages: the languages the service accepts, as LanguageTool lists them."""
    return jsonify(languages())
