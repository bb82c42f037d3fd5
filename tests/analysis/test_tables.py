"""The tidy tables against a naive computation: a pandas filter and a statsmodels call per cell."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import proportion_confint, proportions_ztest

from surveydesk.analysis.data import WaveAnswers, load_waves
from surveydesk.analysis.reference import BenchmarkValue, Target
from surveydesk.analysis.tables import COLUMNS, TableOptions, compute_tables
from surveydesk.core.errors import UsageError
from surveydesk.store.project import Project

TOL = dict(rel=1e-9, abs=1e-12)


@pytest.fixture(scope="module")
def demo(demo_project_file):
    with Project.open(demo_project_file) as project:
        questionnaire = project.questionnaire
        waves = load_waves(project, questionnaire)
        raw = {w.label: project.wave_data(w.label) for w in project.waves()}
    return questionnaire, waves, raw


@pytest.fixture(scope="module")
def table(demo):
    questionnaire, waves, _ = demo
    return compute_tables(waves, questionnaire, TableOptions(breakdowns=("department",)))


def complete_answers(raw, wave: str) -> pd.DataFrame:
    data = raw[wave]
    return data.answers[data.interviews["status"] == "complete"].astype(object)


def cell(table, question, statistic, wave, breakdown="", group="") -> pd.Series:
    rows = table[(table.question == question) & (table.statistic == statistic)
                 & (table.wave == wave) & (table.breakdown == breakdown) & (table.group == group)]
    assert len(rows) == 1
    return rows.iloc[0]


def test_the_output_has_the_contract_columns_in_order(table):
    assert tuple(table.columns[: len(COLUMNS)]) == COLUMNS


def test_shares_and_their_wilson_interval_match_a_naive_count(demo, table):
    _, _, raw = demo
    answers = complete_answers(raw, "2022")["sat_latest"].dropna()
    x, n = int((answers == "4").sum()), len(answers)
    row = cell(table, "sat_latest", "share:4", "2022")
    assert row.n == n
    assert row.value == pytest.approx(x / n, **TOL)
    low, high = proportion_confint(x, n, method="wilson")
    assert (row.ci_low, row.ci_high) == (pytest.approx(low, **TOL), pytest.approx(high, **TOL))


def test_top2_excludes_dont_know_from_its_base_and_is_tested_against_the_previous_wave(
        demo, table):
    _, _, raw = demo
    counts = []
    for wave in ("2022", "2019"):
        answers = complete_answers(raw, wave)["sat_latest"].dropna()
        scale = answers[answers != "dk"]
        counts.append((int(scale.isin(["5", "4"]).sum()), len(scale)))
    row = cell(table, "sat_latest", "top2", "2022")
    assert row.n == counts[0][1]
    assert row.value == pytest.approx(counts[0][0] / counts[0][1], **TOL)
    _z, p = proportions_ztest([counts[0][0], counts[1][0]], [counts[0][1], counts[1][1]])
    assert row.p_value == pytest.approx(p, **TOL)
    assert row.significant == (p < 0.05)
    first = cell(table, "sat_latest", "top2", "2019")
    assert pd.isna(first.p_value) and pd.isna(first.significant)


def test_mean_uses_scores_and_welch_test(demo, table):
    _, _, raw = demo
    samples = []
    for wave in ("2022", "2019"):
        answers = complete_answers(raw, wave)["clear_info"].dropna()
        samples.append(answers[answers != "dk"].astype(float).to_numpy())
    row = cell(table, "clear_info", "mean", "2022")
    assert row.value == pytest.approx(samples[0].mean(), **TOL)
    assert row.sd == pytest.approx(samples[0].std(ddof=1), **TOL)
    reference = stats.ttest_ind(samples[0], samples[1], equal_var=False)
    assert row.p_value == pytest.approx(reference.pvalue, **TOL)
    low, high = stats.t.interval(0.95, len(samples[0]) - 1, loc=samples[0].mean(),
                                 scale=stats.sem(samples[0]))
    assert (row.ci_low, row.ci_high) == (pytest.approx(low, **TOL), pytest.approx(high, **TOL))


def test_group_is_tested_against_the_rest_of_its_wave(demo, table):
    _, _, raw = demo
    answers = complete_answers(raw, "2022")
    scale = answers[answers["sat_latest"].notna() & (answers["sat_latest"] != "dk")]
    inside = scale["department"] == "teknik_miljoe"
    top = scale["sat_latest"].isin(["5", "4"])
    x = [int(top[inside].sum()), int(top[~inside].sum())]
    n = [int(inside.sum()), int((~inside).sum())]
    _, p = proportions_ztest(x, n)
    row = cell(table, "sat_latest", "top2", "2022", "department", "teknik_miljoe")
    assert row.p_value_vs_rest == pytest.approx(p, **TOL)
    assert pd.isna(cell(table, "sat_latest", "top2", "2022").p_value_vs_rest)


def test_select_multiple_shares_use_respondents_who_answered_and_may_pass_100(demo, table):
    _, _, raw = demo
    answers = complete_answers(raw, "2022")["important_phone"].dropna()
    picked = answers.str.split()
    rows = table[(table.question == "important_phone") & (table.wave == "2022")
                 & (table.breakdown == "")]
    for row in rows.itertuples():
        choice = row.statistic.removeprefix("share:")
        assert row.n == len(answers)
        assert row.value == pytest.approx(picked.map(lambda c, x=choice: x in c).mean(), **TOL)
    assert rows.value.sum() > 1


def test_theme_score_is_the_mean_of_respondents_means_over_at_least_half(demo, table):
    questionnaire, _, raw = demo
    names = [q.name for q in questionnaire.questions_in_group("channel_phone")
             if q.is_scored]
    answers = complete_answers(raw, "2022")[names]
    scores = answers.replace("dk", np.nan).apply(pd.to_numeric)
    answered = scores.notna().sum(axis=1)
    per_person = scores.mean(axis=1)[answered * 2 >= len(names)]
    row = cell(table, "channel_phone", "theme_mean", "2022")
    assert row.n == len(per_person)
    assert row.value == pytest.approx(per_person.mean(), **TOL)


def test_numeric_questions_have_mean_and_median(demo, table):
    _, _, raw = demo
    ages = complete_answers(raw, "2022")["age"].dropna().astype(float)
    assert cell(table, "age", "mean", "2022").value == pytest.approx(ages.mean(), **TOL)
    median = cell(table, "age", "median", "2022")
    assert median.value == ages.median() and pd.isna(median.p_value)


def test_low_base_flags_groups_of_thirty_or_fewer(table):
    rows = table[table.breakdown == "department"]
    assert (rows.low_base == (rows.n <= 30)).all()
    assert rows.low_base.any() and (~rows.low_base).any()


def test_dont_know_in_base_is_a_setting(demo):
    questionnaire, waves, raw = demo
    table = compute_tables(waves, questionnaire, TableOptions(
        questions=("sat_latest",), dont_know_in_base=True))
    answers = complete_answers(raw, "2022")["sat_latest"].dropna()
    row = cell(table, "sat_latest", "top2", "2022")
    assert row.n == len(answers)
    assert row.value == pytest.approx(answers.isin(["5", "4"]).mean(), **TOL)
    mean = cell(table, "sat_latest", "mean", "2022")
    assert mean.n == (answers != "dk").sum()


def test_targets_are_reported_and_checked(demo):
    questionnaire, waves, _ = demo
    targets = (Target("satisfaction", "theme_mean", ">=", 4.0),
               Target("sat_latest", "bottom2", "<=", 0.06))
    table = compute_tables(waves, questionnaire, TableOptions(targets=targets))
    theme = cell(table, "satisfaction", "theme_mean", "2022")
    assert theme.target == 4.0 and theme.target_met == (theme.value >= 4.0)
    bottom = cell(table, "sat_latest", "bottom2", "2019")
    assert bottom.target == 0.06 and bottom.target_met == (bottom.value <= 0.06)
    assert pd.isna(cell(table, "sat_latest", "top2", "2019").target_met)


def test_benchmarks_are_tested_with_the_two_sample_test_when_n_is_given(demo):
    questionnaire, waves, _raw = demo
    benchmark = (BenchmarkValue("sat_latest", "top2", 0.70, n=5000),
                 BenchmarkValue("clear_info", "mean", 3.2, n=4000, sd=0.8),
                 BenchmarkValue("sat_municipality", "top2", 0.70))
    table = compute_tables(waves, questionnaire, TableOptions(benchmark=benchmark))
    row = cell(table, "sat_latest", "top2", "2022")
    x, n = row.value * row.n, row.n
    _, p = proportions_ztest([round(x), 3500], [n, 5000])
    assert row.benchmark == 0.70
    assert row.p_value_vs_benchmark == pytest.approx(p, **TOL)
    one = cell(table, "sat_municipality", "top2", "2022")
    _, p = proportions_ztest(round(one.value * one.n), one.n, 0.70, prop_var=0.70)
    assert one.p_value_vs_benchmark == pytest.approx(p, **TOL)
    mean = cell(table, "clear_info", "mean", "2022")
    expected = stats.ttest_ind_from_stats(mean.value, mean.sd, mean.n, 3.2, 0.8, 4000,
                                          equal_var=False)
    assert mean.p_value_vs_benchmark == pytest.approx(expected.pvalue, **TOL)
    assert pd.isna(cell(table, "age", "mean", "2022").p_value_vs_benchmark)


def test_benjamini_hochberg_adjusts_within_each_question_table(demo):
    questionnaire, waves, _ = demo
    options = dict(questions=("department",), breakdowns=("mode",))
    plain = compute_tables(waves, questionnaire, TableOptions(**options))
    adjusted = compute_tables(waves, questionnaire, TableOptions(adjust=True, **options))
    assert set(adjusted.p_adjustment) == {"benjamini-hochberg"}
    assert set(plain.p_adjustment) == {"none"}
    for _, part in plain.groupby(["question", "breakdown"]):
        p = part.p_value.to_numpy()
        present = ~np.isnan(p)
        expected = multipletests(p[present], method="fdr_bh")[1]
        np.testing.assert_allclose(adjusted.loc[part.index, "p_value"].to_numpy()[present],
                                   expected, rtol=1e-12)


def test_two_breakdowns_give_both_and_their_cross(demo):
    questionnaire, waves, _ = demo
    table = compute_tables(waves, questionnaire, TableOptions(
        questions=("sat_latest",), breakdowns=("department", "mode")))
    assert set(table.breakdown) == {"", "department", "mode", "department × mode"}
    crossed = table[(table.breakdown == "department × mode") & (table.statistic == "top2")
                    & (table.wave == "2022")]
    assert crossed.n.sum() == cell(table, "sat_latest", "top2", "2022").n
    assert "borgerservice × phone" in set(crossed.group)


def test_wave_option_keeps_the_comparison_with_the_earlier_wave(demo, table):
    questionnaire, waves, _ = demo
    only = compute_tables(waves, questionnaire, TableOptions(waves=("2022",),
                                                             questions=("sat_latest",)))
    assert set(only.wave) == {"2022"}
    assert cell(only, "sat_latest", "top2", "2022").p_value == cell(
        table, "sat_latest", "top2", "2022").p_value


def test_zero_and_full_cells_give_empty_p_values_without_warnings(demo):
    questionnaire, waves, _ = demo
    # Everyone answered "5" in both waves: 100 % and 0 % cells, no variance.
    uniform = []
    for wave in waves:
        answers = wave.answers.copy()
        answers["sat_latest"] = pd.Categorical(["5"] * len(answers))
        uniform.append(WaveAnswers(wave.label, answers, wave.interviews, wave.weights))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        table = compute_tables(uniform, questionnaire, TableOptions(questions=("sat_latest",)))
    assert table.loc[table.statistic.isin(["share:5", "share:4", "top2", "mean"]),
                     "p_value"].dropna().empty
    assert cell(table, "sat_latest", "share:5", "2022").value == 1.0


def test_weighted_shares_and_means_use_the_weights_and_kish_n(demo):
    questionnaire, waves, _raw = demo
    rng = np.random.default_rng(5)
    weighted = [WaveAnswers(w.label, w.answers, w.interviews, rng.uniform(0.5, 2, w.size))
                for w in waves]
    table = compute_tables(weighted, questionnaire, TableOptions(
        questions=("sat_latest",), weighted=True))
    wave = weighted[1]
    answers = wave.answers["sat_latest"].astype(object)
    on_scale = answers.notna().to_numpy() & (answers != "dk").to_numpy()
    w = wave.weights[on_scale]
    top = answers[on_scale].isin(["5", "4"]).to_numpy()
    row = cell(table, "sat_latest", "top2", "2022")
    assert row.value == pytest.approx((w * top).sum() / w.sum(), **TOL)
    assert row.n_effective == pytest.approx(w.sum() ** 2 / (w**2).sum(), **TOL)
    assert row.n == on_scale.sum() and row.weighted


@pytest.mark.parametrize("options,message", [
    (dict(questions=("nope",)), "No question or theme named 'nope'"),
    (dict(questions=("comment",)), "not analysed"),
    (dict(breakdowns=("nope",)), "no question of that name"),
    (dict(breakdowns=("age",)), "must be categorical"),
    (dict(breakdowns=("mode", "mode")), "twice"),
    (dict(alpha=1.5), "alpha"),
])
def test_bad_options_are_user_errors(demo, options, message):
    questionnaire, waves, _ = demo
    with pytest.raises(UsageError, match=message):
        compute_tables(waves, questionnaire, TableOptions(**options))


def test_wave_as_a_breakdown_keeps_each_waves_own_group(demo):
    questionnaire, waves, _ = demo
    table = compute_tables(waves, questionnaire, TableOptions(
        questions=("sat_latest",), breakdowns=("wave", "mode")))
    by_wave = table[table.breakdown == "wave"]
    assert (by_wave.group == by_wave.wave).all()
    crossed = table[table.breakdown == "wave × mode"]
    assert (crossed.group.str.split(" × ").str[0] == crossed.wave).all()
    assert cell(table, "sat_latest", "top2", "2022", "wave", "2022").n == cell(
        table, "sat_latest", "top2", "2022").n


def test_medians_per_group_equal_numpy_and_the_weighted_definition():
    from surveydesk.analysis.cells import _weighted_medians

    rng = np.random.default_rng(8)
    values = rng.integers(15, 90, 500).astype(float)
    values[::17] = np.nan
    groups = rng.integers(-1, 6, 500)
    medians = _weighted_medians(values, groups, np.ones(500), 7)
    for group in range(6):
        chosen = values[(groups == group) & ~np.isnan(values)]
        assert medians[group] == np.median(chosen)
    assert np.isnan(medians[6])
    weights = rng.uniform(0.2, 3, 500)
    weighted = _weighted_medians(values, groups, weights, 7)
    for group in range(6):
        mask = (groups == group) & ~np.isnan(values)
        x, w = values[mask], weights[mask]
        below = np.array([w[x <= v].sum() for v in x])
        candidates = x[below >= w.sum() / 2]
        assert weighted[group] == candidates.min()


@pytest.mark.parametrize("breakdowns", [(), ("department",)])
def test_a_single_wave_is_tabulated_with_no_comparison_with_a_previous_wave(demo, breakdowns):
    questionnaire, waves, _ = demo
    first = [w for w in waves if w.label == "2019"]
    table = compute_tables(first, questionnaire, TableOptions(breakdowns=breakdowns))
    assert set(table.wave) == {"2019"}
    assert table.p_value.isna().all() and not table.significant.any()
    top2 = cell(table, "sat_municipality", "top2", "2019")
    assert top2.n > 0 and 0 < top2.value < 1
