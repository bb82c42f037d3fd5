"""Export respondent data, one row per interview, to CSV and to SPSS .sav.

Both formats are written so that :mod:`surveydesk.io.importer` reads them back: columns are
named exactly as the questions, select_multiple answers stay space-separated choice *names*
(their labels hold spaces, so the importer could not split them), and a .sav's codes carry
value labels that name choices in a form language. Files are written to a temporary file in
the target folder and moved into place, so a failed export never leaves half a file.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from surveydesk.core.answers import FORMULA_STARTS
from surveydesk.core.errors import Problem, ProblemsError, SurveyDeskError, UsageError
from surveydesk.core.questionnaire import ChoiceList, Question, QuestionType, pick_text
from surveydesk.io.files import write_atomically
from surveydesk.store.project import Project

# The interview columns written before the questions, with .sav variable labels (da, en).
_META_LABELS = {
    "respondent_id": ("Respondent-id", "Respondent id"),
    "uuid": ("Interview-id (UUID)", "Interview id (UUID)"),
    "wave": ("Bølge", "Wave"),
    "mode": ("Indsamlingsmetode", "Mode"),
    "status": ("Status", "Status"),
    "interviewer": ("Interviewer", "Interviewer"),
    "device_id": ("Enhed", "Device"),
    "started_at": ("Påbegyndt", "Started at"),
    "completed_at": ("Afsluttet", "Completed at"),
}
META_COLUMNS = tuple(_META_LABELS)
_META_VALUE_LABELS = {
    "mode": {"web": ("Web", "Web"), "in_person": ("Personligt fremmøde", "In person"),
             "phone": ("Telefon", "Phone")},
    "status": {"complete": ("Gennemført", "Complete"), "partial": ("Delvist besvaret", "Partial"),
               "aborted": ("Afbrudt", "Aborted")},
}  # fmt: skip
_DELIMITERS = (",", ";", "\t")
# SPSS limits in UTF-8 bytes. pyreadstat silently cuts longer labels; we cut and say so.
_SPSS_NAME_BYTES, _SPSS_LABEL_BYTES, _SPSS_VALUE_BYTES = 64, 256, 120
_SPSS_NAME = re.compile(r"^[A-Za-z@][A-Za-z0-9_.@#$]*$")
_SPSS_RESERVED = {"ALL", "AND", "BY", "EQ", "GE", "GT", "LE", "LT", "NE", "NOT", "OR", "TO", "WITH"}
_INTEGER_NAME = re.compile(r"^-?(0|[1-9][0-9]{0,14})$")


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote; ``warnings`` name each label that fell back or was shortened."""

    path: Path
    rows: int
    columns: int
    waves: tuple[str, ...]
    warnings: tuple[str, ...] = ()

    def summary(self) -> str:
        waves = ", ".join(self.waves) or "none"
        return f"Exported {self.rows} interviews (waves: {waves}) to {self.path}."


def choice_codes(choice_list: ChoiceList) -> dict[str, int]:
    """The numeric .sav code of each choice name.

    Integer names keep their value as code; the other names get the codes after the largest
    integer name, in list order. So a list of integer names uses the names and a list without
    any uses 1..k; a scale with "don't know" (``5 4 3 2 1 dk``) keeps 1-5 and gives
    "don't know" 6, rather than numbering the whole list 1..6 and turning the scale around.
    """
    codes = {name: int(name) for name in choice_list.names if _INTEGER_NAME.match(name)}
    following = max(codes.values(), default=0) + 1
    for name in choice_list.names:
        if name not in codes:
            codes[name] = following
            following += 1
    return codes


class _Export:
    """One export run: the chosen waves, the language and the warnings collected on the way."""

    def __init__(self, project: Project, wave: str | None, language: str | None):
        self.project = project
        self.questionnaire = project.questionnaire
        codes = self.questionnaire.language_codes
        if language is not None and language not in codes:
            raise UsageError(
                f"The questionnaire has no language '{language}' (languages: {', '.join(codes)})."
            )
        self.language = language or self.questionnaire.default_language
        chosen = [project.wave(wave)] if wave is not None else project.waves()
        self.waves = tuple(w.label for w in chosen)
        self.questions = self.questionnaire.answer_questions
        clash = [q.name for q in self.questions if q.name in META_COLUMNS]
        if clash:
            raise SurveyDeskError(
                f"The question(s) {', '.join(clash)} have the name of an export column "
                f"({', '.join(META_COLUMNS)}); the data cannot be exported."
            )
        self._warnings: dict[str, None] = {}  # an ordered set: each warning once
        self.retired: list[str] = []  # questions of earlier form versions, found by frame()

    def warn(self, text: str) -> None:
        self._warnings.setdefault(text)

    def text(self, what: str, labels: Mapping[str, str], name: str) -> str:
        """A label in the chosen language, with a warning when it had to fall back."""
        fallback = self.questionnaire.fallback
        if labels and not labels.get(self.language):
            used = next((c for c in (*fallback, *labels) if labels.get(c)), "")
            self.warn(f"{what} has no label in '{self.language}'; the '{used}' label is used.")
        return pick_text(labels, self.language, fallback) or name

    def choice_labels(self, choices: ChoiceList) -> dict[str, str]:
        what = "Choice '{}' of list '" + choices.name + "'"
        return {c.name: self.text(what.format(c.name), c.labels, c.name) for c in choices.choices}

    def fit(self, text: str, limit: int, what: str) -> str:
        """``text`` cut to ``limit`` UTF-8 bytes at a character boundary, with a warning."""
        encoded = text.encode("utf-8")
        if len(encoded) <= limit:
            return text
        self.warn(f"{what} is longer than SPSS allows ({limit} bytes) and was shortened.")
        return encoded[:limit].decode("utf-8", errors="ignore")

    def result(self, path: Path, frame: pd.DataFrame) -> ExportResult:
        warnings = tuple(self._warnings)
        return ExportResult(Path(path), len(frame), len(frame.columns), self.waves, warnings)

    def frame(self, labels: bool) -> pd.DataFrame:
        names = [q.name for q in self.questions]
        datas = {label: self.project.wave_data(label) for label in self.waves}
        # Answers to questions an earlier form version had are kept, after the others.
        self.retired = sorted({name for data in datas.values() for name in data.answers.columns
                               if name not in names})
        if self.retired:
            self.warn(f"Answers to questions that are no longer in the form are exported as "
                      f"text after the others: {', '.join(self.retired)}.")
        names += self.retired
        parts = []
        for label, data in datas.items():
            part = data.interviews.reindex(columns=list(META_COLUMNS))
            part["wave"] = label
            parts.append(part.join(data.answers.reindex(columns=names)))
        columns = {}
        for name in (*META_COLUMNS, *names):
            values = pd.concat([p[name] for p in parts], ignore_index=True) if parts else None
            if name in self.questionnaire and self.questionnaire.question(name).type.is_numeric:
                columns[name] = pd.Series(values, dtype="float64")
            else:
                values = pd.Series(values, dtype=object)
                columns[name] = values.where(values.notna(), None)
        frame = pd.DataFrame(columns)
        for question in self.questions if labels else ():
            if question.type is QuestionType.SELECT_ONE and question.choice_list:
                text = self.choice_labels(question.choice_list)
                frame[question.name] = pd.Series(
                    [None if v is None else text.get(v, v) for v in frame[question.name]],
                    dtype=object,
                )
        return frame


def export_frame(
    project: Project, wave: str | None = None, *, language: str | None = None, labels: bool = False
) -> pd.DataFrame:
    """All interviews of ``wave`` (or of every wave, in wave order), one row each.

    Columns: :data:`META_COLUMNS`, then every question that holds an answer, in form order.
    Numbers are float64 (NaN when unanswered); everything else is the stored text (``None``
    when unanswered). With ``labels``, select_one cells hold the choice label in ``language``;
    select_multiple cells keep the space-separated choice names even then: labels contain
    spaces, and the importer splits a select_multiple cell on spaces.
    """
    return _Export(project, wave, language).frame(labels)


def export_csv(
    project: Project,
    out: Path,
    *,
    wave: str | None = None,
    language: str | None = None,
    labels: bool = False,
    delimiter: str = ",",
    replace: bool = False,
) -> ExportResult:
    """Write a CSV file in UTF-8 with a BOM, so Danish Excel shows æ, ø and å.

    With ``delimiter=';'`` numbers get a decimal comma, as Danish Excel expects; otherwise a
    decimal point. Without ``labels`` the file holds the stored values and re-imports exactly.
    """
    if delimiter not in _DELIMITERS:
        raise UsageError("The CSV delimiter must be ',', ';' or a tab.")
    run = _Export(project, wave, language)
    frame = run.frame(labels)
    point = "," if delimiter == ";" else "."
    cells = pd.DataFrame({name: _csv_cells(values, point) for name, values in frame.items()})
    guarded = 0
    for name in cells.columns:
        if frame[name].dtype != "float64":
            risky = cells[name].str.startswith(FORMULA_STARTS)
            guarded += int(risky.sum())
            cells[name] = cells[name].where(~risky, "'" + cells[name])
    if guarded:
        run.warn(f"{guarded} text cell(s) start with =, +, - or @ and were written with a "
                 "leading ' so that Excel shows them as text instead of running them as "
                 "formulas; importing the file removes the ' again.")

    def write(path: Path) -> None:
        with open(path, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle, delimiter=delimiter, lineterminator="\r\n")
            writer.writerow(frame.columns)
            writer.writerows(cells.itertuples(index=False, name=None))

    write_atomically(Path(out), write, what="data file", replace=replace, protect=project.path)
    return run.result(out, frame)


def _csv_cells(values: pd.Series, point: str) -> pd.Series:
    if values.dtype != "float64":
        return values.map(lambda v: "" if v is None else v)

    def number(value: float) -> str:
        if value != value:  # NaN: unanswered
            return ""
        if value.is_integer() and abs(value) < 2**53:
            return str(int(value))
        return repr(value).replace(".", point)

    return values.map(number)


def export_sav(
    project: Project, out: Path, *, wave: str | None = None, language: str | None = None,
    replace: bool = False,
) -> ExportResult:
    """Write an SPSS .sav file with variable and value labels in ``language``.

    select_one questions are numeric codes (see :func:`choice_codes`) with the choice labels
    as value labels, ordinal for scored lists; integer and decimal questions are numeric
    (scale); dates are SPSS dates; select_multiple questions are string variables of
    space-separated choice names (one 0/1 variable per choice, a dichotomy set, is a later
    improvement); text and the interview columns are strings, ``mode`` and ``status`` with
    value labels. Variable names are the question names, so the file imports back.
    """
    import pyreadstat

    run = _Export(project, wave, language)
    frame = run.frame(labels=False)
    _check_spss_names(list(frame.columns))
    english = int(run.language != "da")  # the interview columns are labelled in da or en
    titles = {name: texts[english] for name, texts in _META_LABELS.items()}
    value_labels = {
        name: {value: texts[english] for value, texts in labels.items()}
        for name, labels in _META_VALUE_LABELS.items()
    }
    measure = dict.fromkeys(META_COLUMNS, "nominal")
    formats: dict[str, str] = {}
    data = {name: frame[name].map(lambda v: "" if v is None else v) for name in META_COLUMNS}
    for question in run.questions:
        name = question.name
        titles[name] = run.text(f"Question '{name}'", question.labels, name)
        data[name], measure[name] = _sav_column(run, question, frame[name], value_labels, formats)
    for name in run.retired:
        titles[name] = name
        data[name] = frame[name].map(lambda v: "" if v is None else str(v))
        measure[name] = "nominal"
    titles = {n: run.fit(t, _SPSS_LABEL_BYTES, f"The label of '{n}'") for n, t in titles.items()}

    def write(path: Path) -> None:
        try:
            pyreadstat.write_sav(
                pd.DataFrame(data, columns=frame.columns),
                str(path),
                file_label=run.fit(run.questionnaire.title, 64, "The form title"),
                column_labels=titles,
                variable_value_labels=value_labels,
                variable_measure=measure,
                variable_format=formats,
            )
        except (pyreadstat.PyreadstatError, pyreadstat.ReadstatError) as error:
            raise SurveyDeskError(f"{out}: the .sav file cannot be written ({error}).") from None

    write_atomically(Path(out), write, what="data file", replace=replace, protect=project.path)
    return run.result(out, frame)


def _sav_column(
    run: _Export, question: Question, values: pd.Series, value_labels: dict, formats: dict
) -> tuple[pd.Series, str]:
    """One question's column as written to .sav, and its measure level."""
    name, kind, choices = question.name, question.type, question.choice_list
    if kind.is_numeric:
        if kind is QuestionType.INTEGER:
            formats[name] = _whole_number_format(values.dropna())
        return values, "scale"
    if kind is QuestionType.SELECT_ONE and choices is not None:
        codes = choice_codes(choices)
        labels = {
            codes[n]: run.fit(text, _SPSS_VALUE_BYTES, f"Choice '{n}' of list '{choices.name}'")
            for n, text in run.choice_labels(choices).items()
        }
        if len(set(labels.values())) < len(labels):
            run.warn(
                f"List '{choices.name}' has choices with the same label in "
                f"'{run.language}'; a re-import of the .sav cannot tell them apart."
            )
        for extra in sorted({v for v in values if v is not None} - codes.keys()):
            codes[extra] = max(codes.values()) + 1
            labels[codes[extra]] = run.fit(extra, _SPSS_VALUE_BYTES, f"The answer '{extra}'")
            run.warn(
                f"Question '{name}': the answer '{extra}' is not a choice of list "
                f"'{choices.name}'; it is written as code {codes[extra]}."
            )
        value_labels[name] = labels
        formats[name] = _whole_number_format(codes.values())
        coded = [float("nan") if v is None else float(codes[v]) for v in values]
        return pd.Series(coded, dtype="float64"), "ordinal" if question.is_scored else "nominal"
    if kind is QuestionType.DATE and values.notna().any():
        try:
            return values.map(lambda v: None if v is None else dt.date.fromisoformat(v)), "scale"
        except ValueError:
            run.warn(f"Question '{name}' holds answers that are not dates; it is written as text.")
    return values.map(lambda v: "" if v is None else v), "nominal"


def _whole_number_format(numbers) -> str:
    """An SPSS format wide enough for every number and its sign, without decimals."""
    width = max((len(str(int(n))) for n in numbers), default=1)
    return f"F{max(8, width + 1)}.0"


def _check_spss_names(names: list[str]) -> None:
    problems = []
    seen: dict[str, str] = {}
    for name in names:
        if len(name.encode("utf-8")) > _SPSS_NAME_BYTES:
            reason = f"the name is longer than {_SPSS_NAME_BYTES} bytes"
        elif not _SPSS_NAME.match(name):
            reason = "the name must start with a letter and hold only letters, digits, _ . @ # $"
        elif name.upper() in _SPSS_RESERVED:
            reason = "the name is a reserved word in SPSS"
        elif name.casefold() in seen:
            reason = f"SPSS ignores case, so this is the same name as '{seen[name.casefold()]}'"
        else:
            seen[name.casefold()] = name
            continue
        problems.append(Problem(reason, column=name))
    if problems:
        raise ProblemsError(
            "The data cannot be written as .sav: SPSS cannot use these variable names. "
            "Export to CSV instead.",
            problems,
        )
