"""The client's Excel report, written with XlsxWriter from a :class:`ReportContent`.

Plain values in, a workbook out: the writer never reads the project file. Figures are
numeric cells with number formats (``0%``, ``0.0``) so Danish Excel shows decimal commas;
a significant change since the previous wave is a symbol in the cell beside the figure and
a fill colour on the figure; a low base is a grey fill and a footnote.

The sheets, in order: front page, contents, theme scores (when the form has themes),
charts (when there are headline questions), one sheet per questionnaire group, and the
method and legend. :mod:`.layout` holds what they share, :mod:`.tables` the tables,
:mod:`.charts` the native charts, :mod:`.pages` the text pages.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import xlsxwriter

from surveydesk.analysis.report_content import ReportContent
from surveydesk.export.excel import charts, pages
from surveydesk.export.excel.layout import (
    DOWN_FILL,
    LOW_BASE_FILL,
    SIGNIFICANT,
    UP_FILL,
    Layout,
    Progress,
)
from surveydesk.export.excel.naming import MAX_SHEET_NAME, sheet_name, short_titles
from surveydesk.export.excel.tables import TableSheets
from surveydesk.io.files import write_atomically

__all__ = ["DOWN_FILL", "LOW_BASE_FILL", "MAX_SHEET_NAME", "REPORT_SUFFIX", "SIGNIFICANT",
           "UP_FILL", "sheet_name", "short_titles", "write_report"]

REPORT_SUFFIX = ".xlsx"


def _write(layout: Layout) -> None:
    words, book, taken = layout.words, layout.book, layout.taken
    tables = TableSheets(layout)
    groups = tables.groups()
    headline = charts.headline_questions(layout)
    total = len(groups) + 3
    layout.step(0, total, words["sheet_front"])
    front = book.add_worksheet(sheet_name(words["sheet_front"], taken))
    contents = book.add_worksheet(sheet_name(words["sheet_contents"], taken))
    if tables.themes:
        name = sheet_name(words["sheet_themes"], taken)
        themes = book.add_worksheet(name)
        chart_row = tables.theme_summary(themes, name)
        charts.theme_chart(layout, themes, name, tables.theme_rows, chart_row, tables.themes)
    if headline:
        chart_name = sheet_name(words["sheet_charts"], taken)
        chart_sheet = book.add_worksheet(chart_name)
        chart_contents = len(layout.contents)
    for done, (name, title, questions) in enumerate(groups, start=1):
        layout.step(done, total, title)
        tables.group_sheet(name, title, questions)
    layout.step(len(groups) + 1, total, words["sheet_charts"])
    if headline:
        table_entries = layout.contents[chart_contents:]
        del layout.contents[chart_contents:]
        charts.headline_charts(layout, chart_sheet, chart_name, tables.placed, headline)
        layout.contents += table_entries  # the charts come before the tables they show
    method = book.add_worksheet(sheet_name(words["sheet_method"], taken))
    pages.front(layout, front)
    pages.contents(layout, contents)
    pages.method(layout, method)
    layout.step(len(groups) + 2, total, words["sheet_method"])


def write_report(content: ReportContent, out: Path, *, progress: Progress | None = None,
                 cancelled: Callable[[], bool] | None = None, replace: bool = False) -> None:
    """Write the report workbook to ``out``, atomically: a temporary file beside it is
    moved into place only when complete, so a failure or a cancel never leaves half a
    report (nor touches an existing file at ``out``). An existing ``out`` is refused unless
    ``replace`` (the output-file policy of :mod:`surveydesk.io.files`).

    ``progress(done, total, text)`` is called per sheet; when ``cancelled()`` turns true
    the writing stops with :class:`~surveydesk.core.errors.Cancelled`."""

    def write(temporary: Path) -> None:
        book = xlsxwriter.Workbook(str(temporary), {"nan_inf_to_errors": False})
        try:
            book.set_properties({"title": content.title})
            _write(Layout(content, book, progress, cancelled))
        finally:
            book.close()

    write_atomically(Path(out), write, what="report", suffixes=REPORT_SUFFIX, replace=replace)
