"""File ▸ Remove contact data…: a confirmation naming the counts, then the call list has no
numbers or names, cannot be dialled and says why."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from surveydesk.core import userdata
from surveydesk.store import calls
from surveydesk.store.contacts import contact_data, project_events

T0 = dt.datetime(2024, 9, 12, 8, 0, tzinfo=dt.UTC)
CALL_LIST = ("reference;telefon;navn\n"
             "GX-101;+45 20 12 34 56;Åse Ørum\n"
             "GX-102;31 22 45 67;\n")


class Boxes(list):
    """Message boxes as ``(icon, title, text, informative)``; ``exec`` clicks ``answer``."""

    answer = "Cancel"


@pytest.fixture
def boxes(monkeypatch) -> Boxes:
    shown = Boxes()

    def run(box: QMessageBox) -> int:
        shown.append((box.icon(), box.windowTitle(), box.text(), box.informativeText()))
        buttons = {button.text(): button for button in box.buttons()}
        (buttons.get(shown.answer) or box.defaultButton() or box.buttons()[0]).click()
        return 0

    def information(_parent, title, text, *_args):
        shown.append((QMessageBox.Icon.Information, title, text, ""))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "exec", run)
    monkeypatch.setattr(QMessageBox, "information", information)
    return shown


@pytest.fixture
def with_calls(window, tmp_path, monkeypatch, boxes):
    path = tmp_path / "ringeliste.csv"
    path.write_text(CALL_LIST, encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(path), ""))
    window.import_calls_action.trigger()
    boxes.clear()
    return window


def test_the_dialog_names_the_counts_and_cancel_removes_nothing(with_calls, boxes):
    with_calls.remove_contacts_action.trigger()
    [(icon, title, text, informative)] = boxes
    assert (icon, title) == (QMessageBox.Icon.Warning, "Remove contact data")
    assert text == "Remove 2 phone numbers and 1 names from the call list (2 calls)?"
    assert "response rates are kept" in informative and "cannot be undone" in informative
    assert "2 calls are still open or have an appointment" in informative
    held = contact_data(with_calls.project)
    assert (held.phones, held.names) == (2, 1)
    assert project_events(with_calls.project) == []


def test_removing_blanks_the_call_list_records_who_and_the_panel_says_why(
        with_calls, boxes, keyboard):
    userdata.remember_entry_profile(userdata.EntryProfile(interviewer="Åse Analytiker"))
    boxes.answer = "Remove contact data"
    with_calls.remove_contacts_action.trigger()
    assert boxes[-1][2] == ("Removed 2 phone numbers and 1 names from the call list. The "
                            "removal is recorded in the audit log.")
    listed = calls.calls(with_calls.project)
    assert set(listed["phone"]) == {""} and set(listed["name"]) == {""}
    [event] = project_events(with_calls.project)
    assert event.who == "Åse Analytiker"
    # Phone mode: nothing can be dialled, and the panel says why.
    start_page = with_calls.entry_page.start_page
    start_page.calls.clock = lambda: T0
    keyboard.type("MB")
    start_page.mode_combo.setCurrentIndex(start_page.mode_combo.findData("phone"))
    panel = start_page.calls.panel
    assert panel.current_call is None
    assert not panel.phone_label.isVisible()
    assert all(not button.isEnabled() for button in panel.outcome_buttons.values())
    assert panel.empty_label.text() == (
        "No number to call right now. 2 open calls have no phone number on this computer "
        "(the contact data was removed, or not carried in a device file) and cannot be "
        "called.")


def test_a_call_list_without_contact_data_says_there_is_nothing_to_remove(window, boxes):
    window.remove_contacts_action.trigger()
    assert boxes == [(QMessageBox.Icon.Information, "Remove contact data",
                      "The call list holds no phone numbers or names.", "")]
