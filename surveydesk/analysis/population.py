"""Population counts: response rates (seed 001) and weights to population margins.

Counts are rows ``(wave, variable, group, population)``; a wave of ``''`` applies to every
wave that has no counts of its own for that variable.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import numpy as np
import pandas as pd

from surveydesk.analysis.data import WaveAnswers, breakdown
from surveydesk.analysis.weighting import Margin, weight
from surveydesk.core.errors import UsageError
from surveydesk.core.questionnaire import Questionnaire

PopulationRow = tuple[str, str, str, float]
RATE_COLUMNS = ("wave", "variable", "group", "population", "answers", "rate")


def counts_for_wave(rows: Sequence[PopulationRow], wave: str) -> dict[str, dict[str, float]]:
    """``variable -> group -> population`` for ``wave`` (its own counts win over ``''``)."""
    general: dict[str, dict[str, float]] = {}
    own: dict[str, dict[str, float]] = {}
    for row_wave, variable, group, population in rows:
        if row_wave == wave:
            own.setdefault(variable, {})[group] = population
        elif row_wave == "":
            general.setdefault(variable, {})[group] = population
    return {**general, **own}


def response_rates(waves: Sequence[WaveAnswers], questionnaire: Questionnaire,
                   rows: Sequence[PopulationRow]) -> pd.DataFrame:
    """Per wave, variable and group: population, complete answers and the response rate."""
    records = []
    for wave in waves:
        for variable, groups in counts_for_wave(rows, wave.label).items():
            split = breakdown(variable, questionnaire, [wave])
            counts = np.bincount(split.codes[wave.label][split.codes[wave.label] >= 0],
                                 minlength=len(split.groups))
            answers = dict(zip(split.groups, counts.tolist(), strict=True))
            for group, population in groups.items():
                got = answers.get(group, 0)
                rate = got / population if population > 0 else np.nan
                records.append((wave.label, variable, group, population, got, rate))
            total = sum(groups.values())
            got = sum(answers.get(group, 0) for group in groups)
            records.append((wave.label, variable, "", total, got,
                            got / total if total else np.nan))
    return pd.DataFrame(records, columns=list(RATE_COLUMNS))


def weighted_waves(waves: Sequence[WaveAnswers], questionnaire: Questionnaire,
                   rows: Sequence[PopulationRow]) -> tuple[list[WaveAnswers], list[str]]:
    """Each wave with weights to its population margins; and the warnings."""
    result, warnings = [], []
    for wave in waves:
        counts = counts_for_wave(rows, wave.label)
        if not counts:
            raise UsageError(f"Cannot weight wave '{wave.label}': the project has no "
                             "population counts for it. Set them with 'surveydesk-cli "
                             "population set'.")
        margins = []
        for variable, groups in counts.items():
            split = breakdown(variable, questionnaire, [wave])
            codes = split.codes[wave.label]
            names = np.array([*split.groups, ""], dtype=object)
            margins.append(Margin(variable, names[codes], groups))
        weights = weight(margins)
        warnings += [f"Wave '{wave.label}': {text}" for text in weights.warnings]
        result.append(dataclasses.replace(wave, weights=weights.values))
    return result, warnings
