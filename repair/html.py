"""Stage 0 for HTML: a page -> the text a reader sees, with where each character came from.

The name stage reads plain text. A CMS keeps HTML, where a name may be cut by inline tags
("<b>Donald</b> Tus") and letters may be written as entities ("Fran&ccedil;ois"). So the page
is read once with Python's ``html.parser`` (which keeps every event's place in the source):
text nodes give their characters, an entity gives the character it stands for, a block tag
or ``<br>`` gives a line break (so that two paragraphs never make one name), and tags,
comments, declarations and the contents of ``<script>`` and ``<style>`` give nothing.

An edit of that text becomes edits of the source that touch text nodes only: each word of a
fix is changed where it is written, and where a changed run crosses a tag, the new letters go
into its first text node and the rest of the old ones are taken out, the tags left in place.
An edit that would rewrite an entity or a line break made from a tag is not made at all, so
tags, attributes, comments, scripts, styles and entities come back byte for byte.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape, unescape
from html.parser import HTMLParser

from repair.models import Edit

# Elements whose content is code, not text.
SKIPPED = frozenset({"script", "style", "template"})
# Elements that start a new block of text: a name never runs from one into the next.
BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "dialog",
        "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
        "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section",
        "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "img", "iframe",
        "object", "video", "audio", "textarea", "select", "option", "button", "input",
    }
)  # fmt: skip
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Page:
    """An HTML string and the text a reader sees in it: ``text[i]`` was written at
    ``source[starts[i]:ends[i]]``; ``fixed[i]`` is true where that is no plain character of a
    text node (an entity, or a tag read as a line break), which an edit must leave alone."""

    source: str
    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    fixed: tuple[bool, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Where ``text[start:end]`` is written in the source (an empty span: where it would be)."""
        if start < end:
            return self.starts[start], self.ends[end - 1]
        return self.insertion_point(start), self.insertion_point(start)

    def insertion_point(self, index: int) -> int:
        """Where text inserted before ``text[index]`` goes in the source: right after the
        character before it (so inside the same element), else before the character itself."""
        if index > 0:
            return self.ends[index - 1]
        return self.starts[0] if self.starts else len(self.source)

    def source_edits(self, edit: Edit) -> list[Edit] | None:
        """The edits of the source that make ``edit`` of the text, touching text nodes only;
        None if it cannot be made so (it would rewrite an entity or a tag's line break)."""
        old = self.text[edit.start : edit.end]
        pieces: list[Edit] = []
        for start, end, new in _word_changes(old, edit.replacement):
            made = self._changed_run(edit.start + start, edit.start + end, new)
            if made is None:
                return None
            pieces.extend(made)
        return pieces

    def _changed_run(self, start: int, end: int, new: str) -> list[Edit] | None:
        if any(self.fixed[start:end]):
            return None
        if start == end:
            at = self.insertion_point(start)
            return [Edit(at, at, escape(new, quote=False))]
        # The run's characters in pieces of contiguous source (a tag between two pieces).
        pieces: list[list[int]] = []
        for i in range(start, end):
            if pieces and self.starts[i] == pieces[-1][1]:
                pieces[-1][1] = self.ends[i]
            else:
                pieces.append([self.starts[i], self.ends[i]])
        first, *rest = pieces
        return [Edit(first[0], first[1], escape(new, quote=False)), *(Edit(a, b, "") for a, b in rest)]


def _word_changes(old: str, new: str) -> list[tuple[int, int, str]]:
    """The smallest changes that make ``old`` into ``new``, as ``(start, end, replacement)``
    in ``old``: word by word when both have the same number of words, else as one run."""
    old_words = [(m.start(), m.end()) for m in re.finditer(r"\S+", old)]
    new_words = re.findall(r"\S+", new)
    if len(old_words) == len(new_words) and _SPACE.sub(" ", old.strip()).count(" ") == len(new_words) - 1:
        pairs = [(a, b, new_word) for (a, b), new_word in zip(old_words, new_words)]
        if _SPACE.sub(" ", new.strip()) == " ".join(new_words):
            changes = []
            for a, b, new_word in pairs:
                change = _narrowed(old[a:b], new_word)
                if change is not None:
                    changes.append((a + change[0], a + change[1], change[2]))
            return changes
    change = _narrowed(old, new)
    return [] if change is None else [change]


def _narrowed(old: str, new: str) -> tuple[int, int, str] | None:
    """``old`` -> ``new`` as one change without their common start and end; None if equal."""
    if old == new:
        return None
    prefix = 0
    while prefix < min(len(old), len(new)) and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < min(len(old), len(new)) - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    return prefix, len(old) - suffix, new[prefix : len(new) - suffix]


class _Reader(HTMLParser):
    """Records each parser event with its start in the source; ends are the next event's start."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        # html.parser counts lines by "\n" alone (getpos), and so do these.
        self.line_starts = [0, *(m.end() for m in re.finditer("\n", source))]
        self.events: list[tuple[str, int, str]] = []  # (kind, start, tag or "")

    def _here(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_data(self, data: str) -> None:
        self.events.append(("data", self._here(), ""))

    def handle_entityref(self, name: str) -> None:
        self.events.append(("ref", self._here(), ""))

    def handle_charref(self, name: str) -> None:
        self.events.append(("ref", self._here(), ""))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.events.append(("start", self._here(), tag))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.events.append(("empty", self._here(), tag))

    def handle_endtag(self, tag: str) -> None:
        self.events.append(("end", self._here(), tag))

    def handle_comment(self, data: str) -> None:
        self.events.append(("other", self._here(), ""))

    def handle_decl(self, decl: str) -> None:
        self.events.append(("other", self._here(), ""))

    def handle_pi(self, data: str) -> None:
        self.events.append(("other", self._here(), ""))

    def unknown_decl(self, data: str) -> None:
        self.events.append(("other", self._here(), ""))


def read_html(source: str) -> Page:
    """The text a reader sees in ``source`` (an HTML document or fragment) and its map."""
    reader = _Reader(source)
    reader.feed(source)
    reader.close()
    text: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    fixed: list[bool] = []
    skipping: str | None = None
    events = reader.events
    for number, (kind, start, tag) in enumerate(events):
        end = events[number + 1][1] if number + 1 < len(events) else len(source)
        if skipping is not None:
            if kind == "end" and tag == skipping:
                skipping = None
            continue
        if kind == "data":
            for offset, char in enumerate(source[start:end]):
                text.append(char)
                starts.append(start + offset)
                ends.append(start + offset + 1)
                fixed.append(False)
        elif kind == "ref":
            written = source[start:end]
            decoded = unescape(written)
            for char in decoded if decoded != written else written:
                text.append(char)
                starts.append(start)
                ends.append(end)
                fixed.append(True)
        elif kind in ("start", "empty", "end") and (tag in BLOCKS or tag in SKIPPED):
            text.append("\n")
            starts.append(start)
            ends.append(end)
            fixed.append(True)
            if kind == "start" and tag in SKIPPED:
                skipping = tag
    return Page(source, "".join(text), tuple(starts), tuple(ends), tuple(fixed))

