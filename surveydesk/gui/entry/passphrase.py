"""The pass phrase of a project's encrypted contact data, asked when phoning needs numbers.

The dialog only asks; the key is derived and checked by
:func:`surveydesk.store.contact_encryption.open_contacts`, the function the command line
uses. A wrong pass phrase is said in the dialog, which stays open to try again; Cancel
leaves the numbers encrypted (the call list shows "number encrypted" and nothing can be
dialled). The derived key is kept in this process's memory only, for the session
(:func:`session_cipher`), so the interviewer is asked once per project and session; it is
never written anywhere.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from surveydesk.core.contact_crypto import ContactCipher, PassphraseError
from surveydesk.core.errors import SurveyDeskError
from surveydesk.store.contact_encryption import is_encrypted, key_parameters, open_contacts
from surveydesk.store.project import Project

translate = QCoreApplication.translate

#: (project file, key check value) -> the derived key, for this session only.
_SESSION: dict[tuple[str, str], ContactCipher] = {}


def _session_key(project: Project) -> tuple[str, str] | None:
    parameters = key_parameters(project)
    return None if parameters is None else (str(project.path.resolve()), parameters.check)


def session_cipher(project: Project) -> ContactCipher | None:
    """The key already given in this session for ``project`` (``None`` if not yet)."""
    key = _session_key(project)
    return None if key is None else _SESSION.get(key)


def forget_session_keys() -> None:
    _SESSION.clear()


class PassphraseDialog(QDialog):
    """Asks for the pass phrase of ``project``'s contact data until it is right or
    cancelled; :attr:`cipher` holds the key once accepted."""

    def __init__(self, project: Project, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("passphraseDialog")
        self.project = project
        self.cipher: ContactCipher | None = None
        self.setWindowTitle(translate("PassphraseDialog", "Encrypted phone numbers"))
        self.explanation = QLabel(wordWrap=True)
        self.explanation.setText(translate(
            "PassphraseDialog", "The phone numbers and names of this project are encrypted. "
            "Enter the pass phrase to call them. It is asked once while SurveyDesk is open "
            "and is not saved."))
        self.caption = QLabel(translate("PassphraseDialog", "&Pass phrase:"))
        self.edit = QLineEdit(objectName="passphraseEdit")
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.edit.setMinimumWidth(360)
        self.caption.setBuddy(self.edit)
        self.error_label = QLabel(objectName="passphraseError", wordWrap=True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.setVisible(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            translate("PassphraseDialog", "&Unlock"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            translate("PassphraseDialog", "Continue &without numbers"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addSpacing(6)
        layout.addWidget(self.caption)
        layout.addWidget(self.edit)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def accept(self) -> None:
        """Check the pass phrase; the dialog closes only when it opens the numbers."""
        try:
            self.cipher = open_contacts(self.project, self.edit.text())
        except PassphraseError:
            self._show_error(translate(
                "PassphraseDialog", "Wrong pass phrase. Try again, or continue without "
                "numbers."))
            return
        except SurveyDeskError as error:
            self._show_error(str(error))
            return
        key = _session_key(self.project)
        if key is not None:
            _SESSION[key] = self.cipher
        super().accept()

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(True)
        self.edit.selectAll()
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)


def ask_contact_key(parent: QWidget | None, project: Project) -> ContactCipher | None:
    """The key of ``project``'s contact data: from this session, or asked (``None`` when the
    interviewer cancels, or the contact data is not encrypted)."""
    if not is_encrypted(project):
        return None
    known = session_cipher(project)
    if known is not None:
        return known
    dialog = PassphraseDialog(project, parent)
    dialog.exec()
    return dialog.cipher
