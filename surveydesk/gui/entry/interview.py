"""One question on the screen, in large type, answered by keyboard, mouse or touch.

The page shows what the :class:`InterviewRecorder` holds and asks for what the interviewer
does: ``confirm_requested(value)``, ``back_requested``, ``abort_requested`` and
``language_requested``. The entry page carries these out and shows the next screen, so
nothing typed lives only here: an answer is either refused (and stays on screen with the
reason) or stored.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from surveydesk.core.interview import selection_limit
from surveydesk.core.questionnaire import Question, QuestionType
from surveydesk.entry.recorder import InterviewRecorder
from surveydesk.gui.entry.fields import answer_editor, editor_text, type_problem
from surveydesk.gui.entry.keys import dont_know_choice
from surveydesk.gui.entry.options import OptionList
from surveydesk.gui.entry.style import HINT_PT, QUESTION_PT, SMALL_PT, label
from surveydesk.gui.translation import fill

translate = QCoreApplication.translate
_RETURN = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def has_languages(recorder: InterviewRecorder) -> bool:
    """Whether the form has more than one language to switch between (F2)."""
    return len(recorder.session.questionnaire.language_codes) > 1


def language_name(recorder: InterviewRecorder) -> str:
    questionnaire = recorder.session.questionnaire
    code = recorder.session.language
    names = {language.code: language.name for language in questionnaire.languages}
    return names.get(code) or code


class InterviewPage(QWidget):
    """Shows the recorder's current question and collects the answer."""

    confirm_requested = Signal(object)
    back_requested = Signal()
    abort_requested = Signal()
    language_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.recorder: InterviewRecorder | None = None
        self.question: Question | None = None
        self.editor: QWidget | None = None

        self.progress_label = label(SMALL_PT + 1, role="muted", wrap=False)
        self.progress_bar = QProgressBar(textVisible=False)
        self.progress_bar.setFixedWidth(220)
        self.language_button = QPushButton(focusPolicy=Qt.FocusPolicy.NoFocus)
        self.language_button.setObjectName("questionLanguageButton")
        self.language_button.clicked.connect(self.language_requested)
        header = QHBoxLayout()
        header.addWidget(self.progress_label)
        header.addSpacing(12)
        header.addWidget(self.progress_bar, 0, Qt.AlignmentFlag.AlignVCenter)
        header.addStretch(1)
        header.addWidget(self.language_button)

        self.section_label = label(HINT_PT, role="section")
        self.question_label = label(QUESTION_PT)
        self.question_label.setObjectName("questionLabel")
        self.question_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.hint_label = label(HINT_PT, role="muted")
        self.options = OptionList()
        self.options.changed.connect(self.clear_message)
        self.options.refused.connect(self._limit_refused)
        self.options.unknown_number.connect(self._unknown_number)
        self.answer_box = QVBoxLayout()
        self.answer_box.setContentsMargins(0, 0, 0, 0)
        self.answer_box.addWidget(self.options)

        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 12, 0)
        column.setSpacing(8)
        column.addWidget(self.section_label)
        column.addWidget(self.question_label)
        column.addWidget(self.hint_label)
        column.addSpacing(10)
        column.addLayout(self.answer_box)
        # Right under the answer, where the interviewer is looking.
        self.message_label = label(HINT_PT, role="message")
        self.message_label.setObjectName("messageLabel")
        self.message_label.hide()
        column.addSpacing(4)
        column.addWidget(self.message_label)
        column.addStretch(1)
        self.scroll = QScrollArea(widgetResizable=True, frameShape=QFrame.Shape.NoFrame)
        self.scroll.setObjectName("entryScroll")
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll.setWidget(body)
        self.keys_label = label(SMALL_PT, role="muted")
        self.keys_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.back_button = QPushButton(focusPolicy=Qt.FocusPolicy.NoFocus)
        self.back_button.clicked.connect(self.back_requested)
        self.abort_button = QPushButton(focusPolicy=Qt.FocusPolicy.NoFocus)
        self.abort_button.clicked.connect(self.abort_requested)
        self.next_button = QPushButton(focusPolicy=Qt.FocusPolicy.NoFocus)
        self.next_button.setProperty("role", "primary")
        self.next_button.setMinimumWidth(160)
        self.next_button.clicked.connect(self.confirm)
        footer = QHBoxLayout()
        footer.setSpacing(10)
        footer.addWidget(self.back_button)
        footer.addWidget(self.abort_button)
        footer.addWidget(self.keys_label, 1)
        footer.addWidget(self.next_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(36, 16, 36, 14)
        layout.setSpacing(10)
        layout.addLayout(header)
        layout.addWidget(self.scroll, 1)
        layout.addLayout(footer)
        self.retranslateUi()

    # -- showing --------------------------------------------------------------------------
    def show_question(self, recorder: InterviewRecorder) -> None:
        """Show the recorder's current question with its current answer."""
        self.recorder = recorder
        self.question = question = recorder.question()
        assert question is not None
        session = recorder.session
        if self.editor is not None:
            self.answer_box.removeWidget(self.editor)
            self.editor.hide()
            self.editor.deleteLater()
            self.editor = None
        value = session.answers.get(question.name)
        if question.type.is_select:
            self.options.show_choices(question, session.language,
                                      session.questionnaire.fallback, value,
                                      selection_limit(question))
        elif question.type not in (QuestionType.NOTE, QuestionType.ACKNOWLEDGE):
            self.editor = answer_editor(question, value)
            self.answer_box.addWidget(self.editor)
            self.editor.show()  # now, not later: it takes the focus below
        self.options.setVisible(question.type.is_select)
        self.clear_message()
        self.relabel()
        self.focus_answer()

    def relabel(self) -> None:
        """Put the question texts in the session's language (F2), keeping the answer."""
        if self.recorder is None or self.question is None:
            return
        session, question = self.recorder.session, self.question
        fallback = session.questionnaire.fallback
        group = session.questionnaire.group(question.group) if question.group else None
        self.section_label.setText(group.label(session.language, fallback) if group else "")
        self.section_label.setVisible(group is not None)
        self.question_label.setText(question.label(session.language, fallback))
        # A note is read out as a paragraph: lighter than a question.
        font = QFont(self.question_label.font())
        note = question.type is QuestionType.NOTE
        font.setWeight(QFont.Weight.Normal if note else QFont.Weight.DemiBold)
        font.setPointSizeF(QUESTION_PT - 2 if note else QUESTION_PT)
        self.question_label.setFont(font)
        hint = question.hint(session.language, fallback)
        self.hint_label.setText(hint)
        self.hint_label.setVisible(bool(hint))
        if question.type.is_select:
            self.options.relabel(question, session.language, fallback)
        self.retranslateUi()

    def focus_answer(self) -> None:
        if self.editor is not None:
            self.editor.setFocus(Qt.FocusReason.OtherFocusReason)
        elif self.question is not None and self.question.type.is_select:
            self.options.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_message(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))
        if text:
            self.scroll.ensureWidgetVisible(self.message_label)

    def clear_message(self) -> None:
        self.show_message("")

    def _limit_refused(self, names: tuple[str, ...]) -> None:
        if self.recorder is not None and self.question is not None:
            self.show_message(self.recorder.session.check(self.question, names).message)

    def _unknown_number(self, typed: str) -> None:
        self.show_message(fill(translate("InterviewPage", "There is no option %1."), typed))

    # -- asking ---------------------------------------------------------------------------
    def confirm(self) -> None:
        """Ask to accept what is on the screen (Enter, the Next button)."""
        if self.recorder is None or self.question is None:
            return
        question = self.question
        if question.type.is_select:
            value = self.options.value()
        elif self.editor is not None:
            text = editor_text(self.editor)
            problem = type_problem(self.recorder.session, question, text)
            if problem:
                self.show_message(problem)
                return
            value = text
        else:
            value = None
        self.confirm_requested.emit(value)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in _RETURN:
            self.confirm()
        elif event.key() == Qt.Key.Key_Backspace:
            self.back_requested.emit()  # text fields keep Backspace for themselves
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
        self.back_button.setText(translate("InterviewPage", "← Back"))
        self.abort_button.setText(translate("InterviewPage", "Abort  ·  Esc"))
        note = self.question is not None and self.question.type is QuestionType.NOTE
        self.next_button.setText(translate("InterviewPage", "Continue  ·  Enter") if note
                                 else translate("InterviewPage", "Next  ·  Enter"))
        if self.recorder is None:
            return
        number, total = self.recorder.session.position()
        self.progress_label.setText(fill(translate("InterviewPage", "Question %1 of %2"),
                                         number, total))
        self.progress_bar.setRange(0, max(total, 1))
        self.progress_bar.setValue(number - 1)
        self.language_button.setText(fill(
            translate("InterviewPage", "Question language: %1  ·  F2"),
            language_name(self.recorder)))
        self.language_button.setVisible(has_languages(self.recorder))
        self.keys_label.setText(self._keys_text())

    def _keys_text(self) -> str:
        question = self.question
        parts = []
        if question is not None and question.type is QuestionType.SELECT_ONE:
            parts.append(translate("InterviewPage", "Number: choose"))
        elif question is not None and question.type is QuestionType.SELECT_MULTIPLE:
            parts.append(translate("InterviewPage", "Number/Space: select/deselect"))
        if question is not None and question.choice_list is not None and dont_know_choice(
                question.choice_list):
            parts.append(translate("InterviewPage", "0: don't know"))
        if self.editor is None:  # text fields keep Backspace for themselves
            parts.append(translate("InterviewPage", "Backspace: back"))
        else:
            parts.append(translate("InterviewPage", "Alt+←: back"))
        return "  ·  ".join(parts)
