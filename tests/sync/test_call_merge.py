"""Call lists merge too: every attempt is kept, appointments are not lost."""

from __future__ import annotations

from pathlib import Path

from surveydesk.store import calls
from surveydesk.store.call_sync import Attempt, call_records
from surveydesk.sync.calls import call_state
from surveydesk.sync.device_file import export_device_file
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
    # The device file left the contact data out: the master has the call without a number.
    assert (record.reference, record.phone, record.name, record.status, record.attempts) == (
        "R9", "", "", "open", 1)


def test_an_interview_attempt_without_a_linked_interview_does_not_close_the_call():
    tries = frozenset({attempt("12T09:00", "interview"),
                       attempt("12T09:05", "call_back", "13T10:00")})
    assert call_state(tries, 5, linked=False) == ("appointment", "2024-09-13T10:00:00+00:00")
    assert call_state(tries, 5, linked=True) == ("completed", None)


def export(fieldwork, laptop, *, contacts: bool, name: str | None = None) -> Path:
    out = fieldwork.folder / f"{name or laptop.path.stem}.sddevice"
    export_device_file(laptop, out, device_id=f"device-{laptop.path.stem}", interviewer="AB",
                       now=fieldwork.now(), include_contacts=contacts)
    return out


def merged_copies(fieldwork, orders) -> list[dict]:
    from surveydesk.store.project import Project

    results = []
    for order in orders:
        copy = fieldwork.folder / f"master-{len(results)}.sdproj"
        copy.write_bytes(fieldwork.master_path.read_bytes())
        with Project.open(copy) as master:
            merge_device_files(master, order, backup_folder=fieldwork.folder / "bak")
            results.append(call_records(master))
    return results


def test_a_new_number_two_laptops_bring_is_the_same_whichever_file_comes_first(fieldwork):
    a, b = fieldwork.laptop("a"), fieldwork.laptop("b")
    calls.add_calls(a, [calls.NewCall("R5", "+4522222222", "Ib")],
                    now="2024-09-02T08:00:00+00:00")
    calls.add_calls(b, [calls.NewCall("R5", "+4511111111", "Ib")],
                    now="2024-09-01T08:00:00+00:00")
    calls.record_attempt(a, _call_id(a, "R5"), "busy", "AB", "2024-09-12T09:00:00+00:00")
    calls.record_attempt(b, _call_id(b, "R5"), "no_answer", "CD", "2024-09-12T10:00:00+00:00")
    files = [export(fieldwork, a, contacts=True), export(fieldwork, b, contacts=True)]
    first, second = (r["R5"] for r in merged_copies(fieldwork, (files, files[::-1])))
    assert first == second
    # The record imported first (on laptop b) is kept, the least number; both attempts count.
    assert (first.phone, first.imported_at, first.attempts, first.status) == (
        "+4511111111", "2024-09-01T08:00:00+00:00", 2, "open")


def test_a_blank_number_from_a_device_file_never_replaces_the_masters(fieldwork):
    a, _b = _with_call_list(fieldwork)
    calls.record_attempt(a, _call_id(a, "R1"), "busy", "AB", "2024-09-12T09:00:00+00:00")
    file = export(fieldwork, a, contacts=False)
    with fieldwork.master() as master:
        report = merge_device_files(master, [file], backup_folder=fieldwork.folder / "bak")
        records = call_records(master)
        again = merge_device_files(master, [file], backup_folder=fieldwork.folder / "bak")
    assert (records["R1"].phone, records["R1"].name, records["R1"].attempts) == (
        "+4512345678", "Ane", 1)
    assert (records["R2"].phone, records["R2"].name) == ("+4587654321", "Bo")
    assert (report.total("calls_updated"), report.open_conflicts) == (1, 0)
    assert not again.written and again.total("calls_updated") == 0


def test_a_number_first_merged_without_contacts_is_filled_in_by_a_file_with_them(fieldwork):
    a, b = fieldwork.laptop("a"), fieldwork.laptop("b")
    for laptop in (a, b):
        calls.add_calls(laptop, [calls.NewCall("R7", "+4533333333", "Kim")],
                        now="2024-09-02T08:00:00+00:00")
    calls.record_attempt(a, _call_id(a, "R7"), "busy", "AB", "2024-09-12T09:00:00+00:00")
    blank = export(fieldwork, a, contacts=False)
    full = export(fieldwork, b, contacts=True)
    together = merged_copies(fieldwork, ([blank, full], [full, blank]))
    with fieldwork.master() as master:  # one file at a time: the blank one first
        merge_device_files(master, [blank], backup_folder=fieldwork.folder / "bak")
        assert call_records(master)["R7"].phone == ""
        merge_device_files(master, [full], backup_folder=fieldwork.folder / "bak")
        stepwise = call_records(master)
    assert together[0] == together[1] == stepwise
    assert (stepwise["R7"].phone, stepwise["R7"].name, stepwise["R7"].attempts) == (
        "+4533333333", "Kim", 1)
