"""Tables for a project: its waves, settings, targets and population counts in one call.

This is what the CLI's ``tables`` command, the analysis screens and the Excel report call.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from surveydesk.analysis.data import load_waves
from surveydesk.analysis.population import RATE_COLUMNS, response_rates, weighted_waves
from surveydesk.analysis.reference import Target
from surveydesk.analysis.tables import TableOptions, compute_tables
from surveydesk.core.errors import UsageError
from surveydesk.store import settings as stored
from surveydesk.store.project import Project

DONT_KNOW_IN_BASE = "dont_know_in_base"
TRUE_TEXTS = ("true", "yes", "1", "on")


@dataclass(frozen=True)
class ProjectTables:
    table: pd.DataFrame
    response_rates: pd.DataFrame
    warnings: tuple[str, ...] = ()


def project_targets(project: Project) -> tuple[Target, ...]:
    return tuple(Target(*row) for row in stored.targets(project))


def dont_know_in_base(project: Project) -> bool:
    return (stored.get_setting(project, DONT_KNOW_IN_BASE, "false") or "").lower() in TRUE_TEXTS


def project_response_rates(project: Project) -> pd.DataFrame:
    """Population, complete answers and response rate per wave, variable and group."""
    questionnaire = project.questionnaire
    populations = stored.population_counts(project)
    if not populations or not project.waves():
        return pd.DataFrame(columns=list(RATE_COLUMNS))
    return response_rates(load_waves(project, questionnaire), questionnaire, populations)


def tables_for_project(project: Project, options: TableOptions | None = None,
                       progress: Callable[[int, int], None] | None = None) -> ProjectTables:
    """The tidy table with the project's targets and don't-know setting applied.

    ``options.weighted`` weights every wave to the stored population counts;
    ``progress`` is passed to :func:`~surveydesk.analysis.tables.compute_tables`.
    """
    options = options or TableOptions()
    questionnaire = project.questionnaire
    for label in options.waves or ():
        project.wave(label)  # an unknown wave is an error naming the known ones
    waves = load_waves(project, questionnaire)
    warnings: list[str] = []
    empty = [w.label for w in waves if w.size == 0]
    if options.waves is not None:
        wanted_empty = [label for label in options.waves if label in empty]
        if wanted_empty:
            raise UsageError(f"Wave '{wanted_empty[0]}' has no complete interviews to "
                             "tabulate.")
    if empty:
        warnings.append(f"Waves without complete interviews are left out: {', '.join(empty)}.")
        waves = [w for w in waves if w.size > 0]
    if not waves:
        raise UsageError("The project has no complete interviews to tabulate yet.")
    populations = stored.population_counts(project)
    if options.weighted:
        waves, weight_warnings = weighted_waves(waves, questionnaire, populations)
        warnings += weight_warnings
    options = dataclasses.replace(
        options,
        targets=options.targets or project_targets(project),
        dont_know_in_base=options.dont_know_in_base or dont_know_in_base(project),
    )
    table = compute_tables(waves, questionnaire, options, progress)
    rates = response_rates(waves, questionnaire, populations)
    if options.waves is not None:
        rates = rates[rates["wave"].isin(options.waves)].reset_index(drop=True)
    return ProjectTables(table, rates, tuple(warnings))
