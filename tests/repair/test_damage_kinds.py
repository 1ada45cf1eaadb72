"""Name repair at world scale, one kind of damage at a time, and the look-alikes it must leave.

Every case runs on the shipped gazetteer (116,000 officials), where a damaged name has many
near neighbours and most capitalised words are somebody's name.
"""

from __future__ import annotations

import pytest

from gazetteer.index import NameIndex
from repair import RepairOptions, repair_text

NO_GRAMMAR = RepairOptions(grammar=False)

# (text, what is written, what it becomes): each must be applied.
APPLIED = [
    pytest.param(
        "The Prime Minister met President trump this evening at Downing Street.",
        "trump", "Trump", id="lower-case-after-a-title-that-fits",
    ),
    pytest.param(
        "Donald Trump arrived first. The talks during trump's visit were long.",
        "trump", "Trump", id="lower-case-of-a-person-named",
    ),
    pytest.param(
        "Kenyan opposition leader Raila Odinga said former President Barack Obamer had called him.",
        "Barack Obamer", "Barack Obama", id="final-a-heard-as-er",
    ),
    pytest.param(
        "The Prime Minister of the United Kingdom, Kier Starmer, hosted the President of France.",
        "Kier Starmer", "Keir Starmer", id="short-first-name-swapped",
    ),
    pytest.param(
        "The Prime Minister met President Trum this evening at Downing Street.",
        "Trum", "Trump", id="cut-short-after-title",
    ),
    pytest.param(
        "The Prime Minister spoke with Ukrainian President Selenskyy this evening.",
        "Selenskyy", "Zelenskyy", id="sound-after-adjective-and-title",
    ),
    pytest.param(
        "Secretary of Defense Lloyd J. Austi III met his counterpart today.",
        "Lloyd J. Austi", "Lloyd J. Austin", id="initial-and-suffix",
    ),
    pytest.param(
        "Commission President Ursula von der Leye met President Erdoğan in Ankara.",
        "Ursula von der Leye", "Ursula von der Leyen", id="particles-in-surname",
    ),
    pytest.param(
        "Secretary of Defense Lloyd Austin arrived. Secretary Ostin noted his visit.",
        "Ostin", "Austin", id="vowel-respelled-surname-after-full-name",
    ),
    pytest.param(
        "Acting Secretary of Defense Patick M. Shanahan met Prime Minister Shinzo Abe.",
        "Patick M. Shanahan", "Patrick M. Shanahan", id="first-name-before-an-initial",
    ),
    pytest.param(
        "Prime Minister Mrak Carney of Canada met President Claudia Sheinbaum.",
        "Mrak Carney", "Mark Carney", id="rare-first-name-as-a-slip",
    ),
    pytest.param(
        "Prime Minister Rishi Sunak spoke to President-elect Lula da SiIva.",
        "Lula da SiIva", "Lula da Silva", id="surname-of-several-words",
    ),
    pytest.param(
        "This afternoon Prime Minister Rislii Sunak spoke to them.",
        "Rislii Sunak", "Rishi Sunak", id="first-name-ocr-li-for-h",
    ),
    pytest.param(
        "Russian Foreign Minister Sergey Lavro met Marco Rubio.",
        "Sergey Lavro", "Sergey Lavrov", id="valid-first-name-kept-while-surname-fixed",
    ),
]

# (text, what is written, what it becomes): each must be listed, applied or not. The evidence
# is thin: one damaged word, and nothing else in the text that names or places the person.
LISTED = [
    pytest.param(
        # Capitals alone, of a past holder of the post: some styles write surnames so.
        "Prime Minister Boris JOHNSON spoke to the President of the Palestinian Authority.",
        "Boris JOHNSON", "Boris Johnson", id="capitals-in-running-text",
    ),
    pytest.param(
        "Secretary Pornpeo met the delegation in Riyadh.",
        "Pornpeo", "Pompeo", id="ocr-rn-for-m",
    ),
    pytest.param(
        "Gordon Brown spoke first. Speaking next, brown told the audience.",
        "brown", "Brown", id="lower-case-speaker-named-earlier",
    ),
    pytest.param(
        "Theresa May and Gordori Brown, two former prime ministers, spoke.",
        "Gordori Brown", "Gordon Brown", id="first-name-ocr",
    ),
]

# Text that must come out exactly as written.
UNTOUCHED = [
    pytest.param("The President said the rule may trump the bill; a trump card, played.", id="trump-as-a-verb"),
    pytest.param("SECRETARY POMPEO: Thank you all for coming.", id="speaker-label"),
    pytest.param("POMPEO: Good morning.", id="speaker-label-alone"),
    pytest.param("PRIME MINISTER BORIS JOHNSON VISITS KYIV\n\nThe visit was brief.", id="heading"),
    pytest.param("Brazil is a major Non-NATO ally of the United States.", id="acronym-beside-hyphen"),
    pytest.param("U.S.-Greek cooperation is strong.", id="nationality-beside-hyphen"),
    pytest.param("Pentagon Press Secretary John F. Kirby provided the readout.", id="name-not-in-gazetteer"),
    pytest.param("Minister José Múcio Monteiro and Minister Múcio spoke.", id="unknown-minister"),
    pytest.param("The Prime Minister and Prime Minister Suga welcomed it.", id="title-that-does-not-fit"),
]


@pytest.mark.parametrize(("text", "original", "replacement"), APPLIED)
def test_damaged_name_is_repaired(shipped_index: NameIndex, text: str, original: str, replacement: str) -> None:
    result = repair_text(text, index=shipped_index, options=NO_GRAMMAR)
    applied = [(c.original, c.replacement) for c in result.corrections if c.applied]
    assert (original, replacement) in applied
    assert result.text == text.replace(original, replacement, 1)


@pytest.mark.parametrize(("text", "original", "replacement"), LISTED)
def test_damaged_name_is_listed(shipped_index: NameIndex, text: str, original: str, replacement: str) -> None:
    result = repair_text(text, index=shipped_index, options=NO_GRAMMAR)
    assert (original, replacement) in [(c.original, c.replacement) for c in result.corrections]


@pytest.mark.parametrize("text", UNTOUCHED)
def test_look_alike_is_untouched(shipped_index: NameIndex, text: str) -> None:
    result = repair_text(text, index=shipped_index, options=NO_GRAMMAR)
    assert result.text == text
    assert not [c for c in result.corrections if c.applied]


def test_word_heard_for_a_name_is_only_suggested(shipped_index: NameIndex) -> None:
    text = "Giorgia Meloni met Friedrich Merz. Melons said Italy shared an interest."
    result = repair_text(text, index=shipped_index, options=NO_GRAMMAR)
    [melons] = [c for c in result.corrections if c.original == "Melons"]
    assert melons.replacement == "Meloni" and not melons.applied
    assert "English word" in melons.reason
    assert result.text == text


def test_the_holder_of_the_post_wins_a_tie(shipped_index: NameIndex) -> None:
    # "Trum" is Trump cut by one letter and Truman cut by two; Trump holds the post.
    result = repair_text("President Trum spoke.", index=shipped_index, options=NO_GRAMMAR)
    [fix] = result.corrections
    assert fix.entity.name == "Donald Trump" and fix.applied
