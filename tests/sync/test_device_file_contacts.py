"""Device files leave the call list's phone numbers and names out unless asked for."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

import pytest

from surveydesk.cli import main
from surveydesk.core.errors import DeviceFileError
from surveydesk.store import calls
from surveydesk.sync.device_file import MANIFEST, SNAPSHOT, export_device_file, open_device_file

PEOPLE = [calls.NewCall("R1", "+4523456781", "Søren Ærøskøbing"),
          calls.NewCall("R2", "+4587654329", "Åse Kildegård"),
          calls.NewCall("R3", "+46701234567", "")]
SECRETS = ("23456781", "87654329", "46701234567", "Søren", "Ærøskøbing", "Åse", "Kildegård")


@pytest.fixture
def laptop(fieldwork):
    with fieldwork.master() as master:
        calls.add_calls(master, PEOPLE, now="2024-09-01T08:00:00+00:00")
    project = fieldwork.laptop("laptop")
    calls.record_attempt(project, 1, "busy", "AB", "2024-09-12T09:00:00+00:00")
    yield project
    project.close()


def export(fieldwork, laptop, **options) -> Path:
    out = fieldwork.folder / "laptop.sddevice"
    export_device_file(laptop, out, device_id="d1", interviewer="AB", now=fieldwork.now(),
                       **options)
    return out


def unpacked(path: Path, folder: Path) -> tuple[dict, Path, bytes]:
    """(manifest, snapshot file, every byte of every member)."""
    with zipfile.ZipFile(path) as archive:
        everything = b"".join(archive.read(name) for name in archive.namelist())
        manifest = json.loads(archive.read(MANIFEST))
        snapshot = folder / "unpacked.sdproj"
        snapshot.write_bytes(archive.read(SNAPSHOT))
    return manifest, snapshot, everything


def contacts_in(snapshot: Path) -> list[tuple]:
    with sqlite3.connect(snapshot) as connection:
        return connection.execute(
            "SELECT reference, phone, name FROM call_list ORDER BY reference").fetchall()


def test_a_device_file_carries_no_phone_number_or_name_by_default(fieldwork, laptop, tmp_path):
    manifest, snapshot, everything = unpacked(export(fieldwork, laptop), tmp_path)
    assert manifest["contacts_included"] is False
    assert contacts_in(snapshot) == [("R1", "", ""), ("R2", "", ""), ("R3", "", "")]
    for secret in SECRETS:
        assert secret.encode() not in everything, secret
    # The progress of the calls travels: references, status and attempts.
    with sqlite3.connect(snapshot) as connection:
        assert connection.execute("SELECT COUNT(*) FROM call_attempt").fetchone() == (1,)
    # The live project keeps its contact data.
    assert calls.call(laptop, 1).phone == "+4523456781"
    assert calls.call(laptop, 2).name == "Åse Kildegård"


def test_include_contacts_carries_them_and_says_so_in_the_manifest(fieldwork, laptop, tmp_path):
    path = export(fieldwork, laptop, include_contacts=True)
    manifest, snapshot, _ = unpacked(path, tmp_path)
    assert manifest["contacts_included"] is True
    assert contacts_in(snapshot) == [(c.reference, c.phone, c.name) for c in PEOPLE]
    with open_device_file(path) as device:
        assert device.manifest.contacts_included is True


def test_a_device_file_without_contacts_is_read_back_with_its_flag(fieldwork, laptop):
    with open_device_file(export(fieldwork, laptop)) as device:
        assert device.manifest.contacts_included is False
        assert {c.phone for c in calls.calls(device.project).itertuples()} == {""}


def rewrite_manifest(path: Path, change) -> None:
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    data = json.loads(parts[MANIFEST])
    change(data)
    parts[MANIFEST] = json.dumps(data).encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)


def test_a_manifest_from_before_the_flag_means_the_contacts_are_included(fieldwork, laptop):
    path = export(fieldwork, laptop, include_contacts=True)
    rewrite_manifest(path, lambda data: data.pop("contacts_included"))
    with open_device_file(path) as device:
        assert device.manifest.contacts_included is True


@pytest.mark.parametrize("value", ["yes", 1, None])
def test_a_manifest_with_a_flag_that_is_not_true_or_false_is_refused(fieldwork, laptop, value):
    path = export(fieldwork, laptop)
    rewrite_manifest(path, lambda data: data.update(contacts_included=value))
    with (pytest.raises(DeviceFileError, match="manifest is incomplete or damaged"),
          open_device_file(path)):
        pass


def run(capsys, *args: object) -> tuple[int, str, str]:
    code = main([str(arg) for arg in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_sync_export_leaves_contacts_out_and_says_how_to_include_them(fieldwork, laptop,
                                                                       capsys, tmp_path):
    out = fieldwork.folder / "cli.sddevice"
    code, stdout, stderr = run(capsys, "sync", "export", laptop.path, "-o", out)
    assert (code, stderr) == (0, "")
    assert "phone numbers and names were left out (use --include-contacts" in stdout
    assert contacts_in(unpacked(out, tmp_path)[1])[0] == ("R1", "", "")


def test_sync_export_include_contacts_warns_on_stderr(fieldwork, laptop, capsys, tmp_path):
    out = fieldwork.folder / "cli.sddevice"
    code, stdout, stderr = run(capsys, "sync", "export", laptop.path, "-o", out,
                               "--include-contacts")
    assert code == 0
    assert stderr.startswith(f"warning: {out} contains the call list's phone numbers and "
                             "names: personal data.")
    assert "left out" not in stdout
    assert contacts_in(unpacked(out, tmp_path)[1])[0] == ("R1", "+4523456781",
                                                           "Søren Ærøskøbing")
