"""The analysis chart shows the engine's numbers (first smoke test; extended below)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

pytest.importorskip("pyqtgraph")


@pytest.fixture(scope="module")
def demo_tables(demo_project_path):
    from surveydesk.analysis.project_tables import tables_for_project
    from surveydesk.analysis.tables import TableOptions
    from surveydesk.store.project import Project

    project = Project.open(demo_project_path)
    try:
        table = tables_for_project(project, TableOptions(breakdowns=("department",))).table
        return table, project.questionnaire
    finally:
        project.close()


def test_theme_bar_has_the_engines_theme_mean_and_exports(qtbot, demo_tables, tmp_path):
    from PySide6.QtGui import QImage

    from surveydesk.gui.analysis.charts import ChartView

    table, questionnaire = demo_tables
    view = ChartView()
    qtbot.addWidget(view)
    view.show_subject(table, questionnaire, "satisfaction", language="en")
    expected = table[(table["question"] == "satisfaction") & (table["breakdown"] == "")
                     & (table["wave"] == "2022")]["value"].iloc[0]
    assert [bar.value for bar in view.bars()] == [pytest.approx(expected)]
    view.export_png(tmp_path / "c.png")
    view.export_svg(tmp_path / "c.svg")
    assert not QImage(str(tmp_path / "c.png")).isNull()
    assert ET.parse(tmp_path / "c.svg").getroot().tag.endswith("svg")
