"""Everything an Excel report shows, gathered from the project in one call.

:func:`report_content` reads the store (waves, counts by mode, settings) and runs the table
engine; the result (:class:`~surveydesk.analysis.report_content.ReportContent`) holds plain
values only, so :mod:`surveydesk.export.excel` writes the workbook without the project file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from types import MappingProxyType

import pandas as pd

from surveydesk.analysis.cells import themes
from surveydesk.analysis.project_tables import dont_know_in_base, tables_for_project
from surveydesk.analysis.reference import BenchmarkValue
from surveydesk.analysis.report_content import (
    ReportContent,
    ReportNote,
    ReportWave,
    missing_labels,
)
from surveydesk.analysis.tables import TableOptions
from surveydesk.core.errors import Cancelled, UsageError
from surveydesk.core.questionnaire import Questionnaire
from surveydesk.store import settings as stored
from surveydesk.store.project import Project

CLIENT_SETTING = "client"  # the municipality or client named on the report's front page
MAX_CLIENT_LENGTH = 200

Progress = Callable[[int, int, str], None]


def client_name(text: str) -> str:
    """``text`` checked as the client's name for the front page (empty clears it)."""
    name = " ".join(text.split())
    if len(name) > MAX_CLIENT_LENGTH:
        raise UsageError(f"The client's name may be at most {MAX_CLIENT_LENGTH} characters, "
                         f"not {len(name)}.")
    if any(not character.isprintable() for character in name):
        raise UsageError(f"The client's name {name!r} holds control characters; use "
                         "letters, digits and punctuation only.")
    return name


class _Notes:
    """Warnings in English (for the command line and the app, as every message is) and as
    glossary keys, so the writer puts them in the report's language on the front page."""

    def __init__(self, language: str, fallback: str):
        self.fields = {"language": language, "fallback": fallback}
        self.notes: list[ReportNote] = []

    def add(self, key: str, english: str, **fields) -> None:
        values = {**self.fields, **{k: str(v) for k, v in fields.items()}}
        self.notes.append(ReportNote(english.format(**values), key,
                                     MappingProxyType(values)))


def _language_notes(notes: _Notes, questionnaire: Questionnaire, language: str) -> None:
    if language not in questionnaire.language_codes:
        notes.add("warn_no_language", "The questionnaire has no '{language}' labels (it has "
                  "{known}); question and choice labels are shown in '{fallback}'.",
                  known=", ".join(questionnaire.language_codes))
    if not questionnaire.title_in(language):
        notes.add("warn_no_title", "The form has no title in '{language}'; the report's "
                  "title is shown in '{fallback}'. Add a column 'form_title::{language}' to "
                  "the settings sheet of the questionnaire to give it one.")


def _check_headline(questionnaire: Questionnaire, headline: Sequence[str]) -> None:
    for name in headline:
        if name not in questionnaire:
            raise UsageError(f"Unknown question '{name}' to chart; the charts show "
                             "select questions of the form.")
        if questionnaire.question(name).choice_list is None:
            raise UsageError(f"Question '{name}' has no choices to chart; charts show "
                             "select_one and select_multiple questions.")


def report_content(project: Project, *, language: str, breakdowns: Sequence[str] = (),
                   weighted: bool = False, benchmark: Sequence[BenchmarkValue] = (),
                   headline: Sequence[str] = (), today: dt.date | None = None,
                   progress: Progress | None = None,
                   cancelled: Callable[[], bool] | None = None) -> ReportContent:
    """Tables, waves and notes for a report in ``language`` ("da" or "en" for the glossary;
    question labels come from the questionnaire's own language columns).

    ``benchmark`` values are compared with the total; ``headline`` names questions to chart
    besides those with a target. ``progress(done, total, text)`` is called per question
    counted; when ``cancelled()`` turns true the work stops with :class:`Cancelled`."""
    questionnaire = project.questionnaire
    _check_headline(questionnaire, headline)
    notes = _Notes(language, questionnaire.default_language)
    _language_notes(notes, questionnaire, language)

    def counted(done: int, total: int) -> None:
        if cancelled is not None and cancelled():
            raise Cancelled("The report was cancelled; no workbook was written.")
        if progress is not None:
            progress(done, total, "")

    options = TableOptions(breakdowns=tuple(breakdowns), weighted=weighted,
                           benchmark=tuple(benchmark))
    tables = tables_for_project(project, options, counted)
    if tables.table.empty:
        raise UsageError("The questionnaire has no questions a report can show (select, "
                         "integer or decimal questions, or themes); text answers are in "
                         "the data export.")
    analysed = [str(q) for q in pd.unique(tables.table["question"])]
    theme_names = {group.name for group, _ in themes(questionnaire)}
    missing = missing_labels(questionnaire, language,
                             [q for q in analysed if q not in theme_names])
    if missing and language in questionnaire.language_codes:
        notes.add("warn_missing_labels", "{count} label(s) have no text in '{language}' and "
                  "are shown in '{fallback}': {items}.", count=len(missing),
                  items=", ".join(missing))
    overview = project.overview()
    waves = tuple(
        ReportWave(s.wave.label, s.wave.starts_on, s.wave.ends_on,
                   MappingProxyType(dict(s.complete_by_mode)))
        for s in overview.waves)
    if not waves:
        raise UsageError("The project has no waves to report on.")
    sources = tuple(dict.fromkeys(v.source for v in benchmark if v.source))
    return ReportContent(
        title=questionnaire.title_in(language) or questionnaire.title,
        form_id=overview.form_id, language=language, waves=waves,
        generated=today or dt.date.today(), table=tables.table, questionnaire=questionnaire,
        response_rates=tables.response_rates, breakdowns=tuple(breakdowns), weighted=weighted,
        alpha=options.alpha, min_base=options.min_base,
        dont_know_in_base=dont_know_in_base(project),
        warnings=tuple(note.english for note in notes.notes) + tables.warnings,
        notes=tuple(notes.notes) + tuple(ReportNote(text) for text in tables.warnings),
        client=stored.get_setting(project, CLIENT_SETTING, "") or "",
        benchmark_sources=sources, headline=tuple(headline),
        form_version=overview.form_version)
