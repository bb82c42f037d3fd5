"""ProjectTask: work off the GUI thread with its own project connection; progress, outcome
and errors arrive on the GUI thread; cancel reaches the work."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from surveydesk.core.errors import UsageError
from surveydesk.gui.tasks import ProjectTask, error_message, is_expected
from surveydesk.store.project import Project

TIMEOUT = 10_000


@pytest.fixture
def project_path(small_project) -> Path:
    return small_project.path


class Recorder:
    """Opens projects as Project.open does, remembering each and on which thread."""

    def __init__(self):
        self.opened: list[tuple[Project, int]] = []

    def __call__(self, path: Path) -> Project:
        project = Project.open(path)
        self.opened.append((project, threading.get_ident()))
        return project


def run(qtbot, task: ProjectTask) -> tuple[list, list, list]:
    """Start ``task``; returns what arrived: progress, results, errors (each with the
    thread it arrived on)."""
    progress, results, errors = [], [], []
    here = threading.get_ident
    task.progressed.connect(lambda *args: progress.append((args, here())))
    task.succeeded.connect(lambda result: results.append((result, here())))
    task.failed.connect(lambda error: errors.append((error, here())))
    with qtbot.waitSignal(task.finished, timeout=TIMEOUT):
        task.start()
    assert not task.is_running()
    return progress, results, errors


def test_the_work_runs_on_a_worker_thread_with_its_own_connection(
        qtbot, small_project, project_path):
    opener = Recorder()
    gui = threading.get_ident()

    def work(project, progress, cancelled):
        progress(0, 2, "reading")
        progress(1, 2, "counting")
        total = project.overview().total
        progress(2, 2, "done")
        return total, threading.get_ident(), cancelled()

    task = ProjectTask(project_path, work, opener=opener)
    progress, results, errors = run(qtbot, task)

    assert errors == []
    [((total, worker, was_cancelled), arrived)] = results
    assert (total, was_cancelled) == (0, False)
    assert worker != gui and arrived == gui
    assert [args for args, _thread in progress] == [(0, 2, "reading"), (1, 2, "counting"),
                                                    (2, 2, "done")]
    assert {thread for _args, thread in progress} == {gui}
    [(project, opened_on)] = opener.opened
    assert opened_on == worker and project is not small_project
    with pytest.raises(sqlite3.ProgrammingError):  # closed when the work ended
        project.overview()
    assert small_project.overview().total == 0  # the caller's connection is untouched


def test_an_error_arrives_as_failed_and_the_connection_is_still_closed(qtbot, project_path):
    opener = Recorder()

    def work(_project, _progress, _cancelled):
        raise UsageError("Give at least one device file to merge.")

    _progress, results, errors = run(qtbot, ProjectTask(project_path, work, opener=opener))

    assert results == []
    [(error, arrived)] = errors
    assert isinstance(error, UsageError) and arrived == threading.get_ident()
    assert error_message(project_path, error) == "Give at least one device file to merge."
    with pytest.raises(sqlite3.ProgrammingError):
        opener.opened[0][0].overview()


def test_a_project_that_cannot_be_opened_is_reported(qtbot, tmp_path):
    missing = tmp_path / "gone.sdproj"
    _progress, results, errors = run(qtbot, ProjectTask(missing, lambda *_: 1))
    assert results == []
    assert error_message(missing, errors[0][0]) == f"{missing}: no such project file."


def test_cancel_makes_cancelled_true_inside_the_work(qtbot, project_path):
    started, polls = threading.Event(), []

    def work(_project, _progress, cancelled):
        started.set()
        while not cancelled():
            polls.append(1)
            threading.Event().wait(0.005)
            if len(polls) > 2000:
                return "never cancelled"
        return "stopped"

    task = ProjectTask(project_path, work)
    results = []
    task.succeeded.connect(results.append)
    with qtbot.waitSignal(task.finished, timeout=TIMEOUT):
        task.start()
        assert started.wait(TIMEOUT / 1000)
        assert task.is_running() and not task.is_cancelled()
        task.cancel()
    assert results == ["stopped"] and task.is_cancelled()
    assert task.wait(0)
    with pytest.raises(RuntimeError):
        task.start()


def test_error_messages_a_user_can_act_on(tmp_path):
    path = tmp_path / "p.sdproj"
    locked = sqlite3.OperationalError("database is locked")
    assert "another program (or another SurveyDesk window) is writing" in error_message(
        path, locked)
    gone = FileNotFoundError(2, "No such file or directory", str(tmp_path / "a.sddevice"))
    assert error_message(path, gone) == f"{tmp_path / 'a.sddevice'}: No such file or directory"
    assert is_expected(locked) and is_expected(gone) and is_expected(UsageError("x"))
    bug = KeyError("answers")
    assert not is_expected(bug)
    assert "KeyError: 'answers'" in error_message(path, bug)


def test_garbage_collection_is_off_while_a_worker_runs_and_back_on_after(qtbot, tmp_path,
                                                                         form_path):
    # A collection in the worker thread could destroy GUI objects there (a deadlock).
    import gc
    import threading

    from surveydesk.core.xlsform import read_xlsform
    from surveydesk.gui.tasks import ProjectTask
    from surveydesk.store.project import Project

    path = tmp_path / "p.sdproj"
    Project.create(path, form_path.read_bytes(), read_xlsform(form_path)).close()
    gate = threading.Event()
    seen = []

    def work(_project, _progress, _cancelled):
        seen.append(gc.isenabled())
        gate.wait(5)
        return 1

    assert gc.isenabled()
    task = ProjectTask(path, work)
    with qtbot.waitSignal(task.finished, timeout=10_000):
        task.start()
        assert not gc.isenabled()
        gate.set()
    assert seen == [False]
    assert gc.isenabled()
