"""The answer options of a select question: large numbered rows, chosen by digit or click.

Digits choose (select_one) or toggle (select_multiple) the option with that number; in a
list of ten or more, "1" then "2" typed quickly is option 12 (the list waits a moment after
a digit that could start a longer number). Up/Down move a cursor, Space chooses or toggles
the option under it. A "pick up to N" list refuses one more and says so through
``refused``; the page asks the interview session for the form's message. Enter and
Backspace are left to the page.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QWidget

from surveydesk.core.questionnaire import Question, QuestionType
from surveydesk.gui.entry.keys import NumberBuffer, option_keys
from surveydesk.gui.entry.style import OPTION_PT, label, restyle, sized

# How long after a digit that could start a longer number the list waits for the next one.
NEXT_DIGIT_MS = 800
_ONE_COLUMN_MAX = 7


class OptionRow(QFrame):
    """One option: its key in a box, and its label."""

    clicked = Signal()

    def __init__(self, key: str, text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("optionRow")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.key_label = QLabel(key, alignment=Qt.AlignmentFlag.AlignCenter)
        self.key_label.setObjectName("optionKey")
        sized(self.key_label, OPTION_PT - 2, bold=True)
        self.key_label.setFixedSize(40, 30)
        self.text_label = label(OPTION_PT)
        self.text_label.setText(text)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 3, 14, 3)
        layout.setSpacing(14)
        layout.addWidget(self.key_label, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.text_label, 1)
        self.set_state(chosen=False, cursor=False)

    def set_state(self, *, chosen: bool, cursor: bool) -> None:
        self.setProperty("chosen", "true" if chosen else "false")
        self.setProperty("cursor", "true" if cursor else "false")
        restyle(self)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
                event.position().toPoint()):
            self.clicked.emit()
        super().mouseReleaseEvent(event)


class OptionList(QWidget):
    """The options of one select question; ``value()`` is what is chosen now."""

    changed = Signal()
    refused = Signal(object)  # the selection (tuple of names) that would break the limit
    unknown_number = Signal(str)  # digits typed that are no option's number

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.rows: list[OptionRow] = []
        self.names: tuple[str, ...] = ()
        self.keys: tuple[str, ...] = ()
        self.multiple = False
        self.limit: int | None = None
        self.chosen: list[int] = []
        self.cursor = 0
        self._buffer = NumberBuffer(())
        self._pending: int | None = None
        self._timer = QTimer(self, singleShot=True, interval=NEXT_DIGIT_MS)
        self._timer.timeout.connect(self._settle)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(14)
        self._grid.setVerticalSpacing(6)

    def show_choices(self, question: Question, language: str, fallback: tuple[str, ...],
                     selected: object, limit: int | None) -> None:
        """Show ``question``'s options in ``language`` with ``selected`` chosen."""
        assert question.choice_list is not None
        for row in self.rows:
            self._grid.removeWidget(row)
            row.hide()  # at once: deletion waits for the event loop
            row.deleteLater()
        choices = question.choice_list.choices
        self.names = question.choice_list.names
        self.keys = option_keys(question.choice_list)
        self.multiple = question.type is QuestionType.SELECT_MULTIPLE
        self.limit = limit
        wanted = set(selected) if isinstance(selected, tuple) else {selected}
        self.chosen = [i for i, name in enumerate(self.names) if name in wanted]
        self.cursor = self.chosen[0] if self.chosen else 0
        self._buffer = NumberBuffer(self.keys)
        self._pending = None
        self._timer.stop()
        columns = 1 if len(choices) <= _ONE_COLUMN_MAX else 2
        per_column = math.ceil(len(choices) / columns)
        self.rows = []
        for index, choice in enumerate(choices):
            row = OptionRow(self.keys[index], choice.label(language, fallback))
            row.clicked.connect(lambda index=index: self._clicked(index))
            self._grid.addWidget(row, index % per_column, index // per_column)
            self.rows.append(row)
        for column in range(2):
            self._grid.setColumnStretch(column, 1 if column < columns else 0)
        self._paint()

    def relabel(self, question: Question, language: str, fallback: tuple[str, ...]) -> None:
        """Show the option texts in another language; the choice stays."""
        assert question.choice_list is not None
        for row, choice in zip(self.rows, question.choice_list.choices, strict=True):
            row.text_label.setText(choice.label(language, fallback))

    def value(self) -> object:
        """The chosen name (select_one), names in list order (select_multiple), or None."""
        self.settle()
        if self.multiple:
            return tuple(self.names[i] for i in sorted(self.chosen))
        return self.names[self.chosen[0]] if self.chosen else None

    def settle(self) -> None:
        """Treat digits typed so far as final (Enter does not wait for the pause)."""
        if self._timer.isActive():
            self._timer.stop()
            self._settle()

    # -- choosing -------------------------------------------------------------------------
    def choose(self, index: int) -> None:
        """Choose (select_one) or toggle (select_multiple) the option at ``index``."""
        self.cursor = index
        if not self.multiple:
            self.chosen = [index]
        elif index in self.chosen:
            self.chosen.remove(index)
        elif self.limit is not None and len(self.chosen) >= self.limit:
            self._paint()
            self.refused.emit(tuple(self.names[i] for i in sorted([*self.chosen, index])))
            return
        else:
            self.chosen.append(index)
        self._paint()
        self.changed.emit()

    def _clicked(self, index: int) -> None:
        self.settle()
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self.choose(index)

    def _settle(self) -> None:
        self._buffer.clear()
        pending, self._pending = self._pending, None
        if pending is not None:
            self.choose(pending)

    def _digit(self, digit: str) -> None:
        self._timer.stop()
        self._pending = None
        press = self._buffer.press(digit)
        if press.index is None:
            if not press.pending:
                self.unknown_number.emit(press.typed)
            else:
                self._timer.start()
            return
        if press.pending:
            self.cursor = press.index
            if self.multiple:
                self._pending = press.index  # toggled when no second digit comes
                self._paint()
            else:
                self.choose(press.index)
            self._timer.start()
        else:
            self.choose(press.index)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, text = event.key(), event.text()
        if text.isdigit() and len(text) == 1 and self.rows:
            self._digit(text)
        elif key == Qt.Key.Key_Space and self.rows:
            self.settle()
            self.choose(self.cursor)
        elif key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.rows:
            self.settle()
            step = 1 if key == Qt.Key.Key_Down else -1
            self.cursor = (self.cursor + step) % len(self.rows)
            if self.multiple:
                self._paint()
            else:
                self.choose(self.cursor)
        else:
            event.ignore()
            return
        event.accept()

    def focusInEvent(self, event) -> None:
        self._paint()
        super().focusInEvent(event)

    def focusOutEvent(self, event) -> None:
        self._paint()
        super().focusOutEvent(event)

    def _paint(self) -> None:
        show_cursor = self.hasFocus() and self.multiple
        for index, row in enumerate(self.rows):
            row.set_state(chosen=index in self.chosen,
                          cursor=show_cursor and index == self.cursor)
