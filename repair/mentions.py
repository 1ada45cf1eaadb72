"""Stage 1: find the places in a text where a person may be named.

A mention is a run of capitalised words ("Finnish President Alexander Stubber"), or a single
lower-case word in a place only a person stands ("the trump's team", "the strayers said").
Nothing here knows the gazetteer: deciding who, if anyone, a mention names is names.py's job.

This runs on every word of every request, so the scanning is done by regular expressions
and Python only touches the few places they find.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import NamedTuple

from gazetteer.normalize import APOSTROPHES, fold, strip_possessive

# Lower-case parts of names that may stand inside a run: "Ursula von der Leyen".
PARTICLES = frozenset(
    "von van der den de da di del della dos das du la le bin ibn al el ben ter".split()
)
# Words that say "a person's name follows" when they stand just before it.
TITLES = frozenset(
    """president prime minister chancellor secretary senator governor ambassador envoy
    spokesman spokeswoman spokesperson king queen premier leader mr mrs ms dr sir dame
    lord sheikh emir prince princess crown general commissioner representative chair chairman
    chairwoman mayor vice deputy foreign defence defense finance state counterpart colleague
    director srsg srcc adviser advisor commodore admiral colonel captain lieutenant sergeant
    commander marshal brigadier gen col lt capt sgt adm judge justice bishop archbishop cardinal
    imam rabbi reverend rev pastor professor prof ayatollah sultan congressman congresswoman
    rep sen baroness baron lady elect designate speaker vp pm fm mister madam madame chief
    hon honourable honorable excellency attorney solicitor auditor inspector surgeon""".split()
)
# Verbs after which the word before is the speaker: "the trump said", "Stubb told".
SPEECH_VERBS = frozenset(
    "said says told added stated announced warned insisted argued noted wrote asked "
    "replied responded declared explained claimed".split()
)

# English function words: capitalised at the start of a sentence, never a name. (Words that
# are also names, such as "May", "Will", "Can" or "Per", are not here.)
_FUNCTION_WORDS = frozenset(
    spelling
    for word in """a an the and or but nor so yet if then than that this these those there here
    where when while which who whom whose what why how it its i we you he she they me us them my
    our your his her their in on at by for from of off to with into onto upon about above after
    before below between during under over through throughout since until within without among
    against across along around beyond despite toward towards via as is are was were be been
    being am does did has have had having shall should would could must might not no yes all
    any both each every either neither few many more most much other others some such only own
    same very also just even however therefore thus meanwhile moreover furthermore indeed
    instead otherwise although though because unless whether""".split()
    for spelling in (word.title(), word.upper())
)


def _upper_case_class() -> str:
    """A character class of every upper-case letter of the Basic Multilingual Plane (``re``
    has no \\p{Lu}; the planes above hold no capitals a name is written with)."""
    ranges: list[tuple[int, int]] = []
    for code in range(0x10000):
        if chr(code).isupper():
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))
    return "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges
    )


_LETTER = r"[^\W\d_]"
_NOT_LETTER = r"[\W\d_]"
# A word, with the apostrophes inside names (O'Brien) and possessives (Kellogg's) kept on it.
_WORD_PATTERN = rf"{_LETTER}+(?:[{APOSTROPHES}]{_LETTER}+)*"
_WORD = re.compile(_WORD_PATTERN)
_PARTICLE = "|".join(sorted(PARTICLES, key=len, reverse=True))
_UPPER = _upper_case_class()
_CAPITALISED = rf"[{_UPPER}]{_LETTER}*(?:[{APOSTROPHES}]{_LETTER}+)*"
# Capitalised words joined by single spaces, particles and initials allowed inside ("George W.
# Bush"); a possessive ends the run ("Kellogg's Team" is two). (The capital comes first and
# what may not stand before it is looked behind from there: a pattern that starts with a
# character class is looked for by a scan in C, one that starts with a look-behind tries it at
# every position of the text, twice as slow.)
_RUN = re.compile(
    rf"[{_UPPER}](?<!{_LETTER}[{_UPPER}])(?<!{_LETTER}[{APOSTROPHES}][{_UPPER}])"
    rf"{_LETTER}*(?:[{APOSTROPHES}]{_LETTER}+)*"
    rf"(?:(?<![{APOSTROPHES}][sS]) (?:(?:{_PARTICLE}) )*(?:[{_UPPER}]\.(?= [{_UPPER}])|{_CAPITALISED}))*"
)
# No name has a word this long (the gazetteer's longest is 27 letters, hyphens included): a
# longer word is no mention, and no cache keeps it.
MAX_NAME_WORD = 40
# Runs up to this long are read once and kept (_run_words); a longer one is not a name but
# many, read without keeping the whole run as a key.
_KEPT_RUN = 200
# Generational suffixes end a name but are never damaged: "Lloyd J. Austin III".
_NAME_SUFFIXES = frozenset("Jr Sr II III IV".split())
# A weekday beside a name is the date, not part of it: "met Mr. Annan Tuesday", "On Monday
# Kofi Annan said".
_WEEKDAYS = frozenset("Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())
# A possessive ending: the word before may stand for a person ("the trump's team").
# (The apostrophe comes first in the pattern: a leading look-behind would run at every
# position of the text.)
_POSSESSIVE = re.compile(rf"[{APOSTROPHES}](?<={_LETTER}[{APOSTROPHES}])[sS](?!{_LETTER})")
# Speech verbs are looked for in lower case, as they follow a lower-case word ("trump said"),
# with str.find: an alternation of them in one regular expression costs a third of this stage.
_SPEECH_VERB_SPELLINGS = tuple(sorted(SPEECH_VERBS))
# What ends a sentence, then spaces up to where the next one starts.
_SENTENCE_END = re.compile(r"(?:[.!?:;\n\u201c\"]|\A)[\s\u201c\"']*\Z")
# The same read backwards from a run's start in the reversed text, without the text's start:
# matched at one place, where the search above tries every one of the eight characters before.
_SENTENCE_END_BEFORE = re.compile(r"[\s\u201c\"']*[.!?:;\n\u201c\"]")
# How far before a run a sentence's end is looked for.
_SENTENCE_END_REACH = 8
# Titles a name follows in lower case as in capitals ("President trump", "Mr. brown"),
# capitalised as a title before a name is: "the prime minister may call elections" is no May.
# Looked for in one scan: a pattern that opens with capitals is tried only where one of them
# stands, where a str.find of each title read the whole text twenty-two times. "Prime
# Minister" is not in it: its "Minister" is found, and the word after is the same.
_NAME_TITLE = re.compile(r"(?:President|Minister|Secretary|Chancellor|Senator|Governor|Mrs|Mr|Ms|Dr)\.? ")
_LOWER_WORD = re.compile(rf"[a-z]{{3,}}(?:[{APOSTROPHES}][a-z]+)?(?!{_LETTER})")
_NEXT_WORD = re.compile(rf"{_NOT_LETTER}*({_WORD_PATTERN})")
# After a run: a transcript's speaker label ("POMPEO:", and as news channels write it, with the
# party and state or a post in capitals before the colon: "REP. EARL CARTER (R-GA):", "SEN.
# MITCH MCCONNELL (R-KY), MINORITY LEADER:"), if any, and the next word, in one match.
_LABEL_AND_NEXT_WORD = re.compile(
    rf"([ \t]*(?::|[\u2013\u2014]|-(?=\s)|(?:\([^()\n]{{1,40}}\))?(?:,[ \t]*[A-Z][A-Z .'-]{{0,60}})?[ \t]*:))?"
    rf"(?:{_NOT_LETTER}*({_WORD_PATTERN}))?"
)
# Before a run, read in the reversed text in one match (where two took a tenth of reading a
# mention): a sentence's end within _SENTENCE_END_REACH characters, as _SENTENCE_END_BEFORE
# finds it (group 1, looked ahead for), and the word before, as _NEXT_WORD (group 2).
_BEFORE_RUN = re.compile(
    rf"(?:(?=([\s\u201c\"']{{0,{_SENTENCE_END_REACH - 1}}}[.!?:;\n\u201c\"]))|)(?:{_NOT_LETTER}*({_WORD_PATTERN}))?"
)


# Builds a named tuple from its fields in C, without the Python call its constructor makes.
_new_tuple = tuple.__new__


class Token(NamedTuple):
    """One word of the text; ``text`` excludes a possessive ending, which ``end`` excludes too."""

    text: str
    start: int
    end: int
    possessive: bool
    key: str  # the folded form used for every lookup

    @property
    def is_capitalised(self) -> bool:
        """Starts with an upper-case letter."""
        return self.text[:1].isupper()

    @property
    def misread(self) -> bool:
        """Read with a scanner's capital I for l ("KabiIa"): its key has the l back."""
        return "I" in self.text and fold(self.text) != self.key

    @property
    def is_upper(self) -> bool:
        """All upper case, and long enough not to be an initial."""
        return len(self.text) > 1 and self.text.isupper()


class Mention(NamedTuple):
    """A run of tokens that may name someone, with the context names.py weighs."""

    tokens: tuple[Token, ...]
    word_before: str  # folded, possessive dropped; '' at the start of the text
    word_after: str  # the same, for the word after
    lower_case: bool
    hyphen_neighbours: tuple[str, ...] = ()
    continues: bool = False
    # Capitals are the style here, not damage: a line in capitals (a heading), or a
    # transcript's speaker label ("POMPEO:").
    capitals_around: bool = False
    # The run opens a sentence: its first word is capitalised for that, not for being a name.
    sentence_start: bool = False
    # How many of its first words are titles, and how many after its first word ("Later
    # President Trump": 0 and 1), counted once per run rather than once per word.
    lead_titles: int = 0
    titles_after_opener: int = 0
    # The title a run of titles continues across "of": "secretary" before "State Marco Rubio"
    # in "Secretary of State Marco Rubio". ('' where there is none.)
    title_before_of: str = ""

    @property
    def start(self) -> int:
        return self.tokens[0].start

    @property
    def end(self) -> int:
        return self.tokens[-1].end


def tokenize(text: str) -> list[Token]:
    """Every word of the text, with its possessive ending split off."""
    return [_token(m.group(), m.start()) for m in _WORD.finditer(text)]


def find_mentions(text: str) -> list[Mention]:
    """Capitalised runs and person-shaped lower-case words, in text order."""
    # The word before a place is the word after it in the reversed text.
    reversed_text = text[::-1]
    lines = _Lines(text)
    mentions = []
    for match in _RUN.finditer(text):
        run = match.group()
        # (Most runs are short: they are read without splitting them into pieces.)
        pieces = [(match.start(), run)] if len(run) <= MAX_NAME_WORD else _pieces(run, match.start())
        for at, run in pieces:
            shape = _run_words(run) if len(run) <= _KEPT_RUN else _run_words.__wrapped__(run)
            if shape:
                # (Made as tuples, not through Token's own constructor: a call in Python less
                # per word, on every word of every run.)
                tokens = tuple([
                    _new_tuple(Token, (stem, at + offset, at + offset + length, possessive, key))
                    for offset, stem, length, key, possessive in shape.words
                ])
                mentions.append(_mention(text, reversed_text, lines, tokens, lower_case=False, shape=shape))
    slots = [m.end() for m in _POSSESSIVE.finditer(text)] + _speech_verbs(text)
    seen = set()
    for slot in slots:
        start, end = _word_before(text, reversed_text, slot)
        stem = strip_possessive(text[start:end])
        if stem.islower() and 3 <= len(stem) <= MAX_NAME_WORD and stem not in PARTICLES and start not in seen:
            seen.add(start)
            token = _token(text[start:end], start)
            mentions.append(_mention(text, reversed_text, lines, (token,), lower_case=True))
    # A lower-case word where only a name stands: after a title ("President trump"), beside a
    # name across "and" or a hyphen ("Putin and trump", "the Putin-trump meeting").
    for start, word in _name_places(text, reversed_text):
        if start not in seen and strip_possessive(word) not in PARTICLES and len(word) <= MAX_NAME_WORD:
            seen.add(start)
            mentions.append(_mention(text, reversed_text, lines, (_token(word, start),), lower_case=True))
    mentions.sort(key=lambda m: m.tokens[0].start)
    return mentions


def _pieces(run: str, at: int) -> list[tuple[int, str]]:
    """The run, or the pieces of it between words too long to be names, with where each
    starts in the text."""
    if len(run) <= MAX_NAME_WORD or all(len(word) <= MAX_NAME_WORD for word in run.split(" ")):
        return [(at, run)]
    pieces = []
    offset = 0
    for word in run.split(" "):
        if len(word) > MAX_NAME_WORD:
            if offset:
                pieces.append((at, run[: offset - 1]))
            at, run, offset = at + offset + len(word) + 1, run[offset + len(word) + 1 :], 0
        else:
            offset += len(word) + 1
    if run:
        pieces.append((at, run))
    return pieces


class _Lines:
    """Where the text's lines start, and the first and last lower-case letter of each line,
    found once per line: a mention asks about its line without reading it again (a line of
    16,000 mentions in capitals was read 16,000 times)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.breaks = [m.start() for m in re.finditer("\n", text)]
        self._lower_case: dict[int, tuple[int, int]] = {}

    def has_lower_case_outside(self, start: int, end: int) -> bool:
        """Whether the line of ``text[start:end]`` has a lower-case letter outside that span:
        a run in capitals in a line without any is a heading ("PRIME MINISTER BORIS JOHNSON VISITS")."""
        line = bisect.bisect_left(self.breaks, start)
        found = self._lower_case.get(line)
        if found is None:
            first_char = self.breaks[line - 1] + 1 if line else 0
            stop = self.breaks[line] if line < len(self.breaks) else len(self.text)
            found = self._lower_case[line] = _first_and_last_lower_case(self.text, first_char, stop)
        first, last = found
        return first < start or last >= end


def _first_and_last_lower_case(text: str, start: int, stop: int) -> tuple[int, int]:
    """The first and last lower-case letters of ``text[start:stop]``; (stop, start - 1) if none."""
    first = next((i for i in range(start, stop) if text[i].islower()), stop)
    last = next((i for i in range(stop - 1, first - 1, -1) if text[i].islower()), start - 1)
    return first, last


class _RunShape(NamedTuple):
    """What a capitalised run's words are, whatever its place in the text."""

    words: tuple[tuple[int, str, int, str, bool], ...]  # (offset in the run, stem, its length, key, possessive)
    in_capitals: bool  # a word of it is all capitals
    lead_titles: int  # Mention's two counts of titles
    titles_after_opener: int


@lru_cache(maxsize=65536)
def _run_words(run: str) -> _RunShape | None:
    """The words of a capitalised run that may name someone; None when none may. Runs recur
    ("Prime Minister"): the answers are kept, with what a mention asks of its words."""
    words = run.split(" ")
    offset = 0
    # "The Prime Minister": a sentence's first word is capitalised but names nobody; nor does
    # a letter alone ("U" of "U.S.").
    while words and (
        words[0] in _FUNCTION_WORDS or words[0] in PARTICLES or words[0] in _WEEKDAYS or len(words) == 1 == len(words[0])
    ):
        offset += len(words.pop(0)) + 1
    while words and (words[-1] in _NAME_SUFFIXES or words[-1] in _WEEKDAYS):
        words.pop()
    if not words or len(words[0]) <= 2 and len(words) == 1 or _all_titles(words):
        return None  # "UK", "Prime Minister": no name here, only context for the next run
    found = []
    for word in words:
        stem, key = _stem_and_key(word.rstrip("."))  # an initial's full stop
        found.append((offset, stem, len(stem), key, len(stem) != len(word.rstrip("."))))
        offset += len(word) + 1
    keys = [key for _offset, _stem, _length, key, _possessive in found]
    return _RunShape(
        tuple(found),
        any(stem.isupper() for _offset, stem, _length, _key, _possessive in found),
        _titles_from(keys, 0),
        _titles_from(keys, 1),
    )


def _token(word: str, start: int) -> Token:
    stem, key = _stem_and_key(word)
    return Token(stem, start, start + len(stem), len(stem) != len(word), key)


@lru_cache(maxsize=65536)
def _stem_and_key(word: str) -> tuple[str, str]:
    stem = strip_possessive(word)
    # A capital I between small letters is a scanner's l ("KabiIa"), save after Mc and Mac.
    return stem, fold(_MISREAD_I.sub("l", stem) if "I" in stem else stem)


_MISREAD_I = re.compile(r"(?<=[a-z])(?<!c)I(?=[a-z])")


def _mention(
    text: str, reversed_text: str, lines: _Lines, run: tuple[Token, ...], *, lower_case: bool,
    shape: _RunShape | None = None,
) -> Mention:
    """The run in its place: the words around it and what they say. ``shape``: what its
    words are, kept per run (a lower-case word's is read here)."""
    if shape is None:
        keys = [t.key for t in run]
        shape = _RunShape((), any(t.text.isupper() for t in run), _titles_from(keys, 0), _titles_from(keys, 1))
    start = run[0].start
    last = run[-1]
    end = last.end + 2 if last.possessive else last.end  # with its possessive ending
    before_match = _BEFORE_RUN.match(reversed_text, len(text) - start)
    after_match = _LABEL_AND_NEXT_WORD.match(text, end)
    assert before_match is not None and after_match is not None  # all their parts are optional
    sentence_end, reversed_word = before_match.groups()
    # A word too long to be a name is no title or speech verb either, and is never kept.
    before, before_key = "", ""
    if reversed_word and len(reversed_word) <= MAX_NAME_WORD:
        before, before_key = _read_backwards(reversed_word)
        if len(before_key) == 1:
            # A title written with full stops ("V.P. Pence", "P.M. Modi") is the title.
            dotted = _DOTTED_TITLE.search(text, max(0, start - 12), start)
            if dotted:
                before_key = dotted.group(1).replace(".", "").lower()
        elif sentence_end and sentence_end[-1] in ".!?" and len(before_key) > 4:
            # The last word of the sentence before, no abbreviation ("Mr.", "Gen.", "Pres."):
            # nothing of this run's ("... Minister of State. TafL").
            before, before_key = "", ""
    title_before_of = ""
    if before_key == "of" and shape.lead_titles:
        # The post's head before "of" is part of its title: "Secretary of State" is not any
        # "Minister of State" whose post has "State" in it.
        head_start, head_end = _word_before(text, reversed_text, len(text) - before_match.end(2))
        head = text[head_start:head_end].lower()
        title_before_of = head if head in TITLES else ""
    label, after = after_match.groups("")
    after = after if len(after) <= MAX_NAME_WORD else ""
    # (A tuple made only beside a hyphen, as few runs are: no list for each.)
    neighbours: tuple[str, ...] = ()
    continues = False
    # "Putin-Trumpet": the runs on either side of a hyphen vouch for each other.
    # (Only a word joined to the hyphen: "COVID-19. Barroso" pairs COVID with no one.)
    if before and text[start - 1 : start] == "-" and text[start - 2 : start - 1].isalpha():
        neighbours = (strip_possessive(before),)
    if after and text[end : end + 1] == "-" and text[end + 1 : end + 2].isalpha():
        neighbours = (*neighbours, strip_possessive(after))
        # "Young-moo" goes on in lower case: one name; "Putin-Trump" pairs two.
        continues = not after[:1].isupper()
    # (A dash after a run in capitals is a kicker's where the run opens a line or a sentence
    # starts after it: "SARA DUTERTE – The Vice President said"; not "in BROWN – and".)
    capitals_around = bool(label) and (
        ":" in label or (shape.in_capitals and (after[:1].isupper() or _opens_line(text, start)))
    ) or (
        shape.in_capitals and not lines.has_lower_case_outside(start, end)
    )
    # A sentence's end before it, looked for backwards at one place; near the text's start,
    # where the text's start ends a sentence too, forwards.
    if start > _SENTENCE_END_REACH:
        sentence_start = sentence_end is not None
    else:
        sentence_start = start == 0 or _SENTENCE_END.search(text, 0, start) is not None
    # (Positional, in the fields' order, and made as a tuple without Mention's constructor:
    # this runs a hundred times an article.)
    return _new_tuple(Mention, (
        run,  # tokens
        before_key,  # word_before
        _stem_and_key(after)[1] if after else "",  # word_after
        lower_case,
        neighbours,  # hyphen_neighbours
        continues,
        capitals_around,
        sentence_start,
        shape.lead_titles,
        shape.titles_after_opener,
        title_before_of,
    ))


@lru_cache(maxsize=16384)
def _read_backwards(reversed_word: str) -> tuple[str, str]:
    """A word found in the reversed text: the word, and its key. Kept, as the words before
    names recur ("the", "said", "President": 2,400 different ones in the dev part's 1,000
    texts), and bounded more tightly than the caches of names."""
    word = reversed_word[::-1]
    return word, _stem_and_key(word)[1]


def _titles_from(keys: list[str], start: int) -> int:
    """How many words of the run (``keys``) from ``start`` on are titles before the first that
    is not."""
    count = 0
    for key in keys[start:]:
        if key not in TITLES:
            break
        count += 1
    return count


def _all_titles(words: list[str]) -> bool:
    for word in words:
        if word.lower() not in TITLES:
            return False
    return True


def _name_places(text: str, reversed_text: str) -> list[tuple[int, str]]:
    """Lower-case words where only a name stands: after a title, and beside a capitalised
    word across " and " or a hyphen. Found by looking for the titles, " and " and hyphens
    and reading the words around them (regular expressions that try every letter took a
    millisecond an article)."""
    found = []
    for title in _NAME_TITLE.finditer(text):
        at = title.start()
        if not text[at - 1 : at].isalpha():
            found.extend(_lower_word_at(text, title.end()))
    for joint in (" and ", "-"):
        at = text.find(joint)
        while at >= 0:
            if not (text[at - 1 : at].isalpha() and text[at + len(joint) : at + len(joint) + 1].isalpha()):
                at = text.find(joint, at + 1)  # words on both sides, or nothing to read here
                continue
            start, end = _word_before(text, reversed_text, at)
            after = at + len(joint)
            if end == at and start < end:
                before_word, after_word = text[start:end], text[after : after + 1]
                if before_word[:1].isupper() and after_word.islower():
                    found.extend(_lower_word_at(text, after))
                elif after_word.isupper():
                    found.extend(_lower_word_at(text, start))
            at = text.find(joint, at + 1)
    return found


def _lower_word_at(text: str, position: int) -> list[tuple[int, str]]:
    match = _LOWER_WORD.match(text, position)
    if match is None or text[position - 1 : position].isalpha():
        return []
    return [(position, match.group())]


def _speech_verbs(text: str) -> list[int]:
    """Where a speech verb starts: "trump said" makes "trump" a speaker."""
    found = []
    for verb in _SPEECH_VERB_SPELLINGS:
        at = text.find(verb)
        while at >= 0:
            end = at + len(verb)
            if not text[at - 1 : at].isalpha() and not text[end : end + 1].isalpha() and at > 0:
                found.append(at)
            at = text.find(verb, end)
    return found


def _opens_line(text: str, start: int) -> bool:
    """Whether only spaces stand between the line's start and ``start``."""
    return not text[text.rfind("\n", 0, start) + 1 : start].strip()


_DOTTED_TITLE = re.compile(r"(?<![\w.])((?:[A-Za-z]\.){2,3})\s+$")


def _word_before(text: str, reversed_text: str, position: int) -> tuple[int, int]:
    """The span of the word before ``position``; empty when there is none."""
    match = _NEXT_WORD.match(reversed_text, len(text) - position)
    if not match:
        return position, position
    return len(text) - match.end(1), len(text) - match.start(1)


def _word_end(text: str, token: Token) -> int:
    """Where the token's word ends in the text, its possessive ending included."""
    return token.end + 2 if token.possessive else token.end


def _key(word: str) -> str:
    return _stem_and_key(word)[1]
