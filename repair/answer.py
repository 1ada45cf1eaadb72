"""A repair result as the API answers it: one JSON-ready dict for the service, the command
line and batch jobs alike, so that every caller gives the same answer for the same text."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from gazetteer.loader import Gazetteer
from repair.models import RepairOptions, RepairResult
from repair.utf16 import Utf16


def result_json(result: RepairResult, options: RepairOptions, gazetteer: dict[str, Any]) -> dict[str, Any]:
    """The answer for one result; ``gazetteer`` is ``{"version", "size"}`` of the one used.

    With ``options.offsets`` "utf16" every offset counts UTF-16 units: those of the input
    (corrections, ``start``/``end`` of the diff ops) in the input, the others in the output.
    """
    into: Callable[[int], int] = _same
    out: Callable[[int], int] = _same
    if options.offsets == "utf16":
        into, out = Utf16(result.input).to_utf16, Utf16(result.text).to_utf16
    return {
        "text": result.text,
        "corrections": [{**asdict(c), "start": into(c.start), "end": into(c.end)} for c in result.corrections],
        "suggestions": [
            {
                "start": out(s.start),
                "end": out(s.end),
                "message": s.message,
                "replacements": list(s.replacements),
                "rule": {"id": s.rule_id, "category": s.rule_category},
                "engine": s.engine,
            }
            for s in result.suggestions
        ],
        "suggested_text": result.suggested_text,
        "diff": {
            "ops": [
                {
                    **asdict(op),
                    "start": into(op.start),
                    "end": into(op.end),
                    "out_start": out(op.out_start),
                    "out_end": out(op.out_end),
                }
                for op in result.diff.ops
            ],
            "unified": result.diff.unified,
            "html": result.diff.html,
        },
        "meta": {
            "language": options.language,
            "mode": options.mode,
            "format": options.format,
            "offsets": options.offsets,
            "names": {"status": result.names.status, "reason": result.names.reason},
            "grammar": {
                "engine": result.grammar.engine,
                "status": result.grammar.status,
                "reason": result.grammar.reason,
            },
            "gazetteer": gazetteer,
            "timings_ms": result.timings_ms,
        },
    }


def _same(offset: int) -> int:
    return offset


def gazetteer_json(gazetteer: Gazetteer) -> dict[str, Any]:
    """Which gazetteer answered: its version and size."""
    return {"version": gazetteer.version, "size": len(gazetteer)}


def error_json(code: str, message: str) -> dict[str, Any]:
    """The one error shape: ``{"error": {"code": ..., "message": ...}}``."""
    return {"error": {"code": code, "message": message}}
