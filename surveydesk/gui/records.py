"""The record browser: find interviews, read one, correct an answer (audited), delete one.

The browser shows and asks. Finding is ``browse_interviews``; reading is ``load_interview``
with an :class:`InterviewSession` for labels, checks and recalculation; a correction is
``save_answer`` with the user's reason (the store audits it) and a deletion is the soft
``delete_interview``: the same functions the command line and the entry screen use.

The table model and display texts are in :mod:`surveydesk.gui.records_model`, the reason
and answer dialogs in :mod:`surveydesk.gui.records_dialogs`.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QLocale, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from surveydesk.core.errors import SurveyDeskError
from surveydesk.core.interview import InterviewSession
from surveydesk.core.questionnaire import Questionnaire
from surveydesk.gui.records_dialogs import AnswerEditor, arrange, ask_reason, bold, quiet
from surveydesk.gui.records_model import (
    InterviewTableModel,
    fill_table,
    mode_name,
    read_only,
    status_name,
    when_text,
)
from surveydesk.gui.translation import current_language, fill, ui_locale
from surveydesk.store import entry
from surveydesk.store.project import MODES, STATUSES, AnswerChange, Project

translate = QCoreApplication.translate
LIMIT = 10_000  # rows fetched at most; the newest come first
__all__ = ["AnswerEditor", "RecordBrowser", "ask_reason"]


class RecordBrowser(QWidget):
    """Interviews of ``project`` by filter; opens one to read, correct (as ``who``) or delete."""

    def __init__(self, project: Project, who: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.project, self.who = project, who
        self.interview: entry.OpenInterview | None = None
        self.session: InterviewSession | None = None
        self._questionnaire: Questionnaire | None = None
        self._changes: list[AnswerChange] = []
        self._questions: list[str] = []
        self._count: int | None = None
        self.captions = [QLabel() for _ in range(4)]
        self.wave_combo, self.mode_combo = QComboBox(), QComboBox()
        self.status_combo, self.interviewer_combo = QComboBox(), QComboBox()
        self.from_check, self.to_check = QCheckBox(), QCheckBox()
        self.from_date, self.to_date = (QDateEdit(QDate.currentDate(), calendarPopup=True,
                                                  enabled=False) for _ in range(2))
        self.count_label = QLabel()
        combos = (self.wave_combo, self.mode_combo, self.status_combo, self.interviewer_combo)
        filters = QHBoxLayout()
        for caption, combo in zip(self.captions, combos, strict=True):
            caption.setBuddy(combo)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.currentIndexChanged.connect(self.refresh)
            arrange(filters, caption, combo, 8)
        for check, date in ((self.from_check, self.from_date), (self.to_check, self.to_date)):
            check.toggled.connect(date.setEnabled)
            check.toggled.connect(self.refresh)
            date.dateChanged.connect(self.refresh)
            arrange(filters, check, date)
        arrange(filters, None, self.count_label)

        self.model = InterviewTableModel(self)
        self.table = QTableView(alternatingRowColors=True, showGrid=False)
        self.table.setModel(self.model)
        read_only(self.table, [QHeaderView.ResizeMode.Stretch] * self.model.columnCount(),
                   wrap=False)
        self.table.activated.connect(lambda index: self.open_interview(
            self.model.uuid(index.row())))

        self.placeholder = quiet(QLabel(alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True))
        selectable = Qt.TextInteractionFlag.TextSelectableByMouse
        self.heading = QLabel(textInteractionFlags=selectable)
        self.heading.setFont(bold(self.heading.font(), 1.15))
        self.id_label = quiet(QLabel(textInteractionFlags=selectable))
        fit, stretch = QHeaderView.ResizeMode.ResizeToContents, QHeaderView.ResizeMode.Stretch
        self.answers_table = QTableWidget(0, 2, alternatingRowColors=True)
        read_only(self.answers_table, [stretch, QHeaderView.ResizeMode.Interactive])
        self.answers_table.setColumnWidth(1, 220)
        self.answers_table.cellActivated.connect(lambda row, _column: self.edit_answer(
            self._questions[row]))
        self.edit_button, self.delete_button = QPushButton(), QPushButton()
        self.edit_button.clicked.connect(lambda: self.edit_answer())
        self.delete_button.clicked.connect(self.delete_interview)
        self.history_heading = QLabel()
        self.history_heading.setFont(bold(self.history_heading.font()))
        self.history_table = QTableWidget(0, 4, alternatingRowColors=True)
        read_only(self.history_table, [fit, fit, stretch, stretch])
        buttons = arrange(QHBoxLayout(), self.edit_button, None, self.delete_button)
        detail = QSplitter(Qt.Orientation.Horizontal, childrenCollapsible=False)
        detail.addWidget(_page(self.heading, self.id_label, self.answers_table, buttons))
        detail.addWidget(_page(self.history_heading, self.history_table))
        detail.setSizes([620, 480])
        self.detail = QStackedWidget()
        self.detail.addWidget(self.placeholder)
        self.detail.addWidget(detail)
        self.splitter = QSplitter(Qt.Orientation.Vertical, childrenCollapsible=False)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setSizes([280, 420])
        arrange(QVBoxLayout(self), filters, self.splitter)
        self.retranslateUi()
        self.reload()

    # -- finding ---------------------------------------------------------------------------
    def reload(self) -> None:
        """Re-read the filter choices (waves, interviewers) and the table."""
        waves = [wave.label for wave in self.project.waves()]
        names = sorted(set(entry.browse_interviews(self.project, limit=LIMIT)["interviewer"]))
        for combo, values in ((self.wave_combo, waves), (self.mode_combo, MODES),
                              (self.status_combo, STATUSES),
                              (self.interviewer_combo, [name for name in names if name])):
            chosen = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            for value in (None, *values):
                combo.addItem("", value)
            combo.setCurrentIndex(max(0, combo.findData(chosen)))
            combo.blockSignals(False)
        self._name_choices()
        self.refresh()

    def filters(self) -> dict[str, str | None]:
        """The ``browse_interviews`` filters the user chose (``None``: any)."""
        def day(check: QCheckBox, edit: QDateEdit) -> str | None:
            return edit.date().toString(Qt.DateFormat.ISODate) if check.isChecked() else None
        return {"wave": self.wave_combo.currentData(), "mode": self.mode_combo.currentData(),
                "status": self.status_combo.currentData(),
                "interviewer": self.interviewer_combo.currentData(),
                "date_from": day(self.from_check, self.from_date),
                "date_to": day(self.to_check, self.to_date)}

    def refresh(self) -> None:
        """Show the interviews that match the filters."""
        try:
            frame = entry.browse_interviews(self.project, limit=LIMIT, **self.filters())
        except SurveyDeskError as error:
            self._show_error(translate("RecordBrowser", "Could not list the interviews"), error)
            return
        self.model.set_frame(frame)
        self._count = len(frame)
        self._show_count()
        if self.interview is not None and self.interview.uuid in set(frame["uuid"]):
            self.table.selectRow(list(frame["uuid"]).index(self.interview.uuid))

    def _show_count(self) -> None:
        if self._count is None:
            return
        text = fill(translate("RecordBrowser", "Interviews: %1"), ui_locale().toString(self._count))
        if self._count >= LIMIT:
            text = fill(translate("RecordBrowser", "%1 (the newest; narrow the filters)"), text)
        self.count_label.setText(text)

    # -- one interview ---------------------------------------------------------------------
    def open_interview(self, interview_uuid: str) -> None:
        """Show one interview's answers (in the UI language if the form has it) and history."""
        try:
            self.interview = entry.load_interview(self.project, interview_uuid)
            self._changes = self.project.audit_log(interview_uuid)
            self._questionnaire = self.project.questionnaire
        except SurveyDeskError as error:
            self._show_error(translate("RecordBrowser", "Could not open the interview"), error)
            return
        self._show_interview()

    def _show_interview(self) -> None:
        interview, questionnaire = self.interview, self._questionnaire
        language = current_language()
        self.session = InterviewSession(
            questionnaire, interview.answers, interview.current_question,
            language if language in questionnaire.language_codes else None)
        self.heading.setText(" · ".join(filter(None, (
            fill(translate("RecordBrowser", "Wave %1"), interview.wave), mode_name(interview.mode),
            status_name(interview.status), interview.interviewer))))
        self.id_label.setText(fill(translate("RecordBrowser", "Interview ID: %1"), interview.uuid))
        review = self.session.review()
        self._questions = [question.name for question, _shown in review]
        fill_table(self.answers_table, [(self._label(q.name), shown) for q, shown in review])
        fill_table(self.history_table, [(when_text(c.at), c.who, self._change(c), c.reason)
                                   for c in reversed(self._changes)])
        self.detail.setCurrentIndex(1)

    def close_interview(self) -> None:
        self.interview = self.session = None
        self._questions = []
        self.detail.setCurrentIndex(0)

    def edit_answer(self, name: str | None = None) -> bool:
        """Correct an answer (``None``: the selected one) of the open interview: editor,
        check, reason, audited save. Calculations that follow from the answer are saved with
        it, in one transaction. Returns whether anything was stored."""
        if self.session is None or self.interview is None:
            return False
        if name is None:
            row = self.answers_table.currentRow()
            if row < 0:
                return False
            name = self._questions[row]
        questionnaire, before, interview = self._questionnaire, self.session, self.interview
        editor = AnswerEditor(before, questionnaire.question(name), self)
        if editor.exec() != QDialog.DialogCode.Accepted or editor.verdict is None:
            return False
        # A fresh session takes the answer, so that calculations depending on it follow.
        after = InterviewSession(questionnaire, interview.answers, name, before.language)
        after.answer(editor.verdict.value)
        if after.stored(name) == before.stored(name):
            return False
        new = {name: after.stored(name), **{key: value for key, value in after.calculated(
            ).items() if value != before.stored(key)}}
        reason = ask_reason(self, translate("RecordBrowser", "Reason for the correction"),
                            fill(translate("RecordBrowser", "The change to “%1” is recorded in "
                                           "the interview's history. Why is it corrected?"),
                                 self._label(name)))
        if reason is None:
            return False
        try:
            with self.project.transaction():
                for key, stored in new.items():
                    entry.save_answer(self.project, interview.uuid, key, stored,
                                      next_question=interview.current_question, who=self.who,
                                      reason=reason)
        except SurveyDeskError as error:
            self._show_error(translate("RecordBrowser", "Could not save the answer"), error)
            return False
        self.open_interview(interview.uuid)
        self.refresh()
        return True

    def delete_interview(self) -> bool:
        """Soft-delete the open interview after asking why. Returns whether it was deleted."""
        if self.interview is None:
            return False
        reason = ask_reason(self, translate("RecordBrowser", "Delete interview"), translate(
            "RecordBrowser", "The interview leaves the data, tables and exports but stays in "
            "the project file, with the reason in its history. Why is it deleted?"))
        if reason is None:
            return False
        try:
            entry.delete_interview(self.project, self.interview.uuid, who=self.who, reason=reason)
        except SurveyDeskError as error:
            self._show_error(translate("RecordBrowser", "Could not delete the interview"), error)
            return False
        self.close_interview()
        self.refresh()
        return True

    def _label(self, name: str) -> str:
        questionnaire = self._questionnaire
        if name not in questionnaire:
            return name
        return questionnaire.question(name).label(self.session.language, questionnaire.fallback)

    def _change(self, change: AnswerChange) -> str:
        """A history entry's change: the question, and its old and new answer as shown."""
        if change.question is None:
            return translate("RecordBrowser", "The interview")
        old, new = (self._shown(change.question, value)
                    for value in (change.old_value, change.new_value))
        return f"{self._label(change.question)}: {old} → {new}"

    def _shown(self, name: str, stored: str | None) -> str:
        questionnaire = self._questionnaire
        if stored is None or name not in questionnaire:
            return "–" if stored is None else stored
        shown = InterviewSession(questionnaire, {name: stored}, language=self.session.language)
        return shown.display(questionnaire.question(name)) or stored

    def _show_error(self, title: str, error: SurveyDeskError) -> None:
        QMessageBox.critical(self, title, str(error))

    # -- language --------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def retranslateUi(self) -> None:
        """Re-set every text; shown data is re-rendered without reading the project again."""
        for caption, text in zip(self.captions, (
                translate("RecordBrowser", "&Wave:"), translate("RecordBrowser", "&Mode:"),
                translate("RecordBrowser", "&Status:"),
                translate("RecordBrowser", "&Interviewer:")), strict=True):
            caption.setText(text)
        self.from_check.setText(translate("RecordBrowser", "&From:"))
        self.to_check.setText(translate("RecordBrowser", "&To:"))
        locale = ui_locale()
        for date in (self.from_date, self.to_date):
            date.setLocale(locale)
            date.setDisplayFormat(locale.dateFormat(QLocale.FormatType.ShortFormat))
        self.placeholder.setText(translate(
            "RecordBrowser", "Double-click an interview (or select it and press Enter) to read "
            "it, correct an answer or delete it."))
        self.edit_button.setText(translate("RecordBrowser", "&Edit answer…"))
        self.delete_button.setText(translate("RecordBrowser", "&Delete…"))
        self.history_heading.setText(translate("RecordBrowser", "Change history"))
        self.answers_table.setHorizontalHeaderLabels(
            [translate("RecordBrowser", "Question"), translate("RecordBrowser", "Answer")])
        self.history_table.setHorizontalHeaderLabels([
            translate("RecordBrowser", "When"), translate("RecordBrowser", "Who"),
            translate("RecordBrowser", "Change"), translate("RecordBrowser", "Reason")])
        self.model.retranslate()
        self._name_choices()
        self._show_count()
        if self.interview is not None:
            self._show_interview()

    def _name_choices(self) -> None:
        everything = translate("RecordBrowser", "All")
        for combo, name in ((self.wave_combo, str), (self.mode_combo, mode_name),
                            (self.status_combo, status_name), (self.interviewer_combo, str)):
            for index in range(combo.count()):
                value = combo.itemData(index)
                combo.setItemText(index, everything if value is None else name(value))


def _page(*items) -> QWidget:
    page = QWidget()
    arrange(QVBoxLayout(page), *items).setContentsMargins(0, 0, 0, 0)
    return page
