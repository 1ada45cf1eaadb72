"""Which of an article's surnames a written word may be close to, without comparing the word
with each of them.

names.py compares a surname written alone with the surname of every person the article
names. For a news story that is a few dozen comparisons; for a text naming thousands of
people it was words times people (10,000 mentions of 5,000 people: 25 million comparisons).
NearbyNames narrows the comparison to the surnames that can pass
``gazetteer.index.may_be_alike``, found by lookups whose number depends on the word's length
only.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

from gazetteer.index import SurnamePool, may_be_alike, ocr_keys

Row = TypeVar("Row")

# Up to this many rows are handed back whole: comparing them is cheaper than indexing them.
FEW = 48
# may_be_alike accepts at most two edits, an ending of up to three letters added or cut, or a
# scanner's misreading. A written key may also run up to four letters past the surname or past
# all but its last letter: more than may_be_alike accepts today, so that a case ending left on
# by translation ("Johnsonille", "Pompeem"), which main's may_be_alike is to accept, is near too.
_EDITS = 2
_ENDING = 3
_LONGER = 4


class NearbyNames(Generic[Row]):
    """Rows that each hold a folded surname (``surname(row)``), looked up by a written key:
    ``near(key)`` holds every row whose surname ``may_be_alike(key, surname)``, and maybe
    others, in the order of ``rows``.

    Two keys that ``may_be_alike`` are two edits apart at most, so each becomes the same
    string with at most two letters deleted (symmetric deletes); or one is the other with
    up to three letters added at the end; or they read alike to a scanner (``ocr_keys``).
    """

    def __init__(self, rows: Sequence[Row], surname: Callable[[Row], str]) -> None:
        self.rows = rows
        self._by_deleted: dict[str, list[int]] = defaultdict(list)
        self._by_key: dict[str, list[int]] = defaultdict(list)  # the surname, and it less its last letter
        self._by_stem: dict[str, list[int]] = defaultdict(list)
        self._by_ocr: dict[str, list[int]] = defaultdict(list)
        if len(rows) <= FEW:
            return
        for position, row in enumerate(rows):
            key = surname(row)
            for deleted in deletions(key, _EDITS):
                self._by_deleted[deleted].append(position)
            self._by_key[key].append(position)
            if len(key) > 1:
                self._by_key[key[:-1]].append(position)
            for cut in range(1, _ENDING + 1):
                self._by_stem[key[:-cut]].append(position)
            for misread in ocr_keys(key):
                self._by_ocr[misread].append(position)

    def near(self, key: str) -> Sequence[Row]:
        """The rows whose surname ``key`` may be alike, and perhaps a few more."""
        if len(self.rows) <= FEW:
            return self.rows
        found: set[int] = set()
        for deleted in deletions(key, _EDITS):
            found.update(self._by_deleted.get(deleted, ()))
        found.update(self._by_stem.get(key, ()))  # the surname is the key and an ending
        for cut in range(1, _LONGER + 1):  # the key is the surname and an ending
            found.update(self._by_key.get(key[:-cut], ()))
        for misread in ocr_keys(key):
            found.update(self._by_ocr.get(misread, ()))
        return [self.rows[position] for position in sorted(found)]


def deletions(word: str, depth: int) -> set[str]:
    """``word`` with up to ``depth`` letters deleted, in every way, down to the empty string
    (``gazetteer.index.deletes`` stops at two letters, too soon for this exact use)."""
    found = {word}
    frontier = {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        found |= frontier
    return found


# Up to this many surnames are compared with a word in one RapidFuzz call; more (a text naming
# thousands) are narrowed by NearbyNames first, whose index costs more to build.
MANY = 512


class Lookalikes:
    """The surnames of (surname, entry id) pairs that a written word may be a damaged spelling
    of (``may_be_alike``), asked once per word: a few compared in one RapidFuzz call
    (``SurnamePool``), many narrowed first by ``NearbyNames``."""

    def __init__(self, pairs: Sequence[tuple[str, str]]) -> None:
        self._pool = SurnamePool(pairs) if len(pairs) <= MANY else None
        self._nearby = NearbyNames(pairs, lambda pair: pair[0]) if self._pool is None else None
        self._answers: dict[str, list[tuple[str, str]]] = {}

    def alike(self, word: str) -> list[tuple[str, str]]:
        """(surname, entry id) for every surname ``word`` may be, in surname order."""
        if self._pool is not None:
            return self._pool.alike(word)
        answer = self._answers.get(word)
        if answer is None:
            assert self._nearby is not None
            found = {pair for pair in self._nearby.near(word) if may_be_alike(word, pair[0])}
            answer = self._answers[word] = sorted(found)
        return answer
