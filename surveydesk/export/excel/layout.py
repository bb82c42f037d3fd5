"""What every sheet of the report shares: formats, the engine's rows by key, the waves shown
and where each breakdown group's figures go, and the writing of one row of figures.

A table row has, for the total and each breakdown group, three columns: this wave, a mark
(``*`` when the change since the previous wave is significant) and the previous wave. After
the groups come the target, whether it was met, and, when a benchmark is set, the benchmark
with its own mark (the total significantly above or below it).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pandas as pd

from surveydesk.analysis.chart_data import TOTAL, group_label, waves_in
from surveydesk.analysis.report_content import ReportContent
from surveydesk.core.errors import Cancelled
from surveydesk.core.questionnaire import MODES, Question
from surveydesk.export.glossary import glossary

SIGNIFICANT = "*"
UP_FILL, DOWN_FILL, LOW_BASE_FILL = "#C6EFCE", "#FFC7CE", "#E7E6E6"
UP_FONT, DOWN_FONT, LOW_BASE_FONT = "#006100", "#9C0006", "#7F7F7F"
SHARE_FORMAT, MEAN_FORMAT, COUNT_FORMAT = "0%", "0.0", "0"
FIRST_TABLE_ROW = 4  # below the sheet title and the two header rows
THEME_MEAN = "theme_mean"
_TARGET_SIGNS = {">=": "≥", "<=": "≤"}
_WORDS = {"top2": "top2", "bottom2": "bottom2", "mean": "mean", "median": "median",
          "dont_know": "dont_know", THEME_MEAN: "theme_mean"}

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class Column:
    """Where one breakdown group's figures go: this wave, its mark, the previous wave."""

    breakdown: str
    group: str
    label: str
    first: int


class Formats:
    """XlsxWriter formats, made once per combination."""

    def __init__(self, book):
        self.book = book
        self.cache: dict[tuple, object] = {}

    def get(self, num_format: str | None = None, direction: str | None = None,
            low_base: bool = False, bold: bool = False, **extra):
        key = (num_format, direction, low_base, bold, tuple(sorted(extra.items())))
        if key not in self.cache:
            spec: dict = dict(extra)
            if num_format:
                spec["num_format"] = num_format
            if bold:
                spec["bold"] = True
            if low_base:
                spec.update(bg_color=LOW_BASE_FILL, font_color=LOW_BASE_FONT)
            if direction == "up":
                spec.update(bg_color=UP_FILL, font_color=UP_FONT)
            elif direction == "down":
                spec.update(bg_color=DOWN_FILL, font_color=DOWN_FONT)
            self.cache[key] = self.book.add_format(spec)
        return self.cache[key]


def number(value) -> float | None:
    """A finite float, or ``None`` for a missing, NaN or infinite value."""
    if value is None or pd.isna(value):
        return None
    result = float(value)
    return None if math.isnan(result) or math.isinf(result) else result


def _direction(value, other, significant) -> str | None:
    if significant is None or pd.isna(significant) or not bool(significant):
        return None
    value, other = number(value), number(other)
    if value is None or other is None or value == other:
        return None
    return "up" if value > other else "down"


def change_direction(row: Mapping) -> str | None:
    """``up``/``down`` for a significant change since the previous wave, else ``None``."""
    return _direction(row["value"], row["previous_value"], row.get("significant"))


def benchmark_direction(row: Mapping) -> str | None:
    """``up``/``down`` when the figure is significantly above/below its benchmark."""
    return _direction(row["value"], row["benchmark"], row.get("significant_vs_benchmark"))


def value_format(row: Mapping) -> str:
    return SHARE_FORMAT if row["kind"] == "proportion" else MEAN_FORMAT


@dataclass
class Marks:
    """What a table showed, so its notes explain exactly that."""

    significant: bool = False
    low_base: bool = False
    target: bool = False
    benchmark: bool = False

    def __ior__(self, other: Marks) -> Marks:
        self.significant |= other.significant
        self.low_base |= other.low_base
        self.target |= other.target
        self.benchmark |= other.benchmark
        return self


class Layout:
    """The state every sheet writer shares (see the module docstring)."""

    def __init__(self, content: ReportContent, book, progress: Progress | None = None,
                 cancelled: Callable[[], bool] | None = None):
        self.content = content
        self.book = book
        self.words = glossary(content.language)
        self.formats = Formats(book)
        self.questionnaire = content.questionnaire
        self.language = content.language
        self._progress = progress
        self._cancelled = cancelled
        table = content.table
        order = waves_in(table)
        self.current = order[-1]
        self.previous = order[-2] if len(order) > 1 else None
        wanted = [self.current] + ([self.previous] if self.previous else [])
        rows = table[table["wave"].isin(wanted)]
        self.rows = {(r["question"], r["statistic"], r["breakdown"], r["group"], r["wave"]): r
                     for r in rows.to_dict("records")}
        self.statistics: dict[str, list[str]] = {}  # subject -> its statistics, engine order
        for question, statistic, breakdown, _, wave in self.rows:
            if breakdown == TOTAL and wave == self.current:
                found = self.statistics.setdefault(question, [])
                if statistic not in found:
                    found.append(statistic)
        self.width = 3 if self.previous else 2
        self.columns = self._columns(table)
        self.target_column = self.columns[-1].first + self.width
        self.benchmark_column = self.target_column + 2
        self.has_benchmark = bool(table["benchmark"].notna().any())
        self.taken: set[str] = set()
        self.contents: list[tuple[str, str, int]] = []  # sheet, table title, row

    # -- progress -------------------------------------------------------------------------
    def step(self, done: int, total: int, text: str) -> None:
        """Report progress; stop with :class:`Cancelled` when the user has cancelled."""
        if self._cancelled is not None and self._cancelled():
            raise Cancelled("The report was cancelled; no workbook was written.")
        if self._progress is not None:
            self._progress(done, total, text)

    # -- labels ---------------------------------------------------------------------------
    def _columns(self, table: pd.DataFrame) -> list[Column]:
        names = {TOTAL: self.words["total"]}
        names.update({mode: self.words[f"mode_{mode}"] for mode in MODES})
        columns = [Column(TOTAL, TOTAL, self.words["total"], 1)]
        pairs = table[table["breakdown"] != TOTAL][["breakdown", "group"]].drop_duplicates()
        for breakdown, group in pairs.itertuples(index=False):
            label = group_label(self.questionnaire, breakdown, group, self.language, names)
            columns.append(Column(breakdown, group, label, 1 + self.width * len(columns)))
        return columns

    def statistic_label(self, question: Question | None, statistic: str) -> str:
        if statistic.startswith("share:"):
            name = statistic.removeprefix("share:")
            try:
                return question.choice_list.choice(name).label(self.language,
                                                               self.questionnaire.fallback)
            except (AttributeError, KeyError):
                return name
        return self.words.get(_WORDS.get(statistic, ""), statistic)

    def group_title(self, name: str) -> str:
        return self.questionnaire.group(name).label(self.language, self.questionnaire.fallback)

    def cell(self, question: str, statistic: str, column: Column, wave: str | None):
        if wave is None:
            return None
        return self.rows.get((question, statistic, column.breakdown, column.group, wave))

    # -- sheets ---------------------------------------------------------------------------
    def print_setup(self, sheet) -> None:
        sheet.set_landscape()
        sheet.set_paper(9)  # A4
        sheet.fit_to_pages(1, 0)

    def header(self, sheet, title: str) -> None:
        """Title, the two header rows (groups; this and the previous wave), frozen panes,
        widths and print setup of a sheet of tables."""
        bold = self.formats.get(bold=True, text_wrap=True, align="center", valign="bottom")
        sheet.write(0, 0, title, self.formats.get(bold=True, font_size=14))
        for column in self.columns:
            last = column.first + self.width - 1
            sheet.merge_range(1, column.first, 1, last, column.label, bold)
            sheet.write(2, column.first, self.current, bold)
            sheet.write_blank(2, column.first + 1, None, bold)
            if self.previous:
                sheet.write(2, column.first + 2,
                            f"{self.words['previous_wave']} {self.previous}", bold)
        longest = max(len(column.label) for column in self.columns)
        sheet.set_row(1, 15 * min(4, 1 + longest // 24))  # group labels wrap over 3 columns
        if self.previous:
            sheet.set_row(2, 30)  # "Previous wave 2021" wraps in its column
        sheet.freeze_panes(3, 1)
        sheet.repeat_rows(1, 2)
        sheet.set_column(0, 0, 48)
        for column in self.columns:
            sheet.set_column(column.first, column.first, 10)
            sheet.set_column(column.first + 1, column.first + 1, 2.5)
            if self.previous:
                sheet.set_column(column.first + 2, column.first + 2, 10)
        sheet.set_column(self.target_column, self.target_column, 10)
        sheet.set_column(self.target_column + 1, self.target_column + 1, 16)
        if self.has_benchmark:
            sheet.set_column(self.benchmark_column, self.benchmark_column, 12)
            sheet.set_column(self.benchmark_column + 1, self.benchmark_column + 1, 2.5)
        self.print_setup(sheet)

    # -- one row of figures ---------------------------------------------------------------
    def figures(self, sheet, row: int, question: str, statistic: str) -> Marks:
        """The figures of ``statistic`` in every column, its target and benchmark."""
        marks = Marks()
        for column in self.columns:
            for offset, wave in ((0, self.current), (2, self.previous)):
                cell = self.cell(question, statistic, column, wave)
                value = number(cell["value"]) if cell is not None else None
                if value is None:
                    continue
                is_low = bool(cell["low_base"])
                direction = change_direction(cell) if offset == 0 else None
                sheet.write_number(row, column.first + offset, value,
                                   self.formats.get(value_format(cell), direction, is_low))
                if direction:
                    sheet.write_string(row, column.first + 1, SIGNIFICANT,
                                       self.formats.get(None, direction, bold=True))
                    marks.significant = True
                marks.low_base |= is_low
        total = self.rows.get((question, statistic, TOTAL, TOTAL, self.current))
        if total is not None:
            marks.target = self._target(sheet, row, total)
            marks.benchmark = self._benchmark(sheet, row, total)
        return marks

    def _target(self, sheet, row: int, cell: Mapping) -> bool:
        target = number(cell["target"])
        if target is None:
            return False
        number_format = value_format(cell)
        sign = _TARGET_SIGNS.get(str(cell["target_operator"]))
        if sign:  # the operator lives in the format, so the target stays a number
            number_format = f'"{sign} "{number_format}'
        sheet.write_number(row, self.target_column, target, self.formats.get(number_format))
        met = cell["target_met"]
        if met is not None and not pd.isna(met):
            word = self.words["target_met" if bool(met) else "target_missed"]
            sheet.write_string(row, self.target_column + 1, word,
                               self.formats.get(None, "up" if bool(met) else "down"))
        return True

    def _benchmark(self, sheet, row: int, cell: Mapping) -> bool:
        benchmark = number(cell["benchmark"])
        if benchmark is None:
            return False
        direction = benchmark_direction(cell)
        sheet.write_number(row, self.benchmark_column, benchmark,
                           self.formats.get(value_format(cell)))
        if direction:
            sheet.write_string(row, self.benchmark_column + 1, SIGNIFICANT,
                               self.formats.get(None, direction, bold=True))
        return True

    def bases(self, sheet, row: int, question: str, statistic: str | None) -> None:
        """The n of ``statistic`` in every column (shaded when it is a low base)."""
        for column in self.columns:
            for offset, wave in ((0, self.current), (2, self.previous)):
                cell = self.cell(question, statistic, column, wave) if statistic else None
                if cell is not None:
                    sheet.write_number(row, column.first + offset, int(cell["n"]),
                                       self.formats.get(COUNT_FORMAT, italic=True,
                                                        low_base=bool(cell["low_base"])))

    def extra_headers(self, sheet, row: int, marks: Marks) -> None:
        """``Target`` and ``Benchmark`` above their columns, where the table has them."""
        bold = self.formats.get(bold=True)
        if marks.target:
            sheet.write(row, self.target_column, self.words["target"], bold)
        if marks.benchmark:
            sheet.write(row, self.benchmark_column, self.benchmark_title(), bold)

    def benchmark_title(self) -> str:
        sources = self.content.benchmark_sources
        return sources[0] if len(sources) == 1 else self.words["benchmark"]

    def notes(self, sheet, row: int, marks: Marks) -> int:
        """The footnotes of a table that showed ``marks``; returns the last row written."""
        for needed, key in ((marks.significant, "note_significant"),
                            (marks.benchmark, "note_benchmark"),
                            (marks.low_base, "note_low_base")):
            if needed:
                row += 1
                sheet.write(row, 0, self.words[key].format(
                    symbol=SIGNIFICANT, min_base=self.content.min_base),
                    self.formats.get(italic=True, font_size=9))
        return row
