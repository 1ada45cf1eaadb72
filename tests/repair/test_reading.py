"""The name stage reads the text without invisible characters and with accents composed, and
maps what it finds back to the text as written (repair/reading.py)."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from repair.reading import INVISIBLE, read

invisible = st.sampled_from([chr(c) for c in (0x00AD, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x202E, 0x2060, 0xFEFF)])
texts = st.lists(
    st.one_of(st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=8), invisible), max_size=12
).map("".join)


def test_a_plain_text_is_read_as_it_is() -> None:
    text = "Prime Minister Donald Tus met Emmanuel Macron. 🇫🇷"
    reading = read(text)
    assert reading.text is text and reading.span(15, 25) == (15, 25)


def test_invisible_characters_are_left_out_and_accents_composed() -> None:
    text = "Donald Tu\u200bs met Erdog\u0306an\u200f."
    reading = read(text)
    assert reading.text == "Donald Tus met Erdoğan."
    start = reading.text.index("Tus")
    assert text[slice(*reading.span(start, start + 3))] == "Tu\u200bs"
    start = reading.text.index("Erdoğan")
    # The mark after the name is outside its span; the combining breve is inside.
    assert text[slice(*reading.span(start, start + 7))] == "Erdog\u0306an"


@given(texts)
def test_every_character_read_maps_back_to_where_it_was(text: str) -> None:
    reading = read(text)
    assert not re.search(f"[{INVISIBLE}]", reading.text)
    if reading.starts is None or reading.ends is None:
        assert reading.text == text
        return
    assert len(reading.starts) == len(reading.ends) == len(reading.text)
    # Spans are in order and inside the text.
    for i in range(len(reading.text)):
        start, end = reading.span(i, i + 1)
        assert 0 <= start < end <= len(text)
        if i:
            assert reading.starts[i - 1] <= start
    # What a span covers, read again, is what was read there.
    for i in range(len(reading.text)):
        for j in range(i + 1, len(reading.text) + 1):
            if (i == 0 or reading.starts[i] != reading.starts[i - 1]) and (
                j == len(reading.text) or reading.ends[j - 1] != reading.ends[j]
            ):
                assert read(text[slice(*reading.span(i, j))]).text == reading.text[i:j]
