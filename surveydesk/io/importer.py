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
from surveydesk.core.errors import DataImportError, Problem, UsageError
from surveydesk.core.questionnaire import Question, Questionnaire
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
                    self.problem(str(error), int(index) + 2, question.name, raw.iloc[index])
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
                self.problem(f"constraint not met: {message}", int(index) + 2, name,
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


def _text_column(cells: pd.DataFrame, positions: dict[str, int], name: str) -> pd.Series:
    if name not in positions:
        return pd.Series("", index=cells.index, dtype=object)
    return cells[positions[name]].astype(str).str.strip()


def _check_unique(checker: _Checker, values: pd.Series, name: str) -> None:
    for index in values.index[(values != "") & values.duplicated(keep=False)]:
        checker.problem(f"the {name} appears more than once in the file", int(index) + 2, name,
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
        checker.problem(f"expected one of: {', '.join(allowed)}", int(index) + 2, name,
                        raw[index])
    return converted


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
    checker.check_constraints(columns)
    modes = _meta_column(checker, positions, MODE, mode, _mode, MODES)
    statuses = _meta_column(checker, positions, STATUS, "complete",
                            lambda t: t.lower() if t.lower() in STATUSES else None, STATUSES)
    ids = _text_column(cells, positions, RESPONDENT_ID)
    _check_unique(checker, ids, RESPONDENT_ID)
    uuids = _text_column(cells, positions, UUID)
    _check_unique(checker, uuids, UUID)
    for index in uuids.index[(uuids != "") & ~uuids.map(_is_uuid)]:
        checker.problem("expected an interview id like 1b4e28ba-2fa1-11d2-883f-0016d3cca427",
                        int(index) + 2, UUID, uuids[index])
    waves = _text_column(cells, positions, WAVE)
    for index in waves.index[(waves != "") & (waves != wave)]:
        checker.problem(f"the row belongs to wave '{waves[index]}', not '{wave}'; import each "
                        "wave's rows with its own --wave", int(index) + 2, WAVE, waves[index])
    extra = {name: _text_column(cells, positions, name).tolist() for name in TEXT_META}
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
    """Check and write an already-read table (the demo and the GUI use this too)."""
    wave = wave.strip()
    existing = next((w for w in project.waves() if w.label == wave), None)
    if existing is not None:
        previous = project.find_import(existing, digest)
        if previous is not None:
            return ImportResult(table.file_name, wave, len(table.cells), 0, 0,
                                previous.imported_at)
    interviews = check_table(table, project.questionnaire, wave, mode)
    unchanged = 0
    if existing is not None:
        known = project.respondent_hashes(
            existing, (x.respondent_id for x in interviews if x.respondent_id))
        conflicts = [x.respondent_id for x in interviews
                     if x.respondent_id in known and known[x.respondent_id] != x.content_hash]
        if conflicts:
            shown = ", ".join(conflicts[:20]) + (" ..." if len(conflicts) > 20 else "")
            raise DataImportError(
                f"{table.file_name}: {len(conflicts)} respondent(s) are already in wave "
                f"'{wave}' with different answers: {shown}. Nothing was imported. Correct "
                "answers in the project instead, or give new respondents new ids.", [])
        fresh = [x for x in interviews if x.respondent_id not in known]
        unchanged = len(interviews) - len(fresh)
        interviews = fresh
    project.add_interviews(wave, interviews, source=(table.file_name, digest, mode))
    # Build the wave's column cache now, while the user expects an import to take a moment,
    # so that the first analysis after an import is fast.
    project.wave_data(wave)
    return ImportResult(table.file_name, wave, len(table.cells), len(interviews), unchanged)


def cells_from_frame(frame: pd.DataFrame) -> RawTable:
    """A RawTable from a frame of text cells (for data generated in memory, e.g. the demo)."""
    header = tuple(str(c) for c in frame.columns)
    cells = pd.DataFrame(frame.fillna("").astype(str).to_numpy(dtype=object),
                         columns=range(len(header)), dtype=object)
    return RawTable("generated", header, cells)

