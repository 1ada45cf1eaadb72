"""Which spellings are renderings of one name: Mohamed, Mohammed and Muhammad; Sergei and
Sergey. And which words are somebody's name at all.

From the rigour name-part table (Wikidata's given-name and family-name items with their
spellings in every script; see gazetteer/data/SOURCES.md), reduced by ``gazetteer.build`` to
the Latin-script spellings, folded, in groups: the spellings of one name item.

A transliterated name has several right English spellings, so a spelling of the same group is
never damage to repair. A word that is a name in the table ("Salah", "Smyth") may well be the
right name of somebody the gazetteer lacks, rather than a gazetteer name misspelt.

About 212,000 (spelling, group) pairs. They are shipped as the build made them: a sorted array
of each spelling's 64-bit hash beside an array of its group (``data/name_parts.bin.gz``, 2 MB),
read in milliseconds and a few megabytes in memory, where a set of the strings would take a
second to build and some twenty megabytes in every worker.
"""

from __future__ import annotations

import gzip
import hashlib
import struct
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

NAME_PARTS_PATH = Path(__file__).resolve().parent / "data" / "name_parts.bin.gz"
_MAGIC = b"NPV1"
# How many answers of ``is_name`` a process keeps.
_ANSWERS_KEPT = 16384


def spelling_hash(spelling: str) -> int:
    """A hash that is the same in every process (Python's own ``hash`` is not)."""
    return int.from_bytes(hashlib.blake2b(spelling.encode("utf-8"), digest_size=8).digest(), "little", signed=True)


class NameVariants:
    """Spellings grouped by the name they render; look-ups by folded spelling."""

    def __init__(self, hashes: array[int], groups: array[int]) -> None:
        self._hashes = hashes
        self._groups = groups
        # Articles ask about the same words again and again; a hash and a binary search of
        # the array each time were a twentieth of the name stage.
        self._is_name: dict[str, bool] = {}

    @classmethod
    def from_groups(cls, groups: Iterable[Sequence[str]]) -> NameVariants:
        """The table for groups of folded spellings."""
        pairs = sorted((spelling_hash(s), number) for number, group in enumerate(groups) for s in group)
        return cls(array("q", (h for h, _ in pairs)), array("i", (g for _, g in pairs)))

    def __len__(self) -> int:
        return len(self._hashes)

    def to_bytes(self) -> bytes:
        """The shipped form: magic, count, hashes, groups (little-endian)."""
        hashes, groups = array("q", self._hashes), array("i", self._groups)
        if struct.pack("=H", 1) != struct.pack("<H", 1):
            hashes.byteswap()
            groups.byteswap()
        return _MAGIC + struct.pack("<I", len(hashes)) + hashes.tobytes() + groups.tobytes()

    @classmethod
    def from_bytes(cls, raw: bytes) -> NameVariants:
        """Read the shipped form back."""
        if raw[:4] != _MAGIC:
            raise ValueError("not a name-parts table")
        (count,) = struct.unpack("<I", raw[4:8])
        hashes, groups = array("q"), array("i")
        hashes.frombytes(raw[8 : 8 + 8 * count])
        groups.frombytes(raw[8 + 8 * count : 8 + 12 * count])
        if struct.pack("=H", 1) != struct.pack("<H", 1):
            hashes.byteswap()
            groups.byteswap()
        return cls(hashes, groups)

    def groups(self, spelling: str) -> set[int]:
        """The groups a folded spelling belongs to (none for a word that is nobody's name)."""
        key = spelling_hash(spelling)
        found = set()
        i = bisect_left(self._hashes, key)
        while i < len(self._hashes) and self._hashes[i] == key:
            found.add(self._groups[i])
            i += 1
        return found

    def is_name(self, spelling: str) -> bool:
        """Whether a folded word is a given name or surname somebody bears."""
        answer = self._is_name.get(spelling)
        if answer is None:
            key = spelling_hash(spelling)
            i = bisect_left(self._hashes, key)
            answer = i < len(self._hashes) and self._hashes[i] == key
            if len(self._is_name) >= _ANSWERS_KEPT:
                self._is_name.clear()  # a full cache starts afresh, as the index's do
            self._is_name[spelling] = answer
        return answer

    def same_name(self, a: str, b: str) -> bool:
        """Whether two folded spellings render one name (Mohamed, Mohammed)."""
        return a == b or bool(self.groups(a) & self.groups(b))


@lru_cache(maxsize=2)
def load_variants(path: Path = NAME_PARTS_PATH) -> NameVariants:
    """The shipped table, read once per process (gazetteer reloads share it)."""
    return NameVariants.from_bytes(gzip.decompress(path.read_bytes()))


EAST_SLAVIC_PATH = Path(__file__).resolve().parent / "data" / "east_slavic_given_names.txt"
# Whose first names English writes in their Russian form as often as in their own.
EAST_SLAVIC_COUNTRIES = frozenset({"Ukraine", "Belarus"})


@lru_cache(maxsize=1)
def _east_slavic_groups() -> dict[str, int]:
    """Folded spelling -> its line in data/east_slavic_given_names.txt."""
    groups: dict[str, int] = {}
    lines = EAST_SLAVIC_PATH.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines):
        if line.strip() and not line.startswith("#"):
            groups.update(dict.fromkeys(line.split(), number))
    return groups


def same_east_slavic_name(a: str, b: str) -> bool:
    """Whether two folded first names are one Ukrainian or Belarusian name, in its own form or
    the Russian one ("vladimir" and "volodymyr")."""
    groups = _east_slavic_groups()
    group = groups.get(a)
    return group is not None and group == groups.get(b)
