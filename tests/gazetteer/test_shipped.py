"""The shipped gazetteer knows the officials in the news, each under today's post, and the
name-repair of the example article holds at world scale."""

from __future__ import annotations

import pytest

from gazetteer.index import NameIndex
from repair.names import lookup

# (name as typed, canonical name, words of the current role, country)
CURRENT = [
    ("Emmanuel Macron", "Emmanuel Macron", "President", "France"),
    ("Keir Starmer", "Keir Starmer", "Prime Minister", "United Kingdom"),
    ("Donald Tusk", "Donald Tusk", "Prime Minister", "Poland"),
    ("Alexander Stubb", "Alexander Stubb", "President", "Finland"),
    ("Marco Rubio", "Marco Rubio", "Secretary of State", "United States"),
    ("Sergei Lavrov", "Sergei Lavrov", "Foreign Affairs", "Russia"),
    ("Sergey Lavrov", "Sergei Lavrov", "Foreign Affairs", "Russia"),
    ("Vladimir Putin", "Vladimir Putin", "President", "Russia"),
    ("Dmitry Peskov", "Dmitry Peskov", "Spokesperson", "Russia"),
    ("Keith Kellogg", "Keith Kellogg", "Envoy", "United States"),
    ("Volodymyr Zelenskyy", "Volodymyr Zelenskyy", "President", "Ukraine"),
    ("Zelensky", "Volodymyr Zelenskyy", "President", "Ukraine"),
    ("Friedrich Merz", "Friedrich Merz", "Chancellor", "Germany"),
    ("Giorgia Meloni", "Giorgia Meloni", "Prime Minister", "Italy"),
    ("Ursula von der Leyen", "Ursula von der Leyen", "European Commission", "European Union"),
    ("Mark Rutte", "Mark Rutte", "Secretary General", "NATO"),
    ("Kaja Kallas", "Kaja Kallas", "High Representative", "European Union"),
    ("António Guterres", "António Guterres", "Secretary-General", "United Nations"),
    ("Xi Jinping", "Xi Jinping", "President", "China"),
    ("Narendra Modi", "Narendra Modi", "Prime Minister", "India"),
    ("Recep Tayyip Erdoğan", "Recep Tayyip Erdoğan", "President", "Turkey"),
    ("Erdogan", "Recep Tayyip Erdoğan", "President", "Turkey"),
    ("Tusk", "Donald Tusk", "Prime Minister", "Poland"),
    ("Makron", "Emmanuel Macron", "President", "France"),
]


@pytest.mark.parametrize(("query", "name", "role", "country"), CURRENT)
def test_officials_resolve_to_today_s_post(
    shipped_index: NameIndex, query: str, name: str, role: str, country: str
) -> None:
    [best, *_] = lookup(query, shipped_index, limit=3)
    entry = shipped_index.entries[best.entry_id]
    assert (entry.name, entry.country) == (name, country)
    assert role in entry.role


def test_it_is_world_scale(shipped_index: NameIndex) -> None:
    assert len(shipped_index) >= 100_000
    countries = {entry.country for entry in shipped_index.entries.values()}
    assert len(countries) > 150


@pytest.mark.parametrize(
    ("name", "surname"),
    [
        # A Western first name before a Chinese family name: the family name is the surname.
        ("Frank Hsieh", "Hsieh"),
        ("John Tsang", "Tsang"),
        ("Eric Chu", "Chu"),
        # A family name written first stays the surname.
        ("Xi Jinping", "Xi"),
        ("Hsieh Shou-shing", "Hsieh"),
    ],
)
def test_east_asian_names_have_their_family_name_as_surname(shipped_index: NameIndex, name: str, surname: str) -> None:
    [entry] = [e for e in shipped_index.entries.values() if e.name == name]
    assert entry.surname == surname


@pytest.mark.parametrize("name", ["Hsieh Shou-shing", "Yoon Suk-yeol", "Frank Hsieh"])
def test_lookup_finds_a_hyphenated_or_western_led_east_asian_name_as_typed(shipped_index: NameIndex, name: str) -> None:
    [best, *_] = lookup(name, shipped_index, limit=3)
    assert (shipped_index.entries[best.entry_id].name, best.score) == (name, 1.0)


@pytest.mark.parametrize(
    ("query", "name"),
    [("Jimmy Carter", "Jimmy Carter"), ("Bill Clinton", "Bill Clinton"), ("Dan Quayle", "Dan Quayle")],
)
def test_a_president_is_named_as_the_news_names_him(shipped_index: NameIndex, query: str, name: str) -> None:
    # The source gives only "James Carter" and a nickname; a fix must write the name in use.
    [best, *_] = lookup(query, shipped_index, limit=3)
    assert shipped_index.entries[best.entry_id].name == name
