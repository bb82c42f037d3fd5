"""Import respondent data (CSV, Excel, SPSS) into a wave of the open project.

Opened by File ▸ Import data… or by dropping a data file on the window. The user picks the
wave (an existing one, or a new label) and the mode the rows were collected in (rows with a
``mode`` column keep theirs); the import is :func:`surveydesk.io.importer.import_table`,
what ``surveydesk-cli import`` runs: every cell checked, then all rows written or none. It
runs in a :class:`~surveydesk.gui.tasks.ProjectTask` with a progress bar and Cancel. Cancel
is honoured between reading, checking and writing; once writing has begun it completes (it
is one transaction, so a project is never left half-imported). A file with problems is
refused with every located problem (row, column, value) listed in the dialog.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from surveydesk.core.errors import Cancelled, ProblemsError
from surveydesk.gui.task_dialog import TaskDialog
from surveydesk.gui.translation import fill, ui_locale
from surveydesk.io.importer import ImportResult, import_table
from surveydesk.io.tables import read_table
from surveydesk.store.project import MODES, Project

translate = QCoreApplication.translate

DATA_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".sav")


def mode_name(mode: str) -> str:
    return {"web": translate("ImportDialog", "Web"),
            "in_person": translate("ImportDialog", "In person"),
            "phone": translate("ImportDialog", "Phone")}.get(mode, mode)


def import_work(path: Path, wave: str, mode: str):
    """The work of the task: read, check and write, with a chance to cancel between."""

    def work(project: Project, progress, cancelled) -> ImportResult:
        progress(0, 3, "read")
        table = read_table(path)
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if cancelled():
            raise Cancelled("The import was cancelled; nothing was imported.")
        progress(1, 3, "check")
        if cancelled():
            raise Cancelled("The import was cancelled; nothing was imported.")
        result = import_table(project, table, wave, mode, digest)
        progress(3, 3, "done")
        return result

    return work


def summary(result: ImportResult) -> str:
    """What an import did, in the UI language."""
    locale = ui_locale()
    if result.already_imported_at:
        return fill(translate("ImportDialog", "%1 was already imported into wave %2 on %3; "
                                              "nothing was added."),
                    result.file_name, result.wave, result.already_imported_at[:10])
    text = fill(translate("ImportDialog", "Imported %1 interviews from %2 into wave %3."),
                locale.toString(result.added), result.file_name, result.wave)
    if result.unchanged:
        text += " " + fill(translate("ImportDialog", "%1 respondents were already in the wave "
                                                     "with the same answers and were skipped."),
                           locale.toString(result.unchanged))
    return text


class ImportDialog(TaskDialog):
    """Wave and mode for one data file, then the import with progress and Cancel."""

    imported = Signal(object)  # the ImportResult of an import that finished

    def __init__(self, parent: QWidget | None, project: Project, path: Path | str):
        super().__init__(parent, project)
        self.setObjectName("importDialog")
        self.path = Path(path)
        self.result: ImportResult | None = None
        self.error: BaseException | None = None
        self.file_label = QLabel(self.path.name)
        self.file_label.setToolTip(str(self.path))
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.wave_combo = QComboBox(editable=True)
        self.wave_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.wave_combo.setMinimumWidth(220)
        waves = [wave.label for wave in project.waves()]
        self.wave_combo.addItems(waves)
        if waves:
            self.wave_combo.setCurrentIndex(len(waves) - 1)
        self.mode_combo = QComboBox()
        for mode in MODES:
            self.mode_combo.addItem("", mode)
        self.form = QFormLayout()
        self.file_caption, self.wave_caption, self.mode_caption = QLabel(), QLabel(), QLabel()
        self.form.addRow(self.file_caption, self.file_label)
        self.form.addRow(self.wave_caption, self.wave_combo)
        self.form.addRow(self.mode_caption, self.mode_combo)
        self.wave_caption.setBuddy(self.wave_combo)
        self.mode_caption.setBuddy(self.mode_combo)
        self.hint_label = QLabel(wordWrap=True)
        self.problem_list = QListWidget()
        self.problem_list.setWordWrap(True)
        self.problem_list.hide()
        self.buttons = QDialogButtonBox()
        self.import_button = QPushButton()
        self.import_button.setDefault(True)
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.close_button = self.buttons.addButton(
            QDialogButtonBox.StandardButton.Cancel)
        self.import_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel_or_close)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.progress)
        layout.addWidget(self.status_label)
        layout.addWidget(self.problem_list, 1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)
        self.retranslateUi()

    # -- the import ------------------------------------------------------------------------
    def start(self) -> bool:
        """Start the import in the background; ``False`` if it cannot start."""
        if self.task is not None:
            return False
        wave = self.wave_combo.currentText().strip()
        if not wave:
            self.show_status(translate("ImportDialog", "Give the wave a label, e.g. 2024."))
            self.wave_combo.setFocus()
            return False
        mode = self.mode_combo.currentData()
        self.result = self.error = None
        self.problem_list.clear()
        self.problem_list.hide()
        self.run(import_work(self.path, wave, mode),
                 fill(translate("ImportDialog", "Reading %1…"), self.path.name))
        return True

    def cancel_or_close(self, stopping: str = "") -> None:
        """Cancel: stop a running import (at its next step), else close the dialog."""
        super().cancel_or_close(translate("ImportDialog", "Stopping…"))

    def inputs(self) -> list[QWidget]:
        return [self.import_button, self.wave_combo, self.mode_combo]

    def progressed(self, step: int, total: int, text: str) -> None:
        super().progressed(step, total, text)
        if text == "check":
            self.show_status(translate("ImportDialog", "Checking every cell and saving…"))

    def succeeded(self, result: ImportResult) -> None:
        self.result = result
        message = summary(result)
        if result.warnings:
            message += "\n" + "\n".join(result.warnings)
        self.show_status(message)
        self.imported.emit(result)

    def failed(self, error: BaseException) -> None:
        self.error = error
        if isinstance(error, Cancelled):
            self.show_status(translate("ImportDialog",
                                       "The import was cancelled; nothing was imported."))
        elif isinstance(error, ProblemsError) and error.problems:
            self.show_status(error.headline)
            self.problem_list.addItems([str(problem) for problem in error.problems])
            self.problem_list.show()
        else:
            super().failed(error)

    def finished(self) -> None:
        if self.result is not None:  # done: only Close is left
            self.import_button.hide()
            self.cancel_button.setText(translate("ImportDialog", "Close"))

    def retranslateUi(self) -> None:
        self.setWindowTitle(translate("ImportDialog", "Import data"))
        self.file_caption.setText(translate("ImportDialog", "File:"))
        self.wave_caption.setText(translate("ImportDialog", "&Wave:"))
        self.mode_caption.setText(translate("ImportDialog", "&Mode:"))
        self.wave_combo.setToolTip(translate("ImportDialog",
                                             "An existing wave, or type a new label"))
        for index in range(self.mode_combo.count()):
            self.mode_combo.setItemText(index, mode_name(self.mode_combo.itemData(index)))
        self.hint_label.setText(translate(
            "ImportDialog", "The header names the questions; optional columns respondent_id, "
            "mode and status. Every cell is checked first: one problem and nothing is "
            "imported. Importing the same file again adds nothing."))
        self.import_button.setText(translate("ImportDialog", "&Import"))
        if self.result is not None:
            self.cancel_button.setText(translate("ImportDialog", "Close"))


def choose_data_file(parent: QWidget, project: Project) -> Path | None:
    path, _ = QFileDialog.getOpenFileName(
        parent, translate("ImportDialog", "Import data"), str(project.path.parent),
        translate("ImportDialog", "Data files (*.csv *.xlsx *.sav *.tsv *.txt);;All files (*)"))
    return Path(path) if path else None
