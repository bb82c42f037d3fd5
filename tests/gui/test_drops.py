"""Files dropped on the main window: projects, questionnaires, data and device files."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from surveydesk.gui import drops, import_dialog
from surveydesk.gui.main_window import MainWindow
from tests.conftest import SMALL_SETTINGS, write_form

CSV = "respondent_id,satisfied,age,comment\nr1,5,40,Fin betjening\nr2,Tilfreds,33,Søde folk\n"


def mime(*paths: Path) -> QMimeData:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    return data


def drop(window: MainWindow, *paths: Path) -> QDropEvent:
    data = mime(*paths)
    enter = QDragEnterEvent(QPoint(50, 50), Qt.DropAction.CopyAction, data,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    event = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, data,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, event)
    return event


@pytest.fixture
def told(monkeypatch):
    """Messages of the drop handling as (title, text), instead of dialogs."""
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(drops, "tell", lambda _parent, title, text, **_kw: shown.append(
        (title, text)))
    monkeypatch.setattr(QMessageBox, "critical",
                        lambda _parent, title, text, *args: shown.append((title, text)))
    return shown


@pytest.fixture
def window(qtbot, small_project):
    main_window = MainWindow(small_project)
    qtbot.addWidget(main_window)
    main_window.show()
    return main_window


def test_text_or_a_web_link_is_not_accepted(window):
    data = QMimeData()
    data.setText("hello")
    enter = QDragEnterEvent(QPoint(5, 5), Qt.DropAction.CopyAction, data,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    enter.ignore()
    QApplication.sendEvent(window, enter)
    assert not enter.isAccepted()


def test_a_dropped_project_file_is_opened(window, demo_project_path, told):
    drop(window, demo_project_path)
    assert told == []
    assert window.project.path == demo_project_path


def test_a_project_in_a_cloud_folder_is_opened_only_after_the_warning(window, tmp_path,
                                                                     demo_project_path,
                                                                     monkeypatch, told):
    asked = []
    monkeypatch.setattr(drops, "tell", lambda *a, **k: None)
    monkeypatch.setattr("surveydesk.gui.main_window.confirm_location",
                        lambda _parent, path, **_kw: asked.append(Path(path)) or False)
    before = window.project
    drop(window, demo_project_path)
    assert asked == [demo_project_path]
    assert window.project is before


def test_a_dropped_form_can_become_a_new_version_of_the_open_project(window, tmp_path,
                                                                    monkeypatch, told, qtbot):
    version_2 = write_form(tmp_path / "small_v2.xlsx",
                           settings={**SMALL_SETTINGS, "version": "2"})
    offered = []
    monkeypatch.setattr(drops, "ask_form_use", lambda _parent, path, name: offered.append(
        (path, name)) or drops.NEW_VERSION)

    drop(window, version_2)
    assert window.form_task is not None  # the stored answers are checked in the background
    qtbot.waitUntil(lambda: window.form_task is None, timeout=30_000)

    assert offered == [(version_2, "small.sdproj")]
    assert [v.version for v in window.project.form_versions()] == ["1", "2"]
    assert told == [("Questionnaire version added",
                     "Added questionnaire version 2 to small.sdproj (2 versions stored). New "
                     "interviews and imports are checked against it.")]


def test_a_form_of_another_survey_is_refused_as_a_version(window, monkeypatch, told, qtbot):
    from surveydesk.io.demo import demo_form_path

    monkeypatch.setattr(drops, "ask_form_use", lambda *_args: drops.NEW_VERSION)
    drop(window, demo_form_path("jobcentre"))
    if window.form_task is not None:
        qtbot.waitUntil(lambda: window.form_task is None, timeout=30_000)
    assert len(window.project.form_versions()) == 1
    assert told[0][0] == "Could not add the questionnaire version"


def test_a_dropped_form_can_become_a_new_project(window, tmp_path, monkeypatch, told):
    form = write_form(tmp_path / "other.xlsx")
    target = tmp_path / "made" / "other.sdproj"
    target.parent.mkdir()
    monkeypatch.setattr(drops, "ask_form_use", lambda *_args: drops.NEW_PROJECT)
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *_args, **_kw: (str(target.with_suffix("")), ""))
    drop(window, form)
    assert told == []
    assert window.project.path == target


def test_without_a_project_a_form_offers_only_a_new_project(qtbot, form_path, monkeypatch):
    window = MainWindow()
    qtbot.addWidget(window)
    offered = []
    monkeypatch.setattr(drops, "ask_form_use", lambda _p, path, name: offered.append(name))
    drop(window, form_path)
    assert offered == [None]
    assert window.project is None


def wait_for_import(qtbot, dialog):
    qtbot.waitUntil(lambda: dialog.task is None, timeout=30_000)


def test_dropped_data_is_imported_into_the_chosen_wave_in_the_background(window, tmp_path,
                                                                        qtbot, told):
    data = tmp_path / "svar 2024.csv"
    data.write_text(CSV, encoding="utf-8")
    drop(window, data)
    dialog = window.import_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.file_label.text() == "svar 2024.csv"
    dialog.wave_combo.setEditText("2024")
    dialog.mode_combo.setCurrentIndex(dialog.mode_combo.findData("phone"))

    assert dialog.start()
    assert dialog.progress.isVisible() and not dialog.import_button.isEnabled()
    wait_for_import(qtbot, dialog)

    assert dialog.result.added == 2
    assert dialog.status_label.text() == "Imported 2 interviews from svar 2024.csv into wave 2024."
    assert dialog.cancel_button.text() == "Close"
    overview = window.project.overview()
    assert [(w.wave.label, w.total, w.by_mode["phone"]) for w in overview.waves] == [
        ("2024", 2, 2)]
    assert window.overview_page.table.item(0, 0).text() == "2024"
    assert told == []


def test_a_data_file_with_problems_lists_each_located_problem(window, tmp_path, qtbot):
    data = tmp_path / "bad.csv"
    data.write_text("satisfied,age\n7,40\n5,200\n", encoding="utf-8")
    dialog = window.import_data(data)
    dialog.wave_combo.setEditText("2024")
    dialog.start()
    wait_for_import(qtbot, dialog)

    assert dialog.result is None
    assert "nothing was imported" in dialog.status_label.text()
    problems = [dialog.problem_list.item(i).text() for i in range(dialog.problem_list.count())]
    assert len(problems) == 2
    assert problems[0].startswith("bad.csv, row 2, column 'satisfied'")
    assert problems[1].startswith("bad.csv, row 3, column 'age'")
    assert window.project.overview().waves == ()
    assert dialog.import_button.isEnabled()  # fix the file and try again


def test_an_import_can_be_cancelled_and_imports_nothing(window, tmp_path, qtbot, monkeypatch):
    data = tmp_path / "svar.csv"
    data.write_text(CSV, encoding="utf-8")
    reading, release = threading.Event(), threading.Event()
    real_read = import_dialog.read_table

    def slow_read(path):
        reading.set()
        release.wait(10)
        return real_read(path)

    monkeypatch.setattr(import_dialog, "read_table", slow_read)
    dialog = window.import_data(data)
    dialog.wave_combo.setEditText("2024")
    dialog.start()
    assert reading.wait(10)
    dialog.cancel_button.click()
    assert dialog.status_label.text() == "Stopping…"
    release.set()
    wait_for_import(qtbot, dialog)

    assert dialog.status_label.text() == "The import was cancelled; nothing was imported."
    assert window.project.overview().waves == ()


def test_dropped_device_files_go_to_the_merge_list(window, tmp_path, told):
    device = tmp_path / "laptop-AB.sddevice"
    device.write_bytes(b"device file")
    drop(window, device)
    assert told == []
    assert window.current_view() == "sync"
    assert window.sync_page.merge_panel.files() == [device]


def test_unsupported_files_are_refused_by_name(window, tmp_path, told):
    pdf = tmp_path / "rapport.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    before = window.project
    drop(window, pdf)
    assert window.project is before
    assert told == [("Cannot use the dropped file",
                     "SurveyDesk cannot use “rapport.pdf”. Drop a project (.sdproj), a "
                     "questionnaire (XLSForm .xlsx), respondent data (.csv, .xlsx, .sav) or a "
                     "device file (.sddevice).")]


def test_data_without_an_open_project_is_explained(qtbot, tmp_path, told):
    window = MainWindow()
    qtbot.addWidget(window)
    data = tmp_path / "svar.csv"
    data.write_text(CSV, encoding="utf-8")
    drop(window, data)
    assert told == [("No project is open", "Open the project to import “svar.csv” into first, "
                                           "then drop the file again.")]


def test_a_workbook_is_a_form_only_with_a_survey_sheet(tmp_path, form_path):
    from openpyxl import Workbook

    data = Workbook()
    data.active.title = "Data"
    data.active.append(["satisfied", "age"])
    data.save(tmp_path / "data.xlsx")
    assert drops.kind_of(form_path) == drops.FORM
    assert drops.kind_of(tmp_path / "data.xlsx") == drops.DATA
    assert drops.kind_of(tmp_path) == drops.UNSUPPORTED


def test_adding_a_version_can_be_cancelled_and_stores_nothing(window, tmp_path, monkeypatch,
                                                              told, qtbot):
    import threading

    from PySide6.QtWidgets import QProgressDialog, QPushButton

    from surveydesk.store.project import Project

    version_2 = write_form(tmp_path / "small_v2.xlsx",
                           settings={**SMALL_SETTINGS, "version": "2"})
    monkeypatch.setattr(drops, "ask_form_use", lambda *_args: drops.NEW_VERSION)
    gate, real = threading.Event(), Project.add_form_version

    def held(self, *args, **kwargs):  # the real check, held until the user has cancelled
        gate.wait(30)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Project, "add_form_version", held)
    drop(window, version_2)
    [busy] = window.findChildren(QProgressDialog)
    [cancel] = busy.findChildren(QPushButton)
    assert cancel.text() == "Cancel"
    cancel.click()
    gate.set()
    qtbot.waitUntil(lambda: window.form_task is None, timeout=30_000)
    assert [v.version for v in window.project.form_versions()] == ["1"]
    assert told[-1] == ("Questionnaire version", "Adding the questionnaire version was "
                        "cancelled; nothing was stored.")


def test_a_legacy_xls_workbook_is_a_form(tmp_path):
    import shutil

    source = Path(__file__).parent.parent / "data" / "real_forms" / "XLSForm__pyxform"
    shutil.copyfile(source / "table-list.xls", tmp_path / "Skema.XLS")
    assert drops.kind_of(tmp_path / "Skema.XLS") == drops.FORM
