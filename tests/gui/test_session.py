"""Between sessions: recent projects, the remembered window layout, Getting started."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import QRect, QSettings
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from surveydesk.gui import first_run, layout, recent
from surveydesk.gui.main_window import MainWindow
from surveydesk.io.demo import demo_form_path
from surveydesk.store.project import Project


@pytest.fixture(autouse=True)
def _fresh_session_settings():
    """Each test starts as if SurveyDesk had never run (for these keys)."""
    settings = QSettings()
    for key in (recent.SETTINGS_KEY, layout.GROUP, "gettingStarted"):
        settings.remove(key)
    yield
    for key in (recent.SETTINGS_KEY, layout.GROUP, "gettingStarted"):
        settings.remove(key)


@pytest.fixture
def projects(tmp_path, demo_project_path):
    """Ten copies of the demo project: p0.sdproj … p9.sdproj."""
    paths = []
    for number in range(10):
        path = tmp_path / f"p{number}.sdproj"
        shutil.copyfile(demo_project_path, path)
        paths.append(path)
    return paths


@pytest.fixture
def make_window(qtbot):
    def make(project=None) -> MainWindow:
        window = MainWindow(project)
        qtbot.addWidget(window)
        return window

    return make


# -- recent projects -----------------------------------------------------------------------
def test_opened_and_created_projects_are_listed_most_recent_first_at_most_eight(
        make_window, projects, tmp_path, monkeypatch):
    monkeypatch.setattr(QMessageBox, "critical", lambda *args: pytest.fail(str(args)))
    window = make_window()
    for path in projects:
        assert window.open_project(path)
    window.open_project(projects[3])  # again: moves to the top, listed once
    created = tmp_path / "new.sdproj"
    assert window.create_project(demo_form_path("jobcentre"), created)

    expected = [created, projects[3], projects[9], projects[8], projects[7], projects[6],
                projects[5], projects[4]]
    assert recent.recent_projects() == [path.resolve() for path in expected]
    window.recent_menu.rebuild()
    texts = [action.text() for action in window.recent_menu.file_actions()]
    assert len(texts) == recent.LIMIT
    assert texts[0].startswith("&1  new.sdproj  —  ")
    assert texts[1].startswith("&2  p3.sdproj")
    assert all(action.isEnabled() for action in window.recent_menu.file_actions())


def test_choosing_a_recent_project_opens_it(make_window, projects):
    window = make_window(Project.open(projects[0]))
    window.open_project(projects[1])
    window.recent_menu.rebuild()
    first, second = window.recent_menu.file_actions()[:2]
    assert first.data() == str(projects[1].resolve())

    second.trigger()

    assert window.project.path.resolve() == projects[0].resolve()
    assert recent.recent_projects()[0] == projects[0].resolve()


def test_missing_files_are_greyed_and_can_be_removed_or_the_list_cleared(make_window, projects):
    window = make_window()
    for path in projects[:3]:
        window.open_project(path)
    window.set_project(None)
    projects[1].unlink()
    menu = window.recent_menu
    menu.rebuild()
    actions = menu.file_actions()
    assert [action.isEnabled() for action in actions] == [True, False, True]
    assert actions[1].text().endswith("(not found)")
    assert "p1.sdproj was not found" in actions[1].toolTip()
    assert menu.remove_missing_action.isEnabled()
    assert menu.remove_missing_action.text() == "Remove missing files (1)"

    menu.remove_missing_action.trigger()
    assert recent.recent_projects() == [projects[2].resolve(), projects[0].resolve()]
    assert not menu.remove_missing_action.isEnabled()

    menu.clear_action.trigger()
    assert recent.recent_projects() == []
    assert menu.file_actions() == []
    assert next(a.text() for a in menu.actions() if a.text()) == "No recent projects"
    assert not menu.clear_action.isEnabled()


def test_a_file_gone_after_the_menu_was_shown_is_explained_and_dropped(make_window, projects,
                                                                      monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda _parent, title, text, *args: shown.append((title, text)))
    window = make_window()
    window.open_project(projects[0])
    window.set_project(None)
    window.recent_menu.rebuild()
    action = window.recent_menu.file_actions()[0]
    projects[0].unlink()

    action.trigger()

    assert window.project is None
    assert len(shown) == 1
    assert shown[0][0] == "Project not found"
    assert "p0.sdproj" in shown[0][1] and "removed from the list" in shown[0][1]
    assert recent.recent_projects() == []


def test_recent_menu_speaks_danish(make_window, projects, qtbot):
    window = make_window()
    window.open_project(projects[0])
    window.set_language("da", remember=False)
    qtbot.waitUntil(lambda: window.recent_menu.title() == "Åbn &seneste")
    assert window.recent_menu.clear_action.text() == "Ryd listen"


# -- window layout -------------------------------------------------------------------------
def test_window_geometry_is_saved_on_close_and_restored_by_the_next_window(make_window,
                                                                         projects):
    window = make_window(Project.open(projects[0]))
    window.start_session()
    window.show()
    window.resize(700, 520)
    window.move(40, 30)
    size, position = window.size(), window.pos()
    window.close()
    saved = QSettings()
    assert saved.value("mainWindow/view") == "overview"
    assert saved.contains("mainWindow/geometry") and saved.contains("mainWindow/state")

    again = make_window(Project.open(projects[0]))
    again.resize(1000, 640)  # what the app does before restoring
    again.start_session()
    again.show()

    # The offscreen screen is 800 px wide and the window at least ~985 px (the widest
    # view), so Qt fits the width to the screen; the height and top edge come back as saved.
    assert again.height() == size.height() == 520
    assert again.y() == position.y()
    assert again.current_view() == "overview"


def test_last_view_and_splitter_positions_are_restored(make_window, projects, qtbot):
    window = make_window(Project.open(projects[0]))
    window.start_session()
    window.show()
    window.records_action.trigger()
    splitter = window.records_page.browser.splitter
    splitter.setSizes([150, 250])
    sizes = splitter.sizes()
    window.close()
    assert QSettings().value("mainWindow/view") == "records"

    again = make_window(Project.open(projects[0]))
    again.start_session()
    again.show()

    assert again.current_view() == "records"
    assert again.records_action.isChecked()
    assert not again.overview_action.isChecked()
    qtbot.waitUntil(lambda: again.records_page.browser.splitter.sizes() == sizes)


def test_a_window_without_a_session_remembers_nothing(make_window, projects):
    window = make_window(Project.open(projects[0]))  # as tests and screenshot tools make them
    window.show()
    window.close()
    assert not QSettings().contains("mainWindow/geometry")
    assert first_run.is_first_run()


def test_without_a_saved_layout_the_window_keeps_its_size_and_the_overview(make_window,
                                                                         projects):
    window = make_window(Project.open(projects[0]))
    window.resize(900, 600)
    window.start_session()
    assert window.current_view() == "overview"
    assert (window.width(), window.height()) == (900, 600)


def test_a_window_restored_off_every_screen_is_moved_back_onto_one(make_window):
    window = make_window()
    window.resize(400, 300)
    window.show()
    window.move(-30000, -30000)
    screens = [screen.availableGeometry() for screen in QGuiApplication.screens()]
    assert not layout.grip_is_visible(window.frameGeometry(), screens)

    assert layout.move_onto_a_screen(window) is True

    assert layout.grip_is_visible(window.frameGeometry(), screens)
    assert layout.move_onto_a_screen(window) is False  # already reachable: left alone


def test_a_title_bar_mostly_off_screen_counts_as_unreachable():
    screen = [QRect(0, 0, 1920, 1080)]
    assert layout.grip_is_visible(QRect(100, 100, 800, 600), screen)
    assert layout.grip_is_visible(QRect(1700, 500, 800, 600), screen)  # 220 px of it shown
    assert not layout.grip_is_visible(QRect(1880, 500, 800, 600), screen)  # only 40 px
    assert not layout.grip_is_visible(QRect(100, -590, 800, 600), screen)  # above the top
    assert not layout.grip_is_visible(QRect(2000, 0, 800, 600), screen)  # on a gone monitor
    assert layout.grip_is_visible(QRect(2000, 0, 800, 600), [*screen, QRect(1920, 0, 1920, 1080)])


# -- first run -----------------------------------------------------------------------------
def test_first_start_shows_getting_started_and_later_starts_do_not(make_window, projects,
                                                                  qtbot):
    assert first_run.is_first_run()
    window = make_window(Project.open(projects[0]))
    window.start_session()
    window.show()
    panel = window.getting_started
    assert panel.isVisible()
    assert not first_run.is_first_run()
    assert [label.text() for label in panel.title_labels] == [
        "Look at the questionnaire", "Run an interview", "Look at the results",
        "Write the report"]
    assert [button.text() for button in panel.buttons] == [
        "Show the overview (Ctrl+1)", "Start interviewing (Ctrl+2)",
        "Show the results (Ctrl+5)", "Write the report… (Ctrl+R)"]
    panel.close()
    window.close()

    later = make_window(Project.open(projects[0]))
    later.start_session()
    later.show()
    assert not later.getting_started.isVisible()

    later.getting_started_action.trigger()  # Help > Getting started
    assert later.getting_started.isVisible()


def test_getting_started_buttons_take_the_user_to_each_step(make_window, projects, qtbot):
    window = make_window(Project.open(projects[0]))
    window.start_session()
    window.show()
    panel = window.getting_started
    reports = []
    window.analysis_page.open_report_dialog = lambda: reports.append(True)

    panel.buttons[1].click()
    assert window.current_view() == "entry"
    panel.buttons[0].click()
    assert window.current_view() == "overview"
    panel.buttons[2].click()
    assert window.current_view() == "analysis"
    qtbot.waitUntil(lambda: window.analysis_page.task is None, timeout=30_000)
    panel.buttons[3].click()
    assert reports == [True]


def test_getting_started_steps_need_a_project(make_window):
    window = make_window()
    window.show_getting_started()
    assert [button.isEnabled() for button in window.getting_started.buttons] == [
        True, False, False, False]


def test_dont_show_again_is_remembered(make_window, projects):
    window = make_window(Project.open(projects[0]))
    window.start_session()
    window.show()
    window.getting_started.dont_show_box.setChecked(True)
    window.close()  # the panel was open: the saved state has it open

    later = make_window(Project.open(projects[0]))
    later.start_session()
    later.show()
    assert not later.getting_started.isVisible()
    assert first_run.dont_show() is True


def test_getting_started_in_danish(make_window, projects, qtbot):
    window = make_window(Project.open(projects[0]))
    window.start_session()
    window.show()
    window.set_language("da", remember=False)
    panel = window.getting_started
    qtbot.waitUntil(lambda: panel.windowTitle() == "Kom godt i gang")
    assert panel.title_labels[1].text() == "Gennemfør et interview"
    assert panel.dont_show_box.text() == "Vis ikke igen"
    assert window.getting_started_action.text() == "&Kom godt i gang"
