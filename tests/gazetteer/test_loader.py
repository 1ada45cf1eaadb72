"""Gazetteer files: YAML and CSV in one format, validated, merged by id, versioned by content."""

from __future__ import annotations

from pathlib import Path

import pytest

from gazetteer.loader import BUILT_PATH, CURATED_PATH, Gazetteer, GazetteerError, load_gazetteer
from gazetteer.normalize import fold


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_shipped_gazetteer_loads_and_is_sound(shipped_gazetteer: Gazetteer) -> None:
    gazetteer = shipped_gazetteer
    assert len(gazetteer) >= 100_000
    for entry in gazetteer.entries.values():
        assert entry.role and entry.country
        assert entry.surname in entry.name or entry.surname_variants
        assert 0 <= entry.prominence <= 1


def test_curated_people_are_not_built_twice() -> None:
    """A curated person the sources know must carry the sources' id, or be two people."""
    built = load_gazetteer([BUILT_PATH])
    curated = load_gazetteer([CURATED_PATH])
    names = [key for e in curated.entries.values() for key in {fold(n) for n in e.full_names}]
    assert len(names) == len(set(names)), "two curated entries share a name"
    built_local = {fold(n): e.id for e in built.entries.values() for n in e.full_names}
    for entry in curated.entries.values():
        if entry.id.startswith("local:"):
            assert fold(entry.name) not in built_local, (entry.id, built_local.get(fold(entry.name)))


@pytest.mark.parametrize(
    "name",
    ["Emmanuel Macron", "Donald Tusk", "Alexander Stubb", "Marco Rubio", "Sergei Lavrov", "Vladimir Putin",
     "Dmitry Peskov", "Keith Kellogg", "Joe Biden", "Donald Trump", "Keir Starmer", "Leila Abboud",
     "Lucy Fisher", "Felicia Schwartz"],
)
def test_the_shipped_gazetteer_knows_the_article_people(shipped_gazetteer: Gazetteer, name: str) -> None:
    assert name in {e.name for e in shipped_gazetteer.entries.values()}


def test_yaml_and_csv_say_the_same(tmp_path: Path) -> None:
    yaml_file = write(
        tmp_path,
        "a.yaml",
        "people:\n  - {id: Q1, name: Ana Example, aliases: [Anna Example], surname_variants: [Exampel],"
        " role: Minister of Tests, country: Testland}\n",
    )
    csv_file = write(
        tmp_path,
        "a.csv",
        "id,name,surname,aliases,surname_variants,role,country,kind\n"
        "Q1,Ana Example,,Anna Example,Exampel,Minister of Tests,Testland,official\n",
    )
    from_yaml = load_gazetteer([yaml_file]).entries["Q1"]
    from_csv = load_gazetteer([csv_file]).entries["Q1"]
    assert from_yaml == from_csv
    assert from_yaml.surnames == ("Example", "Exampel")
    assert from_yaml.wikidata == "Q1"


def test_a_later_file_wins_and_the_version_follows_content(tmp_path: Path) -> None:
    base = write(tmp_path, "base.yaml", "people:\n  - {id: Q1, name: Ana Example, role: Minister, country: Testland}\n")
    overlay = write(tmp_path, "overlay.csv", "id,name,role,country\nQ1,Ana Example,Prime Minister,Testland\n"
                    "local:new-person,New Person,Envoy,Testland\n")
    merged = load_gazetteer([base, overlay])
    assert merged.entries["Q1"].role == "Prime Minister"
    assert len(merged) == 2
    assert merged.version != load_gazetteer([base]).version
    assert load_gazetteer([base]).version == load_gazetteer([base]).version


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("bad.yaml", "people: [", "not valid YAML"),
        ("bad.yaml", "- just a list", "'people' list"),
        ("bad.yaml", "people:\n  - {id: Q1, role: x, country: y}\n", "missing field 'name'"),
        ("bad.yaml", "people:\n  - {id: 'Bob', name: Bob, role: x, country: y}\n", "neither a Wikidata id"),
        ("bad.yaml", "people:\n  - {id: Q1, name: Bob, role: x, country: y, kind: actor}\n", "kind 'actor'"),
        ("bad.yaml", "people:\n  - {id: Q1, name: Bob, role: 5, country: y}\n", "must be text"),
        ("bad.txt", "whatever", "unknown gazetteer format"),
        ("empty.yaml", "people: []\n", "empty"),
    ],
)
def test_bad_files_are_refused_with_a_reason(tmp_path: Path, name: str, text: str, message: str) -> None:
    with pytest.raises(GazetteerError, match=message):
        load_gazetteer([write(tmp_path, name, text)])


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(GazetteerError, match="nowhere.yaml"):
        load_gazetteer([tmp_path / "nowhere.yaml"])
