"""A repair request as the API reads it, without HTTP: the body's text and options, checked
the same way for the service, the command line and batch jobs."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from repair.errors import InvalidRequest
from repair.models import RepairOptions


def read_request(body: Any, defaults: RepairOptions) -> tuple[str, RepairOptions]:
    """The text and options of a parsed JSON body; fields it leaves out keep ``defaults``.

    The language and mode are checked by the pipeline itself (``Repairer.repair``). Other
    fields are ignored (a batch record carries its id among them).

    :raises InvalidRequest: the body is not an object, a field is missing or of the wrong
        type, or the text is not valid Unicode.
    """
    if not isinstance(body, dict):
        raise InvalidRequest("the request body must be a JSON object")
    text = body.get("text")
    if not isinstance(text, str):
        raise InvalidRequest("'text' is required and must be a string")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        # JSON can write half of a surrogate pair ("\ud83d"), which is no character.
        raise InvalidRequest(f"'text' is not valid Unicode: a lone surrogate at character {exc.start}") from None
    options = replace(
        defaults,
        language=_field(body, "language", str, defaults.language),
        mode=_field(body, "mode", str, defaults.mode),
        grammar=_field(body, "grammar", bool, defaults.grammar),
    )
    return text, options


def _field(body: dict[str, Any], name: str, kind: type, default: Any) -> Any:
    value = body.get(name, default)
    # bool is an int in Python and an int is no bool: check the exact type.
    if type(value) is not kind:
        raise InvalidRequest(f"'{name}' must be a {'boolean' if kind is bool else 'string'}")
    return value
