"""The route through a questionnaire for one interview: what to ask next, what is accepted.

An :class:`InterviewSession` holds an interview's answers (typed values) and where it is.
It decides the route from the questionnaire's skip logic (``relevant``), checks an answer
(type, required, constraint) before it is accepted, recomputes calculations, and knows when
the interview can be completed. It does no I/O: the entry screen stores every accepted
answer at once and asks the session where to go.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from surveydesk.core.answers import (
    AnswerError,
    AnswerReader,
    constraint_message,
    from_stored,
    to_stored,
    violates_constraint,
)
from surveydesk.core.expressions import to_string
from surveydesk.core.questionnaire import Question, Questionnaire, QuestionType, pick_text

REVIEW = None  # the position after the last question: the review page
_LIMIT = re.compile(r"^\s*count-selected\(\s*\.\s*\)\s*<=?\s*(\d+)\s*$")
_REQUIRED = {"da": "Spørgsmålet skal besvares.", "en": "This question needs an answer."}


@dataclass(frozen=True)
class Verdict:
    """Whether an answer is accepted, and if not the message to show."""

    accepted: bool
    message: str = ""
    value: object = None


def selection_limit(question: Question) -> int | None:
    """N for a "pick up to N" question (constraint ``count-selected(.) <= N``)."""
    if question.type is not QuestionType.SELECT_MULTIPLE or question.constraint is None:
        return None
    match = _LIMIT.match(question.constraint.source)
    if match is None:
        return None
    limit = int(match[1])
    return limit - 1 if "<=" not in question.constraint.source else limit


class InterviewSession:
    """One interview's answers and position; the rules come from the questionnaire."""

    def __init__(self, questionnaire: Questionnaire, answers: Mapping[str, str] | None = None,
                 current: str | None = None, language: str | None = None):
        self.questionnaire = questionnaire
        self.language = language or questionnaire.default_language
        self.answers: dict[str, object] = {}
        for name, stored in (answers or {}).items():
            if name in questionnaire:
                self.answers[name] = from_stored(questionnaire.question(name), stored)
        self._readers: dict[str, AnswerReader] = {}
        self._recalculate()
        route = self.route()
        names = [q.name for q in route]
        if current in names:
            self.current: str | None = current
        elif current is None and answers:
            self.current = self._first_unanswered()
        else:
            self.current = names[0] if names else REVIEW

    # -- the route ------------------------------------------------------------------------
    def route(self) -> list[Question]:
        """Questions to show now, in form order: relevant, and asked (not calculations,
        metadata, or what only a phone collects)."""
        return [q for q in self.questionnaire.questions
                if q.type.is_asked and self.questionnaire.is_relevant(q, self.answers)]

    def question(self) -> Question | None:
        return None if self.current is REVIEW else self.questionnaire.question(self.current)

    def position(self) -> tuple[int, int]:
        """(number of the current question, questions on the route), notes excluded;
        at the review page the number is the total."""
        asked = [q.name for q in self.route() if q.type is not QuestionType.NOTE]
        if self.current is REVIEW:
            return len(asked), len(asked)
        if self.current in asked:
            return asked.index(self.current) + 1, len(asked)
        before = [q.name for q in self.route()]
        index = before.index(self.current) if self.current in before else 0
        return sum(1 for name in before[:index] if name in asked) + 1, len(asked)

    def _first_unanswered(self) -> str | None:
        for question in self.route():
            if question.type is not QuestionType.NOTE and question.name not in self.answers:
                return question.name
        return REVIEW

    def next_after(self, name: str | None) -> str | None:
        """The question after ``name`` on the current route (``None``: the review page)."""
        names = [q.name for q in self.route()]
        if name not in names:
            return self._first_unanswered()
        index = names.index(name)
        return names[index + 1] if index + 1 < len(names) else REVIEW

    def previous(self) -> str | None:
        """The question before the current one (``None`` at the first question)."""
        names = [q.name for q in self.route()]
        if self.current is REVIEW:
            return names[-1] if names else None
        index = names.index(self.current) if self.current in names else 0
        return names[index - 1] if index > 0 else None

    def go_back(self) -> bool:
        previous = self.previous()
        if previous is None:
            return False
        self.current = previous
        return True

    def go_to(self, name: str | None) -> None:
        if name is not REVIEW and name not in {q.name for q in self.route()}:
            raise KeyError(f"'{name}' is not asked in this interview now")
        self.current = name

    # -- answers --------------------------------------------------------------------------
    def read(self, question: Question, raw: str) -> object:
        """A typed value from text typed by the interviewer (numbers, dates, text)."""
        reader = self._readers.setdefault(question.name, AnswerReader(question))
        return reader.read(raw)

    def check(self, question: Question, value: object) -> Verdict:
        """Would ``value`` (``None`` = no answer) be accepted for ``question``?"""
        if isinstance(value, str) and question.type.is_typed:
            try:
                value = self.read(question, value) if value.strip() else None
            except AnswerError as error:
                return Verdict(False, str(error).capitalize() + ".")
        if value in (None, "", ()):
            if question.required:
                text = pick_text(question.required_messages, self.language,
                                 self.questionnaire.fallback)
                return Verdict(False, text or _REQUIRED.get(self.language, _REQUIRED["en"]))
            return Verdict(True, value=None)
        if question.type is QuestionType.SELECT_MULTIPLE:
            value = tuple(n for n in question.choice_list.names if n in set(value))
        answers = {**self.answers, question.name: value}
        if violates_constraint(question, value, answers):
            return Verdict(False, constraint_message(question, self.language,
                                                     self.questionnaire.fallback), value)
        return Verdict(True, value=value)

    def answer(self, value: object) -> Verdict:
        """Answer the current question; if accepted, store it and move on."""
        question = self.question()
        if question is None:
            return Verdict(False, "The interview is at the review page.")
        if question.type is QuestionType.NOTE:
            self.current = self.next_after(question.name)
            return Verdict(True)
        if question.type is QuestionType.ACKNOWLEDGE and value in (None, ""):
            value = "OK"  # confirming the statement is its answer, as in ODK Collect
        verdict = self.check(question, value)
        if not verdict.accepted:
            return verdict
        if verdict.value is None:
            self.answers.pop(question.name, None)
        else:
            self.answers[question.name] = verdict.value
        self._recalculate()
        self.current = self.next_after(question.name)
        return verdict

    def stored(self, name: str) -> str | None:
        """The stored text of an answer (what the project file keeps)."""
        if name not in self.answers:
            return None
        return to_stored(self.questionnaire.question(name), self.answers[name])

    def _recalculate(self) -> list[str]:
        """Recompute every calculation in form order; returns the names that changed."""
        changed = []
        for question in self.questionnaire.questions:
            if question.type is not QuestionType.CALCULATE or question.calculation is None:
                continue
            value = to_string(question.calculation.evaluate(self.answers)) or None
            if self.answers.get(question.name) != value:
                changed.append(question.name)
                if value is None:
                    self.answers.pop(question.name, None)
                else:
                    self.answers[question.name] = value
        return changed

    def calculated(self) -> dict[str, str | None]:
        """The current calculation values (stored text), to keep them saved."""
        return {q.name: self.stored(q.name) for q in self.questionnaire.questions
                if q.type is QuestionType.CALCULATE}

    # -- the end --------------------------------------------------------------------------
    def missing(self) -> list[Question]:
        """Required questions on the route that have no answer yet."""
        return [q for q in self.route()
                if q.required and q.type is not QuestionType.NOTE and q.name not in self.answers]

    def no_longer_asked(self) -> dict[str, str]:
        """Answers to questions that left the route after an earlier answer changed (never
        calculations, metadata, or what a phone collected: they are not asked)."""
        asked = {q.name for q in self.route()}
        return {name: self.stored(name) for name in self.answers
                if name in self.questionnaire
                and self.questionnaire.question(name).type.is_asked
                and name not in asked}

    def review(self) -> list[tuple[Question, str]]:
        """Every question on the route with its answer as text in the session language."""
        rows = []
        for question in self.route():
            if question.type is QuestionType.NOTE:
                continue
            rows.append((question, self.display(question)))
        return rows

    def display(self, question: Question) -> str:
        value = self.answers.get(question.name)
        if value is None:
            return ""
        fallback = self.questionnaire.fallback
        if question.choice_list is not None:
            names = value if isinstance(value, tuple) else (value,)
            return "; ".join(question.choice_list.choice(n).label(self.language, fallback)
                             for n in names if n in question.choice_list.names)
        return to_stored(question, value)
