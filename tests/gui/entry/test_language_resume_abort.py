"""Question language vs UI language, resuming an interrupted interview, aborting with a reason."""

from __future__ import annotations

from PySide6.QtCore import Qt

from surveydesk.core import userdata
from surveydesk.entry.recorder import InterviewRecorder, Setup
from surveydesk.store import entry

CTRL = Qt.KeyboardModifier.ControlModifier


def start(window, keyboard, *digits: str) -> None:
    keyboard.type("MB")
    keyboard.press(Qt.Key.Key_N, CTRL)
    keyboard.enter()  # the introduction
    for answer in digits:
        keyboard.answer(answer)


def test_f2_switches_the_question_language_and_keeps_every_answer(window, keyboard):
    page = window.entry_page
    interview = page.interview_page
    start(window, keyboard, "3", "")  # department, no contact date
    assert interview.question_label.text() == (
        "Hvordan var du i kontakt med kommunen ved din seneste henvendelse?")
    keyboard.type("2")
    keyboard.press(Qt.Key.Key_F2)
    assert interview.question_label.text() == (
        "How were you in contact with the municipality on that occasion?")
    assert interview.options.rows[1].text_label.text() == "By phone"
    assert interview.section_label.text() == "Your most recent contact"
    assert interview.options.value() == "phone"  # the choice survives the switch
    assert interview.language_button.text() == "Question language: English  ·  F2"
    assert interview.progress_label.text() == "Question 3 of 14"  # the UI stays English
    keyboard.press(Qt.Key.Key_L, CTRL)
    assert interview.options.rows[1].text_label.text() == "Telefonisk kontakt"
    keyboard.press(Qt.Key.Key_F2)
    keyboard.enter()
    recorder = page.recorder
    assert recorder.session.answers["department"] == "teknik_miljoe"
    assert entry.load_interview(page.project, recorder.uuid).answers == {
        "department": "teknik_miljoe", "channel_used": "phone"}
    # The next question comes in the language chosen, and its messages too.
    assert interview.question_label.text() == "How do you prefer to contact the municipality?"
    keyboard.enter()
    assert interview.message_label.text() == "This question needs an answer."


def test_the_ui_language_is_separate_from_the_question_language(window, keyboard, qtbot):
    interview = window.entry_page.interview_page
    start(window, keyboard, "3")
    window.set_language("da", remember=False)
    qtbot.waitUntil(lambda: window.file_menu.title() == "&Fil")
    assert interview.progress_label.text() == "Spørgsmål 2 af 14"
    assert interview.next_button.text() == "Næste  ·  Enter"
    assert interview.question_label.text() == "Hvornår var du cirka i kontakt med kommunen?"
    keyboard.press(Qt.Key.Key_F2)
    assert interview.question_label.text() == (
        "Approximately when were you in contact with the municipality?")
    assert interview.progress_label.text() == "Spørgsmål 2 af 14"
    assert window.file_menu.title() == "&Fil"


def test_an_interrupted_interview_is_offered_and_resumed_at_its_question(window, keyboard):
    project = window.project
    recorder = InterviewRecorder.start(project, Setup("AK", "phone", "Hjemme", "2022"),
                                       userdata.device_id())
    for answer in (None, "jobcenter", None, "web", "web"):
        assert recorder.confirm(answer).accepted
    other_device = InterviewRecorder.start(project, Setup("AK", "phone", "", "2022"), "dev-x")
    assert other_device.uuid != recorder.uuid
    window.overview_action.trigger()
    window.entry_action.trigger()  # the start screen reads the list again

    start_page = window.entry_page.start_page
    table = start_page.resume_table
    assert table.rowCount() == 1  # only this device's
    assert [table.item(0, c).text() for c in (1, 2, 3)] == ["AK", "2022", "3"]
    assert table.item(0, 4).text() == (
        "Hvor tilfreds er du alt i alt med den service, du får fra kommunen?")
    table.setFocus()
    keyboard.enter()
    page = window.entry_page
    assert page.stack.currentWidget() is page.interview_page
    assert page.recorder.uuid == recorder.uuid
    assert page.recorder.session.current == "sat_municipality"
    keyboard.press(Qt.Key.Key_Backspace)
    assert page.interview_page.options.value() == "web"


def test_abort_with_a_reason_stores_the_interview_as_aborted(window, keyboard, qtbot):
    page = window.entry_page
    start(window, keyboard, "1")
    uuid = page.recorder.uuid
    keyboard.press(Qt.Key.Key_Escape)
    dialog = page.abort_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.buttons["left"].hasFocus())
    keyboard.press(Qt.Key.Key_Down)  # "The citizen does not want to continue"
    assert dialog.kind() == "refused"
    keyboard.enter()
    assert page.stack.currentWidget() is page.start_page
    frame = entry.browse_interviews(window.project, status="aborted")
    (row,) = frame[frame.uuid == uuid].itertuples()
    assert (row.end_reason, row.answered) == ("citizen refused to continue", 1)
    assert page.start_page.resume_table.rowCount() == 0


def test_other_reason_needs_a_note(window, keyboard, qtbot):
    page = window.entry_page
    start(window, keyboard)
    page.ask_abort()
    dialog = page.abort_dialog
    dialog.buttons["other"].setChecked(True)
    ok = dialog.box.buttons()[0]
    assert not ok.isEnabled()
    dialog.note.setText("brandalarm")
    assert ok.isEnabled() and dialog.reason() == "brandalarm"
    dialog.reject()
    assert page.stack.currentWidget() is page.interview_page
    assert entry.load_interview(window.project, page.recorder.uuid).status == "partial"
