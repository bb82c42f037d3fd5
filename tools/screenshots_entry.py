"""Render the interview entry screens offscreen on the demo project, in English and Danish.

    python tools/screenshots_entry.py [--out docs/screenshots] [--size 1000x700]

Writes ``entry_<screen>_<lang>.png`` for the screens ``start``, ``single`` (a 13-option
single choice), ``multi`` (a "pick up to 3" list), ``constraint`` (the age message) and
``review``. The interview is driven with key presses, as an interviewer would. In the
English pictures the question language is English too (F2).

Phone interviewing: ``entry_phone_<lang>.png`` is the start screen in phone mode and
``call_list_<lang>.png`` the call list panel by itself, on the demo project with a small
call list (:data:`CALL_LIST`, imported like a user's file) part-way through a morning of
calls: a few outcomes recorded and three call-back appointments, one of them due. The clock
of the call list is fixed at :data:`PHONE_NOW` and times are shown in Danish time, so the
pictures do not depend on when they are made.

Needs no display; the demo project and the per-user files live in a temporary folder, so
nothing of the user's is touched.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
# From the contact channel to the "up to 3" list: by phone, prefers in person, the
# satisfaction and information scales, the four phone statements.
_TO_MULTI = ("2", "1", "2", "1", "2", "1", "0", "1", "2", "1", "2")
TIME_ZONE = "Europe/Copenhagen"
PHONE_NOW = dt.datetime(2024, 9, 12, 10, 5, tzinfo=ZoneInfo(TIME_ZONE))
CALL_LIST = """reference;telefon;navn;department
GX-1001;+45 20 12 34 56;Åse Ørum Kjær;pension
GX-1002;31 22 45 67;Bjørn Æbelø;borgerservice
GX-1003;+45 40 11 22 33;Søren Kærgård;jobcenter
GX-1004;0045 52 63 74 85;Mette Frølund;
GX-1005;26 48 91 37;Jørgen Ågård;teknik_miljoe
GX-1006;+45 61 72 83 94;Kirsten Bøgh;familieafdeling
GX-1007;28 39 40 51;Ole Møller;
GX-1008;+45 42 53 64 75;Hanne Dæhli;handicapraadgivning
GX-1009;71 82 93 04;Pia Sørensen;boligformidling
GX-1010;+45 22 33 44 55;Ærø Nørgaard;
"""
# (reference, outcome, minutes before PHONE_NOW, call back at minutes after PHONE_NOW)
_CALLS = (("GX-1001", "call_back", 55, -5), ("GX-1002", "interview", 50, None),
          ("GX-1003", "refused", 44, None), ("GX-1004", "call_back", 38, 85),
          ("GX-1005", "no_answer", 31, None), ("GX-1006", "call_back", 25, 250),
          ("GX-1007", "busy", 18, None), ("GX-1008", "wrong_number", 9, None))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--size", default="1000x700", help="window size, WIDTHxHEIGHT")
    args = parser.parse_args(argv)
    width, height = (int(part) for part in args.size.lower().split("x"))

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["TZ"] = TIME_ZONE  # before Qt reads the time zone
    time.tzset()
    from PySide6.QtWidgets import QApplication

    # One application for both sets of pictures, alive until every window is gone.
    app = QApplication.instance() or QApplication(["surveydesk-screenshots"])
    for render in (_render, _render_phone):
        with tempfile.TemporaryDirectory() as tmp:
            os.environ["SURVEYDESK_CONFIG_DIR"] = str(Path(tmp) / "config")
            render(app, args.out, width, height, Path(tmp))
    return 0


def _dispose(app, *widgets) -> None:
    """Close and delete top-level widgets now, while the application still exists."""
    from PySide6.QtCore import QCoreApplication, QEvent

    for widget in widgets:
        widget.close()
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.processEvents()


def _render(app, out: Path, width: int, height: int, tmp: Path) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from surveydesk.core import userdata
    from surveydesk.entry.recorder import InterviewRecorder, Setup
    from surveydesk.gui.main_window import MainWindow
    from surveydesk.io.demo import write_demo
    from surveydesk.store import entry

    out.mkdir(parents=True, exist_ok=True)
    project = write_demo(tmp / "demo-citizen_service.sdproj", "citizen_service")
    userdata.remember_entry_profile(
        userdata.EntryProfile("MB", "in_person", "Borgerservice, foyer", "2022"))
    # Something to show on the start screen: one complete today, one interrupted.
    setup = Setup("MB", "in_person", "Borgerservice, foyer", "2022")
    done = InterviewRecorder.start(project, setup, userdata.device_id())
    entry.save_answer(project, done.uuid, "department", "pension", next_question=None, who="MB")
    entry.finish_interview(project, done.uuid, "complete", who="MB")
    interrupted = InterviewRecorder.start(project, setup, userdata.device_id())
    for answer in (None, "jobcenter", None, "in_person"):
        interrupted.confirm(answer)

    window = MainWindow(project)
    window.resize(width, height)
    window.show()
    window.activateWindow()
    page = window.entry_page

    def settle() -> None:
        for _ in range(3):
            app.processEvents()

    def keys(text: str = "", key=Qt.Key.Key_Return) -> None:
        widget = QApplication.focusWidget() or page
        if text:
            QTest.keyClicks(widget, text)
        else:
            QTest.keyClick(widget, key)
        settle()

    def save(name: str, code: str) -> None:
        settle()
        target = out / f"entry_{name}_{code}.png"
        if not window.grab().save(str(target)):
            raise SystemExit(f"could not write {target}")
        print(target.relative_to(ROOT) if target.is_relative_to(ROOT) else target)

    for code in ("en", "da"):
        window.set_language(code, remember=False)
        window.overview_action.trigger()
        window.entry_action.trigger()
        settle()
        save("start", code)
        page.start_page.request_start()
        settle()
        if code == "en":
            page.switch_language()
        keys()  # the introduction
        keys("12")
        save("single", code)
        keys()  # department 12
        keys()  # no contact date
        for answer in _TO_MULTI:
            keys(answer)
            keys()
        keys("14")
        save("multi", code)
        keys()
        keys("7")
        keys()
        save("constraint", code)
        keys("0")
        keys()
        for answer in ("1", "", "1", ""):
            if answer:
                keys(answer)
            keys()
        keys()  # the thank-you note
        save("review", code)
        page.ask_abort()
        page.abort_dialog.buttons["other"].setChecked(True)
        page.abort_dialog.note.setText("screenshot")
        page.abort_dialog.accept()
        window.activateWindow()  # the dialog had the focus
        settle()
    window.set_language("en", remember=False)
    _dispose(app, window)
    project.close()


def _phone_project(tmp: Path):
    """The demo project with :data:`CALL_LIST` imported and a morning's calls recorded."""
    from surveydesk.io.call_list import import_call_list
    from surveydesk.io.demo import write_demo
    from surveydesk.store import calls

    project = write_demo(tmp / "demo-citizen_service.sdproj", "citizen_service")
    path = tmp / "ringeliste.csv"
    path.write_text(CALL_LIST, encoding="utf-8")
    import_call_list(project, path, now=(PHONE_NOW - dt.timedelta(days=1)).isoformat())
    ids = dict(zip(calls.calls(project)["reference"], calls.calls(project)["id"], strict=True))
    for reference, outcome, before, call_back in _CALLS:
        at = PHONE_NOW - dt.timedelta(minutes=before)
        later = None if call_back is None else PHONE_NOW + dt.timedelta(minutes=call_back)
        calls.record_attempt(project, int(ids[reference]), outcome, "MB", at, later)
    return project


def _render_phone(app, out: Path, width: int, height: int, tmp: Path) -> None:
    from surveydesk.core import userdata
    from surveydesk.gui.entry.call_list import CallListPanel
    from surveydesk.gui.main_window import MainWindow
    from surveydesk.gui.translation import set_ui_language

    project = _phone_project(tmp)
    userdata.remember_entry_profile(
        userdata.EntryProfile("MB", "phone", "Telefonrummet, 2. sal", "2022"))

    def clock() -> dt.datetime:
        return PHONE_NOW

    def save(widget, name: str) -> None:
        for _ in range(3):
            app.processEvents()
        target = out / name
        if not widget.grab().save(str(target)):
            raise SystemExit(f"could not write {target}")
        print(target.relative_to(ROOT) if target.is_relative_to(ROOT) else target)

    window = MainWindow(project)
    window.entry_page.start_page.calls.clock = clock
    window.resize(width, height)
    window.show()
    panel = CallListPanel(project, "MB", clock=clock)
    panel.resize(width, height)
    for code in ("en", "da"):
        window.set_language(code, remember=False)
        window.overview_action.trigger()
        window.entry_action.trigger()
        window.resize(width, height)  # a language's longer words must not leave it wider
        save(window, f"entry_phone_{code}.png")
        set_ui_language(code)
        save(panel, f"call_list_{code}.png")
    window.set_language("en", remember=False)
    _dispose(app, panel, window)
    project.close()


if __name__ == "__main__":
    sys.exit(main())
