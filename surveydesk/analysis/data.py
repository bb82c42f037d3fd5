"""The respondents an analysis uses: per wave, answers as arrays, weights and groups.

Only complete interviews are analysed (partial and aborted ones are kept in the project but
are not results). Everything here is arrays aligned on respondents, so the cell computations
are a handful of ``bincount`` calls per question.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from surveydesk.core.errors import UsageError
from surveydesk.core.questionnaire import MODES, Questionnaire, QuestionType

SPECIAL_BREAKDOWNS = ("mode", "wave")
CROSS = " × "


@dataclass(frozen=True)
class WaveAnswers:
    """One wave's complete interviews: answers (columns as in the store) and weights."""

    label: str
    answers: pd.DataFrame
    interviews: pd.DataFrame
    weights: np.ndarray

    @property
    def size(self) -> int:
        return len(self.answers)


@dataclass(frozen=True)
class Breakdown:
    """A way to split respondents: ``name`` and its group labels ('' = everyone)."""

    name: str
    groups: tuple[str, ...]
    codes: Mapping[str, np.ndarray] = field(repr=False)  # wave label -> group index or -1


def choice_codes(column: pd.Series, names: Sequence[str]) -> np.ndarray:
    """Per respondent the index of its answer in ``names`` (-1 when unanswered or unknown)."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        position = {name: i for i, name in enumerate(names)}
        remap = np.array([position.get(c, -1) for c in column.cat.categories] + [-1],
                         dtype=np.int64)
        return remap[column.cat.codes.to_numpy()]
    position = {name: i for i, name in enumerate(names)}
    return np.array([position.get(v, -1) for v in column], dtype=np.int64)


def total_breakdown(waves: Sequence[WaveAnswers]) -> Breakdown:
    return Breakdown("", ("",), {w.label: np.zeros(w.size, dtype=np.int64) for w in waves})


def breakdown(name: str, questionnaire: Questionnaire,
              waves: Sequence[WaveAnswers]) -> Breakdown:
    """The groups of a breakdown variable: a select_one question, ``mode`` or ``wave``."""
    if name == "mode":
        return Breakdown("mode", MODES, {
            w.label: choice_codes(w.interviews["mode"], MODES) for w in waves})
    if name == "wave":
        labels = tuple(w.label for w in waves)
        return Breakdown("wave", labels, {
            w.label: np.full(w.size, i, dtype=np.int64) for i, w in enumerate(waves)})
    if name not in questionnaire:
        raise UsageError(f"Cannot break down by '{name}': the questionnaire has no question of "
                         f"that name (use a select_one question, 'mode' or 'wave').")
    question = questionnaire.question(name)
    if question.type is not QuestionType.SELECT_ONE or question.choice_list is None:
        kind = question.type.value
        article = "an" if kind[:1] in "aeiou" else "a"
        raise UsageError(f"Cannot break down by '{name}': it is {article} {kind} "
                         "question; a breakdown must be categorical (select_one, mode, wave).")
    names = question.choice_list.names
    return Breakdown(name, names, {
        w.label: choice_codes(w.answers[name], names) if name in w.answers else
        np.full(w.size, -1, dtype=np.int64) for w in waves})


def crossed(first: Breakdown, second: Breakdown) -> Breakdown:
    """Every combination of two breakdowns' groups, e.g. ``borgerservice × phone``."""
    groups = tuple(f"{a}{CROSS}{b}" for a in first.groups for b in second.groups)
    codes = {}
    for label, a in first.codes.items():
        b = second.codes[label]
        codes[label] = np.where((a >= 0) & (b >= 0), a * len(second.groups) + b, -1)
    return Breakdown(f"{first.name}{CROSS}{second.name}", groups, codes)


def load_waves(project, questionnaire: Questionnaire, labels: Sequence[str] | None = None,
               weights: Mapping[str, np.ndarray] | None = None) -> list[WaveAnswers]:
    """Complete interviews of the project's waves (in wave order), or of ``labels``."""
    known = [w.label for w in project.waves()]
    if labels is not None:
        for label in labels:
            if label not in known:
                raise UsageError(f"The project has no wave '{label}' "
                                 f"(waves: {', '.join(known) or 'none yet'}).")
    chosen = [label for label in known if labels is None or label in labels]
    if not chosen:
        raise UsageError("The project has no data yet: import answers into a wave first.")
    waves = []
    for label in chosen:
        data = project.wave_data(label, details=False)
        complete = (data.interviews["status"] == "complete").to_numpy()
        answers = data.answers[complete]
        size = len(answers)
        given = (weights or {}).get(label)
        waves.append(WaveAnswers(label, answers, data.interviews[complete],
                                 np.ones(size) if given is None else np.asarray(given)))
    return waves
