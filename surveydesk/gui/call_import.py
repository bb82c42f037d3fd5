"""Import a call list (CSV or XLSX) into the open project, from the File menu.

The import is :func:`surveydesk.io.call_list.import_call_list`, the function the command
line uses: all rows or none. A file with problems is refused in a dialog that names each
problem's row, column and value; a project file that cannot be written is explained the
same way. A call list is a few thousand rows at most, read in well under a second, so it
is imported on the GUI thread behind a busy cursor. When the project's phone numbers and
names are encrypted, the pass phrase is asked for first (once per session) and the new rows
are encrypted on the way in; without it nothing is imported.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from surveydesk.core.errors import ProblemsError, SurveyDeskError
from surveydesk.gui.entry.passphrase import ask_contact_key
from surveydesk.gui.translation import fill, ui_locale
from surveydesk.io.call_list import CallListImport, import_call_list
from surveydesk.store.contact_encryption import is_encrypted
from surveydesk.store.database import STORAGE_ERRORS, explain_storage_error
from surveydesk.store.project import Project

translate = QCoreApplication.translate
SHOWN = 5  # problems or warnings in the dialog itself; all of them are in its details


def choose_and_import(parent: QWidget, project: Project) -> CallListImport | None:
    """Ask for a call list file and import it; ``None`` if cancelled or refused."""
    path, _ = QFileDialog.getOpenFileName(
        parent,
        translate("CallListImport", "Import call list"),
        str(project.path.parent),
        translate("CallListImport", "Call lists (*.csv *.xlsx *.txt *.tsv);;All files (*)"),
    )
    return import_file(parent, project, Path(path)) if path else None


def import_file(parent: QWidget, project: Project, path: Path) -> CallListImport | None:
    """Import the call list at ``path``; say what was added, or why nothing was."""
    title = translate("CallListImport", "Import call list")
    cipher = None
    if is_encrypted(project):  # new numbers are encrypted on the way in
        cipher = ask_contact_key(parent, project)
        if cipher is None:
            return None
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        result = import_call_list(project, path, cipher=cipher)
    except SurveyDeskError as error:
        _refused(parent, error)
        return None
    except STORAGE_ERRORS as error:
        _refused(parent, explain_storage_error(project.path, error))
        return None
    except OSError as error:  # e.g. the file is open in Excel and locked, or vanished
        where = f"{error.filename}: " if error.filename else ""
        _refused(parent, SurveyDeskError(f"{where}{error.strerror or error}"))
        return None
    finally:
        QApplication.restoreOverrideCursor()
    box = QMessageBox(QMessageBox.Icon.Information, title, summary(result),
                      QMessageBox.StandardButton.Ok, parent)
    if result.warnings:
        _list(box, translate("CallListImport", "Worth checking:"), result.warnings)
    box.exec()
    return result


def summary(result: CallListImport) -> str:
    """What an import did, in the UI language."""
    locale = ui_locale()
    text = fill(translate("CallListImport", "Numbers added to the call list from %1: %2."),
                result.file_name, locale.toString(result.added))
    if result.unchanged:
        text += "\n" + fill(translate(
            "CallListImport", "Already in the call list with the same data, so skipped: %1."),
            locale.toString(result.unchanged))
    return text


def _refused(parent: QWidget, error: SurveyDeskError) -> None:
    """The error in a dialog: the headline, the first problems, and all of them in the
    details (the problems name file, row, column and value)."""
    box = QMessageBox(QMessageBox.Icon.Critical,
                      translate("CallListImport", "Could not import the call list"),
                      str(error), QMessageBox.StandardButton.Ok, parent)
    if isinstance(error, ProblemsError) and error.problems:
        box.setText(error.headline)
        _list(box, "", error.problems)
    box.exec()


def _list(box: QMessageBox, heading: str, items) -> None:
    """The first items (under ``heading``) in the box, and every item in its details."""
    lines = [f"• {item}" for item in items]
    shown = ([heading] if heading else []) + lines[:SHOWN]
    if len(lines) > SHOWN:
        shown.append(fill(translate("CallListImport", "… and %1 more (see the details)"),
                          ui_locale().toString(len(lines) - SHOWN)))
    box.setInformativeText("\n".join(shown))
    box.setDetailedText("\n".join(lines))
