"""Annotated records (the shared development set, or passages of our own) and the places
in their text where an official is named.

A record lists each official with the distinct strings that name them (``mentions``), exactly
as written. Occurrences are found the way the development set's README counts them: every
mention string, on word boundaries, longest first, never overlapping one already found.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from gazetteer.index import NameIndex
from gazetteer.loader import Entry
from gazetteer.variants import NameVariants
from gazetteer.normalize import APOSTROPHES, TRANSLITERATED, fold, transliteration_skeleton, vowel_frame

# Letters of a word (names keep inner apostrophes: O'Brien); digits and "_" are not letters.
WORD = re.compile(rf"[^\W\d_]+(?:[{APOSTROPHES}][^\W\d_]+)*")
_POSSESSIVE = re.compile(rf"[{APOSTROPHES}]s$")
# Generational suffixes and initials are part of a mention but never its surname.
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# Words that can sit inside a name without starting it ("Lula da Silva", "bin Zayed").
_PARTICLES = frozenset("von van der den de da di del della dos das du la le bin ibn al el ben ter".split())

Shape = Literal["full", "surname", "given"]


@dataclass(frozen=True)
class Official:
    """One annotated official of a record: canonical name and the strings naming them."""

    name: str
    mentions: tuple[str, ...]


@dataclass(frozen=True)
class Record:
    """One text with its officials annotated."""

    id: str
    title: str
    text: str
    officials: tuple[Official, ...]
    source: str = "devset"
    # The publisher's own misspellings of names, and the right spelling: (as written, right).
    errata: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Occurrence:
    """One place in a record's text where an official is named.

    ``start``/``end`` cover the mention without a possessive ending, which ``possessive``
    keeps ("Putin" of "Putin’s"). ``shape`` says what the mention is made of: a first name
    and a surname, a surname alone, or a first name alone ("Martin" for Martin Griffiths).
    """

    official: Official
    start: int
    end: int
    text: str
    possessive: str
    shape: Shape


def load_records(directory: Path) -> list[Record]:
    """Every ``*.json`` record of a development-set folder, in file-name order."""
    paths = sorted(directory.glob("*.json"))
    return [record_from_json(json.loads(p.read_text(encoding="utf-8"))) for p in paths]


def record_from_json(data: dict[str, Any], *, source: str = "devset") -> Record:
    """A record from its JSON form (``id``, ``text``, ``officials[{name, mentions}]``)."""
    officials = tuple(Official(o["name"], tuple(o["mentions"])) for o in data["officials"])
    errata = tuple((str(wrong), str(right)) for wrong, right in data.get("errata", ()))
    return Record(str(data["id"]), str(data.get("title", "")), str(data["text"]), officials, source, errata)


def occurrences(record: Record) -> list[Occurrence]:
    """Every occurrence of every mention string, longest string first, in text order."""
    pairs = sorted(
        ((mention, official) for official in record.officials for mention in official.mentions),
        key=lambda pair: len(pair[0]),
        reverse=True,
    )
    taken: list[tuple[int, int]] = []
    found: list[Occurrence] = []
    for mention, official in pairs:
        pattern = re.compile(rf"(?<!\w){re.escape(mention)}(?!\w)")
        for match in pattern.finditer(record.text):
            start, end = match.span()
            if any(start < e and s < end for s, e in taken):
                continue
            taken.append((start, end))
            suffix = _POSSESSIVE.search(mention)
            possessive = suffix.group() if suffix and len(mention) > 3 else ""
            name_end = end - len(possessive)
            found.append(
                Occurrence(
                    official, start, name_end, record.text[start:name_end], possessive,
                    _shape(record.text[start:name_end], official),
                )
            )
    return sorted(found, key=lambda o: o.start)


def _shape(mention: str, official: Official) -> Shape:
    words = [w for w in WORD.findall(mention) if fold(w) not in SUFFIXES]
    canonical = official.name.split()
    if len(words) == 1:
        first, last = fold(canonical[0]), fold(canonical[-1])
        return "given" if fold(words[0]) == first and first != last else "surname"
    if fold(words[0]) in _PARTICLES:
        return "surname"
    return "full"


def words(text: str) -> list[re.Match[str]]:
    """The words of a text (for counts, and for choosing which word to damage)."""
    return list(WORD.finditer(text))


def word_count(text: str) -> int:
    """How many words a text has."""
    return len(WORD.findall(text))


@dataclass(frozen=True)
class Known:
    """What the gazetteer knows of an official: the entries that may be them.

    Empty when the gazetteer does not know them; a benchmark cannot expect a repair then.
    """

    entries: tuple[Entry, ...]
    # Which spellings render one name (the index's table), for ``accepts``.
    variants: NameVariants | None = None

    def accepts(self, written: str, word: str) -> bool:
        """Whether ``written`` is another right rendering of ``word`` for one of the entries,
        by the service's own test (repair.names.is_valid_variant): then it is no damage."""
        from repair.names import is_valid_variant

        if self.variants is None:
            return False
        key = fold(written)
        for entry in self.entries:
            # Against what the text wrote, and against every spelling the gazetteer has: the
            # service compares with the latter ("Berdymuchamedov" renders "Berdimuhamedow").
            spellings = {fold(word)} | {fold(w) for n in (*entry.full_names, *entry.surnames) for w in n.split()}
            if any(
                is_valid_variant(key, spelling, entry, self.variants)
                or is_valid_variant(key, spelling, entry, self.variants, given=True)
                for spelling in spellings
            ):
                return True
        return False

    @property
    def transliterated(self) -> bool:
        """Whether the name is a transliteration, so that more than one spelling is right."""
        return any(e.country in TRANSLITERATED for e in self.entries)

    def surnames(self) -> set[str]:
        """Every accepted spelling of the surname (last word), as the gazetteer writes it."""
        return {s.split()[-1] for e in self.entries for s in e.surnames}

    def given_names(self) -> set[str]:
        """Every accepted spelling of the first name, as the gazetteer writes it."""
        return {n.split()[0] for e in self.entries for n in e.full_names if len(n.split()) > 1}

    def spellings(self) -> set[str]:
        """Folded words of every accepted spelling (full names and surnames)."""
        return {fold(w) for e in self.entries for n in (*e.full_names, *e.surnames) for w in n.split()}


def resolve(official: Official, index: NameIndex) -> Known:
    """The gazetteer entries an annotated official is: by full name, else by first name and a
    surname spelled the same way or transliterated alike ("Yoav Gallant" is "Yoav Galant")."""
    from repair.names import is_valid_variant

    ids: set[str] = set()
    names = [official.name, *(m for m in official.mentions if len(m.split()) > 1)]
    for name in names:
        ids.update(form.entry_id for form in index.full_name(fold(_strip_possessive(name))))
    if not ids:
        first, last = fold(official.name.split()[0]), fold(official.name.split()[-1])
        skeleton, frame = transliteration_skeleton(last), vowel_frame(last)
        alike = [
            i
            for key in index.similar_surnames(last)
            if transliteration_skeleton(key) == skeleton or vowel_frame(key) == frame
            for i in sorted(index.surname(key))
            if index.entries[i].country in TRANSLITERATED
        ]
        for candidates in (sorted(index.surname(last)), alike):
            for entry_id in candidates:
                entry = index.entries[entry_id]
                firsts = {fold(n.split()[0]) for n in entry.full_names if len(n.split()) > 1}
                if first in firsts or any(is_valid_variant(first, f, entry, index.variants, given=True) for f in firsts):
                    ids.add(entry_id)
            if ids:
                break
    return Known(tuple(index.entries[i] for i in sorted(ids)), index.variants)


def _strip_possessive(text: str) -> str:
    return _POSSESSIVE.sub("", text) if len(text) > 3 else text
