"""Device files: what an export writes, and every damaged, foreign or hostile file refused
with a message naming it while the master project stays byte for byte as it was."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import sqlite3
import struct
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from surveydesk.core.answers import answers_hash
from surveydesk.core.errors import DeviceFileError, SurveyDeskError, UsageError
from surveydesk.core.xlsform import read_xlsform
from surveydesk.io.demo import demo_form_path
from surveydesk.store import calls, entry, migrations
from surveydesk.store.calls import NewCall
from surveydesk.store.project import NewInterview, Project
from surveydesk.sync.device_file import (
    FORMAT_VERSION,
    MANIFEST,
    SNAPSHOT,
    export_device_file,
    open_device_file,
)
from surveydesk.sync.merge import merge_device_files

DAMAGED = "damaged or incomplete"


# -- helpers -------------------------------------------------------------------------------
def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def manifest_of(path: Path) -> dict:
    return json.loads(members(path)[MANIFEST])


def rebuild(source: Path, target: Path, *, manifest=None, snapshot: bytes | None = None,
            extra: dict[str, bytes] | None = None, drop: tuple[str, ...] = ()) -> Path:
    """A copy of the device file ``source`` with members changed. ``manifest`` is a dict
    or a function that changes the parsed manifest in place; a new ``snapshot`` gets its
    true size and checksum in the manifest, so only the snapshot's contents are wrong."""
    parts = members(source)
    data = json.loads(parts[MANIFEST])
    if snapshot is not None:
        parts[SNAPSHOT] = snapshot
        data["snapshot_sha256"] = hashlib.sha256(snapshot).hexdigest()
        data["snapshot_bytes"] = len(snapshot)
    if callable(manifest):
        manifest(data)
    elif manifest is not None:
        data = manifest
    parts[MANIFEST] = data if isinstance(data, bytes) else json.dumps(data).encode()
    parts.update(extra or {})
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            if name not in drop:
                archive.writestr(name, content)
    return target


def declare_snapshot_size(source: Path, target: Path, size: int) -> Path:
    """A copy of ``source`` whose ZIP directory and manifest both say the snapshot member
    holds ``size`` bytes; its contents and checksum stay the genuine ones."""
    rebuild(source, target, manifest=lambda m: m.update(snapshot_bytes=size))
    raw = bytearray(target.read_bytes())
    end = len(raw) - 22  # no ZIP comment: the end-of-directory record is the last 22 bytes
    assert raw[end:end + 4] == b"PK\x05\x06"
    position = struct.unpack_from("<I", raw, end + 16)[0]
    while raw[position:position + 4] == b"PK\x01\x02":
        name_length, extra_length, comment_length = struct.unpack_from("<HHH", raw,
                                                                       position + 28)
        if raw[position + 46:position + 46 + name_length] == SNAPSHOT.encode():
            struct.pack_into("<I", raw, position + 24, size)
        position += 46 + name_length + extra_length + comment_length
    target.write_bytes(bytes(raw))
    with zipfile.ZipFile(target) as archive:
        assert archive.getinfo(SNAPSHOT).file_size == size
    return target


def sqlite_file(path: Path, *statements: str) -> bytes:
    connection = sqlite3.connect(path)
    for statement in statements:
        connection.execute(statement)
    connection.commit()
    connection.close()
    return path.read_bytes()


def refused(master_path: Path, *devices: Path, backups: Path) -> str:
    """Merge ``devices`` into the master; assert it is refused and changes nothing.

    Returns the error message."""
    before = master_path.read_bytes()
    with Project.open(master_path) as master, pytest.raises(DeviceFileError) as caught:
        merge_device_files(master, list(devices), backup_folder=backups)
    assert master_path.read_bytes() == before
    assert not Path(f"{master_path}-wal").exists()
    assert not backups.exists() or not any(backups.iterdir()), "no backup for a refused merge"
    message = str(caught.value)
    assert "Traceback" not in message
    assert message.endswith("Nothing was merged; the master project is unchanged.")
    return message


# -- one good device file for the hostile-input tests (built once: they only read it) -------
@dataclass(frozen=True)
class Field:
    folder: Path
    master: Path
    device: Path

    def refused(self, *devices: Path) -> str:
        """``refused`` on a fresh copy of the master, so that no test depends on another."""
        master = Path(tempfile.mkdtemp(dir=self.folder)) / self.master.name
        shutil.copyfile(self.master, master)
        return refused(master, *devices, backups=master.parent / "backups")


@pytest.fixture(scope="module")
def field(tmp_path_factory) -> Field:
    folder = tmp_path_factory.mktemp("device_files")
    form = demo_form_path("citizen_service")
    master = folder / "master.sdproj"
    Project.create(master, form.read_bytes(), read_xlsform(form)).close()
    shutil.copyfile(master, folder / "laptop.sdproj")
    device = folder / "laptop.sddevice"
    with Project.open(folder / "laptop.sdproj") as laptop:
        for number, department in enumerate(("borgerservice", "jobcenter", "pension")):
            started = entry.start_interview(laptop, wave="2024", mode="in_person",
                                            interviewer="AB", device_id="laptop",
                                            now=f"2024-09-12T08:0{number}:00+00:00")
            entry.save_answer(laptop, started.uuid, "department", department,
                              next_question=None, who="AB",
                              now=f"2024-09-12T08:0{number}:30+00:00")
        export_device_file(laptop, device, device_id="laptop", interviewer="AB",
                           now="2024-09-12T09:00:00+00:00")
    return Field(folder, master, device)


@pytest.fixture
def bad(field, tmp_path) -> Path:
    """Where a test writes its broken device file."""
    return tmp_path / "broken.sddevice"


def test_the_good_device_file_of_these_tests_is_accepted(field):
    with Project.open(field.master) as master:
        report = merge_device_files(master, [field.device], write=False)
    assert [d.added for d in report.devices] == [3]


# -- export --------------------------------------------------------------------------------
@pytest.fixture
def laptop_with_everything(fieldwork):
    """A laptop holding 3 complete, 1 partial and 1 aborted interview (one complete one
    deleted), 3 audit entries (two changed answers, the deletion), two calls with three
    attempts and a filled column cache."""
    laptop = fieldwork.laptop("laptop1")
    uuids = [fieldwork.interview(laptop, {"satisfied": s, "age": a, "comment": "Åse på ø"})
             for s, a in (("5", "40"), ("4", "51"), ("dk", "66"))]
    uuids.append(fieldwork.interview(laptop, {"satisfied": "3"}, finish=False))
    aborted = fieldwork.interview(laptop, {"satisfied": "2"}, finish=False)
    entry.finish_interview(laptop, aborted, "aborted", who="AB", reason="the citizen left",
                           now=fieldwork.now())
    uuids.append(aborted)
    laptop.change_answer(uuids[1], "age", "52", who="AB", reason="typo", now=fieldwork.now())
    laptop.change_answer(uuids[1], "comment", None, who="AB", reason="named a person",
                         now=fieldwork.now())
    entry.delete_interview(laptop, uuids[2], who="AB", reason="test interview",
                           now=fieldwork.now())
    calls.add_calls(laptop, [NewCall("R1", "+4512345678", "Åse Ørum"),
                             NewCall("R2", "+4587654321")], now=fieldwork.now())
    ids = dict(zip(calls.calls(laptop)["reference"], calls.calls(laptop)["id"], strict=True))
    calls.record_attempt(laptop, int(ids["R1"]), "no_answer", "AB", fieldwork.now())
    calls.record_attempt(laptop, int(ids["R1"]), "busy", "AB", fieldwork.now())
    calls.record_attempt(laptop, int(ids["R2"]), "refused", "AB", fieldwork.now())
    laptop.wave_data("2024")  # fills the column cache, which a device file leaves out
    yield laptop, uuids
    laptop.close()


def test_export_writes_a_zip_of_exactly_a_manifest_and_a_snapshot(fieldwork,
                                                                   laptop_with_everything):
    laptop, _ = laptop_with_everything
    out = fieldwork.folder / "laptop1.sddevice"
    export_device_file(laptop, out, device_id="dev-1", interviewer="Åse")
    assert zipfile.is_zipfile(out)
    with zipfile.ZipFile(out) as archive:
        assert sorted(archive.namelist()) == [MANIFEST, SNAPSHOT]
        assert archive.testzip() is None
    assert [p.name for p in fieldwork.folder.iterdir() if p.name.endswith(".tmp")] == []


def test_manifest_names_device_interviewer_time_survey_and_questionnaire_versions(
        fieldwork, laptop_with_everything, form_path):
    laptop, _ = laptop_with_everything
    out = fieldwork.folder / "laptop1.sddevice"
    returned = export_device_file(laptop, out, device_id="dev-1", interviewer="Åse Ørum",
                                  now="2024-09-12T15:30:00+00:00")
    manifest = manifest_of(out)
    assert manifest["format"] == "surveydesk-device"
    assert manifest["format_version"] == FORMAT_VERSION
    assert manifest["device_id"] == "dev-1"
    assert manifest["interviewer"] == "Åse Ørum"
    assert manifest["created_at"] == "2024-09-12T15:30:00+00:00"
    assert manifest["form_id"] == "small"
    assert manifest["form_versions"] == [
        {"version": "1", "sha256": hashlib.sha256(form_path.read_bytes()).hexdigest()}]
    assert manifest["schema_version"] == migrations.LATEST
    assert "Åse Ørum".encode() in members(out)[MANIFEST]  # readable, not \u-escaped
    with open_device_file(out) as device:
        assert device.manifest == returned
        assert device.sha256 == hashlib.sha256(out.read_bytes()).hexdigest()


def test_manifest_counts_are_what_the_laptop_holds(fieldwork, laptop_with_everything):
    laptop, _ = laptop_with_everything
    out = fieldwork.folder / "laptop1.sddevice"
    export_device_file(laptop, out, device_id="dev-1", interviewer="AB")
    assert [(e.question, e.reason) for e in laptop.audit_log()] == [
        ("age", "typo"), ("comment", "named a person"), (None, "deleted: test interview")]
    assert manifest_of(out)["counts"] == {
        "interviews": 5, "complete": 3, "partial": 1, "aborted": 1, "deleted": 1,
        "audit_entries": 3, "calls": 2, "call_attempts": 3}


def test_manifest_checksum_and_size_are_those_of_the_snapshot_member(fieldwork,
                                                                     laptop_with_everything):
    laptop, _ = laptop_with_everything
    out = fieldwork.folder / "laptop1.sddevice"
    returned = export_device_file(laptop, out, device_id="dev-1", interviewer="AB")
    snapshot = members(out)[SNAPSHOT]
    manifest = manifest_of(out)
    assert manifest["snapshot_sha256"] == hashlib.sha256(snapshot).hexdigest()
    assert manifest["snapshot_bytes"] == len(snapshot)
    assert (returned.snapshot_sha256, returned.snapshot_bytes) == (
        manifest["snapshot_sha256"], manifest["snapshot_bytes"])


def test_snapshot_is_compact_without_column_cache_and_not_in_wal_mode(
        fieldwork, laptop_with_everything):
    laptop, _ = laptop_with_everything
    out = fieldwork.folder / "laptop1.sddevice"
    export_device_file(laptop, out, device_id="dev-1", interviewer="AB")
    snapshot = fieldwork.folder / "extracted.sdproj"
    snapshot.write_bytes(members(out)[SNAPSHOT])
    assert snapshot.read_bytes() != laptop.path.read_bytes()
    # SQLite header bytes 18 and 19: 1 = rollback journal, 2 = WAL
    assert snapshot.read_bytes()[18:20] == b"\x01\x01"
    assert laptop.path.read_bytes()[18:20] == b"\x02\x02"
    live = sqlite3.connect(f"{laptop.path.as_uri()}?mode=ro", uri=True)
    copy = sqlite3.connect(f"{snapshot.as_uri()}?mode=ro", uri=True)
    try:
        assert live.execute("SELECT COUNT(*) FROM column_cache").fetchone()[0] > 0
        assert copy.execute("SELECT COUNT(*) FROM column_cache").fetchone()[0] == 0
        assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert copy.execute("PRAGMA freelist_count").fetchone()[0] == 0
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        live.close()
        copy.close()


def test_snapshot_holds_every_answer_and_audit_entry(fieldwork, laptop_with_everything):
    laptop, uuids = laptop_with_everything
    out = fieldwork.folder / "laptop1.sddevice"
    export_device_file(laptop, out, device_id="dev-1", interviewer="AB")
    with open_device_file(out) as device:
        copy = device.project
        assert {u: copy.answers(u) for u in uuids} == {u: laptop.answers(u) for u in uuids}
        assert copy.answers(uuids[0]) == {"satisfied": "5", "age": "40",
                                          "comment": "Åse på ø"}
        assert copy.audit_log() == laptop.audit_log()


def test_export_while_another_connection_writes_gives_the_committed_state(
        fieldwork, laptop_with_everything):
    laptop, uuids = laptop_with_everything
    before = manifest_of_export(fieldwork, laptop, "before")["counts"]
    with Project.open(laptop.path) as other, other.transaction():
        started = entry.start_interview(other, wave="2024", mode="in_person",
                                        interviewer="CD", device_id="laptop1",
                                        now=fieldwork.now())
        entry.save_answer(other, uuids[0], "age", "99", next_question=None, who="CD",
                          now=fieldwork.now())
        during = fieldwork.folder / "during.sddevice"
        export_device_file(laptop, during, device_id="dev-1", interviewer="AB")
    assert manifest_of(during)["counts"] == before
    with open_device_file(during) as device:
        assert device.project.answers(uuids[0])["age"] == "40"
        assert started.uuid not in {row[0] for row in device.project.db.rows(
            "SELECT uuid FROM interview")}
    after = manifest_of_export(fieldwork, laptop, "after")["counts"]
    assert (after["interviews"], after["partial"]) == (before["interviews"] + 1,
                                                       before["partial"] + 1)


def manifest_of_export(fieldwork, laptop: Project, name: str) -> dict:
    out = fieldwork.folder / f"{name}.sddevice"
    export_device_file(laptop, out, device_id="dev-1", interviewer="AB")
    return manifest_of(out)


@pytest.mark.parametrize("suffix", ["", "-wal"])
def test_export_refuses_to_write_over_the_project_file_itself(fieldwork, suffix):
    with fieldwork.laptop("laptop1") as laptop:
        fieldwork.interview(laptop, {"satisfied": "5"})
        target = Path(f"{laptop.path}{suffix}")
        before = laptop.path.read_bytes()
        with pytest.raises(SurveyDeskError, match="is the project file itself"):
            export_device_file(laptop, target, device_id="dev-1", interviewer="AB")
        assert laptop.path.read_bytes() == before
    with Project.open(fieldwork.folder / "laptop1.sdproj") as again:
        assert again.overview().total == 1


def test_export_never_writes_over_another_project_file(fieldwork):
    before = fieldwork.master_path.read_bytes()
    with fieldwork.laptop("laptop1") as laptop:
        fieldwork.interview(laptop, {"satisfied": "5"})
        with pytest.raises(SurveyDeskError, match=re.escape(
                f"{fieldwork.master_path} is a project file; a device file is never written "
                "over one. Choose another name, e.g. laptop3.sddevice.")):
            export_device_file(laptop, fieldwork.master_path, device_id="d", interviewer="AB")
    assert fieldwork.master_path.read_bytes() == before


def test_export_replaces_an_older_device_file_whole(fieldwork):
    with fieldwork.laptop("laptop1") as laptop:
        first = fieldwork.interview(laptop, {"satisfied": "5"})
        out = fieldwork.export(laptop)
        second = fieldwork.interview(laptop, {"satisfied": "4"})
        assert fieldwork.export(laptop) == out
    with open_device_file(out) as device:
        assert device.manifest.counts["interviews"] == 2
        assert {row[0] for row in device.project.db.rows("SELECT uuid FROM interview")} == {
            first, second}


# -- broken and hostile files --------------------------------------------------------------
@settings(max_examples=40, deadline=None, database=None)
@given(fraction=st.floats(min_value=0.0, max_value=1.0, exclude_max=True))
def test_a_device_file_truncated_anywhere_is_refused(field, fraction):
    data = field.device.read_bytes()
    cut = int(len(data) * fraction)
    truncated = field.folder / "truncated.sddevice"
    truncated.write_bytes(data[:cut])
    message = field.refused(truncated)
    assert str(truncated) in message
    assert DAMAGED in message


def test_a_device_file_with_one_flipped_byte_in_the_middle_is_refused(field, bad):
    data = bytearray(field.device.read_bytes())
    data[len(data) // 2] ^= 0xFF
    bad.write_bytes(bytes(data))
    message = field.refused(bad)
    assert str(bad) in message
    assert DAMAGED in message


def test_an_empty_file_is_refused(field, bad):
    bad.write_bytes(b"")
    assert f"{bad}: this is not a SurveyDesk device file" in field.refused(bad)


def test_a_folder_is_refused(field, tmp_path):
    folder = tmp_path / "stick.sddevice"
    folder.mkdir()
    assert f"{folder}: this is a folder" in field.refused(folder)


def test_a_missing_file_is_refused(field, tmp_path):
    missing = tmp_path / "nowhere.sddevice"
    assert f"{missing}: no such device file" in field.refused(missing)


def test_a_text_file_renamed_to_sddevice_is_refused(field, bad):
    bad.write_text("respondent_id;age\nw1;34\n", encoding="utf-8")
    assert f"{bad}: this is not a SurveyDesk device file" in field.refused(bad)


@pytest.mark.parametrize("name", ["laptop.sdproj", "master.sdproj"])
def test_a_project_file_given_as_device_file_is_refused_saying_what_it_is(field, name):
    # a project file holds its XLSForm workbook, a ZIP that zipfile would find inside it
    project_file = field.folder / name
    message = field.refused(project_file)
    assert f"{project_file}: this is a project file, not a device file. Export a device " \
           "file from it (surveydesk-cli sync export) and merge that." in message


def test_a_zip_without_manifest_is_refused(field, bad):
    rebuild(field.device, bad, drop=(MANIFEST,))
    assert f"{bad}: this ZIP file is not a SurveyDesk device file (it has no manifest" in (
        field.refused(bad))


def test_a_zip_without_snapshot_is_refused(field, bad):
    rebuild(field.device, bad, drop=(SNAPSHOT,))
    assert "no snapshot" in field.refused(bad)


@pytest.mark.parametrize(("manifest", "expected"), [
    (b"{not json", "manifest is not valid JSON"),
    (b"\xff\xfe\x00garbage", "manifest is not valid JSON"),
    (b"[1, 2, 3]", "not a SurveyDesk device file"),
    (b'"surveydesk-device"', "not a SurveyDesk device file"),
    (b"null", "not a SurveyDesk device file"),
], ids=["not-json", "not-utf8", "list", "string", "null"])
def test_a_manifest_that_is_not_a_json_object_is_refused(field, bad, manifest, expected):
    rebuild(field.device, bad, manifest=manifest)
    message = field.refused(bad)
    assert f"{bad}: " in message and expected in message


@pytest.mark.parametrize("value", ["surveydesk-project", "", None, 1])
def test_a_manifest_of_another_format_is_refused(field, bad, value):
    rebuild(field.device, bad, manifest=lambda m: m.update(format=value))
    assert f"{bad}: this ZIP file is not a SurveyDesk device file." in field.refused(bad)


REQUIRED = ["device_id", "interviewer", "created_at", "form_id", "form_versions",
            "schema_version", "counts", "snapshot_sha256", "snapshot_bytes",
            "surveydesk_version"]


@pytest.mark.parametrize("key", REQUIRED)
def test_a_manifest_missing_a_field_is_refused(field, bad, key):
    rebuild(field.device, bad, manifest=lambda m: m.pop(key))
    assert f"{bad}: the device file's manifest is incomplete or damaged" in field.refused(bad)


@pytest.mark.parametrize(("key", "value"), [
    ("device_id", 7), ("interviewer", None), ("created_at", "yesterday"),
    ("created_at", 20240912), ("form_id", ["citizen_service"]), ("form_versions", "2024.1"),
    ("form_versions", [["2024.1", "abc"]]), ("form_versions", [{"version": 1, "sha256": "a"}]),
    ("schema_version", "5"), ("schema_version", -1), ("schema_version", True),
    ("counts", [1, 2]), ("counts", {"interviews": "3"}), ("counts", {"interviews": -3}),
    ("snapshot_sha256", None), ("snapshot_bytes", 1.5), ("snapshot_bytes", "100"),
    ("surveydesk_version", 1),
])
def test_a_manifest_with_a_field_of_the_wrong_type_is_refused(field, bad, key, value):
    rebuild(field.device, bad, manifest=lambda m: m.update({key: value}))
    assert f"{bad}: the device file's manifest is incomplete or damaged" in field.refused(bad)


@pytest.mark.parametrize("value", [None, "1", 0, 1.0, -2])
def test_a_manifest_without_a_valid_format_version_is_refused(field, bad, value):
    rebuild(field.device, bad, manifest=lambda m: m.update(format_version=value))
    assert f"{bad}: the device file's manifest has no valid format version" in (
        field.refused(bad))


def test_a_device_file_format_from_a_newer_surveydesk_is_refused(field, bad):
    rebuild(field.device, bad, manifest=lambda m: m.update(format_version=FORMAT_VERSION + 1))
    message = field.refused(bad)
    assert f"{bad}: this device file was made by a newer SurveyDesk (device file format " \
           f"{FORMAT_VERSION + 1}; this version reads up to {FORMAT_VERSION})" in message
    assert "Update SurveyDesk on this computer first." in message


def test_a_project_schema_from_a_newer_surveydesk_is_refused(field, bad):
    newer = migrations.LATEST + 1
    rebuild(field.device, bad, manifest=lambda m: m.update(schema_version=newer))
    assert f"{bad}: this device file was made by a newer SurveyDesk (project file format " \
           f"{newer}; this version reads up to {migrations.LATEST})" in field.refused(bad)


@pytest.mark.parametrize("change", [-1, 1])
def test_a_snapshot_of_another_size_than_declared_is_refused(field, bad, change):
    rebuild(field.device, bad,
            manifest=lambda m: m.update(snapshot_bytes=m["snapshot_bytes"] + change))
    assert f"{bad}: the snapshot inside the device file does not have the size its manifest " \
           "says" in field.refused(bad)


@pytest.mark.parametrize("size", [1 << 40, (4 << 30) + 1])
def test_a_huge_declared_snapshot_size_is_refused_before_anything_is_unpacked(
        field, bad, size):
    rebuild(field.device, bad, manifest=lambda m: m.update(snapshot_bytes=size))
    assert "does not have the size its manifest says" in field.refused(bad)


def test_a_zip_directory_declaring_more_bytes_than_the_snapshot_holds_is_refused(field, bad):
    # The ZIP directory and the manifest agree on a size the member does not have; the
    # checksum is still the genuine one, so only the byte count can tell.
    size = manifest_of(field.device)["snapshot_bytes"] + 4096
    declare_snapshot_size(field.device, bad, size)
    assert f"{bad}: the snapshot inside the device file is smaller than its manifest says" in (
        field.refused(bad))


def test_a_snapshot_checksum_that_does_not_match_is_refused(field, bad):
    rebuild(field.device, bad, manifest=lambda m: m.update(snapshot_sha256="0" * 64))
    assert f"{bad}: the snapshot's checksum does not match the manifest" in (
        field.refused(bad))


def test_a_snapshot_that_is_another_sqlite_database_is_refused(field, bad, tmp_path):
    other = sqlite_file(tmp_path / "other.db", "CREATE TABLE interview (uuid TEXT)",
                        "INSERT INTO interview VALUES ('x')")
    rebuild(field.device, bad, snapshot=other)
    message = field.refused(bad)
    assert f"{bad}: the snapshot inside this device file cannot be read: this is not a " \
           "SurveyDesk project file (it is some other SQLite database)" in message
    assert str(tmp_path / "other.db") not in message


def test_a_snapshot_that_is_not_a_database_is_refused(field, bad):
    rebuild(field.device, bad, snapshot=b"SQLite format 3\x00" + bytes(4000))
    message = field.refused(bad)
    assert f"{bad}: the snapshot inside this device file cannot be read" in message


def test_a_snapshot_with_the_surveydesk_id_but_no_tables_is_refused(field, bad, tmp_path):
    from surveydesk.store.database import APPLICATION_ID

    fake = sqlite_file(tmp_path / "fake.sdproj", f"PRAGMA application_id = {APPLICATION_ID}",
                       f"PRAGMA user_version = {migrations.LATEST}",
                       "CREATE TABLE unrelated (x)")
    rebuild(field.device, bad, snapshot=fake)
    message = field.refused(bad)
    assert f"{bad}: the snapshot inside this device file cannot be read" in message
    assert "fake.sdproj" not in message


@pytest.mark.parametrize("change", [
    {"complete": 1}, {"interviews": -1}, {"audit_entries": 1}, {"calls": 2},
], ids=lambda c: next(iter(c)))
def test_counts_in_the_manifest_that_do_not_match_the_snapshot_are_refused(field, bad,
                                                                           change):
    def edit(manifest):
        for key, delta in change.items():
            manifest["counts"][key] = manifest["counts"][key] + delta
    rebuild(field.device, bad, manifest=edit)
    assert f"{bad}: the device file's contents do not match its manifest" in (
        field.refused(bad))


def test_a_manifest_count_the_snapshot_does_not_know_is_refused(field, bad):
    rebuild(field.device, bad, manifest=lambda m: m["counts"].update(photos=0))
    assert "contents do not match its manifest" in field.refused(bad)


def test_members_with_path_traversal_names_are_ignored(field, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    names = {"../../../../../../../../tmp/surveydesk-escaped.txt": b"escaped",
             f"../../{outside.name}/escaped.txt": b"escaped",
             f"{outside}/absolute.txt": b"escaped",
             "..\\..\\escaped-windows.txt": b"escaped",
             f"sub/../../{SNAPSHOT}": b"not the snapshot"}
    device = rebuild(field.device, tmp_path / "traversal.sddevice", extra=names)
    before = field.master.read_bytes()
    with Project.open(field.master) as master:
        report = merge_device_files(master, [device], write=False)
    assert field.master.read_bytes() == before
    assert [d.added for d in report.devices] == [3]
    assert list(outside.iterdir()) == []
    assert not Path("/tmp/surveydesk-escaped.txt").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["outside", "traversal.sddevice"]
    assert not any(p.name.endswith("escaped.txt") for p in field.folder.parent.rglob("*"))


def test_an_unreadable_device_file_is_refused(field, bad):
    shutil.copyfile(field.device, bad)
    bad.chmod(0)
    try:
        with bad.open("rb"):
            pytest.skip("file permissions are not enforced for this user (root)")
    except PermissionError:
        pass
    try:
        assert f"{bad}: the file cannot be read" in field.refused(bad)
    finally:
        bad.chmod(0o644)


def test_a_snapshot_missing_a_table_the_merge_reads_is_refused(field, bad, tmp_path):
    snapshot = tmp_path / "snapshot.sdproj"
    snapshot.write_bytes(members(field.device)[SNAPSHOT])
    damaged = sqlite_file(snapshot, "DROP TABLE sync_kept_version")
    rebuild(field.device, bad, snapshot=damaged)
    message = field.refused(bad)
    assert f"{bad}: the snapshot inside this device file cannot be read: it is damaged or " \
           "not from SurveyDesk (no such table: sync_kept_version)" in message
    assert "surveydesk-merge-" not in message


def test_a_snapshot_with_a_damaged_page_is_refused_naming_the_device_file(fieldwork, tmp_path):
    marker = "damaged-row-"
    answers = {"satisfied": "4", "comment": "ok " * 20}
    with fieldwork.laptop("laptop1") as laptop:
        laptop.add_interviews("2024", [
            NewInterview(uuid=f"{marker}{n:05d}", mode="web", status="complete",
                         answers=answers, content_hash=answers_hash(answers, "complete"))
            for n in range(600)])
        device = fieldwork.export(laptop)
    snapshot = bytearray(members(device)[SNAPSHOT])
    page_size = int.from_bytes(snapshot[16:18], "big")
    leaves = [n for n in range(1, len(snapshot) // page_size)
              if snapshot[n * page_size] == 0x0D  # a table leaf page
              and marker.encode() in snapshot[n * page_size:(n + 1) * page_size]]
    assert len(leaves) > 10
    victim = leaves[len(leaves) // 2]
    snapshot[victim * page_size:(victim + 1) * page_size] = bytes(page_size)
    bad = rebuild(device, tmp_path / "damaged.sddevice", snapshot=bytes(snapshot))
    message = refused(fieldwork.master_path, bad, backups=fieldwork.folder / "backups")
    assert message.startswith(f"{bad}: the snapshot inside this device file cannot be read: "
                              "it is damaged or not from SurveyDesk.")
    assert "surveydesk-merge-" not in message and "restore it from a backup" not in message


def test_a_snapshot_with_a_malformed_kept_version_is_refused(field, bad, tmp_path):
    snapshot = tmp_path / "snapshot.sdproj"
    snapshot.write_bytes(members(field.device)[SNAPSHOT])
    connection = sqlite3.connect(snapshot)
    uuid = connection.execute("SELECT uuid FROM interview LIMIT 1").fetchone()[0]
    connection.close()
    damaged = sqlite_file(snapshot, "INSERT INTO sync_kept_version (interview_uuid, version, "
                                    f"source, payload) VALUES ('{uuid}', 'v', 'x', '{{}}')")
    rebuild(field.device, bad, snapshot=damaged)
    assert str(bad) in field.refused(bad)


def test_a_manifest_listing_other_questionnaire_versions_than_its_snapshot_is_refused(
        field, bad):
    rebuild(field.device, bad, manifest=lambda m: m["form_versions"][0].update(
        sha256="0" * 64))
    assert f"{bad}: the device file's contents do not match its manifest" in (
        field.refused(bad))


# -- device files of another survey, and several files at once ----------------------------
def test_a_device_file_of_another_survey_is_refused_naming_both_form_ids(fieldwork,
                                                                          make_form):
    _, device = other_survey(fieldwork, make_form, "1")
    message = refused(fieldwork.master_path, device, backups=fieldwork.folder / "backups")
    assert f"{device}: this device file is from another survey (form_id 'other_survey'); " \
           "the master master.sdproj is for 'small'." in message


def other_survey(fieldwork, make_form, version: str) -> tuple[Path, Path]:
    """A project of the survey 'other_survey' (questions as 'small') and its device file."""
    form = make_form(settings={"form_title": "Andet", "form_id": "other_survey",
                               "version": version, "default_language": "da"})
    path = fieldwork.folder / "other.sdproj"
    Project.create(path, form.read_bytes(), read_xlsform(form)).close()
    with Project.open(path) as other:
        fieldwork.interview(other, {"satisfied": "5"})
        return form, fieldwork.export(other)


def test_a_manifest_claiming_another_survey_than_its_snapshot_is_refused(fieldwork,
                                                                         make_form):
    # version 0 of the other survey would go in as an older (historical) version
    _, device = other_survey(fieldwork, make_form, "0")
    forged = rebuild(device, fieldwork.folder / "forged.sddevice",
                     manifest=lambda m: m.update(form_id="small"))
    message = refused(fieldwork.master_path, forged, backups=fieldwork.folder / "backups")
    assert f"{forged}: the device file's contents do not match its manifest" in message


def test_a_questionnaire_version_of_another_survey_in_a_device_file_is_refused(fieldwork,
                                                                              make_form):
    form, _ = other_survey(fieldwork, make_form, "0")
    with fieldwork.laptop("laptop1") as laptop:
        with pytest.raises(UsageError, match="a project holds one survey"):
            laptop.add_historical_form_version(form.read_bytes(), read_xlsform(form))
        # Forced in behind the store's back (as a damaged or hand-made file could be).
        laptop.db.execute(
            "INSERT INTO form_version (form_id, version, title, workbook, sha256, added_at, "
            "historical) VALUES ('other_survey', '0', 'Other', ?, 'x', '2024-01-01', 1)",
            (form.read_bytes(),))
        fieldwork.interview(laptop, {"satisfied": "5"})
        device = fieldwork.export(laptop)
    before = fieldwork.master_path.read_bytes()
    with fieldwork.master() as master:
        with pytest.raises(SurveyDeskError, match="other_survey"):
            merge_device_files(master, [device], backup_folder=fieldwork.folder / "backups")
        assert {v.form_id for v in master.form_versions()} == {"small"}
    assert fieldwork.master_path.read_bytes() == before


def test_one_broken_file_among_several_refuses_them_all(fieldwork):
    with fieldwork.laptop("a") as a, fieldwork.laptop("b") as b:
        fieldwork.interview(a, {"satisfied": "5"})
        fieldwork.interview(b, {"satisfied": "4"})
        good_a, good_b = fieldwork.export(a), fieldwork.export(b)
    broken = fieldwork.folder / "c.sddevice"
    broken.write_bytes(good_b.read_bytes()[:-100])
    message = refused(fieldwork.master_path, good_a, broken, good_b,
                      backups=fieldwork.folder / "backups")
    assert message.splitlines()[0].startswith(f"{broken}: ")
    assert str(good_a) not in message and str(good_b) not in message
    with fieldwork.master() as master:
        assert master.overview().total == 0
        assert merge_device_files(master, [good_a, good_b],
                                  backup_folder=fieldwork.folder / "backups").total(
            "added") == 2


def test_every_broken_file_is_listed(fieldwork, tmp_path):
    missing, empty = tmp_path / "missing.sddevice", tmp_path / "empty.sddevice"
    empty.write_bytes(b"")
    message = refused(fieldwork.master_path, missing, empty,
                      backups=fieldwork.folder / "backups")
    assert message.splitlines() == [
        f"{missing}: no such device file.",
        f"{empty}: this is not a SurveyDesk device file, or it is damaged or incomplete "
        "(was it copied to the stick completely?). Export it again on the laptop.",
        "Nothing was merged; the master project is unchanged."]


def test_open_device_file_removes_its_temporary_copy(field, monkeypatch, tmp_path):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with open_device_file(field.device) as device:
        assert device.project.path.parent.parent == tmp_path
        assert device.manifest.counts["interviews"] == 3
    assert list(tmp_path.iterdir()) == []
    broken = tmp_path.parent / f"{tmp_path.name}-broken.sddevice"
    broken.write_bytes(b"PK\x03\x04 not really")
    try:
        with (pytest.raises(DeviceFileError, match="damaged or incomplete"),
              open_device_file(broken)):
            pass
    finally:
        broken.unlink()
    assert list(tmp_path.iterdir()) == []




@pytest.mark.parametrize("stop_at", ["snapshot", "counting", "compressing"])
def test_a_cancelled_export_writes_nothing_and_keeps_an_older_file(fieldwork,
                                                                    laptop_with_everything,
                                                                    stop_at):
    from surveydesk.core.errors import Cancelled

    laptop, _ = laptop_with_everything
    out = fieldwork.folder / "laptop.sddevice"
    out.write_bytes(b"yesterday's device file")
    seen: list[str] = []
    with pytest.raises(Cancelled, match="no device file was written"):
        export_device_file(laptop, out, device_id="dev-1", interviewer="AB", replace=True,
                           progress=lambda step, total, stage: seen.append(stage),
                           cancelled=lambda: stop_at in seen)
    assert out.read_bytes() == b"yesterday's device file"
    assert sorted(p.name for p in fieldwork.folder.iterdir() if p.name.startswith(".")) == []


def test_export_progress_runs_from_the_snapshot_to_done(fieldwork, laptop_with_everything):
    steps: list[tuple[int, str]] = []
    export_device_file(laptop_with_everything[0], fieldwork.folder / "x.sddevice",
                       device_id="dev-1", interviewer="AB",
                       progress=lambda step, total, stage: steps.append((step, stage)))
    assert steps[0] == (0, "snapshot") and steps[-1] == (100, "done")
    assert [s for s, _ in steps] == sorted(s for s, _ in steps)
    assert {"counting", "compressing"} <= {stage for _, stage in steps}
