"""A crash in the middle of an interview loses no confirmed answer, and the interview is
offered for resume at the question it was at."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading

import pytest
from PySide6.QtCore import Qt

from surveydesk.core import userdata
from surveydesk.gui.main_window import MainWindow
from surveydesk.store import entry
from surveydesk.store.project import Project

# The child opens the app's entry mode, answers by keyboard, says so, and waits to be killed.
CHILD = r"""
import sys, time
from pathlib import Path
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from surveydesk.gui.main_window import MainWindow
from surveydesk.store.project import Project

app = QApplication(["surveydesk-crash-test"])
window = MainWindow(Project.open(Path(sys.argv[1])))
window.resize(1000, 700)
window.show()
window.activateWindow()
app.processEvents()
window.entry_action.trigger()

def press(key=None, text="", modifier=Qt.KeyboardModifier.NoModifier):
    widget = QApplication.focusWidget()
    if text:
        QTest.keyClicks(widget, text)
    else:
        QTest.keyClick(widget, key, modifier)
    app.processEvents()

press(text="MB")
press(Qt.Key.Key_N, modifier=Qt.KeyboardModifier.ControlModifier)
press(Qt.Key.Key_Return)  # the introduction
for digits in ("4", "", "3", "1", "2"):  # department .. sat_municipality
    if digits:
        press(text=digits)
    press(Qt.Key.Key_Return)
recorder = window.entry_page.recorder
print("ANSWERED", recorder.uuid, recorder.session.current, flush=True)
time.sleep(120)
"""


def _first_line(process: subprocess.Popen, timeout: float) -> str:
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.append(process.stdout.readline()),
                              daemon=True)
    reader.start()
    reader.join(timeout)
    return lines[0] if lines else ""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX SIGKILL")
def test_answers_survive_sigkill_and_the_interview_resumes_where_it_was(
        project_path, config_dir, qtbot, keyboard):
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
                   "SURVEYDESK_CONFIG_DIR": str(config_dir)}
    process = subprocess.Popen([sys.executable, "-c", CHILD, str(project_path)],
                               env=environment, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    try:
        line = _first_line(process, timeout=90)
        assert line.startswith("ANSWERED"), (line, process.poll())
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        process.stdout.close()
        process.stderr.close()
    assert process.returncode == -signal.SIGKILL
    _marker, uuid, at = line.split()
    assert at == "sat_latest"

    with Project.open(project_path) as project:
        (interrupted,) = entry.resumable_interviews(project, userdata.device_id())
    assert interrupted.uuid == uuid
    assert interrupted.current_question == "sat_latest"
    assert interrupted.answers == {"department": "familieafdeling", "channel_used": "email",
                                   "channel_preferred": "in_person", "sat_municipality": "4"}

    window = MainWindow(Project.open(project_path))
    qtbot.addWidget(window)
    window.resize(1000, 700)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.entry_action.trigger()
    start_page = window.entry_page.start_page
    assert start_page.resume_table.rowCount() == 1
    assert start_page.resume_table.item(0, 4).text() == (
        "Hvor tilfreds var du med serviceoplevelsen i forbindelse med din seneste kontakt?")
    assert start_page.interviewer_edit.text() == "MB"  # the profile was remembered
    start_page.resume_table.setFocus()
    keyboard.press(Qt.Key.Key_Return)
    page = window.entry_page
    assert page.stack.currentWidget() is page.interview_page
    assert page.recorder.uuid == uuid and page.recorder.session.current == "sat_latest"
    keyboard.answer("1")
    with Project.open(project_path) as project:
        assert entry.load_interview(project, uuid).answers["sat_latest"] == "5"
