"""A whole demo interview driven from the keyboard only, as in the town-hall foyer."""

from __future__ import annotations

from PySide6.QtCore import Qt

from surveydesk.store import entry
from surveydesk.store.project import Project

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


def current(window) -> str | None:
    recorder = window.entry_page.recorder
    return None if recorder is None else recorder.session.current


def message(window) -> str:
    label = window.entry_page.interview_page.message_label
    return label.text() if label.isVisible() else ""


def test_a_complete_interview_by_keyboard_is_stored_answer_by_answer(window, keyboard,
                                                                     project_path):
    page = window.entry_page
    # Start screen: interviewer, mode (kept: in person), location; Ctrl+N starts.
    keyboard.type("MB")
    keyboard.press(Qt.Key.Key_Tab)
    keyboard.press(Qt.Key.Key_Tab)
    keyboard.type("Borgerservice, foyer")
    keyboard.press(Qt.Key.Key_N, CTRL)
    assert current(window) == "intro"
    uuid = page.recorder.uuid
    keyboard.enter()  # the introduction is read aloud

    # Thirteen departments: "1" then "2" typed quickly is option 12.
    assert current(window) == "department"
    keyboard.answer("12")
    with Project.open(project_path) as other:  # another connection sees it at once
        stored = entry.load_interview(other, uuid)
    assert stored.answers == {"department": "visitation"}
    assert stored.current_question == "contact_date"

    # A date that does not exist is refused with what to type; the text stays.
    keyboard.answer("31-02-2024")
    assert current(window) == "contact_date"
    assert message(window) == "Type a date as DD-MM-YYYY, for example 12-09-2024."
    assert page.interview_page.editor.text() == "31-02-2024"
    keyboard.press(Qt.Key.Key_A, CTRL)
    keyboard.answer("12-09-2024")

    keyboard.answer("2")  # channel_used: by phone
    keyboard.answer("1")  # channel_preferred: in person
    keyboard.answer("0")  # sat_municipality: don't know
    keyboard.enter()  # sat_latest without an answer: required
    assert current(window) == "sat_latest"
    assert message(window) == "Spørgsmålet skal besvares."
    keyboard.answer("2")  # Tilfreds (choice "4")
    for digits in ("1", "2", "0"):  # clear_info, knew_where, next_steps
        keyboard.answer(digits)

    # Skip logic: the phone statements are asked, not the in-person ones.
    assert current(window) == "phone_understood"
    for digits in ("1", "2", "3", "4"):
        keyboard.answer(digits)

    # Up to 3: the fourth is refused with the form's message; Space toggles too.
    assert current(window) == "important_phone"
    keyboard.type("1234")
    assert message(window) == "Du kan højst vælge 3 svar."
    options = page.interview_page.options
    assert options.value() == ("solved_in_call", "understood", "service_minded")
    keyboard.type("2")  # deselect "understood"
    keyboard.press(Qt.Key.Key_Down)  # the cursor is on option 2; move it to option 3
    keyboard.press(Qt.Key.Key_Down)
    keyboard.press(Qt.Key.Key_Space)  # option 4 ("short_wait")
    keyboard.enter()

    # Age 7 breaks the form's constraint: its Danish message; "0" more makes 70.
    assert current(window) == "age"
    keyboard.answer("7")
    assert message(window) == "Alderen skal være mellem 15 og 110 år."
    keyboard.answer("0")
    assert current(window) == "gender"

    # Back: Backspace from an option list, Alt+Left from anywhere; answers are shown again.
    keyboard.press(Qt.Key.Key_Backspace)
    assert current(window) == "age" and page.interview_page.editor.text() == "70"
    keyboard.press(Qt.Key.Key_Left, ALT)
    assert current(window) == "important_phone"
    assert options.value() == ("solved_in_call", "service_minded", "short_wait")
    keyboard.enter()
    keyboard.enter()
    assert current(window) == "gender"
    keyboard.answer("1")  # female
    keyboard.enter()  # education is optional
    keyboard.answer("5")  # employment: retired
    keyboard.type("Fin betjening, men lang ventetid.")
    keyboard.enter()
    assert current(window) == "thanks"
    keyboard.enter()

    # The review page: arrows to sat_latest (row 6), Enter, change it, back to the review.
    assert page.stack.currentWidget() is page.review_page
    table = page.review_page.table
    assert table.item(0, 1).text() == "Hvilken afdeling var du senest i kontakt med?"
    assert table.item(0, 2).text() == "Visitationen"
    for _ in range(5):
        keyboard.press(Qt.Key.Key_Down)
    keyboard.enter()
    assert current(window) == "sat_latest"
    assert options.value() == "4"
    keyboard.answer("1")  # Meget tilfreds
    assert page.stack.currentWidget() is page.review_page
    assert table.item(table.currentRow(), 2).text() == "Meget tilfreds"

    keyboard.press(Qt.Key.Key_Return, CTRL)  # complete
    assert page.stack.currentWidget() is page.start_page
    assert page.start_page.count_label.text() == "Completed today by MB: 1"
    assert page.start_page.message_label.text() == "The interview is complete and saved."

    with Project.open(project_path) as other:
        done = entry.load_interview(other, uuid)
        changes = other.audit_log(uuid)
    assert done.status == "complete"
    assert (done.interviewer, done.mode, done.location, done.wave) == (
        "MB", "in_person", "Borgerservice, foyer", "2022")
    assert done.answers == {
        "department": "visitation", "contact_date": "2024-09-12", "channel_used": "phone",
        "channel_preferred": "in_person", "sat_municipality": "dk", "sat_latest": "5",
        "clear_info": "4", "knew_where": "3", "next_steps": "dk", "phone_understood": "5",
        "phone_friendly": "4", "phone_purpose": "3", "phone_overall": "2",
        "important_phone": "solved_in_call service_minded short_wait", "age": "70",
        "gender": "female", "employment": "retired",
        "comment": "Fin betjening, men lang ventetid.",
    }
    assert [(c.who, c.question, c.old_value, c.new_value, c.reason) for c in changes] == [
        ("MB", "sat_latest", "4", "5", "corrected on the review page")]


def test_complete_with_unanswered_required_questions_lists_them(window, keyboard):
    page = window.entry_page
    keyboard.type("MB")
    keyboard.press(Qt.Key.Key_N, CTRL)
    keyboard.enter()
    keyboard.answer("1")
    page.recorder.to_review()  # e.g. resumed on a newer form version
    page._show_current()
    keyboard.press(Qt.Key.Key_Return, CTRL)
    review = page.review_page
    assert page.stack.currentWidget() is review
    assert review.message_label.text().startswith("These questions still need an answer:")
    assert "• Hvordan var du i kontakt med kommunen ved din seneste henvendelse?" in (
        review.message_label.text())
    assert review.names[review.table.currentRow()] == "channel_used"
    assert review.table.item(2, 2).text() == "Not answered (required)"
    assert entry.load_interview(page.project, page.recorder.uuid).status == "partial"
