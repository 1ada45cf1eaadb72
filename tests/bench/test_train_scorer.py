"""Fitting the name scorer: the trees scikit-learn fits come out as the plain lists the
service walks, giving scikit-learn's own probabilities, and a fold never sees its source."""

from __future__ import annotations

import random

import pytest

from bench.train_scorer import Example, fit, lowest_local_point, lowest_point, out_of_fold

PARAMS = {"max_iter": 20, "max_depth": 3, "learning_rate": 0.2, "min_samples_leaf": 2}


def _examples(count: int = 200, seed: int = 3) -> list[Example]:
    """Candidates whose rightness follows two signals, with some noise."""
    rng = random.Random(seed)
    found = []
    for i in range(count):
        signals = {"surname_score": rng.choice((0.75, 0.8, 0.85, 0.9)), "title_fits": float(rng.random() < 0.4)}
        if rng.random() < 0.5:
            signals["word"] = rng.random()
        right = signals["surname_score"] + 0.1 * signals["title_fits"] - 0.1 * signals.get("word", 0) > 0.8
        if rng.random() < 0.05:
            right = not right
        found.append(Example(signals, right, True, f"source-{i % 7}"))
    return found


def test_exported_trees_give_scikit_learns_probabilities() -> None:
    found = _examples()
    names = sorted({n for e in found for n in e.signals})
    fitted = fit(found, names, PARAMS)  # raises when the export disagrees with scikit-learn
    scorer = fitted.scorer(names)
    strong = scorer.probability({"surname_score": 0.9, "title_fits": 1.0})
    weak = scorer.probability({"surname_score": 0.75, "word": 0.9})
    assert 0 <= weak < strong <= 1


def test_out_of_fold_probabilities_cover_every_example() -> None:
    found = _examples()
    names = sorted({n for e in found for n in e.signals})
    probabilities = out_of_fold(found, names, 3, PARAMS)
    assert len(probabilities) == len(found)
    assert all(0 <= p <= 1 for p in probabilities)


@pytest.mark.parametrize(
    ("scored", "precision", "point"),
    [
        ([(0.9, True), (0.8, True), (0.7, False), (0.6, True)], 1.0, 0.8),
        ([(0.9, True), (0.8, True), (0.7, False), (0.6, True)], 0.75, 0.6),
        ([(0.9, False), (0.8, True)], 0.99, 1.0),
    ],
)
def test_lowest_point_keeps_the_wanted_precision(
    scored: list[tuple[float, bool]], precision: float, point: float
) -> None:
    assert lowest_point(scored, precision)[0] == point


def test_the_local_point_is_where_fixes_of_about_that_probability_are_right() -> None:
    # Twenty near-certain fixes right pad the average of all from 0.5 up to 0.95 (21 of 22
    # right), but the fixes of 0.5 and 0.6 are right one time in two.
    scored = [(0.99, True)] * 20 + [(0.6, False), (0.5, True)]
    assert lowest_point(scored, 0.95)[0] == 0.5
    assert lowest_local_point(scored, 0.95) == 0.99
    assert lowest_local_point([(0.9, True), (0.8, True)], 0.95) == 0.8
