"""Phoning a project whose contact data is encrypted: the pass phrase is asked once per
session, a wrong one is said and asked again, and without it no number can be dialled.
In-person entry never asks."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from surveydesk.core import contact_crypto
from surveydesk.gui.entry import passphrase
from surveydesk.gui.entry.passphrase import PassphraseDialog
from surveydesk.store import calls
from surveydesk.store.contact_encryption import encrypt_contacts

from .test_phone_mode import CALL_LIST, T0, Clock, import_through_the_menu

PASS = "blå bølger bag bakken"


@pytest.fixture
def call_list_file(tmp_path):
    path = tmp_path / "ringeliste.csv"
    path.write_text(CALL_LIST, encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def no_message_boxes(monkeypatch):
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.Ok)


@pytest.fixture(autouse=True)
def fresh_session(monkeypatch):
    monkeypatch.setattr(contact_crypto, "DEFAULT_N", 2 ** 4)
    passphrase.forget_session_keys()
    yield
    passphrase.forget_session_keys()


class Interviewer:
    """Answers the pass phrase dialog with ``answers`` in turn (None: Cancel) and remembers
    what the dialog said."""

    def __init__(self, monkeypatch, *answers):
        self.answers = list(answers)
        self.asked = 0
        self.errors: list[str] = []
        monkeypatch.setattr(PassphraseDialog, "exec", lambda dialog: self.exec(dialog))

    def exec(self, dialog: PassphraseDialog) -> int:
        self.asked += 1
        assert dialog.edit.echoMode() == dialog.edit.EchoMode.Password
        while self.answers:
            answer = self.answers.pop(0)
            if answer is None:
                dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
                return dialog.result()
            dialog.edit.setText(answer)
            dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
            if dialog.result() == dialog.DialogCode.Accepted:
                return dialog.result()
            assert not dialog.error_label.isHidden()
            self.errors.append(dialog.error_label.text())
        raise AssertionError("the dialog asked more often than expected")


@pytest.fixture
def encrypted(window, call_list_file, monkeypatch, keyboard):
    import_through_the_menu(window, call_list_file, monkeypatch)
    encrypt_contacts(window.project, PASS)
    start_page = window.entry_page.start_page
    start_page.calls.clock = Clock(T0)
    keyboard.type("MB")
    return start_page


def phone_mode(start_page) -> None:
    start_page.mode_combo.setCurrentIndex(start_page.mode_combo.findData("phone"))


def in_person(start_page) -> None:
    start_page.mode_combo.setCurrentIndex(start_page.mode_combo.findData("in_person"))


def test_the_pass_phrase_is_asked_a_wrong_one_said_and_the_number_shown(encrypted,
                                                                        monkeypatch):
    interviewer = Interviewer(monkeypatch, "blå bølger bag bakker", PASS)
    phone_mode(encrypted)
    panel = encrypted.calls.panel
    assert interviewer.asked == 1
    assert interviewer.errors == ["Wrong pass phrase. Try again, or continue without "
                                  "numbers."]
    assert panel.phone_label.text() == "+45 20 12 34 56"
    assert panel.name_label.text() == "Åse Ørum"
    assert panel.unlock_button.isHidden()
    assert panel.outcome_buttons["interview"].isEnabled()
    # Once per session: back to in-person and to phoning again, nobody asks.
    in_person(encrypted)
    phone_mode(encrypted)
    assert interviewer.asked == 1
    assert encrypted.calls.panel.phone_label.text() == "+45 20 12 34 56"


def test_cancelled_the_calls_show_number_encrypted_and_cannot_be_dialled(encrypted,
                                                                         monkeypatch, qtbot,
                                                                         window):
    interviewer = Interviewer(monkeypatch, None)
    phone_mode(encrypted)
    panel = encrypted.calls.panel
    assert panel.phone_label.text() == "Number encrypted"
    assert "pass phrase" in panel.name_label.text()
    assert "20 12" not in panel.phone_label.text() + panel.name_label.text()
    assert not any(b.isEnabled() for b in panel.outcome_buttons.values())
    assert not panel.record("interview")
    assert calls.call(window.project, 1).attempts == 0
    assert panel.unlock_button.isVisible()
    # Asked again from the panel's button: now the numbers can be called.
    interviewer.answers = [PASS]
    qtbot.mouseClick(panel.unlock_button, Qt.MouseButton.LeftButton)
    assert interviewer.asked == 2
    assert panel.phone_label.text() == "+45 20 12 34 56"
    assert panel.outcome_buttons["no_answer"].isEnabled()
    assert panel.record("no_answer")
    assert calls.call(window.project, 1).attempts == 1


def test_in_person_entry_never_asks(encrypted, monkeypatch):
    interviewer = Interviewer(monkeypatch)
    in_person(encrypted)
    assert interviewer.asked == 0 and encrypted.calls.panel is None


def test_a_project_without_encryption_never_asks(window, call_list_file, monkeypatch):
    interviewer = Interviewer(monkeypatch)
    import_through_the_menu(window, call_list_file, monkeypatch)
    start_page = window.entry_page.start_page
    start_page.calls.clock = Clock(T0)
    phone_mode(start_page)
    assert interviewer.asked == 0
    assert start_page.calls.panel.phone_label.text() == "+45 20 12 34 56"


def test_a_call_list_imported_into_an_encrypted_project_asks_and_is_encrypted(
        encrypted, window, monkeypatch, tmp_path):
    more = tmp_path / "flere.csv"
    more.write_text("reference,phone,name\nR-NEW,+45 30 40 50 60,Ærlige Østergård\n",
                    encoding="utf-8")
    interviewer = Interviewer(monkeypatch, None)
    import_through_the_menu(window, more, monkeypatch)  # cancelled: nothing imported
    assert interviewer.asked == 1
    assert "R-NEW" not in set(calls.calls(window.project)["reference"])
    interviewer.answers = [PASS]
    import_through_the_menu(window, more, monkeypatch)
    assert interviewer.asked == 2
    listed = calls.calls(window.project)
    added = listed[listed["reference"] == "R-NEW"].iloc[0]
    assert added["phone"] == ""  # stored encrypted: blank without the key
    assert b"30405060" not in window.project.path.read_bytes()
    unlocked = calls.calls(window.project, passphrase.session_cipher(window.project))
    assert unlocked[unlocked["reference"] == "R-NEW"].iloc[0]["phone"] == "+4530405060"
