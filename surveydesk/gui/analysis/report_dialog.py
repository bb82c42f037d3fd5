"""Analysis ▸ Write Excel report: the client's workbook in Danish or English, written in the
background with progress and cancel.

The workbook is what ``surveydesk-cli report`` writes: :func:`surveydesk.analysis.report.
report_content` gathers the tables, :func:`surveydesk.export.excel.write_report` writes them
atomically (a temporary ``.report-*`` file beside the target, renamed when complete), and
the output path is checked by the command line's own check (not the project file, a name
ending in ``.xlsx``, an existing folder). Both steps run in one
:class:`~surveydesk.gui.tasks.BackgroundRun` with its own connection to the project file, so
the window stays responsive; a small progress dialog shows what is being done and cancels.

The dialog starts from the analysis view's options (breakdowns, weighting, benchmark file)
and the UI language. On success it closes and :class:`ReportWritten` names the file and
lists every warning of the report (labels shown in Danish because the form has no English
text, a missing title…), with buttons to open the workbook or its folder. A cancel leaves
no file and says so; an error is shown in a dialog and the dialog stays open.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QSettings, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from surveydesk.analysis.reference import BenchmarkValue
from surveydesk.core.errors import Cancelled
from surveydesk.export.excel import REPORT_SUFFIX
from surveydesk.export.glossary import report_languages
from surveydesk.gui.analysis.chart_picker import ChartsRow
from surveydesk.gui.analysis.labels import breakdown_label
from surveydesk.gui.analysis.options import breakdown_choices, read_benchmark_file
from surveydesk.gui.analysis.report_outcome import ReportProgress, ReportWritten
from surveydesk.gui.analysis.report_work import (
    LANGUAGE_NAMES,
    ProgressWords,
    ReportRequest,
    WrittenReport,
    write_workbook,
)
from surveydesk.gui.output_file import may_replace, refusal
from surveydesk.gui.records_dialogs import arrange, quiet
from surveydesk.gui.save_folder import default_save_folder
from surveydesk.gui.tasks import BackgroundRun, RunningTask, show_failure
from surveydesk.gui.translation import current_language, fill, ui_locale
from surveydesk.store import settings as stored
from surveydesk.store.project import Project

translate = QCoreApplication.translate

FOLDER_KEY = "report/folder"  # QSettings: where the last report was written


def default_file_name(form_id: str, language: str) -> str:
    """``<form_id>_report_<language>.xlsx``."""
    return f"{form_id or 'survey'}_report_{language}.xlsx"


def remembered_folder() -> Path | None:
    """The folder the last report was written to, if it still exists."""
    value = QSettings().value(FOLDER_KEY)
    return Path(value) if value and Path(value).is_dir() else None


Work = Callable[[Project, ReportRequest, Callable, Callable, ProgressWords], WrittenReport]


class ReportDialog(QDialog):
    """Options and file of the Excel report; Write runs it (see the module docstring).

    ``breakdowns``, ``weighted`` and ``benchmark`` start as the analysis view has them;
    ``work`` writes the report (tests pass a slower one)."""

    task = RunningTask()  # the report's task while it is written

    def __init__(self, project: Project, parent: QWidget | None = None, *,
                 breakdowns: Sequence[str] = (), weighted: bool = False,
                 benchmark: Sequence[BenchmarkValue] = (), benchmark_path: Path | None = None,
                 work: Work = write_workbook):
        super().__init__(parent, objectName="reportDialog")
        # Read once: the dialog may outlive the window's connection (another project).
        self.project_path = project.path
        self.questionnaire = project.questionnaire
        self.work = work
        self.running: BackgroundRun | None = None  # the latest write
        self.result: ReportWritten | None = None  # the message shown after success
        self.written: WrittenReport | None = None
        self.benchmark: tuple[BenchmarkValue, ...] = tuple(benchmark)
        self.benchmark_path = Path(benchmark_path) if benchmark and benchmark_path else None
        self.has_populations = bool(stored.population_counts(project))
        self._status: str | None = None  # a key of _status_text()
        self._chosen: Path | None = None  # a path the save dialog already asked to replace
        self._form_id = self.questionnaire.form_id

        self.intro = quiet(QLabel(wordWrap=True))
        self.language_combo = QComboBox(objectName="reportLanguage")
        for code in report_languages():
            self.language_combo.addItem(LANGUAGE_NAMES.get(code, code), code)
        self.language_combo.setCurrentIndex(
            max(0, self.language_combo.findData(current_language())))
        self.first_breakdown = QComboBox(objectName="reportFirstBreakdown")
        self.second_breakdown = QComboBox(objectName="reportSecondBreakdown")
        for combo in (self.first_breakdown, self.second_breakdown):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(24)
            combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._fill_breakdowns(*breakdowns[:2])
        self.first_breakdown.currentIndexChanged.connect(self._breakdowns_changed)
        self.second_breakdown.currentIndexChanged.connect(self._breakdowns_changed)
        self.weighted_box = QCheckBox(objectName="reportWeighted",
                                      checked=weighted and self.has_populations,
                                      enabled=self.has_populations)
        self.benchmark_label = QLabel(objectName="reportBenchmark")
        self.benchmark_label.setSizePolicy(QSizePolicy.Policy.Expanding,
                                           QSizePolicy.Policy.Preferred)
        self.benchmark_button = QPushButton(objectName="reportChooseBenchmark")
        self.clear_benchmark_button = QPushButton(objectName="reportClearBenchmark")
        self.benchmark_button.clicked.connect(self.choose_benchmark)
        self.clear_benchmark_button.clicked.connect(self.clear_benchmark)
        self.charts = ChartsRow(project)  # the headline charts, besides the targets'
        self.path_edit = QLineEdit(objectName="reportPath")
        self.path_edit.setMinimumWidth(self.fontMetrics().averageCharWidth() * 56)
        self.path_edit.textEdited.connect(self._path_edited)
        self.browse_button = QPushButton(objectName="reportBrowse")
        self.browse_button.clicked.connect(self.choose_file)
        folder = remembered_folder() or default_save_folder(project.path)
        self.path_edit.setText(str(folder / default_file_name(self._form_id, self.language())))
        self.language_combo.currentIndexChanged.connect(self._language_changed)
        self._language = self.language()

        self.message = QLabel(wordWrap=True, visible=False, objectName="reportMessage")
        self.message.setStyleSheet("QLabel { color: #8a1c1c; background: #fdeeee; "
                                   "border: 1px solid #f1b8b8; border-radius: 4px; "
                                   "padding: 6px 10px; }")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_label = quiet(QLabel(wordWrap=True, objectName="reportStatus"))

        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.labels = {key: QLabel() for key in ("language", "breakdown", "then",
                                                 "benchmark", "charts", "file")}
        for key, buddy in (("language", self.language_combo),
                           ("breakdown", self.first_breakdown),
                           ("then", self.second_breakdown), ("charts", self.charts.button),
                           ("file", self.path_edit)):
            self.labels[key].setBuddy(buddy)
        benchmark_row = arrange(QHBoxLayout(), self.benchmark_label, self.benchmark_button,
                                self.clear_benchmark_button)
        benchmark_row.setStretch(0, 1)
        file_row = arrange(QHBoxLayout(), self.path_edit, self.browse_button)
        file_row.setStretch(0, 1)
        self.form.addRow(self.labels["language"], self.language_combo)
        self.form.addRow(self.labels["breakdown"], self.first_breakdown)
        self.form.addRow(self.labels["then"], self.second_breakdown)
        self.form.addRow("", self.weighted_box)
        self.form.addRow(self.labels["benchmark"], benchmark_row)
        self.form.addRow(self.labels["charts"], self.charts)
        self.form.addRow(self.labels["file"], file_row)

        self.buttons = QDialogButtonBox()
        self.write_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.write_button.setObjectName("reportWrite")
        self.write_button.setDefault(True)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.write)
        self.buttons.rejected.connect(self.reject)
        layout = arrange(QVBoxLayout(self), self.intro, 6, self.form, self.message,
                         self.status_label, 4, self.buttons)
        layout.setContentsMargins(16, 14, 16, 12)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 104)
        self.retranslateUi()

    # -- what to write ---------------------------------------------------------------------
    def language(self) -> str:
        return self.language_combo.currentData()

    def breakdowns(self) -> tuple[str, ...]:
        first = self.first_breakdown.currentData() or ""
        second = self.second_breakdown.currentData() or ""
        return tuple(name for name in (first, second if first and second != first else "")
                     if name)

    def set_path(self, path: Path | str) -> None:
        """Write to ``path`` (as if typed)."""
        self.path_edit.setText(str(path))
        self._path_edited()

    def out_path(self) -> Path | None:
        """The workbook to write, relative names taken in the project's folder."""
        text = self.path_edit.text().strip()
        if not text:
            return None
        path = Path(text).expanduser()
        return path if path.is_absolute() else self.project_path.parent / path

    def request(self) -> ReportRequest | None:
        """What Write would write, or ``None`` with the reason shown in the dialog (a bad
        output path: the command line's checks)."""
        out = self.out_path()
        if out is None:
            self._show_message(translate("ReportDialog", "Give the name of the workbook to "
                                                         "write."))
            return None
        problem = refusal(out, suffixes=REPORT_SUFFIX, protect=self.project_path)
        if problem is not None:
            self._show_message(problem)
            return None
        self._show_message("")
        return ReportRequest(out, self.language(), self.breakdowns(),
                             self.weighted_box.isChecked() and self.has_populations,
                             self.benchmark, self.charts.headline())

    def _fill_breakdowns(self, first: str = "", second: str = "") -> None:
        questionnaire = self.questionnaire
        names = breakdown_choices(questionnaire)
        for combo, keep in ((self.first_breakdown, first), (self.second_breakdown, second)):
            combo.blockSignals(True)
            keep = combo.currentData() if combo.count() else keep
            combo.clear()
            combo.addItem(translate("ReportDialog", "(none)"), "")
            for name in names:
                label = breakdown_label(questionnaire, name)
                combo.addItem(label, name)
                combo.setItemData(combo.count() - 1, label, Qt.ItemDataRole.ToolTipRole)
            combo.setCurrentIndex(max(0, combo.findData(keep)))
            combo.blockSignals(False)
        self.second_breakdown.setEnabled(bool(self.first_breakdown.currentData()))

    def _breakdowns_changed(self, *_args) -> None:
        first = self.first_breakdown.currentData()
        if not first or self.second_breakdown.currentData() == first:
            self.second_breakdown.blockSignals(True)
            self.second_breakdown.setCurrentIndex(0)
            self.second_breakdown.blockSignals(False)
        self.second_breakdown.setEnabled(bool(first))

    def _language_changed(self, *_args) -> None:
        # A name still the default for the old language follows the new one.
        old, new = self._language, self.language()
        self._language = new
        path = self.out_path()
        if path is not None and path.name == default_file_name(self._form_id, old):
            self.path_edit.setText(str(path.with_name(default_file_name(self._form_id, new))))
            self._path_edited()

    def _path_edited(self, *_args) -> None:
        self._chosen = None
        self._show_message("")

    # -- the benchmark ---------------------------------------------------------------------
    def choose_benchmark(self) -> None:
        start = str((self.benchmark_path or self.project_path).parent)
        path, _ = QFileDialog.getOpenFileName(
            self, translate("ReportDialog", "Choose a benchmark file"), start,
            translate("ReportDialog", "Benchmark files (*.csv *.xlsx);;All files (*)"))
        if path:
            self.load_benchmark(Path(path))

    def load_benchmark(self, path: Path) -> bool:
        """Compare with the values in ``path`` (the reader of ``tables --benchmark``); a
        file that cannot be used is refused in a dialog and the benchmark stays."""
        values, message = read_benchmark_file(path, self.questionnaire)
        if values is not None:
            self.benchmark, self.benchmark_path = values, Path(path)
            self._show_benchmark()
            return True
        QMessageBox.critical(self, translate("ReportDialog", "Could not use the benchmark "
                                                             "file"), message)
        return False

    def clear_benchmark(self) -> None:
        self.benchmark, self.benchmark_path = (), None
        self._show_benchmark()

    def _show_benchmark(self) -> None:
        has = bool(self.benchmark)
        self.clear_benchmark_button.setEnabled(has and self.task is None)
        if not has:
            self.benchmark_label.setText(translate("ReportDialog", "None"))
            self.benchmark_label.setToolTip("")
            return
        name = self.benchmark_path.name if self.benchmark_path else ""
        name = self.benchmark_label.fontMetrics().elidedText(
            name, Qt.TextElideMode.ElideMiddle, self.fontMetrics().averageCharWidth() * 40)
        self.benchmark_label.setText(fill(translate("ReportDialog", "%1 (%2 values)"), name,
                                          ui_locale().toString(len(self.benchmark))))
        self.benchmark_label.setToolTip(str(self.benchmark_path or ""))

    # -- the output file -------------------------------------------------------------------
    def choose_file(self) -> None:
        """Ask where to save the workbook (the save dialog asks before replacing a file)."""
        current = self.out_path() or self.project_path.parent / default_file_name(
            self._form_id, self.language())
        target, _ = QFileDialog.getSaveFileName(
            self, translate("ReportDialog", "Save the report as"), str(current),
            translate("ReportDialog", "Excel workbooks (*.xlsx)"))
        if not target:
            return
        path = Path(target)
        if path.suffix.lower() != ".xlsx":
            path = path.with_name(path.name + ".xlsx")
        # The save dialog asked before replacing the name it returned, not another one.
        self._chosen = path if str(path) == target else None
        self.path_edit.setText(str(path))
        self._show_message("")

    def _may_replace(self, out: Path) -> bool:
        return may_replace(self, out, translate("ReportDialog", "Replace the workbook?"),
                           translate("ReportDialog", "%1 already exists. Replace it with the "
                                                     "new report?"), self._chosen)

    # -- writing ---------------------------------------------------------------------------
    def write(self) -> bool:
        """Check the options and start writing in the background; ``False`` if it did not
        start (a bad path, shown in the dialog, or work already running)."""
        if self.task is not None:
            return False
        request = self.request()
        if request is None or not self._may_replace(request.out):
            self.path_edit.setFocus()
            return False
        request = dataclasses.replace(request, replace=True)  # asked, if it exists
        words = ProgressWords.translated()
        work = self.work

        def run(project: Project, progress, cancelled) -> WrittenReport:
            return work(project, request, progress, cancelled, words)

        progress = ReportProgress(request.out.name, self)
        self.running = BackgroundRun(
            self.project_path, run, self, view=progress, on_success=self._succeeded,
            on_cancelled=self._cancelled, on_failure=self._failed)
        self._set_status(None)
        self._set_busy(True)
        progress.show()
        self.running.start()
        return True

    @property
    def progress(self) -> ReportProgress | None:
        """The progress dialog, while the report is being written."""
        return self.running.view if self.task is not None else None

    def cancel(self) -> None:
        """Stop the running work at its next check; nothing is written."""
        if self.running is not None:
            self.running.cancel()

    def abandon(self) -> None:
        """Cancel running work and wait for its thread (the window closes)."""
        if self.task is not None:
            self.running.abandon()
            self._set_busy(False)

    def _succeeded(self, written: WrittenReport) -> None:
        self._set_busy(False)
        self.written = written
        QSettings().setValue(FOLDER_KEY, str(written.path.parent))
        self.result = ReportWritten(written, self.parentWidget())
        self.accept()
        self.result.open()

    def _cancelled(self, _error: Cancelled) -> None:
        self._set_busy(False)
        self._set_status("cancelled")

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self._set_status("failed")
        show_failure(self, translate("ReportDialog", "Could not write the report"),
                     self.project_path, error)

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.language_combo, self.first_breakdown, self.path_edit,
                       self.browse_button, self.benchmark_button, self.charts,
                       self.write_button):
            widget.setEnabled(not busy)
        self.second_breakdown.setEnabled(not busy and bool(self.first_breakdown.currentData()))
        self.weighted_box.setEnabled(not busy and self.has_populations)
        self._show_benchmark()

    def reject(self) -> None:
        if self.task is not None:  # closing while writing cancels; the dialog stays
            self.cancel()
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.task is not None:
            self.cancel()
            event.ignore()
            return
        super().closeEvent(event)

    # -- messages --------------------------------------------------------------------------
    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _set_status(self, status: str | None) -> None:
        self._status = status
        self.status_label.setText(self._status_text())
        self.status_label.setVisible(bool(self.status_label.text()))

    def _status_text(self) -> str:
        return {
            "cancelled": translate("ReportDialog", "Cancelled: no report was written."),
            "failed": translate("ReportDialog", "No report was written."),
        }.get(self._status or "", "")

    # -- language --------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def retranslateUi(self) -> None:
        self.setWindowTitle(translate("ReportDialog", "Write Excel report"))
        self.intro.setText(translate(
            "ReportDialog", "Every table of the project in one Excel workbook for the client: "
                            "a sheet per group of questions with all waves, significance "
                            "marks, targets and charts. A label the questionnaire lacks in the "
                            "report language is shown in its default language and listed "
                            "when the report is written."))
        texts = {
            "language": translate("ReportDialog", "Report &language:"),
            "breakdown": translate("ReportDialog", "&Breakdown:"),
            "then": translate("ReportDialog", "and b&y:"),
            "benchmark": translate("ReportDialog", "Benchmark:"),
            "charts": translate("ReportDialog", "Charts:"),
            "file": translate("ReportDialog", "&Save as:"),
        }
        for key, text in texts.items():
            self.labels[key].setText(text)
        self.weighted_box.setText(translate("ReportDialog", "Wei&ghted to the population "
                                                            "counts"))
        self.weighted_box.setToolTip(
            translate("ReportDialog", "Weight each wave to the population counts set for "
                                      "the project.") if self.has_populations else
            translate("ReportDialog", "No population counts are set for this project. Set "
                                      "them with: surveydesk-cli population set PROJECT "
                                      "FILE"))
        self.benchmark_button.setText(translate("ReportDialog", "Benchmark f&ile…"))
        self.clear_benchmark_button.setText(translate("ReportDialog", "&Remove"))
        self.browse_button.setText(translate("ReportDialog", "C&hoose…"))
        self.write_button.setText(translate("ReportDialog", "&Write report"))
        self.close_button.setText(translate("ReportDialog", "Cancel"))
        self._fill_breakdowns()
        self._show_benchmark()
        self._set_status(self._status)
