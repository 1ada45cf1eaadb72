"""The corruption generator: the same seed gives the same copies, every damage changes the
text where it says, and each kind's rules make the damage the issue describes."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bench.corrupt import (
    KINDS,
    Corruptor,
    corrupt_all,
    letters_damage,
    ocr_damage,
    phonetic_damage,
    suffix_damage,
    truncation_damage,
    valid_damage,
)
from bench.devset import Official, Record, occurrences, resolve
from gazetteer.index import NameIndex

TEXT = (
    "Prime Minister Keir Starmer met President Emmanuel Macron in Paris on Monday. Starmer said "
    "the talks had gone well, and Macron's aides agreed. President Donald Trump was not there; "
    "Trump said he would call both leaders. A Putin-Trump meeting is planned, Dmitry Peskov said."
)
RECORD = Record(
    "X01",
    "A tiny record",
    TEXT,
    (
        Official("Keir Starmer", ("Keir Starmer", "Starmer")),
        Official("Emmanuel Macron", ("Emmanuel Macron", "Macron's")),
        Official("Donald Trump", ("Donald Trump", "Trump")),
        Official("Vladimir Putin", ("Putin",)),
        Official("Dmitry Peskov", ("Dmitry Peskov",)),
    ),
)


def test_occurrences_are_found_longest_first() -> None:
    found = [(o.text, o.possessive, o.shape) for o in occurrences(RECORD)]
    assert found[:4] == [
        ("Keir Starmer", "", "full"),
        ("Emmanuel Macron", "", "full"),
        ("Starmer", "", "surname"),
        ("Macron", "'s", "surname"),
    ]
    assert ("Trump", "", "surname") in found and ("Donald Trump", "", "full") in found


def test_the_same_seed_gives_the_same_copies(small_index: NameIndex) -> None:
    first = corrupt_all([RECORD], small_index, seed=7, copies=3)
    again = corrupt_all([RECORD], small_index, seed=7, copies=3)
    assert first == again
    others = [corrupt_all([RECORD], small_index, seed=s, copies=3) for s in (8, 9)]
    assert any(other != first for other in others)


def test_every_damage_changes_the_text_where_it_says(small_index: NameIndex) -> None:
    for seed in range(5):
        for sample in corrupt_all([RECORD], small_index, seed=seed, copies=2, rate=1.0):
            assert sample.damages and sample.text != TEXT
            restored = sample.text
            for damage in sorted(sample.damages, key=lambda d: d.start, reverse=True):
                assert damage.kind in KINDS
                assert sample.text[damage.start : damage.end] == damage.damaged != damage.original
                assert damage.accepted[0] == damage.original
                restored = restored[: damage.start] + damage.original + restored[damage.end :]
            assert restored == TEXT


def test_the_context_kinds_are_made(small_index: NameIndex) -> None:
    kinds = {
        d.kind
        for seed in range(6)
        for sample in corrupt_all([RECORD], small_index, seed=seed, copies=2, rate=1.0)
        for d in sample.damages
    }
    # "Trump said" (a word-name that speaks), "Putin-Trump", "Starmer" after "Keir Starmer".
    assert {"lower_word", "pair", "surname_after_full", "first_name", "case"} <= kinds


@pytest.mark.parametrize(
    ("damage", "word", "expected"),
    [
        (suffix_damage, "Stubb", {"Stubber", "Stube"}),
        (suffix_damage, "Rubio", {"Rubion"}),
        (suffix_damage, "RUBIO", {"RUBION"}),
        (phonetic_damage, "Macron", {"Makron"}),
        (phonetic_damage, "Peskov", {"Peskoff"}),
        (phonetic_damage, "Rutte", {"Rootte"}),
        (truncation_damage, "Tusk", {"Tus"}),
        (truncation_damage, "Macron", {"Macro"}),
        (letters_damage, "Kellogg", {"Kellog"}),
        (ocr_damage, "Macron", {"Maeron", "Macrori"}),
    ],
)
def test_rules_make_the_issues_examples(
    damage: Callable[[str], list[tuple[str, str]]], word: str, expected: set[str]
) -> None:
    assert expected <= {new for new, _rule in damage(word)}


def test_valid_variants_are_not_damage(small_index: NameIndex) -> None:
    zelenskyy = resolve(Official("Volodymyr Zelenskyy", ("Zelenskyy",)), small_index)
    assert not valid_damage("Zelensky", "Zelenskyy", zelenskyy)
    assert not valid_damage("Zelenskiy", "Zelenskyy", zelenskyy)
    assert not valid_damage("Zelenskky", "Zelenskyy", zelenskyy)  # transliterated alike
    assert valid_damage("Zeleskyy", "Zelenskyy", zelenskyy)
    kellogg = resolve(Official("Keith Kellogg", ("Keith Kellogg",)), small_index)
    assert valid_damage("Kellog", "Kellogg", kellogg)  # Latin script: one right spelling


def test_officials_the_gazetteer_lacks_are_marked(small_index: NameIndex) -> None:
    grundberg = Official("Hans Grundberg", ("Hans Grundberg",))
    record = Record("X02", "", "Envoy Hans Grundberg briefed the council.", (grundberg,))
    sample = Corruptor(small_index, seed=1, rate=1.0).corrupt(record, 0)
    assert [d.known for d in sample.damages] == [False]
