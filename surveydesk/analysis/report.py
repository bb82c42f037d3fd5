"""Everything an Excel report shows, gathered from the project in one call.

:func:`report_content` reads the store (waves, counts by mode, settings) and runs the table
engine; the result (:class:`~surveydesk.analysis.report_content.ReportContent`) holds plain
values only, so :mod:`surveydesk.export.excel` writes the workbook without the project file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from types import MappingProxyType

import pandas as pd

from surveydesk.analysis.cells import themes
from surveydesk.analysis.project_tables import dont_know_in_base, tables_for_project
from surveydesk.analysis.report_content import ReportContent, ReportWave, missing_labels
from surveydesk.analysis.tables import TableOptions
from surveydesk.core.errors import UsageError
from surveydesk.core.questionnaire import Questionnaire
from surveydesk.store.project import Project


def _label_warning(questionnaire: Questionnaire, language: str,
                   missing: list[str]) -> str:
    fallback = questionnaire.default_language
    return (f"{len(missing)} label(s) have no text in '{language}' and are shown in "
            f"'{fallback}': {', '.join(missing)}.")


def report_content(project: Project, *, language: str, breakdowns: Sequence[str] = (),
                   weighted: bool = False, today: dt.date | None = None) -> ReportContent:
    """Tables, waves and notes for a report in ``language`` ("da" or "en" for the glossary;
    question labels come from the questionnaire's own language columns)."""
    questionnaire = project.questionnaire
    if language not in questionnaire.language_codes:
        known = ", ".join(questionnaire.language_codes)
        warnings = [f"The questionnaire has no '{language}' labels (it has {known}); "
                    f"question and choice labels are shown in "
                    f"'{questionnaire.default_language}'."]
    else:
        warnings = []
    options = TableOptions(breakdowns=tuple(breakdowns), weighted=weighted)
    tables = tables_for_project(project, options)
    analysed = [str(q) for q in pd.unique(tables.table["question"])]
    theme_names = {group.name for group, _ in themes(questionnaire)}
    missing = missing_labels(questionnaire, language,
                             [q for q in analysed if q not in theme_names])
    if missing and not warnings:
        warnings.append(_label_warning(questionnaire, language, missing))
    overview = project.overview()
    waves = tuple(
        ReportWave(s.wave.label, s.wave.starts_on, s.wave.ends_on,
                   MappingProxyType(dict(s.by_mode)))
        for s in overview.waves)
    if not waves:
        raise UsageError("The project has no waves to report on.")
    return ReportContent(
        title=overview.title, form_id=overview.form_id, language=language, waves=waves,
        generated=today or dt.date.today(), table=tables.table, questionnaire=questionnaire,
        response_rates=tables.response_rates, breakdowns=tuple(breakdowns), weighted=weighted,
        alpha=options.alpha, min_base=options.min_base,
        dont_know_in_base=dont_know_in_base(project),
        warnings=tuple(warnings) + tables.warnings)
