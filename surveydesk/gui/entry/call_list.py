"""The call list panel of phone interviewing: the next number, what the call gave, the day's
appointments and how fieldwork stands.

The panel shows and asks. Which number comes next is ``calls.next_call``; an outcome is
``calls.record_attempt`` (one transaction); the counts are ``calls.call_overview``: the same
functions the command line uses. Choosing "Interview" records the attempt and emits
:attr:`CallListPanel.interview_requested`; the entry screen starts the interview in mode
``phone`` with the preload and then calls ``calls.link_interview``.

Every outcome has a function key (F3 Interview … F9 Language problem), so an interviewer
with a headset can work from the keyboard. Problems are shown in the panel itself rather
than in a dialog that would have to be clicked away during a call.

``clock`` returns the current time as an aware datetime; tests pass a fake one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QDateTime, QEvent, QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateTimeEdit,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from surveydesk.core.errors import SurveyDeskError
from surveydesk.core.questionnaire import Questionnaire, QuestionType
from surveydesk.gui.translation import current_language, fill, ui_locale
from surveydesk.store import calls
from surveydesk.store.calls import Call
from surveydesk.store.database import STORAGE_ERRORS, explain_storage_error
from surveydesk.store.project import Project

translate = QCoreApplication.translate
Clock = Callable[[], dt.datetime]
REFRESH_MS = 60_000  # appointments come due while the panel is open
# Outcome -> function key, in the order of the buttons. F1 stays help and F2 is the entry
# screen's question-language switch (two widgets with one key would make it ambiguous and
# neither would fire); F10 opens the menu bar on Windows.
OUTCOME_KEYS = {
    "interview": Qt.Key.Key_F3, "no_answer": Qt.Key.Key_F4, "busy": Qt.Key.Key_F5,
    "call_back": Qt.Key.Key_F6, "refused": Qt.Key.Key_F7, "wrong_number": Qt.Key.Key_F8,
    "language_problem": Qt.Key.Key_F9,
}
_OVERVIEW_KEYS = ("total", "open", "appointment", "completed", "refused", "wrong_number",
                  "language_problem", "exhausted", "attempts", "response_rate")
_STYLE = """
#callListPanel QLabel#phoneLabel { color: #1d5c8c; }
#callListPanel QLabel[role="muted"] { color: #52606d; }
#callListPanel QLabel[role="message"] {
    color: #8a1c1c; background: #fdeeee; border: 1px solid #f1b8b8; border-radius: 6px;
    padding: 8px 12px;
}
#callListPanel QLabel[role="notice"] {
    color: #1e5631; background: #e9f5ec; border: 1px solid #b7dcc0; border-radius: 6px;
    padding: 8px 12px;
}
#callListPanel QFrame#nextCallFrame {
    background: #ffffff; border: 1px solid #cbd2d9; border-radius: 8px;
}
#callListPanel QPushButton { padding: 8px 12px; }
#callListPanel QPushButton#outcome_interview {
    color: white; background: #1d5c8c; border: 1px solid #1d5c8c; border-radius: 4px;
    font-weight: 600;
}
#callListPanel QPushButton#outcome_interview:disabled { background: #9aa5b1; }
"""


def utc_clock() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def outcome_name(outcome: str) -> str:
    names = {
        "interview": translate("CallListPanel", "Interview"),
        "no_answer": translate("CallListPanel", "No answer"),
        "busy": translate("CallListPanel", "Busy"),
        "call_back": translate("CallListPanel", "Call back at…"),
        "refused": translate("CallListPanel", "Refused"),
        "wrong_number": translate("CallListPanel", "Wrong number"),
        "language_problem": translate("CallListPanel", "Language problem"),
    }
    return names[outcome]


def overview_caption(key: str) -> str:
    captions = {
        "total": translate("CallListPanel", "Numbers"),
        "open": translate("CallListPanel", "Open"),
        "appointment": translate("CallListPanel", "Appointments"),
        "completed": translate("CallListPanel", "Interviewed"),
        "refused": translate("CallListPanel", "Refused"),
        "wrong_number": translate("CallListPanel", "Wrong number"),
        "language_problem": translate("CallListPanel", "Language problem"),
        "exhausted": translate("CallListPanel", "No more attempts"),
        "attempts": translate("CallListPanel", "Calls made"),
        "response_rate": translate("CallListPanel", "Response rate"),
    }
    return captions[key]


def _local(stamp: str) -> QDateTime:
    """A stored UTC instant as a local QDateTime."""
    return QDateTime.fromSecsSinceEpoch(int(dt.datetime.fromisoformat(stamp).timestamp()))


def _when(stamp: str, today: dt.date) -> str:
    """``14:30`` today, otherwise the short date and time, in the UI locale."""
    moment = _local(stamp)
    locale = ui_locale()
    if moment.date().toPython() == today:
        return locale.toString(moment.time(), QLocale.FormatType.ShortFormat)
    return locale.toString(moment, QLocale.FormatType.ShortFormat)


def _font(widget: QWidget, scale: float, bold: bool = False) -> QFont:
    font = QFont(widget.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(bold)
    return font


class CallListPanel(QWidget):
    """The interviewer's view of the call list. ``interviewer`` is recorded with each call."""

    #: The interviewer chose "Interview": ``(call id, preload {question: stored text})``.
    interview_requested = Signal(int, dict)

    def __init__(self, project: Project, interviewer: str, parent: QWidget | None = None,
                 clock: Clock | None = None):
        super().__init__(parent)
        self.setObjectName("callListPanel")
        self.setStyleSheet(_STYLE)
        self.project = project
        self.interviewer = interviewer
        self._clock = clock or utc_clock
        self._call: Call | None = None
        self._max_attempts = calls.DEFAULT_MAX_ATTEMPTS
        # What was read from the store last; _render() shows only this.
        self._overview: dict = {}
        self._due: list[Call] = []
        self._next_appointment: str | None = None
        self._questionnaire: Questionnaire | None = None
        self._message: tuple[str, str] | None = None  # (role, text)

        # -- how fieldwork stands ----------------------------------------------------------
        self.overview_captions: dict[str, QLabel] = {}
        self.overview_values: dict[str, QLabel] = {}
        overview = QGridLayout()
        overview.setHorizontalSpacing(18)
        overview.setVerticalSpacing(2)
        for column, key in enumerate(_OVERVIEW_KEYS):
            caption, value = QLabel(), QLabel()
            caption.setProperty("role", "muted")
            value.setObjectName(f"overview_{key}")
            value.setFont(_font(value, 1.25, bold=True))
            overview.addWidget(caption, 0, column)
            overview.addWidget(value, 1, column)
            self.overview_captions[key], self.overview_values[key] = caption, value
        overview.setColumnStretch(len(_OVERVIEW_KEYS), 1)

        # -- the next number ---------------------------------------------------------------
        self.next_heading = QLabel()
        self.next_heading.setFont(_font(self.next_heading, 1.1, bold=True))
        self.next_heading.setProperty("role", "muted")
        self.phone_label = QLabel(objectName="phoneLabel")
        self.phone_label.setFont(_font(self.phone_label, 3.0, bold=True))
        self.name_label = QLabel(objectName="nameLabel", wordWrap=True)
        self.name_label.setFont(_font(self.name_label, 1.8, bold=True))
        self.details_label = QLabel(objectName="detailsLabel", wordWrap=True)
        self.details_label.setFont(_font(self.details_label, 1.15))
        self.appointment_label = QLabel(objectName="appointmentLabel", wordWrap=True)
        self.appointment_label.setFont(_font(self.appointment_label, 1.25, bold=True))
        self.appointment_label.setProperty("role", "notice")
        for label in (self.phone_label, self.name_label, self.details_label):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.preload_heading = QLabel()
        self.preload_heading.setProperty("role", "muted")
        self.preload_form = QFormLayout()
        self.preload_form.setHorizontalSpacing(16)
        self.preload_form.setVerticalSpacing(4)
        self.preload_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.empty_label = QLabel(objectName="emptyLabel", wordWrap=True)
        self.empty_label.setFont(_font(self.empty_label, 1.4))
        frame = QFrame(objectName="nextCallFrame")
        inside = QVBoxLayout(frame)
        inside.setContentsMargins(20, 14, 20, 14)
        inside.setSpacing(6)
        inside.addWidget(self.next_heading)
        inside.addWidget(self.phone_label)
        inside.addWidget(self.name_label)
        inside.addWidget(self.details_label)
        inside.addWidget(self.appointment_label)
        inside.addSpacing(6)
        inside.addWidget(self.preload_heading)
        inside.addLayout(self.preload_form)
        inside.addWidget(self.empty_label)
        inside.addStretch(1)

        # -- today's appointments ----------------------------------------------------------
        self.appointments_heading = QLabel()
        self.appointments_heading.setFont(_font(self.appointments_heading, 1.1, bold=True))
        self.appointments_table = QTableWidget(0, 3, objectName="appointmentsTable")
        self.appointments_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.appointments_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.appointments_table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.appointments_table.verticalHeader().setVisible(False)
        self.appointments_table.setShowGrid(False)
        self.appointments_table.setAlternatingRowColors(True)
        header = self.appointments_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.no_appointments_label = QLabel(wordWrap=True)
        self.no_appointments_label.setProperty("role", "muted")
        side = QVBoxLayout()
        side.addWidget(self.appointments_heading)
        side.addWidget(self.appointments_table, 1)
        side.addWidget(self.no_appointments_label)
        side_widget = QWidget()
        side_widget.setLayout(side)
        side_widget.setMinimumWidth(300)
        side.setContentsMargins(0, 0, 0, 0)

        middle = QHBoxLayout()
        middle.setSpacing(16)
        middle.addWidget(frame, 3)
        middle.addWidget(side_widget, 2)

        # -- outcomes ----------------------------------------------------------------------
        self.note_caption = QLabel()
        self.note_edit = QLineEdit(objectName="noteEdit")
        self.note_edit.setMaxLength(500)
        self.note_caption.setBuddy(self.note_edit)
        note_row = QHBoxLayout()
        note_row.addWidget(self.note_caption)
        note_row.addWidget(self.note_edit, 1)
        self.outcome_buttons: dict[str, QPushButton] = {}
        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        for outcome in OUTCOME_KEYS:
            button = QPushButton(objectName=f"outcome_{outcome}")
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.setMinimumHeight(52)
            button.clicked.connect(lambda _checked=False, o=outcome: self.record(o))
            self.outcome_buttons[outcome] = button
        self.call_back_edit = QDateTimeEdit(objectName="callBackEdit")
        self.call_back_edit.setCalendarPopup(True)
        self.call_back_edit.setMinimumHeight(52)
        call_back_box = QHBoxLayout()
        call_back_box.setSpacing(4)
        call_back_box.addWidget(self.outcome_buttons["call_back"], 1)
        call_back_box.addWidget(self.call_back_edit)
        for outcome in ("interview", "no_answer", "busy"):
            buttons.addWidget(self.outcome_buttons[outcome], 2 if outcome == "interview" else 1)
        buttons.addLayout(call_back_box, 2)
        for outcome in ("refused", "wrong_number", "language_problem"):
            buttons.addWidget(self.outcome_buttons[outcome], 1)
        self.message_label = QLabel(objectName="messageLabel", wordWrap=True)
        self.message_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(12)
        layout.addLayout(overview)
        layout.addLayout(middle, 1)
        layout.addLayout(note_row)
        layout.addLayout(buttons)
        layout.addWidget(self.message_label)

        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self._tick)
        self.timer.start()
        self.retranslateUi()
        self.refresh()

    # -- reading the store -----------------------------------------------------------------
    @property
    def current_call(self) -> Call | None:
        """The call on the screen now."""
        return self._call

    def now(self) -> dt.datetime:
        return self._clock()

    def refresh(self) -> None:
        """Read the next number, the counts and the appointments again, and show them."""
        self._call = None

        def read() -> None:
            self._max_attempts = calls.max_attempts_setting(self.project)
            self._questionnaire = self.project.questionnaire
            self._call = calls.next_call(self.project, self.now(), self._max_attempts)

        self._reading(read)
        self._reading(self._read_lists)
        self._reset_call_back_time()
        self._render()

    def _read_lists(self) -> None:
        self._overview = calls.call_overview(self.project)
        end_of_today = dt.datetime.combine(self._today() + dt.timedelta(days=1),
                                           dt.time()).astimezone()
        self._due = calls.appointments(self.project, until=end_of_today)
        upcoming = calls.appointments(self.project)
        self._next_appointment = upcoming[0].appointment_at if upcoming else None

    def _reading(self, read: Callable[[], object]) -> bool:
        """Run ``read``; a problem is shown in the panel instead of raised."""
        try:
            read()
        except SurveyDeskError as error:
            self._show_message("message", str(error))
            return False
        except STORAGE_ERRORS as error:
            self._show_message("message", str(explain_storage_error(self.project.path, error)))
            return False
        return True

    def _tick(self) -> None:
        # Never swap the number the interviewer may be dialling: only an empty panel looks
        # for a number again; counts and appointments are always brought up to date.
        if self._call is None:
            self.refresh()
        else:
            self._reading(self._read_lists)
            self._render()

    # -- recording -------------------------------------------------------------------------
    def record(self, outcome: str) -> bool:
        """Record ``outcome`` for the call on the screen; returns whether it was stored."""
        call = self._call
        if call is None:
            return False
        appointment = None
        if outcome == "call_back":
            appointment = dt.datetime.fromtimestamp(
                self.call_back_edit.dateTime().toSecsSinceEpoch(), dt.UTC)
        results: list[calls.RecordedAttempt] = []
        if not self._reading(lambda: results.append(calls.record_attempt(
                self.project, call.id, outcome, self.interviewer, self.now(), appointment,
                self.note_edit.text(), max_attempts=self._max_attempts))):
            self._render()
            return False
        self.note_edit.clear()
        self._show_message("notice", self._recorded_text(call, results[0]))
        if outcome == "interview":
            self.interview_requested.emit(call.id, dict(call.preload))
        self.refresh()
        return True

    def _recorded_text(self, call: Call, result: calls.RecordedAttempt) -> str:
        if result.status == "appointment" and result.appointment_at:
            return fill(translate("CallListPanel", "%1: call back %2."), call.reference,
                        _when(result.appointment_at, self._today()))
        if result.status == "exhausted":
            return fill(translate("CallListPanel",
                                  "%1: %2. That was the last attempt for this number."),
                        call.reference, outcome_name(result.outcome))
        return fill(translate("CallListPanel", "%1: %2 recorded."), call.reference,
                    outcome_name(result.outcome))

    def _show_message(self, role: str, text: str) -> None:
        self._message = (role, text)

    def _reset_call_back_time(self) -> None:
        """One hour from now, on the next quarter of an hour."""
        start = self.now() + dt.timedelta(hours=1)
        start += dt.timedelta(minutes=-start.minute % 15, seconds=-start.second,
                              microseconds=-start.microsecond)
        self.call_back_edit.setDateTime(QDateTime.fromSecsSinceEpoch(int(start.timestamp())))

    # -- showing ---------------------------------------------------------------------------
    def _today(self) -> dt.date:
        return self.now().astimezone().date()

    def _render(self) -> None:
        """Show what was read last (no reading here: a language switch only re-renders)."""
        self._render_overview()
        self._render_call()
        self._render_appointments()
        role, text = self._message or ("", "")
        self.message_label.setProperty("role", role)
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))
        self.message_label.style().unpolish(self.message_label)
        self.message_label.style().polish(self.message_label)

    def _render_overview(self) -> None:
        locale = ui_locale()
        for key, label in self.overview_values.items():
            value = self._overview.get(key)
            if key == "response_rate":
                text = "–" if value is None else f"{locale.toString(value * 100, 'f', 1)} %"
            else:
                text = locale.toString(value or 0)
            label.setText(text)

    def _render_call(self) -> None:
        call = self._call
        shown = call is not None
        for widget in (self.next_heading, self.phone_label, self.name_label,
                       self.details_label, self.preload_heading):
            widget.setVisible(shown)
        for button in self.outcome_buttons.values():
            button.setEnabled(shown)
        self.call_back_edit.setEnabled(shown)
        self.note_edit.setEnabled(shown)
        self.empty_label.setVisible(not shown)
        self._clear_preload()
        if call is None:
            self.appointment_label.setVisible(False)
            self.empty_label.setText(self._empty_text())
            return
        locale = ui_locale()
        self.phone_label.setText(call.phone_grouped)
        self.name_label.setText(call.name or translate("CallListPanel", "(no name given)"))
        details = [fill(translate("CallListPanel", "Reference %1"), call.reference),
                   fill(translate("CallListPanel", "attempt %1 of %2"),
                        locale.toString(call.attempts + 1),
                        locale.toString(max(self._max_attempts, call.attempts + 1)))]
        if call.last_attempt_at:
            details.append(fill(translate("CallListPanel", "last tried %1"),
                                _when(call.last_attempt_at, self._today())))
        self.details_label.setText(" · ".join(details))
        appointment = call.status == "appointment" and call.appointment_at
        self.appointment_label.setVisible(bool(appointment))
        if appointment:
            self.appointment_label.setText(fill(
                translate("CallListPanel", "Appointment: call back %1"),
                _when(call.appointment_at, self._today())))
        rows = self._preload_rows(call)
        self.preload_heading.setVisible(bool(rows))
        for caption, value in rows:
            caption_label = QLabel(caption, wordWrap=True)
            caption_label.setProperty("role", "muted")
            caption_label.setFont(_font(caption_label, 1.1))
            value_label = QLabel(value, wordWrap=True)
            value_label.setFont(_font(value_label, 1.3, bold=True))
            self.preload_form.addRow(caption_label, value_label)

    def _empty_text(self) -> str:
        if not self._overview.get("total"):
            return translate("CallListPanel", "The call list is empty. Import a call list "
                                              "to start phoning.")
        if self._next_appointment:
            return fill(translate("CallListPanel", "No number to call right now. The next "
                                                   "appointment is %1."),
                        _when(self._next_appointment, self._today()))
        return translate("CallListPanel", "No number to call right now: every number has "
                                          "been called as often as the project allows.")

    def _clear_preload(self) -> None:
        while self.preload_form.rowCount():
            self.preload_form.removeRow(0)

    def _preload_rows(self, call: Call) -> list[tuple[str, str]]:
        """``(question label, answer label)`` of each preloaded answer, in form order."""
        questionnaire = self._questionnaire
        if questionnaire is None:
            return sorted(call.preload.items())
        language = current_language()
        if language not in questionnaire.language_codes:
            language = questionnaire.default_language
        rows = []
        for question in questionnaire.questions:
            stored = call.preload.get(question.name)
            if stored is None:
                continue
            shown = stored
            if question.type.is_select and question.choice_list is not None:
                names = stored.split() if question.type is QuestionType.SELECT_MULTIPLE else [
                    stored]
                known = {c.name: c for c in question.choice_list.choices}
                shown = ", ".join(known[n].label(language, questionnaire.fallback)
                                  if n in known else n for n in names)
            rows.append((question.label(language, questionnaire.fallback), shown))
        for name in sorted(set(call.preload) - {q.name for q in questionnaire.questions}):
            rows.append((name, call.preload[name]))  # a question of an older form version
        return rows

    def _render_appointments(self) -> None:
        now, due = self.now(), self._due
        table = self.appointments_table
        table.setRowCount(len(due))
        for row, call in enumerate(due):
            texts = (_when(call.appointment_at, self._today()), call.reference, call.name)
            overdue = dt.datetime.fromisoformat(call.appointment_at) <= now
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if overdue:
                    item.setFont(_font(table, 1.0, bold=True))
                    item.setToolTip(translate("CallListPanel", "The time has come: this "
                                                               "appointment is called first."))
                table.setItem(row, column, item)
        table.setVisible(bool(due))
        self.no_appointments_label.setVisible(not due)

    # -- language --------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def retranslateUi(self) -> None:
        for key, label in self.overview_captions.items():
            label.setText(overview_caption(key))
        self.next_heading.setText(translate("CallListPanel", "Next number"))
        self.preload_heading.setText(translate("CallListPanel", "Known before the call"))
        self.appointments_heading.setText(translate("CallListPanel", "Today's appointments"))
        self.no_appointments_label.setText(
            translate("CallListPanel", "No appointments for the rest of today."))
        self.appointments_table.setHorizontalHeaderLabels([
            translate("CallListPanel", "Time"), translate("CallListPanel", "Reference"),
            translate("CallListPanel", "Name")])
        self.note_caption.setText(translate("CallListPanel", "&Note:"))
        self.note_edit.setPlaceholderText(
            translate("CallListPanel", "Optional, e.g. ask for the daughter"))
        self.call_back_edit.setToolTip(translate("CallListPanel", "When to call back"))
        locale = ui_locale()
        self.call_back_edit.setLocale(locale)
        self.call_back_edit.setDisplayFormat(
            locale.dateTimeFormat(QLocale.FormatType.ShortFormat))
        for outcome, button in self.outcome_buttons.items():
            sequence = QKeySequence(OUTCOME_KEYS[outcome])
            key = sequence.toString(QKeySequence.SequenceFormat.NativeText)
            button.setText(f"{outcome_name(outcome)}\n{key}")
            button.setShortcut(sequence)  # after setText, which resets it to the mnemonic
            button.setToolTip(fill(translate("CallListPanel", "%1 (key %2)"),
                                   outcome_name(outcome), key))
        self._render()
