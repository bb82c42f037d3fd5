"""Read benchmark and population files (CSV or XLSX), checked against the questionnaire.

Benchmark file: one published reference value per row::

    question,statistic,value,n,sd,breakdown,group,wave,source
    sat_latest,top2,72%,5210,,,,,All municipalities 2022
    satisfaction,theme_mean,"3,9",5210,0.9,,,,

``n`` and ``sd`` are optional (without ``n`` a share is tested against the value as fixed;
a mean needs ``n`` and ``sd`` for Welch's test, otherwise a one-sample t-test is used).
``breakdown``/``group`` blank compares the totals; ``wave`` blank applies to every wave.

Population file: the number of people per group, for response rates and weights::

    variable,group,population,wave
    target_group,dagpenge,1830,
    target_group,Sygedagpengemodtagere,412,2023

``group`` is a choice name or label of the ``variable`` (a select_one question or ``mode``);
``wave`` blank applies to every wave without counts of its own.
"""

from __future__ import annotations

import math
from pathlib import Path

from surveydesk.analysis.data import MODES
from surveydesk.analysis.reference import BenchmarkValue, check_statistic, parse_value
from surveydesk.core.answers import AnswerError, AnswerReader
from surveydesk.core.errors import Problem, ProblemsError, SurveyDeskError
from surveydesk.core.questionnaire import Questionnaire, QuestionType
from surveydesk.io.tables import RawTable, read_table


class ReferenceFileError(ProblemsError):
    """A benchmark, population or targets file that cannot be used; nothing was stored."""


class _Rows:
    """Rows of a reference file as dicts, with problems collected per row and column."""

    def __init__(self, table: RawTable, required: tuple[str, ...], optional: tuple[str, ...]):
        self.table = table
        self.problems: list[Problem] = []
        header = [name.strip().lower() for name in table.header]
        for name in required:
            if name not in header:
                self.problem(f"the column '{name}' is missing (needed: {', '.join(required)})", 1,
                             name)
        for name in header:
            if name and name not in required + optional:
                self.problem(f"unknown column (known: {', '.join(required + optional)})", 1,
                             name)
        self.header = header
        if self.problems:
            self.fail("the header is not right")

    def problem(self, message: str, row: int | None, column: str = "", value=None) -> None:
        self.problems.append(Problem(message, self.table.file_name, "", row, column, value))

    def fail(self, what: str):
        raise ReferenceFileError(f"{self.table.file_name}: {what}; nothing was stored.",
                                 self.problems)

    def __iter__(self):
        for index, cells in enumerate(self.table.cells.itertuples(index=False), start=2):
            row = {name: str(cell).strip() for name, cell in zip(self.header, cells,
                                                                 strict=False)}
            if any(row.values()):
                yield index, row

    def number(self, text: str, row: int, column: str) -> float | None:
        if text == "":
            return None
        try:
            value = float(text.replace(",", "."))
        except ValueError:
            value = math.nan
        if not math.isfinite(value) or value < 0:
            self.problem("expected a number of 0 or more", row, column, text)
            return None
        return value


def read_benchmark(path: Path, questionnaire: Questionnaire) -> tuple[BenchmarkValue, ...]:
    table = read_table(Path(path))
    rows = _Rows(table, ("question", "statistic", "value"),
                 ("n", "sd", "breakdown", "group", "wave", "source"))
    values = []
    for number, row in rows:
        try:
            check_statistic(questionnaire, row["question"], row["statistic"])
            value = parse_value(row["value"], row["statistic"])
        except SurveyDeskError as error:
            rows.problem(str(error), number, "statistic" if "statistic" in str(error)
                         else "value")
            continue
        n = rows.number(row.get("n", ""), number, "n")
        sd = rows.number(row.get("sd", ""), number, "sd")
        values.append(BenchmarkValue(row["question"], row["statistic"], value, n, sd,
                                     row.get("breakdown", ""), row.get("group", ""),
                                     row.get("wave", ""), row.get("source", "")))
    if rows.problems:
        rows.fail("the benchmark file has problems")
    if not values:
        rows.fail("the benchmark file has no values")
    return tuple(values)


def read_population(path: Path, questionnaire: Questionnaire
                    ) -> list[tuple[str, str, str, float]]:
    """Rows ``(wave, variable, group, population)`` with groups as choice names."""
    table = read_table(Path(path))
    rows = _Rows(table, ("variable", "group", "population"), ("wave",))
    result: list[tuple[str, str, str, float]] = []
    seen: dict[tuple[str, str, str], int] = {}
    readers: dict[str, AnswerReader] = {}
    for number, row in rows:
        variable = row["variable"]
        if variable == "mode":
            group = row["group"] if row["group"] in MODES else None
            if group is None:
                rows.problem(f"expected one of: {', '.join(MODES)}", number, "group",
                             row["group"])
                continue
        else:
            if variable not in questionnaire or (
                    questionnaire.question(variable).type is not QuestionType.SELECT_ONE):
                rows.problem("expected a select_one question of the form, or 'mode'", number,
                             "variable", variable)
                continue
            reader = readers.setdefault(variable,
                                        AnswerReader(questionnaire.question(variable)))
            try:
                group = reader.read(row["group"])
            except AnswerError as error:
                rows.problem(str(error), number, "group", row["group"])
                continue
        population = rows.number(row["population"], number, "population")
        if population is None:
            if row["population"] == "":
                rows.problem("the population is missing", number, "population")
            continue
        key = (row.get("wave", ""), variable, str(group))
        if key in seen:
            rows.problem(f"the same group is already counted in row {seen[key]}", number,
                         "group", row["group"])
            continue
        seen[key] = number
        result.append((*key, population))
    if rows.problems:
        rows.fail("the population file has problems")
    if not result:
        rows.fail("the population file has no counts")
    return result
