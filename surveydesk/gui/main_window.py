"""The main window: open or create a project, see what it holds, enter interviews, switch
the UI language.

Everything that touches data goes through the same functions the command line uses
(``Project.open``, ``Project.create``, ``read_xlsform``, ``write_demo``). A
:class:`SurveyDeskError` is shown in a dialog with its message; never a traceback.

Five views share the window, one click apart (toolbar or View menu, Ctrl+1/2/3/4/5): the
project overview, interview entry (:mod:`surveydesk.gui.entry`), the interview records
(:mod:`surveydesk.gui.records`), where answers are read, corrected and deleted, Sync
(:mod:`surveydesk.gui.sync`), where device files from the laptops are merged and merge
conflicts resolved, and Analysis (:mod:`surveydesk.gui.analysis`), the tables, charts and
response rates. File ▸ Export device file writes this laptop's device file; File ▸ Write
Excel report (Ctrl+R, also a button of the Analysis view) the client's workbook.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from surveydesk.core.errors import SurveyDeskError
from surveydesk.core.xlsform import read_xlsform
from surveydesk.gui import call_import, drops, first_run, layout, shortcuts, translation
from surveydesk.gui.analysis import AnalysisPage
from surveydesk.gui.audit_user import records_user
from surveydesk.gui.entry import EntryPage
from surveydesk.gui.entry import contacts as call_contacts
from surveydesk.gui.export_dialog import ExportDialog
from surveydesk.gui.import_dialog import ImportDialog, choose_data_file
from surveydesk.gui.location_warning import confirm_location
from surveydesk.gui.overview import OverviewPage
from surveydesk.gui.privacy_dialog import ContactEncryptionDialog
from surveydesk.gui.recent import RecentMenu, remember_project
from surveydesk.gui.records_page import RecordsPage
from surveydesk.gui.save_folder import app_data_directory
from surveydesk.gui.sync import SyncPage
from surveydesk.gui.sync import export as device_export
from surveydesk.gui.tasks import BackgroundRun
from surveydesk.gui.translation import fill
from surveydesk.io.demo import DEMOS, write_demo
from surveydesk.store.database import STORAGE_ERRORS, explain_storage_error
from surveydesk.store.project import Project

translate = QCoreApplication.translate

PROJECT_SUFFIX = ".sdproj"


def open_demo_project(form: str = "citizen_service", directory: Path | None = None) -> Project:
    """Open the demo project ``form``, creating it on first use."""
    directory = app_data_directory() if directory is None else Path(directory)
    path = directory / f"demo-{form}{PROJECT_SUFFIX}"
    if path.exists():
        return Project.open(path)
    directory.mkdir(parents=True, exist_ok=True)
    try:
        return write_demo(path, form)
    except BaseException:
        # A half-written demo would be opened next time as if it were complete.
        for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            leftover.unlink(missing_ok=True)
        raise


def demo_names() -> dict[str, str]:
    """Menu texts of the bundled demos, in the current UI language."""
    names = {
        "citizen_service": translate("MainWindow", "Citizen service survey"),
        "jobcentre": translate("MainWindow", "Jobcentre survey"),
    }
    return {form: names.get(form, form) for form in DEMOS}


class MainWindow(QMainWindow):
    """The SurveyDesk main window showing one project at a time."""

    def __init__(
        self,
        project: Project | None = None,
        *,
        demo_dir: Path | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.project: Project | None = None
        self._demo_dir = demo_dir
        self.overview_page = OverviewPage(self)
        self.entry_page = EntryPage(self)
        self.records_page = RecordsPage(self)
        self.sync_page = SyncPage(self, who=lambda: records_user(
            self.entry_page.start_page.interviewer_edit.text()))
        self.sync_page.data_changed.connect(self.data_changed)
        self.analysis_page = AnalysisPage(self)
        self.export_task: BackgroundRun | None = None
        self.import_dialog: ImportDialog | None = None
        self.export_dialog: ExportDialog | None = None
        self.form_task: BackgroundRun | None = None  # a questionnaire version being added
        self.pages = QStackedWidget(self)
        for page in (self.overview_page, self.entry_page, self.records_page, self.sync_page,
                     self.analysis_page):
            self.pages.addWidget(page)
        self.setCentralWidget(self.pages)
        self.path_label = QLabel()
        self.path_label.setContentsMargins(8, 2, 8, 2)
        self.statusBar().addWidget(self.path_label, 1)
        self._build_menus()
        self.getting_started = first_run.GettingStartedPanel(first_run.steps(
            self.overview_action, self.entry_action, self.analysis_action, self.report_action),
            self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.getting_started)
        self.getting_started.hide()
        self.shortcuts_dialog: shortcuts.ShortcutsDialog | None = None
        self.session = False  # whether the layout is remembered: see start_session
        self.setAcceptDrops(True)
        self.retranslateUi()
        self.set_project(project)

    # -- menus -----------------------------------------------------------------------------
    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.new_action = self.file_menu.addAction("", self.choose_new_project)
        self.new_action.setShortcut(QKeySequence.StandardKey.New)
        self.open_action = self.file_menu.addAction("", self.choose_project)
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.recent_menu = RecentMenu(self.open_project, self)
        self.file_menu.addMenu(self.recent_menu)
        self.demo_menu = QMenu(self)
        self.file_menu.addMenu(self.demo_menu)
        self.demo_actions: dict[str, QAction] = {}
        for form in DEMOS:
            action = self.demo_menu.addAction("")
            action.triggered.connect(lambda _checked=False, form=form: self.open_demo(form))
            self.demo_actions[form] = action
        self.file_menu.addSeparator()
        self.import_data_action = self.file_menu.addAction("", self.choose_data_file)
        self.export_data_action = self.file_menu.addAction("", self.export_data)
        self.export_data_action.setShortcut(QKeySequence("Ctrl+E"))
        self.import_calls_action = self.file_menu.addAction("", self.import_call_list)
        self.export_device_action = self.file_menu.addAction("", self.export_device_file)
        self.remove_contacts_action = self.file_menu.addAction("", self.remove_contact_data)
        self.encrypt_contacts_action = self.file_menu.addAction("", self.encrypt_contact_data)
        self.report_action = self.file_menu.addAction("", self.write_report)
        self.report_action.setShortcut(QKeySequence("Ctrl+R"))
        self.file_menu.addSeparator()
        self.close_action = self.file_menu.addAction("", lambda: self.set_project(None))
        self.close_action.setShortcut(QKeySequence.StandardKey.Close)
        self.quit_action = self.file_menu.addAction("", self.close)
        # Not every platform defines a Quit key (Windows has none); Ctrl+Q is understood.
        self.quit_action.setShortcuts(
            QKeySequence.keyBindings(QKeySequence.StandardKey.Quit) or [QKeySequence("Ctrl+Q")]
        )

        self.view_menu = bar.addMenu("")
        modes = QActionGroup(self)
        modes.setExclusive(True)
        self.overview_action = QAction(self, checkable=True, checked=True)
        self.overview_action.setShortcut(QKeySequence("Ctrl+1"))
        self.overview_action.triggered.connect(self.show_overview)
        self.entry_action = QAction(self, checkable=True)
        self.entry_action.setShortcut(QKeySequence("Ctrl+2"))
        self.entry_action.triggered.connect(self.show_entry)
        self.records_action = QAction(self, checkable=True)
        self.records_action.setShortcut(QKeySequence("Ctrl+3"))
        self.records_action.triggered.connect(self.show_records)
        self.sync_action = QAction(self, checkable=True)
        self.sync_action.setShortcut(QKeySequence("Ctrl+4"))
        self.sync_action.triggered.connect(self.show_sync)
        self.analysis_action = QAction(self, checkable=True)
        self.analysis_action.setShortcut(QKeySequence("Ctrl+5"))
        self.analysis_action.triggered.connect(self.show_analysis)
        self.mode_bar = self.addToolBar("")
        self.mode_bar.setObjectName("modeToolBar")
        self.mode_bar.setMovable(False)
        for action in (self.overview_action, self.entry_action, self.records_action,
                       self.sync_action, self.analysis_action):
            modes.addAction(action)
            self.view_menu.addAction(action)
            self.mode_bar.addAction(action)
        self.view_menu.addSeparator()
        self.language_menu = QMenu(self)
        self.view_menu.addMenu(self.language_menu)
        group = QActionGroup(self)
        group.setExclusive(True)
        self.language_actions: dict[str, QAction] = {}
        # Each language is named in itself, so a user can find theirs in any UI language.
        for code, name in (("da", "Dansk"), ("en", "English")):
            action = QAction(name, self, checkable=True)
            action.triggered.connect(lambda _checked=False, code=code: self.set_language(code))
            group.addAction(action)
            self.language_menu.addAction(action)
            self.language_actions[code] = action
        self.language_actions[translation.current_language()].setChecked(True)

        self.help_menu = bar.addMenu("")
        self.getting_started_action = self.help_menu.addAction("", self.show_getting_started)
        self.shortcuts_action = self.help_menu.addAction("", self.show_shortcuts)
        self.shortcuts_action.setShortcut(QKeySequence.StandardKey.HelpContents)
        if self.shortcuts_action.shortcut().isEmpty():  # platforms without a Help key binding
            self.shortcuts_action.setShortcut(QKeySequence("F1"))
        self.help_menu.addSeparator()
        self.about_action = self.help_menu.addAction("", self.show_about)

    # -- language --------------------------------------------------------------------------
    def set_language(self, code: str, *, remember: bool = True) -> None:
        """Switch the UI language; every open window re-translates at once."""
        if code != translation.current_language():
            translation.set_ui_language(code)
        self.language_actions[code].setChecked(True)
        if remember:
            translation.remember_language(code)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def retranslateUi(self) -> None:
        self.file_menu.setTitle(translate("MainWindow", "&File"))
        self.new_action.setText(translate("MainWindow", "&New project from form…"))
        self.open_action.setText(translate("MainWindow", "&Open project…"))
        self.demo_menu.setTitle(translate("MainWindow", "Open &demo"))
        for form, name in demo_names().items():
            self.demo_actions[form].setText(name)
        self.import_data_action.setText(translate("MainWindow", "&Import data…"))
        self.export_data_action.setText(translate("MainWindow", "Export da&ta (CSV, SPSS)…"))
        self.import_calls_action.setText(translate("MainWindow", "Import &call list…"))
        self.export_device_action.setText(translate("MainWindow", "E&xport device file…"))
        self.remove_contacts_action.setText(translate("MainWindow", "Remove contact &data…"))
        self.encrypt_contacts_action.setText(translate("MainWindow",
                                                      "Encrypt or decrypt &phone numbers…"))
        self.report_action.setText(translate("MainWindow", "Write Excel &report…"))
        self.close_action.setText(translate("MainWindow", "&Close project"))
        self.quit_action.setText(translate("MainWindow", "&Quit"))
        self.view_menu.setTitle(translate("MainWindow", "&View"))
        self.overview_action.setText(translate("MainWindow", "Project &overview"))
        self.entry_action.setText(translate("MainWindow", "&Interview entry"))
        self.records_action.setText(translate("MainWindow", "Interview &records"))
        self.sync_action.setText(translate("MainWindow", "&Sync"))
        self.analysis_action.setText(translate("MainWindow", "&Analysis"))
        self.mode_bar.setWindowTitle(translate("MainWindow", "Mode"))
        self.language_menu.setTitle(translate("MainWindow", "&Language"))
        self.help_menu.setTitle(translate("MainWindow", "&Help"))
        self.getting_started_action.setText(translate("MainWindow", "&Getting started"))
        self.shortcuts_action.setText(translate("MainWindow", "&Keyboard shortcuts"))
        self.about_action.setText(translate("MainWindow", "&About SurveyDesk"))
        # Another window may have switched the language.
        self.language_actions[translation.current_language()].setChecked(True)
        self._update_title()

    def _update_title(self) -> None:
        if self.project is None:
            self.setWindowTitle("SurveyDesk")
            self.path_label.setText(translate("MainWindow", "No project open"))
        else:
            self.setWindowTitle(f"SurveyDesk — {self.project.path.name}")
            self.path_label.setText(fill(translate("MainWindow", "Project: %1"), self.project.path))

    # -- projects --------------------------------------------------------------------------
    def set_project(self, project: Project | None) -> None:
        """Show ``project`` (the window owns it from now on); ``None`` closes the current."""
        # Read first: if the new project cannot be summarised, the current one stays shown.
        overview = None if project is None else project.overview()
        languages = () if project is None else project.questionnaire.languages
        if self.project is not None and self.project is not project:
            self.records_page.set_project(None)
            self.project.close()
        self.project = project
        if project is not None:
            remember_project(project.path)
        for action in (self.close_action, self.import_data_action, self.export_data_action,
                       self.import_calls_action,
                       self.entry_action,
                       self.records_action, self.sync_action, self.export_device_action,
                       self.analysis_action, self.report_action, self.remove_contacts_action,
                       self.encrypt_contacts_action):
            action.setEnabled(project is not None)
        self.overview_page.show_overview(
            overview, languages, questionnaire=None if project is None else project.questionnaire)
        self.entry_page.set_project(project)
        self.records_page.set_project(project)
        self.sync_page.set_project(project)
        self.analysis_page.set_project(project)
        if project is None:
            self.show_overview()
        elif self.pages.currentWidget() is self.records_page:
            self.show_records()
        elif self.pages.currentWidget() is self.sync_page:
            self.show_sync()
        elif self.pages.currentWidget() is self.analysis_page:
            self.show_analysis()
        self._update_title()

    # -- modes -----------------------------------------------------------------------------
    def show_overview(self) -> None:
        """The project overview, with counts re-read (entry may have added interviews)."""
        if self.project is not None and self.pages.currentWidget() is not self.overview_page:
            self.overview_page.show_overview(self.project.overview(),
                                             self.project.questionnaire.languages,
                                             questionnaire=self.project.questionnaire)
        self.pages.setCurrentWidget(self.overview_page)
        self.overview_action.setChecked(True)
        # Ctrl+N belongs to "New interview" in entry mode.
        self.new_action.setShortcut(QKeySequence.StandardKey.New)

    def show_entry(self) -> None:
        """Interview entry for the open project (nothing happens without one)."""
        if self.project is None:
            self.overview_action.setChecked(True)
            return
        self.new_action.setShortcut(QKeySequence())
        self.pages.setCurrentWidget(self.entry_page)
        self.entry_action.setChecked(True)
        self.entry_page.activate()

    def show_records(self) -> None:
        """The interview records of the open project, read again (nothing without one)."""
        who = records_user(self.entry_page.start_page.interviewer_edit.text())
        if not self.records_page.show_records(who):
            self.show_overview()
            return
        self.new_action.setShortcut(QKeySequence.StandardKey.New)
        self.pages.setCurrentWidget(self.records_page)
        self.records_action.setChecked(True)

    def show_sync(self) -> None:
        """Merging device files into the open project, and its merge conflicts."""
        if self.project is None or not self.sync_page.activate():
            self.show_overview()
            return
        self.new_action.setShortcut(QKeySequence.StandardKey.New)
        self.pages.setCurrentWidget(self.sync_page)
        self.sync_action.setChecked(True)

    def show_analysis(self) -> None:
        """Tables, charts and response rates of the open project (computed again)."""
        if self.project is None or not self.analysis_page.activate():
            self.show_overview()
            return
        self.new_action.setShortcut(QKeySequence.StandardKey.New)
        self.pages.setCurrentWidget(self.analysis_page)
        self.analysis_action.setChecked(True)

    def data_changed(self) -> None:
        """Interviews or calls were changed outside the current view (a merge, a resolved
        conflict): re-read what the other views show."""
        if self.project is None:
            return
        self.overview_page.show_overview(self.project.overview(),
                                         self.project.questionnaire.languages,
                                         questionnaire=self.project.questionnaire)
        self.entry_page.calls_changed()
        self.analysis_page.data_changed()

    def export_device_file(self) -> None:
        """File > Export device file: this laptop's project as one file for the master."""
        if self.project is None or self.export_task is not None:
            return
        run = device_export.choose_and_export(self, self.project)
        if run is not None:
            self.export_task = run
            run.finished.connect(lambda: setattr(self, "export_task", None))

    def write_report(self) -> None:
        """File > Write Excel report: the client's workbook, with the analysis options."""
        if self.project is not None:
            self.analysis_page.open_report_dialog()

    def choose_data_file(self) -> None:
        """File > Import data: respondent data (CSV, Excel, SPSS) into a wave."""
        if self.project is not None:
            path = choose_data_file(self, self.project)
            if path is not None:
                self.import_data(path)

    def import_data(self, path: Path | str) -> ImportDialog | None:
        """The import dialog for the data file at ``path`` (one at a time)."""
        if self.project is None:
            return None
        if self.import_dialog is not None:
            if self.import_dialog.task is not None:
                self.import_dialog.raise_()
                return None
            self.import_dialog.close()
        dialog = self.import_dialog = ImportDialog(self, self.project, Path(path))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.imported.connect(lambda _result: self.data_changed())
        dialog.destroyed.connect(lambda: setattr(self, "import_dialog", None))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.show()
        return dialog

    def export_data(self) -> ExportDialog | None:
        """File > Export data: the respondent data as CSV or SPSS, with the audit log."""
        if self.project is None:
            return None
        if self.export_dialog is not None:
            self.export_dialog.raise_()
            return None
        dialog = self.export_dialog = ExportDialog(self, self.project)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda: setattr(self, "export_dialog", None))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.show()
        return dialog

    def encrypt_contact_data(self) -> ContactEncryptionDialog | None:
        """File > Encrypt or decrypt phone numbers: the call list's contact data."""
        if self.project is None:
            return None
        dialog = ContactEncryptionDialog(self, self.project)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.changed.connect(lambda _count: self.entry_page.calls_changed())
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.show()
        return dialog

    def remove_contact_data(self) -> None:
        """File > Remove contact data: the call list's numbers and names, after fieldwork."""
        if self.project is not None and call_contacts.confirm_and_remove(self, self.project):
            self.entry_page.calls_changed()

    def import_call_list(self) -> None:
        """File > Import call list: add numbers for phone interviews to the open project."""
        if self.project is not None and call_import.choose_and_import(self, self.project):
            self.entry_page.calls_changed()

    def _attempt(self, title: str, opener, path: Path | None = None) -> bool:
        try:
            project = opener()
            try:
                self.set_project(project)
            except BaseException:
                project.close()
                raise
        except SurveyDeskError as error:
            QMessageBox.critical(self, title, str(error))
            return False
        except STORAGE_ERRORS as error:  # a damaged file noticed while reading it
            where = path or Path(translate("MainWindow", "The project"))
            QMessageBox.critical(self, title, str(explain_storage_error(where, error)))
            return False
        except OSError as error:  # e.g. the chosen workbook vanished or is unreadable
            where = f"{error.filename}: " if error.filename else ""
            QMessageBox.critical(self, title, f"{where}{error.strerror or error}")
            return False
        return True

    def open_project(self, path: Path | str) -> bool:
        """Open the project file at ``path``; on a problem show it and keep the current one.

        A file in a network or cloud-synced folder is opened only if the user says so."""
        if not confirm_location(self, path):
            return False
        return self._attempt(
            translate("MainWindow", "Could not open the project"),
            lambda: Project.open(Path(path)),
            Path(path),
        )

    def open_demo(self, form: str = "citizen_service") -> bool:
        return self._attempt(
            translate("MainWindow", "Could not open the demo"),
            lambda: open_demo_project(form, self._demo_dir),
        )

    def create_project(self, form_path: Path | str, project_path: Path | str) -> bool:
        """Make a new project at ``project_path`` for the XLSForm at ``form_path`` (in a
        network or cloud-synced folder only if the user says so)."""
        if not confirm_location(self, project_path, creating=True):
            return False

        def create() -> Project:
            workbook = Path(form_path).read_bytes()
            questionnaire = read_xlsform(workbook, Path(form_path).name)
            return Project.create(Path(project_path), workbook, questionnaire)

        return self._attempt(translate("MainWindow", "Could not create the project"), create)

    def choose_project(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            translate("MainWindow", "Open project"),
            self._start_directory(),
            translate("MainWindow", "SurveyDesk projects (*.sdproj);;All files (*)"),
        )
        if path:
            self.open_project(path)

    def choose_new_project(self) -> None:
        form, _ = QFileDialog.getOpenFileName(
            self,
            translate("MainWindow", "Choose the questionnaire (XLSForm)"),
            self._start_directory(),
            translate("MainWindow", "XLSForm workbooks (*.xlsx *.xls)"),
        )
        if form:
            self.new_project_from_form(form)

    def new_project_from_form(self, form: Path | str) -> bool:
        """Ask where to save a new project for the XLSForm ``form`` and create it."""
        suggested = Path(form).with_suffix(PROJECT_SUFFIX)
        target, _ = QFileDialog.getSaveFileName(
            self,
            translate("MainWindow", "Save the new project as"),
            str(suggested),
            translate("MainWindow", "SurveyDesk projects (*.sdproj)"),
        )
        if not target:
            return False
        target_path = Path(target)
        if target_path.suffix != PROJECT_SUFFIX:
            target_path = target_path.with_name(target_path.name + PROJECT_SUFFIX)
        return self.create_project(form, target_path)

    def _start_directory(self) -> str:
        return "" if self.project is None else str(self.project.path.parent)

    def show_about(self) -> None:
        from surveydesk.gui.about import AboutDialog  # reads package metadata: only when asked

        AboutDialog(self).exec()

    # -- session: layout, first run, help, drops --------------------------------------------
    def view_pages(self) -> dict[str, QWidget]:
        """The views by the name the layout is saved under."""
        return {"overview": self.overview_page, "entry": self.entry_page,
                "records": self.records_page, "sync": self.sync_page,
                "analysis": self.analysis_page}

    def view_actions(self) -> dict[str, QAction]:
        return {"overview": self.overview_action, "entry": self.entry_action,
                "records": self.records_action, "sync": self.sync_action,
                "analysis": self.analysis_action}

    def current_view(self) -> str:
        current = self.pages.currentWidget()
        return next(name for name, page in self.view_pages().items() if page is current)

    def start_session(self) -> None:
        """What the app does once at start (not every window a test or tool makes): restore
        the layout and view of last time; on the very first start, show Getting started.
        From then on the layout is saved when the window closes."""
        self.session = True
        first = first_run.is_first_run()
        view = layout.restore_layout(self, self.view_pages())
        action = self.view_actions().get(view or "")
        if action is not None and action.isEnabled() and view != self.current_view():
            action.trigger()
        if first_run.dont_show():
            self.getting_started.hide()
        elif first:
            self.getting_started.show()
        first_run.mark_seen()

    def save_layout(self) -> None:
        layout.save_layout(self, self.current_view(), self.view_pages())

    def show_getting_started(self) -> None:
        """Help > Getting started: the four steps, beside the views."""
        self.getting_started.show()
        self.getting_started.raise_()

    def show_shortcuts(self) -> None:
        """Help > Keyboard shortcuts: every shortcut of the app, read from its actions."""
        if self.shortcuts_dialog is None:
            self.shortcuts_dialog = shortcuts.ShortcutsDialog(self)
        self.shortcuts_dialog.refresh()
        self.shortcuts_dialog.show()
        self.shortcuts_dialog.raise_()
        self.shortcuts_dialog.activateWindow()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if drops.dropped_files(event.mimeData()):
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if drops.dropped_files(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = drops.dropped_files(event.mimeData())
        if paths:
            event.acceptProposedAction()
            drops.handle_drop(self, paths)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.session:
            self.save_layout()
        if self.shortcuts_dialog is not None:
            self.shortcuts_dialog.close()
        if self.import_dialog is not None:
            self.import_dialog.abandon()
        if self.export_dialog is not None:
            self.export_dialog.abandon()
        self.entry_page.set_project(None)
        self.records_page.set_project(None)
        self.sync_page.set_project(None)  # a running merge is cancelled, its thread awaited
        self.analysis_page.set_project(None)
        self.analysis_page.abandon()  # every computation of the tables has ended
        if self.export_task is not None:
            self.export_task.wait()
        if self.form_task is not None:  # a questionnaire version being checked: stopped
            self.form_task.cancel()
            self.form_task.wait()
        if self.project is not None:
            self.project.close()
            self.project = None
        super().closeEvent(event)
