"""The sheets of tables: one per questionnaire group, and the theme-score summary.

Every question gets a table (its choices, then top-2/bottom-2/mean/don't-know for scales,
then its bases); a theme's score (the mean of its statements, seed 001) gets a table of its
own before the theme's first statement, and all themes together get the summary sheet:
theme x wave x breakdown group, with target, met or missed, and benchmark.
"""

from __future__ import annotations

from dataclasses import dataclass

from surveydesk.core.questionnaire import Question
from surveydesk.export.excel.layout import FIRST_TABLE_ROW, THEME_MEAN, Layout, Marks
from surveydesk.export.excel.naming import sheet_name, short_titles


@dataclass(frozen=True)
class Placed:
    """Where a table landed: its sheet, its title row and the rows of its choice shares
    (contiguous, so a chart can refer to them)."""

    sheet: str
    title: str
    row: int
    share_rows: tuple[int, int] | None = None


def analysed_themes(layout: Layout) -> list[str]:
    """Themes with a score in the table, in questionnaire order."""
    table = layout.content.table
    scored = set(table.loc[table["statistic"] == THEME_MEAN, "question"])
    return [group.name for group in layout.questionnaire.groups if group.name in scored]


class TableSheets:
    """Writes the group sheets and the theme summary into ``layout.book``."""

    def __init__(self, layout: Layout):
        self.layout = layout
        self.placed: dict[str, Placed] = {}
        self.themes = analysed_themes(layout)
        self.theme_rows: tuple[int, int] | None = None

    # -- group sheets ---------------------------------------------------------------------
    def groups(self) -> list[tuple[str, str, list[Question]]]:
        """(sheet name, title, questions) for each top-level group, in form order."""
        layout = self.layout
        analysed = set(layout.content.table["question"].unique())
        sheets: dict[str, list[Question]] = {}
        titles: dict[str, str] = {}
        for question in layout.questionnaire.answer_questions:
            if question.name not in analysed:
                continue
            key = question.groups[0] if question.groups else ""
            if key not in titles:
                titles[key] = layout.group_title(key) if key else layout.words["sheet_other"]
            sheets.setdefault(key, []).append(question)
        short = short_titles([titles[key] for key in sheets])
        return [(name, titles[key], questions)
                for name, (key, questions) in zip(short, sheets.items(), strict=True)]

    def group_sheet(self, name: str, title: str, questions: list[Question]) -> None:
        layout = self.layout
        name = sheet_name(name, layout.taken)
        sheet = layout.book.add_worksheet(name)
        layout.header(sheet, title)
        row = FIRST_TABLE_ROW
        written: set[str] = set()
        for question in questions:
            for theme in question.groups:
                if theme in self.themes and theme not in written:
                    written.add(theme)
                    label = f"{layout.words['theme_score']}: {layout.group_title(theme)}"
                    row = self._table(sheet, name, theme, label, None, row) + 1
            label = question.label(layout.language, layout.questionnaire.fallback)
            row = self._table(sheet, name, question.name, label, question, row) + 1

    def _statistics(self, subject: str, question: Question | None) -> list[str]:
        """The subject's rows in engine order; the don't-know total is left out when one
        choice is don't know, because that choice's own row already shows the same share."""
        single_dont_know = (question is not None and question.choice_list is not None
                            and len(question.choice_list.dont_know) == 1)
        return [statistic for statistic in self.layout.statistics.get(subject, [])
                if not (statistic == "dont_know" and single_dont_know)]

    def _table(self, sheet, name: str, subject: str, label: str, question: Question | None,
               row: int) -> int:
        layout = self.layout
        title_row = row
        layout.contents.append((name, label, row))
        sheet.write(row, 0, label, layout.formats.get(bold=True, text_wrap=True))
        statistics = self._statistics(subject, question)
        marks = Marks()
        shares: list[int] = []
        for statistic in statistics:
            row += 1
            sheet.write(row, 0, layout.statistic_label(question, statistic),
                        layout.formats.get(indent=1))
            marks |= layout.figures(sheet, row, subject, statistic)
            if statistic.startswith("share:") and (not shares or shares[-1] == row - 1):
                shares.append(row)
        bases = [(layout.words["n"], statistics[0] if statistics else None)]
        if "mean" in statistics and question is not None and question.is_scored:
            bases.append((layout.words["n_scale"], "mean"))
        for word, statistic in bases:
            row += 1
            sheet.write(row, 0, word, layout.formats.get(italic=True, indent=1))
            layout.bases(sheet, row, subject, statistic)
        layout.extra_headers(sheet, title_row, marks)
        row = layout.notes(sheet, row, marks)
        self.placed[subject] = Placed(name, label, title_row,
                                      (shares[0], shares[-1]) if shares else None)
        return row + 1

    # -- the theme summary ----------------------------------------------------------------
    def theme_summary(self, sheet, name: str) -> int:
        """Theme x wave x group with target and benchmark; returns the first free row."""
        layout = self.layout
        words = layout.words
        layout.header(sheet, words["themes_title"])
        row = FIRST_TABLE_ROW
        title_row = row
        layout.contents.append((name, words["themes_table"], row))
        sheet.write(row, 0, words["themes_table"], layout.formats.get(bold=True))
        marks = Marks()
        first = row + 1
        # Long group titles ("How much do you agree ... about X?") lose the words they share,
        # as sheet names do, so the rows and the chart's categories can be told apart.
        labels = short_titles([layout.group_title(theme) for theme in self.themes])
        for theme, label in zip(self.themes, labels, strict=True):
            row += 1
            sheet.write(row, 0, label, layout.formats.get(indent=1))
            marks |= layout.figures(sheet, row, theme, THEME_MEAN)
        self.theme_rows = (first, row)
        row += 1
        sheet.write(row, 0, words["n"], layout.formats.get(italic=True, bold=True))
        for theme, label in zip(self.themes, labels, strict=True):
            row += 1
            sheet.write(row, 0, label, layout.formats.get(italic=True, indent=1))
            layout.bases(sheet, row, theme, THEME_MEAN)
        layout.extra_headers(sheet, title_row, marks)
        row = layout.notes(sheet, row, marks)
        row += 1
        sheet.write(row, 0, words["themes_note"], layout.formats.get(italic=True, font_size=9))
        return row + 2
