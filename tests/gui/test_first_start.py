"""What a new user meets first (the new-user trial of issue 9): the default window with the
Getting started panel fits in both languages, the form's title in the UI language, Save
dialogs that do not hide files in the app's data folder, the Analysis view opening on a
result, and shortcuts whose descriptions are not cut off."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QFileDialog

from surveydesk.core.xlsform import read_xlsform
from surveydesk.gui import save_folder
from surveydesk.gui.analysis import report_dialog
from surveydesk.gui.analysis.navigator import THEME_ROLE, Navigator
from surveydesk.gui.export_dialog import ExportDialog
from surveydesk.gui.main_window import MainWindow
from surveydesk.gui.sync import export as device_export
from surveydesk.io.demo import demo_form_path
from surveydesk.store import settings
from surveydesk.store.project import Project
from surveydesk.store.snapshot import backup_project

TIMEOUT = 20_000


@pytest.fixture
def app_data(tmp_path, monkeypatch) -> Path:
    """The app's data folder (where demos are made) is a temporary one."""
    folder = tmp_path / "SurveyDesk data"
    folder.mkdir()
    monkeypatch.setattr(save_folder, "app_data_directory", lambda: folder)
    QSettings().remove(report_dialog.FOLDER_KEY)
    return folder


def copy_of_demo(demo_project_path: Path, folder: Path) -> Path:
    target = folder / "demo-citizen_service.sdproj"
    backup_project(demo_project_path, target)
    return target


@pytest.fixture
def first_start(qtbot, demo_project_path, tmp_path):
    """The window as on the very first start: default size, Getting started open."""
    window = MainWindow(Project.open(copy_of_demo(demo_project_path, tmp_path)))
    qtbot.addWidget(window)
    window.resize(1000, 640)
    window.show()
    window.show_getting_started()
    return window


@pytest.mark.parametrize("language", ["en", "da"])
def test_first_start_at_the_default_size_shows_every_column_and_all_four_steps(
        qtbot, first_start, language):
    window = first_start
    window.set_language(language, remember=False)
    page = window.overview_page
    table = page.table
    qtbot.waitUntil(lambda: table.horizontalHeader().sectionSize(0) > 0)
    qtbot.wait(50)
    assert window.width() == 1000  # the panel did not push the window wider
    assert table.horizontalScrollBar().maximum() == 0
    header = table.horizontalHeader()
    widths = [header.sectionSize(column) for column in range(table.columnCount())]
    assert sum(widths) <= table.viewport().width()
    # Nothing clipped: no column narrower than its longest header word and widest number.
    assert all(width >= page.column_minimum(column) for column, width in enumerate(widths))
    total_row = table.rowCount() - 1
    all_waves = table.item(total_row, 0)
    assert all_waves.text() == {"en": "All waves", "da": "Alle bølger"}[language]
    one_line = QFontMetrics(all_waves.font()).horizontalAdvance(all_waves.text())
    assert widths[0] >= one_line + 14  # on one line, with the cell's padding

    panel = window.getting_started
    assert panel.scroll.verticalScrollBar().maximum() == 0  # no scrolling to step 4
    last = panel.buttons[-1]
    bottom = last.mapTo(panel.scroll.viewport(), last.rect().bottomLeft()).y()
    assert bottom <= panel.scroll.viewport().height()


def test_the_form_title_follows_the_ui_language_in_the_overview_and_entry(qtbot, first_start):
    window = first_start
    start = window.entry_page.start_page
    assert window.overview_page.title_label.text() == "Citizen Service user survey"
    window.entry_action.trigger()
    assert start.project_label.text() == "Citizen Service user survey"

    window.set_language("da", remember=False)
    qtbot.waitUntil(lambda: window.overview_page.title_label.text()
                    == "Brugerundersøgelse af Borgerservice")
    assert start.project_label.text() == "Brugerundersøgelse af Borgerservice"

    window.set_language("en", remember=False)
    qtbot.waitUntil(lambda: start.project_label.text() == "Citizen Service user survey")


def test_without_the_questionnaire_the_overview_shows_the_stored_title(qtbot, first_start):
    page = first_start.overview_page
    overview = first_start.project.overview()
    page.show_overview(overview, first_start.project.questionnaire.languages)
    assert page.title_label.text() == overview.title == "Brugerundersøgelse af Borgerservice"


# -- where files are saved --------------------------------------------------------------------
def test_a_demo_project_saves_reports_and_exports_in_documents(
        qtbot, demo_project_path, app_data, monkeypatch):
    path = copy_of_demo(demo_project_path, app_data)
    documents = save_folder.documents_folder()
    assert documents.is_dir() and not save_folder.is_inside(documents, app_data)
    with Project.open(path) as project:
        dialog = report_dialog.ReportDialog(project)
        qtbot.addWidget(dialog)
        assert Path(dialog.path_edit.text()) == documents / "citizen_service_report_en.xlsx"

        exporter = ExportDialog(None, project)
        qtbot.addWidget(exporter)
        assert Path(exporter.file_edit.text()) == documents / "demo-citizen_service.csv"

        suggested = []
        monkeypatch.setattr(device_export, "ask_include_contacts", lambda _parent: False)
        monkeypatch.setattr(QFileDialog, "getSaveFileName",
                            lambda _parent, _title, start, _filter: suggested.append(start)
                            or ("", ""))
        assert device_export.choose_and_export(exporter, project) is None
        assert Path(suggested[0]).parent == documents
        assert Path(suggested[0]).name.startswith("demo-citizen_service-")


def test_a_project_elsewhere_saves_beside_itself(qtbot, demo_project_path, app_data, tmp_path):
    folder = tmp_path / "Borgerservice"
    folder.mkdir()
    path = copy_of_demo(demo_project_path, folder)
    assert save_folder.default_save_folder(path) == folder
    with Project.open(path) as project:
        dialog = report_dialog.ReportDialog(project)
        qtbot.addWidget(dialog)
        assert Path(dialog.path_edit.text()).parent == folder
        exporter = ExportDialog(None, project)
        qtbot.addWidget(exporter)
        assert Path(exporter.file_edit.text()).parent == folder


# -- the Analysis view ------------------------------------------------------------------------
def test_analysis_opens_on_the_first_theme_with_its_legend_in_view(qtbot, first_start):
    window = first_start
    window.analysis_action.trigger()
    page = window.analysis_page
    qtbot.waitUntil(lambda: page.task is None and not page.busy.isVisible(), timeout=TIMEOUT)
    assert page.navigator.current_subject() == "satisfaction"  # not "department"
    assert "2022" in page.chart.legend_text()
    legend = page.chart._legend
    top = legend.mapRectToScene(legend.boundingRect()).bottom()
    assert top <= page.chart._scroll.viewport().height()  # seen without scrolling


def test_without_themes_the_view_opens_on_a_target_then_on_a_scored_question(qtbot, tmp_path):
    questionnaire = read_xlsform(demo_form_path("citizen_service"))
    navigator = Navigator()
    qtbot.addWidget(navigator)
    navigator.set_questionnaire(questionnaire)
    subjects = navigator.subjects()
    assert subjects[0] == "department"  # a background question comes first in the form
    assert navigator.opening_subject() == "satisfaction"

    for item in navigator._items():  # as a form without themes
        if item.data(0, THEME_ROLE):
            item.parent().removeChild(item)
    assert navigator.opening_subject({"important_phone"}) == "important_phone"
    scored = next(name for name in navigator.subjects()
                  if questionnaire.question(name).is_scored)
    assert navigator.opening_subject() == scored
    assert scored != "department"


def test_a_target_set_on_the_project_is_not_needed_for_a_theme_to_come_first(
        qtbot, demo_project_path, tmp_path):
    path = copy_of_demo(demo_project_path, tmp_path)
    with Project.open(path) as project:
        settings.set_target(project, "sat_latest", "top2", ">=", 0.65)
    window = MainWindow(Project.open(path))
    qtbot.addWidget(window)
    window.show()
    window.analysis_action.trigger()
    assert window.analysis_page.navigator.current_subject() == "satisfaction"
