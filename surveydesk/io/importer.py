"""Import respondent data into a wave: check every cell, then write all or nothing.

Each cell is checked against the questionnaire (type, choice list, constraint). Any problem
rejects the whole file with every problem listed by row, column and value; the project is
left unchanged. Checking works per distinct value of a column, so a 100,000-row column of a
handful of answer codes is checked a handful of times.

Re-importing is safe: the same file into the same wave adds nothing; a ``respondent_id``
already in the wave with the same content is skipped, with different content it is an error.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from surveydesk.core.answers import (
    AnswerError,
    AnswerReader,
    answers_hash,
    constraint_message,
    to_stored,
    violates_constraint,
)
from surveydesk.core.errors import DataImportError, Problem, SurveyDeskError, UsageError
from surveydesk.core.expressions import to_string
from surveydesk.core.questionnaire import Question, Questionnaire, QuestionType
from surveydesk.io.tables import RawTable, read_table
from surveydesk.store.project import MODES, STATUSES, NewInterview, Project

RESPONDENT_ID = "respondent_id"
MODE = "mode"
STATUS = "status"
UUID = "uuid"
WAVE = "wave"
# Columns that describe the interview rather than answer a question. All but respondent_id,
# mode and status are written by SurveyDesk's own export, so an export imports back.
TEXT_META = ("interviewer", "device_id", "started_at", "completed_at")
META_COLUMNS = (RESPONDENT_ID, MODE, STATUS, UUID, WAVE, *TEXT_META)
_MODE_ALIASES = {
    "web": "web", "online": "web", "internet": "web", "elektronisk": "web",
    "in_person": "in_person", "in person": "in_person", "personal": "in_person",
    "personligt": "in_person", "fysisk": "in_person", "face to face": "in_person",
    "phone": "phone", "telephone": "phone", "telefon": "phone", "telefonisk": "phone",
}
_INTERVIEW_NAMESPACE = uuid.UUID("5d0c9e3a-8f1e-4c8a-9a57-6b1f0d2a4e11")


@dataclass(frozen=True)
class ImportResult:
    """What an import did."""

    file_name: str
    wave: str
    rows: int
    added: int
    unchanged: int
    already_imported_at: str | None = None
    warnings: tuple[str, ...] = field(default=())
    #: rows that took the mode given to the import: those without a ``mode`` value
    default_mode_rows: int = 0

    def summary(self) -> str:
        if self.already_imported_at:
            return (f"{self.file_name} was already imported into wave '{self.wave}' on "
                    f"{self.already_imported_at}; nothing was added.")
        text = f"Imported {self.added} interviews from {self.file_name} into wave '{self.wave}'."
        if self.unchanged:
            text += (f" {self.unchanged} respondents were already in the wave with the same "
                     "answers and were skipped.")
        return text


def interview_uuid(form_id: str, wave: str, respondent_id: str | None) -> str:
    """A stable UUID for an identified respondent, a random one otherwise."""
    if respondent_id:
        return str(uuid.uuid5(_INTERVIEW_NAMESPACE, f"{form_id}\x1f{wave}\x1f{respondent_id}"))
    return str(uuid.uuid4())


def _mode(text: str) -> str | None:
    return _MODE_ALIASES.get(text.strip().lower().replace("-", " ").replace("_", " ")) or (
        _MODE_ALIASES.get(text.strip().lower()))


class _Checker:
    """Checks a RawTable against a questionnaire and collects problems."""

    def __init__(self, table: RawTable, questionnaire: Questionnaire, default_mode: str):
        self.table = table
        self.questionnaire = questionnaire
        self.default_mode = default_mode
        self.problems: list[Problem] = []
        self.positions: dict[str, int] = {}

    def problem(self, message: str, row: int | None = None, column: str = "", value=None):
        self.problems.append(Problem(message, self.table.file_name, "", row, column, value))

    def cell_problem(self, message: str, index, column: str, value=None):
        """A problem in data row ``index`` of the table (numbered as in the file)."""
        self.problem(message, self.table.row_number(int(index)), column, value)

    def columns(self) -> dict[str, int]:
        """Header name -> position, after checking the header."""
        positions: dict[str, int] = {}
        for position, name in enumerate(self.table.header):
            if not name:
                if self.table.cells[position].astype(bool).any():
                    self.problem("the column has values but no name in the header", 1,
                                 f"#{position + 1}")
                continue
            if name in positions:
                self.problem("the column appears twice in the header", 1, name)
                continue
            if name not in META_COLUMNS:
                if name not in self.questionnaire:
                    self.problem("no question of that name in the questionnaire", 1, name)
                    continue
                if not self.questionnaire.question(name).type.holds_answer:
                    if self.table.cells[position].astype(bool).any():
                        self.problem("this question is a note and holds no answers", 1, name)
                    continue
            positions[name] = position
        if not any(name not in META_COLUMNS for name in positions):
            self.problem("none of the columns is a question of the questionnaire; "
                         "the header must hold question names", 1)
        return positions

    def column(self, question: Question, raw: pd.Series) -> _Column:
        """One column checked per distinct value; problems for bad cells."""
        reader = self._reader(question)
        codes, uniques = pd.factorize(raw.str.strip(), sort=False)
        values: list[object] = []
        bad: list[int] = []
        for code, text in enumerate(uniques):
            if text == "":
                values.append(None)
                continue
            try:
                values.append(reader.read(text))
            except AnswerError as error:
                values.append(None)
                bad.append(code)
                for index in np.flatnonzero(codes == code):
                    self.cell_problem(str(error), index, question.name, raw.iloc[index])
        return _Column(question, np.asarray(codes), values)

    def _reader(self, question: Question) -> AnswerReader:
        reader = AnswerReader(question)
        labels = (self.table.value_labels or {}).get(question.name)
        if not labels:
            return reader
        # SPSS codes come back through their value labels, which name choices.
        base = reader.read

        class _Labelled(AnswerReader):
            def read(self, raw: str) -> object:
                return base(labels.get(raw, raw))

        return _Labelled(question)

    def check_constraints(self, columns: dict[str, _Column]) -> None:
        for name, column in columns.items():
            question = column.question
            if question.constraint is None:
                continue
            if not question.constraint.references:
                broken = [code for code, value in enumerate(column.values)
                          if value is not None and violates_constraint(question, value, {})]
                rows = np.flatnonzero(np.isin(column.codes, broken))
            else:
                refs = [columns[r] for r in question.constraint.references if r in columns]
                rows = [i for i in range(len(column.codes))
                        if column.value_at(i) is not None and violates_constraint(
                            question, column.value_at(i),
                            {r.question.name: r.value_at(i) for r in refs})]
            message = constraint_message(question, self.questionnaire.default_language,
                                         self.questionnaire.fallback)
            raw = self.table.cells[self.positions[name]]
            for index in rows:
                self.cell_problem(f"constraint not met: {message}", index, name,
                             raw.iloc[index])


@dataclass
class _Column:
    """A checked column: per row a code into ``values`` (the typed distinct values)."""

    question: Question
    codes: np.ndarray
    values: list[object]

    def value_at(self, row: int) -> object:
        code = self.codes[row]
        return None if code < 0 else self.values[code]

    def stored(self) -> list[str | None]:
        """The stored text of every row (None where empty)."""
        texts = [None if v is None else to_stored(self.question, v) for v in self.values]
        lookup = np.array([*texts, None], dtype=object)  # code -1 (missing) -> None
        return lookup[self.codes].tolist()


def _add_calculations(questionnaire: Questionnaire, columns: dict[str, _Column],
                      rows: int) -> None:
    """Compute the form's calculate questions that the file does not hold, row by row, so
    that constraints can use them and they are stored like entered calculations."""
    for question in questionnaire.questions:
        if (question.type is not QuestionType.CALCULATE or question.name in columns
                or question.calculation is None):
            continue
        inputs = [columns[name] for name in sorted(question.calculation.references)
                  if name in columns]
        results: dict[tuple, str | None] = {}
        values: list[str | None] = []
        for row in range(rows):
            key = tuple(int(column.codes[row]) for column in inputs)
            if key not in results:
                answers = {column.question.name: column.value_at(row) for column in inputs}
                results[key] = to_string(question.calculation.evaluate(answers)) or None
            values.append(results[key])
        codes, uniques = pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=True)
        columns[question.name] = _Column(question, np.asarray(codes), list(uniques))


def _text_column(cells: pd.DataFrame, positions: dict[str, int], name: str) -> pd.Series:
    if name not in positions:
        return pd.Series("", index=cells.index, dtype=object)
    return cells[positions[name]].astype(str).str.strip()


def _check_unique(checker: _Checker, values: pd.Series, name: str,
                  within: pd.Series | None = None) -> None:
    """A problem for every row whose value is not unique (within its ``within`` group)."""
    keys = values if within is None else within + "\x1f" + values
    for index in values.index[(values != "") & keys.duplicated(keep=False)]:
        checker.cell_problem(f"the {name} appears more than once in the file", index, name,
                        values[index])


def _is_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


def _meta_column(checker: _Checker, positions: dict[str, int], name: str, default: str,
                 convert: Callable[[str], str | None], allowed: tuple[str, ...]) -> pd.Series:
    cells = checker.table.cells
    if name not in positions:
        return pd.Series(default, index=cells.index, dtype=object)
    raw = cells[positions[name]].str.strip()
    converted = raw.map(lambda text: default if text == "" else convert(text))
    for index in converted.index[converted.isna()]:
        checker.cell_problem(f"expected one of: {', '.join(allowed)}", index, name,
                        raw[index])
    return converted


def _other_waves(subject: str, waves: pd.Series, wave: str) -> str | None:
    """One sentence about a file whose ``waves`` column names other waves than ``wave``,
    or ``None`` when every row names ``wave`` or no wave at all."""
    named = waves[waves != ""]
    if named.empty or (named == wave).all():
        return None
    counts = named.value_counts()
    parts = [f"{label} ({count:,} row{'s' if count != 1 else ''})"
             for label, count in sorted(counts.items())]
    held = parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"
    only = " only" if wave in counts.index else ""
    noun = "wave" if len(parts) == 1 else "waves"
    return (f"{subject} holds {noun} {held}, not{only} {wave}: import each wave with its "
            "own --wave (split the file by its wave column, or export one wave at a time "
            "with 'surveydesk-cli export PROJECT --wave LABEL'), or remove the wave column.")


def check_table(table: RawTable, questionnaire: Questionnaire, wave: str, mode: str,
                ) -> list[NewInterview]:
    """Every row of ``table`` as a checked interview; raises ``DataImportError`` otherwise."""
    checker = _Checker(table, questionnaire, mode)
    positions = checker.positions = checker.columns()
    if checker.problems:
        raise DataImportError(f"{table.file_name}: the header does not match the "
                              "questionnaire. Nothing was imported.", checker.problems)
    cells = table.cells
    if cells.empty:
        raise DataImportError(f"{table.file_name}: the file has a header but no data rows. "
                              "Nothing was imported.", [])
    columns = {name: checker.column(questionnaire.question(name), cells[pos].astype(str))
               for name, pos in positions.items() if name not in META_COLUMNS}
    _add_calculations(questionnaire, columns, len(cells))
    checker.check_constraints(columns)
    modes = _meta_column(checker, positions, MODE, mode, _mode, MODES)
    statuses = _meta_column(checker, positions, STATUS, "complete",
                            lambda t: t.lower() if t.lower() in STATUSES else None, STATUSES)
    waves = _text_column(cells, positions, WAVE)
    ids = _text_column(cells, positions, RESPONDENT_ID)
    # A respondent id names one respondent of one wave (the same id may come back next
    # wave), so an export of several waves is reported for its waves, not for its ids.
    # A row with an empty wave cell goes into ``wave``, so it counts as that wave here.
    _check_unique(checker, ids, RESPONDENT_ID, within=waves.where(waves != "", wave))
    uuids = _text_column(cells, positions, UUID)
    _check_unique(checker, uuids, UUID)
    for index in uuids.index[(uuids != "") & ~uuids.map(_is_uuid)]:
        checker.cell_problem("expected an interview id like 1b4e28ba-2fa1-11d2-883f-0016d3cca427",
                        index, UUID, uuids[index])
    extra = {name: _text_column(cells, positions, name).tolist() for name in TEXT_META}
    # One problem for the whole file, not one per row: a multi-wave export would otherwise
    # list every row, and the real cell problems would be lost behind them.
    if not checker.problems and (other := _other_waves(table.file_name, waves, wave)):
        raise DataImportError(f"{other} Nothing was imported.", [])
    if other := _other_waves("the file", waves, wave):
        checker.problem(other, column=WAVE)
    if checker.problems:
        count = len(checker.problems)
        checker.problems.sort(key=lambda p: (p.row or 0, p.column))
        raise DataImportError(
            f"{table.file_name}: {count} problem{'s' if count != 1 else ''} found; "
            "nothing was imported. Fix the file and import it again.", checker.problems)
    names = list(columns)
    stored_columns = [columns[name].stored() for name in names]
    interviews = []
    for i, (respondent, given_uuid, row_mode, status, *row) in enumerate(zip(
        ids.tolist(), uuids.tolist(), modes.tolist(), statuses.tolist(), *stored_columns,
        strict=True,
    )):
        answers = {n: v for n, v in zip(names, row, strict=True) if v is not None}
        interviews.append(NewInterview(
            uuid=given_uuid or interview_uuid(questionnaire.form_id, wave, respondent or None),
            mode=row_mode, status=status, answers=answers,
            content_hash=answers_hash(answers, status), respondent_id=respondent or None,
            **{name: values[i] or None for name, values in extra.items()},
        ))
    return interviews


def import_file(project: Project, path: Path, wave: str, mode: str = "web") -> ImportResult:
    """Import ``path`` into ``wave`` of ``project``: all rows or none."""
    if mode not in MODES:
        raise UsageError(f"Unknown mode '{mode}'; use one of: {', '.join(MODES)}.")
    path = Path(path)
    table = read_table(path)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return import_table(project, table, wave, mode, digest)


def import_table(project: Project, table: RawTable, wave: str, mode: str,
                 digest: str) -> ImportResult:
    """Check and write an already-read table (the demo and the GUI use this too).

    The duplicate checks and the write happen in one write transaction, so two imports of
    the same file at the same time cannot both add it.
    """
    wave = wave.strip()
    earlier = _earlier_import(project, wave, digest)
    if earlier is not None:  # a quick answer before the checking work
        return ImportResult(table.file_name, wave, len(table.cells), 0, 0, earlier)
    interviews = check_table(table, project.questionnaire, wave, mode)
    with project.transaction():
        earlier = _earlier_import(project, wave, digest)
        if earlier is not None:
            return ImportResult(table.file_name, wave, len(table.cells), 0, 0, earlier)
        fresh = _new_interviews(project, table.file_name, wave, interviews)
        project.add_interviews(wave, fresh, source=(table.file_name, digest, mode))
    warnings = ()
    try:
        # Build the wave's column cache now, while an import is expected to take a moment,
        # so that the first analysis after it is fast. The import itself is already saved.
        project.wave_data(wave, details=False)
    except SurveyDeskError as error:
        warnings = (f"The import is saved, but preparing wave '{wave}' for analysis did not "
                    f"finish ({error}); it is done again at the next analysis.",)
    return ImportResult(table.file_name, wave, len(table.cells), len(fresh),
                        len(interviews) - len(fresh), warnings=warnings,
                        default_mode_rows=_rows_without_mode(table))


def _rows_without_mode(table: RawTable) -> int:
    """How many rows have no ``mode`` value of their own (all, without a mode column)."""
    if MODE not in table.header:
        return len(table.cells)
    return int((table.cells[table.header.index(MODE)].astype(str).str.strip() == "").sum())


def _earlier_import(project: Project, wave: str, digest: str) -> str | None:
    existing = next((w for w in project.waves() if w.label == wave), None)
    previous = project.find_import(existing, digest) if existing is not None else None
    return None if previous is None else previous.imported_at


def _new_interviews(project: Project, file_name: str, wave: str,
                    interviews: list[NewInterview]) -> list[NewInterview]:
    """The interviews not yet in the project. An interview (same id or same respondent in the
    wave) that is stored with the same answers is skipped; with other answers, or stored in
    another wave, it is an error naming it."""
    by_uuid = project.interview_hashes(x.uuid for x in interviews)
    existing = next((w for w in project.waves() if w.label == wave), None)
    by_respondent = project.respondent_hashes(
        existing, (x.respondent_id for x in interviews if x.respondent_id)) if existing else {}
    fresh, changed, elsewhere = [], [], []
    for x in interviews:
        name = x.respondent_id or x.uuid
        if x.uuid in by_uuid:
            stored_wave, digest = by_uuid[x.uuid]
            if stored_wave != wave:
                elsewhere.append(f"{name} (in wave '{stored_wave}')")
            elif digest != x.content_hash:
                changed.append(name)
        elif x.respondent_id and x.respondent_id in by_respondent:
            if by_respondent[x.respondent_id] != x.content_hash:
                changed.append(name)
        else:
            fresh.append(x)
    if changed or elsewhere:
        parts = []
        if changed:
            parts.append(f"{len(changed)} are already in wave '{wave}' with different "
                         f"answers: {_few(changed)}")
        if elsewhere:
            parts.append(f"{len(elsewhere)} are already stored in another wave: "
                         f"{_few(elsewhere)}")
        raise DataImportError(
            f"{file_name}: interviews already in the project. " + "; ".join(parts) +
            ". Nothing was imported. Correct answers in the project instead, or give new "
            "respondents new ids.", [])
    return fresh


def _few(names: list[str]) -> str:
    return ", ".join(names[:20]) + (" ..." if len(names) > 20 else "")


def cells_from_frame(frame: pd.DataFrame) -> RawTable:
    """A RawTable from a frame of text cells (for data generated in memory, e.g. the demo)."""
    header = tuple(str(c) for c in frame.columns)
    cells = pd.DataFrame(frame.fillna("").astype(str).to_numpy(dtype=object),
                         columns=range(len(header)), dtype=object)
    return RawTable("generated", header, cells)

