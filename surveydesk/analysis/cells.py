"""Sufficient statistics per question x statistic x group, in one pass per question.

Every cell of a table is described by additive sums over its respondents, so that "the rest
of the wave" is simply *total minus group* and no respondent is visited twice:

==========  ============================================================================
``n``       respondents in the base (unweighted)
``sw``      sum of weights in the base (= ``n`` unweighted)
``sw2``     sum of squared weights (Kish's effective n is ``sw**2 / sw2``)
``sx``      proportions: weighted count of "yes"; means: weighted sum of values
``sx2``     means: weighted sum of squared values (proportions: equal to ``sx``)
==========  ============================================================================

Statistics (the ``statistic`` column):

- ``share:<choice>``: share of respondents who chose it, base = everyone who answered the
  question (select_multiple: may add up past 100 %);
- ``top2`` / ``bottom2``: share choosing one of the two highest / lowest scores of a scored
  scale; ``mean``: mean score; ``dont_know``: share of don't-know answers. Don't-know is
  outside the base of top2/bottom2/mean unless ``dont_know_in_base`` (then it counts in
  the top2/bottom2 base, as in seed 000; a mean of scores never includes it);
- ``theme_mean``: a respondent's theme score is the mean of the theme's answered scored
  statements (don't know is not an answer here); respondents who answered fewer than half of
  the statements are left out; the theme mean is the (weighted) mean of respondents' scores;
- numeric questions: ``mean`` and ``median`` (the median has no test).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import pandas as pd

from surveydesk.analysis.data import Breakdown, WaveAnswers, choice_codes
from surveydesk.core.questionnaire import Group, Question, Questionnaire, QuestionType

PROPORTION, MEAN, MEDIAN = "proportion", "mean", "median"


@dataclass(frozen=True)
class CellBlock:
    """Cells of one question x wave x breakdown: ``stats[i]`` for every group."""

    question: str
    statistics: tuple[str, ...]
    kinds: tuple[str, ...]
    breakdown: str
    groups: tuple[str, ...]
    wave: str
    n: np.ndarray  # shape (statistics, groups), and so on
    sw: np.ndarray
    sw2: np.ndarray
    sx: np.ndarray
    sx2: np.ndarray
    median: np.ndarray | None = None


def _tables(codes: np.ndarray, groups: np.ndarray, size: int, weights: np.ndarray):
    """(unweighted, weighted, squared-weight) counts of ``groups x codes`` as (G, size)."""
    ok = (codes >= 0) & (groups >= 0)
    index = groups[ok] * size + codes[ok]
    length = (groups.max(initial=-1) + 1) * size
    w = weights[ok]
    shape = (-1, size)
    return (np.bincount(index, minlength=length).reshape(shape).astype(float),
            np.bincount(index, weights=w, minlength=length).reshape(shape),
            np.bincount(index, weights=w * w, minlength=length).reshape(shape))


def _pad(table: np.ndarray, groups: int) -> np.ndarray:
    if table.shape[0] < groups:
        table = np.vstack([table, np.zeros((groups - table.shape[0], table.shape[1]))])
    return table


def select_one_cells(question: Question, wave: WaveAnswers, split: Breakdown,
                     dont_know_in_base: bool) -> CellBlock:
    choices = question.choice_list
    names = choices.names
    codes = choice_codes(wave.answers[question.name], names) if question.name in wave.answers \
        else np.full(wave.size, -1, dtype=np.int64)
    G = len(split.groups)
    u, w, w2 = (_pad(t, G) for t in _tables(codes, split.codes[wave.label], len(names),
                                            wave.weights))
    statistics, kinds, rows = [], [], []

    def add(statistic: str, kind: str, member: np.ndarray, base: np.ndarray,
            values: np.ndarray | None = None) -> None:
        statistics.append(statistic)
        kinds.append(kind)
        if kind == PROPORTION:
            sx = w @ member
            rows.append((u @ base, w @ base, w2 @ base, sx, sx))
        else:
            rows.append((u @ base, w @ base, w2 @ base, w @ (base * values),
                         w @ (base * values**2)))

    everyone = np.ones(len(names))
    for i, name in enumerate(names):
        add(f"share:{name}", PROPORTION, np.eye(len(names))[i], everyone)
    if choices.scored:
        scores = np.array([c.score if c.score is not None else np.nan for c in choices.choices])
        on_scale = ~np.isnan(scores)
        distinct = np.unique(scores[on_scale])
        top, bottom = distinct[-2:], distinct[:2]
        dont_know = (~on_scale).astype(float)
        base = everyone if dont_know_in_base else on_scale.astype(float)
        add("top2", PROPORTION, np.isin(scores, top).astype(float), base)
        add("bottom2", PROPORTION, np.isin(scores, bottom).astype(float), base)
        add("mean", MEAN, on_scale.astype(float), on_scale.astype(float),
            np.nan_to_num(scores))
        if dont_know.any():
            add("dont_know", PROPORTION, dont_know, everyone)
    return _block(question.name, statistics, kinds, split, wave.label, rows)


def select_multiple_cells(question: Question, wave: WaveAnswers,
                          split: Breakdown) -> CellBlock:
    names = question.choice_list.names
    G = len(split.groups)
    column = wave.answers.get(question.name)
    if column is None or not isinstance(column.dtype, pd.CategoricalDtype):
        column = pd.Series(pd.Categorical([None] * wave.size))
    combos = list(column.cat.categories)
    membership = np.array([[name in str(combo).split() for name in names] for combo in combos],
                          dtype=float).reshape(len(combos), len(names))
    codes = column.cat.codes.to_numpy().astype(np.int64)
    u, w, w2 = (_pad(t, G) for t in _tables(codes, split.codes[wave.label], max(len(combos), 1),
                                            wave.weights))
    if not combos:
        u, w, w2 = (np.zeros((G, 1)) for _ in range(3))
        membership = np.zeros((1, len(names)))
    rows = []
    for i in range(len(names)):
        sx = w @ membership[:, i]
        rows.append((u.sum(axis=1), w.sum(axis=1), w2.sum(axis=1), sx, sx))
    return _block(question.name, [f"share:{n}" for n in names], [PROPORTION] * len(names),
                  split, wave.label, rows)


def _mean_rows(values: np.ndarray, groups: np.ndarray, weights: np.ndarray, G: int):
    ok = ~np.isnan(values) & (groups >= 0)
    g, x, w = groups[ok], values[ok], weights[ok]

    def sums(v):
        return np.bincount(g, weights=v, minlength=G)[:G]

    return (np.bincount(g, minlength=G)[:G].astype(float), sums(w), sums(w * w), sums(w * x),
            sums(w * x * x))


def _weighted_medians(values: np.ndarray, groups: np.ndarray, weights: np.ndarray,
                      G: int) -> np.ndarray:
    """Per group the weighted median: the smallest value with half the weight at or below."""
    result = np.full(G, np.nan)
    ok = ~np.isnan(values) & (groups >= 0)
    # Sort once by (group, value), then each group is one contiguous slice.
    order = np.lexsort((values[ok], groups[ok]))
    sorted_values, sorted_weights = values[ok][order], weights[ok][order]
    bounds = np.searchsorted(groups[ok][order], np.arange(G + 1))
    for group in range(G):
        start, stop = bounds[group], bounds[group + 1]
        if start == stop:
            continue
        x, w = sorted_values[start:stop], sorted_weights[start:stop]
        cumulative = np.cumsum(w)
        half = cumulative[-1] / 2
        i = int(np.searchsorted(cumulative, half))
        # With equal weights and an even count this gives the mean of the two middle values,
        # which is the ordinary median.
        if np.isclose(cumulative[i], half) and i + 1 < len(x):
            result[group] = (x[i] + x[i + 1]) / 2
        else:
            result[group] = x[i]
    return result


def _as_numbers(column: pd.Series) -> np.ndarray:
    """A numeric question's answers as floats. Stored text that is no number (possible for
    data entered under an older form version) does not count in means and medians."""
    if column.dtype == "float64":
        return column.to_numpy()
    return pd.to_numeric(column.astype(object), errors="coerce").to_numpy(dtype=float,
                                                                          na_value=np.nan)


def numeric_cells(question: Question, wave: WaveAnswers, split: Breakdown) -> CellBlock:
    G = len(split.groups)
    values = (_as_numbers(wave.answers[question.name]) if question.name in wave.answers
              else np.full(wave.size, np.nan))
    groups = split.codes[wave.label]
    rows = _mean_rows(values, groups, wave.weights, G)
    median = _weighted_medians(values, groups, wave.weights, G)
    return _block(question.name, ["mean", "median"], [MEAN, MEDIAN], split, wave.label,
                  [rows, rows], median=np.vstack([np.full(G, np.nan), median]))


def theme_scores(statements: tuple[Question, ...], wave: WaveAnswers) -> np.ndarray:
    """Each respondent's theme score (NaN when fewer than half the statements answered)."""
    total = np.zeros(wave.size)
    answered = np.zeros(wave.size)
    for question in statements:
        if question.name not in wave.answers:
            continue
        scores = np.array([c.score if c.score is not None else np.nan
                           for c in question.choice_list.choices] + [np.nan])
        codes = choice_codes(wave.answers[question.name], question.choice_list.names)
        values = scores[codes]  # code -1 picks the trailing NaN
        present = ~np.isnan(values)
        total[present] += values[present]
        answered += present
    with np.errstate(invalid="ignore", divide="ignore"):
        score = total / answered
    return np.where(answered * 2 >= len(statements), score, np.nan) if statements else score


def theme_cells(group: Group, statements: tuple[Question, ...], wave: WaveAnswers,
                split: Breakdown) -> CellBlock:
    G = len(split.groups)
    rows = _mean_rows(theme_scores(statements, wave), split.codes[wave.label], wave.weights, G)
    return _block(group.name, ["theme_mean"], [MEAN], split, wave.label, [rows])


def themes(questionnaire: Questionnaire) -> list[tuple[Group, tuple[Question, ...]]]:
    """Groups holding at least two scored select_one statements: the survey's themes."""
    found = []
    for group in questionnaire.groups:
        statements = tuple(q for q in questionnaire.questions_in_group(group.name)
                           if q.type is QuestionType.SELECT_ONE and q.is_scored)
        if len(statements) >= 2:
            found.append((group, statements))
    return found


def _block(question, statistics, kinds, split, wave, rows, median=None) -> CellBlock:
    G = len(split.groups)
    fields = [np.vstack([np.asarray(row[i], dtype=float)[:G] for row in rows]) if rows
              else np.zeros((0, G)) for i in range(5)]
    return CellBlock(question, tuple(statistics), tuple(kinds), split.name, split.groups,
                     wave, *fields, median=median)


def question_blocks(question: Question, wave: WaveAnswers, split: Breakdown,
                    dont_know_in_base: bool) -> Iterator[CellBlock]:
    kind = question.type
    if kind is QuestionType.SELECT_ONE and question.choice_list is not None:
        yield select_one_cells(question, wave, split, dont_know_in_base)
    elif kind is QuestionType.SELECT_MULTIPLE and question.choice_list is not None:
        yield select_multiple_cells(question, wave, split)
    elif kind.is_numeric:
        yield numeric_cells(question, wave, split)
