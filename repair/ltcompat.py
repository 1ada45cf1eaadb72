"""LanguageTool's HTTP API (``POST /v2/check``, ``GET /v2/languages``) on top of the pipeline,
without HTTP: the request's form fields in, LanguageTool's JSON answer out.

Every LanguageTool client (language-tool-python, the browser add-ons, editor plugins that take
a server URL) can then use this service unchanged. Name fixes are matches of their own rule
(``OFFICIAL_NAME``, category ``OFFICIAL_NAMES``, issueType ``misspelling``) with the person and
the reason in the message; the grammar engine's matches (Harper's, or a LanguageTool server's
passed on) come beside them. Nothing is applied: a client applies what its user accepts.

Offsets and lengths count UTF-16 units, as LanguageTool (Java) does. With ``data`` (annotated
text) they refer to the whole annotated text, markup included, as LanguageTool's do.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from repair.errors import InvalidRequest, UnknownLanguage
from repair.languages import normalize_language
from repair.models import Correction, RepairOptions, RepairResult, Suggestion
from repair.pipeline import Repairer
from repair.request import validated
from repair.utf16 import Utf16

LANGUAGES_FILE = Path(__file__).parent / "data" / "languagetool-languages.json"
SOFTWARE = {
    "name": "article-repair",
    "version": "1.0",
    "buildDate": "",
    "apiVersion": 1,
    "premium": False,
    "premiumHint": "",
    "status": "",
}
# The rule and category of name fixes, as LanguageTool spells its own.
NAME_RULE = "OFFICIAL_NAME"
NAME_CATEGORY = "OFFICIAL_NAMES"
# LanguageTool shows this many characters (UTF-16 units) of context on each side.
CONTEXT_CHARS = 40

# Harper's lint kinds as LanguageTool's categories and issue types.
HARPER_KINDS: dict[str, tuple[str, str, str]] = {
    "Spelling": ("TYPOS", "Possible Typo", "misspelling"),
    "Typo": ("TYPOS", "Possible Typo", "misspelling"),
    "Capitalization": ("CASING", "Capitalization", "typographical"),
    "Punctuation": ("PUNCTUATION", "Punctuation", "typographical"),
    "Formatting": ("TYPOGRAPHY", "Typography", "whitespace"),
    "Agreement": ("GRAMMAR", "Grammar", "grammar"),
    "Grammar": ("GRAMMAR", "Grammar", "grammar"),
    "BoundaryError": ("GRAMMAR", "Grammar", "grammar"),
    "Repetition": ("MISC", "Miscellaneous", "duplication"),
    "Redundancy": ("REDUNDANCY", "Redundant Phrases", "style"),
    "Eggcorn": ("CONFUSED_WORDS", "Commonly Confused Words", "misspelling"),
    "Malapropism": ("CONFUSED_WORDS", "Commonly Confused Words", "misspelling"),
    "Miscellaneous": ("MISC", "Miscellaneous", "uncategorized"),
}
STYLE = ("STYLE", "Style", "style")  # Style, Readability, WordChoice, Usage and the rest


class CheckRequest(BaseModel):
    """The form fields of ``POST /v2/check``, as LanguageTool names them. Others are ignored."""

    model_config = ConfigDict(strict=True, extra="ignore", frozen=True)

    text: str | None = Field(None, description="the text to check (this or `data`)")
    data: str | None = Field(
        None,
        description='annotated text as JSON, `{"annotation": [{"text": "..."}, {"markup": "<b>"},'
        ' {"markup": "<br/>", "interpretAs": "\\n"}]}`: text is checked, markup skipped',
    )
    language: str = Field(description="a language code (GET /v2/languages), or `auto` to detect it")
    motherTongue: str | None = Field(None, description="a language code; accepted, not used")
    preferredVariants: str | None = Field(
        None, description="with `auto`: the variants to prefer, comma-separated (`en-GB,de-AT`)"
    )
    enabledRules: str | None = Field(None, description="rule ids, comma-separated")
    disabledRules: str | None = Field(None, description="rule ids not to report, comma-separated")
    enabledCategories: str | None = Field(None, description="category ids, comma-separated")
    disabledCategories: str | None = Field(None, description="category ids not to report, comma-separated")
    enabledOnly: Literal["true", "false"] = Field(
        "false", description="`true`: only the enabled rules and categories are reported"
    )
    level: Literal["default", "picky"] = Field("default", description="accepted; the engines have no picky rules")
    apiKey: str | None = Field(None, description="this service's API key, for clients that cannot send a header")


@dataclass(frozen=True)
class Annotated:
    """The text to check and, for each of its characters, where it is in the original
    (the text itself, or the annotated text with its markup)."""

    original: str
    text: str
    places: tuple[int, ...] | None = None  # None: the same string

    def place(self, index: int) -> int:
        """Where character ``index`` of ``text`` (or its end) is in ``original``."""
        if self.places is None:
            return index
        return self.places[index] if index < len(self.places) else len(self.original)


def read_annotated(data: str) -> Annotated:
    """The plain text of LanguageTool's annotated text (``data``).

    :raises InvalidRequest: it is not JSON of that shape.
    """
    try:
        parsed = json.loads(data)
    except (ValueError, RecursionError):
        raise InvalidRequest("'data' is not valid JSON") from None
    parts = parsed.get("annotation") if isinstance(parsed, dict) else None
    if not isinstance(parts, list):
        raise InvalidRequest("'data' must be a JSON object with a list 'annotation'")
    original: list[str] = []
    text: list[str] = []
    places: list[int] = []
    at = 0
    for part in parts:
        if not isinstance(part, dict):
            raise InvalidRequest("each item of 'annotation' must be an object")
        if isinstance(part.get("text"), str):
            piece = part["text"]
            text.append(piece)
            places.extend(range(at, at + len(piece)))
        elif isinstance(part.get("markup"), str):
            piece = part["markup"]
            shown = part.get("interpretAs", "")
            if not isinstance(shown, str):
                raise InvalidRequest("'interpretAs' must be a string")
            text.append(shown)
            places.extend([at] * len(shown))
        else:
            raise InvalidRequest("each item of 'annotation' needs 'text' or 'markup' (a string)")
        original.append(piece)
        at += len(piece)
    return Annotated("".join(original), "".join(text), tuple(places))


@cache
def languages() -> list[dict[str, str]]:
    """``GET /v2/languages``: the languages LanguageTool 6.3 knows, as it lists them."""
    listed: list[dict[str, str]] = json.loads(LANGUAGES_FILE.read_text(encoding="utf-8"))
    return listed


def language_name(code: str) -> str:
    """LanguageTool's name for a language code ("en-US" -> "English (US)")."""
    for entry in languages():
        if entry["longCode"] == code:
            return entry["name"]
    return code


# --- "auto": which language a text is in ---------------------------------------------------

# The commonest words of the Latin-script languages LanguageTool knows, enough to tell them
# apart in a paragraph (a full detector is no part of this service).
COMMON_WORDS: dict[str, frozenset[str]] = {
    lang: frozenset(words.split())
    for lang, words in {
        "en": "the and of to in is that for it was with on as are by this be at from have has not but said",
        "de": "der die und das ist nicht den von mit sich des auf für dem ein eine im zu auch es sie",
        "fr": "le la les et des est une un que pour dans qui du en au pas sur ce il avec sont",
        "es": "el la los las y de que en un una es por con para del se no al lo como",
        "it": "il di che la per un una del non sono della gli con le si da al è",
        "pt": "o os da do das dos que não uma um com para em por se mais foi ao",
        "nl": "de het een van en is dat niet op te voor met zijn ook aan er",
        "pl": "i w nie na się z do jest że to jak o od po tak ale",
        "sv": "och att det som en på är av för med till den inte har jag",
        "da": "og at det som en på er af for med til den ikke har jeg",
        "ro": "și de la în nu cu o pe un este că din care mai",
        "ca": "i de la el els les que és amb per una no al dels",
        "sk": "a v na je sa že s z do to ako sú",
        "sl": "in je da v na se za so ki z ne bi",
        "gl": "e o a os as de que non unha un para con",
        "eo": "la kaj de en estas al ne por kun ke mi",
    }.items()
}
# Scripts that name the language on their own, and letters that tell Cyrillic ones apart.
SCRIPTS: tuple[tuple[str, str], ...] = (
    ("ar", "[\u0600-\u06ff]"),
    ("el", "[\u0370-\u03ff]"),
    ("ja", "[\u3040-\u30ff]"),
    ("zh", "[\u4e00-\u9fff]"),
    ("km", "[\u1780-\u17ff]"),
    ("ta", "[\u0b80-\u0bff]"),
)
_WORD = re.compile(r"[^\W\d_]+")


def detect_language(text: str, preferred: Sequence[str] = ()) -> tuple[str, float]:
    """The language code ``text`` is most likely in, and how sure that is (0 to 1): by
    script, then by its commonest words; English when nothing tells.

    ``preferred`` variants ("en-GB") are taken for their language when it is detected.
    """
    sample = text[:5000]
    base, confidence = "en", 0.5
    for lang, letters in SCRIPTS:
        if len(re.findall(letters, sample)) > len(sample) / 10:
            base, confidence = lang, 0.9
            break
    else:
        if re.search("[\u0400-\u04ff]", sample):
            base = "uk" if re.search("[іїєґ]", sample) else "be" if "ў" in sample else "ru"
            confidence = 0.8
        else:
            words = [w.casefold() for w in _WORD.findall(sample)][:1000]
            if words:
                counts = {lang: sum(w in common for w in words) for lang, common in COMMON_WORDS.items()}
                best = max(counts, key=lambda lang: counts[lang])
                if counts[best]:
                    base = best
                    confidence = round(min(0.99, 0.5 + counts[best] / len(words)), 2)
    for variant in preferred:
        if variant.split("-")[0] == base:
            try:
                return normalize_language(variant), confidence
            except UnknownLanguage:
                continue
    defaults = {"en": "en-US", "de": "de-DE", "fr": "fr", "pt": "pt-PT", "es": "es", "nl": "nl", "it": "it"}
    codes = {entry["code"]: entry["longCode"] for entry in reversed(languages())}
    return defaults.get(base, codes.get(base, base)), confidence


# --- The check -----------------------------------------------------------------------------


def _ids(value: str | None) -> frozenset[str]:
    return frozenset(part.strip() for part in (value or "").split(",") if part.strip())


@dataclass(frozen=True)
class Filters:
    """Which rules and categories a check reports."""

    enabled_rules: frozenset[str] = frozenset()
    disabled_rules: frozenset[str] = frozenset()
    enabled_categories: frozenset[str] = frozenset()
    disabled_categories: frozenset[str] = frozenset()
    enabled_only: bool = False

    def allows(self, rule: str, category: str) -> bool:
        """Whether a match of ``rule`` in ``category`` is reported."""
        if self.enabled_only:
            return rule in self.enabled_rules or category in self.enabled_categories
        if rule in self.enabled_rules:
            return True
        return rule not in self.disabled_rules and category not in self.disabled_categories


def read_check(fields: dict[str, str]) -> tuple[CheckRequest, Annotated, Filters]:
    """The check a form asks for: the request, the text to check, and its filters.

    :raises InvalidRequest: a field is missing or wrong (UnknownLanguage for the language).
    """
    request = validated(CheckRequest, fields)
    if request.text is not None and request.data is not None:
        raise InvalidRequest("send 'text' or 'data', not both")
    if request.text is not None:
        annotated = Annotated(request.text, request.text)
    elif request.data is not None:
        annotated = read_annotated(request.data)
    else:
        raise InvalidRequest("'text' or 'data' is required")
    for text in (annotated.original, annotated.text):
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            raise InvalidRequest("the text is not valid Unicode (a lone surrogate)") from None
    if request.language != "auto":
        normalize_language(request.language)
    if request.motherTongue:
        normalize_language(request.motherTongue)
    filters = Filters(
        _ids(request.enabledRules),
        _ids(request.disabledRules),
        _ids(request.enabledCategories),
        _ids(request.disabledCategories),
        request.enabledOnly == "true",
    )
    if filters.enabled_only and not (filters.enabled_rules or filters.enabled_categories):
        raise InvalidRequest("'enabledOnly' needs 'enabledRules' or 'enabledCategories'")
    return request, annotated, filters


def check(repairer: Repairer, fields: dict[str, str], defaults: RepairOptions) -> tuple[dict[str, Any], RepairResult]:
    """LanguageTool's answer to ``POST /v2/check`` with these form ``fields``, and the result
    it was made from (for the caller's metrics).

    :raises InvalidRequest: a field is missing or wrong.
    :raises TextTooLong: the text is over the service's limit.
    """
    request, annotated, filters = read_check(fields)
    preferred = sorted(_ids(request.preferredVariants))
    confidence = 1.0
    if request.language == "auto":
        language, confidence = detect_language(annotated.text, preferred)
        source = "auto"
    else:
        language = normalize_language(request.language)
        source = "+fallback"
    params, grammar = engine_params(request, filters)
    # Suggest mode: nothing is applied, so every offset is one of the text as sent.
    options = RepairOptions(
        language=language,
        mode="suggest",
        grammar=grammar,
        grammar_params=params,
        apply_threshold=defaults.apply_threshold,
        suggest_threshold=defaults.suggest_threshold,
    )
    result = repairer.repair(annotated.text, options)
    answer = check_json(annotated, result, filters, language=language, detected=(language, confidence, source))
    return answer, result


def engine_params(request: CheckRequest, filters: Filters) -> tuple[tuple[tuple[str, str], ...], bool]:
    """The request's LanguageTool parameters for a LanguageTool server behind this service
    (this service's own rule and category left out), and whether the grammar engine is to be
    asked at all (not when only the name rule is enabled)."""
    own_rules, own_categories = {NAME_RULE}, {NAME_CATEGORY}
    lists = {
        "enabledRules": filters.enabled_rules - own_rules,
        "disabledRules": filters.disabled_rules - own_rules,
        "enabledCategories": filters.enabled_categories - own_categories,
        "disabledCategories": filters.disabled_categories - own_categories,
    }
    params = [(name, ",".join(sorted(ids))) for name, ids in lists.items() if ids]
    if filters.enabled_only:
        if not (lists["enabledRules"] or lists["enabledCategories"]):
            return (), False  # only this service's rule is wanted: no grammar to ask for
        params.append(("enabledOnly", "true"))
    if request.level == "picky":
        params.append(("level", "picky"))
    if request.motherTongue:
        params.append(("motherTongue", normalize_language(request.motherTongue)))
    return tuple(params), True


def check_json(
    annotated: Annotated,
    result: RepairResult,
    filters: Filters,
    *,
    language: str,
    detected: tuple[str, float, str],
) -> dict[str, Any]:
    """The result as LanguageTool's JSON: software, warnings, language, matches, sentenceRanges."""
    text = annotated.text
    plain = Utf16(text)
    original = Utf16(annotated.original)
    sentences = sentence_spans(text)
    starts = [start for start, _end in sentences]
    matches: list[tuple[int, int, dict[str, Any]]] = []

    def add(start: int, end: int, body: dict[str, Any]) -> None:
        rule = body["rule"]
        if not filters.allows(rule["id"], rule["category"]["id"]):
            return
        # Offsets in the original (markup included), in UTF-16 units; context and sentence
        # are of the plain text, as LanguageTool gives them.
        first = original.to_utf16(annotated.place(start))
        last = original.to_utf16(annotated.place(end - 1) + 1) if end > start else first
        sentence = _sentence(text, sentences, starts, start)
        body.update(
            offset=first,
            length=last - first,
            context=context(text, plain, start, end),
            sentence=sentence,
        )
        matches.append((start, end, body))

    for correction in result.corrections:
        add(correction.start, correction.end, name_match(correction))
    for suggestion in result.suggestions:
        add(suggestion.start, suggestion.end, grammar_match(suggestion))
    matches.sort(key=lambda m: (m[0], m[1]))
    detected_code, confidence, source = detected
    return {
        "software": dict(SOFTWARE),
        "warnings": {"incompleteResults": result.names.status != "ok" or result.grammar.status == "unavailable"},
        "language": {
            "name": language_name(language),
            "code": language,
            "detectedLanguage": {
                "name": language_name(detected_code),
                "code": detected_code,
                "confidence": confidence,
                "source": source,
            },
        },
        "matches": [_ordered(body) for _start, _end, body in matches],
        "sentenceRanges": [[plain.to_utf16(a), plain.to_utf16(b)] for a, b in sentences],
    }


def _ordered(body: dict[str, Any]) -> dict[str, Any]:
    """A match's fields in LanguageTool's order."""
    keys = ("message", "shortMessage", "replacements", "offset", "length", "context", "sentence", "type", "rule",
            "ignoreForIncompleteSentence", "contextForSureMatch")  # fmt: skip
    return {key: body[key] for key in keys}


def name_match(correction: Correction) -> dict[str, Any]:
    """A name fix as a LanguageTool match (without its place)."""
    entity = correction.entity
    who = ", ".join(part for part in (entity.role, entity.country) if part)
    message = (
        f"Did you mean {entity.name} ({who})? {correction.reason[:1].upper()}{correction.reason[1:]}"
        f" (confidence {correction.confidence:.0%})."
    )
    return {
        "message": message,
        "shortMessage": f"Official's name: {entity.name}",
        "replacements": [{"value": correction.replacement}],
        "type": {"typeName": "UnknownWord"},
        "rule": {
            "id": NAME_RULE,
            "description": "Names of officials, checked against the gazetteer",
            "issueType": "misspelling",
            "category": {"id": NAME_CATEGORY, "name": "Officials' names"},
        },
        "ignoreForIncompleteSentence": False,
        "contextForSureMatch": 0,
    }


def grammar_match(suggestion: Suggestion) -> dict[str, Any]:
    """A grammar engine's suggestion as a LanguageTool match (without its place)."""
    if suggestion.engine == "languagetool":
        category = (suggestion.rule_category, suggestion.category_name or suggestion.rule_category)
        issue_type = suggestion.issue_type or "uncategorized"
        description = suggestion.rule_description or suggestion.rule_id
    else:
        category_id, category_name, issue_type = HARPER_KINDS.get(suggestion.rule_category, STYLE)
        category = (category_id, category_name)
        description = f"{suggestion.rule_id} ({suggestion.engine})"
    return {
        "message": suggestion.message,
        "shortMessage": suggestion.short_message,
        "replacements": [{"value": value} for value in suggestion.replacements],
        "type": {"typeName": "UnknownWord" if suggestion.is_misspelling else "Other"},
        "rule": {
            "id": suggestion.rule_id,
            "description": description,
            "issueType": issue_type,
            "category": {"id": category[0], "name": category[1]},
        },
        "ignoreForIncompleteSentence": False,
        "contextForSureMatch": 0,
    }


def context(text: str, units: Utf16, start: int, end: int) -> dict[str, Any]:
    """LanguageTool's context of ``text[start:end]``: up to 40 UTF-16 units on each side, cut
    ends marked "...", line breaks shown as spaces; offset and length in UTF-16 units."""
    first, last = units.to_utf16(start), units.to_utf16(end)
    from_unit = max(0, first - CONTEXT_CHARS)
    to_unit = min(units.units, last + CONTEXT_CHARS)
    # Never cut a surrogate pair: widen to whole characters.
    from_index = _index_at_or_before(units, from_unit)
    to_index = _index_at_or_after(units, to_unit)
    prefix = "..." if from_index > 0 else ""
    suffix = "..." if to_index < len(text) else ""
    shown = re.sub(r"[\r\n]", " ", text[from_index:to_index])
    return {
        "text": prefix + shown + suffix,
        "offset": len(prefix) + first - units.to_utf16(from_index),
        "length": last - first,
    }


def _index_at_or_before(units: Utf16, unit: int) -> int:
    try:
        return units.to_index(unit)
    except ValueError:  # inside a pair
        return units.to_index(unit - 1)


def _index_at_or_after(units: Utf16, unit: int) -> int:
    try:
        return units.to_index(unit)
    except ValueError:
        return units.to_index(unit + 1)


_SENTENCE_END = re.compile(r"[.!?\u2026]+[\"'\u201d\u2019)\]]*(?=\s)|\n\s*\n")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The sentences of ``text`` as spans without surrounding white space: cut after a full
    stop, question or exclamation mark (and closing quotes) before white space, and at blank
    lines."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end() if not match.group().startswith("\n") else match.start()
        _add_sentence(text, spans, start, end)
        start = match.end()
    _add_sentence(text, spans, start, len(text))
    return spans


def _add_sentence(text: str, spans: list[tuple[int, int]], start: int, end: int) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        lead = len(piece) - len(piece.lstrip())
        spans.append((start + lead, start + lead + len(stripped)))


def _sentence(text: str, spans: list[tuple[int, int]], starts: list[int], index: int) -> str:
    from bisect import bisect_right

    at = bisect_right(starts, index) - 1
    if at < 0:
        return ""
    start, end = spans[at]
    return text[start:end]
