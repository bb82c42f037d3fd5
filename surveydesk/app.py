"""The ``surveydesk`` command: start the desktop application.

``surveydesk [PROJECT] [--lang da|en] [--demo citizen_service|jobcentre] [--version]``

Without a project the demo project is opened (created in the per-user data directory the
first time). The UI language is, in order: ``--lang``, the language chosen last time, the
system locale's language (Danish if it is Danish, else English). A problem at start-up is
shown in a dialog and the command exits with code 2. A project in a network or cloud-synced
folder is opened only after a warning; cancelling it exits with code 1.
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Sequence
from pathlib import Path

import surveydesk
from surveydesk.core.errors import SurveyDeskError
from surveydesk.demo import DEMOS
from surveydesk.store.project import Project


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
    return parser


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

    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication, QMessageBox

    from surveydesk.gui import translation
    from surveydesk.gui.location_warning import confirm_location
    from surveydesk.gui.main_window import MainWindow, open_demo_project

    app = QApplication.instance() or QApplication(["surveydesk"])
    app.setOrganizationName("SurveyDesk")
    app.setApplicationName("SurveyDesk")
    app.setApplicationVersion(surveydesk.__version__)
    app.setWindowIcon(application_icon())

    language = args.lang or translation.saved_language() or translation.system_language()
    translation.set_ui_language(language)
    if args.lang:
        translation.remember_language(args.lang)

    try:
        if args.project is not None:
            if not confirm_location(None, args.project):
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
        title = QCoreApplication.translate("App", "SurveyDesk could not start")
        QMessageBox.critical(None, title, str(error))
        return 2

    window.resize(1000, 640)
    window.start_session()  # the layout of last time; Getting started on the first start
    window.show()
    # Everything made at start-up lives as long as the app: keep it out of the garbage
    # collector's full passes, which otherwise pause an interview screen for ~50 ms.
    gc.freeze()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
