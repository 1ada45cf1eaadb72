"""Runs the stages in order: text -> mentions -> decisions -> edits -> result."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace

from gazetteer.index import NameIndex
from repair.diff import SpanMap, Spans, apply_edits, build_diff, non_overlapping
from repair.deadline import Deadline
from repair.errors import InvalidRequest, TextTooLong
from repair.grammar import GrammarEngine, check_grammar
from repair.html import Page, read_html
from repair.languages import normalize_language
from repair.mentions import find_mentions
from repair.models import (
    Correction,
    Edit,
    Entity,
    GrammarReport,
    NamesReport,
    RepairOptions,
    RepairResult,
    Suggestion,
)
from repair.names import Decision, decide_names, load_word_frequencies
from repair.reading import read

DEFAULT_MAX_CHARS = 100_000
# Seconds a request may take before its stages stop and answer with what they have.
DEFAULT_DEADLINE = 10.0


@dataclass
class Repairer:
    """The pipeline with its long-lived parts: the name index and a grammar engine."""

    index: NameIndex
    engine: GrammarEngine | None = None
    grammar_timeout: float = 10.0
    max_chars: int = DEFAULT_MAX_CHARS
    deadline: float | None = DEFAULT_DEADLINE

    def repair(
        self, text: str, options: RepairOptions = RepairOptions(), *, deadline: Deadline | None = None
    ) -> RepairResult:
        """Repair one text, within ``deadline`` seconds (then with what was done by then).

        ``deadline`` is the request's own when several texts share one (a batch); by default
        each text gets the configured number of seconds.

        :raises TextTooLong: the text is over ``max_chars``.
        :raises InvalidRequest: an option is out of range (UnknownLanguage for the language).
        """
        if len(text) > self.max_chars:
            raise TextTooLong(
                f"text is {len(text):,} characters; the maximum is {self.max_chars:,}"
            )
        return repair_text(
            text,
            index=self.index,
            engine=self.engine,
            options=options,
            grammar_timeout=self.grammar_timeout,
            deadline=deadline or Deadline(self.deadline),
        )

    def warm_up(self) -> None:
        """Load now what the first request would wait for: word frequencies, a linter.

        Runs in the calling thread, so it is safe before gunicorn forks its workers.
        """
        load_word_frequencies()
        sample = "President Emanuel McCone met Donald Tus."
        repair_text(sample, index=self.index, options=RepairOptions(grammar=False))
        if self.engine is not None:
            self.engine.warm_up()

    def close(self) -> None:
        """Release the grammar engine (a LanguageTool client, say)."""
        if self.engine is not None:
            self.engine.close()


def repair_text(
    text: str,
    *,
    index: NameIndex,
    engine: GrammarEngine | None = None,
    options: RepairOptions = RepairOptions(),
    grammar_timeout: float = 10.0,
    deadline: Deadline | None = None,
) -> RepairResult:
    """Fix officials' names in ``text``, check its grammar and diff the two.

    With ``options.format`` "html" the text is an HTML page: names and grammar are read in
    the text a reader sees (repair/html.py), and every offset of the result is in the HTML.

    Past ``deadline`` the name stage stops with the fixes found so far (``names.status``
    "partial") and the grammar check is skipped; the grammar check itself gets the time left.
    """
    if options.mode not in ("apply", "suggest"):
        raise InvalidRequest(f"mode must be 'apply' or 'suggest', not {options.mode!r}")
    if options.format not in ("text", "html"):
        raise InvalidRequest(f"format must be 'text' or 'html', not {options.format!r}")
    if options.offsets not in ("codepoints", "utf16"):
        raise InvalidRequest(f"offsets must be 'codepoints' or 'utf16', not {options.offsets!r}")
    options = replace(options, language=normalize_language(options.language))
    deadline = deadline or Deadline(None)
    timings: dict[str, float] = {}
    page = read_html(text) if options.format == "html" else None

    with _timed(timings, "names"):
        content = text if page is None else page.text
        corrections, names = _find_names(content, index, options, deadline)
        if page is None:
            edits = [c.as_edit() for c in corrections if c.applied]
        else:
            corrections, edits = _in_html(page, corrections)
        output = apply_edits(text, edits)

    with _timed(timings, "diff"):
        applied = [c for c in corrections if c.applied]
        diff = build_diff(text, applied, edits=edits)

    with _timed(timings, "grammar"):
        out_page = None if page is None else read_html(output)
        checked = output if out_page is None else out_page.text
        if options.grammar and deadline.passed():
            report = GrammarReport(
                engine=engine.name if engine else "none",
                status="unavailable",
                reason=f"skipped: the request's deadline ({deadline.seconds:g} s) had passed",
            )
        elif options.grammar:
            report = check_grammar(
                engine,
                checked,
                language=options.language,
                known_words=index.known_words,
                timeout=min(grammar_timeout, deadline.remaining()),
                params=options.grammar_params,
            )
        else:
            report = GrammarReport(
                engine=engine.name if engine else "none",
                status="disabled",
                reason="grammar checking was turned off for this request",
            )
        found = report.suggestions
        if out_page is not None:
            found = tuple(replace(s, start=a, end=b) for s in found for a, b in [out_page.span(s.start, s.end)])
        # The name stage knows better than a spell checker what a name should be.
        moved = SpanMap(diff.ops)
        name_spans = Spans(moved.map(c.start, c.end) for c in corrections)
        suggestions = tuple(s for s in found if not name_spans.overlaps(s.start, s.end))
        if out_page is None:
            previews = _first_replacements(suggestions)
        else:
            previews = _first_replacements_in_html(out_page, report.suggestions, name_spans)
        suggested_text = apply_edits(output, previews)

    return RepairResult(
        input=text,
        text=output,
        corrections=tuple(corrections),
        suggestions=suggestions,
        suggested_text=suggested_text,
        diff=diff,
        grammar=report,
        timings_ms=timings,
        names=names,
    )


def _find_names(
    text: str, index: NameIndex, options: RepairOptions, deadline: Deadline
) -> tuple[list[Correction], NamesReport]:
    """The name stage: every fix found in ``text``, those to apply marked so."""
    # Names are read without invisible characters and with accents composed; their
    # spans are mapped back to the text as written.
    reading = read(text)
    mentions = find_mentions(reading.text)
    decisions = decide_names(
        reading.text, mentions, index, min_confidence=options.suggest_threshold, deadline=deadline
    )
    names = NamesReport()
    if deadline.missed:
        names = NamesReport(
            "partial",
            f"the request's deadline ({deadline.seconds:g} s) passed while names were being"
            " repaired: the fixes listed are those found by then",
        )
    if reading.starts is not None:  # the text had characters to leave out or join
        decisions = [_as_written(d, text, reading.span(d.start, d.end)) for d in decisions]
    return _corrections(decisions, index, options), names


def _in_html(page: Page, corrections: list[Correction]) -> tuple[list[Correction], list[Edit]]:
    """Corrections of a page's text as corrections of its HTML, and the edits of the HTML
    that make the applied ones (a fix that would rewrite an entity or a tag is listed only)."""
    moved: list[Correction] = []
    edits: list[Edit] = []
    for correction in corrections:
        start, end = page.span(correction.start, correction.end)
        applied = correction.applied
        reason = correction.reason
        if applied:
            made = page.source_edits(correction.as_edit())
            if made is None:
                applied = False
                reason += "; not applied: in the HTML it would rewrite an entity or cross a block"
            else:
                edits.extend(made)
        moved.append(
            replace(correction, start=start, end=end, original=page.source[start:end], applied=applied, reason=reason)
        )
    return moved, edits


def _first_replacements_in_html(page: Page, suggestions: tuple[Suggestion, ...], names: Spans) -> list[Edit]:
    """The previews of suggestions of a page's text, as edits of its HTML (tags kept)."""
    edits: list[Edit] = []
    for s in suggestions:
        if not s.replacements or names.overlaps(*page.span(s.start, s.end)):
            continue
        made = page.source_edits(Edit(s.start, s.end, s.replacements[0]))
        # All of a suggestion's pieces or none: never half of one beside another.
        if made and (not edits or made[0].start >= edits[-1].end):
            edits.extend(made)
    return edits


def _as_written(decision: Decision, text: str, span: tuple[int, int]) -> Decision:
    """A decision made on the text as read, on the text as written."""
    start, end = span
    return replace(decision, start=start, end=end, original=text[start:end])


def _corrections(
    decisions: list[Decision], index: NameIndex, options: RepairOptions
) -> list[Correction]:
    corrections = []
    applicable = {
        (e.start, e.end)
        for e in non_overlapping(
            Edit(d.start, d.end, d.replacement)
            for d in decisions
            if d.confidence >= options.apply_threshold
        )
    }
    for decision in decisions:
        entry = index.entries[decision.entry_id]
        corrections.append(
            Correction(
                start=decision.start,
                end=decision.end,
                original=decision.original,
                replacement=decision.replacement,
                applied=options.mode == "apply" and (decision.start, decision.end) in applicable,
                confidence=decision.confidence,
                reason=decision.reason,
                entity=Entity(entry.id, entry.name, entry.role, entry.country, entry.kind),
            )
        )
    return corrections


def _first_replacements(suggestions: tuple[Suggestion, ...]) -> list[Edit]:
    return [Edit(s.start, s.end, s.replacements[0]) for s in suggestions if s.replacements]


@contextmanager
def _timed(timings: dict[str, float], stage: str) -> Iterator[None]:
    started = time.perf_counter()
    try:
        yield
    finally:
        timings[stage] = round((time.perf_counter() - started) * 1000, 3)
