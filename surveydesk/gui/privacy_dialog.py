"""File ▸ Encrypt phone numbers and names / Decrypt: what ``surveydesk-cli privacy encrypt``
and ``decrypt`` do, from the app.

Encrypting asks for a new pass phrase twice (at least
:data:`~surveydesk.core.contact_crypto.MIN_PASSPHRASE_LENGTH` characters) and says plainly
that a lost pass phrase means lost numbers; decrypting asks for the pass phrase and refuses
a wrong one in the dialog, with nothing changed. The work
(:func:`~surveydesk.store.contact_encryption.encrypt_contacts` or
:func:`~surveydesk.store.contact_encryption.decrypt_contacts`: one transaction, then the
file is rebuilt so the old values leave it) runs in a
:class:`~surveydesk.gui.tasks.BackgroundRun`, so the window stays responsive.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from surveydesk.core.contact_crypto import (
    MIN_PASSPHRASE_LENGTH,
    PassphraseError,
    check_new_passphrase,
)
from surveydesk.core.errors import SurveyDeskError
from surveydesk.gui.entry.passphrase import forget_session_keys
from surveydesk.gui.progress_views import EmbeddedProgress
from surveydesk.gui.tasks import BackgroundRun, RunningTask, error_message
from surveydesk.gui.translation import fill, ui_locale
from surveydesk.store.contact_encryption import decrypt_contacts, encrypt_contacts, is_encrypted
from surveydesk.store.project import Project

translate = QCoreApplication.translate


class ContactEncryptionDialog(QDialog):
    """Encrypts the call list's numbers and names of ``project``, or decrypts them when
    they are encrypted already."""

    changed = Signal(int)  # how many numbers were converted
    task = RunningTask()  # the conversion's task while it runs

    def __init__(self, parent: QWidget | None, project: Project):
        super().__init__(parent)
        self.setObjectName("contactEncryptionDialog")
        self.project = project
        self.decrypting = is_encrypted(project)
        self.running: BackgroundRun | None = None
        self.converted: int | None = None
        self.intro = QLabel(wordWrap=True)
        self.passphrase = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.passphrase_caption, self.repeat_caption = QLabel(), QLabel()
        self.passphrase_caption.setBuddy(self.passphrase)
        self.repeat_caption.setBuddy(self.repeat)
        form = QFormLayout()
        form.addRow(self.passphrase_caption, self.passphrase)
        if not self.decrypting:
            form.addRow(self.repeat_caption, self.repeat)
        self.error_label = QLabel(wordWrap=True)
        self.error_label.setStyleSheet("color: #9C0006;")
        self.error_label.hide()
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self.retranslateUi()

    def start(self) -> bool:
        """Check the pass phrase(s) and convert in the background; ``False`` if refused."""
        if self.task is not None:
            return False
        secret = self.passphrase.text()
        if self.converted is not None:  # done: OK closes
            self.accept()
            return False
        if not self.decrypting:
            try:
                check_new_passphrase(secret)
            except SurveyDeskError as error:
                return self._refuse(str(error))
            if secret != self.repeat.text():
                return self._refuse(translate("ContactEncryption",
                                              "The two pass phrases differ; type it again."))
        convert = decrypt_contacts if self.decrypting else encrypt_contacts
        self.running = BackgroundRun(
            self.project.path, lambda project, _progress, _cancelled: convert(project, secret),
            self, view=EmbeddedProgress(self.progress), on_success=self._succeeded,
            on_failure=self._failed)
        self.running.finished.connect(self._finished)
        self._set_busy(True)
        self.running.start()
        return True

    def _refuse(self, text: str) -> bool:
        self.error_label.setText(text)
        self.error_label.show()
        self.passphrase.setFocus()
        return False

    def _succeeded(self, count: int) -> None:
        self.converted = count
        forget_session_keys()  # the key of this project changed or went away
        done = (translate("ContactEncryption", "Decrypted %1 values (phone numbers and names); "
                                               "they are stored in plain text again.")
                if self.decrypting else
                translate("ContactEncryption", "Encrypted %1 values (phone numbers and names). "
                                               "Keep the pass phrase safe: without it nobody "
                                               "can read them again."))
        self.intro.setText(fill(done, ui_locale().toString(count)))
        self.error_label.hide()
        self.changed.emit(count)

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, PassphraseError):
            self._refuse(translate("ContactEncryption", "Wrong pass phrase; nothing was "
                                                        "changed."))
            return
        self._refuse(error_message(self.project.path, error))  # a bug: the run passes it on

    def _finished(self) -> None:
        self.running = None
        self._set_busy(False)
        if self.converted is not None:
            self.passphrase.clear()
            self.repeat.clear()
            self.passphrase.setEnabled(False)
            self.repeat.setEnabled(False)
            self.buttons.button(QDialogButtonBox.StandardButton.Cancel).hide()
            self.retranslateUi()

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        for widget in (self.passphrase, self.repeat, self.buttons):
            widget.setEnabled(not busy)

    def reject(self) -> None:
        if self.task is not None:  # one transaction: it completes or changes nothing
            return
        super().reject()

    def abandon(self) -> None:
        if self.task is not None:
            self.task.wait()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def retranslateUi(self) -> None:
        if self.decrypting:
            self.setWindowTitle(translate("ContactEncryption",
                                          "Decrypt phone numbers and names"))
            intro = translate("ContactEncryption", "The call list's phone numbers and names "
                                                   "are encrypted. Give the pass phrase to "
                                                   "store them in plain text again.")
        else:
            self.setWindowTitle(translate("ContactEncryption",
                                          "Encrypt phone numbers and names"))
            intro = fill(translate(
                "ContactEncryption",
                "The call list's phone numbers and names are stored encrypted (AES-256-GCM) "
                "with a key from this pass phrase; interviews and answers are not. Phoning "
                "asks for the pass phrase once per session.\n\nChoose at least %1 "
                "characters, e.g. a few words. If the pass phrase is lost, nobody can read "
                "the numbers again."), MIN_PASSPHRASE_LENGTH)
        if self.converted is None:
            self.intro.setText(intro)
        self.passphrase_caption.setText(translate("ContactEncryption", "&Pass phrase:"))
        self.repeat_caption.setText(translate("ContactEncryption", "&Repeat it:"))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if self.converted is not None:
            ok.setText(translate("ContactEncryption", "Close"))
        elif self.decrypting:
            ok.setText(translate("ContactEncryption", "&Decrypt"))
        else:
            ok.setText(translate("ContactEncryption", "&Encrypt"))
