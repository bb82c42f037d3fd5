"""Native Excel charts: they refer to the cells of the report's tables, so they stay
editable by the client and follow any correction made in the tables.

- The theme summary gets a column chart of every theme's score, this wave beside the
  previous one, with each theme's target as a marker.
- The headline questions get a chart each on the charts sheet: the share of every answer,
  this wave beside the previous one. Headline questions are the ones the report asks for
  (``ReportContent.headline``) and every question with a target: the client's key figures.
"""

from __future__ import annotations

from surveydesk.analysis.chart_data import TOTAL
from surveydesk.export.excel.layout import MEAN_FORMAT, SHARE_FORMAT, THEME_MEAN, Layout
from surveydesk.export.excel.tables import Placed

CURRENT_COLOUR, PREVIOUS_COLOUR, TARGET_COLOUR = "#1F4E79", "#9DC3E6", "#C00000"
CHART_ROWS = 18  # rows of the charts sheet taken by one chart and its title
CHART_SIZE = {"width": 760, "height": 320}


def headline_questions(layout: Layout) -> list[str]:
    """The questions that get a chart, in questionnaire order: the ones asked for, then
    every question (not theme) with a target."""
    table = layout.content.table
    wanted = set(layout.content.headline)
    targeted = table[(table["breakdown"] == TOTAL) & table["target"].notna()
                     & (table["statistic"] != THEME_MEAN)]
    wanted |= set(targeted["question"])
    return [q.name for q in layout.questionnaire.answer_questions if q.name in wanted
            and q.choice_list is not None]


def _series(sheet: str, first: int, last: int, column: int, name: str,
            colour: str, number_format: str) -> dict:
    return {"name": name,
            "categories": [sheet, first, 0, last, 0],
            "values": [sheet, first, column, last, column],
            "fill": {"color": colour}, "border": {"none": True},
            "data_labels": {"value": True, "num_format": number_format,
                            "font": {"size": 8}}}


def _wave_series(layout: Layout, sheet: str, first: int, last: int,
                 number_format: str) -> list[dict]:
    total = layout.columns[0].first
    series = [_series(sheet, first, last, total, layout.current, CURRENT_COLOUR,
                      number_format)]
    if layout.previous:
        series.insert(0, _series(sheet, first, last, total + 2, layout.previous,
                                 PREVIOUS_COLOUR, number_format))
    return series


def _chart(layout: Layout, title: str, number_format: str, axis: dict):
    chart = layout.book.add_chart({"type": "column"})
    chart.set_title({"name": title, "name_font": {"size": 11, "bold": True}})
    chart.set_legend({"position": "bottom"})
    chart.set_y_axis({"num_format": number_format, "major_gridlines": {
        "visible": True, "line": {"color": "#D9D9D9"}}, **axis})
    chart.set_size(CHART_SIZE)
    return chart


def theme_chart(layout: Layout, sheet, name: str, rows: tuple[int, int], at_row: int,
                themes: list[str]) -> None:
    """Theme scores of the total, this and the previous wave, with the targets."""
    first, last = rows
    chart = _chart(layout, layout.words["themes_chart"], MEAN_FORMAT,
                   _scale_axis(layout, themes))
    for series in _wave_series(layout, name, first, last, MEAN_FORMAT):
        chart.add_series(series)
    targets = [layout.rows.get((theme, THEME_MEAN, TOTAL, TOTAL, layout.current))
               for theme in themes]
    if any(t is not None and t["target"] == t["target"] for t in targets):
        line = layout.book.add_chart({"type": "line"})
        column = layout.target_column
        line.add_series({"name": layout.words["target"],
                         "categories": [name, first, 0, last, 0],
                         "values": [name, first, column, last, column],
                         "line": {"none": True},
                         "marker": {"type": "long_dash", "size": 16,
                                    "fill": {"color": TARGET_COLOUR},
                                    "border": {"color": TARGET_COLOUR}}})
        chart.combine(line)
    sheet.insert_chart(at_row, 0, chart, {"x_offset": 4, "y_offset": 4})


def _scale_axis(layout: Layout, themes: list[str]) -> dict:
    """The y axis of theme scores spans the statements' score scale (e.g. 1-5)."""
    scores = []
    questionnaire = layout.questionnaire
    for question in questionnaire.answer_questions:
        if set(question.groups) & set(themes) and question.choice_list is not None:
            scores += [c.score for c in question.choice_list.choices if c.score is not None]
    return {"min": min(scores), "max": max(scores)} if scores else {}


def headline_charts(layout: Layout, sheet, name: str, placed: dict[str, Placed],
                    questions: list[str]) -> None:
    """One chart per headline question, each under its title (a contents entry)."""
    words, formats = layout.words, layout.formats
    sheet.write(0, 0, words["charts_title"], formats.get(bold=True, font_size=14))
    sheet.write(1, 0, words["charts_note"], formats.get(italic=True, font_size=9))
    row = 3
    for question in questions:
        table = placed.get(question)
        if table is None or table.share_rows is None:
            continue
        entry = f"{words['chart']}: {table.title}"
        layout.contents.append((name, entry, row))
        sheet.write(row, 0, entry, formats.get(bold=True))
        chart = _chart(layout, table.title, SHARE_FORMAT, {"min": 0})
        for series in _wave_series(layout, table.sheet, *table.share_rows, SHARE_FORMAT):
            chart.add_series(series)
        sheet.insert_chart(row + 1, 0, chart, {"x_offset": 4, "y_offset": 4})
        row += CHART_ROWS
    sheet.set_column(0, 0, 100)
    layout.print_setup(sheet)
