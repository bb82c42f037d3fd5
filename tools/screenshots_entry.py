"""Render the interview entry screens offscreen on the demo project, in English and Danish.

    python tools/screenshots_entry.py [--out docs/screenshots] [--size 1000x700]

Writes ``entry_<screen>_<lang>.png`` for the screens ``start``, ``single`` (a 13-option
single choice), ``multi`` (a "pick up to 3" list), ``constraint`` (the age message) and
``review``. The interview is driven with key presses, as an interviewer would. Needs no
display; the demo project and the per-user files live in a temporary folder, so nothing of
the user's is touched. In the English pictures the question language is English too (F2).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# From the contact channel to the "up to 3" list: by phone, prefers in person, the
# satisfaction and information scales, the four phone statements.
_TO_MULTI = ("2", "1", "2", "1", "2", "1", "0", "1", "2", "1", "2")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--size", default="1000x700", help="window size, WIDTHxHEIGHT")
    args = parser.parse_args(argv)
    width, height = (int(part) for part in args.size.lower().split("x"))

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["SURVEYDESK_CONFIG_DIR"] = str(Path(tmp) / "config")
        return _render(args.out, width, height, Path(tmp))


def _render(out: Path, width: int, height: int, tmp: Path) -> int:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from surveydesk import userdata
    from surveydesk.demo import write_demo
    from surveydesk.entry_flow import InterviewRecorder, Setup
    from surveydesk.gui.main_window import MainWindow
    from surveydesk.store import entry

    app = QApplication.instance() or QApplication(["surveydesk-screenshots"])
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
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
