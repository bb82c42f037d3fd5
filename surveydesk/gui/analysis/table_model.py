"""The results table of one question or theme: the engine's tidy rows laid out to be read.

Rows are the subject's statistics in the engine's order (the choices' shares, then top 2,
bottom 2, mean…); columns are, per breakdown group (the total first), one value column and
one ``n`` column per wave. Nothing is computed here: every number shown is a cell of the
tidy table of :func:`surveydesk.analysis.project_tables.tables_for_project`, labelled and
formatted by :mod:`.labels` (``35,6 %`` in Danish). The marks beside a value read the
engine's flags:

- ▲ ▼ significant change from the previous wave (``significant``; up or down as the value
  compares with ``previous_value``);
- △ ▽ significantly higher or lower than the rest of the wave (``significant_vs_rest``;
  a group is above the rest exactly when it is above the total, which is the rest and the
  group together);
- ↑ ↓ significantly above or below the benchmark (``significant_vs_benchmark``);
- ✓ ✗ target met or missed (``target_met``), the cell tinted green or red.

Cells of a low base (``low_base``: n at or below the minimum base) are grey and italic, as
seed 000 draws bars of 30 or fewer answers light.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

import pandas as pd
from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QLocale, QModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from surveydesk.core.questionnaire import Questionnaire
from surveydesk.gui.analysis.labels import (
    breakdown_label,
    copy_locale,
    group_label,
    is_missing,
    number_text,
    p_text,
    statistic_label,
    subject_label,
)
from surveydesk.gui.analysis.table_view import COPY_ROLE
from surveydesk.gui.translation import fill, ui_locale

translate = QCoreApplication.translate
DISPLAY = Qt.ItemDataRole.DisplayRole
CELL_ROLE = Qt.ItemDataRole.UserRole + 1  # the engine's row behind a cell, as a dict

UP, DOWN = "▲", "▼"
REST_UP, REST_DOWN = "△", "▽"
BENCHMARK_UP, BENCHMARK_DOWN = "↑", "↓"
MET, MISSED = "✓", "✗"
LOW_BASE_TEXT = QColor("#8a949e")
MET_PAPER, MISSED_PAPER = QColor("#e2f2e5"), QColor("#f9e0e0")
TEXT = QColor("#1f2933")
HEADER_WIDTH = 13  # characters per line of a column title (longer words stay whole)


@dataclass(frozen=True)
class Display:
    """Which significance marks the table shows (the engine computes all of them)."""

    vs_previous: bool = True
    vs_rest: bool = True
    vs_benchmark: bool = True


@dataclass(frozen=True)
class Column:
    """A column of the table: the value or the n of one group in one wave."""

    breakdown: str
    group: str
    wave: str
    is_n: bool


def _true(flag: object) -> bool:
    """An engine flag (nullable boolean): ``True`` only when set and true."""
    return not is_missing(flag) and bool(flag)


def marks(cell: dict, total: float | None, display: Display) -> str:
    """The significance and target marks of a value cell, e.g. ``'▲ △ ✓'``."""
    shown = []
    value = cell["value"]
    if display.vs_previous and _true(cell["significant"]):
        shown.append(UP if value > cell["previous_value"] else DOWN)
    if display.vs_rest and _true(cell["significant_vs_rest"]) and total is not None:
        shown.append(REST_UP if value > total else REST_DOWN)
    if display.vs_benchmark and _true(cell["significant_vs_benchmark"]):
        shown.append(BENCHMARK_UP if value > cell["benchmark"] else BENCHMARK_DOWN)
    if not is_missing(cell["target_met"]):
        shown.append(MET if cell["target_met"] else MISSED)
    return " ".join(shown)


def _records(rows: pd.DataFrame) -> list[dict]:
    """The rows as dicts, a missing flag as ``None`` (quicker than ``to_dict``)."""
    columns = list(rows.columns)
    values = []
    for name in columns:
        column = rows[name]
        listed = column.tolist()
        if isinstance(column.dtype, pd.BooleanDtype):
            listed = [None if value is pd.NA else value for value in listed]
        values.append(listed)
    return [dict(zip(columns, row, strict=True)) for row in zip(*values, strict=True)]


_ITALIC: list[QFont] = []


def _italic() -> QFont:
    if not _ITALIC:
        font = QFont()
        font.setItalic(True)
        _ITALIC.append(font)
    return _ITALIC[0]


class ResultsTableModel(QAbstractTableModel):
    """The tidy rows of one question or theme (see the module docstring)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.questionnaire: Questionnaire | None = None
        self.subject = ""
        self.min_base = 30
        self.alpha = 0.05
        self.display = Display()
        self._statistics: list[str] = []
        self._columns: list[Column] = []
        self._cells: dict[tuple[str, str, str, str], dict] = {}
        self._totals: dict[tuple[str, str], float] = {}
        self._grid: list[list[dict | None]] = []  # the cell of each row and column
        self._texts: dict[tuple[int, int], str] = {}  # display texts, made when first asked
        self._locale = ui_locale()
        self._row_titles: list[str] = []
        self._column_titles: list[str] = []
        self._column_tips: list[str] = []

    # -- content ---------------------------------------------------------------------------
    def set_subject(self, rows: pd.DataFrame | None, questionnaire: Questionnaire | None,
                    subject: str, *, min_base: int = 30, alpha: float = 0.05,
                    display: Display | None = None) -> None:
        """Show ``rows``: the tidy rows of ``subject`` (``None``: an empty table)."""
        self.beginResetModel()
        self.questionnaire, self.subject = questionnaire, subject
        self.min_base, self.alpha = min_base, alpha
        self.display = display or self.display
        self._statistics, self._columns, self._cells, self._totals = [], [], {}, {}
        if rows is not None and questionnaire is not None and len(rows):
            self._lay_out(rows)
        self._grid = [[self._cells.get((statistic, place.breakdown, place.group, place.wave))
                       for place in self._columns] for statistic in self._statistics]
        self._relabel()
        self.endResetModel()

    def _lay_out(self, rows: pd.DataFrame) -> None:
        records = _records(rows)
        statistics: dict[str, None] = {}
        places: dict[tuple[str, str, str], bool] = {}  # (breakdown, group, wave) -> has n
        for cell in records:
            key = (cell["statistic"], cell["breakdown"], cell["group"], cell["wave"])
            self._cells[key] = cell
            statistics.setdefault(cell["statistic"])
            place = (cell["breakdown"], cell["group"], cell["wave"])
            places[place] = places.get(place, False) or cell["n"] > 0
            if cell["breakdown"] == "":
                self._totals[(cell["statistic"], cell["wave"])] = cell["value"]
        # The total's waves first, each group's waves side by side; empty groups left out.
        order: dict[tuple[str, str], list[str]] = {}
        for (breakdown, group, wave), has_answers in places.items():
            if has_answers:
                order.setdefault((breakdown, group), []).append(wave)
        for (breakdown, group), waves in order.items():
            for wave in waves:
                self._columns += [Column(breakdown, group, wave, False),
                                  Column(breakdown, group, wave, True)]
        choices = self._dont_know_choices()
        self._statistics = [s for s in statistics if not (s == "dont_know" and choices == 1)]

    def _dont_know_choices(self) -> int:
        """How many don't-know choices the subject's list has: with one, the engine's
        ``dont_know`` row repeats that choice's share and is left out."""
        questionnaire = self.questionnaire
        if questionnaire is None or self.subject not in questionnaire:
            return 0
        choices = questionnaire.question(self.subject).choice_list
        return len(choices.dont_know) if choices is not None else 0

    def _relabel(self) -> None:
        self._texts.clear()
        self._locale = ui_locale()
        questionnaire = self.questionnaire
        if questionnaire is None:
            self._row_titles, self._column_titles, self._column_tips = [], [], []
            return
        self._row_titles = [statistic_label(questionnaire, self.subject, s)
                            for s in self._statistics]
        titles, tips = [], []
        for column in self._columns:
            group = group_label(questionnaire, column.breakdown, column.group)
            where = group if column.group == column.wave else fill(
                translate("AnalysisTable", "%1, %2"), group, column.wave)
            if column.breakdown:
                where = fill(translate("AnalysisTable", "%1 (%2)"), where,
                             breakdown_label(questionnaire, column.breakdown))
            if column.is_n:
                titles.append("n")
                tips.append(fill(translate("AnalysisTable", "Number of answers in the base: "
                                                            "%1"), where))
                continue
            lines = textwrap.wrap(group, HEADER_WIDTH, break_long_words=False) or [group]
            if column.group != column.wave:
                lines.append(column.wave)
            titles.append("\n".join(lines))
            tips.append(where)
        self._column_titles, self._column_tips = titles, tips

    def retranslate(self) -> None:
        """Labels and numbers again in the (new) UI language."""
        self.beginResetModel()
        self._relabel()
        self.endResetModel()

    def set_display(self, display: Display) -> None:
        self.display = display
        self._texts.clear()
        if self._statistics and self._columns:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._statistics) - 1, len(self._columns) - 1))

    # -- what the view and tests read ------------------------------------------------------
    def statistics(self) -> list[str]:
        return list(self._statistics)

    def columns(self) -> list[Column]:
        return list(self._columns)

    def cell(self, row: int, column: int) -> dict | None:
        """The engine's row behind a cell (``None`` for a cell with no row)."""
        return self._grid[row][column]

    def corner_title(self) -> str:
        """What the row titles are: the subject's label (the copied table's first cell)."""
        if self.questionnaire is None or not self.subject:
            return ""
        return subject_label(self.questionnaire, self.subject)

    # -- QAbstractTableModel ---------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._statistics)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section, orientation, role=DISPLAY):
        horizontal = orientation == Qt.Orientation.Horizontal
        titles = self._column_titles if horizontal else self._row_titles
        if not 0 <= section < len(titles):
            return None
        if role in (DISPLAY, COPY_ROLE):
            return titles[section].replace("\n", " ") if role == COPY_ROLE else titles[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._column_tips[section] if horizontal else titles[section]
        if role == Qt.ItemDataRole.TextAlignmentRole and horizontal:
            return Qt.AlignmentFlag.AlignCenter
        return None

    def data(self, index, role=DISPLAY):
        if not index.isValid():
            return None
        cell = self.cell(index.row(), index.column())
        if role == CELL_ROLE:
            return cell
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if cell is None:
            return None
        is_n = self._columns[index.column()].is_n
        if role == DISPLAY:
            key = (index.row(), index.column())
            text = self._texts.get(key)
            if text is None:  # views ask for it many times (painting, measuring widths)
                text = self._texts[key] = self._display_text(cell, is_n)
            return text
        if role == COPY_ROLE:
            return str(int(cell["n"])) if is_n else number_text(
                cell["value"], cell["kind"], copy_locale(), copying=True)
        if role == Qt.ItemDataRole.ForegroundRole:
            if cell["low_base"]:
                return LOW_BASE_TEXT
            return TEXT if self._target_paper(cell, is_n) is not None else None
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._target_paper(cell, is_n)
        if role == Qt.ItemDataRole.FontRole and cell["low_base"]:
            return _italic()
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(cell, index.column())
        return None

    def _display_text(self, cell: dict, is_n: bool) -> str:
        if is_n:
            return self._locale.toString(int(cell["n"]))
        text = number_text(cell["value"], cell["kind"], self._locale) or "–"
        shown = marks(cell, self._total(cell), self.display)
        return f"{text} {shown}" if shown else text

    def _total(self, cell: dict) -> float | None:
        return self._totals.get((cell["statistic"], cell["wave"]))

    @staticmethod
    def _target_paper(cell: dict, is_n: bool) -> QColor | None:
        if is_n or is_missing(cell["target_met"]):
            return None
        return MET_PAPER if cell["target_met"] else MISSED_PAPER

    def _tooltip(self, cell: dict, column: int) -> str:
        locale, kind = ui_locale(), cell["kind"]
        lines = [self._column_tips[column]]
        value = number_text(cell["value"], kind, locale) or "–"
        if not is_missing(cell["ci_low"]) and not is_missing(cell["ci_high"]):
            lines.append(fill(translate("AnalysisTable", "%1 (%2% interval %3 to %4)"), value,
                              locale.toString(round((1 - self.alpha) * 100)),
                              number_text(cell["ci_low"], kind, locale),
                              number_text(cell["ci_high"], kind, locale)))
        else:
            lines.append(value)
        lines.append(fill(translate("AnalysisTable", "n = %1"), locale.toString(int(cell["n"]))))
        if cell["weighted"] and not is_missing(cell["n_effective"]):
            lines.append(fill(translate("AnalysisTable", "Weighted; effective n = %1"),
                              locale.toString(float(cell["n_effective"]), "f", 1)))
        lines += self._test_lines(cell, locale)
        if not is_missing(cell["target_met"]):
            target = number_text(cell["target"], kind, locale)
            bound = (translate("AnalysisTable", "at least %1") if cell["target_operator"] == ">="
                     else translate("AnalysisTable", "at most %1"))
            lines.append(fill(translate("AnalysisTable", "Target: %1, met %2")
                              if cell["target_met"] else
                              translate("AnalysisTable", "Target: %1, missed %2"),
                              fill(bound, target), MET if cell["target_met"] else MISSED))
        if cell["low_base"]:
            lines.append(low_base_text(int(cell["n"]), self.min_base))
        return "\n".join(lines)

    def _test_lines(self, cell: dict, locale: QLocale) -> list[str]:
        lines = []
        tests = (
            ("p_value", "significant", "previous_value",
             translate("AnalysisTable", "Against the previous wave (%1): p = %2")),
            ("p_value_vs_rest", "significant_vs_rest", None,
             translate("AnalysisTable", "Against the rest of the wave: p = %2")),
            ("p_value_vs_benchmark", "significant_vs_benchmark", "benchmark",
             translate("AnalysisTable", "Against the benchmark (%1): p = %2")),
        )
        for p_column, flag, compared, template in tests:
            p = cell[p_column]
            if is_missing(p):
                continue
            other = number_text(cell[compared], cell["kind"], locale) if compared else ""
            line = fill(template, other, p_text(p, locale))
            if _true(cell[flag]):
                line += " " + translate("AnalysisTable", "(significant)")
            lines.append(line)
        return lines


def low_base_text(n: int, min_base: int) -> str:
    locale = ui_locale()
    return fill(translate("AnalysisTable", "Low base: n = %1 is at or below the minimum base "
                                           "of %2; read with care."),
                locale.toString(n), locale.toString(min_base))


def legend_text(display: Display, min_base: int, has_benchmark: bool) -> str:
    """The legend under the table, for the marks it can show: the significance marks on
    the first line, targets and low bases on the second."""
    tests = []
    if display.vs_previous:
        tests.append(fill(translate("AnalysisTable", "%1 %2 than the previous wave"), UP, DOWN))
    if display.vs_rest:
        tests.append(fill(translate("AnalysisTable", "%1 %2 than the rest of the wave"),
                          REST_UP, REST_DOWN))
    if display.vs_benchmark and has_benchmark:
        tests.append(fill(translate("AnalysisTable", "%1 %2 than the benchmark"),
                          BENCHMARK_UP, BENCHMARK_DOWN))
    lines = []
    if tests:
        lines.append(fill(translate("AnalysisTable", "Significantly higher / lower: %1"),
                          "   ·   ".join(tests)))
    lines.append("   ·   ".join([
        fill(translate("AnalysisTable", "%1 %2 target met / missed"), MET, MISSED),
        fill(translate("AnalysisTable", "grey: n ≤ %1 (low base)"),
             ui_locale().toString(min_base))]))
    return "\n".join(lines)
