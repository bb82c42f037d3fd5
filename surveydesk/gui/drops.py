"""Files dropped on the main window, each taken where it belongs.

- a project file (``.sdproj``) is opened, after the network/cloud folder warning;
- a questionnaire (an ``.xlsx`` workbook with a ``survey`` sheet) becomes a new project, or
  a new questionnaire version of the open one (what ``surveydesk-cli init`` and
  ``form update`` do); the user chooses;
- respondent data (``.csv``, ``.xlsx`` without a survey sheet, ``.sav``) opens the import
  dialog for the open project;
- device files (``.sddevice``) go to the list of the Sync view's merge panel;
- anything else is refused with a message that names the file.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMimeData
from PySide6.QtWidgets import QMessageBox, QWidget

from surveydesk.core.errors import Cancelled, SurveyDeskError
from surveydesk.core.xlsform import read_xlsform
from surveydesk.gui.import_dialog import DATA_SUFFIXES, ImportDialog
from surveydesk.gui.progress_views import ProgressDialog
from surveydesk.gui.tasks import error_message, run_in_background
from surveydesk.gui.translation import fill
from surveydesk.sync.device_file import SUFFIX as DEVICE_SUFFIX

translate = QCoreApplication.translate

PROJECT = "project"
FORM = "form"
DATA = "data"
DEVICE = "device"
UNSUPPORTED = "unsupported"
NEW_PROJECT = "new_project"
NEW_VERSION = "new_version"


def dropped_files(data: QMimeData) -> list[Path]:
    """The local files and folders in a drag (``[]`` for text, web links…)."""
    if not data.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in data.urls() if url.isLocalFile()]


def is_xlsform(path: Path) -> bool:
    """Whether the workbook at ``path`` has a ``survey`` sheet (any case), as an XLSForm
    has; read from the workbook's index without loading the sheets."""
    try:
        with zipfile.ZipFile(path) as workbook:
            index = workbook.read("xl/workbook.xml").decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile):
        return False
    return any(name.strip().casefold() == "survey"
               for name in re.findall(r'<(?:\w+:)?sheet\b[^>]*\bname="([^"]*)"', index))


def kind_of(path: Path) -> str:
    """What a dropped file is, by its name (and, for workbooks, its sheets)."""
    suffix = path.suffix.casefold()
    if not path.is_file():
        return UNSUPPORTED
    if suffix == ".sdproj":
        return PROJECT
    if suffix == DEVICE_SUFFIX:
        return DEVICE
    if (suffix == ".xlsx" and is_xlsform(path)) or suffix == ".xls":
        return FORM  # respondent data is never a legacy .xls
    if suffix in DATA_SUFFIXES:
        return DATA
    return UNSUPPORTED


# -- dialogs (module functions, so tests can answer them) -----------------------------------
def tell(parent: QWidget, title: str, text: str, *, problem: bool = True) -> None:
    if problem:
        QMessageBox.warning(parent, title, text)
    else:
        QMessageBox.information(parent, title, text)


def ask_form_use(parent: QWidget, path: Path, project_name: str | None) -> str | None:
    """New project or new version of the open project (``None``: cancelled)."""
    box = QMessageBox(QMessageBox.Icon.Question, translate("Drops", "Questionnaire dropped"),
                      fill(translate("Drops", "“%1” is a questionnaire (XLSForm). What should "
                                              "SurveyDesk do with it?"), path.name),
                      QMessageBox.StandardButton.Cancel, parent)
    box.setObjectName("formDropBox")
    new = box.addButton(translate("Drops", "Create a &new project from it…"),
                        QMessageBox.ButtonRole.AcceptRole)
    version = None
    if project_name is not None:
        version = box.addButton(fill(translate("Drops", "Add as a new &version of %1"),
                                     project_name), QMessageBox.ButtonRole.AcceptRole)
        box.setInformativeText(translate(
            "Drops", "A new version is what interviews and imports are checked against from "
                     "now on; answers already stored stay as they are and must still fit it."))
    box.setDefaultButton(new)
    box.exec()
    clicked = box.clickedButton()
    if clicked is new:
        return NEW_PROJECT
    if version is not None and clicked is version:
        return NEW_VERSION
    return None


# -- what each kind does --------------------------------------------------------------------
def handle_drop(window, paths: list[Path]) -> None:
    """Take each dropped file where it belongs (``window``: the MainWindow)."""
    refused: list[Path] = []
    devices: list[Path] = []
    for path in paths:
        kind = kind_of(path)
        if kind == DEVICE:
            devices.append(path)
        elif kind == PROJECT:
            window.open_project(path)
        elif kind == FORM:
            drop_form(window, path)
        elif kind == DATA:
            drop_data(window, path)
        else:
            refused.append(path)
    if devices:
        drop_devices(window, devices)
    if refused:
        names = ", ".join(f"“{path.name}”" for path in refused)
        tell(window, translate("Drops", "Cannot use the dropped file"), fill(translate(
            "Drops", "SurveyDesk cannot use %1. Drop a project (.sdproj), a questionnaire "
                     "(XLSForm .xlsx), respondent data (.csv, .xlsx, .sav) or a device file "
                     "(.sddevice)."), names))


def _no_project(window, path: Path, what: str) -> bool:
    if window.project is not None:
        return False
    tell(window, translate("Drops", "No project is open"), fill(what, path.name))
    return True


def drop_devices(window, paths: list[Path]) -> int:
    """Add device files to the merge list of the Sync view; returns how many were new."""
    if _no_project(window, paths[0], translate(
            "Drops", "Open the master project first, then drop “%1” on it to merge it.")):
        return 0
    if window.sync_page.is_busy():
        tell(window, translate("Drops", "A merge is running"), translate(
            "Drops", "Wait until the merge has finished, then drop the device files again."))
        return 0
    window.show_sync()
    window.sync_page.tabs.setCurrentWidget(window.sync_page.merge_panel)
    return window.sync_page.merge_panel.add_files(paths)


def drop_data(window, path: Path) -> ImportDialog | None:
    if _no_project(window, path, translate(
            "Drops", "Open the project to import “%1” into first, then drop the file again.")):
        return None
    return window.import_data(path)


def drop_form(window, path: Path) -> bool:
    project = window.project
    choice = ask_form_use(window, path, None if project is None else project.path.name)
    if choice == NEW_PROJECT:
        return window.new_project_from_form(path)
    if choice == NEW_VERSION:
        return add_form_version(window, path)
    return False


def add_form_version(window, path: Path) -> bool:
    """Store the workbook as a new questionnaire version of the open project (as
    ``surveydesk-cli form update``). Every stored answer is checked against it, which takes
    seconds on a big project, so that runs in the background behind a progress dialog with
    Cancel (:attr:`window.form_task`); the outcome is told when it is done. ``False`` if it
    could not start."""
    title = translate("Drops", "Could not add the questionnaire version")
    if window.entry_page.recorder is not None:
        tell(window, title, translate("Drops", "An interview is open in interview entry. "
                                               "Finish or leave it first, then drop the "
                                               "questionnaire again."))
        return False
    project = window.project
    try:
        workbook = path.read_bytes()
        questionnaire = read_xlsform(workbook, path.name)
    except SurveyDeskError as error:
        tell(window, title, str(error))
        return False
    except OSError as error:
        tell(window, title, f"{error.filename or path}: {error.strerror or error}")
        return False
    busy = ProgressDialog(
        window, title=translate("Drops", "Questionnaire version"),
        text=translate("Drops", "Checking every stored answer against the new questionnaire…"),
        cancel_text=translate("Drops", "Cancel"), minimum_duration=300)

    def succeeded(added) -> None:
        if added is None:
            tell(window, translate("Drops", "Questionnaire version"), fill(translate(
                "Drops", "This questionnaire is already in %1; nothing changed."),
                project.path.name), problem=False)
            return
        window.set_project(project)  # every view reads the new version
        tell(window, translate("Drops", "Questionnaire version added"), fill(translate(
            "Drops", "Added questionnaire version %1 to %2 (%3 versions stored). New "
                     "interviews and imports are checked against it."),
            added.version, project.path.name, len(project.form_versions())), problem=False)

    def cancelled(_error: Cancelled) -> None:
        tell(window, translate("Drops", "Questionnaire version"), translate(
            "Drops", "Adding the questionnaire version was cancelled; nothing was stored."),
            problem=False)

    run = window.form_task = run_in_background(
        project.path, lambda copy, _progress, cancelled: copy.add_form_version(
            workbook, questionnaire, cancelled=cancelled), window, view=busy,
        on_success=succeeded, on_cancelled=cancelled,
        on_failure=lambda error: tell(window, title, error_message(project.path, error)))
    run.finished.connect(lambda: setattr(window, "form_task", None))
    return True
