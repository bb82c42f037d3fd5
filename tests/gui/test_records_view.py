"""The "Interview records" view of the main window: the record browser of the open project."""

from __future__ import annotations

import getpass
import shutil
from pathlib import Path

import pytest
from PySide6.QtGui import QKeySequence

from surveydesk.core import userdata
from surveydesk.gui.main_window import MainWindow
from surveydesk.store import entry
from surveydesk.store.project import Project


@pytest.fixture
def window(qtbot, demo_project_path, tmp_path, monkeypatch):
    """The main window on a private copy of the demo project, per-user files in tmp."""
    monkeypatch.setenv("SURVEYDESK_CONFIG_DIR", str(tmp_path / "config"))
    target = tmp_path / "records.sdproj"
    shutil.copyfile(demo_project_path, target)
    wal = Path(f"{demo_project_path}-wal")
    if wal.exists():
        shutil.copyfile(wal, Path(f"{target}-wal"))
    main_window = MainWindow(Project.open(target))
    qtbot.addWidget(main_window)
    main_window.resize(1100, 700)
    main_window.show()
    return main_window


def test_the_records_view_shows_the_interviews_of_the_demo_project(window):
    assert window.records_action.shortcut() == QKeySequence("Ctrl+3")
    assert window.mode_bar.actions()[2] is window.records_action
    assert window.records_action in window.view_menu.actions()
    window.records_action.trigger()
    assert window.pages.currentWidget() is window.records_page
    assert window.records_action.isChecked()
    browser = window.records_page.browser
    assert browser.model.rowCount() == len(entry.browse_interviews(window.project)) == 1353
    assert browser.count_label.text() == "Interviews: 1,353"
    assert browser.who == getpass.getuser()  # nobody has entered interviews here yet


def test_showing_the_records_again_reads_new_interviews_and_the_interviewer(window):
    window.records_action.trigger()
    browser = window.records_page.browser
    userdata.remember_entry_profile(userdata.EntryProfile("TK", "phone", "", "2024"))
    entry.start_interview(window.project, wave="2024", mode="phone", interviewer="TK",
                          device_id="laptop-1")
    window.overview_action.trigger()
    window.records_action.trigger()
    assert window.records_page.browser is browser
    assert browser.model.rowCount() == 1354
    assert browser.model.index(0, 0).data() == "2024"  # the newest first
    assert browser.who == "TK"


def test_closing_the_project_drops_the_browser_and_leaves_the_view(window):
    window.records_action.trigger()
    window.set_project(None)
    assert window.records_page.browser is None
    assert window.pages.currentWidget() is window.overview_page
    assert not window.records_action.isEnabled()
