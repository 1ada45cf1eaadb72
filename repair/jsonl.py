"""JSON Lines jobs: one record in, one answer line out, for the command line and the Dask job.

A record is ``{"id": ..., "text": ..., "language"?, "mode"?, "grammar"?}``, read as the API
reads a request body. Its line in the output is the API's answer with the id first,
``{"id": ..., "text": ..., "corrections": ..., "meta": ...}``, or the API's error shape with
the id, ``{"id": ..., "error": {"code", "message"}}``. A line that has no usable id (not JSON,
not an object, no id) is answered with ``"id": null`` and where it was: ``"input"`` and the
byte ``"offset"`` of the line in it. A record never stops a job.
"""

from __future__ import annotations

import io
import json
import logging
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Any

from repair.answer import error_json, gazetteer_json, result_json
from repair.errors import RepairError
from repair.models import RepairOptions
from repair.pipeline import Repairer
from repair.request import read_request

log = logging.getLogger(__name__)

# Ids are strings or whole numbers (never booleans, which JSON keeps apart from numbers).
RecordId = str | int
# What resuming skips: the ids answered, and where the lines without one were.
Place = tuple[str, int]


@dataclass(frozen=True)
class Job:
    """What every record of a job shares: the pipeline and the options a record may override."""

    repairer: Repairer
    defaults: RepairOptions


def answer_line(raw: bytes, job: Job, *, input: str, offset: int) -> dict[str, Any] | None:
    """The output line for one input line, or None for a blank line (skipped)."""
    if not raw.strip():
        return None
    try:
        record = json.loads(raw)
    except UnicodeDecodeError:
        return _placed(input, offset, "invalid_json", "the line is not UTF-8 text")
    except ValueError as exc:
        return _placed(input, offset, "invalid_json", f"the line is not valid JSON: {exc}")
    if not isinstance(record, dict):
        return _placed(input, offset, "invalid_request", "the record must be a JSON object")
    record_id = record.get("id")
    if not is_record_id(record_id):
        return _placed(input, offset, "invalid_request", "'id' is required and must be a string or an integer")
    return {"id": record_id, **answer(record, job)}


def answer(record: dict[str, Any], job: Job) -> dict[str, Any]:
    """The API's answer for one record, or its error shape."""
    try:
        text, options = read_request(record, job.defaults)
        result = job.repairer.repair(text, options)
    except RepairError as exc:
        return error_json(exc.code, str(exc))
    except Exception as exc:  # a bug on one record must not stop an archive
        log.exception("repair failed on record %r", record.get("id"))
        return error_json("internal_error", f"the pipeline failed on this record: {exc!r}")
    return result_json(result, options, gazetteer_json(job.repairer.index.gazetteer))


def is_record_id(value: object) -> bool:
    """Whether ``value`` can be a record's id: a string or an integer."""
    return isinstance(value, str | int) and not isinstance(value, bool)


def _placed(input: str, offset: int, code: str, message: str) -> dict[str, Any]:
    return {"id": None, **error_json(code, message), "input": input, "offset": offset}


def dumps(line: dict[str, Any]) -> bytes:
    """One output line, newline included. ASCII JSON, as the API sends: a text with a lone
    surrogate (valid in JSON) would not encode as UTF-8."""
    return json.dumps(line, separators=(",", ":")).encode("ascii") + b"\n"


def lines(stream: IO[bytes], *, start: int = 0) -> Iterator[tuple[int, bytes]]:
    """The lines of a binary stream with the byte offset of each, counted from ``start``."""
    offset = start
    for raw in stream:
        yield offset, raw
        offset += len(raw)


def run(
    records: Iterable[tuple[str, int, bytes]],
    job: Job,
    out: IO[bytes],
    *,
    done: Done | None = None,
) -> Counts:
    """Answer ``(input, offset, line)`` records into ``out``, skipping those in ``done``."""
    counts = Counts()
    for input, offset, raw in records:
        if done is not None and done.has(raw, input=input, offset=offset):
            counts.skipped += 1
            continue
        line = answer_line(raw, job, input=input, offset=offset)
        if line is None:
            continue
        out.write(dumps(line))
        counts.count(line)
    return counts


@dataclass
class Counts:
    """How a job went: records answered, of which errors, and records skipped as done."""

    answered: int = 0
    errors: int = 0
    skipped: int = 0

    def count(self, line: dict[str, Any]) -> None:
        self.answered += 1
        self.errors += "error" in line

    def add(self, other: Counts) -> None:
        self.answered += other.answered
        self.errors += other.errors
        self.skipped += other.skipped


@dataclass
class Done:
    """The records an earlier run already answered, read from its output."""

    ids: set[RecordId]
    places: set[Place]

    def has(self, raw: bytes, *, input: str, offset: int) -> bool:
        """Whether the record on this line was answered (by id, or by place if it has none)."""
        if (input, offset) in self.places:
            return True
        if not self.ids:
            return False
        try:
            record = json.loads(raw)
        except ValueError:
            return False
        return isinstance(record, dict) and is_record_id(record.get("id")) and record["id"] in self.ids


def resume(path: str | os.PathLike[str]) -> Done:
    """What the output file at ``path`` already holds; a last line cut short is removed.

    A run stopped while writing leaves at most one partial line at the end: it is truncated
    away, so its record is answered again.
    """
    done = Done(set(), set())
    try:
        handle = open(path, "r+b")
    except FileNotFoundError:
        return done
    with handle:
        complete = 0
        for raw in handle:
            if not raw.endswith(b"\n"):
                break
            complete += len(raw)
            _remember(done, raw)
        handle.truncate(complete)
    return done


def _remember(done: Done, raw: bytes) -> None:
    try:
        line = json.loads(raw)
    except ValueError:
        return  # not ours: leave it, and answer its record again
    if not isinstance(line, dict):
        return
    if is_record_id(line.get("id")):
        done.ids.add(line["id"])
    elif isinstance(line.get("input"), str) and isinstance(line.get("offset"), int):
        done.places.add((line["input"], line["offset"]))


def block_lines(block: bytes, *, start: int) -> Iterator[tuple[int, bytes]]:
    """The lines of a block of bytes read at ``start``, with their offsets."""
    return lines(io.BytesIO(block), start=start)
