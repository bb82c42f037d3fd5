"""The call list on the start screen in phone mode.

The :class:`~surveydesk.gui.entry.call_list.CallListPanel` reads the project it was made
for, also from a timer. :class:`PhoneCalls` makes one for the project on the start screen
and drops it the moment that project is no longer shown, so no panel ever reads a project
file that has been closed. For a project with encrypted contact data it asks for the pass
phrase first (once per session, :mod:`surveydesk.gui.entry.passphrase`).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from surveydesk.gui.entry.call_list import CallListPanel, Clock
from surveydesk.gui.entry.passphrase import ask_contact_key
from surveydesk.gui.entry.style import SMALL_PT
from surveydesk.store.project import Project


class PhoneCalls(QWidget):
    """Holds the call list panel of the project on the start screen (or nothing)."""

    #: The interviewer chose "Interview" for a number: ``(call id, preload)``.
    interview_requested = Signal(int, dict)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("phoneCalls")
        self.panel: CallListPanel | None = None
        self.clock: Clock | None = None  # tests pass a fake one
        #: Asked with the outcome before a call is recorded (see ``CallListPanel``).
        self.outcome_check: Callable[[str], bool] | None = None
        #: Asks for the key of encrypted contact data (tests replace it).
        self.ask_key = ask_contact_key
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        # Smaller than the entry screens' buttons: seven outcomes share one row.
        self.setStyleSheet(f"#phoneCalls QPushButton {{ font-size: {SMALL_PT}pt; }}")

    def show_calls(self, project: Project, interviewer: str) -> None:
        """Show the call list of ``project``, calls recorded as made by ``interviewer``."""
        if self.panel is not None and self.panel.project is project:
            self.panel.interviewer = interviewer
            self.panel.catch_up()
            return
        self.drop()
        cipher = self.ask_key(self, project)
        self.panel = CallListPanel(project, interviewer, self, self.clock, cipher)
        self.panel.outcome_check = self._check
        self.panel.unlock_requested.connect(self._unlock)
        self.panel.interview_requested.connect(self.interview_requested)
        # The panel's own margins would double the start screen's.
        self.panel.layout().setContentsMargins(0, 4, 0, 0)
        self._layout.addWidget(self.panel)

    def set_interviewer(self, interviewer: str) -> None:
        if self.panel is not None:
            self.panel.interviewer = interviewer

    def catch_up(self) -> None:
        """Counts and appointments up to date (the number on the screen stays)."""
        if self.panel is not None:
            self.panel.catch_up()

    def drop(self) -> None:
        """Forget the panel (its project is about to close or was replaced)."""
        panel, self.panel = self.panel, None
        if panel is None:
            return
        panel.timer.stop()
        self._layout.removeWidget(panel)
        panel.hide()
        panel.deleteLater()

    def _unlock(self) -> None:
        if self.panel is None:
            return
        cipher = self.ask_key(self, self.panel.project)
        if cipher is not None and self.panel is not None:
            self.panel.set_cipher(cipher)

    def _check(self, outcome: str) -> bool:
        return self.outcome_check is None or self.outcome_check(outcome)
