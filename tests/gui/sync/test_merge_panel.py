"""The Sync view's merge tab: choose device files, preview, merge in the background, errors
and cancel leave the master as it was."""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog

from surveydesk.gui.sync import merge_panel
from surveydesk.gui.sync.page import SyncPage
from surveydesk.store import entry

TIMEOUT = 20_000


@pytest.fixture
def page(qtbot, fieldwork):
    project = fieldwork.master()
    widget = SyncPage(who=lambda: "TK")
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.set_project(project)
    widget.show()
    assert widget.activate()
    yield widget
    widget.set_project(None)
    project.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run(qtbot, panel, button) -> None:
    """Click ``button`` and wait until the background work has delivered its outcome."""
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    task = panel.task
    assert task is not None and not panel.merge_button.isEnabled()
    with qtbot.waitSignal(task.finished, timeout=TIMEOUT):
        pass
    assert panel.task is None


def rows(table) -> list[list[str]]:
    return [[table.item(row, column).text() for column in range(table.columnCount())]
            for row in range(table.rowCount())]


def test_preview_fills_the_table_with_each_files_numbers_and_writes_nothing(
        qtbot, fieldwork, two_laptops, page, dialogs):
    panel = page.merge_panel
    before = digest(fieldwork.master_path)
    assert panel.add_files(two_laptops) == 2

    run(qtbot, panel, panel.preview_button)

    assert dialogs == []
    assert [row[:3] + row[4:] for row in rows(panel.table)] == [
        ["a.sddevice", "AB", "device-a", "2", "0", "0", "0", "0", "0", "0"],
        ["b.sddevice", "CD", "device-b", "2", "0", "0", "0", "0", "0", "0"],
        ["All files", "", "", "4", "0", "0", "0", "0", "0", "0"],
    ]
    assert rows(panel.table)[0][3]  # when it was exported, in the UI locale
    headers = [panel.table.horizontalHeaderItem(c).text() for c in range(4, 8)]
    assert headers == ["Added", "Updated", "Unchanged", "Conflicts"]
    assert panel.report_heading.text() == ("Preview: this is what merging would do. Nothing "
                                           "has been written to master.sdproj yet.")
    assert panel.status_label.text() == "Preview ready."
    assert panel.merge_button.isEnabled() and not panel.cancel_button.isVisible()
    assert digest(fieldwork.master_path) == before
    assert page.project.overview().total == 0
    assert not (fieldwork.folder / "config" / "backups").exists()


def test_merge_writes_reports_the_backup_and_says_the_data_changed(
        qtbot, fieldwork, two_laptops, page, dialogs):
    panel = page.merge_panel
    panel.add_files(two_laptops)

    with qtbot.waitSignal(page.data_changed, timeout=TIMEOUT):
        run(qtbot, panel, panel.merge_button)

    assert dialogs == []
    assert panel.report_heading.text() == "Merged into master.sdproj."
    backups = list((fieldwork.folder / "config" / "backups").glob("master-*.sdproj"))
    assert len(backups) == 1
    assert panel.details_label.text() == ("A backup of the project was made before merging: "
                                          f"{backups[0]}")
    assert rows(panel.table)[-1][4] == "4"
    # The page's own connection sees what the worker's connection wrote.
    summary = page.project.overview().waves[0]
    assert (summary.total, summary.by_status["complete"], summary.by_status["partial"]) == (
        4, 3, 1)
    assert sorted(entry.browse_interviews(page.project)["interviewer"]) == ["AB", "AB", "CD",
                                                                             "CD"]

    # Merging the same files again changes nothing and says so.
    run(qtbot, panel, panel.merge_button)
    assert panel.report_heading.text() == ("Nothing new: master.sdproj already holds "
                                           "everything in these files.")
    assert [row[6] for row in rows(panel.table)] == ["2", "2", "4"]  # unchanged
    assert page.project.overview().total == 4


def test_a_truncated_device_file_is_refused_and_the_master_stays_byte_identical(
        qtbot, fieldwork, two_laptops, page, dialogs):
    panel = page.merge_panel
    good, broken = two_laptops
    data = broken.read_bytes()
    broken.write_bytes(data[: len(data) // 2])  # the copy to the stick stopped halfway
    before = digest(fieldwork.master_path)
    panel.add_files([good, broken])

    run(qtbot, panel, panel.merge_button)

    assert len(dialogs) == 1
    kind, title, text, _ = dialogs[0]
    assert (kind, title) == ("critical", "Could not merge the device files")
    assert f"{broken}: this is not a SurveyDesk device file, or it is damaged" in text
    assert "Nothing was merged; the master project is unchanged." in text
    assert "Traceback" not in text
    assert panel.status_label.text() == "Nothing was changed."
    assert panel.table.isHidden() and panel.merge_button.isEnabled()
    assert digest(fieldwork.master_path) == before
    assert page.project.overview().total == 0
    assert not (fieldwork.folder / "config" / "backups").exists()


def test_cancel_while_merging_leaves_the_master_unchanged_and_the_window_responsive(
        qtbot, fieldwork, two_laptops, page, dialogs, monkeypatch):
    panel = page.merge_panel
    reached, gate = threading.Event(), threading.Event()
    real = merge_panel.merge_device_files

    def held_before_writing(master, paths, **kwargs):
        """Stops the worker after it has read every file, until the test lets it go."""
        inner = kwargs["progress"]

        def progress(step, total, text):
            inner(step, total, text)
            if step == len(paths):
                reached.set()
                assert gate.wait(TIMEOUT / 1000)

        return real(master, paths, **{**kwargs, "progress": progress})

    monkeypatch.setattr(merge_panel, "merge_device_files", held_before_writing)
    before = digest(fieldwork.master_path)
    panel.add_files(two_laptops)
    qtbot.mouseClick(panel.merge_button, Qt.MouseButton.LeftButton)
    task = panel.task
    qtbot.waitUntil(reached.is_set, timeout=TIMEOUT)
    # The worker is busy; the window still handles clicks and shows what it is doing.
    assert panel.cancel_button.isVisible() and not panel.preview_button.isEnabled()
    qtbot.waitUntil(lambda: panel.status_label.text() == "Comparing and writing…")
    qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
    assert panel.status_label.text() == "Cancelling…"

    with qtbot.waitSignal(task.finished, timeout=TIMEOUT):
        gate.set()

    assert dialogs == []
    assert panel.status_label.text() == "Cancelled: nothing was changed."
    assert panel.task is None and panel.merge_button.isEnabled()
    assert not panel.progress.isVisible()
    assert digest(fieldwork.master_path) == before
    assert page.project.overview().total == 0
    assert not (fieldwork.folder / "config" / "backups").exists()


def test_files_come_from_the_dialog_or_a_drop_each_once_and_can_be_removed(
        qtbot, fieldwork, two_laptops, page, monkeypatch):
    panel = page.merge_panel
    file_a, file_b = two_laptops
    asked = []

    def choose(_parent, title, folder, filters):
        asked.append((title, folder, filters))
        return [str(file_a), str(file_a)], filters

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", choose)
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert asked == [("Add device files", str(fieldwork.folder),
                      "Device files (*.sddevice);;All files (*)")]
    assert panel.files() == [file_a]

    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(file_b)), QUrl.fromLocalFile(str(file_a))])
    drop = QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, data,
                      Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    panel.dropEvent(drop)
    assert drop.isAccepted()
    assert panel.files() == [file_a, file_b]
    assert [panel.file_list.item(row).text() for row in range(2)] == ["a.sddevice",
                                                                      "b.sddevice"]

    assert not panel.remove_button.isEnabled()
    panel.file_list.item(0).setSelected(True)
    qtbot.mouseClick(panel.remove_button, Qt.MouseButton.LeftButton)
    assert panel.files() == [file_b]
    assert panel.preview_button.isEnabled()


def test_the_merge_tab_speaks_danish(qtbot, fieldwork, two_laptops, page):
    from surveydesk.gui import translation

    panel = page.merge_panel
    panel.add_files(two_laptops)
    run(qtbot, panel, panel.preview_button)
    translation.set_ui_language("da")
    qtbot.waitUntil(lambda: page.tabs.tabText(0) == "Flet enhedsfiler")
    assert panel.preview_button.text() == "F&orhåndsvis"
    assert panel.merge_button.text() == "F&let"
    assert rows(panel.table)[-1][0] == "Alle filer"
    assert panel.table.horizontalHeaderItem(4).text() == "Tilføjet"
    assert panel.report_heading.text().startswith("Forhåndsvisning:")


def test_merging_numbers_into_an_encrypted_master_asks_its_pass_phrase_once(
        qtbot, fieldwork, page, dialogs, monkeypatch):
    from surveydesk.core import contact_crypto
    from surveydesk.gui.entry import passphrase
    from surveydesk.gui.entry.passphrase import PassphraseDialog
    from surveydesk.store import calls
    from surveydesk.store.contact_encryption import encrypt_contacts, open_contacts
    from surveydesk.sync.device_file import export_device_file

    monkeypatch.setattr(contact_crypto, "DEFAULT_N", 2 ** 4)
    passphrase.forget_session_keys()
    secret = "fire fede fisk i fjorden"
    with fieldwork.laptop("laptop") as laptop:
        calls.add_calls(laptop, [calls.NewCall("R9", "+4522334455", "Ulla Ørum")])
        device = fieldwork.folder / "laptop.sddevice"
        export_device_file(laptop, device, device_id="laptop", interviewer="AB",
                           include_contacts=True)
    with fieldwork.master() as master:
        encrypt_contacts(master, secret)
    asked = []

    def answer(dialog: PassphraseDialog) -> int:
        asked.append(1)
        dialog.edit.setText(secret)
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
        return dialog.result()

    monkeypatch.setattr(PassphraseDialog, "exec", answer)
    panel = page.merge_panel
    assert panel.add_files([device]) == 1
    run(qtbot, panel, panel.merge_button)
    assert asked == [1]
    with fieldwork.master() as master:
        merged = calls.calls(master, open_contacts(master, secret))
        assert merged[merged["reference"] == "R9"].iloc[0]["name"] == "Ulla Ørum"
    assert b"22334455" not in fieldwork.master_path.read_bytes()
    passphrase.forget_session_keys()
