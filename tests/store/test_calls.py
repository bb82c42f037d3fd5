"""The call list in the store: which number comes next, what an attempt does, the counts."""

from __future__ import annotations

import datetime as dt

import pytest

from surveydesk.core.errors import UsageError
from surveydesk.core.xlsform import read_xlsform
from surveydesk.io.demo import demo_form_path
from surveydesk.store import calls
from surveydesk.store.calls import NewCall
from surveydesk.store.project import Project
from surveydesk.store.settings import set_setting

T0 = dt.datetime(2024, 9, 12, 8, 0, tzinfo=dt.UTC)


def at(minutes: int) -> str:
    return (T0 + dt.timedelta(minutes=minutes)).isoformat()


@pytest.fixture
def project(tmp_path):
    form = demo_form_path("jobcentre")
    project = Project.create(tmp_path / "calls.sdproj", form.read_bytes(), read_xlsform(form))
    yield project
    project.close()


def add(project: Project, *references: str, **preload: str) -> dict[str, int]:
    rows = [NewCall(ref, f"+452000{i:04d}", f"Person {ref}", dict(preload))
            for i, ref in enumerate(references)]
    calls.add_calls(project, rows, now=T0)
    return {ref: id_ for id_, ref in project.db.rows("SELECT id, reference FROM call_list")}


def attempt(project, call_id, outcome, minutes, **kwargs):
    return calls.record_attempt(project, call_id, outcome, "AB", at(minutes), **kwargs)


def test_add_calls_counts_new_references_and_skips_identical_ones(project):
    rows = [NewCall("R1", "+4512345678", "Åse Ørum", {"target_group": "dagpenge"}),
            NewCall("R2", "+4587654321")]
    assert calls.add_calls(project, rows) == 2
    assert calls.add_calls(project, [*rows, NewCall("R3", "+4522223333")]) == 1
    stored = calls.calls(project)
    assert stored["reference"].tolist() == ["R1", "R2", "R3"]
    assert stored.loc[0, "name"] == "Åse Ørum"
    assert stored.loc[0, "preload"] == {"target_group": "dagpenge"}
    assert set(stored["status"]) == {"open"}


def test_a_known_reference_with_other_data_is_refused_and_nothing_is_added(project):
    calls.add_calls(project, [NewCall("R1", "+4512345678")])
    with pytest.raises(UsageError, match="R1"):
        calls.add_calls(project, [NewCall("R9", "+4522223333"), NewCall("R1", "+4599999999")])
    with pytest.raises(UsageError, match="R8"):
        calls.add_calls(project, [NewCall("R8", "+4522223333"), NewCall("R8", "+4599999999")])
    assert calls.calls(project)["reference"].tolist() == ["R1"]


def test_open_numbers_come_fewest_attempts_first_then_longest_since_the_last_attempt(project):
    ids = add(project, "A", "B", "C")
    assert calls.next_call(project, at(0), 5).reference == "A"
    attempt(project, ids["C"], "no_answer", 1)
    assert calls.next_call(project, at(2), 5).reference == "A"  # never called, import order
    attempt(project, ids["A"], "busy", 3)
    assert calls.next_call(project, at(4), 5).reference == "B"  # fewest attempts
    attempt(project, ids["B"], "no_answer", 5)
    # All have one attempt now: C was tried longest ago, then A, then B.
    assert calls.next_call(project, at(6), 5).reference == "C"
    attempt(project, ids["C"], "no_answer", 7)
    assert calls.next_call(project, at(8), 5).reference == "A"


def test_appointments_whose_time_has_come_go_first_earliest_first(project):
    ids = add(project, "A", "B", "C", "D")
    attempt(project, ids["C"], "call_back", 1, appointment_at=at(60))
    attempt(project, ids["D"], "call_back", 2, appointment_at=at(30))
    attempt(project, ids["A"], "no_answer", 3)
    assert calls.next_call(project, at(29), 5).reference == "B"  # none due yet
    assert calls.next_call(project, at(30), 5).reference == "D"
    assert calls.next_call(project, at(90), 5).reference == "D"  # overdue: earliest first
    attempt(project, ids["D"], "interview", 91)
    assert calls.next_call(project, at(92), 5).reference == "C"
    due = calls.appointments(project, until=at(24 * 60))
    assert [(c.reference, c.appointment_at) for c in due] == [("C", at(60))]


def test_a_call_back_becomes_an_appointment_that_comes_back_at_its_time(project):
    ids = add(project, "A")
    result = attempt(project, ids["A"], "call_back", 0, appointment_at=T0 + dt.timedelta(hours=2),
                     note="ring efter frokost")
    assert (result.status, result.attempts, result.appointment_at) == (
        "appointment", 1, at(120))
    assert calls.next_call(project, at(119), 5) is None
    due = calls.next_call(project, at(120), 5)
    assert (due.reference, due.status, due.last_attempt_at) == ("A", "appointment", at(0))
    assert project.db.row("SELECT outcome, note, interviewer FROM call_attempt") == (
        "call_back", "ring efter frokost", "AB")


def test_an_appointment_time_is_stored_in_utc_whatever_zone_it_was_given_in(project):
    ids = add(project, "A")
    attempt(project, ids["A"], "call_back", 0, appointment_at="2024-09-12T14:30:00+02:00")
    assert calls.call(project, ids["A"]).appointment_at == "2024-09-12T12:30:00+00:00"


@pytest.mark.parametrize("when,message", [
    (None, "needs the time"),
    (at(0), "already passed"),
    (at(-5), "already passed"),
    ("2024-09-12 14:30", "no time zone"),
    ("tomorrow", "not a date and time"),
])
def test_a_call_back_needs_a_later_time_with_a_zone(project, when, message):
    ids = add(project, "A")
    with pytest.raises(UsageError, match=message):
        attempt(project, ids["A"], "call_back", 0, appointment_at=when)
    assert calls.call(project, ids["A"]).attempts == 0
    assert project.db.scalar("SELECT COUNT(*) FROM call_attempt") == 0


def test_no_answer_and_busy_exhaust_the_number_at_the_attempt_limit(project):
    ids = add(project, "A")
    statuses = [attempt(project, ids["A"], outcome, minute, max_attempts=3).status
                for minute, outcome in enumerate(("no_answer", "busy", "no_answer"))]
    assert statuses == ["open", "open", "exhausted"]
    assert calls.next_call(project, at(10), 3) is None
    with pytest.raises(UsageError, match="already closed"):
        attempt(project, ids["A"], "no_answer", 11, max_attempts=3)


def test_the_attempt_limit_is_the_project_setting_default_five(project):
    ids = add(project, "A", "B")
    assert calls.max_attempts_setting(project) == 5
    set_setting(project, calls.MAX_ATTEMPTS_SETTING, "2")
    assert attempt(project, ids["A"], "no_answer", 0).status == "open"
    assert attempt(project, ids["A"], "no_answer", 1).status == "exhausted"
    attempt(project, ids["B"], "no_answer", 2)
    set_setting(project, calls.MAX_ATTEMPTS_SETTING, "1")
    # B is still open but has used up the lowered limit: it is not offered any more.
    assert calls.next_call(project, at(3)) is None
    set_setting(project, calls.MAX_ATTEMPTS_SETTING, "many")
    with pytest.raises(UsageError, match="max_call_attempts"):
        calls.next_call(project, at(3))


def test_an_agreed_appointment_is_kept_even_when_the_attempts_are_used_up(project):
    ids = add(project, "A")
    attempt(project, ids["A"], "no_answer", 0, max_attempts=2)
    assert attempt(project, ids["A"], "call_back", 1, appointment_at=at(60),
                   max_attempts=2).status == "appointment"
    assert calls.next_call(project, at(60), 2).reference == "A"
    assert attempt(project, ids["A"], "no_answer", 61, max_attempts=2).status == "exhausted"


@pytest.mark.parametrize("outcome,status", [
    ("interview", "completed"), ("refused", "refused"), ("wrong_number", "wrong_number"),
    ("language_problem", "language_problem"),
])
def test_final_outcomes_close_the_call_for_good(project, outcome, status):
    ids = add(project, "A")
    attempt(project, ids["A"], "call_back", 0, appointment_at=at(30))
    result = attempt(project, ids["A"], outcome, 30)
    assert (result.status, result.attempts, result.appointment_at) == (status, 2, None)
    assert calls.next_call(project, at(1000), 5) is None
    assert calls.appointments(project) == []
    with pytest.raises(UsageError, match="already closed"):
        attempt(project, ids["A"], "no_answer", 31)
    assert calls.call(project, ids["A"]).attempts == 2


def test_unknown_outcomes_calls_and_missing_interviewers_are_refused(project):
    ids = add(project, "A")
    with pytest.raises(UsageError, match="Unknown call outcome 'voicemail'"):
        attempt(project, ids["A"], "voicemail", 0)
    with pytest.raises(UsageError, match="no call 999"):
        attempt(project, 999, "busy", 0)
    with pytest.raises(UsageError, match="who is calling"):
        calls.record_attempt(project, ids["A"], "busy", "  ", at(0))
    with pytest.raises(UsageError, match="Only a call back"):
        attempt(project, ids["A"], "busy", 0, appointment_at=at(30))
    assert project.db.scalar("SELECT COUNT(*) FROM call_attempt") == 0


def test_link_interview_records_the_interview_of_a_completed_call_once(project):
    ids = add(project, "A", "B")
    with pytest.raises(UsageError, match="Record the outcome 'interview'"):
        calls.link_interview(project, ids["A"], "u-1")
    attempt(project, ids["A"], "interview", 0)
    calls.link_interview(project, ids["A"], "u-1")
    calls.link_interview(project, ids["A"], "u-1")  # the same again is harmless
    assert calls.call(project, ids["A"]).interview_uuid == "u-1"
    with pytest.raises(UsageError, match="already linked to interview u-1"):
        calls.link_interview(project, ids["A"], "u-2")
    assert calls.call(project, ids["A"]).interview_uuid == "u-1"


def test_the_overview_counts_statuses_attempts_and_the_response_rate(project):
    ids = add(project, *"ABCDEFGH")
    attempt(project, ids["A"], "interview", 0)
    attempt(project, ids["B"], "no_answer", 1)
    attempt(project, ids["B"], "interview", 2)
    attempt(project, ids["C"], "refused", 3)
    attempt(project, ids["D"], "wrong_number", 4)
    attempt(project, ids["E"], "call_back", 5, appointment_at=at(60))
    attempt(project, ids["F"], "language_problem", 6)
    attempt(project, ids["G"], "busy", 7, max_attempts=1)
    overview = calls.call_overview(project)
    assert overview == {
        "open": 1, "appointment": 1, "completed": 2, "refused": 1, "wrong_number": 1,
        "language_problem": 1, "exhausted": 1, "total": 8, "attempts": 8,
        "response_rate": pytest.approx(2 / 7), "without_number": 0, "contacts_removed": 0,
    }


def test_the_overview_of_an_empty_call_list_has_no_response_rate(project):
    overview = calls.call_overview(project)
    assert overview["total"] == 0 and overview["response_rate"] is None


def test_phone_numbers_are_grouped_in_pairs_for_reading_aloud(project):
    calls.add_calls(project, [NewCall("A", "+4512345678"), NewCall("B", "+46701234567")])
    shown = [calls.call(project, id_).phone_grouped
             for (id_,) in project.db.rows("SELECT id FROM call_list ORDER BY id")]
    assert shown == ["+45 12 34 56 78", "+46701234567"]


def test_a_call_whose_interview_never_started_goes_back_on_the_list(project):
    ids = add(project, "A")
    attempt(project, ids["A"], "interview", 5)
    assert calls.call(project, ids["A"]).status == "completed"
    assert calls.reopen_call(project, ids["A"])
    reopened = calls.call(project, ids["A"])
    assert (reopened.status, reopened.attempts) == ("open", 1)
    attempt(project, ids["A"], "interview", 10)
    calls.link_interview(project, ids["A"], "some-interview")
    assert not calls.reopen_call(project, ids["A"])  # a linked call stays interviewed
