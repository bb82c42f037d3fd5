"""The Sync view of the main window: merge device files from the laptops, review conflicts.

Two tabs: :class:`~surveydesk.gui.sync.merge_panel.MergePanel` (choose files, preview,
merge, report) and :class:`~surveydesk.gui.sync.conflicts.ConflictsPanel` (compare the
versions of an interview that devices changed independently, keep one). ``data_changed``
tells the window that the project's interviews changed (a merge wrote, a conflict was
resolved), so that it re-reads what it shows.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from surveydesk.gui.audit_user import records_user
from surveydesk.gui.sync.conflicts import ConflictsPanel
from surveydesk.gui.sync.merge_panel import MergePanel
from surveydesk.gui.translation import fill, ui_locale
from surveydesk.store.project import Project

translate = QCoreApplication.translate


def default_who() -> str:
    """Whom a chosen version is recorded as when the window gives no one: the entry
    profile's interviewer, else the operating-system user (as in the record browser)."""
    return records_user()


class SyncPage(QWidget):
    """Merging device files into the open project, and its merge conflicts."""

    data_changed = Signal()

    def __init__(self, parent: QWidget | None = None, *,
                 who: Callable[[], str] = default_who):
        super().__init__(parent)
        self.project: Project | None = None
        self.merge_panel = MergePanel()
        self.conflicts_panel = ConflictsPanel(who)
        self.tabs = QTabWidget(documentMode=True)
        self.tabs.addTab(self.merge_panel, "")
        self.tabs.addTab(self.conflicts_panel, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.tabs)
        self.merge_panel.merged.connect(self._merged)
        self.merge_panel.conflicts_requested.connect(self.show_conflicts)
        self.conflicts_panel.resolved.connect(lambda _uuid: self.data_changed.emit())
        self.conflicts_panel.count_changed.connect(lambda _count: self._tab_titles())
        self.tabs.currentChanged.connect(self._tab_shown)
        self.retranslateUi()

    def set_project(self, project: Project | None) -> None:
        """Work on ``project`` (``None``: none open; running work is cancelled)."""
        self.project = project
        self.merge_panel.set_project(project)
        self.conflicts_panel.set_project(project)
        self.conflicts_panel.open_count = 0
        self._tab_titles()

    def activate(self) -> bool:
        """Called when the view is shown: read the conflicts again (their count is in the
        tab's title). ``False`` if the project could not be read (a dialog said why)."""
        return self.project is not None and self.conflicts_panel.refresh()

    def show_conflicts(self) -> None:
        self.tabs.setCurrentWidget(self.conflicts_panel)

    def is_busy(self) -> bool:
        return self.merge_panel.task is not None

    def _merged(self, _report) -> None:
        self.conflicts_panel.refresh()
        self.data_changed.emit()

    def _tab_shown(self, _index: int) -> None:
        if self.tabs.currentWidget() is self.conflicts_panel and self.project is not None:
            self.conflicts_panel.refresh()

    def _tab_titles(self) -> None:
        count = self.conflicts_panel.open_count
        self.tabs.setTabText(0, translate("SyncPage", "Merge device files"))
        self.tabs.setTabText(1, fill(translate("SyncPage", "Conflicts (%1)"),
                                     ui_locale().toString(count)) if count else
                             translate("SyncPage", "Conflicts"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def retranslateUi(self) -> None:
        self._tab_titles()
