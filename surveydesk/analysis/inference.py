"""Intervals and significance tests, written from their formulas and vectorised.

Every function takes numpy arrays (or scalars) of sufficient statistics, so a whole table
of cells is tested in one call. Where a test is undefined (a zero base, 0 % or 100 % in both
samples, no variance) the p-value is NaN, which the tables show as empty: never an exception
and never a warning. Each function is checked in the test suite against statsmodels/scipy on
the same numbers to 1e-9.

Weighted data enter through Kish's effective sample size: a weighted proportion ``p`` with
effective base ``n_eff`` is tested as ``x = p * n_eff`` successes out of ``n_eff``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import special, stats

ArrayLike = np.ndarray | float


@dataclass(frozen=True)
class Interval:
    low: np.ndarray
    high: np.ndarray


@dataclass(frozen=True)
class TestResult:
    statistic: np.ndarray
    p_value: np.ndarray


def _arrays(*values):
    return [np.asarray(v, dtype=float) for v in values]


def _quiet():
    return np.errstate(divide="ignore", invalid="ignore", over="ignore")


def _normal_two_sided(z: np.ndarray) -> np.ndarray:
    return 2.0 * special.ndtr(-np.abs(z))


def wilson_interval(successes: ArrayLike, n: ArrayLike, alpha: float = 0.05) -> Interval:
    r"""Wilson score interval for a proportion.

    .. math::
        \frac{\hat p + \frac{z^2}{2n} \pm z\sqrt{\frac{\hat p(1-\hat p)}{n} + \frac{z^2}{4n^2}}}
             {1 + \frac{z^2}{n}}

    with :math:`z = \Phi^{-1}(1-\alpha/2)`. Wilson, E. B. (1927), "Probable inference, the
    law of succession, and statistical inference", JASA 22, 209-212; the same as
    ``statsmodels.stats.proportion.proportion_confint(method="wilson")``. ``n`` may be an
    effective (non-integer) base. NaN where ``n`` is 0.
    """
    x, n = _arrays(successes, n)
    z = special.ndtri(1 - alpha / 2)
    with _quiet():
        p = x / n
        denominator = 1 + z**2 / n
        centre = (p + z**2 / (2 * n)) / denominator
        half = z * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / denominator
    return Interval(centre - half, centre + half)


def t_interval(mean: ArrayLike, variance: ArrayLike, n: ArrayLike,
               alpha: float = 0.05) -> Interval:
    r"""Student's t interval for a mean: :math:`\bar x \pm t_{1-\alpha/2, n-1}\sqrt{s^2/n}`.

    ``variance`` is the sample variance (ddof = 1). NaN where ``n`` < 2.
    """
    mean, variance, n = _arrays(mean, variance, n)
    with _quiet():
        half = stats.t.ppf(1 - alpha / 2, n - 1) * np.sqrt(variance / n)
    half = np.where(n >= 2, half, np.nan)
    return Interval(mean - half, mean + half)


def two_proportion_ztest(x1: ArrayLike, n1: ArrayLike, x2: ArrayLike,
                         n2: ArrayLike) -> TestResult:
    r"""Pooled two-proportion z-test, two-sided, without continuity correction.

    .. math::
        z = \frac{\hat p_1 - \hat p_2}{\sqrt{\hat p(1-\hat p)(1/n_1 + 1/n_2)}},\qquad
        \hat p = \frac{x_1 + x_2}{n_1 + n_2}

    and :math:`p = 2\Phi(-|z|)`. Agresti, *Categorical Data Analysis* (2013), sec. 3.1.3;
    the same as ``statsmodels.stats.proportion.proportions_ztest`` with two samples.
    NaN when either base is 0 or the pooled proportion is 0 or 1 (0 % or 100 % in both).
    """
    x1, n1, x2, n2 = _arrays(x1, n1, x2, n2)
    with _quiet():
        pooled = (x1 + x2) / (n1 + n2)
        se = np.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
        z = (x1 / n1 - x2 / n2) / se
    z = np.where((n1 > 0) & (n2 > 0) & (se > 0), z, np.nan)
    return TestResult(z, _normal_two_sided(z))


def one_proportion_ztest(x: ArrayLike, n: ArrayLike, p0: ArrayLike) -> TestResult:
    r"""Score test of a proportion against a fixed value: :math:`z = (\hat p - p_0)/
    \sqrt{p_0(1-p_0)/n}`, two-sided. Used against a published benchmark without a base.
    Agresti (2013), sec. 1.4.1; ``proportions_ztest(x, n, p0, prop_var=p0)`` in statsmodels.
    """
    x, n, p0 = _arrays(x, n, p0)
    with _quiet():
        se = np.sqrt(p0 * (1 - p0) / n)
        z = (x / n - p0) / se
    z = np.where((n > 0) & (se > 0), z, np.nan)
    return TestResult(z, _normal_two_sided(z))


def welch_ttest(mean1: ArrayLike, variance1: ArrayLike, n1: ArrayLike, mean2: ArrayLike,
                variance2: ArrayLike, n2: ArrayLike) -> TestResult:
    r"""Welch's unequal-variances t-test, two-sided.

    .. math::
        t = \frac{\bar x_1 - \bar x_2}{\sqrt{s_1^2/n_1 + s_2^2/n_2}},\qquad
        \nu = \frac{(s_1^2/n_1 + s_2^2/n_2)^2}
                   {\frac{(s_1^2/n_1)^2}{n_1-1} + \frac{(s_2^2/n_2)^2}{n_2-1}}

    Welch, B. L. (1947), Biometrika 34, 28-35; the same as
    ``scipy.stats.ttest_ind(equal_var=False)``. NaN when a sample has fewer than 2 values
    or both variances are 0.
    """
    m1, v1, n1, m2, v2, n2 = _arrays(mean1, variance1, n1, mean2, variance2, n2)
    with _quiet():
        a, b = v1 / n1, v2 / n2
        t = (m1 - m2) / np.sqrt(a + b)
        df = (a + b) ** 2 / (a**2 / (n1 - 1) + b**2 / (n2 - 1))
        p = 2 * stats.t.sf(np.abs(t), df)
    valid = (n1 >= 2) & (n2 >= 2) & (a + b > 0)
    return TestResult(np.where(valid, t, np.nan), np.where(valid, p, np.nan))


def one_sample_ttest(mean: ArrayLike, variance: ArrayLike, n: ArrayLike,
                     mu0: ArrayLike) -> TestResult:
    r"""One-sample t-test against a fixed value: :math:`t = (\bar x - \mu_0)/\sqrt{s^2/n}`,
    ``n - 1`` degrees of freedom, two-sided; ``scipy.stats.ttest_1samp``. Used against a
    published benchmark mean given without a standard deviation.
    """
    m, v, n, mu0 = _arrays(mean, variance, n, mu0)
    with _quiet():
        t = (m - mu0) / np.sqrt(v / n)
        p = 2 * stats.t.sf(np.abs(t), n - 1)
    valid = (n >= 2) & (v > 0)
    return TestResult(np.where(valid, t, np.nan), np.where(valid, p, np.nan))


def kish_effective_n(sum_weights: ArrayLike, sum_squared_weights: ArrayLike) -> np.ndarray:
    r"""Kish's effective sample size :math:`n_{eff} = (\sum w)^2 / \sum w^2`.

    Kish, L. (1965), *Survey Sampling*, eq. 11.7.1. Equals ``n`` when all weights are equal.
    """
    total, squares = _arrays(sum_weights, sum_squared_weights)
    with _quiet():
        return np.where(squares > 0, total**2 / squares, 0.0)


def benjamini_hochberg(p_values: ArrayLike) -> np.ndarray:
    r"""Benjamini-Hochberg adjusted p-values (q-values); NaN entries stay NaN.

    :math:`q_{(i)} = \min_{j \ge i} \min(1, m\,p_{(j)}/j)` over the ``m`` non-missing
    p-values sorted ascending. Benjamini & Hochberg (1995), JRSS B 57, 289-300;
    ``statsmodels.stats.multitest.multipletests(method="fdr_bh")``.
    """
    p = np.asarray(p_values, dtype=float)
    adjusted = np.full(p.shape, np.nan)
    present = ~np.isnan(p)
    values = p[present]
    m = values.size
    if m == 0:
        return adjusted
    order = np.argsort(values)
    scaled = values[order] * m / np.arange(1, m + 1)
    monotone = np.minimum.accumulate(scaled[::-1])[::-1]
    result = np.empty(m)
    result[order] = np.minimum(monotone, 1.0)
    adjusted[present] = result
    return adjusted
