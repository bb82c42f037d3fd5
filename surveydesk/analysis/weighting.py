"""Weights that make the answers match known population counts.

One margin (e.g. target group) gives post-stratification: every respondent in group ``g``
gets ``N_g / n_g``. Several margins (target group and age band) are fitted by raking
(iterative proportional fitting, Deming & Stephan 1940): the weights are scaled to each
margin in turn until all margins match. Weights are normalised to mean 1 over the weighted
respondents, so weighted counts stay on the sample's scale; shares, means and Kish's
effective n do not depend on that scale.

Respondents without an answer to a weighting variable keep weight 1 (and a warning says how
many); a group with population but no respondents cannot be weighted up from nothing, which
is a warning for post-stratification and an error for raking (it cannot converge).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from surveydesk.core.errors import SurveyDeskError


@dataclass(frozen=True)
class Margin:
    """One weighting variable: each respondent's group and the population per group."""

    variable: str
    groups: np.ndarray  # per respondent: the group name, or None/"" when unanswered
    population: Mapping[str, float]


@dataclass(frozen=True)
class Weights:
    values: np.ndarray
    iterations: int
    warnings: tuple[str, ...] = ()


class WeightingError(SurveyDeskError):
    """The population margins cannot be matched by the answers."""


def _codes(margin: Margin) -> tuple[np.ndarray, np.ndarray, list[str]]:
    names = [name for name, count in margin.population.items() if count > 0]
    index = {name: i for i, name in enumerate(names)}
    codes = np.array([index.get(g, -1) if isinstance(g, str) else -1 for g in margin.groups],
                     dtype=np.int64)
    targets = np.array([margin.population[name] for name in names], dtype=float)
    return codes, targets / targets.sum(), names


def weight(margins: Sequence[Margin], *, tolerance: float = 1e-10,
           max_iterations: int = 1000) -> Weights:
    """Post-stratification (one margin) or raking (several) to population ``margins``."""
    if not margins:
        raise WeightingError("Weighting needs at least one population variable.")
    size = len(margins[0].groups)
    prepared = [_codes(margin) for margin in margins]
    covered = np.ones(size, dtype=bool)
    for codes, _, _ in prepared:
        covered &= codes >= 0
    warnings: list[str] = []
    missing = int(size - covered.sum())
    if missing:
        warnings.append(f"{missing} respondent(s) lack an answer to a weighting variable "
                        "and keep weight 1.")
    for margin, (codes, _, names) in zip(margins, prepared, strict=True):
        counts = np.bincount(codes[covered], minlength=len(names))
        empty = [names[i] for i in np.flatnonzero(counts == 0)]
        if empty and len(margins) > 1:
            raise WeightingError(
                f"Cannot rake: no respondents in {margin.variable} = {', '.join(empty)}, which "
                "has a population. Merge it with another group or leave it out.")
        if empty:
            warnings.append(f"No respondents in {margin.variable} = {', '.join(empty)}; "
                            "that part of the population is not represented.")
    weights = np.ones(size)
    active = weights[covered]
    iterations = 0
    for iterations in range(1, max_iterations + 1):  # noqa: B007 - reported below
        worst = 0.0
        for codes, shares, names in prepared:
            groups = codes[covered]
            sums = np.bincount(groups, weights=active, minlength=len(names))
            present = sums > 0
            wanted = shares * active.sum() / shares[present].sum()
            factor = np.ones(len(names))
            factor[present] = wanted[present] / sums[present]
            worst = max(worst, float(np.max(np.abs(factor[present] - 1))))
            active = active * factor[groups]
        if worst < tolerance:
            break
    else:
        raise WeightingError(f"Raking did not converge in {max_iterations} iterations; "
                             "the population margins may contradict each other.")
    weights[covered] = active / active.mean() if active.size else active
    return Weights(weights, iterations, tuple(warnings))
