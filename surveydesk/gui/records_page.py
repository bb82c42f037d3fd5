"""The "Interview records" view of the main window: the record browser of the open project.

A :class:`~surveydesk.gui.records.RecordBrowser` belongs to one project. It is made when the
view is first shown and dropped as soon as its project is closed or replaced, so it never
reads a closed project file. Each time the view is shown the browser reads the project
again: entry may have added interviews since. The browser sits in a scroll area, so that
its row of filters does not make the whole window wider than the other views need.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFrame, QMessageBox, QScrollArea, QVBoxLayout, QWidget

from surveydesk.core.errors import SurveyDeskError
from surveydesk.gui.records import RecordBrowser
from surveydesk.store.database import STORAGE_ERRORS, explain_storage_error
from surveydesk.store.project import Project

translate = QCoreApplication.translate


class RecordsPage(QWidget):
    """Hosts the record browser of the open project (none while no project is open)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.project: Project | None = None
        self.browser: RecordBrowser | None = None
        self.scroll = QScrollArea(widgetResizable=True, frameShape=QFrame.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 0)
        layout.addWidget(self.scroll)

    def set_project(self, project: Project | None) -> None:
        """Browse ``project`` from the next showing on (``None``: nothing open)."""
        if project is not self.project:
            self._drop()
        self.project = project

    def show_records(self, who: str) -> bool:
        """Read the interviews again; corrections are audited as ``who``. On a problem
        say so in a dialog and return ``False``."""
        if self.project is None:
            return False
        try:
            if self.browser is None:
                self.browser = RecordBrowser(self.project, who)
                self.scroll.setWidget(self.browser)
            else:
                self.browser.who = who
                self.browser.reload()
        except SurveyDeskError as error:
            message = str(error)
        except STORAGE_ERRORS as error:
            message = str(explain_storage_error(self.project.path, error))
        else:
            self.browser.table.setFocus()
            return True
        self._drop()
        QMessageBox.critical(self, translate("RecordsPage", "Could not read the interviews"),
                             message)
        return False

    def _drop(self) -> None:
        browser, self.browser = self.browser, None
        if browser is not None:
            self.scroll.takeWidget()
            browser.hide()
            browser.deleteLater()
