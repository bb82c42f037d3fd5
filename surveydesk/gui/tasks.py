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

Every long operation of the window goes through :class:`BackgroundRun` (or
:func:`run_in_background`), which owns the wiring around a task once: progress to a
:class:`ProgressView` (a modal dialog or a bar in the owner's own window, see
:mod:`surveydesk.gui.progress_views`), Cancel, the outcome to ``on_success``,
``on_cancelled`` or ``on_failure`` (by default a message box; a bug also goes to
``sys.excepthook``), and an outcome that is no longer wanted ignored. A new operation needs
only its Qt-free ``work(project, progress, cancelled)`` and what to do with the result::

    run = run_in_background(project.path, work, window, view=ProgressDialog(...),
                            on_success=show_result, failure_title=title)
"""

from __future__ import annotations

import gc
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QWidget

from surveydesk.core import errors
from surveydesk.core.errors import SurveyDeskError
from surveydesk.gui.output_file import refusal_text
from surveydesk.gui.translation import fill
from surveydesk.io.files import OutputRefused
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
    if isinstance(error, OutputRefused):  # the output-file policy, in the UI language
        return refusal_text(error)
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


def pass_on_bug(error: BaseException) -> None:
    """Give an error no user can cause to ``sys.excepthook``, to keep its traceback for the
    report (an expected one, see :func:`is_expected`, is left alone)."""
    if not is_expected(error):
        sys.excepthook(type(error), error, error.__traceback__)


def show_failure(parent: QWidget | None, title: str, path: Path, error: BaseException) -> None:
    """The usual way to tell the user that a task failed: a message box with
    :func:`error_message` (``path``: the project file)."""
    QMessageBox.critical(parent, title, error_message(path, error))


class ProgressView(Protocol):
    """Where a :class:`BackgroundRun` shows its work: a modal dialog or a bar in the owner's
    window (:mod:`surveydesk.gui.progress_views`, and the Excel report's ``ReportProgress``).
    A view with a Cancel button of its own also has a ``cancel_requested`` signal, which the
    run connects to :meth:`BackgroundRun.cancel`."""

    def show_step(self, step: int, total: int, text: str) -> None:
        """The work's ``progress(step, total, text)``, on the GUI thread."""

    def cancelling(self) -> None:
        """Cancel was asked for; the work stops at its next check of ``cancelled()``."""

    def finish(self) -> None:
        """The work has ended, or was abandoned: stop showing it."""


class BackgroundRun(QObject):
    """One long operation: ``work(project, progress, cancelled)`` in a :class:`ProjectTask`
    on the project file at ``path``, shown in ``view``, its outcome given to the owner once.

    When the outcome arrives, :attr:`task` becomes ``None`` and the view is finished; then
    exactly one of ``on_success(result)``, ``on_cancelled(error)`` (for a
    :class:`~surveydesk.core.errors.Cancelled`, when given; otherwise a cancel counts as a
    failure) and ``on_failure(error)`` (by default :func:`show_failure` under
    ``failure_title``) is called; after a failure that is a bug, :func:`pass_on_bug`. After
    :meth:`abandon` the outcome is ignored. :attr:`finished` comes after the outcome,
    abandoned or not.

    The run is a child of ``parent`` and the task a child of the run, so Qt owns both; the
    run keeps no Python reference to anything of the task's once it is deleted.
    """

    finished = Signal()

    def __init__(self, path: Path | str, work: Work, parent: QWidget | None, *,
                 view: ProgressView | None = None,
                 on_success: Callable[[Any], None] | None = None,
                 on_cancelled: Callable[[errors.Cancelled], None] | None = None,
                 on_failure: Callable[[BaseException], None] | None = None,
                 failure_title: str = ""):
        super().__init__(parent)
        self.path = Path(path)
        self.owner = parent
        self.view = view
        self.on_success, self.on_cancelled, self.on_failure = on_success, on_cancelled, on_failure
        self.failure_title = failure_title
        task = ProjectTask(self.path, work, self)
        self.task: ProjectTask | None = task  # while its outcome is still wanted
        task.progressed.connect(self._progressed)
        task.succeeded.connect(self._succeeded)
        task.failed.connect(self._failed)
        task.finished.connect(self._task_finished)
        cancel_requested = getattr(view, "cancel_requested", None)
        if cancel_requested is not None:
            cancel_requested.connect(self.cancel)

    def _task_finished(self) -> None:
        # What the owner gave is let go of; the run and its (small, idle) task stay children
        # of the owner until it goes. Deleting the task here (deleteLater) crashed the
        # interpreter in ~QObject now and then (tests/gui: main window, then privacy dialog).
        self.view = self.on_success = self.on_cancelled = self.on_failure = None
        self.finished.emit()

    def start(self) -> BackgroundRun:
        """Start the work (once); returns this run."""
        if self.task is not None:
            self.task.start()
        return self

    def is_running(self) -> bool:
        """Whether the outcome is still to come (and wanted)."""
        return self.task is not None

    def cancel(self) -> None:
        """Ask the work to stop at its next check of ``cancelled()``; the view says so."""
        if self.task is None:
            return
        self.task.cancel()
        if self.view is not None:
            self.view.cancelling()

    def wait(self, milliseconds: int = -1) -> bool:
        """Block until the worker thread has ended (see :meth:`ProjectTask.wait`)."""
        return True if self.task is None else self.task.wait(milliseconds)

    def abandon(self) -> None:
        """Stop the work and wait for its thread; its outcome is ignored (the owner moves on
        to another project, or closes)."""
        task, self.task = self.task, None
        if task is not None:
            task.cancel()
            task.wait()
            self._finish_view()

    def _finish_view(self) -> None:
        if self.view is not None:
            self.view.finish()

    def _settle(self) -> bool:
        """The outcome has arrived: ``False`` if it is no longer wanted."""
        if self.task is None:
            return False
        self.task = None
        self._finish_view()
        return True

    def _progressed(self, step: int, total: int, text: str) -> None:
        if self.task is not None and self.view is not None:
            self.view.show_step(step, total, text)

    def _succeeded(self, result: object) -> None:
        if self._settle() and self.on_success is not None:
            self.on_success(result)

    def _failed(self, error: BaseException) -> None:
        if not self._settle():
            return
        if self.on_cancelled is not None and isinstance(error, errors.Cancelled):
            self.on_cancelled(error)
            return
        if self.on_failure is not None:
            self.on_failure(error)
        else:
            show_failure(self.owner, self.failure_title, self.path, error)
        pass_on_bug(error)


class RunningTask:
    """``task = RunningTask()`` in the class of an owner that keeps its latest
    :class:`BackgroundRun` in ``running``: ``owner.task`` is that run's task while its
    outcome is still to come, else ``None``."""

    def __get__(self, owner, _owner_type=None) -> ProjectTask | RunningTask | None:
        if owner is None:
            return self
        run = owner.running
        return None if run is None else run.task


def run_in_background(path: Path | str, work: Work, parent: QWidget | None,
                      **options) -> BackgroundRun:
    """Start ``work`` as a :class:`BackgroundRun` (``options``: its keyword arguments)."""
    return BackgroundRun(path, work, parent, **options).start()
