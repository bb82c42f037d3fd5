"""How the record browser shows interviews: display texts in the UI language, the table
model of the interview list, and the read-only tables of one interview.

The rows are those of ``store.entry.browse_interviews`` (``BROWSER_COLUMNS``); nothing here
reads the project.
"""

from __future__ import annotations

import pandas as pd
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QDateTime,
    QLocale,
    QModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
)

from surveydesk.gui.translation import ui_locale
from surveydesk.store import entry

translate = QCoreApplication.translate
DISPLAY = Qt.ItemDataRole.DisplayRole


def mode_name(mode: str) -> str:
    return {"web": translate("RecordBrowser", "Web"),
            "in_person": translate("RecordBrowser", "In person"),
            "phone": translate("RecordBrowser", "Phone")}.get(mode, mode)


def status_name(status: str) -> str:
    return {"complete": translate("RecordBrowser", "Complete"),
            "partial": translate("RecordBrowser", "Partial"),
            "aborted": translate("RecordBrowser", "Aborted")}.get(status, status)


def column_titles() -> list[str]:
    """Header texts of the interview table (every browser column but the id)."""
    return [translate("RecordBrowser", "Wave"), translate("RecordBrowser", "Mode"),
            translate("RecordBrowser", "Status"), translate("RecordBrowser", "Interviewer"),
            translate("RecordBrowser", "Location"), translate("RecordBrowser", "Started"),
            translate("RecordBrowser", "Completed"), translate("RecordBrowser", "Answers"),
            translate("RecordBrowser", "Reason")]


def when_text(stamp: object) -> str:
    """An ISO date or timestamp (UTC) in the UI locale's short format, in local time."""
    if not isinstance(stamp, str) or not stamp:
        return ""
    short = QLocale.FormatType.ShortFormat
    if len(stamp) == 10:
        day = QDate.fromString(stamp, Qt.DateFormat.ISODate)
        return ui_locale().toString(day, short) if day.isValid() else stamp
    moment = QDateTime.fromString(stamp, Qt.DateFormat.ISODate)
    return ui_locale().toString(moment.toLocalTime(), short) if moment.isValid() else stamp


class InterviewTableModel(QAbstractTableModel):
    """The rows of ``browse_interviews`` (``BROWSER_COLUMNS``), shown in the UI language."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[tuple] = []

    def set_frame(self, frame: pd.DataFrame) -> None:
        self.beginResetModel()
        self._rows = list(frame[list(entry.BROWSER_COLUMNS)].itertuples(index=False, name=None))
        self.endResetModel()

    def uuid(self, row: int) -> str:
        return self._rows[row][0]

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(entry.BROWSER_COLUMNS) - 1

    def headerData(self, section, orientation, role=DISPLAY):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return column_alignment(entry.BROWSER_COLUMNS[section + 1])
        return column_titles()[section] if role == DISPLAY else None

    def data(self, index, role=DISPLAY):
        column = entry.BROWSER_COLUMNS[index.column() + 1]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return column_alignment(column)
        if role != DISPLAY or not index.isValid():
            return None
        value = self._rows[index.row()][index.column() + 1]
        shown = {"mode": mode_name, "status": status_name, "started_at": when_text,
                 "completed_at": when_text, "answered": ui_locale().toString}.get(column)
        return shown(value) if shown else value if isinstance(value, str) else ""

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
        if self._rows:
            last = self.index(len(self._rows) - 1, self.columnCount() - 1)
            self.dataChanged.emit(self.index(0, 0), last)


def column_alignment(column: str) -> Qt.AlignmentFlag:
    """Counts to the right, texts to the left."""
    side = Qt.AlignmentFlag.AlignRight if column == "answered" else Qt.AlignmentFlag.AlignLeft
    return side | Qt.AlignmentFlag.AlignVCenter


def fill_table(table: QTableWidget, rows: list[tuple[str, ...]]) -> None:
    table.setRowCount(len(rows))
    for row, texts in enumerate(rows):
        for column, text in enumerate(texts):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            table.setItem(row, column, item)
    table.resizeRowsToContents()


def read_only(table: QTableView, modes: list[QHeaderView.ResizeMode], wrap=True) -> None:
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setWordWrap(wrap)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    header = table.horizontalHeader()
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    for column, mode in enumerate(modes):
        header.setSectionResizeMode(column, mode)
    if wrap:  # wrapped texts need their rows measured again when the columns change width
        header.sectionResized.connect(table.resizeRowsToContents)
        header.geometriesChanged.connect(table.resizeRowsToContents)
