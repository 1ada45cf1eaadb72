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

CSV has the same columns; list fields separate their items with ``|``. Optional fields:
``prominence`` (0..1, how likely a news story means this person among namesakes; default 0.9
for hand-curated files, which list people in the news) and, in YAML, ``roles`` (a list of
``{title, country, start, end}``).

The built gazetteer (``gazetteer.build``) is JSON lines, gzipped, one entry per line with the
same fields. Later files win over earlier ones for the same id: the fields a later file gives
replace the earlier ones, while aliases, variants and roles are pooled. So the curated file
and overlays correct built data without having to repeat it.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import yaml

KINDS = ("official", "journalist")
_ID = re.compile(r"^(Q[1-9][0-9]*|local:[a-z0-9][a-z0-9-]*)$")
DATA = Path(__file__).parent / "data"
BUILT_PATH = DATA / "officials.jsonl.gz"
CURATED_PATH = DATA / "curated.yaml"
DEFAULT_PATHS = (BUILT_PATH, CURATED_PATH)
# The built file's columns: a header line names them, then one JSON array a person.
BUILT_FIELDS = (
    "id", "name", "surname", "aliases", "surname_variants", "role", "country", "kind",
    "prominence", "roles",
)
# Hand-curated entries are people in today's news: they outrank most namesakes.
CURATED_PROMINENCE = 0.9


# libyaml's loader when PyYAML has it: ten times faster than the pure-Python one.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class GazetteerError(Exception):
    """A gazetteer file is missing, unreadable or malformed."""


class Role(NamedTuple):
    """A post held: title, country (or international body), and ISO dates ('' if unknown)."""

    title: str
    country: str
    start: str = ""
    end: str = ""


@dataclass(frozen=True, slots=True)
class Entry:
    """One person the service knows. ``role``/``country`` are the post news would name."""

    id: str
    name: str
    surname: str
    aliases: tuple[str, ...]
    surname_variants: tuple[str, ...]
    role: str
    country: str
    kind: str
    prominence: float = CURATED_PROMINENCE
    roles: tuple[Role, ...] = ()

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


def load_gazetteer(paths: Sequence[Path | str] = DEFAULT_PATHS) -> Gazetteer:
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
        for entry in _parse(path, raw):
            earlier = entries.get(entry.id)
            entries[entry.id] = merge(earlier, entry) if earlier else entry
    if not entries:
        raise GazetteerError("the gazetteer is empty")
    return Gazetteer(entries, digest.hexdigest()[:12], tuple(str(p) for p in paths))


def merge(earlier: Entry, later: Entry) -> Entry:
    """``later`` wins for single facts; names and roles of both are kept."""
    names = {later.name}
    aliases = _unique(n for n in (*later.aliases, earlier.name, *earlier.aliases) if n not in names)
    surnames = {later.surname}
    variants = _unique(n for n in (*later.surname_variants, *earlier.surname_variants) if n not in surnames)
    return Entry(
        id=later.id,
        name=later.name,
        surname=later.surname,
        aliases=aliases,
        surname_variants=variants,
        role=later.role,
        country=later.country,
        kind=later.kind,
        prominence=max(earlier.prominence, later.prominence),
        roles=_unique((*later.roles, *earlier.roles)),
    )


def _unique(items: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(dict.fromkeys(items))


def _parse(path: Path, raw: bytes) -> list[Entry]:
    if path.name.endswith(".jsonl.gz"):
        return _built_entries(path, raw)
    text = raw.decode("utf-8")
    if path.suffix.lower() == ".csv":
        rows: Iterable[Mapping[str, Any]] = csv.DictReader(io.StringIO(text))
    elif path.suffix.lower() in (".yaml", ".yml"):
        try:
            document = yaml.load(text, Loader=_YAML_LOADER)
        except yaml.YAMLError as exc:
            raise GazetteerError(f"{path}: not valid YAML: {exc}") from exc
        if not isinstance(document, dict) or not isinstance(document.get("people"), list):
            raise GazetteerError(f"{path}: expected a mapping with a 'people' list")
        rows = document["people"]
    else:
        raise GazetteerError(f"{path}: unknown gazetteer format (use .yaml, .yml, .csv or .jsonl.gz)")
    return _entries(path, rows, default_prominence=CURATED_PROMINENCE)


def _built_entries(path: Path, raw: bytes) -> list[Entry]:
    """The built gazetteer: validated when it was built, so read fast rather than re-checked."""
    try:
        lines = gzip.decompress(raw).decode("utf-8").splitlines()
        fields = json.loads(lines[0])
    except (OSError, EOFError, ValueError, IndexError) as exc:
        raise GazetteerError(f"{path}: not gzipped JSON lines: {exc}") from exc
    if fields != list(BUILT_FIELDS):
        raise GazetteerError(f"{path}: unexpected columns {fields}; rebuild with gazetteer.build")
    # Posts and countries repeat across thousands of people: keep one copy of each string,
    # and of each (title, country, start, end) role.
    shared: dict[Any, Any] = {}
    one = shared.setdefault

    def role_of(parts: list[str]) -> Role:
        role = Role._make(one(part, part) for part in parts)
        shared_role: Role = one(role, role)
        return shared_role

    entries: list[Entry] = []
    # A parse of a few thousand lines at once is several times faster than one per line,
    # and, unlike one parse of the whole file, lets each batch's scratch memory be reused.
    for first in range(1, len(lines), 4096):
        try:
            rows = json.loads("[" + ",".join(lines[first : first + 4096]) + "]")
        except ValueError as exc:
            raise GazetteerError(f"{path}: not gzipped JSON lines: {exc}") from exc
        entries.extend(
            Entry(
                row[0], row[1], row[2], tuple(row[3]), tuple(row[4]), one(row[5], row[5]),
                one(row[6], row[6]), one(row[7], row[7]), row[8],
                tuple(map(role_of, row[9])),
            )
            for row in rows
        )
    return entries


def _entries(path: Path, rows: Iterable[Mapping[str, Any]], *, default_prominence: float) -> list[Entry]:
    entries = []
    for number, row in enumerate(rows, start=1):
        try:
            entries.append(entry_from_row(row, default_prominence=default_prominence))
        except (GazetteerError, TypeError, AttributeError, ValueError) as exc:
            raise GazetteerError(f"{path}: entry {number}: {exc}") from exc
    return entries


def entry_from_row(row: Mapping[str, Any], *, default_prominence: float = CURATED_PROMINENCE) -> Entry:
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
        prominence=_prominence(row.get("prominence"), default_prominence),
        roles=tuple(_role(item) for item in row.get("roles") or ()),
    )


def _prominence(value: Any, default: float) -> float:
    if value is None or value == "":
        return default
    prominence = float(value)
    if not 0.0 <= prominence <= 1.0:
        raise GazetteerError(f"prominence {value!r} is not between 0 and 1")
    return prominence


def _role(item: Any) -> Role:
    if isinstance(item, Mapping):
        return Role(_text(item, "title"), _text(item, "country"), *(str(item.get(k) or "") for k in ("start", "end")))
    if isinstance(item, (list, tuple)) and 2 <= len(item) <= 4:
        # The built file writes roles compactly as [title, country, start, end].
        return Role(*(str(part or "") for part in item))
    raise GazetteerError(f"a role must be a mapping of title, country, start, end: {item!r}")


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
