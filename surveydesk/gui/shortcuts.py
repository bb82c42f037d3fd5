"""Help ▸ Keyboard shortcuts: every shortcut of the app, read from the window itself.

The list is made each time the page opens from the live objects under the main window:
every ``QAction`` with a shortcut (named by its menu path, e.g. "File ▸ Open project…"),
every ``QShortcut`` (named by :data:`SHORTCUT_DESCRIPTIONS`, or its ``whatsThis``) and every
button with a shortcut (named by its text). So a new menu item with a key, or a key changed
in code, shows up here without anyone remembering to update a help text; a new
``QShortcut`` without a description is caught by the tests. They are grouped by the view
they belong to. Keys a widget reads itself (the digits that choose an answer) are not
shortcut objects; they are listed under "Answering a question".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, QObject, QRect, QSize, Qt
from PySide6.QtGui import QAction, QFontMetrics, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from surveydesk.gui.entry.call_list_parts import OUTCOME_KEYS, outcome_name

translate = QCoreApplication.translate
NATIVE = QKeySequence.SequenceFormat.NativeText
PORTABLE = QKeySequence.SequenceFormat.PortableText

# Areas in the order they are shown; "main" is the window's menus and toolbar.
AREAS = ("main", "overview", "entry", "calls", "answering", "records", "sync", "analysis")


def area_title(area: str) -> str:
    return {
        "main": translate("Shortcuts", "Main window (menus)"),
        "overview": translate("Shortcuts", "Project overview"),
        "entry": translate("Shortcuts", "Interview entry"),
        "calls": translate("Shortcuts", "Phone interviews: call outcomes"),
        "answering": translate("Shortcuts", "Answering a question (interview entry)"),
        "records": translate("Shortcuts", "Interview records"),
        "sync": translate("Shortcuts", "Sync"),
        "analysis": translate("Shortcuts", "Analysis"),
    }.get(area, area)


# QShortcut objects carry no text: what each does, by (class of its widget, portable keys).
SHORTCUT_DESCRIPTIONS: dict[tuple[str, str], Callable[[], str]] = {
    ("EntryPage", "F2"): lambda: translate("Shortcuts", "Switch the interview's language"),
    ("EntryPage", "Ctrl+L"): lambda: translate("Shortcuts", "Switch the interview's language"),
    ("EntryPage", "Alt+Left"): lambda: translate("Shortcuts", "Back to the previous question"),
    ("EntryPage", "Esc"): lambda: translate("Shortcuts", "Abort the interview"),
    ("StartPage", "Ctrl+N"): lambda: translate("Shortcuts", "Start a new interview"),
    ("ReviewPage", "Ctrl+Return"): lambda: translate("Shortcuts",
                                                     "Complete the interview (review screen)"),
    ("ReviewPage", "Ctrl+Enter"): lambda: translate("Shortcuts",
                                                    "Complete the interview (review screen)"),
}


def typed_keys() -> list[tuple[str, str]]:
    """Keys the question screen reads itself (not shortcut objects)."""
    return [
        ("1 … 9", translate("Shortcuts", "Choose the answer with that number (type two digits "
                                         "in lists of ten or more)")),
        ("0", translate("Shortcuts", "Don't know")),
        ("↑ / ↓", translate("Shortcuts", "Move between the answers")),
        (translate("Shortcuts", "Space"),
         translate("Shortcuts", "Tick or untick the highlighted answer")),
        (translate("Shortcuts", "Enter"), translate("Shortcuts", "Confirm the answer and go on")),
        (translate("Shortcuts", "Backspace"),
         translate("Shortcuts", "Back to the previous question")),
    ]


@dataclass(frozen=True)
class Shortcut:
    """One row of the page."""

    area: str
    keys: tuple[str, ...]  # as shown on this platform, e.g. "Ctrl+O"
    description: str
    source: QObject | None = None


def _plain(text: str) -> str:
    """A menu or button text without its mnemonic markers and key hint lines."""
    text = text.split("\n")[0].split("\t")[0]
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip()


def _area(obj: QObject, pages: dict[str, QWidget]) -> str:
    by_page = {id(page): name for name, page in pages.items()}
    node: QObject | None = obj
    while node is not None:
        if type(node).__name__ == "CallListPanel":
            return "calls"
        if id(node) in by_page:
            return by_page[id(node)]
        node = node.parent()
    return "main"


def _menu_path(action: QAction) -> str:
    parts = [_plain(action.text())]
    menus = [o for o in action.associatedObjects() if isinstance(o, QMenu)]
    seen = set()
    while menus and id(menus[0]) not in seen:
        menu = menus[0]
        seen.add(id(menu))
        parts.insert(0, _plain(menu.title()))
        menus = [o for o in menu.menuAction().associatedObjects() if isinstance(o, QMenu)]
    return " ▸ ".join(part for part in parts if part)


def _keys(sequences) -> tuple[str, ...]:
    return tuple(s.toString(NATIVE) for s in sequences if not s.isEmpty())


def collect(window: QMainWindow, pages: dict[str, QWidget]) -> list[Shortcut]:
    """Every shortcut under ``window``, grouped by area (in :data:`AREAS` order)."""
    found: list[Shortcut] = []
    for action in window.findChildren(QAction):
        try:
            keys = _keys(action.shortcuts())
        except RuntimeError:  # an action deleted (a menu rebuilt) but not yet gone
            continue
        if keys:
            found.append(Shortcut(_area(action, pages), keys, _menu_path(action), action))
    for shortcut in window.findChildren(QShortcut):
        keys = _keys(shortcut.keys())
        if not keys:
            continue
        parent = shortcut.parent()
        describe = SHORTCUT_DESCRIPTIONS.get(
            (type(parent).__name__, shortcut.key().toString(PORTABLE)))
        text = shortcut.whatsThis() or (describe() if describe else "")
        found.append(Shortcut(_area(shortcut, pages), keys, text, shortcut))
    for button in window.findChildren(QAbstractButton):
        keys = _keys([button.shortcut()])
        # A mnemonic (Alt+letter from "&Next") is not a shortcut worth listing.
        if keys and not button.shortcut().toString(PORTABLE).startswith("Alt+"):
            found.append(Shortcut(_area(button, pages), keys, _plain(button.text()), button))
    if not any(item.area == "calls" for item in found):
        # The call-outcome buttons exist only while phone interviewing is open: read their
        # keys from the table the buttons are made from.
        for outcome, key in OUTCOME_KEYS.items():
            found.append(Shortcut("calls", _keys([QKeySequence(key)]), outcome_name(outcome)))
    # One row per thing a key does: the same action in the menu and the toolbar once, two
    # keys for one thing (Ctrl+Return, Ctrl+Enter) together. Otherwise in creation order
    # (menu order), areas in AREAS order.
    merged: dict[tuple[str, str], Shortcut] = {}
    for item in found:
        key = (item.area, item.description)
        if key in merged:
            old = merged[key]
            keys = old.keys + tuple(k for k in item.keys if k not in old.keys)
            merged[key] = Shortcut(old.area, keys, old.description, old.source)
        else:
            merged[key] = item
    order = {area: index for index, area in enumerate(AREAS)}
    return sorted(merged.values(), key=lambda s: order.get(s.area, len(AREAS)))


class _WrappingDelegate(QStyledItemDelegate):
    """Rows as tall as their wrapped description: Qt measures one line otherwise."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        tree: QTreeWidget = self.parent()
        width = tree.header().sectionSize(index.column()) - 8
        if index.column() == 0 or width <= 0:
            return size
        font = index.data(Qt.ItemDataRole.FontRole) or option.font
        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        bounds = QFontMetrics(font).boundingRect(QRect(0, 0, width, 10_000),
                                                 Qt.TextFlag.TextWordWrap, text)
        return QSize(size.width(), max(size.height(), bounds.height() + 4))


class ShortcutsDialog(QDialog):
    """The shortcuts page: a tree of areas, each with its keys and what they do."""

    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self.window_ = window
        self.setObjectName("shortcutsDialog")
        self.intro_label = QLabel(wordWrap=True)
        self.tree = QTreeWidget(columnCount=2, rootIsDecorated=False)
        self.tree.setSelectionMode(QTreeWidget.SelectionMode.NoSelection)
        self.tree.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # Long descriptions wrap onto more lines rather than ending in "…".
        self.tree.setWordWrap(True)
        self.tree.setItemDelegate(_WrappingDelegate(self.tree))
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        # Rows are measured for the column's width: measure again when it changes.
        header.sectionResized.connect(lambda *_: self.tree.scheduleDelayedItemsLayout())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro_label)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        self.resize(620, 640)
        self.shortcuts: list[Shortcut] = []
        self.refresh()

    def refresh(self) -> None:
        """Read the shortcuts again (and the texts, in the current language)."""
        self.setWindowTitle(translate("Shortcuts", "Keyboard shortcuts"))
        self.intro_label.setText(translate(
            "Shortcuts", "Every key that does something in SurveyDesk. Keys of a view work "
            "while that view is shown; those of interview entry while an interview is open."))
        self.tree.setHeaderLabels([translate("Shortcuts", "Keys"),
                                   translate("Shortcuts", "What it does")])
        pages = self.window_.view_pages() if hasattr(self.window_, "view_pages") else {}
        self.shortcuts = collect(self.window_, pages)
        rows: dict[str, list[tuple[str, str]]] = {}
        for item in self.shortcuts:
            rows.setdefault(item.area, []).append((", ".join(item.keys), item.description))
        answering = rows.setdefault("answering", [])
        answering.extend(typed_keys())
        self.tree.clear()
        for area in sorted(rows, key=lambda a: AREAS.index(a) if a in AREAS else len(AREAS)):
            heading = QTreeWidgetItem(self.tree, [area_title(area)])
            heading.setFirstColumnSpanned(True)
            font = heading.font(0)
            font.setBold(True)
            heading.setFont(0, font)
            heading.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for keys, description in rows[area]:
                QTreeWidgetItem(self.tree, [f"    {keys}", description])
        self.tree.expandAll()

    def rows(self) -> list[tuple[str, str]]:
        """What the tree shows, as (keys, description) pairs; headings have no description."""
        return [(self.tree.topLevelItem(i).text(0).strip(), self.tree.topLevelItem(i).text(1))
                for i in range(self.tree.topLevelItemCount())]

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.refresh()
        super().changeEvent(event)
