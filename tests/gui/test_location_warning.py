"""A project in a network or cloud-synced folder is opened or created only after a warning
whose default answer is Cancel: from the File menu, from code and at start-up."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from surveydesk import app
from surveydesk.gui import location_warning
from surveydesk.gui import main_window as main_window_module
from surveydesk.gui.main_window import MainWindow
from surveydesk.io.demo import demo_form_path
from surveydesk.store.project import Project
from surveydesk.sync.locations import (
    CLOUD_FOLDER,
    NETWORK_DRIVE,
    NETWORK_SHARE,
    RiskyLocation,
)

OPEN = QMessageBox.StandardButton.Open
CANCEL = QMessageBox.StandardButton.Cancel
ONEDRIVE = RiskyLocation(CLOUD_FOLDER, "OneDrive")


@dataclass(frozen=True)
class Shown:
    icon: QMessageBox.Icon
    title: str
    text: str
    informative: str
    go_on: str
    cancel: str
    default: str
    escape: str


class Warnings(list):
    """The warnings shown, in order; each is answered by clicking ``answer``."""

    answer = CANCEL


@pytest.fixture
def warnings(monkeypatch):
    shown = Warnings()

    def answer(box: QMessageBox) -> int:
        shown.append(Shown(
            icon=box.icon(),
            title=box.windowTitle(),
            text=box.text(),
            informative=box.informativeText(),
            go_on=box.button(OPEN).text(),
            cancel=box.button(CANCEL).text(),
            default=box.defaultButton().text(),
            escape=box.escapeButton().text(),
        ))
        box.button(shown.answer).click()  # as the user would; sets the box's result
        return box.result()

    monkeypatch.setattr(QMessageBox, "exec", answer)
    monkeypatch.setattr(QMessageBox, "critical",
                        lambda *_args: pytest.fail("an error dialog was shown"))
    return shown


@pytest.fixture
def checked(monkeypatch):
    """Every path is reported as risky with the location in ``checked.location``."""

    class Check(list):
        location: RiskyLocation | None = ONEDRIVE

        def __call__(self, path):
            self.append(path)
            return self.location

    check = Check()
    monkeypatch.setattr(location_warning, "risky_location", check)
    return check


@pytest.fixture
def empty_window(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    return window


def test_cancel_keeps_the_project_closed(empty_window, demo_project_path, warnings, checked):
    assert empty_window.open_project(demo_project_path) is False

    assert checked == [demo_project_path]
    assert empty_window.project is None
    assert empty_window.windowTitle() == "SurveyDesk"
    [warning] = warnings
    assert warning.icon == QMessageBox.Icon.Warning
    assert warning.title == "Project in a network or cloud folder"
    assert warning.text == ("The project file “demo-citizen_service.sdproj” is in a folder "
                            "that OneDrive keeps in sync with the cloud.")
    assert warning.informative.startswith("Working on a project file there can damage it:")
    assert "Copy the file to a local folder that is not synchronised" in warning.informative
    assert "(File ▸ Export device file)" in warning.informative
    assert (warning.go_on, warning.cancel) == ("Open anyway", "Cancel")
    # Enter and Escape both mean Cancel: opening anyway takes a deliberate click.
    assert warning.default == warning.escape == "Cancel"


def test_cancel_keeps_the_project_already_open(qtbot, demo_project_path, tmp_path, warnings,
                                               checked, form_path):
    checked.location = None
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.create_project(form_path, tmp_path / "local.sdproj") is True
    before = window.project

    checked.location = ONEDRIVE
    assert window.open_project(demo_project_path) is False

    assert window.project is before
    assert window.windowTitle() == "SurveyDesk — local.sdproj"
    assert len(warnings) == 1


def test_open_anyway_opens_the_project(empty_window, demo_project_path, warnings, checked):
    warnings.answer = OPEN

    assert empty_window.open_project(demo_project_path) is True

    assert len(warnings) == 1
    assert empty_window.project is not None
    assert empty_window.project.path == demo_project_path
    assert empty_window.windowTitle() == "SurveyDesk — demo-citizen_service.sdproj"


def test_a_local_folder_opens_without_a_warning(empty_window, demo_project_path, warnings):
    # The real check, on this machine's temporary folder.
    assert empty_window.open_project(demo_project_path) is True
    assert warnings == []
    assert empty_window.project.path == demo_project_path


def test_the_real_check_warns_about_a_dropbox_folder(empty_window, demo_project_path, tmp_path,
                                                     warnings):
    folder = tmp_path / "Dropbox (Aarhus Kommune)" / "Analyse"
    folder.mkdir(parents=True)
    copy = folder / "borgerservice.sdproj"
    copy.write_bytes(demo_project_path.read_bytes())

    assert empty_window.open_project(copy) is False

    assert [w.text for w in warnings] == [
        "The project file “borgerservice.sdproj” is in a folder that Dropbox keeps in sync "
        "with the cloud."
    ]
    assert empty_window.project is None


@pytest.mark.parametrize(
    ("location", "text"),
    [
        (RiskyLocation(NETWORK_SHARE, r"\\fil01\Projekter"),
         "The project file “demo-citizen_service.sdproj” is on the network share "
         r"\\fil01\Projekter."),
        (RiskyLocation(NETWORK_DRIVE, "nfs4"),
         "The project file “demo-citizen_service.sdproj” is on a network drive (nfs4)."),
        (RiskyLocation(NETWORK_DRIVE, "Z:"),
         "The project file “demo-citizen_service.sdproj” is on a network drive (Z:)."),
    ],
)
def test_the_warning_says_what_kind_of_place_it_is(empty_window, demo_project_path, warnings,
                                                   checked, location, text):
    checked.location = location
    assert empty_window.open_project(demo_project_path) is False
    assert warnings[0].text == text


def test_the_file_menu_open_goes_through_the_warning(empty_window, demo_project_path, warnings,
                                                     checked, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *_args, **_kwargs: (str(demo_project_path), ""))
    empty_window.open_action.trigger()
    assert len(warnings) == 1
    assert empty_window.project is None


def test_creating_a_project_there_asks_first(empty_window, tmp_path, warnings, checked):
    target = tmp_path / "survey.sdproj"

    assert empty_window.create_project(demo_form_path("jobcentre"), target) is False

    assert checked == [target]
    assert not target.exists()
    assert empty_window.project is None
    [warning] = warnings
    assert (warning.go_on, warning.cancel, warning.default) == ("Create anyway", "Cancel",
                                                                "Cancel")
    assert "Save the new project in a local folder" in warning.informative

    warnings.answer = OPEN
    assert empty_window.create_project(demo_form_path("jobcentre"), target) is True
    assert target.is_file()
    assert empty_window.windowTitle() == "SurveyDesk — survey.sdproj"


def test_the_new_project_menu_checks_where_the_project_is_saved(empty_window, tmp_path, warnings,
                                                                checked, monkeypatch):
    form = demo_form_path("jobcentre")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(form), ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *_a, **_k: (str(tmp_path / "ny"), ""))
    empty_window.new_action.trigger()
    assert checked == [tmp_path / "ny.sdproj"]
    assert not (tmp_path / "ny.sdproj").exists()


def test_the_warning_speaks_danish(empty_window, demo_project_path, warnings, checked):
    empty_window.set_language("da", remember=False)

    assert empty_window.open_project(demo_project_path) is False

    [warning] = warnings
    assert warning.title == "Projekt i en netværks- eller skymappe"
    assert warning.text == ("Projektfilen »demo-citizen_service.sdproj« ligger i en mappe, "
                            "som OneDrive synkroniserer med skyen.")
    assert "(Fil ▸ Eksportér enhedsfil)" in warning.informative
    assert (warning.go_on, warning.cancel, warning.default) == ("Åbn alligevel", "Annuller",
                                                                "Annuller")


def test_start_up_with_a_risky_project_asks_and_cancel_exits_1(qapp, demo_project_path,
                                                              warnings, checked, monkeypatch):
    monkeypatch.setattr(main_window_module, "MainWindow",
                        lambda *_a, **_k: pytest.fail("no window after Cancel"))

    assert app.main([str(demo_project_path), "--lang", "en"]) == 1

    assert checked == [demo_project_path]
    assert len(warnings) == 1


def test_start_up_with_open_anyway_shows_the_project(qtbot, demo_project_path, warnings, checked,
                                                     monkeypatch):
    opened: list[MainWindow] = []

    class RecordedWindow(MainWindow):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            qtbot.addWidget(self)
            opened.append(self)

    monkeypatch.setattr(main_window_module, "MainWindow", RecordedWindow)
    monkeypatch.setattr(QApplication, "exec", lambda _self: 0)
    warnings.answer = OPEN

    assert app.main([str(demo_project_path), "--lang", "en"]) == 0

    assert len(warnings) == 1
    assert [w.windowTitle() for w in opened] == ["SurveyDesk — demo-citizen_service.sdproj"]


def test_the_demo_opens_without_a_check(qtbot, demo_project_path, warnings, checked):
    window = MainWindow(demo_dir=demo_project_path.parent)
    qtbot.addWidget(window)
    assert window.open_demo("citizen_service") is True
    assert checked == [] and warnings == []
    assert isinstance(window.project, Project)
