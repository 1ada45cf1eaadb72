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

import bisect
import math
import re
import unicodedata
import weakref
from collections import Counter
from collections.abc import Iterable, Sequence, Set as AbstractSet
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import OSA, Levenshtein
from wordfreq import get_frequency_dict, zipf_frequency

from gazetteer.index import (
    GLUED_WORDS,
    MIN_SURNAME_SIMILARITY,
    PROMINENCE_MARGIN,
    NameForm,
    NameIndex,
    best_similarity,
    inflected,
    near_kind,
    respelling_key,
    similarity,
)
from repair.deadline import Deadline
from repair.mentions import PARTICLES, SPEECH_VERBS, TITLES, Mention, Token, tokenize
from repair.nearby import Lookalikes
from repair.scorer import NameScorer, load_scorer
from gazetteer.loader import Entry
from gazetteer.variants import EAST_SLAVIC_COUNTRIES, NameVariants, same_east_slavic_name
from gazetteer.normalize import (
    ARABIC_ARTICLES,
    FAMILY_NAME_FIRST,
    ROMANISED_FIRST_NAMES_ONLY,
    ROMANISED_GIVEN_NAMES,
    SURNAME_PARTICLES,
    TRANSLITERATED,
    fold,
    transliteration_skeleton,
    vowel_frame,
)

# Whose first word is the family's, so no first name to swap: those written family name first
# (gazetteer.normalize), and Vietnam's and Cambodia's ("Nguyen Hoa Binh", "Hun Sen"), whose
# names the gazetteer keeps in their written order.
FAMILY_FIRST_WORD = FAMILY_NAME_FIRST | {"Vietnam", "Cambodia", "Macao"}
# Words for a relative: the person after them may well share a surname with somebody listed
# ("his wife Pauline Musyoka") and is nobody's first name put on another's surname.
KIN_WORDS = frozenset(
    "wife husband widow widower son daughter brother sister father mother uncle aunt nephew niece "
    "cousin grandson granddaughter grandfather grandmother stepson stepdaughter spouse".split()
)
# ... and as a text writes them, one or several ("the brothers").
_KIN_FORMS = KIN_WORDS | {word + "s" for word in KIN_WORDS}
# Words before a common noun, seldom before a name: "the court said", "a brown coat".
DETERMINERS = frozenset("the a an this these those its their his her our my your another every".split())
# Ways an article names a country other than by its name or a word that starts like it
# ("Russia", "Russian"): its people, its capital.
COUNTRY_WORDS: dict[str, tuple[str, ...]] = {
    "United States": ("u.s.", "american", "washington"),
    "United Kingdom": ("britain", "british", "u.k.", "london", "downing street"),
    "France": ("french", "paris", "elysee"),
    "Spain": ("spanish", "madrid"),
    "Netherlands": ("dutch", "the hague"),
    "Switzerland": ("swiss", "bern"),
    "Philippines": ("filipino", "manila"),
    "Greece": ("greek", "athens"),
    "Cyprus": ("cypriot",),
    "Denmark": ("danish", "copenhagen"),
    "Sweden": ("swedish", "stockholm"),
    "Finland": ("finnish", "helsinki"),
    "Poland": ("polish", "warsaw"),
    "Ireland": ("irish", "dublin"),
    "China": ("chinese", "beijing"),
    "Japan": ("japanese", "tokyo"),
    "Russia": ("moscow", "kremlin"),
    "Ukraine": ("ukrainian", "kyiv", "kiev"),
    "Germany": ("berlin",),
    "Italy": ("rome",),
    "European Union": ("european", "brussels", "eu "),
    "United Nations": ("u.n.", "un "),
}
# Words that join a person's name to a parent's: what follows names somebody else.
PATRONYMIC = frozenset("bin ibn bint binti ben ould".split())
# Titles that say who but not which post.
HONORIFICS = frozenset(
    "mr mrs ms dr sir dame lord mister madam madame counterpart colleague elect designate hon honourable honorable "
    "excellency".split()
)
ABBREVIATED_TITLES = {
    "srsg": ("special", "representative"), "srcc": ("special", "representative"), "vp": ("vice", "president"),
    "pm": ("prime", "minister"), "fm": ("foreign", "minister"),
}
# Words that make a post another, lesser one than the title without them names.
LESSER_POSTS = ("vice", "deputy", "assistant", "under")
# Posts an article names instead of the person ("the Prime Minister of the United Kingdom").
HEAD_POSTS = (
    "president", "prime minister", "chancellor", "foreign minister", "secretary of state",
    "secretary general", "secretary-general", "king", "queen", "high representative",
)
# An English word at least this common (Zipf scale) is taken as a word, not a name, unless
# something beyond resemblance says otherwise.
COMMON_WORD_ZIPF = 3.0
# A word this frequent in English, and clearly more so than the name it is written for, is a
# word put for the name ("bin Salmon" for bin Salman), never another romanisation of it
# ("Sheik", "Gallant" are rarer; names themselves, "Mohammed", "Salman", reach 3.3 to 3.8).
WORD_NOT_RENDERING_ZIPF = 3.8
# ... and a word this common ("They", "Young") is never taken for a damaged name.
VERY_COMMON_WORD_ZIPF = 4.5
# A word this common is the language's before it is anybody's name ("court", "house", "king";
# not "trump", 4.9, nor "putin"): capitalised after "the" or at a sentence's start, it names nobody.
ENGLISH_WORD_ZIPF = 5.0
# ... and one this common ("melons") may be a word heard instead of a name: at most a suggestion
# when nothing but resemblance speaks for the name.
REAL_WORD_ZIPF = 2.5
HEARD_WORD_CEILING = 0.7
# How well known a person must be to be found from a surname alone outside the article: after
# a title their post carries, or paired with a known name ("Puti-Trump").
TITLED_PROMINENCE = 0.6
# Damage that leaves no doubt about the letters meant (a letter off, cut, added, misread), as
# against a likeness of sound.
EXACT_DAMAGE = frozenset({"one", "cut", "added", "inflected", "ocr"})
HEAD_PROMINENCE = 0.9
PAIRED_PROMINENCE = 0.8
# A surname spelled right for somebody is taken for another's misspelt only when that other
# is at least this well known.
NAMESAKE_FLOOR = 0.6
# A first name lent to a surname whose only bearer the article does not name is put back only
# for a person at least this well known.
UNNAMED_OWNER_PROMINENCE = 0.8
# How prominent the people the article names count as, for the prior.
ARTICLE_PROMINENCE = 0.9
# A word that is somebody's first name counts as a name of this prominence.
GIVEN_NAME_PROMINENCE = 0.5
# Words of a full name read at once: "Luiz Inácio Lula da Silva" is five.
MAX_WINDOW = 5
MAX_CONFIDENCE = 0.99
# A name spelled right for the person meant, but in capitals amid lower-case text.
RECASE_CONFIDENCE = 0.9
# A word this common ("may", "will") is read as a name only where a name must stand: before
# a speech verb or a possessive; and lends no first name ("MINISTER OF POWER"), whatever a
# gazetteer's slip says somebody is called.
FUNCTION_WORD_ZIPF = 5.5
# A first name this few officials bear ("Kaja") makes a near miss of one of them likelier
# than somebody else of that name.
RARE_FIRST_NAME = 10
# Two people alike whose names are spelled differently: the fix is only suggested.
CONTESTED_CEILING = 0.7
# Lower-case words are real words heard instead of a name: never more than a suggestion.
LOWER_CASE_CEILING = 0.6
# Paths the scorer is too little trained on to decide, which keep their rule's confidence when
# it is higher than the scorer's. A surname the article gives in full, written in lower case
# where only a name stands ("the trump's team"), or after a title that fits a well-known bearer's
# post ("President trump"): 31 candidates in the development part, all right, too few for a
# leaf of the trees (50), and none in the held-out part, whose countries' officials' surnames
# are seldom English words.
RULE_DECIDED_PATHS = ("path:lower_named", "path:lower_titled")


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
    # What the scorer weighed (repair/scorer.py), for the benchmark and for training it.
    signals: tuple[tuple[str, float], ...] = field(default=(), compare=False)

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
    # Named exactly: a full name as the gazetteer spells it, or a surname only they bear.
    sighted: set[str] = field(default_factory=set)
    # How often a surname alone names someone: once is no proof ("Suna" may be Sunak cut).
    bare: Counter[str] = field(default_factory=Counter)
    # Surnames the article spells otherwise than the gazetteer, rightly: entry id -> spelling.
    spelled: dict[str, str] = field(default_factory=dict)
    # The words of each exact reading, as written: entry id -> words ("Sergey", "Lavrov").
    written: dict[str, set[str]] = field(default_factory=dict)

    text: str = ""
    # Every capitalised word the article writes, folded: the names it spells, known or not.
    words: frozenset[str] = frozenset()
    # The words it writes after a first name that no reading took ("Graham Kerr"): somebody's
    # surname, whom the gazetteer may lack.
    surnames_after_first_names: frozenset[str] = frozenset()
    # The words of runs of names no reading took ("Jaramogi Oginga Odinga"), folded -> where:
    # names as the article writes them, of people listed or not.
    names_as_written: dict[str, set[int]] = field(default_factory=dict)
    # Every first name the article writes before a surname, folded -> (where, the word after):
    # the first names of its people, listed or not ("Jose" of a minister the gazetteer lacks).
    first_names_written: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    _surnames: list[tuple[str, str, float]] | None = None
    _folded: str | None = None
    _folded_words: list[str] | None = None
    _kin: bool | None = None
    # The article writes surnames in capitals as its style ("Hon Kenneth LEUNG", "Jean DUPONT").
    surnames_in_capitals: bool = False
    # The words, folded, of names the article writes whole in capitals and right ("PRABOWO
    # SUBIANTO"): the same name alone in capitals is that style too.
    names_in_capitals: set[str] = field(default_factory=set)
    _countries: dict[str, bool] = field(default_factory=dict)
    _post_holders: list[str] | None = None
    _post_holder_set: frozenset[str] | None = None
    _named_pools: dict[bool, Lookalikes] = field(default_factory=dict)
    _pool: Lookalikes | None = None
    _bearers: dict[str, list[str]] | None = None

    def tells_of_kin(self) -> bool:
        """Whether the article speaks of relatives anywhere ("his son", "the brothers")."""
        if self._kin is None:
            # (One set's test of every word, in C, where a test of each in Python took a tenth
            # of a millisecond.)
            self._kin = not _KIN_FORMS.isdisjoint(self.folded_words())
        return self._kin

    def folded_text(self) -> str:
        """The whole text lower-cased, without accents, for finding posts and countries in it.

        Made only when asked for, in C (fold's letter-by-letter way takes milliseconds on a
        long article), and never through fold's cache, which is for words.
        """
        if self._folded is None:
            plain = unicodedata.normalize("NFKD", self.text).encode("ascii", "ignore").decode("ascii")
            self._folded = plain.casefold()
        return self._folded

    def folded_words(self) -> list[str]:
        """The words of ``folded_text``, in order: its runs of small letters, split once for
        the posts and the relatives it names."""
        if self._folded_words is None:
            # (Every byte but a small letter made a space, and split, in C.)
            self._folded_words = self.folded_text().encode("ascii").translate(_NOT_LETTERS).decode("ascii").split()
        return self._folded_words

    def note(self, entry_id: str, *, in_full: bool = False, sighted: bool = False) -> None:
        self.people.add(entry_id)
        if in_full:
            self.in_full.add(entry_id)
        if sighted:
            self.sighted.add(entry_id)
        self._surnames = None
        self._named_pools.clear()
        self._pool = None
        self._bearers = None

    def names_country(self, country: str) -> bool:
        """Whether the article names a country: by its name, a word starting like it
        ("Ghanaian", "Turkish"), its people or its capital."""
        found = self._countries.get(country)
        if found is None:
            folded = fold(country)
            stem = _country_stem(folded) if " " not in folded else folded
            words = (stem, *COUNTRY_WORDS.get(country, ()))
            text = self.folded_text()
            found = self._countries[country] = bool(country) and country != "unknown" and any(w in text for w in words)
        return found

    def named_like(self, key: str, index: NameIndex, *, with_staff: bool) -> list[str]:
        """The people the article names, the holders of the posts it names, and in a byline
        the newsroom's writers, whose surname is like ``key`` (folded)."""
        pool = self._named_pools.get(with_staff)
        if pool is None:
            posts = self.post_holder_set(index)
            named = [(fold(s), e) for e in sorted(self.people | posts) for s in index.entries[e].surnames]
            if with_staff:
                named += [(fold(s), e) for e in index.journalists for s in index.entries[e].surnames]
            pool = self._named_pools[with_staff] = Lookalikes(named)
        return sorted({entry_id for _surname, entry_id in pool.alike(key)})

    def first_name_bearers(self, index: NameIndex) -> dict[str, list[str]]:
        """Folded last given name -> the people named in the article who bear it: exactly, or
        in full and read with confidence ("Boirs Johnson" lends "Boris" all the same)."""
        if self._bearers is None:
            bearers: dict[str, list[str]] = {}
            for entry_id in sorted(self.sighted | self.in_full):
                # Every given name lends: "Hassan" of Hassan Sheikh Mohamud, not only "Sheikh";
                # but not a father's, after "bin" (Turki bin Faisal's is no "Faisal").
                for given in sorted({g for f in index.forms(entry_id) for g in _own_given_names_of(f) if len(g) > 1}):
                    bearers.setdefault(given, []).append(entry_id)
            self._bearers = bearers
        return self._bearers

    def post_holder_set(self, index: NameIndex) -> frozenset[str]:
        """The same, as a set to ask."""
        if self._post_holder_set is None:
            self._post_holder_set = frozenset(self.post_holders(index))
        return self._post_holder_set

    def post_holders(self, index: NameIndex) -> list[str]:
        """Who holds the head posts the article names ("the Prime Minister of Poland")."""
        if self._post_holders is None:
            self._post_holders = _posts_named(index, self.folded_text(), self.folded_words())
        return self._post_holders

    def _spelled(self, entry_id: str) -> tuple[str, ...]:
        spelling = self.spelled.get(entry_id)
        return (spelling,) if spelling else ()

    def surnames(self, index: NameIndex) -> list[tuple[str, str, float]]:
        """(folded surname, entry id, prominence) of the people named, for surnames of four
        letters or more ("Xi", "Abe" are too short to tell a misspelling from a word)."""
        if self._surnames is None:
            self._surnames = [
                (key, entry_id, index.entries[entry_id].prominence)
                for entry_id in sorted(self.people)
                for key in sorted({fold(s) for s in (*index.entries[entry_id].surnames, *self._spelled(entry_id))})
                if len(key) >= 4
            ]
        return self._surnames

    def alike(self, key: str, index: NameIndex) -> list[tuple[str, str]]:
        """(surname, entry id) of the people named whose surname ``key`` may be a damaged
        spelling of (``gazetteer.index.may_be_alike``), from ``surnames``."""
        if self._pool is None:
            self._pool = Lookalikes([(surname, entry_id) for surname, entry_id, _p in self.surnames(index)])
        return self._pool.alike(key)


def _own_given_names_of(form: NameForm) -> tuple[str, ...]:
    """``_own_given_names`` of a form; of a name the gazetteer keeps whole, with no surname
    apart ("Tamim bin Hamad Al Thani"), the word before its "bin"."""
    if form.given:
        return _own_given_names(form.given)
    words = form.surname.split()
    return tuple(words[:1]) if len(words) > 2 and words[1] in PATRONYMIC else ()


def _own_given_names(given: tuple[str, ...]) -> tuple[str, ...]:
    """A person's own given names: those before a patronymic's "bin", "ibn" or "ould"."""
    for at, word in enumerate(given):
        if word in PATRONYMIC:
            return given[:at]
    return given


@dataclass(frozen=True)
class _Candidate:
    """A reading of some tokens as a person's name. ``confidence`` is the rules' own score,
    which chooses between readings; the scorer turns it and ``signals`` into the decision's."""

    tokens: tuple[Token, ...]
    entry_id: str
    replacement_words: tuple[str, ...]
    confidence: float
    evidence: tuple[str, ...]
    exact: bool
    signals: tuple[tuple[str, float], ...] = ()
    # A word heard or written in lower case is never more than a suggestion, however sure.
    ceiling: float = MAX_CONFIDENCE
    # For an exact reading: the surname as this article spells it, when that is another right
    # spelling than the gazetteer's ("Rajapakse"); fixes of the person elsewhere keep to it.
    spelling: str = ""


def _as_written(candidate: _Candidate) -> bool:
    """Whether a reading changes none of the words it reads ("John Atta Mills", its middle name
    left out, for John Evans Atta Mills)."""
    return candidate.replacement_words == tuple(t.text for t in candidate.tokens)


def _replaced(candidate: _Candidate, **changes: Any) -> _Candidate:
    """``dataclasses.replace`` of a candidate, at a sixth of its cost: its fields copied, with
    ``changes``. (replace goes through the generated __init__, which sets each frozen field
    with object.__setattr__; a warm article makes some thirty such copies.)"""
    copied = object.__new__(_Candidate)
    copied.__dict__.update(candidate.__dict__, **changes)
    return copied


def decide_names(
    text: str,
    mentions: Sequence[Mention],
    index: NameIndex,
    *,
    min_confidence: float = 0.45,
    scorer: NameScorer | None = None,
    deadline: Deadline | None = None,
) -> list[Decision]:
    """Every fix worth listing, in text order, each with its confidence and evidence.

    ``scorer`` gives each fix its confidence (the shipped model by default). Once
    ``deadline`` has passed no more mentions are read: the fixes found until then are
    returned, and ``deadline.missed`` says the list is partial.
    """
    scorer = scorer or load_scorer()
    mentions = join_hyphenated_names(text, mentions, index)
    if deadline is not None and not deadline.may_pass():
        deadline = None  # none set: not asked between mentions, a clock read each time
    article = _Article(text=text, words=frozenset(t.key for m in mentions if not m.lower_case for t in m.tokens))
    article.surnames_in_capitals = _surnames_in_capitals(mentions)
    unread_full_names: set[str] = set()
    # The last words of runs no reading took, which may stand alone as surnames
    # (_surname_only), and the runs with two words or more no reading took, with their ids.
    last_words: list[tuple[Mention, Token]] = []
    unread_runs: list[tuple[Mention, set[int]]] = []
    candidates: list[_Candidate] = []
    questions: list[_Candidate] = []
    for mention in mentions:
        if deadline is not None and deadline.passed():
            break
        if mention.lower_case:
            continue
        tokens = mention.tokens
        if len(tokens) == 1:
            # A word alone (most runs): no full name to read, and it stands alone.
            token = tokens[0]
            if len(token.key) >= 3:
                last_words.append((mention, token))
            # "The Court ruled", a sentence's "House": a word of the language, capitalised for
            # its place, names no Richard Court nor Barry House.
            common = (mention.word_before in DETERMINERS or mention.sentence_start) and _zipf(token.key) >= ENGLISH_WORD_ZIPF
            # (Nor does a first name before a quoted nickname: Samuel "Zoom" Ndhlovu.)
            if common or _NICKNAME_AFTER.match(text, token.end):
                continue
            only = _exact_surname_owner(index, token.key, article)
            if only:
                article.note(only, sighted=True)
                article.bare[only] += 1
            continue
        chosen = _full_names(text, mention, index, surnames_in_capitals=article.surnames_in_capitals)
        # A reading that is only a question leaves its words to be read in the article's
        # light ("Lucy Fischer" in a byline is the newsroom's Lucy Fisher).
        questions += [c for c in chosen if dict(c.signals).get("unconfirmed")]
        chosen = [c for c in chosen if not dict(c.signals).get("unconfirmed")]
        chosen = [c for c in chosen if not _titled_as_another_bearer(mention, c, index)]
        covered = {id(t) for c in chosen for t in c.tokens}
        if _unread_full_name(mention, covered, index):
            unread_full_names.add(mention.tokens[-1].key)
        for candidate in chosen:
            if candidate.exact:
                article.note(candidate.entry_id, in_full=True, sighted=True)
                if all(t.is_upper for t in candidate.tokens):
                    article.names_in_capitals.update(t.key for t in candidate.tokens)
                spelling = candidate.spelling or _accents_as_written(candidate, index)
                if spelling:
                    article.spelled.setdefault(candidate.entry_id, spelling)
                article.written.setdefault(candidate.entry_id, set()).update(t.text for t in candidate.tokens)
                continue
            if _relatives_first_name(candidate, mention):
                continue  # "Sheikh Hasina's son Sajeed Wazed": his own name, which tells of nobody else
            # A confident reading tells who the article is about; the plausible name of
            # somebody else ("Mohamed Salah") does not, whatever it resembles.
            if candidate.confidence >= 0.8 and not dict(candidate.signals).get("other_person"):
                article.note(candidate.entry_id, in_full=True)
                if _as_written(candidate):
                    # Right as written, middle names left out ("John Atta Mills"): how the
                    # article writes the person.
                    article.written.setdefault(candidate.entry_id, set()).update(candidate.replacement_words)
            # (Put right as it stands, though, only where the run is not another person's full
            # name: "Mohammed Ali Gedi" is no Yonis Ali Guedi; the first name may yet be a
            # swapped one, _swapped_given.)
            if not _after_another_first_name(mention, candidate, index) and not _changed_inside_a_longer_name(
                mention, candidate
            ):
                candidates.append(candidate)
        free = {id(t) for t in tokens if id(t) not in covered}
        if len(free) >= 2:
            unread_runs.append((mention, free))
        last = tokens[-1]
        if id(last) not in free and _first_name_before_middle(mention, chosen, free, index):
            last_words.append((mention, last))  # may be a first name swapped (_swapped_given)
        if id(last) in free:
            if len(last.key) >= 3:
                last_words.append((mention, last))
            # A surname alone names its best-known bearer ("Putin said"); the last word of
            # a longer name does not ("the Constitutional Court" is no Richard Court).
            # ("Greek Prime Minister": a word with more of the run after it stands in it.)
            standing_alone = _only_words_before(mention, len(tokens) - 1, index)
            only = _exact_surname_owner(index, last.key, article) if standing_alone else ""
            if only:
                article.note(only, sighted=True)
                article.bare[only] += 1
    article.surnames_after_first_names = frozenset(unread_full_names)
    article.first_names_written = _first_names_written(mentions, index)
    # Names as written that read as somebody's ("Mark Simonds") are damage only of a person
    # the article names: read them again, now that the article's people are known.
    covered = set()
    for mention, free in unread_runs:
        for candidate in _named_in_article(mention, free, index, article):
            candidates.append(candidate)
            covered.update(id(t) for t in candidate.tokens)
    candidates += [q for q in questions if not any(id(t) in covered for t in q.tokens)]
    covered.update(id(t) for q in questions for t in q.tokens)
    article.names_as_written = _names_as_written(unread_runs, covered, index)
    if covered:
        last_words = [(m, t) for m, t in last_words if id(t) not in covered]
    for mention, token in last_words:
        if deadline is not None and deadline.passed():
            break
        alone = _surname_only(mention, token, index, article)
        if alone:
            candidates.append(alone)
    for mention in mentions:
        if not mention.lower_case:
            continue
        if deadline is not None and deadline.passed():
            break
        lower = _lower_case(mention, index, article)
        if lower:
            candidates.append(lower)
    # (How often a spelling recurs is no evidence: machine translation repeats its slips.)
    decisions: list[Decision] = []
    mentions_by_start = {m.tokens[0].start: m for m in mentions if m.tokens and not m.lower_case}
    mentions_by_end = {m.tokens[-1].end: m for m in mentions if m.tokens and not m.lower_case}
    # The runs of two names or more that no reading took at all, by where they start: names of
    # people the gazetteer lacks, as written ("Thisen Eheliyagoda").
    unread = {mention.start for mention, free in unread_runs if len(free) == len(mention.tokens)}
    named = [m for m in mentions if not m.lower_case and m.tokens]
    only_in_capitals = _written_only_in_capitals(named)
    lists = _NameLists(text, named, unread)
    for candidate in candidates:
        entry = index.entries[candidate.entry_id]
        if _in_a_list_of_the_unlisted(candidate, lists, article):
            continue  # "Thisen Eheliyagoda, Dineth Gunawardena, Senesh Hettiarachchi": a team, not a minister
        if len(candidate.tokens) > 1 and _compound_after(candidate.tokens[-1], index, article):
            continue  # "Fernando Marrino-Aguirre" is somebody's full name, not Marroni's misspelt
        if _changes_a_name_as_written(candidate, index, article):
            continue
        if _first_name_written_before_as_near(candidate, article):
            continue  # "Mary Mora" beside "Mary Moraa", an athlete the gazetteer lacks: no Mary Moran
        if _relatives_first_name(candidate, mentions_by_start.get(candidate.tokens[0].start)):
            continue
        if _BROKEN_WORD.match(text, candidate.tokens[-1].end):
            continue  # "the Prime Minis- ter": a word the typesetter broke across lines, no name
        if _in_handle(text, candidate.tokens[0].start, candidate.tokens[-1].end):
            continue  # "@PR_Paul_BIYA" is an account's name, written as its owner chose
        if _names_a_place(candidate, mentions_by_end, text):
            continue  # "born in Ninh Binh province": a place, however like a person's name
        if _second_syllable(text, candidate.tokens[0].start, mentions_by_end):
            continue  # "KWOK WAI-KEUNG": a given name's second syllable, in capitals, no surname
        if _of_an_occupation(text, candidate.tokens[0].start, candidate.tokens[-1].end, entry) and not (
            # (A surname alone of a person the article has named in full is that person, and
            # the trade is theirs: "Armando Guebuza ... Guebuzana, a wealthy businessman".)
            len(candidate.tokens) == 1 and candidate.entry_id in article.in_full
        ):
            continue  # "Coach Mark Rutt", "Michael Grove, a farmer": somebody of that trade, no official
        if candidate.tokens[-1].key in only_in_capitals and _recases(candidate):
            continue  # "HASSAN ROUHANI ... ROUHANI": the writer's way with this name, every time
        if _of_another_post(text, candidate.tokens[-1].end, entry):
            continue  # "Maria Bahir, Prosecutor General, Herat Province": not the minister Maria Bachir
        if _of_another_country(text, candidate.tokens[-1].end, entry):
            continue  # "President John Maduro of Honduras" is not Venezuela's Nicolás Maduro
        if _after_another_nations_post(text, candidate.tokens[0].start, entry):
            continue  # "Peruvian Attorney General Juari Villen" is not Finland's Jari Vilén
        decisions.extend(_decision(text, _in_context(_article_as_written(candidate), article, index), scorer))
    decisions += _surnames_as_their_full_name(decisions, named, article, index)
    decisions = _not_against_a_surname_put_right(_no_surer_than_their_naming(decisions, article))
    decisions = [d for d in decisions if d.confidence >= min_confidence]
    return sorted(decisions, key=lambda d: d.start)


def join_hyphenated_names(text: str, mentions: Sequence[Mention], index: NameIndex) -> list[Mention]:
    """The mentions with each first name or surname written in two halves joined into one run:
    "Jean" and "Pierre Raffarin", "José Ramos" and "Horta", "Abdel Fattah" and "al-Sisi" are
    found apart, as "Putin" and "Trump" in "Putin-Trump" are, but are one person's name."""
    joined: list[Mention] = []
    for mention in mentions:
        article_at = _arabic_article_before(text, joined[-1], mention, index) if joined else -1
        if article_at >= 0 or (joined and _halves_of_one_name(text, joined[-1], mention, index)):
            before = joined[-1]
            rest = mention.tokens[0]
            if article_at >= 0:
                # "Abdel Fattah al-Sisy": the article begins the surname, after the run.
                kept = before.tokens
                word = Token(text[article_at : rest.end], article_at, rest.end, rest.possessive, fold(text[article_at : rest.end]))
            else:
                half = before.tokens[-1]
                kept = before.tokens[:-1]
                word = Token(text[half.start : rest.end], half.start, rest.end, rest.possessive, f"{half.key}-{rest.key}")
            # The joined run keeps what stood before the first and after the second.
            joined[-1] = before._replace(
                tokens=(*kept, word, *mention.tokens[1:]),
                word_after=mention.word_after,
                hyphen_neighbours=before.hyphen_neighbours[:1] if text[before.start - 1 : before.start] == "-" else (),
                continues=mention.continues,
                capitals_around=before.capitals_around and mention.capitals_around,
            )
        else:
            joined.append(mention)
    syllables = [at for at, mention in enumerate(joined) if mention.continues and _given_name_goes_on(text, mention, index)]
    if not syllables:
        return joined
    # "Moon Jae-in": a given name written family name first goes on past the hyphen in lower
    # case; the syllable joins it, and is no lower-case word of its own.
    taken = set()
    for at in syllables:
        mention = joined[at]
        last = mention.tokens[-1]
        syllable = _LOWER_SYLLABLE.match(text, last.end)
        assert syllable is not None  # as _given_name_goes_on found
        end = syllable.end(1)
        word = Token(text[last.start : end], last.start, end, False, fold(text[last.start : end]))
        joined[at] = mention._replace(tokens=(*mention.tokens[:-1], word), continues=False, hyphen_neighbours=())
        taken.add(last.end + 1)
    return [m for m in joined if not (m.lower_case and m.start in taken)]


# A syllable in lower case after a hyphen, and nothing more of the word: "-in" of "Jae-in".
_LOWER_SYLLABLE = re.compile(r"-([a-z]{1,4})(?![\w-])")


def _given_name_goes_on(text: str, mention: Mention, index: NameIndex) -> bool:
    """Whether a run ends in a family name and the first syllable of a given name whose second,
    in lower case, follows the hyphen ("Moon Jae" and "in"), of a family that writes its names
    so in the gazetteer."""
    if mention.lower_case or len(mention.tokens) < 2 or not _LOWER_SYLLABLE.match(text, mention.tokens[-1].end):
        return False
    return bool(index.family_name_first(mention.tokens[-2].key))


def _halves_of_one_name(text: str, before: Mention, after: Mention, index: NameIndex) -> bool:
    """Whether a run ends in the first half of a name whose second half opens the next, across
    a hyphen: somebody's first name ("Jean-Pierre"), or, damaged, one whose first half begins
    such a name, with a surname after it ("Jean-Piere Bemba"); somebody's surname, or one a
    slip or a scanner's misreading from it ("Persad-Bisessar")."""
    if before.lower_case or after.lower_case or not (before.tokens and after.tokens):
        return False
    half, rest = before.tokens[-1], after.tokens[0]
    if rest.start != half.end + 1 or text[half.end] != "-" or half.possessive or not rest.is_capitalised:
        return False
    key = f"{half.key}-{rest.key}"
    if index.is_given_name(key) or (half.key in index.hyphenated_first_halves and len(after.tokens) > 1):
        return True
    if len(after.tokens) > 1 and not _only_titles(after.tokens[1:]):
        return False  # a surname ends the name: "Ramos-Horta", not "Ramos-Horta Gusmão"
    return _near_a_hyphenated_surname(key, (half.key, rest.key), index)


def _arabic_article_before(text: str, before: Mention, after: Mention, index: NameIndex) -> int:
    """Where an Arabic article joined to a surname by a hyphen stands between a run and the
    next ("Abdel Fattah al-Sisy": "Abdel Fattah", then "al-", then "Sisy"), when the whole is
    somebody's surname or a plain slip of one and ends the name; else -1."""
    if before.lower_case or after.lower_case or not (before.tokens and after.tokens):
        return -1
    rest = after.tokens[0]
    gap = text[before.tokens[-1].end : rest.start]
    if gap[:1] != " " or gap[1:].lower() not in _HYPHENATED_ARTICLES or before.tokens[-1].possessive or not rest.is_capitalised:
        return -1
    if len(after.tokens) > 1 and not _only_titles(after.tokens[1:]):
        return -1
    key = f"{gap[1:3].lower()}-{rest.key}"
    if _near_a_hyphenated_surname(key, (rest.key, *ARABIC_ARTICLES), index) or _ends_a_full_name(before.tokens, key, index):
        return rest.start - 3
    return -1


def _ends_a_full_name(tokens: Sequence[Token], last: str, index: NameIndex) -> bool:
    """Whether the last words of ``tokens`` and then ``last`` are somebody's full name, as
    the gazetteer has it: "Mohamed bin Zayed" and "al-Nahyan", a name with no surname apart."""
    keys = [t.key for t in tokens[-(MAX_WINDOW - 1) :]]
    return any(index.full_name(" ".join((*keys[first:], last))) for first in range(len(keys)))


def _near_a_hyphenated_surname(key: str, halves: tuple[str, ...], index: NameIndex) -> bool:
    """Whether ``key``, a word with a hyphen, is somebody's surname, or a plain slip of one of
    the surnames written with a hyphen that have one of ``halves`` as a half."""
    return bool(index.surname(key)) or any(
        near_kind(key, surname) is not None for half in halves for surname in index.hyphenated_surnames_with(half)
    )


def _only_titles(tokens: Sequence[Token]) -> bool:
    return all(t.key in TITLES for t in tokens)


def _surnames_as_their_full_name(
    decisions: Sequence[Decision], named: Sequence[Mention], article: _Article, index: NameIndex
) -> list[Decision]:
    """The surname of a full name put right, written alone elsewhere just as in the full name:
    put right the same way, as surely ("Jacinda Arden ... Arden said" is Jacinda Ardern each
    time: machine translation repeats its slips), though the word alone is somebody else's name
    (a Mary Arden), unless the article names that somebody in full, or writes the word after
    another first name too ("Abdoulaye Sall" and "Amadou Sall": a Sall alone may be either)."""
    fixed = [
        (decision, written, repaired)
        for decision, written, repaired in ((d, d.original.split(), d.replacement.split()) for d in decisions)
        if len(written) > 1 and len(repaired) == len(written) and written[-1] != repaired[-1]
    ]
    if not fixed:
        return []  # no full name's surname put right (as in most articles)
    alone: dict[str, list[Token]] = {}
    written_after: dict[str, set[str]] = {}
    for mention in named:
        last = mention.tokens[-1]
        if len(mention.tokens) > 1 and mention.tokens[-2].key not in TITLES:
            written_after.setdefault(last.text, set()).add(mention.tokens[-2].text)
        if len(mention.tokens) == 1 or _only_words_before(mention, len(mention.tokens) - 1, index):
            alone.setdefault(last.text, []).append(last)
    spans = sorted((d.start, d.end) for d in decisions)
    starts = [start for start, _end in spans]
    done: set[str] = set()
    found: list[Decision] = []
    for decision, written, repaired in fixed:
        surname = written[-1]
        if surname in done or surname not in alone:
            continue
        done.add(surname)
        if written_after.get(surname, set()) - {written[-2]} or index.surname(fold(surname)) & article.in_full:
            continue
        why = f"'{surname}' is the surname of '{decision.original}', put right as {decision.replacement}"
        for token in alone[surname]:
            at = bisect.bisect_right(starts, token.start) - 1
            if at >= 0 and spans[at][1] > token.start:
                continue  # within a fix already (the full name itself)
            found.append(replace(
                decision, start=token.start, end=token.end, original=surname, replacement=repaired[-1],
                evidence=(why,), signals=(*decision.signals, ("alone_as_in_full", 1.0)),
            ))
    return found


def _in_a_list_of_the_unlisted(candidate: _Candidate, lists: _NameLists, article: _Article) -> bool:
    """Whether a fix of a full name stands in a list of names ("A, B, C and D") whose others,
    two or more, are all names no reading took: people of the list's kind, a team or a panel,
    whom the gazetteer lacks; unless a title or the article's naming of the person says who."""
    signals = dict(candidate.signals)
    if len(candidate.tokens) < 2 or candidate.entry_id in article.sighted or signals.get("title"):
        return False
    return lists.others_all_unread(candidate.tokens[0].start)


class _NameLists:
    """The article's runs of names joined into lists ("A, B, C and D"), found once: each run's
    list, how many runs it has and how many of them no reading took. (Walking a list from each
    fix in it was quadratic: a text that is one list of 8,000 names took a minute.)"""

    def __init__(self, text: str, named: Sequence[Mention], unread: set[int]) -> None:
        self.text = text
        self.named = named
        self._unread_starts = unread
        self.starts: list[int] = []
        self.list_of: list[int] = []
        self.sizes: list[int] = []
        self.unread: list[int] = []
        self._found = False

    def _find(self) -> None:
        """The lists, found when a fix first asks (most articles have no fix that does)."""
        self._found = True
        text, named, unread = self.text, self.named, self._unread_starts
        self.starts = [m.start for m in named]
        for i, mention in enumerate(named):
            if i and _LIST_JOIN.fullmatch(text, named[i - 1].end, mention.start):
                self.sizes[-1] += 1
            else:
                self.sizes.append(1)
                self.unread.append(0)
            self.list_of.append(len(self.sizes) - 1)
            self.unread[-1] += mention.start in unread

    def others_all_unread(self, position: int) -> bool:
        """Whether the run at ``position`` stands in a list of two others or more, all unread."""
        if not self._found:
            self._find()
        at = bisect.bisect_right(self.starts, position) - 1
        if at < 0 or not position < self.named[at].end + 1:
            return False
        which = self.list_of[at]
        others = self.sizes[which] - 1
        others_unread = self.unread[which] - (self.named[at].start in self._unread_starts)
        return others >= 2 and others_unread == others


# A hyphen and a break, then the rest of a word in lower case: "Minis- ter", "Minis-\nter" and,
# as scanners read it, "Minis- - ter". (Not "Macron- and Scholz-backed": a hyphen left hanging.)
_BROKEN_WORD = re.compile(r"-(?:[ \t]*-)?(?:[ \t]+|[ \t]*\r?\n[ \t]*)(?!(?:and|or|to)\b)[a-z]")
# What stands between two names of a list: a comma, "and", or both.
_LIST_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)\s*")


def _not_against_a_surname_put_right(decisions: list[Decision]) -> list[Decision]:
    """The decisions but those that change one word into another surname where a surer fix of a
    full name writes that very word as its surname: once "Michael Satta" is put right as Michael
    Sata, "President Sata" is his surname spelled right, not a damaged Sada's (as a damaged
    "Sada" elsewhere in the copy had it)."""
    written: dict[str, float] = {}
    for decision in decisions:
        words = decision.replacement.split()
        if len(words) > 1:
            written[words[-1]] = max(written.get(words[-1], 0.0), decision.confidence)
    if not written:
        return decisions
    return [
        d for d in decisions
        if " " in d.original.strip() or written.get(d.original.strip(), 0.0) <= d.confidence
    ]


def _no_surer_than_their_naming(decisions: list[Decision], article: _Article) -> list[Decision]:
    """The fixes of one word that name a person the article names only through fixes of their
    full name, each no surer than the surest of those: "Wazed" is put right as the "Saeed
    Waked" that "Sajeed Wazed" may be only as surely as that is."""
    naming: dict[str, float] = {}
    for decision in decisions:
        if " " in decision.original.strip():
            naming[decision.entry_id] = max(naming.get(decision.entry_id, 0.0), decision.confidence)
    capped = []
    for decision in decisions:
        named_by = naming.get(decision.entry_id)
        if (
            named_by is not None and decision.confidence > named_by and " " not in decision.original.strip()
            and decision.entry_id in article.people and decision.entry_id not in article.sighted
        ):
            decision = replace(decision, confidence=named_by)
        capped.append(decision)
    return capped


def _in_context(candidate: _Candidate, article: _Article, index: NameIndex) -> _Candidate:
    """A candidate with what the whole article says of its person: named exactly elsewhere,
    and how it spells their surname."""
    candidate = _article_spelling(candidate, article, index)
    entry = index.entries[candidate.entry_id]
    added = {"country_named": float(article.names_country(entry.country))}
    evidence = candidate.evidence
    if candidate.entry_id in article.sighted:
        added["sighted"] = 1.0
        why = _named_elsewhere(entry, article)
        if why not in evidence:
            evidence = (*evidence, why)
    merged = {**dict(candidate.signals), **added}
    return _replaced(candidate, evidence=evidence, signals=tuple(sorted((k, v) for k, v in merged.items() if v)))


def _named_elsewhere(entry: Entry, article: _Article) -> str:
    """Evidence that the article names the person, as it does: in full, or by a surname alone
    that can only be theirs (which says less, and an editor should know it)."""
    if entry.id in article.written:  # read exactly, in full
        return f"'{entry.name}' is named elsewhere in the article"
    return f"{entry.name} is named elsewhere in the article, by surname alone"


def _accents_as_written(reading: _Candidate, index: NameIndex) -> str:
    """The surname of an exact reading as written, where it leaves out or adds accents the
    gazetteer's has ("Imamoglu" for İmamoğlu): the article's spelling, which fixes keep to; ''
    where it is the gazetteer's, or in capitals (which say nothing of accents)."""
    last = reading.tokens[-1]
    if last.is_upper or len(last.text) < 2:
        return ""
    written = index.written_surname(reading.entry_id, last.key)
    # (Accents, not case: "Akufo-ADDO" is a name in capitals, damage or style, not a spelling.)
    return last.text if written.casefold() != last.text.casefold() and fold(written) == last.key else ""


def _article_spelling(candidate: _Candidate, article: _Article, index: NameIndex) -> _Candidate:
    """The fix spelled as the article spells the person elsewhere ("Rajapaksc" becomes the
    article's "Rajapakse", not the gazetteer's "Rajapaksa")."""
    spelling = article.spelled.get(candidate.entry_id)
    if not spelling or not candidate.replacement_words:
        return candidate
    last = candidate.replacement_words[-1]
    if fold(last) not in index.folded_surnames(candidate.entry_id):
        return candidate
    damaged = candidate.tokens[-1].key
    if OSA.distance(damaged, fold(last)) < OSA.distance(damaged, fold(spelling)):
        # "Yarneen" is Yameen misread, further from the "Ameen" the article writes for
        # somebody it took for him: the spelling nearer the damage is the one meant.
        return candidate
    spelled = spelling.upper() if last.isupper() and len(last) > 1 else spelling
    evidence = (*candidate.evidence, f"spelled '{spelling}' as elsewhere in the article")
    return replace(candidate, replacement_words=(*candidate.replacement_words[:-1], spelled), evidence=evidence)


def _titled_as_another_bearer(mention: Mention, reading: _Candidate, index: NameIndex) -> bool:
    """Whether a name is after a title of another bearer of its surname as written, not of the
    reading's person: "Secretary of Defense John J. Austin" is Lloyd Austin with a first name
    swapped (for _swapped_given), not the John Austin the gazetteer also lists; "Prime Minister
    Sahir Sharif" is a Prime Minister Sharif's name, not Azerbaijan's Samir Sharifov cut short."""
    at = next(i for i, t in enumerate(mention.tokens) if t is reading.tokens[0])
    title = _title_before(mention, at)
    if not title or _fits_entry(title, index.entries[reading.entry_id]):
        return False
    bearers = index.surname(reading.tokens[-1].key)
    return any(e != reading.entry_id and _titled(index.entries[e], title) for e in bearers)


def _full_names(text: str, mention: Mention, index: NameIndex, *, surnames_in_capitals: bool = False) -> list[_Candidate]:
    """The best non-overlapping first-name-and-surname readings of a capitalised run.
    ``surnames_in_capitals``: the article writes surnames in capitals as its style."""
    tokens = mention.tokens
    found: list[_Candidate] = []
    for first, positions, reading in _run_readings_of(mention, index):
        if dict(reading.signals).get("path:recase_full") and (surnames_in_capitals or _inside_quote(text, tokens[first].start)):
            continue  # capitals in a quotation are the speaker's emphasis, not damage; or the style
        if index.entries[reading.entry_id].kind == "journalist" and _in_byline(text, mention.start):
            reading = _with_signals(reading, byline=1.0)
        found.append(_replaced(reading, tokens=tuple([tokens[i] for i in positions])))
    # The longest reading first, exact or not: "Saber Hossain Chowdhu" is Saber Hossain Chowdhury
    # cut short, not a Sabir Hussain (as "Saber Hossain" alone reads) with a word after him. Of
    # two as long, the one that ends the run, where a surname stands: "Muhammad Nawaz Sharif"
    # is Nawaz Sharif, not a Muhammad Nawaz with a word after him.
    last = tokens[-1]
    found.sort(key=lambda c: (len(c.tokens), c.exact, c.tokens[-1] is last, c.confidence), reverse=True)
    chosen: list[_Candidate] = []
    used: set[int] = set()
    for candidate in found:
        ids = {id(t) for t in candidate.tokens}
        if ids & used:
            continue
        chosen.append(candidate)
        used |= ids
    return chosen


# A run's readings depend only on its words, the title before it, whether it goes on past a
# hyphen and whether capitals are the style around it: news repeats its runs ("Prime Minister
# Donald Tusk"), and reading each window of one again, from the kept readings of windows, was
# a tenth of a warm article. Where the run stands decides the rest (a quotation, a byline),
# asked each time by _full_names.
_RunKey = tuple[str, str, bool, bool]
_RunAnswer = tuple[tuple[int, tuple[int, ...], "_Candidate"], ...]
_RUN_READINGS: weakref.WeakKeyDictionary[NameIndex, dict[_RunKey, _RunAnswer]] = weakref.WeakKeyDictionary()
# (Some 270 bytes a run: at most about 2 MB.)
_RUN_READINGS_KEPT = 8192


def _run_readings_of(mention: Mention, index: NameIndex) -> _RunAnswer:
    """``_read_run``, kept per distinct run, per index like the readings of windows."""
    runs = _RUN_READINGS.get(index)
    if runs is None:
        runs = _RUN_READINGS[index] = {}
    # (The word before matters only as a title: "and Donald Tus" reads as "with Donald Tus".)
    title = mention.word_before if mention.word_before in TITLES else ""
    key = (" ".join([t.text for t in mention.tokens]), title, mention.continues, mention.capitals_around)
    try:
        # One look-up, not "in" then "[]": a thread of a threaded worker may empty it between.
        return runs[key]
    except KeyError:
        answer = _read_run(mention, index)
        if len(runs) >= _RUN_READINGS_KEPT:
            runs.clear()
        runs[key] = answer
        return answer


def _read_run(mention: Mention, index: NameIndex) -> _RunAnswer:
    """Each window's best reading, wherever the run stands: (the window's first token, the
    positions in the run of the reading's tokens, the reading without its tokens)."""
    tokens = mention.tokens
    # The words as written, each window's slice of them the key of its kept reading.
    texts = tuple([t.text for t in tokens])
    found = []
    readings = _readings(index)
    for size in range(min(MAX_WINDOW, len(tokens)), 1, -1):
        for first in range(len(tokens) - size + 1):
            window = tokens[first : first + size]
            if first + size == len(tokens) and mention.continues:
                continue  # "Song Young-moo": the surname goes on past the hyphen
            lead = window[0]
            if lead.key in TITLES or lead.text in PARTICLES or len(lead.key) < 2:
                continue  # "President Emanuel McCone" is read from "Emanuel"
            if first > 0 and lead.key in SURNAME_PARTICLES and tokens[first - 1].key not in TITLES:
                continue  # "Melville Van Auker": a particle after a first name begins the surname
            if first > 0 and lead.key in _ARABIC_SURNAME_OPENERS and tokens[first - 1].key not in TITLES:
                continue  # "Omar Abu Rasah", "Hanevy Ould Dahah": "Abu" and "Ould" begin his surname
            if window[-1].text in PARTICLES:
                continue  # "Lula da" is no surname: the name goes on
            if first > 0 and tokens[first - 1].text in PATRONYMIC:
                continue  # "Tamim bin Hamad Al Thani": "Hamad Al Thani" is his father's name

            context = _title_before(mention, first)
            answer = _best_full_name_of(
                window, texts[first : first + size], index, readings, context, recase=not mention.capitals_around
            )
            if answer is None:
                continue
            at, best = answer
            if first > 0 and tokens[first - 1].key not in TITLES and _reads_as_surname_opener(lead.key, best, index):
                continue  # the same, damaged: "Hanevy Oulld Dahah" is no Moktar Ould Dahi
            if (
                not best.exact and first + size < len(tokens) and index.is_given_name(window[-1].key)
                and fold(best.replacement_words[-1]) != window[-1].key
            ):
                continue  # "José Luis Ábalos": a first name with more of the name after it is no damaged surname
            if not best.exact:
                best = _kept_in_capitals(best) if mention.capitals_around else _lower_capitals(best, index)
            # "Alberto Suarez Laso": a name that goes on past the reading is somebody's own;
            # a word before it that is no title may be a first name left out.
            around: dict[str, float] = {}
            if any(t.key not in TITLES for t in tokens[first + size :]):
                around["run_after"] = 1.0
            if any(t.key not in TITLES for t in tokens[:first]):
                around["run_before"] = 1.0
            if around:
                best = _with_signals(best, **around)
            found.append((first, tuple([first + i for i in at]), _replaced(best, tokens=())))
    return tuple(found)


# The Arabic article as a text joins it to a surname ("al-Sisi"), one word with it.
_HYPHENATED_ARTICLES = tuple(f"{article}-" for article in ARABIC_ARTICLES)
# Words that begin an Arabic surname after a first name ("Omar Abu Rasah": father of; "Hanevy
# Ould Dahah": son of), though they open a name as often ("Abu Mazen").
_ARABIC_SURNAME_OPENERS = frozenset("abu abou ould".split())


def _after_another_first_name(mention: Mention, reading: _Candidate, index: NameIndex) -> bool:
    """Whether a reading's first word is only a middle name of its person, after a first name
    that is none of theirs: the run is another person's full name ("Mohammed Ali Gedi", Somalia's
    prime minister, is no Yonis Ali Guedi with his first name left out). (The reading stays, for
    a first name swapped before a middle name: "Eduardo Macapagal Arroyo".)"""
    lead = reading.tokens[0]
    at = next(i for i, t in enumerate(mention.tokens) if t is lead)
    if at == 0:
        return False
    before = mention.tokens[at - 1]
    if before.key in TITLES or not index.is_given_name(before.key):
        return False
    forms = [f.given for f in index.forms(reading.entry_id) if f.given]
    if not forms or any(f[0] == lead.key for f in forms) or not any(lead.key in f[1:] for f in forms):
        return False
    # (Their first name anywhere before makes the word before a middle name the gazetteer
    # lacks: "Antonio Manuel Mascarenhas Monteiro".)
    run = mention.tokens[:at]
    return not any(
        t.key == g or _valid_variant(t.key, g, reading.entry_id, index, given=True) for t in run for f in forms for g in f
    )


def _changed_inside_a_longer_name(mention: Mention, reading: _Candidate) -> bool:
    """Whether a reading changes its first word where the run goes on before it with a name of
    nobody's reading: the word is a middle or family name of a longer name, not a first name
    misspelt ("Manuel Mbela Bama Ndong", an ambassador, is no Obama Ndong). (Not after a title
    or an English word: "French President Emanuel McCone", "Yesterday Emanuel McCone".)"""
    lead = reading.tokens[0]
    if not reading.replacement_words or reading.replacement_words[0] == lead.text:
        return False
    at = next(i for i, t in enumerate(mention.tokens) if t is lead)
    if at == 0:
        return False
    before = mention.tokens[at - 1]
    return before.key not in TITLES and len(before.key) > 1 and _zipf(before.key) < COMMON_WORD_ZIPF


def _reads_as_surname_opener(key: str, reading: _Candidate, index: NameIndex) -> bool:
    """Whether a reading takes ``key``, its first word, as the "Abu" or "Ould" of its person's
    name (spelled right or damaged: "Oulld")."""
    words = fold(index.entries[reading.entry_id].name).split()
    return any(word in _ARABIC_SURNAME_OPENERS and near_kind(key, word) is not None for word in words)


# A window's reading depends only on its words, the title before it and the index: news
# names the same people in the same words all day, so the readings are kept, per index (a
# reloaded gazetteer starts afresh).
_WindowKey = tuple[tuple[str, ...], tuple[str, ...], bool]
_WindowAnswer = tuple[tuple[int, ...], "_Candidate"] | None
_READINGS: weakref.WeakKeyDictionary[NameIndex, dict[_WindowKey, _WindowAnswer]] = weakref.WeakKeyDictionary()
_READINGS_KEPT = 16384


def _readings(index: NameIndex) -> dict[_WindowKey, _WindowAnswer]:
    """The readings kept for ``index``. (Asked once per run: a weak dictionary's look-up
    is Python's, a microsecond.)"""
    readings = _READINGS.get(index)
    if readings is None:
        readings = _READINGS[index] = {}
    return readings


def _best_full_name_of(
    window: tuple[Token, ...],
    texts: tuple[str, ...],
    index: NameIndex,
    readings: dict[_WindowKey, _WindowAnswer],
    title: tuple[str, ...],
    *,
    recase: bool,
) -> tuple[tuple[int, ...], _Candidate] | None:
    """``_best_full_name``, kept per distinct window in ``readings`` (``_readings(index)``),
    with the positions in the window of the reading's tokens. ``texts``: the window's words
    as written."""
    key = (texts, title, recase)
    try:
        # One look-up, not "in" then "[]": a thread of a threaded worker may empty it between.
        answer = readings[key]
    except KeyError:
        found = _best_full_name(window, index, title, recase=recase)
        answer = None
        if found is not None:
            positions = tuple(i for i, t in enumerate(window) if any(t is c for c in found.tokens))
            answer = (positions, _replaced(found, tokens=()))
        if len(readings) >= _READINGS_KEPT:
            readings.clear()
        readings[key] = answer
    if answer is None:
        return None
    positions, reading = answer
    return positions, _replaced(reading, tokens=tuple([window[i] for i in positions]))


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
        if any(t.misread for t in window) and len(written) == len(window):
            # "Joseph KabiIa": the scanner's capital I for l is damage.
            words = tuple(w if t.misread else t.text for t, w in zip(window, written))
            evidence = (f"'{' '.join(t.text for t in window)}' is '{form.written}' misread by a scanner",)
            signals = _signals("misread_full", index.entries[form.entry_id], title, damage="ocr")
            return _Candidate(window, form.entry_id, words, RECASE_CONFIDENCE, evidence, False, signals)
        # (A whole name in capitals, spelled right, is the writer's style, read as written below:
        # "Sir JOHN ANDERSON, M.P.", "REP. JUDY CHU (D-CA):". No scanner or translator
        # capitalises all of a name and leaves its letters right.)
        upper = [t.is_upper for t in window]
        if recase and any(upper) and not all(upper) and len(written) == len(window):
            # "Boris JOHNSON" in running text: the capitals are damage.
            words = tuple(w if t.is_upper else t.text for t, w in zip(window, written))
            evidence = (f"'{' '.join(t.text for t in window)}' is '{form.written}' in capitals",)
            signals = _signals("recase_full", index.entries[form.entry_id], title)
            return _Candidate(window, form.entry_id, words, RECASE_CONFIDENCE, evidence, False, signals)
        return _Candidate(window, form.entry_id, tuple(t.text for t in window), 1.0, ("exact",), True)
    scored: list[_Candidate] = []
    # An honorific says a person is meant, not which: "Mr Michael Grove" is anybody's name.
    post = title if any(w not in HONORIFICS for w in title) else ()
    for surname_size in range(1, len(window)):
        given, surname = window[:-surname_size], window[-surname_size:]
        key = " ".join(t.key for t in surname)
        if len(key) < 3 or any(t.text in PARTICLES for t in given):
            continue  # particles belong to the surname: "Lula da Silva", "von der Leyen"
        last_given = given[-1].key
        if _is_common_word(last_given) and not (index.is_given_name(last_given) or index.variants.is_name(last_given)):
            continue  # "Security Council", "Foreign Office": a word nobody bears, not a first name misspelt
        if _zipf(key) >= VERY_COMMON_WORD_ZIPF and not (index.surname(key) or index.variants.is_name(key)):
            continue  # "Prime Minister's Office": a word this common is no surname misspelt
        plausible = _plausible_name(given, key, index)
        if plausible:
            # Somebody's name as written may be the person's own, with another rendering of
            # the first name ("George Papandreou" for Giorgos): it names them, changing nothing.
            own = _own_name_rendered(given, surname, index, title)
            if own:
                scored.extend(own)
                continue
        # Only people whose first name agrees are worth scoring: "South Korea" is nobody's.
        # "Alicia Barcenatoday": the surname with a word glued on is looked up without it.
        stem = _unglued(key, index)
        found = index.full_name_candidates(given[-1].key, key)
        if stem:
            found = (*found, *(e for e in index.full_name_candidates(given[-1].key, stem) if e not in found))
        if not found:
            continue  # nobody to score (most ways to split a window)
        rare = all(index.given_count(t.key) <= RARE_FIRST_NAME for t in given)
        if plausible and not post and not rare:
            # "Mohamed Salah", "David Weir": somebody's name as written, whom the gazetteer may
            # well lack. Only the article can make it damage (decide_names, _named_in_article);
            # or the sound: "David Kameron" is David Cameron's name as another language spells
            # it, a head of government's, the question is only whose.
            found = tuple(e for e in found if _same_sound_as_the_best_known(key, e, index))
            if not found:
                continue
        for entry_id in found:
            # After a title, the holder of a post it names; after one of no post of theirs
            # ("chairman Rick Parry"), as with none: only a rare first name, as written.
            titled = bool(post) and _titled(index.entries[entry_id], post)
            if plausible and post and not titled and not rare:
                continue
            candidate = _score_full_name(given, surname, entry_id, index, title)
            if plausible and not titled and candidate and dict(candidate.signals).get("given_changed"):
                continue  # a rare first name as written ("Kaja Kalas") is read only as itself
            if candidate:
                scored.append(candidate)
    if not scored and any(t.text in PARTICLES for t in window[1:-1]):
        scored.extend(_whole_surname(window, index, title))
    if not scored and len(window) == 2:
        scored.extend(_family_name_first(window, index, title))
    if not any(c.confidence >= 0.8 for c in scored) and len(window) == 2 and len(window[1].key) >= 4:
        # A surname too damaged to find by its letters ("Emanuel McCone"): look among the
        # people with that first name, whose surnames are few enough to compare one by one.
        # Only a first name as written will do here ("Armed Forces" is not Ahmed's), and
        # only surnames that start alike, as a surname heard or read wrongly does.
        # A name that reads as somebody's, with no title before it, is only a question, and
        # only about the best-known people.
        given, surname = window[:1], window[1:]
        first, initial = given[0].key, surname[0].key[0]
        plausible = _plausible_name(given, surname[0].key, index)
        unconfirmed = not post and plausible
        if index.is_given_name(first) or _zipf(first) < VERY_COMMON_WORD_ZIPF:
            for entry_id in index.with_first_name_and_initial(first, initial):
                if unconfirmed and index.entries[entry_id].prominence < HEAD_PROMINENCE:
                    continue
                if plausible and post and not _titled(index.entries[entry_id], post) and index.given_count(first) > RARE_FIRST_NAME:
                    continue  # "chairman Rick Parry": somebody's name, and no post of Perry's
                candidate = _score_full_name(given, surname, entry_id, index, title)
                if candidate and unconfirmed:
                    candidate = _with_signals(replace(candidate, ceiling=CONTESTED_CEILING), unconfirmed=1.0)
                if candidate:
                    scored.append(candidate)
    # "Edgar Chagwa Lungu": the gazetteer's Edgar Lungu, with a middle name it lacks (and no
    # slip of a name it has: "John Atter Mills" is John Atta Mills, not a John Mills).
    left_out = None if scored else _form_with_middle_name_left_out(window, index)
    if left_out is not None:
        return _Candidate(window, left_out.entry_id, tuple(t.text for t in window), 1.0, ("exact",), True)
    if not scored:
        scored.extend(_damaged_after_middle_names_left_out(window, index, title))
    return _pick(scored, index)


def _damaged_after_middle_names_left_out(
    window: tuple[Token, ...], index: NameIndex, title: tuple[str, ...]
) -> list[_Candidate]:
    """"Nana Addo Dankwa Akufo-Addem", "Yoweri Kaguta Musevenim": a head of state's or as
    well-known person's first name as written and surname damaged, with middle names between
    that the gazetteer leaves out; the middle names stay as written. (Only the best-known: a
    common first name and a surname a letter off another's is many people's name.)"""
    if not 3 <= len(window) <= 4:
        return []
    given, middle, surname = window[:1], window[1:-1], window[-1:]
    if not (index.is_given_name(given[0].key) or index.surname(surname[0].key)):
        return []  # (neither part is a name: "United Nations Security Council", most runs here)
    if not all(_may_be_a_middle_name(t) for t in middle):
        return []
    found = []
    for entry_id in index.full_name_candidates(given[0].key, surname[0].key):
        if index.entries[entry_id].prominence < HEAD_PROMINENCE:
            continue
        own_given = {g for f in index.forms(entry_id) for g in f.given}
        if any(t.key in own_given for t in middle):
            continue  # "Mohammed Ali Gedi": Ali Mohamed Ghedi's names in another order, not left out
        candidate = _score_full_name(given, surname, entry_id, index, title)
        if candidate is None:
            continue
        if dict(candidate.signals).get("given_changed") and fold(candidate.replacement_words[-1]) != surname[0].key:
            continue  # one damaged part, not two
        words = (candidate.replacement_words[0], *(t.text for t in middle), candidate.replacement_words[-1])
        evidence = (*candidate.evidence, f"middle names '{' '.join(t.text for t in middle)}' as written")
        found.append(replace(candidate, tokens=window, replacement_words=words, evidence=evidence))
    return found


def _form_with_middle_name_left_out(window: tuple[Token, ...], index: NameIndex) -> NameForm | None:
    """The form of somebody whose first name and surname are three words' first and last,
    exactly as the gazetteer has them, with a middle name between that it leaves out: a
    capitalised word that is no particle, patronymic or article ("Mohammed bin Salman" is no
    Mohammed Salman); None when there is none."""
    if len(window) != 3:
        return None
    middle = window[1]
    if not _may_be_a_middle_name(middle):
        return None
    if index.is_given_name(middle.key):
        return None  # "Krishna Prasad Koirala" may be Girija Prasad Koirala's, a first name swapped
    forms = index.full_name(f"{window[0].key} {window[2].key}")
    return forms[0] if forms else None


def _may_be_a_middle_name(token: Token) -> bool:
    """Whether a word between a first name and a surname may be a middle name the gazetteer
    leaves out: capitalised, and no particle, patronymic or article ("Mohammed bin Salman" is
    no Mohammed Salman)."""
    return token.is_capitalised and not (
        token.text in PARTICLES or token.key in PATRONYMIC or token.key in SURNAME_PARTICLES
        or token.key in _ARABIC_SURNAME_OPENERS or token.key in ARABIC_ARTICLES
    )


def _same_sound_as_the_best_known(key: str, entry_id: str, index: NameIndex) -> bool:
    """Whether ``key`` (a folded surname) is, respelled, a surname of a head of state or
    government or as well known (``entry_id``), as another language writes its sounds."""
    if index.entries[entry_id].prominence < HEAD_PROMINENCE:
        return False
    sound = respelling_key(key)
    return any(s != key and respelling_key(s) == sound for s in index.folded_surnames(entry_id))


def _kept_in_capitals(candidate: _Candidate) -> _Candidate:
    """Where capitals are the style (a heading, a list of office holders, a speaker's label),
    a fix of a name in capitals is in capitals ("EKPERIPE EKPO" becomes "EKPERIKPE EKPO"), and
    a name whose letters are right is left as it is ("ATIKU BAGUDU")."""
    if not all(t.is_upper for t in candidate.tokens):
        return candidate
    return replace(candidate, replacement_words=tuple(w.upper() for w in candidate.replacement_words))


def _lower_capitals(candidate: _Candidate, index: NameIndex) -> _Candidate:
    """A fix of a name written in capitals amid lower-case text puts all of it as the
    gazetteer writes it: "DONALD TUS" becomes "Donald Tusk", not "DONALD Tusk"."""
    if not any(t.is_upper for t in candidate.tokens):
        return candidate
    written = {fold(w): w for name in index.entries[candidate.entry_id].full_names for w in name.split()}
    words = tuple(
        written.get(t.key, word.title()) if t.is_upper and word == t.text else word
        for t, word in zip(candidate.tokens, candidate.replacement_words)
    )
    return replace(candidate, replacement_words=(*words, *candidate.replacement_words[len(words) :]))


def _named_in_article(
    mention: Mention, free: set[int], index: NameIndex, article: _Article
) -> list[_Candidate]:
    """First name and surname pairs left unread in a run (``free``: ids of its tokens no
    reading took), read as people the article names."""
    tokens = mention.tokens
    pairs = [i for i in range(len(tokens) - 1) if id(tokens[i]) in free and id(tokens[i + 1]) in free]
    if not pairs:
        return []
    found = []
    taken = -1
    byline: bool | None = None
    for i in pairs:
        given, surname = tokens[i], tokens[i + 1]
        if i <= taken or given.key in TITLES or given.text in PARTICLES:
            continue
        if not (index.is_given_name(given.key) or index.variants.is_name(given.key)):
            continue  # "United States": no first name (a misspelt one is read in _full_names)
        if byline is None:
            # In a byline ("Additional reporting by ..."), the newsroom's own writers are named
            # too; anywhere, the holders of the posts the article names ("the Prime Minister
            # of the UK").
            byline = _in_byline(article.text, mention.start)
            posts = article.post_holder_set(index)
        title = _title_before(mention, i)
        goes_on = any(t.key not in TITLES for t in tokens[i + 2 :])
        scored = []
        for entry_id in article.named_like(surname.key, index, with_staff=byline):
            candidate = _score_full_name((given,), (surname,), entry_id, index, title, in_article=True)
            if candidate and goes_on and candidate.replacement_words[0] != given.text:
                continue  # "Ahad Khan Cheema": a first name in a longer name, as written, is its bearer's own
            if candidate and i > 0 and tokens[i - 1].key not in TITLES and _reads_as_surname_opener(given.key, candidate, index):
                continue  # "Omar Abu Rasah": "Abu" after a first name begins the surname
            if candidate:
                staff = byline and index.entries[entry_id].kind == "journalist"
                signals = {
                    "path:full": 0.0, "path:full_named": 1.0, "byline": float(staff),
                    "post_named": float(entry_id in posts),
                }
                why = (
                    f"the article names the post of {index.entries[entry_id].role}" if entry_id in posts
                    else "named in a byline" if staff else ""
                )
                if why and entry_id not in article.people:
                    candidate = replace(candidate, evidence=(*candidate.evidence, why))
                scored.append(_with_signals(candidate, **signals))
        best = _pick(scored, index)
        if best:
            found.append(best)
            taken = i + 1
    return found


def _plausible_name(given: tuple[Token, ...], surname_key: str, index: NameIndex) -> bool:
    """Whether a name as written reads as somebody's: first names that are first names, and a
    surname that is a name (rigour's table, or some official's)."""
    # (A loop, not all() of a generator: this is asked of every way to split every window.)
    for token in given:
        if not (index.is_given_name(token.key) or index.variants.is_name(token.key)):
            return False
    return index.variants.is_name(surname_key) or bool(index.surname(surname_key))


def _own_name_rendered(
    given: tuple[Token, ...], surname: tuple[Token, ...], index: NameIndex, title: tuple[str, ...]
) -> list[_Candidate]:
    """Readings of a name as written as a bearer of that very surname whose first name it
    renders otherwise: readings that change no word."""
    key = " ".join(t.key for t in surname)
    written = tuple(t.text for t in (*given, *surname))
    found = []
    for entry_id in index.bearers_by_rendering(given[-1].key, key):
        candidate = _score_full_name(given, surname, entry_id, index, title)
        if candidate is not None and candidate.replacement_words[: len(written)] == written:
            found.append(candidate)
    return found


def _titled(entry: Entry, title: tuple[str, ...]) -> bool:
    """A well-known person whose post the title names ("President" for Macron)."""
    return entry.prominence >= TITLED_PROMINENCE and _fits_entry(title, entry)


def _whole_surname(
    window: tuple[Token, ...], index: NameIndex, title: tuple[str, ...]
) -> list[_Candidate]:
    """A surname of several words written alone ("Lula da SiIva", "von der Leye"): a well-known
    person's, plainly misspelt, word for word."""
    if not index.has_surnames_of(len(window)):
        return []  # only a surname of as many words is taken below, and nobody's has this many
    key = " ".join(t.key for t in window)
    found = []
    # Spelled right once a scanner's capital I is read as l ("SiIva"), or misspelt.
    misread = [key] if any(t.misread for t in window) and index.surname(key) else []
    for surname_key in (*misread, *index.similar_surnames(key)):
        score, why = (0.9, "ocr") if surname_key == key else similarity(key, surname_key)
        if why not in EXACT_DAMAGE or len(surname_key.split()) != len(window):
            continue
        for entry_id in index.surname(surname_key):
            entry = index.entries[entry_id]
            if entry.prominence < TITLED_PROMINENCE or _valid_variant(key, surname_key, entry_id, index):
                continue
            written = _repaired_surname(index, entry_id, surname_key, key)
            confidence, title_evidence = _title_bonus(prior(score, entry), title, entry)
            evidence = (_surname_evidence(window, why, written), *title_evidence)
            words = tuple(written.split())
            signals = _signals("whole_surname", entry, title, damage=why, surname_score=score)
            candidate = _Candidate(window, entry_id, words, min(confidence, MAX_CONFIDENCE), evidence, False, signals)
            found.append(candidate)
    return found


def _family_name_first(window: tuple[Token, ...], index: NameIndex, title: tuple[str, ...]) -> list[_Candidate]:
    """A name written family name first whose given name is damaged ("Hu Zhintao", "Wen
    Zhiabao"): the family name as written, the given name plainly misspelt, of a well-known
    bearer."""
    family, given = window[0], window[1]
    found = []
    # (Only the bearers with such a form, not each bearer of the surname: "Lee" has hundreds.)
    for entry_id in index.family_name_first(family.key):
        entry = index.entries[entry_id]
        if entry.prominence < TITLED_PROMINENCE:
            continue
        for form in index.forms(entry_id):
            words = form.surname.split()
            if form.given or len(words) != 2 or words[0] != family.key or words[1] == given.key:
                continue
            score, why = similarity(given.key, words[1])
            if score < MIN_SURNAME_SIMILARITY or why not in EXACT_DAMAGE | {"respelled", "sound"}:
                continue
            written = form.written.split()
            confidence, title_evidence = _title_bonus(prior(score, entry), title, entry)
            evidence = (f"'{given.text}' {describe(why, written[-1])}, family name '{family.text}' first", *title_evidence)
            signals = _signals("family_first", entry, title, damage=why, surname_score=score, given_words=1.0)
            found.append(
                _Candidate(window, entry_id, (family.text, written[-1]), min(confidence, MAX_CONFIDENCE), evidence, False, signals)
            )
            break
    return found


def _score_full_name(
    given: tuple[Token, ...],
    surname: tuple[Token, ...],
    entry_id: str,
    index: NameIndex,
    title: tuple[str, ...],
    *,
    in_article: bool = False,
) -> _Candidate | None:
    """The reading of a first name and surname as this entry's, or None if they do not agree.
    ``in_article``: the article names the person, so a namesake's spelling may be damage."""
    entry = index.entries[entry_id]
    key = " ".join(t.key for t in surname)
    surnames = index.folded_surnames(entry_id)
    # Spaces, hyphens and particles apart, the same surname ("Jae In" for "Jae-in").
    key_rendered = rendering_key(key)
    rendered = next((s for s in surnames if s != key and rendering_key(s) == key_rendered), "")
    s_score, s_why, s_key = (1.0, "exact", rendered) if rendered else best_similarity(key, surnames)
    if s_score < MIN_SURNAME_SIMILARITY:
        return None
    variant = bool(rendered) or _valid_variant(key, s_key, entry_id, index)
    if s_key != key and entry.prominence < NAMESAKE_FLOOR and index.surname(key) and not in_article and not variant:
        return None  # "John F. Kirby" is a Kirby, not a little known John Irby misspelt
    # The form whose first names agree best; its evidence is written only for it.
    aligned = None
    for form in index.forms(entry_id):
        # The article names the person and the surname is theirs as written: a short first
        # name a letter off is theirs misspelt too ("President Alan Karis" beside Alar Karis).
        words, g_score, g_evidence = _align_given(given, form, entry, index, lenient=in_article and s_key == key)
        if words is not None and (aligned is None or g_score > aligned[1]):
            aligned = (words, g_score, g_evidence)
    if aligned is None:
        return None
    words, g_score, g_evidence = aligned
    if not variant and len(given) > 1 and _vowel_respelled(key, s_key):
        # "Shirley Ayorkor Botchwey" for Botchway: whoever writes two first names as the person
        # does knows the name, and one vowel inside the surname otherwise is their spelling of
        # it (a final one may be a case ending: "Mahamu").
        variant = all(w == t.text for w, t in zip(words, given))
    variant_evidence = ""
    if variant:
        # "Yoav Gallant" for "Yoav Galant", "Mahinda Rajapakse": another right spelling, which
        # names the person as surely as the gazetteer's own (and which their fixes keep to).
        written_surname = " ".join(t.text for t in surname)
        variant_evidence = f"'{written_surname}' is another spelling of '{index.written_surname(entry_id, s_key)}'"
        if all(w == t.text for w, t in zip(words, given)):
            return _Candidate(
                (*given, *surname), entry_id, (*words, *(t.text for t in surname)), 1.0, (variant_evidence,), True,
                # A surname in capitals says nothing of its case: "BERDIMUHAMEDOV" is Berdimuhamedov.
                spelling=(written_surname.title() if written_surname.isupper() else written_surname) if len(surname) == 1 else "",
            )
        # A first name misspelt before a right spelling of the surname ("Mahina Rajapakse"):
        # read as before a surname written as the gazetteer writes it; the surname stays. Only
        # a slip of the keys or a scanner's: a first name that sounds like the person's, beside
        # a surname spelled another way, is the whole name rendered otherwise ("Ahmede Husein"),
        # likelier somebody else's than damage.
        if _first_name_respelled(given, words, index):
            return None
        s_score, s_why, s_key = 1.0, "exact", key
    if s_why in ("sound", "sound-like", "respelled") and _first_name_respelled(given, words, index):
        # "Ahmede Husein" for Ahmed Hussen: a first name with another ending or sound beside a
        # surname spelled as it sounds is the whole name rendered otherwise, somebody's own;
        # damage to both is a slip or a scanner's in the first name ("Emanuel McCone").
        return None
    # "Mohamed Salah" is not Mohamed Solih misspelt: a first name as written and a surname
    # that is a name in its own right read as somebody else, whom the gazetteer may lack;
    # only the article's context makes it a corruption ("Kaja Kalas" is no such name).
    surname_is_name = key != s_key and (index.variants.is_name(key) or bool(index.surname(key)))
    surname_is_name = surname_is_name and not index.variants.same_name(key, s_key)
    given_as_written = all(w == t.text for w, t in zip(words, given))
    other_person = given_as_written and surname_is_name
    # "Alberto" for "Albero": a first name changed into another real first name ("Emanuel" for
    # "Emmanuel" is the same name spelled otherwise).
    given_other_name = any(
        w != t.text
        and (index.is_given_name(t.key) or index.variants.is_name(t.key))
        and not index.variants.same_name(t.key, fold(w))
        for w, t in zip(words, given)
    )
    written = _repaired_surname(index, entry_id, s_key, key)
    if variant_evidence or s_key == key and not all(t.is_upper for t in surname):
        # Spelled right but for accents or an apostrophe's shape: as the article writes it
        # ("Conte" for Conté, "Nyong’o"), which is no damage.
        written = " ".join(t.text for t in surname)
    confidence, title_evidence = _title_bonus(prior(s_score + 0.1 * g_score, entry), title, entry)
    evidence = (variant_evidence or _surname_evidence(surname, s_why, written), *g_evidence, *title_evidence)
    replacement = (*words, *written.split())
    signals = _signals(
        "full",
        entry,
        title,
        damage=s_why,
        surname_score=s_score,
        given_score=g_score,
        given_changed=sum(w != t.text for w, t in zip(words, given)),
        given_words=len(given),
        surname_owned=bool(index.surname(key)),
        word=_zipf(key) / 8,
        length=min(len(key), 12) / 12,
        first_letter_changed=s_key[:1] != key[:1],
        other_person=other_person,
        surname_is_name=surname_is_name,
        given_other_name=given_other_name,
        given_bearers=math.log10(1 + min((index.given_count(t.key) for t in given), default=0)) / 3,
        journalist=entry.kind == "journalist",
    )
    tokens = (*given, *surname)
    if all(t.is_upper for t in tokens) and len(replacement) == len(tokens) and all(
        fold(w) == t.key for w, t in zip(replacement, tokens)
    ):
        # "SIR JOSEPH WARD": the whole name in capitals, its letters right (_best_full_name).
        return _Candidate(tokens, entry_id, tuple(t.text for t in tokens), 1.0, ("exact",), True)
    return _Candidate(
        tokens, entry_id, replacement, min(confidence, MAX_CONFIDENCE), evidence, False, signals
    )


def _first_name_respelled(given: tuple[Token, ...], words: Sequence[str], index: NameIndex) -> bool:
    """Whether a first name as written changes into the person's (``words``) by more than a
    slip of the keys or a scanner's: another ending or sound, as a rendering changes it."""
    return any(
        w != t.text and index.misspelt_given(t.key, fold(w)) not in ("one", "ocr") for w, t in zip(words, given)
    )


def _align_given(
    given: tuple[Token, ...], form: NameForm, entry: Entry, index: NameIndex, *, lenient: bool = False
) -> tuple[tuple[str, ...] | None, float, list[str]]:
    """Match each written first name to one of the form's, in order; None when one does not
    agree. The last written first name is the form's last ("Tayyip Erdogan"); earlier ones
    may skip a middle name ("John Atta Mills" for John Evans Atta Mills)."""
    if not given or len(given) > len(form.given):
        return None, 0.0, []
    words: list[str] = []
    scores: list[float] = []
    evidence: list[str] = []
    at = len(form.given)
    for position in range(len(given) - 1, -1, -1):
        token = given[position]
        # The latest of the form's names before the one matched last that this one agrees with.
        last_choice = at - 1 if position == len(given) - 1 else 0
        for slot in range(at - 1, last_choice - 1, -1):
            agreed = _agree_given(token, slot, form, entry, index, lenient=lenient, middle=position > 0)
            if agreed is not None:
                word, score, why = agreed
                words.append(word)
                scores.append(score)
                evidence.append(why)
                at = slot
                break
        else:
            return None, 0.0, []
    return tuple(reversed(words)), min(scores), list(reversed(evidence))


def _agree_given(
    token: Token, slot: int, form: NameForm, entry: Entry, index: NameIndex, *, lenient: bool = False,
    middle: bool = False,
) -> tuple[str, float, str] | None:
    """How a written first name agrees with the form's given name at ``slot``: (the word to
    write, how alike, why), or None. ``lenient``: a letter changed or misread counts in a
    name of four letters or more, even one that is somebody's own ("Alan" for Alar).
    ``middle``: the name is written after another first name."""
    target = form.given[slot]
    if token.key == target and token.misread:
        written = _gazetteer_given(form, slot, token)
        return written, 1.0, f"first name '{token.text}' is '{written}' misread by a scanner"
    if token.key == target:
        return token.text, 1.0, f"first name '{token.text}' matches"
    written = _gazetteer_given(form, slot, token)
    if _valid_variant(token.key, target, entry.id, index, given=True) or (
        token.key in _words_of(entry.full_names) and token.key not in _words_of((entry.surname, form.surname))
    ):
        # "Sergey" for "Sergei": another right spelling; "Luvsannamsrai", as another of the
        # person's own names writes it (Oyunerdene Luvsannamsrai), for the genitive Luvsannamsrain.
        return token.text, 1.0, f"first name '{token.text}' is another spelling of '{written}'"
    if len(token.key) >= 5 and (_vowel_respelled(token.key, target) or _vowel_between(token.key, target)) and not (
        index.is_given_name(token.key) or index.variants.is_name(token.key) or index.variants.is_name(target)
    ):
        # "Taboi" for Toboi Awi Yoto: one vowel inside a first name otherwise, where neither is
        # a name of the table of names' languages (whose names have their spellings: "Emmenuel"
        # is Emmanuel misspelt), is how the writer spells it, as it is heard.
        return token.text, 1.0, f"first name '{token.text}' is another spelling of '{written}'"
    why = index.misspelt_given(token.key, target)
    if not why and lenient and len(token.key) >= 4 and len(token.key) == len(target):
        near = near_kind(token.key, target)
        why = near[1] if near and near[1] in ("one", "ocr") else ""
    if not why:
        return None
    if (
        middle and token.key.replace("h", "") == target.replace("h", "")
        and (index.variants.is_name(token.key) or index.is_given_name(token.key))
    ):
        # "Prakash Sharan Mahat" where the gazetteer writes Saran: a middle name that is a name
        # as written, an "h" of a romanisation apart, is the writer's rendering of it, and stays
        # ("Sharan", not "Saran"; but "John Atter Mills" is John Atta Mills).
        return token.text, similarity(token.key, target)[0], f"middle name '{token.text}' is another rendering of '{written}'"
    return written, similarity(token.key, target)[0], f"first name '{token.text}' {describe(why, written)}"


def _gazetteer_given(form: NameForm, slot: int, token: Token) -> str:
    """The form's given name at ``slot`` as the gazetteer writes it, or the token as written.
    (Asked only when needed, and once: ``written_given`` splits the name anew each time, and
    most first names agree as written.)"""
    written_given = form.written_given
    return written_given[slot] if written_given else token.text


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
    if position > 0 and not title and not _only_words_before(mention, position, index):
        return _swapped_given(mention, position, index, article)
    if index.full_name(key):
        return None
    owners = index.surname(key)
    if owners and token.misread:
        return _recased_surname(token, owners, title, index, article, how="misread")
    if (
        owners and token.is_upper and not mention.capitals_around and not article.surnames_in_capitals
        and key not in article.names_in_capitals
        and not _inside_quote(article.text, token.start)
    ):
        recased = _recased_surname(token, owners, title, index, article)
        if recased:
            return recased
    # (From here on every test only turns the word down, so the cheapest and most often
    # decisive go first: most words that reach here are English words.)
    partner = _known_partner(mention, index, article.text)
    frequency = _zipf(key)
    if frequency >= VERY_COMMON_WORD_ZIPF and not partner:
        return None  # "They", "Young": never taken for a damaged name
    # "Macro told reporters": a word in a speaker's place may be a name the article gives.
    speaker = mention.word_after in SPEECH_VERBS
    if frequency >= COMMON_WORD_ZIPF and not (partner or title or speaker):
        return None  # "Thank", "Prime": a word, unless a title, a pair or a speaker slot says otherwise
    if any(e in article.in_full or article.bare[e] > 1 for e in owners & article.people):
        return None  # spelled right for someone the article names, in full or more than once
    if key in article.surnames_after_first_names:
        return None  # the surname of somebody the article names in full, listed or not ("Graham Kerr")
    if (
        (
            mention.word_before in FAMILY_COUNTERS
            or _NUMBER_BEFORE.search(article.text, max(0, token.start - 6), token.start)
        )
        and not mention.hyphen_neighbours and _family_plural(key, index)
    ):
        return None  # "the Castros", "five Rajapaksas": a family, not Castro with an ending
    if _NICKNAME_AFTER.match(article.text, token.end):
        return None  # a first name before a nickname and a surname: Ragowo “Didit” Hediprasetyo
    if not partner and _in_compound_name(mention, index, article):
        return None  # one half of a name like "Afari-Gyan" is no surname of its own
    if not (title or partner) and not article.alike(key, index) and not _case_ending_on_the_best_known(key, index):
        return None  # nobody the article names is spelled like it, and nothing else says who
    # Somebody's name spelled right ("Bien" is Tadeusz Bień's) yields only to a far better
    # known person the article names ("President Bien" after "Joe Biden").
    namesake = _namesake_prominence(key, index)
    scored: list[_Candidate] = []
    for surname_key, entry_id, score, why in _surname_candidates(key, title, partner, namesake, index, article):
        entry = index.entries[entry_id]
        if _valid_variant(key, surname_key, entry_id, index):
            continue
        if _written_closer(key, surname_key, article, index):
            continue  # "Karimovana" is nearer the article's Karimova (unlisted) than Karimov
        if _as_near_a_name_as_written(key, surname_key, score, article):
            continue  # "President Tourena" after "Amadou Toumani Toure" (unlisted): not Touriño
        if _derived_from(key, surname_key):
            continue  # "the influence of Macrism", "a Blairite": a word made from the name, no damage
        written = _repaired_surname(index, entry_id, surname_key, key)
        evidence = [_surname_evidence((token,), why, written)]
        if entry_id in article.people:
            confidence = score + 0.05
            evidence.append(_named_elsewhere(entry, article))
        else:
            confidence = score - 0.05
        if namesake:
            confidence -= 0.05
            evidence.append(f"'{token.text}' is also a less known person's name")
        if partner:
            confidence += 0.05
            evidence.append(f"paired with '{partner}'")
        confidence, title_evidence = _title_bonus(confidence, title, entry)
        evidence.extend(title_evidence)
        heard = frequency >= REAL_WORD_ZIPF and not (partner or title or (speaker and why == "cut"))
        if heard:
            # "Melons said": a word heard instead of a name is worth a question, not a fix;
            # a name cut short into a word before a speech verb ("Macro told") is a fix.
            confidence = min(confidence, HEARD_WORD_CEILING)
            evidence.append(f"'{token.text}' is also an English word")
        if token.is_upper:
            evidence.append("written in capitals")
        signals = _signals(
            "surname",
            entry,
            title,
            determiner=mention.word_before in DETERMINERS,
            damage=why,
            surname_score=score,
            in_article=entry_id in article.people,
            namesake=namesake,
            partner=bool(partner),
            speaker=speaker,
            heard=heard,
            word=frequency / 8,
            surname_is_name=bool(owners) or index.variants.is_name(key),
            upper=token.is_upper,
            length=min(len(key), 12) / 12,
            first_letter_changed=surname_key[:1] != key[:1],
        )
        scored.append(
            _Candidate(
                (token,),
                entry_id,
                (_cased(written, mention, token),),
                min(prior(confidence, entry, in_article=entry_id in article.people), MAX_CONFIDENCE),
                tuple(evidence),
                exact=False,
                signals=signals,
                ceiling=HEARD_WORD_CEILING if heard else MAX_CONFIDENCE,
            )
        )
    return _pick(scored, index)


def _names_a_place(candidate: _Candidate, mentions_by_end: dict[int, Mention], text: str) -> bool:
    """Whether the words read end a run followed by a word for a place ("Ninh Binh province"),
    or go on in one with a building's ("Al Husseiniya Palace")."""
    mention = mentions_by_end.get(candidate.tokens[-1].end)
    if mention is not None:
        return mention.word_after in PLACE_WORDS
    after = _CAPITALISED_WORD_AFTER.match(text, candidate.tokens[-1].end)
    return after is not None and after.group(1).lower() in BUILDING_WORDS


_CAPITALISED_WORD_AFTER = re.compile(r"[ \t]+([A-Z][a-z]+)\b")


# Words after a name that make it a place's ("Ninh Binh province"); not those that follow a
# person's name as often ("the Trump town hall", "a Putin state visit").
PLACE_WORDS = frozenset(
    """province provinces district county region prefecture municipality oblast governorate
    village island islands river airport""".split()
)
# Words of a building's or a place's name that go on from a name ("Al Husseiniya Palace",
# "Tahrir Square"): the name is the place's, not a person's spelled wrong.
BUILDING_WORDS = frozenset({"palace", "square", "street", "avenue", "mosque", "stadium", "airport", "province"})


def _surnames_in_capitals(mentions: Sequence[Mention]) -> bool:
    """Whether the text writes people's surnames in capitals after first names in lower case,
    for three people or more: a style (parliaments', the UN's, French documents': "Hon Kenneth
    LEUNG", "Jean DUPONT"), not damage to put right."""
    found = set()
    for mention in mentions:
        tokens = mention.tokens
        if mention.lower_case or len(tokens) < 2:
            continue
        for first, second in zip(tokens, tokens[1:]):
            if (
                len(second.text) >= 2 and second.is_upper and first.text[1:].islower() and first.text[:1].isupper()
                and first.key not in TITLES
            ):
                found.add((first.text, second.text))
                if len(found) >= 3:
                    return True
    return False


def _second_syllable(text: str, start: int, mentions_by_end: dict[int, Mention]) -> bool:
    """Whether the word at ``start`` ends a hyphenated given name written in capitals after a
    family name: "KWOK WAI-KEUNG", "TSAI ING-WEN" (in lower case, "Wai-keung" goes on as one
    word, and "Putin-Trump" pairs two names)."""
    if text[start - 1 : start] != "-":
        return False
    before = mentions_by_end.get(start - 1)
    return before is not None and len(before.tokens) >= 2 and len(before.tokens[-1].key) <= 4


def _of_an_occupation(text: str, start: int, end: int, entry: Entry) -> bool:
    """Whether the name between ``start`` and ``end`` is said to be of a trade ``entry`` does
    not hold, by the word before it ("coach Mark Rutt", "reporter James Buty", of an official)
    or an apposition after it ("Michael Grove, a farmer,")."""
    # (A trade given up says nothing: "former comedian Volodymyr Zelensky", "Mr. Rajoelina, a
    # former disc jockey".)
    before = _words_before(text, start)
    trades = OCCUPATIONS if entry.kind == "journalist" else OCCUPATIONS | NEWS_TRADES
    if before and before[1].lower() in trades:
        return not _FORMER.search(before[0])
    after = _APPOSITION.match(text, end)
    if not after or _FORMER.search(after.group(1)):
        return False
    return any(word in trades or word.removesuffix("s") in trades for word in after.group(1).lower().split()[:4])


def _words_before(text: str, start: int) -> tuple[str, str] | None:
    r"""The two words just before ``start``, within 40 characters: (the one before the last,
    or '' for none; the last). As ``(?:([A-Za-z-]+)[ \t]+)?([A-Za-z]+)[ \t]*$`` searched for in
    those characters finds them, but read backwards from ``start`` in one match, where the
    search tried each of the 40 places to start (a fiftieth of a warm article)."""
    before = text[max(0, start - 40) : start]
    if before.endswith("\n"):
        before = before[:-1]  # "$" also matches before a final line break
    found = _WORDS_BEFORE_REVERSED.match(before[::-1])
    if found is None:
        return None
    return (found.group(2) or "")[::-1], found.group(1)[::-1]


# The last word and the one before it, in a text read backwards.
_WORDS_BEFORE_REVERSED = re.compile(r"[ \t]*([A-Za-z]+)(?:[ \t]+([A-Za-z-]+))?")
_FORMER = re.compile(r"(?i)\b(?:former|ex|one-time|onetime|retired|erstwhile)\b")
# ", a farmer,", ", the Ajax coach": the words of a noun phrase set after a name.
_APPOSITION = re.compile(r",\s+(?:a|an|the)\s+([^,.;:()\n]{1,40})")
# Trades whose people news names and no official holds as a post: sport, the arts, business,
# farming and the like (not those officials come from and keep as a title: lawyer, doctor as
# "Dr", professor, general, journalist, director).
OCCUPATIONS = frozenset(
    """coach footballer striker midfielder defender goalkeeper winger player cyclist boxer golfer
    jockey sprinter swimmer athlete referee umpire skier cricketer batsman bowler rugby
    actor actress singer rapper musician guitarist drummer comedian novelist poet painter
    sculptor artist chef farmer businessman businesswoman entrepreneur billionaire tycoon
    gp nurse teacher pupil student shopkeeper dancer photographer architect filmmaker""".split()
)
# A reporter's trade: the gazetteer lists some reporters (bylines), no official as one. (Not
# "journalist": journalists go into politics, and an article may still call them that.)
NEWS_TRADES = frozenset({"reporter", "correspondent"})


def _written_only_in_capitals(named: Sequence[Mention]) -> frozenset[str]:
    """The words (folded) the article writes in capitals every time, twice or more: for a
    surname, the writer's style for the name (emphasis, a headline's habit), where damage in
    capitals comes and goes."""
    upper: Counter[str] = Counter()
    otherwise: set[str] = set()
    for mention in named:
        for token in mention.tokens:
            if token.is_upper:
                upper[token.key] += 1
            else:
                otherwise.add(token.key)
    return frozenset(key for key, times in upper.items() if times > 1 and key not in otherwise)


def _recases(candidate: _Candidate) -> bool:
    """Whether a fix only puts a name in capitals as the gazetteer writes it."""
    signals = dict(candidate.signals)
    return bool(signals.get("path:recase") or signals.get("path:recase_full"))


def _of_another_post(text: str, end: int, entry: Entry) -> bool:
    """Whether the name ending at ``end`` is followed by a post in apposition that is none the
    person has held: "Maria Bahir, Prosecutor General, Herat Province" is the prosecutor, not
    a minister called Maria Bachir."""
    found = _POST_AFTER.match(text, end)
    if not found:
        return False
    title = tuple(fold(word) for word in found.group(1).split())
    return not _fits_entry(title, entry)


# ", Prosecutor General,", ", President of the ...": a post in capitals set after a name, up
# to what it is of ("the ...", or one word: ", Deputy Minister of Tourism,"). (Head posts only:
# a member, a leader or an adviser may hold another post too. Not ", Secretary of State
# Condoleezza Rice": in a list, the next person's post.)
_POST_AFTER = re.compile(
    r",\s+((?:(?:Prime|Deputy|Vice|Acting|Assistant)\s+)?(?:President|Minister|Secretary|Governor|Ambassador|Mayor|"
    r"Senator|Prosecutor|Judge|Justice|Speaker|Chancellor|Commissioner|Envoy)(?:\s+(?:General|Minister))?)\b"
    r"(?=\s*(?:[,;(]|of\s+(?:the\b|[A-Z][\w'’-]*\s*[,;.)])))"
)


def _of_another_country(text: str, end: int, entry: Entry) -> bool:
    """Whether the name ending at ``end`` is followed by "of" and a country other than the
    person's: "President John Maduro of Honduras" names Honduras's president, whoever else
    is called Maduro."""
    found = _OF_COUNTRY.match(text, end)
    if not found:
        return False
    words = found.group(1).split()
    # The longest run of capitalised words that is a country's name ("the United States of ...").
    named = next((n for size in range(len(words), 0, -1) if (n := _country_key(" ".join(words[:size]))) in _COUNTRIES), "")
    own = _country_key(entry.country)
    return bool(named) and own in _COUNTRIES and _NATION.get(named, named) != _NATION.get(own, own)


_OF_COUNTRY = re.compile(r"\s+of\s+(?:the\s+)?((?:[A-Z][\w'’.-]*)(?:\s+(?:and\s+|the\s+)?[A-Z][\w'’.-]*){0,4})")


def _after_another_nations_post(text: str, start: int, entry: Entry) -> bool:
    """Whether the name at ``start`` follows a post under another country's adjective than the
    person's: "Peruvian Attorney General Juari Villen", "the Kenyan President". (Only where the
    adjective is plainly a country's, and the person's country is known.)"""
    found = _NATION_BEFORE_POST.search(text, max(0, start - 80), start)
    if not found or not all(fold(w.rstrip(".")) in TITLES for w in found.group(2).split()):
        return False
    named = _country_of_adjective(fold(found.group(1)))
    own = _country_key(entry.country)
    return bool(named) and own in _COUNTRIES and _NATION.get(named, named) != _NATION.get(own, own)


# A capitalised word, then title words up to the name: "Peruvian Attorney General ".
_NATION_BEFORE_POST = re.compile(r"\b([A-Z][a-z]+)((?:[ \t]+[A-Z][a-z]*\.?)+)[ \t]+$")


@lru_cache(maxsize=4096)
def _country_of_adjective(word: str) -> str:
    """The country (folded, as _COUNTRIES has it) whose adjective ``word`` is: "french",
    "peruvian", "kenyan"; '' for any other word (the longest country it starts like wins:
    "nigerian" is Nigeria's, not Niger's)."""
    for country, words in COUNTRY_WORDS.items():
        if word in words:
            return _country_key(country)
    if not _ADJECTIVE_ENDING.search(word):
        return ""
    matches = [c for c in _SINGLE_WORD_COUNTRIES if word != c and word.startswith(_country_stem(c))]
    return max(matches, key=len, default="")


_ADJECTIVE_ENDING = re.compile(r"(?:an|ian|ese|i|ish|ic|ean|ine)$")


def _country_stem(folded: str) -> str:
    """What a country's words start with ("keny" of Kenya: Kenyan, Kenyans)."""
    return folded[: max(4, len(folded) - 2)]


def _country_key(name: str) -> str:
    return fold(name).removeprefix("the ").replace("-", " ")


# The countries a person's entry may give, by their folded name; not the unions and
# organisations that stand in the same field ("African Union"), whose officials are of
# one country or another too.
_COUNTRIES = frozenset(
    _country_key(c)
    for c in """Afghanistan Albania Algeria Andorra Angola Argentina Armenia Australia Austria Azerbaijan
    Bahamas Bahrain Bangladesh Barbados Belarus Belgium Belize Bhutan Bolivia Botswana Brazil Bulgaria
    Cambodia Cameroon Canada Chile China Colombia Croatia Cuba Cyprus Denmark Djibouti Dominica Ecuador
    Egypt Estonia Ethiopia Fiji Finland France Georgia Germany Ghana Greece Grenada Guatemala Guinea
    Guinea-Bissau Guyana Honduras Hungary Iceland India Indonesia Iran Iraq Ireland Israel Italy Jamaica
    Japan Jordan Kazakhstan Kenya Kiribati Kosovo Kuwait Kyrgyzstan Latvia Lebanon Lesotho Liberia
    Liechtenstein Lithuania Luxembourg Malawi Malaysia Maldives Malta Mauritania Mauritius Mexico Moldova
    Mongolia Montenegro Morocco Mozambique Myanmar Namibia Nepal Netherlands Niger Nigeria Norway Oman
    Pakistan Palestine Panama Paraguay Peru Philippines Poland Portugal Qatar Romania Russia Rwanda Samoa
    Senegal Serbia Singapore Slovakia Slovenia Somalia Spain Sudan Suriname Sweden Switzerland Syria
    Taiwan Tajikistan Tanzania Thailand Timor-Leste Togo Tonga Tunisia Turkey Turkmenistan Tuvalu Uganda
    Ukraine Uruguay Uzbekistan Vanuatu Venezuela Vietnam Yemen Zambia Zimbabwe Scotland Wales England""".split()
) | frozenset(
    _country_key(c)
    for c in (
        "Antigua and Barbuda", "Bosnia and Herzegovina", "Burkina Faso", "Cabo Verde", "Cape Verde",
        "Central African Republic", "Costa Rica", "Czech Republic", "Democratic Republic of the Congo",
        "Dominican Republic", "El Salvador", "Equatorial Guinea", "Ivory Coast", "New Zealand", "North Korea",
        "North Macedonia", "Northern Ireland", "Papua New Guinea", "Saint Kitts and Nevis", "Saint Lucia",
        "Saint Vincent and the Grenadines", "San Marino", "Saudi Arabia", "Sierra Leone", "Solomon Islands",
        "South Africa", "South Korea", "South Sudan", "Sri Lanka", "Marshall Islands", "Trinidad and Tobago",
        "United Arab Emirates", "United Kingdom", "United States", "Great Britain", "Britain",
    )
)
_SINGLE_WORD_COUNTRIES = tuple(sorted(c for c in _COUNTRIES if " " not in c))
# Names of one nation's parts or of the nation itself that do not tell two people apart.
_NATION = {
    "scotland": "united kingdom", "wales": "united kingdom", "england": "united kingdom",
    "northern ireland": "united kingdom", "great britain": "united kingdom", "britain": "united kingdom",
    "cape verde": "cabo verde",
}


def _article_as_written(candidate: _Candidate) -> _Candidate:
    """A fix keeps the Arabic article of the surname in the case the text writes it:
    "Mohammed al-Halbousina" is put right as al-Halbousi, not the gazetteer's Al-Halbousi."""
    written, last = candidate.tokens[-1].text, candidate.replacement_words[-1] if candidate.replacement_words else ""
    article = written[:3]
    if article.islower() and article[2:] == "-" and last[:3] != article and last[:3].lower() == article:
        return replace(candidate, replacement_words=(*candidate.replacement_words[:-1], article + last[3:]))
    return candidate


def _in_handle(text: str, start: int, end: int) -> bool:
    """Whether the words from ``start`` to ``end`` are part of an account's handle, an address
    or an identifier: joined by "_", or after "@" or "/". (A hashtag is the name as a word:
    "#Gbagbo's" is read.)"""
    return text[start - 1 : start] in ("_", "@", "/") or text[end : end + 1] == "_"


def _relatives_first_name(candidate: _Candidate, mention: Mention | None) -> bool:
    """Whether a fix would change the first name of a person introduced as somebody's relative
    ("her mother Ivana Trump", "Sheikh Hasina's son Sajeed Wazed"): a relative is another
    person, whose own name may well be like an official's, the surname too."""
    first = candidate.tokens[0]
    if mention is None or mention.tokens[0].start != first.start or mention.word_before not in KIN_WORDS or candidate.exact:
        return False  # (the word before a run says who the run is, not a reading inside it)
    return candidate.replacement_words[:1] != (first.text,)


def _names_as_written(
    unread_runs: Sequence[tuple[Mention, set[int]]], covered: set[int], index: NameIndex
) -> dict[str, set[int]]:
    """The words of runs of two names or more that no reading took, folded -> where they
    start: names the article writes as they are ("Jaramogi Oginga Odinga", "Ozoda
    Rahmonova"), whether the gazetteer lists their bearers or not. (Not a word that only opens
    the sentence: "Later Tus left" writes no name "Later Tus".)"""
    found: dict[str, set[int]] = {}
    for mention, free in unread_runs:
        first = mention.lead_titles
        if first == 0 and len(mention.tokens) > 1 and _only_words_before(mention, 1, index):
            first = 1
        names = [
            t for t in mention.tokens[first:]
            if id(t) in free and id(t) not in covered and len(t.key) > 1 and t.key not in TITLES
        ]
        if len(names) < 2:
            continue  # a title and a surname ("Secretary Austinu") may be a slip repeated
        for token in names:
            found.setdefault(token.key, set()).add(token.start)
    return found


def _first_name_written_before_as_near(candidate: _Candidate, article: _Article) -> bool:
    """Whether a fix of a full name's surname meets the same first name written elsewhere in
    the article before a surname no reading took, as near the written one as the fix's: that
    person, whom the gazetteer lacks, is as likely the one meant (not another damaged spelling
    of the person the fix names, which a reading takes)."""
    tokens = candidate.tokens
    if len(tokens) < 2 or candidate.exact:
        return False
    token, first = tokens[-1], tokens[-2]
    target = fold(candidate.replacement_words[-1])
    if target == token.key:
        return False
    far = Levenshtein.distance(token.key, target)
    return any(
        start != first.start and after not in (token.key, target) and after in article.surnames_after_first_names
        and Levenshtein.distance(token.key, after) <= far
        for start, after in article.first_names_written.get(first.key, ())
    )


def _changes_a_name_as_written(candidate: _Candidate, index: NameIndex, article: _Article) -> bool:
    """Whether a fix would change a surname the article writes as a name elsewhere: in a run of
    names no reading took ("Oginga's children" beside "Jaramogi Oginga Odinga"), or as the
    surname of another person it names in full ("Emmanuel Adama Mahama" beside John Mahama)."""
    if candidate.exact:
        return False
    token = candidate.tokens[-1]
    if fold(candidate.replacement_words[-1]) == token.key:
        return False  # the surname stays; a first name changes
    if article.names_as_written.get(token.key, set()) - {token.start}:
        return True
    return any(e != candidate.entry_id for e in index.surname(token.key) & article.in_full)


# Words before a family named in the plural ("the Castros", "five Rajapaksas"); not "both",
# which as often stands before two people ("both Kibaki and Odinga").
FAMILY_COUNTERS = frozenset("the two three four five six seven eight nine ten several many".split())
# A number written in figures just before a word: "3 Dutertes".
_NUMBER_BEFORE = re.compile(r"(?<![\w.,])\d{1,2}[ \t]+\Z")


def _family_plural(key: str, index: NameIndex) -> bool:
    """Whether a word is the plural of somebody's surname: "castros", "joneses"."""
    return (key.endswith("s") and bool(index.surname(key[:-1]))) or (
        key.endswith("es") and bool(index.surname(key[:-2]))
    )


def _first_name_before_middle(
    mention: Mention, chosen: Sequence[_Candidate], free: set[int], index: NameIndex
) -> bool:
    """Whether a run ends in a reading that changes nothing from a middle name on, after a title
    and a first name no reading took: "President Eduardo Macapagal Arroyo" is read as Gloria
    Macapagal Arroyo's "Macapagal Arroyo", and "Eduardo" may be another's first name put on it."""
    last = mention.tokens[-1]
    reading = next((c for c in chosen if c.tokens[-1] is last), None)
    if reading is None or reading.exact or not _as_written(reading):
        return False
    at = mention.tokens.index(reading.tokens[0])
    before = mention.tokens[at - 1] if at > mention.lead_titles else None
    # Only after a title: "Mahmoud Abdel Hadi" is somebody's own name, Jamal Abdel Hadi's or not.
    return (
        before is not None and id(before) in free and index.is_given_name(before.key)
        and bool(_title_before(mention, at - 1))
    )


def _unread_full_name(mention: Mention, covered: set[int], index: NameIndex) -> bool:
    """Whether a run ends in a first name and a surname that no reading took ("Graham Kerr"):
    somebody's name as written, whom the gazetteer may lack."""
    tokens = mention.tokens
    return (
        len(tokens) > 1 and id(tokens[-1]) not in covered and id(tokens[-2]) not in covered
        and len(tokens[-2].key) > 1 and tokens[-2].key not in TITLES
        # A first name of an official, or one the name table knows ("Ozoda Rahmonova").
        and (index.is_given_name(tokens[-2].key) or index.variants.is_name(tokens[-2].key))
    )


# Endings that make an English word of a person's name: a doctrine, its followers, a manner
# (Thatcherism, Macrismo, Blairite, Putinist, Kafkaesque).
_DERIVING_ENDINGS = ("isms", "ism", "ismo", "ists", "ist", "istas", "ista", "ites", "ite", "esque")


def _derived_from(key: str, surname: str) -> bool:
    """Whether ``key`` is a word made from ``surname`` with an ending of _DERIVING_ENDINGS: the
    surname, or all of it but a last letter or two ("Macr-ism", "Chav-ismo"), then the ending."""
    for ending in _DERIVING_ENDINGS:
        if key.endswith(ending):
            stem = key[: -len(ending)]
            return len(stem) >= 3 and surname.startswith(stem) and len(surname) - len(stem) <= 2
    return False


def _written_closer(key: str, target: str, article: _Article, index: NameIndex) -> bool:
    """Whether the article writes another name nearer ``key`` than ``target`` is: the person
    it names, whom the gazetteer may lack, is likelier the one meant. (A name: a word that is
    somebody's name, or that the article writes after a first name; not another damaged
    spelling of the same person, "Kabili" beside "Kabilis".)"""
    far = Levenshtein.distance(key, target)
    # (The article's words nearer than ``far`` found in one call to RapidFuzz: a distance from
    # each of some two hundred words, each in Python, was a fiftieth of a warm article.)
    nearer = process.extract(key, article.words, scorer=Levenshtein.distance, score_cutoff=far - 1, limit=None)
    return any(
        len(word) >= 4 and word != key and word != target
        and (word in article.surnames_after_first_names or index.variants.is_name(word))
        for word, _distance, _at in nearer
    )


def _as_near_a_name_as_written(key: str, target: str, score: float, article: _Article) -> bool:
    """Whether ``key`` reads as a damaged spelling of the surname of somebody the article
    names in full, whom no reading took, as well as it reads as ``target`` (``score``), or as
    few letters from it: the person the article names, listed or not, is as likely the one
    meant ("Toura", a letter from Toure and from Catalonia's Torra)."""
    letters = OSA.distance(key, target)  # (two letters swapped count one: "Nsaheed")
    return any(
        len(written) >= 4 and written not in (key, target)
        and (similarity(key, written)[0] >= score or OSA.distance(key, written) <= letters)
        for written in article.surnames_after_first_names
    )


def _only_words_before(mention: Mention, position: int, index: NameIndex) -> bool:
    """Whether the words of the run before ``position`` are titles, or a word nobody bears as
    a name that opens the sentence ("Later Suna said", "Meanwhile Putin"; not "the
    Constitutional Court")."""
    if position <= mention.lead_titles:
        return True  # titles only ("President Trump")
    opener = mention.tokens[0]
    return (
        mention.lead_titles == 0
        and position <= 1 + mention.titles_after_opener
        and mention.sentence_start
        and _is_common_word(opener.key)
        and not index.is_given_name(opener.key)
        and not index.surname(opener.key)
    )


def _first_names_written(mentions: Sequence[Mention], index: NameIndex) -> dict[str, list[tuple[int, str]]]:
    """Folded first name -> (its offset, the next word of more than one letter) wherever the
    article writes a known first name before another capitalised word."""
    found: dict[str, list[tuple[int, str]]] = {}
    for mention in mentions:
        if mention.lower_case:
            continue
        tokens = mention.tokens
        for at, token in enumerate(tokens[:-1]):
            if len(token.key) < 2 or not index.is_given_name(token.key):
                continue
            after = next((t.key for t in tokens[at + 1 :] if len(t.key) > 1), "")
            if after:
                found.setdefault(token.key, []).append((token.start, after))
    return found


def _lent_by_unlisted(given: Token, surname_key: str, article: _Article) -> bool:
    """Whether the article writes ``given`` elsewhere before another surname: the first name of
    somebody it names whom the gazetteer may lack ("Secretary Jose Austin" beside a Jose Ortiz)."""
    first_surname = surname_key.split()[0]
    return any(
        start != given.start and after != first_surname
        for start, after in article.first_names_written.get(given.key, ())
    )


def _swapped_given(mention: Mention, position: int, index: NameIndex, article: _Article) -> _Candidate | None:
    """"Marco Lavrov" in an article that names Sergey Lavrov and Marco Rubio: the first name of
    another person the article names, put on a surname only one of its people bears. The
    surname may be two words ("Boris bin Salman"), and a middle name ("Edmundo Macapagal
    Arroyo" for Gloria Macapagal Arroyo) or initials ("Fumio J. Austin") may stand between."""
    tokens = mention.tokens
    lenders = article.first_name_bearers(index)
    written = article.first_names_written
    if not any(t.key in lenders or t.key in written for t in tokens[max(0, position - 4) : position]):
        return None  # no first name here of anybody the article names
    for surname_size in (1, 2):
        first_surname = position - surname_size + 1
        if first_surname < 1:
            break
        surname = tokens[first_surname : position + 1]
        bearers = index.surname(" ".join(t.key for t in surname))
        if not bearers:
            continue
        for given_at in range(first_surname - 1, max(-1, first_surname - 4), -1):
            if sum(len(t.key) > 1 for t in tokens[given_at + 1 : first_surname]) > 1:
                break  # one middle name at most, besides initials
            if given_at == 0 and mention.word_before in KIN_WORDS:
                break  # a relative's own first name ("his son Hunter Biden")
            found = _swapped_reading(
                tokens[given_at], tokens[given_at + 1 : first_surname], surname, bearers, index, article,
                _title_before(mention, given_at),
            )
            if found:
                return found
    return None


def _swapped_reading(
    given: Token,
    middle: tuple[Token, ...],
    surname: tuple[Token, ...],
    bearers: AbstractSet[str],
    index: NameIndex,
    article: _Article,
    title: tuple[str, ...],
) -> _Candidate | None:
    """``given`` (the first name of somebody else the article names), ``middle`` names as
    written and ``surname``, read as one bearer of the surname with their own first name."""
    # Whose surname: the one bearer the article names, else the one whose post the title
    # names ("Prime Minister Kamla Manning"). (Its best-known bearer will not do: "Kate
    # Middleton" is nobody's swapped name.)
    lenders = article.first_name_bearers(index).get(given.key)
    surname_key = " ".join(t.key for t in surname)
    unlisted_lender = not lenders and _lent_by_unlisted(given, surname_key, article)
    if not (lenders or unlisted_lender) or len(given.key) < 2:
        return None  # no first name of anybody the article names
    if _zipf(given.key) >= FUNCTION_WORD_ZIPF:
        return None  # "MINISTER OF POWER": a function word is nobody's first name
    owners = bearers & article.sighted or bearers & article.people
    if title and owners and not any(_fits_entry(title, index.entries[e]) for e in owners):
        # The post names another bearer than the one named ("Secretary of State Dominic
        # Pompeo" where a bare "Pompeo" was read as a provincial president of that name).
        titled = [e for e in sorted(bearers) if _titled(index.entries[e], title)]
        owners = set(titled) if len(titled) == 1 else owners
    titled = []
    if not owners and title:
        titled = [e for e in sorted(bearers) if _titled(index.entries[e], title)]
        # A post named in full tells a less known holder too ("National Security Advisor").
        titled = titled or [e for e in sorted(bearers) if _fits_entry(title, index.entries[e])]
    if len(owners) == 1:
        entry_id = next(iter(owners))
    elif titled:
        # Holders of the post who share a first name give the same fix ("President Paula
        # Bush": George W. Bush or George Bush); it is ascribed to the better known.
        if len({fold(index.entries[e].name.split()[0]) for e in titled}) != 1:
            return None
        entry_id = max(titled, key=lambda e: (index.entries[e].prominence, e))
    elif (
        not owners and len(bearers) == 1
        and index.entries[next(iter(bearers))].prominence >= UNNAMED_OWNER_PROMINENCE
        and any(_own_given_names_of(f)[:1] == (given.key,) for e in lenders or () for f in index.forms(e))
    ):
        # "Denys Kuleba" beside Denys Shmyhal: a well-known person's surname that nobody else in
        # the gazetteer bears, under the first name of somebody the article names (their first:
        # a middle name, "Madhav Kumar Nepal"'s, is often a first name of the same family's).
        entry_id = next(iter(bearers))
    else:
        return None
    if index.entries[entry_id].country in FAMILY_FIRST_WORD:
        return None  # "Nguyen Hoa Binh": the first word is the family's, and another family is another person
    lender = next((e for e in lenders or () if e != entry_id), "")
    if not title and article.tells_of_kin():
        # "Nicolas Petro was arrested", in a story of the president's son: where an article
        # speaks of sons, brothers or wives, another first name on an official's surname is
        # likelier a relative's own than a slip; only a post named before it says otherwise.
        return None
    if not lender and not (title and _fits_entry(title, index.entries[entry_id])):
        return None  # a first name the gazetteer does not list lends only to a post the title names
    # Initials stay as written, between the words compared (as in full names).
    middle_keys = tuple(t.key for t in middle if len(t.key) > 1)
    # The person's own form whose middle names are those written, and the first name before them.
    forms = index.forms(entry_id)
    if any(len(t.key) == 1 for t in middle):
        # An initial written is the formal style, which spells out the first name: "James N.
        # Mattis", not "Jim N. Mattis" (the longest first name of the person's forms).
        forms = tuple(sorted(forms, key=lambda f: -len(f.given[0]) if f.given else 0))
    own = next(
        (
            f for f in forms
            if f.written_given and f.surname == surname_key and len(f.given) > len(middle_keys)
            and f.given[len(f.given) - len(middle_keys) :] == middle_keys
        ),
        None,
    )
    if not (lender or unlisted_lender) or own is None or any(
        given.key == g or _valid_variant(given.key, g, entry_id, index, given=True)
        for g in own.given
    ):
        return None  # their own first name, or another spelling of it ("George" Papandreou)
    if any(fold(name.split()[0]) == given.key for name in index.entries[entry_id].full_names if " " in name):
        return None  # the first word of another of their names: "Ferdinand R. Marcos" is Bongbong Marcos's own
    entry = index.entries[entry_id]
    named = entry_id in article.sighted
    written_surname = " ".join(t.text for t in surname)
    lent_by = f"{index.entries[lender].name}, named in the article" if lender else "another person the article names"
    evidence = (
        f"'{given.text}' is the first name of {lent_by}",
        f"'{written_surname}' is the surname of {entry.name}" + (", named in the article" if named else ""),
    )
    confidence, title_evidence = _title_bonus(0.85, title, entry)
    signals = _signals(
        "swapped_given", entry, title, surname_score=1.0, given_words=1.0, in_full=entry_id in article.in_full,
        # "John Maduro" may well be somebody's name; "Boris Cheney" hardly.
        given_bearers=math.log10(1 + index.given_count(given.key)) / 3, lender_unlisted=float(not lender),
    )
    slot = len(own.given) - len(middle_keys) - 1
    # The first name as the article writes it elsewhere: "Sergey" where the gazetteer has Sergei;
    # "John" where it writes John Evans Atta Mills as "John Atta Mills". Else their first: a
    # name written with fewer words than the person's leaves out middle names, not the first
    # ("Kwadwo Atta Mills" is John Atta Mills, not Evans Atta Mills).
    written = sorted(article.written.get(entry_id, ()))
    own_given = next(
        (w for g in (own.given[0], own.given[slot]) for w in written if index.variants.same_name(fold(w), g)),
        own.written_given[0],
    )
    words = (own_given, *(t.text for t in (*middle, *surname)))
    return _Candidate(
        (given, *middle, *surname), entry_id, words, confidence, (*evidence, *title_evidence), False, signals
    )


def _recased_surname(
    token: Token, owners: AbstractSet[str], title: tuple[str, ...], index: NameIndex, article: _Article, *, how: str = "recase"
) -> _Candidate | None:
    """A surname spelled right but in capitals amid lower-case text ("President TRUMP"), or
    with a scanner's capital I for l (``how`` "misread": "President KabiIa"), when it is clear
    whose: named in full in the article, the only person of that name, or the best known one,
    whose post the title names."""
    named = owners & (article.in_full if how == "recase" else article.people)
    if len(named) == 1:
        return _recased(token, next(iter(named)), index, "is named in full elsewhere in the article", "in_full", how, title)
    if len(owners) == 1 and not _is_common_word(token.key):
        return _recased(token, next(iter(owners)), index, "is the only person of that name", "only_owner", how, title)
    best = index.best_known(token.key) if title else ""
    if best and not _fits(title, index.entries[best].role):
        # "President HADI": the one well-known bearer whose post the title names, if another
        # bearer is better known ("Hadi" is also a footballer's, a scholar's name).
        titled = [e for e in sorted(owners) if _titled(index.entries[e], title)]
        best = titled[0] if len(titled) == 1 else ""
    if best:
        why = f"holds the post the title '{_title_as_written(title)}' names"
        return _recased(token, best, index, why, "title_fits", how, title)
    return None


def _recased(
    token: Token, entry_id: str, index: NameIndex, why: str, because: str, how: str, title: tuple[str, ...]
) -> _Candidate:
    """A surname spelled right but in capitals, in running text: "Vice-President PENCE"; or
    misread by a scanner ("KabiIa")."""
    entry = index.entries[entry_id]
    written = index.written_surname(entry_id, token.key)
    seen = "in capitals" if how == "recase" else "misread by a scanner"
    evidence = (f"'{token.text}' is '{written}' {seen}", f"'{entry.name}' {why}")
    signals = _signals(how, entry, title, damage="ocr" if how == "misread" else "")
    candidate = _Candidate((token,), entry_id, (written,), RECASE_CONFIDENCE, evidence, False, signals)
    return _with_signals(candidate, **{because: 1.0})


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
    # Somebody else's name spelled right, when the article names them in full, is theirs.
    # (Only in full: this very word, alone, may be all that noted them: "President Abba"
    # where the article names Mahmoud Abbas.)
    if not (index.surname(key) & article.in_full):
        for surname_key, entry_id in article.alike(key, index):
            if surname_key != key:
                score, why = similarity(key, surname_key)
                if score >= 0.8:
                    yield surname_key, entry_id, score, why
    if not (title or partner):
        found = _case_ending_on_the_best_known(key, index)
        if found:
            yield found, index.best_known(found), *similarity(key, found)
        return
    # (Everyone taken below is at least this well known: nobody less is compared.)
    for surname_key, score, why in index.close_surnames(key, owned_from=TITLED_PROMINENCE):
        if len(surname_key) < 4 or score < (0.8 if why in EXACT_DAMAGE else 0.85):
            continue
        for entry_id in index.surname(surname_key):
            entry = index.entries[entry_id]
            if entry_id in article.people or entry.prominence < namesake + PROMINENCE_MARGIN:
                continue
            # A guess at somebody the article never names: only a very well known person
            # unless the damage is plain in the letters.
            needed = TITLED_PROMINENCE if why in EXACT_DAMAGE else HEAD_PROMINENCE
            if title and entry.prominence >= needed and _fits_entry(title, entry):
                yield surname_key, entry_id, score, why
            elif partner and not title and entry.prominence >= PAIRED_PROMINENCE:
                yield surname_key, entry_id, score, why


def _case_ending_on_the_best_known(key: str, index: NameIndex) -> str:
    """The surname ``key`` is with a case ending of the source language left on, when news
    names its bearer by that surname alone, one of the best-known people ("Putinin was acting",
    "Ukraine succeeds and Putinnak fails"); '' when it is no such thing, or somebody's own name.
    (Other damage of a surname alone, with no title, pair or naming in the article to say who,
    is a guess; a case ending is plain in the letters.)"""
    if index.surname(key) or index.is_given_name(key) or _zipf(key) > 0:
        return ""  # somebody's name, or a word English writes ("Salamis", "Copán")
    for cut in range(1, 4):
        stem = key[:-cut]
        if len(stem) < 5:
            break  # ("Sama", "Copa": too short to tell)
        best = index.best_known(stem)
        if best and index.entries[best].prominence >= HEAD_PROMINENCE and inflected(key, stem):
            return stem
    return ""


def _lower_case(
    mention: Mention, index: NameIndex, article: _Article
) -> _Candidate | None:
    token = mention.tokens[0]
    key = token.key
    slot, where = _lower_case_slot(mention)
    if slot not in ("possessive", "speaker") and _zipf(key) >= FUNCTION_WORD_ZIPF:
        return None  # "President Trump and may": a word this common is the word
    # A word of the language ("court", "house") in lower case names a person of that surname
    # only where the article names them in full: "Court en Banc" names no Richard Court.
    naming = article.in_full if _zipf(key) >= ENGLISH_WORD_ZIPF else article.people
    owners = [e for e in index.surname(key) if e in naming]
    if len(owners) == 1:
        entry = index.entries[owners[0]]
        written = index.written_surname(entry.id, key)
        evidence = (
            f"'{token.text}' written in lower case",
            _named_elsewhere(entry, article),
            where,
        )
        signals = _signals(
            "lower_named", entry, possessive=token.possessive, word=_zipf(key) / 8,
            determiner=mention.word_before in DETERMINERS, in_article=True, surname_score=1.0,
        )
        named = _Candidate((token,), entry.id, (written,), 0.9, evidence, False, signals)
        return _with_signals(named, **{f"slot:{slot}": 1.0})
    if slot == "title":
        # "met President trump": a post the title names, held by one well-known bearer.
        titled = [
            e for e in index.surname(key)
            if index.entries[e].prominence >= TITLED_PROMINENCE and _fits_entry((mention.word_before,), index.entries[e])
        ]
        if len(titled) == 1:
            entry = index.entries[titled[0]]
            evidence = (f"'{token.text}' written in lower case", where, f"title '{mention.word_before.title()}' fits {entry.role}")
            signals = _signals(
                "lower_titled", entry, (mention.word_before,), word=_zipf(key) / 8, surname_score=1.0,
                determiner=mention.word_before in DETERMINERS,
            )
            titled_fix = _Candidate((token,), entry.id, (index.written_surname(entry.id, key),), 0.85, evidence, False, signals)
            return _with_signals(titled_fix, **{f"slot:{slot}": 1.0})
    if slot not in ("possessive", "speaker"):
        return None  # beside a name or after a title, only the article's people are read
    if index.surname(key):
        return None  # somebody's name, but nobody the article names
    # "captured by puttin's forces": close to the name of somebody the article names; a
    # word written in lower case is never more than a suggestion.
    close = [
        (score, why, surname_key, entry_id)
        for surname_key, entry_id in article.alike(key, index)
        for score, why in [similarity(key, surname_key)]
        if score >= 0.8
    ]
    if close:
        scored = []
        for score, why, surname_key, entry_id in close:
            entry = index.entries[entry_id]
            written = _repaired_surname(index, entry_id, surname_key, key)
            reasons = (
                f"'{token.text}' written in lower case",
                f"'{token.text}' {describe(why, written)}",
                _named_elsewhere(entry, article),
                where,
            )
            signals = _signals(
                "lower_close", entry, damage=why, surname_score=score, determiner=mention.word_before in DETERMINERS
            )
            confidence = min(score, LOWER_CASE_CEILING)
            scored.append(
                _Candidate((token,), entry_id, (written,), confidence, reasons, False, signals, LOWER_CASE_CEILING)
            )
        return _pick(scored, index)
    if token.possessive or _is_common_word(key):
        return None
    # "The strayers said": a word heard instead of a name. Only a speaker slot, a close
    # sound and the person's post named in the article make it worth a suggestion; the
    # people whose posts the article names are few, so each is compared.
    scored = []
    queries = {key, key[:-1]} if key.endswith("s") else {key}
    for entry_id in article.post_holders(index):
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
            signals = _signals(
                "lower_heard", entry, damage=why, surname_score=score, determiner=mention.word_before in DETERMINERS
            )
            scored.append(
                _Candidate((token,), entry_id, (surname,), confidence, evidence, False, signals, LOWER_CASE_CEILING)
            )
    return _pick(scored, index)


def _lower_case_slot(mention: Mention) -> tuple[str, str]:
    """Why a lower-case word stands where a name does, as a signal name and in words."""
    if mention.tokens[0].possessive:
        return "possessive", "followed by a possessive"
    if mention.word_after in SPEECH_VERBS:
        return "speaker", f"followed by '{mention.word_after}'"
    if mention.hyphen_neighbours:
        return "pair", f"paired with '{mention.hyphen_neighbours[0]}'"
    if mention.word_before in TITLES:
        return "title", f"after '{mention.word_before}'"
    return "beside", "beside a name across 'and'"


def _pick(scored: list[_Candidate], index: NameIndex) -> _Candidate | None:
    """The best candidate; when another person scores as well, the better-known one, or nobody."""
    if not scored:
        return None

    def prominence(candidate: _Candidate) -> float:
        return index.entries[candidate.entry_id].prominence

    # (The id last: candidates come from sets, whose order changes from one process to the
    # next, and equal ones must give the same answer in every worker.)
    scored.sort(key=lambda c: (c.confidence, prominence(c), c.entry_id), reverse=True)
    best = scored[0]
    rival = next((c for c in scored[1:] if c.entry_id != best.entry_id), None)
    if rival is None or best.exact:
        return best
    best = _with_signals(best, rival_gap=best.confidence - rival.confidence)
    if rival.confidence < best.confidence - 0.05 - 1e-9:
        return best
    if prominence(best) >= prominence(rival) + PROMINENCE_MARGIN:
        # "Tusk" in a news story is the prime minister, not a regional councillor.
        return best
    best_now, rival_now = _holds_post(index.entries[best.entry_id]), _holds_post(index.entries[rival.entry_id])
    if best_now != rival_now and rival.replacement_words == best.replacement_words:
        # "President Santoss" is the president in office, whichever Santos the gazetteer has.
        # Only who is named: where the two are spelled differently ("Harry Reyd": Reid, who
        # led the Senate, or Harry Read, in office now), being in office says nothing of the
        # text, which may be an archive's, so the editor decides.
        chosen, other = (best, rival) if best_now else (rival, best)
        evidence = (*chosen.evidence, f"in office, unlike {index.entries[other.entry_id].name}")
        return _with_signals(replace(chosen, evidence=evidence), in_office_tiebreak=1.0)
    if rival.replacement_words == best.replacement_words:
        # Same spelling either way: the fix is right, only who it names is unsure.
        return best
    # Two repairs alike, spelled differently: which is right is a question for the editor.
    evidence = (*best.evidence, f"could also be {' '.join(rival.replacement_words)}")
    contested = replace(best, confidence=best.confidence - 0.2, evidence=evidence, ceiling=CONTESTED_CEILING)
    return _with_signals(contested, contested=1.0)


def _holds_post(entry: Entry) -> bool:
    """Whether the entry's main post has no end date: held now, as far as the data knows. An
    entry with a post and no dated roles (the curated file, a newsroom's overlay) states its
    post as it is now, unless the post says "Former"."""
    if not entry.roles:
        return bool(entry.role) and not entry.role.lower().startswith("former")
    return not entry.roles[0].end


def _signals(
    path: str, entry: Entry, title: tuple[str, ...] = (), *, damage: str = "", **values: float
) -> tuple[tuple[str, float], ...]:
    """The evidence for one candidate as the scorer reads it: which path found it, the
    person's standing, the title before it, the kind of damage, and ``values`` (0 left out)."""
    found = {
        f"path:{path}": 1.0,
        "prominence": entry.prominence,
        "in_office": float(_holds_post(entry)),
        "title": float(bool(title)),
        "title_fits": float(bool(title) and _fits_entry(title, entry)),
    }
    if damage:
        found[f"damage:{damage}"] = 1.0
    found.update((name, float(value)) for name, value in values.items())
    return tuple(sorted((name, value) for name, value in found.items() if value))


def _with_signals(candidate: _Candidate, **values: float) -> _Candidate:
    """The candidate with these signals set (0 takes one away)."""
    merged = {**dict(candidate.signals), **values}
    return _replaced(candidate, signals=tuple(sorted((k, v) for k, v in merged.items() if v)))


def _decision(text: str, candidate: _Candidate, scorer: NameScorer) -> list[Decision]:
    tokens = candidate.tokens
    start, end = tokens[0].start, tokens[-1].end
    # A name written with a capital keeps it where the gazetteer has a word in lower case that
    # is no particle: some of its labels are typed so ("Fuad Obaid Saeed waked").
    words = [
        word[:1].upper() + word[1:] if token.text[:1].isupper() and word[:1].islower() and word not in PARTICLES else word
        for token, word in zip(tokens, candidate.replacement_words)
    ]
    glued = _glued_word(tokens[-1], candidate.replacement_words, text)
    if glued and len(candidate.replacement_words) == len(tokens):
        # "Feijóowith": the name as written before the glued word, its accents kept, where it
        # is the name put right but for them.
        as_written = tokens[-1].text[: len(tokens[-1].text) - len(glued) + 1]
        if fold(as_written) == fold(words[-1]):
            words[-1] = as_written
    parts = [words[0]]
    for previous, token, word in zip(tokens, tokens[1:], words[1:]):
        parts.append(text[previous.end : token.start])
        parts.append(word)
    # A surname written as several words ("von der Leyen") may add words: join with spaces.
    extra = candidate.replacement_words[len(tokens) :]
    replacement = "".join(parts) + "".join(" " + w for w in extra) + glued
    evidence = (*candidate.evidence, f"'{glued.strip()}' glued on is kept as a word") if glued else candidate.evidence
    if candidate.exact or replacement == text[start:end] or _written_on(text, start, replacement):
        return []
    signals = (*candidate.signals, ("rule", candidate.confidence))
    confidence = scorer.confidence(dict(signals))
    if any(name in RULE_DECIDED_PATHS for name, _value in candidate.signals):
        confidence = max(confidence, candidate.confidence)
    confidence = min(confidence, candidate.ceiling)
    return [
        Decision(
            start,
            end,
            text[start:end],
            replacement,
            candidate.entry_id,
            round(confidence, 3),
            evidence,
            signals,
        )
    ]


def _unglued(key: str, index: NameIndex) -> str:
    """A surname with an English word glued on ("barcenatoday"), without the word; '' when
    ``key`` is no such thing."""
    for size in (3, 4, 5):
        stem = key[:-size]
        if len(stem) >= 4 and key[-size:] in GLUED_WORDS and index.surname(stem):
            return stem
    return ""


def _glued_word(token: Token, replacement_words: tuple[str, ...], text: str) -> str:
    """The English word machine translation glued onto a name ("Sichesand" for "Siches and"),
    with its space, so that putting the name right keeps it; '' when there is none. A short
    word that is also a case ending ("in") counts as glued only before an article or a
    possessive ("Dendiasin an interview"), where no noun follows as a case ending's would."""
    surname = fold(replacement_words[-1]) if replacement_words else ""
    if not surname or not token.key.startswith(surname):
        return ""
    rest = token.text[len(token.text) - (len(token.key) - len(surname)) :]
    if rest.lower() in GLUED_WORDS:
        return " " + rest
    if rest.lower() in _GLUED_PREPOSITIONS and _DETERMINER_NEXT.match(text, token.end + (2 if token.possessive else 0)):
        return " " + rest
    return ""


# Prepositions machine translation glues onto a name that are case endings too ("Putinin").
_GLUED_PREPOSITIONS = frozenset("in on at".split())
_DETERMINER_NEXT = re.compile(
    r"[ \t]+(?:a|an|the|his|her|its|their|this|that|these|those)\b"
    # (Not a time after "this": "Mahmoud Abbasin this afternoon" is a case ending, no "in".)
    r"(?![ \t]+(?:morning|afternoon|evening|week|weekend|month|year|time)\b)"
)


def _written_on(text: str, start: int, replacement: str) -> bool:
    """Whether the text already reads ``replacement`` from ``start``, to a word's end: "Nana
    Akufo" of "Nana Akufo-Addo" is no damaged Akufo-Addo, only the first half of his name."""
    end = start + len(replacement)
    return text.startswith(replacement, start) and not text[end : end + 1].isalnum()


def _repaired_surname(index: NameIndex, entry_id: str, key: str, damaged: str) -> str:
    """How a ``damaged`` surname matched to ``key`` is put right: as the gazetteer writes the
    person's surname, even when the damage is closest to one of its other accepted spellings
    ("Selenskyy" becomes Zelenskyy, not Zelenskyi); one of those written as it is (Kocharian
    stays); a surname of several words as matched ("Lula da Silva")."""
    written = index.written_surname(entry_id, key)
    entry = index.entries[entry_id]
    if damaged == key:
        return written
    if (
        written in entry.surname_variants and " " not in written and " " not in entry.surname
        # (Not one that differs by its particle alone: "al-Sudari" is put right as al-Sudani.)
        and rendering_key(key) != rendering_key(fold(entry.surname))
    ):
        return entry.surname
    folded = fold(written)
    article = damaged[:3]
    if article in _HYPHENATED_ARTICLES and folded[:3] in _HYPHENATED_ARTICLES and folded[:3] != article:
        # "Abdul Fattah al-Sis" is put right as al-Sisi, not el-Sisi: the article as the text
        # writes it, where the person's own spellings have it so, is another right rendering.
        as_written = next((s for s in entry.surnames if fold(s) == article + folded[3:]), "")
        if as_written:
            return as_written
    return written



def _surname_evidence(tokens: Iterable[Token], kind: str, written: str) -> str:
    return f"'{' '.join(t.text for t in tokens)}' {describe(kind, written)}"


def describe(kind: str, written: str) -> str:
    """A kind of difference (gazetteer.index.similarity) in an editor's words."""
    return {
        "exact": f"matches '{written}'",
        "added": f"is '{written}' with an ending added",
        "inflected": f"is '{written}' with another language's case ending",
        "cut": f"is '{written}' cut short",
        "one": f"is one letter from '{written}'",
        "two": f"is two letters from '{written}'",
        "ocr": f"is '{written}' misread by a scanner",
        "sound": f"sounds the same as '{written}'",
        "sound-like": f"sounds like '{written}'",
        "respelled": f"is '{written}' as another language spells its sounds",
        "spacing": f"is '{written}' joined otherwise",
        "glued": f"is '{written}' with a word glued on",
    }.get(kind, f"is spelled like '{written}'")


_BYLINE = re.compile(r"(?i)\b(?:report(?:ing|ed)?|writ(?:ten|ing)|edit(?:ed|ing)|contribut(?:ed|ing)|compiled)\s+by\b")


# How far before a name a credit's "reporting by" is looked for: a credit line names a few
# people; reading a whole line for every name in it made a long line cost its square.
_BYLINE_REACH = 400


def _in_byline(text: str, position: int) -> bool:
    """Whether ``position`` is in a byline or credit line: "Additional reporting by ..."."""
    start = max(text.rfind("\n", 0, position) + 1, position - _BYLINE_REACH)
    start = max(start, text.rfind(". ", start, position) + 1)
    return text.find(" by ", start, position) >= 0 and _BYLINE.search(text, start, position) is not None


def _inside_quote(text: str, position: int) -> bool:
    """Whether ``position`` is inside a quotation opened earlier in its paragraph."""
    marks = _quote_marks(text)
    breaks = bisect.bisect_left(marks["\n"], position)  # line breaks before the position
    line_start = marks["\n"][breaks - 1] + 1 if breaks else 0

    def count(mark: str) -> int:
        found = marks[mark]
        return bisect.bisect_left(found, position) - bisect.bisect_left(found, line_start)

    opened = count("\u201c") + count("\u00ab") - count("\u201d") - count("\u00bb")
    return opened > 0 or count('"') % 2 == 1


@lru_cache(maxsize=2)
def _quote_marks(text: str) -> dict[str, list[int]]:
    """Where each quotation mark and line break is in ``text``, found once per text: counting
    them in the paragraph for every name made a long paragraph cost its square."""
    marks: dict[str, list[int]] = {mark: [] for mark in ('"', "\u201c", "\u201d", "\u00ab", "\u00bb", "\n")}
    for match in _QUOTE_MARKS.finditer(text):
        marks[match.group()].append(match.start())
    return marks


_QUOTE_MARKS = re.compile('["\u201c\u201d\u00ab\u00bb\n]')


def _title_before(mention: Mention, position: int) -> tuple[str, ...]:
    """The title words just before token ``position`` ("Prime Minister"), in order."""
    tokens = mention.tokens
    first = position
    while first > 0 and tokens[first - 1].key in TITLES:
        first -= 1
    # (Most words have no title before them: no list is made for those.)
    titles = tuple([t.key for t in tokens[first:position]]) if first < position else ()
    if first == 0 and mention.word_before in TITLES:
        return (mention.word_before, *titles)
    if first == 0 and titles and mention.title_before_of:
        return (mention.title_before_of, "of", *titles)
    if titles and all(t in POST_QUALIFIERS for t in titles):
        return ()  # "State Duma", "Foreign Office": what a post is of, with no post
    return titles


# Words of titles that say what a post is of, and are no title alone.
POST_QUALIFIERS = frozenset({"state", "foreign", "defence", "defense", "finance"})


# Titles are few and posts repeat (every holder of a post is asked about with the title before
# a name): the answers are kept (at most some 2 MB), where folding and splitting the post
# each time was 1.5% of an article.
@lru_cache(maxsize=16384)
def _fits(title: tuple[str, ...], role: str) -> bool:
    """Whether a title names the post: every word of "Foreign Minister" is in "Minister of
    Foreign Affairs"; "Prime Minister" does not fit "Minister of Finance"."""
    words = [
        _british(w) for t in title for w in ABBREVIATED_TITLES.get(t, (t,)) if w not in HONORIFICS and w != "of"
    ]
    if not words:
        return False
    role_words = {_british(w) for w in fold(role).replace("-", " ").split()}
    # "President" is not the title of a Vice-President, nor "Minister" of a Deputy Minister.
    if any(w in role_words and w not in words for w in LESSER_POSTS):
        return False
    return all(w in role_words for w in words)


def _british(word: str) -> str:
    """One spelling of the words posts are spelled two ways in: defence, adviser."""
    return {"defense": "defence", "advisor": "adviser"}.get(word, word)


def _fits_entry(title: tuple[str, ...], entry: Entry) -> bool:
    """Whether a title names the person's post, or one they have held ("National Security
    Adviser Bolton", though his main post in the data is another)."""
    return _fits(title, entry.role) or any(_fits(title, role.title) for role in entry.roles[1:])


def _title_bonus(confidence: float, title: tuple[str, ...], entry: Entry) -> tuple[float, list[str]]:
    if not title:
        return confidence, []
    written = _title_as_written(title)
    # The main post first; an earlier one the title names does as well ("Foreign Secretary Raab").
    post = next((p for p in (entry.role, *(r.title for r in entry.roles[1:])) if _fits(title, p)), "")
    if post:
        return confidence + 0.1, [f"title '{written}' fits {post}"]
    return confidence + 0.03, [f"after the title '{written}'"]


def _title_as_written(title: tuple[str, ...]) -> str:
    """A title for an editor to read: "Foreign Minister", "VP", "SRSG"."""
    return " ".join(
        word.upper() if word in ABBREVIATED_TITLES else word if word == "of" else word.title() for word in title
    )


def _compound_after(token: Token, index: NameIndex, article: _Article) -> bool:
    """Whether a name's last word goes on across a hyphen into a capitalised word like nobody
    the article names: the first half of a compound surname."""
    match = _HYPHENED_WORD.match(article.text, token.end)
    return match is not None and not _like_named_in_full(match.group(1), index, article)


def _like_named_in_full(word: str, index: NameIndex, article: _Article) -> bool:
    """Whether a word is like the surname of somebody the article names in full: the other
    half of a pair ("Carneys-Sheinbom"), not of a compound. (Anybody it names would not do:
    the half itself, read alone, may be all that named an "Aguirre".)"""
    return any(entry_id in article.in_full for _surname, entry_id in article.alike(fold(word), index))


_HYPHENED_WORD = re.compile(r"-([A-Z][a-z][\w'’]*)")

# A nickname in quotation marks between a first name and a surname: Joko “Jokowi” Widodo.
_NICKNAME_AFTER = re.compile(r"""\s+["“‘'][A-Z][\w.'’-]*["”’']\s+[A-Z]""")


def _in_compound_name(mention: Mention, index: NameIndex, article: _Article) -> bool:
    """Whether the run's last word is one half of a name joined by a hyphen ("Afari-Gyan"):
    the other half is a capitalised word like nobody the article names in full (a pair of two
    named people, "Carneys-Sheinbom", is no compound)."""
    if not mention.hyphen_neighbours:
        return False  # no hyphen beside the run (most runs): nothing joined to it
    token, text = mention.tokens[-1], article.text
    joined = []
    if text[token.end : token.end + 1] == "-":
        joined.append(mention.hyphen_neighbours[-1])
    if len(mention.tokens) == 1 and text[token.start - 1 : token.start] == "-":
        joined.append(mention.hyphen_neighbours[0])
    return any(
        len(word) >= 2 and word[:1].isupper() and word[1:2].islower() and not _like_named_in_full(word, index, article)
        for word in joined
    )


def _known_partner(mention: Mention, index: NameIndex, text: str) -> str:
    """A well-known person's surname across a hyphen ("Putin-Trumpet"); not a letter
    ("U.S.-Greek") nor a word that is some obscure person's name too ("Non-NATO"), nor the
    second half of a first name that a surname follows ("Alan-Paul Aché")."""
    if not mention.hyphen_neighbours:
        return ""  # no hyphen beside the run (most runs): no partner, and no pattern to try
    if _COMPOUND_FIRST_NAME.match(text, mention.end):
        return ""
    before = _FIRST_NAME_AND_HALF.search(text, max(0, mention.start - _NAME_AND_HALF_SPAN), mention.start)
    first = fold(before.group(1)) if before else ""
    if first and index.is_given_name(first) and first not in TITLES and _zipf(first) < FUNCTION_WORD_ZIPF:
        return ""  # "Henrique Veiga-Fernandes": a first name, then a surname in two halves
    for word in mention.hyphen_neighbours:
        if len(word) >= 3 and word[:1].isupper() and _zipf(fold(word)) < FUNCTION_WORD_ZIPF:
            # (A function word is nobody's partner, whoever the data says bears it: "KAMPALA- The
            # President", a dateline.)
            owners = index.surname(fold(word))
            if any(index.entries[e].prominence >= PAIRED_PROMINENCE for e in owners):
                return word
    return ""


# "-Paul Aché" after "Alan": a hyphenated first name, then the surname.
_COMPOUND_FIRST_NAME = re.compile(r"-[A-Z][\w'’]*[ \t]+[A-Z]")
# "Henrique Veiga-" just before a run: a word, then the first half of a hyphenated word
# (looked for only in the few dozen characters before the run, not from the text's start).
_FIRST_NAME_AND_HALF = re.compile(r"\b([A-Z][\w'’]*)[ \t]+[A-Z][\w'’]*-$")
_NAME_AND_HALF_SPAN = 80


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
    # Words of plain letters are their own tokens, so wordfreq's figure is its sum over them,
    # reckoned here as wordfreq 3.1 does (tests/test_names.py compares the two): tokenizing a
    # word of the list or a name of several words took twenty microseconds each, a twentieth
    # of an unseen article's time.
    words = key.split(" ")
    if key.isascii() and key.islower() and all(word.isalpha() for word in words):
        return _zipf_of_words(words)
    return float(zipf_frequency(key, "en"))


def _zipf_of_words(words: list[str]) -> float:
    """wordfreq's ``zipf_frequency`` of words of plain letters joined by spaces: 0 if one is in
    no list, else their frequencies combined (1/f = 1/f1 + 1/f2 ...), rounded to three
    figures, on the Zipf scale to two decimals."""
    frequencies = get_frequency_dict("en", "best")
    one_over = 0.0
    for word in words:
        if word not in frequencies:
            return 0.0
        one_over += 1.0 / frequencies[word]
    unrounded = max(1.0 / one_over, _LEAST_FREQUENCY)
    rounded = round(unrounded, math.floor(-math.log(unrounded, 10)) + 3)
    return round(math.log(rounded, 10) + 9, 2)


# What wordfreq gives a word in no list (zipf_frequency's minimum, 0 on the Zipf scale).
_LEAST_FREQUENCY = 1e-9


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


# Countries whose names, from Sanskrit, are written with or without a final "a" (Sadananda,
# Sadanand), as Hindi and Nepali speak them.
SCHWA_DROPPING_COUNTRIES = frozenset({"India", "Nepal"})


def is_valid_variant(
    written: str, gazetteer_key: str, entry: Entry, variants: NameVariants, *, given: bool = False
) -> bool:
    """Another right rendering of the person's name, never damage: the same name with other
    hyphens, spaces or particles ("Yoon Suk Yeol" for "Suk-yeol", "Lula Silva", "al-Sisi" for
    "el-Sisi"), or, for a name transliterated from another script, another transliteration
    (Gallant/Galant, Zelenskiy, Rajapakse, Mohamed/Mohammed, as rigour's table of spellings has
    them). A Latin-script name has one right spelling: "Emanuel" is damage for Emmanuel Macron;
    but a ``given`` name of Arabic origin is romanised many ways wherever it is borne
    (Mohammadu and Muhammadu Buhari)."""
    if written == gazetteer_key:
        return False
    if rendering_key(written) == rendering_key(gazetteer_key):
        return True
    last, gazetteer_last = written.rsplit(" ", 1)[-1], gazetteer_key.rsplit(" ", 1)[-1]
    if not given and _zipf(last) >= WORD_NOT_RENDERING_ZIPF and _zipf(last) - _zipf(gazetteer_last) >= 0.5:
        # "bin Salmon": an English word put for a surname, no romanisation of it. (A first
        # name has its English form, as common as words are: "George" for Giorgos.)
        return False
    if not given and any(fold(alias).rsplit(" ", 1)[-1] == written for alias in entry.aliases):
        return True  # the surname as one of the person's aliases ends: Mohamed Hamdan Daglo
    if given and entry.country in EAST_SLAVIC_COUNTRIES and same_east_slavic_name(written, gazetteer_key):
        return True  # a Ukrainian's first name in its Russian form: Vladimir Zelensky
    if (
        given and entry.country in SCHWA_DROPPING_COUNTRIES and len(written) >= 5 and written + "a" == gazetteer_key
        and not (written[-1] in "rylvw" and written[-2] not in "aeiou")
    ):
        # Hindi and Nepali leave a final "a" unsaid, and often unwritten: Sadanand Gowda (not
        # after a consonant and r, y, l or v, where it is said: "Narendr" is Narendra cut short).
        return True
    if _SOUNDS_SPELLED_OUT.search(written) and written in _english_spellings(entry.full_names):
        return True  # the letters English spells out: Yaşar Güler's "Yashar", Tomáš's "Tomash"
    if {written[:1], gazetteer_key[:1]} <= {"i", "y"} and written[1:2] in ("a", "e", "o", "u") and written[1:] == gazetteer_key[1:]:
        return True  # "Yala" and "Ialá", "Yanukovych" and "Ianukovych": English's Y, another's I, before a vowel
    if "dj" in written and written in _dj_renderings(entry):
        return True  # Serbo-Croatian's Đ, which English writes Dj: Djukanović, Djindjic
    if written.removesuffix("h") == gazetteer_key.removesuffix("h") and len(written) >= 5 and (
        entry.country in TRANSLITERATED or entry.country == "unknown"
    ):
        return True  # a final "h" is written or not in a transliteration: Viphavanh, Abdallah, Fatimah
    if entry.country not in TRANSLITERATED:
        # A surname that is a first name, as many are there (Mahathir Mohamad, Hassan Sheikh
        # Mohamud), is romanised as freely as one; so is any name written as a name.
        named = given or (
            entry.country not in ROMANISED_FIRST_NAMES_ONLY and variants.is_name(written) and variants.is_name(gazetteer_key)
        )
        if not named or entry.country not in ROMANISED_GIVEN_NAMES:
            return False
        return vowel_frame(written) == vowel_frame(gazetteer_key) or _same_name(written, gazetteer_key, variants)
    if len(written) >= 5 and written[-1] not in "aeiouyhj" and written == gazetteer_key + gazetteer_key[-1]:
        return False  # a final consonant doubled ("Putinn") is a slip of the keys in any script
    if transliteration_skeleton(written) == transliteration_skeleton(gazetteer_key) and _syllables(written) == _syllables(
        gazetteer_key
    ):
        return True  # Zelensky, Zelenskyy, Zelenskiy (but not "Zelensk" cut, nor "Putinin" inflected)
    if len(written) >= 4 and vowel_frame(written) == vowel_frame(gazetteer_key):
        return True  # the vowels of a transliteration vary: Rajapakse, Sheik
    return _same_name(written, gazetteer_key, variants)


# Whether a spelling is another right rendering of a person's name depends only on the two
# spellings and the person: news repeats its names, and the answers are kept, per index like
# the readings of windows (a reloaded gazetteer starts afresh). Re-testing the same few for
# every warm article was a fiftieth of its time.
_VariantKey = tuple[str, str, str, bool]
_VALID_VARIANTS: weakref.WeakKeyDictionary[NameIndex, dict[_VariantKey, bool]] = weakref.WeakKeyDictionary()
_VALID_VARIANTS_KEPT = 16384


def _valid_variant(written: str, gazetteer_key: str, entry_id: str, index: NameIndex, *, given: bool = False) -> bool:
    """``is_valid_variant`` for the index's entry ``entry_id`` and its name table, kept."""
    answers = _VALID_VARIANTS.get(index)
    if answers is None:
        answers = _VALID_VARIANTS[index] = {}
    key = (written, gazetteer_key, entry_id, given)
    try:
        # One look-up, not "in" then "[]": a thread of a threaded worker may empty it between.
        return answers[key]
    except KeyError:
        answer = is_valid_variant(written, gazetteer_key, index.entries[entry_id], index.variants, given=given)
        if len(answers) >= _VALID_VARIANTS_KEPT:
            answers.clear()
        answers[key] = answer
        return answer


# Letters with a mark that English writes as two ("ş" as "sh"), and what shows a word may be so written.
_SPELLED_OUT = str.maketrans({"ş": "sh", "ș": "sh", "š": "sh", "ç": "ch", "č": "ch", "ć": "ch", "ž": "zh", "ț": "ts", "ğ": ""})
_SOUNDS_SPELLED_OUT = re.compile("sh|ch|zh|ts")


@lru_cache(maxsize=4096)
def _words_of(full_names: tuple[str, ...]) -> frozenset[str]:
    """The words of a person's names, folded."""
    return frozenset(fold(word) for name in full_names for word in name.split())


@lru_cache(maxsize=4096)
def _english_spellings(full_names: tuple[str, ...]) -> frozenset[str]:
    """The words of a person's names (``full_names``), folded, with the letters English spells
    out as two written so ("yashar" of Yaşar Güler); only the words that change."""
    found = set()
    for name in full_names:
        for word in name.lower().split():
            spelled = word.translate(_SPELLED_OUT)
            if spelled != word:
                found.add(fold(spelled))
    return frozenset(found)


def _vowel_respelled(written: str, gazetteer_key: str) -> bool:
    """Whether two folded surnames differ only in one vowel for another, not the last letter."""
    if len(written) != len(gazetteer_key) or written == gazetteer_key:
        return False
    differ = [i for i, (a, b) in enumerate(zip(written, gazetteer_key)) if a != b]
    at = differ[0]
    return len(differ) == 1 and at < len(written) - 1 and written[at] in "aeiou" and gazetteer_key[at] in "aeiou"


def _vowel_between(written: str, gazetteer_key: str) -> bool:
    """Whether a name is written with a vowel more between two consonants inside it than the
    gazetteer's ("Eliphas" for Elphas; not a vowel fewer, "Rmtane", as damage drops them)."""
    return len(written) == len(gazetteer_key) + 1 and any(
        written[at] in "aeiou" and written[at - 1] not in "aeiouy" and written[at + 1] not in "aeiouy"
        and written[:at] + written[at + 1 :] == gazetteer_key
        for at in range(1, len(written) - 1)
    )


@lru_cache(maxsize=1024)
def _dj_renderings(entry: Entry) -> frozenset[str]:
    """The person's names, each word folded as English writes a Serbo-Croatian Đ ("Dj"; the
    fold writes it "D", as Vietnamese names' Đ is written): none for most people."""
    names = {word for name in (*entry.full_names, *entry.surnames) for word in name.split()}
    return frozenset(fold(word.replace("Đ", "Dj").replace("đ", "dj")) for word in names if "đ" in word.lower())


def _syllables(key: str) -> int:
    """How many runs of vowels (y included) a folded name has."""
    return len(_VOWEL_RUNS.findall(key))


_VOWEL_RUNS = re.compile("[aeiouy]+")


def _same_name(written: str, gazetteer_key: str, variants: NameVariants) -> bool:
    """Whether rigour's table has both spellings for each word. It holds every Latin-script
    language's spellings; those of English text keep the first letter (Mohamed/Mohammed),
    where German's and Polish's may not: "Selenskyy" in English text is damage."""
    ours, theirs = _RENDERING_SPLIT.split(written), _RENDERING_SPLIT.split(gazetteer_key)
    return len(ours) == len(theirs) and all(
        a[:1] == b[:1] and variants.same_name(a, b) for a, b in zip(ours, theirs)
    )


_RENDERING_SPLIT = re.compile(r"[\s'-]+")


def rendering_key(key: str) -> str:
    """A folded name without what renderings differ in: spaces, hyphens, apostrophes and
    particles ("el-sisi", "al sisi" and "sisi" all give "sisi")."""
    if key.isalpha():
        # One word (as most are): nothing to split, itself unless it is a particle.
        return "" if key in PARTICLES else key
    return "".join(part for part in _RENDERING_SPLIT.split(key) if part not in PARTICLES)


def _posts_named(index: NameIndex, folded_text: str, text_words: list[str]) -> list[str]:
    """Current holders of the head posts the article names ("the Prime Minister of the UK").
    ``text_words``: the words of ``folded_text`` (``_Article.folded_words``)."""
    # (str's "in" for each post: one regular expression of them all took four times as long.)
    named = [post for post in HEAD_POSTS if post in folded_text]
    if not named:
        return []
    # A country is looked for in the text only when all its words are there: a search of the
    # text for each of two hundred presidents' countries took a millisecond. (Of the text's
    # words only countries' are kept: a set of them all cost more than the split.)
    words = index.post_country_words.intersection(text_words)
    return [
        entry_id
        for post in sorted(named)
        for country, country_words, ids in index.posts_by_country.get(post, ())
        if country_words <= words and (len(country_words) == 1 or country in folded_text)
        for entry_id in ids
    ]


# Folded text is ASCII: every byte but a small letter becomes a space, to split it into words.
_NOT_LETTERS = bytes(c if chr(c).isascii() and chr(c).isalpha() and chr(c).islower() else 32 for c in range(256))


def best_similarity_of(queries: Iterable[str], target: str) -> tuple[float, str]:
    """The closest of several readings of a word to ``target``."""
    return max((similarity(q, target) for q in queries), key=lambda found: found[0])


def _cased(written: str, mention: Mention, token: Token) -> str:
    """Keep capitals where the run's names are in capitals (a transcript label), else as
    written ("VP PNCE" is Pence: a title's letters are capitals anyway)."""
    names = [t for t in mention.tokens if t.key not in TITLES]
    if token.is_upper and (mention.capitals_around or (all(t.is_upper for t in names) and len(names) > 1)):
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

    # (As typed, hyphens kept, too: "Hsieh Shou-shing" is keyed so, where its tokens are three.)
    for key in dict.fromkeys((" ".join(t.key for t in tokens), " ".join(fold(query).split()))):
        for form in index.full_name(key):
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
