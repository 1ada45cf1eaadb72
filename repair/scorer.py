"""The final say on a name fix: gradient-boosted trees over the evidence the name stage gathers.

repair/names.py finds candidates and writes down, for each, what speaks for and against it
(``signals``: how alike the letters are and how, whether the first name agrees, a title that
fits, the person named elsewhere, a namesake, an ordinary word...). The trees that turn
those signals into a probability were fitted on the development corpus by
``bench/train_scorer.py`` (scikit-learn's HistGradientBoostingClassifier, with the signals
whose sense is plain, such as a fitting title or the person's fame, constrained to count one
way only), never on the held-out part, and are shipped in ``repair/data/name_scorer.json``;
this module only reads and walks them, in plain Python.

The probability is then mapped onto the service's confidence scale so that the configured
thresholds keep their meaning: the apply and suggest points, calibrated on probabilities for
text from sources the trees had not seen, land at ``APPLY_AT`` (0.8) and ``SUGGEST_AT``
(0.45), the default ``REPAIR_APPLY_THRESHOLD`` and ``REPAIR_SUGGEST_THRESHOLD``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

MODEL_PATH = Path(__file__).resolve().parent / "data" / "name_scorer.json"
APPLY_AT = 0.8
SUGGEST_AT = 0.45
TOP = 0.99
# Probabilities kept per scorer, for signals met again.
KEPT = 16384

# A tree is a flat list of nodes. A split node is (feature index, threshold, left, right): go
# left when the feature's value is at most the threshold. A leaf is (value,).
Node = tuple[float, ...]


@dataclass(frozen=True)
class NameScorer:
    """Fitted trees over named signals, and the probabilities calibrated as apply and
    suggest points."""

    features: tuple[str, ...]
    baseline: float
    trees: tuple[tuple[Node, ...], ...]
    apply_probability: float
    suggest_probability: float

    def __post_init__(self) -> None:
        object.__setattr__(self, "_raw", _compiled(self.baseline, self.trees, len(self.features)))
        object.__setattr__(self, "_kept", {})

    def probability(self, signals: Mapping[str, float]) -> float:
        """How likely the fix is right, by the fitted model (a signal left out is 0)."""
        raw: float = self._raw([signals.get(name, 0.0) for name in self.features])  # type: ignore[attr-defined]
        if raw < -30:
            return 0.0
        return 1.0 / (1.0 + math.exp(-raw))

    def probability_of(self, signals: tuple[tuple[str, float], ...]) -> float:
        """``probability`` of signals given as sorted pairs, kept: news repeats its names, and
        their candidates with them."""
        kept: dict[tuple[tuple[str, float], ...], float] = self._kept  # type: ignore[attr-defined]
        found = kept.get(signals)
        if found is None:
            if len(kept) >= KEPT:
                kept.clear()
            found = kept[signals] = self.probability(dict(signals))
        return found

    def walk(self, values: Sequence[float]) -> float:
        """The trees' raw sum for feature values, walked node by node (what the compiled
        form computes; kept to check it)."""
        raw = self.baseline
        for tree in self.trees:
            node = tree[0]
            while len(node) > 1:
                node = tree[int(node[2] if values[int(node[0])] <= node[1] else node[3])]
            raw += node[0]
        return raw

    def confidence(self, signals: Mapping[str, float]) -> float:
        """The probability on the service's scale: the calibrated apply point is ``APPLY_AT``,
        the suggest point ``SUGGEST_AT``, linear in between (and below and above)."""
        p = self.probability_of(tuple(sorted(signals.items())))
        low, high = self.suggest_probability, self.apply_probability
        if p >= high:
            return APPLY_AT + (TOP - APPLY_AT) * (p - high) / max(1.0 - high, 1e-9)
        if p >= low:
            return SUGGEST_AT + (APPLY_AT - SUGGEST_AT) * (p - low) / max(high - low, 1e-9)
        return SUGGEST_AT * p / max(low, 1e-9)


def _compiled(baseline: float, trees: Sequence[Sequence[Node]], feature_count: int) -> Callable[[list[float]], float]:
    """The trees as one Python function of nested comparisons: a candidate is scored in a few
    microseconds, where walking the node lists takes tens (every request scores several).
    The ``feature_count`` values are unpacked into local variables first: a comparison then
    reads a local, not an item of the list (a third fewer steps, on every candidate never
    seen before)."""
    names = [f"v{i}" for i in range(feature_count)]
    lines = ["def raw(v):", f"    ({', '.join(names)},) = v" if names else "    pass", f"    r = {baseline!r}"]

    def emit(tree: Sequence[Node], at: int, depth: int) -> None:
        node, pad = tree[at], "    " * depth
        if len(node) == 1:
            lines.append(f"{pad}r += {node[0]!r}")
            return
        lines.append(f"{pad}if v{int(node[0])} <= {node[1]!r}:")
        emit(tree, int(node[2]), depth + 1)
        lines.append(f"{pad}else:")
        emit(tree, int(node[3]), depth + 1)

    for tree in trees:
        emit(tree, 0, 1)
    lines.append("    return r")
    namespace: dict[str, Any] = {}
    exec(compile("\n".join(lines), "<name scorer trees>", "exec"), namespace)  # noqa: S102 - our own model file
    function: Callable[[list[float]], float] = namespace["raw"]
    return function


def scorer_from_json(data: Mapping[str, Any]) -> NameScorer:
    """A scorer from the model file's content."""
    features = tuple(str(f) for f in data["features"])
    trees = tuple(tuple(_node(n, len(features)) for n in tree) for tree in data["trees"])
    return NameScorer(
        features=features,
        baseline=float(data["baseline"]),
        trees=trees,
        apply_probability=float(data["apply_probability"]),
        suggest_probability=float(data["suggest_probability"]),
    )


def _node(raw: Sequence[float], feature_count: int) -> Node:
    node = tuple(float(v) for v in raw)
    if len(node) not in (1, 4) or (len(node) == 4 and not 0 <= node[0] < feature_count):
        raise ValueError(f"not a tree node: {raw!r}")
    return node


@lru_cache(maxsize=4)
def load_scorer(path: Path = MODEL_PATH) -> NameScorer:
    """The shipped model (read once per process)."""
    return scorer_from_json(json.loads(path.read_text(encoding="utf-8")))
