"""What the Excel report dialog shows while it writes and once it has written: the progress
dialog (text, bar, Cancel) and the message naming the workbook with every warning of the
report and buttons to open it or its folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from surveydesk.gui.analysis.report_work import LANGUAGE_NAMES, WrittenReport
from surveydesk.gui.records_dialogs import arrange, bold, quiet
from surveydesk.gui.translation import fill, ui_locale

translate = QCoreApplication.translate

def open_url(url: QUrl) -> bool:
    """Open ``url`` with the system's program for it (tests replace this)."""
    return QDesktopServices.openUrl(url)


class ReportProgress(QDialog):
    """Writing the report: what is being done, a bar and Cancel. It closes only when the
    work has ended (:meth:`finish`); closing it or Esc asks to cancel."""

    cancel_requested = Signal()

    def __init__(self, file_name: str, parent: QWidget | None = None):
        super().__init__(parent, objectName="reportProgress")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.file_name = file_name
        self._finished = False
        self._text = ""
        self.heading = QLabel(wordWrap=True)
        self.heading.setFont(bold(self.heading.font()))
        self.detail = quiet(QLabel(wordWrap=True, objectName="reportProgressText"))
        self.bar = QProgressBar(objectName="reportProgressBar", minimum=0, maximum=100)
        self.bar.setTextVisible(False)
        self.cancel_button = QPushButton(objectName="reportCancel")
        self.cancel_button.clicked.connect(self.cancel_requested)
        buttons = QDialogButtonBox()
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        arrange(QVBoxLayout(self), self.heading, self.detail, self.bar, 6, buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)
        self.retranslateUi()

    def show_step(self, step: int, total: int, text: str) -> None:
        if not self.cancel_button.isEnabled():
            return  # cancelling: the last steps before the work stops are not news
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(step)
        self._text = text
        self.detail.setText(text)

    def cancelling(self) -> None:
        self.cancel_button.setEnabled(False)
        self.detail.setText(translate("ReportProgress", "Cancelling…"))

    def finish(self) -> None:
        """The work has ended: close and go."""
        self._finished = True
        self.close()
        self.deleteLater()

    def reject(self) -> None:  # Esc
        if not self._finished:
            self.cancel_requested.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._finished:
            event.ignore()
            self.cancel_requested.emit()
            return
        super().closeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def retranslateUi(self) -> None:
        self.setWindowTitle(translate("ReportProgress", "Writing the Excel report"))
        self.heading.setText(fill(translate("ReportProgress", "Writing %1…"), self.file_name))
        self.cancel_button.setText(translate("ReportProgress", "Cancel"))
        if not self.cancel_button.isEnabled():
            self.cancelling()
        else:
            self.detail.setText(self._text or translate("ReportProgress", "Reading the "
                                                                          "project…"))


class ReportWritten(QDialog):
    """The report is written: where, its warnings, and buttons to open it or its folder.
    Shown with ``open()`` (it does not block); it deletes itself when closed."""

    def __init__(self, written: WrittenReport, parent: QWidget | None = None):
        super().__init__(parent, objectName="reportWritten")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.written = written
        style = self.style()
        icon = (QStyle.StandardPixmap.SP_MessageBoxWarning if written.warnings else
                QStyle.StandardPixmap.SP_MessageBoxInformation)
        size = style.pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize, None, self)
        self.icon = QLabel()
        self.icon.setPixmap(style.standardIcon(icon).pixmap(size, size))
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.headline = QLabel(wordWrap=True, objectName="reportWrittenText")
        self.headline.setFont(bold(self.headline.font()))
        self.path_label = QLabel(str(written.path), wordWrap=True, objectName="reportPath")
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary = QLabel(wordWrap=True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.warnings_heading = QLabel(wordWrap=True, visible=bool(written.warnings))
        self.warnings_heading.setFont(bold(self.warnings_heading.font()))
        self.warnings = QPlainTextEdit(objectName="reportWarnings", readOnly=True,
                                       visible=bool(written.warnings))
        self.warnings.setPlainText("\n\n".join(f"• {text}" for text in written.warnings))
        lines = min(12, 2 + sum(1 + len(text) // 70 for text in written.warnings))
        self.warnings.setFixedHeight(self.fontMetrics().lineSpacing() * lines + 12)
        self.no_warnings = quiet(QLabel(wordWrap=True, visible=not written.warnings))

        self.buttons = QDialogButtonBox()
        self.open_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.setObjectName("reportOpen")
        self.folder_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.folder_button.setObjectName("reportShowFolder")
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self.open_report)
        self.folder_button.clicked.connect(self.show_folder)
        self.buttons.rejected.connect(self.reject)

        text = arrange(QVBoxLayout(), self.headline, self.path_label, 6, self.summary, 6,
                       self.warnings_heading,
                       self.warnings, self.no_warnings)
        self.icon.setFixedWidth(size)
        row = arrange(QHBoxLayout(), arrange(QVBoxLayout(), self.icon, None), 12, text)
        row.setStretch(2, 1)
        body = arrange(QVBoxLayout(self), row, 8, self.buttons)
        body.setContentsMargins(16, 14, 16, 12)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 100)
        self.retranslateUi()

    def open_report(self) -> bool:
        """Open the workbook in the program the system has for .xlsx (Excel, LibreOffice)."""
        return self._open(self.written.path)

    def show_folder(self) -> bool:
        return self._open(self.written.path.parent)

    def _open(self, path: Path) -> bool:
        if open_url(QUrl.fromLocalFile(str(path))):
            return True
        QMessageBox.critical(self, translate("ReportWritten", "Could not open"),
                             fill(translate("ReportWritten", "No program could open %1. Open "
                                                             "it from the file manager."),
                                  path))
        return False

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def retranslateUi(self) -> None:
        written = self.written
        self.setWindowTitle(translate("ReportWritten", "Report written"))
        self.headline.setText(translate("ReportWritten", "The report was saved as:"))
        self.summary.setText(fill(
            translate("ReportWritten", "Language: %1 · %2 questions and themes · waves %3"),
            LANGUAGE_NAMES.get(written.language, written.language),
            ui_locale().toString(written.questions), ", ".join(written.waves)))
        self.warnings_heading.setText(translate(
            "ReportWritten", "Please check these warnings before the report goes to the "
                             "client:"))
        self.no_warnings.setText(translate("ReportWritten", "No warnings: every label was "
                                                            "found in the report language."))
        self.open_button.setText(translate("ReportWritten", "&Open report"))
        self.folder_button.setText(translate("ReportWritten", "Show &folder"))
        self.close_button.setText(translate("ReportWritten", "Close"))
