"""One normalisation for the gazetteer index and for the words of an article.

Both sides of every comparison go through ``fold``, so an accent, a curly apostrophe or a
letter case never decides a match on its own.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from unidecode import unidecode

APOSTROPHES = "'\u2019\u02bc\u2018`"


def fold_uncached(text: str) -> str:
    """Lower-case, accent-free, ASCII-transliterated form with straight apostrophes."""
    if text.isascii():
        # Most names are plain ASCII: skip the Unicode work (a third of the load time).
        return " ".join(text.replace("`", "'").casefold().split())
    for mark in APOSTROPHES[1:]:
        text = text.replace(mark, "'")
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    # unidecode catches the letters NFKD leaves alone (ł, ø, ß) and other scripts.
    return " ".join(unidecode(stripped).casefold().split())


# Articles repeat their words; the index folds each name once and needs no cache.
fold = lru_cache(maxsize=65536)(fold_uncached)


def strip_possessive(word: str) -> str:
    """``Kellogg's`` -> ``Kellogg``; other words unchanged."""
    if len(word) > 3 and word[-1] in "sS" and word[-2] in APOSTROPHES:
        return word[:-2]
    return word


# Countries whose officials' names are written in another script at home: their English
# spellings are transliterations, and more than one is right (Sergei/Sergey, Zelensky/
# Zelenskyy). A Latin-script name has one right spelling (Emmanuel, not Emanuel, Macron).
TRANSLITERATED = frozenset(
    {
        "Russia", "Ukraine", "Belarus", "Bulgaria", "Serbia", "Montenegro", "North Macedonia",
        "Kazakhstan", "Kyrgyzstan", "Tajikistan", "Mongolia", "Greece", "Cyprus", "Georgia",
        "Armenia", "Israel", "Egypt", "Libya", "Tunisia", "Algeria", "Morocco", "Sudan",
        "Saudi Arabia", "Yemen", "Oman", "United Arab Emirates", "Qatar", "Bahrain", "Kuwait",
        "Iraq", "Syria", "Lebanon", "Jordan", "Palestine", "State of Palestine", "Iran",
        "Afghanistan", "Pakistan", "India", "Bangladesh", "Nepal", "Sri Lanka", "Bhutan",
        "Myanmar", "Thailand", "Laos", "Cambodia", "China", "Taiwan", "Hong Kong", "Japan",
        "North Korea", "South Korea", "Ethiopia", "Eritrea", "Maldives", "Mauritania",
    }
)


def transliteration_skeleton(word: str) -> str:
    """What English transliterations of one name share: Zelensky, Zelenskyy and Zelenskiy
    all give "zlnsk" (no i/y/e, no doubled letters, x as ks)."""
    letters = [c for c in fold(word).replace("x", "ks") if c not in "iye"]
    return "".join(c for i, c in enumerate(letters) if i == 0 or c != letters[i - 1])
