"""The record browser's dialogs: the reason for a change, and a new answer to a question;
with the small layout helpers the browser shares with them.

The answer editor asks the interview session whether a new answer is allowed (type,
constraint, selection limit) and shows the form's message if not; storing it is the
browser's work.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from surveydesk.core.interview import InterviewSession, Verdict
from surveydesk.core.questionnaire import Question, QuestionType

translate = QCoreApplication.translate
OK_CANCEL = QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel


def ask_reason(parent: QWidget | None, title: str, prompt: str) -> str | None:
    """Ask why; OK stays disabled until there is a reason. ``None`` when cancelled."""
    dialog = QDialog(parent, windowTitle=title, minimumWidth=420)
    edit, buttons = QLineEdit(), QDialogButtonBox(OK_CANCEL)
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.setEnabled(False)
    edit.textChanged.connect(lambda text: ok.setEnabled(bool(text.strip())))
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    arrange(QVBoxLayout(dialog), QLabel(prompt, wordWrap=True), edit, buttons)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    return edit.text().strip() if accepted and edit.text().strip() else None


class AnswerEditor(QDialog):
    """A new answer to one question, accepted only when the interview's rules allow it."""

    def __init__(self, session: InterviewSession, question: Question, parent=None):
        super().__init__(parent, windowTitle=translate("RecordBrowser", "Correct an answer"),
                         minimumWidth=460)
        self.session, self.question = session, question
        self.verdict: Verdict | None = None
        language, fallback = session.language, session.questionnaire.fallback
        title = QLabel(question.label(language, fallback), wordWrap=True)
        title.setFont(bold(title.font()))
        hint = quiet(QLabel(question.hint(language, fallback), wordWrap=True))
        hint.setVisible(bool(hint.text()))
        layout = arrange(QVBoxLayout(self), title, hint)
        current = session.answers.get(question.name)
        self.combo: QComboBox | None = None
        self.line_edit: QLineEdit | None = None
        self.boxes: dict[str, QCheckBox] = {}
        choices = question.choice_list.choices if question.choice_list else ()
        if question.type is QuestionType.SELECT_ONE:
            self.combo = QComboBox()
            self.combo.addItem(translate("RecordBrowser", "(no answer)"), None)
            for choice in choices:
                self.combo.addItem(choice.label(language, fallback), choice.name)
            self.combo.setCurrentIndex(max(0, self.combo.findData(current)))
            layout.addWidget(self.combo)
        elif question.type is QuestionType.SELECT_MULTIPLE:
            for choice in choices:
                box = QCheckBox(choice.label(language, fallback), checked=choice.name in (
                    current or ()))
                self.boxes[choice.name] = box
                layout.addWidget(box)
        else:
            self.line_edit = QLineEdit(session.stored(question.name) or "")
            layout.addWidget(self.line_edit)
        self.message_label = QLabel(wordWrap=True, visible=False)
        self.message_label.setStyleSheet("color: #b00020;")
        buttons = QDialogButtonBox(OK_CANCEL)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        arrange(layout, self.message_label, buttons)

    def value(self) -> object:
        """What the editor holds: a choice name, a tuple of names, or the typed text."""
        if self.combo is not None:
            return self.combo.currentData()
        if self.line_edit is not None:
            return self.line_edit.text()
        return tuple(name for name, box in self.boxes.items() if box.isChecked())

    def accept(self) -> None:
        verdict = self.session.check(self.question, self.value())
        if not verdict.accepted:
            self.message_label.setText(verdict.message)
            self.message_label.show()
            return
        self.verdict = verdict
        super().accept()


def arrange(layout, *items):
    """Add widgets and layouts to ``layout``; an int is spacing, ``None`` a stretch."""
    for item in items:
        if item is None:
            layout.addStretch(1)
        elif isinstance(item, int):
            layout.addSpacing(item)
        elif isinstance(item, QWidget):
            layout.addWidget(item)
        else:
            layout.addLayout(item)
    return layout


def bold(font: QFont, scale: float = 1.0) -> QFont:
    """``font`` in bold, ``scale`` times as large."""
    font = QFont(font)
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * scale)
    return font


def quiet(label: QLabel) -> QLabel:
    """``label`` in the palette's muted text colour (placeholders, hints)."""
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label
