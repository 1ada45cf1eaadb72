"""Domain errors. They say what went wrong; app.py decides which HTTP status that is."""

from __future__ import annotations


class RepairError(Exception):
    """Base of every error the pipeline raises on purpose."""

    code = "repair_error"


class InvalidRequest(RepairError):
    """A request field is missing, of the wrong type or out of range."""

    code = "invalid_request"


class UnknownLanguage(InvalidRequest):
    """The language code is not one the service knows."""

    code = "unknown_language"


class TextTooLong(RepairError):
    """The text is longer than the configured maximum."""

    code = "text_too_long"


class EngineUnavailable(RepairError):
    """A grammar engine could not be reached, started or finished in time."""

    code = "engine_unavailable"

