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

from screens import Shots
from screens import size as size_of

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--size", default="1000x640", help="window size, WIDTHxHEIGHT")
    parser.add_argument("--records-size", default="1100x700", help="for records_<lang>.png")
    parser.add_argument("--demo", default="citizen_service")
    args = parser.parse_args(argv)
    size = size_of(args.size)
    records_size = size_of(args.records_size)

    from surveydesk.gui.main_window import MainWindow
    from surveydesk.io.demo import write_demo

    shots = Shots(args.out)
    save = shots.save

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
