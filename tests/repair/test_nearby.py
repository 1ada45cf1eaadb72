"""NearbyNames narrows an article's surnames without losing one: every surname a key
``may_be_alike`` is among ``near(key)``, so names.py decides exactly as if it compared the key
with every surname (and does, for the few people of a usual article)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import repair.nearby
from gazetteer.index import NameIndex, may_be_alike
from repair import RepairOptions, repair_text
from repair.nearby import FEW, NearbyNames, deletions

# Few letters, so that generated keys are often alike.
keys = st.text(alphabet="abcdeilmnru", min_size=1, max_size=9)


@settings(max_examples=500, deadline=None)
@given(keys, keys, st.lists(keys, min_size=FEW + 1, max_size=FEW + 20))
def test_every_surname_that_may_be_alike_is_near(key: str, surname: str, others: list[str]) -> None:
    rows = [(other,) for other in others] + [(surname,)]
    near = NearbyNames(rows, lambda row: row[0]).near(key)
    if may_be_alike(key, surname):
        assert (surname,) in near
    assert list(near) == [row for row in rows if row in near]  # in the rows' order


@pytest.mark.parametrize(
    ("key", "surname"),
    [("tus", "tusk"), ("stubber", "stubb"), ("makron", "macron"), ("pornpeo", "pompeo"), ("kellog", "kellogg"),
     ("tusk", "tuskabc"), ("abcdefg", "abcd"), ("rnacron", "macron"), ("ab", "ba"),
     # case endings, which main's may_be_alike is to accept: longer than three letters
     ("johnsonille", "johnson"), ("pompeem", "pompeo"), ("bidennek", "biden")],
)
def test_damage_of_each_kind_is_near(key: str, surname: str) -> None:
    rows = [(f"filler{i:03d}",) for i in range(FEW + 5)] + [(surname,)]
    assert (surname,) in NearbyNames(rows, lambda row: row[0]).near(key)


def test_a_few_rows_are_handed_back_whole() -> None:
    rows = [("macron",), ("tusk",)]
    assert NearbyNames(rows, lambda row: row[0]).near("zzz") == rows


def test_deletions_go_down_to_nothing() -> None:
    assert deletions("ab", 2) == {"ab", "a", "b", ""}


def test_names_decide_the_same_with_and_without_the_index(
    shipped_index: NameIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    entries = sorted(shipped_index.entries.values(), key=lambda e: (-e.prominence, e.id))
    surnames = [e.surname for e in entries if e.surname.isalpha() and len(e.surname) >= 5][:150]
    # Each named right, then misspelt alone or in lower case before a speech verb.
    text = " ".join(
        f"{s} spoke. Later {s[:-1]}x said so, and {s.lower()[:-1]} said no." for s in surnames
    )
    options = RepairOptions(grammar=False)
    monkeypatch.setattr(repair.nearby, "FEW", 10**9)
    compared = repair_text(text, index=shipped_index, options=options)
    monkeypatch.setattr(repair.nearby, "FEW", 0)
    indexed = repair_text(text, index=shipped_index, options=options)
    assert compared.corrections == indexed.corrections
    assert len(compared.corrections) > 50
