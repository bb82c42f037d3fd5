"""File ▸ Export data: the respondent data as CSV or SPSS, with the audit log beside it.

The export is what ``surveydesk-cli export`` runs (:func:`surveydesk.io.exporter.export_csv`
or :func:`~surveydesk.io.exporter.export_sav`, then
:func:`surveydesk.io.audit_export.write_audit_log` to ``<name>_audit.csv``), in a
:class:`~surveydesk.gui.tasks.ProjectTask` so the window keeps working. Phone numbers and
names are never in it: they live only in the call list. Each file is written whole or not
at all.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from surveydesk.core.errors import Cancelled
from surveydesk.gui.output_file import may_replace, refusal
from surveydesk.gui.save_folder import default_save_folder
from surveydesk.gui.task_dialog import TaskDialog
from surveydesk.gui.translation import current_language, fill, ui_locale
from surveydesk.io import exporter
from surveydesk.io.audit_export import AuditExport, audit_path, write_audit_log
from surveydesk.store.project import Project

translate = QCoreApplication.translate

FORMATS = ("csv", "sav")
DELIMITERS = (",", ";", "\t")


@dataclass(frozen=True)
class ExportRequest:
    """What to write: ``out`` as ``format`` with these options."""

    out: Path
    format: str = "csv"
    wave: str | None = None
    language: str | None = None
    labels: bool = False
    delimiter: str = ","
    audit: bool = True
    replace: bool = False  # an existing file at ``out`` may be replaced (the user agreed)


@dataclass(frozen=True)
class Exported:
    data: exporter.ExportResult
    audit: AuditExport | None


def output_problem(request: ExportRequest, project_path: Path) -> str | None:
    """Why the export cannot or must not write ``request.out`` (before any work starts), in
    the UI language; ``None`` if it can. The policy is :mod:`surveydesk.io.files`."""
    wanted = ".sav" if request.format == "sav" else (".csv", ".tsv", ".txt")
    return refusal(request.out, suffixes=wanted, protect=project_path)


def export_work(request: ExportRequest):
    """The background work: the data file, then (unless left out) its audit log."""

    def work(project: Project, progress, cancelled) -> Exported:
        progress(0, 2, "data")
        if request.format == "sav":
            data = exporter.export_sav(project, request.out, wave=request.wave,
                                       language=request.language, replace=request.replace)
        else:
            data = exporter.export_csv(project, request.out, wave=request.wave,
                                       language=request.language, labels=request.labels,
                                       delimiter=request.delimiter, replace=request.replace)
        if not request.audit:
            return Exported(data, None)
        if cancelled():  # the data file is written; say so rather than pretend otherwise
            raise Cancelled(f"Cancelled after {request.out.name} was written; the audit log "
                            "was not written.")
        progress(1, 2, "audit")
        # The audit log goes with its data file and is replaced with it (as the CLI does).
        audit = write_audit_log(project, audit_path(request.out), wave=request.wave,
                                delimiter=";" if request.delimiter == ";" else ",",
                                replace=True)
        return Exported(data, audit)

    return work


class ExportDialog(TaskDialog):
    """Format, wave, labels, file; then the export with progress."""

    exported = Signal(object)  # Exported

    def __init__(self, parent: QWidget | None, project: Project):
        super().__init__(parent, project)
        self.setObjectName("exportDialog")
        self.result: Exported | None = None
        self._chosen: Path | None = None  # the file the save dialog asked about
        self.format_combo = QComboBox()
        for code in FORMATS:
            self.format_combo.addItem("", code)
        self.wave_combo = QComboBox()
        self.wave_combo.addItem("", None)
        for wave in project.waves():
            self.wave_combo.addItem(wave.label, wave.label)
        self.language_combo = QComboBox()
        for language in project.questionnaire.languages:
            self.language_combo.addItem(f"{language.name} ({language.code})", language.code)
        index = self.language_combo.findData(current_language())
        if index >= 0:
            self.language_combo.setCurrentIndex(index)
        self.labels_box = QCheckBox()
        self.delimiter_combo = QComboBox()
        for delimiter in DELIMITERS:
            self.delimiter_combo.addItem("", delimiter)
        self.audit_box = QCheckBox(checked=True)
        self.file_edit = QLineEdit(str(default_save_folder(project.path)
                                       / project.path.with_suffix(".csv").name))
        self.browse_button = QPushButton()
        self.browse_button.clicked.connect(self.choose_file)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(self.browse_button)
        self.captions = [QLabel() for _ in range(6)]
        form = QFormLayout()
        for caption, field in zip(self.captions, (self.format_combo, self.wave_combo,
                                                  self.language_combo, self.delimiter_combo,
                                                  self.labels_box, file_row), strict=True):
            form.addRow(caption, field)
        form.addRow("", self.audit_box)
        self.note_label = QLabel(wordWrap=True)
        self.buttons = QDialogButtonBox()
        self.export_button = QPushButton()
        self.export_button.setDefault(True)
        self.buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.export_button.clicked.connect(self.start)
        self.close_button.clicked.connect(self.cancel_or_close)
        self.format_combo.currentIndexChanged.connect(self._format_changed)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note_label)
        layout.addWidget(self.progress)
        layout.addWidget(self.status_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        self.retranslateUi()
        self._format_changed()

    # -- options ---------------------------------------------------------------------------
    def request(self) -> ExportRequest:
        return ExportRequest(
            out=Path(self.file_edit.text().strip()), format=self.format_combo.currentData(),
            wave=self.wave_combo.currentData(), language=self.language_combo.currentData(),
            labels=self.labels_box.isChecked(), delimiter=self.delimiter_combo.currentData(),
            audit=self.audit_box.isChecked())

    def _format_changed(self, *_args) -> None:
        is_csv = self.format_combo.currentData() == "csv"
        self.labels_box.setEnabled(is_csv)
        self.delimiter_combo.setEnabled(is_csv)
        text = self.file_edit.text().strip()
        if text:
            path = Path(text)
            wanted = ".csv" if is_csv else ".sav"
            if path.suffix.lower() in (".csv", ".sav", ".tsv", ".txt", ""):
                self.file_edit.setText(str(path.with_suffix(wanted)))

    def choose_file(self) -> None:
        is_csv = self.format_combo.currentData() == "csv"
        filters = (translate("ExportDialog", "CSV files (*.csv)") if is_csv
                   else translate("ExportDialog", "SPSS files (*.sav)"))
        path, _ = QFileDialog.getSaveFileName(self, translate("ExportDialog", "Export data"),
                                              self.file_edit.text(), filters)
        if path:
            self.file_edit.setText(path)
            self._chosen = Path(path)  # the save dialog asked before replacing it

    # -- the export ------------------------------------------------------------------------
    def start(self) -> bool:
        if self.task is not None:
            return False
        request = self.request()
        problem = output_problem(request, self.project.path)
        if problem is not None:
            self.show_status(problem)
            return False
        if not may_replace(self, request.out, translate("ExportDialog", "Replace the file?"),
                           translate("ExportDialog", "%1 already exists. Replace it with the "
                                                     "new export?"), self._chosen):
            self.file_edit.setFocus()
            return False
        request = dataclasses.replace(request, replace=True)  # asked, if it exists
        self.result = None
        self.run(export_work(request),
                 fill(translate("ExportDialog", "Writing %1…"), request.out.name))
        return True

    def inputs(self) -> list[QWidget]:
        return [self.export_button, self.format_combo, self.wave_combo, self.language_combo,
                self.delimiter_combo, self.labels_box, self.audit_box, self.file_edit,
                self.browse_button]

    def set_busy(self, busy: bool) -> None:
        super().set_busy(busy)
        if not busy:
            self._format_changed()  # CSV-only options stay off for SPSS

    def succeeded(self, result: Exported) -> None:
        self.result = result
        locale = ui_locale()
        data = result.data
        lines = [fill(translate("ExportDialog", "Wrote %1 interviews × %2 columns (waves: %3) "
                                                "to %4."),
                      locale.toString(data.rows), locale.toString(data.columns),
                      ", ".join(data.waves) or "–", data.path)]
        if result.audit is not None:
            lines.append(fill(translate("ExportDialog", "Wrote the audit log (%1 entries) to "
                                                        "%2."),
                              locale.toString(result.audit.entries), result.audit.path))
        lines += list(data.warnings)
        self.show_status("\n".join(lines))
        self.exported.emit(result)

    def failed(self, error: BaseException) -> None:
        if isinstance(error, Cancelled):
            self.show_status(str(error))
        else:
            super().failed(error)

    def finished(self) -> None:
        if self.result is not None:
            self.export_button.hide()
            self.close_button.setText(translate("ExportDialog", "Close"))

    def retranslateUi(self) -> None:
        self.setWindowTitle(translate("ExportDialog", "Export data"))
        names = {"csv": translate("ExportDialog", "CSV (Excel, R, Python)"),
                 "sav": translate("ExportDialog", "SPSS (.sav) with value labels")}
        for index in range(self.format_combo.count()):
            self.format_combo.setItemText(index, names[self.format_combo.itemData(index)])
        self.wave_combo.setItemText(0, translate("ExportDialog", "All waves"))
        delimiters = {",": translate("ExportDialog", "Comma (English Excel)"),
                      ";": translate("ExportDialog", "Semicolon, decimal comma (Danish "
                                                     "Excel)"),
                      "\t": translate("ExportDialog", "Tab")}
        for index in range(self.delimiter_combo.count()):
            self.delimiter_combo.setItemText(index,
                                             delimiters[self.delimiter_combo.itemData(index)])
        captions = (translate("ExportDialog", "&Format:"), translate("ExportDialog", "&Wave:"),
                    translate("ExportDialog", "&Labels in:"),
                    translate("ExportDialog", "&Separator:"),
                    translate("ExportDialog", "Answers:"), translate("ExportDialog", "&File:"))
        for caption, text in zip(self.captions, captions, strict=True):
            caption.setText(text)
        for caption, buddy in zip(self.captions, (self.format_combo, self.wave_combo,
                                                  self.language_combo, self.delimiter_combo,
                                                  self.labels_box, self.file_edit),
                                  strict=True):
            caption.setBuddy(buddy)
        self.labels_box.setText(translate("ExportDialog", "As labels instead of codes (the "
                                                          "file cannot be imported back)"))
        self.audit_box.setText(translate("ExportDialog", "Also write the audit log "
                                                         "(<name>_audit.csv)"))
        self.note_label.setText(translate(
            "ExportDialog", "Phone numbers and names are never exported: they stay in the "
                            "call list. The audit log lists every change to an answer, who "
                            "made it and why."))
        self.browse_button.setText(translate("ExportDialog", "Choose…"))
        self.export_button.setText(translate("ExportDialog", "&Export"))
        if self.result is not None:
            self.close_button.setText(translate("ExportDialog", "Close"))
