"""One normalisation for the gazetteer index and for the words of an article.

Both sides of every comparison go through ``fold``, so an accent, a curly apostrophe or a
letter case never decides a match on its own.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from unidecode import unidecode

APOSTROPHES = "'\u2019\u02bc\u2018`"


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case, accent-free, ASCII-transliterated form with straight apostrophes."""
    for mark in APOSTROPHES[1:]:
        text = text.replace(mark, "'")
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    # unidecode catches the letters NFKD leaves alone (ł, ø, ß) and other scripts.
    return " ".join(unidecode(stripped).casefold().split())


def strip_possessive(word: str) -> str:
    """``Kellogg's`` -> ``Kellogg``; other words unchanged."""
    if len(word) > 3 and word[-1] in "sS" and word[-2] in APOSTROPHES:
        return word[:-2]
    return word
