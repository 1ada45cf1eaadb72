"""Seeded damage to officials' names, of the kinds seen in translated, OCR'd and transcribed text.

Each corrupted copy of a record damages a sample of the places where an official is named,
one kind of damage each, and remembers for each its span in the corrupted text, the string it
replaced and the strings that count as restoring it. The same seed gives the same copies.

Damage is applied to the name as written, changes the string, and stays something a reader
could map back: one rule at a time, never below three letters, never to another accepted
spelling of the same person (for transliterated names, never to a spelling that differs only
as transliterations do: Zelensky/Zelenskyy), never to a very common English word.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import jellyfish
from rapidfuzz.distance import OSA, Indel
from wordfreq import top_n_list, zipf_frequency

from bench.devset import SUFFIXES, WORD, Known, Occurrence, Official, Record, occurrences, resolve
from gazetteer.index import NameIndex
from gazetteer.normalize import fold, transliteration_skeleton

# What each kind is, in the words of the issue; the report prints this table.
KIND_HELP: dict[str, str] = {
    "suffix": "MT residue: an ending added or changed (Stubb -> Stubber, Stube; Rubio -> Rubion)",
    "phonetic": "respelled by sound (Macron -> Makron; Peskov -> Peskoff; Rutte -> Rootte)",
    "truncation": "cut short (Tusk -> Tus; Macron -> Macro)",
    "letters": "a letter doubled, dropped or two swapped (Kellogg -> Kellog)",
    "ocr": "OCR confusion: rn/m, cl/d, e/c, l/I, li/h, vv/w (Macron -> Maeron)",
    "inflection": "a case ending of the source language left on (Slavic Bidena, Trumpem, Macronu; "
    "Baltic Starmeris; Turkish Putinin; Finnish Stubbille)",
    "respelling": "respelled as another language writes the sound (German Schtarmer, Jellen; Polish "
    "Czernyshov, Szevchenko; Peskow, Zelenski)",
    "case": "surname in capitals, alone or with a spelling damage (STARMER, RUBION)",
    "first_name": "wrong first name, surname intact (Emanuel Macron)",
    "both": "first name and surname damaged together, as machine translation mangles a whole name (Emanuel "
    "McCone)",
    "swapped_given": "another named official's first name put on the surname (Marco Lavrov for "
    "Sergey Lavrov, where the text names Marco Rubio)",
    "pair": "one side of a hyphenated pair damaged (Putin-Trumpet meeting)",
    "surname_after_full": "surname alone, damaged, after the intact full name earlier in the text",
    "lower_word": "a surname that is an English word, lower-cased where only a name stands: before a speech verb "
    "or a possessive, after a title, beside another name (trump said, the trump's team, President trump, Putin and "
    "trump)",
    "heard_word": "a real word heard instead of the surname (Starmer -> stammer): suggestion only",
}
KINDS: tuple[str, ...] = tuple(KIND_HELP)
SPELLING: tuple[str, ...] = ("suffix", "phonetic", "truncation", "letters", "ocr", "inflection", "respelling")
# Kinds a repair may only suggest: an applied fix for one is never counted as correct.
SUGGEST_ONLY = frozenset({"heard_word"})

# Surnames of officials that are also ordinary English words (trump card, may, brown rice).
WORD_SURNAMES = frozenset(
    """trump may brown bush hunt white swan bishop rice truss cleverly pence cook banks king
    young green gray grey fox rich price long little moon rose love bird lamb hope mills noble
    frost baker carpenter miller smith mason cooper fisher hunter archer bond lane marsh ford
    cash gates holmes reed wood hill field street""".split()
)
# Words after which the word before is someone speaking: "trump said", "the stammer told".
SPEECH_VERBS = frozenset(
    """said says told added stated announced warned insisted argued noted wrote asked replied
    responded declared explained claimed urged stressed thanked welcomed""".split()
)
# Damage never makes a word this common (Zipf scale): "They" is no longer anybody's name.
VERY_COMMON_ZIPF = 4.5
MIN_SIMILARITY = 0.6
# A word heard instead of a name is a word in everyday use (Zipf scale), not a rare one.
HEARD_ZIPF = 2.5

_VOWELS = "aeiouy"
_SENTENCE_END = re.compile(r"(^|[.!?:\"\u201c\u201d]|\n)\s*$")
_NEXT_WORD = re.compile(r"\s+([^\W\d_]+)")

# (pattern on the lower-cased word, replacement): one of them, at one place, per damage.
PHONETIC_RULES: tuple[tuple[str, str], ...] = (
    (r"c(?=[aour])|c$", "k"), (r"ck", "k"), (r"ph", "f"), (r"f", "ph"), (r"v$", "ff"),
    (r"w", "v"), (r"v", "w"), (r"oo", "u"), (r"(?<!o)u(?!o)", "oo"), (r"ou", "u"), (r"ee", "i"),
    (r"(?<=[^aeiou])i(?=[^aeiou])", "ee"), (r"(?<=[aeiou])s(?=[aeiou])", "z"), (r"z", "s"),
    (r"x", "ks"), (r"qu", "kw"), (r"ch", "sh"), (r"sh", "ch"), (r"j", "dj"), (r"th", "t"),
    (r"^mac", "mc"), (r"^mc", "mac"), (r"er$", "a"), (r"(?<=[^aeiou])a$", "er"), (r"y$", "ie"),
    (r"ie$", "y"), (r"ei", "ey"), (r"ey", "ei"), (r"ai", "ay"), (r"au", "o"), (r"gh", "g"),
    (r"(?<=[aeiou])g(?=[ei])", "j"), (r"on$", "one"), (r"c(?=[ei])", "s"),
    (r"(?<=[aeiou])t(?=[aeiou])", "d"),
)
# (as written, as misread): case-sensitive, since OCR confuses shapes, not letters.
OCR_RULES: tuple[tuple[str, str], ...] = (
    ("m", "rn"), ("rn", "m"), ("d", "cl"), ("cl", "d"), ("e", "c"), ("c", "e"), ("l", "I"),
    ("I", "l"), ("h", "li"), ("li", "h"), ("w", "vv"), ("n", "ri"), ("ri", "n"), ("u", "ii"),
    ("M", "RN"), ("RN", "M"), ("D", "CL"), ("E", "F"), ("O", "Q"),
)
# Other languages' ways of writing a sound, one at a time: what a translation from German,
# Polish, Czech or Russian leaves in an English name.
RESPELLING_RULES: tuple[tuple[str, str], ...] = (
    (r"sh", "sch"), (r"(?<!t)ch", "tsch"), (r"^y", "j"), (r"(?<=[aeiou])y(?=[aeiou])", "j"),
    (r"ch", "cz"), (r"sh", "sz"), (r"(?<=[aeiou])v", "w"), (r"ov$", "ow"), (r"ev$", "ew"),
    (r"sky$", "ski"), (r"ski$", "sky"), (r"(?<=[^aeiou])y$", "i"), (r"ts", "z"), (r"z", "ts"),
    (r"^h", "kh"), (r"kh", "ch"), (r"j", "zh"), (r"c(?=[aou])", "k"), (r"^z", "s"),
)
# Case endings of inflected languages that a machine translation leaves on a name.
INFLECTIONS: tuple[tuple[str, str], ...] = (
    ("a", "Slavic genitive"), ("u", "Slavic dative"), ("em", "Czech instrumental"),
    ("om", "Russian instrumental"), ("ovi", "Czech dative"), ("is", "Lithuanian"),
    ("as", "Lithuanian"), ("in", "Turkish genitive"), ("ille", "Finnish allative"),
    ("nak", "Hungarian dative"), ("ot", "Hungarian accusative"),
)
CONSONANT_ENDINGS = ("a", "e", "u", "er", "en", "om")
VOWEL_ENDINGS = ("n", "s", "na")


@dataclass(frozen=True)
class Damage:
    """One damaged place: ``text[start:end]`` of the corrupted text was ``original``.

    A repair restores it when it puts back ``original`` or one of ``accepted`` (the other
    spellings the gazetteer accepts for that person; compared ignoring accents, keeping case).
    ``known``: the gazetteer knows the person, so a repair can be expected at all.
    """

    start: int
    end: int
    original: str
    damaged: str
    kind: str
    detail: str
    official: str
    accepted: tuple[str, ...]
    known: bool


@dataclass(frozen=True)
class Sample:
    """One text to repair: a corrupted copy of a record (with its damage) or a clean one."""

    id: str
    record_id: str
    source: str
    text: str
    damages: tuple[Damage, ...] = ()
    # The publisher's own misspellings (as written, right): fixing one is no false edit.
    errata: tuple[tuple[str, str], ...] = ()

    @property
    def clean(self) -> bool:
        """Unmodified text: every applied fix in it is a false edit."""
        return not self.damages


@dataclass(frozen=True)
class _Plan:
    start: int
    end: int
    new: str
    kind: str
    detail: str
    accepted: tuple[str, ...]


def clean_samples(records: Iterable[Record]) -> list[Sample]:
    """The records as they are."""
    return [Sample(r.id, r.id, r.source, r.text, errata=r.errata) for r in records]


def corrupt_all(
    records: Sequence[Record], index: NameIndex, *, seed: int, copies: int = 2, rate: float = 0.5
) -> list[Sample]:
    """``copies`` corrupted copies of each record, in record order."""
    corruptor = Corruptor(index, seed=seed, rate=rate)
    return [corruptor.corrupt(record, copy) for record in records for copy in range(copies)]


class Corruptor:
    """Makes corrupted copies, keeping the kinds of damage balanced over a whole run."""

    def __init__(self, index: NameIndex, *, seed: int, rate: float = 0.5) -> None:
        self.index = index
        self.seed = seed
        self.rate = rate
        self.counts: Counter[str] = Counter()
        self._known: dict[Official, Known] = {}
        self._first_names: dict[Official, set[str]] = {}

    def known(self, official: Official) -> Known:
        """What the gazetteer knows of an official (looked up once)."""
        if official not in self._known:
            self._known[official] = resolve(official, self.index)
        return self._known[official]

    def corrupt(self, record: Record, copy: int) -> Sample:
        """Copy number ``copy`` of ``record``, with a sample of its occurrences damaged."""
        rng = random.Random(f"{self.seed}:{record.id}:{copy}")
        found = occurrences(record)
        self._first_names = self._first_names_in(record.text, found)
        eligible = [i for i, o in enumerate(found) if o.shape != "given"]
        rng.shuffle(eligible)
        wanted = max(1, round(self.rate * len(eligible))) if eligible else 0
        plans: dict[int, _Plan] = {}
        locked: set[int] = set()
        for i in eligible:
            if len(plans) >= wanted:
                break
            if i in locked:
                continue
            options = self._options(record.text, found, i, plans)
            kinds = sorted(options)
            while kinds:
                weights = [1.0 / (1 + self.counts[k]) ** 2 for k in kinds]
                kind = rng.choices(kinds, weights)[0]
                plan = self._damage(kind, record.text, found[i], rng)
                if plan is None:
                    kinds.remove(kind)
                    continue
                plans[i] = plan
                self.counts[kind] += 1
                keep = options[kind]
                if keep is not None:
                    locked.add(keep)  # the full name or the pair partner stays intact
                break
        return self._apply(f"{record.id}#{copy}", record, found, plans)

    def _first_names_in(self, text: str, found: list[Occurrence]) -> dict[Official, set[str]]:
        """The first names each official is written with in the text (for swapped_given)."""
        names: dict[Official, set[str]] = {}
        for occurrence in found:
            span = given_span(occurrence, self.known(occurrence.official))
            if span:
                names.setdefault(occurrence.official, set()).add(text[span[0] : span[1]])
        return names

    def _others_first_names(self, official: Official) -> list[str]:
        """First names of the other officials the text names, unlike this one's."""
        own = {fold(n) for n in self.known(official).given_names()} | {fold(official.name.split()[0])}
        return sorted(
            {n for other, names in self._first_names.items() if other != official for n in names if fold(n) not in own}
        )

    def _options(
        self, text: str, found: list[Occurrence], i: int, plans: dict[int, _Plan]
    ) -> dict[str, int | None]:
        """The kinds this occurrence can take, each with the occurrence it needs left intact."""
        occurrence = found[i]
        target = surname_span(occurrence)
        options: dict[str, int | None] = {}
        if target is None:
            return options
        word = text[target[0] : target[1]]
        if occurrence.shape == "full":
            options.update(dict.fromkeys(SPELLING))
            if given_span(occurrence, self.known(occurrence.official)):
                options["first_name"] = None
                options["both"] = None
                if self._others_first_names(occurrence.official):
                    options["swapped_given"] = None
        else:
            earlier = next(
                (
                    j
                    for j in range(i - 1, -1, -1)
                    if found[j].official == occurrence.official and found[j].shape == "full"
                ),
                None,
            )
            if earlier is not None and earlier not in plans:
                options["surname_after_full"] = earlier
            partner = _pair_partner(text, found, i)
            if partner is not None and partner not in plans:
                options["pair"] = partner
            if not options:
                options.update(dict.fromkeys(SPELLING))
            cased = word[:1].isupper() and not word.isupper()
            if _speaker_slot(text, occurrence) and cased and fold(word) not in WORD_SURNAMES:
                options["heard_word"] = None
            if (
                (_speaker_slot(text, occurrence) or _name_place(text, occurrence))
                and cased
                and fold(word) in WORD_SURNAMES
                and not _SENTENCE_END.search(text[: target[0]])
            ):
                options["lower_word"] = None  # "and trump said", never "trump said" opening a sentence
        if not word.isupper() and not _inside_quote(text, target[0]):
            options["case"] = None  # capitals inside a quotation are the speaker's emphasis
        return options

    def _apply(
        self, sample_id: str, record: Record, found: list[Occurrence], plans: dict[int, _Plan]
    ) -> Sample:
        """The record's text with the planned damage made, and where each damage now is."""
        parts: list[str] = []
        damages: list[Damage] = []
        cursor = 0
        for i in sorted(plans, key=lambda i: plans[i].start):
            plan = plans[i]
            parts.append(record.text[cursor : plan.start])
            start = sum(map(len, parts))
            parts.append(plan.new)
            official = found[i].official
            damages.append(
                Damage(
                    start, start + len(plan.new), record.text[plan.start : plan.end], plan.new,
                    plan.kind, plan.detail, official.name, plan.accepted,
                    known=bool(self.known(official).entries),
                )
            )
            cursor = plan.end
        parts.append(record.text[cursor:])
        return Sample(sample_id, record.id, record.source, "".join(parts), tuple(damages), record.errata)

    def _damage(self, kind: str, text: str, occurrence: Occurrence, rng: random.Random) -> _Plan | None:
        known = self.known(occurrence.official)
        span = surname_span(occurrence)
        assert span is not None
        word = text[span[0] : span[1]]
        surnames = (word, *_alike(word, known.surnames()))
        if kind == "first_name":
            given = given_span(occurrence, known)
            assert given is not None
            first = text[given[0] : given[1]]
            accepted = (first, *_alike(first, known.given_names()))
            for sub in _shuffled(rng, ("letters", "phonetic", "ocr")):
                new = _pick(rng, DAMAGERS[sub](first), first, known)
                if new:
                    return _Plan(*given, new[0], kind, f"{sub}: {new[1]}", accepted)
            return None
        if kind == "both":
            given = given_span(occurrence, known)
            assert given is not None
            first_plan = self._damage("first_name", text, occurrence, rng)
            for sub in _shuffled(rng, SPELLING):
                picked = _pick(rng, DAMAGERS[sub](word), word, known)
                if first_plan is None or not picked:
                    continue
                middle = text[given[1] : span[0]]
                accepted = tuple(f"{a}{middle}{b}" for a in first_plan.accepted for b in surnames)
                detail = f"{first_plan.detail}; {sub}: {picked[1]}"
                return _Plan(given[0], span[1], f"{first_plan.new}{middle}{picked[0]}", kind, detail, accepted)
            return None
        if kind == "swapped_given":
            given = given_span(occurrence, known)
            assert given is not None
            first = text[given[0] : given[1]]
            accepted = (first, *_alike(first, known.given_names()))
            other = rng.choice(self._others_first_names(occurrence.official))
            return _Plan(*given, other, kind, f"{first} -> {other}", accepted)
        if kind == "case":
            upper = word.upper()
            if rng.random() < 0.5:
                return _Plan(*span, upper, kind, "upper", surnames)
            for sub in _shuffled(rng, ("suffix", "letters", "ocr")):
                new = _pick(rng, DAMAGERS[sub](upper), upper, known)
                if new:
                    return _Plan(*span, new[0], kind, f"upper+{sub}: {new[1]}", surnames)
            return None
        if kind == "lower_word":
            return _Plan(*span, word.lower(), kind, "lower case", surnames)
        if kind == "heard_word":
            heard = heard_words(fold(word), self.index, known)
            if not heard:
                return None
            said = rng.choice(heard[:3])
            if _SENTENCE_END.search(text[: span[0]]):
                said = said.capitalize()
            return _Plan(*span, said, kind, f"heard as '{said}'", surnames)
        subs = (kind,) if kind in SPELLING else _shuffled(rng, SPELLING)
        for sub in subs:
            picked = _pick(rng, DAMAGERS[sub](word), word, known)
            if picked:
                detail = picked[1] if kind == sub else f"{sub}: {picked[1]}"
                return _Plan(*span, picked[0], kind, detail, surnames)
        return None


def _inside_quote(text: str, position: int) -> bool:
    """Whether ``position`` is inside a quotation opened earlier in its paragraph."""
    segment = text[text.rfind("\n", 0, position) + 1 : position]
    opened = segment.count("\u201c") + segment.count("\u00ab") - segment.count("\u201d") - segment.count("\u00bb")
    return opened > 0 or segment.count('"') % 2 == 1


def surname_span(occurrence: Occurrence) -> tuple[int, int] | None:
    """The span of the surname word to damage: the last word, if long enough (not "Xi")."""
    found = [m for m in WORD.finditer(occurrence.text) if fold(m.group()) not in SUFFIXES]
    if not found or len(found[-1].group()) < 4:
        return None
    return occurrence.start + found[-1].start(), occurrence.start + found[-1].end()


def given_span(occurrence: Occurrence, known: Known) -> tuple[int, int] | None:
    """The span of the first name of a full-name mention, when it is the person's first name."""
    if occurrence.shape != "full":
        return None
    first = WORD.match(occurrence.text)
    if first is None or len(first.group()) < 4:
        return None
    names = {fold(n) for n in known.given_names()} | {fold(occurrence.official.name.split()[0])}
    if fold(first.group()) not in names:
        return None
    return occurrence.start + first.start(), occurrence.start + first.end()


def _pair_partner(text: str, found: list[Occurrence], i: int) -> int | None:
    """The other official of a hyphenated pair ("Putin-Trump"), if this is one side of it."""
    me = found[i]
    for j in (i - 1, i + 1):
        if not 0 <= j < len(found) or found[j].official == me.official:
            continue
        other = found[j]
        if j < i and not other.possessive and text[other.end : me.start] == "-":
            return j
        if j > i and not me.possessive and text[me.end : other.start] == "-":
            return j
    return None


def _speaker_slot(text: str, occurrence: Occurrence) -> bool:
    """A possessive, or a speech verb just after: the context shows a person."""
    if occurrence.possessive:
        return True
    after = _NEXT_WORD.match(text, occurrence.end)
    return bool(after and after.group(1) in SPEECH_VERBS)


_TITLE_BEFORE = re.compile(r"(?i:president|prime minister|minister|secretary|chancellor|senator|governor|mr|mrs|ms|dr)\.? $")
_NAME_AND_BEFORE = re.compile(r"[A-Z][^\W\d_]+ and $")
_AND_NAME_AFTER = re.compile(r" and [A-Z]")


def _name_place(text: str, occurrence: Occurrence) -> bool:
    """A title just before, or another name across "and" or a hyphen: only a name stands here
    ("President Trump", "Putin and Trump", "the Putin-Trump meeting")."""
    before = text[max(0, occurrence.start - 30) : occurrence.start]
    after = text[occurrence.end : occurrence.end + 8]
    return bool(
        _TITLE_BEFORE.search(before)
        or _NAME_AND_BEFORE.search(before)
        or _AND_NAME_AFTER.match(after)
        or re.search(r"[A-Z][^\W\d_]+-$", before)
        or re.match(r"-[A-Z]", after)
    )


def _alike(word: str, spellings: set[str]) -> list[str]:
    """The gazetteer's other spellings of this word ("Galant" for "Gallant"), not other names
    of the person ("Lula" is not a spelling of "Silva")."""
    key = fold(word)
    return sorted(
        s
        for s in spellings
        if s != word
        and (
            transliteration_skeleton(s) == transliteration_skeleton(key)
            or Indel.normalized_similarity(fold(s), key) >= 0.75
        )
    )


def _shuffled(rng: random.Random, items: Sequence[str]) -> list[str]:
    order = list(items)
    rng.shuffle(order)
    return order


def _pick(
    rng: random.Random, candidates: list[tuple[str, str]], word: str, known: Known
) -> tuple[str, str] | None:
    """A random valid damaged form of ``word`` with the rule that made it, or None."""
    valid = sorted({c for c in candidates if valid_damage(c[0], word, known)})
    return rng.choice(valid) if valid else None


def valid_damage(new: str, word: str, known: Known) -> bool:
    """Whether ``new`` is fair damage of ``word``: changed, recognisable, not another right
    spelling of the person, not a very common word."""
    key, old = fold(new), fold(word)
    if new == word or len(key) < 3 or not key.isalpha():
        return False
    if key == old and new.upper() != new:
        return False  # only accents or case changed (case is its own kind)
    if key != old and key in known.spellings():
        return False
    if known.accepts(new, word):
        return False  # another right rendering, not damage (Rajapakse for Rajapaksa)
    if Indel.normalized_similarity(key, old) < MIN_SIMILARITY:
        return False
    return zipf_frequency(key, "en") < VERY_COMMON_ZIPF


def _recase(replacement: str, segment: str, word: str) -> str:
    if word.isupper():
        return replacement.upper()
    if segment[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def suffix_damage(word: str) -> list[tuple[str, str]]:
    """An ending added (Rubio -> Rubion), or a final double letter turned to -e (Stubb -> Stube)."""
    endings = VOWEL_ENDINGS if word[-1].lower() in _VOWELS else CONSONANT_ENDINGS
    upper = word.isupper()
    found = [(word + (e.upper() if upper else e), f"+{e}") for e in endings]
    if len(word) >= 4 and word[-1].lower() == word[-2].lower() and word[-1].lower() not in _VOWELS:
        found.append((word[:-1] + ("E" if upper else "e"), f"-{word[-1].lower()}+e"))
    return found


def phonetic_damage(word: str) -> list[tuple[str, str]]:
    """One respelling by sound (Macron -> Makron, Peskov -> Peskoff)."""
    lower = word.lower()
    if len(lower) != len(word):
        return []
    found = []
    for pattern, replacement in PHONETIC_RULES:
        for match in re.finditer(pattern, lower):
            i, j = match.span()
            new = word[:i] + _recase(replacement, word[i:j], word) + word[j:]
            found.append((new, f"{match.group()}->{replacement}"))
    return found


def inflection_damage(word: str) -> list[tuple[str, str]]:
    """A case ending left on: Biden -> Bidena, Trump -> Trumpem, Stubb -> Stubbille; after a
    final vowel, the ending takes its place (Rubio -> Rubia, Putina -> Putinu)."""
    upper = word.isupper()
    stem = word[:-1] if word[-1].lower() in _VOWELS else word
    found = []
    for ending, language in INFLECTIONS:
        if stem is not word and ending[0] not in _VOWELS:
            continue  # "Rubiot": a consonant ending goes on a consonant
        found.append((stem + (ending.upper() if upper else ending), f"+{ending} ({language})"))
    return found


def respelling_damage(word: str) -> list[tuple[str, str]]:
    """One sound written as another language writes it (Starmer -> Schtarmer is two; Shevchenko
    -> Szevchenko, Peskov -> Peskow, Yellen -> Jellen)."""
    lower = word.lower()
    if len(lower) != len(word):
        return []
    found = []
    for pattern, replacement in RESPELLING_RULES:
        for match in re.finditer(pattern, lower):
            i, j = match.span()
            new = word[:i] + _recase(replacement, word[i:j], word) + word[j:]
            found.append((new, f"{match.group()}->{replacement}"))
    return found


def truncation_damage(word: str) -> list[tuple[str, str]]:
    """The end cut off: one letter, or two from a long word (Tusk -> Tus)."""
    cuts = (1, 2) if len(word) >= 7 else (1,) if len(word) >= 4 else ()
    return [(word[:-cut], f"-{cut}") for cut in cuts]


def letters_damage(word: str) -> list[tuple[str, str]]:
    """A letter doubled, a double undone, a letter dropped, or two neighbours swapped."""
    found = []
    low = word.lower()
    for i in range(1, len(word)):
        if low[i] not in _VOWELS and low[i] != low[i - 1] and (i + 1 == len(word) or low[i + 1] != low[i]):
            found.append((word[: i + 1] + word[i] + word[i + 1 :], f"double {low[i]}"))
        if low[i] == low[i - 1]:
            found.append((word[:i] + word[i + 1 :], f"undouble {low[i]}"))
    if len(word) >= 5:
        for i in range(1, len(word) - 1):
            found.append((word[:i] + word[i + 1 :], f"drop {low[i]}"))
    for i in range(1, len(word) - 2):
        if low[i] != low[i + 1]:
            found.append((word[:i] + word[i + 1] + word[i] + word[i + 2 :], f"swap {low[i]}{low[i + 1]}"))
    return found


def ocr_damage(word: str) -> list[tuple[str, str]]:
    """One shape misread (rn/m, cl/d, e/c, l/I ...): Macron -> Maeron."""
    found = []
    for seen, read in OCR_RULES:
        start = word.find(seen)
        while start != -1:
            found.append((word[:start] + read + word[start + len(seen) :], f"{seen}->{read}"))
            start = word.find(seen, start + 1)
    return found


DAMAGERS: dict[str, Callable[[str], list[tuple[str, str]]]] = {
    "suffix": suffix_damage,
    "phonetic": phonetic_damage,
    "truncation": truncation_damage,
    "letters": letters_damage,
    "ocr": ocr_damage,
    "inflection": inflection_damage,
    "respelling": respelling_damage,
}


@lru_cache(maxsize=1)
def _english_words() -> tuple[tuple[str, str], ...]:
    """Common English words (wordfreq) with their sound keys, loaded once."""
    found = []
    for word in top_n_list("en", 50000):
        if word.isalpha() and word.isascii() and len(word) >= 4 and zipf_frequency(word, "en") >= HEARD_ZIPF:
            found.append((word, jellyfish.metaphone(word)))
    return tuple(found)


def heard_words(key: str, index: NameIndex, known: Known) -> list[str]:
    """Everyday words that sound like the folded surname ``key``, closest first (starmer:
    starter, stammer ...): the same first two letters and sound key, or one sound off for a
    long name. Names in the gazetteer are not everyday words and are left out."""
    sound = jellyfish.metaphone(key)
    short = len(key) <= 5
    scored = []
    spellings = known.spellings()
    for word, word_sound in _english_words():
        if word[:2] != key[:2] or word.startswith(key) or key.startswith(word) or word in spellings:
            continue  # a name cut short or with an ending is other damage (Stub, Stubby)
        distance = OSA.distance(word, key)
        if distance > (1 if short else 2) or OSA.distance(word_sound, sound) > (0 if short else 1):
            continue
        if index.surname(word) or index.is_given_name(word):
            continue
        scored.append((distance + OSA.distance(word_sound, sound), -zipf_frequency(word, "en"), word))
    return [w for *_, w in sorted(scored)]
