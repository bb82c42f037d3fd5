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

When the project's contact data is encrypted the panel reads the calls with ``cipher`` (the
session's key, asked by :mod:`surveydesk.gui.entry.passphrase`); without it a number shows
as encrypted, cannot be dialled, and "Enter pass phrase…" emits :attr:`unlock_requested`.

``clock`` returns the current time as an aware datetime; tests pass a fake one. The
panel's widgets are made by :func:`~surveydesk.gui.entry.call_list_parts.build_panel`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QDateTime, QEvent, QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel, QPushButton, QTableWidgetItem, QWidget

from surveydesk.core.contact_crypto import ContactCipher
from surveydesk.core.errors import SurveyDeskError
from surveydesk.core.questionnaire import Questionnaire
from surveydesk.gui.entry.call_list_parts import (
    OUTCOME_KEYS,
    STYLE,
    Clock,
    build_panel,
    outcome_name,
    overview_caption,
    preload_rows,
    scaled_font,
    utc_clock,
    when_text,
)
from surveydesk.gui.translation import current_language, fill, ui_locale
from surveydesk.store import calls
from surveydesk.store.calls import Call
from surveydesk.store.database import STORAGE_ERRORS, explain_storage_error
from surveydesk.store.project import Project

translate = QCoreApplication.translate
REFRESH_MS = 60_000  # appointments come due while the panel is open


class CallListPanel(QWidget):
    """The interviewer's view of the call list. ``interviewer`` is recorded with each call."""

    #: The interviewer chose "Interview": ``(call id, preload {question: stored text})``.
    interview_requested = Signal(int, dict)
    # The numbers are encrypted and the interviewer wants to enter the pass phrase.
    unlock_requested = Signal()

    def __init__(self, project: Project, interviewer: str, parent: QWidget | None = None,
                 clock: Clock | None = None, cipher: ContactCipher | None = None):
        super().__init__(parent)
        self.setObjectName("callListPanel")
        self.setStyleSheet(STYLE)
        self.project = project
        self.interviewer = interviewer
        self._clock = clock or utc_clock
        #: Asked with the outcome before it is recorded; ``False`` refuses it (the screen
        #: around the panel says why, e.g. that the interviewer's name is missing).
        self.outcome_check: Callable[[str], bool] | None = None
        self._call: Call | None = None
        self._max_attempts = calls.DEFAULT_MAX_ATTEMPTS
        # What was read from the store last; _render() shows only this.
        self._overview: dict = {}
        self._due: list[Call] = []
        self._next_appointment: str | None = None
        self._questionnaire: Questionnaire | None = None
        self._message: tuple[str, str] | None = None  # (role, text)
        self.cipher = cipher

        build_panel(self, lambda outcome: self.record(outcome))
        self.unlock_button = QPushButton(objectName="unlockButton")
        self.unlock_button.clicked.connect(self.unlock_requested)
        self.unlock_button.setVisible(False)
        frame_layout = self.phone_label.parentWidget().layout()
        frame_layout.insertWidget(frame_layout.indexOf(self.name_label) + 1, self.unlock_button,
                                  0, Qt.AlignmentFlag.AlignLeft)
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self._tick)
        self.timer.start()
        self.retranslateUi()
        self.refresh()

    def set_cipher(self, cipher: ContactCipher | None) -> None:
        """Read the numbers with ``cipher`` (the key of the encrypted contact data) from now."""
        self.cipher = cipher
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
            self._call = calls.next_call(self.project, self.now(), self._max_attempts,
                                         self.cipher)

        self._reading(read)
        self._reading(self._read_lists)
        self._reset_call_back_time()
        self._render()

    def _read_lists(self) -> None:
        self._overview = calls.call_overview(self.project)
        end_of_today = dt.datetime.combine(self._today() + dt.timedelta(days=1),
                                           dt.time()).astimezone()
        self._due = calls.appointments(self.project, until=end_of_today, cipher=self.cipher)
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
        self.catch_up()

    def catch_up(self) -> None:
        """Bring counts and appointments up to date; look for a number only when none is on
        the screen (never swap the number the interviewer may be dialling)."""
        if self._call is None:
            self.refresh()
        else:
            self._reading(self._read_lists)
            self._render()

    # -- recording -------------------------------------------------------------------------
    def record(self, outcome: str) -> bool:
        """Record ``outcome`` for the call on the screen; returns whether it was stored."""
        call = self._call
        if call is None or call.number_encrypted or (
                self.outcome_check is not None and not self.outcome_check(outcome)):
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
                        when_text(result.appointment_at, self._today()))
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
        locked = shown and call.number_encrypted
        for button in self.outcome_buttons.values():
            button.setEnabled(shown and not locked)
        self.call_back_edit.setEnabled(shown and not locked)
        self.note_edit.setEnabled(shown and not locked)
        self.unlock_button.setVisible(locked)
        self.empty_label.setVisible(not shown)
        self._clear_preload()
        if call is None:
            self.appointment_label.setVisible(False)
            self.empty_label.setText(self._empty_text())
            return
        locale = ui_locale()
        if locked:
            self.phone_label.setText(translate("CallListPanel", "Number encrypted"))
            self.name_label.setText(translate(
                "CallListPanel", "Enter the pass phrase of the contact data to see and dial "
                "the number."))
        else:
            self.phone_label.setText(call.phone_grouped)
            self.name_label.setText(call.name or translate("CallListPanel", "(no name given)"))
        details = [fill(translate("CallListPanel", "Reference %1"), call.reference),
                   fill(translate("CallListPanel", "attempt %1 of %2"),
                        locale.toString(call.attempts + 1),
                        locale.toString(max(self._max_attempts, call.attempts + 1)))]
        if call.last_attempt_at:
            details.append(fill(translate("CallListPanel", "last tried %1"),
                                when_text(call.last_attempt_at, self._today())))
        self.details_label.setText(" · ".join(details))
        appointment = call.status == "appointment" and call.appointment_at
        self.appointment_label.setVisible(bool(appointment))
        if appointment:
            self.appointment_label.setText(fill(
                translate("CallListPanel", "Appointment: call back %1"),
                when_text(call.appointment_at, self._today())))
        rows = preload_rows(self._questionnaire, call.preload, current_language())
        self.preload_heading.setVisible(bool(rows))
        for caption, value in rows:
            caption_label = QLabel(caption, wordWrap=True)
            caption_label.setProperty("role", "muted")
            caption_label.setFont(scaled_font(caption_label, 1.1))
            value_label = QLabel(value, wordWrap=True)
            value_label.setFont(scaled_font(value_label, 1.3, bold=True))
            self.preload_form.addRow(caption_label, value_label)

    def _empty_text(self) -> str:
        if not self._overview.get("total"):
            return translate("CallListPanel", "The call list is empty. Import a call list "
                                              "to start phoning.")
        missing = self._overview.get("without_number") or 0
        if missing:
            unreachable = " " + fill(translate(
                "CallListPanel", "%1 open calls have no phone number on this computer (the "
                                 "contact data was removed, or not carried in a device file) "
                                 "and cannot be called."), ui_locale().toString(missing))
        else:
            unreachable = ""
        if self._next_appointment:
            return fill(translate("CallListPanel", "No number to call right now. The next "
                                                   "appointment is %1."),
                        when_text(self._next_appointment, self._today())) + unreachable
        if missing:
            return translate("CallListPanel", "No number to call right now.") + unreachable
        return translate("CallListPanel", "No number to call right now: every number has "
                                          "been called as often as the project allows.")

    def _clear_preload(self) -> None:
        while self.preload_form.rowCount():
            self.preload_form.removeRow(0)

    def _render_appointments(self) -> None:
        now, due = self.now(), self._due
        table = self.appointments_table
        table.setRowCount(len(due))
        for row, call in enumerate(due):
            if call.number_encrypted:
                name = translate("CallListPanel", "(number encrypted)")
            elif call.can_be_dialled:
                name = call.name
            else:
                name = translate("CallListPanel", "(no phone number: cannot be called)")
            texts = (when_text(call.appointment_at, self._today()), call.reference, name)
            overdue = dt.datetime.fromisoformat(call.appointment_at) <= now
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if overdue:
                    item.setFont(scaled_font(table, 1.0, bold=True))
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
        self.unlock_button.setText(translate("CallListPanel", "Enter &pass phrase…"))
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
