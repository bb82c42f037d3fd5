"""Asking why an interview stops: the citizen left, refused, a language barrier, or other.

The answers already given stay in the project file; the interview is kept as ``aborted``
with the reason (see :func:`~surveydesk.entry.recorder.abort_reason`).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from surveydesk.entry.recorder import ABORT_REASONS, abort_reason

translate = QCoreApplication.translate


class AbortDialog(QDialog):
    """Choose a reason (and add a note); OK is possible once the reason is clear."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("abortDialog")
        self.setMinimumWidth(540)
        self.intro = QLabel(wordWrap=True)
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 18)
        layout.setSpacing(6)
        layout.addWidget(self.intro)
        layout.addSpacing(6)
        for kind in ABORT_REASONS:
            button = QRadioButton()
            self.group.addButton(button)
            self.buttons[kind] = button
            layout.addWidget(button)
            button.toggled.connect(self._update)
        self.note_label = QLabel()
        self.note = QLineEdit()
        self.note.textChanged.connect(self._update)
        self.note_label.setBuddy(self.note)
        layout.addSpacing(6)
        layout.addWidget(self.note_label)
        layout.addWidget(self.note)
        self.box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.box.accepted.connect(self.accept)
        self.box.rejected.connect(self.reject)
        layout.addSpacing(6)
        layout.addWidget(self.box)
        self.buttons["left"].setChecked(True)
        self.retranslateUi()
        self.buttons["left"].setFocus()

    def kind(self) -> str:
        return next(kind for kind, button in self.buttons.items() if button.isChecked())

    def reason(self) -> str:
        """The reason to store, e.g. ``"citizen left"`` or the note for "other"."""
        return abort_reason(self.kind(), self.note.text())

    def _update(self) -> None:
        ready = any(b.isChecked() for b in self.buttons.values()) and (
            self.kind() != "other" or bool(self.note.text().strip()))
        self.box.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ready)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def retranslateUi(self) -> None:
        self.setWindowTitle(translate("AbortDialog", "Abort the interview"))
        self.intro.setText(translate(
            "AbortDialog", "The answers given so far are kept, and the interview is saved as "
            "aborted. Why does the interview stop?"))
        texts = {
            "left": translate("AbortDialog", "The citizen left"),
            "refused": translate("AbortDialog", "The citizen does not want to continue"),
            "language": translate("AbortDialog", "Language barrier"),
            "other": translate("AbortDialog", "Other reason (write it below)"),
        }
        for kind, button in self.buttons.items():
            button.setText(texts[kind])
        self.note_label.setText(translate("AbortDialog", "&Note:"))
        self.box.button(QDialogButtonBox.StandardButton.Ok).setText(
            translate("AbortDialog", "Abort interview"))
        self.box.button(QDialogButtonBox.StandardButton.Cancel).setText(
            translate("AbortDialog", "Continue interview"))
        self._update()
