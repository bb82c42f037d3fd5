"""The review page: every question asked with its answer, to check with the citizen.

A row is chosen with a click, or with the arrow keys and Enter, to go back and change that
answer (the entry page stores it with the reason "corrected on the review page"). Complete
(Ctrl+Enter) is refused, with the list, while required questions have no answer.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from surveydesk.core.questionnaire import Question
from surveydesk.entry.recorder import InterviewRecorder
from surveydesk.gui.entry.interview import has_languages, language_name
from surveydesk.gui.entry.style import (
    BODY_PT,
    CELL_PADDING_H,
    HINT_PT,
    MUTED,
    QUESTION_PT,
    WARNING_TEXT,
    label,
)
from surveydesk.gui.entry.style import sized as _sized
from surveydesk.gui.translation import fill

translate = QCoreApplication.translate
_RETURN = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class _WrappingDelegate(QStyledItemDelegate):
    """Row heights for wrapped text that count the cell padding of the style sheet (Qt
    measures the wrap at the full column width, so a nearly full line was elided)."""

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:
        narrower = QStyleOptionViewItem(option)
        narrower.rect.setWidth(max(option.rect.width() - 2 * CELL_PADDING_H, 1))
        return super().sizeHint(narrower, index)


class ReviewTable(QTableWidget):
    """Enter chooses the current row; Backspace is left to the page (go back)."""

    row_chosen = Signal(int)
    ANSWER_SHARE = 0.36  # of the width; questions are longer than answers

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.setColumnWidth(2, int(self.viewport().width() * self.ANSWER_SHARE))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in _RETURN and not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            if self.currentRow() >= 0:
                self.row_chosen.emit(self.currentRow())
            event.accept()
        elif event.key() == Qt.Key.Key_Backspace or event.key() in _RETURN:
            event.ignore()
        else:
            super().keyPressEvent(event)


class ReviewPage(QWidget):
    """Shows the recorder's answers; asks to correct one, to complete, to go back."""

    jump_requested = Signal(str)
    complete_requested = Signal()
    back_requested = Signal()
    abort_requested = Signal()
    language_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.recorder: InterviewRecorder | None = None
        self.names: list[str] = []
        self.title_label = label(QUESTION_PT, bold=True)
        self.language_button = QPushButton(focusPolicy=Qt.FocusPolicy.NoFocus)
        self.language_button.clicked.connect(self.language_requested)
        header = QHBoxLayout()
        header.addWidget(self.title_label, 1)
        header.addWidget(self.language_button, 0, Qt.AlignmentFlag.AlignTop)
        self.help_label = label(BODY_PT, role="muted")

        self.table = ReviewTable(0, 3)
        self.table.setObjectName("reviewTable")
        _sized(self.table, BODY_PT)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.setItemDelegate(_WrappingDelegate(self.table))
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header_view = self.table.horizontalHeader()
        header_view.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header_view.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header_view.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header_view.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft)
        # Wrapped texts need taller rows when the columns get narrower.
        header_view.sectionResized.connect(lambda *_: self.table.resizeRowsToContents())
        self.table.clicked.connect(lambda index: self._choose(index.row()))
        self.table.row_chosen.connect(self._choose)

        self.message_label = label(HINT_PT, role="message")
        self.message_label.setObjectName("reviewMessage")
        self.message_label.hide()
        self.back_button = QPushButton(focusPolicy=Qt.FocusPolicy.NoFocus)
        self.back_button.clicked.connect(self.back_requested)
        self.abort_button = QPushButton(focusPolicy=Qt.FocusPolicy.NoFocus)
        self.abort_button.clicked.connect(self.abort_requested)
        self.complete_button = QPushButton(focusPolicy=Qt.FocusPolicy.NoFocus)
        self.complete_button.setProperty("role", "primary")
        self.complete_button.clicked.connect(self.complete_requested)
        footer = QHBoxLayout()
        footer.addWidget(self.back_button)
        footer.addWidget(self.abort_button)
        footer.addStretch(1)
        footer.addWidget(self.complete_button)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.complete_requested)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(36, 16, 36, 14)
        layout.setSpacing(10)
        layout.addLayout(header)
        layout.addWidget(self.help_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message_label)
        layout.addLayout(footer)
        self.retranslateUi()

    def show_review(self, recorder: InterviewRecorder, focus: str | None = None) -> None:
        """Show every question on the route with its answer; ``focus`` selects a row."""
        self.recorder = recorder
        rows = recorder.review()
        self.names = [question.name for question, _answer in rows]
        missing = {question.name for question in recorder.missing()}
        language, fallback = recorder.session.language, recorder.session.questionnaire.fallback
        self.table.setRowCount(len(rows))
        for row, (question, answer) in enumerate(rows):
            number = QTableWidgetItem(str(row + 1))
            number.setForeground(QBrush(QColor(MUTED)))
            text = QTableWidgetItem(question.label(language, fallback))
            shown = QTableWidgetItem(answer or self._no_answer(question.name in missing))
            if not answer:
                shown.setForeground(QBrush(QColor(WARNING_TEXT if question.name in missing
                                                  else MUTED)))
            for column, item in enumerate((number, text, shown)):
                item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()
        row = self.names.index(focus) if focus in self.names else 0
        if self.names:
            self.table.setCurrentCell(row, 1)
        self.retranslateUi()
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_missing(self, missing: list[Question]) -> None:
        """Say which required questions still need an answer, and select the first."""
        if self.recorder is None:
            return
        session = self.recorder.session
        names = [f"• {q.label(session.language, session.questionnaire.fallback)}"
                 for q in missing]
        self.show_message(translate("ReviewPage", "These questions still need an answer:")
                          + "\n" + "\n".join(names))
        if missing and missing[0].name in self.names:
            self.table.setCurrentCell(self.names.index(missing[0].name), 1)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_message(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))

    def _choose(self, row: int) -> None:
        if 0 <= row < len(self.names):
            self.jump_requested.emit(self.names[row])

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Backspace:
            self.back_requested.emit()
            event.accept()
        else:
            super().keyPressEvent(event)

    @staticmethod
    def _no_answer(required: bool) -> str:
        if required:
            return translate("ReviewPage", "Not answered (required)")
        return translate("ReviewPage", "Not answered")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
            if self.recorder is not None:
                self.show_review(self.recorder, self.current_name())
        super().changeEvent(event)

    def current_name(self) -> str | None:
        row = self.table.currentRow()
        return self.names[row] if 0 <= row < len(self.names) else None

    def retranslateUi(self) -> None:
        self.title_label.setText(translate("ReviewPage", "Review answers"))
        self.help_label.setText(translate(
            "ReviewPage", "Read the answers back to the citizen. To change one, click it or "
            "choose it with the arrow keys and press Enter."))
        self.table.setHorizontalHeaderLabels(["#", translate("ReviewPage", "Question"),
                                              translate("ReviewPage", "Answer")])
        self.back_button.setText(translate("ReviewPage", "← Back"))
        self.abort_button.setText(translate("ReviewPage", "Abort  ·  Esc"))
        self.complete_button.setText(translate("ReviewPage", "Complete interview  ·  Ctrl+Enter"))
        if self.recorder is not None:
            self.language_button.setText(fill(
                translate("ReviewPage", "Question language: %1  ·  F2"),
                language_name(self.recorder)))
            self.language_button.setVisible(has_languages(self.recorder))
