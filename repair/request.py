"""Requests as the API reads them, without HTTP: pydantic models that both validate request
bodies (for the service, the command line and batch jobs alike) and describe them in the
OpenAPI document (repair/openapi.py), so that the two cannot drift apart."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, SkipValidation, ValidationError

from repair.errors import InvalidRequest
from repair.models import RepairOptions

ModelT = TypeVar("ModelT", bound=BaseModel)


class RepairRequest(BaseModel):
    """The body of ``POST /v1/repair``. Fields it does not know are ignored."""

    # Strict: "grammar": 1 is no boolean and "mode": 5 no string, as the API always said.
    model_config = ConfigDict(strict=True, extra="ignore", frozen=True)

    text: str = Field(description="the article: plain text, or HTML with `format` html")
    language: str = Field(
        "en-US",
        description="LanguageTool-style language code (`en-GB`, `de-DE`, `fr`, ...; GET /v2/languages lists them)",
        examples=["en-US", "en-GB"],
    )
    mode: Literal["apply", "suggest"] = Field(
        "apply", description="`apply`: confident name fixes are applied; `suggest`: nothing is applied"
    )
    grammar: bool = Field(True, description="run the grammar engine")
    format: Literal["text", "html"] = Field(
        "text",
        description="`html`: the text is HTML; names are repaired in its text nodes only and offsets refer to the HTML",
    )
    offsets: Literal["codepoints", "utf16"] = Field(
        "codepoints", description="`utf16`: every offset in the answer counts UTF-16 code units, as JavaScript does"
    )


class BatchDocument(RepairRequest):
    """One document of a batch: a repair request with the caller's id for it."""

    id: Annotated[str | int, Field(description="the caller's id for the document, returned with its answer")]


class BatchRequest(BaseModel):
    """The body of ``POST /v1/repair/batch``: documents answered in order, each on its own."""

    model_config = ConfigDict(strict=True, extra="ignore", frozen=True)

    # Each document is validated on its own (read_document), so that one bad document is an
    # error in its own place of the answer and not of the whole batch.
    documents: list[SkipValidation[BatchDocument]] = Field(
        min_length=1,
        description="the documents, at most REPAIR_BATCH_MAX_DOCUMENTS of them and"
        " REPAIR_BATCH_MAX_CHARS characters of text in all",
    )


def read_request(body: Any, defaults: RepairOptions) -> tuple[str, RepairOptions]:
    """The text and options of a parsed JSON body; fields it leaves out keep ``defaults``.

    The language is checked by the pipeline itself (``Repairer.repair``). Other fields are
    ignored (a batch record carries its id among them).

    :raises InvalidRequest: the body is not an object, a field is missing or of the wrong
        type or value, or the text is not valid Unicode.
    """
    if not isinstance(body, dict):
        raise InvalidRequest("the request body must be a JSON object")
    text = body.get("text")
    if isinstance(text, str):
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as exc:
            # JSON can write half of a surrogate pair ("\ud83d"), which is no character.
            raise InvalidRequest(f"'text' is not valid Unicode: a lone surrogate at character {exc.start}") from None
    request = validated(RepairRequest, body)
    given = request.model_fields_set
    options = replace(
        defaults,
        # A field the body leaves out keeps the caller's default (the command line's --mode).
        **{name: getattr(request, name) for name in ("language", "mode", "grammar", "format", "offsets") if name in given},
    )
    return request.text, options


def validated(model: type[ModelT], body: Any) -> ModelT:
    """``model`` validated from ``body``, or InvalidRequest naming the first field at fault."""
    try:
        return model.model_validate(body)
    except ValidationError as exc:
        raise InvalidRequest(describe(exc)) from None


def describe(exc: ValidationError) -> str:
    """A validation error in a sentence: where, and what was wrong (no input echoed back)."""
    error = exc.errors(include_url=False, include_input=False)[0]
    where = ".".join(str(part) for part in error["loc"])
    what = error["msg"]
    if error["type"] == "missing":
        what = "is required"
    elif error["type"] == "literal_error":
        what = what.replace("Input should be", "must be")
    elif what.startswith("Input should be"):
        what = what.replace("Input should be", "must be")
    return f"'{where}' {what}" if where else what

