"""The systems the benchmark compares: no change, a naive RapidFuzz scan, and this service.

Each turns a text into fixes (``bench.score.Fix``), applied or only listed.

The naive scan is what one writes first: for every capitalised word, ``process.extractOne``
over the surname of every official in the gazetteer (one string per official, as loaded; not
deduplicated), scorer ``fuzz.WRatio``, no processor (case counts), and the word is replaced
whenever the best match at or above the cutoff differs from it.
"""

from __future__ import annotations

from typing import Protocol

from rapidfuzz import fuzz, process

from bench.devset import WORD
from bench.score import Fix
from gazetteer.index import NameIndex
from gazetteer.normalize import strip_possessive
from repair.models import RepairOptions
from repair.pipeline import repair_text

NAIVE_CUTOFF = 90.0
OPTIONS = RepairOptions(grammar=False)


class System(Protocol):
    """Something that proposes fixes for a text."""

    name: str

    def fixes(self, text: str) -> list[Fix]:
        """The fixes for ``text``, applied or listed."""
        ...


class NoChange:
    """Leaves every text as it is: the floor for recall, the ceiling for precision."""

    name = "no change"

    def fixes(self, text: str) -> list[Fix]:
        """Nothing."""
        return []


class NaiveScan:
    """One ``process.extractOne`` over every official's surname per capitalised word."""

    name = "naive rapidfuzz"

    def __init__(self, index: NameIndex, *, cutoff: float = NAIVE_CUTOFF) -> None:
        self.cutoff = cutoff
        self.choices = [e.surname for e in index.entries.values() if e.kind == "official"]

    def fixes(self, text: str) -> list[Fix]:
        """Replace each capitalised word by its best surname match when that differs."""
        found = []
        for match in WORD.finditer(text):
            word = strip_possessive(match.group())
            if len(word) < 2 or not word[0].isupper():
                continue
            best = process.extractOne(word, self.choices, scorer=fuzz.WRatio, score_cutoff=self.cutoff)
            if best is not None and best[0] != word:
                start = match.start()
                found.append(
                    Fix(start, start + len(word), word, best[0], True, f"WRatio {best[1]:.0f}", best[1] / 100)
                )
        return found


class Service:
    """The repair pipeline as a library, grammar off: the name stage and the diff."""

    name = "this service"

    def __init__(self, index: NameIndex) -> None:
        self.index = index
        self.last_names_ms = 0.0

    def fixes(self, text: str) -> list[Fix]:
        """Every correction the pipeline lists, applied or not."""
        result = repair_text(text, index=self.index, options=OPTIONS)
        self.last_names_ms = result.timings_ms.get("names", 0.0)
        return [
            Fix(c.start, c.end, c.original, c.replacement, c.applied, c.reason, c.confidence)
            for c in result.corrections
        ]
