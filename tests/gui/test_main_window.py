"""The main window: the project overview, the language switch, errors in dialogs, start-up."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

import surveydesk
from surveydesk import app
from surveydesk.gui import main_window as main_window_module
from surveydesk.gui import translation
from surveydesk.gui.main_window import MainWindow, open_demo_project
from surveydesk.io.demo import demo_form_path
from surveydesk.store.project import Project

ENGLISH_HEADERS = ["Wave", "Total", "Web", "In person", "Phone", "Complete", "Partial", "Aborted"]
DANISH_HEADERS = [
    "Bølge",
    "I alt",
    "Web",
    "Personligt fremmøde",
    "Telefon",
    "Gennemført",
    "Delvis",
    "Afbrudt",
]


@pytest.fixture
def window(qtbot, demo_project_path):
    main_window = MainWindow(Project.open(demo_project_path))
    qtbot.addWidget(main_window)
    main_window.resize(1000, 640)
    main_window.show()
    return main_window


@pytest.fixture
def dialogs(monkeypatch):
    """Capture QMessageBox.critical calls as ``(title, text)`` instead of showing them."""
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "critical", lambda _parent, title, text, *args: shown.append((title, text))
    )
    return shown


def table_rows(main_window: MainWindow) -> list[list[str]]:
    table = main_window.overview_page.table
    return [
        [table.item(row, column).text() for column in range(table.columnCount())]
        for row in range(table.rowCount())
    ]


def headers(main_window: MainWindow) -> list[str]:
    table = main_window.overview_page.table
    return [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]


def test_overview_shows_every_wave_with_counts_by_mode_and_status(window, demo_project_path):
    with Project.open(demo_project_path) as project:
        overview = project.overview()
    expected = [
        [
            s.wave.label,
            f"{s.total:,}",
            f"{s.by_mode['web']:,}",
            f"{s.by_mode['in_person']:,}",
            f"{s.by_mode['phone']:,}",
            f"{s.by_status['complete']:,}",
            f"{s.by_status['partial']:,}",
            f"{s.by_status['aborted']:,}",
        ]
        for s in overview.waves
    ]
    rows = table_rows(window)
    assert rows[:-1] == expected
    # The demo's fixed design: 671 answers in 2019 (539 web, 62 in person, 70 phone).
    assert rows[0][:5] == ["2019", "671", "539", "62", "70"]
    assert rows[-1][:2] == ["All waves", f"{overview.total:,}"]
    assert headers(window) == ENGLISH_HEADERS

    page = window.overview_page
    # The form's English title in the English UI (overview.title is the default language's).
    assert overview.title == "Brugerundersøgelse af Borgerservice"
    assert page.title_label.text() == "Citizen Service user survey"
    assert page.form_id_value.text() == "citizen_service"
    assert page.version_value.text() == overview.form_version
    assert "Dansk (da)" in page.languages_value.text()
    assert window.windowTitle() == "SurveyDesk — demo-citizen_service.sdproj"
    assert str(demo_project_path) in window.path_label.text()


def test_language_menu_retranslates_the_open_window_at_once(window, qtbot):
    window.language_actions["da"].trigger()
    qtbot.waitUntil(lambda: window.file_menu.title() == "&Fil")
    assert window.view_menu.title() == "&Vis"
    assert window.help_menu.title() == "&Hjælp"
    assert window.new_action.text() == "&Ny undersøgelse fra spørgeskema…"
    assert window.open_action.text() == "&Åbn projekt…"
    assert headers(window) == DANISH_HEADERS
    page = window.overview_page
    assert page.caption_label.text() == "Spørgeskema"
    assert page.languages_caption.text() == "Sprog:"
    assert page.waves_heading.text() == "Bølger"
    rows = table_rows(window)
    assert rows[-1][0] == "Alle bølger"
    assert rows[-1][1] == f"{int(rows[-1][1].replace('.', '')):,}".replace(",", ".")
    assert window.path_label.text().startswith("Projekt: ")
    assert window.language_actions["da"].isChecked()
    assert not window.language_actions["en"].isChecked()
    assert QSettings().value(translation.SETTINGS_KEY) == "da"

    window.language_actions["en"].trigger()
    qtbot.waitUntil(lambda: window.file_menu.title() == "&File")
    assert headers(window) == ENGLISH_HEADERS
    assert window.overview_page.caption_label.text() == "Questionnaire"
    assert table_rows(window)[-1][0] == "All waves"
    assert QSettings().value(translation.SETTINGS_KEY) == "en"


def test_opening_a_broken_project_shows_the_error_and_keeps_the_open_one(window, tmp_path, dialogs):
    broken = tmp_path / "broken.sdproj"
    broken.write_bytes(b"this is not a SQLite database, just some bytes" * 50)
    before = window.project

    assert window.open_project(broken) is False

    assert len(dialogs) == 1
    title, text = dialogs[0]
    assert title == "Could not open the project"
    assert "broken.sdproj" in text and "Traceback" not in text
    assert window.project is before
    assert window.windowTitle() == "SurveyDesk — demo-citizen_service.sdproj"


def test_new_project_from_a_form_shows_the_questionnaire_without_waves(qtbot, tmp_path, dialogs):
    main_window = MainWindow()
    qtbot.addWidget(main_window)
    target = tmp_path / "survey.sdproj"

    assert main_window.create_project(demo_form_path("jobcentre"), target) is True

    assert dialogs == []
    assert target.is_file()
    assert main_window.windowTitle() == "SurveyDesk — survey.sdproj"
    assert main_window.overview_page.form_id_value.text() == "jobcentre"
    assert main_window.overview_page.table.rowCount() == 0
    assert not main_window.overview_page.no_waves_label.isHidden()

    # A second project at the same path would overwrite the first: refused in a dialog.
    assert main_window.create_project(demo_form_path("jobcentre"), target) is False
    assert "already exists" in dialogs[0][1]


def test_a_workbook_that_is_not_a_form_is_reported_in_a_dialog(qtbot, tmp_path, dialogs):
    main_window = MainWindow()
    qtbot.addWidget(main_window)
    not_a_form = tmp_path / "notes.xlsx"
    not_a_form.write_text("just text")

    assert main_window.create_project(not_a_form, tmp_path / "x.sdproj") is False
    assert dialogs and dialogs[0][0] == "Could not create the project"
    assert not (tmp_path / "x.sdproj").exists()
    assert main_window.project is None


def test_closing_the_project_shows_the_empty_page(window):
    window.close_action.trigger()
    assert window.project is None
    assert window.windowTitle() == "SurveyDesk"
    assert not window.close_action.isEnabled()
    assert "No project is open" in window.overview_page.empty_label.text()


def test_open_demo_menu_opens_the_demo_project(qtbot, demo_project_path, dialogs):
    main_window = MainWindow(demo_dir=demo_project_path.parent)
    qtbot.addWidget(main_window)

    main_window.demo_actions["citizen_service"].trigger()

    assert dialogs == []
    assert main_window.project is not None
    assert main_window.project.path == demo_project_path
    assert main_window.overview_page.table.rowCount() == 3  # two waves and the total


def test_about_names_the_version(window, monkeypatch):
    from surveydesk.gui.about import AboutDialog

    shown = []
    monkeypatch.setattr(AboutDialog, "exec", lambda dialog: shown.append(dialog) or 0)
    window.about_action.trigger()
    assert surveydesk.__version__ in shown[0].heading.text()


def test_the_demo_is_created_once_and_then_reopened(tmp_path):
    with open_demo_project("citizen_service", tmp_path) as project:
        first = project.overview().total
    stamp = (tmp_path / "demo-citizen_service.sdproj").stat().st_mtime_ns
    with open_demo_project("citizen_service", tmp_path) as project:
        assert project.overview().total == first == 671 + 682
    assert (tmp_path / "demo-citizen_service.sdproj").stat().st_mtime_ns == stamp


def test_version_prints_without_a_window(capsys):
    assert app.main(["--version"]) == 0
    assert capsys.readouterr().out == f"surveydesk {surveydesk.__version__}\n"


def test_start_up_with_a_broken_project_shows_a_dialog_and_exits_2(qapp, tmp_path, dialogs):
    broken = tmp_path / "broken.sdproj"
    broken.write_text("no project here")

    assert app.main([str(broken), "--lang", "en"]) == 2

    assert dialogs[0][0] == "SurveyDesk could not start"
    assert "broken.sdproj" in dialogs[0][1]


def test_start_up_opens_the_project_in_the_chosen_language(qtbot, demo_project_path, monkeypatch):
    opened: list[MainWindow] = []

    class RecordedWindow(MainWindow):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            qtbot.addWidget(self)
            opened.append(self)

    monkeypatch.setattr(main_window_module, "MainWindow", RecordedWindow)
    monkeypatch.setattr(QApplication, "exec", lambda _self: 0)

    assert app.main([str(demo_project_path), "--lang", "da"]) == 0

    assert [w.windowTitle() for w in opened] == ["SurveyDesk — demo-citizen_service.sdproj"]
    assert opened[0].isVisible()
    assert translation.current_language() == "da"
    assert opened[0].language_actions["da"].isChecked()
    qtbot.waitUntil(lambda: opened[0].file_menu.title() == "&Fil")
    assert QSettings().value(translation.SETTINGS_KEY) == "da"


def test_the_application_icon_loads_from_package_data(qapp):
    from surveydesk.app import application_icon

    icon = application_icon()
    assert not icon.isNull()
    assert not icon.pixmap(64, 64).isNull()
