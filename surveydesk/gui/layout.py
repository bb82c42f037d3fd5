"""The main window's layout, remembered between sessions in QSettings.

Saved when the window closes: its geometry (``saveGeometry``: position, size, maximised),
its state (``saveState``: toolbars and the Getting started panel), the view that was shown
(overview, entry, records, sync, analysis) and the position of every splitter in the views
(the analysis page's list, table and chart; the records' and conflicts' panes). Restored
when the app starts (:meth:`MainWindow.start_session`), not for every window a test or a
tool makes. A window restored where no screen is any more (a second monitor unplugged, a
laptop away from its docking station) is moved back onto a screen.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSettings, QTimer
from PySide6.QtGui import QCursor, QGuiApplication
from PySide6.QtWidgets import QMainWindow, QSplitter, QWidget

GROUP = "mainWindow"
STATE_VERSION = 1  # raise when toolbars or docks change so that an old state is not applied
# How much of the window's top edge (where the title bar is) must be on a screen for the
# user to be able to grab and move it.
_GRIP_HEIGHT = 32
_GRIP_WIDTH = 120


def splitters(pages: dict[str, QWidget]) -> dict[str, QSplitter]:
    """Every splitter of the views, keyed ``view/name`` (the object name, else its place
    among the view's splitters in creation order)."""
    found = {}
    for view, page in pages.items():
        for index, splitter in enumerate(page.findChildren(QSplitter)):
            found[f"{view}/{splitter.objectName() or index}"] = splitter
    return found


def save_layout(window: QMainWindow, view: str, pages: dict[str, QWidget]) -> None:
    settings = QSettings()
    settings.beginGroup(GROUP)
    settings.setValue("geometry", window.saveGeometry())
    settings.setValue("state", window.saveState(STATE_VERSION))
    settings.setValue("view", view)
    for key, splitter in splitters(pages).items():
        settings.setValue(f"splitters/{key}", splitter.saveState())
    settings.endGroup()


def restore_layout(window: QMainWindow, pages: dict[str, QWidget]) -> str | None:
    """Apply the saved layout to ``window``; returns the view that was shown last (``None``
    if nothing was saved). Splitters whose saved state no longer fits keep their sizes."""
    settings = QSettings()
    settings.beginGroup(GROUP)
    try:
        geometry = settings.value("geometry")
        if geometry is not None:
            window.restoreGeometry(geometry)
            move_onto_a_screen(window)
        state = settings.value("state")
        if state is not None:
            window.restoreState(state, STATE_VERSION)
        view = settings.value("view")
    finally:
        settings.endGroup()
    restore_splitters(pages)
    # Once shown, the first layout shares the splitters out again by their children's
    # hints; the saved positions are applied once more after it.
    QTimer.singleShot(0, window, lambda: restore_splitters(pages))
    return view if isinstance(view, str) else None


def restore_splitters(pages: dict[str, QWidget]) -> None:
    settings = QSettings()
    for key, splitter in splitters(pages).items():
        saved = settings.value(f"{GROUP}/splitters/{key}")
        if saved is not None:
            splitter.restoreState(saved)


def has_saved_layout() -> bool:
    return QSettings().contains(f"{GROUP}/geometry")


def grip_is_visible(frame: QRect, screens: list[QRect]) -> bool:
    """Whether enough of the top edge of ``frame`` is on one of ``screens`` to drag it."""
    grip = QRect(frame.left(), frame.top(), frame.width(), _GRIP_HEIGHT)
    return any(
        (overlap := grip.intersected(screen)).width() >= min(_GRIP_WIDTH, frame.width())
        and overlap.height() >= min(_GRIP_HEIGHT // 2, frame.height())
        for screen in screens
    )


def move_onto_a_screen(window: QWidget) -> bool:
    """Move ``window`` onto the screen under the mouse (else the primary one) if its title
    bar is on no screen; shrink it to fit that screen. Returns whether it was moved."""
    if window.isMaximized() or window.isFullScreen():
        return False
    available = [screen.availableGeometry() for screen in QGuiApplication.screens()]
    if not available or grip_is_visible(window.frameGeometry(), available):
        return False
    screen = QGuiApplication.screenAt(QCursor.pos()) or QGuiApplication.primaryScreen()
    target = screen.availableGeometry()
    size = window.size().boundedTo(target.size())
    window.resize(size)
    left = target.left() + max(0, (target.width() - window.frameGeometry().width()) // 2)
    top = target.top() + max(0, (target.height() - window.frameGeometry().height()) // 2)
    window.move(left, top)
    return True
