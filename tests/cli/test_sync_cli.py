"""``surveydesk-cli sync export``, ``merge`` and ``conflicts``: what they print, what they
write, and a clear ``error:`` with exit code 2 (never a traceback) for every bad input."""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from pathlib import Path

import pytest

from surveydesk.core import userdata
from surveydesk.store.interview_versions import conflicts
from surveydesk.store.project import Project
from surveydesk.sync.device_file import open_device_file
from tests.cli.in_process import assert_user_error, run


def backups_in(folder: Path) -> list[Path]:
    return sorted(folder.glob("master-*.sdproj")) if folder.exists() else []


def device_line(name: str, device: str, made: str, added=0, updated=0, unchanged=0,
                conflicts_=0) -> str:
    return (f"{name} (AB, device {device}, made {made}): {added} added, {updated} updated, "
            f"{unchanged} unchanged, {conflicts_} conflicts; calls: 0 added, 0 updated, "
            "0 attempts added")


def made(device_file: Path) -> str:
    with zipfile.ZipFile(device_file) as archive:
        return json.loads(archive.read("manifest.json"))["created_at"]


# -- sync export ---------------------------------------------------------------------------
def test_sync_export_prints_the_counts_and_writes_the_device_file(fieldwork, capsys):
    with fieldwork.laptop("laptop1") as laptop:
        first = fieldwork.interview(laptop, {"satisfied": "5", "age": "40"})
        fieldwork.interview(laptop, {"satisfied": "4"})
        fieldwork.interview(laptop, {"satisfied": "3"}, finish=False)
        laptop.change_answer(first, "age", "41", who="AB", reason="typo")
    out = fieldwork.folder / "stick" / "laptop1.sddevice"
    out.parent.mkdir()
    code, stdout, stderr = run(capsys, "sync", "export", fieldwork.folder / "laptop1.sdproj",
                               "-o", out, "--interviewer", "Åse Ørum", "--device-id", "dev-7")
    assert (code, stderr) == (0, "")
    with open_device_file(out) as device:
        manifest = device.manifest
    assert stdout.splitlines() == [
        f"Wrote device file {out}: 3 interviews (2 complete, 1 partial, 0 aborted; 0 of them "
        "deleted), 1 audited changes, 0 calls with 0 attempts.",
        f"  device dev-7, interviewer Åse Ørum, checksum {manifest.snapshot_sha256[:16]}",
        "  phone numbers and names were left out (use --include-contacts to carry them)"]
    assert (manifest.device_id, manifest.interviewer) == ("dev-7", "Åse Ørum")
    assert manifest.counts["interviews"] == 3


def test_sync_export_defaults_to_this_laptops_id_and_the_entry_profiles_name(fieldwork,
                                                                              capsys):
    with fieldwork.laptop("laptop1") as laptop:
        fieldwork.interview(laptop, {"satisfied": "5"})
    userdata.remember_entry_profile(userdata.EntryProfile(interviewer="CD"))
    out = fieldwork.folder / "laptop1.sddevice"
    code, stdout, _ = run(capsys, "sync", "export", fieldwork.folder / "laptop1.sdproj",
                          "-o", out)
    assert code == 0
    this_laptop = userdata.device_id()
    assert this_laptop.startswith("device-")
    assert f"  device {this_laptop}, interviewer CD, checksum " in stdout
    with open_device_file(out) as device:
        assert (device.manifest.device_id, device.manifest.interviewer) == (this_laptop, "CD")


# -- merge ---------------------------------------------------------------------------------
@pytest.fixture
def two_devices(fieldwork):
    """Device files of laptops a (one complete interview) and b (one partial one)."""
    with fieldwork.laptop("a") as a, fieldwork.laptop("b") as b:
        fieldwork.interview(a, {"satisfied": "5", "age": "40"})
        fieldwork.interview(b, {"satisfied": "3"}, finish=False)
        return fieldwork.export(a), fieldwork.export(b)


def test_merge_prints_a_line_per_device_and_backs_the_master_up_first(fieldwork, capsys,
                                                                     two_devices):
    a, b = two_devices
    backup_dir = fieldwork.folder / "backups"
    code, stdout, stderr = run(capsys, "merge", fieldwork.master_path, a, b,
                               "--backup-dir", backup_dir)
    assert (code, stderr) == (0, "")
    [backup] = backups_in(backup_dir)
    assert stdout.splitlines() == [
        device_line("a.sddevice", "device-a", made(a), added=1),
        device_line("b.sddevice", "device-b", made(b), added=1),
        f"Merged into master.sdproj. Backup made first: {backup}"]
    with Project.open(backup) as before, fieldwork.master() as master:
        assert before.overview().total == 0
        assert master.overview().waves[0].by_status == {"complete": 1, "partial": 1,
                                                        "aborted": 0}


def test_merge_dry_run_reports_but_writes_nothing(fieldwork, capsys, two_devices):
    a, b = two_devices
    before = fieldwork.master_path.read_bytes()
    backup_dir = fieldwork.folder / "backups"
    code, stdout, _ = run(capsys, "merge", fieldwork.master_path, a, b, "--dry-run",
                          "--backup-dir", backup_dir)
    assert code == 0
    assert stdout.splitlines() == [
        device_line("a.sddevice", "device-a", made(a), added=1),
        device_line("b.sddevice", "device-b", made(b), added=1),
        "Preview only: master.sdproj was not changed."]
    assert fieldwork.master_path.read_bytes() == before
    assert not backup_dir.exists()
    assert not (fieldwork.folder / "config" / "backups").exists()


def test_merging_the_same_files_again_prints_nothing_new_and_makes_no_backup(
        fieldwork, capsys, two_devices):
    a, b = two_devices
    backup_dir = fieldwork.folder / "backups"
    assert run(capsys, "merge", fieldwork.master_path, a, b, "--backup-dir", backup_dir)[0] == 0
    before = fieldwork.master_path.read_bytes()
    code, stdout, _ = run(capsys, "merge", fieldwork.master_path, b, a,
                          "--backup-dir", backup_dir)
    assert code == 0
    assert stdout.splitlines() == [
        device_line("b.sddevice", "device-b", made(b), unchanged=1),
        device_line("a.sddevice", "device-a", made(a), unchanged=1),
        "Nothing new: master.sdproj already holds everything in these files."]
    assert fieldwork.master_path.read_bytes() == before
    assert len(backups_in(backup_dir)) == 1


def merge_three_new_interviews(fieldwork, capsys, *options: object) -> list[str]:
    """Three merges, each bringing one new interview; returns their output."""
    outputs = []
    with fieldwork.laptop("a") as laptop:
        for number in range(3):
            fieldwork.interview(laptop, {"satisfied": "5", "age": str(30 + number)})
            device = fieldwork.export(laptop, f"a{number}")
            code, stdout, stderr = run(capsys, "merge", fieldwork.master_path, device,
                                       *options)
            assert (code, stderr) == (0, ""), stdout
            outputs.append(stdout)
    return outputs


def backed_up_totals(backups: list[Path]) -> list[int]:
    totals = []
    for backup in backups:
        with Project.open(backup) as project:
            totals.append(project.overview().total)
    return totals


def test_keep_backups_2_keeps_the_newest_two_after_three_merges(fieldwork, capsys):
    backup_dir = fieldwork.folder / "backups"
    outputs = merge_three_new_interviews(fieldwork, capsys, "--backup-dir", backup_dir,
                                         "--keep-backups", "2")
    kept = backups_in(backup_dir)
    assert len(kept) == 2
    assert f"Backup made first: {kept[-1]}" in outputs[-1]
    assert backed_up_totals(kept) == [1, 2]  # made before the second and third merge


def test_the_project_setting_merge_backups_kept_limits_the_default_backups(fieldwork,
                                                                           capsys):
    code, stdout, _ = run(capsys, "settings", "set", fieldwork.master_path,
                          "merge_backups_kept", "2")
    assert (code, stdout) == (0, "merge_backups_kept = 2\n")
    merge_three_new_interviews(fieldwork, capsys)
    kept = backups_in(fieldwork.folder / "config" / "backups")
    assert backed_up_totals(kept) == [1, 2]


# -- conflicts -----------------------------------------------------------------------------
VERSION_LINE = re.compile(r"^  version ([0-9a-f]{16})  from (.+?): (\w+), (\d+) answers, "
                          r"interviewer (\S+), last edited (\S+)(  \(shown now\))?$")


@pytest.fixture
def conflict(fieldwork, capsys):
    """One interview edited on laptop a (age 41) and on the master (age 42) after both had
    it; merged, so it is an open conflict. Returns (interview id, a2.sddevice)."""
    with fieldwork.laptop("a") as laptop:
        uuid = fieldwork.interview(laptop, {"satisfied": "5", "age": "40"})
        first = fieldwork.export(laptop)
        assert run(capsys, "merge", fieldwork.master_path, first)[0] == 0
        laptop.change_answer(uuid, "age", "41", who="AB", reason="typo", now=fieldwork.now())
        with fieldwork.master() as master:
            master.change_answer(uuid, "age", "42", who="analyst", reason="checked",
                                 now=fieldwork.now())
        second = fieldwork.export(laptop, "a2")
    code, stdout, _ = run(capsys, "merge", fieldwork.master_path, second)
    assert code == 0
    assert device_line("a2.sddevice", "device-a", made(second), conflicts_=1) in stdout
    assert ("1 interview(s) have merge conflicts to review: surveydesk-cli conflicts list"
            in stdout)
    return uuid, second


def listed_versions(stdout: str) -> dict[str, tuple[str, ...]]:
    """``source -> (key, status, answers, interviewer, shown)`` from ``conflicts list``."""
    found = {}
    for line in stdout.splitlines():
        match = VERSION_LINE.match(line)
        if match:
            key, source, status, answers, interviewer, _, shown = match.groups()
            found[source] = (key, status, answers, interviewer, bool(shown))
    return found


def test_conflicts_list_shows_each_open_conflict_and_its_versions(fieldwork, capsys,
                                                                 conflict):
    uuid, _ = conflict
    code, stdout, _ = run(capsys, "conflicts", "list", fieldwork.master_path)
    assert code == 0
    assert re.match(rf"^{uuid}  opened \S+  open$", stdout.splitlines()[0])
    versions = listed_versions(stdout)
    assert sorted(versions) == ["a2.sddevice (device device-a)", "this project"]
    assert [v[1:3] for v in versions.values()] == [("complete", "2")] * 2
    assert sum(v[4] for v in versions.values()) == 1  # exactly one is shown meanwhile


def test_conflicts_show_puts_the_versions_side_by_side_and_marks_differences(
        fieldwork, capsys, conflict):
    uuid, _ = conflict
    versions = listed_versions(run(capsys, "conflicts", "list", fieldwork.master_path)[1])
    code, stdout, _ = run(capsys, "conflicts", "show", fieldwork.master_path, uuid)
    assert code == 0
    lines = stdout.splitlines()
    assert lines[0] == f"Interview {uuid}: open conflict, 2 versions"
    keys = lines[1].split()[1:]
    assert sorted(keys) == sorted(v[0][:8] for v in versions.values())
    rows = {line[2:].split()[0]: (line[0], line[2:].split()[1:]) for line in lines[2:-1]}
    device_first = keys[0] == versions["a2.sddevice (device device-a)"][0][:8]
    ages = ["41", "42"] if device_first else ["42", "41"]
    assert rows["age"] == ("*", ages)
    assert rows["satisfied"] == (" ", ["5", "5"])
    assert lines[-1] == "(* answers differ)"


def test_conflicts_resolve_keeps_the_chosen_version_and_records_it(fieldwork, capsys,
                                                                  conflict):
    uuid, second = conflict
    versions = listed_versions(run(capsys, "conflicts", "list", fieldwork.master_path)[1])
    key = versions["a2.sddevice (device device-a)"][0]
    code, stdout, stderr = run(capsys, "conflicts", "resolve", fieldwork.master_path, uuid,
                               "--keep", key[:6], "--who", "Bo Ølund")
    assert (code, stderr) == (0, "")
    assert stdout == (f"Interview {uuid}: kept version {key} (AB); the choice is in the "
                      "audit log.\n")
    assert run(capsys, "conflicts", "list", fieldwork.master_path)[1] == (
        "No open merge conflicts.\n")
    resolved = run(capsys, "conflicts", "list", fieldwork.master_path, "--all")[1]
    assert "resolved " in resolved and f"by Bo Ølund: kept version {key}" in resolved
    with fieldwork.master() as master:
        assert master.answers(uuid) == {"satisfied": "5", "age": "41"}
        assert conflicts(master) == []
        log = master.audit_log(uuid)
        assert {(e.who, e.question, e.new_value, e.reason) for e in log} >= {
            ("AB", "age", "41", "typo"), ("analyst", "age", "42", "checked")}
        resolution = [e for e in log if e.question is None]
        assert [(e.who, e.reason) for e in resolution] == [
            ("Bo Ølund", f"merge conflict resolved: kept version {key} (AB, last edited "
                         "2024-09-12T08:06:00+00:00)")]
    code, stdout, _ = run(capsys, "merge", fieldwork.master_path, second)
    assert code == 0 and "Nothing new" in stdout


# -- bad input: exit code 2, "error:", no traceback ----------------------------------------
def test_merging_a_broken_device_file_exits_2_and_changes_nothing(fieldwork, capsys,
                                                                  two_devices):
    a, b = two_devices
    broken = fieldwork.folder / "broken.sddevice"
    broken.write_bytes(b.read_bytes()[: len(b.read_bytes()) // 2])
    before = fieldwork.master_path.read_bytes()
    err = assert_user_error(run(capsys, "merge", fieldwork.master_path, a, broken),
                            f"{broken}: this is not a SurveyDesk device file, or it is "
                            "damaged or incomplete",
                            "Nothing was merged; the master project is unchanged.")
    assert str(a) not in err
    assert fieldwork.master_path.read_bytes() == before
    assert not (fieldwork.folder / "config" / "backups").exists()


def test_merging_a_device_file_of_another_survey_exits_2(fieldwork, capsys, make_form):
    form = make_form(settings={"form_title": "Andet", "form_id": "other_survey",
                               "version": "1", "default_language": "da"})
    from surveydesk.core.xlsform import read_xlsform

    other = fieldwork.folder / "other.sdproj"
    with Project.create(other, form.read_bytes(), read_xlsform(form)) as project:
        fieldwork.interview(project, {"satisfied": "5"})
        device = fieldwork.export(project)
    before = fieldwork.master_path.read_bytes()
    assert_user_error(run(capsys, "merge", fieldwork.master_path, device),
                      f"{device}: this device file is from another survey (form_id "
                      "'other_survey'); the master master.sdproj is for 'small'.")
    assert fieldwork.master_path.read_bytes() == before


@pytest.mark.parametrize(("args", "fragments"), [
    (["merge", "{master}", "{tmp}/missing.sddevice"],
     ["{tmp}/missing.sddevice: no such device file."]),
    (["merge", "{master}", "{tmp}"], ["{tmp}: this is a folder"]),
    (["merge", "{master}", "{tmp}/a.sdproj"],
     ["{tmp}/a.sdproj: this is a project file, not a device file."]),
    (["merge", "{tmp}/missing.sdproj", "{tmp}/a.sddevice"], ["missing.sdproj"]),
    (["merge", "{master}", "{tmp}/a.sddevice", "--keep-backups", "0"],
     ["'0' is not a number of backups from 1 to 1000"]),
    (["merge", "{master}", "{tmp}/a.sddevice", "--keep-backups", "two"],
     ["'two' is not a number of backups from 1 to 1000"]),
    (["merge", "{master}", "{tmp}/a.sddevice", "--keep-backups", "1001"],
     ["'1001' is not a number of backups from 1 to 1000"]),
    (["merge", "{master}"], ["the following arguments are required: DEVICE_FILE"]),
    (["settings", "set", "{master}", "merge_backups_kept", "0"],
     ["'0' is not a number of backups to keep from 1 to 1000"]),
    (["sync", "export", "{master}", "-o", "{master}"], ["is the project file itself"]),
    (["sync", "export", "{tmp}/a.sdproj", "-o", "{master}"],
     ["{master} is a project file; a device file is never written over one."]),
    (["sync", "export", "{master}", "-o", "{tmp}/no/such/folder/a.sddevice"],
     ["the folder does not exist"]),
    (["sync", "export", "{tmp}/missing.sdproj", "-o", "{tmp}/x.sddevice"],
     ["missing.sdproj"]),
    (["sync", "export", "{master}"], ["the following arguments are required: -o/--output"]),
    (["conflicts", "show", "{master}", "no-such-interview"],
     ["Interview no-such-interview has no merge conflict."]),
    (["conflicts", "resolve", "{master}", "no-such-interview", "--keep", "abc",
      "--who", "AB"], ["Interview no-such-interview has no open merge conflict."]),
    (["conflicts", "resolve", "{master}", "no-such-interview", "--keep", "abc"],
     ["the following arguments are required: --who"]),
], ids=["missing-device-file", "folder", "project-file", "missing-master",
        "keep-backups-0", "keep-backups-text", "keep-backups-1001", "no-device-file",
        "setting-backups-0", "export-over-itself", "export-over-master",
        "export-to-missing-folder", "export-missing-project", "export-without-output",
        "show-unknown-interview", "resolve-unknown-interview", "resolve-without-who"])
def test_bad_input_exits_2_with_an_error_and_no_traceback(fieldwork, capsys, two_devices,
                                                         args, fragments):
    names = {"master": fieldwork.master_path, "tmp": fieldwork.folder}
    before = fieldwork.master_path.read_bytes()
    err = assert_user_error(run(capsys, *(arg.format(**names) for arg in args)),
                            *(fragment.format(**names) for fragment in fragments))
    assert "Traceback" not in err
    assert fieldwork.master_path.read_bytes() == before


def test_resolving_with_an_unknown_or_ambiguous_version_exits_2(fieldwork, capsys, conflict):
    uuid, _ = conflict
    versions = listed_versions(run(capsys, "conflicts", "list", fieldwork.master_path)[1])
    keys = sorted(v[0] for v in versions.values())
    # the longest start the two keys share: names both versions (or, if empty, none)
    shared = next(keys[0][:n] for n in range(16, -1, -1) if keys[1].startswith(keys[0][:n]))
    for keep in ("ffffffffffffffffff", shared):
        assert_user_error(
            run(capsys, "conflicts", "resolve", fieldwork.master_path, uuid, "--keep", keep,
                "--who", "AB"),
            f"'{keep}' does not name one version of interview {uuid}; its versions are "
            f"{keys[0]}, {keys[1]}.")
    assert_user_error(run(capsys, "conflicts", "resolve", fieldwork.master_path, uuid,
                          "--keep", keys[0], "--who", "   "),
                      "Say who is choosing the version (name or initials).")
    with fieldwork.master() as master:
        assert len(conflicts(master)) == 1
        assert not [e for e in master.audit_log(uuid)
                    if e.reason.startswith("merge conflict resolved")]


def test_device_file_checksum_printed_by_export_is_the_snapshots(fieldwork, capsys):
    with fieldwork.laptop("laptop1") as laptop:
        fieldwork.interview(laptop, {"satisfied": "5"})
    out = fieldwork.folder / "x.sddevice"
    _, stdout, _ = run(capsys, "sync", "export", fieldwork.folder / "laptop1.sdproj", "-o",
                       out, "--device-id", "d", "--interviewer", "")
    with zipfile.ZipFile(out) as archive:
        digest = hashlib.sha256(archive.read("snapshot.sdproj")).hexdigest()
    assert stdout.splitlines()[1] == f"  device d, interviewer (none), checksum {digest[:16]}"


def test_sync_log_lists_every_merge_that_changed_the_master(fieldwork, capsys):
    with fieldwork.laptop("a") as laptop:
        fieldwork.interview(laptop, {"satisfied": "5"})
        device = fieldwork.export(laptop)
    assert run(capsys, "sync", "log", fieldwork.master_path)[1] == (
        "No device files have been merged into this project (merges that added or changed "
        "nothing are not logged).\n")
    backups = fieldwork.folder / "backups"
    run(capsys, "merge", fieldwork.master_path, device, "--backup-dir", backups)
    run(capsys, "merge", fieldwork.master_path, device, "--backup-dir", backups)  # nothing new
    code, stdout, _ = run(capsys, "sync", "log", fieldwork.master_path)
    line, note = stdout.splitlines()
    assert note == "(merges that added or changed nothing are not logged)"
    assert code == 0
    assert "a.sddevice (AB, device device-a, made " in line
    assert line.endswith("1 added, 0 updated, 0 unchanged, 0 conflicts; 0 calls and 0 call "
                         "attempts added")

