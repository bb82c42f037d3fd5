"""The call list panel, headless: what the interviewer sees and what each outcome stores."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDateTime, Qt

from surveydesk.core.xlsform import read_xlsform
from surveydesk.gui.entry.call_list import CallListPanel
from surveydesk.io.demo import demo_form_path
from surveydesk.store import calls
from surveydesk.store.calls import NewCall
from surveydesk.store.project import Project
from surveydesk.store.settings import set_setting

T0 = dt.datetime(2024, 9, 12, 8, 0, tzinfo=dt.UTC)


class Clock:
    def __init__(self, now: dt.datetime):
        self.value = now

    def __call__(self) -> dt.datetime:
        return self.value


@pytest.fixture
def project(tmp_path):
    form = demo_form_path("jobcentre")
    project = Project.create(tmp_path / "calls.sdproj", form.read_bytes(), read_xlsform(form))
    calls.add_calls(project, [
        NewCall("R-1", "+4523456789", "Åse Ørum", {"target_group": "dagpenge", "age": "34"}),
        NewCall("R-2", "+4587654321", "Bjørn Æble"),
        NewCall("R-3", "+46701234567", ""),
    ], now=T0)
    yield project
    project.close()


@pytest.fixture
def clock():
    return Clock(T0)


@pytest.fixture
def panel(qtbot, project, clock):
    widget = CallListPanel(project, "AB", clock=clock)
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    return widget


def attempts(project) -> list[tuple]:
    return project.db.rows("SELECT c.reference, a.outcome, a.interviewer, a.at, a.note "
                           "FROM call_attempt a JOIN call_list c ON c.id = a.call_id "
                           "ORDER BY a.id")


def test_the_next_number_is_shown_with_name_reference_and_preload(panel):
    assert panel.phone_label.text() == "+45 23 45 67 89"
    assert panel.name_label.text() == "Åse Ørum"
    assert "Reference R-1" in panel.details_label.text()
    assert "attempt 1 of 5" in panel.details_label.text()
    rows = [(panel.preload_form.itemAt(i, panel.preload_form.ItemRole.LabelRole).widget().text(),
             panel.preload_form.itemAt(i, panel.preload_form.ItemRole.FieldRole).widget().text())
            for i in range(panel.preload_form.rowCount())]
    assert rows == [("Which benefit or programme are you on at the moment?",
                     "Unemployment benefit (insured unemployed)"),
                    ("How old are you?", "34")]
    assert panel.overview_values["total"].text() == "3"
    assert panel.overview_values["open"].text() == "3"
    assert panel.overview_values["response_rate"].text() == "0.0 %"
    assert all(button.isEnabled() for button in panel.outcome_buttons.values())


def test_outcome_buttons_record_attempts_and_move_on(panel, project, qtbot):
    panel.note_edit.setText("telefonsvarer")
    qtbot.mouseClick(panel.outcome_buttons["no_answer"], Qt.MouseButton.LeftButton)
    assert attempts(project) == [("R-1", "no_answer", "AB", T0.isoformat(), "telefonsvarer")]
    assert panel.note_edit.text() == ""
    assert panel.current_call.reference == "R-2"
    assert panel.phone_label.text() == "+45 87 65 43 21"
    assert panel.message_label.text() == "R-1: No answer recorded."
    qtbot.mouseClick(panel.outcome_buttons["wrong_number"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.outcome_buttons["refused"], Qt.MouseButton.LeftButton)
    assert [row[:2] for row in attempts(project)] == [
        ("R-1", "no_answer"), ("R-2", "wrong_number"), ("R-3", "refused")]
    assert panel.current_call.reference == "R-1"  # the only number still open
    assert panel.phone_label.text() == "+45 23 45 67 89"
    assert "last tried" in panel.details_label.text()
    values = {key: label.text() for key, label in panel.overview_values.items()}
    assert (values["open"], values["wrong_number"], values["refused"], values["attempts"]) == (
        "1", "1", "1", "3")


def test_function_keys_choose_outcomes_also_after_a_language_switch(panel, project, qtbot):
    from surveydesk.gui.translation import set_ui_language

    with qtbot.waitActive(panel):
        panel.show()
        panel.activateWindow()
    set_ui_language("da")  # re-setting button texts must not drop their keys
    qtbot.wait(10)
    # A button's shortcut "animates" the click: it lands a moment after the key press.
    qtbot.keyClick(panel, Qt.Key.Key_F5)  # busy
    qtbot.waitUntil(lambda: len(attempts(project)) == 1, timeout=2000)
    qtbot.keyClick(panel, Qt.Key.Key_F9)  # language problem
    qtbot.waitUntil(lambda: len(attempts(project)) == 2, timeout=2000)
    assert [row[:2] for row in attempts(project)] == [
        ("R-1", "busy"), ("R-2", "language_problem")]
    assert "F3" in panel.outcome_buttons["interview"].text()


def test_a_call_back_becomes_an_appointment_that_comes_back_at_its_time(panel, project,
                                                                        clock, qtbot):
    later = T0 + dt.timedelta(hours=2)
    panel.call_back_edit.setDateTime(QDateTime.fromSecsSinceEpoch(int(later.timestamp())))
    qtbot.mouseClick(panel.outcome_buttons["call_back"], Qt.MouseButton.LeftButton)
    assert attempts(project)[0][:2] == ("R-1", "call_back")
    assert calls.call(project, 1).appointment_at == later.isoformat()
    assert panel.current_call.reference == "R-2"
    table = panel.appointments_table
    assert table.isVisibleTo(panel) and table.rowCount() == 1
    assert (table.item(0, 1).text(), table.item(0, 2).text()) == ("R-1", "Åse Ørum")
    assert panel.overview_values["appointment"].text() == "1"
    clock.value = later - dt.timedelta(minutes=1)
    qtbot.mouseClick(panel.outcome_buttons["busy"], Qt.MouseButton.LeftButton)
    assert panel.current_call.reference == "R-3"  # not yet time for the appointment
    clock.value = later
    qtbot.mouseClick(panel.outcome_buttons["busy"], Qt.MouseButton.LeftButton)
    assert panel.current_call.reference == "R-1"
    assert panel.appointment_label.isVisibleTo(panel)
    assert panel.appointment_label.text().startswith("Appointment: call back ")
    assert table.item(0, 1).font().bold()  # due now


def test_a_call_back_time_in_the_past_is_refused_in_the_panel(panel, project, qtbot):
    earlier = T0 - dt.timedelta(hours=1)
    panel.call_back_edit.setDateTime(QDateTime.fromSecsSinceEpoch(int(earlier.timestamp())))
    assert panel.record("call_back") is False
    assert attempts(project) == []
    assert panel.message_label.isVisibleTo(panel)
    assert "already passed" in panel.message_label.text()
    assert panel.current_call.reference == "R-1"


def test_the_default_call_back_time_is_the_next_quarter_after_an_hour(project, qtbot):
    panel = CallListPanel(project, "AB", clock=Clock(T0 + dt.timedelta(minutes=7)))
    qtbot.addWidget(panel)
    chosen = panel.call_back_edit.dateTime().toSecsSinceEpoch()
    assert chosen == int((T0 + dt.timedelta(hours=1, minutes=15)).timestamp())


def test_interview_records_the_attempt_and_asks_for_the_interview_with_the_preload(
        panel, project, qtbot):
    with qtbot.waitSignal(panel.interview_requested, timeout=1000) as signal:
        qtbot.mouseClick(panel.outcome_buttons["interview"], Qt.MouseButton.LeftButton)
    call_id = calls.call(project, 1).id
    assert signal.args == [call_id, {"target_group": "dagpenge", "age": "34"}]
    assert calls.call(project, call_id).status == "completed"
    assert panel.overview_values["completed"].text() == "1"
    assert panel.overview_values["response_rate"].text() == "33.3 %"
    assert panel.current_call.reference == "R-2"


def test_the_last_allowed_attempt_says_so_and_the_number_does_not_come_back(panel, project,
                                                                           qtbot):
    set_setting(project, calls.MAX_ATTEMPTS_SETTING, "1")
    panel.refresh()
    assert "attempt 1 of 1" in panel.details_label.text()
    panel.record("no_answer")
    assert panel.message_label.text() == ("R-1: No answer. That was the last attempt for this "
                                          "number.")
    panel.record("no_answer")
    panel.record("busy")
    assert panel.current_call is None
    assert not panel.outcome_buttons["interview"].isEnabled()
    assert "called as often as the project allows" in panel.empty_label.text()
    assert panel.overview_values["exhausted"].text() == "3"


def test_an_empty_panel_names_the_next_appointment(panel, clock):
    later = T0 + dt.timedelta(hours=3)
    panel.call_back_edit.setDateTime(QDateTime.fromSecsSinceEpoch(int(later.timestamp())))
    panel.record("call_back")
    panel.record("refused")
    panel.record("refused")
    assert panel.current_call is None
    assert panel.empty_label.text().startswith("No number to call right now. The next "
                                               "appointment is ")


def test_an_empty_call_list_says_how_to_start(tmp_path, qtbot):
    form = demo_form_path("jobcentre")
    with Project.create(tmp_path / "empty.sdproj", form.read_bytes(),
                        read_xlsform(form)) as project:
        panel = CallListPanel(project, "AB", clock=Clock(T0))
        qtbot.addWidget(panel)
        assert "The call list is empty" in panel.empty_label.text()
        assert panel.overview_values["response_rate"].text() == "–"
        assert panel.record("no_answer") is False


def test_the_timer_never_swaps_the_number_on_the_screen(panel, project, clock):
    calls.record_attempt(project, 2, "call_back", "CD", T0, T0 + dt.timedelta(minutes=30))
    clock.value = T0 + dt.timedelta(minutes=31)
    panel._tick()
    assert panel.current_call.reference == "R-1"  # still dialling R-1
    assert panel.overview_values["appointment"].text() == "1"  # but the counts moved on
    panel.record("busy")
    assert panel.current_call.reference == "R-2"  # now the appointment comes first


def test_the_outcome_keys_leave_f2_to_the_entry_screen_around_the_panel(project, clock,
                                                                        qtbot):
    from PySide6.QtGui import QKeySequence, QShortcut
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    screen = QWidget()
    qtbot.addWidget(screen)
    panel = CallListPanel(project, "AB", parent=screen, clock=clock)
    QVBoxLayout(screen).addWidget(panel)
    switched = []
    language_key = QShortcut(QKeySequence("F2"), screen)
    language_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    language_key.activated.connect(lambda: switched.append(True))
    with qtbot.waitActive(screen):
        screen.show()
        screen.activateWindow()
    panel.note_edit.setFocus()
    qtbot.keyClick(panel.note_edit, Qt.Key.Key_F2)
    assert switched == [True]
    with qtbot.waitSignal(panel.interview_requested, timeout=2000):
        qtbot.keyClick(panel.note_edit, Qt.Key.Key_F3)
    assert [row[:2] for row in attempts(project)] == [("R-1", "interview")]
