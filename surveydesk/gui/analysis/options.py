"""What the analysis tables are computed with: breakdowns, wave, weighting, significance,
minimum base and a benchmark file; and which significance marks the table shows.

:meth:`OptionsPanel.table_options` is the :class:`~surveydesk.analysis.tables.TableOptions`
the engine gets; a change to it emits :attr:`OptionsPanel.options_changed` (the page
computes again). The marks shown are a :class:`~surveydesk.gui.analysis.table_model.Display`;
changing them emits :attr:`OptionsPanel.display_changed` (nothing is computed). A benchmark
file is read with :func:`surveydesk.io.reference_files.read_benchmark`, the function the
command line's ``tables --benchmark`` uses; a file with problems is refused in a dialog and
the options stay as they were.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from surveydesk.analysis.reference import BenchmarkValue
from surveydesk.analysis.tables import TableOptions
from surveydesk.core.errors import SurveyDeskError
from surveydesk.core.questionnaire import Questionnaire, QuestionType
from surveydesk.gui.analysis.labels import breakdown_label
from surveydesk.gui.analysis.table_model import Display
from surveydesk.gui.records_dialogs import quiet
from surveydesk.gui.translation import fill, ui_locale
from surveydesk.io.reference_files import read_benchmark

translate = QCoreApplication.translate
ALPHAS = (0.10, 0.05, 0.01)
DEFAULT_ALPHA = 0.05
DEFAULT_MIN_BASE = 30  # seed 000: bars of 30 or fewer answers are drawn light


def breakdown_choices(questionnaire: Questionnaire) -> list[str]:
    """The variables a table can be broken down by: mode, wave, then the select_one
    questions, background questions (not scored) before scales."""
    questions = [q for q in questionnaire.questions
                 if q.type is QuestionType.SELECT_ONE and q.choice_list is not None]
    return ["mode", "wave", *(q.name for q in questions if not q.is_scored),
            *(q.name for q in questions if q.is_scored)]


def _combo(name: str) -> QComboBox:
    combo = QComboBox(objectName=name)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(14)
    combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return combo



def read_benchmark_file(path: Path, questionnaire: Questionnaire
                        ) -> tuple[tuple[BenchmarkValue, ...] | None, str]:
    """``(values, "")`` from a benchmark file (the reader of ``tables --benchmark``), or
    ``(None, message)`` naming what is wrong with it, for a dialog to show."""
    try:
        return read_benchmark(Path(path), questionnaire), ""
    except SurveyDeskError as error:
        return None, str(error)
    except OSError as error:
        return None, f"{error.filename or path}: {error.strerror or error}"

class OptionsPanel(QWidget):
    """The analysis options (see the module docstring)."""

    options_changed = Signal()
    display_changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.questionnaire: Questionnaire | None = None
        self.waves: list[str] = []
        self.has_populations = False
        self.benchmark: tuple[BenchmarkValue, ...] = ()
        self.benchmark_path: Path | None = None
        self._quiet = False  # while the panel fills its own widgets

        self.first_breakdown = _combo("firstBreakdown")
        self.second_breakdown = _combo("secondBreakdown")
        self.wave_combo = _combo("wave")
        self.weighted_box = QCheckBox(objectName="weighted")
        self.alpha_combo = _combo("alpha")
        self.min_base_spin = QSpinBox(objectName="minBase", minimum=0, maximum=100_000,
                                      value=DEFAULT_MIN_BASE, keyboardTracking=False)
        self.previous_box = QCheckBox(objectName="vsPrevious", checked=True)
        self.rest_box = QCheckBox(objectName="vsRest", checked=True)
        self.benchmark_box = QCheckBox(objectName="vsBenchmark", enabled=False)
        self.benchmark_button = QPushButton(objectName="chooseBenchmark")
        self.clear_benchmark_button = QPushButton(objectName="clearBenchmark", enabled=False)
        self.benchmark_label = quiet(QLabel(wordWrap=True))
        self.benchmark_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        for combo in (self.first_breakdown, self.second_breakdown, self.wave_combo,
                      self.alpha_combo):
            combo.currentIndexChanged.connect(self._changed)
        self.weighted_box.toggled.connect(self._changed)
        self.min_base_spin.valueChanged.connect(self._changed)
        for box in (self.previous_box, self.rest_box, self.benchmark_box):
            box.toggled.connect(self._display_changed)
        self.benchmark_button.clicked.connect(self.choose_benchmark)
        self.clear_benchmark_button.clicked.connect(self.clear_benchmark)

        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.labels = {key: QLabel() for key in ("breakdown", "then", "wave", "alpha",
                                                 "min_base", "marks", "benchmark")}
        self.labels["breakdown"].setBuddy(self.first_breakdown)
        self.labels["wave"].setBuddy(self.wave_combo)
        self.labels["alpha"].setBuddy(self.alpha_combo)
        self.labels["min_base"].setBuddy(self.min_base_spin)
        self.form.addRow(self.labels["breakdown"], self.first_breakdown)
        self.form.addRow(self.labels["then"], self.second_breakdown)
        self.form.addRow(self.labels["wave"], self.wave_combo)
        self.form.addRow("", self.weighted_box)
        self.form.addRow(self.labels["alpha"], self.alpha_combo)
        self.form.addRow(self.labels["min_base"], self.min_base_spin)
        self.form.addRow(self.labels["marks"])
        for box in (self.previous_box, self.rest_box, self.benchmark_box):
            self.form.addRow("", box)
        buttons = QHBoxLayout()
        buttons.addWidget(self.benchmark_button)
        buttons.addWidget(self.clear_benchmark_button)
        buttons.addStretch(1)
        self.form.addRow(self.labels["benchmark"], buttons)
        self.form.addRow("", self.benchmark_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.form)
        self.retranslateUi()

    # -- the project -----------------------------------------------------------------------
    def set_project(self, questionnaire: Questionnaire | None, waves: list[str],
                    has_populations: bool, *, reset: bool = False) -> None:
        """Offer the breakdowns of ``questionnaire`` and its ``waves``; choices still
        possible are kept unless ``reset`` (another project: everything back to default)."""
        self._quiet = True
        try:
            if reset:
                self.benchmark, self.benchmark_path = (), None
                self.benchmark_box.setChecked(False)
                self.min_base_spin.setValue(DEFAULT_MIN_BASE)
                self.weighted_box.setChecked(False)
                for combo in (self.first_breakdown, self.second_breakdown, self.wave_combo):
                    combo.clear()
            self.questionnaire, self.waves = questionnaire, list(waves)
            self.has_populations = has_populations
            if not has_populations:
                self.weighted_box.setChecked(False)
            self._fill_combos()
            self._show_benchmark()
        finally:
            self._quiet = False

    def _fill_combos(self) -> None:
        first, second = self.first_breakdown.currentData(), self.second_breakdown.currentData()
        wave = self.wave_combo.currentData()
        alpha = self.alpha_combo.currentData()
        names = breakdown_choices(self.questionnaire) if self.questionnaire else []
        for combo, keep in ((self.first_breakdown, first), (self.second_breakdown, second)):
            combo.clear()
            combo.addItem(translate("AnalysisOptions", "(none)"), "")
            for name in names:
                label = breakdown_label(self.questionnaire, name)
                combo.addItem(label, name)
                combo.setItemData(combo.count() - 1, label, Qt.ItemDataRole.ToolTipRole)
            combo.setCurrentIndex(max(0, combo.findData(keep)))
        self.wave_combo.clear()
        self.wave_combo.addItem(translate("AnalysisOptions", "All waves"), "")
        for label in self.waves:
            self.wave_combo.addItem(label, label)
        self.wave_combo.setCurrentIndex(max(0, self.wave_combo.findData(wave)))
        self.alpha_combo.clear()
        locale = ui_locale()
        for value in ALPHAS:
            self.alpha_combo.addItem(fill(translate("AnalysisOptions", "%1% (%2% confidence)"),
                                          locale.toString(round(value * 100)),
                                          locale.toString(round((1 - value) * 100))), value)
        self.alpha_combo.setCurrentIndex(max(0, self.alpha_combo.findData(
            alpha if alpha is not None else DEFAULT_ALPHA)))
        self._update_enabled()

    def _update_enabled(self) -> None:
        has_first = bool(self.first_breakdown.currentData())
        self.second_breakdown.setEnabled(has_first)
        self.weighted_box.setEnabled(self.has_populations)
        self.weighted_box.setToolTip(
            translate("AnalysisOptions", "Weight each wave to the population counts set for "
                                         "the project.") if self.has_populations else
            translate("AnalysisOptions", "No population counts are set for this project. Set "
                                         "them with: surveydesk-cli population set PROJECT "
                                         "FILE"))
        self.benchmark_box.setEnabled(bool(self.benchmark))
        self.clear_benchmark_button.setEnabled(bool(self.benchmark))

    # -- what the options are --------------------------------------------------------------
    def breakdowns(self) -> tuple[str, ...]:
        first = self.first_breakdown.currentData() or ""
        second = self.second_breakdown.currentData() or ""
        return tuple(name for name in (first, second if first and second != first else "")
                     if name)

    def table_options(self) -> TableOptions:
        wave = self.wave_combo.currentData()
        alpha = self.alpha_combo.currentData()
        return TableOptions(
            breakdowns=self.breakdowns(),
            waves=(wave,) if wave else None,
            alpha=alpha if alpha is not None else DEFAULT_ALPHA,
            min_base=self.min_base_spin.value(),
            weighted=self.weighted_box.isChecked() and self.has_populations,
            benchmark=self.benchmark,
        )

    def display(self) -> Display:
        return Display(vs_previous=self.previous_box.isChecked(),
                       vs_rest=self.rest_box.isChecked(),
                       vs_benchmark=self.benchmark_box.isChecked() and bool(self.benchmark))

    def set_breakdowns(self, first: str = "", second: str = "") -> None:
        """Choose the breakdowns (``''``: none), as a user would."""
        self.first_breakdown.setCurrentIndex(max(0, self.first_breakdown.findData(first)))
        self.second_breakdown.setCurrentIndex(max(0, self.second_breakdown.findData(second)))

    def set_wave(self, wave: str = "") -> None:
        self.wave_combo.setCurrentIndex(max(0, self.wave_combo.findData(wave)))

    def _changed(self, *_args) -> None:
        if self._quiet:
            return
        if self.sender() is self.first_breakdown and not self.first_breakdown.currentData():
            self._quiet = True
            self.second_breakdown.setCurrentIndex(0)
            self._quiet = False
        if (self.second_breakdown.currentData()
                and self.second_breakdown.currentData() == self.first_breakdown.currentData()):
            self._quiet = True
            self.second_breakdown.setCurrentIndex(0)
            self._quiet = False
        self._update_enabled()
        self.options_changed.emit()

    def _display_changed(self, *_args) -> None:
        if not self._quiet:
            self.display_changed.emit()

    # -- the benchmark ---------------------------------------------------------------------
    def choose_benchmark(self) -> None:
        start = "" if self.benchmark_path is None else str(self.benchmark_path.parent)
        path, _ = QFileDialog.getOpenFileName(
            self, translate("AnalysisOptions", "Choose a benchmark file"), start,
            translate("AnalysisOptions", "Benchmark files (*.csv *.xlsx);;All files (*)"))
        if path:
            self.load_benchmark(Path(path))

    def load_benchmark(self, path: Path) -> bool:
        """Compare with the benchmark values in ``path`` from now on. A file that cannot be
        used is refused in a dialog; the benchmark and everything else stay as they were."""
        if self.questionnaire is None:
            return False
        values, message = read_benchmark_file(path, self.questionnaire)
        if values is not None:
            self.benchmark, self.benchmark_path = values, Path(path)
            self._quiet = True
            self.benchmark_box.setChecked(True)
            self._quiet = False
            self._show_benchmark()
            self._update_enabled()
            self.options_changed.emit()
            return True
        QMessageBox.critical(self, translate("AnalysisOptions", "Could not use the benchmark "
                                                                "file"), message)
        return False

    def clear_benchmark(self) -> None:
        if not self.benchmark:
            return
        self.benchmark, self.benchmark_path = (), None
        self._quiet = True
        self.benchmark_box.setChecked(False)
        self._quiet = False
        self._show_benchmark()
        self._update_enabled()
        self.options_changed.emit()

    def _show_benchmark(self) -> None:
        if not self.benchmark or self.benchmark_path is None:
            self.benchmark_label.setText(translate("AnalysisOptions", "No benchmark file."))
            self.benchmark_label.setToolTip("")
            return
        self.benchmark_label.setText(fill(
            translate("AnalysisOptions", "%1 (%2 values)"), self.benchmark_path.name,
            ui_locale().toString(len(self.benchmark))))
        self.benchmark_label.setToolTip(str(self.benchmark_path))

    # -- language --------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def retranslateUi(self) -> None:
        texts = {
            "breakdown": translate("AnalysisOptions", "&Breakdown:"),
            "then": translate("AnalysisOptions", "and by:"),
            "wave": translate("AnalysisOptions", "W&ave:"),
            "alpha": translate("AnalysisOptions", "Significance &level:"),
            "min_base": translate("AnalysisOptions", "&Minimum base:"),
            "marks": translate("AnalysisOptions", "Mark significance against:"),
            "benchmark": translate("AnalysisOptions", "Benchmark:"),
        }
        for key, text in texts.items():
            self.labels[key].setText(text)
        self.weighted_box.setText(translate("AnalysisOptions", "&Weighted"))
        self.min_base_spin.setToolTip(translate(
            "AnalysisOptions", "Cells with this many answers or fewer are shown grey: too few "
                               "to compare."))
        self.alpha_combo.setToolTip(translate(
            "AnalysisOptions", "A difference is marked significant when its p-value is below "
                               "this level."))
        self.previous_box.setText(translate("AnalysisOptions", "the previous wave"))
        self.rest_box.setText(translate("AnalysisOptions", "the rest of the wave"))
        self.benchmark_box.setText(translate("AnalysisOptions", "the benchmark"))
        self.benchmark_button.setText(translate("AnalysisOptions", "Benchmark f&ile…"))
        self.clear_benchmark_button.setText(translate("AnalysisOptions", "Remove"))
        self._quiet = True
        try:
            if self.questionnaire is not None:
                self._fill_combos()
            else:
                self._update_enabled()
            self._show_benchmark()
        finally:
            self._quiet = False
