"""The name scorer: the shipped trees load, the compiled form computes what the trees say,
and probabilities land on the service's confidence scale at the calibrated points."""

from __future__ import annotations

import random

import pytest

from repair.scorer import APPLY_AT, SUGGEST_AT, NameScorer, load_scorer, scorer_from_json


def _model(**overrides: object) -> dict[str, object]:
    """A two-tree model over two signals, small enough to check by hand."""
    model: dict[str, object] = {
        "features": ["title_fits", "surname_score"],
        "baseline": -1.0,
        # Tree 1: title_fits <= 0.5 ? -0.5 : +2.0; tree 2: surname_score <= 0.85 ? -1.0 : +1.5.
        "trees": [[[0, 0.5, 1, 2], [-0.5], [2.0]], [[1, 0.85, 1, 2], [-1.0], [1.5]]],
        "apply_probability": 0.9,
        "suggest_probability": 0.5,
    }
    model.update(overrides)
    return model


def test_trees_add_up_to_the_probability() -> None:
    scorer = scorer_from_json(_model())
    assert scorer.probability({}) == pytest.approx(1 / (1 + 2.718281828459045 ** 2.5))
    # -1.0 + 2.0 + 1.5 = 2.5
    assert scorer.probability({"title_fits": 1.0, "surname_score": 0.9}) == pytest.approx(1 / (1 + 2.718281828459045 ** -2.5))


def test_the_compiled_trees_agree_with_walking_them() -> None:
    scorer = load_scorer()
    rng = random.Random(7)
    for _ in range(500):
        signals = {name: rng.choice((0.0, 1.0, rng.random())) for name in scorer.features if rng.random() < 0.3}
        values = [signals.get(name, 0.0) for name in scorer.features]
        raw = scorer.walk(values)
        expected = 0.0 if raw < -30 else 1 / (1 + 2.718281828459045 ** -raw)
        assert scorer.probability(signals) == pytest.approx(expected, abs=1e-12)


def test_calibrated_points_land_on_the_configured_thresholds() -> None:
    scorer = scorer_from_json(_model())
    apply_signals = {"title_fits": 1.0, "surname_score": 0.9}
    assert scorer.confidence(apply_signals) > APPLY_AT
    assert scorer.confidence({}) < SUGGEST_AT
    at_apply = NameScorer(scorer.features, scorer.baseline, scorer.trees, scorer.probability(apply_signals), 0.5)
    assert at_apply.confidence(apply_signals) == pytest.approx(APPLY_AT)


def test_more_probable_is_more_confident() -> None:
    shipped = load_scorer()
    assert 0 < shipped.suggest_probability <= shipped.apply_probability < 1
    # A scorer with no trees says its baseline's probability whatever the signals.
    confidences = [
        NameScorer((), baseline / 10, (), shipped.apply_probability, shipped.suggest_probability).confidence({})
        for baseline in range(-80, 81)
    ]
    assert confidences == sorted(confidences)
    assert confidences[0] < SUGGEST_AT < APPLY_AT < confidences[-1]


@pytest.mark.parametrize("node", [[5, 0.5, 1, 2], [0, 0.5, 1], []])
def test_a_malformed_model_is_refused(node: list[float]) -> None:
    with pytest.raises(ValueError):
        scorer_from_json(_model(trees=[[node, [0.1], [0.2]]]))
