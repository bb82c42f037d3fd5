"""A form written for ODK, entered by keyboard only (issue 16): metadata filled in by itself,
a statement acknowledged with Enter, a time, a range, and a position passed by."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from surveydesk.core.xlsform import read_xlsform
from surveydesk.store import entry
from surveydesk.store.project import Project
from tests.conftest import write_form

SURVEY = [
    {"type": "start", "name": "started"},
    {"type": "deviceid", "name": "device"},
    {"type": "acknowledge", "name": "consent", "label": "I have read the information"},
    {"type": "time", "name": "arrived", "label": "When did you arrive?"},
    {"type": "geopoint", "name": "where", "label": "Where are you?"},
    {"type": "range", "name": "likely", "label": "How likely (0-10)?",
     "parameters": "start=0 end=10 step=1"},
    {"type": "end", "name": "ended"},
]


@pytest.fixture
def project_path(tmp_path) -> Path:
    form = write_form(tmp_path / "odk.xlsx", survey=SURVEY, choices=None,
                      survey_header=("type", "name", "label", "parameters"),
                      settings={"form_id": "odk", "version": "1"})
    path = tmp_path / "odk.sdproj"
    Project.create(path, form.read_bytes(), read_xlsform(form)).close()
    return path


def test_an_odk_form_is_entered_by_keyboard_with_its_metadata(window, keyboard, project_path):
    page = window.entry_page
    keyboard.type("MB")
    keyboard.press(Qt.Key.Key_Tab)
    keyboard.press(Qt.Key.Key_Tab)
    keyboard.type("Foyer")
    keyboard.press(Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    recorder = page.recorder
    assert recorder.session.current == "consent"
    assert page.interview_page.editor is None  # a statement, no field to type in
    keyboard.enter()
    keyboard.answer("25:10")  # not a time: asked again with what to type
    assert recorder.session.current == "arrived"
    assert page.interview_page.message_label.text() == (
        "Type a time as HH:MM, for example 14:30.")
    keyboard.press(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    keyboard.answer("9.45")
    assert recorder.session.current == "likely"  # the position is passed by on a laptop
    keyboard.answer("11")
    assert page.interview_page.message_label.text() == (
        "Type a number from 0 to 10 in steps of 1.")
    keyboard.press(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    keyboard.answer("7")
    assert recorder.at_review
    uuid = recorder.uuid
    with Project.open(project_path) as other:
        stored = entry.load_interview(other, uuid).answers
    assert {k: stored[k] for k in ("consent", "arrived", "likely")} == {
        "consent": "OK", "arrived": "09:45:00", "likely": "7"}
    assert stored["device"] and stored["started"][:4].isdigit() and "where" not in stored
