"""NameIndex: exact lookups by every accepted spelling, fuzzy lookups by letters and sound."""

from __future__ import annotations

import pytest

from gazetteer.index import NameIndex, similarity
from gazetteer.normalize import fold


def test_exact_lookups_fold_case_accents_and_apostrophes(small_index: NameIndex) -> None:
    assert small_index.surname(fold("ERDOĞAN")) == {"Q39259"}
    assert small_index.surname(fold("von der Leyen")) == {"local:ursula-von-der-leyen"}
    [form] = small_index.full_name(fold("Sergey Lavrov"))
    assert form.entry_id == "Q58217" and form.written_surname == "Lavrov"
    assert small_index.is_given_name("emmanuel")
    assert fold("O’Brien’s") == "o'brien's"
    # Azerbaijani's schwa is "a" in English (unidecode would make it "@"); an Uzbek okina an apostrophe.
    assert fold("Əliyeva") == "aliyeva" and fold("Oʻzbekiston") == "o'zbekiston"


@pytest.mark.parametrize(
    ("written", "surname"),
    [("tus", "tusk"), ("stubber", "stubb"), ("rubion", "rubio"), ("makron", "macron"),
     ("kellog", "kellogg"), ("peskoff", "peskov")],
)
def test_damaged_surnames_find_their_candidates(small_index: NameIndex, written: str, surname: str) -> None:
    assert surname in small_index.similar_surnames(written)


def test_a_first_name_narrows_the_search_for_a_mangled_surname(small_index: NameIndex) -> None:
    # "McCone" shares too few letters with "Macron" to be found by them; "Emanuel" finds him.
    assert "macron" not in small_index.similar_surnames("mccone")
    assert "Q3052772" in small_index.with_first_name("emanuel")
    assert small_index.with_first_name("emmanuel") == small_index.with_first_name("emanuel")


@pytest.mark.parametrize(
    ("a", "b", "kind"),
    [("stubber", "stubb", "added"), ("tus", "tusk", "cut"), ("kellog", "kellogg", "cut"), ("maeron", "macron", "one"),
     ("makron", "macron", "one"), ("abbubud", "abboud", "two"), ("mccone", "macron", "sound-like"),
     ("peskoff", "peskov", "sound"), ("odinger", "odinga", "sound"), ("macron", "macron", "exact")],
)
def test_similarity_names_the_kind_of_damage(a: str, b: str, kind: str) -> None:
    assert similarity(a, b)[1] == kind


def test_known_words_cover_every_name_part(small_index: NameIndex) -> None:
    assert {"zelenskyy", "zelensky", "macron", "emmanuel", "leyen", "xi"} <= small_index.known_words
