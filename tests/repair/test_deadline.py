"""The request's deadline: past it, the name stage stops with the fixes found so far (a part
of those it finds with time enough), says so, and the grammar check is skipped; a clock that
moves on demand makes this exact (repair/deadline.py, decide_names, repair_text)."""

from __future__ import annotations

import math

import pytest
from flask.testing import FlaskClient

from gazetteer.index import NameIndex
from repair import RepairOptions, repair_text
from repair.deadline import Deadline
from repair.mentions import find_mentions
from repair.names import decide_names
from repair.pipeline import Repairer


class Ticks:
    """A clock that moves one second each time it is read."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        self.now += 1.0
        return self.now


def test_a_deadline_counts_down_and_remembers_it_passed() -> None:
    clock = Ticks()
    deadline = Deadline(3, clock=clock)  # made at 1, so due at 4
    assert not deadline.passed() and deadline.remaining() == 1.0  # read at 2, then 3
    assert deadline.passed() and deadline.missed  # read at 4
    assert Deadline(None).remaining() == math.inf and not Deadline(None).passed()


@pytest.mark.parametrize("seconds", [0, 5, 60, 10_000])
def test_the_name_stage_stops_at_the_deadline_with_part_of_its_fixes(
    small_index: NameIndex, article: str, seconds: int
) -> None:
    mentions = find_mentions(article)
    everything = decide_names(article, mentions, small_index)
    deadline = Deadline(seconds, clock=Ticks())  # one second a mention, roughly
    found = decide_names(article, mentions, small_index, deadline=deadline)
    if not deadline.missed:
        assert found == everything
    else:
        assert {(d.start, d.end, d.replacement, d.entry_id) for d in found} < {
            (d.start, d.end, d.replacement, d.entry_id) for d in everything
        }
    assert deadline.missed == (seconds < 10_000)
    if seconds == 0:
        assert found == []


def test_without_a_deadline_every_fix_is_found(small_index: NameIndex, article: str) -> None:
    result = repair_text(article, index=small_index, options=RepairOptions(grammar=False))
    assert result.names.status == "ok" and result.names.reason == ""
    assert result.corrections


def test_a_partial_answer_says_so_and_skips_grammar(small_index: NameIndex, article: str) -> None:
    result = repair_text(
        article, index=small_index, options=RepairOptions(), deadline=Deadline(10, clock=Ticks())
    )
    assert result.names.status == "partial"
    assert "deadline (10 s)" in result.names.reason
    assert result.grammar.status == "unavailable" and "deadline" in result.grammar.reason
    assert result.text != article or not result.corrections  # what was found is still applied


def test_the_repairer_gives_each_request_its_deadline(small_index: NameIndex, article: str) -> None:
    answer = Repairer(small_index, deadline=30.0).repair(article, RepairOptions(grammar=False))
    assert answer.names.status == "ok"
    assert Repairer(small_index, deadline=0.0).repair(article, RepairOptions(grammar=False)).names.status == "partial"


def test_the_api_reports_the_name_stage(client: FlaskClient) -> None:
    meta = client.post("/v1/repair", json={"text": "Donald Tus spoke."}).get_json()["meta"]
    assert meta["names"] == {"status": "ok", "reason": ""}
