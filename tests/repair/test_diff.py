"""The diff is derived exactly from the edits: replaying ``diff.ops`` on the input gives the
output, always, and text outside the ops is returned byte for byte."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gazetteer.index import NameIndex
from repair import RepairOptions, repair_text
from repair.diff import apply_edits, apply_ops, build_diff, diff_ops, map_span
from repair.models import Edit

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
