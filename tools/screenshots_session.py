"""Render the everyday-use screens offscreen, in English and Danish.

    python tools/screenshots_session.py [--out docs/screenshots] [--size 1000x640]

``getting_started_<lang>.png``: the main window on the citizen-service demo with the Getting
started panel of the first start. ``shortcuts_<lang>.png``: Help ▸ Keyboard shortcuts.
``recent_menu_<lang>.png``: File ▸ Open recent with a project that is no longer there.
``drop_form_<lang>.png``: the question after a questionnaire is dropped on the window.
``import_dialog_<lang>.png``: the import dialog for a dropped data file after an import
with problems (each problem located by row and column). Needs no display; the demo project,
the settings and the per-user files are made in a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from screens import Shots
from screens import size as size_of

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--size", default="1000x640", help="window size, WIDTHxHEIGHT")
    args = parser.parse_args(argv)
    size = size_of(args.size)

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["SURVEYDESK_CONFIG_DIR"] = str(folder / "config")
        shots = Shots(args.out)
        from PySide6.QtCore import QSettings, QTimer
        from PySide6.QtWidgets import QApplication, QMessageBox

        for settings_format in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
            QSettings.setPath(settings_format, QSettings.Scope.UserScope, str(folder / "qs"))
        from surveydesk.gui import drops
        from surveydesk.gui.main_window import MainWindow
        from surveydesk.io.demo import demo_form_path, write_demo

        project = write_demo(folder / "demo-citizen_service.sdproj", "citizen_service")
        gone = folder / "Borgerservice 2021.sdproj"
        gone.write_bytes(b"")
        other = folder / "Jobcenter 2024.sdproj"
        write_demo(other, "jobcentre").close()
        window = MainWindow(project)
        from surveydesk.gui.recent import remember_project

        remember_project(gone)
        remember_project(other)
        remember_project(project.path)
        gone.unlink()
        window.resize(*size)
        window.start_session()
        window.show()
        data = folder / "svar_2024.csv"
        data.write_text("respondent_id,sat_latest,age\nr1,9,40\nr2,4,200\nr3,5,33\n",
                        encoding="utf-8")
        for code in ("en", "da"):
            window.set_language(code, remember=False)
            window.overview_action.trigger()
            window.getting_started.show()
            window.resize(*size)  # all four steps fit at the default size
            shots.save(window, f"getting_started_{code}.png")

            window.show_shortcuts()
            dialog = window.shortcuts_dialog
            dialog.resize(640, 760)
            shots.save(dialog, f"shortcuts_{code}.png")
            dialog.close()

            menu = window.recent_menu
            menu.rebuild()
            menu.adjustSize()
            shots.save(menu, f"recent_menu_{code}.png")

            boxes = []

            def grab_box(code=code, boxes=boxes):
                box = QApplication.activeModalWidget() or next(
                    (w for w in QApplication.topLevelWidgets()
                     if isinstance(w, QMessageBox) and w.isVisible()), None)
                if box is None:
                    QTimer.singleShot(50, lambda: grab_box(code, boxes))
                    return
                box.adjustSize()
                shots.save(box, f"drop_form_{code}.png")
                boxes.append(box)
                box.reject()

            QTimer.singleShot(100, grab_box)
            drops.ask_form_use(window, demo_form_path("citizen_service"), project.path.name)
            if not boxes:
                raise SystemExit("the questionnaire question was not shown")

            importer = window.import_data(data)
            importer.wave_combo.setEditText("2024")
            importer.start()
            deadline = time.monotonic() + 60
            while importer.task is not None:
                if time.monotonic() > deadline:
                    raise SystemExit("the import did not finish within a minute")
                shots.app.processEvents()
                time.sleep(0.01)
            importer.resize(560, 420)
            shots.save(importer, f"import_dialog_{code}.png")
            importer.close()

            exporter = window.export_data()
            exporter.file_edit.setText(str(folder / "Borgerservice 2022.csv"))
            exporter.wave_combo.setCurrentIndex(exporter.wave_combo.findData("2022"))
            exporter.delimiter_combo.setCurrentIndex(exporter.delimiter_combo.findData(";"))
            exporter.start()
            deadline = time.monotonic() + 60
            while exporter.task is not None:
                if time.monotonic() > deadline:
                    raise SystemExit("the export did not finish within a minute")
                shots.app.processEvents()
                time.sleep(0.01)
            exporter.adjustSize()
            shots.save(exporter, f"export_dialog_{code}.png")
            exporter.close()
        window.set_language("en", remember=False)
        window.session = False
        window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
