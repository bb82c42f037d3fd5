"""Sync in the main window: the Sync mode (Ctrl+4), merging while the window has the master
open, and File ▸ Export device file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from surveydesk.core import userdata
from surveydesk.gui.main_window import MainWindow
from surveydesk.gui.sync import export as device_export
from surveydesk.store import calls, entry
from surveydesk.store.project import Project
from surveydesk.sync.device_file import open_device_file
from surveydesk.sync.merge import merge_device_files

TIMEOUT = 20_000


@pytest.fixture
def window(qtbot, fieldwork):
    main_window = MainWindow(fieldwork.master())
    qtbot.addWidget(main_window)
    main_window.resize(1100, 700)
    main_window.show()
    return main_window


def overview_total(main_window: MainWindow) -> str:
    table = main_window.overview_page.table
    return table.item(table.rowCount() - 1, 1).text() if table.rowCount() else ""


def test_ctrl_4_shows_the_sync_view_and_it_is_off_without_a_project(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentWidget() is window.sync_page
    assert window.sync_action.isChecked() and window.sync_action.text() == "&Sync"
    assert window.sync_action in window.mode_bar.actions()
    assert window.sync_action in window.view_menu.actions()
    assert window.sync_page.merge_panel.add_button.isEnabled()

    window.close_action.trigger()
    assert window.pages.currentWidget() is window.overview_page
    assert not window.sync_action.isEnabled()
    assert not window.export_device_action.isEnabled()
    assert window.sync_page.merge_panel.project_path is None


def test_a_merge_while_the_window_has_the_master_open_refreshes_what_it_shows(
        qtbot, window, two_laptops, dialogs):
    project = window.project
    assert overview_total(window) == ""  # no waves yet
    window.sync_action.trigger()
    panel = window.sync_page.merge_panel
    panel.add_files(two_laptops)

    qtbot.mouseClick(panel.merge_button, Qt.MouseButton.LeftButton)
    assert panel.task is not None
    qtbot.waitUntil(lambda: panel.task is None, timeout=TIMEOUT)

    assert dialogs == []
    assert window.project is project  # the window's connection stayed open and usable
    assert project.overview().total == 4
    assert overview_total(window) == "4"  # refreshed without switching views
    window.records_action.trigger()
    assert window.records_page.browser.model.rowCount() == 4
    window.overview_action.trigger()
    assert overview_total(window) == "4"
    # The window's connection can still write: a correction on the master after the merge.
    uuid = entry.browse_interviews(project)["uuid"][0]
    assert project.change_answer(uuid, "age", "50", who="TK", reason="check") is not None


def test_export_device_file_writes_a_file_that_merges_into_a_master(
        qtbot, fieldwork, tmp_path, dialogs, monkeypatch):
    with fieldwork.laptop("laptop") as laptop:
        fieldwork.interview(laptop, {"satisfied": "5", "age": "40"})
        fieldwork.interview(laptop, {"satisfied": "1"}, finish=False)
    userdata.remember_entry_profile(userdata.EntryProfile(interviewer="Åse Ø"))
    main_window = MainWindow(Project.open(fieldwork.folder / "laptop.sdproj"))
    qtbot.addWidget(main_window)
    main_window.show()
    suggested, target = [], tmp_path / "usb" / "to-master"
    target.parent.mkdir()

    def save_as(_parent, title, name, filters):
        suggested.append((title, name, filters))
        return str(target), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    main_window.export_device_action.trigger()
    assert main_window.export_task is not None
    qtbot.waitUntil(lambda: main_window.export_task is None, timeout=TIMEOUT)

    [(title, name, filters)] = suggested
    assert title == "Export device file" and filters == "Device files (*.sddevice)"
    assert re.fullmatch(re.escape(str(fieldwork.folder)) + r"/laptop-Åse_Ø-\d{8}-\d{4}\.sddevice",
                        name)
    written = target.with_name("to-master.sddevice")  # the suffix is added
    assert [d[:3] for d in dialogs] == [
        ("Question", "Export device file", "Phone numbers and names stay on this computer."),
        ("Information", "Device file exported", f"The device file was saved as {written}.")]
    assert dialogs[1][3].startswith(
        "Interviews: 2 (complete 1, partial 1, aborted 0; deleted 0)\nHistory entries: ")
    assert "personal data" not in dialogs[1][3]
    with open_device_file(written) as device:
        assert device.manifest.contacts_included is False
        assert device.manifest.interviewer == "Åse Ø"
        assert device.manifest.device_id == userdata.device_id()
    with fieldwork.master() as master:
        report = merge_device_files(master, [written])
        assert report.total("added") == 2 and master.overview().total == 2
    main_window.close()


def export_with_call_list(qtbot, fieldwork, tmp_path, monkeypatch) -> Path:
    with fieldwork.laptop("laptop") as laptop:
        calls.add_calls(laptop, [calls.NewCall("R1", "+4523456781", "Søren Ø")])
    main_window = MainWindow(Project.open(fieldwork.folder / "laptop.sdproj"))
    qtbot.addWidget(main_window)
    target = tmp_path / "out.sddevice"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_: (str(target), ""))
    main_window.export_device_action.trigger()
    if main_window.export_task is not None:
        qtbot.waitUntil(lambda: main_window.export_task is None, timeout=TIMEOUT)
    main_window.close()
    return target


def test_export_leaves_phone_numbers_and_names_out_unless_the_box_is_ticked(
        qtbot, fieldwork, tmp_path, dialogs, monkeypatch):
    target = export_with_call_list(qtbot, fieldwork, tmp_path, monkeypatch)
    with open_device_file(target) as device:
        assert device.manifest.contacts_included is False
        assert (calls.call(device.project, 1).phone, calls.call(device.project, 1).name) == (
            "", "")


def test_export_with_the_box_ticked_carries_them_and_warns(
        qtbot, fieldwork, tmp_path, dialogs, monkeypatch):
    dialogs.check = True
    target = export_with_call_list(qtbot, fieldwork, tmp_path, monkeypatch)
    with open_device_file(target) as device:
        assert device.manifest.contacts_included is True
        assert calls.call(device.project, 1).phone == "+4523456781"
    kind, title, _text, informative = dialogs[-1]
    assert (kind, title) == ("Warning", "Device file exported")
    assert "contains the call list's phone numbers and names (personal data)" in informative


def test_cancelling_the_contacts_question_writes_nothing(
        qtbot, fieldwork, tmp_path, dialogs, monkeypatch):
    dialogs.answer = "Cancel"
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: asked.append(a) or ("", ""))
    main_window = MainWindow(fieldwork.master())
    qtbot.addWidget(main_window)
    main_window.export_device_action.trigger()
    assert main_window.export_task is None and asked == []
    assert [d[0] for d in dialogs] == ["Question"]
    main_window.close()


def test_an_export_that_fails_is_explained(qtbot, fieldwork, tmp_path, dialogs, monkeypatch):
    main_window = MainWindow(fieldwork.master())
    qtbot.addWidget(main_window)
    target = tmp_path / "no-such-folder" / "x.sddevice"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_: (str(target), ""))

    main_window.export_device_action.trigger()
    qtbot.waitUntil(lambda: main_window.export_task is None, timeout=TIMEOUT)

    [_question, (kind, title, text, _)] = dialogs
    assert (kind, title) == ("critical", "Could not export the device file")
    assert "Traceback" not in text and text
    assert not target.exists()


def test_the_default_name_is_safe_as_a_file_name():
    import datetime as dt
    from pathlib import Path

    when = dt.datetime(2024, 9, 12, 8, 5)
    assert device_export.default_file_name(Path("/x/Borgere 2024.sdproj"), " Anne/Kim ", "d",
                                           when) == "Borgere 2024-Anne_Kim-20240912-0805.sddevice"
    assert device_export.default_file_name(Path("p.sdproj"), "", "device-12ab", when) == (
        "p-device-12ab-20240912-0805.sddevice")


def test_closing_the_window_during_a_merge_cancels_it_and_waits_for_the_worker(
        qtbot, window, fieldwork, two_laptops, dialogs, monkeypatch):
    import threading

    from surveydesk.gui.sync import merge_panel

    reached, real = threading.Event(), merge_panel.merge_device_files

    def slow(master, paths, **kwargs):
        inner = kwargs["progress"]

        def progress(step, total, text):
            inner(step, total, text)
            if step == len(paths):  # every file read; the window is closed now
                reached.set()
                threading.Event().wait(0.3)

        return real(master, paths, **{**kwargs, "progress": progress})

    monkeypatch.setattr(merge_panel, "merge_device_files", slow)
    window.sync_action.trigger()
    panel = window.sync_page.merge_panel
    panel.add_files(two_laptops)
    qtbot.mouseClick(panel.merge_button, Qt.MouseButton.LeftButton)
    task = panel.task
    qtbot.waitUntil(reached.is_set, timeout=TIMEOUT)

    window.close()  # returns once the worker has stopped

    assert task.is_cancelled() and task.wait(0)
    assert window.project is None and dialogs == []
    with fieldwork.master() as master:
        assert master.overview().total == 0
    assert not (fieldwork.folder / "config" / "backups").exists()


def test_an_export_shows_progress_and_can_be_cancelled_writing_nothing(
        qtbot, fieldwork, tmp_path, dialogs, monkeypatch):
    import threading

    from PySide6.QtWidgets import QProgressDialog, QPushButton

    with fieldwork.laptop("laptop") as laptop:
        fieldwork.interview(laptop, {"satisfied": "5", "age": "40"})
    main_window = MainWindow(Project.open(fieldwork.folder / "laptop.sdproj"))
    qtbot.addWidget(main_window)
    main_window.show()
    target = tmp_path / "out.sddevice"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_: (str(target), ""))
    gate, real = threading.Event(), device_export.export_device_file
    stages = []

    def held(*args, progress, cancelled, **kwargs):
        def noted(step, total, stage):
            stages.append(stage)
            progress(step, total, stage)
        gate.wait(TIMEOUT / 1000)  # the real export, held until the user has cancelled
        return real(*args, progress=noted, cancelled=cancelled, **kwargs)

    monkeypatch.setattr(device_export, "export_device_file", held)
    main_window.export_device_action.trigger()
    [busy] = [d for d in main_window.findChildren(QProgressDialog) if d.isVisible()]
    assert busy.labelText() == "Writing out.sddevice…"
    [cancel] = busy.findChildren(QPushButton)
    assert cancel.text() == "Cancel"
    cancel.click()
    gate.set()
    qtbot.waitUntil(lambda: main_window.export_task is None, timeout=TIMEOUT)
    assert stages == []  # stopped at the first check, before the snapshot
    assert dialogs[-1][:3] == ("Information", "Export device file",
                               "The export was cancelled; no device file was written.")
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []
    main_window.close()
