"""Entry mode in the main window: one click away, remembered setup, today's count."""

from __future__ import annotations

from PySide6.QtCore import Qt

from surveydesk.core import userdata
from surveydesk.gui.main_window import MainWindow
from surveydesk.store.project import Project

CTRL = Qt.KeyboardModifier.ControlModifier


def test_entry_is_one_click_from_the_overview_and_back(window):
    assert window.pages.currentWidget() is window.entry_page
    assert window.entry_action.isChecked()
    assert window.mode_bar.actions() == [window.overview_action, window.entry_action,
                                         window.records_action, window.sync_action,
                                         window.analysis_action]
    assert window.entry_page.start_page.title_label.text() == "Interview entry"
    window.overview_action.trigger()
    assert window.pages.currentWidget() is window.overview_page
    assert window.new_action.shortcut().toString() == "Ctrl+N"


def test_without_a_project_there_is_no_entry_mode(qtbot):
    main_window = MainWindow(None)
    qtbot.addWidget(main_window)
    assert not main_window.entry_action.isEnabled()
    main_window.show_entry()
    assert main_window.pages.currentWidget() is main_window.overview_page


def test_closing_the_project_leaves_entry_mode(window):
    window.set_project(None)
    assert window.pages.currentWidget() is window.overview_page
    assert window.entry_page.project is None


def test_the_setup_is_remembered_and_the_latest_wave_is_the_default(window, keyboard, qtbot,
                                                                      project_path):
    start_page = window.entry_page.start_page
    assert start_page.wave_combo.currentText() == "2022"
    assert [start_page.wave_combo.itemText(i) for i in range(2)] == ["2019", "2022"]
    keyboard.type("MB")
    start_page.mode_combo.setCurrentIndex(1)
    start_page.location_edit.setText("Jobcentret, skranke")
    start_page.wave_combo.setCurrentText("2024")
    keyboard.press(Qt.Key.Key_N, CTRL)
    assert userdata.entry_profile() == userdata.EntryProfile(
        "MB", "phone", "Jobcentret, skranke", "2024")
    window.overview_action.trigger()
    # The overview counts the new (partial) interview in its new wave.
    assert window.overview_page.table.item(2, 0).text() == "2024"
    assert window.overview_page.table.item(2, 6).text() == "1"

    again = MainWindow(Project.open(project_path))
    qtbot.addWidget(again)
    again.show()
    again.entry_action.trigger()
    fields = again.entry_page.start_page
    assert (fields.interviewer_edit.text(), fields.mode_combo.currentData(),
            fields.location_edit.text(), fields.wave_combo.currentText()) == (
        "MB", "phone", "Jobcentret, skranke", "2024")
    assert fields.count_label.text() == "Completed today by MB: 0"


def test_starting_without_an_interviewer_says_what_is_missing(window, keyboard):
    keyboard.press(Qt.Key.Key_N, CTRL)
    start_page = window.entry_page.start_page
    assert window.entry_page.recorder is None
    assert start_page.message_label.text() == "Write your name or initials first."
    assert start_page.interviewer_edit.hasFocus()


def test_the_start_screen_and_questions_speak_danish(window, keyboard, qtbot):
    window.set_language("da", remember=False)
    qtbot.waitUntil(lambda: window.file_menu.title() == "&Fil")
    start_page = window.entry_page.start_page
    assert start_page.new_button.text() == "Nyt interview  ·  Ctrl+N"
    assert start_page.mode_combo.itemText(0) == "Personligt fremmøde"
    keyboard.type("MB")
    keyboard.press(Qt.Key.Key_N, CTRL)
    interview = window.entry_page.interview_page
    assert interview.next_button.text() == "Fortsæt  ·  Enter"  # the introduction is a note
    keyboard.enter()
    keyboard.enter()  # the department is required
    assert interview.progress_label.text() == "Spørgsmål 1 af 14"
    assert interview.message_label.text() == "Spørgsmålet skal besvares."
    keyboard.type("14")
    assert interview.message_label.text() == "Der er ingen svarmulighed 14."
    assert interview.abort_button.text() == "Afbryd  ·  Esc"
    assert window.entry_action.text() == "&Interviewindtastning"


def test_enter_on_the_focused_new_interview_button_starts_one(window, keyboard):
    keyboard.type("MB")
    window.entry_page.start_page.new_button.setFocus()
    keyboard.enter()
    assert window.entry_page.recorder is not None
    assert all(s.isEnabled() for s in window.entry_page.interview_shortcuts)


def test_quota_progress_is_shown_on_the_start_screen(qtbot, project_path):
    from surveydesk.core.userdata import EntryProfile
    from surveydesk.gui.entry.start import StartPage
    from surveydesk.store import settings
    from surveydesk.store.project import Project

    with Project.open(project_path) as project:
        settings.set_quota(project, "department", "borgerservice", 200)
        page = StartPage()
        qtbot.addWidget(page)
        page.show_project(project, EntryProfile("MB", "in_person", "Foyer", "2022"), "dev-1")
        page.refresh()
        assert page.quota_label.isVisibleTo(page)
        text = page.quota_label.text()
        done = settings.quota_progress(project, "2022")[0][3]
        assert "Borgerservice" in text and f"{done} of 200" in text
        page.clear_project()
