"""File ▸ Remove contact data…: the call list's phone numbers and names after fieldwork.

The removal is :func:`surveydesk.store.contacts.remove_contact_data`, the function
``surveydesk-cli privacy purge --call-list`` calls. The dialog names what goes (numbers,
names, calls still open) and what stays; nothing happens unless the user chooses "Remove".
"""

from __future__ import annotations

import getpass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from surveydesk.core.userdata import entry_profile
from surveydesk.gui.tasks import pass_on_bug, show_failure
from surveydesk.gui.translation import fill, ui_locale
from surveydesk.store.contacts import contact_data, remove_contact_data
from surveydesk.store.project import Project

translate = QCoreApplication.translate


def who_removes() -> str:
    """The entry profile's name, else the user name (recorded in the audit log)."""
    name = entry_profile().interviewer.strip()
    if name:
        return name
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"


def confirm_and_remove(parent: QWidget, project: Project) -> bool:
    """Ask, then remove the contact data; whether anything was removed."""
    title = translate("ContactData", "Remove contact data")
    try:
        held = contact_data(project)
    except Exception as error:  # a damaged file: explained, as everywhere in the app
        _failed(parent, project, error)
        return False
    locale = ui_locale()
    if not held.anything:
        QMessageBox.information(parent, title, translate(
            "ContactData", "The call list holds no phone numbers or names."))
        return False
    box = QMessageBox(QMessageBox.Icon.Warning, title, fill(
        translate("ContactData", "Remove %1 phone numbers and %2 names from the call list "
                                 "(%3 calls)?"),
        locale.toString(held.phones), locale.toString(held.names), locale.toString(held.calls)),
        QMessageBox.StandardButton.NoButton, parent)
    lines = [translate("ContactData", "Interviews, call outcomes and the times of the calls "
                                      "stay, so response rates are kept. The removal is "
                                      "recorded in the audit log and cannot be undone.")]
    if held.unfinished:
        lines.append(fill(translate("ContactData", "%1 calls are still open or have an "
                                                   "appointment; they cannot be called "
                                                   "afterwards."),
                          locale.toString(held.unfinished)))
    box.setInformativeText("\n\n".join(lines))
    remove = box.addButton(translate("ContactData", "Remove contact data"),
                           QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.exec()
    if box.clickedButton() is not remove:
        return False
    try:
        removed = remove_contact_data(project, who=who_removes())
    except Exception as error:
        _failed(parent, project, error)
        return False
    QMessageBox.information(parent, title, fill(
        translate("ContactData", "Removed %1 phone numbers and %2 names from the call list. "
                                 "The removal is recorded in the audit log."),
        locale.toString(removed.phones), locale.toString(removed.names)))
    return True


def _failed(parent: QWidget, project: Project, error: BaseException) -> None:
    show_failure(parent, translate("ContactData", "Could not remove the contact data"),
                 project.path, error)
    pass_on_bug(error)
