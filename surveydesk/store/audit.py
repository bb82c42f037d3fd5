"""The audit log as the analyst receives it: every change to an answer (``audit_log``)
with the interview's respondent id and wave, and every project-level event
(``project_event``, such as removing the call list's contact data). Read only: no function
of SurveyDesk changes or deletes an entry (the tables refuse it with triggers)."""

from __future__ import annotations

from dataclasses import dataclass

from surveydesk.store.project import Project

AUDIT_COLUMNS = ("at", "who", "interview_uuid", "respondent_id", "wave", "question",
                 "old_value", "new_value", "reason")


@dataclass(frozen=True)
class AuditRow:
    at: str
    who: str
    interview_uuid: str
    respondent_id: str
    wave: str
    question: str
    old_value: str
    new_value: str
    reason: str


def audit_rows(project: Project, wave: str | None = None) -> list[AuditRow]:
    """The whole audit log in time order (entries of ``wave``'s interviews only, if given;
    project events always), with ``None`` as empty text."""
    sql = ("SELECT a.at, a.who, a.interview_uuid, i.respondent_id, w.label, a.question, "
           "a.old_value, a.new_value, a.reason, a.id FROM audit_log a "
           "LEFT JOIN interview i ON i.uuid = a.interview_uuid "
           "LEFT JOIN wave w ON w.id = i.wave_id")
    parameters: tuple = ()
    if wave is not None:
        sql += " WHERE w.label = ?"
        parameters = (wave,)
    rows = [(row[0], 0, row[9], AuditRow(*("" if v is None else v for v in row[:9])))
            for row in project.db.rows(sql, parameters)]
    rows += [(at, 1, number, AuditRow(at, who, "", "", "", "", "", "",
                                      f"{event}: {detail}" if detail else event))
             for number, at, who, event, detail in project.db.rows(
                 "SELECT id, at, who, event, detail FROM project_event")]
    return [row for *_, row in sorted(rows, key=lambda r: r[:3])]
