"""Render the main window offscreen on the demo project, in English and Danish.

    python tools/screenshots.py [--out docs/screenshots] [--size 1000x640]

Writes ``main_window_en.png`` and ``main_window_da.png``. Needs no display: the Qt
``offscreen`` platform is used unless ``QT_QPA_PLATFORM`` says otherwise. The demo project
is generated in a temporary folder, so nothing in the user's data directory is touched.
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
    parser.add_argument("--demo", default="citizen_service")
    args = parser.parse_args(argv)
    width, height = (int(part) for part in args.size.lower().split("x"))

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from surveydesk.demo import write_demo
    from surveydesk.gui.main_window import MainWindow

    app = QApplication.instance() or QApplication(["surveydesk-screenshots"])
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        project = write_demo(Path(tmp) / f"demo-{args.demo}.sdproj", args.demo)
        window = MainWindow(project)
        window.resize(width, height)
        window.show()
        for code in ("en", "da"):
            window.set_language(code, remember=False)
            # Twice: the LanguageChange event is posted, and the new texts post a re-layout.
            app.processEvents()
            app.processEvents()
            target = args.out / f"main_window_{code}.png"
            if not window.grab().save(str(target)):
                raise SystemExit(f"could not write {target}")
            print(target.relative_to(ROOT) if target.is_relative_to(ROOT) else target)
        window.set_language("en", remember=False)
        window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
