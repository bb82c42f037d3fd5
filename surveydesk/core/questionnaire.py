"""The questionnaire model: an immutable description of one version of a survey form.

A :class:`Questionnaire` is built from an XLSForm workbook by :mod:`surveydesk.core.xlsform`.
It knows its questions in form order, the groups they sit in (a survey's themes), the choice
lists with their scores, and every expression already parsed. Labels exist per language; a
label missing in one language falls back to the form's default language, then to any other.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType

from surveydesk.core.errors import Problem
from surveydesk.core.expressions import Expression, to_boolean

_EMPTY: Mapping[str, str] = MappingProxyType({})
# Column names of an interview's own data in imports and exports; no question may use them.
# How an interview was collected (the project file checks the same three).
MODES = ("web", "in_person", "phone")
RESERVED_NAMES = ("respondent_id", "uuid", "wave", "mode", "status", "interviewer",
                  "device_id", "started_at", "completed_at")


def pick_text(texts: Mapping[str, str], language: str | None, fallback: tuple[str, ...]) -> str:
    """The text in ``language``, else in the first fallback language that has one."""
    if language and texts.get(language):
        return texts[language]
    for code in fallback:
        if texts.get(code):
            return texts[code]
    return next((text for text in texts.values() if text), "")


class QuestionType(StrEnum):
    """The XLSForm question types SurveyDesk understands."""

    SELECT_ONE = "select_one"
    SELECT_MULTIPLE = "select_multiple"
    INTEGER = "integer"
    DECIMAL = "decimal"
    TEXT = "text"
    DATE = "date"
    TIME = "time"  # 14:30:00, with its UTC offset when the data has one
    DATETIME = "datetime"  # 2024-09-30T14:30:00+02:00
    RANGE = "range"  # a number from start to end in steps (``parameters``), e.g. 0 to 10
    NOTE = "note"
    ACKNOWLEDGE = "acknowledge"  # a statement confirmed with Enter; the answer is "OK"
    CALCULATE = "calculate"
    # ODK metadata: filled in by the device when the interview starts or ends, never asked.
    START = "start"
    END = "end"
    TODAY = "today"
    DEVICEID = "deviceid"
    USERNAME = "username"
    EMAIL = "email"
    PHONENUMBER = "phonenumber"
    SIMSERIAL = "simserial"
    SUBSCRIBERID = "subscriberid"
    AUDIT = "audit"
    # Collected by a phone or tablet (a position, a picture, a scan), not on a laptop: the
    # form loads, entry passes them by, and values in imported web data are kept as text.
    GEOPOINT = "geopoint"
    GEOTRACE = "geotrace"
    GEOSHAPE = "geoshape"
    START_GEOPOINT = "start-geopoint"
    IMAGE = "image"
    AUDIO = "audio"
    VIDEO = "video"
    FILE = "file"
    BARCODE = "barcode"
    BACKGROUND_AUDIO = "background-audio"
    # Never shown: a value that comes with imported data or a default (ODK's "hidden").
    HIDDEN = "hidden"

    @property
    def holds_answer(self) -> bool:
        """Whether a respondent's data has a value for this type (notes have none)."""
        return self is not QuestionType.NOTE

    @property
    def is_typed(self) -> bool:
        """Whether an answer is typed and must be read before it is checked (a number, a
        date or a time of day)."""
        return self.is_numeric or self in (QuestionType.DATE, QuestionType.TIME,
                                           QuestionType.DATETIME)

    @property
    def is_metadata(self) -> bool:
        """Filled in by the device (start, end, today, deviceid, username …), not asked."""
        return self in _METADATA

    @property
    def is_collected_here(self) -> bool:
        """Whether interview entry on a laptop can collect it (not geo, media or barcode)."""
        return self not in _DEVICE_ONLY

    @property
    def is_asked(self) -> bool:
        """Whether interview entry shows it: not calculated, not metadata, collectable."""
        return (self not in (QuestionType.CALCULATE, QuestionType.HIDDEN)
                and not self.is_metadata and self.is_collected_here)

    @property
    def is_select(self) -> bool:
        return self in (QuestionType.SELECT_ONE, QuestionType.SELECT_MULTIPLE)

    @property
    def is_numeric(self) -> bool:
        return self in (QuestionType.INTEGER, QuestionType.DECIMAL, QuestionType.RANGE)


_METADATA = frozenset({
    QuestionType.START, QuestionType.END, QuestionType.TODAY, QuestionType.DEVICEID,
    QuestionType.USERNAME, QuestionType.EMAIL, QuestionType.PHONENUMBER,
    QuestionType.SIMSERIAL, QuestionType.SUBSCRIBERID, QuestionType.AUDIT})
_DEVICE_ONLY = frozenset({
    QuestionType.GEOPOINT, QuestionType.GEOTRACE, QuestionType.GEOSHAPE,
    QuestionType.START_GEOPOINT, QuestionType.IMAGE, QuestionType.AUDIO, QuestionType.VIDEO,
    QuestionType.FILE, QuestionType.BARCODE, QuestionType.BACKGROUND_AUDIO})


@dataclass(frozen=True)
class Language:
    """A form language such as ``Language("da", "Dansk")``."""

    code: str
    name: str


@dataclass(frozen=True)
class Choice:
    """One answer option of a choice list.

    ``score`` is the value used for means and top-2/bottom-2. In a scored list a choice
    without a score is "don't know": an answer, but outside means and top/bottom bases.
    """

    name: str
    labels: Mapping[str, str] = field(default_factory=lambda: _EMPTY)
    score: float | None = None

    def label(self, language: str | None = None, fallback: tuple[str, ...] = ()) -> str:
        return pick_text(self.labels, language, fallback) or self.name


@dataclass(frozen=True)
class ChoiceList:
    """A named list of choices; ``scored`` when at least one choice carries a score."""

    name: str
    choices: tuple[Choice, ...]

    @property
    def scored(self) -> bool:
        return any(choice.score is not None for choice in self.choices)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(choice.name for choice in self.choices)

    @property
    def dont_know(self) -> tuple[Choice, ...]:
        """The choices outside the score scale (blank score in a scored list)."""
        if not self.scored:
            return ()
        return tuple(choice for choice in self.choices if choice.score is None)

    def choice(self, name: str) -> Choice:
        for choice in self.choices:
            if choice.name == name:
                return choice
        raise KeyError(name)

    def scores(self) -> dict[str, float]:
        """Choice name -> score for the choices on the scale."""
        return {c.name: c.score for c in self.choices if c.score is not None}


@dataclass(frozen=True)
class Group:
    """A ``begin_group``/``end_group`` block: a theme or section of the survey."""

    name: str
    labels: Mapping[str, str] = field(default_factory=lambda: _EMPTY)
    relevant: Expression | None = None
    parent: str | None = None
    row: int | None = None

    def label(self, language: str | None = None, fallback: tuple[str, ...] = ()) -> str:
        return pick_text(self.labels, language, fallback) or self.name


@dataclass(frozen=True)
class Question:
    """One row of the ``survey`` sheet that is not a group boundary."""

    name: str
    type: QuestionType
    labels: Mapping[str, str] = field(default_factory=lambda: _EMPTY)
    hints: Mapping[str, str] = field(default_factory=lambda: _EMPTY)
    choice_list: ChoiceList | None = None
    required: bool = False
    required_messages: Mapping[str, str] = field(default_factory=lambda: _EMPTY)
    relevant: Expression | None = None
    constraint: Expression | None = None
    constraint_messages: Mapping[str, str] = field(default_factory=lambda: _EMPTY)
    calculation: Expression | None = None
    appearance: str = ""
    groups: tuple[str, ...] = ()
    row: int | None = None
    # The ``parameters`` column, e.g. a range's start, end and step ({"start": "0", ...}).
    parameters: Mapping[str, str] = field(default_factory=lambda: _EMPTY)

    @property
    def range_bounds(self) -> tuple[float, float, float]:
        """A range question's (start, end, step), ODK's defaults 1, 10, 1 where not set."""
        values = []
        for key, default in (("start", 1.0), ("end", 10.0), ("step", 1.0)):
            try:
                values.append(float(self.parameters.get(key, default)))
            except ValueError:
                values.append(default)
        return values[0], values[1], values[2]

    @property
    def group(self) -> str | None:
        """The innermost group the question sits in, or ``None`` at top level."""
        return self.groups[-1] if self.groups else None

    @property
    def is_scored(self) -> bool:
        return self.choice_list is not None and self.choice_list.scored

    def label(self, language: str | None = None, fallback: tuple[str, ...] = ()) -> str:
        return pick_text(self.labels, language, fallback) or self.name

    def hint(self, language: str | None = None, fallback: tuple[str, ...] = ()) -> str:
        return pick_text(self.hints, language, fallback)


@dataclass(frozen=True)
class Questionnaire:
    """One version of a survey form, everything parsed and checked."""

    form_id: str
    title: str
    version: str
    default_language: str
    languages: tuple[Language, ...]
    questions: tuple[Question, ...]
    groups: tuple[Group, ...] = ()
    choice_lists: Mapping[str, ChoiceList] = field(default_factory=lambda: _EMPTY)
    warnings: tuple[Problem, ...] = ()
    titles: Mapping[str, str] = field(default_factory=lambda: _EMPTY)  # form_title::<code>
    _by_name: Mapping[str, Question] = field(
        default_factory=lambda: _EMPTY, repr=False, compare=False)
    _groups_by_name: Mapping[str, Group] = field(
        default_factory=lambda: _EMPTY, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "_by_name", MappingProxyType({q.name: q for q in self.questions})
        )
        object.__setattr__(
            self, "_groups_by_name", MappingProxyType({g.name: g for g in self.groups})
        )

    def title_in(self, language: str) -> str | None:
        """The form's title in ``language`` (a ``form_title::<language>`` setting, or the
        plain ``form_title`` for the default language); ``None`` when it has none."""
        if self.titles.get(language):
            return self.titles[language]
        return self.title if language == self.default_language else None

    @property
    def language_codes(self) -> tuple[str, ...]:
        return tuple(language.code for language in self.languages)

    @property
    def fallback(self) -> tuple[str, ...]:
        """Languages to fall back on, the default language first."""
        others = tuple(c for c in self.language_codes if c != self.default_language)
        return (self.default_language, *others)

    @property
    def answer_questions(self) -> tuple[Question, ...]:
        """Questions that hold a value in respondent data (everything but notes)."""
        return tuple(q for q in self.questions if q.type.holds_answer)

    def __contains__(self, name: object) -> bool:
        return name in self._by_name

    def question(self, name: str) -> Question:
        try:
            return self._by_name[name]
        except KeyError:
            raise KeyError(f"The questionnaire has no question named {name!r}") from None

    def group(self, name: str) -> Group:
        return self._groups_by_name[name]

    def questions_in_group(self, name: str) -> tuple[Question, ...]:
        """Questions inside group ``name`` at any depth, in form order."""
        return tuple(q for q in self.questions if name in q.groups)

    def question_label(self, name: str, language: str | None = None) -> str:
        return self.question(name).label(language, self.fallback)

    def is_relevant(self, question: Question, answers: Mapping[str, object]) -> bool:
        """Whether ``question`` is asked given ``answers``: its groups' and its own ``relevant``.

        Follows ODK: a question inside a non-relevant group is not relevant.
        """
        for group_name in question.groups:
            relevant = self._groups_by_name[group_name].relevant
            if relevant is not None and not to_boolean(relevant.evaluate(answers)):
                return False
        return question.relevant is None or to_boolean(question.relevant.evaluate(answers))
