"""Post-stratification and raking: margins matched, warnings, impossible margins refused."""

from __future__ import annotations

import numpy as np
import pytest

from surveydesk.analysis.weighting import Margin, WeightingError, weight


def _shares(groups, weights, names):
    total = weights.sum()
    return {name: weights[groups == name].sum() / total for name in names}


def test_post_stratification_gives_population_over_sample_per_group():
    groups = np.array(["a"] * 30 + ["b"] * 70, dtype=object)
    result = weight([Margin("g", groups, {"a": 500, "b": 500})])
    assert _shares(groups, result.values, "ab") == pytest.approx({"a": 0.5, "b": 0.5})
    ratio = result.values[groups == "a"][0] / result.values[groups == "b"][0]
    assert ratio == pytest.approx((500 / 30) / (500 / 70))
    assert result.values.mean() == pytest.approx(1.0)


def test_raking_matches_every_margin():
    rng = np.random.default_rng(1)
    sex = rng.choice(np.array(["f", "m"], dtype=object), 2000, p=[0.7, 0.3])
    age = rng.choice(np.array(["young", "mid", "old"], dtype=object), 2000, p=[0.2, 0.3, 0.5])
    result = weight([Margin("sex", sex, {"f": 51, "m": 49}),
                     Margin("age", age, {"young": 30, "mid": 40, "old": 30})])
    assert _shares(sex, result.values, ["f", "m"]) == pytest.approx({"f": .51, "m": .49},
                                                                    abs=1e-9)
    assert _shares(age, result.values, ["young", "mid", "old"]) == pytest.approx(
        {"young": .3, "mid": .4, "old": .3}, abs=1e-9)


def test_raking_independent_margins_gives_the_product_of_the_factors():
    # A sample whose two variables are independent: raking equals the product of the
    # one-margin post-stratification factors.
    sex = np.array(["f", "f", "m", "m"] * 25, dtype=object)
    age = np.array(["y", "o", "y", "o"] * 25, dtype=object)
    result = weight([Margin("sex", sex, {"f": 60, "m": 40}),
                     Margin("age", age, {"y": 25, "o": 75})])
    expected = np.array([0.6 * 0.25, 0.6 * 0.75, 0.4 * 0.25, 0.4 * 0.75] * 25) / 0.25
    np.testing.assert_allclose(result.values, expected / expected.mean(), rtol=1e-9)


def test_respondents_without_a_group_keep_weight_one_with_a_warning():
    groups = np.array(["a", "a", "b", None, ""], dtype=object)
    result = weight([Margin("g", groups, {"a": 1, "b": 1})])
    assert result.values[3] == result.values[4] == 1.0
    assert "2 respondent(s)" in result.warnings[0]


def test_an_empty_group_is_a_warning_for_one_margin_and_an_error_for_raking():
    groups = np.array(["a", "b"], dtype=object)
    one = weight([Margin("g", groups, {"a": 1, "b": 1, "c": 5})])
    assert any("c" in text for text in one.warnings)
    with pytest.raises(WeightingError, match="no respondents"):
        weight([Margin("g", groups, {"a": 1, "b": 1, "c": 5}),
                Margin("h", groups, {"a": 1, "b": 1})])
