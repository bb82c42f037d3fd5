"""Render the Analysis view offscreen, in English and Danish: the results table and the
response rates.

    python tools/screenshots_analysis.py [--out docs/screenshots] [--size 1600x900]

``analysis_<lang>.png``: the citizen-service demo, "How satisfied were you with the service
at your most recent contact?" broken down by department for 2022 (compared with 2019), with
a target of at least 65 % top 2: significance marks, grey low-base cells of the small
departments, targets met and missed, the chart below. ``rates_<lang>.png``: the jobcentre
demo with population counts per target group, its response rates (seed 001).
Needs no display: the Qt ``offscreen`` platform is used unless ``QT_QPA_PLATFORM`` says
otherwise. The demo projects are made in a temporary folder, so nothing in the user's data
directory is touched.
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

POPULATION = [  # (wave, variable, group, population): citizens registered per target group
    ("", "target_group", "dagpenge", 820.0),
    ("", "target_group", "kth_jobparat", 430.0),
    ("", "target_group", "kth_aktivitetsparat", 610.0),
    ("", "target_group", "ledighedsydelse", 95.0),
    ("", "target_group", "sygedagpenge", 390.0),
    ("", "target_group", "uddannelseshjaelp", 120.0),
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--size", default="1600x900", help="window size, WIDTHxHEIGHT")
    args = parser.parse_args(argv)
    size = size_of(args.size)

    from surveydesk.demo import write_demo
    from surveydesk.gui.main_window import MainWindow
    from surveydesk.store import settings

    shots = Shots(args.out)
    app, settle, save = shots.app, shots.settle, shots.save

    def wait_for(page) -> None:
        deadline = time.monotonic() + 60
        while page.task is not None or page.busy.isVisible():
            if time.monotonic() > deadline:
                raise SystemExit("the tables were not computed within a minute")
            app.processEvents()
            time.sleep(0.01)
        settle()

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["SURVEYDESK_CONFIG_DIR"] = str(Path(tmp) / "config")
        citizens = write_demo(Path(tmp) / "demo-citizen_service.sdproj", "citizen_service")
        settings.set_target(citizens, "sat_latest", "top2", ">=", 0.65)
        window = MainWindow(citizens)
        window.resize(*size)
        window.show()
        window.analysis_action.trigger()
        page = window.analysis_page
        wait_for(page)
        page.navigator.select("sat_latest")
        page.options.set_breakdowns("department")
        page.options.set_wave("2022")
        wait_for(page)
        for code in ("en", "da"):
            window.set_language(code, remember=False)
            wait_for(page)
            page.table.scrollToTop()
            save(window, f"analysis_{code}.png")
        window.set_language("en", remember=False)
        window.close()

        jobcentre = write_demo(Path(tmp) / "demo-jobcentre.sdproj", "jobcentre")
        settings.replace_population_counts(jobcentre, POPULATION)
        window = MainWindow(jobcentre)
        window.resize(*size)
        window.show()
        window.analysis_action.trigger()
        page = window.analysis_page
        wait_for(page)
        page.tabs.setCurrentWidget(page.rates)
        for code in ("en", "da"):
            window.set_language(code, remember=False)
            save(window, f"rates_{code}.png")
        window.set_language("en", remember=False)
        window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
