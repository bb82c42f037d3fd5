"""Shared fixtures: small XLSForm workbooks built in a temporary folder, demo projects."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook

SURVEY_HEADER = ("type", "name", "label::Dansk (da)", "label::English (en)", "required",
                 "relevant", "constraint", "constraint_message::Dansk (da)",
                 "constraint_message::English (en)", "calculation", "hint::Dansk (da)",
                 "hint::English (en)")
CHOICES_HEADER = ("list_name", "name", "label::Dansk (da)", "label::English (en)", "score")

SMALL_SURVEY = [
    {"type": "begin_group", "name": "service", "label::Dansk (da)": "Service",
     "label::English (en)": "Service"},
    {"type": "select_one sat", "name": "satisfied", "label::Dansk (da)": "Hvor tilfreds?",
     "label::English (en)": "How satisfied?", "required": "yes"},
    {"type": "select_multiple chan", "name": "channels", "label::Dansk (da)": "Kanaler",
     "label::English (en)": "Channels", "constraint": "count-selected(.) <= 2",
     "constraint_message::Dansk (da)": "Højst to",
     "constraint_message::English (en)": "At most two"},
    {"type": "end_group"},
    {"type": "integer", "name": "age", "label::Dansk (da)": "Alder", "label::English (en)": "Age",
     "constraint": ". >= 15 and . <= 110", "constraint_message::Dansk (da)": "15-110 år",
     "constraint_message::English (en)": "15-110 years"},
    {"type": "decimal", "name": "hours", "label::Dansk (da)": "Timer",
     "label::English (en)": "Hours", "relevant": "${age} > 17"},
    {"type": "text", "name": "comment", "label::Dansk (da)": "Kommentar",
     "label::English (en)": "Comment"},
    {"type": "date", "name": "visited", "label::Dansk (da)": "Besøgt",
     "label::English (en)": "Visited"},
]
SMALL_CHOICES = [
    {"list_name": "sat", "name": "5", "label::Dansk (da)": "Meget tilfreds",
     "label::English (en)": "Very satisfied", "score": 5},
    {"list_name": "sat", "name": "4", "label::Dansk (da)": "Tilfreds",
     "label::English (en)": "Satisfied", "score": 4},
    {"list_name": "sat", "name": "3", "label::Dansk (da)": "Hverken eller",
     "label::English (en)": "Neither", "score": 3},
    {"list_name": "sat", "name": "2", "label::Dansk (da)": "Utilfreds",
     "label::English (en)": "Dissatisfied", "score": 2},
    {"list_name": "sat", "name": "1", "label::Dansk (da)": "Meget utilfreds",
     "label::English (en)": "Very dissatisfied", "score": 1},
    {"list_name": "sat", "name": "dk", "label::Dansk (da)": "Ved ikke",
     "label::English (en)": "Don't know"},
    {"list_name": "chan", "name": "phone", "label::Dansk (da)": "Telefon",
     "label::English (en)": "Phone"},
    {"list_name": "chan", "name": "web", "label::Dansk (da)": "Selvbetjening på nettet",
     "label::English (en)": "Web self-service"},
    {"list_name": "chan", "name": "in_person", "label::Dansk (da)": "Personligt fremmøde",
     "label::English (en)": "In person"},
]
SMALL_SETTINGS = {"form_title": "Lille test", "form_id": "small", "version": "1",
                  "default_language": "da"}


def write_form(path: Path, survey=SMALL_SURVEY, choices=SMALL_CHOICES, settings=SMALL_SETTINGS,
               survey_header=SURVEY_HEADER, choices_header=CHOICES_HEADER) -> Path:
    """Write an XLSForm workbook from row dicts (columns not in a row stay empty)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "survey"
    sheet.append(list(survey_header))
    for row in survey:
        sheet.append([row.get(column) for column in survey_header])
    if choices is not None:
        sheet = workbook.create_sheet("choices")
        sheet.append(list(choices_header))
        for row in choices:
            sheet.append([row.get(column) for column in choices_header])
    if settings is not None:
        sheet = workbook.create_sheet("settings")
        sheet.append(list(settings))
        sheet.append(list(settings.values()))
    workbook.save(path)
    return path


@pytest.fixture
def form_path(tmp_path) -> Path:
    return write_form(tmp_path / "small.xlsx")


@pytest.fixture
def make_form(tmp_path) -> Callable[..., Path]:
    """``make_form(survey=..., choices=..., settings=...)`` -> path of a new workbook."""
    counter = iter(range(1_000_000))

    def make(**kwargs) -> Path:
        return write_form(tmp_path / f"form{next(counter)}.xlsx", **kwargs)

    return make


@pytest.fixture
def small_project(tmp_path, form_path):
    from surveydesk.core.xlsform import read_xlsform
    from surveydesk.store.project import Project

    project = Project.create(tmp_path / "small.sdproj", form_path.read_bytes(),
                             read_xlsform(form_path))
    yield project
    project.close()


@pytest.fixture(scope="session")
def demo_project_file(tmp_path_factory) -> Path:
    """A citizen_service demo project written once per test session (do not modify it)."""
    from surveydesk.io.demo import write_demo

    path = tmp_path_factory.mktemp("demo") / "demo.sdproj"
    write_demo(path).close()
    return path


# -- fieldwork on several laptops (sync) ---------------------------------------------------
class Fieldwork:
    """A master project and laptops that started as copies of it."""

    def __init__(self, folder: Path, form: Path):
        from surveydesk.core.xlsform import read_xlsform
        from surveydesk.store.project import Project

        self.folder = folder
        self.master_path = folder / "master.sdproj"
        Project.create(self.master_path, form.read_bytes(), read_xlsform(form)).close()
        self._clock = 0

    def now(self) -> str:
        """Times that increase by one minute per call, so that edits are ordered."""
        self._clock += 1
        return f"2024-09-12T{8 + self._clock // 60:02d}:{self._clock % 60:02d}:00+00:00"

    def master(self):
        from surveydesk.store.project import Project

        return Project.open(self.master_path)

    def laptop(self, name: str):
        from surveydesk.store.project import Project

        path = self.folder / f"{name}.sdproj"
        if not path.exists():
            shutil.copyfile(self.master_path, path)
        return Project.open(path)

    def interview(self, laptop, answers: dict[str, str], *, finish: bool = True,
                  interviewer: str = "AB", wave: str = "2024") -> str:
        from surveydesk.store import entry

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

    def export(self, laptop, name: str | None = None, interviewer: str = "AB") -> Path:
        from surveydesk.sync.device_file import export_device_file

        out = self.folder / f"{name or laptop.path.stem}.sddevice"
        export_device_file(laptop, out, device_id=f"device-{laptop.path.stem}",
                           interviewer=interviewer, now=self.now(), replace=True)
        return out


@pytest.fixture
def start_fieldwork(tmp_path, monkeypatch):
    """Fieldwork with a given form: ``start_fieldwork(form_path)``."""
    monkeypatch.setenv("SURVEYDESK_CONFIG_DIR", str(tmp_path / "config"))
    return lambda form: Fieldwork(tmp_path, form)


@pytest.fixture
def fieldwork(start_fieldwork, form_path) -> Fieldwork:
    return start_fieldwork(form_path)

