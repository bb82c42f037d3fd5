"""Render the Sync view offscreen, in English and Danish: a merge preview and a conflict.

    python tools/screenshots_sync.py [--out docs/screenshots] [--size 1100x620]
                                     [--conflicts-size 1100x700]

Builds a small field period in a temporary folder: a master project for the citizen-service
demo form with a call list, and three laptops that started as copies of it. Anna's first
device file is merged; then the analyst corrects an age in one of her interviews on the
master while Anna corrects another answer of the same interview on her laptop. Anna's second
file, Bo's (interviews and call attempts) and Carl's are then previewed
(``sync_<lang>.png``), merged, and the conflict that Anna's interview got is shown
(``conflicts_<lang>.png``). Needs no display: the Qt ``offscreen`` platform is used unless
``QT_QPA_PLATFORM`` says otherwise; nothing in the user's data directory is touched.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from screens import Shots
from screens import size as size_of

ROOT = Path(__file__).resolve().parent.parent

PEOPLE = [  # (department, channel, satisfaction, age, gender)
    ("borgerservice", "in_person", "5", "67", "female"),
    ("jobcenter", "in_person", "4", "34", "male"),
    ("pension", "in_person", "3", "72", "female"),
    ("teknik_miljoe", "in_person", "4", "45", "male"),
    ("familieafdeling", "in_person", "2", "38", "female"),
    ("borgerservice", "in_person", "5", "29", "other"),
    ("visitation", "in_person", "4", "81", "female"),
    ("boligformidling", "in_person", "1", "23", "male"),
    ("ungeenheden", "in_person", "5", "19", "female"),
    ("opkraevning", "in_person", "3", "55", "male"),
]


class Clock:
    """Fieldwork times, one minute apart, so that edits are ordered."""

    def __init__(self) -> None:
        self.minutes = 0

    def __call__(self, day: int = 10) -> str:
        self.minutes += 1
        hour, minute = divmod(self.minutes, 60)
        return f"2024-09-{day:02d}T{8 + hour:02d}:{minute:02d}:00+00:00"


def interview(project, person, who: str, device: str, now, *, finish=True) -> str:
    from surveydesk.store import entry

    department, channel, satisfied, age, gender = person
    started = entry.start_interview(project, wave="2024", mode="in_person", interviewer=who,
                                    device_id=device, location="Rådhuset", now=now())
    answers = {"department": department, "channel_used": channel,
               "sat_municipality": satisfied, "age": age, "gender": gender}
    for question, value in list(answers.items())[: None if finish else 2]:
        entry.save_answer(project, started.uuid, question, value, next_question=None, who=who,
                          now=now())
    if finish:
        entry.finish_interview(project, started.uuid, "complete", who=who, now=now())
    return started.uuid


def field_period(folder: Path) -> tuple[Path, list[Path]]:
    """The master project and the device files to preview (see the module docstring)."""
    from surveydesk.core.xlsform import read_xlsform
    from surveydesk.io.demo import demo_form_path
    from surveydesk.store import calls
    from surveydesk.store.project import Project
    from surveydesk.sync.device_file import export_device_file
    from surveydesk.sync.merge import merge_device_files

    now = Clock()
    form = demo_form_path("citizen_service")
    master_path = folder / "borgerundersoegelse-2024.sdproj"
    with Project.create(master_path, form.read_bytes(), read_xlsform(form)) as master:
        calls.add_calls(master, [calls.NewCall(f"R{n:03d}", f"+45201000{n:02d}", name)
                                 for n, name in enumerate(("Jens Holm", "Mette Lund",
                                                           "Søren Bak", "Ida Friis"), 1)],
                        now=now())
    laptops = {}
    for name in ("anna", "bo", "carl"):
        laptops[name] = folder / f"laptop-{name}.sdproj"
        shutil.copyfile(master_path, laptops[name])

    def export(project, file_name: str, device: str, who: str) -> Path:
        out = folder / file_name
        export_device_file(project, out, device_id=device, interviewer=who, now=now(11))
        return out

    with Project.open(laptops["anna"]) as anna:
        uuids = [interview(anna, person, "AH", "laptop-anna", now) for person in PEOPLE[:3]]
        first = export(anna, "laptop-anna-AH-20240910-1600.sddevice", "laptop-anna", "AH")
        with Project.open(master_path) as master:
            merge_device_files(master, [first], backup_folder=folder / "backups", now=now())
            master.change_answer(uuids[0], "age", "76", who="TK",
                                 reason="Alderen rettet efter papirskemaet", now=now(11))
        anna.change_answer(uuids[0], "sat_municipality", "4", who="AH",
                           reason="Borgeren ændrede sit svar", now=now(11))
        for person in PEOPLE[3:5]:
            interview(anna, person, "AH", "laptop-anna", now)
        files = [export(anna, "laptop-anna-AH-20240911-1600.sddevice", "laptop-anna", "AH")]
    with Project.open(laptops["bo"]) as bo:
        for person in PEOPLE[5:9]:
            interview(bo, person, "BK", "laptop-bo", now)
        for reference, outcomes in (("R001", ("no_answer", "busy")), ("R002", ("refused",)),
                                    ("R003", ("no_answer",))):
            call_id = _call_id(bo, reference)
            for outcome in outcomes:
                calls.record_attempt(bo, call_id, outcome, "BK", now(11))
        files.append(export(bo, "laptop-bo-BK-20240911-1630.sddevice",
                            "device-5f0c1e9a-7d3b-4c52-9a61-2be8f4d07c13", "BK"))
    with Project.open(laptops["carl"]) as carl:
        interview(carl, PEOPLE[9], "CL", "laptop-carl", now)
        interview(carl, PEOPLE[0], "CL", "laptop-carl", now, finish=False)
        files.append(export(carl, "laptop-carl-CL-20240911-1700.sddevice", "laptop-carl",
                            "CL"))
    return master_path, files


def _call_id(project, reference: str) -> int:
    from surveydesk.store import calls

    table = calls.calls(project)
    return int(table.loc[table["reference"] == reference, "id"].iloc[0])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--size", default="1100x620", help="window size, WIDTHxHEIGHT")
    parser.add_argument("--conflicts-size", default="1100x700", help="for conflicts_<lang>.png")
    args = parser.parse_args(argv)
    size = size_of(args.size)
    conflicts_size = size_of(args.conflicts_size)

    from surveydesk.gui.main_window import MainWindow
    from surveydesk.store.project import Project

    shots = Shots(args.out)
    app, save = shots.app, shots.save

    def wait_for(panel) -> None:
        deadline = time.monotonic() + 60
        while panel.task is not None:
            if time.monotonic() > deadline:
                raise SystemExit("the merge did not finish within a minute")
            app.processEvents()
            time.sleep(0.01)

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["SURVEYDESK_CONFIG_DIR"] = str(Path(tmp) / "config")
        master_path, files = field_period(Path(tmp))
        window = MainWindow(Project.open(master_path))
        window.show()
        window.resize(*size)
        window.sync_action.trigger()
        page = window.sync_page
        page.merge_panel.add_files(files)
        page.merge_panel.preview()
        wait_for(page.merge_panel)
        for code in ("en", "da"):
            window.set_language(code, remember=False)
            save(window, f"sync_{code}.png")
        page.merge_panel.merge()
        wait_for(page.merge_panel)
        page.show_conflicts()
        window.resize(*conflicts_size)
        for code in ("en", "da"):
            window.set_language(code, remember=False)
            save(window, f"conflicts_{code}.png")
        window.set_language("en", remember=False)
        window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
