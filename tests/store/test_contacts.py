"""Removing the call list's contact data after fieldwork: numbers and names go, interviews,
call outcomes and response rates stay, and the removal is in the append-only audit log."""

from __future__ import annotations

import sqlite3

import pytest

from surveydesk.core.errors import UsageError
from surveydesk.store import calls
from surveydesk.store.call_sync import call_records
from surveydesk.store.contacts import (
    CONTACTS_REMOVED,
    contact_data,
    project_events,
    remove_contact_data,
)
from surveydesk.store.project import Project
from surveydesk.sync.device_file import export_device_file
from surveydesk.sync.merge import merge_device_files

PEOPLE = [calls.NewCall("R1", "+4523456781", "Søren Ærøskøbing"),
          calls.NewCall("R2", "+4587654329", "Åse Kildegård"),
          calls.NewCall("R3", "+4531313131", "")]
SECRETS = ("23456781", "87654329", "31313131", "Søren", "Ærøskøbing", "Kildegård")
NOW = "2024-10-01T12:00:00+00:00"


@pytest.fixture
def fieldwork_done(fieldwork):
    """The master's call list after some calling: R1 interviewed, R2 refused, R3 open."""
    with fieldwork.master() as master:
        calls.add_calls(master, PEOPLE, now="2024-09-01T08:00:00+00:00")
        uuid = fieldwork.interview(master, {"satisfied": "5", "age": "40"})
        calls.record_attempt(master, 1, "no_answer", "AB", "2024-09-12T09:00:00+00:00")
        calls.record_attempt(master, 1, "interview", "AB", "2024-09-12T10:00:00+00:00")
        calls.link_interview(master, 1, uuid)
        calls.record_attempt(master, 2, "refused", "CD", "2024-09-12T11:00:00+00:00")
    return fieldwork


def file_bytes(project: Project) -> bytes:
    wal = project.path.with_name(project.path.name + "-wal")
    return project.path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def test_removing_contact_data_blanks_numbers_and_names_and_keeps_everything_else(
        fieldwork_done):
    with fieldwork_done.master() as master:
        before = call_records(master)
        overview = calls.call_overview(master)
        interviews = master.overview().total
        assert contact_data(master).phones == 3
        removed = remove_contact_data(master, who="Analytiker", now=NOW)
        after = call_records(master)
        assert (removed.phones, removed.names, removed.calls, removed.unfinished) == (3, 2, 3, 1)
        assert {(r.phone, r.name) for r in after.values()} == {("", "")}
        for reference, record in after.items():  # outcomes, attempts and links stay
            assert (record.status, record.attempts, record.attempt_log,
                    record.interview_uuid, record.preload) == (
                before[reference].status, before[reference].attempts,
                before[reference].attempt_log, before[reference].interview_uuid,
                before[reference].preload)
        new_overview = calls.call_overview(master)
        assert new_overview["response_rate"] == overview["response_rate"] == 1 / 3
        assert (new_overview["contacts_removed"], new_overview["without_number"]) == (3, 1)
        assert master.overview().total == interviews == 1
        assert contact_data(master).anything is False


def test_the_removed_numbers_are_nowhere_in_the_file(fieldwork_done):
    with fieldwork_done.master() as master:
        assert b"23456781" in file_bytes(master)
        remove_contact_data(master, who="Analytiker", now=NOW)
        everything = file_bytes(master)
    for secret in SECRETS:
        assert secret.encode() not in everything, secret


def test_the_removal_is_recorded_in_the_append_only_audit_log(fieldwork_done):
    with fieldwork_done.master() as master:
        remove_contact_data(master, who="Analytiker", now=NOW)
        [event] = project_events(master)
        assert (event.at, event.who, event.event) == (NOW, "Analytiker", CONTACTS_REMOVED)
        assert event.detail == ("removed 3 phone numbers and 2 names of 3 calls from the call "
                                "list; calls, call attempts and interviews kept")
        for sql in ("UPDATE project_event SET who = 'x'", "DELETE FROM project_event"):
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                master.db.connection.execute(sql)
        assert len(project_events(master)) == 1


def test_nobody_named_removes_nothing(fieldwork_done):
    with fieldwork_done.master() as master:
        with pytest.raises(UsageError, match="Say who"):
            remove_contact_data(master, who="  ")
        assert contact_data(master).phones == 3 and project_events(master) == []


def test_a_removed_call_is_never_dialled(fieldwork_done):
    with fieldwork_done.master() as master:
        assert calls.next_call(master, "2024-09-13T09:00:00+00:00").reference == "R3"
        remove_contact_data(master, who="Analytiker", now=NOW)
        assert calls.next_call(master, "2024-09-13T09:00:00+00:00") is None
        call = calls.call(master, 3)
        assert (call.can_be_dialled, call.contacts_removed_at) == (False, NOW)


def test_a_device_file_with_contacts_never_brings_removed_numbers_back(fieldwork_done):
    with fieldwork_done.laptop("a") as laptop:
        calls.record_attempt(laptop, 3, "busy", "EF", "2024-09-13T09:00:00+00:00")
        device = fieldwork_done.folder / "a.sddevice"
        export_device_file(laptop, device, device_id="a", interviewer="EF", now=NOW,
                           include_contacts=True)
    with fieldwork_done.master() as master:
        remove_contact_data(master, who="Analytiker", now=NOW)
        merge_device_files(master, [device], backup_folder=fieldwork_done.folder / "bak")
        records = call_records(master)
    assert {(r.phone, r.name) for r in records.values()} == {("", "")}
    assert records["R3"].attempts == 1  # the attempt still arrives
