"""The two ways a long operation shows itself while a
:class:`~surveydesk.gui.tasks.BackgroundRun` runs it (both are a
:class:`~surveydesk.gui.tasks.ProgressView`):

- :class:`ProgressDialog`, a window-modal dialog with a line of text, a bar and Cancel, for
  work started from a menu or a drop (a questionnaire version, a device file);
- :class:`EmbeddedProgress`, a bar in the owner's own window beside its own Cancel button and
  status line (the import and export dialogs, the merge panel).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractButton, QProgressBar, QProgressDialog, QWidget

from surveydesk.gui.tasks import Progress


class ProgressDialog(QProgressDialog):
    """A window-modal progress dialog titled ``title`` that says ``text`` above a bar and a
    Cancel button (``cancel_text``).

    ``maximum`` 0 keeps the bar busy until the first step; a step's text is shown as
    ``stages[text]`` (translated by the caller, on the GUI thread), else as it is. It shows
    itself after ``minimum_duration`` milliseconds, at once for 0. Cancel emits
    :attr:`cancel_requested`; :meth:`cancelling` then shows ``cancelling_text`` (if any)
    and removes the button. It closes and goes when the run calls :meth:`finish`."""

    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None, *, title: str, text: str, cancel_text: str,
                 cancelling_text: str = "", maximum: int = 0, minimum_duration: int = 0,
                 stages: Mapping[str, str] | None = None):
        super().__init__(text, cancel_text, 0, maximum, parent)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumDuration(minimum_duration)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.stages = dict(stages or {})
        self.cancelling_text = cancelling_text
        self._finished = False
        self.canceled.connect(self._canceled)
        if minimum_duration == 0:
            self.show()

    def _canceled(self) -> None:
        if not self._finished:  # closing it in finish() emits canceled too
            self.cancel_requested.emit()

    def show_step(self, step: int, total: int, text: str) -> None:
        self.setMaximum(total)
        self.setValue(step)
        self.setLabelText(self.stages.get(text, text))

    def cancelling(self) -> None:
        if self.cancelling_text:
            self.setLabelText(self.cancelling_text)
        self.setCancelButton(None)

    def finish(self) -> None:
        """The work has ended: close and go."""
        self._finished = True
        self.close()
        self.deleteLater()


class EmbeddedProgress:
    """Progress inside the owner's own window: ``bar`` (in the owner's layout, shown by the
    owner when the work starts) counts the steps and hides when the work ends; the owner's
    ``cancel_button``, if any, is turned off while the work stops. ``on_step(step, total,
    text)`` and ``on_cancelling()`` let the owner say more, e.g. in its status line."""

    def __init__(self, bar: QProgressBar, cancel_button: QAbstractButton | None = None, *,
                 on_step: Progress | None = None,
                 on_cancelling: Callable[[], None] | None = None):
        self.bar = bar
        self.cancel_button = cancel_button
        self.on_step = on_step
        self.on_cancelling = on_cancelling

    def show_step(self, step: int, total: int, text: str) -> None:
        self.bar.setRange(0, total)
        self.bar.setValue(step)
        if self.on_step is not None:
            self.on_step(step, total, text)

    def cancelling(self) -> None:
        if self.cancel_button is not None:
            self.cancel_button.setEnabled(False)
        if self.on_cancelling is not None:
            self.on_cancelling()

    def finish(self) -> None:
        self.bar.hide()
