"""Help ▸ About: SurveyDesk's version and licence, the Python and Qt it runs on, and every
bundled third-party library with its version and licence.

The libraries are read at run time from the installed distributions' metadata
(``importlib.metadata``): SurveyDesk's own runtime requirements and, recursively, theirs.
The licence is the metadata's ``License-Expression`` (PEP 639), else a short ``License``
field, else the licence classifiers. The frozen build carries the same metadata
(``copy_metadata`` in packaging/surveydesk.spec), so the dialog is right there too;
``surveydesk --licences`` prints the same table.
"""

from __future__ import annotations

import importlib.metadata
import platform
import re
from dataclasses import dataclass

import PySide6
from PySide6.QtCore import QCoreApplication, QEvent, Qt, qVersion
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

import surveydesk
from surveydesk.gui.translation import fill

translate = QCoreApplication.translate

PROJECT = "surveydesk"
QT_LICENCE = "LGPL-3.0-only"
PYTHON_LICENCE = "PSF-2.0"
# Licence classifiers (``License :: OSI Approved :: BSD License``) as SPDX-like names.
CLASSIFIER_NAMES = {
    "MIT License": "MIT",
    "BSD License": "BSD",
    "Apache Software License": "Apache-2.0",
    "Python Software Foundation License": "PSF-2.0",
    "ISC License (ISCL)": "ISC",
    "Mozilla Public License 2.0 (MPL 2.0)": "MPL-2.0",
    "GNU Lesser General Public License v3 (LGPLv3)": "LGPL-3.0",
}


@dataclass(frozen=True)
class BundledLibrary:
    """A third-party distribution SurveyDesk runs with."""

    name: str
    version: str
    licence: str  # "" when the metadata names none
    direct: bool  # required by SurveyDesk itself, not only by another library


def normalised(name: str) -> str:
    """A distribution name as PEP 503 compares it (``PySide6_Essentials`` ->
    ``pyside6-essentials``)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def licence_of(metadata) -> str:
    """The licence a distribution's metadata declares, short enough for a table cell."""
    expression = (metadata.get("License-Expression") or "").strip()
    if expression:
        return expression
    text = (metadata.get("License") or "").strip()
    if text and "\n" not in text and len(text) <= 60:
        return text
    classifiers = [
        entry.split(" :: ")[-1]
        for entry in metadata.get_all("Classifier") or []
        if entry.startswith("License ::")
    ]
    names = [CLASSIFIER_NAMES.get(name, name) for name in classifiers if name != "OSI Approved"]
    if names:
        return ", ".join(dict.fromkeys(names))
    if text:  # a whole licence text in the field: its first line names it
        return text.splitlines()[0].strip()[:60]
    return ""


# What a licence file says first, for distributions whose metadata names no licence (pyxform).
_LICENCE_TEXTS = (
    ("Permission is hereby granted, free of charge", "MIT"),
    ("Apache License", "Apache-2.0"),
    ("GNU LESSER GENERAL PUBLIC LICENSE", "LGPL"),
    ("GNU GENERAL PUBLIC LICENSE", "GPL"),
    ("Mozilla Public License", "MPL-2.0"),
)


def licence_in_text(text: str) -> str:
    """The licence a licence file holds, recognised by its wording ("" if unknown)."""
    folded = " ".join(text.split())
    if "Redistribution and use in source and binary forms" in folded:
        return "BSD-3-Clause" if "Neither the name" in folded else "BSD-2-Clause"
    return next((name for words, name in _LICENCE_TEXTS if words in folded), "")


def licence_of_files(distribution: importlib.metadata.Distribution) -> str:
    """The licence of the distribution's own licence files (``License-File``)."""
    for name in distribution.metadata.get_all("License-File") or []:
        for path in (f"licenses/{name}", name):
            text = distribution.read_text(path)
            if text:
                return licence_in_text(text)
    return ""


def _requirements(distribution: importlib.metadata.Distribution) -> list[str]:
    """Names of what a distribution requires, leaving out optional extras."""
    names = []
    for requirement in distribution.requires or []:
        specifier, _semicolon, marker = requirement.partition(";")
        if "extra" in marker:
            continue
        match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", specifier)
        if match:
            names.append(match.group(1))
    return names


def bundled_libraries(project: str = PROJECT) -> list[BundledLibrary]:
    """Every installed distribution ``project`` needs at run time, recursively: its own
    requirements first (in the order pyproject.toml lists them), then the ones they bring,
    by name. A requirement that is not installed (a marker for another platform) is left
    out. Empty when ``project`` itself has no metadata (a source tree never installed)."""
    try:
        root = importlib.metadata.distribution(project)
    except importlib.metadata.PackageNotFoundError:
        return []
    direct = [normalised(name) for name in _requirements(root)]
    found: dict[str, BundledLibrary] = {}
    queue = list(direct)
    while queue:
        key = normalised(queue.pop(0))
        if key in found or key == normalised(project):
            continue
        try:
            distribution = importlib.metadata.distribution(key)
        except importlib.metadata.PackageNotFoundError:
            continue
        metadata = distribution.metadata
        found[key] = BundledLibrary(
            name=metadata["Name"] or key,
            version=distribution.version,
            licence=licence_of(metadata) or licence_of_files(distribution),
            direct=key in direct,
        )
        queue.extend(_requirements(distribution))
    first = [found[key] for key in dict.fromkeys(direct) if key in found]
    rest = sorted((library for library in found.values() if not library.direct),
                  key=lambda library: library.name.lower())
    return first + rest


def project_licence(project: str = PROJECT) -> str:
    """SurveyDesk's own licence as its metadata states it (pyproject.toml ``license``)."""
    try:
        return licence_of(importlib.metadata.metadata(project))
    except importlib.metadata.PackageNotFoundError:
        return ""


def runtime_rows() -> list[tuple[str, str, str]]:
    """(name, version, licence) of Qt, Python and every bundled library, as listed in the
    About dialog and printed by ``surveydesk --licences``."""
    return [
        ("Qt", qVersion(), QT_LICENCE),
        ("Python", platform.python_version(), PYTHON_LICENCE),
        *((library.name, library.version, library.licence) for library in bundled_libraries()),
    ]


class AboutDialog(QDialog):
    """Version, licence and the bundled libraries; re-translates with the UI language."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        icon = QLabel()
        app_icon = QApplication.windowIcon()
        if not app_icon.isNull():
            icon.setPixmap(app_icon.pixmap(64, 64))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        header = QVBoxLayout()
        header.addWidget(self.heading)
        header.addWidget(self.summary)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addLayout(header, 1)

        self.version_label = QLabel(surveydesk.__version__)
        self.licence_label = QLabel()
        self.python_label = QLabel(
            f"{platform.python_version()} ({platform.system()} {platform.machine()})")
        self.qt_label = QLabel()
        for label in (self.version_label, self.licence_label, self.python_label, self.qt_label):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fact_names = [QLabel() for _ in range(4)]
        self.facts = QFormLayout()
        for name, value in zip(self.fact_names, (self.version_label, self.licence_label,
                                                 self.python_label, self.qt_label), strict=True):
            self.facts.addRow(name, value)

        self.libraries_heading = QLabel()
        self.rows = runtime_rows()
        self.table = QTableWidget(len(self.rows), 3, self)
        self.table.setObjectName("bundledLibraries")
        for row, values in enumerate(self.rows):
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(row, column, item)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setCurrentCell(-1, -1)  # no cell looks picked when the dialog opens
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        header_view = self.table.horizontalHeader()
        header_view.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header_view.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header_view.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.qt_note = QLabel()
        self.qt_note.setWordWrap(True)
        self.qt_note.setOpenExternalLinks(True)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(self.facts)
        layout.addSpacing(6)
        layout.addWidget(self.libraries_heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.qt_note)
        layout.addWidget(self.buttons)
        self.resize(620, 600)
        self.retranslateUi()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def retranslateUi(self) -> None:
        self.setWindowTitle(translate("AboutDialog", "About SurveyDesk"))
        self.heading.setText(fill(translate("AboutDialog", "<h2>SurveyDesk %1</h2>"),
                                  surveydesk.__version__))
        self.summary.setText(translate(
            "AboutDialog",
            "Run and analyse municipal citizen surveys: XLSForm questionnaires, interviews on "
            "the web, in person and by phone, analysis and Excel reports.",
        ))
        names = (
            translate("AboutDialog", "Version:"),
            translate("AboutDialog", "Licence:"),
            translate("AboutDialog", "Python:"),
            translate("AboutDialog", "Qt:"),
        )
        for label, text in zip(self.fact_names, names, strict=True):
            label.setText(text)
        self.licence_label.setText(
            project_licence() or translate("AboutDialog", "All rights reserved"))
        self.qt_label.setText(fill(translate("AboutDialog", "%1 (PySide6 %2)"),
                                   qVersion(), PySide6.__version__))
        self.libraries_heading.setText(
            translate("AboutDialog", "<b>Bundled libraries</b> (read from their installed "
                                     "package information):"))
        self.table.setHorizontalHeaderLabels([
            translate("AboutDialog", "Library"),
            translate("AboutDialog", "Version"),
            translate("AboutDialog", "Licence"),
        ])
        for row, (_name, _version, licence) in enumerate(self.rows):
            if not licence:
                self.table.item(row, 2).setText(translate("AboutDialog", "not stated"))
        self.qt_note.setText(translate(
            "AboutDialog",
            "Qt and PySide6 are used under the GNU Lesser General Public License version 3. "
            "They are separate libraries in the application folder and can be replaced; their "
            "source code is at <a href=\"https://download.qt.io/official_releases/\">"
            "download.qt.io</a>. Every library keeps its own licence.",
        ))
