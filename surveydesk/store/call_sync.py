"""The call list as whole records (call and its attempts), for merging device files.

A record's ``phone`` and ``name`` are blank when its device file left contact data out.

Attempts are identified by what they record (time, interviewer, outcome, appointment,
note), so the same attempt arriving from several device files is stored once.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from surveydesk.core.answers import answers_json
from surveydesk.store.project import Project


class Attempt(NamedTuple):
    at: str
    interviewer: str
    outcome: str
    appointment_at: str | None
    note: str


@dataclass(frozen=True)
class CallRecord:
    """One call of the call list with every attempt made on it."""

    reference: str
    phone: str
    name: str
    preload: Mapping[str, str]
    status: str
    attempts: int
    appointment_at: str | None
    interview_uuid: str | None
    imported_at: str
    attempt_log: frozenset[Attempt] = field(default=frozenset(), repr=False)


def call_records(project: Project, references: Iterable[str] | None = None
                 ) -> dict[str, CallRecord]:
    """``reference -> record`` for every call (or those of ``references`` that exist)."""
    sql = ("SELECT id, reference, phone, name, preload, status, attempts, appointment_at, "
           "interview_uuid, imported_at FROM call_list")
    rows = project.db.rows(sql)
    if references is not None:
        wanted = set(references)
        rows = [row for row in rows if row[1] in wanted]
    ids = {row[0] for row in rows}
    log: dict[int, set[Attempt]] = defaultdict(set)
    if ids:
        for call_id, *attempt in project.db.rows(
                "SELECT call_id, at, interviewer, outcome, appointment_at, note "
                "FROM call_attempt"):
            if call_id in ids:
                log[call_id].add(Attempt(*attempt))
    return {row[1]: CallRecord(row[1], row[2], row[3], json.loads(row[4]), *row[5:],
                               attempt_log=frozenset(log[row[0]])) for row in rows}


def write_call_records(project: Project, records: Iterable[CallRecord]) -> None:
    """Add new calls and bring known ones to ``records`` (state and any attempts the project
    lacks), in the caller's transaction or its own."""
    with project.transaction():
        for record in records:
            call_id = project.db.scalar("SELECT id FROM call_list WHERE reference = ?",
                                        (record.reference,))
            if call_id is None:
                call_id = project.db.execute(
                    "INSERT INTO call_list (reference, phone, name, preload, imported_at) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (record.reference, record.phone, record.name,
                     answers_json(record.preload), record.imported_at)).lastrowid
            project.db.execute(
                "UPDATE call_list SET status = ?, attempts = ?, appointment_at = ?, "
                "interview_uuid = ? WHERE id = ?",
                (record.status, record.attempts, record.appointment_at, record.interview_uuid,
                 call_id))
            if record.phone:  # a number known only now; never a blank over a known one
                project.db.execute(
                    "UPDATE call_list SET phone = ?, name = ? WHERE id = ? AND phone = '' "
                    "AND contacts_removed_at IS NULL",
                    (record.phone, record.name, call_id))
            have = {Attempt(*row) for row in project.db.rows(
                "SELECT at, interviewer, outcome, appointment_at, note FROM call_attempt "
                "WHERE call_id = ?", (call_id,))}
            project.db.executemany(
                "INSERT INTO call_attempt (call_id, at, interviewer, outcome, appointment_at, "
                "note) VALUES (?, ?, ?, ?, ?, ?)",
                ((call_id, *attempt) for attempt in sorted(record.attempt_log - have,
                                                           key=attempt_order)))


def attempt_order(attempt: Attempt) -> tuple:
    """Time order of attempts (then by their other fields, so the order is total)."""
    return tuple("" if part is None else part for part in attempt)
