"""Interview entry in the project file: every confirmed answer is one transaction.

An interview being entered is stored from its first moment as ``partial`` with the question
it is at, so that after a crash it can be offered for resume exactly there. A change to an
answer that was already confirmed is written to the audit log with who, when, old, new and
why; the first answer to a question is not a change. Aborting keeps the interview as
``aborted`` with its reason; deleting is soft (hidden from data, kept, audited).
"""

from __future__ import annotations

import json
import uuid as uuid_module
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from surveydesk.core.answers import answers_hash, answers_json
from surveydesk.core.errors import UsageError
from surveydesk.store.project import MODES, Project, utc_now


@dataclass(frozen=True)
class OpenInterview:
    """An interview as entry sees it: who/where/how, where it stopped, and its answers."""

    uuid: str
    wave: str
    mode: str
    status: str
    interviewer: str
    device_id: str
    location: str
    language: str
    started_at: str
    current_question: str | None
    answers: dict[str, str]


_COLUMNS = ("i.uuid, w.label, i.mode, i.status, COALESCE(i.interviewer, ''), "
            "COALESCE(i.device_id, ''), COALESCE(i.location, ''), COALESCE(i.language, ''), "
            "COALESCE(i.started_at, ''), i.current_question, i.answers")


def _interview(row) -> OpenInterview:
    return OpenInterview(*row[:10], json.loads(row[10]))


def load_interview(project: Project, interview_uuid: str) -> OpenInterview:
    row = project.db.row(f"SELECT {_COLUMNS} FROM interview i JOIN wave w ON w.id = i.wave_id "
                         "WHERE i.uuid = ?", (interview_uuid,))
    if row is None:
        raise UsageError(f"No interview with id {interview_uuid} in {project.path.name}.")
    return _interview(row)


def start_interview(project: Project, *, wave: str, mode: str, interviewer: str,
                    device_id: str, location: str = "", language: str = "",
                    preload: Mapping[str, str] | None = None, now: str | None = None,
                    interview_uuid: str | None = None) -> OpenInterview:
    """A new ``partial`` interview, stored at once (with ``preload`` answers if any)."""
    if mode not in MODES:
        raise UsageError(f"Unknown mode '{mode}'; use one of: {', '.join(MODES)}.")
    if not interviewer.strip():
        raise UsageError("Say who is interviewing (name or initials) before starting.")
    now = now or utc_now()
    answers = dict(preload or {})
    identity = interview_uuid or str(uuid_module.uuid4())
    with project.transaction():
        target = project.ensure_wave(wave)
        project.db.execute(
            "INSERT INTO interview (uuid, wave_id, form_version_id, mode, status, interviewer, "
            "device_id, location, language, started_at, updated_at, answers, content_hash) "
            "VALUES (?, ?, ?, ?, 'partial', ?, ?, ?, ?, ?, ?, ?, ?)",
            (identity, target.id, project.current_form_version().id, mode, interviewer.strip(),
             device_id, location, language, now, now, answers_json(answers),
             answers_hash(answers, "partial")))
        _touch(project, target.id)
    return load_interview(project, identity)


def _touch(project: Project, wave_id: int) -> None:
    project.db.execute("UPDATE wave SET generation = generation + 1 WHERE id = ?", (wave_id,))


def save_answer(project: Project, interview_uuid: str, question: str, value: str | None, *,
                next_question: str | None, who: str, reason: str = "changed during the "
                "interview", now: str | None = None) -> bool:
    """Store one confirmed answer (``None`` clears it) and the question the interview is at
    now, in one transaction. Returns whether an earlier answer was changed (and audited)."""
    now = now or utc_now()
    with project.transaction():
        row = project.db.row("SELECT id, wave_id, status, answers FROM interview WHERE uuid = ?",
                             (interview_uuid,))
        if row is None:
            raise UsageError(f"No interview with id {interview_uuid} in {project.path.name}.")
        interview_id, wave_id, status, text = row
        answers = json.loads(text)
        old = answers.get(question)
        changed = old is not None and old != value
        if value is None:
            answers.pop(question, None)
        else:
            answers[question] = value
        project.db.execute(
            "UPDATE interview SET answers = ?, content_hash = ?, current_question = ?, "
            "updated_at = ? WHERE id = ?",
            (answers_json(answers), answers_hash(answers, status), next_question, now,
             interview_id))
        if changed:
            _audit(project, now, who, interview_uuid, question, old, value, reason)
        if old != value:
            _touch(project, wave_id)
    return changed


def _audit(project: Project, now: str, who: str, interview_uuid: str, question: str | None,
           old: str | None, new: str | None, reason: str) -> None:
    project.db.execute(
        "INSERT INTO audit_log (at, who, interview_uuid, question, old_value, new_value, "
        "reason) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (now, who, interview_uuid, question, old, new, reason))


def move_to(project: Project, interview_uuid: str, question: str | None,
            now: str | None = None) -> None:
    """Remember the question the interview is at (going back, or to the review page)."""
    with project.transaction():
        project.db.execute("UPDATE interview SET current_question = ?, updated_at = ? "
                           "WHERE uuid = ?", (question, now or utc_now(), interview_uuid))


def set_language(project: Project, interview_uuid: str, language: str,
                 now: str | None = None) -> None:
    """Remember the language the questions are read in (resume continues in it)."""
    with project.transaction():
        project.db.execute("UPDATE interview SET language = ?, updated_at = ? WHERE uuid = ?",
                           (language, now or utc_now(), interview_uuid))


def finish_interview(project: Project, interview_uuid: str, status: str, *, who: str,
                     reason: str = "", cleared: Mapping[str, str] | None = None,
                     now: str | None = None) -> None:
    """End an interview as ``complete`` or ``aborted`` (with ``reason``).

    ``cleared`` are answers to questions no longer asked after an earlier answer changed;
    they are removed, each with an audit entry.
    """
    if status not in ("complete", "aborted"):
        raise UsageError(f"An interview ends as complete or aborted, not {status}.")
    if status == "aborted" and not reason.strip():
        raise UsageError("Say why the interview was stopped (e.g. the citizen left).")
    now = now or utc_now()
    with project.transaction():
        row = project.db.row("SELECT id, wave_id, answers FROM interview WHERE uuid = ?",
                             (interview_uuid,))
        if row is None:
            raise UsageError(f"No interview with id {interview_uuid} in {project.path.name}.")
        interview_id, wave_id, text = row
        answers = json.loads(text)
        for question, old in (cleared or {}).items():
            if answers.pop(question, None) is not None:
                _audit(project, now, who, interview_uuid, question, old, None,
                       "no longer asked after an earlier answer changed")
        project.db.execute(
            "UPDATE interview SET status = ?, answers = ?, content_hash = ?, end_reason = ?, "
            "completed_at = ?, current_question = NULL, updated_at = ? WHERE id = ?",
            (status, answers_json(answers), answers_hash(answers, status), reason or None,
             now if status == "complete" else None, now, interview_id))
        _touch(project, wave_id)


def resumable_interviews(project: Project, device_id: str | None = None
                         ) -> list[OpenInterview]:
    """Partial interviews (newest first), e.g. interrupted by a crash; of one device if given."""
    sql = (f"SELECT {_COLUMNS} FROM interview i JOIN wave w ON w.id = i.wave_id "
           "WHERE i.status = 'partial' AND i.deleted_at IS NULL")
    parameters: tuple = ()
    if device_id is not None:
        sql += " AND i.device_id = ?"
        parameters = (device_id,)
    return [_interview(row) for row in project.db.rows(sql + " ORDER BY i.updated_at DESC",
                                                       parameters)]


def reopen_interview(project: Project, interview_uuid: str, *, who: str = "",
                     now: str | None = None) -> None:
    """Make an aborted interview ``partial`` again, to continue it (audited: its status and
    content hash change, which sync must see)."""
    now = now or utc_now()
    with project.transaction():
        row = project.db.row("SELECT id, wave_id, answers FROM interview WHERE uuid = ? "
                             "AND status = 'aborted'", (interview_uuid,))
        if row is None:
            return
        interview_id, wave_id, text = row
        project.db.execute(
            "UPDATE interview SET status = 'partial', end_reason = NULL, content_hash = ?, "
            "updated_at = ? WHERE id = ?",
            (answers_hash(json.loads(text), "partial"), now, interview_id))
        _audit(project, now, who, interview_uuid, None, None, None, "reopened to continue")
        _touch(project, wave_id)


def completed_count(project: Project, day: str, interviewer: str | None = None) -> int:
    """Complete interviews finished on ``day`` (YYYY-MM-DD, UTC), of one interviewer if given."""
    sql = ("SELECT COUNT(*) FROM interview WHERE status = 'complete' AND deleted_at IS NULL "
           "AND substr(completed_at, 1, 10) = ?")
    parameters: list = [day]
    if interviewer:
        sql += " AND interviewer = ?"
        parameters.append(interviewer)
    return project.db.scalar(sql, parameters)


def delete_interview(project: Project, interview_uuid: str, *, who: str, reason: str,
                     now: str | None = None) -> None:
    """Soft delete: the interview leaves data, tables and exports but stays in the file."""
    if not reason.strip():
        raise UsageError("Say why the interview is deleted.")
    now = now or utc_now()
    with project.transaction():
        row = project.db.row("SELECT wave_id FROM interview WHERE uuid = ? AND deleted_at IS "
                             "NULL", (interview_uuid,))
        if row is None:
            raise UsageError(f"No interview with id {interview_uuid} to delete.")
        project.check_no_open_conflict(interview_uuid)
        project.db.execute("UPDATE interview SET deleted_at = ?, deleted_reason = ? "
                           "WHERE uuid = ?", (now, reason, interview_uuid))
        _audit(project, now, who, interview_uuid, None, None, None, f"deleted: {reason}")
        _touch(project, row[0])


BROWSER_COLUMNS = ("uuid", "wave", "mode", "status", "interviewer", "location", "started_at",
                   "completed_at", "answered", "end_reason")


def browse_interviews(project: Project, *, wave: str | None = None, mode: str | None = None,
                      status: str | None = None, interviewer: str | None = None,
                      date_from: str | None = None, date_to: str | None = None,
                      limit: int = 10_000) -> pd.DataFrame:
    """Interviews for the record browser, newest first, filtered as given (dates inclusive,
    YYYY-MM-DD, on the start date)."""
    sql = ("SELECT i.uuid, w.label, i.mode, i.status, COALESCE(i.interviewer, ''), "
           "COALESCE(i.location, ''), i.started_at, i.completed_at, "
           "(SELECT COUNT(*) FROM json_each(i.answers)), i.end_reason "
           "FROM interview i JOIN wave w ON w.id = i.wave_id WHERE i.deleted_at IS NULL")
    parameters: list = []
    for clause, value in (("w.label = ?", wave), ("i.mode = ?", mode),
                          ("i.status = ?", status), ("i.interviewer = ?", interviewer),
                          ("substr(i.started_at, 1, 10) >= ?", date_from),
                          ("substr(i.started_at, 1, 10) <= ?", date_to)):
        if value:
            sql += f" AND {clause}"
            parameters.append(value)
    sql += " ORDER BY COALESCE(i.started_at, i.updated_at) DESC, i.id DESC LIMIT ?"
    parameters.append(limit)
    return pd.DataFrame(project.db.rows(sql, parameters), columns=list(BROWSER_COLUMNS))
