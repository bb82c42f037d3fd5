"""A dialog that runs one piece of long work on the project at a time.

:class:`TaskDialog` holds what the import and export dialogs share: a status line, a
progress bar, a button that cancels while the work runs and closes the dialog otherwise,
Esc and the window's close button cancelling instead of closing while it runs, the window
waiting for the worker when it closes (:meth:`abandon`), and the outcome delivered to
:meth:`succeeded` or :meth:`failed` on the GUI thread. The work itself runs in a
:class:`~surveydesk.gui.tasks.ProjectTask` with its own connection to the project file.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QDialog, QLabel, QProgressBar, QPushButton, QWidget

from surveydesk.gui.tasks import ProjectTask, Work, error_message, is_expected
from surveydesk.store.project import Project


class TaskDialog(QDialog):
    """Subclasses build their form, set :attr:`close_button`, and implement
    :meth:`succeeded`, :meth:`inputs` (the widgets disabled while the work runs) and
    ``retranslateUi``."""

    def __init__(self, parent: QWidget | None, project: Project):
        super().__init__(parent)
        self.project = project
        self.task: ProjectTask | None = None
        self.close_button: QPushButton | None = None
        self.progress = QProgressBar()
        self.progress.hide()
        self.status_label = QLabel(wordWrap=True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_label.hide()

    # -- for subclasses --------------------------------------------------------------------
    def inputs(self) -> list[QWidget]:
        """The widgets that are disabled while the work runs."""
        return []

    def succeeded(self, result) -> None:
        """The work's result, on the GUI thread."""

    def failed(self, error: BaseException) -> None:
        """The work's error, on the GUI thread: its message in the status line (a bug is
        also passed on to ``sys.excepthook``)."""
        self.show_status(error_message(self.project.path, error))
        if not is_expected(error):
            sys.excepthook(type(error), error, error.__traceback__)

    def finished(self) -> None:
        """After :meth:`succeeded` or :meth:`failed`, when the dialog is idle again."""

    # -- running the work ------------------------------------------------------------------
    def run(self, work: Work, status: str = "") -> ProjectTask:
        """Start ``work(project, progress, cancelled)`` in the background."""
        self.task = ProjectTask(self.project.path, work, self)
        self.task.progressed.connect(self.progressed)
        self.task.succeeded.connect(self.succeeded)
        self.task.failed.connect(self.failed)
        self.task.finished.connect(self._finished)
        self.set_busy(True)
        self.show_status(status)
        self.task.start()
        return self.task

    def progressed(self, step: int, total: int, _text: str) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(step)

    def _finished(self) -> None:
        self.task = None
        self.set_busy(False)
        self.finished()

    def set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        if busy:
            self.progress.setRange(0, 0)
        for widget in self.inputs():
            widget.setEnabled(not busy)
        if self.close_button is not None:
            self.close_button.setEnabled(True)

    def show_status(self, text: str) -> None:
        self.status_label.setText(text)
        self.status_label.setVisible(bool(text))

    def cancel_or_close(self, stopping: str = "") -> None:
        """Cancel: stop the running work (at its next check), else close the dialog."""
        if self.task is not None:
            self.task.cancel()
            if self.close_button is not None:
                self.close_button.setEnabled(False)
            if stopping:
                self.show_status(stopping)
        else:
            self.reject()

    def abandon(self) -> None:
        """The window closes: stop the running work and wait for its thread."""
        if self.task is not None:
            self.task.cancel()
            self.task.wait()

    def reject(self) -> None:
        if self.task is not None:  # Esc or the window's close button while working
            self.cancel_or_close()
            return
        super().reject()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def retranslateUi(self) -> None:  # pragma: no cover - every subclass has its own
        raise NotImplementedError
