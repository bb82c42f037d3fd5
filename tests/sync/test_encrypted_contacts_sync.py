"""Device files and merges of a project whose contact data is encrypted: tokens travel as
they are, plain contacts are encrypted on the way in (or refused without the pass phrase),
and plain text and tokens are never mixed in one project."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from surveydesk.core import contact_crypto
from surveydesk.core.contact_crypto import is_token
from surveydesk.core.errors import DeviceFileError
from surveydesk.store import calls
from surveydesk.store.contact_encryption import (
    decrypt_contacts,
    encrypt_contacts,
    is_encrypted,
    open_contacts,
)
from surveydesk.sync.device_file import export_device_file
from surveydesk.sync.merge import merge_device_files

PASS = "fire fede fisk i fjorden"
PEOPLE = [calls.NewCall("R1", "+4523456781", "Søren Ærøskøbing"),
          calls.NewCall("R2", "+4587654329", "Åse Kildegård")]
NEW = calls.NewCall("R9", "+4522334455", "Ulla Ørum")
SECRETS = ("23456781", "87654329", "22334455", "Søren", "Kildegård", "Ørum")


@pytest.fixture(autouse=True)
def fast_scrypt(monkeypatch):
    monkeypatch.setattr(contact_crypto, "DEFAULT_N", 2 ** 4)


@pytest.fixture
def master_with_calls(fieldwork):
    with fieldwork.master() as master:
        calls.add_calls(master, PEOPLE, now="2024-09-01T08:00:00+00:00")
    return fieldwork


def export(fieldwork, project, name: str, **options) -> Path:
    out = fieldwork.folder / f"{name}.sddevice"
    export_device_file(project, out, device_id=name, interviewer="AB", now=fieldwork.now(),
                       **options)
    return out


def contents(path: Path) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return b"".join(archive.read(name) for name in archive.namelist())


def stored(project) -> list[tuple]:
    return project.db.rows("SELECT reference, phone, name FROM call_list ORDER BY reference")


def test_an_encrypted_project_exports_blanks_or_its_tokens_never_plain_text(master_with_calls):
    fieldwork = master_with_calls
    with fieldwork.master() as master:
        encrypt_contacts(master, PASS)
        blank = export(fieldwork, master, "blank")
        carried = export(fieldwork, master, "carried", include_contacts=True)
    for path in (blank, carried):
        everything = contents(path)
        for secret in SECRETS:
            assert secret.encode() not in everything, (path.name, secret)
    # Only the key check value (not secret) is a token in the file without contacts.
    assert contents(blank).count(b"sdenc1:") == 1
    assert contents(carried).count(b"sdenc1:") == 1 + 4


def test_tokens_from_a_laptop_with_the_same_key_merge_as_they_are(master_with_calls):
    fieldwork = master_with_calls
    with fieldwork.master() as master:
        encrypt_contacts(master, PASS)
        before = stored(master)
    with fieldwork.laptop("laptop") as laptop:
        calls.add_calls(laptop, [NEW], cipher=open_contacts(laptop, PASS))
        calls.record_attempt(laptop, 1, "busy", "AB", "2024-09-12T09:00:00+00:00")
        device = export(fieldwork, laptop, "laptop", include_contacts=True)
        laptop_r9 = stored(laptop)[2]
    with fieldwork.master() as master:
        report = merge_device_files(master, [device])  # no pass phrase needed
        assert stored(master) == [*before, laptop_r9]
        assert calls.call(master, 1).attempts == 1
        assert calls.call(master, 3, open_contacts(master, PASS)).phone == NEW.phone
    assert report.written


def test_plain_contacts_into_an_encrypted_master_need_the_pass_phrase(master_with_calls):
    fieldwork = master_with_calls
    with fieldwork.laptop("laptop") as laptop:  # a copy from before the encryption
        calls.add_calls(laptop, [NEW])
        device = export(fieldwork, laptop, "laptop", include_contacts=True)
    with fieldwork.master() as master:
        encrypt_contacts(master, PASS)
    before = fieldwork.master_path.read_bytes()
    with fieldwork.master() as master, pytest.raises(
            DeviceFileError, match="carries phone numbers and names, needs the pass phrase"):
        merge_device_files(master, [device], backup_folder=fieldwork.folder / "b")
    assert fieldwork.master_path.read_bytes() == before
    with fieldwork.master() as master:
        merge_device_files(master, [device], passphrase=PASS,
                           backup_folder=fieldwork.folder / "b")
        rows = stored(master)
        assert all(is_token(phone) for _ref, phone, _name in rows)
        assert calls.call(master, 3, open_contacts(master, PASS)).name == "Ulla Ørum"
    assert b"22334455" not in fieldwork.master_path.read_bytes()


def test_a_laptop_without_contacts_merges_into_an_encrypted_master_without_a_pass_phrase(
        master_with_calls):
    fieldwork = master_with_calls
    with fieldwork.master() as master:
        encrypt_contacts(master, PASS)
        before = stored(master)
    with fieldwork.laptop("laptop") as laptop:
        calls.record_attempt(laptop, 2, "refused", "AB", "2024-09-12T09:00:00+00:00")
        device = export(fieldwork, laptop, "laptop")
    with fieldwork.master() as master:
        merge_device_files(master, [device], backup_folder=fieldwork.folder / "b")
        assert stored(master) == before
        assert calls.call(master, 2).status == "refused"


def test_tokens_into_a_plain_master_are_decrypted_with_the_pass_phrase_or_refused(
        master_with_calls):
    fieldwork = master_with_calls
    with fieldwork.master() as master:
        encrypt_contacts(master, PASS)
    with fieldwork.laptop("laptop") as laptop:
        calls.add_calls(laptop, [NEW], cipher=open_contacts(laptop, PASS))
        device = export(fieldwork, laptop, "laptop", include_contacts=True)
    with fieldwork.master() as master:
        decrypt_contacts(master, PASS)
    before = fieldwork.master_path.read_bytes()
    with fieldwork.master() as master, pytest.raises(DeviceFileError,
                                                     match="encrypted with another key"):
        merge_device_files(master, [device], backup_folder=fieldwork.folder / "b")
    assert fieldwork.master_path.read_bytes() == before
    with fieldwork.master() as master:
        merge_device_files(master, [device], passphrase=PASS,
                           backup_folder=fieldwork.folder / "b")
        assert not is_encrypted(master)
        assert stored(master)[2] == ("R9", "+4522334455", "Ulla Ørum")


def test_the_masters_unlocked_key_serves_instead_of_the_pass_phrase(master_with_calls):
    from surveydesk.sync.device_file import peek_manifest

    fieldwork = master_with_calls
    with fieldwork.laptop("laptop") as laptop:
        calls.add_calls(laptop, [NEW])
        device = export(fieldwork, laptop, "laptop", include_contacts=True)
    assert peek_manifest(device).contacts_included is True
    assert peek_manifest(fieldwork.master_path) is None  # not a device file
    with fieldwork.master() as master:
        encrypt_contacts(master, PASS)
        key = open_contacts(master, PASS)
        merge_device_files(master, [device], cipher=key,
                           backup_folder=fieldwork.folder / "b")
        assert calls.call(master, 3, key).name == "Ulla Ørum"
        assert all(is_token(phone) for _ref, phone, _name in stored(master))


def test_of_two_new_numbers_an_encrypted_master_keeps_the_least_in_every_run(fieldwork):
    from surveydesk.store.snapshot import backup_project

    devices = []
    for name, person in (("one", calls.NewCall("R7", "+4523456789", "Anna")),
                         ("two", calls.NewCall("R7", "+4533456789", "Bent"))):
        with fieldwork.laptop(name) as laptop:
            calls.add_calls(laptop, [person], now="2024-09-02T08:00:00+00:00")
            devices.append(export(fieldwork, laptop, name, include_contacts=True))
    with fieldwork.master() as master:
        encrypt_contacts(master, PASS)
    kept = set()
    for run, order in enumerate([devices, devices[::-1]] * 3):
        copy = fieldwork.folder / f"run{run}.sdproj"
        backup_project(fieldwork.master_path, copy)
        from surveydesk.store.project import Project

        with Project.open(copy) as master:
            merge_device_files(master, order, passphrase=PASS,
                               backup_folder=fieldwork.folder / "b")
            key = open_contacts(master, PASS)
            listed = calls.calls(master, key)
            kept.add(tuple(listed[listed["reference"] == "R7"].iloc[0][["phone", "name"]]))
    assert kept == {("+4523456789", "Anna")}
