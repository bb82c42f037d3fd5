"""Long work on a project off the GUI thread: progress, cancel, and the outcome on the GUI thread.

A :class:`ProjectTask` runs one Qt-free function ``work(project, progress, cancelled)`` on a
worker thread. The worker opens its **own** connection to the project file
(``Project.open(path)``) and closes it when the work is done: an SQLite connection belongs
to one thread, so the window's connection is never shared. Project files are in WAL mode,
so the window keeps reading through its own connection while the worker writes.

``progress(step, total, text)`` and ``cancelled()`` are the callbacks the Qt-free functions
take (for example :func:`surveydesk.sync.merge.merge_device_files`). Everything the worker
reports crosses to the GUI thread through queued signals of the task, which lives on the
GUI thread; so ``progressed``, ``succeeded``, ``failed`` and ``finished`` always arrive
there, whatever is connected to them (lambdas included)::

    task = ProjectTask(project.path, lambda p, progress, cancelled: merge(p, ...), parent)
    task.progressed.connect(bar.setValue ...)
    task.succeeded.connect(show_report)
    task.failed.connect(show_error)
    task.start()
    ...
    task.cancel()  # the work stops at its next check of cancelled()

Exactly one of ``succeeded(result)`` and ``failed(error)`` is emitted, then ``finished``.
The error is the exception object itself: a :class:`SurveyDeskError`, one of
``STORAGE_ERRORS`` or anything else the work raised (see :func:`error_message`).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot

from surveydesk.core.errors import SurveyDeskError
from surveydesk.gui.translation import fill
from surveydesk.store.database import STORAGE_ERRORS, explain_storage_error
from surveydesk.store.project import Project

translate = QCoreApplication.translate

Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]
Work = Callable[[Project, Progress, Cancelled], Any]
Opener = Callable[[Path], Project]


class _Worker(QThread):
    """The thread itself: opens the project, runs the work, closes the project."""

    progressed = Signal(int, int, str)
    done = Signal(bool, object)  # (succeeded, result or exception)

    def __init__(self, path: Path, work: Work, opener: Opener, stop: threading.Event):
        super().__init__()
        self._path, self._work, self._opener, self._stop = path, work, opener, stop

    def run(self) -> None:
        try:
            project = self._opener(self._path)
            try:
                result = self._work(project, self.progressed.emit, self._stop.is_set)
            finally:
                project.close()
        except Exception as error:  # every outcome goes back to the GUI thread
            self.done.emit(False, error)
        else:
            self.done.emit(True, result)


class _Collector:
    """Automatic garbage collection is off while any worker runs.

    Python's collector runs in whichever thread happens to allocate. In a worker (pandas
    allocates a lot) it can destroy the GUI's Qt objects there, and ``~QObject`` taking Qt's
    lock while waiting for the GIL deadlocks with the GUI thread deleting a widget (seen in
    the analysis tests, about one run in thirteen). Reference counting still frees memory
    meanwhile; the collector is back on once the last worker has ended."""

    holds = 0
    was_enabled = False

    @classmethod
    def hold(cls) -> None:
        if cls.holds == 0:
            cls.was_enabled = gc.isenabled()
            gc.disable()
        cls.holds += 1

    @classmethod
    def release(cls) -> None:
        cls.holds -= 1
        if cls.holds == 0 and cls.was_enabled:
            gc.enable()


class ProjectTask(QObject):
    """Runs ``work(project, progress, cancelled)`` on a worker thread with its own
    connection to the project file at ``path`` (see the module docstring)."""

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()

    def __init__(self, path: Path | str, work: Work, parent: QObject | None = None, *,
                 opener: Opener = Project.open):
        super().__init__(parent)
        self.path = Path(path)
        self._stop = threading.Event()
        self._worker: _Worker | None = _Worker(self.path, work, opener, self._stop)
        # Queued: the worker emits on its own thread; the slots run here, on the GUI thread.
        queued = Qt.ConnectionType.QueuedConnection
        self._worker.progressed.connect(self._relay_progress, queued)
        self._worker.done.connect(self._finish, queued)
        self._running = False
        self._holding = False

    def _release_collector(self) -> None:
        if self._holding:
            self._holding = False
            _Collector.release()

    def start(self) -> None:
        """Start the work (once)."""
        if self._worker is None or self._running:
            raise RuntimeError("a ProjectTask runs once")
        self._running = True
        _Collector.hold()
        self._holding = True
        self._worker.start()

    def cancel(self) -> None:
        """Ask the work to stop: ``cancelled()`` returns ``True`` from now on."""
        self._stop.set()

    def is_cancelled(self) -> bool:
        return self._stop.is_set()

    def is_running(self) -> bool:
        """Whether the outcome has not been delivered yet."""
        return self._running

    def wait(self, milliseconds: int = -1) -> bool:
        """Block until the worker thread has ended (its outcome may still be queued);
        ``False`` if it is still running after ``milliseconds`` (-1: no limit)."""
        worker = self._worker
        if worker is None:
            return True
        ended = worker.wait() if milliseconds < 0 else worker.wait(milliseconds)
        if ended:
            self._release_collector()
        return ended

    @Slot(int, int, str)
    def _relay_progress(self, step: int, total: int, text: str) -> None:
        if self._running:
            self.progressed.emit(step, total, text)

    @Slot(bool, object)
    def _finish(self, ok: bool, outcome: object) -> None:
        worker, self._worker = self._worker, None
        if worker is not None:
            worker.wait()  # the thread has emitted its last signal; let it end properly
            worker.deleteLater()
        self._release_collector()
        self._running = False
        (self.succeeded if ok else self.failed).emit(outcome)
        self.finished.emit()


def error_message(path: Path, error: BaseException) -> str:
    """What to tell the user about an error a task delivered (``path``: the project file)."""
    if isinstance(error, SurveyDeskError):
        return str(error)
    if isinstance(error, STORAGE_ERRORS):
        return str(explain_storage_error(path, error))
    if isinstance(error, OSError):  # e.g. a file on a stick that was pulled out
        where = f"{error.filename}: " if error.filename else ""
        return f"{where}{error.strerror or error}"
    return fill(translate("ProjectTask", "An unexpected error stopped the work (%1). Please "
                                         "report it, with what you were doing."),
                f"{type(error).__name__}: {error}")


def is_expected(error: BaseException) -> bool:
    """Whether ``error`` is one a user can cause (else it is a bug worth a traceback)."""
    return isinstance(error, (SurveyDeskError, OSError, *STORAGE_ERRORS))
