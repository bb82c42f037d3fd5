"""The start screen of entry: who interviews, how, where, which wave; new or resume.

The fields are prefilled from the entry profile remembered on this laptop
(:mod:`surveydesk.core.userdata`). Interviews that were interrupted on this device (a crash, a
closed window) are listed with the question they stopped at, to resume exactly there
(:mod:`surveydesk.gui.entry.resume`).

In phone mode the fields move into two rows and the call list of the project fills the
screen: the next number, its outcome keys (F3 Interview … F9) and today's appointments.
"Interview" asks the entry page to start a phone interview with the call's preload
(``call_interview_requested``); "New interview" still starts one without a number.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpacerItem,
    QVBoxLayout,
    QWidget,
)

from surveydesk.core.userdata import EntryProfile
from surveydesk.entry.recorder import Setup
from surveydesk.gui.entry.phone import PhoneCalls
from surveydesk.gui.entry.resume import ResumeList
from surveydesk.gui.entry.style import (
    BODY_PT,
    HINT_PT,
    QUESTION_PT,
    ChoiceBox,
    label,
    restyle,
    sized,
)
from surveydesk.gui.translation import current_language, fill, ui_locale
from surveydesk.store import entry, settings
from surveydesk.store.project import Project

translate = QCoreApplication.translate
ENTRY_MODES = ("in_person", "phone")


def today() -> str:
    """Today's date as the store counts completes (UTC)."""
    return dt.datetime.now(dt.UTC).date().isoformat()


class StartPage(QWidget):
    """Asks for the interview setup; ``start_requested`` / ``resume_requested`` act on it."""

    start_requested = Signal(object)  # Setup
    resume_requested = Signal(str)  # interview uuid
    call_interview_requested = Signal(int, dict)  # call id, preload

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.project: Project | None = None
        self.device_id = ""
        self.title_label = label(QUESTION_PT, bold=True)
        self.project_label = label(HINT_PT, role="muted")
        self.interviewer_edit = sized(QLineEdit(), BODY_PT)
        self.interviewer_edit.textChanged.connect(self._show_count)
        self.interviewer_edit.textChanged.connect(
            lambda text: self.calls.set_interviewer(text.strip()))
        self.mode_combo = sized(ChoiceBox(), BODY_PT)
        for mode in ENTRY_MODES:
            self.mode_combo.addItem("", mode)
        self.mode_combo.currentIndexChanged.connect(lambda _index: self._show_mode())
        self.location_edit = sized(QLineEdit(), BODY_PT)
        self.wave_combo = sized(ChoiceBox(editable=True), BODY_PT)
        self.wave_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.wave_combo.currentTextChanged.connect(lambda _text: self._show_quotas())
        self.form = QGridLayout()
        self.form.setHorizontalSpacing(18)
        self.form.setVerticalSpacing(10)
        self.captions = [label(BODY_PT, wrap=False) for _ in range(4)]
        self.fields: list[QWidget] = [self.interviewer_edit, self.mode_combo,
                                      self.location_edit, self.wave_combo]
        for caption, field in zip(self.captions, self.fields, strict=True):
            caption.setBuddy(field)
            caption.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            caption.setMinimumHeight(field.sizeHint().height())
        self.phone_mode = False

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
        self.quota_label = label(HINT_PT)
        self.quota_label.setObjectName("quotaProgress")
        self.quota_label.setWordWrap(True)
        self.quota_label.hide()
        self.message_label = label(BODY_PT, role="message")
        self.message_label.hide()

        self.resume_list = ResumeList(self)
        self.resume_list.resume_requested.connect(self.resume_requested)
        self.resume_table = self.resume_list.table
        self.calls = PhoneCalls()
        self.calls.outcome_check = self._ready_to_call
        self.calls.interview_requested.connect(self.call_interview_requested)
        self.calls.hide()

        self.top = QHBoxLayout()
        self.top.addLayout(self.form)
        self.top.addStretch(1)
        self.heading = QHBoxLayout()
        self.heading.setSpacing(24)
        self.heading.addWidget(self.title_label)
        self.gaps = [QSpacerItem(0, 10), QSpacerItem(0, 14), QSpacerItem(0, 16)]
        self.page_layout = layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addLayout(self.heading)
        layout.addWidget(self.project_label)
        layout.addSpacerItem(self.gaps[0])
        layout.addLayout(self.top)
        layout.addWidget(self.calls)
        layout.addSpacerItem(self.gaps[1])
        starting = QHBoxLayout()
        starting.addWidget(self.new_button)
        starting.addSpacing(24)
        starting.addWidget(self.count_label, 1)
        layout.addLayout(starting)
        layout.addWidget(self.quota_label)
        layout.addWidget(self.message_label)
        layout.addSpacerItem(self.gaps[2])
        layout.addWidget(self.resume_list)
        layout.addStretch(0)
        self._arrange(phone=False)
        self.retranslateUi()

    def _arrange(self, *, phone: bool) -> None:
        """The in-person layout (fields in a column, interrupted interviews below), or the
        phone layout (fields in two rows, the call list filling the screen)."""
        self.phone_mode = phone
        layout = self.page_layout
        layout.setContentsMargins(*((20, 12, 20, 10) if phone else (36, 24, 36, 20)))
        for index, (caption, field) in enumerate(zip(self.captions, self.fields, strict=True)):
            self.form.removeWidget(caption)
            self.form.removeWidget(field)
            row, column = divmod(index, 2) if phone else (index, 0)
            self.form.addWidget(caption, row, 2 * column)
            self.form.addWidget(field, row, 2 * column + 1)
            field.setMinimumWidth(160 if phone else 320)
        for column in range(4):
            self.form.setColumnStretch(column, 1 if phone and column % 2 else 0)
        # The room right of the fields goes to the fields themselves in the phone rows.
        self.top.setStretch(0, 1 if phone else 0)
        self.top.setStretch(1, 0 if phone else 1)
        # In phone mode the project's name sits beside the title, to leave room for calls.
        for home in (layout, self.heading):
            home.removeWidget(self.project_label)
        if phone:
            self.heading.insertWidget(1, self.project_label, 1, Qt.AlignmentFlag.AlignBottom)
        else:
            layout.insertWidget(1, self.project_label)
        for gap, (normal, compact) in zip(self.gaps, ((10, 4), (14, 4), (16, 4)), strict=True):
            gap.changeSize(0, compact if phone else normal)
        layout.setStretchFactor(self.calls, 1 if phone else 0)
        layout.setStretchFactor(self.resume_list, 0 if phone else 1)
        # "Interview" (F3) of the call list is the main action of phone mode.
        self.new_button.setProperty("role", "" if phone else "primary")
        self.new_button.setMinimumSize(0 if phone else 340, 44 if phone else 64)
        restyle(self.new_button)
        self.resume_list.set_compact(phone)  # first: the window must not grow
        self.calls.setVisible(phone)
        layout.invalidate()

    # -- showing --------------------------------------------------------------------------
    def show_project(self, project: Project | None, profile: EntryProfile,
                     device_id: str) -> None:
        """Fill the fields for ``project`` from the remembered ``profile``."""
        self.project, self.device_id = project, device_id
        self._show_title()
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
        project = self.project
        self.resume_list.show_interviews(
            None if project is None else project.questionnaire,
            [] if project is None else entry.resumable_interviews(project, self.device_id))
        self.new_button.setEnabled(self.project is not None)
        self._show_mode()

    def focus_first(self) -> None:
        """The cursor where work goes on: the name if missing, else the call's note (phone)
        or the new-interview button."""
        panel = self.calls.panel
        if not self.interviewer_edit.text():
            self.interviewer_edit.setFocus()
        elif self.phone_mode and panel is not None:
            panel.note_edit.setFocus()
        else:
            self.new_button.setFocus()

    def clear_project(self) -> None:
        """Forget the project (it is being closed): nothing on this screen reads it now."""
        self.project = None
        self.calls.drop()

    def _show_mode(self) -> None:
        """Show the call list when the mode is phone and there is a project."""
        phone = self.mode_combo.currentData() == "phone" and self.project is not None
        if phone:
            self.calls.show_calls(self.project, self.interviewer_edit.text().strip())
        else:
            self.calls.drop()
        if phone != self.phone_mode:
            self._arrange(phone=phone)

    def setup(self) -> Setup:
        return Setup(self.interviewer_edit.text().strip(), self.mode_combo.currentData(),
                     self.location_edit.text().strip(), self.wave_combo.currentText().strip())

    def show_message(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))

    def _show_quotas(self) -> None:
        """Progress against the project's quotas in the chosen wave, if any are set."""
        wave = self.wave_combo.currentText().strip()
        progress = settings.quota_progress(self.project, wave) if self.project and wave else []
        self.quota_label.setVisible(bool(progress))
        if not progress:
            return
        questionnaire = self.project.questionnaire
        parts = []
        for variable, group, target, done in progress:
            name = group
            if variable in questionnaire and questionnaire.question(variable).choice_list:
                choices = questionnaire.question(variable).choice_list
                if group in choices.names:
                    name = choices.choice(group).label(None, questionnaire.fallback)
            parts.append(fill(translate("StartPage", "%1: %2 of %3"), name,
                              ui_locale().toString(done), ui_locale().toString(target)))
        self.quota_label.setText(fill(translate("StartPage", "Quotas, wave %1: %2"), wave,
                                      "  ·  ".join(parts)))

    def _show_count(self) -> None:
        self._show_quotas()
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

    # -- asking ---------------------------------------------------------------------------
    def request_start(self) -> None:
        if self.project is not None and not self._setup_missing(need_wave=True):
            self.start_requested.emit(self.setup())

    def _ready_to_call(self, outcome: str) -> bool:
        """Whether a call's outcome may be recorded now: it needs the interviewer, and an
        interview needs the wave too (checked before the call is marked as interviewed)."""
        return not self._setup_missing(need_wave=outcome == "interview")

    def _setup_missing(self, *, need_wave: bool) -> bool:
        """Say what the setup still lacks and put the cursor there; ``False``: nothing."""
        setup = self.setup()
        if not setup.interviewer:
            text = translate("StartPage", "Write your name or initials first.")
            field: QWidget = self.interviewer_edit
        elif need_wave and not setup.wave:
            text = translate("StartPage", "Choose or type the wave first.")
            field = self.wave_combo
        else:
            return False
        self.message_label.setProperty("role", "message")
        restyle(self.message_label)
        self.show_message(text)
        field.setFocus()
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Buttons outside dialogs do not take Enter by themselves.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.new_button.hasFocus():
            self.request_start()
            event.accept()
        else:
            super().keyPressEvent(event)

    # -- language -------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def _show_title(self) -> None:
        # The form's title in the UI language when it has one (as the English report).
        project = self.project
        if project is None:
            self.project_label.setText("")
            return
        questionnaire = project.questionnaire
        self.project_label.setText(questionnaire.title_in(current_language())
                                   or questionnaire.title or project.path.name)

    def retranslateUi(self) -> None:
        self.title_label.setText(translate("StartPage", "Interview entry"))
        self._show_title()
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
        if self.project is not None:
            self._show_count()
