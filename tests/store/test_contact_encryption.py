"""Encrypting the call list's contact data in the project file: all or nothing, no plain
numbers left in the file's bytes, and every way numbers come in keeps them encrypted."""

from __future__ import annotations

import sqlite3

import pytest

from surveydesk.core import contact_crypto
from surveydesk.core.contact_crypto import ContactDataError, PassphraseError, is_token
from surveydesk.core.errors import ProjectFileError, UsageError
from surveydesk.core.xlsform import read_xlsform
from surveydesk.io.call_list import import_call_list
from surveydesk.io.demo import demo_form_path
from surveydesk.store import calls
from surveydesk.store.contact_encryption import (
    decrypt_contacts,
    encrypt_contacts,
    encryption_status,
    is_encrypted,
    open_contacts,
)
from surveydesk.store.contacts import remove_contact_data
from surveydesk.store.project import Project

PASS = "tre små grise i æbletræet"
PEOPLE = [calls.NewCall("R1", "+4523456781", "Søren Ærøskøbing"),
          calls.NewCall("R2", "+4587654329", "Åse Kildegård"),
          calls.NewCall("R3", "+4531313131", "")]
SECRETS = ("23456781", "87654329", "31313131", "Søren", "Ærøskøbing", "Kildegård")


@pytest.fixture(autouse=True)
def fast_scrypt(monkeypatch):
    monkeypatch.setattr(contact_crypto, "DEFAULT_N", 2 ** 4)


@pytest.fixture
def project(tmp_path):
    form = demo_form_path("jobcentre")
    project = Project.create(tmp_path / "calls.sdproj", form.read_bytes(), read_xlsform(form))
    calls.add_calls(project, PEOPLE, now="2024-09-01T08:00:00+00:00")
    calls.record_attempt(project, 2, "busy", "AB", "2024-09-12T09:00:00+00:00")
    yield project
    project.close()


def stored(project) -> list[tuple]:
    return project.db.rows("SELECT reference, phone, name FROM call_list ORDER BY id")


def file_bytes(project) -> bytes:
    return project.path.read_bytes() + b"".join(
        p.read_bytes() for p in project.path.parent.glob(f"{project.path.name}-*"))


def test_encrypting_turns_every_number_and_name_into_a_token_and_out_of_the_file(project):
    assert encrypt_contacts(project, PASS) == 5
    rows = stored(project)
    assert [r[0] for r in rows] == ["R1", "R2", "R3"]
    assert all(is_token(r[1]) for r in rows)
    assert is_token(rows[0][2]) and is_token(rows[1][2]) and rows[2][2] == ""
    everything = file_bytes(project)
    for secret in SECRETS:
        assert secret.encode() not in everything, secret
    status = encryption_status(project)
    assert (status.encrypted, status.calls, status.encrypted_values, status.plain_values) == (
        True, 3, 5, 0)
    # Calls, status and attempts are untouched.
    assert calls.call(project, 2).attempts == 1


def test_decrypting_gives_back_exactly_what_was_there(project):
    before = stored(project)
    encrypt_contacts(project, PASS)
    assert decrypt_contacts(project, PASS) == 5
    assert stored(project) == before
    assert not is_encrypted(project)
    assert encryption_status(project).plain_values == 5


def test_a_wrong_pass_phrase_changes_nothing(project):
    encrypt_contacts(project, PASS)
    before = stored(project)
    with pytest.raises(PassphraseError, match="Wrong pass phrase"):
        decrypt_contacts(project, "tre små grise i æbletræer")
    assert stored(project) == before and is_encrypted(project)


def test_a_changed_token_stops_decrypting_with_the_call_named_and_nothing_changed(project):
    encrypt_contacts(project, PASS)
    # Swap two calls' numbers behind SurveyDesk's back.
    (p1,), (p2,) = project.db.rows("SELECT phone FROM call_list WHERE id IN (1, 2) "
                                   "ORDER BY id")
    with project.db.transaction():
        project.db.execute("UPDATE call_list SET phone = ? WHERE id = 1", (p2,))
        project.db.execute("UPDATE call_list SET phone = ? WHERE id = 2", (p1,))
    before = stored(project)
    with pytest.raises(ContactDataError, match="phone of call R1 cannot be decrypted"):
        decrypt_contacts(project, PASS)
    assert stored(project) == before and is_encrypted(project)
    with pytest.raises(ContactDataError, match="call R1"):
        calls.call(project, 1, open_contacts(project, PASS))


def test_encrypting_twice_and_short_pass_phrases_are_refused(project):
    with pytest.raises(UsageError, match="at least 10 characters"):
        encrypt_contacts(project, "kort")
    assert not is_encrypted(project)
    encrypt_contacts(project, PASS)
    with pytest.raises(UsageError, match="already encrypted"):
        encrypt_contacts(project, PASS)


def test_calls_read_without_the_key_show_the_number_is_encrypted(project):
    encrypt_contacts(project, PASS)
    locked = calls.call(project, 1)
    assert (locked.phone, locked.name, locked.number_encrypted) == ("", "", True)
    assert not locked.can_be_dialled
    cipher = open_contacts(project, PASS)
    opened = calls.call(project, 1, cipher)
    assert (opened.phone, opened.name, opened.can_be_dialled) == (
        "+4523456781", "Søren Ærøskøbing", True)
    assert calls.next_call(project, "2024-09-12T10:00:00+00:00", cipher=cipher).phone == (
        "+4523456781")
    frame = calls.calls(project, cipher)
    assert list(frame["name"]) == ["Søren Ærøskøbing", "Åse Kildegård", ""]
    assert list(calls.calls(project)["phone"]) == ["", "", ""]


def test_adding_calls_to_an_encrypted_project_needs_its_key(project):
    encrypt_contacts(project, PASS)
    new = [calls.NewCall("R4", "+4544444444", "Bo Ø")]
    before = stored(project)
    with pytest.raises(UsageError, match="encrypted: adding numbers needs the pass phrase"):
        calls.add_calls(project, new)
    assert stored(project) == before
    cipher = open_contacts(project, PASS)
    assert calls.add_calls(project, [*PEOPLE, *new], cipher=cipher) == 1  # known ones skipped
    assert is_token(stored(project)[3][1])
    assert calls.call(project, 4, cipher).name == "Bo Ø"
    with pytest.raises(UsageError, match="other data"):
        calls.add_calls(project, [calls.NewCall("R1", "+4599999999", "")], cipher=cipher)


def test_importing_a_call_list_encrypts_the_new_rows_or_refuses(project, tmp_path):
    encrypt_contacts(project, PASS)
    path = tmp_path / "more.csv"
    path.write_text("reference;phone;name\nR1;23456781;Søren Ærøskøbing\n"
                    "R9;22334455;Ulla Ø\n", encoding="utf-8")
    before = stored(project)
    with pytest.raises(UsageError, match="importing a call list needs the pass phrase"):
        import_call_list(project, path)
    with pytest.raises(PassphraseError):
        import_call_list(project, path, passphrase="forkert kodeord!")
    assert stored(project) == before
    result = import_call_list(project, path, passphrase=PASS)
    assert (result.added, result.unchanged) == (1, 1)
    assert is_token(stored(project)[3][1]) and b"22334455" not in file_bytes(project)
    assert calls.call(project, 4, open_contacts(project, PASS)).phone == "+4522334455"


def test_the_purge_removes_the_tokens(project):
    encrypt_contacts(project, PASS)
    remove_contact_data(project, who="AB")
    assert stored(project) == [("R1", "", ""), ("R2", "", ""), ("R3", "", "")]
    assert encryption_status(project).encrypted_values == 0


def test_encrypting_in_one_transaction_leaves_nothing_half_done(project, monkeypatch):
    def failing(self):  # fails after every value was rewritten, before the commit
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(contact_crypto.KeyParameters, "to_text", failing)
    before = stored(project)
    with pytest.raises(ProjectFileError, match="Nothing was changed"):
        encrypt_contacts(project, PASS)
    assert stored(project) == before and not is_encrypted(project)
