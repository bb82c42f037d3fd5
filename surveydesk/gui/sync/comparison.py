"""The versions of one conflicted interview as texts to compare side by side.

Rows of facts (where each version came from, who edited it, its status…), rows of answers
labelled and shown as the record browser shows them (question and choice labels in the UI
language when the questionnaire has it), and the audit trail with the versions each entry
belongs to. Nothing here reads the project: the caller passes the
:class:`~surveydesk.store.interview_versions.Conflict` and the questionnaire.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from surveydesk.core.interview import InterviewSession
from surveydesk.core.questionnaire import Questionnaire, QuestionType
from surveydesk.core.versions import AuditEntry, InterviewVersion, entry_order
from surveydesk.gui.records_model import mode_name, status_name, when_text
from surveydesk.gui.translation import fill
from surveydesk.store.interview_versions import THIS_PROJECT, Conflict, ConflictVersion

translate = QCoreApplication.translate
YES_MARK = "✓"


@dataclass(frozen=True)
class Row:
    """One line of the comparison: a label and one text per version; ``compared`` lines
    (answers, status…) are marked when the versions differ, bookkeeping such as where a
    version came from is not."""

    label: str
    cells: tuple[str, ...]
    compared: bool = True

    @property
    def differs(self) -> bool:
        return self.compared and len(set(self.cells)) > 1


def version_title(number: int, shown: bool = False) -> str:
    """``Version 2``; ``shown``: the version the interview's data shows while it is open."""
    if shown:
        return fill(translate("ConflictComparison", "Version %1 (in the data now)"), number)
    return fill(translate("ConflictComparison", "Version %1"), number)


def source_text(entry: ConflictVersion) -> str:
    """Where a content's versions came from, in the UI language."""
    texts = []
    for origin in entry.origins:
        if origin == THIS_PROJECT:
            texts.append(translate("ConflictComparison", "This project (before the merge)"))
        else:
            texts.append(fill(translate("ConflictComparison", "%1 (device %2)"),
                              origin.file, origin.device))
    return ", ".join(texts) or "–"


def fact_rows(conflict: Conflict) -> list[Row]:
    """Where each version came from and what state it is in."""
    versions = [entry.version for entry in conflict.versions]

    def row(label: str, text, compared: bool = True) -> Row:
        return Row(label, tuple(text(v) for v in versions), compared)

    yes, no = translate("ConflictComparison", "Yes"), translate("ConflictComparison", "No")
    rows = [
        Row(translate("ConflictComparison", "Came from"),
            tuple(source_text(entry) for entry in conflict.versions), False),
        row(translate("ConflictComparison", "Interviewer"), lambda v: v.interviewer or "–",
            False),
        row(translate("ConflictComparison", "Device"), lambda v: v.device_id or "–", False),
        row(translate("ConflictComparison", "Wave"), lambda v: v.wave),
        row(translate("ConflictComparison", "Mode"), lambda v: mode_name(v.mode)),
        row(translate("ConflictComparison", "Status"), lambda v: status_name(v.status)),
        row(translate("ConflictComparison", "Last edited"), lambda v: when_text(v.updated_at),
            False),
        row(translate("ConflictComparison", "Deleted"), lambda v: _deleted(v, yes, no)),
    ]
    # Wave and mode are the same in nearly every conflict: shown only when they are not.
    return [r for r in rows if r.label not in _rare() or r.differs]


def _rare() -> tuple[str, str]:
    return (translate("ConflictComparison", "Wave"), translate("ConflictComparison", "Mode"))


def _deleted(version: InterviewVersion, yes: str, no: str) -> str:
    if not version.deleted:
        return no
    reason = f": {version.deleted_reason}" if version.deleted_reason else ""
    return f"{yes}, {when_text(version.deleted_at)}{reason}"


class Answers:
    """Shows stored answers as the interview screens do, in ``language`` if the form has it."""

    def __init__(self, questionnaire: Questionnaire, language: str):
        self.questionnaire = questionnaire
        self.language = language if language in questionnaire.language_codes else None

    def label(self, name: str) -> str:
        questionnaire = self.questionnaire
        if name not in questionnaire:
            return name
        session_language = self.language or questionnaire.default_language
        return questionnaire.question(name).label(session_language, questionnaire.fallback)

    def shown(self, name: str, stored: str | None) -> str:
        questionnaire = self.questionnaire
        if stored is None:
            return ""
        if name not in questionnaire:
            return stored
        try:
            session = InterviewSession(questionnaire, {name: stored}, language=self.language)
            return session.display(questionnaire.question(name)) or stored
        except (ValueError, KeyError):  # an answer this form version cannot read
            return stored

    def rows(self, versions: list[InterviewVersion]) -> list[Row]:
        """Every question answered in any version, in form order (then unknown names)."""
        answered = set().union(*(v.answers for v in versions))
        order = [q.name for q in self.questionnaire.questions
                 if q.name in answered and q.type is not QuestionType.NOTE]
        order += sorted(answered - set(order))
        return [Row(self.label(name), tuple(self.shown(name, v.answers.get(name))
                                            for v in versions)) for name in order]

    def change(self, entry: AuditEntry) -> str:
        if entry.question is None:
            return translate("ConflictComparison", "The interview")
        old, new = (self.shown(entry.question, value) or "–"
                    for value in (entry.old_value, entry.new_value))
        return f"{self.label(entry.question)}: {old} → {new}"


def history_rows(conflict: Conflict, answers: Answers) -> list[tuple[tuple[str, ...], bool]]:
    """``(When, Who, Change, Reason, mark per version)`` for every audit entry of any
    version, newest first, and whether the entry is missing from some version."""
    trails = [entry.version.trail for entry in conflict.versions]
    every = sorted(frozenset().union(*trails), key=entry_order, reverse=True)
    rows = []
    for entry in every:
        marks = tuple(YES_MARK if entry in trail else "" for trail in trails)
        texts = (when_text(entry.at), entry.who, answers.change(entry), entry.reason, *marks)
        rows.append((texts, "" in marks))
    return rows


def resolution_text(conflict: Conflict) -> str:
    """How a resolved conflict was settled, in the UI language where the engine's wording
    is known (a version kept by someone, or a later edit from a device)."""
    when = when_text(conflict.resolved_at)
    resolution = conflict.resolution or ""
    if conflict.kept_version:
        numbers = [number for number, entry in enumerate(conflict.versions, 1)
                   if entry.key == conflict.kept_version]
        if numbers:
            return fill(translate("ConflictComparison", "Resolved %1 by %2: version %3 was "
                                                        "kept."), when, conflict.resolved_by,
                        numbers[0])
    return fill(translate("ConflictComparison", "Resolved %1 (%2): %3"), when,
                conflict.resolved_by or "–", resolution)
