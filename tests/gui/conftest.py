"""GUI tests run headless: the Qt offscreen platform, and settings in a temporary folder."""

from __future__ import annotations

import os

# Before any QApplication exists: the tests need no display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest


@pytest.fixture(scope="session", autouse=True)
def _private_settings(tmp_path_factory):
    """Keep QSettings (the remembered UI language) away from the developer's own."""
    from PySide6.QtCore import QSettings

    folder = str(tmp_path_factory.mktemp("qsettings"))
    for settings_format in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(settings_format, QSettings.Scope.UserScope, folder)


@pytest.fixture(autouse=True)
def _english_after_each_test(request):
    """A test that switches the UI to Danish must not leak it into the next test."""
    yield
    if "qapp" in request.fixturenames or "qtbot" in request.fixturenames:
        from surveydesk.gui import translation

        translation.set_ui_language("en")


@pytest.fixture(scope="session")
def demo_project_path(tmp_path_factory):
    """A citizen-service demo project, generated once for the session."""
    from surveydesk.gui.main_window import open_demo_project

    folder = tmp_path_factory.mktemp("demo")
    open_demo_project("citizen_service", folder).close()
    return folder / "demo-citizen_service.sdproj"
