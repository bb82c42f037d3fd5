"""Chart data is the tidy table's rows laid out: every number equals a row of the engine."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from surveydesk.analysis import chart_data as cd
from surveydesk.analysis.project_tables import tables_for_project
from surveydesk.analysis.reference import AT_LEAST, BenchmarkValue, Target
from surveydesk.analysis.tables import TableOptions
from surveydesk.core.errors import UsageError
from surveydesk.store.project import Project

TARGET = Target("satisfaction", "theme_mean", AT_LEAST, 4.0)
BENCHMARK = BenchmarkValue("satisfaction", "theme_mean", 3.85, wave="2022", source="others")


@pytest.fixture(scope="module")
def demo(demo_project_file):
    with Project.open(demo_project_file) as project:
        options = TableOptions(breakdowns=("department",), targets=(TARGET,),
                               benchmark=(BENCHMARK,))
        return tables_for_project(project, options).table, project.questionnaire


def row(table, question, statistic, wave, breakdown="", group="") -> pd.Series:
    found = table[(table.question == question) & (table.statistic == statistic)
                  & (table.wave == wave) & (table.breakdown == breakdown)
                  & (table.group == group)]
    assert len(found) == 1
    return found.iloc[0]


def test_the_stack_holds_the_tables_shares_diverging_around_the_middle_answer(demo):
    table, questionnaire = demo
    chart = cd.chart_for_subject(table, questionnaire, "sat_latest", language="en")
    assert chart.kind == cd.SCALE and chart.wave == "2022" and chart.previous_wave == "2019"
    assert [r.wave for r in chart.stacked] == ["2022", "2019"]
    for stacked in chart.stacked:
        shares = {c: row(table, "sat_latest", f"share:{c}", stacked.wave).value
                  for c in ("1", "2", "3", "4", "5", "dk")}
        assert [s.point.choice for s in stacked.segments] == ["1", "2", "3", "4", "5"]
        assert [s.bar.value for s in stacked.segments] == [shares[c] for c in "12345"]
        # Negative answers and half the neutral one left of zero: the neutral is centred.
        assert stacked.segments[0].start == pytest.approx(
            -(shares["1"] + shares["2"] + shares["3"] / 2))
        neutral = stacked.segments[2]
        assert neutral.point.side == cd.NEUTRAL
        assert neutral.start == pytest.approx(-shares["3"] / 2)
        assert neutral.end == pytest.approx(shares["3"] / 2)
        assert stacked.segments[-1].end == pytest.approx(shares["4"] + shares["5"]
                                                         + shares["3"] / 2)
        assert [(s.point.choice, s.start, s.bar.value) for s in stacked.dont_know] == [
            ("dk", 0.0, shares["dk"])]
    assert [p.side for p in chart.scale] == [cd.NEGATIVE, cd.NEGATIVE, cd.NEUTRAL,
                                             cd.POSITIVE, cd.POSITIVE, cd.DONT_KNOW]
    assert chart.scale[0].label == "Very dissatisfied"


def test_a_four_point_scale_has_no_middle_answer_and_zero_lies_between_2_and_3(demo):
    table, questionnaire = demo
    chart = cd.chart_for_subject(table, questionnaire, "clear_info", language="en")
    segments = chart.stacked[0].segments
    assert [s.point.side for s in segments] == [cd.NEGATIVE, cd.NEGATIVE, cd.POSITIVE,
                                                cd.POSITIVE]
    assert segments[1].end == pytest.approx(0.0, abs=1e-12)
    assert segments[2].start == pytest.approx(0.0, abs=1e-12)


def test_top2_per_wave_equals_the_table_with_its_test_against_the_previous_wave(demo):
    table, questionnaire = demo
    chart = cd.chart_for_subject(table, questionnaire, "sat_latest", language="en")
    current, previous = chart.series
    engine = row(table, "sat_latest", "top2", "2022")
    bar = current.bars[0]
    assert (bar.value, bar.n, bar.ci_low, bar.ci_high) == (
        engine.value, engine.n, engine.ci_low, engine.ci_high)
    assert bar.p_value == engine.p_value and bar.previous_value == engine.previous_value
    assert current.bars[1] is None and previous.bars[0] is None
    assert previous.bars[1].value == row(table, "sat_latest", "top2", "2019").value
    assert math.isnan(previous.bars[1].p_value) and previous.bars[1].direction is None


def test_directions_follow_the_significant_column_and_the_sign_of_the_change(demo):
    table, questionnaire = demo
    checked = 0
    for subject in ("sat_latest", "clear_info", "channel_used", "satisfaction"):
        chart = cd.chart_for_subject(table, questionnaire, subject, language="en",
                                     breakdown="department")
        for bar in chart.bars():
            engine = row(table, subject, bar.statistic, bar.wave,
                         "" if bar.group == "" else "department", bar.group)
            if pd.notna(engine.significant) and bool(engine.significant):
                expected = cd.UP if engine.value > engine.previous_value else cd.DOWN
                checked += 1
            else:
                expected = None
            assert bar.direction == expected
            assert bar.low_base == engine.low_base
    assert checked >= 3


def test_select_bars_are_sorted_by_the_wave_in_focus_next_to_the_previous_wave(demo):
    table, questionnaire = demo
    chart = cd.chart_for_subject(table, questionnaire, "channel_used", language="en")
    assert chart.kind == cd.SELECT and chart.value_format == cd.PERCENT
    current = [row(table, "channel_used", f"share:{c.key}", "2022").value
               for c in chart.categories]
    assert current == sorted(current, reverse=True)
    assert chart.categories[0].key == "phone"
    assert chart.categories[0].label == "By phone"
    assert [s.wave for s in chart.series] == ["2022", "2019"]
    assert [b.value for b in chart.series[0].bars] == current
    assert [b.value for b in chart.series[1].bars] == [
        row(table, "channel_used", f"share:{c.key}", "2019").value for c in chart.categories]


def test_select_by_breakdown_has_a_row_per_group_and_a_colour_per_choice(demo):
    table, questionnaire = demo
    chart = cd.chart_for_subject(table, questionnaire, "important_phone", language="en",
                                 breakdown="department")
    assert chart.categories[0] == cd.Category("", "Total", total=True)
    assert chart.categories[1].label == "Citizen Service"
    choices = [s.key for s in chart.series]
    totals = [row(table, "important_phone", f"share:{c}", "2022").value for c in choices]
    assert totals == sorted(totals, reverse=True)
    first = chart.series[0]
    assert first.bars[1].value == row(table, "important_phone", f"share:{first.key}", "2022",
                                      "department", "borgerservice").value
    # Shares of a pick-several question may add up to more than 100 %.
    assert sum(s.bars[0].value for s in chart.series) > 1


def test_theme_means_per_wave_with_statements_target_and_benchmark(demo):
    table, questionnaire = demo
    chart = cd.chart_for_subject(table, questionnaire, "satisfaction", language="en")
    assert chart.kind == cd.THEME and chart.value_format == cd.MEAN
    assert [c.key for c in chart.categories] == ["satisfaction", "sat_municipality",
                                                 "sat_latest"]
    assert chart.categories[0].total and chart.categories[0].label == "Your satisfaction"
    current = chart.series[0]
    assert current.bars[0].value == row(table, "satisfaction", "theme_mean", "2022").value
    assert current.bars[2].value == row(table, "sat_latest", "mean", "2022").value
    assert chart.target == cd.Reference("theme_mean", ">=", 4.0)
    assert chart.benchmark == 3.85
    assert current.bars[0].benchmark == 3.85 and math.isnan(chart.series[1].bars[0].benchmark)
    assert current.bars[0].target_met is (current.bars[0].value >= 4.0)
    assert (chart.axis_min, chart.axis_max) == (1.0, 5.0)


def test_theme_by_breakdown_shows_every_group_that_answered(demo):
    table, questionnaire = demo
    chart = cd.chart_for_subject(table, questionnaire, "satisfaction", language="da",
                                 breakdown="department", names={"": "I alt"})
    assert [c.label for c in chart.categories[:3]] == ["I alt", "Borgerservice", "Jobcentret"]
    engine = table[(table.question == "satisfaction") & (table.breakdown == "department")
                   & (table.wave == "2022") & (table.n > 0)]
    bars = {b.group: b for b in chart.series[0].bars[1:] if b is not None}
    assert set(bars) == set(engine.group)
    for _, expected in engine.iterrows():
        assert bars[expected.group].value == expected.value
        assert bars[expected.group].low_base == expected.low_base


def test_labels_come_in_the_questionnaires_language(demo):
    table, questionnaire = demo
    chart = cd.chart_for_subject(table, questionnaire, "sat_latest", language="da")
    assert chart.title.startswith("Hvor tilfreds var du")
    assert chart.scale[-2].label == "Meget tilfreds"


def test_an_earlier_wave_in_focus_has_no_previous_wave(demo):
    table, questionnaire = demo
    chart = cd.chart_for_subject(table, questionnaire, "channel_used", language="en",
                                 wave="2019")
    assert chart.previous_wave is None
    assert [s.wave for s in chart.series] == ["2019"]
    assert all(b.direction is None for b in chart.bars())


def test_numeric_questions_chart_their_mean(demo):
    table, questionnaire = demo
    chart = cd.chart_for_subject(table, questionnaire, "age", language="en")
    assert chart.kind == cd.NUMERIC
    assert chart.series[0].bars[0].value == row(table, "age", "mean", "2022").value


def test_questions_without_a_chart_and_unknown_waves_are_explained(demo):
    table, questionnaire = demo
    with pytest.raises(UsageError, match="comment"):
        cd.chart_for_subject(table, questionnaire, "comment", language="en")
    with pytest.raises(UsageError, match="2030"):
        cd.chart_for_subject(table, questionnaire, "sat_latest", language="en", wave="2030")
    with pytest.raises(UsageError, match="gender"):
        cd.chart_for_subject(table, questionnaire, "sat_latest", language="en",
                             breakdown="gender")
