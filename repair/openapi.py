"""The OpenAPI 3.1 document of the service, generated from the pydantic models that validate
requests (repair/request.py, repair/ltcompat.py) and describe answers (repair/schemas.py).

Only the list of routes is written here; every schema comes from a model.
"""

from __future__ import annotations

from functools import cache
from typing import Any, Literal

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from repair import schemas
from repair.ltcompat import CheckRequest
from repair.request import BatchRequest, RepairRequest

REF = "#/components/schemas/{model}"

# (model, mode): requests are described as validated, answers as serialised.
MODELS: tuple[tuple[type[BaseModel], Literal["validation", "serialization"]], ...] = (
    (RepairRequest, "validation"),
    (BatchRequest, "validation"),
    (CheckRequest, "validation"),
    (schemas.ErrorAnswer, "serialization"),
    (schemas.RepairAnswer, "serialization"),
    (schemas.BatchAnswer, "serialization"),
    (schemas.LookupAnswer, "serialization"),
    (schemas.EntryAnswer, "serialization"),
    (schemas.ReloadAnswer, "serialization"),
    (schemas.HealthAnswer, "serialization"),
    (schemas.ReadyAnswer, "serialization"),
    (schemas.CheckAnswer, "serialization"),
    (schemas.LanguageOut, "serialization"),
)


def _ref(model: type[BaseModel]) -> dict[str, str]:
    return {"$ref": REF.format(model=model.__name__)}


def _json(model: type[BaseModel] | dict[str, Any]) -> dict[str, Any]:
    schema = model if isinstance(model, dict) else _ref(model)
    return {"application/json": {"schema": schema}}


def _answer(description: str, model: type[BaseModel] | dict[str, Any]) -> dict[str, Any]:
    return {"description": description, "content": _json(model)}


def _errors(*statuses: int) -> dict[str, Any]:
    meaning = {
        400: "the request is malformed or a field is wrong",
        401: "an API key is required (REPAIR_API_KEYS is set) and none or a wrong one was sent",
        403: "not allowed from this host",
        404: "no such thing",
        413: "the text (or the batch) is over the limit",
        415: "the body is not of the media type this route reads",
        422: "the gazetteer files are broken; the old gazetteer keeps serving",
        429: "over the rate limit: wait for Retry-After seconds",
        503: "not ready",
    }
    return {str(status): _answer(meaning[status], schemas.ErrorAnswer) for status in statuses}


def _operation(
    summary: str,
    description: str,
    answer: dict[str, Any],
    errors: tuple[int, ...],
    *,
    body: dict[str, Any] | None = None,
    parameters: list[dict[str, Any]] | None = None,
    secured: bool = True,
    tag: str = "repair",
) -> dict[str, Any]:
    operation: dict[str, Any] = {
        "summary": summary,
        "description": description,
        "tags": [tag],
        "responses": {"200": answer, **_errors(*errors), "500": _answer("an unexpected failure", schemas.ErrorAnswer)},
    }
    if body is not None:
        operation["requestBody"] = {"required": True, "content": body}
    if parameters:
        operation["parameters"] = parameters
    # With REPAIR_API_KEYS set, a key; without, none ({} makes it optional).
    operation["security"] = [{"apiKey": []}, {}] if secured else []
    return operation


@cache
def document() -> dict[str, Any]:
    """The OpenAPI 3.1 document (the same object each call: do not change it)."""
    _, top = models_json_schema(MODELS, ref_template=REF)
    components = top.get("$defs", {})
    keyed = (400, 401, 429)
    paths: dict[str, Any] = {
        "/v1/repair": {
            "post": _operation(
                "Repair one article",
                "Officials' names repaired (confident fixes applied, others listed), grammar"
                " suggestions and an exact diff. `format: html` reads HTML; `offsets: utf16` counts"
                " UTF-16 units.",
                _answer("the repaired text, its corrections, suggestions and diff", schemas.RepairAnswer),
                (*keyed, 413, 415),
                body=_json(RepairRequest),
            )
        },
        "/v1/repair/batch": {
            "post": _operation(
                "Repair many documents",
                "Documents answered in order, each with its id; a document's own error is its"
                " item's `error`, in the API's error shape.",
                _answer("one item per document, in order", schemas.BatchAnswer),
                (*keyed, 413, 415),
                body=_json(BatchRequest),
            )
        },
        "/v1/gazetteer": {
            "get": _operation(
                "Look a name up",
                "The people a typed name most likely means, best first.",
                _answer("candidates, best first", schemas.LookupAnswer),
                keyed,
                parameters=[
                    {"name": "q", "in": "query", "required": True, "schema": {"type": "string", "maxLength": 200}},
                    {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 50}},
                ],
                tag="gazetteer",
            )
        },
        "/v1/gazetteer/{entry_id}": {
            "get": _operation(
                "One gazetteer entry",
                "An entry by its id.",
                _answer("the entry", schemas.EntryAnswer),
                (*keyed, 404),
                parameters=[{"name": "entry_id", "in": "path", "required": True, "schema": {"type": "string"}}],
                tag="gazetteer",
            )
        },
        "/v1/admin/reload": {
            "post": _operation(
                "Reload the gazetteer",
                "Re-reads the gazetteer files; with REPAIR_ADMIN_TOKEN set, send it as a bearer"
                " token, else call from this machine.",
                _answer("the new gazetteer", schemas.ReloadAnswer),
                (401, 403, 422),
                tag="admin",
                secured=False,
            )
        },
        "/v2/check": {
            "post": _operation(
                "Check a text, as LanguageTool does",
                "LanguageTool's own API: name fixes are matches of rule OFFICIAL_NAME (category"
                " OFFICIAL_NAMES) beside the grammar engine's matches; offsets in UTF-16 units.",
                _answer("LanguageTool's answer", schemas.CheckAnswer),
                (*keyed, 413, 415),
                body={"application/x-www-form-urlencoded": {"schema": _ref(CheckRequest)}},
                tag="languagetool",
            )
        },
        "/v2/languages": {
            "get": _operation(
                "Languages, as LanguageTool lists them",
                "Every language code the service accepts.",
                _answer("the languages", {"type": "array", "items": _ref(schemas.LanguageOut)}),
                (),
                tag="languagetool",
                secured=False,
            )
        },
        "/healthz": {
            "get": _operation(
                "Alive", "The process answers.", _answer("alive", schemas.HealthAnswer), (), tag="operation", secured=False
            )
        },
        "/readyz": {
            "get": _operation(
                "Ready",
                "The gazetteer is loaded and the grammar engine answers (or is off).",
                _answer("ready", schemas.ReadyAnswer),
                (503,),
                tag="operation",
                secured=False,
            )
        },
        "/metrics": {
            "get": {
                "summary": "Prometheus metrics",
                "description": "Requests by route and status, latency per stage, fixes, grammar failures.",
                "tags": ["operation"],
                "security": [],
                "responses": {
                    "200": {"description": "the metrics", "content": {"text/plain": {"schema": {"type": "string"}}}}
                },
            }
        },
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Article text-repair service",
            "version": "1.0",
            "description": "Repairs officials' names in articles, with grammar suggestions and an exact"
            " diff; also answers LanguageTool's API (/v2). Errors are all"
            ' `{"error": {"code", "message"}}`.',
        },
        "paths": paths,
        "components": {
            "schemas": components,
            "securitySchemes": {
                "apiKey": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "one of REPAIR_API_KEYS, as `Authorization: Bearer <key>` (only when keys are set)",
                }
            },
        },
    }
