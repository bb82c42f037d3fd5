"""The analysis chart draws the engine's numbers: bar extents, light low-base bars, marks,
target line and benchmark, exports, and the UI language's words and decimal comma."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pandas as pd
import pytest

from surveydesk.analysis.reference import AT_LEAST, BenchmarkValue, Target

TARGET = Target("satisfaction", "theme_mean", AT_LEAST, 4.0)
BENCHMARK = BenchmarkValue("satisfaction", "theme_mean", 3.85, wave="2022", source="others")


@pytest.fixture(scope="module")
def demo(demo_project_path):
    from surveydesk.analysis.project_tables import tables_for_project
    from surveydesk.analysis.tables import TableOptions
    from surveydesk.store.project import Project

    project = Project.open(demo_project_path)
    try:
        options = TableOptions(breakdowns=("department",), targets=(TARGET,),
                               benchmark=(BENCHMARK,))
        return tables_for_project(project, options).table, project.questionnaire
    finally:
        project.close()


@pytest.fixture
def view(qtbot):
    from surveydesk.gui.analysis.charts import ChartView

    chart = ChartView()
    chart.resize(900, 560)
    qtbot.addWidget(chart)
    chart.show()
    return chart


def engine(table, question, statistic, wave, group=""):
    rows = table[(table.question == question) & (table.statistic == statistic)
                 & (table.wave == wave) & (table.group == group)
                 & (table.breakdown == ("" if group == "" else "department"))]
    assert len(rows) == 1
    return rows.iloc[0]


def drawn_rectangles(panel):
    """(x0, width, alpha) of every bar the plot's BarGraphItems really draw."""
    found = []
    for item in panel.bars.items:
        if not item.isVisible():
            continue
        for x0, width, brush in zip(item.opts["x0"], item.opts["width"], item.opts["brushes"],
                                    strict=True):
            found.append((float(x0), float(width), round(brush.color().alphaF(), 2)))
    return found


def visible_texts(panel) -> list[str]:
    return [item.textItem.toPlainText() for item in panel.texts.items if item.isVisible()]


def test_likert_segments_and_top2_bars_have_the_engines_values(view, demo):
    table, questionnaire = demo
    view.show_subject(table, questionnaire, "sat_latest", language="en")
    bars = view.bars()
    segments = [b for b in bars if b.panel in ("distribution", "dont_know")]
    assert len(segments) == 2 * 6  # two waves x five answers and don't know
    for bar in segments:
        expected = engine(table, "sat_latest", bar.statistic, bar.wave).value
        assert bar.value == expected
        assert bar.end - bar.start == pytest.approx(expected)
    # The stack diverges: "very dissatisfied" ends left of zero, "very satisfied" right.
    first = next(b for b in segments if b.statistic == "share:1" and b.wave == "2022")
    last = next(b for b in segments if b.statistic == "share:5" and b.wave == "2022")
    assert first.end < 0 < last.start
    top2 = [b for b in bars if b.panel == "top2"]
    assert [(b.wave, b.value) for b in top2] == [
        ("2022", engine(table, "sat_latest", "top2", "2022").value),
        ("2019", engine(table, "sat_latest", "top2", "2019").value)]
    drawn = drawn_rectangles(view._side)
    assert sorted(width for _, width, _ in drawn) == sorted(b.value for b in top2)
    assert view.category_labels() == ["2022", "2019"]


def test_low_base_bars_are_drawn_light_and_the_legend_says_why(view, demo):
    from surveydesk.gui.analysis.charts import LOW_BASE_ALPHA

    table, questionnaire = demo
    view.show_subject(table, questionnaire, "sat_latest", language="en",
                      breakdown="department")
    top2 = [b for b in view.bars() if b.panel == "top2"]
    low = [b for b in top2 if b.low_base]
    assert low and len(low) < len(top2)
    for bar in top2:
        assert bar.low_base == bool(engine(table, "sat_latest", "top2", bar.wave,
                                           bar.group).low_base)
        assert bar.alpha == (LOW_BASE_ALPHA if bar.low_base else 1.0)
    drawn = drawn_rectangles(view._side)
    for bar in top2:
        assert (0.0, pytest.approx(bar.value), round(bar.alpha, 2)) in drawn
    assert "few answers" in view.legend_text()


def test_significance_marks_sit_where_the_engine_found_a_change(view, demo):
    table, questionnaire = demo
    view.show_subject(table, questionnaire, "satisfaction", language="en",
                      breakdown="department")
    marked = 0
    for bar in view.bars():
        row = engine(table, "satisfaction", "theme_mean", bar.wave, bar.group)
        significant = pd.notna(row.significant) and bool(row.significant)
        expected = ("" if not significant else
                    "▲" if row.value > row.previous_value else "▼")
        assert bar.mark == expected
        marked += bool(expected)
        if expected:
            assert bar.text.endswith(expected)
    assert marked >= 2
    texts = visible_texts(view._main)
    assert sum(text.endswith("▲") or text.endswith("▼") for text in texts) == marked
    assert "significantly higher / lower than 2019" in view.legend_text()


def test_theme_chart_has_the_target_line_and_benchmark_marker(view, demo):
    table, questionnaire = demo
    view.show_subject(table, questionnaire, "satisfaction", language="en")
    assert view.target_value() == 4.0
    assert "Target ≥ 4.0" in view.legend_text()
    assert "Target ≥ 4.0" in visible_texts(view._main)
    theme = next(b for b in view.bars() if b.statistic == "theme_mean" and b.wave == "2022")
    assert theme.value == engine(table, "satisfaction", "theme_mean", "2022").value
    verdict = "met" if theme.value >= 4.0 else "not met"
    assert f"Target ≥ 4.0: {verdict}" in theme.tooltip
    points = view.benchmark_points()
    assert len(points) == 1 and points[0][0] == 3.85
    statement = next(b for b in view.bars() if b.category.startswith("How satisfied were"))
    assert statement.value == engine(table, "sat_latest", "mean", statement.wave).value


def test_a_chart_without_target_has_no_line(view, demo):
    table, questionnaire = demo
    view.show_subject(table, questionnaire, "clarity", language="en")
    assert view.target_value() is None
    assert view.benchmark_points() == []


def test_select_bars_are_sorted_and_compare_two_waves(view, demo):
    table, questionnaire = demo
    view.show_subject(table, questionnaire, "channel_used", language="en")
    bars = view.bars()
    current = [b for b in bars if b.wave == "2022"]
    assert [b.value for b in current] == sorted((b.value for b in current), reverse=True)
    for bar in bars:
        assert bar.end == engine(table, "channel_used", bar.statistic, bar.wave).value
    assert view.category_labels()[0] == "By phone"
    assert {b.series for b in bars} == {"2022", "2019"}


def test_hovering_a_bar_tells_value_n_interval_and_p_value(view, demo):
    table, questionnaire = demo
    view.show_subject(table, questionnaire, "sat_latest", language="en")
    row = engine(table, "sat_latest", "top2", "2022")
    tip = view.tooltip_at(row.value / 2, 0.0, panel="side")
    assert f"{row.value * 100:.1f}%" in tip
    assert f"Answers (n): {row.n}" in tip
    assert f"{row.ci_low * 100:.1f}%" in tip and f"{row.ci_high * 100:.1f}%" in tip
    assert f"p-value: {row.p_value:.3f}" in tip
    assert view.tooltip_at(1.2, 0.0, panel="side") == ""


def test_moving_the_mouse_over_a_bar_shows_its_tooltip(view, demo, qtbot):
    from PySide6.QtCore import QPointF
    from PySide6.QtWidgets import QToolTip

    table, questionnaire = demo
    view.show_subject(table, questionnaire, "channel_used", language="en")
    qtbot.wait(50)  # laid out
    bar = next(b for b in view.bars() if b.wave == "2022")
    vb = view._main.plot.vb
    y = next(y0 + (y1 - y0) / 2 for x0, x1, y0, y1, tip in view._main.hits
             if tip == bar.tooltip)
    view._graphics.scene().sigMouseMoved.emit(vb.mapViewToScene(QPointF(bar.value / 2, y)))
    assert QToolTip.text() == bar.tooltip
    n = engine(table, "channel_used", bar.statistic, "2022").n
    assert f"Answers (n): {n}" in QToolTip.text()


def test_danish_words_and_decimal_comma_after_switching_the_language(view, demo, qtbot):
    from surveydesk.gui import translation

    table, questionnaire = demo
    view.show_subject(table, questionnaire, "sat_latest", language="da")
    assert view.title_text().startswith("Hvor tilfreds var du")
    translation.set_ui_language("da")
    qtbot.waitUntil(lambda: "signifikant" in view.legend_text())
    assert "lavere end 2019" in view.legend_text()
    assert "Meget tilfreds" in view.legend_text()
    row = engine(table, "sat_latest", "top2", "2022")
    expected = f"{row.value * 100:.1f}".replace(".", ",") + " %"
    tip = view.tooltip_at(row.value / 2, 0.0, panel="side")
    assert expected in tip and "Besvarelser (n)" in tip
    assert view._main.plot.getAxis("bottom").labelText == "Andel af besvarelser"
    view.show_subject(table, questionnaire, "satisfaction", language="da",
                      breakdown="department")
    assert view.category_labels()[:2] == ["I alt", "Borgerservice"]
    mean = engine(table, "satisfaction", "theme_mean", "2022").value
    assert f"Temagennemsnit: <b>{mean:.2f}</b>".replace(".", ",") in view.bars()[0].tooltip
    assert "Mål ≥ 4,0" in view.legend_text()
    view.show_subject(table, questionnaire, "satisfaction", language="da")
    mark = "▲" if mean > engine(table, "satisfaction", "theme_mean", "2022").previous_value \
        else "▼"
    assert view.bars()[0].text == f"{mean:.2f} {mark}".replace(".", ",")


def test_png_and_svg_exports_are_valid_files(view, demo, tmp_path):
    from PySide6.QtGui import QImage

    table, questionnaire = demo
    view.show_subject(table, questionnaire, "sat_latest", language="en",
                      breakdown="department")
    view.export_png(tmp_path / "chart.png")
    view.export_svg(tmp_path / "chart.svg")
    image = QImage(str(tmp_path / "chart.png"))
    assert not image.isNull() and image.width() >= 800
    root = ET.parse(tmp_path / "chart.svg").getroot()
    assert root.tag.endswith("svg")
    # Drawn at the screen's resolution: otherwise bars and axes (recorded as pictures) are
    # scaled against the text.
    width_mm = float(root.get("width").removesuffix("mm"))
    dpi = view._graphics.logicalDpiX()
    assert width_mm / 25.4 * dpi == pytest.approx(view._graphics.width(), abs=2)
    texts = " ".join(t.text or "" for t in root.iter() if t.tag.endswith("text"))
    assert "Citizen Service" in texts


def test_switching_subjects_reuses_the_plot_items(view, demo):
    table, questionnaire = demo
    view.show_subject(table, questionnaire, "sat_latest", language="en",
                      breakdown="department")
    view.show_subject(table, questionnaire, "channel_used", language="en")
    count = len(view._main.plot.items)
    for subject in ("sat_latest", "channel_used", "satisfaction", "sat_latest"):
        view.show_subject(table, questionnaire, subject, language="en",
                          breakdown="department")
    view.show_subject(table, questionnaire, "channel_used", language="en")
    assert len(view._main.plot.items) == count


def test_clear_and_subjects_without_a_chart_draw_nothing(view, demo):
    table, questionnaire = demo
    view.show_subject(table, questionnaire, "sat_latest", language="en")
    view.clear()
    assert view.bars() == [] and view.category_labels() == []
    assert drawn_rectangles(view._main) == []
    view.show_subject(table, questionnaire, "comment", language="en")
    assert view.bars() == []
    assert view.title_text() == "There is no chart for this selection."


def test_a_chart_broken_down_names_its_breakdown_in_the_subtitle(qtbot, demo_project_file):
    from surveydesk.analysis.project_tables import tables_for_project
    from surveydesk.analysis.tables import TableOptions
    from surveydesk.gui.analysis.charts import ChartView
    from surveydesk.store.project import Project

    with Project.open(demo_project_file) as project:
        questionnaire = project.questionnaire
        table = tables_for_project(project, TableOptions(breakdowns=("department", "mode")))
    view = ChartView()
    qtbot.addWidget(view)
    view.show_subject(table.table, questionnaire, "sat_municipality", language="en",
                      breakdown="department")
    assert "· by " in view.title_text()
    view.show_subject(table.table, questionnaire, "sat_municipality", language="en")
    assert "· by " not in view.title_text()
