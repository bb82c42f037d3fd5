"""The client's Excel report, written with XlsxWriter from a :class:`ReportContent`.

Plain values in, a workbook out: the writer never reads the project file. Figures are
numeric cells with number formats (``0%``, ``0.0``) so Danish Excel shows decimal commas;
a significant change since the previous wave is a symbol in the cell beside the figure and
a fill colour on the figure; a low base is a grey fill and a footnote.
"""

from __future__ import annotations

import math
import os
import re
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import xlsxwriter

from surveydesk.analysis.chart_data import TOTAL, group_label, waves_in
from surveydesk.analysis.report_content import ReportContent
from surveydesk.core.errors import UsageError
from surveydesk.core.questionnaire import MODES, Question
from surveydesk.export.glossary import glossary

SIGNIFICANT = "*"
MAX_SHEET_NAME = 31
FORBIDDEN_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")
UP_FILL, DOWN_FILL, LOW_BASE_FILL = "#C6EFCE", "#FFC7CE", "#E7E6E6"
UP_FONT, DOWN_FONT, LOW_BASE_FONT = "#006100", "#9C0006", "#7F7F7F"
SHARE_FORMAT, MEAN_FORMAT, COUNT_FORMAT = "0%", "0.0", "0"
FIRST_TABLE_ROW = 4  # below the sheet title and the two header rows
_TARGET_SIGNS = {">=": "≥", "<=": "≤"}
_WORDS = {"top2": "top2", "bottom2": "bottom2", "mean": "mean", "median": "median",
          "dont_know": "dont_know"}


@dataclass(frozen=True)
class Column:
    """Where one breakdown group's figures go: this wave, its mark, the previous wave."""

    breakdown: str
    group: str
    label: str
    first: int


def sheet_name(text: str, taken: set[str]) -> str:
    """``text`` as a valid, unused Excel sheet name (31 characters, no ``[]:*?/\\``)."""
    base = FORBIDDEN_IN_SHEET_NAMES.sub(" ", text).strip(" '") or "Sheet"
    base = re.sub(r"\s+", " ", base)[:MAX_SHEET_NAME].strip()
    name, number = base, 2
    while name.lower() in {t.lower() for t in taken}:
        suffix = f" ({number})"
        name = base[:MAX_SHEET_NAME - len(suffix)].rstrip() + suffix
        number += 1
    taken.add(name)
    return name


def short_titles(titles: list[str]) -> list[str]:
    """Titles too long for a sheet name lose the words they share with other long titles
    (``How much do you agree ... about X?`` becomes ``X``), so sheet names stay telling."""
    long = [t.split() for t in titles if len(t) > MAX_SHEET_NAME]
    shortened = []
    for title in titles:
        words = title.split()
        if len(title) <= MAX_SHEET_NAME:
            shortened.append(title)
            continue
        common = 0
        for other in long:
            if other == words:
                continue
            k = 0
            while k < min(len(words), len(other)) - 1 and words[k] == other[k]:
                k += 1
            common = max(common, k)
        tail = " ".join(words[common:])
        shortened.append(tail[:1].upper() + tail[1:])
    return shortened


def _quoted(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


class _Formats:
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


def _number(value) -> float | None:
    if value is None or pd.isna(value):
        return None
    number = float(value)
    return None if math.isnan(number) or math.isinf(number) else number


def _direction(row: Mapping) -> str | None:
    significant = row.get("significant")
    if significant is None or pd.isna(significant) or not bool(significant):
        return None
    value, previous = _number(row["value"]), _number(row["previous_value"])
    if value is None or previous is None or value == previous:
        return None
    return "up" if value > previous else "down"


class _Writer:
    def __init__(self, content: ReportContent, book):
        self.content = content
        self.book = book
        self.words = glossary(content.language)
        self.formats = _Formats(book)
        self.questionnaire = content.questionnaire
        self.language = content.language
        table = content.table
        order = waves_in(table)
        self.current = order[-1]
        self.previous = order[-2] if len(order) > 1 else None
        wanted = [self.current] + ([self.previous] if self.previous else [])
        rows = table[table["wave"].isin(wanted)]
        self.rows = {(r["question"], r["statistic"], r["breakdown"], r["group"], r["wave"]): r
                     for r in rows.to_dict("records")}
        self.width = 3 if self.previous else 2
        self.columns = self._columns(table)
        self.taken: set[str] = set()
        self.contents: list[tuple[str, str, int]] = []  # sheet, table title, row

    # -- labels ---------------------------------------------------------------------------
    def _names(self) -> dict[str, str]:
        names = {TOTAL: self.words["total"]}
        names.update({mode: self.words[f"mode_{mode}"] for mode in MODES})
        return names

    def _columns(self, table: pd.DataFrame) -> list[Column]:
        columns = [Column(TOTAL, TOTAL, self.words["total"], 1)]
        pairs = table[table["breakdown"] != TOTAL][["breakdown", "group"]].drop_duplicates()
        for breakdown, group in pairs.itertuples(index=False):
            label = group_label(self.questionnaire, breakdown, group, self.language,
                                self._names())
            columns.append(Column(breakdown, group, label, 1 + self.width * len(columns)))
        return columns

    def statistic_label(self, question: Question, statistic: str) -> str:
        if statistic.startswith("share:"):
            name = statistic.removeprefix("share:")
            try:
                return question.choice_list.choice(name).label(self.language,
                                                               self.questionnaire.fallback)
            except (AttributeError, KeyError):
                return name
        return self.words.get(_WORDS.get(statistic, ""), statistic)

    # -- sheets ---------------------------------------------------------------------------
    def write(self) -> None:
        front = self.book.add_worksheet(sheet_name(self.words["sheet_front"], self.taken))
        contents = self.book.add_worksheet(sheet_name(self.words["sheet_contents"], self.taken))
        for name, title, questions in self._sheets():
            self._question_sheet(name, title, questions)
        method = self.book.add_worksheet(sheet_name(self.words["sheet_method"], self.taken))
        self._front(front)
        self._contents(contents)
        self._method(method)

    def _sheets(self) -> list[tuple[str, str, list[Question]]]:
        """(sheet name, title, questions) for each top-level group, in form order."""
        analysed = set(self.content.table["question"].unique())
        sheets: dict[str, list[Question]] = {}
        titles: dict[str, str] = {}
        for question in self.questionnaire.answer_questions:
            if question.name not in analysed:
                continue
            key = question.groups[0] if question.groups else ""
            if key not in titles:
                titles[key] = (self.questionnaire.group(key).label(
                    self.language, self.questionnaire.fallback) if key
                    else self.words["sheet_other"])
            sheets.setdefault(key, []).append(question)
        short = short_titles([titles[key] for key in sheets])
        return [(name, titles[key], questions)
                for name, (key, questions) in zip(short, sheets.items(), strict=True)]

    def _header(self, sheet, title: str) -> None:
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
        sheet.freeze_panes(3, 1)
        sheet.repeat_rows(1, 2)
        sheet.set_column(0, 0, 48)
        for column in self.columns:
            sheet.set_column(column.first, column.first, 10)
            sheet.set_column(column.first + 1, column.first + 1, 2.5)
            if self.previous:
                sheet.set_column(column.first + 2, column.first + 2, 10)
        self._print_setup(sheet)

    def _print_setup(self, sheet) -> None:
        sheet.set_landscape()
        sheet.set_paper(9)  # A4
        sheet.fit_to_pages(1, 0)

    def _question_sheet(self, name: str, title: str, questions: list[Question]) -> None:
        name = sheet_name(name, self.taken)
        sheet = self.book.add_worksheet(name)
        self._header(sheet, title)
        row = FIRST_TABLE_ROW
        for question in questions:
            label = question.label(self.language, self.questionnaire.fallback)
            self.contents.append((name, label, row))
            row = self._question_table(sheet, question, label, row) + 1

    def _statistics(self, question: Question) -> list[str]:
        """The question's rows in engine order; the don't-know total is left out when one
        choice is don't know, because that choice's own row already shows the same share."""
        single_dont_know = (question.choice_list is not None
                            and len(question.choice_list.dont_know) == 1)
        seen = []
        for key in self.rows:
            wanted = (key[0] == question.name and key[2] == TOTAL and key[4] == self.current
                      and not (key[1] == "dont_know" and single_dont_know))
            if wanted and key[1] not in seen:
                seen.append(key[1])
        return seen

    def _bases(self, sheet, row: int, question: str, statistic: str | None) -> None:
        """The n of ``statistic`` in every column (shaded when it is a low base)."""
        for column in self.columns:
            for offset, wave in ((0, self.current), (2, self.previous)):
                cell = self.rows.get((question, statistic, column.breakdown, column.group,
                                      wave)) if wave else None
                if cell is not None:
                    sheet.write_number(row, column.first + offset, int(cell["n"]),
                                       self.formats.get(COUNT_FORMAT, italic=True,
                                                        low_base=bool(cell["low_base"])))

    def _question_table(self, sheet, question: Question, label: str, row: int) -> int:
        title_row = row
        sheet.write(row, 0, label, self.formats.get(bold=True, text_wrap=True))
        target_column = self.columns[-1].first + self.width
        statistics = self._statistics(question)
        low_base = significant = targets = False
        for statistic in statistics:
            row += 1
            sheet.write(row, 0, self.statistic_label(question, statistic),
                        self.formats.get(indent=1))
            for column in self.columns:
                found = self._cell(sheet, row, column, question.name, statistic)
                low_base |= found[0]
                significant |= found[1]
            targets |= self._target(sheet, row, target_column, question.name, statistic)
        bases = [(self.words["n"], statistics[0] if statistics else None)]
        if "mean" in statistics and question.is_scored:
            bases.append((self.words["n_scale"], "mean"))
        for word, statistic in bases:
            row += 1
            sheet.write(row, 0, word, self.formats.get(italic=True, indent=1))
            self._bases(sheet, row, question.name, statistic)
        if targets:
            sheet.write(title_row, target_column, self.words["target"],
                        self.formats.get(bold=True))
        for needed, text in ((significant, self.words["note_significant"]),
                             (low_base, self.words["note_low_base"])):
            if needed:
                row += 1
                sheet.write(row, 0, text.format(symbol=SIGNIFICANT,
                                                min_base=self.content.min_base),
                            self.formats.get(italic=True, font_size=9))
        return row + 1

    def _cell(self, sheet, row: int, column: Column, question: str,
              statistic: str) -> tuple[bool, bool]:
        low_base = significant = False
        for offset, wave in ((0, self.current), (2, self.previous)):
            if wave is None:
                continue
            cell = self.rows.get((question, statistic, column.breakdown, column.group, wave))
            value = _number(cell["value"]) if cell is not None else None
            if value is None:
                continue
            number_format = SHARE_FORMAT if cell["kind"] == "proportion" else MEAN_FORMAT
            is_low = bool(cell["low_base"])
            direction = _direction(cell) if offset == 0 else None
            sheet.write_number(row, column.first + offset, value,
                               self.formats.get(number_format, direction, is_low))
            if direction:
                sheet.write_string(row, column.first + 1, SIGNIFICANT,
                                   self.formats.get(None, direction, bold=True))
                significant = True
            low_base |= is_low
        return low_base, significant

    def _target(self, sheet, row: int, column: int, question: str, statistic: str) -> bool:
        cell = self.rows.get((question, statistic, TOTAL, TOTAL, self.current))
        if cell is None or _number(cell["target"]) is None:
            return False
        number_format = SHARE_FORMAT if cell["kind"] == "proportion" else MEAN_FORMAT
        sign = _TARGET_SIGNS.get(str(cell["target_operator"]))
        if sign:  # the operator lives in the format, so the target stays a number
            number_format = f'"{sign} "{number_format}'
        sheet.write_number(row, column, float(cell["target"]), self.formats.get(number_format))
        met = cell["target_met"]
        if met is not None and not pd.isna(met):
            word = self.words["target_met" if bool(met) else "target_missed"]
            sheet.write_string(row, column + 1, word,
                               self.formats.get(None, "up" if bool(met) else "down"))
        sheet.set_column(column + 1, column + 1, 16)
        return True

    def _front(self, sheet) -> None:
        content, words = self.content, self.words
        bold = self.formats.get(bold=True)
        sheet.write(0, 0, content.title, self.formats.get(bold=True, font_size=16))
        sheet.write(2, 0, words["front_form"], bold)
        sheet.write(2, 1, content.form_id)
        sheet.write(3, 0, words["front_generated"], bold)
        sheet.write_datetime(3, 1, content.generated, self.formats.get(num_format="yyyy-mm-dd",
                                                                        align="left"))
        sheet.write(4, 0, words["front_weighted" if content.weighted else "front_unweighted"])
        headers = [words["front_wave"], words["front_fieldwork"],
                   *(words[f"mode_{mode}"] for mode in MODES), words["front_total"]]
        sheet.write_row(6, 0, headers, bold)
        for i, wave in enumerate(content.waves, start=7):
            dates = " – ".join(d for d in (wave.starts_on, wave.ends_on) if d)
            sheet.write(i, 0, wave.label)
            sheet.write(i, 1, dates)
            for j, mode in enumerate(MODES, start=2):
                sheet.write_number(i, j, wave.by_mode.get(mode, 0), self.formats.get("0"))
            sheet.write_number(i, 2 + len(MODES), wave.total, self.formats.get("0", bold=True))
        self._response_rates(sheet, 6, 3 + len(MODES))
        row = 8 + len(content.waves)
        if content.warnings:
            sheet.write(row, 0, words["warnings"], bold)
            for k, warning in enumerate(content.warnings, start=row + 1):
                sheet.write(k, 0, warning)
        sheet.set_column(0, 0, 24)
        sheet.set_column(1, 1, 24)
        sheet.set_column(2, 2 + len(MODES), 16)
        self._print_setup(sheet)

    def _response_rates(self, sheet, header_row: int, column: int) -> None:
        """Each wave's response rate, where population counts are set (the first variable's
        total: every variable counts the same complete interviews)."""
        rates = self.content.response_rates
        totals = rates[rates["group"] == ""] if not rates.empty else rates
        if totals.empty:
            return
        sheet.write(header_row, column, self.words["front_response_rate"],
                    self.formats.get(bold=True))
        for i, wave in enumerate(self.content.waves, start=header_row + 1):
            found = totals[totals["wave"] == wave.label]
            rate = _number(found.iloc[0]["rate"]) if not found.empty else None
            if rate is not None:
                sheet.write_number(i, column, rate, self.formats.get(SHARE_FORMAT))

    def _contents(self, sheet) -> None:
        bold = self.formats.get(bold=True)
        sheet.write(0, 0, self.words["contents_title"], self.formats.get(bold=True, font_size=14))
        sheet.write_row(2, 0, [self.words["contents_sheet"], self.words["contents_table"]], bold)
        for i, (name, title, row) in enumerate(self.contents, start=3):
            sheet.write(i, 0, name)
            sheet.write_url(i, 1, f"internal:{_quoted(name)}!A{row + 1}", string=title)
        sheet.set_column(0, 0, 32)
        sheet.set_column(1, 1, 90)
        sheet.freeze_panes(3, 0)
        self._print_setup(sheet)

    def _method(self, sheet) -> None:
        content, words = self.content, self.words
        bold = self.formats.get(bold=True, valign="top")
        wrap = self.formats.get(text_wrap=True, valign="top")
        sheet.write(0, 0, words["method_title"], self.formats.get(bold=True, font_size=14))
        confidence = f"{1 - content.alpha:.0%}"
        targets = [r for r in self.rows.values()
                   if r["wave"] == self.current and r["breakdown"] == TOTAL
                   and r["target_met"] is not None and not pd.isna(r["target_met"])]
        met = sum(bool(r["target_met"]) for r in targets)
        lines = [
            ("method_test", words["method_test_text"]),
            ("method_alpha", words["method_alpha_text"].format(alpha=content.alpha,
                                                               confidence=confidence)),
            ("method_low_base", words["method_low_base_text"].format(
                min_base=content.min_base)),
            ("method_dont_know", words["method_dont_know_in_base" if content.dont_know_in_base
                                       else "method_dont_know_out_of_base"]),
            ("method_weighting", words["method_weighted_text" if content.weighted
                                       else "method_unweighted_text"]),
        ]
        if targets:
            lines.append(("method_targets", words["method_targets_text"].format(
                met=met, missed=len(targets) - met)))
        row = 2
        for key, text in lines:
            sheet.write(row, 0, words[key], bold)
            sheet.write(row, 1, text, wrap)
            row += 1
        row += 1
        sheet.write(row, 0, words["legend"], self.formats.get(bold=True, font_size=12))
        legend = [(SIGNIFICANT, "up", words["legend_up"]),
                  (SIGNIFICANT, "down", words["legend_down"]),
                  ("", "low", words["legend_low_base"].format(min_base=content.min_base))]
        for symbol, kind, text in legend:
            row += 1
            style = (self.formats.get(None, None, True) if kind == "low"
                     else self.formats.get(None, kind, bold=True))
            sheet.write(row, 0, symbol, style)
            sheet.write(row, 1, text, wrap)
        sheet.set_column(0, 0, 24)
        sheet.set_column(1, 1, 100)
        self._print_setup(sheet)


def write_report(content: ReportContent, out: Path) -> None:
    """Write the report workbook to ``out``, atomically: a temporary file beside it is
    moved into place only when complete, so a failure never leaves half a report."""
    out = Path(out)
    if out.is_dir():
        raise UsageError(f"{out} is a folder; give the name of the workbook to write.")
    if not out.parent.is_dir():
        raise UsageError(f"The folder {out.parent} does not exist.")
    handle, temporary = tempfile.mkstemp(suffix=".xlsx", prefix=".report-", dir=out.parent)
    os.close(handle)
    try:
        book = xlsxwriter.Workbook(temporary, {"nan_inf_to_errors": False})
        book.set_properties({"title": content.title})
        _Writer(content, book).write()
        book.close()
        os.replace(temporary, out)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
