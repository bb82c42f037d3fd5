"""Consistent copies of a project file: device snapshots and backups.

A live project file is never copied byte for byte: with WAL, committed answers may still be
in the ``-wal`` file, and a copy taken while another connection writes can be torn. SQLite
makes consistent copies itself: ``VACUUM INTO`` (a compact snapshot, used for device files)
and the online backup API (a page-for-page copy, used for the backup before a merge).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from surveydesk.core.errors import ProjectFileError
from surveydesk.store.database import explain_storage_error
from surveydesk.store.project import Project

#: Leaves out the contact data of every call: the call list's phone numbers and names.
BLANK_CONTACTS = "UPDATE call_list SET phone = '', name = '' WHERE phone != '' OR name != ''"


def write_snapshot(project: Project, target: Path, *, contacts: bool = True) -> None:
    """Write a compact, consistent snapshot of ``project`` to the new file ``target``.

    The column cache (derived data, rebuilt on demand) is left out to keep it small. With
    ``contacts=False`` the call list's phone numbers and names are blank in the snapshot (the
    live project keeps them); the closing ``VACUUM`` rebuilds the file, so the old values
    survive in no free page.
    """
    target = Path(target)
    if target.exists():
        raise ProjectFileError(f"{target}: a file of that name already exists.")
    try:
        project.db.connection.execute("VACUUM INTO ?", (str(target),))
        copy = sqlite3.connect(target, isolation_level=None)
        try:
            copy.execute("DELETE FROM column_cache")
            if not contacts:
                copy.execute(BLANK_CONTACTS)
            copy.execute("PRAGMA journal_mode = DELETE")
            copy.execute("VACUUM")
        finally:
            copy.close()
    except sqlite3.Error as error:
        target.unlink(missing_ok=True)
        raise explain_storage_error(target, error) from None


def backup_project(source: Path, target: Path) -> None:
    """Copy the project file ``source`` to the new file ``target`` with SQLite's backup API
    (consistent even while other connections are writing)."""
    source, target = Path(source), Path(target)
    try:
        origin = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
        try:
            copy = sqlite3.connect(target)
            try:
                origin.backup(copy)
            finally:
                copy.close()
        finally:
            origin.close()
    except sqlite3.Error as error:
        target.unlink(missing_ok=True)
        raise explain_storage_error(target, error) from None


def content_counts(project: Project) -> dict[str, int]:
    """What a project holds, for a device file's manifest (checked again on merge)."""
    db = project.db
    return {
        "interviews": db.scalar("SELECT COUNT(*) FROM interview"),
        "complete": db.scalar("SELECT COUNT(*) FROM interview WHERE status = 'complete'"),
        "partial": db.scalar("SELECT COUNT(*) FROM interview WHERE status = 'partial'"),
        "aborted": db.scalar("SELECT COUNT(*) FROM interview WHERE status = 'aborted'"),
        "deleted": db.scalar("SELECT COUNT(*) FROM interview WHERE deleted_at IS NOT NULL"),
        "audit_entries": db.scalar("SELECT COUNT(*) FROM audit_log"),
        "calls": db.scalar("SELECT COUNT(*) FROM call_list"),
        "call_attempts": db.scalar("SELECT COUNT(*) FROM call_attempt"),
    }
