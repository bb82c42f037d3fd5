"""Fieldwork for the Sync view: a master project, laptops that started as copies of it, their
device files, and dialogs answered without blocking.

``fieldwork`` (a master and laptop copies) comes from ``tests/conftest.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox


@pytest.fixture
def two_laptops(fieldwork) -> tuple[Path, Path]:
    """Device files of laptop a (two complete interviews, by AB) and laptop b (one complete,
    one partial, by CD); the master has none of them yet."""
    with fieldwork.laptop("a") as a:
        fieldwork.interview(a, {"satisfied": "5", "age": "40"})
        fieldwork.interview(a, {"satisfied": "4", "age": "61", "comment": "Fin betjening"})
        file_a = fieldwork.export(a, interviewer="AB")
    with fieldwork.laptop("b") as b:
        fieldwork.interview(b, {"satisfied": "2", "age": "33"}, interviewer="CD")
        fieldwork.interview(b, {"satisfied": "3"}, finish=False, interviewer="CD")
        file_b = fieldwork.export(b, interviewer="CD")
    return file_a, file_b


@dataclass(frozen=True)
class Conflicted:
    """An interview that laptop a and the master changed independently, merged."""

    uuid: str
    device_file: Path


@pytest.fixture
def conflicted(fieldwork) -> Conflicted:
    """Interview from laptop a merged into the master; then the master's analyst set age 42
    and the interviewer on laptop a set age 41; merging a's new file opens a conflict."""
    from surveydesk.sync.merge import merge_device_files

    with fieldwork.laptop("a") as a:
        uuid = fieldwork.interview(a, {"satisfied": "5", "age": "40"})
        first = fieldwork.export(a, "a1")
        with fieldwork.master() as master:
            merge_device_files(master, [first], now=fieldwork.now())
            master.change_answer(uuid, "age", "42", who="analyst", reason="checked the paper",
                                 now=fieldwork.now())
        a.change_answer(uuid, "age", "41", who="AB", reason="typo", now=fieldwork.now())
        second = fieldwork.export(a, "a2")
    with fieldwork.master() as master:
        report = merge_device_files(master, [second], now=fieldwork.now())
    assert report.open_conflicts == 1
    return Conflicted(uuid, second)


class Dialogs(list):
    """Message boxes shown, as ``(kind, title, text, informative)``; a box run with
    ``exec()`` is answered by clicking the button whose text is ``answer`` (the default
    button if ``None``)."""

    answer: str | None = None
    #: tick the box's check box (if it has one) before answering
    check: bool = False


@pytest.fixture
def dialogs(monkeypatch) -> Dialogs:
    shown = Dialogs()

    def critical(_parent, title, text, *_args):
        shown.append(("critical", title, text, ""))
        return QMessageBox.StandardButton.Ok

    def run(box: QMessageBox) -> int:
        shown.append((box.icon().name, box.windowTitle(), box.text(), box.informativeText()))
        if shown.check and box.checkBox() is not None:
            box.checkBox().setChecked(True)
        buttons = {button.text(): button for button in box.buttons()}
        button = buttons[shown.answer] if shown.answer else box.defaultButton()
        if button is None:
            button = box.buttons()[0]
        button.click()
        return box.standardButton(button)

    monkeypatch.setattr(QMessageBox, "critical", critical)
    monkeypatch.setattr(QMessageBox, "exec", run)
    return shown
