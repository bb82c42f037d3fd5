"""Interview entry as one page of the main window: start screen, questions, review page.

The page carries out what its screens ask through an :class:`InterviewRecorder`, which
stores every step at once, and then shows the screen the interview is at. Keys that work
on every screen of an interview: F2 or Ctrl+L switch the question language, Alt+Left goes
back, Esc asks to abort. A problem writing the project file is shown in a dialog and the
screen stays as it was, with nothing lost.

In phone mode "Interview" on the call list starts a phone interview with the call's preload
(its answers shown chosen, to confirm) and links the call to it (``calls.link_interview``).
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable, Mapping
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QMessageBox, QStackedWidget, QVBoxLayout, QWidget

from surveydesk.core.errors import SurveyDeskError
from surveydesk.core.userdata import EntryProfile, device_id, entry_profile, remember_entry_profile
from surveydesk.entry.recorder import InterviewRecorder, Setup
from surveydesk.gui.entry.abort import AbortDialog
from surveydesk.gui.entry.interview import InterviewPage
from surveydesk.gui.entry.review import ReviewPage
from surveydesk.gui.entry.start import StartPage
from surveydesk.gui.entry.style import STYLE_SHEET
from surveydesk.store import calls
from surveydesk.store.database import STORAGE_ERRORS, explain_storage_error
from surveydesk.store.project import Project

translate = QCoreApplication.translate
T = TypeVar("T")
_FAILED = object()


class EntryPage(QWidget):
    """Entering interviews for one project."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("entryPage")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(STYLE_SHEET)
        self.project: Project | None = None
        self.recorder: InterviewRecorder | None = None
        self.abort_dialog: AbortDialog | None = None
        self._shown_project: Project | None = None
        self._corrected: str | None = None

        self.start_page = StartPage()
        self.interview_page = InterviewPage()
        self.review_page = ReviewPage()
        self.stack = QStackedWidget()
        for page in (self.start_page, self.interview_page, self.review_page):
            self.stack.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        self.start_page.start_requested.connect(self.start)
        self.start_page.resume_requested.connect(self.resume)
        self.start_page.call_interview_requested.connect(self.start_call)
        for page in (self.interview_page, self.review_page):
            page.back_requested.connect(self.back)
            page.abort_requested.connect(self.ask_abort)
            page.language_requested.connect(self.switch_language)
        self.interview_page.confirm_requested.connect(self.confirm)
        self.review_page.jump_requested.connect(self.correct)
        self.review_page.complete_requested.connect(self.complete)
        # Only while an interview is on screen, so they never shadow keys of the start screen.
        self.interview_shortcuts: list[QShortcut] = []
        for keys, slot in (("F2", self.switch_language), ("Ctrl+L", self.switch_language),
                           ("Alt+Left", self.back), ("Esc", self.ask_abort)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.setEnabled(False)
            shortcut.activated.connect(slot)
            self.interview_shortcuts.append(shortcut)

    # -- the project ----------------------------------------------------------------------
    def set_project(self, project: Project | None) -> None:
        """Enter interviews for ``project`` (``None``: none open); shown at ``activate``."""
        self.project = project
        self.recorder = None
        self._shown_project = None
        if self.abort_dialog is not None:
            self.abort_dialog.reject()
        # Until shown again the screens must not read a project that may be closed now.
        self.start_page.clear_project()
        self._show_page(self.start_page)
        if project is not None and self.isVisible():
            self.activate()

    def activate(self) -> None:
        """Called when entry mode is shown: fill the start screen on first showing
        (the per-user profile is only read when entry is used)."""
        if self.recorder is None and self._shown_project is not self.project:
            device = self._attempt(device_id)
            self.start_page.show_project(self.project, entry_profile(),
                                         "" if device is _FAILED else device)
            self._shown_project = self.project
        elif self.recorder is None:
            self.start_page.refresh()
        self._focus()

    def calls_changed(self) -> None:
        """The call list was changed elsewhere (an import): bring the phone screen up to
        date, without swapping a number that is on the screen."""
        if self.project is not None and self.start_page.project is self.project:
            self.start_page.calls.catch_up()

    def _focus(self) -> None:
        page = self.stack.currentWidget()
        if page is self.interview_page:
            self.interview_page.focus_answer()
        elif page is self.review_page:
            self.review_page.table.setFocus()
        else:
            self.start_page.focus_first()

    # -- the interview --------------------------------------------------------------------
    def start(self, setup: Setup) -> None:
        if self._begin(setup) is not None:
            self._show_current()

    def start_call(self, call_id: int, preload: Mapping[str, str]) -> None:
        """A phone interview for a call of the call list (its attempt is already recorded)."""
        setup = dataclasses.replace(self.start_page.setup(), mode="phone")
        recorder = self._begin(setup, preload)
        if recorder is None:
            # The interview could not start (the error is shown): the number goes back on the
            # list rather than counting as interviewed.
            if self.project is not None:
                self._attempt(lambda: calls.reopen_call(self.project, call_id))
            return
        project = recorder.project
        self._attempt(lambda: calls.link_interview(project, call_id, recorder.uuid))
        self._show_current()

    def _begin(self, setup: Setup, preload: Mapping[str, str] | None = None
               ) -> InterviewRecorder | None:
        if self.project is None:
            return None
        project = self.project
        recorder = self._attempt(lambda: InterviewRecorder.start(project, setup, device_id(),
                                                                 preload))
        if recorder is _FAILED:
            return None
        with contextlib.suppress(OSError):  # a convenience for next time, not data
            remember_entry_profile(EntryProfile(setup.interviewer, setup.mode, setup.location,
                                                setup.wave))
        self.recorder = recorder
        return recorder

    def resume(self, interview_uuid: str) -> None:
        if self.project is None:
            return
        project, who = self.project, self.start_page.setup().interviewer
        recorder = self._attempt(lambda: InterviewRecorder.resume(project, interview_uuid, who))
        if recorder is not _FAILED:
            self.recorder = recorder
            self._show_current()

    def confirm(self, value: object) -> None:
        recorder = self.recorder
        if recorder is None:
            return
        verdict = self._attempt(lambda: recorder.confirm(value))
        if verdict is _FAILED:
            return
        if not verdict.accepted:
            self.interview_page.show_message(verdict.message)
            return
        self._show_current()

    def back(self) -> None:
        recorder = self.recorder
        if recorder is None or self.stack.currentWidget() is self.start_page:
            return
        moved = self._attempt(recorder.back)
        if moved is not _FAILED and moved:
            self._show_current()

    def correct(self, name: str) -> None:
        recorder = self.recorder
        if recorder is not None and self._attempt(lambda: recorder.correct(name)) is not _FAILED:
            self._corrected = name
            self._show_current()

    def complete(self) -> None:
        recorder = self.recorder
        if recorder is None or self.stack.currentWidget() is not self.review_page:
            return
        missing = self._attempt(recorder.complete)
        if missing is _FAILED:
            return
        if missing:
            self.review_page.show_missing(missing)
            return
        self._back_to_start(translate("EntryPage", "The interview is complete and saved."))

    def ask_abort(self) -> None:
        if self.recorder is None or self.stack.currentWidget() is self.start_page:
            return
        self.abort_dialog = AbortDialog(self)
        self.abort_dialog.accepted.connect(self._abort)
        self.abort_dialog.finished.connect(lambda _result: self._focus())
        self.abort_dialog.open()

    def _abort(self) -> None:
        recorder, dialog = self.recorder, self.abort_dialog
        if recorder is None or dialog is None:
            return
        reason = dialog.reason()
        if self._attempt(lambda: recorder.abort(reason)) is _FAILED:
            return
        self._back_to_start(translate("EntryPage",
                                      "The interview was aborted; its answers are saved."))

    def switch_language(self) -> None:
        if self.recorder is None:
            return
        self.recorder.next_language()
        if self.stack.currentWidget() is self.interview_page:
            self.interview_page.relabel()
        elif self.stack.currentWidget() is self.review_page:
            self.review_page.show_review(self.recorder, self.review_page.current_name())

    # -- showing --------------------------------------------------------------------------
    def _show_current(self) -> None:
        assert self.recorder is not None
        if self.recorder.at_review:
            self.review_page.show_message("")
            self.review_page.show_review(self.recorder, self._corrected)
            self._corrected = None
            self._show_page(self.review_page)
        else:
            self.interview_page.show_question(self.recorder)
            self._show_page(self.interview_page)
        self._focus()

    def _show_page(self, page: QWidget) -> None:
        self.stack.setCurrentWidget(page)
        for shortcut in self.interview_shortcuts:
            shortcut.setEnabled(page is not self.start_page)

    def _back_to_start(self, notice: str) -> None:
        self.recorder = None
        self._show_page(self.start_page)
        self.start_page.refresh(notice)
        self._focus()

    def _attempt(self, action: Callable[[], T]) -> T | object:
        """Run a step that writes the project file; on a problem say so and return
        ``_FAILED`` (the recorder has already put the interview back as it is on disk)."""
        try:
            return action()
        except SurveyDeskError as error:
            message = str(error)
        except STORAGE_ERRORS as error:
            path = self.project.path if self.project is not None else None
            message = str(explain_storage_error(path, error)) if path else str(error)
        except OSError as error:  # the per-user folder (device id) cannot be written
            where = f"{error.filename}: " if error.filename else ""
            message = f"{where}{error.strerror or error}"
        QMessageBox.critical(self, translate("EntryPage", "Could not save to the project"),
                             message)
        return _FAILED
