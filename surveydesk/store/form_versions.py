"""Whether the answers already stored still read under a new questionnaire version.

A new version may change a question's type or its choices. Stored answers are never
rewritten, and the newest version is the one tables and exports read them with; an answer
it cannot read would turn into a blank or a category nobody asked for. So a new version is
refused while any stored answer to one of its questions does not read under it. Questions
the new version drops are fine: their answers stay stored, and the older versions that asked
them stay readable.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from surveydesk.core.answers import AnswerError, AnswerReader
from surveydesk.core.errors import UsageError
from surveydesk.core.questionnaire import Question, Questionnaire, QuestionType
from surveydesk.store.database import Database

LISTED_PROBLEMS = 20
# Any text is a valid answer to these, so their stored answers need no check.
_ANY_TEXT = (QuestionType.TEXT, QuestionType.CALCULATE)


@dataclass(frozen=True)
class StoredAnswerProblem:
    """One distinct stored answer that a questionnaire version cannot read."""

    question: str
    value: str
    reason: str
    interviews: int

    def describe(self, version: str) -> str:
        have = "interview has" if self.interviews == 1 else "interviews have"
        return (f"question '{self.question}': stored answer '{self.value}' is not valid under "
                f"version {version} ({self.reason}); {self.interviews} {have} it")


def stored_answer_problems(db: Database,
                           questionnaire: Questionnaire) -> list[StoredAnswerProblem]:
    """Every distinct stored answer that ``questionnaire`` cannot read, in form order."""
    questions = {q.name: q for q in questionnaire.answer_questions if q.type not in _ANY_TEXT}
    if not questions:
        return []
    # One pass over the interviews; only the distinct values are checked in Python.
    rows = db.rows(
        "SELECT j.key, j.value, COUNT(*) FROM interview, json_each(interview.answers) AS j "
        "WHERE j.key IN (SELECT value FROM json_each(?)) GROUP BY j.key, j.value",
        (json.dumps(list(questions)),),
    )
    return _problems(questions, rows)


def answer_problems(questionnaire: Questionnaire,
                    answers: Iterable[Mapping[str, str]]) -> list[StoredAnswerProblem]:
    """Like :func:`stored_answer_problems`, for answers not stored yet (e.g. being merged)."""
    questions = {q.name: q for q in questionnaire.answer_questions if q.type not in _ANY_TEXT}
    counts = Counter((name, value) for stored in answers for name, value in stored.items()
                     if name in questions)
    return _problems(questions, [(name, value, n) for (name, value), n in counts.items()])


def _problems(questions: dict[str, Question], rows) -> list[StoredAnswerProblem]:
    readers: dict[str, AnswerReader] = {}
    problems = []
    for name, value, count in rows:
        question = questions[name]
        reader = readers.setdefault(name, AnswerReader(question))
        text = "" if value is None else str(value)
        reason = _reason(question, reader, text)
        if reason is not None:
            problems.append(StoredAnswerProblem(name, text, reason, count))
    order = {name: i for i, name in enumerate(questions)}
    return sorted(problems, key=lambda p: (order[p.question], p.value))


def check_stored_answers_fit(db: Database, questionnaire: Questionnaire) -> None:
    """Raise :class:`UsageError` if a stored answer does not read under ``questionnaire``."""
    problems = stored_answer_problems(db, questionnaire)
    if not problems:
        return
    lines = [f"Questionnaire version {questionnaire.version} cannot be added to "
             f"{db.path.name}: answers already stored are not valid under it."]
    lines += [f"  - {p.describe(questionnaire.version)}" for p in problems[:LISTED_PROBLEMS]]
    rest = len(problems) - LISTED_PROBLEMS
    if rest > 0:
        lines.append(f"  ... and {rest} more stored answer{'s' if rest != 1 else ''}")
    lines.append("Change the form (the question's type or choices) so these answers stay "
                 "valid, or correct the answers first. Nothing was stored.")
    raise UsageError("\n".join(lines))


def _reason(question: Question, reader: AnswerReader, text: str) -> str | None:
    """Why ``text`` is not a valid stored answer to ``question``, or ``None`` if it is."""
    if question.type.is_select:
        if question.choice_list is None:
            return None
        names = set(question.choice_list.names)
        tokens = text.split() if question.type is QuestionType.SELECT_MULTIPLE else [text]
        for token in tokens:
            if token not in names:
                try:
                    reader.read(token)
                except AnswerError as error:
                    return str(error)
                # A label matched, but stored answers hold choice names.
                return f"not a choice name of list '{question.choice_list.name}'"
        return None
    try:
        reader.read(text)
    except AnswerError as error:
        return str(error)
    return None
