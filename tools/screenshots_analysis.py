"""Render the Analysis view offscreen, in English and Danish: the results table and the
response rates.

    python tools/screenshots_analysis.py [--out docs/screenshots] [--size 1600x900]

``analysis_<lang>.png``: the citizen-service demo, "How satisfied were you with the service
at your most recent contact?" broken down by department for 2022 (compared with 2019), with
a target of at least 65 % top 2: significance marks, grey low-base cells of the small
departments, targets met and missed, the chart below. ``report_dialog_<lang>.png``: the
"Write Excel report" dialog opened from that view (department breakdown and a benchmark file
taken over, a chart chosen besides the one of the question with a target),
``report_dialog_charts_<lang>.png`` its list of the questions to chart, and
``report_dialog_written_<lang>.png`` the message after it wrote the workbook.
``rates_<lang>.png``: the jobcentre demo with population counts per target group, its
response rates (seed 001).
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

    from surveydesk.gui.main_window import MainWindow
    from surveydesk.io.demo import write_demo
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
        report_dialogs(page, Path(tmp), shots)
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


def report_dialogs(page, folder: Path, shots: Shots) -> None:
    """The report dialog of ``page`` in both languages, and the message after writing."""
    from surveydesk.gui.analysis import report_outcome

    benchmark = folder / "benchmark_kl_2023.csv"
    benchmark.write_text("question,statistic,value,source\nsat_latest,top2,0.66,KL 2023\n"
                         "sat_municipality,top2,0.71,KL 2023\n", encoding="utf-8")
    if not page.options.load_benchmark(benchmark):
        raise SystemExit("the benchmark file was refused")
    reports = folder / "Rapporter"
    reports.mkdir()
    report_outcome.open_url = lambda _url: True  # nothing is launched
    window = page.window()
    for code in ("en", "da"):
        window.set_language(code, remember=False)
        dialog = page.open_report_dialog()
        dialog.set_path(reports / dialog.out_path().name)
        dialog.charts.set_chosen(["sat_municipality"])  # besides sat_latest, with a target
        dialog.adjustSize()
        shots.save(dialog, f"report_dialog_{code}.png")
        picker = dialog.charts.choose()
        picker.resize(picker.sizeHint())
        shots.save(picker, f"report_dialog_charts_{code}.png")
        picker.reject()
        if not dialog.write():
            raise SystemExit(f"the report was not started: {dialog.message.text()}")
        deadline = time.monotonic() + 60
        while dialog.task is not None:
            if time.monotonic() > deadline:
                raise SystemExit("the report was not written within a minute")
            shots.app.processEvents()
            time.sleep(0.01)
        if dialog.result is None:
            raise SystemExit(f"the report failed: {dialog.status_label.text()}")
        dialog.result.adjustSize()
        shots.save(dialog.result, f"report_dialog_written_{code}.png")
        dialog.result.close()
    window.set_language("en", remember=False)


if __name__ == "__main__":
    sys.exit(main())
