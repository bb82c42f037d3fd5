"""What a chart of one question or theme shows, taken from the tidy results table.

The analysis screen draws these objects and the Excel report can reuse them; nothing here
computes a statistic: every number is a row of the table (:mod:`.tables`), picked and laid
out. Four kinds of chart:

- ``scale``: a scored select_one question (satisfaction, agree/disagree). The distribution
  of answers per wave (or per breakdown group) as a diverging stack: the shares of the
  negative answers left of zero, the positive ones right of it, the middle answer of an odd
  scale split across zero (Heiberger & Robbins, "Design of diverging stacked bar charts for
  Likert scales", J. Stat. Software 57(5), 2014). "Don't know" is kept aside. Next to it the
  top-2 share per wave side by side.
- ``select``: other select_one and select_multiple questions: the share of every choice,
  sorted by the current wave's value, the current wave next to the previous one.
- ``theme``: the theme mean per wave (with the statements' means below it, or per breakdown
  group), with the target and the benchmark when the table has them.
- ``numeric``: the mean of an integer or decimal question per wave and group.

Shares of the stack are the table's ``share:<choice>`` values (base: everyone who answered,
don't know included), so a stack with its don't-know part adds up to 100 %; the top-2 share
is the table's ``top2`` row (don't know outside its base unless the project says otherwise).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from surveydesk.analysis.cells import themes
from surveydesk.analysis.data import CROSS
from surveydesk.core.errors import UsageError
from surveydesk.core.questionnaire import Question, Questionnaire, QuestionType

SCALE, SELECT, THEME, NUMERIC = "scale", "select", "theme", "numeric"
PERCENT, MEAN = "percent", "mean"
UP, DOWN = "up", "down"
NEGATIVE, NEUTRAL, POSITIVE, DONT_KNOW = "negative", "neutral", "positive", "dont_know"
TOTAL = ""  # the breakdown and group of the rows over everyone
THEME_ROW = "theme_mean"  # key in ``names`` of the word for a theme's own row


@dataclass(frozen=True)
class Bar:
    """One table row as a bar: its value and everything a tooltip or mark needs."""

    label: str  # the category the bar stands in (choice, group, wave or statement)
    statistic: str
    value: float  # proportion 0-1 or mean
    n: int
    ci_low: float
    ci_high: float
    p_value: float  # vs the previous wave; NaN when untested
    significant: bool | None
    direction: str | None  # UP / DOWN when significantly different from the previous wave
    low_base: bool
    wave: str
    group: str
    previous_value: float
    benchmark: float
    target_met: bool | None


@dataclass(frozen=True)
class Category:
    """A row of the chart (charts are horizontal): its key and label, ``total`` for the row
    over everyone or the theme itself (drawn emphasised)."""

    key: str
    label: str
    total: bool = False


@dataclass(frozen=True)
class Series:
    """Bars of one colour: ``bars[i]`` belongs to ``categories[i]`` (None: no bar there)."""

    key: str
    label: str
    wave: str
    bars: tuple[Bar | None, ...]


@dataclass(frozen=True)
class ScalePoint:
    """One answer of a scored scale, in the legend order: negative to positive, then don't
    know."""

    choice: str
    label: str
    score: float | None
    side: str  # NEGATIVE, NEUTRAL, POSITIVE or DONT_KNOW


@dataclass(frozen=True)
class Segment:
    """A share drawn from ``start`` to ``start + bar.value`` on the diverging axis (don't-know
    segments on their own axis starting at 0)."""

    point: ScalePoint
    start: float
    bar: Bar

    @property
    def end(self) -> float:
        return self.start + self.bar.value


@dataclass(frozen=True)
class StackedRow:
    """The distribution of one category (a wave or a group): ``segments`` on the scale,
    ``dont_know`` aside."""

    category: Category
    wave: str
    group: str
    segments: tuple[Segment, ...]
    dont_know: tuple[Segment, ...]

    @property
    def low_base(self) -> bool:
        return any(s.bar.low_base for s in self.segments + self.dont_know)

    @property
    def n(self) -> int:
        return max((s.bar.n for s in self.segments + self.dont_know), default=0)


@dataclass(frozen=True)
class Reference:
    """A target: ``statistic`` ``operator`` (``>=`` / ``<=``) ``value``."""

    statistic: str
    operator: str
    value: float


@dataclass(frozen=True)
class ChartData:
    kind: str  # SCALE, SELECT, THEME or NUMERIC
    subject: str
    title: str
    wave: str  # the wave in focus
    previous_wave: str | None
    breakdown: str  # TOTAL ("") or the breakdown variable
    categories: tuple[Category, ...]
    series: tuple[Series, ...]  # scale: the top-2 panel; others: the bars
    value_format: str  # PERCENT or MEAN
    axis_min: float
    axis_max: float
    stacked: tuple[StackedRow, ...] = ()
    scale: tuple[ScalePoint, ...] = ()
    target: Reference | None = None
    benchmark: float | None = None  # over everyone in the wave in focus, when published

    def bars(self) -> list[Bar]:
        """Every bar of the series, category by category."""
        return [bar for series in self.series for bar in series.bars if bar is not None]


# -- reading the table ------------------------------------------------------------------------
def waves_in(table: pd.DataFrame) -> list[str]:
    """The table's waves in wave order (the engine writes rows wave by wave)."""
    return [str(w) for w in pd.unique(table["wave"])]


def _focus(table: pd.DataFrame, wave: str | None) -> tuple[str, str | None]:
    order = waves_in(table)
    if not order:
        raise UsageError("The table has no rows to chart.")
    current = order[-1] if wave is None else str(wave)
    if current not in order:
        raise UsageError(f"The table has no wave '{current}' (waves: {', '.join(order)}).")
    position = order.index(current)
    return current, order[position - 1] if position > 0 else None


def _optional_bool(value) -> bool | None:
    return None if value is None or pd.isna(value) else bool(value)


def _float(value) -> float:
    return math.nan if value is None or pd.isna(value) else float(value)


def _bar(row: Mapping, label: str) -> Bar:
    value, previous = _float(row["value"]), _float(row["previous_value"])
    significant = _optional_bool(row["significant"])
    direction = None
    if significant and not math.isnan(previous) and value != previous:
        direction = UP if value > previous else DOWN
    return Bar(label=label, statistic=str(row["statistic"]), value=value, n=int(row["n"]),
               ci_low=_float(row["ci_low"]), ci_high=_float(row["ci_high"]),
               p_value=_float(row["p_value"]), significant=significant, direction=direction,
               low_base=bool(row["low_base"]), wave=str(row["wave"]), group=str(row["group"]),
               previous_value=previous, benchmark=_float(row["benchmark"]),
               target_met=_optional_bool(row["target_met"]))


class _Rows:
    """The rows of one subject, looked up by (statistic, breakdown, group, wave)."""

    def __init__(self, table: pd.DataFrame, question: str):
        rows = table[table["question"] == question]
        self.frame = rows
        self.index: dict[tuple[str, str, str, str], Mapping] = {}
        for row in rows.to_dict("records"):
            key = (row["statistic"], row["breakdown"], row["group"], str(row["wave"]))
            self.index[key] = row

    def get(self, statistic: str, breakdown: str, group: str, wave: str) -> Mapping | None:
        row = self.index.get((statistic, breakdown, group, wave))
        if row is None or pd.isna(row["value"]) or row["n"] == 0:
            return None
        return row

    def bar(self, statistic: str, breakdown: str, group: str, wave: str,
            label: str) -> Bar | None:
        row = self.get(statistic, breakdown, group, wave)
        return None if row is None else _bar(row, label)

    def groups(self, breakdown: str) -> list[str]:
        """The breakdown's groups in table order (the questionnaire's choice order)."""
        rows = self.frame[self.frame["breakdown"] == breakdown]
        return [str(g) for g in pd.unique(rows["group"])]


# -- labels -----------------------------------------------------------------------------------
def group_label(questionnaire: Questionnaire, breakdown: str, group: str, language: str,
                names: Mapping[str, str] | None = None) -> str:
    """A breakdown group in ``language``: the choice label of the breakdown question; for
    ``mode`` and the total the words in ``names`` (the caller's translation); waves as they
    are; crossed breakdowns part by part."""
    names = names or {}
    if breakdown == TOTAL:
        return names.get(TOTAL, "Total")
    parts = []
    for variable, value in zip(breakdown.split(CROSS), group.split(CROSS), strict=False):
        if variable in questionnaire and questionnaire.question(variable).choice_list:
            choices = questionnaire.question(variable).choice_list
            try:
                parts.append(choices.choice(value).label(language, questionnaire.fallback))
            except KeyError:
                parts.append(names.get(value, value))
        else:
            parts.append(names.get(value, value))
    return CROSS.join(parts)


def subject_title(questionnaire: Questionnaire, subject: str, language: str) -> str:
    if subject in questionnaire:
        return questionnaire.question_label(subject, language)
    for group, _ in themes(questionnaire):
        if group.name == subject:
            return group.label(language, questionnaire.fallback)
    return subject


def _categories_for_groups(questionnaire, rows: _Rows, breakdown: str, language: str,
                           names: Mapping[str, str] | None) -> list[Category]:
    found = [Category(TOTAL, group_label(questionnaire, TOTAL, TOTAL, language, names),
                      total=True)]
    if breakdown != TOTAL:
        found += [Category(g, group_label(questionnaire, breakdown, g, language, names))
                  for g in rows.groups(breakdown)]
    return found


def _wave_series(rows: _Rows, categories: Sequence[Category], statistic_of, breakdown: str,
                 waves: Sequence[str]) -> list[Series]:
    """One series per wave; ``statistic_of(category)`` -> (statistic, group) or None."""
    series = []
    for wave in waves:
        bars = []
        for category in categories:
            picked = statistic_of(category, wave)
            bars.append(None if picked is None else
                        rows.bar(picked[0], picked[1], picked[2], wave, category.label))
        series.append(Series(wave, wave, wave, tuple(bars)))
    return series


def _drop_empty(categories: list[Category], series: list[Series],
                keep_first: bool = True) -> tuple[list[Category], list[Series]]:
    """Categories without any bar are left out (e.g. a department nobody chose)."""
    keep = [i for i in range(len(categories))
            if any(s.bars[i] is not None for s in series) or (keep_first and i == 0)]
    return ([categories[i] for i in keep],
            [Series(s.key, s.label, s.wave, tuple(s.bars[i] for i in keep)) for s in series])


def _reference(rows: _Rows, statistic: str, wave: str) -> Reference | None:
    row = rows.index.get((statistic, TOTAL, TOTAL, wave))
    if row is None or pd.isna(row["target"]):
        return None
    return Reference(statistic, str(row["target_operator"]), float(row["target"]))


def _benchmark(rows: _Rows, statistic: str, wave: str) -> float | None:
    row = rows.index.get((statistic, TOTAL, TOTAL, wave))
    return None if row is None or pd.isna(row["benchmark"]) else float(row["benchmark"])


def _waves_shown(current: str, previous: str | None) -> list[str]:
    return [current] if previous is None else [current, previous]


# -- the four kinds -----------------------------------------------------------------------------
def scale_points(question: Question, language: str, questionnaire: Questionnaire
                 ) -> tuple[ScalePoint, ...]:
    """A scored list's answers from most negative to most positive, then don't know."""
    choices = question.choice_list
    scored = sorted((c for c in choices.choices if c.score is not None), key=lambda c: c.score)
    low, high = scored[0].score, scored[-1].score
    middle = (low + high) / 2
    points = []
    for choice in scored:
        side = NEGATIVE if choice.score < middle else POSITIVE if choice.score > middle \
            else NEUTRAL
        points.append(ScalePoint(choice.name, choice.label(language, questionnaire.fallback),
                                 choice.score, side))
    points += [ScalePoint(c.name, c.label(language, questionnaire.fallback), None, DONT_KNOW)
               for c in choices.dont_know]
    return tuple(points)


def _stack(rows: _Rows, points: Sequence[ScalePoint], category: Category, breakdown: str,
           group: str, wave: str) -> StackedRow | None:
    shares = {p.choice: rows.bar(f"share:{p.choice}", breakdown, group, wave, p.label)
              for p in points}
    if not any(shares.values()):
        return None
    on_scale = [p for p in points if p.side != DONT_KNOW and shares[p.choice] is not None]
    left = sum(shares[p.choice].value for p in on_scale if p.side == NEGATIVE)
    left += sum(shares[p.choice].value for p in on_scale if p.side == NEUTRAL) / 2
    segments, position = [], -left
    for point in on_scale:
        bar = shares[point.choice]
        segments.append(Segment(point, position, bar))
        position += bar.value
    aside, position = [], 0.0
    for point in points:
        if point.side == DONT_KNOW and shares[point.choice] is not None:
            aside.append(Segment(point, position, shares[point.choice]))
            position += shares[point.choice].value
    return StackedRow(category, wave, group, tuple(segments), tuple(aside))


def scale_chart(rows: _Rows, questionnaire: Questionnaire, question: Question, language: str,
                current: str, previous: str | None, breakdown: str,
                names: Mapping[str, str] | None) -> ChartData:
    points = scale_points(question, language, questionnaire)
    waves = _waves_shown(current, previous)
    stacked: list[StackedRow] = []
    if breakdown == TOTAL:
        categories = [Category(w, w) for w in waves]
        for category in categories:
            row = _stack(rows, points, category, TOTAL, TOTAL, category.key)
            if row is not None:
                stacked.append(row)

        def top2(category, wave):
            return ("top2", TOTAL, TOTAL) if category.key == wave else None
    else:
        categories = _categories_for_groups(questionnaire, rows, breakdown, language, names)
        for category in categories:
            split = TOTAL if category.total else breakdown
            row = _stack(rows, points, category, split, category.key, current)
            if row is not None:
                stacked.append(row)

        def top2(category, wave):
            return ("top2", TOTAL if category.total else breakdown, category.key)
    shown = [row.category for row in stacked]
    series = _wave_series(rows, shown, top2, breakdown, waves)
    spread = [s.start for r in stacked for s in r.segments[:1]] + \
        [s.end for r in stacked for s in r.segments[-1:]]
    return ChartData(
        kind=SCALE, subject=question.name,
        title=subject_title(questionnaire, question.name, language), wave=current,
        previous_wave=previous, breakdown=breakdown, categories=tuple(shown),
        series=tuple(series), value_format=PERCENT,
        axis_min=min(spread, default=-0.5), axis_max=max(spread, default=0.5),
        stacked=tuple(stacked), scale=points, target=_reference(rows, "top2", current),
        benchmark=_benchmark(rows, "top2", current))


def select_chart(rows: _Rows, questionnaire: Questionnaire, question: Question, language: str,
                 current: str, previous: str | None, breakdown: str,
                 names: Mapping[str, str] | None) -> ChartData:
    choices = question.choice_list.choices

    def total_share(choice) -> float:
        row = rows.get(f"share:{choice.name}", TOTAL, TOTAL, current)
        return -1.0 if row is None else float(row["value"])

    # Sorted by the wave in focus, largest first (stable: ties keep the form's order).
    ordered = sorted(choices, key=total_share, reverse=True)
    if breakdown == TOTAL:
        categories = [Category(c.name, c.label(language, questionnaire.fallback))
                      for c in ordered]
        series = _wave_series(rows, categories,
                              lambda cat, wave: (f"share:{cat.key}", TOTAL, TOTAL),
                              breakdown, _waves_shown(current, previous))
        categories, series = _drop_empty(categories, series, keep_first=False)
    else:
        categories = _categories_for_groups(questionnaire, rows, breakdown, language, names)
        series = []
        for choice in ordered:
            label = choice.label(language, questionnaire.fallback)
            bars = tuple(rows.bar(f"share:{choice.name}", TOTAL if c.total else breakdown,
                                  c.key, current, label) for c in categories)
            series.append(Series(choice.name, label, current, bars))
        categories, series = _drop_empty(categories, series)
    values = [b.value for s in series for b in s.bars if b is not None]
    return ChartData(
        kind=SELECT, subject=question.name,
        title=subject_title(questionnaire, question.name, language), wave=current,
        previous_wave=previous, breakdown=breakdown, categories=tuple(categories),
        series=tuple(series), value_format=PERCENT, axis_min=0.0,
        axis_max=max(values, default=1.0))


def theme_chart(rows: _Rows, statement_rows: _Rows | None, questionnaire: Questionnaire,
                theme: str, statements: Sequence[Question], language: str, current: str,
                previous: str | None, breakdown: str,
                names: Mapping[str, str] | None) -> ChartData:
    title = subject_title(questionnaire, theme, language)
    waves = _waves_shown(current, previous)
    if breakdown == TOTAL:
        categories = [Category(theme, (names or {}).get(THEME_ROW, title), total=True)]
        categories += [Category(q.name, q.label(language, questionnaire.fallback))
                       for q in statements]
        series = []
        for wave in waves:
            bars = [rows.bar("theme_mean", TOTAL, TOTAL, wave, title)]
            for category in categories[1:]:
                bars.append(None if statement_rows is None else
                            statement_rows.bar(f"{category.key}\0mean", TOTAL, TOTAL, wave,
                                               category.label))
            series.append(Series(wave, wave, wave, tuple(bars)))
    else:
        categories = _categories_for_groups(questionnaire, rows, breakdown, language, names)
        series = _wave_series(
            rows, categories,
            lambda cat, wave: ("theme_mean", TOTAL if cat.total else breakdown, cat.key),
            breakdown, waves)
    categories, series = _drop_empty(categories, series)
    scores = [c.score for q in statements for c in q.choice_list.choices if c.score is not None]
    return ChartData(
        kind=THEME, subject=theme, title=title, wave=current, previous_wave=previous,
        breakdown=breakdown, categories=tuple(categories), series=tuple(series),
        value_format=MEAN, axis_min=min(scores, default=1.0),
        axis_max=max(scores, default=5.0), target=_reference(rows, "theme_mean", current),
        benchmark=_benchmark(rows, "theme_mean", current))


def numeric_chart(rows: _Rows, questionnaire: Questionnaire, question: Question,
                  language: str, current: str, previous: str | None, breakdown: str,
                  names: Mapping[str, str] | None) -> ChartData:
    title = subject_title(questionnaire, question.name, language)
    if breakdown == TOTAL:
        categories = [Category(TOTAL, group_label(questionnaire, TOTAL, TOTAL, language,
                                                  names), total=True)]
    else:
        categories = _categories_for_groups(questionnaire, rows, breakdown, language, names)
    series = _wave_series(
        rows, categories,
        lambda cat, wave: ("mean", TOTAL if cat.total else breakdown, cat.key),
        breakdown, _waves_shown(current, previous))
    categories, series = _drop_empty(categories, series)
    values = [b.value for s in series for b in s.bars if b is not None]
    return ChartData(
        kind=NUMERIC, subject=question.name, title=title, wave=current,
        previous_wave=previous, breakdown=breakdown, categories=tuple(categories),
        series=tuple(series), value_format=MEAN, axis_min=0.0,
        axis_max=max(values, default=1.0), target=_reference(rows, "mean", current),
        benchmark=_benchmark(rows, "mean", current))


class _StatementRows(_Rows):
    """Several statements' rows, keyed ``"<question>\\0<statistic>"``."""

    def __init__(self, table: pd.DataFrame, questions: Sequence[str]):
        rows = table[table["question"].isin(list(questions))
                     & (table["statistic"] == "mean")]
        self.frame = rows
        self.index = {}
        for row in rows.to_dict("records"):
            key = (f"{row['question']}\0{row['statistic']}", row["breakdown"], row["group"],
                   str(row["wave"]))
            self.index[key] = row


def chart_kind(questionnaire: Questionnaire, subject: str) -> str | None:
    """The kind of chart for a question or theme name, or None when it has none."""
    if any(group.name == subject for group, _ in themes(questionnaire)):
        return THEME
    if subject not in questionnaire:
        return None
    question = questionnaire.question(subject)
    if question.type.is_select and question.choice_list is not None:
        if question.type is QuestionType.SELECT_ONE and question.is_scored:
            return SCALE
        return SELECT
    if question.type.is_numeric:
        return NUMERIC
    return None


def chart_for_subject(table: pd.DataFrame, questionnaire: Questionnaire, subject: str, *,
                      language: str, wave: str | None = None, breakdown: str | None = None,
                      names: Mapping[str, str] | None = None) -> ChartData:
    """The chart of question or theme ``subject`` for the wave in focus (default: the
    table's latest) and a breakdown variable (None: the rows over everyone).

    ``names`` translates what the questionnaire has no label for: ``""`` (the total), the
    interview modes (``web``, ``in_person``, ``phone``) and :data:`THEME_ROW` (the theme's
    own row above its statements; without it the theme's label).
    """
    kind = chart_kind(questionnaire, subject)
    if kind is None:
        raise UsageError(f"'{subject}' has no chart: only select, integer and decimal "
                         "questions and themes are charted.")
    breakdown = breakdown or TOTAL
    rows = _Rows(table, subject)
    if rows.frame.empty:
        raise UsageError(f"The table has no results for '{subject}'.")
    if breakdown != TOTAL and not (rows.frame["breakdown"] == breakdown).any():
        raise UsageError(f"The table has no results for '{subject}' by '{breakdown}'.")
    current, previous = _focus(rows.frame, wave)
    if kind == THEME:
        statements = next(s for g, s in themes(questionnaire) if g.name == subject)
        statement_rows = (_StatementRows(table, [q.name for q in statements])
                          if breakdown == TOTAL else None)
        return theme_chart(rows, statement_rows, questionnaire, subject, statements, language,
                           current, previous, breakdown, names)
    question = questionnaire.question(subject)
    build = {SCALE: scale_chart, SELECT: select_chart, NUMERIC: numeric_chart}[kind]
    return build(rows, questionnaire, question, language, current, previous, breakdown, names)
