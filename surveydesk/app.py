"""The ``surveydesk`` command: start the desktop application.

``surveydesk [PROJECT] [--lang da|en] [--demo citizen_service|jobcentre] [--version]
[--licences] [--screenshot OUT.png]``

Without a project the demo project is opened (created in the per-user data directory the
first time). The UI language is, in order: ``--lang``, the language chosen last time, the
system locale's language (Danish if it is Danish, else English). A problem at start-up is
shown in a dialog and the command exits with code 2. A project in a network or cloud-synced
folder is opened only after a warning; cancelling it exits with code 1.

``--screenshot OUT.png`` opens the window as usual, lets it settle, saves a picture of it and
quits: exit code 0 when the picture was written. It asks nothing (a start-up problem is
printed, not shown in a dialog) and remembers nothing, so a build can be checked headless
(``QT_QPA_PLATFORM=offscreen``); packaging/build.sh does that with the frozen app.
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Sequence
from pathlib import Path

import surveydesk
from surveydesk.core.errors import SurveyDeskError
from surveydesk.io.demo import DEMOS
from surveydesk.store.project import Project
from surveydesk.sync.locations import risky_location


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="surveydesk",
        description="Run and analyse municipal citizen surveys (desktop application).",
    )
    parser.add_argument(
        "project",
        nargs="?",
        type=Path,
        help="the project file (.sdproj) to open; without it, a demo opens",
    )
    parser.add_argument(
        "--lang", choices=("da", "en"), help="user-interface language (remembered for next time)"
    )
    parser.add_argument(
        "--demo",
        choices=tuple(DEMOS),
        default="citizen_service",
        help="which demo to open when no project is given",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    parser.add_argument(
        "--licences",
        "--licenses",
        action="store_true",
        help="print Qt, Python and every bundled library with its version and licence "
        "(tab-separated, as Help > About shows them) and exit",
    )
    parser.add_argument(
        "--screenshot",
        type=Path,
        metavar="OUT.png",
        help="open the window, save a picture of it to OUT.png and quit (checks a build; "
        "works with QT_QPA_PLATFORM=offscreen)",
    )
    return parser


# How long the window gets to lay itself out and draw before --screenshot takes its picture.
SCREENSHOT_SETTLE_MS = 1500


def application_icon():
    """The SurveyDesk icon, read from package data (works from an installed wheel)."""
    import importlib.resources

    from PySide6.QtGui import QIcon, QPixmap

    data = (importlib.resources.files("surveydesk.resources") / "icons" / "surveydesk.svg")
    pixmap = QPixmap()
    pixmap.loadFromData(data.read_bytes(), "SVG")
    return QIcon(pixmap)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.version:
        # Before any Qt import: works without a display.
        print(f"surveydesk {surveydesk.__version__}")
        return 0
    if args.licences:
        from surveydesk.gui.about import runtime_rows  # needs Qt's version, not a display

        for row in runtime_rows():
            print("\t".join(row))
        return 0

    from PySide6.QtCore import QCoreApplication, QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from surveydesk.gui import translation
    from surveydesk.gui.location_warning import confirm_location, location_problem
    from surveydesk.gui.main_window import MainWindow, open_demo_project

    app = QApplication.instance() or QApplication(["surveydesk"])
    app.setOrganizationName("SurveyDesk")
    app.setApplicationName("SurveyDesk")
    app.setApplicationVersion(surveydesk.__version__)
    app.setWindowIcon(application_icon())

    language = args.lang or translation.saved_language() or translation.system_language()
    translation.set_ui_language(language)
    if args.lang and args.screenshot is None:
        translation.remember_language(args.lang)

    def start_up_failed(message: str) -> None:
        title = QCoreApplication.translate("App", "SurveyDesk could not start")
        if args.screenshot is None:
            QMessageBox.critical(None, title, message)
        else:  # nobody is there to close a dialog
            print(f"{title}: {message}", file=sys.stderr)

    try:
        if args.project is not None:
            if args.screenshot is not None:
                location = risky_location(args.project)
                if location is not None:
                    start_up_failed(location_problem(location, args.project))
                    return 1
            elif not confirm_location(None, args.project):
                return 1
            project = Project.open(args.project)
        else:
            project = open_demo_project(args.demo)
        try:
            window = MainWindow(project)
        except BaseException:
            project.close()
            raise
    except (SurveyDeskError, OSError) as error:  # OSError: e.g. the data folder is read-only
        start_up_failed(str(error))
        return 2

    window.resize(1000, 640)
    if args.screenshot is None:  # a screenshot shows the default layout, remembers nothing
        window.start_session()  # the layout of last time; Getting started on the first start
    window.show()
    # Everything made at start-up lives as long as the app: keep it out of the garbage
    # collector's full passes, which otherwise pause an interview screen for ~50 ms.
    gc.freeze()
    if args.screenshot is None:
        return app.exec()
    outcome = []
    QTimer.singleShot(SCREENSHOT_SETTLE_MS,
                      lambda: outcome.append(save_screenshot(window, args.screenshot)))
    app.exec()
    return outcome[0] if outcome else 1


def save_screenshot(window, path: Path) -> int:
    """Save a picture of ``window`` to ``path``, close it (which ends the event loop) and
    return the exit code: 0 if the picture was written, else 1."""
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    path = Path(path)
    written = window.grab().save(str(path))
    if written:
        print(f"screenshot written to {path}")
    else:
        print(f"could not write the screenshot {path}", file=sys.stderr)
    window.close()
    QApplication.quit()
    return 0 if written else 1


if __name__ == "__main__":
    sys.exit(main())
