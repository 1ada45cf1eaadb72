"""The article repair pipeline: names of officials, grammar suggestions, and an exact diff.

Plain Python with no web framework in it; app.py is one caller, tests and the benchmark
are others.
"""

from repair.models import (
    Correction,
    Diff,
    DiffOp,
    Edit,
    Entity,
    GrammarReport,
    NamesReport,
    RepairOptions,
    RepairResult,
    Suggestion,
)
from repair.pipeline import Repairer, repair_text

__all__ = [
    "Correction",
    "Diff",
    "DiffOp",
    "Edit",
    "Entity",
    "GrammarReport",
    "NamesReport",
    "RepairOptions",
    "RepairResult",
    "Repairer",
    "Suggestion",
    "repair_text",
]
