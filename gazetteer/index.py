"""NameIndex: exact maps over every accepted spelling, then RapidFuzz for the rest.

This is the only module that calls RapidFuzz, so a change of scorer or of candidate
generation happens here and nowhere else.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import jellyfish
from rapidfuzz import process
from rapidfuzz.distance import Indel, JaroWinkler, OSA

from gazetteer.loader import Entry, Gazetteer
from gazetteer.normalize import fold

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class NameForm:
    """One accepted spelling of a person's name, split into given names and surname."""

    entry_id: str
    given: tuple[str, ...]
    surname: str
    written: str

    @property
    def written_given(self) -> tuple[str, ...]:
        """The given names as the gazetteer writes them (case and accents kept)."""
        words = self.written.split()
        return tuple(words[: len(self.given)]) if len(words) > len(self.given) else ()

    @property
    def written_surname(self) -> str:
        """The surname as the gazetteer writes it."""
        words = self.written.split()
        return " ".join(words[len(self.given) :])


class NameIndex:
    """Every accepted spelling of every entry, folded, for exact and fuzzy lookup."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.entries = gazetteer.entries
        self._full: dict[str, list[NameForm]] = defaultdict(list)
        self._surname: dict[str, set[str]] = defaultdict(set)
        self._given: dict[str, set[str]] = defaultdict(set)
        self._phonetic: dict[str, set[str]] = defaultdict(set)
        self._written_surname: dict[tuple[str, str], str] = {}
        for entry in gazetteer.entries.values():
            self._add(entry)
        self._surname_choices = {key: key for key in self._surname}
        self._all_given = frozenset(g for names in self._given.values() for g in names)
        self.known_words = frozenset(
            word for key in (*self._full, *self._surname) for word in key.split()
        )

    def _add(self, entry: Entry) -> None:
        surnames = {fold(s) for s in entry.surnames}
        for written in entry.surnames:
            self._written_surname[entry.id, fold(written)] = written
        for surname in surnames:
            self._surname[surname].add(entry.id)
            self._phonetic[phonetic_key(surname)].add(surname)
        for full in entry.full_names:
            key = fold(full)
            surname = next((s for s in sorted(surnames, key=len, reverse=True) if key.endswith(s)), "")
            if not surname:
                # "Xi Jinping": the surname comes first; the whole name is one form.
                surname = key
            given = tuple(key[: len(key) - len(surname)].split())
            form = NameForm(entry.id, given, surname, full)
            if any(f.entry_id == entry.id for f in self._full[key]):
                continue
            if self._full[key]:
                log.warning("two entries share the name %r", full)
            self._full[key].append(form)
            self._given[entry.id].update(given)

    def __len__(self) -> int:
        return len(self.entries)

    def full_name(self, key: str) -> list[NameForm]:
        """The forms spelled exactly ``key`` (folded)."""
        return self._full.get(key, [])

    def surname(self, key: str) -> set[str]:
        """Ids of the entries whose surname is spelled exactly ``key`` (folded)."""
        return self._surname.get(key, set())

    def written_surname(self, entry_id: str, key: str) -> str:
        """How the gazetteer writes the entry's surname spelled ``key`` (folded)."""
        return self._written_surname.get((entry_id, key), self.entries[entry_id].surname)

    def given_names(self, entry_id: str) -> set[str]:
        """Every folded given name the entry is known by."""
        return self._given.get(entry_id, set())

    def is_given_name(self, key: str) -> bool:
        """Whether ``key`` (folded) is anyone's first name."""
        return key in self._all_given

    def forms(self, entry_id: str) -> list[NameForm]:
        """Every full-name form of one entry."""
        entry = self.entries[entry_id]
        return [f for name in entry.full_names for f in self._full[fold(name)] if f.entry_id == entry_id]

    def similar_surnames(self, key: str, *, limit: int = 8, cutoff: float = 0.6) -> list[str]:
        """Folded surnames that may be ``key`` misspelt: close in letters or in sound."""
        found = process.extract(
            key,
            self._surname_choices,
            scorer=Indel.normalized_similarity,
            score_cutoff=cutoff,
            limit=limit,
        )
        names = {choice for choice, _score, _key in found}
        names.update(self._phonetic.get(phonetic_key(key), ()))
        names.discard(key)
        return sorted(names)


def phonetic_key(word: str) -> str:
    """A sound key for a folded word (Metaphone); '' for words it cannot key."""
    try:
        return jellyfish.metaphone(word)
    except (ValueError, IndexError):
        return ""


def similarity(a: str, b: str) -> tuple[float, str]:
    """How alike two folded name parts are (0..1), and the kind of difference.

    The kinds are the damage seen in translated, OCR'd and transcribed text: ``exact``,
    ``added`` (an ending added: Stubber), ``cut`` (cut short: Tus), ``one``/``two`` (letters
    off), ``sound`` (sounds the same: Makron), ``sound-like`` (McCone), ``letters`` (merely
    similar letters).
    """
    if a == b:
        return 1.0, "exact"
    if len(b) >= 4 and a.startswith(b) and len(a) - len(b) <= 3:
        return 0.9, "added"
    if len(a) >= 3 and b.startswith(a) and len(b) - len(a) <= 2:
        return 0.85, "cut"
    distance = OSA.distance(a, b)
    if distance == 1 and min(len(a), len(b)) >= 4:
        return 0.9, "one"
    key_a, key_b = phonetic_key(a), phonetic_key(b)
    if key_a and key_a == key_b and a[0] == b[0]:
        return 0.85, "sound"
    if distance == 2 and min(len(a), len(b)) >= 6:
        return 0.8, "two"
    if (
        a[0] == b[0]
        and key_a
        and key_b
        and OSA.distance(key_a, key_b) == 1
        and JaroWinkler.similarity(a, b) >= 0.78
    ):
        return 0.75, "sound-like"
    return 0.8 * Indel.normalized_similarity(a, b), "letters"


def best_similarity(query: str, choices: Iterable[str]) -> tuple[float, str, str]:
    """The choice most like ``query``: (score, why, choice); (0, '', '') for no choices."""
    best = (0.0, "", "")
    for choice in choices:
        score, why = similarity(query, choice)
        if score > best[0]:
            best = (score, why, choice)
    return best
