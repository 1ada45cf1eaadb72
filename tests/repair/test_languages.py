"""Contract: normalize_language accepts exactly LanguageTool 6.3's codes, in any case and with
"_" for "-", returns the canonical spelling, and raises UnknownLanguage naming anything else.
KNOWN_LANGUAGES is the recorded /v2/languages list, codes and long codes."""

from __future__ import annotations

import json
import re

import pytest

from repair.errors import UnknownLanguage
from repair.languages import KNOWN_LANGUAGES, normalize_language
from tests.languagetool_replay import DATA_DIR


def test_known_languages_match_the_recorded_list() -> None:
    entries = json.loads((DATA_DIR / "languages.json").read_text(encoding="utf-8"))
    recorded = {entry["code"] for entry in entries} | {entry["longCode"] for entry in entries}
    assert KNOWN_LANGUAGES == recorded


@pytest.mark.parametrize(
    ("given", "canonical"),
    [
        ("en-US", "en-US"),
        ("en_us", "en-US"),
        ("EN-gb", "en-GB"),
        ("en", "en"),
        (" de_de ", "de-DE"),
        ("ca-es-valencia", "ca-ES-valencia"),
        ("de-de-x-simple-language", "de-DE-x-simple-language"),
        ("PT_br", "pt-BR"),
    ],
)
def test_normalize_language_returns_canonical_spelling(given: str, canonical: str) -> None:
    assert normalize_language(given) == canonical


@pytest.mark.parametrize("code", sorted(KNOWN_LANGUAGES))
def test_every_known_code_round_trips(code: str) -> None:
    assert normalize_language(code) == code
    assert normalize_language(code.upper().replace("-", "_")) == code


@pytest.mark.parametrize("code", ["", "english", "en-IN", "xx", "en--US", "auto", "en-US-x"])
def test_unknown_codes_raise_naming_the_code(code: str) -> None:
    with pytest.raises(UnknownLanguage, match=re.escape(repr(code))) as info:
        normalize_language(code)
    assert info.value.code == "unknown_language"
