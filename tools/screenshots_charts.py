"""Render the analysis charts offscreen, in English and Danish.

    python tools/screenshots_charts.py [--out docs/screenshots] [--size 1000x560]

Writes the jobcentre demo (two waves, 2021 and 2023) in a temporary folder, sets the
municipality's target "theme mean at least 4.0" on a theme (seed 001) and draws:

- ``chart_likert_<lang>.png``: overall satisfaction by target group: the diverging
  distribution, the top-2 panel with ▲ marks, and the small target groups drawn light;
- ``chart_select_<lang>.png``: the citizen-service demo's contact channel, 2022 against 2019;
- ``chart_theme_<lang>.png``: the theme "treatment" with its statements, 2023 against 2021,
  the dashed target line at 4.0 and a reference municipality's theme mean as benchmark.

Needs no display: the Qt ``offscreen`` platform is used unless ``QT_QPA_PLATFORM`` says
otherwise; nothing in the user's data directory is touched.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from screens import Shots
from screens import size as size_of

ROOT = Path(__file__).resolve().parent.parent
THEME = "treatment"


def tables(folder: Path):
    """(jobcentre table by target group, its questionnaire, citizen-service table, its
    questionnaire)."""
    from surveydesk.analysis.project_tables import tables_for_project
    from surveydesk.analysis.reference import AT_LEAST, BenchmarkValue
    from surveydesk.analysis.tables import TableOptions
    from surveydesk.io.demo import write_demo
    from surveydesk.store import settings

    jobcentre = write_demo(folder / "jobcentre.sdproj", "jobcentre")
    try:
        settings.set_target(jobcentre, THEME, "theme_mean", AT_LEAST, 4.0)
        # A reference municipality's published theme mean (seed 001 compares with one).
        reference = BenchmarkValue(THEME, "theme_mean", 3.52, wave="2023",
                                   source="reference municipality")
        job_table = tables_for_project(jobcentre, TableOptions(
            breakdowns=("target_group",), benchmark=(reference,))).table
        job_questionnaire = jobcentre.questionnaire
    finally:
        jobcentre.close()
    citizen = write_demo(folder / "citizen.sdproj", "citizen_service")
    try:
        citizen_table = tables_for_project(citizen).table
        citizen_questionnaire = citizen.questionnaire
    finally:
        citizen.close()
    return job_table, job_questionnaire, citizen_table, citizen_questionnaire


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--size", default="1000x560", help="chart size, WIDTHxHEIGHT")
    args = parser.parse_args(argv)
    size = size_of(args.size)

    from surveydesk.gui import translation
    from surveydesk.gui.analysis.charts import ChartView

    shots = Shots(args.out)
    save = shots.save

    with tempfile.TemporaryDirectory() as tmp:
        job_table, job_form, citizen_table, citizen_form = tables(Path(tmp))
        view = ChartView()
        view.resize(*size)
        view.show()
        for code in ("en", "da"):
            translation.set_ui_language(code)
            view.show_subject(job_table, job_form, "sat_overall", language=code,
                              breakdown="target_group")
            save(view, f"chart_likert_{code}.png")
            view.show_subject(citizen_table, citizen_form, "channel_used", language=code)
            save(view, f"chart_select_{code}.png")
            view.show_subject(job_table, job_form, THEME, language=code)
            save(view, f"chart_theme_{code}.png")
        translation.set_ui_language("en")
        view.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
