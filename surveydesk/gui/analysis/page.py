"""The Analysis view of the main window: choose a question or theme and see its table,
chart and the response rates.

**Computing.** The tables are the engine's (:func:`~surveydesk.analysis.project_tables.
tables_for_project`, what ``surveydesk-cli tables`` writes): for the current options the
whole tidy table, every question and theme at once, is computed in a
:class:`~surveydesk.gui.tasks.ProjectTask` on a worker thread with its own connection to the
project file. The window keeps working meanwhile; a busy indicator says so.

**Caching.** A finished table is kept per option set (the last :data:`CACHE_SIZE`), with the
positions of each subject's rows. Choosing another question is then only a look-up of those
rows, a model reset and a chart redraw; going back to earlier options shows their table at
once. Showing the view again (entry or an import may have added interviews) or
:meth:`AnalysisPage.data_changed` (a merge) empties the cache and computes again; the old
table stays on screen until the new one is there.

**Staleness.** One computation runs at a time. When the options change while it runs, the
new options are remembered; the result that arrives for the old ones is kept in the cache
but not shown, and the computation for the newest options starts. A result computed before
the data changed is dropped altogether.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from surveydesk.analysis.project_tables import ProjectTables, project_targets, tables_for_project
from surveydesk.analysis.tables import TableOptions
from surveydesk.gui.analysis.charts import ChartView
from surveydesk.gui.analysis.labels import subject_label
from surveydesk.gui.analysis.navigator import Navigator
from surveydesk.gui.analysis.options import OptionsPanel
from surveydesk.gui.analysis.rates import RatesView
from surveydesk.gui.analysis.report_dialog import ReportDialog
from surveydesk.gui.analysis.table_model import ResultsTableModel, legend_text
from surveydesk.gui.analysis.table_view import ResultsTableView
from surveydesk.gui.records_dialogs import arrange, bold, quiet
from surveydesk.gui.tasks import ProjectTask, error_message, pass_on_bug
from surveydesk.gui.translation import current_language
from surveydesk.store import settings as stored
from surveydesk.store.project import Project

translate = QCoreApplication.translate
CACHE_SIZE = 8
Compute = Callable[[Project, TableOptions], ProjectTables]


@dataclass(frozen=True)
class Computed:
    """A finished table for ``options``, and where each subject's rows are in it."""

    options: TableOptions
    tables: ProjectTables
    positions: dict[str, np.ndarray]

    def rows(self, subject: str) -> pd.DataFrame:
        """The tidy rows of one question or theme (a look-up, nothing is computed)."""
        found = self.positions.get(subject)
        table = self.tables.table
        return table.iloc[found] if found is not None else table.iloc[0:0]


def compute(project: Project, options: TableOptions, run: Compute) -> Computed:
    """The work of the background task: the tables and the index of their subjects."""
    tables = run(project, options)
    positions = tables.table.groupby("question", sort=False).indices
    return Computed(options, tables, dict(positions))


class AnalysisPage(QWidget):
    """Tables, charts and response rates of the open project (see the module docstring).

    ``run`` computes the tables (tests pass a slower or failing one)."""

    def __init__(self, parent: QWidget | None = None, *,
                 run: Compute = tables_for_project):
        super().__init__(parent)
        self.project: Project | None = None
        self.run = run  # computes the tables; tests pass slower or failing ones
        self._cache: OrderedDict[TableOptions, Computed] = OrderedDict()
        self._epoch = 0  # counts data changes: a result of an older epoch is dropped
        self._wanted: TableOptions | None = None
        self._failed: tuple[TableOptions, int, str] | None = None
        self.task: ProjectTask | None = None
        self._retired: list[ProjectTask] = []  # abandoned tasks whose threads still run
        self.shown: Computed | None = None
        self.subject = ""
        self.report_dialog: ReportDialog | None = None
        self._warnings: list[str] = []

        self.navigator = Navigator()
        self.options = OptionsPanel()
        self.navigator.subject_chosen.connect(self.show_subject)
        self.options.options_changed.connect(self.recompute)
        self.options.display_changed.connect(self._display_changed)
        # The options scroll on a small screen; the tree takes the height left.
        options = QScrollArea(widgetResizable=True, frameShape=QFrame.Shape.NoFrame)
        options.setWidget(self.options)
        options.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        side = QSplitter(Qt.Orientation.Vertical, childrenCollapsible=False,
                         objectName="analysisSide")
        side.addWidget(self.navigator)
        side.addWidget(options)
        side.setStretchFactor(0, 1)
        side.setSizes([400, self.options.sizeHint().height()])
        side.setContentsMargins(8, 8, 4, 8)

        self.title = QLabel(wordWrap=True, objectName="analysisTitle")
        self.title.setFont(bold(self.title.font(), 1.15))
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.subtitle = quiet(QLabel(wordWrap=True))
        self.busy = QProgressBar(textVisible=False, visible=False, objectName="analysisBusy")
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(120)
        self.busy_label = quiet(QLabel(visible=False))
        self.message = QLabel(wordWrap=True, visible=False, objectName="analysisMessage")
        self.message.setStyleSheet("QLabel { color: #8a1c1c; background: #fdeeee; "
                                   "border: 1px solid #f1b8b8; border-radius: 4px; "
                                   "padding: 6px 10px; }")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.report_button = QPushButton(objectName="writeReport")
        self.report_button.clicked.connect(self.open_report_dialog)
        busy = QWidget()
        arrange(QHBoxLayout(busy), self.busy_label, self.busy, 12, self.report_button
                ).setContentsMargins(8, 0, 4, 2)

        self.model = ResultsTableModel(self)
        self.table = ResultsTableView(objectName="analysisTable")
        self.table.setModel(self.model)
        self.legend = quiet(QLabel(wordWrap=True, objectName="analysisLegend"))
        self.copy_button = QPushButton()
        self.copy_button.clicked.connect(lambda: self.table.copy_to_clipboard(whole=True))
        legend_row = arrange(QHBoxLayout(), self.legend, 8, self.copy_button)
        legend_row.setStretch(0, 1)
        table_box = QWidget()
        arrange(QVBoxLayout(table_box), self.table, legend_row).setContentsMargins(0, 0, 0, 0)

        self.chart = ChartView()
        self.chart.setMinimumHeight(160)
        self.save_chart_button = QPushButton()
        self.save_chart_button.clicked.connect(self.choose_chart_file)
        chart_box = QWidget()
        chart_buttons = arrange(QHBoxLayout(), None, self.save_chart_button)
        arrange(QVBoxLayout(chart_box), self.chart, chart_buttons).setContentsMargins(0, 0, 0, 0)
        self.results_split = QSplitter(Qt.Orientation.Vertical, childrenCollapsible=False)
        self.results_split.addWidget(table_box)
        self.results_split.addWidget(chart_box)
        self.results_split.setStretchFactor(0, 1)
        self.results_split.setStretchFactor(1, 1)
        self.results_split.setSizes([380, 440])
        results = QWidget()
        arrange(QVBoxLayout(results), self.title, self.subtitle, 4, self.results_split
                ).setContentsMargins(8, 8, 0, 0)
        results.layout().setStretch(3, 1)

        self.rates = RatesView()
        self.tabs = QTabWidget(documentMode=True)
        self.tabs.addTab(results, "")
        self.tabs.addTab(self.rates, "")
        self.tabs.setCornerWidget(busy)  # seen on either tab
        main = QWidget()
        arrange(QVBoxLayout(main), self.message, self.tabs).setContentsMargins(8, 8, 8, 8)
        main.layout().setStretch(1, 1)

        self.split = QSplitter(Qt.Orientation.Horizontal, childrenCollapsible=False)
        self.split.addWidget(side)
        self.split.addWidget(main)
        self.split.setStretchFactor(1, 1)
        side.setMinimumWidth(max(240, self.options.sizeHint().width() + 12))
        self.split.setSizes([side.minimumWidth(), 900])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.split)
        self.retranslateUi()

    # -- the project -----------------------------------------------------------------------
    def set_project(self, project: Project | None) -> None:
        """Analyse ``project`` from the next showing on (``None``: nothing open). Work
        still running for another project is cancelled and awaited."""
        if project is self.project:
            return
        self.abandon(wait=False)  # the old project's computation ends on its own
        self._drop_report_dialog()
        self._cache.clear()
        self._epoch += 1
        self._wanted, self._failed, self.shown, self.subject = None, None, None, ""
        self.project = project
        self.report_button.setEnabled(project is not None)
        questionnaire = None if project is None else project.questionnaire
        self.options.set_project(questionnaire, self._wave_labels(), self._has_populations(),
                                 reset=True)
        self.navigator.search.clear()
        self.navigator.set_questionnaire(questionnaire)
        self._show_result(None)
        self._set_busy(False)
        self._show_message("")

    def activate(self) -> bool:
        """Called when the view is shown: the data may have changed since (entry, imports),
        so the tables are computed again; the current ones stay until then."""
        if self.project is None:
            return False
        self.options.set_project(self.project.questionnaire, self._wave_labels(),
                                 self._has_populations())
        if not self.navigator.current_subject():
            first = self.navigator.opening_subject(
                {target.question for target in project_targets(self.project)})
            if first:
                self.navigator.select(first, emit=False)
                self.subject = first
        self._forget_tables()
        self.recompute()
        return True

    def data_changed(self) -> None:
        """The project's interviews or settings changed: every cached table is out of date
        (computed again now if the view is shown, else when it is shown next)."""
        self._forget_tables()
        if self.isVisible():
            self.recompute()

    def _forget_tables(self) -> None:
        self._cache.clear()
        self._epoch += 1
        self._failed = None

    def abandon(self, *, wait: bool = True) -> None:
        """Cancel running work; its outcome is ignored. With ``wait`` (the window closes)
        block until every worker thread has ended; without (another project is opened)
        let it finish on its own, kept referenced until then."""
        task, self.task = self.task, None
        if task is not None:
            task.cancel()
            self._retired.append(task)
            task.finished.connect(lambda task=task: self._retire(task))
        if wait:
            for running in list(self._retired):
                running.wait()
            if self.report_dialog is not None:
                self.report_dialog.abandon()
        self._set_busy(False)

    def _retire(self, task: ProjectTask) -> None:
        if task in self._retired:
            self._retired.remove(task)

    def _wave_labels(self) -> list[str]:
        return [] if self.project is None else [wave.label for wave in self.project.waves()]

    def _has_populations(self) -> bool:
        return self.project is not None and bool(stored.population_counts(self.project))

    # -- the Excel report ------------------------------------------------------------------
    def open_report_dialog(self) -> ReportDialog | None:
        """Ask for the Excel report's options and file, starting from this view's options;
        the dialog writes the report in the background (``None``: no project open)."""
        if self.project is None:
            return None
        if self.report_dialog is not None and self.report_dialog.task is not None:
            self.report_dialog.raise_()  # still writing
            return self.report_dialog
        self._drop_report_dialog()
        options = self.options
        self.report_dialog = ReportDialog(
            self.project, self.window(), breakdowns=options.breakdowns(),
            weighted=options.weighted_box.isChecked(), benchmark=options.benchmark,
            benchmark_path=options.benchmark_path)
        self.report_dialog.open()
        return self.report_dialog

    def _drop_report_dialog(self) -> None:
        dialog, self.report_dialog = self.report_dialog, None
        if dialog is not None:
            dialog.abandon()  # a report still being written is cancelled, its thread awaited
            dialog.close()
            dialog.deleteLater()

    # -- computing -------------------------------------------------------------------------
    def recompute(self) -> None:
        """Show the tables for the current options: from the cache, or computed."""
        if self.project is None:
            return
        options = self.options.table_options()
        self._wanted = options
        cached = self._cache.get(options)
        if cached is not None:
            self._cache.move_to_end(options)
            self._show_message("")
            self._show_result(cached)
        elif self._failed_for(options):
            self._show_result(None)
            self._show_message(self._failed[2])
        else:
            self._show_message("")
            if self.task is None:
                self._start(options)
        self._set_busy(self._waiting())

    def _waiting(self) -> bool:
        """Whether the tables for the wanted options are still to come."""
        return (self._wanted is not None and self._wanted not in self._cache
                and not self._failed_for(self._wanted))

    def _failed_for(self, options: TableOptions) -> bool:
        return self._failed is not None and self._failed[:2] == (options, self._epoch)

    def _start(self, options: TableOptions) -> None:
        run, epoch = self.run, self._epoch
        task = ProjectTask(self.project.path,
                           lambda project, _progress, _cancelled: compute(project, options, run),
                           self)
        self.task = task
        task.succeeded.connect(lambda result: self._arrived(task, options, epoch, result, None))
        task.failed.connect(lambda error: self._arrived(task, options, epoch, None, error))
        task.finished.connect(task.deleteLater)
        task.start()

    def _arrived(self, task: ProjectTask, options: TableOptions, epoch: int,
                 result: Computed | None, error: BaseException | None) -> None:
        if task is not self.task:
            return  # abandoned: another project, or the window closes
        self.task = None
        if epoch == self._epoch:  # else the data changed meanwhile: the result is dropped
            if result is not None:
                self._cache[options] = result
                while len(self._cache) > CACHE_SIZE:
                    self._cache.popitem(last=False)
                if options == self._wanted:
                    self._show_result(result)
            elif options == self._wanted:
                self._fail(error)
            # A failure for options no longer wanted is not shown: nobody asks for them.
        if self._waiting():
            self._start(self._wanted)  # the options or the data changed meanwhile
        self._set_busy(self._waiting())

    def _fail(self, error: BaseException) -> None:
        assert self.project is not None and self._wanted is not None
        message = error_message(self.project.path, error)
        self._failed = (self._wanted, self._epoch, message)
        self._show_result(None)
        self._show_message(message)
        pass_on_bug(error)

    # -- showing ---------------------------------------------------------------------------
    def _show_result(self, result: Computed | None) -> None:
        self.shown = result
        warnings = () if result is None else result.tables.warnings
        self._warnings = list(warnings)
        questionnaire = None if self.project is None else self.project.questionnaire
        self.rates.show_rates(None if result is None else result.tables.response_rates,
                              questionnaire, None if self.project is None else self.project.path)
        self.show_subject(self.subject)

    def show_subject(self, name: str) -> None:
        """Show question or theme ``name`` of the shown tables: a look-up of its rows, a
        model reset and a chart redraw."""
        self.subject = name or ""
        if name and self.navigator.current_subject() != name:
            self.navigator.select(name, emit=False)
        questionnaire = None if self.project is None else self.project.questionnaire
        shown = self.shown
        rows = shown.rows(name) if shown is not None and name else None
        options = shown.options if shown is not None else self.options.table_options()
        self.model.set_subject(rows, questionnaire, self.subject, min_base=options.min_base,
                               alpha=options.alpha, display=self.options.display())
        self.table.fit_columns()
        if rows is None or rows.empty or questionnaire is None:
            self.chart.clear()
        else:
            self.chart.show_subject(
                rows, questionnaire, name, language=current_language(),
                wave=options.waves[0] if options.waves else None,
                breakdown=options.breakdowns[0] if options.breakdowns else None)
        self._texts()

    def _display_changed(self) -> None:
        self.model.set_display(self.options.display())
        self._texts()

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.busy_label.setVisible(busy)

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def choose_chart_file(self) -> None:
        """Save the chart as PNG or SVG (by the file name's ending)."""
        if not self.subject:
            return
        start = "" if self.project is None else str(self.project.path.parent / self.subject)
        path, _ = QFileDialog.getSaveFileName(
            self, translate("AnalysisPage", "Save the chart"), start + ".png",
            translate("AnalysisPage", "PNG image (*.png);;SVG drawing (*.svg)"))
        if not path:
            return
        try:
            if Path(path).suffix.lower() == ".svg":
                self.chart.export_svg(path)
            else:
                self.chart.export_png(path)
        except OSError as error:
            QMessageBox.critical(self, translate("AnalysisPage", "Could not save the chart"),
                                 f"{error.filename or path}: {error.strerror or error}")

    # -- language --------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def retranslateUi(self) -> None:
        self.tabs.setTabText(0, translate("AnalysisPage", "Results"))
        self.tabs.setTabText(1, translate("AnalysisPage", "Response rates"))
        self.copy_button.setText(translate("AnalysisPage", "&Copy table"))
        self.copy_button.setToolTip(translate(
            "AnalysisPage", "Copy the whole table, ready to paste into Excel (Ctrl+C copies "
                            "the selected cells)."))
        self.save_chart_button.setText(translate("AnalysisPage", "&Save chart…"))
        self.report_button.setText(translate("AnalysisPage", "Write Excel &report…"))
        self.report_button.setToolTip(translate(
            "AnalysisPage", "Write every table to an Excel workbook for the client, in Danish "
                            "or English (Ctrl+R)."))
        self.busy_label.setText(translate("AnalysisPage", "Computing the tables…"))
        self.model.retranslate()
        self.table.fit_columns()
        self.chart.retranslateUi()
        if self.shown is not None and self.subject:
            self.show_subject(self.subject)
        self._texts()

    def _texts(self) -> None:
        questionnaire = None if self.project is None else self.project.questionnaire
        if questionnaire is None:
            self.title.setText(translate("AnalysisPage", "No project open"))
            self.subtitle.setText("")
        elif not self.subject:
            self.title.setText(translate("AnalysisPage", "Choose a question or theme"))
            self.subtitle.setText("")
        else:
            self.title.setText(subject_label(questionnaire, self.subject))
            self.subtitle.setText(self._subtitle())
        options = self.shown.options if self.shown is not None else None
        self.legend.setText(legend_text(self.options.display(),
                                        options.min_base if options else
                                        self.options.min_base_spin.value(),
                                        bool(options and options.benchmark)))

    def _subtitle(self) -> str:
        parts = [self.subject]
        shown = self.shown
        if shown is not None and shown.options.weighted:
            parts.append(translate("AnalysisPage", "weighted to the population counts"))
        parts += self._warnings
        return "   ·   ".join(parts)
