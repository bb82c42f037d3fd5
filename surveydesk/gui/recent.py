"""File ▸ Open recent: the last project files opened or created, most recent first.

The list (at most :data:`LIMIT` files) is kept in QSettings under :data:`SETTINGS_KEY` as a
JSON list of absolute paths: QSettings backends disagree on whether a one-element list
comes back as a list or a string, a JSON string comes back the same everywhere. A file that
no longer exists (moved, deleted, a drive not connected) is shown greyed with "not found";
"Remove missing files" drops those, "Clear list" drops all. If a file vanishes between
showing the menu and choosing it, the user is told and it is dropped from the list.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QSettings
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from surveydesk.gui.translation import fill

translate = QCoreApplication.translate

SETTINGS_KEY = "recentProjects"
LIMIT = 8
_FOLDER_CHARS = 48  # a longer folder is shortened in the middle in the menu


def _same(a: Path, b: Path) -> bool:
    return os.path.normcase(str(a)) == os.path.normcase(str(b))


def _absolute(path: Path | str) -> Path:
    try:
        return Path(path).expanduser().resolve()
    except OSError:  # e.g. a network drive that is gone
        return Path(os.path.abspath(path))


def recent_projects() -> list[Path]:
    """The remembered project files, most recent first (missing ones included)."""
    raw = QSettings().value(SETTINGS_KEY)
    try:
        items = json.loads(raw) if isinstance(raw, str) else []
    except ValueError:
        return []
    if not isinstance(items, list):
        return []
    return [Path(item) for item in items if isinstance(item, str) and item][:LIMIT]


def _store(paths: list[Path]) -> None:
    QSettings().setValue(SETTINGS_KEY, json.dumps([str(p) for p in paths[:LIMIT]],
                                                  ensure_ascii=False))


def remember_project(path: Path | str) -> list[Path]:
    """Put ``path`` first in the list (once); returns the new list."""
    path = _absolute(path)
    paths = [path] + [p for p in recent_projects() if not _same(p, path)]
    _store(paths)
    return paths[:LIMIT]


def forget_project(path: Path | str) -> None:
    path = _absolute(path)
    _store([p for p in recent_projects() if not _same(p, path)])


def forget_missing() -> int:
    """Drop every file that no longer exists; returns how many were dropped."""
    paths = recent_projects()
    kept = [p for p in paths if p.is_file()]
    _store(kept)
    return len(paths) - len(kept)


def clear_recent() -> None:
    QSettings().remove(SETTINGS_KEY)


def _shortened(folder: str) -> str:
    if len(folder) <= _FOLDER_CHARS:
        return folder
    half = (_FOLDER_CHARS - 1) // 2
    return f"{folder[:half]}…{folder[-half:]}"


class RecentMenu(QMenu):
    """The "Open recent" submenu; rebuilt each time it opens. ``open_project(path)`` is
    called with the chosen file."""

    def __init__(self, open_project: Callable[[Path], object], parent: QWidget | None = None):
        super().__init__(parent)
        self._open_project = open_project
        self.setObjectName("recentMenu")
        self.setToolTipsVisible(True)
        self.aboutToShow.connect(self.rebuild)
        self.retranslateUi()
        self.rebuild()

    def rebuild(self) -> None:
        self.clear()
        paths = recent_projects()
        missing = 0
        for number, path in enumerate(paths, start=1):
            name = path.name.replace("&", "&&")
            folder = _shortened(str(path.parent)).replace("&", "&&")
            text = f"&{number}  {name}  —  {folder}"
            exists = path.is_file()
            if not exists:
                missing += 1
                text += "  " + translate("RecentMenu", "(not found)")
            action = self.addAction(text)
            action.setData(str(path))
            action.setToolTip(str(path) if exists else fill(
                translate("RecentMenu", "%1 was not found: moved, renamed, deleted, or on a "
                                        "drive that is not connected."), path))
            action.setEnabled(exists)
            action.triggered.connect(lambda _checked=False, path=path: self.choose(path))
        if not paths:
            empty = self.addAction(translate("RecentMenu", "No recent projects"))
            empty.setEnabled(False)
        self.addSeparator()
        self.remove_missing_action = self.addAction(
            fill(translate("RecentMenu", "Remove missing files (%1)"), missing),
            self.remove_missing)
        self.remove_missing_action.setEnabled(missing > 0)
        self.clear_action = self.addAction(translate("RecentMenu", "Clear list"), self.clear_list)
        self.clear_action.setEnabled(bool(paths))
        self.setEnabled(True)

    def file_actions(self):
        """The actions of the listed files, in menu order."""
        return [action for action in self.actions() if action.data()]

    def choose(self, path: Path) -> bool:
        """Open ``path``; if it has gone since the menu was built, say so and drop it."""
        if not path.is_file():
            QMessageBox.warning(
                self.parentWidget(), translate("RecentMenu", "Project not found"),
                fill(translate("RecentMenu", "The project file %1 was not found. It may have "
                                             "been moved, renamed or deleted, or be on a drive "
                                             "that is not connected. It has been removed from "
                                             "the list of recent projects."), path))
            forget_project(path)
            self.rebuild()
            return False
        return bool(self._open_project(path))

    def remove_missing(self) -> None:
        forget_missing()
        self.rebuild()

    def clear_list(self) -> None:
        clear_recent()
        self.rebuild()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
            self.rebuild()
        super().changeEvent(event)

    def retranslateUi(self) -> None:
        self.setTitle(translate("RecentMenu", "Open &recent"))
