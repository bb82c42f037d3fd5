"""Help ▸ Keyboard shortcuts lists every key of the app, read from the live window."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAction, QKeySequence, QShortcut

from surveydesk.gui import shortcuts
from surveydesk.gui.main_window import MainWindow
from surveydesk.store.project import Project

NATIVE = QKeySequence.SequenceFormat.NativeText


@pytest.fixture
def window(qtbot, demo_project_path):
    main_window = MainWindow(Project.open(demo_project_path))
    qtbot.addWidget(main_window)
    main_window.show()
    return main_window


def shown_rows(window) -> list[tuple[str, str]]:
    window.shortcuts_action.trigger()
    return window.shortcuts_dialog.rows()


def test_f1_opens_the_page_from_the_help_menu(window):
    assert window.shortcuts_action.shortcut().toString(NATIVE) == "F1"
    window.shortcuts_action.trigger()
    assert window.shortcuts_dialog.isVisible()
    assert window.shortcuts_dialog.windowTitle() == "Keyboard shortcuts"


def test_every_action_with_a_shortcut_is_listed_with_its_keys(window):
    rows = shown_rows(window)
    listed = {keys for keys, _text in rows}
    actions = [a for a in window.findChildren(QAction) if not a.shortcut().isEmpty()]
    assert len(actions) >= 11
    for action in actions:
        keys = ", ".join(s.toString(NATIVE) for s in action.shortcuts())
        assert any(keys in entry for entry in listed), action.text()
    assert ("Ctrl+O", "File ▸ Open project…") in rows
    assert ("Ctrl+R", "File ▸ Write Excel report…") in rows
    assert ("Ctrl+5", "View ▸ Analysis") in rows
    assert ("F1", "Help ▸ Keyboard shortcuts") in rows


def test_every_qshortcut_is_listed_with_a_description(window):
    found = window.findChildren(QShortcut)
    assert len(found) >= 6  # entry: language, back, abort, new interview, complete
    listed = shortcuts.collect(window, window.view_pages())
    described = {id(item.source): item.description for item in listed}
    by_key = {key for item in listed for key in item.keys}
    for shortcut in found:
        key = shortcut.key().toString(NATIVE)
        assert key in by_key
        item = next(i for i in listed if key in i.keys and i.area == "entry")
        assert item.description, f"no description for {key}: add it to SHORTCUT_DESCRIPTIONS"
    assert described  # sources are kept


def test_keys_are_grouped_by_area(window):
    rows = shown_rows(window)
    headings = [keys for keys, text in rows if not text]
    assert headings == ["Main window (menus)", "Interview entry",
                        "Phone interviews: call outcomes",
                        "Answering a question (interview entry)"]
    entry = rows[rows.index(("Interview entry", "")) + 1:
                 rows.index(("Phone interviews: call outcomes", ""))]
    assert ("F2, Ctrl+L", "Switch the interview's language") in entry
    assert ("Ctrl+Return, Ctrl+Enter", "Complete the interview (review screen)") in entry
    assert ("Esc", "Abort the interview") in entry
    assert ("F3", "Interview") in rows
    assert ("0", "Don't know") in rows


def test_a_new_action_shows_up_without_editing_the_help(window):
    extra = QAction("Frobnicate", window)
    extra.setShortcut(QKeySequence("Ctrl+Shift+F"))
    window.addAction(extra)
    assert ("Ctrl+Shift+F", "Frobnicate") in shown_rows(window)


def test_the_page_speaks_danish(window, qtbot):
    window.set_language("da", remember=False)
    qtbot.waitUntil(lambda: window.shortcuts_action.text() == "&Tastaturgenveje")
    rows = shown_rows(window)
    assert window.shortcuts_dialog.windowTitle() == "Tastaturgenveje"
    assert ("Ctrl+O", "Filer ▸ Åbn projekt…") in rows or ("Ctrl+O", "Fil ▸ Åbn projekt…") in rows
    assert ("Esc", "Afbryd interviewet") in rows


@pytest.mark.parametrize("language", ["en", "da"])
def test_long_descriptions_wrap_instead_of_being_cut_off(window, qtbot, language):
    from PySide6.QtCore import QRect, Qt
    from PySide6.QtGui import QFontMetrics

    window.set_language(language, remember=False)
    window.shortcuts_action.trigger()
    dialog = window.shortcuts_dialog
    dialog.resize(620, 640)
    tree = dialog.tree
    qtbot.wait(50)
    width = tree.header().sectionSize(1)
    assert tree.header().sectionSize(0) + width <= tree.viewport().width()
    wrapped = 0
    for row in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(row)
        text = item.text(1)
        if not text:
            continue
        metrics = QFontMetrics(item.font(1))
        needed = metrics.boundingRect(QRect(0, 0, width - 8, 10_000),
                                      Qt.TextFlag.TextWordWrap, text).height()
        assert tree.visualItemRect(item).height() >= needed  # every line of it shown
        wrapped += metrics.horizontalAdvance(text) > width - 8
    if language == "en":  # "Choose the answer with that number (type two digits …)"
        assert wrapped
