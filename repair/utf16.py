"""Offsets in UTF-16 code units, as LanguageTool and JavaScript editors count them.

Python strings index code points; a character beyond the Basic Multilingual Plane (an emoji,
a flag's halves) is one code point and two UTF-16 units. Every conversion is a bisection over
the positions of those characters, so converting thousands of offsets stays cheap.
"""

from __future__ import annotations

import bisect
import re


def index_to_utf16(text: str, index: int) -> int:
    """The UTF-16 code unit offset of code point ``index`` of ``text``."""
    return Utf16(text).to_utf16(index)


def utf16_to_index(text: str, offset: int) -> int:
    """The code point index of UTF-16 code unit ``offset`` of ``text``.

    :raises ValueError: if the offset is negative, past the end or inside a surrogate pair.
    """
    return Utf16(text).to_index(offset)


_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


class Utf16:
    """Offsets of one text in code points and in UTF-16 units, converted in logarithmic time
    (a check answered with thousands of matches converted each by reading the text)."""

    def __init__(self, text: str) -> None:
        self.length = len(text)
        # Each code point beyond the BMP (emoji, flag halves) is a surrogate pair: two units.
        self._astral = [m.start() for m in _ASTRAL.finditer(text)]
        # Where each of those starts in UTF-16 units.
        self._astral_units = [index + before for before, index in enumerate(self._astral)]
        self.units = self.length + len(self._astral)

    def to_utf16(self, index: int) -> int:
        """The UTF-16 offset of code point ``index``."""
        if not 0 <= index <= self.length:
            raise ValueError(f"index {index} is outside a text of {self.length} code points")
        return index + bisect.bisect_left(self._astral, index)

    def to_index(self, offset: int) -> int:
        """The code point at UTF-16 ``offset``.

        :raises ValueError: if the offset is negative, past the end or inside a surrogate pair.
        """
        if offset < 0:
            raise ValueError(f"negative UTF-16 offset {offset}")
        if offset > self.units:
            raise ValueError(f"UTF-16 offset {offset} is past the end of the text ({self.units} units)")
        before = bisect.bisect_left(self._astral_units, offset)  # pairs starting before it
        if before and self._astral_units[before - 1] + 1 == offset:
            raise ValueError(f"UTF-16 offset {offset} splits a surrogate pair")
        return offset - before
