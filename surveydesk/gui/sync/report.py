"""A merge report (or preview) in the UI language: the per-device table and what it means.

The numbers are those of :class:`~surveydesk.sync.merge.MergeReport`; ``MergeReport.lines()``
is the English text of the command line, so the window words its own report here.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QHeaderView, QTableWidget, QTableWidgetItem

from surveydesk.gui.records_model import when_text
from surveydesk.gui.translation import fill, ui_locale
from surveydesk.sync.merge import MergeReport

translate = QCoreApplication.translate

#: DeviceReport fields counted in the table, in column order after the four text columns.
COUNTS = ("added", "updated", "unchanged", "conflicts", "calls_added", "calls_updated",
          "attempts_added")
TEXT_COLUMNS = 4
_DEVICE_SHOWN = 16  # characters of a device id shown; all of it is in the tooltip
_PAD = 8  # pixels beside a cell's or header's text


def column_titles() -> list[str]:
    """Header texts of the report table, in the current UI language."""
    return [
        translate("MergeReport", "File"), translate("MergeReport", "Interviewer"),
        translate("MergeReport", "Device"), translate("MergeReport", "Exported"),
        translate("MergeReport", "Added"), translate("MergeReport", "Updated"),
        translate("MergeReport", "Unchanged"), translate("MergeReport", "Conflicts"),
        translate("MergeReport", "Calls added"), translate("MergeReport", "Calls updated"),
        translate("MergeReport", "Call attempts added"),
    ]


def set_titles(table: QTableWidget) -> None:
    """The header texts, wrapping; counts are aligned right, like their numbers."""
    table.setHorizontalHeaderLabels(column_titles())
    wrap, middle = Qt.TextFlag.TextWordWrap, Qt.AlignmentFlag.AlignVCenter
    for column in range(table.columnCount()):
        side = Qt.AlignmentFlag.AlignLeft if column < TEXT_COLUMNS else Qt.AlignmentFlag.AlignRight
        table.horizontalHeaderItem(column).setTextAlignment(side | middle | wrap)
    fit_columns(table)


def short_device(device_id: str) -> str:
    """A device id short enough for a table cell (generated ids are 43 characters)."""
    if len(device_id) <= _DEVICE_SHOWN:
        return device_id
    return device_id[:_DEVICE_SHOWN - 1] + "…"


def fill_report_table(table: QTableWidget, report: MergeReport | None) -> None:
    """One row per device file and a bold row of totals (no rows for ``None``)."""
    devices = () if report is None else report.devices
    table.setRowCount(len(devices) + (1 if devices else 0))
    for row, device in enumerate(devices):
        texts = [device.file.name, device.interviewer or "–", short_device(device.device_id),
                 when_text(device.created_at)]
        tips = [str(device.file), device.interviewer, device.device_id, device.created_at]
        _fill_row(table, row, texts, tips, [getattr(device, name) for name in COUNTS])
    if devices:
        texts = [translate("MergeReport", "All files"), "", "", ""]
        _fill_row(table, len(devices), texts, texts, [report.total(name) for name in COUNTS],
                  bold=True)
    fit_columns(table)


def fit_columns(table: QTableWidget) -> None:
    """Every column as wide as its longest cell or the longest word of its title (titles
    wrap onto two lines), the file column taking what is left, its names elided in the
    middle: eleven columns fit a window without scrolling sideways."""
    header = table.horizontalHeader()
    titles = header.fontMetrics()
    header_height = titles.height()
    for column in range(table.columnCount()):
        title = table.horizontalHeaderItem(column)
        text = "" if title is None else title.text()
        words = max((titles.horizontalAdvance(word) for word in text.split()), default=0)
        items = [table.item(row, column) for row in range(table.rowCount())]
        widest = max([QFontMetrics(item.font()).horizontalAdvance(item.text())
                      for item in items if item is not None] or [0])
        width = max(words, widest) + 2 * _PAD
        if column == 0:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        else:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, width)
            box = titles.boundingRect(QRect(0, 0, width - 2 * _PAD, 10_000),
                                      Qt.TextFlag.TextWordWrap, text)
            header_height = max(header_height, box.height())
    header.setMinimumHeight(header_height + 12)


def _fill_row(table: QTableWidget, row: int, texts: list[str], tips: list[str],
              counts: list[int], *, bold: bool = False) -> None:
    locale = ui_locale()
    items = [QTableWidgetItem(text) for text in texts]
    for item, tip in zip(items, tips, strict=True):
        item.setToolTip(tip)
    for count in counts:
        item = QTableWidgetItem(locale.toString(count))
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        items.append(item)
    for column, item in enumerate(items):
        if bold:
            font = item.font()
            font.setBold(True)
            item.setFont(font)
        table.setItem(row, column, item)


def headline(report: MergeReport) -> str:
    """The report's first sentence: preview, merged, or nothing new."""
    name = report.master.name
    if not report.changed_interviews and not any(d.changes for d in report.devices):
        many = len(report.devices) > 1
        return fill(translate("MergeReport", "Nothing new: %1 already holds everything in these "
                                             "files.") if many else
                    translate("MergeReport", "Nothing new: %1 already holds everything in this "
                                             "file."), name)
    if report.written:
        return fill(translate("MergeReport", "Merged into %1."), name)
    return fill(translate("MergeReport", "Preview: this is what merging would do. Nothing has "
                                         "been written to %1 yet."), name)


def details(report: MergeReport) -> list[str]:
    """Further sentences: questionnaire versions, conflicts to review, the backup."""
    locale = ui_locale()
    lines = []
    for device in report.devices:
        if device.form_versions_added:
            lines.append(fill(translate("MergeReport", "Questionnaire versions from %1: %2."),
                              device.file.name, ", ".join(device.form_versions_added)))
    if report.open_conflicts:
        text = (translate("MergeReport", "Interviews with a merge conflict to review: %1 (see "
                                         "the Conflicts tab).") if report.written else
                translate("MergeReport", "Interviews that would have a merge conflict to "
                                         "review: %1."))
        lines.append(fill(text, locale.toString(report.open_conflicts)))
    if report.backup is not None:
        lines.append(fill(translate("MergeReport", "A backup of the project was made before "
                                                   "merging: %1"), report.backup))
    return lines


def progress_text(step: int, total: int, files: list[str], *, write: bool) -> str:
    """What a merge is doing at ``step`` of ``total`` (the engine reads each file, compares,
    then writes)."""
    if step < len(files):
        return fill(translate("MergeReport", "Reading %1 (file %2 of %3)…"), files[step],
                    ui_locale().toString(step + 1), ui_locale().toString(len(files)))
    if step < total:
        return (translate("MergeReport", "Comparing and writing…") if write else
                translate("MergeReport", "Comparing with the project…"))
    return translate("MergeReport", "Done.")

