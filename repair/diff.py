"""Stage 4: edits -> the repaired text and an exact diff of it.

Everything here is derived from one sorted, non-overlapping edit list, so applying
``diff.ops`` to the input always gives the output, and text outside the ops is untouched.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from html import escape
from itertools import accumulate

from repair.models import Correction, Diff, DiffOp, Edit


def non_overlapping(edits: Iterable[Edit]) -> list[Edit]:
    """Edits sorted by start, dropping any that overlaps an earlier one."""
    kept: list[Edit] = []
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if kept and edit.start < kept[-1].end:
            continue
        kept.append(edit)
    return kept


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """The text with the edits made (overlapping edits after the first are skipped)."""
    parts: list[str] = []
    cursor = 0
    for edit in non_overlapping(edits):
        parts.append(text[cursor : edit.start])
        parts.append(edit.replacement)
        cursor = edit.end
    parts.append(text[cursor:])
    return "".join(parts)


def diff_ops(text: str, edits: Iterable[Edit]) -> tuple[DiffOp, ...]:
    """Each edit with its span in the input and in the output."""
    ops = []
    shift = 0
    for edit in non_overlapping(edits):
        out_start = edit.start + shift
        ops.append(
            DiffOp(
                edit.start,
                edit.end,
                out_start,
                out_start + len(edit.replacement),
                text[edit.start : edit.end],
                edit.replacement,
            )
        )
        shift += len(edit.replacement) - (edit.end - edit.start)
    return tuple(ops)


def apply_ops(text: str, ops: Sequence[DiffOp]) -> str:
    """Replay diff ops on the input (what a client does with ``diff.ops``)."""
    return apply_edits(text, (Edit(op.start, op.end, op.new) for op in ops))


def map_span(ops: Sequence[DiffOp], start: int, end: int) -> tuple[int, int]:
    """Where an input span lands in the output; an op it overlaps is covered whole."""
    return SpanMap(ops).map(start, end)


class SpanMap:
    """``map_span`` for many spans over the same ops, each in logarithmic time (a text with
    thousands of fixes would otherwise cost fixes times ops)."""

    def __init__(self, ops: Sequence[DiffOp]) -> None:
        # ops are sorted and do not overlap, so their starts and ends are both sorted.
        self._ops = ops
        self._starts = [op.start for op in ops]
        self._ends = [op.end for op in ops]
        self._shift = [0]  # _shift[i]: how much the first i ops lengthen the text
        for op in ops:
            self._shift.append(self._shift[-1] + len(op.new) - len(op.old))

    def map(self, start: int, end: int) -> tuple[int, int]:
        """Where ``[start, end)`` of the input lands in the output."""
        new_start = start + self._shift[bisect.bisect_right(self._ends, start)]
        new_end = end + self._shift[bisect.bisect_right(self._ends, end)]
        # The ops the span overlaps are consecutive: from the first ending after its start
        # to the last starting before its end.
        first = bisect.bisect_right(self._ends, start)
        last = bisect.bisect_left(self._starts, end) - 1
        if first <= last:
            new_start = min(new_start, self._ops[first].out_start)
            new_end = max(new_end, self._ops[last].out_end)
        return new_start, new_end


class Spans:
    """A set of spans, possibly overlapping, that answers "does this span overlap any of
    them?" in logarithmic time."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [start for start, _end in ordered]
        self._reach = []  # _reach[i]: the furthest end among the first i + 1 spans
        furthest = -1
        for _start, end in ordered:
            furthest = max(furthest, end)
            self._reach.append(furthest)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` shares a character with one of the spans."""
        before = bisect.bisect_left(self._starts, end)  # spans that start before `end`
        return before > 0 and self._reach[before - 1] > start


def build_diff(text: str, applied: Sequence[Correction], *, edits: Sequence[Edit] | None = None) -> Diff:
    """The ops, a unified diff and an HTML redline of the applied corrections.

    ``edits`` are the changes that make them, when those are not the corrections' own spans
    (in HTML a fix is made in pieces, around tags); each op is explained by the correction
    whose span holds it.
    """
    made = [c.as_edit() for c in applied] if edits is None else edits
    ops = diff_ops(text, made)
    output = apply_ops(text, ops)
    return Diff(ops, unified_diff(text, output, ops), redline_html(text, ops, applied))


def unified_diff(text: str, output: str, ops: Sequence[DiffOp], *, context: int = 3) -> str:
    """``diff -u`` of input and output, its hunks taken from the ops: exactly the lines they
    touch, with ``context`` lines around (no search for a best alignment, as difflib does)."""
    if not ops:
        return ""
    old_lines = text.splitlines(keepends=True)
    new_lines = output.splitlines(keepends=True)
    old_starts = _line_starts(text, old_lines)
    new_starts = _line_starts(output, new_lines)
    # Each op changes whole lines: from the line of its start to the line of its end.
    blocks: list[list[int]] = []  # [old first, old stop, new first, new stop]
    for op in ops:
        block = [
            _line_of(old_starts, op.start),
            min(_line_of(old_starts, op.end) + 1, len(old_lines)),
            _line_of(new_starts, op.out_start),
            min(_line_of(new_starts, op.out_end) + 1, len(new_lines)),
        ]
        if blocks and (block[0] < blocks[-1][1] or block[2] < blocks[-1][3]):
            # On a line already changed: one block.
            blocks[-1][1] = max(blocks[-1][1], block[1])
            blocks[-1][3] = max(blocks[-1][3], block[3])
        else:
            blocks.append(block)
    hunks: list[list[list[int]]] = []
    for block in blocks:
        if hunks and block[0] - hunks[-1][-1][1] <= 2 * context:
            hunks[-1].append(block)
        else:
            hunks.append([block])
    out = ["--- input\n", "+++ repaired\n"]
    for hunk in hunks:
        lead = min(context, hunk[0][0])
        old_first, new_first = hunk[0][0] - lead, hunk[0][2] - lead
        old_stop = min(len(old_lines), hunk[-1][1] + context)
        new_stop = hunk[-1][3] + (old_stop - hunk[-1][1])
        out.append(f"@@ -{_range(old_first, old_stop)} +{_range(new_first, new_stop)} @@\n")
        cursor = old_first
        for a1, a2, b1, b2 in hunk:
            out.extend(_marked(" ", old_lines[cursor:a1]))
            out.extend(_marked("-", old_lines[a1:a2]))
            out.extend(_marked("+", new_lines[b1:b2]))
            cursor = a2
        out.extend(_marked(" ", old_lines[cursor:old_stop]))
    return "".join(out)


def _line_starts(text: str, lines: Sequence[str]) -> list[int]:
    """Where each line starts; after a final line break (or in an empty text) a line that is
    not there yet starts at the end, where text added at the end goes."""
    # The running sum of the lines' lengths, in C: each line's start, then the text's end.
    starts = list(accumulate(map(len, lines), initial=0))
    if lines and lines[-1] == lines[-1].rstrip("\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029"):
        starts.pop()
    return starts


def _line_of(starts: Sequence[int], offset: int) -> int:
    """The index of the line that holds ``offset``."""
    return max(0, bisect.bisect_right(starts, offset) - 1)


def _range(first: int, stop: int) -> str:
    """A hunk's line range as diff(1) writes it (1-based; an empty range names the line before)."""
    length = stop - first
    if length == 1:
        return str(first + 1)
    return f"{first if length == 0 else first + 1},{length}"


def _marked(mark: str, lines: Sequence[str]) -> list[str]:
    # As diff(1) does, a last line without a newline says so rather than run into the next.
    return [
        mark + line if line.endswith("\n") else mark + line + "\n\\ No newline at end of file\n"
        for line in lines
    ]


def redline_html(text: str, ops: Sequence[DiffOp], applied: Sequence[Correction] = ()) -> str:
    """The input with each op shown as <del>old</del><ins>new</ins>; everything escaped."""
    fixes = sorted(applied, key=lambda c: (c.start, c.end))
    fix_starts = [c.start for c in fixes]
    parts: list[str] = []
    cursor = 0
    for op in ops:
        parts.append(escape(text[cursor : op.start]))
        # The correction whose span holds the op: the last to start at or before it.
        at = bisect.bisect_right(fix_starts, op.start) - 1
        correction = fixes[at] if at >= 0 and fixes[at].end >= op.end else None
        title = ""
        if correction:
            entity = correction.entity
            note = f"{entity.name}, {entity.role} ({entity.country}): {correction.reason}"
            title = f' title="{escape(note)}"'
        parts.append(
            f'<span class="fix"{title}><del>{escape(op.old)}</del><ins>{escape(op.new)}</ins></span>'
        )
        cursor = op.end
    parts.append(escape(text[cursor:]))
    return "".join(parts)
