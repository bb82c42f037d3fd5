"""The "Conflicts" tab of the Sync view: interviews that devices changed independently.

The list is :func:`surveydesk.store.interview_versions.conflicts`; choosing a version is
:func:`surveydesk.sync.merge.resolve_conflict`, the function ``surveydesk-cli conflicts
resolve`` calls. It is one small transaction, so it runs on the GUI thread. The chosen
version gets every competing version's history and an entry naming who chose it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from surveydesk.core.errors import SurveyDeskError
from surveydesk.gui.records_dialogs import arrange, bold, quiet
from surveydesk.gui.records_model import read_only, when_text
from surveydesk.gui.sync import comparison
from surveydesk.gui.translation import current_language, fill, ui_locale
from surveydesk.store.database import STORAGE_ERRORS, explain_storage_error
from surveydesk.store.interview_versions import Conflict, conflicts
from surveydesk.store.project import Project
from surveydesk.sync.merge import resolve_conflict

translate = QCoreApplication.translate
DIFFERS = QColor("#fdecc8")  # a soft amber behind rows where the versions disagree
DIFFERS_TEXT = QColor("#1f1f1f")
FIT, STRETCH = QHeaderView.ResizeMode.ResizeToContents, QHeaderView.ResizeMode.Stretch


class ConflictsPanel(QWidget):
    """Open (and, on request, resolved) merge conflicts; compare versions and keep one."""

    resolved = Signal(str)  # the interview whose conflict was resolved
    count_changed = Signal(int)  # open conflicts

    def __init__(self, who: Callable[[], str], parent: QWidget | None = None):
        super().__init__(parent)
        self.who = who
        self.project: Project | None = None
        self.shown: list[Conflict] = []
        self.conflict: Conflict | None = None
        self.open_count = 0

        self.show_resolved = QCheckBox()
        self.show_resolved.toggled.connect(lambda _on: self.refresh())
        self.count_label = QLabel()
        self.table = QTableWidget(0, 5, objectName="conflictList")
        read_only(self.table, [FIT, FIT, FIT, FIT, STRETCH], wrap=False)
        self.table.itemSelectionChanged.connect(self._selected)
        top = arrange(QVBoxLayout(), arrange(QHBoxLayout(), self.show_resolved, None,
                                             self.count_label), self.table)
        top.setContentsMargins(0, 0, 0, 0)

        self.placeholder = quiet(QLabel(alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True))
        selectable = Qt.TextInteractionFlag.TextSelectableByMouse
        self.heading = QLabel(textInteractionFlags=selectable)
        self.heading.setFont(bold(self.heading.font(), 1.1))
        self.explanation = QLabel(wordWrap=True)
        self.compare_table = QTableWidget(0, 1, objectName="versionComparison")
        read_only(self.compare_table, [STRETCH], wrap=True)
        self.compare_table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.keep_buttons: list[QPushButton] = []
        self.history_heading = QLabel()
        self.history_heading.setFont(bold(self.history_heading.font()))
        self.history_table = QTableWidget(0, 4, objectName="versionHistory")
        read_only(self.history_table, [FIT, FIT, STRETCH, STRETCH], wrap=True)
        history = _page(self.history_heading, self.history_table)
        detail_split = QSplitter(Qt.Orientation.Vertical, childrenCollapsible=False)
        detail_split.addWidget(_page(self.heading, self.explanation, self.compare_table))
        detail_split.addWidget(history)
        detail_split.setSizes([430, 120])
        self.detail = QStackedWidget()
        self.detail.addWidget(self.placeholder)
        self.detail.addWidget(detail_split)

        self.splitter = QSplitter(Qt.Orientation.Vertical, childrenCollapsible=False)
        self.splitter.addWidget(_page(top))
        self.splitter.addWidget(self.detail)
        self.splitter.setSizes([90, 570])
        layout = arrange(QVBoxLayout(self), self.splitter)
        layout.setContentsMargins(16, 12, 16, 12)
        self.retranslateUi()

    # -- the list --------------------------------------------------------------------------
    def set_project(self, project: Project | None) -> None:
        """Show the conflicts of ``project`` (read at the next :meth:`refresh`)."""
        if project is not self.project:
            self.project = project
            self.shown, self.conflict = [], None
            self.table.setRowCount(0)
            self.detail.setCurrentIndex(0)

    def refresh(self) -> bool:
        """Read the conflicts again, keeping the chosen one chosen if it is still listed.
        On a problem say so in a dialog and return ``False``."""
        if self.project is None:
            self.shown, self.conflict = [], None
            self._fill_list()
            return True
        try:
            found = conflicts(self.project, open_only=not self.show_resolved.isChecked())
            self.open_count = sum(1 for conflict in found if conflict.is_open) if (
                self.show_resolved.isChecked()) else len(found)
        except SurveyDeskError as error:
            return self._error(translate("ConflictsPanel", "Could not read the conflicts"),
                               str(error))
        except STORAGE_ERRORS as error:
            return self._error(translate("ConflictsPanel", "Could not read the conflicts"),
                               str(explain_storage_error(self.project.path, error)))
        chosen = None if self.conflict is None else self.conflict.id
        self.shown = found
        self._fill_list()
        self.count_changed.emit(self.open_count)
        ids = [conflict.id for conflict in found]
        if not found:
            self.conflict = None
            self.detail.setCurrentIndex(0)
            return True
        row = ids.index(chosen) if chosen in ids else 0
        self.table.blockSignals(True)
        self.table.selectRow(row)
        self.table.blockSignals(False)
        self.conflict = found[row]
        self._show_conflict()
        return True

    def _fill_list(self) -> None:
        locale = ui_locale()
        self.table.blockSignals(True)
        self.table.clearSelection()
        self.table.setRowCount(len(self.shown))
        for row, conflict in enumerate(self.shown):
            shown = next((v.version for v in conflict.versions if v.key == conflict.shown_key),
                         conflict.versions[0].version if conflict.versions else None)
            state = (translate("ConflictsPanel", "Open") if conflict.is_open else
                     fill(translate("ConflictsPanel", "Resolved %1"),
                          when_text(conflict.resolved_at)))
            texts = (conflict.interview_uuid, "" if shown is None else shown.wave,
                     locale.toString(len(conflict.versions)), when_text(conflict.opened_at),
                     state)
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if column == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self.table.blockSignals(False)
        self._show_count()

    def _show_count(self) -> None:
        self.count_label.setText(fill(translate("ConflictsPanel", "Open conflicts: %1"),
                                      ui_locale().toString(self.open_count)))
        self.placeholder.setText(
            translate("ConflictsPanel", "Choose a conflict above to compare its versions.")
            if self.shown else
            translate("ConflictsPanel", "No interview has a merge conflict. When two laptops "
                                        "change the same interview independently, it is "
                                        "listed here after the merge, to choose the version "
                                        "to keep."))

    def _selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        self.conflict = self.shown[rows[0].row()]
        self._show_conflict()

    # -- one conflict ----------------------------------------------------------------------
    def _show_conflict(self) -> None:
        conflict, project = self.conflict, self.project
        if conflict is None or project is None:
            return
        answers = comparison.Answers(project.questionnaire, current_language())
        versions = [entry.version for entry in conflict.versions]
        self.heading.setText(fill(translate("ConflictsPanel", "Interview %1"),
                                  conflict.interview_uuid))
        if conflict.is_open:
            self.explanation.setText(translate(
                "ConflictsPanel", "This interview was changed on two devices independently. "
                "Compare the versions (differences are highlighted) and keep one; what was "
                "changed in the others stays in the history."))
        else:
            self.explanation.setText(comparison.resolution_text(conflict))
        facts, answer_rows = comparison.fact_rows(conflict), answers.rows(versions)
        self._fill_comparison(conflict, facts, answer_rows)
        history = comparison.history_rows(conflict, answers)
        table = self.history_table
        table.setColumnCount(4 + len(versions))
        table.setHorizontalHeaderLabels(_history_titles(len(versions)))
        for column in range(4, table.columnCount()):
            table.horizontalHeader().setSectionResizeMode(column, FIT)
        table.setRowCount(len(history))
        for row, (texts, partial) in enumerate(history):
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if column >= 4:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                _mark(item, partial)
                table.setItem(row, column, item)
        table.resizeRowsToContents()
        self.detail.setCurrentIndex(1)

    def _fill_comparison(self, conflict: Conflict, facts, answer_rows) -> None:
        table, count = self.compare_table, len(conflict.versions)
        table.clearSpans()
        table.setColumnCount(1 + count)
        table.setHorizontalHeaderLabels(["", *(
            comparison.version_title(n, conflict.is_open and entry.key == conflict.shown_key)
            for n, entry in enumerate(conflict.versions, 1))])
        for column in range(count + 1):  # the question and each version: equal shares
            table.horizontalHeader().setSectionResizeMode(column, STRETCH)
        rows = [None, *facts, "answers", *answer_rows]  # None: the buttons; str: a heading
        for button in self.keep_buttons:  # deleted by the table later; unseen from now on
            button.parentWidget().hide()
        table.setRowCount(len(rows))
        self.keep_buttons = []
        for row, content in enumerate(rows):
            if content is None:
                table.setItem(row, 0, QTableWidgetItem(""))
                for number, entry in enumerate(conflict.versions, 1):
                    button = QPushButton(translate("ConflictsPanel", "Keep this version"))
                    button.setEnabled(conflict.is_open)
                    button.clicked.connect(
                        lambda _checked=False, key=entry.key, number=number: self.keep(
                            key, number))
                    self.keep_buttons.append(button)
                    table.setCellWidget(row, number, _padded(button))
            elif isinstance(content, str):
                item = QTableWidgetItem(translate("ConflictsPanel", "Answers"))
                item.setFont(bold(item.font()))
                table.setItem(row, 0, item)
                table.setSpan(row, 0, 1, 1 + count)
            else:
                label = QTableWidgetItem(content.label)
                label.setToolTip(content.label)
                table.setItem(row, 0, label)
                for column, text in enumerate(content.cells, 1):
                    item = QTableWidgetItem(text)
                    item.setToolTip(text)
                    _mark(item, content.differs)
                    table.setItem(row, column, item)
                _mark(label, content.differs)
        table.resizeRowsToContents()
        if self.keep_buttons:
            table.setRowHeight(0, self.keep_buttons[0].sizeHint().height() + 8)

    # -- keeping a version -----------------------------------------------------------------
    def keep(self, key: str, number: int) -> bool:
        """Keep version ``key`` (shown as ``number``) of the chosen conflict, after asking."""
        conflict, project = self.conflict, self.project
        if conflict is None or project is None or not conflict.is_open:
            return False
        box = QMessageBox(
            QMessageBox.Icon.Question,
            translate("ConflictsPanel", "Keep this version?"),
            fill(translate("ConflictsPanel", "Keep version %1 of interview %2?"), number,
                 conflict.interview_uuid),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
        box.setInformativeText(translate(
            "ConflictsPanel", "Its answers become the interview's answers in the data. The "
            "other versions are set aside; what was changed in them stays in the interview's "
            "history, with your name as the one who chose."))
        box.button(QMessageBox.StandardButton.Yes).setText(
            fill(translate("ConflictsPanel", "Keep version %1"), number))
        box.button(QMessageBox.StandardButton.Cancel).setText(
            translate("ConflictsPanel", "Cancel"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        if box.exec() != QMessageBox.StandardButton.Yes:
            return False
        title = translate("ConflictsPanel", "Could not keep the version")
        try:
            resolve_conflict(project, conflict.interview_uuid, key, who=self.who())
        except SurveyDeskError as error:
            return self._error(title, str(error))
        except STORAGE_ERRORS as error:
            return self._error(title, str(explain_storage_error(project.path, error)))
        self.refresh()
        self.resolved.emit(conflict.interview_uuid)
        return True

    def _error(self, title: str, message: str) -> bool:
        QMessageBox.critical(self, title, message)
        return False

    # -- language --------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def retranslateUi(self) -> None:
        self.show_resolved.setText(translate("ConflictsPanel", "Show &resolved conflicts"))
        self.table.setHorizontalHeaderLabels([
            translate("ConflictsPanel", "Interview"), translate("ConflictsPanel", "Wave"),
            translate("ConflictsPanel", "Versions"), translate("ConflictsPanel", "Found"),
            translate("ConflictsPanel", "State")])
        self.history_heading.setText(translate(
            "ConflictsPanel", "History (✓: the entry belongs to that version)"))
        self._fill_list()
        if self.conflict is not None:
            self._show_conflict()


def _history_titles(versions: int) -> list[str]:
    return [translate("ConflictsPanel", "When"), translate("ConflictsPanel", "Who"),
            translate("ConflictsPanel", "Change"), translate("ConflictsPanel", "Reason"),
            *(comparison.version_title(n) for n in range(1, versions + 1))]


def _mark(item: QTableWidgetItem, differs: bool) -> None:
    if differs:
        item.setBackground(QBrush(DIFFERS))
        item.setForeground(QBrush(DIFFERS_TEXT))


def _padded(widget: QWidget) -> QWidget:
    holder = QWidget()
    layout = QHBoxLayout(holder)
    layout.setContentsMargins(4, 4, 4, 4)
    layout.addWidget(widget)
    layout.addStretch(1)
    return holder


def _page(*items) -> QWidget:
    page = QWidget()
    arrange(QVBoxLayout(page), *items).setContentsMargins(0, 0, 0, 0)
    return page
