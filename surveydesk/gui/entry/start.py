"""The start screen of entry: who interviews, how, where, which wave; new or resume.

The fields are prefilled from the entry profile remembered on this laptop
(:mod:`surveydesk.userdata`). Interviews that were interrupted on this device (a crash, a
closed window) are listed with the question they stopped at, to resume exactly there.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QDateTime, QEvent, QLocale, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from surveydesk.entry_flow import Setup
from surveydesk.gui.entry.style import (
    BODY_PT,
    HINT_PT,
    QUESTION_PT,
    ChoiceBox,
    label,
    restyle,
    sized,
)
from surveydesk.gui.translation import fill, ui_locale
from surveydesk.store import entry
from surveydesk.store.project import Project
from surveydesk.userdata import EntryProfile

translate = QCoreApplication.translate
ENTRY_MODES = ("in_person", "phone")


def today() -> str:
    """Today's date as the store counts completes (UTC)."""
    return dt.datetime.now(dt.UTC).date().isoformat()


class StartPage(QWidget):
    """Asks for the interview setup; ``start_requested`` / ``resume_requested`` act on it."""

    start_requested = Signal(object)  # Setup
    resume_requested = Signal(str)  # interview uuid

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.project: Project | None = None
        self.device_id = ""
        self.resumable: list[entry.OpenInterview] = []
        self.title_label = label(QUESTION_PT, bold=True)
        self.project_label = label(HINT_PT, role="muted")
        self.interviewer_edit = sized(QLineEdit(), BODY_PT)
        self.interviewer_edit.textChanged.connect(self._show_count)
        self.mode_combo = sized(ChoiceBox(), BODY_PT)
        for mode in ENTRY_MODES:
            self.mode_combo.addItem("", mode)
        self.location_edit = sized(QLineEdit(), BODY_PT)
        self.wave_combo = sized(ChoiceBox(editable=True), BODY_PT)
        self.wave_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.form = QFormLayout()
        self.form.setHorizontalSpacing(18)
        self.form.setVerticalSpacing(10)
        self.captions = [label(BODY_PT, wrap=False) for _ in range(4)]
        for caption, field in zip(self.captions, (self.interviewer_edit, self.mode_combo,
                                                  self.location_edit, self.wave_combo),
                                  strict=True):
            field.setMinimumWidth(320)
            caption.setBuddy(field)
            caption.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            caption.setMinimumHeight(field.sizeHint().height())
            self.form.addRow(caption, field)

        self.new_button = sized(QPushButton(), HINT_PT + 2, bold=True)
        self.new_button.setObjectName("newInterviewButton")
        self.new_button.setProperty("role", "primary")
        self.new_button.setMinimumSize(340, 64)
        self.new_button.clicked.connect(self.request_start)
        new_shortcut = QShortcut(QKeySequence("Ctrl+N"), self)
        new_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        new_shortcut.activated.connect(self.request_start)
        self.count_label = label(HINT_PT)
        self.count_label.setObjectName("completedToday")
        self.message_label = label(BODY_PT, role="message")
        self.message_label.hide()

        self.resume_heading = label(HINT_PT, role="section")
        self.resume_table = QTableWidget(0, 5)
        self.resume_table.setObjectName("resumeTable")
        sized(self.resume_table, BODY_PT)
        self.resume_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.resume_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.resume_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.resume_table.setShowGrid(False)
        self.resume_table.verticalHeader().setVisible(False)
        self.resume_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.resume_table.horizontalHeader().setStretchLastSection(True)
        self.resume_table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft)
        self.resume_table.doubleClicked.connect(lambda _index: self.request_resume())
        self.resume_button = QPushButton()
        self.resume_button.clicked.connect(self.request_resume)
        self.no_resume_label = label(BODY_PT, role="muted")

        top = QHBoxLayout()
        top.addLayout(self.form)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(36, 24, 36, 20)
        layout.setSpacing(10)
        layout.addWidget(self.title_label)
        layout.addWidget(self.project_label)
        layout.addSpacing(10)
        layout.addLayout(top)
        layout.addSpacing(14)
        starting = QHBoxLayout()
        starting.addWidget(self.new_button)
        starting.addSpacing(24)
        starting.addWidget(self.count_label, 1)
        layout.addLayout(starting)
        layout.addWidget(self.message_label)
        layout.addSpacing(16)
        layout.addWidget(self.resume_heading)
        layout.addWidget(self.resume_table, 1)
        layout.addWidget(self.no_resume_label)
        resume_row = QHBoxLayout()
        resume_row.addWidget(self.resume_button)
        resume_row.addStretch(1)
        layout.addLayout(resume_row)
        layout.addStretch(0)
        self.retranslateUi()

    # -- showing --------------------------------------------------------------------------
    def show_project(self, project: Project | None, profile: EntryProfile,
                     device_id: str) -> None:
        """Fill the fields for ``project`` from the remembered ``profile``."""
        self.project, self.device_id = project, device_id
        self.project_label.setText("" if project is None else
                                   project.questionnaire.title or project.path.name)
        self.interviewer_edit.setText(profile.interviewer)
        index = self.mode_combo.findData(profile.mode)
        self.mode_combo.setCurrentIndex(max(index, 0))
        self.location_edit.setText(profile.location)
        waves = [wave.label for wave in project.waves()] if project is not None else []
        self.wave_combo.clear()
        self.wave_combo.addItems(waves)
        if profile.wave in waves:
            self.wave_combo.setCurrentText(profile.wave)
        else:
            self.wave_combo.setCurrentText(waves[-1] if waves else str(dt.date.today().year))
        self.refresh()

    def refresh(self, notice: str = "") -> None:
        """Re-read today's count and the interrupted interviews; show ``notice`` if any."""
        self.message_label.setProperty("role", "notice" if notice else "message")
        restyle(self.message_label)
        self.show_message(notice)
        self._show_count()
        self.resumable = ([] if self.project is None else
                          entry.resumable_interviews(self.project, self.device_id))
        self._fill_resumable()
        self.new_button.setEnabled(self.project is not None)

    def setup(self) -> Setup:
        return Setup(self.interviewer_edit.text().strip(), self.mode_combo.currentData(),
                     self.location_edit.text().strip(), self.wave_combo.currentText().strip())

    def show_message(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))

    def _show_count(self) -> None:
        if self.project is None:
            self.count_label.clear()
            return
        who = self.interviewer_edit.text().strip()
        count = ui_locale().toString(entry.completed_count(self.project, today(), who or None))
        if who:
            self.count_label.setText(fill(translate("StartPage", "Completed today by %1: %2"),
                                          who, count))
        else:
            self.count_label.setText(fill(translate("StartPage", "Completed today: %1"), count))

    def _fill_resumable(self) -> None:
        table = self.resume_table
        table.setRowCount(len(self.resumable))
        locale = ui_locale()
        for row, interview in enumerate(self.resumable):
            started = QDateTime.fromString(interview.started_at, Qt.DateFormat.ISODate)
            cells = (locale.toString(started.toLocalTime(), QLocale.FormatType.ShortFormat),
                     interview.interviewer, interview.wave,
                     locale.toString(len(interview.answers)), self._stopped_at(interview))
            for column, text in enumerate(cells):
                table.setItem(row, column, QTableWidgetItem(text))
        if self.resumable:
            table.setCurrentCell(0, 0)
        table.setVisible(bool(self.resumable))
        self.resume_button.setVisible(bool(self.resumable))
        self.no_resume_label.setVisible(not self.resumable)

    def _stopped_at(self, interview: entry.OpenInterview) -> str:
        assert self.project is not None
        questionnaire = self.project.questionnaire
        name = interview.current_question
        if name is None or name not in questionnaire:
            return translate("StartPage", "Review page")
        return questionnaire.question_label(name, interview.language or None)

    # -- asking ---------------------------------------------------------------------------
    def request_start(self) -> None:
        if self.project is None:
            return
        setup = self.setup()
        if not setup.interviewer:
            self.show_message(translate("StartPage", "Write your name or initials first."))
            self.interviewer_edit.setFocus()
        elif not setup.wave:
            self.show_message(translate("StartPage", "Choose or type the wave first."))
            self.wave_combo.setFocus()
        else:
            self.start_requested.emit(setup)

    def request_resume(self) -> None:
        row = self.resume_table.currentRow()
        if 0 <= row < len(self.resumable):
            self.resume_requested.emit(self.resumable[row].uuid)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Buttons outside dialogs do not take Enter by themselves.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
                self.resume_table.hasFocus() or self.resume_button.hasFocus()):
            self.request_resume()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
                self.new_button.hasFocus()):
            self.request_start()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    # -- language -------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def retranslateUi(self) -> None:
        self.title_label.setText(translate("StartPage", "Interview entry"))
        for caption, text in zip(self.captions, (
                translate("StartPage", "&Interviewer:"), translate("StartPage", "&Mode:"),
                translate("StartPage", "&Location:"), translate("StartPage", "&Wave:")),
                strict=True):
            caption.setText(text)
        self.interviewer_edit.setPlaceholderText(translate("StartPage", "Name or initials"))
        self.location_edit.setPlaceholderText(translate("StartPage",
                                                        "For example Borgerservice, foyer"))
        modes = {"in_person": translate("StartPage", "In person"),
                 "phone": translate("StartPage", "Phone")}
        for index, mode in enumerate(ENTRY_MODES):
            self.mode_combo.setItemText(index, modes[mode])
        self.new_button.setText(translate("StartPage", "New interview  ·  Ctrl+N"))
        self.resume_heading.setText(translate("StartPage",
                                              "Interrupted interviews on this computer"))
        self.resume_table.setHorizontalHeaderLabels([
            translate("StartPage", "Started"), translate("StartPage", "Interviewer"),
            translate("StartPage", "Wave"), translate("StartPage", "Answers"),
            translate("StartPage", "Stopped at")])
        self.resume_button.setText(translate("StartPage", "&Resume"))
        self.no_resume_label.setText(translate("StartPage", "None — every interview started "
                                                            "here was completed or aborted."))
        if self.project is not None:
            self._show_count()
            self._fill_resumable()
