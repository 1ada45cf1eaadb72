"""One normalisation for the gazetteer index and for the words of an article.

Both sides of every comparison go through ``fold``, so an accent, a curly apostrophe or a
letter case never decides a match on its own.
"""

from __future__ import annotations

import re
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
    decomposed = unicodedata.normalize("NFKD", text).translate(_SCHWA)
    stripped = decomposed.translate(_WITHOUT_MARKS)
    # unidecode catches the letters NFKD leaves alone (ł, ø, ß) and other scripts; what is
    # ASCII by now it would leave as it is (most accented Latin names).
    if not stripped.isascii():
        stripped = unidecode(stripped)
    return " ".join(stripped.replace("`", "'").casefold().split())


class _Marks(dict[int, "int | None"]):
    """A str.translate table that deletes combining marks (accents once NFKD has split them
    off) and keeps every other character, each decided once (unicodedata.combining) when
    first met: the deletion then runs in C, where a test of each character in Python took
    most of folding a name with accents (the names of a surname's bearers, folded the first
    time it is read)."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_WITHOUT_MARKS = _Marks()


# unidecode writes Azerbaijani's schwa as "@"; English writes it "a" (Əliyev is Aliyev).
_SCHWA = str.maketrans({"Ə": "A", "ə": "a", "ǝ": "a", "Ǝ": "A"})


# Articles repeat their words; the index folds each name once and needs no cache.
fold = lru_cache(maxsize=65536)(fold_uncached)


def strip_possessive(word: str) -> str:
    """``Kellogg's`` -> ``Kellogg``; other words unchanged."""
    if len(word) > 3 and word[-1] in "sS" and word[-2] in APOSTROPHES:
        return word[:-2]
    return word


# Particles that stand before a European surname and belong to it: "de Kirchner", "von der
# Leyen", "del Castillo". (Not Arabic's "Al", read as its names' first word as often: "Al
# Nahyan" alone; nor a patronymic's "bin", which follows a first name.)
SURNAME_PARTICLES = frozenset("von van der den de da di del della dos das du la le ter".split())
# The Arabic article, written apart ("Al Thani") or joined to the word after it ("al-Sisi"):
# either way, one rendering of the name.
ARABIC_ARTICLES = ("al", "el")


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
        # Latin script now, but English writes their people's names as transliterated from
        # Russian (Berdimuhamedov for Berdimuhamedow, Aliyev).
        "Azerbaijan", "Turkmenistan", "Uzbekistan",
    }
)


# Letters that romanisations of one sound differ in: Araghchi/Araqchi (Persian), Khalid/
# Halid, Djokovic/Jokovic, Mamadou/Mamadu, Wladimir/Vladimir, Mustapha/Mustafa.
_ROMANISATIONS = (("dzh", "j"), ("dj", "j"), ("gh", "q"), ("kh", "h"), ("ou", "u"), ("ph", "f"), ("w", "v"), ("x", "ks"))


_HARD_C = re.compile(r"c(?!h)")


def transliteration_skeleton(word: str) -> str:
    """What English transliterations of one name share: Zelensky, Zelenskyy and Zelenskiy
    all give "zlnsk" (no i/y/e, no doubled letters, x as ks, gh as q, kh as h...)."""
    folded = fold(word)
    for written, sound in _ROMANISATIONS:
        folded = folded.replace(written, sound)
    # Greek kappa and Cyrillic ka are written c or k: Costas/Kostas, Victor/Viktor.
    folded = _HARD_C.sub("k", folded)
    letters = [c for c in folded if c not in "iye"]
    return "".join(c for i, c in enumerate(letters) if i == 0 or c != letters[i - 1])


# Countries whose people's names are written in English family name first: "Yoon Suk-yeol",
# "Xi Jinping", "Kim Jong Un" (Japan's are written given name first in English news).
FAMILY_NAME_FIRST = frozenset({"China", "Taiwan", "Hong Kong", "Macau", "South Korea", "North Korea"})

# Countries written in the Latin script whose people's first names are often Arabic, and
# romanised in several ways (Muhammadu/Mohammadu, Abubakar/Aboubacar, Mamadou/Mamadu): a
# first name spelled another way there is another rendering, not damage. Their surnames,
# which are not transliterations (Tinubu), have one spelling.
# Of them, those where first names of Arabic origin are a minority's, and surnames are seldom
# first names: only a first name is romanised freely there ("Alhasan Umar" for Alhassan; not
# "Joao Viera" for Vieira).
ROMANISED_FIRST_NAMES_ONLY = frozenset(
    {"Ghana", "Sierra Leone", "Ivory Coast", "Guinea-Bissau", "Togo", "Uganda", "Liberia"}
)
ROMANISED_GIVEN_NAMES = ROMANISED_FIRST_NAMES_ONLY | frozenset(
    {
        "Nigeria", "Niger", "Chad", "Mali", "Senegal", "Gambia", "Guinea", "Burkina Faso",
        "Cameroon", "Somalia", "Djibouti", "Comoros", "Indonesia", "Malaysia", "Brunei",
        "Azerbaijan", "Uzbekistan", "Turkmenistan", "Turkey", "Bosnia and Herzegovina", "Kosovo",
        "Albania", "Tanzania", "Kenya",
    }
)

# Consonants that romanisations write with or without an "h" (Sheik/Sheikh, Rajapaksa's Sinhala
# "th" and "t"), then every vowel as one: what the English spellings of a transliterated name
# keep in common beyond the skeleton above (Rajapakse/Rajapaksa, Pezeshkian/Pezeshkyan).
_ASPIRATES = (("kh", "k"), ("gh", "g"), ("dh", "d"), ("th", "t"), ("ph", "f"))


def vowel_frame(word: str) -> str:
    """A folded name with each run of vowels (y included) as one "a", aspirated consonants
    plain and doubled letters single: "rajapakse" and "rajapaksa" both give "rajapaksa"."""
    folded = fold(word)
    for written, plain in _ASPIRATES:
        folded = folded.replace(written, plain)
    letters = ["a" if c in "aeiouy" else c for c in folded]
    return "".join(c for i, c in enumerate(letters) if i == 0 or c != letters[i - 1])
