"""``surveydesk --screenshot`` and ``--licences``: how a build is checked headless
(packaging/smoke.py runs the same options against the frozen executables)."""

from __future__ import annotations

import os
import struct
import subprocess
import sys

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QMessageBox

from surveydesk import app


def _isolated_env(tmp_path) -> dict[str, str]:
    env = dict(os.environ)
    env.update({
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(tmp_path / "home"),
        "XDG_CONFIG_HOME": str(tmp_path / "home" / ".config"),
        "XDG_DATA_HOME": str(tmp_path / "home" / ".local" / "share"),
        "SURVEYDESK_CONFIG_DIR": str(tmp_path / "config"),
    })
    return env


def test_screenshot_saves_the_main_window_on_the_project_and_exits_0(tmp_path,
                                                                      demo_project_path):
    picture = tmp_path / "window.png"
    result = subprocess.run(
        [sys.executable, "-m", "surveydesk.app", "--lang", "en",
         "--screenshot", str(picture), str(demo_project_path)],
        env=_isolated_env(tmp_path), capture_output=True, text=True, timeout=120,
    )

    assert result.returncode == 0, result.stderr
    assert f"screenshot written to {picture}" in result.stdout
    header = picture.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", header[16:24]) == (1000, 640)
    image = QImage(str(picture))
    # Not a blank grab: the overview's dark title text and the light background both show.
    colours = {image.pixel(x, y) for x in range(0, 1000, 7) for y in range(0, 640, 7)}
    assert len(colours) > 10
    # Nothing was remembered: --lang is not stored for next time.
    settings = tmp_path / "home" / ".config" / "SurveyDesk" / "SurveyDesk.conf"
    assert not settings.exists() or "language" not in settings.read_text()


def test_screenshot_of_a_broken_project_prints_the_problem_instead_of_a_dialog(
        qapp, tmp_path, capsys, monkeypatch):
    broken = tmp_path / "broken.sdproj"
    broken.write_text("no project here")
    monkeypatch.setattr(QMessageBox, "critical", lambda *args: (_ for _ in ()).throw(
        AssertionError("a dialog nobody can close")))

    code = app.main([str(broken), "--lang", "en", "--screenshot", str(tmp_path / "x.png")])

    assert code == 2
    error = capsys.readouterr().err
    assert error.startswith("SurveyDesk could not start: ")
    assert "broken.sdproj" in error
    assert not (tmp_path / "x.png").exists()


def test_screenshot_to_an_unwritable_place_exits_1(qtbot, tmp_path):
    from PySide6.QtWidgets import QWidget

    widget = QWidget()
    qtbot.addWidget(widget)
    widget.resize(200, 100)
    widget.show()

    assert app.save_screenshot(widget, tmp_path / "no-such-folder" / "x.png") == 1
    assert app.save_screenshot(widget, tmp_path / "x.png") == 0
    assert QImage(str(tmp_path / "x.png")).width() == 200


def test_licences_lists_qt_python_and_every_library_with_a_licence(capsys):
    assert app.main(["--licences"]) == 0

    lines = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert all(len(line) == 3 and all(line) for line in lines), lines
    names = [line[0] for line in lines]
    assert names[:2] == ["Qt", "Python"]
    assert "pyqtgraph" in names
