"""Render Help ▸ About offscreen in English and Danish.

    python tools/screenshots_about.py [--out docs/screenshots] [--size 640x620]

Writes ``about_<lang>.png``: SurveyDesk's version and licence, Python and Qt, and the
bundled libraries with their licences as read from the installed package metadata.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from screens import Shots
from screens import size as size_of

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--size", default="640x620", help="dialog size, WIDTHxHEIGHT")
    args = parser.parse_args(argv)

    shots = Shots(args.out)
    from surveydesk.app import application_icon
    from surveydesk.gui import translation
    from surveydesk.gui.about import AboutDialog

    shots.app.setWindowIcon(application_icon())
    dialog = AboutDialog()
    dialog.resize(*size_of(args.size))
    dialog.show()
    for code in ("en", "da"):
        translation.set_ui_language(code)
        shots.save(dialog, f"about_{code}.png")
    translation.set_ui_language("en")
    dialog.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
