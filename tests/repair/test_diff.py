"""The diff is derived exactly from the edits: replaying ``diff.ops`` on the input gives the
output, always, and text outside the ops is returned byte for byte."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gazetteer.index import NameIndex
from repair import RepairOptions, repair_text
from repair.diff import SpanMap, Spans, apply_edits, apply_ops, build_diff, diff_ops, map_span, unified_diff
from repair.models import Correction, DiffOp, Edit, Entity

DAMAGED = ["Emanuel McCone", "Donald Tus", "Alexander Stubber", "Keith Kellog", "RUBION", "Leyla Abbubud"]
CLEAN = ["Emmanuel Macron", "Donald Tusk", "the trump card", "Sergey Lavrov", "Ricky Rubio"]
filler = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40
)  # any text, emoji and combining marks included
pieces = st.lists(st.one_of(filler, st.sampled_from(DAMAGED + CLEAN)), max_size=12)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(pieces)
def test_ops_replay_to_the_output(small_index: NameIndex, parts: list[str]) -> None:
    text = " ".join(parts)
    result = repair_text(text, index=small_index, options=RepairOptions(grammar=False))
    assert apply_ops(text, result.diff.ops) == result.text
    assert apply_edits(text, result.edits) == result.text
    # Outside the ops, input and output agree character for character.
    cursor = 0
    out_cursor = 0
    for op in result.diff.ops:
        assert text[cursor : op.start] == result.text[out_cursor : op.out_start]
        assert result.text[op.out_start : op.out_end] == op.new
        assert text[op.start : op.end] == op.old
        cursor, out_cursor = op.end, op.out_end
    assert text[cursor:] == result.text[out_cursor:]


@given(st.text(max_size=60), st.lists(st.tuples(st.integers(0, 60), st.integers(0, 8), st.text(max_size=5)), max_size=6))
def test_any_edit_list_round_trips(text: str, raw: list[tuple[int, int, str]]) -> None:
    edits = [Edit(min(s, len(text)), min(s + n, len(text)), r) for s, n, r in raw]
    ops = diff_ops(text, edits)
    assert apply_ops(text, ops) == apply_edits(text, edits)


def test_redline_is_escaped_and_unified_diff_names_both_sides(small_index: NameIndex) -> None:
    text = "<b>Donald Tus</b> & co"
    result = repair_text(text, index=small_index, options=RepairOptions(grammar=False))
    assert "<b>" not in result.diff.html
    assert "&lt;b&gt;" in result.diff.html
    assert "<del>Donald Tus</del><ins>Donald Tusk</ins>" in result.diff.html
    assert "--- input" in result.diff.unified and "+++ repaired" in result.diff.unified
    assert "-<b>Donald Tus</b> & co" in result.diff.unified


def test_no_edits_no_diff() -> None:
    diff = build_diff("nothing to do", [])
    assert diff.ops == () and diff.unified == "" and diff.html == "nothing to do"


def test_map_span_follows_length_changes() -> None:
    ops = diff_ops("ab Tus cd Kellog ef", [Edit(3, 6, "Tusk"), Edit(10, 16, "Kellogg")])
    assert map_span(ops, 17, 19) == (19, 21)
    assert map_span(ops, 3, 6) == (3, 7)
    assert map_span(ops, 0, 2) == (0, 2)


# Text whose only line break is "\n" (a unified diff is read line by line on it).
lines_text = st.text(
    alphabet=st.one_of(st.just("\n"), st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"))),
    max_size=80,
)


@given(lines_text, st.lists(st.tuples(st.integers(0, 80), st.integers(0, 8), lines_text), max_size=6))
def test_unified_diff_patches_the_input_into_the_output(text: str, raw: list[tuple[int, int, str]]) -> None:
    edits = [Edit(min(s, len(text)), min(s + n, len(text)), r[:6]) for s, n, r in raw]
    ops = diff_ops(text, edits)
    output = apply_ops(text, ops)
    unified = unified_diff(text, output, ops)
    if not ops:
        assert unified == ""
        return
    assert _patch(text, unified) == output


def _patch(text: str, unified: str) -> str:
    """Apply a unified diff as patch(1) would, checking every context and removed line."""
    old = text.splitlines(keepends=True)
    raw = unified.splitlines(keepends=True)
    assert raw[:2] == ["--- input\n", "+++ repaired\n"]
    body: list[str] = []
    for line in raw[2:]:
        if line == "\\ No newline at end of file\n":
            body[-1] = body[-1][:-1]  # the line before had no newline of its own
        else:
            body.append(line)
    out: list[str] = []
    cursor = 0
    for line in body:
        if line.startswith("@@"):
            first, _, length = line.split()[1][1:].partition(",")
            start = int(first) - (0 if length == "0" else 1)
            assert start >= cursor
            out.extend(old[cursor:start])
            cursor = start
        elif line[0] in " -":
            assert old[cursor] == line[1:]
            cursor += 1
            if line[0] == " ":
                out.append(line[1:])
        else:
            assert line[0] == "+"
            out.append(line[1:])
    out.extend(old[cursor:])
    return "".join(out)


def _naive_map(ops: tuple[DiffOp, ...], start: int, end: int) -> tuple[int, int]:
    new_start = start + sum(len(op.new) - len(op.old) for op in ops if op.end <= start)
    new_end = end + sum(len(op.new) - len(op.old) for op in ops if op.end <= end)
    for op in ops:
        if op.start < end and op.end > start:
            new_start, new_end = min(new_start, op.out_start), max(new_end, op.out_end)
    return new_start, new_end


spans = st.tuples(st.integers(0, 60), st.integers(0, 10)).map(lambda p: (p[0], p[0] + p[1]))


@given(
    st.text(max_size=60),
    st.lists(st.tuples(st.integers(0, 60), st.integers(1, 8), st.text(max_size=5)), max_size=8),
    st.lists(spans, max_size=10),
)
def test_span_map_agrees_with_reading_every_op(text: str, raw: list[tuple[int, int, str]], asked: list[tuple[int, int]]) -> None:
    ops = diff_ops(text, [Edit(min(s, len(text)), min(s + n, len(text)), r) for s, n, r in raw])
    moved = SpanMap(ops)
    for start, end in asked:
        start, end = min(start, len(text)), min(end, len(text))
        assert moved.map(start, end) == _naive_map(ops, start, end)


@given(st.lists(spans, max_size=10), spans)
def test_spans_find_an_overlap_as_comparing_each_does(kept: list[tuple[int, int]], asked: tuple[int, int]) -> None:
    start, end = asked
    assert Spans(kept).overlaps(start, end) == any(start < e and end > s for s, e in kept)


def test_thousands_of_fixes_are_diffed_and_mapped_quickly() -> None:
    # 6,600 fixes used to cost 6,600 x 6,600 span mappings (5.6 s); a generous bound only.
    import time

    text = "Emanuel McCone " * 6600
    entity = Entity("Q3052772", "Emmanuel Macron", "President of France", "France")
    fixes = [
        Correction(15 * i, 15 * i + 14, "Emanuel McCone", "Emmanuel Macron", True, 0.9, "", entity)
        for i in range(6600)
    ]
    started = time.monotonic()
    diff = build_diff(text, fixes)
    moved = SpanMap(diff.ops)
    spans = Spans(moved.map(c.start, c.end) for c in fixes)
    between = [(op.out_end, op.out_end + 1) for op in diff.ops]  # the spaces between the fixes
    assert not any(spans.overlaps(start, end) for start, end in between)
    assert time.monotonic() - started < 30
    assert len(diff.ops) == 6600 and apply_ops(text, diff.ops) == "Emmanuel Macron " * 6600
