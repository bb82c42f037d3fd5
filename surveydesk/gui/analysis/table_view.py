"""A read-only results table that copies what it shows to the clipboard, ready for Excel.

Ctrl+C copies the selected cells (all of them when nothing is selected), the button of the
page the whole table. The text is tab-separated, one line per row, with the column titles
as the first line and the row titles as the first column. Numbers are copied as numbers,
as the model gives them in :data:`COPY_ROLE`: no marks, no thousands separators, the UI
locale's decimal separator and a percent sign for shares (``35,6%`` in Danish), which Danish
and English Excel both read as the number 0.356.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QTableView

COPY_ROLE = Qt.ItemDataRole.UserRole + 10  # a cell's text for the clipboard


def _clean(text: object) -> str:
    # A tab or line break inside a cell would split it in the spreadsheet.
    return " ".join(str(text or "").split())


class ResultsTableView(QTableView):
    """A table of numbers to read and copy (see the module docstring)."""

    def __init__(self, parent=None, **properties):
        super().__init__(parent, **properties)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setCornerButtonEnabled(True)  # the corner selects the whole table
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.verticalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft
                                                  | Qt.AlignmentFlag.AlignVCenter)
        header = self.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        header.setHighlightSections(False)

    def fit_columns(self) -> None:
        """Every column as wide as its title and numbers, and a little air. Measured here
        from the display texts: ``resizeColumnsToContents`` asks every cell for every role
        and costs more than the whole question switch otherwise does."""
        model = self.model()
        if model is None:
            return
        cells, titles = self.fontMetrics(), self.horizontalHeader().fontMetrics()
        italic = QFont(self.font())
        italic.setItalic(True)
        slanted = QFontMetrics(italic)
        margin = 2 * self.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin) + 12
        horizontal = Qt.Orientation.Horizontal
        for column in range(model.columnCount()):
            title = str(model.headerData(column, horizontal) or "")
            width = max((titles.horizontalAdvance(line) for line in title.split("\n")),
                        default=0)
            for row in range(model.rowCount()):
                text = model.data(model.index(row, column))
                if text:
                    width = max(width, cells.horizontalAdvance(text),
                                slanted.horizontalAdvance(text))
            self.setColumnWidth(column, width + margin)

    # -- copying ---------------------------------------------------------------------------
    def copy_text(self, whole: bool = False) -> str:
        """The selected cells (or all, with ``whole`` or no selection) as tab-separated
        text with a title line and row titles."""
        model = self.model()
        if model is None or model.rowCount() == 0 or model.columnCount() == 0:
            return ""
        chosen = [] if whole else self.selectionModel().selectedIndexes()
        if chosen:
            rows = sorted({index.row() for index in chosen})
            columns = sorted({index.column() for index in chosen})
        else:
            rows, columns = list(range(model.rowCount())), list(range(model.columnCount()))
        corner = getattr(model, "corner_title", lambda: "")()
        horizontal = Qt.Orientation.Horizontal
        lines = ["\t".join([_clean(corner), *(_clean(model.headerData(c, horizontal, COPY_ROLE))
                                              for c in columns)])]
        for row in rows:
            title = model.headerData(row, Qt.Orientation.Vertical, COPY_ROLE)
            cells = [model.data(model.index(row, column), COPY_ROLE) for column in columns]
            lines.append("\t".join([_clean(title), *(_clean(cell) for cell in cells)]))
        return "\n".join(lines) + "\n"

    def copy_to_clipboard(self, whole: bool = False) -> str:
        text = self.copy_text(whole)
        if text:
            QGuiApplication.clipboard().setText(text)
        return text

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_to_clipboard()
            event.accept()
            return
        super().keyPressEvent(event)
