"""Interviews interrupted on this computer (a crash, a closed window), on the start screen.

Each is listed with when it started, who, the wave, how many answers it has and the
question it stopped at; Enter, a double click or Resume asks to continue it exactly there
(``resume_requested``). In the compact form (phone mode, where the call list needs the
room) the list is lower and not shown at all while there is nothing to resume.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QDateTime, QEvent, QLocale, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from surveydesk.core.questionnaire import Questionnaire
from surveydesk.gui.entry.style import BODY_PT, HINT_PT, label, sized
from surveydesk.gui.translation import ui_locale
from surveydesk.store.entry import OpenInterview

translate = QCoreApplication.translate
COMPACT_HEIGHT = 150  # pixels of the table in the compact form: about three rows
_NO_LIMIT = 16_777_215  # Qt's QWIDGETSIZE_MAX, which PySide6 does not export


class ResumeList(QWidget):
    """The interrupted interviews; ``resume_requested(uuid)`` asks to continue one."""

    resume_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.interviews: list[OpenInterview] = []
        self.questionnaire: Questionnaire | None = None
        self.compact = False
        self.heading = label(HINT_PT, role="section")
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("resumeTable")
        sized(self.table, BODY_PT)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setShowGrid(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft)
        self.table.doubleClicked.connect(lambda _index: self.request_resume())
        self.button = QPushButton()
        self.button.clicked.connect(self.request_resume)
        self.empty_label = label(BODY_PT, role="muted")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        row = QHBoxLayout()
        row.addWidget(self.button)
        row.addStretch(1)
        layout.addLayout(row)
        self.retranslateUi()

    def show_interviews(self, questionnaire: Questionnaire | None,
                        interviews: list[OpenInterview]) -> None:
        """List ``interviews`` (question labels from ``questionnaire``), the newest first."""
        self.questionnaire, self.interviews = questionnaire, list(interviews)
        self._fill()

    def set_compact(self, compact: bool) -> None:
        self.compact = compact
        self.table.setMaximumHeight(COMPACT_HEIGHT if compact else _NO_LIMIT)
        self._show_parts()

    def request_resume(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.interviews):
            self.resume_requested.emit(self.interviews[row].uuid)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Buttons outside dialogs do not take Enter by themselves; the table passes it on.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
                self.table.hasFocus() or self.button.hasFocus()):
            self.request_resume()
            event.accept()
        else:
            super().keyPressEvent(event)

    def _fill(self) -> None:
        table = self.table
        table.setRowCount(len(self.interviews))
        locale = ui_locale()
        for row, interview in enumerate(self.interviews):
            started = QDateTime.fromString(interview.started_at, Qt.DateFormat.ISODate)
            cells = (locale.toString(started.toLocalTime(), QLocale.FormatType.ShortFormat),
                     interview.interviewer, interview.wave,
                     locale.toString(len(interview.answers)), self._stopped_at(interview))
            for column, text in enumerate(cells):
                table.setItem(row, column, QTableWidgetItem(text))
        if self.interviews:
            table.setCurrentCell(0, 0)
        self._show_parts()

    def _show_parts(self) -> None:
        some = bool(self.interviews)
        self.table.setVisible(some)
        self.button.setVisible(some)
        self.empty_label.setVisible(not some)
        if not self.isWindow():  # never shown as a window of its own before it is placed
            self.setVisible(some or not self.compact)

    def _stopped_at(self, interview: OpenInterview) -> str:
        questionnaire = self.questionnaire
        name = interview.current_question
        if questionnaire is None or name is None or name not in questionnaire:
            return translate("StartPage", "Review page")
        return questionnaire.question_label(name, interview.language or None)

    # -- language -------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def retranslateUi(self) -> None:
        self.heading.setText(translate("StartPage", "Interrupted interviews on this computer"))
        self.table.setHorizontalHeaderLabels([
            translate("StartPage", "Started"), translate("StartPage", "Interviewer"),
            translate("StartPage", "Wave"), translate("StartPage", "Answers"),
            translate("StartPage", "Stopped at")])
        self.button.setText(translate("StartPage", "&Resume"))
        self.empty_label.setText(translate("StartPage", "None — every interview started "
                                                        "here was completed or aborted."))
        self._fill()
