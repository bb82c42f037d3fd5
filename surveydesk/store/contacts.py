"""Contact data of the call list (phone numbers and names) after fieldwork, and the
project-level part of the audit log.

Removing the contact data (:func:`remove_contact_data`) blanks every phone number and name
of the call list and marks the calls, in one transaction; the calls' references, status,
preload answers and every call attempt (time, interviewer, outcome) stay, so response
rates and the fieldwork record remain. The removal is recorded in ``project_event``, which,
like ``audit_log``, refuses updates and deletes. SQLite's ``secure_delete`` zeroes the
removed text in the pages it frees, and the write-ahead log is checkpointed and the file
vacuumed afterwards, so the numbers are not left in free pages of the file.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from surveydesk.core.errors import UsageError
from surveydesk.store.database import explain_storage_error
from surveydesk.store.project import Project, utc_now

CONTACTS_REMOVED = "contact data removed"


@dataclass(frozen=True)
class ContactData:
    """How much contact data the call list holds (or, after a removal, held)."""

    calls: int
    phones: int
    names: int
    #: calls still open or with an appointment: they can no longer be called once removed
    unfinished: int
    #: calls whose contact data was removed before
    removed_before: int

    @property
    def anything(self) -> bool:
        return bool(self.phones or self.names)

    def summary(self) -> str:
        return (f"{self.phones} phone number{'s' if self.phones != 1 else ''} and "
                f"{self.names} name{'s' if self.names != 1 else ''} of {self.calls} "
                f"call{'s' if self.calls != 1 else ''}")


@dataclass(frozen=True)
class ProjectEvent:
    """One project-level entry of the audit log."""

    at: str
    who: str
    event: str
    detail: str


def contact_data(project: Project) -> ContactData:
    """What :func:`remove_contact_data` would remove."""
    row = project.db.row(
        "SELECT COUNT(*), COALESCE(SUM(phone != ''), 0), COALESCE(SUM(name != ''), 0), "
        "COALESCE(SUM(status IN ('open', 'appointment') AND phone != ''), 0), "
        "COALESCE(SUM(contacts_removed_at IS NOT NULL), 0) FROM call_list")
    return ContactData(*row)


def remove_contact_data(project: Project, *, who: str, now: str | None = None
                        ) -> ContactData:
    """Blank every phone number and name of the call list, mark the calls as removed and
    record it in the audit log, in one transaction; returns what was removed. Calls,
    attempts and interviews stay."""
    who = who.strip()
    if not who:
        raise UsageError("Say who removes the contact data (name or initials); it is "
                         "recorded in the audit log.")
    now = now or utc_now()
    connection = project.db.connection
    connection.execute("PRAGMA secure_delete = ON")
    try:
        with project.transaction():
            before = contact_data(project)
            project.db.execute(
                "UPDATE call_list SET phone = '', name = '', "
                "contacts_removed_at = COALESCE(contacts_removed_at, ?)", (now,))
            record_event(project, CONTACTS_REMOVED,
                         f"removed {before.summary()} from the call list; calls, call "
                         "attempts and interviews kept", who=who, now=now)
    finally:
        connection.execute("PRAGMA secure_delete = OFF")
    rebuild_file(project)
    return before


def rebuild_file(project: Project) -> None:
    """Move the committed change out of the write-ahead log into the file and rebuild it, so
    that no old page with the removed text is left behind."""
    try:
        project.db.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        project.db.connection.execute("VACUUM")
        project.db.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlite3.Error as error:  # committed already; only the tidying failed
        raise explain_storage_error(project.path, error) from None


def removed_references(project: Project) -> set[str]:
    """References of calls whose contact data was removed (never filled in again)."""
    return {row[0] for row in project.db.rows(
        "SELECT reference FROM call_list WHERE contacts_removed_at IS NOT NULL")}


def record_event(project: Project, event: str, detail: str, *, who: str,
                 now: str | None = None) -> None:
    """Append a project-level entry to the audit log (in the caller's transaction)."""
    with project.transaction():
        project.db.execute("INSERT INTO project_event (at, who, event, detail) "
                           "VALUES (?, ?, ?, ?)", (now or utc_now(), who, event, detail))


def project_events(project: Project) -> list[ProjectEvent]:
    """Every project-level entry of the audit log, oldest first."""
    return [ProjectEvent(*row) for row in project.db.rows(
        "SELECT at, who, event, detail FROM project_event ORDER BY id")]
