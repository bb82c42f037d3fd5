"""File ▸ Export device file: this laptop's project as one file to carry to the master.

The export is :func:`surveydesk.sync.device_file.export_device_file`, the function
``surveydesk-cli sync export`` calls, marked with this installation's device id and the
interviewer of the entry profile. It runs in a :class:`~surveydesk.gui.tasks.BackgroundRun`
(SQLite writes a consistent snapshot, which is counted and compressed) behind a progress
dialog with Cancel; the window's own connection keeps working meanwhile. The file is
written whole or not at all; a cancelled export writes nothing.

Before the file is chosen, a small box says that phone numbers and names stay on this
computer, with a check box (off by default) to carry them anyway; a file with them is
confirmed with a warning.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QFileDialog, QMessageBox, QWidget

from surveydesk.core.errors import Cancelled
from surveydesk.core.userdata import device_id, entry_profile
from surveydesk.gui.progress_views import ProgressDialog
from surveydesk.gui.save_folder import default_save_folder
from surveydesk.gui.tasks import BackgroundRun, error_message, run_in_background
from surveydesk.gui.translation import fill, ui_locale
from surveydesk.store.project import Project
from surveydesk.sync.device_file import SUFFIX, Manifest, export_device_file

translate = QCoreApplication.translate


def default_file_name(project_path: Path, interviewer: str, device: str,
                      now: dt.datetime) -> str:
    """``<project>-<interviewer or device>-<YYYYMMDD-HHMM>.sddevice``, safe as a file name
    on every system (letters such as æ, ø, å stay)."""
    who = re.sub(r"[^\w.-]+", "_", interviewer.strip() or device).strip("._") or "device"
    return f"{project_path.stem}-{who}-{now:%Y%m%d-%H%M}{SUFFIX}"


def choose_and_export(parent: QWidget, project: Project,
                      now: dt.datetime | None = None) -> BackgroundRun | None:
    """Ask where to save the device file and start writing it; the returned run is
    running (keep it until ``finished``). ``None`` if the user cancelled or the device id
    could not be read."""
    title = translate("DeviceExport", "Export device file")
    interviewer = entry_profile().interviewer.strip()
    try:
        device = device_id()
    except OSError as error:  # the per-user folder cannot be written
        QMessageBox.critical(parent, title, error_message(project.path, error))
        return None
    include_contacts = ask_include_contacts(parent)
    if include_contacts is None:
        return None
    now = now or dt.datetime.now()
    suggested = default_save_folder(project.path) / default_file_name(project.path, interviewer,
                                                                      device, now)
    target, _ = QFileDialog.getSaveFileName(
        parent, title, str(suggested),
        fill(translate("DeviceExport", "Device files (*%1)"), SUFFIX))
    if not target:
        return None
    path = Path(target)
    if path.suffix != SUFFIX:
        path = path.with_name(path.name + SUFFIX)
    # The save dialog asked before replacing the name it returned, not one with the suffix
    # added; that one is refused if it exists.
    return export_in_background(parent, project, path, device=device, interviewer=interviewer,
                                include_contacts=include_contacts,
                                replace=str(path) == target)


def ask_include_contacts(parent: QWidget) -> bool | None:
    """Whether the device file should carry phone numbers and names (off unless the check
    box is ticked); ``None`` if the user cancelled."""
    box = QMessageBox(QMessageBox.Icon.Question, translate("DeviceExport", "Export device file"),
                      translate("DeviceExport", "Phone numbers and names stay on this computer."),
                      QMessageBox.StandardButton.NoButton, parent)
    box.setInformativeText(translate(
        "DeviceExport", "The device file carries the interviews and the progress of the call "
                        "list (references, outcomes, appointments), but no phone numbers or "
                        "names. The master project keeps its own."))
    check = QCheckBox(translate("DeviceExport", "Include phone numbers and names (personal "
                                                "data)"), box)
    check.setChecked(False)
    box.setCheckBox(check)
    go = box.addButton(translate("DeviceExport", "Choose file…"),
                       QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(go)
    box.exec()
    if box.clickedButton() is not go:
        return None
    return check.isChecked()


def export_in_background(parent: QWidget, project: Project, path: Path, *, device: str,
                         interviewer: str, include_contacts: bool = False,
                         replace: bool = True) -> BackgroundRun:
    """Write the device file ``path`` off the GUI thread; confirm or explain when done.
    ``replace``: an existing file at ``path`` may be replaced (the save dialog asked)."""
    title = translate("DeviceExport", "Export device file")
    busy = ProgressDialog(
        parent, title=title, text=fill(translate("DeviceExport", "Writing %1…"), path.name),
        cancel_text=translate("DeviceExport", "Cancel"),
        cancelling_text=translate("DeviceExport", "Cancelling…"), maximum=100,
        stages={  # translated here, on the GUI thread
            "snapshot": translate("DeviceExport", "Taking a consistent copy of the project…"),
            "counting": translate("DeviceExport", "Counting what the copy holds…"),
            "compressing": fill(translate("DeviceExport", "Compressing into %1…"), path.name),
            "done": fill(translate("DeviceExport", "Writing %1…"), path.name),
        })

    def work(copy: Project, progress, cancelled) -> Manifest:
        return export_device_file(copy, path, device_id=device, interviewer=interviewer,
                                  include_contacts=include_contacts, replace=replace,
                                  progress=progress, cancelled=cancelled)

    def cancelled(_error: Cancelled) -> None:
        QMessageBox(QMessageBox.Icon.Information, title, translate(
            "DeviceExport", "The export was cancelled; no device file was written."),
            QMessageBox.StandardButton.Ok, parent).exec()

    return run_in_background(
        project.path, work, parent, view=busy,
        on_success=lambda manifest: confirm(parent, path, manifest), on_cancelled=cancelled,
        failure_title=translate("DeviceExport", "Could not export the device file"))


def confirm(parent: QWidget, path: Path, manifest: Manifest) -> None:
    """Say where the file is and what it holds (the manifest's counts)."""
    locale = ui_locale()
    counts = {key: locale.toString(value) for key, value in manifest.counts.items()}
    box = QMessageBox(QMessageBox.Icon.Warning if manifest.contacts_included
                      else QMessageBox.Icon.Information,
                      translate("DeviceExport", "Device file exported"),
                      fill(translate("DeviceExport", "The device file was saved as %1."), path),
                      QMessageBox.StandardButton.Ok, parent)
    lines = [
        fill(translate("DeviceExport", "Interviews: %1 (complete %2, partial %3, aborted %4; "
                                       "deleted %5)"),
             counts.get("interviews", "0"), counts.get("complete", "0"),
             counts.get("partial", "0"), counts.get("aborted", "0"),
             counts.get("deleted", "0")),
        fill(translate("DeviceExport", "History entries: %1"), counts.get("audit_entries", "0")),
        fill(translate("DeviceExport", "Calls: %1, call attempts: %2"),
             counts.get("calls", "0"), counts.get("call_attempts", "0")),
        "",
        translate("DeviceExport", "Take the file to the computer with the master project and "
                                  "merge it there (Sync ▸ Merge device files)."),
    ]
    if manifest.contacts_included:
        lines[3:3] = ["", translate(
            "DeviceExport", "Warning: this file contains the call list's phone numbers and "
                            "names (personal data). Carry it only on an encrypted stick or "
                            "drive, and delete it once it is merged.")]
    box.setInformativeText("\n".join(lines))
    box.exec()
