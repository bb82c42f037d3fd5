"""surveydesk-cli privacy purge: confirmation, messages and refusals that change nothing."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from surveydesk.store import calls
from surveydesk.store.contacts import contact_data, project_events
from surveydesk.store.project import Project
from tests.cli.in_process import assert_user_error as user_error
from tests.cli.in_process import run

PEOPLE = [calls.NewCall("R1", "+4523456781", "Søren Ø"),
          calls.NewCall("R2", "+4587654329", "")]


def assert_user_error(result, *fragments: str) -> str:
    err = user_error(result, *fragments)
    assert err.startswith("error: ")  # nothing printed before the error
    return err


@pytest.fixture
def project_path(fieldwork) -> Path:
    with fieldwork.master() as master:
        calls.add_calls(master, PEOPLE, now="2024-09-01T08:00:00+00:00")
        calls.record_attempt(master, 1, "refused", "AB", "2024-09-12T09:00:00+00:00")
    return fieldwork.master_path


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def state(path: Path):
    with Project.open(path) as project:
        return contact_data(project), project_events(project)


def test_purge_with_yes_removes_and_says_what(project_path, capsys):
    code, out, err = run(capsys, "privacy", "purge", project_path, "--call-list", "--yes",
                         "--who", "Åse")
    assert (code, err) == (0, "")
    assert "the call list holds 2 phone numbers and 1 name of 2 calls." in out
    assert "1 of these calls are still open or have an appointment" in out
    assert out.splitlines()[-1] == ("Removed 2 phone numbers and 1 name of 2 calls from the "
                                    f"call list of {project_path.name}; recorded in the "
                                    "audit log as done by Åse.")
    held, [event] = state(project_path)
    assert (held.phones, held.names, event.who) == (0, 0, "Åse")
    code, out, _ = run(capsys, "privacy", "purge", project_path, "--call-list", "--yes")
    assert code == 0 and "nothing to remove" in out
    assert len(state(project_path)[1]) == 1


def test_purge_without_yes_on_a_non_interactive_input_changes_nothing(project_path, capsys,
                                                                        monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("yes\n"))
    before = project_path.read_bytes()
    assert_user_error(run(capsys, "privacy", "purge", project_path, "--call-list",
                          "--who", "x"), "needs a confirmation", "--yes", "Nothing was changed")
    assert project_path.read_bytes() == before


@pytest.mark.parametrize(("answer", "removed"), [("yes\n", True), ("ja\n", True),
                                                  ("no\n", False), ("\n", False)])
def test_purge_asks_in_a_terminal(project_path, capsys, monkeypatch, answer, removed):
    monkeypatch.setattr("sys.stdin", Terminal(answer))
    code, out, _ = run(capsys, "privacy", "purge", project_path, "--call-list", "--who", "x")
    assert code == 0
    assert "Type yes to remove them" in out
    held, events = state(project_path)
    assert (held.phones == 0, len(events)) == (removed, int(removed))
    assert ("Nothing was removed." in out) is not removed


def test_purge_needs_call_list(project_path, capsys):
    before = project_path.read_bytes()
    assert_user_error(run(capsys, "privacy", "purge", project_path, "--yes"), "--call-list")
    assert project_path.read_bytes() == before


def test_purge_of_a_missing_project_is_refused(tmp_path, capsys):
    assert_user_error(run(capsys, "privacy", "purge", tmp_path / "none.sdproj",
                          "--call-list", "--yes"), "no such project file")
    assert not (tmp_path / "none.sdproj").exists()


def test_purge_of_a_damaged_project_is_refused_and_leaves_it(project_path, capsys):
    data = bytearray(project_path.read_bytes())  # closed: the WAL is checkpointed
    page_size = int.from_bytes(data[16:18], "big")
    at = data.index(b"+4523456781") // page_size * page_size  # the call list's page
    data[at:at + page_size] = bytes(page_size)
    project_path.write_bytes(bytes(data))
    assert_user_error(run(capsys, "privacy", "purge", project_path, "--call-list", "--yes"))
    assert project_path.read_bytes() == bytes(data)


def test_purge_of_a_file_that_is_not_a_project_is_refused(tmp_path, capsys):
    text = tmp_path / "notes.sdproj"
    text.write_text("hello")
    assert_user_error(run(capsys, "privacy", "purge", text, "--call-list", "--yes"))
    assert text.read_text() == "hello"


# -- privacy encrypt | decrypt | status ----------------------------------------------------
PASSPHRASE = "hyggelig ugle på taget"


@pytest.fixture
def fast_scrypt(monkeypatch):
    from surveydesk.core import contact_crypto

    monkeypatch.setattr(contact_crypto, "DEFAULT_N", 2 ** 4)
    monkeypatch.delenv("SURVEYDESK_PASSPHRASE", raising=False)


def passphrase_file(tmp_path, text: str = PASSPHRASE) -> Path:
    path = tmp_path / "pass.txt"
    path.write_text(text + "\n", encoding="utf-8")
    return path


def stored_contacts(path: Path) -> list[tuple]:
    with Project.open(path) as project:
        return project.db.rows("SELECT reference, phone, name FROM call_list ORDER BY id")


def test_encrypt_status_and_decrypt_with_a_pass_phrase_file(project_path, tmp_path, capsys,
                                                           fast_scrypt):
    before = stored_contacts(project_path)
    secret = passphrase_file(tmp_path)
    code, out, err = run(capsys, "privacy", "status", project_path)
    assert (code, err) == (0, "") and "contact data not encrypted (3 phone numbers" in out
    code, out, err = run(capsys, "privacy", "encrypt", project_path, "--passphrase-file",
                         secret)
    assert (code, err) == (0, ""), err
    assert "Encrypted 3 phone numbers" in out and "Keep the pass phrase safe" in out
    assert b"23456781" not in project_path.read_bytes()
    assert "Søren".encode() not in project_path.read_bytes()
    code, out, _ = run(capsys, "privacy", "status", project_path)
    assert "contact data encrypted (3 encrypted phone numbers and names in 2 calls)" in out
    assert "scrypt (n=16, r=8, p=1)" in out
    code, out, err = run(capsys, "privacy", "decrypt", project_path, "--passphrase-file",
                         secret)
    assert (code, err) == (0, "") and "Decrypted 3" in out
    assert stored_contacts(project_path) == before


def test_the_pass_phrase_can_come_from_the_environment(project_path, capsys, fast_scrypt,
                                                       monkeypatch):
    monkeypatch.setenv("SURVEYDESK_PASSPHRASE", PASSPHRASE)
    assert run(capsys, "privacy", "encrypt", project_path)[0] == 0
    assert run(capsys, "privacy", "decrypt", project_path)[0] == 0


@pytest.mark.parametrize("action", ["encrypt", "decrypt"])
def test_without_a_terminal_or_a_pass_phrase_nothing_changes(project_path, tmp_path, capsys,
                                                             fast_scrypt, action):
    if action == "decrypt":
        run(capsys, "privacy", "encrypt", project_path, "--passphrase-file",
            passphrase_file(tmp_path))
    before = project_path.read_bytes()
    assert_user_error(run(capsys, "privacy", action, project_path),
                      "needs the pass phrase", "--passphrase-file", "SURVEYDESK_PASSPHRASE")
    assert project_path.read_bytes() == before


def test_a_wrong_pass_phrase_is_an_error_and_the_file_stays_byte_identical(
        project_path, tmp_path, capsys, fast_scrypt):
    run(capsys, "privacy", "encrypt", project_path, "--passphrase-file",
        passphrase_file(tmp_path))
    before = project_path.read_bytes()
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("hyggelig ugle på taget!", encoding="utf-8")
    assert_user_error(run(capsys, "privacy", "decrypt", project_path, "--passphrase-file",
                          wrong), "Wrong pass phrase", "Nothing was decrypted or changed")
    assert project_path.read_bytes() == before
    assert_user_error(run(capsys, "privacy", "encrypt", project_path, "--passphrase-file",
                          wrong), "already encrypted")
    assert project_path.read_bytes() == before


def test_short_empty_and_missing_pass_phrase_files_are_refused(project_path, tmp_path, capsys,
                                                               fast_scrypt):
    before = project_path.read_bytes()
    assert_user_error(run(capsys, "privacy", "encrypt", project_path, "--passphrase-file",
                          passphrase_file(tmp_path, "for kort")), "at least 10 characters")
    assert_user_error(run(capsys, "privacy", "encrypt", project_path, "--passphrase-file",
                          passphrase_file(tmp_path, "")), "pass phrase file is empty")
    assert_user_error(run(capsys, "privacy", "encrypt", project_path, "--passphrase-file",
                          tmp_path / "nowhere.txt"), "cannot read the pass phrase file")
    assert_user_error(run(capsys, "privacy", "decrypt", project_path, "--passphrase-file",
                          passphrase_file(tmp_path)), "is not encrypted")
    assert project_path.read_bytes() == before


def test_encrypt_asks_twice_on_a_terminal_and_the_two_must_match(project_path, capsys,
                                                                 fast_scrypt, monkeypatch):
    import getpass

    monkeypatch.setattr("sys.stdin", Terminal())
    answers = iter([PASSPHRASE, PASSPHRASE + "x"])
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": next(answers))
    before = project_path.read_bytes()
    assert_user_error(run(capsys, "privacy", "encrypt", project_path), "differ")
    assert project_path.read_bytes() == before
    answers = iter(["kort", "kort"])
    assert_user_error(run(capsys, "privacy", "encrypt", project_path), "at least 10")
    answers = iter([PASSPHRASE, PASSPHRASE])
    assert run(capsys, "privacy", "encrypt", project_path)[0] == 0
    answers = iter([PASSPHRASE])
    assert run(capsys, "privacy", "decrypt", project_path)[0] == 0


def test_calllist_import_into_an_encrypted_project_needs_the_pass_phrase(
        project_path, tmp_path, capsys, fast_scrypt):
    secret = passphrase_file(tmp_path)
    run(capsys, "privacy", "encrypt", project_path, "--passphrase-file", secret)
    more = tmp_path / "more.csv"
    more.write_text("reference;phone;name\nR9;22334455;Ulla Ø\n", encoding="utf-8")
    before = project_path.read_bytes()
    assert_user_error(run(capsys, "calllist", "import", project_path, more),
                      "importing a call list needs the pass phrase")
    assert project_path.read_bytes() == before
    code, out, err = run(capsys, "calllist", "import", project_path, more,
                         "--passphrase-file", secret)
    assert code == 0, err
    assert "1 added" in out or "added 1" in out.casefold(), out
    assert b"22334455" not in project_path.read_bytes()


def test_purge_warns_of_merge_backups_that_still_hold_the_numbers_or_deletes_them(
        project_path, tmp_path, capsys):
    from surveydesk.sync import backups

    folder = tmp_path / "backups"
    made = backups.make_backup(project_path, folder=folder)
    assert b"23456781" in made.read_bytes()  # the backup holds the number in plain text
    code, _, err = run(capsys, "privacy", "purge", project_path, "--call-list", "--yes",
                       "--backup-dir", folder)
    assert code == 0
    assert f"1 merge backup of {project_path.name} in {folder} still holds" in err
    assert made.exists()
    with Project.open(project_path) as project:
        calls.add_calls(project, [calls.NewCall("R9", "+4522334455", "Ulla")])
    code, out, err = run(capsys, "privacy", "purge", project_path, "--call-list", "--yes",
                         "--backup-dir", folder, "--delete-backups")
    assert code == 0 and "Deleted 1 merge backup" in out and err == ""
    assert backups.backups(project_path, folder) == []
