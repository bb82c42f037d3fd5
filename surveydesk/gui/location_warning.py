"""The warning shown before a project file in a network or cloud-synced folder is opened.

SQLite's locks do not hold across a network and sync clients copy half-written files, so a
live project there gets damaged (see :mod:`surveydesk.sync.locations`); device files are the
safe way to move interviews between computers.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from surveydesk.gui.translation import fill
from surveydesk.sync.locations import CLOUD_FOLDER, NETWORK_SHARE, RiskyLocation, risky_location

translate = QCoreApplication.translate


def location_problem(location: RiskyLocation, path: Path) -> str:
    """Where the project file at ``path`` is, as a sentence in the current UI language."""
    if location.kind == CLOUD_FOLDER:
        template = translate("MainWindow", "The project file “%1” is in a folder that %2 keeps "
                                           "in sync with the cloud.")
    elif location.kind == NETWORK_SHARE:
        template = translate("MainWindow", "The project file “%1” is on the network share %2.")
    else:
        template = translate("MainWindow", "The project file “%1” is on a network drive (%2).")
    return fill(template, path.name, location.detail)


def confirm_location(parent: QWidget | None, path: Path | str, *, creating: bool = False) -> bool:
    """Whether to go on with the project file at ``path``: yes at once if its folder is local;
    if it is a network or cloud-synced folder (:func:`risky_location`), the user's answer to
    a warning whose default is Cancel.

    SQLite's locks do not hold across a network and sync clients copy half-written files,
    so a live project there gets damaged (see :mod:`surveydesk.sync.locations`).
    """
    path = Path(path)
    location = risky_location(path)
    if location is None:
        return True
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        translate("MainWindow", "Project in a network or cloud folder"),
        location_problem(location, path),
        QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel,
        parent,
    )
    damage = translate(
        "MainWindow",
        "Working on a project file there can damage it: the network or the sync program can "
        "copy the file while SurveyDesk is halfway through saving, and answers can be lost.",
    )
    if creating:
        advice = translate(
            "MainWindow",
            "Save the new project in a local folder that is not synchronised (for example "
            "Documents, unless OneDrive backs it up). To share interviews with colleagues, "
            "exchange device files (File ▸ Export device file) instead.",
        )
        go_on = translate("MainWindow", "Create anyway")
    else:
        advice = translate(
            "MainWindow",
            "Copy the file to a local folder that is not synchronised (for example Documents, "
            "unless OneDrive backs it up) and open it from there. To share interviews with "
            "colleagues, exchange device files (File ▸ Export device file) instead.",
        )
        go_on = translate("MainWindow", "Open anyway")
    box.setInformativeText(f"{damage}\n\n{advice}")
    box.button(QMessageBox.StandardButton.Open).setText(go_on)
    cancel = box.button(QMessageBox.StandardButton.Cancel)
    cancel.setText(translate("MainWindow", "Cancel"))
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    return box.exec() == QMessageBox.StandardButton.Open
