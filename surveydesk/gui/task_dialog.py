"""A dialog that runs one piece of long work on the project at a time.

:class:`TaskDialog` holds what the import and export dialogs share: a status line, a
progress bar, a button that cancels while the work runs and closes the dialog otherwise,
Esc and the window's close button cancelling instead of closing while it runs, the window
waiting for the worker when it closes (:meth:`abandon`), and the outcome delivered to
:meth:`succeeded` or :meth:`failed` on the GUI thread. The work itself runs in a
:class:`~surveydesk.gui.tasks.BackgroundRun` with its own connection to the project file,
shown in the dialog's own bar (:class:`~surveydesk.gui.progress_views.EmbeddedProgress`).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QDialog, QLabel, QProgressBar, QPushButton, QWidget

from surveydesk.gui.progress_views import EmbeddedProgress
from surveydesk.gui.tasks import BackgroundRun, ProjectTask, RunningTask, Work, error_message
from surveydesk.store.project import Project


class TaskDialog(QDialog):
    """Subclasses build their form, set :attr:`close_button`, and implement
    :meth:`succeeded`, :meth:`inputs` (the widgets disabled while the work runs) and
    ``retranslateUi``."""

    task = RunningTask()  # the work's task while it runs

    def __init__(self, parent: QWidget | None, project: Project):
        super().__init__(parent)
        self.project = project
        self.running: BackgroundRun | None = None
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
        """The work's error (a cancel included), on the GUI thread: its message in the
        status line (the run passes a bug on to ``sys.excepthook`` afterwards)."""
        self.show_status(error_message(self.project.path, error))

    def finished(self) -> None:
        """After :meth:`succeeded` or :meth:`failed`, when the dialog is idle again."""

    # -- running the work ------------------------------------------------------------------
    def run(self, work: Work, status: str = "") -> ProjectTask:
        """Start ``work(project, progress, cancelled)`` in the background."""
        view = EmbeddedProgress(self.progress, self.close_button, on_step=self.progressed)
        self.running = BackgroundRun(self.project.path, work, self, view=view,
                                     on_success=self.succeeded, on_failure=self.failed)
        self.running.finished.connect(self._finished)
        self.set_busy(True)
        self.show_status(status)
        self.running.start()
        return self.running.task

    def progressed(self, step: int, total: int, text: str) -> None:
        """A step of the work, after the bar has shown it."""

    def _finished(self) -> None:
        self.running = None
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
            self.running.cancel()
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
