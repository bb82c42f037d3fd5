"""Each formula against statsmodels/scipy on the same numbers, to 1e-9."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import proportion_confint, proportions_ztest

from surveydesk.analysis import inference

TOL = dict(rel=1e-9, abs=1e-12)


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_pooled_z_test_equals_statsmodels(data):
    n1 = data.draw(st.integers(1, 5000))
    n2 = data.draw(st.integers(1, 5000))
    x1 = data.draw(st.integers(0, n1))
    x2 = data.draw(st.integers(0, n2))
    ours = inference.two_proportion_ztest(x1, n1, x2, n2)
    if x1 + x2 in (0, n1 + n2):
        assert np.isnan(ours.p_value)
        return
    z, p = proportions_ztest([x1, x2], [n1, n2])
    assert float(ours.statistic) == pytest.approx(z, **TOL)
    assert float(ours.p_value) == pytest.approx(p, **TOL)


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_one_sample_proportion_test_equals_statsmodels(data):
    n = data.draw(st.integers(1, 5000))
    x = data.draw(st.integers(0, n))
    p0 = data.draw(st.floats(0.01, 0.99))
    z, p = proportions_ztest(x, n, p0, prop_var=p0)
    ours = inference.one_proportion_ztest(x, n, p0)
    assert float(ours.statistic) == pytest.approx(z, **TOL)
    assert float(ours.p_value) == pytest.approx(p, **TOL)


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_wilson_interval_equals_statsmodels(data):
    n = data.draw(st.integers(1, 10000))
    x = data.draw(st.integers(0, n))
    alpha = data.draw(st.sampled_from([0.01, 0.05, 0.1]))
    low, high = proportion_confint(x, n, alpha=alpha, method="wilson")
    ours = inference.wilson_interval(x, n, alpha)
    assert float(ours.low) == pytest.approx(low, **TOL)
    assert float(ours.high) == pytest.approx(high, **TOL)


def _samples(data, name):
    return np.array(data.draw(st.lists(st.integers(1, 5), min_size=2, max_size=300), label=name),
                    dtype=float)


@pytest.mark.filterwarnings("ignore:Precision loss:RuntimeWarning")  # scipy's, on [1, 1]
@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_welch_test_equals_scipy(data):
    a, b = _samples(data, "a"), _samples(data, "b")
    ours = inference.welch_ttest(a.mean(), a.var(ddof=1), a.size, b.mean(), b.var(ddof=1),
                                 b.size)
    if a.var() == 0 and b.var() == 0:
        assert np.isnan(ours.p_value)
        return
    reference = stats.ttest_ind(a, b, equal_var=False)
    assert float(ours.statistic) == pytest.approx(reference.statistic, **TOL)
    assert float(ours.p_value) == pytest.approx(reference.pvalue, rel=1e-9, abs=1e-15)


@pytest.mark.filterwarnings("ignore:Precision loss:RuntimeWarning")
@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_one_sample_t_test_and_t_interval_equal_scipy(data):
    a = _samples(data, "a")
    mu0 = data.draw(st.floats(1, 5))
    ours = inference.one_sample_ttest(a.mean(), a.var(ddof=1), a.size, mu0)
    interval = inference.t_interval(a.mean(), a.var(ddof=1), a.size, 0.05)
    if a.var() == 0:
        assert np.isnan(ours.p_value)
        return
    reference = stats.ttest_1samp(a, mu0)
    assert float(ours.p_value) == pytest.approx(reference.pvalue, rel=1e-9, abs=1e-15)
    low, high = stats.t.interval(0.95, a.size - 1, loc=a.mean(), scale=stats.sem(a))
    assert float(interval.low) == pytest.approx(low, **TOL)
    assert float(interval.high) == pytest.approx(high, **TOL)


def test_benjamini_hochberg_equals_statsmodels_and_keeps_missing_values():
    rng = np.random.default_rng(3)
    p = rng.uniform(0, 0.2, 40)
    p[[3, 17]] = np.nan
    ours = inference.benjamini_hochberg(p)
    present = ~np.isnan(p)
    expected = multipletests(p[present], method="fdr_bh")[1]
    np.testing.assert_allclose(ours[present], expected, rtol=1e-12)
    assert np.isnan(ours[[3, 17]]).all()
    assert inference.benjamini_hochberg([]).size == 0


def test_kish_effective_n():
    weights = np.array([1.0, 2.0, 3.0])
    assert inference.kish_effective_n(weights.sum(), (weights**2).sum()) == pytest.approx(
        36 / 14)
    assert inference.kish_effective_n(5.0, 5.0) == 5.0


def test_degenerate_cells_give_nan_without_warnings():
    with np.errstate(all="raise"):
        assert np.isnan(inference.two_proportion_ztest(0, 50, 0, 60).p_value)
        assert np.isnan(inference.two_proportion_ztest(50, 50, 60, 60).p_value)
        assert np.isnan(inference.two_proportion_ztest(0, 0, 3, 10).p_value)
        assert np.isnan(inference.welch_ttest(4, 0, 10, 4, 0, 12).p_value)
        assert np.isnan(inference.welch_ttest(4, 1, 1, 3, 1, 12).p_value)
        interval = inference.wilson_interval(0, 0)
        assert np.isnan(interval.low) and np.isnan(interval.high)
        assert np.isnan(inference.t_interval(3.0, 0.0, 1).low)
