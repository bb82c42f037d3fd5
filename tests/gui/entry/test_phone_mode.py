"""Phone mode of entry: the call list on the start screen, interviews started from a call,
and importing a call list from the File menu."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from surveydesk.store import calls, entry

T0 = dt.datetime(2024, 9, 12, 8, 0, tzinfo=dt.UTC)
CALL_LIST = (
    "reference;telefon;navn;department\n"
    "GX-101;+45 20 12 34 56;Åse Ørum;pension\n"
    "GX-102;31 22 45 67;Bjørn Æbelø;\n"
    "GX-103;0045 40 11 22 33;Søren Kærgård;jobcenter\n"
)


class Clock:
    def __init__(self, now: dt.datetime):
        self.value = now

    def __call__(self) -> dt.datetime:
        return self.value


@pytest.fixture
def boxes(monkeypatch):
    """Message boxes are recorded as ``(icon, text, informative text, details)``, not shown."""
    shown: list[tuple] = []

    def record(box):
        shown.append((box.icon(), box.text(), box.informativeText(), box.detailedText()))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "exec", record)
    return shown


@pytest.fixture
def call_list_file(tmp_path):
    path = tmp_path / "ringeliste.csv"
    path.write_text(CALL_LIST, encoding="utf-8")
    return path


def import_through_the_menu(window, path, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *_args, **_kwargs: (str(path), ""))
    window.import_calls_action.trigger()


@pytest.fixture
def phone(window, call_list_file, monkeypatch, boxes, keyboard):
    """Entry in phone mode for interviewer MB, the call list imported, a fixed clock."""
    import_through_the_menu(window, call_list_file, monkeypatch)
    start_page = window.entry_page.start_page
    start_page.calls.clock = Clock(T0)
    keyboard.type("MB")
    start_page.mode_combo.setCurrentIndex(start_page.mode_combo.findData("phone"))
    return start_page


def test_the_menu_imports_the_call_list_and_says_how_many_numbers(window, call_list_file,
                                                                  monkeypatch, boxes):
    import_through_the_menu(window, call_list_file, monkeypatch)
    assert boxes == [(QMessageBox.Icon.Information,
                      "Numbers added to the call list from ringeliste.csv: 3.", "", "")]
    listed = calls.calls(window.project)
    assert list(listed["reference"]) == ["GX-101", "GX-102", "GX-103"]
    assert list(listed["name"]) == ["Åse Ørum", "Bjørn Æbelø", "Søren Kærgård"]
    assert listed["preload"][0] == {"department": "pension"}
    import_through_the_menu(window, call_list_file, monkeypatch)  # again: nothing new
    assert boxes[1][1] == ("Numbers added to the call list from ringeliste.csv: 0.\n"
                           "Already in the call list with the same data, so skipped: 3.")


def test_a_call_list_with_problems_is_refused_in_a_dialog_naming_row_and_column(
        window, tmp_path, monkeypatch, boxes):
    bad = tmp_path / "bad.csv"
    bad.write_text("reference;phone;department\nA-1;12 34;pension\nA-2;20 12 34 56;kantine\n",
                   encoding="utf-8")
    import_through_the_menu(window, bad, monkeypatch)
    [(icon, text, informative, details)] = boxes
    assert icon == QMessageBox.Icon.Critical
    assert text.startswith("bad.csv: 2 problems found; nothing was imported.")
    assert "bad.csv, row 2, column 'phone'" in informative
    assert "row 3, column 'department'" in details and "'kantine'" in details
    assert calls.calls(window.project).empty


def test_phone_mode_shows_the_next_number_and_in_person_hides_it(phone, qtbot):
    panel = phone.calls.panel
    assert phone.calls.isVisible() and phone.phone_mode
    assert panel.phone_label.text() == "+45 20 12 34 56"
    assert panel.name_label.text() == "Åse Ørum"
    assert panel.interviewer == "MB"
    preload = panel.preload_form.itemAt(0, panel.preload_form.ItemRole.FieldRole).widget()
    assert preload.text() == "Pensions and Individual Benefits"
    # The fields share two rows, to leave the room to the call list.
    name, mode = phone.interviewer_edit.geometry(), phone.mode_combo.geometry()
    assert abs(name.center().y() - mode.center().y()) <= 2 and mode.left() > name.right()
    assert phone.wave_combo.geometry().top() > name.bottom()
    phone.mode_combo.setCurrentIndex(phone.mode_combo.findData("in_person"))
    assert not phone.calls.isVisible() and phone.calls.panel is None
    assert phone.mode_combo.y() > phone.interviewer_edit.geometry().bottom()


def test_f3_starts_a_phone_interview_with_the_preload_chosen_and_links_the_call(
        phone, window, keyboard, qtbot):
    project = window.project
    keyboard.press(Qt.Key.Key_F3)  # a button's key clicks it a moment later
    qtbot.waitUntil(lambda: window.entry_page.recorder is not None, timeout=2000)
    recorder = window.entry_page.recorder
    stored = entry.load_interview(project, recorder.uuid)
    assert (stored.mode, stored.interviewer, stored.answers) == (
        "phone", "MB", {"department": "pension"})
    call = calls.call(project, 1)
    assert (call.reference, call.status, call.interview_uuid) == ("GX-101", "completed",
                                                                 recorder.uuid)
    page = window.entry_page.interview_page
    assert window.entry_page.stack.currentWidget() is page
    assert page.question.name == "intro"  # the interview begins at its beginning
    keyboard.enter()
    assert page.question.name == "department"
    options = page.options
    assert [options.names[i] for i in options.chosen] == ["pension"]  # chosen, to confirm
    keyboard.enter()
    assert page.question.name == "contact_date"
    assert entry.load_interview(project, recorder.uuid).answers == {"department": "pension"}


def test_a_call_back_appears_in_todays_appointments(phone, qtbot):
    panel = phone.calls.panel
    later = T0 + dt.timedelta(hours=3)
    panel.call_back_edit.setDateTime(QDateTime.fromSecsSinceEpoch(int(later.timestamp())))
    qtbot.mouseClick(panel.outcome_buttons["call_back"], Qt.MouseButton.LeftButton)
    table = panel.appointments_table
    assert table.isVisibleTo(panel) and table.rowCount() == 1
    assert (table.item(0, 1).text(), table.item(0, 2).text()) == ("GX-101", "Åse Ørum")
    assert panel.current_call.reference == "GX-102"
    assert calls.call(panel.project, 1).appointment_at == later.isoformat()


def test_no_call_is_recorded_before_the_interviewer_is_named(phone, window, qtbot):
    phone.interviewer_edit.clear()
    panel = phone.calls.panel
    assert panel.record("no_answer") is False
    assert phone.message_label.text() == "Write your name or initials first."
    assert phone.interviewer_edit.hasFocus()
    phone.interviewer_edit.setText("MB")
    phone.wave_combo.setCurrentText("")
    assert panel.record("interview") is False  # an interview needs its wave
    assert phone.message_label.text() == "Choose or type the wave first."
    assert window.project.db.scalar("SELECT COUNT(*) FROM call_attempt") == 0
    assert panel.record("busy") is True  # no wave needed for that
    assert calls.call(window.project, 1).attempts == 1


def test_an_empty_call_list_says_how_to_start_in_danish(window, keyboard, qtbot):
    window.set_language("da", remember=False)
    qtbot.waitUntil(lambda: window.file_menu.title() == "&Fil")
    start_page = window.entry_page.start_page
    keyboard.type("MB")
    start_page.mode_combo.setCurrentIndex(start_page.mode_combo.findData("phone"))
    assert start_page.calls.panel.empty_label.text().startswith("Ringelisten er tom.")
    assert window.import_calls_action.text() == "Indlæs &ringeliste…"


def test_closing_the_project_drops_the_call_list(phone, window):
    panel = phone.calls.panel
    window.set_project(None)
    assert phone.calls.panel is None
    assert not panel.timer.isActive()
