"""File ▸ Encrypt phone numbers and names: a new pass phrase twice, a wrong one refused on
decrypting with nothing changed, and the numbers gone from the file's bytes."""

from __future__ import annotations

import pytest

from surveydesk.core import contact_crypto
from surveydesk.gui.privacy_dialog import ContactEncryptionDialog
from surveydesk.store import calls
from surveydesk.store.contact_encryption import is_encrypted, open_contacts
from surveydesk.store.project import Project

SECRET = "blå bølger bag bakken"
TIMEOUT = 30_000


@pytest.fixture(autouse=True)
def fast_scrypt(monkeypatch):
    monkeypatch.setattr(contact_crypto, "DEFAULT_N", 2 ** 4)


@pytest.fixture
def project(tmp_path):
    from surveydesk.io.demo import write_demo

    path = tmp_path / "demo.sdproj"
    with write_demo(path) as created:
        calls.add_calls(created, [calls.NewCall("R1", "+4523456781", "Søren Ørum")])
    with Project.open(path) as opened:
        yield opened


def _run(qtbot, dialog) -> bool:
    started = dialog.start()
    if started:
        qtbot.waitUntil(lambda: dialog.task is None, timeout=TIMEOUT)
    return started


def test_encrypting_asks_twice_and_leaves_no_number_in_the_file(qtbot, project):
    dialog = ContactEncryptionDialog(None, project)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Encrypt phone numbers and names"
    dialog.passphrase.setText("short")
    assert not dialog.start() and "at least 10" in dialog.error_label.text()
    dialog.passphrase.setText(SECRET)
    dialog.repeat.setText(SECRET + "!")
    assert not dialog.start() and "differ" in dialog.error_label.text()
    assert not is_encrypted(project)
    dialog.repeat.setText(SECRET)
    changed = []
    dialog.changed.connect(changed.append)
    assert _run(qtbot, dialog)
    assert changed == [2] and is_encrypted(project)  # a number and a name
    assert "Keep the pass phrase safe" in dialog.intro.text()
    assert b"23456781" not in project.path.read_bytes()
    assert calls.call(project, 1, open_contacts(project, SECRET)).name == "Søren Ørum"


def test_decrypting_refuses_a_wrong_pass_phrase_and_changes_nothing(qtbot, project):
    from surveydesk.store.contact_encryption import encrypt_contacts

    encrypt_contacts(project, SECRET)
    before = project.path.read_bytes()
    dialog = ContactEncryptionDialog(None, project)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Decrypt phone numbers and names"
    assert dialog.repeat.parent() is None or not dialog.repeat.isVisible()
    dialog.passphrase.setText("not the right one")
    assert _run(qtbot, dialog)
    assert dialog.error_label.text() == "Wrong pass phrase; nothing was changed."
    assert project.path.read_bytes() == before
    dialog.passphrase.setText(SECRET)
    assert _run(qtbot, dialog)
    assert not is_encrypted(project)
    assert calls.call(project, 1).phone == "+4523456781"


def test_the_file_menu_opens_it_for_the_open_project(qtbot, project):
    from surveydesk.gui.main_window import MainWindow

    window = MainWindow(Project.open(project.path))
    qtbot.addWidget(window)
    assert window.encrypt_contacts_action.isEnabled()
    dialog = window.encrypt_contact_data()
    assert dialog is not None and dialog.isVisible() and not dialog.decrypting
    dialog.reject()
    window.close()
