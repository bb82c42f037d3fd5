"""One interview being entered: the session decides, the project file keeps every step.

Qt-free on purpose (it imports no PySide6): the entry screens only show what the
:class:`InterviewRecorder` holds and pass on what the interviewer typed. Every accepted
answer is written at once, in one transaction with the calculations it changed and the
question the interview moves to, so a crash loses nothing that was confirmed. If a write
fails, the session is put back as it was on disk and the error is raised for the screen to
show.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace

from surveydesk.core.interview import REVIEW, InterviewSession, Verdict
from surveydesk.core.questionnaire import Question, Questionnaire, QuestionType
from surveydesk.store import entry
from surveydesk.store.project import Project

CORRECTION_REASON = "corrected on the review page"
DURING_INTERVIEW_REASON = "changed during the interview"
# Stored (in English, like the audit log) as the reason of an aborted interview.
ABORT_REASONS = {
    "left": "citizen left",
    "refused": "citizen refused to continue",
    "language": "language barrier",
    "other": "other",
}


def abort_reason(kind: str, note: str = "") -> str:
    """The stored reason for an abort: the kind, and the interviewer's note if any."""
    base = ABORT_REASONS[kind]
    note = " ".join(note.split())
    if kind == "other" and note:
        return note
    return f"{base}: {note}" if note else base


def device_metadata(questionnaire: Questionnaire, moment: str, *, now: dt.datetime,
                    interviewer: str = "", device_id: str = "") -> dict[str, str]:
    """The form's metadata answers a laptop fills in at ``moment`` ("start" or "end"), as
    ODK Collect does: ``start``/``end`` the local time with its UTC offset
    (``2024-09-30T10:12:05+02:00``), ``today`` the date, ``deviceid`` this laptop's id,
    ``username`` the interviewer. A laptop has no phone number, SIM or subscriber id, so
    those stay empty; ``audit`` is served by the answer log."""
    values = {QuestionType.START: now.isoformat(timespec="seconds"),
              QuestionType.TODAY: now.date().isoformat(),
              QuestionType.DEVICEID: device_id, QuestionType.USERNAME: interviewer.strip()}
    if moment == "end":
        values = {QuestionType.END: now.isoformat(timespec="seconds")}
    return {q.name: values[q.type] for q in questionnaire.questions
            if values.get(q.type)}


def local_now() -> dt.datetime:
    """Now, in the laptop's time zone (what ``start`` and ``end`` record)."""
    return dt.datetime.now().astimezone()


@dataclass(frozen=True)
class Setup:
    """Who interviews, how, where and in which wave (the start screen's fields)."""

    interviewer: str
    mode: str
    location: str
    wave: str


class InterviewRecorder:
    """An interview in entry: its session, and the project file it is written to."""

    def __init__(self, project: Project, interview: entry.OpenInterview, who: str):
        self.project = project
        self.uuid = interview.uuid
        self.who = who or interview.interviewer
        self.interview = interview
        self.session = InterviewSession(project.questionnaire, interview.answers,
                                        current=interview.current_question,
                                        language=interview.language or None)
        self._on_disk = {name: interview.answers.get(name)
                         for name in self.session.calculated()}
        # The route when a correction from the review page began; questions on it are not
        # asked again on the way back to the review page.
        self._correcting: set[str] | None = None
        self._write(None, reason=DURING_INTERVIEW_REASON)  # stale calculations, position

    @classmethod
    def start(cls, project: Project, setup: Setup, device_id: str,
              preload: Mapping[str, str] | None = None) -> InterviewRecorder:
        """A new interview, stored at once (``preload``: answers known beforehand, e.g.
        from a call list).

        A preloaded answer is shown already chosen and confirmed with the citizen, not
        skipped: the interview begins at its first question, like any other.
        """
        interview = entry.start_interview(
            project, wave=setup.wave.strip(), mode=setup.mode, interviewer=setup.interviewer,
            device_id=device_id, location=setup.location.strip(),
            language=project.questionnaire.default_language,
            preload={**device_metadata(project.questionnaire, "start", now=local_now(),
                                       interviewer=setup.interviewer, device_id=device_id),
                     **(preload or {})})
        if interview.answers:
            route = InterviewSession(project.questionnaire, interview.answers).route()
            interview = replace(interview, current_question=route[0].name if route else None)
        return cls(project, interview, setup.interviewer.strip())

    @classmethod
    def resume(cls, project: Project, interview_uuid: str, who: str) -> InterviewRecorder:
        return cls(project, entry.load_interview(project, interview_uuid), who.strip())

    # -- where the interview is -----------------------------------------------------------
    @property
    def at_review(self) -> bool:
        return self.session.current is REVIEW

    @property
    def correcting(self) -> bool:
        return self._correcting is not None

    def question(self) -> Question | None:
        return self.session.question()

    def next_language(self) -> str:
        """Switch the question language to the form's next one; answers stay as they are."""
        codes = list(self.session.questionnaire.language_codes) or [self.session.language]
        index = codes.index(self.session.language) if self.session.language in codes else -1
        self.session.language = codes[(index + 1) % len(codes)]
        entry.set_language(self.project, self.uuid, self.session.language)
        return self.session.language

    # -- steps ----------------------------------------------------------------------------
    def confirm(self, value: object) -> Verdict:
        """Answer the current question; if accepted, store it and move on."""
        question = self.session.question()
        before = (dict(self.session.answers), self.session.current)
        verdict = self.session.answer(value)
        if not verdict.accepted or question is None:
            return verdict
        if self._correcting is not None:
            self.session.go_to(self._after_correction())
        reason = CORRECTION_REASON if self._correcting is not None else DURING_INTERVIEW_REASON
        if self.at_review:
            self._correcting = None
        answered = question.name if question.type.holds_answer else None
        try:
            self._write(answered, reason=reason)
        except BaseException:
            self.session.answers, self.session.current = before
            raise
        return verdict

    def _after_correction(self) -> str | None:
        """The next question not asked before the correction (new on the route), or review."""
        assert self._correcting is not None
        name = self.session.current
        while name is not REVIEW and name in self._correcting:
            name = self.session.next_after(name)
        return name

    def back(self) -> bool:
        """Go to the previous question on the route; ``False`` at the first one."""
        before = self.session.current
        if not self.session.go_back():
            return False
        self._move(before)
        return True

    def correct(self, name: str) -> None:
        """From the review page, go to question ``name`` to change its answer."""
        before = self.session.current
        self.session.go_to(name)
        self._correcting = {q.name for q in self.session.route()}
        self._move(before)

    def to_review(self) -> None:
        before = self.session.current
        self.session.go_to(REVIEW)
        self._correcting = None
        self._move(before)

    def _move(self, before: str | None) -> None:
        try:
            entry.move_to(self.project, self.uuid, self.session.current)
        except BaseException:
            self.session.current = before
            raise

    def _write(self, answered: str | None, *, reason: str) -> None:
        calculated = {name: value for name, value in self.session.calculated().items()
                      if self._on_disk.get(name) != value}
        with self.project.transaction():
            if answered is not None:
                entry.save_answer(self.project, self.uuid, answered,
                                  self.session.stored(answered),
                                  next_question=self.session.current, who=self.who,
                                  reason=reason)
            for name, value in calculated.items():
                entry.save_answer(self.project, self.uuid, name, value,
                                  next_question=self.session.current, who=self.who,
                                  reason="recalculated after an answer changed")
            if answered is None and not calculated:
                entry.move_to(self.project, self.uuid, self.session.current)
        self._on_disk.update(calculated)

    # -- the end --------------------------------------------------------------------------
    def missing(self) -> list[Question]:
        return self.session.missing()

    def complete(self) -> list[Question]:
        """Finish as ``complete``; returns the required questions still unanswered instead
        (nothing is stored then)."""
        missing = self.session.missing()
        if missing:
            return missing
        for name, value in device_metadata(self.project.questionnaire, "end",
                                           now=local_now()).items():
            entry.save_answer(self.project, self.uuid, name, value,
                              next_question=self.session.current, who=self.who)
            self.session.answers[name] = value
        entry.finish_interview(self.project, self.uuid, "complete", who=self.who,
                               cleared=self.session.no_longer_asked())
        return []

    def abort(self, reason: str) -> None:
        entry.finish_interview(self.project, self.uuid, "aborted", who=self.who,
                               reason=reason)

    def review(self) -> list[tuple[Question, str]]:
        return self.session.review()

    def is_answered(self, question: Question) -> bool:
        return question.name in self.session.answers

    def is_note(self) -> bool:
        question = self.session.question()
        return question is not None and question.type is QuestionType.NOTE
