"""Fieldwork on several laptops: a master project, copies of it, and their device files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

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
def start_fieldwork(tmp_path, monkeypatch):
    """Fieldwork with a given form: ``start_fieldwork(form_path)``."""
    monkeypatch.setenv("SURVEYDESK_CONFIG_DIR", str(tmp_path / "config"))
    return lambda form: Fieldwork(tmp_path, form)


@pytest.fixture
def fieldwork(start_fieldwork, form_path) -> Fieldwork:
    return start_fieldwork(form_path)
