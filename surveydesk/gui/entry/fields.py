"""Typed answers: the line edit (or text box) of number, date, time and text questions.

Enter is never consumed here: it reaches the interview page, which confirms the answer.
Whether typed text is a valid number or date is decided by the interview session's reader;
this module only says, in the interviewer's UI language, what to type instead.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from surveydesk.core.answers import AnswerError
from surveydesk.core.interview import InterviewSession
from surveydesk.core.questionnaire import Question, QuestionType
from surveydesk.gui.entry.style import OPTION_PT, sized
from surveydesk.gui.translation import fill

translate = QCoreApplication.translate
_RETURN = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class MultilineAnswer(QPlainTextEdit):
    """A text box for long answers: Enter confirms, Shift+Enter starts a new line."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in _RETURN and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            event.ignore()
            return
        super().keyPressEvent(event)


def answer_editor(question: Question, value: object, parent: QWidget | None = None
                  ) -> QLineEdit | MultilineAnswer:
    """An editor for ``question`` showing the current answer ``value``."""
    text = shown_text(value)
    if question.type is QuestionType.TEXT and "multiline" in question.appearance:
        box = MultilineAnswer(parent)
        box.setTabChangesFocus(True)
        box.setPlainText(text)
        box.setFixedHeight(140)
        editor: QLineEdit | MultilineAnswer = box
    else:
        line = QLineEdit(text, parent)
        line.setMinimumHeight(48)
        if question.type is not QuestionType.TEXT:
            line.setMaximumWidth(360)
        editor = line
    editor.setObjectName("answerEditor")
    sized(editor, OPTION_PT)
    editor.setPlaceholderText(placeholder(question))
    return editor


def editor_text(editor: QWidget) -> str:
    if isinstance(editor, QPlainTextEdit):
        return editor.toPlainText()
    assert isinstance(editor, QLineEdit)
    return editor.text()


def shown_text(value: object) -> str:
    """An answer as the interviewer types it (dates day first, as said aloud in Denmark)."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _bounds(question: Question) -> tuple[str, str, str]:
    """A range's lowest and highest value and its step, as the interviewer reads them."""
    start, end, step = question.range_bounds
    return tuple(shown_text(x) for x in (min(start, end), max(start, end), abs(step)))


def placeholder(question: Question) -> str:
    if question.type is QuestionType.INTEGER:
        return translate("AnswerField", "A whole number")
    if question.type is QuestionType.DECIMAL:
        return translate("AnswerField", "A number")
    if question.type is QuestionType.DATE:
        return translate("AnswerField", "DD-MM-YYYY")
    if question.type is QuestionType.RANGE:
        low, high, _step = _bounds(question)
        return fill(translate("AnswerField", "A number from %1 to %2"), low, high)
    if question.type is QuestionType.TIME:
        return translate("AnswerField", "HH:MM")
    if question.type is QuestionType.DATETIME:
        return translate("AnswerField", "DD-MM-YYYY HH:MM")
    return translate("AnswerField", "Type the answer")


def type_problem(session: InterviewSession, question: Question, text: str) -> str | None:
    """What to type instead, if ``text`` cannot be read as an answer to ``question``."""
    if not text.strip() or not question.type.is_typed:
        return None
    try:
        session.read(question, text)
    except AnswerError:
        pass
    else:
        return None
    if question.type is QuestionType.INTEGER:
        return translate("AnswerField", "Type a whole number, for example 42.")
    if question.type is QuestionType.DECIMAL:
        return translate("AnswerField", "Type a number, for example 12.5 or 12,5.")
    if question.type is QuestionType.RANGE:
        low, high, step = _bounds(question)
        return fill(translate("AnswerField", "Type a number from %1 to %2 in steps of %3."),
                    low, high, step)
    if question.type is QuestionType.TIME:
        return translate("AnswerField", "Type a time as HH:MM, for example 14:30.")
    if question.type is QuestionType.DATETIME:
        return translate("AnswerField", "Type a date and time as DD-MM-YYYY HH:MM, for example "
                                        "12-09-2024 14:30.")
    return translate("AnswerField", "Type a date as DD-MM-YYYY, for example 12-09-2024.")
