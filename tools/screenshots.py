"""Render the main window offscreen on the demo project, in English and Danish.

    python tools/screenshots.py [--out docs/screenshots] [--size 1000x640]
                                [--records-size 1100x700]

Writes ``main_window_<lang>.png`` (the project overview) and ``records_<lang>.png`` (the
"Interview records" view: phone interviews of the demo, one of them open with a corrected
answer in its history). Needs no display: the Qt ``offscreen`` platform is used unless
``QT_QPA_PLATFORM`` says otherwise. The demo project and the per-user files are made in a
temporary folder, so nothing in the user's data directory is touched.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--size", default="1000x640", help="window size, WIDTHxHEIGHT")
    parser.add_argument("--records-size", default="1100x700", help="for records_<lang>.png")
    parser.add_argument("--demo", default="citizen_service")
    args = parser.parse_args(argv)
    size = tuple(int(part) for part in args.size.lower().split("x"))
    records_size = tuple(int(part) for part in args.records_size.lower().split("x"))

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from surveydesk.demo import write_demo
    from surveydesk.gui.main_window import MainWindow

    app = QApplication.instance() or QApplication(["surveydesk-screenshots"])
    args.out.mkdir(parents=True, exist_ok=True)

    def save(window, name: str) -> None:
        # Several rounds: the LanguageChange event is posted, and new texts post a re-layout.
        for _ in range(3):
            app.processEvents()
        target = args.out / name
        if not window.grab().save(str(target)):
            raise SystemExit(f"could not write {target}")
        print(target.relative_to(ROOT) if target.is_relative_to(ROOT) else target)

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["SURVEYDESK_CONFIG_DIR"] = str(Path(tmp) / "config")
        project = write_demo(Path(tmp) / f"demo-{args.demo}.sdproj", args.demo)
        correction = _correct_an_answer(project)
        window = MainWindow(project)
        window.show()
        for code in ("en", "da"):
            window.set_language(code, remember=False)
            window.overview_action.trigger()
            window.resize(*size)
            save(window, f"main_window_{code}.png")
            window.records_action.trigger()
            window.resize(*records_size)
            browser = window.records_page.browser
            browser.mode_combo.setCurrentIndex(browser.mode_combo.findData("phone"))
            browser.open_interview(correction)
            browser.refresh()  # selects the open interview's row
            save(window, f"records_{code}.png")
        window.set_language("en", remember=False)
        window.close()
        project.close()
    return 0


def _correct_an_answer(project) -> str:
    """Correct the age in the newest complete phone interview, as the record browser would
    (audited, with a reason); returns the interview's id."""
    from surveydesk.store import entry

    newest = entry.browse_interviews(project, mode="phone", status="complete")["uuid"][0]
    entry.save_answer(project, newest, "age", "41", next_question=None, who="TK",
                      reason="Borgeren rettede alderen i telefonen")
    return newest


if __name__ == "__main__":
    sys.exit(main())
