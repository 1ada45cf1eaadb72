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
  more than resemblance before it is taken for a name.

Two passes: first the mentions with a first name, which tell who the article is about;
then surname-only and lower-case mentions, read in the light of the first pass.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from wordfreq import zipf_frequency

from gazetteer.index import NameForm, NameIndex, best_similarity, similarity
from repair.mentions import Mention, Token
from gazetteer.normalize import fold

# Words that say "a person's name follows" when they stand just before it.
TITLES = frozenset(
    """president prime minister chancellor secretary senator governor ambassador envoy
    spokesman spokeswoman spokesperson king queen premier leader mr mrs ms dr sir dame
    lord general commissioner representative chair chairman chairwoman mayor vice deputy
    foreign defence defense finance state counterpart colleague""".split()
)
# An English word at least this common (Zipf scale) is taken as a word, not a name, unless
# something beyond resemblance says otherwise.
COMMON_WORD_ZIPF = 3.0
MAX_WINDOW = 4
MAX_CONFIDENCE = 0.99
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
    """Who the article names correctly or confidently, by entry id."""

    people: set[str] = field(default_factory=set)

    def note(self, entry_id: str) -> None:
        self.people.add(entry_id)


@dataclass(frozen=True)
class _Candidate:
    tokens: tuple[Token, ...]
    entry_id: str
    replacement_words: tuple[str, ...]
    confidence: float
    evidence: tuple[str, ...]
    exact: bool


def decide_names(
    text: str, mentions: Sequence[Mention], index: NameIndex, *, min_confidence: float = 0.45
) -> list[Decision]:
    """Every fix worth listing, in text order, each with its confidence and evidence."""
    article = _Article()
    folded_text = fold(text)
    leftovers: list[tuple[Mention, Token]] = []
    decisions: list[Decision] = []
    for mention in mentions:
        if mention.lower_case:
            continue
        chosen = _full_names(text, mention, index)
        covered = {id(t) for c in chosen for t in c.tokens}
        for candidate in chosen:
            if candidate.exact or candidate.confidence >= 0.8:
                article.note(candidate.entry_id)
            decisions.extend(_decision(text, candidate, mention))
        for token in mention.tokens:
            if id(token) not in covered:
                leftovers.append((mention, token))
                only = _exact_surname_owner(index, token.key, article)
                if only:
                    article.note(only)
    for mention, token in leftovers:
        alone = _surname_only(mention, token, index, article)
        if alone:
            decisions.extend(_decision(text, alone, mention))
    for mention in mentions:
        lower = _lower_case(mention, index, article, folded_text) if mention.lower_case else None
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
            context = _title_before(mention, first)
            best = _best_full_name(window, index, context)
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


def _best_full_name(
    window: tuple[Token, ...], index: NameIndex, title: str
) -> _Candidate | None:
    exact = index.full_name(" ".join(t.key for t in window))
    if exact:
        form = exact[0]
        return _Candidate(window, form.entry_id, tuple(t.text for t in window), 1.0, ("exact",), True)
    scored: list[_Candidate] = []
    for surname_size in range(1, len(window)):
        given, surname = window[:-surname_size], window[-surname_size:]
        key = " ".join(t.key for t in surname)
        if len(key) < 3:
            continue
        for surname_key in (key, *index.similar_surnames(key)):
            for entry_id in index.surname(surname_key):
                candidate = _score_full_name(given, surname, entry_id, index, title)
                if candidate:
                    scored.append(candidate)
    return _pick(scored)


def _score_full_name(
    given: tuple[Token, ...],
    surname: tuple[Token, ...],
    entry_id: str,
    index: NameIndex,
    title: str,
) -> _Candidate | None:
    entry = index.entries[entry_id]
    key = " ".join(t.key for t in surname)
    s_score, s_why, s_key = best_similarity(key, [fold(s) for s in entry.surnames])
    if s_score < 0.7:
        return None
    best: _Candidate | None = None
    for form in index.forms(entry_id):
        words, g_score, g_evidence = _align_given(given, form)
        if words is None:
            continue
        confidence = s_score + 0.1 * g_score
        evidence = [_surname_evidence(surname, s_why, index.written_surname(entry_id, s_key))]
        evidence.extend(g_evidence)
        confidence, title_evidence = _title_bonus(confidence, title, entry.role)
        evidence.extend(title_evidence)
        replacement = (*words, *index.written_surname(entry_id, s_key).split())
        candidate = _Candidate(
            (*given, *surname),
            entry_id,
            replacement,
            min(confidence, MAX_CONFIDENCE),
            tuple(evidence),
            exact=False,
        )
        if best is None or candidate.confidence > best.confidence:
            best = candidate
    return best


def _align_given(
    given: tuple[Token, ...], form: NameForm
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
        score, why = similarity(token.key, target)
        if score < 0.85 or len(token.key) < 3:
            return None, 0.0, []
        words.append(written)
        scores.append(score)
        evidence.append(f"first name '{token.text}' {describe(why, written)}")
    return tuple(words), min(scores), evidence


def _surname_only(
    mention: Mention, token: Token, index: NameIndex, article: _Article
) -> _Candidate | None:
    key = token.key
    if len(key) < 3 or index.surname(key) or index.full_name(key) or index.is_given_name(key):
        return None
    position = mention.tokens.index(token)
    title = _title_before(mention, position)
    # Only the last word of a run stands alone as a surname, and only after a title or
    # nothing: "Shinzo Abe" is somebody's full name, "Takeshi Iwaya" starts with a first name.
    if position != len(mention.tokens) - 1 or (position > 0 and not title):
        return None
    partner = _known_partner(mention, index)
    common = _is_common_word(key)
    scored: list[_Candidate] = []
    for surname_key in index.similar_surnames(key):
        score, why = similarity(key, surname_key)
        for entry_id in index.surname(surname_key):
            entry = index.entries[entry_id]
            written = index.written_surname(entry_id, surname_key)
            evidence = [_surname_evidence((token,), why, written)]
            in_article = entry_id in article.people
            if in_article:
                if score < 0.8:
                    continue
                confidence = score + 0.05
                evidence.append(f"'{entry.name}' is named elsewhere in the article")
            elif title and score >= 0.9 and title in fold(entry.role).split():
                # Nobody in the article: only a close spelling after the person's own title.
                confidence = score - 0.05
            else:
                continue
            if common and not (partner or title):
                continue
            if partner:
                confidence += 0.05
                evidence.append(f"paired with '{partner}'")
            confidence, title_evidence = _title_bonus(confidence, title, entry.role)
            evidence.extend(title_evidence)
            if token.is_upper:
                evidence.append("written in capitals")
            scored.append(
                _Candidate(
                    (token,),
                    entry_id,
                    (_cased(written, mention, token),),
                    min(confidence, MAX_CONFIDENCE),
                    tuple(evidence),
                    exact=False,
                )
            )
    return _pick(scored)


def _lower_case(
    mention: Mention, index: NameIndex, article: _Article, folded_text: str
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
    if token.possessive or index.surname(key):
        return None
    # "The strayers said": a word heard instead of a name. Only a speaker slot, a close
    # sound and the person's role named in the article make it worth a suggestion.
    scored = []
    queries = {key, key[:-1]} if key.endswith("s") else {key}
    for query in queries:
        for surname_key in index.similar_surnames(query, cutoff=0.55):
            score, why = similarity(query, surname_key)
            for entry_id in index.surname(surname_key):
                entry = index.entries[entry_id]
                if score < 0.5 or not _role_in_text(entry.role, entry.country, folded_text):
                    continue
                written = index.written_surname(entry_id, surname_key)
                evidence = (
                    f"'{token.text}' {describe(why, written)}",
                    f"speaker of '{mention.word_after}'",
                    f"the article names the post of {entry.role}",
                )
                confidence = min(score + 0.1, LOWER_CASE_CEILING)
                scored.append(_Candidate((token,), entry_id, (written,), confidence, evidence, False))
    return _pick(scored)


def _pick(scored: list[_Candidate]) -> _Candidate | None:
    """The best candidate; when a different person scores as well, nobody is sure."""
    if not scored:
        return None
    scored.sort(key=lambda c: c.confidence, reverse=True)
    best = scored[0]
    rival = next((c for c in scored[1:] if c.entry_id != best.entry_id), None)
    if rival and rival.confidence >= best.confidence - 0.05 and not best.exact:
        if rival.replacement_words == best.replacement_words:
            return best
        evidence = (*best.evidence, f"could also be {rival.replacement_words[-1]}")
        return _Candidate(
            best.tokens, best.entry_id, best.replacement_words, best.confidence - 0.2, evidence, False
        )
    return best


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
        "sound": f"sounds the same as '{written}'",
        "sound-like": f"sounds like '{written}'",
    }.get(kind, f"is spelled like '{written}'")


def _title_before(mention: Mention, position: int) -> str:
    """The title word just before token ``position`` of the run, or before the run."""
    if position > 0:
        word = mention.tokens[position - 1].key
    elif mention.words_before:
        word = mention.words_before[-1]
    else:
        return ""
    return word if word in TITLES else ""


def _title_bonus(confidence: float, title: str, role: str) -> tuple[float, list[str]]:
    if not title:
        return confidence, []
    if title in fold(role).split():
        return confidence + 0.1, [f"title '{title.title()}' fits {role}"]
    return confidence + 0.03, [f"after the title '{title.title()}'"]


def _known_partner(mention: Mention, index: NameIndex) -> str:
    for word in mention.hyphen_neighbours:
        if index.surname(fold(word)):
            return word
    return ""


def _exact_surname_owner(index: NameIndex, key: str, article: _Article) -> str:
    owners = index.surname(key)
    if len(owners) == 1:
        return next(iter(owners))
    in_article = owners & article.people
    return next(iter(in_article)) if len(in_article) == 1 else ""


def load_word_frequencies() -> None:
    """Load wordfreq's English list now (a fifth of a second) rather than on first use."""
    _is_common_word("the")


@lru_cache(maxsize=65536)
def _is_common_word(key: str) -> bool:
    return zipf_frequency(key, "en") >= COMMON_WORD_ZIPF


def _role_in_text(role: str, country: str, folded_text: str) -> bool:
    post = fold(role).split(" of ")[0]
    return post in folded_text and fold(country) in folded_text


def _cased(written: str, mention: Mention, token: Token) -> str:
    """Keep capitals where the run is in capitals (a transcript label), else as written."""
    if token.is_upper and all(t.is_upper for t in mention.tokens) and len(mention.tokens) > 1:
        return written.upper()
    return written
