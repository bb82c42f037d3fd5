"""Import the call list for phone interviews from CSV or XLSX: all rows or none.

The file has one citizen per row::

    reference;phone;name;target_group;department
    R-1001;23 45 67 89;Jens Hansen;Dagpenge;jobcenter
    R-1002;+45 87654321;;sygedagpenge;

- ``reference`` (required, unique): the citizen's reference in the municipality's list.
- ``phone`` (required): a Danish number of 8 digits, with or without +45/0045 and spaces
  (``23 45 67 89``, ``+45 23456789``), or a foreign number starting with + (or 00) and the
  country code. Stored as ``+4523456789``. Numbers that cannot be dialled are rejected.
- ``name`` (optional): whom to ask for.
- any other column is *preload*: a question of the questionnaire whose answer is known
  before the call (e.g. ``target_group``). Values are checked like imported answers (choice
  names or labels in any form language) and stored as stored text; the interview starts
  with them filled in. Empty cells preload nothing.

``Telefon``/``tlf``/``mobil`` and ``navn`` are accepted for ``phone`` and ``name``; these
fixed columns are matched without regard to case, question columns exactly.

Every problem of the file is listed with row, column and value, and then nothing is
imported. Importing again adds only references not yet in the call list; a reference that
is already there with the same data is skipped, with different data it is a problem naming
the reference: calls may already have been made to the stored number, so an import never
changes a stored call (correct such a row, or give the citizen a new reference).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from surveydesk.core.answers import (
    AnswerError,
    AnswerReader,
    constraint_message,
    to_stored,
    violates_constraint,
)
from surveydesk.core.contact_crypto import ContactCipher
from surveydesk.core.errors import DataImportError, Problem
from surveydesk.core.questionnaire import Question, Questionnaire, QuestionType
from surveydesk.io.tables import RawTable, read_table
from surveydesk.store import calls
from surveydesk.store.calls import NewCall
from surveydesk.store.contact_encryption import cipher_if_encrypted
from surveydesk.store.project import Project

REFERENCE, PHONE, NAME = "reference", "phone", "name"
_ALIASES = {
    "reference": REFERENCE, "ref": REFERENCE,
    "phone": PHONE, "telephone": PHONE, "telefon": PHONE, "telefonnummer": PHONE,
    "tlf": PHONE, "tlf.": PHONE, "tlf.nr.": PHONE, "mobil": PHONE, "mobile": PHONE,
    "name": NAME, "navn": NAME,
}
_FILE_TYPES = (".csv", ".txt", ".tsv", ".xlsx")
_SEPARATORS = re.compile(r"[\s\u00a0\-./()]")
_PHONE_HELP = ("expected a Danish phone number of 8 digits starting with 2-9 (e.g. "
               "23 45 67 89 or +45 23 45 67 89), or a foreign number starting with + and the "
               "country code")
MAX_REFERENCE_LENGTH = 100


def normalise_phone(text: str) -> str | None:
    """``text`` as a dialable number (``+4523456789``, ``+46701234567``), or ``None``.

    Danish numbers have 8 digits and never start with 0 or 1 (numbers starting with 1 are
    short service numbers). Foreign numbers follow E.164: + country code, at most 15 digits.
    A spreadsheet that stored ``+45 23 45 67 89`` as a number gives ``4523456789``, which is
    read as the Danish number it was.
    """
    cleaned = _SEPARATORS.sub("", text.strip())
    if cleaned.startswith("00"):
        cleaned = "+" + cleaned[2:]
    plus = cleaned.startswith("+")
    digits = cleaned[1:] if plus else cleaned
    if not digits.isascii() or not digits.isdigit():
        return None
    if plus and not digits.startswith("45"):
        return f"+{digits}" if 8 <= len(digits) <= 15 and digits[0] != "0" else None
    if plus or (len(digits) == 10 and digits.startswith("45")):
        digits = digits[2:]
    if len(digits) == 8 and digits[0] not in "01":
        return f"+45{digits}"
    return None


@dataclass(frozen=True)
class CallListImport:
    """What an import of a call list did."""

    file_name: str
    rows: int
    added: int
    unchanged: int
    warnings: tuple[str, ...] = ()

    def summary(self) -> str:
        text = f"Added {self.added} numbers from {self.file_name} to the call list."
        if self.unchanged:
            text += (f" {self.unchanged} references were already in the call list with the "
                     "same data and were skipped.")
        return text


@dataclass(frozen=True)
class _Row:
    number: int  # as a spreadsheet program shows it
    call: NewCall


class _Reader:
    """Checks a call list table against a questionnaire, collecting located problems."""

    def __init__(self, table: RawTable, questionnaire: Questionnaire):
        self.table = table
        self.questionnaire = questionnaire
        self.problems: list[Problem] = []

    def problem(self, message: str, row: int, column: str = "", value: str | None = None):
        self.problems.append(Problem(message, self.table.file_name, "", row, column, value))

    def header(self) -> tuple[dict[str, int], dict[str, int]]:
        """``(fixed column -> position, preload question -> position)``."""
        fixed: dict[str, int] = {}
        preload: dict[str, int] = {}
        for position, raw in enumerate(self.table.header):
            name = raw.strip()
            if not name:
                if self.table.cells[position].str.strip().astype(bool).any():
                    self.problem("the column has values but no name in the header", 1,
                                 f"#{position + 1}")
                continue
            key = _ALIASES.get(name.casefold())
            if key in fixed or name in preload:
                self.problem("the column appears twice in the header", 1, name)
            elif key is not None:
                fixed[key] = position
            elif self._preload_question(name):
                preload[name] = position
        for required in (REFERENCE, PHONE):
            if required not in fixed:
                self.problem(f"the column '{required}' is missing (needed: reference, phone; "
                             "optional: name and questions to preload)", 1, required)
        return fixed, preload

    def _preload_question(self, name: str) -> bool:
        if name not in self.questionnaire:
            similar = [q.name for q in self.questionnaire.questions
                       if q.name.casefold() == name.casefold()]
            hint = f" (did you mean '{similar[0]}'?)" if similar else ""
            self.problem("not a question of the questionnaire, and not reference, phone or "
                         f"name: other columns are answers to preload{hint}", 1, name)
            return False
        kind = self.questionnaire.question(name).type
        if kind is QuestionType.NOTE:
            self.problem("this question is a note and holds no answer to preload", 1, name)
            return False
        if kind is QuestionType.CALCULATE:
            self.problem("this is a calculation, worked out during the interview; it cannot "
                         "be preloaded", 1, name)
            return False
        return True

    def rows(self, fixed: dict[str, int], preload: dict[str, int]) -> list[_Row]:
        readers = {name: AnswerReader(self.questionnaire.question(name)) for name in preload}
        first_row: dict[str, int] = {}
        rows: list[_Row] = []
        for index, cells in enumerate(self.table.cells.itertuples(index=False, name=None)):
            number = self.table.row_number(index)
            reference = cells[fixed[REFERENCE]].strip()
            phone_text = cells[fixed[PHONE]].strip()
            name = cells[fixed[NAME]].strip() if NAME in fixed else ""
            ok = self._reference(reference, number, first_row)
            phone = normalise_phone(phone_text) if phone_text else None
            if not phone_text:
                self.problem("the phone number is missing", number, PHONE)
            elif phone is None:
                self.problem(_PHONE_HELP, number, PHONE, phone_text)
            values = self._preload(readers, preload, cells, number)
            if ok and phone is not None and values is not None:
                stored = {q: to_stored(readers[q].question, v) for q, v in values.items()}
                rows.append(_Row(number, NewCall(reference, phone, name, stored)))
        return rows

    def _reference(self, reference: str, number: int, first_row: dict[str, int]) -> bool:
        if not reference:
            self.problem("the reference is missing", number, REFERENCE)
            return False
        if len(reference) > MAX_REFERENCE_LENGTH or not reference.isprintable():
            self.problem(f"a reference is at most {MAX_REFERENCE_LENGTH} characters without "
                         "line breaks or control characters", number, REFERENCE, reference[:60])
            return False
        if reference in first_row:
            self.problem(f"the reference appears more than once in the file (first in row "
                         f"{first_row[reference]})", number, REFERENCE, reference)
            return False
        first_row[reference] = number
        return True

    def _preload(self, readers: dict[str, AnswerReader], preload: dict[str, int],
                 cells: tuple, number: int) -> dict[str, object] | None:
        values: dict[str, object] = {}
        ok = True
        for name, position in preload.items():
            raw = cells[position]
            if not raw.strip():
                continue
            try:
                values[name] = readers[name].read(raw)
            except AnswerError as error:
                self.problem(str(error), number, name, raw)
                ok = False
        for name, value in values.items():
            question = readers[name].question
            if _checkable(question, values) and violates_constraint(question, value, values):
                message = constraint_message(question, self.questionnaire.default_language,
                                             self.questionnaire.fallback)
                self.problem(f"constraint not met: {message}", number, name, cells[
                    preload[name]])
                ok = False
        return values if ok else None


def _checkable(question: Question, values: dict[str, object]) -> bool:
    """A constraint can be checked when every question it refers to is preloaded."""
    constraint = question.constraint
    return constraint is not None and all(ref in values for ref in constraint.references)


def _conflicts(rows: list[_Row], known: dict[str, NewCall], file_name: str) -> list[Problem]:
    """A problem for every row whose reference is already stored with other data."""
    problems = []
    for row in rows:
        stored = known.get(row.call.reference)
        if stored is None or stored.same_data(row.call):
            continue
        if stored.phone != row.call.phone:
            column = PHONE
        elif stored.name != row.call.name:
            column = NAME
        else:
            column = next(q for q in sorted({*stored.preload, *row.call.preload})
                          if stored.preload.get(q) != row.call.preload.get(q))
        problems.append(Problem(
            f"the reference '{row.call.reference}' is already in the call list with other "
            f"data ({column}); an import does not change stored calls: make the row match, "
            "or give the citizen a new reference", file_name, "", row.number, column))
    return problems


def _shared_phones(rows: list[_Row]) -> list[str]:
    """Warnings for numbers given to several references (named by reference, not number)."""
    by_phone: dict[str, list[_Row]] = {}
    for row in rows:
        by_phone.setdefault(row.call.phone, []).append(row)
    return [
        "rows " + ", ".join(str(r.number) for r in shared) + " (references "
        + ", ".join(r.call.reference for r in shared) + ") have the same phone number; "
        "each is called separately"
        for shared in by_phone.values() if len(shared) > 1
    ]


def read_call_list(path: Path, questionnaire: Questionnaire) -> list[tuple[int, NewCall]]:
    """Every row of a call list file as ``(row number, checked call)``.

    Raises :class:`DataImportError` listing every problem (row, column, value).
    """
    rows, _warnings = _read(Path(path), questionnaire)
    return [(row.number, row.call) for row in rows]


def _read(path: Path, questionnaire: Questionnaire) -> tuple[list[_Row], list[str]]:
    if path.suffix.lower() not in _FILE_TYPES and not path.is_dir():
        raise DataImportError(f"{path.name}: a call list must be a .csv or .xlsx file. "
                              "Nothing was imported.", [])
    table = read_table(path)
    reader = _Reader(table, questionnaire)
    fixed, preload = reader.header()
    if reader.problems:
        raise DataImportError(f"{table.file_name}: the header of the call list is not right. "
                              "Nothing was imported.", reader.problems)
    if table.cells.empty:
        raise DataImportError(f"{table.file_name}: the file has a header but no rows. "
                              "Nothing was imported.", [])
    rows = reader.rows(fixed, preload)
    _raise_problems(table.file_name, reader.problems)
    return rows, _shared_phones(rows)


def _raise_problems(file_name: str, problems: list[Problem]) -> None:
    if problems:
        count = len(problems)
        problems = sorted(problems, key=lambda p: (p.row or 0, p.column))
        raise DataImportError(f"{file_name}: {count} problem{'s' if count != 1 else ''} "
                              "found; nothing was imported. Fix the file and import it "
                              "again.", problems)


def import_call_list(project: Project, path: Path, now: str | None = None, *,
                     passphrase: str | None = None, cipher: ContactCipher | None = None
                     ) -> CallListImport:
    """Add the numbers of a call list file to ``project``: all new references or none.

    When the project's contact data is encrypted the new numbers and names are encrypted on
    the way in: give the ``passphrase`` (or the session's ``cipher``); without either the
    import is refused and nothing changes. A wrong pass phrase is found before the file is
    read."""
    path = Path(path)
    if cipher is None:
        cipher = cipher_if_encrypted(project, passphrase, "importing a call list")
    rows, warnings = _read(path, project.questionnaire)
    with project.transaction():  # the check of stored references holds until the write
        known = calls.known_calls(project, (row.call.reference for row in rows), cipher)
        _raise_problems(path.name, _conflicts(rows, known, path.name))
        added = calls.add_calls(project, (row.call for row in rows), now, cipher=cipher)
    return CallListImport(path.name, len(rows), added, len(rows) - added, tuple(warnings))
