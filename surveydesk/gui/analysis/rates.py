"""The response-rate view of the analysis mode: population, answers and rate per group.

The rows are the engine's (``ProjectTables.response_rates``, the same table as
``surveydesk-cli population show``): per wave, variable and group the population count
stored for the project, the complete interviews and their ratio; each variable ends with
its total. Seed 001 prints this table for the job centre's target groups. Without population
counts the view says how to set them.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from surveydesk.core.questionnaire import Questionnaire
from surveydesk.gui.analysis.labels import (
    breakdown_label,
    copy_locale,
    group_label,
    number_text,
)
from surveydesk.gui.analysis.table_view import COPY_ROLE, ResultsTableView
from surveydesk.gui.records_dialogs import bold
from surveydesk.gui.translation import fill, ui_locale

translate = QCoreApplication.translate
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class RatesModel(QStandardItemModel):
    """The response-rate rows laid out per variable, one column triple per wave."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rates: pd.DataFrame | None = None
        self.questionnaire: Questionnaire | None = None

    def corner_title(self) -> str:
        return translate("ResponseRates", "Group")

    def set_rates(self, rates: pd.DataFrame | None, questionnaire: Questionnaire | None) -> None:
        self.rates, self.questionnaire = rates, questionnaire
        self.clear()
        if rates is None or questionnaire is None or rates.empty:
            return
        waves = list(dict.fromkeys(rates["wave"]))
        titles = [translate("ResponseRates", "Population"), translate("ResponseRates", "Answers"),
                  translate("ResponseRates", "Response rate")]
        self.setColumnCount(3 * len(waves))
        for position, wave in enumerate(waves):
            for offset, title in enumerate(titles):
                item = QStandardItem(f"{wave}\n{title}")
                item.setData(f"{wave} {title}", COPY_ROLE)
                self.setHorizontalHeaderItem(3 * position + offset, item)
        cells = {(r.wave, r.variable, r.group): r for r in rates.itertuples(index=False)}
        row = 0
        for variable in _in_form_order(list(dict.fromkeys(rates["variable"])), questionnaire):
            groups = [g for g in dict.fromkeys(rates.loc[rates["variable"] == variable, "group"])
                      if g != ""]
            self._title(row, breakdown_label(questionnaire, variable), section=True)
            row += 1
            for group in [*groups, ""]:
                title = ("   " + group_label(questionnaire, variable, group) if group else
                         translate("ResponseRates", "Total"))
                self._title(row, title, section=not group)
                for position, wave in enumerate(waves):
                    found = cells.get((wave, variable, group))
                    if found is not None:
                        self._numbers(row, 3 * position, found, total=not group)
                row += 1

    def _title(self, row: int, text: str, *, section: bool) -> None:
        if self.rowCount() <= row:
            self.setRowCount(row + 1)
        item = QStandardItem(text)
        item.setData(text.strip(), COPY_ROLE)
        item.setToolTip(text.strip())
        if section:
            item.setFont(bold(item.font()))
        self.setVerticalHeaderItem(row, item)

    def _numbers(self, row: int, column: int, found, *, total: bool) -> None:
        shown, copied = ui_locale(), copy_locale()
        values = (
            (shown.toString(float(found.population), "f", 0),
             copied.toString(float(found.population), "f", 0)),
            (shown.toString(int(found.answers)), str(int(found.answers))),
            (number_text(found.rate, "proportion", shown),
             number_text(found.rate, "proportion", copied, copying=True)),
        )
        for offset, (text, copy) in enumerate(values):
            item = QStandardItem(text)
            item.setData(copy, COPY_ROLE)
            item.setTextAlignment(RIGHT)
            item.setEditable(False)
            if total:
                item.setFont(bold(item.font()))
            self.setItem(row, column + offset, item)


def _in_form_order(variables: list[str], questionnaire: Questionnaire) -> list[str]:
    """Mode first, then the questions as the form asks them."""
    position = {question.name: index for index, question in
                enumerate(questionnaire.questions, start=1)}
    return sorted(variables, key=lambda name: position.get(name, 0))


class RatesView(QWidget):
    """The response rates, or how to set population counts when there are none."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.project_path: Path | None = None
        self.model = RatesModel(self)
        self.table = ResultsTableView(objectName="responseRates")
        self.table.setModel(self.model)
        # Long group names (seed 001's target groups) are cut, not the numbers.
        self.table.verticalHeader().setMaximumWidth(self.fontMetrics().averageCharWidth() * 64)
        self.table.verticalHeader().setTextElideMode(Qt.TextElideMode.ElideRight)
        self.heading = QLabel(wordWrap=True)
        self.hint = QLabel(wordWrap=True, objectName="ratesHint")
        self.hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.stack = QStackedWidget()
        table_page = QWidget()
        table_layout = QVBoxLayout(table_page)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addWidget(self.heading)
        table_layout.addWidget(self.table, 1)
        self.stack.addWidget(self.hint)
        self.stack.addWidget(table_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.stack)
        self.retranslateUi()

    def has_rates(self) -> bool:
        return self.stack.currentIndex() == 1

    def show_rates(self, rates: pd.DataFrame | None, questionnaire: Questionnaire | None,
                   project_path: Path | None = None) -> None:
        """Show ``rates`` (the engine's response-rate rows); empty or ``None``: the hint."""
        self.project_path = project_path
        self.model.set_rates(rates, questionnaire)
        self.stack.setCurrentIndex(1 if self.model.rowCount() else 0)
        self.table.fit_columns()
        self._texts()

    def _texts(self) -> None:
        self.heading.setText(translate(
            "ResponseRates", "Complete interviews against the population counts set for the "
                             "project, per group and wave."))
        where = f'"{self.project_path}"' if self.project_path else "PROJECT"
        self.hint.setText(fill(translate(
            "ResponseRates", "No population counts are set for this project, so there are no "
                             "response rates to show and the tables cannot be weighted.\n\n"
                             "Put the number of people per group in a CSV or Excel file with "
                             "the columns variable, group, population (and optionally wave), "
                             "for example:\n\n    variable,group,population\n"
                             "    target_group,dagpenge,1830\n\nand store it in the project "
                             "with:\n\n    surveydesk-cli population set %1 FILE"), where))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def retranslateUi(self) -> None:
        self.model.set_rates(self.model.rates, self.model.questionnaire)
        self.table.fit_columns()
        self._texts()
