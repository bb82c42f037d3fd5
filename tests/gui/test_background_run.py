"""BackgroundRun: one long operation wired once to a progress view and to the owner's outcome
callbacks; Cancel, cancelled work, failures (bugs to sys.excepthook) and an abandoned run
whose outcome is ignored. ProgressDialog: Cancel asks once, closing it when done does not."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from surveydesk.core.errors import Cancelled, UsageError
from surveydesk.gui.progress_views import ProgressDialog
from surveydesk.gui.tasks import BackgroundRun, RunningTask, run_in_background

TIMEOUT = 10_000


@pytest.fixture
def project_path(small_project) -> Path:
    return small_project.path


class View:
    """A progress view that notes what it was told, in order (it shares ``log``)."""

    def __init__(self, log: list):
        self.log = log

    def show_step(self, step: int, total: int, text: str) -> None:
        self.log.append(("step", step, total, text))

    def cancelling(self) -> None:
        self.log.append(("cancelling",))

    def finish(self) -> None:
        self.log.append(("finish",))


class Owner:
    """Keeps its latest run in ``running``, as the dialogs and panels do."""

    task = RunningTask()

    def __init__(self):
        self.running: BackgroundRun | None = None


def finish(qtbot, run: BackgroundRun) -> None:
    with qtbot.waitSignal(run.finished, timeout=TIMEOUT):
        pass


def test_steps_reach_the_view_and_the_result_comes_after_the_view_is_finished(
        qtbot, project_path):
    log: list = []
    owner = Owner()

    def work(project, progress, cancelled):
        progress(1, 2, "counting")
        progress(2, 2, "done")
        return project.overview().total

    def succeeded(total):
        log.append(("success", total, owner.task))

    owner.running = run_in_background(project_path, work, None, view=View(log),
                                      on_success=succeeded)
    assert owner.task is owner.running.task is not None
    finish(qtbot, owner.running)

    assert log == [("step", 1, 2, "counting"), ("step", 2, 2, "done"), ("finish",),
                   ("success", 0, None)]
    assert owner.task is None and not owner.running.is_running()


def test_cancel_tells_the_view_and_a_cancelled_work_goes_to_on_cancelled(qtbot, project_path):
    log: list = []
    started, gate = threading.Event(), threading.Event()

    def work(project, progress, cancelled):
        started.set()
        assert gate.wait(TIMEOUT / 1000)
        if cancelled():
            raise Cancelled("stopped; nothing was changed.")
        return "not cancelled"

    run = run_in_background(project_path, work, None, view=View(log),
                            on_success=lambda result: log.append(("success", result)),
                            on_cancelled=lambda error: log.append(("cancelled", str(error))),
                            on_failure=lambda error: log.append(("failure", error)))
    assert started.wait(TIMEOUT / 1000)
    run.cancel()
    gate.set()
    finish(qtbot, run)
    assert log == [("cancelling",), ("finish",), ("cancelled", "stopped; nothing was changed.")]


def test_a_user_error_is_shown_in_a_message_box_and_is_no_bug(qtbot, project_path, monkeypatch):
    shown, hooked = [], []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(
        (title, text)))
    monkeypatch.setattr(sys, "excepthook", lambda *args: hooked.append(args))

    def work(project, progress, cancelled):
        raise UsageError("The folder /nowhere does not exist.")

    run = run_in_background(project_path, work, None, failure_title="Could not export")
    finish(qtbot, run)
    assert shown == [("Could not export", "The folder /nowhere does not exist.")]
    assert hooked == []


def test_a_bug_goes_to_on_failure_and_then_to_sys_excepthook(qtbot, project_path, monkeypatch):
    order = []
    monkeypatch.setattr(sys, "excepthook", lambda kind, error, trace: order.append(
        ("excepthook", kind)))

    def work(project, progress, cancelled):
        raise ZeroDivisionError("division by zero")

    run = run_in_background(project_path, work, None,
                            on_failure=lambda error: order.append(("failure", type(error))))
    finish(qtbot, run)
    assert order == [("failure", ZeroDivisionError), ("excepthook", ZeroDivisionError)]


def test_an_abandoned_run_waits_for_its_thread_and_its_outcome_is_ignored(
        qtbot, project_path):
    log: list = []
    started = threading.Event()

    def work(project, progress, cancelled):
        started.set()
        while not cancelled():
            threading.Event().wait(0.01)
        return "finished anyway"

    run = run_in_background(project_path, work, None, view=View(log),
                            on_success=lambda result: log.append(("success", result)),
                            on_failure=lambda error: log.append(("failure", error)))
    task = run.task
    assert started.wait(TIMEOUT / 1000)
    run.abandon()
    assert task.is_cancelled() and task.wait(0) and run.task is None
    assert log == [("finish",)]
    finish(qtbot, run)
    assert log == [("finish",)]


def test_the_progress_dialog_asks_to_cancel_once_and_not_when_it_closes_at_the_end(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = ProgressDialog(parent, title="Export device file", text="Writing out.sddevice…",
                            cancel_text="Cancel", cancelling_text="Cancelling…", maximum=100,
                            stages={"counting": "Counting what the copy holds…"})
    asked = []
    dialog.cancel_requested.connect(lambda: asked.append(True))
    assert dialog.isVisible() and dialog.windowTitle() == "Export device file"
    dialog.show_step(1, 4, "counting")
    assert (dialog.value(), dialog.maximum()) == (1, 4)
    assert dialog.labelText() == "Counting what the copy holds…"
    [cancel] = dialog.findChildren(QPushButton)
    assert cancel.text() == "Cancel"
    cancel.click()
    dialog.cancelling()
    assert asked == [True] and dialog.labelText() == "Cancelling…"
    dialog.finish()
    assert asked == [True] and not dialog.isVisible()
