"""The values that flow through the pipeline: text -> mentions -> decisions -> edits -> result.

Every offset is a Python ``str`` index (a Unicode code point) into the text named in the
field's docstring. Engines that count otherwise (LanguageTool counts UTF-16 units) convert
in their adapter, before a value of this module is made.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Mode = Literal["apply", "suggest"]
# What the text is: plain text, or an HTML document or fragment (names are read in its text).
Format = Literal["text", "html"]
# How the answer counts offsets: code points (Python str indices), or UTF-16 units (JavaScript).
Offsets = Literal["codepoints", "utf16"]


@dataclass(frozen=True)
class Entity:
    """The public face of a gazetteer entry, as a correction reports it."""

    id: str
    name: str
    role: str
    country: str
    kind: str = "official"


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` of the input with ``replacement``."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True)
class Correction:
    """One name fix found in the input; ``start``/``end`` index the input text."""

    start: int
    end: int
    original: str
    replacement: str
    applied: bool
    confidence: float
    reason: str
    entity: Entity

    def as_edit(self) -> Edit:
        """The edit that makes this correction."""
        return Edit(self.start, self.end, self.replacement)


@dataclass(frozen=True)
class Suggestion:
    """A grammar suggestion; ``start``/``end`` index the text that was checked."""

    start: int
    end: int
    message: str
    replacements: tuple[str, ...]
    rule_id: str
    rule_category: str
    engine: str
    is_misspelling: bool = False
    # What LanguageTool's JSON says of a match besides (its /v2/check answer passes them on);
    # empty for engines that have no such words.
    short_message: str = ""
    rule_description: str = ""
    issue_type: str = ""
    category_name: str = ""


@dataclass(frozen=True)
class DiffOp:
    """One exact change: ``old`` at ``[start, end)`` of the input became ``new`` at
    ``[out_start, out_end)`` of the output."""

    start: int
    end: int
    out_start: int
    out_end: int
    old: str
    new: str


@dataclass(frozen=True)
class Diff:
    """The same edits three ways: exact ops, a unified diff and an HTML redline."""

    ops: tuple[DiffOp, ...]
    unified: str
    html: str


@dataclass(frozen=True)
class GrammarReport:
    """What the grammar stage found, and whether it could run at all."""

    engine: str
    status: Literal["ok", "disabled", "unavailable"]
    suggestions: tuple[Suggestion, ...] = ()
    reason: str = ""


@dataclass(frozen=True)
class NamesReport:
    """Whether the name stage read the whole text: ``partial`` when the request's deadline
    stopped it, and the fixes listed are those found until then."""

    status: Literal["ok", "partial"] = "ok"
    reason: str = ""


@dataclass(frozen=True)
class RepairOptions:
    """Per-request choices; every field has the service default."""

    language: str = "en-US"
    mode: Mode = "apply"
    grammar: bool = True
    format: Format = "text"
    offsets: Offsets = "codepoints"
    # LanguageTool's own check parameters ((name, value) pairs) for a LanguageTool server:
    # the LanguageTool-compatible API passes its client's on.
    grammar_params: tuple[tuple[str, str], ...] = ()
    apply_threshold: float = 0.8
    suggest_threshold: float = 0.45


@dataclass(frozen=True)
class RepairResult:
    """Everything one repair returns."""

    input: str
    text: str
    corrections: tuple[Correction, ...]
    suggestions: tuple[Suggestion, ...]
    suggested_text: str
    diff: Diff
    grammar: GrammarReport
    timings_ms: dict[str, float] = field(default_factory=dict)
    names: NamesReport = NamesReport()

    @property
    def edits(self) -> tuple[Edit, ...]:
        """The edits that turn ``input`` into ``text``."""
        return tuple(c.as_edit() for c in self.corrections if c.applied)
