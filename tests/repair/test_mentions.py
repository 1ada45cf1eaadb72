"""Mentions are found with work bounded per mention and per line (repair/mentions.py): a
line is read once for lower case, and a word too long to be a name is no part of one."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from repair.mentions import MAX_NAME_WORD, _Lines, find_mentions


def _naive_lower_case_outside(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    rest = text[line_start:start] + text[end : line_end if line_end >= 0 else len(text)]
    return any(c.islower() for c in rest)


@given(st.text(alphabet=st.sampled_from("aB \nçÉ"), max_size=60), st.data())
def test_a_line_is_asked_about_as_reading_it_would(text: str, data: st.DataObject) -> None:
    lines = _Lines(text)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    if "\n" not in text[start:end]:
        assert lines.has_lower_case_outside(start, end) == _naive_lower_case_outside(text, start, end)


def test_a_line_in_capitals_is_a_heading_however_long() -> None:
    mentions = find_mentions("NATO, " * 3000 + "\nThe DONALD TUS visit.")
    assert all(m.capitals_around for m in mentions[:-1])
    assert not mentions[-1].capitals_around  # lower case on its line: capitals are damage


def test_a_word_too_long_to_be_a_name_ends_the_run() -> None:
    long_word = "A" + "b" * MAX_NAME_WORD
    text = f"President {long_word} Donald Tus and the {long_word.lower()}'s team"
    mentions = find_mentions(text)
    assert "Donald Tus" in [" ".join(t.text for t in m.tokens) for m in mentions]
    assert all(len(t.text) <= MAX_NAME_WORD for m in mentions for t in m.tokens)


def test_a_name_word_of_the_longest_length_is_kept() -> None:
    word = "K" + "o" * (MAX_NAME_WORD - 1)
    assert [t.text for m in find_mentions(f"Donald {word} spoke.") for t in m.tokens] == ["Donald", word]


def test_what_stands_before_a_run_is_read_in_one_match() -> None:
    """_BEFORE_RUN finds what _NEXT_WORD and _SENTENCE_END_BEFORE (within its reach) find."""
    import random

    from repair import mentions

    rng = random.Random(3)
    alphabet = "aB .!?:;\n\u201c\"'\u2019-3_\t\u00e9"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 20)))
        reversed_text = text[::-1]
        for at in range(len(text) + 1):
            word = mentions._NEXT_WORD.match(reversed_text, at)
            end = mentions._SENTENCE_END_BEFORE.match(reversed_text, at, at + mentions._SENTENCE_END_REACH)
            both = mentions._BEFORE_RUN.match(reversed_text, at)
            assert both is not None
            assert both.group(2) == (word.group(1) if word else None)
            assert (both.group(1) is not None) == (end is not None)
