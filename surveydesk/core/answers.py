"""Answer values: reading what a person or a file wrote, checking it, storing it as text.

One answer has three forms:

- *raw*: what was typed or what a data file holds (``"Meget tilfreds"``, ``"12,5"``);
- *value*: the typed Python value the evaluator and the analysis use (``str`` choice name for
  select_one, ``tuple`` of choice names for select_multiple, ``int``, ``float``,
  ``datetime.date``, ``str``);
- *stored*: the canonical text kept in the project file (``"a b"`` for select_multiple,
  ``"12.5"``, ``"2024-09-12"``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import re
from collections.abc import Mapping

from surveydesk.core.errors import SurveyDeskError
from surveydesk.core.expressions import to_boolean
from surveydesk.core.questionnaire import Question, QuestionType, pick_text

_DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y", "%Y-%m-%d %H:%M:%S",
                 "%Y-%m-%dT%H:%M:%S")
_INTEGER = re.compile(r"^[+-]?\d+$")
_DANISH_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$")
_ENGLISH_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
# Text starting with these is run as a formula by spreadsheet programs. CSV exports write
# such text with a leading apostrophe, and reading text removes it again.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class AnswerError(SurveyDeskError):
    """A value that is not a valid answer to a question; the message says what is expected."""


def _choice_lookup(question: Question) -> dict[str, str]:
    """Every accepted spelling (name, casefolded name, label in any language) -> choice name."""
    assert question.choice_list is not None
    lookup: dict[str, str] = {}
    for choice in question.choice_list.choices:
        for label in choice.labels.values():
            lookup.setdefault(label.strip().casefold(), choice.name)
    for choice in question.choice_list.choices:
        lookup[choice.name.casefold()] = choice.name
    for choice in question.choice_list.choices:
        lookup[choice.name] = choice.name
    return lookup


def _number(text: str) -> float:
    """A number written with a decimal point or a Danish decimal comma."""
    cleaned = text.strip().replace("\u2212", "-").replace(" ", "").replace("\u00a0", "")
    if "," in cleaned and "." in cleaned:
        # Thousands separators: 1.234,5 (Danish) or 1,234.5 (English), never mixed up.
        if _DANISH_THOUSANDS.match(cleaned):
            cleaned = cleaned.replace(".", "")
        elif _ENGLISH_THOUSANDS.match(cleaned):
            cleaned = cleaned.replace(",", "")
        else:
            raise ValueError(text)
    cleaned = cleaned.replace(",", ".")
    value = float(cleaned)
    if not math.isfinite(value):
        raise ValueError(text)
    return value


class AnswerReader:
    """Turns raw text into values for one question; caches choice spellings.

    Built once per question and used for every cell of a column, so a 100,000-row import
    does the label matching work once.
    """

    def __init__(self, question: Question):
        self.question = question
        self._lookup = _choice_lookup(question) if question.type.is_select else {}
        # A range's bounds, parsed from its parameters once rather than per cell.
        self._range = question.range_bounds if question.type is QuestionType.RANGE else None

    def read(self, raw: str) -> object:
        """The value of ``raw``; raises :class:`AnswerError` if it is not a valid answer."""
        kind = self.question.type
        text = raw.strip()
        if kind is QuestionType.SELECT_ONE:
            return self._choice(text)
        if kind is QuestionType.SELECT_MULTIPLE:
            return self._choices(text)
        if kind is QuestionType.INTEGER:
            try:
                value = _number(text)
            except ValueError:
                raise AnswerError("expected a whole number") from None
            if not value.is_integer() or abs(value) > 2**53:
                raise AnswerError("expected a whole number")
            return int(value)
        if kind is QuestionType.DECIMAL:
            try:
                return _number(text)
            except ValueError:
                raise AnswerError("expected a number (e.g. 12.5 or 12,5)") from None
        if kind is QuestionType.RANGE:
            return _in_range(self._range, text)
        if kind is QuestionType.DATE:
            return _date(text)
        if kind is QuestionType.TIME:
            return _time(text)
        if kind is QuestionType.DATETIME:
            return _datetime(text)
        if kind is QuestionType.NOTE:
            raise AnswerError("a note holds no answer")
        if kind is QuestionType.ACKNOWLEDGE:
            if text.casefold() != "ok":
                raise AnswerError("expected OK (the statement was acknowledged) or nothing")
            return "OK"
        if raw.startswith("'") and raw[1:].startswith(FORMULA_STARTS):
            return raw[1:]
        return raw

    def _choice(self, text: str) -> str:
        name = self._lookup.get(text) or self._lookup.get(text.casefold())
        if name is None:
            raise AnswerError(f"not a choice of list '{self._list_name}' "
                              f"(expected one of: {self._names})")
        return name

    def _choices(self, text: str) -> tuple[str, ...]:
        whole = self._lookup.get(text) or self._lookup.get(text.casefold())
        tokens = [whole] if whole else text.split()
        chosen = set()
        for token in tokens:
            name = self._lookup.get(token) or self._lookup.get(token.casefold())
            if name is None:
                raise AnswerError(f"'{token}' is not a choice of list '{self._list_name}' "
                                  f"(expected names separated by spaces from: {self._names})")
            chosen.add(name)
        assert self.question.choice_list is not None
        return tuple(n for n in self.question.choice_list.names if n in chosen)

    @property
    def _list_name(self) -> str:
        assert self.question.choice_list is not None
        return self.question.choice_list.name

    @property
    def _names(self) -> str:
        assert self.question.choice_list is not None
        names = self.question.choice_list.names
        shown = ", ".join(names[:12])
        return shown + (", ..." if len(names) > 12 else "")


def _date(text: str) -> dt.date:
    for pattern in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise AnswerError("expected a date as YYYY-MM-DD (or DD-MM-YYYY)")


_CLOCK = (r"(?P<hour>[0-9]{1,2})[:.](?P<minute>[0-9]{2})"
          r"(?::(?P<second>[0-9]{2})(?P<fraction>\.[0-9]{1,9})?)?"
          r"\s*(?P<zone>Z|[+-][0-9]{2}(?::?[0-9]{2})?)?")
_TIME = re.compile(_CLOCK)
_DATETIME = re.compile(r"(?P<date>[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}|[0-9]{1,2}[-./][0-9]{1,2}"
                       r"[-./][0-9]{4})(?:T|\s+)" + _CLOCK)


def _clock(match: re.Match) -> str:
    """``HH:MM:SS[.fff][±HH:MM|Z]`` of a matched time of day (the offset kept as given)."""
    hour, minute = int(match["hour"]), int(match["minute"])
    second = int(match["second"] or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise AnswerError("expected a time of day as HH:MM (00:00 to 23:59)")
    zone = match["zone"] or ""
    if zone not in ("", "Z"):
        digits = zone[1:].replace(":", "")
        if len(digits) == 2:
            digits += "00"
        if int(digits[:2]) > 14 or int(digits[2:]) > 59:
            raise AnswerError(f"'{zone}' is not a UTC offset")
        zone = f"{zone[0]}{digits[:2]}:{digits[2:]}"
    return f"{hour:02d}:{minute:02d}:{second:02d}{match['fraction'] or ''}{zone}"


def _in_range(bounds: tuple[float, float, float], text: str) -> float:
    """A range answer: a number from ``start`` to ``end`` (either way round) on the grid of
    ``step`` (``bounds``: :attr:`Question.range_bounds`)."""
    start, end, step = bounds
    low, high = min(start, end), max(start, end)
    try:
        value = _number(text)
    except ValueError:
        value = math.nan
    steps = (value - start) / step if step else 0.0
    if not low <= value <= high or abs(steps - round(steps)) > 1e-9:
        shown = [repr(int(x)) if x.is_integer() else repr(x) for x in (low, high, abs(step))]
        raise AnswerError(f"expected a number from {shown[0]} to {shown[1]} in steps of "
                          f"{shown[2]}")
    return value


def _time(text: str) -> str:
    match = _TIME.fullmatch(text)
    if match is None:
        raise AnswerError("expected a time of day as HH:MM, e.g. 14:30")
    return _clock(match)


def _datetime(text: str) -> str:
    match = _DATETIME.fullmatch(text)
    if match is None:
        raise AnswerError("expected a date and time as YYYY-MM-DD HH:MM (or DD-MM-YYYY "
                          "HH:MM), e.g. 2024-09-30 14:30")
    day = _date(re.sub(r"[./]", "-", match["date"]))
    return f"{day.isoformat()}T{_clock(match)}"


def read_answer(question: Question, raw: str) -> object:
    """Convenience for one value: ``AnswerReader(question).read(raw)``."""
    return AnswerReader(question).read(raw)


def to_stored(question: Question, value: object) -> str:
    """The canonical text kept in the project file for ``value``."""
    if isinstance(value, tuple | list):
        return " ".join(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return repr(int(value)) if value.is_integer() and abs(value) < 2**53 else repr(value)
    return str(value)


def from_stored(question: Question, text: str) -> object:
    """The value of stored ``text`` (the inverse of :func:`to_stored`)."""
    kind = question.type
    if kind is QuestionType.SELECT_MULTIPLE:
        return tuple(text.split())
    if kind is QuestionType.INTEGER:
        return int(text) if _INTEGER.match(text) else float(text)
    if kind in (QuestionType.DECIMAL, QuestionType.RANGE):
        return float(text)
    if kind is QuestionType.DATE:
        return dt.date.fromisoformat(text)
    return text


def constraint_message(question: Question, language: str | None, fallback=()) -> str:
    text = pick_text(question.constraint_messages, language, fallback)
    return text or f"the answer does not meet the constraint {question.constraint.source}"


def violates_constraint(question: Question, value: object,
                        answers: Mapping[str, object]) -> bool:
    """Whether ``value`` breaks the question's ``constraint`` given the other ``answers``."""
    if question.constraint is None:
        return False
    return not to_boolean(question.constraint.evaluate(answers, value))


def answers_json(stored: Mapping[str, str]) -> str:
    """The canonical JSON text of stored answers (sorted keys, no spaces, UTF-8 kept)."""
    return json.dumps(stored, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def answers_hash(stored: Mapping[str, str], status: str) -> str:
    """A content hash of an interview's stored answers and status.

    Two copies of an interview with the same hash hold the same data; sync and re-import
    use it to tell "already here" from "changed".
    """
    return hashlib.sha256(f"{status}\n{answers_json(stored)}".encode()).hexdigest()
