"""Entry tests: a private copy of the demo project each, per-user files in a temporary folder,
and a keyboard that types into whatever has the focus (as a person would)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def config_dir(tmp_path, monkeypatch) -> Path:
    """The device id and the remembered entry profile live here, not in the user's folder."""
    folder = tmp_path / "config"
    monkeypatch.setenv("SURVEYDESK_CONFIG_DIR", str(folder))
    return folder


@pytest.fixture
def project_path(demo_project_path, tmp_path) -> Path:
    """A copy of the session's demo project that a test may write to."""
    from surveydesk.store.snapshot import backup_project

    target = tmp_path / "entry.sdproj"
    backup_project(demo_project_path, target)  # consistent, WAL included
    return target


@pytest.fixture
def project(project_path):
    from surveydesk.store.project import Project

    with Project.open(project_path) as opened:
        yield opened


class Keyboard:
    """Key presses sent to the focused widget, the way the interviewer's keyboard does."""

    def __init__(self, qtbot):
        self.qtbot = qtbot

    def focus(self):
        from PySide6.QtWidgets import QApplication

        widget = QApplication.focusWidget()
        assert widget is not None, "nothing has the keyboard focus"
        return widget

    def press(self, key, modifier=None):
        from PySide6.QtCore import Qt

        self.qtbot.keyClick(self.focus(), key, modifier or Qt.KeyboardModifier.NoModifier)

    def type(self, text: str):
        self.qtbot.keyClicks(self.focus(), text)

    def enter(self):
        from PySide6.QtCore import Qt

        self.press(Qt.Key.Key_Return)

    def answer(self, text: str = ""):
        """Type ``text`` (digits choose options) and confirm with Enter."""
        if text:
            self.type(text)
        self.enter()


@pytest.fixture
def keyboard(qtbot) -> Keyboard:
    return Keyboard(qtbot)


@pytest.fixture
def window(qtbot, project_path):
    """The main window on the project copy, switched to interview entry."""
    from surveydesk.gui.main_window import MainWindow
    from surveydesk.store.project import Project

    main_window = MainWindow(Project.open(project_path))
    qtbot.addWidget(main_window)
    main_window.resize(1000, 700)
    main_window.show()
    main_window.activateWindow()
    qtbot.waitUntil(main_window.isActiveWindow)  # key presses go to the focus widget
    main_window.entry_action.trigger()
    return main_window
