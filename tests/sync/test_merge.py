"""Merging device files into a master: added, updated, unchanged, conflicts, and safety."""

from __future__ import annotations

import shutil

import pytest

from surveydesk.core.errors import UsageError
from surveydesk.core.xlsform import read_xlsform
from surveydesk.store import entry
from surveydesk.store.interview_versions import conflicts, open_conflict_count
from surveydesk.store.merge_log import merge_log
from surveydesk.store.project import Project
from surveydesk.sync import backups
from surveydesk.sync.merge import MergeCancelled, merge_device_files, resolve_conflict


def merge(fieldwork, *files, **options):
    with fieldwork.master() as master:
        return merge_device_files(master, list(files), backup_folder=fieldwork.folder / "bak",
                                  now=fieldwork.now(), **options)


def counts(report, name: str) -> list[int]:
    return [getattr(device, name) for device in report.devices]


def test_interviews_from_two_laptops_are_added_with_everything_they_hold(fieldwork):
    a, b = fieldwork.laptop("a"), fieldwork.laptop("b")
    first = fieldwork.interview(a, {"satisfied": "5", "age": "40", "comment": "Søren æøå"})
    second = fieldwork.interview(b, {"satisfied": "3"}, finish=False, interviewer="CD")
    report = merge(fieldwork, fieldwork.export(a), fieldwork.export(b, interviewer="CD"))
    assert counts(report, "added") == [1, 1]
    assert report.written and report.backup.is_file()
    with fieldwork.master() as master:
        assert master.answers(first) == {"satisfied": "5", "age": "40", "comment": "Søren æøå"}
        assert master.answers(second) == {"satisfied": "3"}
        statuses = master.overview().waves[0].by_status
        assert (statuses["complete"], statuses["partial"]) == (1, 1)
        log = merge_log(master)
        assert [(r.file_name, r.added, r.interviewer) for r in log] == [
            ("a.sddevice", 1, "AB"), ("b.sddevice", 1, "CD")]


def test_merging_the_same_files_again_changes_nothing_not_even_a_byte(fieldwork):
    a = fieldwork.laptop("a")
    fieldwork.interview(a, {"satisfied": "4"})
    device = fieldwork.export(a)
    merge(fieldwork, device)
    before = fieldwork.master_path.read_bytes()
    report = merge(fieldwork, device, device)
    assert counts(report, "unchanged") == [1, 1]
    assert not report.written and report.backup is None
    assert fieldwork.master_path.read_bytes() == before
    assert "Nothing new" in report.lines()[-1]


def test_an_interview_continued_after_an_earlier_export_is_updated(fieldwork):
    a = fieldwork.laptop("a")
    uuid = fieldwork.interview(a, {"satisfied": "4"}, finish=False)
    merge(fieldwork, fieldwork.export(a, "early"))
    entry.save_answer(a, uuid, "age", "52", next_question=None, who="AB", now=fieldwork.now())
    entry.finish_interview(a, uuid, "complete", who="AB", now=fieldwork.now())
    report = merge(fieldwork, fieldwork.export(a, "late"))
    assert counts(report, "updated") == [1]
    with fieldwork.master() as master:
        assert master.answers(uuid) == {"satisfied": "4", "age": "52"}
        assert master.overview().waves[0].by_status["complete"] == 1
    # The older file arriving late changes nothing.
    assert counts(merge(fieldwork, fieldwork.folder / "early.sddevice"), "unchanged") == [1]


def test_a_correction_made_on_the_laptop_arrives_with_its_audit_entry(fieldwork):
    a = fieldwork.laptop("a")
    uuid = fieldwork.interview(a, {"satisfied": "4", "age": "40"})
    merge(fieldwork, fieldwork.export(a, "first"))
    a.change_answer(uuid, "age", "41", who="AB", reason="misheard", now=fieldwork.now())
    report = merge(fieldwork, fieldwork.export(a, "second"))
    assert counts(report, "updated") == [1]
    with fieldwork.master() as master:
        assert master.answers(uuid)["age"] == "41"
        [change] = master.audit_log(uuid)
        assert (change.old_value, change.new_value, change.reason) == ("40", "41", "misheard")


def test_a_deletion_on_the_laptop_reaches_the_master(fieldwork):
    a = fieldwork.laptop("a")
    uuid = fieldwork.interview(a, {"satisfied": "4"})
    merge(fieldwork, fieldwork.export(a, "first"))
    entry.delete_interview(a, uuid, who="AB", reason="test interview", now=fieldwork.now())
    assert counts(merge(fieldwork, fieldwork.export(a, "second")), "updated") == [1]
    with fieldwork.master() as master:
        assert master.overview().total == 0
        assert master.audit_log(uuid)[-1].reason == "deleted: test interview"


def _conflict(fieldwork):
    """The same interview corrected differently on laptop A and on the master."""
    a = fieldwork.laptop("a")
    uuid = fieldwork.interview(a, {"satisfied": "4", "age": "40"})
    merge(fieldwork, fieldwork.export(a, "first"))
    a.change_answer(uuid, "age", "41", who="AB", reason="misheard", now=fieldwork.now())
    with fieldwork.master() as master:
        master.change_answer(uuid, "age", "42", who="analyst", reason="register",
                             now=fieldwork.now())
    return uuid, fieldwork.export(a, "second")


def test_independent_edits_are_a_conflict_kept_whole_never_resolved_silently(fieldwork):
    uuid, device = _conflict(fieldwork)
    report = merge(fieldwork, device)
    assert counts(report, "conflicts") == [1] and report.open_conflicts == 1
    with fieldwork.master() as master:
        [conflict] = conflicts(master)
        assert conflict.interview_uuid == uuid
        ages = {v.source: v.version.answers["age"] for v in conflict.versions}
        assert ages == {"this project": "42", "second.sddevice (device device-a)": "41"}
        # The row shows the later edit (the master's); both are in the audit log.
        assert master.answers(uuid)["age"] == "42"
        assert {c.new_value for c in master.audit_log(uuid)} == {"41", "42"}
        with pytest.raises(UsageError, match="merge conflict"):
            master.change_answer(uuid, "age", "43", who="analyst", reason="x")
    # Merging it again keeps the one conflict.
    assert counts(merge(fieldwork, device), "unchanged") == [1]
    with fieldwork.master() as master:
        assert open_conflict_count(master) == 1


def test_choosing_a_version_is_audited_and_survives_merging_the_files_again(fieldwork):
    uuid, device = _conflict(fieldwork)
    merge(fieldwork, device)
    with fieldwork.master() as master:
        [conflict] = conflicts(master)
        analysts = next(v for v in conflict.versions if v.source == "this project")
        kept = resolve_conflict(master, uuid, analysts.key[:6], who="Lise",
                                now="2024-10-01T09:00:00+00:00")
        assert kept.answers["age"] == "42"
        assert master.answers(uuid)["age"] == "42"
        assert conflicts(master) == []
        [done] = conflicts(master, open_only=False)
        assert (done.resolved_by, done.resolution) == ("Lise", f"kept version {kept.key}")
        resolution = [c for c in master.audit_log(uuid) if c.who == "Lise"]
        assert {(c.question, c.new_value) for c in resolution} == {(None, None), ("age", "42")}
    report = merge(fieldwork, device, fieldwork.folder / "first.sddevice")
    assert not report.written and counts(report, "unchanged") == [1, 1]


def test_resolving_needs_a_known_version_and_a_name(fieldwork):
    uuid, device = _conflict(fieldwork)
    merge(fieldwork, device)
    with fieldwork.master() as master:
        with pytest.raises(UsageError, match="does not name one version"):
            resolve_conflict(master, uuid, "zzz", who="Lise")
        with pytest.raises(UsageError, match="Say who"):
            resolve_conflict(master, uuid, conflicts(master)[0].versions[0].key, who=" ")
        with pytest.raises(UsageError, match="no open merge conflict"):
            resolve_conflict(master, "no-such-interview", "a", who="Lise")


def test_a_merge_that_is_cancelled_while_writing_leaves_the_master_as_it_was(fieldwork):
    a = fieldwork.laptop("a")
    fieldwork.interview(a, {"satisfied": "4"})
    device = fieldwork.export(a)
    before = fieldwork.master_path.read_bytes()
    asked = []

    def cancelled() -> bool:  # yes on the last question, inside the write transaction
        asked.append(1)
        return len(asked) >= 3

    with pytest.raises(MergeCancelled):
        merge(fieldwork, device, cancelled=cancelled)
    assert len(asked) == 3
    assert fieldwork.master_path.read_bytes() == before


def test_backups_rotate_keeping_the_newest(fieldwork):
    a = fieldwork.laptop("a")
    for number in range(3):
        fieldwork.interview(a, {"satisfied": "4"})
        merge(fieldwork, fieldwork.export(a, f"round{number}"), keep_backups=2)
    kept = backups.backups(fieldwork.master_path, fieldwork.folder / "bak")
    assert len(kept) == 2
    with Project.open(kept[-1]) as newest:  # the state before the last merge
        assert newest.overview().total == 2


def test_the_number_of_backups_kept_is_a_project_setting(fieldwork):
    from surveydesk.store.settings import set_setting

    with fieldwork.master() as master:
        assert backups.backups_to_keep(master) == 10
        set_setting(master, backups.KEEP_SETTING, "3")
        assert backups.backups_to_keep(master) == 3
        set_setting(master, backups.KEEP_SETTING, "none")
        with pytest.raises(UsageError, match="merge_backups_kept"):
            backups.backups_to_keep(master)


def test_a_device_file_merges_while_the_master_is_open_elsewhere(fieldwork):
    a = fieldwork.laptop("a")
    uuid = fieldwork.interview(a, {"satisfied": "4"})
    device = fieldwork.export(a)
    with fieldwork.master() as open_in_window:
        assert open_in_window.overview().total == 0
        merge(fieldwork, device)
        assert open_in_window.overview().total == 1
        assert open_in_window.answers(uuid) == {"satisfied": "4"}
        data = open_in_window.wave_data("2024")
        assert len(data.interviews) == 1


# -- questionnaire versions ----------------------------------------------------------------
SURVEY = [
    {"type": "select_one sat", "name": "satisfied", "label::Dansk (da)": "Tilfreds?",
     "label::English (en)": "Satisfied?"},
    {"type": "integer", "name": "age", "label::Dansk (da)": "Alder",
     "label::English (en)": "Age"},
    {"type": "text", "name": "comment", "label::Dansk (da)": "Kommentar",
     "label::English (en)": "Comment"},
]
SETTINGS = {"form_title": "Lille test", "form_id": "small", "version": "1",
            "default_language": "da"}


@pytest.fixture
def versioned(start_fieldwork, make_form):
    """Fieldwork on form version 1 of a three-question form."""
    work = start_fieldwork(make_form(survey=SURVEY, settings=SETTINGS))
    work.make = lambda version, extra: _made(make_form, version, extra)
    return work


def _made(make_form, version: str, extra: bool):
    survey = [*SURVEY, *([{"type": "text", "name": "extra", "label::Dansk (da)": "Ekstra",
                           "label::English (en)": "Extra"}] if extra else [])]
    path = make_form(survey=survey, settings={**SETTINGS, "version": version})
    return path.read_bytes(), read_xlsform(path)


def test_interviews_made_with_an_older_questionnaire_merge_and_stay_readable(versioned):
    laptop = versioned.laptop("a")  # still on version 1
    uuid = versioned.interview(laptop, {"satisfied": "5", "age": "33"})
    with versioned.master() as master:
        master.add_form_version(*versioned.make("2", True))
    merge(versioned, versioned.export(laptop))
    with versioned.master() as master:
        assert master.current_form_version().version == "2"
        version_of = master.db.scalar(
            "SELECT f.version FROM interview i JOIN form_version f "
            "ON f.id = i.form_version_id WHERE i.uuid = ?", (uuid,))
        assert version_of == "1"
        data = master.wave_data("2024")
        assert list(data.answers["age"]) == [33]


def test_a_newer_questionnaire_from_a_laptop_becomes_the_masters_current_one(versioned):
    laptop = versioned.laptop("a")
    laptop.add_form_version(*versioned.make("2", True))
    versioned.interview(laptop, {"satisfied": "5", "extra": "ny"})
    report = merge(versioned, versioned.export(laptop))
    assert report.devices[0].form_versions_added == ("2",)
    with versioned.master() as master:
        assert master.current_form_version().version == "2"
        assert "extra" in master.questionnaire


def test_an_older_unknown_questionnaire_is_kept_but_does_not_become_current(versioned):
    laptop = versioned.laptop("a")
    laptop.add_form_version(*versioned.make("1.5", False))
    versioned.interview(laptop, {"satisfied": "4"})
    with versioned.master() as master:
        master.add_form_version(*versioned.make("2", True))
    merge(versioned, versioned.export(laptop))
    with versioned.master() as master:
        assert [v.version for v in master.form_versions()] == ["1", "2", "1.5"]
        assert master.current_form_version().version == "2"


def test_a_laptop_form_with_a_reused_version_number_is_refused(versioned):
    laptop = versioned.laptop("a")
    laptop.add_form_version(*versioned.make("2", False))
    with versioned.master() as master:
        master.add_form_version(*versioned.make("2", True))
    before = versioned.master_path.read_bytes()
    with pytest.raises(UsageError, match="different form from the master's version '2'"):
        merge(versioned, versioned.export(laptop))
    assert versioned.master_path.read_bytes() == before


def test_answers_the_masters_questionnaire_cannot_read_are_refused(versioned, make_form):
    laptop = versioned.laptop("a")
    versioned.interview(laptop, {"satisfied": "5", "age": "33", "comment": "x"})
    # The master's version 2 turned 'comment' into a number: the laptop's text cannot fit.
    survey = [*SURVEY[:2], {"type": "integer", "name": "comment", "label::Dansk (da)": "K",
                            "label::English (en)": "C"}]
    path = make_form(survey=survey, settings={**SETTINGS, "version": "2"})
    with versioned.master() as master:
        master.add_form_version(path.read_bytes(), read_xlsform(path))
    device = versioned.export(laptop)
    shutil.copyfile(versioned.master_path, versioned.folder / "copy.sdproj")
    before = versioned.master_path.read_bytes()
    with pytest.raises(UsageError, match="question 'comment': stored answer 'x'"):
        merge(versioned, device)
    assert versioned.master_path.read_bytes() == before


def test_the_same_respondent_as_two_interviews_is_refused(fieldwork):
    from surveydesk.core.answers import answers_hash
    from surveydesk.store.project import NewInterview

    a = fieldwork.laptop("a")
    with fieldwork.master() as master:
        master.add_interviews("2024", [NewInterview("m-1", "web", "complete", {"age": "40"},
                                                    answers_hash({"age": "40"}, "complete"),
                                                    respondent_id="R7")])
    a.add_interviews("2024", [NewInterview("l-1", "web", "complete", {"age": "41"},
                                           answers_hash({"age": "41"}, "complete"),
                                           respondent_id="R7")])
    with pytest.raises(UsageError, match="Respondent R7 of wave 2024 is already in the master"):
        merge(fieldwork, fieldwork.export(a))
