"""Language codes the service accepts, spelled as LanguageTool spells them."""

from __future__ import annotations

from repair.errors import UnknownLanguage

# Every `code` and `longCode` of LanguageTool 6.3's GET /v2/languages, generated once from
# tests/data/languagetool/languages.json and sorted. A literal, so that validating a request
# needs neither the server nor the file; regenerate it when the server is upgraded.
KNOWN_LANGUAGES: frozenset[str] = frozenset(
    {
        "ar", "ast", "ast-ES", "be", "be-BY", "br", "br-FR", "ca", "ca-ES", "ca-ES-balear",
        "ca-ES-valencia", "da", "da-DK", "de", "de-AT", "de-CH", "de-DE",
        "de-DE-x-simple-language", "de-DE-x-simple-language-DE", "de-LU", "el", "el-GR", "en",
        "en-AU", "en-CA", "en-GB", "en-NZ", "en-US", "en-ZA", "eo", "es", "es-AR", "es-ES", "fa",
        "fa-IR", "fr", "fr-BE", "fr-CA", "fr-CH", "fr-FR", "ga", "ga-IE", "gl", "gl-ES", "it",
        "it-IT", "ja", "ja-JP", "km", "km-KH", "nl", "nl-BE", "nl-NL", "pl", "pl-PL", "pt",
        "pt-AO", "pt-BR", "pt-MZ", "pt-PT", "ro", "ro-RO", "ru", "ru-RU", "sk", "sk-SK", "sl",
        "sl-SI", "sv", "sv-SE", "ta", "ta-IN", "tl", "tl-PH", "uk", "uk-UA", "zh", "zh-CN",
    }
)  # fmt: skip

# Lookup key -> canonical code. No two known codes differ only by case or "_"/"-".
_CANONICAL: dict[str, str] = {code.casefold(): code for code in KNOWN_LANGUAGES}


def normalize_language(code: str) -> str:
    """Return the canonical spelling of a language code ("en_us" -> "en-US").

    :raises UnknownLanguage: if the code is not one LanguageTool 6.3 knows.
    """
    key = code.strip().replace("_", "-").casefold()
    try:
        return _CANONICAL[key]
    except KeyError:
        raise UnknownLanguage(f"unknown language code {code!r}") from None
