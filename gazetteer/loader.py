"""Read gazetteer files (YAML or CSV, one format) into validated, frozen entries.

A file lists people. YAML::

    people:
      - id: Q3052772                 # Wikidata id, or "local:<slug>" when there is none
        name: Emmanuel Macron        # canonical English name
        surname: Macron              # the name used alone; default: the last word of name
        aliases: [Emmanuel Jean-Michel Frédéric Macron]   # other accepted full spellings
        surname_variants: []         # other accepted spellings of the surname alone
        role: President of France
        country: France
        kind: official               # official | journalist

CSV has the same columns; list fields separate their items with ``|``.
Later files win over earlier ones for the same id, so an overlay can correct an entry.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

KINDS = ("official", "journalist")
_ID = re.compile(r"^(Q[1-9][0-9]*|local:[a-z0-9][a-z0-9-]*)$")
DEFAULT_PATH = Path(__file__).parent / "data" / "curated.yaml"


class GazetteerError(Exception):
    """A gazetteer file is missing, unreadable or malformed."""


@dataclass(frozen=True)
class Entry:
    """One person the service knows."""

    id: str
    name: str
    surname: str
    aliases: tuple[str, ...]
    surname_variants: tuple[str, ...]
    role: str
    country: str
    kind: str

    @property
    def wikidata(self) -> str | None:
        """The Wikidata id, when the entry has one."""
        return self.id if self.id.startswith("Q") else None

    @property
    def full_names(self) -> tuple[str, ...]:
        """Every accepted full spelling, canonical first."""
        return (self.name, *self.aliases)

    @property
    def surnames(self) -> tuple[str, ...]:
        """Every accepted spelling of the name used alone, canonical first."""
        return (self.surname, *self.surname_variants)


@dataclass(frozen=True)
class Gazetteer:
    """Entries by id, with a version that changes whenever their content does."""

    entries: Mapping[str, Entry]
    version: str
    sources: tuple[str, ...]

    def __len__(self) -> int:
        return len(self.entries)


def load_gazetteer(paths: Sequence[Path | str] = (DEFAULT_PATH,)) -> Gazetteer:
    """Load and merge gazetteer files, later files winning for the same id.

    :raises GazetteerError: a file is missing or an entry is malformed.
    """
    entries: dict[str, Entry] = {}
    digest = hashlib.sha256()
    for path in map(Path, paths):
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise GazetteerError(f"cannot read gazetteer file {path}: {exc.strerror}") from exc
        digest.update(raw)
        for entry in _parse(path, raw.decode("utf-8")):
            entries[entry.id] = entry
    if not entries:
        raise GazetteerError("the gazetteer is empty")
    return Gazetteer(entries, digest.hexdigest()[:12], tuple(str(p) for p in paths))


def _parse(path: Path, text: str) -> list[Entry]:
    if path.suffix.lower() == ".csv":
        rows: Iterable[Mapping[str, Any]] = csv.DictReader(io.StringIO(text))
    elif path.suffix.lower() in (".yaml", ".yml"):
        try:
            document = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise GazetteerError(f"{path}: not valid YAML: {exc}") from exc
        if not isinstance(document, dict) or not isinstance(document.get("people"), list):
            raise GazetteerError(f"{path}: expected a mapping with a 'people' list")
        rows = document["people"]
    else:
        raise GazetteerError(f"{path}: unknown gazetteer format (use .yaml, .yml or .csv)")
    entries = []
    for number, row in enumerate(rows, start=1):
        try:
            entries.append(entry_from_row(row))
        except (GazetteerError, TypeError, AttributeError) as exc:
            raise GazetteerError(f"{path}: entry {number}: {exc}") from exc
    return entries


def entry_from_row(row: Mapping[str, Any]) -> Entry:
    """Validate one YAML mapping or CSV row and make an entry of it."""
    if not isinstance(row, Mapping):
        raise GazetteerError("an entry must be a mapping")
    entry_id = _text(row, "id")
    if not _ID.match(entry_id):
        raise GazetteerError(f"id {entry_id!r} is neither a Wikidata id nor local:<slug>")
    name = _text(row, "name")
    kind = _text(row, "kind", default="official")
    if kind not in KINDS:
        raise GazetteerError(f"kind {kind!r} is not one of {', '.join(KINDS)}")
    return Entry(
        id=entry_id,
        name=name,
        surname=_text(row, "surname", default=name.split()[-1]),
        aliases=_names(row.get("aliases")),
        surname_variants=_names(row.get("surname_variants")),
        role=_text(row, "role"),
        country=_text(row, "country"),
        kind=kind,
    )


def _text(row: Mapping[str, Any], key: str, default: str | None = None) -> str:
    value = row.get(key)
    if value is None or value == "":
        if default is None:
            raise GazetteerError(f"missing field {key!r}")
        return default
    if not isinstance(value, str):
        raise GazetteerError(f"field {key!r} must be text")
    return " ".join(value.split())


def _names(value: Any) -> tuple[str, ...]:
    if value is None or value == "":
        return ()
    items = value.split("|") if isinstance(value, str) else value
    if not isinstance(items, list) and not isinstance(items, tuple):
        raise GazetteerError("a list field must be a list (or '|'-separated text in CSV)")
    names = tuple(" ".join(str(item).split()) for item in items)
    return tuple(n for n in names if n)
