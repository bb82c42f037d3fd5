"""The "Merge device files" tab of the Sync view: choose files, preview, merge, read the report.

Preview and merge are :func:`surveydesk.sync.merge.merge_device_files` (``write=False`` for
the preview), the function ``surveydesk-cli sync merge`` calls. It runs in a
:class:`~surveydesk.gui.tasks.BackgroundRun` with its own connection to the project file, so
the window stays responsive, shows progress and can cancel; the merge checks every file and
writes in one transaction, so an error or a cancel leaves the project as it was.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from surveydesk.core.contact_crypto import ContactCipher
from surveydesk.gui.entry.passphrase import ask_contact_key
from surveydesk.gui.progress_views import EmbeddedProgress
from surveydesk.gui.records_dialogs import arrange, bold, quiet
from surveydesk.gui.sync import report as wording
from surveydesk.gui.tasks import BackgroundRun, RunningTask, show_failure
from surveydesk.gui.translation import fill
from surveydesk.store.contact_encryption import is_encrypted
from surveydesk.store.project import Project
from surveydesk.sync.device_file import SUFFIX, peek_manifest
from surveydesk.sync.merge import MergeCancelled, MergeReport, merge_device_files

translate = QCoreApplication.translate
PATH_ROLE = Qt.ItemDataRole.UserRole


class MergePanel(QWidget):
    """Device files to merge into the open project, and what merging them does or did."""

    merged = Signal(object)  # MergeReport of a merge that wrote to the project
    conflicts_requested = Signal()
    task = RunningTask()  # the preview's or merge's task while it runs

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.project_path: Path | None = None
        self.running: BackgroundRun | None = None  # the latest preview or merge
        self.report: MergeReport | None = None
        self._job: tuple[bool, list[str]] = (False, [])  # (write, file names) of the task
        self._step: tuple[int, int] | None = None
        self._status: str | None = None  # a key of _status_text()

        self.intro = quiet(QLabel(wordWrap=True))
        self.files_heading = QLabel()
        self.files_heading.setFont(bold(self.files_heading.font()))
        self.file_list = QListWidget(objectName="deviceFiles")
        self.file_list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.file_list.setMaximumHeight(self.fontMetrics().height() * 7)
        self.file_list.itemSelectionChanged.connect(self._update_buttons)
        self.drop_hint = quiet(QLabel(wordWrap=True))
        self.add_button, self.remove_button = QPushButton(), QPushButton()
        self.add_button.clicked.connect(self.choose_files)
        self.remove_button.clicked.connect(self.remove_selected)
        file_buttons = arrange(QVBoxLayout(), self.add_button, self.remove_button, None)
        files = arrange(QHBoxLayout(), self.file_list, file_buttons)

        self.preview_button, self.merge_button = QPushButton(), QPushButton()
        self.cancel_button = QPushButton()
        self.preview_button.clicked.connect(self.preview)
        self.merge_button.clicked.connect(self.merge)
        self.cancel_button.clicked.connect(self.cancel)
        self.progress = QProgressBar(textVisible=False, visible=False)
        self.progress.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.status_label = QLabel()
        self.progress_view = EmbeddedProgress(
            self.progress, self.cancel_button,
            on_step=lambda step, total, _text: self._progressed(step, total),
            on_cancelling=lambda: self._set_status("cancelling"))
        actions = arrange(QHBoxLayout(), self.preview_button, self.merge_button, 12,
                          self.progress, self.cancel_button, 8, self.status_label, None)

        self.report_heading = QLabel(wordWrap=True, visible=False)
        self.report_heading.setFont(bold(self.report_heading.font(), 1.1))
        self.table = QTableWidget(0, len(wording.column_titles()), objectName="mergeReport")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(True)  # long file names wrap at their hyphens
        self.table.setStyleSheet("QTableWidget::item { padding: 3px 0px; }")
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.verticalHeader().setVisible(False)
        self.table.setVisible(False)
        # Wrapped names need their rows measured again when the file column changes width,
        # and the table is as tall as its rows.
        header = self.table.horizontalHeader()
        header.sectionResized.connect(self.table.resizeRowsToContents)
        header.geometriesChanged.connect(self.table.resizeRowsToContents)
        self.table.verticalHeader().sectionResized.connect(self._fit_height)
        self.details_label = QLabel(wordWrap=True, visible=False)
        self.details_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.conflicts_button = QPushButton(visible=False)
        self.conflicts_button.clicked.connect(self.conflicts_requested)
        details = arrange(QHBoxLayout(), self.details_label, 1, self.conflicts_button)
        details.setStretch(0, 1)
        details.setAlignment(self.conflicts_button, Qt.AlignmentFlag.AlignTop)

        layout = arrange(QVBoxLayout(self), self.intro, 6, self.files_heading, files,
                         self.drop_hint, 4, actions, 10, self.report_heading, self.table,
                         details, None)
        layout.setContentsMargins(16, 12, 16, 12)
        self.retranslateUi()

    # -- the project -----------------------------------------------------------------------
    def set_project(self, project: Project | None) -> None:
        """Merge into ``project`` from now on (``None``: nothing open). Another project
        starts with an empty list; work still running for the previous one is cancelled."""
        path = None if project is None else project.path
        if path != self.project_path:
            self.abandon()
            self.file_list.clear()
            self._show_report(None)
            self._set_status(None)
        self.project_path = path
        self._update_buttons()

    def abandon(self) -> None:
        """Cancel running work and wait for its thread; its outcome is ignored."""
        if self.task is not None:
            self.running.abandon()
            self._set_busy(False)

    # -- files -----------------------------------------------------------------------------
    def files(self) -> list[Path]:
        """The chosen device files, in the order they were added."""
        return [Path(self.file_list.item(row).data(PATH_ROLE))
                for row in range(self.file_list.count())]

    def add_files(self, paths) -> int:
        """Add ``paths`` to the list (each file once); returns how many were new."""
        known = {path.resolve() for path in self.files()}
        added = 0
        for path in map(Path, paths):
            if path.resolve() in known:
                continue
            known.add(path.resolve())
            item = QListWidgetItem(path.name)
            item.setData(PATH_ROLE, str(path))
            item.setToolTip(str(path))
            self.file_list.addItem(item)
            added += 1
        if added:
            self._files_changed()
        return added

    def choose_files(self) -> None:
        """Ask for device files (several at once)."""
        start = "" if self.project_path is None else str(self.project_path.parent)
        paths, _ = QFileDialog.getOpenFileNames(
            self, translate("MergePanel", "Add device files"), start,
            fill(translate("MergePanel", "Device files (*%1);;All files (*)"), SUFFIX))
        self.add_files(paths)

    def remove_selected(self) -> None:
        for item in self.file_list.selectedItems():
            self.file_list.takeItem(self.file_list.row(item))
        self._files_changed()

    def _files_changed(self) -> None:
        # A report shown was for other files; it would mislead now.
        if self.report is not None and not self.report.written:
            self._show_report(None)
        self._set_status(None)
        self._update_buttons()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.task is None and self.project_path is not None and _local_files(event):
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:
        if self.task is None and self.project_path is not None and _local_files(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = _local_files(event)
        if self.task is None and self.project_path is not None and paths:
            self.add_files(paths)
            event.acceptProposedAction()

    # -- preview and merge -----------------------------------------------------------------
    def preview(self) -> bool:
        """Work out what merging the files would do, without writing (in the background)."""
        return self._start(write=False)

    def merge(self) -> bool:
        """Merge the files into the project (in the background); the report follows."""
        return self._start(write=True)

    def cancel(self) -> None:
        if self.running is not None:
            self.running.cancel()

    def _start(self, *, write: bool) -> bool:
        paths = self.files()
        if self.task is not None or self.project_path is None or not paths:
            return False
        cipher = self._contact_key(paths)

        def work(project, progress, cancelled) -> MergeReport:
            return merge_device_files(project, paths, write=write, progress=progress,
                                      cancelled=cancelled, cipher=cipher)

        self.running = BackgroundRun(
            self.project_path, work, self, view=self.progress_view,
            on_success=self._succeeded, on_cancelled=self._cancelled,
            on_failure=self._failed)
        self._job, self._step = (write, [p.name for p in paths]), None
        self._status = None
        if not write:
            self._show_report(None)
        self._set_busy(True)
        self._show_progress()
        self.running.start()
        return True

    def _contact_key(self, paths: list[Path]) -> ContactCipher | None:
        """The master's contact key when its numbers are encrypted and a file carries
        numbers (asked once per session); ``None`` otherwise, or when the user goes on
        without it (then the merge explains what it needs)."""
        carrying = [m for m in map(peek_manifest, paths) if m is not None
                    and m.contacts_included]
        if not carrying:
            return None
        with Project.open(self.project_path) as master:
            return ask_contact_key(self, master) if is_encrypted(master) else None

    def _progressed(self, step: int, total: int) -> None:
        self._step = (step, total)
        self._show_progress()

    def _show_progress(self) -> None:
        write, names = self._job
        step, total = self._step or (0, len(names) + 1)
        if names and len(names) <= step < total and write:
            self.progress.setRange(0, 0)  # writing: one transaction, no steps to count
        else:
            self.progress.setRange(0, total)
            self.progress.setValue(step)
        if self._status != "cancelling":
            self._set_status("working")

    def _succeeded(self, report: MergeReport) -> None:
        self._set_busy(False)
        self._set_status(None if report.written else "ready")
        self._show_report(report)
        if not report.written and report.changed_interviews:
            self.merge_button.setFocus()
        if report.written:
            self.merged.emit(report)

    def _cancelled(self, _error: MergeCancelled) -> None:
        self._set_busy(False)
        self._set_status("cancelled")

    def _failed(self, error: BaseException) -> None:
        write, _names = self._job
        self._set_busy(False)
        self._set_status("unchanged")
        title = (translate("MergePanel", "Could not merge the device files") if write else
                 translate("MergePanel", "Could not preview the merge"))
        show_failure(self, title, self.project_path, error)

    def _set_status(self, status: str | None) -> None:
        self._status = status
        self.status_label.setText(self._status_text())

    def _status_text(self) -> str:
        write, names = self._job
        step, total = self._step or (0, len(names) + 1)
        if self._status == "working":
            return wording.progress_text(step, total, names, write=write)
        return {
            "cancelling": translate("MergePanel", "Cancelling…"),
            "ready": translate("MergePanel", "Preview ready."),
            "cancelled": translate("MergePanel", "Cancelled: nothing was changed."),
            "unchanged": translate("MergePanel", "Nothing was changed."),
        }.get(self._status or "", "")

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.cancel_button.setEnabled(busy)
        self.file_list.setEnabled(not busy)
        self._update_buttons()

    def _update_buttons(self) -> None:
        idle = self.task is None and self.project_path is not None
        has_files = self.file_list.count() > 0
        self.add_button.setEnabled(idle)
        self.remove_button.setEnabled(idle and bool(self.file_list.selectedItems()))
        self.preview_button.setEnabled(idle and has_files)
        self.merge_button.setEnabled(idle and has_files)

    # -- the report ------------------------------------------------------------------------
    def _show_report(self, report: MergeReport | None) -> None:
        self.report = report
        self.report_heading.setVisible(report is not None)
        self.table.setVisible(report is not None)
        self.details_label.setVisible(report is not None)
        self.conflicts_button.setVisible(bool(report and report.written
                                              and report.open_conflicts))
        wording.fill_report_table(self.table, report)
        if report is None:
            return
        self.table.resizeRowsToContents()
        self.report_heading.setText(wording.headline(report))
        lines = wording.details(report)
        self.details_label.setText("\n".join(lines))
        self.details_label.setVisible(bool(lines))
        self._fit_height()

    def _fit_height(self, *_args) -> None:
        # As tall as its rows: a report of a few files, not a grid to scroll.
        rows = sum(self.table.rowHeight(row) for row in range(self.table.rowCount()))
        header = self.table.horizontalHeader()
        self.table.setFixedHeight(max(header.sizeHint().height(), header.minimumHeight())
                                  + rows + 2 * self.table.frameWidth())

    # -- language --------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def retranslateUi(self) -> None:
        self.intro.setText(translate(
            "MergePanel", "Bring in the interviews entered on the laptops: each laptop exports "
            "a device file (File ▸ Export device file…). Add the files here, preview what they "
            "bring, then merge them into this project. A backup of the project is made before "
            "anything is written; a damaged file or a cancel leaves the project unchanged."))
        self.files_heading.setText(translate("MergePanel", "Device files"))
        self.drop_hint.setText(translate("MergePanel", "You can also drag device files here "
                                                       "from a folder or a USB stick."))
        self.add_button.setText(translate("MergePanel", "&Add device files…"))
        self.remove_button.setText(translate("MergePanel", "&Remove"))
        self.preview_button.setText(translate("MergePanel", "&Preview"))
        self.merge_button.setText(translate("MergePanel", "&Merge"))
        self.cancel_button.setText(translate("MergePanel", "Cancel"))
        self.conflicts_button.setText(translate("MergePanel", "Review &conflicts"))
        wording.set_titles(self.table)
        self._set_status(self._status)
        self._show_report(self.report)


def _local_files(event) -> list[Path]:
    """The local files dragged in (``[]`` if none, e.g. text or a web link)."""
    data = event.mimeData()
    if not data.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in data.urls()
            if url.isLocalFile() and Path(url.toLocalFile()).is_file()]
