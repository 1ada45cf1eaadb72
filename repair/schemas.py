"""The API's answers as pydantic models: they describe every answer in the OpenAPI document
(repair/openapi.py), and the tests validate real answers against them (extra fields
forbidden), so that the description cannot drift from what the service sends."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class _Answer(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class ErrorBody(_Answer):
    code: str = Field(description="a stable, machine-readable code: invalid_request, text_too_long, ...")
    message: str = Field(description="what went wrong, for people")


class ErrorAnswer(_Answer):
    """Every error the service answers, whatever the route or status."""

    error: ErrorBody


class EntityOut(_Answer):
    id: str
    name: str
    role: str
    country: str
    kind: str


class CorrectionOut(_Answer):
    start: int = Field(description="where the name starts in the input")
    end: int
    original: str = Field(description="the input between start and end")
    replacement: str = Field(description="the name as it should be written")
    applied: bool
    confidence: float
    reason: str
    entity: EntityOut


class RuleOut(_Answer):
    id: str
    category: str


class SuggestionOut(_Answer):
    start: int = Field(description="where the problem starts in the returned `text`")
    end: int
    message: str
    replacements: list[str]
    rule: RuleOut
    engine: str


class DiffOpOut(_Answer):
    start: int
    end: int
    out_start: int
    out_end: int
    old: str
    new: str


class DiffOut(_Answer):
    ops: list[DiffOpOut]
    unified: str
    html: str


class StageStatus(_Answer):
    status: Literal["ok", "partial"]
    reason: str


class GrammarStatus(_Answer):
    engine: str
    status: Literal["ok", "disabled", "unavailable"]
    reason: str


class GazetteerInfo(_Answer):
    version: str
    size: int


class MetaOut(_Answer):
    language: str
    mode: Literal["apply", "suggest"]
    format: Literal["text", "html"]
    offsets: Literal["codepoints", "utf16"]
    names: StageStatus
    grammar: GrammarStatus
    gazetteer: GazetteerInfo
    timings_ms: dict[str, float]


class RepairAnswer(_Answer):
    """The answer of ``POST /v1/repair``."""

    text: str = Field(description="the input with the applied name fixes and nothing else changed")
    corrections: list[CorrectionOut]
    suggestions: list[SuggestionOut]
    suggested_text: str
    diff: DiffOut
    meta: MetaOut


class BatchAnswerItem(RepairAnswer):
    id: str | int


class BatchErrorItem(_Answer):
    id: str | int | None
    error: ErrorBody


class BatchAnswer(_Answer):
    """The answer of ``POST /v1/repair/batch``: one item per document, in order."""

    results: list[BatchAnswerItem | BatchErrorItem]


class RoleOut(_Answer):
    title: str
    country: str
    start: str
    end: str


class EntryOut(_Answer):
    id: str
    name: str
    surname: str
    aliases: list[str]
    surname_variants: list[str]
    role: str
    country: str
    kind: str
    prominence: float
    roles: list[RoleOut]
    wikidata: str | None
    wikidata_url: str | None


class CandidateOut(_Answer):
    score: float
    reason: str
    entry: EntryOut


class LookupAnswer(_Answer):
    query: str
    candidates: list[CandidateOut]
    gazetteer: GazetteerInfo


class EntryAnswer(_Answer):
    entry: EntryOut


class ReloadAnswer(_Answer):
    gazetteer: GazetteerInfo
    reloaded: bool


class HealthAnswer(_Answer):
    status: Literal["ok"]
    gazetteer: GazetteerInfo


class ReadyAnswer(_Answer):
    status: Literal["ready"]
    gazetteer: GazetteerInfo
    grammar: GrammarStatus


# --- LanguageTool's format (/v2) -----------------------------------------------------------


class LtSoftware(_Answer):
    name: str
    version: str
    buildDate: str
    apiVersion: int
    premium: bool
    premiumHint: str
    status: str


class LtWarnings(_Answer):
    incompleteResults: bool


class LtDetected(_Answer):
    name: str
    code: str
    confidence: float
    source: str


class LtLanguage(_Answer):
    name: str
    code: str
    detectedLanguage: LtDetected


class LtReplacement(_Answer):
    value: str


class LtContext(_Answer):
    text: str
    offset: int = Field(description="UTF-16 units into the context's text")
    length: int


class LtType(_Answer):
    typeName: str


class LtCategory(_Answer):
    id: str
    name: str


class LtRule(_Answer):
    id: str
    description: str
    issueType: str
    category: LtCategory


class LtMatch(_Answer):
    message: str
    shortMessage: str
    replacements: list[LtReplacement]
    offset: int = Field(description="UTF-16 units into the text (with `data`: the annotated text, markup included)")
    length: int = Field(description="UTF-16 units")
    context: LtContext
    sentence: str
    type: LtType
    rule: LtRule
    ignoreForIncompleteSentence: bool
    contextForSureMatch: int


class CheckAnswer(_Answer):
    """The answer of ``POST /v2/check``, in LanguageTool's format."""

    software: LtSoftware
    warnings: LtWarnings
    language: LtLanguage
    matches: list[LtMatch]
    sentenceRanges: list[list[int]]


class LanguageOut(_Answer):
    name: str
    code: str
    longCode: str
