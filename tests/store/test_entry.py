"""Interview entry in the project file: one transaction per answer, audit, resume, delete."""

from __future__ import annotations

import pytest

from surveydesk.core.answers import answers_hash
from surveydesk.core.errors import UsageError
from surveydesk.store import entry


def _start(project, **extra):
    return entry.start_interview(project, wave="2024", mode="in_person", interviewer="MB",
                                 device_id="dev-1", location="Borgerservice, foyer",
                                 language="da", **extra)


def test_an_interview_is_stored_from_its_first_moment_and_every_answer_at_once(small_project):
    started = _start(small_project)
    assert started.status == "partial" and started.answers == {}
    entry.save_answer(small_project, started.uuid, "satisfied", "5", next_question="age",
                      who="MB")
    again = entry.load_interview(small_project, started.uuid)
    assert again.answers == {"satisfied": "5"} and again.current_question == "age"
    assert [i.uuid for i in entry.resumable_interviews(small_project, "dev-1")] == [
        started.uuid]
    assert entry.resumable_interviews(small_project, "other-device") == []


def test_changing_a_confirmed_answer_is_audited_but_the_first_answer_is_not(small_project):
    started = _start(small_project)
    assert not entry.save_answer(small_project, started.uuid, "age", "30",
                                 next_question="hours", who="MB")
    assert small_project.audit_log(started.uuid) == []
    assert entry.save_answer(small_project, started.uuid, "age", "31", next_question=None,
                             who="MB", reason="corrected on the review page")
    (change,) = small_project.audit_log(started.uuid)
    assert (change.who, change.old_value, change.new_value, change.reason) == (
        "MB", "30", "31", "corrected on the review page")


def test_completing_clears_answers_no_longer_asked_with_an_audit(small_project):
    started = _start(small_project)
    entry.save_answer(small_project, started.uuid, "hours", "3", next_question=None, who="MB")
    entry.finish_interview(small_project, started.uuid, "complete", who="MB",
                           cleared={"hours": "3"})
    done = entry.load_interview(small_project, started.uuid)
    assert done.status == "complete" and done.answers == {}
    assert small_project.audit_log(started.uuid)[0].reason.startswith("no longer asked")
    assert entry.resumable_interviews(small_project) == []
    day = small_project.db.scalar("SELECT substr(completed_at, 1, 10) FROM interview")
    assert entry.completed_count(small_project, day, "MB") == 1


def test_aborting_needs_a_reason_and_can_be_reopened(small_project):
    started = _start(small_project)
    with pytest.raises(UsageError, match="why"):
        entry.finish_interview(small_project, started.uuid, "aborted", who="MB")
    entry.finish_interview(small_project, started.uuid, "aborted", who="MB",
                           reason="citizen left")
    assert entry.load_interview(small_project, started.uuid).status == "aborted"
    entry.reopen_interview(small_project, started.uuid, who="MB")
    assert entry.load_interview(small_project, started.uuid).status == "partial"
    # Audited, with the content hash of the partial interview (sync compares it).
    assert small_project.audit_log(started.uuid)[-1].reason == "reopened to continue"
    assert small_project.db.scalar("SELECT content_hash FROM interview WHERE uuid = ?",
                                   (started.uuid,)) == answers_hash({}, "partial")


def test_soft_delete_hides_an_interview_from_data_but_keeps_it(small_project):
    started = _start(small_project)
    entry.save_answer(small_project, started.uuid, "age", "40", next_question=None, who="MB")
    assert len(small_project.wave_data("2024").answers) == 1
    entry.delete_interview(small_project, started.uuid, who="AN", reason="test interview")
    assert len(small_project.wave_data("2024").answers) == 0
    assert small_project.overview().waves[0].total == 0
    assert entry.browse_interviews(small_project).empty
    assert small_project.audit_log(started.uuid)[-1].reason == "deleted: test interview"
    assert entry.load_interview(small_project, started.uuid).answers == {"age": "40"}


def test_the_browser_filters_interviews(small_project):
    first = _start(small_project)
    entry.start_interview(small_project, wave="2024", mode="phone", interviewer="KL",
                          device_id="dev-2")
    everyone = entry.browse_interviews(small_project)
    assert len(everyone) == 2
    phone = entry.browse_interviews(small_project, mode="phone")
    assert list(phone.interviewer) == ["KL"]
    mine = entry.browse_interviews(small_project, interviewer="MB")
    assert list(mine.uuid) == [first.uuid]


def test_starting_needs_an_interviewer_and_a_known_mode(small_project):
    with pytest.raises(UsageError):
        entry.start_interview(small_project, wave="2024", mode="fax", interviewer="MB",
                              device_id="d")
    with pytest.raises(UsageError):
        entry.start_interview(small_project, wave="2024", mode="phone", interviewer=" ",
                              device_id="d")


def test_quota_progress_counts_complete_interviews_per_group(small_project):
    from surveydesk.store import settings

    settings.set_quota(small_project, "satisfied", "5", 10)
    settings.set_quota(small_project, "mode", "in_person", 2)
    for value, status in (("5", "complete"), ("5", "complete"), ("4", "complete"),
                          ("5", "aborted")):
        started = _start(small_project)
        entry.save_answer(small_project, started.uuid, "satisfied", value, next_question=None,
                          who="MB")
        entry.finish_interview(small_project, started.uuid, status, who="MB", reason="left")
    assert settings.quota_progress(small_project, "2024") == [
        ("mode", "in_person", 2, 3), ("satisfied", "5", 10, 2)]
    assert settings.clear_quotas(small_project, "mode") == 1
