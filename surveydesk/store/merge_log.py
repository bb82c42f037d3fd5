"""The log of device files merged into a project (only merges that changed something)."""

from __future__ import annotations

from dataclasses import astuple, dataclass

from surveydesk.store.project import Project


@dataclass(frozen=True)
class MergeRecord:
    merged_at: str
    file_name: str
    file_sha256: str
    device_id: str
    interviewer: str
    created_at: str
    added: int
    updated: int
    unchanged: int
    conflicts: int
    calls_added: int
    attempts_added: int


_COLUMNS = ", ".join(MergeRecord.__dataclass_fields__)


def record_merge(project: Project, record: MergeRecord) -> None:
    with project.transaction():
        project.db.execute(
            f"INSERT INTO sync_merge ({_COLUMNS}) VALUES "
            f"({', '.join('?' * len(MergeRecord.__dataclass_fields__))})", astuple(record))


def merge_log(project: Project) -> list[MergeRecord]:
    """Every recorded merge, oldest first."""
    return [MergeRecord(*row) for row in project.db.rows(
        f"SELECT {_COLUMNS} FROM sync_merge ORDER BY id")]
