"""What an Excel report shows, as plain values (no store, no Qt).

:func:`surveydesk.analysis.report.report_content` fills it from a project; the Excel writer
(:mod:`surveydesk.export.excel`) reads only this, so it never touches the project file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from surveydesk.core.questionnaire import Questionnaire


@dataclass(frozen=True)
class ReportWave:
    """One wave on the front page: label, fieldwork dates and complete interviews (the
    ones the tables count) by mode."""

    label: str
    starts_on: str | None
    ends_on: str | None
    by_mode: Mapping[str, int]

    @property
    def total(self) -> int:
        return sum(self.by_mode.values())


@dataclass(frozen=True)
class ReportNote:
    """A warning for the front page: ``english`` as the CLI and app show it, and where the
    glossary has the same text, its ``key`` and the ``fields`` to fill in."""

    english: str
    key: str = ""
    fields: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ReportContent:
    """What the report shows; ``table`` is the engine's tidy table, unchanged."""

    title: str
    form_id: str
    language: str
    waves: tuple[ReportWave, ...]
    generated: dt.date
    table: pd.DataFrame
    questionnaire: Questionnaire
    response_rates: pd.DataFrame
    breakdowns: tuple[str, ...] = ()
    weighted: bool = False
    alpha: float = 0.05
    min_base: int = 30
    dont_know_in_base: bool = False
    warnings: tuple[str, ...] = field(default=())
    client: str = ""
    benchmark_sources: tuple[str, ...] = ()
    headline: tuple[str, ...] = ()  # questions charted besides those with a target
    notes: tuple[ReportNote, ...] = ()  # the warnings, for the front page
    form_version: str = ""


def missing_labels(questionnaire: Questionnaire, language: str,
                   questions: Sequence[str] | None = None) -> list[str]:
    """Texts the report needs that have no label in ``language`` (they fall back to the
    form's default language): the analysed questions, their choices and their groups."""
    if language == questionnaire.default_language:
        return []
    names = set(questions) if questions is not None else None
    missing: list[str] = []
    groups_seen: set[str] = set()
    for question in questionnaire.answer_questions:
        if names is not None and question.name not in names:
            continue
        for group_name in question.groups:
            if group_name in groups_seen:
                continue
            groups_seen.add(group_name)
            if not questionnaire.group(group_name).labels.get(language):
                missing.append(f"group '{group_name}'")
        if not question.labels.get(language):
            missing.append(f"question '{question.name}'")
        if question.choice_list is not None:
            for choice in question.choice_list.choices:
                if not choice.labels.get(language):
                    missing.append(f"choice '{choice.name}' of '{question.name}'")
    return missing
