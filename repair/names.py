"""Stage 2: decide which mentions name an official, and how each should be spelled.

Precision comes first: an editor switches off a tool that changes correct text. So a
mention is changed only on evidence, and every decision carries that evidence in words.
The evidence weighed:
- how alike the written surname is to a gazetteer spelling (gazetteer.index.similarity);
- whether the first name agrees (a different first name means a namesake: no change);
- whether the person is named correctly elsewhere in the same article;
- a title just before ("President"), a hyphenated partner ("Putin-Trumpet"), a speech verb
  after ("the strayers said"), the person's role named in the article;
- whether the written word is an ordinary English word ("trumpet", "macro"), which needs
  more than resemblance before it is taken for a name, and whether it is somebody else's
  name spelled right (a namesake yields only to a far better known person);
- how prominent the person is, and whether they hold the post now (a prior, and the
  tie-breaks between people equally alike);
- capitals: damage in running text ("Boris JOHNSON"), style in a heading or speaker label.

Two passes: first the mentions with a first name, which tell who the article is about;
then surname-only and lower-case mentions, read in the light of the first pass. Readings of
a run of names and the index's per-word lookups are kept, as news repeats its names.
"""

from __future__ import annotations

import re
import unicodedata
import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from wordfreq import zipf_frequency

from gazetteer.index import (
    MIN_SURNAME_SIMILARITY,
    PROMINENCE_MARGIN,
    NameForm,
    NameIndex,
    best_similarity,
    may_be_alike,
    similarity,
)
from repair.deadline import Deadline
from repair.mentions import PARTICLES, SPEECH_VERBS, TITLES, Mention, Token, tokenize
from repair.nearby import NearbyNames
from gazetteer.loader import Entry
from gazetteer.normalize import TRANSLITERATED, fold, transliteration_skeleton

# Titles that say who but not which post.
HONORIFICS = frozenset("mr mrs ms dr sir dame lord counterpart colleague".split())
ABBREVIATED_TITLES = {"srsg": ("special", "representative"), "srcc": ("special", "representative")}
# Posts an article names instead of the person ("the Prime Minister of the United Kingdom").
HEAD_POSTS = re.compile(
    r"president|prime minister|chancellor|foreign minister|secretary of state|"
    r"secretary general|secretary-general|king|queen|high representative"
)
# An English word at least this common (Zipf scale) is taken as a word, not a name, unless
# something beyond resemblance says otherwise.
COMMON_WORD_ZIPF = 3.0
# ... and a word this common ("They", "Young") is never taken for a damaged name.
VERY_COMMON_WORD_ZIPF = 4.5
# ... and one this common ("melons") may be a word heard instead of a name: at most a suggestion
# when nothing but resemblance speaks for the name.
REAL_WORD_ZIPF = 2.5
HEARD_WORD_CEILING = 0.7
# How well known a person must be to be found from a surname alone outside the article: after
# a title their post carries, or paired with a known name ("Puti-Trump").
TITLED_PROMINENCE = 0.6
# Damage that leaves no doubt about the letters meant (a letter off, cut, added, misread), as
# against a likeness of sound.
EXACT_DAMAGE = frozenset({"one", "cut", "added", "ocr"})
HEAD_PROMINENCE = 0.9
PAIRED_PROMINENCE = 0.8
# A surname spelled right for somebody is taken for another's misspelt only when that other
# is at least this well known.
NAMESAKE_FLOOR = 0.6
# How prominent the people the article names count as, for the prior.
ARTICLE_PROMINENCE = 0.9
# A word that is somebody's first name counts as a name of this prominence.
GIVEN_NAME_PROMINENCE = 0.5
MAX_WINDOW = 4
MAX_CONFIDENCE = 0.99
# A name spelled right for the person meant, but in capitals amid lower-case text.
RECASE_CONFIDENCE = 0.9
# Lower-case words are real words heard instead of a name: never more than a suggestion.
LOWER_CASE_CEILING = 0.6


@dataclass(frozen=True)
class Decision:
    """A mention found to name ``entry_id``, with the spelling it should have."""

    start: int
    end: int
    original: str
    replacement: str
    entry_id: str
    confidence: float
    evidence: tuple[str, ...]

    @property
    def reason(self) -> str:
        """The evidence as one line an editor can read."""
        return "; ".join(self.evidence)


@dataclass
class _Article:
    """Who the article names correctly or confidently, by entry id: by full name, or by a
    surname alone that can only mean them."""

    people: set[str] = field(default_factory=set)
    in_full: set[str] = field(default_factory=set)

    text: str = ""
    _surnames: list[tuple[str, str, float]] | None = None
    _nearby: NearbyNames[tuple[str, str, float]] | None = None
    _posts: list[str] | None = None
    _folded: str | None = None

    def folded_text(self) -> str:
        """The whole text lower-cased, without accents, for finding posts and countries in it.

        Made only when asked for, in C (fold's letter-by-letter way takes milliseconds on a
        long article), and never through fold's cache, which is for words.
        """
        if self._folded is None:
            plain = unicodedata.normalize("NFKD", self.text).encode("ascii", "ignore").decode("ascii")
            self._folded = plain.casefold()
        return self._folded

    def posts_named(self, index: NameIndex) -> list[str]:
        """``_posts_named`` of the text, found once: the text was searched again for every
        lower-case mention."""
        if self._posts is None:
            self._posts = _posts_named(index, self.folded_text())
        return self._posts

    def note(self, entry_id: str, *, in_full: bool = False) -> None:
        self.people.add(entry_id)
        if in_full:
            self.in_full.add(entry_id)
        self._surnames = self._nearby = None

    def surnames(self, index: NameIndex) -> list[tuple[str, str, float]]:
        """(folded surname, entry id, prominence) of the people named, for surnames of four
        letters or more ("Xi", "Abe" are too short to tell a misspelling from a word)."""
        if self._surnames is None:
            self._surnames = [
                (key, entry_id, index.entries[entry_id].prominence)
                for entry_id in sorted(self.people)
                for key in {fold(s) for s in index.entries[entry_id].surnames}
                if len(key) >= 4
            ]
        return self._surnames

    def surnames_near(self, key: str, index: NameIndex) -> Sequence[tuple[str, str, float]]:
        """``surnames``, narrowed to those ``key`` may be alike (``may_be_alike``) without
        comparing it with each: an article may name thousands of people."""
        if self._nearby is None:
            self._nearby = NearbyNames(self.surnames(index), lambda row: row[0])
        return self._nearby.near(key)


@dataclass(frozen=True)
class _Candidate:
    tokens: tuple[Token, ...]
    entry_id: str
    replacement_words: tuple[str, ...]
    confidence: float
    evidence: tuple[str, ...]
    exact: bool


def decide_names(
    text: str,
    mentions: Sequence[Mention],
    index: NameIndex,
    *,
    min_confidence: float = 0.45,
    deadline: Deadline | None = None,
) -> list[Decision]:
    """Every fix worth listing, in text order, each with its confidence and evidence.

    Once ``deadline`` has passed no more mentions are read: the fixes found until then are
    returned, and ``deadline.missed`` says the list is partial.
    """
    article = _Article(text=text)
    leftovers: list[tuple[Mention, Token]] = []
    decisions: list[Decision] = []
    for mention in mentions:
        if deadline is not None and deadline.passed():
            break
        if mention.lower_case:
            continue
        chosen = _full_names(text, mention, index) if len(mention.tokens) > 1 else []
        covered = {id(t) for c in chosen for t in c.tokens}
        for candidate in chosen:
            if candidate.exact or candidate.confidence >= 0.8:
                article.note(candidate.entry_id, in_full=True)
            decisions.extend(_decision(text, candidate, mention))
        for token in mention.tokens:
            if id(token) not in covered:
                leftovers.append((mention, token))
                only = _exact_surname_owner(index, token.key, article)
                if only:
                    article.note(only)
    for mention, token in leftovers:
        if deadline is not None and deadline.passed():
            break
        alone = _surname_only(mention, token, index, article)
        if alone:
            decisions.extend(_decision(text, alone, mention))
    for mention in mentions:
        if deadline is not None and deadline.passed():
            break
        lower = _lower_case(mention, index, article) if mention.lower_case else None
        if lower:
            decisions.extend(_decision(text, lower, mention))
    decisions = [d for d in decisions if d.confidence >= min_confidence]
    return sorted(decisions, key=lambda d: d.start)


def _full_names(text: str, mention: Mention, index: NameIndex) -> list[_Candidate]:
    """The best non-overlapping first-name-and-surname readings of a capitalised run."""
    tokens = mention.tokens
    found: list[_Candidate] = []
    for size in range(min(MAX_WINDOW, len(tokens)), 1, -1):
        for first in range(len(tokens) - size + 1):
            window = tokens[first : first + size]
            if first + size == len(tokens) and mention.continues:
                continue  # "Song Young-moo": the surname goes on past the hyphen
            lead = window[0]
            if lead.key in TITLES or lead.text in PARTICLES or len(lead.key) < 2:
                continue  # "President Emanuel McCone" is read from "Emanuel"
            context = _title_before(mention, first)
            best = _best_full_name_of(window, index, context, recase=not mention.capitals_around)
            if best:
                found.append(best)
    found.sort(key=lambda c: (c.exact, len(c.tokens), c.confidence), reverse=True)
    chosen: list[_Candidate] = []
    used: set[int] = set()
    for candidate in found:
        ids = {id(t) for t in candidate.tokens}
        if ids & used:
            continue
        chosen.append(candidate)
        used |= ids
    return chosen


# A window's reading depends only on its words, the title before it and the index: news
# names the same people in the same words all day, so the readings are kept, per index (a
# reloaded gazetteer starts afresh).
_WindowKey = tuple[tuple[str, ...], tuple[str, ...], bool]
_WindowAnswer = tuple[tuple[int, ...], "_Candidate"] | None
_READINGS: weakref.WeakKeyDictionary[NameIndex, dict[_WindowKey, _WindowAnswer]] = weakref.WeakKeyDictionary()
_READINGS_KEPT = 16384


def _best_full_name_of(
    window: tuple[Token, ...], index: NameIndex, title: tuple[str, ...], *, recase: bool
) -> _Candidate | None:
    """``_best_full_name``, kept per distinct window."""
    readings = _READINGS.get(index)
    if readings is None:
        readings = _READINGS[index] = {}
    key = (tuple(t.text for t in window), title, recase)
    if key in readings:
        answer = readings[key]
    else:
        found = _best_full_name(window, index, title, recase=recase)
        answer = None
        if found is not None:
            positions = tuple(i for i, t in enumerate(window) if any(t is c for c in found.tokens))
            answer = (positions, replace(found, tokens=()))
        if len(readings) >= _READINGS_KEPT:
            readings.clear()
        readings[key] = answer
    if answer is None:
        return None
    positions, reading = answer
    return replace(reading, tokens=tuple(window[i] for i in positions))


def _best_full_name(
    window: tuple[Token, ...], index: NameIndex, title: tuple[str, ...], *, recase: bool = False
) -> _Candidate | None:
    # Initials ("Lloyd J. Austin") stay as written, between the words compared.
    window = tuple(t for t in window if len(t.key) > 1)
    if len(window) < 2:
        return None
    exact = index.full_name(" ".join(t.key for t in window))
    if exact:
        form = exact[0]
        written = form.written.split()
        if recase and any(t.is_upper for t in window) and len(written) == len(window):
            # "Boris JOHNSON" in running text: the capitals are damage.
            words = tuple(w if t.is_upper else t.text for t, w in zip(window, written))
            evidence = (f"'{' '.join(t.text for t in window)}' is '{form.written}' in capitals",)
            return _Candidate(window, form.entry_id, words, RECASE_CONFIDENCE, evidence, False)
        return _Candidate(window, form.entry_id, tuple(t.text for t in window), 1.0, ("exact",), True)
    scored: list[_Candidate] = []
    for surname_size in range(1, len(window)):
        given, surname = window[:-surname_size], window[-surname_size:]
        key = " ".join(t.key for t in surname)
        if len(key) < 3 or any(t.text in PARTICLES for t in given):
            continue  # particles belong to the surname: "Lula da Silva", "von der Leyen"
        # Only people whose first name agrees are worth scoring: "South Korea" is nobody's.
        for entry_id in index.full_name_candidates(given[-1].key, key):
            candidate = _score_full_name(given, surname, entry_id, index, title)
            if candidate:
                scored.append(candidate)
    if not scored and any(t.text in PARTICLES for t in window[1:-1]):
        scored.extend(_whole_surname(window, index, title))
    if not any(c.confidence >= 0.8 for c in scored) and len(window) == 2 and len(window[1].key) >= 4:
        # A surname too damaged to find by its letters ("Emanuel McCone"): look among the
        # people with that first name, whose surnames are few enough to compare one by one.
        # Only a first name as written will do here ("Armed Forces" is not Ahmed's), and
        # only surnames that start alike, as a surname heard or read wrongly does.
        given, surname = window[:1], window[1:]
        first, initial = given[0].key, surname[0].key[0]
        if index.is_given_name(first) or _zipf(first) < VERY_COMMON_WORD_ZIPF:
            for entry_id in index.with_first_name(first):
                if any(fold(s)[:1] == initial for s in index.entries[entry_id].surnames):
                    candidate = _score_full_name(given, surname, entry_id, index, title)
                    if candidate:
                        scored.append(candidate)
    return _pick(scored, index)


def _whole_surname(
    window: tuple[Token, ...], index: NameIndex, title: tuple[str, ...]
) -> list[_Candidate]:
    """A surname of several words written alone ("Lula da SiIva", "von der Leye"): a well-known
    person's, plainly misspelt, word for word."""
    key = " ".join(t.key for t in window)
    found = []
    for surname_key in index.similar_surnames(key):
        score, why = similarity(key, surname_key)
        if why not in EXACT_DAMAGE or len(surname_key.split()) != len(window):
            continue
        for entry_id in index.surname(surname_key):
            entry = index.entries[entry_id]
            if entry.prominence < TITLED_PROMINENCE or is_valid_variant(key, surname_key, entry):
                continue
            written = index.written_surname(entry_id, surname_key)
            confidence, title_evidence = _title_bonus(prior(score, entry), title, entry.role)
            evidence = (_surname_evidence(window, why, written), *title_evidence)
            words = tuple(written.split())
            found.append(_Candidate(window, entry_id, words, min(confidence, MAX_CONFIDENCE), evidence, False))
    return found


def _score_full_name(
    given: tuple[Token, ...],
    surname: tuple[Token, ...],
    entry_id: str,
    index: NameIndex,
    title: tuple[str, ...],
) -> _Candidate | None:
    entry = index.entries[entry_id]
    key = " ".join(t.key for t in surname)
    s_score, s_why, s_key = best_similarity(key, [fold(s) for s in entry.surnames])
    if s_score < MIN_SURNAME_SIMILARITY:
        return None
    if is_valid_variant(key, s_key, entry):
        return None  # "Yoav Gallant" for "Yoav Galant": another right spelling
    if s_key != key and entry.prominence < NAMESAKE_FLOOR and index.surname(key):
        return None  # "John F. Kirby" is a Kirby, not a little known John Irby misspelt
    # The form whose first names agree best; its evidence is written only for it.
    aligned = None
    for form in index.forms(entry_id):
        words, g_score, g_evidence = _align_given(given, form, entry, index)
        if words is not None and (aligned is None or g_score > aligned[1]):
            aligned = (words, g_score, g_evidence)
    if aligned is None:
        return None
    words, g_score, g_evidence = aligned
    written = index.written_surname(entry_id, s_key)
    confidence, title_evidence = _title_bonus(prior(s_score + 0.1 * g_score, entry), title, entry.role)
    evidence = (_surname_evidence(surname, s_why, written), *g_evidence, *title_evidence)
    replacement = (*words, *written.split())
    return _Candidate(
        (*given, *surname), entry_id, replacement, min(confidence, MAX_CONFIDENCE), evidence, exact=False
    )


def _align_given(
    given: tuple[Token, ...], form: NameForm, entry: Entry, index: NameIndex
) -> tuple[tuple[str, ...] | None, float, list[str]]:
    """Match each written first name to one of the form's; None when one does not agree."""
    if not given or len(given) > len(form.given):
        return None, 0.0, []
    words: list[str] = []
    scores: list[float] = []
    evidence: list[str] = []
    offset = len(form.given) - len(given)
    for position, token in enumerate(given):
        # Written first names line up with the form's last ones: "Tayyip Erdogan".
        target = form.given[offset + position]
        written = form.written_given[offset + position] if form.written_given else token.text
        if token.key == target:
            words.append(token.text)
            scores.append(1.0)
            evidence.append(f"first name '{token.text}' matches")
            continue
        if is_valid_variant(token.key, target, entry):
            words.append(token.text)  # "Sergey" for "Sergei": another right spelling
            scores.append(1.0)
            evidence.append(f"first name '{token.text}' is another spelling of '{written}'")
            continue
        why = index.misspelt_given(token.key, target)
        if not why:
            return None, 0.0, []
        words.append(written)
        scores.append(similarity(token.key, target)[0])
        evidence.append(f"first name '{token.text}' {describe(why, written)}")
    return tuple(words), min(scores), evidence


def _surname_only(
    mention: Mention, token: Token, index: NameIndex, article: _Article
) -> _Candidate | None:
    key = token.key
    # Only the last word of a run stands alone as a surname, and only after a title or
    # nothing: "Shinzo Abe" is somebody's full name, "Takeshi Iwaya" starts with a first name.
    if token is not mention.tokens[-1] or len(key) < 3:
        return None
    position = len(mention.tokens) - 1
    title = _title_before(mention, position)
    if (position > 0 and not title) or index.full_name(key):
        return None
    owners = index.surname(key)
    if owners and token.is_upper and not mention.capitals_around:
        recased = _recased_surname(token, owners, title, index, article)
        if recased:
            return recased
    if owners & article.people:
        return None  # spelled right for someone the article names
    partner = _known_partner(mention, index)
    frequency = _zipf(key)
    if frequency >= VERY_COMMON_WORD_ZIPF and not partner:
        return None  # "They", "Young": never taken for a damaged name
    # "Macro told reporters": a word in a speaker's place may be a name the article gives.
    speaker = mention.word_after in SPEECH_VERBS
    if frequency >= COMMON_WORD_ZIPF and not (partner or title or speaker):
        return None  # "Thank", "Prime": a word, unless a title, a pair or a speaker slot says otherwise
    # Somebody's name spelled right ("Bien" is Tadeusz Bień's) yields only to a far better
    # known person the article names ("President Bien" after "Joe Biden").
    namesake = _namesake_prominence(key, index)
    scored: list[_Candidate] = []
    for surname_key, entry_id, score, why in _surname_candidates(key, title, partner, namesake, index, article):
        entry = index.entries[entry_id]
        if is_valid_variant(key, surname_key, entry):
            continue
        written = index.written_surname(entry_id, surname_key)
        evidence = [_surname_evidence((token,), why, written)]
        if entry_id in article.people:
            confidence = score + 0.05
            evidence.append(f"'{entry.name}' is named elsewhere in the article")
        else:
            confidence = score - 0.05
        if namesake:
            confidence -= 0.05
            evidence.append(f"'{token.text}' is also a less known person's name")
        if partner:
            confidence += 0.05
            evidence.append(f"paired with '{partner}'")
        confidence, title_evidence = _title_bonus(confidence, title, entry.role)
        evidence.extend(title_evidence)
        if frequency >= REAL_WORD_ZIPF and not (partner or title or (speaker and why == "cut")):
            # "Melons said": a word heard instead of a name is worth a question, not a fix;
            # a name cut short into a word before a speech verb ("Macro told") is a fix.
            confidence = min(confidence, HEARD_WORD_CEILING)
            evidence.append(f"'{token.text}' is also an English word")
        if token.is_upper:
            evidence.append("written in capitals")
        scored.append(
            _Candidate(
                (token,),
                entry_id,
                (_cased(written, mention, token),),
                min(prior(confidence, entry, in_article=entry_id in article.people), MAX_CONFIDENCE),
                tuple(evidence),
                exact=False,
            )
        )
    return _pick(scored, index)


def _recased_surname(
    token: Token, owners: set[str], title: tuple[str, ...], index: NameIndex, article: _Article
) -> _Candidate | None:
    """A surname spelled right but in capitals amid lower-case text ("President TRUMP"),
    when it is clear whose: named in full in the article, the only person of that name, or
    the best known one, whose post the title names."""
    named = owners & article.in_full
    if len(named) == 1:
        return _recased(token, next(iter(named)), index, "is named in full elsewhere in the article")
    if len(owners) == 1 and not _is_common_word(token.key):
        return _recased(token, next(iter(owners)), index, "is the only person of that name")
    best = index.best_known(token.key) if title else ""
    if best and _fits(title, index.entries[best].role):
        return _recased(token, best, index, f"holds the post the title '{' '.join(title).title()}' names")
    return None


def _recased(token: Token, entry_id: str, index: NameIndex, why: str) -> _Candidate:
    """A surname spelled right but in capitals, in running text: "Vice-President PENCE"."""
    entry = index.entries[entry_id]
    written = index.written_surname(entry_id, token.key)
    evidence = (f"'{token.text}' is '{written}' in capitals", f"'{entry.name}' {why}")
    return _Candidate((token,), entry_id, (written,), RECASE_CONFIDENCE, evidence, exact=False)


def _namesake_prominence(key: str, index: NameIndex) -> float:
    """How well known the best known person is whose name ``key`` is, spelled right; 0 if
    nobody's (a first name counts as a middling name)."""
    owners = index.surname(key)
    if owners:
        return max(index.entries[e].prominence for e in owners)
    return GIVEN_NAME_PROMINENCE if index.is_given_name(key) else 0.0


def _surname_candidates(
    key: str,
    title: tuple[str, ...],
    partner: str,
    namesake: float,
    index: NameIndex,
    article: _Article,
) -> Iterable[tuple[str, str, float, str]]:
    """Whom a misspelt surname alone may name: (surname key, entry id, score, kind).

    The people the article already names, when close (>= 0.8); anyone else only when close
    (>= 0.85), well known, and either just after a title their post carries or paired with a
    known name ("Puti-Trump"). When the word is somebody's name spelled right (``namesake``,
    that person's prominence), only a far better known person the article names will do.
    Surnames under four letters ("Xi", "Abe") are too short to tell a misspelling from
    another word.
    """
    for surname_key, entry_id, prominence in article.surnames_near(key, index):
        if namesake and prominence < namesake + PROMINENCE_MARGIN:
            continue
        if surname_key != key and may_be_alike(key, surname_key):
            score, why = similarity(key, surname_key)
            if score >= (0.85 if namesake else 0.8):
                yield surname_key, entry_id, score, why
    if not (title or partner):
        return
    for surname_key in index.similar_surnames(key):
        if len(surname_key) < 4:
            continue
        if not may_be_alike(key, surname_key):
            continue
        score, why = similarity(key, surname_key)
        if score < (0.8 if why in EXACT_DAMAGE else 0.85):
            continue
        for entry_id in index.surname(surname_key):
            entry = index.entries[entry_id]
            if entry_id in article.people or entry.prominence < namesake + PROMINENCE_MARGIN:
                continue
            # A guess at somebody the article never names: only a very well known person
            # unless the damage is plain in the letters.
            needed = TITLED_PROMINENCE if why in EXACT_DAMAGE else HEAD_PROMINENCE
            if title and entry.prominence >= needed and _fits(title, entry.role):
                yield surname_key, entry_id, score, why
            elif partner and not title and entry.prominence >= PAIRED_PROMINENCE:
                yield surname_key, entry_id, score, why


def _lower_case(
    mention: Mention, index: NameIndex, article: _Article
) -> _Candidate | None:
    token = mention.tokens[0]
    key = token.key
    where = "followed by a possessive" if token.possessive else f"followed by '{mention.word_after}'"
    owners = [e for e in index.surname(key) if e in article.people]
    if len(owners) == 1:
        entry = index.entries[owners[0]]
        written = index.written_surname(entry.id, key)
        evidence = (
            f"'{token.text}' written in lower case",
            f"'{entry.name}' is named elsewhere in the article",
            where,
        )
        return _Candidate((token,), entry.id, (written,), 0.9, evidence, exact=False)
    if index.surname(key):
        return None  # somebody's name, but nobody the article names
    # "captured by puttin's forces": close to the name of somebody the article names; a
    # word written in lower case is never more than a suggestion.
    close = [
        (score, why, surname_key, entry_id)
        for surname_key, entry_id, _prominence in article.surnames_near(key, index)
        if may_be_alike(key, surname_key)
        for score, why in [similarity(key, surname_key)]
        if score >= 0.8
    ]
    if close:
        scored = []
        for score, why, surname_key, entry_id in close:
            entry = index.entries[entry_id]
            written = index.written_surname(entry_id, surname_key)
            reasons = (
                f"'{token.text}' written in lower case",
                f"'{token.text}' {describe(why, written)}",
                f"'{entry.name}' is named elsewhere in the article",
                where,
            )
            scored.append(_Candidate((token,), entry_id, (written,), min(score, LOWER_CASE_CEILING), reasons, False))
        return _pick(scored, index)
    if token.possessive or _is_common_word(key):
        return None
    # "The strayers said": a word heard instead of a name. Only a speaker slot, a close
    # sound and the person's post named in the article make it worth a suggestion; the
    # people whose posts the article names are few, so each is compared.
    scored = []
    queries = {key, key[:-1]} if key.endswith("s") else {key}
    for entry_id in article.posts_named(index):
        entry = index.entries[entry_id]
        for surname in entry.surnames:
            score, why = best_similarity_of(queries, fold(surname))
            if score < 0.5:
                continue
            evidence = (
                f"'{token.text}' {describe(why, surname)}",
                f"speaker of '{mention.word_after}'",
                f"the article names the post of {entry.role}",
            )
            confidence = min(score + 0.1, LOWER_CASE_CEILING)
            scored.append(_Candidate((token,), entry_id, (surname,), confidence, evidence, False))
    return _pick(scored, index)


def _pick(scored: list[_Candidate], index: NameIndex) -> _Candidate | None:
    """The best candidate; when another person scores as well, the better-known one, or nobody."""
    if not scored:
        return None

    def prominence(candidate: _Candidate) -> float:
        return index.entries[candidate.entry_id].prominence

    scored.sort(key=lambda c: (c.confidence, prominence(c)), reverse=True)
    best = scored[0]
    rival = next((c for c in scored[1:] if c.entry_id != best.entry_id), None)
    if rival is None or best.exact or rival.confidence < best.confidence - 0.05 - 1e-9:
        return best
    if prominence(best) >= prominence(rival) + PROMINENCE_MARGIN:
        # "Tusk" in a news story is the prime minister, not a regional councillor.
        return best
    best_now, rival_now = _holds_post(index.entries[best.entry_id]), _holds_post(index.entries[rival.entry_id])
    if best_now != rival_now:
        # "President Trum" is the president in office, not Truman.
        chosen, other = (best, rival) if best_now else (rival, best)
        evidence = (*chosen.evidence, f"in office, unlike {index.entries[other.entry_id].name}")
        return replace(chosen, evidence=evidence)
    if rival.replacement_words == best.replacement_words:
        # Same spelling either way: the fix is right, only who it names is unsure.
        return best
    evidence = (*best.evidence, f"could also be {' '.join(rival.replacement_words)}")
    return _Candidate(
        best.tokens, best.entry_id, best.replacement_words, best.confidence - 0.2, evidence, False
    )


def _holds_post(entry: Entry) -> bool:
    """Whether the entry's main post has no end date: held now, as far as the data knows."""
    return bool(entry.roles) and not entry.roles[0].end


def _decision(text: str, candidate: _Candidate, mention: Mention) -> list[Decision]:
    tokens = candidate.tokens
    start, end = tokens[0].start, tokens[-1].end
    parts = [candidate.replacement_words[0]]
    for previous, token, word in zip(tokens, tokens[1:], candidate.replacement_words[1:]):
        parts.append(text[previous.end : token.start])
        parts.append(word)
    # A surname written as several words ("von der Leyen") may add words: join with spaces.
    extra = candidate.replacement_words[len(tokens) :]
    replacement = "".join(parts) + "".join(" " + w for w in extra)
    if candidate.exact or replacement == text[start:end]:
        return []
    return [
        Decision(
            start,
            end,
            text[start:end],
            replacement,
            candidate.entry_id,
            round(candidate.confidence, 3),
            candidate.evidence,
        )
    ]


def _surname_evidence(tokens: Iterable[Token], kind: str, written: str) -> str:
    return f"'{' '.join(t.text for t in tokens)}' {describe(kind, written)}"


def describe(kind: str, written: str) -> str:
    """A kind of difference (gazetteer.index.similarity) in an editor's words."""
    return {
        "exact": f"matches '{written}'",
        "added": f"is '{written}' with an ending added",
        "cut": f"is '{written}' cut short",
        "one": f"is one letter from '{written}'",
        "two": f"is two letters from '{written}'",
        "ocr": f"is '{written}' misread by a scanner",
        "sound": f"sounds the same as '{written}'",
        "sound-like": f"sounds like '{written}'",
    }.get(kind, f"is spelled like '{written}'")


def _title_before(mention: Mention, position: int) -> tuple[str, ...]:
    """The title words just before token ``position`` ("Prime Minister"), in order."""
    words = []
    i = position - 1
    while i >= 0 and mention.tokens[i].key in TITLES:
        words.append(mention.tokens[i].key)
        i -= 1
    if i < 0 and mention.word_before in TITLES:
        words.append(mention.word_before)
    return tuple(reversed(words))


def _fits(title: tuple[str, ...], role: str) -> bool:
    """Whether a title names the post: every word of "Foreign Minister" is in "Minister of
    Foreign Affairs"; "Prime Minister" does not fit "Minister of Finance"."""
    words = [w for t in title for w in ABBREVIATED_TITLES.get(t, (t,)) if w not in HONORIFICS]
    if not words:
        return False
    role_words = set(fold(role).replace("defence", "defense").replace("-", " ").split())
    return all(w.replace("defence", "defense") in role_words for w in words)


def _title_bonus(confidence: float, title: tuple[str, ...], role: str) -> tuple[float, list[str]]:
    if not title:
        return confidence, []
    written = " ".join(title).title()
    if _fits(title, role):
        return confidence + 0.1, [f"title '{written}' fits {role}"]
    return confidence + 0.03, [f"after the title '{written}'"]


def _known_partner(mention: Mention, index: NameIndex) -> str:
    """A well-known person's surname across a hyphen ("Putin-Trumpet"); not a letter
    ("U.S.-Greek") nor a word that is some obscure person's name too ("Non-NATO")."""
    for word in mention.hyphen_neighbours:
        if len(word) >= 3 and word[:1].isupper():
            owners = index.surname(fold(word))
            if any(index.entries[e].prominence >= PAIRED_PROMINENCE for e in owners):
                return word
    return ""


def _exact_surname_owner(index: NameIndex, key: str, article: _Article) -> str:
    """Whom a correctly spelled surname alone names: the one owner, the one already in the
    article, or the clearly best known ("Trump", "Putin"); '' when it could be several."""
    owners = index.surname(key)
    if not owners:
        return ""
    in_article = owners & article.people
    if len(in_article) == 1:
        return next(iter(in_article))
    best = index.best_known(key)
    # A bare surname says little about an obscure person: "Gant" is not Ovidiu Ganț.
    return best if best and index.entries[best].prominence >= TITLED_PROMINENCE else ""


def load_word_frequencies() -> None:
    """Load wordfreq's English list now (a fifth of a second) rather than on first use."""
    _is_common_word("the")


@lru_cache(maxsize=65536)
def _zipf(key: str) -> float:
    """How common an English word ``key`` is (wordfreq's Zipf scale; 0 for no word)."""
    return float(zipf_frequency(key, "en"))


def _is_common_word(key: str) -> bool:
    return _zipf(key) >= COMMON_WORD_ZIPF


def prior(confidence: float, entry: Entry, *, in_article: bool = False) -> float:
    """Weigh a fuzzy match by how likely the news is to name this person at all.

    A damaged name that resembles a regional councillor is more often somebody else's
    correct name than the councillor's damaged one; a head of government's is not. Whom the
    article names, though, it is about: for it they are as prominent as anyone.
    """
    prominence = max(entry.prominence, ARTICLE_PROMINENCE) if in_article else entry.prominence
    return confidence * (0.75 + 0.25 * prominence)


def is_valid_variant(written: str, gazetteer_key: str, entry: Entry) -> bool:
    """Another right English spelling of a transliterated name (Gallant/Galant, Zelenskiy)."""
    return (
        written != gazetteer_key
        and entry.country in TRANSLITERATED
        and transliteration_skeleton(written) == transliteration_skeleton(gazetteer_key)
    )


def _posts_named(index: NameIndex, folded_text: str) -> list[str]:
    """Current holders of the head posts the article names ("the Prime Minister of the UK")."""
    named = {match.group() for match in HEAD_POSTS.finditer(folded_text)}
    return [
        entry_id
        for post in sorted(named)
        for country, entry_id in index.current_posts.get(post, ())
        if country in folded_text
    ]


def best_similarity_of(queries: Iterable[str], target: str) -> tuple[float, str]:
    """The closest of several readings of a word to ``target``."""
    return max((similarity(q, target) for q in queries), key=lambda found: found[0])


def _cased(written: str, mention: Mention, token: Token) -> str:
    """Keep capitals where the run is in capitals (a transcript label), else as written."""
    if token.is_upper and all(t.is_upper for t in mention.tokens) and len(mention.tokens) > 1:
        return written.upper()
    return written


@dataclass(frozen=True)
class LookupHit:
    """One candidate for a looked-up name: who, how sure, and why."""

    entry_id: str
    score: float
    reason: str


def lookup(query: str, index: NameIndex, *, limit: int = 10) -> list[LookupHit]:
    """The people a typed name most likely means, best first (for editors' and CMS pickers).

    The same comparisons as repair, without an article around the name: full names are
    weighed on first name and surname, a single word as a surname.
    """
    tokens = tuple(t for t in tokenize(query) if t.key)
    if not tokens:
        return []
    hits: dict[str, LookupHit] = {}

    def offer(entry_id: str, score: float, reason: str) -> None:
        if entry_id not in hits or hits[entry_id].score < score:
            hits[entry_id] = LookupHit(entry_id, round(min(score, 1.0), 3), reason)

    for form in index.full_name(" ".join(t.key for t in tokens)):
        offer(form.entry_id, 1.0, "exact name")
    surname_key = tokens[-1].key
    for key in (surname_key, *index.similar_surnames(surname_key)):
        for entry_id in index.surname(key):
            if len(tokens) > 1:
                candidate = _score_full_name(tokens[:-1], tokens[-1:], entry_id, index, ())
                if candidate:
                    offer(entry_id, candidate.confidence, "; ".join(candidate.evidence))
                    continue
            score, kind = similarity(surname_key, key)
            written = index.written_surname(entry_id, key)
            # A surname alone, or with a first name that does not agree, is weaker evidence.
            weight = 1.0 if len(tokens) == 1 else 0.7
            offer(entry_id, score * weight, f"surname '{tokens[-1].text}' {describe(kind, written)}")
    ranked = sorted(
        hits.values(),
        key=lambda h: (-h.score, -index.entries[h.entry_id].prominence, index.entries[h.entry_id].name),
    )
    return ranked[:limit]
