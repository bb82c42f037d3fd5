"""Help ▸ About: version, licence, Python and Qt, and every bundled library's licence."""

from __future__ import annotations

import tomllib
from email.message import Message
from pathlib import Path

import pytest
from PySide6.QtCore import qVersion

import surveydesk
from surveydesk.gui import translation
from surveydesk.gui.about import (
    AboutDialog,
    bundled_libraries,
    licence_in_text,
    licence_of,
    normalised,
)

ROOT = Path(__file__).resolve().parents[2]


def _runtime_dependencies() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return [spec.split(">")[0].split("<")[0].split("=")[0].split("!")[0].strip()
            for spec in project["dependencies"]]


def _installed_requirements() -> list[str]:
    import importlib.metadata

    return [requirement.split(";")[0] for requirement in
            importlib.metadata.requires("surveydesk") or [] if "extra" not in requirement]


@pytest.fixture(autouse=True)
def _installed_metadata_is_current():
    """The dialog reads the installed metadata; pyproject.toml changed since the install
    (a dependency added) makes these tests compare against the wrong list."""
    installed = {normalised(spec.split(">")[0].split("<")[0].split("=")[0].split("!")[0])
                 for spec in _installed_requirements()}
    wanted = {normalised(name) for name in _runtime_dependencies()}
    assert installed == wanted, (
        "the installed surveydesk metadata is stale (pyproject.toml's dependencies changed): "
        "run `pip install -e .` again")


def _table(dialog: AboutDialog) -> dict[str, tuple[str, str]]:
    table = dialog.table
    return {
        normalised(table.item(row, 0).text()): (table.item(row, 1).text(),
                                                table.item(row, 2).text())
        for row in range(table.rowCount())
    }


@pytest.fixture
def dialog(qtbot):
    about = AboutDialog()
    qtbot.addWidget(about)
    return about


def test_the_dialog_shows_the_version_python_and_qt(dialog):
    assert surveydesk.__version__ in dialog.heading.text()
    assert dialog.version_label.text() == surveydesk.__version__
    assert dialog.qt_label.text().startswith(qVersion())
    assert dialog.licence_label.text() == "MIT"  # pyproject.toml: license = "MIT"


def test_every_runtime_dependency_is_listed_with_its_version_and_a_licence(dialog):
    listed = _table(dialog)
    for dependency in _runtime_dependencies():
        version, licence = listed[normalised(dependency)]
        assert version and licence and licence != "not stated", dependency


def test_known_licences_are_read_from_the_package_metadata(dialog):
    listed = _table(dialog)
    assert "LGPL-3.0-only" in listed["pyside6-essentials"][1]
    assert listed["qt"] == (qVersion(), "LGPL-3.0-only")
    assert listed["pyqtgraph"][1] == "MIT"
    assert listed["pandas"][1].startswith("BSD")
    assert listed["scipy"][1].startswith("BSD")  # only a classifier and a licence text
    assert listed["xlsxwriter"][1] == "BSD-2-Clause"
    assert listed["pyreadstat"][1] == "Apache-2.0"


def test_libraries_brought_by_the_dependencies_are_listed_after_the_direct_ones():
    libraries = bundled_libraries()
    direct = [library for library in libraries if library.direct]
    assert [normalised(library.name) for library in direct] == [
        normalised(name) for name in _runtime_dependencies()]
    assert libraries[:len(direct)] == direct
    assert "shiboken6" in {normalised(library.name) for library in libraries[len(direct):]}


def test_licence_prefers_the_expression_then_a_short_field_then_classifiers():
    def metadata(**fields) -> Message:
        message = Message()
        for key, values in fields.items():
            for value in values if isinstance(values, list) else [values]:
                message[key.replace("_", "-")] = value
        return message

    assert licence_of(metadata(License_Expression="MIT", License="whatever")) == "MIT"
    assert licence_of(metadata(License="Apache-2.0")) == "Apache-2.0"
    assert licence_of(metadata(
        License="Copyright (c) 2001 Someone\nAll rights reserved.\n...",
        Classifier=["Programming Language :: Python",
                    "License :: OSI Approved :: BSD License"])) == "BSD"
    assert licence_of(metadata(Classifier="License :: OSI Approved :: "
                                          "Python Software Foundation License")) == "PSF-2.0"
    assert licence_of(metadata()) == ""


def test_a_licence_file_is_recognised_when_the_metadata_names_none():
    import importlib.metadata

    bsd = ("Copyright (c) 2015, XLSForm\nAll rights reserved.\n\nRedistribution and use in "
           "source and binary\nforms, with or without modification, are permitted ...")
    assert licence_in_text(bsd) == "BSD-2-Clause"
    assert licence_in_text(bsd + " Neither the name of the copyright holder ...") == \
        "BSD-3-Clause"
    assert licence_in_text("Permission is hereby granted, free of charge, to any") == "MIT"
    assert licence_in_text("Some words of our own") == ""
    listed = {library.name: library for library in bundled_libraries()}
    assert licence_of(importlib.metadata.metadata("pyxform")) == ""  # as published
    assert listed["pyxform"].licence == "BSD-2-Clause"  # from its LICENSE file


def test_the_dialog_speaks_danish(dialog, qtbot):
    translation.set_ui_language("da")
    qtbot.waitUntil(lambda: dialog.windowTitle() != "About SurveyDesk")
    assert dialog.windowTitle() == "Om SurveyDesk"
    assert dialog.table.horizontalHeaderItem(0).text() == "Bibliotek"
    assert dialog.table.horizontalHeaderItem(2).text() == "Licens"


def test_help_about_opens_the_dialog(qtbot, monkeypatch):
    from surveydesk.gui.main_window import MainWindow

    shown = []
    monkeypatch.setattr(AboutDialog, "exec", lambda self: shown.append(self) or 0)
    window = MainWindow()
    qtbot.addWidget(window)

    window.about_action.trigger()

    assert len(shown) == 1 and shown[0].parent() is window
