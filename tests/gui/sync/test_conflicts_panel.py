"""The Sync view's conflicts tab: open conflicts listed, versions compared side by side,
keeping one resolves the conflict (after asking) and is audited."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from surveydesk.gui import translation
from surveydesk.gui.sync import conflicts as conflicts_module
from surveydesk.gui.sync.page import SyncPage
from surveydesk.store.interview_versions import conflicts

WHO = "TK"


@pytest.fixture
def page(qtbot, conflicted, fieldwork):
    project = fieldwork.master()
    widget = SyncPage(who=lambda: WHO)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.set_project(project)
    widget.show()
    assert widget.activate()
    widget.show_conflicts()
    yield widget
    widget.set_project(None)
    project.close()


def comparison(panel) -> dict[str, list[str]]:
    """The comparison table as ``row label -> texts of the versions``."""
    table = panel.compare_table
    found = {}
    for row in range(1, table.rowCount()):  # row 0 holds the buttons
        label = table.item(row, 0)
        if label is not None and table.columnSpan(row, 0) == 1:
            found[label.text()] = [table.item(row, c).text() for c in range(1, table.columnCount())]
    return found


def highlighted(panel, label: str) -> bool:
    table = panel.compare_table
    row = next(r for r in range(1, table.rowCount())
               if table.item(r, 0) is not None and table.item(r, 0).text() == label)
    return table.item(row, 1).background().color() == conflicts_module.DIFFERS


def version_number(panel, source_prefix: str) -> int:
    """The column (1-based version number) whose version came from ``source_prefix``."""
    sources = comparison(panel)["Came from"]
    return next(n for n, source in enumerate(sources, 1) if source.startswith(source_prefix))


def test_an_open_conflict_is_listed_with_its_versions_side_by_side(page, conflicted):
    panel = page.conflicts_panel
    assert page.tabs.tabText(1) == "Conflicts (1)"
    assert panel.count_label.text() == "Open conflicts: 1"
    assert panel.table.rowCount() == 1
    assert [panel.table.item(0, c).text() for c in range(3)] == [conflicted.uuid, "2024", "2"]
    assert panel.table.item(0, 4).text() == "Open"
    assert panel.detail.currentIndex() == 1  # the only conflict is chosen at once
    assert panel.heading.text() == f"Interview {conflicted.uuid}"

    shown = comparison(panel)
    device, master = version_number(panel, "a2.sddevice"), version_number(panel, "This project")
    assert {device, master} == {1, 2}
    assert shown["Came from"][device - 1] == "a2.sddevice (device device-a)"
    assert shown["Came from"][master - 1] == "This project (before the merge)"
    assert shown["Interviewer"] == ["AB", "AB"]
    assert shown["Status"] == ["Complete", "Complete"]
    assert shown["Deleted"] == ["No", "No"]
    # Question and choice labels in the UI language; the differing answer is highlighted.
    assert shown["Age"][device - 1] == "41" and shown["Age"][master - 1] == "42"
    assert shown["How satisfied?"] == ["Very satisfied", "Very satisfied"]
    assert highlighted(panel, "Age") and not highlighted(panel, "How satisfied?")
    assert not highlighted(panel, "Came from")  # where a version came from always differs
    assert len(panel.keep_buttons) == 2 and all(b.isEnabled() for b in panel.keep_buttons)

    history = panel.history_table
    entries = {history.item(r, 3).text(): [history.item(r, 4 + v).text() for v in range(2)]
               for r in range(history.rowCount())}
    assert entries["typo"][device - 1] == "✓" and entries["typo"][master - 1] == ""
    assert entries["checked the paper"][master - 1] == "✓"
    assert entries["checked the paper"][device - 1] == ""
    typo_row = next(r for r in range(history.rowCount()) if history.item(r, 3).text() == "typo")
    assert history.item(typo_row, 2).text() == "Age: 40 → 41"
    assert history.item(typo_row, 1).text() == "AB"


def test_the_comparison_follows_the_ui_language(qtbot, page):
    panel = page.conflicts_panel
    translation.set_ui_language("da")
    qtbot.waitUntil(lambda: "Alder" in comparison(panel))
    assert comparison(panel)["Hvor tilfreds?"] == ["Meget tilfreds", "Meget tilfreds"]
    assert page.tabs.tabText(1) == "Konflikter (1)"
    assert panel.keep_buttons[0].text() == "Behold denne version"


def test_keeping_a_version_resolves_the_conflict_and_audits_who_chose(
        qtbot, page, conflicted, dialogs):
    panel = page.conflicts_panel
    device = version_number(panel, "a2.sddevice")
    dialogs.answer = f"Keep version {device}"

    with qtbot.waitSignal(page.data_changed):
        qtbot.mouseClick(panel.keep_buttons[device - 1], Qt.MouseButton.LeftButton)

    assert [d[:3] for d in dialogs] == [
        ("Question", "Keep this version?",
         f"Keep version {device} of interview {conflicted.uuid}?")]
    project = page.project
    assert conflicts(project) == []
    assert project.answers(conflicted.uuid)["age"] == "41"
    last = project.audit_log(conflicted.uuid)[-1]
    assert last.who == WHO
    assert last.reason.startswith("merge conflict resolved: kept version ")
    assert panel.table.rowCount() == 0 and panel.detail.currentIndex() == 0
    assert page.tabs.tabText(1) == "Conflicts"
    assert panel.count_label.text() == "Open conflicts: 0"

    panel.show_resolved.setChecked(True)
    assert panel.table.rowCount() == 1
    assert panel.table.item(0, 4).text().startswith("Resolved ")
    assert panel.explanation.text().endswith(f"by {WHO}: version {device} was kept.")
    assert not any(button.isEnabled() for button in panel.keep_buttons)


def test_cancelling_the_question_keeps_the_conflict_open(qtbot, page, conflicted, dialogs):
    panel = page.conflicts_panel
    dialogs.answer = "Cancel"
    assert panel.keep(panel.conflict.versions[0].key, 1) is False
    assert len(dialogs) == 1
    assert [c.interview_uuid for c in conflicts(page.project)] == [conflicted.uuid]
    assert page.tabs.tabText(1) == "Conflicts (1)"


def test_a_conflict_opened_by_a_merge_in_the_page_is_listed(
        qtbot, fieldwork, dialogs):
    """The merge tab's report points to the conflict, and the conflicts tab lists it."""
    from surveydesk.sync.merge import merge_device_files

    with fieldwork.laptop("a") as a:
        uuid = fieldwork.interview(a, {"satisfied": "5", "age": "40"})
        with fieldwork.master() as master:
            merge_device_files(master, [fieldwork.export(a, "a1")], now=fieldwork.now())
            master.change_answer(uuid, "age", "42", who="analyst", reason="paper",
                                 now=fieldwork.now())
        a.change_answer(uuid, "age", "41", who="AB", reason="typo", now=fieldwork.now())
        second = fieldwork.export(a, "a2")
    project = fieldwork.master()
    page = SyncPage(who=lambda: WHO)
    qtbot.addWidget(page)
    page.set_project(project)
    page.show()
    page.activate()
    try:
        panel = page.merge_panel
        panel.add_files([second])
        panel.merge()
        qtbot.waitUntil(lambda: panel.task is None, timeout=20_000)
        assert dialogs == []
        assert "Interviews with a merge conflict to review: 1" in panel.details_label.text()
        assert panel.conflicts_button.isVisible()
        assert page.tabs.tabText(1) == "Conflicts (1)"
        qtbot.mouseClick(panel.conflicts_button, Qt.MouseButton.LeftButton)
        assert page.tabs.currentWidget() is page.conflicts_panel
        assert page.conflicts_panel.table.item(0, 0).text() == uuid
    finally:
        page.set_project(None)
        project.close()
