"""How the analysis view names and writes things: labels of questions, themes, breakdowns,
groups and statistics in the UI language, and numbers in the UI locale.

Labels come from the questionnaire in the UI language when the form has it (else the form's
default language); the words SurveyDesk adds ('Total', 'Top 2'…) are translated. Numbers
follow the UI locale: ``35,6 %`` and ``3,82`` in Danish, ``35.6%`` and ``3.82`` in English.
"""

from __future__ import annotations

import math

import pandas as pd
from PySide6.QtCore import QCoreApplication, QLocale

from surveydesk.analysis.data import CROSS
from surveydesk.core.questionnaire import Questionnaire
from surveydesk.gui.records_model import mode_name
from surveydesk.gui.translation import current_language, ui_locale

translate = QCoreApplication.translate


# -- labels in the UI language ---------------------------------------------------------------
def form_language(questionnaire: Questionnaire) -> str | None:
    """The questionnaire language that matches the UI language (``None``: its default)."""
    code = current_language()
    return code if code in questionnaire.language_codes else None


def subject_label(questionnaire: Questionnaire, name: str) -> str:
    """A question's label or a theme's group label, in the UI language."""
    language, fallback = form_language(questionnaire), questionnaire.fallback
    if name in questionnaire:
        return questionnaire.question(name).label(language, fallback)
    try:
        return questionnaire.group(name).label(language, fallback)
    except KeyError:
        return name


def breakdown_label(questionnaire: Questionnaire, name: str) -> str:
    """What a breakdown variable is called: mode, wave, or the question's label."""
    if name == "mode":
        return translate("AnalysisTable", "Mode of interview")
    if name == "wave":
        return translate("AnalysisTable", "Wave")
    if CROSS in name:
        return CROSS.join(breakdown_label(questionnaire, part) for part in name.split(CROSS))
    return subject_label(questionnaire, name)


def group_label(questionnaire: Questionnaire, breakdown: str, group: str) -> str:
    """A breakdown group's label: 'Total', a mode, a wave, or a choice's label."""
    if breakdown == "":
        return translate("AnalysisTable", "Total")
    if CROSS in breakdown:
        return CROSS.join(group_label(questionnaire, name, part) for name, part in
                          zip(breakdown.split(CROSS), group.split(CROSS), strict=False))
    if breakdown == "mode":
        return mode_name(group)
    if breakdown == "wave" or breakdown not in questionnaire:
        return group
    choices = questionnaire.question(breakdown).choice_list
    try:
        choice = choices.choice(group) if choices is not None else None
    except KeyError:
        choice = None
    return group if choice is None else choice.label(form_language(questionnaire),
                                                     questionnaire.fallback)


def statistic_label(questionnaire: Questionnaire, subject: str, statistic: str) -> str:
    """A row title: the choice's label for a share, else what the statistic is."""
    if statistic.startswith("share:"):
        name = statistic.removeprefix("share:")
        if subject in questionnaire and questionnaire.question(subject).choice_list:
            try:
                choice = questionnaire.question(subject).choice_list.choice(name)
            except KeyError:
                return name
            return choice.label(form_language(questionnaire), questionnaire.fallback)
        return name
    scored = subject in questionnaire and questionnaire.question(subject).is_scored
    return {
        "top2": translate("AnalysisTable", "Top 2 (two highest answers)"),
        "bottom2": translate("AnalysisTable", "Bottom 2 (two lowest answers)"),
        "mean": (translate("AnalysisTable", "Mean score") if scored else
                 translate("AnalysisTable", "Mean")),
        "median": translate("AnalysisTable", "Median"),
        "dont_know": translate("AnalysisTable", "Don't know (all)"),
        "theme_mean": translate("AnalysisTable", "Theme mean (mean of the statements)"),
    }.get(statistic, statistic)


# -- numbers in the UI locale ----------------------------------------------------------------
def is_missing(value: object) -> bool:
    """Whether a cell of the tidy table is empty (NaN, a missing flag, nothing)."""
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def number_text(value: float, kind: str, locale: QLocale, *, copying: bool = False) -> str:
    """A value as shown: a share in percent with one decimal (``35,6 %`` in Danish, with
    the space Danish writes, ``35.6%`` in English), a mean with two decimals, a median with
    one; ``''`` when there is none. ``copying``: for the clipboard (with
    :func:`copy_locale`), shares without the space: ``35,6%``."""
    if is_missing(value):
        return ""
    if kind == "proportion":
        number = locale.toString(float(value) * 100, "f", 1)
        spaced = locale.language() == QLocale.Language.Danish and not copying
        return f"{number} %" if spaced else f"{number}%"
    return locale.toString(float(value), "f", 2 if kind == "mean" else 1)


def copy_locale() -> QLocale:
    """The UI locale without thousands separators, shares as ``35,6%``: what Danish and
    English spreadsheets read as numbers."""
    locale = ui_locale()
    locale.setNumberOptions(QLocale.NumberOption.OmitGroupSeparator)
    return locale


def p_text(p: float, locale: QLocale) -> str:
    if p < 0.001:
        return "< " + locale.toString(0.001, "f", 3)
    return locale.toString(float(p), "f", 3)
