"""Judge a system's fixes against the known damage, and add the verdicts up.

A repair is correct when the applied fixes over a damaged place turn it back into what was
written, or into another spelling the gazetteer accepts for that person (``Damage.accepted``),
compared case-sensitively with accents and apostrophes ignored (Guaido = Guaidó). The text
around it inside the fixes must come back unchanged too. Damage and fixes are compared in
clusters of overlapping spans, so a fix of the whole name ("Emanuel Macron" -> "Emmanuel
Macron") restores damage to one word of it. Fixes that put damaged words back as written but
leave other damage of the same name ("Omar Guellh" -> "Omar Guelleh" in "lsmail Omar
Guellh", both words damaged) are right as far as they go: partial repairs, which restore
nothing.

- precision = correct applied fixes / all applied fixes, on the corrupted copies, partial
  repairs counted correct (they change nothing but damage, each word back to what was written;
  ``strict_precision`` counts them wrong);
- recall = restored damage / damage, for officials the gazetteer knows, suggestion-only kinds
  left out (recall on officials it lacks is reported apart: no matcher can fix those);
- a suggestion-only kind (a word heard instead of a name) counts as found when a fix that
  would restore it is listed but not applied; one applied is reported apart ("applied though
  suggestion-only") and left out of precision when it is right, counted wrong when it is not;
- an applied fix that overlaps no damage is a false edit; on the clean copies, every applied
  fix is, and they are reported per 10,000 words; except a fix of one of the publisher's own
  misspellings listed with the record (``errata``, "Condoleeza" for "Condoleezza"), which is
  counted apart and left out of precision.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from unidecode import unidecode

from bench.corrupt import KINDS, SUGGEST_ONLY, Damage, Sample
from bench.devset import word_count
from gazetteer.normalize import APOSTROPHES


class Fix(NamedTuple):
    """One fix a system proposes: replace ``text[start:end]`` (``original``)."""

    start: int
    end: int
    original: str
    replacement: str
    applied: bool
    reason: str = ""
    confidence: float = 1.0


@dataclass
class Verdict:
    """What became of one sample's damage and fixes."""

    sample: Sample
    restored: list[Damage] = field(default_factory=list)
    # Damage left as it was, with the best fix listed for it but not applied (if any).
    missed: list[tuple[Damage, Fix | None]] = field(default_factory=list)
    # Damage that applied fixes changed into something else.
    wrong: list[tuple[Damage, tuple[Fix, ...]]] = field(default_factory=list)
    suggested: list[Damage] = field(default_factory=list)
    correct: list[Fix] = field(default_factory=list)
    wrong_fixes: list[Fix] = field(default_factory=list)
    # Applied fixes that restore suggestion-only damage: right, but should only be listed.
    premature: list[Fix] = field(default_factory=list)
    # Applied fixes that put damaged words back as written, with other damage of the same name
    # left (partial repairs: right as far as they go), and the damage they left unrestored.
    partial: list[Fix] = field(default_factory=list)
    partly_restored: list[Damage] = field(default_factory=list)
    false_edits: list[Fix] = field(default_factory=list)
    # Applied fixes of the publisher's own misspellings (``Sample.errata``): right, but no
    # damage of ours, so left out of precision and of false edits alike.
    errata_fixed: list[Fix] = field(default_factory=list)

    @property
    def applied(self) -> int:
        """Applied fixes in this sample that precision counts (all but ``premature``)."""
        return len(self.correct) + len(self.partial) + len(self.wrong_fixes) + len(self.false_edits)


def judge(sample: Sample, fixes: Sequence[Fix]) -> Verdict:
    """Match one sample's fixes to its damage."""
    verdict = Verdict(sample)
    applied = sorted((f for f in fixes if f.applied), key=lambda f: (f.start, f.end))
    listed = [f for f in fixes if not f.applied]
    for damages, cluster in _clusters(sample.damages, applied):
        if not cluster:
            for damage in damages:
                hint = _best_listed(sample.text, damage, listed)
                if damage.kind in SUGGEST_ONLY and hint and _restores(sample.text, (hint,), (damage,), sample.errata):
                    verdict.suggested.append(damage)
                else:
                    verdict.missed.append((damage, hint))
        elif not damages:
            for fix in cluster:
                (verdict.errata_fixed if _fixes_erratum(fix, sample.errata) else verdict.false_edits).append(fix)
        elif _restores(sample.text, cluster, damages, sample.errata):
            if any(d.kind in SUGGEST_ONLY for d in damages):
                verdict.premature.extend(cluster)
                verdict.restored.extend(d for d in damages if d.kind not in SUGGEST_ONLY)
            else:
                verdict.correct.extend(cluster)
                verdict.restored.extend(damages)
        elif not any(d.kind in SUGGEST_ONLY for d in damages) and _restores_in_part(
            sample.text, cluster, damages, sample.errata
        ):
            verdict.partial.extend(cluster)
            verdict.partly_restored.extend(damages)
        else:
            verdict.wrong_fixes.extend(cluster)
            verdict.wrong.extend((d, tuple(cluster)) for d in damages)
    return verdict


def _fixes_erratum(fix: Fix, errata: Sequence[tuple[str, str]]) -> bool:
    """Whether a fix puts right one of the publisher's misspellings, and nothing else (accents
    and apostrophes aside, as everywhere here)."""
    return any(
        wrong in fix.original and _comparable(fix.original.replace(wrong, right)) == _comparable(fix.replacement)
        for wrong, right in errata
    )


def _clusters(
    damages: Sequence[Damage], fixes: Sequence[Fix]
) -> list[tuple[list[Damage], list[Fix]]]:
    """Damage and applied fixes grouped where their spans overlap."""
    spans: list[tuple[int, int, Damage | Fix]] = [(d.start, d.end, d) for d in damages]
    spans += [(f.start, f.end, f) for f in fixes]
    spans.sort(key=lambda s: (s[0], s[1]))
    groups: list[tuple[list[Damage], list[Fix]]] = []
    end = -1
    for start, stop, item in spans:
        if not groups or start >= end:
            groups.append(([], []))
            end = stop
        end = max(end, stop)
        if isinstance(item, Damage):
            groups[-1][0].append(item)
        else:
            groups[-1][1].append(item)
    return groups


def _best_listed(text: str, damage: Damage, listed: Sequence[Fix]) -> Fix | None:
    """The listed (not applied) fix over this damage: one that would restore it, else any."""
    over = [f for f in listed if f.start < damage.end and damage.start < f.end]
    right = [f for f in over if _restores(text, (f,), (damage,))]
    return max(right or over, key=lambda f: f.confidence, default=None)


def _restores(
    text: str, fixes: Sequence[Fix], damages: Sequence[Damage], errata: Sequence[tuple[str, str]] = ()
) -> bool:
    """Whether the fixes, made together, give back what was written (or an accepted spelling,
    or what was written with the publisher's own misspelling put right)."""
    _damaged, repaired, readings = _readings(text, fixes, damages, errata)
    return any(_comparable(written) == _comparable(repaired) for written in readings)


def _restores_in_part(
    text: str, fixes: Sequence[Fix], damages: Sequence[Damage], errata: Sequence[tuple[str, str]] = ()
) -> bool:
    """Whether the fixes, made together, change only damaged words, each back to what was
    written (or to its word of an accepted spelling), the words lined up one for one."""
    damaged_text, repaired_text, readings = _readings(text, fixes, damages, errata)
    damaged, repaired = damaged_text.split(), repaired_text.split()
    if len(repaired) != len(damaged):
        return False
    return any(
        len(written) == len(damaged)
        and all(new == old or _comparable(new) == _comparable(right) for old, new, right in zip(damaged, repaired, written))
        for written in (reading.split() for reading in readings)
    )


def _readings(
    text: str, fixes: Sequence[Fix], damages: Sequence[Damage], errata: Sequence[tuple[str, str]]
) -> tuple[str, str, Iterator[str]]:
    """The stretch of text the fixes and damage cover: as it stands, as the fixes make it, and
    each way it may rightly read (``_accepted`` for each damaged place)."""
    low = min(min(f.start for f in fixes), min(d.start for d in damages))
    high = max(max(f.end for f in fixes), max(d.end for d in damages))
    repaired = _replace(text, low, high, [(f.start, f.end, f.replacement) for f in fixes])
    ordered = sorted(damages, key=lambda d: d.start)
    readings = (
        reading
        for choice in itertools.product(*(_accepted(d, errata) for d in ordered))
        for reading in _with_errata_righted(_replace(text, low, high, [(d.start, d.end, c) for d, c in zip(ordered, choice)]), errata)
    )
    return text[low:high], repaired, readings


def _with_errata_righted(reading: str, errata: Sequence[tuple[str, str]]) -> Iterator[str]:
    """The reading, and the same with the publisher's misspellings in it put right: a fix of a
    damaged surname that puts right the publisher's first name beside it too ("Christina
    Fernandez de Kirchn" to Cristina Fernández de Kirchner) restores what was meant."""
    yield reading
    righted = reading
    for wrong, right in errata:
        righted = righted.replace(wrong, right)
    if righted != reading:
        yield righted


def _accepted(damage: Damage, errata: Sequence[tuple[str, str]]) -> tuple[str, ...]:
    """What the damaged place may rightly read: its accepted spellings, and those with the
    publisher's misspelling in them put right ("Odinda", damaged to "ODINDA", may become Odinga)."""
    righted = tuple(a.replace(wrong, right) for a in damage.accepted for wrong, right in errata if wrong in a)
    return (*damage.accepted, *righted)


def _replace(text: str, low: int, high: int, edits: Iterable[tuple[int, int, str]]) -> str:
    parts = []
    cursor = low
    for start, end, new in sorted(edits):
        parts.append(text[cursor:start])
        parts.append(new)
        cursor = end
    parts.append(text[cursor:high])
    return "".join(parts)


def _comparable(text: str) -> str:
    """Accents and apostrophe shapes dropped, letter case kept."""
    for mark in APOSTROPHES[1:]:
        text = text.replace(mark, "'")
    return str(unidecode(text))


@dataclass
class Tally:
    """One system's figures, added up over samples."""

    applied: int = 0
    correct: int = 0
    partial: int = 0
    damaged: int = 0
    restored: int = 0
    damaged_by_kind: Counter[str] = field(default_factory=Counter)
    restored_by_kind: Counter[str] = field(default_factory=Counter)
    unknown_damaged: int = 0
    unknown_restored: int = 0
    suggest_only: int = 0
    suggest_listed: int = 0
    suggest_applied: int = 0
    false_edits: int = 0
    clean_words: int = 0
    clean_false_edits: int = 0
    errata_fixed: int = 0
    verdicts: list[Verdict] = field(default_factory=list)

    def add(self, verdict: Verdict) -> None:
        """Count one judged sample (corrupted or clean)."""
        self.verdicts.append(verdict)
        self.errata_fixed += len(verdict.errata_fixed)
        if verdict.sample.clean:
            self.clean_words += word_count(verdict.sample.text)
            self.clean_false_edits += len(verdict.false_edits)
            return
        self.applied += verdict.applied
        self.correct += len(verdict.correct)
        self.partial += len(verdict.partial)
        self.false_edits += len(verdict.false_edits)
        restored = {id(d) for d in verdict.restored}
        for damage in verdict.sample.damages:
            fixed = id(damage) in restored
            if damage.kind in SUGGEST_ONLY:
                self.suggest_only += 1
                continue
            if not damage.known:
                self.unknown_damaged += 1
                self.unknown_restored += fixed
                continue
            self.damaged += 1
            self.restored += fixed
            self.damaged_by_kind[damage.kind] += 1
            self.restored_by_kind[damage.kind] += fixed
        self.suggest_listed += len(verdict.suggested)
        self.suggest_applied += len({id(d) for d, _ in _suggest_only_applied(verdict)})

    @property
    def precision(self) -> float | None:
        """Right applied fixes (correct and partial) over all applied fixes; None when nothing
        was applied."""
        return (self.correct + self.partial) / self.applied if self.applied else None

    @property
    def strict_precision(self) -> float | None:
        """Precision with partial repairs counted wrong."""
        return self.correct / self.applied if self.applied else None

    @property
    def recall(self) -> float | None:
        """Restored damage over damage (officials the gazetteer knows)."""
        return self.restored / self.damaged if self.damaged else None

    @property
    def f1(self) -> float | None:
        """Harmonic mean of precision and recall (precision 1 when nothing was applied)."""
        precision = 1.0 if self.precision is None else self.precision
        recall = self.recall
        if recall is None or precision + recall == 0:
            return None if recall is None else 0.0
        return 2 * precision * recall / (precision + recall)

    @property
    def false_edits_per_10k(self) -> float | None:
        """Applied fixes per 10,000 words of clean text."""
        return self.clean_false_edits * 10_000 / self.clean_words if self.clean_words else None

    def kind_recall(self, kind: str) -> float | None:
        """Recall for one kind of damage."""
        total = self.damaged_by_kind[kind]
        return self.restored_by_kind[kind] / total if total else None

    def figures(self) -> dict[str, object]:
        """The figures, for JSON."""
        return {
            "precision": self.precision,
            "strict_precision": self.strict_precision,
            "recall": self.recall,
            "f1": self.f1,
            "applied": self.applied,
            "correct": self.correct,
            "partial": self.partial,
            "damaged": self.damaged,
            "restored": self.restored,
            "false_edits_in_corrupted": self.false_edits,
            "clean_words": self.clean_words,
            "clean_false_edits": self.clean_false_edits,
            "false_edits_per_10k_words": self.false_edits_per_10k,
            "publisher_misspellings_fixed": self.errata_fixed,
            "recall_by_kind": {k: self.kind_recall(k) for k in KINDS if k not in SUGGEST_ONLY},
            "damaged_by_kind": dict(self.damaged_by_kind),
            "unknown_officials": {"damaged": self.unknown_damaged, "restored": self.unknown_restored},
            "suggestion_only": {
                "damaged": self.suggest_only,
                "listed": self.suggest_listed,
                "applied": self.suggest_applied,
            },
        }


def _suggest_only_applied(verdict: Verdict) -> list[tuple[Damage, Fix]]:
    """Suggestion-only damage with an applied fix over it (right or wrong)."""
    fixes = [*verdict.premature, *verdict.wrong_fixes]
    return [
        (d, f)
        for d in verdict.sample.damages
        if d.kind in SUGGEST_ONLY
        for f in fixes
        if f.start < d.end and d.start < f.end
    ]
