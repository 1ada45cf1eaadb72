"""Stage 1: find the places in a text where a person may be named.

A mention is a run of capitalised words ("Finnish President Alexander Stubber"), or a single
lower-case word in a place only a person stands ("the trump's team", "the strayers said").
Nothing here knows the gazetteer: deciding who, if anyone, a mention names is names.py's job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gazetteer.normalize import APOSTROPHES, fold, strip_possessive

# A word, with the apostrophes inside names (O'Brien) and possessives (Kellogg's) kept on it.
_WORD = re.compile(rf"[^\W\d_]+(?:[{APOSTROPHES}][^\W\d_]+)*")
# Lower-case parts of names that may stand inside a run: "Ursula von der Leyen".
PARTICLES = frozenset(
    "von van der den de da di del della dos das du la le bin ibn al el ben ter".split()
)
# Verbs after which the word before is the speaker: "the trump said", "Stubb told".
SPEECH_VERBS = frozenset(
    "said says told added stated announced warned insisted argued noted wrote asked "
    "replied responded declared explained claimed".split()
)
_SENTENCE_END = re.compile(r"[.!?:\u201c\u201d\"\n]\s*$")


@dataclass(frozen=True)
class Token:
    """One word of the text; ``text`` excludes a possessive ending, which ``end`` excludes too."""

    text: str
    start: int
    end: int
    possessive: bool

    @property
    def key(self) -> str:
        """The folded form used for every lookup."""
        return fold(self.text)

    @property
    def is_capitalised(self) -> bool:
        """Starts with an upper-case letter."""
        return self.text[:1].isupper()

    @property
    def is_upper(self) -> bool:
        """All upper case, and long enough not to be an initial."""
        return len(self.text) > 1 and self.text.isupper()


@dataclass(frozen=True)
class Mention:
    """A run of tokens that may name someone, with the context names.py weighs."""

    tokens: tuple[Token, ...]
    words_before: tuple[str, ...]
    word_after: str
    sentence_start: bool
    lower_case: bool
    hyphen_neighbours: tuple[str, ...] = ()
    continues: bool = False

    @property
    def start(self) -> int:
        return self.tokens[0].start

    @property
    def end(self) -> int:
        return self.tokens[-1].end


def tokenize(text: str) -> list[Token]:
    """Every word of the text, with its possessive ending split off."""
    tokens = []
    for match in _WORD.finditer(text):
        word = match.group()
        stem = strip_possessive(word)
        tokens.append(Token(stem, match.start(), match.start() + len(stem), stem != word))
    return tokens


def find_mentions(text: str) -> list[Mention]:
    """Capitalised runs and person-shaped lower-case words, in text order."""
    tokens = tokenize(text)
    runs = _capitalised_runs(text, tokens)
    mentions: list[Mention] = []
    position = {id(token): i for i, token in enumerate(tokens)}
    for run in runs:
        mentions.append(_mention(text, tokens, position, run, lower_case=False))
    for i, token in enumerate(tokens):
        if not token.text.islower() or token.text in PARTICLES or len(token.text) < 3:
            continue
        after = tokens[i + 1].key if i + 1 < len(tokens) else ""
        if token.possessive or after in SPEECH_VERBS:
            mentions.append(_mention(text, tokens, position, (token,), lower_case=True))
    mentions.sort(key=lambda m: m.start)
    return mentions


def _capitalised_runs(text: str, tokens: list[Token]) -> list[tuple[Token, ...]]:
    runs: list[tuple[Token, ...]] = []
    current: list[Token] = []
    for token in tokens:
        joins = (
            current
            and text[current[-1].end : token.start] == " "
            and not current[-1].possessive
            and (token.is_capitalised or token.text in PARTICLES)
        )
        if joins:
            current.append(token)
            continue
        if current:
            runs.append(_trim_particles(current))
        current = [token] if token.is_capitalised else []
    if current:
        runs.append(_trim_particles(current))
    return [run for run in runs if run]


def _trim_particles(run: list[Token]) -> tuple[Token, ...]:
    while run and not run[-1].is_capitalised:
        run.pop()
    return tuple(run)


def _mention(
    text: str,
    tokens: list[Token],
    position: dict[int, int],
    run: tuple[Token, ...],
    *,
    lower_case: bool,
) -> Mention:
    first = position[id(run[0])]
    last = position[id(run[-1])]
    before = tuple(t.key for t in tokens[max(0, first - 6) : first])
    after = tokens[last + 1].key if last + 1 < len(tokens) else ""
    prefix = text[max(0, run[0].start - 3) : run[0].start]
    sentence_start = first == 0 or bool(_SENTENCE_END.search(text[tokens[first - 1].end : run[0].start]))
    neighbours = []
    # "Putin-Trumpet": the runs on either side of a hyphen vouch for each other.
    if prefix.endswith("-") and first > 0:
        neighbours.append(tokens[first - 1].text)
    continues = False
    if text[run[-1].end : run[-1].end + 1] == "-" and last + 1 < len(tokens):
        neighbours.append(tokens[last + 1].text)
        # "Young-moo" goes on in lower case: one name; "Putin-Trump" pairs two.
        continues = not tokens[last + 1].is_capitalised
    return Mention(
        tokens=run,
        words_before=before,
        word_after=after,
        sentence_start=sentence_start,
        lower_case=lower_case,
        hyphen_neighbours=tuple(neighbours),
        continues=continues,
    )
