"""The same text gets the same answer in every process.

Candidates are gathered from sets, whose order follows Python's string hashing, which differs
from one process to the next (PYTHONHASHSEED): two gunicorn workers, or a batch job and the
service, must still agree when two people fit a damaged name equally well.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
# Two presidents Morales (Evo of Bolivia, Jimmy of Guatemala), equally well known, both fit
# "President Moralesom" equally well.
PROGRAM = """
import json
from gazetteer.index import load_index
from gazetteer.loader import DEFAULT_PATHS
from repair import RepairOptions, repair_text
result = repair_text(
    "Protesters marched in La Paz as President Moralesom spoke.",
    index=load_index(DEFAULT_PATHS),
    options=RepairOptions(grammar=False),
)
print(json.dumps([[c.original, c.replacement, c.confidence, c.entity.id, c.reason] for c in result.corrections]))
"""


def answer_with_hash_seed(seed: str) -> list[list[object]]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run(
        [sys.executable, "-c", PROGRAM], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=True
    )
    found: list[list[object]] = json.loads(done.stdout)
    return found


def test_two_people_equally_alike_give_one_answer_whatever_the_hash_seed() -> None:
    answers = [answer_with_hash_seed(seed) for seed in ("1", "2", "3")]
    assert answers[0], "the damaged name is read"
    assert answers[0][0][1] == "Morales"
    assert answers[1] == answers[0] and answers[2] == answers[0]
