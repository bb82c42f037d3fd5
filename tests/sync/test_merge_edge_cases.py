"""Cases found in review where a merge could lose data or depend on its order."""

from __future__ import annotations

import pytest

from surveydesk.core.errors import ProjectFileError
from surveydesk.store import calls, entry
from surveydesk.store.interview_versions import conflicts
from surveydesk.sync import backups
from surveydesk.sync.merge import MergeCancelled, merge_device_files, read_device_files


def merge(fieldwork, *files, **options):
    with fieldwork.master() as master:
        return merge_device_files(master, list(files), backup_folder=fieldwork.folder / "bak",
                                  now=fieldwork.now(), **options)


def test_a_deletion_on_the_master_after_a_settled_merge_is_not_undone(fieldwork):
    # Two laptops make the same correction: settled, with both trails kept. Then the
    # analyst deletes the interview and one laptop adds a comment: a conflict, and the
    # deleted version is one of its versions.
    with fieldwork.master() as master:
        uuid = fieldwork.interview(master, {"satisfied": "4", "age": "30"})
    a, b = fieldwork.laptop("a"), fieldwork.laptop("b")
    a.change_answer(uuid, "satisfied", "5", who="AB", reason="typo", now=fieldwork.now())
    b.change_answer(uuid, "satisfied", "5", who="CD", reason="typo", now=fieldwork.now())
    merge(fieldwork, fieldwork.export(a), fieldwork.export(b))
    with fieldwork.master() as master:
        assert conflicts(master) == []
        entry.delete_interview(master, uuid, who="analyst", reason="fake", now=fieldwork.now())
    entry.save_answer(a, uuid, "comment", "fint", next_question=None, who="AB",
                      now=fieldwork.now())
    merge(fieldwork, fieldwork.export(a, "a2"))
    with fieldwork.master() as master:
        [conflict] = conflicts(master)
        assert {v.version.deleted for v in conflict.versions} == {True, False}


def test_entry_continued_on_an_interview_in_conflict_is_not_lost(fieldwork):
    with fieldwork.master() as master:
        uuid = fieldwork.interview(master, {"satisfied": "4"}, finish=False)
    a, b = fieldwork.laptop("a"), fieldwork.laptop("b")
    entry.save_answer(a, uuid, "age", "30", next_question=None, who="AB", now=fieldwork.now())
    entry.save_answer(b, uuid, "age", "40", next_question=None, who="CD", now=fieldwork.now())
    merge(fieldwork, fieldwork.export(a), fieldwork.export(b))
    c = fieldwork.laptop("c")  # a fresh copy of the master, conflict and all
    entry.save_answer(c, uuid, "comment", "vigtigt", next_question=None, who="EF",
                      now=fieldwork.now())
    entry.finish_interview(c, uuid, "complete", who="EF", now=fieldwork.now())
    report = merge(fieldwork, fieldwork.export(c))
    assert report.devices[0].conflicts == 1
    with fieldwork.master() as master:
        [conflict] = conflicts(master)
        comments = [v.version.answers.get("comment") for v in conflict.versions]
        assert "vigtigt" in comments


def test_the_master_cannot_change_between_the_comparison_and_the_write(fieldwork,
                                                                        monkeypatch):
    with fieldwork.master() as master:
        uuid = fieldwork.interview(master, {"satisfied": "4", "age": "30"})
    a = fieldwork.laptop("a")
    entry.save_answer(a, uuid, "comment", "hej", next_question=None, who="AB",
                      now=fieldwork.now())
    device = fieldwork.export(a)
    real = backups.make_backup
    refused = []

    def edit_while_merging(*args, **kwargs):
        made = real(*args, **kwargs)
        with fieldwork.master() as window:
            window.db.connection.execute("PRAGMA busy_timeout = 100")
            try:
                window.change_answer(uuid, "age", "31", who="analyst", reason="x")
            except ProjectFileError as error:
                refused.append(str(error))
        return made

    monkeypatch.setattr(backups, "make_backup", edit_while_merging)
    merge(fieldwork, device)
    assert refused and "writing to this project" in refused[0]
    with fieldwork.master() as master:
        assert master.answers(uuid) == {"satisfied": "4", "age": "30", "comment": "hej"}
        assert master.audit_log(uuid) == []


def test_where_conflicting_versions_came_from_does_not_depend_on_merge_order(fieldwork):
    with fieldwork.master() as master:
        uuid = fieldwork.interview(master, {"satisfied": "4"}, finish=False)
    a, b = fieldwork.laptop("a"), fieldwork.laptop("b")
    entry.save_answer(a, uuid, "age", "31", next_question=None, who="AB", now=fieldwork.now())
    entry.save_answer(b, uuid, "age", "32", next_question=None, who="CD", now=fieldwork.now())
    files = [fieldwork.export(a), fieldwork.export(b)]
    seen = []
    for order in (files, files[::-1]):
        copy = fieldwork.folder / f"master{len(seen)}.sdproj"
        copy.write_bytes(fieldwork.master_path.read_bytes())
        from surveydesk.store.project import Project

        with Project.open(copy) as master:
            merge_device_files(master, order, backup_folder=fieldwork.folder / "bak")
            [conflict] = conflicts(master)
            seen.append({v.version.answers["age"]: v.source for v in conflict.versions})
    assert seen[0] == seen[1] == {"31": "a.sddevice (device device-a)",
                                  "32": "b.sddevice (device device-b)"}


def test_a_call_put_back_on_the_list_keeps_its_appointment_in_the_master(fieldwork):
    with fieldwork.master() as master:
        calls.add_calls(master, [calls.NewCall("R1", "+4512345678")],
                        now="2024-09-01T08:00:00+00:00")
    a = fieldwork.laptop("a")
    call_id = a.db.scalar("SELECT id FROM call_list")
    calls.record_attempt(a, call_id, "interview", "AB", "2024-09-12T09:00:00+00:00")
    assert calls.reopen_call(a, call_id)  # the interview could not start
    calls.record_attempt(a, call_id, "call_back", "AB", "2024-09-12T09:05:00+00:00",
                         appointment_at="2024-09-13T10:00:00+00:00")
    merge(fieldwork, fieldwork.export(a))
    with fieldwork.master() as master:
        call = calls.call(master, master.db.scalar("SELECT id FROM call_list"))
        assert (call.status, call.attempts, call.appointment_at) == (
            "appointment", 2, "2024-09-13T10:00:00+00:00")


def test_a_laptop_that_holds_the_whole_survey_reads_only_what_differs(fieldwork):
    with fieldwork.master() as master:
        uuids = [fieldwork.interview(master, {"satisfied": "4"}) for _ in range(5)]
    a = fieldwork.laptop("a")  # a copy of the master: the same five interviews
    a.change_answer(uuids[0], "satisfied", "5", who="AB", reason="typo", now=fieldwork.now())
    new = fieldwork.interview(a, {"satisfied": "3"})
    device = fieldwork.export(a)
    with fieldwork.master() as master:
        [read] = read_device_files(master, [device])
    assert set(read.versions) == {uuids[0], new}
    assert read.same_as_master == 4
    report = merge(fieldwork, device)
    assert (report.devices[0].added, report.devices[0].updated,
            report.devices[0].unchanged) == (1, 1, 4)


def test_a_merge_that_fails_after_the_backup_keeps_the_older_backups(fieldwork):
    a = fieldwork.laptop("a")
    for number in range(2):
        fieldwork.interview(a, {"satisfied": "4"})
        merge(fieldwork, fieldwork.export(a, f"round{number}"), keep_backups=2)
    fieldwork.interview(a, {"satisfied": "4"})
    asked = []

    def cancel_when_writing() -> bool:
        asked.append(1)
        return len(asked) >= 3

    with pytest.raises(MergeCancelled):
        merge(fieldwork, fieldwork.export(a, "round2"), keep_backups=2,
              cancelled=cancel_when_writing)
    # The failed merge's backup is there, and neither older one was pruned for it.
    assert len(backups.backups(fieldwork.master_path, fieldwork.folder / "bak")) == 3
