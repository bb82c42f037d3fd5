"""Fieldwork for the Sync view: a master project, laptops that started as copies of it, their
device files, and dialogs answered without blocking.

The ``Fieldwork`` class follows ``tests/sync/conftest.py`` (conftest files cannot import each
other under ``--import-mode=importlib``).
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from surveydesk.core.xlsform import read_xlsform
from surveydesk.store import entry
from surveydesk.store.project import Project
from surveydesk.sync.device_file import export_device_file


class Fieldwork:
    """A master project and laptops that started as copies of it."""

    def __init__(self, folder: Path, form: Path):
        self.folder = folder
        self.master_path = folder / "master.sdproj"
        Project.create(self.master_path, form.read_bytes(), read_xlsform(form)).close()
        self._clock = 0

    def now(self) -> str:
        """Times that increase by one minute per call, so that edits are ordered."""
        self._clock += 1
        return f"2024-09-12T{8 + self._clock // 60:02d}:{self._clock % 60:02d}:00+00:00"

    def master(self) -> Project:
        return Project.open(self.master_path)

    def laptop(self, name: str) -> Project:
        path = self.folder / f"{name}.sdproj"
        if not path.exists():
            shutil.copyfile(self.master_path, path)
        return Project.open(path)

    def interview(self, laptop: Project, answers: dict[str, str], *, finish: bool = True,
                  interviewer: str = "AB", wave: str = "2024") -> str:
        started = entry.start_interview(laptop, wave=wave, mode="in_person",
                                        interviewer=interviewer, device_id=laptop.path.stem,
                                        now=self.now())
        for question, value in answers.items():
            entry.save_answer(laptop, started.uuid, question, value, next_question=None,
                              who=interviewer, now=self.now())
        if finish:
            entry.finish_interview(laptop, started.uuid, "complete", who=interviewer,
                                   now=self.now())
        return started.uuid

    def export(self, laptop: Project, name: str | None = None, interviewer: str = "AB"
               ) -> Path:
        out = self.folder / f"{name or laptop.path.stem}.sddevice"
        export_device_file(laptop, out, device_id=f"device-{laptop.path.stem}",
                           interviewer=interviewer, now=self.now())
        return out


@pytest.fixture
def fieldwork(tmp_path, form_path, monkeypatch) -> Fieldwork:
    monkeypatch.setenv("SURVEYDESK_CONFIG_DIR", str(tmp_path / "config"))
    return Fieldwork(tmp_path, form_path)


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


@pytest.fixture
def dialogs(monkeypatch) -> Dialogs:
    shown = Dialogs()

    def critical(_parent, title, text, *_args):
        shown.append(("critical", title, text, ""))
        return QMessageBox.StandardButton.Ok

    def run(box: QMessageBox) -> int:
        shown.append((box.icon().name, box.windowTitle(), box.text(), box.informativeText()))
        buttons = {button.text(): button for button in box.buttons()}
        button = buttons[shown.answer] if shown.answer else box.defaultButton()
        if button is None:
            button = box.buttons()[0]
        button.click()
        return box.standardButton(button)

    monkeypatch.setattr(QMessageBox, "critical", critical)
    monkeypatch.setattr(QMessageBox, "exec", run)
    return shown
