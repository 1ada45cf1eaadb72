"""The API's description: ``/openapi.json`` (generated from the request and answer models) and
``/docs``, a page of this service that shows it (its script is served from here, no CDN)."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, render_template

from repair.openapi import document

blueprint = Blueprint("docs", __name__)


@blueprint.get("/openapi.json")
def openapi() -> Response:
    """GET /openapi.json: the OpenAPI 3.1 document."""
    return jsonify(document())


@blueprint.get("/docs")
def docs() -> str:
    """GET /docs: the API described for people (static/api.js renders /openapi.json)."""
    return render_template("api.html")
