"""Call lists merge too: every attempt is kept, appointments are not lost."""

from __future__ import annotations

from surveydesk.store import calls
from surveydesk.store.call_sync import Attempt, call_records
from surveydesk.sync.calls import call_state
from surveydesk.sync.merge import merge_device_files


def attempt(at: str, outcome: str, appointment: str | None = None, who: str = "AB"):
    return Attempt(f"2024-09-{at}:00+00:00", who, outcome,
                   None if appointment is None else f"2024-09-{appointment}:00+00:00", "")


def test_an_interview_anywhere_completes_the_call():
    state = call_state(frozenset({attempt("12T09:00", "refused"),
                                  attempt("12T10:00", "interview", who="CD")}), 5)
    assert state == ("completed", None)


def test_the_earliest_closing_outcome_closes_the_call():
    state = call_state(frozenset({attempt("12T11:00", "refused"),
                                  attempt("12T10:00", "wrong_number", who="CD")}), 5)
    assert state == ("wrong_number", None)


def test_an_appointment_survives_an_earlier_attempt_by_someone_who_did_not_know_of_it():
    state = call_state(frozenset({attempt("12T09:00", "call_back", "13T14:00"),
                                  attempt("12T11:00", "no_answer", who="CD")}), 5)
    assert state == ("appointment", "2024-09-13T14:00:00+00:00")


def test_an_appointment_is_used_up_by_a_call_at_its_time():
    state = call_state(frozenset({attempt("12T09:00", "call_back", "13T14:00"),
                                  attempt("13T14:00", "busy")}), 5)
    assert state == ("open", None)


def test_a_number_is_exhausted_after_the_maximum_attempts():
    tries = frozenset(attempt(f"12T0{hour}:00", "no_answer") for hour in range(1, 4))
    assert call_state(tries, 3) == ("exhausted", None)
    assert call_state(tries, 4) == ("open", None)


def _with_call_list(fieldwork):
    with fieldwork.master() as master:
        calls.add_calls(master, [calls.NewCall("R1", "+4512345678", "Ane"),
                                 calls.NewCall("R2", "+4587654321", "Bo")],
                        now="2024-09-01T08:00:00+00:00")
    return fieldwork.laptop("a"), fieldwork.laptop("b")


def _call_id(project, reference: str) -> int:
    return project.db.scalar("SELECT id FROM call_list WHERE reference = ?", (reference,))


def test_attempts_from_two_laptops_are_joined_and_the_appointment_is_kept(fieldwork):
    a, b = _with_call_list(fieldwork)
    calls.record_attempt(a, _call_id(a, "R1"), "call_back", "AB",
                         "2024-09-12T09:00:00+00:00", "2024-09-13T14:00:00+00:00")
    calls.record_attempt(b, _call_id(b, "R1"), "no_answer", "CD", "2024-09-12T11:00:00+00:00")
    calls.record_attempt(b, _call_id(b, "R2"), "refused", "CD", "2024-09-12T11:05:00+00:00")
    files = [fieldwork.export(a), fieldwork.export(b)]
    results = []
    for order in (files, files[::-1]):
        master_copy = fieldwork.folder / f"master-{len(results)}.sdproj"
        master_copy.write_bytes(fieldwork.master_path.read_bytes())
        from surveydesk.store.project import Project

        with Project.open(master_copy) as master:
            report = merge_device_files(master, order, backup_folder=fieldwork.folder / "bak")
            results.append(call_records(master))
    assert results[0] == results[1]
    r1, r2 = results[0]["R1"], results[0]["R2"]
    assert (r1.status, r1.appointment_at, r1.attempts) == (
        "appointment", "2024-09-13T14:00:00+00:00", 2)
    assert {x.interviewer for x in r1.attempt_log} == {"AB", "CD"}
    assert (r2.status, r2.attempts) == ("refused", 1)
    assert sum(d.attempts_added for d in report.devices) == 3


def test_a_number_only_one_laptop_had_is_added_with_its_attempts(fieldwork):
    a = fieldwork.laptop("a")
    calls.add_calls(a, [calls.NewCall("R9", "+4511111111", "Ib")])
    calls.record_attempt(a, _call_id(a, "R9"), "busy", "AB", "2024-09-12T09:00:00+00:00")
    with fieldwork.master() as master:
        report = merge_device_files(master, [fieldwork.export(a)],
                                    backup_folder=fieldwork.folder / "bak")
        [record] = call_records(master).values()
    assert (report.devices[0].calls_added, report.devices[0].attempts_added) == (1, 1)
    assert (record.reference, record.phone, record.status, record.attempts) == (
        "R9", "+4511111111", "open", 1)


def test_an_interview_attempt_without_a_linked_interview_does_not_close_the_call():
    tries = frozenset({attempt("12T09:00", "interview"),
                       attempt("12T09:05", "call_back", "13T10:00")})
    assert call_state(tries, 5, linked=False) == ("appointment", "2024-09-13T10:00:00+00:00")
    assert call_state(tries, 5, linked=True) == ("completed", None)


def test_a_new_number_two_laptops_bring_is_the_same_whichever_file_comes_first(fieldwork):
    from surveydesk.store.project import Project

    a, b = fieldwork.laptop("a"), fieldwork.laptop("b")
    calls.add_calls(a, [calls.NewCall("R5", "+4511111111", "Ib")],
                    now="2024-09-02T08:00:00+00:00")
    calls.add_calls(b, [calls.NewCall("R5", "+4522222222", "Ib")],
                    now="2024-09-01T08:00:00+00:00")
    calls.record_attempt(a, _call_id(a, "R5"), "busy", "AB", "2024-09-12T09:00:00+00:00")
    calls.record_attempt(b, _call_id(b, "R5"), "no_answer", "CD", "2024-09-12T10:00:00+00:00")
    files = [fieldwork.export(a), fieldwork.export(b)]
    results = []
    for order in (files, files[::-1]):
        copy = fieldwork.folder / f"master-{len(results)}.sdproj"
        copy.write_bytes(fieldwork.master_path.read_bytes())
        with Project.open(copy) as master:
            merge_device_files(master, order, backup_folder=fieldwork.folder / "bak")
            results.append(call_records(master)["R5"])
    assert results[0] == results[1]
    # The number imported first (on laptop b) is kept; both attempts count.
    assert (results[0].phone, results[0].attempts, results[0].status) == (
        "+4522222222", 2, "open")
