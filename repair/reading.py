"""The text as the name stage reads it, with a map back to the text as written.

Text pasted from web pages and PDFs carries characters a reader never sees: zero-width
spaces and joiners, direction marks, soft hyphens, a byte-order mark. Inside a name they
would cut it in two ("Tu\u200bs" is "Tu" and "s" to a regular expression). And an accent may
be written as a letter followed by a combining mark ("Erdog\u0306an"), which a word
pattern does not take for part of the word. So the name stage reads the text with the
invisible characters left out and each letter joined to its marks (NFC), and its spans are
mapped back: a fix covers the characters as written, invisible ones inside it included,
and everything outside the fixes is returned as it came.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Format characters with no glyph: soft hyphen, Arabic letter mark, Mongolian vowel
# separator, zero-width space, non-joiner and joiner, direction marks, embeddings and
# overrides, word joiner and invisible operators, isolates, deprecated format characters,
# byte-order mark.
INVISIBLE = "\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff"
_INVISIBLE = re.compile(f"[{INVISIBLE}]")


# Any character beyond ASCII: where a combining mark might be.
_NOT_ASCII = re.compile(r"[^\x00-\x7f]")


def _loose_marks(text: str) -> bool:
    """Whether a combining mark stands apart from its letter after NFC (Kayah Li's tone marks
    and the like): a word pattern ends before it, so it is joined to its letter as the text is
    read. (Only characters beyond ASCII are asked: an English article has a few dozen.)"""
    return not text.isascii() and any(unicodedata.combining(m.group()) for m in _NOT_ASCII.finditer(text))


@dataclass(frozen=True)
class Reading:
    """``text`` as the name stage reads it; ``starts[i]`` and ``ends[i]`` are where its
    character ``i`` came from in the input (both None when the two texts are the same)."""

    text: str
    starts: tuple[int, ...] | None = None
    ends: tuple[int, ...] | None = None

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Where ``text[start:end]`` (not empty) was in the input."""
        if self.starts is None or self.ends is None:
            return start, end
        return self.starts[start], self.ends[end - 1]


def read(text: str) -> Reading:
    """How the name stage reads ``text``; the text itself when nothing is to be left out or
    joined, as in nearly every article (checked in C). A letter and its marks map back
    together, so a fix never ends between them."""
    if unicodedata.is_normalized("NFC", text) and not _INVISIBLE.search(text) and not _loose_marks(text):
        return Reading(text)
    parts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    cluster_start = 0
    cluster: list[str] = []

    def flush(stop: int) -> None:
        if cluster:
            for char in unicodedata.normalize("NFC", "".join(cluster)):
                parts.append(char)
                starts.append(cluster_start)
                ends.append(stop)
            cluster.clear()

    # A cluster is a character and the combining marks after it; invisible characters are
    # left out (one inside a cluster stays inside its span, so it is replaced with it).
    last_visible_end = 0
    for position, char in enumerate(text):
        if _INVISIBLE.match(char):
            continue
        if not (cluster and unicodedata.combining(char)):
            flush(last_visible_end)
            cluster_start = position
        cluster.append(char)
        last_visible_end = position + 1
    flush(last_visible_end)
    return Reading("".join(parts), tuple(starts), tuple(ends))
