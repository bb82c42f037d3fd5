"""The analysis view: time from choosing a question to the table and chart drawn.

    python benchmarks/analysis_gui.py [--respondents 100000] [--out FILE]

The two-wave project of ``analysis.py`` (``--respondents`` per wave, 60 questions, 13
departments) is opened in the analysis view (``AnalysisPage``), and the tables are computed
once in the background, as the view does. Then every question and theme is chosen in turn,
first without a breakdown and then broken down by department. For each switch the time runs
from the call the navigator makes (``AnalysisPage.show_subject``: the look-up of the
subject's rows in the computed table, the table model reset, the chart redraw) until the
whole view has been repainted synchronously (``QWidget.repaint``) after pending events.
Target (issue 7): a question switch redraws in under 150 ms.

Qt runs on the ``offscreen`` platform unless ``QT_QPA_PLATFORM`` says otherwise: painting
is done in full (raster); only handing the image to a display is left out.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent


def _wait(app, page, timeout: float = 600) -> float:
    start = time.perf_counter()
    while page._waiting() or page.task is not None:
        app.processEvents()
        time.sleep(0.005)
        if time.perf_counter() - start > timeout:
            raise RuntimeError("the tables were not computed in time")
    app.processEvents()
    return time.perf_counter() - start


def _switches(app, page, subjects) -> list[float]:
    times = []
    for subject in subjects:
        start = time.perf_counter()
        page.show_subject(subject)
        app.processEvents()
        page.repaint()
        times.append(time.perf_counter() - start)
    return times


def _stats(values) -> dict:
    ms = np.array(values) * 1000
    return {"n": len(ms), "p50_ms": round(float(np.percentile(ms, 50)), 1),
            "p95_ms": round(float(np.percentile(ms, 95)), 1),
            "max_ms": round(float(ms.max()), 1)}


def run(respondents: int) -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    from analysis import BREAKDOWN, build_project
    from PySide6.QtWidgets import QApplication

    from surveydesk.gui.analysis import AnalysisPage
    from surveydesk.store.project import Project

    app = QApplication.instance() or QApplication(["surveydesk-benchmark"])
    with tempfile.TemporaryDirectory(dir=ROOT) as folder:
        built = build_project(Path(folder), respondents)
        with Project.open(built["path"]) as project:
            page = AnalysisPage()
            page.resize(1400, 900)
            page.show()
            page.set_project(project)
            page.activate()
            first = _wait(app, page)
            subjects = page.navigator.subjects()
            page.show_subject(subjects[0])
            _switches(app, page, subjects[:3])  # warm up fonts and caches
            total = _switches(app, page, subjects)
            page.options.set_breakdowns(BREAKDOWN)
            broken_wait = _wait(app, page)
            _switches(app, page, subjects[:3])
            broken = _switches(app, page, subjects)
            page.abandon()
            page.close()
    return {
        "respondents_per_wave": respondents,
        "subjects": len(subjects),
        "tables_first_computed_s": round(first, 2),
        "tables_by_department_computed_s": round(broken_wait, 2),
        "question_switch": {**_stats(total), "target_ms": 150},
        "question_switch_by_department": {**_stats(broken), "target_ms": 150},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondents", type=int, default=100_000)
    parser.add_argument("--out", type=Path, default=ROOT / "analysis_gui_results.json")
    args = parser.parse_args(argv)
    figures = run(args.respondents)
    figures["machine"] = {"python": platform.python_version(), "platform": platform.platform(),
                          "qt_platform": os.environ.get("QT_QPA_PLATFORM", "")}
    args.out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(figures, indent=2))
    worst = max(figures["question_switch"]["max_ms"],
                figures["question_switch_by_department"]["max_ms"])
    print("target met" if worst < 150 else "TARGET MISSED (max)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
