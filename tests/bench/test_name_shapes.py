"""The shapes the name probe groups officials by."""

from __future__ import annotations

import pytest

from bench.name_shapes import shape


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Ferdinand Marcos Jr.", "generation"),
        ("Jean-Pierre Raffarin", "hyphenated first name"),
        ("Nana Akufo-Addo", "hyphenated surname"),
        ("Cristina Fernández de Kirchner", "particle"),
        ("Olaf Scholz", "two words"),
        ("Luiz Inácio Lula da Silva", "particle"),
        ("Andrés Manuel López Obrador", "four words or more"),
        ("Keir Rodney Starmer", "three words"),
    ],
)
def test_shape(name: str, expected: str) -> None:
    assert shape(name) == expected
