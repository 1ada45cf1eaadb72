"""Stage 4: edits -> the repaired text and an exact diff of it.

Everything here is derived from one sorted, non-overlapping edit list, so applying
``diff.ops`` to the input always gives the output, and text outside the ops is untouched.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from html import escape

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
    new_start = start + sum(len(op.new) - len(op.old) for op in ops if op.end <= start)
    new_end = end + sum(len(op.new) - len(op.old) for op in ops if op.end <= end)
    for op in ops:
        if op.start < end and op.end > start:
            new_start, new_end = min(new_start, op.out_start), max(new_end, op.out_end)
    return new_start, new_end


def build_diff(text: str, applied: Sequence[Correction]) -> Diff:
    """The ops, a unified diff and an HTML redline of the applied corrections."""
    ops = diff_ops(text, (c.as_edit() for c in applied))
    output = apply_ops(text, ops)
    lines = difflib.unified_diff(
        text.splitlines(keepends=True),
        output.splitlines(keepends=True),
        fromfile="input",
        tofile="repaired",
    )
    # As diff(1) does, mark a last line without a newline rather than run it into the next.
    unified = "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
        for line in lines
    )
    return Diff(ops, unified, redline_html(text, ops, applied))


def redline_html(text: str, ops: Sequence[DiffOp], applied: Sequence[Correction] = ()) -> str:
    """The input with each op shown as <del>old</del><ins>new</ins>; everything escaped."""
    why = {(c.start, c.end): c for c in applied}
    parts: list[str] = []
    cursor = 0
    for op in ops:
        parts.append(escape(text[cursor : op.start]))
        correction = why.get((op.start, op.end))
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
